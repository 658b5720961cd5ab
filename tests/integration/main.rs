//! Integration tests: the binary run as a user runs it.

mod dict;
mod eval;
mod export;
mod grammar;
mod graph;
mod ingest;
mod progress;
mod query;
mod reliability;
mod scale;
mod scale_out;
mod util;
mod ux;
