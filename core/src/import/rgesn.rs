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

use serde_json::{Map, Value};

use super::builder::{
    action, not_this_format, paragraphs, question, ratings_line, Builder, Heading, SourceMeta,
};
use super::{
    field, fr, id_field, list_field, main_list, name_field, parse_source, publisher, rating_field,
    text_field, ImportFormat, Imported, Log,
};
use crate::input::parse::join;
use crate::model::error::{Error, IssueCode};
use crate::model::referential::{Action, Outcome, Question, References, Response};
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

/// Field aliases of a criterion carried into the referential.
const CARRIED: &[&[&str]] = &[
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

/// Imports RGESN criteria (JSON value).
pub fn import_value(value: &Value) -> Result<Imported, Error> {
    let mut log = Log::default();
    let Some((list, source_entries)) = entries(value, &mut log) else {
        return Err(not_this_format(
            "not RGESN criteria: expected an array of criteria, an object with `criteres`, or themes (`thematiques`) with their `criteres`",
        ));
    };
    let mut b = Builder::new(log);
    for (path, m, parent_theme) in list {
        b.log.drop_unknown(m, &wildcard(&path), CARRIED);
        let Some(id) = id_field(m, ID) else {
            b.log.skip(&path, "no `numero` (criterion id)");
            continue;
        };
        let Some(prompt) = text_field(m, CRITERION) else {
            b.log
                .skip(&path, format!("criterion {id} has no text (`critere`)"));
            continue;
        };
        if !b.first_time("criterion", &id, &path) {
            continue;
        }
        let theme_name = name_field(m, THEME).or(parent_theme).unwrap_or_else(|| {
            b.log.warn(
                IssueCode::MissingField,
                &path,
                format!("criterion {id} has no `thematique`: put in « Sans thématique »"),
            );
            "Sans thématique".to_owned()
        });
        let theme_id = b.theme(&theme_name);
        let (effort, effort_word) = rating_field(m, DIFFICULTY, "difficulty", &path, &mut b.log);
        let (impact, impact_word) = rating_field(m, PRIORITY, "priority", &path, &mut b.log);
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
        let yes_no = Response::YesNo {
            yes_points: 1,
            no_points: 0,
        };
        let q = Question {
            help: paragraphs(help),
            allow_dont_know: false,
            references: References {
                reen_areas: vec![3],
                rgesn: vec![id.clone()],
                legal: Vec::new(),
                urls: text_field(m, URL).into_iter().collect(),
            },
            ..question(&id, &theme_id, fr(prompt), fr(rationale), yes_no)
        };
        let title = Text::new(
            format!("Mettre en conformité le critère {id} ({theme_name})"),
            format!("Bring criterion {id} into conformity ({theme_name})"),
        );
        let description = ratings_line(impact_word, effort_word).into_iter();
        let a = Action {
            description: paragraphs(description.chain(implementation).collect()),
            ..action(
                format!("rgesn-{id}"),
                title,
                (effort, impact),
                Some(3),
                id,
                Outcome::Yes,
            )
        };
        b.push(q, a);
    }
    finish(value, b, source_entries)
}

/// Reads the metadata and assembles the referential.
fn finish(value: &Value, mut b: Builder, source_entries: usize) -> Result<Imported, Error> {
    b.drop_unknown_top(
        value,
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
    let source = SourceMeta::read(
        value,
        &["titre", "title", "nom", "name"],
        &["version", "edition", "annee", "millesime"],
        DEFAULT_VERSION,
        DEFAULT_SOURCE,
        &mut b.log,
    );
    let url = &source.url;
    let heading = Heading {
        id: "rgesn",
        title: match &source.title {
            Some(t) => fr(t.clone()),
            None => Text::new(
                DEFAULT_TITLE,
                "General policy framework for the ecodesign of digital services (RGESN)",
            ),
        },
        description: Text::new(
            format!(
                "{}Critères du RGESN importés de la publication (source : {url}). Réponses : oui = conforme, non = non conforme, « non applicable » = non applicable ; le taux de conformité du rapport est conformes ÷ (total − non applicables).",
                source.description.as_ref().map(|d| format!("{d}\n\n")).unwrap_or_default()
            ),
            format!(
                "RGESN criteria imported from the publication (source: {url}). Answers: yes = conform, no = not conform, \"not applicable\" = not applicable; the report's conformity rate is conform ÷ (total − not applicable)."
            ),
        ),
        publisher: publisher(value).unwrap_or_else(|| "Arcep, Arcom, DINUM".to_owned()),
        license: format!("Licence Ouverte / Etalab 2.0 — Arcep, Arcom, DINUM ({url})"),
    };
    b.finish(ImportFormat::Rgesn, heading, source, source_entries, 0)
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
