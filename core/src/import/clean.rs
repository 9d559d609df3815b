//! Cleaning of the free texts of published referentials.
//!
//! Published files mix plain text, HTML fragments, Markdown links, HTML
//! entities and non-breaking spaces. [`clean`] turns them into plain text:
//!
//! - HTML tags are removed; the text of a link is kept, followed by its URL
//!   in parentheses (`<a href="u">t</a>` → `t (u)`); paragraphs, line breaks
//!   and headings become line breaks, list items become `- ` lines; the
//!   content of `<script>` and `<style>` is dropped;
//! - HTML entities (named, decimal, hexadecimal) are decoded, after the tags
//!   are removed, so an escaped `&lt;b&gt;` stays visible as `<b>`;
//! - non-breaking and other Unicode spaces become plain spaces, runs of
//!   spaces are collapsed, lines are trimmed, more than one blank line is
//!   collapsed to one, control characters are removed;
//! - Markdown (links `[text](url)`, `- ` lists) is kept as it is: it reads
//!   well as text and renders in Markdown reports; typographic apostrophes
//!   and quotes are kept.
//!
//! The tag stripper is a small state machine, not an HTML parser: a `<` that
//! does not open something tag-like (`a < b`, `<3`) is kept as text, and an
//! unterminated tag is kept as text. It never panics and runs in linear time.

/// Cleans one text (see the module documentation).
pub fn clean(input: &str) -> String {
    let stripped = strip_tags(input);
    let decoded = decode_entities(&stripped);
    normalize_spaces(&decoded)
}

/// The HTML named character references (WHATWG), one `name HEX` line each
/// (the code point in hexadecimal), sorted by name: the table html-escape
/// 0.2.15 decodes, kept as compact text (a table of string pairs weighs
/// about 20 KB more in the gzipped WebAssembly module).
const NAMED_ENTITIES: &str = include_str!("entities.txt");

/// The character a named reference stands for (`amp` → `&`).
fn named_entity(name: &[u8]) -> Option<char> {
    for line in NAMED_ENTITIES.lines() {
        let (entry, hex) = line.split_once(' ')?;
        match entry.as_bytes().cmp(name) {
            std::cmp::Ordering::Less => {}
            std::cmp::Ordering::Equal => return char::from_u32(u32::from_str_radix(hex, 16).ok()?),
            std::cmp::Ordering::Greater => return None,
        }
    }
    None
}

/// The character of a numeric reference, unless it cannot appear in an
/// HTML document (not a scalar value, or a C0 control other than ASCII
/// whitespace).
fn numeric_entity(digits: &str, radix: u32) -> Option<char> {
    // `from_str_radix` accepts a leading sign; a reference has digits only.
    if !char::from(digits.bytes().next()?).is_digit(radix) {
        return None;
    }
    let c = char::from_u32(u32::from_str_radix(digits, radix).ok()?)?;
    match c {
        '\t' | '\n' | '\u{c}' | '\r' => Some(c),
        '\0'..='\u{1f}' => None,
        _ => Some(c),
    }
}

/// The next decodable reference at or after `from`: its start, its end
/// (after the `;`) and its character. Exactly html-escape 0.2.15's
/// `decode_html_entities`: only references ending with `;`, no legacy
/// semicolonless names, no C1 replacements; an `&` restarts the search.
fn next_entity(text: &str, from: usize) -> Option<(usize, usize, char)> {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let mut p = from;
    'search: while p < b.len() {
        if at(p) != Some(b'&') {
            p += 1;
            continue;
        }
        let start = p;
        p += 1;
        // The reference's body starts at `body`; `radix` 0 for a name.
        let (body, radix) = match at(p)? {
            b'&' => continue 'search,
            b';' => {
                p += 1;
                continue 'search;
            }
            b'#' => {
                p += 1;
                match at(p)? {
                    b'&' => continue 'search,
                    b';' => {
                        p += 1;
                        continue 'search;
                    }
                    b'x' | b'X' => {
                        p += 1;
                        match at(p)? {
                            b'&' => continue 'search,
                            b';' => {
                                p += 1;
                                continue 'search;
                            }
                            _ => (p, 16),
                        }
                    }
                    _ => (p, 10),
                }
            }
            _ => (p, 0),
        };
        loop {
            p += 1;
            match at(p)? {
                b'&' => continue 'search,
                b';' => {
                    let digits = text.get(body..p)?;
                    let decoded = if radix == 0 {
                        named_entity(digits.as_bytes())
                    } else {
                        numeric_entity(digits, radix)
                    };
                    if let Some(c) = decoded {
                        return Some((start, p + 1, c));
                    }
                    p += 1;
                    continue 'search;
                }
                _ => {}
            }
        }
    }
    None
}

/// Decodes the HTML character references of a text (see [`next_entity`]).
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(mut entity) = next_entity(text, 0) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    loop {
        let (start, end, c) = entity;
        out.push_str(text.get(copied..start).unwrap_or_default());
        out.push(c);
        copied = end;
        match next_entity(text, end) {
            Some(next) => entity = next,
            None => break,
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    std::borrow::Cow::Owned(out)
}

/// Tags whose content is dropped with them.
const DROPPED_CONTENT: &[&str] = &["script", "style"];
/// Tags that separate paragraphs (a blank line).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "dl",
    "hr",
];
/// Tags that start a new line.
const LINES: &[&str] = &["br", "tr", "dt", "dd"];

/// Longest tag read (comments included): a `<` with no `>` within this many
/// characters is text. It keeps hostile input (`<!<!<!…`) linear.
const MAX_TAG_LEN: usize = 2048;

/// A tag as read: its lower-case name, whether it closes, and its `href`.
struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
}

/// Reads the tag that starts at `chars[start]` (a `<`): the tag and the
/// index after its `>`, or `None` when it is not tag-like.
fn read_tag(chars: &[char], start: usize) -> Option<(Tag, usize)> {
    let mut i = start.checked_add(1)?;
    let first = *chars.get(i)?;
    // Comments and declarations: up to the next `>`.
    let limit = start.saturating_add(MAX_TAG_LEN).min(chars.len());
    if first == '!' || first == '?' {
        let end = (i..limit).find(|&j| chars.get(j) == Some(&'>'))?;
        let name = if first == '!' { "!" } else { "?" };
        return Some((
            Tag {
                name: name.to_owned(),
                closing: false,
                href: None,
            },
            end + 1,
        ));
    }
    let closing = first == '/';
    if closing {
        i += 1;
    }
    if !chars.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while chars
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
    {
        i += 1;
    }
    let name: String = chars
        .get(name_start..i)?
        .iter()
        .map(char::to_ascii_lowercase)
        .collect();
    // Attributes, quotes respected, up to the closing `>`.
    let attr_start = i;
    let mut quote: Option<char> = None;
    loop {
        if i >= limit {
            return None;
        }
        let c = *chars.get(i)?;
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '>' => break,
            None if c == '<' => return None,
            None => {}
        }
        i += 1;
    }
    let attrs: String = chars.get(attr_start..i)?.iter().collect();
    let href = if name == "a" {
        attribute(&attrs, "href")
    } else {
        None
    };
    Some((
        Tag {
            name,
            closing,
            href,
        },
        i + 1,
    ))
}

/// The value of an attribute in a tag's attribute text.
fn attribute(attrs: &str, wanted: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower.get(from..)?.find(wanted) {
        let at = from + pos;
        let before_ok = at == 0
            || lower
                .get(..at)
                .and_then(|s| s.chars().last())
                .is_some_and(char::is_whitespace);
        let rest = attrs.get(at + wanted.len()..)?.trim_start();
        if before_ok {
            if let Some(value) = rest.strip_prefix('=') {
                let value = value.trim_start();
                let v = match value.chars().next() {
                    Some(q @ ('"' | '\'')) => value.get(1..)?.split(q).next()?,
                    _ => value.split(char::is_whitespace).next()?,
                };
                let v = v.trim();
                return (!v.is_empty()).then(|| v.to_owned());
            }
        }
        from = at + wanted.len();
    }
    None
}

/// Removes HTML tags (see the module documentation).
fn strip_tags(input: &str) -> String {
    if !input.contains('<') {
        return input.to_owned();
    }
    let chars: Vec<char> = input.chars().collect();
    let mut out = String::with_capacity(input.len());
    // Open links: (href, output length when the link opened).
    let mut links: Vec<(Option<String>, usize)> = Vec::new();
    // Inside a dropped element: its name.
    let mut dropping: Option<String> = None;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c != '<' {
            if dropping.is_none() {
                out.push(c);
            }
            i += 1;
            continue;
        }
        let Some((tag, next)) = read_tag(&chars, i) else {
            if dropping.is_none() {
                out.push(c);
            }
            i += 1;
            continue;
        };
        i = next;
        if let Some(d) = &dropping {
            if tag.closing && &tag.name == d {
                dropping = None;
            }
            continue;
        }
        let name = tag.name.as_str();
        if DROPPED_CONTENT.contains(&name) && !tag.closing {
            dropping = Some(tag.name.clone());
        } else if name == "a" {
            if tag.closing {
                if let Some((href, opened_at)) = links.pop() {
                    let text = out.get(opened_at..).unwrap_or_default().trim().to_owned();
                    if let Some(h) = href.filter(|h| !h.starts_with('#') && text != *h) {
                        if text.is_empty() {
                            out.push_str(&h);
                        } else {
                            out.push_str(&format!(" ({h})"));
                        }
                    }
                }
            } else if links.len() < 64 {
                links.push((tag.href, out.len()));
            }
        } else if name == "li" {
            if !tag.closing {
                out.push_str("\n- ");
            }
        } else if BLOCKS.contains(&name) {
            out.push_str("\n\n");
        } else if LINES.contains(&name) {
            out.push('\n');
        } else if name == "td" || name == "th" {
            out.push(' ');
        }
    }
    out
}

/// Normalises spaces and line breaks (see the module documentation).
fn normalize_spaces(input: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for raw in input.split('\n') {
        let mut line = String::with_capacity(raw.len());
        let mut last_space = false;
        for c in raw.chars() {
            let c = if c.is_whitespace() || c == '\u{200b}' {
                ' '
            } else if c.is_control() {
                continue;
            } else {
                c
            };
            if c == ' ' {
                if last_space {
                    continue;
                }
                last_space = true;
            } else {
                last_space = false;
            }
            line.push(c);
        }
        lines.push(line.trim().to_owned());
    }
    let mut out = String::with_capacity(input.len());
    let mut blank_run = 0;
    let mut previous_item = false;
    for line in lines {
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            // Items of one list stay together.
            let item_after_item = line.starts_with("- ") && previous_item;
            out.push_str(if blank_run > 0 && !item_after_item {
                "\n\n"
            } else {
                "\n"
            });
        }
        blank_run = 0;
        previous_item = line.starts_with("- ");
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{clean, decode_entities, NAMED_ENTITIES};

    /// The decoder is html-escape 0.2.15's, with a compact table: same
    /// output on every named reference and on random reference-like texts.
    #[test]
    fn entities_decode_as_html_escape_does() {
        for line in NAMED_ENTITIES.lines() {
            let name = line.split(' ').next().unwrap_or_default();
            for text in [
                format!("&{name};"),
                format!("a&{name};b&{name}"),
                format!("&{name}"),
            ] {
                assert_eq!(
                    decode_entities(&text),
                    html_escape::decode_html_entities(&text)
                );
            }
        }
        let pieces = [
            "&",
            ";",
            "#",
            "x",
            "X",
            "amp",
            "lt",
            "eacute",
            "AElig",
            "0",
            "9",
            "a",
            "F",
            "-",
            "+",
            " ",
            "é",
            "\u{1F600}",
            "65",
            "x41",
            "0000",
            "1114112",
            "12",
            "9999999999",
            "nbsp",
            "NewLine",
            "\n",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(
                    pieces
                        .get((seed % pieces.len() as u64) as usize)
                        .unwrap_or(&""),
                );
            }
            assert_eq!(
                decode_entities(&text),
                html_escape::decode_html_entities(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            clean("L&#39;&eacute;t&eacute; &amp; l&rsquo;hiver&nbsp;!"),
            "L'été & l’hiver !"
        );
        assert_eq!(clean("&#x27;a&#X27;"), "'a'");
        assert_eq!(clean("&lt;b&gt; stays"), "<b> stays");
        assert_eq!(clean("&unknown; &#99999999; &"), "&unknown; &#99999999; &");
    }

    #[test]
    fn tags_are_stripped_links_kept() {
        assert_eq!(
            clean("<p>Voir <a href=\"https://x.fr/a\" target=_blank>le guide</a>.</p><p>Fin</p>"),
            "Voir le guide (https://x.fr/a).\n\nFin"
        );
        assert_eq!(
            clean("<ul><li>un</li><li><em>deux</em></li></ul>"),
            "- un\n- deux"
        );
        assert_eq!(
            clean("<a href='https://x.fr'>https://x.fr</a>"),
            "https://x.fr"
        );
        assert_eq!(clean("<a href=\"https://x.fr\"></a>"), "https://x.fr");
        assert_eq!(clean("a<script>alert(1)</script>b"), "ab");
        assert_eq!(clean("<!-- note -->texte"), "texte");
        assert_eq!(
            clean("<p>Liste :</p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n<p>Fin</p>"),
            "Liste :\n\n- un\n- deux\n\nFin"
        );
    }

    #[test]
    fn hostile_markup_never_panics() {
        for s in [
            "<",
            "<<<<",
            "a < b > c",
            "<a",
            "<a href=\"unterminated",
            "</",
            "<a href=>x</a></a></a>",
            "<script>never closed",
            "<!--",
            "<p\u{0}>é</p>",
            "<é>",
            "<a href=\"x\">".repeat(200).as_str(),
            "&#;&#x;&;&amp",
            "\u{a0}\u{202f}\u{2009}",
        ] {
            let _ = clean(s);
        }
        assert_eq!(clean("a < b et 3 <4"), "a < b et 3 <4");
        // Linear on unterminated constructs.
        for unit in ["<!", "<a \"", "<a href='", "<p"] {
            let s = unit.repeat(20_000);
            let started = std::time::Instant::now();
            assert_eq!(clean(&s).chars().count(), s.chars().count());
            assert!(started.elapsed().as_secs() < 5, "{unit}");
        }
        assert_eq!(clean("<a href=\"x"), "<a href=\"x");
    }

    #[test]
    fn spaces_are_normalised() {
        assert_eq!(
            clean("  un\u{a0}:\u{202f}deux  \t trois \n\n\n\nquatre\r\n"),
            "un : deux trois\n\nquatre"
        );
        assert_eq!(clean("l’utilité « ok »"), "l’utilité « ok »");
        assert_eq!(clean("[lien](https://a.b) - x"), "[lien](https://a.b) - x");
    }
}
