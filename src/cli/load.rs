//! `actorgraph load FILE... | -`: store the records `extract` wrote, with `ingest`'s dedupe
//! (content hash) and all-or-nothing rules, so N extracted shards load into the database
//! `ingest` would have built from the same articles.

use super::Outcome;
use super::known::Sent;
use crate::model::Extraction;
use crate::record::{Record, dictionaries_fingerprint};
use crate::store::{Inserted, Writer};
use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Instant;

/// Store records written by `actorgraph extract` (files, folders or `-` for stdin).
///
/// Every record is checked (format version, hash, offsets, indices) and stored whole or not
/// at all; a text already stored is skipped, as `ingest` does. Pass the dictionary flags
/// `extract` was given: they are recorded as the set in force (for `rebuild`), and a record
/// extracted with other dictionaries is refused. In a folder, files whose names start with
/// `.` or `_` (Spark's `_SUCCESS`, `.crc`) are ignored.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph extract news.jsonl | actorgraph load -\n  actorgraph load records/part-*\n  actorgraph --db big.db load --actors my_actors.csv spark-out/"
)]
pub struct Args {
    /// Record files, folders, or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// The dictionaries: --actors, --agents, --relations (repeatable), as for every command.
    #[command(flatten)]
    pub dicts: super::dict::Flags,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The longest record line read: an article at the size limit, its raw text and extraction.
const MAX_RECORD_BYTES: usize = 4 * crate::read::MAX_ARTICLE_BYTES;

#[derive(Default)]
struct Summary {
    added: u64,
    duplicates: u64,
    skipped: u64,
    events: u64,
}

/// Runs `load`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let started = Instant::now();
    let (dicts, conn) = super::dict::load_for_ingest(db, &args.dicts)?;
    // Into an empty database the loader keeps the texts unique itself, as `ingest`'s reader
    // does, so the writer builds the dedup index at the end of the load.
    let sent = crate::store::is_empty(&conn)?.then(Sent::default);
    let writer = match sent {
        Some(_) => Writer::for_unique_texts(&conn)?,
        None => Writer::new(&conn)?,
    };
    let mut loader = Loader {
        writer,
        sent,
        fingerprint: dictionaries_fingerprint(&dicts.files),
        summary: Summary::default(),
    };
    loader.writer.dictionaries(&dicts.sources)?;
    for p in &args.paths {
        loader.path(p)?;
    }
    let Loader {
        writer, summary, ..
    } = loader;
    writer.finish()?;
    if !args.quiet {
        report(&conn, &summary, started)?;
    }
    Ok(if summary.skipped > 0 {
        Outcome::Skipped
    } else {
        Outcome::Done
    })
}

struct Loader<'c> {
    writer: Writer<'c>,
    /// The texts sent to the writer, when the database held none at the start.
    sent: Option<Sent>,
    fingerprint: String,
    summary: Summary,
}

impl Loader<'_> {
    /// Loads a file, a folder (its files in name order) or stdin.
    fn path(&mut self, p: &str) -> Result<()> {
        if p == "-" {
            return self.stream("-", BufReader::new(std::io::stdin().lock()));
        }
        let walker = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            let entry = entry.with_context(|| format!("{p}: cannot read"))?;
            let hidden = entry.depth() > 0
                && entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(['.', '_']));
            if entry.file_type().is_file() && !hidden {
                let name = entry.path().display().to_string();
                let f = std::fs::File::open(entry.path())
                    .with_context(|| format!("{name}: cannot open"))?;
                self.stream(&name, BufReader::new(f))?;
            }
        }
        Ok(())
    }

    /// Loads one stream of records, a line each; bad lines are reported and skipped.
    fn stream(&mut self, name: &str, mut input: impl BufRead) -> Result<()> {
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            buf.clear();
            let n = (&mut input)
                .take(MAX_RECORD_BYTES as u64 + 1)
                .read_until(b'\n', &mut buf)
                .with_context(|| format!("{name}: cannot read"))?;
            if n == 0 {
                return Ok(());
            }
            line += 1;
            if buf.len() > MAX_RECORD_BYTES && buf.last() != Some(&b'\n') {
                skip_rest_of_line(&mut input)?;
                self.bad(name, line, "record longer than the limit");
            } else if !buf.trim_ascii().is_empty() {
                self.record(name, line, &buf)?;
            }
        }
    }

    /// Checks and stores one record; only a storage failure is fatal.
    fn record(&mut self, name: &str, line: u64, bytes: &[u8]) -> Result<()> {
        let (rec, ex) = match self.check(bytes) {
            Ok(v) => v,
            Err(why) => {
                self.bad(name, line, &why);
                return Ok(());
            }
        };
        let origin = crate::model::Origin {
            file: rec.origin.clone(),
            line: None,
        };
        let keys = crate::store::TextKeys::new(&rec.text);
        if let Some(sent) = &mut self.sent
            && !sent.first(&keys)
        {
            self.summary.duplicates += 1;
            return Ok(());
        }
        match (self.writer).article(&origin, &rec.article(), &rec.text, &keys, &ex) {
            Ok(Inserted::Added(_)) => {
                self.summary.added += 1;
                self.summary.events += ex.events.len() as u64;
            }
            Ok(Inserted::Duplicate(_)) => self.summary.duplicates += 1,
            Err(e) => return Err(e.context(format!("{name}:{line}: cannot store the article"))),
        }
        Ok(())
    }

    /// Parses a record and rebuilds its extraction, or says why not.
    fn check(&self, bytes: &[u8]) -> Result<(Record, Extraction), String> {
        let rec: Record =
            serde_json::from_slice(bytes).map_err(|e| format!("not an extract record: {e}"))?;
        if rec.dictionaries != self.fingerprint {
            return Err(format!(
                "extracted with other dictionaries ({}, this load has {}): give load the --actors, --agents and --relations extract had",
                rec.dictionaries, self.fingerprint
            ));
        }
        let ex = rec.extraction()?;
        Ok((rec, ex))
    }

    fn bad(&mut self, name: &str, line: u64, why: &str) {
        eprintln!("actorgraph: {name}:{line}: {why}: skipped");
        self.summary.skipped += 1;
    }
}

/// Drops what is left of an over-long line without holding it.
fn skip_rest_of_line(input: &mut impl BufRead) -> Result<()> {
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = chunk.len();
                input.consume(n);
            }
        }
    }
}

fn report(conn: &rusqlite::Connection, s: &Summary, started: Instant) -> Result<()> {
    let (actors, events): (i64, i64) = conn.query_row(
        "SELECT (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM events)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    eprintln!(
        "{} records loaded, {} already stored (same text), {} skipped; {} new events; database: {actors} actors, {events} events; {:.2}s",
        s.added,
        s.duplicates,
        s.skipped,
        s.events,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
