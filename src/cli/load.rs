//! `actorgraph load FILE... | -`: store the records `extract` wrote, with `ingest`'s dedupe
//! (content hash) and all-or-nothing rules, so N extracted shards load into the database
//! `ingest` would have built from the same articles.

use super::Outcome;
use super::known::Sent;
use crate::model::Extraction;
use crate::record::{Record, dictionaries_fingerprint};
use crate::store::{Inserted, Writer};
use anyhow::{Context, Result};
use crossbeam_channel::{Receiver, Sender};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
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
/// Lines per chunk, and the byte cap that keeps a chunk of long records small.
const CHUNK_LINES: usize = 256;
const CHUNK_BYTES: usize = 4 << 20;
/// Checked chunks waiting for the writer: one being stored, one ready behind it.
const QUEUE: usize = 1;

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
    super::threads::favor_writer();
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
        summary: Summary::default(),
    };
    loader.writer.dictionaries(&dicts.sources)?;
    let fingerprint = dictionaries_fingerprint(&dicts.files);
    // Reading and checking (JSON parsing, the hash, rebuilding the extraction) run on every
    // core, ahead of the one writer, which kept them all on its own thread before: they
    // were about 15% of its samples (perf, 55,000 records).
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = crossbeam_channel::bounded(QUEUE);
        let reader = scope.spawn(|| read_paths(&args.paths, &fingerprint, tx));
        let stored = loader.store_all(rx);
        // On a storage error the queue is closed by now, so the reader stops at its next send.
        let read = reader.join().expect("the reading thread does not panic");
        stored.and(read)
    })?;
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

/// Where a line came from: the file (or `-`) and its 1-based line number.
struct Place {
    name: Arc<str>,
    line: u64,
}

/// One input line, as read.
enum Line {
    /// The line's bytes.
    Record(Place, Vec<u8>),
    /// A line longer than [`MAX_RECORD_BYTES`], passed over without being held.
    TooLong(Place),
}

/// A line after checking: a record ready to store, or why it is skipped.
enum Checked {
    Good(Box<Good>),
    Bad(Place, String),
}

/// A checked record with what the writer needs of it.
struct Good {
    place: Place,
    rec: Record,
    ex: Extraction,
    keys: crate::store::TextKeys,
}

/// Reads every record line under `paths`, checks each chunk on every core and sends it on,
/// in input order. Stops early, without error, once the writer has stopped taking chunks.
fn read_paths(paths: &[String], fingerprint: &str, tx: Sender<Vec<Checked>>) -> Result<()> {
    let mut chunk = Chunk {
        lines: Vec::new(),
        bytes: 0,
        fingerprint,
        tx,
    };
    for p in paths {
        if !read_path(p, &mut chunk)? {
            return Ok(());
        }
    }
    // A writer that stopped has its own error to report.
    chunk.send();
    Ok(())
}

/// Lines read but not yet checked, and where checked chunks go.
struct Chunk<'a> {
    lines: Vec<Line>,
    bytes: usize,
    fingerprint: &'a str,
    tx: Sender<Vec<Checked>>,
}

impl Chunk<'_> {
    /// Adds a line, sending the chunk once it is full; false once the writer has stopped.
    fn push(&mut self, line: Line) -> bool {
        if let Line::Record(_, bytes) = &line {
            self.bytes += bytes.len();
        }
        self.lines.push(line);
        let room = self.lines.len() < CHUNK_LINES && self.bytes < CHUNK_BYTES;
        room || self.send()
    }

    /// Checks the lines in parallel and sends them on; false once the writer has stopped.
    fn send(&mut self) -> bool {
        use rayon::prelude::*;
        self.bytes = 0;
        let lines = std::mem::take(&mut self.lines);
        if lines.is_empty() {
            return true;
        }
        let checked = lines
            .into_par_iter()
            .map(|line| check(line, self.fingerprint))
            .collect();
        self.tx.send(checked).is_ok()
    }
}

/// Reads a file, a folder (its files in name order) or stdin; false once the writer has
/// stopped.
fn read_path(p: &str, chunk: &mut Chunk) -> Result<bool> {
    if p == "-" {
        return read_stream("-", BufReader::new(std::io::stdin().lock()), chunk);
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
            if !read_stream(&name, BufReader::new(f), chunk)? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// Reads one stream of records, a line each; false once the writer has stopped.
fn read_stream(name: &str, mut input: impl BufRead, chunk: &mut Chunk) -> Result<bool> {
    let name: Arc<str> = name.into();
    let mut line = 0u64;
    loop {
        let mut buf = Vec::new();
        let n = (&mut input)
            .take(MAX_RECORD_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{name}: cannot read"))?;
        if n == 0 {
            return Ok(true);
        }
        line += 1;
        let place = Place {
            name: name.clone(),
            line,
        };
        let read = if buf.len() > MAX_RECORD_BYTES && buf.last() != Some(&b'\n') {
            skip_rest_of_line(&mut input)?;
            Line::TooLong(place)
        } else if buf.trim_ascii().is_empty() {
            continue;
        } else {
            Line::Record(place, buf)
        };
        if !chunk.push(read) {
            return Ok(false);
        }
    }
}

/// Parses a record and rebuilds its extraction, or says why not.
fn check(line: Line, fingerprint: &str) -> Checked {
    let (place, bytes) = match line {
        Line::TooLong(place) => return Checked::Bad(place, "record longer than the limit".into()),
        Line::Record(place, bytes) => (place, bytes),
    };
    let rec: Record = match serde_json::from_slice(&bytes) {
        Ok(rec) => rec,
        Err(e) => return Checked::Bad(place, format!("not an extract record: {e}")),
    };
    if rec.dictionaries != fingerprint {
        let why = format!(
            "extracted with other dictionaries ({}, this load has {fingerprint}): give load the --actors, --agents and --relations extract had",
            rec.dictionaries
        );
        return Checked::Bad(place, why);
    }
    match rec.extraction() {
        Ok(ex) => {
            let keys = crate::store::TextKeys::new(&rec.text);
            Checked::Good(Box::new(Good {
                place,
                rec,
                ex,
                keys,
            }))
        }
        Err(why) => Checked::Bad(place, why),
    }
}

struct Loader<'c> {
    writer: Writer<'c>,
    /// The texts sent to the writer, when the database held none at the start.
    sent: Option<Sent>,
    summary: Summary,
}

impl Loader<'_> {
    /// Stores the checked chunks in order; only a storage failure is fatal.
    fn store_all(&mut self, rx: Receiver<Vec<Checked>>) -> Result<()> {
        for checked in rx.iter().flatten() {
            match checked {
                Checked::Bad(place, why) => self.bad(&place, &why),
                Checked::Good(good) => self.store(&good)?,
            }
        }
        Ok(())
    }

    /// Stores one checked record, unless its text is already stored.
    fn store(&mut self, good: &Good) -> Result<()> {
        let Good {
            place,
            rec,
            ex,
            keys,
        } = good;
        if let Some(sent) = &mut self.sent
            && !sent.first(keys)
        {
            self.summary.duplicates += 1;
            return Ok(());
        }
        let origin = crate::model::Origin {
            file: rec.origin.clone(),
            line: None,
        };
        match (self.writer).article(&origin, &rec.article(), &rec.text, keys, ex) {
            Ok(Inserted::Added(_)) => {
                self.summary.added += 1;
                self.summary.events += ex.events.len() as u64;
            }
            Ok(Inserted::Duplicate(_)) => self.summary.duplicates += 1,
            Err(e) => {
                let (name, line) = (&place.name, place.line);
                return Err(e.context(format!("{name}:{line}: cannot store the article")));
            }
        }
        Ok(())
    }

    fn bad(&mut self, place: &Place, why: &str) {
        eprintln!("actorgraph: {}:{}: {why}: skipped", place.name, place.line);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What the reader sends for `input`, read as stdin, as (line, reason) pairs; good
    /// records as (line, "").
    fn checked(input: &[u8]) -> Vec<(u64, String)> {
        let (tx, rx) = crossbeam_channel::unbounded();
        let mut chunk = Chunk {
            lines: Vec::new(),
            bytes: 0,
            fingerprint: "f",
            tx,
        };
        assert!(read_stream("-", input, &mut chunk).unwrap());
        assert!(chunk.send());
        drop(chunk);
        let place = |c: &Checked| match c {
            Checked::Good(g) => (g.place.line, String::new()),
            Checked::Bad(p, why) => (p.line, why.clone()),
        };
        rx.iter().flatten().map(|c| place(&c)).collect()
    }

    /// Bad lines keep their numbers and their order across chunks; blank lines are counted
    /// but not reported, and an over-long line is reported without being held.
    #[test]
    fn lines_are_checked_in_input_order_with_their_numbers() {
        let mut input = b"not json\n\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        input.extend(b"\n");
        for _ in 0..CHUNK_LINES {
            input.extend(b"{\"format\":1}\n");
        }
        let got = checked(&input);
        assert_eq!(got.len(), 2 + CHUNK_LINES);
        assert!(got[0].0 == 1 && got[0].1.starts_with("not an extract record"));
        assert_eq!(got[1], (3, "record longer than the limit".to_string()));
        let numbers: Vec<u64> = got[2..].iter().map(|(line, _)| *line).collect();
        assert_eq!(numbers, (4..4 + CHUNK_LINES as u64).collect::<Vec<_>>());
        assert!(
            got[2..]
                .iter()
                .all(|(_, why)| why.starts_with("not an extract record"))
        );
    }

    /// Once the writer stops taking chunks (a storage error), reading ends at the next one.
    #[test]
    fn a_stopped_writer_stops_the_reader() {
        let (tx, rx) = crossbeam_channel::bounded(QUEUE);
        drop(rx);
        let mut chunk = Chunk {
            lines: Vec::new(),
            bytes: 0,
            fingerprint: "f",
            tx,
        };
        let input = b"{}\n".repeat(3 * CHUNK_LINES);
        assert!(!read_stream("-", &input[..], &mut chunk).unwrap());
    }
}
