//! The native module `sobriete._native` of the Python package.
//!
//! A thin translation over the core's generic entry point
//! [`sobriete::api::call`]: `call(operation, **args)` runs any operation by
//! the core's names, its keyword arguments becoming `api::Args` and its
//! result coming back as text or as plain Python data; the Python package
//! names each operation and wraps the results in typed classes. Documents come in as
//! dicts or JSON text and are validated by the core exactly as in every
//! other language. Errors become the exceptions of `sobriete.errors`, built
//! in one place (`exception`); a panic, which the core is written never to
//! raise, is caught and reported as `sobriete.errors.InternalError` rather
//! than reaching Python as a `BaseException`. Batch scoring keeps its own
//! fast paths (`batch`, `quick`).

use std::borrow::Cow;
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
            Ok(t) => Arg::Json(Cow::Owned(t)),
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
        Arg::Str(t) | Arg::Json(t) => Ok(t.into_owned()),
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

/// A keyword argument of [`PyReferential::call`] as an argument of
/// `api::call` (`None`: not given). The core reads each by its parameter's
/// kind: a `str` is a document's JSON text or the value itself (a date, a
/// language), a referential is its handle, a list of documents (`assessments`,
/// `history`) crosses as a JSON array of their texts, the full report's
/// `inputs` as an object of its members, anything else as a document (see
/// [`document`]; numbers are JSON too).
fn arg<'a>(name: &str, value: &'a Bound<'_, PyAny>) -> PyResult<Option<Arg<'a>>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(r) = value.cast::<PyReferential>() {
        return Ok(Some(Arg::Referential(&r.get().inner)));
    }
    if api::argument_is_list(name) && !value.is_instance_of::<PyString>() {
        if let Ok(items) = value.try_iter() {
            return documents(items).map(Some);
        }
    }
    if name == "inputs" {
        if let Ok(members) = value.cast::<PyDict>() {
            return inputs(members).map(Some);
        }
    }
    document(
        value,
        api::argument_document(name).unwrap_or(DocumentKind::Unknown),
    )
    .map(Some)
}

/// The documents of an iterable as a JSON array of their texts (one that
/// cannot even become text makes the whole argument invalid).
fn documents(items: Bound<'_, pyo3::types::PyIterator>) -> PyResult<Arg<'static>> {
    let mut texts = Vec::new();
    for item in items {
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

/// The full report's `inputs` as a JSON object of its members, each read
/// as an argument of its name (a member that could not be read makes the
/// whole argument invalid, with its error).
fn inputs(members: &Bound<'_, PyDict>) -> PyResult<Arg<'static>> {
    let mut object = Vec::new();
    for (name, value) in members.iter() {
        let name = name.str()?.to_cow()?.into_owned();
        let text = match arg(&name, &value)? {
            None => continue,
            Some(Arg::Str(s)) => serde_json::to_string(&s).unwrap_or_default(),
            Some(Arg::Json(t)) => t.into_owned(),
            Some(Arg::Invalid(e)) => return Ok(Arg::Invalid(e)),
            Some(_) => continue,
        };
        object.push(format!(
            "{}:{text}",
            serde_json::to_string(&name).unwrap_or_default()
        ));
    }
    Ok(Arg::Json(Cow::Owned(format!("{{{}}}", object.join(",")))))
}

/// Runs `operation` of `api::call` on `r` with the keyword arguments, by
/// the core's names.
fn call_on<'py>(
    py: Python<'py>,
    operation: &str,
    r: &CheckedReferential,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let given = match kwargs {
        Some(d) => d
            .iter()
            .map(|(k, v)| Ok((k.extract::<String>()?, v)))
            .collect::<PyResult<Vec<_>>>()?,
        None => Vec::new(),
    };
    let mut args = Args::new();
    for (name, value) in &given {
        if let Some(a) = arg(name, value)? {
            args.push(name.as_str(), a);
        }
    }
    run(py, operation, r, &args)
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

#[pymethods]
impl PyReferential {
    /// Runs an operation of the core (`api::call`) on this referential,
    /// its arguments by the core's names: the result as Python data or
    /// `str`. The typed API of the package names each operation.
    #[pyo3(signature = (operation, /, **args))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        args: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        call_on(py, operation, &self.inner, args)
    }

    /// Reads and validates a document of `kind` (`assessment`, checked
    /// against this referential; `plan`, `crosswalk`, `peers`): the document
    /// as the core holds it, or the error listing every problem.
    fn load_document<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        document: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        use sobriete::model::{crosswalk::Crosswalk, peers::PeerSet, plan::Plan};
        let r = &self.inner;
        match kind {
            "assessment" => read_back(py, document, r, |a| api::score(r, a).map(|_| ())),
            "plan" => read_back(py, document, r, |_: &Plan| Ok(())),
            "crosswalk" => read_back(py, document, r, |_: &Crosswalk| Ok(())),
            "peers" => read_back(py, document, r, |_: &PeerSet| Ok(())),
            other => Err(Fail::Core(Error::InvalidArgument {
                name: "kind".to_owned(),
                message: format!("no document kind {other:?}"),
            })
            .into()),
        }
    }

    /// The default referential embedded in the library.
    #[staticmethod]
    fn default() -> PyResult<Self> {
        let r = default_referential()?;
        Ok(PyReferential {
            inner: Cow::Borrowed(r),
        })
    }

    /// A referential from a dict or JSON text, validated.
    #[staticmethod]
    fn load(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_of(document, DocumentKind::Referential)?;
        let v = guard(|| api::parse_json(&text, DocumentKind::Referential))?;
        let r = guard(|| CheckedReferential::from_value(&v))?;
        Ok(PyReferential {
            inner: Cow::Owned(r),
        })
    }

    /// The referential as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(to_py(py, &**self.inner)?)
    }

    /// The referential as JSON text.
    fn to_json(&self) -> String {
        api::referential_to_json(&self.inner)
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
            inputs
                .into_iter()
                .map(|v| guard(|| v.and_then(|v| score(&v))))
                .collect()
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
        self.summaries(py, assessments, fallback, |result| {
            columns.push(None, result)
        })?;
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
        let lines = reader
            .split(b'\n')
            .enumerate()
            .filter_map(|(n, line)| match line {
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
        api::pipelined(
            // At most one line per byte: a hint for small files.
            usize::try_from(size).unwrap_or(usize::MAX),
            api::batch_threads(),
            lines,
            |(n, input)| (n, summarise(&s, input)),
            |(n, result)| columns.push(Some(n), result),
            |work| py.detach(work),
        )?;
        columns.into_dict()
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
        api::pipelined(
            items.len(),
            api::batch_threads(),
            items.iter().map(|item| batch_input(item, fallback)),
            |input| summarise(&s, input),
            emit,
            |work| py.detach(work),
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

/// Runs an operation of the core (`api::call`) on the default
/// referential (which only a validation reads), as
/// [`PyReferential::call`].
#[pyfunction]
#[pyo3(signature = (operation, /, **args))]
fn call<'py>(
    py: Python<'py>,
    operation: &str,
    args: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    call_on(py, operation, default_referential()?, args)
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
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(render_document, m)?)?;
    m.add("DEFAULT_REFERENTIAL_JSON", api::DEFAULT_REFERENTIAL_JSON)?;
    Ok(())
}
