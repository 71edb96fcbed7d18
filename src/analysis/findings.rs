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
    /// One person becomes a funnel only when decisions climb the dotted lines too.
    MatrixFunnel,
    /// Few people hold most of the right to decide.
    HighConcentration,
    /// Losing one or two people leaves most domains with nobody to decide.
    BusFactor,
    /// One person is the only one who can make many decisions.
    SingleHolder,
    /// A manager with many direct reports.
    WideSpan,
    /// A person who is the dotted-line manager of many.
    WideDottedSpan,
    /// A decision domain nobody may decide.
    NoDecider,
    /// More layers than the headcount needs.
    TooManyLayers,
    /// A manager with exactly one direct report.
    OneOverOne,
    /// The rights cover too few domains to judge concentration, funnels or the bus factor.
    IncompleteRights,
    /// One person receives a large share of what people seek from each other.
    InformalHub,
    /// The most sought person is not the formal top.
    InformalTop,
    /// Among the most sought while holding no right and no reports, or far down the chart.
    HiddenLeader,
    /// Removing them splits the informal network, or they stand between far more pairs than
    /// anybody else.
    Broker,
    /// A formal leader whom almost nobody seeks.
    UnsoughtLeader,
    /// A person whose decisions take 80% or more of their decision hours (critical from 100%:
    /// their queue grows without end).
    Queue,
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Decisions are stuck or at serious risk.
    Critical,
    /// Worth acting on.
    Warning,
    /// Worth knowing; written "note", as the report says.
    #[serde(rename = "note")]
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

impl Finding {
    /// A finding about these people and no domain.
    pub fn about(
        kind: FindingKind,
        severity: Severity,
        people: Vec<String>,
        message: String,
    ) -> Self {
        Self {
            kind,
            severity,
            people,
            domains: Vec::new(),
            message,
        }
    }
}

/// Critical from `critical_from`, else a warning.
fn severity_from(value: f64, critical_from: f64) -> Severity {
    if value >= critical_from {
        Severity::Critical
    } else {
        Severity::Warning
    }
}

fn names(org: &Org, ids: &[String], most: usize) -> String {
    let mut shown: Vec<String> = ids
        .iter()
        .take(most)
        .map(|id| {
            org.decisions
                .iter()
                .find(|d| d.id.0 == *id)
                .map_or_else(|| id.clone(), |d| d.name.clone())
        })
        .collect();
    if ids.len() > most {
        shown.push(format!("{} more", ids.len() - most));
    }
    shown.join(", ")
}

/// True for a post of the org: not somebody who left, a placeholder or a manager outside the
/// file (whose spans say nothing about how they manage).
fn in_post(p: &crate::model::Person) -> bool {
    !p.external && p.status.is_active()
}

/// Every finding for `org`, most severe first; within a kind, the biggest first.
pub fn findings(org: &Org, h: &Hierarchy<'_>, a: &Analysis, t: &Thresholds) -> Vec<Finding> {
    let mut out = Vec::new();
    let person = |i: usize| &org.people[i];
    let auth = &a.concentration.authority;

    // Judgement needs evidence: while fewer than half of the domains name a decider (a
    // matrix just started, a template whose titles matched nobody), concentration, funnels
    // and the bus factor would only describe the few domains filled in.
    let total_domains = org.decisions.len();
    let judged = total_domains == 0 || auth.domains_with_decider * 2 >= total_domains;
    if !judged {
        out.push(Finding {
            kind: FindingKind::IncompleteRights,
            severity: Severity::Info,
            people: Vec::new(),
            domains: Vec::new(),
            message: format!(
                "Rights name a decider for {} of {} domains: too few to judge concentration, funnels or the bus factor. Fill in who decides the rest.",
                auth.domains_with_decider, total_domains
            ),
        });
    }
    let unfilled: Vec<String> = org
        .decisions
        .iter()
        .filter(|d| !d.has_rights())
        .map(|d| d.id.0.clone())
        .collect();
    if !unfilled.is_empty() {
        out.push(Finding {
            kind: FindingKind::IncompleteRights,
            severity: Severity::Info,
            people: Vec::new(),
            message: format!(
                "{} {} nobody named for any right yet ({}): left out of every figure until somebody is.",
                unfilled.len(),
                if unfilled.len() == 1 {
                    "domain has"
                } else {
                    "domains have"
                },
                names(org, &unfilled, 4)
            ),
            domains: unfilled,
        });
    }

    // Funnels, largest share first.
    let mut funnels: Vec<(usize, f64, f64)> = a
        .persons
        .iter()
        .enumerate()
        .filter(|_| judged)
        .filter(|(_, p)| p.can_act)
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
        out.push(Finding::about(
            FindingKind::Funnel,
            severity_from(h.max(d), 0.5),
            vec![p.id.0.clone()],
            message,
        ));
    }

    // A person in several posts is one queue: their posts' funnels become theirs.
    let mut several: Vec<&super::HolderFigures> = a
        .holders
        .iter()
        .filter(|_| judged)
        .filter(|x| x.can_act && x.posts.len() > 1)
        .collect();
    several.sort_by(|x, y| {
        let top = |z: &super::HolderFigures| z.hierarchical.share.max(z.distributed.share);
        top(y).total_cmp(&top(x))
    });
    for x in several {
        // Bounds only (an org too large to count each decision once): judged on the lower.
        let (h, d) = match (x.lower_hierarchical, x.lower_distributed) {
            (Some(lh), Some(ld)) if !x.exact => (lh.share, ld.share),
            _ => (x.hierarchical.share, x.distributed.share),
        };
        let ids: Vec<String> = x.posts.iter().map(|p| p.id.clone()).collect();
        if h < t.funnel_share && d < t.funnel_share {
            continue;
        }
        out.retain(|f| !(f.kind == FindingKind::Funnel && ids.contains(&f.people[0])));
        let titles: Vec<String> = x.posts.iter().map(|p| p.title.clone()).collect();
        out.push(Finding {
            kind: FindingKind::Funnel,
            severity: severity_from(h.max(d), 0.5),
            people: ids,
            domains: Vec::new(),
            message: if x.exact {
                format!(
                    "{} holds {} posts ({}) that together handle {} of all decisions when they climb the reporting lines and {} when each goes straight to whoever holds the right (a decision that needs two of their posts counted once).",
                    x.name,
                    x.posts.len(),
                    titles.join(", "),
                    percent(h),
                    percent(d)
                )
            } else {
                format!(
                    "{} holds {} posts ({}) that together handle at least {} of all decisions when they climb the reporting lines (at most {}) and at least {} when each goes straight to whoever holds the right (at most {}).",
                    x.name,
                    x.posts.len(),
                    titles.join(", "),
                    percent(h),
                    percent(x.hierarchical.share),
                    percent(d),
                    percent(x.distributed.share)
                )
            },
        });
    }
    // A shared post's funnel says how its holders share it.
    for f in out.iter_mut().filter(|f| f.kind == FindingKind::Funnel) {
        let [post] = f.people.as_slice() else {
            continue;
        };
        let sharing: Vec<String> = a
            .holders
            .iter()
            .filter_map(|x| {
                let held = x.posts.iter().find(|p| &p.id == post)?;
                (held.share < 1.0).then(|| (x.name.clone(), percent(held.share)))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .enumerate()
            .map(|(k, (name, share))| {
                if k == 0 {
                    format!("{name} carries {share} of its load")
                } else {
                    format!("{name} {share}")
                }
            })
            .collect();
        if sharing.len() > 1 {
            f.message
                .push_str(&format!(" The post is shared: {}.", sharing.join(", ")));
        }
    }

    // Funnels only the matrix reading shows: the dotted lines bring the decisions to them.
    let mut matrix_funnels: Vec<(usize, f64, f64)> = a
        .persons
        .iter()
        .enumerate()
        .filter(|_| judged)
        .filter(|(_, p)| p.can_act)
        .filter_map(|(i, p)| {
            let m = p.matrix?.share;
            (m >= t.funnel_share
                && p.hierarchical.share < t.funnel_share
                && p.distributed.share < t.funnel_share)
                .then_some((i, m, p.hierarchical.share))
        })
        .collect();
    matrix_funnels.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    for (i, m, h) in matrix_funnels {
        let p = person(i);
        out.push(Finding {
            kind: FindingKind::MatrixFunnel,
            severity: severity_from(m, 0.5),
            people: vec![p.id.0.clone()],
            domains: Vec::new(),
            message: format!(
                "{} handles {} of all decisions when they climb the dotted lines, against {} through the reporting lines alone: the matrix makes them a funnel.",
                p.display_name(),
                percent(m),
                percent(h)
            ),
        });
    }

    out.extend(queue_findings(org, a, judged));

    if judged && auth.spread.hhi > t.high_hhi {
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
                "The right to decide is highly concentrated: HHI {:.0} (above {:.0}), as if only {:.1} people decided everything{}.",
                auth.spread.hhi,
                t.high_hhi,
                auth.spread.effective,
                if auth.undecided_domains > 0 {
                    format!(
                        " (over the {} of {} domains somebody can still decide)",
                        auth.domains_with_rights - auth.undecided_domains,
                        auth.domains_with_rights
                    )
                } else {
                    String::new()
                }
            ),
        });
    }
    if let Some(bf) = auth.bus_factor
        && judged
        && bf <= 2
        && auth.domains_with_rights > 0
    {
        let who: Vec<String> = auth
            .bus_factor_people
            .iter()
            .filter_map(|id| org.person(id).map(|p| p.display_name().to_owned()))
            .collect();
        let message = if bf == 0 {
            format!(
                "More than half of the decision domains ({} of {}) have nobody who can decide them.",
                auth.undecided_domains, auth.domains_with_rights
            )
        } else {
            format!(
                "Bus factor {}: if {} were away, more than half of the decision domains would have nobody left to decide them.",
                auth.bus_factor_text(),
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
        .filter(|_| judged)
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
    // Reports in post: people who left and placeholders are not coached or queued for.
    let in_post_reports = |i: usize| {
        h.children_of(i as u32)
            .iter()
            .filter_map(|&c| org.people.get(c as usize))
            .filter(|c| c.vacant || c.can_act())
            .count()
    };
    let mut wide: Vec<(usize, usize)> = a
        .persons
        .iter()
        .enumerate()
        .filter(|(i, p)| p.direct_reports > t.wide_span && in_post(person(*i)))
        .map(|(i, _)| (i, in_post_reports(i)))
        .filter(|&(_, span)| span > t.wide_span)
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

    // Dotted lines: many people answering to one person beside their line managers.
    let mut dotted: Vec<(usize, usize)> = a
        .persons
        .iter()
        .enumerate()
        .filter(|(i, p)| p.dotted_reports > t.wide_span && in_post(person(*i)))
        .map(|(i, p)| (i, p.dotted_reports))
        .collect();
    dotted.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    for (i, count) in dotted {
        let p = person(i);
        out.push(Finding {
            kind: FindingKind::WideDottedSpan,
            severity: Severity::Warning,
            people: vec![p.id.0.clone()],
            domains: Vec::new(),
            message: format!(
                "{} is the dotted-line manager of {count} people (more than {}) beside their line managers: a second queue for their time, outside the chain of command.",
                p.display_name(),
                t.wide_span
            ),
        });
    }

    for (d, f) in org.decisions.iter().zip(&a.domains) {
        if f.has_rights && f.deciders == 0 {
            let named: Vec<String> = d
                .decides
                .iter()
                .filter_map(|id| h.index.get(id.as_str()))
                .filter_map(|&i| org.people.get(i as usize))
                .map(|p| {
                    let why = if p.external {
                        "is not in this file"
                    } else if p.vacant {
                        "is an open post"
                    } else if p.status == crate::model::Status::Left {
                        "has left"
                    } else if p.status == crate::model::Status::Away {
                        "is away"
                    } else {
                        "is a placeholder"
                    };
                    format!("{} {why}", p.display_name())
                })
                .collect();
            let why = if named.is_empty() {
                String::new()
            } else {
                format!(" ({})", named.join("; "))
            };
            out.push(Finding {
                kind: FindingKind::NoDecider,
                severity: Severity::Warning,
                people: Vec::new(),
                domains: vec![d.id.0.clone()],
                message: format!(
                    "Nobody who can act may decide “{}”{why} ({} a month): in the hierarchy it climbs to the top and waits there.",
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

    // A name on several posts (one person in two posts, or two people of one name) is said
    // with the post's title, so that each finding tells which post it means.
    let mut named: crate::model::Map<&str, usize> = crate::model::Map::default();
    for p in &org.people {
        *named.entry(p.display_name()).or_default() += 1;
    }
    let who = |p: &crate::model::Person| {
        let name = p.display_name();
        if named.get(name).is_some_and(|&n| n > 1) && !p.title.is_empty() && p.title != name {
            format!("{name} ({})", p.title)
        } else {
            name.to_owned()
        }
    };
    for (i, p) in a.persons.iter().enumerate() {
        if p.direct_reports == 1 && in_post(person(i)) {
            let manager = person(i);
            let report = h
                .children_of(i as u32)
                .first()
                .and_then(|&r| org.people.get(r as usize))
                .map_or_else(|| "one person".to_owned(), who);
            out.push(Finding {
                kind: FindingKind::OneOverOne,
                severity: Severity::Info,
                people: vec![manager.id.0.clone()],
                domains: Vec::new(),
                message: format!(
                    "{} manages only {report}: a one-over-one layer adds a stop without adding reach.",
                    who(manager)
                ),
            });
        }
    }

    out.extend(informal(org, a, t));
    out.sort_by_key(|f| f.severity);
    out
}

/// The findings about who people actually go to; none without links.
fn informal(org: &Org, a: &Analysis, t: &Thresholds) -> Vec<Finding> {
    let Some(net) = &a.network else {
        return Vec::new();
    };
    // A few illustrative links say nothing about who an org goes to: the findings need a
    // survey or a log that covers at least half of the people.
    if net.seekers * 2 < a.people {
        return Vec::new();
    }
    let mut out = Vec::new();
    let finding = Finding::about;
    let name = |id: &str| {
        org.person(id)
            .map_or(id.to_owned(), |p| p.display_name().to_owned())
    };
    let by_id: std::collections::HashMap<&str, &super::PersonFigures> =
        a.persons.iter().map(|p| (p.id.as_str(), p)).collect();
    // Hubs: a large share of all incoming weight, or sought by half of all seekers; every
    // person is checked, most incoming weight first.
    let total_in = net.total_weight;
    let mut hubs: Vec<super::Sought> = a
        .persons
        .iter()
        .filter(|p| p.links_in > 0.0)
        .map(|p| super::Sought {
            id: p.id.clone(),
            name: p.name.clone(),
            links_in: p.links_in,
            share: if total_in > 0.0 {
                p.links_in / total_in
            } else {
                0.0
            },
            sought_by: p.sought_by,
        })
        .filter(|s| {
            s.share >= t.informal_hub_share || (net.seekers >= 4 && s.sought_by * 2 >= net.seekers)
        })
        .collect();
    hubs.sort_by(|x, y| y.links_in.total_cmp(&x.links_in).then(x.id.cmp(&y.id)));
    for s in &hubs {
        {
            out.push(finding(
                FindingKind::InformalHub,
                if s.share >= 2.0 * t.informal_hub_share {
                    Severity::Critical
                } else {
                    Severity::Warning
                },
                vec![s.id.clone()],
                format!(
                    "{} receives {} of what people seek from each other and is sought by {} of the {} people who seek anyone: people wait on them even where no decision right says so.",
                    s.name,
                    percent(s.share),
                    s.sought_by,
                    net.seekers
                ),
            ));
        }
    }
    // The informal top against the formal one.
    if let (Some(first), Some(top)) = (net.top.first(), &net.formal_top)
        && &first.id != top
    {
        let top_in = by_id.get(top.as_str()).map_or(0.0, |p| p.links_in);
        let top_by = by_id.get(top.as_str()).map_or(0, |p| p.sought_by);
        out.push(finding(
            FindingKind::InformalTop,
            Severity::Info,
            vec![first.id.clone(), top.clone()],
            format!(
                "The most sought person is {} (weight {}, by {} people), not the formal top, {} (weight {}, by {} people).",
                first.name,
                trim_number(first.links_in),
                first.sought_by,
                name(top),
                trim_number(top_in),
                top_by
            ),
        ));
    }
    // Hidden leaders: among the three most sought, with no right and no reports, or far down.
    for s in net.top.iter().take(3) {
        let Some(p) = by_id.get(s.id.as_str()) else {
            continue;
        };
        let no_right = p.decides.is_empty() && p.approves.is_empty();
        if (no_right && p.direct_reports == 0) || p.level >= 2 {
            out.push(finding(
                FindingKind::HiddenLeader,
                Severity::Info,
                vec![s.id.clone()],
                format!(
                    "{} is among the most sought ({} of incoming weight, by {} people) while {}: a leader the chart does not show.",
                    s.name,
                    percent(s.share),
                    s.sought_by,
                    if no_right && p.direct_reports == 0 {
                        "holding no decision right and managing nobody".to_owned()
                    } else {
                        format!("{} levels below the top", p.level)
                    }
                ),
            ));
        }
    }
    // Brokers: cut points of the informal network, or far above everyone in betweenness.
    let mut by_betweenness: Vec<&super::PersonFigures> = a
        .persons
        .iter()
        .filter(|p| p.betweenness.is_some())
        .collect();
    by_betweenness.sort_by(|x, y| {
        y.betweenness
            .unwrap_or(0.0)
            .total_cmp(&x.betweenness.unwrap_or(0.0))
    });
    let standout = match by_betweenness.as_slice() {
        [first, second, ..] => {
            let (b1, b2) = (
                first.betweenness.unwrap_or(0.0),
                second.betweenness.unwrap_or(0.0),
            );
            (b1 > 0.05 && b1 >= 2.0 * b2).then_some(first.id.as_str())
        }
        _ => None,
    };
    for p in &a.persons {
        let cut = p.link_articulation_point;
        if cut || standout == Some(p.id.as_str()) {
            out.push(finding(
                FindingKind::Broker,
                Severity::Warning,
                vec![p.id.clone()],
                if cut {
                    format!(
                        "{} holds the informal network together: without them some people who talk would not reach each other at all.",
                        p.name
                    )
                } else {
                    format!(
                        "{} stands between far more pairs of people than anybody else (betweenness {:.2}): a broker the teams rely on.",
                        p.name,
                        p.betweenness.unwrap_or(0.0)
                    )
                },
            ));
        }
    }
    // Unsought leaders: managers of several people whom almost nobody seeks.
    if net.links >= 20 {
        for p in &a.persons {
            if p.direct_reports >= 3 && p.sought_by <= 1 && p.links_in_share < 0.01 {
                out.push(finding(
                    FindingKind::UnsoughtLeader,
                    Severity::Info,
                    vec![p.id.clone()],
                    format!(
                        "{} manages {} people but almost nobody seeks them out (sought by {}).",
                        p.name, p.direct_reports, p.sought_by
                    ),
                ));
            }
        }
    }
    out
}

/// Queues that cannot keep up (critical) or nearly (a warning) in either reading, most
/// utilised first.
fn queue_findings(org: &Org, a: &Analysis, judged: bool) -> Vec<Finding> {
    use super::queue::{BUSY, days};
    let mut busy: Vec<(usize, super::Queue, super::Queue)> = a
        .persons
        .iter()
        .enumerate()
        .filter(|_| judged)
        .filter(|(_, p)| p.can_act)
        .filter_map(|(i, p)| {
            let (h, d) = (p.hierarchical.queue?, p.distributed.queue?);
            (h.utilisation.max(d.utilisation) >= BUSY).then_some((i, h, d))
        })
        .collect();
    busy.sort_by(|x, y| {
        let top = |q: &(usize, super::Queue, super::Queue)| q.1.utilisation.max(q.2.utilisation);
        top(y).total_cmp(&top(x)).then(x.0.cmp(&y.0))
    });
    let state = |q: &super::Queue, label: &str| match q.wait_days {
        None => format!(
            "{} utilised {label}, so their queue grows by {:.1} decisions a week and no wait can be promised",
            percent(q.utilisation),
            q.backlog_per_week
        ),
        Some(w) => format!(
            "{} utilised {label}, so a decision waits {} working days for them",
            percent(q.utilisation),
            days(w)
        ),
    };
    busy.into_iter()
        .map(|(i, h, d)| {
            let p = &org.people[i];
            let (worse, other, label, other_label) = if h.utilisation >= d.utilisation {
                (
                    h,
                    d,
                    "when decisions climb the reporting lines",
                    "straight to the holder",
                )
            } else {
                (
                    d,
                    h,
                    "even when each goes straight to the holder",
                    "through the hierarchy",
                )
            };
            let mut message = format!("{} is {}", p.display_name(), state(&worse, label));
            message.push_str(&format!(" ({} {other_label})", percent(other.utilisation)));
            message.push_str(if worse.overloaded() {
                "."
            } else {
                ": waits grow fast near full (4× the handling time at 80%, 9× at 90%)."
            });
            Finding::about(
                FindingKind::Queue,
                severity_from(worse.utilisation, 1.0),
                vec![p.id.0.clone()],
                message,
            )
        })
        .collect()
}

pub use crate::format::trim_number;

/// Findings of one kind and severity are summed up in one line from this many.
pub const GROUP_FROM: usize = 3;

/// One line of a findings list: a finding alone, or several of one kind and severity summed
/// up ("64 managers manage only one person each"), in the order of their first finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingGroup {
    /// What they are about.
    pub kind: FindingKind,
    /// How much they matter.
    pub severity: Severity,
    /// Their positions in the analysis's findings, in order.
    pub members: Vec<usize>,
    /// The line that sums them up; `None` for a finding alone, which says itself.
    pub summary: Option<String>,
}

impl FindingGroup {
    /// The line to show: the summary, or the one finding's own message.
    pub fn line<'a>(&'a self, findings: &'a [Finding]) -> &'a str {
        match &self.summary {
            Some(s) => s,
            None => self
                .members
                .first()
                .and_then(|&k| findings.get(k))
                .map_or("", |f| f.message.as_str()),
        }
    }

    /// The members' messages, each once, with how many findings say it (the same words can
    /// come from several posts with the same names, or from N/D posts).
    pub fn messages<'a>(&self, findings: &'a [Finding]) -> Vec<(&'a str, usize, usize)> {
        let mut seen: crate::model::Map<&str, usize> = crate::model::Map::default();
        let mut out: Vec<(&str, usize, usize)> = Vec::new();
        for &k in &self.members {
            let Some(f) = findings.get(k) else { continue };
            if let Some(&at) = seen.get(f.message.as_str()) {
                if let Some(entry) = out.get_mut(at) {
                    entry.1 += 1;
                }
            } else {
                seen.insert(f.message.as_str(), out.len());
                out.push((f.message.as_str(), 1, k));
            }
        }
        out
    }
}

impl FindingKind {
    /// The kind's name in a list of kinds ("One-over-one managers").
    pub fn title(self) -> &'static str {
        match self {
            Self::Funnel => "Funnels",
            Self::MatrixFunnel => "Funnels up the dotted lines",
            Self::HighConcentration => "Concentrated rights",
            Self::BusFactor => "Bus factor",
            Self::SingleHolder => "Sole deciders",
            Self::WideSpan => "Wide spans",
            Self::WideDottedSpan => "Wide dotted-line spans",
            Self::NoDecider => "Domains nobody can decide",
            Self::TooManyLayers => "Too many layers",
            Self::OneOverOne => "One-over-one managers",
            Self::IncompleteRights => "Incomplete rights",
            Self::InformalHub => "Informal hubs",
            Self::InformalTop => "Informal top",
            Self::HiddenLeader => "Hidden leaders",
            Self::Broker => "Brokers",
            Self::UnsoughtLeader => "Unsought leaders",
            Self::Queue => "Decision queues",
        }
    }

    /// One line for `n` findings of this kind.
    fn summary(self, n: usize) -> String {
        let n = super::thousands(n as f64);
        match self {
            Self::Funnel => format!(
                "{n} people are funnels: each handles a large share of all decisions on their route"
            ),
            Self::MatrixFunnel => {
                format!("{n} people become funnels when decisions climb the dotted lines")
            }
            Self::SingleHolder => format!(
                "{n} people are each the only one who may decide several domains: when one is busy or away, those decisions wait"
            ),
            Self::WideSpan => format!(
                "{n} managers have more direct reports than they can coach, each a queue for what they must sign off"
            ),
            Self::WideDottedSpan => {
                format!("{n} people are the dotted-line manager of many beside their line managers")
            }
            Self::NoDecider => format!(
                "{n} domains have nobody who can act and may decide them: they climb to the top and wait there"
            ),
            Self::OneOverOne => format!(
                "{n} managers manage only one person each: each one-over-one layer adds a stop without adding reach"
            ),
            Self::InformalHub => {
                format!("{n} people each receive a large share of what people seek from each other")
            }
            Self::HiddenLeader => format!(
                "{n} people are among the most sought while the chart does not show them as leaders"
            ),
            Self::Broker => {
                format!("{n} people hold the informal network together or stand between many pairs")
            }
            Self::UnsoughtLeader => format!("{n} formal leaders are sought by almost nobody"),
            Self::Queue => format!(
                "{n} people spend 80% or more of their decision hours on decisions: near full, waits grow fast"
            ),
            Self::HighConcentration
            | Self::BusFactor
            | Self::TooManyLayers
            | Self::IncompleteRights
            | Self::InformalTop => format!("{n} findings: {}", self.title().to_lowercase()),
        }
    }
}

/// The findings as lines: warnings and notes of one kind and severity summed up once there
/// are [`GROUP_FROM`] of them, each other finding alone (a critical finding always: each is
/// news a reader must see by name); in the findings' order (most severe first), a group
/// where its first finding is.
pub fn group_findings(findings: &[Finding]) -> Vec<FindingGroup> {
    let mut members: crate::model::Map<(FindingKind, Severity), Vec<usize>> =
        crate::model::Map::default();
    for (k, f) in findings.iter().enumerate() {
        members.entry((f.kind, f.severity)).or_default().push(k);
    }
    let mut out = Vec::new();
    for (k, f) in findings.iter().enumerate() {
        let key = (f.kind, f.severity);
        let Some(list) = members.get(&key) else {
            continue;
        };
        if list.len() < GROUP_FROM || f.severity == Severity::Critical {
            out.push(FindingGroup {
                kind: f.kind,
                severity: f.severity,
                members: vec![k],
                summary: None,
            });
        } else if list.first() == Some(&k) {
            out.push(FindingGroup {
                kind: f.kind,
                severity: f.severity,
                members: list.clone(),
                summary: Some(f.kind.summary(list.len())),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(kind: FindingKind, severity: Severity, message: &str) -> Finding {
        Finding {
            kind,
            severity,
            people: Vec::new(),
            domains: Vec::new(),
            message: message.to_owned(),
        }
    }

    #[test]
    fn three_of_a_kind_make_one_line_and_the_same_words_are_listed_once() {
        let f = [
            finding(FindingKind::WideSpan, Severity::Critical, "A has 30"),
            finding(FindingKind::WideSpan, Severity::Critical, "F has 25"),
            finding(FindingKind::WideSpan, Severity::Critical, "G has 22"),
            finding(FindingKind::WideSpan, Severity::Warning, "B has 12"),
            finding(FindingKind::WideSpan, Severity::Warning, "C has 11"),
            finding(
                FindingKind::OneOverOne,
                Severity::Info,
                "N/D manages only N/D",
            ),
            finding(FindingKind::OneOverOne, Severity::Info, "D manages only E"),
            finding(
                FindingKind::OneOverOne,
                Severity::Info,
                "N/D manages only N/D",
            ),
        ];
        let groups = group_findings(&f);
        // Critical findings are said each by name; two warnings stay apart (fewer than
        // three); the three notes are one line.
        let lines: Vec<&str> = groups.iter().map(|g| g.line(&f)).collect();
        assert_eq!(
            lines,
            [
                "A has 30",
                "F has 25",
                "G has 22",
                "B has 12",
                "C has 11",
                "3 managers manage only one person each: each one-over-one layer adds a stop without adding reach"
            ]
        );
        let notes = groups.last().expect("the notes' line");
        assert_eq!(notes.members, [5, 6, 7]);
        assert_eq!(
            notes.messages(&f),
            [("N/D manages only N/D", 2, 5), ("D manages only E", 1, 6)]
        );
    }
}
