//! One module per subcommand: its arguments (clap) and its `run`, which
//! calls `sobriete::api` and writes the output.

pub mod actions;
pub mod batch;
pub mod chart;
pub mod crosswalk;
pub mod csv;
pub mod diff;
pub mod history;
pub mod import;
pub mod migrate;
pub mod peers;
pub mod plan;
pub mod referential;
pub mod report;
pub mod review;
pub mod schema;
pub mod template;
pub mod validate;
