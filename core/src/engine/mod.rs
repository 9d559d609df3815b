//! The computation: visibility, points, evaluation, the score report and
//! the candidate actions with their gains.

pub mod candidates;
pub mod scoring;
