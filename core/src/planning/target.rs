//! Targets: an overall index and/or per-theme scores, or a grade, by a date.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::engine::scoring::{round2, ScoreReport};
use crate::input::parse::join;
use crate::model::error::{Issue, IssueCode};
use crate::model::referential::Referential;
use crate::model::target::Target;

/// Checks a target against a referential; `base` is its JSON-pointer path.
pub fn validate_target(t: &Target, r: &Referential, base: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    let score_ok = |v: f64| v.is_finite() && (0.0..=100.0).contains(&v);
    if let Some(i) = t.index {
        if !score_ok(i) {
            issues.push(Issue::error(
                IssueCode::ValueOutOfRange,
                join(base, "index"),
                format!("target index must be between 0 and 100, got {i}"),
            ));
        }
    }
    if let Some(g) = &t.grade {
        if !r.grades.iter().any(|b| &b.grade == g) {
            let known: Vec<&str> = r.grades.iter().map(|b| b.grade.as_str()).collect();
            issues.push(Issue::error(
                IssueCode::InvalidGrades,
                join(base, "grade"),
                format!(
                    "grade {g:?} is not one of the referential's ({})",
                    known.join(", ")
                ),
            ));
        }
    }
    for (id, v) in &t.themes {
        let p = join(&join(base, "themes"), id);
        if r.theme(id).is_none() {
            issues.push(Issue::error(
                IssueCode::UnknownTheme,
                p,
                format!("theme {id:?} does not exist"),
            ));
        } else if !score_ok(*v) {
            issues.push(Issue::error(
                IssueCode::ValueOutOfRange,
                p,
                format!("target score must be between 0 and 100, got {v}"),
            ));
        }
    }
    if let Some(d) = &t.date {
        if crate::model::assessment::parse_date(d).is_none() {
            issues.push(Issue::error(
                IssueCode::InvalidDate,
                join(base, "date"),
                format!("date {d:?} is not an ISO 8601 calendar date (YYYY-MM-DD)"),
            ));
        }
    }
    if t.index.is_none() && t.grade.is_none() && t.themes.is_empty() {
        issues.push(Issue::error(
            IssueCode::MissingField,
            base,
            "a target needs an index, a grade or theme scores",
        ));
    }
    issues
}

impl Target {
    /// The overall index to reach: the higher of `index` and the grade's
    /// band minimum; `None` when the target is per theme only.
    pub fn effective_index(&self, r: &Referential) -> Option<f64> {
        let from_grade = self
            .grade
            .as_ref()
            .and_then(|g| r.grades.iter().find(|b| &b.grade == g))
            .map(|b| b.min);
        match (self.index, from_grade) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// A target of an overall index only.
    pub fn index(index: f64) -> Target {
        Target {
            index: Some(index),
            ..Target::default()
        }
    }
}

/// The distance between a report and a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetGap {
    /// Overall index to reach (from `index` and/or `grade`).
    pub target_index: Option<f64>,
    /// Current index.
    pub current_index: Option<f64>,
    /// target − current (2 decimals; negative when exceeded).
    pub gap: Option<f64>,
    /// Whether every part of the target is reached.
    pub reached: bool,
    /// Per-theme gaps, for the themes the target names.
    pub themes: Vec<ThemeGap>,
    /// Target date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// The distance of one theme to its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeGap {
    /// Theme id.
    pub theme: String,
    /// Score to reach.
    pub target: f64,
    /// Current score (none when nothing is counted).
    pub current: Option<f64>,
    /// target − current (2 decimals).
    pub gap: Option<f64>,
    /// Whether it is reached.
    pub reached: bool,
}

/// Whether a published (2-decimal) score reaches a target.
pub fn reaches(score: Option<f64>, target: f64) -> bool {
    score.is_some_and(|s| round2(s) >= target)
}

/// The gap between a report and a target, overall and per theme.
pub fn gap(r: &Referential, report: &ScoreReport, t: &Target) -> TargetGap {
    let target_index = t.effective_index(r);
    let themes: Vec<ThemeGap> = t
        .themes
        .iter()
        .map(|(id, target)| {
            let current = report
                .themes
                .iter()
                .find(|x| &x.id == id)
                .and_then(|x| x.score);
            ThemeGap {
                theme: id.clone(),
                target: *target,
                current,
                gap: current.map(|c| round2(target - c)),
                reached: reaches(current, *target),
            }
        })
        .collect();
    let index_reached = target_index.is_none_or(|ti| reaches(report.index, ti));
    TargetGap {
        target_index,
        current_index: report.index,
        gap: match (target_index, report.index) {
            (Some(ti), Some(ci)) => Some(round2(ti - ci)),
            _ => None,
        },
        reached: index_reached && themes.iter().all(|g| g.reached),
        themes,
        date: t.date.clone(),
    }
}
