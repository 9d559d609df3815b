//! One way to read a document, for every binding: each document type knows
//! its kind and how it is read from a parsed JSON value (limits, unknown
//! fields, validation against the referential), so a binding only turns
//! its language's value into JSON text and calls [`read`]. Issue paths
//! start at the root of the document given, whatever the operation.

use serde_json::Value;

use super::{
    assessment_from_value, crosswalk_from_value, invalid, parse_json, peers_from_value,
    plan_from_value, request_from_value, ReportInputs,
};
use crate::model::assessment::Assessment;
use crate::model::crosswalk::Crosswalk;
use crate::model::error::{DocumentKind, Error};
use crate::model::peers::PeerSet;
use crate::model::plan::Plan;
use crate::model::profile::Profile;
use crate::model::referential::Referential;
use crate::model::target::Target;
use crate::planning::optimize::{Proposal, ProposalRequest};

/// A document type the library reads from JSON.
pub trait Document: Sized {
    /// The kind named by its errors.
    const KIND: DocumentKind;

    /// Reads it from a parsed JSON value, checked against `r` where it
    /// refers to the referential's questions or actions.
    fn from_json_value(value: &Value, r: &Referential) -> Result<Self, Error>;
}

/// Reads a document from JSON text (limits first, then the document).
pub fn read<D: Document>(json: &str, r: &Referential) -> Result<D, Error> {
    D::from_json_value(&parse_json(json, D::KIND)?, r)
}

/// [`read`] of an optional document.
pub fn read_optional<D: Document>(json: Option<&str>, r: &Referential) -> Result<Option<D>, Error> {
    json.map(|j| read(j, r)).transpose()
}

/// [`read`] of each document of a list, in order (the first error stops).
pub fn read_all<D: Document, S: AsRef<str>>(jsons: &[S], r: &Referential) -> Result<Vec<D>, Error> {
    jsons.iter().map(|j| read(j.as_ref(), r)).collect()
}

impl Document for Assessment {
    const KIND: DocumentKind = DocumentKind::Assessment;
    fn from_json_value(value: &Value, r: &Referential) -> Result<Self, Error> {
        assessment_from_value(value, r)
    }
}

/// A profile given alone (to a template) is an assessment's part: its
/// issues are an assessment's, with paths under `/profile`.
impl Document for Profile {
    const KIND: DocumentKind = DocumentKind::Assessment;
    fn from_json_value(value: &Value, _: &Referential) -> Result<Self, Error> {
        crate::input::parse::from_value(value, "/profile")
            .map_err(|i| invalid(DocumentKind::Assessment, vec![i]))
    }
}

impl Document for Plan {
    const KIND: DocumentKind = DocumentKind::Plan;
    fn from_json_value(value: &Value, r: &Referential) -> Result<Self, Error> {
        plan_from_value(value, r)
    }
}

/// A target alone is a request's part: its issues are a request's, with
/// paths from the target's own root.
impl Document for Target {
    const KIND: DocumentKind = DocumentKind::Request;
    fn from_json_value(value: &Value, _: &Referential) -> Result<Self, Error> {
        crate::input::parse::from_value(value, "")
            .map_err(|i| invalid(DocumentKind::Request, vec![i]))
    }
}

impl Document for ProposalRequest {
    const KIND: DocumentKind = DocumentKind::Request;
    fn from_json_value(value: &Value, _: &Referential) -> Result<Self, Error> {
        request_from_value(value)
    }
}

/// A proposal given back (e.g. to make a plan of it) is a result document
/// of no kind of its own.
impl Document for Proposal {
    const KIND: DocumentKind = DocumentKind::Unknown;
    fn from_json_value(value: &Value, _: &Referential) -> Result<Self, Error> {
        crate::input::parse::from_value(value, "")
            .map_err(|i| invalid(DocumentKind::Unknown, vec![i]))
    }
}

impl Document for PeerSet {
    const KIND: DocumentKind = DocumentKind::Peers;
    fn from_json_value(value: &Value, _: &Referential) -> Result<Self, Error> {
        peers_from_value(value)
    }
}

impl Document for Crosswalk {
    const KIND: DocumentKind = DocumentKind::Crosswalk;
    fn from_json_value(value: &Value, _: &Referential) -> Result<Self, Error> {
        crosswalk_from_value(value)
    }
}

/// The optional inputs of a full report, owned: what a binding builds from
/// its arguments, then lends as [`ReportInputs`].
#[derive(Debug, Clone, Default)]
pub struct ReportRequest {
    /// A target: its gap, and the proposed plan to reach it.
    pub target: Option<Target>,
    /// An action plan, followed up as of `as_of`.
    pub plan: Option<Plan>,
    /// Follow-up date (default: the assessment's date).
    pub as_of: Option<String>,
    /// Earlier assessments, for the history and the evolution chart.
    pub history: Vec<Assessment>,
    /// Peers' results, for the comparison.
    pub peers: Option<PeerSet>,
    /// Smallest group whose statistics are shown.
    pub min_group_size: Option<usize>,
}

impl ReportRequest {
    /// Reads every optional input from its JSON text (each document checked
    /// on its own, paths from its root).
    pub fn read<S: AsRef<str>>(
        r: &Referential,
        target: Option<&str>,
        plan: Option<&str>,
        history: &[S],
        peers: Option<&str>,
    ) -> Result<Self, Error> {
        Ok(ReportRequest {
            target: read_optional(target, r)?,
            plan: read_optional(plan, r)?,
            history: read_all(history, r)?,
            peers: read_optional(peers, r)?,
            ..ReportRequest::default()
        })
    }

    /// The inputs, borrowed, for [`super::full_report`] and
    /// [`super::full_report_data`].
    pub fn inputs(&self) -> ReportInputs<'_> {
        ReportInputs {
            target: self.target.as_ref(),
            plan: self.plan.as_ref(),
            as_of: self.as_of.as_deref(),
            history: &self.history,
            peers: self.peers.as_ref(),
            min_group_size: self.min_group_size,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]
    use super::*;

    #[test]
    fn each_document_names_its_kind_and_paths_start_at_its_root() {
        let r = super::super::default_referential().unwrap();
        let e = read::<Target>(r#"{"index": "high"}"#, r).unwrap_err();
        assert!(matches!(
            &e,
            Error::Invalid {
                document: DocumentKind::Request,
                ..
            }
        ));
        assert_eq!(e.issues()[0].path, "/index");
        let e = read::<PeerSet>("{}", r).unwrap_err();
        assert!(matches!(
            &e,
            Error::Invalid {
                document: DocumentKind::Peers,
                ..
            }
        ));
        let e = read::<Assessment>("[", r).unwrap_err();
        assert!(matches!(
            &e,
            Error::Invalid {
                document: DocumentKind::Assessment,
                ..
            }
        ));
        let request =
            ReportRequest::read::<&str>(r, Some(r#"{"index": 60}"#), None, &[], None).unwrap();
        assert_eq!(request.inputs().target.and_then(|t| t.index), Some(60.0));
    }
}
