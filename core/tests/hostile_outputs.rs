//! A corpus of hostile texts goes through every output format (HTML, SVG,
//! Markdown, CSV, terminal text) without breaking out of its context.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use sobriete::api::{self, ReportInputs};
use sobriete::{Lang, ReportFormat};

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\u{202E}gnp.exe",
    "zero\u{200B}width",
    "]]><!-- -->",
    "`code` **bold** [link](javascript:alert(1))",
    "| pipe | # heading",
    "&amp; &lt;",
];

fn text(i: usize) -> Value {
    let s = HOSTILE[i % HOSTILE.len()];
    json!({"fr": format!("{s} fr{i}"), "en": format!("{s} en{i}")})
}

fn documents() -> (sobriete::Referential, sobriete::Assessment) {
    let r = api::referential_from_value(&json!({
        "id": "hostile", "version": "1.0.0", "title": text(0),
        "themes": [{"id": "t1", "title": text(1)}, {"id": "t2", "title": text(2)}],
        "questions": [
            {"id": "=q1", "theme": "t1", "level": 1, "prompt": text(3), "rationale": text(4), "help": text(5),
             "response": {"kind": "single_choice", "options": [
                 {"id": "none", "label": text(6), "points": 0}, {"id": "full", "label": text(7), "points": 2}]}},
            {"id": "q<2>", "theme": "t2", "level": 1, "prompt": text(8), "rationale": text(9),
             "response": {"kind": "yes_no"}, "allow_not_applicable": true},
            {"id": "q3", "theme": "t2", "level": 1, "prompt": text(10), "rationale": text(11),
             "response": {"kind": "yes_no"}}
        ],
        "actions": [
            {"id": "@a1", "title": text(12), "description": text(0), "effort": "low", "impact": "high",
             "addresses": [{"question": "=q1", "leads_to": {"kind": "choice", "options": ["full"]}}]},
            {"id": "a2", "title": text(1), "effort": "medium", "impact": "low",
             "addresses": [{"question": "q3", "leads_to": {"kind": "yes"}}]}
        ],
        "grades": [{"grade": "<b>A</b>", "min": 50}, {"grade": "=B", "min": 0}]
    }))
    .unwrap();
    let a = api::assessment_from_value(
        &json!({
            "referential": {"id": "hostile", "version": "1.0.0"},
            "profile": {"name": HOSTILE[0], "kind": "commune", "population": 800},
            "date": "2026-05-01", "level": 1,
            "answers": {
                "=q1": {"kind": "choice", "options": ["none"], "comment": HOSTILE[3], "evidence": [HOSTILE[1], HOSTILE[4]]},
                "q<2>": {"kind": "not_applicable", "justification": HOSTILE[5], "comment": HOSTILE[7]},
                "q3": {"kind": "no", "comment": format!("{}\n{}", HOSTILE[10], HOSTILE[11])}
            }
        }),
        &r,
    )
    .unwrap();
    (r, a)
}

fn peers() -> sobriete::model::peers::PeerSet {
    let peers: Vec<Value> = (0..6)
        .map(|i| {
            json!({"profile": {"name": HOSTILE[i], "kind": "commune", "population": 700, "insee": format!("2300{i}"), "departement": "23", "region": "75"},
                   "date": "2026-01-01", "referential": {"id": "hostile", "version": "1.0.0"}, "index": 10.0 * i as f64,
                   "themes": [{"id": "t1", "score": 20}, {"id": "t2", "score": 30}]})
        })
        .collect();
    api::peers_from_value(&json!({ "peers": peers })).unwrap()
}

#[test]
fn html_stays_inert() {
    let (r, a) = documents();
    let target = sobriete::model::target::Target::index(60.0);
    let peers = peers();
    let earlier = {
        let mut e = a.clone();
        e.date = "2025-05-01".into();
        e
    };
    let history = [earlier];
    let inputs = ReportInputs {
        target: Some(&target),
        history: &history,
        peers: Some(&peers),
        ..ReportInputs::default()
    };
    for lang in [Lang::Fr, Lang::En] {
        let html = api::full_report(&r, &a, &inputs, ReportFormat::Html, lang).unwrap();
        let doc = scraper::Html::parse_document(&html);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        for bad in ["script", "img", "iframe", "object", "embed", "a"] {
            let sel = scraper::Selector::parse(bad).unwrap();
            assert_eq!(doc.select(&sel).count(), 0, "<{bad}> in the HTML");
        }
        let all = scraper::Selector::parse("*").unwrap();
        for el in doc.select(&all) {
            for (name, _) in el.value().attrs() {
                assert!(!name.starts_with("on"), "event attribute {name}");
            }
        }
        // The hostile texts are shown as text.
        let body: String = doc.root_element().text().collect();
        assert!(body.contains("<script>alert(1)</script>"));
        assert!(body.contains("\"><img src=x onerror=alert(1)>"));
    }
}

#[test]
fn svg_is_valid_xml_with_one_axis_per_theme() {
    let (r, a) = documents();
    let target = sobriete::model::target::Target {
        themes: [("t1".to_owned(), 80.0)].into(),
        ..Default::default()
    };
    let svg = api::radar_svg(&r, &a, Some(&target), Some(&peers()), Lang::Fr).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let grid = root
        .descendants()
        .find(|n| n.attribute("class") == Some("grid"))
        .expect("grid");
    assert_eq!(
        grid.children().filter(|n| n.has_tag_name("line")).count(),
        r.themes.len(),
        "one axis per theme"
    );
    assert!(root
        .descendants()
        .all(|n| !n.has_tag_name("script") && !n.has_tag_name("foreignObject")));
    let texts: String = root.descendants().filter_map(|n| n.text()).collect();
    assert!(
        texts.contains("<script>") || texts.contains("\"><img"),
        "hostile titles kept as text"
    );

    let svg = api::evolution_svg(&r, std::slice::from_ref(&a), None, Lang::En).unwrap();
    roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
}

#[test]
fn markdown_and_text_stay_inert() {
    let (r, a) = documents();
    let target = sobriete::model::target::Target::index(60.0);
    let peers = peers();
    let inputs = ReportInputs {
        target: Some(&target),
        peers: Some(&peers),
        ..ReportInputs::default()
    };
    let md = api::full_report(&r, &a, &inputs, ReportFormat::Markdown, Lang::Fr).unwrap();
    let review = api::annual_review(&r, &a, None, 2026, None, Lang::Fr).unwrap();
    let referential = api::referential_markdown(&r, Lang::Fr);
    for out in [&md, &review, &referential] {
        assert!(
            !out.contains("<script") && !out.contains("<img") && !out.contains("<b>"),
            "raw HTML in Markdown"
        );
        // Brackets are escaped, so "](" can only appear as "\\](".
        assert!(
            !out.replace("\\]", "").contains("](javascript:"),
            "a live link in Markdown"
        );
        assert!(
            !out.contains("`code`") && !out.contains("**bold**"),
            "live inline markup"
        );
        assert!(out.contains("&lt;script&gt;"));
    }
    // Every table row keeps its column count.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 3, "{line}");
    }
    let txt = api::full_report(&r, &a, &inputs, ReportFormat::Text, Lang::Fr).unwrap();
    assert!(
        !txt.chars().any(|c| c.is_control() && c != '\n'),
        "control characters reach the terminal"
    );
}

#[test]
fn csv_cells_never_start_a_formula() {
    let (r, a) = documents();
    let request = sobriete::api::ProposalRequest {
        target: sobriete::model::target::Target::index(90.0),
        ..Default::default()
    };
    let proposal = api::propose(&r, &a, &request).unwrap();
    let mut plan = api::plan_from_proposal(&r, &a, &request, &proposal, "2026-05-02");
    for (i, p) in plan.actions.iter_mut().enumerate() {
        p.owner = Some(HOSTILE[(i + 3) % HOSTILE.len()].to_owned());
        p.evidence = vec![HOSTILE[4].to_owned()];
    }
    let outputs = [
        api::answers_csv(&r, &a, Lang::Fr).unwrap(),
        api::themes_csv(&r, &a, Lang::En).unwrap(),
        api::plan_csv(&r, &plan, Lang::Fr).unwrap(),
    ];
    for out in &outputs {
        let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
        let width = reader.headers().unwrap().len();
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap();
            assert_eq!(record.len(), width, "{record:?}");
            for cell in record.iter() {
                let risky = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!risky, "cell {cell:?} could run as a formula");
            }
            rows += 1;
        }
        assert!(rows > 0);
    }
    assert!(outputs[0].contains("'=HYPERLINK"));
}
