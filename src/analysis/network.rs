//! Who holds the org together: articulation points and betweenness.

use super::structure::{Hierarchy, NONE};
use crate::model::Org;
use petgraph::graph::{NodeIndex, UnGraph};

/// Work (linked people × distinct links) up to which betweenness is exact. Brandes' algorithm
/// costs one breadth-first search per person; above this, it runs from a sample of people.
pub const EXACT_BETWEENNESS_WORK: usize = 50_000_000;
/// The fewest sources a sampled betweenness uses, however many links there are.
const MIN_SOURCES: usize = 16;

/// How betweenness was computed, for the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BetweennessMethod {
    /// People in the peer-link network.
    pub people: usize,
    /// Distinct links between them.
    pub links: usize,
    /// Searches run from this many people: all of them when exact, a sample otherwise.
    pub sources: usize,
    /// True when `sources` is every linked person.
    pub exact: bool,
}

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
/// links), with how it was computed; `None` when there are no links.
///
/// Exact (rustworkx-core, Brandes 2001) while linked people × links stays under
/// [`EXACT_BETWEENNESS_WORK`]; above that, estimated from evenly spaced sample sources and
/// scaled up (Brandes & Pich 2007), so a small file with a dense link list cannot take minutes.
pub fn link_betweenness(
    org: &Org,
    h: &Hierarchy<'_>,
) -> Option<(Vec<Option<f64>>, BetweennessMethod)> {
    let ends = link_ends(org, h);
    if ends.is_empty() {
        return None;
    }
    let mut node_of = vec![NONE; h.len()];
    let mut person_of = Vec::new();
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(ends.len());
    for &(a, b) in &ends {
        for v in [a, b] {
            if let Some(slot) = node_of.get_mut(v as usize)
                && *slot == NONE
            {
                *slot = person_of.len() as u32;
                person_of.push(v);
            }
        }
        let (x, y) = (node_of[a as usize], node_of[b as usize]);
        pairs.push((x.min(y), x.max(y)));
    }
    pairs.sort_unstable();
    pairs.dedup();
    let graph: UnGraph<(), ()> = UnGraph::from_edges(pairs.iter().copied());
    let n = person_of.len();
    let work = n.saturating_mul(pairs.len());
    let (scores, sources) = if work <= EXACT_BETWEENNESS_WORK {
        (
            rustworkx_core::centrality::betweenness_centrality(&graph, false, true, usize::MAX),
            n,
        )
    } else {
        let k = (EXACT_BETWEENNESS_WORK / pairs.len().max(1)).clamp(MIN_SOURCES.min(n), n);
        (sampled_betweenness(&graph, k), k)
    };
    let mut out = vec![None; h.len()];
    for (node, score) in scores.into_iter().enumerate() {
        if let Some(&person) = person_of.get(node)
            && let Some(slot) = out.get_mut(person as usize)
        {
            *slot = score;
        }
    }
    let method = BetweennessMethod {
        people: n,
        links: pairs.len(),
        sources,
        exact: sources == n,
    };
    Some((out, method))
}

/// Betweenness estimated from `k` evenly spaced sources: Brandes' dependency accumulation from
/// each, scaled by n / k, normalised as rustworkx-core normalises the exact figure.
fn sampled_betweenness(graph: &UnGraph<(), ()>, k: usize) -> Vec<Option<f64>> {
    let n = graph.node_count();
    let mut total = vec![0.0f64; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![u32::MAX; n];
    let mut delta = vec![0.0f64; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let step = n as f64 / k as f64;
    for j in 0..k {
        let s = ((j as f64 * step) as usize).min(n - 1);
        for v in order.drain(..) {
            sigma[v] = 0.0;
            dist[v] = u32::MAX;
            delta[v] = 0.0;
            preds[v].clear();
        }
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for w in graph.neighbors(NodeIndex::new(v)).map(|w| w.index()) {
                if dist[w] == u32::MAX {
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
            let coeff = (1.0 + delta[w]) / sigma[w];
            for &v in &preds[w] {
                delta[v] += sigma[v] * coeff;
            }
            if w != s {
                total[w] += delta[w];
            }
        }
    }
    let scale = if n > 2 {
        (n as f64 / k as f64) / ((n - 1) * (n - 2)) as f64
    } else {
        0.0
    };
    total.into_iter().map(|b| Some(b * scale)).collect()
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
