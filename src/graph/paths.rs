//! Shortest chains of relations between two actors, and an actor's neighbourhood.

use super::ActorGraph;
use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef, UndirectedAdaptor};
use std::collections::VecDeque;

/// One link of a chain: the edge, and whether the chain walks it along its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    pub edge: EdgeIndex,
    pub forward: bool,
}

/// The fewest-links chain from `from` to `to` (petgraph's A* with unit costs). Unless
/// `directed`, links may be walked against their direction. Between two actors on the chain
/// the heaviest edge is shown.
pub fn shortest_path(
    g: &ActorGraph,
    from: NodeIndex,
    to: NodeIndex,
    directed: bool,
) -> Option<Vec<Hop>> {
    let goal = |n: NodeIndex| n == to;
    let (_, nodes) = if directed {
        petgraph::algo::astar(&g.graph, from, goal, |_| 1, |_| 0)?
    } else {
        petgraph::algo::astar(UndirectedAdaptor(&g.graph), from, goal, |_| 1, |_| 0)?
    };
    let hops = nodes
        .windows(2)
        .map(|pair| heaviest_link(g, pair[0], pair[1], directed))
        .collect::<Option<Vec<Hop>>>()?;
    Some(hops)
}

/// The heaviest edge between `a` and `b` (a → b first on ties; b → a only when undirected).
pub fn heaviest_link(g: &ActorGraph, a: NodeIndex, b: NodeIndex, directed: bool) -> Option<Hop> {
    links_between(g, a, b)
        .into_iter()
        .find(|h| h.forward || !directed)
}

/// An actor reached from the centre of a neighbourhood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached {
    pub node: NodeIndex,
    /// Links from the centre (1 = direct neighbour).
    pub hops: usize,
    /// The actor one link closer to the centre.
    pub parent: NodeIndex,
}

/// Actors within `depth` links of `centre` in either direction, breadth first (nearest first,
/// then in graph order).
pub fn neighbourhood(g: &ActorGraph, centre: NodeIndex, depth: usize) -> Vec<Reached> {
    let mut seen = vec![false; g.node_count()];
    seen[centre.index()] = true;
    let mut queue = VecDeque::from([(centre, 0)]);
    let mut reached = Vec::new();
    while let Some((node, hops)) = queue.pop_front() {
        if hops == depth {
            continue;
        }
        let mut next: Vec<NodeIndex> = g
            .graph
            .neighbors_directed(node, Direction::Outgoing)
            .chain(g.graph.neighbors_directed(node, Direction::Incoming))
            .collect();
        next.sort_unstable();
        for n in next {
            if !std::mem::replace(&mut seen[n.index()], true) {
                reached.push(Reached {
                    node: n,
                    hops: hops + 1,
                    parent: node,
                });
                queue.push_back((n, hops + 1));
            }
        }
    }
    reached
}

/// Every edge between `a` and `b`, both directions: heaviest first, then a → b before
/// b → a, then by relation name, so ties resolve the same way every time.
pub fn links_between(g: &ActorGraph, a: NodeIndex, b: NodeIndex) -> Vec<Hop> {
    let mut hops: Vec<Hop> = g
        .graph
        .edges_connecting(a, b)
        .map(|e| Hop {
            edge: e.id(),
            forward: true,
        })
        .chain(g.graph.edges_connecting(b, a).map(|e| Hop {
            edge: e.id(),
            forward: false,
        }))
        .collect();
    hops.sort_by(|x, y| {
        let (a, b) = (&g.graph[x.edge].row, &g.graph[y.edge].row);
        (b.weight, x.forward as u8 ^ 1, &a.relation).cmp(&(
            a.weight,
            y.forward as u8 ^ 1,
            &b.relation,
        ))
    });
    hops
}
