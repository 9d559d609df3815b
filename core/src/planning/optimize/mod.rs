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
//!
//! The stages live in submodules: `select` (candidate actions),
//! `components` (components and the scoring of their subsets), `pareto`
//! (the dynamic programme per theme group), `knapsack` (the combination of
//! groups), `greedy` (the plan past the work budget) and `schedule` (the
//! order of the chosen actions and the projection); `work` holds what they
//! share, the partial plan and the work budget.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::candidates::Rescorer;
use crate::engine::scoring::evaluate;
use crate::model::assessment::Assessment;
use crate::model::error::{Error, Issue, IssueCode};
use crate::model::referential::{CostBand, Rating, Referential};
use crate::model::target::Target;
use crate::model::text::Text;
use crate::planning::target::validate_target;

mod components;
mod greedy;
mod knapsack;
mod pareto;
mod schedule;
mod select;
mod work;

use work::Work;

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

/// What every stage reads: the inputs, the index of each question and
/// theme, and the limits of the request.
struct Ctx<'a> {
    r: &'a Referential,
    a: &'a Assessment,
    req: &'a ProposalRequest,
    question_index: BTreeMap<&'a str, usize>,
    theme_pos: BTreeMap<&'a str, usize>,
}

impl<'a> Ctx<'a> {
    fn new(r: &'a Referential, a: &'a Assessment, req: &'a ProposalRequest) -> Ctx<'a> {
        let question_index = r
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        let theme_pos = r
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        Ctx {
            r,
            a,
            req,
            question_index,
            theme_pos,
        }
    }
    /// The position of a question's theme.
    fn theme_of(&self, q: usize) -> Option<usize> {
        self.r
            .questions
            .get(q)
            .and_then(|x| self.theme_pos.get(x.theme.as_str()).copied())
    }
    fn effort_of(&self, i: usize) -> u32 {
        self.r.actions.get(i).map_or(0, |x| x.effort.points())
    }
    /// Budgets only matter under a budget limit; without one they stay out
    /// of the search (the proposal still reports its total).
    fn budget_of(&self, i: usize) -> u32 {
        if self.req.max_budget.is_none() {
            return 0;
        }
        self.r
            .actions
            .get(i)
            .and_then(|x| x.cost)
            .map_or(0, CostBand::estimate)
    }
    fn within(&self, effort: u32, budget: u32) -> bool {
        self.req.max_effort.is_none_or(|m| effort <= m)
            && self.req.max_budget.is_none_or(|m| budget <= m)
    }
    fn theme_weight(&self, t: usize) -> f64 {
        self.r.themes.get(t).map_or(0.0, |x| {
            if x.weight.is_finite() && x.weight > 0.0 {
                x.weight
            } else {
                0.0
            }
        })
    }
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
    let ctx = Ctx::new(r, a, req);
    let sel = select::select(&ctx)?;
    let comps = components::components(&ctx, &sel, &base);
    let mut exact = true;
    let target_index = req.target.effective_index(r);
    let mut work = Work { left: WORK_BUDGET };
    // The exact search, `None` when it runs out of work.
    let found = match pareto::group_states(&ctx, &sel, &comps, &mut rescorer, &mut work, &mut exact)
    {
        Some(groups) => knapsack::choose(&ctx, &groups, target_index, &mut work)?,
        None => None,
    };
    let budget_hit = found.is_none();
    let (chosen_actions, reachable) = match found {
        Some(plan) => plan,
        None => greedy::greedy_plan(&ctx, &sel.candidate, &sel.prereqs, target_index),
    };
    exact &= !budget_hit;
    let note = (!reachable).then(|| note(req, budget_hit));
    Ok(schedule::build_proposal(
        rescorer,
        a,
        req,
        chosen_actions,
        &sel.prereqs,
        schedule::Outcome {
            reachable,
            exact,
            target_index,
            note,
        },
    ))
}

/// Why the target is not reached, with the request's limits.
fn note(req: &ProposalRequest, budget_hit: bool) -> String {
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
}
