//! JSON Schemas (draft 2020-12) of the documents, generated from the types.

use serde_json::Value;

use crate::api::ValidationReport;
use crate::engine::candidates::Candidates;
use crate::engine::scoring::{ScoreReport, ScoreSummary};
use crate::follow_up::history::{AssessmentDiff, History};
use crate::follow_up::peers::{PeerComparison, Rollup};
use crate::import::ecoclic::{EcoClicSource, ImportedAnswers};
use crate::import::{ImportReport, Imported};
use crate::model::assessment::Assessment;
use crate::model::crosswalk::{Crosswalk, Migration, MigrationSimulation};
use crate::model::peers::PeerSet;
use crate::model::plan::Plan;
use crate::model::referential::Referential;
use crate::planning::optimize::{Proposal, ProposalRequest};
use crate::planning::plan::PlanStatus;
use crate::planning::target::TargetGap;

/// Base of the schemas' `$id`.
pub const SCHEMA_BASE: &str = "https://sobriete.github.io/schema/v1";

fn generate<T: schemars::JsonSchema>(name: &str, title: &str) -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Value::Object(map) = &mut value {
        map.insert(
            "$id".to_owned(),
            Value::String(format!("{SCHEMA_BASE}/{name}")),
        );
        map.insert("title".to_owned(), Value::String(title.to_owned()));
    }
    value
}

/// Generates a document's schema from its file name and title.
type Generator = fn(&str, &str) -> Value;

/// The documents that have a schema: (file name, title, generator), in the
/// order [`all`] lists them.
const DOCUMENTS: &[(&str, &str, Generator)] = &[
    (
        "referential.schema.json",
        "sobriete referential",
        generate::<Referential>,
    ),
    (
        "assessment.schema.json",
        "sobriete assessment",
        generate::<Assessment>,
    ),
    (
        "score-report.schema.json",
        "sobriete score report",
        generate::<ScoreReport>,
    ),
    (
        "score-summary.schema.json",
        "sobriete score summary",
        generate::<ScoreSummary>,
    ),
    (
        "validation-report.schema.json",
        "sobriete validation report",
        generate::<ValidationReport>,
    ),
    ("plan.schema.json", "sobriete action plan", generate::<Plan>),
    (
        "proposal-request.schema.json",
        "sobriete plan proposal request",
        generate::<ProposalRequest>,
    ),
    (
        "proposal.schema.json",
        "sobriete plan proposal",
        generate::<Proposal>,
    ),
    (
        "candidates.schema.json",
        "sobriete candidate actions",
        generate::<Candidates>,
    ),
    (
        "plan-status.schema.json",
        "sobriete plan follow-up",
        generate::<PlanStatus>,
    ),
    (
        "history.schema.json",
        "sobriete assessment history",
        generate::<History>,
    ),
    (
        "assessment-diff.schema.json",
        "sobriete assessment diff",
        generate::<AssessmentDiff>,
    ),
    (
        "target-gap.schema.json",
        "sobriete target gap",
        generate::<TargetGap>,
    ),
    (
        "peers.schema.json",
        "sobriete peers' results",
        generate::<PeerSet>,
    ),
    (
        "peer-comparison.schema.json",
        "sobriete peer comparison",
        generate::<PeerComparison>,
    ),
    ("rollup.schema.json", "sobriete roll-up", generate::<Rollup>),
    (
        "import-report.schema.json",
        "sobriete import report",
        generate::<ImportReport>,
    ),
    (
        "imported.schema.json",
        "sobriete imported referential and its import report",
        generate::<Imported>,
    ),
    (
        "ecoclic-source.schema.json",
        "sobriete Éco-clic database (a MySQL dump or CSV exports)",
        generate::<EcoClicSource>,
    ),
    (
        "imported-answers.schema.json",
        "sobriete assessments imported from Éco-clic and their report",
        generate::<ImportedAnswers>,
    ),
    (
        "crosswalk.schema.json",
        "sobriete crosswalk between referential versions",
        generate::<Crosswalk>,
    ),
    (
        "migration.schema.json",
        "sobriete migration",
        generate::<Migration>,
    ),
    (
        "migration-simulation.schema.json",
        "sobriete migration simulation",
        generate::<MigrationSimulation>,
    ),
];

/// Every schema: (file name, schema).
pub fn all() -> Vec<(&'static str, Value)> {
    DOCUMENTS
        .iter()
        .map(|&(name, title, generate)| (name, generate(name, title)))
        .collect()
}

/// A schema's text as checked in (pretty JSON, trailing newline).
pub fn to_text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}
