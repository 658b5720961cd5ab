//! JSON export in node-link form: `{"directed", "multigraph", "graph", "nodes", "links"}`,
//! which d3-force takes as it stands, NetworkX reads with
//! `node_link_graph(data, edges="links")`, and Cytoscape.js takes after wrapping each item as
//! `{data: item}` (every link has an `id`).

use super::family_of;
use crate::graph::ActorGraph;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// The whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub directed: bool,
    pub multigraph: bool,
    pub graph: GraphInfo,
    pub nodes: Vec<JsonNode>,
    pub links: Vec<JsonLink>,
}

/// Graph-level attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphInfo {
    pub name: String,
}

/// One actor. `id` is the CSV `Id` as a string (Cytoscape wants string ids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonNode {
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub code: String,
    pub country: Option<String>,
    pub mentions: i64,
    pub degree: usize,
    pub pagerank: f64,
}

/// One relation between two actors, its events aggregated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonLink {
    pub id: String,
    pub key: usize,
    pub source: String,
    pub target: String,
    pub relation: String,
    pub cameo: Option<String>,
    pub family: String,
    pub goldstein: Option<f64>,
    pub weight: i64,
    pub articles: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// The node-link document for a graph.
pub fn document(g: &ActorGraph) -> Document {
    let nodes = g
        .graph
        .node_weights()
        .map(|n| JsonNode {
            id: n.row.id.to_string(),
            label: n.row.name.clone(),
            kind: n.row.kind.clone(),
            code: n.row.code.clone(),
            country: n.row.country.clone(),
            mentions: n.row.mentions,
            degree: n.degree,
            pagerank: n.pagerank,
        })
        .collect();
    let links = g
        .graph
        .edge_weights()
        .enumerate()
        .map(|(i, e)| JsonLink {
            id: format!("e{i}"),
            key: i,
            source: e.row.source.to_string(),
            target: e.row.target.to_string(),
            relation: e.row.relation.clone(),
            cameo: e.row.cameo.clone(),
            family: family_of(e.relation).as_str().to_string(),
            goldstein: e
                .relation
                .filter(|r| r.cameo().is_some())
                .map(|r| r.goldstein()),
            weight: e.row.weight,
            articles: e.row.articles,
            first_date: e.row.first_date.clone(),
            last_date: e.row.last_date.clone(),
        })
        .collect();
    Document {
        directed: true,
        multigraph: true,
        graph: GraphInfo {
            name: "actorgraph".into(),
        },
        nodes,
        links,
    }
}

/// Writes the node-link document, pretty-printed.
pub fn write<W: Write>(g: &ActorGraph, mut out: W) -> Result<()> {
    serde_json::to_writer_pretty(&mut out, &document(g)).map_err(io_error)?;
    writeln!(out)?;
    Ok(())
}

/// A serde_json error as the `std::io::Error` behind it when there is one, so that a closed
/// pipe (`--out - | head`) is recognised as such and not reported.
pub fn io_error(e: serde_json::Error) -> anyhow::Error {
    match e.io_error_kind() {
        Some(kind) => std::io::Error::from(kind).into(),
        None => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_surfaces_as_an_io_error() {
        let err = serde_json::to_writer(Closed, &[1, 2])
            .map_err(io_error)
            .unwrap_err();
        let io = err.downcast_ref::<std::io::Error>().expect("an io::Error");
        assert_eq!(io.kind(), std::io::ErrorKind::BrokenPipe);
    }
}
