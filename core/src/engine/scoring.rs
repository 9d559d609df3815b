//! The maturity computation.
//!
//! * A question is **counted** when it is in the assessment's levels,
//!   applies to the profile, its condition (if any) is satisfied, and it is
//!   not answered "not applicable".
//! * Its **credit** is `weight × points ÷ max points`; "don't know" and
//!   unanswered score 0 (unanswered makes the result incomplete).
//! * A **theme score** is `100 × Σ credit ÷ Σ weight` over its counted
//!   questions (none when nothing is counted).
//! * The **index** is the mean of the theme scores weighted by theme weight,
//!   over the themes that have a score; the **grade** is looked up in the
//!   referential's bands from the index rounded to 2 decimals.
//!
//! Worked example (docs/scoring.md has more): a theme of weight 1 with a
//! yes/no question of weight 2 answered yes (credit 2 × 1/1 = 2) and a
//! single-choice question of weight 1 answered with 1 point out of 3
//! (credit 1 × 1/3) scores 100 × (2 + 1/3) ÷ 3 = 77.78.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::assessment::{Answer, Assessment, ReferentialRef};
use crate::model::error::Issue;
use crate::model::profile::Profile;
use crate::model::referential::{
    Condition, CostBand, Outcome, Question, Rating, Referential, Response,
};
use crate::model::text::Text;

/// Rounds to 2 decimals, half away from zero: every published score.
///
/// The decimal value is what is rounded: 25.625 is stored in binary as
/// 25.62499999…, so a nudge far below any real difference between scores
/// (1e-9 of a hundredth) brings such ties back to the decimal rule.
pub fn round2(x: f64) -> f64 {
    let y = x * 100.0;
    (y + y.signum() * 1e-9).round() / 100.0
}

pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// What an answer is, as far as scoring is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Given {
    /// An answer that earns points (possibly 0).
    Answer,
    /// "Don't know": counted, 0 points.
    DontKnow,
    /// "Not applicable": not counted.
    NotApplicable,
    /// Not answered yet.
    Unanswered,
}

/// What scoring reads of an answer. [`Answer`] is the answer of the
/// documents; the batch fast path has its own compact answers (option
/// positions instead of ids), scored by the same formula.
pub(crate) trait Scored {
    /// Its kind, for scoring.
    fn given(&self) -> Given;
    /// Points on question `q`, whose most points are `max` (`None` for N/A
    /// and unanswered).
    fn points(&self, q: &Question, max: i64) -> Option<i64>;
    /// Whether it satisfies a condition on its question `q`.
    fn satisfies(&self, c: &Condition, q: &Question) -> bool;
}

impl Scored for Answer {
    fn given(&self) -> Given {
        match self {
            Answer::DontKnow { .. } => Given::DontKnow,
            Answer::NotApplicable { .. } => Given::NotApplicable,
            Answer::Unanswered { .. } => Given::Unanswered,
            _ => Given::Answer,
        }
    }
    fn points(&self, q: &Question, _max: i64) -> Option<i64> {
        answer_points(q, self)
    }
    fn satisfies(&self, c: &Condition, _: &Question) -> bool {
        condition_holds(c, Some(self))
    }
}

/// The per-question figures of a referential that scoring reads for every
/// assessment (most points, Éco-clic denominator, theme and condition
/// parent positions), computed in one pass. A batch computes them once
/// ([`crate::api::Summariser`] keeps them while it borrows the referential,
/// which therefore cannot change); a single scoring computes them per call.
pub(crate) struct Facts<'r> {
    pub(crate) r: &'r Referential,
    questions: Vec<QuestionFacts>,
    /// Every condition's parent comes before its question: the shown states
    /// can then be computed in one pass in referential order (no cycle).
    sequential: bool,
    /// Question positions by id, for a batch (`None`: the referential's own
    /// table, which checks itself against changes, is used).
    ids: Option<rustc_hash::FxHashMap<&'r str, usize>>,
}

/// One question's entry in [`Facts`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct QuestionFacts {
    /// `response.max_points()`.
    pub(crate) max: i64,
    /// `Question::eco_clic_all_points`.
    eco_all: i64,
    /// `Question::eco_clic_not_applicable_points`.
    eco_na: i64,
    /// `Question::eco_clic_dont_know_points`.
    eco_dk: i64,
    /// `Referential::theme_of`.
    pub(crate) theme: Option<usize>,
    /// `Referential::parent_of`.
    pub(crate) parent: Option<usize>,
    /// Whether the question can count: points to earn and a positive weight.
    countable: bool,
}

impl QuestionFacts {
    /// The figures of a question alone (no theme, no parent).
    fn of(q: &Question) -> QuestionFacts {
        let max = q.response.max_points();
        QuestionFacts {
            max,
            eco_all: q.eco_clic_all_points(),
            eco_na: q.eco_clic_not_applicable_points(),
            eco_dk: q.eco_clic_dont_know_points(),
            theme: None,
            parent: None,
            countable: max > 0 && q.weight.is_finite() && q.weight > 0.0,
        }
    }
}

impl<'r> Facts<'r> {
    pub(crate) fn of(r: &'r Referential) -> Facts<'r> {
        let questions: Vec<QuestionFacts> = r
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| QuestionFacts {
                theme: r.theme_of(i),
                parent: r.parent_of(i),
                ..QuestionFacts::of(q)
            })
            .collect();
        let sequential = questions
            .iter()
            .enumerate()
            .all(|(i, f)| f.parent.is_none_or(|p| p < i));
        Facts {
            r,
            questions,
            sequential,
            ids: None,
        }
    }

    /// [`Facts::of`] with its own id table, for many assessments.
    pub(crate) fn for_batch(r: &'r Referential) -> Facts<'r> {
        let mut ids = rustc_hash::FxHashMap::default();
        ids.reserve(r.questions.len());
        for (i, q) in r.questions.iter().enumerate() {
            ids.entry(q.id.as_str()).or_insert(i);
        }
        Facts {
            ids: Some(ids),
            ..Facts::of(r)
        }
    }

    /// `Referential::question_index`.
    pub(crate) fn question_index(&self, id: &str) -> Option<usize> {
        match &self.ids {
            Some(ids) => ids.get(id).copied(),
            None => self.r.question_index(id),
        }
    }

    /// The entry of the question at position `i` (zeros past the end: the
    /// table has one entry per question of `r`).
    pub(crate) fn at(&self, i: usize) -> QuestionFacts {
        self.questions.get(i).copied().unwrap_or_default()
    }
}

/// Whether a question is shown to the collectivité.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    Visible,
    AboveLevel,
    OutOfProfile,
    Hidden,
}

/// The shown state of every question of a referential for one assessment.
pub(crate) struct Visibility {
    states: Vec<Shown>,
}

impl Visibility {
    #[cfg(test)]
    pub(crate) fn compute_with(
        r: &Referential,
        level: u8,
        profile: &Profile,
        answers: &IndexMap<String, Answer>,
    ) -> Visibility {
        Visibility::compute_at(&Facts::of(r), level, profile, &by_id(r, answers))
    }

    /// The shown states with answers looked up by question position.
    pub(crate) fn compute_at<'a, A: Scored + 'a>(
        facts: &Facts<'_>,
        level: u8,
        profile: &Profile,
        answer_at: &impl Fn(usize) -> Option<&'a A>,
    ) -> Visibility {
        let r = facts.r;
        let n = r.questions.len();
        let mut states: Vec<Option<Shown>> = vec![None; n];
        let mut on_walk = vec![false; n];
        let mut chain = Vec::new();
        for start in 0..n {
            if states.get(start).copied().flatten().is_some() {
                continue;
            }
            // Walk up the chain of parents (iteratively: chains may be long)
            // until a resolved question or a root, then resolve top down. A
            // parent already on the walk means a cycle: its questions are hidden.
            chain.clear();
            chain.push(start);
            let mut cur = start;
            let mut cycle = false;
            if let Some(flag) = on_walk.get_mut(start) {
                *flag = true;
            }
            loop {
                if states.get(cur).copied().flatten().is_some() {
                    if let Some(done) = chain.pop() {
                        if let Some(flag) = on_walk.get_mut(done) {
                            *flag = false;
                        }
                    }
                    break;
                }
                let Some(p) = facts.at(cur).parent else { break };
                if on_walk.get(p).copied().unwrap_or(true) {
                    cycle = true;
                    break;
                }
                if let Some(flag) = on_walk.get_mut(p) {
                    *flag = true;
                }
                chain.push(p);
                cur = p;
            }
            for &qi in chain.iter().rev() {
                if let Some(flag) = on_walk.get_mut(qi) {
                    *flag = false;
                }
                let Some(q) = r.questions.get(qi) else {
                    continue;
                };
                let state = if q.level > level {
                    Shown::AboveLevel
                } else if !applies(q, profile) {
                    Shown::OutOfProfile
                } else if let Some(c) = &q.condition {
                    let parent = facts.at(qi).parent;
                    let parent_state = parent.and_then(|p| states.get(p).copied().flatten());
                    if cycle && parent_state.is_none() {
                        Shown::Hidden
                    } else if parent_state == Some(Shown::Visible)
                        && parent.is_some_and(|p| {
                            let (answer, parent_q) = (answer_at(p), r.questions.get(p));
                            answer
                                .zip(parent_q)
                                .is_some_and(|(a, pq)| a.satisfies(c, pq))
                        })
                    {
                        Shown::Visible
                    } else {
                        Shown::Hidden
                    }
                } else {
                    Shown::Visible
                };
                if let Some(slot) = states.get_mut(qi) {
                    *slot = Some(state);
                }
            }
        }
        Visibility {
            states: states
                .into_iter()
                .map(|s| s.unwrap_or(Shown::Hidden))
                .collect(),
        }
    }

    pub(crate) fn state(&self, i: usize) -> Shown {
        self.states.get(i).copied().unwrap_or(Shown::Hidden)
    }
}

/// Whether a question applies to a profile.
pub fn applies(q: &Question, profile: &Profile) -> bool {
    let Some(a) = &q.applies_to else { return true };
    (a.kinds.is_empty() || a.kinds.contains(&profile.kind))
        && a.min_population.is_none_or(|m| profile.population >= m)
        && a.max_population.is_none_or(|m| profile.population <= m)
}

fn condition_holds(c: &Condition, answer: Option<&Answer>) -> bool {
    match (c, answer) {
        (Condition::IsYes { .. }, Some(Answer::Yes { .. })) => true,
        (Condition::IsNo { .. }, Some(Answer::No { .. })) => true,
        (
            Condition::AnyOf { options, .. },
            Some(Answer::Choice {
                options: chosen, ..
            }),
        ) => chosen.iter().any(|o| options.contains(o)),
        (Condition::AtLeast { value, .. }, Some(Answer::Number { value: v, .. })) => v >= value,
        (Condition::LessThan { value, .. }, Some(Answer::Number { value: v, .. })) => v < value,
        _ => false,
    }
}

/// Points of a numeric value: the last band whose `from` ≤ value, else 0.
fn band_points(bands: &[crate::model::referential::Band], value: f64) -> i64 {
    bands
        .iter()
        .take_while(|b| b.from <= value)
        .last()
        .map_or(0, |b| b.points.max(0))
}

/// Points an answer earns on a question (`None` for N/A and unanswered;
/// 0 for "don't know" and for an answer that does not fit the question).
pub fn answer_points(q: &Question, answer: &Answer) -> Option<i64> {
    match (answer, &q.response) {
        (Answer::NotApplicable { .. } | Answer::Unanswered { .. }, _) => None,
        (Answer::DontKnow { .. }, _) => Some(0),
        (Answer::Yes { .. }, Response::YesNo { yes_points, .. }) => Some((*yes_points).max(0)),
        (Answer::No { .. }, Response::YesNo { no_points, .. }) => Some((*no_points).max(0)),
        (Answer::Choice { options, .. }, Response::SingleChoice { .. }) => Some(
            options
                .first()
                .and_then(|o| q.response.option(o))
                .map_or(0, |o| o.points.max(0)),
        ),
        (Answer::Choice { options, .. }, Response::MultipleChoice { .. }) => {
            let mut seen: Vec<&str> = Vec::new();
            let mut sum = 0i64;
            for o in options {
                if seen.contains(&o.as_str()) {
                    continue;
                }
                seen.push(o);
                if let Some(opt) = q.response.option(o) {
                    sum = sum.saturating_add(opt.points.max(0));
                }
            }
            Some(sum.min(q.response.max_points()))
        }
        (Answer::Number { value, .. }, Response::Numeric { bands, .. }) => {
            Some(if value.is_finite() {
                band_points(bands, *value)
            } else {
                0
            })
        }
        _ => Some(0),
    }
}

/// The answer a question gets once an action's outcome is applied, when
/// it earns more points than `current` (multiple choice keeps the options
/// already chosen); `None` when the outcome brings nothing.
pub fn apply_outcome(q: &Question, current: Option<&Answer>, outcome: &Outcome) -> Option<Answer> {
    let (comment, evidence) = (None, Vec::new());
    let candidate = match (outcome, &q.response) {
        (Outcome::Yes, Response::YesNo { .. }) => Answer::Yes { comment, evidence },
        (Outcome::No, Response::YesNo { .. }) => Answer::No { comment, evidence },
        (Outcome::Choice { options }, Response::MultipleChoice { .. }) => {
            let mut all: Vec<String> = match current {
                Some(Answer::Choice {
                    options: chosen, ..
                }) => chosen.clone(),
                _ => Vec::new(),
            };
            for o in options {
                if !all.contains(o) {
                    all.push(o.clone());
                }
            }
            Answer::Choice {
                options: all,
                comment,
                evidence,
            }
        }
        (Outcome::Choice { options }, Response::SingleChoice { .. }) => Answer::Choice {
            options: options.iter().take(1).cloned().collect(),
            comment,
            evidence,
        },
        (Outcome::Number { value }, Response::Numeric { .. }) => Answer::Number {
            value: *value,
            comment,
            evidence,
        },
        _ => return None,
    };
    // "Not applicable" is the collectivité's call: no action overrides it.
    if matches!(current, Some(Answer::NotApplicable { .. })) {
        return None;
    }
    let before = current.and_then(|a| answer_points(q, a)).unwrap_or(0);
    let after = answer_points(q, &candidate).unwrap_or(0);
    (after > before).then_some(candidate)
}

/// Whether [`apply_outcome`] raises the answer: the same points, without
/// building the new answer (a report asks this of every action's address,
/// and a multiple-choice answer would copy its options each time).
pub(crate) fn outcome_raises(q: &Question, current: Option<&Answer>, outcome: &Outcome) -> bool {
    let after = match (outcome, &q.response) {
        (Outcome::Yes, Response::YesNo { yes_points, .. }) => (*yes_points).max(0),
        (Outcome::No, Response::YesNo { no_points, .. }) => (*no_points).max(0),
        (Outcome::Choice { options }, Response::MultipleChoice { .. }) => {
            let chosen = match current {
                Some(Answer::Choice {
                    options: chosen, ..
                }) => chosen.as_slice(),
                _ => &[],
            };
            // The options already chosen, then the new ones, each counted once.
            let all = || chosen.iter().chain(options);
            let mut sum = 0i64;
            for (k, o) in all().enumerate() {
                if all().take(k).any(|p| p == o) {
                    continue;
                }
                if let Some(opt) = q.response.option(o) {
                    sum = sum.saturating_add(opt.points.max(0));
                }
            }
            sum.min(q.response.max_points())
        }
        (Outcome::Choice { options }, Response::SingleChoice { .. }) => options
            .first()
            .and_then(|o| q.response.option(o))
            .map_or(0, |o| o.points.max(0)),
        (Outcome::Number { value }, Response::Numeric { bands, .. }) => {
            if value.is_finite() {
                band_points(bands, *value)
            } else {
                0
            }
        }
        _ => return false,
    };
    if matches!(current, Some(Answer::NotApplicable { .. })) {
        return false;
    }
    let before = current.and_then(|a| answer_points(q, a)).unwrap_or(0);
    after > before
}

/// The answers once the given outcomes are applied: each raises its
/// question's answer when it earns more points (see [`apply_outcome`]).
/// Unknown questions are skipped.
pub fn apply_addresses<'a>(
    r: &Referential,
    answers: &IndexMap<String, Answer>,
    addresses: impl IntoIterator<Item = &'a crate::model::referential::Addressed>,
) -> IndexMap<String, Answer> {
    let mut out = answers.clone();
    for ad in addresses {
        let Some(q) = r.question(&ad.question) else {
            continue;
        };
        if let Some(new) = apply_outcome(q, out.get(&q.id), &ad.leads_to) {
            out.insert(q.id.clone(), new);
        }
    }
    out
}

/// What became of a question in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    /// Counted, answered with an answer that scores.
    Answered,
    /// Counted, answered "don't know" (0 points).
    DontKnow,
    /// Counted, not answered yet (0 points, result incomplete).
    Unanswered,
    /// Answered "not applicable": not counted.
    NotApplicable,
    /// Hidden by its condition: not counted.
    Hidden,
    /// Does not apply to the profile: not counted.
    OutOfProfile,
}

/// The result of one question (questions above the assessment's level are
/// left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionResult {
    /// Question id.
    pub id: String,
    /// Theme id.
    pub theme: String,
    /// Sub-theme id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_theme: Option<String>,
    /// Level of the question.
    pub level: u8,
    /// What became of it.
    pub status: QuestionStatus,
    /// Points earned (none when not counted or unanswered).
    pub points: Option<i64>,
    /// Most points the question can earn.
    pub max_points: i64,
    /// Weight in its theme.
    pub weight: f64,
    /// `weight × points ÷ max points` (4 decimals; 0 when not counted).
    pub credit: f64,
    /// Index points this question brings to the overall index (2 decimals).
    pub contribution: f64,
    /// Index points it leaves on the table: what a full score would add (2 decimals).
    pub missed: f64,
}

/// A sub-theme's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubThemeScore {
    /// Sub-theme id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Score 0–100 (2 decimals), none when nothing is counted.
    pub score: Option<f64>,
    /// Counted questions.
    pub counted: u32,
}

/// A theme's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeScore {
    /// Theme id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Weight in the index.
    pub weight: f64,
    /// Score 0–100 (2 decimals), none when nothing is counted.
    pub score: Option<f64>,
    /// Σ credit of counted questions (4 decimals).
    pub credit: f64,
    /// Σ weight of counted questions.
    pub max_credit: f64,
    /// Counted questions.
    pub counted: u32,
    /// Counted questions not answered yet.
    pub unanswered: u32,
    /// Whether every counted question is answered.
    pub complete: bool,
    /// Sub-theme scores.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_themes: Vec<SubThemeScore>,
}

/// Question counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Questions in the assessment's levels.
    pub in_level: u32,
    /// Of those, shown to this collectivité (applicable, condition met).
    pub shown: u32,
    /// Of those, counted in the index (not N/A).
    pub counted: u32,
    /// Shown questions answered (N/A and don't know included).
    pub answered: u32,
    /// Counted questions not answered.
    pub unanswered: u32,
    /// Counted questions answered "don't know".
    pub dont_know: u32,
    /// Shown questions answered "not applicable".
    pub not_applicable: u32,
    /// In-level questions hidden by their condition.
    pub hidden: u32,
    /// In-level questions that do not apply to the profile.
    pub out_of_profile: u32,
}

/// How far a practice is from being in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GapState {
    /// Some points, not all.
    Partial,
    /// No point.
    Absent,
    /// Answered "don't know".
    DontKnow,
    /// Not answered yet.
    Unanswered,
}

/// A practice not fully in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    /// Question id.
    pub question: String,
    /// Theme id.
    pub theme: String,
    /// The question.
    pub prompt: Text,
    /// Why the practice matters.
    pub rationale: Text,
    /// How far it is.
    pub state: GapState,
    /// Points earned (none when unanswered).
    pub points: Option<i64>,
    /// Most points.
    pub max_points: i64,
    /// Index points left on the table (2 decimals).
    pub missed: f64,
    /// Recommended actions that would raise this answer.
    pub actions: Vec<String>,
}

/// An action that would raise at least one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Action id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Effort.
    pub effort: Rating,
    /// Impact.
    pub impact: Rating,
    /// Cost band.
    pub cost: Option<CostBand>,
    /// REEN decree area.
    pub reen_area: Option<u8>,
    /// Themes of the questions it raises.
    pub themes: Vec<String>,
    /// Questions it raises.
    pub questions: Vec<String>,
    /// Exact index gain when done alone (2 decimals; 0 when it only raises
    /// questions hidden for now, negative when it reveals unanswered ones).
    pub gain: f64,
    /// Prerequisite actions (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
}

/// A recommended action: a candidate action (see
/// [`crate::api::candidates`]) with a positive gain.
pub type RecommendedAction = Candidate;

/// The figure the Éco-clic platform computes, for comparison.
///
/// `floor(100 × Σ points of the chosen answers ÷ Σ points of every answer
/// of every question of the level)`. The denominator is a constant of the
/// questionnaire: every question of the assessment's levels that applies
/// to the profile counts, conditional questions included whether or not
/// they are shown. "Not applicable" and "don't know" are answers like the
/// others, worth [`Question::eco_clic_not_applicable_points`] (default: the
/// question's max) and [`Question::eco_clic_dont_know_points`] (default 0), in the
/// denominator when the question allows them. Only shown questions earn
/// points; the figure exists only when every shown question is answered.
/// Letter: A ≥ 99, B ≥ 80, C ≥ 60, D ≥ 40, else E.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EcoClic {
    /// The index (integer), when complete.
    pub index: Option<i64>,
    /// A ≥ 99, B ≥ 80, C ≥ 60, D ≥ 40, else E; when complete.
    pub grade: Option<String>,
    /// Σ points of the chosen answers of the shown questions.
    pub points: i64,
    /// Σ points of every answer of every question of the level (shown or
    /// hidden by its condition) that applies to the profile.
    pub max_points: i64,
    /// Whether every shown question is answered.
    pub complete: bool,
}

/// Practices fully in place among the applicable ones: for a referential of
/// yes/no criteria with "not applicable" (an RGESN audit), the public
/// conformity rate, conform ÷ (total − not applicable).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conformity {
    /// Shown questions answered with their maximum points.
    pub in_place: u32,
    /// Shown questions with points to earn, not answered "not applicable"
    /// (unanswered and "don't know" included: they are not in place).
    pub applicable: u32,
    /// 100 × in_place ÷ applicable (2 decimals); none when nothing applies.
    pub rate: Option<f64>,
}

pub(crate) fn conformity(ev: &Evaluation) -> Conformity {
    let (mut in_place, mut applicable) = (0u32, 0u32);
    for line in &ev.lines {
        // A question asked for information only (no point to earn) is no
        // practice: neither in place nor missing.
        if line.shown != Shown::Visible
            || line.status == QuestionStatus::NotApplicable
            || line.max == 0
        {
            continue;
        }
        applicable += 1;
        if line.counted && line.points == Some(line.max) {
            in_place += 1;
        }
    }
    Conformity {
        in_place,
        applicable,
        rate: (applicable > 0).then(|| round2(100.0 * f64::from(in_place) / f64::from(applicable))),
    }
}

/// The grade of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// Grade (e.g. `B`).
    pub grade: String,
    /// Smallest index of its band.
    pub min: f64,
    /// Label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// The maturity report of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreReport {
    /// Referential used.
    pub referential: ReferentialRef,
    /// Who answered.
    pub profile: Profile,
    /// Date of the assessment.
    pub date: String,
    /// Level answered.
    pub level: u8,
    /// Maturity index 0–100 (2 decimals); none when nothing is counted.
    pub index: Option<f64>,
    /// Grade of the index.
    pub grade: Option<Grade>,
    /// Whether every shown question is answered.
    pub complete: bool,
    /// Share of shown questions answered, 0–100 (2 decimals).
    pub completeness: f64,
    /// Share of shown questions answered "don't know", 0–100 (2 decimals).
    pub dont_know_share: f64,
    /// Question counts.
    pub counts: Counts,
    /// Theme scores, in referential order.
    pub themes: Vec<ThemeScore>,
    /// Every in-level question, in referential order.
    pub questions: Vec<QuestionResult>,
    /// Practices not fully in place, most index points missed first.
    pub gaps: Vec<Gap>,
    /// Actions that raise the index, largest gain first.
    pub recommended_actions: Vec<RecommendedAction>,
    /// The Éco-clic-compatible figure.
    pub eco_clic: EcoClic,
    /// The share of applicable practices fully in place (the conformity
    /// rate of audit referentials such as the RGESN).
    pub conformity: Conformity,
    /// Warnings about the assessment (answers kept but ignored, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Issue>,
}

/// Per-question intermediate values.
pub(crate) struct Line {
    pub(crate) shown: Shown,
    pub(crate) status: QuestionStatus,
    pub(crate) points: Option<i64>,
    pub(crate) max: i64,
    pub(crate) credit: f64,
    pub(crate) counted: bool,
}

/// One question's line from its shown state and answer.
/// `f` are the question's figures (its theme and parent are not read).
pub(crate) fn line_for<A: Scored>(
    q: &Question,
    f: QuestionFacts,
    shown: Shown,
    answer: Option<&A>,
) -> Line {
    let max = f.max;
    let (status, points) = match shown {
        Shown::AboveLevel | Shown::Hidden => (QuestionStatus::Hidden, None),
        Shown::OutOfProfile => (QuestionStatus::OutOfProfile, None),
        Shown::Visible => match answer.map(|a| (a, a.given())) {
            None | Some((_, Given::Unanswered)) => (QuestionStatus::Unanswered, None),
            Some((_, Given::NotApplicable)) => (QuestionStatus::NotApplicable, None),
            Some((a, Given::DontKnow)) => (QuestionStatus::DontKnow, a.points(q, max)),
            Some((a, Given::Answer)) => (QuestionStatus::Answered, a.points(q, max)),
        },
    };
    let counted = matches!(
        status,
        QuestionStatus::Answered | QuestionStatus::DontKnow | QuestionStatus::Unanswered
    ) && f.countable;
    let ratio = match points {
        Some(p) if max > 0 => (p.min(max) as f64) / (max as f64),
        _ => 0.0,
    };
    let credit = if counted { q.weight * ratio } else { 0.0 };
    Line {
        shown,
        status,
        points,
        max,
        credit,
        counted,
    }
}

/// Lines of a set of questions closed under condition ancestry (every
/// parent of a member is a member), listed parents first, with answers
/// looked up by question index: the optimiser scores thousands of
/// variants of a few questions without copying the whole assessment.
pub(crate) fn subset_lines<'a>(
    r: &Referential,
    level: u8,
    profile: &Profile,
    parents_first: &[(usize, Option<usize>)],
    answer: impl Fn(usize) -> Option<&'a Answer>,
) -> Vec<(usize, Line)> {
    let mut out: Vec<(usize, Line)> = Vec::with_capacity(parents_first.len());
    let mut visible: BTreeMap<usize, bool> = BTreeMap::new();
    for &(qi, parent) in parents_first {
        let Some(q) = r.questions.get(qi) else {
            continue;
        };
        let shown = if q.level > level {
            Shown::AboveLevel
        } else if !applies(q, profile) {
            Shown::OutOfProfile
        } else if let Some(c) = &q.condition {
            let parent_visible = parent
                .and_then(|p| visible.get(&p))
                .copied()
                .unwrap_or(false);
            if parent_visible && condition_holds(c, parent.and_then(&answer)) {
                Shown::Visible
            } else {
                Shown::Hidden
            }
        } else {
            Shown::Visible
        };
        visible.insert(qi, shown == Shown::Visible);
        out.push((qi, line_for(q, QuestionFacts::of(q), shown, answer(qi))));
    }
    out
}

/// The core computation, shared by the report and the index-only path.
pub(crate) struct Evaluation {
    pub(crate) lines: Vec<Line>,
    /// Per theme: (Σ credit, Σ weight, counted, unanswered).
    pub(crate) themes: Vec<(f64, f64, u32, u32)>,
    /// Σ theme weight over themes that have a score.
    pub(crate) theme_weight_sum: f64,
    pub(crate) index: Option<f64>,
}

/// Answers looked up by question position, through the question's id.
pub(crate) fn by_id<'a>(
    r: &'a Referential,
    answers: &'a IndexMap<String, Answer>,
) -> impl Fn(usize) -> Option<&'a Answer> + 'a {
    move |i| r.questions.get(i).and_then(|q| answers.get(&q.id))
}

/// The answers by question position, looked up once (what [`by_id`]
/// finds, for a caller that reads them several times).
pub(crate) fn answers_at<'a>(
    r: &Referential,
    answers: &'a IndexMap<String, Answer>,
) -> Vec<Option<&'a Answer>> {
    r.questions.iter().map(|q| answers.get(&q.id)).collect()
}

pub(crate) fn evaluate(
    r: &Referential,
    level: u8,
    profile: &Profile,
    answers: &IndexMap<String, Answer>,
) -> Evaluation {
    evaluate_at(&Facts::of(r), level, profile, &by_id(r, answers))
}

/// [`evaluate`] with answers looked up by question position.
pub(crate) fn evaluate_at<'a, A: Scored + 'a>(
    facts: &Facts<'_>,
    level: u8,
    profile: &Profile,
    answer_at: &impl Fn(usize) -> Option<&'a A>,
) -> Evaluation {
    let r = facts.r;
    // Parents first: each shown state is computed from its parent's line
    // (the same rules as `Visibility`, without its walk and tables).
    let vis = (!facts.sequential).then(|| Visibility::compute_at(facts, level, profile, answer_at));
    let mut themes = vec![(0.0, 0.0, 0u32, 0u32); r.themes.len()];
    let mut lines: Vec<Line> = Vec::with_capacity(r.questions.len());
    for (i, q) in r.questions.iter().enumerate() {
        let f = facts.at(i);
        let shown = match &vis {
            Some(vis) => vis.state(i),
            None => {
                if q.level > level {
                    Shown::AboveLevel
                } else if !applies(q, profile) {
                    Shown::OutOfProfile
                } else if let Some(c) = &q.condition {
                    let visible = f.parent.is_some_and(|p| {
                        lines.get(p).is_some_and(|l| l.shown == Shown::Visible)
                            && answer_at(p)
                                .zip(r.questions.get(p))
                                .is_some_and(|(a, pq)| a.satisfies(c, pq))
                    });
                    if visible {
                        Shown::Visible
                    } else {
                        Shown::Hidden
                    }
                } else {
                    Shown::Visible
                }
            }
        };
        let line = line_for(q, f, shown, answer_at(i));
        let (status, counted, credit) = (line.status, line.counted, line.credit);
        if counted {
            if let Some(t) = f.theme.and_then(|ti| themes.get_mut(ti)) {
                t.0 += credit;
                t.1 += q.weight;
                t.2 += 1;
                if status == QuestionStatus::Unanswered {
                    t.3 += 1;
                }
            }
        }
        lines.push(line);
    }
    let mut weighted = 0.0;
    let mut weight_sum = 0.0;
    for (t, sums) in r.themes.iter().zip(&themes) {
        if sums.1 > 0.0 && t.weight.is_finite() && t.weight > 0.0 {
            weighted += t.weight * 100.0 * sums.0 / sums.1;
            weight_sum += t.weight;
        }
    }
    let index = (weight_sum > 0.0).then(|| weighted / weight_sum);
    Evaluation {
        lines,
        themes,
        theme_weight_sum: weight_sum,
        index,
    }
}

/// The maturity index alone (unrounded), without building a report. The
/// inputs are expected to be valid; invalid ones never panic.
pub fn index_of(
    r: &Referential,
    level: u8,
    profile: &Profile,
    answers: &IndexMap<String, Answer>,
) -> Option<f64> {
    evaluate(r, level, profile, answers).index
}

pub(crate) fn eco_clic(facts: &Facts<'_>, ev: &Evaluation) -> EcoClic {
    let (index, points, max_points, complete) = eco_clic_figures(facts, ev);
    let grade = index.map(|i| {
        match i {
            i if i >= 99 => "A",
            i if i >= 80 => "B",
            i if i >= 60 => "C",
            i if i >= 40 => "D",
            _ => "E",
        }
        .to_owned()
    });
    EcoClic {
        index,
        grade,
        points,
        max_points,
        complete,
    }
}

/// The Éco-clic index, Σ chosen points, Σ points and completeness (the
/// summary needs the index alone: no grade string). A shown question's
/// line has its answer's status and points: the answers are not read again.
fn eco_clic_figures(facts: &Facts<'_>, ev: &Evaluation) -> (Option<i64>, i64, i64, bool) {
    let mut points: i64 = 0;
    let mut max_points: i64 = 0;
    let mut complete = true;
    for (i, line) in ev.lines.iter().enumerate() {
        // Éco-clic's denominator is the questionnaire of the level, hidden
        // conditional questions included: only the level (and, here, the
        // profile) takes questions out.
        if matches!(line.shown, Shown::AboveLevel | Shown::OutOfProfile) {
            continue;
        }
        let f = facts.at(i);
        max_points = max_points.saturating_add(f.eco_all);
        if line.shown != Shown::Visible {
            continue;
        }
        let earned = match line.status {
            QuestionStatus::NotApplicable => f.eco_na,
            QuestionStatus::DontKnow => f.eco_dk,
            QuestionStatus::Answered => line.points.unwrap_or(0),
            _ => {
                complete = false;
                0
            }
        };
        points = points.saturating_add(earned);
    }
    let index = (complete && max_points > 0).then(|| {
        // Integer arithmetic: the floor must not depend on float rounding.
        let v = (i128::from(points) * 100) / i128::from(max_points);
        i64::try_from(v).unwrap_or(i64::MAX)
    });
    (index, points, max_points, complete)
}

/// Adds an in-level question's line to the counts.
pub(crate) fn count_line(counts: &mut Counts, line: &Line) {
    counts.in_level += 1;
    match line.shown {
        Shown::Hidden => counts.hidden += 1,
        Shown::OutOfProfile => counts.out_of_profile += 1,
        _ => counts.shown += 1,
    }
    match line.status {
        QuestionStatus::Answered => counts.answered += 1,
        QuestionStatus::DontKnow => {
            counts.answered += 1;
            counts.dont_know += 1;
        }
        QuestionStatus::NotApplicable => {
            counts.answered += 1;
            counts.not_applicable += 1;
        }
        QuestionStatus::Unanswered => counts.unanswered += 1,
        _ => {}
    }
    if line.counted {
        counts.counted += 1;
    }
}

/// Completeness and "don't know" share (0–100, 2 decimals) from the counts.
pub(crate) fn shares(counts: &Counts) -> (f64, f64) {
    let pct = |n: u32, d: u32| {
        if d == 0 {
            100.0
        } else {
            round2(100.0 * f64::from(n) / f64::from(d))
        }
    };
    let dont_know = if counts.shown == 0 {
        0.0
    } else {
        pct(counts.dont_know, counts.shown)
    };
    (pct(counts.answered, counts.shown), dont_know)
}

/// The headline figures of a score report, without the per-question
/// details, gaps and recommended actions: what batch scoring needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreSummary {
    /// Referential used.
    pub referential: ReferentialRef,
    /// Who answered.
    pub profile: Profile,
    /// Date of the assessment.
    pub date: String,
    /// Level answered.
    pub level: u8,
    /// Maturity index 0–100 (2 decimals); none when nothing is counted.
    pub index: Option<f64>,
    /// Grade of the index.
    pub grade: Option<String>,
    /// Whether every shown question is answered.
    pub complete: bool,
    /// Share of shown questions answered, 0–100 (2 decimals).
    pub completeness: f64,
    /// Share of shown questions answered "don't know", 0–100 (2 decimals).
    pub dont_know_share: f64,
    /// Theme scores, in referential order.
    pub themes: Vec<ThemeSummary>,
    /// The Éco-clic-compatible index, when complete.
    pub eco_clic: Option<i64>,
    /// The conformity rate (practices fully in place among the applicable ones).
    pub conformity: Option<f64>,
}

/// A theme's score in a [`ScoreSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeSummary {
    /// Theme id.
    pub id: String,
    /// Score 0–100 (2 decimals); none when no question counts.
    pub score: Option<f64>,
}

/// The [`ScoreSummary`] of an assessment: the same figures as
/// [`crate::engine::report::score`], computed without the report's details.
pub fn summary(r: &Referential, a: &Assessment) -> ScoreSummary {
    summary_at(r, a, &by_id(r, &a.answers))
}

/// [`summary`] with the answers looked up by question position (the
/// assessment's own answers are not read).
pub(crate) fn summary_at<'a, A: Scored + 'a>(
    r: &Referential,
    a: &Assessment,
    answer_at: &impl Fn(usize) -> Option<&'a A>,
) -> ScoreSummary {
    summary_of(
        &Facts::of(r),
        a.referential.clone(),
        a.profile.clone(),
        a.date.clone(),
        a.level,
        answer_at,
    )
}

/// [`summary_at`] of a header the caller owns (moved into the summary, not
/// copied: the batch fast path reads one per assessment).
pub(crate) fn summary_of<'a, A: Scored + 'a>(
    facts: &Facts<'_>,
    referential: ReferentialRef,
    profile: Profile,
    date: String,
    level: u8,
    answer_at: &impl Fn(usize) -> Option<&'a A>,
) -> ScoreSummary {
    let r = facts.r;
    let ev = evaluate_at(facts, level, &profile, answer_at);
    let index = ev.index.map(round2);
    let mut counts = Counts::default();
    for line in &ev.lines {
        if line.shown != Shown::AboveLevel {
            count_line(&mut counts, line);
        }
    }
    let (completeness, dont_know_share) = shares(&counts);
    ScoreSummary {
        referential,
        profile,
        date,
        level,
        index,
        grade: index.and_then(|i| r.grade_for(i)).map(|g| g.grade.clone()),
        complete: counts.unanswered == 0,
        completeness,
        dont_know_share,
        themes: r
            .themes
            .iter()
            .zip(&ev.themes)
            .map(|(t, sums)| ThemeSummary {
                id: t.id.clone(),
                score: (sums.1 > 0.0).then(|| round2(100.0 * sums.0 / sums.1)),
            })
            .collect(),
        eco_clic: eco_clic_figures(facts, &ev).0,
        conformity: conformity(&ev).rate,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::referential::{Band, Theme};
    use crate::model::text::Text;

    fn yes_no(id: &str, parent: Option<&str>) -> Question {
        Question {
            id: id.into(),
            theme: "t".into(),
            sub_theme: None,
            level: 1,
            prompt: Text::new("p", "p"),
            help: None,
            rationale: Text::new("r", "r"),
            weight: 1.0,
            response: Response::YesNo {
                yes_points: 1,
                no_points: 0,
            },
            allow_dont_know: true,
            allow_not_applicable: false,
            require_justification: false,
            condition: parent.map(|p| Condition::IsYes { question: p.into() }),
            applies_to: None,
            references: Default::default(),
            eco_clic_not_applicable: None,
            eco_clic_dont_know: None,
        }
    }

    fn referential(questions: Vec<Question>) -> Referential {
        Referential {
            lookup: Default::default(),
            id: "r".into(),
            version: "1.0.0".into(),
            title: Text::new("t", "t"),
            description: None,
            publisher: None,
            license: None,
            themes: vec![Theme {
                id: "t".into(),
                title: Text::new("t", "t"),
                description: None,
                weight: 1.0,
                sub_themes: vec![],
            }],
            questions,
            actions: vec![],
            grades: vec![],
            changes: vec![],
        }
    }

    fn profile() -> Profile {
        Profile {
            name: "c".into(),
            kind: crate::ProfileKind::Commune,
            population: 10,
            siren: None,
            establishment: None,
            insee: None,
            departement: None,
            region: None,
        }
    }

    fn yes() -> Answer {
        Answer::Yes {
            comment: None,
            evidence: vec![],
        }
    }

    #[test]
    fn a_long_chain_of_conditions_is_resolved_without_recursion() {
        let n = 20_000;
        let mut qs = vec![yes_no("q0", None)];
        for i in 1..n {
            qs.push(yes_no(&format!("q{i}"), Some(&format!("q{}", i - 1))));
        }
        let r = referential(qs);
        let answers: IndexMap<String, Answer> = (0..n).map(|i| (format!("q{i}"), yes())).collect();
        assert_eq!(index_of(&r, 1, &profile(), &answers), Some(100.0));
        // Break the chain in the middle: everything below is hidden, not counted.
        let mut answers = answers;
        answers.insert(
            "q10000".into(),
            Answer::No {
                comment: None,
                evidence: vec![],
            },
        );
        let index = index_of(&r, 1, &profile(), &answers).unwrap();
        assert!(
            (index - 100.0 * 10_000.0 / 10_001.0).abs() < 1e-9,
            "{index}"
        );
    }

    #[test]
    fn a_cycle_hides_its_questions_without_hanging() {
        let r = referential(vec![
            yes_no("a", Some("b")),
            yes_no("b", Some("a")),
            yes_no("c", None),
        ]);
        let answers: IndexMap<String, Answer> = ["a", "b", "c"]
            .iter()
            .map(|id| (id.to_string(), yes()))
            .collect();
        // Only c is shown.
        assert_eq!(index_of(&r, 1, &profile(), &answers), Some(100.0));
        let vis = Visibility::compute_with(&r, 1, &profile(), &answers);
        assert_eq!(
            (vis.state(0), vis.state(1), vis.state(2)),
            (Shown::Hidden, Shown::Hidden, Shown::Visible)
        );
    }

    #[test]
    fn shared_parents_are_not_mistaken_for_cycles() {
        // b and c both depend on a; d on c. Resolved in an order that
        // meets already-resolved parents.
        let r = referential(vec![
            yes_no("d", Some("c")),
            yes_no("c", Some("a")),
            yes_no("b", Some("a")),
            yes_no("a", None),
        ]);
        let answers: IndexMap<String, Answer> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| (id.to_string(), yes()))
            .collect();
        let vis = Visibility::compute_with(&r, 1, &profile(), &answers);
        assert!((0..4).all(|i| vis.state(i) == Shown::Visible));
    }

    #[test]
    fn the_one_pass_shown_states_are_those_of_the_walk() {
        // Parents first (the one pass of `evaluate_at`), and the same
        // questions in reverse (the walk of `Visibility`): same states.
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut qs: Vec<Question> = Vec::new();
        for i in 0..60u64 {
            let parent = (i > 0 && next(3) > 0).then(|| format!("q{}", next(i)));
            let mut q = yes_no(&format!("q{i}"), parent.as_deref());
            q.level = 1 + u8::from(next(4) == 0);
            if next(10) == 0 {
                q.condition = Some(Condition::IsNo {
                    question: "nowhere".into(),
                });
            }
            qs.push(q);
        }
        let forward = referential(qs.clone());
        qs.reverse();
        let backward = referential(qs);
        assert!(Facts::of(&forward).sequential && !Facts::of(&backward).sequential);
        for _ in 0..50 {
            let answers: IndexMap<String, Answer> = (0..60)
                .filter_map(|i| {
                    let a = match next(3) {
                        0 => return None,
                        1 => yes(),
                        _ => Answer::No {
                            comment: None,
                            evidence: vec![],
                        },
                    };
                    Some((format!("q{i}"), a))
                })
                .collect();
            for level in [1, 2] {
                let ev = evaluate(&forward, level, &profile(), &answers);
                let vis = Visibility::compute_with(&backward, level, &profile(), &answers);
                for (i, line) in ev.lines.iter().enumerate() {
                    assert_eq!(line.shown, vis.state(59 - i), "q{i} at level {level}");
                }
            }
        }
    }

    #[test]
    fn band_lookup() {
        let bands = vec![
            Band {
                from: 10.0,
                points: 1,
            },
            Band {
                from: 50.0,
                points: 3,
            },
        ];
        assert_eq!(band_points(&bands, 9.99), 0);
        assert_eq!(band_points(&bands, 10.0), 1);
        assert_eq!(band_points(&bands, 49.0), 1);
        assert_eq!(band_points(&bands, 50.0), 3);
        assert_eq!(band_points(&bands, 1e300), 3);
    }

    #[test]
    fn outcome_raises_is_apply_outcome_without_the_answer() {
        let r = crate::api::default_referential().unwrap();
        let (c, e) = (None, Vec::new);
        let mut outcomes: Vec<Outcome> = r
            .actions
            .iter()
            .flat_map(|x| x.addresses.iter().map(|ad| ad.leads_to.clone()))
            .collect();
        outcomes.extend([
            Outcome::Yes,
            Outcome::No,
            Outcome::Number { value: f64::NAN },
        ]);
        for q in &r.questions {
            let mut currents = vec![
                Answer::Yes {
                    comment: c.clone(),
                    evidence: e(),
                },
                Answer::No {
                    comment: c.clone(),
                    evidence: e(),
                },
                Answer::DontKnow {
                    comment: c.clone(),
                    evidence: e(),
                },
                Answer::NotApplicable {
                    justification: None,
                    comment: c.clone(),
                    evidence: e(),
                },
                Answer::unanswered(),
                Answer::Number {
                    value: 1e9,
                    comment: c.clone(),
                    evidence: e(),
                },
            ];
            if let Response::SingleChoice { options } | Response::MultipleChoice { options, .. } =
                &q.response
            {
                let ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
                for k in 0..ids.len() {
                    currents.push(Answer::Choice {
                        options: ids[..k].to_vec(),
                        comment: c.clone(),
                        evidence: e(),
                    });
                    currents.push(Answer::Choice {
                        options: vec![ids[k].clone(), ids[k].clone()],
                        comment: c.clone(),
                        evidence: e(),
                    });
                }
                outcomes.push(Outcome::Choice {
                    options: ids.iter().rev().cloned().collect(),
                });
            }
            for o in &outcomes {
                assert_eq!(
                    outcome_raises(q, None, o),
                    apply_outcome(q, None, o).is_some()
                );
                for a in &currents {
                    assert_eq!(
                        outcome_raises(q, Some(a), o),
                        apply_outcome(q, Some(a), o).is_some(),
                        "{} {a:?} {o:?}",
                        q.id
                    );
                }
            }
        }
    }

    #[test]
    fn outcomes_only_apply_when_they_improve() {
        let mut q = yes_no("q", None);
        assert!(apply_outcome(&q, None, &Outcome::Yes).is_some());
        assert!(apply_outcome(&q, Some(&yes()), &Outcome::Yes).is_none());
        assert!(apply_outcome(&q, None, &Outcome::No).is_none());
        q.response = Response::MultipleChoice {
            options: ["a", "b", "c"]
                .iter()
                .map(|id| crate::model::referential::AnswerOption {
                    id: id.to_string(),
                    label: Text::new("l", "l"),
                    points: 1,
                })
                .collect(),
            cap: None,
        };
        let current = Answer::Choice {
            options: vec!["a".into()],
            comment: None,
            evidence: vec![],
        };
        let improved = apply_outcome(
            &q,
            Some(&current),
            &Outcome::Choice {
                options: vec!["b".into()],
            },
        )
        .unwrap();
        // The options already in place are kept.
        assert_eq!(answer_points(&q, &improved), Some(2));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round2(62.125), 62.13);
        assert_eq!(round2(200.0 / 3.0), 66.67);
        assert_eq!(round2(0.0), 0.0);
        // 25.625 is 25.624999… in binary: the decimal tie still rounds up.
        assert_eq!(round2(100.0 * 4.1 / 16.0), 25.63);
        assert_eq!(round2(-0.125), -0.13);
    }
}
