//! How long decisions wait: every person is a queue, in each reading.
//!
//! A person's decisions arrive at λ a month (their load in the reading) and take them H hours
//! a month to handle (each decision times its domain's handling hours). They have C hours a
//! week for decisions ([`crate::model::QueueSettings::capacity_of`]). Their utilisation is
//! ρ = H / (C × 52/12). Below 1, a decision waits in their queue, by Kingman's formula,
//!
//! Wq = (ca² + cs²) / 2 × ρ / (1 − ρ) × S,
//!
//! where S is the working time one decision occupies them: its handling hours (H / λ on
//! average) stretched by the share of the week they spend deciding (× week hours / C); ca and
//! cs are the coefficients of variation of the time between arrivals and of the handling time
//! (1 and 1 by default: the M/M/1 queue, Wq = ρ / (1 − ρ) × S). At ρ ≥ 1 the queue grows
//! without end: by λ − C / (H / λ) decisions a week, and no finite wait is claimed.
//!
//! A domain's wait is the sum of the waits of the people on its route, weighted by the
//! decisions that reach them ([`super::routing::Routes::waits`]); the org's mean is the
//! domains' waits weighted by their rates, which by Little's law is also Σ λ × Wq over people
//! divided by all decisions a month.

use super::Analysis;
use crate::model::QueueSettings;
use serde::Serialize;

/// Weeks in a month on average (52 weeks, 12 months).
pub const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;
/// Utilisation from which a queue counts as busy: its waits grow fast (4× the handling time at
/// 80%, 9× at 90%).
pub const BUSY: f64 = 0.8;

/// One person's queue in one reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Queue {
    /// Share (0–…) of their decision hours the decisions that need them take: above 1 they
    /// cannot keep up.
    pub utilisation: f64,
    /// Working days a decision waits for them before they handle it; `None` (JSON `null`)
    /// when their queue grows without end (utilisation of 1 or more).
    pub wait_days: Option<f64>,
    /// Decisions a week their backlog grows by: 0 unless utilisation is 1 or more.
    #[serde(skip_serializing_if = "super::is_zero")]
    pub backlog_per_week: f64,
}

impl Queue {
    /// The queue of somebody `decisions` a month reach, taking `hours` hours a month of their
    /// `capacity` hours a week for decisions.
    pub fn of(decisions: f64, hours: f64, capacity: f64, s: &QueueSettings) -> Self {
        if decisions <= 0.0 || hours <= 0.0 || !decisions.is_finite() {
            return Self {
                utilisation: 0.0,
                wait_days: Some(0.0),
                backlog_per_week: 0.0,
            };
        }
        let per_month = capacity * WEEKS_PER_MONTH;
        let rho = hours / per_month;
        let handling = hours / decisions;
        if rho >= 1.0 {
            let arrivals_week = decisions / WEEKS_PER_MONTH;
            return Self {
                utilisation: rho,
                wait_days: None,
                backlog_per_week: arrivals_week - capacity / handling,
            };
        }
        let variability = (s.arrival_cv * s.arrival_cv + s.service_cv * s.service_cv) / 2.0;
        let occupied = handling * s.week_hours / capacity;
        let wait_hours = variability * rho / (1.0 - rho) * occupied;
        Self {
            utilisation: rho,
            wait_days: Some(wait_hours / s.day_hours),
            backlog_per_week: 0.0,
        }
    }

    /// True when the queue grows without end.
    pub fn overloaded(&self) -> bool {
        self.wait_days.is_none()
    }
}

/// A domain's rate and a figure summed along its routes in both readings (through the
/// hierarchy, straight to the holder; `None` when without end); `None` when not routed.
pub type RoutedFigure = Option<(f64, (Option<f64>, Option<f64>))>;

/// Every person's queue in each reading and each domain's wait along its routes: what the
/// queue model adds to the routing (`benches/analysis.rs` times it apart).
pub struct Queues {
    /// Hours a week each person has for decisions.
    pub capacity: Vec<f64>,
    /// Each person's queue through the hierarchy.
    pub hierarchical: Vec<Queue>,
    /// Each person's queue straight to the holder.
    pub distributed: Vec<Queue>,
    /// Each person's queue up the dotted lines, when the org has them.
    pub matrix: Option<Vec<Queue>>,
    /// Per domain (file order): its rate and its wait in both readings.
    pub domain_waits: Vec<RoutedFigure>,
    /// Per domain: the working days one handling hour takes along its routes (each person's
    /// week stretched over their deciding hours), in both readings.
    pub route_hours: Vec<RoutedFigure>,
}

impl Queues {
    /// The queues of `org` from its routing (`matrix`: the routing up the dotted lines).
    pub fn of(
        org: &crate::model::Org,
        h: &super::Hierarchy<'_>,
        routing: &super::Routing,
        matrix: Option<&super::Routing>,
    ) -> Self {
        let settings = org.queue_settings();
        let capacity: Vec<f64> = org
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| settings.capacity_of(p, h.span(i as u32) > 0))
            .collect();
        let queues = |loads: &[f64], hours: &[f64]| -> Vec<Queue> {
            loads
                .iter()
                .zip(hours)
                .zip(&capacity)
                .map(|((&l, &hr), &c)| Queue::of(l, hr, c, &settings))
                .collect()
        };
        let hierarchical = queues(&routing.hierarchical, &routing.hierarchical_hours);
        let distributed = queues(&routing.distributed, &routing.distributed_hours);
        let matrix = matrix.map(|m| queues(&m.hierarchical, &m.hierarchical_hours));
        let wait_of = |q: &[Queue]| -> Vec<Option<f64>> { q.iter().map(|q| q.wait_days).collect() };
        let domain_waits = routing
            .routes
            .waits(&wait_of(&hierarchical), &wait_of(&distributed));
        let per_hour: Vec<Option<f64>> = capacity
            .iter()
            .map(|&c| Some(settings.week_hours / c.max(1e-9) / settings.day_hours))
            .collect();
        let route_hours = routing.routes.waits(&per_hour, &per_hour);
        Self {
            capacity,
            hierarchical,
            distributed,
            matrix,
            domain_waits,
            route_hours,
        }
    }
}

/// How long decisions wait in one reading, over the whole org.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct WaitFigures {
    /// Mean working days a decision waits, weighted by rate; `None` (JSON `null`) when some
    /// decisions reach a queue that grows without end.
    pub mean_wait_days: Option<f64>,
    /// The 90th percentile of the domains' waits, weighted by their rates; `None` when a tenth
    /// or more of the decisions reach a queue that grows without end.
    pub p90_wait_days: Option<f64>,
    /// The mean over the decisions whose every queue keeps up (all of them when
    /// `unbounded_share` is 0).
    pub bounded_mean_wait_days: f64,
    /// Share (0–1) of the decisions whose route reaches somebody whose queue grows without end.
    pub unbounded_share: f64,
    /// People whose queue grows without end, most utilised first (ids).
    pub overloaded: Vec<String>,
    /// People at least [`BUSY`] utilised whose queue still keeps up.
    pub busy: usize,
    /// Whose queue holds the most waiting (decisions a month × wait), among the queues that
    /// keep up, and that share (0–1) of all of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub most_waiting: Option<(String, f64)>,
}

impl WaitFigures {
    /// The org's figures from each domain's (rate, wait) and each person's queue and load.
    pub fn of(
        domains: &[(f64, Option<f64>)],
        queues: &[Queue],
        loads: &[f64],
        ids: impl Fn(usize) -> String,
    ) -> Self {
        let total: f64 = domains.iter().map(|d| d.0).sum();
        let mut out = Self::default();
        if total <= 0.0 {
            out.mean_wait_days = Some(0.0);
            out.p90_wait_days = Some(0.0);
        } else {
            let bounded: f64 = domains.iter().filter(|d| d.1.is_some()).map(|d| d.0).sum();
            let weighted: f64 = domains.iter().filter_map(|d| Some(d.0 * d.1?)).sum();
            out.bounded_mean_wait_days = if bounded > 0.0 {
                weighted / bounded
            } else {
                0.0
            };
            out.unbounded_share = (total - bounded).max(0.0) / total;
            out.mean_wait_days = (bounded >= total).then_some(out.bounded_mean_wait_days);
            let mut sorted: Vec<(f64, f64)> = domains
                .iter()
                .filter(|d| d.0 > 0.0)
                .map(|d| (d.1.unwrap_or(f64::INFINITY), d.0))
                .collect();
            sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut run = 0.0;
            let mut p90 = f64::INFINITY;
            for (w, r) in sorted {
                run += r;
                if run >= 0.9 * total * (1.0 - 1e-12) {
                    p90 = w;
                    break;
                }
            }
            out.p90_wait_days = p90.is_finite().then_some(p90);
        }
        let mut overloaded: Vec<(usize, f64)> = queues
            .iter()
            .enumerate()
            .filter(|(_, q)| q.overloaded())
            .map(|(i, q)| (i, q.utilisation))
            .collect();
        overloaded.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.overloaded = overloaded.into_iter().map(|(i, _)| ids(i)).collect();
        out.busy = queues
            .iter()
            .filter(|q| !q.overloaded() && q.utilisation >= BUSY)
            .count();
        let waiting = |i: usize| -> f64 {
            let w = queues.get(i).and_then(|q| q.wait_days).unwrap_or(0.0);
            w * loads.get(i).copied().unwrap_or(0.0)
        };
        let all: f64 = (0..queues.len()).map(waiting).sum();
        if all > 0.0 {
            let top = (0..queues.len())
                .max_by(|&a, &b| waiting(a).total_cmp(&waiting(b)).then(b.cmp(&a)));
            out.most_waiting = top.map(|i| (ids(i), waiting(i) / all));
        }
        out
    }
}

/// The report's sentence on waits in both readings, or `None` when nothing is routed.
pub fn wait_sentence(a: &Analysis) -> Option<String> {
    if a.decisions_per_month <= 0.0 {
        return None;
    }
    let name = |id: &str| a.display_name_of(id);
    let mut parts = Vec::new();
    for (reading, label) in [
        (&a.readings.hierarchical, "through the hierarchy"),
        (&a.readings.distributed, "straight to the holder"),
    ] {
        let w = &reading.wait;
        let mut s = if w.unbounded_share <= 0.0 {
            format!("{} working days {label}", days(w.bounded_mean_wait_days))
        } else if w.unbounded_share >= 1.0 - 1e-9 {
            format!("without end {label} (every decision meets a queue that cannot keep up)")
        } else {
            format!(
                "{} working days {label} for the {} of decisions whose queues keep up; the other {} meet a queue that grows without end",
                days(w.bounded_mean_wait_days),
                super::percent(1.0 - w.unbounded_share),
                super::percent(w.unbounded_share)
            )
        };
        if let Some((id, share)) = &w.most_waiting
            && w.overloaded.is_empty()
            && *share > 0.0
        {
            s.push_str(&format!(
                " ({} of that waiting is at {})",
                super::percent(*share),
                name(id)
            ));
        }
        parts.push(s);
    }
    let mut out = format!("Decisions wait {}; {}.", parts[0], parts[1]);
    for (reading, label) in [
        (&a.readings.hierarchical, "Through the hierarchy"),
        (&a.readings.distributed, "Straight to the holder"),
    ] {
        let over = &reading.wait.overloaded;
        let Some(p) = over.first().and_then(|id| a.person_figures(id)) else {
            continue;
        };
        let load = if std::ptr::eq(reading, &a.readings.hierarchical) {
            &p.hierarchical
        } else {
            &p.distributed
        };
        let q = load.queue.unwrap_or_default();
        let others = match over.len() {
            1 => String::new(),
            2 => ", nor can 1 other".to_owned(),
            n => format!(", nor can {} others", n - 1),
        };
        out.push_str(&format!(
            " {label} {} cannot keep up (utilisation {}: the backlog grows by {} a week){others}.",
            p.name,
            super::percent(q.utilisation),
            trim1(q.backlog_per_week),
        ));
    }
    Some(out)
}

/// The waits in one line for a slide: "Decisions wait 0.3 working days through the hierarchy,
/// 0.1 straight to the holder; 71% of the waiting through the hierarchy is at Dana Reyes", or
/// who cannot keep up; `None` when nothing is routed.
pub fn wait_line(a: &Analysis) -> Option<String> {
    if a.decisions_per_month <= 0.0 {
        return None;
    }
    let (h, d) = (&a.readings.hierarchical.wait, &a.readings.distributed.wait);
    let words = |w: &WaitFigures| match w.mean_wait_days {
        Some(m) => format!("{} working days", days(m)),
        None if w.unbounded_share >= 1.0 - 1e-9 => "without end".to_owned(),
        None => format!(
            "without end for {} of decisions",
            super::percent(w.unbounded_share)
        ),
    };
    let mut out = format!(
        "Decisions wait {} through the hierarchy, {} straight to the holder",
        words(h),
        words(d)
    );
    if let Some(p) = h.overloaded.first().and_then(|id| a.person_figures(id)) {
        let q = p.hierarchical.queue.unwrap_or_default();
        out.push_str(&format!(
            "; {} cannot keep up (utilisation {}, the backlog grows by {} a week)",
            p.name,
            super::percent(q.utilisation),
            trim1(q.backlog_per_week)
        ));
    } else if let Some((id, share)) = &h.most_waiting
        && *share > 0.0
    {
        out.push_str(&format!(
            "; {} of the waiting through the hierarchy is at {}",
            super::percent(*share),
            a.display_name_of(id)
        ));
    }
    Some(out)
}

/// A person's queue in words: "72% utilised, a decision waits 0.4 working days" or "144%
/// utilised: the backlog grows by 12 a week".
pub fn queue_words(q: &Queue) -> String {
    match q.wait_days {
        Some(w) => format!(
            "{} utilised, a decision waits {} working days",
            super::percent(q.utilisation),
            days(w)
        ),
        None => format!(
            "{} utilised: cannot keep up, the backlog grows by {} a week",
            super::percent(q.utilisation),
            trim1(q.backlog_per_week)
        ),
    }
}

/// A reading's mean wait in a few words: "1.2 days", or "without end (88%)" when some
/// decisions meet a queue that cannot keep up.
pub fn mean_wait_words(w: &WaitFigures) -> String {
    match w.mean_wait_days {
        Some(m) => format!("{} days", days(m)),
        None => format!("without end ({})", super::percent(w.unbounded_share)),
    }
}

/// The reading's waits in a sentence, for a tooltip.
pub fn wait_detail(w: &WaitFigures, a: &Analysis) -> String {
    let mut out = match w.mean_wait_days {
        Some(m) => format!("Mean {} working days", days(m)),
        None => format!(
            "{} of decisions meet a queue that cannot keep up; the rest wait {} working days on average",
            super::percent(w.unbounded_share),
            days(w.bounded_mean_wait_days)
        ),
    };
    match w.p90_wait_days {
        Some(p) => out.push_str(&format!("; 90th percentile {} days", days(p))),
        None => out.push_str("; 90th percentile without end"),
    }
    if !w.overloaded.is_empty() {
        let names: Vec<String> = w
            .overloaded
            .iter()
            .take(3)
            .map(|id| a.display_name_of(id))
            .collect();
        out.push_str(&format!(
            ". Cannot keep up: {}{}",
            names.join(", "),
            if w.overloaded.len() > 3 {
                format!(" and {} more", w.overloaded.len() - 3)
            } else {
                String::new()
            }
        ));
    }
    out.push('.');
    out
}

/// "1.4 days", or "without end" for a wait that grows without end.
pub fn days_or_end(d: Option<f64>) -> String {
    d.map_or_else(|| "without end".to_owned(), |d| format!("{} days", days(d)))
}

/// Working days to one decimal, or "under 0.1".
pub fn days(d: f64) -> String {
    if d > 0.0 && d < 0.05 {
        "under 0.1".to_owned()
    } else {
        format!("{d:.1}")
    }
}

fn trim1(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_mm1_queue_worked_by_hand() {
        let s = QueueSettings::default();
        // 16 hours a week is 69.33 hours a month; 52 decisions of half an hour are 26 hours.
        let q = Queue::of(52.0, 26.0, 16.0, &s);
        let rho = 26.0 / (16.0 * 52.0 / 12.0);
        assert!(close(q.utilisation, rho));
        // Wq = ρ/(1−ρ) × 0.5 h × 40/16, in days of 8 hours.
        let expected = rho / (1.0 - rho) * 0.5 * 2.5 / 8.0;
        assert!(close(q.wait_days.unwrap(), expected), "{q:?}");
        // 80% and 90%: 4× and 9× the (stretched) handling time.
        let at = |rho: f64| {
            let hours = rho * 16.0 * WEEKS_PER_MONTH;
            Queue::of(hours / 0.5, hours, 16.0, &s).wait_days.unwrap() * 8.0 / (0.5 * 2.5)
        };
        assert!(close(at(0.8), 4.0) && close(at(0.9), 9.0));
    }

    #[test]
    fn a_full_queue_claims_no_wait_and_says_how_fast_it_grows() {
        let s = QueueSettings::default();
        // 40 hours a week of half-hour decisions against 16: 80 a week arrive, 32 are handled.
        let hours = 40.0 * WEEKS_PER_MONTH;
        let q = Queue::of(hours / 0.5, hours, 16.0, &s);
        assert!(q.overloaded());
        assert!(close(q.utilisation, 2.5));
        assert!(close(q.backlog_per_week, 48.0), "{q:?}");
    }

    #[test]
    fn variability_scales_the_wait() {
        let mut s = QueueSettings::default();
        let base = Queue::of(52.0, 26.0, 16.0, &s).wait_days.unwrap();
        s.arrival_cv = 0.0;
        s.service_cv = 0.0;
        assert_eq!(Queue::of(52.0, 26.0, 16.0, &s).wait_days, Some(0.0));
        s.service_cv = 1.0;
        assert!(close(
            Queue::of(52.0, 26.0, 16.0, &s).wait_days.unwrap(),
            base / 2.0
        ));
    }

    #[test]
    fn the_org_figures_weight_by_rate() {
        let q = |u: f64, w: Option<f64>| Queue {
            utilisation: u,
            wait_days: w,
            backlog_per_week: 0.0,
        };
        let queues = [q(0.5, Some(1.0)), q(0.9, Some(3.0)), q(0.1, Some(0.0))];
        let loads = [10.0, 10.0, 0.0];
        // Domains: 80 a month waiting 1 day, 20 waiting 6.
        let w = WaitFigures::of(
            &[(80.0, Some(1.0)), (20.0, Some(6.0))],
            &queues,
            &loads,
            |i| i.to_string(),
        );
        assert_eq!(w.mean_wait_days, Some(2.0));
        assert_eq!(w.p90_wait_days, Some(6.0));
        assert_eq!(w.busy, 1);
        assert_eq!(w.most_waiting, Some(("1".to_owned(), 0.75)));
        // A tenth unbounded: no mean, no 90th percentile; the rest wait 1.
        let w = WaitFigures::of(&[(90.0, Some(1.0)), (10.0, None)], &queues, &loads, |i| {
            i.to_string()
        });
        assert_eq!((w.mean_wait_days, w.p90_wait_days), (None, Some(1.0)));
        assert!(close(w.unbounded_share, 0.1) && close(w.bounded_mean_wait_days, 1.0));
        let w = WaitFigures::of(&[(80.0, Some(1.0)), (20.0, None)], &queues, &loads, |i| {
            i.to_string()
        });
        assert_eq!(w.p90_wait_days, None);
    }
}
