//! Stage 3: the knapsack over theme groups. Groups have disjoint themes,
//! so their contributions to the index add up: combining their Pareto
//! options gives, for each effort and budget, the best index, and the
//! least effort reaching the target wins. It is exact because a total is
//! dropped only when another of lower or equal effort and budget has an
//! index at least as high (and meets the theme targets if it does), and
//! because themes whose score may vanish are tried in every combination.

use super::pareto::Staircase;
use super::work::{count, State, Work};
use super::Ctx;
use crate::engine::scoring::round2;
use crate::model::error::Error;
use crate::planning::target::reaches;

/// A whole plan's figures across groups. Its actions are not copied into
/// it (a copy per combination made large referentials run out of memory):
/// `option` is the group state it adds and `prev` the total of the groups
/// before it, so the chosen plan's actions are read back once at the end.
#[derive(Clone, Copy)]
pub(super) struct Total {
    effort: u32,
    budget: u32,
    value: f64,
    themes_ok: bool,
    prev: usize,
    option: usize,
}

fn prune_totals(mut totals: Vec<Total>, work: &mut Work) -> Option<Vec<Total>> {
    totals.sort_by(|a, b| {
        (a.effort, a.budget)
            .cmp(&(b.effort, b.budget))
            .then_with(|| b.value.total_cmp(&a.value))
            .then_with(|| b.themes_ok.cmp(&a.themes_ok))
    });
    // A plan meeting the theme targets is only beaten by one that meets
    // them too; one that does not, by any.
    let mut meeting = Staircase::new(totals.iter().map(|t| &t.budget));
    let mut any = Staircase::new(totals.iter().map(|t| &t.budget));
    work.spend(count(totals.len()).saturating_mul(any.steps().saturating_mul(2)))?;
    let mut kept = Vec::new();
    for t in totals {
        let rival = if t.themes_ok {
            meeting.best_up_to(t.budget)
        } else {
            any.best_up_to(t.budget)
        };
        if rival < t.value - 1e-12 {
            any.record(t.budget, t.value);
            if t.themes_ok {
                meeting.record(t.budget, t.value);
            }
            kept.push(t);
        }
    }
    Some(kept)
}

/// Every total of the groups so far with every option of the next group,
/// within the limits. Of those with the same effort, budget and theme
/// targets met, `prune_totals` can only keep the best (the first of equal
/// values): the others are never stored.
fn combine(totals: &[Total], options: &[Total], within: &impl Fn(u32, u32) -> bool) -> Vec<Total> {
    use std::collections::hash_map::Entry;
    let mut slot: rustc_hash::FxHashMap<(u32, u32, bool), usize> = Default::default();
    let mut out: Vec<Total> = Vec::new();
    for (xi, x) in totals.iter().enumerate() {
        for (oi, o) in options.iter().enumerate() {
            let effort = x.effort.saturating_add(o.effort);
            let budget = x.budget.saturating_add(o.budget);
            if !within(effort, budget) {
                continue;
            }
            let t = Total {
                effort,
                budget,
                value: x.value + o.value,
                themes_ok: x.themes_ok && o.themes_ok,
                prev: xi,
                option: oi,
            };
            match slot.entry((effort, budget, t.themes_ok)) {
                Entry::Occupied(e) => {
                    if let Some(kept) = out.get_mut(*e.get()) {
                        if kept.value < t.value {
                            *kept = t;
                        }
                    }
                }
                Entry::Vacant(e) => {
                    e.insert(out.len());
                    out.push(t);
                }
            }
        }
    }
    out
}

/// Orders `bits` of a non-negative float for tuple comparisons.
trait OrderedBits {
    fn to_bits_ordered(self) -> u64;
}

impl OrderedBits for f64 {
    fn to_bits_ordered(self) -> u64 {
        // Scores are finite and ≥ 0 here, where the bit order is the numeric order.
        if self.is_finite() && self >= 0.0 {
            self.to_bits()
        } else {
            0
        }
    }
}

/// Per group: its options (pruned) and the totals kept after it.
type Layers = Vec<(Vec<Total>, Vec<Total>)>;

/// The plan chosen over the groups' states: the least effort reaching the
/// target (then the highest index, then the least budget), else the best
/// index. Returns its actions and whether it reaches the target; `None`
/// when the work budget runs out.
pub(super) fn choose(
    ctx: &Ctx<'_>,
    group_states: &[(Vec<usize>, Vec<State>)],
    target_index: Option<f64>,
    work: &mut Work,
) -> Result<Option<(Vec<usize>, bool)>, Error> {
    let uncertain = uncertain_themes(group_states);
    if uncertain.len() > 12 {
        return Err(Error::InvalidArgument {
            name: "referential".to_owned(),
            message: "too many themes whose score may vanish for an exact plan".to_owned(),
        });
    }
    let mut best_feasible: Option<(Total, Vec<usize>)> = None;
    let mut best_any: Option<(Total, Vec<usize>)> = None;
    for combo in 0u32..(1u32 << uncertain.len()) {
        let scored_now = |t: usize, w: f64| match uncertain.iter().position(|&u| u == t) {
            Some(b) => combo & (1 << b) != 0,
            None => w > 0.0,
        };
        // Σ theme weight over scored themes, from any consistent state.
        let mut total_weight = 0.0;
        for (themes, states) in group_states {
            let Some(s) = states.first() else { continue };
            for (p, &t) in themes.iter().enumerate() {
                if scored_now(t, s.weight.get(p).copied().unwrap_or(0.0)) {
                    total_weight += ctx.theme_weight(t);
                }
            }
        }
        if total_weight <= 0.0 {
            continue;
        }
        let Some((layers, totals)) =
            combine_groups(ctx, group_states, &scored_now, total_weight, work)
        else {
            return Ok(None);
        };
        for t in totals {
            let feasible = t.themes_ok && target_index.is_none_or(|ti| reaches(Some(t.value), ti));
            if feasible && best_feasible.as_ref().is_none_or(|(b, _)| cheaper(&t, b)) {
                best_feasible = Some((t, actions_of(&layers, group_states, &t)));
            }
            if best_any.as_ref().is_none_or(|(b, _)| higher(&t, b)) {
                best_any = Some((t, actions_of(&layers, group_states, &t)));
            }
        }
    }
    let reachable = best_feasible.is_some();
    let chosen = best_feasible.or(best_any);
    let mut chosen_actions: Vec<usize> = chosen.map(|(_, actions)| actions).unwrap_or_default();
    chosen_actions.sort_unstable();
    chosen_actions.dedup();
    Ok(Some((chosen_actions, reachable)))
}

/// Less effort, then a higher rounded index, then less budget.
fn cheaper(t: &Total, b: &Total) -> bool {
    (
        t.effort,
        std::cmp::Reverse(round2(t.value).to_bits_ordered()),
        t.budget,
    ) < (
        b.effort,
        std::cmp::Reverse(round2(b.value).to_bits_ordered()),
        b.budget,
    )
}

/// A higher rounded index, then less effort, then less budget.
fn higher(t: &Total, b: &Total) -> bool {
    (
        std::cmp::Reverse(round2(t.value).to_bits_ordered()),
        t.effort,
        t.budget,
    ) < (
        std::cmp::Reverse(round2(b.value).to_bits_ordered()),
        b.effort,
        b.budget,
    )
}

/// Themes that may or may not end up with a score make the index's
/// denominator vary: each combination is tried (almost always just one).
fn uncertain_themes(group_states: &[(Vec<usize>, Vec<State>)]) -> Vec<usize> {
    let mut uncertain: Vec<usize> = Vec::new();
    for (themes, states) in group_states {
        for (p, &t) in themes.iter().enumerate() {
            let scored = states
                .iter()
                .map(|s| s.weight.get(p).copied().unwrap_or(0.0) > 0.0);
            let (any, all) = scored.fold((false, true), |(any, all), x| (any || x, all && x));
            if any && !all {
                uncertain.push(t);
            }
        }
    }
    uncertain
}

/// The totals over every group for one combination of scored themes,
/// with the layers to read their actions back. `None` when the work
/// budget runs out.
fn combine_groups(
    ctx: &Ctx<'_>,
    group_states: &[(Vec<usize>, Vec<State>)],
    scored_now: &impl Fn(usize, f64) -> bool,
    total_weight: f64,
    work: &mut Work,
) -> Option<(Layers, Vec<Total>)> {
    let mut totals = vec![Total {
        effort: 0,
        budget: 0,
        value: 0.0,
        themes_ok: true,
        prev: usize::MAX,
        option: usize::MAX,
    }];
    let mut layers: Layers = Vec::with_capacity(group_states.len());
    let within = |effort: u32, budget: u32| ctx.within(effort, budget);
    for (themes, states) in group_states {
        let options = group_options(ctx, themes, states, scored_now, total_weight);
        let options = prune_totals(options, work)?;
        work.spend(count(totals.len()).saturating_mul(count(options.len())))?;
        totals = prune_totals(combine(&totals, &options, &within), work)?;
        layers.push((options, totals.clone()));
    }
    Some((layers, totals))
}

/// A group's states consistent with the scored themes, as their index
/// contribution and whether they meet the group's theme targets.
fn group_options(
    ctx: &Ctx<'_>,
    themes: &[usize],
    states: &[State],
    scored_now: &impl Fn(usize, f64) -> bool,
    total_weight: f64,
) -> Vec<Total> {
    let mut options: Vec<Total> = Vec::new();
    for (si, s) in states.iter().enumerate() {
        let consistent = themes.iter().enumerate().all(|(p, &t)| {
            let w = s.weight.get(p).copied().unwrap_or(0.0);
            scored_now(t, w) == (w > 0.0)
        });
        if !consistent {
            continue;
        }
        let mut value = 0.0;
        let mut themes_ok = true;
        for (p, &t) in themes.iter().enumerate() {
            let w = s.weight.get(p).copied().unwrap_or(0.0);
            let score = (w > 0.0).then(|| 100.0 * s.credit.get(p).copied().unwrap_or(0.0) / w);
            if let Some(sc) = score {
                value += ctx.theme_weight(t) * sc / total_weight;
            }
            if let Some(goal) = ctx
                .r
                .themes
                .get(t)
                .and_then(|x| ctx.req.target.themes.get(&x.id))
            {
                themes_ok &= reaches(score, *goal);
            }
        }
        options.push(Total {
            effort: s.effort,
            budget: s.budget,
            value,
            themes_ok,
            prev: usize::MAX,
            option: si,
        });
    }
    options
}

/// The actions of a final total, read back through the layers.
fn actions_of(layers: &Layers, group_states: &[(Vec<usize>, Vec<State>)], t: &Total) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cur = *t;
    for (g, (options, _)) in layers.iter().enumerate().rev() {
        let state = options
            .get(cur.option)
            .and_then(|o| group_states.get(g).and_then(|(_, st)| st.get(o.option)));
        out.extend(state.into_iter().flat_map(|st| st.actions.iter().copied()));
        match g.checked_sub(1).and_then(|p| layers.get(p)) {
            Some((_, kept)) => match kept.get(cur.prev) {
                Some(x) => cur = *x,
                None => break,
            },
            None => break,
        }
    }
    out
}
