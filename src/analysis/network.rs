//! Who holds the org together: articulation points and betweenness.

use super::structure::{Hierarchy, NONE};
use crate::model::Org;
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use serde::Serialize;

/// Work (linked people × (linked people + distinct links)) up to which betweenness is exact.
/// Brandes' algorithm costs one breadth-first search per person; above this, it runs from as
/// many sampled people as the same work allows.
pub const EXACT_BETWEENNESS_WORK: usize = 20_000_000;
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
pub fn articulation_points(h: &Hierarchy<'_>, ends: &[(u32, u32, f64)]) -> Vec<u32> {
    let n = h.len();
    let mut graph: UnGraph<(), ()> = UnGraph::with_capacity(n, n + ends.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for (v, &p) in h.parent.iter().enumerate() {
        if p != NONE {
            graph.add_edge(NodeIndex::new(v), NodeIndex::new(p as usize), ());
        }
    }
    for &(a, b, _) in ends {
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
/// Links are directed (`from` seeks `to`), so the shortest paths are directed; weights are
/// how often people seek each other, not distances, so every link counts as one step and
/// repeated links between the same two people as one. Normalised by (n − 1)(n − 2) over the
/// n linked people, as networkx and igraph normalise directed betweenness.
///
/// Exact (rustworkx-core, Brandes 2001) while linked people × (people + links) stays under
/// [`EXACT_BETWEENNESS_WORK`]; above that, estimated from evenly spaced sample sources and
/// scaled up (Brandes & Pich 2007), so a small file with a dense link list cannot take minutes.
pub fn link_betweenness(
    h: &Hierarchy<'_>,
    ends: &[(u32, u32, f64)],
) -> Option<(Vec<Option<f64>>, BetweennessMethod)> {
    if ends.is_empty() {
        return None;
    }
    let mut node_of = vec![NONE; h.len()];
    let mut person_of = Vec::new();
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(ends.len());
    for &(a, b, _) in ends {
        for v in [a, b] {
            if let Some(slot) = node_of.get_mut(v as usize)
                && *slot == NONE
            {
                *slot = person_of.len() as u32;
                person_of.push(v);
            }
        }
        pairs.push((node_of[a as usize], node_of[b as usize]));
    }
    pairs.sort_unstable();
    pairs.dedup();
    let graph: DiGraph<(), ()> = DiGraph::from_edges(pairs.iter().copied());
    let n = person_of.len();
    // One breadth-first search per source costs about people + links.
    let per_source = n + pairs.len();
    let work = n.saturating_mul(per_source);
    let (scores, sources) = if work <= EXACT_BETWEENNESS_WORK {
        (
            rustworkx_core::centrality::betweenness_centrality(&graph, false, true, usize::MAX),
            n,
        )
    } else {
        let k = (EXACT_BETWEENNESS_WORK / per_source.max(1)).clamp(MIN_SOURCES.min(n), n);
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
/// each, scaled by n / k, normalised as rustworkx-core normalises the exact figure. The
/// neighbours sit in one array and predecessors are found again from the distances, so a
/// search allocates nothing.
fn sampled_betweenness(graph: &DiGraph<(), ()>, k: usize) -> Vec<Option<f64>> {
    let n = graph.node_count();
    // Out-links to search forward, in-links to find each person's predecessors.
    let rows = |dir: petgraph::Direction| {
        let mut start = vec![0usize; n + 1];
        for v in 0..n {
            start[v + 1] = start[v] + graph.neighbors_directed(NodeIndex::new(v), dir).count();
        }
        let mut adjacent = vec![0u32; start[n]];
        for v in 0..n {
            for (slot, w) in adjacent[start[v]..start[v + 1]]
                .iter_mut()
                .zip(graph.neighbors_directed(NodeIndex::new(v), dir))
            {
                *slot = w.index() as u32;
            }
        }
        (start, adjacent)
    };
    let (start, adjacent) = rows(petgraph::Direction::Outgoing);
    let (in_start, in_adjacent) = rows(petgraph::Direction::Incoming);
    let mut total = vec![0.0f64; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![u32::MAX; n];
    let mut delta = vec![0.0f64; n];
    let mut order: Vec<u32> = Vec::with_capacity(n);
    let step = n as f64 / k as f64;
    for j in 0..k {
        let s = ((j as f64 * step) as usize).min(n - 1);
        for &v in &order {
            let v = v as usize;
            sigma[v] = 0.0;
            dist[v] = u32::MAX;
            delta[v] = 0.0;
        }
        order.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        order.push(s as u32);
        let mut head = 0;
        while let Some(&v) = order.get(head) {
            head += 1;
            let v = v as usize;
            for &w in &adjacent[start[v]..start[v + 1]] {
                let w = w as usize;
                if dist[w] == u32::MAX {
                    dist[w] = dist[v] + 1;
                    order.push(w as u32);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                }
            }
        }
        for &w in order.iter().rev() {
            let w = w as usize;
            let coeff = (1.0 + delta[w]) / sigma[w];
            for &v in &in_adjacent[in_start[w]..in_start[w + 1]] {
                let v = v as usize;
                if dist[v] != u32::MAX && dist[v] + 1 == dist[w] {
                    delta[v] += sigma[v] * coeff;
                }
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

/// Every link between two different people of the org, as (from, to, weight) by index; worked
/// out once per analysis, since looking ids up is the costly part.
pub fn link_ends(org: &Org, h: &Hierarchy<'_>) -> Vec<(u32, u32, f64)> {
    org.links
        .iter()
        .filter_map(|l| {
            let a = *h.index.get(l.from.as_str())?;
            let b = *h.index.get(l.to.as_str())?;
            (a != b).then_some((a, b, l.weight))
        })
        .collect()
}

/// Someone people go to, with how much.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sought {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Incoming link weight.
    pub links_in: f64,
    /// Share of all incoming weight (0–1).
    pub share: f64,
    /// How many different people seek them.
    pub sought_by: usize,
}

/// The informal network as a whole.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkFigures {
    /// Links between two different people of the org.
    pub links: usize,
    /// Their total weight.
    pub total_weight: f64,
    /// People who seek anyone.
    pub seekers: usize,
    /// Concentration (HHI, 0–10,000) of incoming weight.
    pub in_hhi: f64,
    /// As if this many people received everything.
    pub in_effective: f64,
    /// The most sought people, most first (at most five).
    pub top: Vec<Sought>,
    /// The formal top: the top-level person with the most people below them.
    pub formal_top: Option<String>,
}

/// Per person (in file order): incoming weight, outgoing weight, distinct seekers.
pub struct LinkLoads {
    /// Incoming weight.
    pub links_in: Vec<f64>,
    /// Outgoing weight.
    pub links_out: Vec<f64>,
    /// Distinct people who seek each person.
    pub sought_by: Vec<usize>,
}

/// Weighted, directed link figures: per person and for the org; `None` without links.
pub fn link_figures(
    org: &Org,
    h: &Hierarchy<'_>,
    ends: &[(u32, u32, f64)],
    total_reports: &[u32],
) -> (LinkLoads, Option<NetworkFigures>) {
    let n = h.len();
    let mut loads = LinkLoads {
        links_in: vec![0.0; n],
        links_out: vec![0.0; n],
        sought_by: vec![0; n],
    };
    let mut pairs = std::collections::HashSet::new();
    let mut seekers = std::collections::HashSet::new();
    let mut count = 0;
    for &(a, b, weight) in ends {
        count += 1;
        loads.links_out[a as usize] += weight;
        loads.links_in[b as usize] += weight;
        if pairs.insert((a, b)) {
            loads.sought_by[b as usize] += 1;
        }
        seekers.insert(a);
    }
    let total: f64 = loads.links_in.iter().sum();
    if count == 0 || total <= 0.0 {
        return (loads, None);
    }
    let hhi: f64 = loads
        .links_in
        .iter()
        .map(|w| (w / total * 100.0).powi(2))
        .sum();
    let mut order: Vec<usize> = (0..n).filter(|&i| loads.links_in[i] > 0.0).collect();
    order.sort_by(|&x, &y| {
        loads.links_in[y]
            .total_cmp(&loads.links_in[x])
            .then(x.cmp(&y))
    });
    let top = order
        .iter()
        .take(5)
        .filter_map(|&i| {
            let p = org.people.get(i)?;
            Some(Sought {
                id: p.id.0.clone(),
                name: p.display_name().to_owned(),
                links_in: loads.links_in[i],
                share: loads.links_in[i] / total,
                sought_by: loads.sought_by[i],
            })
        })
        .collect();
    // Only a hierarchy has a formal top: a partnership of peers has none.
    let formal_top = (0..n)
        .filter(|&i| h.parent.get(i) == Some(&NONE))
        .filter(|&i| total_reports.get(i).copied().unwrap_or(0) > 0)
        .max_by_key(|&i| {
            (
                total_reports.get(i).copied().unwrap_or(0),
                std::cmp::Reverse(i),
            )
        })
        .and_then(|i| org.people.get(i))
        .map(|p| p.id.0.clone());
    let figures = NetworkFigures {
        links: count,
        total_weight: total,
        seekers: seekers.len(),
        in_hhi: hhi,
        in_effective: if hhi > 0.0 { 10_000.0 / hhi } else { 0.0 },
        top,
        formal_top,
    };
    (loads, Some(figures))
}

/// People whose absence splits the peer-link network alone (links taken both ways) so that a
/// tenth of the linked people (at least three) lose every path to the rest: a cut point that
/// only strands somebody who talks to nobody else is not a broker.
///
/// One depth-first search (Hopcroft–Tarjan) finds the cut points and, for each, the sizes of
/// the pieces it holds together, in O(people + links).
pub fn link_articulation_points(h: &Hierarchy<'_>, ends: &[(u32, u32, f64)]) -> Vec<u32> {
    let n = h.len();
    let mut pairs: Vec<(u32, u32)> = ends.iter().map(|&(a, b, _)| (a.min(b), a.max(b))).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut degree = vec![0usize; n + 1];
    for &(a, b) in &pairs {
        degree[a as usize] += 1;
        degree[b as usize] += 1;
    }
    // Adjacency in one array (compressed rows).
    let mut start = vec![0usize; n + 1];
    for v in 0..n {
        start[v + 1] = start[v] + degree[v];
    }
    let mut fill = start.clone();
    let mut adjacent = vec![0u32; start[n]];
    for &(a, b) in &pairs {
        adjacent[fill[a as usize]] = b;
        fill[a as usize] += 1;
        adjacent[fill[b as usize]] = a;
        fill[b as usize] += 1;
    }
    let linked = (0..n).filter(|&v| degree[v] > 0).count();
    let threshold = (linked / 10).max(3);
    const UNSEEN: u32 = u32::MAX;
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut size = vec![1usize; n];
    // Per vertex: the sizes of the pieces it cuts off (children whose low ≥ its discovery).
    let mut cut_off = vec![0usize; n];
    let mut largest_cut = vec![0usize; n];
    let mut is_cut = vec![false; n];
    let mut points = Vec::new();
    let mut time = 0u32;
    for root in 0..n {
        if disc[root] != UNSEEN || degree[root] == 0 {
            continue;
        }
        // Iterative DFS: (vertex, parent, next neighbour position).
        let mut stack: Vec<(u32, u32, usize)> = vec![(root as u32, UNSEEN, start[root])];
        // This component's people, to judge its cut points without scanning everybody.
        let mut members: Vec<u32> = vec![root as u32];
        disc[root] = time;
        low[root] = time;
        time += 1;
        let mut root_children = 0;
        while let Some(&mut (v, parent, ref mut next)) = stack.last_mut() {
            let vu = v as usize;
            if *next < start[vu + 1] {
                let w = adjacent[*next];
                *next += 1;
                let wu = w as usize;
                if disc[wu] == UNSEEN {
                    disc[wu] = time;
                    low[wu] = time;
                    time += 1;
                    if v as usize == root {
                        root_children += 1;
                    }
                    members.push(w);
                    stack.push((w, v, start[wu]));
                } else if w != parent {
                    low[vu] = low[vu].min(disc[wu]);
                }
            } else {
                stack.pop();
                if parent != UNSEEN {
                    let pu = parent as usize;
                    low[pu] = low[pu].min(low[vu]);
                    size[pu] += size[vu];
                    if low[vu] >= disc[pu] {
                        is_cut[pu] = true;
                        cut_off[pu] += size[vu];
                        largest_cut[pu] = largest_cut[pu].max(size[vu]);
                    }
                }
            }
        }
        let component = size[root];
        // The root is a cut point only with two or more children.
        if root_children < 2 {
            is_cut[root] = false;
        }
        for &member in &members {
            let v = member as usize;
            if !is_cut[v] {
                continue;
            }
            // Pieces: each cut-off child subtree, and (unless v is the root) the rest above v.
            let above = if v == root {
                0
            } else {
                component - 1 - cut_off[v]
            };
            let largest = largest_cut[v].max(above);
            let stranded = component - 1 - largest;
            if stranded >= threshold {
                points.push(v as u32);
            }
            is_cut[v] = false;
        }
    }
    points.sort_unstable();
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sampling every source is the exact figure: the sampled search agrees with rustworkx's
    /// Brandes on a random directed graph.
    #[test]
    fn sampling_every_source_is_exact() {
        let mut rng = crate::generate::Rng::new(3);
        let n = 60;
        let mut pairs: Vec<(u32, u32)> = (0..400)
            .map(|_| (rng.range(0, n - 1) as u32, rng.range(0, n - 1) as u32))
            .filter(|(a, b)| a != b)
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let graph: DiGraph<(), ()> = DiGraph::from_edges(pairs.iter().copied());
        let exact =
            rustworkx_core::centrality::betweenness_centrality(&graph, false, true, usize::MAX);
        let sampled = sampled_betweenness(&graph, graph.node_count());
        for (e, s) in exact.iter().zip(&sampled) {
            let (e, s) = (e.unwrap_or(0.0), s.unwrap_or(0.0));
            assert!((e - s).abs() < 1e-12, "{e} vs {s}");
        }
    }
}
