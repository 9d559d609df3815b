//! Over time and across collectivités: history, migration between
//! referential versions, comparison with peers.

pub mod history;
pub mod migrate;
pub mod peers;
