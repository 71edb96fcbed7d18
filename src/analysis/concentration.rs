//! How concentrated decision authority and decision load are.

use crate::model::Org;
use serde::Serialize;
use std::collections::HashMap;

/// Concentration of a quantity spread over people.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Spread {
    /// Herfindahl–Hirschman index of the shares, 0–10,000.
    pub hhi: f64,
    /// 10,000 / HHI: how many equal holders the spread is worth.
    pub effective: f64,
    /// The person with the largest amount, if anyone has any.
    pub top: Option<String>,
    /// Their share of the total (0–1).
    pub top_share: f64,
}

impl Spread {
    /// The spread of `amounts` (indexed like `org.people`).
    pub fn of(org: &Org, amounts: &[f64]) -> Self {
        let total: f64 = amounts.iter().sum();
        if total.is_nan() || total <= 0.0 {
            return Self::default();
        }
        let hhi: f64 = amounts
            .iter()
            .map(|a| {
                let pct = 100.0 * a / total;
                pct * pct
            })
            .sum();
        let (top, top_amount) =
            amounts.iter().enumerate().fold(
                (0, f64::MIN),
                |best, (i, &a)| if a > best.1 { (i, a) } else { best },
            );
        Self {
            hhi,
            effective: if hhi > 0.0 { 10_000.0 / hhi } else { 0.0 },
            top: org.people.get(top).map(|p| p.id.0.clone()),
            top_share: top_amount / total,
        }
    }
}

/// Concentration of the formal right to decide.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Authority {
    /// Spread of decide rights, each domain weighted by how often it comes up and split
    /// evenly among its deciders.
    #[serde(flatten)]
    pub spread: Spread,
    /// Share of people (0–1) who decide or approve in at least one domain.
    pub holders_share: f64,
    /// The fewest people whose absence leaves more than half of the domains with nobody to
    /// decide (greedy, most domains first); `None` when there are no domains.
    pub bus_factor: Option<usize>,
    /// Who those people are, in the order they were taken out.
    pub bus_factor_people: Vec<String>,
}

/// Decide-right weight per person: Σ over domains of per_month / number of deciders.
pub fn decide_weights(org: &Org, index: &HashMap<&str, u32>) -> Vec<f64> {
    let mut weights = vec![0.0; org.people.len()];
    for d in &org.decisions {
        let deciders: Vec<u32> = d
            .decides
            .iter()
            .filter_map(|id| index.get(id.as_str()).copied())
            .collect();
        for &p in &deciders {
            weights[p as usize] += d.per_month.max(0.0) / deciders.len() as f64;
        }
    }
    weights
}

impl Authority {
    /// The concentration of decision authority in `org`.
    pub fn new(org: &Org, index: &HashMap<&str, u32>) -> Self {
        let weights = decide_weights(org, index);
        let mut holds = vec![false; org.people.len()];
        for d in &org.decisions {
            for id in d.decides.iter().chain(&d.approves) {
                if let Some(&p) = index.get(id.as_str()) {
                    holds[p as usize] = true;
                }
            }
        }
        let holders = holds.iter().filter(|&&h| h).count();
        let (bus_factor, bus_factor_people) = bus_factor(org, index);
        Self {
            spread: Spread::of(org, &weights),
            holders_share: if org.people.is_empty() {
                0.0
            } else {
                holders as f64 / org.people.len() as f64
            },
            bus_factor,
            bus_factor_people,
        }
    }
}

/// Greedy truck factor (Avelino et al. 2016): take away the people who decide the most
/// domains, one at a time, until more than half of the domains have nobody left to decide.
///
/// Taking someone away never changes how many covered domains the others decide, so the
/// greedy order is simply by number of domains decided (ties: earlier in the file).
fn bus_factor(org: &Org, index: &HashMap<&str, u32>) -> (Option<usize>, Vec<String>) {
    let domains = org.decisions.len();
    if domains == 0 {
        return (None, Vec::new());
    }
    let mut holders_left: Vec<usize> = Vec::with_capacity(domains);
    let mut decided_by: Vec<Vec<usize>> = vec![Vec::new(); org.people.len()];
    for (k, d) in org.decisions.iter().enumerate() {
        let mut people: Vec<u32> = d
            .decides
            .iter()
            .filter_map(|id| index.get(id.as_str()).copied())
            .collect();
        people.sort_unstable();
        people.dedup();
        holders_left.push(people.len());
        for p in people {
            decided_by[p as usize].push(k);
        }
    }
    let mut order: Vec<usize> = (0..org.people.len())
        .filter(|&p| !decided_by[p].is_empty())
        .collect();
    order.sort_by_key(|&p| (std::cmp::Reverse(decided_by[p].len()), p));
    let mut uncovered = holders_left.iter().filter(|&&h| h == 0).count();
    let mut removed = Vec::new();
    for p in order {
        if uncovered * 2 > domains {
            break;
        }
        for &k in &decided_by[p] {
            holders_left[k] -= 1;
            if holders_left[k] == 0 {
                uncovered += 1;
            }
        }
        removed.push(org.people[p].id.0.clone());
    }
    (Some(removed.len()), removed)
}
