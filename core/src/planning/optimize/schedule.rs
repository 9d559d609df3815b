//! Stage 5: the schedule and the projection. The chosen actions are
//! ordered (prerequisites first, then the best gain per effort point) and
//! each step's projected index comes from the incremental rescorer, whose
//! gains are bit-identical to a full rescoring; the final figures come
//! from the plan's answers, applied as the plan's documents apply them.

use super::{Proposal, ProposalRequest, ScheduledAction, ThemeProjection};
use crate::engine::candidates::{Effect, Rescorer};
use crate::engine::report;
use crate::engine::scoring::{apply_addresses, round2};
use crate::model::assessment::Assessment;
use crate::model::referential::{Action, CostBand};

/// What the search concluded, copied into the proposal.
pub(super) struct Outcome {
    pub(super) reachable: bool,
    pub(super) exact: bool,
    pub(super) target_index: Option<f64>,
    pub(super) note: Option<String>,
}

/// The proposal for the chosen actions.
pub(super) fn build_proposal(
    mut rs: Rescorer<'_>,
    a: &Assessment,
    req: &ProposalRequest,
    chosen: Vec<usize>,
    prereqs: &[Vec<usize>],
    outcome: Outcome,
) -> Proposal {
    let r = rs.r;
    let baseline = rs.index;
    let schedule = schedule(&mut rs, &chosen, prereqs);
    let refs: Vec<&Action> = chosen.iter().filter_map(|&i| r.actions.get(i)).collect();
    // The outcomes in referential order, as the plan's documents apply them
    // (two outcomes of equal points on one question keep the first).
    let final_answers =
        apply_addresses(r, &a.answers, refs.iter().flat_map(|x| x.addresses.iter()));
    let finished = Rescorer::new(r, a.level, &a.profile, &final_answers);
    let before_report = report::score(r, a, Vec::new());
    let themes = r
        .themes
        .iter()
        .map(|t| ThemeProjection {
            id: t.id.clone(),
            before: before_report
                .themes
                .iter()
                .find(|x| x.id == t.id)
                .and_then(|x| x.score),
            after: r
                .theme_index(&t.id)
                .and_then(|p| finished.sums.get(p))
                .and_then(|s| (s.1 > 0.0).then(|| round2(100.0 * s.0 / s.1))),
            target: req.target.themes.get(&t.id).copied(),
        })
        .collect();
    Proposal {
        reachable: outcome.reachable,
        exact: outcome.exact,
        target_index: outcome.target_index,
        baseline_index: baseline.map(round2),
        index: finished.index.map(round2),
        total_effort: refs
            .iter()
            .fold(0u32, |acc, x| acc.saturating_add(x.effort.points())),
        total_budget: refs.iter().fold(0u32, |acc, x| {
            acc.saturating_add(x.cost.map_or(0, CostBand::estimate))
        }),
        schedule,
        themes,
        gap: crate::planning::target::gap(r, &before_report, &req.target),
        note: outcome.note,
    }
}

/// Schedule: among actions whose prerequisites are done, the best gain
/// per effort point first; ties in referential order. Each action's
/// effect is kept until a step changes one of its questions or themes:
/// a step then costs one sum over the themes per action left.
fn schedule(
    rs: &mut Rescorer<'_>,
    chosen: &[usize],
    prereqs: &[Vec<usize>],
) -> Vec<ScheduledAction> {
    let r = rs.r;
    let n = r.actions.len();
    let mut in_plan = vec![false; n];
    for &i in chosen {
        if let Some(x) = in_plan.get_mut(i) {
            *x = true;
        }
    }
    let mut done = vec![false; n];
    let mut effects: Vec<Option<Effect>> = std::iter::repeat_with(|| None).take(n).collect();
    let mut left = chosen.to_vec();
    let mut schedule = Vec::new();
    let mut current = rs.index;
    while !left.is_empty() {
        let ready: Vec<usize> = left
            .iter()
            .copied()
            .filter(|&i| {
                prereqs.get(i).is_none_or(|p| {
                    p.iter().all(|&j| {
                        done.get(j).copied().unwrap_or(false)
                            || !in_plan.get(j).copied().unwrap_or(false)
                    })
                })
            })
            .collect();
        // A cycle cannot happen (validated), but never loop forever.
        let pool = if ready.is_empty() {
            left.clone()
        } else {
            ready
        };
        let Some((i, after)) = best_step(rs, &pool, &mut effects, current) else {
            break;
        };
        left.retain(|&x| x != i);
        if let Some(x) = r.actions.get(i) {
            let step = u32::try_from(schedule.len() + 1).unwrap_or(u32::MAX);
            let after_ids = prereqs
                .get(i)
                .into_iter()
                .flatten()
                .filter(|&&j| in_plan.get(j).copied().unwrap_or(false))
                .filter_map(|&j| r.actions.get(j).map(|y| y.id.clone()))
                .collect();
            schedule.push(ScheduledAction {
                step,
                id: x.id.clone(),
                title: x.title.clone(),
                effort: x.effort,
                impact: x.impact,
                cost: x.cost,
                reen_area: x.reen_area,
                questions: rs.raises(x),
                after: after_ids,
                gain: round2(after.unwrap_or(0.0) - current.unwrap_or(0.0)),
                index_after: after.map(round2),
            });
        }
        if let Some(e) = effects.get_mut(i).and_then(Option::take) {
            rs.commit(&e);
        }
        if let Some(d) = done.get_mut(i) {
            *d = true;
        }
        current = after;
    }
    schedule
}

/// The action of `pool` with the best gain per effort point (the first
/// among equals) and the index once it is done.
fn best_step(
    rs: &mut Rescorer<'_>,
    pool: &[usize],
    effects: &mut [Option<Effect>],
    current: Option<f64>,
) -> Option<(usize, Option<f64>)> {
    let r = rs.r;
    let mut best: Option<(f64, usize, Option<f64>)> = None;
    for &i in pool {
        let Some(x) = r.actions.get(i) else { continue };
        let Some(slot) = effects.get_mut(i) else {
            continue;
        };
        if slot.as_ref().is_none_or(|e| !rs.holds(e)) {
            *slot = Some(rs.effect(std::iter::once(x)));
        }
        let after = match slot {
            Some(e) => rs.index_with(&e.themes),
            None => rs.index,
        };
        let per_effort =
            (after.unwrap_or(0.0) - current.unwrap_or(0.0)) / f64::from(x.effort.points().max(1));
        if best
            .as_ref()
            .is_none_or(|(g, _, _)| per_effort > *g + 1e-12)
        {
            best = Some((per_effort, i, after));
        }
    }
    best.map(|(_, i, after)| (i, after))
}
