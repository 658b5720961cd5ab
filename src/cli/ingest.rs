//! `actorgraph ingest PATH...`: read → clean → extract → store, with progress and a summary.
//!
//! A reading thread fills bounded chunks of records (cli/chunks.rs); each chunk is cleaned
//! and extracted in parallel (rayon, input order kept) and handed to one writer thread
//! through a short queue, so memory stays flat whatever the corpus size and the database gets
//! exactly the rows, ids and order a sequential run would give.

use super::Outcome;
use super::known::Known;
use super::progress::Progress;
use crate::dict::Dictionaries;
use crate::model::{Extraction, Origin, RawArticle};
use crate::store::{self, Inserted, TextKeys, Writer};
use anyhow::Result;
use rayon::prelude::*;
use rusqlite::Connection;
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Extracted chunks waiting for the writer: enough to keep it busy, few enough to stay small.
const QUEUE: usize = 2;

/// Load articles from files, folders (recursively) or `-` (stdin).
///
/// Reads .txt/.md (one article per file), .jsonl/.ndjson (one object per line), .json (an
/// object or an array) and .csv (one row per article, with a header). Re-ingesting the same
/// text adds nothing. Bad records are reported with file and line and skipped; the exit
/// status is then 1. A progress bar shows on a terminal; a summary follows on stderr.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph ingest examples/articles\n  actorgraph ingest news.jsonl --actors my_actors.csv\n  cat story.txt | actorgraph ingest -"
)]
pub struct Args {
    /// Files, folders or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// The dictionaries: --actors, --agents, --relations (repeatable), as for every command.
    #[command(flatten)]
    pub dicts: super::dict::Flags,
    /// Print nothing but errors: no progress bar, no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Stop at the first bad record (exit 2) instead of skipping it.
    #[arg(long)]
    pub strict: bool,
}

/// Counts of one ingest run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub added: u64,
    pub duplicates: u64,
    /// Records that could not be read or held nothing after cleaning.
    pub failed: u64,
    /// Events of the added articles.
    pub events: u64,
    /// Bytes of article text read.
    pub bytes: u64,
}

/// One record after the parallel stage, ready for the writer.
enum Item {
    /// Could not be used; the message names the record.
    Failed(String),
    /// Its cleaned text was already stored before this chunk.
    Duplicate {
        bytes: u64,
    },
    Article(Box<Prepared>),
}

struct Prepared {
    origin: Origin,
    raw: RawArticle,
    text: String,
    keys: TextKeys,
    ex: Extraction,
}

/// Runs `ingest`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let started = Instant::now();
    super::threads::favor_writer();
    let (dicts, conn) = super::dict::load_for_ingest(db, &args.dicts)?;
    for source in &dicts.sources {
        log::info!("dictionary in force: {}", source.replace('\t', " "));
    }
    log::info!(
        "database {} open (schema {})",
        db.display(),
        store::LATEST_VERSION
    );
    // Dedup lookups before extracting go through their own connection (WAL: no blocking).
    let lookup = store::open_reader(db).ok();
    let progress = Progress::bytes(args.quiet, total_size(&args.paths));
    let inputs = Inputs {
        paths: &args.paths,
        lookup: lookup.as_ref(),
        dicts: &dicts,
        strict: args.strict,
    };
    let result = ingest_paths(conn, &inputs, &progress);
    progress.finish();
    // The read-only connection must close first: the last one to close removes the WAL file.
    drop(lookup);
    let (summary, conn) = result?;
    if args.strict && summary.failed > 0 {
        anyhow::bail!("--strict: stopped at the first bad record (reported above)");
    }
    if !args.quiet {
        report(&conn, &summary, started)?;
    }
    Ok(if summary.failed > 0 {
        Outcome::Skipped
    } else {
        Outcome::Done
    })
}

/// What one ingest reads and with what.
struct Inputs<'a> {
    paths: &'a [String],
    /// A read-only connection for dedup lookups before extraction.
    lookup: Option<&'a Connection>,
    dicts: &'a Dictionaries,
    /// Stop at the first bad record, keeping what came before it.
    strict: bool,
}

/// Ingests every record under `paths`; bad records are reported on stderr, in input order.
fn ingest_paths(
    conn: Connection,
    inputs: &Inputs,
    progress: &Progress,
) -> Result<(Summary, Connection)> {
    let (tx, rx) = crossbeam_channel::bounded::<Vec<Item>>(QUEUE);
    let stop = AtomicBool::new(false);
    let (dicts, strict) = (inputs.dicts, inputs.strict);
    let mut known = Known::new(inputs.lookup);
    let unique = known.exact();
    std::thread::scope(|scope| {
        let stop = &stop;
        let writer =
            scope.spawn(move || write_all(conn, dicts, strict, unique, rx, progress, stop));
        for records in super::chunks::read_ahead(scope, inputs.paths, stop) {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            // A closed queue means the writer stopped; its error is reported below.
            if tx.send(prepare(records, &mut known, dicts)).is_err() {
                stop.store(true, Ordering::Relaxed);
            }
        }
        drop(tx);
        writer.join().expect("the writer thread does not panic")
    })
}

/// Cleans a chunk, drops texts already stored, and extracts the rest, all in parallel.
fn prepare(
    records: Vec<crate::read::Record>,
    known: &mut Known,
    dicts: &Dictionaries,
) -> Vec<Item> {
    let cleaned: Vec<_> = records
        .into_par_iter()
        .map(|r| {
            r.map(|(origin, raw)| {
                let text = crate::clean::clean(&raw.text);
                let keys = TextKeys::new(&text);
                (text, keys, origin, raw)
            })
        })
        .collect();
    // Cheap and sequential: at most a lookup per article, so known texts are never extracted. A
    // repeat inside the chunk is a duplicate too: its first copy is stored before it (or the
    // run stops).
    let mut seen = HashSet::new();
    let known: Vec<bool> = cleaned
        .iter()
        .map(|r| match r {
            Ok((text, keys, ..)) if !text.is_empty() => {
                !seen.insert(keys.hash.as_str()) || known.stored(keys)
            }
            _ => false,
        })
        .collect();
    cleaned
        .into_par_iter()
        .zip(known)
        .map(|(r, known)| match r {
            Err(e) => Item::Failed(format!("actorgraph: {e}")),
            Ok((text, _, origin, _)) if text.is_empty() => Item::Failed(format!(
                "actorgraph: {origin}: nothing left after removing page furniture: skipped"
            )),
            Ok((_, _, _, raw)) if known => Item::Duplicate {
                bytes: raw.text.len() as u64,
            },
            Ok((text, keys, origin, raw)) => {
                // A bug in extraction costs one article, reported, never the whole run.
                let run = || crate::extract::extract_dated(&text, dicts, raw.date.as_deref());
                let Ok(ex) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) else {
                    return Item::Failed(format!(
                        "actorgraph: {origin}: internal error while extracting: skipped (please report this article)"
                    ));
                };
                Item::Article(Box::new(Prepared {
                    origin,
                    raw,
                    text,
                    keys,
                    ex,
                }))
            }
        })
        .collect()
}

/// The writer thread: stores prepared chunks in order and counts what happened. With
/// `strict`, the first bad record sets `stop` and ends the run; what came before is kept. With
/// `unique`, the reader lets no text through twice (cli/known.rs).
fn write_all(
    conn: Connection,
    dicts: &Dictionaries,
    strict: bool,
    unique: bool,
    rx: crossbeam_channel::Receiver<Vec<Item>>,
    progress: &Progress,
    stop: &AtomicBool,
) -> Result<(Summary, Connection)> {
    let mut s = Summary::default();
    {
        let mut writer = if unique {
            Writer::for_unique_texts(&conn)?
        } else {
            Writer::new(&conn)?
        };
        writer.dictionaries(&dicts.sources)?;
        for item in rx.iter().flatten() {
            let bytes = match item {
                Item::Failed(message) => {
                    progress.println(&message);
                    s.failed += 1;
                    if strict {
                        stop.store(true, Ordering::Relaxed);
                        break;
                    }
                    0
                }
                Item::Duplicate { bytes } => {
                    s.duplicates += 1;
                    bytes
                }
                Item::Article(p) => {
                    let stored = writer.article(&p.origin, &p.raw, &p.text, &p.keys, &p.ex);
                    let stored = stored.map_err(|e| {
                        e.context(format!("{}: cannot store the article", p.origin))
                    })?;
                    match stored {
                        Inserted::Added(_) => {
                            s.added += 1;
                            s.events += p.ex.events.len() as u64;
                        }
                        Inserted::Duplicate(_) => s.duplicates += 1,
                    }
                    p.raw.text.len() as u64
                }
            };
            s.bytes += bytes;
            progress.advance(bytes);
        }
        if writer.builds_indexes() {
            progress.phase("building indexes");
        }
        writer.finish()?;
    }
    Ok((s, conn))
}

/// Bytes of every readable input under `paths`, or `None` when one is stdin.
fn total_size(paths: &[String]) -> Option<u64> {
    let mut total = 0;
    for p in paths {
        if p == "-" {
            return None;
        }
        for entry in walkdir::WalkDir::new(p)
            .follow_links(true)
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() && crate::read::Format::from_path(entry.path()).is_some()
            {
                total += entry.metadata().map_or(0, |m| m.len());
            }
        }
    }
    Some(total)
}

fn report(conn: &Connection, s: &Summary, started: Instant) -> Result<()> {
    let (actors, events): (i64, i64) = conn.query_row(
        "SELECT (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM events)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let secs = started.elapsed().as_secs_f64().max(1e-6);
    let articles = s.added + s.duplicates;
    // One line, like every other line ingest writes, so logs stay greppable.
    eprintln!(
        "{} added, {} already stored (same text), {} skipped (bad records); {} new events; database: {actors} actors, {events} events; {secs:.2} s, {:.1} MB/s, {:.0} articles/s",
        plural(s.added, "article"),
        s.duplicates,
        s.failed,
        s.events,
        s.bytes as f64 / 1e6 / secs,
        articles as f64 / secs
    );
    Ok(())
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
