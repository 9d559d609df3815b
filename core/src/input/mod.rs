//! Reading documents: JSON parsing with JSON-pointer paths, size and count
//! limits, identifier rules.

pub mod ids;
pub mod limits;
pub mod parse;
