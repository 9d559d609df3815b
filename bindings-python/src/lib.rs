//! The native module `sobriete._native` of the Python package.
//!
//! A thin layer over [`sobriete::api`]: documents come in as Python dicts or
//! JSON text, are validated by the core exactly as in every other language,
//! and results go back as plain dicts (the Python package wraps them in typed
//! classes). Errors become the exceptions of `sobriete.errors`, built in one
//! place (`Fail`); a panic, which the core is written never to raise, is
//! caught and reported as `sobriete.errors.InternalError` rather than
//! reaching Python as a `BaseException`.

use std::borrow::Cow;
use std::io::BufRead;
use std::panic::{catch_unwind, AssertUnwindSafe};

mod batch;

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};
use serde::Serialize;
use serde_json::Value;
use sobriete::api;
use sobriete::api::Proposal;
use sobriete::api::ProposalRequest;
use sobriete::model::assessment::Assessment;
use sobriete::model::peers::PeerSet;
use sobriete::model::plan::Plan;
use sobriete::model::target::Target;
use sobriete::{DocumentKind, Error, Issue, Lang, ReportFormat};

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

impl From<pythonize::PythonizeError> for Fail {
    fn from(e: pythonize::PythonizeError) -> Self {
        Fail::Py(e.into())
    }
}

fn issue_dict<'py>(py: Python<'py>, i: &Issue) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("code", i.code.as_str())?;
    d.set_item("path", &i.path)?;
    d.set_item(
        "severity",
        match i.severity {
            sobriete::Severity::Error => "error",
            sobriete::Severity::Warning => "warning",
        },
    )?;
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
            Fail::Core(e) => {
                let message = e.to_string();
                match &e {
                    Error::Invalid { document, issues } => {
                        let list = PyList::empty(py);
                        for i in issues {
                            list.append(issue_dict(py, i)?)?;
                        }
                        errors.getattr("ValidationError")?.call1((
                            message,
                            document.as_str(),
                            list,
                        ))?
                    }
                    Error::InvalidArgument { name, message: m } => errors
                        .getattr("ArgumentError")?
                        .call1((message.clone(), name.as_str(), m.as_str()))?,
                }
            }
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
        Err(payload) => Err(Fail::Panic(panic_message(payload.as_ref()))),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("internal error in sobriete (please report it): {detail}")
}

fn invalid(document: DocumentKind, issue: Issue) -> Error {
    Error::Invalid {
        document,
        issues: vec![issue],
    }
}

/// A document given as JSON text or as Python data (dict, list, …).
///
/// Python data crosses as JSON text written by Python's own `json` module:
/// it refuses what JSON cannot hold (sets, objects) and guards its
/// recursion, and the core's parser then applies its limits (size, nesting
/// depth, duplicate keys: `sobriete::api::limits`), so no value, however deep or
/// large, can exhaust the Rust stack or the memory.
fn value_of(obj: &Bound<'_, PyAny>, document: DocumentKind) -> Res<Value> {
    let text = text_of(obj, document)?;
    guard(|| api::parse_json(&text, document))
}

/// A document as JSON text: a `str` as is, `bytes` as UTF-8 (checked by the
/// core: `invalid_json` when they are not), Python data through
/// `json.dumps`.
fn text_of(obj: &Bound<'_, PyAny>, document: DocumentKind) -> Res<String> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return guard(|| api::text_from_utf8(b.as_bytes(), document).map(str::to_owned));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        let bytes = b.to_vec();
        return guard(|| api::text_from_utf8(&bytes, document).map(str::to_owned));
    }
    py.import("json")
        .and_then(|json| json.call_method1("dumps", (obj,)))
        .and_then(|t| Ok(t.cast_into::<PyString>()?.to_cow()?.into_owned()))
        .map_err(|e| {
            Fail::Core(invalid(
                document,
                Issue::error(
                    sobriete::IssueCode::InvalidType,
                    "",
                    format!(
                        "not a JSON document (dict, list, str, int, float, bool, None): {}",
                        e.value(py)
                    ),
                ),
            ))
        })
}

fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> Res<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

fn lang_of(lang: &str) -> Res<Lang> {
    Ok(api::lang_argument(Some(lang))?)
}

fn format_of(format: &str) -> Res<ReportFormat> {
    Ok(api::format_argument(Some(format))?)
}

fn peers_of(obj: &Bound<'_, PyAny>) -> Res<PeerSet> {
    let text = text_of(obj, DocumentKind::Peers)?;
    guard(|| api::parse_peers(&text))
}

/// A loaded, validated referential. Every operation takes documents as
/// dicts or JSON text and returns plain Python data.
#[pyclass(frozen, module = "sobriete._native", name = "Referential")]
struct PyReferential {
    // The embedded referential is borrowed, not copied: the core knows it
    // was checked when loaded and does not check it again at each call.
    inner: std::borrow::Cow<'static, api::CheckedReferential>,
}

impl PyReferential {
    /// A document of any kind, read by the core against this referential.
    fn doc<D: api::Document>(&self, obj: &Bound<'_, PyAny>) -> Res<D> {
        let text = text_of(obj, D::KIND)?;
        guard(|| api::read(&text, &self.inner))
    }

    fn opt<D: api::Document>(&self, obj: Option<&Bound<'_, PyAny>>) -> Res<Option<D>> {
        obj.map(|o| self.doc(o)).transpose()
    }

    fn assessment(&self, obj: &Bound<'_, PyAny>) -> Res<Assessment> {
        self.doc(obj)
    }

    fn assessments(&self, list: &Bound<'_, PyAny>) -> Res<Vec<Assessment>> {
        list.try_iter()?.map(|item| self.doc(&item?)).collect()
    }

    /// What a full report may add, read from its optional arguments.
    fn request(
        &self,
        target: Option<&Bound<'_, PyAny>>,
        plan: Option<&Bound<'_, PyAny>>,
        history: Option<&Bound<'_, PyAny>>,
        peers: Option<&Bound<'_, PyAny>>,
    ) -> Res<api::ReportRequest> {
        Ok(api::ReportRequest {
            target: self.opt(target)?,
            plan: self.opt(plan)?,
            history: history
                .map(|h| self.assessments(h))
                .transpose()?
                .unwrap_or_default(),
            peers: self.opt(peers)?,
            ..api::ReportRequest::default()
        })
    }
}

#[pymethods]
impl PyReferential {
    /// The default referential embedded in the library.
    #[staticmethod]
    fn default() -> PyResult<Self> {
        let r = guard(api::default_checked)?;
        Ok(PyReferential {
            inner: std::borrow::Cow::Borrowed(r),
        })
    }

    /// A referential from a dict or JSON text, validated.
    #[staticmethod]
    fn load(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let v = value_of(document, DocumentKind::Referential)?;
        let r = guard(|| api::CheckedReferential::from_value(&v))?;
        Ok(PyReferential {
            inner: std::borrow::Cow::Owned(r),
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

    /// The referential as a readable Markdown document.
    fn markdown(&self, lang: &str) -> PyResult<String> {
        Ok(api::referential_markdown(&self.inner, lang_of(lang)?))
    }

    /// Reads and validates an assessment against this referential: the
    /// assessment as the core holds it (a dict), or the error listing every
    /// problem.
    fn load_assessment<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let r = &self.inner;
        guard(|| api::score(r, &a).map(|_| ()))?;
        Ok(to_py(py, &a)?)
    }

    /// Carries an assessment made on this referential to `to` across a
    /// crosswalk: `{"assessment", "report"}` (or, with `simulate`, the
    /// index and theme scores before and after and the report).
    #[pyo3(signature = (assessment, crosswalk, to, simulate=false))]
    fn migrate<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
        crosswalk: &Bound<'py, PyAny>,
        to: &Bound<'py, PyReferential>,
        simulate: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let c = crosswalk_of(crosswalk)?;
        let (from, to) = (&self.inner, &to.get().inner);
        if simulate {
            let s = guard(|| api::simulate_migration(from, &a, &c, to))?;
            Ok(to_py(py, &s)?)
        } else {
            let m = guard(|| api::migrate(from, &a, &c, to))?;
            Ok(to_py(py, &m)?)
        }
    }

    /// Checks a crosswalk from this referential to `to`: the validation
    /// report (its problems are the report's, never raised).
    fn validate_crosswalk<'py>(
        &self,
        py: Python<'py>,
        crosswalk: &Bound<'py, PyAny>,
        to: &Bound<'py, PyReferential>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (from, to) = (&self.inner, &to.get().inner);
        let report = match text_of(crosswalk, DocumentKind::Crosswalk) {
            Ok(text) => guard(|| Ok(api::validate_crosswalk_json(&text, from, to)))?,
            Err(Fail::Core(e)) => api::ValidationReport::unreadable(DocumentKind::Crosswalk, &e),
            Err(other) => return Err(other.into()),
        };
        Ok(to_py(py, &report)?)
    }

    /// Reads and validates a plan against this referential (a dict).
    fn load_plan<'py>(
        &self,
        py: Python<'py>,
        plan: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = self.doc::<Plan>(plan)?;
        Ok(to_py(py, &p)?)
    }

    /// Validates any document (kind detected) against this referential:
    /// the validation report as a dict.
    fn validate<'py>(
        &self,
        py: Python<'py>,
        document: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = match value_of(document, DocumentKind::Unknown) {
            Ok(v) => v.to_string(),
            // Not JSON: let the core report it like any other problem.
            Err(Fail::Core(_)) => document.str()?.to_cow()?.into_owned(),
            Err(other) => return Err(other.into()),
        };
        let report = guard(|| Ok(api::validate_json(&text, Some(&self.inner))))?;
        Ok(to_py(py, &report)?)
    }

    /// Scores an assessment: the score report as a dict.
    fn score<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let r = &self.inner;
        let report = py.detach(|| guard(|| api::score(r, &a)))?;
        Ok(to_py(py, &report)?)
    }

    /// The headline figures of an assessment (index, grade, themes).
    fn score_summary<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let summary = guard(|| api::score_summary(&self.inner, &a))?;
        Ok(to_py(py, &summary)?)
    }

    /// Scores an assessment and renders its report in a format and language.
    fn render_report(
        &self,
        py: Python<'_>,
        assessment: &Bound<'_, PyAny>,
        format: &str,
        lang: &str,
    ) -> PyResult<String> {
        let (format, lang) = (format_of(format)?, lang_of(lang)?);
        let a = self.assessment(assessment)?;
        let r = &self.inner;
        let report = py.detach(|| guard(|| api::score(r, &a)))?;
        Ok(api::render_report(&report, format, lang))
    }

    /// Scores many assessments in one call, without the GIL while scoring:
    /// a list with, per item, the report dict or the exception instance.
    fn score_many<'py>(
        &self,
        py: Python<'py>,
        assessments: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let inputs = self.batch_inputs(assessments)?;
        let r = &self.inner;
        let results: Vec<Res<sobriete::ScoreReport>> = py.detach(|| {
            inputs
                .into_iter()
                .map(|v| guard(|| v.and_then(|v| api::parse_assessment(&v, r)?.pipe_score(r))))
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
        // Read line by line while the other threads score the lines read
        // (reading the whole file first left them idle).
        let file = std::fs::File::open(&path)?;
        let size = file.metadata().map_or(u64::MAX, |m| m.len());
        let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
        let mut number = 0;
        let lines = std::iter::from_fn(|| loop {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => return None,
                Ok(_) => {
                    number += 1;
                    if line.ends_with(b"\n") {
                        line.pop();
                    }
                    if line.ends_with(b"\r") {
                        line.pop();
                    }
                    if !line.iter().all(u8::is_ascii_whitespace) {
                        return Some(Ok((number, Input::Bytes(line))));
                    }
                }
                Err(e) => return Some(Err(PyErr::from(e))),
            }
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

    /// An assessment skeleton (every question of the levels ≤ `level`,
    /// unanswered) as a dict.
    #[pyo3(signature = (level, profile=None, date=None))]
    fn template<'py>(
        &self,
        py: Python<'py>,
        level: u8,
        profile: Option<&Bound<'py, PyAny>>,
        date: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let profile = self.opt(profile)?;
        let a = guard(|| api::template(&self.inner, level, profile, date))?;
        Ok(to_py(py, &a)?)
    }

    /// The report of an assessment in a format (`text`, `json`, `markdown`,
    /// `html`) and language (`fr`, `en`), with what the optional inputs add:
    /// the target's gap and proposed plan, a plan's follow-up as of `as_of`,
    /// the history of earlier assessments, the comparison with peers.
    #[pyo3(signature = (assessment, format, lang, target=None, plan=None, as_of=None, history=None, peers=None, min_group_size=None))]
    #[allow(clippy::too_many_arguments)]
    fn full_report(
        &self,
        py: Python<'_>,
        assessment: &Bound<'_, PyAny>,
        format: &str,
        lang: &str,
        target: Option<&Bound<'_, PyAny>>,
        plan: Option<&Bound<'_, PyAny>>,
        as_of: Option<&str>,
        history: Option<&Bound<'_, PyAny>>,
        peers: Option<&Bound<'_, PyAny>>,
        min_group_size: Option<usize>,
    ) -> PyResult<String> {
        let (format, lang) = (format_of(format)?, lang_of(lang)?);
        let a = self.assessment(assessment)?;
        let mut request = self.request(target, plan, history, peers)?;
        (request.as_of, request.min_group_size) = (as_of.map(str::to_owned), min_group_size);
        let r = &self.inner;
        let out =
            py.detach(|| guard(|| api::full_report(r, &a, &request.inputs(), format, lang)))?;
        Ok(out)
    }

    /// Every part of the full report as a dict (see `full_report`).
    #[pyo3(signature = (assessment, target=None, plan=None, as_of=None, history=None, peers=None, min_group_size=None))]
    #[allow(clippy::too_many_arguments)]
    fn full_report_data<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
        target: Option<&Bound<'py, PyAny>>,
        plan: Option<&Bound<'py, PyAny>>,
        as_of: Option<&str>,
        history: Option<&Bound<'py, PyAny>>,
        peers: Option<&Bound<'py, PyAny>>,
        min_group_size: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let mut request = self.request(target, plan, history, peers)?;
        (request.as_of, request.min_group_size) = (as_of.map(str::to_owned), min_group_size);
        let r = &self.inner;
        let data = py.detach(|| guard(|| api::full_report_data(r, &a, &request.inputs())))?;
        Ok(to_py(py, &data)?)
    }

    /// The gap between an assessment's scores and a target.
    fn target_gap<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
        target: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let t: Target = self.doc(target)?;
        let gap = guard(|| api::target_gap(&self.inner, &a, &t))?;
        Ok(to_py(py, &gap)?)
    }

    /// Every action that would raise an answer, with its gain and the views.
    fn candidates<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let c = guard(|| api::candidates(&self.inner, &a))?;
        Ok(to_py(py, &c)?)
    }

    /// The plan of least effort reaching the request's target.
    fn propose<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let q: ProposalRequest = self.doc(request)?;
        let r = &self.inner;
        let p = py.detach(|| guard(|| api::propose(r, &a, &q)))?;
        Ok(to_py(py, &p)?)
    }

    /// A plan document from a proposal (computed from the request when not
    /// given), every proposed action to plan, created on `created`.
    #[pyo3(signature = (assessment, request, created, proposal=None))]
    fn plan_from_proposal<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
        request: &Bound<'py, PyAny>,
        created: &str,
        proposal: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let q: ProposalRequest = self.doc(request)?;
        let r = &self.inner;
        let p: Proposal = match proposal {
            Some(p) => self.doc(p)?,
            None => py.detach(|| guard(|| api::propose(r, &a, &q)))?,
        };
        let plan = api::plan_from_proposal(r, &a, &q, &p, created);
        Ok(to_py(py, &plan)?)
    }

    /// Validates a plan against this referential: the validation report
    /// (the document is read as a plan, whatever it looks like).
    fn validate_plan<'py>(
        &self,
        py: Python<'py>,
        plan: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let report = match text_of(plan, DocumentKind::Plan) {
            Ok(text) => api::validate_plan_json(&text, &self.inner),
            Err(Fail::Core(e)) => api::ValidationReport::unreadable(DocumentKind::Plan, &e),
            Err(other) => return Err(other.into()),
        };
        Ok(to_py(py, &report)?)
    }

    /// Follows a plan up as of a date (baseline: given, else the plan's).
    #[pyo3(signature = (plan, as_of, baseline=None))]
    fn plan_status<'py>(
        &self,
        py: Python<'py>,
        plan: &Bound<'py, PyAny>,
        as_of: &str,
        baseline: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = self.doc::<Plan>(plan)?;
        let b = baseline.map(|b| self.assessment(b)).transpose()?;
        let s = guard(|| api::plan_status(&self.inner, &p, b.as_ref(), as_of))?;
        Ok(to_py(py, &s)?)
    }

    /// The history of dated assessments.
    fn history<'py>(
        &self,
        py: Python<'py>,
        assessments: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let list = self.assessments(assessments)?;
        let h = guard(|| api::history(&self.inner, &list))?;
        Ok(to_py(py, &h)?)
    }

    /// What changed between two assessments.
    fn diff<'py>(
        &self,
        py: Python<'py>,
        before: &Bound<'py, PyAny>,
        after: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (b, a) = (self.assessment(before)?, self.assessment(after)?);
        let d = guard(|| api::diff(&self.inner, &b, &a))?;
        Ok(to_py(py, &d)?)
    }

    /// The draft of the next assessment after a plan's done actions.
    fn next_assessment<'py>(
        &self,
        py: Python<'py>,
        previous: &Bound<'py, PyAny>,
        plan: &Bound<'py, PyAny>,
        date: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(previous)?;
        let p = self.doc::<Plan>(plan)?;
        let n = guard(|| api::next_assessment(&self.inner, &a, &p, date))?;
        Ok(to_py(py, &n)?)
    }

    /// Achieved vs planned index over time.
    fn progress_series<'py>(
        &self,
        py: Python<'py>,
        assessments: &Bound<'py, PyAny>,
        plan: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let list = self.assessments(assessments)?;
        let p = self.doc::<Plan>(plan)?;
        let s = guard(|| api::progress_series(&self.inner, &list, &p))?;
        Ok(to_py(py, &s)?)
    }

    /// Situates an assessment among its peers.
    #[pyo3(signature = (assessment, peers, min_group_size=None))]
    fn compare<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
        peers: &Bound<'py, PyAny>,
        min_group_size: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let set: PeerSet = self.doc(peers)?;
        let r = &self.inner;
        let c = py.detach(|| guard(|| api::compare(r, &a, &set, min_group_size)))?;
        Ok(to_py(py, &c)?)
    }

    /// The peer result of an assessment (to publish into a peers file).
    fn peer_result<'py>(
        &self,
        py: Python<'py>,
        assessment: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.assessment(assessment)?;
        let p = guard(|| api::peer_result(&self.inner, &a))?;
        Ok(to_py(py, &p)?)
    }

    /// CSV of the answers, one row per question.
    fn answers_csv(&self, assessment: &Bound<'_, PyAny>, lang: &str) -> PyResult<String> {
        let lang = lang_of(lang)?;
        let a = self.assessment(assessment)?;
        Ok(guard(|| api::answers_csv(&self.inner, &a, lang))?)
    }

    /// CSV of the theme scores.
    fn themes_csv(&self, assessment: &Bound<'_, PyAny>, lang: &str) -> PyResult<String> {
        let lang = lang_of(lang)?;
        let a = self.assessment(assessment)?;
        Ok(guard(|| api::themes_csv(&self.inner, &a, lang))?)
    }

    /// CSV of a plan's actions.
    fn plan_csv(&self, plan: &Bound<'_, PyAny>, lang: &str) -> PyResult<String> {
        let lang = lang_of(lang)?;
        let p = self.doc::<Plan>(plan)?;
        Ok(guard(|| api::plan_csv(&self.inner, &p, lang))?)
    }

    /// The REEN annual review (Markdown) for a year.
    #[pyo3(signature = (assessment, year, lang, plan=None, as_of=None))]
    fn annual_review(
        &self,
        assessment: &Bound<'_, PyAny>,
        year: i32,
        lang: &str,
        plan: Option<&Bound<'_, PyAny>>,
        as_of: Option<&str>,
    ) -> PyResult<String> {
        let lang = lang_of(lang)?;
        let a = self.assessment(assessment)?;
        let p = self.opt::<Plan>(plan)?;
        Ok(guard(|| {
            api::annual_review(&self.inner, &a, p.as_ref(), year, as_of, lang)
        })?)
    }

    /// The radar chart (SVG) of the theme scores.
    #[pyo3(signature = (assessment, lang, target=None, peers=None))]
    fn radar_svg(
        &self,
        assessment: &Bound<'_, PyAny>,
        lang: &str,
        target: Option<&Bound<'_, PyAny>>,
        peers: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let lang = lang_of(lang)?;
        let a = self.assessment(assessment)?;
        let t: Option<Target> = self.opt(target)?;
        let set: Option<PeerSet> = self.opt(peers)?;
        Ok(guard(|| {
            api::radar_svg(&self.inner, &a, t.as_ref(), set.as_ref(), lang)
        })?)
    }

    /// The evolution chart (SVG) of dated assessments.
    #[pyo3(signature = (assessments, lang, plan=None))]
    fn evolution_svg(
        &self,
        assessments: &Bound<'_, PyAny>,
        lang: &str,
        plan: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let lang = lang_of(lang)?;
        let list = self.assessments(assessments)?;
        let p = self.opt::<Plan>(plan)?;
        Ok(guard(|| {
            api::evolution_svg(&self.inner, &list, p.as_ref(), lang)
        })?)
    }
}

impl PyReferential {
    /// The summary of each item of `assessments`, handed to `emit` in
    /// order: the items are converted
    /// here while other threads score them (see `batch`). Each item is held
    /// until the end, so `bytes` are read in place with the GIL released.
    fn summaries<'py>(
        &self,
        py: Python<'py>,
        assessments: &Bound<'py, PyAny>,
        fallback: Option<&Bound<'py, PyAny>>,
        emit: impl FnMut(Res<sobriete::api::ScoreSummary>) -> PyResult<()>,
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

    /// Converts every item of a batch under the GIL (a failure stays with
    /// its item).
    fn batch_inputs(&self, list: &Bound<'_, PyAny>) -> PyResult<Vec<Result<String, Error>>> {
        let mut inputs = Vec::new();
        for item in list.try_iter()? {
            inputs.push(match text_of(&item?, DocumentKind::Assessment) {
                Ok(v) => Ok(v),
                Err(Fail::Core(e)) => Err(e),
                Err(other) => return Err(other.into()),
            });
        }
        Ok(inputs)
    }
}

/// One item of a batch, as read under the GIL.
enum Input<'a> {
    /// Read straight from Python data (the fast path).
    Read(Box<Assessment>),
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
fn summarise(s: &api::Summariser<'_>, input: Input<'_>) -> Res<sobriete::api::ScoreSummary> {
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

/// Reading a well-formed assessment dict straight into the core's type.
///
/// Only the plain, well-formed shape is read here — the fields the format
/// allows, with their exact Python types (`str`, `int` but not `bool`,
/// finite `float`, `list` of `str`, `None` where optional). Anything else,
/// however small, returns `None`: the item then takes the JSON way, where
/// the core reports every problem. So this path never accepts what the
/// core would refuse, and builds exactly what the core would read.
mod quick {
    use indexmap::IndexMap;
    use pyo3::prelude::*;
    use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
    use sobriete::{Answer, Assessment, Profile, ReferentialRef};

    fn string(v: &Bound<'_, PyAny>) -> Option<String> {
        v.cast::<PyString>()
            .ok()?
            .to_cow()
            .ok()
            .map(|c| c.into_owned())
    }

    fn opt_string(v: Option<Bound<'_, PyAny>>) -> Option<Option<String>> {
        match v {
            None => Some(None),
            Some(v) if v.is_none() => Some(None),
            Some(v) => string(&v).map(Some),
        }
    }

    fn strings(v: &Bound<'_, PyAny>) -> Option<Vec<String>> {
        let list = v.cast::<PyList>().ok()?;
        list.iter().map(|x| string(&x)).collect()
    }

    fn int(v: &Bound<'_, PyAny>) -> Option<i64> {
        if v.cast::<PyBool>().is_ok() {
            return None;
        }
        v.cast::<PyInt>().ok()?.extract::<i64>().ok()
    }

    fn number(v: &Bound<'_, PyAny>) -> Option<f64> {
        if let Some(i) = int(v) {
            // Beyond 2^53 an integer is not read as JSON reads it.
            return (i.unsigned_abs() <= 1 << 53).then_some(i as f64);
        }
        let f = v.cast::<PyFloat>().ok()?.value();
        f.is_finite().then_some(f)
    }

    /// The dict's entries, if every key is a `str` among `allowed` (each
    /// key given as its `allowed` entry: read in place, never copied).
    fn fields<'py>(
        d: &Bound<'py, PyDict>,
        allowed: &[&'static str],
    ) -> Option<Vec<(&'static str, Bound<'py, PyAny>)>> {
        let mut out = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            let k = k.cast::<PyString>().ok()?.to_str().ok()?;
            out.push((*allowed.iter().find(|&&a| a == k)?, v));
        }
        Some(out)
    }

    fn get<'py>(f: &[(&str, Bound<'py, PyAny>)], key: &str) -> Option<Bound<'py, PyAny>> {
        f.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())
    }

    fn answer(v: &Bound<'_, PyAny>) -> Option<Answer> {
        let d = v.cast::<PyDict>().ok()?;
        let f = fields(
            d,
            &[
                "kind",
                "options",
                "value",
                "comment",
                "evidence",
                "justification",
            ],
        )?;
        let kind = get(&f, "kind")?;
        let kind = kind.cast::<PyString>().ok()?.to_str().ok()?;
        let comment = opt_string(get(&f, "comment"))?;
        let evidence = match get(&f, "evidence") {
            None => Vec::new(),
            Some(e) => strings(&e)?,
        };
        let only = |allowed: &[&str]| f.iter().all(|(k, _)| allowed.contains(k));
        const PLAIN: &[&str] = &["kind", "comment", "evidence"];
        Some(match kind {
            "yes" if only(PLAIN) => Answer::Yes { comment, evidence },
            "no" if only(PLAIN) => Answer::No { comment, evidence },
            "dont_know" if only(PLAIN) => Answer::DontKnow { comment, evidence },
            "unanswered" if only(PLAIN) => Answer::Unanswered { comment, evidence },
            "choice" if only(&["kind", "comment", "evidence", "options"]) => Answer::Choice {
                options: strings(&get(&f, "options")?)?,
                comment,
                evidence,
            },
            "number" if only(&["kind", "comment", "evidence", "value"]) => Answer::Number {
                value: number(&get(&f, "value")?)?,
                comment,
                evidence,
            },
            "not_applicable" if only(&["kind", "comment", "evidence", "justification"]) => {
                Answer::NotApplicable {
                    justification: opt_string(get(&f, "justification"))?,
                    comment,
                    evidence,
                }
            }
            _ => return None,
        })
    }

    fn profile(v: &Bound<'_, PyAny>) -> Option<Profile> {
        let d = v.cast::<PyDict>().ok()?;
        let f = fields(
            d,
            &[
                "name",
                "kind",
                "population",
                "siren",
                "establishment",
                "insee",
                "departement",
                "region",
            ],
        )?;
        let kind =
            serde_json::from_value(serde_json::Value::String(string(&get(&f, "kind")?)?)).ok()?;
        Some(Profile {
            name: string(&get(&f, "name")?)?,
            kind,
            population: u32::try_from(int(&get(&f, "population")?)?).ok()?,
            siren: opt_string(get(&f, "siren"))?,
            establishment: opt_string(get(&f, "establishment"))?,
            insee: opt_string(get(&f, "insee"))?,
            departement: opt_string(get(&f, "departement"))?,
            region: opt_string(get(&f, "region"))?,
        })
    }

    /// The assessment, when the dict is exactly a well-formed one.
    pub(super) fn assessment(d: &Bound<'_, PyDict>) -> Option<Assessment> {
        let f = fields(
            d,
            &[
                "referential",
                "profile",
                "date",
                "level",
                "answers",
                "from_plan",
            ],
        )?;
        let reference = get(&f, "referential")?;
        let rf = fields(reference.cast::<PyDict>().ok()?, &["id", "version"])?;
        let referential = ReferentialRef {
            id: string(&get(&rf, "id")?)?,
            version: string(&get(&rf, "version")?)?,
        };
        let mut answers = IndexMap::new();
        if let Some(list) = get(&f, "answers") {
            for (k, v) in list.cast::<PyDict>().ok()?.iter() {
                answers.insert(string(&k)?, answer(&v)?);
            }
        }
        let mut from_plan = IndexMap::new();
        if let Some(marks) = get(&f, "from_plan") {
            for (k, v) in marks.cast::<PyDict>().ok()?.iter() {
                from_plan.insert(string(&k)?, string(&v)?);
            }
        }
        Some(Assessment {
            referential,
            profile: profile(&get(&f, "profile")?)?,
            date: string(&get(&f, "date")?)?,
            level: u8::try_from(int(&get(&f, "level")?)?).ok()?,
            answers,
            from_plan,
            migrations: Vec::new(),
        })
    }
}

/// Scoring as a method, to chain after parsing in batch closures.
trait PipeScore {
    fn pipe_score(self, r: &sobriete::Referential) -> Result<sobriete::ScoreReport, Error>;
}

impl PipeScore for Assessment {
    fn pipe_score(self, r: &sobriete::Referential) -> Result<sobriete::ScoreReport, Error> {
        api::score(r, &self)
    }
}

fn crosswalk_of(obj: &Bound<'_, PyAny>) -> Res<sobriete::model::crosswalk::Crosswalk> {
    let text = text_of(obj, DocumentKind::Crosswalk)?;
    guard(|| api::parse_crosswalk(&text))
}

/// Turns a published referential (`format`: rgesn, minumeco, wsg) into the
/// library's format: `{"referential", "report"}` (the report lists what was
/// skipped).
#[pyfunction]
fn import_referential<'py>(
    py: Python<'py>,
    format: &str,
    source: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = text_of(source, DocumentKind::ImportSource)?;
    let out = guard(|| api::import_referential_json(format, &text))?;
    let value = sobriete::api::parse_value(&out)
        .map_err(|i| Fail::Core(invalid(DocumentKind::ImportSource, i)))?;
    Ok(to_py(py, &value)?)
}

/// An Éco-clic database: a dump's text, or CSV exports by table name.
fn ecoclic_source(
    sql: Option<String>,
    csv: Option<std::collections::BTreeMap<String, String>>,
) -> Res<sobriete::api::EcoClicSource> {
    use sobriete::api::EcoClicSource;
    match (sql, csv) {
        (Some(sql), None) => Ok(EcoClicSource::Sql(sql)),
        (None, Some(csv)) => Ok(EcoClicSource::Csv(csv)),
        _ => Err(Fail::Core(Error::InvalidArgument {
            name: "source".to_owned(),
            message: "give a MySQL dump (sql) or CSV exports (csv), not both".to_owned(),
        })),
    }
}

/// Éco-clic's questionnaire as a referential: `{"referential", "report"}`.
#[pyfunction]
#[pyo3(signature = (sql=None, csv=None))]
fn import_ecoclic<'py>(
    py: Python<'py>,
    sql: Option<String>,
    csv: Option<std::collections::BTreeMap<String, String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let source = ecoclic_source(sql, csv)?;
    let out = guard(|| api::import_ecoclic(&source))?;
    Ok(to_py(py, &out)?)
}

/// Éco-clic's answers as assessments: `{"assessments", "report"}`, for
/// `referential` (imported from the same database when `None`).
#[pyfunction]
#[pyo3(signature = (sql=None, csv=None, referential=None))]
fn import_ecoclic_answers<'py>(
    py: Python<'py>,
    sql: Option<String>,
    csv: Option<std::collections::BTreeMap<String, String>>,
    referential: Option<PyRef<'py, PyReferential>>,
) -> PyResult<Bound<'py, PyAny>> {
    let source = ecoclic_source(sql, csv)?;
    let r = referential.as_ref().map(|r| &**r.inner);
    let out = guard(|| api::import_ecoclic_answers(&source, r))?;
    Ok(to_py(py, &out)?)
}

/// The crosswalk the other way round (to migrate back).
#[pyfunction]
fn invert_crosswalk<'py>(
    py: Python<'py>,
    crosswalk: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = crosswalk_of(crosswalk)?;
    let inverted = guard(|| api::invert_crosswalk(&c))?;
    Ok(to_py(py, &inverted)?)
}

/// Reads a crosswalk (its structure; see `Referential.validate_crosswalk`).
#[pyfunction]
fn load_crosswalk<'py>(
    py: Python<'py>,
    crosswalk: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = crosswalk_of(crosswalk)?;
    Ok(to_py(py, &c)?)
}

/// Validates any document (kind detected; assessments and plans need a
/// referential, the default one when none is given).
#[pyfunction]
fn validate<'py>(py: Python<'py>, document: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text = match value_of(document, DocumentKind::Unknown) {
        Ok(v) => v.to_string(),
        Err(Fail::Core(_)) => document.str()?.to_cow()?.into_owned(),
        Err(other) => return Err(other.into()),
    };
    let report = guard(|| Ok(api::validate_json(&text, None)))?;
    Ok(to_py(py, &report)?)
}

/// Aggregates members' results (e.g. the communes of an intercommunalité).
#[pyfunction]
#[pyo3(signature = (peers, expected_members=None))]
fn rollup<'py>(
    py: Python<'py>,
    peers: &Bound<'py, PyAny>,
    expected_members: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let set = peers_of(peers)?;
    let x = guard(|| api::rollup(&set, expected_members))?;
    Ok(to_py(py, &x)?)
}

/// Validates a set of peers' results: the set as a dict.
#[pyfunction]
fn load_peers<'py>(py: Python<'py>, peers: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let set = peers_of(peers)?;
    Ok(to_py(py, &set)?)
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
    fn read<T: serde::de::DeserializeOwned>(v: &Value) -> Res<T> {
        sobriete::api::from_value::<T>(v, "")
            .map_err(|i| Fail::Core(invalid(DocumentKind::Unknown, i)))
    }
    let (format, lang) = (format_of(format)?, lang_of(lang)?);
    let v = value_of(document, DocumentKind::Unknown)?;
    let text_only = |f: ReportFormat| -> Res<ReportFormat> {
        match f {
            ReportFormat::Text | ReportFormat::Markdown => Ok(f),
            _ => Err(Fail::Core(Error::InvalidArgument {
                name: "format".to_owned(),
                message: format!("a {kind} renders as \"text\" or \"markdown\""),
            })),
        }
    };
    let out = match kind {
        "score_report" => api::render_report(&read(&v)?, format, lang),
        "proposal" => sobriete::api::render_proposal(&read(&v)?, text_only(format)?, lang),
        "plan_status" => sobriete::api::render_plan_status(&read(&v)?, text_only(format)?, lang),
        "history" => sobriete::api::render_history(&read(&v)?, text_only(format)?, lang),
        "peer_comparison" => {
            sobriete::api::render_peer_comparison(&read(&v)?, text_only(format)?, lang)
        }
        other => {
            return Err(Fail::Core(Error::InvalidArgument {
                name: "kind".to_owned(),
                message: format!("no renderer for {other:?}"),
            })
            .into())
        }
    };
    Ok(out)
}

/// The library version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReferential>()?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(rollup, m)?)?;
    m.add_function(wrap_pyfunction!(load_peers, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(render_document, m)?)?;
    m.add_function(wrap_pyfunction!(invert_crosswalk, m)?)?;
    m.add_function(wrap_pyfunction!(import_referential, m)?)?;
    m.add_function(wrap_pyfunction!(import_ecoclic, m)?)?;
    m.add_function(wrap_pyfunction!(import_ecoclic_answers, m)?)?;
    m.add_function(wrap_pyfunction!(load_crosswalk, m)?)?;
    m.add("DEFAULT_REFERENTIAL_JSON", api::DEFAULT_REFERENTIAL_JSON)?;
    Ok(())
}
