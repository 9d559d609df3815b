//! `sobriete chart`: the SVG radar of theme scores, or the evolution of
//! dated assessments.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use sobriete::api;
use sobriete::model::target::Target;

use crate::args::{theme_targets, LangArg};
use crate::io::{fail, load_assessment, load_peers, load_plan, load_referential, print, Failure};

#[derive(Args)]
pub struct ChartArgs {
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
}

#[derive(Clone, Copy, ValueEnum)]
enum ChartKind {
    Radar,
    #[value(alias = "history")]
    Evolution,
}

/// Runs `sobriete chart`.
pub fn run(args: ChartArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let list = args
        .assessments
        .iter()
        .map(|s| load_assessment(s, &r))
        .collect::<Result<Vec<_>, _>>()?;
    let out = match args.kind {
        ChartKind::Radar => {
            let a = list
                .last()
                .ok_or_else(|| fail("give an assessment".to_owned()))?;
            let themes = theme_targets(&args.theme_targets)?;
            let target = (!themes.is_empty()).then(|| Target {
                themes,
                ..Default::default()
            });
            let peers = args.peers.map(|p| load_peers(&p)).transpose()?;
            api::radar_svg(&r, a, target.as_ref(), peers.as_ref(), args.lang.into())?
        }
        ChartKind::Evolution => {
            let plan = args.plan.map(|p| load_plan(&p, &r)).transpose()?;
            api::evolution_svg(&r, &list, plan.as_ref(), args.lang.into())?
        }
    };
    print(&out);
    Ok(ExitCode::SUCCESS)
}
