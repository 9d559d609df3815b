//! `sobriete report`: the maturity report of an assessment, with the
//! target, plan follow-up, history and peers when asked.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use sobriete::model::target::Target;
use sobriete::{api, ReportFormat};

use crate::args::LangArg;
use crate::io::{load_assessment, load_peers, load_plan, load_referential, print, Failure};

#[derive(Args)]
pub struct ReportArgs {
    /// Assessment JSON file, or `-` for standard input.
    assessment: String,
    /// Referential JSON file (default: the embedded REEN referential).
    #[arg(long)]
    referential: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FullFmt,
    /// Language of the texts.
    #[arg(long, value_enum, default_value = "fr")]
    lang: LangArg,
    /// Overall index to reach: adds the gap and the proposed plan.
    #[arg(long)]
    target: Option<f64>,
    /// An action plan to follow up (as of --as-of, default the assessment's date).
    #[arg(long)]
    plan: Option<String>,
    /// Follow-up date of the plan.
    #[arg(long)]
    as_of: Option<String>,
    /// Earlier assessments, for the history (repeatable).
    #[arg(long = "history")]
    history: Vec<String>,
    /// Peers' results, for the comparison.
    #[arg(long)]
    peers: Option<String>,
    /// Smallest group whose statistics are shown.
    #[arg(long)]
    min_group_size: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FullFmt {
    Text,
    Json,
    Markdown,
    Html,
    /// The answers as CSV (see `sobriete csv` for themes and plans).
    Csv,
}

/// Runs `sobriete report`.
pub fn run(args: ReportArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let a = load_assessment(&args.assessment, &r)?;
    let target = args.target.map(Target::index);
    let plan = args.plan.map(|p| load_plan(&p, &r)).transpose()?;
    let history = args
        .history
        .iter()
        .map(|h| load_assessment(h, &r))
        .collect::<Result<Vec<_>, _>>()?;
    let peers = args.peers.map(|p| load_peers(&p)).transpose()?;
    let inputs = api::ReportInputs {
        target: target.as_ref(),
        plan: plan.as_ref(),
        as_of: args.as_of.as_deref(),
        history: &history,
        peers: peers.as_ref(),
        min_group_size: args.min_group_size,
    };
    let lang = args.lang.into();
    let format = match args.format {
        FullFmt::Text => ReportFormat::Text,
        FullFmt::Json => ReportFormat::Json,
        FullFmt::Markdown => ReportFormat::Markdown,
        FullFmt::Html => ReportFormat::Html,
        FullFmt::Csv => {
            out!("{}", api::answers_csv(&r, &a, lang)?);
            return Ok(ExitCode::SUCCESS);
        }
    };
    let plain = inputs.target.is_none()
        && inputs.plan.is_none()
        && history.is_empty()
        && inputs.peers.is_none();
    // Without extras, JSON stays the score report document itself.
    let out = if plain {
        api::render_report(&api::score(&r, &a)?, format, lang)
    } else {
        api::full_report(&r, &a, &inputs, format, lang)?
    };
    print(&out);
    Ok(ExitCode::SUCCESS)
}
