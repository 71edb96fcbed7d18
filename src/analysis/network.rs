//! Who holds the org together: articulation points and betweenness.

use super::structure::{Hierarchy, NONE};
use crate::model::Org;
use petgraph::graph::{NodeIndex, UnGraph};

/// Above this many people in the peer-link network, betweenness (O(people × links)) is skipped.
pub const BETWEENNESS_LIMIT: usize = 5_000;

/// People whose absence splits the org when reporting lines and peer links are taken together.
pub fn articulation_points(org: &Org, h: &Hierarchy<'_>) -> Vec<u32> {
    let n = h.len();
    let mut graph: UnGraph<(), ()> = UnGraph::with_capacity(n, n + org.links.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for (v, &p) in h.parent.iter().enumerate() {
        if p != NONE {
            graph.add_edge(NodeIndex::new(v), NodeIndex::new(p as usize), ());
        }
    }
    for (a, b) in link_ends(org, h) {
        graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
    }
    let mut points: Vec<u32> = petgraph::algo::articulation_points::articulation_points(&graph)
        .into_iter()
        .map(|i| i.index() as u32)
        .collect();
    points.sort_unstable();
    points
}

/// Normalised betweenness of each person in the peer-link network (`None` for people without
/// links), or `None` for all when there are no links or more than [`BETWEENNESS_LIMIT`] linked
/// people.
pub fn link_betweenness(org: &Org, h: &Hierarchy<'_>) -> Option<Vec<Option<f64>>> {
    let ends = link_ends(org, h);
    if ends.is_empty() {
        return None;
    }
    let mut node_of = vec![NONE; h.len()];
    let mut person_of = Vec::new();
    let mut graph: UnGraph<(), ()> = UnGraph::default();
    for &(a, b) in &ends {
        for v in [a, b] {
            if node_of[v as usize] == NONE {
                node_of[v as usize] = graph.add_node(()).index() as u32;
                person_of.push(v);
            }
        }
        graph.update_edge(
            NodeIndex::new(node_of[a as usize] as usize),
            NodeIndex::new(node_of[b as usize] as usize),
            (),
        );
    }
    if person_of.len() > BETWEENNESS_LIMIT {
        return None;
    }
    let scores = rustworkx_core::centrality::betweenness_centrality(&graph, false, true, 200);
    let mut out = vec![None; h.len()];
    for (node, score) in scores.into_iter().enumerate() {
        if let Some(&person) = person_of.get(node) {
            out[person as usize] = score;
        }
    }
    Some(out)
}

fn link_ends(org: &Org, h: &Hierarchy<'_>) -> Vec<(u32, u32)> {
    org.links
        .iter()
        .filter_map(|l| {
            let a = *h.index.get(l.from.as_str())?;
            let b = *h.index.get(l.to.as_str())?;
            (a != b).then_some((a, b))
        })
        .collect()
}
