//! The reporting tree as flat arrays, and the figures of the formal structure.

use crate::model::Org;
use serde::Serialize;
use std::collections::HashMap;

/// No parent: a top-level person.
pub const NONE: u32 = u32::MAX;

/// The reporting lines of an org as flat arrays indexed like `org.people`.
///
/// Built once per analysis; people caught in a reporting cycle (which validation refuses)
/// are left out of `order` rather than looping.
#[derive(Clone, Debug)]
pub struct Hierarchy<'a> {
    /// Index of each person's manager, or [`NONE`].
    pub parent: Vec<u32>,
    /// `children[child_start[v]..child_start[v + 1]]` are v's direct reports, in file order.
    pub child_start: Vec<u32>,
    /// Direct reports of everybody, grouped by manager.
    pub children: Vec<u32>,
    /// Everybody reachable from a top-level person, managers before their reports.
    pub order: Vec<u32>,
    /// Distance from the top (0 for a top-level person).
    pub depth: Vec<u32>,
    /// Top-level people, in file order.
    pub roots: Vec<u32>,
    /// Person index by id, shared with [`Hierarchy::acting`] (a million ids are not copied).
    pub index: std::rc::Rc<HashMap<&'a str, u32>>,
}

impl<'a> Hierarchy<'a> {
    /// Indexes the reporting lines of `org`.
    pub fn new(org: &'a Org) -> Self {
        let mut index: HashMap<&str, u32> = HashMap::with_capacity(org.people.len());
        for (i, p) in org.people.iter().enumerate() {
            index.entry(p.id.as_str()).or_insert(i as u32);
        }
        let parent: Vec<u32> = org
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.manager
                    .as_ref()
                    .and_then(|m| index.get(m.as_str()).copied())
                    .filter(|&m| m as usize != i)
                    .unwrap_or(NONE)
            })
            .collect();
        Self::from_parents(parent, std::rc::Rc::new(index))
    }

    /// The reporting lines among the people who can act ([`crate::model::Person::can_act`]):
    /// everybody who can reports to the nearest manager above them who can too, and the
    /// others stand alone, raising nothing and reached by nothing. `None` when everybody can
    /// act, so the full tree serves as it is.
    pub fn acting(&self, org: &Org) -> Option<Self> {
        let can: Vec<bool> = org.people.iter().map(|p| p.can_act()).collect();
        if can.iter().all(|&c| c) {
            return None;
        }
        // Managers come before their reports in `order`, so each nearest acting manager is
        // known by the time their reports are reached.
        let mut nearest = vec![NONE; self.len()];
        let mut parent = vec![NONE; self.len()];
        for &v in &self.order {
            let v = v as usize;
            let p = self.parent[v];
            let above = if p == NONE { NONE } else { nearest[p as usize] };
            if can[v] {
                parent[v] = above;
                nearest[v] = v as u32;
            } else {
                nearest[v] = above;
            }
        }
        Some(Self::from_parents(parent, self.index.clone()))
    }

    /// The tree from each person's manager index (or [`NONE`]).
    fn from_parents(parent: Vec<u32>, index: std::rc::Rc<HashMap<&'a str, u32>>) -> Self {
        let n = parent.len();
        let mut child_start = vec![0u32; n + 1];
        for &p in &parent {
            if p != NONE {
                child_start[p as usize + 1] += 1;
            }
        }
        for i in 0..n {
            child_start[i + 1] += child_start[i];
        }
        let mut fill = child_start.clone();
        let mut children = vec![0u32; child_start[n] as usize];
        for (v, &p) in parent.iter().enumerate() {
            if p != NONE {
                children[fill[p as usize] as usize] = v as u32;
                fill[p as usize] += 1;
            }
        }
        let roots: Vec<u32> = (0..n as u32)
            .filter(|&v| parent[v as usize] == NONE)
            .collect();
        let mut order = Vec::with_capacity(n);
        let mut depth = vec![0u32; n];
        order.extend_from_slice(&roots);
        let mut head = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            for &c in &children[child_start[v] as usize..child_start[v + 1] as usize] {
                depth[c as usize] = depth[v] + 1;
                order.push(c);
            }
        }
        Self {
            parent,
            child_start,
            children,
            order,
            depth,
            roots,
            index,
        }
    }

    /// Number of people.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// True for an org with nobody in it.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// The direct reports of `v`.
    pub fn children_of(&self, v: u32) -> &[u32] {
        let v = v as usize;
        match (self.child_start.get(v), self.child_start.get(v + 1)) {
            (Some(&a), Some(&b)) => &self.children[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Number of direct reports of `v`.
    pub fn span(&self, v: u32) -> usize {
        self.children_of(v).len()
    }

    /// Everybody below each person (all reports, direct or not).
    pub fn total_reports(&self) -> Vec<u32> {
        let mut total = vec![0u32; self.len()];
        for &v in self.order.iter().rev() {
            let p = self.parent[v as usize];
            if p != NONE {
                total[p as usize] += total[v as usize] + 1;
            }
        }
        total
    }
}

/// The figures of the formal structure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Structure {
    /// Number of people, open positions included.
    pub people: usize,
    /// Number of open positions.
    pub vacancies: usize,
    /// People with at least one direct report.
    pub managers: usize,
    /// 1 + the deepest level below the top.
    pub layers: usize,
    /// The fewest layers this headcount needs at the target span.
    pub min_layers: usize,
    /// Direct reports per manager: smallest, mean, median, largest.
    pub span: SpanStats,
}

/// Statistics of the span of control over managers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpanStats {
    /// Smallest span among managers.
    pub min: usize,
    /// Mean span among managers.
    pub mean: f64,
    /// Median span among managers.
    pub median: f64,
    /// Largest span.
    pub max: usize,
}

impl Structure {
    /// Computes the structure figures; `target_span` sets the minimum-layers yardstick.
    pub fn new(org: &Org, h: &Hierarchy<'_>, target_span: usize) -> Self {
        let mut spans: Vec<usize> = (0..h.len() as u32)
            .map(|v| h.span(v))
            .filter(|&s| s > 0)
            .collect();
        spans.sort_unstable();
        let managers = spans.len();
        let median = match managers {
            0 => 0.0,
            m if m % 2 == 1 => spans[m / 2] as f64,
            m => (spans[m / 2 - 1] + spans[m / 2]) as f64 / 2.0,
        };
        let layers = h.depth.iter().max().map_or(0, |&d| d as usize + 1);
        Self {
            people: h.len(),
            vacancies: org.people.iter().filter(|p| p.vacant).count(),
            managers,
            layers,
            min_layers: min_layers(h.len(), target_span),
            span: SpanStats {
                min: spans.first().copied().unwrap_or(0),
                mean: if managers == 0 {
                    0.0
                } else {
                    spans.iter().sum::<usize>() as f64 / managers as f64
                },
                median,
                max: spans.last().copied().unwrap_or(0),
            },
        }
    }
}

/// L_min = ⌈log_s(N(s−1)+1)⌉: the fewest layers that hold `people` at span `s` (Bain).
pub fn min_layers(people: usize, span: usize) -> usize {
    if people == 0 {
        return 0;
    }
    let s = span.max(2);
    // Integer form of the formula: the smallest L with (s^L − 1)/(s − 1) ≥ N.
    let mut layers = 0;
    let mut capacity: u128 = 0;
    let mut level: u128 = 1;
    while capacity < people as u128 {
        capacity += level;
        level = level.saturating_mul(s as u128);
        layers += 1;
    }
    layers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn org(parents: &[Option<usize>]) -> Org {
        Org {
            people: parents
                .iter()
                .enumerate()
                .map(|(i, p)| Person {
                    manager: p.map(|m| format!("p{m}").as_str().into()),
                    ..Person::new(&format!("p{i}"), "P")
                })
                .collect(),
            ..Org::default()
        }
    }

    #[test]
    fn managers_come_before_their_reports() {
        let org = org(&[Some(2), None, Some(1), Some(0)]);
        let h = Hierarchy::new(&org);
        assert_eq!(h.roots, vec![1]);
        assert_eq!(h.order, vec![1, 2, 0, 3]);
        assert_eq!(h.depth, vec![2, 0, 1, 3]);
        assert_eq!(h.children_of(2), &[0]);
        assert_eq!(h.total_reports(), vec![1, 3, 2, 0]);
    }

    #[test]
    fn people_in_a_cycle_are_left_out_rather_than_looping() {
        let org = org(&[None, Some(2), Some(1)]);
        let h = Hierarchy::new(&org);
        assert_eq!(h.order, vec![0]);
        assert_eq!(h.total_reports(), vec![0, 0, 0]);
    }

    #[test]
    fn an_unknown_index_has_no_children() {
        let org = org(&[None]);
        assert!(Hierarchy::new(&org).children_of(7).is_empty());
    }
}
