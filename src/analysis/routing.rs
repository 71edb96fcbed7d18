//! Decision routing in the two readings of one org.
//!
//! *Hierarchical*: a decision raised by a person climbs their reporting chain until it reaches
//! someone who may decide it. If nobody above them may, it climbs to their lowest common
//! manager with a decider and goes down to that decider (the one nearest the top, then the
//! first in the file). From the decider it then goes to each approver in turn, the same way.
//! A decision nobody may decide climbs to the top of the chain and stays there; its approvers
//! are then reached from the raiser. Between separate trees (a file with several top-level
//! people) a decision crosses at the top.
//!
//! *Distributed*: the decision goes straight from the raiser to the same decider, and from
//! there straight to each approver: one hop each.
//!
//! A person's load is the decisions per month that pass through them or reach them; their
//! own raising does not count. Each leg (raisers → targets) is routed over the part of the
//! tree it touches: the targets, the raisers when they are a few, and their managers above.
//! Decisions raised by everyone are handled by one shared term plus corrections along the
//! targets' chains, so the cost of a leg grows with the depth of the org, not its headcount.

use super::structure::{Hierarchy, NONE};
use crate::model::{Org, PersonId};
use std::collections::{BTreeMap, HashMap};

/// Decisions per month each person handles in each reading, and the hops they took.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Routing {
    /// Per person: decisions per month that pass through them or reach them (hierarchical).
    pub hierarchical: Vec<f64>,
    /// Per person: decisions per month that reach them directly (distributed).
    pub distributed: Vec<f64>,
    /// Decisions per month raised in the whole org.
    pub total_per_month: f64,
    /// Sum over all decisions of hops × rate, hierarchical reading.
    pub hierarchical_hops: f64,
    /// Sum over all decisions of hops × rate, distributed reading.
    pub distributed_hops: f64,
    /// Per person: decisions per month crossing the line between them and their manager
    /// (either way), hierarchical reading; 0 for a top-level person.
    pub line_to_manager: Vec<f64>,
}

/// Who raises a decision: every active person equally, or a fixed set of people.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Raisers {
    Everyone,
    Some(Vec<u32>),
}

/// Where the decisions of one leg start, and how many per month from each person.
#[derive(Clone, Copy, Debug)]
enum Source<'a> {
    /// Every raiser of the current group raises `per_raiser` a month.
    Group { per_raiser: f64 },
    /// These people raise these amounts a month.
    People(&'a [(u32, f64)]),
}

/// Scratch arrays reused across legs: only the entries a leg touches are written and reset.
///
/// Legs are routed a group at a time: the decisions with the same raisers. Within a group,
/// the flow of raisers whose route does not touch a target's chain is the same for every
/// leg, so it is added once per group; each leg only works along its targets' chains.
struct Router<'a> {
    h: &'a Hierarchy<'a>,
    /// 1 for a person who raises decisions meant for everyone (not an open position).
    active: Vec<f64>,
    /// 1 for a raiser of the current group.
    unit: Vec<f64>,
    /// Raisers of the current group at or below each person.
    below: Vec<f64>,
    /// Raisers in the current group.
    raisers: f64,
    /// The raisers of the current group and their managers (all of `h.order` for everyone).
    group_part: Vec<u32>,
    /// Σ over the current group's legs of the rate per raiser.
    group_rate: f64,
    /// Position of each person in `h.order`.
    position: Vec<u32>,
    in_part: Vec<bool>,
    is_target: Vec<bool>,
    above_target: Vec<bool>,
    has_target: Vec<bool>,
    best: Vec<u32>,
    best_child: Vec<u32>,
    own: Vec<f64>,
    flow: Vec<f64>,
    down: Vec<f64>,
    part: Vec<u32>,
}

impl<'a> Router<'a> {
    fn new(org: &Org, h: &'a Hierarchy<'a>) -> Self {
        let n = h.len();
        let any_active = org.people.iter().any(|p| !p.vacant);
        let active: Vec<f64> = org
            .people
            .iter()
            .map(|p| if !p.vacant || !any_active { 1.0 } else { 0.0 })
            .collect();
        let mut position = vec![u32::MAX; n];
        for (i, &v) in h.order.iter().enumerate() {
            position[v as usize] = i as u32;
        }
        Self {
            h,
            active,
            unit: vec![0.0; n],
            below: vec![0.0; n],
            raisers: 0.0,
            group_part: Vec::new(),
            group_rate: 0.0,
            position,
            in_part: vec![false; n],
            is_target: vec![false; n],
            above_target: vec![false; n],
            has_target: vec![false; n],
            best: vec![NONE; n],
            best_child: vec![NONE; n],
            own: vec![0.0; n],
            flow: vec![0.0; n],
            down: vec![0.0; n],
            part: Vec::new(),
        }
    }

    /// Starts a group of legs with the same raisers: counts the raisers below each person.
    fn begin_group(&mut self, raisers: &Raisers) {
        let h = self.h;
        self.group_rate = 0.0;
        self.group_part.clear();
        match raisers {
            Raisers::Everyone => {
                self.group_part.extend_from_slice(&h.order);
                for &v in &h.order {
                    self.unit[v as usize] = self.active[v as usize];
                }
            }
            Raisers::Some(people) => {
                self.part.clear();
                for &p in people {
                    self.mark_up(p);
                }
                for &v in &self.part {
                    self.in_part[v as usize] = false;
                }
                self.group_part.append(&mut self.part);
                self.group_part
                    .sort_unstable_by_key(|&v| self.position[v as usize]);
                for &p in people {
                    self.unit[p as usize] = 1.0;
                }
            }
        }
        for &v in &self.group_part {
            self.below[v as usize] = self.unit[v as usize];
        }
        for &v in self.group_part.iter().rev() {
            let p = h.parent[v as usize];
            if p != NONE {
                self.below[p as usize] += self.below[v as usize];
            }
        }
        self.raisers = h.roots.iter().map(|&r| self.below[r as usize]).sum();
    }

    /// Ends the group: adds the load of its raisers away from the targets' chains.
    fn end_group(&mut self, out: &mut Routing) {
        for &v in &self.group_part {
            let v = v as usize;
            let shared = self.group_rate * (self.below[v] - self.unit[v]);
            out.hierarchical[v] += shared;
            out.hierarchical_hops += shared;
            if self.h.parent[v] != NONE {
                out.line_to_manager[v] += self.group_rate * self.below[v];
            }
            self.below[v] = 0.0;
            self.unit[v] = 0.0;
        }
    }

    /// Closer to the top wins, then earlier in the file.
    fn better(&self, a: u32, b: u32) -> bool {
        b == NONE || (self.h.depth[a as usize], a) < (self.h.depth[b as usize], b)
    }

    /// Marks `v` and its managers up to the first already marked as part of this leg.
    fn mark_up(&mut self, mut v: u32) {
        while v != NONE && !self.in_part[v as usize] && self.position[v as usize] != u32::MAX {
            self.in_part[v as usize] = true;
            self.part.push(v);
            v = self.h.parent[v as usize];
        }
    }

    /// Routes one leg and returns how many decisions a month end at each target (their own
    /// raising included).
    fn route(&mut self, source: Source<'_>, targets: &[u32], out: &mut Routing) -> Vec<(u32, f64)> {
        let h = self.h;
        self.part.clear();
        let per_person = match source {
            Source::Group { per_raiser } => {
                self.group_rate += per_raiser;
                per_raiser
            }
            Source::People(people) => {
                for &(p, amount) in people {
                    self.own[p as usize] += amount;
                    self.mark_up(p);
                }
                0.0
            }
        };
        for &t in targets {
            if self.position[t as usize] != u32::MAX {
                self.is_target[t as usize] = true;
                self.mark_up(t);
            }
        }
        let mut part = std::mem::take(&mut self.part);
        part.sort_unstable_by_key(|&v| self.position[v as usize]);

        // Top-down: starting values, and whether a target sits at or above each person.
        for &v in &part {
            let v = v as usize;
            let p = h.parent[v];
            self.above_target[v] =
                self.is_target[v] || (p != NONE && self.above_target[p as usize]);
            self.has_target[v] = self.is_target[v];
            self.best[v] = if self.is_target[v] { v as u32 } else { NONE };
            self.best_child[v] = NONE;
            if per_person > 0.0 {
                self.own[v] = per_person * self.unit[v];
            }
            // Off this part nothing holds a target, so everything below climbs in full.
            self.flow[v] = self.own[v] + per_person * (self.below[v] - self.unit[v]);
        }

        // Bottom-up: flows climb until they reach a target, or the lowest manager with a
        // target below them.
        let mut stranded = 0.0;
        for &v in part.iter().rev() {
            let v = v as usize;
            let arrived = self.flow[v] - self.own[v];
            let shared = per_person * (self.below[v] - self.unit[v]);
            out.hierarchical[v] += arrived - shared;
            out.hierarchical_hops += arrived - shared;
            if self.is_target[v] {
                out.distributed[v] += arrived;
                out.distributed_hops += arrived;
            }
            let climbs = if self.above_target[v] {
                !self.is_target[v]
            } else {
                !self.has_target[v]
            };
            let p = h.parent[v];
            if p == NONE {
                if climbs {
                    stranded += self.flow[v];
                }
                continue;
            }
            let p = p as usize;
            self.flow[p] -= per_person * self.below[v];
            out.line_to_manager[v] -= per_person * self.below[v];
            if climbs {
                self.flow[p] += self.flow[v];
                out.line_to_manager[v] += self.flow[v];
            }
            if self.has_target[v] {
                self.has_target[p] = true;
                if self.better(self.best[v], self.best[p]) {
                    self.best[p] = self.best[v];
                    self.best_child[p] = v as u32;
                }
            }
        }
        if per_person > 0.0 {
            let in_part: f64 = h
                .roots
                .iter()
                .filter(|&&r| self.in_part[r as usize])
                .map(|&r| self.below[r as usize])
                .sum();
            stranded += per_person * (self.raisers - in_part);
        }

        // Flows stranded at the top of a tree with no target cross to the tree with the best
        // target: there is no common manager in a forest.
        if stranded > 0.0 {
            let entry = part
                .iter()
                .copied()
                .filter(|&r| h.parent[r as usize] == NONE && self.has_target[r as usize])
                .min_by_key(|&r| {
                    let b = self.best[r as usize];
                    (h.depth[b as usize], b)
                });
            if let Some(r) = entry {
                self.down[r as usize] += stranded;
            }
        }

        // Top-down: flows that turned at a common manager go down to the best target below.
        let mut ends = Vec::with_capacity(targets.len());
        for &v in &part {
            let v = v as usize;
            let incoming = self.down[v];
            out.hierarchical[v] += incoming;
            out.hierarchical_hops += incoming;
            if h.parent[v] != NONE {
                out.line_to_manager[v] += incoming;
            }
            if self.is_target[v] {
                out.distributed[v] += incoming;
                out.distributed_hops += incoming;
                ends.push((v as u32, self.flow[v] + incoming));
                continue;
            }
            if self.above_target[v] || !self.has_target[v] {
                continue;
            }
            let child = self.best_child[v];
            if child != NONE {
                self.down[child as usize] += incoming + self.flow[v];
            }
        }

        for &v in &part {
            let v = v as usize;
            self.in_part[v] = false;
            self.is_target[v] = false;
            self.own[v] = 0.0;
            self.down[v] = 0.0;
        }
        self.part = part;
        ends.sort_unstable_by_key(|&(v, _)| v);
        ends
    }
}

/// The decisions of one group: same raisers, same deciders.
#[derive(Default)]
struct Group {
    rate: f64,
    /// Approver chains (in order) with the rate of the decisions that need them.
    approvals: BTreeMap<Vec<u32>, f64>,
}

/// Routes every decision of `org` in both readings.
pub fn route(org: &Org, h: &Hierarchy<'_>) -> Routing {
    let n = h.len();
    let mut out = Routing {
        hierarchical: vec![0.0; n],
        distributed: vec![0.0; n],
        line_to_manager: vec![0.0; n],
        ..Routing::default()
    };
    let mut router = Router::new(org, h);
    for (raisers, groups) in groups(org, h, &mut out) {
        router.begin_group(&raisers);
        if router.raisers <= 0.0 {
            router.end_group(&mut out);
            continue;
        }
        let raisers_count = router.raisers;
        let per_raiser = |rate: f64| Source::Group {
            per_raiser: rate / raisers_count,
        };
        for (deciders, group) in groups {
            let ends = router.route(per_raiser(group.rate), &deciders, &mut out);
            for (chain, rate) in group.approvals {
                // Approvals start where the decision was made, or with the raisers when
                // nobody may decide it.
                let mut at: Vec<(u32, f64)> = ends
                    .iter()
                    .map(|&(v, amount)| (v, amount * rate / group.rate))
                    .collect();
                for &approver in &chain {
                    let start = if deciders.is_empty() && at.is_empty() {
                        per_raiser(rate)
                    } else {
                        Source::People(&at)
                    };
                    at = router.route(start, &[approver], &mut out);
                }
            }
        }
        router.end_group(&mut out);
    }
    out
}

/// The decisions grouped by raisers, then by deciders, with rates added.
fn groups(
    org: &Org,
    h: &Hierarchy<'_>,
    out: &mut Routing,
) -> BTreeMap<Raisers, BTreeMap<Vec<u32>, Group>> {
    let mut teams: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, p) in org.people.iter().enumerate() {
        if !p.team.is_empty() {
            teams.entry(p.team.as_str()).or_default().push(i as u32);
        }
    }
    let people = |list: &[PersonId], sort: bool| -> Vec<u32> {
        let mut v: Vec<u32> = list
            .iter()
            .filter_map(|id| h.index.get(id.as_str()).copied())
            .collect();
        if sort {
            v.sort_unstable();
        }
        let mut seen = std::collections::HashSet::new();
        v.retain(|p| seen.insert(*p));
        v
    };
    let mut all: BTreeMap<Raisers, BTreeMap<Vec<u32>, Group>> = BTreeMap::new();
    for d in &org.decisions {
        if d.per_month.is_nan() || d.per_month <= 0.0 {
            continue;
        }
        let raisers = match d.raised_by.as_deref() {
            None | Some([]) => Raisers::Everyone,
            Some(list) => {
                // A team named twice (or 20,000 times) raises once: expand each name once.
                let entries: std::collections::BTreeSet<&str> =
                    list.iter().map(String::as_str).collect();
                let mut who: Vec<u32> = Vec::new();
                for entry in entries {
                    if let Some(&i) = h.index.get(entry) {
                        who.push(i);
                    }
                    if let Some(members) = teams.get(entry) {
                        who.extend(members);
                    }
                }
                who.sort_unstable();
                who.dedup();
                if who.is_empty() {
                    continue;
                }
                Raisers::Some(who)
            }
        };
        out.total_per_month += d.per_month;
        let group = all
            .entry(raisers)
            .or_default()
            .entry(people(&d.decides, true))
            .or_default();
        group.rate += d.per_month;
        let chain = people(&d.approves, false);
        if !chain.is_empty() {
            *group.approvals.entry(chain).or_default() += d.per_month;
        }
    }
    all
}
