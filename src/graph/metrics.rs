//! Measures over the actor graph: PageRank, betweenness and the summary `graph stats` prints.
//!
//! petgraph's `page_rank` tests every node pair for an edge on every iteration (O(V²·d)), too
//! slow past a few thousand actors, so PageRank here is a power iteration over the edge list:
//! O(V + E) per iteration.

use super::{ActorGraph, Edge, Node};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

/// Iterations stop when the ranks move less than this in total (L1)...
const TOLERANCE: f64 = 1e-10;
/// ...or after this many.
const MAX_ITERATIONS: usize = 100;

/// PageRank with the given damping; a link's share is proportional to its event count, and
/// actors with no outgoing links spread their rank evenly. Ranks sum to 1.
pub fn pagerank(g: &DiGraph<Node, Edge>, damping: f64) -> Vec<f64> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let mut out_weight = vec![0.0; n];
    for e in g.edge_references() {
        out_weight[e.source().index()] += e.weight().row.weight.max(1) as f64;
    }
    let mut ranks = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f64 = (0..n)
            .filter(|&i| out_weight[i] == 0.0)
            .map(|i| ranks[i])
            .sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        next.fill(base);
        for e in g.edge_references() {
            let (s, t) = (e.source().index(), e.target().index());
            next[t] += damping * ranks[s] * e.weight().row.weight.max(1) as f64 / out_weight[s];
        }
        let change: f64 = ranks.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut ranks, &mut next);
        if change < TOLERANCE {
            break;
        }
    }
    ranks
}

/// Betweenness centrality (Brandes 2001) over the undirected simple graph beneath the
/// multigraph (news rarely closes directed chains), normalized as NetworkX does: the share of
/// shortest paths between other pairs that pass through each actor. O(V·E).
pub fn betweenness(g: &ActorGraph) -> Vec<f64> {
    let n = g.node_count();
    let adjacency = simple_undirected(g);
    let mut centrality = vec![0.0; n];
    let mut order = Vec::with_capacity(n);
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut sigma = vec![0.0_f64; n];
    let mut dist = vec![-1_i64; n];
    let mut delta = vec![0.0_f64; n];
    for s in 0..n {
        order.clear();
        preds.iter_mut().for_each(Vec::clear);
        sigma.fill(0.0);
        dist.fill(-1);
        delta.fill(0.0);
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &w in &adjacency[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        for &w in order.iter().rev() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                centrality[w] += delta[w];
            }
        }
    }
    // Each unordered pair was counted from both ends.
    let scale = if n > 2 {
        1.0 / ((n - 1) * (n - 2)) as f64
    } else {
        0.0
    };
    centrality.iter().map(|c| c * scale).collect()
}

fn simple_undirected(g: &ActorGraph) -> Vec<Vec<usize>> {
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); g.node_count()];
    for e in g.graph.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        if a != b {
            adjacency[a].push(b);
            adjacency[b].push(a);
        }
    }
    for list in &mut adjacency {
        list.sort_unstable();
        list.dedup();
    }
    adjacency
}

/// The summary `graph stats` prints.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    pub nodes: usize,
    pub edges: usize,
    /// Events behind the edges (the sum of their weights).
    pub events: i64,
    /// Linked ordered pairs of distinct actors over all possible ones.
    pub density: f64,
    /// Weakly connected components.
    pub components: usize,
    /// Actors in the largest component.
    pub largest_component: usize,
}

/// Counts, density and weakly connected components.
pub fn stats(g: &ActorGraph) -> Stats {
    let n = g.node_count();
    let mut pairs: Vec<(usize, usize)> = g
        .graph
        .edge_references()
        .filter(|e| e.source() != e.target())
        .map(|e| (e.source().index(), e.target().index()))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let density = if n > 1 {
        pairs.len() as f64 / (n * (n - 1)) as f64
    } else {
        0.0
    };
    let (components, largest_component) = components(g);
    Stats {
        nodes: n,
        edges: g.edge_count(),
        events: g.graph.edge_weights().map(|e| e.row.weight).sum(),
        density,
        components,
        largest_component,
    }
}

/// (number of weakly connected components, size of the largest), by union-find.
fn components(g: &ActorGraph) -> (usize, usize) {
    let mut sets = petgraph::unionfind::UnionFind::<usize>::new(g.node_count());
    for e in g.graph.edge_references() {
        sets.union(e.source().index(), e.target().index());
    }
    let mut sizes = std::collections::HashMap::new();
    for label in sets.into_labeling() {
        *sizes.entry(label).or_insert(0_usize) += 1;
    }
    (sizes.len(), sizes.values().copied().max().unwrap_or(0))
}

/// Node indices ordered by a score, highest first (ties by name), at most `limit`.
pub fn ranked(g: &ActorGraph, scores: &[f64], limit: usize) -> Vec<NodeIndex> {
    let mut order: Vec<NodeIndex> = g.graph.node_indices().collect();
    order.sort_by(|a, b| {
        scores[b.index()]
            .total_cmp(&scores[a.index()])
            .then_with(|| g.graph[*a].row.name.cmp(&g.graph[*b].row.name))
    });
    order.truncate(limit);
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::read::{EdgeRow, NodeRow};

    fn graph(n: i64, edges: &[(i64, i64, i64)]) -> ActorGraph {
        let nodes = (1..=n)
            .map(|id| NodeRow {
                id,
                name: format!("a{id}"),
                code: String::new(),
                kind: "state".into(),
                country: None,
                mentions: 0,
            })
            .collect();
        let edges = edges
            .iter()
            .map(|&(source, target, weight)| EdgeRow {
                source,
                target,
                relation: "consult".into(),
                cameo: Some("04".into()),
                weight,
                articles: 1,
                first_date: None,
                last_date: None,
            })
            .collect();
        ActorGraph::build(nodes, edges)
    }

    #[test]
    fn pagerank_is_uniform_on_a_cycle_and_follows_weights() {
        let cycle = graph(3, &[(1, 2, 1), (2, 3, 1), (3, 1, 1)]);
        for n in cycle.graph.node_weights() {
            assert!((n.pagerank - 1.0 / 3.0).abs() < 1e-9);
        }
        // 1 sends 3 events to 2 and 1 to 3: 2 ranks above 3; ranks sum to 1 with a sink.
        let g = graph(3, &[(1, 2, 3), (1, 3, 1)]);
        let r: Vec<f64> = g.graph.node_weights().map(|n| n.pagerank).collect();
        assert!(r[1] > r[2] && r[2] > r[0], "{r:?}");
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn betweenness_matches_networkx_on_a_path_and_a_star() {
        // networkx.betweenness_centrality(path_graph(3)) == {0: 0, 1: 1.0, 2: 0}
        assert_eq!(
            betweenness(&graph(3, &[(1, 2, 1), (3, 2, 5)])),
            [0.0, 1.0, 0.0]
        );
        // A star with 4 leaves: the hub lies on all 6 leaf pairs.
        let star = graph(5, &[(1, 2, 1), (1, 3, 1), (4, 1, 1), (5, 1, 1), (1, 2, 1)]);
        assert_eq!(betweenness(&star), [1.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn stats_count_pairs_once_and_weak_components() {
        let g = graph(4, &[(1, 2, 2), (1, 2, 1), (3, 4, 1)]);
        let s = stats(&g);
        assert_eq!((s.nodes, s.edges, s.events), (4, 3, 4));
        assert_eq!((s.components, s.largest_component), (2, 2));
        assert!((s.density - 2.0 / 12.0).abs() < 1e-12);
    }
}
