//! Stage 6, export: write a built graph (and the event rows) in a format other tools read.
//! Writers never open the database: they take the graph and row streams the CLI hands them.

pub mod csv;
pub mod dot;
pub mod escape;

use crate::model::{Family, Relation};

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
