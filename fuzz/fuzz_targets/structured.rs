//! Structured assessments of the default referential, built with
//! `arbitrary` so that most are valid: every question gets an answer that
//! fits its kind (best, worst, some options, a number, don't know, N/A,
//! unanswered), with the odd wrong kind. Valid ones are scored and checked
//! (scores in range; raising one answer that no question depends on never
//! lowers the index), rendered, and given a proposal checked against the
//! request's limits.
#![no_main]

use arbitrary::Arbitrary;
use indexmap::IndexMap;
use libfuzzer_sys::fuzz_target;
use sobriete::api::ProposalRequest;
use sobriete::internals as scoring;
use sobriete::model::referential::{Question, Response};
use sobriete::model::target::Target;
use sobriete::{api, Answer, Assessment, Profile, ProfileKind, ReferentialRef};

#[derive(Arbitrary, Debug)]
enum Pick {
    Best,
    Worst,
    Options(Vec<u8>),
    Number(i32),
    Float(f64),
    DontKnow,
    NotApplicable(bool),
    Unanswered,
    Omit,
    WrongKind,
}

#[derive(Arbitrary, Debug)]
struct Input {
    level2: bool,
    kind: u8,
    population: u32,
    answers: Vec<Pick>,
    improve: u16,
    target: u8,
    theme_target: Option<(u8, u8)>,
    grade: Option<u8>,
    max_effort: Option<u8>,
    max_budget: Option<u32>,
    exclude: Vec<u8>,
    require: Vec<u8>,
    comment: Option<String>,
}

fn bare_choice(options: Vec<String>) -> Answer {
    Answer::Choice {
        options,
        comment: None,
        evidence: Vec::new(),
    }
}

fn number(value: f64) -> Answer {
    Answer::Number {
        value,
        comment: None,
        evidence: Vec::new(),
    }
}

/// The answer with the most points.
fn best(q: &Question) -> Answer {
    match &q.response {
        Response::YesNo {
            yes_points,
            no_points,
        } if no_points > yes_points => Answer::No {
            comment: None,
            evidence: Vec::new(),
        },
        Response::YesNo { .. } => Answer::Yes {
            comment: None,
            evidence: Vec::new(),
        },
        Response::SingleChoice { options } => bare_choice(
            options
                .iter()
                .max_by_key(|o| o.points)
                .map(|o| vec![o.id.clone()])
                .unwrap_or_default(),
        ),
        Response::MultipleChoice { options, .. } => {
            bare_choice(options.iter().map(|o| o.id.clone()).collect())
        }
        Response::Numeric { bands, max, .. } => {
            let top = bands
                .iter()
                .max_by_key(|b| b.points)
                .map_or(0.0, |b| b.from);
            number(max.map_or(top, |m| top.min(m)))
        }
    }
}

fn answer_for(q: &Question, pick: &Pick) -> Option<Answer> {
    let (comment, evidence) = (None, Vec::new());
    Some(match (pick, &q.response) {
        (Pick::Omit, _) => return None,
        (Pick::Best, _) => best(q),
        (Pick::Worst, Response::YesNo { .. }) => Answer::No { comment, evidence },
        (Pick::Worst, Response::SingleChoice { options }) => bare_choice(
            options
                .iter()
                .min_by_key(|o| o.points)
                .map(|o| vec![o.id.clone()])
                .unwrap_or_default(),
        ),
        (Pick::Worst, Response::MultipleChoice { .. }) => bare_choice(Vec::new()),
        (Pick::Worst, Response::Numeric { min, .. }) => number(min.unwrap_or(0.0)),
        (Pick::Options(picks), Response::SingleChoice { options }) => bare_choice(
            picks
                .first()
                .and_then(|&i| options.get(usize::from(i) % options.len().max(1)))
                .map(|o| vec![o.id.clone()])
                .unwrap_or_default(),
        ),
        (Pick::Options(picks), Response::MultipleChoice { options, .. }) => bare_choice(
            picks
                .iter()
                .filter_map(|&i| options.get(usize::from(i) % options.len().max(1)))
                .map(|o| o.id.clone())
                .collect(),
        ),
        (Pick::Options(picks), Response::YesNo { .. }) => {
            if picks.len() % 2 == 0 {
                Answer::Yes { comment, evidence }
            } else {
                Answer::No { comment, evidence }
            }
        }
        (Pick::Number(v), Response::Numeric { .. }) => number(f64::from(*v)),
        (Pick::Float(v), Response::Numeric { .. }) => number(*v),
        (Pick::Number(_) | Pick::Float(_) | Pick::Options(_), _) => best(q),
        (Pick::DontKnow, _) => Answer::DontKnow { comment, evidence },
        (Pick::NotApplicable(justified), _) => Answer::NotApplicable {
            justification: justified.then(|| "non concerné".to_owned()),
            comment,
            evidence,
        },
        (Pick::Unanswered, _) => Answer::unanswered(),
        (Pick::WrongKind, Response::Numeric { .. }) => Answer::Yes { comment, evidence },
        (Pick::WrongKind, _) => number(1.0),
    })
}

fuzz_target!(|input: Input| {
    let Ok(r) = api::default_referential() else {
        return;
    };
    let mut answers: IndexMap<String, Answer> = IndexMap::new();
    for (i, q) in r.questions.iter().enumerate() {
        if let Some(mut a) = input.answers.get(i).and_then(|p| answer_for(q, p)) {
            if i == 0 {
                a.set_comment(input.comment.clone());
            }
            answers.insert(q.id.clone(), a);
        }
    }
    let kind = ProfileKind::ALL
        .get(usize::from(input.kind) % ProfileKind::ALL.len())
        .copied()
        .unwrap_or(ProfileKind::Commune);
    let a = Assessment {
        referential: ReferentialRef {
            id: r.id.clone(),
            version: r.version.clone(),
        },
        profile: Profile {
            name: "Fuzz".to_owned(),
            kind,
            population: input.population,
            siren: None,
            establishment: None,
            insee: None,
            departement: None,
            region: None,
        },
        date: "2026-03-01".to_owned(),
        level: if input.level2 { 2 } else { 1 },
        answers,
        from_plan: IndexMap::new(),
        migrations: Vec::new(),
    };
    if !api::validate_assessment(&a, r).valid {
        return;
    }
    sobriete_fuzz::exercise_assessment(r, &a);
    let Ok(report) = api::score(r, &a) else {
        return;
    };

    // Raising one shown answer that no other question depends on to its best
    // never lowers the index (see core/tests/properties.rs for why parents
    // are left out).
    let count = r.questions.len().max(1);
    if let Some(q) = r.questions.get(usize::from(input.improve) % count) {
        let is_parent = r
            .questions
            .iter()
            .any(|x| x.condition.as_ref().is_some_and(|c| c.question() == q.id));
        let not_applicable = matches!(a.answers.get(&q.id), Some(Answer::NotApplicable { .. }));
        if !is_parent && !not_applicable {
            let mut better = a.clone();
            better.answers.insert(q.id.clone(), best(q));
            let before = scoring::index_of(r, a.level, &a.profile, &a.answers);
            let after = scoring::index_of(r, better.level, &better.profile, &better.answers);
            if let (Some(x), Some(y)) = (before, after) {
                assert!(
                    y + 1e-9 >= x,
                    "raising {} lowered the index {x} → {y}",
                    q.id
                );
            }
        }
    }

    // A proposal within the request's limits.
    let mut target = Target::index(f64::from(input.target % 101));
    if let Some((t, goal)) = input.theme_target {
        if let Some(theme) = r.themes.get(usize::from(t) % r.themes.len().max(1)) {
            target
                .themes
                .insert(theme.id.clone(), f64::from(goal % 101));
        }
    }
    if let Some(g) = input.grade {
        target.grade = r
            .grades
            .get(usize::from(g) % r.grades.len().max(1))
            .map(|b| b.grade.clone());
    }
    let action_id = |i: &u8| {
        r.actions
            .get(usize::from(*i) % r.actions.len().max(1))
            .map(|x| x.id.clone())
    };
    let request = ProposalRequest {
        target,
        max_effort: input.max_effort.map(u32::from),
        max_budget: input.max_budget,
        exclude: input.exclude.iter().take(4).filter_map(action_id).collect(),
        require: input.require.iter().take(2).filter_map(action_id).collect(),
    };
    if let Ok(p) = api::propose(r, &a, &request) {
        if p.reachable {
            if let (Some(goal), Some(index)) = (p.target_index, p.index) {
                assert!(index + 1e-9 >= goal, "reachable plan below its target");
            }
        }
        if let Some(m) = request.max_effort {
            assert!(p.total_effort <= m, "plan over max_effort");
        }
        if let Some(m) = request.max_budget {
            assert!(p.total_budget <= m, "plan over max_budget");
        }
        assert!(
            p.baseline_index == report.index,
            "proposal baseline {:?} ≠ report index {:?}",
            p.baseline_index,
            report.index
        );
        let plan = api::plan_from_proposal(r, &a, &request, &p, "2026-03-01");
        if let Err(e) = api::plan_status(r, &plan, None, "2026-12-31") {
            panic!("follow-up of a proposed plan fails: {e:?}");
        }
    }
});
