//! Candidate actions and the optimal action plan.
//!
//! The proposal is the set of actions that reaches a target with the least
//! total effort (effort points: low 1, medium 2, high 3) and, among those,
//! the highest index. It is exact:
//!
//! 1. Actions interact only through the questions they raise: actions that
//!    touch the same question, questions linked by a condition, or actions
//!    linked by a prerequisite form a **component**. Every subset of a
//!    component's actions is scored by the engine (`evaluate`), giving its
//!    effort, budget and, per theme, Σ credit and Σ weight of the
//!    component's questions.
//! 2. Components that touch the same themes form a **theme group**. A
//!    dynamic programme over a group's components keeps, for each (effort,
//!    budget, Σ weight per theme) state, the Pareto-best Σ credits: with the
//!    weights fixed the index only grows with credits, so nothing better is
//!    ever dropped.
//! 3. A knapsack over the groups (their themes are disjoint, so their
//!    contributions to the index add up) gives, for each effort and budget,
//!    the best index; the least effort that reaches the target wins.
//!
//! Components of more than [`MAX_EXACT_COMPONENT`] actions are explored
//! greedily instead, and the proposal says it is not proven exact.
//!
//! The search counts its work (partial plans built, compared and swept,
//! questions scored), never its time, and stops at [`WORK_BUDGET`] steps:
//! the proposal is then the greedy plan (best index gain per effort point
//! first, within the limits, until the target is reached) and says
//! `exact: false`. Every platform and language stops at the same step and
//! returns the same plan.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::candidates::{raises, Effect, Rescorer};
use crate::engine::scoring::{self, apply_addresses, apply_outcome, evaluate, round2};
use crate::model::assessment::{Answer, Assessment};
use crate::model::error::{Error, Issue, IssueCode};
use crate::model::referential::{Action, CostBand, Rating, Referential};
use crate::model::target::Target;
use crate::model::text::Text;
use crate::planning::target::{reaches, validate_target};

/// Work budget of the exact search, in elementary steps (a partial plan
/// built, compared or swept; a question scored for a subset of actions):
/// about half a second of native work. Past it the proposal is the greedy
/// plan (best gain per effort point first) and says `exact: false`.
pub const WORK_BUDGET: u64 = 20_000_000;

/// Largest component explored exhaustively (2^n subsets).
pub const MAX_EXACT_COMPONENT: usize = 16;

/// Largest number of partial plans kept for a group of themes tangled by
/// cross-theme actions; beyond it the search keeps the best weighted score
/// per effort and budget, and the proposal says it is not proven exact.
pub const MAX_GROUP_STATES: usize = 50_000;

/// What to optimise for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalRequest {
    /// The target to reach.
    pub target: Target,
    /// Largest total effort (effort points: low 1, medium 2, high 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_effort: Option<u32>,
    /// Largest total budget in euros (cost bands count their estimate:
    /// none 0, low 5,000, medium 50,000, high 100,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_budget: Option<u32>,
    /// Actions not to propose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// Actions the plan must contain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<String>,
}

/// One step of the proposed schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduledAction {
    /// Position, from 1.
    pub step: u32,
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
    /// Questions it raises.
    pub questions: Vec<String>,
    /// Prerequisites scheduled before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
    /// Index gained by this step (2 decimals).
    pub gain: f64,
    /// Projected index once this step is done (2 decimals).
    pub index_after: Option<f64>,
}

/// A theme's score before and after the proposed plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeProjection {
    /// Theme id.
    pub id: String,
    /// Score now.
    pub before: Option<f64>,
    /// Score once the plan is done.
    pub after: Option<f64>,
    /// Target score, when the target names this theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// The proposed plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// Whether the target can be reached within the constraints (with
    /// `exact: false`, whether the plan found reaches it). When not, the
    /// plan is the one reaching the best reachable index (least effort
    /// among equals).
    pub reachable: bool,
    /// true: the plan is the cheapest one (every component explored
    /// exhaustively, within the search's work budget); false: a component
    /// was too large to explore exhaustively, or the search hit its work
    /// budget and returns the best plan found.
    pub exact: bool,
    /// Overall index to reach, when the target has one.
    pub target_index: Option<f64>,
    /// Index now.
    pub baseline_index: Option<f64>,
    /// Index once every proposed action is done.
    pub index: Option<f64>,
    /// Σ effort points of the plan.
    pub total_effort: u32,
    /// Σ budget estimates of the plan (€).
    pub total_budget: u32,
    /// The actions in an order that respects prerequisites, the most
    /// index per effort point first.
    pub schedule: Vec<ScheduledAction>,
    /// Theme scores before and after.
    pub themes: Vec<ThemeProjection>,
    /// The gap between the current scores and the target, overall and per theme.
    pub gap: crate::planning::target::TargetGap,
    /// Why the target cannot be reached, when it cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Checks a proposal request against a referential.
pub fn validate_request(req: &ProposalRequest, r: &Referential) -> Vec<Issue> {
    let mut issues = validate_target(&req.target, r, "/target");
    for (field, ids) in [("exclude", &req.exclude), ("require", &req.require)] {
        for (i, id) in ids.iter().enumerate() {
            if r.action(id).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownAction,
                    format!("/{field}/{i}"),
                    format!("action {id:?} does not exist"),
                ));
            }
        }
    }
    for (i, id) in req.require.iter().enumerate() {
        if req.exclude.contains(id) {
            issues.push(Issue::error(
                IssueCode::InvalidValue,
                format!("/require/{i}"),
                format!("action {id:?} is both required and excluded"),
            ));
        }
    }
    issues
}

/// Simple union-find.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }
    fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.0.get(x) {
            if p == x {
                break;
            }
            let grand = self.0.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(x) {
                *slot = grand;
            }
            x = p;
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            if let Some(slot) = self.0.get_mut(ra.max(rb)) {
                *slot = ra.min(rb);
            }
        }
    }
}

/// A partial plan inside a theme group, or one way to carry out a
/// component (a subset of its actions).
#[derive(Clone)]
struct State {
    effort: u32,
    budget: u32,
    weight: Vec<f64>,
    credit: Vec<f64>,
    actions: Vec<usize>,
}

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
struct Staircase {
    budgets: Vec<u32>,
    tree: Vec<f64>,
}

impl Staircase {
    fn new<'a>(budgets: impl Iterator<Item = &'a u32>) -> Staircase {
        let mut budgets: Vec<u32> = budgets.copied().collect();
        budgets.sort_unstable();
        budgets.dedup();
        let tree = vec![f64::NEG_INFINITY; budgets.len()];
        Staircase { budgets, tree }
    }
    /// The best value over budgets ≤ `budget`.
    fn best_up_to(&self, budget: u32) -> f64 {
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
    fn record(&mut self, budget: u32, value: f64) {
        let mut i = self.budgets.partition_point(|&b| b < budget) + 1;
        while let Some(slot) = self.tree.get_mut(i - 1) {
            *slot = slot.max(value);
            i += i & i.wrapping_neg();
        }
    }
    /// Work steps of one query or record.
    fn steps(&self) -> u64 {
        u64::from(usize::BITS - self.budgets.len().leading_zeros()) + 1
    }
}

/// The search's work budget, counted in elementary steps (a partial plan
/// built, compared or swept), never in time: every platform and language
/// stops at the same point and returns the same plan.
struct Work {
    left: u64,
}

impl Work {
    /// Takes `n` steps from the budget; `None` once it is spent.
    fn spend(&mut self, n: u64) -> Option<()> {
        match self.left.checked_sub(n) {
            Some(left) => {
                self.left = left;
                Some(())
            }
            None => {
                self.left = 0;
                None
            }
        }
    }
}

/// A count as work steps.
fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Keeps the states no other state beats on every count: lower or equal
/// effort and budget, same weights, higher or equal credits. `None` when
/// the work budget runs out.
fn prune(states: Vec<State>, work: &mut Work) -> Option<Vec<State>> {
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

/// A whole plan's figures across groups. Its actions are not copied into
/// it (a copy per combination made large referentials run out of memory):
/// `option` is the group state it adds and `prev` the total of the groups
/// before it, so the chosen plan's actions are read back once at the end.
#[derive(Clone, Copy)]
struct Total {
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

/// Proposes the plan of least effort that reaches the target (see the
/// module documentation). The referential and the assessment are expected
/// to be valid (the facade validates them); the request is checked here.
pub fn propose(r: &Referential, a: &Assessment, req: &ProposalRequest) -> Result<Proposal, Error> {
    let issues = validate_request(req, r);
    if issues.iter().any(Issue::is_error) {
        return Err(Error::Invalid {
            document: crate::model::error::DocumentKind::Request,
            issues,
        });
    }
    let base = evaluate(r, a.level, &a.profile, &a.answers);
    let mut rescorer = Rescorer::new(r, a.level, &a.profile, &a.answers);
    let n_actions = r.actions.len();
    let action_index: BTreeMap<&str, usize> = r
        .actions
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let question_index: BTreeMap<&str, usize> = r
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let raising: Vec<bool> = r
        .actions
        .iter()
        .map(|x| !raises(r, &a.answers, x).is_empty())
        .collect();
    let raise = |i: usize| raising.get(i).copied().unwrap_or(false);
    let excluded: BTreeSet<usize> = req
        .exclude
        .iter()
        .filter_map(|id| action_index.get(id.as_str()).copied())
        .collect();
    let required: BTreeSet<usize> = req
        .require
        .iter()
        .filter_map(|id| action_index.get(id.as_str()).copied())
        .collect();
    // Prerequisites that still raise something must be in the plan too.
    let prereqs: Vec<Vec<usize>> = r
        .actions
        .iter()
        .map(|x| {
            x.requires
                .iter()
                .filter_map(|id| action_index.get(id.as_str()).copied())
                .filter(|&j| raise(j))
                .collect()
        })
        .collect();
    let mut candidate: Vec<bool> = (0..n_actions)
        .map(|i| !excluded.contains(&i) && (raise(i) || required.contains(&i)))
        .collect();
    loop {
        let mut changed = false;
        for i in 0..n_actions {
            if candidate.get(i) == Some(&true) {
                let blocked = prereqs
                    .get(i)
                    .is_some_and(|p| p.iter().any(|&j| candidate.get(j) != Some(&true)));
                if blocked {
                    if let Some(c) = candidate.get_mut(i) {
                        *c = false;
                    }
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for &i in &required {
        if candidate.get(i) != Some(&true) {
            let id = r.actions.get(i).map(|x| x.id.as_str()).unwrap_or_default();
            return Err(Error::InvalidArgument {
                name: "require".to_owned(),
                message: format!(
                    "action {id:?} is required but one of its prerequisites is excluded"
                ),
            });
        }
    }

    // Components: questions linked by conditions, actions by shared
    // questions and prerequisites. Nodes: questions, then actions.
    let nq = r.questions.len();
    let parent_of: Vec<Option<usize>> = r
        .questions
        .iter()
        .map(|q| {
            q.condition
                .as_ref()
                .and_then(|c| question_index.get(c.question()).copied())
        })
        .collect();
    let mut sets = Sets::new(nq + n_actions);
    for (i, q) in r.questions.iter().enumerate() {
        if let Some(p) = q
            .condition
            .as_ref()
            .and_then(|c| question_index.get(c.question()))
        {
            sets.union(i, *p);
        }
    }
    for (i, x) in r.actions.iter().enumerate() {
        if candidate.get(i) != Some(&true) {
            continue;
        }
        for ad in &x.addresses {
            if let Some(&q) = question_index.get(ad.question.as_str()) {
                sets.union(nq + i, q);
            }
        }
        for &j in prereqs.get(i).into_iter().flatten() {
            sets.union(nq + i, nq + j);
        }
    }
    let mut comp_actions: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n_actions {
        if candidate.get(i) == Some(&true) {
            comp_actions.entry(sets.find(nq + i)).or_default().push(i);
        }
    }
    let mut comp_questions: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for q in 0..nq {
        let root = sets.find(q);
        if comp_actions.contains_key(&root) {
            comp_questions.entry(root).or_default().push(q);
        }
    }
    let theme_pos: BTreeMap<&str, usize> = r
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let theme_of = |q: usize| {
        r.questions
            .get(q)
            .and_then(|x| theme_pos.get(x.theme.as_str()).copied())
    };

    // Theme groups: themes touched by one component belong together.
    let nt = r.themes.len();
    let mut tsets = Sets::new(nt);
    for qs in comp_questions.values() {
        let ts: Vec<usize> = qs.iter().filter_map(|&q| theme_of(q)).collect();
        for w in ts.windows(2) {
            if let [x, y] = w {
                tsets.union(*x, *y);
            }
        }
    }
    let in_component: BTreeSet<usize> = comp_questions.values().flatten().copied().collect();
    // Constant Σ credit and Σ weight per theme from questions no action touches.
    let mut const_credit = vec![0.0; nt];
    let mut const_weight = vec![0.0; nt];
    for (qi, line) in base.lines.iter().enumerate() {
        if in_component.contains(&qi) || !line.counted {
            continue;
        }
        if let Some(t) = theme_of(qi) {
            if let (Some(c), Some(w), Some(q)) = (
                const_credit.get_mut(t),
                const_weight.get_mut(t),
                r.questions.get(qi),
            ) {
                *c += line.credit;
                *w += q.weight;
            }
        }
    }

    let effort_of = |i: usize| r.actions.get(i).map_or(0, |x| x.effort.points());
    // Budgets only matter under a budget limit; without one they stay out
    // of the search (the proposal still reports its total).
    let budget_of = |i: usize| {
        if req.max_budget.is_none() {
            return 0;
        }
        r.actions
            .get(i)
            .and_then(|x| x.cost)
            .map_or(0, CostBand::estimate)
    };
    let within = |effort: u32, budget: u32| {
        req.max_effort.is_none_or(|m| effort <= m) && req.max_budget.is_none_or(|m| budget <= m)
    };

    let theme_weight = |t: usize| {
        r.themes.get(t).map_or(0.0, |x| {
            if x.weight.is_finite() && x.weight > 0.0 {
                x.weight
            } else {
                0.0
            }
        })
    };
    let mut exact = true;
    // Groups: theme root → (themes, components).
    let mut groups: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for t in 0..nt {
        groups.entry(tsets.find(t)).or_default().0.push(t);
    }
    for (&root, qs) in &comp_questions {
        if let Some(t) = qs.iter().find_map(|&q| theme_of(q)) {
            groups.entry(tsets.find(t)).or_default().1.push(root);
        }
    }

    let target_index = req.target.effective_index(r);
    let mut work = Work { left: WORK_BUDGET };
    // The exact search, `None` when it runs out of work.
    let found: Option<(Vec<usize>, bool)> = 'search: {
        // Per group: the Pareto states over its components.
        let mut group_states: Vec<(Vec<usize>, Vec<State>)> = Vec::new();
        for (themes, comps) in groups.values() {
            let pos = |t: usize| themes.iter().position(|&x| x == t);
            let start = State {
                effort: 0,
                budget: 0,
                weight: themes
                    .iter()
                    .map(|&t| const_weight.get(t).copied().unwrap_or(0.0))
                    .collect(),
                credit: themes
                    .iter()
                    .map(|&t| const_credit.get(t).copied().unwrap_or(0.0))
                    .collect(),
                actions: Vec::new(),
            };
            let mut states = vec![start];
            for root in comps {
                let acts = comp_actions.get(root).cloned().unwrap_or_default();
                let qs = comp_questions.get(root).cloned().unwrap_or_default();
                // Parents before children, for `subset_lines`.
                let depth = |mut q: usize| {
                    let mut d = 0usize;
                    while let Some(p) = parent_of.get(q).copied().flatten() {
                        d += 1;
                        q = p;
                        if d > nq {
                            break;
                        }
                    }
                    d
                };
                let mut ordered: Vec<(usize, Option<usize>)> = qs
                    .iter()
                    .map(|&q| (q, parent_of.get(q).copied().flatten()))
                    .collect();
                ordered.sort_by_key(|&(q, _)| (depth(q), q));
                let slot: BTreeMap<usize, usize> = ordered
                    .iter()
                    .enumerate()
                    .map(|(k, &(q, _))| (q, k))
                    .collect();
                let base_answers: Vec<Option<Answer>> = ordered
                    .iter()
                    .map(|&(q, _)| {
                        r.questions
                            .get(q)
                            .and_then(|x| a.answers.get(&x.id))
                            .cloned()
                    })
                    .collect();
                let exhaustive = acts.len() <= MAX_EXACT_COMPONENT;
                // Each subset scores the component's questions.
                let n_subsets = if exhaustive {
                    1u64 << acts.len()
                } else {
                    count(acts.len()).saturating_add(1)
                };
                if work
                    .spend(n_subsets.saturating_mul(count(qs.len() + acts.len())))
                    .is_none()
                {
                    break 'search None;
                }
                let subsets: Vec<Vec<usize>> = if exhaustive {
                    (0u32..(1u32 << acts.len()))
                        .map(|mask| {
                            acts.iter()
                                .enumerate()
                                .filter(|(b, _)| mask & (1 << b) != 0)
                                .map(|(_, &i)| i)
                                .collect()
                        })
                        .collect()
                } else {
                    exact = false;
                    greedy_chain(&mut rescorer, &acts)
                };
                let mut options = Vec::new();
                for subset in subsets {
                    let ok_required = acts
                        .iter()
                        .filter(|i| required.contains(i))
                        .all(|i| subset.contains(i));
                    let ok_prereq = subset.iter().all(|&i| {
                        prereqs
                            .get(i)
                            .is_none_or(|p| p.iter().all(|j| subset.contains(j)))
                    });
                    if !ok_required || !ok_prereq {
                        continue;
                    }
                    let effort = subset
                        .iter()
                        .fold(0u32, |acc, &i| acc.saturating_add(effort_of(i)));
                    let budget = subset
                        .iter()
                        .fold(0u32, |acc, &i| acc.saturating_add(budget_of(i)));
                    if !within(effort, budget) {
                        continue;
                    }
                    let mut overlay = base_answers.clone();
                    for x in subset.iter().filter_map(|&i| r.actions.get(i)) {
                        for ad in &x.addresses {
                            let Some(&qi) = question_index.get(ad.question.as_str()) else {
                                continue;
                            };
                            let (Some(q), Some(&k)) = (r.questions.get(qi), slot.get(&qi)) else {
                                continue;
                            };
                            if let Some(new) = apply_outcome(
                                q,
                                overlay.get(k).and_then(Option::as_ref),
                                &ad.leads_to,
                            ) {
                                if let Some(cell) = overlay.get_mut(k) {
                                    *cell = Some(new);
                                }
                            }
                        }
                    }
                    let lines = scoring::subset_lines(r, a.level, &a.profile, &ordered, |qi| {
                        slot.get(&qi)
                            .and_then(|&k| overlay.get(k))
                            .and_then(Option::as_ref)
                    });
                    let mut credit = vec![0.0; themes.len()];
                    let mut weight = vec![0.0; themes.len()];
                    for (q, line) in &lines {
                        let Some(question) = r.questions.get(*q) else {
                            continue;
                        };
                        if !line.counted {
                            continue;
                        }
                        if let Some(p) = theme_of(*q).and_then(pos) {
                            if let (Some(c), Some(w)) = (credit.get_mut(p), weight.get_mut(p)) {
                                *c += line.credit;
                                *w += question.weight;
                            }
                        }
                    }
                    options.push(State {
                        actions: subset,
                        effort,
                        budget,
                        credit,
                        weight,
                    });
                }
                // Subsets beaten on every count by another never help.
                let Some(options) = prune(options, &mut work) else {
                    break 'search None;
                };
                // A group's partial plan holds vectors: building, sorting
                // and pruning one costs about sixteen steps.
                if work
                    .spend(
                        count(states.len())
                            .saturating_mul(count(options.len()))
                            .saturating_mul(16),
                    )
                    .is_none()
                {
                    break 'search None;
                }
                let mut next = Vec::with_capacity(states.len() * options.len().max(1));
                for s in &states {
                    for o in &options {
                        let effort = s.effort.saturating_add(o.effort);
                        let budget = s.budget.saturating_add(o.budget);
                        if !within(effort, budget) {
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
                let Some(kept) = prune(next, &mut work) else {
                    break 'search None;
                };
                states = kept;
                if states.len() > MAX_GROUP_STATES {
                    // Themes tangled by many cross-theme components: keep, per
                    // effort and budget, the state with the best weighted score.
                    exact = false;
                    let score = |st: &State| -> f64 {
                        themes
                            .iter()
                            .zip(st.credit.iter().zip(&st.weight))
                            .filter(|(_, (_, w))| **w > 0.0)
                            .map(|(&t, (c, w))| theme_weight(t) * c / w)
                            .sum()
                    };
                    let mut best: BTreeMap<(u32, u32), State> = BTreeMap::new();
                    for st in states {
                        let key = (st.effort, st.budget);
                        if best.get(&key).is_none_or(|b| score(&st) > score(b)) {
                            best.insert(key, st);
                        }
                    }
                    states = best.into_values().collect();
                }
            }
            group_states.push((themes.clone(), states));
        }

        // Themes that may or may not end up with a score make the index's
        // denominator vary: try each combination (almost always just one).
        let mut uncertain: Vec<usize> = Vec::new();
        for (themes, states) in &group_states {
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
            for (themes, states) in &group_states {
                let Some(s) = states.first() else { continue };
                for (p, &t) in themes.iter().enumerate() {
                    if scored_now(t, s.weight.get(p).copied().unwrap_or(0.0)) {
                        total_weight += theme_weight(t);
                    }
                }
            }
            if total_weight <= 0.0 {
                continue;
            }
            let mut totals = vec![Total {
                effort: 0,
                budget: 0,
                value: 0.0,
                themes_ok: true,
                prev: usize::MAX,
                option: usize::MAX,
            }];
            // Per group: its options (pruned) and the totals kept after it.
            let mut layers: Vec<(Vec<Total>, Vec<Total>)> = Vec::with_capacity(group_states.len());
            for (themes, states) in &group_states {
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
                        let score =
                            (w > 0.0).then(|| 100.0 * s.credit.get(p).copied().unwrap_or(0.0) / w);
                        if let Some(sc) = score {
                            value += theme_weight(t) * sc / total_weight;
                        }
                        if let Some(goal) =
                            r.themes.get(t).and_then(|x| req.target.themes.get(&x.id))
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
                let Some(options) = prune_totals(options, &mut work) else {
                    break 'search None;
                };
                if work
                    .spend(count(totals.len()).saturating_mul(count(options.len())))
                    .is_none()
                {
                    break 'search None;
                }
                let Some(kept) = prune_totals(combine(&totals, &options, &within), &mut work)
                else {
                    break 'search None;
                };
                totals = kept;
                layers.push((options, totals.clone()));
            }
            // The actions of a final total, read back through the layers.
            let actions_of = |t: &Total| -> Vec<usize> {
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
            };
            for t in totals {
                let feasible =
                    t.themes_ok && target_index.is_none_or(|ti| reaches(Some(t.value), ti));
                if feasible {
                    let better = best_feasible.as_ref().is_none_or(|(b, _)| {
                        (
                            t.effort,
                            std::cmp::Reverse(round2(t.value).to_bits_ordered()),
                            t.budget,
                        ) < (
                            b.effort,
                            std::cmp::Reverse(round2(b.value).to_bits_ordered()),
                            b.budget,
                        )
                    });
                    if better {
                        best_feasible = Some((t, actions_of(&t)));
                    }
                }
                let better_any = best_any.as_ref().is_none_or(|(b, _)| {
                    (
                        std::cmp::Reverse(round2(t.value).to_bits_ordered()),
                        t.effort,
                        t.budget,
                    ) < (
                        std::cmp::Reverse(round2(b.value).to_bits_ordered()),
                        b.effort,
                        b.budget,
                    )
                });
                if better_any {
                    best_any = Some((t, actions_of(&t)));
                }
            }
        }
        let reachable = best_feasible.is_some();
        let chosen = best_feasible.or(best_any);
        let mut chosen_actions: Vec<usize> = chosen.map(|(_, actions)| actions).unwrap_or_default();
        chosen_actions.sort_unstable();
        chosen_actions.dedup();
        Some((chosen_actions, reachable))
    };
    let budget_hit = found.is_none();
    let (chosen_actions, reachable) = match found {
        Some(plan) => plan,
        None => greedy_plan(r, a, req, &candidate, &prereqs, &within, target_index),
    };
    exact &= !budget_hit;

    let note = (!reachable).then(|| {
        let limits = match (req.max_effort, req.max_budget) {
            (Some(e), Some(b)) => format!(" within {e} effort points and {b} €"),
            (Some(e), None) => format!(" within {e} effort points"),
            (None, Some(b)) => format!(" within {b} €"),
            (None, None) => String::new(),
        };
        if budget_hit {
            "no plan reaching the target was found".to_owned()
                + &limits
                + " before the search's work budget ran out; the plan reaches the best index found"
        } else {
            "the target cannot be reached".to_owned()
                + &limits
                + "; the plan reaches the best reachable index"
        }
    });
    Ok(build_proposal(
        rescorer,
        a,
        req,
        chosen_actions,
        &prereqs,
        reachable,
        exact,
        target_index,
        note,
    ))
}

/// The plan when the exact search runs out of work: the required actions
/// (with their prerequisites), then, one at a time, the ready action (its
/// prerequisites in the plan) of best index gain per effort point that
/// keeps within the limits, until the target is reached or nothing raises
/// the index any more. When the target is not reached, the step of best
/// index (the earliest among equals) ends the plan. Returns the actions
/// and whether the target is reached.
fn greedy_plan(
    r: &Referential,
    a: &Assessment,
    req: &ProposalRequest,
    candidate: &[bool],
    prereqs: &[Vec<usize>],
    within: &impl Fn(u32, u32) -> bool,
    target_index: Option<f64>,
) -> (Vec<usize>, bool) {
    let mut rs = Rescorer::new(r, a.level, &a.profile, &a.answers);
    let n = r.actions.len();
    let cost = |i: usize| -> (u32, u32) {
        r.actions.get(i).map_or((0, 0), |x| {
            let budget = match req.max_budget {
                Some(_) => x.cost.map_or(0, CostBand::estimate),
                None => 0,
            };
            (x.effort.points(), budget)
        })
    };
    let mut in_plan = vec![false; n];
    let mut plan: Vec<usize> = Vec::new();
    let (mut effort, mut budget) = (0u32, 0u32);
    let ready = |i: usize, in_plan: &[bool]| {
        prereqs
            .get(i)
            .is_none_or(|p| p.iter().all(|&j| in_plan.get(j).copied().unwrap_or(false)))
    };
    // Required actions and their prerequisites, prerequisites first.
    let mut mandatory: Vec<usize> = req
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
    while let Some(pos) = mandatory.iter().position(|&i| ready(i, &in_plan)) {
        let i = mandatory.remove(pos);
        let Some(x) = r.actions.get(i) else { continue };
        let e = rs.effect(std::iter::once(x));
        rs.commit(&e);
        let (de, db) = cost(i);
        effort = effort.saturating_add(de);
        budget = budget.saturating_add(db);
        if let Some(slot) = in_plan.get_mut(i) {
            *slot = true;
        }
        plan.push(i);
    }
    if !mandatory.is_empty() || !within(effort, budget) {
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
    let mut best = (rs.index.map_or(f64::NEG_INFINITY, round2), plan.len());
    loop {
        if reached(&rs) {
            plan.sort_unstable();
            return (plan, true);
        }
        let current = rs.index.unwrap_or(0.0);
        let mut pick: Option<(f64, usize)> = None;
        for i in 0..n {
            if !candidate.get(i).copied().unwrap_or(false)
                || in_plan.get(i).copied().unwrap_or(true)
                || !ready(i, &in_plan)
            {
                continue;
            }
            let (de, db) = cost(i);
            if !within(effort.saturating_add(de), budget.saturating_add(db)) {
                continue;
            }
            let (Some(x), Some(slot)) = (r.actions.get(i), effects.get_mut(i)) else {
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
        let Some((_, i)) = pick else { break };
        if let Some((e, _, _)) = effects.get_mut(i).and_then(Option::take) {
            rs.commit(&e);
        }
        let (de, db) = cost(i);
        effort = effort.saturating_add(de);
        budget = budget.saturating_add(db);
        if let Some(slot) = in_plan.get_mut(i) {
            *slot = true;
        }
        plan.push(i);
        let index = rs.index.map_or(f64::NEG_INFINITY, round2);
        if index > best.0 {
            best = (index, plan.len());
        }
    }
    plan.truncate(best.1);
    plan.sort_unstable();
    (plan, false)
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

/// For oversized components: the prefixes of the actions ordered by their
/// gain alone per effort point (one engine evaluation per action, so huge
/// components stay fast; the result is then not proven optimal).
fn greedy_chain(rs: &mut Rescorer<'_>, acts: &[usize]) -> Vec<Vec<usize>> {
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

#[allow(clippy::too_many_arguments)]
fn build_proposal(
    mut rs: Rescorer<'_>,
    a: &Assessment,
    req: &ProposalRequest,
    chosen: Vec<usize>,
    prereqs: &[Vec<usize>],
    reachable: bool,
    exact: bool,
    target_index: Option<f64>,
    note: Option<String>,
) -> Proposal {
    let r = rs.r;
    let baseline = rs.index;
    let n = r.actions.len();
    let mut in_plan = vec![false; n];
    for &i in &chosen {
        if let Some(x) = in_plan.get_mut(i) {
            *x = true;
        }
    }
    let mut done = vec![false; n];
    // Schedule: among actions whose prerequisites are done, the best gain
    // per effort point first; ties in referential order. Each action's
    // effect is kept until a step changes one of its questions or themes:
    // a step then costs one sum over the themes per action left.
    let mut effects: Vec<Option<Effect>> = std::iter::repeat_with(|| None).take(n).collect();
    let mut left = chosen.clone();
    let mut schedule = Vec::new();
    let mut current = baseline;
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
        let mut best: Option<(f64, usize, Option<f64>)> = None;
        for &i in &pool {
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
            let per_effort = (after.unwrap_or(0.0) - current.unwrap_or(0.0))
                / f64::from(x.effort.points().max(1));
            if best
                .as_ref()
                .is_none_or(|(g, _, _)| per_effort > *g + 1e-12)
            {
                best = Some((per_effort, i, after));
            }
        }
        let Some((_, i, after)) = best else { break };
        left.retain(|&x| x != i);
        if let Some(x) = r.actions.get(i) {
            schedule.push(ScheduledAction {
                step: u32::try_from(schedule.len() + 1).unwrap_or(u32::MAX),
                id: x.id.clone(),
                title: x.title.clone(),
                effort: x.effort,
                impact: x.impact,
                cost: x.cost,
                reen_area: x.reen_area,
                questions: rs.raises(x),
                after: prereqs
                    .get(i)
                    .into_iter()
                    .flatten()
                    .filter(|&&j| in_plan.get(j).copied().unwrap_or(false))
                    .filter_map(|&j| r.actions.get(j).map(|y| y.id.clone()))
                    .collect(),
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
    let refs: Vec<&Action> = chosen.iter().filter_map(|&i| r.actions.get(i)).collect();
    // The outcomes in referential order, as the plan's documents apply them
    // (two outcomes of equal points on one question keep the first).
    let final_answers =
        apply_addresses(r, &a.answers, refs.iter().flat_map(|x| x.addresses.iter()));
    let finished = Rescorer::new(r, a.level, &a.profile, &final_answers);
    let before_report = scoring::score(r, a, Vec::new());
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
        reachable,
        exact,
        target_index,
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
        note,
    }
}
