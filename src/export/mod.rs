//! Stage 6, export: write a built graph (and the event rows) in a format other tools read.
//! Writers never open the database: they take the graph and row streams the CLI hands them.

pub mod csv;
pub mod dot;
pub mod escape;
pub mod graphml;
pub mod html;
pub mod json;
pub mod neo4j;

use crate::model::{Family, Relation};
use crate::store::read::{EdgeRow, Endpoints, EventRow};
use std::collections::HashMap;

/// The colour of a relation family, shared by every visual export.
pub fn family_colour(family: Family) -> &'static str {
    match family {
        Family::VerbalCooperation => "#2e86c1",
        Family::MaterialCooperation => "#1e8449",
        Family::VerbalConflict => "#d68910",
        Family::MaterialConflict => "#c0392b",
        Family::Structural => "#7f8c8d",
    }
}

/// A relation's family, `Structural` for unknown names.
pub fn family_of(relation: Option<Relation>) -> Family {
    relation.map_or(Family::Structural, Relation::family)
}

/// The first few events behind each edge, for exports that show evidence.
#[derive(Debug, Default)]
pub struct Evidence {
    per_edge: usize,
    rows: HashMap<(i64, i64, String), Vec<EventRow>>,
}

impl Evidence {
    /// Keeps at most `per_edge` events for each edge.
    pub fn new(per_edge: usize) -> Evidence {
        Evidence {
            per_edge,
            rows: HashMap::new(),
        }
    }

    /// Offers one event; kept if its edge has room.
    pub fn add(&mut self, (source, target): Endpoints, row: EventRow) {
        let list = self
            .rows
            .entry((source, target, row.relation.clone()))
            .or_default();
        if list.len() < self.per_edge {
            list.push(row);
        }
    }

    /// The events kept for an edge.
    pub fn of(&self, e: &EdgeRow) -> &[EventRow] {
        self.rows
            .get(&(e.source, e.target, e.relation.clone()))
            .map_or(&[], Vec::as_slice)
    }
}
