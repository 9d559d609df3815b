//! Targets, the cheapest action plan that reaches one, and plan follow-up.

pub mod optimize;
pub mod plan;
pub mod target;
