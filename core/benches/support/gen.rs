use serde_json::{json, Value};
use sobriete::api;

/// A referential shaped like real ones, scaled up: 10 themes, 250
/// questions (every sixth conditional on one of its theme), two actions per
/// question (a first step, the full practice), one action in ten also
/// raising a second question of its theme; answered at the lowest.
/// With `tangled`, every action raises one to three random questions
/// instead: one huge component, explored greedily.
pub fn generated(n_actions: usize, tangled: bool) -> (sobriete::Referential, sobriete::Assessment) {
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let themes: Vec<Value> = (0..10)
        .map(|t| json!({"id": format!("t{t}"), "title": {"fr": "t"}}))
        .collect();
    let n_questions = n_actions as u64 / 2;
    let questions: Vec<Value> = (0..n_questions)
        .map(|i| {
            let mut q = json!({
                "id": format!("q{i}"), "theme": format!("t{}", i % 10), "level": 1,
                "prompt": {"fr": "q"}, "rationale": {"fr": "r"}, "weight": 1 + next(3),
                "response": {"kind": "single_choice", "options": [
                    {"id": "none", "label": {"fr": "n"}, "points": 0},
                    {"id": "part", "label": {"fr": "p"}, "points": 1},
                    {"id": "full", "label": {"fr": "f"}, "points": 3}]}
            });
            if i % 6 == 5 && i >= 10 {
                q["condition"] = json!({"kind": "any_of", "question": format!("q{}", i - 10), "options": ["part", "full"]});
            }
            q
        })
        .collect();
    let actions: Vec<Value> = (0..n_actions as u64)
        .map(|i| {
            let q = i / 2;
            let to = if i % 2 == 0 { "part" } else { "full" };
            let mut addresses = vec![json!({"question": format!("q{q}"), "leads_to": {"kind": "choice", "options": [to]}})];
            if tangled {
                addresses.clear();
                for _ in 0..1 + next(3) {
                    let q = next(n_questions);
                    if addresses.iter().all(|a| a["question"] != format!("q{q}")) {
                        addresses.push(json!({"question": format!("q{q}"), "leads_to": {"kind": "choice", "options": [to]}}));
                    }
                }
            } else if next(10) == 0 {
                // Another question of the same theme (same remainder mod 10).
                let other = (q + 10 * (1 + next(3))) % n_questions;
                if other != q {
                    addresses.push(json!({"question": format!("q{other}"), "leads_to": {"kind": "choice", "options": ["part"]}}));
                }
            }
            let effort = ["low", "medium", "high"][next(3) as usize];
            json!({"id": format!("a{i}"), "title": {"fr": "a"}, "effort": effort,
                   "impact": "medium", "cost": "low", "addresses": addresses})
        })
        .collect();
    let r = api::referential_from_value(&json!({
        "id": "generated", "version": "1.0.0", "title": {"fr": "g"}, "themes": themes,
        "questions": questions, "actions": actions, "grades": [{"grade": "A", "min": 0}]
    }))
    .unwrap();
    let answers: serde_json::Map<String, Value> = (0..n_questions)
        .map(|i| {
            (
                format!("q{i}"),
                json!({"kind": "choice", "options": ["none"]}),
            )
        })
        .collect();
    let a = api::assessment_from_value(
        &json!({"referential": {"id": "generated", "version": "1.0.0"}, "profile": {"name": "x", "kind": "commune", "population": 1},
                "date": "2026-01-01", "level": 1, "answers": answers}),
        &r,
    )
    .unwrap();
    (r, a)
}

/// The shape of the largest referentials the limits allow: `n` yes/no
/// questions in 20 themes, one action per question (effort drawn at
/// random), every answer "no". Its theme groups hold up to 100 independent
/// actions each, the widest search a plan proposal meets.
#[allow(dead_code)]
pub fn yes_no_scale(n: usize) -> (sobriete::Referential, sobriete::Assessment) {
    let mut seed: u64 = 0x0b5e_55ed;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let themes: Vec<Value> = (0..20)
        .map(|t| json!({"id": format!("t{t}"), "title": {"fr": "t"}}))
        .collect();
    let questions: Vec<Value> = (0..n)
        .map(|i| {
            json!({"id": format!("q{i}"), "theme": format!("t{}", i % 20), "level": 1,
                   "prompt": {"fr": "q"}, "rationale": {"fr": "r"}, "weight": 1 + next(3),
                   "response": {"kind": "yes_no"}})
        })
        .collect();
    let actions: Vec<Value> = (0..n)
        .map(|i| {
            let effort = ["low", "medium", "high"][next(3) as usize];
            let cost = ["none", "low", "medium", "high"][next(4) as usize];
            json!({"id": format!("a{i}"), "title": {"fr": "a"}, "effort": effort,
                   "impact": "medium", "cost": cost,
                   "addresses": [{"question": format!("q{i}"), "leads_to": {"kind": "yes"}}]})
        })
        .collect();
    let r = api::referential_from_value(&json!({
        "id": "scale", "version": "1.0.0", "title": {"fr": "s"}, "themes": themes,
        "questions": questions, "actions": actions, "grades": [{"grade": "A", "min": 0}]
    }))
    .unwrap();
    let answers: serde_json::Map<String, Value> = (0..n)
        .map(|i| (format!("q{i}"), json!({"kind": "no"})))
        .collect();
    let a = api::assessment_from_value(
        &json!({"referential": {"id": "scale", "version": "1.0.0"}, "profile": {"name": "x", "kind": "commune", "population": 1},
                "date": "2026-01-01", "level": 1, "answers": answers}),
        &r,
    )
    .unwrap();
    (r, a)
}
