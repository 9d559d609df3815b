//! The computation: visibility, points, evaluation and the score report.

pub mod scoring;
