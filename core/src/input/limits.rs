//! Documented maximum sizes of the documents the library reads, and their
//! checks.
//!
//! Every limit is far above what a real document needs (the embedded
//! referential has 8 themes, 76 questions and is 330 KB; France has about
//! 36,500 collectivités), and low enough that no document within them can
//! make an operation take more than a few seconds or exhaust memory. They
//! are checked **before any expensive work**:
//!
//! 1. JSON text: its size ([`max_bytes`]) and its nesting depth
//!    ([`MAX_DEPTH`], found by a byte scan that ignores brackets inside
//!    strings) before it is parsed ([`check_text`]);
//! 2. parsed documents: their counts (questions, actions, answers, peers,
//!    …) before they are validated, scored or optimised
//!    ([`check_referential`], [`check_assessment`], …).
//!
//! A document over a limit fails with one issue: `too_large` (bytes),
//! `too_deep` (nesting) or `too_many` (a count), whose path names the
//! collection.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;

use crate::model::assessment::Assessment;
use crate::model::crosswalk::Crosswalk;
use crate::model::error::{DocumentKind, Issue, IssueCode};
use crate::model::peers::PeerSet;
use crate::model::plan::Plan;
use crate::model::referential::{Referential, Response};

const MIB: usize = 1024 * 1024;

/// Largest referential, in bytes of JSON text: 16 MiB, 50 times the
/// embedded referential (330 KB with its French and English texts).
pub const MAX_REFERENTIAL_BYTES: usize = 16 * MIB;

/// Largest assessment, in bytes: 4 MiB. A complete level-2 assessment of
/// the embedded referential is under 40 KB; comments and evidence lists
/// leave room for 100 times that.
pub const MAX_ASSESSMENT_BYTES: usize = 4 * MIB;

/// Largest action plan, in bytes: 8 MiB (its actions, and the baseline
/// assessment it may embed).
pub const MAX_PLAN_BYTES: usize = 8 * MIB;

/// Largest proposal request, target, profile or proposal, in bytes: 1 MiB
/// (a few fields and lists of action ids).
pub const MAX_REQUEST_BYTES: usize = MIB;

/// Largest set of peers' results, in bytes: 64 MiB, enough for
/// [`MAX_PEERS`] results of about 650 bytes each (pretty-printed, eight
/// themes).
pub const MAX_PEERS_BYTES: usize = 64 * MIB;

/// Largest crosswalk, in bytes: 4 MiB ([`MAX_MAPPINGS`] mappings of about
/// 1 KB).
pub const MAX_CROSSWALK_BYTES: usize = 4 * MIB;

/// Largest published referential given to an importer, in bytes: 32 MiB
/// (the RGESN and the W3C guidelines are a few MB with their HTML).
pub const MAX_IMPORT_SOURCE_BYTES: usize = 32 * MIB;

/// Largest Éco-clic database given to its importer, in bytes: 128 MiB, the
/// dump or every CSV export together (a dump of Éco-clic's questionnaire
/// is about 170 KB; its answers take about 150 rows per collectivité).
pub const MAX_ECOCLIC_SOURCE_BYTES: usize = 128 * MIB;

/// Most rows read from an Éco-clic database (every table read counted):
/// 500,000, about 3,000 collectivités' answers.
pub const MAX_ECOCLIC_ROWS: usize = 500_000;

/// Largest document of any kind, in bytes (the largest limit above): the
/// limit of a document whose kind is not known yet.
pub const MAX_DOCUMENT_BYTES: usize = MAX_PEERS_BYTES;

/// Deepest nesting of arrays and objects in a document: 64. Real documents
/// nest at most 9 levels; serde_json refuses more than 128, and a depth
/// checked before parsing keeps every recursive walk of the value (and its
/// drop) far from the stack's end.
pub const MAX_DEPTH: usize = 64;

/// Most themes in a referential: 100.
pub const MAX_THEMES: usize = 100;

/// Most questions in a referential: 2,000 (the embedded one has 76, the
/// W3C guidelines about 230). Scoring a report rescores the assessment once
/// per action, so the work grows with questions × actions.
pub const MAX_QUESTIONS: usize = 2_000;

/// Most options of a choice question, or bands of a numeric one: 100.
pub const MAX_OPTIONS: usize = 100;

/// Most actions in a referential: 2,000.
pub const MAX_ACTIONS: usize = 2_000;

/// Most answers in an assessment: [`MAX_QUESTIONS`] (one per question).
pub const MAX_ANSWERS: usize = MAX_QUESTIONS;

/// Most actions in a plan: 2,000.
pub const MAX_PLAN_ACTIONS: usize = 2_000;

/// Most results in a set of peers: 100,000 (France has about 36,500
/// collectivités: communes, EPCI, départements, régions).
pub const MAX_PEERS: usize = 100_000;

/// Most mappings in a crosswalk: 4,000 (one per question of each version).
pub const MAX_MAPPINGS: usize = 2 * MAX_QUESTIONS;

/// Longest id (of a theme, question, option, action, …), in characters:
/// 200. Checked by the validation of each document (`invalid_id`).
pub const MAX_ID_LEN: usize = 200;

/// The largest JSON text accepted for a document of `kind`, in bytes
/// ([`MAX_DOCUMENT_BYTES`] for a kind not known yet).
pub fn max_bytes(kind: DocumentKind) -> usize {
    match kind {
        DocumentKind::Referential => MAX_REFERENTIAL_BYTES,
        DocumentKind::Assessment => MAX_ASSESSMENT_BYTES,
        DocumentKind::Plan => MAX_PLAN_BYTES,
        DocumentKind::Request => MAX_REQUEST_BYTES,
        DocumentKind::Peers => MAX_PEERS_BYTES,
        DocumentKind::Crosswalk => MAX_CROSSWALK_BYTES,
        DocumentKind::ImportSource => MAX_IMPORT_SOURCE_BYTES,
        DocumentKind::Unknown => MAX_DOCUMENT_BYTES,
    }
}

/// Checks the size of JSON text for a document of `kind`.
pub fn check_size(len: usize, kind: DocumentKind) -> Result<(), Issue> {
    let max = max_bytes(kind);
    if len > max {
        let what = match kind {
            DocumentKind::Unknown => "a document".to_owned(),
            DocumentKind::ImportSource => "a source to import".to_owned(),
            k => format!("a {}", k.as_str()),
        };
        return Err(Issue::error(
            IssueCode::TooLarge,
            "",
            format!("the document is {len} bytes: {what} may have at most {max} bytes"),
        ));
    }
    Ok(())
}

/// The nesting depth of JSON text, or `None` as soon as it exceeds `max`.
/// A single pass over the bytes: brackets inside strings (escapes
/// included) do not count. Malformed text is measured all the same (the
/// parser reports it afterwards).
pub fn nesting_depth(text: &str, max: usize) -> Option<usize> {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in text.as_bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return None;
                }
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Some(deepest)
}

/// Checks JSON text for a document of `kind` before it is parsed: its size,
/// its nesting depth, then that no object repeats a key.
pub fn check_text(text: &str, kind: DocumentKind) -> Result<(), Issue> {
    check_size(text.len(), kind)?;
    if nesting_depth(text, MAX_DEPTH).is_none() {
        return Err(Issue::error(
            IssueCode::TooDeep,
            "",
            format!("arrays and objects are nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    check_duplicate_keys(text)
}

/// Fails with `duplicate_key` when an object of the JSON text has the same
/// key twice (after unescaping): parsers keep one of them silently (the
/// last, for serde_json), so half of what the author wrote would be lost.
/// Text that is not valid JSON passes: the parser reports it.
pub fn check_duplicate_keys(text: &str) -> Result<(), Issue> {
    use serde::de::DeserializeSeed;
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    if (Walk { found: &found }).deserialize(&mut de).is_ok() {
        return Ok(());
    }
    let Some(mut tokens) = found.into_inner() else {
        return Ok(());
    };
    tokens.reverse();
    let key = tokens.last().cloned().unwrap_or_default();
    let path = tokens
        .iter()
        .fold(String::new(), |path, t| crate::input::parse::join(&path, t));
    Err(Issue::error(
        IssueCode::DuplicateKey,
        path,
        format!("the key {key:?} appears twice in the same object: write it once"),
    ))
}

/// The path (innermost token first) of the duplicate key found, if any.
type Found = RefCell<Option<Vec<String>>>;

/// Walks a JSON value without building it, looking for duplicate keys.
struct Walk<'a> {
    found: &'a Found,
}

impl Walk<'_> {
    /// On the way out of an error, prepends the token of the enclosing value.
    fn push(&self, token: impl FnOnce() -> String) {
        if let Some(tokens) = self.found.borrow_mut().as_mut() {
            tokens.push(token());
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            match seq.next_element_seed(Walk { found: self.found }) {
                Ok(Some(())) => i += 1,
                Ok(None) => return Ok(()),
                Err(e) => {
                    self.push(|| i.to_string());
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: HashSet<Cow<'de, str>> = HashSet::new();
        while let Some(Key(key)) = map.next_key()? {
            if seen.contains(&key) {
                *self.found.borrow_mut() = Some(vec![key.into_owned()]);
                return Err(serde::de::Error::custom("duplicate key"));
            }
            if let Err(e) = map.next_value_seed(Walk { found: self.found }) {
                self.push(|| key.to_string());
                return Err(e);
            }
            seen.insert(key);
        }
        Ok(())
    }
}

/// An object key, borrowed from the text when it has no escape.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Reads bytes as the UTF-8 text of a document of `kind`: its size is
/// checked first, then its encoding (`invalid_json`, with the offset of
/// the first invalid byte).
pub fn text_from_utf8(bytes: &[u8], kind: DocumentKind) -> Result<&str, Issue> {
    check_size(bytes.len(), kind)?;
    std::str::from_utf8(bytes).map_err(|e| {
        Issue::error(
            IssueCode::InvalidJson,
            "",
            format!(
                "not valid JSON: the text is not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

fn too_many(path: &str, count: usize, max: usize, what: &str) -> Issue {
    Issue::error(
        IssueCode::TooMany,
        path,
        format!("{count} {what}: at most {max} are allowed"),
    )
}

fn at_most(path: &str, count: usize, max: usize, what: &str) -> Result<(), Issue> {
    if count > max {
        Err(too_many(path, count, max, what))
    } else {
        Ok(())
    }
}

/// Checks the counts of a referential: themes, questions, options of each
/// question, actions.
pub fn check_referential(r: &Referential) -> Result<(), Issue> {
    at_most("/themes", r.themes.len(), MAX_THEMES, "themes")?;
    at_most("/questions", r.questions.len(), MAX_QUESTIONS, "questions")?;
    for (i, q) in r.questions.iter().enumerate() {
        let (field, n) = match &q.response {
            Response::YesNo { .. } => continue,
            Response::SingleChoice { options } | Response::MultipleChoice { options, .. } => {
                ("options", options.len())
            }
            Response::Numeric { bands, .. } => ("bands", bands.len()),
        };
        // The path is only built when there is something to report: this
        // runs on every call, even for a checked referential.
        if n > MAX_OPTIONS {
            at_most(
                &format!("/questions/{i}/response/{field}"),
                n,
                MAX_OPTIONS,
                field,
            )?;
        }
    }
    at_most("/actions", r.actions.len(), MAX_ACTIONS, "actions")
}

/// Checks the counts of an assessment: its answers.
pub fn check_assessment(a: &Assessment) -> Result<(), Issue> {
    at_most("/answers", a.answers.len(), MAX_ANSWERS, "answers")?;
    at_most(
        "/from_plan",
        a.from_plan.len(),
        MAX_ANSWERS,
        "answers from a plan",
    )
}

/// Checks the counts of a plan: its actions, and its baseline assessment.
pub fn check_plan(p: &Plan) -> Result<(), Issue> {
    at_most("/actions", p.actions.len(), MAX_PLAN_ACTIONS, "actions")?;
    if let Some(b) = &p.baseline {
        check_assessment(b).map_err(|mut i| {
            i.path = format!("/baseline{}", i.path);
            i
        })?;
    }
    Ok(())
}

/// Checks the counts of a set of peers' results.
pub fn check_peers(set: &PeerSet) -> Result<(), Issue> {
    at_most("/peers", set.peers.len(), MAX_PEERS, "peers' results")?;
    for (i, p) in set.peers.iter().enumerate() {
        at_most(
            &format!("/peers/{i}/themes"),
            p.themes.len(),
            MAX_THEMES,
            "themes",
        )?;
    }
    Ok(())
}

/// Checks the counts of a crosswalk: its mappings.
pub fn check_crosswalk(c: &Crosswalk) -> Result<(), Issue> {
    at_most("/mappings", c.mappings.len(), MAX_MAPPINGS, "mappings")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_brackets_in_strings() {
        assert_eq!(nesting_depth(r#"{"a": "[[[{{{", "b": [1]}"#, 64), Some(2));
        assert_eq!(nesting_depth(r#"["\"[[[", ["\\"], "]"]"#, 64), Some(2));
        assert_eq!(nesting_depth("1", 64), Some(0));
        assert_eq!(nesting_depth(&"[".repeat(65), 64), None);
        assert_eq!(nesting_depth(&"[".repeat(64), 64), Some(64));
        // Unbalanced closers never underflow.
        assert_eq!(nesting_depth("]]]][", 64), Some(1));
    }

    #[test]
    fn text_checks_size_then_depth() {
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let e = check_text(&deep, DocumentKind::Assessment).unwrap_err();
        assert_eq!(e.code, IssueCode::TooDeep);
        let big = " ".repeat(MAX_REQUEST_BYTES + 1);
        let e = check_text(&big, DocumentKind::Request).unwrap_err();
        assert_eq!(e.code, IssueCode::TooLarge);
        assert!(check_text(&big, DocumentKind::Assessment).is_ok());
    }

    #[test]
    fn duplicate_keys_are_found_with_their_path() {
        let e = check_duplicate_keys(r#"{"a": [1, {"b": 1, "\u0062": 2}]}"#).unwrap_err();
        assert_eq!(e.code, IssueCode::DuplicateKey);
        assert_eq!(e.path, "/a/1/b");
        assert!(check_duplicate_keys(r#"{"a": {"b": 1}, "b": {"a": 1}}"#).is_ok());
        // Not JSON: left to the parser.
        assert!(check_duplicate_keys(r#"{"a": 1,}"#).is_ok());
    }

    #[test]
    fn invalid_utf8_is_invalid_json() {
        let e = text_from_utf8(b"{\"a\": \"\xff\"}", DocumentKind::Assessment).unwrap_err();
        assert_eq!(e.code, IssueCode::InvalidJson);
        assert!(e.message.contains("offset 7"), "{}", e.message);
    }
}
