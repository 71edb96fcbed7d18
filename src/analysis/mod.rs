//! The analysis: structure, decision routing in both readings, concentration, who holds the
//! org together, and the findings. Pure functions of the org; the output is deterministic.

mod concentration;
mod findings;
mod network;
mod report;
mod routing;
pub mod structure;

pub use concentration::{Authority, Spread, decide_weights};
pub use findings::{Finding, FindingKind, Severity, findings, trim_number};
pub use network::{BetweennessMethod, EXACT_BETWEENNESS_WORK, NetworkFigures, Sought};
pub use report::{percent, text_report, thousands};
pub use routing::{Routing, route};
pub use structure::{Hierarchy, SpanStats, Structure, min_layers};

use crate::model::{Org, Thresholds};
use serde::Serialize;

/// Everything orgflow measures about one org.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// The org's name.
    pub name: String,
    /// Number of people (open positions included).
    pub people: usize,
    /// Ids of the top-level people.
    pub roots: Vec<String>,
    /// 1 + the deepest level.
    pub layers: usize,
    /// The widest span of control, if anybody manages anyone.
    pub max_span: Option<MaxSpan>,
    /// The formal structure's figures.
    pub structure: Structure,
    /// Decisions per month raised in the whole org.
    pub decisions_per_month: f64,
    /// Figures of each reading, side by side.
    pub readings: Readings,
    /// Concentration of authority and of load.
    pub concentration: Concentration,
    /// Ids of the people whose absence would split the org (reporting lines and peer links).
    pub articulation_points: Vec<String>,
    /// How the betweenness of the peer-link network was computed (exact, or from a sample of
    /// sources on a large network); `None` without links.
    pub betweenness: Option<network::BetweennessMethod>,
    /// The informal network (who people go to), when the org has links.
    pub network: Option<network::NetworkFigures>,
    /// Per person, in file order.
    pub persons: Vec<PersonFigures>,
    /// Per decision domain, in file order.
    pub domains: Vec<DomainFigures>,
    /// The warnings, most severe first.
    pub findings: Vec<Finding>,
    /// The thresholds the findings used.
    pub thresholds: Thresholds,
}

/// The manager with the most direct reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MaxSpan {
    /// Their id.
    pub id: String,
    /// How many direct reports.
    pub count: usize,
}

/// The headline figures of both readings.
#[derive(Clone, Debug, Serialize)]
pub struct Readings {
    /// Decisions climb the chain of command.
    pub hierarchical: ReadingFigures,
    /// Decisions go straight to whoever holds the right.
    pub distributed: ReadingFigures,
}

/// The headline figures of one reading.
#[derive(Clone, Debug, Serialize)]
pub struct ReadingFigures {
    /// Mean number of hand-offs a decision takes to reach its decider and approvers.
    pub mean_hops: f64,
    /// Spread of the load over people.
    pub load: Spread,
    /// The person with the largest share of all decisions, and that share (0–1).
    pub top: Option<String>,
    /// Share (0–1) of all decisions the top person handles.
    pub top_share: f64,
}

/// Concentration of decision authority and of decision load.
#[derive(Clone, Debug, Serialize)]
pub struct Concentration {
    /// Of the right to decide.
    pub authority: Authority,
}

/// One person's load in one reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Load {
    /// Decisions per month that pass through or reach them (their own raising excluded).
    pub load: f64,
    /// That load as a share (0–1) of all decisions raised per month. A decision that reaches
    /// a person on two routes (decider and approver) counts twice.
    pub share: f64,
}

/// The figures of one person.
#[derive(Clone, Debug, Serialize)]
pub struct PersonFigures {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their manager's id.
    pub manager: Option<String>,
    /// Number of direct reports.
    pub direct_reports: usize,
    /// Number of people below them.
    pub total_reports: usize,
    /// Levels below the top (0 for a top-level person).
    pub level: usize,
    /// Load when decisions climb the reporting lines.
    pub hierarchical: Load,
    /// Load when decisions go straight to the holder of the right.
    pub distributed: Load,
    /// Decisions per month crossing the line to their manager (hierarchical reading).
    pub line_to_manager: f64,
    /// Ids of the domains they may decide.
    pub decides: Vec<String>,
    /// Ids of the domains they must approve.
    pub approves: Vec<String>,
    /// Ids of the domains where they are consulted.
    pub consulted: Vec<String>,
    /// Ids of the domains only they may decide.
    pub sole_decider_of: Vec<String>,
    /// Normalised betweenness in the peer-link network, when they have links.
    pub betweenness: Option<f64>,
    /// Weight of the links that come to them (people seeking them out).
    pub links_in: f64,
    /// Weight of the links they make.
    pub links_out: f64,
    /// Their share of all incoming link weight (0–1).
    pub links_in_share: f64,
    /// How many different people seek them.
    pub sought_by: usize,
    /// Whether their absence splits the peer-link network alone.
    pub link_articulation_point: bool,
    /// Whether their absence would split the org.
    pub articulation_point: bool,
}

/// The figures of one decision domain.
#[derive(Clone, Debug, Serialize)]
pub struct DomainFigures {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How often it comes up per month.
    pub per_month: f64,
    /// How many people may decide it.
    pub deciders: usize,
    /// How many must approve it.
    pub approvers: usize,
}

/// Analyses `org` with its own thresholds.
pub fn analyze(org: &Org) -> Analysis {
    analyze_with(org, &org.thresholds())
}

/// Analyses `org` with the given thresholds.
pub fn analyze_with(org: &Org, thresholds: &Thresholds) -> Analysis {
    let h = Hierarchy::new(org);
    let structure = Structure::new(org, &h, thresholds.target_span);
    let routing = route(org, &h);
    let total_reports = h.total_reports();
    let ends = network::link_ends(org, &h);
    let articulation = network::articulation_points(&h, &ends);
    let betweenness = network::link_betweenness(&h, &ends);
    let (link_loads, network_figures) = network::link_figures(org, &h, &ends, &total_reports);
    let link_total: f64 = link_loads.links_in.iter().sum();
    let mut link_articulation = vec![false; org.people.len()];
    if network_figures.is_some() {
        for p in network::link_articulation_points(&h, &ends) {
            if let Some(slot) = link_articulation.get_mut(p as usize) {
                *slot = true;
            }
        }
    }

    let n = org.people.len();
    let mut decides = vec![Vec::new(); n];
    let mut approves = vec![Vec::new(); n];
    let mut consulted = vec![Vec::new(); n];
    let mut sole = vec![Vec::new(); n];
    for d in &org.decisions {
        for (lists, ids) in [
            (&mut decides, &d.decides),
            (&mut approves, &d.approves),
            (&mut consulted, &d.consulted),
        ] {
            for id in ids {
                if let Some(&p) = h.index.get(id.as_str()) {
                    lists[p as usize].push(d.id.0.clone());
                }
            }
        }
        if let [only] = d.decides.as_slice()
            && let Some(&p) = h.index.get(only.as_str())
        {
            sole[p as usize].push(d.id.0.clone());
        }
    }

    let total = routing.total_per_month;
    let share = |load: f64| if total > 0.0 { load / total } else { 0.0 };
    let mut is_articulation = vec![false; n];
    for &p in &articulation {
        is_articulation[p as usize] = true;
    }
    let persons: Vec<PersonFigures> = org
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| PersonFigures {
            id: p.id.0.clone(),
            name: p.display_name().to_owned(),
            manager: p.manager.as_ref().map(|m| m.0.clone()),
            direct_reports: h.span(i as u32),
            total_reports: total_reports[i] as usize,
            level: h.depth[i] as usize,
            hierarchical: Load {
                load: routing.hierarchical[i],
                share: share(routing.hierarchical[i]),
            },
            distributed: Load {
                load: routing.distributed[i],
                share: share(routing.distributed[i]),
            },
            line_to_manager: routing.line_to_manager[i],
            decides: std::mem::take(&mut decides[i]),
            approves: std::mem::take(&mut approves[i]),
            consulted: std::mem::take(&mut consulted[i]),
            sole_decider_of: std::mem::take(&mut sole[i]),
            betweenness: betweenness
                .as_ref()
                .and_then(|(b, _)| b.get(i).copied().flatten()),
            links_in: link_loads.links_in[i],
            links_out: link_loads.links_out[i],
            links_in_share: if link_total > 0.0 {
                link_loads.links_in[i] / link_total
            } else {
                0.0
            },
            sought_by: link_loads.sought_by[i],
            link_articulation_point: link_articulation[i],
            articulation_point: is_articulation[i],
        })
        .collect();

    let reading = |loads: &[f64], hops: f64| {
        let spread = Spread::of(org, loads);
        let top_load = spread
            .top
            .as_ref()
            .and_then(|id| h.index.get(id.as_str()))
            .map_or(0.0, |&i| loads[i as usize]);
        ReadingFigures {
            mean_hops: if total > 0.0 { hops / total } else { 0.0 },
            top: spread.top.clone(),
            top_share: share(top_load),
            load: spread,
        }
    };
    let readings = Readings {
        hierarchical: reading(&routing.hierarchical, routing.hierarchical_hops),
        distributed: reading(&routing.distributed, routing.distributed_hops),
    };

    let max_span = persons
        .iter()
        .enumerate()
        .max_by_key(|(i, p)| (p.direct_reports, std::cmp::Reverse(*i)))
        .filter(|(_, p)| p.direct_reports > 0)
        .map(|(_, p)| MaxSpan {
            id: p.id.clone(),
            count: p.direct_reports,
        });

    let mut analysis = Analysis {
        name: org.name.clone(),
        people: n,
        roots: h
            .roots
            .iter()
            .map(|&r| org.people[r as usize].id.0.clone())
            .collect(),
        layers: structure.layers,
        max_span,
        structure,
        decisions_per_month: total,
        readings,
        concentration: Concentration {
            authority: Authority::new(org, &h.index),
        },
        articulation_points: articulation
            .iter()
            .map(|&p| org.people[p as usize].id.0.clone())
            .collect(),
        betweenness: betweenness.as_ref().map(|(_, method)| *method),
        network: network_figures,
        persons,
        domains: org
            .decisions
            .iter()
            .map(|d| DomainFigures {
                id: d.id.0.clone(),
                name: d.name.clone(),
                per_month: d.per_month,
                deciders: d.decides.len(),
                approvers: d.approves.len(),
            })
            .collect(),
        findings: Vec::new(),
        thresholds: *thresholds,
    };
    analysis.findings = findings(org, &h, &analysis, thresholds);
    analysis
}
