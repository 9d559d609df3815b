//! The embedded default referential: counts, complete texts, actions.

// Tests may panic: that is how they fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use sobriete::api;
use sobriete::model::referential::Response;

#[test]
fn loads_and_is_valid_without_warnings() {
    let r = api::default_referential().expect("the embedded referential is valid");
    let report = api::validate_referential(r);
    assert!(report.issues.is_empty(), "{:?}", report.issues);
    assert_eq!(r.id, "sobriete-reen");
}

#[test]
fn level_counts_and_themes() {
    let r = api::default_referential().expect("valid");
    let l1: Vec<_> = r.questions.iter().filter(|q| q.level == 1).collect();
    let l2: Vec<_> = r.questions.iter().filter(|q| q.level == 2).collect();
    assert!(l1.len() >= 30, "level 1 has {} questions", l1.len());
    assert!(l2.len() >= 40, "level 2 adds {} questions", l2.len());
    assert_eq!(r.themes.len(), 8);
    let l1_themes: BTreeSet<&str> = l1.iter().map(|q| q.theme.as_str()).collect();
    assert_eq!(
        l1_themes,
        BTreeSet::from([
            "governance",
            "awareness",
            "purchasing",
            "fleet",
            "networks-data",
            "uses",
            "ecodesign"
        ])
    );
    let l2_themes: BTreeSet<&str> = l2.iter().map(|q| q.theme.as_str()).collect();
    assert_eq!(
        l2_themes.len(),
        8,
        "level 2 covers every theme, `further` included"
    );
    assert!(
        l1.iter().all(|q| q.theme != "further"),
        "`further` is a level-2 theme"
    );
    let graded = l2
        .iter()
        .filter(|q| matches!(&q.response, Response::SingleChoice { options } if options.len() >= 3))
        .count();
    let numeric = l2
        .iter()
        .filter(|q| matches!(q.response, Response::Numeric { .. }))
        .count();
    assert!(
        graded >= 5 && numeric >= 5,
        "level 2 has {graded} graded and {numeric} numeric questions"
    );
    // The fleet theme keeps the four sub-themes of the seed questionnaire.
    let fleet = r.theme("fleet").expect("fleet");
    assert_eq!(fleet.sub_themes.len(), 4);
    assert!(r
        .questions
        .iter()
        .filter(|q| q.theme == "fleet")
        .all(|q| q.sub_theme.is_some()));
}

#[test]
fn every_text_is_written_in_french_and_english() {
    let r = api::default_referential().expect("valid");
    let mut texts = vec![("title", &r.title)];
    for t in &r.themes {
        texts.push(("theme", &t.title));
        for s in &t.sub_themes {
            texts.push(("sub-theme", &s.title));
        }
    }
    for q in &r.questions {
        texts.push(("prompt", &q.prompt));
        texts.push(("rationale", &q.rationale));
        let help = q
            .help
            .as_ref()
            .unwrap_or_else(|| panic!("{} has help", q.id));
        texts.push(("help", help));
        if let Response::SingleChoice { options } | Response::MultipleChoice { options, .. } =
            &q.response
        {
            for o in options {
                texts.push(("option", &o.label));
            }
        }
    }
    for a in &r.actions {
        texts.push(("action title", &a.title));
        texts.push((
            "action description",
            a.description
                .as_ref()
                .unwrap_or_else(|| panic!("{} has a description", a.id)),
        ));
    }
    for (what, t) in texts {
        assert!(!t.fr.trim().is_empty(), "empty French {what}: {t:?}");
        assert!(
            t.en.as_deref().is_some_and(|e| !e.trim().is_empty()),
            "missing English {what}: {t:?}"
        );
        assert!(
            !t.fr.contains('<') && !t.fr.contains("&amp;"),
            "markup in {what}: {t:?}"
        );
    }
}

#[test]
fn every_question_has_an_action_and_every_action_is_complete() {
    let r = api::default_referential().expect("valid");
    for q in &r.questions {
        assert!(
            r.actions
                .iter()
                .any(|a| a.addresses.iter().any(|ad| ad.question == q.id)),
            "question {} has no recommended action",
            q.id
        );
        assert!(
            !q.references.reen_areas.is_empty(),
            "question {} has no REEN area",
            q.id
        );
    }
    for a in &r.actions {
        assert!(
            a.reen_area.is_some_and(|x| (1..=6).contains(&x)),
            "action {} has no REEN area",
            a.id
        );
        assert!(a.cost.is_some(), "action {} has no cost band", a.id);
    }
}

#[test]
fn the_top_grade_is_reachable() {
    // Best answer everywhere (conditions followed) gives 100 and grade A,
    // which the Éco-clic formula cannot reach on the same answers.
    let r = api::default_referential().expect("valid");
    for level in [1u8, 2] {
        let profile = sobriete::Profile {
            name: "Métropole test".into(),
            kind: sobriete::ProfileKind::Metropole,
            population: 500_000,
            siren: None,
            establishment: None,
            insee: None,
            departement: None,
            region: None,
        };
        let mut a = api::template(r, level, Some(profile), Some("2026-01-01")).expect("template");
        for q in &r.questions {
            let best = match &q.response {
                Response::YesNo {
                    yes_points,
                    no_points,
                } => {
                    if yes_points >= no_points {
                        sobriete::Answer::Yes {
                            comment: None,
                            evidence: vec![],
                        }
                    } else {
                        sobriete::Answer::No {
                            comment: None,
                            evidence: vec![],
                        }
                    }
                }
                Response::SingleChoice { options } => {
                    let o = options.iter().max_by_key(|o| o.points).expect("options");
                    sobriete::Answer::Choice {
                        options: vec![o.id.clone()],
                        comment: None,
                        evidence: vec![],
                    }
                }
                Response::MultipleChoice { options, .. } => sobriete::Answer::Choice {
                    options: options
                        .iter()
                        .filter(|o| o.points > 0)
                        .map(|o| o.id.clone())
                        .collect(),
                    comment: None,
                    evidence: vec![],
                },
                Response::Numeric { bands, max, .. } => {
                    let b = bands.iter().max_by_key(|b| b.points).expect("bands");
                    let v = if b.from.is_finite() { b.from } else { 0.0 };
                    sobriete::Answer::Number {
                        value: max.map_or(v, |m| v.min(m)),
                        comment: None,
                        evidence: vec![],
                    }
                }
            };
            if a.answers.contains_key(&q.id) {
                a.answers.insert(q.id.clone(), best);
            }
        }
        let report = api::score(r, &a).expect("scores");
        assert_eq!(report.index, Some(100.0), "level {level}");
        assert_eq!(report.grade.as_ref().map(|g| g.grade.as_str()), Some("A"));
        assert!(report.gaps.is_empty());
        let eco = report.eco_clic.index.expect("complete");
        assert!(
            eco < 99,
            "Éco-clic-compatible index {eco} stays below its top grade"
        );
    }
}

/// Sites whose addresses count as official sources: the legal texts
/// (Légifrance, EUR-Lex), the government's own sites and the public bodies
/// that publish the figures and guides the texts rely on.
fn is_official(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    host.ends_with(".gouv.fr")
        || host.ends_with(".europa.eu")
        || [
            "www.ademe.fr",
            "librairie.ademe.fr",
            "www.arcep.fr",
            "www.cnil.fr",
            "www.arcom.fr",
            "www.ssi.gouv.fr",
        ]
        .contains(&host)
}

/// Texts that were abrogated or replaced: no reference nor text may cite
/// them (pattern, what replaced it).
const ABROGATED: &[(&str, &str)] = &[
    ("2021-254", "décret n° 2024-134 (AGEC art. 58 rates)"),
    ("2012/27", "directive (UE) 2023/1791 (energy efficiency)"),
];

#[test]
fn every_question_and_action_has_a_precise_official_reference() {
    let r = api::default_referential().expect("valid");
    let items = r
        .questions
        .iter()
        .map(|q| (q.id.as_str(), &q.references))
        .chain(r.actions.iter().map(|a| (a.id.as_str(), &a.references)));
    let mut legal = 0;
    for (id, refs) in items {
        let urls: Vec<&str> = refs.all_urls().collect();
        assert!(
            urls.iter().any(|u| is_official(u)),
            "{id} has no official https address: {urls:?}"
        );
        for u in &urls {
            assert!(u.starts_with("https://"), "{id}: {u} is not https");
            assert!(is_official(u), "{id}: {u} is not an official site");
        }
        for l in &refs.legal {
            legal += 1;
            assert!(
                !l.text.trim().is_empty(),
                "{id}: a legal reference names no text"
            );
            // A law, a decree or an EU act is named by its number, an arrêté
            // by its date, a code by the article.
            let numbered = l.text.contains("n°")
                || l.text.contains("(UE)")
                || l.text.contains("(EU)")
                || l.text.starts_with("Arrêté du ");
            assert!(
                numbered || l.article.is_some(),
                "{id}: {:?} has neither a number nor an article",
                l.text
            );
            for (pattern, by) in ABROGATED {
                assert!(
                    !l.text.contains(pattern),
                    "{id}: {:?} is abrogated, cite {by}",
                    l.text
                );
            }
        }
    }
    assert!(legal >= 80, "only {legal} legal references");
}

#[test]
fn no_text_cites_an_abrogated_text() {
    let json = api::DEFAULT_REFERENTIAL_JSON;
    for (pattern, by) in ABROGATED {
        assert!(!json.contains(pattern), "{pattern} is cited: cite {by}");
    }
}

#[test]
fn the_changelog_names_this_version_in_french() {
    let r = api::default_referential().expect("valid");
    let latest = r.changes.first().expect("a changelog");
    assert_eq!(latest.version, r.version);
    assert!(latest.items.len() >= 10, "{} items", latest.items.len());
    let md = api::referential_markdown(r, sobriete::Lang::Fr);
    let changes = md
        .split("\n## CHANGES\n\n")
        .nth(1)
        .expect("a CHANGES section");
    // The Markdown escapes "1." (it would start a list).
    assert!(
        changes.replace('\\', "").starts_with("### 1.1.0 ("),
        "{changes}"
    );
}

#[test]
fn level_one_stays_answerable_by_a_small_commune() {
    // A commune of 800 inhabitants answers level 1 in under an hour: a
    // bounded number of questions, "don't know" always possible, and
    // "not applicable" wherever it may have nothing to report.
    let r = api::default_referential().expect("valid");
    let l1: Vec<_> = r.questions.iter().filter(|q| q.level == 1).collect();
    assert!(l1.len() <= 40, "level 1 has {} questions", l1.len());
    for q in &l1 {
        assert!(q.allow_dont_know, "{} refuses don't know", q.id);
    }
    // Questions about things a small commune may not have.
    for id in [
        "flt-12", "pur-04", "pur-05", "eco-01", "eco-03", "flt-22", "flt-26", "eco-21",
    ] {
        let q = r.question(id).unwrap_or_else(|| panic!("{id}"));
        assert!(q.allow_not_applicable, "{id} has no not-applicable answer");
    }
    // Where a vendor or the OPSN runs the service, asking them counts.
    for id in ["net-22", "eco-22", "flt-25"] {
        let q = r.question(id).unwrap();
        let Response::SingleChoice { options } = &q.response else {
            panic!("{id} is not a single choice");
        };
        assert!(
            options
                .iter()
                .any(|o| o.points > 0 && o.label.fr.contains("demand")),
            "{id} has no scored option for information requested"
        );
    }
}
