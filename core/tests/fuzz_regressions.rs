//! Fuzz findings as unit tests, without nightly or libFuzzer.
//!
//! Every file under `fuzz/regressions/<target>/` is replayed through the
//! same entry points as the fuzz target of that name (see `fuzz/`), reading
//! the documents the same way (NUL-separated). A reproducer that panics
//! here fails the test. A finding also gets its own named test below, which
//! says what was wrong.
//!
//! The replay is also checked on the seeds' documents, so that it runs real
//! paths.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use sobriete::api;
use sobriete::api::ImportFormat;
use sobriete::{Lang, Referential, ReportFormat};

const FORMATS: [ReportFormat; 4] = [
    ReportFormat::Text,
    ReportFormat::Json,
    ReportFormat::Markdown,
    ReportFormat::Html,
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn documents(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == 0)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect()
}

fn nth(docs: &[String], n: usize) -> Option<&str> {
    docs.get(n)
        .map(String::as_str)
        .filter(|d| !d.trim().is_empty())
}

fn referential_or_default(docs: &[String], n: usize) -> Option<Referential> {
    match nth(docs, n) {
        Some(json) => api::parse_referential(json).ok(),
        None => Some(api::default_referential().unwrap().clone()),
    }
}

fn every_output(r: &Referential, a: &sobriete::Assessment) {
    if let Ok(report) = api::score(r, a) {
        for lang in [Lang::Fr, Lang::En] {
            for format in FORMATS {
                let _ = api::render_report(&report, format, lang);
            }
            let _ = api::answers_csv(r, a, lang);
            let _ = api::themes_csv(r, a, lang);
        }
    }
}

/// Replays one input the way fuzz target `target` reads it.
fn replay(target: &str, data: &[u8]) {
    let docs = documents(data);
    let text = String::from_utf8_lossy(data);
    match target {
        "referential" => {
            let _ = api::validate_json_report(&text, None);
            if let Ok(r) = api::parse_referential(&text) {
                let back = api::parse_referential(&api::referential_to_json(&r));
                assert_eq!(back.ok().as_ref(), Some(&r), "referential round trip");
                let _ = api::referential_markdown(&r, Lang::Fr);
                let _ = api::template(&r, 2, None, Some("2026-01-01"));
            }
        }
        "assessment" => {
            let r = api::default_referential().unwrap();
            if let Ok(a) = api::parse_assessment(&text, r) {
                every_output(r, &a);
            }
        }
        "score_custom" | "history" => {
            let Some(r) = referential_or_default(&docs, 0) else {
                return;
            };
            let list: Vec<_> = docs
                .iter()
                .skip(1)
                .filter_map(|j| api::parse_assessment(j, &r).ok())
                .collect();
            for a in &list {
                every_output(&r, a);
            }
            let _ = api::history(&r, &list);
        }
        "plan" => {
            let Some(r) = referential_or_default(&docs, 2) else {
                return;
            };
            let Some(plan) = nth(&docs, 0).and_then(|j| api::parse_plan(j, &r).ok()) else {
                return;
            };
            let baseline = nth(&docs, 1).and_then(|j| api::parse_assessment(j, &r).ok());
            let _ = api::plan_status(&r, &plan, baseline.as_ref(), "2026-06-30");
            let _ = api::plan_csv(&r, &plan, Lang::Fr);
        }
        "propose" => {
            let (Some(a), Some(req)) = (nth(&docs, 0), nth(&docs, 1)) else {
                return;
            };
            let _ = api::propose_json(a, req, nth(&docs, 2));
        }
        "crosswalk" => {
            let (Some(c), Some(to), Some(a)) = (nth(&docs, 0), nth(&docs, 1), nth(&docs, 2)) else {
                return;
            };
            if let Ok(cw) = api::parse_crosswalk(c) {
                let _ = api::invert_crosswalk(&cw);
            }
            let _ = api::migrate_json(a, c, nth(&docs, 3), to, false);
            let _ = api::migrate_json(a, c, nth(&docs, 3), to, true);
        }
        "peers" => {
            let Some(p) = nth(&docs, 0) else { return };
            let _ = api::rollup_json(p, None);
            if let Some(a) = nth(&docs, 1) {
                let _ = api::compare_json(a, p, Some(1), None);
            }
        }
        "import" => {
            let Some((&selector, rest)) = data.split_first() else {
                return;
            };
            let format = [
                ImportFormat::Rgesn,
                ImportFormat::Minumeco,
                ImportFormat::Wsg,
            ][usize::from(selector % 3)];
            if let Ok(i) = api::import_referential(format, &String::from_utf8_lossy(rest)) {
                assert!(api::validate_referential(&i.referential).valid);
            }
        }
        // `structured` inputs are `arbitrary` bytes: replayed by cargo-fuzz
        // only (`scripts/test-fuzz.sh`), their findings get a named test.
        _ => {}
    }
}

#[test]
fn every_committed_reproducer_replays_without_panic() {
    let dir = root().join("fuzz").join("regressions");
    let Ok(targets) = std::fs::read_dir(&dir) else {
        return;
    };
    for target in targets.flatten() {
        if !target.path().is_dir() {
            continue;
        }
        let name = target.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(target.path()).unwrap().flatten() {
            if file.file_name() == ".gitkeep" {
                continue;
            }
            let data = std::fs::read(file.path()).unwrap();
            replay(&name, &data);
        }
    }
}

#[test]
fn the_replay_runs_real_paths() {
    // The seeds' shapes: a referential and its assessment, NUL-separated;
    // an assessment of the default referential and a request.
    let vector: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/vectors/22-propose-mini-reachable.json"))
            .unwrap(),
    )
    .unwrap();
    let referential = vector["referential"].to_string();
    let assessment = vector["assessment"].to_string();
    let request = vector["request"].to_string();
    let input = format!("{referential}\0{assessment}");
    replay("score_custom", input.as_bytes());
    let input = format!("{assessment}\0{request}\0{referential}");
    replay("propose", input.as_bytes());
    // The same documents give a proposal through the facade.
    assert!(api::propose_json(&assessment, &request, Some(&referential)).is_ok());
    let example =
        std::fs::read_to_string(root().join("examples/commune-rurale-niveau1.json")).unwrap();
    replay("assessment", example.as_bytes());
    assert!(api::score_json(&example, None).is_ok());
}

/// Found by the `referential` target: a weight written with 23 digits
/// (`17836096332352847805246e-23`) and the text written back for it did not
/// read as the same number (the JSON reader's fast path is not correctly
/// rounded): the referential did not read back into itself, and Rust
/// disagreed with JavaScript and Python on the weight. Numbers are now read
/// correctly rounded.
#[test]
fn numbers_read_as_javascript_and_python_read_them() {
    let data =
        std::fs::read(root().join("fuzz/regressions/referential/float-round-trip.json")).unwrap();
    let r = api::parse_referential(&String::from_utf8_lossy(&data)).unwrap();
    // `JSON.parse` and Python's `float` both give this value.
    assert_eq!(
        r.questions[0].weight.to_bits(),
        0.178_360_963_323_528_47_f64.to_bits()
    );
    let back = api::parse_referential(&api::referential_to_json(&r)).unwrap();
    assert_eq!(back, r);
    replay("referential", &data);
}
