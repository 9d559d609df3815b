//! The batch summary gives exactly the score report's headline figures.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use serde_json::Value;
use sobriete::api;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load(p: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn check(r: &sobriete::Referential, v: &Value, what: &str) {
    let a = api::assessment_from_value(v, r).unwrap();
    let report = api::score(r, &a).unwrap();
    let s = api::score_summary(r, &a).unwrap();
    assert_eq!(s.index, report.index, "{what}");
    assert_eq!(s.grade, report.grade.map(|g| g.grade), "{what}");
    assert_eq!(s.complete, report.complete, "{what}");
    assert_eq!(s.completeness, report.completeness, "{what}");
    assert_eq!(s.dont_know_share, report.dont_know_share, "{what}");
    assert_eq!(s.eco_clic, report.eco_clic.index, "{what}");
    assert_eq!(s.conformity, report.conformity.rate, "{what}");
    let themes: Vec<(String, Option<f64>)> = report
        .themes
        .iter()
        .map(|t| (t.id.clone(), t.score))
        .collect();
    let summary: Vec<(String, Option<f64>)> =
        s.themes.iter().map(|t| (t.id.clone(), t.score)).collect();
    assert_eq!(summary, themes, "{what}");
}

#[test]
fn summaries_match_reports() {
    let default = api::default_referential().unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            check(default, &load(&p), &p.display().to_string());
            n += 1;
        }
    }
    for entry in std::fs::read_dir(root().join("tests/vectors")).unwrap() {
        let p = entry.unwrap().path();
        let case = load(&p);
        if case.get("operation").is_some() || case["expected"].get("report").is_none() {
            continue;
        }
        let owned;
        let r = match case.get("referential") {
            Some(v) => {
                owned = api::referential_from_value(v).unwrap();
                &owned
            }
            None => default,
        };
        check(r, &case["assessment"], &p.display().to_string());
        n += 1;
    }
    assert!(n >= 20, "{n} cases");
}

#[test]
fn batch_keeps_each_failure_with_its_item() {
    let r = api::default_referential().unwrap();
    let good = load(&root().join("examples/commune-rurale-niveau1.json"));
    let mut bad = good.clone();
    bad["level"] = Value::from(7);
    let texts = [
        good.to_string(),
        bad.to_string(),
        "null".to_owned(),
        good.to_string(),
    ];
    let out = api::score_summaries(r, &texts).unwrap();
    assert_eq!(out.len(), 4);
    assert_eq!(out[0].as_ref().unwrap().index, Some(28.82));
    assert_eq!(out[1].as_ref().unwrap_err().issues()[0].path, "/level");
    assert!(out[2].is_err());
    assert_eq!(out[3].as_ref().unwrap().index, Some(28.82));
}
