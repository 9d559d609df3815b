//! The score report: the evaluation of [`crate::engine::scoring`] laid out per question
//! and per theme, with the gaps and the recommended actions. It needs both
//! the evaluation and the candidate actions ([`crate::engine::candidates`]), which itself
//! builds on the evaluation, so it sits above both.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use crate::engine::candidates::{self, Rescorer};
use crate::engine::scoring::{
    answers_at, conformity, count_line, eco_clic, evaluate_at, outcome_raises, round2, round4,
    shares, Counts, Evaluation, Facts, Gap, GapState, Grade, Line, QuestionResult, QuestionStatus,
    RecommendedAction, ScoreReport, Shown, SubThemeScore, ThemeScore,
};
use crate::model::assessment::{Answer, Assessment};
use crate::model::error::Issue;
use crate::model::referential::{Outcome, Question, Referential};

/// Scores an assessment. The inputs are expected to be valid (see
/// [`crate::api::score`], which validates first); invalid ones never panic.
pub fn score(r: &Referential, a: &Assessment, warnings: Vec<Issue>) -> ScoreReport {
    score_with(Facts::of(r), a, answers_at(r, &a.answers), warnings)
}

/// [`score`] with the referential's facts and the answers by position
/// ([`answers_at`]), which validation computed already. The evaluation is
/// made once: the candidates' rescorer starts from it.
pub(crate) fn score_with<'a>(
    facts: Facts<'a>,
    a: &'a Assessment,
    at: Vec<Option<&'a Answer>>,
    warnings: Vec<Issue>,
) -> ScoreReport {
    let r = facts.r;
    let ev = evaluate_at(&facts, a.level, &a.profile, &|i| {
        at.get(i).copied().flatten()
    });
    let index = ev.index.map(round2);
    let grade = index.and_then(|i| r.grade_for(i)).map(|g| Grade {
        grade: g.grade.clone(),
        min: g.min,
        label: g.label.clone(),
    });
    let (counts, questions, gaps) = question_results(&facts, &at, &ev);
    let themes = theme_scores(r, &ev);
    let eco_clic = eco_clic(&facts, &ev);
    let conformity = conformity(&ev);
    let recommended_actions = recommend(&mut Rescorer::with(
        facts, a.level, &a.profile, &a.answers, at, &ev,
    ));
    let (completeness, dont_know_share) = shares(&counts);
    ScoreReport {
        referential: a.referential.clone(),
        profile: a.profile.clone(),
        date: a.date.clone(),
        level: a.level,
        index,
        grade,
        complete: counts.unanswered == 0,
        completeness,
        dont_know_share,
        counts,
        themes,
        questions,
        gaps,
        recommended_actions,
        eco_clic,
        conformity,
        warnings,
    }
}

/// The addresses of the actions by the question id they name, each list
/// in action order: a gap's actions are then found without reading every
/// action.
fn addresses_by_question(r: &Referential) -> FxHashMap<&str, Vec<(usize, &Outcome)>> {
    let mut out: FxHashMap<&str, Vec<(usize, &Outcome)>> = FxHashMap::default();
    for (k, act) in r.actions.iter().enumerate() {
        for ad in &act.addresses {
            out.entry(ad.question.as_str())
                .or_default()
                .push((k, &ad.leads_to));
        }
    }
    out
}

/// The counts, the question results and the gaps (largest miss first) of
/// an evaluation.
fn question_results(
    facts: &Facts<'_>,
    at: &[Option<&Answer>],
    ev: &Evaluation,
) -> (Counts, Vec<QuestionResult>, Vec<Gap>) {
    let r = facts.r;
    // Index points per unit of credit of a question of theme t.
    let factor = |ti: Option<usize>| -> f64 {
        let Some(ti) = ti else { return 0.0 };
        match (r.themes.get(ti), ev.themes.get(ti)) {
            (Some(t), Some(sums)) if sums.1 > 0.0 && ev.theme_weight_sum > 0.0 => {
                100.0 / sums.1 * t.weight / ev.theme_weight_sum
            }
            _ => 0.0,
        }
    };
    let addresses = addresses_by_question(r);
    let mut counts = Counts::default();
    let mut questions = Vec::with_capacity(ev.lines.len());
    let mut gaps = Vec::with_capacity(ev.lines.len());
    for (i, (q, line)) in r.questions.iter().zip(&ev.lines).enumerate() {
        if line.shown == Shown::AboveLevel {
            continue;
        }
        count_line(&mut counts, line);
        let f = factor(facts.at(i).theme);
        let (contribution, missed) = if line.counted {
            (f * line.credit, f * (q.weight - line.credit))
        } else {
            (0.0, 0.0)
        };
        questions.push(QuestionResult {
            id: q.id.clone(),
            theme: q.theme.clone(),
            sub_theme: q.sub_theme.clone(),
            level: q.level,
            status: line.status,
            points: line.points,
            max_points: line.max,
            weight: q.weight,
            credit: round4(line.credit),
            contribution: round2(contribution),
            missed: round2(missed),
        });
        if line.counted && line.points.is_none_or(|p| p < line.max) {
            let list = addresses.get(q.id.as_str()).map_or(&[][..], Vec::as_slice);
            let current = at.get(i).copied().flatten();
            gaps.push(gap(r, q, line, current, list, missed));
        }
    }
    // Stable sort: equal misses keep the referential order.
    let gaps = stable_sorted(gaps, |a, b| b.missed.total_cmp(&a.missed));
    (counts, questions, gaps)
}

/// The gap of a counted question below its maximum; `addresses` are the
/// actions' addresses naming it, in action order.
fn gap(
    r: &Referential,
    q: &Question,
    line: &Line,
    current: Option<&Answer>,
    addresses: &[(usize, &Outcome)],
    missed: f64,
) -> Gap {
    let state = match (line.status, line.points) {
        (QuestionStatus::Unanswered, _) => GapState::Unanswered,
        (QuestionStatus::DontKnow, _) => GapState::DontKnow,
        (_, Some(p)) if p > 0 => GapState::Partial,
        _ => GapState::Absent,
    };
    // An action is listed once, when any of its addresses raises the answer.
    let mut actions: Vec<String> = Vec::new();
    let mut last = None;
    for &(k, outcome) in addresses {
        if last != Some(k) && outcome_raises(q, current, outcome) {
            last = Some(k);
            if let Some(act) = r.actions.get(k) {
                actions.push(act.id.clone());
            }
        }
    }
    Gap {
        question: q.id.clone(),
        theme: q.theme.clone(),
        prompt: q.prompt.clone(),
        rationale: q.rationale.clone(),
        state,
        points: line.points,
        max_points: line.max,
        missed: round2(missed),
        actions,
    }
}

/// The theme scores, each with its sub-themes' scores. A sub-theme's sums
/// are added up over its counted questions in referential order, in one
/// pass over the questions.
fn theme_scores(r: &Referential, ev: &Evaluation) -> Vec<ThemeScore> {
    let mut by_sub: FxHashMap<(&str, &str), (f64, f64, u32)> = FxHashMap::default();
    for (q, line) in r.questions.iter().zip(&ev.lines) {
        if let (true, Some(st)) = (line.counted, q.sub_theme.as_deref()) {
            let sums = by_sub.entry((q.theme.as_str(), st)).or_default();
            sums.0 += line.credit;
            sums.1 += q.weight;
            sums.2 += 1;
        }
    }
    r.themes
        .iter()
        .zip(&ev.themes)
        .map(|(t, sums)| {
            let sub_themes = t
                .sub_themes
                .iter()
                .map(|st| {
                    let (c, w, n) = by_sub
                        .get(&(t.id.as_str(), st.id.as_str()))
                        .copied()
                        .unwrap_or((0.0, 0.0, 0));
                    SubThemeScore {
                        id: st.id.clone(),
                        title: st.title.clone(),
                        score: (w > 0.0).then(|| round2(100.0 * c / w)),
                        counted: n,
                    }
                })
                .collect();
            ThemeScore {
                id: t.id.clone(),
                title: t.title.clone(),
                weight: t.weight,
                score: (sums.1 > 0.0).then(|| round2(100.0 * sums.0 / sums.1)),
                credit: round4(sums.0),
                max_credit: round4(sums.1),
                counted: sums.2,
                unanswered: sums.3,
                complete: sums.3 == 0,
                sub_themes,
            }
        })
        .collect()
}

/// The candidate actions that raise the index, largest gain first (least
/// effort among equals): the same figures as [`crate::engine::candidates::candidates`].
fn recommend(rs: &mut Rescorer<'_>) -> Vec<RecommendedAction> {
    let out: Vec<RecommendedAction> = candidates::candidate_list_of(rs)
        .1
        .into_iter()
        .filter(|c| c.gain > 0.0)
        .collect();
    stable_sorted(out, |x, y| {
        y.gain.total_cmp(&x.gain).then(x.effort.cmp(&y.effort))
    })
}

/// `items` stably sorted by `cmp`. The sort moves pairs of a position and
/// a reference, not the large items themselves; each item then moves once.
fn stable_sorted<T>(items: Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut order: Vec<(usize, &T)> = items.iter().enumerate().collect();
    order.sort_by(|x, y| cmp(x.1, y.1));
    let order: Vec<usize> = order.into_iter().map(|(i, _)| i).collect();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}
