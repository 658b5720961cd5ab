//! `actorgraph extract [PATH... | -]`: read → clean → extract → one JSON record per article on
//! stdout. No database and no state between articles, so it runs as a map stage (Spark,
//! Hadoop streaming, GNU parallel) and `load` merges the shards.

use super::Outcome;
use crate::model::{Origin, RawArticle};
use crate::record::{Record, dictionaries_fingerprint};
use anyhow::Result;
use std::io::{BufRead, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Extract actors and events to JSON Lines on stdout, without a database.
///
/// Reads articles in every format `ingest` reads (JSON Lines on stdin when no path is
/// given) and writes one `actorgraph-extract/1` record per article, in input order (see
/// docs/record-format.md). Bad records are reported on stderr as `ingest` reports them and
/// skipped; the exit status is then 1. Empty input gives no records and exit 0, so an empty
/// shard is no error. `actorgraph load` stores the records.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph extract news.jsonl > records.jsonl\n  cat part-00007.jsonl | actorgraph extract --actors my_actors.csv > out-00007.jsonl\n  actorgraph load out-*.jsonl"
)]
pub struct Args {
    /// Files, folders or `-` for stdin (the default).
    pub paths: Vec<String>,
    /// The dictionaries: --actors, --agents, --relations (repeatable), as for every command.
    #[command(flatten)]
    pub dicts: super::dict::Flags,
}

/// Runs `extract`.
pub fn run(args: Args) -> Result<Outcome> {
    let inputs = super::dict::inputs(&args.dicts)?;
    let dicts = super::dict::compile(&inputs)?;
    let fingerprint = dictionaries_fingerprint(&dicts.files);
    let mut paths = args.paths;
    if paths.is_empty() {
        paths.push("-".to_string());
    }
    if paths == ["-"] && stdin_is_empty()? {
        return Ok(Outcome::Done);
    }
    let mut sink = Sink {
        out: BufWriter::new(std::io::stdout().lock()),
        skipped: 0,
        failed: None,
    };
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for records in super::chunks::read_ahead(scope, &paths, &stop) {
            sink.write(process(records, &dicts, &fingerprint));
            if sink.failed.is_some() {
                // Also ends the reading thread, which would otherwise read to the end.
                stop.store(true, Ordering::Relaxed);
                break;
            }
        }
    });
    if let Some(e) = sink.failed {
        return Err(e);
    }
    sink.out.flush()?;
    Ok(if sink.skipped > 0 {
        Outcome::Skipped
    } else {
        Outcome::Done
    })
}

/// Where records go: stdout, through a buffer, so a closed pipe surfaces as the
/// `io::Error` that `main` treats as no error; messages go to stderr.
struct Sink<W: Write> {
    out: W,
    skipped: u64,
    /// The first write error; nothing more is written after it.
    failed: Option<anyhow::Error>,
}

impl<W: Write> Sink<W> {
    /// Writes a processed chunk in order: each line, or the message of a skipped record.
    fn write(&mut self, lines: Vec<std::result::Result<Vec<u8>, String>>) {
        for line in lines {
            if self.failed.is_some() {
                return;
            }
            match line {
                Ok(line) => {
                    if let Err(e) = self.out.write_all(&line) {
                        self.failed = Some(e.into());
                    }
                }
                Err(message) => {
                    eprintln!("{message}");
                    self.skipped += 1;
                }
            }
        }
    }
}

/// Cleans, extracts and serializes a chunk on every core; each record gives its JSON line
/// or the message saying why it was skipped, in input order.
fn process(
    chunk: Vec<crate::read::Record>,
    dicts: &crate::dict::Dictionaries,
    fingerprint: &str,
) -> Vec<std::result::Result<Vec<u8>, String>> {
    use rayon::prelude::*;
    chunk
        .into_par_iter()
        .map(|record| {
            let (origin, raw) = record.map_err(|e| format!("actorgraph: {e}"))?;
            let rec = one(&origin, &raw, dicts, fingerprint)?;
            let mut line = serde_json::to_vec(&rec).map_err(|e| format!("actorgraph: {e}"))?;
            line.push(b'\n');
            Ok(line)
        })
        .collect()
}

/// Cleans and extracts one article; the message when cleaning leaves nothing.
fn one(
    origin: &Origin,
    raw: &RawArticle,
    dicts: &crate::dict::Dictionaries,
    fingerprint: &str,
) -> std::result::Result<Record, String> {
    let text = crate::clean::clean(&raw.text);
    if text.is_empty() {
        return Err(format!(
            "actorgraph: {origin}: nothing left after removing page furniture: skipped"
        ));
    }
    let ex = crate::extract::extract_dated(&text, dicts, raw.date.as_deref());
    Ok(Record::new(origin, raw, &text, &ex, fingerprint))
}

/// True when stdin ends at once. Peeking through the shared stdin buffer keeps what it saw
/// for the reader.
fn stdin_is_empty() -> Result<bool> {
    Ok(std::io::stdin().lock().fill_buf()?.is_empty())
}
