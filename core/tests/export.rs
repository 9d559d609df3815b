#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! CSV exports (read back with the `csv` reader: header, one row per item,
//! numbers, quoting, formula injection) and the REEN annual review.

use sobriete::api::PlanStatus;
use sobriete::api::ProposalRequest;
use sobriete::internals::annual_review;
use sobriete::internals::csv::{
    answers_csv, plan_csv, safe_cell, themes_csv, ANSWERS_HEADER, PLAN_HEADER, THEMES_HEADER,
};
use sobriete::model::plan::{ActionStatus, Budget, Indicator, Plan};
use sobriete::model::target::Target;
use sobriete::{api, Answer, Assessment, Lang, Referential, ScoreReport};

const HYPERLINK: &str = "=HYPERLINK(\"http://x\")";
const TRICKY: &str = "Devis, \"copieur\" ;\nsuite, à voir";
const HOSTILE: &str = "<script>alert(1)</script>";

struct Case {
    r: &'static Referential,
    a: Assessment,
    report: ScoreReport,
    plan: Plan,
    status: PlanStatus,
}

fn set_comment(a: &mut Assessment, id: &str, text: &str) {
    match a.answers.get_mut(id).unwrap() {
        Answer::Yes { comment, .. }
        | Answer::No { comment, .. }
        | Answer::Choice { comment, .. }
        | Answer::Number { comment, .. }
        | Answer::DontKnow { comment, .. }
        | Answer::NotApplicable { comment, .. }
        | Answer::Unanswered { comment, .. } => *comment = Some(text.to_owned()),
    }
}

fn case() -> Case {
    let r = api::default_referential().unwrap();
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/commune-rurale-niveau1.json"
    ))
    .unwrap();
    let mut a = api::parse_assessment(&json, r).unwrap();
    let ids: Vec<String> = a.answers.keys().cloned().collect();
    set_comment(&mut a, &ids[0], HYPERLINK);
    set_comment(&mut a, &ids[1], TRICKY);
    set_comment(&mut a, &ids[2], "@SUM(A1)");
    let report = api::score(r, &a).unwrap();
    let request = ProposalRequest {
        target: Target {
            index: Some((report.index.unwrap() + 10.0).min(100.0)),
            date: Some("2027-12-31".to_owned()),
            ..Target::default()
        },
        ..ProposalRequest::default()
    };
    let proposal = api::propose(r, &a, &request).unwrap();
    let mut plan = api::plan_from_proposal(r, &a, &request, &proposal, "2026-04-01");
    assert!(plan.actions.len() >= 2, "the proposal has several actions");
    plan.actions[0].owner = Some(HOSTILE.to_owned());
    plan.actions[0].status = ActionStatus::InProgress;
    plan.actions[0].progress = 40.0;
    plan.actions[0].due = Some("2026-12-31".to_owned());
    plan.actions[0].budget = Some(Budget {
        planned: 1234.5,
        spent: 99.25,
    });
    plan.actions[0].indicators.push(Indicator {
        name: "Part des achats reconditionnés".to_owned(),
        unit: Some("%".to_owned()),
        baseline: 0.0,
        target: 30.0,
        current: Some(5.0),
        measured: Some("2026-09-15".to_owned()),
    });
    plan.actions[0].evidence = vec!["délibération, 2026".to_owned(), "-note".to_owned()];
    plan.actions[1].owner = Some("+cmd".to_owned());
    plan.actions[1].status = ActionStatus::Done;
    plan.actions[1].completed = Some("2026-06-30".to_owned());
    let status = api::plan_status(r, &plan, None, "2026-10-01").unwrap();
    Case {
        r,
        a,
        report,
        plan,
        status,
    }
}

fn read(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rd = csv::Reader::from_reader(csv_text.as_bytes());
    let header = rd.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = rd
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn opt_f64(s: &str) -> Option<f64> {
    (!s.is_empty()).then(|| s.parse::<f64>().unwrap())
}

#[test]
fn answers_csv_reads_back() {
    let c = case();
    let text = answers_csv(c.r, &c.a, &c.report, Lang::Fr);
    let (header, rows) = read(&text);
    assert_eq!(header, ANSWERS_HEADER);
    assert_eq!(rows.len(), c.report.questions.len());
    for (row, q) in rows.iter().zip(&c.report.questions) {
        assert_eq!(row.len(), ANSWERS_HEADER.len());
        assert_eq!(row[0], q.id);
        assert_eq!(row[1], q.theme);
        assert_eq!(row[3], q.level.to_string());
        assert_eq!(row[4], c.r.question(&q.id).unwrap().prompt.fr);
        assert_eq!(row[7].parse::<i64>().ok(), q.points);
        assert_eq!(row[8].parse::<i64>().unwrap(), q.max_points);
        assert_eq!(row[9].parse::<f64>().unwrap(), q.weight);
        assert_eq!(row[10].parse::<f64>().unwrap(), q.credit);
        assert_eq!(row[11].parse::<f64>().unwrap(), q.contribution);
        assert_eq!(row[12].parse::<f64>().unwrap(), q.missed);
    }
}

#[test]
fn answers_are_rendered_by_kind() {
    let c = case();
    let (_, rows) = read(&answers_csv(c.r, &c.a, &c.report, Lang::Fr));
    let mut seen = 0;
    for row in &rows {
        let expected = match c.a.answers.get(&row[0]) {
            None => String::new(),
            Some(Answer::Yes { .. }) => "yes".to_owned(),
            Some(Answer::No { .. }) => "no".to_owned(),
            Some(Answer::Choice { options, .. }) => format!("choice: {}", options.join("|")),
            Some(Answer::DontKnow { .. }) => "dont_know".to_owned(),
            Some(Answer::NotApplicable { justification, .. }) => {
                assert!(row[6].starts_with("not_applicable"));
                if let Some(j) = justification {
                    assert_eq!(row[6], format!("not_applicable: {j}"));
                }
                assert_eq!(row[5], "not_applicable");
                seen += 1;
                continue;
            }
            Some(other) => panic!("unexpected answer {other:?}"),
        };
        assert_eq!(row[6], expected, "answer of {}", row[0]);
    }
    assert_eq!(seen, 1, "the example has one not-applicable answer");
    // A numeric answer and evidence, on a copy.
    let mut a = c.a.clone();
    let id = rows[3][0].clone();
    a.answers.insert(
        id.clone(),
        Answer::Number {
            value: -35.5,
            comment: None,
            evidence: vec!["https://a.example/x".to_owned(), "PV, 2026".to_owned()],
        },
    );
    let (_, rows) = read(&answers_csv(c.r, &a, &c.report, Lang::Fr));
    let row = rows.iter().find(|r| r[0] == id).unwrap();
    assert_eq!(row[6], "number: -35.5");
    assert_eq!(row[14], "https://a.example/x | PV, 2026");
}

#[test]
fn themes_csv_reads_back() {
    let c = case();
    let (header, rows) = read(&themes_csv(&c.report, Lang::En));
    assert_eq!(header, THEMES_HEADER);
    assert_eq!(rows.len(), c.report.themes.len());
    for (row, t) in rows.iter().zip(&c.report.themes) {
        assert_eq!(row[0], t.id);
        assert_eq!(row[1], t.title.get(Lang::En));
        assert_eq!(row[2].parse::<f64>().unwrap(), t.weight);
        assert_eq!(opt_f64(&row[3]), t.score);
        assert_eq!(row[4].parse::<u32>().unwrap(), t.counted);
        assert_eq!(row[5].parse::<u32>().unwrap(), t.unanswered);
        assert_eq!(row[6].parse::<bool>().unwrap(), t.complete);
    }
}

#[test]
fn plan_csv_reads_back() {
    let c = case();
    let (header, rows) = read(&plan_csv(c.r, &c.plan, Lang::Fr));
    assert_eq!(header, PLAN_HEADER);
    assert_eq!(rows.len(), c.plan.actions.len());
    for (row, a) in rows.iter().zip(&c.plan.actions) {
        assert_eq!(row.len(), PLAN_HEADER.len());
        assert_eq!(row[0], a.id);
        assert_eq!(row[1], a.action.clone().unwrap_or_default());
        assert_eq!(row[2], a.title_in(c.r, Lang::Fr));
        assert_eq!(row[5].parse::<f64>().unwrap(), a.effective_progress());
        assert_eq!(opt_f64(&row[10]), a.budget.map(|b| b.planned));
        assert_eq!(opt_f64(&row[11]), a.budget.map(|b| b.spent));
        assert_eq!(
            row[12].parse::<u8>().ok(),
            a.effective_reen_area(c.r),
            "area of {}",
            a.id
        );
        let questions: Vec<&str> = a
            .effective_addresses(c.r)
            .iter()
            .map(|x| x.question.as_str())
            .collect();
        assert_eq!(row[13], questions.join("|"));
        assert_eq!(row[14], a.depends_on.join("|"));
    }
    assert_eq!(rows[0][4], "in_progress");
    assert_eq!(rows[0][5], "40");
    assert_eq!(rows[0][7], "2026-12-31");
    assert_eq!(rows[0][10], "1234.5");
    assert_eq!(rows[0][11], "99.25");
    assert_eq!(rows[0][15], "délibération, 2026 | -note");
    assert_eq!(rows[1][4], "done");
    assert_eq!(rows[1][5], "100");
    assert_eq!(rows[1][8], "2026-06-30");
    assert!(["low", "medium", "high"].contains(&rows[0][9].as_str()));
}

#[test]
fn formulas_are_neutralised() {
    let c = case();
    let (_, answers) = read(&answers_csv(c.r, &c.a, &c.report, Lang::Fr));
    let comments: Vec<&str> = answers.iter().map(|r| r[13].as_str()).collect();
    assert!(comments.contains(&"'=HYPERLINK(\"http://x\")"));
    assert!(comments.contains(&"'@SUM(A1)"));
    let (_, plan) = read(&plan_csv(c.r, &c.plan, Lang::Fr));
    assert_eq!(plan[1][3], "'+cmd");
    assert_eq!(plan[0][3], HOSTILE, "not a formula: left as is");
    assert_eq!(safe_cell("-1"), "'-1");
    assert_eq!(safe_cell("\tx"), "'\tx");
    assert_eq!(safe_cell("\rx"), "'\rx");
    assert_eq!(safe_cell("a=b"), "a=b");
    // No cell of any export starts a formula.
    let (_, themes) = read(&themes_csv(&c.report, Lang::Fr));
    for row in answers.iter().chain(&plan).chain(&themes) {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "cell {cell:?}"
            );
            // A minus is only allowed on a number the library wrote.
            if cell.starts_with('-') {
                assert!(cell.parse::<f64>().is_ok(), "cell {cell:?}");
            }
        }
    }
}

#[test]
fn quotes_commas_and_newlines_survive() {
    let c = case();
    let text = answers_csv(c.r, &c.a, &c.report, Lang::Fr);
    assert!(text.contains("\"Devis, \"\"copieur\"\" ;\nsuite, à voir\""));
    let (_, rows) = read(&text);
    assert_eq!(rows.len(), c.report.questions.len());
    assert!(rows.iter().any(|r| r[13] == TRICKY));
    // Every other comment comes back exactly (none starts a formula).
    for row in &rows {
        if let Some(comment) = c.a.answers.get(&row[0]).and_then(Answer::comment) {
            assert_eq!(row[13], safe_cell(comment));
        }
    }
}

#[test]
fn annual_review_follows_the_decree() {
    let c = case();
    let md = annual_review(
        c.r,
        &c.report,
        Some(&c.plan),
        Some(&c.status),
        2026,
        Lang::Fr,
    );
    assert!(md.starts_with("# "));
    assert!(md.contains("2026"));
    assert!(md.contains("Saint-Priest-sous-Ardour"));
    for law in ["2021-1485", "2022-1084", "D. 2311-15-1"] {
        assert!(md.contains(law), "{law}");
    }
    // The six areas, in order, after the other sections.
    let objectives = md.find("## Objectifs").unwrap();
    let indicators = md.find("## Indicateurs de suivi").unwrap();
    let measures = md.find("## Mesures par axe du décret").unwrap();
    assert!(objectives < indicators && indicators < measures);
    let mut last = measures;
    for area in 1..=6 {
        let at = md.find(&format!("### {area}° ")).unwrap();
        assert!(at > last, "area {area}° in order");
        last = at;
    }
    // Index and objectives.
    let index = c.report.index.unwrap();
    let shown = format!("{} / 100", sobriete::internals::round2(index)).replace('.', ",");
    assert!(md.contains(&shown), "index {shown}");
    let target = c.plan.target.as_ref().unwrap().index.unwrap();
    let target_shown = format!("{} / 100", sobriete::internals::round2(target)).replace('.', ",");
    assert!(md.contains(&target_shown), "target {target_shown}");
    assert!(md.contains("Échéance : 2027-12-31"));
    // Indicators table.
    assert!(md.contains("| Indicateur | Unité | Valeur initiale | Cible | Valeur actuelle |"));
    assert!(md.contains("| Part des achats reconditionnés | % | 0 | 30 | 5 (au 2026-09-15) |"));
    // Actions with status and owner; hostile text escaped.
    assert!(md.contains("en cours"));
    assert!(md.contains("traitée par le plan"));
    assert!(!md.contains("<script>"));
    assert!(md.contains("&lt;script&gt;"));
    assert!(md.contains("\\+cmd"));
    let title = c.plan.actions[0].title_in(c.r, Lang::Fr);
    assert!(md.contains(&sobriete::api::escape_markdown(&title)));
}

#[test]
fn annual_review_without_plan() {
    let c = case();
    let md = annual_review(c.r, &c.report, None, None, 2025, Lang::Fr);
    assert!(md.contains("Aucun objectif chiffré"));
    assert!(md.contains("Aucun indicateur de suivi"));
    assert!(
        md.contains("n'est pas soumise"),
        "806 inhabitants: voluntary"
    );
    for area in 1..=6 {
        assert!(md.contains(&format!("### {area}° ")));
    }
    // Each area lists gaps of its questions, or says there is none.
    let sections: Vec<&str> = md.split("### ").skip(1).collect();
    assert_eq!(sections.len(), 6);
    for s in sections {
        assert!(
            s.contains("Aucune mesure recensée pour cet axe.")
                || s.contains("Pratiques pas encore en place"),
            "{s}"
        );
    }
    let en = annual_review(c.r, &c.report, Some(&c.plan), None, 2025, Lang::En);
    assert!(en.contains("## Objectives"));
    assert!(en.contains("| Indicator |"));
    assert!(en.contains("### 6° Connected and sustainable territory"));
}
