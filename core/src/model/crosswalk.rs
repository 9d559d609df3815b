//! Crosswalks between referential versions and the migration reports made
//! with them.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::model::assessment::MigrationRecord;
use crate::model::assessment::{Answer, Assessment, ReferentialRef};

/// What happened to the questions between two versions of a referential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Crosswalk {
    /// The version migrated from.
    pub from: ReferentialRef,
    /// The version migrated to.
    pub to: ReferentialRef,
    /// What changed, in a sentence or two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The changes; questions not mentioned keep their id.
    #[serde(default)]
    pub mappings: Vec<Mapping>,
}

/// Source value → target value: `yes`, `no` or an option id on each side;
/// `null` when the value has no equivalent. Values not listed map to
/// themselves.
pub type ValueMap = BTreeMap<String, Option<String>>;

/// One change between the versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Mapping {
    /// A question renamed (or reworded), possibly with its options changed.
    Rename {
        /// Source question id.
        from: String,
        /// Target question id.
        to: String,
        /// How answer values translate.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        values: ValueMap,
    },
    /// A question split into several: its answer goes to each.
    Split {
        /// Source question id.
        from: String,
        /// Target question ids.
        to: Vec<String>,
        /// How answer values translate (the same for every target).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        values: ValueMap,
    },
    /// Several questions merged into one.
    Merge {
        /// Source question ids.
        from: Vec<String>,
        /// Target question id.
        to: String,
        /// How answer values translate.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        values: ValueMap,
        /// Which answer wins when the sources disagree.
        #[serde(default)]
        rule: MergeRule,
    },
    /// A question removed: its answer is not carried (kept in the history).
    Remove {
        /// Source question id.
        from: String,
        /// Why it was removed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A new question: to be answered.
    Add {
        /// Target question id.
        to: String,
    },
}

/// Which answer a merged question gets when its sources disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MergeRule {
    /// The answer earning the fewest points (the cautious default: a
    /// practice is in place only where every part of it was).
    #[default]
    Lowest,
    /// The answer earning the most points.
    Highest,
}

/// What happened to one answer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Carried unchanged (same or renamed question).
    Carried,
    /// Carried with its value translated, split or merged.
    Transformed,
    /// Given back from the history of an earlier migration.
    Restored,
    /// Not carried; the reason says why (kept in the history).
    NotCarried,
    /// A new question, to be answered.
    Added,
}

/// One line of the migration report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MigrationEntry {
    /// What happened.
    pub outcome: Outcome,
    /// Source question ids involved.
    pub from: Vec<String>,
    /// Target question id (none when not carried).
    pub to: Option<String>,
    /// The source answers, by question id.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub before: IndexMap<String, Answer>,
    /// The answer written in the new version.
    pub after: Option<Answer>,
    /// Why (for transformed, not carried and restored answers).
    pub reason: Option<String>,
}

/// Counts of the report's outcomes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MigrationCounts {
    /// Carried unchanged.
    pub carried: u32,
    /// Transformed.
    pub transformed: u32,
    /// Restored from the history.
    pub restored: u32,
    /// Not carried.
    pub not_carried: u32,
    /// New questions to answer.
    pub added: u32,
}

/// The report of a migration: every source answer accounted for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MigrationReport {
    /// The version migrated from.
    pub from: ReferentialRef,
    /// The version migrated to.
    pub to: ReferentialRef,
    /// Counts by outcome.
    pub counts: MigrationCounts,
    /// One line per target answer written, per source answer not carried
    /// and per new question.
    pub entries: Vec<MigrationEntry>,
}

/// A migrated assessment and its report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Migration {
    /// The assessment on the new version (its history records the migration).
    pub assessment: Assessment,
    /// What happened to every answer.
    pub report: MigrationReport,
}

/// A theme's score before and after a migration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeChange {
    /// Theme id.
    pub id: String,
    /// Score on the old version (none when absent or not scored).
    pub before: Option<f64>,
    /// Score on the new version.
    pub after: Option<f64>,
}

/// What a migration would change, without committing to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MigrationSimulation {
    /// Index on the old version.
    pub index_before: Option<f64>,
    /// Index on the new version.
    pub index_after: Option<f64>,
    /// After − before (2 decimals).
    pub index_delta: Option<f64>,
    /// Grade on the old version.
    pub grade_before: Option<String>,
    /// Grade on the new version.
    pub grade_after: Option<String>,
    /// Theme scores, old themes first then new ones.
    pub themes: Vec<ThemeChange>,
    /// What would happen to every answer.
    pub report: MigrationReport,
}
