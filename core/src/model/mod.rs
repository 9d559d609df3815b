//! The documents: what a referential, an assessment, a plan, a target, a
//! crosswalk and a set of peer results are, with their JSON forms. Types
//! only; reading them is `input`'s job, checking them `check`'s, computing
//! with them the engine's.

pub mod assessment;
pub mod crosswalk;
pub mod error;
pub mod peers;
pub mod plan;
pub mod profile;
pub mod referential;
pub mod target;
pub mod text;
