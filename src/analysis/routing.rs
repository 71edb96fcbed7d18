//! Decision routing in the two readings of one org.
//!
//! Only people who can act ([`crate::model::Person::can_act`]) raise, decide, approve or pass
//! decisions on: the routing runs over [`Hierarchy::acting`], where a decision that would reach
//! somebody who has left, a placeholder or an open post goes on to the next person above who
//! can act. Domains whose rights are not filled in yet ([`crate::model::Decision::has_rights`])
//! are left out.
//!
//! *Hierarchical*: a decision raised by a person climbs their reporting chain until it reaches
//! someone who may decide it. If nobody above them may, it climbs to their lowest common
//! manager with a decider and goes down to that decider (the one nearest the top, then the
//! first in the file). From the decider it then goes to each approver in turn, the same way.
//! A decision nobody may decide climbs to the top of the chain and stays there: the top person
//! stands in for the decider, and its approvers are reached from there. Between separate
//! trees (a file with several top-level people) a decision crosses at the top.
//!
//! *Distributed*: the decision goes straight from the raiser to the same decider, and from
//! there straight to each approver: one hop each.
//!
//! A person's load is the decisions per month that need them at least once on their route
//! (passing through on the climb, deciding or approving), raised by somebody else: a
//! decision that reaches a person twice (on the climb and again as approver) counts once, so
//! a load is never more than all decisions raised by others. Hops count every hand-off.
//!
//! Each leg (raisers → deciders) is routed over the part of the tree it touches: the
//! deciders, the raisers when they are a few, and their managers above. Decisions raised by
//! everyone are handled by one shared term plus corrections along the deciders' chains, so
//! the cost of a leg grows with the depth of the org, not its headcount. Every person's flow
//! in a leg ends at one decider, so the approvers' routes (short walks along the tree) only
//! add the load of those on them whom the decision has not already reached.

use super::structure::{Hierarchy, NONE};
use crate::model::{Org, PersonId};
use std::collections::BTreeMap;

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
    /// Per person: hours a month of decision work (each decision of `hierarchical` times its
    /// domain's handling hours), hierarchical reading.
    pub hierarchical_hours: Vec<f64>,
    /// The same, distributed reading.
    pub distributed_hours: Vec<f64>,
    /// Each routed domain's route, for the waits along it ([`Routes::waits`]).
    pub routes: Routes,
}

/// What every leg of the routing added to whom, kept so that a figure per person known only
/// after the routing (a queue's wait) can be summed along each domain's route.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Routes {
    /// Per group of legs: each person's raisers below them (themselves not counted), the
    /// shared flow per unit of a leg's rate per raiser.
    groups: Vec<Vec<(u32, f64)>>,
    legs: Vec<LegRecord>,
    /// Per domain, in file order: (leg, approver chain within it or `u32::MAX`, rate).
    cases: Vec<Vec<(u32, u32, f64)>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct LegRecord {
    group: u32,
    per_person: f64,
    rate: f64,
    /// What the leg added beyond its group's shared flow (hierarchical) and in all
    /// (distributed).
    h: Vec<(u32, f64)>,
    d: Vec<(u32, f64)>,
    /// Per approver chain: its rate and what its approvals added.
    chains: Vec<(f64, Flows, Flows)>,
}

/// Decisions a month added at each person.
type Flows = Vec<(u32, f64)>;

/// A domain's wait in one reading: working days, or `None` when its route reaches somebody
/// whose queue grows without end.
pub type DomainWait = Option<f64>;

impl Routes {
    /// Each domain's rate and mean wait per decision in both readings (file order): the sum over the
    /// people on its routes of their wait (`wait_h`, `wait_d`: per person, `None` for a queue
    /// that grows without end), weighted by the decisions that reach them. `None` for a domain
    /// that is not routed (no rights, no rate, no raiser).
    pub fn waits(
        &self,
        wait_h: &[Option<f64>],
        wait_d: &[Option<f64>],
    ) -> Vec<Option<(f64, (DomainWait, DomainWait))>> {
        let finite =
            |w: &[Option<f64>]| -> Vec<f64> { w.iter().map(|x| x.unwrap_or(0.0)).collect() };
        let (fh, fd) = (finite(wait_h), finite(wait_d));
        let over_h = |v: u32| wait_h.get(v as usize).is_some_and(Option::is_none);
        let over_d = |v: u32| wait_d.get(v as usize).is_some_and(Option::is_none);
        let dot = |list: &[(u32, f64)], w: &[f64]| -> f64 {
            list.iter().map(|&(v, x)| x * w[v as usize]).sum()
        };
        // Per group: the shared flow's wait per unit of rate, and its overloaded people.
        let groups: Vec<(f64, Vec<u32>)> = self
            .groups
            .iter()
            .map(|g| {
                let over: Vec<u32> = g
                    .iter()
                    .filter(|&&(v, x)| x > 0.0 && over_h(v))
                    .map(|&(v, _)| v)
                    .collect();
                (dot(g, &fh), over)
            })
            .collect();
        let shared_of = |g: usize, v: u32| -> f64 {
            let list = &self.groups[g];
            list.binary_search_by_key(&v, |&(u, _)| u)
                .map_or(0.0, |k| list[k].1)
        };
        // Per leg: (hierarchical, distributed) wait per decision, `None` when unbounded.
        let eps = 1e-9;
        let legs: Vec<(DomainWait, DomainWait)> = self
            .legs
            .iter()
            .map(|leg| {
                let g = leg.group as usize;
                let (shared_wait, over) = &groups[g];
                // The leg reaches an overloaded person when its flow there (the shared flow
                // plus its own correction) is above nothing.
                let mut corrected: Vec<(u32, f64)> =
                    leg.h.iter().filter(|&&(v, _)| over_h(v)).copied().collect();
                corrected.sort_unstable_by_key(|&(v, _)| v);
                let mut unbounded_h = false;
                let mut touched_shared = 0usize;
                let mut k = 0;
                while k < corrected.len() {
                    let v = corrected[k].0;
                    let mut x = 0.0;
                    while k < corrected.len() && corrected[k].0 == v {
                        x += corrected[k].1;
                        k += 1;
                    }
                    let shared = shared_of(g, v);
                    if shared > 0.0 {
                        touched_shared += 1;
                    }
                    if leg.per_person * shared + x > eps * leg.rate.max(1.0) {
                        unbounded_h = true;
                    }
                }
                if over.len() > touched_shared && leg.per_person > 0.0 {
                    unbounded_h = true;
                }
                let unbounded_d = leg.d.iter().any(|&(v, x)| x > eps && over_d(v));
                let rate = leg.rate;
                let h = (!unbounded_h && rate > 0.0)
                    .then(|| (leg.per_person * shared_wait + dot(&leg.h, &fh)) / rate);
                let d = (!unbounded_d && rate > 0.0).then(|| dot(&leg.d, &fd) / rate);
                (h, d)
            })
            .collect();
        let chain = |leg: &LegRecord, c: u32| -> (DomainWait, DomainWait) {
            let Some((rate, h, d)) = leg.chains.get(c as usize) else {
                return (Some(0.0), Some(0.0));
            };
            if *rate <= 0.0 {
                return (Some(0.0), Some(0.0));
            }
            let hw = (!h.iter().any(|&(v, x)| x > eps && over_h(v))).then(|| dot(h, &fh) / rate);
            let dw = (!d.iter().any(|&(v, x)| x > eps && over_d(v))).then(|| dot(d, &fd) / rate);
            (hw, dw)
        };
        let add = |a: DomainWait, b: DomainWait| Some(a? + b?);
        self.cases
            .iter()
            .map(|cases| {
                let (mut rate, mut sum_h, mut sum_d) = (0.0, Some(0.0), Some(0.0));
                for &(l, c, r) in cases {
                    let Some(leg) = self.legs.get(l as usize) else {
                        continue;
                    };
                    let (lh, ld) = legs[l as usize];
                    let (ch, cd) = chain(leg, c);
                    rate += r;
                    sum_h = add(sum_h, add(lh, ch).map(|w| w * r));
                    sum_d = add(sum_d, add(ld, cd).map(|w| w * r));
                }
                (rate > 0.0).then(|| (rate, (sum_h.map(|s| s / rate), sum_d.map(|s| s / rate))))
            })
            .collect()
    }
}

/// Who raises a decision: every active person equally, or a fixed set of people.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Raisers {
    Everyone,
    Some(Vec<u32>),
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
    /// The current leg's touched people, kept until [`Router::finish_leg`].
    leg: Vec<u32>,
    /// The current leg's rate per raiser.
    leg_rate: f64,
    /// Where flows stranded at the top of a tree without a decider go in the current leg.
    entry: u32,
    /// Scratch marks for the approvers' walks.
    seen: Vec<bool>,
    /// Handling hours of the current leg's decisions.
    leg_hours: f64,
    /// Σ over the current group's legs of rate per raiser × handling hours.
    group_hours_rate: f64,
    /// What the current leg (or approval chain) added, per reading, for [`Routes`].
    rec_h: Vec<(u32, f64)>,
    rec_d: Vec<(u32, f64)>,
}

impl<'a> Router<'a> {
    fn new(acts: &[bool], h: &'a Hierarchy<'a>) -> Self {
        let n = h.len();
        let active: Vec<f64> = acts.iter().map(|&a| if a { 1.0 } else { 0.0 }).collect();
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
            leg: Vec::new(),
            leg_rate: 0.0,
            entry: NONE,
            seen: vec![false; n],
            leg_hours: 0.0,
            group_hours_rate: 0.0,
            rec_h: Vec::new(),
            rec_d: Vec::new(),
        }
    }

    /// Adds `x` decisions a month at `v` in the hierarchical reading.
    fn add_h(&mut self, out: &mut Routing, v: usize, x: f64) {
        if x != 0.0 {
            out.hierarchical[v] += x;
            out.hierarchical_hours[v] += x * self.leg_hours;
            self.rec_h.push((v as u32, x));
        }
    }

    /// Adds `x` decisions a month at `v` in the distributed reading.
    fn add_d(&mut self, out: &mut Routing, v: usize, x: f64) {
        if x != 0.0 {
            out.distributed[v] += x;
            out.distributed_hours[v] += x * self.leg_hours;
            self.rec_d.push((v as u32, x));
        }
    }

    /// Starts a group of legs with the same raisers: counts the raisers below each person.
    fn begin_group(&mut self, raisers: &Raisers) {
        let h = self.h;
        self.group_rate = 0.0;
        self.group_hours_rate = 0.0;
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

    /// Ends the group: adds the load of its raisers away from the targets' chains, and
    /// returns each person's shared flow per unit of rate per raiser (for [`Routes`]).
    fn end_group(&mut self, out: &mut Routing) -> Vec<(u32, f64)> {
        let mut record = Vec::new();
        for &v in &self.group_part {
            let v = v as usize;
            let unit = self.below[v] - self.unit[v];
            let shared = self.group_rate * unit;
            if unit != 0.0 {
                record.push((v as u32, unit));
            }
            out.hierarchical[v] += shared;
            out.hierarchical_hours[v] += self.group_hours_rate * unit;
            out.hierarchical_hops += shared;
            if self.h.parent[v] != NONE {
                out.line_to_manager[v] += self.group_rate * self.below[v];
            }
            self.below[v] = 0.0;
            self.unit[v] = 0.0;
        }
        record.sort_unstable_by_key(|&(v, _)| v);
        record
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

    /// Routes one leg (each raiser of the group raising `per_person` a month) and returns how
    /// many decisions a month end at each decider, their own raising included; with no
    /// decider, at each top-level person. The leg's state stays readable ([`Router::dest`],
    /// [`Router::through`]) until [`Router::finish_leg`].
    fn route(
        &mut self,
        per_person: f64,
        hours: f64,
        targets: &[u32],
        out: &mut Routing,
    ) -> Vec<(u32, f64)> {
        let h = self.h;
        self.part.clear();
        self.group_rate += per_person;
        self.group_hours_rate += per_person * hours;
        self.leg_hours = hours;
        self.leg_rate = per_person;
        self.entry = NONE;
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
            self.add_h(out, v, arrived - shared);
            out.hierarchical_hops += arrived - shared;
            if self.is_target[v] {
                self.add_d(out, v, arrived);
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
                self.entry = self.best[r as usize];
            }
        }

        // Top-down: flows that turned at a common manager go down to the best target below.
        let mut ends = Vec::with_capacity(targets.len());
        for &v in &part {
            let v = v as usize;
            let incoming = self.down[v];
            self.add_h(out, v, incoming);
            out.hierarchical_hops += incoming;
            if h.parent[v] != NONE {
                out.line_to_manager[v] += incoming;
            }
            if self.is_target[v] {
                self.add_d(out, v, incoming);
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

        if ends.is_empty() {
            // Nobody may decide: the decisions wait at the top of each raiser's tree (the
            // group's people are listed managers first, each once).
            for &v in &self.group_part {
                if h.parent[v as usize] != NONE {
                    break;
                }
                let amount = self.through(v);
                if amount > 0.0 {
                    ends.push((v, amount));
                }
            }
        }
        self.leg = part;
        ends.sort_unstable_by_key(|&(v, _)| v);
        ends
    }

    /// Clears what the last leg wrote.
    fn finish_leg(&mut self) {
        for &v in &self.leg {
            let v = v as usize;
            self.in_part[v] = false;
            self.is_target[v] = false;
            self.own[v] = 0.0;
            self.down[v] = 0.0;
        }
        self.part = std::mem::take(&mut self.leg);
    }

    /// Where the decisions of the last leg that pass through `v` or start there end: one
    /// decider (or a top-level person) for all of them. `NONE` when `v` is outside the tree.
    fn dest(&self, mut v: u32) -> u32 {
        let h = self.h;
        loop {
            let vu = v as usize;
            if self.position.get(vu).is_none_or(|&p| p == u32::MAX) {
                return NONE;
            }
            if self.in_part[vu] {
                if self.is_target[vu] {
                    return v;
                }
                if !self.above_target[vu] && self.has_target[vu] {
                    return self.best[vu];
                }
            }
            let p = h.parent[vu];
            if p == NONE {
                return if self.entry != NONE { self.entry } else { v };
            }
            v = p;
        }
    }

    /// Decisions a month of the last leg that pass through `v` or start there.
    fn through(&self, v: u32) -> f64 {
        let v = v as usize;
        if self.in_part[v] {
            self.flow[v] + self.down[v]
        } else {
            self.leg_rate * self.below[v]
        }
    }

    /// Decisions a month of the last leg that `v` raises.
    fn own_raising(&self, v: u32) -> f64 {
        self.leg_rate * self.unit[v as usize]
    }

    /// Routes the approvals of `amount` decisions a month made by `at`: to each approver of
    /// `chain` in turn, along the tree (hierarchical) and straight (distributed). Each person
    /// on the way counts once, less what of it the decision already reached on its way to
    /// `at` (`share` of the last leg's flow), and less their own raising.
    fn approve(
        &mut self,
        at: u32,
        amount: f64,
        share: f64,
        decided: bool,
        chain: &[u32],
        out: &mut Routing,
    ) {
        let h = self.h;
        let mut visited: Vec<u32> = Vec::new();
        self.seen[at as usize] = true;
        let mut from = at;
        let mut first = true;
        for &to in chain {
            if self.position[to as usize] == u32::MAX {
                continue;
            }
            if first && !decided {
                // Undecided, the decision goes straight from each raiser to the approver.
                let own = if self.dest(to) == at {
                    self.own_raising(to) * share
                } else {
                    0.0
                };
                out.distributed_hops += (amount - own).max(0.0);
            } else if to != from {
                out.distributed_hops += amount;
            }
            first = false;
            walk(h, from, to, |v, line| {
                out.hierarchical_hops += amount;
                if let Some(line) = line {
                    out.line_to_manager[line as usize] += amount;
                }
                if !self.seen[v as usize] {
                    self.seen[v as usize] = true;
                    visited.push(v);
                }
            });
            from = to;
        }
        self.seen[at as usize] = false;
        for &v in &visited {
            self.seen[v as usize] = false;
            let reached = if self.dest(v) == at {
                self.through(v) * share
            } else {
                0.0
            };
            self.add_h(out, v as usize, (amount - reached).max(0.0));
        }
        let mut counted: Vec<u32> = Vec::with_capacity(chain.len());
        for &c in chain {
            if (decided && c == at) || counted.contains(&c) {
                continue;
            }
            if self.position[c as usize] == u32::MAX {
                continue;
            }
            counted.push(c);
            let own = if self.dest(c) == at {
                self.own_raising(c) * share
            } else {
                0.0
            };
            self.add_d(out, c as usize, (amount - own).max(0.0));
        }
    }
}

/// Walks the tree path from `a` to `b` as the hierarchical routing takes it (up to the lowest
/// common manager, then down; between trees, up to the top, across, and down), calling
/// `step` with each person reached and the person whose reporting line the step crossed.
fn walk(h: &Hierarchy<'_>, a: u32, b: u32, mut step: impl FnMut(u32, Option<u32>)) {
    if a == b {
        return;
    }
    let (mut x, mut y) = (a, b);
    let mut down: Vec<u32> = Vec::new();
    while h.depth[x as usize] > h.depth[y as usize] {
        let p = h.parent[x as usize];
        step(p, Some(x));
        x = p;
    }
    while h.depth[y as usize] > h.depth[x as usize] {
        down.push(y);
        y = h.parent[y as usize];
    }
    while x != y {
        let (px, py) = (h.parent[x as usize], h.parent[y as usize]);
        if px == NONE || py == NONE {
            // Separate trees: cross at the top.
            down.push(y);
            break;
        }
        step(px, Some(x));
        down.push(y);
        x = px;
        y = py;
    }
    for &v in down.iter().rev() {
        let line = (h.parent[v as usize] != NONE).then_some(v);
        step(v, line);
    }
}

/// The decisions of one group: same raisers, same deciders.
#[derive(Default)]
struct Group {
    rate: f64,
    /// Approver chains (in order) with the rate of the decisions that need them.
    approvals: BTreeMap<Vec<u32>, f64>,
    /// The domains routed this way (file position, rate, approver chain).
    domains: Vec<(usize, f64, Vec<u32>)>,
}

/// Routes every decision of `org` in both readings, over the tree `h` (usually
/// [`Hierarchy::acting`]); only people with `acts` set raise or hold rights.
pub fn route(org: &Org, h: &Hierarchy<'_>, acts: &[bool]) -> Routing {
    route_with(
        org,
        h,
        acts,
        &mut super::roles::RoleIndex::new(org, h, acts),
    )
}

/// [`route`] with the roles already indexed over `h` (the analysis needs them again).
pub fn route_with(
    org: &Org,
    h: &Hierarchy<'_>,
    acts: &[bool],
    roles: &mut super::roles::RoleIndex<'_>,
) -> Routing {
    let n = h.len();
    let mut out = Routing {
        hierarchical: vec![0.0; n],
        distributed: vec![0.0; n],
        line_to_manager: vec![0.0; n],
        hierarchical_hours: vec![0.0; n],
        distributed_hours: vec![0.0; n],
        ..Routing::default()
    };
    out.routes.cases = vec![Vec::new(); org.decisions.len()];
    let mut router = Router::new(acts, h);
    for (raisers, groups) in groups(org, h, acts, roles, &mut out) {
        router.begin_group(&raisers);
        if router.raisers <= 0.0 {
            router.end_group(&mut out);
            continue;
        }
        let group_index = out.routes.groups.len() as u32;
        let raisers_count = router.raisers;
        for ((deciders, hours_bits), group) in groups {
            let hours = f64::from_bits(hours_bits);
            let per_person = group.rate / raisers_count;
            router.rec_h.clear();
            router.rec_d.clear();
            let ends = router.route(per_person, hours, &deciders, &mut out);
            let mut leg = LegRecord {
                group: group_index,
                per_person,
                rate: group.rate,
                h: std::mem::take(&mut router.rec_h),
                d: std::mem::take(&mut router.rec_d),
                chains: Vec::with_capacity(group.approvals.len()),
            };
            let decided = !deciders.is_empty();
            let mut chain_index: BTreeMap<&[u32], u32> = BTreeMap::new();
            for (chain, rate) in &group.approvals {
                // Approvals start where the decision was made (or waits, undecided).
                let share = rate / group.rate;
                for &(at, amount) in &ends {
                    if amount > 0.0 {
                        router.approve(at, amount * share, share, decided, chain, &mut out);
                    }
                }
                chain_index.insert(chain.as_slice(), leg.chains.len() as u32);
                leg.chains.push((
                    *rate,
                    std::mem::take(&mut router.rec_h),
                    std::mem::take(&mut router.rec_d),
                ));
            }
            let leg_index = out.routes.legs.len() as u32;
            for (domain, rate, chain) in &group.domains {
                let c = if chain.is_empty() {
                    u32::MAX
                } else {
                    chain_index
                        .get(chain.as_slice())
                        .copied()
                        .unwrap_or(u32::MAX)
                };
                if let Some(cases) = out.routes.cases.get_mut(*domain) {
                    cases.push((leg_index, c, *rate));
                }
            }
            out.routes.legs.push(leg);
            router.finish_leg();
        }
        let shared = router.end_group(&mut out);
        out.routes.groups.push(shared);
    }
    out
}

/// Groups of legs by raisers, then by deciders and handling hours (as bits).
type Legs = BTreeMap<Raisers, BTreeMap<(Vec<u32>, u64), Group>>;

/// The decisions grouped by raisers, then by deciders, with rates added.
fn groups(
    org: &Org,
    h: &Hierarchy<'_>,
    acts: &[bool],
    roles: &mut super::roles::RoleIndex<'_>,
    out: &mut Routing,
) -> Legs {
    let can = |i: u32| acts.get(i as usize).copied().unwrap_or(false);
    // Nobody raises a decision meant for everyone when nobody can act.
    let anyone = h.order.iter().any(|&v| can(v));
    let mut teams: crate::model::Map<&str, Vec<u32>> = crate::model::Map::default();
    for (i, p) in org.people.iter().enumerate() {
        if !p.team.is_empty() && can(i as u32) {
            teams.entry(p.team.as_str()).or_default().push(i as u32);
        }
    }
    let people = |list: &[PersonId], sort: bool| -> Vec<u32> {
        let mut v: Vec<u32> = list
            .iter()
            .filter_map(|id| h.index.get(id.as_str()).copied())
            .filter(|&i| can(i))
            .collect();
        if sort {
            v.sort_unstable();
        }
        let mut seen = std::collections::HashSet::new();
        v.retain(|p| seen.insert(*p));
        v
    };
    let settings = org.queue_settings();
    let mut all: Legs = BTreeMap::new();
    for (position, d) in org.decisions.iter().enumerate() {
        if d.per_month.is_nan() || d.per_month <= 0.0 || !d.has_rights() {
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
                    if let Some(&i) = h.index.get(entry)
                        && can(i)
                    {
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
        if raisers == Raisers::Everyone && !anyone {
            continue;
        }
        out.total_per_month += d.per_month;
        let deciders = people(&d.decides, true);
        let chain = people(&d.approves, false);
        let routed_roles = d
            .roles
            .iter()
            .any(|r| r.right != crate::model::Right::Consulted);
        if !routed_roles {
            let case = Case {
                domain: position,
                hours: settings.handling_of(d),
                rate: d.per_month,
            };
            add_case(&mut all, raisers, deciders, chain, case);
            continue;
        }
        // Role rights name a holder per raiser: the raisers split into parts by who is
        // responsible for them, each part raising its share of the rate.
        let everyone: Vec<u32>;
        let list: &[u32] = match &raisers {
            Raisers::Everyone => {
                everyone = h.order.iter().copied().filter(|&v| can(v)).collect();
                &everyone
            }
            Raisers::Some(who) => who,
        };
        if list.is_empty() {
            continue;
        }
        let mut parts: BTreeMap<(Vec<u32>, Vec<u32>), Vec<u32>> = BTreeMap::new();
        for &r in list {
            parts.entry(roles.resolve(d, r)).or_default().push(r);
        }
        let count = list.len() as f64;
        for ((role_deciders, role_approvers), mut who) in parts {
            let mut deciders = deciders.clone();
            deciders.extend(role_deciders);
            deciders.sort_unstable();
            deciders.dedup();
            let mut chain = chain.clone();
            for a in role_approvers {
                if !chain.contains(&a) {
                    chain.push(a);
                }
            }
            who.sort_unstable();
            let rate = d.per_month * who.len() as f64 / count;
            let case = Case {
                domain: position,
                hours: settings.handling_of(d),
                rate,
            };
            add_case(&mut all, Raisers::Some(who), deciders, chain, case);
        }
    }
    all
}

/// Adds `rate` decisions a month from `raisers` to `deciders`, then `chain`, to the groups.
fn add_case(all: &mut Legs, raisers: Raisers, deciders: Vec<u32>, chain: Vec<u32>, case: Case) {
    let key = (deciders, case.hours.to_bits());
    let group = all.entry(raisers).or_default().entry(key).or_default();
    group.rate += case.rate;
    if !chain.is_empty() {
        *group.approvals.entry(chain.clone()).or_default() += case.rate;
    }
    group.domains.push((case.domain, case.rate, chain));
}

/// One domain's decisions of one route: where it is in the file, how long each takes a
/// person, and how many a month.
struct Case {
    domain: usize,
    hours: f64,
    rate: f64,
}

/// The most steps [`person_loads`] takes; past it, the loads of people in several posts are
/// given as bounds.
pub const PERSON_WALK_WORK: usize = 50_000_000;

/// Who holds which posts, for [`person_loads`]: per post, the people counted for it and each
/// one's share of the post (1, or their FTE share in a job share).
pub struct PostHolders<'a> {
    /// Per post: (person, share of the post) for the people walked for.
    pub of_post: &'a [Vec<(u32, f64)>],
    /// How many people.
    pub people: usize,
}

/// The loads of people who hold several posts, exactly: per person, the decisions per month,
/// raised by somebody else (none of their posts), that need at least one of their posts,
/// each counted once at the largest of their shares in the posts it needs. Walked raiser by
/// raiser over the same cases [`route`] routes, so the cost is raisers × cases × depth; only
/// the people in `holders` are counted. Returns (hierarchical, distributed) per person, or
/// `None` when that walk would take more than [`PERSON_WALK_WORK`] steps (it grows with
/// raisers × decision domains, where the routing itself does not).
pub fn person_loads(
    org: &Org,
    h: &Hierarchy<'_>,
    acts: &[bool],
    roles: &mut super::roles::RoleIndex<'_>,
    holders: &PostHolders<'_>,
) -> Option<(Vec<f64>, Vec<f64>)> {
    person_loads_within(org, h, acts, roles, holders, PERSON_WALK_WORK)
}

/// [`person_loads`] with a work budget of `budget` steps.
fn person_loads_within(
    org: &Org,
    h: &Hierarchy<'_>,
    acts: &[bool],
    roles: &mut super::roles::RoleIndex<'_>,
    holders: &PostHolders<'_>,
    budget: usize,
) -> Option<(Vec<f64>, Vec<f64>)> {
    let mut scratch = Routing::default();
    let all = groups(org, h, acts, roles, &mut scratch);
    let deepest = h.depth.iter().copied().max().unwrap_or(0) as usize + 1;
    let acting = h.order.len();
    let work: usize = all
        .iter()
        .map(|(raisers, legs)| {
            let raisers = match raisers {
                Raisers::Everyone => acting,
                Raisers::Some(who) => who.len(),
            };
            let steps: usize = legs
                .values()
                .map(|g| {
                    let chains: usize = g.approvals.keys().map(Vec::len).sum();
                    deepest * (1 + (1 + g.approvals.len()) * (1 + chains))
                })
                .sum();
            raisers.saturating_mul(steps)
        })
        .fold(0usize, usize::saturating_add);
    if work > budget {
        return None;
    }
    let mut hier = vec![0.0; holders.people];
    let mut dist = vec![0.0; holders.people];
    let mut walk = Walker {
        h,
        on_chain: vec![u32::MAX; h.len()],
        chain: Vec::new(),
        best_below: vec![NONE; h.len()],
        is_target: vec![false; h.len()],
        touched: Vec::new(),
        best_any: None,
    };
    let can = |i: u32| acts.get(i as usize).copied().unwrap_or(false);
    let everyone: Vec<u32> = h.order.iter().copied().filter(|&v| can(v)).collect();
    let mut reached_h: Vec<u32> = Vec::new();
    let mut reached_d: Vec<u32> = Vec::new();
    let mut credit: Vec<(u32, f64)> = Vec::new();
    for (raisers, groups) in all {
        let list: &[u32] = match &raisers {
            Raisers::Everyone => &everyone,
            Raisers::Some(who) => who,
        };
        if list.is_empty() {
            continue;
        }
        let count = list.len() as f64;
        for ((deciders, _), group) in &groups {
            let with_approvals: f64 = group.approvals.values().sum();
            let cases = group
                .approvals
                .iter()
                .map(|(chain, rate)| (chain.as_slice(), *rate))
                .chain(std::iter::once((&[][..], group.rate - with_approvals)));
            let cases: Vec<(&[u32], f64)> = cases.filter(|(_, r)| *r > 0.0).collect();
            walk.set_targets(deciders);
            for &p in list {
                let (visited, end) = walk.path_to_targets(p, deciders.is_empty());
                for &(chain, rate) in &cases {
                    let w = rate / count;
                    reached_h.clear();
                    reached_d.clear();
                    reached_h.extend_from_slice(&visited);
                    if let Some(t) = end
                        && t != p
                    {
                        reached_d.push(t);
                    }
                    let mut at = end.unwrap_or_else(|| walk.top(p));
                    let mut straight_at = end.unwrap_or(p);
                    for &a in chain {
                        let (visited, _) = walk.path(at, &[a]);
                        reached_h.extend_from_slice(&visited);
                        if a != straight_at {
                            reached_d.push(a);
                        }
                        at = a;
                        straight_at = a;
                    }
                    let raiser: &[(u32, f64)] =
                        holders.of_post.get(p as usize).map_or(&[], Vec::as_slice);
                    for (reached, loads) in [(&reached_h, &mut hier), (&reached_d, &mut dist)] {
                        credit.clear();
                        for &v in reached {
                            if v == p {
                                continue;
                            }
                            let Some(held) = holders.of_post.get(v as usize) else {
                                continue;
                            };
                            for &(who, share) in held {
                                // Their own decision, raised in another of their posts.
                                if raiser.iter().any(|(r, _)| *r == who) {
                                    continue;
                                }
                                match credit.iter_mut().find(|(x, _)| *x == who) {
                                    Some(slot) => slot.1 = slot.1.max(share),
                                    None => credit.push((who, share)),
                                }
                            }
                        }
                        for &(who, share) in &credit {
                            loads[who as usize] += w * share;
                        }
                    }
                }
            }
        }
    }
    Some((hier, dist))
}

/// `up` (the climb), then down from `stop` to `t` (`stop` left out; from the top of `t`'s
/// tree when `stop` is `None`).
fn descend(h: &Hierarchy<'_>, up: &[u32], t: u32, stop: Option<u32>) -> Vec<u32> {
    let mut down = Vec::new();
    let mut x = t;
    while Some(x) != stop {
        down.push(x);
        let above = h.parent[x as usize];
        if above == NONE {
            break;
        }
        x = above;
    }
    down.reverse();
    let mut visited = up.to_vec();
    visited.extend(down);
    visited
}

/// One decision's route at a time, as the routing rules say (see the module notes).
struct Walker<'a> {
    h: &'a Hierarchy<'a>,
    /// Position on the current raiser's chain, or `u32::MAX`.
    on_chain: Vec<u32>,
    chain: Vec<u32>,
    /// For the current targets ([`Walker::set_targets`]): the best target at or below each
    /// person (nearest the top, then first in the file), or `NONE`.
    best_below: Vec<u32>,
    is_target: Vec<bool>,
    /// Who `best_below` and `is_target` were written for, to reset them.
    touched: Vec<u32>,
    /// The best of all current targets.
    best_any: Option<u32>,
}

impl Walker<'_> {
    /// Makes `chain` the chain from `p` to the top, each marked with its place in `on_chain`
    /// (the last chain's marks cleared first).
    fn climb(&mut self, p: u32) {
        for &v in &self.chain {
            self.on_chain[v as usize] = u32::MAX;
        }
        self.chain.clear();
        let mut v = p;
        loop {
            self.on_chain[v as usize] = self.chain.len() as u32;
            self.chain.push(v);
            let up = self.h.parent[v as usize];
            if up == NONE {
                break;
            }
            v = up;
        }
    }

    fn better(&self, a: u32, b: u32) -> bool {
        let h = self.h;
        (h.depth[a as usize], a) < (h.depth[b as usize], b)
    }

    /// Makes `targets` the current targets: the best target below each of their managers,
    /// once, so each raiser's route is a walk along their own chain and one target's.
    fn set_targets(&mut self, targets: &[u32]) {
        for &v in &self.touched {
            self.best_below[v as usize] = NONE;
            self.is_target[v as usize] = false;
        }
        self.touched.clear();
        self.best_any = None;
        for &t in targets {
            if self.best_any.is_none_or(|b| self.better(t, b)) {
                self.best_any = Some(t);
            }
            self.is_target[t as usize] = true;
            let mut v = t;
            loop {
                let b = self.best_below[v as usize];
                if b == NONE {
                    self.touched.push(v);
                }
                if b != NONE && !self.better(t, b) {
                    // Everybody above already has a target at least as good.
                    break;
                }
                self.best_below[v as usize] = t;
                let up = self.h.parent[v as usize];
                if up == NONE {
                    break;
                }
                v = up;
            }
        }
    }

    /// [`Walker::path`] to the current targets (`none` when there are none).
    fn path_to_targets(&mut self, p: u32, none: bool) -> (Vec<u32>, Option<u32>) {
        let h = self.h;
        self.climb(p);
        if none {
            return (self.chain[1..].to_vec(), None);
        }
        if let Some(k) = self.chain.iter().position(|&v| self.is_target[v as usize]) {
            return (self.chain[1..=k].to_vec(), Some(self.chain[k]));
        }
        let meet = self
            .chain
            .iter()
            .position(|&v| self.best_below[v as usize] != NONE);
        let (t, stop, up_to) = match meet {
            Some(k) => (
                self.best_below[self.chain[k] as usize],
                Some(self.chain[k]),
                k + 1,
            ),
            // Another tree: climb to the top, cross to the best target's tree, go down.
            None => match self.best_any {
                Some(t) => (t, None, self.chain.len()),
                None => return (Vec::new(), Some(p)),
            },
        };
        (descend(h, &self.chain[1..up_to], t, stop), Some(t))
    }

    fn top(&self, mut v: u32) -> u32 {
        while self.h.parent[v as usize] != NONE {
            v = self.h.parent[v as usize];
        }
        v
    }

    /// Who a decision from `p` visits on its way to the best of `targets` (not `p`), and
    /// where it ends (`None` with no targets: it climbs to the top).
    fn path(&mut self, p: u32, targets: &[u32]) -> (Vec<u32>, Option<u32>) {
        let h = self.h;
        self.climb(p);
        if targets.is_empty() {
            return (self.chain[1..].to_vec(), None);
        }
        if let Some(k) = self.chain.iter().position(|v| targets.contains(v)) {
            return (self.chain[1..=k].to_vec(), Some(self.chain[k]));
        }
        // Where each target's chain meets the raiser's: the lowest meeting wins, then the
        // target nearest the top, then the first in the file.
        let better = |a: u32, b: u32| (h.depth[a as usize], a) < (h.depth[b as usize], b);
        let mut best: Option<(u32, u32)> = None; // (meeting position, target)
        let mut any: Option<u32> = None;
        for &t in targets {
            if any.is_none_or(|b| better(t, b)) {
                any = Some(t);
            }
            let mut x = t;
            let meet = loop {
                let k = self.on_chain[x as usize];
                if k != u32::MAX {
                    break Some(k);
                }
                let up = h.parent[x as usize];
                if up == NONE {
                    break None;
                }
                x = up;
            };
            if let Some(k) = meet
                && best.is_none_or(|(bk, bt)| k < bk || (k == bk && better(t, bt)))
            {
                best = Some((k, t));
            }
        }
        let (visited_up, t, stop) = match best {
            Some((k, t)) => (&self.chain[1..=k as usize], t, Some(self.chain[k as usize])),
            // Another tree: climb to the top, cross to the best target's tree, go down.
            None => match any {
                Some(t) => (&self.chain[1..], t, None),
                None => return (Vec::new(), Some(p)),
            },
        };
        (descend(h, visited_up, t, stop), Some(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Decision, DecisionId, Person};

    /// a → b → c; x (3 a month, raised by everyone, decided by a), and one person holds a
    /// and c. b's decision climbs to a: 1 a month for them. c's climbs through b to a, but it
    /// is their own; a's is theirs too. Past a budget of 0 steps the walk gives up.
    #[test]
    fn the_walk_counts_once_and_stops_past_its_budget() {
        let person = |id: &str, manager: Option<&str>| Person {
            manager: manager.map(|m| PersonId(m.to_owned())),
            ..Person::new(id, id)
        };
        let org = Org {
            people: vec![
                person("a", None),
                person("b", Some("a")),
                person("c", Some("b")),
            ],
            decisions: vec![Decision {
                id: DecisionId("x".to_owned()),
                per_month: 3.0,
                decides: vec![PersonId("a".to_owned())],
                ..Decision::default()
            }],
            ..Org::default()
        };
        let h = Hierarchy::new(&org);
        let acts = [true; 3];
        let mut roles = super::super::roles::RoleIndex::new(&org, &h, &acts);
        let of_post = vec![vec![(0, 1.0)], vec![], vec![(0, 1.0)]];
        let holders = PostHolders {
            of_post: &of_post,
            people: 1,
        };
        let (hier, dist) =
            person_loads_within(&org, &h, &acts, &mut roles, &holders, usize::MAX).unwrap();
        // b's decision reaches a (theirs); c's is their own: 1 a month, from b.
        assert_eq!((hier[0], dist[0]), (1.0, 1.0));
        assert!(person_loads_within(&org, &h, &acts, &mut roles, &holders, 0).is_none());
    }
}
