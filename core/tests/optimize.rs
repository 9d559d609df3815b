//! The optimal plan is checked against exhaustive search on many random
//! small referentials: overlapping actions, conditional questions,
//! prerequisites, N/A answers, budgets, exclusions and per-theme targets.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use sobriete::api;
use sobriete::api::ProposalRequest;
use sobriete::internals::apply_addresses;
use sobriete::internals::apply_outcome;
use sobriete::internals::propose;
use sobriete::internals::round2;
use sobriete::model::referential::Referential;
use sobriete::model::target::Target;
use sobriete::Assessment;

/// xorshift64*: small, deterministic, good enough to draw test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

struct Case {
    referential: Referential,
    assessment: Assessment,
    request: ProposalRequest,
}

fn text(s: &str) -> Value {
    json!({"fr": s})
}

fn options(rng: &mut Rng, n: usize, max: u64) -> Vec<Value> {
    let mut v: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("o{i}"), "label": text("o"), "points": rng.below(max + 1)}))
        .collect();
    // At least one option scores.
    v[n - 1]["points"] = json!(1 + rng.below(max));
    v
}

fn random_case(seed: u64) -> Case {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let n_themes = 1 + rng.below(3) as usize;
    let themes: Vec<Value> = (0..n_themes)
        .map(|t| json!({"id": format!("t{t}"), "title": text("t"), "weight": *rng.pick(&[1.0, 1.5, 2.0])}))
        .collect();
    let n_questions = 3 + rng.below(5) as usize;
    let mut questions: Vec<Value> = Vec::new();
    for i in 0..n_questions {
        let response = match rng.below(4) {
            0 => json!({"kind": "yes_no", "yes_points": 1 + rng.below(3)}),
            1 => json!({"kind": "single_choice", "options": options(&mut rng, 3, 3)}),
            2 => {
                let opts = options(&mut rng, 3, 2);
                let sum: u64 = opts.iter().map(|o| o["points"].as_u64().unwrap()).sum();
                let mut r = json!({"kind": "multiple_choice", "options": opts});
                if sum > 1 && rng.chance(50) {
                    r["cap"] = json!(1 + rng.below(sum));
                }
                r
            }
            _ => json!({"kind": "numeric", "min": 0, "max": 100,
                        "bands": [{"from": 0, "points": 0}, {"from": 30, "points": 1 + rng.below(2)}, {"from": 70, "points": 3}]}),
        };
        let mut q = json!({
            "id": format!("q{i}"), "theme": format!("t{}", rng.below(n_themes as u64)), "level": 1,
            "prompt": text("q"), "rationale": text("r"), "weight": *rng.pick(&[1.0, 2.0, 3.0]), "response": response,
            "allow_not_applicable": rng.chance(25)
        });
        if i > 0 && rng.chance(35) {
            let p = rng.below(i as u64) as usize;
            let parent = &questions[p];
            let cond = match parent["response"]["kind"].as_str().unwrap() {
                "yes_no" => json!({"kind": "is_yes", "question": format!("q{p}")}),
                "numeric" => json!({"kind": "at_least", "question": format!("q{p}"), "value": 30}),
                _ => json!({"kind": "any_of", "question": format!("q{p}"), "options": ["o2"]}),
            };
            q["condition"] = cond;
        }
        questions.push(q);
    }
    let outcome = |rng: &mut Rng, q: &Value| -> Value {
        match q["response"]["kind"].as_str().unwrap() {
            "yes_no" => json!({"kind": "yes"}),
            "single_choice" => json!({"kind": "choice", "options": [format!("o{}", rng.below(3))]}),
            "multiple_choice" => {
                let picked: Vec<String> = (0..3)
                    .filter(|_| rng.chance(50))
                    .map(|i| format!("o{i}"))
                    .collect();
                json!({"kind": "choice", "options": if picked.is_empty() { vec!["o2".to_owned()] } else { picked }})
            }
            _ => json!({"kind": "number", "value": *rng.pick(&[35, 80])}),
        }
    };
    let n_actions = 2 + rng.below(7) as usize;
    let mut actions: Vec<Value> = Vec::new();
    for i in 0..n_actions {
        let mut addresses = Vec::new();
        let n_addr = 1 + rng.below(2);
        for _ in 0..n_addr {
            let qi = rng.below(n_questions as u64) as usize;
            if addresses
                .iter()
                .any(|a: &Value| a["question"] == format!("q{qi}"))
            {
                continue;
            }
            let leads_to = outcome(&mut rng, &questions[qi]);
            addresses.push(json!({"question": format!("q{qi}"), "leads_to": leads_to}));
        }
        let mut action = json!({
            "id": format!("a{i}"), "title": text("a"),
            "effort": *rng.pick(&["low", "medium", "high"]), "impact": "medium",
            "cost": *rng.pick(&["none", "low", "medium", "high"]), "addresses": addresses
        });
        if i > 0 && rng.chance(20) {
            action["requires"] = json!([format!("a{}", rng.below(i as u64))]);
        }
        actions.push(action);
    }
    let referential = json!({
        "id": "random", "version": "1.0.0", "title": text("random"), "themes": themes,
        "questions": questions, "actions": actions,
        "grades": [{"grade": "A", "min": 80}, {"grade": "B", "min": 0}]
    });
    let referential =
        api::referential_from_value(&referential).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));

    let mut answers = serde_json::Map::new();
    for q in &referential.questions {
        let roll = rng.below(100);
        let answer = if roll < 10 {
            continue;
        } else if roll < 16 {
            json!({"kind": "dont_know"})
        } else if roll < 22 && q.allow_not_applicable {
            json!({"kind": "not_applicable"})
        } else {
            let v = serde_json::to_value(&q.response).unwrap();
            match v["kind"].as_str().unwrap() {
                "yes_no" => json!({"kind": if rng.chance(40) { "yes" } else { "no" }}),
                "single_choice" => {
                    json!({"kind": "choice", "options": [format!("o{}", rng.below(3))]})
                }
                "multiple_choice" => {
                    json!({"kind": "choice", "options": (0..3).filter(|_| rng.chance(30)).map(|i| format!("o{i}")).collect::<Vec<_>>()})
                }
                _ => json!({"kind": "number", "value": rng.below(101)}),
            }
        };
        answers.insert(q.id.clone(), answer);
    }
    let assessment = json!({
        "referential": {"id": "random", "version": "1.0.0"},
        "profile": {"name": "c", "kind": "commune", "population": 100},
        "date": "2026-01-01", "level": 1, "answers": answers
    });
    let assessment = api::assessment_from_value(&assessment, &referential)
        .unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));

    let mut target = Target::index(*rng.pick(&[20.0, 40.0, 60.0, 75.0, 90.0, 100.0]));
    if rng.chance(25) {
        let t = referential.themes[rng.below(n_themes as u64) as usize]
            .id
            .clone();
        target.themes.insert(t, *rng.pick(&[50.0, 80.0, 100.0]));
        if rng.chance(40) {
            target.index = None;
        }
    }
    let ids: Vec<String> = referential.actions.iter().map(|a| a.id.clone()).collect();
    let mut request = ProposalRequest {
        target,
        ..ProposalRequest::default()
    };
    if rng.chance(30) {
        request.max_effort = Some(1 + rng.below(6) as u32);
    }
    if rng.chance(20) {
        request.max_budget = Some(*rng.pick(&[0, 5_000, 55_000, 110_000]));
    }
    if rng.chance(20) {
        request.exclude.push(rng.pick(&ids).clone());
    }
    if rng.chance(15) {
        let id = rng.pick(&ids).clone();
        if !request.exclude.contains(&id) {
            request.require.push(id);
        }
    }
    Case {
        referential,
        assessment,
        request,
    }
}

/// Exhaustive search: every subset of the allowed actions.
/// Returns (reachable, least effort, best rounded index for it).
fn brute_force(case: &Case) -> Option<(bool, u32, Option<f64>)> {
    let r = &case.referential;
    let a = &case.assessment;
    let req = &case.request;
    let n = r.actions.len();
    let raises = |i: usize| {
        r.actions[i].addresses.iter().any(|ad| {
            let q = r.question(&ad.question).unwrap();
            apply_outcome(q, a.answers.get(&q.id), &ad.leads_to).is_some()
        })
    };
    let target_index = req.target.effective_index(r);
    let mut feasible: Option<(u32, f64)> = None;
    let mut any: Option<(f64, u32)> = None;
    let mut any_valid = false;
    for mask in 0u32..(1 << n) {
        let chosen: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
        if chosen
            .iter()
            .any(|&i| req.exclude.contains(&r.actions[i].id))
        {
            continue;
        }
        if req
            .require
            .iter()
            .any(|id| !chosen.iter().any(|&i| &r.actions[i].id == id))
        {
            continue;
        }
        let prereqs_ok = chosen.iter().all(|&i| {
            r.actions[i].requires.iter().all(|req_id| {
                let j = r.actions.iter().position(|x| &x.id == req_id).unwrap();
                !raises(j) || chosen.contains(&j)
            })
        });
        if !prereqs_ok {
            continue;
        }
        let effort: u32 = chosen.iter().map(|&i| r.actions[i].effort.points()).sum();
        let budget: u32 = chosen
            .iter()
            .map(|&i| r.actions[i].cost.map_or(0, |c| c.estimate()))
            .sum();
        if req.max_effort.is_some_and(|m| effort > m) || req.max_budget.is_some_and(|m| budget > m)
        {
            continue;
        }
        any_valid = true;
        let mut b = a.clone();
        b.answers = apply_addresses(
            r,
            &a.answers,
            chosen.iter().flat_map(|&i| r.actions[i].addresses.iter()),
        );
        let report = sobriete::internals::score(r, &b, vec![]);
        let Some(index) = report.index else { continue };
        let themes_ok = req.target.themes.iter().all(|(t, goal)| {
            report
                .themes
                .iter()
                .find(|x| &x.id == t)
                .and_then(|x| x.score)
                .is_some_and(|s| s >= *goal)
        });
        let ok = themes_ok && target_index.is_none_or(|ti| index >= ti);
        if ok && feasible.is_none_or(|(e, best)| effort < e || (effort == e && index > best)) {
            feasible = Some((effort, index));
        }
        if any.is_none_or(|(best, e)| index > best || (index == best && effort < e)) {
            any = Some((index, effort));
        }
    }
    if !any_valid {
        return None;
    }
    Some(match (feasible, any) {
        (Some((e, i)), _) => (true, e, Some(i)),
        (None, Some((i, e))) => (false, e, Some(i)),
        (None, None) => (false, 0, None),
    })
}

#[test]
fn the_proposal_matches_exhaustive_search() {
    let mut compared = 0;
    let mut unreachable = 0;
    let mut with_conditions = 0;
    for seed in 1..=1500u64 {
        let case = random_case(seed);
        let Some((reachable, effort, index)) = brute_force(&case) else {
            continue;
        };
        let p = match propose(&case.referential, &case.assessment, &case.request) {
            Ok(p) => p,
            Err(e) => panic!("seed {seed}: {e:?}"),
        };
        assert!(p.exact, "seed {seed}");
        assert_eq!(
            p.reachable, reachable,
            "seed {seed}: reachable; brute force effort {effort} index {index:?}; got {p:#?}"
        );
        assert_eq!(
            p.total_effort, effort,
            "seed {seed}: effort; brute force index {index:?}; got {p:#?}"
        );
        assert_eq!(p.index, index, "seed {seed}: index");
        // The schedule's last projected index is the plan's index.
        if let Some(last) = p.schedule.last() {
            assert_eq!(last.index_after, p.index, "seed {seed}");
        }
        compared += 1;
        unreachable += usize::from(!reachable);
        with_conditions += usize::from(
            case.referential
                .questions
                .iter()
                .any(|q| q.condition.is_some()),
        );
    }
    assert!(compared > 1000, "{compared} cases compared");
    assert!(unreachable > 50, "{unreachable} unreachable cases");
    assert!(
        with_conditions > 300,
        "{with_conditions} cases with conditions"
    );
}

fn example() -> (&'static Referential, Assessment) {
    let r = api::default_referential().unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/commune-rurale-niveau1.json"
    ))
    .unwrap();
    (r, api::parse_assessment(&text, r).unwrap())
}

#[test]
fn default_referential_proposal_reaches_the_target_minimally() {
    let (r, a) = example();
    let req = ProposalRequest {
        target: Target::index(50.0),
        ..ProposalRequest::default()
    };
    let p = propose(r, &a, &req).unwrap();
    assert!(p.reachable && p.exact);
    assert!(p.index.unwrap() >= 50.0);
    // Dropping any action that has no dependant breaks the target or saves nothing.
    let chosen: Vec<&str> = p.schedule.iter().map(|s| s.id.as_str()).collect();
    for drop in &chosen {
        let rest: Vec<_> = chosen
            .iter()
            .filter(|c| *c != drop)
            .filter_map(|id| r.action(id))
            .collect();
        let mut b = a.clone();
        b.answers = apply_addresses(r, &a.answers, rest.iter().flat_map(|x| x.addresses.iter()));
        let index = sobriete::internals::index_of(r, b.level, &b.profile, &b.answers).unwrap();
        assert!(
            round2(index) < 50.0,
            "dropping {drop} still reaches the target: not minimal"
        );
    }
    // Steps respect prerequisites and end at the plan's index.
    assert_eq!(p.schedule.last().unwrap().index_after, p.index);
}

#[test]
fn unreachable_targets_give_the_best_reachable_plan() {
    let (r, a) = example();
    let req = ProposalRequest {
        target: Target::index(95.0),
        max_effort: Some(4),
        ..ProposalRequest::default()
    };
    let p = propose(r, &a, &req).unwrap();
    assert!(!p.reachable);
    assert!(p.note.as_deref().unwrap().contains("cannot be reached"));
    assert!(p.total_effort <= 4);
    assert!(p.index > p.baseline_index);
    // 100 is reachable without limits.
    let req = ProposalRequest {
        target: Target::index(100.0),
        ..ProposalRequest::default()
    };
    let p = propose(r, &a, &req).unwrap();
    assert!(p.reachable, "{p:#?}");
    assert_eq!(p.index, Some(100.0));
}

#[test]
fn bad_requests_are_rejected_with_paths() {
    let (r, a) = example();
    let req = ProposalRequest {
        target: Target {
            index: Some(120.0),
            grade: Some("Z".into()),
            ..Target::default()
        },
        exclude: vec!["nope".into()],
        ..ProposalRequest::default()
    };
    let e = propose(r, &a, &req).unwrap_err();
    let paths: Vec<&str> = e.issues().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, vec!["/target/index", "/target/grade", "/exclude/0"]);
}
