//! `sobriete validate`: every problem of a referential or an assessment.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sobriete::api;

use crate::args::ValidateFmt;
use crate::io::{load_referential, read_input, Failure};

#[derive(Args)]
pub struct ValidateArgs {
    /// JSON file, or `-` for standard input.
    file: String,
    /// Referential an assessment is checked against (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ValidateFmt,
}

/// Runs `sobriete validate`: exit 1 when the document is invalid.
pub fn run(args: ValidateArgs) -> Result<ExitCode, Failure> {
    let file = args.file;
    let text = read_input(&file)?;
    let report = match &args.referential {
        Some(p) => {
            let r = load_referential(&Some(p.clone()))?;
            api::validate_json(&text, Some(&r))
        }
        None => api::validate_json(&text, None),
    };
    match args.format {
        ValidateFmt::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
        ValidateFmt::Text => {
            let errors = report.issues.iter().filter(|i| i.is_error()).count();
            let warnings = report.issues.len() - errors;
            let verdict = if report.valid { "valid" } else { "invalid" };
            outln!(
                "{file}: {verdict} {} ({errors} error(s), {warnings} warning(s))",
                report.document.as_str()
            );
            for issue in &report.issues {
                outln!("  {issue}");
            }
        }
    }
    Ok(if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
