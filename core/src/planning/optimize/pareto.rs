//! Stage 2: the dynamic programme per theme group. Over a group's
//! components it keeps, for each (effort, budget, Σ weight per theme)
//! state, the Pareto-best Σ credits. It is exact because, with the weights
//! fixed, each theme's score (so the index) only grows with its credits: a
//! state beaten on every count can never lead to a better plan. The work
//! it does is counted in steps (see `work`), never in time.

use std::collections::BTreeMap;

use super::components::{self, Components};
use super::select::Selection;
use super::work::{count, State, Work};
use super::{Ctx, MAX_GROUP_STATES};
use crate::engine::candidates::Rescorer;

/// Weight sums are compared exactly after scaling: weights are finite and
/// ≤ 10^6, so 10^-9 steps cannot merge different sums.
fn weight_key(w: &[f64]) -> Vec<i64> {
    w.iter().map(|x| (x * 1e9).round() as i64).collect()
}

/// Best value seen so far for each budget, to find dominated entries in
/// one sweep by increasing effort: an entry is dominated when an entry of
/// lower or equal effort and budget has a value at least as high. The
/// best values sit in a Fenwick tree (prefix maxima): a query or a record
/// costs the logarithm of the number of budgets.
pub(super) struct Staircase {
    budgets: Vec<u32>,
    tree: Vec<f64>,
}

impl Staircase {
    pub(super) fn new<'a>(budgets: impl Iterator<Item = &'a u32>) -> Staircase {
        let mut budgets: Vec<u32> = budgets.copied().collect();
        budgets.sort_unstable();
        budgets.dedup();
        let tree = vec![f64::NEG_INFINITY; budgets.len()];
        Staircase { budgets, tree }
    }
    /// The best value over budgets ≤ `budget`.
    pub(super) fn best_up_to(&self, budget: u32) -> f64 {
        let mut end = self.budgets.partition_point(|&b| b <= budget);
        let mut best = f64::NEG_INFINITY;
        while end > 0 {
            if let Some(&v) = self.tree.get(end - 1) {
                best = best.max(v);
            }
            end &= end - 1;
        }
        best
    }
    pub(super) fn record(&mut self, budget: u32, value: f64) {
        let mut i = self.budgets.partition_point(|&b| b < budget) + 1;
        while let Some(slot) = self.tree.get_mut(i - 1) {
            *slot = slot.max(value);
            i += i & i.wrapping_neg();
        }
    }
    /// Work steps of one query or record.
    pub(super) fn steps(&self) -> u64 {
        u64::from(usize::BITS - self.budgets.len().leading_zeros()) + 1
    }
}

/// Keeps the states no other state beats on every count: lower or equal
/// effort and budget, same weights, higher or equal credits. `None` when
/// the work budget runs out.
pub(super) fn prune(states: Vec<State>, work: &mut Work) -> Option<Vec<State>> {
    let mut by_weight: BTreeMap<Vec<i64>, Vec<State>> = BTreeMap::new();
    for s in states {
        by_weight.entry(weight_key(&s.weight)).or_default().push(s);
    }
    let mut out = Vec::new();
    for (_, mut group) in by_weight {
        group.sort_by(|a, b| {
            (a.effort, a.budget)
                .cmp(&(b.effort, b.budget))
                .then_with(|| {
                    b.credit
                        .iter()
                        .sum::<f64>()
                        .total_cmp(&a.credit.iter().sum::<f64>())
                })
        });
        if group.first().is_some_and(|s| s.credit.len() == 1) {
            // One theme: a single value, one sweep.
            let mut stairs = Staircase::new(group.iter().map(|s| &s.budget));
            work.spend(count(group.len()).saturating_mul(stairs.steps()))?;
            for s in group {
                let value = s.credit.first().copied().unwrap_or(0.0);
                if stairs.best_up_to(s.budget) < value - 1e-12 {
                    stairs.record(s.budget, value);
                    out.push(s);
                }
            }
            continue;
        }
        let mut kept: Vec<State> = Vec::new();
        for s in group {
            work.spend(count(kept.len().saturating_mul(s.credit.len())).saturating_add(1))?;
            let dominated = kept.iter().any(|k| {
                k.effort <= s.effort
                    && k.budget <= s.budget
                    && k.credit
                        .iter()
                        .zip(&s.credit)
                        .all(|(a, b)| *a >= *b - 1e-12)
            });
            if !dominated {
                kept.push(s);
            }
        }
        out.extend(kept);
    }
    Some(out)
}

/// Per theme group: its themes and the Pareto states over its
/// components. `None` when the work budget runs out.
pub(super) fn group_states(
    ctx: &Ctx<'_>,
    sel: &Selection,
    comps: &Components,
    rescorer: &mut Rescorer<'_>,
    work: &mut Work,
    exact: &mut bool,
) -> Option<Vec<(Vec<usize>, Vec<State>)>> {
    let mut group_states: Vec<(Vec<usize>, Vec<State>)> = Vec::new();
    for (themes, roots) in comps.groups.values() {
        let start = State {
            effort: 0,
            budget: 0,
            weight: themes
                .iter()
                .map(|&t| comps.const_weight.get(t).copied().unwrap_or(0.0))
                .collect(),
            credit: themes
                .iter()
                .map(|&t| comps.const_credit.get(t).copied().unwrap_or(0.0))
                .collect(),
            actions: Vec::new(),
        };
        let mut states = vec![start];
        for &root in roots {
            let (options, exhaustive) =
                components::options(ctx, sel, comps, root, themes, rescorer, work)?;
            *exact &= exhaustive;
            // Subsets beaten on every count by another never help.
            let options = prune(options, work)?;
            states = extend(ctx, &states, &options, work)?;
            if states.len() > MAX_GROUP_STATES {
                *exact = false;
                states = cap(ctx, themes, states);
            }
        }
        group_states.push((themes.clone(), states));
    }
    Some(group_states)
}

/// Every state with every option of the next component, within the
/// limits, pruned.
fn extend(
    ctx: &Ctx<'_>,
    states: &[State],
    options: &[State],
    work: &mut Work,
) -> Option<Vec<State>> {
    // A group's partial plan holds vectors: building, sorting and pruning
    // one costs about sixteen steps.
    work.spend(
        count(states.len())
            .saturating_mul(count(options.len()))
            .saturating_mul(16),
    )?;
    let mut next = Vec::with_capacity(states.len() * options.len().max(1));
    for s in states {
        for o in options {
            let effort = s.effort.saturating_add(o.effort);
            let budget = s.budget.saturating_add(o.budget);
            if !ctx.within(effort, budget) {
                continue;
            }
            let mut actions = s.actions.clone();
            actions.extend(&o.actions);
            next.push(State {
                effort,
                budget,
                weight: s.weight.iter().zip(&o.weight).map(|(x, y)| x + y).collect(),
                credit: s.credit.iter().zip(&o.credit).map(|(x, y)| x + y).collect(),
                actions,
            });
        }
    }
    prune(next, work)
}

/// Themes tangled by many cross-theme components: keep, per effort and
/// budget, the state with the best weighted score (not proven exact).
fn cap(ctx: &Ctx<'_>, themes: &[usize], states: Vec<State>) -> Vec<State> {
    let score = |st: &State| -> f64 {
        themes
            .iter()
            .zip(st.credit.iter().zip(&st.weight))
            .filter(|(_, (_, w))| **w > 0.0)
            .map(|(&t, (c, w))| ctx.theme_weight(t) * c / w)
            .sum()
    };
    let mut best: BTreeMap<(u32, u32), State> = BTreeMap::new();
    for st in states {
        let key = (st.effort, st.budget);
        if best.get(&key).is_none_or(|b| score(&st) > score(b)) {
            best.insert(key, st);
        }
    }
    best.into_values().collect()
}
