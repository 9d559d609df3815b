//! Helpers shared by the fuzz targets.
//!
//! Targets that take several documents read them from one input split on
//! NUL bytes: JSON text never contains a raw NUL (it must be escaped inside
//! strings), so the separator takes nothing away from what each document
//! can be. `fuzz/seeds.py` writes the seed corpora in that shape.
//!
//! A panic in a target is a finding. Besides the library's own panics,
//! targets assert a few invariants that must hold for every valid input
//! (scores within [0, 100], lossless round trips): a failure there is a
//! silently wrong number, which the fuzzer reports like a crash.

use sobriete::api;
use sobriete::api::ScoreReport;
use sobriete::{Assessment, Lang, Referential, ReportFormat};

/// Both report languages.
pub const LANGS: [Lang; 2] = [Lang::Fr, Lang::En];

/// Every report format.
pub const FORMATS: [ReportFormat; 4] = [
    ReportFormat::Text,
    ReportFormat::Json,
    ReportFormat::Markdown,
    ReportFormat::Html,
];

/// The documents of an input: NUL-separated, each read as UTF-8 (invalid
/// sequences replaced: bindings only ever pass valid strings).
pub fn documents(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == 0)
        .map(|part| String::from_utf8_lossy(part).into_owned())
        .collect()
}

/// The `n`th document when present and not blank.
pub fn nth(docs: &[String], n: usize) -> Option<&str> {
    docs.get(n)
        .map(String::as_str)
        .filter(|d| !d.trim().is_empty())
}

/// The referential given as document `n`, else the default one; `None`
/// when a given referential is invalid (nothing more to exercise).
pub fn referential_or_default(docs: &[String], n: usize) -> Option<Referential> {
    match nth(docs, n) {
        Some(json) => api::parse_referential(json).ok(),
        None => api::default_referential().ok().cloned(),
    }
}

fn in_range(x: f64) -> bool {
    (0.0..=100.0).contains(&x)
}

/// Asserts what every score report must satisfy.
pub fn check_report(report: &ScoreReport) {
    if let Some(index) = report.index {
        assert!(in_range(index), "index {index} out of [0, 100]");
    }
    for t in &report.themes {
        if let Some(s) = t.score {
            assert!(in_range(s), "theme {} score {s} out of [0, 100]", t.id);
        }
        for st in &t.sub_themes {
            if let Some(s) = st.score {
                assert!(in_range(s), "sub-theme {} score {s} out of [0, 100]", st.id);
            }
        }
    }
    assert!(in_range(report.completeness), "completeness");
    assert!(in_range(report.dont_know_share), "dont_know_share");
    if let Some(i) = report.eco_clic.index {
        assert!((0..=100).contains(&i), "Éco-clic index {i}");
    }
    if let Some(rate) = report.conformity.rate {
        assert!(in_range(rate), "conformity rate {rate}");
    }
    for q in &report.questions {
        assert!(
            q.credit.is_finite() && q.credit >= 0.0,
            "credit of {}",
            q.id
        );
        assert!(q.credit <= q.weight + 1e-9, "credit above weight: {}", q.id);
    }
}

/// Renders a score report in every format and language; the JSON form
/// must read back into the same report.
pub fn render_all(report: &ScoreReport) {
    for lang in LANGS {
        for format in FORMATS {
            let out = api::render_report(report, format, lang);
            assert!(!out.is_empty(), "empty {format:?} report");
        }
    }
    let json = api::render_report(report, ReportFormat::Json, Lang::En);
    let back: ScoreReport = match serde_json::from_str(&json) {
        Ok(r) => r,
        Err(e) => panic!("score report JSON does not read back: {e}"),
    };
    assert_eq!(&back, report, "score report JSON round trip");
}

/// Scores an assessment (already valid against `r`) and exercises every
/// output built from the report: formats, CSV, the REEN annual review, the
/// radar chart. Scoring the default referential re-scores once per action
/// (recommended actions): outputs reuse one report to keep executions fast.
pub fn exercise_assessment(r: &Referential, a: &Assessment) {
    let Ok(report) = api::score(r, a) else {
        return;
    };
    check_report(&report);
    render_all(&report);
    for lang in LANGS {
        let _ = sobriete::internals::csv::answers_csv(r, a, &report, lang);
        let _ = sobriete::internals::csv::themes_csv(&report, lang);
        let _ = sobriete::internals::annual_review(r, &report, None, None, 2026, lang);
    }
    let _ = api::radar_svg(r, a, None, None, Lang::Fr);
    let summary = api::score_summary(r, a).ok();
    assert_eq!(
        summary.and_then(|s| s.index),
        report.index,
        "summary and report disagree"
    );
    // The assessment reads back into itself.
    let json = serde_json::to_string(a).unwrap_or_default();
    match api::parse_assessment(&json, r) {
        Ok(back) => assert_eq!(&back, a, "assessment round trip"),
        Err(e) => panic!("a valid assessment does not read back: {e:?}"),
    }
}

/// Exercises a valid referential: Markdown, JSON round trip, templates of
/// both levels scored and rendered.
pub fn exercise_referential(r: &Referential) {
    for lang in LANGS {
        let _ = api::referential_markdown(r, lang);
    }
    let json = api::referential_to_json(r);
    match api::parse_referential(&json) {
        Ok(back) => assert_eq!(&back, r, "referential round trip"),
        Err(e) => panic!("a valid referential does not read back: {e:?}"),
    }
    for level in [1, 2] {
        if let Ok(t) = api::template(r, level, None, Some("2026-01-15")) {
            if let Ok(report) = api::score(r, &t) {
                check_report(&report);
                render_all(&report);
            }
        }
    }
}
