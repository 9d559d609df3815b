//! Follow-up over time: the history of a collectivité's assessments, the
//! differences between two of them, the draft of the next cycle from an
//! action plan, and achieved versus planned progress.
//!
//! Every assessment is validated and scored with [`crate::api::score`] (through the check layer);
//! every figure is the published one (rounded to 2 decimals) and every
//! difference is `after − before` of published figures, rounded again with
//! [`round2`]. A difference is `None` when either side has no value (a theme
//! with nothing counted, an index with no theme scored).

use chrono::NaiveDate;
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::check;
use crate::engine::scoring::{self, round2, QuestionResult, ScoreReport};
use crate::model::assessment::{parse_date, Answer, Assessment};
use crate::model::error::Error;
use crate::model::plan::{ActionStatus, Plan, PlannedAction};
use crate::model::referential::{Addressed, Referential};
use crate::model::text::Text;

/// The score of one theme in one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeValue {
    /// Theme id.
    pub id: String,
    /// Theme score 0–100 (2 decimals); none when nothing is counted.
    pub score: Option<f64>,
}

/// One assessment of a history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// Date of the assessment (YYYY-MM-DD).
    pub date: String,
    /// Level answered.
    pub level: u8,
    /// Maturity index (2 decimals); none when nothing is counted.
    pub index: Option<f64>,
    /// Grade of the index (none when the referential has no grades).
    pub grade: Option<String>,
    /// Whether every shown question was answered.
    pub complete: bool,
    /// Theme scores, in referential order.
    pub themes: Vec<ThemeValue>,
}

/// How a theme score changed between two assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeDelta {
    /// Theme id.
    pub id: String,
    /// Score before (2 decimals).
    pub before: Option<f64>,
    /// Score after (2 decimals).
    pub after: Option<f64>,
    /// `after − before` (2 decimals); none when either side is none.
    pub delta: Option<f64>,
}

/// How the index and the theme scores changed between two assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryDelta {
    /// Date of the earlier assessment.
    pub from: String,
    /// Date of the later assessment.
    pub to: String,
    /// Index after − index before (2 decimals); none when either is none.
    pub index_delta: Option<f64>,
    /// Theme changes, in referential order.
    pub themes: Vec<ThemeDelta>,
}

/// A theme score at one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesPoint {
    /// Date of the assessment (YYYY-MM-DD).
    pub date: String,
    /// Theme score (2 decimals); none when nothing is counted.
    pub score: Option<f64>,
}

/// The scores of one theme over time, ready to plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeSeries {
    /// Theme id.
    pub id: String,
    /// Theme title.
    pub title: Text,
    /// One point per assessment, in date order.
    pub points: Vec<SeriesPoint>,
}

/// The history of a collectivité's assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// One entry per assessment, by date (assessments of the same date keep
    /// the order they were given in).
    pub entries: Vec<HistoryEntry>,
    /// Changes between consecutive entries.
    pub deltas: Vec<HistoryDelta>,
    /// Change from the first entry to the last; none with fewer than 2 entries.
    pub overall: Option<HistoryDelta>,
    /// Per theme (referential order), its score at every entry.
    pub themes: Vec<ThemeSeries>,
}

/// A question whose answer or status changed between two assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionChange {
    /// Question id.
    pub id: String,
    /// Theme id.
    pub theme: String,
    /// Answer before, summarised (`yes`, `no`, `choice: a, b`, `number: 35`,
    /// `dont_know`, `not_applicable`, `unanswered`); none when absent.
    pub before: Option<String>,
    /// Answer after, summarised as `before`.
    pub after: Option<String>,
    /// Points before (none when not counted or unanswered).
    pub points_before: Option<i64>,
    /// Points after (none when not counted or unanswered).
    pub points_after: Option<i64>,
    /// Contribution to the index after − before (2 decimals, from the
    /// reports' published contributions; 0 for a question outside the level).
    pub contribution_delta: f64,
}

/// The differences between two assessments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentDiff {
    /// Date of the earlier assessment.
    pub before_date: String,
    /// Date of the later assessment.
    pub after_date: String,
    /// Index before (2 decimals).
    pub index_before: Option<f64>,
    /// Index after (2 decimals).
    pub index_after: Option<f64>,
    /// Index after − index before (2 decimals); none when either is none.
    pub index_delta: Option<f64>,
    /// Theme changes, in referential order.
    pub themes: Vec<ThemeDelta>,
    /// Questions whose answer (ignoring comments, evidence and
    /// justifications) or status changed, in referential order.
    pub questions: Vec<QuestionChange>,
}

/// Achieved and planned index at one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressPoint {
    /// Date (YYYY-MM-DD).
    pub date: String,
    /// Index of the latest assessment dated on or before `date` (2
    /// decimals); none before the first assessment.
    pub achieved: Option<f64>,
    /// Index of the baseline assessment with every non-abandoned plan action
    /// due on or before `date` done (2 decimals).
    pub planned: Option<f64>,
}

/// `after − before`, rounded; none when either is none.
fn difference(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    Some(round2(after? - before?))
}

fn theme_delta(id: &str, before: Option<f64>, after: Option<f64>) -> ThemeDelta {
    ThemeDelta {
        id: id.to_owned(),
        before,
        after,
        delta: difference(before, after),
    }
}

fn report_theme_score(report: &ScoreReport, id: &str) -> Option<f64> {
    report
        .themes
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.score)
}

fn entry_theme_score(entry: &HistoryEntry, id: &str) -> Option<f64> {
    entry
        .themes
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.score)
}

fn entry_of(report: &ScoreReport) -> HistoryEntry {
    HistoryEntry {
        date: report.date.clone(),
        level: report.level,
        index: report.index,
        grade: report.grade.as_ref().map(|g| g.grade.clone()),
        complete: report.complete,
        themes: report
            .themes
            .iter()
            .map(|t| ThemeValue {
                id: t.id.clone(),
                score: t.score,
            })
            .collect(),
    }
}

fn delta_between(r: &Referential, from: &HistoryEntry, to: &HistoryEntry) -> HistoryDelta {
    HistoryDelta {
        from: from.date.clone(),
        to: to.date.clone(),
        index_delta: difference(from.index, to.index),
        themes: r
            .themes
            .iter()
            .map(|t| {
                theme_delta(
                    &t.id,
                    entry_theme_score(from, &t.id),
                    entry_theme_score(to, &t.id),
                )
            })
            .collect(),
    }
}

/// The history of assessments: each is validated and scored (the first
/// invalid one fails the whole history with its error), the entries are
/// ordered by date (stable for equal dates), with the changes between
/// consecutive entries, from the first to the last, and each theme's series.
///
/// The assessments are expected to be those of one collectivité; this is
/// not checked (its name or population may change between cycles).
pub fn history(r: &Referential, assessments: &[Assessment]) -> Result<History, Error> {
    let mut reports = Vec::with_capacity(assessments.len());
    for a in assessments {
        reports.push(check::score(r, a)?);
    }
    // Stable: equal dates keep the given order. Valid dates always parse.
    reports.sort_by_key(|rep| parse_date(&rep.date));
    let entries: Vec<HistoryEntry> = reports.iter().map(entry_of).collect();
    let deltas = entries
        .windows(2)
        .filter_map(|w| match w {
            [from, to] => Some(delta_between(r, from, to)),
            _ => None,
        })
        .collect();
    let overall = match (entries.first(), entries.last()) {
        (Some(first), Some(last)) if entries.len() >= 2 => Some(delta_between(r, first, last)),
        _ => None,
    };
    let themes = r
        .themes
        .iter()
        .map(|t| ThemeSeries {
            id: t.id.clone(),
            title: t.title.clone(),
            points: entries
                .iter()
                .map(|e| SeriesPoint {
                    date: e.date.clone(),
                    score: entry_theme_score(e, &t.id),
                })
                .collect(),
        })
        .collect();
    Ok(History {
        entries,
        deltas,
        overall,
        themes,
    })
}

/// The answer summarised without its comment, evidence or justification;
/// none when there is no answer.
fn answer_summary(answer: Option<&Answer>) -> Option<String> {
    Some(match answer? {
        Answer::Yes { .. } => "yes".to_owned(),
        Answer::No { .. } => "no".to_owned(),
        Answer::Choice { options, .. } => format!("choice: {}", options.join(", ")),
        Answer::Number { value, .. } => format!("number: {value}"),
        Answer::DontKnow { .. } => "dont_know".to_owned(),
        Answer::NotApplicable { .. } => "not_applicable".to_owned(),
        Answer::Unanswered { .. } => "unanswered".to_owned(),
    })
}

fn is_unanswered(answer: Option<&Answer>) -> bool {
    answer.is_none_or(|a| matches!(a, Answer::Unanswered { .. }))
}

fn question_result<'a>(report: &'a ScoreReport, id: &str) -> Option<&'a QuestionResult> {
    report.questions.iter().find(|q| q.id == id)
}

/// The differences between two assessments of the referential: index and
/// theme changes, and every question whose answer changed (comments,
/// evidence and justifications aside; an absent answer and an `unanswered`
/// one are the same) or whose status in the report changed, in referential
/// order. Both are validated and scored first.
pub fn diff(
    r: &Referential,
    before: &Assessment,
    after: &Assessment,
) -> Result<AssessmentDiff, Error> {
    let rb = check::score(r, before)?;
    let ra = check::score(r, after)?;
    let themes = r
        .themes
        .iter()
        .map(|t| {
            theme_delta(
                &t.id,
                report_theme_score(&rb, &t.id),
                report_theme_score(&ra, &t.id),
            )
        })
        .collect();
    let mut questions = Vec::new();
    for q in &r.questions {
        let (ab, aa) = (before.answers.get(&q.id), after.answers.get(&q.id));
        let (sb, sa) = (answer_summary(ab), answer_summary(aa));
        let answer_changed = !(is_unanswered(ab) && is_unanswered(aa)) && sb != sa;
        let (qb, qa) = (question_result(&rb, &q.id), question_result(&ra, &q.id));
        let status_changed = qb.map(|x| x.status) != qa.map(|x| x.status);
        if !answer_changed && !status_changed {
            continue;
        }
        let contribution = |x: Option<&QuestionResult>| x.map_or(0.0, |x| x.contribution);
        questions.push(QuestionChange {
            id: q.id.clone(),
            theme: q.theme.clone(),
            before: sb,
            after: sa,
            points_before: qb.and_then(|x| x.points),
            points_after: qa.and_then(|x| x.points),
            contribution_delta: round2(contribution(qa) - contribution(qb)),
        });
    }
    Ok(AssessmentDiff {
        before_date: before.date.clone(),
        after_date: after.date.clone(),
        index_before: rb.index,
        index_after: ra.index,
        index_delta: difference(rb.index, ra.index),
        themes,
        questions,
    })
}

/// The questions a plan action improves: its own `addresses` when given,
/// else those of the referential action it names (none when it names none
/// or an unknown one).
fn effective_addresses<'a>(r: &'a Referential, pa: &'a PlannedAction) -> &'a [Addressed] {
    if !pa.addresses.is_empty() {
        return &pa.addresses;
    }
    pa.action
        .as_deref()
        .and_then(|id| r.action(id))
        .map_or(&[], |a| a.addresses.as_slice())
}

fn not_a_date(s: &str) -> String {
    format!("{s:?} is not an ISO 8601 calendar date (YYYY-MM-DD)")
}

/// Checks what this module relies on in a plan: its referential, its
/// creation date, its due dates and the referential actions it names.
fn check_plan(r: &Referential, plan: &Plan) -> Result<(), Error> {
    let mut problems = Vec::new();
    if plan.referential.id != r.id {
        problems.push(format!(
            "the plan is for referential {:?}, not {:?}",
            plan.referential.id, r.id
        ));
    }
    if parse_date(&plan.created).is_none() {
        problems.push(format!("created: {}", not_a_date(&plan.created)));
    }
    for pa in &plan.actions {
        if let Some(due) = &pa.due {
            if parse_date(due).is_none() {
                problems.push(format!("action {:?}: due date {}", pa.id, not_a_date(due)));
            }
        }
        if let Some(id) = &pa.action {
            if r.action(id).is_none() {
                problems.push(format!(
                    "action {:?}: the referential has no action {id:?}",
                    pa.id
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name: "plan".to_owned(),
            message: problems.join("; "),
        })
    }
}

/// The draft of the next assessment cycle: a copy of `previous` dated
/// `date`, with the answers raised by every plan action marked done (in plan
/// order, each applying its effective addresses, see
/// [`scoring::apply_addresses`]).
///
/// Each raised question is recorded in `from_plan` (question → the first
/// plan action that raised it; entries already there are kept) and its
/// answer carries the comment « Réponse issue du plan d’action (action …), à
/// confirmer. » (the previous comment and evidence, about the previous
/// answer, are dropped). Other answers are kept as they are.
///
/// Fails when `date` is not `YYYY-MM-DD` (`InvalidArgument` `date`), when
/// `previous` is invalid, or when the plan is for another referential, has
/// malformed dates or names unknown referential actions (`InvalidArgument`
/// `plan`).
pub fn next_assessment(
    r: &Referential,
    previous: &Assessment,
    plan: &Plan,
    date: &str,
) -> Result<Assessment, Error> {
    if parse_date(date).is_none() {
        return Err(Error::InvalidArgument {
            name: "date".to_owned(),
            message: format!("date {}", not_a_date(date)),
        });
    }
    check::score(r, previous)?;
    check_plan(r, plan)?;
    let mut next = previous.clone();
    next.date = date.to_owned();
    for pa in plan
        .actions
        .iter()
        .filter(|pa| pa.status == ActionStatus::Done)
    {
        let mut answers = scoring::apply_addresses(r, &next.answers, effective_addresses(r, pa));
        for (qid, answer) in answers.iter_mut() {
            if next.answers.get(qid) == Some(&*answer) {
                continue;
            }
            let origin = next
                .from_plan
                .entry(qid.clone())
                .or_insert_with(|| pa.id.clone());
            answer.set_comment(Some(format!(
                "Réponse issue du plan d’action (action {origin}), à confirmer."
            )));
        }
        next.answers = answers;
    }
    Ok(next)
}

fn date_string(d: NaiveDate) -> String {
    crate::model::assessment::date_string(d)
}

/// Achieved versus planned progress, at every assessment date and every
/// due date of a non-abandoned plan action (sorted, each date once).
///
/// `achieved` is the index of the latest assessment dated on or before the
/// date (of equal dates, the last given). `planned` is the index of the
/// baseline — the latest assessment dated on or before the plan's creation,
/// else the earliest — once every non-abandoned action due on or before the
/// date is applied (in plan order; actions without a due date never are).
/// Every assessment is validated and scored; the plan is checked as in
/// [`next_assessment`].
pub fn progress_series(
    r: &Referential,
    assessments: &[Assessment],
    plan: &Plan,
) -> Result<Vec<ProgressPoint>, Error> {
    let mut scored: Vec<(NaiveDate, &Assessment, Option<f64>)> = Vec::new();
    for a in assessments {
        let report = check::score(r, a)?;
        // A valid assessment has a valid date.
        if let Some(d) = a.parsed_date() {
            scored.push((d, a, report.index));
        }
    }
    check_plan(r, plan)?;
    // Stable: equal dates keep the given order.
    scored.sort_by_key(|s| s.0);
    let baseline = match parse_date(&plan.created) {
        Some(created) => scored
            .iter()
            .rev()
            .find(|s| s.0 <= created)
            .or(scored.first()),
        None => scored.first(),
    };
    let actions: Vec<(NaiveDate, &[Addressed])> = plan
        .actions
        .iter()
        .filter(|pa| pa.status != ActionStatus::Abandoned)
        .filter_map(|pa| {
            let due = parse_date(pa.due.as_deref()?)?;
            Some((due, effective_addresses(r, pa)))
        })
        .collect();
    let mut dates: Vec<NaiveDate> = scored
        .iter()
        .map(|s| s.0)
        .chain(actions.iter().map(|a| a.0))
        .collect();
    dates.sort();
    dates.dedup();
    Ok(dates
        .into_iter()
        .map(|d| {
            let achieved = scored.iter().rev().find(|s| s.0 <= d).and_then(|s| s.2);
            let planned = baseline.and_then(|(_, b, _)| {
                let mut answers: IndexMap<String, Answer> = b.answers.clone();
                for (due, addresses) in &actions {
                    if *due <= d {
                        answers = scoring::apply_addresses(r, &answers, addresses.iter());
                    }
                }
                scoring::index_of(r, b.level, &b.profile, &answers).map(round2)
            });
            ProgressPoint {
                date: date_string(d),
                achieved,
                planned,
            }
        })
        .collect())
}
