#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Action plans: validation (every problem at once, with codes and paths)
//! and follow-up figures checked against values worked out by hand.

use chrono::NaiveDate;
use serde_json::{json, Value};
use sobriete::api::PlanStatus;
use sobriete::api::StatusCounts;
use sobriete::internals::plan_status;
use sobriete::internals::validate_plan;
use sobriete::model::plan::{ActionStatus, Plan};
use sobriete::model::referential::Rating;
use sobriete::{api, Assessment, IssueCode, Lang, Referential, Severity};

/// Two themes:
/// * t1 (weight 1): q1 yes/no, weight 2; q2 single choice none 0 / some 1 /
///   all 3, weight 1.
/// * t2 (weight 2): q3 yes/no; q4 multiple choice a 1 / b 1 / c 2, no cap
///   (max 4); q5 yes/no; each weight 1.
///
/// Actions: act1 (low) q1 → yes; act2 (medium) q2 → all; act3 (high) q3 →
/// yes and q4 → c; act4 (medium, REEN area 4) q5 → yes.
fn referential() -> Referential {
    let yes_no = |id: &str, theme: &str, weight: f64| {
        json!({"id": id, "theme": theme, "level": 1, "weight": weight,
               "prompt": {"fr": format!("{id} ?"), "en": format!("{id}?")},
               "rationale": {"fr": "Parce que."}, "response": {"kind": "yes_no"}})
    };
    let option = |id: &str, points: i64| json!({"id": id, "label": {"fr": id}, "points": points});
    let v = json!({
        "id": "mini-plan", "version": "1.2.0", "title": {"fr": "Mini"},
        "themes": [
            {"id": "t1", "title": {"fr": "Thème 1"}, "weight": 1},
            {"id": "t2", "title": {"fr": "Thème 2"}, "weight": 2}
        ],
        "questions": [
            yes_no("q1", "t1", 2.0),
            {"id": "q2", "theme": "t1", "level": 1, "prompt": {"fr": "q2 ?"}, "rationale": {"fr": "R"},
             "response": {"kind": "single_choice", "options": [option("none", 0), option("some", 1), option("all", 3)]}},
            yes_no("q3", "t2", 1.0),
            {"id": "q4", "theme": "t2", "level": 1, "prompt": {"fr": "q4 ?"}, "rationale": {"fr": "R"},
             "response": {"kind": "multiple_choice", "options": [option("a", 1), option("b", 1), option("c", 2)]}},
            yes_no("q5", "t2", 1.0)
        ],
        "actions": [
            {"id": "act1", "title": {"fr": "Adopter une charte", "en": "Adopt a charter"},
             "effort": "low", "impact": "medium",
             "addresses": [{"question": "q1", "leads_to": {"kind": "yes"}}]},
            {"id": "act2", "title": {"fr": "Tout faire"}, "effort": "medium", "impact": "high",
             "addresses": [{"question": "q2", "leads_to": {"kind": "choice", "options": ["all"]}}]},
            {"id": "act3", "title": {"fr": "Réemployer"}, "effort": "high", "impact": "high",
             "addresses": [{"question": "q3", "leads_to": {"kind": "yes"}},
                           {"question": "q4", "leads_to": {"kind": "choice", "options": ["c"]}}]},
            {"id": "act4", "title": {"fr": "Mesurer"}, "effort": "medium", "impact": "low", "reen_area": 4,
             "addresses": [{"question": "q5", "leads_to": {"kind": "yes"}}]}
        ],
        "grades": [{"grade": "A", "min": 80}, {"grade": "B", "min": 60}, {"grade": "C", "min": 40}, {"grade": "D", "min": 0}]
    });
    api::referential_from_value(&v).expect("valid referential")
}

/// Baseline: q1 no, q2 some, q3 no, q4 {a}, q5 no.
fn assessment(r: &Referential) -> Assessment {
    let v = json!({
        "referential": {"id": "mini-plan", "version": "1.2.0"},
        "profile": {"name": "Saint-Exemple", "kind": "commune", "population": 1200},
        "date": "2025-12-15", "level": 1,
        "answers": {
            "q1": {"kind": "no"},
            "q2": {"kind": "choice", "options": ["some"]},
            "q3": {"kind": "no"},
            "q4": {"kind": "choice", "options": ["a"]},
            "q5": {"kind": "no"}
        }
    });
    api::assessment_from_value(&v, r).expect("valid assessment")
}

/// The follow-up plan (see `follow_up_figures_match_the_hand_computation`).
fn plan_value() -> Value {
    json!({
        "referential": {"id": "mini-plan", "version": "1.2.0"},
        "name": "Plan sobriété 2026",
        "created": "2026-01-01",
        "target": {"index": 70, "grade": "B", "date": "2026-12-31"},
        "actions": [
            {"id": "p1", "action": "act1", "owner": "DGS", "status": "done", "progress": 100,
             "start": "2026-01-15", "due": "2026-03-31", "completed": "2026-03-10",
             "budget": {"planned": 1000, "spent": 800},
             "indicators": [{"name": "durée de vie moyenne", "unit": "années", "baseline": 4, "target": 6}]},
            {"id": "p2", "action": "act2", "owner": "DSI", "status": "in_progress", "progress": 40,
             "start": "2026-02-01", "due": "2026-04-30", "depends_on": ["p1"],
             "budget": {"planned": 5000, "spent": 2000},
             "indicators": [{"name": "part des achats reconditionnés", "unit": "%",
                             "baseline": 10, "target": 50, "current": 20, "measured": "2026-06-20"}]},
            {"id": "p3", "action": "act3", "status": "planned", "due": "2026-06-30", "depends_on": ["p2"],
             "budget": {"planned": 20000},
             "indicators": [{"name": "consommation électrique du parc", "unit": "MWh",
                             "baseline": 120, "target": 100, "current": 105}]},
            {"id": "p4", "title": {"fr": "Compléter le questionnaire q4"}, "effort": "low", "status": "to_plan",
             "due": "2027-06-30", "reen_area": 2,
             "addresses": [{"question": "q4", "leads_to": {"kind": "choice", "options": ["b"]}}],
             "budget": {"planned": 3000}},
            {"id": "p5", "action": "act4", "status": "abandoned", "due": "2026-02-28",
             "budget": {"planned": 10000, "spent": 1500},
             "indicators": [{"name": "abandonné", "baseline": 0, "target": 1, "current": 0}]},
            {"id": "p6", "title": {"fr": "Sensibiliser les agents", "en": "Raise awareness"}, "status": "to_define",
             "due": "2026-07-01",
             "addresses": [{"question": "q2", "leads_to": {"kind": "choice", "options": ["some"]}}]}
        ]
    })
}

fn plan_from(v: Value) -> Plan {
    serde_json::from_value(v).expect("plan JSON")
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
}

/// (code, path, severity) of every issue, sorted.
fn issue_set(issues: &[sobriete::Issue]) -> Vec<(IssueCode, String, Severity)> {
    let mut v: Vec<_> = issues
        .iter()
        .map(|i| (i.code, i.path.clone(), i.severity))
        .collect();
    v.sort();
    v
}

fn cycle_issues(issues: &[sobriete::Issue]) -> Vec<&sobriete::Issue> {
    issues
        .iter()
        .filter(|i| i.code == IssueCode::DependencyCycle)
        .collect()
}

/// A minimal valid plan whose actions have the given dependencies.
fn plan_with_deps(deps: &[(&str, &[&str])]) -> Plan {
    let actions: Vec<Value> = deps
        .iter()
        .map(|(id, on)| json!({"id": id, "action": "act1", "status": "planned", "depends_on": on}))
        .collect();
    plan_from(json!({
        "referential": {"id": "mini-plan", "version": "1.2.0"},
        "created": "2026-01-01",
        "actions": actions
    }))
}

#[test]
fn a_valid_plan_has_no_issue() {
    let r = referential();
    let plan = plan_from(plan_value());
    let issues = validate_plan(&plan, &r);
    assert!(issues.is_empty(), "{issues:#?}");
}

#[test]
fn every_problem_is_reported_with_its_code_and_path() {
    let r = referential();
    let v = json!({
        "referential": {"id": "autre-referentiel", "version": "1.2.0"},
        "created": "2026-13-01",
        "target": {"index": 120, "date": "2026-02-30"},
        "actions": [
            // 0: fine, but its id is reused below.
            {"id": "x", "action": "act1", "status": "planned"},
            // 1: duplicate id, unknown referential action, due before start,
            //    progress out of range, completed while not done.
            {"id": "x", "action": "act-nope", "status": "planned", "start": "2026-05-01",
             "due": "2026-04-01", "progress": 150, "completed": "2026-04-02"},
            // 2: custom action without title nor addresses; bad id.
            {"id": " y", "status": "to_define"},
            // 3: unknown question, outcome of the wrong kind, empty French
            //    title, malformed dates, bad REEN area, negative budget.
            {"id": "z", "title": {"fr": " "}, "status": "planned", "start": "2026-1-5",
             "reen_area": 7, "budget": {"planned": -5, "spent": 10},
             "addresses": [{"question": "q9", "leads_to": {"kind": "yes"}},
                           {"question": "q1", "leads_to": {"kind": "choice", "options": ["a"]}}]},
            // 4: done below 100 % (warning), unknown dependency, indicator
            //    without a name and with a malformed measurement date.
            {"id": "w", "action": "act2", "status": "done", "progress": 50, "depends_on": ["x", "ghost"],
             "indicators": [{"name": "", "baseline": 1, "target": 2, "measured": "hier"}]}
        ]
    });
    let mut plan = plan_from(v);
    // Not expressible in JSON: a non-finite indicator value.
    plan.actions[4].indicators[0].current = Some(f64::NAN);
    let issues = validate_plan(&plan, &r);
    use IssueCode::*;
    use Severity::{Error as E, Warning as W};
    let mut expected: Vec<(IssueCode, String, Severity)> = vec![
        (ReferentialMismatch, "/referential/id", E),
        (InvalidDate, "/created", E),
        (ValueOutOfRange, "/target/index", E),
        (InvalidDate, "/target/date", E),
        (DuplicateId, "/actions/1/id", E),
        (UnknownAction, "/actions/1/action", E),
        (InvalidValue, "/actions/1/due", E),
        (ValueOutOfRange, "/actions/1/progress", E),
        (InvalidValue, "/actions/1/completed", E),
        (InvalidId, "/actions/2/id", E),
        (MissingField, "/actions/2", E),
        (MissingField, "/actions/2/addresses", E),
        (UnknownQuestion, "/actions/3/addresses/0/question", E),
        (OutcomeMismatch, "/actions/3/addresses/1/leads_to/kind", E),
        (EmptyText, "/actions/3/title/fr", E),
        (InvalidDate, "/actions/3/start", E),
        (InvalidReenArea, "/actions/3/reen_area", E),
        (ValueOutOfRange, "/actions/3/budget/planned", E),
        (InvalidValue, "/actions/4/progress", W),
        (UnknownAction, "/actions/4/depends_on/1", E),
        (EmptyText, "/actions/4/indicators/0/name", E),
        (ValueOutOfRange, "/actions/4/indicators/0/current", E),
        (InvalidDate, "/actions/4/indicators/0/measured", E),
    ]
    .into_iter()
    .map(|(c, p, s)| (c, p.to_owned(), s))
    .collect();
    expected.sort();
    assert_eq!(issue_set(&issues), expected, "{issues:#?}");
}

#[test]
fn a_plan_for_another_major_version_is_an_error_a_minor_one_a_warning() {
    let r = referential();
    let mut v = plan_value();
    v["referential"]["version"] = json!("2.0.0");
    let issues = validate_plan(&plan_from(v.clone()), &r);
    assert_eq!(
        issue_set(&issues),
        vec![(
            IssueCode::ReferentialVersionMismatch,
            "/referential/version".to_owned(),
            Severity::Error
        )]
    );
    v["referential"]["version"] = json!("1.1.0");
    let issues = validate_plan(&plan_from(v), &r);
    assert_eq!(
        issue_set(&issues),
        vec![(
            IssueCode::ReferentialVersionDiffers,
            "/referential/version".to_owned(),
            Severity::Warning
        )]
    );
}

#[test]
fn a_three_action_cycle_is_one_issue_naming_every_action() {
    let r = referential();
    // d depends on the cycle without being part of it.
    let plan = plan_with_deps(&[("d", &["a"]), ("a", &["b"]), ("b", &["c"]), ("c", &["a"])]);
    let issues = validate_plan(&plan, &r);
    let cycles = cycle_issues(&issues);
    assert_eq!(cycles.len(), 1, "{issues:#?}");
    assert_eq!(issues.len(), 1, "{issues:#?}");
    let c = cycles[0];
    assert_eq!(c.severity, Severity::Error);
    for id in ["\"a\"", "\"b\"", "\"c\""] {
        assert!(c.message.contains(id), "{}", c.message);
    }
    assert!(!c.message.contains("\"d\""), "{}", c.message);
    // The path points at the depends_on of an action of the cycle (a, b or c
    // are actions 1, 2, 3), and the message reads as a closed path.
    assert!(
        [
            "/actions/1/depends_on",
            "/actions/2/depends_on",
            "/actions/3/depends_on"
        ]
        .contains(&c.path.as_str()),
        "{}",
        c.path
    );
    assert!(
        c.message.contains("\"a\" → \"b\" → \"c\" → \"a\"")
            || c.message.contains("\"b\" → \"c\" → \"a\" → \"b\"")
            || c.message.contains("\"c\" → \"a\" → \"b\" → \"c\""),
        "{}",
        c.message
    );
}

#[test]
fn a_self_dependency_is_a_cycle() {
    let r = referential();
    let plan = plan_with_deps(&[("a", &[]), ("b", &["a", "b"])]);
    let issues = validate_plan(&plan, &r);
    assert_eq!(
        issue_set(&issues),
        vec![(
            IssueCode::DependencyCycle,
            "/actions/1/depends_on".to_owned(),
            Severity::Error
        )]
    );
    assert!(
        issues[0].message.contains("\"b\" → \"b\""),
        "{}",
        issues[0].message
    );
}

#[test]
fn independent_cycles_are_each_reported() {
    let r = referential();
    let plan = plan_with_deps(&[
        ("a", &["b"]),
        ("b", &["a"]),
        ("c", &["d"]),
        ("d", &["c"]),
        ("e", &["e"]),
        ("f", &["a", "c"]),
    ]);
    let issues = validate_plan(&plan, &r);
    let cycles = cycle_issues(&issues);
    assert_eq!(cycles.len(), 3, "{issues:#?}");
    assert_eq!(issues.len(), 3, "{issues:#?}");
    let mut paths: Vec<&str> = cycles.iter().map(|i| i.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/actions/0/depends_on",
            "/actions/2/depends_on",
            "/actions/4/depends_on"
        ]
    );
}

#[test]
fn effective_values_fall_back_to_the_referential_action() {
    let r = referential();
    let plan = plan_from(plan_value());
    let p1 = &plan.actions[0];
    let p4 = &plan.actions[3];
    let p5 = &plan.actions[4];
    let p6 = &plan.actions[5];
    // From the referential.
    assert_eq!(
        p1.effective_addresses(&r),
        r.actions[0].addresses.as_slice()
    );
    assert_eq!(p1.effective_effort(&r), Some(Rating::Low));
    assert_eq!(p1.title_in(&r, Lang::Fr), "Adopter une charte");
    assert_eq!(p1.title_in(&r, Lang::En), "Adopt a charter");
    assert_eq!(p5.effective_reen_area(&r), Some(4));
    // Its own.
    assert_eq!(p4.effective_addresses(&r).len(), 1);
    assert_eq!(p4.effective_addresses(&r)[0].question, "q4");
    assert_eq!(p4.effective_effort(&r), Some(Rating::Low));
    assert_eq!(p4.effective_reen_area(&r), Some(2));
    // Neither: a custom action without effort nor area.
    assert_eq!(p6.effective_effort(&r), None);
    assert_eq!(p6.effective_reen_area(&r), None);
    assert_eq!(p6.title_in(&r, Lang::En), "Raise awareness");
    // French fallback when there is no English title.
    assert_eq!(plan.actions[1].title_in(&r, Lang::En), "Tout faire");
}

/// Worked out by hand (the documented formula of docs/scoring.md: theme = 100 × Σ credit ÷ Σ weight,
/// index = Σ theme weight × theme ÷ Σ theme weight), as of 2026-07-01.
///
/// Baseline (q1 no, q2 some = 1/3, q3 no, q4 {a} = 1/4, q5 no):
///   t1 = 100 × (2·0 + 1·1/3) ÷ 3 = 100/9 = 11.11
///   t2 = 100 × (0 + 1/4 + 0) ÷ 3 = 25/3 = 8.33
///   index = (1 · 100/9 + 2 · 25/3) ÷ 3 = 250/27 = 9.259… → 9.26
/// Achieved (done: p1 → q1 yes):
///   t1 = 100 × (2 + 1/3) ÷ 3 = 700/9; t2 unchanged
///   index = (700/9 + 150/9) ÷ 3 = 850/27 = 31.481… → 31.48
///   gained = 600/27 = 22.222… → 22.22
/// Projected (p1–p4 and p6; p5 is abandoned, so q5 stays no):
///   q1 yes, q2 all (3/3), q3 yes, q4 {a, c, b} = 4/4
///   t1 = 100; t2 = 100 × 2 ÷ 3 = 200/3
///   index = (100 + 400/3) ÷ 3 = 700/9 = 77.777… → 77.78
///   (had p5 counted, q5 yes would make t2 = 100 and the index 100)
/// Projected at the target date 2026-12-31 (p1 done; p2 due 04-30, p3 due
/// 06-30, p6 due 07-01; not p4, due 2027-06-30): q4 {a, c} = 3/4
///   t2 = 100 × (1 + 3/4 + 0) ÷ 3 = 175/3
///   index = (100 + 350/3) ÷ 3 = 650/9 = 72.222… → 72.22
/// Target = max(index 70, grade B's min 60) = 70 → on track (72.22 ≥ 70).
///
/// Late (due < 2026-07-01, neither done nor abandoned): p2 (04-30), p3
/// (06-30). Not p1 (done), p5 (abandoned), p6 (due on the day itself).
///
/// Effort points (low 1, medium 2, high 3), p5 abandoned left out, p6 has
/// none: total = 1 (p1) + 2 (p2) + 3 (p3) + 1 (p4) = 7;
/// spent = 1 (p1 done) + 2 × 40 % (p2) = 1.8; remaining = 5.2.
///
/// Budget: planned = 1000 + 5000 + 20000 + 3000 = 29000 (p5 left out);
/// spent = 800 + 2000 + 1500 (p5's money is spent) = 4300;
/// remaining = 29000 − (800 + 2000) = 26200.
///
/// Indicators: from 2026-01-01 to the target date 2026-12-31 = 364 days,
/// 2026-07-01 is day 31+28+31+30+31+30 = 181, so 181/364 of the way.
///   p1 "durée de vie": 4 + 2 × 181/364 = 4.9945 → 4.99, no current value
///     → off_track unknown.
///   p2 "reconditionnés" (rising): 10 + 40 × 181/364 = 29.890 → 29.89;
///     current 20 < 29.89 → off track.
///   p3 "consommation" (falling): 120 − 20 × 181/364 = 110.055 → 110.05;
///     current 105 ≤ 110.05 → on track.
///   p5's indicator is left out (abandoned).
#[test]
fn follow_up_figures_match_the_hand_computation() {
    let r = referential();
    let a = assessment(&r);
    let plan = plan_from(plan_value());
    let s = plan_status(&r, &a, &plan, as_of());

    assert_eq!(s.as_of, "2026-07-01");
    assert_eq!(s.late, ["p2", "p3"]);
    assert_eq!(s.done, ["p1"]);
    assert_eq!(s.in_progress, ["p2"]);
    assert_eq!(
        s.counts,
        StatusCounts {
            to_define: 1,
            to_plan: 1,
            planned: 1,
            in_progress: 1,
            done: 1,
            abandoned: 1
        }
    );

    let ids: Vec<&str> = s.actions.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2", "p3", "p4", "p5", "p6"]);
    let lates: Vec<bool> = s.actions.iter().map(|l| l.late).collect();
    assert_eq!(lates, [false, true, true, false, false, false]);
    assert_eq!(s.actions[0].title, "Adopter une charte");
    assert_eq!(s.actions[0].owner.as_deref(), Some("DGS"));
    assert_eq!(s.actions[0].progress, 100.0);
    assert_eq!(s.actions[1].progress, 40.0);
    assert_eq!(s.actions[1].due.as_deref(), Some("2026-04-30"));
    assert_eq!(s.actions[3].title, "Compléter le questionnaire q4");
    assert_eq!(s.actions[4].status, ActionStatus::Abandoned);

    assert_eq!(
        (s.effort.total, s.effort.spent, s.effort.remaining),
        (7.0, 1.8, 5.2)
    );
    assert_eq!(
        (s.budget.planned, s.budget.spent, s.budget.remaining),
        (29000.0, 4300.0, 26200.0)
    );

    assert_eq!(s.index.baseline, Some(9.26));
    assert_eq!(s.index.achieved, Some(31.48));
    assert_eq!(s.index.gained, Some(22.22));
    assert_eq!(s.index.projected, Some(77.78));
    assert_eq!(s.index.projected_at_target_date, Some(72.22));
    assert_eq!(s.index.target, Some(70.0));
    assert_eq!(s.index.on_track, Some(true));

    let ind: Vec<(&str, &str, Option<f64>, Option<bool>)> = s
        .indicators
        .iter()
        .map(|i| (i.action.as_str(), i.name.as_str(), i.expected, i.off_track))
        .collect();
    assert_eq!(
        ind,
        [
            ("p1", "durée de vie moyenne", Some(4.99), None),
            (
                "p2",
                "part des achats reconditionnés",
                Some(29.89),
                Some(true)
            ),
            (
                "p3",
                "consommation électrique du parc",
                Some(110.05),
                Some(false)
            ),
        ]
    );
    assert_eq!(s.indicators[1].unit.as_deref(), Some("%"));
    assert_eq!(s.indicators[1].current, Some(20.0));

    // The follow-up is a serde document: it round-trips through JSON.
    let text = serde_json::to_string(&s).unwrap();
    let back: PlanStatus = serde_json::from_str(&text).unwrap();
    assert_eq!(back, s);
}

/// Same plan, other targets (hand computation as above):
/// * target 75 by 2026-12-31: 72.22 < 75 → not on track;
/// * target 75 without a date: at the target date = projected = 77.78 → on
///   track; indicators then run to their action's due date: p2 (due
///   2026-04-30, already past) expects its target 50 → 20 is off track; p3
///   (due 2026-06-30, past) expects 100 → 105 is off track; p1 (due
///   2026-03-31) expects 6;
/// * no target at all: no target index, on_track unknown.
#[test]
fn on_track_and_trajectories_follow_the_target() {
    let r = referential();
    let a = assessment(&r);

    let mut v = plan_value();
    v["target"] = json!({"index": 75, "date": "2026-12-31"});
    let s = plan_status(&r, &a, &plan_from(v.clone()), as_of());
    assert_eq!(s.index.target, Some(75.0));
    assert_eq!(s.index.projected_at_target_date, Some(72.22));
    assert_eq!(s.index.on_track, Some(false));

    v["target"] = json!({"index": 75});
    let s = plan_status(&r, &a, &plan_from(v.clone()), as_of());
    assert_eq!(s.index.projected_at_target_date, Some(77.78));
    assert_eq!(s.index.on_track, Some(true));
    let ind: Vec<(Option<f64>, Option<bool>)> = s
        .indicators
        .iter()
        .map(|i| (i.expected, i.off_track))
        .collect();
    assert_eq!(
        ind,
        [
            (Some(6.0), None),
            (Some(50.0), Some(true)),
            (Some(100.0), Some(true))
        ]
    );

    v.as_object_mut().unwrap().remove("target");
    let s = plan_status(&r, &a, &plan_from(v), as_of());
    assert_eq!(s.index.target, None);
    assert_eq!(s.index.on_track, None);
    assert_eq!(s.index.projected_at_target_date, Some(77.78));
}

/// Before the plan starts the trajectory sits at the baseline; an
/// indicator whose action has no due date (and no target date) has no
/// expected value.
#[test]
fn trajectories_are_clamped_and_need_an_end_date() {
    let r = referential();
    let a = assessment(&r);
    let plan = plan_from(plan_value());
    let s = plan_status(&r, &a, &plan, NaiveDate::from_ymd_opt(2025, 6, 1).unwrap());
    let expected: Vec<Option<f64>> = s.indicators.iter().map(|i| i.expected).collect();
    assert_eq!(expected, [Some(4.0), Some(10.0), Some(120.0)]);
    // Nothing is late before anything is due.
    assert!(s.late.is_empty());

    let mut v = plan_value();
    v.as_object_mut().unwrap().remove("target");
    v["actions"][1].as_object_mut().unwrap().remove("due");
    let s = plan_status(&r, &a, &plan_from(v), as_of());
    assert_eq!(s.indicators[1].action, "p2");
    assert_eq!(s.indicators[1].expected, None);
    assert_eq!(s.indicators[1].off_track, None);
}
