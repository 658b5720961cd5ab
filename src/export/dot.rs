//! Graphviz DOT export: node shape by actor type, edge colour by relation family with a
//! legend, pen width by weight, labels escaped for any name.

use super::escape::dot_string;
use super::{family_colour, family_of};
use crate::graph::ActorGraph;
use crate::model::Family;
use anyhow::Result;
use std::io::Write;

/// Writes the graph as DOT.
pub fn write<W: Write>(g: &ActorGraph, mut out: W) -> Result<()> {
    let big = g.node_count() > 60;
    writeln!(out, "digraph actorgraph {{")?;
    writeln!(
        out,
        "  graph [fontname=\"Helvetica\", fontsize=11, {}, overlap=false, splines=true, outputorder=edgesfirst];",
        if big {
            "layout=neato, sep=\"+12\""
        } else {
            "rankdir=LR, nodesep=0.4, ranksep=0.9"
        }
    )?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#f4f6f7\", color=\"#5d6d7e\"];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.7];"
    )?;
    for n in g.graph.node_indices() {
        let node = &g.graph[n];
        let (shape, fill) = node_style(&node.row.kind);
        let tooltip = format!(
            "{} ({}, {}) mentions: {}",
            node.row.name, node.row.kind, node.row.code, node.row.mentions
        );
        writeln!(
            out,
            "  n{} [label={}, shape={shape}, fillcolor=\"{fill}\", tooltip={}];",
            n.index(),
            dot_string(&node.row.name),
            dot_string(&tooltip)
        )?;
    }
    for e in g.graph.edge_indices() {
        let (a, b) = g
            .graph
            .edge_endpoints(e)
            .expect("edge index from this graph");
        let edge = &g.graph[e];
        let family = family_of(edge.relation);
        let width = 1.0 + (edge.row.weight as f64).ln() * 0.8;
        let label = if edge.row.weight > 1 {
            format!("{} ×{}", edge.row.relation, edge.row.weight)
        } else {
            edge.row.relation.clone()
        };
        let style = if family == Family::Structural {
            ", style=dashed"
        } else {
            ""
        };
        writeln!(
            out,
            "  n{} -> n{} [label={}, color=\"{c}\", fontcolor=\"{c}\", penwidth={width:.2}{style}];",
            a.index(),
            b.index(),
            dot_string(&label),
            c = family_colour(family)
        )?;
    }
    legend(&mut out)?;
    writeln!(out, "}}")?;
    Ok(())
}

fn node_style(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "state" => ("box", "#d6eaf8"),
        "organization" => ("hexagon", "#e8daef"),
        "person" => ("ellipse", "#fdebd0"),
        _ => ("octagon", "#d5f5e3"),
    }
}

/// A small legend cluster: one coloured edge per relation family.
fn legend<W: Write>(out: &mut W) -> Result<()> {
    let families = [
        (Family::VerbalCooperation, "verbal cooperation (01-05)"),
        (Family::MaterialCooperation, "material cooperation (06-09)"),
        (Family::VerbalConflict, "verbal conflict (10-14)"),
        (Family::MaterialConflict, "material conflict (15-20)"),
        (Family::Structural, "member_of"),
    ];
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(
        out,
        "    label=\"Legend\"; fontsize=10; color=\"#bbbbbb\"; style=rounded;"
    )?;
    writeln!(
        out,
        "    node [shape=plaintext, style=\"\", fontsize=9, label=\"\", width=0.2, height=0.2];"
    )?;
    for (i, (family, text)) in families.iter().enumerate() {
        let style = if *family == Family::Structural {
            ", style=dashed"
        } else {
            ""
        };
        writeln!(
            out,
            "    legend_a{i}; legend_b{i} [label={}];",
            dot_string(text)
        )?;
        writeln!(
            out,
            "    legend_a{i} -> legend_b{i} [color=\"{}\"{style}];",
            family_colour(*family)
        )?;
    }
    writeln!(out, "  }}")?;
    Ok(())
}
