//! The action plan document: planned actions with owners, dates, status,
//! budget, dependencies, evidence and follow-up indicators.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::assessment::ReferentialRef;
use crate::model::referential::{Addressed, Rating};
use crate::model::target::Target;
use crate::model::text::Text;

/// Where an action stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// To define.
    ToDefine,
    /// To plan.
    ToPlan,
    /// Planned.
    Planned,
    /// In progress.
    InProgress,
    /// Done.
    Done,
    /// Abandoned (kept for the record, counted nowhere).
    Abandoned,
}

/// Budget of an action, in euros.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Planned amount (€).
    #[serde(default)]
    pub planned: f64,
    /// Amount spent so far (€).
    #[serde(default)]
    pub spent: f64,
}

/// A follow-up indicator of an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Name (e.g. "part des achats reconditionnés").
    pub name: String,
    /// Unit (e.g. "%", "kg", "années").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Value when the plan started.
    pub baseline: f64,
    /// Value to reach.
    pub target: f64,
    /// Last measured value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<f64>,
    /// Date of the last measurement (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<String>,
}

/// An action of the plan: from the referential (`action` names it) or
/// written by the collectivité (`title` and `addresses` given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedAction {
    /// Identifier, unique in the plan.
    pub id: String,
    /// Id of the referential action it carries out; absent for a custom action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Title (required for a custom action; defaults to the referential's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Who carries it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// Date it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<String>,
    /// Where it stands.
    pub status: ActionStatus,
    /// Progress, 0–100 %.
    #[serde(default)]
    pub progress: f64,
    /// Effort (defaults to the referential action's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Rating>,
    /// Budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// REEN decree area 1–6 (defaults to the referential action's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reen_area: Option<u8>,
    /// Questions it improves and the answers it leads to (defaults to the
    /// referential action's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Addressed>,
    /// Plan actions that must be done first (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// Evidence links or references.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Follow-up indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
}

/// An action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The referential the plan's actions and questions belong to.
    pub referential: ReferentialRef,
    /// Name of the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Date the plan was adopted (YYYY-MM-DD): the start of indicator trajectories.
    pub created: String,
    /// What the plan aims for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// The actions.
    pub actions: Vec<PlannedAction>,
    /// The assessment the plan starts from (optional: follow-up can also
    /// be given it separately).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<crate::model::assessment::Assessment>,
}

/// Largest amount (€) accepted in a budget: 10^12.
pub const MAX_AMOUNT: f64 = 1e12;

/// Most dependency cycles reported for one plan (each found cycle has one
/// of its edges removed before looking again, so the search always ends;
/// this only bounds the size of the report).
pub const MAX_REPORTED_CYCLES: usize = 100;
