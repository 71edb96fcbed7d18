//! The reporting tree as flat arrays: who reports to whom, in what order, at what depth. The
//! analysis, the layouts and the window all read the tree through this one index.

use super::{Map, Org, map_with_capacity};

/// No parent: a top-level person.
pub const NONE: u32 = u32::MAX;

/// The reporting lines of an org as flat arrays indexed like `org.people`.
///
/// Built once per analysis; people caught in a reporting cycle (which validation refuses)
/// are left out of `order` rather than looping.
#[derive(Clone, Debug)]
pub struct Hierarchy<'a> {
    /// Index of each person's manager, or [`NONE`].
    pub parent: Vec<u32>,
    /// `children[child_start[v]..child_start[v + 1]]` are v's direct reports, in file order.
    pub child_start: Vec<u32>,
    /// Direct reports of everybody, grouped by manager.
    pub children: Vec<u32>,
    /// Everybody reachable from a top-level person, managers before their reports.
    pub order: Vec<u32>,
    /// Distance from the top (0 for a top-level person).
    pub depth: Vec<u32>,
    /// Top-level people, in file order.
    pub roots: Vec<u32>,
    /// Person index by id, shared with [`Hierarchy::acting`] (a million ids are not copied).
    pub index: std::rc::Rc<Map<&'a str, u32>>,
}

impl<'a> Hierarchy<'a> {
    /// Indexes the reporting lines of `org`.
    pub fn new(org: &'a Org) -> Self {
        let mut index: Map<&str, u32> = map_with_capacity(org.people.len());
        for (i, p) in org.people.iter().enumerate() {
            index.entry(p.id.as_str()).or_insert(i as u32);
        }
        let parent: Vec<u32> = org
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.manager
                    .as_ref()
                    .and_then(|m| index.get(m.as_str()).copied())
                    .filter(|&m| m as usize != i)
                    .unwrap_or(NONE)
            })
            .collect();
        Self::from_parents(parent, std::rc::Rc::new(index))
    }

    /// The reporting lines among the people who can act ([`crate::model::Person::can_act`]):
    /// everybody who can reports to the nearest manager above them who can too, and the
    /// others stand alone, raising nothing and reached by nothing. `None` when everybody can
    /// act, so the full tree serves as it is.
    pub fn acting(&self, org: &Org) -> Option<Self> {
        let can: Vec<bool> = org.people.iter().map(|p| p.can_act()).collect();
        if can.iter().all(|&c| c) {
            return None;
        }
        // Managers come before their reports in `order`, so each nearest acting manager is
        // known by the time their reports are reached.
        let mut nearest = vec![NONE; self.len()];
        let mut parent = vec![NONE; self.len()];
        for &v in &self.order {
            let v = v as usize;
            let p = self.parent[v];
            let above = if p == NONE { NONE } else { nearest[p as usize] };
            if can[v] {
                parent[v] = above;
                nearest[v] = v as u32;
            } else {
                nearest[v] = above;
            }
        }
        Some(Self::from_parents(parent, self.index.clone()))
    }

    /// The matrix reading's tree: everybody with a dotted-line manager reports to them instead
    /// (the first one listed that is somebody in the file and not below them), everybody else
    /// as in this tree. People are taken in file order, so a dotted line that would close a
    /// loop with one taken before it is not taken. `None` when nobody has a dotted line that
    /// can be taken; otherwise the tree, how many people it moved, and how many people's
    /// dotted lines were passed over (all of them pointing at somebody below).
    pub fn matrix(&self, org: &Org) -> Option<(Self, usize, usize)> {
        let mut parent = self.parent.clone();
        let (mut moved, mut passed) = (0usize, 0usize);
        for (v, p) in org.people.iter().enumerate() {
            if p.dotted_managers.is_empty() || v >= parent.len() {
                continue;
            }
            let below_v = |d: u32, parent: &[u32]| {
                // Walks up from d; a cycle the file already had (validation refuses them)
                // ends the walk after one step per person.
                let mut at = d;
                for _ in 0..=parent.len() {
                    if at == v as u32 {
                        return true;
                    }
                    if at == NONE {
                        return false;
                    }
                    at = parent[at as usize];
                }
                true
            };
            let pick = p
                .dotted_managers
                .iter()
                .filter_map(|m| self.index.get(m.as_str()).copied())
                .find(|&d| !below_v(d, &parent));
            match pick {
                Some(d) => {
                    parent[v] = d;
                    moved += 1;
                }
                None => passed += 1,
            }
        }
        (moved > 0).then(|| {
            (
                Self::from_parents(parent, self.index.clone()),
                moved,
                passed,
            )
        })
    }

    /// The tree from each person's manager index (or [`NONE`]).
    fn from_parents(parent: Vec<u32>, index: std::rc::Rc<Map<&'a str, u32>>) -> Self {
        let n = parent.len();
        let mut child_start = vec![0u32; n + 1];
        for &p in &parent {
            if p != NONE {
                child_start[p as usize + 1] += 1;
            }
        }
        for i in 0..n {
            child_start[i + 1] += child_start[i];
        }
        let mut fill = child_start.clone();
        let mut children = vec![0u32; child_start[n] as usize];
        for (v, &p) in parent.iter().enumerate() {
            if p != NONE {
                children[fill[p as usize] as usize] = v as u32;
                fill[p as usize] += 1;
            }
        }
        let roots: Vec<u32> = (0..n as u32)
            .filter(|&v| parent[v as usize] == NONE)
            .collect();
        let mut order = Vec::with_capacity(n);
        let mut depth = vec![0u32; n];
        order.extend_from_slice(&roots);
        let mut head = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            for &c in &children[child_start[v] as usize..child_start[v + 1] as usize] {
                depth[c as usize] = depth[v] + 1;
                order.push(c);
            }
        }
        Self {
            parent,
            child_start,
            children,
            order,
            depth,
            roots,
            index,
        }
    }

    /// Number of people.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// True for an org with nobody in it.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// The direct reports of `v`.
    pub fn children_of(&self, v: u32) -> &[u32] {
        let v = v as usize;
        match (self.child_start.get(v), self.child_start.get(v + 1)) {
            (Some(&a), Some(&b)) => &self.children[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Number of direct reports of `v`.
    pub fn span(&self, v: u32) -> usize {
        self.children_of(v).len()
    }

    /// Everybody below each person (all reports, direct or not).
    pub fn total_reports(&self) -> Vec<u32> {
        let mut total = vec![0u32; self.len()];
        for &v in self.order.iter().rev() {
            let p = self.parent[v as usize];
            if p != NONE {
                total[p as usize] += total[v as usize] + 1;
            }
        }
        total
    }
}
