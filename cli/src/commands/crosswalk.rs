//! `sobriete crosswalk`: check a crosswalk between two referential
//! versions, or invert it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use sobriete::api;

use crate::io::{json, load_crosswalk, load_referential, print, Failure};

#[derive(Subcommand)]
pub enum CrosswalkCommand {
    /// Check a crosswalk against the two versions (every problem; exit 1 when invalid).
    Check(CheckArgs),
    /// Print the crosswalk the other way round (to migrate back).
    Invert(InvertArgs),
}

#[derive(Args)]
pub struct CheckArgs {
    /// Crosswalk JSON file.
    crosswalk: PathBuf,
    /// The old version (default: the embedded referential).
    #[arg(long)]
    from: Option<PathBuf>,
    /// The new version.
    #[arg(long)]
    to: PathBuf,
}

#[derive(Args)]
pub struct InvertArgs {
    /// Crosswalk JSON file.
    crosswalk: PathBuf,
}

/// Runs `sobriete crosswalk …`.
pub fn run(command: CrosswalkCommand) -> Result<ExitCode, Failure> {
    match command {
        CrosswalkCommand::Check(args) => check(args),
        CrosswalkCommand::Invert(args) => {
            let c = load_crosswalk(&args.crosswalk)?;
            print(&json(&api::invert_crosswalk(&c)?));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, Failure> {
    let from = load_referential(&args.from)?;
    let to = load_referential(&Some(args.to))?;
    let c = load_crosswalk(&args.crosswalk)?;
    let report = api::validate_crosswalk(&c, &from, &to);
    for issue in &report.issues {
        outln!("{issue}");
    }
    if report.valid {
        outln!("{}: valid", args.crosswalk.display());
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}
