//! History, diff, next cycle and achieved-vs-planned progress. Every
//! expected number is computed by hand from the documented formula
//! (docs/scoring.md), in the
//! comments next to it.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use sobriete::api::ProgressPoint;
use sobriete::api::QuestionChange;
use sobriete::api::ThemeDelta;
use sobriete::model::assessment::{Answer, Assessment};
use sobriete::model::plan::Plan;
use sobriete::{api, Error, Referential};

/// Three themes: t1 (weight 1), t2 (weight 2), t3 (weight 3).
///
/// | question | theme | weight | kind | max |
/// |---|---|---|---|---|
/// | q1 | t1 | 2 | yes/no | 1 |
/// | q2 | t1 | 1 | single choice none 0 / partial 1 / full 3 | 3 |
/// | q3 | t2 | 1 | yes/no, shown if q1 = yes | 1 |
/// | q4 | t2 | 1 | multiple choice a 1, b 1, c 2, cap 3 | 3 |
/// | q5 | t3 | 1 | numeric, bands 0 → 0, 50 → 1, 80 → 2; N/A allowed | 2 |
/// | q6 | t3 | 2 | yes/no, N/A allowed | 1 |
fn referential() -> Referential {
    let text = |s: &str| json!({"fr": s});
    api::referential_from_value(&json!({
        "id": "mini-hist", "version": "1.0.0", "title": text("Mini historique"),
        "themes": [
            {"id": "t1", "title": text("Gouvernance"), "weight": 1},
            {"id": "t2", "title": text("Parc"), "weight": 2},
            {"id": "t3", "title": text("Usages"), "weight": 3}
        ],
        "questions": [
            {"id": "q1", "theme": "t1", "level": 1, "weight": 2, "prompt": text("Q1 ?"), "rationale": text("R1"),
             "response": {"kind": "yes_no"}},
            {"id": "q2", "theme": "t1", "level": 1, "prompt": text("Q2 ?"), "rationale": text("R2"),
             "response": {"kind": "single_choice", "options": [
                 {"id": "none", "label": text("Rien"), "points": 0},
                 {"id": "partial", "label": text("En partie"), "points": 1},
                 {"id": "full", "label": text("Totalement"), "points": 3}]}},
            {"id": "q3", "theme": "t2", "level": 1, "prompt": text("Q3 ?"), "rationale": text("R3"),
             "response": {"kind": "yes_no"}, "condition": {"kind": "is_yes", "question": "q1"}},
            {"id": "q4", "theme": "t2", "level": 1, "prompt": text("Q4 ?"), "rationale": text("R4"),
             "response": {"kind": "multiple_choice", "cap": 3, "options": [
                 {"id": "a", "label": text("A"), "points": 1},
                 {"id": "b", "label": text("B"), "points": 1},
                 {"id": "c", "label": text("C"), "points": 2}]}},
            {"id": "q5", "theme": "t3", "level": 1, "prompt": text("Q5 ?"), "rationale": text("R5"),
             "response": {"kind": "numeric", "min": 0, "max": 100, "bands": [
                 {"from": 0, "points": 0}, {"from": 50, "points": 1}, {"from": 80, "points": 2}]},
             "allow_not_applicable": true},
            {"id": "q6", "theme": "t3", "level": 1, "weight": 2, "prompt": text("Q6 ?"), "rationale": text("R6"),
             "response": {"kind": "yes_no"}, "allow_not_applicable": true}
        ],
        "actions": [
            {"id": "act-a", "title": text("Gouverner"), "effort": "low", "impact": "medium",
             "addresses": [{"question": "q1", "leads_to": {"kind": "yes"}},
                           {"question": "q3", "leads_to": {"kind": "yes"}}]},
            {"id": "act-b", "title": text("Généraliser"), "effort": "medium", "impact": "high",
             "addresses": [{"question": "q2", "leads_to": {"kind": "choice", "options": ["full"]}}]},
            {"id": "act-c", "title": text("Mesurer"), "effort": "high", "impact": "high",
             "addresses": [{"question": "q5", "leads_to": {"kind": "number", "value": 85}},
                           {"question": "q4", "leads_to": {"kind": "choice", "options": ["c"]}}]}
        ],
        "grades": [{"grade": "A", "min": 80}, {"grade": "B", "min": 50}, {"grade": "C", "min": 0}]
    }))
    .unwrap()
}

fn assessment(r: &Referential, date: &str, answers: Value) -> Assessment {
    api::assessment_from_value(
        &json!({
            "referential": {"id": "mini-hist", "version": "1.0.0"},
            "profile": {"name": "Saint-Essai", "kind": "commune", "population": 640},
            "date": date, "level": 1, "answers": answers
        }),
        r,
    )
    .unwrap()
}

/// 2024-03-01: q1 no (q3 hidden: its answer is kept and ignored), q2
/// partial, q4 {a}, q5 and q6 not applicable.
///
/// - t1 = 100 × (2 × 0/1 + 1 × 1/3) ÷ (2 + 1) = 100/9 = 11.11
/// - t2 = q4 alone = 100 × (1 × 1/3) ÷ 1 = 33.33
/// - t3: nothing counted → none, drops out
/// - index = (1 × 100/9 + 2 × 100/3) ÷ (1 + 2) = (700/9) ÷ 3 = 25.926 → 25.93 (C)
fn a1(r: &Referential) -> Assessment {
    assessment(
        r,
        "2024-03-01",
        json!({
            "q1": {"kind": "no"},
            "q2": {"kind": "choice", "options": ["partial"]},
            "q3": {"kind": "yes"},
            "q4": {"kind": "choice", "options": ["a"]},
            "q5": {"kind": "not_applicable"},
            "q6": {"kind": "not_applicable"}
        }),
    )
}

/// 2025-03-01: q1 yes, q2 partial, q3 yes, q4 {a, c}, q5 = 60, q6 no.
///
/// - t1 = 100 × (2 × 1 + 1 × 1/3) ÷ 3 = 700/9 = 77.78
/// - t2 = 100 × (1 + 1 × 3/3) ÷ 2 = 100.00
/// - t3 = 100 × (1 × 1/2 + 2 × 0) ÷ (1 + 2) = 50/3 = 16.67
/// - index = (1 × 700/9 + 2 × 100 + 3 × 50/3) ÷ 6 = (2950/9) ÷ 6 = 54.63 (B)
fn a2(r: &Referential) -> Assessment {
    let mut a = assessment(
        r,
        "2025-03-01",
        json!({
            "q1": {"kind": "yes"},
            "q2": {"kind": "choice", "options": ["partial"]},
            "q3": {"kind": "yes"},
            "q4": {"kind": "choice", "options": ["a", "c"], "comment": "ajout de c"},
            "q5": {"kind": "number", "value": 60},
            "q6": {"kind": "no", "evidence": ["https://example.org/pv.pdf"]}
        }),
    );
    // q4 came from the previous plan and is still to be confirmed.
    a.from_plan.insert("q4".into(), "p0".into());
    a
}

/// 2026-03-01: q1 yes, q2 full, q3 yes, q4 {a, c} (another comment), q5 =
/// 60, q6 not applicable.
///
/// - t1 = 100 × (2 + 1 × 3/3) ÷ 3 = 100.00
/// - t2 = 100.00
/// - t3 = q5 alone = 100 × (1 × 1/2) ÷ 1 = 50.00
/// - index = (1 × 100 + 2 × 100 + 3 × 50) ÷ 6 = 450 ÷ 6 = 75.00 (B)
fn a3(r: &Referential) -> Assessment {
    assessment(
        r,
        "2026-03-01",
        json!({
            "q1": {"kind": "yes"},
            "q2": {"kind": "choice", "options": ["full"]},
            "q3": {"kind": "yes"},
            "q4": {"kind": "choice", "options": ["a", "c"], "comment": "confirmé"},
            "q5": {"kind": "number", "value": 60},
            "q6": {"kind": "not_applicable", "justification": "Plus de parc propre"}
        }),
    )
}

/// Plan adopted 2025-01-15:
///
/// | id | carries out | effective addresses | status | due |
/// |---|---|---|---|---|
/// | p1 | act-a | q1 → yes, q3 → yes | done | 2025-06-30 |
/// | p2 | act-b | q2 → full | done | 2025-12-31 |
/// | p3 | custom | q4 → {c} | in progress | 2026-06-30 |
/// | p4 | act-c | q5 → 85, q4 → {c} | abandoned | 2025-09-30 |
/// | p5 | act-c, own addresses | q6 → yes, q2 → full (not act-c's) | done | 2025-03-01 |
fn plan() -> Plan {
    serde_json::from_value(json!({
        "referential": {"id": "mini-hist", "version": "1.0.0"},
        "name": "Plan sobriété 2025-2026",
        "created": "2025-01-15",
        "actions": [
            {"id": "p1", "action": "act-a", "status": "done", "due": "2025-06-30"},
            {"id": "p2", "action": "act-b", "status": "done", "due": "2025-12-31"},
            {"id": "p3", "title": {"fr": "Compléter le parc"}, "status": "in_progress", "due": "2026-06-30",
             "addresses": [{"question": "q4", "leads_to": {"kind": "choice", "options": ["c"]}}]},
            {"id": "p4", "action": "act-c", "status": "abandoned", "due": "2025-09-30"},
            {"id": "p5", "action": "act-c", "status": "done", "due": "2025-03-01",
             "addresses": [{"question": "q6", "leads_to": {"kind": "yes"}},
                           {"question": "q2", "leads_to": {"kind": "choice", "options": ["full"]}}]}
        ]
    }))
    .unwrap()
}

fn td(id: &str, before: Option<f64>, after: Option<f64>, delta: Option<f64>) -> ThemeDelta {
    ThemeDelta {
        id: id.into(),
        before,
        after,
        delta,
    }
}

fn change(
    id: &str,
    theme: &str,
    before: Option<&str>,
    after: Option<&str>,
    points: (Option<i64>, Option<i64>),
    contribution_delta: f64,
) -> QuestionChange {
    QuestionChange {
        id: id.into(),
        theme: theme.into(),
        before: before.map(Into::into),
        after: after.map(Into::into),
        points_before: points.0,
        points_after: points.1,
        contribution_delta,
    }
}

#[test]
fn history_orders_entries_by_date_and_computes_deltas() {
    let r = referential();
    // Given out of date order.
    let h = api::history(&r, &[a2(&r), a3(&r), a1(&r)]).unwrap();

    let dates: Vec<&str> = h.entries.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2024-03-01", "2025-03-01", "2026-03-01"]);
    let indexes: Vec<Option<f64>> = h.entries.iter().map(|e| e.index).collect();
    assert_eq!(indexes, [Some(25.93), Some(54.63), Some(75.0)]);
    let grades: Vec<Option<&str>> = h.entries.iter().map(|e| e.grade.as_deref()).collect();
    assert_eq!(grades, [Some("C"), Some("B"), Some("B")]);
    assert!(h.entries.iter().all(|e| e.complete && e.level == 1));
    let t1: Vec<Option<f64>> = h.entries.iter().map(|e| e.themes[0].score).collect();
    assert_eq!(t1, [Some(11.11), Some(77.78), Some(100.0)]);

    assert_eq!(h.deltas.len(), 2);
    // 2024 → 2025: index 54.63 − 25.93 = 28.70; t1 77.78 − 11.11 = 66.67;
    // t2 100 − 33.33 = 66.67; t3 had no score in 2024 → no delta.
    let d = &h.deltas[0];
    assert_eq!(
        (d.from.as_str(), d.to.as_str()),
        ("2024-03-01", "2025-03-01")
    );
    assert_eq!(d.index_delta, Some(28.7));
    assert_eq!(
        d.themes,
        [
            td("t1", Some(11.11), Some(77.78), Some(66.67)),
            td("t2", Some(33.33), Some(100.0), Some(66.67)),
            td("t3", None, Some(16.67), None),
        ]
    );
    // 2025 → 2026: index 75 − 54.63 = 20.37; t1 100 − 77.78 = 22.22;
    // t2 100 − 100 = 0; t3 50 − 16.67 = 33.33.
    let d = &h.deltas[1];
    assert_eq!(
        (d.from.as_str(), d.to.as_str()),
        ("2025-03-01", "2026-03-01")
    );
    assert_eq!(d.index_delta, Some(20.37));
    assert_eq!(
        d.themes,
        [
            td("t1", Some(77.78), Some(100.0), Some(22.22)),
            td("t2", Some(100.0), Some(100.0), Some(0.0)),
            td("t3", Some(16.67), Some(50.0), Some(33.33)),
        ]
    );
    // Overall 2024 → 2026: index 75 − 25.93 = 49.07; t1 100 − 11.11 = 88.89;
    // t2 100 − 33.33 = 66.67; t3 none in 2024 → none.
    let o = h.overall.as_ref().unwrap();
    assert_eq!(
        (o.from.as_str(), o.to.as_str()),
        ("2024-03-01", "2026-03-01")
    );
    assert_eq!(o.index_delta, Some(49.07));
    assert_eq!(
        o.themes,
        [
            td("t1", Some(11.11), Some(100.0), Some(88.89)),
            td("t2", Some(33.33), Some(100.0), Some(66.67)),
            td("t3", None, Some(50.0), None),
        ]
    );

    // One series per theme, in referential order, one point per entry.
    let ids: Vec<&str> = h.themes.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["t1", "t2", "t3"]);
    assert_eq!(h.themes[2].title.fr, "Usages");
    let t3: Vec<(&str, Option<f64>)> = h.themes[2]
        .points
        .iter()
        .map(|p| (p.date.as_str(), p.score))
        .collect();
    assert_eq!(
        t3,
        [
            ("2024-03-01", None),
            ("2025-03-01", Some(16.67)),
            ("2026-03-01", Some(50.0)),
        ]
    );
}

#[test]
fn history_of_fewer_than_two_has_no_overall_and_equal_dates_keep_their_order() {
    let r = referential();
    let empty = api::history(&r, &[]).unwrap();
    assert!(empty.entries.is_empty() && empty.deltas.is_empty() && empty.overall.is_none());
    assert!(empty.themes.iter().all(|s| s.points.is_empty()));

    let one = api::history(&r, &[a2(&r)]).unwrap();
    assert_eq!(one.entries.len(), 1);
    assert!(one.deltas.is_empty() && one.overall.is_none());

    // a3's answers dated like a1: the stable order puts it after a1.
    let mut same_day = a3(&r);
    same_day.date = "2024-03-01".into();
    let h = api::history(&r, &[a2(&r), a1(&r), same_day]).unwrap();
    let indexes: Vec<Option<f64>> = h.entries.iter().map(|e| e.index).collect();
    assert_eq!(indexes, [Some(25.93), Some(75.0), Some(54.63)]);
}

#[test]
fn history_returns_the_error_of_an_invalid_assessment() {
    let r = referential();
    let mut bad = a2(&r);
    bad.date = "2025-02-30".into();
    let err = api::history(&r, &[a1(&r), bad.clone()]).unwrap_err();
    assert_eq!(err, api::score(&r, &bad).unwrap_err());
    assert_eq!(err.code(), "invalid_document");
}

#[test]
fn diff_lists_changed_answers_and_statuses() {
    let r = referential();
    let d = api::diff(&r, &a1(&r), &a2(&r)).unwrap();
    assert_eq!(
        (d.before_date.as_str(), d.after_date.as_str()),
        ("2024-03-01", "2025-03-01")
    );
    assert_eq!(
        (d.index_before, d.index_after, d.index_delta),
        (Some(25.93), Some(54.63), Some(28.7))
    );
    assert_eq!(d.themes[2], td("t3", None, Some(16.67), None));

    // Contributions (index points) = 100 ÷ Σ question weights of the theme ×
    // theme weight ÷ Σ weights of the themes with a score × credit, rounded.
    // 2024: themes scored t1, t2 (Σ 3); 2025: all (Σ 6).
    assert_eq!(
        d.questions,
        [
            // 2024: credit 0 → 0. 2025: 100/3 × 1/6 × 2 = 11.11.
            change(
                "q1",
                "t1",
                Some("no"),
                Some("yes"),
                (Some(0), Some(1)),
                11.11
            ),
            // q2 (partial both times) is not listed although its
            // contribution moved (3.70 → 1.85).
            // Same answer, hidden → answered: 2025 100/2 × 2/6 × 1 = 16.67.
            change("q3", "t2", Some("yes"), Some("yes"), (None, Some(1)), 16.67),
            // 2024: 100/1 × 2/3 × 1/3 = 22.22; 2025: 100/2 × 2/6 × 1 = 16.67;
            // 16.67 − 22.22 = −5.55.
            change(
                "q4",
                "t2",
                Some("choice: a"),
                Some("choice: a, c"),
                (Some(1), Some(3)),
                -5.55
            ),
            // N/A (not counted) → 60: 100/3 × 3/6 × 1/2 = 8.33.
            change(
                "q5",
                "t3",
                Some("not_applicable"),
                Some("number: 60"),
                (None, Some(1)),
                8.33
            ),
            // N/A → no: credit 0 both ways.
            change(
                "q6",
                "t3",
                Some("not_applicable"),
                Some("no"),
                (None, Some(0)),
                0.0
            ),
        ]
    );
}

#[test]
fn diff_ignores_comments_and_evidence() {
    let r = referential();
    let d = api::diff(&r, &a2(&r), &a3(&r)).unwrap();
    // 54.63 → 75.00: + 20.37.
    assert_eq!(d.index_delta, Some(20.37));
    // q4's comment changed, q6 lost its evidence: only q2 and q6 changed.
    let ids: Vec<&str> = d.questions.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["q2", "q6"]);
    let q2 = &d.questions[0];
    assert_eq!(
        (q2.before.as_deref(), q2.after.as_deref()),
        (Some("choice: partial"), Some("choice: full"))
    );
    assert_eq!((q2.points_before, q2.points_after), (Some(1), Some(3)));
    // 2025: 100/3 × 1/6 × 1/3 = 1.85; 2026: 100/3 × 1/6 × 1 = 5.56; 5.56 − 1.85 = 3.71.
    assert_eq!(q2.contribution_delta, 3.71);
    let q6 = &d.questions[1];
    assert_eq!(
        (q6.before.as_deref(), q6.after.as_deref()),
        (Some("no"), Some("not_applicable"))
    );
    assert_eq!((q6.points_before, q6.points_after), (Some(0), None));
    assert_eq!(q6.contribution_delta, 0.0);

    // Nothing changed: nothing listed. An absent answer and an explicit
    // `unanswered` are the same.
    assert!(api::diff(&r, &a2(&r), &a2(&r))
        .unwrap()
        .questions
        .is_empty());
    let mut without = a2(&r);
    without.answers.shift_remove("q5");
    let mut placeholder = a2(&r);
    placeholder
        .answers
        .insert("q5".into(), Answer::unanswered());
    assert!(api::diff(&r, &without, &placeholder)
        .unwrap()
        .questions
        .is_empty());
}

fn comment_of(a: &Assessment, q: &str) -> Option<String> {
    a.answers[q].comment().map(str::to_owned)
}

#[test]
fn next_assessment_raises_the_answers_of_done_actions() {
    let r = referential();
    let previous = a2(&r);
    let next = api::next_assessment(&r, &previous, &plan(), "2027-03-01").unwrap();
    assert_eq!(next.date, "2027-03-01");

    // p1 (done, act-a): q1 and q3 already yes, nothing raised.
    // p2 (done, act-b): q2 partial → full.
    // p3 (in progress) and p4 (abandoned): not applied.
    // p5 (done, own addresses): q6 no → yes; q2 already full. act-c's q5 → 85
    // is not among p5's effective addresses: q5 stays 60.
    let raised = |action: &str| {
        Some(format!(
            "Réponse issue du plan d’action (action {action}), à confirmer."
        ))
    };
    assert_eq!(
        next.answers["q2"],
        Answer::Choice {
            options: vec!["full".into()],
            comment: raised("p2"),
            evidence: vec![],
        }
    );
    assert_eq!(
        next.answers["q6"],
        Answer::Yes {
            comment: raised("p5"),
            evidence: vec![],
        }
    );
    for q in ["q1", "q3", "q4", "q5"] {
        assert_eq!(next.answers[q], previous.answers[q], "{q} is unchanged");
    }
    assert_eq!(comment_of(&next, "q4").as_deref(), Some("ajout de c"));
    // Same questions, same order.
    assert!(next.answers.keys().eq(previous.answers.keys()));
    // The previous mark is kept, the new ones added.
    let marks: Vec<(&str, &str)> = next
        .from_plan
        .iter()
        .map(|(q, a)| (q.as_str(), a.as_str()))
        .collect();
    assert_eq!(marks, [("q4", "p0"), ("q2", "p2"), ("q6", "p5")]);
    // The rest of the document is the previous one.
    assert_eq!(
        (&next.referential, &next.profile, next.level),
        (&previous.referential, &previous.profile, previous.level)
    );

    let report = api::validate_assessment(&next, &r);
    assert!(report.valid, "{:?}", report.issues);
    // t1 = 100 × (2 + 1) ÷ 3 = 100; t2 = 100; t3 = 100 × (1/2 + 2 × 1) ÷ 3 = 83.33;
    // index = (100 + 200 + 3 × 250/3) ÷ 6 = 550 ÷ 6 = 91.67.
    assert_eq!(api::score(&r, &next).unwrap().index, Some(91.67));
}

#[test]
fn next_assessment_marks_the_first_action_that_raised_an_answer() {
    let r = referential();
    let plan: Plan = serde_json::from_value(json!({
        "referential": {"id": "mini-hist", "version": "1.0.0"},
        "created": "2024-04-01",
        "actions": [
            {"id": "x1", "title": {"fr": "Ajouter b"}, "status": "done",
             "addresses": [{"question": "q4", "leads_to": {"kind": "choice", "options": ["b"]}}]},
            {"id": "x2", "title": {"fr": "Ajouter c"}, "status": "done",
             "addresses": [{"question": "q4", "leads_to": {"kind": "choice", "options": ["c"]}}]},
            {"id": "x3", "action": "act-a", "status": "planned"}
        ]
    }))
    .unwrap();
    let next = api::next_assessment(&r, &a1(&r), &plan, "2025-01-10").unwrap();
    // q4 {a} (1) → {a, b} (2) by x1 → {a, b, c} (4, capped at 3) by x2: both
    // raised it, x1 first.
    assert_eq!(
        next.answers["q4"],
        Answer::Choice {
            options: vec!["a".into(), "b".into(), "c".into()],
            comment: Some("Réponse issue du plan d’action (action x1), à confirmer.".into()),
            evidence: vec![],
        }
    );
    assert_eq!(next.from_plan.len(), 1);
    assert_eq!(next.from_plan["q4"], "x1");
    // x3 is only planned: q1 stays no.
    assert_eq!(next.answers["q1"], a1(&r).answers["q1"]);
    assert!(api::validate_assessment(&next, &r).valid);
}

#[test]
fn next_assessment_rejects_a_bad_date() {
    let r = referential();
    for date in ["2027-02-30", "1/3/2027", "", "2027-3-1"] {
        match api::next_assessment(&r, &a2(&r), &plan(), date) {
            Err(Error::InvalidArgument { name, .. }) => assert_eq!(name, "date"),
            other => panic!("{date:?}: {other:?}"),
        }
    }
    // A plan for another referential is rejected too.
    let mut other = plan();
    other.referential.id = "autre".into();
    match api::next_assessment(&r, &a2(&r), &other, "2027-03-01") {
        Err(Error::Invalid { document, issues }) => {
            assert_eq!(document, sobriete::DocumentKind::Plan);
            assert_eq!(issues[0].code, sobriete::IssueCode::ReferentialMismatch);
            assert_eq!(issues[0].path, "/referential/id");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn progress_series_gives_achieved_and_planned_indexes() {
    let r = referential();
    let series = api::progress_series(&r, &[a3(&r), a1(&r), a2(&r)], &plan()).unwrap();
    let point = |date: &str, achieved: f64, planned: f64| ProgressPoint {
        date: date.into(),
        achieved: Some(achieved),
        planned: Some(planned),
    };
    // Dates: the assessments (2024-03-01, 2025-03-01, 2026-03-01) and the due
    // dates of p1, p2, p3, p5 (2025-06-30, 2025-12-31, 2026-06-30,
    // 2025-03-01, already there); p4 is abandoned: 2025-09-30 is not listed.
    //
    // Achieved: the latest assessment on or before each date (a1 25.93, a2
    // 54.63, a3 75.00).
    //
    // Planned: the baseline is a1 (latest on or before 2025-01-15).
    // - 2024-03-01: no action due: a1 = 25.93.
    // - 2025-03-01: p5: q2 partial → full; q6 stays N/A (no action
    //   overrides "not applicable"), so t3 still has no score.
    //   t1 = 100 × (0 + 1) ÷ 3 = 33.33; t2 = q4 = 33.33;
    //   index = (1 × 100/3 + 2 × 100/3) ÷ 3 = 33.33.
    // - 2025-06-30: + p1: q1 → yes (q3, already yes, is now shown).
    //   t1 = 100 × (2 + 1) ÷ 3 = 100; t2 = 100 × (1 + 1/3) ÷ 2 = 66.67;
    //   index = (100 + 2 × 200/3) ÷ 3 = (700/3) ÷ 3 = 77.78.
    // - 2025-12-31: + p2: q2 already full: 77.78. 2026-03-01: 77.78.
    // - 2026-06-30: + p3: q4 {a} → {a, c} = 3/3: t2 = 100;
    //   index = (100 + 200) ÷ 3 = 100.
    assert_eq!(
        series,
        [
            point("2024-03-01", 25.93, 25.93),
            point("2025-03-01", 54.63, 33.33),
            point("2025-06-30", 54.63, 77.78),
            point("2025-12-31", 54.63, 77.78),
            point("2026-03-01", 75.0, 77.78),
            point("2026-06-30", 75.0, 100.0),
        ]
    );
}

#[test]
fn progress_series_before_the_first_assessment_and_without_baseline_before_the_plan() {
    let r = referential();
    let mut plan = plan();
    // Created before every assessment: the baseline is the earliest, a2.
    plan.created = "2020-01-01".into();
    let series = api::progress_series(&r, &[a3(&r), a2(&r)], &plan).unwrap();
    let dates: Vec<&str> = series.iter().map(|p| p.date.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2025-03-01",
            "2025-06-30",
            "2025-12-31",
            "2026-03-01",
            "2026-06-30"
        ]
    );
    // Baseline a2 (54.63). At 2025-03-01 p5 is due: q6 no → yes, q2 partial
    // → full. t1 = 100 × (2 + 1) ÷ 3 = 100; t2 = 100; t3 = 100 × (1/2 + 2) ÷ 3
    // = 83.33; index = (100 + 200 + 250) ÷ 6 = 91.67. p1, p2, p3 add nothing
    // (q1, q3 already yes; q2 already full; q4 already {a, c}).
    let planned: Vec<Option<f64>> = series.iter().map(|p| p.planned).collect();
    assert_eq!(planned, [Some(91.67); 5]);
    let achieved: Vec<Option<f64>> = series.iter().map(|p| p.achieved).collect();
    assert_eq!(
        achieved,
        [
            Some(54.63),
            Some(54.63),
            Some(54.63),
            Some(75.0),
            Some(75.0)
        ]
    );

    // Only a3: the due dates before it have nothing achieved yet.
    let series = api::progress_series(&r, &[a3(&r)], &plan).unwrap();
    assert_eq!(series[0].date, "2025-03-01");
    assert_eq!(series[0].achieved, None);
    // Baseline a3 (75.00) with p5: q2 is already full and q6 stays N/A (no
    // action overrides "not applicable"): still 75.
    assert_eq!(series[0].planned, Some(75.0));
}
