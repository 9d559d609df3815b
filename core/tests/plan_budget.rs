//! The plan search's work budget: past it the proposal is the greedy plan,
//! says `exact: false`, still honours the request, and is the same on
//! every run; below it nothing changes.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use sobriete::api;
use sobriete::api::{ProposalRequest, WORK_BUDGET};
use sobriete::internals::propose;
use sobriete::model::referential::Referential;
use sobriete::model::target::Target;
use sobriete::Assessment;

/// One component of `n_actions` actions: `q0` (answered "no") and
/// `children` questions shown when it is "yes" (answered "yes", hidden for
/// now); `a0` raises `q0`, the others raise a child each to its best option.
/// Exploring every subset costs 2^n × (questions + actions) steps.
fn tangled(n_actions: usize, children: usize) -> (Referential, Assessment) {
    let mut questions = vec![json!({
        "id": "q0", "theme": "t0", "level": 1, "prompt": {"fr": "q"}, "rationale": {"fr": "r"},
        "weight": 2, "response": {"kind": "yes_no"}
    })];
    for i in 1..=children {
        questions.push(json!({
            "id": format!("q{i}"), "theme": format!("t{}", i % 3), "level": 1,
            "prompt": {"fr": "q"}, "rationale": {"fr": "r"}, "weight": 1 + i % 3,
            "response": {"kind": "single_choice", "options": [
                {"id": "none", "label": {"fr": "n"}, "points": 0},
                {"id": "part", "label": {"fr": "p"}, "points": 1},
                {"id": "full", "label": {"fr": "f"}, "points": 2}]},
            "condition": {"kind": "is_yes", "question": "q0"}
        }));
    }
    let actions: Vec<Value> = (0..n_actions)
        .map(|i| {
            let (question, leads_to) = if i == 0 {
                ("q0".to_owned(), json!({"kind": "yes"}))
            } else {
                (format!("q{i}"), json!({"kind": "choice", "options": ["full"]}))
            };
            let effort = ["low", "medium", "high"][i % 3];
            json!({"id": format!("a{i}"), "title": {"fr": "a"}, "effort": effort, "impact": "medium",
                   "addresses": [{"question": question, "leads_to": leads_to}]})
        })
        .collect();
    let r = api::referential_from_value(&json!({
        "id": "tangled", "version": "1.0.0", "title": {"fr": "t"},
        "themes": [{"id": "t0", "title": {"fr": "t"}}, {"id": "t1", "title": {"fr": "t"}},
                   {"id": "t2", "title": {"fr": "t"}}],
        "questions": questions, "actions": actions, "grades": [{"grade": "A", "min": 0}]
    }))
    .unwrap();
    let mut answers = serde_json::Map::new();
    answers.insert("q0".to_owned(), json!({"kind": "no"}));
    for i in 1..=children {
        answers.insert(
            format!("q{i}"),
            json!({"kind": "choice", "options": ["part"]}),
        );
    }
    let a = api::assessment_from_value(
        &json!({"referential": {"id": "tangled", "version": "1.0.0"},
                "profile": {"name": "x", "kind": "commune", "population": 100},
                "date": "2026-01-01", "level": 1, "answers": answers}),
        &r,
    )
    .unwrap();
    (r, a)
}

fn request(target: f64) -> ProposalRequest {
    ProposalRequest {
        target: Target::index(target),
        ..ProposalRequest::default()
    }
}

#[test]
fn past_the_budget_the_greedy_plan_is_returned() {
    // With a7 excluded: 2^15 subsets × (701 questions + 15 actions) steps,
    // more than the budget.
    let (r, a) = tangled(16, 700);
    const { assert!((1u64 << 15) * (701 + 15) > WORK_BUDGET) };
    let mut req = request(50.5);
    req.require = vec!["a5".to_owned()];
    req.exclude = vec!["a7".to_owned()];
    req.max_effort = Some(20);
    let p = propose(&r, &a, &req).unwrap();
    assert!(!p.exact);
    assert!(p.reachable, "{p:?}");
    assert!(p.index.unwrap() >= 50.5);
    assert!(p.total_effort <= 20);
    let ids: Vec<&str> = p.schedule.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&"a5") && !ids.contains(&"a7"), "{ids:?}");
    // a0 reveals the children: the best gain per effort point, first.
    assert_eq!(ids.first(), Some(&"a0"));
    let again = propose(&r, &a, &req).unwrap();
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        serde_json::to_string(&again).unwrap()
    );
}

#[test]
fn an_unreached_target_past_the_budget_says_so() {
    let (r, a) = tangled(16, 700);
    let mut req = request(99.0);
    req.max_effort = Some(6);
    let p = propose(&r, &a, &req).unwrap();
    assert!(!p.exact && !p.reachable);
    assert!(p.total_effort <= 6);
    let note = p.note.unwrap();
    assert!(note.contains("work budget"), "{note}");
    // The plan is the best index found, above the baseline.
    assert!(p.index > p.baseline_index);
}

#[test]
fn below_the_budget_the_search_stays_exact() {
    // Same shape, 2^12 × (41 + 12) steps: explored exhaustively.
    let (r, a) = tangled(12, 40);
    let p = propose(&r, &a, &request(60.0)).unwrap();
    assert!(p.exact && p.reachable);
    // Every subset is explored: no plan of less effort reaches the target.
    let cheaper = (0u32..(1 << 12))
        .filter(|mask| {
            let ids: Vec<&str> = (0..12)
                .filter(|b| mask & (1 << b) != 0)
                .map(|b| r.actions[b].id.as_str())
                .collect();
            let index = sobriete::internals::projected_index(&r, &a, &ids);
            let effort: u32 = (0..12)
                .filter(|b| mask & (1 << b) != 0)
                .map(|b| r.actions[b].effort.points())
                .sum();
            effort < p.total_effort && sobriete::internals::reaches(index, 60.0)
        })
        .count();
    assert_eq!(cheaper, 0);
}
