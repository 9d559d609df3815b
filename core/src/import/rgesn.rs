//! RGESN (Référentiel général d'écoconception de services numériques,
//! Arcep, Arcom, DINUM) → referential.
//!
//! Accepted shapes: the criteria as a JSON array (the 2024 publication); the
//! array under `criteres` / `criteria` in an object carrying metadata
//! (`version`, `titre`, `url`, …), possibly under `data`; or themes
//! (`thematiques` / `themes`) each carrying its `criteres`. Field names are
//! compared without case, accents, `_` or `-` (`miseEnOeuvre`,
//! `mise_en_oeuvre`), and common alternatives are read (`id` for `numero`,
//! `question` for `critere`, …); ids may be numbers.
//!
//! Mapping (one question and one action per criterion):
//!
//! - `thematique` → a theme (id: the name folded, e.g. `ux-ui`);
//! - `numero` → the question id, kept as written (`1.1`, `1-1`, `12`), and
//!   the question's `references.rgesn`;
//! - `critere` → the prompt, a yes/no question: yes = conforme, no = non
//!   conforme, "not applicable" (always allowed) = non applicable; no
//!   "don't know". Every question is level 1, so a level-1 assessment
//!   covers every criterion and the report's `conformity.rate` is the RGESN
//!   conformity rate, conformes ÷ (total − non applicables);
//! - `objectif` → the rationale; `miseEnOeuvre`, `controle`, `cible` and
//!   `metiers` → the help, in that order;
//! - the action `rgesn-<numero>` ("Mettre en conformité le critère …")
//!   leads to yes; its effort is the `difficulte` (Faible/Moyen/Fort →
//!   low/medium/high) and its impact the `priorite` (Modéré/Recommandé/
//!   Prioritaire → low/medium/high: the RGESN ranks criteria by their
//!   expected effect); the original words open its description; REEN area 3
//!   (eco-design of digital services).
//!
//! Skipped: an entry that is not an object, has no `numero` or no criterion
//! text, or repeats a `numero`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{
    field, fr, id_field, list_field, main_list, meta, name_field, parse_source, publisher,
    rating_field, semver_of, slug, source_error, text_field, ImportFormat, Imported, Log,
};
use crate::input::parse::join;
use crate::model::error::{Error, Issue, IssueCode};
use crate::model::referential::{
    Action, Addressed, Outcome, Question, References, Referential, Response, Theme,
};
use crate::model::text::Text;

const ID: &[&str] = &["numero", "id", "num", "number", "reference", "ref", "code"];
const THEME: &[&str] = &["thematique", "theme", "famille", "category", "categorie"];
/// The name of a theme object that carries its criteria.
const THEME_NAME: &[&str] = &[
    "thematique",
    "theme",
    "nom",
    "titre",
    "name",
    "title",
    "famille",
    "category",
    "categorie",
];
const CRITERION: &[&str] = &[
    "critere",
    "criterion",
    "question",
    "intitule",
    "libelle",
    "label",
    "titre",
    "title",
];
const DIFFICULTY: &[&str] = &["difficulte", "difficulty", "effort"];
const PRIORITY: &[&str] = &["priorite", "priority", "impact"];
const OBJECTIVE: &[&str] = &["objectif", "objective", "objectifs"];
const IMPLEMENTATION: &[&str] = &["miseEnOeuvre", "implementation", "miseEnOeuvres"];
const CONTROL: &[&str] = &["controle", "control", "moyenDeTest", "test", "verification"];
const TARGET: &[&str] = &["cible", "target", "applicabilite", "perimetre"];
const ROLES: &[&str] = &["metiers", "roles", "metier", "profils"];
const URL: &[&str] = &["url", "lien", "link"];
const LISTS: &[&str] = &["criteres", "criteria", "items", "liste", "list"];
const THEME_LISTS: &[&str] = &["thematiques", "themes", "familles", "categories"];

/// Default version when the source gives none (the 2024 publication is a
/// bare list without metadata).
pub const DEFAULT_VERSION: &str = "2024.0.0";
const DEFAULT_TITLE: &str = "Référentiel général d'écoconception de services numériques (RGESN)";
const DEFAULT_SOURCE: &str =
    "https://ecoresponsable.numerique.gouv.fr/publications/referentiel-general-ecoconception/";

/// Imports RGESN criteria (JSON text).
pub fn import(json: &str) -> Result<Imported, Error> {
    import_value(&parse_source(json)?)
}

/// A criterion entry: its JSON pointer, its object, the theme of its parent.
type Entry<'a> = (String, &'a Map<String, Value>, Option<String>);

/// The criteria entries and the number of items in the source's lists.
fn entries<'a>(value: &'a Value, log: &mut Log) -> Option<(Vec<Entry<'a>>, usize)> {
    let mut out = Vec::new();
    let mut total = 0usize;
    let push_items = |items: &'a [Value],
                      base: &str,
                      theme: Option<String>,
                      out: &mut Vec<Entry<'a>>,
                      log: &mut Log| {
        for (i, item) in items.iter().enumerate() {
            let path = join(base, &i.to_string());
            match item {
                Value::Object(m) => out.push((path, m, theme.clone())),
                _ => log.skip(&path, "not an object"),
            }
        }
    };
    if let Some((items, base)) = main_list(value, LISTS) {
        // A list of themes with their criteria looks like a list too.
        let themed = items.iter().any(|x| {
            matches!(x, Value::Object(m) if matches!(field(m, LISTS), Some((_, Value::Array(_)))))
        });
        if !themed {
            push_items(items, &base, None, &mut out, log);
            return Some((out, items.len()));
        }
    }
    let (themes, base) = main_list(value, THEME_LISTS).or_else(|| match value {
        Value::Array(items) => Some((items.as_slice(), String::new())),
        _ => None,
    })?;
    let mut any = false;
    for (t, theme) in themes.iter().enumerate() {
        let tpath = join(&base, &t.to_string());
        let Value::Object(m) = theme else {
            log.skip(&tpath, "not an object");
            continue;
        };
        let Some((key, Value::Array(items))) = field(m, LISTS) else {
            log.skip(&tpath, "a theme without a list of criteria");
            continue;
        };
        any = true;
        log.drop_unknown(m, &wildcard(&tpath), &[THEME_NAME, LISTS, ID]);
        let name = text_field(m, THEME_NAME);
        total += items.len();
        push_items(items, &join(&tpath, key), name, &mut out, log);
    }
    any.then_some((out, total))
}

/// Imports RGESN criteria (JSON value).
pub fn import_value(value: &Value) -> Result<Imported, Error> {
    let mut log = Log::default();
    let Some((list, source_entries)) = entries(value, &mut log) else {
        return Err(source_error(vec![Issue::error(
            IssueCode::UnknownDocument,
            "",
            "not RGESN criteria: expected an array of criteria, an object with `criteres`, or themes (`thematiques`) with their `criteres`",
        )]));
    };
    let mut themes: Vec<Theme> = Vec::new();
    let mut theme_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut questions: Vec<Question> = Vec::new();
    let mut actions: Vec<Action> = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let known: &[&[&str]] = &[
        ID,
        THEME,
        CRITERION,
        DIFFICULTY,
        PRIORITY,
        OBJECTIVE,
        IMPLEMENTATION,
        CONTROL,
        TARGET,
        ROLES,
        URL,
    ];
    for (path, m, parent_theme) in list {
        let pattern = wildcard(&path);
        log.drop_unknown(m, &pattern, known);
        let Some(id) = id_field(m, ID) else {
            log.skip(&path, "no `numero` (criterion id)");
            continue;
        };
        let Some(prompt) = text_field(m, CRITERION) else {
            log.skip(&path, format!("criterion {id} has no text (`critere`)"));
            continue;
        };
        if let Some(first) = seen.get(&id) {
            log.skip(
                &path,
                format!("criterion {id} is already imported from {first}"),
            );
            continue;
        }
        seen.insert(id.clone(), path.clone());
        let theme_name = match name_field(m, THEME).or(parent_theme) {
            Some(t) => t,
            None => {
                log.warn(
                    IssueCode::MissingField,
                    &path,
                    format!("criterion {id} has no `thematique`: put in « Sans thématique »"),
                );
                "Sans thématique".to_owned()
            }
        };
        let theme_id = theme_ids
            .entry(theme_name.clone())
            .or_insert_with(|| {
                let base = slug(&theme_name);
                let mut candidate = base.clone();
                let mut n = 2;
                while themes.iter().any(|t| t.id == candidate) {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                themes.push(Theme {
                    id: candidate.clone(),
                    title: fr(theme_name.clone()),
                    description: None,
                    weight: 1.0,
                    sub_themes: Vec::new(),
                });
                candidate
            })
            .clone();
        let (effort, effort_word) = rating_field(m, DIFFICULTY, "difficulty", &path, &mut log);
        let (impact, impact_word) = rating_field(m, PRIORITY, "priority", &path, &mut log);
        let implementation = text_field(m, IMPLEMENTATION);
        let mut help = Vec::new();
        if let Some(s) = &implementation {
            help.push(format!("Mise en œuvre :\n{s}"));
        }
        if let Some(s) = text_field(m, CONTROL) {
            help.push(format!("Contrôle :\n{s}"));
        }
        if let Some(s) = text_field(m, TARGET) {
            help.push(format!("Cible : {s}"));
        }
        let roles = list_field(m, ROLES, true);
        if !roles.is_empty() {
            help.push(format!("Métiers : {}", roles.join(", ")));
        }
        let rationale = text_field(m, OBJECTIVE)
            .unwrap_or_else(|| format!("Critère {id} du RGESN (thématique « {theme_name} »)."));
        questions.push(Question {
            id: id.clone(),
            theme: theme_id,
            sub_theme: None,
            level: 1,
            prompt: fr(prompt),
            help: (!help.is_empty()).then(|| fr(help.join("\n\n"))),
            rationale: fr(rationale),
            weight: 1.0,
            response: Response::YesNo {
                yes_points: 1,
                no_points: 0,
            },
            allow_dont_know: false,
            allow_not_applicable: true,
            require_justification: false,
            condition: None,
            applies_to: None,
            references: References {
                reen_areas: vec![3],
                rgesn: vec![id.clone()],
                legal: Vec::new(),
                urls: text_field(m, URL).into_iter().collect(),
            },
            eco_clic_not_applicable: None,
            eco_clic_dont_know: None,
        });
        let mut description = Vec::new();
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
        if let Some(s) = implementation {
            description.push(s);
        }
        actions.push(Action {
            id: format!("rgesn-{id}"),
            title: Text::new(
                format!("Mettre en conformité le critère {id} ({theme_name})"),
                format!("Bring criterion {id} into conformity ({theme_name})"),
            ),
            description: (!description.is_empty()).then(|| fr(description.join("\n\n"))),
            effort,
            impact,
            cost: None,
            reen_area: Some(3),
            addresses: vec![Addressed {
                question: id,
                leads_to: Outcome::Yes,
            }],
            requires: Vec::new(),
            references: References::default(),
        });
    }
    if let Value::Object(top) = value {
        log.drop_unknown(
            top,
            "",
            &[
                LISTS,
                THEME_LISTS,
                &["data", "referentiel", "referential", "content", "contenu"],
                &["titre", "title", "nom", "name"],
                &["version", "edition", "annee", "millesime"],
                &["url", "source", "lien"],
                &["description"],
                &["author", "auteur", "editeur", "publisher"],
            ],
        );
    }
    let source_title = meta(value, &["titre", "title", "nom", "name"]);
    let source_version = meta(value, &["version", "edition", "annee", "millesime"]);
    let version = match source_version.as_deref().map(semver_of) {
        None => DEFAULT_VERSION.to_owned(),
        Some(Some(v)) => v,
        Some(None) => {
            log.warn(
                IssueCode::InvalidVersion,
                "/version",
                format!("version {source_version:?} has no number: {DEFAULT_VERSION} used"),
            );
            DEFAULT_VERSION.to_owned()
        }
    };
    let url = meta(value, &["url", "source", "lien"]).unwrap_or_else(|| DEFAULT_SOURCE.to_owned());
    let description = meta(value, &["description"]);
    let title = match &source_title {
        Some(t) => fr(t.clone()),
        None => Text::new(
            DEFAULT_TITLE,
            "General policy framework for the ecodesign of digital services (RGESN)",
        ),
    };
    let referential = Referential {
        id: "rgesn".to_owned(),
        version,
        title,
        description: Some(Text::new(
            format!(
                "{}Critères du RGESN importés de la publication (source : {url}). Réponses : oui = conforme, non = non conforme, « non applicable » = non applicable ; le taux de conformité du rapport est conformes ÷ (total − non applicables).",
                description.map(|d| format!("{d}\n\n")).unwrap_or_default()
            ),
            format!(
                "RGESN criteria imported from the publication (source: {url}). Answers: yes = conform, no = not conform, \"not applicable\" = not applicable; the report's conformity rate is conform ÷ (total − not applicable)."
            ),
        )),
        publisher: Some(publisher(value).unwrap_or_else(|| "Arcep, Arcom, DINUM".to_owned())),
        license: Some(format!(
            "Licence Ouverte / Etalab 2.0 — Arcep, Arcom, DINUM ({url})"
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
        ImportFormat::Rgesn,
        source_title,
        source_version,
        source_entries,
        0,
        log,
    )
}

/// A JSON pointer with every index replaced by `*`.
pub(crate) fn wildcard(path: &str) -> String {
    path.split('/')
        .map(|t| {
            if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
                "*"
            } else {
                t
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}
