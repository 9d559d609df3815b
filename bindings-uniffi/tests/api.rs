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

/// Every public function of the core's facade (and of its schema module) is
/// reachable from Kotlin and Swift: each is listed here with the binding
/// entry point that exposes it. A function added to `core/src/api/mod.rs`
/// fails this test until the binding exposes it and this table says where.
#[test]
fn the_binding_covers_the_whole_facade() {
    const EXPOSED_BY: &[(&str, &[&str])] = &[
        ("default_referential", &["default_referential"]),
        ("referential_from_value", &["from_json"]),
        ("parse_referential", &["from_json"]),
        // Every method taking an assessment's JSON parses it with these.
        ("assessment_from_value", &["score"]),
        ("parse_assessment", &["score"]),
        ("validate_referential", &["validate"]),
        ("validate_assessment", &["validate"]),
        ("detect_document", &["validate"]),
        ("validate_json", &["validate"]),
        ("validate_json_report", &["validate"]),
        ("score", &["score", "score_summary", "score_many"]),
        ("score_json", &["score"]),
        ("template", &["template"]),
        ("template_json", &["template"]),
        ("render_report", &["render_report"]),
        ("report_json", &["render_report"]),
        ("referential_to_json", &["to_json"]),
        ("referential_markdown", &["markdown"]),
        ("target_gap", &["target_gap"]),
        ("candidates", &["candidates"]),
        ("candidates_json", &["candidates"]),
        ("propose", &["propose"]),
        ("propose_json", &["propose"]),
        ("request_from_value", &["propose"]),
        ("plan_from_proposal", &["plan_from_proposal"]),
        ("plan_from_value", &["plan_status"]),
        ("parse_plan", &["plan_status"]),
        ("validate_plan", &["validate_plan"]),
        ("validate_plan_json", &["validate_plan"]),
        ("plan_status", &["plan_status"]),
        ("plan_status_json", &["plan_status"]),
        ("history", &["history"]),
        ("history_json", &["history"]),
        ("diff", &["diff"]),
        ("next_assessment", &["next_assessment"]),
        ("progress_series", &["progress_series"]),
        ("peers_from_value", &["compare", "rollup"]),
        ("parse_peers", &["compare", "rollup"]),
        ("compare", &["compare"]),
        ("compare_json", &["compare"]),
        ("rollup", &["rollup"]),
        ("rollup_json", &["rollup"]),
        ("peer_result", &["peer_result"]),
        ("answers_csv", &["answers_csv"]),
        ("themes_csv", &["themes_csv"]),
        ("plan_csv", &["plan_csv"]),
        ("annual_review", &["annual_review"]),
        ("full_report_data", &["full_report_data"]),
        ("full_report", &["full_report"]),
        ("radar_svg", &["radar_svg"]),
        ("evolution_svg", &["evolution_svg"]),
        ("crosswalk_from_value", &["validate_crosswalk", "migrate"]),
        ("parse_crosswalk", &["validate_crosswalk", "migrate"]),
        ("validate_crosswalk", &["validate_crosswalk"]),
        ("migrate", &["migrate"]),
        ("migrate_json", &["migrate", "simulate_migration"]),
        ("simulate_migration", &["simulate_migration"]),
        ("invert_crosswalk", &["invert_crosswalk"]),
        ("score_summary", &["score_summary"]),
        ("score_summary_json", &["score_summaries"]),
        // Every JSON text goes through it (limits, then parsing).
        ("parse_json", &["score", "validate"]),
        // For bindings that receive bytes: Kotlin and Swift pass strings.
        ("text_from_utf8", &[]),
        // For builds without the embedded default referential (the
        // WebAssembly package); this binding has it compiled in.
        ("load_default_referential", &[]),
        ("score_summaries", &["score_summaries"]),
        ("score_summaries_with", &["score_summaries"]),
        // An environment setting read by the batch calls.
        ("batch_threads", &["score_summaries"]),
        ("read_assessment", &["score"]),
        ("import_referential", &["import_referential"]),
        ("import_referential_json", &["import_referential"]),
        ("import_ecoclic", &["import_ecoclic"]),
        ("import_ecoclic_json", &["import_ecoclic"]),
        ("import_ecoclic_answers", &["import_ecoclic_answers"]),
        ("import_ecoclic_answers_json", &["import_ecoclic_answers"]),
        // The JSON form of an Éco-clic source, read by both.
        ("ecoclic_source_from_value", &["import_ecoclic"]),
        (
            "parse_ecoclic_source",
            &["import_ecoclic", "import_ecoclic_answers"],
        ),
        // core/src/api/schema.rs
        ("all", &["json_schemas"]),
        ("to_text", &["json_schemas"]),
    ];
    let dir = env!("CARGO_MANIFEST_DIR");
    let public_fns = |file: &str| -> Vec<String> {
        std::fs::read_to_string(format!("{dir}/../core/src/{file}"))
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("pub fn "))
            .map(|l| l.split(['(', '<']).next().unwrap().to_owned())
            .collect()
    };
    let core: Vec<String> = [public_fns("api/mod.rs"), public_fns("api/schema.rs")].concat();
    let binding = std::fs::read_to_string(format!("{dir}/src/lib.rs")).unwrap();
    for name in &core {
        let entry = EXPOSED_BY.iter().find(|(n, _)| n == name);
        let Some((_, exposed)) = entry else {
            panic!(
                "core function `{name}` is not exposed by the uniffi binding (or not listed here)"
            );
        };
        for e in *exposed {
            assert!(
                binding.contains(&format!("pub fn {e}(")),
                "`{e}` (for core `{name}`) is not a function of bindings-uniffi/src/lib.rs"
            );
        }
    }
    for (name, _) in EXPOSED_BY {
        assert!(
            core.iter().any(|c| c == name),
            "`{name}` is listed but is no longer a public function of the core"
        );
    }
}
