//! Stage 4: the greedy plan, used past the exact search's work budget and
//! for components too large to explore exhaustively. It is not exact (the
//! proposal then says `exact: false`), but it is deterministic: gains come
//! from the incremental rescorer, bit-identical to a full rescoring, and
//! ties go to the referential order.

use super::Ctx;
use crate::engine::candidates::{Effect, Rescorer};
use crate::engine::scoring::round2;
use crate::model::referential::CostBand;
use crate::planning::target::reaches;

/// A plan being built one action at a time.
struct Building<'a> {
    rs: Rescorer<'a>,
    in_plan: Vec<bool>,
    plan: Vec<usize>,
    effort: u32,
    budget: u32,
}

impl Building<'_> {
    /// Adds action `i` (its effect already committed).
    fn add(&mut self, ctx: &Ctx<'_>, i: usize) {
        let (de, db) = cost(ctx, i);
        self.effort = self.effort.saturating_add(de);
        self.budget = self.budget.saturating_add(db);
        if let Some(slot) = self.in_plan.get_mut(i) {
            *slot = true;
        }
        self.plan.push(i);
    }
}

/// An action's effort and, under a budget limit, its budget.
fn cost(ctx: &Ctx<'_>, i: usize) -> (u32, u32) {
    ctx.r.actions.get(i).map_or((0, 0), |x| {
        let budget = match ctx.req.max_budget {
            Some(_) => x.cost.map_or(0, CostBand::estimate),
            None => 0,
        };
        (x.effort.points(), budget)
    })
}

/// Whether the prerequisites of `i` are in the plan.
fn ready(prereqs: &[Vec<usize>], i: usize, in_plan: &[bool]) -> bool {
    prereqs
        .get(i)
        .is_none_or(|p| p.iter().all(|&j| in_plan.get(j).copied().unwrap_or(false)))
}

/// The plan when the exact search runs out of work: the required actions
/// (with their prerequisites), then, one at a time, the ready action (its
/// prerequisites in the plan) of best index gain per effort point that
/// keeps within the limits, until the target is reached or nothing raises
/// the index any more. When the target is not reached, the step of best
/// index (the earliest among equals) ends the plan. Returns the actions
/// and whether the target is reached.
pub(super) fn greedy_plan(
    ctx: &Ctx<'_>,
    candidate: &[bool],
    prereqs: &[Vec<usize>],
    target_index: Option<f64>,
) -> (Vec<usize>, bool) {
    let (r, a, req) = (ctx.r, ctx.a, ctx.req);
    let n = r.actions.len();
    let mut b = Building {
        rs: Rescorer::new(r, a.level, &a.profile, &a.answers),
        in_plan: vec![false; n],
        plan: Vec::new(),
        effort: 0,
        budget: 0,
    };
    if !add_mandatory(ctx, prereqs, &mut b) || !ctx.within(b.effort, b.budget) {
        return (Vec::new(), false);
    }
    let reached = |rs: &Rescorer<'_>| {
        target_index.is_none_or(|ti| reaches(rs.index, ti))
            && req.target.themes.iter().all(|(id, goal)| {
                let score = r
                    .theme_index(id)
                    .and_then(|t| rs.sums.get(t))
                    .and_then(|s| (s.1 > 0.0).then(|| 100.0 * s.0 / s.1));
                reaches(score, *goal)
            })
    };
    // Each action's effect and gain, kept while its questions, its themes
    // and the Σ weight of the scored themes stay as they were.
    let mut effects: Vec<Option<(Effect, f64, u64)>> =
        std::iter::repeat_with(|| None).take(n).collect();
    // (rounded index, plan length) of the best step so far.
    let mut best = (b.rs.index.map_or(f64::NEG_INFINITY, round2), b.plan.len());
    loop {
        if reached(&b.rs) {
            b.plan.sort_unstable();
            return (b.plan, true);
        }
        let Some(i) = pick(ctx, candidate, prereqs, &mut b, &mut effects) else {
            break;
        };
        if let Some((e, _, _)) = effects.get_mut(i).and_then(Option::take) {
            b.rs.commit(&e);
        }
        b.add(ctx, i);
        let index = b.rs.index.map_or(f64::NEG_INFINITY, round2);
        if index > best.0 {
            best = (index, b.plan.len());
        }
    }
    b.plan.truncate(best.1);
    b.plan.sort_unstable();
    (b.plan, false)
}

/// Adds the required actions and their prerequisites, prerequisites
/// first; false when some cannot be added.
fn add_mandatory(ctx: &Ctx<'_>, prereqs: &[Vec<usize>], b: &mut Building<'_>) -> bool {
    let r = ctx.r;
    let mut mandatory: Vec<usize> = ctx
        .req
        .require
        .iter()
        .filter_map(|id| r.actions.iter().position(|x| &x.id == id))
        .collect();
    let mut k = 0;
    while let Some(&i) = mandatory.get(k) {
        k += 1;
        for &j in prereqs.get(i).into_iter().flatten() {
            if !mandatory.contains(&j) {
                mandatory.push(j);
            }
        }
    }
    mandatory.sort_unstable();
    while let Some(pos) = mandatory
        .iter()
        .position(|&i| ready(prereqs, i, &b.in_plan))
    {
        let i = mandatory.remove(pos);
        let Some(x) = r.actions.get(i) else { continue };
        let e = b.rs.effect(std::iter::once(x));
        b.rs.commit(&e);
        b.add(ctx, i);
    }
    mandatory.is_empty()
}

/// The ready candidate of best gain per effort point within the limits
/// (the first among equals), if one raises the index.
fn pick(
    ctx: &Ctx<'_>,
    candidate: &[bool],
    prereqs: &[Vec<usize>],
    b: &mut Building<'_>,
    effects: &mut [Option<(Effect, f64, u64)>],
) -> Option<usize> {
    let rs = &mut b.rs;
    let current = rs.index.unwrap_or(0.0);
    let mut pick: Option<(f64, usize)> = None;
    for i in 0..ctx.r.actions.len() {
        if !candidate.get(i).copied().unwrap_or(false)
            || b.in_plan.get(i).copied().unwrap_or(true)
            || !ready(prereqs, i, &b.in_plan)
        {
            continue;
        }
        let (de, db) = cost(ctx, i);
        if !ctx.within(b.effort.saturating_add(de), b.budget.saturating_add(db)) {
            continue;
        }
        let (Some(x), Some(slot)) = (ctx.r.actions.get(i), effects.get_mut(i)) else {
            continue;
        };
        let scored = rs.prefix.last().map_or(0, |p| p.1.to_bits());
        if slot
            .as_ref()
            .is_none_or(|(e, _, w)| *w != scored || !rs.holds(e))
        {
            let e = rs.effect(std::iter::once(x));
            let gain = rs.index_with(&e.themes).unwrap_or(0.0) - current;
            *slot = Some((e, gain, scored));
        }
        let gain = slot.as_ref().map_or(0.0, |(_, g, _)| *g);
        let per_effort = gain / f64::from(de.max(1));
        if per_effort > 1e-12 && pick.is_none_or(|(g, _)| per_effort > g + 1e-12) {
            pick = Some((per_effort, i));
        }
    }
    pick.map(|(_, i)| i)
}

/// For oversized components: the prefixes of the actions ordered by their
/// gain alone per effort point (one engine evaluation per action, so huge
/// components stay fast; the result is then not proven optimal).
pub(super) fn greedy_chain(rs: &mut Rescorer<'_>, acts: &[usize]) -> Vec<Vec<usize>> {
    let r = rs.r;
    let before = rs.index.unwrap_or(0.0);
    let mut ranked: Vec<(f64, usize)> = acts
        .iter()
        .filter_map(|&i| {
            let x = r.actions.get(i)?;
            let e = rs.effect(std::iter::once(x));
            let gain = rs.index_with(&e.themes).unwrap_or(0.0) - before;
            Some((gain / f64::from(x.effort.points().max(1)), i))
        })
        .collect();
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut chain = vec![Vec::new()];
    let mut current: Vec<usize> = Vec::new();
    for (_, i) in ranked {
        current.push(i);
        let mut sorted = current.clone();
        sorted.sort_unstable();
        chain.push(sorted);
    }
    chain
}
