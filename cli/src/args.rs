//! Option values several commands share (formats, language) and the
//! parsing of the repeatable `--theme-target THEME=SCORE`.

use std::collections::BTreeMap;

use clap::ValueEnum;
use sobriete::{Lang, ReportFormat};

use crate::io::{usage, Failure};

/// `--format` of the commands that render a report.
#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFmt {
    Text,
    Json,
    Markdown,
}

impl ReportFmt {
    /// The library's format (JSON is serialised by the library's renderer
    /// or, where there is none, by the command itself).
    pub fn report_format(self) -> ReportFormat {
        match self {
            ReportFmt::Text => ReportFormat::Text,
            ReportFmt::Json => ReportFormat::Json,
            ReportFmt::Markdown => ReportFormat::Markdown,
        }
    }
}

/// `--format` of the commands that print a document.
#[derive(Clone, Copy, ValueEnum)]
pub enum DocFmt {
    Json,
    Markdown,
}

/// `--format` of the commands that list findings.
#[derive(Clone, Copy, ValueEnum)]
pub enum ValidateFmt {
    Text,
    Json,
}

/// `--lang`.
#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Fr,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }
    }
}

/// The theme scores of repeated `--theme-target THEME=SCORE`.
pub fn theme_targets(list: &[String]) -> Result<BTreeMap<String, f64>, Failure> {
    let mut themes = BTreeMap::new();
    for t in list {
        let (id, v) = t
            .split_once('=')
            .and_then(|(id, v)| {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .map(|v| (id.trim().to_owned(), v))
            })
            .ok_or_else(|| {
                usage(format!(
                    "--theme-target {t:?}: expected THEME=SCORE, e.g. fleet=70"
                ))
            })?;
        themes.insert(id, v);
    }
    Ok(themes)
}
