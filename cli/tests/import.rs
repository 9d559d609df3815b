//! `sobriete import`, run as a user would, and an imported referential used
//! end to end by `sobriete template` and `sobriete report`.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sobriete"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("sobriete-cli-import-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const RGESN: &str = "tests/import-fixtures/published/rgesn-2024.json";
const MINUMECO: &str = "tests/import-fixtures/published/minumeco-guide-v1.json";
const WSG: &str = "tests/import-fixtures/published/wsg-ninth-draft.json";

#[test]
fn import_prints_the_referential_and_the_summary() {
    for (format, file, questions, themes) in [
        ("rgesn", RGESN, 78, 9),
        ("minumeco", MINUMECO, 59, 9),
        ("wsg", WSG, 94, 4),
    ] {
        let o = run(&["import", format, file]);
        assert!(o.status.success(), "{}", stderr(&o));
        let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(r["questions"].as_array().unwrap().len(), questions);
        assert_eq!(r["themes"].as_array().unwrap().len(), themes);
        let summary = stderr(&o);
        assert!(
            summary.contains(&format!("{questions} questions in {themes} themes")),
            "{summary}"
        );
    }
    let o = run(&["import", "wsg", WSG]);
    assert!(stderr(&o).contains("254 success criteria"));
    assert!(stderr(&o).contains("skipped /category/0"));
}

#[test]
fn import_writes_files_and_reports_what_it_skipped() {
    let dir = scratch("files");
    let out = dir.join("r.json");
    let report = dir.join("report.json");
    let o = run(&[
        "import",
        "rgesn",
        "tests/import-fixtures/rgesn-2022-wrapped.json",
        "-o",
        out.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(err.contains("4 skipped"), "{err}");
    assert!(err.contains("skipped /criteres/4: no `numero`"), "{err}");
    assert!(
        err.contains("warning[invalid_value] at /criteres/2/difficulte"),
        "{err}"
    );
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(r["questions"].as_array().unwrap().len(), 4);
    let rep: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(rep["source_format"], "rgesn");
    assert_eq!(rep["counts"]["source_entries"], 8);
    assert_eq!(rep["skipped"].as_array().unwrap().len(), 4);
    // The written referential validates.
    let o = run(&["validate", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    // Quiet: nothing on standard error.
    let o = run(&[
        "import",
        "-q",
        "minumeco",
        "tests/import-fixtures/minumeco-flat.json",
    ]);
    assert!(o.status.success());
    assert!(stderr(&o).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_failures() {
    // Not the format: a typed error, exit 1.
    let o = run(&["import", "rgesn", "examples/commune-rurale-niveau1.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("invalid import_source"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("unknown_document"), "{}", stderr(&o));
    // Unknown format: a usage error, exit 2.
    let o = run(&["import", "gr491", RGESN]);
    assert_eq!(o.status.code(), Some(2));
    // Missing file.
    let o = run(&["import", "wsg", "nowhere.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read"));
}

/// Import the RGESN, draft an audit with `template`, answer it by hand,
/// report: the conformity rate is the RGESN rate.
#[test]
fn imported_rgesn_is_scored_end_to_end() {
    let dir = scratch("e2e");
    let referential = dir.join("rgesn.json");
    let o = run(&[
        "import",
        "rgesn",
        RGESN,
        "-o",
        referential.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "template",
        "--referential",
        referential.to_str().unwrap(),
        "--name",
        "Ville test",
        "--date",
        "2026-06-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut audit: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<String> = audit["answers"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(ids.len(), 78);
    // Hand-made audit: the 6 criteria of « Backend » and « Algorithmie »
    // numbered 7.x and 9.1–9.2 not applicable (4 + 2 = 6), the 10 criteria
    // of « Stratégie » (1.x) non conformes, the other 62 conformes.
    // Rate = 62 ÷ (78 − 6) = 62 ÷ 72 = 0.86111… → 86.11 %.
    for id in &ids {
        let kind = if id.starts_with("7.") || id == "9.1" || id == "9.2" {
            "not_applicable"
        } else if id.starts_with("1.") {
            "no"
        } else {
            "yes"
        };
        audit["answers"][id] = json!({ "kind": kind });
    }
    let audit_path = dir.join("audit.json");
    std::fs::write(&audit_path, audit.to_string()).unwrap();
    let o = run(&[
        "report",
        "--referential",
        referential.to_str().unwrap(),
        audit_path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["conformity"]["in_place"], 62);
    assert_eq!(report["conformity"]["applicable"], 72);
    assert_eq!(report["conformity"]["rate"], json!(86.11));
    // The text report renders too.
    let o = run(&[
        "report",
        "--referential",
        referential.to_str().unwrap(),
        audit_path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("86"), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Imported WSG: `sobriete actions` lists the quick wins (high impact, low
/// effort first); the imported guide renders as Markdown.
#[test]
fn imported_wsg_quick_wins_and_markdown() {
    let dir = scratch("wsg");
    let referential = dir.join("wsg.json");
    let o = run(&[
        "import",
        "-q",
        "wsg",
        WSG,
        "-o",
        referential.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "template",
        "--referential",
        referential.to_str().unwrap(),
        "--name",
        "Ville test",
        "--date",
        "2026-06-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let audit = dir.join("audit.json");
    std::fs::write(&audit, stdout(&o)).unwrap();
    let o = run(&[
        "actions",
        "--referential",
        referential.to_str().unwrap(),
        audit.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let quick: Vec<&str> = c["quick_wins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(quick.len(), 24);
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&referential).unwrap()).unwrap();
    let rating = |id: &str| {
        let a = r["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap();
        (
            a["impact"].as_str().unwrap().to_owned(),
            a["effort"].as_str().unwrap().to_owned(),
        )
    };
    for (k, id) in quick.iter().enumerate() {
        let impact = if k < 4 { "high" } else { "medium" };
        assert_eq!(rating(id), (impact.to_owned(), "low".to_owned()), "{id}");
    }
    // The imported guide reads as Markdown.
    let guide = dir.join("guide.json");
    let o = run(&[
        "import",
        "-q",
        "minumeco",
        MINUMECO,
        "-o",
        guide.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let o = run(&[
        "referential",
        "--referential",
        guide.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Coordonner la démarche numérique responsable"));
    let _ = std::fs::remove_dir_all(&dir);
}

const ECOCLIC: &str = "tests/import-fixtures/ecoclic/mini.sql";

#[test]
fn ecoclic_questionnaire_from_a_dump_a_folder_or_csv_files() {
    let o = run(&["import", "ecoclic", ECOCLIC]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["questions"].as_array().unwrap().len(), 9);
    assert_eq!(r["grades"][0], json!({"grade": "A", "min": 99.0}));
    let summary = stderr(&o);
    assert!(
        summary.starts_with("imported ecoclic: 9 questions in 3 themes"),
        "{summary}"
    );
    assert!(summary.contains("skipped /answer/a-gone-oui"), "{summary}");
    let folder = run(&[
        "import",
        "ecoclic",
        "tests/import-fixtures/ecoclic/mini-csv",
        "-q",
    ]);
    assert_eq!(stdout(&folder), stdout(&o));
    let tables = ["category", "theme", "question", "answer"]
        .map(|t| format!("tests/import-fixtures/ecoclic/mini-csv/{t}.csv"));
    let mut args = vec!["import", "ecoclic", "-q"];
    args.extend(tables.iter().map(String::as_str));
    let files = run(&args);
    assert!(files.status.success(), "{}", stderr(&files));
    assert_eq!(stdout(&files), stdout(&o));
    // A dump cut short: exit 1, the line named.
    let dir = scratch("ecoclic-cut");
    let text = std::fs::read_to_string(root().join(ECOCLIC)).unwrap();
    let cut = dir.join("cut.sql");
    std::fs::write(&cut, &text[..text.find("Une personne").unwrap()]).unwrap();
    let o = run(&["import", "ecoclic", cut.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error[invalid_sql] at /sql: line "),
        "{}",
        stderr(&o)
    );
    // Options of the answers' import are usage errors elsewhere.
    let o = run(&["import", "ecoclic", ECOCLIC, "--out-dir", "x"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["import", "rgesn", RGESN, RGESN]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ecoclic_answers_become_assessments_ready_for_batch() {
    let dir = scratch("ecoclic-answers");
    let referential = dir.join("referential.json");
    let o = run(&[
        "import",
        "ecoclic",
        ECOCLIC,
        "-q",
        "-o",
        referential.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let out = dir.join("assessments");
    let o = run(&[
        "import",
        "ecoclic-answers",
        ECOCLIC,
        "--referential",
        referential.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = stderr(&o);
    assert!(
        summary.starts_with("imported ecoclic-answers: 4 assessments of 5 collectivités (26 of 30 answer rows carried; 2 skipped)"),
        "{summary}"
    );
    assert!(
        summary.contains("not carried /collectivite_answer/ca-d3"),
        "{summary}"
    );
    for f in [
        "col-a.json",
        "col-b.json",
        "col-c.json",
        "col-d.json",
        "assessments.jsonl",
        "import-report.json",
    ] {
        assert!(out.join(f).exists(), "{f}");
    }
    // The JSON Lines score in batch with the Éco-clic figures computed by
    // hand in core/tests/ecoclic.rs.
    let o = run(&[
        "batch",
        out.join("assessments.jsonl").to_str().unwrap(),
        "--referential",
        referential.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let figures: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["summary"]["eco_clic"].clone())
        .collect();
    assert_eq!(figures, [json!(42), json!(56), Value::Null, json!(28)]);
    // One collectivité's report, like any assessment's.
    let o = run(&[
        "report",
        out.join("col-a.json").to_str().unwrap(),
        "--referential",
        referential.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("42"), "{}", stdout(&o));
    // Without --out-dir, the JSON Lines on standard output.
    let o = run(&["import", "ecoclic-answers", ECOCLIC, "-q"]);
    assert_eq!(stdout(&o).lines().count(), 4);
    let _ = std::fs::remove_dir_all(&dir);
}
