//! Graphviz DOT export that reads well from 10 to 500+ actors: node shape and fill by actor
//! type, edge colour by relation family with a legend, pen width by weight, and a layout
//! engine chosen by size (written into the file, so a plain `dot -Tsvg` does the right thing).
//! Every name goes through [`dot_string`], so quotes, backslashes, angle brackets, line breaks
//! and any script are safe.

use super::escape::dot_string;
use super::{family_colour, family_of};
use crate::graph::ActorGraph;
use crate::model::Family;
use anyhow::Result;
use std::io::Write;

/// Up to this many actors: `dot`, left to right, with edge labels.
const SMALL: usize = 60;
/// Up to this many: `neato`; above: `sfdp`, which scales to thousands.
const MEDIUM: usize = 300;

/// Writes the graph as DOT.
pub fn write<W: Write>(g: &ActorGraph, mut out: W) -> Result<()> {
    let n = g.node_count();
    writeln!(out, "digraph actorgraph {{")?;
    writeln!(out, "  graph [{}];", graph_attributes(n))?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=10, style=\"rounded,filled\", color=\"#5d6d7e\"];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.7];"
    )?;
    nodes(g, &mut out)?;
    edges(g, &mut out)?;
    legend(&mut out)?;
    writeln!(out, "}}")?;
    Ok(())
}

/// The engine and its settings for a graph of `n` actors.
fn graph_attributes(n: usize) -> &'static str {
    if n <= SMALL {
        "layout=dot, rankdir=LR, nodesep=0.4, ranksep=0.9, splines=true, fontname=\"Helvetica\", outputorder=edgesfirst"
    } else if n <= MEDIUM {
        "layout=neato, overlap=false, sep=\"+8\", splines=true, fontname=\"Helvetica\", outputorder=edgesfirst"
    } else {
        "layout=sfdp, overlap=false, splines=false, fontname=\"Helvetica\", outputorder=edgesfirst"
    }
}

fn nodes<W: Write>(g: &ActorGraph, out: &mut W) -> Result<()> {
    let big = g.node_count() > SMALL;
    let top = g
        .graph
        .node_weights()
        .map(|n| n.pagerank)
        .fold(f64::MIN_POSITIVE, f64::max);
    for n in g.graph.node_indices() {
        let node = &g.graph[n];
        let (shape, fill) = node_style(&node.row.kind);
        let tooltip = format!(
            "{} ({}, {}): {} mentions, {} links",
            node.row.name, node.row.kind, node.row.code, node.row.mentions, node.degree
        );
        // In a big graph the important actors are found by their size.
        let size = if big {
            format!(
                ", fontsize={:.1}",
                8.0 + 14.0 * (node.pagerank / top).sqrt()
            )
        } else {
            String::new()
        };
        writeln!(
            out,
            "  n{} [label={}, shape={shape}, fillcolor=\"{fill}\", tooltip={}{size}];",
            n.index(),
            dot_string(&node.row.name),
            dot_string(&tooltip)
        )?;
    }
    Ok(())
}

fn edges<W: Write>(g: &ActorGraph, out: &mut W) -> Result<()> {
    let labels = g.node_count() <= SMALL;
    for e in g.graph.edge_indices() {
        let (a, b) = g
            .graph
            .edge_endpoints(e)
            .expect("edge index from this graph");
        let edge = &g.graph[e];
        let family = family_of(edge.relation);
        let width = (1.0 + 1.5 * (edge.row.weight.max(1) as f64).log2()).min(8.0);
        let name = if edge.row.weight > 1 {
            format!("{} ×{}", edge.row.relation, edge.row.weight)
        } else {
            edge.row.relation.clone()
        };
        let tooltip = format!(
            "{} {} {} ({} events, {})",
            g.graph[a].row.name,
            name,
            g.graph[b].row.name,
            edge.row.weight,
            dates(
                edge.row.first_date.as_deref(),
                edge.row.last_date.as_deref()
            )
        );
        let label = if labels {
            format!("label={}, ", dot_string(&name))
        } else {
            String::new()
        };
        let style = if family == Family::Structural {
            ", style=dashed"
        } else {
            ""
        };
        writeln!(
            out,
            "  n{} -> n{} [{label}tooltip={}, color=\"{c}\", fontcolor=\"{c}\", penwidth={width:.2}{style}];",
            a.index(),
            b.index(),
            dot_string(&tooltip),
            c = family_colour(family)
        )?;
    }
    Ok(())
}

fn dates(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.to_string(),
        _ => "undated".to_string(),
    }
}

fn node_style(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "state" => ("box", "#d6eaf8"),
        "organization" => ("hexagon", "#e8daef"),
        "person" => ("ellipse", "#fdebd0"),
        _ => ("octagon", "#d5f5e3"),
    }
}

/// The legend: one plaintext node with an HTML table, which every engine draws (sfdp ignores
/// clusters). Its text is fixed, so it needs no escaping.
fn legend<W: Write>(out: &mut W) -> Result<()> {
    let families = [
        (Family::VerbalCooperation, "verbal cooperation (01-05)"),
        (Family::MaterialCooperation, "material cooperation (06-09)"),
        (Family::VerbalConflict, "verbal conflict (10-14)"),
        (Family::MaterialConflict, "material conflict (15-20)"),
        (Family::Structural, "member_of (dashed)"),
    ];
    let types = [
        ("state", "state (box)"),
        ("organization", "organization (hexagon)"),
        ("person", "person (ellipse)"),
        ("group", "group (octagon)"),
    ];
    write!(
        out,
        "  legend [shape=plaintext, style=\"\", fontsize=9, tooltip=\"Legend\", label=<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"2\"><tr><td colspan=\"2\"><b>Legend</b></td></tr>"
    )?;
    for (family, text) in families {
        write!(
            out,
            "<tr><td width=\"24\" height=\"4\" bgcolor=\"{}\"></td><td align=\"left\">{text}</td></tr>",
            family_colour(family)
        )?;
    }
    for (kind, text) in types {
        write!(
            out,
            "<tr><td width=\"24\" border=\"1\" bgcolor=\"{}\"></td><td align=\"left\">{text}</td></tr>",
            node_style(kind).1
        )?;
    }
    writeln!(out, "</table>>];")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::read::{EdgeRow, NodeRow};

    /// A ring of `n` actors with hostile names, each linked to the next.
    pub(crate) fn ring(n: usize) -> ActorGraph {
        let kinds = ["state", "organization", "person", "group"];
        let nodes = (0..n as i64)
            .map(|i| NodeRow {
                id: i + 1,
                name: format!("Actor \"{i}\" \\N <b>\nРоссия 中国 {}\\", '\u{7}'),
                code: format!("A{i}"),
                kind: kinds[i as usize % 4].into(),
                country: None,
                mentions: i,
            })
            .collect();
        let relations = ["demand", "consult", "fight", "member_of", "provide_aid"];
        let edges = (0..n as i64)
            .map(|i| EdgeRow {
                source: i + 1,
                target: (i + 1) % n as i64 + 1,
                relation: relations[i as usize % 5].into(),
                cameo: None,
                weight: i % 7 + 1,
                articles: 1,
                first_date: Some("2022-01-13".into()),
                last_date: None,
            })
            .collect();
        ActorGraph::build(nodes, edges)
    }

    fn render(g: &ActorGraph) {
        let mut dot = Vec::new();
        write(g, &mut dot).unwrap();
        let Ok(mut child) = std::process::Command::new("dot")
            .args(["-Tsvg", "-o", "/dev/null"])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
        else {
            assert!(
                std::env::var_os("CI").is_none(),
                "graphviz must be installed in CI"
            );
            return;
        };
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), &dot).unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && err.is_empty(), "{err}");
    }

    #[test]
    fn small_and_large_graphs_with_hostile_names_render_cleanly() {
        for n in [10, 120, 500] {
            render(&ring(n));
        }
    }

    #[test]
    fn engine_follows_size() {
        assert!(graph_attributes(10).contains("layout=dot"));
        assert!(graph_attributes(200).contains("layout=neato"));
        assert!(graph_attributes(500).contains("layout=sfdp"));
    }
}
