//! Every operation by name, its arguments given by name as JSON: the form
//! of the facade for a caller that has no types of its own (the C ABI, and
//! through it PHP or any language with a foreign function interface), and
//! the one a binding uses to reach an operation it only translates. The
//! names, parameters and defaults are those of the cross-language table
//! (`tests/bindings/operations.json`), which tests this module too.
//!
//! A document argument is a JSON object (or array), or a JSON string
//! holding its text; each is read on its own, so its limits are its kind's
//! and its issue paths start at its root. `null` is an absent argument.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::{documents::Document, CheckedReferential, ReportRequest};
use crate::model::assessment::Assessment;
use crate::model::error::{DocumentKind, Error};
use crate::model::peers::PeerSet;
use crate::model::plan::Plan;
use crate::model::target::Target;
use crate::model::text::Lang;
use crate::planning::optimize::{Proposal, ProposalRequest};
use crate::report::text::ReportFormat;

/// The operations [`call`] knows, each with its parameters in order.
pub const OPERATIONS: &[(&str, &[&str])] = &[
    ("score", &["assessment"]),
    ("score_summary", &["assessment"]),
    ("score_many", &["assessments"]),
    ("score_summaries", &["assessments"]),
    ("template", &["level", "profile", "date"]),
    ("validate", &["document"]),
    ("validate_plan", &["plan"]),
    ("render_report", &["assessment", "format", "lang"]),
    ("full_report", &["assessment", "format", "lang", "inputs"]),
    ("full_report_data", &["assessment", "inputs"]),
    ("target_gap", &["assessment", "target"]),
    ("candidates", &["assessment"]),
    ("propose", &["assessment", "request"]),
    (
        "plan_from_proposal",
        &["assessment", "request", "created", "proposal"],
    ),
    ("plan_status", &["plan", "as_of", "baseline"]),
    ("history", &["assessments"]),
    ("diff", &["before", "after"]),
    ("next_assessment", &["previous", "plan", "date"]),
    ("progress_series", &["assessments", "plan"]),
    ("compare", &["assessment", "peers", "min_group_size"]),
    ("peer_result", &["assessment"]),
    ("migrate", &["assessment", "crosswalk", "to"]),
    ("simulate_migration", &["assessment", "crosswalk", "to"]),
    (
        "render_migration",
        &["assessment", "crosswalk", "to", "format", "lang"],
    ),
    (
        "render_migration_simulation",
        &["assessment", "crosswalk", "to", "format", "lang"],
    ),
    ("validate_crosswalk", &["crosswalk", "to"]),
    ("answers_csv", &["assessment", "lang"]),
    ("themes_csv", &["assessment", "lang"]),
    ("plan_csv", &["plan", "lang"]),
    (
        "annual_review",
        &["assessment", "year", "lang", "plan", "as_of"],
    ),
    ("radar_svg", &["assessment", "lang", "target", "peers"]),
    ("evolution_svg", &["assessments", "lang", "plan"]),
    ("markdown", &["lang"]),
    ("rollup", &["peers", "expected_members"]),
    ("import_referential", &["format", "source"]),
    ("import_ecoclic", &["source"]),
    ("import_ecoclic_answers", &["source", "referential"]),
    ("invert_crosswalk", &["crosswalk"]),
];

/// The keys of a full report's `inputs` object.
const REPORT_INPUTS: &[&str] = &[
    "target",
    "plan",
    "as_of",
    "history",
    "peers",
    "min_group_size",
];

/// One argument of a call.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    /// A string: the JSON text of a document where a document is expected,
    /// the value itself where a string is.
    Str(Cow<'a, str>),
    /// Any JSON value, as its text.
    Json(Cow<'a, str>),
    /// A document's JSON text as bytes (UTF-8, checked when read: invalid
    /// bytes are an `invalid_json` issue of the document's kind).
    Bytes(Cow<'a, [u8]>),
    /// A referential already checked (a handle), where one is expected.
    Referential(&'a CheckedReferential),
    /// A value the binding could not turn into JSON (a cycle, a function):
    /// the error reading it gives, where it is read (a validation then
    /// reports it instead of failing).
    Invalid(Error),
}

/// The arguments of a call, by name.
#[derive(Debug, Clone, Default)]
pub struct Args<'a> {
    items: Vec<(Cow<'a, str>, Arg<'a>)>,
}

impl<'a> Args<'a> {
    /// No argument.
    pub fn new() -> Self {
        Args::default()
    }

    /// Adds an argument (a later one of the same name is refused by
    /// [`call`]).
    pub fn push(&mut self, name: impl Into<Cow<'a, str>>, arg: Arg<'a>) -> &mut Self {
        self.items.push((name.into(), arg));
        self
    }

    /// The arguments of a JSON object's text, one per member (`null` or an
    /// empty text: none). A string member is an [`Arg::Str`], any other
    /// an [`Arg::Json`] of its text, read later by its parameter's kind.
    pub fn from_json(json: &'a str) -> Result<Args<'a>, Error> {
        if json.trim().is_empty() || json.trim() == "null" {
            return Ok(Args::new());
        }
        let members = members(json).map_err(|message| arguments_error("arguments", message))?;
        let mut args = Args::new();
        for (name, raw) in members {
            args.push(name, arg_of(raw)?);
        }
        Ok(args)
    }

    fn get(&self, name: &str) -> Option<&Arg<'a>> {
        self.items
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, a)| a)
            .filter(|a| !matches!(a, Arg::Json(t) if t.trim() == "null"))
    }
}

/// A member's value: a JSON string becomes its content.
fn arg_of(raw: &RawValue) -> Result<Arg<'_>, Error> {
    let text = raw.get();
    if text.starts_with('"') {
        let s: Cow<'_, str> =
            serde_json::from_str(text).map_err(|e| arguments_error("arguments", e.to_string()))?;
        Ok(Arg::Str(s))
    } else {
        Ok(Arg::Json(Cow::Borrowed(text)))
    }
}

/// The members of a JSON object, in order, each as its raw text; a key
/// given twice is refused (which of the two would count is not obvious).
fn members(json: &str) -> Result<Vec<(String, &RawValue)>, String> {
    struct Members;
    impl<'de> Visitor<'de> for Members {
        type Value = Vec<(String, &'de RawValue)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object of arguments by name")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut out: Self::Value = Vec::new();
            while let Some((key, value)) = map.next_entry::<String, &'de RawValue>()? {
                if out.iter().any(|(k, _)| *k == key) {
                    return Err(serde::de::Error::custom(format!("`{key}` is given twice")));
                }
                out.push((key, value));
            }
            Ok(out)
        }
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let out = de.deserialize_map(Members).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The kind of document an argument of this name holds (`None` for a plain
/// value): the kind a binding names when a value of its language cannot
/// even become JSON text (a cycle, a function).
pub fn argument_document(name: &str) -> Option<DocumentKind> {
    Some(match name {
        "assessment" | "assessments" | "before" | "after" | "previous" | "baseline" | "history"
        | "profile" => DocumentKind::Assessment,
        "plan" => DocumentKind::Plan,
        "target" | "request" | "inputs" => DocumentKind::Request,
        "peers" => DocumentKind::Peers,
        "crosswalk" => DocumentKind::Crosswalk,
        "to" | "referential" => DocumentKind::Referential,
        "source" => DocumentKind::ImportSource,
        "document" | "proposal" => DocumentKind::Unknown,
        _ => return None,
    })
}

/// Whether the argument `name` is a list of documents (a JSON array whose
/// items are documents or their JSON texts).
pub fn argument_is_list(name: &str) -> bool {
    matches!(name, "assessments" | "history")
}

fn arguments_error(name: &str, message: impl Into<String>) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        message: message.into(),
    }
}

/// What an operation returns.
#[derive(Debug, PartialEq)]
pub enum Output {
    /// A result document (an object, or a list).
    Data(Data),
    /// Text (a report, CSV, SVG, Markdown).
    Text(String),
}

impl Output {
    /// The output as JSON text: the document (compact, its fields in the
    /// document's order), or the text as a JSON string.
    pub fn to_json(&self) -> String {
        match self {
            Output::Data(data) => data.to_json(),
            Output::Text(t) => Value::String(t.clone()).to_string(),
        }
    }
}

/// A result document, serialised when the binding asks: as JSON text
/// ([`Data::to_json`]), or straight into the binding's own objects, since it
/// is [`Serialize`] (Python's through `pythonize`, with no JSON text in
/// between).
pub struct Data(Box<dyn erased_serde::Serialize + Send>);

impl Data {
    fn new<T: Serialize + Send + 'static>(value: T) -> Self {
        Data(Box::new(value))
    }

    /// The document as compact JSON text, its fields in the document's order.
    pub fn to_json(&self) -> String {
        compact(self)
    }
}

impl Serialize for Data {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        erased_serde::serialize(&*self.0, serializer)
    }
}

impl fmt::Debug for Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        self.to_json() == other.to_json()
    }
}

fn data<T: Serialize + Send + 'static>(value: T) -> Result<Output, Error> {
    Ok(Output::Data(Data::new(value)))
}

/// JSON text without indentation: what crosses a boundary (a third less
/// to copy and decode than the pretty form the command line writes).
fn compact<T: Serialize>(value: &T) -> String {
    // Our result types serialize infallibly (string keys, finite floats).
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// An error as the JSON object every language gives (`to_dict`, `toJSON`).
#[derive(Serialize)]
struct ErrorObject<'e> {
    code: &'static str,
    /// The document's kind, or `argument`.
    document: &'static str,
    /// The argument's name, for an invalid argument.
    argument: Option<&'e str>,
    message: String,
    issues: &'e [crate::model::error::Issue],
}

impl<'e> From<&'e Error> for ErrorObject<'e> {
    fn from(e: &'e Error) -> Self {
        let (document, argument) = match e {
            Error::Invalid { document, .. } => (document.as_str(), None),
            Error::InvalidArgument { name, .. } => ("argument", Some(name.as_str())),
        };
        ErrorObject {
            code: e.code(),
            document,
            argument,
            message: e.to_string(),
            issues: e.issues(),
        }
    }
}

/// An error as a JSON value: `code`, `document` (its kind, or `argument`),
/// `argument` (the argument's name, or null), `message` and `issues`.
pub fn error_value(e: &Error) -> Value {
    serde_json::to_value(ErrorObject::from(e)).unwrap_or(Value::Null)
}

/// [`error_value`] as JSON text, its fields in that order.
pub fn error_json(e: &Error) -> String {
    serde_json::to_string(&ErrorObject::from(e)).unwrap_or_else(|_| "null".to_owned())
}

/// Runs the operation `operation` on the referential `r` (operations of no
/// referential, such as `rollup` or the importers, ignore it). Unknown
/// operations and arguments, missing arguments and arguments of the wrong
/// kind are `InvalidArgument` errors naming them; invalid documents are
/// `Invalid` errors of their kind.
pub fn call(operation: &str, r: &CheckedReferential, args: &Args<'_>) -> Result<Output, Error> {
    call_among(ALL, operation, r, args)
}

/// A group of operations [`call_among`] may run. A program links only the
/// groups it names: a WebAssembly module without the importers names every
/// group but [`IMPORTS`], and their SQL and CSV readers stay out of it.
#[derive(Clone, Copy)]
pub struct Operations(for<'c, 'a> fn(&str, &Reader<'c, 'a>) -> Option<Result<Output, Error>>);

impl fmt::Debug for Operations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Operations")
    }
}

/// `score`, `score_summary`, `score_many`, `score_summaries`, `template`.
pub const SCORING: Operations = Operations(scoring);
/// `validate`, `validate_plan`, `validate_crosswalk` (they never fail for
/// the document's own problems: those are the report's).
pub const CHECKS: Operations = Operations(checks);
/// `target_gap`, `candidates`, `propose`, `plan_from_proposal`,
/// `plan_status`.
pub const PLANNING: Operations = Operations(planning);
/// `history`, `diff`, `next_assessment`, `progress_series`, `compare`,
/// `peer_result`, `rollup`, `migrate`, `simulate_migration`,
/// `invert_crosswalk`.
pub const FOLLOW_UP: Operations = Operations(follow_up);
/// `render_report`, `full_report`, `full_report_data`, the CSV exports,
/// `annual_review`, `radar_svg`, `evolution_svg`, `markdown`,
/// `render_migration`, `render_migration_simulation`.
pub const RENDERINGS: Operations = Operations(renderings);
/// `import_referential`, `import_ecoclic`, `import_ecoclic_answers`.
pub const IMPORTS: Operations = Operations(imports);
/// Every group: what [`call`] runs.
pub const ALL: &[Operations] = &[SCORING, CHECKS, PLANNING, FOLLOW_UP, RENDERINGS, IMPORTS];

/// [`call`] limited to the operations of `groups`; another operation of
/// the table is an `InvalidArgument` error naming `operation`.
pub fn call_among(
    groups: &[Operations],
    operation: &str,
    r: &CheckedReferential,
    args: &Args<'_>,
) -> Result<Output, Error> {
    let Some((_, params)) = OPERATIONS.iter().find(|(name, _)| *name == operation) else {
        return Err(arguments_error(
            "operation",
            format!("no operation {operation:?}"),
        ));
    };
    for (i, (name, _)) in args.items.iter().enumerate() {
        if !params.contains(&name.as_ref()) {
            return Err(arguments_error(
                name,
                format!("{operation} has no argument `{name}` (it takes {params:?})"),
            ));
        }
        if args.items.iter().take(i).any(|(n, _)| n == name) {
            return Err(arguments_error(name, "given twice"));
        }
    }
    let a = Reader { args, r };
    groups
        .iter()
        .find_map(|group| (group.0)(operation, &a))
        .unwrap_or_else(|| {
            Err(arguments_error(
                "operation",
                format!("{operation} is not available here (a module without it)"),
            ))
        })
}

/// Reads the arguments by their parameter's kind.
struct Reader<'c, 'a> {
    args: &'c Args<'a>,
    r: &'c CheckedReferential,
}

/// The JSON text of a document argument of kind `kind`.
fn text_of<'t>(arg: &'t Arg<'_>, name: &str, kind: DocumentKind) -> Result<&'t str, Error> {
    match arg {
        Arg::Bytes(b) => super::text_from_utf8(b, kind),
        other => document_text(other, name),
    }
}

/// The JSON text of a document argument.
fn document_text<'t>(arg: &'t Arg<'_>, name: &str) -> Result<&'t str, Error> {
    match arg {
        Arg::Str(t) | Arg::Json(t) => Ok(t),
        Arg::Bytes(b) => super::text_from_utf8(b, DocumentKind::Unknown),
        Arg::Referential(_) => Err(arguments_error(
            name,
            "expected a document, got a referential",
        )),
        Arg::Invalid(e) => Err(e.clone()),
    }
}

impl Reader<'_, '_> {
    fn doc<D: Document>(&self, name: &str) -> Result<D, Error> {
        super::read(self.text(name, D::KIND)?, self.r)
    }

    fn opt_doc<D: Document>(&self, name: &str) -> Result<Option<D>, Error> {
        self.args
            .get(name)
            .map(|arg| super::read(text_of(arg, name, D::KIND)?, self.r))
            .transpose()
    }

    /// The text of a document to validate; absent, it is `null`, which the
    /// validation reports like any other document that is not one.
    fn document_or_null(&self, name: &str, kind: DocumentKind) -> Result<&str, Error> {
        self.args
            .get(name)
            .map_or(Ok("null"), |arg| text_of(arg, name, kind))
    }

    /// The JSON text of a required document argument.
    fn text(&self, name: &str, kind: DocumentKind) -> Result<&str, Error> {
        let arg = self
            .args
            .get(name)
            .ok_or_else(|| arguments_error(name, "missing"))?;
        text_of(arg, name, kind)
    }

    fn assessment(&self, name: &str) -> Result<Assessment, Error> {
        self.doc(name)
    }

    /// The JSON text of each item of a list argument.
    fn texts(&self, name: &str) -> Result<Vec<String>, Error> {
        let arg = self
            .args
            .get(name)
            .ok_or_else(|| arguments_error(name, "missing"))?;
        let text = text_of(arg, name, DocumentKind::Assessment)?;
        let items: Vec<&RawValue> = serde_json::from_str(text)
            .map_err(|e| arguments_error(name, format!("expected a list of documents: {e}")))?;
        items
            .into_iter()
            .map(|raw| match arg_of(raw)? {
                Arg::Str(t) | Arg::Json(t) => Ok(t.into_owned()),
                _ => Ok(String::new()),
            })
            .collect()
    }

    fn docs<D: Document>(&self, name: &str) -> Result<Vec<D>, Error> {
        super::read_all(&self.texts(name)?, self.r)
    }

    fn opt_string(&self, name: &str) -> Result<Option<String>, Error> {
        match self.args.get(name) {
            None => Ok(None),
            Some(Arg::Str(s)) => Ok(Some(s.clone().into_owned())),
            Some(Arg::Invalid(e)) => Err(e.clone()),
            Some(_) => Err(arguments_error(name, "expected a string")),
        }
    }

    fn string(&self, name: &str) -> Result<String, Error> {
        self.opt_string(name)?
            .ok_or_else(|| arguments_error(name, "missing"))
    }

    fn opt_int(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>, Error> {
        let Some(arg) = self.args.get(name) else {
            return Ok(None);
        };
        let number = match arg {
            Arg::Json(t) => serde_json::from_str::<f64>(t).ok(),
            Arg::Invalid(e) => return Err(e.clone()),
            _ => None,
        };
        match number {
            Some(n) if n.fract() == 0.0 && n >= min as f64 && n <= max as f64 => Ok(Some(n as i64)),
            _ => Err(arguments_error(
                name,
                format!("expected a whole number from {min} to {max}"),
            )),
        }
    }

    fn lang(&self) -> Result<Lang, Error> {
        super::lang_argument(self.opt_string("lang")?.as_deref())
    }

    fn format(&self) -> Result<ReportFormat, Error> {
        super::format_argument(self.opt_string("format")?.as_deref())
    }

    /// A referential argument: a handle, or a referential document
    /// (checked here).
    fn referential(&self, name: &str) -> Result<Option<Cow<'_, CheckedReferential>>, Error> {
        match self.args.get(name) {
            None => Ok(None),
            Some(Arg::Referential(r)) => Ok(Some(Cow::Borrowed(*r))),
            Some(arg) => {
                let text = text_of(arg, name, DocumentKind::Referential)?;
                Ok(Some(Cow::Owned(CheckedReferential::from_json(text)?)))
            }
        }
    }

    fn to(&self) -> Result<Cow<'_, CheckedReferential>, Error> {
        self.referential("to")?
            .ok_or_else(|| arguments_error("to", "missing"))
    }

    /// The full report's optional inputs: an object of documents.
    fn report_request(&self) -> Result<ReportRequest, Error> {
        let Some(arg) = self.args.get("inputs") else {
            return Ok(ReportRequest::default());
        };
        let text = document_text(arg, "inputs")?;
        let mut inner = Args::new();
        for (name, raw) in members(text).map_err(|m| arguments_error("inputs", m))? {
            inner.push(name, arg_of(raw)?);
        }
        if let Some((name, _)) = inner
            .items
            .iter()
            .find(|(n, _)| !REPORT_INPUTS.contains(&n.as_ref()))
        {
            return Err(arguments_error(
                "inputs",
                format!("no report input `{name}` (they are {REPORT_INPUTS:?})"),
            ));
        }
        let a = Reader {
            args: &inner,
            r: self.r,
        };
        Ok(ReportRequest {
            target: a.opt_doc("target")?,
            plan: a.opt_doc("plan")?,
            as_of: a.opt_string("as_of")?,
            history: match inner.get("history") {
                Some(_) => a.docs("history")?,
                None => Vec::new(),
            },
            peers: a.opt_doc("peers")?,
            min_group_size: a.opt_usize("min_group_size")?,
        })
    }

    fn opt_usize(&self, name: &str) -> Result<Option<usize>, Error> {
        Ok(self
            .opt_int(name, 0, i64::from(u32::MAX))?
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX)))
    }
}

/// Each item's result, or its error as an object `{"error": …}`.
fn each<T: Serialize + Send + 'static>(results: Vec<Result<T, Error>>) -> Output {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Item<T> {
        Done(T),
        Failed { error: Value },
    }
    let items: Vec<Item<T>> = results
        .into_iter()
        .map(|r| match r {
            Ok(v) => Item::Done(v),
            Err(e) => Item::Failed {
                error: error_value(&e),
            },
        })
        .collect();
    Output::Data(Data::new(items))
}

fn scoring(op: &str, a: &Reader<'_, '_>) -> Option<Result<Output, Error>> {
    let r = a.r;
    Some(match op {
        "score" => a
            .assessment("assessment")
            .and_then(|x| data(super::score(r, &x)?)),
        // The batch's fast path: a page recomputing the index at each
        // answer calls this once per change.
        "score_summary" => a
            .text("assessment", DocumentKind::Assessment)
            .and_then(|t| data(super::score_summary_json(r, t)?)),
        "score_many" => a.texts("assessments").map(|texts| {
            each(
                texts
                    .iter()
                    .map(|t| super::read::<Assessment>(t, r).and_then(|x| super::score(r, &x)))
                    .collect(),
            )
        }),
        "score_summaries" => a
            .texts("assessments")
            .and_then(|texts| super::score_summaries(r, &texts).map(each)),
        "template" => (|| {
            let level = a.opt_int("level", 0, 255)?.unwrap_or(1);
            let profile = a.opt_doc("profile")?;
            let date = a.opt_string("date")?;
            data(super::template(
                r,
                u8::try_from(level).unwrap_or(1),
                profile,
                date.as_deref(),
            )?)
        })(),
        _ => return None,
    })
}

/// The report of a document that could not even be read: a validation
/// never fails for the document's own problems.
fn unreadable(kind: DocumentKind, e: Error) -> Result<Output, Error> {
    match e {
        Error::Invalid { .. } => data(super::ValidationReport::unreadable(kind, &e)),
        other => Err(other),
    }
}

fn checks(op: &str, a: &Reader<'_, '_>) -> Option<Result<Output, Error>> {
    let r = a.r;
    Some(match op {
        "validate" => match a.document_or_null("document", DocumentKind::Unknown) {
            Ok(t) => data(super::validate_json(t, Some(r))),
            Err(e) => unreadable(DocumentKind::Unknown, e),
        },
        "validate_plan" => match a.document_or_null("plan", DocumentKind::Plan) {
            Ok(t) => data(super::validate_plan_json(t, r)),
            Err(e) => unreadable(DocumentKind::Plan, e),
        },
        "validate_crosswalk" => {
            a.to().and_then(
                |to| match a.document_or_null("crosswalk", DocumentKind::Crosswalk) {
                    Ok(t) => data(super::validate_crosswalk_json(t, r, &to)),
                    Err(e) => unreadable(DocumentKind::Crosswalk, e),
                },
            )
        }
        _ => return None,
    })
}

fn planning(op: &str, a: &Reader<'_, '_>) -> Option<Result<Output, Error>> {
    let r = a.r;
    Some(match op {
        "target_gap" => (|| {
            let x = a.assessment("assessment")?;
            let t: Target = a.doc("target")?;
            data(super::target_gap(r, &x, &t)?)
        })(),
        "candidates" => a
            .assessment("assessment")
            .and_then(|x| data(super::candidates(r, &x)?)),
        "propose" => (|| {
            let x = a.assessment("assessment")?;
            let q: ProposalRequest = a.doc("request")?;
            data(super::propose(r, &x, &q)?)
        })(),
        "plan_from_proposal" => (|| {
            let x = a.assessment("assessment")?;
            let q: ProposalRequest = a.doc("request")?;
            let created = a.string("created")?;
            let p: Proposal = match a.opt_doc("proposal")? {
                Some(p) => p,
                None => super::propose(r, &x, &q)?,
            };
            data(super::plan_from_proposal(r, &x, &q, &p, &created))
        })(),
        "plan_status" => (|| {
            let p: Plan = a.doc("plan")?;
            let as_of = a.string("as_of")?;
            let b: Option<Assessment> = a.opt_doc("baseline")?;
            data(super::plan_status(r, &p, b.as_ref(), &as_of)?)
        })(),
        _ => return None,
    })
}

fn follow_up(op: &str, a: &Reader<'_, '_>) -> Option<Result<Output, Error>> {
    let r = a.r;
    Some(match op {
        "history" => a
            .docs("assessments")
            .and_then(|list| data(super::history(r, &list)?)),
        "diff" => (|| {
            let (b, x) = (a.assessment("before")?, a.assessment("after")?);
            data(super::diff(r, &b, &x)?)
        })(),
        "next_assessment" => (|| {
            let x = a.assessment("previous")?;
            let p: Plan = a.doc("plan")?;
            let date = a.string("date")?;
            data(super::next_assessment(r, &x, &p, &date)?)
        })(),
        "progress_series" => (|| {
            let list = a.docs("assessments")?;
            let p: Plan = a.doc("plan")?;
            data(super::progress_series(r, &list, &p)?)
        })(),
        "compare" => (|| {
            let x = a.assessment("assessment")?;
            let peers: PeerSet = a.doc("peers")?;
            let min = a.opt_usize("min_group_size")?;
            data(super::compare(r, &x, &peers, min)?)
        })(),
        "peer_result" => a
            .assessment("assessment")
            .and_then(|x| data(super::peer_result(r, &x)?)),
        "migrate" | "simulate_migration" => (|| {
            let x = a.assessment("assessment")?;
            let c: crate::model::crosswalk::Crosswalk = a.doc("crosswalk")?;
            let to = a.to()?;
            if op == "migrate" {
                data(super::migrate(r, &x, &c, &to)?)
            } else {
                data(super::simulate_migration(r, &x, &c, &to)?)
            }
        })(),
        "rollup" => (|| {
            let peers: PeerSet = a.doc("peers")?;
            let expected = a.opt_usize("expected_members")?;
            data(super::rollup(&peers, expected)?)
        })(),
        "invert_crosswalk" => (|| {
            let c: crate::model::crosswalk::Crosswalk = a.doc("crosswalk")?;
            data(super::invert_crosswalk(&c)?)
        })(),
        _ => return None,
    })
}

fn renderings(op: &str, a: &Reader<'_, '_>) -> Option<Result<Output, Error>> {
    let r = a.r;
    let text = |t: Result<String, Error>| t.map(Output::Text);
    Some(match op {
        "render_report" => (|| {
            let (format, lang) = (a.format()?, a.lang()?);
            let report = super::score(r, &a.assessment("assessment")?)?;
            Ok(Output::Text(super::render_report(&report, format, lang)))
        })(),
        "full_report" => (|| {
            let (format, lang) = (a.format()?, a.lang()?);
            let request = a.report_request()?;
            let x = a.assessment("assessment")?;
            let text = super::full_report(r, &x, &request.inputs(), format, lang)?;
            Ok(Output::Text(text))
        })(),
        "full_report_data" => (|| {
            let request = a.report_request()?;
            let x = a.assessment("assessment")?;
            data(super::full_report_data(r, &x, &request.inputs())?)
        })(),
        "answers_csv" | "themes_csv" => (|| {
            let lang = a.lang()?;
            let x = a.assessment("assessment")?;
            text(if op == "answers_csv" {
                super::answers_csv(r, &x, lang)
            } else {
                super::themes_csv(r, &x, lang)
            })
        })(),
        "render_migration" | "render_migration_simulation" => (|| {
            let (format, lang) = (a.format()?, a.lang()?);
            let x = a.assessment("assessment")?;
            let c: crate::model::crosswalk::Crosswalk = a.doc("crosswalk")?;
            let to = a.to()?;
            text(if op == "render_migration" {
                super::render_migration_report(
                    &super::migrate(r, &x, &c, &to)?.report,
                    format,
                    lang,
                )
            } else {
                super::render_migration_simulation(
                    &super::simulate_migration(r, &x, &c, &to)?,
                    format,
                    lang,
                )
            })
        })(),
        "plan_csv" => (|| {
            let lang = a.lang()?;
            let p: Plan = a.doc("plan")?;
            text(super::plan_csv(r, &p, lang))
        })(),
        "annual_review" => (|| {
            let lang = a.lang()?;
            let x = a.assessment("assessment")?;
            let year = a
                .opt_int("year", 0, 9999)?
                .ok_or_else(|| arguments_error("year", "missing"))?;
            let p: Option<Plan> = a.opt_doc("plan")?;
            let as_of = a.opt_string("as_of")?;
            let year = i32::try_from(year).unwrap_or_default();
            text(super::annual_review(
                r,
                &x,
                p.as_ref(),
                year,
                as_of.as_deref(),
                lang,
            ))
        })(),
        "radar_svg" => (|| {
            let lang = a.lang()?;
            let x = a.assessment("assessment")?;
            let t: Option<Target> = a.opt_doc("target")?;
            let peers: Option<PeerSet> = a.opt_doc("peers")?;
            text(super::radar_svg(r, &x, t.as_ref(), peers.as_ref(), lang))
        })(),
        "evolution_svg" => (|| {
            let lang = a.lang()?;
            let list = a.docs("assessments")?;
            let p: Option<Plan> = a.opt_doc("plan")?;
            text(super::evolution_svg(r, &list, p.as_ref(), lang))
        })(),
        "markdown" => a
            .lang()
            .map(|lang| Output::Text(super::referential_markdown(r, lang))),
        _ => return None,
    })
}

/// The importers (of no referential).
fn imports(op: &str, a: &Reader<'_, '_>) -> Option<Result<Output, Error>> {
    let source = || -> Result<&str, Error> {
        let arg = a
            .args
            .get("source")
            .ok_or_else(|| arguments_error("source", "missing"))?;
        match arg {
            // The importers check the size (an Éco-clic database may be
            // larger than other sources): only the encoding is checked here.
            Arg::Bytes(b) => std::str::from_utf8(b).map_err(|e| {
                super::invalid(
                    DocumentKind::ImportSource,
                    vec![crate::model::error::Issue::error(
                        crate::model::error::IssueCode::InvalidJson,
                        "",
                        format!("not UTF-8 text: {e}"),
                    )],
                )
            }),
            other => document_text(other, "source"),
        }
    };
    // An Éco-clic database has its own, larger size limit.
    let ecoclic = || super::parse_ecoclic_source(source()?);
    Some(match op {
        "import_referential" => (|| {
            let format = a.string("format")?;
            data(super::import_referential(
                super::import_format(&format)?,
                source()?,
            )?)
        })(),
        "import_ecoclic" => ecoclic().and_then(|s| data(super::import_ecoclic(&s)?)),
        "import_ecoclic_answers" => (|| {
            let s = ecoclic()?;
            let r = a.referential("referential")?;
            data(super::import_ecoclic_answers(
                &s,
                r.as_deref().map(|r| &**r),
            )?)
        })(),
        _ => return None,
    })
}

/// [`call`] with its arguments as a JSON object's text, and the result as
/// JSON text: the whole exchange of a caller that speaks only JSON.
pub fn call_json(operation: &str, r: &CheckedReferential, args: &str) -> Result<Output, Error> {
    call(operation, r, &Args::from_json(args)?)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]
    use super::*;

    fn default() -> &'static CheckedReferential {
        super::super::default_checked().unwrap()
    }

    fn argument_of(e: Error) -> String {
        match e {
            Error::InvalidArgument { name, .. } => name,
            other => panic!("not an argument error: {other}"),
        }
    }

    #[test]
    fn unknown_missing_repeated_and_mistyped_arguments_name_themselves() {
        let r = default();
        let cases = [
            ("scor", "{}", "operation"),
            ("score", r#"{"assesment": {}}"#, "assesment"),
            ("score", "{}", "assessment"),
            (
                "score",
                r#"{"assessment": {}, "assessment": {}}"#,
                "arguments",
            ),
            ("template", r#"{"level": "one"}"#, "level"),
            ("template", r#"{"level": 2.5}"#, "level"),
            ("render_report", r#"{"assessment": {}, "lang": 3}"#, "lang"),
            (
                "full_report",
                r#"{"assessment": {}, "inputs": {"targte": {}}}"#,
                "inputs",
            ),
            ("score", "[1, 2]", "arguments"),
            (
                "full_report",
                r#"{"assessment": {}, "inputs": ""}"#,
                "inputs",
            ),
            (
                "full_report",
                r#"{"assessment": {}, "inputs": "null"}"#,
                "inputs",
            ),
            ("score", "{\"assessment\": ", "arguments"),
        ];
        for (op, args, name) in cases {
            let e = call_json(op, r, args).expect_err(op);
            assert_eq!(argument_of(e), name, "{op} {args}");
        }
    }

    #[test]
    fn documents_as_objects_as_text_or_as_bytes_give_the_same_result() {
        let r = default();
        let doc = r#"{"referential": {"id": "sobriete-reen", "version": "1.0.0"},
            "profile": {"name": "X", "kind": "commune", "population": 500},
            "date": "2026-01-15", "level": 1, "answers": {}}"#;
        let as_object = call_json("score", r, &format!(r#"{{"assessment": {doc}}}"#)).unwrap();
        let quoted = serde_json::to_string(doc).unwrap();
        let as_text = call_json("score", r, &format!(r#"{{"assessment": {quoted}}}"#)).unwrap();
        let mut args = Args::new();
        args.push("assessment", Arg::Bytes(doc.as_bytes().into()));
        let as_bytes = call("score", r, &args).unwrap();
        assert_eq!(as_object, as_text);
        assert_eq!(as_object, as_bytes);
        let mut args = Args::new();
        args.push("assessment", Arg::Bytes((&b"{\xff}"[..]).into()));
        let e = call("score", r, &args).unwrap_err();
        assert_eq!(error_value(&e)["document"], "assessment");
        assert_eq!(error_value(&e)["issues"][0]["code"], "invalid_json");
    }

    #[test]
    fn a_batch_keeps_each_failure_in_its_slot() {
        let out = call_json(
            "score_summaries",
            default(),
            r#"{"assessments": [{"level": 9}, "not json"]}"#,
        )
        .unwrap();
        let Output::Data(json) = out else {
            panic!("{out:?}")
        };
        let items: Vec<Value> = serde_json::from_str(&json.to_json()).unwrap();
        assert_eq!(items.len(), 2);
        for item in items {
            assert_eq!(item["error"]["code"], "invalid_document");
            assert_eq!(item["error"]["document"], "assessment");
        }
    }

    #[test]
    fn deep_or_huge_arguments_are_refused_without_panicking() {
        let deep = format!(
            "{{\"assessment\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(call_json("score", default(), &deep).is_err());
        let nested = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let e =
            call_json("score", default(), &format!("{{\"assessment\": {nested}}}")).unwrap_err();
        assert!(matches!(
            e,
            Error::Invalid { .. } | Error::InvalidArgument { .. }
        ));
    }

    #[test]
    fn a_validation_reports_a_missing_or_unreadable_document_without_failing() {
        for (op, args) in [
            ("validate", "{}"),
            ("validate_plan", r#"{"plan": "{"}"#),
            ("validate", r#"{"document": 3}"#),
        ] {
            let Output::Data(json) = call_json(op, default(), args).unwrap() else {
                panic!("{op}")
            };
            let report: Value = serde_json::from_str(&json.to_json()).unwrap();
            assert_eq!(report["valid"], false, "{op} {args}");
            assert!(!report["issues"].as_array().unwrap().is_empty());
        }
    }

    #[test]
    fn a_group_runs_only_its_operations() {
        let args = Args::from_json(r#"{"lang": "en"}"#).unwrap();
        let e = call_among(&[CHECKS, PLANNING], "markdown", default(), &args).unwrap_err();
        assert_eq!(argument_of(e), "operation");
        assert!(call_among(&[RENDERINGS], "markdown", default(), &args).is_ok());
        for (name, _) in OPERATIONS {
            let e = call_among(&[], name, default(), &Args::new()).unwrap_err();
            assert_eq!(argument_of(e), "operation", "{name}");
        }
    }

    #[test]
    fn text_results_are_json_strings_in_json_form() {
        let out = call_json("markdown", default(), r#"{"lang": "en"}"#).unwrap();
        let Output::Text(text) = &out else {
            panic!("{out:?}")
        };
        let json: String = serde_json::from_str(&out.to_json()).unwrap();
        assert_eq!(&json, text);
    }
}
