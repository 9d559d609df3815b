//! `sobriete referential`: the referential as JSON or Markdown.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sobriete::api;

use crate::args::{DocFmt, LangArg};
use crate::io::{load_referential, Failure};

#[derive(Args)]
pub struct ReferentialArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: DocFmt,
    /// Referential JSON file to print instead of the embedded one.
    #[arg(long)]
    referential: Option<PathBuf>,
    /// Language of the Markdown rendering.
    #[arg(long, value_enum, default_value = "fr")]
    lang: LangArg,
}

/// Runs `sobriete referential`.
pub fn run(args: ReferentialArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    match args.format {
        DocFmt::Json => outln!("{}", api::referential_to_json(&r)),
        DocFmt::Markdown => out!("{}", api::referential_markdown(&r, args.lang.into())),
    }
    Ok(ExitCode::SUCCESS)
}
