//! `actorgraph stats`: the database at a glance.

use super::{Outcome, output};
use crate::store::{self, search::Tally};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

/// Show the database at a glance: counts, articles by month, top actors, events by
/// relation, and the dictionaries in force.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph stats\n  actorgraph stats --top 25\n  actorgraph --db news.db stats | less"
)]
pub struct Args {
    /// How many actors to list (by number of events they take part in).
    #[arg(long, default_value_t = 10)]
    pub top: usize,
}

/// Runs `stats`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let conn = store::open_read_only(db)?;
    let s = store::search::stats(&conn, args.top)?;
    let mut out = output::create(Path::new("-"))?;
    writeln!(
        out,
        "{}: {} articles, {} sentences, {} actors, {} events",
        db.display(),
        s.articles,
        s.sentences,
        s.actors,
        s.events
    )?;
    section(&mut out, "Articles by month", &s.by_month)?;
    section(
        &mut out,
        &format!("Top {} actors (events as source or target)", args.top),
        &s.top_actors,
    )?;
    section(&mut out, "Events by relation", &s.by_relation)?;
    writeln!(out, "\nDictionaries in force")?;
    if s.dictionaries.is_empty() {
        writeln!(out, "  (none recorded)")?;
    }
    let width = s
        .dictionaries
        .iter()
        .map(|d| d.name.len())
        .max()
        .unwrap_or(0);
    for d in &s.dictionaries {
        writeln!(
            out,
            "  {:<width$}  {:>7} entries  {}  loaded {}",
            d.name, d.entries, d.fingerprint, d.loaded_at
        )?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// A heading and its rows, labels left-aligned and counts right-aligned.
fn section(out: &mut dyn Write, title: &str, rows: &[Tally]) -> Result<()> {
    writeln!(out, "\n{title}")?;
    if rows.is_empty() {
        writeln!(out, "  (none)")?;
    }
    let width = rows
        .iter()
        .map(|t| t.label.chars().count())
        .max()
        .unwrap_or(0);
    let digits = rows
        .iter()
        .map(|t| t.count.to_string().len())
        .max()
        .unwrap_or(0);
    for t in rows {
        writeln!(out, "  {:<width$}  {:>digits$}", t.label, t.count)?;
    }
    Ok(())
}
