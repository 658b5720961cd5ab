//! `actorgraph rebuild`: re-extract every stored article with the current dictionaries.
//!
//! Articles are read a page at a time, extracted in parallel and replaced by one writer
//! thread, as in `ingest`: memory stays flat and the result equals a sequential rebuild.
//! The writer builds the indexes of mentions by actor and events by target at its end
//! (`store::Writer::for_rebuild`), so a rebuild costs about what a first ingest does.

use super::Outcome;
use super::progress::Progress;
use crate::dict::Dictionaries;
use crate::model::Extraction;
use crate::store::{self, Writer};
use anyhow::Result;
use rayon::prelude::*;
use rusqlite::Connection;
use std::path::Path;

/// Articles read, extracted and replaced together.
const PAGE: i64 = 256;

/// Re-run extraction over every stored article (after a dictionary or code change).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dictionaries: --actors, --agents, --relations (repeatable), as for every command.
    #[command(flatten)]
    pub dicts: super::dict::Flags,
    /// Use only the built-in dictionaries, forgetting the recorded ones (without any
    /// dictionary flag, rebuild uses the dictionaries the last ingest or rebuild used).
    #[arg(long, conflicts_with_all = ["actors", "agents", "relations"])]
    pub builtin: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// One re-extracted article.
type Redone = (i64, String, Extraction);

/// Runs `rebuild`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    super::threads::favor_writer();
    let dicts = super::dict::load_for_rebuild(db, &args.dicts, args.builtin)?;
    let conn = store::open(db)?;
    let pages = store::open_reader(db)?;
    let total: i64 = pages.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
    let progress = Progress::articles(args.quiet, total as u64);
    let result = rebuild_all(conn, &pages, &dicts, &progress);
    progress.finish();
    // The read-only connection must close first: the last one to close removes the WAL file.
    drop(pages);
    let (conn, events) = result?;
    // Actors no event or mention uses any more would linger as empty nodes.
    store::write_transaction(&conn, |conn| {
        conn.execute_batch(
            "DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM mentions)
           AND id NOT IN (SELECT source_id FROM events) AND id NOT IN (SELECT target_id FROM events)",
        )?;
        Ok(())
    })?;
    if !args.quiet {
        eprintln!("rebuilt {total} articles: {events} events");
    }
    Ok(Outcome::Done)
}

/// Pages through the articles by id, extracting each page in parallel for the writer thread.
fn rebuild_all(
    conn: Connection,
    pages: &Connection,
    dicts: &Dictionaries,
    progress: &Progress,
) -> Result<(Connection, u64)> {
    let (tx, rx) = crossbeam_channel::bounded::<Vec<Redone>>(2);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || replace_all(conn, dicts, rx, progress));
        let mut after = 0;
        loop {
            let page = page_after(pages, after)?;
            let Some(last) = page.last().map(|p| p.0) else {
                break;
            };
            after = last;
            let redone: Vec<Redone> = page
                .into_par_iter()
                .map(|(id, text, date)| {
                    let ex = crate::extract::extract_dated(&text, dicts, date.as_deref());
                    (id, text, ex)
                })
                .collect();
            if tx.send(redone).is_err() {
                break; // the writer failed; its error is returned below
            }
        }
        drop(tx);
        writer.join().expect("the writer thread does not panic")
    })
}

/// Up to `PAGE` (id, cleaned text, date) rows with ids above `after`, in id order.
fn page_after(conn: &Connection, after: i64) -> Result<Vec<(i64, String, Option<String>)>> {
    let mut st = conn
        .prepare_cached("SELECT id, text, date FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2")?;
    let rows = st.query_map([after, PAGE], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The writer thread: replaces each article's rows, in id order.
fn replace_all(
    conn: Connection,
    dicts: &Dictionaries,
    rx: crossbeam_channel::Receiver<Vec<Redone>>,
    progress: &Progress,
) -> Result<(Connection, u64)> {
    let mut events = 0;
    {
        let mut writer = Writer::for_rebuild(&conn)?;
        writer.dictionaries(&dicts.sources)?;
        for (id, text, ex) in rx.iter().flatten() {
            events += ex.events.len() as u64;
            writer.replace(id, &text, &ex)?;
            progress.advance(1);
        }
        writer.finish()?;
    }
    Ok((conn, events))
}
