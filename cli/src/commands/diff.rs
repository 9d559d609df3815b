//! `sobriete diff`: what changed between two assessments (JSON).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sobriete::api;

use crate::io::{json, load_assessment, load_referential, print, Failure};

#[derive(Args)]
pub struct DiffArgs {
    /// The earlier assessment.
    before: String,
    /// The later assessment.
    after: String,
    /// Referential JSON file (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
}

/// Runs `sobriete diff`.
pub fn run(args: DiffArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let (b, a) = (
        load_assessment(&args.before, &r)?,
        load_assessment(&args.after, &r)?,
    );
    print(&json(&api::diff(&r, &b, &a)?));
    Ok(ExitCode::SUCCESS)
}
