//! Stage 1, read: paths, folders and stdin → a stream of raw articles, each with its origin.
//!
//! Readers never stop at a bad record: they hand a [`RecordError`] to the caller and go on.
//! Files are streamed (JSON Lines and CSV record by record), so input size does not bound memory
//! except for single `.txt`/`.json` documents, which are read whole.

mod decode;
mod json;
mod tabular;
mod text;

use crate::error::RecordError;
use crate::model::{Origin, RawArticle};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One item of the input stream: an article or a record that could not be read.
pub type Record = Result<(Origin, RawArticle), RecordError>;

/// The input formats the contract names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    JsonLines,
    Json,
    Csv,
}

impl Format {
    /// The format for a file name, by extension; `None` for files ingest does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "text" => Some(Format::Text),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Reads every path (files, folders recursively, `-` for stdin) and calls `sink` per record.
pub fn read_paths(paths: &[String], sink: &mut dyn FnMut(Record)) {
    for p in paths {
        if p == "-" {
            read_stdin(sink);
        } else {
            read_path(Path::new(p), sink);
        }
    }
}

fn read_path(path: &Path, sink: &mut dyn FnMut(Record)) {
    if path.is_dir() {
        read_dir(path, sink);
        return;
    }
    let name = path.display().to_string();
    match Format::from_path(path) {
        Some(format) => read_file(path, format, sink),
        None if path.exists() => sink(Err(RecordError::new(
            &name,
            None,
            "unknown file type: use .txt, .md, .jsonl, .ndjson, .json or .csv",
        ))),
        None => sink(Err(RecordError::new(&name, None, "no such file or folder"))),
    }
}

fn read_dir(dir: &Path, sink: &mut dyn FnMut(Record)) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                // Inside folders, files of other types are skipped silently (README, images).
                if let Some(format) = Format::from_path(e.path()) {
                    read_file(e.path(), format, sink);
                }
            }
            Ok(_) => {}
            Err(err) => {
                let where_ = err
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| dir.display().to_string());
                sink(Err(RecordError::new(&where_, None, short_walk_error(&err))));
            }
        }
    }
}

fn short_walk_error(err: &walkdir::Error) -> String {
    if err.loop_ancestor().is_some() {
        "symbolic link loop: skipped".to_string()
    } else {
        match err.io_error() {
            Some(io) => format!("cannot read: {io}"),
            None => err.to_string(),
        }
    }
}

fn read_file(path: &Path, format: Format, sink: &mut dyn FnMut(Record)) {
    let name = path.display().to_string();
    match std::fs::File::open(path) {
        Ok(f) => read_stream(&name, stem(path), format, BufReader::new(f), sink),
        Err(e) => sink(Err(RecordError::new(
            &name,
            None,
            format!("cannot open: {e}"),
        ))),
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".to_string())
}

/// Reads stdin, guessing the format from its first non-blank byte: `{` JSON Lines, `[` JSON,
/// anything else one plain-text article.
fn read_stdin(sink: &mut dyn FnMut(Record)) {
    let mut input = BufReader::new(std::io::stdin().lock());
    let format = match input.fill_buf() {
        Ok(buf) => match buf.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::JsonLines,
            Some(b'[') => Format::Json,
            _ => Format::Text,
        },
        Err(e) => {
            sink(Err(RecordError::new(
                "-",
                None,
                format!("cannot read stdin: {e}"),
            )));
            return;
        }
    };
    read_stream("-", "stdin".to_string(), format, input, sink);
}

/// Reads one input stream of a known format.
pub fn read_stream<R: BufRead>(
    name: &str,
    stem: String,
    format: Format,
    input: R,
    sink: &mut dyn FnMut(Record),
) {
    match format {
        Format::Text => text::read(name, stem, input, sink),
        Format::JsonLines => json::read_lines(name, input, sink),
        Format::Json => json::read_document(name, input, sink),
        Format::Csv => tabular::read(name, input, sink),
    }
}

/// Reads a whole stream into a string, decoding a BOM or UTF-16; invalid UTF-8 is an error.
fn read_all_text<R: Read>(name: &str, mut input: R) -> Result<String, RecordError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| RecordError::new(name, None, format!("cannot read: {e}")))?;
    decode::decode(&bytes).map_err(|m| RecordError::new(name, None, m))
}
