//! `actorgraph search "TEXT"`: full-text search over the stored sentences.

use super::color::{self, ColorChoice};
use super::progress::Progress;
use super::{Outcome, output};
use crate::store::{self, search::Hit};
use anyhow::{Context, Result};
use rusqlite::Connection;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Find sentences by their words (SQLite FTS5) and show each with its article, date and
/// the events extracted from it.
///
/// Words are matched after stemming ("threaten" finds "threatened", "threatens"), all of
/// them by default. FTS5 syntax works too: "a phrase", OR, NOT, NEAR(a b, 5), prefix*. Text
/// that is not valid FTS5 syntax (U.S., Serbia-Kosovo) is searched as plain words.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph search ultimatum\n  actorgraph search '\"military exercises\"'\n  actorgraph search 'sanction* AND Taiwan'\n  actorgraph search 'NEAR(Russia NATO, 5)' --limit 50"
)]
pub struct Args {
    /// The words to find (FTS5 query syntax allowed).
    pub text: String,
    /// Show at most this many sentences, best matches first.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Colour matches and names: auto (on a terminal), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Runs `search`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let conn = open(db)?;
    let on = args.color.enabled();
    let marks = if on {
        (color::TRIGGER, color::RESET)
    } else {
        ("", "")
    };
    let (total, hits) = find(&conn, &args.text, args.limit, marks)?;
    let mut out = output::create(Path::new("-"))?;
    for hit in &hits {
        print_hit(&conn, hit, on, &mut out)?;
    }
    let shown = if hits.len() < total as usize {
        format!(" ({} shown; --limit to see more)", hits.len())
    } else {
        String::new()
    };
    match total {
        0 => writeln!(out, "no sentence matches {:?}", args.text)?,
        1 => writeln!(out, "1 matching sentence")?,
        n => writeln!(out, "{n} matching sentences{shown}")?,
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// How long `search` waits for its turn to index new sentences while another process writes
/// before it searches the index as it is. A running load leaves the lock free every second;
/// a writer that keeps it longer (an open transaction in a `sqlite3` shell) should not hold
/// a search for the ten minutes a load would wait.
const INDEX_WAIT: Duration = Duration::from_secs(10);

/// Opens read-only, after bringing the schema and the full-text index up to date (which
/// needs write access once after an ingest; on a read-only file the index may lag).
fn open(db: &Path) -> Result<Connection> {
    let conn = store::open_read_only(db)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version >= store::LATEST_VERSION && store::search::up_to_date(&conn)? {
        return Ok(conn);
    }
    drop(conn);
    // After a large load this is the whole corpus's sentences (11-13 s at 100,000 articles).
    let spinner = Progress::step("indexing the new sentences for search (once after each ingest)");
    let indexed = store::open(db).and_then(|rw| store::search::index_pending(&rw, INDEX_WAIT));
    spinner.finish();
    match indexed {
        // The notice before it said how long it waited.
        Err(e) if store::is_locked(&e) => eprintln!(
            "actorgraph: warning: {}: another process kept it locked, so the search index may miss recent articles",
            db.display()
        ),
        Err(e) => eprintln!(
            "actorgraph: warning: the search index may miss recent articles: indexing them needs to write {}: {e:#}",
            db.display()
        ),
        Ok(_) => {}
    }
    store::open_read_only(db)
}

/// Runs the query as FTS5 syntax, or, if that does not parse, as quoted words.
fn find(
    conn: &Connection,
    text: &str,
    limit: usize,
    marks: (&str, &str),
) -> Result<(i64, Vec<Hit>)> {
    match store::search::sentences(conn, text, limit, marks) {
        Ok(found) => Ok(found),
        Err(_) => store::search::sentences(conn, &as_words(text), limit, marks)
            .with_context(|| format!("cannot search for {text:?}")),
    }
}

/// Each whitespace-separated word as an FTS5 string, so punctuation is no syntax.
fn as_words(text: &str) -> String {
    text.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn print_hit(conn: &Connection, hit: &Hit, on: bool, out: &mut dyn Write) -> Result<()> {
    let head = format!("{}  sentence {}", hit.article, hit.sentence);
    let date = hit.date.as_deref().unwrap_or("undated");
    writeln!(
        out,
        "{}  {}",
        color::paint(on, color::BOLD, &head),
        color::paint(on, color::DIM, date)
    )?;
    writeln!(out, "  {}", hit.marked)?;
    for e in store::search::events_of(conn, hit.article_id, Some(hit.sentence))? {
        let why = format!("({} \"{}\", {:.2})", e.rule, e.trigger, e.confidence);
        writeln!(
            out,
            "  -> {} {} {}  {}",
            color::paint(on, color::ACTOR, &e.source),
            e.relation,
            color::paint(on, color::ACTOR, &e.target),
            color::paint(on, color::DIM, &why)
        )?;
    }
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_becomes_quoted_words() {
        assert_eq!(as_words("U.S. \"sanctions\""), r#""U.S." """sanctions""""#);
    }
}
