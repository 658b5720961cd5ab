//! `actorgraph export --format csv|dot --out PATH`.

use super::{Outcome, output};
use crate::export;
use crate::graph::ActorGraph;
use crate::store;
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// Write the graph for other tools.
///
/// `csv` writes nodes.csv, edges.csv and events.csv into the --out folder (Gephi's
/// spreadsheet import reads them); `dot` writes one Graphviz file (`-` for stdout).
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph export --format csv --out exports/\n  actorgraph export --format dot --out - | dot -Tsvg > graph.svg"
)]
pub struct Args {
    /// Output format.
    #[arg(long, short, value_enum, default_value = "csv")]
    pub format: Format,
    /// Output folder (csv) or file (dot); `-` writes a single-file format to stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Dot,
}

/// Runs `export`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let conn = store::open_read_only(db)?;
    let graph = ActorGraph::build(store::read::nodes(&conn)?, store::read::edges(&conn)?);
    match args.format {
        Format::Csv => {
            let dir = args.out.unwrap_or_else(|| PathBuf::from("exports"));
            if dir.as_os_str() == "-" {
                bail!("--format csv writes three files: give --out a folder");
            }
            std::fs::create_dir_all(&dir)?;
            export::csv::write_nodes(&graph, output::create(&dir.join("nodes.csv"))?)?;
            export::csv::write_edges(&graph, output::create(&dir.join("edges.csv"))?)?;
            let mut events =
                export::csv::EventWriter::new(output::create(&dir.join("events.csv"))?)?;
            store::read::events(&conn, &mut |row| events.write(&row))?;
            events.finish()?;
            eprintln!(
                "wrote {}/{{nodes,edges,events}}.csv: {} nodes, {} edges",
                dir.display(),
                graph.node_count(),
                graph.edge_count()
            );
        }
        Format::Dot => {
            let out = args
                .out
                .unwrap_or_else(|| PathBuf::from("exports/graph.dot"));
            let mut w = output::create(&out)?;
            export::dot::write(&graph, &mut w)?;
            w.flush()?;
            if out.as_os_str() != "-" {
                eprintln!(
                    "wrote {}: {} nodes, {} edges",
                    out.display(),
                    graph.node_count(),
                    graph.edge_count()
                );
            }
        }
    }
    Ok(Outcome::Done)
}
