//! `sobriete migrate`: an assessment carried to another version of its
//! referential across a crosswalk, or the simulation of it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sobriete::api;

use crate::args::{LangArg, ReportFmt};
use crate::io::{fail, json, load_assessment, load_crosswalk, load_referential, print, Failure};

#[derive(Args)]
pub struct MigrateArgs {
    /// Assessment JSON file, or `-`.
    assessment: String,
    /// The new version of the referential (JSON file; default: the
    /// embedded one).
    #[arg(long)]
    to: Option<PathBuf>,
    /// The crosswalk from the assessment's version to the new one.
    #[arg(long)]
    crosswalk: PathBuf,
    /// The assessment's referential (default: the embedded one).
    #[arg(long)]
    from: Option<PathBuf>,
    /// Only show the index before and after and what happens to every answer.
    #[arg(long)]
    simulate: bool,
    /// Write the migrated assessment to this file.
    #[arg(short, long, conflicts_with = "simulate")]
    output: Option<PathBuf>,
    /// Format of the report (or of the simulation).
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFmt,
    /// Language of the texts.
    #[arg(long, value_enum, default_value = "fr")]
    lang: LangArg,
}

/// Runs `sobriete migrate`: the migrated assessment on standard output
/// (or `--output`), the report on standard error.
pub fn run(args: MigrateArgs) -> Result<ExitCode, Failure> {
    let from = load_referential(&args.from)?;
    let to = load_referential(&args.to)?;
    let a = load_assessment(&args.assessment, &from)?;
    let c = load_crosswalk(&args.crosswalk)?;
    let format = args.format.report_format();
    let lang = args.lang.into();
    if args.simulate {
        let s = api::simulate_migration(&from, &a, &c, &to)?;
        print(&api::render_migration_simulation(&s, format, lang)?);
        return Ok(ExitCode::SUCCESS);
    }
    let m = api::migrate(&from, &a, &c, &to)?;
    let report = api::render_migration_report(&m.report, format, lang)?;
    let document = json(&m.assessment);
    match args.output {
        Some(path) => std::fs::write(&path, format!("{document}\n"))
            .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?,
        None => print(&document),
    }
    eprint!("{report}");
    Ok(ExitCode::SUCCESS)
}
