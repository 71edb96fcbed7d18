//! Rights held by a job title or a team, resolved for each raiser.
//!
//! "Production Manager approves Hiring" means the Production Manager responsible for whoever
//! raised the hire: the nearest holder of the title in the raiser's own chain of command (the
//! raiser included), else the holders in the raiser's team, else every holder. Only people
//! who can act hold a role.

use super::structure::{Hierarchy, NONE};
use crate::model::{Decision, Org, Right, RoleRight};
use std::collections::HashMap;

/// Who holds each role of an org's decisions, and the nearest holder above each person.
pub struct RoleIndex<'h> {
    h: &'h Hierarchy<'h>,
    /// Per distinct role (by position in `roles`): its holders in index order.
    holders: Vec<Vec<u32>>,
    /// Per distinct role: the nearest holder at or above each person (`NONE` if none), built
    /// the first time a raiser asks.
    nearest: Vec<Option<Vec<u32>>>,
    roles: Vec<RoleRight>,
    /// Team of each person (index into `team_names`), for the second rule.
    team_of: Vec<u32>,
    by_role: HashMap<(crate::model::RoleKind, String), usize>,
}

impl<'h> RoleIndex<'h> {
    /// Indexes the roles named by `org`'s decisions over the tree `h`; `acts` says who can
    /// act.
    pub fn new(org: &Org, h: &'h Hierarchy<'h>, acts: &[bool]) -> Self {
        let mut index = Self {
            h,
            holders: Vec::new(),
            nearest: Vec::new(),
            roles: Vec::new(),
            team_of: Vec::new(),
            by_role: HashMap::new(),
        };
        let mut any = false;
        for d in &org.decisions {
            for role in &d.roles {
                any = true;
                let key = (role.of, role.name.clone());
                if index.by_role.contains_key(&key) {
                    continue;
                }
                let holds = role.matcher();
                let holders: Vec<u32> = org
                    .people
                    .iter()
                    .enumerate()
                    .filter(|(i, p)| acts.get(*i).copied().unwrap_or(false) && holds(p))
                    .map(|(i, _)| i as u32)
                    .collect();
                index.by_role.insert(key, index.roles.len());
                index.roles.push(role.clone());
                index.holders.push(holders);
                index.nearest.push(None);
            }
        }
        if any {
            let mut names: HashMap<&str, u32> = HashMap::new();
            index.team_of = org
                .people
                .iter()
                .map(|p| {
                    if p.team.is_empty() {
                        NONE
                    } else {
                        let next = names.len() as u32;
                        *names.entry(p.team.as_str()).or_insert(next)
                    }
                })
                .collect();
        }
        index
    }

    /// True when no decision has a role right.
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty()
    }

    fn slot(&self, role: &RoleRight) -> Option<usize> {
        self.by_role.get(&(role.of, role.name.clone())).copied()
    }

    /// Every holder of a role, in index order.
    pub fn all_holders(&self, role: &RoleRight) -> &[u32] {
        self.slot(role)
            .and_then(|k| self.holders.get(k))
            .map_or(&[], Vec::as_slice)
    }

    /// The holders of `role` responsible for a decision raised by `raiser`.
    pub fn for_raiser(&mut self, role: &RoleRight, raiser: u32) -> Vec<u32> {
        let Some(k) = self.slot(role) else {
            return Vec::new();
        };
        if self.nearest[k].is_none() {
            let h = self.h;
            let mut is_holder = vec![false; h.len()];
            for &p in &self.holders[k] {
                is_holder[p as usize] = true;
            }
            let mut nearest = vec![NONE; h.len()];
            for &v in &h.order {
                let v = v as usize;
                nearest[v] = if is_holder[v] {
                    v as u32
                } else {
                    let p = h.parent[v];
                    if p == NONE { NONE } else { nearest[p as usize] }
                };
            }
            self.nearest[k] = Some(nearest);
        }
        let holders = &self.holders[k];
        if let Some(&n) = self.nearest[k]
            .as_ref()
            .and_then(|n| n.get(raiser as usize))
            && n != NONE
        {
            return vec![n];
        }
        let team = self.team_of.get(raiser as usize).copied().unwrap_or(NONE);
        if team != NONE {
            let same: Vec<u32> = holders
                .iter()
                .copied()
                .filter(|&p| self.team_of.get(p as usize) == Some(&team))
                .collect();
            if !same.is_empty() {
                return same;
            }
        }
        holders.clone()
    }

    /// For a decision raised by `raiser`: the deciders and the approvers (in order) its role
    /// rights give.
    pub fn resolve(&mut self, d: &Decision, raiser: u32) -> (Vec<u32>, Vec<u32>) {
        let (mut decides, mut approves) = (Vec::new(), Vec::new());
        for role in &d.roles {
            let list = match role.right {
                Right::Decides => &mut decides,
                Right::Approves => &mut approves,
                Right::Consulted => continue,
            };
            for p in self.for_raiser(role, raiser) {
                if !list.contains(&p) {
                    list.push(p);
                }
            }
        }
        decides.sort_unstable();
        (decides, approves)
    }

    /// Everybody a decision's roles give `right` to, whoever raises it, in index order.
    pub fn holders_of(&self, d: &Decision, right: Right) -> Vec<u32> {
        let mut out: Vec<u32> = d
            .roles
            .iter()
            .filter(|r| r.right == right)
            .flat_map(|r| self.all_holders(r).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
