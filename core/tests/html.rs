//! The HTML report and its SVG charts, parsed with a real HTML5 parser:
//! structure, figures, no external resource, no script, escaping of hostile
//! text from a referential or a user.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use scraper::{Html, Selector};
use serde_json::{json, Value};
use sobriete::api::html_report;
use sobriete::api::HtmlOptions;
use sobriete::api::ProgressPoint;
use sobriete::api::ProposalRequest;
use sobriete::api::RadarSeries;
use sobriete::model::target::Target;
use sobriete::{api, Assessment, Lang, Referential, ScoreReport};

const EXAMPLE: &str = include_str!("../../examples/agglomeration-niveau2.json");

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// The example, and an earlier version of it (a year before, with the first
/// ten answers missing).
fn example(r: &Referential) -> (Assessment, Assessment) {
    let now = api::parse_assessment(EXAMPLE, r).unwrap();
    let mut before: Value = serde_json::from_str(EXAMPLE).unwrap();
    before["date"] = json!("2025-02-17");
    let answers = before["answers"].as_object_mut().unwrap();
    let first: Vec<String> = answers.keys().take(10).cloned().collect();
    for k in first {
        answers.remove(&k);
    }
    let before = api::assessment_from_value(&before, r).unwrap();
    (before, now)
}

/// Parses `html` and checks what every report must have.
fn check_document(html: &str) -> Html {
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    let doc = Html::parse_document(html);
    // html5ever reports any syntax error it recovers from.
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    for s in [
        "html",
        "html > head",
        "html > body",
        "head > meta[charset=utf-8]",
    ] {
        assert_eq!(doc.select(&sel(s)).count(), 1, "{s}");
    }
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    assert_eq!(doc.select(&sel("head > title")).count(), 1);
    let style = doc
        .select(&sel("head > style"))
        .next()
        .unwrap()
        .inner_html();
    assert!(style.contains("@media print"));
    assert!(!style.contains("url("));
    assert!(!style.contains("@import"));
    // Every table has a header row of <th>.
    let tables: Vec<_> = doc.select(&sel("table")).collect();
    assert!(!tables.is_empty());
    for t in &tables {
        assert!(t.select(&sel("thead th")).count() >= 2);
    }
    // No script, no external resource, no link or embedded object at all.
    for s in ["script", "link", "iframe", "object", "embed", "img", "base"] {
        assert_eq!(doc.select(&sel(s)).count(), 0, "{s}");
    }
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "event handler {name} on <{}>",
                el.value().name()
            );
            if matches!(name, "src" | "href" | "xlink:href" | "action" | "srcset") {
                panic!("<{} {name}={value:?}>", el.value().name());
            }
        }
    }
    assert!(!html.contains("<script"));
    assert!(!html.to_lowercase().contains("javascript:"));
    doc
}

fn num_fr(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

fn full_options<'a>(
    lang: Lang,
    proposal: &'a sobriete::api::Proposal,
    status: &'a sobriete::api::PlanStatus,
    history: &'a sobriete::api::History,
    progress: &'a [ProgressPoint],
) -> HtmlOptions<'a> {
    HtmlOptions {
        target: Some(&proposal.gap),
        proposal: Some(proposal),
        status: Some(status),
        history: Some(history),
        progress: Some(progress),
        ..HtmlOptions::new(lang)
    }
}

struct Fixture {
    report: ScoreReport,
    proposal: sobriete::api::Proposal,
    status: sobriete::api::PlanStatus,
    history: sobriete::api::History,
    progress: Vec<ProgressPoint>,
}

fn fixture() -> Fixture {
    let r = api::default_referential().unwrap();
    let (before, now) = example(r);
    let report = api::score(r, &now).unwrap();
    let target_theme = report.themes[0].id.clone();
    let request = ProposalRequest {
        target: Target {
            index: Some(report.index.unwrap() + 10.0),
            themes: [(target_theme, 100.0)].into_iter().collect(),
            date: Some("2027-12-31".to_owned()),
            ..Target::default()
        },
        ..ProposalRequest::default()
    };
    let proposal = api::propose(r, &now, &request).unwrap();
    let plan = api::plan_from_proposal(r, &now, &request, &proposal, "2026-03-01");
    let status = api::plan_status(r, &plan, Some(&now), "2026-09-01").unwrap();
    let history = api::history(r, &[before.clone(), now.clone()]).unwrap();
    let progress = api::progress_series(r, &[before, now], &plan).unwrap();
    Fixture {
        report,
        proposal,
        status,
        history,
        progress,
    }
}

#[test]
fn full_french_report_is_a_clean_self_contained_page() {
    let f = fixture();
    assert!(!f.proposal.schedule.is_empty());
    let options = full_options(Lang::Fr, &f.proposal, &f.status, &f.history, &f.progress);
    let html = html_report(&f.report, &options);
    // To look at the page: SOBRIETE_HTML_OUT=/tmp/report.html cargo test …
    if let Ok(path) = std::env::var("SOBRIETE_HTML_OUT") {
        std::fs::write(path, &html).unwrap();
    }
    let doc = check_document(&html);
    assert!(html.contains("<html lang=\"fr\">"));

    // The index and grade as the report shows them.
    let index = doc
        .select(&sel("dd.index"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert_eq!(index, format!("{} / 100", num_fr(f.report.index.unwrap())));
    let grade = f.report.grade.as_ref().unwrap();
    let shown = doc
        .select(&sel("dd.grade"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(shown.starts_with(&grade.grade), "{shown}");
    if let (Some(i), Some(g)) = (f.report.eco_clic.index, &f.report.eco_clic.grade) {
        let eco = doc
            .select(&sel("dd.eco-clic"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert_eq!(eco, format!("{i} ({g})"));
    }
    // Profile, date, level, referential (the profile name has an apostrophe:
    // escaped in the source, restored by the parser).
    let h = doc.root_element().text().collect::<String>();
    assert!(h.contains(&f.report.profile.name));
    assert!(html.contains(&f.report.profile.name.replace('\'', "&#39;")));
    assert!(h.contains(&f.report.date));
    assert!(h.contains(&f.report.referential.id));

    // Sections.
    for id in [
        "summary",
        "themes",
        "gaps",
        "actions",
        "proposal",
        "follow-up",
        "history",
    ] {
        assert_eq!(
            doc.select(&sel(&format!("section#{id} > h2"))).count(),
            1,
            "{id}"
        );
    }
    // Theme table: one row per theme, with a target column.
    let rows = doc.select(&sel("section#themes table tbody tr")).count();
    assert_eq!(rows, f.report.themes.len());
    assert_eq!(doc.select(&sel("section#themes thead th")).count(), 3);
    // Every gap, with its rationale.
    assert_eq!(
        doc.select(&sel("section#gaps tbody tr")).count(),
        f.report.gaps.len()
    );
    let gaps_text = doc
        .select(&sel("section#gaps"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    for g in &f.report.gaps {
        assert!(
            gaps_text.contains(g.rationale.get(Lang::Fr)),
            "{}",
            g.question
        );
    }
    // Schedule: one row per step, with the projected index.
    let schedule = doc.select(&sel("section#proposal table")).next().unwrap();
    assert_eq!(
        schedule.select(&sel("tbody tr")).count(),
        f.proposal.schedule.len()
    );
    let last = f.proposal.schedule.last().unwrap();
    assert!(schedule
        .text()
        .collect::<String>()
        .contains(&num_fr(last.index_after.unwrap())));

    // Two charts: the radar (current + target series) and the evolution.
    let svgs: Vec<_> = doc.select(&sel("svg")).collect();
    assert_eq!(svgs.len(), 2);
    assert_eq!(
        html.matches("<svg xmlns=\"http://www.w3.org/2000/svg\"")
            .count(),
        2
    );
    assert_eq!(doc.select(&sel("section#themes svg polygon")).count(), 2);
    assert_eq!(doc.select(&sel("section#history svg")).count(), 1);
    for s in &svgs {
        // Parsed into the SVG namespace (html5ever keeps `xmlns` as a
        // namespaced attribute, so the source is checked too).
        assert_eq!(&*s.value().name.ns, "http://www.w3.org/2000/svg");
        assert!(s.select(&sel("title")).count() >= 1);
    }
}

#[test]
fn output_is_deterministic() {
    let f = fixture();
    let o = full_options(Lang::Fr, &f.proposal, &f.status, &f.history, &f.progress);
    assert_eq!(html_report(&f.report, &o), html_report(&f.report, &o));
}

#[test]
fn report_alone_and_in_english() {
    let r = api::default_referential().unwrap();
    let (_, now) = example(r);
    let report = api::score(r, &now).unwrap();
    let html = html_report(&report, &HtmlOptions::new(Lang::En));
    let doc = check_document(&html);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Maturity index"));
    let index = doc
        .select(&sel("dd.index"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert_eq!(index, format!("{:.2} / 100", report.index.unwrap()));
    for id in ["proposal", "follow-up", "history"] {
        assert_eq!(doc.select(&sel(&format!("section#{id}"))).count(), 0);
    }
    // No target: the radar has the current scores only.
    assert_eq!(doc.select(&sel("svg polygon")).count(), 1);
    // French is the default.
    let fr = html_report(&report, &HtmlOptions::new(Lang::default()));
    assert!(fr.contains("<html lang=\"fr\">"));
    assert!(fr.contains("Indice de maturité"));
}

#[test]
fn svg_charts_are_standalone_xml_with_one_polygon_per_series() {
    let axes: Vec<String> = ["Gouvernance", "Parc", "Usages"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for n in 1..=3 {
        let series: Vec<RadarSeries> = (0..n)
            .map(|k| RadarSeries {
                label: format!("série {k}"),
                values: vec![Some(10.0 * k as f64), None, Some(100.0)],
            })
            .collect();
        let s = api::radar_chart(&axes, &series);
        assert!(s.starts_with("<svg "));
        assert!(s.ends_with("</svg>"));
        assert!(s.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(s.contains("<title>"));
        assert_eq!(s.matches("<polygon").count(), n);
        assert_eq!(s.matches("</polygon>").count(), n);
        assert_eq!(s.matches("<svg").count(), s.matches("</svg>").count());
        // Distinct dash patterns so the series stay apart in black and white.
        assert_eq!(s.matches("stroke-dasharray").count(), n - 1 + (n - 1));
    }
    let e = api::evolution_chart(&[
        ("2025-01-01".to_owned(), Some(20.0), Some(20.0)),
        ("2026-01-01".to_owned(), Some(30.5), Some(45.0)),
    ]);
    assert!(e.starts_with("<svg "));
    assert!(e.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(e.contains("<title>"));
    assert!(e.contains("2026-01-01"));
    assert!(e.contains("stroke-dasharray"));
    assert_eq!(
        e,
        api::evolution_chart(&[
            ("2025-01-01".to_owned(), Some(20.0), Some(20.0)),
            ("2026-01-01".to_owned(), Some(30.5), Some(45.0)),
        ])
    );
    // Parsed as part of an HTML document, the SVG is a well-formed subtree.
    let doc = Html::parse_document(&format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>t</title></head><body>{e}</body></html>"
    ));
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_eq!(doc.select(&sel("svg path")).count(), 2);
}

const SCRIPT: &str = "<script>alert(1)</script>\"'&";
const IMG: &str = "<img src=x onerror=alert(1)>";

fn hostile_referential() -> Referential {
    let text = |s: &str| json!({"fr": s, "en": s});
    api::referential_from_value(&json!({
        "id": "hostile", "version": "1.0.0", "title": text("Référentiel piégé"),
        "themes": [
            {"id": "t1", "title": text(&format!("Gouvernance {IMG}")), "weight": 1},
            {"id": "t2", "title": text("Parc"), "weight": 1},
            {"id": "t3", "title": text("Usages"), "weight": 1}
        ],
        "questions": [
            {"id": "q1", "theme": "t1", "level": 1, "prompt": text(&format!("Q1 {IMG} ?")),
             "rationale": text(&format!("Parce que {IMG}")), "response": {"kind": "yes_no"}},
            {"id": "q2", "theme": "t2", "level": 1, "prompt": text("Q2 ?"), "rationale": text("R2"),
             "response": {"kind": "yes_no"}},
            {"id": "q3", "theme": "t3", "level": 1, "prompt": text("Q3 ?"), "rationale": text("R3"),
             "response": {"kind": "yes_no"}}
        ],
        "actions": [
            {"id": "act-a", "title": text(&format!("Agir {IMG}")), "effort": "low", "impact": "high",
             "addresses": [{"question": "q1", "leads_to": {"kind": "yes"}}]},
            {"id": "act-b", "title": text("Équiper"), "effort": "medium", "impact": "medium",
             "addresses": [{"question": "q2", "leads_to": {"kind": "yes"}}]}
        ],
        "grades": [{"grade": "A", "min": 80}, {"grade": "B", "min": 50}, {"grade": "C", "min": 0}]
    }))
    .unwrap()
}

fn hostile_assessment(r: &Referential, date: &str, q3: &str) -> Assessment {
    api::assessment_from_value(
        &json!({
            "referential": {"id": "hostile", "version": "1.0.0"},
            "profile": {"name": SCRIPT, "kind": "commune", "population": 640},
            "date": date, "level": 1,
            "answers": {
                "q1": {"kind": "no", "comment": SCRIPT},
                "q2": {"kind": "no"},
                "q3": {"kind": q3}
            }
        }),
        r,
    )
    .unwrap()
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let r = hostile_referential();
    let before = hostile_assessment(&r, "2025-05-01", "no");
    let now = hostile_assessment(&r, "2026-05-01", "yes");
    let report = api::score(&r, &now).unwrap();
    assert!(report.gaps.iter().any(|g| g.question == "q1"));
    let request = ProposalRequest {
        target: Target {
            index: Some(100.0),
            themes: [("t1".to_owned(), 100.0)].into_iter().collect(),
            ..Target::default()
        },
        ..ProposalRequest::default()
    };
    let proposal = api::propose(&r, &now, &request).unwrap();
    let mut plan = api::plan_from_proposal(&r, &now, &request, &proposal, "2026-05-02");
    for a in &mut plan.actions {
        a.owner = Some(SCRIPT.to_owned());
        a.due = Some("2026-06-01".to_owned());
    }
    let status = api::plan_status(&r, &plan, Some(&now), "2026-09-01").unwrap();
    assert!(!status.late.is_empty());
    let history = api::history(&r, &[before.clone(), now.clone()]).unwrap();
    let progress = api::progress_series(&r, &[before, now], &plan).unwrap();

    for lang in [Lang::Fr, Lang::En] {
        let mut options = full_options(lang, &proposal, &status, &history, &progress);
        options
            .extra_sections
            .push((SCRIPT.to_owned(), "<p>Pairs</p>".to_owned()));
        let html = html_report(&report, &options);
        let doc = check_document(&html);
        assert!(!html.contains("<script"));
        assert!(!html.contains("<img"));
        // Shown escaped, and read back intact by the parser.
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        let text = doc.root_element().text().collect::<String>();
        assert!(text.contains(SCRIPT));
        assert!(text.contains(&format!("Parce que {IMG}")));
        assert!(text.contains(&format!("Agir {IMG}")));
        let h1 = doc.select(&sel("h1")).count();
        assert_eq!(h1, 1);
        let extra = doc.select(&sel("section > h2")).next_back().unwrap();
        assert_eq!(extra.text().collect::<String>(), SCRIPT);
        // The hostile theme title is an axis label of the radar.
        let radar = doc.select(&sel("section#themes svg")).next().unwrap();
        assert!(radar.text().collect::<String>().contains(IMG));
    }

    // The SVG functions alone.
    let axes = vec![IMG.to_owned(), SCRIPT.to_owned(), "Usages".to_owned()];
    let s = api::radar_chart(
        &axes,
        &[RadarSeries {
            label: SCRIPT.to_owned(),
            values: vec![Some(50.0), None, Some(10.0)],
        }],
    );
    let e = api::evolution_chart(&[
        (SCRIPT.to_owned(), Some(1.0), None),
        (IMG.to_owned(), None, Some(2.0)),
    ]);
    for out in [&s, &e] {
        assert!(!out.contains("<script"));
        assert!(!out.contains("<img"));
        assert!(out.contains("&lt;"));
    }
}
