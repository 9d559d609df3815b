//! Candidate actions: every action that would raise an answer, with the
//! exact index gain it brings on its own, and the rescorer the optimiser
//! uses for the gains of its schedule.
//!
//! Gains (of a candidate, of each step of the schedule) rescore only what an
//! action touches: its questions, the questions whose condition depends on
//! them, and their themes. A theme's sums are added up over its questions
//! in referential order and the index over the themes in theme order, as
//! the full evaluation does, so every figure is bit for bit the full
//! rescoring's.

use std::borrow::Cow;
use std::collections::BTreeMap;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

// The candidate's type sits with the report's types, which list it.
pub use crate::engine::scoring::Candidate;
use crate::engine::scoring::{
    self, apply_outcome, evaluate, outcome_raises, round2, Evaluation, Facts, Line, Scored, Shown,
};
use crate::model::assessment::{Answer, Assessment};
use crate::model::profile::Profile;
use crate::model::referential::{Action, Rating, Referential};

/// Candidate actions and their views.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Candidates {
    /// Current index.
    pub index: Option<f64>,
    /// Every candidate, in referential order.
    pub actions: Vec<Candidate>,
    /// Quick wins: low effort and medium or high impact, highest impact then
    /// largest gain first.
    pub quick_wins: Vec<String>,
    /// Every candidate, largest gain first (least effort among equals).
    pub largest_gains: Vec<String>,
    /// Candidates by theme (theme id → action ids, largest gain first).
    pub by_theme: BTreeMap<String, Vec<String>>,
    /// Candidates by REEN decree area ("1" … "6", "none").
    pub by_reen_area: BTreeMap<String, Vec<String>>,
}

/// Whether an action would raise at least one of the current answers.
pub(crate) fn raises(
    r: &Referential,
    answers: &IndexMap<String, Answer>,
    action: &Action,
) -> Vec<String> {
    action
        .addresses
        .iter()
        .filter(|ad| {
            r.question(&ad.question)
                .is_some_and(|q| outcome_raises(q, answers.get(&q.id), &ad.leads_to))
        })
        .map(|ad| ad.question.clone())
        .collect()
}

/// What scoring keeps of a question's line: whether it is shown, counted,
/// and its credit.
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    pub(crate) shown: Shown,
    pub(crate) counted: bool,
    pub(crate) credit: f64,
}

impl Mark {
    pub(crate) fn of(line: &Line) -> Mark {
        Mark {
            shown: line.shown,
            counted: line.counted,
            credit: line.credit,
        }
    }
}

/// A theme's Σ credit and Σ weight over its counted questions.
pub(crate) type Sums = (f64, f64);

/// What doing some actions changes, from a [`Rescorer`]'s answers.
pub(crate) struct Effect {
    /// The answers they raise (question position, new answer).
    pub(crate) answers: Vec<(usize, Answer)>,
    /// The new marks of the questions they reach: the raised ones and
    /// their condition descendants.
    pub(crate) marks: Vec<(usize, Mark)>,
    /// The new sums of the themes of those questions, by theme position.
    pub(crate) themes: Vec<(usize, Sums)>,
    /// The questions it was computed from (addressed and reached): it
    /// holds until one of them or one of its themes changes.
    pub(crate) reads: Vec<usize>,
    /// The rescorer's commit count when it was computed.
    pub(crate) at: u32,
}

/// Question links the incremental rescoring walks. Absent when the
/// referential has a condition cycle or repeated question ids (invalid
/// ones, where a question's visibility or answer is not its own): every
/// change is then rescored in full.
pub(crate) struct Links {
    /// The questions whose condition names each question.
    pub(crate) children: Vec<Vec<usize>>,
    /// Number of condition ancestors: parents come first by it.
    pub(crate) depth: Vec<usize>,
    /// Each question's condition parent and theme (`Referential::parent_of`, `theme_of`).
    pub(crate) parent: Vec<Option<usize>>,
    pub(crate) theme: Vec<Option<usize>>,
}

/// Scores an assessment once, then the effect of actions by rescoring only
/// what they touch: the questions they raise, their condition descendants
/// and the themes of those. Every figure is bit for bit the full
/// evaluation's: a theme's sums are added up over its questions in
/// referential order, and the index over themes in theme order, exactly as
/// `scoring::evaluate` does.
pub(crate) struct Rescorer<'r> {
    pub(crate) r: &'r Referential,
    pub(crate) level: u8,
    pub(crate) profile: &'r Profile,
    pub(crate) facts: Facts<'r>,
    pub(crate) links: Option<Links>,
    /// The questions of each theme, in referential order.
    pub(crate) by_theme: Vec<Vec<usize>>,
    /// Current answers by question position.
    pub(crate) answers: Vec<Option<Cow<'r, Answer>>>,
    /// Current answers by id, for full rescoring when `links` is absent.
    pub(crate) by_id: Option<IndexMap<String, Answer>>,
    pub(crate) marks: Vec<Mark>,
    pub(crate) sums: Vec<Sums>,
    /// The index's two running sums (Σ weight × score, Σ weight) before
    /// each theme, and after the last.
    pub(crate) prefix: Vec<(f64, f64)>,
    pub(crate) index: Option<f64>,
    /// Commits so far, and the commit that last changed each question and
    /// each theme.
    pub(crate) commits: u32,
    pub(crate) question_changed: Vec<u32>,
    pub(crate) theme_changed: Vec<u32>,
    /// Scratch: questions reached by the effect being computed (`seen` equal
    /// to `pass`), their new marks, and where their new answer is.
    pub(crate) pass: u32,
    pub(crate) seen: Vec<u32>,
    pub(crate) scratch: Vec<Mark>,
    pub(crate) changed: Vec<Option<usize>>,
    /// Kept buffers of `themes_after`.
    pub(crate) reach_buffer: Vec<usize>,
    pub(crate) touched_buffer: Vec<usize>,
}

impl<'r> Rescorer<'r> {
    pub(crate) fn new(
        r: &'r Referential,
        level: u8,
        profile: &'r Profile,
        answers: &'r IndexMap<String, Answer>,
    ) -> Rescorer<'r> {
        let facts = Facts::of(r);
        let at = scoring::answers_at(r, answers);
        let ev = scoring::evaluate_at(&facts, level, profile, &|i| at.get(i).copied().flatten());
        Rescorer::with(facts, level, profile, answers, at, &ev)
    }

    /// [`Rescorer::new`] from the facts, the answers by position
    /// ([`scoring::answers_at`]) and the evaluation of these answers (the
    /// score report has them already: they are not computed again).
    pub(crate) fn with(
        facts: Facts<'r>,
        level: u8,
        profile: &'r Profile,
        answers: &'r IndexMap<String, Answer>,
        at: Vec<Option<&'r Answer>>,
        ev: &Evaluation,
    ) -> Rescorer<'r> {
        let r = facts.r;
        let n = r.questions.len();
        let marks: Vec<Mark> = ev.lines.iter().map(Mark::of).collect();
        let mut by_theme = vec![Vec::new(); r.themes.len()];
        for i in 0..n {
            if let Some(list) = facts.at(i).theme.and_then(|t| by_theme.get_mut(t)) {
                list.push(i);
            }
        }
        let links = Rescorer::links(&facts);
        let by_id = links.is_none().then(|| answers.clone());
        let mut out = Rescorer {
            r,
            level,
            profile,
            links,
            by_theme,
            answers: at.into_iter().map(|a| a.map(Cow::Borrowed)).collect(),
            by_id,
            marks,
            sums: Vec::new(),
            prefix: Vec::new(),
            index: None,
            commits: 0,
            question_changed: vec![0; n],
            theme_changed: vec![0; r.themes.len()],
            pass: 0,
            seen: vec![0; n],
            scratch: vec![
                Mark {
                    shown: Shown::Hidden,
                    counted: false,
                    credit: 0.0
                };
                n
            ],
            changed: vec![None; n],
            reach_buffer: Vec::new(),
            touched_buffer: Vec::new(),
            facts,
        };
        out.sums = (0..r.themes.len())
            .map(|t| out.theme_sums(t, false))
            .collect();
        out.refresh();
        out
    }

    /// The links of the facts' referential (its parents and themes are the facts').
    pub(crate) fn links(facts: &Facts<'_>) -> Option<Links> {
        let r = facts.r;
        let n = r.questions.len();
        // Ids are unique when each question is the first with its id (the
        // referential's lookup table answers that without a set of ids). A
        // checked referential has unique ids: validation refused duplicates.
        if !r.lookup.is_checked()
            && !(0..n).all(|i| {
                r.questions
                    .get(i)
                    .is_some_and(|q| r.question_index(&q.id) == Some(i))
            })
        {
            return None;
        }
        let parent: Vec<Option<usize>> = (0..n).map(|i| facts.at(i).parent).collect();
        let mut children = vec![Vec::new(); n];
        let mut depth = vec![0usize; n];
        for i in 0..n {
            if let Some(p) = parent.get(i).copied().flatten() {
                children.get_mut(p)?.push(i);
            }
            // A chain longer than the referential is a cycle.
            let (mut d, mut cur) = (0usize, i);
            while let Some(p) = parent.get(cur).copied().flatten() {
                d += 1;
                cur = p;
                if d > n {
                    return None;
                }
            }
            *depth.get_mut(i)? = d;
        }
        let theme = (0..n).map(|i| facts.at(i).theme).collect();
        Some(Links {
            children,
            depth,
            parent,
            theme,
        })
    }

    /// Σ credit and Σ weight of theme `t`, in referential order (with
    /// `fresh`, the marks of the effect being computed replace the current ones).
    pub(crate) fn theme_sums(&self, t: usize, fresh: bool) -> Sums {
        let (mut credit, mut weight) = (0.0, 0.0);
        for &qi in self.by_theme.get(t).into_iter().flatten() {
            let mark = if fresh && self.seen.get(qi) == Some(&self.pass) {
                self.scratch.get(qi)
            } else {
                self.marks.get(qi)
            };
            if let (Some(m), Some(q)) = (mark, self.r.questions.get(qi)) {
                if m.counted {
                    credit += m.credit;
                    weight += q.weight;
                }
            }
        }
        (credit, weight)
    }

    /// The index with the sums of some themes replaced (`themes` sorted by
    /// theme position): the full evaluation's final step.
    pub(crate) fn index_with(&self, themes: &[(usize, Sums)]) -> Option<f64> {
        // The themes before the first replaced one add up as they do now.
        let first = themes.first().map_or(self.r.themes.len(), |(t, _)| *t);
        let (mut weighted, mut weight_sum) = self.prefix.get(first).copied().unwrap_or((0.0, 0.0));
        let mut replaced = themes.iter().peekable();
        for (ti, t) in self.r.themes.iter().enumerate().skip(first) {
            let sums = match replaced.peek() {
                Some((at, new)) if *at == ti => {
                    replaced.next();
                    Some(new)
                }
                _ => self.sums.get(ti),
            };
            if let Some(sums) = sums {
                if sums.1 > 0.0 && t.weight.is_finite() && t.weight > 0.0 {
                    weighted += t.weight * 100.0 * sums.0 / sums.1;
                    weight_sum += t.weight;
                }
            }
        }
        (weight_sum > 0.0).then(|| weighted / weight_sum)
    }

    /// Recomputes `prefix` and `index` from `sums`.
    pub(crate) fn refresh(&mut self) {
        let (mut weighted, mut weight_sum) = (0.0, 0.0);
        self.prefix.clear();
        for (t, sums) in self.r.themes.iter().zip(&self.sums) {
            self.prefix.push((weighted, weight_sum));
            if sums.1 > 0.0 && t.weight.is_finite() && t.weight > 0.0 {
                weighted += t.weight * 100.0 * sums.0 / sums.1;
                weight_sum += t.weight;
            }
        }
        self.prefix.push((weighted, weight_sum));
        self.index = (weight_sum > 0.0).then(|| weighted / weight_sum);
    }

    /// The answers the actions' outcomes raise, applied in order on the
    /// current answers (as `apply_addresses` does).
    pub(crate) fn raised<'a>(
        &self,
        actions: impl IntoIterator<Item = &'a Action>,
    ) -> Vec<(usize, Answer)> {
        let mut out: Vec<(usize, Answer)> = Vec::new();
        for ad in actions.into_iter().flat_map(|x| x.addresses.iter()) {
            let Some(qi) = self.r.question_index(&ad.question) else {
                continue;
            };
            let Some(q) = self.r.questions.get(qi) else {
                continue;
            };
            let at = out.iter().position(|(p, _)| *p == qi);
            let current = match at.and_then(|k| out.get(k)) {
                Some((_, a)) => Some(a),
                None => self.answers.get(qi).and_then(|a| a.as_deref()),
            };
            if let Some(new) = apply_outcome(q, current, &ad.leads_to) {
                match at.and_then(|k| out.get_mut(k)) {
                    Some(slot) => slot.1 = new,
                    None => out.push((qi, new)),
                }
            }
        }
        out
    }

    /// The ids of the questions whose current answer an action raises.
    pub(crate) fn raises(&self, action: &Action) -> Vec<String> {
        self.raised_questions(action)
            .into_iter()
            .filter_map(|qi| self.r.questions.get(qi).map(|q| q.id.clone()))
            .collect()
    }

    /// [`Rescorer::raises`] as question positions (one per address that
    /// raises its answer, in address order).
    pub(crate) fn raised_questions(&self, action: &Action) -> Vec<usize> {
        action
            .addresses
            .iter()
            .filter_map(|ad| {
                let qi = self.r.question_index(&ad.question)?;
                let q = self.r.questions.get(qi)?;
                let current = self.answers.get(qi).and_then(|a| a.as_deref());
                outcome_raises(q, current, &ad.leads_to).then_some(qi)
            })
            .collect()
    }

    /// The effect of the actions, done in order, on the current answers.
    pub(crate) fn effect<'a>(
        &mut self,
        actions: impl IntoIterator<Item = &'a Action> + Clone,
    ) -> Effect {
        let answers = self.raised(actions.clone());
        let mut reads: Vec<usize> = actions
            .into_iter()
            .flat_map(|x| x.addresses.iter())
            .filter_map(|ad| self.r.question_index(&ad.question))
            .collect();
        if self.links.is_none() {
            return self.full_effect(answers, reads);
        }
        let (reach, marks, themes) = self.rescore(&answers);
        reads.extend(reach);
        Effect {
            answers,
            marks,
            themes,
            reads,
            at: self.commits,
        }
    }

    /// The new theme sums once an action is done on the current answers:
    /// its [`Rescorer::effect`] without what a commit needs (what a gain needs).
    pub(crate) fn themes_after(&mut self, action: &Action) -> Vec<(usize, Sums)> {
        let answers = self.raised(std::iter::once(action));
        if self.links.is_none() {
            return self.full_effect(answers, Vec::new()).themes;
        }
        // A report asks this of every action: the reached questions go in
        // a kept buffer and their marks stay in `scratch`, not in new vectors.
        let mut reach = std::mem::take(&mut self.reach_buffer);
        self.reach_into(&answers, &mut reach);
        self.remark(&answers, &reach, false);
        self.forget_changed(&answers);
        let themes = self.touched_sums(&reach);
        self.reach_buffer = reach;
        themes
    }

    /// The questions raised answers reach, their new marks and the new sums
    /// of their themes (referentials with `links`).
    #[allow(clippy::type_complexity)]
    fn rescore(
        &mut self,
        answers: &[(usize, Answer)],
    ) -> (Vec<usize>, Vec<(usize, Mark)>, Vec<(usize, Sums)>) {
        let mut reach = Vec::new();
        self.reach_into(answers, &mut reach);
        let marks = self.remark(answers, &reach, true);
        self.forget_changed(answers);
        let themes = self.touched_sums(&reach);
        (reach, marks, themes)
    }

    /// Clears where the raised answers' new answers were (`changed`).
    fn forget_changed(&mut self, answers: &[(usize, Answer)]) {
        for (qi, _) in answers {
            if let Some(c) = self.changed.get_mut(*qi) {
                *c = None;
            }
        }
    }

    /// The new sums of the themes of the reached questions, by theme position.
    fn touched_sums(&mut self, reach: &[usize]) -> Vec<(usize, Sums)> {
        let mut touched = std::mem::take(&mut self.touched_buffer);
        touched.clear();
        touched.extend(reach.iter().filter_map(|&q| {
            self.links
                .as_ref()
                .and_then(|l| l.theme.get(q).copied().flatten())
        }));
        touched.sort_unstable();
        touched.dedup();
        let themes = touched
            .iter()
            .map(|&t| (t, self.theme_sums(t, true)))
            .collect();
        self.touched_buffer = touched;
        themes
    }

    /// The raised questions and their condition descendants, parents
    /// first; each is marked as reached in this pass (`seen`), and a raised
    /// one with where its new answer is (`changed`).
    fn reach_into(&mut self, answers: &[(usize, Answer)], reach: &mut Vec<usize>) {
        reach.clear();
        self.pass = self.pass.wrapping_add(1);
        if self.pass == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.pass = 1;
        }
        let pass = self.pass;
        for (k, (qi, _)) in answers.iter().enumerate() {
            if let (Some(s), Some(c)) = (self.seen.get_mut(*qi), self.changed.get_mut(*qi)) {
                *s = pass;
                *c = Some(k);
                reach.push(*qi);
            }
        }
        let mut next = 0;
        while let Some(&q) = reach.get(next) {
            next += 1;
            let children = self
                .links
                .as_ref()
                .and_then(|l| l.children.get(q))
                .map_or(&[][..], Vec::as_slice);
            for &c in children {
                if let Some(s) = self.seen.get_mut(c) {
                    if *s != pass {
                        *s = pass;
                        reach.push(c);
                    }
                }
            }
        }
        if let Some(links) = &self.links {
            reach.sort_by_key(|&q| (links.depth.get(q).copied().unwrap_or(0), q));
        }
    }

    /// The new marks of the reached questions, parents first (kept in
    /// `scratch` for their children and the theme sums).
    /// The list of marks is only made with `collect` (an effect keeps it).
    fn remark(
        &mut self,
        answers: &[(usize, Answer)],
        reach: &[usize],
        collect: bool,
    ) -> Vec<(usize, Mark)> {
        let pass = self.pass;
        let Rescorer {
            r,
            level,
            profile,
            facts,
            answers: current,
            marks: old,
            seen,
            scratch,
            changed,
            links,
            ..
        } = self;
        let parent_of = links.as_ref().map_or(&[][..], |l| l.parent.as_slice());
        let answer_at = |q: usize| -> Option<&Answer> {
            match changed.get(q).copied().flatten() {
                Some(k) if seen.get(q) == Some(&pass) => answers.get(k).map(|(_, a)| a),
                _ => current.get(q).and_then(|a| a.as_deref()),
            }
        };
        let mut marks: Vec<(usize, Mark)> =
            Vec::with_capacity(if collect { reach.len() } else { 0 });
        for &qi in reach {
            let Some(q) = r.questions.get(qi) else {
                continue;
            };
            let f = facts.at(qi);
            // The rules of `scoring::evaluate`, the parent's new mark first.
            let shown = if q.level > *level {
                Shown::AboveLevel
            } else if !scoring::applies(q, profile) {
                Shown::OutOfProfile
            } else if let Some(c) = &q.condition {
                let visible = parent_of.get(qi).copied().flatten().is_some_and(|p| {
                    let parent = if seen.get(p) == Some(&pass) {
                        scratch.get(p)
                    } else {
                        old.get(p)
                    };
                    parent.is_some_and(|m| m.shown == Shown::Visible)
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
            };
            let mark = Mark::of(&scoring::line_for(q, f, shown, answer_at(qi)));
            if let Some(slot) = scratch.get_mut(qi) {
                *slot = mark;
            }
            if collect {
                marks.push((qi, mark));
            }
        }
        marks
    }

    /// [`Rescorer::effect`] by rescoring everything (referentials without `links`).
    pub(crate) fn full_effect(
        &mut self,
        answers: Vec<(usize, Answer)>,
        mut reads: Vec<usize>,
    ) -> Effect {
        let mut map = self.by_id.clone().unwrap_or_default();
        for (qi, a) in &answers {
            if let Some(q) = self.r.questions.get(*qi) {
                map.insert(q.id.clone(), a.clone());
            }
        }
        let ev = evaluate(self.r, self.level, self.profile, &map);
        let marks: Vec<(usize, Mark)> = ev.lines.iter().map(Mark::of).enumerate().collect();
        let saved = std::mem::replace(&mut self.marks, marks.iter().map(|(_, m)| *m).collect());
        let themes = (0..self.r.themes.len())
            .map(|t| (t, self.theme_sums(t, false)))
            .collect();
        self.marks = saved;
        reads.extend(0..self.r.questions.len());
        Effect {
            answers,
            marks,
            themes,
            reads,
            at: self.commits,
        }
    }

    /// Whether an effect computed earlier still holds.
    pub(crate) fn holds(&self, e: &Effect) -> bool {
        e.reads
            .iter()
            .all(|&q| self.question_changed.get(q).is_none_or(|&c| c <= e.at))
            && e.themes
                .iter()
                .all(|(t, _)| self.theme_changed.get(*t).is_none_or(|&c| c <= e.at))
    }

    /// Makes an effect's answers the current ones.
    pub(crate) fn commit(&mut self, e: &Effect) {
        self.commits = self.commits.saturating_add(1);
        let now = self.commits;
        for (qi, a) in &e.answers {
            if let Some(slot) = self.answers.get_mut(*qi) {
                *slot = Some(Cow::Owned(a.clone()));
            }
            if let (Some(map), Some(q)) = (self.by_id.as_mut(), self.r.questions.get(*qi)) {
                map.insert(q.id.clone(), a.clone());
            }
        }
        for &(qi, m) in &e.marks {
            if let Some(slot) = self.marks.get_mut(qi) {
                *slot = m;
            }
            if let Some(c) = self.question_changed.get_mut(qi) {
                *c = now;
            }
        }
        for &(t, s) in &e.themes {
            if let Some(slot) = self.sums.get_mut(t) {
                *slot = s;
            }
            if let Some(c) = self.theme_changed.get_mut(t) {
                *c = now;
            }
        }
        self.refresh();
    }
}

/// The index (unrounded) once the given actions are done, all together,
/// their outcomes applied in the order given (see
/// [`scoring::apply_addresses`]); an unknown action id changes nothing.
/// Only what the actions touch is rescored (their questions, the
/// questions whose condition depends on those, and their themes), and the
/// result is bit for bit [`scoring::index_of`] on the raised answers.
pub fn projected_index(r: &Referential, a: &Assessment, actions: &[&str]) -> Option<f64> {
    let mut rs = Rescorer::new(r, a.level, &a.profile, &a.answers);
    let chosen: Vec<&Action> = actions.iter().filter_map(|id| r.action(id)).collect();
    let e = rs.effect(chosen.iter().copied());
    rs.index_with(&e.themes)
}

/// The index (unrounded) after each of the given actions in turn, each
/// done on the answers the previous ones reached: what a schedule
/// projects. Computed as [`projected_index`] is, one action at a time, and
/// equal bit for bit to [`scoring::index_of`] after each step.
pub fn projected_indices(r: &Referential, a: &Assessment, actions: &[&str]) -> Vec<Option<f64>> {
    let mut rs = Rescorer::new(r, a.level, &a.profile, &a.answers);
    actions
        .iter()
        .map(|id| {
            if let Some(x) = r.action(id) {
                let e = rs.effect(std::iter::once(x));
                rs.commit(&e);
            }
            rs.index
        })
        .collect()
}

/// The current index (unrounded) and every action that would raise an
/// answer, with its exact gain alone, in referential order (what the score
/// report recommends, without the views of [`candidates`]).
pub(crate) fn candidate_list(r: &Referential, a: &Assessment) -> (Option<f64>, Vec<Candidate>) {
    candidate_list_of(&mut Rescorer::new(r, a.level, &a.profile, &a.answers))
}

/// [`candidate_list`] from a rescorer of the assessment's answers.
pub(crate) fn candidate_list_of(rs: &mut Rescorer<'_>) -> (Option<f64>, Vec<Candidate>) {
    let r = rs.r;
    let before = rs.index;
    let mut actions = Vec::with_capacity(r.actions.len());
    for action in &r.actions {
        let raised = rs.raised_questions(action);
        if raised.is_empty() {
            continue;
        }
        let themes_after = rs.themes_after(action);
        let after = rs.index_with(&themes_after);
        let gain = round2(after.unwrap_or(0.0) - before.unwrap_or(0.0));
        let mut themes: Vec<String> = Vec::new();
        let mut questions: Vec<String> = Vec::with_capacity(raised.len());
        for q in raised.iter().filter_map(|&qi| r.questions.get(qi)) {
            questions.push(q.id.clone());
            if !themes.contains(&q.theme) {
                themes.push(q.theme.clone());
            }
        }
        actions.push(Candidate {
            id: action.id.clone(),
            title: action.title.clone(),
            effort: action.effort,
            impact: action.impact,
            cost: action.cost,
            reen_area: action.reen_area,
            themes,
            questions,
            gain,
            requires: action.requires.clone(),
        });
    }
    (before, actions)
}

/// Every action that would raise an answer, with its exact gain alone.
/// The inputs are expected to be valid (the facade validates them).
pub fn candidates(r: &Referential, a: &Assessment) -> Candidates {
    let (before, actions) = candidate_list(r, a);
    let by_gain = |list: &mut Vec<&Candidate>| {
        list.sort_by(|x, y| y.gain.total_cmp(&x.gain).then(x.effort.cmp(&y.effort)));
    };
    let mut all: Vec<&Candidate> = actions.iter().collect();
    by_gain(&mut all);
    let largest_gains: Vec<String> = all.iter().map(|c| c.id.clone()).collect();
    let mut quick: Vec<&Candidate> = all
        .iter()
        .copied()
        .filter(|c| c.effort == Rating::Low && c.impact >= Rating::Medium)
        .collect();
    // Stable: among equal impact, the gain order above is kept.
    quick.sort_by_key(|c| std::cmp::Reverse(c.impact));
    let mut by_theme: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut by_reen_area: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in &all {
        for t in &c.themes {
            by_theme.entry(t.clone()).or_default().push(c.id.clone());
        }
        let area = c.reen_area.map_or("none".to_owned(), |x| x.to_string());
        by_reen_area.entry(area).or_default().push(c.id.clone());
    }
    let quick_wins = quick.iter().map(|c| c.id.clone()).collect();
    Candidates {
        index: before.map(round2),
        actions,
        quick_wins,
        largest_gains,
        by_theme,
        by_reen_area,
    }
}
