//! `actorgraph rebuild`: re-extract every stored article with the current dictionaries.

use super::Outcome;
use crate::store::{self, Writer};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Re-run extraction over every stored article (after a dictionary or code change).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// An actor dictionary (CSV or PETRARCH) merged over the built-in one (repeatable).
    /// Without any dictionary flag, the dictionaries the last ingest or rebuild used.
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// A PETRARCH agent file (repeatable).
    #[arg(long = "agents", value_name = "FILE")]
    pub agents: Vec<PathBuf>,
    /// Relation triggers (phrase,relation[,notes]) merged over the built-in ones (repeatable).
    #[arg(long = "relations", value_name = "FILE.csv")]
    pub relations: Vec<PathBuf>,
    /// Use only the built-in dictionaries, forgetting the recorded ones.
    #[arg(long, conflicts_with_all = ["actors", "agents", "relations"])]
    pub builtin: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `rebuild`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let flags = (&args.actors[..], &args.agents[..], &args.relations[..]);
    let dicts = super::dict::load_for_rebuild(db, flags, args.builtin)?;
    let conn = store::open(db)?;
    let articles = store::read::article_texts(&conn)?;
    let mut writer = Writer::new(&conn)?;
    writer.dictionaries(&dicts.sources)?;
    let mut events = 0;
    for (id, text) in &articles {
        let ex = crate::extract::extract(text, &dicts);
        events += ex.events.len();
        writer.replace(*id, text, &ex)?;
    }
    writer.finish()?;
    // Actors no event or mention uses any more would linger as empty nodes.
    conn.execute_batch(
        "DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM mentions)
           AND id NOT IN (SELECT source_id FROM events) AND id NOT IN (SELECT target_id FROM events)",
    )?;
    if !args.quiet {
        eprintln!("rebuilt {} articles: {events} events", articles.len());
    }
    Ok(Outcome::Done)
}
