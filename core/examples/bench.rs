//! Native benchmark rows for BENCHMARKS.md (Markdown table rows on
//! standard output; `scripts/bench.sh` runs it with the other languages):
//!
//! ```text
//! cargo run --release --example bench -p sobriete -- assessments.jsonl [--batch-only]
//! ```
//!
//! Each figure is the median of several runs. Set `SOBRIETE_THREADS=1`
//! for one core: the batch API uses every core the process may use.

// The generator shared with the criterion benches indexes and unwraps.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::time::Instant;

use sobriete::api::ProposalRequest;
use sobriete::internals::propose;
use sobriete::model::target::Target;

// Brings `api`, `json` and `Value` into scope, and `generated`.
include!("../benches/support/gen.rs");

/// Median seconds of `runs` runs of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

fn human(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.3} s")
    } else if seconds >= 1e-3 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{:.1} µs", seconds * 1e6)
    }
}

fn row(what: &str, n: usize, seconds: f64, baseline: &str) {
    let per = seconds / n.max(1) as f64;
    println!(
        "| Rust | {what} | {n} | {} | {} | {baseline} |",
        human(seconds),
        human(per)
    );
}

/// Peak resident memory of this process so far (kB), from /proc.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .ok_or("usage: bench FILE.jsonl [--batch-only]")?;
    let batch_only = args.iter().any(|a| a == "--batch-only");
    let r = api::default_referential()?;
    let text = std::fs::read_to_string(path)?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let n = lines.len();
    let cores = api::batch_threads();

    // The batch: every line's summary (index, grade, themes, completeness…).
    let mut ok = 0;
    let t = median(3, || {
        let results = api::score_summaries(r, &lines).unwrap_or_default();
        ok = results.iter().filter(|x| x.is_ok()).count();
    });
    let peak = peak_kb().map_or("?".to_owned(), |kb| format!("{:.0} MB", kb as f64 / 1024.0));
    row(
        &format!("batch `api::score_summaries`, JSON text, {cores} core(s), {ok} scored, peak memory {peak} (input text in memory)"),
        n,
        t,
        "",
    );
    if batch_only {
        return Ok(());
    }

    // One level-2 assessment: full report, and the index alone.
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/agglomeration-niveau2.json"
    ))?;
    let a = api::parse_assessment(&example, r)?;
    let reps = 200;
    let full = median(5, || {
        for _ in 0..reps {
            let _ = api::score(r, &a);
        }
    }) / reps as f64;
    let parse_and_full = median(5, || {
        for _ in 0..reps {
            let _ = api::score_json(&example, None);
        }
    }) / reps as f64;
    let summary = median(5, || {
        for _ in 0..reps {
            let _ = api::score_summary(r, &a);
        }
    }) / reps as f64;
    let summary_text = median(5, || {
        for _ in 0..reps {
            let _ = api::score_summaries(r, &[example.as_str()]);
        }
    }) / reps as f64;
    row(
        "one level-2 assessment: full report (`api::score`, parsed)",
        1,
        full,
        "",
    );
    row(
        "one level-2 assessment: full report from JSON text to JSON text (`api::score_json`)",
        1,
        parse_and_full,
        "",
    );
    row(
        "one level-2 assessment: index only (`api::score_summary`, parsed)",
        1,
        summary,
        &format!("{:.0}× faster than the full report", full / summary),
    );
    // Sizes in the label: the example's comments make it larger than a batch item.
    let comments = a.answers.values().filter(|x| x.comment().is_some()).count();
    let item_kb = lines.iter().map(|l| l.len()).sum::<usize>() as f64 / n.max(1) as f64 / 1024.0;
    row(
        &format!(
            "one level-2 assessment: index only from JSON text (`api::score_summaries`; this example is {:.1} KB with {comments} comments, the batch items {item_kb:.1} KB)",
            example.len() as f64 / 1024.0
        ),
        1,
        summary_text,
        "",
    );

    // Peer comparison over every line's result.
    let peers: Vec<sobriete::model::peers::PeerResult> = lines
        .iter()
        .filter_map(|l| api::parse_assessment(l, r).ok())
        .filter_map(|a| api::peer_result(r, &a).ok())
        .collect();
    let set = sobriete::model::peers::PeerSet { peers };
    let np = set.peers.len();
    let t = median(5, || {
        let _ = api::compare(r, &a, &set, None);
    });
    row(
        &format!("peer comparison (`api::compare`) over {np} peers"),
        np,
        t,
        "",
    );

    // Optimal plan proposals.
    for (name, target) in [
        ("commune-rurale-niveau1.json", 70.0),
        ("agglomeration-niveau2.json", 90.0),
    ] {
        let text =
            std::fs::read_to_string(format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR")))?;
        let a = api::parse_assessment(&text, r)?;
        let req = ProposalRequest {
            target: Target::index(target),
            ..ProposalRequest::default()
        };
        let t = median(5, || {
            let _ = propose(r, &a, &req);
        });
        row(
            &format!(
                "optimal plan, default referential ({} actions), `{name}`, target {target}",
                r.actions.len()
            ),
            1,
            t,
            "",
        );
    }
    let (g, a) = generated(500, false);
    let req = ProposalRequest {
        target: Target::index(30.0),
        ..ProposalRequest::default()
    };
    let mut exact = false;
    let t = median(3, || {
        exact = propose(&g, &a, &req).map(|p| p.exact).unwrap_or(false);
    });
    row(
        &format!("optimal plan, generated referential of 500 actions, target 30 (exact: {exact})"),
        1,
        t,
        "",
    );
    Ok(())
}
