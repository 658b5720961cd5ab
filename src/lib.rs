//! actorgraph: news articles → a queryable graph of who does what to whom.
//!
//! ```text
//! read → clean → extract → store → graph → export
//!                   ↑ dict              ↑ cli (wires the stages; only it sees them all)
//! ```
//!
//! A module uses `model`, `error` and the stages to its left, never to its right: `extract`
//! never touches SQLite, `export` never opens the database.

pub mod clean;
pub mod cli;
pub mod dict;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod model;
pub mod read;
pub mod record;
pub mod store;
