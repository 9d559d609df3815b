//! Validation issues and the error type of the public surface.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious an issue is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The document is invalid.
    Error,
    /// The document is valid but something looks wrong (kept, ignored).
    Warning,
}

macro_rules! issue_codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal,)*) => {
        /// Stable code of a validation issue (snake_case in JSON).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum IssueCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl IssueCode {
            /// Every code.
            pub const ALL: &'static [IssueCode] = &[$(IssueCode::$variant,)*];

            /// The stable snake_case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(IssueCode::$variant => $name,)*
                }
            }
        }
    };
}

issue_codes! {
    /// Not valid JSON text.
    InvalidJson => "invalid_json",
    /// The document type could not be recognised.
    UnknownDocument => "unknown_document",
    /// A value has the wrong JSON type.
    InvalidType => "invalid_type",
    /// A required field is missing.
    MissingField => "missing_field",
    /// A field is not part of the format (typo?).
    UnknownField => "unknown_field",
    /// A `kind` (or enumerated value) is not one of the allowed ones.
    UnknownVariant => "unknown_variant",
    /// A value is out of its type's range or otherwise malformed.
    InvalidValue => "invalid_value",
    /// An id is empty, too long, or has surrounding spaces or control characters.
    InvalidId => "invalid_id",
    /// Two items share an id.
    DuplicateId => "duplicate_id",
    /// A required text is empty.
    EmptyText => "empty_text",
    /// The referential version is not semantic versioning.
    InvalidVersion => "invalid_version",
    /// The referential has no theme or no question.
    EmptyReferential => "empty_referential",
    /// A question names a theme that does not exist.
    UnknownTheme => "unknown_theme",
    /// A question names a sub-theme its theme does not have.
    UnknownSubTheme => "unknown_sub_theme",
    /// A level other than 1 or 2.
    InvalidLevel => "invalid_level",
    /// A weight that is not finite and > 0.
    InvalidWeight => "invalid_weight",
    /// Points below 0.
    NegativePoints => "negative_points",
    /// Points above 1,000,000.
    PointsTooLarge => "points_too_large",
    /// A choice question without options.
    NoOptions => "no_options",
    /// A question that cannot score any point (its max is 0): asked for
    /// information only, never counted in the index (warning).
    ZeroMaxPoints => "zero_max_points",
    /// A multiple-choice cap its options cannot reach, or a cap ≤ 0.
    UnreachableMax => "unreachable_max",
    /// Numeric bands empty, not increasing or not finite.
    InvalidBands => "invalid_bands",
    /// A `min` above `max`, or a non-finite bound.
    InvalidBounds => "invalid_bounds",
    /// A reference to a question that does not exist.
    UnknownQuestion => "unknown_question",
    /// A reference to an option the question does not have.
    UnknownOption => "unknown_option",
    /// Conditions that form a cycle.
    ConditionCycle => "condition_cycle",
    /// A condition on a question of a higher level.
    ConditionLevel => "condition_level",
    /// A condition that does not fit its parent's kind of answer.
    ConditionMismatch => "condition_mismatch",
    /// A REEN area outside 1–6.
    InvalidReenArea => "invalid_reen_area",
    /// A population range with min above max.
    InvalidPopulationRange => "invalid_population_range",
    /// A justification is required without N/A being allowed.
    JustificationWithoutNotApplicable => "justification_without_not_applicable",
    /// An action that addresses no question.
    ActionWithoutQuestion => "action_without_question",
    /// An action's outcome that does not fit the question's kind.
    OutcomeMismatch => "outcome_mismatch",
    /// Grade bands missing, duplicated, out of 0–100 or without a band at 0.
    InvalidGrades => "invalid_grades",
    /// The assessment names another referential.
    ReferentialMismatch => "referential_mismatch",
    /// The assessment was made with another major version of the referential.
    ReferentialVersionMismatch => "referential_version_mismatch",
    /// The assessment was made with another minor/patch version (warning).
    ReferentialVersionDiffers => "referential_version_differs",
    /// The date is not an ISO 8601 calendar date.
    InvalidDate => "invalid_date",
    /// An answer of a kind the question does not accept.
    AnswerMismatch => "answer_mismatch",
    /// A single-choice answer with no option or several.
    WrongOptionCount => "wrong_option_count",
    /// The same option chosen twice.
    DuplicateOption => "duplicate_option",
    /// "Don't know" where the question does not allow it.
    DontKnowNotAllowed => "dont_know_not_allowed",
    /// "Not applicable" where the question does not allow it.
    NotApplicableNotAllowed => "not_applicable_not_allowed",
    /// "Not applicable" without the justification the question requires.
    JustificationRequired => "justification_required",
    /// A numeric value outside the question's bounds, or not finite.
    ValueOutOfRange => "value_out_of_range",
    /// An answer to a question above the assessment's level (warning, ignored).
    AnswerAboveLevel => "answer_above_level",
    /// An answer to a question that does not apply to the profile (warning, ignored).
    AnswerOutOfProfile => "answer_out_of_profile",
    /// An answer to a question hidden by its condition (warning, ignored).
    AnswerToHiddenQuestion => "answer_to_hidden_question",
    /// A profile field that is malformed (SIREN, establishment, INSEE,
    /// département, région, name).
    InvalidProfile => "invalid_profile",
    /// A reference to an action that does not exist.
    UnknownAction => "unknown_action",
    /// Dependencies between actions that form a cycle.
    DependencyCycle => "dependency_cycle",
    /// A `from_plan` entry for a question that has no answer.
    UnconfirmedWithoutAnswer => "unconfirmed_without_answer",
    /// A question of a crosswalk's old version that nothing maps, or a new
    /// one nothing adds (warning: removed or added implicitly).
    UnmappedQuestion => "unmapped_question",
    /// A crosswalk mapping between response kinds it cannot translate.
    IncompatibleResponse => "incompatible_response",
    /// A document larger than its kind's limit in bytes (see
    /// the limits table of SECURITY.md).
    TooLarge => "too_large",
    /// Arrays and objects nested deeper than the limit (see
    /// the limits table of SECURITY.md).
    TooDeep => "too_deep",
    /// More items (questions, actions, answers, peers, …) than the limit
    /// (see the limits table of SECURITY.md).
    TooMany => "too_many",
    /// An object with the same key twice (one of them would be lost).
    DuplicateKey => "duplicate_key",
    /// A MySQL dump the Éco-clic importer cannot read (its line and column
    /// are in the message).
    InvalidSql => "invalid_sql",
    /// A CSV export the Éco-clic importer cannot read (its line is in the
    /// message).
    InvalidCsv => "invalid_csv",
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// Stable code.
    pub code: IssueCode,
    /// JSON pointer (RFC 6901) to the faulty value; empty for the whole document.
    pub path: String,
    /// Human-readable explanation.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl Issue {
    /// An error.
    pub fn error(code: IssueCode, path: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue {
            code,
            path: path.into(),
            message: message.into(),
            severity: Severity::Error,
        }
    }

    /// A warning.
    pub fn warning(code: IssueCode, path: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue {
            code,
            path: path.into(),
            message: message.into(),
            severity: Severity::Warning,
        }
    }

    /// True for an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Paths and messages quote user keys: keep terminal escapes out.
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| if c.is_control() { '\u{fffd}' } else { c })
                .collect()
        };
        write!(
            f,
            "{sev}[{}] at {}: {}",
            self.code.as_str(),
            clean(path),
            clean(&self.message)
        )
    }
}

/// Kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A referential.
    Referential,
    /// An assessment.
    Assessment,
    /// An action plan.
    Plan,
    /// A plan proposal request.
    Request,
    /// A set of peers' results.
    Peers,
    /// A crosswalk between two referential versions.
    Crosswalk,
    /// Not recognised.
    Unknown,
    /// A published referential given to an importer (RGESN, guide, WSG).
    ImportSource,
}

impl DocumentKind {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Referential => "referential",
            DocumentKind::Assessment => "assessment",
            DocumentKind::Plan => "plan",
            DocumentKind::Request => "request",
            DocumentKind::Peers => "peers",
            DocumentKind::Crosswalk => "crosswalk",
            DocumentKind::Unknown => "unknown",
            DocumentKind::ImportSource => "import_source",
        }
    }
}

/// The error type of the public surface.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The document is invalid; every problem found is listed.
    #[error("invalid {}: {}", .document.as_str(), summary(.issues))]
    Invalid {
        /// Which document.
        document: DocumentKind,
        /// Every problem (errors, then warnings).
        issues: Vec<Issue>,
    },
    /// An argument outside its allowed values (e.g. level 3).
    #[error("invalid argument `{name}`: {message}")]
    InvalidArgument {
        /// Argument name.
        name: String,
        /// What is wrong.
        message: String,
    },
}

fn summary(issues: &[Issue]) -> String {
    let errors: Vec<&Issue> = issues.iter().filter(|i| i.is_error()).collect();
    match errors.as_slice() {
        [] => "no error".to_owned(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more)", rest.len()),
    }
}

impl Error {
    /// Stable code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_document",
            Error::InvalidArgument { .. } => "invalid_argument",
        }
    }

    /// The issues (empty for errors that are not about a document).
    pub fn issues(&self) -> &[Issue] {
        match self {
            Error::Invalid { issues, .. } => issues,
            Error::InvalidArgument { .. } => &[],
        }
    }
}
