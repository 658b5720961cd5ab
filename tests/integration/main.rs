//! Integration tests: the binary run as a user runs it.

mod dict;
mod eval;
mod export;
mod grammar;
mod graph;
mod ingest;
mod query;
mod reliability;
mod scale_out;
mod util;
mod ux;
