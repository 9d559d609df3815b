//! Reading the JSON documents the foreign code passes, and writing the
//! results: calls to the core's parsers, no rule of its own.

use serde::Serialize;
use sobriete::api;
use sobriete::api::Proposal;
use sobriete::api::ProposalRequest;
use sobriete::model::peers::PeerSet;
use sobriete::model::plan::Plan;
use sobriete::model::target::Target;
use sobriete::{Assessment, DocumentKind, Error, Profile, Referential};

/// Pretty JSON, like the core's JSON forms. The core's documents serialize
/// infallibly (string keys, finite floats); `null` rather than a panic.
pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned())
}

fn invalid(document: DocumentKind, issues: Vec<sobriete::Issue>) -> Error {
    Error::Invalid { document, issues }
}

/// A standalone JSON value (target, profile, proposal) deserialized with the
/// core's JSON-pointer issues, reported as `document`.
fn value_of<T: serde::de::DeserializeOwned>(
    json: &str,
    document: DocumentKind,
    base: &str,
) -> Result<T, Error> {
    let value = api::parse_json(json, document)?;
    sobriete::api::from_value::<T>(&value, base).map_err(|i| invalid(document, vec![i]))
}

pub(crate) fn assessment(json: &str, r: &Referential) -> Result<Assessment, Error> {
    api::parse_assessment(json, r)
}

pub(crate) fn assessments(list: &[String], r: &Referential) -> Result<Vec<Assessment>, Error> {
    list.iter().map(|j| api::parse_assessment(j, r)).collect()
}

pub(crate) fn plan(json: &str, r: &Referential) -> Result<Plan, Error> {
    api::parse_plan(json, r)
}

pub(crate) fn peers(json: &str) -> Result<PeerSet, Error> {
    api::parse_peers(json)
}

pub(crate) fn request(json: &str) -> Result<ProposalRequest, Error> {
    let value = api::parse_json(json, DocumentKind::Request)?;
    api::request_from_value(&value)
}

/// A target alone (`{"index": 70, "themes": {…}, "date": …}`); its issues
/// are reported as a request's, with paths from the target's root, as the
/// core's `target_gap` reports its checks.
pub(crate) fn target(json: &str) -> Result<Target, Error> {
    value_of(json, DocumentKind::Request, "")
}

/// A profile alone; issues as an assessment's, with paths under `/profile`
/// (as the core's `template_json`).
pub(crate) fn profile(json: &str) -> Result<Profile, Error> {
    value_of(json, DocumentKind::Assessment, "/profile")
}

/// A proposal as `propose` returned it.
pub(crate) fn proposal(json: &str) -> Result<Proposal, Error> {
    value_of(json, DocumentKind::Request, "/proposal")
}
