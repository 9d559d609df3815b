//! Comparison with peers and roll-up of members.
//!
//! A [`PeerResult`] is the published outcome of one assessment (profile,
//! date, referential, index and theme scores), made from a [`ScoreReport`]
//! with [`PeerResult::from_report`]. A [`PeerSet`] is a document of such
//! results, checked with [`validate_peers`].
//!
//! [`compare`] places a subject among its peers in four strata (same kind
//! and population band, same département, same région, national), keeping
//! only the latest result of each peer made with the same referential and
//! the same major version, and hiding the statistics of any stratum smaller
//! than a minimum group size ([`DEFAULT_MIN_GROUP_SIZE`]) to preserve the
//! anonymity of the collectivités compared.
//!
//! [`rollup`] aggregates the latest results of the members of a grouping
//! (the communes of an EPCI, the members of an OPSN): plain and
//! population-weighted means, median, extremes, distribution and
//! completeness.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::scoring::{round2, ScoreReport};
use crate::model::assessment::{parse_date, ReferentialRef};
use crate::model::error::{Issue, IssueCode};
use crate::model::peers::{PeerResult, PeerSet, PeerTheme};
use crate::model::profile::{Profile, ProfileKind};

/// Default minimum number of comparable collectivités in a stratum below
/// which its statistics are hidden.
pub const DEFAULT_MIN_GROUP_SIZE: usize = 5;

impl PeerResult {
    /// The peer result of a score report: its profile, date, referential,
    /// index and theme scores.
    pub fn from_report(r: &ScoreReport) -> PeerResult {
        PeerResult {
            profile: r.profile.clone(),
            date: r.date.clone(),
            referential: r.referential.clone(),
            index: r.index,
            themes: r
                .themes
                .iter()
                .map(|t| PeerTheme {
                    id: t.id.clone(),
                    score: t.score,
                })
                .collect(),
        }
    }
}

/// Checks a set of peer results: every problem, with its JSON-pointer path.
///
/// Errors: a date that is not `YYYY-MM-DD` (`invalid_date`), an empty name
/// or referential id or theme id (`empty_text`), a referential version that
/// is not semantic versioning (`invalid_version`), an index or theme score
/// not finite in 0–100 (`value_out_of_range`), a theme listed twice in a
/// result, or two results of the same collectivité on the same date
/// (`duplicate_id`).
pub fn validate_peers(set: &PeerSet) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut seen: BTreeMap<(Identity, String), usize> = BTreeMap::new();
    for (i, p) in set.peers.iter().enumerate() {
        let base = format!("/peers/{i}");
        if p.profile.name.trim().is_empty() {
            issues.push(Issue::error(
                IssueCode::EmptyText,
                format!("{base}/profile/name"),
                "the name of the collectivité is empty",
            ));
        }
        if parse_date(&p.date).is_none() {
            issues.push(Issue::error(
                IssueCode::InvalidDate,
                format!("{base}/date"),
                format!("`{}` is not an ISO 8601 date (YYYY-MM-DD)", p.date),
            ));
        } else {
            let key = (identity(&p.profile), p.date.clone());
            if let Some(first) = seen.get(&key) {
                issues.push(Issue::error(
                    IssueCode::DuplicateId,
                    format!("{base}/date"),
                    format!(
                        "a result of the same collectivité on {} is already at /peers/{first}",
                        p.date
                    ),
                ));
            } else {
                seen.insert(key, i);
            }
        }
        if p.referential.id.trim().is_empty() {
            issues.push(Issue::error(
                IssueCode::EmptyText,
                format!("{base}/referential/id"),
                "the referential id is empty",
            ));
        }
        if semver::Version::parse(&p.referential.version).is_err() {
            issues.push(Issue::error(
                IssueCode::InvalidVersion,
                format!("{base}/referential/version"),
                format!(
                    "`{}` is not a semantic version (MAJOR.MINOR.PATCH)",
                    p.referential.version
                ),
            ));
        }
        if let Some(x) = p.index {
            if !in_range(x) {
                issues.push(Issue::error(
                    IssueCode::ValueOutOfRange,
                    format!("{base}/index"),
                    format!("the index {x} is not a finite number in 0–100"),
                ));
            }
        }
        let mut theme_ids: BTreeMap<&str, usize> = BTreeMap::new();
        for (j, t) in p.themes.iter().enumerate() {
            let tpath = format!("{base}/themes/{j}");
            if t.id.trim().is_empty() {
                issues.push(Issue::error(
                    IssueCode::EmptyText,
                    format!("{tpath}/id"),
                    "the theme id is empty",
                ));
            } else if let Some(first) = theme_ids.get(t.id.as_str()) {
                issues.push(Issue::error(
                    IssueCode::DuplicateId,
                    format!("{tpath}/id"),
                    format!("theme `{}` is already at {base}/themes/{first}", t.id),
                ));
            } else {
                theme_ids.insert(&t.id, j);
            }
            if let Some(x) = t.score {
                if !in_range(x) {
                    issues.push(Issue::error(
                        IssueCode::ValueOutOfRange,
                        format!("{tpath}/score"),
                        format!("the score {x} is not a finite number in 0–100"),
                    ));
                }
            }
        }
    }
    issues
}

fn in_range(x: f64) -> bool {
    x.is_finite() && (0.0..=100.0).contains(&x)
}

/// A population band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PopulationBand {
    /// Label, with French thousands separators (narrow no-break space,
    /// U+202F), e.g. `1 000–3 499` or `100 000 et plus`.
    pub label: String,
    /// Lowest population of the band (inclusive).
    pub min: u32,
    /// Highest population of the band (inclusive); none for the last band.
    pub max: Option<u32>,
}

/// Lower bounds of the commune bands.
const COMMUNE_BANDS: [u32; 9] = [0, 500, 1_000, 3_500, 5_000, 10_000, 20_000, 50_000, 100_000];

/// Lower bounds of the bands of every other kind (groupings, départements,
/// régions, syndicats…).
const GROUPING_BANDS: [u32; 8] = [0, 3_500, 5_000, 10_000, 20_000, 50_000, 200_000, 500_000];

/// The population band of a collectivité: the commune bands for a commune
/// (0–499, 500–999, 1 000–3 499, 3 500–4 999, 5 000–9 999, 10 000–19 999,
/// 20 000–49 999, 50 000–99 999, 100 000 and more), the grouping bands for
/// every other kind (0–3 499, 3 500–4 999, 5 000–9 999, 10 000–19 999,
/// 20 000–49 999, 50 000–199 999, 200 000–499 999, 500 000 and more).
pub fn population_band(kind: ProfileKind, population: u32) -> PopulationBand {
    let bounds: &[u32] = match kind {
        ProfileKind::Commune => &COMMUNE_BANDS,
        _ => &GROUPING_BANDS,
    };
    let mut min = 0;
    let mut max = None;
    for (i, &lo) in bounds.iter().enumerate() {
        if lo <= population {
            min = lo;
            max = bounds.get(i + 1).map(|next| next.saturating_sub(1));
        }
    }
    let label = match max {
        Some(m) => format!("{}–{}", thousands(min), thousands(m)),
        None => format!("{} et plus", thousands(min)),
    };
    PopulationBand { label, min, max }
}

/// A whole number with French thousands separators (U+202F).
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let len = digits.chars().count();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// The identity of a collectivité across its results: its SIREN when
/// present, else its INSEE code, else its kind and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Identity {
    Siren(String),
    Insee(String),
    Name(ProfileKind, String),
}

fn identity(p: &Profile) -> Identity {
    let present = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    if let Some(s) = present(&p.siren) {
        Identity::Siren(s)
    } else if let Some(s) = present(&p.insee) {
        Identity::Insee(s.to_uppercase())
    } else {
        Identity::Name(p.kind, p.name.trim().to_owned())
    }
}

/// The latest result of each collectivité, in input order, and how many
/// older results were dropped. Latest = latest valid date; a result with
/// an invalid date is older than any valid one; on a tie the later in the
/// input wins.
fn latest<'a>(results: impl Iterator<Item = &'a PeerResult>) -> (Vec<&'a PeerResult>, usize) {
    let mut best: BTreeMap<Identity, (usize, &'a PeerResult)> = BTreeMap::new();
    let mut total = 0;
    for (i, r) in results.enumerate() {
        total += 1;
        let newer = match best.get(&identity(&r.profile)) {
            Some((_, old)) => parse_date(&r.date) >= parse_date(&old.date),
            None => true,
        };
        if newer {
            best.insert(identity(&r.profile), (i, r));
        }
    }
    let mut kept: Vec<(usize, &'a PeerResult)> = best.into_values().collect();
    kept.sort_by_key(|(i, _)| *i);
    let older = total - kept.len();
    (kept.into_iter().map(|(_, r)| r).collect(), older)
}

/// Statistics of one value (index or theme score) in a stratum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    /// Percentile rank of the subject's value among the peers' values:
    /// 100 × (count below + ½ × count equal) ÷ n (2 decimals); none when
    /// the subject has no value.
    pub percentile_rank: Option<f64>,
    /// Median of the peers' values (2 decimals).
    pub median: f64,
    /// First quartile (type 7: linear interpolation between closest ranks).
    pub q1: f64,
    /// Third quartile (type 7).
    pub q3: f64,
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
    /// Number of peers with a value.
    pub n: usize,
}

/// Statistics of one theme in a stratum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeStats {
    /// Theme id.
    pub id: String,
    /// Statistics; none when hidden or when too few peers have a score.
    pub stats: Option<Stats>,
}

/// One group of peers the subject is compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stratum {
    /// `kind_band`, `departement`, `region` or `national`.
    pub id: String,
    /// French label, e.g. `Communes de 500 à 999 habitants`.
    pub label: String,
    /// Number of comparable peers (the subject excluded).
    pub size: usize,
    /// Whether the statistics are published (size ≥ minimum group size).
    pub shown: bool,
    /// Why the statistics are hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Statistics of the index; none when hidden or when fewer peers than
    /// the minimum group size have an index.
    pub index: Option<Stats>,
    /// Statistics per theme of the subject, in the subject's order.
    pub themes: Vec<ThemeStats>,
}

/// The comparison of a subject with its peers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeerComparison {
    /// Index of the subject (2 decimals).
    pub subject_index: Option<f64>,
    /// Minimum group size used.
    pub min_group_size: usize,
    /// Peers compared (latest result, same referential and major version).
    pub compared: usize,
    /// Latest results left out: another referential or another major version.
    pub excluded_other_referential: usize,
    /// Results left out because the same peer has a more recent one.
    pub excluded_older: usize,
    /// Strata: `kind_band`, `departement` (when the subject has one),
    /// `region` (when the subject has one), `national`.
    pub strata: Vec<Stratum>,
}

/// Whether a result was made with the subject's referential and major
/// version. Versions that are not semantic versioning compare only when
/// equal.
fn same_referential(subject: &ReferentialRef, other: &ReferentialRef) -> bool {
    if subject.id != other.id {
        return false;
    }
    match (
        semver::Version::parse(&subject.version),
        semver::Version::parse(&other.version),
    ) {
        (Ok(a), Ok(b)) => a.major == b.major,
        _ => subject.version == other.version,
    }
}

/// Compares a subject with its peers.
///
/// Only the latest result of each peer counts (identity: SIREN, else INSEE
/// code, else kind and name); every result of the subject's own identity is
/// left out; the latest results made with another referential id or
/// another major version are left out and counted. Each stratum publishes
/// its statistics only when it holds at least `min_group_size` peers, and
/// each statistic only when at least that many peers have a value.
pub fn compare(
    subject: &PeerResult,
    peers: &[PeerResult],
    min_group_size: usize,
) -> PeerComparison {
    let me = identity(&subject.profile);
    let (latest, excluded_older) = latest(peers.iter().filter(|p| identity(&p.profile) != me));
    let total_latest = latest.len();
    let compared: Vec<&PeerResult> = latest
        .into_iter()
        .filter(|p| same_referential(&subject.referential, &p.referential))
        .collect();
    let excluded_other_referential = total_latest - compared.len();

    let sp = &subject.profile;
    let band = population_band(sp.kind, sp.population);
    let mut strata = Vec::new();
    let kind_band: Vec<&PeerResult> = compared
        .iter()
        .copied()
        .filter(|p| {
            p.profile.kind == sp.kind
                && population_band(p.profile.kind, p.profile.population) == band
        })
        .collect();
    strata.push(stratum(
        "kind_band",
        kind_band_label(sp.kind, &band),
        subject,
        &kind_band,
        min_group_size,
    ));
    if let Some(d) = sp.departement.as_deref() {
        let group: Vec<&PeerResult> = compared
            .iter()
            .copied()
            .filter(|p| p.profile.departement.as_deref() == Some(d))
            .collect();
        strata.push(stratum(
            "departement",
            format!("Collectivités du département {d}"),
            subject,
            &group,
            min_group_size,
        ));
    }
    if let Some(r) = sp.region.as_deref() {
        let group: Vec<&PeerResult> = compared
            .iter()
            .copied()
            .filter(|p| p.profile.region.as_deref() == Some(r))
            .collect();
        strata.push(stratum(
            "region",
            format!("Collectivités de la région {r}"),
            subject,
            &group,
            min_group_size,
        ));
    }
    strata.push(stratum(
        "national",
        "Ensemble des collectivités comparables (national)".to_owned(),
        subject,
        &compared,
        min_group_size,
    ));

    PeerComparison {
        subject_index: subject.index.map(round2),
        min_group_size,
        compared: compared.len(),
        excluded_other_referential,
        excluded_older,
        strata,
    }
}

/// The French plural of a kind, capitalised.
fn kind_plural_fr(kind: ProfileKind) -> &'static str {
    match kind {
        ProfileKind::Commune => "Communes",
        ProfileKind::CommunauteDeCommunes => "Communautés de communes",
        ProfileKind::CommunauteDAgglomeration => "Communautés d’agglomération",
        ProfileKind::CommunauteUrbaine => "Communautés urbaines",
        ProfileKind::Metropole => "Métropoles",
        ProfileKind::Departement => "Départements",
        ProfileKind::Region => "Régions",
        ProfileKind::SyndicatOrOpsn => "Syndicats ou OPSN",
        ProfileKind::Other => "Autres organismes publics",
    }
}

fn kind_band_label(kind: ProfileKind, band: &PopulationBand) -> String {
    let kinds = kind_plural_fr(kind);
    match band.max {
        Some(max) if band.min == 0 => format!(
            "{kinds} de moins de {} habitants",
            thousands(max.saturating_add(1))
        ),
        Some(max) => format!(
            "{kinds} de {} à {} habitants",
            thousands(band.min),
            thousands(max)
        ),
        None => format!("{kinds} de {} habitants et plus", thousands(band.min)),
    }
}

fn stratum(
    id: &str,
    label: String,
    subject: &PeerResult,
    group: &[&PeerResult],
    min_group_size: usize,
) -> Stratum {
    let size = group.len();
    let shown = size >= min_group_size;
    let reason = (!shown).then(|| {
        format!(
            "moins de {min_group_size} collectivités comparables ({size}) : statistiques masquées pour préserver l’anonymat"
        )
    });
    let needed = min_group_size.max(1);
    let stats_of = |subject_value: Option<f64>, values: Vec<Option<f64>>| {
        if shown {
            stats(subject_value, &values, needed)
        } else {
            None
        }
    };
    let index = stats_of(subject.index, group.iter().map(|p| p.index).collect());
    let themes = subject
        .themes
        .iter()
        .map(|t| ThemeStats {
            id: t.id.clone(),
            stats: stats_of(
                t.score,
                group.iter().map(|p| theme_score(p, &t.id)).collect(),
            ),
        })
        .collect();
    Stratum {
        id: id.to_owned(),
        label,
        size,
        shown,
        reason,
        index,
        themes,
    }
}

fn theme_score(p: &PeerResult, id: &str) -> Option<f64> {
    p.themes.iter().find(|t| t.id == id).and_then(|t| t.score)
}

/// The finite values, sorted.
fn sorted(values: &[Option<f64>]) -> Vec<f64> {
    let mut xs: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    xs.sort_by(f64::total_cmp);
    xs
}

/// Quantile of sorted values, type 7: h = (n − 1)·p, then linear
/// interpolation between x[⌊h⌋] and x[⌊h⌋ + 1].
fn quantile(xs: &[f64], p: f64) -> Option<f64> {
    let n = xs.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor();
    let i = lo as usize;
    let a = *xs.get(i)?;
    let b = xs.get(i + 1).copied().unwrap_or(a);
    Some(a + (h - lo) * (b - a))
}

fn stats(subject: Option<f64>, values: &[Option<f64>], needed: usize) -> Option<Stats> {
    let xs = sorted(values);
    let n = xs.len();
    if n < needed {
        return None;
    }
    let percentile_rank = subject.filter(|s| s.is_finite()).map(|s| {
        let below = xs.iter().filter(|&&x| x < s).count() as f64;
        let equal = xs.iter().filter(|&&x| x == s).count() as f64;
        round2(100.0 * (below + 0.5 * equal) / n as f64)
    });
    Some(Stats {
        percentile_rank,
        median: round2(quantile(&xs, 0.5)?),
        q1: round2(quantile(&xs, 0.25)?),
        q3: round2(quantile(&xs, 0.75)?),
        min: round2(*xs.first()?),
        max: round2(*xs.last()?),
        n,
    })
}

/// One bucket of the distribution of the members' indexes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bucket {
    /// Lower bound (inclusive).
    pub from: f64,
    /// Upper bound (exclusive, except 100 for the last bucket).
    pub to: f64,
    /// Members whose index falls in the bucket.
    pub count: usize,
}

/// Roll-up of one theme over the members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RollupTheme {
    /// Theme id.
    pub id: String,
    /// Mean of the members' scores (2 decimals).
    pub mean: Option<f64>,
    /// Σ population × score ÷ Σ population over members with a score
    /// (2 decimals); none when that population is 0.
    pub population_weighted_mean: Option<f64>,
}

/// Roll-up of the latest results of the members of a grouping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rollup {
    /// Members with a result (latest result of each).
    pub members: usize,
    /// Members expected (e.g. the communes of the EPCI).
    pub expected_members: Option<usize>,
    /// 100 × members ÷ expected members (2 decimals); none without an
    /// expected count or when it is 0.
    pub completeness: Option<f64>,
    /// Members with an index: the base of every index figure below.
    pub indexed: usize,
    /// Mean index (2 decimals).
    pub mean: Option<f64>,
    /// Σ population × index ÷ Σ population over members with an index
    /// (2 decimals); none when that population is 0.
    pub population_weighted_mean: Option<f64>,
    /// Median index (2 decimals).
    pub median: Option<f64>,
    /// Lowest index.
    pub min: Option<f64>,
    /// Highest index.
    pub max: Option<f64>,
    /// Distribution of the indexes over 0–20, 20–40, 40–60, 60–80, 80–100
    /// (100 falls in the last bucket; values outside 0–100 in none).
    pub distribution: Vec<Bucket>,
    /// Per theme, in order of first appearance among the members.
    pub themes: Vec<RollupTheme>,
}

/// Plain and population-weighted means of (population, value) pairs.
fn means(pairs: &[(u32, f64)]) -> (Option<f64>, Option<f64>) {
    if pairs.is_empty() {
        return (None, None);
    }
    let sum: f64 = pairs.iter().map(|(_, x)| x).sum();
    let mean = round2(sum / pairs.len() as f64);
    let pop: f64 = pairs.iter().map(|(p, _)| f64::from(*p)).sum();
    let weighted = (pop > 0.0).then(|| {
        let s: f64 = pairs.iter().map(|(p, x)| f64::from(*p) * x).sum();
        round2(s / pop)
    });
    (Some(mean), weighted)
}

fn pairs(members: &[&PeerResult], value: impl Fn(&PeerResult) -> Option<f64>) -> Vec<(u32, f64)> {
    members
        .iter()
        .filter_map(|m| {
            value(m)
                .filter(|x| x.is_finite())
                .map(|x| (m.profile.population, x))
        })
        .collect()
}

/// Rolls up the latest result of each member (identity: SIREN, else INSEE
/// code, else kind and name).
pub fn rollup(members: &[PeerResult], expected_members: Option<usize>) -> Rollup {
    let (latest, _) = latest(members.iter());
    let index_pairs = pairs(&latest, |m| m.index);
    let (mean, population_weighted_mean) = means(&index_pairs);
    let values: Vec<Option<f64>> = index_pairs.iter().map(|(_, x)| Some(*x)).collect();
    let xs = sorted(&values);
    let distribution = [0.0, 20.0, 40.0, 60.0, 80.0]
        .into_iter()
        .map(|from: f64| {
            let to = from + 20.0;
            let count = xs
                .iter()
                .filter(|&&x| x >= from && (x < to || (to >= 100.0 && x <= 100.0)))
                .count();
            Bucket { from, to, count }
        })
        .collect();
    let mut theme_ids: Vec<&str> = Vec::new();
    for m in &latest {
        for t in &m.themes {
            if !theme_ids.contains(&t.id.as_str()) {
                theme_ids.push(&t.id);
            }
        }
    }
    let themes = theme_ids
        .into_iter()
        .map(|id| {
            let (mean, population_weighted_mean) = means(&pairs(&latest, |m| theme_score(m, id)));
            RollupTheme {
                id: id.to_owned(),
                mean,
                population_weighted_mean,
            }
        })
        .collect();
    Rollup {
        members: latest.len(),
        expected_members,
        completeness: expected_members
            .filter(|&e| e > 0)
            .map(|e| round2(100.0 * latest.len() as f64 / e as f64)),
        indexed: xs.len(),
        mean,
        population_weighted_mean,
        median: quantile(&xs, 0.5).map(round2),
        min: xs.first().copied().map(round2),
        max: xs.last().copied().map(round2),
        distribution,
        themes,
    }
}
