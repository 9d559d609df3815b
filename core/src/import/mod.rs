//! Importers of published referentials into our [`Referential`] format.
//!
//! Four formats are read:
//!
//! - [`rgesn`]: the RGESN (Référentiel général d'écoconception de services
//!   numériques, Arcep/Arcom/DINUM), a list of criteria;
//! - [`minumeco`]: the government's good-practice guide for organisations
//!   (DINUM/MTE/INR), themes of practices;
//! - [`wsg`]: the W3C Web Sustainability Guidelines, categories of
//!   guidelines with success criteria;
//! - [`ecoclic`]: the questionnaire of the Éco-clic platform, from its
//!   database (a MySQL dump or CSV exports), and its collectivités'
//!   answers as assessments.
//!
//! Each JSON importer keeps the source ids, themes, ratings (priority and
//! difficulty, or impact and effort, as action impact and effort) and texts
//! (cleaned by [`clean::clean`]). It accepts the other published shapes of
//! its format (the list alone or wrapped in an object with metadata, field
//! names with or without accents, numbers as ids, fields added or missing)
//! and reports in an [`ImportReport`] every entry it skipped, with the JSON
//! pointer of the entry in the source and the reason, and every source field
//! it did not carry over. A source it cannot recognise is an
//! [`Error::Invalid`] of [`DocumentKind::ImportSource`]; the imported
//! referential always passes the library's own validation.

mod builder;
pub mod clean;
pub mod ecoclic;
pub mod minumeco;
pub mod rgesn;
pub mod wsg;

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::input::parse::join;
use crate::model::error::{DocumentKind, Error, Issue, IssueCode};
use crate::model::referential::{Rating, Referential};
use crate::model::text::Text;

/// A published format the library imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// RGESN criteria (Arcep, Arcom, DINUM).
    Rgesn,
    /// The good-practice guide for organisations (DINUM, MiNumEco).
    Minumeco,
    /// W3C Web Sustainability Guidelines.
    Wsg,
    /// Éco-clic's questionnaire (a MySQL dump; CSV exports through
    /// `sobriete import ecoclic`).
    Ecoclic,
}

impl ImportFormat {
    /// Every format.
    pub const ALL: &'static [ImportFormat] = &[
        ImportFormat::Rgesn,
        ImportFormat::Minumeco,
        ImportFormat::Wsg,
        ImportFormat::Ecoclic,
    ];

    /// The JSON name (`rgesn`, `minumeco`, `wsg`, `ecoclic`).
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Rgesn => "rgesn",
            ImportFormat::Minumeco => "minumeco",
            ImportFormat::Wsg => "wsg",
            ImportFormat::Ecoclic => "ecoclic",
        }
    }

    /// Parses a format name (case-insensitive).
    pub fn parse(name: &str) -> Option<ImportFormat> {
        ImportFormat::ALL
            .iter()
            .copied()
            .find(|f| f.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

/// An imported referential and what the import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Imported {
    /// The referential, valid.
    pub referential: Referential,
    /// What was imported, skipped and dropped.
    pub report: ImportReport,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportReport {
    /// The format read.
    pub source_format: ImportFormat,
    /// The source's title, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_title: Option<String>,
    /// The source's version or edition as written, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_version: Option<String>,
    /// Counts of what was read and imported.
    pub counts: ImportCounts,
    /// Entries of the source that were not imported, and why.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
    /// Source fields whose content is not carried into the referential, as
    /// JSON pointers with `*` for every index (e.g. `/category/*/guidelines/*/GRI`).
    #[serde(default)]
    pub dropped_fields: Vec<String>,
    /// Things kept with an assumption (a missing rating taken as medium, a
    /// missing theme, …), as warnings located in the source.
    #[serde(default)]
    pub warnings: Vec<Issue>,
}

/// Counts of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportCounts {
    /// Entries found in the source (criteria, practices or guidelines).
    pub source_entries: u32,
    /// Themes of the referential.
    pub themes: u32,
    /// Questions of the referential (one per imported entry).
    pub questions: u32,
    /// Actions of the referential (one per question).
    pub actions: u32,
    /// Success criteria imported as answer options (WSG only, else 0).
    pub criteria: u32,
}

/// An entry of the source that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Skipped {
    /// JSON pointer (RFC 6901) of the entry in the source.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Imports a source in `format`: JSON text, or for `ecoclic` the text of
/// a MySQL dump.
pub fn import(format: ImportFormat, text: &str) -> Result<Imported, Error> {
    match format {
        ImportFormat::Rgesn => rgesn::import(text),
        ImportFormat::Minumeco => minumeco::import(text),
        ImportFormat::Wsg => wsg::import(text),
        ImportFormat::Ecoclic => ecoclic::import_sql(text),
    }
}

// ---------------------------------------------------------------------------
// Shared helpers of the importers.

/// The error of a source that cannot be imported.
pub(crate) fn source_error(issues: Vec<Issue>) -> Error {
    Error::Invalid {
        document: DocumentKind::ImportSource,
        issues,
    }
}

/// Parses the source text.
pub(crate) fn parse_source(json: &str) -> Result<Value, Error> {
    crate::input::parse::parse_value(json).map_err(|i| source_error(vec![i]))
}

/// What an importer accumulates while reading a source.
#[derive(Debug, Default)]
pub(crate) struct Log {
    pub(crate) skipped: Vec<Skipped>,
    pub(crate) warnings: Vec<Issue>,
    pub(crate) dropped: BTreeSet<String>,
    /// Ratings missing from an entry: (what, entry path). Reported once for
    /// the whole source when no imported entry has the rating.
    pub(crate) missing: Vec<(String, String)>,
}

impl Log {
    pub(crate) fn skip(&mut self, path: &str, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            path: path.to_owned(),
            reason: reason.into(),
        });
    }

    pub(crate) fn warn(&mut self, code: IssueCode, path: &str, message: impl Into<String>) {
        self.warnings.push(Issue::warning(code, path, message));
    }

    /// Records the keys of `obj` that no alias list in `known` names.
    pub(crate) fn drop_unknown(
        &mut self,
        obj: &Map<String, Value>,
        pattern: &str,
        known: &[&[&str]],
    ) {
        for key in obj.keys() {
            let norm = normalize_key(key);
            let used = known
                .iter()
                .any(|aliases| aliases.iter().any(|a| normalize_key(a) == norm));
            if !used {
                self.dropped.insert(join(pattern, key));
            }
        }
    }
}

/// A key folded for comparison: lower case, accents, `_`, `-` and spaces removed.
pub(crate) fn normalize_key(key: &str) -> String {
    fold(key).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Lower case without French accents.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'œ' => 'o',
            other => other,
        })
        .collect()
}

/// The first key of `obj` matching one of `aliases` (compared folded), with
/// its value.
pub(crate) fn field<'a>(
    obj: &'a Map<String, Value>,
    aliases: &[&str],
) -> Option<(&'a str, &'a Value)> {
    aliases.iter().find_map(|alias| {
        let want = normalize_key(alias);
        obj.iter()
            .find(|(k, _)| normalize_key(k) == want)
            .map(|(k, v)| (k.as_str(), v))
    })
}

/// A scalar as text: strings as they are, numbers and booleans written out.
pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A field as cleaned text; arrays of strings are joined as `- ` lines;
/// empty texts are `None`.
pub(crate) fn text_field(obj: &Map<String, Value>, aliases: &[&str]) -> Option<String> {
    let (_, v) = field(obj, aliases)?;
    let raw = match v {
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(scalar_text)
                .map(|s| clean::clean(&s))
                .filter(|s| !s.is_empty())
                .collect();
            return (!parts.is_empty()).then(|| parts.join(", "));
        }
        other => scalar_text(other)?,
    };
    let s = clean::clean(&raw);
    (!s.is_empty()).then_some(s)
}

/// A field as a list of cleaned texts (a string is split on commas when
/// `split` is true, else kept as one item).
pub(crate) fn list_field(obj: &Map<String, Value>, aliases: &[&str], split: bool) -> Vec<String> {
    let Some((_, v)) = field(obj, aliases) else {
        return Vec::new();
    };
    let items: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(scalar_text).collect(),
        Value::String(s) if split => s.split([',', ';']).map(str::to_owned).collect(),
        other => scalar_text(other).into_iter().collect(),
    };
    items
        .iter()
        .map(|s| clean::clean(s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// An id field: a string (trimmed) or a number.
pub(crate) fn id_field(obj: &Map<String, Value>, aliases: &[&str]) -> Option<String> {
    let (_, v) = field(obj, aliases)?;
    let s = scalar_text(v)?;
    let s: String = s.trim().chars().filter(|c| !c.is_control()).collect();
    (!s.is_empty() && s.chars().count() <= crate::check::validate::MAX_ID_LEN).then_some(s)
}

/// A three-step rating from its published words, in French or English.
pub(crate) fn rating(word: &str) -> Option<Rating> {
    let w = fold(word.trim());
    match w.as_str() {
        "faible" | "facile" | "low" | "easy" | "modere" | "moderee" | "aller plus loin" | "bas"
        | "basse" | "1" => Some(Rating::Low),
        "moyen" | "moyenne" | "medium" | "moderate" | "recommande" | "recommandee" | "normal"
        | "normale" | "2" => Some(Rating::Medium),
        "fort" | "forte" | "eleve" | "elevee" | "difficile" | "high" | "hard" | "prioritaire"
        | "haut" | "haute" | "3" => Some(Rating::High),
        _ => None,
    }
}

/// A rating field; missing or unknown is medium, with a warning.
pub(crate) fn rating_field(
    obj: &Map<String, Value>,
    aliases: &[&str],
    what: &str,
    path: &str,
    log: &mut Log,
) -> (Rating, Option<String>) {
    match field(obj, aliases) {
        None => {
            log.missing.push((what.to_owned(), path.to_owned()));
            (Rating::Medium, None)
        }
        Some((key, v)) => {
            let word = scalar_text(v).unwrap_or_default();
            match rating(&word) {
                Some(r) => (r, Some(word.trim().to_owned())),
                None => {
                    log.warn(
                        IssueCode::InvalidValue,
                        &join(path, key),
                        format!("{what} {word:?} is not a known rating: medium assumed"),
                    );
                    (Rating::Medium, None)
                }
            }
        }
    }
}

/// A version written in a source (`v1`, `2024`, `1.2`, `1.0.3`) as semantic
/// versioning; `None` when it has no number.
pub(crate) fn semver_of(version: &str) -> Option<String> {
    let parts: Vec<u64> = version
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .take(3)
        .map(|p| p.parse::<u64>().ok())
        .collect::<Option<Vec<u64>>>()?;
    let mut it = parts.into_iter();
    let major = it.next()?;
    Some(format!(
        "{major}.{}.{}",
        it.next().unwrap_or(0),
        it.next().unwrap_or(0)
    ))
}

/// An id made of a title: folded, non-alphanumerics as `-`.
pub(crate) fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in fold(title).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    let out: String = out.chars().take(60).collect();
    if out.is_empty() {
        "theme".to_owned()
    } else {
        out
    }
}

/// A text in French only.
pub(crate) fn fr(s: impl Into<String>) -> Text {
    Text {
        fr: s.into(),
        en: None,
    }
}

/// Objects that wrap a source's content (`{"data": {…}}`).
const WRAPPERS: &[&str] = &["data", "referentiel", "referential", "content", "contenu"];

/// The first string among `keys` of the top-level object (metadata), or of
/// an object wrapping the content (`data`, `referentiel`, …).
pub(crate) fn meta(value: &Value, keys: &[&str]) -> Option<String> {
    let Value::Object(m) = value else { return None };
    let direct = field(m, keys)
        .and_then(|(_, v)| scalar_text(v))
        .map(|s| clean::clean(&s))
        .filter(|s| !s.is_empty());
    direct.or_else(|| {
        WRAPPERS.iter().find_map(|w| match field(m, &[*w]) {
            Some((_, inner @ Value::Object(_))) => meta(inner, keys),
            _ => None,
        })
    })
}

/// A name given as text, or as an object with a name (`{"id": 1, "nom": "…"}`).
pub(crate) fn name_field(obj: &Map<String, Value>, aliases: &[&str]) -> Option<String> {
    match field(obj, aliases)? {
        (_, Value::Object(inner)) => text_field(
            inner,
            &["nom", "titre", "name", "title", "libelle", "label"],
        ),
        _ => text_field(obj, aliases),
    }
}

/// The publisher named in a source's metadata (`author` as a name or an
/// object with a `name`).
pub(crate) fn publisher(value: &Value) -> Option<String> {
    let Value::Object(m) = value else { return None };
    match field(m, &["author", "auteur", "editeur", "publisher"])? {
        (_, Value::Object(a)) => text_field(a, &["name", "nom"]),
        (_, v) => scalar_text(v)
            .map(|s| clean::clean(&s))
            .filter(|s| !s.is_empty()),
    }
}

/// Finishes an import: validates the referential, then counts.
pub(crate) fn finish(
    referential: Referential,
    format: ImportFormat,
    source_title: Option<String>,
    source_version: Option<String>,
    source_entries: usize,
    criteria: usize,
    log: Log,
) -> Result<Imported, Error> {
    if referential.questions.is_empty() {
        let mut issues = vec![Issue::error(
            IssueCode::EmptyReferential,
            "",
            format!(
                "no entry of the source could be imported as a {} question",
                format.as_str()
            ),
        )];
        issues.extend(
            log.skipped
                .iter()
                .map(|s| Issue::error(IssueCode::InvalidValue, s.path.clone(), s.reason.clone())),
        );
        return Err(source_error(issues));
    }
    let issues = crate::check::validate::validate_referential(&referential);
    if issues.iter().any(Issue::is_error) {
        return Err(Error::Invalid {
            document: DocumentKind::Referential,
            issues,
        });
    }
    let mut log = log;
    // A rating no imported entry has is one warning, not one per entry.
    let mut whats: Vec<String> = log.missing.iter().map(|(w, _)| w.clone()).collect();
    whats.dedup();
    let whats: BTreeSet<String> = whats.into_iter().collect();
    for what in whats {
        let paths: Vec<String> = log
            .missing
            .iter()
            .filter(|(w, _)| *w == what)
            .map(|(_, p)| p.clone())
            .collect();
        if paths.len() >= referential.questions.len() {
            log.warn(
                IssueCode::MissingField,
                "",
                format!("the source gives no {what}: medium assumed for every action"),
            );
        } else {
            for p in paths {
                log.warn(
                    IssueCode::MissingField,
                    &p,
                    format!("no {what}: medium assumed"),
                );
            }
        }
    }
    let mut skipped = log.skipped;
    skipped.sort_by_key(|s| pointer_key(&s.path));
    let mut warnings = log.warnings;
    warnings.sort_by_key(|w| pointer_key(&w.path));
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let counts = ImportCounts {
        source_entries: count(source_entries),
        themes: count(referential.themes.len()),
        questions: count(referential.questions.len()),
        actions: count(referential.actions.len()),
        criteria: count(criteria),
    };
    Ok(Imported {
        referential,
        report: ImportReport {
            source_format: format,
            source_title,
            source_version,
            counts,
            skipped,
            dropped_fields: log.dropped.into_iter().collect(),
            warnings,
        },
    })
}

/// A sort key of a JSON pointer: indexes compared as numbers.
fn pointer_key(path: &str) -> Vec<(u64, String)> {
    path.split('/')
        .map(|t| match t.parse::<u64>() {
            Ok(n) => (n, String::new()),
            Err(_) => (u64::MAX, t.to_owned()),
        })
        .collect()
}

/// The objects of a source list, each with its JSON pointer (under `base`);
/// an entry that is not an object is logged as skipped. Every entry counts
/// in `entries`.
pub(crate) fn objects<'a>(
    items: &'a [Value],
    base: &str,
    log: &mut Log,
    entries: &mut usize,
) -> Vec<(String, &'a Map<String, Value>)> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        *entries += 1;
        let path = join(base, &i.to_string());
        match item {
            Value::Object(m) => out.push((path, m)),
            _ => log.skip(&path, "not an object"),
        }
    }
    out
}

/// Finds the main list of a source: the value itself when it is an array,
/// else the first array under one of `keys` (searched one level deeper in
/// an object under `nest` keys such as `data`). Returns the list and its
/// JSON pointer.
pub(crate) fn main_list<'a>(value: &'a Value, keys: &[&str]) -> Option<(&'a [Value], String)> {
    match value {
        Value::Array(items) => Some((items.as_slice(), String::new())),
        Value::Object(m) => {
            if let Some((k, Value::Array(items))) = field(m, keys) {
                return Some((items.as_slice(), join("", k)));
            }
            for nest in WRAPPERS {
                if let Some((k, inner @ Value::Object(_))) = field(m, &[*nest]) {
                    if let Some((items, p)) = main_list(inner, keys) {
                        return Some((items, format!("{}{p}", join("", k))));
                    }
                }
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(semver_of("v1").as_deref(), Some("1.0.0"));
        assert_eq!(semver_of("2024").as_deref(), Some("2024.0.0"));
        assert_eq!(semver_of("1.2").as_deref(), Some("1.2.0"));
        assert_eq!(semver_of("1.0.3-rc").as_deref(), Some("1.0.3"));
        assert_eq!(semver_of("Ninth Draft"), None);
        assert_eq!(semver_of("99999999999999999999999"), None);
    }

    #[test]
    fn slugs_and_ratings() {
        assert_eq!(slug("UX/UI"), "ux-ui");
        assert_eq!(slug("Stratégie"), "strategie");
        assert_eq!(slug("Fin d'usage"), "fin-d-usage");
        assert_eq!(slug("!!!"), "theme");
        assert_eq!(rating("Modéré"), Some(Rating::Low));
        assert_eq!(rating("Recommandée"), Some(Rating::Medium));
        assert_eq!(rating(" HIGH "), Some(Rating::High));
        assert_eq!(rating("?"), None);
    }
}
