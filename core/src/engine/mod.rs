//! The computation: visibility, points and evaluation (`scoring`), the
//! candidate actions with their gains (`candidates`, built on `scoring`),
//! and the score report (`report`, built on both).

pub mod candidates;
pub mod report;
pub mod scoring;
