//! Optimal plan proposal: the default referential, a generated referential
//! of 500 actions, and the largest shape the limits allow (2,000 yes/no
//! questions in 20 themes, one action each, every answer "no") at targets
//! 10, 50 and 99, with and without a budget limit. Run with
//! `cargo bench -p sobriete --bench plan`.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{criterion_group, criterion_main, Criterion};

use sobriete::api::ProposalRequest;
use sobriete::internals::propose;
use sobriete::model::target::Target;

fn example(name: &str) -> sobriete::Assessment {
    let r = api::default_referential().unwrap();
    let text =
        std::fs::read_to_string(format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    api::parse_assessment(&text, r).unwrap()
}

include!("support/gen.rs");

fn bench(c: &mut Criterion) {
    let r = api::default_referential().unwrap();
    for (name, target) in [
        ("commune-rurale-niveau1.json", 70.0),
        ("agglomeration-niveau2.json", 90.0),
    ] {
        let a = example(name);
        let req = ProposalRequest {
            target: Target::index(target),
            ..ProposalRequest::default()
        };
        c.bench_function(&format!("propose default {name} target {target}"), |b| {
            b.iter(|| propose(r, &a, &req).unwrap())
        });
    }
    for (label, tangled, target) in [
        ("500 actions", false, 30.0),
        ("500 actions", false, 60.0),
        ("500 tangled actions", true, 30.0),
    ] {
        let (g, a) = generated(500, tangled);
        let req = ProposalRequest {
            target: Target::index(target),
            ..ProposalRequest::default()
        };
        let p = propose(&g, &a, &req).unwrap();
        eprintln!(
            "generated {label}, target {target}: reachable {}, exact {}, effort {}, {} actions",
            p.reachable,
            p.exact,
            p.total_effort,
            p.schedule.len()
        );
        let mut group = c.benchmark_group("generated");
        group.sample_size(10);
        group.bench_function(format!("propose {label} target {target}"), |b| {
            b.iter(|| propose(&g, &a, &req).unwrap())
        });
        group.finish();
    }
    let (g, a) = yes_no_scale(2_000);
    for (target, max_budget) in [
        (10.0, None),
        (50.0, None),
        (99.0, None),
        (50.0, Some(50_000_000)),
    ] {
        let req = ProposalRequest {
            target: Target::index(target),
            max_budget,
            ..ProposalRequest::default()
        };
        let p = propose(&g, &a, &req).unwrap();
        let limit = max_budget.map_or(String::new(), |b| format!(", max budget {b}"));
        eprintln!(
            "2,000 yes/no actions, target {target}{limit}: reachable {}, exact {}, effort {}, {} actions",
            p.reachable,
            p.exact,
            p.total_effort,
            p.schedule.len()
        );
        let mut group = c.benchmark_group("2,000 actions");
        group.sample_size(10);
        group.bench_function(format!("propose target {target}{limit}"), |b| {
            b.iter(|| propose(&g, &a, &req).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
