//! Golden vectors: `tests/vectors/*.json` hold inputs and the expected
//! output. Every binding reproduces them. Regenerate the expected outputs
//! with `SOBRIETE_BLESS=1 cargo test -p sobriete --test vectors`.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use serde_json::{json, Value};
use sobriete::api;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn error_value(e: &sobriete::Error) -> Value {
    let document = match e {
        sobriete::Error::Invalid { document, .. } => document.as_str(),
        sobriete::Error::InvalidArgument { .. } => "argument",
    };
    let issues: Vec<Value> = e
        .issues()
        .iter()
        .map(|i| json!({"code": i.code, "path": i.path, "severity": i.severity}))
        .collect();
    json!({"error": {"code": e.code(), "document": document, "issues": issues}})
}

/// What the library computes for a case: `{"report": …}` or `{"error": …}`.
fn compute(case: &Value) -> Value {
    let owned;
    let referential = match case.get("referential") {
        Some(v) => match api::referential_from_value(v) {
            Ok(r) => {
                owned = r;
                &owned
            }
            Err(e) => return error_value(&e),
        },
        None => api::default_referential().expect("default referential"),
    };
    let assessment = match api::assessment_from_value(&case["assessment"], referential) {
        Ok(a) => a,
        Err(e) => return error_value(&e),
    };
    match api::score(referential, &assessment) {
        Ok(report) => json!({ "report": report }),
        Err(e) => error_value(&e),
    }
}

fn cases() -> Vec<(PathBuf, Value)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable vector");
            let v: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, v)
        })
        .collect()
}

#[test]
fn golden_vectors() {
    let bless = std::env::var_os("SOBRIETE_BLESS").is_some();
    let all = cases();
    assert!(
        all.len() >= 15,
        "expected at least 15 vectors, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for (path, mut case) in all {
        for field in ["name", "description", "assessment"] {
            assert!(
                case.get(field).is_some(),
                "{}: missing `{field}`",
                path.display()
            );
        }
        let actual = compute(&case);
        if bless {
            case["expected"] = actual;
            let mut text = serde_json::to_string_pretty(&case).expect("serializable");
            text.push('\n');
            std::fs::write(&path, text).expect("writable vector");
        } else if case.get("expected") != Some(&actual) {
            failures.push(path.display().to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "vectors differ from the computed output: {failures:?}\nif the change is intended, regenerate with: SOBRIETE_BLESS=1 cargo test -p sobriete --test vectors"
    );
}

/// The hand-computed figures written in the vectors' descriptions.
#[test]
fn hand_checked_figures() {
    // (vector, index, grade, Éco-clic index)
    type Figures<'a> = (&'a str, Option<f64>, Option<&'a str>, Option<i64>);
    let expected: &[Figures] = &[
        ("mini-level1-basic", Some(63.19), Some("B"), Some(38)),
        ("mini-level2-numeric", Some(65.97), Some("B"), None),
        (
            "mini-theme-all-not-applicable",
            Some(33.33),
            Some("D"),
            None,
        ),
        ("mini-all-dont-know", Some(0.0), Some("E"), Some(0)),
        ("mini-hidden-conditional", Some(62.5), Some("B"), None),
        ("mini-incomplete", Some(70.83), Some("B"), None),
        ("mini-best-answers", Some(100.0), Some("A"), Some(61)),
        ("unicode-ids", Some(50.0), Some("C"), None),
        ("numeric-bands", Some(54.17), Some("C"), Some(32)),
        ("profile-out-of-scope", Some(44.44), Some("C"), None),
        ("profile-in-scope", Some(58.33), Some("C"), None),
        ("not-applicable-justified", Some(66.67), Some("B"), Some(41)),
    ];
    let all = cases();
    for (name, index, grade, eco) in expected {
        let (_, case) = all
            .iter()
            .find(|(_, c)| c["name"] == *name)
            .unwrap_or_else(|| panic!("vector {name} exists"));
        let report = &compute(case)["report"];
        assert_eq!(report["index"].as_f64(), *index, "{name}: index");
        assert_eq!(report["grade"]["grade"].as_str(), *grade, "{name}: grade");
        if let Some(e) = eco {
            assert_eq!(
                report["eco_clic"]["index"].as_i64(),
                Some(*e),
                "{name}: Éco-clic index"
            );
        }
    }
    // Theme-level checks of the first case.
    let (_, basic) = all
        .iter()
        .find(|(_, c)| c["name"] == "mini-level1-basic")
        .expect("basic");
    let report = &compute(basic)["report"];
    let scores: Vec<Option<f64>> = report["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .map(|t| t["score"].as_f64())
        .collect();
    assert_eq!(scores, vec![Some(77.78), Some(50.0), Some(75.0)]);
    let (_, na) = all
        .iter()
        .find(|(_, c)| c["name"] == "mini-theme-all-not-applicable")
        .expect("na");
    assert_eq!(compute(na)["report"]["themes"][2]["score"], Value::Null);
}
