//! `actorgraph ingest PATH...`: read → clean → extract → store, with a summary at the end.

use super::Outcome;
use crate::dict::Dictionaries;
use crate::store::{self, Inserted, Writer};
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Load articles from files, folders (recursively) or `-` (stdin).
///
/// Reads .txt/.md (one article per file), .jsonl/.ndjson (one object per line), .json (an
/// object or an array) and .csv (one row per article, with a header). Re-ingesting the same
/// text adds nothing. Bad records are reported with file and line and skipped; the exit
/// status is then 1.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph ingest examples/articles\n  actorgraph ingest news.jsonl --actors my_actors.csv\n  cat story.txt | actorgraph ingest -"
)]
pub struct Args {
    /// Files, folders or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// An actor dictionary merged over the built-in one: contract CSV
    /// (name,code,type,country,aliases) or PETRARCH actor file (repeatable).
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// A PETRARCH agent file: role words that qualify actor codes (repeatable).
    #[arg(long = "agents", value_name = "FILE")]
    pub agents: Vec<PathBuf>,
    /// Relation triggers (phrase,relation[,notes]) merged over the built-in ones (repeatable).
    #[arg(long = "relations", value_name = "FILE.csv")]
    pub relations: Vec<PathBuf>,
    /// Print nothing but errors.
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
    pub skipped: u64,
    pub events: u64,
}

/// Runs `ingest`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let started = Instant::now();
    let dicts = super::dict::load_for_ingest(db, &args.actors, &args.agents, &args.relations)?;
    let conn = store::open(db)?;
    let summary = ingest_paths(&conn, &dicts, &args.paths, args.strict)?;
    if args.strict && summary.skipped > 0 {
        anyhow::bail!("--strict: stopped at the first bad record (reported above)");
    }
    if !args.quiet {
        report(&conn, &summary, started)?;
    }
    Ok(if summary.skipped > 0 {
        Outcome::Skipped
    } else {
        Outcome::Done
    })
}

/// Ingests every record under `paths` into `conn`; bad records are reported on stderr (with
/// `strict`, the first one ends the run; what came before it is kept).
pub fn ingest_paths(
    conn: &rusqlite::Connection,
    dicts: &Dictionaries,
    paths: &[String],
    strict: bool,
) -> Result<Summary> {
    let mut writer = Writer::new(conn)?;
    writer.dictionaries(&dicts.sources)?;
    let mut summary = Summary::default();
    let mut fatal = None;
    crate::read::read_paths(paths, &mut |record| {
        if fatal.is_some() || (strict && summary.skipped > 0) {
            return;
        }
        match record {
            Ok((origin, raw)) => {
                let text = crate::clean::clean(&raw.text);
                if text.is_empty() {
                    eprintln!(
                        "actorgraph: {origin}: nothing left after removing page furniture: skipped"
                    );
                    summary.skipped += 1;
                    return;
                }
                let ex = crate::extract::extract(&text, dicts);
                match writer.article(&origin, &raw, &text, &ex) {
                    Ok(Inserted::Added(_)) => {
                        summary.added += 1;
                        summary.events += ex.events.len() as u64;
                    }
                    Ok(Inserted::Duplicate(_)) => summary.duplicates += 1,
                    Err(e) => {
                        fatal = Some(e.context(format!("{origin}: cannot store the article")))
                    }
                }
            }
            Err(e) => {
                eprintln!("actorgraph: {e}");
                summary.skipped += 1;
            }
        }
    });
    if let Some(e) = fatal {
        return Err(e);
    }
    writer.finish()?;
    Ok(summary)
}

fn report(conn: &rusqlite::Connection, s: &Summary, started: Instant) -> Result<()> {
    let (actors, events): (i64, i64) = conn.query_row(
        "SELECT (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM events)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{} added, {} already stored (same text), {} skipped; {} new events; database: {actors} actors, {events} events; {secs:.2}s",
        plural(s.added, "article"),
        s.duplicates,
        s.skipped,
        s.events
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
