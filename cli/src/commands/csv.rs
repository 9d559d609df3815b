//! `sobriete csv`: answers or theme scores of an assessment, or a plan's
//! actions, for spreadsheets.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use sobriete::api;

use crate::args::LangArg;
use crate::io::{load_assessment, load_plan, load_referential, Failure};

#[derive(Args)]
pub struct CsvArgs {
    /// What to export.
    #[arg(value_enum)]
    what: CsvWhat,
    /// Assessment JSON file (answers, themes) or plan JSON file (plan), or `-`.
    file: String,
    /// Referential JSON file (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
    /// Language of the texts.
    #[arg(long, value_enum, default_value = "fr")]
    lang: LangArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvWhat {
    Answers,
    Themes,
    Plan,
}

/// Runs `sobriete csv`.
pub fn run(args: CsvArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let lang = args.lang.into();
    let out = match args.what {
        CsvWhat::Answers => api::answers_csv(&r, &load_assessment(&args.file, &r)?, lang)?,
        CsvWhat::Themes => api::themes_csv(&r, &load_assessment(&args.file, &r)?, lang)?,
        CsvWhat::Plan => api::plan_csv(&r, &load_plan(&args.file, &r)?, lang)?,
    };
    out!("{out}");
    Ok(ExitCode::SUCCESS)
}
