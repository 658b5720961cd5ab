//! Stage 1, read: paths, folders and stdin → a stream of raw articles, each with its origin.
//!
//! Readers never stop at a bad record: they hand a [`RecordError`] to the caller and go on.
//! Files are streamed record by record (JSON Lines, CSV, and the items of a JSON array) and
//! decoded on the way (BOM stripped, UTF-16 transcoded), so memory is bounded by the largest
//! record, and no article larger than [`MAX_ARTICLE_BYTES`] is ever held whole.

mod decode;
mod json;
mod lines;
mod tabular;
mod text;

use crate::error::RecordError;
use crate::model::{Origin, RawArticle};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The largest article (or JSON Lines line) ingest accepts: bigger ones are reported and
/// skipped, which bounds memory and extraction time (a real news article is under 100 KB).
pub const MAX_ARTICLE_BYTES: usize = 8 << 20;

/// The message for an article over the limit, with its size when known.
fn too_big(bytes: Option<usize>) -> String {
    let size = bytes.map_or(String::new(), |b| {
        format!(" ({:.1} MB)", b as f64 / (1 << 20) as f64)
    });
    format!(
        "article larger than {} MB{size}: skipped; split it into smaller articles",
        MAX_ARTICLE_BYTES >> 20
    )
}

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
        // A FIFO or device would block or never end: only regular files are read.
        Some(_) if path.exists() && !path.is_file() => sink(Err(RecordError::new(
            &name,
            None,
            "not a regular file (a pipe, socket or device): skipped",
        ))),
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
    log::info!("reading {name} as {format:?}");
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

/// Reads stdin, guessing the format from its first non-blank character: `{` JSON Lines, `[`
/// JSON, anything else one plain-text article.
fn read_stdin(sink: &mut dyn FnMut(Record)) {
    let stdin = BufReader::new(std::io::stdin().lock());
    let guessed = decode::stream(stdin).and_then(|mut input| {
        let format = match input.fill_buf()?.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::JsonLines,
            Some(b'[') => Format::Json,
            _ => Format::Text,
        };
        Ok((format, input))
    });
    match guessed {
        Ok((format, input)) => dispatch("-", "stdin".to_string(), format, input, sink),
        Err(e) => sink(Err(RecordError::new(
            "-",
            None,
            format!("cannot read stdin: {e}"),
        ))),
    }
}

/// Reads one input stream of a known format, in UTF-8 or UTF-16.
pub fn read_stream<R: BufRead>(
    name: &str,
    stem: String,
    format: Format,
    input: R,
    sink: &mut dyn FnMut(Record),
) {
    match decode::stream(input) {
        Ok(input) => dispatch(name, stem, format, input, sink),
        Err(e) => sink(Err(RecordError::new(
            name,
            None,
            format!("cannot read: {e}"),
        ))),
    }
}

fn dispatch<R: BufRead>(
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

/// Reads a whole (decoded) stream into a string, up to the article limit.
fn read_all_text<R: Read>(name: &str, input: R) -> Result<String, RecordError> {
    let err = |m: String| RecordError::new(name, None, m);
    match decode::read_capped(input, MAX_ARTICLE_BYTES) {
        Ok(Some(bytes)) => decode::utf8(bytes).map_err(err),
        Ok(None) => Err(err(too_big(
            std::fs::metadata(name).ok().map(|m| m.len() as usize),
        ))),
        Err(e) => Err(err(format!("cannot read: {e}"))),
    }
}
