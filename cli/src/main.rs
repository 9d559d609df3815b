//! `sobriete`: the command-line interface of the sobriete library.
//!
//! Thin on purpose: every operation is a call to `sobriete::api`. This
//! file holds the command line (clap) and the dispatch; each subcommand
//! lives in its module under `commands`, the shared reading, writing and
//! failures in `io`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[macro_use]
mod io;
mod args;
mod commands;

use commands::{
    actions, batch, chart, crosswalk, csv, diff, history, import, migrate, peers, plan,
    referential, report, review, schema, template, validate,
};
use io::Failure;

/// Digital sobriety maturity of French local governments (REEN law).
#[derive(Parser)]
#[command(name = "sobriete", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score an assessment and print its maturity report.
    Report(report::ReportArgs),
    /// SVG charts: the radar of theme scores, or the evolution over assessments.
    Chart(chart::ChartArgs),
    /// Check a referential or an assessment; list every problem (exit 1 when invalid).
    Validate(validate::ValidateArgs),
    /// Print an assessment skeleton listing every question, each `unanswered`.
    Template(template::TemplateArgs),
    /// Print the referential (default: the embedded one).
    Referential(referential::ReferentialArgs),
    /// Candidate actions with their exact gains (quick wins, largest gains, by theme, by REEN area).
    Actions(actions::ActionsArgs),
    /// Targets, optimal action plans and their follow-up.
    Plan {
        #[command(subcommand)]
        command: plan::PlanCommand,
    },
    /// The evolution of dated assessments (per theme), oldest first; with
    /// `--plan`, achieved vs planned index too (JSON: `{"history", "progress"}`).
    History(history::HistoryArgs),
    /// Situate an assessment among peers' results (percentiles, median, quartiles by stratum).
    #[command(alias = "peers")]
    Compare(peers::CompareArgs),
    /// Score many assessments: JSON Lines (one assessment per line) from
    /// files or standard input, one CSV or JSON Lines row each, streamed.
    /// Exit status 1 when some item could not be scored (its row says why).
    Batch(batch::BatchArgs),
    /// Aggregate members' results (e.g. communes into their EPCI) (JSON).
    Rollup(peers::RollupArgs),
    /// The peer result of an assessment, to add to a peers file (JSON).
    PeerResult(peers::PeerResultArgs),
    /// CSV for spreadsheets: answers or theme scores of an assessment, or a plan's actions.
    Csv(csv::CsvArgs),
    /// The REEN annual review (Markdown), for the sustainable-development report.
    #[command(name = "reen-review", alias = "review")]
    Review(review::ReviewArgs),
    /// What changed between two assessments (JSON).
    Diff(diff::DiffArgs),
    /// Import a published referential (RGESN, good-practice guide, W3C WSG)
    /// or Éco-clic's questionnaire into the referential format, or
    /// Éco-clic's answers as assessments; the import report goes to
    /// standard error.
    Import(import::ImportArgs),
    /// Carry an assessment to another version of its referential across a
    /// crosswalk: the migrated assessment (JSON, on standard output or -o)
    /// and the report of every answer (on standard error); --simulate shows
    /// what would change without writing anything.
    Migrate(migrate::MigrateArgs),
    /// Crosswalks between referential versions: check one, or invert it.
    Crosswalk {
        #[command(subcommand)]
        command: crosswalk::CrosswalkCommand,
    },
    /// Write or check the JSON Schemas of the documents.
    Schema(schema::SchemaArgs),
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Report(args) => report::run(args),
        Command::Chart(args) => chart::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Template(args) => template::run(args),
        Command::Referential(args) => referential::run(args),
        Command::Actions(args) => actions::run(args),
        Command::Plan { command } => plan::run(command),
        Command::History(args) => history::run(args),
        Command::Compare(args) => peers::compare(args),
        Command::Batch(args) => batch::run(args),
        Command::Rollup(args) => peers::rollup(args),
        Command::PeerResult(args) => peers::peer_result(args),
        Command::Csv(args) => csv::run(args),
        Command::Review(args) => review::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Import(args) => import::run(args),
        Command::Migrate(args) => migrate::run(args),
        Command::Crosswalk { command } => crosswalk::run(command),
        Command::Schema(args) => schema::run(args),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(Failure { message, usage }) => {
            eprintln!("error: {message}");
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
