//! The binding's Rust side: the error conversion, the batch call and the
//! records agree with the core (the Kotlin test covers the foreign side).

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use sobriete_uniffi::{
    rollup, DocumentKind, Lang, Referential, ReportFormat, ReportInputs, ScoreResult, Severity,
    SobrieteError,
};

fn vector(name: &str) -> Value {
    let path = format!(
        "{}/../tests/vectors/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn invalid_document_lists_every_issue_of_the_core() {
    let case = vector("15-error-assessment-many-problems");
    let r = Referential::from_json(case["referential"].to_string()).unwrap();
    let err = r.score(case["assessment"].to_string()).unwrap_err();
    let SobrieteError::InvalidDocument {
        document,
        detail,
        issues,
    } = &err
    else {
        panic!("expected InvalidDocument, got {err:?}");
    };
    assert_eq!(*document, DocumentKind::Assessment);
    let expected: Vec<(String, String, Severity)> = case["expected"]["error"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let severity = match i["severity"].as_str().unwrap() {
                "error" => Severity::Error,
                _ => Severity::Warning,
            };
            (
                i["code"].as_str().unwrap().to_owned(),
                i["path"].as_str().unwrap().to_owned(),
                severity,
            )
        })
        .collect();
    let actual: Vec<(String, String, Severity)> = issues
        .iter()
        .map(|i| (i.code.clone(), i.path.clone(), i.severity))
        .collect();
    assert_eq!(actual, expected);
    assert!(issues.iter().all(|i| !i.message.is_empty()));
    assert!(detail.starts_with("invalid assessment: "), "{detail}");
    assert_eq!(err.to_string(), *detail);
}

#[test]
fn invalid_argument_names_the_argument() {
    let r = Referential::default_referential().unwrap();
    let err = r.template(3, None, None).unwrap_err();
    assert_eq!(
        err,
        SobrieteError::InvalidArgument {
            argument: "level".to_owned(),
            detail: "invalid argument `level`: level must be 1 or 2, got 3".to_owned(),
        }
    );
}

#[test]
fn score_many_gives_one_result_per_item_in_order() {
    let r = Referential::default_referential().unwrap();
    let commune = example("commune-rurale-niveau1.json");
    let results = r.score_many(vec![commune.clone(), "[".repeat(10_000), commune.clone()]);
    assert_eq!(results.len(), 3);
    let single = r.score(commune).unwrap();
    assert_eq!(
        results[0],
        ScoreResult::Report {
            json: single.clone()
        }
    );
    match &results[1] {
        ScoreResult::Failed {
            error: SobrieteError::InvalidDocument { issues, .. },
        } => assert_eq!(issues[0].code, "too_deep"),
        other => panic!("expected a failure, got {other:?}"),
    }
    assert_eq!(results[2], ScoreResult::Report { json: single });
}

#[test]
fn summary_record_matches_the_report() {
    let case = vector("01-mini-level1-basic");
    let r = Referential::from_json(case["referential"].to_string()).unwrap();
    let score = r.score_summary(case["assessment"].to_string()).unwrap();
    assert_eq!(score.index, Some(63.19));
    assert_eq!(score.grade.as_deref(), Some("B"));
    let themes: Vec<Option<f64>> = score.themes.iter().map(|t| t.score).collect();
    assert_eq!(themes, vec![Some(77.78), Some(50.0), Some(75.0)]);
    assert_eq!(score.eco_clic_index, Some(38));
    assert_eq!(score.conformity_rate, Some(50.0));
    let report: Value =
        serde_json::from_str(&r.score(case["assessment"].to_string()).unwrap()).unwrap();
    assert_eq!(report, case["expected"]["report"]);
}

#[test]
fn full_report_and_rollup_go_through() {
    let r = Referential::default_referential().unwrap();
    let commune = example("commune-rurale-niveau1.json");
    let peers = example("peers/communes-creuse.json");
    let json = r
        .full_report(
            commune.clone(),
            Some(ReportInputs {
                target: Some(r#"{"index": 60}"#.to_owned()),
                peers: Some(peers.clone()),
                ..ReportInputs::default()
            }),
            Some(ReportFormat::Json),
            Some(Lang::Fr),
        )
        .unwrap();
    let data: Value = serde_json::from_str(&json).unwrap();
    assert!(data["gap"].is_object() && data["comparison"].is_object());
    let rolled: Value = serde_json::from_str(&rollup(peers, Some(40)).unwrap()).unwrap();
    assert!(rolled.is_object());
    let err = rollup("{}".to_owned(), None).unwrap_err();
    assert!(matches!(
        err,
        SobrieteError::InvalidDocument {
            document: DocumentKind::Peers,
            ..
        }
    ));
}

#[test]
fn json_schemas_are_the_checked_in_files() {
    let schemas = sobriete_uniffi::json_schemas();
    assert!(schemas.len() >= 3);
    for s in schemas {
        let path = format!("{}/../schema/{}", env!("CARGO_MANIFEST_DIR"), s.name);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), s.json, "{path}");
    }
}
