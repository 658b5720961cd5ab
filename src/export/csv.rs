//! CSV export: `nodes.csv`, `edges.csv` and `events.csv` with the contract's columns, in the
//! shape Gephi's spreadsheet import reads.

use crate::graph::ActorGraph;
use crate::store::read::EventRow;
use anyhow::Result;
use std::io::Write;

/// Writes `nodes.csv`: `Id,Label,type,code,country,mentions,degree,pagerank`.
pub fn write_nodes<W: Write>(g: &ActorGraph, out: W) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "Id", "Label", "type", "code", "country", "mentions", "degree", "pagerank",
    ])?;
    for n in g.graph.node_weights() {
        let r = &n.row;
        w.write_record([
            r.id.to_string(),
            r.name.clone(),
            r.kind.clone(),
            r.code.clone(),
            r.country.clone().unwrap_or_default(),
            r.mentions.to_string(),
            n.degree.to_string(),
            format!("{:.6}", n.pagerank),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes `edges.csv`: `Source,Target,Type,Label,relation,cameo,weight,articles,first_date,last_date,Kind`.
pub fn write_edges<W: Write>(g: &ActorGraph, out: W) -> Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "Source",
        "Target",
        "Type",
        "Label",
        "relation",
        "cameo",
        "weight",
        "articles",
        "first_date",
        "last_date",
        "Kind",
    ])?;
    for e in g.graph.edge_weights() {
        let r = &e.row;
        w.write_record([
            r.source.to_string(),
            r.target.to_string(),
            "Directed".to_string(),
            r.relation.clone(),
            r.relation.clone(),
            r.cameo.clone().unwrap_or_default(),
            r.weight.to_string(),
            r.articles.to_string(),
            r.first_date.clone().unwrap_or_default(),
            r.last_date.clone().unwrap_or_default(),
            r.relation.clone(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// The `events.csv` header: the contract's columns, then `rule,confidence`.
pub const EVENT_COLUMNS: [&str; 11] = [
    "article",
    "sentence",
    "source",
    "source_code",
    "relation",
    "cameo",
    "target",
    "target_code",
    "evidence",
    "rule",
    "confidence",
];

/// A streaming `events.csv` writer.
pub struct EventWriter<W: Write> {
    w: ::csv::Writer<W>,
}

impl<W: Write> EventWriter<W> {
    /// Starts the file with its header.
    pub fn new(out: W) -> Result<EventWriter<W>> {
        let mut w = ::csv::Writer::from_writer(out);
        w.write_record(EVENT_COLUMNS)?;
        Ok(EventWriter { w })
    }

    /// Writes one event row.
    pub fn write(&mut self, e: &EventRow) -> Result<()> {
        self.w.write_record([
            e.article.as_str(),
            &e.sentence.to_string(),
            &e.source,
            &e.source_code,
            &e.relation,
            e.cameo.as_deref().unwrap_or(""),
            &e.target,
            &e.target_code,
            &e.evidence,
            &e.rule,
            &format!("{:.2}", e.confidence),
        ])?;
        Ok(())
    }

    /// Flushes the file.
    pub fn finish(mut self) -> Result<()> {
        self.w.flush()?;
        Ok(())
    }
}
