//! The filters every export and graph command shares: relations, families, actor types,
//! minimum weight and one actor's neighbourhood. (The date range is applied when the rows are
//! read, so that weights count only the events inside it.)

use crate::model::{ActorKind, Family, Relation};
use crate::store::read::{EdgeRow, NodeRow};
use std::collections::{HashMap, HashSet, VecDeque};
use std::str::FromStr;

/// A family selection as users name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilyFilter {
    /// Verbal and material cooperation (CAMEO 01-09).
    Cooperation,
    /// Verbal and material conflict (CAMEO 10-20).
    Conflict,
    /// Relations outside CAMEO (`member_of`).
    Other,
    /// One QuadClass.
    Exactly(Family),
}

impl FamilyFilter {
    /// True when `family` is selected.
    pub fn matches(self, family: Family) -> bool {
        match self {
            FamilyFilter::Cooperation => family.is_cooperation(),
            FamilyFilter::Conflict => family.is_conflict(),
            FamilyFilter::Other => family == Family::Structural,
            FamilyFilter::Exactly(f) => f == family,
        }
    }
}

impl FromStr for FamilyFilter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let quad = [
            Family::VerbalCooperation,
            Family::MaterialCooperation,
            Family::VerbalConflict,
            Family::MaterialConflict,
        ];
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "cooperation" => Ok(FamilyFilter::Cooperation),
            "conflict" => Ok(FamilyFilter::Conflict),
            "other" | "structural" => Ok(FamilyFilter::Other),
            name => quad
                .into_iter()
                .find(|f| f.as_str() == name)
                .map(FamilyFilter::Exactly)
                .ok_or_else(|| {
                    format!(
                        "unknown family `{s}`: use cooperation, conflict, other, verbal_cooperation, material_cooperation, verbal_conflict or material_conflict"
                    )
                }),
        }
    }
}

/// Parses a relation name or CAMEO root for a filter, with a helpful error.
pub fn parse_relation(s: &str) -> Result<Relation, String> {
    Relation::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Relation::all().map(Relation::name).collect();
        format!(
            "unknown relation `{s}`: use a CAMEO root (01-20) or one of {}",
            names.join(", ")
        )
    })
}

/// The selection. Empty lists select everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub relations: Vec<Relation>,
    pub families: Vec<FamilyFilter>,
    pub kinds: Vec<ActorKind>,
    /// Edges with fewer events are dropped.
    pub min_weight: i64,
    /// Keep only actors within this many links (either direction) of this actor id.
    pub around: Option<(i64, usize)>,
}

impl Filter {
    /// True when the filter keeps everything.
    pub fn is_noop(&self) -> bool {
        self == &Filter::default()
            || *self
                == Filter {
                    min_weight: 1,
                    ..Filter::default()
                }
    }

    /// Keeps the edges the filter selects and the actors on them; actors left without an
    /// edge are dropped, as they are from the unfiltered graph.
    pub fn apply(&self, nodes: Vec<NodeRow>, edges: Vec<EdgeRow>) -> (Vec<NodeRow>, Vec<EdgeRow>) {
        let kinds: HashMap<i64, bool> = nodes
            .iter()
            .map(|n| (n.id, self.kind_selected(&n.kind)))
            .collect();
        let selected = |id: &i64| kinds.get(id).copied().unwrap_or(false);
        let mut edges: Vec<EdgeRow> = edges
            .into_iter()
            .filter(|e| self.edge_selected(e) && selected(&e.source) && selected(&e.target))
            .collect();
        if let Some((centre, hops)) = self.around {
            let near = within(centre, hops, &edges);
            edges.retain(|e| near.contains(&e.source) && near.contains(&e.target));
        }
        let linked: HashSet<i64> = edges.iter().flat_map(|e| [e.source, e.target]).collect();
        let nodes = nodes
            .into_iter()
            .filter(|n| linked.contains(&n.id))
            .collect();
        (nodes, edges)
    }

    fn kind_selected(&self, kind: &str) -> bool {
        self.kinds.is_empty() || ActorKind::parse(kind).is_some_and(|k| self.kinds.contains(&k))
    }

    fn edge_selected(&self, e: &EdgeRow) -> bool {
        let relation = Relation::parse(&e.relation);
        let family = relation.map_or(Family::Structural, Relation::family);
        e.weight >= self.min_weight
            && (self.relations.is_empty() || relation.is_some_and(|r| self.relations.contains(&r)))
            && (self.families.is_empty() || self.families.iter().any(|f| f.matches(family)))
    }
}

/// Actor ids within `hops` links of `centre`, ignoring direction.
fn within(centre: i64, hops: usize, edges: &[EdgeRow]) -> HashSet<i64> {
    let mut adjacency: HashMap<i64, Vec<i64>> = HashMap::new();
    for e in edges {
        adjacency.entry(e.source).or_default().push(e.target);
        adjacency.entry(e.target).or_default().push(e.source);
    }
    let mut seen = HashSet::from([centre]);
    let mut queue = VecDeque::from([(centre, 0)]);
    while let Some((id, depth)) = queue.pop_front() {
        if depth == hops {
            continue;
        }
        for &next in adjacency.get(&id).into_iter().flatten() {
            if seen.insert(next) {
                queue.push_back((next, depth + 1));
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(source: i64, target: i64, relation: &str, weight: i64) -> EdgeRow {
        EdgeRow {
            source,
            target,
            relation: relation.into(),
            cameo: Relation::parse(relation).and_then(Relation::cameo),
            weight,
            articles: 1,
            first_date: None,
            last_date: None,
        }
    }

    fn node(id: i64, kind: &str) -> NodeRow {
        NodeRow {
            id,
            name: format!("a{id}"),
            code: String::new(),
            kind: kind.into(),
            country: None,
            mentions: 0,
        }
    }

    fn kept(f: &Filter) -> (Vec<i64>, Vec<String>) {
        let nodes = vec![
            node(1, "state"),
            node(2, "organization"),
            node(3, "state"),
            node(4, "person"),
            // Stored, but in no event: store::read::nodes returns it, the graph must not.
            node(5, "state"),
        ];
        let edges = vec![
            edge(1, 2, "demand", 3),
            edge(2, 3, "consult", 1),
            edge(3, 4, "fight", 1),
            edge(4, 1, "member_of", 2),
        ];
        let (n, e) = f.apply(nodes, edges);
        (
            n.iter().map(|n| n.id).collect(),
            e.into_iter().map(|e| e.relation).collect(),
        )
    }

    #[test]
    fn each_filter_keeps_what_it_names_and_the_actors_on_it() {
        let fam = |s: &str| Filter {
            families: vec![s.parse().unwrap()],
            ..Filter::default()
        };
        assert_eq!(kept(&Filter::default()).0, [1, 2, 3, 4]);
        assert_eq!(kept(&fam("conflict")).1, ["demand", "fight"]);
        assert_eq!(
            kept(&fam("cooperation")),
            (vec![2, 3], vec!["consult".into()])
        );
        assert_eq!(kept(&fam("other")).1, ["member_of"]);
        assert_eq!(kept(&fam("material_conflict")).1, ["fight"]);
        let rel = Filter {
            relations: vec![
                parse_relation("13").unwrap(),
                parse_relation("fight").unwrap(),
            ],
            ..Filter::default()
        };
        assert_eq!(kept(&rel).1, ["fight"]);
        let heavy = Filter {
            min_weight: 2,
            ..Filter::default()
        };
        assert_eq!(kept(&heavy).1, ["demand", "member_of"]);
        let states = Filter {
            kinds: vec![ActorKind::State],
            ..Filter::default()
        };
        assert_eq!(kept(&states), (vec![], vec![]));
        let around = Filter {
            around: Some((1, 1)),
            ..Filter::default()
        };
        assert_eq!(
            kept(&around),
            (vec![1, 2, 4], vec!["demand".into(), "member_of".into()])
        );
        assert!(
            Filter {
                min_weight: 1,
                ..Filter::default()
            }
            .is_noop()
        );
        assert!("friendly".parse::<FamilyFilter>().is_err());
    }
}
