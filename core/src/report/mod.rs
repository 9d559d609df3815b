//! Reports: text and Markdown, HTML, SVG charts, CSV tables and the annual
//! review.

pub mod annual_review;
pub mod csv;
pub mod html;
pub(crate) mod labels;
pub mod svg;
pub mod text;
