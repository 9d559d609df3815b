//! Stage 1: components and their subsets. Actions interact only through
//! the questions they raise: actions touching the same question, questions
//! linked by a condition and actions linked by a prerequisite form a
//! component, and components touching the same themes form a theme group.
//! Every subset of a component's actions is scored by the engine on the
//! component's questions alone; this is exact because no question outside
//! the component changes with those actions.

use std::collections::{BTreeMap, BTreeSet};

use super::select::Selection;
use super::work::{count, State, Work};
use super::{greedy, Ctx, MAX_EXACT_COMPONENT};
use crate::engine::candidates::Rescorer;
use crate::engine::scoring::{self, apply_outcome, Evaluation};
use crate::model::assessment::Answer;

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

/// The components, their theme groups and what no action touches.
pub(super) struct Components {
    /// Per question, the question its condition reads.
    pub(super) parent_of: Vec<Option<usize>>,
    /// Component root → its candidate actions.
    pub(super) actions: BTreeMap<usize, Vec<usize>>,
    /// Component root → its questions.
    pub(super) questions: BTreeMap<usize, Vec<usize>>,
    /// Theme root → (themes, component roots).
    pub(super) groups: BTreeMap<usize, (Vec<usize>, Vec<usize>)>,
    /// Constant Σ credit per theme from questions no action touches.
    pub(super) const_credit: Vec<f64>,
    /// Constant Σ weight per theme from questions no action touches.
    pub(super) const_weight: Vec<f64>,
}

/// Components: questions linked by conditions, actions by shared
/// questions and prerequisites. Nodes: questions, then actions.
pub(super) fn components(ctx: &Ctx<'_>, sel: &Selection, base: &Evaluation) -> Components {
    let r = ctx.r;
    let nq = r.questions.len();
    let parent_of: Vec<Option<usize>> = r
        .questions
        .iter()
        .map(|q| {
            q.condition
                .as_ref()
                .and_then(|c| ctx.question_index.get(c.question()).copied())
        })
        .collect();
    let mut sets = Sets::new(nq + r.actions.len());
    for (i, q) in r.questions.iter().enumerate() {
        if let Some(p) = q
            .condition
            .as_ref()
            .and_then(|c| ctx.question_index.get(c.question()))
        {
            sets.union(i, *p);
        }
    }
    for (i, x) in r.actions.iter().enumerate() {
        if sel.candidate.get(i) != Some(&true) {
            continue;
        }
        for ad in &x.addresses {
            if let Some(&q) = ctx.question_index.get(ad.question.as_str()) {
                sets.union(nq + i, q);
            }
        }
        for &j in sel.prereqs.get(i).into_iter().flatten() {
            sets.union(nq + i, nq + j);
        }
    }
    let mut actions: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..r.actions.len() {
        if sel.candidate.get(i) == Some(&true) {
            actions.entry(sets.find(nq + i)).or_default().push(i);
        }
    }
    let mut questions: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for q in 0..nq {
        let root = sets.find(q);
        if actions.contains_key(&root) {
            questions.entry(root).or_default().push(q);
        }
    }
    let groups = theme_groups(ctx, &questions);
    let (const_credit, const_weight) = constants(ctx, &questions, base);
    Components {
        parent_of,
        actions,
        questions,
        groups,
        const_credit,
        const_weight,
    }
}

/// Theme groups: themes touched by one component belong together.
fn theme_groups(
    ctx: &Ctx<'_>,
    comp_questions: &BTreeMap<usize, Vec<usize>>,
) -> BTreeMap<usize, (Vec<usize>, Vec<usize>)> {
    let nt = ctx.r.themes.len();
    let mut tsets = Sets::new(nt);
    for qs in comp_questions.values() {
        let ts: Vec<usize> = qs.iter().filter_map(|&q| ctx.theme_of(q)).collect();
        for w in ts.windows(2) {
            if let [x, y] = w {
                tsets.union(*x, *y);
            }
        }
    }
    let mut groups: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for t in 0..nt {
        groups.entry(tsets.find(t)).or_default().0.push(t);
    }
    for (&root, qs) in comp_questions {
        if let Some(t) = qs.iter().find_map(|&q| ctx.theme_of(q)) {
            groups.entry(tsets.find(t)).or_default().1.push(root);
        }
    }
    groups
}

/// Constant Σ credit and Σ weight per theme from questions no action touches.
fn constants(
    ctx: &Ctx<'_>,
    comp_questions: &BTreeMap<usize, Vec<usize>>,
    base: &Evaluation,
) -> (Vec<f64>, Vec<f64>) {
    let nt = ctx.r.themes.len();
    let in_component: BTreeSet<usize> = comp_questions.values().flatten().copied().collect();
    let mut const_credit = vec![0.0; nt];
    let mut const_weight = vec![0.0; nt];
    for (qi, line) in base.lines.iter().enumerate() {
        if in_component.contains(&qi) || !line.counted {
            continue;
        }
        if let Some(t) = ctx.theme_of(qi) {
            if let (Some(c), Some(w), Some(q)) = (
                const_credit.get_mut(t),
                const_weight.get_mut(t),
                ctx.r.questions.get(qi),
            ) {
                *c += line.credit;
                *w += q.weight;
            }
        }
    }
    (const_credit, const_weight)
}

/// A component's questions, parents before children (for
/// `subset_lines`), with their slots and current answers.
struct Layout {
    ordered: Vec<(usize, Option<usize>)>,
    slot: BTreeMap<usize, usize>,
    base_answers: Vec<Option<Answer>>,
}

fn layout(ctx: &Ctx<'_>, comps: &Components, qs: &[usize]) -> Layout {
    let nq = ctx.r.questions.len();
    let parent_of = &comps.parent_of;
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
            ctx.r
                .questions
                .get(q)
                .and_then(|x| ctx.a.answers.get(&x.id))
                .cloned()
        })
        .collect();
    Layout {
        ordered,
        slot,
        base_answers,
    }
}

/// The ways to carry out one component inside a group of `themes`: every
/// subset of its actions (a greedy chain of them past
/// [`MAX_EXACT_COMPONENT`]) that keeps the required actions and the
/// prerequisites, within the limits, and whether every subset was tried.
/// `None` when the work budget runs out.
pub(super) fn options(
    ctx: &Ctx<'_>,
    sel: &Selection,
    comps: &Components,
    root: usize,
    themes: &[usize],
    rescorer: &mut Rescorer<'_>,
    work: &mut Work,
) -> Option<(Vec<State>, bool)> {
    let acts = comps.actions.get(&root).cloned().unwrap_or_default();
    let qs = comps.questions.get(&root).cloned().unwrap_or_default();
    let lay = layout(ctx, comps, &qs);
    let exhaustive = acts.len() <= MAX_EXACT_COMPONENT;
    // Each subset scores the component's questions.
    let n_subsets = if exhaustive {
        1u64 << acts.len()
    } else {
        count(acts.len()).saturating_add(1)
    };
    work.spend(n_subsets.saturating_mul(count(qs.len() + acts.len())))?;
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
        greedy::greedy_chain(rescorer, &acts)
    };
    let mut options = Vec::new();
    for subset in subsets {
        let ok_required = acts
            .iter()
            .filter(|i| sel.required.contains(i))
            .all(|i| subset.contains(i));
        let ok_prereq = subset.iter().all(|&i| {
            sel.prereqs
                .get(i)
                .is_none_or(|p| p.iter().all(|j| subset.contains(j)))
        });
        if !ok_required || !ok_prereq {
            continue;
        }
        if let Some(state) = score_subset(ctx, &lay, themes, subset) {
            options.push(state);
        }
    }
    Some((options, exhaustive))
}

/// A subset's effort, budget and, per theme of the group, Σ credit and
/// Σ weight of the component's questions; `None` past the limits.
fn score_subset(
    ctx: &Ctx<'_>,
    lay: &Layout,
    themes: &[usize],
    subset: Vec<usize>,
) -> Option<State> {
    let r = ctx.r;
    let effort = subset
        .iter()
        .fold(0u32, |acc, &i| acc.saturating_add(ctx.effort_of(i)));
    let budget = subset
        .iter()
        .fold(0u32, |acc, &i| acc.saturating_add(ctx.budget_of(i)));
    if !ctx.within(effort, budget) {
        return None;
    }
    let mut overlay = lay.base_answers.clone();
    for x in subset.iter().filter_map(|&i| r.actions.get(i)) {
        for ad in &x.addresses {
            let Some(&qi) = ctx.question_index.get(ad.question.as_str()) else {
                continue;
            };
            let (Some(q), Some(&k)) = (r.questions.get(qi), lay.slot.get(&qi)) else {
                continue;
            };
            if let Some(new) =
                apply_outcome(q, overlay.get(k).and_then(Option::as_ref), &ad.leads_to)
            {
                if let Some(cell) = overlay.get_mut(k) {
                    *cell = Some(new);
                }
            }
        }
    }
    let a = ctx.a;
    let lines = scoring::subset_lines(r, a.level, &a.profile, &lay.ordered, |qi| {
        lay.slot
            .get(&qi)
            .and_then(|&k| overlay.get(k))
            .and_then(Option::as_ref)
    });
    let pos = |t: usize| themes.iter().position(|&x| x == t);
    let mut credit = vec![0.0; themes.len()];
    let mut weight = vec![0.0; themes.len()];
    for (q, line) in &lines {
        let Some(question) = r.questions.get(*q) else {
            continue;
        };
        if !line.counted {
            continue;
        }
        if let Some(p) = ctx.theme_of(*q).and_then(pos) {
            if let (Some(c), Some(w)) = (credit.get_mut(p), weight.get_mut(p)) {
                *c += line.credit;
                *w += question.weight;
            }
        }
    }
    Some(State {
        actions: subset,
        effort,
        budget,
        credit,
        weight,
    })
}
