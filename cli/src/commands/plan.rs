//! `sobriete plan`: propose the plan of least effort that reaches a
//! target, follow a plan up, draft the next assessment.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use sobriete::api::{self, ProposalRequest};
use sobriete::model::target::Target;
use sobriete::ReportFormat;

use crate::args::{theme_targets, LangArg, ReportFmt};
use crate::io::{fail, json, load_assessment, load_plan, load_referential, print, today, Failure};

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Propose the plan of least effort that reaches a target.
    Propose(ProposeArgs),
    /// Follow a plan up at a date.
    Status(StatusArgs),
    /// Draft the next assessment: answers raised by done actions, to confirm.
    Next(NextArgs),
}

#[derive(Args)]
pub struct ProposeArgs {
    /// Assessment JSON file, or `-`.
    assessment: String,
    /// Overall index to reach (0–100).
    #[arg(long)]
    target: Option<f64>,
    /// Grade to reach (its band's minimum).
    #[arg(long)]
    grade: Option<String>,
    /// A theme score to reach, as THEME=SCORE (repeatable).
    #[arg(long = "theme-target", value_name = "THEME=SCORE")]
    theme_targets: Vec<String>,
    /// Target date (YYYY-MM-DD).
    #[arg(long)]
    target_date: Option<String>,
    /// Largest total effort (low 1, medium 2, high 3 points).
    #[arg(long)]
    max_effort: Option<u32>,
    /// Largest total budget (€, cost-band estimates).
    #[arg(long)]
    max_budget: Option<u32>,
    /// Actions not to propose (repeatable).
    #[arg(long)]
    exclude: Vec<String>,
    /// Actions the plan must contain (repeatable).
    #[arg(long)]
    require: Vec<String>,
    /// Referential JSON file (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ProposalFmt,
    /// Language of the texts.
    #[arg(long, value_enum, default_value = "fr")]
    lang: LangArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProposalFmt {
    Text,
    Json,
    Markdown,
    /// A plan document (JSON) to fill in: owners, dates, budgets.
    Plan,
}

#[derive(Args)]
pub struct StatusArgs {
    /// Plan JSON file.
    plan: String,
    /// The assessment the plan starts from (default: the plan's `baseline`).
    #[arg(long)]
    assessment: Option<String>,
    /// Date of the follow-up (YYYY-MM-DD; default: today).
    #[arg(long)]
    as_of: Option<String>,
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

#[derive(Args)]
pub struct NextArgs {
    /// Plan JSON file.
    plan: String,
    /// The previous assessment (default: the plan's `baseline`).
    #[arg(long)]
    assessment: Option<String>,
    /// Date of the new assessment (YYYY-MM-DD; default: today).
    #[arg(long)]
    date: Option<String>,
    /// Referential JSON file (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
}

/// Runs `sobriete plan …`.
pub fn run(command: PlanCommand) -> Result<ExitCode, Failure> {
    match command {
        PlanCommand::Propose(args) => propose(args),
        PlanCommand::Status(args) => status(args),
        PlanCommand::Next(args) => next(args),
    }
}

fn propose(args: ProposeArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let a = load_assessment(&args.assessment, &r)?;
    let themes = theme_targets(&args.theme_targets)?;
    let request = ProposalRequest {
        target: Target {
            index: args.target,
            grade: args.grade,
            themes,
            date: args.target_date,
        },
        max_effort: args.max_effort,
        max_budget: args.max_budget,
        exclude: args.exclude,
        require: args.require,
    };
    let proposal = api::propose(&r, &a, &request)?;
    let lang = args.lang.into();
    let out = match args.format {
        ProposalFmt::Json => json(&proposal),
        ProposalFmt::Plan => json(&api::plan_from_proposal(
            &r,
            &a,
            &request,
            &proposal,
            &today(),
        )),
        ProposalFmt::Text => api::render_proposal(&proposal, ReportFormat::Text, lang),
        ProposalFmt::Markdown => api::render_proposal(&proposal, ReportFormat::Markdown, lang),
    };
    print(&out);
    Ok(ExitCode::SUCCESS)
}

fn status(args: StatusArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let p = load_plan(&args.plan, &r)?;
    let baseline = args
        .assessment
        .map(|s| load_assessment(&s, &r))
        .transpose()?;
    let status = api::plan_status(
        &r,
        &p,
        baseline.as_ref(),
        args.as_of.as_deref().unwrap_or(&today()),
    )?;
    let out = match args.format {
        ReportFmt::Json => json(&status),
        f => api::render_plan_status(&status, f.report_format(), args.lang.into()),
    };
    print(&out);
    Ok(ExitCode::SUCCESS)
}

fn next(args: NextArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let p = load_plan(&args.plan, &r)?;
    let previous = match args.assessment {
        Some(s) => load_assessment(&s, &r)?,
        None => p.baseline.clone().ok_or_else(|| {
            fail(
                "give the previous assessment (--assessment) or embed it as the plan's `baseline`"
                    .to_owned(),
            )
        })?,
    };
    let next = api::next_assessment(&r, &previous, &p, args.date.as_deref().unwrap_or(&today()))?;
    print(&json(&next));
    Ok(ExitCode::SUCCESS)
}
