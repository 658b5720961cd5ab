//! Stage 5, graph: a petgraph directed multigraph of actors (nodes) and aggregated
//! relations (one edge per source, target and relation), with degree and PageRank; the
//! shared filters ([`filter`]), measures ([`metrics`]), paths and neighbourhoods ([`paths`])
//! and the lookup of the actor names users type ([`resolve`]).

pub mod filter;
pub mod metrics;
pub mod paths;
pub mod resolve;

use crate::model::Relation;
use crate::store::read::{EdgeRow, NodeRow};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

/// A node: an actor and its measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub row: NodeRow,
    pub degree: usize,
    pub pagerank: f64,
}

/// An edge: a relation between two actors, aggregated over events.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub row: EdgeRow,
    pub relation: Option<Relation>,
}

/// The actor graph.
pub struct ActorGraph {
    pub graph: DiGraph<Node, Edge>,
    /// Actor id → node.
    pub index: HashMap<i64, NodeIndex>,
}

impl ActorGraph {
    /// Builds the graph from node and edge rows; edges to unknown nodes are ignored.
    pub fn build(nodes: Vec<NodeRow>, edges: Vec<EdgeRow>) -> ActorGraph {
        let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
        let mut index: HashMap<i64, NodeIndex> = HashMap::with_capacity(nodes.len());
        for row in nodes {
            let id = row.id;
            let node = Node {
                row,
                degree: 0,
                pagerank: 0.0,
            };
            index.insert(id, graph.add_node(node));
        }
        for row in edges {
            if let (Some(&a), Some(&b)) = (index.get(&row.source), index.get(&row.target)) {
                let relation = Relation::parse(&row.relation);
                graph.add_edge(a, b, Edge { row, relation });
            }
        }
        let mut g = ActorGraph { graph, index };
        g.measure();
        g
    }

    /// Fills in degree (in + out edges) and PageRank (damping 0.85, weighted by events).
    fn measure(&mut self) {
        let ranks = metrics::pagerank(&self.graph, 0.85);
        for n in self.graph.node_indices() {
            let degree = self.graph.edges_directed(n, Direction::Outgoing).count()
                + self.graph.edges_directed(n, Direction::Incoming).count();
            let node = &mut self.graph[n];
            node.degree = degree;
            node.pagerank = ranks[n.index()];
        }
    }

    /// The node of an actor id, if the actor is in this graph.
    pub fn node(&self, actor_id: i64) -> Option<NodeIndex> {
        self.index.get(&actor_id).copied()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}
