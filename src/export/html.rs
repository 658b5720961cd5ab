//! A self-contained HTML page with an interactive force-directed view of the graph: drag,
//! pan, zoom, hover an edge for its relation and evidence sentences, filter by family. No
//! network access: the script and styles are inline (`html/view.html`), the data is JSON in a
//! `<script type="application/json">` block with `<`, `>` and `&` escaped, and the page puts
//! every piece of article text on screen through `textContent`, so text cannot inject markup.

use super::escape::script_json;
use super::{Evidence, family_colour, family_of};
use crate::graph::ActorGraph;
use crate::model::Family;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

const TEMPLATE: &str = include_str!("html/view.html");
const SLOT: &str = "/*DATA*/";

#[derive(Serialize)]
struct Page<'a> {
    nodes: Vec<PageNode<'a>>,
    links: Vec<PageLink<'a>>,
    colours: BTreeMap<&'static str, &'static str>,
    #[serde(rename = "familyNames")]
    family_names: Vec<(&'static str, &'static str)>,
    types: BTreeMap<&'static str, &'static str>,
}

#[derive(Serialize)]
struct PageNode<'a> {
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    code: &'a str,
    mentions: i64,
    pagerank: f64,
}

#[derive(Serialize)]
struct PageLink<'a> {
    s: usize,
    t: usize,
    relation: &'a str,
    cameo: Option<&'a str>,
    family: &'static str,
    weight: i64,
    first: Option<&'a str>,
    last: Option<&'a str>,
    evidence: Vec<PageEvidence<'a>>,
}

#[derive(Serialize)]
struct PageEvidence<'a> {
    article: &'a str,
    sentence: i64,
    date: Option<&'a str>,
    text: &'a str,
}

const FAMILIES: [(Family, &str); 5] = [
    (Family::VerbalCooperation, "verbal cooperation"),
    (Family::MaterialCooperation, "material cooperation"),
    (Family::VerbalConflict, "verbal conflict"),
    (Family::MaterialConflict, "material conflict"),
    (Family::Structural, "member of"),
];

/// Writes the page; `evidence` supplies the sentences shown when an edge is hovered.
pub fn write<W: Write>(g: &ActorGraph, evidence: &Evidence, mut out: W) -> Result<()> {
    let json = serde_json::to_string(&page(g, evidence))?;
    let (head, tail) = TEMPLATE
        .split_once(SLOT)
        .expect("the template has a data slot");
    out.write_all(head.as_bytes())?;
    out.write_all(script_json(&json).as_bytes())?;
    out.write_all(tail.as_bytes())?;
    Ok(())
}

fn page<'a>(g: &'a ActorGraph, evidence: &'a Evidence) -> Page<'a> {
    let nodes = g
        .graph
        .node_weights()
        .map(|n| PageNode {
            label: &n.row.name,
            kind: &n.row.kind,
            code: &n.row.code,
            mentions: n.row.mentions,
            pagerank: n.pagerank,
        })
        .collect();
    let links = g
        .graph
        .edge_indices()
        .map(|e| {
            let (a, b) = g
                .graph
                .edge_endpoints(e)
                .expect("edge index from this graph");
            let edge = &g.graph[e];
            PageLink {
                s: a.index(),
                t: b.index(),
                relation: &edge.row.relation,
                cameo: edge.row.cameo.as_deref(),
                family: family_of(edge.relation).as_str(),
                weight: edge.row.weight,
                first: edge.row.first_date.as_deref(),
                last: edge.row.last_date.as_deref(),
                evidence: evidence
                    .of(&edge.row)
                    .iter()
                    .map(|ev| PageEvidence {
                        article: &ev.article,
                        sentence: ev.sentence,
                        date: ev.date.as_deref(),
                        text: &ev.evidence,
                    })
                    .collect(),
            }
        })
        .collect();
    Page {
        nodes,
        links,
        colours: FAMILIES
            .iter()
            .map(|(f, _)| (f.as_str(), family_colour(*f)))
            .collect(),
        family_names: FAMILIES
            .iter()
            .map(|(f, name)| (f.as_str(), *name))
            .collect(),
        types: BTreeMap::from([
            ("state", "#5dade2"),
            ("organization", "#af7ac5"),
            ("person", "#f5b041"),
            ("group", "#58d68d"),
        ]),
    }
}
