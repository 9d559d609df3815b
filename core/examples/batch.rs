//! Scores a file of assessments (one JSON document per line) with the
//! batch API and prints the time taken: `cargo run --release --example
//! batch -p sobriete -- assessments.jsonl`.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: batch FILE.jsonl")?;
    let text = std::fs::read_to_string(&path)?;
    let values: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let r = sobriete::api::default_referential()?;
    let start = Instant::now();
    let results = sobriete::api::score_summaries(r, &values)?;
    let elapsed = start.elapsed();
    let ok = results.iter().filter(|x| x.is_ok()).count();
    println!(
        "{} assessments ({ok} scored) in {:.3} s: {:.1} µs each",
        values.len(),
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / values.len().max(1) as f64
    );
    Ok(())
}
