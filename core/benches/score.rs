//! Scoring one level-2 assessment of the default referential (the full
//! report and the index only, parsed or from JSON text) and a batch of
//! JSON texts through the fast path. Run with
//! `cargo bench -p sobriete --bench score`; `bash scripts/bench.sh` prints
//! the same figures side by side with the other languages.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

use sobriete::api;

fn example_text(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn bench(c: &mut Criterion) {
    let r = api::default_referential().unwrap();
    let text = example_text("agglomeration-niveau2.json");
    let a = api::parse_assessment(&text, r).unwrap();

    let mut one = c.benchmark_group("one level-2 assessment");
    one.bench_function("full report (parsed)", |b| {
        b.iter(|| api::score(r, &a).unwrap())
    });
    one.bench_function("index only (parsed)", |b| {
        b.iter(|| api::score_summary(r, &a).unwrap())
    });
    one.bench_function("index only (JSON text, fast path)", |b| {
        b.iter(|| api::score_summary_json(r, &text).unwrap())
    });
    one.finish();

    // The batch: the example with its comments dropped (batch items are
    // usually short) and each copy's first answers removed, so that the
    // items differ.
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for answer in doc["answers"].as_object_mut().unwrap().values_mut() {
        answer.as_object_mut().unwrap().remove("comment");
    }
    let ids: Vec<String> = doc["answers"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let texts: Vec<String> = (0..2_000)
        .map(|i| {
            let mut d = doc.clone();
            for id in ids.iter().take(i % ids.len()) {
                d["answers"].as_object_mut().unwrap().remove(id);
            }
            d.to_string()
        })
        .collect();
    let mut batch = c.benchmark_group("batch");
    batch.throughput(Throughput::Elements(texts.len() as u64));
    batch.sample_size(20);
    batch.bench_function("score_summaries, 2,000 JSON texts", |b| {
        b.iter_batched(
            || (),
            |()| {
                let out = api::score_summaries(r, &texts).unwrap();
                assert!(out.iter().all(Result::is_ok));
                out
            },
            BatchSize::PerIteration,
        )
    });
    batch.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
