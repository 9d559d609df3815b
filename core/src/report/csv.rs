//! CSV exports for spreadsheets: the answers of an assessment with their
//! scores, the theme scores, and an action plan.
//!
//! Every export is UTF-8 text, comma-separated, with a header row and
//! RFC 4180 quoting (a cell holding a comma, a double quote or a line
//! break is enclosed in double quotes, inner quotes doubled). The column
//! layout of each export is a public contract, documented on its function:
//! columns are only ever added at the end.
//!
//! * **Numbers** use a dot as decimal separator and no thousands
//!   separator, whatever the language (`12.5`, `-3`), so that they read
//!   back as numbers; an empty cell means "none".
//! * **Booleans** are `true` or `false`.
//! * **Lists** are joined in one cell: ids with `|` (`q1|q2`), free texts
//!   such as evidence with ` | `.
//! * **Formula injection**: a text cell that comes from a user or a
//!   referential and starts with `=`, `+`, `-`, `@`, a tab or a carriage
//!   return gets a leading apostrophe `'`, so that no spreadsheet runs it
//!   as a formula. Numbers written by the library are never prefixed.
//! * `lang` only chooses the language of the texts (theme titles, prompts,
//!   action titles); the header row and the codes (status, effort, …) are
//!   the same in every language.

use crate::engine::scoring::{QuestionStatus, ScoreReport};
use crate::model::assessment::{Answer, Assessment};
use crate::model::plan::{ActionStatus, Plan};
use crate::model::referential::{Rating, Referential};
use crate::model::text::Lang;

/// Header of [`answers_csv`].
pub const ANSWERS_HEADER: [&str; 15] = [
    "question_id",
    "theme_id",
    "theme",
    "level",
    "prompt",
    "status",
    "answer",
    "points",
    "max_points",
    "weight",
    "credit",
    "contribution",
    "missed",
    "comment",
    "evidence",
];

/// Header of [`themes_csv`].
pub const THEMES_HEADER: [&str; 7] = [
    "theme_id",
    "theme",
    "weight",
    "score",
    "counted",
    "unanswered",
    "complete",
];

/// Header of [`plan_csv`].
pub const PLAN_HEADER: [&str; 16] = [
    "id",
    "action",
    "title",
    "owner",
    "status",
    "progress",
    "start",
    "due",
    "completed",
    "effort",
    "budget_planned",
    "budget_spent",
    "reen_area",
    "questions",
    "depends_on",
    "evidence",
];

/// Neutralises a text cell against formula injection: a leading `=`, `+`,
/// `-`, `@`, tab or carriage return gets an apostrophe `'` in front.
///
/// ```
/// assert_eq!(sobriete::internals::csv::safe_cell("=1+1"), "'=1+1");
/// assert_eq!(sobriete::internals::csv::safe_cell("ok"), "ok");
/// ```
pub fn safe_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

/// A number written by the library: shortest text that reads back as the
/// same value, dot as decimal separator; empty when not finite.
fn number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x == 0.0 {
        // No "-0".
        return "0".to_owned();
    }
    x.to_string()
}

fn opt_number(x: Option<f64>) -> String {
    x.map_or_else(String::new, number)
}

fn text(s: &str) -> String {
    safe_cell(s)
}

fn opt_text(s: Option<&str>) -> String {
    s.map_or_else(String::new, safe_cell)
}

/// Writes a header and rows as CSV (RFC 4180, CRLF line ends): a cell is
/// quoted when it holds a comma, a double quote, a carriage return or a
/// line feed, and its double quotes are doubled. The same bytes as the
/// `csv` crate's writer with its defaults, written by hand (the crate and
/// the float parser it pulls in weigh about 10 KB in the gzipped
/// WebAssembly module).
fn write_csv<const N: usize>(header: &[&str; N], rows: Vec<[String; N]>) -> String {
    let mut out = String::new();
    write_record(&mut out, header.iter().copied());
    for row in &rows {
        write_record(&mut out, row.iter().map(String::as_str));
    }
    out
}

fn write_record<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

fn status_code(s: QuestionStatus) -> &'static str {
    match s {
        QuestionStatus::Answered => "answered",
        QuestionStatus::DontKnow => "dont_know",
        QuestionStatus::Unanswered => "unanswered",
        QuestionStatus::NotApplicable => "not_applicable",
        QuestionStatus::Hidden => "hidden",
        QuestionStatus::OutOfProfile => "out_of_profile",
    }
}

fn action_status_code(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::ToDefine => "to_define",
        ActionStatus::ToPlan => "to_plan",
        ActionStatus::Planned => "planned",
        ActionStatus::InProgress => "in_progress",
        ActionStatus::Done => "done",
        ActionStatus::Abandoned => "abandoned",
    }
}

fn rating_code(r: Rating) -> &'static str {
    match r {
        Rating::Low => "low",
        Rating::Medium => "medium",
        Rating::High => "high",
    }
}

/// The answer as one cell (see [`answers_csv`]).
fn answer_cell(a: Option<&Answer>) -> String {
    match a {
        None | Some(Answer::Unanswered { .. }) => String::new(),
        Some(Answer::Yes { .. }) => "yes".to_owned(),
        Some(Answer::No { .. }) => "no".to_owned(),
        Some(Answer::Choice { options, .. }) => format!("choice: {}", options.join("|")),
        Some(Answer::Number { value, .. }) => format!("number: {}", number(*value)),
        Some(Answer::DontKnow { .. }) => "dont_know".to_owned(),
        Some(Answer::NotApplicable { justification, .. }) => match justification {
            Some(j) if !j.trim().is_empty() => format!("not_applicable: {j}"),
            _ => "not_applicable".to_owned(),
        },
    }
}

/// The answers of an assessment with their scores: one row per question
/// of the report (every in-level question, in referential order).
///
/// Columns, in this order:
///
/// | column | content |
/// |---|---|
/// | `question_id` | question id |
/// | `theme_id` | theme id |
/// | `theme` | theme title in `lang` |
/// | `level` | question level (1 or 2) |
/// | `prompt` | the question in `lang` |
/// | `status` | `answered`, `dont_know`, `unanswered`, `not_applicable`, `hidden` or `out_of_profile` |
/// | `answer` | `yes`, `no`, `choice: a\|b` (option ids), `number: 35`, `dont_know`, `not_applicable: <justification>` (or `not_applicable`); empty when unanswered |
/// | `points` | points earned; empty when not counted or unanswered |
/// | `max_points` | most points the question can earn |
/// | `weight` | weight in its theme |
/// | `credit` | `weight × points ÷ max_points` |
/// | `contribution` | index points brought to the overall index |
/// | `missed` | index points left on the table |
/// | `comment` | the answer's comment |
/// | `evidence` | the answer's evidence, joined with ` \| ` |
///
/// Text cells are neutralised against formula injection (see the
/// module documentation).
pub fn answers_csv(r: &Referential, a: &Assessment, report: &ScoreReport, lang: Lang) -> String {
    let rows = report
        .questions
        .iter()
        .map(|q| {
            let theme = report
                .themes
                .iter()
                .find(|t| t.id == q.theme)
                .map(|t| &t.title)
                .or_else(|| r.theme(&q.theme).map(|t| &t.title))
                .map(|t| t.get(lang));
            let prompt = r.question(&q.id).map(|x| x.prompt.get(lang));
            let answer = a.answers.get(&q.id);
            [
                text(&q.id),
                text(&q.theme),
                opt_text(theme),
                q.level.to_string(),
                opt_text(prompt),
                status_code(q.status).to_owned(),
                text(&answer_cell(answer)),
                q.points.map_or_else(String::new, |p| p.to_string()),
                q.max_points.to_string(),
                number(q.weight),
                number(q.credit),
                number(q.contribution),
                number(q.missed),
                opt_text(answer.and_then(Answer::comment)),
                text(&answer.map_or_else(String::new, |x| x.evidence().join(" | "))),
            ]
        })
        .collect();
    write_csv(&ANSWERS_HEADER, rows)
}

/// The theme scores of a report: one row per theme, in referential order.
///
/// Columns, in this order:
///
/// | column | content |
/// |---|---|
/// | `theme_id` | theme id |
/// | `theme` | theme title in `lang` |
/// | `weight` | weight in the index |
/// | `score` | score 0–100 (2 decimals); empty when nothing is counted |
/// | `counted` | counted questions |
/// | `unanswered` | counted questions not answered yet |
/// | `complete` | `true` when every counted question is answered, else `false` |
pub fn themes_csv(report: &ScoreReport, lang: Lang) -> String {
    let rows = report
        .themes
        .iter()
        .map(|t| {
            [
                text(&t.id),
                text(t.title.get(lang)),
                number(t.weight),
                opt_number(t.score),
                t.counted.to_string(),
                t.unanswered.to_string(),
                t.complete.to_string(),
            ]
        })
        .collect();
    write_csv(&THEMES_HEADER, rows)
}

/// An action plan: one row per planned action, in plan order.
///
/// Columns, in this order (values fall back to the referential action's
/// when the plan does not give them: title, effort, REEN area, questions):
///
/// | column | content |
/// |---|---|
/// | `id` | plan action id |
/// | `action` | id of the referential action carried out; empty for a custom action |
/// | `title` | title in `lang` |
/// | `owner` | who carries it out |
/// | `status` | `to_define`, `to_plan`, `planned`, `in_progress`, `done` or `abandoned` |
/// | `progress` | progress 0–100 as used in the follow-up (100 when done) |
/// | `start` | start date (YYYY-MM-DD) |
/// | `due` | due date |
/// | `completed` | date it was done |
/// | `effort` | `low`, `medium` or `high` |
/// | `budget_planned` | planned amount (€); empty without a budget |
/// | `budget_spent` | amount spent (€); empty without a budget |
/// | `reen_area` | REEN decree area 1–6 |
/// | `questions` | ids of the questions it improves, joined with `\|` |
/// | `depends_on` | ids of the plan actions to do first, joined with `\|` |
/// | `evidence` | evidence, joined with ` \| ` |
pub fn plan_csv(r: &Referential, plan: &Plan, lang: Lang) -> String {
    let rows = plan
        .actions
        .iter()
        .map(|a| {
            let questions: Vec<&str> = a
                .effective_addresses(r)
                .iter()
                .map(|ad| ad.question.as_str())
                .collect();
            [
                text(&a.id),
                opt_text(a.action.as_deref()),
                text(&a.title_in(r, lang)),
                opt_text(a.owner.as_deref()),
                action_status_code(a.status).to_owned(),
                number(a.effective_progress()),
                opt_text(a.start.as_deref()),
                opt_text(a.due.as_deref()),
                opt_text(a.completed.as_deref()),
                a.effective_effort(r)
                    .map_or_else(String::new, |e| rating_code(e).to_owned()),
                opt_number(a.budget.map(|b| b.planned)),
                opt_number(a.budget.map(|b| b.spent)),
                a.effective_reen_area(r)
                    .map_or_else(String::new, |x| x.to_string()),
                text(&questions.join("|")),
                text(&a.depends_on.join("|")),
                text(&a.evidence.join(" | ")),
            ]
        })
        .collect();
    write_csv(&PLAN_HEADER, rows)
}

/// Header of [`summaries_csv`] for a referential: fixed columns, then one
/// `theme:<id>` column per theme, then `error`.
pub fn summaries_header(r: &Referential) -> Vec<String> {
    SUMMARY_COLUMNS
        .iter()
        .map(|c| (*c).to_owned())
        .chain(r.themes.iter().map(|t| format!("theme:{}", t.id)))
        .chain(std::iter::once("error".to_owned()))
        .collect()
}

const SUMMARY_COLUMNS: [&str; 17] = [
    "item",
    "name",
    "kind",
    "population",
    "siren",
    "insee",
    "departement",
    "region",
    "date",
    "level",
    "index",
    "grade",
    "complete",
    "completeness",
    "dont_know_share",
    "eco_clic",
    "conformity",
];

/// The first columns of the bindings' summaries table (Python's
/// `score_table`, JavaScript's `scoreTable`), before one `theme:<id>`
/// column per theme and `error`: the CSV's columns without `item`,
/// `siren`, `departement` and `region`.
pub const TABLE_COLUMNS: [&str; 13] = [
    "name",
    "kind",
    "population",
    "insee",
    "date",
    "level",
    "index",
    "grade",
    "complete",
    "completeness",
    "dont_know_share",
    "eco_clic",
    "conformity",
];

/// Batch results as CSV rows, one per item (`item` is the caller's number
/// for it, e.g. its line): the profile, the headline figures and each
/// theme score of [`crate::engine::scoring::ScoreSummary`]; for an item that could
/// not be scored, empty figures and `error` = its error code and message
/// (`code: message`, first issue). With `header`, the header row first
/// (`summaries_header`). Text cells are neutralised like every CSV here.
pub fn summaries_csv(
    r: &Referential,
    rows: &[(
        usize,
        &Result<crate::engine::scoring::ScoreSummary, crate::model::error::Error>,
    )],
    header: bool,
) -> String {
    let mut out = String::new();
    if header {
        let names = summaries_header(r);
        write_record(&mut out, names.iter().map(String::as_str));
    }
    let themes = r.themes.len();
    for (item, result) in rows {
        let mut row: Vec<String> = Vec::with_capacity(SUMMARY_COLUMNS.len() + themes + 1);
        row.push(item.to_string());
        match result {
            Ok(s) => {
                let p = &s.profile;
                row.extend([
                    text(&p.name),
                    p.kind.as_str().to_owned(),
                    p.population.to_string(),
                    opt_text(p.siren.as_deref()),
                    opt_text(p.insee.as_deref()),
                    opt_text(p.departement.as_deref()),
                    opt_text(p.region.as_deref()),
                    text(&s.date),
                    s.level.to_string(),
                    opt_number(s.index),
                    opt_text(s.grade.as_deref()),
                    s.complete.to_string(),
                    number(s.completeness),
                    number(s.dont_know_share),
                    s.eco_clic.map_or_else(String::new, |x| x.to_string()),
                    opt_number(s.conformity),
                ]);
                // Theme scores by the referential's themes, in its order.
                row.extend(r.themes.iter().map(|t| {
                    opt_number(s.themes.iter().find(|x| x.id == t.id).and_then(|x| x.score))
                }));
                row.push(String::new());
            }
            Err(e) => {
                row.extend(std::iter::repeat_n(
                    String::new(),
                    SUMMARY_COLUMNS.len() - 1 + themes,
                ));
                row.push(text(&error_cell(e)));
            }
        }
        write_record(&mut out, row.iter().map(String::as_str));
    }
    out
}

/// `code: message` of an error's first issue (or of the error itself).
fn error_cell(e: &crate::model::error::Error) -> String {
    match e {
        crate::model::error::Error::Invalid { issues, .. } => issues
            .iter()
            .find(|i| i.is_error())
            .or(issues.first())
            .map(|i| match i.path.as_str() {
                "" => format!("{}: {}", i.code.as_str(), i.message),
                path => format!("{}: {} ({path})", i.code.as_str(), i.message),
            })
            .unwrap_or_else(|| e.to_string()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::write_csv;

    /// The hand-written writer gives the `csv` crate's bytes.
    #[test]
    fn csv_as_the_csv_crate_writes_it() {
        let cells = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "line\nbreak",
            "cr\rhere",
            "'=1+2",
            " spaced ",
            "é ; ü",
            "\"",
            ",",
            "\r\n",
            "tab\there",
            "#hash",
        ];
        let rows: Vec<[String; 3]> = cells
            .iter()
            .flat_map(|a| {
                cells
                    .iter()
                    .map(move |b| [(*a).to_owned(), (*b).to_owned(), String::new()])
            })
            .collect();
        let header = ["h,1", "h\"2", "h3"];
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let mut ok = w.write_record(header).is_ok();
        for row in &rows {
            ok &= w.write_record(row).is_ok();
        }
        assert!(ok);
        let expected = w.into_inner().map(String::from_utf8);
        assert!(matches!(expected, Ok(Ok(ref e)) if *e == write_csv(&header, rows.clone())));
    }
}
