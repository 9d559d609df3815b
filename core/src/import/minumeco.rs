//! The good-practice guide for organisations ("Guide de bonnes pratiques
//! numérique responsable pour les organisations", DINUM, MTE, INR, published
//! by MiNumEco) → referential.
//!
//! Accepted shapes: an object with `thematiques` (or `themes`,
//! `categories`), each with its `bonnesPratiques` (or `bonnes_pratiques`,
//! `pratiques`, `practices`); or a flat list of practices (an array, or
//! `bonnesPratiques` at the top level) where each practice names its
//! `thematique`. Metadata (`title`, `version`, `url`, `author`) is read when
//! present. Field names are compared without case, accents, `_` or `-`.
//!
//! Mapping:
//!
//! - a thématique → a theme (id: the source id without its trailing dot,
//!   `a.` → `a`, else the folded title; its HTML description is cleaned);
//! - a practice → a single-choice question with three levels, "Non" (0),
//!   "En partie" (1), "Oui" (2) — organisations put practices in place
//!   gradually; "don't know" and "not applicable" are allowed (a small
//!   organisation may have no server room). The id is kept (`a.1`); the
//!   title is the prompt; "Prioritaire" practices are level 1 (essentials),
//!   the others level 2;
//! - the owners (`pilotes`) and indicators (`indicateurs`) go into the
//!   help; the rationale is the practice's description when it has one,
//!   else its priority and theme with the link to its page; the page URL
//!   goes into `references.urls`;
//! - the action `minumeco-<id>`, titled like the practice (already an
//!   imperative), leads to "Oui"; impact from the priority (Aller plus loin /
//!   Recommandée / Prioritaire → low/medium/high), effort from the difficulty
//!   (Facile/Moyenne/Difficile → low/medium/high); REEN area from the theme
//!   title (purchasing → 1, use and end of use → 2, digital services → 3,
//!   awareness and training → 4, else none).
//!
//! Skipped: an entry that is not an object or has no title. A practice
//! without an id gets `<theme>.<n>` (warning); a repeated id is skipped.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{
    field, fold, fr, id_field, list_field, main_list, meta, objects, parse_source, rating_field,
    rgesn::wildcard, semver_of, slug, source_error, text_field, ImportFormat, Imported, Log,
};
use crate::input::parse::join;
use crate::model::error::{Error, Issue, IssueCode};
use crate::model::referential::{
    Action, Addressed, AnswerOption, Outcome, Question, Rating, References, Referential, Response,
    Theme,
};
use crate::model::text::Text;

const THEMES: &[&str] = &["thematiques", "themes", "categories", "familles"];
const PRACTICES: &[&str] = &[
    "bonnesPratiques",
    "pratiques",
    "practices",
    "goodPractices",
    "fiches",
    "items",
];
const ID: &[&str] = &["id", "numero", "code", "reference", "ref"];
const TITLE: &[&str] = &[
    "titre", "title", "nom", "name", "intitule", "libelle", "label",
];
const DESCRIPTION: &[&str] = &["description", "resume", "contenu", "summary", "texte"];
const PRIORITY: &[&str] = &["priorite", "priority", "niveau"];
const DIFFICULTY: &[&str] = &["difficulte", "difficulty", "effort"];
const OWNERS: &[&str] = &[
    "pilotes",
    "pilote",
    "porteurs",
    "owners",
    "roles",
    "responsables",
];
const INDICATORS: &[&str] = &["indicateurs", "indicateur", "indicators", "kpi"];
const URL: &[&str] = &["url", "lien", "link", "fiche"];
const THEME_OF: &[&str] = &["thematique", "theme", "categorie", "category", "famille"];

const DEFAULT_TITLE: &str =
    "Guide de bonnes pratiques numérique responsable pour les organisations";
const DEFAULT_SOURCE: &str = "https://ecoresponsable.numerique.gouv.fr/";

/// Imports the guide (JSON text).
pub fn import(json: &str) -> Result<Imported, Error> {
    import_value(&parse_source(json)?)
}

/// A theme being built and its practices (path, object).
struct Group<'a> {
    theme: Theme,
    reen_area: Option<u8>,
    practices: Vec<(String, &'a Map<String, Value>)>,
}

fn reen_area_of(title: &str) -> Option<u8> {
    let t = fold(title);
    if t.contains("achat") || t.contains("purchas") || t.contains("procurement") {
        Some(1)
    } else if t.contains("usage") || t.contains("materiel") || t.contains("equipement") {
        Some(2)
    } else if t.contains("services numeriques") || t.contains("ecoconception") {
        Some(3)
    } else if t.contains("sensibilisation") || t.contains("formation") {
        Some(4)
    } else {
        None
    }
}

fn new_group<'a>(id: String, title: String, description: Option<String>) -> Group<'a> {
    Group {
        reen_area: reen_area_of(&title),
        theme: Theme {
            id,
            title: fr(title),
            description: description.map(fr),
            weight: 1.0,
            sub_themes: Vec::new(),
        },
        practices: Vec::new(),
    }
}

fn unique_theme_id(groups: &[Group], wanted: &str) -> String {
    let mut candidate = wanted.to_owned();
    let mut n = 2;
    while groups.iter().any(|g| g.theme.id == candidate) {
        candidate = format!("{wanted}-{n}");
        n += 1;
    }
    candidate
}

fn groups<'a>(value: &'a Value, log: &mut Log) -> Option<(Vec<Group<'a>>, usize)> {
    let mut out: Vec<Group<'a>> = Vec::new();
    let mut entries = 0;
    // Themes with their practices.
    if let Some((themes, base)) = main_list(value, THEMES) {
        let nested = themes.iter().any(
            |t| matches!(t, Value::Object(m) if matches!(field(m, PRACTICES), Some((_, Value::Array(_))))),
        );
        if nested {
            for (t, theme) in themes.iter().enumerate() {
                let tpath = join(&base, &t.to_string());
                let Value::Object(m) = theme else {
                    log.skip(&tpath, "not an object");
                    continue;
                };
                log.drop_unknown(m, &wildcard(&tpath), &[ID, TITLE, DESCRIPTION, PRACTICES]);
                let Some((key, Value::Array(items))) = field(m, PRACTICES) else {
                    log.skip(&tpath, "a theme without a list of practices");
                    continue;
                };
                let source_id = id_field(m, ID).map(|s| s.trim_end_matches('.').to_owned());
                let Some(title) = text_field(m, TITLE).or_else(|| source_id.clone()) else {
                    log.skip(
                        &tpath,
                        format!(
                            "a theme without a title nor an id: its {} practices are not imported",
                            items.len()
                        ),
                    );
                    entries += items.len();
                    continue;
                };
                let wanted = source_id
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| slug(&title));
                let id = unique_theme_id(&out, &wanted);
                let mut g = new_group(id, title, text_field(m, DESCRIPTION));
                g.practices = objects(items, &join(&tpath, key), log, &mut entries);
                out.push(g);
            }
            return Some((out, entries));
        }
    }
    // A flat list of practices, each naming its theme.
    let (items, base) = main_list(value, PRACTICES)?;
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        entries += 1;
        let path = join(&base, &i.to_string());
        let Value::Object(p) = item else {
            log.skip(&path, "not an object");
            continue;
        };
        let name = match field(p, THEME_OF) {
            Some((_, Value::Object(t))) => text_field(t, TITLE),
            Some(_) => text_field(p, THEME_OF),
            None => None,
        };
        let name = name.unwrap_or_else(|| {
            log.warn(
                IssueCode::MissingField,
                &path,
                "a practice without a theme: put in « Sans thématique »",
            );
            "Sans thématique".to_owned()
        });
        let index = match by_name.get(&name) {
            Some(&k) => k,
            None => {
                let id = unique_theme_id(&out, &slug(&name));
                out.push(new_group(id, name.clone(), None));
                let k = out.len() - 1;
                by_name.insert(name, k);
                k
            }
        };
        if let Some(g) = out.get_mut(index) {
            g.practices.push((path, p));
        }
    }
    Some((out, entries))
}

/// Imports the guide (JSON value).
pub fn import_value(value: &Value) -> Result<Imported, Error> {
    let mut log = Log::default();
    let Some((groups, source_entries)) = groups(value, &mut log) else {
        return Err(source_error(vec![Issue::error(
            IssueCode::UnknownDocument,
            "",
            "not the good-practice guide: expected `thematiques` with their `bonnesPratiques`, or a list of practices",
        )]));
    };
    let known: &[&[&str]] = &[
        ID,
        TITLE,
        DESCRIPTION,
        PRIORITY,
        DIFFICULTY,
        OWNERS,
        INDICATORS,
        URL,
        THEME_OF,
    ];
    let mut themes = Vec::new();
    let mut questions = Vec::new();
    let mut actions = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for g in groups {
        let theme_id = g.theme.id.clone();
        let theme_title = g.theme.title.fr.clone();
        let mut count = 0usize;
        for (n, (path, p)) in g.practices.iter().enumerate() {
            log.drop_unknown(p, &wildcard(path), known);
            let Some(title) = text_field(p, TITLE) else {
                log.skip(path, "a practice without a title (`titre`)");
                continue;
            };
            let id = match id_field(p, ID) {
                Some(id) => id,
                None => {
                    let id = format!("{theme_id}.{}", n + 1);
                    log.warn(
                        IssueCode::MissingField,
                        path,
                        format!("a practice without an id: {id} given"),
                    );
                    id
                }
            };
            if let Some(first) = seen.get(&id) {
                log.skip(
                    path,
                    format!("practice {id} is already imported from {first}"),
                );
                continue;
            }
            seen.insert(id.clone(), path.clone());
            let (impact, impact_word) = rating_field(p, PRIORITY, "priority", path, &mut log);
            let (effort, effort_word) = rating_field(p, DIFFICULTY, "difficulty", path, &mut log);
            let owners = list_field(p, OWNERS, false);
            let indicators = list_field(p, INDICATORS, false);
            let url = text_field(p, URL);
            let mut help = Vec::new();
            if !owners.is_empty() {
                help.push(format!("Pilotes : {}", owners.join(", ")));
            }
            if !indicators.is_empty() {
                let lines: Vec<String> = indicators.iter().map(|i| format!("- {i}")).collect();
                help.push(format!("Indicateurs de suivi :\n{}", lines.join("\n")));
            }
            let priority_label = impact_word.clone().unwrap_or_else(|| "—".to_owned());
            let rationale = text_field(p, DESCRIPTION).unwrap_or_else(|| {
                let mut s = format!(
                    "Bonne pratique « {priority_label} » de la thématique « {theme_title} » du guide de bonnes pratiques numérique responsable pour les organisations."
                );
                if let Some(u) = &url {
                    s.push_str(&format!(" Fiche détaillée : {u}"));
                }
                s
            });
            let option = |id: &str, fr: &str, en: &str, points: i64| AnswerOption {
                id: id.to_owned(),
                label: Text::new(fr, en),
                points,
            };
            questions.push(Question {
                id: id.clone(),
                theme: theme_id.clone(),
                sub_theme: None,
                level: if impact == Rating::High && impact_word.is_some() {
                    1
                } else {
                    2
                },
                prompt: fr(title.clone()),
                help: (!help.is_empty()).then(|| fr(help.join("\n\n"))),
                rationale: fr(rationale),
                weight: 1.0,
                response: Response::SingleChoice {
                    options: vec![
                        option("non", "Non", "No", 0),
                        option("partiel", "En partie", "Partly", 1),
                        option("oui", "Oui", "Yes", 2),
                    ],
                },
                allow_dont_know: true,
                allow_not_applicable: true,
                require_justification: false,
                condition: None,
                applies_to: None,
                references: References {
                    reen_areas: g.reen_area.into_iter().collect(),
                    rgesn: Vec::new(),
                    legal: Vec::new(),
                    urls: url.into_iter().collect(),
                },
                eco_clic_not_applicable: None,
                eco_clic_dont_know: None,
            });
            let mut description: Vec<String> = Vec::new();
            let ratings: Vec<String> = [
                impact_word.map(|w| format!("Priorité : {w}")),
                effort_word.map(|w| format!("Difficulté : {w}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !ratings.is_empty() {
                description.push(ratings.join(" · "));
            }
            description.extend(help);
            actions.push(Action {
                id: format!("minumeco-{id}"),
                title: fr(title),
                description: (!description.is_empty()).then(|| fr(description.join("\n\n"))),
                effort,
                impact,
                cost: None,
                reen_area: g.reen_area,
                addresses: vec![Addressed {
                    question: id,
                    leads_to: Outcome::Choice {
                        options: vec!["oui".to_owned()],
                    },
                }],
                requires: Vec::new(),
                references: References::default(),
            });
            count += 1;
        }
        if count > 0 {
            themes.push(g.theme);
        }
    }
    if let Value::Object(top) = value {
        log.drop_unknown(
            top,
            "",
            &[
                THEMES,
                PRACTICES,
                &["title", "titre", "nom", "name"],
                &["version"],
                &["url", "source", "lien"],
                &["description"],
                &["author", "auteur", "editeur", "publisher"],
            ],
        );
    }
    let source_title = meta(value, &["title", "titre", "nom", "name"]);
    let source_version = meta(value, &["version", "edition"]);
    let version = match source_version.as_deref().map(semver_of) {
        None => "1.0.0".to_owned(),
        Some(Some(v)) => v,
        Some(None) => {
            log.warn(
                IssueCode::InvalidVersion,
                "/version",
                format!("version {source_version:?} has no number: 1.0.0 used"),
            );
            "1.0.0".to_owned()
        }
    };
    let url = meta(value, &["url", "source", "lien"]).unwrap_or_else(|| DEFAULT_SOURCE.to_owned());
    let publisher = super::publisher(value).unwrap_or_else(|| "DINUM, MiNumEco".to_owned());
    let description = meta(value, &["description"]);
    let referential = Referential {
        id: "minumeco-guide".to_owned(),
        version,
        title: fr(source_title.clone().unwrap_or_else(|| DEFAULT_TITLE.to_owned())),
        description: Some(fr(format!(
            "{}Bonnes pratiques importées du guide (source : {url}). Réponses : Non, En partie, Oui.",
            description.map(|d| format!("{d}. ")).unwrap_or_default()
        ))),
        publisher: Some(publisher),
        license: Some(format!(
            "Licence Ouverte / Etalab 2.0 — DINUM, MiNumEco ({url})"
        )),
        themes,
        questions,
        actions,
        grades: Vec::new(),
        changes: Vec::new(),
        lookup: Default::default(),
    };
    super::finish(
        referential,
        ImportFormat::Minumeco,
        source_title,
        source_version,
        source_entries,
        0,
        log,
    )
}
