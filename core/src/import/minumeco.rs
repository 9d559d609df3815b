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

use super::builder::{
    action, not_this_format, paragraphs, question, ratings_line, Builder, Heading, SourceMeta,
};
use super::{
    field, fold, fr, id_field, list_field, main_list, objects, parse_source, rating_field,
    rgesn::wildcard, slug, text_field, ImportFormat, Imported, Log,
};
use crate::input::parse::join;
use crate::model::error::{Error, IssueCode};
use crate::model::referential::{
    Action, AnswerOption, Outcome, Question, Rating, References, Response, Theme,
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

/// Field aliases of a practice carried into the referential.
const CARRIED: &[&[&str]] = &[
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

/// Imports the guide (JSON value).
pub fn import_value(value: &Value) -> Result<Imported, Error> {
    let mut log = Log::default();
    let Some((groups, source_entries)) = groups(value, &mut log) else {
        return Err(not_this_format(
            "not the good-practice guide: expected `thematiques` with their `bonnesPratiques`, or a list of practices",
        ));
    };
    let mut b = Builder::new(log);
    for g in groups {
        let before = b.questions();
        for (n, (path, p)) in g.practices.iter().enumerate() {
            practice(&mut b, &g, n, path, p);
        }
        if b.questions() > before {
            b.add_theme(g.theme);
        }
    }
    finish(value, b, source_entries)
}

/// Imports the `n`th practice of a theme.
fn practice(b: &mut Builder, g: &Group, n: usize, path: &str, p: &Map<String, Value>) {
    let theme_id = &g.theme.id;
    b.log.drop_unknown(p, &wildcard(path), CARRIED);
    let Some(title) = text_field(p, TITLE) else {
        b.log.skip(path, "a practice without a title (`titre`)");
        return;
    };
    let id = id_field(p, ID).unwrap_or_else(|| {
        let id = format!("{theme_id}.{}", n + 1);
        let message = format!("a practice without an id: {id} given");
        b.log.warn(IssueCode::MissingField, path, message);
        id
    });
    if !b.first_time("practice", &id, path) {
        return;
    }
    let (impact, impact_word) = rating_field(p, PRIORITY, "priority", path, &mut b.log);
    let (effort, effort_word) = rating_field(p, DIFFICULTY, "difficulty", path, &mut b.log);
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
    let rationale = text_field(p, DESCRIPTION).unwrap_or_else(|| {
        let priority = impact_word.as_deref().unwrap_or("—");
        let mut s = format!(
            "Bonne pratique « {priority} » de la thématique « {} » du guide de bonnes pratiques numérique responsable pour les organisations.",
            g.theme.title.fr
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
    let options = vec![
        option("non", "Non", "No", 0),
        option("partiel", "En partie", "Partly", 1),
        option("oui", "Oui", "Yes", 2),
    ];
    let prompt = fr(title.clone());
    let q = Question {
        // "Prioritaire" practices are the essentials.
        level: if impact == Rating::High && impact_word.is_some() {
            1
        } else {
            2
        },
        help: paragraphs(help.clone()),
        references: References {
            reen_areas: g.reen_area.into_iter().collect(),
            rgesn: Vec::new(),
            legal: Vec::new(),
            urls: url.into_iter().collect(),
        },
        ..question(
            &id,
            theme_id,
            prompt,
            fr(rationale),
            Response::SingleChoice { options },
        )
    };
    let description = ratings_line(impact_word, effort_word).into_iter();
    let leads_to = Outcome::Choice {
        options: vec!["oui".to_owned()],
    };
    let a = Action {
        description: paragraphs(description.chain(help).collect()),
        ..action(
            format!("minumeco-{id}"),
            fr(title),
            (effort, impact),
            g.reen_area,
            id,
            leads_to,
        )
    };
    b.push(q, a);
}

/// Reads the metadata and assembles the referential.
fn finish(value: &Value, mut b: Builder, source_entries: usize) -> Result<Imported, Error> {
    b.drop_unknown_top(
        value,
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
    let title_keys = &["title", "titre", "nom", "name"];
    let source = SourceMeta::read(
        value,
        title_keys,
        &["version", "edition"],
        "1.0.0",
        DEFAULT_SOURCE,
        &mut b.log,
    );
    let url = &source.url;
    let heading = Heading {
        id: "minumeco-guide",
        title: fr(source.title.clone().unwrap_or_else(|| DEFAULT_TITLE.to_owned())),
        description: fr(format!(
            "{}Bonnes pratiques importées du guide (source : {url}). Réponses : Non, En partie, Oui.",
            source.description.as_ref().map(|d| format!("{d}. ")).unwrap_or_default()
        )),
        publisher: super::publisher(value).unwrap_or_else(|| "DINUM, MiNumEco".to_owned()),
        license: format!("Licence Ouverte / Etalab 2.0 — DINUM, MiNumEco ({url})"),
    };
    b.finish(ImportFormat::Minumeco, heading, source, source_entries, 0)
}
