//! The facade every binding calls: typed functions, and JSON-in/JSON-out
//! forms of the same operations. Bindings hold no logic of their own.

mod arguments;
pub(crate) mod batch;
mod call;
mod checked;
mod documents;
mod pipeline;
pub mod schema;
mod table;

pub use arguments::{format_argument, lang_argument};
pub use call::{
    argument_document, argument_is_list, call, call_among, call_json, error_json, error_value, Arg,
    Args, Operations, Output, ALL, CHECKS, FOLLOW_UP, IMPORTS, OPERATIONS, PLANNING, RENDERINGS,
    SCORING,
};
pub use checked::{default_checked, load_default_checked, CheckedReferential};
pub use documents::{read, read_all, read_optional, Document, ReportRequest};
pub use pipeline::pipelined;
pub use table::{Cell, SummaryTable};

// The facade's vocabulary: every result an operation returns and every
// request it reads. Callers name them from here; the layers that define
// them are private to the crate.
pub use crate::engine::candidates::{Candidate, Candidates};
pub use crate::engine::scoring::{
    Conformity, Counts, EcoClic, Gap, GapState, Grade, QuestionResult, QuestionStatus,
    RecommendedAction, ScoreReport, ScoreSummary, SubThemeScore, ThemeScore, ThemeSummary,
};
pub use crate::follow_up::history::{
    AssessmentDiff, History, HistoryDelta, HistoryEntry, ProgressPoint, QuestionChange,
    SeriesPoint, ThemeDelta, ThemeSeries, ThemeValue,
};
pub use crate::follow_up::peers::{
    population_band, Bucket, PeerComparison, PopulationBand, Rollup, RollupTheme, Stats, Stratum,
    ThemeStats, DEFAULT_MIN_GROUP_SIZE,
};
pub use crate::import::ecoclic::{
    AnswersCounts, AnswersReport, CollectiviteReport, EcoClicSource, ImportedAnswers,
    ImportedAssessment, NotCarried,
};
pub use crate::import::{ImportCounts, ImportFormat, ImportReport, Imported, Skipped};
pub use crate::input::parse::{from_value, parse_value};
pub use crate::planning::optimize::{
    Proposal, ProposalRequest, ScheduledAction, ThemeProjection, WORK_BUDGET,
};
pub use crate::planning::plan::{
    ActionLine, BudgetFigures, EffortFigures, IndexFigures, IndicatorStatus, PlanStatus,
    StatusCounts,
};
pub use crate::planning::target::{TargetGap, ThemeGap};
pub use crate::report::csv::{summaries_csv, TABLE_COLUMNS};
pub use crate::report::html::{html_report, HtmlOptions};
pub use crate::report::svg::{evolution as evolution_chart, radar as radar_chart, RadarSeries};
pub use crate::report::text::{
    escape_markdown, history as render_history, peer_comparison as render_peer_comparison,
    plain as terminal_text, plan_status as render_plan_status, proposal as render_proposal,
    ReportFormat,
};

/// The limits every document is checked against before any work (sizes in
/// bytes, counts); SECURITY.md gives the reasons for each value.
pub mod limits {
    pub use crate::input::limits::{
        MAX_ACTIONS, MAX_ANSWERS, MAX_ASSESSMENT_BYTES, MAX_CROSSWALK_BYTES, MAX_DEPTH,
        MAX_DOCUMENT_BYTES, MAX_ECOCLIC_ROWS, MAX_ECOCLIC_SOURCE_BYTES, MAX_ID_LEN,
        MAX_IMPORT_SOURCE_BYTES, MAX_MAPPINGS, MAX_OPTIONS, MAX_PEERS, MAX_PEERS_BYTES,
        MAX_PLAN_ACTIONS, MAX_PLAN_BYTES, MAX_QUESTIONS, MAX_REFERENTIAL_BYTES, MAX_REQUEST_BYTES,
        MAX_THEMES,
    };
}

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::check::validate;
use crate::check::{self, check_pair, check_referential, invalid, within};
use crate::engine::scoring;
use crate::input::parse::{self, Sweep};
use crate::model::assessment::{Answer, Assessment, ReferentialRef};
use crate::model::crosswalk::{Crosswalk, Migration, MigrationSimulation};
use crate::model::error::{DocumentKind, Error, Issue, IssueCode};
use crate::model::plan::Plan;
use crate::model::profile::{Profile, ProfileKind};
use crate::model::referential::{Action, GradeBand, Question, Referential, Theme};
use crate::model::target::Target;
use crate::model::text::Lang;
use crate::report;

/// The default referential, as embedded JSON text.
#[cfg(feature = "embedded-referential")]
pub const DEFAULT_REFERENTIAL_JSON: &str = include_str!("../../referential/default.json");

/// The default referential (written from the REEN law and its decree),
/// parsed and validated once. It is checked by the test suite, so this only
/// fails if the embedded file was edited without running the tests. Built
/// without the `embedded-referential` feature, it is the one given to
/// [`load_default_referential`], and an error before that.
pub fn default_referential() -> Result<&'static Referential, Error> {
    default_checked().map(|r| &**r)
}

/// Installs the default referential from its JSON text when none is yet
/// (builds without the `embedded-referential` feature call it once, with
/// the file shipped beside them); returns the one in place.
pub fn load_default_referential(json: &str) -> Result<&'static Referential, Error> {
    load_default_checked(json).map(|r| &**r)
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

impl ValidationReport {
    /// The report of a document that could not be read (not JSON, not of
    /// its kind's shape): the error's issues, never an error itself.
    pub fn unreadable(document: DocumentKind, e: &Error) -> Self {
        ValidationReport {
            document,
            valid: false,
            issues: e.issues().to_vec(),
        }
    }
}

fn finish(document: DocumentKind, mut issues: Vec<Issue>) -> ValidationReport {
    check::sort_issues(&mut issues);
    ValidationReport {
        document,
        valid: !issues.iter().any(Issue::is_error),
        issues,
    }
}

const REFERENTIAL_SWEEPS: &[Sweep] = &[
    Sweep::Array("themes", parse::check::<Theme>),
    Sweep::Array("questions", parse::check::<Question>),
    Sweep::Array("actions", parse::check::<Action>),
    Sweep::Array("grades", parse::check::<GradeBand>),
];

const PLAN_SWEEPS: &[Sweep] = &[
    Sweep::Object("referential", parse::check::<ReferentialRef>),
    Sweep::Object("target", parse::check::<crate::model::target::Target>),
    Sweep::Array("actions", parse::check::<crate::model::plan::PlannedAction>),
    Sweep::Object("baseline", parse::check::<Assessment>),
];

const ASSESSMENT_SWEEPS: &[Sweep] = &[
    Sweep::Object("referential", parse::check::<ReferentialRef>),
    Sweep::Object("profile", parse::check::<Profile>),
    Sweep::Map("answers", parse::check::<Answer>),
];

/// Parses JSON text of a document of `kind` into a value, checking its
/// size and nesting depth first (see [`limits`]): `too_large`,
/// `too_deep` or `invalid_json`. Every entry point that takes text starts
/// here; bindings that read values call it too.
pub fn parse_json(json: &str, kind: DocumentKind) -> Result<Value, Error> {
    crate::input::limits::check_text(json, kind).map_err(|i| invalid(kind, vec![i]))?;
    parse::parse_value(json).map_err(|i| invalid(kind, vec![i]))
}

/// Reads bytes as the UTF-8 JSON text of a document of `kind` (for
/// bindings that receive bytes): `too_large` over the kind's limit,
/// `invalid_json` when the bytes are not UTF-8.
pub fn text_from_utf8(bytes: &[u8], kind: DocumentKind) -> Result<&str, Error> {
    crate::input::limits::text_from_utf8(bytes, kind).map_err(|i| invalid(kind, vec![i]))
}

/// A document must be a JSON object: serde would also read a struct from
/// an array of its fields in order, which no author means.
fn object_root(kind: DocumentKind, value: &Value) -> Result<(), Error> {
    if value.is_object() {
        return Ok(());
    }
    let found = match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    Err(invalid(
        kind,
        vec![Issue::error(
            IssueCode::InvalidType,
            "",
            format!(
                "invalid type: {found}, expected a {} (a JSON object)",
                kind.as_str()
            ),
        )],
    ))
}

/// Reads a referential from a JSON value; structural and semantic problems
/// are all reported. Warnings alone do not fail.
pub fn referential_from_value(value: &Value) -> Result<Referential, Error> {
    object_root(DocumentKind::Referential, value)?;
    let r: Referential = parse::document(value, REFERENTIAL_SWEEPS)
        .map_err(|i| invalid(DocumentKind::Referential, i))?;
    within(
        DocumentKind::Referential,
        &r,
        crate::input::limits::check_referential,
    )?;
    let issues = validate::validate_referential(&r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Referential, issues));
    }
    Ok(r)
}

/// Reads and validates a referential from JSON text.
pub fn parse_referential(json: &str) -> Result<Referential, Error> {
    let value = parse_json(json, DocumentKind::Referential)?;
    referential_from_value(&value)
}

/// Reads an assessment from a JSON value and validates it against `r`.
pub fn assessment_from_value(value: &Value, r: &Referential) -> Result<Assessment, Error> {
    object_root(DocumentKind::Assessment, value)?;
    let a: Assessment = parse::document(value, ASSESSMENT_SWEEPS)
        .map_err(|i| invalid(DocumentKind::Assessment, i))?;
    within(
        DocumentKind::Assessment,
        &a,
        crate::input::limits::check_assessment,
    )?;
    let issues = validate::validate_assessment(&a, r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Assessment, issues));
    }
    Ok(a)
}

/// Reads and validates an assessment from JSON text.
pub fn parse_assessment(json: &str, r: &Referential) -> Result<Assessment, Error> {
    let a = read_assessment(json)?;
    let issues = validate::validate_assessment(&a, r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Assessment, issues));
    }
    Ok(a)
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

/// Recognises a document: peers' results have only `peers`; a referential
/// has `questions` or `themes`; a
/// plan has `actions` and `created`; an assessment has `answers`,
/// `profile` or `level`.
pub fn detect_document(value: &Value) -> DocumentKind {
    match value {
        Value::Object(m)
            if m.contains_key("mappings")
                || (m.contains_key("from")
                    && m.contains_key("to")
                    && !m.contains_key("answers")) =>
        {
            DocumentKind::Crosswalk
        }
        Value::Object(m)
            if m.contains_key("peers")
                && !m.contains_key("questions")
                && !m.contains_key("answers") =>
        {
            DocumentKind::Peers
        }
        Value::Object(m)
            if m.contains_key("actions")
                && !m.contains_key("questions")
                && !m.contains_key("themes")
                && !m.contains_key("answers") =>
        {
            DocumentKind::Plan
        }
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

fn given_or_default(referential: Option<&Referential>) -> Result<&Referential, Error> {
    match referential {
        Some(r) => Ok(r),
        None => default_referential(),
    }
}

/// Validates a referential or an assessment given as JSON text (the kind is
/// recognised from its fields). An assessment is checked against
/// `referential`, or the default referential when `None`.
pub fn validate_json(json: &str, referential: Option<&Referential>) -> ValidationReport {
    let value = match parse_json(json, DocumentKind::Unknown) {
        Ok(v) => v,
        Err(e) => return finish(DocumentKind::Unknown, e.issues().to_vec()),
    };
    let kind = detect_document(&value);
    // The size of the kind now known (the check above used the largest).
    if let Err(issue) = crate::input::limits::check_size(json.len(), kind) {
        return finish(kind, vec![issue]);
    }
    match kind {
        DocumentKind::Referential => {
            match parse::document::<Referential>(&value, REFERENTIAL_SWEEPS) {
                Ok(r) => match crate::input::limits::check_referential(&r) {
                    Ok(()) => finish(DocumentKind::Referential, validate::validate_referential(&r)),
                    Err(issue) => finish(DocumentKind::Referential, vec![issue]),
                },
                Err(issues) => finish(DocumentKind::Referential, issues),
            }
        }
        DocumentKind::Assessment => {
            let r = match given_or_default(referential) {
                Ok(r) => r,
                Err(e) => return finish(DocumentKind::Assessment, e.issues().to_vec()),
            };
            match parse::document::<Assessment>(&value, ASSESSMENT_SWEEPS) {
                Ok(a) => match crate::input::limits::check_assessment(&a) {
                    Ok(()) => finish(DocumentKind::Assessment, validate::validate_assessment(&a, r)),
                    Err(issue) => finish(DocumentKind::Assessment, vec![issue]),
                },
                Err(issues) => finish(DocumentKind::Assessment, issues),
            }
        }
        DocumentKind::Plan => {
            let r = match given_or_default(referential) {
                Ok(r) => r,
                Err(e) => return finish(DocumentKind::Plan, e.issues().to_vec()),
            };
            match parse::document::<Plan>(&value, PLAN_SWEEPS) {
                Ok(p) => match crate::input::limits::check_plan(&p) {
                    Ok(()) => finish(DocumentKind::Plan, crate::planning::plan::validate_plan(&p, r)),
                    Err(issue) => finish(DocumentKind::Plan, vec![issue]),
                },
                Err(issues) => finish(DocumentKind::Plan, issues),
            }
        }
        DocumentKind::Peers => match peers_from_value(&value) {
            Ok(_) => finish(DocumentKind::Peers, Vec::new()),
            Err(e) => finish(DocumentKind::Peers, e.issues().to_vec()),
        },
        // Checked on its own; against both versions by `validate_crosswalk`.
        DocumentKind::Crosswalk => match crosswalk_from_value(&value) {
            Ok(_) => finish(DocumentKind::Crosswalk, Vec::new()),
            Err(e) => finish(DocumentKind::Crosswalk, e.issues().to_vec()),
        },
        DocumentKind::Request | DocumentKind::Unknown | DocumentKind::ImportSource => finish(
            DocumentKind::Unknown,
            vec![Issue::error(
                IssueCode::UnknownDocument,
                "",
                "not a referential (`questions`/`themes`), an assessment (`answers`/`profile`/`level`), a plan (`actions`) nor peers' results (`peers`)",
            )],
        ),
    }
}

/// Reads a crosswalk from a JSON value (its structure only: see
/// [`validate_crosswalk`] for the checks against both versions).
pub fn crosswalk_from_value(value: &Value) -> Result<Crosswalk, Error> {
    object_root(DocumentKind::Crosswalk, value)?;
    let c: Crosswalk = parse::document(
        value,
        &[
            Sweep::Object("from", parse::check::<ReferentialRef>),
            Sweep::Object("to", parse::check::<ReferentialRef>),
            Sweep::Array("mappings", parse::check::<crate::model::crosswalk::Mapping>),
        ],
    )
    .map_err(|i| invalid(DocumentKind::Crosswalk, i))?;
    within(
        DocumentKind::Crosswalk,
        &c,
        crate::input::limits::check_crosswalk,
    )?;
    Ok(c)
}

/// Reads a crosswalk from JSON text (its structure only).
pub fn parse_crosswalk(json: &str) -> Result<Crosswalk, Error> {
    let value = parse_json(json, DocumentKind::Crosswalk)?;
    crosswalk_from_value(&value)
}

/// Checks a crosswalk against the two versions it links.
pub fn validate_crosswalk(c: &Crosswalk, from: &Referential, to: &Referential) -> ValidationReport {
    finish(
        DocumentKind::Crosswalk,
        crate::follow_up::migrate::validate_crosswalk(c, from, to),
    )
}

/// Checks a crosswalk given as JSON text: the report, never an error (a
/// crosswalk that cannot be read is an invalid one).
pub fn validate_crosswalk_json(
    json: &str,
    from: &Referential,
    to: &Referential,
) -> ValidationReport {
    match parse_crosswalk(json) {
        Ok(c) => validate_crosswalk(&c, from, to),
        Err(e) => ValidationReport::unreadable(DocumentKind::Crosswalk, &e),
    }
}

fn check_migration(
    from: &Referential,
    a: &Assessment,
    c: &Crosswalk,
    to: &Referential,
) -> Result<(), Error> {
    within(
        DocumentKind::Crosswalk,
        c,
        crate::input::limits::check_crosswalk,
    )?;
    for r in [from, to] {
        within(
            DocumentKind::Referential,
            r,
            crate::input::limits::check_referential,
        )?;
        let issues = validate::validate_referential(r);
        if issues.iter().any(Issue::is_error) {
            return Err(invalid(DocumentKind::Referential, issues));
        }
    }
    let issues = crate::follow_up::migrate::validate_crosswalk(c, from, to);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Crosswalk, issues));
    }
    check_pair(from, a).map(|_| ())
}

/// Carries an assessment made on `from` to `to` across a crosswalk: the
/// migrated assessment and the report of every answer (carried,
/// transformed, restored, not carried with the reason, new questions).
pub fn migrate(
    from: &Referential,
    a: &Assessment,
    c: &Crosswalk,
    to: &Referential,
) -> Result<Migration, Error> {
    check_migration(from, a, c, to)?;
    Ok(crate::follow_up::migrate::migrate(from, a, c, to))
}

/// What [`migrate`] would change — index, grade and theme scores before and
/// after, and the report — without committing to it.
pub fn simulate_migration(
    from: &Referential,
    a: &Assessment,
    c: &Crosswalk,
    to: &Referential,
) -> Result<MigrationSimulation, Error> {
    check_migration(from, a, c, to)?;
    Ok(crate::follow_up::migrate::simulate(from, a, c, to))
}

/// A migration's report as the command line's `migrate` writes it: text,
/// Markdown, or the report as JSON text. There is no HTML form: `html` is an
/// `invalid_argument` error naming `format`.
pub fn render_migration_report(
    m: &crate::model::crosswalk::MigrationReport,
    format: ReportFormat,
    lang: Lang,
) -> Result<String, Error> {
    Ok(match migration_format(format)? {
        ReportFormat::Json => to_json(m),
        format => report::text::migration_report(m, format, lang),
    })
}

/// A migration's simulation as `migrate --simulate` writes it: text,
/// Markdown, or JSON text (no HTML, as [`render_migration_report`]).
pub fn render_migration_simulation(
    s: &MigrationSimulation,
    format: ReportFormat,
    lang: Lang,
) -> Result<String, Error> {
    Ok(match migration_format(format)? {
        ReportFormat::Json => to_json(s),
        format => report::text::migration_simulation(s, format, lang),
    })
}

fn migration_format(format: ReportFormat) -> Result<ReportFormat, Error> {
    if format == ReportFormat::Html {
        return Err(Error::InvalidArgument {
            name: "format".to_owned(),
            message: "a migration's report is text, markdown or json, not html".to_owned(),
        });
    }
    Ok(format)
}

/// The crosswalk the other way round (renames and one-to-one value
/// translations inverted, splits ↔ merges, removals ↔ additions); an
/// `invalid_argument` error names the mapping that cannot be undone.
pub fn invert_crosswalk(c: &Crosswalk) -> Result<Crosswalk, Error> {
    crate::follow_up::migrate::invert(c).map_err(|message| Error::InvalidArgument {
        name: "crosswalk".to_owned(),
        message,
    })
}

/// JSON form of [`migrate`] (or of [`simulate_migration`] when `simulate`):
/// `from_json` defaults to the embedded referential.
pub fn migrate_json(
    assessment_json: &str,
    crosswalk_json: &str,
    from_json: Option<&str>,
    to_referential_json: &str,
    simulate: bool,
) -> Result<String, Error> {
    let from = referential_or_default(from_json)?;
    let to = parse_referential(to_referential_json)?;
    let a = parse_assessment(assessment_json, &from)?;
    let c = parse_crosswalk(crosswalk_json)?;
    if simulate {
        simulate_migration(&from, &a, &c, &to).map(|s| to_json(&s))
    } else {
        migrate(&from, &a, &c, &to).map(|m| to_json(&m))
    }
}

/// Validates both documents and scores the assessment. Warnings (answers
/// kept but ignored, another minor version) are carried in the report.
pub fn score(r: &Referential, a: &Assessment) -> Result<ScoreReport, Error> {
    check::score(r, a)
}

/// The headline figures of an assessment (index, grade, completeness,
/// theme scores, Éco-clic, conformity) without the report's details: the
/// same numbers as [`score`], for batches. Validates like [`score`].
pub fn score_summary(r: &Referential, a: &Assessment) -> Result<scoring::ScoreSummary, Error> {
    check_pair(r, a)?;
    Ok(scoring::summary(r, a))
}

/// Scores many assessments given as JSON text: one result per item, in
/// order (a failure stays with its item). The referential is checked once.
/// Large batches are shared among the cores (where threads exist: not in
/// WebAssembly, whose `available_parallelism` reports none).
pub fn score_summaries<S: AsRef<str> + Sync>(
    r: &Referential,
    assessments: &[S],
) -> Result<Vec<Result<scoring::ScoreSummary, Error>>, Error> {
    let s = Summariser::new(r)?;
    Ok(in_parallel(assessments.iter().collect(), |json: &S| {
        s.json(json.as_ref())
    }))
}

/// Reads an assessment from JSON text without checking it against a
/// referential (its structure only, every problem listed).
pub fn read_assessment(json: &str) -> Result<Assessment, Error> {
    crate::input::limits::check_text(json, DocumentKind::Assessment)
        .map_err(|i| invalid(DocumentKind::Assessment, vec![i]))?;
    if !json.trim_start().starts_with('{') {
        // Not an object: say so (or that it is not JSON) in plain words.
        object_root(
            DocumentKind::Assessment,
            &parse_json(json, DocumentKind::Assessment)?,
        )?;
    }
    let a: Assessment = parse::document_str(json, ASSESSMENT_SWEEPS)
        .map_err(|i| invalid(DocumentKind::Assessment, i))?;
    within(
        DocumentKind::Assessment,
        &a,
        crate::input::limits::check_assessment,
    )?;
    Ok(a)
}

/// An item of a batch, as a binding has it: JSON text, or an assessment
/// it read itself (from its own objects).
#[derive(Debug, Clone)]
pub enum Batched {
    /// JSON text of an assessment.
    Json(String),
    /// An assessment as read (not yet checked against the referential).
    Read(Box<Assessment>),
}

/// Scores many assessments, each given by `read` (see [`Batched`]): one
/// result per item, in order. The referential is checked once; JSON text
/// takes the same fast path as in [`score_summaries`]; large batches are
/// shared among the cores.
pub fn score_summaries_with<T: Send>(
    r: &Referential,
    items: Vec<T>,
    read: impl Fn(T) -> Result<Batched, Error> + Sync,
) -> Result<Vec<Result<scoring::ScoreSummary, Error>>, Error> {
    let s = Summariser::new(r)?;
    Ok(in_parallel(items, |item| match read(item)? {
        Batched::Json(json) => s.json(&json),
        Batched::Read(a) => s.assessment(&a),
    }))
}

/// A referential checked once, then used for many summaries: what a
/// binding that drives its own threads needs (Python converts its objects
/// while other threads score). Each call does what one item of
/// [`score_summaries`] does; the referential is not checked again.
pub struct Summariser<'r> {
    // Per-question figures computed once for every later call: the
    // referential is borrowed immutably meanwhile, so they cannot go stale.
    facts: scoring::Facts<'r>,
}

impl std::fmt::Debug for Summariser<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Summariser")
            .field("r", &self.facts.r)
            .finish_non_exhaustive()
    }
}

impl<'r> Summariser<'r> {
    /// Checks the referential (limits and validation; the embedded one is
    /// known to be valid) once for every later call.
    pub fn new(r: &'r Referential) -> Result<Self, Error> {
        check_referential(r)?;
        Ok(Summariser {
            facts: scoring::Facts::for_batch(r),
        })
    }

    /// The referential summaries are computed with.
    pub fn referential(&self) -> &'r Referential {
        self.facts.r
    }

    /// The summary of an assessment's JSON text (the batch fast path).
    pub fn json(&self, json: &str) -> Result<scoring::ScoreSummary, Error> {
        summarise_json(&self.facts, json)
    }

    /// The summary of an assessment's JSON text given as UTF-8 bytes
    /// (invalid UTF-8 is an error of the item).
    pub fn utf8(&self, bytes: &[u8]) -> Result<scoring::ScoreSummary, Error> {
        summarise_json(
            &self.facts,
            text_from_utf8(bytes, DocumentKind::Assessment)?,
        )
    }

    /// The summary of an assessment already read (validated first).
    pub fn assessment(&self, a: &Assessment) -> Result<scoring::ScoreSummary, Error> {
        summarise(self.facts.r, a)
    }
}

/// [`score_summary`] of an assessment's JSON text, through the batch fast
/// path (see [`score_summaries`]): what a page recomputing the index at
/// each answer needs.
pub fn score_summary_json(r: &Referential, json: &str) -> Result<scoring::ScoreSummary, Error> {
    check_referential(r)?;
    summarise_json(&scoring::Facts::of(r), json)
}

/// The summary of one assessment's JSON text: plain valid documents are
/// read straight into what scoring needs; anything else takes the full
/// path, which reports every problem.
fn summarise_json(facts: &scoring::Facts<'_>, json: &str) -> Result<scoring::ScoreSummary, Error> {
    let r = facts.r;
    // What the fast path accepts has a fixed shape (bounded nesting, each
    // key once, at most one answer per question): only the size is checked
    // first; anything else goes through every check of `read_assessment`.
    crate::input::limits::check_size(json.len(), DocumentKind::Assessment)
        .map_err(|i| invalid(DocumentKind::Assessment, vec![i]))?;
    match crate::api::batch::summary(facts, json) {
        Some(summary) => Ok(summary),
        None => summarise(r, &read_assessment(json)?),
    }
}

fn summarise(r: &Referential, a: &Assessment) -> Result<scoring::ScoreSummary, Error> {
    within(
        DocumentKind::Assessment,
        a,
        crate::input::limits::check_assessment,
    )?;
    let issues = validate::validate_assessment(a, r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Assessment, issues));
    }
    Ok(scoring::summary(r, a))
}

/// Threads for a batch: `SOBRIETE_THREADS` when set to a positive number
/// (e.g. 1 for worker processes of a distributed engine, one per core),
/// else every core the process may use.
pub fn batch_threads() -> usize {
    std::env::var("SOBRIETE_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Maps `one` over the items, in order, sharing large batches among the
/// available cores (see [`batch_threads`]).
fn in_parallel<T: Send, U: Send>(
    items: Vec<T>,
    one: impl Fn(T) -> Result<U, Error> + Sync,
) -> Vec<Result<U, Error>> {
    let threads = batch_threads();
    if threads < 2 || items.len() < 64 {
        return items.into_iter().map(one).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut parts: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut rest = items.into_iter();
    loop {
        let part: Vec<T> = rest.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    let sizes: Vec<usize> = parts.iter().map(Vec::len).collect();
    let one = &one;
    let done: Vec<Vec<Result<U, Error>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .zip(sizes)
            .map(|(h, n)| {
                // A worker that failed (it cannot: no panics) gives its items
                // an error rather than losing them.
                h.join().unwrap_or_else(|_| {
                    (0..n)
                        .map(|_| {
                            Err(Error::InvalidArgument {
                                name: "assessments".to_owned(),
                                message: "internal error while scoring this item".to_owned(),
                            })
                        })
                        .collect()
                })
            })
            .collect()
    });
    done.into_iter().flatten().collect()
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
    // A template's date is the assessment's: refused here rather than when
    // the filled-in assessment is first scored.
    if let Some(d) = date {
        crate::model::assessment::parse_date(d).ok_or_else(|| Error::InvalidArgument {
            name: "date".to_owned(),
            message: format!("{d:?} is not an ISO 8601 calendar date (YYYY-MM-DD)"),
        })?;
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
            establishment: None,
            insee: None,
            departement: None,
            region: None,
        }),
        date: date.unwrap_or("YYYY-MM-DD").to_owned(),
        level,
        answers,
        from_plan: IndexMap::new(),
        migrations: Vec::new(),
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
            let value = parse_json(json, DocumentKind::Assessment)?;
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
        ReportFormat::Text => report::text::text_report(report, lang),
        ReportFormat::Markdown => report::text::markdown_report(report, lang),
        ReportFormat::Html => {
            crate::report::html::html_report(report, &crate::report::html::HtmlOptions::new(lang))
        }
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
    report::text::referential_markdown(r, lang)
}

/// JSON form of [`validate_json`]: the validation report as JSON text.
pub fn validate_json_report(json: &str, referential_json: Option<&str>) -> String {
    match referential_json.map(parse_referential) {
        Some(Err(e)) => to_json(&finish(DocumentKind::Referential, e.issues().to_vec())),
        Some(Ok(r)) => to_json(&validate_json(json, Some(&r))),
        None => to_json(&validate_json(json, None)),
    }
}

/// The gap between an assessment's scores and a target.
pub fn target_gap(r: &Referential, a: &Assessment, target: &Target) -> Result<TargetGap, Error> {
    let issues = crate::planning::target::validate_target(target, r, "");
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Request, issues));
    }
    let report = score(r, a)?;
    Ok(crate::planning::target::gap(r, &report, target))
}

/// Every action that would raise an answer, with its exact gain alone and
/// the quick-wins, largest-gains, by-theme and by-REEN-area views.
pub fn candidates(r: &Referential, a: &Assessment) -> Result<Candidates, Error> {
    check_pair(r, a)?;
    Ok(crate::engine::candidates::candidates(r, a))
}

/// The plan of least effort that reaches the target (the method is described in docs/planning.md).
pub fn propose(
    r: &Referential,
    a: &Assessment,
    request: &ProposalRequest,
) -> Result<Proposal, Error> {
    check_pair(r, a)?;
    crate::planning::optimize::propose(r, a, request)
}

/// Reads a proposal request from a JSON value.
pub fn request_from_value(value: &Value) -> Result<ProposalRequest, Error> {
    object_root(DocumentKind::Request, value)?;
    parse::document(value, &[Sweep::Object("target", parse::check::<Target>)])
        .map_err(|i| invalid(DocumentKind::Request, i))
}

/// A plan document from a proposal: every proposed action, in schedule
/// order, `to_plan`, with the target and the baseline assessment.
pub fn plan_from_proposal(
    r: &Referential,
    a: &Assessment,
    request: &ProposalRequest,
    proposal: &Proposal,
    created: &str,
) -> Plan {
    let actions = proposal
        .schedule
        .iter()
        .map(|step| crate::model::plan::PlannedAction {
            id: step.id.clone(),
            action: Some(step.id.clone()),
            title: None,
            description: None,
            owner: None,
            start: None,
            due: None,
            completed: None,
            status: crate::model::plan::ActionStatus::ToPlan,
            progress: 0.0,
            effort: None,
            budget: r
                .action(&step.id)
                .and_then(|x| x.cost)
                .map(|c| crate::model::plan::Budget {
                    planned: f64::from(c.estimate()),
                    spent: 0.0,
                }),
            reen_area: None,
            addresses: Vec::new(),
            depends_on: step.after.clone(),
            evidence: Vec::new(),
            indicators: Vec::new(),
        })
        .collect();
    Plan {
        referential: ReferentialRef {
            id: r.id.clone(),
            version: r.version.clone(),
        },
        name: None,
        created: created.to_owned(),
        target: Some(request.target.clone()),
        actions,
        baseline: Some(a.clone()),
    }
}

/// Reads a plan from a JSON value and validates it against `r`.
pub fn plan_from_value(value: &Value, r: &Referential) -> Result<Plan, Error> {
    object_root(DocumentKind::Plan, value)?;
    let p: Plan =
        parse::document(value, PLAN_SWEEPS).map_err(|i| invalid(DocumentKind::Plan, i))?;
    within(DocumentKind::Plan, &p, crate::input::limits::check_plan)?;
    let issues = crate::planning::plan::validate_plan(&p, r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Plan, issues));
    }
    Ok(p)
}

/// Reads and validates a plan from JSON text.
pub fn parse_plan(json: &str, r: &Referential) -> Result<Plan, Error> {
    let value = parse_json(json, DocumentKind::Plan)?;
    plan_from_value(&value, r)
}

/// Validates a plan already in memory.
pub fn validate_plan(p: &Plan, r: &Referential) -> ValidationReport {
    finish(
        DocumentKind::Plan,
        crate::planning::plan::validate_plan(p, r),
    )
}

/// Validates a plan given as JSON text: the report, never an error. The
/// document is read as a plan whatever it looks like (an assessment given
/// here is an invalid plan), unlike [`validate_json`], which recognises it.
pub fn validate_plan_json(json: &str, r: &Referential) -> ValidationReport {
    match parse_plan(json, r) {
        Ok(p) => validate_plan(&p, r),
        Err(e) => ValidationReport::unreadable(DocumentKind::Plan, &e),
    }
}

fn check_plan(plan: &Plan, r: &Referential) -> Result<(), Error> {
    within(DocumentKind::Plan, plan, crate::input::limits::check_plan)?;
    let issues = crate::planning::plan::validate_plan(plan, r);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Plan, issues));
    }
    Ok(())
}

fn as_of_date(as_of: &str) -> Result<chrono::NaiveDate, Error> {
    crate::model::assessment::parse_date(as_of).ok_or_else(|| Error::InvalidArgument {
        name: "as_of".to_owned(),
        message: format!("{as_of:?} is not an ISO 8601 calendar date (YYYY-MM-DD)"),
    })
}

/// Follows a plan up at a date. The baseline is `baseline`, else the plan's
/// own `baseline`.
pub fn plan_status(
    r: &Referential,
    plan: &Plan,
    baseline: Option<&Assessment>,
    as_of: &str,
) -> Result<PlanStatus, Error> {
    let date = as_of_date(as_of)?;
    check_plan(plan, r)?;
    let baseline = baseline.or(plan.baseline.as_ref()).ok_or_else(|| Error::InvalidArgument {
        name: "baseline".to_owned(),
        message: "the follow-up needs the assessment the plan starts from: give it, or embed it as the plan's `baseline`".to_owned(),
    })?;
    check_pair(r, baseline)?;
    Ok(crate::planning::plan::plan_status(r, baseline, plan, date))
}

/// Dated assessments in order, with per-theme evolution and deltas.
pub fn history(r: &Referential, assessments: &[Assessment]) -> Result<History, Error> {
    crate::follow_up::history::history(r, assessments)
}

/// What changed between two assessments.
pub fn diff(
    r: &Referential,
    before: &Assessment,
    after: &Assessment,
) -> Result<AssessmentDiff, Error> {
    crate::follow_up::history::diff(r, before, after)
}

/// The draft of the next assessment: answers raised by done plan actions,
/// marked in `from_plan` to be confirmed.
pub fn next_assessment(
    r: &Referential,
    previous: &Assessment,
    plan: &Plan,
    date: &str,
) -> Result<Assessment, Error> {
    check_plan(plan, r)?;
    crate::follow_up::history::next_assessment(r, previous, plan, date)
}

/// Achieved vs planned index over time.
pub fn progress_series(
    r: &Referential,
    assessments: &[Assessment],
    plan: &Plan,
) -> Result<Vec<ProgressPoint>, Error> {
    check_plan(plan, r)?;
    crate::follow_up::history::progress_series(r, assessments, plan)
}

/// JSON form of [`propose`].
pub fn propose_json(
    assessment_json: &str,
    request_json: &str,
    referential_json: Option<&str>,
) -> Result<String, Error> {
    let r = referential_or_default(referential_json)?;
    let a = parse_assessment(assessment_json, &r)?;
    let value = parse_json(request_json, DocumentKind::Request)?;
    let request = request_from_value(&value)?;
    propose(&r, &a, &request).map(|p| to_json(&p))
}

/// JSON form of [`candidates`].
pub fn candidates_json(
    assessment_json: &str,
    referential_json: Option<&str>,
) -> Result<String, Error> {
    let r = referential_or_default(referential_json)?;
    let a = parse_assessment(assessment_json, &r)?;
    candidates(&r, &a).map(|c| to_json(&c))
}

/// JSON form of [`plan_status`].
pub fn plan_status_json(
    plan_json: &str,
    baseline_json: Option<&str>,
    as_of: &str,
    referential_json: Option<&str>,
) -> Result<String, Error> {
    let r = referential_or_default(referential_json)?;
    let plan = parse_plan(plan_json, &r)?;
    let baseline = baseline_json.map(|j| parse_assessment(j, &r)).transpose()?;
    plan_status(&r, &plan, baseline.as_ref(), as_of).map(|s| to_json(&s))
}

/// JSON form of [`history`]: each assessment as JSON text.
pub fn history_json(
    assessments_json: &[&str],
    referential_json: Option<&str>,
) -> Result<String, Error> {
    let r = referential_or_default(referential_json)?;
    let list = assessments_json
        .iter()
        .map(|j| parse_assessment(j, &r))
        .collect::<Result<Vec<_>, _>>()?;
    history(&r, &list).map(|h| to_json(&h))
}

/// Reads and validates a set of peers' results from a JSON value.
pub fn peers_from_value(value: &Value) -> Result<crate::model::peers::PeerSet, Error> {
    object_root(DocumentKind::Peers, value)?;
    let set: crate::model::peers::PeerSet = parse::document(
        value,
        &[Sweep::Array(
            "peers",
            parse::check::<crate::model::peers::PeerResult>,
        )],
    )
    .map_err(|i| invalid(DocumentKind::Peers, i))?;
    within(DocumentKind::Peers, &set, crate::input::limits::check_peers)?;
    let issues = crate::follow_up::peers::validate_peers(&set);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Peers, issues));
    }
    Ok(set)
}

/// Reads and validates a set of peers' results from JSON text.
pub fn parse_peers(json: &str) -> Result<crate::model::peers::PeerSet, Error> {
    let value = parse_json(json, DocumentKind::Peers)?;
    peers_from_value(&value)
}

/// Situates an assessment among its peers: percentile rank, median and
/// quartiles overall and per theme, by stratum (same kind and population
/// band, département, région, national), hiding strata smaller than
/// `min_group_size` (default [`crate::follow_up::peers::DEFAULT_MIN_GROUP_SIZE`]).
pub fn compare(
    r: &Referential,
    a: &Assessment,
    peers: &crate::model::peers::PeerSet,
    min_group_size: Option<usize>,
) -> Result<crate::follow_up::peers::PeerComparison, Error> {
    within(
        DocumentKind::Peers,
        peers,
        crate::input::limits::check_peers,
    )?;
    let issues = crate::follow_up::peers::validate_peers(peers);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Peers, issues));
    }
    let report = score(r, a)?;
    let subject = crate::model::peers::PeerResult::from_report(&report);
    Ok(crate::follow_up::peers::compare(
        &subject,
        &peers.peers,
        min_group_size.unwrap_or(crate::follow_up::peers::DEFAULT_MIN_GROUP_SIZE),
    ))
}

/// Aggregates members' results (e.g. the communes of an intercommunalité).
pub fn rollup(
    members: &crate::model::peers::PeerSet,
    expected_members: Option<usize>,
) -> Result<crate::follow_up::peers::Rollup, Error> {
    within(
        DocumentKind::Peers,
        members,
        crate::input::limits::check_peers,
    )?;
    let issues = crate::follow_up::peers::validate_peers(members);
    if issues.iter().any(Issue::is_error) {
        return Err(invalid(DocumentKind::Peers, issues));
    }
    Ok(crate::follow_up::peers::rollup(
        &members.peers,
        expected_members,
    ))
}

/// The peer result of an assessment (to publish into a peers file).
pub fn peer_result(
    r: &Referential,
    a: &Assessment,
) -> Result<crate::model::peers::PeerResult, Error> {
    score(r, a).map(|report| crate::model::peers::PeerResult::from_report(&report))
}

/// JSON form of [`compare`].
pub fn compare_json(
    assessment_json: &str,
    peers_json: &str,
    min_group_size: Option<usize>,
    referential_json: Option<&str>,
) -> Result<String, Error> {
    let r = referential_or_default(referential_json)?;
    let a = parse_assessment(assessment_json, &r)?;
    let peers = parse_peers(peers_json)?;
    compare(&r, &a, &peers, min_group_size).map(|c| to_json(&c))
}

/// JSON form of [`rollup`].
pub fn rollup_json(peers_json: &str, expected_members: Option<usize>) -> Result<String, Error> {
    let peers = parse_peers(peers_json)?;
    rollup(&peers, expected_members).map(|x| to_json(&x))
}

/// CSV of the answers (one row per question; the columns are documented in
/// [`crate::report::csv::answers_csv`]).
pub fn answers_csv(r: &Referential, a: &Assessment, lang: Lang) -> Result<String, Error> {
    let report = score(r, a)?;
    Ok(crate::report::csv::answers_csv(r, a, &report, lang))
}

/// CSV of the theme scores (see [`crate::report::csv::themes_csv`]).
pub fn themes_csv(r: &Referential, a: &Assessment, lang: Lang) -> Result<String, Error> {
    let report = score(r, a)?;
    Ok(crate::report::csv::themes_csv(&report, lang))
}

/// CSV of a plan's actions (see [`crate::report::csv::plan_csv`]).
pub fn plan_csv(r: &Referential, plan: &Plan, lang: Lang) -> Result<String, Error> {
    check_plan(plan, r)?;
    Ok(crate::report::csv::plan_csv(r, plan, lang))
}

/// The REEN annual review (Markdown) for `year`: objectives, indicators,
/// measures by decree area; with a plan, followed up as of `as_of` (default:
/// the end of `year`).
pub fn annual_review(
    r: &Referential,
    a: &Assessment,
    plan: Option<&Plan>,
    year: i32,
    as_of: Option<&str>,
    lang: Lang,
) -> Result<String, Error> {
    let report = score(r, a)?;
    let end_of_year = format!("{year:04}-12-31");
    let status = match plan {
        // The plan's own baseline when it has one, else the reviewed assessment.
        Some(p) => Some(plan_status(
            r,
            p,
            p.baseline.is_none().then_some(a),
            as_of.unwrap_or(&end_of_year),
        )?),
        None => None,
    };
    Ok(crate::report::annual_review::annual_review(
        r,
        &report,
        plan,
        status.as_ref(),
        year,
        lang,
    ))
}

/// What a full report may add to the score report.
#[derive(Debug, Clone, Default)]
pub struct ReportInputs<'a> {
    /// A target: its gap, and the proposed plan to reach it.
    pub target: Option<&'a Target>,
    /// An action plan, followed up as of `as_of`.
    pub plan: Option<&'a Plan>,
    /// Follow-up date (default: the assessment's date).
    pub as_of: Option<&'a str>,
    /// Earlier assessments, for the history and the evolution chart.
    pub history: &'a [Assessment],
    /// Peers' results, for the comparison.
    pub peers: Option<&'a crate::model::peers::PeerSet>,
    /// Smallest group whose statistics are shown.
    pub min_group_size: Option<usize>,
}

/// Everything a full report shows, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FullReport {
    /// The score report.
    pub report: ScoreReport,
    /// The gap to the target.
    pub gap: Option<TargetGap>,
    /// The plan proposed to reach the target.
    pub proposal: Option<Proposal>,
    /// The plan's follow-up.
    pub status: Option<PlanStatus>,
    /// The history of the assessments (the earlier ones and this one).
    pub history: Option<History>,
    /// Achieved vs planned index (with a plan and a history).
    pub progress: Option<Vec<ProgressPoint>>,
    /// The comparison with peers.
    pub comparison: Option<crate::follow_up::peers::PeerComparison>,
}

/// Computes every part of a full report.
pub fn full_report_data(
    r: &Referential,
    a: &Assessment,
    inputs: &ReportInputs,
) -> Result<FullReport, Error> {
    let report = score(r, a)?;
    let gap = inputs.target.map(|t| target_gap(r, a, t)).transpose()?;
    let proposal = match inputs.target {
        Some(t) => Some(propose(
            r,
            a,
            &ProposalRequest {
                target: t.clone(),
                ..ProposalRequest::default()
            },
        )?),
        None => None,
    };
    let as_of = inputs.as_of.unwrap_or(&a.date);
    let status = match inputs.plan {
        Some(p) => Some(plan_status(r, p, p.baseline.is_none().then_some(a), as_of)?),
        None => None,
    };
    let mut all: Vec<Assessment> = inputs.history.to_vec();
    all.push(a.clone());
    let history = (!inputs.history.is_empty())
        .then(|| self::history(r, &all))
        .transpose()?;
    let progress = match (inputs.plan, &history) {
        (Some(p), Some(_)) => Some(progress_series(r, &all, p)?),
        _ => None,
    };
    let comparison = match inputs.peers {
        Some(set) => Some(compare(r, a, set, inputs.min_group_size)?),
        None => None,
    };
    Ok(FullReport {
        report,
        gap,
        proposal,
        status,
        history,
        progress,
        comparison,
    })
}

/// The full report in a format: the score report with the target gap and
/// proposed plan, the plan's follow-up, the history and the peers when given.
pub fn full_report(
    r: &Referential,
    a: &Assessment,
    inputs: &ReportInputs,
    format: ReportFormat,
    lang: Lang,
) -> Result<String, Error> {
    let data = full_report_data(r, a, inputs)?;
    Ok(match format {
        ReportFormat::Json => to_json(&data),
        ReportFormat::Html => {
            let mut options = crate::report::html::HtmlOptions::new(lang);
            options.target = data.gap.as_ref();
            options.proposal = data.proposal.as_ref();
            options.status = data.status.as_ref();
            options.history = data.history.as_ref();
            options.progress = data.progress.as_deref();
            if let Some(c) = &data.comparison {
                let title = match lang {
                    Lang::Fr => "Comparaison avec des collectivités comparables",
                    Lang::En => "Comparison with peers",
                };
                options
                    .extra_sections
                    .push((title.to_owned(), peers_html(c, lang)));
            }
            crate::report::html::html_report(&data.report, &options)
        }
        ReportFormat::Text | ReportFormat::Markdown => {
            let mut out = render_report(&data.report, format, lang);
            if let Some(p) = &data.proposal {
                out.push('\n');
                out.push_str(&report::text::proposal(p, format, lang));
            }
            if let Some(s) = &data.status {
                out.push('\n');
                out.push_str(&report::text::plan_status(s, format, lang));
            }
            if let Some(h) = &data.history {
                out.push('\n');
                out.push_str(&report::text::history(h, format, lang));
            }
            if let Some(c) = &data.comparison {
                out.push('\n');
                out.push_str(&report::text::peer_comparison(c, format, lang));
            }
            out
        }
    })
}

/// The peers section of the HTML report: one row per stratum.
fn peers_html(c: &crate::follow_up::peers::PeerComparison, lang: Lang) -> String {
    use crate::report::html::escape_html as e;
    let fr = lang == Lang::Fr;
    let f = |x: f64| match lang {
        Lang::Fr => format!("{x:.2}").replace('.', ","),
        Lang::En => format!("{x:.2}"),
    };
    let mut out = String::from("<table><thead><tr>");
    let headers = if fr {
        ["Strate", "Effectif", "Rang centile", "Médiane", "Quartiles"]
    } else {
        ["Stratum", "Size", "Percentile rank", "Median", "Quartiles"]
    };
    for h in headers {
        out.push_str(&format!("<th scope=\"col\">{h}</th>"));
    }
    out.push_str("</tr></thead><tbody>");
    for s in &c.strata {
        out.push_str(&format!("<tr><td>{}</td><td>{}</td>", e(&s.label), s.size));
        match (&s.index, &s.reason) {
            (Some(st), _) => out.push_str(&format!(
                "<td>{}</td><td>{}</td><td>{} – {}</td>",
                st.percentile_rank.map_or("–".to_owned(), f),
                f(st.median),
                f(st.q1),
                f(st.q3)
            )),
            (None, reason) => out.push_str(&format!(
                "<td colspan=\"3\">{}</td>",
                e(reason.as_deref().unwrap_or("–"))
            )),
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The radar chart (SVG) of an assessment's theme scores, with the target's
/// theme scores and the peers' national medians when given.
pub fn radar_svg(
    r: &Referential,
    a: &Assessment,
    target: Option<&Target>,
    peers: Option<&crate::model::peers::PeerSet>,
    lang: Lang,
) -> Result<String, Error> {
    let report = score(r, a)?;
    let axes: Vec<String> = report
        .themes
        .iter()
        .map(|t| t.title.get(lang).to_owned())
        .collect();
    let mut series = vec![crate::report::svg::RadarSeries {
        label: match lang {
            Lang::Fr => "Évaluation".to_owned(),
            Lang::En => "Assessment".to_owned(),
        },
        values: report.themes.iter().map(|t| t.score).collect(),
    }];
    if let Some(t) = target.filter(|t| !t.themes.is_empty()) {
        series.push(crate::report::svg::RadarSeries {
            label: match lang {
                Lang::Fr => "Cible".to_owned(),
                Lang::En => "Target".to_owned(),
            },
            values: report
                .themes
                .iter()
                .map(|x| t.themes.get(&x.id).copied().or(x.score))
                .collect(),
        });
    }
    if let Some(set) = peers {
        let c = compare(r, a, set, None)?;
        if let Some(national) = c.strata.iter().find(|s| s.id == "national" && s.shown) {
            series.push(crate::report::svg::RadarSeries {
                label: match lang {
                    Lang::Fr => "Médiane nationale".to_owned(),
                    Lang::En => "National median".to_owned(),
                },
                values: report
                    .themes
                    .iter()
                    .map(|x| {
                        national
                            .themes
                            .iter()
                            .find(|t| t.id == x.id)
                            .and_then(|t| t.stats.as_ref())
                            .map(|s| s.median)
                    })
                    .collect(),
            });
        }
    }
    Ok(crate::report::svg::radar_in(&axes, &series, lang))
}

/// The evolution chart (SVG) of dated assessments, with the planned index
/// when a plan is given.
pub fn evolution_svg(
    r: &Referential,
    assessments: &[Assessment],
    plan: Option<&Plan>,
    lang: Lang,
) -> Result<String, Error> {
    let points: Vec<(String, Option<f64>, Option<f64>)> = match plan {
        Some(p) => progress_series(r, assessments, p)?
            .into_iter()
            .map(|x| (x.date, x.achieved, x.planned))
            .collect(),
        None => history(r, assessments)?
            .entries
            .into_iter()
            .map(|e| (e.date, e.index, None))
            .collect(),
    };
    Ok(crate::report::svg::evolution_in(&points, lang))
}

/// Imports a published referential (RGESN, the good-practice guide, or the
/// W3C Web Sustainability Guidelines) given as JSON text, or Éco-clic's
/// questionnaire given as the text of a MySQL dump (`ecoclic`): the
/// referential, valid, and the import report (what was skipped and why).
/// docs/importers.md gives the mappings.
pub fn import_referential(
    format: crate::import::ImportFormat,
    json: &str,
) -> Result<crate::import::Imported, Error> {
    if format == crate::import::ImportFormat::Ecoclic {
        ecoclic_size(json.len())?;
    } else {
        crate::input::limits::check_text(json, DocumentKind::ImportSource)
            .map_err(|i| invalid(DocumentKind::ImportSource, vec![i]))?;
    }
    let imported = crate::import::import(format, json)?;
    within(
        DocumentKind::ImportSource,
        &imported.referential,
        crate::input::limits::check_referential,
    )?;
    Ok(imported)
}

/// JSON form of [`import_referential`]: the format by name (`rgesn`,
/// `minumeco`, `wsg`, `ecoclic`); the result as JSON text
/// `{"referential": …, "report": …}`.
pub fn import_referential_json(format: &str, json: &str) -> Result<String, Error> {
    import_referential(import_format(format)?, json).map(|i| to_json(&i))
}

/// The `format` argument of an import, by name.
pub(crate) fn import_format(format: &str) -> Result<crate::import::ImportFormat, Error> {
    crate::import::ImportFormat::parse(format).ok_or_else(|| Error::InvalidArgument {
        name: "format".to_owned(),
        message: format!("format must be one of rgesn, minumeco, wsg, ecoclic, got {format:?}"),
    })
}

fn ecoclic_size(len: usize) -> Result<(), Error> {
    let max = crate::input::limits::MAX_ECOCLIC_SOURCE_BYTES;
    if len > max {
        return Err(invalid(
            DocumentKind::ImportSource,
            vec![Issue::error(
                IssueCode::TooLarge,
                "",
                format!("the Éco-clic database is {len} bytes: it may have at most {max} bytes"),
            )],
        ));
    }
    Ok(())
}

/// Imports Éco-clic's questionnaire from its database (a MySQL dump or CSV
/// exports, docs/importers.md gives the mappings): the referential, valid, whose
/// `eco_clic` figure is Éco-clic's, and the import report.
pub fn import_ecoclic(
    source: &crate::import::ecoclic::EcoClicSource,
) -> Result<crate::import::Imported, Error> {
    ecoclic_size(source.len())?;
    let imported = crate::import::ecoclic::import(source)?;
    within(
        DocumentKind::ImportSource,
        &imported.referential,
        crate::input::limits::check_referential,
    )?;
    Ok(imported)
}

/// Imports the answers of Éco-clic's database: one assessment per
/// collectivité, for `referential` (the questionnaire imported from the
/// same database when `None`), and what was not carried. See
/// docs/importers.md.
pub fn import_ecoclic_answers(
    source: &crate::import::ecoclic::EcoClicSource,
    referential: Option<&Referential>,
) -> Result<crate::import::ecoclic::ImportedAnswers, Error> {
    ecoclic_size(source.len())?;
    if let Some(r) = referential {
        check_referential(r)?;
    }
    crate::import::ecoclic::import_answers(source, referential)
}

/// An Éco-clic source from its JSON form: `{"sql": "…"}` or
/// `{"csv": {"<table>": "…", …}}`.
pub fn ecoclic_source_from_value(
    value: &Value,
) -> Result<crate::import::ecoclic::EcoClicSource, Error> {
    crate::input::parse::from_value(value, "")
        .map_err(|i| invalid(DocumentKind::ImportSource, vec![i]))
}

/// [`ecoclic_source_from_value`] of JSON text.
pub fn parse_ecoclic_source(json: &str) -> Result<crate::import::ecoclic::EcoClicSource, Error> {
    ecoclic_size(json.len())?;
    let value = crate::input::parse::parse_value(json)
        .map_err(|i| invalid(DocumentKind::ImportSource, vec![i]))?;
    ecoclic_source_from_value(&value)
}

/// JSON form of [`import_ecoclic`]: the source as JSON text (see
/// [`ecoclic_source_from_value`]); the result `{"referential": …, "report": …}`.
pub fn import_ecoclic_json(source_json: &str) -> Result<String, Error> {
    import_ecoclic(&parse_ecoclic_source(source_json)?).map(|i| to_json(&i))
}

/// JSON form of [`import_ecoclic_answers`]: the result
/// `{"assessments": [{"collectivite", "assessment"}, …], "report": …}`.
pub fn import_ecoclic_answers_json(
    source_json: &str,
    referential_json: Option<&str>,
) -> Result<String, Error> {
    let source = parse_ecoclic_source(source_json)?;
    let r = referential_json.map(parse_referential).transpose()?;
    import_ecoclic_answers(&source, r.as_ref()).map(|i| to_json(&i))
}
