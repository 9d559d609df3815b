//! The checked-in JSON Schemas match the code, and the documents the
//! project ships validate against them with a real validator.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use sobriete::api::{self, schema};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema = load(&root().join("schema").join(name));
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema:\n{}",
        errors.join("\n")
    );
}

#[test]
fn checked_in_schemas_match_the_code() {
    let mut drift = Vec::new();
    for (name, generated) in schema::all() {
        let path = root().join("schema").join(name);
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        if on_disk != schema::to_text(&generated) {
            drift.push(name);
        }
    }
    assert!(
        drift.is_empty(),
        "schema/ is out of date for {drift:?}.\nRegenerate with: cargo run -p sobriete-cli -- schema --write schema"
    );
    for (name, generated) in schema::all() {
        assert_eq!(
            generated["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert!(
            generated["$id"]
                .as_str()
                .is_some_and(|id| id.ends_with(name)),
            "{name} has its $id"
        );
    }
}

#[test]
fn default_referential_matches_schema() {
    let v = validator("referential.schema.json");
    let doc: Value = serde_json::from_str(api::DEFAULT_REFERENTIAL_JSON).expect("json");
    assert_valid(&v, &doc, "the default referential");
}

#[test]
fn examples_match_schema_and_score() {
    let assessment = validator("assessment.schema.json");
    let report = validator("score-report.schema.json");
    let summary = validator("score-summary.schema.json");
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("examples")).expect("examples/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let doc = load(&path);
        assert_valid(&assessment, &doc, &path.display().to_string());
        let r = api::default_referential().expect("default");
        let a = api::assessment_from_value(&doc, r)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let scored = api::score(r, &a).expect("scores");
        let scored = serde_json::to_value(&scored).expect("serializable");
        assert_valid(&report, &scored, &format!("report of {}", path.display()));
        // The batch call's summary of the same text.
        let text = std::fs::read_to_string(&path).expect("readable");
        let batch = api::score_summaries(r, &[text]).expect("default referential");
        let one = batch
            .into_iter()
            .next()
            .expect("one item")
            .expect("summary");
        let one = serde_json::to_value(&one).expect("serializable");
        assert_valid(&summary, &one, &format!("summary of {}", path.display()));
        assert_eq!(one["index"], scored["index"], "{}", path.display());
        n += 1;
    }
    assert!(n >= 3, "at least three examples, found {n}");
}

#[test]
fn vector_inputs_and_outputs_match_schemas() {
    let referential = validator("referential.schema.json");
    let assessment = validator("assessment.schema.json");
    let report = validator("score-report.schema.json");
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("tests/vectors")).expect("vectors") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let case = load(&path);
        // Error vectors are broken on purpose.
        let Some((kind, output)) = case["expected"].as_object().and_then(|o| o.iter().next())
        else {
            continue;
        };
        if kind == "error" {
            continue;
        }
        if let Some(r) = case.get("referential") {
            assert_valid(&referential, r, &format!("{} referential", path.display()));
        }
        if let Some(a) = case.get("assessment") {
            assert_valid(&assessment, a, &format!("{} assessment", path.display()));
        }
        // A batch's items: the assessments whose item is a summary are
        // valid documents (the others are broken on purpose).
        let items = (kind == "summaries").then(|| output.as_array().expect("summaries"));
        for (i, a) in case
            .get("assessments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if items.is_some_and(|items| items[i].get("summary").is_none()) {
                continue;
            }
            assert_valid(&assessment, a, &format!("{} assessments", path.display()));
        }
        if let Some(p) = case.get("plan") {
            assert_valid(
                &validator("plan.schema.json"),
                p,
                &format!("{} plan", path.display()),
            );
        }
        if let Some(p) = case.get("peers") {
            assert_valid(
                &validator("peers.schema.json"),
                p,
                &format!("{} peers", path.display()),
            );
        }
        if let Some(r) = case.get("to_referential") {
            assert_valid(
                &referential,
                r,
                &format!("{} to_referential", path.display()),
            );
        }
        if let Some(c) = case.get("crosswalk") {
            assert_valid(
                &validator("crosswalk.schema.json"),
                c,
                &format!("{} crosswalk", path.display()),
            );
        }
        if let Some(s) = case.get("source") {
            assert_valid(
                &validator("ecoclic-source.schema.json"),
                s,
                &format!("{} source", path.display()),
            );
        }
        if let Some(q) = case.get("request") {
            assert_valid(
                &validator("proposal-request.schema.json"),
                q,
                &format!("{} request", path.display()),
            );
        }
        if kind == "summaries" {
            // One item per assessment: `{"summary": …}` or `{"error": …}`.
            let summary = validator("score-summary.schema.json");
            let mut summaries = 0;
            for (i, item) in output.as_array().expect("summaries").iter().enumerate() {
                if let Some(s) = item.get("summary") {
                    assert_valid(&summary, s, &format!("{} summary {i}", path.display()));
                    // Strict like the other schemas: a stray field fails.
                    let mut typo = s.clone();
                    typo["indx"] = s["index"].clone();
                    assert!(!summary.is_valid(&typo), "{} summary {i}", path.display());
                    summaries += 1;
                } else {
                    assert!(item.get("error").is_some(), "{} item {i}", path.display());
                }
            }
            assert!(summaries > 0, "{}: no summary", path.display());
            checked += 1;
            continue;
        }
        let output_schema = match kind.as_str() {
            "report" => &report,
            "proposal" => &validator("proposal.schema.json"),
            "status" => &validator("plan-status.schema.json"),
            "comparison" => &validator("peer-comparison.schema.json"),
            "rollup" => &validator("rollup.schema.json"),
            "migration" => &validator("migration.schema.json"),
            "simulation" => &validator("migration-simulation.schema.json"),
            "history" => &validator("history.schema.json"),
            "imported" => &validator("imported.schema.json"),
            "answers" => &validator("imported-answers.schema.json"),
            other => panic!("{}: no schema for output {other}", path.display()),
        };
        assert_valid(
            output_schema,
            output,
            &format!("{} expected {kind}", path.display()),
        );
        checked += 1;
    }
    assert!(checked >= 12, "checked {checked} vectors");
}

#[test]
fn validation_reports_match_schema() {
    let v = validator("validation-report.schema.json");
    let broken = r#"{"referential": {"id": "sobriete-reen", "version": "1.0.0"}, "profile": {"name": "", "kind": "commune", "population": 1}, "date": "2026-02-30", "level": 1, "answers": {"nope": {"kind": "yes"}}}"#;
    let report = serde_json::to_value(api::validate_json(broken, None)).expect("json");
    assert_eq!(report["valid"], false);
    assert_valid(&v, &report, "a validation report");
}

#[test]
fn schema_rejects_what_the_library_rejects() {
    // The schema is strict too: a typo in a field name fails both.
    let v = validator("assessment.schema.json");
    let doc: Value = serde_json::from_str(
        r#"{"referential": {"id": "x", "version": "1.0.0"}, "profile": {"name": "A", "kind": "commune", "population": 1}, "date": "2026-01-01", "level": 1, "answers": {"q": {"kind": "yes", "coment": "typo"}}}"#,
    )
    .expect("json");
    assert!(!v.is_valid(&doc));
    let report = api::validate_json(&doc.to_string(), None);
    assert!(report
        .issues
        .iter()
        .any(|i| i.code == sobriete::IssueCode::UnknownField && i.path == "/answers/q"));
}
