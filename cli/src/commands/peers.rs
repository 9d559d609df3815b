//! `sobriete compare`, `rollup` and `peer-result`: an assessment among
//! its peers, members aggregated into their group, and the peer result
//! of an assessment.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sobriete::api;

use crate::args::{LangArg, ReportFmt};
use crate::io::{json, load_assessment, load_peers, load_referential, print, Failure};

#[derive(Args)]
pub struct CompareArgs {
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
}

#[derive(Args)]
pub struct RollupArgs {
    /// Members' results (JSON document `{"peers": [...]}`).
    members: String,
    /// How many members the group has (for completeness).
    #[arg(long)]
    expected: Option<usize>,
}

#[derive(Args)]
pub struct PeerResultArgs {
    /// Assessment JSON file, or `-`.
    assessment: String,
    /// Referential JSON file (default: the embedded one).
    #[arg(long)]
    referential: Option<PathBuf>,
}

/// Runs `sobriete compare`.
pub fn compare(args: CompareArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let a = load_assessment(&args.assessment, &r)?;
    let set = load_peers(&args.peers)?;
    let c = api::compare(&r, &a, &set, Some(args.min_group_size))?;
    let out = match args.format {
        ReportFmt::Json => json(&c),
        f => api::render_peer_comparison(&c, f.report_format(), args.lang.into()),
    };
    print(&out);
    Ok(ExitCode::SUCCESS)
}

/// Runs `sobriete rollup`.
pub fn rollup(args: RollupArgs) -> Result<ExitCode, Failure> {
    let set = load_peers(&args.members)?;
    print(&json(&api::rollup(&set, args.expected)?));
    Ok(ExitCode::SUCCESS)
}

/// Runs `sobriete peer-result`.
pub fn peer_result(args: PeerResultArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let a = load_assessment(&args.assessment, &r)?;
    print(&json(&api::peer_result(&r, &a)?));
    Ok(ExitCode::SUCCESS)
}
