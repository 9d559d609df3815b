//! Éco-clic's questionnaire and its collectivités' answers.
//!
//! Éco-clic (a PHP platform of the OPSN federation Déclic) keeps its
//! questionnaire and answers in a MySQL database. This module reads its
//! tables, from a dump (`mysqldump` or phpMyAdmin, as Éco-clic ships
//! `ecoclic.sql`) or from one CSV export per table ([`EcoClicSource`]; a
//! dump is read with the tokenizer of the `sqlparser` crate, an export with
//! the `csv` crate), and turns them into a referential
//! ([`import`]) and into one assessment per collectivité
//! ([`import_answers`]).
//!
//! # The questionnaire ([`import`])
//!
//! Tables read: `category` (id, name, description, sort_order, level_two),
//! `theme` (id, label, category_id, sort_order; optional), `question` (id,
//! question, theme_id, category_id, multiple, definition,
//! additional_information, sort_order, parent_id, parent_answer_id,
//! level_two) and `answer` (id, type, body, question_id, ponderation).
//!
//! - a category → a theme (id: its name folded, e.g. `gouvernance`; weight
//!   1), in `sort_order`; an Éco-clic theme → a sub-theme of its category;
//! - a question → a question whose id is Éco-clic's, level 2 when its
//!   `level_two` is set (Éco-clic's own test), in Éco-clic's order (theme,
//!   then question `sort_order`); its text → the prompt;
//!   `additional_information` (why the practice matters) → the rationale,
//!   `definition` → the help (the rationale when there is no
//!   `additional_information`);
//! - its answer rows → the options, with their `ponderation` as points and
//!   Éco-clic's ids: a radio question (`multiple` = 0) is a single choice,
//!   a yes/no question when its two rows are "Oui" and "Non"; a checkbox
//!   question (`multiple` = 1) is a multiple choice without cap. A
//!   free-text row (`type` = `input`) is an option too (choosing it is
//!   filling it); its text goes into the answer's comment. A question
//!   whose rows all have 0 points is asked for information only: shown
//!   and answered, never counted in the index;
//! - the "Je ne sais pas" row → "don't know", the "… pas concernée" row →
//!   "not applicable", each with its points in the Éco-clic figure
//!   (`eco_clic_dont_know`, `eco_clic_not_applicable` of the question)
//!   when they are not the defaults (0, and the question's max);
//! - `parent_id` and `parent_answer_id` → a condition on the parent's
//!   answer (`is_yes`, `is_no` or `any_of` that row);
//! - grades: Éco-clic's letters (A ≥ 99, B ≥ 80, C ≥ 60, D ≥ 40, E) on the
//!   library's index; no action (Éco-clic's recommendations are its own
//!   texts, not carried).
//!
//! With these, the report's `eco_clic` figure is Éco-clic's: the points of
//! the chosen rows ÷ the points of every row of every question of the
//! level (see [`crate::engine::scoring::EcoClic`]). Where Éco-clic's code and its
//! pages disagree, the library does what the pages show:
//!
//! - several rows ticked on a radio question (Éco-clic adds them all up):
//!   the latest answer is kept, the others are reported;
//! - level-2 answers kept after level 2 is turned off (Éco-clic still adds
//!   them up, which can pass 100): they stay in the assessment, ignored;
//! - completeness: Éco-clic compares counts of rows and of questions, which
//!   a checkbox question with two ticks or a filled text field can tip;
//!   here every shown question must be answered.
//!
//! Reported, not carried: rows of a question or category that does not
//! exist, questions without an answer row, recommendations
//! (`recommandation*` tables), images and level-2 descriptions.
//!
//! # The answers ([`import_answers`])
//!
//! See [`answers`].

pub mod answers;
pub(crate) mod tables;

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{finish, fold, fr, slug, source_error, ImportFormat, Imported, Log};
use crate::input::parse::join;
use crate::model::error::{Error, Issue, IssueCode};
use crate::model::referential::{
    AnswerOption, Condition, GradeBand, Lookup, Question, References, Referential, Response,
    SubTheme, Theme,
};
use crate::model::text::Text;
use tables::{Row, Table, Tables};

pub use answers::{
    import_answers, AnswersCounts, AnswersReport, CollectiviteReport, ImportedAnswers,
    ImportedAssessment, NotCarried,
};

/// Éco-clic's tables: the text of a MySQL dump, or one CSV export per
/// table by table name (`question`, `answer`, …; a `.csv` suffix is
/// ignored). In JSON: `{"sql": "…"}` or `{"csv": {"question": "…", …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum EcoClicSource {
    /// A MySQL dump (`CREATE TABLE` and `INSERT INTO … VALUES`).
    Sql(String),
    /// CSV exports (a header row of column names), by table name.
    Csv(BTreeMap<String, String>),
}

/// Most rows read from a source (every table read counted).
const MAX_ROWS: usize = crate::input::limits::MAX_ECOCLIC_ROWS;

impl EcoClicSource {
    /// Its size in bytes.
    pub fn len(&self) -> usize {
        match self {
            EcoClicSource::Sql(s) => s.len(),
            EcoClicSource::Csv(m) => m.iter().map(|(k, v)| k.len() + v.len()).sum(),
        }
    }

    /// True when it holds no text at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads the tables named in `wanted` (lower case); every unreadable
    /// CSV export is reported at once.
    pub(crate) fn read(&self, wanted: &[&str]) -> Result<Tables, Error> {
        let tables = match self {
            EcoClicSource::Sql(sql) => {
                tables::read_sql(sql, wanted, MAX_ROWS).map_err(|i| source_error(vec![i]))?
            }
            EcoClicSource::Csv(exports) => {
                let mut out = Tables::default();
                let mut issues = Vec::new();
                let mut rows = 0usize;
                for (name, text) in exports {
                    let table = table_name(name);
                    if !wanted.contains(&table.as_str()) {
                        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
                        out.seen.insert(table, lines.saturating_sub(1));
                        continue;
                    }
                    match tables::read_csv(name, text, MAX_ROWS.saturating_sub(rows)) {
                        Ok(t) => {
                            rows += t.rows.len();
                            out.seen.insert(table.clone(), t.rows.len());
                            out.tables.insert(table, t);
                        }
                        Err(i) => issues.push(i),
                    }
                }
                if !issues.is_empty() {
                    return Err(source_error(issues));
                }
                out
            }
        };
        Ok(tables)
    }

    /// Where its tables are, for messages: `/sql` or `/csv`.
    fn base(&self) -> &'static str {
        match self {
            EcoClicSource::Sql(_) => "/sql",
            EcoClicSource::Csv(_) => "/csv",
        }
    }
}

/// A CSV export's table name: lower case, without a `.csv` suffix.
fn table_name(name: &str) -> String {
    let name = name.trim().to_lowercase();
    name.strip_suffix(".csv").unwrap_or(&name).to_owned()
}

/// Imports Éco-clic's questionnaire: the referential, valid, and the
/// import report (see the module documentation for the mapping).
pub fn import(source: &EcoClicSource) -> Result<Imported, Error> {
    let tables = source.read(QUESTIONNAIRE_TABLES)?;
    finish_import(&tables, source.base())
}

/// [`import`] of a MySQL dump given as text.
pub fn import_sql(sql: &str) -> Result<Imported, Error> {
    let tables =
        tables::read_sql(sql, QUESTIONNAIRE_TABLES, MAX_ROWS).map_err(|i| source_error(vec![i]))?;
    finish_import(&tables, "/sql")
}

fn finish_import(tables: &Tables, base: &str) -> Result<Imported, Error> {
    let q = Questionnaire::build(tables, base)?;
    let entries = q.source_entries;
    finish(
        q.referential,
        ImportFormat::Ecoclic,
        None,
        None,
        entries,
        0,
        q.log,
    )
}

pub(crate) const QUESTIONNAIRE_TABLES: &[&str] = &["category", "theme", "question", "answer"];

/// What an answer row of Éco-clic stands for in the referential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RowKind {
    Yes,
    No,
    /// An option (its id is the row's).
    Option,
    DontKnow,
    NotApplicable,
}

/// An answer row of the questionnaire.
#[derive(Debug, Clone)]
pub(crate) struct RowMeaning {
    /// The question's id (Éco-clic's).
    pub(crate) question: String,
    pub(crate) kind: RowKind,
    /// A free-text row: the collectivité's text is its answer.
    pub(crate) input: bool,
    /// Its label (cleaned), to name a text in a comment.
    pub(crate) label: String,
}

/// The questionnaire read from the tables.
pub(crate) struct Questionnaire {
    pub(crate) referential: Referential,
    /// Answer rows by id.
    pub(crate) rows: BTreeMap<String, RowMeaning>,
    pub(crate) log: Log,
    source_entries: usize,
}

/// Columns of a table by name; values read with [`Columns::get`].
pub(crate) struct Columns<'t> {
    pub(crate) table: &'t Table,
    pub(crate) name: &'static str,
}

impl<'t> Columns<'t> {
    pub(crate) fn get<'r>(&self, row: &'r Row, column: &str) -> Option<&'r str> {
        let i = self.table.column(column)?;
        row.values.get(i)?.as_deref()
    }

    /// A trimmed, non-empty value.
    pub(crate) fn id<'r>(&self, row: &'r Row, column: &str) -> Option<&'r str> {
        self.get(row, column)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// An integer value (`3`, `-1`).
    pub(crate) fn int(&self, row: &Row, column: &str) -> Option<i64> {
        self.id(row, column)?.parse().ok()
    }

    /// A boolean (`1`, `true`, `oui`, …); absent or NULL is false.
    pub(crate) fn flag(&self, row: &Row, column: &str) -> bool {
        matches!(
            self.id(row, column).map(str::to_lowercase).as_deref(),
            Some("1" | "true" | "t" | "yes" | "y" | "oui" | "vrai")
        )
    }

    /// A row's id when it has one the referential can use and no row
    /// before had (`what` the row is, for the report); else the row is
    /// reported as skipped.
    pub(crate) fn new_id<'r>(
        &self,
        row: &'r Row,
        what: &str,
        seen: &mut BTreeSet<&'r str>,
        log: &mut Log,
    ) -> Option<&'r str> {
        let Some(id) = self.id(row, "id") else {
            log.skip(
                &format!("/{}", self.name),
                format!("line {}: {what} without id", row.line),
            );
            return None;
        };
        let usable = id.chars().count() <= crate::check::validate::MAX_ID_LEN
            && !id.chars().any(char::is_control);
        if !usable {
            log.skip(
                &self.path(row),
                "its id is longer than 200 characters or has control characters",
            );
            return None;
        }
        if !seen.insert(id) {
            log.skip(&self.path(row), format!("a second {what} with this id"));
            return None;
        }
        Some(id)
    }

    /// The path of a row: `/<table>/<id>`.
    pub(crate) fn path(&self, row: &Row) -> String {
        match self.id(row, "id") {
            Some(id) => join(&format!("/{}", self.name), id),
            None => format!("/{}", self.name),
        }
    }
}

/// The tables (with their required columns) a step needs: every missing
/// table or column at once.
pub(crate) fn require<'t>(
    tables: &'t Tables,
    base: &str,
    needed: &[(&'static str, &[&str])],
) -> Result<Vec<Columns<'t>>, Error> {
    let mut issues = Vec::new();
    let mut out = Vec::new();
    for (name, columns) in needed {
        match tables.tables.get(*name) {
            None => issues.push(Issue::error(
                IssueCode::MissingField,
                base,
                format!("no table `{name}` in the source"),
            )),
            Some(t) => {
                for c in *columns {
                    if t.column(c).is_none() {
                        issues.push(Issue::error(
                            IssueCode::MissingField,
                            join(base, name),
                            format!("the table `{name}` has no column `{c}`"),
                        ));
                    }
                }
                out.push(Columns { table: t, name });
            }
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(source_error(issues))
    }
}

/// Text cleaned of HTML and spaces; `None` when empty.
fn text(value: Option<&str>) -> Option<String> {
    let s = super::clean::clean(value?);
    (!s.is_empty()).then_some(s)
}

/// The body of a row folded, without its final punctuation: for "Oui",
/// "Non", "Je ne sais pas"…
fn folded(body: &str) -> String {
    fold(body)
        .trim()
        .trim_end_matches(['.', '!', ' ', '\u{a0}'])
        .to_owned()
}

fn is_dont_know(body: &str) -> bool {
    let f = folded(body);
    f.starts_with("je ne sais pas") || f == "ne sais pas" || f == "nsp"
}

fn is_not_concerned(body: &str) -> bool {
    let f = folded(body).replace('’', "'");
    f.contains("pas concerne") || f.starts_with("non concerne") || f == "sans objet"
}

/// Points of a row: its `ponderation` (NULL is 0), within 0–1,000,000.
fn points(cols: &Columns<'_>, row: &Row, log: &mut Log) -> i64 {
    let raw = cols.id(row, "ponderation");
    let Some(raw) = raw else { return 0 };
    match cols.int(row, "ponderation") {
        Some(p) if (0..=crate::check::validate::MAX_POINTS).contains(&p) => p,
        Some(p) => {
            let kept = p.clamp(0, crate::check::validate::MAX_POINTS);
            log.warn(
                IssueCode::InvalidValue,
                &join(&cols.path(row), "ponderation"),
                format!("ponderation {p} is outside 0–1,000,000: {kept} kept"),
            );
            kept
        }
        None => {
            log.warn(
                IssueCode::InvalidValue,
                &join(&cols.path(row), "ponderation"),
                format!("ponderation {raw:?} is not an integer: 0 kept"),
            );
            0
        }
    }
}

/// A question row and its place.
struct QuestionRow<'r> {
    row: &'r Row,
    id: String,
    category: usize,
    sub_theme: Option<String>,
    /// (category, theme sort order, question sort order, position).
    order: (usize, i64, i64, usize),
}

/// The categories as themes, in Éco-clic's order.
struct Categories<'r> {
    /// Each category's row and id, in the themes' order.
    rows: Vec<(&'r Row, String)>,
    themes: Vec<Theme>,
    /// Theme position by category id.
    index: BTreeMap<String, usize>,
}

/// Sub-themes by Éco-clic theme id: (theme position, sub-theme id, sort order).
type SubThemes = BTreeMap<String, (usize, String, i64)>;

impl Questionnaire {
    pub(crate) fn build(tables: &Tables, base: &str) -> Result<Questionnaire, Error> {
        let cols = require(
            tables,
            base,
            &[
                ("category", &["id", "name"]),
                ("question", &["id", "question", "category_id"]),
                ("answer", &["id", "question_id"]),
            ],
        )?;
        let (Some(category), Some(question), Some(answer)) =
            (cols.first(), cols.get(1), cols.get(2))
        else {
            return Err(source_error(Vec::new()));
        };
        let theme = tables.tables.get("theme").map(|t| Columns {
            table: t,
            name: "theme",
        });
        let mut log = Log::default();
        let mut cats = categories(category, &mut log);
        let subs = sub_themes(theme.as_ref(), &mut cats, &mut log);
        let question_rows = question_rows(question, theme.as_ref(), &cats, &subs, &mut log);
        let ids: BTreeSet<&str> = question_rows.iter().map(|q| q.id.as_str()).collect();
        let by_question = answer_rows(answer, &ids, &mut log);

        let mut rows: BTreeMap<String, RowMeaning> = BTreeMap::new();
        let mut questions: Vec<Question> = Vec::new();
        let mut parents: Vec<(Option<String>, Option<String>)> = Vec::new();
        for q in &question_rows {
            let answer_rows = by_question.get(q.id.as_str()).cloned().unwrap_or_default();
            let level_two = category_level_two(&cats, category, q);
            let Some((built, meanings)) = build_question(
                q,
                question,
                &answer_rows,
                answer,
                level_two,
                &cats,
                &mut log,
            ) else {
                continue;
            };
            rows.extend(meanings);
            parents.push((
                question.id(q.row, "parent_id").map(str::to_owned),
                question.id(q.row, "parent_answer_id").map(str::to_owned),
            ));
            questions.push(built);
        }
        conditions(&mut questions, &parents, &rows, &mut log);
        let themes = used_themes(cats.themes, &questions);
        dropped(tables, question, &mut log);
        Ok(Questionnaire {
            referential: referential(themes, questions),
            rows,
            log,
            source_entries: question.table.rows.len(),
        })
    }
}

/// Categories → themes (id: the name folded), in `sort_order`.
fn categories<'r>(category: &Columns<'r>, log: &mut Log) -> Categories<'r> {
    let mut rows: Vec<(&Row, String)> = Vec::new();
    let mut seen = BTreeSet::new();
    for row in &category.table.rows {
        if let Some(id) = category.new_id(row, "category", &mut seen, log) {
            rows.push((row, id.to_owned()));
        }
    }
    rows.sort_by_key(|(row, _)| category.int(row, "sort_order").unwrap_or(i64::MAX));
    let mut theme_ids = BTreeSet::new();
    let mut themes = Vec::new();
    let mut index = BTreeMap::new();
    for (row, id) in &rows {
        let title = text(category.get(row, "name"));
        let theme_id = unique(&mut theme_ids, &slug(title.as_deref().unwrap_or(id)));
        index.insert(id.clone(), themes.len());
        themes.push(Theme {
            id: theme_id,
            title: fr(title.unwrap_or_else(|| format!("Catégorie {id}"))),
            description: text(category.get(row, "description")).map(fr),
            weight: 1.0,
            sub_themes: Vec::new(),
        });
    }
    Categories {
        rows,
        themes,
        index,
    }
}

/// Éco-clic themes → sub-themes of their category.
fn sub_themes(theme: Option<&Columns<'_>>, cats: &mut Categories<'_>, log: &mut Log) -> SubThemes {
    let mut out = SubThemes::new();
    let Some(theme) = theme else { return out };
    let mut rows: Vec<&Row> = theme.table.rows.iter().collect();
    rows.sort_by_key(|row| theme.int(row, "sort_order").unwrap_or(i64::MAX));
    let mut ids: Vec<BTreeSet<String>> = vec![BTreeSet::new(); cats.themes.len()];
    for row in rows {
        let (Some(id), Some(label)) = (theme.id(row, "id"), text(theme.get(row, "label"))) else {
            continue; // Éco-clic's "no theme" row ('0', NULL)
        };
        let Some(&ci) = theme.id(row, "category_id").and_then(|c| cats.index.get(c)) else {
            log.skip(&theme.path(row), "its category does not exist");
            continue;
        };
        if out.contains_key(id) {
            log.skip(&theme.path(row), "a second theme with this id");
            continue;
        }
        let (Some(t), Some(used)) = (cats.themes.get_mut(ci), ids.get_mut(ci)) else {
            continue;
        };
        let sub_id = unique(used, &slug(&label));
        t.sub_themes.push(SubTheme {
            id: sub_id.clone(),
            title: fr(label),
        });
        let order = theme.int(row, "sort_order").unwrap_or(0);
        out.insert(id.to_owned(), (ci, sub_id, order));
    }
    out
}

/// The question rows to import, in Éco-clic's order (category, theme,
/// question `sort_order`).
fn question_rows<'r>(
    question: &Columns<'r>,
    theme: Option<&Columns<'_>>,
    cats: &Categories<'_>,
    subs: &SubThemes,
    log: &mut Log,
) -> Vec<QuestionRow<'r>> {
    let mut out: Vec<QuestionRow<'r>> = Vec::new();
    let mut ids = BTreeSet::new();
    for (position, row) in question.table.rows.iter().enumerate() {
        let path = question.path(row);
        let Some(id) = question.new_id(row, "question", &mut ids, log) else {
            continue;
        };
        let Some(&ci) = question
            .id(row, "category_id")
            .and_then(|c| cats.index.get(c))
        else {
            log.skip(&path, "its category does not exist");
            continue;
        };
        let mut sub_theme = None;
        let mut theme_order = 0;
        if let Some(t) = question.id(row, "theme_id") {
            match subs.get(t) {
                Some((tc, sub, order)) if *tc == ci => {
                    sub_theme = Some(sub.clone());
                    theme_order = *order;
                }
                Some(_) => log.warn(
                    IssueCode::UnknownSubTheme,
                    &join(&path, "theme_id"),
                    "its theme belongs to another category: no sub-theme",
                ),
                None if theme
                    .is_some_and(|th| !th.table.rows.iter().any(|r| th.id(r, "id") == Some(t))) =>
                {
                    log.warn(
                        IssueCode::UnknownSubTheme,
                        &join(&path, "theme_id"),
                        format!("theme {t:?} does not exist: no sub-theme"),
                    );
                }
                None => {}
            }
        }
        let sort = question.int(row, "sort_order").unwrap_or(i64::MAX);
        out.push(QuestionRow {
            row,
            id: id.to_owned(),
            category: ci,
            sub_theme,
            order: (ci, theme_order, sort, position),
        });
    }
    out.sort_by_key(|q| q.order);
    out
}

/// Answer rows by question, in the source's order; rows of a question not
/// imported are reported.
fn answer_rows<'r>(
    answer: &Columns<'r>,
    questions: &BTreeSet<&str>,
    log: &mut Log,
) -> BTreeMap<&'r str, Vec<&'r Row>> {
    let mut out: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    let mut ids = BTreeSet::new();
    for row in &answer.table.rows {
        let path = answer.path(row);
        if answer.new_id(row, "answer row", &mut ids, log).is_none() {
            continue;
        }
        match answer.id(row, "question_id") {
            Some(q) if questions.contains(q) => out.entry(q).or_default().push(row),
            Some(q) => log.skip(&path, format!("its question {q:?} does not exist")),
            None => log.skip(&path, "it names no question"),
        }
    }
    out
}

/// Whether the question's category is of level 2 (Éco-clic's figure reads
/// the question's own `level_two`: a disagreement is reported).
fn category_level_two(cats: &Categories<'_>, category: &Columns<'_>, q: &QuestionRow<'_>) -> bool {
    cats.rows
        .get(q.category)
        .is_some_and(|(row, _)| category.flag(row, "level_two"))
}

/// One question and the meaning of its answer rows; `None` (reported) when
/// it has no text or no row to choose.
fn build_question(
    q: &QuestionRow<'_>,
    question: &Columns<'_>,
    answer_rows: &[&Row],
    answer: &Columns<'_>,
    category_level_two: bool,
    cats: &Categories<'_>,
    log: &mut Log,
) -> Option<(Question, Vec<(String, RowMeaning)>)> {
    let path = question.path(q.row);
    let Some(prompt) = text(question.get(q.row, "question")) else {
        log.skip(&path, "the question has no text");
        return None;
    };
    let multiple = question.flag(q.row, "multiple");
    let Some(Built {
        response,
        meanings,
        dont_know,
        not_applicable,
    }) = response(&q.id, multiple, answer_rows, answer, log)
    else {
        log.skip(&path, "the question has no answer row to choose");
        return None;
    };
    if response.max_points() == 0 {
        log.warn(
            IssueCode::ZeroMaxPoints,
            &path,
            "no answer row has points: asked for information only, never counted in the index",
        );
    }
    let (rationale, help) = match (
        text(question.get(q.row, "additional_information")),
        text(question.get(q.row, "definition")),
    ) {
        (Some(a), d) => (fr(a), d),
        (None, Some(d)) => (fr(d), None),
        (None, None) => (
            Text::new(
                "Éco-clic n’explique pas cette pratique.",
                "Éco-clic does not explain this practice.",
            ),
            None,
        ),
    };
    let level_two = question.flag(q.row, "level_two");
    if category_level_two && !level_two {
        log.warn(
            IssueCode::InvalidLevel,
            &join(&path, "level_two"),
            "its category is of level 2 but the question is not: Éco-clic's figure counts it at level 1, so does the referential",
        );
    }
    let question = Question {
        id: q.id.clone(),
        theme: cats
            .themes
            .get(q.category)
            .map(|t| t.id.clone())
            .unwrap_or_default(),
        sub_theme: q.sub_theme.clone(),
        level: if level_two { 2 } else { 1 },
        prompt: fr(prompt),
        help: help.map(fr),
        rationale,
        weight: 1.0,
        response,
        allow_dont_know: dont_know.0,
        allow_not_applicable: not_applicable.0,
        require_justification: false,
        condition: None,
        applies_to: None,
        references: References::default(),
        eco_clic_not_applicable: not_applicable.1,
        eco_clic_dont_know: dont_know.1,
    };
    Some((question, meanings))
}

/// The themes some question uses, with only the sub-themes questions use.
fn used_themes(themes: Vec<Theme>, questions: &[Question]) -> Vec<Theme> {
    themes
        .into_iter()
        .filter(|t| questions.iter().any(|q| q.theme == t.id))
        .map(|mut t| {
            let used: BTreeSet<&str> = questions
                .iter()
                .filter(|q| q.theme == t.id)
                .filter_map(|q| q.sub_theme.as_deref())
                .collect();
            t.sub_themes.retain(|s| used.contains(s.id.as_str()));
            t
        })
        .collect()
}

/// What the source has that the referential does not carry.
fn dropped(tables: &Tables, question: &Columns<'_>, log: &mut Log) {
    for (table, column) in [("category", "image"), ("category", "description_level2")] {
        if tables
            .tables
            .get(table)
            .is_some_and(|t| t.column(column).is_some())
        {
            log.dropped.insert(format!("/{table}/*/{column}"));
        }
    }
    if question
        .table
        .rows
        .iter()
        .any(|r| question.id(r, "definition_title").is_some())
    {
        log.dropped
            .insert("/question/*/definition_title".to_owned());
    }
    for (name, count) in &tables.seen {
        if name.starts_with("recommandation") && *count > 0 {
            log.dropped.insert(format!("/{name}/*"));
        }
    }
}

/// The referential of the imported questionnaire.
fn referential(themes: Vec<Theme>, questions: Vec<Question>) -> Referential {
    Referential {
        id: "eco-clic".to_owned(),
        version: "1.0.0".to_owned(),
        title: Text::new("Questionnaire Éco-clic", "Éco-clic questionnaire"),
        description: Some(Text::new(
            "Importé d’une base de données Éco-clic : catégories, questions et réponses avec leurs pondérations.",
            "Imported from an Éco-clic database: categories, questions and answers with their weightings.",
        )),
        publisher: None,
        license: None,
        themes,
        questions,
        actions: Vec::new(),
        grades: [("A", 99.0), ("B", 80.0), ("C", 60.0), ("D", 40.0), ("E", 0.0)]
            .into_iter()
            .map(|(grade, min)| GradeBand {
                grade: grade.to_owned(),
                min,
                label: None,
            })
            .collect(),
        changes: Vec::new(),
        lookup: Lookup::default(),
    }
}

/// `base`, or `base-2`, `base-3`… when taken.
fn unique(used: &mut BTreeSet<String>, base: &str) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// A question's response and what its answer rows stand for.
struct Built {
    response: Response,
    meanings: Vec<(String, RowMeaning)>,
    /// Whether it has a "don't know" row, and its points when not 0.
    dont_know: (bool, Option<u32>),
    /// Whether it has a "not concerned" row, and its points when not the max.
    not_applicable: (bool, Option<u32>),
}

/// A question's response from its answer rows, with each row's meaning;
/// `None` when no row can be chosen.
fn response(
    question: &str,
    multiple: bool,
    rows: &[&Row],
    answer: &Columns<'_>,
    log: &mut Log,
) -> Option<Built> {
    let mut options: Vec<(&Row, String, String, i64, bool)> = Vec::new();
    let mut dont_know: Option<(&Row, String, i64)> = None;
    let mut not_applicable: Option<(&Row, String, i64)> = None;
    for row in rows {
        let id = answer.id(row, "id").unwrap_or_default().to_owned();
        let body = text(answer.get(row, "body")).unwrap_or_default();
        let points = points(answer, row, log);
        let input = matches!(
            answer.id(row, "type").map(str::to_lowercase).as_deref(),
            Some("input" | "text" | "textarea")
        );
        if !input && is_dont_know(&body) && dont_know.is_none() {
            dont_know = Some((row, id, points));
        } else if !input && is_not_concerned(&body) && not_applicable.is_none() {
            not_applicable = Some((row, id, points));
        } else {
            options.push((row, id, body, points, input));
        }
    }
    if options.is_empty() {
        return None;
    }
    let mut meanings: Vec<(String, RowMeaning)> = Vec::new();
    let meaning = |kind: RowKind, input: bool, label: &str| RowMeaning {
        question: question.to_owned(),
        kind,
        input,
        label: label.to_owned(),
    };
    let yes_no = !multiple && options.len() == 2 && options.iter().all(|o| !o.4) && {
        let words: BTreeSet<String> = options.iter().map(|o| folded(&o.2)).collect();
        words.contains("oui") && words.contains("non")
    };
    let response = if yes_no {
        let mut yes_points = 0;
        let mut no_points = 0;
        for (_, id, body, points, _) in &options {
            if folded(body) == "oui" {
                yes_points = *points;
                meanings.push((id.clone(), meaning(RowKind::Yes, false, body)));
            } else {
                no_points = *points;
                meanings.push((id.clone(), meaning(RowKind::No, false, body)));
            }
        }
        Response::YesNo {
            yes_points,
            no_points,
        }
    } else {
        let options: Vec<AnswerOption> = options
            .iter()
            .map(|(_, id, body, points, input)| {
                let label = if body.is_empty() {
                    "Réponse".to_owned()
                } else {
                    body.clone()
                };
                meanings.push((id.clone(), meaning(RowKind::Option, *input, &label)));
                AnswerOption {
                    id: id.clone(),
                    label: fr(label),
                    points: *points,
                }
            })
            .collect();
        if multiple {
            Response::MultipleChoice { options, cap: None }
        } else {
            Response::SingleChoice { options }
        }
    };
    let max = response.max_points();
    let mut built = Built {
        response,
        meanings,
        dont_know: (false, None),
        not_applicable: (false, None),
    };
    if let Some((_, id, points)) = &dont_know {
        built.meanings.push((
            id.clone(),
            meaning(RowKind::DontKnow, false, "Je ne sais pas"),
        ));
        built.dont_know = (true, (*points != 0).then(|| points_u32(*points)));
    }
    if let Some((_, id, points)) = &not_applicable {
        built.meanings.push((
            id.clone(),
            meaning(RowKind::NotApplicable, false, "Pas concernée"),
        ));
        built.not_applicable = (true, (*points != max).then(|| points_u32(*points)));
    }
    Some(built)
}

/// Points already within 0–1,000,000 (see [`points`]) as `u32`.
fn points_u32(p: i64) -> u32 {
    u32::try_from(p.clamp(0, crate::check::validate::MAX_POINTS)).unwrap_or(0)
}

/// Conditions from `parent_id` and `parent_answer_id`: a condition on the
/// parent's answer, unless it cannot be written (reported, and the
/// question is then always shown).
fn conditions(
    questions: &mut [Question],
    parents: &[(Option<String>, Option<String>)],
    rows: &BTreeMap<String, RowMeaning>,
    log: &mut Log,
) {
    let levels: BTreeMap<String, u8> = questions.iter().map(|q| (q.id.clone(), q.level)).collect();
    for (q, (parent, parent_answer)) in questions.iter_mut().zip(parents) {
        let path = join("/question", &q.id);
        let Some(answer) = parent_answer else {
            if let Some(p) = parent {
                log.warn(
                    IssueCode::MissingField,
                    &join(&path, "parent_answer_id"),
                    format!("a parent question {p:?} without the answer that shows the question: always shown"),
                );
            }
            continue;
        };
        let Some(m) = rows.get(answer) else {
            log.warn(
                IssueCode::UnknownOption,
                &join(&path, "parent_answer_id"),
                format!("its parent answer {answer:?} is not an answer row of the questionnaire: always shown"),
            );
            continue;
        };
        if parent.as_ref().is_some_and(|p| *p != m.question) {
            log.warn(
                IssueCode::ConditionMismatch,
                &join(&path, "parent_id"),
                format!(
                    "its parent answer belongs to question {:?}, not to its parent: that question is taken",
                    m.question
                ),
            );
        }
        if levels.get(&m.question).is_some_and(|l| *l > q.level) {
            log.warn(
                IssueCode::ConditionLevel,
                &join(&path, "parent_answer_id"),
                "its parent question is of level 2 and it is not: always shown",
            );
            continue;
        }
        let question = m.question.clone();
        q.condition = match m.kind {
            RowKind::Yes => Some(Condition::IsYes { question }),
            RowKind::No => Some(Condition::IsNo { question }),
            RowKind::Option => Some(Condition::AnyOf {
                question,
                options: vec![answer.clone()],
            }),
            RowKind::DontKnow | RowKind::NotApplicable => {
                log.warn(
                    IssueCode::ConditionMismatch,
                    &join(&path, "parent_answer_id"),
                    "shown after \"don't know\" or \"not concerned\", which no condition can name: always shown",
                );
                None
            }
        };
    }
    // A cycle of conditions: the condition that closes it goes.
    let index: BTreeMap<String, usize> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.clone(), i))
        .collect();
    for start in 0..questions.len() {
        let mut seen = BTreeSet::new();
        let mut cur = start;
        loop {
            let parent = questions
                .get(cur)
                .and_then(|q| q.condition.as_ref())
                .and_then(|c| index.get(c.question()).copied());
            let Some(p) = parent else { break };
            if p == start || !seen.insert(p) {
                if let Some(q) = questions.get_mut(start) {
                    log.warn(
                        IssueCode::ConditionCycle,
                        &join(&join("/question", &q.id), "parent_id"),
                        "its conditions go round in a circle: always shown",
                    );
                    q.condition = None;
                }
                break;
            }
            cur = p;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn row_words() {
        assert!(is_dont_know("Je ne sais pas"));
        assert!(is_dont_know(" je ne sais pas. "));
        assert!(is_not_concerned("La structure n'est pas concernée"));
        assert!(is_not_concerned("La structure n’est pas concernée"));
        assert!(is_not_concerned("Non concerné"));
        assert!(!is_not_concerned("Non"));
        assert_eq!(folded("Oui !"), "oui");
        assert_eq!(table_name(" Question.CSV "), "question");
    }
}
