//! Éco-clic's tables, read from a MySQL dump or from CSV exports.
//!
//! A dump is read with the tokenizer of the `sqlparser` crate (with
//! MySQL's rules: `\'`, `\\`, `\n`, `''` and the other string escapes,
//! comments, backquoted names, UTF-8). Of its statements, `CREATE TABLE` gives a
//! table's columns and `INSERT`/`REPLACE … VALUES` its rows; the others
//! (`SET`, `LOCK TABLES`, `ALTER TABLE`, …) are passed over. The dump is
//! tokenized a window of about 1 MiB at a time, cut after a statement's
//! `;`, so memory follows the rows kept, not the size of the dump. A CSV
//! export is read with the `csv` crate: a header row of column names, `,`
//! `;` or tab as separator, `NULL` (or `\N`) for a null value.
//!
//! Every error names its line (and column, in a dump): a dump that is cut
//! short, a value that is not a literal, a row whose number of values is
//! not its table's number of columns.

use std::collections::BTreeMap;

use sqlparser::dialect::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer};

use crate::model::error::{Issue, IssueCode};

/// MySQL's tokens as dumps write them: names in backquotes, strings with
/// backslash escapes, `#` and `-- ` comments, `/*! … */` read as comments.
/// The tokenizer asks its dialect no more than this; `MySqlDialect` would
/// also link the whole SQL parser into the WebAssembly module (its parser
/// hooks are in the same trait), for nothing a dump needs.
#[derive(Debug)]
struct DumpDialect;

impl Dialect for DumpDialect {
    fn is_identifier_start(&self, ch: char) -> bool {
        // Every non-ASCII character is a letter of a name for MySQL: no
        // Unicode tables needed.
        ch.is_ascii_alphabetic() || ch == '_' || ch == '$' || ch == '@' || !ch.is_ascii()
    }

    fn is_identifier_part(&self, ch: char) -> bool {
        self.is_identifier_start(ch) || ch.is_ascii_digit()
    }

    fn is_delimited_identifier_start(&self, ch: char) -> bool {
        ch == '`'
    }

    fn identifier_quote_style(&self, _identifier: &str) -> Option<char> {
        Some('`')
    }

    fn supports_string_literal_backslash_escape(&self) -> bool {
        true
    }

    fn supports_numeric_prefix(&self) -> bool {
        true
    }

    fn requires_single_line_comment_whitespace(&self) -> bool {
        true
    }

    fn supports_hash_comment(&self) -> bool {
        true
    }
}

/// Bytes of a dump tokenized at once (doubled for a longer statement).
const WINDOW: usize = 1 << 20;

/// One row of a table: its values (`None` for NULL) and the line where it
/// starts in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) line: u64,
    pub(crate) values: Vec<Option<String>>,
}

/// A table of the source: column names (lower case) and rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Table {
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Row>,
}

impl Table {
    /// The position of a column (names compared in lower case).
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// The tables read from a source, by lower-case name; `seen` counts the
/// rows of every table of the source, read or not.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    pub(crate) tables: BTreeMap<String, Table>,
    pub(crate) seen: BTreeMap<String, usize>,
}

/// An error of a source: `path` names the source (`/sql`, `/csv/question`).
fn error(path: &str, at: &str, message: impl std::fmt::Display) -> Issue {
    Issue::error(
        if path == "/sql" {
            IssueCode::InvalidSql
        } else {
            IssueCode::InvalidCsv
        },
        path,
        format!("{at}: {message}"),
    )
}

fn at(l: Location) -> String {
    format!("line {}, column {}", l.line, l.column)
}

fn too_many(path: &str, max_rows: usize) -> Issue {
    Issue::error(
        IssueCode::TooMany,
        path,
        format!("more than {max_rows} rows in the tables read"),
    )
}

/// Reads the tables named in `wanted` (lower case) from a MySQL dump, at
/// most `max_rows` rows in all.
pub(crate) fn read_sql(sql: &str, wanted: &[&str], max_rows: usize) -> Result<Tables, Issue> {
    let mut out = Tables::default();
    let mut columns: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let sql = sql.strip_prefix('\u{feff}').unwrap_or(sql);
    let dialect = DumpDialect;
    // The window starts at a statement's first byte: `base` is the location
    // of that byte in the dump (tokens' lines and columns are the window's).
    let mut start = 0usize;
    let mut base = Location::new(1, 1);
    let mut size = WINDOW;
    while start < sql.len() {
        let rest = sql.get(start..).unwrap_or_default();
        let end = cut(rest, size);
        let window = rest.get(..end).unwrap_or_default();
        let last = end == rest.len();
        let absolute = |l: Location| {
            if l.line <= 1 {
                Location::new(base.line, base.column + l.column.saturating_sub(1))
            } else {
                Location::new(base.line + l.line - 1, l.column)
            }
        };
        let tokens = match Tokenizer::new(&dialect, window).tokenize_with_location() {
            Ok(tokens) => tokens,
            Err(e) if last => {
                return Err(error("/sql", &at(absolute(e.location)), e.message));
            }
            // Possibly cut inside a string or a comment: a larger window.
            Err(_) => {
                size = size.saturating_mul(2);
                continue;
            }
        };
        let tokens: Vec<TokenWithSpan> = tokens
            .into_iter()
            .filter(|t| !matches!(t.token, Token::Whitespace(_)))
            .collect();
        let through = if last {
            tokens.len()
        } else {
            match tokens
                .iter()
                .rposition(|t| matches!(t.token, Token::SemiColon))
            {
                Some(k) => k + 1,
                None => {
                    size = size.saturating_mul(2);
                    continue;
                }
            }
        };
        let done = tokens.get(..through).unwrap_or_default();
        if last {
            // A dump ends its statements with `;`: one that stops short was
            // cut (a download or a copy broken off), rows may be missing.
            let tail_start = done
                .iter()
                .rposition(|t| matches!(t.token, Token::SemiColon))
                .map_or(0, |k| k + 1);
            let tail = done.get(tail_start..).unwrap_or_default();
            let first = tail.first();
            if [Keyword::INSERT, Keyword::REPLACE, Keyword::CREATE]
                .into_iter()
                .any(|k| keyword(first, k))
            {
                let at_line = first.map_or(Location::new(0, 0), |t| absolute(t.span.start));
                return Err(error(
                    "/sql",
                    &at(at_line),
                    "the dump ends inside this statement (no final `;`): was it cut short?",
                ));
            }
        }
        for statement in done.split(|t| matches!(t.token, Token::SemiColon)) {
            read_statement(statement, &absolute, wanted, &mut columns, &mut out)?;
            if out.tables.values().map(|t| t.rows.len()).sum::<usize>() > max_rows {
                return Err(too_many("/sql", max_rows));
            }
        }
        if last {
            break;
        }
        // Next window: right after the last `;` read.
        let Some(semicolon) = done.last() else { break };
        let after = semicolon.span.end;
        let consumed = offset(window, after);
        if consumed == 0 {
            size = size.saturating_mul(2);
            continue;
        }
        base = absolute(after);
        start += consumed;
        size = WINDOW;
    }
    Ok(out)
}

/// Where to cut `rest` for a window of about `size` bytes: after a line
/// break when there is one in the window's last quarter, on a character
/// boundary in any case; the whole of `rest` when it is shorter.
fn cut(rest: &str, size: usize) -> usize {
    if rest.len() <= size {
        return rest.len();
    }
    let mut end = size;
    while end > 0 && !rest.is_char_boundary(end) {
        end -= 1;
    }
    let head = rest.get(..end).unwrap_or_default();
    match head.rfind('\n') {
        Some(nl) if nl + 1 >= size - size / 4 => nl + 1,
        _ => end,
    }
}

/// The byte offset in `text` of a tokenizer location (line and column
/// from 1, columns counted in characters).
fn offset(text: &str, l: Location) -> usize {
    let mut line = 1u64;
    let mut line_start = 0usize;
    if l.line > 1 {
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line += 1;
                if line == l.line {
                    line_start = i + 1;
                    break;
                }
            }
        }
        if line != l.line {
            return text.len();
        }
    }
    let tail = text.get(line_start..).unwrap_or_default();
    let chars = usize::try_from(l.column.saturating_sub(1)).unwrap_or(usize::MAX);
    line_start
        + tail
            .char_indices()
            .nth(chars)
            .map_or(tail.len(), |(i, _)| i)
}

fn keyword(t: Option<&TokenWithSpan>, k: Keyword) -> bool {
    matches!(t.map(|t| &t.token), Some(Token::Word(w)) if w.keyword == k && w.quote_style.is_none())
}

/// A table name: `name` or `db`.`name` (the last part, lower case); the
/// position after it.
fn table_name(tokens: &[TokenWithSpan], mut i: usize) -> Option<(String, usize)> {
    loop {
        let Some(Token::Word(w)) = tokens.get(i).map(|t| &t.token) else {
            return None;
        };
        let name = w.value.to_lowercase();
        i += 1;
        if tokens
            .get(i)
            .is_some_and(|t| matches!(t.token, Token::Period))
        {
            i += 1;
        } else {
            return Some((name, i));
        }
    }
}

fn read_statement(
    tokens: &[TokenWithSpan],
    absolute: &impl Fn(Location) -> Location,
    wanted: &[&str],
    columns: &mut BTreeMap<String, Vec<String>>,
    out: &mut Tables,
) -> Result<(), Issue> {
    let first = tokens.first();
    if keyword(first, Keyword::CREATE) {
        // A table created and left empty is there, with no rows.
        if let Some(name) = read_create(tokens, columns) {
            if wanted.contains(&name.as_str()) && !out.tables.contains_key(&name) {
                let columns = columns.get(&name).cloned().unwrap_or_default();
                out.tables.insert(
                    name,
                    Table {
                        columns,
                        rows: Vec::new(),
                    },
                );
            }
        }
        Ok(())
    } else if keyword(first, Keyword::INSERT) || keyword(first, Keyword::REPLACE) {
        let c = Cursor {
            tokens,
            i: 1,
            absolute,
        };
        read_insert(c, wanted, columns, out)
    } else {
        Ok(())
    }
}

/// `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (definitions)`: the
/// table's columns; its name.
fn read_create(
    tokens: &[TokenWithSpan],
    columns: &mut BTreeMap<String, Vec<String>>,
) -> Option<String> {
    let mut i = 1;
    if keyword(tokens.get(i), Keyword::TEMPORARY) {
        i += 1;
    }
    if !keyword(tokens.get(i), Keyword::TABLE) {
        return None;
    }
    i += 1;
    if keyword(tokens.get(i), Keyword::IF) {
        i += 3; // IF NOT EXISTS
    }
    let (name, i) = table_name(tokens, i)?;
    if tokens.get(i).map(|t| &t.token) != Some(&Token::LParen) {
        return None;
    }
    columns.insert(
        name.clone(),
        column_definitions(tokens.get(i + 1..).unwrap_or_default()),
    );
    Some(name)
}

/// A statement's tokens read in order, with where they are in the dump.
struct Cursor<'t, F> {
    tokens: &'t [TokenWithSpan],
    i: usize,
    absolute: &'t F,
}

impl<F: Fn(Location) -> Location> Cursor<'_, F> {
    fn token(&self) -> Option<&Token> {
        self.tokens.get(self.i).map(|t| &t.token)
    }

    fn is(&self, k: Keyword) -> bool {
        keyword(self.tokens.get(self.i), k)
    }

    /// Where the token at `i` is in the dump (the last one past the end).
    fn location(&self, i: usize) -> Location {
        self.tokens
            .get(i)
            .or(self.tokens.last())
            .map_or(Location::new(0, 0), |t| (self.absolute)(t.span.start))
    }

    fn fail(&self, message: impl std::fmt::Display) -> Issue {
        error("/sql", &at(self.location(self.i)), message)
    }

    /// `(item, item, …)` from the `(` here; `what` names the list in errors.
    fn list<T>(
        &mut self,
        what: &str,
        mut item: impl FnMut(&mut Self) -> Result<T, Issue>,
    ) -> Result<Vec<T>, Issue> {
        if !matches!(self.token(), Some(Token::LParen)) {
            return Err(self.fail(format!("{what} must start with `(`")));
        }
        self.i += 1;
        let mut out = Vec::new();
        loop {
            out.push(item(self)?);
            match self.token() {
                Some(Token::Comma) => self.i += 1,
                Some(Token::RParen) => {
                    self.i += 1;
                    return Ok(out);
                }
                _ => return Err(self.fail(format!("{what} is not closed by `)`"))),
            }
        }
    }
}

/// `INSERT|REPLACE [modifiers] [INTO] name [(columns)] VALUES (row), …`:
/// the rows, kept when the table is wanted.
fn read_insert<F: Fn(Location) -> Location>(
    mut c: Cursor<'_, F>,
    wanted: &[&str],
    columns: &BTreeMap<String, Vec<String>>,
    out: &mut Tables,
) -> Result<(), Issue> {
    while let Some(Token::Word(w)) = c.token() {
        let modifier = matches!(
            w.keyword,
            Keyword::LOW_PRIORITY | Keyword::DELAYED | Keyword::HIGH_PRIORITY | Keyword::IGNORE
        ) && w.quote_style.is_none();
        if !modifier {
            break;
        }
        c.i += 1;
    }
    if c.is(Keyword::INTO) {
        c.i += 1;
    }
    let Some((name, next)) = table_name(c.tokens, c.i) else {
        return Err(c.fail("an INSERT without a table name"));
    };
    c.i = next;
    // Explicit columns, or those of the table's CREATE TABLE.
    let listed = if matches!(c.token(), Some(Token::LParen)) {
        let what = format!("the column list of the INSERT into `{name}`");
        Some(c.list(&what, |c| match c.token() {
            Some(Token::Word(w)) => {
                let name = w.value.to_lowercase();
                c.i += 1;
                Ok(name)
            }
            _ => Err(c.fail(format!("{what} is not a list of names"))),
        })?)
    } else {
        None
    };
    if !(c.is(Keyword::VALUES) || c.is(Keyword::VALUE)) {
        return Err(c.fail(format!(
            "the INSERT into `{name}` has no VALUES (only INSERT … VALUES is read)"
        )));
    }
    c.i += 1;
    let keep = wanted.contains(&name.as_str());
    let names = match (listed, columns.get(&name)) {
        (Some(n), _) => n,
        (None, Some(known)) => known.clone(),
        (None, None) if keep => {
            return Err(error(
                "/sql",
                &at(c.location(0)),
                format!("an INSERT into `{name}` without a column list, and no CREATE TABLE `{name}` before it"),
            ))
        }
        (None, None) => Vec::new(),
    };
    let mut rows = Vec::new();
    loop {
        let open = c.location(c.i);
        let what = format!("a row of `{name}`");
        let values = c.list(&what, |c| {
            let (value, next) = literal(c.tokens, c.i).ok_or_else(|| {
                c.fail(format!(
                    "a value of `{name}` that is not a literal (a string, a number or NULL)"
                ))
            })?;
            c.i = next;
            Ok(value)
        })?;
        if keep && values.len() != names.len() {
            return Err(error(
                "/sql",
                &at(open),
                format!(
                    "{what} has {} values for {} columns",
                    values.len(),
                    names.len()
                ),
            ));
        }
        rows.push(Row {
            line: open.line,
            values,
        });
        if !matches!(c.token(), Some(Token::Comma)) {
            break;
        }
        c.i += 1;
    }
    *out.seen.entry(name.clone()).or_insert(0) += rows.len();
    if keep {
        store(out.tables.entry(name).or_default(), &names, rows);
    }
    Ok(())
}

/// Adds rows whose values are in `names`' order to a table, in the
/// table's own column order (the first INSERT's).
fn store(table: &mut Table, names: &[String], rows: Vec<Row>) {
    if table.columns.is_empty() {
        table.columns = names.to_vec();
    }
    if table.columns == names {
        table.rows.extend(rows);
        return;
    }
    let positions: Vec<Option<usize>> = table
        .columns
        .iter()
        .map(|c| names.iter().position(|n| n == c))
        .collect();
    for r in rows {
        let values = positions
            .iter()
            .map(|p| p.and_then(|p| r.values.get(p).cloned().flatten()))
            .collect();
        table.rows.push(Row {
            line: r.line,
            values,
        });
    }
}

/// The column names of a `CREATE TABLE`'s definitions (after its `(`):
/// each top-level item that starts with a name and not with a key or
/// constraint keyword.
fn column_definitions(tokens: &[TokenWithSpan]) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut item_start = true;
    for t in tokens {
        match &t.token {
            Token::LParen => depth += 1,
            Token::RParen if depth == 0 => break,
            Token::RParen => depth -= 1,
            Token::Comma if depth == 0 => {
                item_start = true;
                continue;
            }
            Token::Word(w) if item_start => {
                let key = w.quote_style.is_none()
                    && matches!(
                        w.keyword,
                        Keyword::PRIMARY
                            | Keyword::KEY
                            | Keyword::UNIQUE
                            | Keyword::INDEX
                            | Keyword::CONSTRAINT
                            | Keyword::FOREIGN
                            | Keyword::FULLTEXT
                            | Keyword::SPATIAL
                            | Keyword::CHECK
                    );
                if !key {
                    out.push(w.value.to_lowercase());
                }
            }
            _ => {}
        }
        item_start = false;
    }
    out
}

/// A literal value at `i` and the position after it.
fn literal(tokens: &[TokenWithSpan], i: usize) -> Option<(Option<String>, usize)> {
    let token = &tokens.get(i)?.token;
    let number = |i: usize, sign: &str| match tokens.get(i).map(|t| &t.token) {
        Some(Token::Number(n, _)) => Some((Some(format!("{sign}{n}")), i + 1)),
        _ => None,
    };
    match token {
        Token::SingleQuotedString(s)
        | Token::DoubleQuotedString(s)
        | Token::NationalStringLiteral(s) => Some((Some(s.clone()), i + 1)),
        Token::Number(n, _) => Some((Some(n.clone()), i + 1)),
        Token::Minus => number(i + 1, "-"),
        Token::Plus => number(i + 1, ""),
        Token::HexStringLiteral(h) => Some((Some(format!("0x{h}")), i + 1)),
        Token::Word(w) if w.quote_style.is_none() => match w.keyword {
            Keyword::NULL => Some((None, i + 1)),
            Keyword::TRUE => Some((Some("1".to_owned()), i + 1)),
            Keyword::FALSE => Some((Some("0".to_owned()), i + 1)),
            // A character set introducer: `_utf8mb4'…'`, `_binary'…'`.
            _ if w.value.starts_with('_') => match tokens.get(i + 1).map(|t| &t.token) {
                Some(Token::SingleQuotedString(s)) => Some((Some(s.clone()), i + 2)),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// Reads one CSV export: a header row of column names, then at most
/// `max_rows` rows.
pub(crate) fn read_csv(table: &str, text: &str, max_rows: usize) -> Result<Table, Issue> {
    let path = crate::input::parse::join("/csv", table);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().unwrap_or_default();
    let delimiter = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| error(&path, "line 1", e))?
        .iter()
        .map(|c| c.trim().trim_matches(['`', '"']).to_lowercase())
        .collect();
    if columns.iter().all(String::is_empty) {
        return Err(error(&path, "line 1", "no header row of column names"));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            error(&path, &format!("line {line}"), e)
        })?;
        if rows.len() >= max_rows {
            return Err(too_many(&path, max_rows));
        }
        let line = record.position().map_or(0, csv::Position::line);
        let values = record
            .iter()
            .map(|v| (v != "NULL" && v != "\\N").then(|| v.to_owned()))
            .collect();
        rows.push(Row { line, values });
    }
    Ok(Table { columns, rows })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn values(t: &Table) -> Vec<Vec<Option<&str>>> {
        t.rows
            .iter()
            .map(|r| r.values.iter().map(|v| v.as_deref()).collect())
            .collect()
    }

    #[test]
    fn escapes_null_and_multi_line_values() {
        let sql = "-- comment\n/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE IF NOT EXISTS `t` (\n  `id` int NOT NULL,\n  `body` longtext,\n  PRIMARY KEY (`id`),\n  KEY `k` (`body`(10))\n) ENGINE=InnoDB;\nINSERT INTO `t` VALUES (1,'l\\'eau \\\\ et ''les'' \\n fins'),(2,NULL),\n(-3,'deux\nlignes é');\n";
        let t = read_sql(sql, &["t"], 100).unwrap();
        let table = &t.tables["t"];
        assert_eq!(table.columns, ["id", "body"]);
        assert_eq!(
            values(table),
            [
                vec![Some("1"), Some("l'eau \\ et 'les' \n fins")],
                vec![Some("2"), None],
                vec![Some("-3"), Some("deux\nlignes é")],
            ]
        );
        assert_eq!(table.rows[2].line, 10);
        assert_eq!(t.seen["t"], 3);
    }

    #[test]
    fn windows_cut_between_statements() {
        // Longer than a window, with a string across the first cut.
        let mut sql = String::from("CREATE TABLE a (id int, s text);\n");
        let long = "x".repeat(700_000);
        for i in 0..3 {
            sql.push_str(&format!("INSERT INTO a (s, id) VALUES ('{long}é', {i});\n"));
        }
        let t = read_sql(&sql, &["a"], 100).unwrap();
        let rows = &t.tables["a"].rows;
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].line, 4);
        // In the CREATE TABLE's column order.
        assert_eq!(t.tables["a"].columns, ["id", "s"]);
        assert_eq!(rows[2].values[0].as_deref(), Some("2"));
        assert!(rows[2].values[1].as_deref() == Some(&*format!("{long}é")));
    }

    #[test]
    fn errors_name_their_line() {
        let cut = "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1),\n(2, 'not closed";
        let e = read_sql(cut, &["t"], 100).unwrap_err();
        assert_eq!(e.code, IssueCode::InvalidSql);
        assert!(e.message.starts_with("line 3, column 5"), "{}", e.message);
        let e = read_sql("INSERT INTO t VALUES (1, 2);", &["t"], 100).unwrap_err();
        assert!(e.message.contains("no CREATE TABLE"), "{}", e.message);
        let e = read_sql(
            "CREATE TABLE t (a int, b int);\n\nINSERT INTO t VALUES (1);",
            &["t"],
            100,
        )
        .unwrap_err();
        assert!(e.message.starts_with("line 3"), "{}", e.message);
        assert!(
            e.message.contains("1 values for 2 columns"),
            "{}",
            e.message
        );
        let e = read_sql(
            "CREATE TABLE t (a int);\nINSERT INTO t VALUES (NOW());",
            &["t"],
            100,
        )
        .unwrap_err();
        assert!(e.message.contains("not a literal"), "{}", e.message);
        // Cut right after a row: the statement has no `;`.
        let e = read_sql(
            "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1),\n(2)",
            &["t"],
            100,
        )
        .unwrap_err();
        assert!(e.message.starts_with("line 2, column 1"), "{}", e.message);
        assert!(e.message.contains("cut short"), "{}", e.message);
        // A table created and left empty is there.
        let t = read_sql("CREATE TABLE `t` (`id` int, `b` text);", &["t"], 100).unwrap();
        assert_eq!(t.tables["t"].columns, ["id", "b"]);
        assert!(t.tables["t"].rows.is_empty());
        // A table nobody reads may be anything.
        assert!(read_sql("INSERT INTO other VALUES (1);", &["t"], 100).is_ok());
    }

    #[test]
    fn csv_exports() {
        let t = read_csv(
            "answer",
            "\u{feff}id;body;ponderation\n1;\"Oui; vraiment\";3\n2;NULL;\\N\n",
            100,
        )
        .unwrap();
        assert_eq!(t.columns, ["id", "body", "ponderation"]);
        assert_eq!(
            values(&t),
            [
                vec![Some("1"), Some("Oui; vraiment"), Some("3")],
                vec![Some("2"), None, None]
            ]
        );
        let e = read_csv("answer", "id,body\n1,a\n2\n", 100).unwrap_err();
        assert_eq!(e.code, IssueCode::InvalidCsv);
        assert_eq!(e.path, "/csv/answer");
        assert!(e.message.starts_with("line 3"), "{}", e.message);
    }
}
