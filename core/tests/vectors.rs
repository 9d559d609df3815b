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

/// One item of a batch of summaries in the vectors' shape.
fn summary_item(item: &Result<sobriete::api::ScoreSummary, sobriete::Error>) -> Value {
    match item {
        Ok(s) => json!({ "summary": s }),
        Err(e) => error_value(e),
    }
}

/// What the library computes for a case, by its `operation` (default
/// `score`): `{"report"|"proposal"|"status"|"history"|"summaries": …}` or
/// `{"error": …}`.
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
    let assessment = |v: &Value| api::assessment_from_value(v, referential);
    let result = match case
        .get("operation")
        .and_then(Value::as_str)
        .unwrap_or("score")
    {
        "score" => assessment(&case["assessment"])
            .and_then(|a| api::score(referential, &a))
            .map(|r| json!({ "report": r })),
        "propose" => assessment(&case["assessment"]).and_then(|a| {
            let request = api::request_from_value(&case["request"])?;
            api::propose(referential, &a, &request).map(|p| json!({ "proposal": p }))
        }),
        "plan_status" => api::plan_from_value(&case["plan"], referential).and_then(|plan| {
            let as_of = case["as_of"].as_str().unwrap_or_default();
            api::plan_status(referential, &plan, None, as_of).map(|s| json!({ "status": s }))
        }),
        "history" => case["assessments"]
            .as_array()
            .expect("assessments")
            .iter()
            .map(assessment)
            .collect::<Result<Vec<_>, _>>()
            .and_then(|list| api::history(referential, &list))
            .map(|h| json!({ "history": h })),
        "compare" => assessment(&case["assessment"]).and_then(|a| {
            let peers = api::peers_from_value(&case["peers"])?;
            let min = case["min_group_size"].as_u64().map(|m| m as usize);
            api::compare(referential, &a, &peers, min).map(|c| json!({ "comparison": c }))
        }),
        "rollup" => api::peers_from_value(&case["peers"]).and_then(|peers| {
            let expected = case["expected_members"].as_u64().map(|m| m as usize);
            api::rollup(&peers, expected).map(|x| json!({ "rollup": x }))
        }),
        "migrate" => assessment(&case["assessment"]).and_then(|a| {
            let to = api::referential_from_value(&case["to_referential"])?;
            let c = api::crosswalk_from_value(&case["crosswalk"])?;
            if case["simulate"] == json!(true) {
                api::simulate_migration(referential, &a, &c, &to)
                    .map(|s| json!({ "simulation": s }))
            } else {
                api::migrate(referential, &a, &c, &to).map(|m| json!({ "migration": m }))
            }
        }),
        "summaries" => {
            // The batch API over JSON texts, as every binding's batch call:
            // one item per input, `{"summary": …}` or `{"error": …}`.
            let texts: Vec<String> = case["assessments"]
                .as_array()
                .expect("assessments")
                .iter()
                .map(Value::to_string)
                .collect();
            api::score_summaries(referential, &texts).map(|items| {
                let items: Vec<Value> = items.iter().map(summary_item).collect();
                json!({ "summaries": items })
            })
        }
        "import_ecoclic" => api::ecoclic_source_from_value(&case["source"])
            .and_then(|s| api::import_ecoclic(&s))
            .map(|i| json!({ "imported": i })),
        "import_ecoclic_answers" => api::ecoclic_source_from_value(&case["source"]).and_then(|s| {
            // The questionnaire is imported on the way unless one is given.
            let given = case.get("referential").map(|_| referential);
            api::import_ecoclic_answers(&s, given).map(|a| json!({ "answers": a }))
        }),
        other => panic!("unknown operation {other}"),
    };
    result.unwrap_or_else(|e| error_value(&e))
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
        for field in ["name", "description"] {
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
fn hand_checked_conformity() {
    // (vector, in place, applicable, rate): the arithmetic is in the descriptions.
    for (name, in_place, applicable, rate) in [
        ("mini-level1-basic", 3, 6, 50.0),
        ("not-applicable-justified", 1, 3, 33.33),
    ] {
        let all = cases();
        let (_, case) = all
            .iter()
            .find(|(_, c)| c["name"] == name)
            .unwrap_or_else(|| panic!("vector {name} exists"));
        let c = &compute(case)["report"]["conformity"];
        assert_eq!(c["in_place"], in_place, "{name}");
        assert_eq!(c["applicable"], applicable, "{name}");
        assert_eq!(c["rate"].as_f64(), Some(rate), "{name}");
    }
}

#[test]
fn hand_checked_migration() {
    // The arithmetic is in the vector's description.
    let all = cases();
    let (_, case) = all
        .iter()
        .find(|(_, c)| c["name"] == "migrate-mini-simulation")
        .expect("vector exists");
    let s = &compute(case)["simulation"];
    assert_eq!(s["index_before"].as_f64(), Some(58.33));
    assert_eq!(s["index_after"].as_f64(), Some(18.75));
    assert_eq!(s["index_delta"].as_f64(), Some(-39.58));
    let (_, case) = all
        .iter()
        .find(|(_, c)| c["name"] == "migrate-mini-every-mapping")
        .expect("vector exists");
    let m = &compute(case)["migration"];
    assert_eq!(m["assessment"]["answers"]["q34"]["kind"], "no");
    assert_eq!(m["assessment"]["answers"]["q1b"]["options"][0], "oui");
    assert_eq!(m["report"]["counts"]["transformed"], 5);
    assert_eq!(
        m["assessment"]["migrations"][0]["original"]["q5"]["kind"],
        "yes"
    );
}

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
            Some(38),
        ),
        ("mini-all-dont-know", Some(0.0), Some("E"), Some(0)),
        ("mini-hidden-conditional", Some(62.5), Some("B"), Some(27)),
        ("mini-incomplete", Some(70.83), Some("B"), None),
        ("mini-best-answers", Some(100.0), Some("A"), Some(61)),
        ("unicode-ids", Some(50.0), Some("C"), None),
        ("numeric-bands", Some(54.17), Some("C"), Some(32)),
        ("profile-out-of-scope", Some(44.44), Some("C"), None),
        ("profile-in-scope", Some(58.33), Some("C"), None),
        ("not-applicable-justified", Some(66.67), Some("B"), Some(38)),
        ("ecoclic-hidden-child", Some(50.0), Some("D"), Some(42)),
        (
            "ecoclic-level2-not-applicable-dont-know",
            Some(61.11),
            Some("C"),
            Some(56),
        ),
        ("ecoclic-incomplete", Some(25.0), Some("E"), None),
        (
            "ecoclic-level1-with-level2-answers",
            Some(41.67),
            Some("D"),
            Some(28),
        ),
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
    let get = |name: &str| compute(&all.iter().find(|(_, c)| c["name"] == name).expect(name).1);
    let p = get("propose-mini-reachable");
    assert_eq!(
        (
            p["proposal"]["total_effort"].as_u64(),
            p["proposal"]["index"].as_f64()
        ),
        (Some(2), Some(68.75))
    );
    assert_eq!(p["proposal"]["schedule"][0]["id"], "act-q2");
    let p = get("propose-mini-unreachable");
    assert_eq!(
        (
            p["proposal"]["reachable"].as_bool(),
            p["proposal"]["index"].as_f64()
        ),
        (Some(false), Some(68.75))
    );
    let p = get("propose-mini-conditional");
    assert_eq!(
        (
            p["proposal"]["total_effort"].as_u64(),
            p["proposal"]["index"].as_f64()
        ),
        (Some(5), Some(41.67))
    );
    let p = get("propose-mini-max-effort");
    assert_eq!(
        (
            p["proposal"]["total_effort"].as_u64(),
            p["proposal"]["index"].as_f64()
        ),
        (Some(3), Some(33.33))
    );
    let s = &get("plan-status-mini")["status"];
    assert_eq!(
        s["effort"],
        json!({"total": 6.0, "spent": 4.0, "remaining": 2.0})
    );
    assert_eq!(
        s["budget"],
        json!({"planned": 34000.0, "spent": 29500.0, "remaining": 4500.0})
    );
    assert_eq!(s["late"], json!(["p-q2"]));
    assert_eq!(
        [
            &s["index"]["achieved"],
            &s["index"]["projected"],
            &s["index"]["projected_at_target_date"],
            &s["index"]["on_track"]
        ],
        [&json!(33.33), &json!(41.67), &json!(41.67), &json!(true)]
    );
    assert_eq!(
        (
            s["indicators"][0]["expected"].as_f64(),
            s["indicators"][0]["off_track"].as_bool()
        ),
        (Some(53.41), Some(true))
    );
    let h = &get("history-mini")["history"];
    let indexes: Vec<f64> = h["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["index"].as_f64().expect("index"))
        .collect();
    assert_eq!(indexes, vec![0.0, 63.19, 100.0]);
    assert_eq!(h["overall"]["index_delta"].as_f64(), Some(100.0));
    let c = &get("compare-mini")["comparison"];
    let stratum = |id: &str| {
        c["strata"]
            .as_array()
            .expect("strata")
            .iter()
            .find(|s| s["id"] == id)
            .expect(id)
            .clone()
    };
    let band = stratum("kind_band");
    assert_eq!(
        [
            &band["size"],
            &band["index"]["percentile_rank"],
            &band["index"]["median"],
            &band["index"]["q1"],
            &band["index"]["q3"]
        ],
        [
            &json!(6),
            &json!(66.67),
            &json!(55.0),
            &json!(42.5),
            &json!(67.5)
        ]
    );
    assert_eq!(
        (
            stratum("departement")["index"]["percentile_rank"].as_f64(),
            stratum("departement")["index"]["median"].as_f64()
        ),
        (Some(50.0), Some(65.0))
    );
    assert_eq!(
        (
            stratum("national")["index"]["percentile_rank"].as_f64(),
            stratum("national")["index"]["median"].as_f64()
        ),
        (Some(57.14), Some(60.0))
    );
    let hidden = &get("compare-mini-hidden")["comparison"]["strata"][0];
    assert_eq!(
        (hidden["shown"].as_bool(), hidden["index"].is_null()),
        (Some(false), true)
    );
    let roll = &get("rollup-mini")["rollup"];
    assert_eq!(
        (
            roll["mean"].as_f64(),
            roll["population_weighted_mean"].as_f64(),
            roll["completeness"].as_f64()
        ),
        (Some(63.63), Some(75.57), Some(80.0))
    );
    let (_, na) = all
        .iter()
        .find(|(_, c)| c["name"] == "mini-theme-all-not-applicable")
        .expect("na");
    assert_eq!(compute(na)["report"]["themes"][2]["score"], Value::Null);
}

/// The headline figures of a full score report, in the shape of a
/// `ScoreSummary`.
fn headline(report: &sobriete::ScoreReport) -> Value {
    let r = serde_json::to_value(report).expect("serializable");
    let themes: Vec<Value> = r["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .map(|t| json!({"id": t["id"], "score": t["score"]}))
        .collect();
    json!({
        "referential": r["referential"],
        "profile": r["profile"],
        "date": r["date"],
        "level": r["level"],
        "index": r["index"],
        "grade": r["grade"]["grade"],
        "complete": r["complete"],
        "completeness": r["completeness"],
        "dont_know_share": r["dont_know_share"],
        "themes": themes,
        "eco_clic": r["eco_clic"]["index"],
        "conformity": r["conformity"]["rate"],
    })
}

/// Every item of the `summaries` vectors is what the other entry points
/// give for the same assessment: the headline figures of its full score
/// report (or the same error), one `score_summary_json` call, and the batch
/// of assessments already read (`Batched::Read`, the path of Python's dicts).
#[test]
fn summaries_match_full_reports_and_single_calls() {
    let mut items = 0;
    for (path, case) in cases() {
        if case["operation"] != "summaries" {
            continue;
        }
        let owned;
        let r = match case.get("referential") {
            Some(v) => {
                owned = api::referential_from_value(v).expect("valid referential");
                &owned
            }
            None => api::default_referential().expect("default referential"),
        };
        let expected = case["expected"]["summaries"].as_array().expect("summaries");
        let inputs = case["assessments"].as_array().expect("assessments");
        assert_eq!(expected.len(), inputs.len(), "{}", path.display());
        let read = api::score_summaries_with(r, inputs.clone(), |v| {
            api::read_assessment(&v.to_string()).map(|a| api::Batched::Read(Box::new(a)))
        })
        .expect("valid referential");
        for (i, (input, want)) in inputs.iter().zip(expected).enumerate() {
            let what = format!("{} item {i}", path.display());
            let full = match api::assessment_from_value(input, r).and_then(|a| api::score(r, &a)) {
                Ok(report) => json!({ "summary": headline(&report) }),
                Err(e) => error_value(&e),
            };
            assert_eq!(&full, want, "{what}: full report");
            let single = summary_item(&api::score_summary_json(r, &input.to_string()));
            assert_eq!(&single, want, "{what}: score_summary_json");
            assert_eq!(&summary_item(&read[i]), want, "{what}: Batched::Read");
            items += 1;
        }
    }
    assert!(items >= 12, "checked {items} batch items");
}

/// The hand-computed figures written in the `summaries` vectors'
/// descriptions.
#[test]
fn hand_checked_summaries() {
    // (vector, item, index, grade, themes, completeness, don't know share,
    // Éco-clic, conformity); `None` item figures: the item is an error.
    type Row<'a> = (
        &'a str,
        usize,
        Option<f64>,
        &'a str,
        [Option<f64>; 3],
        f64,
        f64,
        Option<i64>,
        Option<f64>,
    );
    let rows: &[Row] = &[
        (
            "summaries-mini",
            0,
            Some(70.83),
            "B",
            [Some(33.33), Some(100.0), Some(50.0)],
            100.0,
            0.0,
            Some(44),
            Some(60.0),
        ),
        (
            "summaries-mini",
            1,
            Some(54.17),
            "C",
            [Some(33.33), Some(66.67), Some(50.0)],
            100.0,
            0.0,
            Some(37),
            Some(50.0),
        ),
        (
            "summaries-mini",
            3,
            Some(25.0),
            "D",
            [Some(66.67), Some(16.67), Some(0.0)],
            66.67,
            16.67,
            None,
            Some(20.0),
        ),
    ];
    let all = cases();
    let get = |name: &str| {
        compute(&all.iter().find(|(_, c)| c["name"] == name).expect(name).1)["summaries"].clone()
    };
    for (name, i, index, grade, themes, completeness, dont_know, eco, conformity) in rows {
        let s = &get(name)[*i]["summary"];
        let what = format!("{name} item {i}");
        assert_eq!(s["index"].as_f64(), *index, "{what}: index");
        assert_eq!(s["grade"], *grade, "{what}: grade");
        let scores: Vec<Option<f64>> = s["themes"]
            .as_array()
            .expect("themes")
            .iter()
            .map(|t| t["score"].as_f64())
            .collect();
        assert_eq!(scores, themes.to_vec(), "{what}: themes");
        assert_eq!(s["completeness"].as_f64(), Some(*completeness), "{what}");
        assert_eq!(s["dont_know_share"].as_f64(), Some(*dont_know), "{what}");
        assert_eq!(s["eco_clic"].as_i64(), *eco, "{what}: Éco-clic");
        assert_eq!(s["conformity"].as_f64(), *conformity, "{what}: conformity");
    }
    let mini = get("summaries-mini");
    assert_eq!(mini[1]["summary"]["level"], 2);
    assert_eq!(mini[3]["summary"]["complete"], false);
    let error = &mini[2]["error"];
    assert_eq!(error["code"], "invalid_document");
    assert_eq!(
        error["issues"],
        json!([
            {"code": "unknown_option", "path": "/answers/q2/options/0", "severity": "error"},
            {"code": "unknown_question", "path": "/answers/zz", "severity": "error"}
        ])
    );
    let default = get("summaries-default");
    let figures: Vec<(Option<f64>, bool)> = default
        .as_array()
        .expect("items")
        .iter()
        .map(|x| {
            (
                x["summary"]["index"].as_f64(),
                x["summary"]["complete"] == true,
            )
        })
        .collect();
    assert_eq!(
        figures,
        vec![
            (Some(100.0), true),
            (Some(100.0), true),
            (None, false),
            (Some(0.0), false),
            (Some(0.0), true)
        ]
    );
    assert_eq!(default[2]["error"]["code"], "invalid_document");
}
