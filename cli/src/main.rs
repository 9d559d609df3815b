//! `sobriete`: the command-line interface of the sobriete library.
//!
//! Thin on purpose: every operation is a call to `sobriete::api`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod batch;
mod import;

use batch::BatchFormat;

use clap::{Parser, Subcommand, ValueEnum};
use sobriete::{api, Lang, Profile, ProfileKind, Referential, ReportFormat};

/// Writes to standard output; a closed pipe (`… | head`) ends quietly.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {e}");
        std::process::exit(1);
    }
}

macro_rules! outln {
    () => {
        emit("\n")
    };
    ($($arg:tt)*) => {
        emit(&format!("{}\n", format_args!($($arg)*)))
    };
}

macro_rules! out {
    ($($arg:tt)*) => {
        emit(&format!($($arg)*))
    };
}

/// Digital sobriety maturity of French local governments (REEN law).
#[derive(Parser)]
#[command(name = "sobriete", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFmt {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum DocFmt {
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum ValidateFmt {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Fr,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Score an assessment and print its maturity report.
    Report {
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
    },
    /// SVG charts: the radar of theme scores, or the evolution over assessments.
    Chart {
        /// Which chart.
        #[arg(value_enum)]
        kind: ChartKind,
        /// Assessment JSON file(s): one for the radar, the dated series for the evolution.
        #[arg(required = true)]
        assessments: Vec<String>,
        /// Radar: overlay a target's theme scores, as THEME=SCORE (repeatable).
        #[arg(long = "theme-target", value_name = "THEME=SCORE")]
        theme_targets: Vec<String>,
        /// Radar: overlay the peers' national median; evolution: not used.
        #[arg(long)]
        peers: Option<String>,
        /// Evolution: add the planned index of this plan.
        #[arg(long)]
        plan: Option<String>,
        /// Referential JSON file (default: the embedded one).
        #[arg(long)]
        referential: Option<PathBuf>,
        /// Language of the texts.
        #[arg(long, value_enum, default_value = "fr")]
        lang: LangArg,
    },
    /// Check a referential or an assessment; list every problem (exit 1 when invalid).
    Validate {
        /// JSON file, or `-` for standard input.
        file: String,
        /// Referential an assessment is checked against (default: the embedded one).
        #[arg(long)]
        referential: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFmt,
    },
    /// Print an assessment skeleton listing every question, each `unanswered`.
    Template {
        /// Level: 1, or 2 (levels 1 and 2).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
        level: u8,
        /// Referential JSON file (default: the embedded one).
        #[arg(long)]
        referential: Option<PathBuf>,
        /// Name of the collectivité.
        #[arg(long)]
        name: Option<String>,
        /// Kind of collectivité (commune, communaute_de_communes, …); with a
        /// population, only the questions that apply are listed.
        #[arg(long)]
        kind: Option<String>,
        /// Population.
        #[arg(long)]
        population: Option<u32>,
        /// Date (YYYY-MM-DD; default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Print the referential (default: the embedded one).
    Referential {
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: DocFmt,
        /// Referential JSON file to print instead of the embedded one.
        #[arg(long)]
        referential: Option<PathBuf>,
        /// Language of the Markdown rendering.
        #[arg(long, value_enum, default_value = "fr")]
        lang: LangArg,
    },
    /// Candidate actions with their exact gains (quick wins, largest gains, by theme, by REEN area).
    Actions {
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
    },
    /// Targets, optimal action plans and their follow-up.
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// The evolution of dated assessments (per theme), oldest first; with
    /// `--plan`, achieved vs planned index too (JSON: `{"history", "progress"}`).
    History {
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
    },
    /// Situate an assessment among peers' results (percentiles, median, quartiles by stratum).
    #[command(alias = "peers")]
    Compare {
        /// Assessment JSON file, or `-`.
        assessment: String,
        /// Peers' results (JSON document `{"peers": [...]}`).
        #[arg(long)]
        peers: String,
        /// Smallest group whose statistics are shown.
        #[arg(long, default_value_t = sobriete::api::DEFAULT_MIN_GROUP_SIZE)]
        min_group_size: usize,
        /// Referential JSON file (default: the embedded one).
        #[arg(long)]
        referential: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFmt,
        /// Language of the texts.
        #[arg(long, value_enum, default_value = "fr")]
        lang: LangArg,
    },
    /// Score many assessments: JSON Lines (one assessment per line) from
    /// files or standard input, one CSV or JSON Lines row each, streamed.
    /// Exit status 1 when some item could not be scored (its row says why).
    Batch {
        /// JSON Lines file(s), or `-` for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Referential JSON file (default: the embedded one).
        #[arg(long)]
        referential: Option<PathBuf>,
        /// Output format: CSV (a header, then one row per item) or JSON
        /// Lines (per item `{"item", "summary"}` or `{"item", "error"}`).
        #[arg(long, value_enum, default_value_t = BatchFormat::Csv)]
        format: BatchFormat,
    },
    /// Aggregate members' results (e.g. communes into their EPCI) (JSON).
    Rollup {
        /// Members' results (JSON document `{"peers": [...]}`).
        members: String,
        /// How many members the group has (for completeness).
        #[arg(long)]
        expected: Option<usize>,
    },
    /// The peer result of an assessment, to add to a peers file (JSON).
    PeerResult {
        /// Assessment JSON file, or `-`.
        assessment: String,
        /// Referential JSON file (default: the embedded one).
        #[arg(long)]
        referential: Option<PathBuf>,
    },
    /// CSV for spreadsheets: answers or theme scores of an assessment, or a plan's actions.
    Csv {
        /// What to export.
        #[arg(value_enum)]
        what: CsvWhat,
        /// Assessment JSON file (answers, themes) or plan JSON file (plan), or `-`.
        file: String,
        /// Referential JSON file (default: the embedded one).
        #[arg(long)]
        referential: Option<PathBuf>,
        /// Language of the texts.
        #[arg(long, value_enum, default_value = "fr")]
        lang: LangArg,
    },
    /// The REEN annual review (Markdown), for the sustainable-development report.
    #[command(name = "reen-review", alias = "review")]
    Review {
        /// Assessment JSON file, or `-`.
        assessment: String,
        /// Year of the review.
        #[arg(long)]
        year: i32,
        /// The action plan (objectives, indicators, measures).
        #[arg(long)]
        plan: Option<String>,
        /// Follow-up date of the plan (default: 31 December of the year).
        #[arg(long)]
        as_of: Option<String>,
        /// Referential JSON file (default: the embedded one).
        #[arg(long)]
        referential: Option<PathBuf>,
        /// Language of the texts.
        #[arg(long, value_enum, default_value = "fr")]
        lang: LangArg,
    },
    /// What changed between two assessments (JSON).
    Diff {
        /// The earlier assessment.
        before: String,
        /// The later assessment.
        after: String,
        /// Referential JSON file (default: the embedded one).
        #[arg(long)]
        referential: Option<PathBuf>,
    },
    /// Import a published referential (RGESN, good-practice guide, W3C WSG)
    /// or Éco-clic's questionnaire into the referential format, or
    /// Éco-clic's answers as assessments; the import report goes to
    /// standard error.
    Import(import::ImportArgs),
    /// Carry an assessment to another version of its referential across a
    /// crosswalk: the migrated assessment (JSON, on standard output or -o)
    /// and the report of every answer (on standard error); --simulate shows
    /// what would change without writing anything.
    Migrate {
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
    },
    /// Crosswalks between referential versions: check one, or invert it.
    Crosswalk {
        #[command(subcommand)]
        command: CrosswalkCommand,
    },
    /// Write or check the JSON Schemas of the documents.
    Schema {
        /// Write the schemas into this folder.
        #[arg(long, conflicts_with = "check")]
        write: Option<PathBuf>,
        /// Check that this folder holds the current schemas (exit 1 on drift).
        #[arg(long)]
        check: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum CrosswalkCommand {
    /// Check a crosswalk against the two versions (every problem; exit 1 when invalid).
    Check {
        /// Crosswalk JSON file.
        crosswalk: PathBuf,
        /// The old version (default: the embedded referential).
        #[arg(long)]
        from: Option<PathBuf>,
        /// The new version.
        #[arg(long)]
        to: PathBuf,
    },
    /// Print the crosswalk the other way round (to migrate back).
    Invert {
        /// Crosswalk JSON file.
        crosswalk: PathBuf,
    },
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

#[derive(Clone, Copy, ValueEnum)]
enum ChartKind {
    Radar,
    #[value(alias = "history")]
    Evolution,
}

fn theme_targets(list: &[String]) -> Result<std::collections::BTreeMap<String, f64>, Failure> {
    let mut themes = std::collections::BTreeMap::new();
    for t in list {
        let (id, v) = t
            .split_once('=')
            .and_then(|(id, v)| {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .map(|v| (id.trim().to_owned(), v))
            })
            .ok_or_else(|| {
                usage(format!(
                    "--theme-target {t:?}: expected THEME=SCORE, e.g. fleet=70"
                ))
            })?;
        themes.insert(id, v);
    }
    Ok(themes)
}

fn load_plan(source: &str, r: &Referential) -> Result<sobriete::model::plan::Plan, Failure> {
    api::parse_plan(&read_input(source)?, r)
        .map_err(|e| fail(format!("{source}: {}", Failure::from(e).message)))
}

fn load_crosswalk(path: &Path) -> Result<sobriete::model::crosswalk::Crosswalk, Failure> {
    api::parse_crosswalk(&read_file(path)?)
        .map_err(|e| fail(format!("{}: {}", path.display(), Failure::from(e).message)))
}

fn load_peers(source: &str) -> Result<sobriete::model::peers::PeerSet, Failure> {
    api::parse_peers(&read_input(source)?)
        .map_err(|e| fail(format!("{source}: {}", Failure::from(e).message)))
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvWhat {
    Answers,
    Themes,
    Plan,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProposalFmt {
    Text,
    Json,
    Markdown,
    /// A plan document (JSON) to fill in: owners, dates, budgets.
    Plan,
}

#[derive(Subcommand)]
enum PlanCommand {
    /// Propose the plan of least effort that reaches a target.
    Propose {
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
    },
    /// Follow a plan up at a date.
    Status {
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
    },
    /// Draft the next assessment: answers raised by done actions, to confirm.
    Next {
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
    },
}

fn report_format(f: ReportFmt) -> ReportFormat {
    match f {
        ReportFmt::Text => ReportFormat::Text,
        ReportFmt::Json => ReportFormat::Json,
        ReportFmt::Markdown => ReportFormat::Markdown,
    }
}

fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn print(out: &str) {
    out!("{out}");
    if !out.ends_with('\n') {
        outln!();
    }
}

fn load_assessment(source: &str, r: &Referential) -> Result<sobriete::Assessment, Failure> {
    let text = read_input(source)?;
    api::parse_assessment(&text, r)
        .map_err(|e| fail(format!("{source}: {}", Failure::from(e).message)))
}

fn run_plan(command: PlanCommand) -> Result<ExitCode, Failure> {
    match command {
        PlanCommand::Propose {
            assessment,
            target,
            grade,
            theme_targets,
            target_date,
            max_effort,
            max_budget,
            exclude,
            require,
            referential,
            format,
            lang,
        } => {
            let r = load_referential(&referential)?;
            let a = load_assessment(&assessment, &r)?;
            let themes = self::theme_targets(&theme_targets)?;
            let request = sobriete::api::ProposalRequest {
                target: sobriete::model::target::Target {
                    index: target,
                    grade,
                    themes,
                    date: target_date,
                },
                max_effort,
                max_budget,
                exclude,
                require,
            };
            let proposal = api::propose(&r, &a, &request)?;
            let out = match format {
                ProposalFmt::Json => json(&proposal),
                ProposalFmt::Plan => json(&api::plan_from_proposal(
                    &r,
                    &a,
                    &request,
                    &proposal,
                    &today(),
                )),
                ProposalFmt::Text => {
                    sobriete::api::render_proposal(&proposal, ReportFormat::Text, lang.into())
                }
                ProposalFmt::Markdown => {
                    sobriete::api::render_proposal(&proposal, ReportFormat::Markdown, lang.into())
                }
            };
            print(&out);
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::Status {
            plan,
            assessment,
            as_of,
            referential,
            format,
            lang,
        } => {
            let r = load_referential(&referential)?;
            let p = load_plan(&plan, &r)?;
            let baseline = assessment.map(|s| load_assessment(&s, &r)).transpose()?;
            let status = api::plan_status(
                &r,
                &p,
                baseline.as_ref(),
                as_of.as_deref().unwrap_or(&today()),
            )?;
            let out = match format {
                ReportFmt::Json => json(&status),
                f => sobriete::api::render_plan_status(&status, report_format(f), lang.into()),
            };
            print(&out);
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::Next {
            plan,
            assessment,
            date,
            referential,
        } => {
            let r = load_referential(&referential)?;
            let p = load_plan(&plan, &r)?;
            let previous = match assessment {
                Some(s) => load_assessment(&s, &r)?,
                None => p
                    .baseline
                    .clone()
                    .ok_or_else(|| fail("give the previous assessment (--assessment) or embed it as the plan's `baseline`".to_owned()))?,
            };
            let next =
                api::next_assessment(&r, &previous, &p, date.as_deref().unwrap_or(&today()))?;
            print(&json(&next));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A failure: the message to print, already formatted; `usage` when the
/// arguments are at fault (exit 2) rather than the documents (exit 1).
struct Failure {
    message: String,
    usage: bool,
}

fn fail(message: String) -> Failure {
    Failure {
        message,
        usage: false,
    }
}

fn usage(message: String) -> Failure {
    Failure {
        message,
        usage: true,
    }
}

impl From<sobriete::Error> for Failure {
    fn from(e: sobriete::Error) -> Failure {
        // A request is built from the command's flags: its problems are usage errors.
        let is_usage = matches!(
            e,
            sobriete::Error::InvalidArgument { .. }
                | sobriete::Error::Invalid {
                    document: sobriete::DocumentKind::Request,
                    ..
                }
        );
        let mut message = match (&e, e.issues()) {
            (sobriete::Error::Invalid { document, .. }, [_, ..]) => {
                format!(
                    "invalid {}: {} problem(s)",
                    document.as_str(),
                    e.issues().len()
                )
            }
            _ => format!("{e}"),
        };
        for issue in e.issues() {
            message.push_str(&format!("\n  {issue}"));
        }
        Failure {
            message,
            usage: is_usage,
        }
    }
}

fn read_input(source: &str) -> Result<String, Failure> {
    if source == "-" {
        read_text(std::io::stdin(), "standard input")
    } else {
        read_file(Path::new(source))
    }
}

pub(crate) fn read_file(path: &Path) -> Result<String, Failure> {
    let file = std::fs::File::open(path)
        .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
    read_text(file, &path.display().to_string())
}

/// Reads a document's text: at most one byte over the largest document
/// (the core then reports `too_large` without the rest being read), and
/// UTF-8 checked by the core (`invalid_json`).
fn read_text(source: impl Read, name: &str) -> Result<String, Failure> {
    let limit = sobriete::api::limits::MAX_DOCUMENT_BYTES;
    let mut bytes = Vec::new();
    source
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read {name}: {e}")))?;
    match sobriete::api::text_from_utf8(&bytes, sobriete::DocumentKind::Unknown) {
        Ok(text) => Ok(text.to_owned()),
        Err(issue) => Err(fail(format!("{name}: {issue}"))),
    }
}

fn load_referential(
    path: &Option<PathBuf>,
) -> Result<std::borrow::Cow<'static, Referential>, Failure> {
    match path {
        Some(p) => {
            let text = read_file(p)?;
            api::parse_referential(&text)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| fail(format!("{}: {}", p.display(), Failure::from(e).message)))
        }
        None => Ok(std::borrow::Cow::Borrowed(api::default_referential()?)),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Report {
            assessment,
            referential,
            format,
            lang,
            target,
            plan,
            as_of,
            history,
            peers,
            min_group_size,
        } => {
            let r = load_referential(&referential)?;
            let a = load_assessment(&assessment, &r)?;
            let target = target.map(sobriete::model::target::Target::index);
            let plan = plan.map(|p| load_plan(&p, &r)).transpose()?;
            let history = history
                .iter()
                .map(|h| load_assessment(h, &r))
                .collect::<Result<Vec<_>, _>>()?;
            let peers = peers.map(|p| load_peers(&p)).transpose()?;
            let inputs = api::ReportInputs {
                target: target.as_ref(),
                plan: plan.as_ref(),
                as_of: as_of.as_deref(),
                history: &history,
                peers: peers.as_ref(),
                min_group_size,
            };
            let format = match format {
                FullFmt::Text => ReportFormat::Text,
                FullFmt::Json => ReportFormat::Json,
                FullFmt::Markdown => ReportFormat::Markdown,
                FullFmt::Html => ReportFormat::Html,
                FullFmt::Csv => {
                    out!("{}", api::answers_csv(&r, &a, lang.into())?);
                    return Ok(ExitCode::SUCCESS);
                }
            };
            let plain = inputs.target.is_none()
                && inputs.plan.is_none()
                && history.is_empty()
                && inputs.peers.is_none();
            // Without extras, JSON stays the score report document itself.
            let out = if plain {
                api::render_report(&api::score(&r, &a)?, format, lang.into())
            } else {
                api::full_report(&r, &a, &inputs, format, lang.into())?
            };
            print(&out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Chart {
            kind,
            assessments,
            theme_targets: tt,
            peers,
            plan,
            referential,
            lang,
        } => {
            let r = load_referential(&referential)?;
            let list = assessments
                .iter()
                .map(|s| load_assessment(s, &r))
                .collect::<Result<Vec<_>, _>>()?;
            let out = match kind {
                ChartKind::Radar => {
                    let a = list
                        .last()
                        .ok_or_else(|| fail("give an assessment".to_owned()))?;
                    let themes = theme_targets(&tt)?;
                    let target = (!themes.is_empty()).then(|| sobriete::model::target::Target {
                        themes,
                        ..Default::default()
                    });
                    let peers = peers.map(|p| load_peers(&p)).transpose()?;
                    api::radar_svg(&r, a, target.as_ref(), peers.as_ref(), lang.into())?
                }
                ChartKind::Evolution => {
                    let plan = plan.map(|p| load_plan(&p, &r)).transpose()?;
                    api::evolution_svg(&r, &list, plan.as_ref(), lang.into())?
                }
            };
            print(&out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate {
            file,
            referential,
            format,
        } => {
            let text = read_input(&file)?;
            let report = match &referential {
                Some(p) => {
                    let r = load_referential(&Some(p.clone()))?;
                    api::validate_json(&text, Some(&r))
                }
                None => api::validate_json(&text, None),
            };
            match format {
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
        Command::Template {
            level,
            referential,
            name,
            kind,
            population,
            date,
        } => {
            let r = load_referential(&referential)?;
            let kind = match kind.as_deref() {
                None => None,
                Some(k) => Some(ProfileKind::parse(k).ok_or_else(|| {
                    let all: Vec<&str> = ProfileKind::ALL.iter().map(|k| k.as_str()).collect();
                    usage(format!(
                        "unknown kind {k:?}; expected one of: {}",
                        all.join(", ")
                    ))
                })?),
            };
            let profile = match (kind, population) {
                (Some(kind), Some(population)) => Some(Profile {
                    name: name.clone().unwrap_or_default(),
                    kind,
                    population,
                    siren: None,
                    establishment: None,
                    insee: None,
                    departement: None,
                    region: None,
                }),
                (None, None) => None,
                _ => return Err(usage("--kind and --population go together".to_owned())),
            };
            let today = chrono::Local::now()
                .date_naive()
                .format("%Y-%m-%d")
                .to_string();
            let date = date.unwrap_or(today);
            if sobriete::model::assessment::parse_date(&date).is_none() {
                return Err(usage(format!("--date {date:?} is not a date (YYYY-MM-DD)")));
            }
            let mut a = api::template(&r, level, profile, Some(&date))?;
            if let Some(n) = name {
                a.profile.name = n;
            }
            outln!("{}", serde_json::to_string_pretty(&a).unwrap_or_default());
            Ok(ExitCode::SUCCESS)
        }
        Command::Referential {
            format,
            referential,
            lang,
        } => {
            let r = load_referential(&referential)?;
            match format {
                DocFmt::Json => outln!("{}", api::referential_to_json(&r)),
                DocFmt::Markdown => out!("{}", api::referential_markdown(&r, lang.into())),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Actions {
            assessment,
            referential,
            format,
            lang,
        } => {
            let r = load_referential(&referential)?;
            let a = load_assessment(&assessment, &r)?;
            let c = api::candidates(&r, &a)?;
            match format {
                ValidateFmt::Json => print(&json(&c)),
                ValidateFmt::Text => {
                    let lang: Lang = lang.into();
                    let title = |id: &str| {
                        c.actions
                            .iter()
                            .find(|x| x.id == id)
                            .map(|x| {
                                format!(
                                    "{} — {} (+{:.2})",
                                    sobriete::api::terminal_text(id),
                                    sobriete::api::terminal_text(x.title.get(lang)),
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
                            sobriete::api::terminal_text(theme),
                            sobriete::api::terminal_text(&ids.join(", "))
                        );
                    }
                    outln!("By REEN area:");
                    for (area, ids) in &c.by_reen_area {
                        outln!("  {area}: {}", ids.join(", "));
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Plan { command } => run_plan(command),
        Command::History {
            assessments,
            plan,
            referential,
            format,
            lang,
        } => {
            let r = load_referential(&referential)?;
            let list = assessments
                .iter()
                .map(|s| load_assessment(s, &r))
                .collect::<Result<Vec<_>, _>>()?;
            let h = api::history(&r, &list)?;
            let progress = match &plan {
                Some(p) => {
                    let plan = load_plan(p, &r)?;
                    Some(api::progress_series(&r, &list, &plan)?)
                }
                None => None,
            };
            let out = match (format, &progress) {
                (ReportFmt::Json, None) => json(&h),
                (ReportFmt::Json, Some(points)) => {
                    json(&serde_json::json!({"history": h, "progress": points}))
                }
                (f, _) => {
                    let mut text = sobriete::api::render_history(&h, report_format(f), lang.into());
                    let (achieved, planned) = match lang {
                        LangArg::Fr => ("réalisé", "prévu"),
                        LangArg::En => ("achieved", "planned"),
                    };
                    let bullet = if matches!(f, ReportFmt::Markdown) {
                        "- "
                    } else {
                        "  "
                    };
                    for p in progress.iter().flatten() {
                        let show =
                            |x: Option<f64>| x.map_or("–".to_owned(), |v| format!("{v:.2}"));
                        text.push_str(&format!(
                            "{bullet}{} : {achieved} {} / {planned} {}\n",
                            sobriete::api::terminal_text(&p.date),
                            show(p.achieved),
                            show(p.planned)
                        ));
                    }
                    text
                }
            };
            print(&out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Compare {
            assessment,
            peers,
            min_group_size,
            referential,
            format,
            lang,
        } => {
            let r = load_referential(&referential)?;
            let a = load_assessment(&assessment, &r)?;
            let set = load_peers(&peers)?;
            let c = api::compare(&r, &a, &set, Some(min_group_size))?;
            let out = match format {
                ReportFmt::Json => json(&c),
                f => sobriete::api::render_peer_comparison(&c, report_format(f), lang.into()),
            };
            print(&out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Csv {
            what,
            file,
            referential,
            lang,
        } => {
            let r = load_referential(&referential)?;
            let out = match what {
                CsvWhat::Answers => {
                    api::answers_csv(&r, &load_assessment(&file, &r)?, lang.into())?
                }
                CsvWhat::Themes => api::themes_csv(&r, &load_assessment(&file, &r)?, lang.into())?,
                CsvWhat::Plan => {
                    let p = load_plan(&file, &r)?;
                    api::plan_csv(&r, &p, lang.into())?
                }
            };
            out!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Review {
            assessment,
            year,
            plan,
            as_of,
            referential,
            lang,
        } => {
            let r = load_referential(&referential)?;
            let a = load_assessment(&assessment, &r)?;
            let p = match &plan {
                Some(f) => Some(load_plan(f, &r)?),
                None => None,
            };
            print(&api::annual_review(
                &r,
                &a,
                p.as_ref(),
                year,
                as_of.as_deref(),
                lang.into(),
            )?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch {
            inputs,
            referential,
            format,
        } => {
            let r = load_referential(&referential)?;
            batch::run(&r, &inputs, format)
        }
        Command::Rollup { members, expected } => {
            let set = load_peers(&members)?;
            print(&json(&api::rollup(&set, expected)?));
            Ok(ExitCode::SUCCESS)
        }
        Command::PeerResult {
            assessment,
            referential,
        } => {
            let r = load_referential(&referential)?;
            let a = load_assessment(&assessment, &r)?;
            print(&json(&api::peer_result(&r, &a)?));
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            before,
            after,
            referential,
        } => {
            let r = load_referential(&referential)?;
            let (b, a) = (load_assessment(&before, &r)?, load_assessment(&after, &r)?);
            print(&json(&api::diff(&r, &b, &a)?));
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(args) => import::run(args),
        Command::Migrate {
            assessment,
            to,
            crosswalk,
            from,
            simulate,
            output,
            format,
            lang,
        } => {
            let from = load_referential(&from)?;
            let to = load_referential(&to)?;
            let a = load_assessment(&assessment, &from)?;
            let c = load_crosswalk(&crosswalk)?;
            let format = report_format(format);
            if simulate {
                let s = api::simulate_migration(&from, &a, &c, &to)?;
                print(&match format {
                    ReportFormat::Json => json(&s),
                    _ => sobriete::api::render_migration_simulation(&s, format, lang.into()),
                });
                return Ok(ExitCode::SUCCESS);
            }
            let m = api::migrate(&from, &a, &c, &to)?;
            let document = json(&m.assessment);
            match output {
                Some(path) => std::fs::write(&path, format!("{document}\n"))
                    .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?,
                None => print(&document),
            }
            let report = match format {
                ReportFormat::Json => json(&m.report),
                _ => sobriete::api::render_migration_report(&m.report, format, lang.into()),
            };
            eprint!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Crosswalk { command } => match command {
            CrosswalkCommand::Check {
                crosswalk,
                from,
                to,
            } => {
                let from = load_referential(&from)?;
                let to = load_referential(&Some(to))?;
                let c = load_crosswalk(&crosswalk)?;
                let report = api::validate_crosswalk(&c, &from, &to);
                for issue in &report.issues {
                    outln!("{issue}");
                }
                if report.valid {
                    outln!("{}: valid", crosswalk.display());
                    Ok(ExitCode::SUCCESS)
                } else {
                    Ok(ExitCode::from(1))
                }
            }
            CrosswalkCommand::Invert { crosswalk } => {
                let c = load_crosswalk(&crosswalk)?;
                print(&json(&api::invert_crosswalk(&c)?));
                Ok(ExitCode::SUCCESS)
            }
        },
        Command::Schema { write, check } => {
            let schemas = sobriete::api::schema::all();
            if let Some(dir) = write {
                std::fs::create_dir_all(&dir)
                    .map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
                for (name, schema) in &schemas {
                    let path = dir.join(name);
                    std::fs::write(&path, sobriete::api::schema::to_text(schema))
                        .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
                    outln!("wrote {}", path.display());
                }
                Ok(ExitCode::SUCCESS)
            } else if let Some(dir) = check {
                let mut drift = false;
                for (name, schema) in &schemas {
                    let path = dir.join(name);
                    let current = std::fs::read_to_string(&path).unwrap_or_default();
                    if current != sobriete::api::schema::to_text(schema) {
                        eprintln!("{} is out of date", path.display());
                        drift = true;
                    }
                }
                if drift {
                    eprintln!(
                        "regenerate with: cargo run -p sobriete-cli -- schema --write schema"
                    );
                    Ok(ExitCode::FAILURE)
                } else {
                    outln!("schemas are up to date");
                    Ok(ExitCode::SUCCESS)
                }
            } else {
                for (name, schema) in &schemas {
                    outln!("// {name}\n{}", sobriete::api::schema::to_text(schema));
                }
                Ok(ExitCode::SUCCESS)
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure { message, usage }) => {
            eprintln!("error: {message}");
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
