//! Neo4j bulk-import CSV: `actors.csv` (nodes) and `relations.csv` (relationships) with the
//! header conventions of `neo4j-admin database import full`: `:ID(Actor)`, `:LABEL`,
//! `:START_ID(Actor)`, `:END_ID(Actor)`, `:TYPE` and typed properties (`mentions:int`).
//!
//! Empty fields of typed columns are left out of the property map by the import tool, so a
//! missing date or country is no property, not an empty string.

use super::family_of;
use crate::graph::ActorGraph;
use crate::model::Relation;
use anyhow::Result;
use std::io::Write;

/// The node file's header.
pub const NODE_HEADER: [&str; 9] = [
    "actorId:ID(Actor)",
    "name",
    "code",
    "type",
    "country",
    "mentions:int",
    "degree:int",
    "pagerank:float",
    ":LABEL",
];

/// The relationship file's header.
pub const RELATIONSHIP_HEADER: [&str; 11] = [
    ":START_ID(Actor)",
    ":END_ID(Actor)",
    ":TYPE",
    "relation",
    "cameo",
    "family",
    "goldstein:float",
    "weight:int",
    "articles:int",
    "first_date:date",
    "last_date:date",
];

/// Writes `actors.csv`: one node per actor, labelled `Actor` and its type (`Actor;State`).
pub fn write_nodes<W: Write>(g: &ActorGraph, out: W) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(NODE_HEADER)?;
    for n in g.graph.node_weights() {
        let r = &n.row;
        w.write_record([
            r.id.to_string(),
            r.name.clone(),
            r.code.clone(),
            r.kind.clone(),
            r.country.clone().unwrap_or_default(),
            r.mentions.to_string(),
            n.degree.to_string(),
            format!("{:.6}", n.pagerank),
            format!("Actor;{}", label(&r.kind)),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes `relations.csv`: one relationship per aggregated edge, typed by its relation in
/// Neo4j's upper-case style (`DEMAND`, `MEMBER_OF`).
pub fn write_relationships<W: Write>(g: &ActorGraph, out: W) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(RELATIONSHIP_HEADER)?;
    for e in g.graph.edge_weights() {
        let r = &e.row;
        w.write_record([
            r.source.to_string(),
            r.target.to_string(),
            r.relation.to_ascii_uppercase(),
            r.relation.clone(),
            r.cameo.clone().unwrap_or_default(),
            family_of(e.relation).as_str().to_string(),
            e.relation.map_or(0.0, Relation::goldstein).to_string(),
            r.weight.to_string(),
            r.articles.to_string(),
            iso_date(r.first_date.as_deref()).to_string(),
            iso_date(r.last_date.as_deref()).to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// A node label from an actor type: `state` → `State`.
fn label(kind: &str) -> String {
    let mut c = kind.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_else(|| "Unknown".to_string())
}

/// The date when it is `YYYY-MM-DD`, which `:date` columns need; else empty (no property),
/// since one unparsable value stops the whole import.
fn iso_date(d: Option<&str>) -> &str {
    let d = d.unwrap_or("");
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
    {
        d
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_dates() {
        assert_eq!(label("organization"), "Organization");
        assert_eq!(iso_date(Some("2022-01-13")), "2022-01-13");
        assert_eq!(iso_date(Some("2022-01")), "");
        assert_eq!(iso_date(Some("13/01/2022")), "");
        assert_eq!(iso_date(None), "");
    }
}
