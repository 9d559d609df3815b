//! Peer results: the published outcome of assessments, as compared with
//! peers and rolled up over members.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::assessment::ReferentialRef;
use crate::model::profile::Profile;

/// The published result of one assessment, as compared with peers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeerResult {
    /// Who answered.
    pub profile: Profile,
    /// Date of the assessment, ISO 8601 calendar date (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub date: String,
    /// Referential used (id and version).
    pub referential: ReferentialRef,
    /// Maturity index 0–100; none when nothing was counted.
    #[serde(default)]
    pub index: Option<f64>,
    /// Theme scores.
    #[serde(default)]
    pub themes: Vec<PeerTheme>,
}

/// One theme score of a [`PeerResult`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeerTheme {
    /// Theme id.
    pub id: String,
    /// Score 0–100; none when nothing was counted in the theme.
    #[serde(default)]
    pub score: Option<f64>,
}

/// A document of peer results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeerSet {
    /// The results, in any order; several results of the same collectivité
    /// may be present (only the latest counts).
    pub peers: Vec<PeerResult>,
}
