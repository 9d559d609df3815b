//! Validation: every problem is reported at once, with a stable code and a
//! JSON-pointer path; no input panics.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use sobriete::{api, IssueCode, Severity};

fn mini() -> Value {
    json!({
        "id": "mini", "version": "1.0.0", "title": {"fr": "Mini"},
        "themes": [{"id": "t1", "title": {"fr": "T1"}, "sub_themes": [{"id": "s1", "title": {"fr": "S1"}}]}],
        "questions": [
            {"id": "q1", "theme": "t1", "level": 1, "prompt": {"fr": "Q1 ?"}, "rationale": {"fr": "R1"},
             "response": {"kind": "yes_no"}, "allow_not_applicable": true, "require_justification": true},
            {"id": "q2", "theme": "t1", "level": 1, "prompt": {"fr": "Q2 ?"}, "rationale": {"fr": "R2"},
             "response": {"kind": "single_choice", "options": [{"id": "a", "label": {"fr": "A"}, "points": 0}, {"id": "b", "label": {"fr": "B"}, "points": 2}]},
             "allow_dont_know": false},
            {"id": "q3", "theme": "t1", "level": 2, "prompt": {"fr": "Q3 ?"}, "rationale": {"fr": "R3"},
             "response": {"kind": "numeric", "min": 0, "max": 100, "bands": [{"from": 0, "points": 0}, {"from": 50, "points": 1}]},
             "condition": {"kind": "is_yes", "question": "q1"}}
        ],
        "actions": [{"id": "a1", "title": {"fr": "Agir"}, "effort": "low", "impact": "high",
                     "addresses": [{"question": "q1", "leads_to": {"kind": "yes"}}]}],
        "grades": [{"grade": "A", "min": 50}, {"grade": "B", "min": 0}]
    })
}

fn codes(v: &Value) -> Vec<(IssueCode, String)> {
    let report = api::validate_json(&v.to_string(), None);
    report
        .issues
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| (i.code, i.path))
        .collect()
}

fn has(found: &[(IssueCode, String)], code: IssueCode, path: &str) -> bool {
    found.iter().any(|(c, p)| *c == code && p == path)
}

#[test]
fn the_mini_referential_is_valid() {
    assert_eq!(codes(&mini()), vec![]);
    api::referential_from_value(&mini()).expect("valid");
}

#[test]
fn referential_problems_are_all_reported() {
    let mut r = mini();
    r["version"] = json!("v1");
    r["questions"][1]["id"] = json!("q1");
    r["questions"][0]["theme"] = json!("nope");
    r["questions"][2]["sub_theme"] = json!("s9");
    r["questions"][1]["response"]["options"][0]["points"] = json!(-1);
    r["questions"][1]["response"]["options"][1]["id"] = json!("a");
    r["questions"][2]["response"]["bands"][1]["from"] = json!(0);
    r["questions"][2]["weight"] = json!(0);
    r["questions"][2]["level"] = json!(3);
    r["questions"][0]["prompt"]["fr"] = json!("  ");
    r["actions"][0]["addresses"][0]["question"] = json!("ghost");
    r["actions"][0]["reen_area"] = json!(7);
    r["grades"] = json!([{"grade": "A", "min": 50}]);
    let found = codes(&r);
    for (code, path) in [
        (IssueCode::InvalidVersion, "/version"),
        (IssueCode::DuplicateId, "/questions/1/id"),
        (IssueCode::UnknownTheme, "/questions/0/theme"),
        (IssueCode::UnknownSubTheme, "/questions/2/sub_theme"),
        (
            IssueCode::NegativePoints,
            "/questions/1/response/options/0/points",
        ),
        (IssueCode::DuplicateId, "/questions/1/response/options/1/id"),
        (
            IssueCode::InvalidBands,
            "/questions/2/response/bands/1/from",
        ),
        (IssueCode::InvalidWeight, "/questions/2/weight"),
        (IssueCode::InvalidLevel, "/questions/2/level"),
        (IssueCode::EmptyText, "/questions/0/prompt/fr"),
        (
            IssueCode::UnknownQuestion,
            "/actions/0/addresses/0/question",
        ),
        (IssueCode::InvalidReenArea, "/actions/0/reen_area"),
        (IssueCode::InvalidGrades, "/grades"),
    ] {
        assert!(
            has(&found, code, path),
            "missing {code:?} at {path} in {found:#?}"
        );
    }
}

#[test]
fn conditions_are_checked() {
    let mut r = mini();
    // q1 depends on q3 (level 2 > 1) and q3 on q1: a cycle and a level problem.
    r["questions"][0]["condition"] = json!({"kind": "at_least", "question": "q3", "value": 10});
    let found = codes(&r);
    assert!(has(
        &found,
        IssueCode::ConditionCycle,
        "/questions/0/condition"
    ));
    assert!(has(
        &found,
        IssueCode::ConditionCycle,
        "/questions/2/condition"
    ));
    assert!(has(
        &found,
        IssueCode::ConditionLevel,
        "/questions/0/condition/question"
    ));

    let mut r = mini();
    r["questions"][2]["condition"] = json!({"kind": "any_of", "question": "q1", "options": ["x"]});
    let found = codes(&r);
    assert!(
        has(
            &found,
            IssueCode::ConditionMismatch,
            "/questions/2/condition/kind"
        ),
        "{found:?}"
    );

    let mut r = mini();
    r["questions"][2]["condition"] = json!({"kind": "any_of", "question": "q2", "options": ["zz"]});
    assert!(has(
        &codes(&r),
        IssueCode::UnknownOption,
        "/questions/2/condition/options/0"
    ));

    let mut r = mini();
    r["questions"][2]["condition"] = json!({"kind": "is_no", "question": "ghost"});
    assert!(has(
        &codes(&r),
        IssueCode::UnknownQuestion,
        "/questions/2/condition/question"
    ));
}

#[test]
fn unreachable_and_zero_maxima() {
    let mut r = mini();
    r["questions"][1]["response"] = json!({"kind": "multiple_choice", "cap": 5, "options": [{"id": "a", "label": {"fr": "A"}, "points": 1}, {"id": "b", "label": {"fr": "B"}, "points": 2}]});
    assert!(has(
        &codes(&r),
        IssueCode::UnreachableMax,
        "/questions/1/response/cap"
    ));
    // A question no answer scores is asked for information only: a warning,
    // and the referential stays usable.
    r["questions"][1]["response"] = json!({"kind": "single_choice", "options": [{"id": "a", "label": {"fr": "A"}, "points": 0}]});
    let report = api::validate_json(&r.to_string(), None);
    assert!(report.valid, "{:?}", report.issues);
    assert!(report
        .issues
        .iter()
        .any(|i| i.code == IssueCode::ZeroMaxPoints
            && i.path == "/questions/1/response"
            && i.severity == Severity::Warning));
    r["questions"][1]["response"] = json!({"kind": "single_choice", "options": []});
    assert!(has(
        &codes(&r),
        IssueCode::NoOptions,
        "/questions/1/response/options"
    ));
    r["questions"][1]["response"] = json!({"kind": "yes_no", "yes_points": 2000000});
    assert!(has(
        &codes(&r),
        IssueCode::PointsTooLarge,
        "/questions/1/response/yes_points"
    ));
}

#[test]
fn bands_above_the_maximum_are_unreachable() {
    let mut r = mini();
    r["questions"][2]["response"] = json!({"kind": "numeric", "max": 10, "bands": [{"from": 0, "points": 0}, {"from": 50, "points": 3}]});
    assert!(has(
        &codes(&r),
        IssueCode::UnreachableMax,
        "/questions/2/response/bands"
    ));
}

#[test]
fn only_iso_calendar_dates_are_accepted() {
    for bad in [
        " 2026-1-01",
        "+026-01-01",
        "0000-01-01",
        "2026-1-1",
        "2026/01/01",
        "2026-02-30",
    ] {
        assert!(
            sobriete::model::assessment::parse_date(bad).is_none(),
            "{bad:?}"
        );
    }
    assert!(sobriete::model::assessment::parse_date("2026-02-28").is_some());
}

#[test]
fn outcomes_must_fit_their_question() {
    let mut r = mini();
    r["actions"][0]["addresses"] = json!([
        {"question": "q1", "leads_to": {"kind": "number", "value": 3}},
        {"question": "q2", "leads_to": {"kind": "choice", "options": ["a", "b"]}},
        {"question": "q3", "leads_to": {"kind": "number", "value": 300}}
    ]);
    let found = codes(&r);
    assert!(has(
        &found,
        IssueCode::OutcomeMismatch,
        "/actions/0/addresses/0/leads_to/kind"
    ));
    assert!(has(
        &found,
        IssueCode::WrongOptionCount,
        "/actions/0/addresses/1/leads_to/options"
    ));
    assert!(has(
        &found,
        IssueCode::ValueOutOfRange,
        "/actions/0/addresses/2/leads_to/value"
    ));
}

fn assessment(answers: Value) -> Value {
    json!({"referential": {"id": "mini", "version": "1.0.0"},
           "profile": {"name": "Commune", "kind": "commune", "population": 900},
           "date": "2026-04-01", "level": 1, "answers": answers})
}

fn assessment_codes(a: &Value) -> Vec<(IssueCode, String, Severity)> {
    let r = api::referential_from_value(&mini()).expect("valid");
    api::validate_json(&a.to_string(), Some(&r))
        .issues
        .into_iter()
        .map(|i| (i.code, i.path, i.severity))
        .collect()
}

#[test]
fn assessment_problems_are_all_reported() {
    let mut a = assessment(json!({
        "q1": {"kind": "not_applicable"},
        "q2": {"kind": "dont_know"},
        "q3": {"kind": "number", "value": 40},
        "zz": {"kind": "yes"}
    }));
    a["referential"]["version"] = json!("2.0.0");
    a["date"] = json!("2026-02-30");
    a["profile"]["siren"] = json!("12345");
    a["profile"]["departement"] = json!("20");
    let found = assessment_codes(&a);
    let expect = [
        (
            IssueCode::ReferentialVersionMismatch,
            "/referential/version",
            Severity::Error,
        ),
        (IssueCode::InvalidDate, "/date", Severity::Error),
        (IssueCode::InvalidProfile, "/profile/siren", Severity::Error),
        (
            IssueCode::InvalidProfile,
            "/profile/departement",
            Severity::Error,
        ),
        (
            IssueCode::JustificationRequired,
            "/answers/q1/justification",
            Severity::Error,
        ),
        (
            IssueCode::DontKnowNotAllowed,
            "/answers/q2/kind",
            Severity::Error,
        ),
        (IssueCode::UnknownQuestion, "/answers/zz", Severity::Error),
        (
            IssueCode::AnswerAboveLevel,
            "/answers/q3",
            Severity::Warning,
        ),
    ];
    for (code, path, sev) in expect {
        assert!(
            found
                .iter()
                .any(|(c, p, s)| *c == code && p == path && *s == sev),
            "missing {code:?} at {path}: {found:#?}"
        );
    }
    // Errors come first.
    let first_warning = found
        .iter()
        .position(|f| f.2 == Severity::Warning)
        .expect("a warning");
    assert!(found
        .iter()
        .skip(first_warning)
        .all(|f| f.2 == Severity::Warning));
}

#[test]
fn structural_problems_in_several_answers_are_all_reported() {
    let a = assessment(json!({
        "q1": {"kind": "maybe"},
        "q2": {"kind": "choice", "options": "b"},
        "q3": {"kind": "number"}
    }));
    let found = assessment_codes(&a);
    assert!(
        found
            .iter()
            .any(|f| f.0 == IssueCode::UnknownVariant && f.1 == "/answers/q1/kind"),
        "{found:?}"
    );
    // Answers are read field by field: the path names the field.
    assert!(
        found
            .iter()
            .any(|f| f.0 == IssueCode::InvalidType && f.1 == "/answers/q2/options"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == IssueCode::MissingField && f.1 == "/answers/q3"),
        "{found:?}"
    );

    let mut a = assessment(json!({}));
    a["profile"]["kind"] = json!("village");
    a["level"] = json!("one");
    let found = assessment_codes(&a);
    assert!(
        found
            .iter()
            .any(|f| f.0 == IssueCode::UnknownVariant && f.1 == "/profile/kind"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == IssueCode::InvalidType && f.1 == "/level"),
        "{found:?}"
    );
}

#[test]
fn referential_mismatch_and_document_detection() {
    let mut a = assessment(json!({}));
    a["referential"]["id"] = json!("other");
    assert!(assessment_codes(&a)
        .iter()
        .any(|f| f.0 == IssueCode::ReferentialMismatch));
    let report = api::validate_json("[1, 2]", None);
    assert_eq!(report.issues[0].code, IssueCode::UnknownDocument);
    let report = api::validate_json("{\"themes\": [", None);
    assert_eq!(report.issues[0].code, IssueCode::InvalidJson);
    assert!(report.issues[0].message.contains("line 1"));
}

#[test]
fn hostile_inputs_never_panic() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let long = format!(
        "{{\"questions\": [{{\"id\": \"{}\"}}]}}",
        "x".repeat(1_000_000)
    );
    let inputs: Vec<String> = vec![
        String::new(),
        "null".into(),
        "\u{feff}{}".into(),
        "{\"questions\": 1e999}".into(),
        "{\"questions\": [{\"level\": 99999999999}]}".into(),
        "{\"answers\": {\"q\": {\"kind\": \"number\", \"value\": 1e308}}, \"level\": 1}".into(),
        "{\"id\": \"\\ud800\"}".into(),
        deep,
        long,
        mini()
            .to_string()
            .replace("\"points\":2", "\"points\":9223372036854775807"),
    ];
    for input in &inputs {
        let report = api::validate_json(input, None);
        assert!(
            !report.valid,
            "{}",
            &input.chars().take(80).collect::<String>()
        );
        let _ = api::score_json(input, None);
        let _ = api::score_json(&assessment(json!({})).to_string(), Some(input));
    }
}

#[test]
fn every_top_level_structural_problem_is_reported() {
    // An unknown field, a wrong type and a broken answer: one run reports
    // all three (each failing top-level field is set aside to reveal the next).
    let mut a = assessment(json!({"q1": {"kind": "maybe"}}));
    a["colour"] = json!("blue");
    a["level"] = json!("two");
    a["date"] = json!(12);
    let found = assessment_codes(&a);
    let paths: Vec<(IssueCode, &str)> = found.iter().map(|(c, p, _)| (*c, p.as_str())).collect();
    for expected in [
        (IssueCode::UnknownField, "/colour"),
        (IssueCode::InvalidType, "/level"),
        (IssueCode::InvalidType, "/date"),
        (IssueCode::UnknownVariant, "/answers/q1/kind"),
    ] {
        assert!(
            paths.contains(&expected),
            "{expected:?} missing from {paths:?}"
        );
    }
}

#[test]
fn references_and_changelog_are_checked() {
    let mut r = mini();
    r["questions"][0]["references"] = json!({
        "legal": [
            {"text": "Loi n° 2021-1485", "article": "art. 15", "url": "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000044327272"},
            {"text": " ", "url": "javascript:alert(1)"}
        ],
        "urls": ["https://ecoresponsable.numerique.gouv.fr/", "/relative", "https:///no-host", "https://a b.fr/"]
    });
    r["actions"][0]["references"] = json!({"reen_areas": [7], "urls": ["ftp://example.org/x"]});
    r["changes"] = json!([
        {"version": "1.0.0", "date": "2026-12-04", "items": [{"fr": "Première version"}]},
        {"version": "v1", "date": "04/12/2026", "items": [{"fr": ""}]}
    ]);
    let found = codes(&r);
    let q = "/questions/0/references";
    assert!(
        has(&found, IssueCode::InvalidValue, &format!("{q}/legal/1/url")),
        "{found:?}"
    );
    assert!(
        has(&found, IssueCode::EmptyText, &format!("{q}/legal/1/text")),
        "{found:?}"
    );
    for j in 1..=3 {
        assert!(
            has(&found, IssueCode::InvalidValue, &format!("{q}/urls/{j}")),
            "{found:?}"
        );
    }
    assert!(!has(
        &found,
        IssueCode::InvalidValue,
        &format!("{q}/urls/0")
    ));
    assert!(!has(
        &found,
        IssueCode::InvalidValue,
        &format!("{q}/legal/0/url")
    ));
    let a = "/actions/0/references";
    assert!(
        has(
            &found,
            IssueCode::InvalidReenArea,
            &format!("{a}/reen_areas/0")
        ),
        "{found:?}"
    );
    assert!(
        has(&found, IssueCode::InvalidValue, &format!("{a}/urls/0")),
        "{found:?}"
    );
    assert!(
        has(&found, IssueCode::InvalidVersion, "/changes/1/version"),
        "{found:?}"
    );
    assert!(
        has(&found, IssueCode::InvalidDate, "/changes/1/date"),
        "{found:?}"
    );
    assert!(
        has(&found, IssueCode::EmptyText, "/changes/1/items/0/fr"),
        "{found:?}"
    );
    assert_eq!(found.len(), 10, "{found:?}");
}
