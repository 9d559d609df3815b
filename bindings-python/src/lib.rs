//! The native module `sobriete._native` of the Python package.
//!
//! A thin translation over the core's generic entry point
//! [`sobriete::api::call`]: each operation is one entry of the tables
//! below (its Python name and signature), whose arguments become
//! `api::Args` and whose result comes back as text or as plain Python data
//! (the Python package wraps them in typed classes). Documents come in as
//! dicts or JSON text and are validated by the core exactly as in every
//! other language. Errors become the exceptions of `sobriete.errors`, built
//! in one place (`exception`); a panic, which the core is written never to
//! raise, is caught and reported as `sobriete.errors.InternalError` rather
//! than reaching Python as a `BaseException`. Batch scoring keeps its own
//! fast paths (`batch`, `quick`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::panic::{catch_unwind, AssertUnwindSafe};

mod batch;
mod quick;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};
use serde::Serialize;
use sobriete::api::{self, Arg, Args, CheckedReferential, Output};
use sobriete::{DocumentKind, Error, Issue, ReportFormat};

/// Why a call failed, before it becomes a Python exception.
enum Fail {
    /// The core refused an input.
    Core(Error),
    /// A Rust panic (a bug): caught, never unwound into Python.
    Panic(String),
    /// A Python-side error (conversion, import).
    Py(PyErr),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail::Core(e)
    }
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Self {
        Fail::Py(e)
    }
}

fn issue_dict<'py>(py: Python<'py>, i: &Issue) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", i.code.as_str())?;
    d.set_item("path", &i.path)?;
    let severity = match i.severity {
        sobriete::Severity::Error => "error",
        sobriete::Severity::Warning => "warning",
    };
    d.set_item("severity", severity)?;
    d.set_item("message", &i.message)?;
    Ok(d)
}

/// The exception instance for a failure: the one place where core errors
/// become `sobriete.errors` exceptions.
fn exception(py: Python<'_>, fail: Fail) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let errors = py.import("sobriete.errors")?;
        let instance = match fail {
            Fail::Py(e) => return Ok(e),
            Fail::Panic(message) => errors.getattr("InternalError")?.call1((message,))?,
            Fail::Core(e) => match &e {
                Error::Invalid { document, issues } => {
                    let list = PyList::empty(py);
                    for i in issues {
                        list.append(issue_dict(py, i)?)?;
                    }
                    let args = (e.to_string(), document.as_str(), list);
                    errors.getattr("ValidationError")?.call1(args)?
                }
                Error::InvalidArgument { name, message } => errors
                    .getattr("ArgumentError")?
                    .call1((e.to_string(), name.as_str(), message.as_str()))?,
            },
        };
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}

impl From<Fail> for PyErr {
    fn from(f: Fail) -> Self {
        Python::attach(|py| exception(py, f))
    }
}

type Res<T> = Result<T, Fail>;

/// Runs core code, turning a panic into [`Fail::Panic`].
fn guard<T>(f: impl FnOnce() -> Result<T, Error>) -> Res<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r.map_err(Fail::Core),
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Fail::Panic(format!(
                "internal error in sobriete (please report it): {detail}"
            )))
        }
    }
}

fn invalid(document: DocumentKind, issue: Issue) -> Error {
    Error::Invalid {
        document,
        issues: vec![issue],
    }
}

/// A document given as JSON text or as Python data (dict, list, …), as an
/// argument of `api::call` (a document that cannot even become JSON text is
/// an `Arg::Invalid`: the error of its kind where the core reads it).
///
/// A `str` is borrowed as is, `bytes` read in place as UTF-8 (checked
/// here, against the kind's size limit: `invalid_json` when they are not
/// UTF-8), and Python data crosses as JSON text written by Python's own
/// `json` module: it refuses what JSON cannot hold (sets, objects) and
/// guards its recursion, and the core's parser then applies its limits
/// (size, nesting depth, duplicate keys: `sobriete::api::limits`), so no
/// value, however deep or large, can exhaust the Rust stack or the memory.
fn document<'a>(obj: &'a Bound<'_, PyAny>, kind: DocumentKind) -> PyResult<Arg<'a>> {
    let text = |r: Result<&str, Error>| match r {
        Ok(t) => Arg::Str(Cow::Owned(t.to_owned())),
        Err(e) => Arg::Invalid(e),
    };
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Arg::Str(s.to_cow()?));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(match api::text_from_utf8(b.as_bytes(), kind) {
            Ok(t) => Arg::Str(Cow::Borrowed(t)),
            Err(e) => Arg::Invalid(e),
        });
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(text(api::text_from_utf8(&b.to_vec(), kind)));
    }
    let py = obj.py();
    let dumped = dumps(py).and_then(|dumps| dumps.bind(py).call1((obj,)));
    Ok(
        match dumped.and_then(|t| Ok(t.cast_into::<PyString>()?.to_cow()?.into_owned())) {
            Ok(t) => Arg::Str(Cow::Owned(t)),
            Err(e) => Arg::Invalid(invalid(
                kind,
                Issue::error(
                    sobriete::IssueCode::InvalidType,
                    "",
                    format!(
                        "not a JSON document (dict, list, str, int, float, bool, None): {}",
                        e.value(py)
                    ),
                ),
            )),
        },
    )
}

/// A document as JSON text (see [`document`]), or the error reading it.
fn text_of(obj: &Bound<'_, PyAny>, kind: DocumentKind) -> Res<String> {
    match document(obj, kind)? {
        Arg::Str(t) => Ok(t.into_owned()),
        Arg::Invalid(e) => Err(Fail::Core(e)),
        _ => Ok(String::new()),
    }
}

/// Python's `json.dumps`, looked up once.
fn dumps(py: Python<'_>) -> PyResult<&'static Py<PyAny>> {
    static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    DUMPS.get_or_try_init(py, || Ok(py.import("json")?.getattr("dumps")?.unbind()))
}

/// A value as Python data (for the documents read back, which are not
/// operations of `api::call`).
fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> Res<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| Fail::Py(e.into()))
}

/// Runs an operation of `api::call` without the GIL, its result as Python
/// data (pythonized from the result, its fields in the document's order)
/// or as a `str`.
fn run<'py>(
    py: Python<'py>,
    operation: &str,
    r: &CheckedReferential,
    args: &Args<'_>,
) -> PyResult<Bound<'py, PyAny>> {
    match py.detach(|| guard(|| api::call(operation, r, args)))? {
        Output::Data(data) => Ok(pythonize::pythonize(py, &data)?),
        Output::Text(text) => Ok(PyString::new(py, &text).into_any()),
    }
}

/// A parameter of a method as an argument of `api::call`, by its type
/// (`None`: not given); a document's kind is its parameter name's.
trait ToArg {
    fn arg(&self, name: &str) -> PyResult<Option<Arg<'_>>>;
}

/// A document argument (see [`document`]).
struct Doc<'py>(Bound<'py, PyAny>);
/// A list of documents (any iterable), as a JSON array of their texts.
struct Docs<'py>(Bound<'py, PyAny>);
/// A document to validate: anything (see [`validation_text`]).
struct Loose<'py>(Bound<'py, PyAny>);

macro_rules! extract_as_is {
    ($($t:ident),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for $t<'py> {
            type Error = PyErr;
            fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                Ok($t(obj.to_owned()))
            }
        }
    )*};
}
extract_as_is!(Doc, Docs, Loose);

macro_rules! to_arg {
    ($($t:ty => |$v:ident, $name:ident| $e:expr;)*) => {$(
        impl ToArg for $t {
            fn arg(&self, $name: &str) -> PyResult<Option<Arg<'_>>> {
                let $v = self;
                $e.map(Some)
            }
        }
    )*};
}

to_arg! {
    Doc<'_> => |v, name| {
        document(&v.0, api::argument_document(name).unwrap_or(DocumentKind::Unknown))
    };
    Docs<'_> => |v, _name| documents(&v.0);
    Loose<'_> => |v, _name| validation_text(&v.0).map(|t| Arg::Str(Cow::Owned(t)));
    &str => |v, _name| Ok(Arg::Str(Cow::Borrowed(*v)));
    String => |v, _name| Ok(Arg::Str(Cow::Borrowed(v.as_str())));
    u8 => |v, _name| Ok(Arg::Json(Cow::Owned(v.to_string())));
    i32 => |v, _name| Ok(Arg::Json(Cow::Owned(v.to_string())));
    usize => |v, _name| Ok(Arg::Json(Cow::Owned(v.to_string())));
    &Bound<'_, PyReferential> => |v, _name| Ok(Arg::Referential(&v.get().inner));
    PyRef<'_, PyReferential> => |v, _name| Ok(Arg::Referential(&v.inner));
}

impl<T: ToArg> ToArg for Option<T> {
    fn arg(&self, name: &str) -> PyResult<Option<Arg<'_>>> {
        self.as_ref().map_or(Ok(None), |v| v.arg(name))
    }
}

/// The documents of an iterable as a JSON array of their texts (one that
/// cannot even become text makes the whole argument invalid).
fn documents(list: &Bound<'_, PyAny>) -> PyResult<Arg<'static>> {
    let mut texts = Vec::new();
    for item in list.try_iter()? {
        match text_of(&item?, DocumentKind::Assessment) {
            Ok(t) => texts.push(t),
            Err(Fail::Core(e)) => return Ok(Arg::Invalid(e)),
            Err(other) => return Err(other.into()),
        }
    }
    Ok(Arg::Json(Cow::Owned(
        serde_json::to_string(&texts).unwrap_or_default(),
    )))
}

/// The text a validation reads: JSON text (Python data written by
/// `json.dumps`), else the object's `str()`, which the core then reports
/// like any other document that is not JSON.
fn validation_text(document: &Bound<'_, PyAny>) -> PyResult<String> {
    let parsed = text_of(document, DocumentKind::Unknown)
        .and_then(|t| guard(|| api::parse_json(&t, DocumentKind::Unknown)));
    match parsed {
        Ok(v) => Ok(v.to_string()),
        Err(Fail::Core(_)) => Ok(document.str()?.to_cow()?.into_owned()),
        Err(other) => Err(other.into()),
    }
}

/// The arguments of a call: `$p` each by its name, and the `$i` as the
/// members of an `inputs` object (the full report's optional inputs).
macro_rules! args {
    ($($p:ident),* $(; $($i:ident),*)?) => {{
        let mut args = Args::new();
        $( if let Some(a) = ToArg::arg(&$p, stringify!($p))? {
            args.push(stringify!($p), a);
        } )*
        $( let inputs = vec![$((stringify!($i), ToArg::arg(&$i, stringify!($i))?)),*];
        if let Some(a) = inputs_arg(inputs) {
            args.push("inputs", a);
        } )?
        args
    }};
}

/// The `inputs` object of a full report from its members given (none: no
/// argument); a member that could not be read makes the whole argument
/// invalid, with its error.
fn inputs_arg(members: Vec<(&str, Option<Arg<'_>>)>) -> Option<Arg<'static>> {
    let mut object = serde_json::Map::new();
    for (name, arg) in members {
        let value = match arg {
            None => continue,
            Some(Arg::Str(s)) => serde_json::Value::String(s.into_owned()),
            Some(Arg::Json(t)) => serde_json::from_str(&t).unwrap_or_default(),
            Some(Arg::Invalid(e)) => return Some(Arg::Invalid(e)),
            Some(_) => continue,
        };
        object.insert(name.to_owned(), value);
    }
    (!object.is_empty())
        .then(|| Arg::Json(Cow::Owned(serde_json::Value::Object(object).to_string())))
}

/// The methods of `Referential` that are operations of `api::call`, of the
/// same name, with the handwritten ones (`$extra`) in the same block.
macro_rules! methods {
    ($( $(#[$m:meta])* fn $name:ident($($p:ident: $t:ty),* $(; $($i:ident: $it:ty),*)?); )*
     extra { $($extra:tt)* }) => {
        #[pymethods]
        impl PyReferential {
            $( $(#[$m])*
            fn $name<'py>(&self, py: Python<'py>, $($p: $t,)* $($($i: $it),*)?)
                -> PyResult<Bound<'py, PyAny>> {
                run(py, stringify!($name), &self.inner, &args!($($p),* $(; $($i),*)?))
            } )*
            $($extra)*
        }
    };
}

/// The module's functions that are operations of `api::call` (on the
/// default referential, which only a validation reads), and a function
/// adding them to the module.
macro_rules! functions {
    ($( $(#[$m:meta])* fn $name:ident($($p:ident: $t:ty),*); )*) => {
        $( #[pyfunction]
        $(#[$m])*
        fn $name<'py>(py: Python<'py>, $($p: $t),*) -> PyResult<Bound<'py, PyAny>> {
            run(py, stringify!($name), default_referential()?, &args!($($p),*))
        } )*
        fn add_operations(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( m.add_function(wrap_pyfunction!($name, m)?)?; )*
            Ok(())
        }
    };
}

fn default_referential() -> Res<&'static CheckedReferential> {
    guard(api::default_checked)
}

/// A loaded, validated referential. Every operation takes documents as
/// dicts or JSON text and returns plain Python data.
#[pyclass(frozen, module = "sobriete._native", name = "Referential")]
struct PyReferential {
    // The embedded referential is borrowed, not copied: the core knows it
    // was checked when loaded and does not check it again at each call.
    inner: Cow<'static, CheckedReferential>,
}

/// A document read and validated by the core (against `r`, for the kinds
/// that need one), given back as Python data.
fn read_back<'py, D: api::Document + Serialize>(
    py: Python<'py>,
    obj: &Bound<'py, PyAny>,
    r: &CheckedReferential,
    check: impl FnOnce(&D) -> Result<(), Error>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = text_of(obj, D::KIND)?;
    let d = guard(|| api::read::<D>(&text, r).and_then(|d| check(&d).map(|()| d)))?;
    Ok(to_py(py, &d)?)
}

methods! {
    /// Validates any document (kind detected) against this referential:
    /// the validation report as a dict.
    fn validate(document: Loose<'_>);
    /// Scores an assessment: the score report as a dict.
    fn score(assessment: Doc<'_>);
    /// The headline figures of an assessment (index, grade, themes).
    fn score_summary(assessment: Doc<'_>);
    /// Scores an assessment and renders its report in a format and language.
    fn render_report(assessment: Doc<'_>, format: &str, lang: &str);
    /// Checks a crosswalk from this referential to `to`: the validation
    /// report (its problems are the report's, never raised).
    fn validate_crosswalk(crosswalk: Doc<'_>, to: &Bound<'_, PyReferential>);
    /// Migrates an assessment to `to` and renders the migration's report
    /// (text, Markdown or JSON text), as the command line's `migrate`.
    fn render_migration(assessment: Doc<'_>, crosswalk: Doc<'_>, to: &Bound<'_, PyReferential>,
        format: &str, lang: &str);
    /// `render_migration` of the simulation (`migrate --simulate`).
    fn render_migration_simulation(assessment: Doc<'_>, crosswalk: Doc<'_>,
        to: &Bound<'_, PyReferential>, format: &str, lang: &str);
    /// The referential as a readable Markdown document.
    fn markdown(lang: &str);
    /// An assessment skeleton (every question of the levels ≤ `level`,
    /// unanswered) as a dict.
    #[pyo3(signature = (level, profile=None, date=None))]
    fn template(level: u8, profile: Option<Doc<'_>>, date: Option<&str>);
    /// The report of an assessment in a format (`text`, `json`, `markdown`,
    /// `html`) and language (`fr`, `en`), with what the optional inputs add:
    /// the target's gap and proposed plan, a plan's follow-up as of `as_of`,
    /// the history of earlier assessments, the comparison with peers.
    #[pyo3(signature = (assessment, format, lang, target=None, plan=None, as_of=None, history=None, peers=None, min_group_size=None))]
    #[allow(clippy::too_many_arguments)]
    fn full_report(assessment: Doc<'_>, format: &str, lang: &str; target: Option<Doc<'_>>,
        plan: Option<Doc<'_>>, as_of: Option<&str>, history: Option<Docs<'_>>,
        peers: Option<Doc<'_>>, min_group_size: Option<usize>);
    /// Every part of the full report as a dict (see `full_report`).
    #[pyo3(signature = (assessment, target=None, plan=None, as_of=None, history=None, peers=None, min_group_size=None))]
    #[allow(clippy::too_many_arguments)]
    fn full_report_data(assessment: Doc<'_>; target: Option<Doc<'_>>, plan: Option<Doc<'_>>,
        as_of: Option<&str>, history: Option<Docs<'_>>, peers: Option<Doc<'_>>,
        min_group_size: Option<usize>);
    /// The gap between an assessment's scores and a target.
    fn target_gap(assessment: Doc<'_>, target: Doc<'_>);
    /// Every action that would raise an answer, with its gain and the views.
    fn candidates(assessment: Doc<'_>);
    /// The plan of least effort reaching the request's target.
    fn propose(assessment: Doc<'_>, request: Doc<'_>);
    /// A plan document from a proposal (computed from the request when not
    /// given), every proposed action to plan, created on `created`.
    #[pyo3(signature = (assessment, request, created, proposal=None))]
    fn plan_from_proposal(assessment: Doc<'_>, request: Doc<'_>, created: &str,
        proposal: Option<Doc<'_>>);
    /// Validates a plan against this referential: the validation report
    /// (the document is read as a plan, whatever it looks like).
    fn validate_plan(plan: Doc<'_>);
    /// Follows a plan up as of a date (baseline: given, else the plan's).
    #[pyo3(signature = (plan, as_of, baseline=None))]
    fn plan_status(plan: Doc<'_>, as_of: &str, baseline: Option<Doc<'_>>);
    /// The history of dated assessments.
    fn history(assessments: Docs<'_>);
    /// What changed between two assessments.
    fn diff(before: Doc<'_>, after: Doc<'_>);
    /// The draft of the next assessment after a plan's done actions.
    fn next_assessment(previous: Doc<'_>, plan: Doc<'_>, date: &str);
    /// Achieved vs planned index over time.
    fn progress_series(assessments: Docs<'_>, plan: Doc<'_>);
    /// Situates an assessment among its peers.
    #[pyo3(signature = (assessment, peers, min_group_size=None))]
    fn compare(assessment: Doc<'_>, peers: Doc<'_>, min_group_size: Option<usize>);
    /// The peer result of an assessment (to publish into a peers file).
    fn peer_result(assessment: Doc<'_>);
    /// CSV of the answers, one row per question.
    fn answers_csv(assessment: Doc<'_>, lang: &str);
    /// CSV of the theme scores.
    fn themes_csv(assessment: Doc<'_>, lang: &str);
    /// CSV of a plan's actions.
    fn plan_csv(plan: Doc<'_>, lang: &str);
    /// The REEN annual review (Markdown) for a year.
    #[pyo3(signature = (assessment, year, lang, plan=None, as_of=None))]
    fn annual_review(assessment: Doc<'_>, year: i32, lang: &str, plan: Option<Doc<'_>>,
        as_of: Option<&str>);
    /// The radar chart (SVG) of the theme scores.
    #[pyo3(signature = (assessment, lang, target=None, peers=None))]
    fn radar_svg(assessment: Doc<'_>, lang: &str, target: Option<Doc<'_>>,
        peers: Option<Doc<'_>>);
    /// The evolution chart (SVG) of dated assessments.
    #[pyo3(signature = (assessments, lang, plan=None))]
    fn evolution_svg(assessments: Docs<'_>, lang: &str, plan: Option<Doc<'_>>);

    extra {
        /// The default referential embedded in the library.
        #[staticmethod]
        fn default() -> PyResult<Self> {
            let r = default_referential()?;
            Ok(PyReferential { inner: Cow::Borrowed(r) })
        }

        /// A referential from a dict or JSON text, validated.
        #[staticmethod]
        fn load(document: &Bound<'_, PyAny>) -> PyResult<Self> {
            let text = text_of(document, DocumentKind::Referential)?;
            let v = guard(|| api::parse_json(&text, DocumentKind::Referential))?;
            let r = guard(|| CheckedReferential::from_value(&v))?;
            Ok(PyReferential { inner: Cow::Owned(r) })
        }

        /// The referential as a dict.
        fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            Ok(to_py(py, &**self.inner)?)
        }

        /// The referential as JSON text.
        fn to_json(&self) -> String {
            api::referential_to_json(&self.inner)
        }

        /// Reads and validates an assessment against this referential: the
        /// assessment as the core holds it (a dict), or the error listing every
        /// problem.
        fn load_assessment<'py>(
            &self,
            py: Python<'py>,
            assessment: &Bound<'py, PyAny>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let r = &self.inner;
            read_back(py, assessment, r, |a| api::score(r, a).map(|_| ()))
        }

        /// Reads and validates a plan against this referential (a dict).
        fn load_plan<'py>(
            &self,
            py: Python<'py>,
            plan: &Bound<'py, PyAny>,
        ) -> PyResult<Bound<'py, PyAny>> {
            read_back(py, plan, &self.inner, |_: &sobriete::model::plan::Plan| Ok(()))
        }

        /// Carries an assessment made on this referential to `to` across a
        /// crosswalk: `{"assessment", "report"}` (or, with `simulate`, the
        /// index and theme scores before and after and the report).
        #[pyo3(signature = (assessment, crosswalk, to, simulate=false))]
        fn migrate<'py>(
            &self,
            py: Python<'py>,
            assessment: Doc<'py>,
            crosswalk: Doc<'py>,
            to: &Bound<'py, PyReferential>,
            simulate: bool,
        ) -> PyResult<Bound<'py, PyAny>> {
            let operation = if simulate { "simulate_migration" } else { "migrate" };
            run(py, operation, &self.inner, &args!(assessment, crosswalk, to))
        }

        /// Scores many assessments in one call, without the GIL while scoring:
        /// a list with, per item, the report dict or the exception instance.
        fn score_many<'py>(
            &self,
            py: Python<'py>,
            assessments: &Bound<'py, PyAny>,
        ) -> PyResult<Bound<'py, PyList>> {
            let mut inputs = Vec::new();
            for item in assessments.try_iter()? {
                inputs.push(match text_of(&item?, DocumentKind::Assessment) {
                    Ok(v) => Ok(v),
                    Err(Fail::Core(e)) => Err(e),
                    Err(other) => return Err(other.into()),
                });
            }
            let r = &self.inner;
            let results: Vec<Res<sobriete::ScoreReport>> = py.detach(|| {
                let score = |v: &str| api::parse_assessment(v, r).and_then(|a| api::score(r, &a));
                inputs.into_iter().map(|v| guard(|| v.and_then(|v| score(&v)))).collect()
            });
            let out = PyList::empty(py);
            for result in results {
                match result {
                    Ok(report) => out.append(to_py(py, &report)?)?,
                    Err(f) => out.append(exception(py, f).into_value(py))?,
                }
            }
            Ok(out)
        }

        /// Scores many assessments in one call and returns columns (a dict of
        /// lists, one entry per assessment), the shape of a DataFrame: profile
        /// fields, index, grade, completeness, the Éco-clic figure, one column
        /// per theme score (`theme:<id>`) and `error` (None when scored).
        /// Items other than JSON text, bytes and dicts (typed documents, paths)
        /// are first given to `fallback`, which returns one of those.
        #[pyo3(signature = (assessments, fallback=None))]
        fn score_table<'py>(
            &self,
            py: Python<'py>,
            assessments: &Bound<'py, PyAny>,
            fallback: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyDict>> {
            // A generator has no length: its columns grow as they go.
            let capacity = assessments.len().unwrap_or(0);
            let mut columns = batch::Columns::new(py, &self.inner, capacity, false);
            self.summaries(py, assessments, fallback, |result| columns.push(None, result))?;
            columns.into_dict()
        }

        /// The summaries of many assessments in one call (the core's
        /// `score_summaries`): per item, the summary dict or the exception
        /// instance. Inputs as in [`score_table`]; the Python work overlaps
        /// the scoring.
        #[pyo3(signature = (assessments, fallback=None))]
        fn score_summaries<'py>(
            &self,
            py: Python<'py>,
            assessments: &Bound<'py, PyAny>,
            fallback: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyList>> {
            let out = PyList::empty(py);
            self.summaries(py, assessments, fallback, |result| match result {
                Ok(summary) => out.append(to_py(py, &summary)?),
                Err(f) => out.append(exception(py, f).into_value(py)),
            })?;
            Ok(out)
        }

        /// [`score_table`] of a JSON Lines file (one assessment per line, blank
        /// lines skipped), read without making a Python object per line; the
        /// columns start with `line`, each row's line number.
        fn score_table_jsonl<'py>(
            &self,
            py: Python<'py>,
            path: std::path::PathBuf,
        ) -> PyResult<Bound<'py, PyDict>> {
            // Read line by line while the other threads score the lines
            // read (reading the whole file first left them idle).
            let file = std::fs::File::open(&path)?;
            let size = file.metadata().map_or(u64::MAX, |m| m.len());
            let reader = std::io::BufReader::with_capacity(1 << 16, file);
            let lines = reader.split(b'\n').enumerate().filter_map(|(n, line)| match line {
                Ok(mut line) => {
                    if line.ends_with(b"\r") {
                        line.pop();
                    }
                    let blank = line.iter().all(u8::is_ascii_whitespace);
                    (!blank).then_some(Ok((n + 1, Input::Bytes(line))))
                }
                Err(e) => Some(Err(PyErr::from(e))),
            });
            let s = guard(|| api::Summariser::new(&self.inner))?;
            let mut columns = batch::Columns::new(py, &self.inner, 0, true);
            batch::pipelined(
                py,
                // At most one line per byte: a hint for small files.
                usize::try_from(size).unwrap_or(usize::MAX),
                api::batch_threads(),
                lines,
                |(n, input)| (n, summarise(&s, input)),
                |(n, result)| columns.push(Some(n), result),
            )?;
            columns.into_dict()
        }
    }
}

impl PyReferential {
    /// The summary of each item of `assessments`, handed to `emit` in
    /// order: the items are converted here while other threads score them
    /// (see `batch`). Each item is held until the end, so `bytes` are read
    /// in place with the GIL released.
    fn summaries<'py>(
        &self,
        py: Python<'py>,
        assessments: &Bound<'py, PyAny>,
        fallback: Option<&Bound<'py, PyAny>>,
        emit: impl FnMut(Res<api::ScoreSummary>) -> PyResult<()>,
    ) -> PyResult<()> {
        let items = assessments
            .try_iter()?
            .collect::<PyResult<Vec<Bound<'py, PyAny>>>>()?;
        let s = guard(|| api::Summariser::new(&self.inner))?;
        batch::pipelined(
            py,
            items.len(),
            api::batch_threads(),
            items.iter().map(|item| batch_input(item, fallback)),
            |input| summarise(&s, input),
            emit,
        )
    }
}

/// One item of a batch, as read under the GIL.
enum Input<'a> {
    /// Read straight from Python data (the fast path).
    Read(Box<sobriete::Assessment>),
    /// JSON text, read by the core (every problem reported): a `str`'s
    /// UTF-8 is borrowed from the caller's object, not copied.
    Text(Cow<'a, str>),
    /// UTF-8 JSON text read in place (from `bytes` held by the caller).
    Utf8(&'a [u8]),
    /// UTF-8 JSON text of a line of a JSON Lines file.
    Bytes(Vec<u8>),
    /// Not a document at all.
    Failed(Error),
}

/// The summary of one item of a batch.
fn summarise(s: &api::Summariser<'_>, input: Input<'_>) -> Res<api::ScoreSummary> {
    guard(|| match input {
        Input::Read(a) => s.assessment(&a),
        Input::Text(t) => s.json(&t),
        Input::Utf8(b) => s.utf8(b),
        Input::Bytes(b) => s.utf8(&b),
        Input::Failed(e) => Err(e),
    })
}

/// An item of a batch: JSON text (`str` starting with `{` or `[`, or
/// `bytes`), a dict, or anything else through `fallback` (a typed
/// document, a path to a JSON file: see the Python package's `_source`).
fn batch_input<'a>(
    item: &'a Bound<'_, PyAny>,
    fallback: Option<&Bound<'_, PyAny>>,
) -> PyResult<Input<'a>> {
    if let Ok(b) = item.cast::<PyBytes>() {
        return Ok(Input::Utf8(b.as_bytes()));
    }
    if let Ok(s) = item.cast::<PyString>() {
        let text = s.to_cow()?;
        if matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'[')) || fallback.is_none() {
            return Ok(Input::Text(text));
        }
    } else if item.cast::<PyDict>().is_ok() || fallback.is_none() {
        return owned_input(item);
    }
    match fallback {
        Some(f) => owned_input(&f.call1((item,))?),
        None => owned_input(item),
    }
}

/// A dict is read straight into an assessment when it is one (no JSON text
/// in between: that was most of a batch's time); anything else, or any
/// doubt, goes the JSON way, which reports every problem. Reading into the
/// typed assessment cannot recurse deeper than its fixed shape: a value of
/// the wrong type is refused where it is found.
fn owned_input(item: &Bound<'_, PyAny>) -> PyResult<Input<'static>> {
    if let Ok(d) = item.cast::<PyDict>() {
        if let Some(a) = quick::assessment(d) {
            return Ok(Input::Read(Box::new(a)));
        }
    }
    Ok(match text_of(item, DocumentKind::Assessment) {
        Ok(t) => Input::Text(Cow::Owned(t)),
        Err(Fail::Core(e)) => Input::Failed(e),
        Err(other) => return Err(other.into()),
    })
}

functions! {
    /// Validates any document (kind detected; assessments and plans need a
    /// referential, the default one when none is given).
    fn validate(document: Loose<'_>);
    /// Aggregates members' results (e.g. the communes of an intercommunalité).
    #[pyo3(signature = (peers, expected_members=None))]
    fn rollup(peers: Doc<'_>, expected_members: Option<usize>);
    /// The crosswalk the other way round (to migrate back).
    fn invert_crosswalk(crosswalk: Doc<'_>);
}

/// Turns a published referential (`format`: rgesn, minumeco, wsg) into the
/// library's format: `{"referential", "report"}` (the report lists what was
/// skipped).
#[pyfunction]
fn import_referential<'py>(
    py: Python<'py>,
    format: &str,
    source: Doc<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let (r, args) = (default_referential()?, args!(format, source));
    run(py, "import_referential", r, &args)
}

/// An Éco-clic database as `api::call`'s `source`: `{"sql": …}` (a dump's
/// text) or `{"csv": {table: text, …}}` (CSV exports by table name).
fn ecoclic_source(sql: Option<String>, csv: Option<BTreeMap<String, String>>) -> Res<String> {
    let source = match (sql, csv) {
        (Some(sql), None) => serde_json::json!({ "sql": sql }),
        (None, Some(csv)) => serde_json::json!({ "csv": csv }),
        _ => {
            return Err(Fail::Core(Error::InvalidArgument {
                name: "source".to_owned(),
                message: "give a MySQL dump (sql) or CSV exports (csv), not both".to_owned(),
            }))
        }
    };
    Ok(source.to_string())
}

/// Éco-clic's questionnaire as a referential: `{"referential", "report"}`.
#[pyfunction]
#[pyo3(signature = (sql=None, csv=None))]
fn import_ecoclic(
    py: Python<'_>,
    sql: Option<String>,
    csv: Option<BTreeMap<String, String>>,
) -> PyResult<Bound<'_, PyAny>> {
    let source = ecoclic_source(sql, csv)?;
    run(py, "import_ecoclic", default_referential()?, &args!(source))
}

/// Éco-clic's answers as assessments: `{"assessments", "report"}`, for
/// `referential` (imported from the same database when `None`).
#[pyfunction]
#[pyo3(signature = (sql=None, csv=None, referential=None))]
fn import_ecoclic_answers<'py>(
    py: Python<'py>,
    sql: Option<String>,
    csv: Option<BTreeMap<String, String>>,
    referential: Option<PyRef<'py, PyReferential>>,
) -> PyResult<Bound<'py, PyAny>> {
    let source = ecoclic_source(sql, csv)?;
    let r = default_referential()?;
    run(py, "import_ecoclic_answers", r, &args!(source, referential))
}

/// Reads a crosswalk (its structure; see `Referential.validate_crosswalk`).
#[pyfunction]
fn load_crosswalk<'py>(
    py: Python<'py>,
    crosswalk: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let r = default_referential()?;
    read_back(
        py,
        crosswalk,
        r,
        |_: &sobriete::model::crosswalk::Crosswalk| Ok(()),
    )
}

/// Validates a set of peers' results: the set as a dict.
#[pyfunction]
fn load_peers<'py>(py: Python<'py>, peers: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = default_referential()?;
    read_back(py, peers, r, |_: &sobriete::model::peers::PeerSet| Ok(()))
}

/// Renders a result document (a dict as returned by the library) as text
/// or Markdown — or, for a score report, also JSON or HTML — exactly as the
/// CLI and the other languages do. `kind`: `score_report`, `proposal`,
/// `plan_status`, `history`, `peer_comparison`.
#[pyfunction]
fn render_document(
    kind: &str,
    document: &Bound<'_, PyAny>,
    format: &str,
    lang: &str,
) -> PyResult<String> {
    fn read<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Res<T> {
        api::from_value::<T>(v, "").map_err(|i| Fail::Core(invalid(DocumentKind::Unknown, i)))
    }
    let argument = |name: &str, message: String| {
        Fail::Core(Error::InvalidArgument {
            name: name.to_owned(),
            message,
        })
    };
    let format = guard(|| api::format_argument(Some(format)))?;
    let lang = guard(|| api::lang_argument(Some(lang)))?;
    let text = text_of(document, DocumentKind::Unknown)?;
    let v = guard(|| api::parse_json(&text, DocumentKind::Unknown))?;
    let text_only = match format {
        ReportFormat::Text | ReportFormat::Markdown => Ok(format),
        _ => Err(argument(
            "format",
            format!("a {kind} renders as \"text\" or \"markdown\""),
        )),
    };
    Ok(match kind {
        "score_report" => api::render_report(&read(&v)?, format, lang),
        "proposal" => api::render_proposal(&read(&v)?, text_only?, lang),
        "plan_status" => api::render_plan_status(&read(&v)?, text_only?, lang),
        "history" => api::render_history(&read(&v)?, text_only?, lang),
        "peer_comparison" => api::render_peer_comparison(&read(&v)?, text_only?, lang),
        other => return Err(argument("kind", format!("no renderer for {other:?}")).into()),
    })
}

/// The library version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReferential>()?;
    add_operations(m)?;
    m.add_function(wrap_pyfunction!(import_referential, m)?)?;
    m.add_function(wrap_pyfunction!(load_peers, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(render_document, m)?)?;
    m.add_function(wrap_pyfunction!(import_ecoclic, m)?)?;
    m.add_function(wrap_pyfunction!(import_ecoclic_answers, m)?)?;
    m.add_function(wrap_pyfunction!(load_crosswalk, m)?)?;
    m.add("DEFAULT_REFERENTIAL_JSON", api::DEFAULT_REFERENTIAL_JSON)?;
    Ok(())
}
