//! Scenarios: two orgs compared figure by figure and person by person, an absence simulated
//! without touching the document, and concrete proposals to distribute decisions.

mod report;
mod suggest;
mod trend;

pub use report::{lineup_report, suggest_report, text_report, what_if_report};
pub use suggest::{Proposal, ProposalKind, SHOWN_EACH, suggest};
pub use trend::{
    LISTED, Names, NewHolder, Point, PostChange, Snapshot, Step, Trend, step_lines, table, trend,
    trend_report, wait_cell,
};

use crate::analysis::{Analysis, Severity, analyze};
use crate::edit::Right;
use crate::model::{Org, PersonId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The headline figures of one org, as compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// People (open positions included).
    pub people: usize,
    /// Share of all decisions through the busiest person, through the hierarchy.
    pub top_share_hierarchical: f64,
    /// Who that is.
    pub top_hierarchical: Option<String>,
    /// Share of all decisions reaching the busiest person straight from the raiser.
    pub top_share_distributed: f64,
    /// Who that is.
    pub top_distributed: Option<String>,
    /// Concentration (HHI) of load through the hierarchy.
    pub load_hhi_hierarchical: f64,
    /// Concentration (HHI) of load straight to the holder.
    pub load_hhi_distributed: f64,
    /// Concentration (HHI) of the right to decide.
    pub authority_hhi: f64,
    /// As if this many people decided everything.
    pub effective_deciders: f64,
    /// Fewest people whose absence leaves most domains undecided (the smallest set found; exact
    /// when it equals `bus_factor_lower`).
    pub bus_factor: Option<usize>,
    /// A proven lower bound of the bus factor.
    pub bus_factor_lower: Option<usize>,
    /// Domains with rights.
    pub domains_with_rights: usize,
    /// Of those, the domains nobody who can act may decide; concentration is computed over
    /// the others.
    pub undecided_domains: usize,
    /// Hand-offs per decision, through the hierarchy.
    pub mean_hops_hierarchical: f64,
    /// Hand-offs per decision, straight to the holder.
    pub mean_hops_distributed: f64,
    /// Layers.
    pub layers: usize,
    /// The widest span of control.
    pub widest_span: usize,
    /// Who has it.
    pub widest_span_of: Option<String>,
    /// Mean working days a decision waits through the hierarchy; `None` when some reach a
    /// queue that grows without end.
    pub mean_wait_hierarchical: Option<f64>,
    /// The same straight to the holder.
    pub mean_wait_distributed: Option<f64>,
    /// Share (0–1) of the decisions that reach a queue without end, through the hierarchy.
    pub unbounded_hierarchical: f64,
    /// The same straight to the holder.
    pub unbounded_distributed: f64,
    /// Mean wait through the hierarchy of the decisions whose queues keep up.
    pub bounded_wait_hierarchical: f64,
    /// The same straight to the holder.
    pub bounded_wait_distributed: f64,
    /// The most utilised person through the hierarchy (id) and their utilisation.
    pub busiest_queue: Option<(String, f64)>,
    /// Critical findings.
    pub critical: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
}

impl Figures {
    /// The mean wait of a reading in words: "1.4 days", or "without end for 88%" when some
    /// decisions reach a queue that grows without end.
    pub fn wait_text(&self, hierarchical: bool) -> String {
        let (mean, unbounded, bounded) = if hierarchical {
            (
                self.mean_wait_hierarchical,
                self.unbounded_hierarchical,
                self.bounded_wait_hierarchical,
            )
        } else {
            (
                self.mean_wait_distributed,
                self.unbounded_distributed,
                self.bounded_wait_distributed,
            )
        };
        match mean {
            Some(m) => format!("{} days", crate::analysis::queue::days(m)),
            None if unbounded >= 1.0 - 1e-9 => "without end".to_owned(),
            None => format!(
                "without end for {} (the rest {} days)",
                crate::format::percent(unbounded),
                crate::analysis::queue::days(bounded)
            ),
        }
    }

    /// The bus factor as "2", or "2–3" when only bounds are known, or "n/a".
    pub fn bus_factor_text(&self) -> String {
        match (self.bus_factor_lower, self.bus_factor) {
            (Some(l), Some(u)) if l < u => format!("{l}–{u}"),
            (_, Some(u)) => u.to_string(),
            _ => "n/a".to_owned(),
        }
    }

    /// The figures of an analysis.
    pub fn of(a: &Analysis) -> Self {
        let count = |s: Severity| a.findings.iter().filter(|f| f.severity == s).count();
        Self {
            people: a.people,
            top_share_hierarchical: a.readings.hierarchical.top_share,
            top_hierarchical: a.readings.hierarchical.top.clone(),
            top_share_distributed: a.readings.distributed.top_share,
            top_distributed: a.readings.distributed.top.clone(),
            load_hhi_hierarchical: a.readings.hierarchical.load.hhi,
            load_hhi_distributed: a.readings.distributed.load.hhi,
            authority_hhi: a.concentration.authority.spread.hhi,
            effective_deciders: a.concentration.authority.spread.effective,
            bus_factor: a.concentration.authority.bus_factor,
            bus_factor_lower: a.concentration.authority.bus_factor_lower,
            domains_with_rights: a.concentration.authority.domains_with_rights,
            undecided_domains: a.concentration.authority.undecided_domains,
            mean_hops_hierarchical: a.readings.hierarchical.mean_hops,
            mean_hops_distributed: a.readings.distributed.mean_hops,
            layers: a.layers,
            widest_span: a.max_span.as_ref().map_or(0, |m| m.count),
            widest_span_of: a.max_span.as_ref().map(|m| m.id.clone()),
            mean_wait_hierarchical: a.readings.hierarchical.wait.mean_wait_days,
            mean_wait_distributed: a.readings.distributed.wait.mean_wait_days,
            unbounded_hierarchical: a.readings.hierarchical.wait.unbounded_share,
            unbounded_distributed: a.readings.distributed.wait.unbounded_share,
            bounded_wait_hierarchical: a.readings.hierarchical.wait.bounded_mean_wait_days,
            bounded_wait_distributed: a.readings.distributed.wait.bounded_mean_wait_days,
            busiest_queue: a
                .persons
                .iter()
                .filter_map(|p| Some((p, p.hierarchical.queue?.utilisation)))
                .filter(|(_, u)| *u > 0.0)
                .max_by(|x, y| x.1.total_cmp(&y.1))
                .map(|(p, u)| (p.id.clone(), u)),
            critical: count(Severity::Critical),
            warnings: count(Severity::Warning),
            notes: count(Severity::Info),
        }
    }
}

/// After minus before, for every number of [`Figures`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Delta {
    /// Change in people.
    pub people: i64,
    /// Change in the top share through the hierarchy (0–1).
    pub top_share_hierarchical: f64,
    /// Change in the top share straight to the holder (0–1).
    pub top_share_distributed: f64,
    /// Change in load HHI through the hierarchy.
    pub load_hhi_hierarchical: f64,
    /// Change in load HHI straight to the holder.
    pub load_hhi_distributed: f64,
    /// Change in authority HHI.
    pub authority_hhi: f64,
    /// Change in effective deciders.
    pub effective_deciders: f64,
    /// Change in bus factor (0 when either has none).
    pub bus_factor: i64,
    /// Change in the domains nobody can decide.
    pub undecided_domains: i64,
    /// Change in hops through the hierarchy.
    pub mean_hops_hierarchical: f64,
    /// Change in hops straight to the holder.
    pub mean_hops_distributed: f64,
    /// Change in layers.
    pub layers: i64,
    /// Change in the widest span.
    pub widest_span: i64,
    /// Change in the mean wait through the hierarchy (working days); `None` when either has
    /// no finite mean.
    pub mean_wait_hierarchical: Option<f64>,
    /// The same straight to the holder.
    pub mean_wait_distributed: Option<f64>,
    /// Change in critical findings.
    pub critical: i64,
    /// Change in warnings.
    pub warnings: i64,
    /// Change in notes.
    pub notes: i64,
}

impl Delta {
    fn between(b: &Figures, a: &Figures) -> Self {
        let i = |x: usize, y: usize| y as i64 - x as i64;
        Self {
            people: i(b.people, a.people),
            top_share_hierarchical: a.top_share_hierarchical - b.top_share_hierarchical,
            top_share_distributed: a.top_share_distributed - b.top_share_distributed,
            load_hhi_hierarchical: a.load_hhi_hierarchical - b.load_hhi_hierarchical,
            load_hhi_distributed: a.load_hhi_distributed - b.load_hhi_distributed,
            authority_hhi: a.authority_hhi - b.authority_hhi,
            effective_deciders: a.effective_deciders - b.effective_deciders,
            bus_factor: match (b.bus_factor, a.bus_factor) {
                (Some(x), Some(y)) => i(x, y),
                _ => 0,
            },
            undecided_domains: i(b.undecided_domains, a.undecided_domains),
            mean_hops_hierarchical: a.mean_hops_hierarchical - b.mean_hops_hierarchical,
            mean_hops_distributed: a.mean_hops_distributed - b.mean_hops_distributed,
            layers: i(b.layers, a.layers),
            widest_span: i(b.widest_span, a.widest_span),
            mean_wait_hierarchical: a
                .mean_wait_hierarchical
                .zip(b.mean_wait_hierarchical)
                .map(|(x, y)| x - y),
            mean_wait_distributed: a
                .mean_wait_distributed
                .zip(b.mean_wait_distributed)
                .map(|(x, y)| x - y),
            critical: i(b.critical, a.critical),
            warnings: i(b.warnings, a.warnings),
            notes: i(b.notes, a.notes),
        }
    }
}

/// A person, by id and name, for the lists of changes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Named {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
}

/// Somebody who reports to somebody else now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// Who.
    pub person: Named,
    /// Their manager before (id), if any.
    pub from: Option<String>,
    /// Their manager after (id), if any.
    pub to: Option<String>,
}

/// A right that changed in one domain for one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RightChange {
    /// The domain's id.
    pub domain: String,
    /// The domain's name (after, else before).
    pub domain_name: String,
    /// Who.
    pub person: Named,
    /// Their right before: "decides", "approves", "consulted" or none.
    pub before: Option<&'static str>,
    /// Their right after.
    pub after: Option<&'static str>,
}

/// What differs between two orgs, matched by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Changes {
    /// People only in the after org.
    pub added: Vec<Named>,
    /// People only in the before org.
    pub removed: Vec<Named>,
    /// People with another manager.
    pub moved: Vec<Moved>,
    /// People away in the after org (a simulated absence): still in the chart, acting for
    /// nobody.
    #[serde(default)]
    pub away: Vec<Named>,
    /// Rights given, taken or changed.
    pub rights: Vec<RightChange>,
}

impl Changes {
    /// How a person changed, for marking them in the views; `None` when they did not.
    pub fn kind_of(&self, id: &str) -> Option<ChangeKind> {
        if self.added.iter().any(|n| n.id == id) {
            Some(ChangeKind::Added)
        } else if self.removed.iter().any(|n| n.id == id) || self.away.iter().any(|n| n.id == id) {
            Some(ChangeKind::Removed)
        } else if self.moved.iter().any(|m| m.person.id == id) {
            Some(ChangeKind::Moved)
        } else if self.rights.iter().any(|r| r.person.id == id) {
            Some(ChangeKind::Rights)
        } else {
            None
        }
    }

    /// Every changed person's change, by id (the first that applies, as [`Changes::kind_of`]).
    pub fn by_id(&self) -> std::collections::HashMap<&str, ChangeKind> {
        let mut out = std::collections::HashMap::new();
        for (list, kind) in [
            (
                self.added.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
                ChangeKind::Added,
            ),
            (
                self.removed
                    .iter()
                    .chain(&self.away)
                    .map(|n| n.id.as_str())
                    .collect(),
                ChangeKind::Removed,
            ),
            (
                self.moved.iter().map(|m| m.person.id.as_str()).collect(),
                ChangeKind::Moved,
            ),
            (
                self.rights.iter().map(|r| r.person.id.as_str()).collect(),
                ChangeKind::Rights,
            ),
        ] {
            for id in list {
                out.entry(id).or_insert(kind);
            }
        }
        out
    }

    /// "Changes: 2 added, 0 removed, 26 moved, 50 rights changed" (and "1 away" when anybody
    /// is).
    pub fn summary(&self) -> String {
        let away = if self.away.is_empty() {
            String::new()
        } else {
            format!(", {} away", self.away.len())
        };
        format!(
            "Changes: {} added, {} removed{away}, {} moved, {} rights changed",
            self.added.len(),
            self.removed.len(),
            self.moved.len(),
            self.rights.len()
        )
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.away.is_empty()
            && self.moved.is_empty()
            && self.rights.is_empty()
    }
}

pub use crate::scene::ChangeKind;

/// Two orgs side by side.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    /// The before org's full analysis (the keys of `analyze --json`).
    pub before: Analysis,
    /// The after org's full analysis.
    pub after: Analysis,
    /// The headline figures of each.
    pub figures: [Figures; 2],
    /// After minus before.
    pub delta: Delta,
    /// Who was added, removed, moved, or had rights changed.
    pub changes: Changes,
}

/// The right a person (by [`Matching`] key) holds in a domain of `org`.
fn right_of(org: &Org, domain: usize, person: &str, m: &Matching) -> Option<Right> {
    let d = org.decisions.get(domain)?;
    let holds = |list: &[PersonId]| list.iter().any(|p| *m.key(p.as_str()) == *person);
    if holds(&d.decides) {
        Some(Right::Decides)
    } else if holds(&d.approves) {
        Some(Right::Approves)
    } else if holds(&d.consulted) {
        Some(Right::Consulted)
    } else {
        None
    }
}

/// How people are matched between two orgs: by id, ignoring case when that leaves every id
/// in each org distinct (an HR system that wrote "PS1" one year and "ps1" the next).
struct Matching {
    fold_case: bool,
}

impl Matching {
    fn between(before: &Org, after: &Org) -> Self {
        let distinct = |org: &Org| {
            let mut seen = std::collections::HashSet::with_capacity(org.people.len());
            org.people
                .iter()
                .all(|p| seen.insert(p.id.as_str().to_lowercase()))
        };
        Self {
            fold_case: distinct(before) && distinct(after),
        }
    }

    /// The id as matched: lower case when case is folded (borrowed when it already is).
    fn key<'a>(&self, id: &'a str) -> std::borrow::Cow<'a, str> {
        if self.fold_case && id.chars().any(char::is_uppercase) {
            std::borrow::Cow::Owned(id.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(id)
        }
    }
}

/// What differs between two orgs, person by person and right by right. People are matched
/// by id (ignoring case, unless two ids of one org differ only by case).
pub fn changes(before: &Org, after: &Org) -> Changes {
    let m = Matching::between(before, after);
    let before_ids: HashMap<std::borrow::Cow<'_, str>, &crate::model::Person> = before
        .people
        .iter()
        .map(|p| (m.key(p.id.as_str()), p))
        .collect();
    let after_ids: HashMap<std::borrow::Cow<'_, str>, &crate::model::Person> = after
        .people
        .iter()
        .map(|p| (m.key(p.id.as_str()), p))
        .collect();
    // A person's name among `people` (the org before or after), looked up by key.
    type People<'p> = HashMap<std::borrow::Cow<'p, str>, &'p crate::model::Person>;
    let named = |people: &People<'_>, key: &str, id: &str| Named {
        id: people.get(key).map_or(id.to_owned(), |p| p.id.0.clone()),
        name: people
            .get(key)
            .map_or(id.to_owned(), |p| p.display_name().to_owned()),
    };
    let same_manager = |a: &crate::model::Person, b: &crate::model::Person| {
        a.manager.as_ref().map(|id| m.key(id.as_str()))
            == b.manager.as_ref().map(|id| m.key(id.as_str()))
    };
    let mut out = Changes::default();
    for p in &after.people {
        let key = m.key(p.id.as_str());
        match before_ids.get(&key) {
            None => out.added.push(named(&after_ids, &key, p.id.as_str())),
            Some(old) => {
                if !same_manager(old, p) {
                    out.moved.push(Moved {
                        person: named(&after_ids, &key, p.id.as_str()),
                        from: old.manager.as_ref().map(|m| m.0.clone()),
                        to: p.manager.as_ref().map(|m| m.0.clone()),
                    });
                }
                if p.status == crate::model::Status::Away
                    && old.status != crate::model::Status::Away
                {
                    out.away.push(named(&after_ids, &key, p.id.as_str()));
                }
            }
        }
    }
    for p in &before.people {
        let key = m.key(p.id.as_str());
        if !after_ids.contains_key(&key) {
            out.removed.push(named(&before_ids, &key, p.id.as_str()));
        }
    }
    let domain_ids: BTreeSet<&str> = before
        .decisions
        .iter()
        .chain(&after.decisions)
        .map(|d| d.id.as_str())
        .collect();
    let position = |org: &Org| -> HashMap<String, usize> {
        org.decisions
            .iter()
            .enumerate()
            .map(|(k, d)| (d.id.0.clone(), k))
            .collect()
    };
    let (before_domains, after_domains) = (position(before), position(after));
    for id in domain_ids {
        let b = before_domains.get(id).copied();
        let a = after_domains.get(id).copied();
        let holders: BTreeSet<std::borrow::Cow<'_, str>> =
            [b.map(|k| (before, k)), a.map(|k| (after, k))]
                .into_iter()
                .flatten()
                .filter_map(|(org, k)| org.decisions.get(k))
                .flat_map(|d| d.decides.iter().chain(&d.approves).chain(&d.consulted))
                .map(|p| m.key(p.as_str()))
                .collect();
        let name = a
            .and_then(|k| after.decisions.get(k))
            .or_else(|| b.and_then(|k| before.decisions.get(k)))
            .map_or(id.to_owned(), |d| d.name.clone());
        for person in holders {
            let was = b.and_then(|k| right_of(before, k, &person, &m));
            let now = a.and_then(|k| right_of(after, k, &person, &m));
            if was != now {
                let people = if after_ids.contains_key(&person) {
                    &after_ids
                } else {
                    &before_ids
                };
                out.rights.push(RightChange {
                    domain: id.to_owned(),
                    domain_name: name.clone(),
                    person: named(people, &person, &person),
                    before: was.map(|r| r.word()),
                    after: now.map(|r| r.word()),
                });
            }
        }
    }
    out
}

/// Compares two orgs: both analyses, their figures, the deltas and the changes.
pub fn compare(before: &Org, after: &Org) -> Comparison {
    let (b, a) = (analyze(before), analyze(after));
    let figures = [Figures::of(&b), Figures::of(&a)];
    Comparison {
        delta: Delta::between(&figures[0], &figures[1]),
        changes: changes(before, after),
        figures,
        before: b,
        after: a,
    }
}

/// Why an absence cannot be simulated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    /// Nobody, or more than one person, answers to this id or name.
    #[error(transparent)]
    Unknown(#[from] crate::model::FindError),
    /// Taking them away would break the org (a bug; please report it).
    #[error("cannot take “{0}” away: {1}")]
    Invalid(String, String),
}

/// People who took on load when others were away.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Carrier {
    /// Who.
    pub person: Named,
    /// Decisions a month more through the hierarchy.
    pub hierarchical: f64,
    /// Decisions a month more straight to the holder.
    pub distributed: f64,
}

/// What happens while some people are away: they stay in the chart but can act for nobody, so
/// decisions that would reach them go on to the next person above who can, and the domains
/// only they could decide have nobody. The org itself is not changed.
#[derive(Clone, Debug, Serialize)]
pub struct Absence {
    /// Who is away (ids).
    pub without: Vec<String>,
    /// Domains that nobody is left to decide (ids), with names.
    pub orphaned_domains: Vec<Named>,
    /// Who now carries the load, most first (at most ten).
    pub carriers: Vec<Carrier>,
    /// Before and after.
    pub comparison: Comparison,
    /// The org while they are away.
    #[serde(skip)]
    pub org: Org,
}

impl Absence {
    /// "13 of 14 domains would have nobody who can decide them: Budget, …", or that every
    /// decision still has somebody.
    pub fn orphaned_sentence(&self) -> String {
        if self.orphaned_domains.is_empty() {
            return "Every decision still has somebody to decide it.".to_owned();
        }
        let names: Vec<&str> = self
            .orphaned_domains
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        // The first twenty by name; the JSON lists every one.
        const NAMED: usize = 20;
        let mut list = names[..names.len().min(NAMED)].join(", ");
        if names.len() > NAMED {
            list.push_str(&format!(" and {} more", names.len() - NAMED));
        }
        // The risk in decisions as well as domains: a rare decision matters less than a daily one.
        let rate: BTreeMap<&str, f64> = self
            .comparison
            .before
            .domains
            .iter()
            .map(|d| (d.id.as_str(), d.per_month))
            .collect();
        let stranded: f64 = self
            .orphaned_domains
            .iter()
            .filter_map(|d| rate.get(d.id.as_str()))
            .sum();
        format!(
            "{} of {} domains would have nobody who can decide them ({} of {} decisions a month): {list}",
            names.len(),
            self.comparison.figures[0].domains_with_rights,
            crate::format::fte(stranded),
            crate::format::fte(self.comparison.before.decisions_per_month),
        )
    }
}

/// Simulates the absence of these people, each given by id or by name; someone named twice
/// is away once.
pub fn without(org: &Org, who: &[String]) -> Result<Absence, ScenarioError> {
    let finder = org.finder();
    let mut ids: Vec<String> = Vec::new();
    let mut named: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for query in who {
        let person = finder.find(query)?;
        if named.insert(person.id.as_str()) {
            ids.push(person.id.0.clone());
        }
    }
    let mut away = org.clone();
    for p in &mut away.people {
        if named.contains(p.id.as_str()) {
            p.status = crate::model::Status::Away;
        }
    }
    let comparison = compare(org, &away);
    // Domains somebody who can act could decide before, and nobody can now.
    let deciders_after: BTreeMap<&str, usize> = comparison
        .after
        .domains
        .iter()
        .map(|d| (d.id.as_str(), d.deciders))
        .collect();
    let orphaned_domains = comparison
        .before
        .domains
        .iter()
        .filter(|d| d.has_rights && d.deciders > 0)
        .filter(|d| deciders_after.get(d.id.as_str()).is_none_or(|&n| n == 0))
        .map(|d| Named {
            id: d.id.clone(),
            name: d.name.clone(),
        })
        .collect();
    let before: BTreeMap<&str, &crate::analysis::PersonFigures> = comparison
        .before
        .persons
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let mut carriers: Vec<Carrier> = comparison
        .after
        .persons
        .iter()
        .filter_map(|p| {
            let b = before.get(p.id.as_str())?;
            let (h, d) = (
                p.hierarchical.load - b.hierarchical.load,
                p.distributed.load - b.distributed.load,
            );
            (h > 1e-9 || d > 1e-9).then(|| Carrier {
                person: Named {
                    id: p.id.clone(),
                    name: p.name.clone(),
                },
                hierarchical: h,
                distributed: d,
            })
        })
        .collect();
    carriers.sort_by(|a, b| {
        (b.hierarchical + b.distributed)
            .total_cmp(&(a.hierarchical + a.distributed))
            .then_with(|| a.person.id.cmp(&b.person.id))
    });
    carriers.truncate(10);
    Ok(Absence {
        without: ids,
        orphaned_domains,
        carriers,
        comparison,
        org: away,
    })
}

/// "Dana Reyes: 88% → 12% of decisions; bus factor 1 → 7": the change in one line, about the
/// person who carried the most before.
pub fn headline(before: &Org, c: &Comparison) -> String {
    headline_lines(before, c).join("; ")
}

/// [`headline`] in two parts for a slide, where one line would run off it: the change in
/// waiting (when there is one), then the rest.
pub fn headline_lines(before: &Org, c: &Comparison) -> Vec<String> {
    let [b, a] = &c.figures;
    let name = |org: &Org, id: &Option<String>| {
        id.as_ref()
            .and_then(|id| org.person(id))
            .map_or("nobody".to_owned(), |p| p.display_name().to_owned())
    };
    let pct = crate::format::percent;
    let mut waiting = Vec::new();
    let mut parts = Vec::new();
    // Losing deciders is the news: concentration over fewer domains is no improvement.
    let lost = a.undecided_domains > b.undecided_domains;
    if lost {
        parts.push(format!(
            "{} of {} domains would have nobody who can decide them (before: {})",
            a.undecided_domains, a.domains_with_rights, b.undecided_domains
        ));
    }
    // The speed: the mean wait through the hierarchy, and the busiest queue before. Not when
    // domains lose their decider: a wait falls then only because decisions reach nobody.
    if c.before.decisions_per_month > 0.0 && a.undecided_domains <= b.undecided_domains {
        let (bw, aw) = (b.wait_text(true), a.wait_text(true));
        if bw != aw {
            waiting.push(format!("mean wait through the hierarchy {bw} → {aw}"));
        }
        if let Some((id, before_u)) = &b.busiest_queue {
            let after = c.after.persons.iter().find(|p| &p.id == id);
            if let Some(after_u) = after
                .filter(|p| p.status != "away")
                .and_then(|p| p.hierarchical.queue)
                .map(|q| q.utilisation)
                && (after_u - before_u).abs() >= 0.005
            {
                waiting.push(format!(
                    "{} {} → {} utilised",
                    name(before, &Some(id.clone())),
                    pct(*before_u),
                    pct(after_u)
                ));
            }
        }
    }
    if let Some(top) = &b.top_distributed {
        let after = c.after.persons.iter().find(|p| &p.id == top);
        let after_share = after.map_or(0.0, |p| p.distributed.share);
        if after.is_some_and(|p| p.status == "away") {
            // Their share falling to nothing is their absence, not an improvement.
            parts.push(format!(
                "{} is away, who took {} of decisions straight to the holder",
                name(before, &b.top_distributed),
                pct(b.top_share_distributed),
            ));
        } else {
            parts.push(format!(
                "{}: {} → {} of decisions straight to the holder",
                name(before, &b.top_distributed),
                pct(b.top_share_distributed),
                pct(after_share)
            ));
        }
    }
    if b.bus_factor.is_some() && a.bus_factor.is_some() {
        parts.push(format!(
            "bus factor {} → {}",
            b.bus_factor_text(),
            a.bus_factor_text()
        ));
    }
    parts.push(format!(
        "authority HHI {} → {}{}",
        crate::model::thousands(b.authority_hhi),
        crate::model::thousands(a.authority_hhi),
        if lost {
            " (over the domains that still have a decider)"
        } else {
            ""
        }
    ));
    [waiting.join("; "), parts.join("; ")]
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect()
}

/// "+1.2 days", or "=" for no change.
fn days_changed(signed: String) -> String {
    if signed == "=" {
        signed
    } else {
        format!("{signed} days")
    }
}

/// Several orgs side by side (`compare A B C…`): each org's figures, and each after the first
/// compared with the first.
pub struct Lineup {
    /// Each org after the first, compared with the first.
    pub comparisons: Vec<Comparison>,
}

impl Lineup {
    /// The orgs' figures as rows of (label, one value per org), for reports.
    pub fn rows(&self, orgs: &[&Org]) -> Vec<Vec<String>> {
        let Some((first, rest)) = orgs.split_first() else {
            return Vec::new();
        };
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (k, (c, org)) in self.comparisons.iter().zip(rest).enumerate() {
            for (i, [label, b, a, _]) in figure_rows(first, org, c).into_iter().enumerate() {
                if k == 0 {
                    rows.push(vec![label, b]);
                }
                if let Some(row) = rows.get_mut(i) {
                    row.push(a);
                }
            }
        }
        rows
    }
}

/// Compares every org after the first with the first.
pub fn lineup(orgs: &[&Org]) -> Lineup {
    let Some((first, rest)) = orgs.split_first() else {
        return Lineup {
            comparisons: Vec::new(),
        };
    };
    Lineup {
        comparisons: rest.iter().map(|o| compare(first, o)).collect(),
    }
}

/// The figures side by side as rows of (label, before, after, change), for reports and slides.
pub fn figure_rows(before: &Org, after: &Org, c: &Comparison) -> Vec<[String; 4]> {
    let [b, a] = &c.figures;
    let name = |org: &Org, id: &Option<String>| {
        id.as_ref()
            .and_then(|id| org.person(id))
            .map_or("nobody".to_owned(), |p| p.display_name().to_owned())
    };
    let pct = crate::format::percent;
    let signed = |x: f64, digits: usize| {
        if x.abs() < 0.5 * 10f64.powi(-(digits as i32)) {
            "=".to_owned()
        } else {
            format!("{x:+.digits$}")
        }
    };
    let points = |x: f64| {
        if (x * 100.0).abs() < 0.5 {
            "=".to_owned()
        } else {
            format!("{:+.0} points", x * 100.0)
        }
    };
    let int = |x: i64| {
        if x == 0 {
            "=".to_owned()
        } else {
            format!("{x:+}")
        }
    };
    // "41% Ada Brooks": a top share and whose it is.
    let top = |share: String, who: String| format!("{share} {who}");
    let d = &c.delta;
    vec![
        [
            "Top share, through the hierarchy".to_owned(),
            top(
                pct(b.top_share_hierarchical),
                name(before, &b.top_hierarchical),
            ),
            top(
                pct(a.top_share_hierarchical),
                name(after, &a.top_hierarchical),
            ),
            points(d.top_share_hierarchical),
        ],
        [
            "Top share, straight to the holder".to_owned(),
            top(
                pct(b.top_share_distributed),
                name(before, &b.top_distributed),
            ),
            top(
                pct(a.top_share_distributed),
                name(after, &a.top_distributed),
            ),
            points(d.top_share_distributed),
        ],
        [
            "Load HHI, hierarchy / straight".to_owned(),
            format!(
                "{} / {}",
                crate::model::thousands(b.load_hhi_hierarchical),
                crate::model::thousands(b.load_hhi_distributed)
            ),
            format!(
                "{} / {}",
                crate::model::thousands(a.load_hhi_hierarchical),
                crate::model::thousands(a.load_hhi_distributed)
            ),
            format!(
                "{} / {}",
                signed(d.load_hhi_hierarchical, 0),
                signed(d.load_hhi_distributed, 0)
            ),
        ],
        [
            "Domains nobody can decide".to_owned(),
            format!("{} of {}", b.undecided_domains, b.domains_with_rights),
            format!("{} of {}", a.undecided_domains, a.domains_with_rights),
            int(d.undecided_domains),
        ],
        [
            "Authority HHI (domains with a decider)".to_owned(),
            crate::model::thousands(b.authority_hhi),
            crate::model::thousands(a.authority_hhi),
            signed(d.authority_hhi, 0),
        ],
        [
            "Effective deciders".to_owned(),
            format!("{:.1}", b.effective_deciders),
            format!("{:.1}", a.effective_deciders),
            signed(d.effective_deciders, 1),
        ],
        [
            "Bus factor".to_owned(),
            b.bus_factor_text(),
            a.bus_factor_text(),
            int(d.bus_factor),
        ],
        [
            "Mean hops, hierarchy / straight".to_owned(),
            format!(
                "{:.2} / {:.2}",
                b.mean_hops_hierarchical, b.mean_hops_distributed
            ),
            format!(
                "{:.2} / {:.2}",
                a.mean_hops_hierarchical, a.mean_hops_distributed
            ),
            format!(
                "{} / {}",
                signed(d.mean_hops_hierarchical, 2),
                signed(d.mean_hops_distributed, 2)
            ),
        ],
        [
            "Layers".to_owned(),
            b.layers.to_string(),
            a.layers.to_string(),
            int(d.layers),
        ],
        [
            "Mean wait, through the hierarchy".to_owned(),
            b.wait_text(true),
            a.wait_text(true),
            d.mean_wait_hierarchical
                .map_or("n/a".to_owned(), |x| days_changed(signed(x, 1))),
        ],
        [
            "Mean wait, straight to the holder".to_owned(),
            b.wait_text(false),
            a.wait_text(false),
            d.mean_wait_distributed
                .map_or("n/a".to_owned(), |x| days_changed(signed(x, 1))),
        ],
        [
            "Busiest queue, through the hierarchy".to_owned(),
            b.busiest_queue
                .as_ref()
                .map_or("nobody".to_owned(), |(id, u)| {
                    format!("{} {}", pct(*u), name(before, &Some(id.clone())))
                }),
            a.busiest_queue
                .as_ref()
                .map_or("nobody".to_owned(), |(id, u)| {
                    format!("{} {}", pct(*u), name(after, &Some(id.clone())))
                }),
            match (&b.busiest_queue, &a.busiest_queue) {
                (Some((_, x)), Some((_, y))) => points(y - x),
                _ => "n/a".to_owned(),
            },
        ],
        [
            "Widest span".to_owned(),
            format!("{} {}", b.widest_span, name(before, &b.widest_span_of)),
            format!("{} {}", a.widest_span, name(after, &a.widest_span_of)),
            int(d.widest_span),
        ],
        [
            "Findings: critical / warnings / notes".to_owned(),
            format!("{} / {} / {}", b.critical, b.warnings, b.notes),
            format!("{} / {} / {}", a.critical, a.warnings, a.notes),
            format!(
                "{} / {} / {}",
                int(d.critical),
                int(d.warnings),
                int(d.notes)
            ),
        ],
    ]
}
