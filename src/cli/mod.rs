//! Command-line interface: the clap definitions and the dispatch to one file per command.

mod chunks;
mod color;
mod completions;
mod dict;
mod eval;
mod export;
mod extract;
mod graph;
mod ingest;
mod known;
mod load;
mod man;
mod output;
mod progress;
mod query;
mod rebuild;
mod render;
mod search;
mod select;
mod show;
mod stats;
mod threads;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Turn news articles into a queryable graph of who does what to whom.
///
/// Articles go into a SQLite database (`--db`); actors and CAMEO relations are extracted on
/// the way in; `export` writes the graph for Gephi, Graphviz, NetworkX; `query` runs SQL.
#[derive(Debug, Parser)]
#[command(name = "actorgraph", version, propagate_version = true)]
#[command(
    after_long_help = "Examples:\n  actorgraph ingest examples/articles\n  actorgraph stats\n  actorgraph search ultimatum\n  actorgraph show 01_baltic_talks\n  actorgraph query \"SELECT source, relation, target FROM v_events\"\n  actorgraph export --format dot --out exports/graph.dot && dot -Tsvg exports/graph.dot > graph.svg"
)]
pub struct Cli {
    /// The SQLite database file.
    #[arg(
        long,
        global = true,
        env = "ACTORGRAPH_DB",
        default_value = "actorgraph.db"
    )]
    pub db: PathBuf,
    /// Log what happens to stderr: -v for steps, -vv for details.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load articles, clean them, extract actors and relations, and store everything.
    Ingest(ingest::Args),
    /// Extract to JSON Lines on stdout without a database: a map stage for Spark or Hadoop.
    Extract(extract::Args),
    /// Store records written by `extract` (dedupe and all-or-nothing as in `ingest`).
    Load(load::Args),
    /// Re-run extraction over every stored article (after a dictionary or code change).
    #[command(
        after_long_help = "Examples:\n  actorgraph rebuild\n  actorgraph rebuild --actors my_actors.csv\n  actorgraph --db news.db rebuild --quiet"
    )]
    Rebuild(rebuild::Args),
    /// Write the graph as CSV (nodes, edges, events), Graphviz DOT, GraphML, JSON or HTML.
    Export(export::Args),
    /// Analyse the graph: stats, shortest path, neighbours, top actors.
    Graph(graph::Args),
    /// Draw the graph to an SVG, PNG or PDF image with Graphviz.
    Render(render::Args),
    /// Run SQL against the database (read-only unless --write).
    Query(query::Args),
    /// Score extraction against a gold JSON Lines file: precision, recall, F1.
    Eval(eval::Args),
    /// Inspect dictionaries: list those in force, show how a name resolves, check a file.
    Dict(dict::Args),
    /// The database at a glance: articles by month, top actors, events by relation, dictionaries.
    Stats(stats::Args),
    /// Full-text search over sentences, each hit with its article, date and events.
    Search(search::Args),
    /// One article with actors and triggers marked, then its events and the rule behind each.
    Show(show::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the manual page (roff).
    #[command(hide = true)]
    Man(man::Args),
}

/// Logging to stderr at the level the -v flags ask for (off without them).
fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => log::LevelFilter::Off,
        1 => log::LevelFilter::Info,
        _ => log::LevelFilter::Debug,
    };
    let _ = env_logger::Builder::new()
        .filter_module("actorgraph", level)
        .target(env_logger::Target::Stderr)
        .try_init();
}

/// How a command finished, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went through: exit 0.
    Done,
    /// Finished, but some input records were skipped: exit 1.
    Skipped,
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    init_logging(cli.verbose);
    log::debug!("database: {}", cli.db.display());
    let outcome = match cli.command {
        Command::Ingest(a) => ingest::run(a, &cli.db),
        Command::Extract(a) => extract::run(a),
        Command::Load(a) => load::run(a, &cli.db),
        Command::Rebuild(a) => rebuild::run(a, &cli.db),
        Command::Export(a) => export::run(a, &cli.db),
        Command::Graph(a) => graph::run(a, &cli.db),
        Command::Render(a) => render::run(a, &cli.db),
        Command::Query(a) => query::run(a, &cli.db),
        Command::Eval(a) => eval::run(a),
        Command::Dict(a) => dict::run(a, &cli.db),
        Command::Stats(a) => stats::run(a, &cli.db),
        Command::Search(a) => search::run(a, &cli.db),
        Command::Show(a) => show::run(a, &cli.db),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(a),
    };
    // Every connection is closed by now; read-only ones leave empty WAL files behind.
    crate::store::tidy(&cli.db);
    outcome
}
