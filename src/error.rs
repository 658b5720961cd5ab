//! Error types that carry their context: a bad input record names its file and line.

use crate::model::Origin;

/// A record that could not be read; ingest skips it, counts it and goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct RecordError {
    pub origin: Origin,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl RecordError {
    /// A record error at `file` (and `line`, when known).
    pub fn new(file: &str, line: Option<u64>, message: impl Into<String>) -> RecordError {
        RecordError {
            origin: Origin {
                file: file.to_string(),
                line,
            },
            message: message.into(),
        }
    }
}
