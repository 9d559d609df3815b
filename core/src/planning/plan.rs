//! The action plan document: planned actions with owners, dates, status,
//! budget, dependencies, evidence and follow-up indicators.
//!
//! * [`validate_plan`] checks a plan against its referential and reports
//!   every problem at once, each with a JSON-pointer path.
//! * [`plan_status`] follows a plan up at a date: late actions, effort and
//!   budget consumed, the maturity index reached by the done actions and
//!   projected from the others, and where each indicator stands against its
//!   trajectory.
//!
//! Index figures rescore the baseline assessment with the answers the
//! actions lead to (see [`crate::engine::scoring::apply_addresses`]): an action
//! that is done raises its questions' answers, exactly like a recommended
//! action's `gain` in a score report.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::check::validate::{
    check_id, check_text, check_value, find_cycle, unique, validate_outcome,
};
use crate::engine::scoring::{apply_addresses, index_of, round2};
use crate::input::parse::join;
use crate::model::assessment::{parse_date, Assessment};
use crate::model::error::{Issue, IssueCode};
use crate::model::plan::{ActionStatus, Plan, PlannedAction, MAX_AMOUNT, MAX_REPORTED_CYCLES};
use crate::model::referential::{Action, Addressed, Rating, Referential};
use crate::model::text::Lang;
use crate::planning::target::{reaches, validate_target};

fn date_issue(value: &str, path: &str) -> Issue {
    Issue::error(
        IssueCode::InvalidDate,
        path,
        format!("date {value:?} is not an ISO 8601 calendar date (YYYY-MM-DD)"),
    )
}

/// Parses an optional date field, reporting it when malformed.
fn check_date(value: Option<&str>, path: &str, issues: &mut Vec<Issue>) -> Option<NaiveDate> {
    let v = value?;
    let parsed = parse_date(v);
    if parsed.is_none() {
        issues.push(date_issue(v, path));
    }
    parsed
}

/// Reports a given string that is blank.
fn check_non_blank(value: Option<&str>, path: &str, what: &str, issues: &mut Vec<Issue>) {
    if value.is_some_and(|v| v.trim().is_empty()) {
        issues.push(Issue::error(
            IssueCode::EmptyText,
            path,
            format!("the {what} is empty (omit it instead)"),
        ));
    }
}

/// Validates a plan against the referential its actions and questions
/// belong to; returns every problem found (errors and warnings), each with
/// a JSON-pointer path.
///
/// Checks the referential reference (id, and version like an assessment's),
/// the dates, the target, every action (id, referential action or custom
/// title and addresses, addressed questions and outcomes, texts, dates in
/// order, progress 0–100, `completed` only when done, budget ≥ 0, REEN
/// area 1–6, dependencies on known plan actions and without cycle) and
/// every indicator (name, finite numbers, date). A done action whose
/// progress is below 100 % is a warning.
pub fn validate_plan(plan: &Plan, r: &Referential) -> Vec<Issue> {
    let mut issues = validate_plan_body(plan, r);
    if let Some(b) = &plan.baseline {
        for mut issue in crate::check::validate::validate_assessment(b, r) {
            issue.path = format!("/baseline{}", issue.path);
            issues.push(issue);
        }
    }
    issues
}

fn validate_plan_body(plan: &Plan, r: &Referential) -> Vec<Issue> {
    let mut issues = Vec::new();
    crate::check::validate::check_referential_ref(
        &plan.referential,
        r,
        &crate::check::validate::RefWording {
            what: "plan",
            relation: "is made for",
            used: "followed up",
        },
        &mut issues,
    );
    check_non_blank(plan.name.as_deref(), "/name", "plan name", &mut issues);
    if parse_date(&plan.created).is_none() {
        issues.push(date_issue(&plan.created, "/created"));
    }
    if let Some(t) = &plan.target {
        issues.extend(validate_target(t, r, "/target"));
    }

    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, a) in plan.actions.iter().enumerate() {
        let p = format!("/actions/{i}");
        check_id(&a.id, &join(&p, "id"), &mut issues);
        unique(&mut ids, &a.id, i, &join(&p, "id"), "action", &mut issues);
        validate_action(a, r, &p, &mut issues);
    }
    check_dependencies(plan, &ids, &mut issues);
    issues
}

/// Everything about one action but its dependencies.
fn validate_action(a: &PlannedAction, r: &Referential, p: &str, issues: &mut Vec<Issue>) {
    check_action_origin(a, r, p, issues);
    if let Some(t) = &a.title {
        check_text(t, &join(p, "title"), issues);
    }
    if let Some(d) = &a.description {
        check_text(d, &join(p, "description"), issues);
    }
    check_non_blank(a.owner.as_deref(), &join(p, "owner"), "owner", issues);
    for (j, e) in a.evidence.iter().enumerate() {
        check_non_blank(
            Some(e),
            &format!("{p}/evidence/{j}"),
            "evidence reference",
            issues,
        );
    }
    check_action_schedule(a, p, issues);
    check_action_budget(a, p, issues);
    check_action_indicators(a, p, issues);
}

/// Checks that the action is the referential's or, when custom, has a
/// title and addresses, and that every addressed question and outcome exists.
fn check_action_origin(a: &PlannedAction, r: &Referential, p: &str, issues: &mut Vec<Issue>) {
    match &a.action {
        Some(id) => {
            if r.action(id).is_none() {
                issues.push(Issue::error(
                    IssueCode::UnknownAction,
                    join(p, "action"),
                    format!("the referential has no action {id:?}"),
                ));
            }
        }
        None => {
            if a.title.is_none() {
                issues.push(Issue::error(
                    IssueCode::MissingField,
                    p,
                    format!(
                        "action {:?} is not from the referential (no `action`): give it a `title`",
                        a.id
                    ),
                ));
            }
            if a.addresses.is_empty() {
                issues.push(Issue::error(
                    IssueCode::MissingField,
                    join(p, "addresses"),
                    format!(
                        "action {:?} is not from the referential (no `action`): \
                         list the questions it `addresses`",
                        a.id
                    ),
                ));
            }
        }
    }
    for (j, ad) in a.addresses.iter().enumerate() {
        let ap = format!("{p}/addresses/{j}");
        match r.question(&ad.question) {
            None => issues.push(Issue::error(
                IssueCode::UnknownQuestion,
                join(&ap, "question"),
                format!("the referential has no question {:?}", ad.question),
            )),
            Some(q) => validate_outcome(q, &ad.leads_to, &join(&ap, "leads_to"), issues),
        }
    }
}

/// Checks the action's dates (valid, due not before start, completed only
/// when done) and its progress (0–100, and 100 when done).
fn check_action_schedule(a: &PlannedAction, p: &str, issues: &mut Vec<Issue>) {
    let start = check_date(a.start.as_deref(), &join(p, "start"), issues);
    let due = check_date(a.due.as_deref(), &join(p, "due"), issues);
    check_date(a.completed.as_deref(), &join(p, "completed"), issues);
    if let (Some(s), Some(d)) = (start, due) {
        if d < s {
            issues.push(Issue::error(
                IssueCode::InvalidValue,
                join(p, "due"),
                format!("action {:?} is due on {d}, before it starts on {s}", a.id),
            ));
        }
    }
    if a.completed.is_some() && a.status != ActionStatus::Done {
        issues.push(Issue::error(
            IssueCode::InvalidValue,
            join(p, "completed"),
            format!(
                "action {:?} has a completion date but its status is not `done`",
                a.id
            ),
        ));
    }
    let progress_ok = a.progress.is_finite() && (0.0..=100.0).contains(&a.progress);
    if !progress_ok {
        check_value(
            a.progress,
            Some(0.0),
            Some(100.0),
            &join(p, "progress"),
            issues,
        );
    } else if a.status == ActionStatus::Done && a.progress < 100.0 {
        issues.push(Issue::warning(
            IssueCode::InvalidValue,
            join(p, "progress"),
            format!(
                "action {:?} is done but its progress is {} %: it is counted as fully done",
                a.id, a.progress
            ),
        ));
    }
}

/// Checks the action's budget amounts and its REEN area.
fn check_action_budget(a: &PlannedAction, p: &str, issues: &mut Vec<Issue>) {
    if let Some(b) = &a.budget {
        let bp = join(p, "budget");
        // Bounded so that sums over a plan stay finite.
        check_value(
            b.planned,
            Some(0.0),
            Some(MAX_AMOUNT),
            &join(&bp, "planned"),
            issues,
        );
        check_value(
            b.spent,
            Some(0.0),
            Some(MAX_AMOUNT),
            &join(&bp, "spent"),
            issues,
        );
    }
    if let Some(area) = a.reen_area {
        if !(1..=6).contains(&area) {
            issues.push(Issue::error(
                IssueCode::InvalidReenArea,
                join(p, "reen_area"),
                format!("REEN decree areas are numbered 1 to 6, got {area}"),
            ));
        }
    }
}

/// Checks the action's indicators: a name, finite figures, a valid date.
fn check_action_indicators(a: &PlannedAction, p: &str, issues: &mut Vec<Issue>) {
    for (k, ind) in a.indicators.iter().enumerate() {
        let ip = format!("{p}/indicators/{k}");
        if ind.name.trim().is_empty() {
            issues.push(Issue::error(
                IssueCode::EmptyText,
                join(&ip, "name"),
                "the indicator has no name",
            ));
        }
        check_non_blank(ind.unit.as_deref(), &join(&ip, "unit"), "unit", issues);
        check_value(ind.baseline, None, None, &join(&ip, "baseline"), issues);
        check_value(ind.target, None, None, &join(&ip, "target"), issues);
        if let Some(c) = ind.current {
            check_value(c, None, None, &join(&ip, "current"), issues);
        }
        check_date(ind.measured.as_deref(), &join(&ip, "measured"), issues);
    }
}

/// Dependencies name plan actions and form no cycle. Every cycle found is
/// reported once (up to [`MAX_REPORTED_CYCLES`]): after each, its closing
/// edge is removed and the search starts again.
fn check_dependencies(plan: &Plan, ids: &BTreeMap<&str, usize>, issues: &mut Vec<Issue>) {
    let mut edges: Vec<Vec<usize>> = Vec::with_capacity(plan.actions.len());
    for (i, a) in plan.actions.iter().enumerate() {
        let mut succ: Vec<usize> = Vec::new();
        for (j, dep) in a.depends_on.iter().enumerate() {
            match ids.get(dep.as_str()) {
                None => issues.push(Issue::error(
                    IssueCode::UnknownAction,
                    format!("/actions/{i}/depends_on/{j}"),
                    format!(
                        "action {:?} depends on {dep:?}, which is not an action of the plan",
                        a.id
                    ),
                )),
                Some(&k) => {
                    if !succ.contains(&k) {
                        succ.push(k);
                    }
                }
            }
        }
        edges.push(succ);
    }
    let name = |i: usize| -> String {
        plan.actions
            .get(i)
            .map(|a| format!("{:?}", a.id))
            .unwrap_or_default()
    };
    for _ in 0..MAX_REPORTED_CYCLES {
        let Some(cycle) = find_cycle(&edges) else {
            break;
        };
        let first = cycle.first().copied().unwrap_or(0);
        let path: Vec<String> = cycle.iter().map(|&i| name(i)).collect();
        issues.push(Issue::error(
            IssueCode::DependencyCycle,
            format!("/actions/{first}/depends_on"),
            format!(
                "actions depend on each other in a cycle: {}",
                path.join(" → ")
            ),
        ));
        // Remove the closing edge (last node → first node) so the next
        // search finds another cycle or none.
        let closing = cycle
            .len()
            .checked_sub(2)
            .and_then(|k| cycle.get(k))
            .copied();
        let removed = closing
            .and_then(|from| edges.get_mut(from))
            .map(|succ| {
                let before = succ.len();
                succ.retain(|&to| to != first);
                succ.len() < before
            })
            .unwrap_or(false);
        if !removed {
            break;
        }
    }
}

impl PlannedAction {
    /// The referential action it carries out, if any.
    pub fn referential_action<'a>(&self, r: &'a Referential) -> Option<&'a Action> {
        self.action.as_deref().and_then(|id| r.action(id))
    }

    /// The questions it improves: its own `addresses` when given, else the
    /// referential action's (empty when neither).
    pub fn effective_addresses<'a>(&'a self, r: &'a Referential) -> &'a [Addressed] {
        if !self.addresses.is_empty() {
            return &self.addresses;
        }
        self.referential_action(r)
            .map_or(&[][..], |a| a.addresses.as_slice())
    }

    /// Its effort: its own, else the referential action's.
    pub fn effective_effort(&self, r: &Referential) -> Option<Rating> {
        self.effort
            .or_else(|| self.referential_action(r).map(|a| a.effort))
    }

    /// Its REEN decree area: its own, else the referential action's.
    pub fn effective_reen_area(&self, r: &Referential) -> Option<u8> {
        self.reen_area
            .or_else(|| self.referential_action(r).and_then(|a| a.reen_area))
    }

    /// Its title in `lang` (falling back to French): its own, else the
    /// referential action's, else its id.
    pub fn title_in(&self, r: &Referential, lang: Lang) -> String {
        self.title
            .as_ref()
            .or_else(|| self.referential_action(r).map(|a| &a.title))
            .map_or_else(|| self.id.clone(), |t| t.get(lang).to_owned())
    }

    /// Progress used in the follow-up, 0–100: 100 when done, else the
    /// given progress clamped to 0–100 (0 when not finite).
    pub fn effective_progress(&self) -> f64 {
        if self.status == ActionStatus::Done {
            100.0
        } else if self.progress.is_finite() {
            self.progress.clamp(0.0, 100.0)
        } else {
            0.0
        }
    }
}

/// One action in a follow-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionLine {
    /// Plan action id.
    pub id: String,
    /// Title, in French.
    pub title: String,
    /// Where it stands.
    pub status: ActionStatus,
    /// Who carries it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// Due before the follow-up date and neither done nor abandoned.
    pub late: bool,
    /// Progress, 0–100 % (100 when done).
    pub progress: f64,
}

/// Number of actions in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusCounts {
    /// To define.
    pub to_define: u32,
    /// To plan.
    pub to_plan: u32,
    /// Planned.
    pub planned: u32,
    /// In progress.
    pub in_progress: u32,
    /// Done.
    pub done: u32,
    /// Abandoned.
    pub abandoned: u32,
}

impl StatusCounts {
    fn add(&mut self, status: ActionStatus) {
        let slot = match status {
            ActionStatus::ToDefine => &mut self.to_define,
            ActionStatus::ToPlan => &mut self.to_plan,
            ActionStatus::Planned => &mut self.planned,
            ActionStatus::InProgress => &mut self.in_progress,
            ActionStatus::Done => &mut self.done,
            ActionStatus::Abandoned => &mut self.abandoned,
        };
        *slot = slot.saturating_add(1);
    }
}

/// Effort in effort points (low 1, medium 2, high 3), 2 decimals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EffortFigures {
    /// Σ effort of the actions not abandoned.
    pub total: f64,
    /// Done actions fully, in-progress ones by their progress.
    pub spent: f64,
    /// total − spent.
    pub remaining: f64,
}

/// Budget in euros, 2 decimals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetFigures {
    /// Σ planned of the actions not abandoned.
    pub planned: f64,
    /// Σ spent of every action, abandoned ones included.
    pub spent: f64,
    /// planned − Σ spent of the actions not abandoned (negative when overspent).
    pub remaining: f64,
}

/// The maturity index along the plan (2 decimals; none when nothing is
/// counted).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndexFigures {
    /// Index of the baseline assessment.
    pub baseline: Option<f64>,
    /// Index once every done action is applied.
    pub achieved: Option<f64>,
    /// achieved − baseline.
    pub gained: Option<f64>,
    /// Index once every action not abandoned is applied.
    pub projected: Option<f64>,
    /// Index once the done actions and the actions (not abandoned) due by
    /// the target date are applied; `projected` when there is no target date.
    pub projected_at_target_date: Option<f64>,
    /// Index to reach (from the target's index and/or grade).
    pub target: Option<f64>,
    /// Whether `projected_at_target_date` reaches `target`; none without a
    /// target index.
    pub on_track: Option<bool>,
}

/// Where an indicator stands against its trajectory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorStatus {
    /// Plan action id.
    pub action: String,
    /// Indicator name.
    pub name: String,
    /// Unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Value when the plan started.
    pub baseline: f64,
    /// Value to reach.
    pub target: f64,
    /// Last measured value.
    pub current: Option<f64>,
    /// Value expected at the follow-up date on a straight line from
    /// `baseline` at the plan's creation to `target` at the plan's target
    /// date (else the action's due date), 2 decimals; none without an end
    /// date after the creation.
    pub expected: Option<f64>,
    /// Whether `current` is behind `expected` in the direction from
    /// `baseline` to `target`; none when either is missing.
    pub off_track: Option<bool>,
}

/// A plan's follow-up at a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanStatus {
    /// Follow-up date (YYYY-MM-DD).
    pub as_of: String,
    /// Every action, in plan order.
    pub actions: Vec<ActionLine>,
    /// Ids of the actions due before `as_of` and neither done nor abandoned.
    pub late: Vec<String>,
    /// Ids of the done actions.
    pub done: Vec<String>,
    /// Ids of the actions in progress.
    pub in_progress: Vec<String>,
    /// Number of actions per status.
    pub counts: StatusCounts,
    /// Effort figures.
    pub effort: EffortFigures,
    /// Budget figures.
    pub budget: BudgetFigures,
    /// Maturity index figures.
    pub index: IndexFigures,
    /// Indicators of the actions not abandoned, in plan order.
    pub indicators: Vec<IndicatorStatus>,
}

fn finite_or_zero(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// The value expected at `as_of` on the straight line from `baseline` at
/// `start` to `target` at `end` (clamped to that period).
fn expected_value(
    baseline: f64,
    target: f64,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Option<f64> {
    let (start, end) = (start?, end?);
    if end <= start {
        return None;
    }
    let span = (end - start).num_days() as f64;
    let elapsed = (as_of - start).num_days() as f64;
    let t = (elapsed / span).clamp(0.0, 1.0);
    Some(baseline + (target - baseline) * t)
}

/// Follows a plan up at `as_of`: each action's line, the late, done and
/// in-progress ones, the effort and budget consumed, the maturity index
/// reached and projected from `baseline` (the assessment the plan starts
/// from), and each indicator against its trajectory.
///
/// Abandoned actions count nowhere, except the money already spent on them.
/// The inputs are expected to be valid (see [`validate_plan`]); invalid ones
/// never panic: unparseable dates are ignored, non-finite amounts count 0.
pub fn plan_status(
    r: &Referential,
    baseline: &Assessment,
    plan: &Plan,
    as_of: NaiveDate,
) -> PlanStatus {
    let dates = Dates {
        target: plan
            .target
            .as_ref()
            .and_then(|t| t.date.as_deref())
            .and_then(parse_date),
        created: parse_date(&plan.created),
        as_of,
    };
    let mut tally = Tally::with_capacity(plan.actions.len());
    for a in &plan.actions {
        tally.add(r, a, &dates);
    }
    let index = index_figures(r, baseline, plan, &tally);
    let Tally {
        actions,
        late,
        done,
        in_progress,
        counts,
        effort_total,
        effort_spent,
        planned,
        spent_all,
        spent_active,
        indicators,
        ..
    } = tally;
    PlanStatus {
        as_of: crate::model::assessment::date_string(as_of),
        actions,
        late,
        done,
        in_progress,
        counts,
        effort: EffortFigures {
            total: round2(effort_total),
            spent: round2(effort_spent),
            remaining: round2(effort_total - effort_spent),
        },
        budget: BudgetFigures {
            planned: round2(planned),
            spent: round2(spent_all),
            remaining: round2(planned - spent_active),
        },
        index,
        indicators,
    }
}

/// The dates a follow-up measures against.
struct Dates {
    /// The plan target's date, if any.
    target: Option<NaiveDate>,
    /// The plan's creation date.
    created: Option<NaiveDate>,
    /// The follow-up date.
    as_of: NaiveDate,
}

/// What the follow-up sums over the plan's actions, in plan order.
struct Tally<'a> {
    actions: Vec<ActionLine>,
    late: Vec<String>,
    done: Vec<String>,
    in_progress: Vec<String>,
    counts: StatusCounts,
    effort_total: f64,
    effort_spent: f64,
    planned: f64,
    spent_all: f64,
    spent_active: f64,
    /// Addresses of the done actions.
    done_addresses: Vec<&'a Addressed>,
    /// Addresses of the actions not abandoned.
    active_addresses: Vec<&'a Addressed>,
    /// Addresses of the done actions and of those due by the target date.
    by_target_addresses: Vec<&'a Addressed>,
    indicators: Vec<IndicatorStatus>,
}

impl<'a> Tally<'a> {
    /// An empty tally for `n` actions.
    fn with_capacity(n: usize) -> Self {
        Tally {
            actions: Vec::with_capacity(n),
            late: Vec::new(),
            done: Vec::new(),
            in_progress: Vec::new(),
            counts: StatusCounts::default(),
            effort_total: 0.0,
            effort_spent: 0.0,
            planned: 0.0,
            spent_all: 0.0,
            spent_active: 0.0,
            done_addresses: Vec::new(),
            active_addresses: Vec::new(),
            by_target_addresses: Vec::new(),
            indicators: Vec::new(),
        }
    }

    /// Counts one action: its status lists, effort, budget, addresses,
    /// indicators and line.
    fn add(&mut self, r: &'a Referential, a: &'a PlannedAction, dates: &Dates) {
        let status = a.status;
        self.counts.add(status);
        let is_done = status == ActionStatus::Done;
        let active = status != ActionStatus::Abandoned;
        let progress = a.effective_progress();
        let due = a.due.as_deref().and_then(parse_date);
        let is_late = active && !is_done && due.is_some_and(|d| d < dates.as_of);
        if is_late {
            self.late.push(a.id.clone());
        }
        if is_done {
            self.done.push(a.id.clone());
        }
        if status == ActionStatus::InProgress {
            self.in_progress.push(a.id.clone());
        }

        let effort = a.effective_effort(r).map_or(0.0, |e| f64::from(e.points()));
        if active {
            self.effort_total += effort;
        }
        if is_done {
            self.effort_spent += effort;
        } else if status == ActionStatus::InProgress {
            self.effort_spent += effort * progress / 100.0;
        }

        let budget = a.budget.unwrap_or_default();
        let (b_planned, b_spent) = (finite_or_zero(budget.planned), finite_or_zero(budget.spent));
        self.spent_all += b_spent;
        if active {
            self.planned += b_planned;
            self.spent_active += b_spent;
        }

        let addresses = a.effective_addresses(r);
        if is_done {
            self.done_addresses.extend(addresses);
        }
        if active {
            self.active_addresses.extend(addresses);
            let by_target = is_done || dates.target.is_none_or(|td| due.is_some_and(|d| d <= td));
            if by_target {
                self.by_target_addresses.extend(addresses);
            }
            let end = dates.target.or(due);
            self.indicators
                .extend(indicator_statuses(a, dates.created, end, dates.as_of));
        }

        self.actions.push(ActionLine {
            id: a.id.clone(),
            title: a.title_in(r, Lang::Fr),
            status,
            owner: a.owner.clone(),
            due: a.due.clone(),
            late: is_late,
            progress,
        });
    }
}

/// Where each indicator of an action stands against its straight-line
/// trajectory from `start` to `end`.
fn indicator_statuses(
    a: &PlannedAction,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    as_of: NaiveDate,
) -> impl Iterator<Item = IndicatorStatus> + '_ {
    a.indicators.iter().map(move |ind| {
        let expected = expected_value(ind.baseline, ind.target, start, end, as_of).map(round2);
        let off_track = match (ind.current, expected) {
            (Some(c), Some(e)) => Some(if ind.target >= ind.baseline {
                c < e
            } else {
                c > e
            }),
            _ => None,
        };
        IndicatorStatus {
            action: a.id.clone(),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            baseline: ind.baseline,
            target: ind.target,
            current: ind.current,
            expected,
            off_track,
        }
    })
}

/// The maturity index at the baseline, with the done actions applied, with
/// every active action applied, by the target date, and against the target.
fn index_figures(
    r: &Referential,
    baseline: &Assessment,
    plan: &Plan,
    tally: &Tally,
) -> IndexFigures {
    let index_with = |addresses: &[&Addressed]| -> Option<f64> {
        let answers = apply_addresses(r, &baseline.answers, addresses.iter().copied());
        index_of(r, baseline.level, &baseline.profile, &answers)
    };
    let base_index = index_of(r, baseline.level, &baseline.profile, &baseline.answers);
    let achieved = index_with(&tally.done_addresses);
    let projected = index_with(&tally.active_addresses);
    let projected_at_target_date = index_with(&tally.by_target_addresses);
    let target = plan.target.as_ref().and_then(|t| t.effective_index(r));
    IndexFigures {
        baseline: base_index.map(round2),
        achieved: achieved.map(round2),
        gained: match (achieved, base_index) {
            (Some(a), Some(b)) => Some(round2(a - b)),
            _ => None,
        },
        projected: projected.map(round2),
        projected_at_target_date: projected_at_target_date.map(round2),
        target: target.map(round2),
        on_track: target.map(|t| reaches(projected_at_target_date, t)),
    }
}
