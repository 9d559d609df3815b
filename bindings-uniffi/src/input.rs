//! Reading the JSON documents the foreign code passes, and writing the
//! results: calls to the core's parsers, no rule of its own.

use serde::Serialize;
use sobriete::api;
use sobriete::{DocumentKind, Error, Profile};

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

/// A profile alone; issues as an assessment's, with paths under `/profile`
/// (as the core's `template_json`).
pub(crate) fn profile(json: &str) -> Result<Profile, Error> {
    value_of(json, DocumentKind::Assessment, "/profile")
}
