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

/// The call's `score_summary` (the batch's fast path) against the full
/// path it replaced (read, check, summarise): the same summary or the same
/// error, on every example and vector and on broken variants of them.
#[test]
fn the_calls_summary_is_the_full_paths() {
    let default = api::default_checked().unwrap();
    let mut cases: Vec<(api::CheckedReferential, String)> = Vec::new();
    let mine = |text: String| {
        (
            api::CheckedReferential::new((**default).clone()).unwrap(),
            text,
        )
    };
    let good = std::fs::read_to_string(root().join("examples/agglomeration-niveau2.json")).unwrap();
    let value: Value = serde_json::from_str(&good).unwrap();
    let mut broken = Vec::new();
    for (pointer, replacement) in [
        ("/level", Value::from(7)),
        ("/level", Value::from("2")),
        ("/date", Value::from("2026-13-45")),
        ("/profile/population", Value::from(-1)),
        ("/profile", Value::Null),
        ("/answers", Value::Array(vec![])),
        (
            "/answers",
            serde_json::json!({"no-such-question": {"kind": "yes_no", "value": true}}),
        ),
        ("/referential", Value::from("another")),
    ] {
        let mut v = value.clone();
        if let Some(slot) = v.pointer_mut(pointer) {
            *slot = replacement;
        }
        broken.push(v.to_string());
    }
    let mut v = value.clone();
    for answer in v["answers"].as_object_mut().unwrap().values_mut().take(5) {
        answer["kind"] = Value::from("bogus");
    }
    broken.push(v.to_string());
    broken.push(good.replacen('{', r#"{"level": 1,"#, 1)); // a key twice
    broken.push(good[..good.len() / 2].to_owned()); // cut short
    broken.push("[".repeat(10_000));
    for text in ["", "null", "[]", "{}", "\"x\"", "{\"level\": \"\\uZZZZ\"}"] {
        broken.push(text.to_owned());
    }
    for text in broken {
        cases.push(mine(text));
    }
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            cases.push(mine(std::fs::read_to_string(&p).unwrap()));
        }
    }
    for entry in std::fs::read_dir(root().join("tests/vectors")).unwrap() {
        let case = load(&entry.unwrap().path());
        let (Some(a), None) = (case.get("assessment"), case.get("operation")) else {
            continue;
        };
        let r = match case.get("referential") {
            Some(v) => match api::CheckedReferential::from_json(&v.to_string()) {
                Ok(r) => r,
                Err(_) => continue, // the vector's point is its referential's errors
            },
            None => api::CheckedReferential::new((**default).clone()).unwrap(),
        };
        cases.push((r, a.to_string()));
    }
    let (mut ok, mut failed) = (0, 0);
    for (r, text) in &cases {
        let mut args = api::Args::new();
        args.push("assessment", api::Arg::Str(text.as_str().into()));
        let called = api::call("score_summary", r, &args).map(|o| o.to_json());
        let full = api::read::<sobriete::Assessment>(text, r)
            .and_then(|a| api::score_summary(r, &a))
            .map(|s| serde_json::to_string(&s).unwrap());
        let head: String = text.chars().take(80).collect();
        match (called, full) {
            (Ok(c), Ok(f)) => {
                let (c, f): (Value, Value) = (
                    serde_json::from_str(&c).unwrap(),
                    serde_json::from_str(&f).unwrap(),
                );
                assert_eq!(c, f, "{head}");
                ok += 1;
            }
            (Err(c), Err(f)) => {
                assert_eq!(api::error_json(&c), api::error_json(&f), "{head}");
                failed += 1;
            }
            (c, f) => panic!("{head}: call {c:?}, full path {f:?}"),
        }
    }
    assert!(ok >= 20 && failed >= 15, "{ok} summaries, {failed} errors");
}
