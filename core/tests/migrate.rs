//! Crosswalks and migrations: nothing is lost, reversible crosswalks give
//! the original answers back, the simulation shows what changes.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use sobriete::model::crosswalk::Outcome;
use sobriete::{api, Assessment, IssueCode, Referential};

fn yes_no(id: &str, theme: &str) -> Value {
    json!({"id": id, "theme": theme, "level": 1, "prompt": {"fr": format!("{id} ?")},
           "rationale": {"fr": "Pourquoi."}, "response": {"kind": "yes_no"},
           "allow_not_applicable": true})
}

fn choice(id: &str, theme: &str, options: &[(&str, i64)]) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(o, p)| json!({"id": o, "label": {"fr": o}, "points": p}))
        .collect();
    json!({"id": id, "theme": theme, "level": 1, "prompt": {"fr": format!("{id} ?")},
           "rationale": {"fr": "Pourquoi."}, "response": {"kind": "single_choice", "options": options}})
}

fn referential(version: &str, questions: Vec<Value>) -> Referential {
    let actions: Vec<Value> = questions
        .iter()
        .map(|q| {
            let id = q["id"].as_str().unwrap();
            let leads_to = if q["response"]["kind"] == "yes_no" {
                json!({"kind": "yes"})
            } else {
                let last =
                    q["response"]["options"].as_array().unwrap().last().unwrap()["id"].clone();
                json!({"kind": "choice", "options": [last]})
            };
            json!({"id": format!("act-{id}"), "title": {"fr": format!("Agir sur {id}")},
                   "effort": "low", "impact": "medium",
                   "addresses": [{"question": id, "leads_to": leads_to}]})
        })
        .collect();
    api::referential_from_value(&json!({
        "id": "mini", "version": version, "title": {"fr": "Mini"},
        "themes": [{"id": "t1", "title": {"fr": "T1"}}, {"id": "t2", "title": {"fr": "T2"}}],
        "questions": questions, "actions": actions,
        "grades": [{"grade": "A", "min": 50}, {"grade": "B", "min": 0}]
    }))
    .expect("valid referential")
}

/// v1: q1 (yes/no), q2 (yes/no), q3, q4 (yes/no), q5 (yes/no), q6 (choice).
fn v1() -> Referential {
    referential(
        "1.0.0",
        vec![
            yes_no("q1", "t1"),
            yes_no("q2", "t1"),
            yes_no("q3", "t2"),
            yes_no("q4", "t2"),
            yes_no("q5", "t2"),
            choice("q6", "t1", &[("none", 0), ("some", 1), ("all", 2)]),
        ],
    )
}

/// v2: q1 renamed q1b and turned into a choice; q2 split into q2a and q2b;
/// q3 and q4 merged into q34; q5 removed; q6 kept with an option renamed;
/// q9 new.
fn v2() -> Referential {
    referential(
        "2.0.0",
        vec![
            choice("q1b", "t1", &[("non", 0), ("oui", 2)]),
            yes_no("q2a", "t1"),
            yes_no("q2b", "t1"),
            yes_no("q34", "t2"),
            choice("q6", "t1", &[("none", 0), ("part", 1), ("all", 2)]),
            yes_no("q9", "t2"),
        ],
    )
}

fn crosswalk() -> sobriete::model::crosswalk::Crosswalk {
    api::crosswalk_from_value(&json!({
        "from": {"id": "mini", "version": "1.0.0"},
        "to": {"id": "mini", "version": "2.0.0"},
        "mappings": [
            {"kind": "rename", "from": "q1", "to": "q1b", "values": {"yes": "oui", "no": "non"}},
            {"kind": "split", "from": "q2", "to": ["q2a", "q2b"]},
            {"kind": "merge", "from": ["q3", "q4"], "to": "q34"},
            {"kind": "remove", "from": "q5", "reason": "couvert par la loi"},
            {"kind": "rename", "from": "q6", "to": "q6", "values": {"some": "part"}},
            {"kind": "add", "to": "q9"}
        ]
    }))
    .expect("structurally valid")
}

fn assessment(r: &Referential, answers: Value) -> Assessment {
    api::assessment_from_value(
        &json!({"referential": {"id": "mini", "version": r.version},
                "profile": {"name": "Commune", "kind": "commune", "population": 900},
                "date": "2026-04-01", "level": 1, "answers": answers}),
        r,
    )
    .expect("valid assessment")
}

fn original() -> Assessment {
    assessment(
        &v1(),
        json!({
            "q1": {"kind": "yes", "comment": "depuis 2024"},
            "q2": {"kind": "no"},
            "q3": {"kind": "yes"},
            "q4": {"kind": "no", "comment": "pas encore"},
            "q5": {"kind": "yes", "evidence": ["délibération 12"]},
            "q6": {"kind": "choice", "options": ["some"]}
        }),
    )
}

#[test]
fn every_answer_is_accounted_for() {
    let (from, to) = (v1(), v2());
    let m = api::migrate(&from, &original(), &crosswalk(), &to).unwrap();
    let a = &m.assessment;
    assert_eq!(a.referential.version, "2.0.0");
    // Renamed with its value translated, the comment kept.
    assert_eq!(
        serde_json::to_value(&a.answers["q1b"]).unwrap(),
        json!({"kind": "choice", "options": ["oui"], "comment": "depuis 2024"})
    );
    // Split: both parts get the answer.
    assert_eq!(a.answers["q2a"].kind_name(), "no");
    assert_eq!(a.answers["q2b"].kind_name(), "no");
    // Merged, sources disagree: the lowest-scoring answer, both comments.
    assert_eq!(
        serde_json::to_value(&a.answers["q34"]).unwrap(),
        json!({"kind": "no", "comment": "q4 : pas encore"})
    );
    // Option renamed.
    assert_eq!(
        serde_json::to_value(&a.answers["q6"]).unwrap(),
        json!({"kind": "choice", "options": ["part"]})
    );
    // Removed: not in the new assessment, but in the report and the history.
    assert!(!a.answers.contains_key("q5"));
    let removed = m.report.entries.iter().find(|e| e.from == ["q5"]).unwrap();
    assert_eq!(removed.outcome, Outcome::NotCarried);
    assert_eq!(removed.reason.as_deref(), Some("couvert par la loi"));
    let history = &a.migrations[0];
    assert_eq!(
        serde_json::to_value(&history.original["q5"]).unwrap(),
        json!({"kind": "yes", "evidence": ["délibération 12"]})
    );
    // Every source answer appears in the report.
    for id in original().answers.keys() {
        assert!(
            m.report.entries.iter().any(|e| e.before.contains_key(id)),
            "{id} is not in the report"
        );
    }
    // The new question is listed to answer.
    let added = m
        .report
        .entries
        .iter()
        .find(|e| e.to.as_deref() == Some("q9"))
        .unwrap();
    assert_eq!(added.outcome, Outcome::Added);
    let c = &m.report.counts;
    // q6 is carried under the same id but translated: transformed.
    assert_eq!(
        (c.carried, c.transformed, c.not_carried, c.added, c.restored),
        (0, 5, 1, 1, 0)
    );
    // The migrated assessment is valid for the new version.
    assert!(api::score(&to, a).is_ok());
}

#[test]
fn migrating_back_gives_the_original_answers() {
    let (from, to) = (v1(), v2());
    let forward = crosswalk();
    let back = api::invert_crosswalk(&forward).unwrap();
    assert!(api::validate_crosswalk(&back, &to, &from).valid);
    let there = api::migrate(&from, &original(), &forward, &to).unwrap();
    let again = api::migrate(&to, &there.assessment, &back, &from).unwrap();
    assert_eq!(again.assessment.answers, original().answers);
    assert!(again.report.counts.restored >= 5);
    // The history keeps both migrations.
    assert_eq!(again.assessment.migrations.len(), 2);
}

#[test]
fn answers_changed_since_are_not_overwritten() {
    let (from, to) = (v1(), v2());
    let forward = crosswalk();
    let back = api::invert_crosswalk(&forward).unwrap();
    let mut there = api::migrate(&from, &original(), &forward, &to)
        .unwrap()
        .assessment;
    // After the migration, the merged practice is now in place.
    there.answers.insert(
        "q34".to_owned(),
        serde_json::from_value(json!({"kind": "yes"})).unwrap(),
    );
    let again = api::migrate(&to, &there, &back, &from).unwrap();
    assert_eq!(again.assessment.answers["q3"].kind_name(), "yes");
    assert_eq!(again.assessment.answers["q4"].kind_name(), "yes");
    // Untouched ones still come back.
    assert_eq!(again.assessment.answers, {
        let mut a = original().answers;
        a.insert("q4".to_owned(), again.assessment.answers["q4"].clone());
        a
    });
}

#[test]
fn simulation_shows_the_index_before_and_after() {
    let (from, to) = (v1(), v2());
    let s = api::simulate_migration(&from, &original(), &crosswalk(), &to).unwrap();
    // Before (v1), all weights 1: t1 = q1 yes 1 + q2 no 0 + q6 some 1/2 → 100×1.5/3 = 50;
    // t2 = q3 yes + q4 no + q5 yes → 100×2/3 = 66.67; index = (50 + 66.67)/2 = 58.33.
    assert_eq!(s.index_before, Some(58.33));
    // After (v2): t1 = q1b oui 1 + q2a 0 + q2b 0 + q6 part 1/2 → 100×1.5/4 = 37.5;
    // t2 = q34 no 0, q9 unanswered 0 → 0; index = (37.5 + 0)/2 = 18.75.
    assert_eq!(s.index_after, Some(18.75));
    assert_eq!(s.index_delta, Some(-39.58));
    assert_eq!(s.grade_before.as_deref(), Some("A"));
    assert_eq!(s.grade_after.as_deref(), Some("B"));
    let t2 = s.themes.iter().find(|t| t.id == "t2").unwrap();
    assert_eq!((t2.before, t2.after), (Some(66.67), Some(0.0)));
}

#[test]
fn answers_the_new_version_refuses_are_kept() {
    let from = v1();
    // v3: q1 no longer allows "not applicable".
    let mut q1 = yes_no("q1", "t1");
    q1["allow_not_applicable"] = json!(false);
    let to = referential("3.0.0", vec![q1, yes_no("q2", "t1")]);
    let a = assessment(
        &from,
        json!({"q1": {"kind": "not_applicable", "justification": "pas de parc"}, "q2": {"kind": "yes"}}),
    );
    let c = api::crosswalk_from_value(&json!({
        "from": {"id": "mini", "version": "1.0.0"}, "to": {"id": "mini", "version": "3.0.0"},
        "mappings": [{"kind": "remove", "from": "q3"}, {"kind": "remove", "from": "q4"},
                     {"kind": "remove", "from": "q5"}, {"kind": "remove", "from": "q6"}]
    }))
    .unwrap();
    let m = api::migrate(&from, &a, &c, &to).unwrap();
    assert!(!m.assessment.answers.contains_key("q1"));
    let e = m.report.entries.iter().find(|e| e.from == ["q1"]).unwrap();
    assert_eq!(e.outcome, Outcome::NotCarried);
    assert!(
        e.reason.as_deref().unwrap().contains("not_applicable"),
        "{e:?}"
    );
    assert_eq!(
        m.assessment.migrations[0].original["q1"].kind_name(),
        "not_applicable"
    );
    assert_eq!(m.assessment.answers["q2"].kind_name(), "yes");
}

#[test]
fn crosswalk_problems_are_all_reported() {
    let (from, to) = (v1(), v2());
    let c = api::crosswalk_from_value(&json!({
        "from": {"id": "mini", "version": "1.0.0"},
        "to": {"id": "mini", "version": "9.0.0"},
        "mappings": [
            {"kind": "rename", "from": "q1", "to": "q1b"},
            {"kind": "rename", "from": "nope", "to": "q2a"},
            {"kind": "split", "from": "q2", "to": ["q2a", "zz"]},
            {"kind": "rename", "from": "q6", "to": "q6", "values": {"many": "part", "some": "lots"}},
            {"kind": "remove", "from": "q1"}
        ]
    }))
    .unwrap();
    let report = api::validate_crosswalk(&c, &from, &to);
    assert!(!report.valid);
    let found: Vec<(IssueCode, &str)> = report
        .issues
        .iter()
        .map(|i| (i.code, i.path.as_str()))
        .collect();
    for expected in [
        (IssueCode::ReferentialMismatch, "/to"),
        (IssueCode::IncompatibleResponse, "/mappings/0"),
        (IssueCode::UnknownQuestion, "/mappings/1/from"),
        (IssueCode::DuplicateId, "/mappings/2/to/0"),
        (IssueCode::UnknownQuestion, "/mappings/2/to/1"),
        (IssueCode::UnknownOption, "/mappings/3/values/many"),
        (IssueCode::UnknownOption, "/mappings/3/values/some"),
        (IssueCode::DuplicateId, "/mappings/4/from"),
        (IssueCode::UnmappedQuestion, "/mappings"),
    ] {
        assert!(
            found.contains(&expected),
            "{expected:?} missing from {found:?}"
        );
    }
    // Migrating with it is refused with the same issues.
    let err = api::migrate(&from, &original(), &c, &to).unwrap_err();
    assert_eq!(err.code(), "invalid_document");
    // A crosswalk that loses values cannot be inverted.
    let lossy = api::crosswalk_from_value(&json!({
        "from": {"id": "mini", "version": "1.0.0"}, "to": {"id": "mini", "version": "2.0.0"},
        "mappings": [{"kind": "rename", "from": "q6", "to": "q6", "values": {"some": null}}]
    }))
    .unwrap();
    assert_eq!(
        api::invert_crosswalk(&lossy).unwrap_err().code(),
        "invalid_argument"
    );
}

#[test]
fn structural_errors_and_detection() {
    let report = api::validate_json(
        &json!({"from": {"id": "x"}, "to": {"id": "y", "version": "1"}, "mappings": [{"kind": "rename", "from": 3}]})
            .to_string(),
        None,
    );
    assert_eq!(report.document, sobriete::DocumentKind::Crosswalk);
    let paths: Vec<&str> = report.issues.iter().map(|i| i.path.as_str()).collect();
    assert!(paths.contains(&"/from"), "{paths:?}");
    assert!(
        paths.iter().any(|p| p.starts_with("/mappings/0")),
        "{paths:?}"
    );
}

#[test]
fn the_examples_migrate_to_the_next_version_and_back() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let from = api::default_referential().unwrap();
    let to = api::parse_referential(&read("examples/migration/sobriete-reen-2.0.0.json")).unwrap();
    let c =
        api::parse_crosswalk(&read("examples/migration/crosswalk-1.1.0-to-2.0.0.json")).unwrap();
    assert!(api::validate_crosswalk(&c, from, &to).valid);
    let back = api::invert_crosswalk(&c).unwrap();
    for example in [
        "examples/commune-rurale-niveau1.json",
        "examples/agglomeration-niveau2.json",
        "examples/departement-niveau2.json",
    ] {
        let a = api::parse_assessment(&read(example), from).unwrap();
        let m = api::migrate(from, &a, &c, &to).unwrap();
        // Every answer is accounted for, and the result is valid.
        for id in a.answers.keys() {
            assert!(
                m.report.entries.iter().any(|e| e.before.contains_key(id)),
                "{example}: {id} missing from the report"
            );
        }
        api::score(&to, &m.assessment).unwrap();
        let again = api::migrate(&to, &m.assessment, &back, from).unwrap();
        assert_eq!(again.assessment.answers, a.answers, "{example}");
    }
}
