//! An assessment: one collectivité's answers to a referential at a date.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::profile::Profile;

/// Identifies the referential (and its version) an assessment was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferentialRef {
    /// Referential id.
    pub id: String,
    /// Referential version.
    pub version: String,
}

/// The answers of a collectivité.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The referential answered.
    pub referential: ReferentialRef,
    /// Who answers.
    pub profile: Profile,
    /// Date of the assessment, ISO 8601 calendar date (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub date: String,
    /// Level answered: 1, or 2 (levels 1 and 2).
    pub level: u8,
    /// Answers keyed by question id, in questionnaire order.
    #[serde(default)]
    pub answers: IndexMap<String, Answer>,
    /// Answers raised from an action plan and still to be confirmed:
    /// question id → id of the plan action they come from.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub from_plan: IndexMap<String, String>,
    /// The migrations from earlier referential versions this assessment went
    /// through, oldest first, with the answers not carried unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub migrations: Vec<crate::migrate::MigrationRecord>,
}

fn no_evidence(v: &[String]) -> bool {
    v.is_empty()
}

/// An answer, with an optional comment and evidence links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Answer {
    /// Yes (yes/no question).
    Yes {
        /// Free comment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        /// Evidence links or references.
        #[serde(default, skip_serializing_if = "no_evidence")]
        evidence: Vec<String>,
    },
    /// No (yes/no question).
    No {
        /// Free comment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        /// Evidence links or references.
        #[serde(default, skip_serializing_if = "no_evidence")]
        evidence: Vec<String>,
    },
    /// Chosen option ids (exactly one for a single-choice question).
    Choice {
        /// Option ids.
        options: Vec<String>,
        /// Free comment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        /// Evidence links or references.
        #[serde(default, skip_serializing_if = "no_evidence")]
        evidence: Vec<String>,
    },
    /// A value (numeric question).
    Number {
        /// Value.
        value: f64,
        /// Free comment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        /// Evidence links or references.
        #[serde(default, skip_serializing_if = "no_evidence")]
        evidence: Vec<String>,
    },
    /// Don't know (counted, scores 0).
    DontKnow {
        /// Free comment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        /// Evidence links or references.
        #[serde(default, skip_serializing_if = "no_evidence")]
        evidence: Vec<String>,
    },
    /// Not applicable (not counted).
    NotApplicable {
        /// Why the collectivité is not concerned.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        justification: Option<String>,
        /// Free comment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        /// Evidence links or references.
        #[serde(default, skip_serializing_if = "no_evidence")]
        evidence: Vec<String>,
    },
    /// Not answered yet (placeholder written by `template`; counts as unanswered).
    Unanswered {
        /// Free comment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        /// Evidence links or references.
        #[serde(default, skip_serializing_if = "no_evidence")]
        evidence: Vec<String>,
    },
}

impl Answer {
    /// A bare answer of this kind with no comment nor evidence.
    pub fn unanswered() -> Answer {
        Answer::Unanswered {
            comment: None,
            evidence: Vec::new(),
        }
    }

    /// The comment.
    pub fn comment(&self) -> Option<&str> {
        match self {
            Answer::Yes { comment, .. }
            | Answer::No { comment, .. }
            | Answer::Choice { comment, .. }
            | Answer::Number { comment, .. }
            | Answer::DontKnow { comment, .. }
            | Answer::NotApplicable { comment, .. }
            | Answer::Unanswered { comment, .. } => comment.as_deref(),
        }
    }

    /// Replaces the comment.
    pub fn set_comment(&mut self, text: Option<String>) {
        match self {
            Answer::Yes { comment, .. }
            | Answer::No { comment, .. }
            | Answer::Choice { comment, .. }
            | Answer::Number { comment, .. }
            | Answer::DontKnow { comment, .. }
            | Answer::NotApplicable { comment, .. }
            | Answer::Unanswered { comment, .. } => *comment = text,
        }
    }

    /// The evidence links.
    pub fn evidence(&self) -> &[String] {
        match self {
            Answer::Yes { evidence, .. }
            | Answer::No { evidence, .. }
            | Answer::Choice { evidence, .. }
            | Answer::Number { evidence, .. }
            | Answer::DontKnow { evidence, .. }
            | Answer::NotApplicable { evidence, .. }
            | Answer::Unanswered { evidence, .. } => evidence,
        }
    }

    /// The JSON name of the kind.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Answer::Yes { .. } => "yes",
            Answer::No { .. } => "no",
            Answer::Choice { .. } => "choice",
            Answer::Number { .. } => "number",
            Answer::DontKnow { .. } => "dont_know",
            Answer::NotApplicable { .. } => "not_applicable",
            Answer::Unanswered { .. } => "unanswered",
        }
    }
}

use chrono::Datelike;

/// Parses an ISO 8601 calendar date (`YYYY-MM-DD`, exactly).
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    // chrono is lenient (signs, spaces, short fields): check the shape first.
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let date = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    (shape && date.year() >= 1).then_some(date)
}

impl Assessment {
    /// The date, parsed.
    pub fn parsed_date(&self) -> Option<chrono::NaiveDate> {
        parse_date(&self.date)
    }
}
