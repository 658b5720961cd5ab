//! GraphML export: a directed multigraph with typed attributes that NetworkX's `read_graphml`
//! and Gephi load as they stand. Key ids are unique across the file, edge ids are unique (so
//! parallel edges are not collapsed), every value is XML-escaped with forbidden control
//! characters removed, and missing values are left out rather than written empty.

use super::escape::xml_text;
use super::family_of;
use crate::graph::ActorGraph;
use anyhow::Result;
use std::io::Write;

/// (key id, for, attr.name, attr.type): the schema written at the top of the file.
const KEYS: [(&str, &str, &str, &str); 17] = [
    ("n_label", "node", "label", "string"),
    ("n_type", "node", "type", "string"),
    ("n_code", "node", "code", "string"),
    ("n_country", "node", "country", "string"),
    ("n_mentions", "node", "mentions", "long"),
    ("n_degree", "node", "degree", "long"),
    ("n_pagerank", "node", "pagerank", "double"),
    ("e_label", "edge", "label", "string"),
    ("e_relation", "edge", "relation", "string"),
    ("e_cameo", "edge", "cameo", "string"),
    ("e_family", "edge", "family", "string"),
    ("e_goldstein", "edge", "goldstein", "double"),
    ("e_weight", "edge", "weight", "double"),
    ("e_articles", "edge", "articles", "long"),
    ("e_first_date", "edge", "first_date", "string"),
    ("e_last_date", "edge", "last_date", "string"),
    ("e_kind", "edge", "Kind", "string"),
];

/// Writes the graph as GraphML. Node ids are `n` + the actor id (the CSV `Id`).
pub fn write<W: Write>(g: &ActorGraph, mut out: W) -> Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, target, name, kind) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{target}" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(
        out,
        r#"  <graph id="actorgraph" edgedefault="directed" parse.nodes="{}" parse.edges="{}">"#,
        g.node_count(),
        g.edge_count()
    )?;
    for n in g.graph.node_weights() {
        let r = &n.row;
        writeln!(out, r#"    <node id="n{}">"#, r.id)?;
        data(&mut out, "n_label", &r.name)?;
        data(&mut out, "n_type", &r.kind)?;
        data(&mut out, "n_code", &r.code)?;
        opt(&mut out, "n_country", r.country.as_deref())?;
        data(&mut out, "n_mentions", &r.mentions.to_string())?;
        data(&mut out, "n_degree", &n.degree.to_string())?;
        data(&mut out, "n_pagerank", &format!("{:e}", n.pagerank))?;
        writeln!(out, "    </node>")?;
    }
    for (i, e) in g.graph.edge_weights().enumerate() {
        let r = &e.row;
        writeln!(
            out,
            r#"    <edge id="e{i}" source="n{}" target="n{}">"#,
            r.source, r.target
        )?;
        data(&mut out, "e_label", &r.relation)?;
        data(&mut out, "e_relation", &r.relation)?;
        opt(&mut out, "e_cameo", r.cameo.as_deref())?;
        data(&mut out, "e_family", family_of(e.relation).as_str())?;
        if let Some(rel) = e.relation.filter(|r| r.cameo().is_some()) {
            data(&mut out, "e_goldstein", &rel.goldstein().to_string())?;
        }
        data(&mut out, "e_weight", &r.weight.to_string())?;
        data(&mut out, "e_articles", &r.articles.to_string())?;
        opt(&mut out, "e_first_date", r.first_date.as_deref())?;
        opt(&mut out, "e_last_date", r.last_date.as_deref())?;
        data(&mut out, "e_kind", &r.relation)?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")?;
    Ok(())
}

fn data<W: Write>(out: &mut W, key: &str, value: &str) -> Result<()> {
    writeln!(out, r#"      <data key="{key}">{}</data>"#, xml_text(value))?;
    Ok(())
}

fn opt<W: Write>(out: &mut W, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) if !v.is_empty() => data(out, key, v),
        _ => Ok(()),
    }
}
