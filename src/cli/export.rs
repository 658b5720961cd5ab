//! `actorgraph export --format csv|dot|graphml|json|html|neo4j --out PATH [selection]`.

use super::select::{self, SelectArgs, Selection};
use super::{Outcome, output};
use crate::export;
use crate::store::{self, read};
use anyhow::{Result, bail};
use rusqlite::Connection;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write the graph for other tools.
///
/// `csv` writes nodes.csv, edges.csv and events.csv into the --out folder (Gephi's
/// spreadsheet import reads them); `dot` (Graphviz), `graphml` (NetworkX, Gephi), `json`
/// (d3, NetworkX node-link, Cytoscape) and `html` (a self-contained interactive view) write
/// one file, `-` for stdout; `neo4j` writes actors.csv and relations.csv into the --out
/// folder for `neo4j-admin database import full`. The selection flags apply to every format.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph export --format csv --out exports/\n  actorgraph export --format dot --out - | dot -Tsvg > graph.svg\n  actorgraph export --format graphml --out graph.graphml --family conflict --since 2022-01\n  actorgraph export --format html --out graph.html --around Moscow --hops 2"
)]
pub struct Args {
    /// Output format.
    #[arg(long, short, value_enum, default_value = "csv")]
    pub format: Format,
    /// Output folder (csv) or file; `-` writes a single-file format to stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// html: evidence sentences kept per edge.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub evidence: usize,
    #[command(flatten)]
    pub select: SelectArgs,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Dot,
    Graphml,
    Json,
    Html,
    /// actors.csv and relations.csv for `neo4j-admin database import full`.
    Neo4j,
}

impl Format {
    fn default_file(self) -> &'static str {
        match self {
            Format::Csv => "exports",
            Format::Dot => "exports/graph.dot",
            Format::Graphml => "exports/graph.graphml",
            Format::Json => "exports/graph.json",
            Format::Html => "exports/graph.html",
            Format::Neo4j => "exports/neo4j",
        }
    }
}

/// The number of edges the HTML view handles without lag.
const HTML_COMFORT: usize = 5000;

/// Runs `export`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let conn = store::open_read_only(db)?;
    let sel = select::load(&conn, &args.select)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(args.format.default_file()));
    if args.format == Format::Csv {
        return write_csv(&conn, &sel, &out);
    }
    if args.format == Format::Neo4j {
        return write_neo4j(&sel, &out);
    }
    let mut w = output::create(&out)?;
    let g = &sel.graph;
    match args.format {
        Format::Dot => export::dot::write(g, &mut w)?,
        Format::Graphml => export::graphml::write(g, &mut w)?,
        Format::Json => export::json::write(g, &mut w)?,
        Format::Html => {
            if g.edge_count() > HTML_COMFORT {
                eprintln!(
                    "note: {} edges is more than a browser draws smoothly (about {HTML_COMFORT}): narrow the graph with --min-weight, --family, --type or --around",
                    g.edge_count()
                );
            }
            let mut evidence = export::Evidence::new(args.evidence);
            for_selected_events(&conn, &sel, &mut |ends, row| {
                evidence.add(ends, row);
                Ok(())
            })?;
            export::html::write(g, &evidence, &mut w)?;
        }
        Format::Csv | Format::Neo4j => unreachable!("handled above"),
    }
    w.flush()?;
    if out.as_os_str() != "-" {
        eprintln!(
            "wrote {}: {} nodes, {} edges",
            out.display(),
            g.node_count(),
            g.edge_count()
        );
    }
    Ok(Outcome::Done)
}

fn write_csv(conn: &Connection, sel: &Selection, dir: &Path) -> Result<Outcome> {
    if dir.as_os_str() == "-" {
        bail!("--format csv writes three files: give --out a folder");
    }
    std::fs::create_dir_all(dir)?;
    let g = &sel.graph;
    export::csv::write_nodes(g, output::create(&dir.join("nodes.csv"))?)?;
    export::csv::write_edges(g, output::create(&dir.join("edges.csv"))?)?;
    let mut events = export::csv::EventWriter::new(output::create(&dir.join("events.csv"))?)?;
    for_selected_events(conn, sel, &mut |_, row| events.write(&row))?;
    events.finish()?;
    eprintln!(
        "wrote {}/{{nodes,edges,events}}.csv: {} nodes, {} edges",
        dir.display(),
        g.node_count(),
        g.edge_count()
    );
    Ok(Outcome::Done)
}

fn write_neo4j(sel: &Selection, dir: &Path) -> Result<Outcome> {
    if dir.as_os_str() == "-" {
        bail!("--format neo4j writes two files: give --out a folder");
    }
    std::fs::create_dir_all(dir)?;
    let g = &sel.graph;
    export::neo4j::write_nodes(g, output::create(&dir.join("actors.csv"))?)?;
    export::neo4j::write_relationships(g, output::create(&dir.join("relations.csv"))?)?;
    eprintln!(
        "wrote {}/{{actors,relations}}.csv: {} nodes, {} relationships; load with: neo4j-admin database import full neo4j --nodes={0}/actors.csv --relationships={0}/relations.csv --overwrite-destination",
        dir.display(),
        g.node_count(),
        g.edge_count()
    );
    Ok(Outcome::Done)
}

/// Streams the events behind the selected graph's edges.
fn for_selected_events(
    conn: &Connection,
    sel: &Selection,
    sink: &mut dyn FnMut(read::Endpoints, read::EventRow) -> Result<()>,
) -> Result<()> {
    if sel.everything {
        return read::events_in(conn, &sel.dates, sink);
    }
    let kept: HashSet<(i64, i64, &str)> = sel
        .graph
        .graph
        .edge_weights()
        .map(|e| (e.row.source, e.row.target, e.row.relation.as_str()))
        .collect();
    read::events_in(conn, &sel.dates, &mut |ends, row| {
        if kept.contains(&(ends.0, ends.1, row.relation.as_str())) {
            sink(ends, row)
        } else {
            Ok(())
        }
    })
}
