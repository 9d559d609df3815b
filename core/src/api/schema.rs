//! JSON Schemas (draft 2020-12) of the documents, generated from the types.

use serde_json::Value;

use crate::api::ValidationReport;
use crate::engine::scoring::ScoreReport;
use crate::model::assessment::Assessment;
use crate::model::referential::Referential;

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

/// Every schema: (file name, schema).
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        (
            "referential.schema.json",
            generate::<Referential>("referential.schema.json", "sobriete referential"),
        ),
        (
            "assessment.schema.json",
            generate::<Assessment>("assessment.schema.json", "sobriete assessment"),
        ),
        (
            "score-report.schema.json",
            generate::<ScoreReport>("score-report.schema.json", "sobriete score report"),
        ),
        (
            "score-summary.schema.json",
            generate::<crate::engine::scoring::ScoreSummary>(
                "score-summary.schema.json",
                "sobriete score summary",
            ),
        ),
        (
            "validation-report.schema.json",
            generate::<ValidationReport>(
                "validation-report.schema.json",
                "sobriete validation report",
            ),
        ),
        (
            "plan.schema.json",
            generate::<crate::model::plan::Plan>("plan.schema.json", "sobriete action plan"),
        ),
        (
            "proposal-request.schema.json",
            generate::<crate::planning::optimize::ProposalRequest>(
                "proposal-request.schema.json",
                "sobriete plan proposal request",
            ),
        ),
        (
            "proposal.schema.json",
            generate::<crate::planning::optimize::Proposal>(
                "proposal.schema.json",
                "sobriete plan proposal",
            ),
        ),
        (
            "candidates.schema.json",
            generate::<crate::engine::candidates::Candidates>(
                "candidates.schema.json",
                "sobriete candidate actions",
            ),
        ),
        (
            "plan-status.schema.json",
            generate::<crate::planning::plan::PlanStatus>(
                "plan-status.schema.json",
                "sobriete plan follow-up",
            ),
        ),
        (
            "history.schema.json",
            generate::<crate::follow_up::history::History>(
                "history.schema.json",
                "sobriete assessment history",
            ),
        ),
        (
            "assessment-diff.schema.json",
            generate::<crate::follow_up::history::AssessmentDiff>(
                "assessment-diff.schema.json",
                "sobriete assessment diff",
            ),
        ),
        (
            "target-gap.schema.json",
            generate::<crate::planning::target::TargetGap>(
                "target-gap.schema.json",
                "sobriete target gap",
            ),
        ),
        (
            "peers.schema.json",
            generate::<crate::model::peers::PeerSet>(
                "peers.schema.json",
                "sobriete peers' results",
            ),
        ),
        (
            "peer-comparison.schema.json",
            generate::<crate::follow_up::peers::PeerComparison>(
                "peer-comparison.schema.json",
                "sobriete peer comparison",
            ),
        ),
        (
            "rollup.schema.json",
            generate::<crate::follow_up::peers::Rollup>("rollup.schema.json", "sobriete roll-up"),
        ),
        (
            "import-report.schema.json",
            generate::<crate::import::ImportReport>(
                "import-report.schema.json",
                "sobriete import report",
            ),
        ),
        (
            "imported.schema.json",
            generate::<crate::import::Imported>(
                "imported.schema.json",
                "sobriete imported referential and its import report",
            ),
        ),
        (
            "ecoclic-source.schema.json",
            generate::<crate::import::ecoclic::EcoClicSource>(
                "ecoclic-source.schema.json",
                "sobriete Éco-clic database (a MySQL dump or CSV exports)",
            ),
        ),
        (
            "imported-answers.schema.json",
            generate::<crate::import::ecoclic::ImportedAnswers>(
                "imported-answers.schema.json",
                "sobriete assessments imported from Éco-clic and their report",
            ),
        ),
        (
            "crosswalk.schema.json",
            generate::<crate::model::crosswalk::Crosswalk>(
                "crosswalk.schema.json",
                "sobriete crosswalk between referential versions",
            ),
        ),
        (
            "migration.schema.json",
            generate::<crate::model::crosswalk::Migration>(
                "migration.schema.json",
                "sobriete migration",
            ),
        ),
        (
            "migration-simulation.schema.json",
            generate::<crate::model::crosswalk::MigrationSimulation>(
                "migration-simulation.schema.json",
                "sobriete migration simulation",
            ),
        ),
    ]
}

/// A schema's text as checked in (pretty JSON, trailing newline).
pub fn to_text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}
