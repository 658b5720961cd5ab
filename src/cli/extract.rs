//! `actorgraph extract [PATH... | -]`: read → clean → extract → one JSON record per article on
//! stdout. No database and no state between articles, so it runs as a map stage (Spark,
//! Hadoop streaming, GNU parallel) and `load` merges the shards.

use super::Outcome;
use crate::model::{Origin, RawArticle};
use crate::record::{Record, dictionaries_fingerprint};
use anyhow::Result;
use std::io::{BufRead, BufWriter, Write};

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
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut skipped = 0u64;
    let mut failed = None;
    crate::read::read_paths(&paths, &mut |record| {
        if failed.is_some() {
            return;
        }
        let written = match record {
            Ok((origin, raw)) => match one(&origin, &raw, &dicts, &fingerprint) {
                Some(rec) => write(&mut out, &rec),
                None => {
                    skipped += 1;
                    Ok(())
                }
            },
            Err(e) => {
                eprintln!("actorgraph: {e}");
                skipped += 1;
                Ok(())
            }
        };
        if let Err(e) = written {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    out.flush()?;
    Ok(if skipped > 0 {
        Outcome::Skipped
    } else {
        Outcome::Done
    })
}

/// Cleans and extracts one article; `None` (reported) when cleaning leaves nothing.
fn one(
    origin: &Origin,
    raw: &RawArticle,
    dicts: &crate::dict::Dictionaries,
    fingerprint: &str,
) -> Option<Record> {
    let text = crate::clean::clean(&raw.text);
    if text.is_empty() {
        eprintln!("actorgraph: {origin}: nothing left after removing page furniture: skipped");
        return None;
    }
    let ex = crate::extract::extract_dated(&text, dicts, raw.date.as_deref());
    Some(Record::new(origin, raw, &text, &ex, fingerprint))
}

/// Writes one line; through a buffer, so a closed pipe surfaces as the `io::Error` that
/// `main` treats as no error (serde_json's own error hides it).
fn write(out: &mut impl Write, rec: &Record) -> Result<()> {
    let mut line = serde_json::to_vec(rec)?;
    line.push(b'\n');
    out.write_all(&line)?;
    Ok(())
}

/// True when stdin ends at once. Peeking through the shared stdin buffer keeps what it saw
/// for the reader.
fn stdin_is_empty() -> Result<bool> {
    Ok(std::io::stdin().lock().fill_buf()?.is_empty())
}
