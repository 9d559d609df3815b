//! WebAssembly binding of [`sobriete`]: the npm package `sobriete` for
//! browsers and Node.js.
//!
//! No logic lives here: every function calls [`sobriete::api`]. This crate
//! only converts values between JavaScript and the core:
//!
//! - **inputs**: a JS string is taken as JSON text, any other value is
//!   serialized with `JSON.stringify`; the text then goes through the core's
//!   own parsers (`*_from_value`), so unknown fields, JSON-pointer paths and
//!   every problem at once are reported exactly as in Rust;
//! - **outputs**: the core's result is serialized by `serde_json` and read
//!   back with `JSON.parse`, so values are plain objects, arrays, numbers,
//!   strings, booleans and `null` (never `undefined` nor `Map`);
//! - **errors**: every failure becomes a `SobrieteError` (or its subclasses
//!   `ValidationError` for an invalid document, `ArgumentError` for an
//!   invalid argument), built in one place, `to_js_error`.
//!
//! On a host target the crate compiles (for the workspace's checks) but its
//! functions are only meaningful in a WebAssembly instance.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;
use sobriete::api::{self, ReportInputs, ValidationReport};
use sobriete::assessment::Assessment;
use sobriete::migrate::Crosswalk;
use sobriete::optimize::Proposal;
use sobriete::peers::PeerSet;
use sobriete::plan::Plan;
use sobriete::profile::Profile;
use sobriete::target::Target;
use sobriete::{parse, DocumentKind, Error, Issue, IssueCode, Lang, ReportFormat};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const DOCUMENT_TYPES: &str = include_str!("../types/documents.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &str = include_str!("../types/api.d.ts");

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// Builds a `SobrieteError` (or `ValidationError`) instance.
    #[wasm_bindgen(js_name = sobrieteError)]
    fn sobriete_error(
        message: &str,
        code: &str,
        document: &str,
        issues: JsValue,
        argument: Option<String>,
    ) -> JsValue;
}

type Outcome<T> = Result<T, Error>;

// ---------------------------------------------------------------- errors

/// The `document` field of an error: the document kind, or `argument`.
fn error_document(e: &Error) -> &'static str {
    match e {
        Error::Invalid { document, .. } => document.as_str(),
        Error::InvalidArgument { .. } => "argument",
    }
}

/// The one place where a core error becomes a thrown JS value: a real
/// `Error` instance (`SobrieteError`, or its subclasses `ValidationError`
/// for an invalid document and `ArgumentError` for an invalid argument) with
/// `code`, `document`, `issues` and `argument`.
fn to_js_error(e: &Error) -> JsValue {
    let issues = serde_json::to_string_pretty(e.issues())
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or_else(|| js_sys::Array::new().into());
    let argument = match e {
        Error::InvalidArgument { name, .. } => Some(name.clone()),
        Error::Invalid { .. } => None,
    };
    sobriete_error(
        &e.to_string(),
        e.code(),
        error_document(e),
        issues,
        argument,
    )
}

fn invalid(document: DocumentKind, issue: Issue) -> Error {
    Error::Invalid {
        document,
        issues: vec![issue],
    }
}

fn argument(name: &str, message: impl Into<String>) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        message: message.into(),
    }
}

// ---------------------------------------------------------------- inputs

fn is_absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// The message of a thrown JS value, without calling back into user code.
fn describe(thrown: &JsValue) -> String {
    thrown
        .dyn_ref::<js_sys::Error>()
        .map_or_else(|| "the value threw".to_owned(), |e| e.message().into())
}

/// JSON text of an input: a string is JSON text, anything else goes
/// through `JSON.stringify` (which fails on cycles and BigInt).
fn json_text(value: &JsValue) -> Result<String, Issue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    let not_json = || {
        Issue::error(
            IssueCode::InvalidType,
            "",
            "expected a JSON document (an object or JSON text), got undefined or a function",
        )
    };
    if value.is_undefined() {
        return Err(not_json());
    }
    match js_sys::JSON::stringify(value) {
        Ok(text) => text.as_string().ok_or_else(not_json),
        Err(thrown) => Err(Issue::error(
            IssueCode::InvalidJson,
            "",
            format!("not serializable as JSON: {}", describe(&thrown)),
        )),
    }
}

/// An input as a JSON value, through the core's checks (size, nesting
/// depth, duplicate keys: `sobriete::limits`) and parser. A `Uint8Array`
/// is UTF-8 JSON text (checked: `invalid_json` when it is not).
fn json_value(value: &JsValue, document: DocumentKind) -> Outcome<Value> {
    api::parse_json(&input_text(value, document)?, document)
}

/// [`json_value`] of a value that bundles several documents (a full
/// report's inputs, a list of assessments): the size limit of the largest
/// document, errors reported as `document`'s.
fn bundle_value(value: &JsValue, document: DocumentKind) -> Outcome<Value> {
    json_value(value, DocumentKind::Unknown).map_err(|e| match e {
        Error::Invalid { issues, .. } => Error::Invalid { document, issues },
        other => other,
    })
}

/// The JSON text of an input: a `Uint8Array` as UTF-8 (checked, with the
/// size limit of `document`), anything else as [`json_text`] says.
fn input_text(value: &JsValue, document: DocumentKind) -> Outcome<String> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return api::text_from_utf8(&bytes.to_vec(), document).map(str::to_owned);
    }
    json_text(value).map_err(|issue| invalid(document, issue))
}

fn lang(value: &JsValue) -> Outcome<Lang> {
    if is_absent(value) {
        return Ok(Lang::Fr);
    }
    value
        .as_string()
        .and_then(|s| Lang::parse(&s))
        .ok_or_else(|| argument("lang", "expected \"fr\" or \"en\""))
}

fn format(value: &JsValue) -> Outcome<ReportFormat> {
    if is_absent(value) {
        return Ok(ReportFormat::Text);
    }
    value
        .as_string()
        .and_then(|s| ReportFormat::parse(&s))
        .ok_or_else(|| {
            argument(
                "format",
                "expected \"text\", \"json\", \"markdown\" or \"html\"",
            )
        })
}

/// A whole number in `min..=max`.
fn whole(number: Option<f64>, name: &str, min: f64, max: f64) -> Outcome<f64> {
    match number {
        Some(x) if x.fract() == 0.0 && (min..=max).contains(&x) => Ok(x),
        Some(x) => Err(argument(
            name,
            format!("expected a whole number from {min} to {max}, got {x}"),
        )),
        None => Err(argument(name, "expected a number")),
    }
}

/// An optional count (`null`/`undefined` for none).
fn count(number: Option<f64>, absent: bool, name: &str) -> Outcome<Option<usize>> {
    if absent {
        return Ok(None);
    }
    whole(number, name, 0.0, f64::from(u32::MAX)).map(|x| Some(x as usize))
}

fn js_count(value: &JsValue, name: &str) -> Outcome<Option<usize>> {
    count(value.as_f64(), is_absent(value), name)
}

fn string(value: &JsValue, name: &str) -> Outcome<String> {
    value
        .as_string()
        .ok_or_else(|| argument(name, "expected a string"))
}

fn optional_string(value: &JsValue, name: &str) -> Outcome<Option<String>> {
    if is_absent(value) {
        return Ok(None);
    }
    string(value, name).map(Some)
}

fn target_from_value(value: &Value) -> Outcome<Target> {
    parse::from_value::<Target>(value, "").map_err(|i| invalid(DocumentKind::Request, i))
}

fn peers(value: &JsValue) -> Outcome<PeerSet> {
    api::peers_from_value(&json_value(value, DocumentKind::Peers)?)
}

fn crosswalk(value: &JsValue) -> Outcome<Crosswalk> {
    api::crosswalk_from_value(&json_value(value, DocumentKind::Crosswalk)?)
}

/// Another referential, given as a document, JSON text or a `Referential`
/// (whose `toJSON` gives its document).
fn other_referential(value: &JsValue) -> Outcome<sobriete::Referential> {
    api::referential_from_value(&json_value(value, DocumentKind::Referential)?)
}

// ---------------------------------------------------------------- outputs

/// Pretty JSON text, as the core and the CLI write it.
fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned())
}

/// A core value as a plain JS value (via its JSON text and `JSON.parse`).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Pretty, like the core's own JSON output: one serializer instance per
    // type in the module instead of two (smaller .wasm). Serializing the
    // core's types cannot fail (string keys only); the arms below keep the
    // binding free of panics all the same.
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| to_js_error(&argument("result", e.to_string())))?;
    js_sys::JSON::parse(&text).map_err(|e| to_js_error(&argument("result", describe(&e))))
}

fn done<T: Serialize>(result: Outcome<T>) -> Result<JsValue, JsValue> {
    match result {
        Ok(value) => to_js(&value),
        Err(e) => Err(to_js_error(&e)),
    }
}

fn text(result: Outcome<String>) -> Result<String, JsValue> {
    result.map_err(|e| to_js_error(&e))
}

/// Inputs of a full report, read from `{target, plan, asOf, history, peers,
/// minGroupSize}`.
#[derive(Default)]
struct Inputs {
    target: Option<Target>,
    plan: Option<Plan>,
    as_of: Option<String>,
    history: Vec<Assessment>,
    peers: Option<PeerSet>,
    min_group_size: Option<usize>,
}

impl Inputs {
    fn as_report_inputs(&self) -> ReportInputs<'_> {
        ReportInputs {
            target: self.target.as_ref(),
            plan: self.plan.as_ref(),
            as_of: self.as_of.as_deref(),
            history: &self.history,
            peers: self.peers.as_ref(),
            min_group_size: self.min_group_size,
        }
    }
}

// ---------------------------------------------------------------- API

/// A validated referential: the questionnaire, its scoring and its actions.
/// Every operation of the library is a method of the referential it uses.
#[wasm_bindgen]
pub struct Referential {
    inner: Cow<'static, sobriete::Referential>,
}

impl Referential {
    fn r(&self) -> &sobriete::Referential {
        &self.inner
    }

    fn assessment(&self, value: &JsValue) -> Outcome<Assessment> {
        api::assessment_from_value(&json_value(value, DocumentKind::Assessment)?, self.r())
    }

    fn optional_assessment(&self, value: &JsValue) -> Outcome<Option<Assessment>> {
        if is_absent(value) {
            return Ok(None);
        }
        self.assessment(value).map(Some)
    }

    fn assessments_from_value(&self, value: Value, name: &str) -> Outcome<Vec<Assessment>> {
        let Value::Array(items) = value else {
            return Err(argument(name, "expected an array of assessments"));
        };
        items
            .iter()
            .map(|item| api::assessment_from_value(item, self.r()))
            .collect()
    }

    fn assessments(&self, value: &JsValue, name: &str) -> Outcome<Vec<Assessment>> {
        self.assessments_from_value(bundle_value(value, DocumentKind::Assessment)?, name)
    }

    fn plan(&self, value: &JsValue) -> Outcome<Plan> {
        api::plan_from_value(&json_value(value, DocumentKind::Plan)?, self.r())
    }

    fn optional_plan(&self, value: &JsValue) -> Outcome<Option<Plan>> {
        if is_absent(value) {
            return Ok(None);
        }
        self.plan(value).map(Some)
    }

    fn target(value: &JsValue) -> Outcome<Target> {
        target_from_value(&json_value(value, DocumentKind::Request)?)
    }

    fn inputs(&self, value: &JsValue) -> Outcome<Inputs> {
        let mut inputs = Inputs::default();
        if is_absent(value) {
            return Ok(inputs);
        }
        let Value::Object(map) = bundle_value(value, DocumentKind::Request)? else {
            return Err(argument("inputs", "expected an object"));
        };
        const KNOWN: [&str; 6] = ["target", "plan", "asOf", "history", "peers", "minGroupSize"];
        for (key, item) in map {
            if item.is_null() && KNOWN.contains(&key.as_str()) {
                continue;
            }
            match key.as_str() {
                "target" => inputs.target = Some(target_from_value(&item)?),
                "plan" => inputs.plan = Some(api::plan_from_value(&item, self.r())?),
                "asOf" => match item {
                    Value::String(s) => inputs.as_of = Some(s),
                    _ => return Err(argument("asOf", "expected a string")),
                },
                "history" => inputs.history = self.assessments_from_value(item, "history")?,
                "peers" => inputs.peers = Some(api::peers_from_value(&item)?),
                "minGroupSize" => {
                    inputs.min_group_size = count(item.as_f64(), false, "minGroupSize")?;
                }
                other => {
                    return Err(argument(
                        "inputs",
                        format!("unknown option `{other}` (expected target, plan, asOf, history, peers, minGroupSize)"),
                    ))
                }
            }
        }
        Ok(inputs)
    }

    fn full_report_inner(
        &self,
        assessment: &JsValue,
        inputs: &JsValue,
        format: &JsValue,
        lang: &JsValue,
    ) -> Outcome<String> {
        let a = self.assessment(assessment)?;
        let inputs = self.inputs(inputs)?;
        let (format, lang) = (self::format(format)?, self::lang(lang)?);
        api::full_report(self.r(), &a, &inputs.as_report_inputs(), format, lang)
    }
}

#[wasm_bindgen]
impl Referential {
    /// Reads and validates a referential (an object or JSON text). Throws a
    /// `ValidationError` listing every problem.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ReferentialDocument | string")] document: JsValue,
    ) -> Result<Referential, JsValue> {
        json_value(&document, DocumentKind::Referential)
            .and_then(|v| api::referential_from_value(&v))
            .map(|r| Referential {
                inner: Cow::Owned(r),
            })
            .map_err(|e| to_js_error(&e))
    }

    /// The default referential, written from the REEN law and its decree.
    #[wasm_bindgen(js_name = "default")]
    pub fn default_referential() -> Result<Referential, JsValue> {
        api::default_referential()
            .map(|r| Referential {
                inner: Cow::Borrowed(r),
            })
            .map_err(|e| to_js_error(&e))
    }

    /// The referential's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.r().id.clone()
    }

    /// The referential's version (semantic versioning).
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.r().version.clone()
    }

    /// The referential as a plain object (what `JSON.stringify` writes).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ReferentialDocument")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(self.r())
    }

    /// The referential as a readable Markdown document.
    pub fn markdown(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        text(self::lang(&lang).map(|l| api::referential_markdown(self.r(), l)))
    }

    /// Validates any document (referential, assessment, plan, peers'
    /// results; recognised from its fields; assessments and plans against
    /// this referential). Never throws: problems are in the report.
    #[wasm_bindgen(unchecked_return_type = "ValidationReport")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SobrieteDocument | object | string")]
        document: JsValue,
    ) -> Result<JsValue, JsValue> {
        let report = match input_text(&document, DocumentKind::Unknown) {
            Ok(text) => api::validate_json(&text, Some(self.r())),
            Err(e) => ValidationReport {
                document: DocumentKind::Unknown,
                valid: false,
                issues: e.issues().to_vec(),
            },
        };
        to_js(&report)
    }

    /// Validates an action plan against this referential. Never throws.
    #[wasm_bindgen(js_name = validatePlan, unchecked_return_type = "ValidationReport")]
    pub fn validate_plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    ) -> Result<JsValue, JsValue> {
        let report = match self.plan(&plan) {
            Ok(p) => api::validate_plan(&p, self.r()),
            Err(e) => ValidationReport {
                document: DocumentKind::Plan,
                valid: false,
                issues: e.issues().to_vec(),
            },
        };
        to_js(&report)
    }

    /// Scores an assessment: index, grade, theme scores, practices not in
    /// place, recommended actions.
    #[wasm_bindgen(unchecked_return_type = "ScoreReport")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            self.assessment(&assessment)
                .and_then(|a| api::score(self.r(), &a)),
        )
    }

    /// Scores many assessments in one call: one item per assessment, its
    /// report or, when it fails, its `SobrieteError` (not thrown); throws
    /// only when `assessments` is not an array.
    #[wasm_bindgen(js_name = scoreMany, unchecked_return_type = "ScoreManyItem[]")]
    pub fn score_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment | string>")] assessments: JsValue,
    ) -> Result<JsValue, JsValue> {
        let items = batch_items(&assessments).map_err(|e| to_js_error(&e))?;
        let results = js_sys::Array::new();
        for item in items {
            let scored = item
                .and_then(|v| api::assessment_from_value(&v, self.r()))
                .and_then(|a| api::score(self.r(), &a));
            match scored {
                Ok(report) => results.push(&to_js(&report)?),
                Err(e) => results.push(&to_js_error(&e)),
            };
        }
        Ok(results.into())
    }

    /// The headline figures of an assessment (index, grade, completeness,
    /// theme scores, Éco-clic, conformity) without the report's details.
    #[wasm_bindgen(js_name = scoreSummary, unchecked_return_type = "ScoreSummary")]
    pub fn score_summary(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            json_text(&assessment)
                .map_err(|issue| invalid(DocumentKind::Assessment, issue))
                .and_then(|text| api::score_summary_json(self.r(), &text)),
        )
    }

    /// Summaries of many assessments in one call: one item per assessment,
    /// its `ScoreSummary` or, when it fails, its `SobrieteError` (not
    /// thrown); throws only when `assessments` is not an array.
    #[wasm_bindgen(js_name = scoreSummaries, unchecked_return_type = "ScoreSummaryItem[]")]
    pub fn score_summaries(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment | string>")] assessments: JsValue,
    ) -> Result<JsValue, JsValue> {
        let texts = batch_texts(&assessments).map_err(|e| to_js_error(&e))?;
        // JSON text takes the core's batch fast path.
        let summaries = api::score_summaries_with(self.r(), texts, |t| t.map(api::Batched::Json))
            .map_err(|e| to_js_error(&e))?;
        let results = js_sys::Array::new();
        for summary in summaries {
            match summary {
                Ok(s) => results.push(&to_js(&s)?),
                Err(e) => results.push(&to_js_error(&e)),
            };
        }
        Ok(results.into())
    }

    /// Carries an assessment made on this referential to `to` across a
    /// crosswalk: the migrated assessment and the report of every answer.
    #[wasm_bindgen(unchecked_return_type = "Migration")]
    pub fn migrate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let (c, to) = (self::crosswalk(&crosswalk)?, other_referential(&to)?);
            api::migrate(self.r(), &a, &c, &to)
        };
        done(run())
    }

    /// What `migrate` would change (index, grade and theme scores before
    /// and after, and the report) without committing to it.
    #[wasm_bindgen(js_name = simulateMigration, unchecked_return_type = "MigrationSimulation")]
    pub fn simulate_migration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let (c, to) = (self::crosswalk(&crosswalk)?, other_referential(&to)?);
            api::simulate_migration(self.r(), &a, &c, &to)
        };
        done(run())
    }

    /// The migration's report rendered like the CLI's `migrate` (`text`,
    /// `markdown`; `json` gives the report as JSON text).
    #[wasm_bindgen(js_name = renderMigration)]
    pub fn render_migration(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let (c, to) = (self::crosswalk(&crosswalk)?, other_referential(&to)?);
            let (format, lang) = (self::format(&format)?, self::lang(&lang)?);
            let m = api::migrate(self.r(), &a, &c, &to)?;
            Ok(match format {
                ReportFormat::Json => pretty(&m.report),
                _ => sobriete::render::migration_report(&m.report, format, lang),
            })
        };
        text(run())
    }

    /// The migration's simulation rendered like the CLI's `migrate
    /// --simulate` (`text`, `markdown`; `json` gives it as JSON text).
    #[wasm_bindgen(js_name = renderMigrationSimulation)]
    pub fn render_migration_simulation(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let (c, to) = (self::crosswalk(&crosswalk)?, other_referential(&to)?);
            let (format, lang) = (self::format(&format)?, self::lang(&lang)?);
            let s = api::simulate_migration(self.r(), &a, &c, &to)?;
            Ok(match format {
                ReportFormat::Json => pretty(&s),
                _ => sobriete::render::migration_simulation(&s, format, lang),
            })
        };
        text(run())
    }

    /// Checks a crosswalk from this referential to `to`. Never throws for
    /// the crosswalk: its problems are in the report (an invalid `to`
    /// throws).
    #[wasm_bindgen(js_name = validateCrosswalk, unchecked_return_type = "ValidationReport")]
    pub fn validate_crosswalk(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Referential | ReferentialDocument | string")]
        to: JsValue,
    ) -> Result<JsValue, JsValue> {
        let to = other_referential(&to).map_err(|e| to_js_error(&e))?;
        let report = match self::crosswalk(&crosswalk) {
            Ok(c) => api::validate_crosswalk(&c, self.r(), &to),
            Err(e) => ValidationReport {
                document: DocumentKind::Crosswalk,
                valid: false,
                issues: e.issues().to_vec(),
            },
        };
        to_js(&report)
    }

    /// An assessment skeleton listing every question of the levels ≤
    /// `level` (only those that apply when a profile is given), each
    /// unanswered.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn template(
        &self,
        #[wasm_bindgen(unchecked_param_type = "1 | 2")] level: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Profile | string | null")] profile: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || -> Outcome<Assessment> {
            let level = whole(level.as_f64(), "level", 0.0, 255.0)? as u8;
            let profile = if is_absent(&profile) {
                None
            } else {
                let v = json_value(&profile, DocumentKind::Assessment)?;
                Some(
                    parse::from_value::<Profile>(&v, "/profile")
                        .map_err(|i| invalid(DocumentKind::Assessment, i))?,
                )
            };
            let date = optional_string(&date, "date")?;
            api::template(self.r(), level, profile, date.as_deref())
        };
        done(run())
    }

    /// Scores an assessment and renders the report (`text`, `json`,
    /// `markdown` or a self-contained `html` page; French by default).
    #[wasm_bindgen(js_name = renderReport)]
    pub fn render_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || -> Outcome<String> {
            let a = self.assessment(&assessment)?;
            let (format, lang) = (self::format(&format)?, self::lang(&lang)?);
            let report = api::score(self.r(), &a)?;
            Ok(api::render_report(&report, format, lang))
        };
        text(run())
    }

    /// The full report in a format: the score report with, when given, the
    /// target's gap and proposed plan, a plan's follow-up, the history and
    /// the comparison with peers.
    #[wasm_bindgen(js_name = fullReport)]
    pub fn full_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FullReportInputs | null")] inputs: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportFormat | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        text(self.full_report_inner(&assessment, &inputs, &format, &lang))
    }

    /// Every part of the full report, as data.
    #[wasm_bindgen(js_name = fullReportData, unchecked_return_type = "FullReport")]
    pub fn full_report_data(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FullReportInputs | null")] inputs: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let inputs = self.inputs(&inputs)?;
            api::full_report_data(self.r(), &a, &inputs.as_report_inputs())
        };
        done(run())
    }

    /// The gap between an assessment's scores and a target.
    #[wasm_bindgen(js_name = targetGap, unchecked_return_type = "TargetGap")]
    pub fn target_gap(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Target | string")] target: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let t = Self::target(&target)?;
            api::target_gap(self.r(), &a, &t)
        };
        done(run())
    }

    /// Every action that would raise an answer, with its exact gain.
    #[wasm_bindgen(unchecked_return_type = "Candidates")]
    pub fn candidates(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            self.assessment(&assessment)
                .and_then(|a| api::candidates(self.r(), &a)),
        )
    }

    /// The plan of least effort that reaches the request's target.
    #[wasm_bindgen(unchecked_return_type = "Proposal")]
    pub fn propose(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ProposalRequest | string")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let request = api::request_from_value(&json_value(&request, DocumentKind::Request)?)?;
            api::propose(self.r(), &a, &request)
        };
        done(run())
    }

    /// A plan document from a proposal: every proposed action, in schedule
    /// order, with the target and the baseline assessment. An invalid
    /// request or proposal is reported as an invalid `request`.
    #[wasm_bindgen(js_name = planFromProposal, unchecked_return_type = "Plan")]
    pub fn plan_from_proposal(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ProposalRequest | string")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Proposal | string")] proposal: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] created: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let request = api::request_from_value(&json_value(&request, DocumentKind::Request)?)?;
            let proposal =
                parse::from_value::<Proposal>(&json_value(&proposal, DocumentKind::Request)?, "")
                    .map_err(|i| invalid(DocumentKind::Request, i))?;
            let created = string(&created, "created")?;
            Ok(api::plan_from_proposal(
                self.r(),
                &a,
                &request,
                &proposal,
                &created,
            ))
        };
        done(run())
    }

    /// Follows a plan up at a date (`YYYY-MM-DD`). The baseline is
    /// `baseline`, else the plan's own.
    #[wasm_bindgen(js_name = planStatus, unchecked_return_type = "PlanStatus")]
    #[allow(non_snake_case)] // JavaScript names, in the .d.ts too
    pub fn plan_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string | null")] baseline: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] asOf: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let p = self.plan(&plan)?;
            let baseline = self.optional_assessment(&baseline)?;
            let asOf = string(&asOf, "asOf")?;
            api::plan_status(self.r(), &p, baseline.as_ref(), &asOf)
        };
        done(run())
    }

    /// Dated assessments in order, with per-theme evolution and deltas.
    #[wasm_bindgen(unchecked_return_type = "History")]
    pub fn history(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment> | string")] assessments: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            self.assessments(&assessments, "assessments")
                .and_then(|list| api::history(self.r(), &list)),
        )
    }

    /// What changed between two assessments.
    #[wasm_bindgen(unchecked_return_type = "AssessmentDiff")]
    pub fn diff(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] before: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] after: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let (b, a) = (self.assessment(&before)?, self.assessment(&after)?);
            api::diff(self.r(), &b, &a)
        };
        done(run())
    }

    /// The draft of the next assessment: answers raised by done plan
    /// actions, marked in `from_plan` to be confirmed.
    #[wasm_bindgen(js_name = nextAssessment, unchecked_return_type = "Assessment")]
    pub fn next_assessment(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] previous: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let previous = self.assessment(&previous)?;
            let p = self.plan(&plan)?;
            let date = string(&date, "date")?;
            api::next_assessment(self.r(), &previous, &p, &date)
        };
        done(run())
    }

    /// Achieved vs planned index over time.
    #[wasm_bindgen(js_name = progressSeries, unchecked_return_type = "ProgressPoint[]")]
    pub fn progress_series(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment> | string")] assessments: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let list = self.assessments(&assessments, "assessments")?;
            let p = self.plan(&plan)?;
            api::progress_series(self.r(), &list, &p)
        };
        done(run())
    }

    /// Situates an assessment among its peers (strata smaller than
    /// `minGroupSize`, default 5, are hidden).
    #[wasm_bindgen(unchecked_return_type = "PeerComparison")]
    #[allow(non_snake_case)] // JavaScript names, in the .d.ts too
    pub fn compare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Peers | string")] peers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] minGroupSize: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let set = self::peers(&peers)?;
            let min = js_count(&minGroupSize, "minGroupSize")?;
            api::compare(self.r(), &a, &set, min)
        };
        done(run())
    }

    /// The peer result of an assessment (to publish into a peers file).
    #[wasm_bindgen(js_name = peerResult, unchecked_return_type = "PeerResult")]
    pub fn peer_result(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
    ) -> Result<JsValue, JsValue> {
        done(
            self.assessment(&assessment)
                .and_then(|a| api::peer_result(self.r(), &a)),
        )
    }

    /// CSV of the answers, one row per question.
    #[wasm_bindgen(js_name = answersCsv)]
    pub fn answers_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || api::answers_csv(self.r(), &self.assessment(&assessment)?, self::lang(&lang)?);
        text(run())
    }

    /// CSV of the theme scores.
    #[wasm_bindgen(js_name = themesCsv)]
    pub fn themes_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || api::themes_csv(self.r(), &self.assessment(&assessment)?, self::lang(&lang)?);
        text(run())
    }

    /// CSV of a plan's actions.
    #[wasm_bindgen(js_name = planCsv)]
    pub fn plan_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Plan | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || api::plan_csv(self.r(), &self.plan(&plan)?, self::lang(&lang)?);
        text(run())
    }

    /// The REEN annual review (Markdown) for `year`; with a plan, followed
    /// up as of `asOf` (default: the end of `year`).
    #[wasm_bindgen(js_name = annualReview)]
    #[allow(non_snake_case)] // JavaScript names, in the .d.ts too
    pub fn annual_review(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Plan | string | null")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] asOf: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let p = self.optional_plan(&plan)?;
            let year = whole(year.as_f64(), "year", 0.0, 9999.0)? as i32;
            let asOf = optional_string(&asOf, "asOf")?;
            api::annual_review(
                self.r(),
                &a,
                p.as_ref(),
                year,
                asOf.as_deref(),
                self::lang(&lang)?,
            )
        };
        text(run())
    }

    /// The radar chart (SVG) of an assessment's theme scores, with the
    /// target's theme scores and the peers' national medians when given.
    #[wasm_bindgen(js_name = radarSvg)]
    pub fn radar_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment | string")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Target | string | null")] target: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Peers | string | null")] peers: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let a = self.assessment(&assessment)?;
            let t = if is_absent(&target) {
                None
            } else {
                Some(Self::target(&target)?)
            };
            let set = if is_absent(&peers) {
                None
            } else {
                Some(self::peers(&peers)?)
            };
            api::radar_svg(self.r(), &a, t.as_ref(), set.as_ref(), self::lang(&lang)?)
        };
        text(run())
    }

    /// The evolution chart (SVG) of dated assessments, with the planned
    /// index when a plan is given.
    #[wasm_bindgen(js_name = evolutionSvg)]
    pub fn evolution_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<Assessment> | string")] assessments: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Plan | string | null")] plan: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let run = || {
            let list = self.assessments(&assessments, "assessments")?;
            let p = self.optional_plan(&plan)?;
            api::evolution_svg(self.r(), &list, p.as_ref(), self::lang(&lang)?)
        };
        text(run())
    }
}

/// The items of a batch, each read on its own so that one JSON cannot
/// represent (a cycle, a BigInt) fails alone; a string is JSON text of an
/// array.
fn batch_items(assessments: &JsValue) -> Outcome<Vec<Outcome<Value>>> {
    Ok(batch_texts(assessments)?
        .into_iter()
        .map(|text| {
            text.and_then(|t| {
                parse::parse_value(&t).map_err(|issue| invalid(DocumentKind::Assessment, issue))
            })
        })
        .collect())
}

/// The items of a batch as JSON text (an object is stringified), each
/// failing on its own.
fn batch_texts(assessments: &JsValue) -> Outcome<Vec<Outcome<String>>> {
    let text = |value: &JsValue| {
        json_text(value).map_err(|issue| invalid(DocumentKind::Assessment, issue))
    };
    if js_sys::Array::is_array(assessments) {
        // Reflect.get catches what a Proxy's traps throw.
        let length = js_sys::Reflect::get(assessments, &JsValue::from_str("length"))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
            .clamp(0.0, f64::from(u32::MAX)) as u32;
        return Ok((0..length)
            .map(|i| {
                js_sys::Reflect::get_u32(assessments, i)
                    .map_err(|thrown| {
                        let message = format!("unreadable item: {}", describe(&thrown));
                        invalid(
                            DocumentKind::Assessment,
                            Issue::error(IssueCode::InvalidJson, "", message),
                        )
                    })
                    .and_then(|item| text(&item))
            })
            .collect());
    }
    match json_value(assessments, DocumentKind::Assessment)? {
        Value::Array(items) => Ok(items.into_iter().map(|v| Ok(v.to_string())).collect()),
        _ => Err(argument("assessments", "expected an array of assessments")),
    }
}

/// The crosswalk the other way round; an `ArgumentError` names the mapping
/// that cannot be undone.
#[wasm_bindgen(js_name = invertCrosswalk, unchecked_return_type = "Crosswalk")]
pub fn invert_crosswalk(
    #[wasm_bindgen(unchecked_param_type = "Crosswalk | string")] crosswalk: JsValue,
) -> Result<JsValue, JsValue> {
    done(self::crosswalk(&crosswalk).and_then(|c| api::invert_crosswalk(&c)))
}

/// Turns a published referential into the library's format (`format`:
/// `rgesn`, `minumeco` or `wsg`): `{referential, report}`, the report listing
/// what was skipped.
#[wasm_bindgen(js_name = importReferential, unchecked_return_type = "Imported")]
pub fn import_referential(
    #[wasm_bindgen(unchecked_param_type = "\"rgesn\" | \"minumeco\" | \"wsg\"")] format: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] source: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || {
        let format = format
            .as_string()
            .and_then(|f| sobriete::import::ImportFormat::parse(&f))
            .ok_or_else(|| argument("format", "expected \"rgesn\", \"minumeco\" or \"wsg\""))?;
        let text = input_text(&source, DocumentKind::ImportSource)?;
        api::import_referential(format, &text)
    };
    done(run())
}

/// Aggregates members' results (e.g. the communes of an intercommunalité).
#[wasm_bindgen(unchecked_return_type = "Rollup")]
#[allow(non_snake_case)] // JavaScript names, in the .d.ts too
pub fn rollup(
    #[wasm_bindgen(unchecked_param_type = "Peers | string")] peers: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] expectedMembers: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || {
        let set = self::peers(&peers)?;
        let expected = js_count(&expectedMembers, "expectedMembers")?;
        api::rollup(&set, expected)
    };
    done(run())
}

/// The version of the library.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
