//! # sobriete
//!
//! The digital sobriety ("sobriété numérique") maturity computation for
//! French local governments and the public bodies that serve them.
//!
//! A collectivité answers a questionnaire built from a [`Referential`] of
//! good practices organised in themes; [`api::score`] turns its
//! [`Assessment`] into a [`ScoreReport`]: a maturity index (0–100), theme
//! scores, a grade, the practices not in place with their rationale and the
//! recommended actions, and the figure of the Éco-clic platform for
//! comparison. A default referential, written from the REEN law (n° 2021-1485)
//! and its decree (n° 2022-1084), is embedded ([`api::default_referential`]).
//!
//! ```
//! use sobriete::api;
//!
//! let referential = api::default_referential().unwrap();
//! let mut assessment = api::template(referential, 1, None, Some("2026-01-15")).unwrap();
//! assessment.profile.name = "Saint-Exemple".into();
//! // Every question unanswered: the index is 0 and the result incomplete.
//! let report = api::score(referential, &assessment).unwrap();
//! assert_eq!(report.index, Some(0.0));
//! assert!(!report.complete);
//! ```
//!
//! Everything a binding needs is in [`api`]: typed functions and their
//! JSON-in/JSON-out forms.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub(crate) mod check;
pub(crate) mod engine;
pub(crate) mod follow_up;
pub(crate) mod import;
pub(crate) mod input;
pub mod model;
pub(crate) mod planning;
pub(crate) mod report;

/// The computation's primitives, for the crate's own property tests, fuzz
/// targets and benchmarks: they skip validation, so they are not part of
/// the API (use [`api`]).
#[doc(hidden)]
pub mod internals {
    pub use crate::engine::candidates::{projected_index, projected_indices};
    pub use crate::engine::report::score;
    pub use crate::engine::scoring::{
        answer_points, apply_addresses, apply_outcome, index_of, round2, summary,
    };
    pub use crate::follow_up::peers::{compare, rollup, validate_peers};
    pub use crate::planning::optimize::propose;
    pub use crate::planning::plan::{plan_status, validate_plan};
    pub use crate::planning::target::reaches;
    pub use crate::report::annual_review::annual_review;

    /// The CSV writers, given a score report already made.
    pub mod csv {
        pub use crate::report::csv::{
            answers_csv, plan_csv, safe_cell, themes_csv, ANSWERS_HEADER, PLAN_HEADER,
            THEMES_HEADER,
        };
    }
}

pub use api::{ReportFormat, ScoreReport};
pub use model::assessment::{Answer, Assessment, ReferentialRef};
pub use model::error::{DocumentKind, Error, Issue, IssueCode, Severity};
pub use model::profile::{Profile, ProfileKind};
pub use model::referential::Referential;
pub use model::text::{Lang, Text};
