//! Incremental rescoring (what the candidate gains, the plan's schedule and
//! `optimize::projected_index` use) against full rescoring, bit for bit, on
//! generated referentials: conditions in chains and across themes, every
//! kind of question, levels, profile ranges, N/A and don't-know answers,
//! weights with 17 significant digits (where the order of a sum changes
//! its last bit), and random sequences and subsets of actions.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{json, Value};
use sobriete::api;
use sobriete::api::Candidates;
use sobriete::internals::{apply_addresses, index_of, round2};
use sobriete::internals::{projected_index, projected_indices};
use sobriete::model::referential::{Referential, Response};
use sobriete::{Answer, Assessment};

#[derive(Debug, Clone)]
struct QSpec {
    theme: usize,
    level: u8,
    weight: f64,
    kind: u8,
    points: Vec<i64>,
    parent: Option<(usize, u8)>,
    min_population: Option<u32>,
    allow_na: bool,
}

fn question() -> impl Strategy<Value = QSpec> {
    (
        0usize..4,
        prop::sample::select(vec![1u8, 1, 2]),
        prop_oneof![
            3 => prop::sample::select(vec![0.5, 1.0, 2.0, 3.0]),
            2 => 1e-3f64..1e3,
        ],
        0u8..4,
        prop::collection::vec(0i64..=3, 2..=4),
        prop::option::weighted(0.5, (any::<usize>(), any::<u8>())),
        prop::option::weighted(0.1, 0u32..=2000),
        prop::bool::weighted(0.3),
    )
        .prop_map(
            |(theme, level, weight, kind, mut points, parent, min_population, allow_na)| {
                if let Some(last) = points.last_mut() {
                    *last = (*last).max(1);
                }
                QSpec {
                    theme,
                    level,
                    weight,
                    kind,
                    points,
                    parent,
                    min_population,
                    allow_na,
                }
            },
        )
}

fn text(s: &str) -> Value {
    json!({"fr": s})
}

fn options(points: &[i64]) -> Vec<Value> {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| json!({"id": format!("o{i}"), "label": text("o"), "points": p}))
        .collect()
}

fn response(q: &QSpec) -> Value {
    match q.kind {
        0 => json!({"kind": "yes_no", "yes_points": q.points[q.points.len() - 1], "no_points": 0}),
        1 => json!({"kind": "single_choice", "options": options(&q.points)}),
        2 => json!({"kind": "multiple_choice", "options": options(&q.points)}),
        _ => {
            let bands: Vec<Value> = q
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| json!({"from": 25 * i, "points": p}))
                .collect();
            json!({"kind": "numeric", "min": 0, "max": 100, "bands": bands})
        }
    }
}

fn outcome(q: &QSpec, pick: u8) -> Value {
    match q.kind {
        0 => json!({"kind": "yes"}),
        1 => {
            json!({"kind": "choice", "options": [format!("o{}", usize::from(pick) % q.points.len())]})
        }
        2 => {
            let picked: Vec<String> = (0..q.points.len())
                .filter(|i| pick & (1 << i) != 0)
                .map(|i| format!("o{i}"))
                .collect();
            let picked = if picked.is_empty() {
                vec!["o0".to_owned()]
            } else {
                picked
            };
            json!({"kind": "choice", "options": picked})
        }
        _ => {
            let value = [10, 30, 60, 90][usize::from(pick) % 4];
            json!({"kind": "number", "value": value})
        }
    }
}

fn condition(parent: &QSpec, id: &str, pick: u8) -> Value {
    match parent.kind {
        0 if pick % 2 == 0 => json!({"kind": "is_yes", "question": id}),
        0 => json!({"kind": "is_no", "question": id}),
        1 | 2 => json!({"kind": "any_of", "question": id,
                        "options": [format!("o{}", usize::from(pick) % parent.points.len())]}),
        _ if pick % 2 == 0 => json!({"kind": "at_least", "question": id, "value": 30}),
        _ => json!({"kind": "less_than", "question": id, "value": 60}),
    }
}

#[derive(Debug, Clone)]
struct Case {
    r: Referential,
    a: Assessment,
    /// Action ids in a random order, possibly repeated.
    sequence: Vec<String>,
}

fn referential(
    themes: &[f64],
    questions: &[QSpec],
    actions: &[(Vec<(usize, u8)>, u8)],
) -> Referential {
    let theme_json: Vec<Value> = themes
        .iter()
        .enumerate()
        .map(|(i, w)| json!({"id": format!("t{i}"), "title": text("t"), "weight": w}))
        .collect();
    let mut qs: Vec<Value> = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        let mut x = json!({
            "id": format!("q{i}"), "theme": format!("t{}", q.theme % themes.len()),
            "level": q.level, "prompt": text("q"), "rationale": text("r"),
            "weight": q.weight, "response": response(q), "allow_not_applicable": q.allow_na,
        });
        if let Some(m) = q.min_population {
            x["applies_to"] = json!({"min_population": m});
        }
        // A parent comes earlier (no cycle) and is not of a higher level.
        if let Some((p, pick)) = q.parent {
            let parents: Vec<usize> = (0..i).filter(|&p| questions[p].level <= q.level).collect();
            if !parents.is_empty() {
                let p = parents[p % parents.len()];
                x["condition"] = condition(&questions[p], &format!("q{p}"), pick);
            }
        }
        qs.push(x);
    }
    let acts: Vec<Value> = actions
        .iter()
        .enumerate()
        .map(|(i, (addresses, effort))| {
            let mut seen = Vec::new();
            let mut list = Vec::new();
            for &(q, pick) in addresses {
                let q = q % questions.len();
                if !seen.contains(&q) {
                    seen.push(q);
                    list.push(json!({"question": format!("q{q}"), "leads_to": outcome(&questions[q], pick)}));
                }
            }
            let effort = ["low", "medium", "high"][usize::from(*effort) % 3];
            json!({"id": format!("a{i}"), "title": text("a"), "effort": effort,
                   "impact": "medium", "addresses": list})
        })
        .collect();
    let value = json!({
        "id": "generated", "version": "1.0.0", "title": text("g"), "themes": theme_json,
        "questions": qs, "actions": acts, "grades": [{"grade": "A", "min": 0}]
    });
    api::referential_from_value(&value)
        .unwrap_or_else(|e| panic!("generated referential is invalid: {e:?}\n{value:#}"))
}

fn answer(r: &Referential, qi: usize, pick: u8) -> Option<Answer> {
    let q = &r.questions[qi];
    let (comment, evidence) = (None, Vec::new());
    Some(match pick % 10 {
        0 => return None,
        1 => Answer::DontKnow { comment, evidence },
        2 if q.allow_not_applicable => Answer::NotApplicable {
            justification: None,
            comment,
            evidence,
        },
        3 => Answer::unanswered(),
        _ => match &q.response {
            Response::YesNo { .. } if pick % 2 == 0 => Answer::Yes { comment, evidence },
            Response::YesNo { .. } => Answer::No { comment, evidence },
            Response::SingleChoice { options } => Answer::Choice {
                options: vec![format!("o{}", usize::from(pick / 10) % options.len())],
                comment,
                evidence,
            },
            Response::MultipleChoice { options, .. } => Answer::Choice {
                options: (0..options.len())
                    .filter(|i| (pick / 10) & (1 << i) != 0)
                    .map(|i| format!("o{i}"))
                    .collect(),
                comment,
                evidence,
            },
            Response::Numeric { .. } => Answer::Number {
                value: f64::from(pick % 101),
                comment,
                evidence,
            },
        },
    })
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(prop::sample::select(vec![0.5, 1.0, 2.0, 0.3]), 1..=4),
        prop::collection::vec(question(), 1..=14),
        prop::collection::vec(
            (
                prop::collection::vec((any::<usize>(), any::<u8>()), 1..=3),
                any::<u8>(),
            ),
            1..=10,
        ),
        prop::collection::vec(any::<u8>(), 14),
        prop::sample::select(vec![1u8, 2]),
        prop::sample::select(vec![300u32, 5000]),
        prop::collection::vec(any::<usize>(), 0..=12),
    )
        .prop_map(
            |(themes, questions, actions, picks, level, population, order)| {
                let r = referential(&themes, &questions, &actions);
                let mut answers = indexmap::IndexMap::new();
                for (qi, q) in r.questions.iter().enumerate() {
                    if let Some(x) = answer(&r, qi, picks[qi]) {
                        answers.insert(q.id.clone(), x);
                    }
                }
                let a = api::assessment_from_value(
                    &json!({"referential": {"id": "generated", "version": "1.0.0"},
                            "profile": {"name": "x", "kind": "commune", "population": population},
                            "date": "2026-01-01", "level": level,
                            "answers": serde_json::to_value(&answers).unwrap()}),
                    &r,
                )
                .unwrap_or_else(|e| panic!("generated assessment is invalid: {e:?}"));
                let sequence = order
                    .iter()
                    .map(|&k| r.actions[k % r.actions.len()].id.clone())
                    .collect();
                Case { r, a, sequence }
            },
        )
}

/// The index once the actions' outcomes are applied, all of it rescored.
fn full(r: &Referential, a: &Assessment, ids: &[&str]) -> Option<f64> {
    let addresses = ids
        .iter()
        .filter_map(|id| r.action(id))
        .flat_map(|x| x.addresses.iter());
    index_of(
        r,
        a.level,
        &a.profile,
        &apply_addresses(r, &a.answers, addresses),
    )
}

fn bits(x: Option<f64>) -> Option<u64> {
    x.map(f64::to_bits)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn each_step_equals_full_rescoring(c in case()) {
        let ids: Vec<&str> = c.sequence.iter().map(String::as_str).collect();
        let steps = projected_indices(&c.r, &c.a, &ids);
        prop_assert_eq!(steps.len(), ids.len());
        for (k, step) in steps.iter().enumerate() {
            let expected = full(&c.r, &c.a, &ids[..=k]);
            prop_assert_eq!(bits(*step), bits(expected), "step {} of {:?}", k, ids);
        }
    }

    #[test]
    fn a_subset_at_once_equals_full_rescoring(c in case()) {
        let ids: Vec<&str> = c.sequence.iter().map(String::as_str).collect();
        for end in 0..=ids.len() {
            let got = projected_index(&c.r, &c.a, &ids[..end]);
            prop_assert_eq!(bits(got), bits(full(&c.r, &c.a, &ids[..end])), "{:?}", &ids[..end]);
        }
    }

    #[test]
    fn candidate_gains_equal_full_rescoring(c in case()) {
        let Candidates { index, actions, .. } = api::candidates(&c.r, &c.a).unwrap();
        let before = full(&c.r, &c.a, &[]);
        prop_assert_eq!(index, before.map(round2));
        for x in &actions {
            let after = full(&c.r, &c.a, &[x.id.as_str()]);
            prop_assert_eq!(
                x.gain.to_bits(),
                round2(after.unwrap_or(0.0) - before.unwrap_or(0.0)).to_bits(),
                "{}", x.id
            );
        }
    }
}

/// A sum's last bit depends on its order: 0.1 + 0.2 + 0.3 is not
/// 0.3 + 0.2 + 0.1 in binary. A theme whose questions weigh that much must
/// still give the full evaluation's bits once an action raises its last
/// question (an update by difference would not).
#[test]
fn order_of_a_theme_sum_is_kept() {
    let questions: Vec<QSpec> = [0.1, 0.2, 0.3, 0.7, 1e-3]
        .iter()
        .map(|&weight| QSpec {
            theme: 0,
            level: 1,
            weight,
            kind: 0,
            points: vec![0, 1],
            parent: None,
            min_population: None,
            allow_na: false,
        })
        .collect();
    let actions: Vec<(Vec<(usize, u8)>, u8)> = (0..5).map(|q| (vec![(q, 0)], 0)).collect();
    let r = referential(&[1.0, 0.3], &questions, &actions);
    let answers: serde_json::Map<String, Value> = (0..5)
        .map(|i| {
            (
                format!("q{i}"),
                json!({"kind": if i % 2 == 0 { "yes" } else { "no" }}),
            )
        })
        .collect();
    let a = api::assessment_from_value(
        &json!({"referential": {"id": "generated", "version": "1.0.0"},
                "profile": {"name": "x", "kind": "commune", "population": 10},
                "date": "2026-01-01", "level": 1, "answers": answers}),
        &r,
    )
    .unwrap();
    for ids in [
        vec!["a1"],
        vec!["a3"],
        vec!["a3", "a1"],
        vec!["a1", "a3", "a0"],
    ] {
        let steps = projected_indices(&r, &a, &ids);
        for (k, step) in steps.iter().enumerate() {
            assert_eq!(
                bits(*step),
                bits(full(&r, &a, &ids[..=k])),
                "{ids:?} step {k}"
            );
        }
        assert_eq!(
            bits(projected_index(&r, &a, &ids)),
            bits(full(&r, &a, &ids))
        );
    }
    // The figures move: the test compares something.
    assert!(projected_index(&r, &a, &["a1"]) > projected_index(&r, &a, &[]));
}
