//! The Éco-clic importer on the hand-made database of
//! `tests/import-fixtures/ecoclic` (every text ours, in Éco-clic's table
//! shapes): the questionnaire, the answers, and the Éco-clic figure of each
//! collectivité computed by hand from Éco-clic's rule.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{json, Value};
use sobriete::api;
use sobriete::api::EcoClicSource;
use sobriete::api::ImportedAnswers;
use sobriete::model::referential::{Condition, Response};
use sobriete::{Answer, Error, IssueCode};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/import-fixtures/ecoclic")
}

fn sql(name: &str) -> EcoClicSource {
    EcoClicSource::Sql(std::fs::read_to_string(dir().join(name)).unwrap())
}

fn csv() -> EcoClicSource {
    let mut tables = BTreeMap::new();
    for entry in std::fs::read_dir(dir().join("mini-csv")).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        tables.insert(name, std::fs::read_to_string(&p).unwrap());
    }
    EcoClicSource::Csv(tables)
}

fn answers(source: &EcoClicSource) -> ImportedAnswers {
    api::import_ecoclic_answers(source, None).unwrap()
}

fn codes(e: &Error) -> Vec<IssueCode> {
    e.issues().iter().map(|i| i.code).collect()
}

#[test]
fn a_dump_a_mysqldump_and_csv_exports_give_the_same_imports() {
    let base = api::import_ecoclic(&sql("mini.sql")).unwrap();
    let base_answers = answers(&sql("mini.sql"));
    for other in [sql("mini-mysqldump.sql"), csv()] {
        assert_eq!(api::import_ecoclic(&other).unwrap(), base);
        assert_eq!(answers(&other), base_answers);
    }
    // The dump's text through the published-format entry point too.
    let EcoClicSource::Sql(text) = sql("mini.sql") else {
        unreachable!()
    };
    let via_format = api::import_referential(sobriete::api::ImportFormat::Ecoclic, &text).unwrap();
    assert_eq!(via_format, base);
    // And the JSON forms the bindings use.
    let out: Value = serde_json::from_str(
        &api::import_ecoclic_json(&json!({ "sql": text }).to_string()).unwrap(),
    )
    .unwrap();
    assert_eq!(out, serde_json::to_value(&base).unwrap());
}

#[test]
fn the_questionnaire_maps_categories_themes_rows_and_conditions() {
    let imported = api::import_ecoclic(&sql("mini.sql")).unwrap();
    let r = &imported.referential;
    let themes: Vec<&str> = r.themes.iter().map(|t| t.id.as_str()).collect();
    // Categories in their sort_order, named after their folded name.
    assert_eq!(themes, ["pilotage", "equipements", "pour-aller-plus-loin"]);
    let subs: Vec<&str> = r.themes[1]
        .sub_themes
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(subs, ["duree-de-vie", "fin-de-vie"]);
    // HTML entities decoded, \r\n line breaks kept as one.
    assert_eq!(
        r.themes[0].description.as_ref().unwrap().fr,
        "Qui porte la démarche & comment."
    );
    let ids: Vec<&str> = r.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "q-ref",
            "q-plan",
            "q-suivi",
            "q-achats",
            "q-inventaire",
            "q-postes",
            "q-reemploi",
            "q-collecte",
            "q-mesure"
        ]
    );
    let q = |id: &str| r.question(id).unwrap();
    assert_eq!(
        q("q-ref").response,
        Response::YesNo {
            yes_points: 3,
            no_points: 0
        }
    );
    assert!(!q("q-ref").allow_dont_know && !q("q-ref").allow_not_applicable);
    // A multi-line definition with an escaped quote is the help; the
    // additional information the rationale.
    assert_eq!(
        q("q-ref").help.as_ref().unwrap().fr,
        "Référent : la personne qui coordonne la démarche.\nElle n'a pas besoin d'y consacrer un temps plein."
    );
    assert_eq!(
        q("q-inventaire").rationale.fr,
        "On ne gère bien que ce que l'on connaît : l’inventaire dit ce qui existe,\noù et depuis quand."
    );
    // Nested conditions on the parents' "Oui" rows.
    assert_eq!(
        q("q-plan").condition,
        Some(Condition::IsYes {
            question: "q-ref".into()
        })
    );
    assert_eq!(
        q("q-suivi").condition,
        Some(Condition::IsYes {
            question: "q-plan".into()
        })
    );
    // "Je ne sais pas" and "pas concernée" rows: answers of their own, with
    // their points in the Éco-clic figure when not the defaults.
    let inv = q("q-inventaire");
    assert!(inv.allow_dont_know && inv.allow_not_applicable);
    assert_eq!(inv.eco_clic_not_applicable, Some(2));
    assert_eq!(inv.response.max_points(), 3);
    assert_eq!(q("q-mesure").eco_clic_dont_know, Some(1));
    assert_eq!(
        q("q-achats").eco_clic_not_applicable,
        None,
        "N/A worth the max: the default"
    );
    assert_eq!((q("q-achats").level, q("q-mesure").level), (2, 2));
    // A checkbox question with a free-text row as an option, no cap.
    match &q("q-collecte").response {
        Response::MultipleChoice { options, cap } => {
            assert_eq!(cap, &None);
            let pts: Vec<i64> = options.iter().map(|o| o.points).collect();
            assert_eq!(pts, [2, 1, 0, 0]);
            assert_eq!(options[3].id, "a-collecte-autre");
        }
        other => panic!("{other:?}"),
    }
    // Two options worth 3 on a radio question: Éco-clic counts both in its
    // denominator, our index the best one.
    assert_eq!(q("q-reemploi").response.max_points(), 3);
    assert_eq!(q("q-reemploi").eco_clic_all_points(), 6);
    // Informational question: kept, reported.
    assert_eq!(q("q-postes").response.max_points(), 0);
    let report = &imported.report;
    assert!(report
        .warnings
        .iter()
        .any(|w| w.code == IssueCode::ZeroMaxPoints && w.path == "/question/q-postes"));
    let skipped: Vec<&str> = report.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(skipped, ["/answer/a-gone-non", "/answer/a-gone-oui"]);
    assert!(report
        .dropped_fields
        .contains(&"/recommandation/*".to_owned()));
    // Éco-clic's letters on our index.
    let grades: Vec<(&str, f64)> = r.grades.iter().map(|g| (g.grade.as_str(), g.min)).collect();
    assert_eq!(
        grades,
        [
            ("A", 99.0),
            ("B", 80.0),
            ("C", 60.0),
            ("D", 40.0),
            ("E", 0.0)
        ]
    );
}

/// Each collectivité's Éco-clic figure, computed by hand from Éco-clic's
/// rule: floor(100 × Σ ponderation of the chosen rows ÷ Σ ponderation of
/// every row of every question of the level), only when complete.
///
/// Level-1 denominator: q-ref 3+0 + q-plan 2+0+0 + q-suivi 1+0 +
/// q-inventaire 3+1+0+2+0 + q-postes 0 + q-reemploi 3+3+0+0 + q-collecte
/// 2+1+0+0 = 3 + 2 + 1 + 6 + 0 + 6 + 3 = 21. Level 2 adds q-achats 3+0+3
/// and q-mesure 2+0+1: 30.
#[test]
fn imported_answers_score_eco_clics_figure() {
    let imported = api::import_ecoclic(&sql("mini.sql")).unwrap();
    let r = &imported.referential;
    let a = answers(&sql("mini.sql"));
    let mut figures = BTreeMap::new();
    for one in &a.assessments {
        let report = api::score(r, &one.assessment).unwrap();
        figures.insert(
            one.collectivite.as_str(),
            (
                report.eco_clic.points,
                report.eco_clic.max_points,
                report.eco_clic.index,
                report.eco_clic.grade.clone(),
            ),
        );
    }
    // col-a, level 1: q-ref Non 0 hides q-plan and q-suivi, whose 3 points
    // stay in the denominator; q-inventaire complet 3, q-reemploi 3,
    // q-collecte 2 + 1 + the free-text row 0, q-postes 0: 9 of 21 →
    // floor(900/21) = 42 → D (without the hidden children, 9/18 = 50).
    assert_eq!(figures["col-a"], (9, 21, Some(42), Some("D".into())));
    // col-b, level 2: 3 + 2 + 1 + q-inventaire "pas concernée" 2 +
    // q-reemploi don 3 + q-collecte 2 + q-postes 0 + q-mesure "je ne sais
    // pas" 1 + q-achats "pas concernée" 3 = 17 of 30 → floor(1700/30) = 56.
    assert_eq!(figures["col-b"], (17, 30, Some(56), Some("D".into())));
    // col-c: q-ref Oui shows q-plan, not answered: incomplete, no figure.
    assert_eq!(figures["col-c"], (3, 21, None, None));
    // col-d, level 1 (level 2 turned off): its level-2 answer q-mesure Oui
    // is kept but not counted; of the two rows of q-inventaire the later,
    // complet 3, is kept: 3 + 0 + 3 + 0 + 0 + 0 = 6 of 21 → floor(600/21)
    // = 28 → E (Éco-clic's code would add the other row 1 and q-mesure 2).
    assert_eq!(figures["col-d"], (6, 21, Some(28), Some("E".into())));
}

#[test]
fn answers_carry_profiles_comments_and_report_the_rest() {
    let a = answers(&sql("mini.sql"));
    let by: BTreeMap<&str, &sobriete::Assessment> = a
        .assessments
        .iter()
        .map(|x| (x.collectivite.as_str(), &x.assessment))
        .collect();
    assert_eq!(by.len(), 4, "col-admin has no answer and no date");
    let col_a = by["col-a"];
    assert_eq!(col_a.profile.name, "Commune d'Essai-sur-Creuse");
    assert_eq!(col_a.profile.siren.as_deref(), Some("212300012"));
    assert_eq!(col_a.profile.establishment.as_deref(), Some("00017"));
    assert_eq!(col_a.profile.region.as_deref(), Some("75"));
    assert_eq!((col_a.date.as_str(), col_a.level), ("2025-03-14", 1));
    match &col_a.answers["q-collecte"] {
        Answer::Choice {
            options, comment, ..
        } => {
            assert_eq!(
                options,
                &["a-collecte-eco", "a-collecte-presta", "a-collecte-autre"]
            );
            assert_eq!(
                comment.as_deref(),
                Some("Une ressourcerie du canton,\nune fois par an")
            );
        }
        other => panic!("{other:?}"),
    }
    let col_b = by["col-b"];
    assert_eq!(col_b.profile.siren.as_deref(), Some("200012345"));
    assert_eq!(
        col_b.profile.kind,
        sobriete::ProfileKind::CommunauteDeCommunes
    );
    assert_eq!(col_b.level, 2);
    assert!(matches!(col_b.answers["q-mesure"], Answer::DontKnow { .. }));
    assert!(matches!(
        col_b.answers["q-inventaire"],
        Answer::NotApplicable { .. }
    ));
    // A text field filled beside a radio choice: the choice, with the text.
    match &col_b.answers["q-postes"] {
        Answer::Choice {
            options, comment, ..
        } => {
            assert_eq!(options, &["a-postes-agent"]);
            assert!(comment.as_deref().unwrap().starts_with("Postes fixes"));
        }
        other => panic!("{other:?}"),
    }
    // No last_answered_at: the latest answered_at; région '1' → '01'.
    let col_c = by["col-c"];
    assert_eq!(col_c.date, "2025-05-21");
    assert_eq!(col_c.profile.region.as_deref(), Some("01"));
    assert_eq!(col_c.profile.kind, sobriete::ProfileKind::Other);
    let col_d = by["col-d"];
    assert_eq!(col_d.profile.siren, None);
    assert!(matches!(col_d.answers["q-mesure"], Answer::Yes { .. }));
    // Report: counts, and every row not carried with its text.
    let rep = &a.report;
    assert_eq!(
        (
            rep.counts.collectivites,
            rep.counts.assessments,
            rep.counts.rows,
            rep.counts.carried
        ),
        (5, 4, 30, 26)
    );
    let d = rep
        .collectivites
        .iter()
        .find(|c| c.collectivite == "col-d")
        .unwrap();
    let paths: Vec<&str> = d.not_carried.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/collectivite_answer/ca-d9",
            "/collectivite_answer/ca-d10",
            "/collectivite_answer/ca-d3"
        ]
    );
    assert_eq!(
        d.not_carried[0].text.as_deref(),
        Some("Une réponse à une question retirée")
    );
    assert!(d
        .warnings
        .iter()
        .any(|w| w.path == "/collectivite/col-d/siret"));
    let c = rep
        .collectivites
        .iter()
        .find(|c| c.collectivite == "col-c")
        .unwrap();
    assert!(c.warnings[0].message.contains("\"EPCI\""));
    let skipped: Vec<&str> = rep.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        skipped,
        ["/collectivite_answer/ca-z1", "/collectivite/col-admin"]
    );
    // Every assessment is valid for the imported referential.
    let r = api::import_ecoclic(&sql("mini.sql")).unwrap().referential;
    for x in &a.assessments {
        assert!(api::validate_assessment(&x.assessment, &r).valid);
    }
}

#[test]
fn a_referential_given_is_used_and_rows_it_lacks_reported() {
    let source = sql("mini.sql");
    let mut r = api::import_ecoclic(&source).unwrap().referential;
    r.questions[0].prompt.en = Some("Is someone in charge?".into());
    r.version = "1.1.0".into();
    let with = api::import_ecoclic_answers(&source, Some(&r)).unwrap();
    assert!(with
        .assessments
        .iter()
        .all(|a| a.assessment.referential.version == "1.1.0"));
    // Without q-collecte, its rows are reported, the rest carried.
    r.questions.retain(|q| q.id != "q-collecte");
    let fewer = api::import_ecoclic_answers(&source, Some(&r)).unwrap();
    let a = fewer
        .report
        .collectivites
        .iter()
        .find(|c| c.collectivite == "col-a")
        .unwrap();
    assert_eq!(a.not_carried.len(), 3, "{a:?}");
    assert!(a.not_carried[2].text.is_some());
    // col-a three rows, col-b and col-d one each.
    assert_eq!(fewer.report.counts.carried, 26 - 3 - 1 - 1);
}

#[test]
fn broken_sources_give_typed_errors_with_their_line() {
    let EcoClicSource::Sql(text) = sql("mini.sql") else {
        unreachable!()
    };
    // Cut inside a string: where the string starts.
    let cut = &text[..text.find("Une personne").unwrap() + 5];
    let e = api::import_ecoclic(&EcoClicSource::Sql(cut.to_owned())).unwrap_err();
    assert_eq!(codes(&e), [IssueCode::InvalidSql]);
    assert_eq!(e.issues()[0].path, "/sql");
    let line = text[..text.find("('q-ref', 'Une").unwrap()].lines().count() + 1;
    assert!(
        e.issues()[0].message.starts_with(&format!("line {line}, ")),
        "{}",
        e.issues()[0].message
    );
    // Missing tables and columns: all at once.
    let e = api::import_ecoclic(&EcoClicSource::Sql(
        "CREATE TABLE category (id int, label text);\nINSERT INTO category VALUES (1, 'x');".into(),
    ))
    .unwrap_err();
    let messages: Vec<&str> = e.issues().iter().map(|i| i.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the table `category` has no column `name`",
            "no table `question` in the source",
            "no table `answer` in the source"
        ]
    );
    // Every broken CSV export at once, named.
    let mut tables = BTreeMap::new();
    tables.insert(
        "question.csv".to_owned(),
        "id,question\n1,a\n2\n".to_owned(),
    );
    tables.insert("answer".to_owned(), "id;question_id\n\"1;2\n".to_owned());
    let e = api::import_ecoclic(&EcoClicSource::Csv(tables)).unwrap_err();
    let paths: Vec<&str> = e.issues().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["/csv/answer", "/csv/question.csv"]);
    assert!(codes(&e).iter().all(|c| *c == IssueCode::InvalidCsv));
    // Hostile shapes: typed errors or imports, never a panic.
    let hostile = [
        String::new(),
        "\u{0}\u{1}INSERT".into(),
        "INSERT INTO `answer` VALUES ".into(),
        "INSERT INTO".into(),
        format!("CREATE TABLE answer ({});", "(".repeat(10_000)),
        format!("INSERT INTO answer (id) VALUES {}", "(1),".repeat(50_000)),
        "INSERT INTO answer (id) VALUES (99999999999999999999999999999999);".into(),
        "/* never closed".into(),
        "'".into(),
        "INSERT INTO answer (id, ponderation) VALUES ('a', 'b'), ('c');".into(),
    ];
    for h in hostile {
        let r = api::import_ecoclic(&EcoClicSource::Sql(h.clone()));
        assert!(r.is_err(), "{h:.80}");
        let r = api::import_ecoclic_answers(&EcoClicSource::Sql(h.clone()), None);
        assert!(r.is_err(), "{h:.80}");
    }
    // The fixture cut anywhere: an error or an import, never a panic.
    let mut at = 0;
    while at < text.len() {
        if text.is_char_boundary(at) {
            let part = EcoClicSource::Sql(text[..at].to_owned());
            let _ = api::import_ecoclic(&part);
            let _ = api::import_ecoclic_answers(&part, None);
        }
        at += 97;
    }
    // Too large: refused before reading.
    let big = EcoClicSource::Sql(" ".repeat(sobriete::api::limits::MAX_ECOCLIC_SOURCE_BYTES + 1));
    assert_eq!(
        codes(&api::import_ecoclic(&big).unwrap_err()),
        [IssueCode::TooLarge]
    );
    // The JSON form names a shape it does not know.
    let e = api::import_ecoclic_json(r#"{"xml": "<a/>"}"#).unwrap_err();
    assert_eq!(e.code(), "invalid_document");
}
