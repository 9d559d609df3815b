//! Importers of published referentials: the three published files, other
//! editions of their formats, hostile sources, the RGESN conformity rate and
//! the WSG quick wins.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use indexmap::IndexMap;
use serde_json::{json, Value};
use sobriete::api;
use sobriete::api::{ImportFormat, Imported};
use sobriete::model::referential::{Rating, Response};
use sobriete::{Answer, Assessment, DocumentKind, Error, Profile, ProfileKind, Referential};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/import-fixtures")
}

fn published(name: &str) -> String {
    std::fs::read_to_string(fixtures().join("published").join(name)).expect("published fixture")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).expect("fixture")
}

fn imported(format: ImportFormat, json: &str) -> Imported {
    match api::import_referential(format, json) {
        Ok(i) => i,
        Err(e) => panic!("{format:?}: {e} {:#?}", e.issues()),
    }
}

/// Every text of a referential.
fn texts(r: &Referential) -> Vec<String> {
    let v = serde_json::to_value(r).unwrap();
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(m) => m.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(&v, &mut out);
    out
}

fn assert_clean(r: &Referential) {
    for t in texts(r) {
        for bad in [
            "&amp;", "&#39;", "&nbsp;", "&lt;", "&quot;", "<a ", "</a>", "<p>", "<li>", "\u{a0}",
        ] {
            assert!(!t.contains(bad), "{bad:?} left in {t:?}");
        }
    }
}

/// The imported referential survives a JSON round trip through the
/// library's own parser and validation.
fn assert_valid(i: &Imported) {
    let json = api::referential_to_json(&i.referential);
    let back = api::parse_referential(&json).expect("imported referential validates");
    assert_eq!(back, i.referential);
    let report = api::validate_referential(&i.referential);
    assert!(report.valid, "{:?}", report.issues);
    // The report itself round-trips.
    let report_json = serde_json::to_string(&i.report).unwrap();
    let again: api::ImportReport = serde_json::from_str(&report_json).unwrap();
    assert_eq!(again, i.report);
}

fn theme_sizes(r: &Referential) -> Vec<(String, usize)> {
    r.themes
        .iter()
        .map(|t| {
            (
                t.id.clone(),
                r.questions.iter().filter(|q| q.theme == t.id).count(),
            )
        })
        .collect()
}

#[test]
fn rgesn_2024_imports_78_criteria_in_9_themes() {
    let i = imported(ImportFormat::Rgesn, &published("rgesn-2024.json"));
    assert_valid(&i);
    let r = &i.referential;
    assert_eq!(r.id, "rgesn");
    assert_eq!(r.version, "2024.0.0");
    assert_eq!(r.questions.len(), 78);
    assert_eq!(r.themes.len(), 9);
    assert_eq!(r.actions.len(), 78);
    assert_eq!(i.report.counts.source_entries, 78);
    assert_eq!(i.report.counts.questions, 78);
    assert_eq!(i.report.counts.themes, 9);
    assert!(i.report.skipped.is_empty(), "{:?}", i.report.skipped);
    assert!(i.report.warnings.is_empty(), "{:?}", i.report.warnings);
    assert!(
        i.report.dropped_fields.is_empty(),
        "{:?}",
        i.report.dropped_fields
    );
    assert_eq!(
        theme_sizes(r),
        [
            ("strategie", 10),
            ("specifications", 10),
            ("architecture", 7),
            ("ux-ui", 15),
            ("contenus", 8),
            ("frontend", 7),
            ("backend", 4),
            ("hebergement", 10),
            ("algorithmie", 7),
        ]
        .map(|(a, b)| (a.to_owned(), b))
    );
    // Ids kept, texts carried.
    let q = r.question("1.1").unwrap();
    assert!(q
        .prompt
        .fr
        .starts_with("Le service numérique a-t-il été évalué"));
    assert!(q.rationale.fr.starts_with("Prendre en compte l’utilité"));
    assert!(q.help.as_ref().unwrap().fr.contains("Contrôle :"));
    assert!(q.allow_not_applicable && !q.allow_dont_know);
    assert_eq!(q.references.rgesn, ["1.1"]);
    assert!(matches!(q.response, Response::YesNo { .. }));
    // Difficulty → effort, priority → impact: 1.1 is Fort / Prioritaire.
    let a = r.action("rgesn-1.1").unwrap();
    assert_eq!((a.effort, a.impact), (Rating::High, Rating::High));
    assert!(a
        .description
        .as_ref()
        .unwrap()
        .fr
        .starts_with("Priorité : Prioritaire · Difficulté : Fort"));
    let count = |rating: Rating, effort: bool| {
        r.actions
            .iter()
            .filter(|a| (if effort { a.effort } else { a.impact }) == rating)
            .count()
    };
    // 21 Faible, 41 Moyen, 16 Fort; 19 Modéré, 29 Recommandé, 30 Prioritaire.
    assert_eq!(
        [
            count(Rating::Low, true),
            count(Rating::Medium, true),
            count(Rating::High, true)
        ],
        [21, 41, 16]
    );
    assert_eq!(
        [
            count(Rating::Low, false),
            count(Rating::Medium, false),
            count(Rating::High, false)
        ],
        [19, 29, 30]
    );
    assert_clean(r);
    assert!(r.license.as_deref().unwrap().contains("Licence Ouverte"));
}

#[test]
fn minumeco_guide_imports_59_practices_in_9_themes() {
    let i = imported(ImportFormat::Minumeco, &published("minumeco-guide-v1.json"));
    assert_valid(&i);
    let r = &i.referential;
    assert_eq!(r.version, "1.0.0");
    assert_eq!(r.questions.len(), 59);
    assert_eq!(r.themes.len(), 9);
    assert_eq!(r.actions.len(), 59);
    assert_eq!(i.report.counts.source_entries, 59);
    assert!(i.report.skipped.is_empty(), "{:?}", i.report.skipped);
    assert!(i.report.warnings.is_empty(), "{:?}", i.report.warnings);
    assert_eq!(i.report.source_version.as_deref(), Some("v1"));
    // Metadata the referential does not hold is listed.
    assert_eq!(i.report.dropped_fields, ["/updated_at"]);
    assert_eq!(
        theme_sizes(r).iter().map(|(_, n)| *n).collect::<Vec<_>>(),
        [8, 3, 3, 6, 5, 8, 11, 7, 8]
    );
    assert_eq!(r.themes[0].id, "a");
    // The theme description was HTML: cleaned to text with list items.
    let d = &r.themes[0].description.as_ref().unwrap().fr;
    assert!(d.contains("\n- L’analyse globale"), "{d}");
    let q = r.question("a.1").unwrap();
    assert_eq!(q.prompt.fr, "Coordonner la démarche numérique responsable");
    assert_eq!(q.level, 1);
    assert!(q
        .help
        .as_ref()
        .unwrap()
        .fr
        .contains("Pilotes : Direction générale"));
    assert_eq!(q.references.urls.len(), 1);
    // 33 Prioritaire practices are level 1, the other 26 level 2.
    assert_eq!(r.questions.iter().filter(|q| q.level == 1).count(), 33);
    let a = r.action("minumeco-a.1").unwrap();
    assert_eq!((a.impact, a.effort), (Rating::High, Rating::Medium));
    assert_clean(r);
}

#[test]
fn wsg_ninth_draft_imports_94_guidelines_and_254_criteria() {
    let i = imported(ImportFormat::Wsg, &published("wsg-ninth-draft.json"));
    assert_valid(&i);
    let r = &i.referential;
    assert_eq!(r.questions.len(), 94);
    assert_eq!(r.themes.len(), 4);
    assert_eq!(r.actions.len(), 94);
    assert_eq!(i.report.counts.source_entries, 94);
    assert_eq!(i.report.counts.criteria, 254);
    assert_eq!(
        theme_sizes(r),
        [("2", 29), ("3", 24), ("4", 12), ("5", 29)].map(|(a, b)| (a.to_owned(), b))
    );
    // The Introduction has no guideline: reported, not imported.
    assert_eq!(i.report.skipped.len(), 1);
    assert_eq!(i.report.skipped[0].path, "/category/0");
    assert!(i.report.warnings.is_empty(), "{:?}", i.report.warnings);
    assert_eq!(
        i.report.dropped_fields,
        [
            "/category/*/guidelines/*/GRI",
            "/category/*/guidelines/*/example",
            "/category/*/guidelines/*/resources",
        ]
    );
    let q = r.question("2.1").unwrap();
    assert_eq!(
        q.prompt.en.as_deref(),
        Some("Undertake Systemic Impacts Mapping")
    );
    let Response::MultipleChoice { options, .. } = &q.response else {
        panic!("a multiple choice");
    };
    assert_eq!(options.len(), 1);
    assert!(options[0]
        .label
        .fr
        .starts_with("External Variables: Any negative"));
    assert!(options[0].label.fr.ends_with("(Machine Testable)"));
    assert!(q.rationale.fr.contains("Benefits:\n- Accessibility:"));
    assert_eq!(
        r.themes[0].title.fr,
        "Conception de l’expérience utilisateur"
    );
    assert!(r
        .license
        .as_deref()
        .unwrap()
        .contains("W3C® Software and Document License"));
    assert!(r
        .license
        .as_deref()
        .unwrap()
        .contains("https://w3c.github.io/sustyweb/"));
    assert_clean(r);
    // Same count of quick-win guidelines as in the source: effort Low with
    // impact Medium (20) or High (4).
    let quick = r
        .actions
        .iter()
        .filter(|a| a.effort == Rating::Low && a.impact >= Rating::Medium)
        .count();
    assert_eq!(quick, 24);
}

fn assessment(r: &Referential, answers: IndexMap<String, Answer>) -> Assessment {
    Assessment {
        referential: sobriete::ReferentialRef {
            id: r.id.clone(),
            version: r.version.clone(),
        },
        profile: Profile {
            name: "Ville test".to_owned(),
            kind: ProfileKind::Commune,
            population: 60_000,
            siren: None,
            establishment: None,
            insee: None,
            departement: None,
            region: None,
        },
        date: "2026-06-01".to_owned(),
        level: 1,
        answers,
        from_plan: IndexMap::new(),
        migrations: Vec::new(),
    }
}

fn answer(kind: &str) -> Answer {
    serde_json::from_value(json!({ "kind": kind })).unwrap()
}

#[test]
fn rgesn_conformity_rate_of_a_hand_made_audit() {
    let r = imported(ImportFormat::Rgesn, &published("rgesn-2024.json")).referential;
    // A hand-made audit of the 78 criteria:
    //   non applicable (8): 1.4 2.3 3.7 4.8 5.5 6.2 8.10 9.7
    //   non conforme (20): 1.1 1.5 2.1 2.9 3.1 4.1 4.2 4.12 4.15 5.1 5.8 6.6
    //                      7.1 7.4 8.1 8.5 8.9 9.1 9.3 9.5
    //   conforme: the other 78 − 8 − 20 = 50.
    // RGESN rate = conformes ÷ (total − non applicables) = 50 ÷ (78 − 8)
    //            = 50 ÷ 70 = 0.714285… → 71.43 %.
    let na = ["1.4", "2.3", "3.7", "4.8", "5.5", "6.2", "8.10", "9.7"];
    let no = [
        "1.1", "1.5", "2.1", "2.9", "3.1", "4.1", "4.2", "4.12", "4.15", "5.1", "5.8", "6.6",
        "7.1", "7.4", "8.1", "8.5", "8.9", "9.1", "9.3", "9.5",
    ];
    let answers: IndexMap<String, Answer> = r
        .questions
        .iter()
        .map(|q| {
            let kind = if na.contains(&q.id.as_str()) {
                "not_applicable"
            } else if no.contains(&q.id.as_str()) {
                "no"
            } else {
                "yes"
            };
            (q.id.clone(), answer(kind))
        })
        .collect();
    let a = assessment(&r, answers);
    let report = api::score(&r, &a).unwrap();
    assert_eq!(report.conformity.in_place, 50);
    assert_eq!(report.conformity.applicable, 70);
    assert_eq!(report.conformity.rate, Some(71.43));
    assert!(report.complete);
    // The JSON facade gives the same figure.
    let r_json = api::referential_to_json(&r);
    let a_json = serde_json::to_string(&a).unwrap();
    let report: Value =
        serde_json::from_str(&api::score_json(&a_json, Some(&r_json)).unwrap()).unwrap();
    assert_eq!(report["conformity"]["rate"], json!(71.43));
}

#[test]
fn wsg_quick_wins_list_high_impact_low_effort_first() {
    let r = imported(ImportFormat::Wsg, &published("wsg-ninth-draft.json")).referential;
    // Nothing in place yet: every guideline answered with no criterion met.
    let answers = r
        .questions
        .iter()
        .map(|q| {
            let a: Answer =
                serde_json::from_value(json!({"kind": "choice", "options": []})).unwrap();
            (q.id.clone(), a)
        })
        .collect();
    let a = assessment(&r, answers);
    let c = api::candidates(&r, &a).unwrap();
    assert_eq!(c.actions.len(), 94);
    assert_eq!(c.quick_wins.len(), 24);
    let rating = |id: &str| {
        let a = r.action(id).unwrap();
        (a.impact, a.effort)
    };
    for (k, id) in c.quick_wins.iter().enumerate() {
        let expected_impact = if k < 4 { Rating::High } else { Rating::Medium };
        assert_eq!(rating(id), (expected_impact, Rating::Low), "{k}: {id}");
    }
}

#[test]
fn rgesn_other_editions_import_and_report_what_they_skip() {
    let i = imported(ImportFormat::Rgesn, &fixture("rgesn-2022-wrapped.json"));
    assert_valid(&i);
    let r = &i.referential;
    assert_eq!(r.version, "2022.0.0");
    assert_eq!(i.report.source_version.as_deref(), Some("2022"));
    assert_eq!(
        i.report.source_title.as_deref(),
        Some("Référentiel général d'écoconception de services numériques")
    );
    let ids: Vec<&str> = r.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["1-1", "12", "2-1", "3-1"]);
    assert_eq!(i.report.counts.source_entries, 8);
    let skipped: Vec<(&str, &str)> = i
        .report
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(skipped.len(), 4, "{skipped:?}");
    assert_eq!(
        skipped[0],
        ("/criteres/3", "criterion 2-2 has no text (`critere`)")
    );
    assert_eq!(skipped[1], ("/criteres/4", "no `numero` (criterion id)"));
    assert_eq!(skipped[2].0, "/criteres/5");
    assert!(skipped[2].1.contains("already imported from /criteres/0"));
    assert_eq!(skipped[3], ("/criteres/6", "not an object"));
    // Texts cleaned: entities decoded, tags removed, the link URL kept.
    let q = r.question("1-1").unwrap();
    assert_eq!(
        q.prompt.fr,
        "Le service numérique a-t-il été évalué favorablement en termes d’utilité ?"
    );
    assert_eq!(
        q.rationale.fr,
        "Prendre en compte l'utilité dès la conception."
    );
    assert!(q
        .help
        .as_ref()
        .unwrap()
        .fr
        .contains("Voir les ODD (https://sdgs.un.org/fr/goals) ;"));
    assert!(q
        .help
        .as_ref()
        .unwrap()
        .fr
        .contains("Métiers : Porteur de projet, Product Owner"));
    assert_eq!(
        i.report.dropped_fields,
        ["/criteres/*/nouveauChamp", "/date"]
    );
    // Unknown difficulty and missing priority: medium, with warnings; a
    // criterion without theme goes to « Sans thématique ».
    let codes: Vec<(&str, &str)> = i
        .report
        .warnings
        .iter()
        .map(|w| (w.path.as_str(), w.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("/criteres/2", "missing_field"),
            ("/criteres/2/difficulte", "invalid_value"),
            ("/criteres/7", "missing_field"),
        ]
    );
    assert!(r.themes.iter().any(|t| t.title.fr == "Sans thématique"));
    assert_clean(r);

    let i = imported(ImportFormat::Rgesn, &fixture("rgesn-themed.json"));
    assert_valid(&i);
    let ids: Vec<&str> = i
        .referential
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(ids, ["1.1", "1.2", "4.1"]);
    assert_eq!(theme_sizes(&i.referential).len(), 2);
    assert_eq!(i.report.skipped.len(), 1);
    assert_eq!(i.report.skipped[0].path, "/data/thematiques/2");
    let a = i.referential.action("rgesn-1.1").unwrap();
    assert_eq!((a.effort, a.impact), (Rating::Low, Rating::High));
}

#[test]
fn minumeco_other_editions_import_and_report_what_they_skip() {
    let i = imported(ImportFormat::Minumeco, &fixture("minumeco-renamed.json"));
    assert_valid(&i);
    let r = &i.referential;
    assert_eq!(r.version, "2.1.0");
    let ids: Vec<&str> = r.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["A.1", "A.2", "A.4", "B.1"]);
    assert_eq!(r.themes[0].id, "A");
    assert_eq!(r.themes[0].title.fr, "Stratégie & gouvernance");
    assert_eq!(
        r.themes[0].description.as_ref().unwrap().fr,
        "Une démarche progressive :\n\n- analyser\n- mesurer"
    );
    assert_eq!(r.themes[1].id, "achat-durable");
    assert_eq!(i.report.skipped.len(), 1);
    assert_eq!(i.report.skipped[0].path, "/themes/0/bonnes_pratiques/2");
    assert!(i
        .report
        .warnings
        .iter()
        .any(|w| w.path == "/themes/0/bonnes_pratiques/1" && w.message.contains("A.2 given")));
    assert!(i
        .report
        .dropped_fields
        .contains(&"/themes/*/bonnes_pratiques/*/nouveauChamp".to_owned()));
    let q = r.question("A.1").unwrap();
    assert_eq!(q.references.urls, ["https://example.org/a1"]);
    assert!(q
        .help
        .as_ref()
        .unwrap()
        .fr
        .contains("Référent nommé : oui / non"));
    assert_eq!(
        r.question("B.1").unwrap().rationale.fr,
        "Le reconditionné évite la fabrication d’un appareil neuf."
    );
    assert_eq!(r.action("minumeco-B.1").unwrap().reen_area, Some(1));

    let i = imported(ImportFormat::Minumeco, &fixture("minumeco-flat.json"));
    assert_valid(&i);
    assert_eq!(i.referential.questions.len(), 3);
    assert_eq!(
        theme_sizes(&i.referential),
        [
            ("phase-d-usage".to_owned(), 2),
            ("fin-d-usage".to_owned(), 1)
        ]
    );
    assert_eq!(i.report.skipped[0].path, "/3");
}

#[test]
fn wsg_other_editions_import_and_report_what_they_skip() {
    let i = imported(ImportFormat::Wsg, &fixture("wsg-older-draft.json"));
    assert_valid(&i);
    let r = &i.referential;
    assert_eq!(r.version, "0.8.0");
    assert_eq!(i.report.source_version.as_deref(), Some("0.8 Eighth Draft"));
    let ids: Vec<&str> = r.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["2.1", "2.2", "3.1", "4.1"]);
    assert_eq!(i.report.counts.criteria, 4);
    let q = r.question("2.1").unwrap();
    let Response::MultipleChoice { options, .. } = &q.response else {
        panic!("a multiple choice");
    };
    let labels: Vec<&str> = options.iter().map(|o| o.label.fr.as_str()).collect();
    assert_eq!(
        labels,
        [
            "External variables are documented.",
            "Participants: Stakeholders are listed."
        ]
    );
    assert_eq!(
        q.rationale.fr,
        "Identify the variables & their impacts (https://example.org)."
    );
    assert!(matches!(
        r.question("3.1").unwrap().response,
        Response::YesNo { .. }
    ));
    let skipped: Vec<&str> = i.report.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        skipped,
        ["/guidelines/0/successCriteria/2", "/guidelines/3"]
    );
    // 4.1 has no ratings: medium, with two warnings.
    assert_eq!(i.report.warnings.len(), 2);
    let a = r.action("wsg-2.1").unwrap();
    assert_eq!((a.impact, a.effort), (Rating::Medium, Rating::Low));
    assert_eq!(i.report.dropped_fields, ["/guidelines/*/GRI"]);

    let i = imported(ImportFormat::Wsg, &fixture("wsg-categories.json"));
    assert_valid(&i);
    assert_eq!(i.referential.questions.len(), 1);
    let skipped: Vec<&str> = i.report.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(skipped, ["/categories/0", "/categories/1/guidelines/1"]);
    assert_eq!(
        i.referential
            .question("2.1")
            .unwrap()
            .help
            .as_ref()
            .unwrap()
            .fr,
        "Tags: UI, Performance"
    );
}

fn source_error(format: ImportFormat, json: &str) -> Error {
    match api::import_referential(format, json) {
        Ok(i) => panic!("{format:?} imported {json}: {:?}", i.report),
        Err(e) => e,
    }
}

#[test]
fn unknown_shapes_are_typed_errors() {
    for format in ImportFormat::ALL.iter().copied() {
        for json in [
            "",
            "not json",
            "null",
            "42",
            "\"text\"",
            "{}",
            "{\"foo\": [1, 2]}",
            "[]",
            "[1, 2, 3]",
            "[[[]]]",
            "{\"criteres\": \"none\"}",
            &"[".repeat(10_000),
        ] {
            let e = source_error(format, json);
            assert_eq!(e.code(), "invalid_document");
            let Error::Invalid { document, issues } = &e else {
                panic!("{e:?}");
            };
            assert_eq!(*document, DocumentKind::ImportSource, "{json}");
            assert!(!issues.is_empty());
        }
    }
    // An unrecognised source says what was expected.
    let e = source_error(ImportFormat::Rgesn, "{\"foo\": 1}");
    assert_eq!(e.issues()[0].code.as_str(), "unknown_document");
    // A list whose every entry is skipped lists the reasons.
    let e = source_error(ImportFormat::Rgesn, "[{\"critere\": \"x\"}, 3]");
    assert_eq!(e.issues()[0].code.as_str(), "empty_referential");
    assert_eq!(e.issues().len(), 3);
    // The JSON facade names the format.
    let e = api::import_referential_json("gr491", "[]").unwrap_err();
    assert_eq!(e.code(), "invalid_argument");
}

#[test]
fn hostile_sources_never_panic() {
    let long = "<a href=\"".repeat(5_000);
    let cases = [
        json!([{ "numero": "", "critere": "x" }]),
        json!([{ "numero": " 1.1 ", "critere": "<<<<>>>>", "thematique": "&&&&" }]),
        json!([{ "numero": "x".repeat(500), "critere": "long id" }]),
        json!([{ "numero": "1\u{0}", "critere": long, "thematique": "\u{202e}" }]),
        json!([{ "numero": true, "critere": ["a"], "thematique": {"x": 1} }]),
        json!({ "criteres": [{ "numero": 1, "critere": "ok", "difficulte": 3, "priorite": null }] }),
        json!({ "thematiques": [{ "bonnesPratiques": [{ "titre": "" }, { "titre": "&#0;" }] }] }),
        json!({ "category": [{ "guidelines": [{ "guideline": "x", "criteria": [null, 1, {}] }] }] }),
        json!({ "guidelines": [{ "title": "t", "category": ["x"], "impact": ["High"] }] }),
    ];
    for case in cases {
        let text = case.to_string();
        for format in ImportFormat::ALL.iter().copied() {
            if let Ok(i) = api::import_referential(format, &text) {
                assert_valid(&i);
            }
        }
    }
    // A criterion with an id of only spaces is skipped, not imported empty.
    let e = source_error(
        ImportFormat::Rgesn,
        &json!([{ "numero": "  ", "critere": "x" }]).to_string(),
    );
    assert_eq!(e.issues()[1].path, "/0");
}

#[test]
fn the_json_facade_matches_the_typed_one() {
    let source = fixture("rgesn-themed.json");
    let typed = api::import_referential(ImportFormat::Rgesn, &source).unwrap();
    let json: api::Imported =
        serde_json::from_str(&api::import_referential_json("RGESN", &source).unwrap()).unwrap();
    assert_eq!(json, typed);
    let formats: BTreeSet<&str> = ImportFormat::ALL.iter().map(|f| f.as_str()).collect();
    assert_eq!(
        formats,
        BTreeSet::from(["ecoclic", "minumeco", "rgesn", "wsg"])
    );
}

/// Every import (published files and other editions) matches the checked-in
/// `imported.schema.json` and `import-report.schema.json`.
#[test]
fn imports_match_their_schemas() {
    let schema = |name: &str| {
        let path = fixtures().join("../../schema").join(name);
        let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::draft202012::new(&value).unwrap()
    };
    let imported_schema = schema("imported.schema.json");
    let report_schema = schema("import-report.schema.json");
    for (format, text) in [
        (ImportFormat::Rgesn, published("rgesn-2024.json")),
        (ImportFormat::Minumeco, published("minumeco-guide-v1.json")),
        (ImportFormat::Wsg, published("wsg-ninth-draft.json")),
        (ImportFormat::Rgesn, fixture("rgesn-2022-wrapped.json")),
        (ImportFormat::Rgesn, fixture("rgesn-themed.json")),
        (ImportFormat::Minumeco, fixture("minumeco-renamed.json")),
        (ImportFormat::Minumeco, fixture("minumeco-flat.json")),
        (ImportFormat::Wsg, fixture("wsg-older-draft.json")),
        (ImportFormat::Wsg, fixture("wsg-categories.json")),
    ] {
        let i = imported(format, &text);
        let value = serde_json::to_value(&i).unwrap();
        let errors: Vec<String> = imported_schema
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{format:?}: {errors:?}");
        assert!(report_schema.is_valid(&serde_json::to_value(&i.report).unwrap()));
    }
}

/// The import vectors: their referentials are what the importers make of
/// the excerpts, and their conformity is the hand arithmetic of their
/// descriptions.
#[test]
fn import_vectors_match_the_importers_and_the_hand_arithmetic() {
    let vectors = fixtures().join("../vectors");
    for (vector, format, source, in_place, applicable, rate) in [
        (
            "33-import-rgesn-conformity.json",
            ImportFormat::Rgesn,
            "rgesn-excerpt-5.json",
            2,
            3,
            66.67,
        ),
        (
            "34-import-wsg-partial.json",
            ImportFormat::Wsg,
            "wsg-excerpt.json",
            1,
            2,
            50.0,
        ),
    ] {
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(vectors.join(vector)).unwrap()).unwrap();
        let i = imported(format, &fixture(source));
        assert_eq!(
            serde_json::to_value(&i.referential).unwrap(),
            case["referential"],
            "{vector}: re-import the excerpt"
        );
        let c = &case["expected"]["report"]["conformity"];
        assert_eq!(c["in_place"], json!(in_place), "{vector}");
        assert_eq!(c["applicable"], json!(applicable), "{vector}");
        assert_eq!(c["rate"], json!(rate), "{vector}");
    }
}

/// The shape of the first RGESN evaluation tool (metadata with `author`,
/// criteria with `id` and `url`, HTML texts, no difficulty nor priority).
#[test]
fn rgesn_first_tool_edition_imports() {
    let i = imported(ImportFormat::Rgesn, &fixture("rgesn-2022-dinum.json"));
    assert_valid(&i);
    let r = &i.referential;
    assert_eq!(r.version, "1.0.0");
    assert_eq!(r.publisher.as_deref(), Some("DINUM, MiNumEco"));
    assert_eq!(r.questions.len(), 3);
    assert_eq!(r.themes.len(), 2);
    let q = r.question("1.1").unwrap();
    assert_eq!(
        q.prompt.fr,
        "Le service numérique a-t-il fait l’objet d’une évaluation de son utilité ?"
    );
    assert_eq!(
        q.rationale.fr,
        "S’assurer que le service répond à un besoin réel."
    );
    assert!(q.help.as_ref().unwrap().fr.starts_with(
        "Mise en œuvre :\n- Identifier le besoin ;\n- Comparer avec une solution non numérique.\n\nContrôle :\nUne note d’opportunité existe."
    ));
    assert_eq!(
        q.references.urls,
        ["https://example.org/rgesn/critere/1.1/"]
    );
    assert_eq!(
        r.question("8.1")
            .unwrap()
            .help
            .as_ref()
            .unwrap()
            .fr
            .lines()
            .nth(1),
        Some("Choisir un hébergeur « vert »."),
    );
    assert!(r.description.as_ref().unwrap().fr.starts_with(
        "Édition de travail, sous la forme du premier outil d'évaluation\n\nCritères du RGESN"
    ));
    // No criterion has ratings: one warning each, for the whole source.
    let w: Vec<(&str, &str)> = i
        .report
        .warnings
        .iter()
        .map(|w| (w.path.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(
        w,
        [
            (
                "",
                "the source gives no difficulty: medium assumed for every action"
            ),
            (
                "",
                "the source gives no priority: medium assumed for every action"
            ),
        ]
    );
    assert_eq!(i.report.dropped_fields, ["/updated_at"]);
    assert!(i.report.skipped.is_empty());
    assert_clean(r);
}

/// Metadata inside the object wrapping the list; a theme given as an object.
#[test]
fn rgesn_wrapped_metadata_and_theme_objects() {
    let source = json!({
        "referentiel": {
            "version": "2024",
            "titre": "RGESN",
            "criteres": [
                {"numero": "1.1", "thematique": {"id": 1, "nom": "Stratégie"}, "critere": "Un critère ?"},
                {"numero": "4.1", "thematique": {"id": 4, "titre": "UX/UI"}, "critere": "Un autre ?"}
            ]
        }
    });
    let i = imported(ImportFormat::Rgesn, &source.to_string());
    assert_valid(&i);
    assert_eq!(i.referential.version, "2024.0.0");
    assert_eq!(i.report.source_title.as_deref(), Some("RGESN"));
    let themes: Vec<&str> = i.referential.themes.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(themes, ["strategie", "ux-ui"]);
    assert!(i.report.skipped.is_empty());
}

/// Guidelines naming their category by number get the category's name.
#[test]
fn wsg_categories_by_number() {
    let source = json!({
        "guidelines": [
            {"id": "3.1", "category": 3, "guideline": "Identify Relevant Technical Indicators", "impact": "Low", "effort": "Low"},
            {"id": "9.1", "category": "9", "guideline": "A later category", "impact": "High", "effort": "Low"}
        ]
    });
    let i = imported(ImportFormat::Wsg, &source.to_string());
    assert_valid(&i);
    let titles: Vec<(&str, &str)> = i
        .referential
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.title.en.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(titles, [("3", "Web Development"), ("9", "Category 9")]);
    assert_eq!(i.referential.themes[0].title.fr, "Développement web");
}
