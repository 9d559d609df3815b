//! The `sobriete` command line, run as a user would.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

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

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sobriete"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    child.wait_with_output().expect("output")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const EXAMPLE: &str = "examples/commune-rurale-niveau1.json";

#[test]
fn report_text_of_an_example() {
    let o = run(&["report", EXAMPLE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Indice de maturité",
        "Note",
        "Scores par thème",
        "Gouvernance et stratégie",
        "Actions recommandées",
        "█",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    let en = stdout(&run(&["report", EXAMPLE, "--lang", "en"]));
    assert!(
        en.contains("Maturity index") && en.contains("Governance and strategy"),
        "{en}"
    );
}

#[test]
fn report_json_is_the_scored_document() {
    let o = run(&["report", EXAMPLE, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let index = report["index"].as_f64().expect("an index");
    assert!((0.0..=100.0).contains(&index));
    assert_eq!(report["themes"].as_array().expect("themes").len(), 8);
    // Same numbers as the library.
    let text = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let lib: Value = serde_json::from_str(&sobriete::api::score_json(&text, None).expect("scores"))
        .expect("json");
    assert_eq!(report, lib);
}

#[test]
fn report_markdown_and_stdin() {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let o = run_stdin(&["report", "-", "--format", "markdown"], &text);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.starts_with("# Sobriété numérique"), "{md}");
    assert!(md.contains("| Thème | Score |"));
}

#[test]
fn validate_lists_every_problem_and_exits_1() {
    let doc = r#"{
      "referential": {"id": "sobriete-reen", "version": "1.0.0"},
      "profile": {"name": "Commune d'essai", "kind": "commune", "population": 800, "siren": "12AB"},
      "date": "2026-02-31",
      "level": 1,
      "answers": {
        "gov-01": {"kind": "choice", "options": ["nope"]},
        "no-such-question": {"kind": "yes"},
        "awa-01": {"kind": "number", "value": 3}
      }
    }"#;
    let o = run_stdin(&["validate", "-"], doc);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    for code in [
        "invalid_date",
        "invalid_profile",
        "unknown_option",
        "unknown_question",
        "answer_mismatch",
    ] {
        assert!(out.contains(code), "missing {code} in\n{out}");
    }
    assert!(out.contains("/answers/gov-01/options/0"), "{out}");
    let o = run_stdin(&["validate", "-", "--format", "json"], doc);
    let report: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(report["valid"], false);
    assert_eq!(report["document"], "assessment");
    assert!(report["issues"].as_array().expect("issues").len() >= 5);
}

#[test]
fn validate_accepts_valid_documents() {
    let o = run(&["validate", EXAMPLE]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("valid assessment"));
    let o = run(&["validate", "core/referential/default.json"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("valid referential"));
}

#[test]
fn referential_json_and_markdown() {
    let o = run(&["referential", "--format", "json"]);
    assert!(o.status.success());
    let r: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let questions = r["questions"].as_array().expect("questions");
    let level = |n: u64| questions.iter().filter(|q| q["level"] == n).count();
    assert!(
        level(1) >= 30 && level(2) >= 40,
        "{} + {}",
        level(1),
        level(2)
    );
    assert_eq!(r["themes"].as_array().expect("themes").len(), 8);
    let md = stdout(&run(&["referential", "--format", "markdown"]));
    assert!(md.starts_with("# "));
    assert!(md.contains("## Gestion du parc"));
}

#[test]
fn template_lists_every_question_and_round_trips() {
    let o = run(&["template", "--level", "2", "--date", "2026-06-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let r: Value = serde_json::from_str(sobriete::api::DEFAULT_REFERENTIAL_JSON).expect("json");
    assert_eq!(
        t["answers"].as_object().expect("answers").len(),
        r["questions"].as_array().expect("q").len()
    );
    assert!(t["answers"]
        .as_object()
        .expect("answers")
        .values()
        .all(|a| a["kind"] == "unanswered"));
    // Once named, the skeleton is a valid (incomplete) assessment.
    let o = run(&[
        "template",
        "--name",
        "Saint-Essai",
        "--kind",
        "commune",
        "--population",
        "800",
        "--date",
        "2026-06-01",
    ]);
    let o = run_stdin(&["report", "-", "--format", "json"], &stdout(&o));
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(report["complete"], false);
    assert_eq!(report["index"], 0.0);
    // Level 3 is refused by the argument parser.
    assert_eq!(run(&["template", "--level", "3"]).status.code(), Some(2));
}

#[test]
fn bad_input_gives_a_message_not_a_backtrace() {
    for (args, input) in [
        (vec!["report", "does-not-exist.json"], None),
        (vec!["report", "-"], Some("{not json")),
        (vec!["report", "-"], Some("[]")),
        (
            vec!["report", EXAMPLE, "--referential", "does-not-exist.json"],
            None,
        ),
        (vec!["validate", "-"], Some("")),
    ] {
        let o = match input {
            Some(i) => run_stdin(&args, i),
            None => run(&args),
        };
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o) + &stdout(&o);
        assert!(err.contains("error"), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn schema_check_passes_on_the_checked_in_schemas() {
    let o = run(&["schema", "--check", "schema"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn plan_propose_status_next_and_history() {
    let o = run(&[
        "plan", "propose", EXAMPLE, "--target", "50", "--format", "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(p["reachable"], true);
    assert!(p["index"].as_f64().expect("index") >= 50.0);
    let text = stdout(&run(&["plan", "propose", EXAMPLE, "--target", "50"]));
    assert!(
        text.contains("Plan d’action proposé") && text.contains("cible atteinte"),
        "{text}"
    );
    let o = run(&[
        "plan",
        "propose",
        EXAMPLE,
        "--target",
        "99",
        "--max-effort",
        "3",
    ]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("hors d’atteinte"), "{}", stdout(&o));

    // A plan document from the proposal, followed up, then the next cycle.
    let plan = stdout(&run(&[
        "plan", "propose", EXAMPLE, "--target", "50", "--format", "plan",
    ]));
    let mut doc: Value = serde_json::from_str(&plan).expect("plan json");
    doc["actions"][0]["status"] = "done".into();
    doc["actions"][0]["progress"] = 100.into();
    let o = run_stdin(
        &[
            "plan",
            "status",
            "-",
            "--as-of",
            "2027-01-01",
            "--format",
            "json",
        ],
        &doc.to_string(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(s["index"]["gained"].as_f64().expect("gained") > 0.0);
    let o = run_stdin(
        &["plan", "next", "-", "--date", "2027-03-01"],
        &doc.to_string(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let next: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(next["date"], "2027-03-01");
    assert!(!next["from_plan"].as_object().expect("from_plan").is_empty());

    let o = run(&[
        "history",
        "examples/commune-rurale-niveau1.json",
        "examples/commune-rurale-niveau1.json",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let h: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(h["overall"]["index_delta"], 0.0);
}

#[test]
fn a_plan_with_a_dependency_cycle_is_rejected_with_its_path() {
    let plan = r#"{
      "referential": {"id": "sobriete-reen", "version": "1.0.0"}, "created": "2026-01-01",
      "actions": [
        {"id": "a", "action": "act-gov-01", "status": "planned", "depends_on": ["b"]},
        {"id": "b", "action": "act-awa-01", "status": "planned", "depends_on": ["c"]},
        {"id": "c", "action": "act-pur-01", "status": "planned", "depends_on": ["a"]}
      ]
    }"#;
    let o = run_stdin(&["validate", "-"], plan);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("dependency_cycle") && out.contains("/actions/0/depends_on"),
        "{out}"
    );
    assert!(out.contains("\"a\" → \"b\" → \"c\" → \"a\""), "{out}");
}

#[test]
fn reports_people_read() {
    let peers = "examples/peers/communes-creuse.json";
    let o = run(&[
        "report", EXAMPLE, "--format", "html", "--target", "50", "--peers", peers,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("lang=\"fr\""));
    assert!(
        !html.contains("src=\"http") && !html.contains("<script"),
        "self-contained"
    );
    assert!(html.contains("<svg") && html.contains("Communes de 500 à 999 habitants"));
    let md = stdout(&run(&[
        "report",
        EXAMPLE,
        "--format",
        "markdown",
        "--target",
        "50",
        "--history",
        EXAMPLE,
    ]));
    assert!(
        md.contains("Plan d’action proposé") && md.contains("Historique"),
        "{md}"
    );

    let csv = stdout(&run(&["report", EXAMPLE, "--format", "csv"]));
    assert!(
        csv.starts_with("question_id,theme_id,theme,level,prompt,status,answer,points"),
        "{csv}"
    );
    assert!(stdout(&run(&["csv", "themes", EXAMPLE])).starts_with("theme_id,theme,weight,score"));

    let review = stdout(&run(&["reen-review", EXAMPLE, "--year", "2026"]));
    let first = review.find("1°").expect("area 1°");
    let sixth = review.find("6°").expect("area 6°");
    assert!(first < sixth, "{review}");

    let svg = stdout(&run(&[
        "chart",
        "radar",
        EXAMPLE,
        "--theme-target",
        "fleet=80",
        "--peers",
        peers,
    ]));
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert_eq!(
        svg.matches("<polygon").count(),
        3,
        "assessment, target, national median"
    );
    let svg = stdout(&run(&["chart", "history", EXAMPLE, EXAMPLE]));
    assert!(svg.starts_with("<svg"));

    let o = run(&["compare", EXAMPLE, "--peers", peers, "--format", "json"]);
    let c: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(c["strata"][0]["id"], "kind_band");
    let o = run(&["rollup", peers, "--expected", "20"]);
    let r: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(r["members"], 16);
    assert_eq!(r["completeness"], 80.0);
}

#[test]
fn argument_errors_exit_2_and_each_issue_is_printed_once() {
    let o = run(&["plan", "propose", EXAMPLE, "--target", "150"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("value_out_of_range").count(), 1, "{err}");
    assert_eq!(
        run(&["template", "--date", "notadate"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["template", "--kind", "commune"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sobriete"))
        .args(["referential", "--format", "markdown"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // Read nothing and close the pipe, as `| head -0` would.
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("output");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}

const V2: &str = "examples/migration/sobriete-reen-2.0.0.json";
const CROSSWALK: &str = "examples/migration/crosswalk-1.1.0-to-2.0.0.json";

#[test]
fn migrate_writes_the_assessment_and_reports_every_answer() {
    let out = std::env::temp_dir().join(format!("sobriete-migrated-{}.json", std::process::id()));
    let o = run(&[
        "migrate",
        EXAMPLE,
        "--to",
        V2,
        "--crosswalk",
        CROSSWALK,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stderr(&o);
    assert!(report.contains("non reprise : pur-04"), "{report}");
    assert!(report.contains("awa-01, awa-02 → awa-01"), "{report}");
    let migrated: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(migrated["referential"]["version"], "2.0.0");
    assert_eq!(
        migrated["migrations"][0]["original"]["pur-04"]["options"][0],
        "none"
    );
    // The migrated assessment scores on the new version.
    let o = run(&[
        "report",
        out.to_str().unwrap(),
        "--referential",
        V2,
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // And back again with the inverted crosswalk: the original answers.
    let inverted = std::env::temp_dir().join(format!("sobriete-back-{}.json", std::process::id()));
    let o = run(&["crosswalk", "invert", CROSSWALK]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(&inverted, stdout(&o)).unwrap();
    let o = run(&[
        "migrate",
        out.to_str().unwrap(),
        "--from",
        V2,
        "--to",
        "core/referential/default.json",
        "--crosswalk",
        inverted.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let back: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(EXAMPLE)).unwrap()).unwrap();
    assert_eq!(back["answers"], original["answers"]);
    let _ = std::fs::remove_file(out);
    let _ = std::fs::remove_file(inverted);
}

#[test]
fn migrate_simulate_and_crosswalk_check() {
    let o = run(&[
        "migrate",
        EXAMPLE,
        "--to",
        V2,
        "--crosswalk",
        CROSSWALK,
        "--simulate",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(s["index_before"], 28.82);
    assert!(s["index_after"].is_number());
    let o = run(&["crosswalk", "check", CROSSWALK, "--to", V2]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Checked against the wrong version: every problem, exit 1.
    let o = run(&[
        "crosswalk",
        "check",
        CROSSWALK,
        "--to",
        "core/referential/default.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("referential_mismatch"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn batch_scores_json_lines_like_report() {
    let mut lines = String::new();
    let names = [
        "commune-rurale-niveau1.json",
        "agglomeration-niveau2.json",
        "departement-niveau2.json",
    ];
    let mut expected = Vec::new();
    for name in names {
        let path = root().join("examples").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        lines.push_str(&value.to_string());
        lines.push('\n');
        let report = run(&["report", path.to_str().unwrap(), "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&stdout(&report)).unwrap();
        expected.push(report["index"].as_f64().unwrap());
    }
    // A blank line is skipped (but counted), a broken one gets its error row.
    lines.push_str("\n{\"level\": 3}\n");
    let o = run_stdin(&["batch", "-"], &lines);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("4 assessments: 3 scored, 1 failed"),
        "{}",
        stderr(&o)
    );
    let out = stdout(&o);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    for (row, index) in rows.iter().zip(&expected) {
        assert_eq!(row[col("index")].parse::<f64>().unwrap(), *index);
        assert_eq!(&row[col("error")], "");
    }
    assert_eq!(&rows[3][col("item")], "5");
    assert!(
        rows[3][col("error")].starts_with("unknown_field")
            || rows[3][col("error")].starts_with("missing_field"),
        "{:?}",
        &rows[3]
    );
    // JSON Lines: the same figures.
    let o = run_stdin(&["batch", "--format", "jsonl", "-"], &lines);
    let items: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(items.len(), 4);
    assert_eq!(items[1]["summary"]["index"].as_f64(), Some(expected[1]));
    assert_eq!(items[3]["error"]["code"], "invalid_document");
}

/// The `summaries` golden vectors through `batch --format jsonl`: one line
/// per assessment, `{"item", "summary"}` or `{"item", "error": {code,
/// message, issues}}`, mapped to the vectors' items (the error's document
/// is the one its message names: `invalid <document>: …`).
#[test]
fn batch_jsonl_reproduces_the_summaries_vectors() {
    let dir = root().join("tests/vectors");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut checked = 0;
    for path in paths {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if case["operation"] != "summaries" {
            continue;
        }
        let mut lines = String::new();
        for a in case["assessments"].as_array().unwrap() {
            lines.push_str(&a.to_string());
            lines.push('\n');
        }
        let referential = std::env::temp_dir().join(format!(
            "sobriete-summaries-{}-{}.json",
            std::process::id(),
            checked
        ));
        let mut args = vec!["batch", "--format", "jsonl"];
        if let Some(r) = case.get("referential") {
            std::fs::write(&referential, r.to_string()).unwrap();
            args.extend(["--referential", referential.to_str().unwrap()]);
        }
        args.push("-");
        let o = run_stdin(&args, &lines);
        let _ = std::fs::remove_file(&referential);
        let expected = case["expected"]["summaries"].as_array().unwrap();
        let failed = expected.iter().filter(|x| x.get("error").is_some()).count();
        assert_eq!(
            o.status.code(),
            Some(if failed > 0 { 1 } else { 0 }),
            "{}: {}",
            path.display(),
            stderr(&o)
        );
        let items: Vec<Value> = stdout(&o)
            .lines()
            .enumerate()
            .map(|(i, l)| {
                let v: Value = serde_json::from_str(l).unwrap();
                assert_eq!(v["item"], i + 1, "{}: line numbers", path.display());
                if let Some(s) = v.get("summary") {
                    return serde_json::json!({ "summary": s });
                }
                let e = &v["error"];
                let message = e["message"].as_str().unwrap();
                let document = message
                    .strip_prefix("invalid ")
                    .and_then(|m| m.split(':').next())
                    .unwrap();
                let issues: Vec<Value> = e["issues"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| {
                        serde_json::json!({"code": i["code"], "path": i["path"], "severity": i["severity"]})
                    })
                    .collect();
                serde_json::json!({"error": {"code": e["code"], "document": document, "issues": issues}})
            })
            .collect();
        assert_eq!(&items, expected, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 2, "checked {checked} summaries vectors");
}

#[test]
fn migrate_from_the_previous_default_referential_and_back() {
    let old = "tests/referential-1.0.0/example-commune-rurale-niveau1.json";
    let previous = "core/referential/sobriete-reen-1.0.0.json";
    let crosswalk = "core/referential/crosswalk-1.0.0-to-1.1.0.json";
    // No --to: the embedded version.
    let o = run(&[
        "migrate",
        old,
        "--from",
        previous,
        "--crosswalk",
        crosswalk,
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let migrated: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(migrated["referential"]["version"], "1.1.0");
    // A yes/no question that became graded options: "no" → the lowest.
    assert_eq!(migrated["answers"]["pur-04"]["options"][0], "none");
    let report: Value = serde_json::from_str(&stderr(&o)).unwrap();
    assert_eq!(report["counts"]["not_carried"], 0, "{report}");
    assert!(report["counts"]["added"].as_u64().unwrap() >= 4, "{report}");
    // Back to 1.0.0: the original answers.
    let dir = std::env::temp_dir();
    let new = dir.join(format!("sobriete-1.1.0-{}.json", std::process::id()));
    let back = dir.join(format!("sobriete-back-1.0.0-{}.json", std::process::id()));
    std::fs::write(&new, stdout(&o)).unwrap();
    let o = run(&["crosswalk", "invert", crosswalk]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(&back, stdout(&o)).unwrap();
    let o = run(&[
        "migrate",
        new.to_str().unwrap(),
        "--to",
        previous,
        "--crosswalk",
        back.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let restored: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let original: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(old)).unwrap()).unwrap();
    assert_eq!(restored["answers"], original["answers"]);
    let _ = std::fs::remove_file(new);
    let _ = std::fs::remove_file(back);
}

#[test]
fn the_referential_markdown_lists_references_and_changes() {
    let o = run(&["referential", "--format", "markdown"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.contains("### pur-05 — "), "the new question");
    assert!(
        md.contains("Textes : [Loi n° 2021-1485 du 15 novembre 2021 (REEN), art. 15](https://www.legifrance.gouv.fr/"),
        "legal references as links"
    );
    assert!(md.contains("\n## CHANGES\n"), "the changelog");
}
