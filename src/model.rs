//! Plain types shared by every stage: articles, actors, relations, extraction results.
//!
//! Offsets inside an [`Extraction`] are byte offsets into the cleaned text and always fall on
//! char boundaries; the store converts them to character offsets for SQL users.

use std::fmt;

/// Where a record came from, for error messages and provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The input file (or `-` for stdin).
    pub file: String,
    /// 1-based line (JSONL, CSV) or record number (JSON array); `None` for a whole file.
    pub line: Option<u64>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(n) => write!(f, "{}:{}", self.file, n),
            None => write!(f, "{}", self.file),
        }
    }
}

/// An article as read from input, before cleaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawArticle {
    /// The article's id from its input (file stem, `id` field, or a generated one).
    pub ext_id: String,
    pub title: Option<String>,
    /// ISO date `YYYY-MM-DD` when known.
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The raw body text.
    pub text: String,
}

/// The kind of an actor, as the contract's dictionary `type` column names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    State,
    Organization,
    Person,
    Group,
}

impl ActorKind {
    /// The contract name (`state`, `organization`, `person`, `group`).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
            ActorKind::Group => "group",
        }
    }

    /// Parses a contract name, case-insensitively.
    pub fn parse(s: &str) -> Option<ActorKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "state" | "country" => Some(ActorKind::State),
            "organization" | "organisation" | "org" | "igo" => Some(ActorKind::Organization),
            "person" | "people" => Some(ActorKind::Person),
            "group" => Some(ActorKind::Group),
            _ => None,
        }
    }
}

/// An actor: one node of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Canonical name (the node label).
    pub name: String,
    /// State ISO alpha-3, organization acronym, group tag; people carry their state's code.
    pub code: String,
    pub kind: ActorKind,
    /// Code of the state the actor belongs to, if any.
    pub country: Option<String>,
}

/// GDELT QuadClass families of CAMEO roots, plus the structural `member_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
    Structural,
}

impl Family {
    /// A short stable name used in exports and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::VerbalCooperation => "verbal_cooperation",
            Family::MaterialCooperation => "material_cooperation",
            Family::VerbalConflict => "verbal_conflict",
            Family::MaterialConflict => "material_conflict",
            Family::Structural => "structural",
        }
    }

    /// True for verbal and material cooperation.
    pub fn is_cooperation(self) -> bool {
        matches!(
            self,
            Family::VerbalCooperation | Family::MaterialCooperation
        )
    }

    /// True for verbal and material conflict.
    pub fn is_conflict(self) -> bool {
        matches!(self, Family::VerbalConflict | Family::MaterialConflict)
    }
}

/// The relation vocabulary: the 20 CAMEO roots and `member_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    MakeStatement,
    Appeal,
    IntendToCooperate,
    Consult,
    DiplomaticCooperation,
    MaterialCooperation,
    ProvideAid,
    Yield,
    Investigate,
    Demand,
    Disapprove,
    Reject,
    Threaten,
    Protest,
    ExhibitForcePosture,
    ReduceRelations,
    Coerce,
    Assault,
    Fight,
    MassViolence,
    MemberOf,
}

/// (relation, contract name, Goldstein weight) in CAMEO root order; `member_of` last.
const RELATIONS: [(Relation, &str, f64); 21] = [
    (Relation::MakeStatement, "make_statement", 0.0),
    (Relation::Appeal, "appeal", 3.0),
    (Relation::IntendToCooperate, "intend_to_cooperate", 4.0),
    (Relation::Consult, "consult", 1.0),
    (
        Relation::DiplomaticCooperation,
        "diplomatic_cooperation",
        3.5,
    ),
    (Relation::MaterialCooperation, "material_cooperation", 6.0),
    (Relation::ProvideAid, "provide_aid", 7.0),
    (Relation::Yield, "yield", 5.0),
    (Relation::Investigate, "investigate", -2.0),
    (Relation::Demand, "demand", -5.0),
    (Relation::Disapprove, "disapprove", -2.0),
    (Relation::Reject, "reject", -4.0),
    (Relation::Threaten, "threaten", -6.0),
    (Relation::Protest, "protest", -6.5),
    (Relation::ExhibitForcePosture, "exhibit_force_posture", -7.2),
    (Relation::ReduceRelations, "reduce_relations", -4.0),
    (Relation::Coerce, "coerce", -7.0),
    (Relation::Assault, "assault", -9.0),
    (Relation::Fight, "fight", -10.0),
    (Relation::MassViolence, "mass_violence", -10.0),
    (Relation::MemberOf, "member_of", 0.0),
];

impl Relation {
    /// Every relation, CAMEO roots in order, then `member_of`.
    pub fn all() -> impl Iterator<Item = Relation> {
        RELATIONS.iter().map(|r| r.0)
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The contract name, e.g. `exhibit_force_posture`.
    pub fn name(self) -> &'static str {
        RELATIONS[self.index()].1
    }

    /// The two-digit CAMEO root (`"15"`), or `None` for `member_of`.
    pub fn cameo(self) -> Option<String> {
        match self {
            Relation::MemberOf => None,
            r => Some(format!("{:02}", r.index() + 1)),
        }
    }

    /// GDELT's Goldstein weight of the root (−10 … +10).
    pub fn goldstein(self) -> f64 {
        RELATIONS[self.index()].2
    }

    /// The QuadClass family.
    pub fn family(self) -> Family {
        match self.index() + 1 {
            1..=5 => Family::VerbalCooperation,
            6..=9 => Family::MaterialCooperation,
            10..=14 => Family::VerbalConflict,
            15..=20 => Family::MaterialConflict,
            _ => Family::Structural,
        }
    }

    /// Parses a contract name or a CAMEO root number (`"13"`, `"013"`).
    pub fn parse(s: &str) -> Option<Relation> {
        let s = s.trim();
        if let Some(r) = RELATIONS.iter().find(|r| r.1.eq_ignore_ascii_case(s)) {
            return Some(r.0);
        }
        let n: usize = s.parse().ok()?;
        // CAMEO sub-codes (e.g. 138) map to their root by leading digits.
        let root = if n > 20 && n < 1000 { n / 10 } else { n };
        let root = if root > 20 { root / 10 } else { root };
        (1..=20).contains(&root).then(|| RELATIONS[root - 1].0)
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A sentence: byte span in the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// One occurrence of an actor in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Index into [`Extraction::actors`].
    pub actor: usize,
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// How the mention was found: `dict`, `person`, `surname`, `fuzzy`, `pronoun`, `anaphor`.
    pub how: &'static str,
}

/// One relation between two actors, with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub source: usize,
    pub target: usize,
    pub relation: Relation,
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    /// Byte span of the trigger (or title) that produced the event.
    pub trigger: (usize, usize),
    /// The rule that produced it, e.g. `verb`, `passive`, `nominal`, `modal:threaten`.
    pub rule: String,
    /// 0..1, how sure the rule is.
    pub confidence: f32,
    /// The source's code here when it differs from the actor's own: a dated code
    /// (`RUSGOV` on this article's date) or an agent-qualified one ("Russian troops": `RUSMIL`).
    pub source_code: Option<String>,
    /// The target's code here when it differs from the actor's own.
    pub target_code: Option<String>,
}

/// Everything extracted from one cleaned article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub sentences: Vec<Sentence>,
    pub actors: Vec<Actor>,
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_codes_follow_root_order() {
        assert_eq!(Relation::MakeStatement.cameo().as_deref(), Some("01"));
        assert_eq!(Relation::ExhibitForcePosture.cameo().as_deref(), Some("15"));
        assert_eq!(Relation::MassViolence.cameo().as_deref(), Some("20"));
        assert_eq!(Relation::MemberOf.cameo(), None);
    }

    #[test]
    fn parse_names_roots_and_subcodes() {
        assert_eq!(Relation::parse("demand"), Some(Relation::Demand));
        assert_eq!(Relation::parse("13"), Some(Relation::Threaten));
        assert_eq!(Relation::parse("138"), Some(Relation::Threaten));
        assert_eq!(Relation::parse("0871"), Some(Relation::Yield));
        assert_eq!(Relation::parse("nonsense"), None);
    }

    #[test]
    fn families_follow_quadclass() {
        assert_eq!(Relation::Consult.family(), Family::VerbalCooperation);
        assert_eq!(Relation::Investigate.family(), Family::MaterialCooperation);
        assert_eq!(Relation::Protest.family(), Family::VerbalConflict);
        assert_eq!(Relation::Fight.family(), Family::MaterialConflict);
    }
}
