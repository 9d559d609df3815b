//! `sobriete actions`: candidate actions with their exact gains.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sobriete::api::{self, terminal_text, Candidates};
use sobriete::Lang;

use crate::args::{LangArg, ValidateFmt};
use crate::io::{json, load_assessment, load_referential, print, Failure};

#[derive(Args)]
pub struct ActionsArgs {
    /// Assessment JSON file, or `-`.
    assessment: String,
    /// Referential JSON file (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
    /// Output format (text lists the views).
    #[arg(long, value_enum, default_value = "text")]
    format: ValidateFmt,
    /// Language of the texts.
    #[arg(long, value_enum, default_value = "fr")]
    lang: LangArg,
}

/// Runs `sobriete actions`.
pub fn run(args: ActionsArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let a = load_assessment(&args.assessment, &r)?;
    let c = api::candidates(&r, &a)?;
    match args.format {
        ValidateFmt::Json => print(&json(&c)),
        ValidateFmt::Text => print_views(&c, args.lang.into()),
    }
    Ok(ExitCode::SUCCESS)
}

/// The views as text: quick wins, the ten largest gains, by theme, by REEN area.
fn print_views(c: &Candidates, lang: Lang) {
    let title = |id: &str| {
        c.actions
            .iter()
            .find(|x| x.id == id)
            .map(|x| {
                format!(
                    "{} — {} (+{:.2})",
                    terminal_text(id),
                    terminal_text(x.title.get(lang)),
                    x.gain
                )
            })
            .unwrap_or_default()
    };
    outln!("Quick wins:");
    c.quick_wins.iter().for_each(|id| outln!("  {}", title(id)));
    outln!("Largest gains:");
    c.largest_gains
        .iter()
        .take(10)
        .for_each(|id| outln!("  {}", title(id)));
    outln!("By theme:");
    for (theme, ids) in &c.by_theme {
        outln!(
            "  {}: {}",
            terminal_text(theme),
            terminal_text(&ids.join(", "))
        );
    }
    outln!("By REEN area:");
    for (area, ids) in &c.by_reen_area {
        outln!("  {area}: {}", ids.join(", "));
    }
}
