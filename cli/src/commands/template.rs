//! `sobriete template`: an assessment skeleton, every question `unanswered`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use sobriete::{api, Profile, ProfileKind};

use crate::io::{load_referential, today, usage, Failure};

#[derive(Args)]
pub struct TemplateArgs {
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
}

/// Runs `sobriete template`.
pub fn run(args: TemplateArgs) -> Result<ExitCode, Failure> {
    let r = load_referential(&args.referential)?;
    let profile = profile(args.kind.as_deref(), args.population, &args.name)?;
    let date = args.date.unwrap_or_else(today);
    if sobriete::model::assessment::parse_date(&date).is_none() {
        return Err(usage(format!("--date {date:?} is not a date (YYYY-MM-DD)")));
    }
    let mut a = api::template(&r, args.level, profile, Some(&date))?;
    if let Some(n) = args.name {
        a.profile.name = n;
    }
    outln!("{}", serde_json::to_string_pretty(&a).unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}

/// The profile of `--kind` and `--population` (both or neither).
fn profile(
    kind: Option<&str>,
    population: Option<u32>,
    name: &Option<String>,
) -> Result<Option<Profile>, Failure> {
    let kind = match kind {
        None => None,
        Some(k) => Some(ProfileKind::parse(k).ok_or_else(|| {
            let all: Vec<&str> = ProfileKind::ALL.iter().map(|k| k.as_str()).collect();
            usage(format!(
                "unknown kind {k:?}; expected one of: {}",
                all.join(", ")
            ))
        })?),
    };
    match (kind, population) {
        (Some(kind), Some(population)) => Ok(Some(Profile {
            name: name.clone().unwrap_or_default(),
            kind,
            population,
            siren: None,
            establishment: None,
            insee: None,
            departement: None,
            region: None,
        })),
        (None, None) => Ok(None),
        _ => Err(usage("--kind and --population go together".to_owned())),
    }
}
