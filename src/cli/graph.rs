//! `actorgraph graph stats|path|neighbors|top`: questions answered on the selected graph.

use super::select::{self, SelectArgs, Selection};
use super::{Outcome, output};
use crate::graph::paths::{self, Hop};
use crate::graph::{ActorGraph, metrics};
use crate::store::{self, read};
use anyhow::{Result, bail};
use petgraph::graph::NodeIndex;
use rusqlite::Connection;
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// Analyse the graph: summary, shortest chains, neighbourhoods, rankings.
///
/// Actors are named by canonical name, code or any alias seen in the articles, in any case
/// ("moscow" finds Russia). The selection flags (--family, --since, ...) apply first.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "Examples:\n  actorgraph graph stats\n  actorgraph graph path Moscow \"European Union\"\n  actorgraph graph neighbors NATO --depth 2 --format csv\n  actorgraph graph top --by betweenness --family conflict"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: GraphCommand,
}

/// The graph questions.
#[derive(Debug, clap::Subcommand)]
pub enum GraphCommand {
    /// Nodes, edges, events, density, weakly connected components and the top actors.
    Stats(Common),
    /// The shortest chain of relations between two actors, with each link's evidence sentence.
    Path(PathArgs),
    /// The actors within --depth links of an actor, in either direction.
    Neighbors(NeighborsArgs),
    /// Actors ranked by PageRank, degree or betweenness.
    Top(TopArgs),
}

/// Output and selection, shared by the graph commands.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: OutFormat,
    #[command(flatten)]
    pub select: SelectArgs,
}

/// `graph path A B`.
#[derive(Debug, clap::Args)]
pub struct PathArgs {
    /// Where the chain starts.
    pub from: String,
    /// Where it ends.
    pub to: String,
    /// Follow each relation only from its source to its target.
    #[arg(long)]
    pub directed: bool,
    #[command(flatten)]
    pub common: Common,
}

/// `graph neighbors A`.
#[derive(Debug, clap::Args)]
pub struct NeighborsArgs {
    /// The actor at the centre.
    pub actor: String,
    /// How many links away to look.
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    #[command(flatten)]
    pub common: Common,
}

/// `graph top`.
#[derive(Debug, clap::Args)]
pub struct TopArgs {
    /// The measure to rank by.
    #[arg(long, value_enum, default_value = "pagerank")]
    pub by: Measure,
    /// How many actors to list.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub common: Common,
}

/// Rankings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    Pagerank,
    Degree,
    Betweenness,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    Table,
    Csv,
    Json,
}

/// Runs `graph`.
pub fn run(args: Args, db: &Path) -> Result<Outcome> {
    let conn = store::open_read_only(db)?;
    let (format, table) = match &args.command {
        GraphCommand::Stats(c) => (c.format, stats(&select::load(&conn, &c.select)?)),
        GraphCommand::Path(a) => (a.common.format, path(&conn, a)?),
        GraphCommand::Neighbors(a) => (a.common.format, neighbors(&conn, a)?),
        GraphCommand::Top(a) => (a.common.format, top(&conn, a)?),
    };
    let mut out = output::create(Path::new("-"))?;
    table.print(format, &mut out)?;
    out.flush()?;
    Ok(Outcome::Done)
}

/// Named columns of JSON values, printed as a table, CSV or JSON objects.
struct Table {
    columns: Vec<&'static str>,
    rows: Vec<Vec<Value>>,
    /// A line printed above the table (table format only).
    title: Option<String>,
}

impl Table {
    fn print(&self, format: OutFormat, out: &mut dyn Write) -> Result<()> {
        match format {
            OutFormat::Table => {
                if let Some(t) = &self.title {
                    writeln!(out, "{t}")?;
                }
                let mut t = comfy_table::Table::new();
                t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                    .set_header(&self.columns);
                for r in &self.rows {
                    t.add_row(r.iter().map(cell));
                }
                writeln!(out, "{t}")?;
            }
            OutFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&self.columns)?;
                for r in &self.rows {
                    w.write_record(r.iter().map(cell))?;
                }
                w.flush()?;
            }
            OutFormat::Json => {
                let objects: Vec<serde_json::Map<String, Value>> = self
                    .rows
                    .iter()
                    .map(|r| {
                        self.columns
                            .iter()
                            .map(|c| c.to_string())
                            .zip(r.iter().cloned())
                            .collect()
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut *out, &objects)
                    .map_err(crate::export::json::io_error)?;
                writeln!(out)?;
            }
        }
        Ok(())
    }
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => format!("{f:.6}"),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

fn stats(sel: &Selection) -> Table {
    let g = &sel.graph;
    let s = metrics::stats(g);
    let ranks: Vec<f64> = g.graph.node_weights().map(|n| n.pagerank).collect();
    let top: Vec<&str> = metrics::ranked(g, &ranks, 5)
        .into_iter()
        .map(|n| g.graph[n].row.name.as_str())
        .collect();
    let rows = vec![
        vec![json!("nodes"), json!(s.nodes)],
        vec![json!("edges"), json!(s.edges)],
        vec![json!("events"), json!(s.events)],
        vec![json!("density"), json!(s.density)],
        vec![json!("components"), json!(s.components)],
        vec![json!("largest_component"), json!(s.largest_component)],
        vec![json!("top_pagerank"), json!(top.join("; "))],
    ];
    Table {
        columns: vec!["measure", "value"],
        rows,
        title: None,
    }
}

/// Resolves an actor argument to its node in the selected graph.
fn node_of(sel: &Selection, name: &str) -> Result<NodeIndex> {
    let id = sel.actors.resolve(name)?;
    match sel.graph.node(id) {
        Some(n) => Ok(n),
        None => bail!(
            "`{name}` has no relations in the selected graph: widen the selection (--family, --since, --until, --type, --min-weight)"
        ),
    }
}

fn path(conn: &Connection, a: &PathArgs) -> Result<Table> {
    let sel = select::load(conn, &a.common.select)?;
    let (from, to) = (node_of(&sel, &a.from)?, node_of(&sel, &a.to)?);
    let g = &sel.graph;
    let Some(hops) = paths::shortest_path(g, from, to, a.directed) else {
        let hint = if a.directed {
            ": try without --directed"
        } else {
            ""
        };
        bail!(
            "no chain of relations links {} and {} in the selected graph{hint}",
            g.graph[from].row.name,
            g.graph[to].row.name
        );
    };
    let mut rows = Vec::new();
    for (i, hop) in hops.iter().enumerate() {
        let r = &g.graph[hop.edge].row;
        let ev = read::edge_evidence(conn, (r.source, r.target), &r.relation, &sel.dates, 1)?;
        let ev = ev.first();
        rows.push(vec![
            json!(i + 1),
            json!(name(g, r.source)),
            json!(r.relation),
            json!(name(g, r.target)),
            json!(r.weight),
            json!(ev.map(|e| &e.article)),
            json!(ev.map(|e| e.sentence)),
            json!(ev.map(|e| &e.evidence)),
        ]);
    }
    let chain = chain_title(g, from, &hops);
    Ok(Table {
        columns: vec![
            "hop", "source", "relation", "target", "weight", "article", "sentence", "evidence",
        ],
        rows,
        title: Some(chain),
    })
}

fn name(g: &ActorGraph, actor_id: i64) -> &str {
    g.node(actor_id)
        .map_or("?", |n| g.graph[n].row.name.as_str())
}

/// "Russia -demand-> NATO <-consult- France".
fn chain_title(g: &ActorGraph, from: NodeIndex, hops: &[Hop]) -> String {
    let mut title = g.graph[from].row.name.clone();
    let mut at = from;
    for h in hops {
        let (s, t) = g
            .graph
            .edge_endpoints(h.edge)
            .expect("edge index from this graph");
        let next = if s == at { t } else { s };
        let rel = &g.graph[h.edge].row.relation;
        let link = if h.forward {
            format!(" -{rel}-> ")
        } else {
            format!(" <-{rel}- ")
        };
        title.push_str(&link);
        title.push_str(&g.graph[next].row.name);
        at = next;
    }
    title
}

fn neighbors(conn: &Connection, a: &NeighborsArgs) -> Result<Table> {
    let sel = select::load(conn, &a.common.select)?;
    let centre = node_of(&sel, &a.actor)?;
    let g = &sel.graph;
    let rows = paths::neighbourhood(g, centre, a.depth)
        .into_iter()
        .map(|r| {
            let n = &g.graph[r.node];
            let links: Vec<String> = paths::links_between(g, r.parent, r.node)
                .into_iter()
                .map(|h| {
                    let e = &g.graph[h.edge].row;
                    let times = if e.weight > 1 {
                        format!(" ×{}", e.weight)
                    } else {
                        String::new()
                    };
                    let arrow = if h.forward { "->" } else { "<-" };
                    format!("{arrow} {}{times}", e.relation)
                })
                .collect();
            vec![
                json!(r.hops),
                json!(n.row.name),
                json!(n.row.kind),
                json!(n.row.code),
                json!(g.graph[r.parent].row.name),
                json!(links.join("; ")),
            ]
        })
        .collect();
    Ok(Table {
        columns: vec!["hops", "actor", "type", "code", "via", "relations"],
        rows,
        title: Some(format!(
            "{} and its neighbours to depth {}",
            g.graph[centre].row.name, a.depth
        )),
    })
}

fn top(conn: &Connection, a: &TopArgs) -> Result<Table> {
    let sel = select::load(conn, &a.common.select)?;
    let g = &sel.graph;
    let scores: Vec<f64> = match a.by {
        Measure::Pagerank => g.graph.node_weights().map(|n| n.pagerank).collect(),
        Measure::Degree => g.graph.node_weights().map(|n| n.degree as f64).collect(),
        Measure::Betweenness => metrics::betweenness(g),
    };
    let rows = metrics::ranked(g, &scores, a.limit)
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let node = &g.graph[n];
            let score = match a.by {
                Measure::Degree => json!(node.degree),
                _ => json!(scores[n.index()]),
            };
            vec![
                json!(i + 1),
                json!(node.row.name),
                json!(node.row.kind),
                json!(node.row.code),
                score,
            ]
        })
        .collect();
    let by = match a.by {
        Measure::Pagerank => "pagerank",
        Measure::Degree => "degree",
        Measure::Betweenness => "betweenness",
    };
    Ok(Table {
        columns: vec!["rank", "actor", "type", "code", by],
        rows,
        title: None,
    })
}
