//! The reporting tree as flat arrays, and the figures of the formal structure.

use crate::model::Org;
use serde::Serialize;

pub use crate::model::{Hierarchy, NONE};

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
        let median = median(&spans).unwrap_or(0.0);
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

/// The median of spans sorted in ascending order; `None` for none.
pub fn median(sorted: &[usize]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2] as f64),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
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
