//! Property tests of the scoring invariants on generated referentials and
//! assessments (random themes and weights, yes/no, single and multiple
//! choice, numeric bands, conditions, N/A allowed, profile ranges, actions
//! with prerequisites).
//!
//! What holds, precisely (see `core/src/engine/scoring.rs`):
//!
//! * the index, every theme and sub-theme score, completeness, conformity
//!   and the Éco-clic index stay within [0, 100];
//! * raising the points of one shown, counted answer — nothing else
//!   changed — never lowers the index, **for a question no other question
//!   depends on**: raising a condition parent can reveal a child question
//!   that is still unanswered (credit 0) and so lower the index, as
//!   [`raising_a_condition_parent_can_lower_the_index`] shows;
//! * answering N/A to a question leaves the credit and status of every
//!   question **that is not its descendant through conditions** unchanged
//!   (a child's condition needs its parent answered, so N/A hides it);
//! * adding a question that is not answered never raises the index;
//! * a proposal reaches its target whenever some allowed set of actions
//!   does, at the least effort of any such set (brute force over every
//!   subset of at most 7 actions);
//! * every document reads back into itself, and the same input gives
//!   byte-identical output.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Debug;

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use sobriete::api::ProposalRequest;
use sobriete::api::QuestionStatus;
use sobriete::api::{self, ReportInputs};
use sobriete::internals::answer_points;
use sobriete::internals::apply_addresses;
use sobriete::internals::apply_outcome;
use sobriete::model::referential::Referential;
use sobriete::model::target::Target;
use sobriete::{Answer, Assessment, Lang, ReportFormat, ScoreReport};

const CASES: u32 = 256;

// ---------------------------------------------------------------- generators

#[derive(Debug, Clone)]
enum Resp {
    YesNo {
        yes: i64,
        no: i64,
    },
    Single(Vec<i64>),
    Multiple(Vec<i64>, Option<i64>),
    /// Points of bands starting at 0, 10, 20, … on a 0–100 scale.
    Numeric(Vec<i64>),
}

impl Resp {
    fn options(&self) -> usize {
        match self {
            Resp::Single(v) | Resp::Multiple(v, _) => v.len(),
            _ => 0,
        }
    }
}

/// At least one scoring answer: a question whose max is 0 is invalid.
fn at_least_one(mut v: Vec<i64>) -> Vec<i64> {
    if let Some(last) = v.last_mut() {
        *last = (*last).max(1);
    }
    v
}

fn resp() -> impl Strategy<Value = Resp> {
    prop_oneof![
        (1i64..=3, 0i64..=1).prop_map(|(yes, no)| Resp::YesNo { yes, no }),
        prop::collection::vec(0i64..=3, 2..=4).prop_map(|v| Resp::Single(at_least_one(v))),
        (prop::collection::vec(0i64..=2, 2..=4), any::<Option<u8>>()).prop_map(|(v, cap)| {
            let v = at_least_one(v);
            let sum: i64 = v.iter().sum();
            Resp::Multiple(v, cap.map(|c| 1 + i64::from(c) % sum))
        }),
        prop::collection::vec(0i64..=3, 1..=3).prop_map(|v| Resp::Numeric(at_least_one(v))),
    ]
}

#[derive(Debug, Clone)]
struct QSpec {
    theme: usize,
    level: u8,
    weight: f64,
    resp: Resp,
    allow_na: bool,
    /// (parent pick, condition pick, numeric threshold)
    condition: Option<(usize, u8, u8)>,
    min_population: Option<u32>,
    /// Éco-clic points of "not applicable" and "don't know", when set.
    eco: Option<(Option<u32>, Option<u32>)>,
}

fn weight() -> impl Strategy<Value = f64> {
    // Mostly simple weights, sometimes any finite weight in (0, 1e6]: the
    // round-trip properties then see floats with 17 significant digits.
    prop_oneof![
        4 => prop::sample::select(vec![0.5, 1.0, 1.5, 2.0, 3.0]),
        1 => 1e-6f64..1e6,
    ]
}

fn question() -> impl Strategy<Value = QSpec> {
    (
        0usize..3,
        prop::sample::select(vec![1u8, 1, 2]),
        weight(),
        resp(),
        prop::bool::weighted(0.3),
        prop::option::weighted(0.45, (any::<usize>(), any::<u8>(), 0u8..=100)),
        prop::option::weighted(0.12, 0u32..=2000),
        prop::option::weighted(
            0.2,
            (prop::option::of(0u32..=4), prop::option::of(0u32..=2)),
        ),
    )
        .prop_map(
            |(theme, level, weight, resp, allow_na, condition, min_population, eco)| QSpec {
                theme,
                level,
                weight,
                resp,
                allow_na,
                condition,
                min_population,
                eco,
            },
        )
}

#[derive(Debug, Clone)]
struct ASpec {
    effort: &'static str,
    cost: &'static str,
    addresses: Vec<(usize, u8)>,
    requires: Option<usize>,
}

fn action() -> impl Strategy<Value = ASpec> {
    (
        prop::sample::select(vec!["low", "medium", "high"]),
        prop::sample::select(vec!["none", "low", "medium", "high"]),
        prop::collection::vec((any::<usize>(), any::<u8>()), 1..=2),
        prop::option::weighted(0.25, any::<usize>()),
    )
        .prop_map(|(effort, cost, addresses, requires)| ASpec {
            effort,
            cost,
            addresses,
            requires,
        })
}

#[derive(Debug, Clone)]
struct RSpec {
    themes: Vec<f64>,
    questions: Vec<QSpec>,
    actions: Vec<ASpec>,
}

fn referential_spec(max_actions: usize) -> impl Strategy<Value = RSpec> {
    (
        prop::collection::vec(prop::sample::select(vec![0.5, 1.0, 2.0]), 1..=3),
        prop::collection::vec(question(), 1..=8),
        prop::collection::vec(action(), 0..=max_actions),
    )
        .prop_map(|(themes, questions, actions)| RSpec {
            themes,
            questions,
            actions,
        })
}

fn text(s: &str) -> Value {
    json!({"fr": s, "en": s})
}

fn response_json(r: &Resp) -> Value {
    let options = |v: &[i64]| -> Vec<Value> {
        v.iter()
            .enumerate()
            .map(|(i, p)| json!({"id": format!("o{i}"), "label": text("o"), "points": p}))
            .collect()
    };
    match r {
        Resp::YesNo { yes, no } => json!({"kind": "yes_no", "yes_points": yes, "no_points": no}),
        Resp::Single(v) => json!({"kind": "single_choice", "options": options(v)}),
        Resp::Multiple(v, cap) => {
            let mut x = json!({"kind": "multiple_choice", "options": options(v)});
            if let Some(c) = cap {
                x["cap"] = json!(c);
            }
            x
        }
        Resp::Numeric(v) => {
            let bands: Vec<Value> = v
                .iter()
                .enumerate()
                .map(|(i, p)| json!({"from": 10 * i, "points": p}))
                .collect();
            json!({"kind": "numeric", "min": 0, "max": 100, "bands": bands})
        }
    }
}

/// The outcome an action leads to on a question (`pick` chooses it).
fn outcome_json(r: &Resp, pick: u8) -> Value {
    match r {
        Resp::YesNo { yes, no } => {
            let kind = if pick % 4 == 0 && no > yes {
                "no"
            } else {
                "yes"
            };
            json!({"kind": kind})
        }
        Resp::Single(v) => {
            json!({"kind": "choice", "options": [format!("o{}", usize::from(pick) % v.len())]})
        }
        Resp::Multiple(v, _) => {
            let picked: Vec<String> = (0..v.len())
                .filter(|i| pick & (1 << i) != 0)
                .map(|i| format!("o{i}"))
                .collect();
            let picked = if picked.is_empty() {
                vec![format!("o{}", v.len() - 1)]
            } else {
                picked
            };
            json!({"kind": "choice", "options": picked})
        }
        Resp::Numeric(_) => {
            let value = [5, 15, 25, 50, 100][usize::from(pick) % 5];
            json!({"kind": "number", "value": value})
        }
    }
}

fn referential_json(spec: &RSpec) -> Value {
    let themes: Vec<Value> = spec
        .themes
        .iter()
        .enumerate()
        .map(|(i, w)| json!({"id": format!("t{i}"), "title": text("t"), "weight": w}))
        .collect();
    let mut questions: Vec<Value> = Vec::new();
    for (i, q) in spec.questions.iter().enumerate() {
        let mut x = json!({
            "id": format!("q{i}"), "theme": format!("t{}", q.theme % spec.themes.len()),
            "level": q.level, "prompt": text("q"), "rationale": text("r"),
            "weight": q.weight, "response": response_json(&q.resp),
        });
        if q.allow_na {
            x["allow_not_applicable"] = json!(true);
        }
        if let Some(m) = q.min_population {
            x["applies_to"] = json!({"min_population": m});
        }
        if let Some((na, dk)) = q.eco {
            if let (Some(na), true) = (na, q.allow_na) {
                x["eco_clic_not_applicable"] = json!(na);
            }
            if let Some(dk) = dk {
                x["eco_clic_dont_know"] = json!(dk);
            }
        }
        // A parent comes earlier and is not of a higher level: no cycle.
        if let Some((parent, pick, threshold)) = q.condition {
            let parents: Vec<usize> = (0..i)
                .filter(|&p| spec.questions[p].level <= q.level)
                .collect();
            if !parents.is_empty() {
                let p = parents[parent % parents.len()];
                let pq = format!("q{p}");
                x["condition"] = match &spec.questions[p].resp {
                    Resp::YesNo { .. } if pick % 2 == 0 => {
                        json!({"kind": "is_yes", "question": pq})
                    }
                    Resp::YesNo { .. } => json!({"kind": "is_no", "question": pq}),
                    r @ (Resp::Single(_) | Resp::Multiple(..)) => json!({
                        "kind": "any_of", "question": pq,
                        "options": [format!("o{}", usize::from(pick) % r.options())]
                    }),
                    Resp::Numeric(_) if pick % 2 == 0 => {
                        json!({"kind": "at_least", "question": pq, "value": threshold})
                    }
                    Resp::Numeric(_) => {
                        json!({"kind": "less_than", "question": pq, "value": threshold})
                    }
                };
            }
        }
        questions.push(x);
    }
    let n = spec.questions.len();
    let mut actions: Vec<Value> = Vec::new();
    for (i, a) in spec.actions.iter().enumerate() {
        let mut addresses: Vec<Value> = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        for &(q, pick) in &a.addresses {
            let q = q % n;
            if seen.contains(&q) {
                continue;
            }
            seen.push(q);
            addresses.push(json!({
                "question": format!("q{q}"),
                "leads_to": outcome_json(&spec.questions[q].resp, pick)
            }));
        }
        let mut x = json!({
            "id": format!("a{i}"), "title": text("a"), "effort": a.effort,
            "impact": "medium", "cost": a.cost, "addresses": addresses
        });
        // A prerequisite comes earlier: no cycle.
        if let (Some(req), true) = (a.requires, i > 0) {
            x["requires"] = json!([format!("a{}", req % i)]);
        }
        actions.push(x);
    }
    json!({
        "id": "generated", "version": "1.0.0", "title": text("generated"),
        "themes": themes, "questions": questions, "actions": actions,
        "grades": [{"grade": "A", "min": 80}, {"grade": "B", "min": 50}, {"grade": "C", "min": 0}]
    })
}

fn build_referential(spec: &RSpec) -> Referential {
    let value = referential_json(spec);
    match api::referential_from_value(&value) {
        Ok(r) => r,
        Err(e) => panic!("generated referential is invalid: {e:?}\n{value:#}"),
    }
}

/// One answer, fitted to the question's kind.
#[derive(Debug, Clone, Copy)]
enum Pick {
    Omit,
    Unanswered,
    DontKnow,
    NotApplicable,
    /// Yes/no by parity, options by bit mask, a number 0–100.
    Value(u8),
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        1 => Just(Pick::Omit),
        1 => Just(Pick::Unanswered),
        1 => Just(Pick::DontKnow),
        1 => Just(Pick::NotApplicable),
        6 => any::<u8>().prop_map(Pick::Value),
    ]
}

fn answer_for(r: &Referential, qi: usize, pick: Pick) -> Option<Answer> {
    let q = &r.questions[qi];
    let (comment, evidence) = (None, Vec::new());
    let v = match pick {
        Pick::Omit => return None,
        Pick::Unanswered => return Some(Answer::unanswered()),
        Pick::DontKnow => return Some(Answer::DontKnow { comment, evidence }),
        Pick::NotApplicable if q.allow_not_applicable => {
            return Some(Answer::NotApplicable {
                justification: None,
                comment,
                evidence,
            })
        }
        Pick::NotApplicable => return Some(Answer::DontKnow { comment, evidence }),
        Pick::Value(v) => v,
    };
    let options = |single: bool, n: usize| -> Vec<String> {
        if single {
            vec![format!("o{}", usize::from(v) % n)]
        } else {
            (0..n)
                .filter(|i| v & (1 << i) != 0)
                .map(|i| format!("o{i}"))
                .collect()
        }
    };
    Some(match &q.response {
        sobriete::model::referential::Response::YesNo { .. } if v % 2 == 0 => {
            Answer::Yes { comment, evidence }
        }
        sobriete::model::referential::Response::YesNo { .. } => Answer::No { comment, evidence },
        sobriete::model::referential::Response::SingleChoice { options: o } => Answer::Choice {
            options: options(true, o.len()),
            comment,
            evidence,
        },
        sobriete::model::referential::Response::MultipleChoice { options: o, .. } => {
            Answer::Choice {
                options: options(false, o.len()),
                comment,
                evidence,
            }
        }
        sobriete::model::referential::Response::Numeric { .. } => Answer::Number {
            value: f64::from(v % 101),
            comment,
            evidence,
        },
    })
}

fn build_assessment(r: &Referential, picks: &[Pick], level: u8, population: u32) -> Assessment {
    let mut answers = indexmap::IndexMap::new();
    for (qi, q) in r.questions.iter().enumerate() {
        if let Some(a) = answer_for(r, qi, picks.get(qi).copied().unwrap_or(Pick::Omit)) {
            answers.insert(q.id.clone(), a);
        }
    }
    let a = Assessment {
        referential: sobriete::ReferentialRef {
            id: r.id.clone(),
            version: r.version.clone(),
        },
        profile: sobriete::Profile {
            name: "Commune générée".to_owned(),
            kind: sobriete::ProfileKind::Commune,
            population,
            siren: None,
            establishment: None,
            insee: None,
            departement: Some("23".to_owned()),
            region: Some("75".to_owned()),
        },
        date: "2026-03-01".to_owned(),
        level,
        answers,
        from_plan: indexmap::IndexMap::new(),
        migrations: Vec::new(),
    };
    let report = api::validate_assessment(&a, r);
    assert!(report.valid, "generated assessment is invalid: {report:?}");
    a
}

#[derive(Debug, Clone)]
struct Case {
    r: Referential,
    a: Assessment,
    spec: RSpec,
    picks: Vec<Pick>,
}

fn case_with(max_actions: usize) -> impl Strategy<Value = Case> {
    (
        referential_spec(max_actions),
        prop::collection::vec(pick(), 8),
        prop::sample::select(vec![1u8, 2]),
        prop::sample::select(vec![300u32, 1000, 5000]),
    )
        .prop_map(|(spec, picks, level, population)| {
            let r = build_referential(&spec);
            let a = build_assessment(&r, &picks, level, population);
            Case { r, a, spec, picks }
        })
}

fn case() -> impl Strategy<Value = Case> {
    case_with(6)
}

fn score(r: &Referential, a: &Assessment) -> ScoreReport {
    api::score(r, a).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Questions whose visibility depends on `qi` through conditions.
fn descendants(r: &Referential, qi: usize) -> Vec<usize> {
    let mut out = vec![qi];
    let mut grew = true;
    while grew {
        grew = false;
        for (j, q) in r.questions.iter().enumerate() {
            let parent = q
                .condition
                .as_ref()
                .and_then(|c| r.question_index(c.question()));
            if parent.is_some_and(|p| out.contains(&p)) && !out.contains(&j) {
                out.push(j);
                grew = true;
            }
        }
    }
    out.retain(|&j| j != qi);
    out
}

fn is_parent(r: &Referential, qi: usize) -> bool {
    let id = &r.questions[qi].id;
    r.questions
        .iter()
        .any(|q| q.condition.as_ref().is_some_and(|c| c.question() == id))
}

fn in_range(x: f64) -> bool {
    (0.0..=100.0).contains(&x)
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn scores_stay_within_0_and_100(c in case()) {
        let report = score(&c.r, &c.a);
        if let Some(i) = report.index {
            prop_assert!(in_range(i), "index {i}");
        }
        for t in &report.themes {
            prop_assert!(t.score.is_none_or(in_range), "theme {} {:?}", t.id, t.score);
        }
        prop_assert!(in_range(report.completeness));
        prop_assert!(in_range(report.dont_know_share));
        prop_assert!(report.conformity.rate.is_none_or(in_range));
        prop_assert!(report.eco_clic.index.is_none_or(|i| (0..=100).contains(&i)));
        for q in &report.questions {
            // Credits are published to 4 decimals: rounding may lift a
            // full credit by up to half a unit of the 4th decimal.
            prop_assert!(q.credit >= 0.0 && q.credit <= q.weight + 5e-5, "{q:?}");
        }
    }

    /// The Éco-clic figure is its formula, computed here from the generator's
    /// spec: the denominator is every answer's points of every question of
    /// the level that applies to the profile, shown or not (a constant of the
    /// questionnaire: other answers leave it as it is), the numerator the
    /// chosen answers' points of the shown questions.
    #[test]
    fn eco_clic_is_its_formula_over_a_constant_questionnaire(c in case(), other in prop::collection::vec(pick(), 8)) {
        let (level, population) = (c.a.level, c.a.profile.population);
        let mut max_points = 0i64;
        let mut na_dk: Vec<(i64, i64)> = Vec::new();
        for q in &c.spec.questions {
            let (all, max) = match &q.resp {
                Resp::YesNo { yes, no } => (yes + no, *yes.max(no)),
                Resp::Single(v) => (v.iter().sum(), *v.iter().max().unwrap()),
                Resp::Multiple(v, cap) => {
                    let sum: i64 = v.iter().sum();
                    (sum, cap.map_or(sum, |c| c.min(sum)))
                }
                Resp::Numeric(v) => (v.iter().sum(), *v.iter().max().unwrap()),
            };
            let (na, dk) = q.eco.unwrap_or((None, None));
            let na = if q.allow_na { na.map_or(max, i64::from) } else { 0 };
            let dk = dk.map_or(0, i64::from);
            na_dk.push((na, dk));
            if q.level <= level && q.min_population.is_none_or(|m| population >= m) {
                max_points += all + na + dk;
            }
        }
        let report = score(&c.r, &c.a);
        prop_assert_eq!(report.eco_clic.max_points, max_points);
        let (mut points, mut complete) = (0i64, true);
        // Questions above the level are not in the report.
        for qr in &report.questions {
            let i: usize = qr.id[1..].parse().unwrap();
            let (na, dk) = na_dk[i];
            match qr.status {
                QuestionStatus::Answered => points += qr.points.unwrap(),
                QuestionStatus::DontKnow => points += dk,
                QuestionStatus::NotApplicable => points += na,
                QuestionStatus::Unanswered => complete = false,
                QuestionStatus::Hidden | QuestionStatus::OutOfProfile => {}
            }
        }
        prop_assert_eq!(report.eco_clic.points, points);
        prop_assert_eq!(report.eco_clic.complete, complete);
        let index = (complete && max_points > 0).then(|| points * 100 / max_points);
        prop_assert_eq!(report.eco_clic.index, index);
        let b = build_assessment(&c.r, &other, level, population);
        prop_assert_eq!(score(&c.r, &b).eco_clic.max_points, max_points);
    }

    /// Raising one answer no question depends on never lowers the index.
    #[test]
    fn raising_an_answer_never_lowers_the_index(c in case(), which in any::<usize>(), better in pick()) {
        let before = score(&c.r, &c.a);
        // Shown, counted questions that are no condition's parent.
        let leaves: Vec<usize> = before
            .questions
            .iter()
            .filter(|x| matches!(x.status, QuestionStatus::Answered | QuestionStatus::DontKnow | QuestionStatus::Unanswered))
            .filter_map(|x| c.r.question_index(&x.id))
            .filter(|&qi| !is_parent(&c.r, qi))
            .collect();
        prop_assume!(!leaves.is_empty());
        let qi = leaves[which % leaves.len()];
        let q = &c.r.questions[qi];
        let Some(new) = answer_for(&c.r, qi, better) else { return Ok(()) };
        prop_assume!(!matches!(new, Answer::NotApplicable { .. }));
        let points = |a: Option<&Answer>| a.and_then(|a| answer_points(q, a)).unwrap_or(0);
        prop_assume!(points(Some(&new)) >= points(c.a.answers.get(&q.id)));
        let mut raised = c.a.clone();
        raised.answers.insert(q.id.clone(), new);
        let after = score(&c.r, &raised);
        prop_assert!(after.index >= before.index, "{:?} → {:?} raising {}", before.index, after.index, q.id);
    }

    /// N/A on one question leaves every other question's credit and status
    /// unchanged, except its descendants' (hidden once their parent is N/A).
    #[test]
    fn not_applicable_leaves_other_credits_unchanged(c in case(), which in any::<usize>()) {
        let before = score(&c.r, &c.a);
        let shown: Vec<usize> = before
            .questions
            .iter()
            .filter(|x| x.status != QuestionStatus::Hidden && x.status != QuestionStatus::OutOfProfile)
            .filter_map(|x| c.r.question_index(&x.id))
            .filter(|&qi| c.r.questions[qi].allow_not_applicable)
            .collect();
        prop_assume!(!shown.is_empty());
        let qi = shown[which % shown.len()];
        let mut na = c.a.clone();
        na.answers.insert(c.r.questions[qi].id.clone(), Answer::NotApplicable {
            justification: None, comment: None, evidence: Vec::new(),
        });
        let after = score(&c.r, &na);
        let skip = descendants(&c.r, qi);
        for (x, y) in before.questions.iter().zip(&after.questions) {
            prop_assert_eq!(&x.id, &y.id);
            let j = c.r.question_index(&x.id).unwrap();
            if j == qi {
                prop_assert_eq!(y.status, QuestionStatus::NotApplicable);
                prop_assert_eq!(y.credit, 0.0);
            } else if !skip.contains(&j) {
                prop_assert_eq!(x.credit, y.credit, "credit of {}", x.id);
                prop_assert_eq!(x.status, y.status, "status of {}", x.id);
            }
        }
    }

    /// A new question nobody answered never raises the index.
    #[test]
    fn adding_an_unanswered_question_never_raises_the_index(c in case(), extra in question()) {
        let before = score(&c.r, &c.a).index;
        let mut spec = c.spec.clone();
        // No condition: nothing to reveal or hide; nothing depends on it.
        spec.questions.push(QSpec { condition: None, ..extra });
        let r2 = build_referential(&spec);
        let mut a2 = build_assessment(&r2, &c.picks, c.a.level, c.a.profile.population);
        // Same answers as before; the new question stays unanswered.
        a2.answers.shift_remove(&format!("q{}", spec.questions.len() - 1));
        let after = score(&r2, &a2).index;
        match before {
            Some(x) => prop_assert!(after.is_some_and(|y| y <= x), "{before:?} → {after:?}"),
            // Nothing was counted: the new question, when counted, scores 0.
            None => prop_assert!(after.is_none_or(|y| y == 0.0), "{after:?}"),
        }
    }

    /// The proposal against exhaustive search over every allowed subset.
    #[test]
    fn proposals_reach_reachable_targets_at_least_effort(
        c in case_with(7),
        goal in prop::sample::select(vec![10.0, 30.0, 50.0, 70.0, 85.0, 100.0]),
        theme_goal in prop::option::weighted(0.25, (0usize..3, prop::sample::select(vec![50.0, 80.0, 100.0]))),
        max_effort in prop::option::weighted(0.3, 1u32..=6),
        exclude in prop::option::weighted(0.2, any::<usize>()),
    ) {
        prop_assume!(!c.r.actions.is_empty());
        let mut target = Target::index(goal);
        if let Some((t, g)) = theme_goal {
            target.themes.insert(c.r.themes[t % c.r.themes.len()].id.clone(), g);
        }
        let request = ProposalRequest {
            target,
            max_effort,
            exclude: exclude.map(|i| c.r.actions[i % c.r.actions.len()].id.clone()).into_iter().collect(),
            ..ProposalRequest::default()
        };
        let p = api::propose(&c.r, &c.a, &request).unwrap_or_else(|e| panic!("{e:?}"));
        prop_assert!(p.exact);
        let best = brute_force(&c.r, &c.a, &request);
        match best {
            Some(effort) => {
                prop_assert!(p.reachable, "reachable with effort {effort}: {p:#?}");
                prop_assert!(p.total_effort <= effort, "effort {} > optimum {effort}", p.total_effort);
                prop_assert_eq!(p.total_effort, effort);
            }
            None => prop_assert!(!p.reachable, "no subset reaches the target: {p:#?}"),
        }
        if p.reachable {
            prop_assert!(p.index.is_some_and(|i| p.target_index.is_none_or(|t| i >= t)));
        }
    }

    /// parse(serialize(x)) == x for every document type.
    #[test]
    fn documents_round_trip(c in case(), goal in 0.0f64..=100.0) {
        let r = &c.r;
        let a = &c.a;
        // Inputs, through the facade's readers.
        let back = api::parse_referential(&api::referential_to_json(r)).unwrap();
        prop_assert_eq!(&back, r);
        let back = api::parse_assessment(&serde_json::to_string(a).unwrap(), r).unwrap();
        prop_assert_eq!(&back, a);
        let request = ProposalRequest { target: Target::index(goal), max_effort: Some(5), ..ProposalRequest::default() };
        let value = serde_json::to_value(&request).unwrap();
        prop_assert_eq!(&api::request_from_value(&value).unwrap(), &request);
        let proposal = api::propose(r, a, &request).unwrap();
        let plan = api::plan_from_proposal(r, a, &request, &proposal, "2026-01-01");
        let back = api::parse_plan(&serde_json::to_string(&plan).unwrap(), r).unwrap();
        prop_assert_eq!(&back, &plan);
        let report = score(r, a);
        let peer = api::peer_result(r, a).unwrap();
        let mut other = peer.clone();
        other.profile.name.push_str(" voisine");
        let peers = sobriete::model::peers::PeerSet { peers: vec![peer, other] };
        let back = api::parse_peers(&serde_json::to_string(&peers).unwrap()).unwrap();
        prop_assert_eq!(&back, &peers);
        let crosswalk = crosswalk_for(r);
        let back = api::parse_crosswalk(&serde_json::to_string(&crosswalk).unwrap()).unwrap();
        prop_assert_eq!(&back, &crosswalk);
        // Outputs.
        round_trip(&report)?;
        round_trip(&proposal)?;
        round_trip(&api::candidates(r, a).unwrap())?;
        round_trip(&api::validate_assessment(a, r))?;
        round_trip(&api::plan_status(r, &plan, None, "2026-06-30").unwrap())?;
        round_trip(&api::target_gap(r, a, &request.target).unwrap())?;
        round_trip(&api::history(r, std::slice::from_ref(a)).unwrap())?;
        round_trip(&api::compare(r, a, &peers, Some(1)).unwrap())?;
        round_trip(&api::rollup(&peers, Some(3)).unwrap())?;
        round_trip(&api::score_summary(r, a).unwrap())?;
        let to = next_version(r);
        let migration = api::migrate(r, a, &crosswalk, &to).unwrap();
        round_trip(&migration)?;
        round_trip(&api::simulate_migration(r, a, &crosswalk, &to).unwrap())?;
        let back = api::parse_assessment(&serde_json::to_string(&migration.assessment).unwrap(), &to).unwrap();
        prop_assert_eq!(&back, &migration.assessment);
    }

    /// The same input gives byte-identical output, also from documents read
    /// twice (each with its own hash tables).
    #[test]
    fn outputs_are_deterministic(c in case()) {
        let r_json = api::referential_to_json(&c.r);
        let a_json = serde_json::to_string(&c.a).unwrap();
        let run = || -> Vec<String> {
            let r = api::parse_referential(&r_json).unwrap();
            let a = api::parse_assessment(&a_json, &r).unwrap();
            let report = score(&r, &a);
            let target = Target::index(70.0);
            let inputs = ReportInputs { target: Some(&target), ..ReportInputs::default() };
            let mut out = Vec::new();
            for lang in [Lang::Fr, Lang::En] {
                for format in [ReportFormat::Text, ReportFormat::Json, ReportFormat::Markdown, ReportFormat::Html] {
                    out.push(api::render_report(&report, format, lang));
                    out.push(api::full_report(&r, &a, &inputs, format, lang).unwrap());
                }
                out.push(api::answers_csv(&r, &a, lang).unwrap());
                out.push(api::themes_csv(&r, &a, lang).unwrap());
                out.push(api::radar_svg(&r, &a, Some(&target), None, lang).unwrap());
                out.push(api::referential_markdown(&r, lang));
            }
            out.push(api::score_json(&a_json, Some(&r_json)).unwrap());
            out.push(api::candidates_json(&a_json, Some(&r_json)).unwrap());
            out
        };
        let first = run();
        let second = run();
        prop_assert_eq!(first.len(), second.len());
        for (x, y) in first.iter().zip(&second) {
            prop_assert!(x == y, "outputs differ:\n{x}\n---\n{y}");
        }
    }
}

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    x: &T,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(x).unwrap();
    let back: T = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{} does not read back: {e}", std::any::type_name::<T>()));
    prop_assert_eq!(&back, x, "{}", std::any::type_name::<T>());
    Ok(())
}

/// The referential as version 2.0.0, with the last question renamed.
fn next_version(r: &Referential) -> Referential {
    let mut value = serde_json::to_value(r).unwrap();
    value["version"] = json!("2.0.0");
    let last = r.questions.len() - 1;
    let old = format!("q{last}");
    let text = serde_json::to_string(&value)
        .unwrap()
        .replace(&format!("\"{old}\""), "\"renamed\"");
    api::parse_referential(&text).unwrap()
}

/// The crosswalk from `r` to [`next_version`].
fn crosswalk_for(r: &Referential) -> sobriete::model::crosswalk::Crosswalk {
    let last = r.questions.len() - 1;
    serde_json::from_value(json!({
        "from": {"id": r.id, "version": r.version},
        "to": {"id": r.id, "version": "2.0.0"},
        "description": "Renommage",
        "mappings": [{"kind": "rename", "from": format!("q{last}"), "to": "renamed"}]
    }))
    .unwrap()
}

/// The least effort of an allowed set of actions that reaches the target,
/// by trying every subset; `None` when none does.
fn brute_force(r: &Referential, a: &Assessment, req: &ProposalRequest) -> Option<u32> {
    let n = r.actions.len();
    let raises = |i: usize| {
        r.actions[i].addresses.iter().any(|ad| {
            let q = r.question(&ad.question).unwrap();
            apply_outcome(q, a.answers.get(&q.id), &ad.leads_to).is_some()
        })
    };
    let target_index = req.target.effective_index(r);
    let mut best: Option<u32> = None;
    for mask in 0u32..(1 << n) {
        let chosen: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
        if chosen
            .iter()
            .any(|&i| req.exclude.contains(&r.actions[i].id))
        {
            continue;
        }
        // A prerequisite that raises nothing is already in place.
        let prerequisites = chosen.iter().all(|&i| {
            r.actions[i].requires.iter().all(|id| {
                let j = r.actions.iter().position(|x| &x.id == id).unwrap();
                !raises(j) || chosen.contains(&j)
            })
        });
        if !prerequisites {
            continue;
        }
        let effort: u32 = chosen.iter().map(|&i| r.actions[i].effort.points()).sum();
        if req.max_effort.is_some_and(|m| effort > m) || best.is_some_and(|b| effort >= b) {
            continue;
        }
        let mut b = a.clone();
        b.answers = apply_addresses(
            r,
            &a.answers,
            chosen.iter().flat_map(|&i| r.actions[i].addresses.iter()),
        );
        let s = sobriete::internals::summary(r, &b);
        let Some(index) = s.index else { continue };
        let themes = req.target.themes.iter().all(|(t, goal)| {
            s.themes
                .iter()
                .find(|x| &x.id == t)
                .and_then(|x| x.score)
                .is_some_and(|v| v >= *goal)
        });
        if themes && target_index.is_none_or(|t| index >= t) {
            best = Some(effort);
        }
    }
    best
}

/// The counter-example that restricts the monotonicity property to
/// questions no other question depends on: answering "yes" to a parent
/// reveals its unanswered child, which counts 0 and lowers the index.
#[test]
fn raising_a_condition_parent_can_lower_the_index() {
    let r = api::referential_from_value(&json!({
        "id": "parent", "version": "1.0.0", "title": text("p"),
        "themes": [{"id": "t", "title": text("t")}],
        "questions": [
            {"id": "has_dc", "theme": "t", "level": 1, "prompt": text("q"), "rationale": text("r"),
             "response": {"kind": "yes_no", "yes_points": 1, "no_points": 1}},
            {"id": "dc_pue", "theme": "t", "level": 1, "prompt": text("q"), "rationale": text("r"),
             "weight": 3, "response": {"kind": "yes_no"},
             "condition": {"kind": "is_yes", "question": "has_dc"}}
        ]
    }))
    .unwrap();
    let assessment = |answer: &str| {
        api::assessment_from_value(
            &json!({
                "referential": {"id": "parent", "version": "1.0.0"},
                "profile": {"name": "c", "kind": "commune", "population": 100},
                "date": "2026-01-01", "level": 1,
                "answers": {"has_dc": {"kind": answer}}
            }),
            &r,
        )
        .unwrap()
    };
    let no = score(&r, &assessment("no"));
    let yes = score(&r, &assessment("yes"));
    // Same points on the parent; the revealed child (weight 3) scores 0.
    assert_eq!(no.index, Some(100.0));
    assert_eq!(yes.index, Some(25.0));
}
