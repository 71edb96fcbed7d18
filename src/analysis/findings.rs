//! Plain-language warnings about where the org funnels decisions.

use super::Analysis;
use super::report::percent;
use super::structure::Hierarchy;
use crate::model::{Org, Thresholds};
use serde::Serialize;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// One person handles a large share of all decisions.
    Funnel,
    /// Few people hold most of the right to decide.
    HighConcentration,
    /// Losing one or two people leaves most domains with nobody to decide.
    BusFactor,
    /// One person is the only one who can make many decisions.
    SingleHolder,
    /// A manager with many direct reports.
    WideSpan,
    /// A decision domain nobody may decide.
    NoDecider,
    /// More layers than the headcount needs.
    TooManyLayers,
    /// A manager with exactly one direct report.
    OneOverOne,
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Decisions are stuck or at serious risk.
    Critical,
    /// Worth acting on.
    Warning,
    /// Worth knowing.
    Info,
}

/// One warning, with the people and domains it is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// Ids of the people involved.
    pub people: Vec<String>,
    /// Ids of the decision domains involved.
    pub domains: Vec<String>,
    /// One sentence for the user.
    pub message: String,
}

fn names(org: &Org, ids: &[String], most: usize) -> String {
    let mut shown: Vec<String> = ids
        .iter()
        .take(most)
        .map(|id| {
            org.decisions
                .iter()
                .find(|d| d.id.0 == *id)
                .map(|d| d.name.clone())
                .unwrap_or_else(|| id.clone())
        })
        .collect();
    if ids.len() > most {
        shown.push(format!("{} more", ids.len() - most));
    }
    shown.join(", ")
}

/// Every finding for `org`, most severe first; within a kind, the biggest first.
pub fn findings(org: &Org, h: &Hierarchy<'_>, a: &Analysis, t: &Thresholds) -> Vec<Finding> {
    let mut out = Vec::new();
    let person = |i: usize| &org.people[i];

    // Funnels, largest share first.
    let mut funnels: Vec<(usize, f64, f64)> = a
        .persons
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.hierarchical.share >= t.funnel_share || p.distributed.share >= t.funnel_share
        })
        .map(|(i, p)| (i, p.hierarchical.share, p.distributed.share))
        .collect();
    funnels.sort_by(|x, y| y.1.max(y.2).total_cmp(&x.1.max(x.2)).then(x.0.cmp(&y.0)));
    for (i, h, d) in funnels {
        let p = person(i);
        let message = if h >= t.funnel_share && d >= t.funnel_share {
            format!(
                "{} handles {} of all decisions when they climb the reporting lines, and still {} when each goes straight to whoever holds the right: they are the funnel either way.",
                p.display_name(),
                percent(h),
                percent(d)
            )
        } else if h >= t.funnel_share {
            format!(
                "{} handles {} of all decisions when they climb the reporting lines, but only {} when each goes straight to whoever holds the right: the chain of command makes them the funnel.",
                p.display_name(),
                percent(h),
                percent(d)
            )
        } else {
            format!(
                "{} holds the right to {} of all decisions even when they go straight to the decider ({} through the reporting lines).",
                p.display_name(),
                percent(d),
                percent(h)
            )
        };
        out.push(Finding {
            kind: FindingKind::Funnel,
            severity: if h.max(d) >= 0.5 {
                Severity::Critical
            } else {
                Severity::Warning
            },
            people: vec![p.id.0.clone()],
            domains: Vec::new(),
            message,
        });
    }

    let auth = &a.concentration.authority;
    if auth.spread.hhi > t.high_hhi {
        out.push(Finding {
            kind: FindingKind::HighConcentration,
            severity: if auth.spread.effective < 2.0 {
                Severity::Critical
            } else {
                Severity::Warning
            },
            people: auth.spread.top.iter().cloned().collect(),
            domains: Vec::new(),
            message: format!(
                "The right to decide is highly concentrated: HHI {:.0} (above {:.0}), as if only {:.1} people decided everything.",
                auth.spread.hhi, t.high_hhi, auth.spread.effective
            ),
        });
    }
    if let Some(bf) = auth.bus_factor
        && bf <= 2
        && !org.decisions.is_empty()
    {
        let who: Vec<String> = auth
            .bus_factor_people
            .iter()
            .filter_map(|id| org.person(id).map(|p| p.display_name().to_owned()))
            .collect();
        let message = if bf == 0 {
            "More than half of the decision domains have nobody who may decide them.".to_owned()
        } else {
            format!(
                "Bus factor {bf}: if {} were away, more than half of the decision domains would have nobody left to decide them.",
                who.join(" and ")
            )
        };
        out.push(Finding {
            kind: FindingKind::BusFactor,
            severity: if bf <= 1 {
                Severity::Critical
            } else {
                Severity::Warning
            },
            people: auth.bus_factor_people.clone(),
            domains: Vec::new(),
            message,
        });
    }

    // Sole deciders of many domains, most domains first.
    let mut sole: Vec<(usize, Vec<String>)> = a
        .persons
        .iter()
        .enumerate()
        .filter(|(_, p)| p.sole_decider_of.len() >= t.single_holder_domains)
        .map(|(i, p)| (i, p.sole_decider_of.clone()))
        .collect();
    sole.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then(x.0.cmp(&y.0)));
    for (i, domains) in sole {
        let p = person(i);
        out.push(Finding {
            kind: FindingKind::SingleHolder,
            severity: if domains.len() >= 2 * t.single_holder_domains {
                Severity::Critical
            } else {
                Severity::Warning
            },
            people: vec![p.id.0.clone()],
            message: format!(
                "Only {} may decide {} domains ({}); when they are busy or away, these decisions wait.",
                p.display_name(),
                domains.len(),
                names(org, &domains, 4)
            ),
            domains,
        });
    }

    // Wide spans, widest first.
    let mut wide: Vec<(usize, usize)> = a
        .persons
        .iter()
        .enumerate()
        .filter(|(_, p)| p.direct_reports > t.wide_span)
        .map(|(i, p)| (i, p.direct_reports))
        .collect();
    wide.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    for (i, span) in wide {
        let p = person(i);
        out.push(Finding {
            kind: FindingKind::WideSpan,
            severity: if span > 2 * t.wide_span {
                Severity::Critical
            } else {
                Severity::Warning
            },
            people: vec![p.id.0.clone()],
            domains: Vec::new(),
            message: format!(
                "{} has {span} direct reports (more than {}): too many to coach, and a queue for everything they must sign off.",
                p.display_name(),
                t.wide_span
            ),
        });
    }

    for d in &org.decisions {
        if d.decides.is_empty() {
            out.push(Finding {
                kind: FindingKind::NoDecider,
                severity: Severity::Warning,
                people: Vec::new(),
                domains: vec![d.id.0.clone()],
                message: format!(
                    "Nobody may decide “{}” ({} a month): in the hierarchy it climbs to the top and waits there.",
                    d.name,
                    trim_number(d.per_month)
                ),
            });
        }
    }

    let s = &a.structure;
    if s.layers >= s.min_layers + t.extra_layers && s.people > 1 && s.layers > s.min_layers {
        out.push(Finding {
            kind: FindingKind::TooManyLayers,
            severity: Severity::Warning,
            people: Vec::new(),
            domains: Vec::new(),
            message: format!(
                "The org has {} layers, but {} people need only {} at a span of {}: every extra layer is one more stop for decisions that climb.",
                s.layers, s.people, s.min_layers, t.target_span
            ),
        });
    }

    for (i, p) in a.persons.iter().enumerate() {
        if p.direct_reports == 1 {
            let manager = person(i);
            let report = h
                .children_of(i as u32)
                .first()
                .and_then(|&r| org.people.get(r as usize))
                .map(|r| r.display_name())
                .unwrap_or("one person");
            out.push(Finding {
                kind: FindingKind::OneOverOne,
                severity: Severity::Info,
                people: vec![manager.id.0.clone()],
                domains: Vec::new(),
                message: format!(
                    "{} manages only {report}: a one-over-one layer adds a stop without adding reach.",
                    manager.display_name()
                ),
            });
        }
    }

    out.sort_by_key(|f| f.severity);
    out
}

/// "4", "2.5": a rate without needless decimals.
pub fn trim_number(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
