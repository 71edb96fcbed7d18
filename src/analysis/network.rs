//! Who holds the org together: articulation points and betweenness.

use super::structure::{Hierarchy, NONE};
use crate::model::Org;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Serialize;

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
    for l in &org.links {
        let (Some(&a), Some(&b)) = (h.index.get(l.from.as_str()), h.index.get(l.to.as_str()))
        else {
            continue;
        };
        if a == b {
            continue;
        }
        count += 1;
        loads.links_out[a as usize] += l.weight;
        loads.links_in[b as usize] += l.weight;
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
pub fn link_articulation_points(org: &Org, h: &Hierarchy<'_>) -> Vec<u32> {
    let mut graph: UnGraph<(), ()> = UnGraph::with_capacity(h.len(), org.links.len());
    for _ in 0..h.len() {
        graph.add_node(());
    }
    let mut linked = std::collections::HashSet::new();
    for (a, b) in link_ends(org, h) {
        graph.update_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
        linked.insert(a);
        linked.insert(b);
    }
    let linked = linked.len();
    let mut points: Vec<u32> = petgraph::algo::articulation_points::articulation_points(&graph)
        .into_iter()
        .map(|i| i.index() as u32)
        .filter(|&v| stranded_without(&graph, v) >= (linked / 10).max(3))
        .collect();
    points.sort_unstable();
    points
}

/// How many people lose the largest part of their component when `cut` is taken out.
fn stranded_without(graph: &UnGraph<(), ()>, cut: u32) -> usize {
    let cut = NodeIndex::new(cut as usize);
    let mut seen = vec![false; graph.node_count()];
    if let Some(slot) = seen.get_mut(cut.index()) {
        *slot = true;
    }
    let mut sizes = Vec::new();
    for start in graph.neighbors(cut) {
        if seen[start.index()] {
            continue;
        }
        seen[start.index()] = true;
        let mut stack = vec![start];
        let mut size = 0;
        while let Some(v) = stack.pop() {
            size += 1;
            for w in graph.neighbors(v) {
                if !seen[w.index()] {
                    seen[w.index()] = true;
                    stack.push(w);
                }
            }
        }
        sizes.push(size);
    }
    let total: usize = sizes.iter().sum();
    total - sizes.iter().max().copied().unwrap_or(0)
}
