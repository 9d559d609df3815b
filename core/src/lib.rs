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
//! let assessment = api::template(referential, 1, None, Some("2026-01-15")).unwrap();
//! // Every question unanswered: the index is 0 and the result incomplete.
//! let report = sobriete::engine::scoring::score(referential, &assessment, vec![]);
//! assert_eq!(report.index, Some(0.0));
//! assert!(!report.complete);
//! ```
//!
//! Everything a binding needs is in [`api`]: typed functions and their
//! JSON-in/JSON-out forms.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod check;
pub mod engine;
pub mod follow_up;
pub mod import;
pub mod input;
pub mod model;
pub mod planning;
pub mod report;

pub use engine::scoring::ScoreReport;
pub use model::assessment::{Answer, Assessment, ReferentialRef};
pub use model::error::{DocumentKind, Error, Issue, IssueCode, Severity};
pub use model::profile::{Profile, ProfileKind};
pub use model::referential::Referential;
pub use model::text::{Lang, Text};
pub use report::text::ReportFormat;
