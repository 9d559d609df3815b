//! The summaries table (Python's `score_table`, JavaScript's `scoreTable`)
//! in one place: its columns and what each row puts in them. A binding
//! only says how to store a [`Cell`] in its language's column.

use crate::engine::scoring::ScoreSummary;
use crate::model::referential::Referential;
use crate::report::csv::TABLE_COLUMNS;

/// One value of the table, for the binding to convert.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// No value (`None`, `null`).
    Null,
    /// A text of the profile, or an error's message.
    Text(&'a str),
    /// A short text repeated on many rows (a kind, a grade): worth
    /// converting once.
    Short(&'a str),
    /// A whole number (population, level, Éco-clic figure, line number).
    Int(i64),
    /// A figure.
    Number(f64),
    /// A yes or no (complete).
    Bool(bool),
}

/// The columns of the summaries table, each a binding's `C`, filled one
/// row at a time: `line` first when asked for (the item's line in its JSON
/// Lines file), then [`TABLE_COLUMNS`], one `theme:<id>` per theme and
/// `error` (the message of an item that could not be scored).
#[derive(Debug)]
pub struct SummaryTable<C> {
    line: Option<C>,
    columns: Vec<(String, C)>,
}

impl<C> SummaryTable<C> {
    /// Empty columns for `r`'s themes, each made by `column`.
    pub fn new(r: &Referential, lines: bool, mut column: impl FnMut() -> C) -> Self {
        let line = lines.then(&mut column);
        let names = TABLE_COLUMNS
            .iter()
            .map(|&name| name.to_owned())
            .chain(r.themes.iter().map(|t| format!("theme:{}", t.id)))
            .chain(["error".to_owned()]);
        SummaryTable {
            line,
            columns: names.map(|name| (name, column())).collect(),
        }
    }

    /// Appends one row: the summary's figures, or the error's message.
    /// `put` stores a cell in a column; its first error stops the row.
    pub fn push<E>(
        &mut self,
        line: Option<usize>,
        result: Result<&ScoreSummary, &str>,
        mut put: impl FnMut(&mut C, Cell<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        if let (Some(column), Some(l)) = (self.line.as_mut(), line) {
            put(column, Cell::Int(i64::try_from(l).unwrap_or(i64::MAX)))?;
        }
        let number = |v: Option<f64>| v.map_or(Cell::Null, Cell::Number);
        // One cell per column of TABLE_COLUMNS (the array's length says so).
        let fixed: [Cell<'_>; TABLE_COLUMNS.len()] = match result {
            Ok(s) => [
                Cell::Text(&s.profile.name),
                Cell::Short(s.profile.kind.as_str()),
                Cell::Int(i64::from(s.profile.population)),
                s.profile.insee.as_deref().map_or(Cell::Null, Cell::Text),
                Cell::Text(&s.date),
                Cell::Int(i64::from(s.level)),
                number(s.index),
                s.grade.as_deref().map_or(Cell::Null, Cell::Short),
                Cell::Bool(s.complete),
                Cell::Number(s.completeness),
                Cell::Number(s.dont_know_share),
                s.eco_clic.map_or(Cell::Null, Cell::Int),
                number(s.conformity),
            ],
            Err(_) => [Cell::Null; TABLE_COLUMNS.len()],
        };
        // Summaries list the themes in referential order; a missing cell is
        // empty. No allocation per row: this is the batch's hot path.
        let themes = result.ok().into_iter().flat_map(|s| s.themes.iter());
        let mut cells = fixed
            .into_iter()
            .chain(themes.map(|t| number(t.score)))
            .chain(std::iter::repeat(Cell::Null));
        let error = result.err().map_or(Cell::Null, Cell::Text);
        let last = self.columns.len().saturating_sub(1);
        for (i, (_, column)) in self.columns.iter_mut().enumerate() {
            // The last column is `error`.
            let cell = if i == last {
                error
            } else {
                cells.next().unwrap_or(Cell::Null)
            };
            put(column, cell)?;
        }
        Ok(())
    }

    /// The columns with their names, in the documented order.
    pub fn into_columns(self) -> impl Iterator<Item = (String, C)> {
        self.line
            .map(|c| ("line".to_owned(), c))
            .into_iter()
            .chain(self.columns)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn a_row_per_result_in_every_column() {
        let r = super::super::default_referential().unwrap();
        let text = include_str!("../../../examples/commune-rurale-niveau1.json");
        let a = super::super::parse_assessment(text, r).unwrap();
        let s = super::super::score_summary(r, &a).unwrap();
        let mut table = SummaryTable::new(r, true, Vec::new);
        let own = |c: Cell<'_>| format!("{c:?}");
        table
            .push(Some(1), Ok(&s), |col, c| {
                col.push(own(c));
                Ok::<_, ()>(())
            })
            .unwrap();
        table
            .push(Some(3), Err("invalid assessment"), |col, c| {
                col.push(own(c));
                Ok::<_, ()>(())
            })
            .unwrap();
        let columns: Vec<(String, Vec<String>)> = table.into_columns().collect();
        assert_eq!(columns.len(), 1 + TABLE_COLUMNS.len() + r.themes.len() + 1);
        assert!(columns.iter().all(|(_, c)| c.len() == 2));
        let get = |name: &str| &columns.iter().find(|(n, _)| n == name).unwrap().1;
        assert_eq!(get("line"), &["Int(1)", "Int(3)"]);
        assert_eq!(get("index")[0], "Number(28.82)");
        assert_eq!(get("grade"), &["Short(\"E\")", "Null"]);
        assert_eq!(get("error"), &["Null", "Text(\"invalid assessment\")"]);
        assert_eq!(columns.last().unwrap().0, "error");
    }
}
