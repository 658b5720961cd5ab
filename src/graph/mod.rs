//! Stage 5, graph: a petgraph directed multigraph of actors (nodes) and aggregated
//! relations (one edge per source, target and relation), with degree and PageRank.

use crate::model::Relation;
use crate::store::read::{EdgeRow, NodeRow};
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
}

impl ActorGraph {
    /// Builds the graph from node and edge rows; edges to unknown nodes are ignored.
    pub fn build(nodes: Vec<NodeRow>, edges: Vec<EdgeRow>) -> ActorGraph {
        let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
        let mut index: HashMap<i64, NodeIndex> = HashMap::with_capacity(nodes.len());
        for row in nodes {
            let id = row.id;
            index.insert(
                id,
                graph.add_node(Node {
                    row,
                    degree: 0,
                    pagerank: 0.0,
                }),
            );
        }
        for row in edges {
            if let (Some(&a), Some(&b)) = (index.get(&row.source), index.get(&row.target)) {
                let relation = Relation::parse(&row.relation);
                graph.add_edge(a, b, Edge { row, relation });
            }
        }
        let mut g = ActorGraph { graph };
        g.measure();
        g
    }

    /// Fills in degree (in + out edges) and PageRank (damping 0.85).
    fn measure(&mut self) {
        let ranks = if self.graph.node_count() > 0 {
            petgraph::algo::page_rank(&self.graph, 0.85_f64, 50)
        } else {
            Vec::new()
        };
        for n in self.graph.node_indices() {
            let degree = self
                .graph
                .edges_directed(n, petgraph::Direction::Outgoing)
                .count()
                + self
                    .graph
                    .edges_directed(n, petgraph::Direction::Incoming)
                    .count();
            let node = &mut self.graph[n];
            node.degree = degree;
            node.pagerank = ranks.get(n.index()).copied().unwrap_or(0.0);
        }
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
