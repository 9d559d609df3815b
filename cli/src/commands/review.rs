//! `sobriete reen-review`: the REEN annual review (Markdown).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sobriete::api;

use crate::args::LangArg;
use crate::io::{load_assessment, load_plan, load_referential, print, Failure};

#[derive(Args)]
pub struct ReviewArgs {
    /// Assessment JSON file, or `-`.
    assessment: String,
    /// Year of the review.
    #[arg(long)]
    year: i32,
    /// The action plan (objectives, indicators, measures).
    #[arg(long)]
    plan: Option<String>,
    /// Follow-up date of the plan (default: 31 December of the year).
    #[arg(long)]
    as_of: Option<String>,
    /// Referential JSON file (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
    /// Language of the texts.
    #[arg(long, value_enum, default_value = "fr")]
    lang: LangArg,
}

/// Runs `sobriete reen-review`.
pub fn run(args: ReviewArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let a = load_assessment(&args.assessment, &r)?;
    let p = match &args.plan {
        Some(f) => Some(load_plan(f, &r)?),
        None => None,
    };
    print(&api::annual_review(
        &r,
        &a,
        p.as_ref(),
        args.year,
        args.as_of.as_deref(),
        args.lang.into(),
    )?);
    Ok(ExitCode::SUCCESS)
}
