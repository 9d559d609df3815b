//! W3C Web Sustainability Guidelines (WSG) → referential.
//!
//! Accepted shapes: an object with `category` (or `categories`), each with
//! its `guidelines` (the Ninth Draft); or `guidelines` at the top level, each
//! naming its `category` (by id or name). A guideline's success criteria are
//! read from `criteria` or `successCriteria`, as objects (`title`,
//! `description`, `testable`) or plain strings. Field names are compared
//! without case, `_` or `-`.
//!
//! Mapping:
//!
//! - a category with guidelines → a theme (id: the category id, e.g. `2`;
//!   title in English with a French translation for the known categories); a
//!   category without guidelines (the Introduction) is reported as skipped;
//! - a guideline → a question `<category>.<guideline>` (e.g. `2.1`, the
//!   numbering of the WSG document; an id that already has a dot is kept).
//!   Its success criteria are the options of a multiple-choice question, one
//!   point each (`1`, `2`, … in their order), so a guideline partly met
//!   scores partly and a guideline "in place" (for the conformity figure)
//!   has every criterion met; a guideline without criteria is a yes/no
//!   question. "Not applicable" and "don't know" are allowed; every question
//!   is level 1;
//! - the guideline's description and benefits → the rationale; its tags →
//!   the help; its URL → `references.urls`;
//! - the action `wsg-<id>` ("Appliquer la ligne directrice …") meets every
//!   criterion; its impact and effort are the guideline's (Low/Medium/High),
//!   so `candidates` lists the high-impact, low-effort guidelines first
//!   among its quick wins; REEN area 3 (eco-design of digital services).
//!
//! The WSG texts are in English: they fill both the `fr` and the `en` slot
//! of our texts (there is no French translation); the titles written by the
//! importer are in French and English. `GRI`, `example` and `resources` are
//! not carried over (listed in the report's `dropped_fields`). The W3C
//! notice and the source URL are kept in the referential's `license`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::builder::{action, not_this_format, question, Builder, Heading, SourceMeta};
use super::{
    field, fold, id_field, list_field, main_list, meta, objects, parse_source, rating_field,
    rgesn::wildcard, scalar_text, semver_of, slug, text_field, ImportFormat, Imported, Log,
};
use crate::input::parse::join;
use crate::model::error::{Error, IssueCode};
use crate::model::referential::{AnswerOption, Outcome, Question, References, Response, Theme};
use crate::model::text::Text;

const CATEGORIES: &[&str] = &["category", "categories", "sections"];
const GUIDELINES: &[&str] = &["guidelines", "guideline_list", "items"];
const CAT_NAME: &[&str] = &["name", "title", "shortName"];
const ID: &[&str] = &["id", "number", "ref"];
const TITLE: &[&str] = &["guideline", "title", "name"];
const DESCRIPTION: &[&str] = &["description", "intent", "summary"];
const CRITERIA: &[&str] = &["criteria", "successCriteria", "success_criteria"];
const IMPACT: &[&str] = &["impact"];
const EFFORT: &[&str] = &["effort"];
const BENEFITS: &[&str] = &["benefits"];
const TAGS: &[&str] = &["tags"];
const URL: &[&str] = &["url", "link", "href"];
const CAT_OF: &[&str] = &["category", "categoryId", "section"];
const CARRIED: &[&[&str]] = &[
    ID,
    TITLE,
    DESCRIPTION,
    CRITERIA,
    IMPACT,
    EFFORT,
    BENEFITS,
    TAGS,
    URL,
    CAT_OF,
];

const DEFAULT_SOURCE: &str = "https://w3c.github.io/sustyweb/";

/// Imports the WSG (JSON text).
pub fn import(json: &str) -> Result<Imported, Error> {
    import_value(&parse_source(json)?)
}

/// French titles of the known categories.
fn french_title(name: &str) -> Option<&'static str> {
    let n = fold(name);
    if n.contains("user") && n.contains("experience") {
        Some("Conception de l’expérience utilisateur")
    } else if n.contains("web development") {
        Some("Développement web")
    } else if n.contains("hosting") {
        Some("Hébergement, infrastructure et systèmes")
    } else if n.contains("business") || n.contains("strategy") {
        Some("Stratégie et gestion de produit")
    } else {
        None
    }
}

/// The English names of the categories of the published drafts, by id
/// (for sources that name a guideline's category by its number only).
fn known_category(id: &str) -> Option<&'static str> {
    match id {
        "2" => Some("User-Experience Design"),
        "3" => Some("Web Development"),
        "4" => Some("Hosting, Infrastructure And Systems"),
        "5" => Some("Business Strategy And Product Management"),
        _ => None,
    }
}

/// A text with the English original in both slots.
fn both(s: String) -> Text {
    Text {
        fr: s.clone(),
        en: Some(s),
    }
}

/// The link text of a Markdown link (`[Machine Testable](…)` → `Machine Testable`).
fn link_text(s: &str) -> String {
    match s.strip_prefix('[').and_then(|r| r.split_once("](")) {
        Some((text, _)) => text.to_owned(),
        None => s.to_owned(),
    }
}

/// A category: theme id, title, guidelines (path, object).
struct Category<'a> {
    id: String,
    name: String,
    guidelines: Vec<(String, &'a Map<String, Value>)>,
}

fn categories<'a>(value: &'a Value, log: &mut Log) -> Option<(Vec<Category<'a>>, usize)> {
    let mut out: Vec<Category<'a>> = Vec::new();
    let mut entries = 0;
    if let Some((cats, base)) = main_list(value, CATEGORIES) {
        let nested = cats.iter().any(|c| matches!(c, Value::Object(m) if field(m, GUIDELINES).is_some() || field(m, CAT_NAME).is_some()));
        if nested {
            for (k, cat) in cats.iter().enumerate() {
                let cpath = join(&base, &k.to_string());
                let Value::Object(m) = cat else {
                    log.skip(&cpath, "not an object");
                    continue;
                };
                log.drop_unknown(m, &wildcard(&cpath), &[ID, CAT_NAME, GUIDELINES]);
                let id = id_field(m, ID).unwrap_or_else(|| (k + 1).to_string());
                let name = text_field(m, &["name", "title"])
                    .or_else(|| text_field(m, &["shortName"]))
                    .unwrap_or_else(|| format!("Category {id}"));
                let list = match field(m, GUIDELINES) {
                    Some((key, Value::Array(items))) if !items.is_empty() => Some((key, items)),
                    _ => None,
                };
                let Some((key, items)) = list else {
                    log.skip(
                        &cpath,
                        format!("category {id} « {name} » has no guidelines"),
                    );
                    continue;
                };
                let guidelines = objects(items, &join(&cpath, key), log, &mut entries);
                out.push(Category {
                    id,
                    name,
                    guidelines,
                });
            }
            return Some((out, entries));
        }
    }
    // Guidelines at the top level, each naming its category.
    let (items, base) = main_list(value, GUIDELINES)?;
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, g) in items.iter().enumerate() {
        entries += 1;
        let path = join(&base, &i.to_string());
        let Value::Object(gm) = g else {
            log.skip(&path, "not an object");
            continue;
        };
        let (id, name) = match field(gm, CAT_OF) {
            Some((_, Value::Object(c))) => {
                let name = text_field(c, CAT_NAME);
                let id = id_field(c, ID).or_else(|| name.as_deref().map(slug));
                (id, name)
            }
            Some((_, v)) => match scalar_text(v) {
                Some(s) if s.trim().chars().all(|c| c.is_ascii_digit()) => {
                    (Some(s.trim().to_owned()), None)
                }
                Some(s) => (Some(slug(&s)), Some(super::clean::clean(&s))),
                None => (None, None),
            },
            None => (None, None),
        };
        let id = id.unwrap_or_else(|| {
            log.warn(
                IssueCode::MissingField,
                &path,
                "a guideline without a category: put in « other »",
            );
            "other".to_owned()
        });
        let index = match by_key.get(&id) {
            Some(&k) => k,
            None => {
                out.push(Category {
                    name: name
                        .or_else(|| known_category(&id).map(str::to_owned))
                        .unwrap_or_else(|| format!("Category {id}")),
                    id: id.clone(),
                    guidelines: Vec::new(),
                });
                let k = out.len() - 1;
                by_key.insert(id, k);
                k
            }
        };
        if let Some(c) = out.get_mut(index) {
            c.guidelines.push((path, gm));
        }
    }
    Some((out, entries))
}

/// Imports the WSG (JSON value).
pub fn import_value(value: &Value) -> Result<Imported, Error> {
    let mut log = Log::default();
    let Some((cats, source_entries)) = categories(value, &mut log) else {
        return Err(not_this_format(
            "not the Web Sustainability Guidelines: expected `category` with their `guidelines`, or a list of `guidelines`",
        ));
    };
    let mut b = Builder::new(log);
    let mut criteria_count = 0usize;
    for cat in cats {
        let before = b.questions();
        for (n, (path, g)) in cat.guidelines.iter().enumerate() {
            criteria_count += guideline(&mut b, &cat.id, n, path, g);
        }
        if b.questions() > before {
            b.add_theme(Theme {
                id: cat.id.clone(),
                title: match french_title(&cat.name) {
                    Some(f) => Text::new(f, cat.name.clone()),
                    None => both(cat.name.clone()),
                },
                description: None,
                weight: 1.0,
                sub_themes: Vec::new(),
            });
        }
    }
    finish(value, b, source_entries, criteria_count)
}

/// Imports the `n`th guideline of a category; returns its number of
/// success criteria.
fn guideline(b: &mut Builder, cat: &str, n: usize, path: &str, g: &Map<String, Value>) -> usize {
    b.log.drop_unknown(g, &wildcard(path), CARRIED);
    let Some(title) = text_field(g, TITLE) else {
        b.log
            .skip(path, "a guideline without a title (`guideline`)");
        return 0;
    };
    let gid = id_field(g, ID).unwrap_or_else(|| (n + 1).to_string());
    // An id with a dot is already numbered like the WSG document.
    let id = if gid.contains('.') {
        gid
    } else {
        format!("{cat}.{gid}")
    };
    if !b.first_time("guideline", &id, path) {
        return 0;
    }
    let (impact, _) = rating_field(g, IMPACT, "impact", path, &mut b.log);
    let (effort, _) = rating_field(g, EFFORT, "effort", path, &mut b.log);
    let options = success_criteria(g, path, &mut b.log);
    let criteria = options.len();
    let option_ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
    let (response, leads_to) = if options.is_empty() {
        let yes_no = Response::YesNo {
            yes_points: 1,
            no_points: 0,
        };
        (yes_no, Outcome::Yes)
    } else {
        let choice = Outcome::Choice {
            options: option_ids,
        };
        (Response::MultipleChoice { options, cap: None }, choice)
    };
    let rationale = rationale(g)
        .unwrap_or_else(|| format!("Guideline {id} of the Web Sustainability Guidelines."));
    let tags = list_field(g, TAGS, false);
    let q = Question {
        help: (!tags.is_empty()).then(|| both(format!("Tags: {}", tags.join(", ")))),
        references: References {
            reen_areas: vec![3],
            rgesn: Vec::new(),
            legal: Vec::new(),
            urls: text_field(g, URL).into_iter().collect(),
        },
        ..question(&id, cat, both(title.clone()), both(rationale), response)
    };
    let action_title = Text::new(
        format!("Appliquer la ligne directrice WSG {id} : {title}"),
        format!("Apply WSG guideline {id}: {title}"),
    );
    let ratings = (effort, impact);
    let a = action(
        format!("wsg-{id}"),
        action_title,
        ratings,
        Some(3),
        id,
        leads_to,
    );
    b.push(q, a);
    criteria
}

/// A guideline's success criteria as options, one point each.
fn success_criteria(g: &Map<String, Value>, path: &str, log: &mut Log) -> Vec<AnswerOption> {
    let mut options: Vec<AnswerOption> = Vec::new();
    let Some((key, Value::Array(list))) = field(g, CRITERIA) else {
        return options;
    };
    let cbase = join(path, key);
    for (k, c) in list.iter().enumerate() {
        let cpath = join(&cbase, &k.to_string());
        let label = match c {
            Value::Object(cm) => {
                let known: &[&[&str]] = &[&["title", "name"], DESCRIPTION, &["testable"]];
                log.drop_unknown(cm, &wildcard(&cpath), known);
                let t = text_field(cm, &["title", "name"]);
                let d = text_field(cm, DESCRIPTION);
                let testable = text_field(cm, &["testable"]).map(|s| link_text(&s));
                let main = match (t, d) {
                    (Some(t), Some(d)) => Some(format!("{t}: {d}")),
                    (Some(x), None) | (None, Some(x)) => Some(x),
                    (None, None) => None,
                };
                main.map(|m| match testable {
                    Some(tst) => format!("{m} ({tst})"),
                    None => m,
                })
            }
            other => scalar_text(other)
                .map(|s| super::clean::clean(&s))
                .filter(|s| !s.is_empty()),
        };
        match label {
            Some(l) => options.push(AnswerOption {
                id: (options.len() + 1).to_string(),
                label: both(l),
                points: 1,
            }),
            None => log.skip(&cpath, "a success criterion without a text"),
        }
    }
    options
}

/// The description and benefits of a guideline, when it has any.
fn rationale(g: &Map<String, Value>) -> Option<String> {
    let mut rationale = Vec::new();
    if let Some(d) = text_field(g, DESCRIPTION) {
        rationale.push(d);
    }
    if let Some((_, b)) = field(g, BENEFITS) {
        let objs: Vec<&Map<String, Value>> = match b {
            Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
            Value::Object(m) => vec![m],
            _ => Vec::new(),
        };
        let mut lines = Vec::new();
        for (k, v) in objs.into_iter().flatten() {
            if let Some(t) = scalar_text(v).map(|s| super::clean::clean(&s)) {
                if !t.is_empty() {
                    lines.push(format!("- {}: {t}", super::clean::clean(k)));
                }
            }
        }
        if !lines.is_empty() {
            rationale.push(format!("Benefits:\n{}", lines.join("\n")));
        }
    }
    (!rationale.is_empty()).then(|| rationale.join("\n\n"))
}

/// Reads the metadata (number and edition of the draft, date) and
/// assembles the referential.
fn finish(
    value: &Value,
    b: Builder,
    source_entries: usize,
    criteria: usize,
) -> Result<Imported, Error> {
    let title = meta(value, &["title", "name"]);
    let number = meta(value, &["version"]);
    let edition = meta(value, &["edition", "status"]);
    let modified = meta(value, &["lastModified", "date", "published"]);
    let url = meta(value, &["url", "source"]).unwrap_or_else(|| DEFAULT_SOURCE.to_owned());
    let year: String = modified
        .as_deref()
        .unwrap_or("2024")
        .chars()
        .take(4)
        .collect();
    let heading = {
        let t = title.as_deref().unwrap_or("Web Sustainability Guidelines");
        match &edition {
            Some(e) => format!("{t} (W3C), {e}"),
            None => format!("{t} (W3C)"),
        }
    };
    let date = |label: &str| {
        let d = modified.as_deref();
        d.map(|d| format!(" ({label} {d})")).unwrap_or_default()
    };
    let heading = Heading {
        id: "wsg",
        title: both(heading),
        description: Text::new(
            format!(
                "Lignes directrices du W3C pour un web durable, importées de {url}{}. Chaque ligne directrice est une question dont les options sont ses critères de succès (un point chacun) ; impact et effort des actions viennent de la ligne directrice. Textes en anglais (pas de traduction française).",
                date("version du")
            ),
            format!(
                "W3C Web Sustainability Guidelines, imported from {url}{}. Each guideline is a question whose options are its success criteria (one point each); the actions' impact and effort are the guideline's.",
                date("last modified")
            ),
        ),
        publisher: "W3C Sustainable Web Design Community Group".to_owned(),
        license: format!(
            "Copyright © {year} World Wide Web Consortium. All Rights Reserved. This work is distributed under the W3C® Software and Document License (https://www.w3.org/copyright/software-license-2023/) in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. Source: {url}"
        ),
    };
    // The draft's number gives the version (no warning: drafts are named,
    // not numbered), the edition completes it as written.
    let source = SourceMeta {
        version: match (&number, &edition) {
            (Some(n), Some(e)) => Some(format!("{n} {e}")),
            (Some(x), None) | (None, Some(x)) => Some(x.clone()),
            (None, None) => None,
        },
        semver: number
            .as_deref()
            .and_then(semver_of)
            .unwrap_or_else(|| "1.0.0".to_owned()),
        title,
        url,
        description: None,
    };
    b.finish(ImportFormat::Wsg, heading, source, source_entries, criteria)
}
