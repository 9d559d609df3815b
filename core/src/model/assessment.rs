//! An assessment: one collectivité's answers to a referential at a date.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::profile::Profile;

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
    pub migrations: Vec<MigrationRecord>,
}

fn no_evidence(v: &[String]) -> bool {
    v.is_empty()
}

/// An answer, with an optional comment and evidence links.
// Deserialized by hand (same format as the derived, internally tagged
// form): serde's internally tagged enums buffer every answer before reading
// it, which made reading answers the costliest part of scoring.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
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
    // The shape first (chrono's own parser is lenient: signs, spaces, short
    // fields), then the calendar (read by hand: chrono's format parser is
    // heavy in the WebAssembly module).
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> { s.get(range)?.parse().ok() };
    let year = i32::try_from(number(0..4)?).ok()?;
    let date = chrono::NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)?;
    (date.year() >= 1).then_some(date)
}

/// Writes a date as `YYYY-MM-DD` (years 1 to 9999, as [`parse_date`] reads).
pub fn date_string(d: chrono::NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

impl Assessment {
    /// The date, parsed.
    pub fn parsed_date(&self) -> Option<chrono::NaiveDate> {
        parse_date(&self.date)
    }
}

const ANSWER_KINDS: &[&str] = &[
    "yes",
    "no",
    "choice",
    "number",
    "dont_know",
    "not_applicable",
    "unanswered",
];

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Answer, D::Error> {
        deserializer.deserialize_map(AnswerVisitor)
    }
}

struct AnswerVisitor;

/// A string borrowed from the JSON text when it has no escapes (serde's
/// own `Cow<str>` always copies): keys and kinds are read for every answer.
pub(crate) struct Str<'de>(pub(crate) std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Str<'de>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Str<'de>, E> {
                Ok(Str(std::borrow::Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(V)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Yes,
    No,
    Choice,
    Number,
    DontKnow,
    NotApplicable,
    Unanswered,
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Kind, D::Error> {
        let s = Str::deserialize(deserializer)?;
        Ok(match s.0.as_ref() {
            "yes" => Kind::Yes,
            "no" => Kind::No,
            "choice" => Kind::Choice,
            "number" => Kind::Number,
            "dont_know" => Kind::DontKnow,
            "not_applicable" => Kind::NotApplicable,
            "unanswered" => Kind::Unanswered,
            other => return Err(serde::de::Error::unknown_variant(other, ANSWER_KINDS)),
        })
    }
}

impl<'de> serde::de::Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an answer: an object with a `kind`")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
        use serde::de::Error;
        let mut kind: Option<Kind> = None;
        let mut options: Option<Vec<String>> = None;
        let mut value: Option<f64> = None;
        let mut comment: Option<Option<String>> = None;
        let mut evidence: Option<Vec<String>> = None;
        let mut justification: Option<Option<String>> = None;
        while let Some(key) = map.next_key::<Str<'de>>()? {
            match key.0.as_ref() {
                "kind" if kind.is_none() => kind = Some(map.next_value()?),
                "options" if options.is_none() => options = Some(map.next_value()?),
                "value" if value.is_none() => value = Some(map.next_value()?),
                "comment" if comment.is_none() => comment = Some(map.next_value()?),
                "evidence" if evidence.is_none() => evidence = Some(map.next_value()?),
                "justification" if justification.is_none() => {
                    justification = Some(map.next_value()?)
                }
                k @ ("kind" | "options" | "value" | "comment" | "evidence" | "justification") => {
                    return Err(A::Error::custom(format_args!("duplicate field `{k}`")))
                }
                other => {
                    return Err(A::Error::unknown_field(
                        other,
                        &[
                            "kind",
                            "options",
                            "value",
                            "comment",
                            "evidence",
                            "justification",
                        ],
                    ))
                }
            }
        }
        let kind = kind.ok_or_else(|| A::Error::missing_field("kind"))?;
        let (comment, evidence) = (comment.flatten(), evidence.unwrap_or_default());
        // Fields another kind of answer carries are unknown here, as in the
        // derived form.
        let extra = |field: &'static str, allowed: &'static [&'static str]| {
            A::Error::unknown_field(field, allowed)
        };
        const PLAIN: &[&str] = &["kind", "comment", "evidence"];
        if options.is_some() && kind != Kind::Choice {
            return Err(extra("options", PLAIN));
        }
        if value.is_some() && kind != Kind::Number {
            return Err(extra("value", PLAIN));
        }
        if justification.is_some() && kind != Kind::NotApplicable {
            return Err(extra("justification", PLAIN));
        }
        Ok(match kind {
            Kind::Yes => Answer::Yes { comment, evidence },
            Kind::No => Answer::No { comment, evidence },
            Kind::Choice => Answer::Choice {
                options: options.ok_or_else(|| A::Error::missing_field("options"))?,
                comment,
                evidence,
            },
            Kind::Number => Answer::Number {
                value: value.ok_or_else(|| A::Error::missing_field("value"))?,
                comment,
                evidence,
            },
            Kind::DontKnow => Answer::DontKnow { comment, evidence },
            Kind::NotApplicable => Answer::NotApplicable {
                justification: justification.flatten(),
                comment,
                evidence,
            },
            Kind::Unanswered => Answer::Unanswered { comment, evidence },
        })
    }
}

/// A migration an assessment went through: what was not carried unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MigrationRecord {
    /// The version migrated from.
    pub from: ReferentialRef,
    /// The version migrated to.
    pub to: ReferentialRef,
    /// Source answers not carried unchanged (removed, transformed, merged,
    /// refused by the new version), by source question id.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub original: IndexMap<String, Answer>,
    /// The answers the migration wrote from those, by target question id
    /// (to tell, when migrating back, whether they were changed since).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub produced: IndexMap<String, Answer>,
}
