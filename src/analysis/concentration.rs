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
        if !(total > 0.0) {
            return Self::default();
        }
        let hhi: f64 = amounts
            .iter()
            .map(|a| {
                let pct = 100.0 * a / total;
                pct * pct
            })
            .sum();
        let (top, top_amount) = amounts
            .iter()
            .enumerate()
            .fold((0, f64::MIN), |best, (i, &a)| if a > best.1 { (i, a) } else { best });
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
pub fn decide_weights(org: &Org, index: &HashMap<String, u32>) -> Vec<f64> {
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
    pub fn new(org: &Org, index: &HashMap<String, u32>) -> Self {
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

/// Greedy truck factor (Avelino et al. 2016): remove the person who decides the most domains
/// still covered until more than half of the domains have nobody left to decide.
fn bus_factor(org: &Org, index: &HashMap<String, u32>) -> (Option<usize>, Vec<String>) {
    let domains = org.decisions.len();
    if domains == 0 {
        return (None, Vec::new());
    }
    let mut deciders: Vec<Vec<u32>> = org
        .decisions
        .iter()
        .map(|d| {
            let mut v: Vec<u32> = d
                .decides
                .iter()
                .filter_map(|id| index.get(id.as_str()).copied())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut removed = Vec::new();
    loop {
        let uncovered = deciders.iter().filter(|d| d.is_empty()).count();
        if uncovered * 2 > domains {
            return (Some(removed.len()), removed);
        }
        let mut counts: HashMap<u32, usize> = HashMap::new();
        for d in &deciders {
            for &p in d {
                *counts.entry(p).or_default() += 1;
            }
        }
        let Some((&person, _)) = counts.iter().max_by_key(|&(&p, &c)| (c, std::cmp::Reverse(p)))
        else {
            return (Some(removed.len()), removed);
        };
        for d in &mut deciders {
            d.retain(|&p| p != person);
        }
        if let Some(p) = org.people.get(person as usize) {
            removed.push(p.id.0.clone());
        }
    }
}
