//! The queue model against a decision log: what the log shows beside what the model says, and
//! the capacities that make the model reproduce the log.
//!
//! **Observed.** For each person and each domain, the decisions the log shows taken, their rate
//! over the log's span, and the working days from raised to decided
//! ([`crate::io::working_days`]): median (the middle one, or the mean of the two middle ones),
//! 90th percentile (nearest rank: the ⌈0.9 n⌉-th shortest) and mean.
//!
//! **Beside the model.** A log measures raised to decided, which holds the handling as well as
//! the waiting, so it is compared with the model's time to decision: a domain's waits plus the
//! handling along its route ([`super::DomainFigures::time_to_decision_days`]); a person's is the
//! mean of that over the decisions the log shows them take.
//!
//! **Fitted capacity.** Each decider in the log is taken as one queue fed by the decisions the
//! log shows them take: λ a week from the log, each of h hours (its domain's), and the mean time
//! to decision T the log shows. The model's time in their queue is W(C) = S + Wq with
//! S = h × week hours / C and Wq = k × ρ / (1 − ρ) × S, ρ = λh / C, k = (ca² + cs²) / 2. W falls
//! from endless (C = λh) to nothing as C grows, so exactly one C gives W = T: the larger root of
//! T·C² − (T·λh + h·week)·C + (1 − k)·λh·h·week = 0 (with k = 1, C = λh + h·week / T). A capacity
//! above the whole working week is capped there and said. How well the fitted queues explain the
//! log is measured per domain: the mean gap, in working days, between each domain's mean time
//! to decision in the log and the fitted queues' (its deciders' waits plus its own handling).

use super::{Analysis, DomainWaits, PersonFigures, WEEKS_PER_MONTH};
use crate::io::DecisionLog;
use crate::model::{Org, Problem, QueueSettings};
use serde::Serialize;

/// What a decision log shows for one person or one domain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Observed {
    /// Decisions the log shows taken.
    pub observed_decisions: usize,
    /// Of them a month, over the log's span.
    pub observed_per_month: f64,
    /// Working days from raised to decided.
    pub observed_wait_days: Spread,
}

/// Median, 90th percentile and mean of some working days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Spread {
    /// The middle one (the mean of the two middle ones).
    pub median: f64,
    /// The ⌈0.9 n⌉-th shortest.
    pub p90: f64,
    /// The mean.
    pub mean: f64,
}

impl Spread {
    /// The spread of `days` (sorted here); all zero for none.
    pub fn of(days: &mut [f64]) -> Self {
        if days.is_empty() {
            return Self::default();
        }
        days.sort_by(f64::total_cmp);
        let n = days.len();
        let median = if n % 2 == 1 {
            days[n / 2]
        } else {
            (days[n / 2 - 1] + days[n / 2]) / 2.0
        };
        let rank = ((0.9 * n as f64).ceil() as usize).clamp(1, n);
        Self {
            median,
            p90: days[rank - 1],
            mean: days.iter().sum::<f64>() / n as f64,
        }
    }
}

/// One person or domain: the log beside the model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Compared {
    /// Person or domain id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the log shows.
    #[serde(flatten)]
    pub observed: Observed,
    /// The model's decisions a month: a person's load in each reading, a domain's rate in the
    /// team file (both readings).
    pub model_per_month: (f64, f64),
    /// The model's working days from raised to decided, in each reading.
    pub model_days: DomainWaits,
}

/// A capacity fitted from the log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FittedCapacity {
    /// Person id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Person index in the org.
    #[serde(skip)]
    pub index: u32,
    /// Hours a week for decisions that reproduce the log's mean time to decision.
    pub capacity_hours: f64,
    /// The hours a week they had before (file, title or default).
    pub was_hours: f64,
    /// True when reproducing the log would take more than the whole working week (or the log
    /// shows their decisions taken at once): the capacity is the whole week, and the model's
    /// time stays above the log's.
    pub capped: bool,
}

/// How well the fitted queues explain the log, per domain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FitQuality {
    /// Domains compared (those the log shows taken).
    pub domains: usize,
    /// Mean gap in working days between each domain's mean time to decision in the log and the
    /// fitted queues'.
    pub mean_gap_days: f64,
    /// The same with the capacities before the fit; `None` when a queue then could not keep up
    /// with what the log shows.
    pub mean_gap_days_before: Option<f64>,
    /// The domain the fitted queues explain worst, and its gap in days (the fitted queues'
    /// time less the log's: below 0 when the log's decisions took longer).
    pub worst: Option<(String, f64)>,
}

/// The log beside the model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Calibration {
    /// The log's file name.
    pub log: String,
    /// Decisions read.
    pub decisions: usize,
    /// Rows in the file.
    pub rows: usize,
    /// Decisions still open (not in the waits) and the working days the oldest has waited.
    pub open: usize,
    /// Working days the oldest open decision has waited, up to the log's last date.
    pub oldest_open_days: Option<f64>,
    /// Rows cancelled or withdrawn.
    pub cancelled: usize,
    /// First and last dates the log shows.
    pub from: Option<String>,
    /// The last.
    pub to: Option<String>,
    /// Months the log covers.
    pub months: f64,
    /// Which column was read as what.
    pub columns: Vec<(&'static str, String)>,
    /// People who decided something in the log, most decisions first.
    pub people: Vec<Compared>,
    /// Domains the log shows taken, most decisions first.
    pub domains: Vec<Compared>,
    /// Capacities fitted (`--fit-capacity`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fitted: Vec<FittedCapacity>,
    /// How well the fitted queues explain the log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit: Option<FitQuality>,
    /// Rows left out, and why.
    pub skipped: Vec<Problem>,
    /// How the log was read, when a user might not expect it.
    pub notes: Vec<String>,
}

/// Each person's hours a week for decisions, as the analysis has them (file, title, default).
fn capacities(org: &Org, settings: &QueueSettings) -> Vec<f64> {
    let h = super::Hierarchy::new(org);
    org.people
        .iter()
        .enumerate()
        .map(|(i, p)| settings.capacity_of(p, h.span(i as u32) > 0))
        .collect()
}

/// Per decider in the log: (decisions, hours of them, working days from raised to decided).
struct Decider {
    index: u32,
    hours: f64,
    days: Vec<f64>,
}

fn deciders(org: &Org, log: &DecisionLog, settings: &QueueSettings) -> Vec<Decider> {
    let mut by: std::collections::BTreeMap<u32, Decider> = std::collections::BTreeMap::new();
    for e in &log.entries {
        let hours = e
            .domain
            .and_then(|k| org.decisions.get(k as usize))
            .map_or(settings.handling_hours, |d| settings.handling_of(d));
        let slot = by.entry(e.person).or_insert(Decider {
            index: e.person,
            hours: 0.0,
            days: Vec::new(),
        });
        slot.hours += hours;
        slot.days.push(e.days);
    }
    by.into_values().collect()
}

/// The capacity C (hours a week) at which a queue of `per_week` decisions of `handling` hours
/// each takes `target_hours` working hours from arrival to done; `None` when no capacity up to
/// `most` does (the log is faster than the whole week allows, or instant).
pub fn capacity_for(
    per_week: f64,
    handling: f64,
    target_hours: f64,
    s: &QueueSettings,
    most: f64,
) -> Option<f64> {
    if target_hours <= 0.0 || handling <= 0.0 || per_week <= 0.0 {
        return None;
    }
    let k = (s.arrival_cv * s.arrival_cv + s.service_cv * s.service_cv) / 2.0;
    let (a, b, t) = (handling * s.week_hours, per_week * handling, target_hours);
    // T·C² − (T·b + a)·C + (1 − k)·a·b = 0, the larger root (the one above b).
    let (qa, qb, qc) = (t, -(t * b + a), (1.0 - k) * a * b);
    let disc = (qb * qb - 4.0 * qa * qc).max(0.0);
    let c = (-qb + disc.sqrt()) / (2.0 * qa);
    (c.is_finite() && c > b && c <= most).then_some(c)
}

/// Capacities that make each decider's queue reproduce the log's mean time to decision.
pub fn fit_capacities(org: &Org, log: &DecisionLog) -> Vec<FittedCapacity> {
    let settings = org.queue_settings();
    let before = capacities(org, &settings);
    let weeks = log.months() * WEEKS_PER_MONTH;
    deciders(org, log, &settings)
        .into_iter()
        .filter_map(|d| {
            let p = org.people.get(d.index as usize)?;
            let n = d.days.len() as f64;
            let mean_days = d.days.iter().sum::<f64>() / n;
            let fitted = capacity_for(
                n / weeks,
                d.hours / n,
                mean_days * settings.day_hours,
                &settings,
                settings.week_hours,
            );
            Some(FittedCapacity {
                id: p.id.0.clone(),
                name: p.display_name().to_owned(),
                index: d.index,
                capacity_hours: fitted.unwrap_or(settings.week_hours),
                was_hours: before.get(d.index as usize).copied().unwrap_or(0.0),
                capped: fitted.is_none(),
            })
        })
        .collect()
}

/// Gives each fitted person their fitted capacity in `org`.
pub fn apply_fit(org: &mut Org, fitted: &[FittedCapacity]) {
    for f in fitted {
        if let Some(p) = org.people.get_mut(f.index as usize) {
            p.capacity_hours = Some(f.capacity_hours);
        }
    }
}

/// Working days from raised to decided in the log's own reading (each decision straight to
/// whoever the log shows took it), per domain, with the given capacities; `None` for a domain
/// one of whose deciders cannot keep up.
fn log_reading_days(
    org: &Org,
    log: &DecisionLog,
    capacity: &[f64],
    s: &QueueSettings,
) -> Vec<Option<f64>> {
    let months = log.months();
    let queues: std::collections::HashMap<u32, super::Queue> = deciders(org, log, s)
        .iter()
        .map(|d| {
            let c = capacity.get(d.index as usize).copied().unwrap_or(0.0);
            let q = super::Queue::of(d.days.len() as f64 / months, d.hours / months, c, s);
            (d.index, q)
        })
        .collect();
    let mut sums: Vec<(f64, usize, bool)> = vec![(0.0, 0, true); org.decisions.len()];
    for e in &log.entries {
        let Some(k) = e.domain else { continue };
        let (Some(slot), Some(d)) = (sums.get_mut(k as usize), org.decisions.get(k as usize))
        else {
            continue;
        };
        let c = capacity.get(e.person as usize).copied().unwrap_or(0.0);
        let wait = queues.get(&e.person).and_then(|q| q.wait_days);
        match wait {
            Some(w) if c > 0.0 => {
                slot.0 += w + s.handling_of(d) * s.week_hours / c / s.day_hours;
            }
            _ => slot.2 = false,
        }
        slot.1 += 1;
    }
    sums.into_iter()
        .map(|(sum, n, ok)| (ok && n > 0).then(|| sum / n as f64))
        .collect()
}

/// The log beside the model of `analysis` (of `org`, with any fitted capacities already given),
/// with each person's and domain's `observed` filled in (for the JSON).
pub fn calibrate(
    analysis: &mut Analysis,
    org: &Org,
    log: &DecisionLog,
    file: &str,
    fitted: Vec<FittedCapacity>,
) -> Calibration {
    let c = compare(analysis, org, log, file, fitted);
    attach(analysis, &c);
    c
}

/// Gives each person and domain of `analysis` what `c` says the log shows for them.
pub fn attach(analysis: &mut Analysis, c: &Calibration) {
    let people: std::collections::HashMap<&str, &Observed> = c
        .people
        .iter()
        .map(|x| (x.id.as_str(), &x.observed))
        .collect();
    let domains: std::collections::HashMap<&str, &Observed> = c
        .domains
        .iter()
        .map(|x| (x.id.as_str(), &x.observed))
        .collect();
    for p in &mut analysis.persons {
        if let Some(o) = people.get(p.id.as_str()) {
            p.observed = Some(Box::new((*o).clone()));
        }
    }
    for d in &mut analysis.domains {
        if let Some(o) = domains.get(d.id.as_str()) {
            d.observed = Some(Box::new((*o).clone()));
        }
    }
}

/// The log beside the model of `analysis` (of `org`, with any fitted capacities already given).
pub fn compare(
    analysis: &Analysis,
    org: &Org,
    log: &DecisionLog,
    file: &str,
    fitted: Vec<FittedCapacity>,
) -> Calibration {
    let s = org.queue_settings();
    let months = log.months();
    let capacity = capacities(org, &s);
    let mut by_person: Vec<Vec<usize>> = vec![Vec::new(); org.people.len()];
    let mut by_domain: Vec<Vec<usize>> = vec![Vec::new(); org.decisions.len()];
    for (i, e) in log.entries.iter().enumerate() {
        if let Some(list) = by_person.get_mut(e.person as usize) {
            list.push(i);
        }
        if let Some(list) = e.domain.and_then(|k| by_domain.get_mut(k as usize)) {
            list.push(i);
        }
    }
    let observed = |entries: &[usize]| -> Observed {
        let mut days: Vec<f64> = entries
            .iter()
            .filter_map(|&i| log.entries.get(i).map(|e| e.days))
            .collect();
        Observed {
            observed_decisions: days.len(),
            observed_per_month: days.len() as f64 / months,
            observed_wait_days: Spread::of(&mut days),
        }
    };
    // The model's time to decision for one logged decision, in each reading: its domain's
    // route, or (a domain not routed, or none named) the decider's own queue.
    let own = |p: &PersonFigures, i: usize, hours: f64| -> DomainWaits {
        let c = capacity.get(i).copied().unwrap_or(0.0).max(1e-9);
        let handling = hours * s.week_hours / c / s.day_hours;
        let time = |q: Option<super::Queue>| q.and_then(|q| q.wait_days).map(|w| w + handling);
        DomainWaits {
            hierarchical: time(p.hierarchical.queue),
            distributed: time(p.distributed.queue),
        }
    };
    let model_of = |e: &crate::io::LogEntry| -> DomainWaits {
        let domain = e.domain.and_then(|k| analysis.domains.get(k as usize));
        if let Some(t) = domain.and_then(|d| d.time_to_decision_days) {
            return t;
        }
        let hours = e
            .domain
            .and_then(|k| org.decisions.get(k as usize))
            .map_or(s.handling_hours, |d| s.handling_of(d));
        analysis.persons.get(e.person as usize).map_or(
            DomainWaits {
                hierarchical: None,
                distributed: None,
            },
            |p| own(p, e.person as usize, hours),
        )
    };
    let mean_model = |entries: &[usize]| -> DomainWaits {
        let times: Vec<DomainWaits> = entries
            .iter()
            .filter_map(|&i| log.entries.get(i).map(model_of))
            .collect();
        let mean = |pick: fn(&DomainWaits) -> Option<f64>| -> Option<f64> {
            let sum: Option<f64> = times.iter().map(pick).sum();
            (!times.is_empty()).then_some(sum? / times.len() as f64)
        };
        DomainWaits {
            hierarchical: mean(|t| t.hierarchical),
            distributed: mean(|t| t.distributed),
        }
    };

    let mut people = Vec::new();
    for (i, entries) in by_person.iter().enumerate() {
        if entries.is_empty() {
            continue;
        }
        let o = observed(entries);
        let model_days = mean_model(entries);
        if let Some(p) = analysis.persons.get(i) {
            people.push(Compared {
                id: p.id.clone(),
                name: p.name.clone(),
                observed: o,
                model_per_month: (p.hierarchical.load, p.distributed.load),
                model_days,
            });
        }
    }
    let mut domains = Vec::new();
    for (k, entries) in by_domain.iter().enumerate() {
        if entries.is_empty() {
            continue;
        }
        let o = observed(entries);
        let model_days = mean_model(entries);
        if let Some(d) = analysis.domains.get(k) {
            domains.push(Compared {
                id: d.id.clone(),
                name: if d.name.is_empty() {
                    d.id.clone()
                } else {
                    d.name.clone()
                },
                observed: o,
                model_per_month: (d.per_month, d.per_month),
                model_days,
            });
        }
    }
    let most_first = |a: &Compared, b: &Compared| {
        b.observed
            .observed_decisions
            .cmp(&a.observed.observed_decisions)
            .then_with(|| a.name.cmp(&b.name))
    };
    people.sort_by(most_first);
    domains.sort_by(most_first);

    let fit = (!fitted.is_empty() && !domains.is_empty()).then(|| {
        let mut before = capacity.clone();
        for f in &fitted {
            if let Some(c) = before.get_mut(f.index as usize) {
                *c = f.was_hours;
            }
        }
        let after_days = log_reading_days(org, log, &capacity, &s);
        let before_days = log_reading_days(org, log, &before, &s);
        let index: std::collections::HashMap<&str, usize> = org
            .decisions
            .iter()
            .enumerate()
            .map(|(k, d)| (d.id.0.as_str(), k))
            .collect();
        let gaps = |model: &[Option<f64>]| -> Option<Vec<(String, f64)>> {
            domains
                .iter()
                .map(|d| {
                    let k = *index.get(d.id.as_str())?;
                    let m = model.get(k).copied().flatten()?;
                    Some((d.name.clone(), m - d.observed.observed_wait_days.mean))
                })
                .collect()
        };
        let mean =
            |g: &[(String, f64)]| g.iter().map(|x| x.1.abs()).sum::<f64>() / g.len().max(1) as f64;
        let after = gaps(&after_days).unwrap_or_default();
        FitQuality {
            domains: after.len(),
            mean_gap_days: mean(&after),
            mean_gap_days_before: gaps(&before_days).map(|g| mean(&g)),
            worst: after
                .iter()
                .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
                .cloned(),
        }
    });

    Calibration {
        log: file.to_owned(),
        decisions: log.entries.len(),
        rows: log.rows,
        open: log.open,
        oldest_open_days: log.oldest_open_days,
        cancelled: log.cancelled,
        from: log.span.map(|(a, _)| a.format("%Y-%m-%d").to_string()),
        to: log.span.map(|(_, b)| b.format("%Y-%m-%d").to_string()),
        months,
        columns: log.columns.clone(),
        people,
        domains,
        fitted,
        fit,
        skipped: log.problems.clone(),
        notes: log.notes.clone(),
    }
}

impl Calibration {
    /// What the log held, in one sentence (no full stop): "256 decisions from 260 rows,
    /// 2026-09-01 to 2026-11-30 (3 months); 1 still open…; 2 rows left out".
    pub fn summary(&self) -> String {
        use super::queue::days;
        use crate::format::{count, fte};
        let mut out = format!(
            "{} from {}",
            count(self.decisions, "decision", "decisions"),
            count(self.rows, "row", "rows")
        );
        if let (Some(a), Some(b)) = (&self.from, &self.to) {
            out.push_str(&format!(", {a} to {b} ({} months)", fte(self.months)));
        }
        if self.open > 0 {
            out.push_str(&format!(
                "; {} still open, left out of the waits{}",
                self.open,
                self.oldest_open_days
                    .map(|d| format!(" (the oldest has waited {} working days)", days(d)))
                    .unwrap_or_default()
            ));
        }
        if self.cancelled > 0 {
            out.push_str(&format!("; {} cancelled or withdrawn", self.cancelled));
        }
        if !self.skipped.is_empty() {
            out.push_str(&format!(
                "; {} left out",
                count(self.skipped.len(), "row", "rows")
            ));
        }
        out
    }
}

/// The comparison as plain text, for the end of the report.
pub fn text(c: &Calibration) -> String {
    use super::queue::days;
    use crate::format::{count, fte};
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "\nAgainst the decision log {}", c.log);
    let _ = writeln!(out, "{}.", c.summary());
    let _ = writeln!(
        out,
        "Working days from raised to decided (weekdays, working hours from 09:00): the log's median, 90th percentile and mean beside the model's mean (waits plus handling) through the hierarchy and straight to the holder; decisions a month in the log (and in the model):"
    );
    let header = |what: &str| {
        format!(
            "  {what:<34} {:>9} {:>19} {:>7} {:>7} {:>7} {:>11} {:>11}",
            "Decisions", "A month (model)", "Median", "90th", "Mean", "Hierarchy", "To holder"
        )
    };
    for (title, rows, what) in [
        ("Person", &c.people, "person"),
        ("Domain", &c.domains, "domain"),
    ] {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}", header(title));
        for r in rows.iter().take(12) {
            let o = &r.observed;
            let model_rate = if what == "person" {
                format!(
                    "{} ({}/{})",
                    fte(o.observed_per_month),
                    fte(r.model_per_month.0),
                    fte(r.model_per_month.1)
                )
            } else {
                format!(
                    "{} ({})",
                    fte(o.observed_per_month),
                    fte(r.model_per_month.0)
                )
            };
            let name: String = if r.name.chars().count() > 34 {
                r.name.chars().take(33).chain(['…']).collect()
            } else {
                r.name.clone()
            };
            let end = |d: Option<f64>| d.map_or_else(|| "without end".to_owned(), days);
            let _ = writeln!(
                out,
                "  {name:<34} {:>9} {model_rate:>19} {:>7} {:>7} {:>7} {:>11} {:>11}",
                o.observed_decisions,
                days(o.observed_wait_days.median),
                days(o.observed_wait_days.p90),
                days(o.observed_wait_days.mean),
                end(r.model_days.hierarchical),
                end(r.model_days.distributed),
            );
        }
        if rows.len() > 12 {
            let _ = writeln!(
                out,
                "  and {} more (analyze --json lists them all)",
                rows.len() - 12
            );
        }
    }
    if !c.fitted.is_empty() {
        let shown: Vec<String> = c
            .fitted
            .iter()
            .take(8)
            .map(|f| {
                format!(
                    "{} {} → {}{}",
                    f.name,
                    fte(f.was_hours),
                    fte(f.capacity_hours),
                    if f.capped { " (capped)" } else { "" }
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "Capacities fitted to the log (hours a week for decisions; the figures above use them): {}{}.",
            shown.join(", "),
            if c.fitted.len() > 8 {
                format!(" and {} more", c.fitted.len() - 8)
            } else {
                String::new()
            }
        );
        let capped = c.fitted.iter().filter(|f| f.capped).count();
        if capped > 0 {
            let _ = writeln!(
                out,
                "{} decided faster than their domains' handling hours allow even with the whole week: capped at {} hours, their model waits stay above the log's (the domains' hours may be set too high).",
                count(capped, "person", "people"),
                fte(c
                    .fitted
                    .iter()
                    .find(|f| f.capped)
                    .map_or(0.0, |f| f.capacity_hours))
            );
        }
        if let Some(q) = &c.fit {
            let before = q.mean_gap_days_before.map_or_else(
                || "a queue could not keep up with the log's decisions".to_owned(),
                |b| format!("{} days", days(b)),
            );
            let worst = q
                .worst
                .as_ref()
                .map(|(n, g)| {
                    let observed = c
                        .domains
                        .iter()
                        .find(|d| &d.name == n)
                        .map(|d| d.observed.observed_wait_days.mean);
                    match observed {
                        Some(o) => format!(
                            "; worst {n}: {} days in the log, {} in the fitted queues{}",
                            days(o),
                            days(o + g),
                            if *g < 0.0 {
                                " (it waits on something besides its deciders)"
                            } else {
                                " (it is decided ahead of the queue)"
                            }
                        ),
                        None => format!("; worst {n}, {} days", days(g.abs())),
                    }
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "Fed the log's own decisions, each decider's fitted queue takes the log's mean time to decision; across {} the fitted queues are off by {} working days on average (with the capacities before: {before}){worst}.",
                count(q.domains, "domain", "domains"),
                days(q.mean_gap_days)
            );
        }
    }
    for note in &c.notes {
        let _ = writeln!(out, "Note: {note}.");
    }
    if !c.skipped.is_empty() {
        let _ = writeln!(out, "Rows left out of the log:");
        for p in c.skipped.iter().take(20) {
            let _ = writeln!(out, "  {}: {}", p.place, p.message);
        }
        if c.skipped.len() > 20 {
            let _ = writeln!(out, "  and {} more", c.skipped.len() - 20);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_worked_by_hand() {
        let s = Spread::of(&mut [4.0, 1.0, 3.0, 2.0]);
        assert_eq!((s.median, s.p90, s.mean), (2.5, 4.0, 2.5));
        let mut ten: Vec<f64> = (1..=10).map(f64::from).collect();
        let s = Spread::of(&mut ten);
        assert_eq!((s.median, s.p90), (5.5, 9.0));
        assert_eq!(Spread::of(&mut []), Spread::default());
    }

    #[test]
    fn the_fitted_capacity_reproduces_the_time() {
        let s = QueueSettings::default();
        // 10 decisions a week of half an hour, 2 working days (16 h) from raised to decided:
        // C = λh + h·week / T = 5 + 20 / 16 = 6.25 hours a week.
        let c = capacity_for(10.0, 0.5, 16.0, &s, 40.0).unwrap_or_default();
        assert!((c - 6.25).abs() < 1e-9, "{c}");
        // And the queue at that capacity takes 16 hours: S = 0.5 × 40 / 6.25 = 3.2 h,
        // ρ = 5 / 6.25 = 0.8, W = S / (1 − ρ) = 16.
        let rho: f64 = 5.0 / c;
        assert!((3.2 / (1.0 - rho) - 16.0).abs() < 1e-9);
        // Less variable arrivals and handling (ca = cs = 0.5, k = 0.25) need less capacity.
        let calm = QueueSettings {
            arrival_cv: 0.5,
            service_cv: 0.5,
            ..QueueSettings::default()
        };
        let c2 = capacity_for(10.0, 0.5, 16.0, &calm, 40.0).unwrap_or_default();
        let (sv, r) = (0.5 * 40.0 / c2, 5.0 / c2);
        assert!(c2 < c && (sv + 0.25 * r / (1.0 - r) * sv - 16.0).abs() < 1e-9);
        // Faster than the whole week allows: none.
        assert_eq!(capacity_for(10.0, 0.5, 0.1, &s, 40.0), None);
    }
}
