//! The skeleton shared by the JSON importers: what they accumulate while
//! walking a source (themes, questions, actions, ids already imported, the
//! log), the source's metadata, and the assembly of the [`Referential`].
//! Each importer keeps only what is specific to its source.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{fr, meta, semver_of, slug, source_error, ImportFormat, Imported, Log};
use crate::model::error::{Error, Issue, IssueCode};
use crate::model::referential::{
    Action, Addressed, Outcome, Question, Rating, References, Referential, Response, Theme,
};
use crate::model::text::Text;

/// The error of a source that is not of the importer's format.
pub(crate) fn not_this_format(message: &str) -> Error {
    source_error(vec![Issue::error(IssueCode::UnknownDocument, "", message)])
}

/// The metadata of a source, read once.
pub(crate) struct SourceMeta {
    /// The title, when the source has one.
    pub(crate) title: Option<String>,
    /// The version or edition as written.
    pub(crate) version: Option<String>,
    /// The version as semantic versioning (or the importer's default).
    pub(crate) semver: String,
    /// The source's URL (or the importer's default).
    pub(crate) url: String,
    /// The source's own description.
    pub(crate) description: Option<String>,
}

impl SourceMeta {
    /// Reads title, version, URL and description; a version without a number
    /// falls back to `default_version` with a warning, since the referential
    /// needs a semantic version.
    pub(crate) fn read(
        value: &Value,
        title_keys: &[&str],
        version_keys: &[&str],
        default_version: &str,
        default_url: &str,
        log: &mut Log,
    ) -> SourceMeta {
        let title = meta(value, title_keys);
        let version = meta(value, version_keys);
        let semver = match version.as_deref().map(semver_of) {
            None => default_version.to_owned(),
            Some(Some(v)) => v,
            Some(None) => {
                log.warn(
                    IssueCode::InvalidVersion,
                    "/version",
                    format!("version {version:?} has no number: {default_version} used"),
                );
                default_version.to_owned()
            }
        };
        SourceMeta {
            title,
            version,
            semver,
            url: meta(value, &["url", "source", "lien"]).unwrap_or_else(|| default_url.to_owned()),
            description: meta(value, &["description"]),
        }
    }
}

/// What the importer writes about the referential itself.
pub(crate) struct Heading {
    pub(crate) id: &'static str,
    pub(crate) title: Text,
    pub(crate) description: Text,
    pub(crate) publisher: String,
    pub(crate) license: String,
}

/// A question with the importers' defaults: level 1, weight 1, "don't know"
/// and "not applicable" allowed, no references.
pub(crate) fn question(
    id: &str,
    theme: &str,
    prompt: Text,
    rationale: Text,
    response: Response,
) -> Question {
    Question {
        id: id.to_owned(),
        theme: theme.to_owned(),
        sub_theme: None,
        level: 1,
        prompt,
        help: None,
        rationale,
        weight: 1.0,
        response,
        allow_dont_know: true,
        allow_not_applicable: true,
        require_justification: false,
        condition: None,
        applies_to: None,
        references: References::default(),
        eco_clic_not_applicable: None,
        eco_clic_dont_know: None,
    }
}

/// An action answering one question.
pub(crate) fn action(
    id: String,
    title: Text,
    ratings: (Rating, Rating),
    reen_area: Option<u8>,
    question: String,
    leads_to: Outcome,
) -> Action {
    let (effort, impact) = ratings;
    Action {
        id,
        title,
        description: None,
        effort,
        impact,
        cost: None,
        reen_area,
        addresses: vec![Addressed { question, leads_to }],
        requires: Vec::new(),
        references: References::default(),
    }
}

/// The published rating words as one line (`Priorité : … · Difficulté : …`).
pub(crate) fn ratings_line(priority: Option<String>, difficulty: Option<String>) -> Option<String> {
    let words: Vec<String> = [
        priority.map(|w| format!("Priorité : {w}")),
        difficulty.map(|w| format!("Difficulté : {w}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!words.is_empty()).then(|| words.join(" · "))
}

/// Paragraphs as one French text, `None` when there are none.
pub(crate) fn paragraphs(parts: Vec<String>) -> Option<Text> {
    (!parts.is_empty()).then(|| fr(parts.join("\n\n")))
}

/// A referential being imported.
#[derive(Default)]
pub(crate) struct Builder {
    /// Skipped entries, warnings and dropped fields.
    pub(crate) log: Log,
    themes: Vec<Theme>,
    /// Theme ids by theme name, for themes named by their entries.
    theme_ids: BTreeMap<String, String>,
    questions: Vec<Question>,
    actions: Vec<Action>,
    /// Path of the entry each id was first imported from.
    seen: BTreeMap<String, String>,
}

impl Builder {
    /// Starts with what reading the source's lists already logged.
    pub(crate) fn new(log: Log) -> Builder {
        Builder {
            log,
            ..Builder::default()
        }
    }

    /// Whether `id` is imported for the first time; a repeat is skipped
    /// (`what` names the kind of entry in the reason).
    pub(crate) fn first_time(&mut self, what: &str, id: &str, path: &str) -> bool {
        if let Some(first) = self.seen.get(id) {
            let reason = format!("{what} {id} is already imported from {first}");
            self.log.skip(path, reason);
            return false;
        }
        self.seen.insert(id.to_owned(), path.to_owned());
        true
    }

    /// The id of the theme named `name`, created on first use (its slug,
    /// made unique).
    pub(crate) fn theme(&mut self, name: &str) -> String {
        if let Some(id) = self.theme_ids.get(name) {
            return id.clone();
        }
        let base = slug(name);
        let mut id = base.clone();
        let mut n = 2;
        while self.themes.iter().any(|t| t.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.themes.push(Theme {
            id: id.clone(),
            title: fr(name),
            description: None,
            weight: 1.0,
            sub_themes: Vec::new(),
        });
        self.theme_ids.insert(name.to_owned(), id.clone());
        id
    }

    /// Adds a theme built by the importer.
    pub(crate) fn add_theme(&mut self, theme: Theme) {
        self.themes.push(theme);
    }

    /// Questions imported so far.
    pub(crate) fn questions(&self) -> usize {
        self.questions.len()
    }

    /// Adds an imported entry.
    pub(crate) fn push(&mut self, question: Question, action: Action) {
        self.questions.push(question);
        self.actions.push(action);
    }

    /// Records the top-level keys no alias list in `known` names.
    pub(crate) fn drop_unknown_top(&mut self, value: &Value, known: &[&[&str]]) {
        if let Value::Object(top) = value {
            self.log.drop_unknown(top, "", known);
        }
    }

    /// Assembles the referential and finishes the import.
    pub(crate) fn finish(
        self,
        format: ImportFormat,
        heading: Heading,
        source: SourceMeta,
        source_entries: usize,
        criteria: usize,
    ) -> Result<Imported, Error> {
        let referential = Referential {
            id: heading.id.to_owned(),
            version: source.semver,
            title: heading.title,
            description: Some(heading.description),
            publisher: Some(heading.publisher),
            license: Some(heading.license),
            themes: self.themes,
            questions: self.questions,
            actions: self.actions,
            grades: Vec::new(),
            changes: Vec::new(),
            lookup: Default::default(),
        };
        super::finish(
            referential,
            format,
            source.title,
            source.version,
            source_entries,
            criteria,
            self.log,
        )
    }
}
