//! `sobriete import`: a published referential into our referential format.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use sobriete::api;
use sobriete::import::{ImportFormat, ImportReport};

use super::{fail, json, print, read_input, Failure};

/// The published formats.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// RGESN criteria (Arcep, Arcom, DINUM).
    Rgesn,
    /// The good-practice guide for organisations (DINUM, MiNumEco).
    Minumeco,
    /// W3C Web Sustainability Guidelines.
    Wsg,
}

impl From<Format> for ImportFormat {
    fn from(f: Format) -> ImportFormat {
        match f {
            Format::Rgesn => ImportFormat::Rgesn,
            Format::Minumeco => ImportFormat::Minumeco,
            Format::Wsg => ImportFormat::Wsg,
        }
    }
}

/// Arguments of `sobriete import`.
#[derive(Args)]
pub(crate) struct ImportArgs {
    /// Format of the source.
    #[arg(value_enum)]
    format: Format,
    /// The published JSON file, or `-` for standard input.
    file: String,
    /// Write the referential to this file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Also write the import report (JSON: counts, skipped entries,
    /// dropped fields, warnings) to this file.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Print nothing on standard error when the import succeeds.
    #[arg(short, long)]
    quiet: bool,
}

/// A short summary of a report, one line per skipped entry and warning.
fn summary(r: &ImportReport) -> String {
    let c = &r.counts;
    let mut s = format!(
        "imported {}{}: {} questions in {} themes, {} actions",
        r.source_format.as_str(),
        r.source_title
            .as_deref()
            .map(|t| format!(" « {t} »"))
            .unwrap_or_default(),
        c.questions,
        c.themes,
        c.actions,
    );
    if c.criteria > 0 {
        s.push_str(&format!(", {} success criteria", c.criteria));
    }
    s.push_str(&format!(
        " (from {} source entries; {} skipped, {} warnings)",
        c.source_entries,
        r.skipped.len(),
        r.warnings.len()
    ));
    let clean = |x: &str| -> String {
        x.chars()
            .map(|ch| if ch.is_control() { '\u{fffd}' } else { ch })
            .collect()
    };
    for k in &r.skipped {
        s.push_str(&format!(
            "\n  skipped {}: {}",
            clean(&k.path),
            clean(&k.reason)
        ));
    }
    for w in &r.warnings {
        s.push_str(&format!("\n  {w}"));
    }
    if !r.dropped_fields.is_empty() {
        let fields: Vec<String> = r.dropped_fields.iter().map(|f| clean(f)).collect();
        s.push_str(&format!("\n  not carried over: {}", fields.join(", ")));
    }
    s
}

/// Runs `sobriete import`.
pub(crate) fn run(args: ImportArgs) -> Result<ExitCode, Failure> {
    let source = read_input(&args.file)?;
    let imported = api::import_referential(args.format.into(), &source)
        .map_err(|e| fail(format!("{}: {}", args.file, Failure::from(e).message)))?;
    let mut referential = api::referential_to_json(&imported.referential);
    referential.push('\n');
    match &args.output {
        Some(path) => std::fs::write(path, &referential)
            .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?,
        None => print(&referential),
    }
    if let Some(path) = &args.report {
        let mut text = json(&imported.report);
        text.push('\n');
        std::fs::write(path, text)
            .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
    }
    if !args.quiet {
        eprintln!("{}", summary(&imported.report));
    }
    Ok(ExitCode::SUCCESS)
}
