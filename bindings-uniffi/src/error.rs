//! The one error type of the binding, converted from the core's in one place.

use sobriete::{DocumentKind, Severity};

/// One problem found in a document (a validation issue of the core).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Issue {
    /// Stable snake_case code, e.g. `unknown_question`, `missing_field`.
    pub code: String,
    /// JSON pointer (RFC 6901) to the faulty value; empty for the whole document.
    pub path: String,
    /// Error or warning.
    pub severity: Severity,
    /// Human-readable explanation (English).
    pub message: String,
}

impl From<&sobriete::Issue> for Issue {
    fn from(i: &sobriete::Issue) -> Issue {
        Issue {
            code: i.code.as_str().to_owned(),
            path: i.path.clone(),
            severity: i.severity,
            message: i.message.clone(),
        }
    }
}

/// Every error the binding raises (`SobrieteException` in Kotlin,
/// `SobrieteError` in Swift). Panics never cross: the core denies them and
/// uniffi catches any left at the boundary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum SobrieteError {
    /// A document (referential, assessment, plan, request, peers) is
    /// invalid: every problem found is listed, errors first.
    #[error("{detail}")]
    InvalidDocument {
        /// Which document.
        document: DocumentKind,
        /// One-line summary (the first error and how many more).
        detail: String,
        /// Every issue (errors, then warnings).
        issues: Vec<Issue>,
    },
    /// An argument outside its allowed values (e.g. level 3, a malformed date).
    #[error("{detail}")]
    InvalidArgument {
        /// The argument's name (snake_case, as in every language).
        argument: String,
        /// What is wrong.
        detail: String,
    },
}

impl From<sobriete::Error> for SobrieteError {
    fn from(e: sobriete::Error) -> SobrieteError {
        let detail = e.to_string();
        match e {
            sobriete::Error::Invalid { document, issues } => SobrieteError::InvalidDocument {
                document,
                detail,
                issues: issues.iter().map(Issue::from).collect(),
            },
            sobriete::Error::InvalidArgument { name, .. } => SobrieteError::InvalidArgument {
                argument: name,
                detail,
            },
        }
    }
}

/// The core's kind of document, as a Kotlin/Swift enum.
#[uniffi::remote(Enum)]
pub enum DocumentKind {
    /// A referential.
    Referential,
    /// An assessment.
    Assessment,
    /// An action plan.
    Plan,
    /// A plan proposal request (or a target).
    Request,
    /// A set of peers' results.
    Peers,
    /// A crosswalk between two referential versions.
    Crosswalk,
    /// A published referential given to an importer.
    ImportSource,
    /// Not recognised.
    Unknown,
}

/// The core's issue severity, as a Kotlin/Swift enum.
#[uniffi::remote(Enum)]
pub enum Severity {
    /// The document is invalid.
    Error,
    /// The document is valid but something looks wrong (kept, ignored).
    Warning,
}
