//! The facade every binding calls: typed functions, and JSON-in/JSON-out
//! forms of the same operations. Bindings hold no logic of their own.

use std::sync::OnceLock;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::assessment::{Answer, Assessment, ReferentialRef};
use crate::error::{DocumentKind, Error, Issue, IssueCode};
use crate::parse::{self, Sweep};
use crate::profile::{Profile, ProfileKind};
use crate::referential::{Action, GradeBand, Question, Referential, Theme};
use crate::render::{self, ReportFormat};
use crate::scoring::{self, ScoreReport};
use crate::text::Lang;
use crate::validate;

/// The default referential, as embedded JSON text.
pub const DEFAULT_REFERENTIAL_JSON: &str = include_str!("../referential/default.json");

static DEFAULT: OnceLock<Result<Referential, Error>> = OnceLock::new();

/// The default referential (written from the REEN law and its decree),
/// parsed and validated once. It is checked by the test suite, so this only
/// fails if the embedded file was edited without running the tests.
pub fn default_referential() -> Result<&'static Referential, Error> {
    DEFAULT
        .get_or_init(|| parse_referential(DEFAULT_REFERENTIAL_JSON))
        .as_ref()
        .map_err(Clone::clone)
}

/// The result of validating a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidationReport {
    /// What the document was recognised as.
    pub document: DocumentKind,
    /// True when no issue is an error (warnings allowed).
    pub valid: bool,
    /// Every issue, errors first.
    pub issues: Vec<Issue>,
}

fn finish(document: DocumentKind, mut issues: Vec<Issue>) -> ValidationReport {
    // Stable: errors first, each group in discovery order.
    issues.sort_by_key(|i| i.severity);
    ValidationReport {
        document,
        valid: !issues.iter().any(Issue::is_error),
        issues,
    }
}

fn invalid(document: DocumentKind, issues: Vec<Issue>) -> Error {
    let report = finish(document, issues);
    Error::Invalid {
        document,
        issues: report.issues,
    }
}

const REFERENTIAL_SWEEPS: &[Sweep] = &[
    Sweep::Array("themes", parse::check::<Theme>),
    Sweep::Array("questions", parse::check::<Question>),
    Sweep::Array("actions", parse::check::<Action>),
    Sweep::Array("grades", parse::check::<GradeBand>),
];

const ASSESSMENT_SWEEPS: &[Sweep] = &[
    Sweep::Object("referential", parse::check::<ReferentialRef>),
    Sweep::Object("profile", parse::check::<Profile>),
    Sweep::Map("answers", parse::check::<Answer>),
];

/// Reads a referential from a JSON value; structural and semantic problems
/// are all reported. Warnings alone do not fail.
pub fn referential_from_value(value: &Value) -> Result<Referential, Error> {
    let r: Referential = parse::document(value, REFERENTIAL_SWEEPS)
        .map_err(|i| invalid(DocumentKind::Referential, i))?;
    let issues = validate::validate_referential(&r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Referential, issues));
    }
    Ok(r)
}

/// Reads and validates a referential from JSON text.
pub fn parse_referential(json: &str) -> Result<Referential, Error> {
    let value =
        parse::parse_value(json).map_err(|i| invalid(DocumentKind::Referential, vec![i]))?;
    referential_from_value(&value)
}

/// Reads an assessment from a JSON value and validates it against `r`.
pub fn assessment_from_value(value: &Value, r: &Referential) -> Result<Assessment, Error> {
    let a: Assessment = parse::document(value, ASSESSMENT_SWEEPS)
        .map_err(|i| invalid(DocumentKind::Assessment, i))?;
    let issues = validate::validate_assessment(&a, r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Assessment, issues));
    }
    Ok(a)
}

/// Reads and validates an assessment from JSON text.
pub fn parse_assessment(json: &str, r: &Referential) -> Result<Assessment, Error> {
    let value = parse::parse_value(json).map_err(|i| invalid(DocumentKind::Assessment, vec![i]))?;
    assessment_from_value(&value, r)
}

/// Validates a referential already in memory.
pub fn validate_referential(r: &Referential) -> ValidationReport {
    finish(DocumentKind::Referential, validate::validate_referential(r))
}

/// Validates an assessment already in memory against `r`.
pub fn validate_assessment(a: &Assessment, r: &Referential) -> ValidationReport {
    finish(
        DocumentKind::Assessment,
        validate::validate_assessment(a, r),
    )
}

/// Recognises a document: a referential has `questions` or `themes`; an
/// assessment has `answers`, `profile` or `level`.
pub fn detect_document(value: &Value) -> DocumentKind {
    match value {
        Value::Object(m) if m.contains_key("questions") || m.contains_key("themes") => {
            DocumentKind::Referential
        }
        Value::Object(m)
            if m.contains_key("answers")
                || m.contains_key("profile")
                || m.contains_key("level") =>
        {
            DocumentKind::Assessment
        }
        _ => DocumentKind::Unknown,
    }
}

/// Validates a referential or an assessment given as JSON text (the kind is
/// recognised from its fields). An assessment is checked against
/// `referential`, or the default referential when `None`.
pub fn validate_json(json: &str, referential: Option<&Referential>) -> ValidationReport {
    let value = match parse::parse_value(json) {
        Ok(v) => v,
        Err(issue) => return finish(DocumentKind::Unknown, vec![issue]),
    };
    match detect_document(&value) {
        DocumentKind::Referential => {
            match parse::document::<Referential>(&value, REFERENTIAL_SWEEPS) {
                Ok(r) => finish(DocumentKind::Referential, validate::validate_referential(&r)),
                Err(issues) => finish(DocumentKind::Referential, issues),
            }
        }
        DocumentKind::Assessment => {
            let r: &Referential = match referential {
                Some(r) => r,
                None => match default_referential() {
                    Ok(r) => r,
                    Err(e) => return finish(DocumentKind::Assessment, e.issues().to_vec()),
                },
            };
            match parse::document::<Assessment>(&value, ASSESSMENT_SWEEPS) {
                Ok(a) => finish(DocumentKind::Assessment, validate::validate_assessment(&a, r)),
                Err(issues) => finish(DocumentKind::Assessment, issues),
            }
        }
        DocumentKind::Unknown => finish(
            DocumentKind::Unknown,
            vec![Issue::error(
                IssueCode::UnknownDocument,
                "",
                "not a referential (no `questions`/`themes`) nor an assessment (no `answers`/`profile`/`level`)",
            )],
        ),
    }
}

/// Validates both documents and scores the assessment. Warnings (answers
/// kept but ignored, another minor version) are carried in the report.
pub fn score(r: &Referential, a: &Assessment) -> Result<ScoreReport, Error> {
    let r_issues = validate::validate_referential(r);
    if r_issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Referential, r_issues));
    }
    let issues = validate::validate_assessment(a, r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Assessment, issues));
    }
    Ok(scoring::score(r, a, issues))
}

fn referential_or_default(
    referential_json: Option<&str>,
) -> Result<std::borrow::Cow<'static, Referential>, Error> {
    match referential_json {
        Some(json) => parse_referential(json).map(std::borrow::Cow::Owned),
        None => default_referential().map(std::borrow::Cow::Borrowed),
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Our types serialize infallibly (string keys, no non-finite floats
    // after validation); fall back to null rather than panic.
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned())
}

/// JSON form of [`score`]: the assessment (and optionally the referential,
/// else the default one) as JSON text, the report as JSON text.
pub fn score_json(assessment_json: &str, referential_json: Option<&str>) -> Result<String, Error> {
    let r = referential_or_default(referential_json)?;
    let a = parse_assessment(assessment_json, &r)?;
    score(&r, &a).map(|report| to_json(&report))
}

/// An assessment skeleton listing every question of the levels ≤ `level`
/// (only those that apply when a profile is given), each `unanswered`.
pub fn template(
    r: &Referential,
    level: u8,
    profile: Option<Profile>,
    date: Option<&str>,
) -> Result<Assessment, Error> {
    if !(1..=2).contains(&level) {
        return Err(Error::InvalidArgument {
            name: "level".to_owned(),
            message: format!("level must be 1 or 2, got {level}"),
        });
    }
    let answers: IndexMap<String, Answer> = r
        .questions
        .iter()
        .filter(|q| q.level <= level)
        .filter(|q| profile.as_ref().is_none_or(|p| scoring::applies(q, p)))
        .map(|q| (q.id.clone(), Answer::unanswered()))
        .collect();
    Ok(Assessment {
        referential: ReferentialRef {
            id: r.id.clone(),
            version: r.version.clone(),
        },
        profile: profile.unwrap_or(Profile {
            name: String::new(),
            kind: ProfileKind::Commune,
            population: 0,
            siren: None,
            insee: None,
            departement: None,
            region: None,
        }),
        date: date.unwrap_or("YYYY-MM-DD").to_owned(),
        level,
        answers,
        from_plan: IndexMap::new(),
    })
}

/// JSON form of [`template`].
pub fn template_json(
    referential_json: Option<&str>,
    level: u8,
    profile_json: Option<&str>,
    date: Option<&str>,
) -> Result<String, Error> {
    let r = referential_or_default(referential_json)?;
    let profile = match profile_json {
        None => None,
        Some(json) => {
            let value =
                parse::parse_value(json).map_err(|i| invalid(DocumentKind::Assessment, vec![i]))?;
            Some(
                parse::from_value::<Profile>(&value, "/profile")
                    .map_err(|i| invalid(DocumentKind::Assessment, vec![i]))?,
            )
        }
    };
    template(&r, level, profile, date).map(|a| to_json(&a))
}

/// Renders a report as text, Markdown or JSON.
pub fn render_report(report: &ScoreReport, format: ReportFormat, lang: Lang) -> String {
    match format {
        ReportFormat::Json => to_json(report),
        ReportFormat::Text => render::text_report(report, lang),
        ReportFormat::Markdown => render::markdown_report(report, lang),
    }
}

/// JSON-in form of [`render_report`]: scores then renders.
pub fn report_json(
    assessment_json: &str,
    referential_json: Option<&str>,
    format: ReportFormat,
    lang: Lang,
) -> Result<String, Error> {
    let r = referential_or_default(referential_json)?;
    let a = parse_assessment(assessment_json, &r)?;
    let report = score(&r, &a)?;
    Ok(render_report(&report, format, lang))
}

/// The referential as pretty JSON.
pub fn referential_to_json(r: &Referential) -> String {
    to_json(r)
}

/// The referential as a readable Markdown document.
pub fn referential_markdown(r: &Referential, lang: Lang) -> String {
    render::referential_markdown(r, lang)
}

/// JSON form of [`validate_json`]: the validation report as JSON text.
pub fn validate_json_report(json: &str, referential_json: Option<&str>) -> String {
    match referential_json.map(parse_referential) {
        Some(Err(e)) => to_json(&finish(DocumentKind::Referential, e.issues().to_vec())),
        Some(Ok(r)) => to_json(&validate_json(json, Some(&r))),
        None => to_json(&validate_json(json, None)),
    }
}
