//! Plan proposals on a fixed set of cases, to compare builds and to
//! measure the largest ones:
//!
//! ```text
//! cargo run --release --example plan_cases -p sobriete -- dump > proposals.jsonl
//! cargo run --release --example plan_cases -p sobriete -- scale 2000 99
//! ```
//!
//! `dump` prints one JSON line per case (the three examples and generated
//! referentials at several targets, with and without effort and budget
//! limits, and the candidate actions and score report of each example):
//! two builds that give the same proposals print the same bytes. `scale N
//! TARGET [MAX_BUDGET]` proposes a plan on `N` independent yes/no actions
//! in 20 themes (run it under `/usr/bin/time -v` for the peak memory).

// The generator shared with the criterion benches indexes and unwraps.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::time::Instant;

use sobriete::api::ProposalRequest;
use sobriete::internals::propose;
use sobriete::model::target::Target;

// Brings `api`, `json` and `Value` into scope, `generated` and `yes_no_scale`.
include!("../benches/support/gen.rs");

fn print(case: &str, value: &impl serde::Serialize) {
    println!(
        "{}",
        json!({"case": case, "output": serde_json::to_value(value).unwrap()})
    );
}

/// A proposal, or its error as text.
fn plan(
    r: &sobriete::Referential,
    a: &sobriete::Assessment,
    req: &ProposalRequest,
) -> Result<sobriete::api::Proposal, String> {
    propose(r, a, req).map_err(|e| e.to_string())
}

fn requests(targets: &[f64], effort: u32, budget: u32) -> Vec<(String, ProposalRequest)> {
    let mut out = Vec::new();
    for &t in targets {
        for (label, max_effort, max_budget) in [
            ("", None, None),
            (" max_effort", Some(effort), None),
            (" max_budget", None, Some(budget)),
            (" both", Some(effort), Some(budget)),
        ] {
            out.push((
                format!("target {t}{label}"),
                ProposalRequest {
                    target: Target::index(t),
                    max_effort,
                    max_budget,
                    ..ProposalRequest::default()
                },
            ));
        }
    }
    out
}

/// Builds a referential and its assessment.
type Make = fn() -> (sobriete::Referential, sobriete::Assessment);

fn dump() {
    let r = api::default_referential().unwrap();
    for name in [
        "commune-rurale-niveau1.json",
        "agglomeration-niveau2.json",
        "departement-niveau2.json",
    ] {
        let text =
            std::fs::read_to_string(format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        let a = api::parse_assessment(&text, r).unwrap();
        print(&format!("{name} score"), &api::score(r, &a).unwrap());
        print(
            &format!("{name} candidates"),
            &api::candidates(r, &a).unwrap(),
        );
        for (label, req) in requests(&[50.0, 70.0, 90.0, 100.0], 10, 60_000) {
            print(&format!("{name} {label}"), &plan(r, &a, &req));
        }
        let mut themed = ProposalRequest {
            target: Target::index(60.0),
            ..ProposalRequest::default()
        };
        themed.target.themes = r
            .themes
            .iter()
            .take(2)
            .map(|t| (t.id.clone(), 80.0))
            .collect();
        print(&format!("{name} theme targets"), &plan(r, &a, &themed));
    }
    let cases: [(&str, Make); 5] = [
        ("generated 100", || generated(100, false)),
        ("generated 300", || generated(300, false)),
        ("tangled 100", || generated(100, true)),
        ("yes/no 100", || yes_no_scale(100)),
        ("yes/no 300", || yes_no_scale(300)),
    ];
    for (label, make) in &cases {
        let (g, a) = make();
        print(
            &format!("{label} candidates"),
            &api::candidates(&g, &a).unwrap(),
        );
        for (what, req) in requests(&[20.0, 40.0, 60.0, 80.0, 95.0, 100.0], 30, 100_000) {
            print(&format!("{label} {what}"), &plan(&g, &a, &req));
        }
        let mut themed = ProposalRequest {
            target: Target::index(30.0),
            ..ProposalRequest::default()
        };
        themed.target.themes = BTreeMap::from([("t1".to_owned(), 70.0), ("t3".to_owned(), 50.0)])
            .into_iter()
            .collect();
        print(&format!("{label} theme targets"), &plan(&g, &a, &themed));
    }
}

fn scale(n: usize, target: f64, max_budget: Option<u32>) {
    let (g, a) = yes_no_scale(n);
    let req = ProposalRequest {
        target: Target::index(target),
        max_budget,
        ..ProposalRequest::default()
    };
    let t = Instant::now();
    let p = propose(&g, &a, &req).unwrap();
    println!(
        "{n} actions, target {target}: {:.3} s, reachable {}, exact {}, effort {}, {} actions, index {:?}",
        t.elapsed().as_secs_f64(),
        p.reachable,
        p.exact,
        p.total_effort,
        p.schedule.len(),
        p.index
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["dump"] => dump(),
        ["scale", n, target] => scale(n.parse().unwrap(), target.parse().unwrap(), None),
        ["scale", n, target, budget] => scale(
            n.parse().unwrap(),
            target.parse().unwrap(),
            Some(budget.parse().unwrap()),
        ),
        _ => eprintln!("usage: plan_cases dump | plan_cases scale N TARGET [MAX_BUDGET]"),
    }
}
