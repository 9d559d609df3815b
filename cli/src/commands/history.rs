//! `sobriete history`: the evolution of dated assessments, and with a
//! plan, the achieved against the planned index.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sobriete::api::{self, History, ProgressPoint};

use crate::args::{LangArg, ReportFmt};
use crate::io::{json, load_assessment, load_plan, load_referential, print, Failure};

#[derive(Args)]
pub struct HistoryArgs {
    /// Assessment JSON files.
    #[arg(required = true)]
    assessments: Vec<String>,
    /// An action plan, to compare achieved and planned progress.
    #[arg(long)]
    plan: Option<String>,
    /// Referential JSON file (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFmt,
    /// Language of the texts.
    #[arg(long, value_enum, default_value = "fr")]
    lang: LangArg,
}

/// Runs `sobriete history`.
pub fn run(args: HistoryArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let list = args
        .assessments
        .iter()
        .map(|s| load_assessment(s, &r))
        .collect::<Result<Vec<_>, _>>()?;
    let h = api::history(&r, &list)?;
    let progress = match &args.plan {
        Some(p) => {
            let plan = load_plan(p, &r)?;
            Some(api::progress_series(&r, &list, &plan)?)
        }
        None => None,
    };
    let out = match (args.format, &progress) {
        (ReportFmt::Json, None) => json(&h),
        (ReportFmt::Json, Some(points)) => {
            json(&serde_json::json!({"history": h, "progress": points}))
        }
        (f, _) => render(&h, progress.as_deref(), f, args.lang),
    };
    print(&out);
    Ok(ExitCode::SUCCESS)
}

/// The history as text or Markdown, followed by the progress lines.
fn render(h: &History, progress: Option<&[ProgressPoint]>, f: ReportFmt, lang: LangArg) -> String {
    let mut text = api::render_history(h, f.report_format(), lang.into());
    let (achieved, planned) = match lang {
        LangArg::Fr => ("réalisé", "prévu"),
        LangArg::En => ("achieved", "planned"),
    };
    let bullet = if matches!(f, ReportFmt::Markdown) {
        "- "
    } else {
        "  "
    };
    for p in progress.into_iter().flatten() {
        let show = |x: Option<f64>| x.map_or("–".to_owned(), |v| format!("{v:.2}"));
        text.push_str(&format!(
            "{bullet}{} : {achieved} {} / {planned} {}\n",
            api::terminal_text(&p.date),
            show(p.achieved),
            show(p.planned)
        ));
    }
    text
}
