//! How concentrated decision authority and decision load are.

use super::roles::RoleIndex;
use crate::model::{Org, Right};
use serde::Serialize;

/// Concentration of a quantity spread over people.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Spread {
    /// Herfindahl–Hirschman index of the shares, 0–10,000.
    pub hhi: f64,
    /// 10,000 / HHI: how many equal holders the spread is worth.
    pub effective: f64,
    /// The person with the largest amount, if anyone has any.
    pub top: Option<String>,
    /// Their share of the total (0–1).
    pub top_share: f64,
}

impl Spread {
    /// The spread of `amounts` (indexed like `org.people`).
    pub fn of(org: &Org, amounts: &[f64]) -> Self {
        let total: f64 = amounts.iter().sum();
        if total.is_nan() || total <= 0.0 {
            return Self::default();
        }
        let hhi: f64 = amounts
            .iter()
            .map(|a| {
                let pct = 100.0 * a / total;
                pct * pct
            })
            .sum();
        let (top, top_amount) =
            amounts.iter().enumerate().fold(
                (0, f64::MIN),
                |best, (i, &a)| if a > best.1 { (i, a) } else { best },
            );
        Self {
            hhi,
            effective: if hhi > 0.0 { 10_000.0 / hhi } else { 0.0 },
            top: org.people.get(top).map(|p| p.id.0.clone()),
            top_share: top_amount / total,
        }
    }
}

/// Concentration of the formal right to decide.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Authority {
    /// Spread of decide rights over the people who can act, each domain weighted by how often
    /// it comes up and split evenly among its deciders; domains nobody can decide are left
    /// out (they are counted in `undecided_domains`).
    #[serde(flatten)]
    pub spread: Spread,
    /// Share of the people who can act (0–1) who decide or approve in at least one domain.
    pub holders_share: f64,
    /// Domains whose rights are filled in (somebody named to decide, approve or be consulted).
    pub domains_with_rights: usize,
    /// Domains that name somebody to decide them (whether or not they can act).
    pub domains_with_decider: usize,
    /// Of the domains with rights, those nobody who can act may decide.
    pub undecided_domains: usize,
    /// The fewest people whose absence leaves more than half of the domains with rights with
    /// nobody who can decide them: exact when `bus_factor_exact`, else the smallest set
    /// found (an upper bound); `None` when no domain has rights.
    pub bus_factor: Option<usize>,
    /// A proven lower bound; equal to `bus_factor` when exact.
    pub bus_factor_lower: Option<usize>,
    /// True when the search finished within its work ([`BUS_FACTOR_WORK`]).
    pub bus_factor_exact: bool,
    /// Who those people are, in file order.
    pub bus_factor_people: Vec<String>,
}

/// Work of the bus factor's branch and bound (domains and people looked at, summed over the
/// branches) before it settles for bounds, for an org of up to [`BUS_FACTOR_SMALL`] domains:
/// about 70 ms of search, enough to prove the product company's 28 domains exactly.
pub const BUS_FACTOR_WORK: usize = 10_000_000;
/// Orgs with more domains than this get a fifth of the work (about 15 ms): with hundreds of
/// domains an exact answer is rarely within reach, and bounds are given instead.
pub const BUS_FACTOR_SMALL: usize = 64;

/// Decide-right weight per person: Σ over domains with rights of per_month / number of
/// deciders who can act. `acts` says who can act (indexed like `org.people`).
pub fn decide_weights(
    org: &Org,
    index: &crate::model::Map<&str, u32>,
    acts: &[bool],
    roles: &RoleIndex<'_>,
) -> Vec<f64> {
    let mut weights = vec![0.0; org.people.len()];
    for d in org.decisions.iter().filter(|d| d.has_rights()) {
        let deciders = holders(d, Right::Decides, index, acts, roles);
        for &p in &deciders {
            weights[p as usize] += d.per_month.max(0.0) / deciders.len() as f64;
        }
    }
    weights
}

/// Everybody who holds `right` in `d` and can act, named or by role, each once, in index
/// order: the people who may decide it whoever raises it.
pub fn holders(
    d: &crate::model::Decision,
    right: Right,
    index: &crate::model::Map<&str, u32>,
    acts: &[bool],
    roles: &RoleIndex<'_>,
) -> Vec<u32> {
    let named = match right {
        Right::Decides => &d.decides,
        Right::Approves => &d.approves,
        Right::Consulted => &d.consulted,
    };
    let mut out = acting(named, index, acts);
    if !d.roles.is_empty() {
        out.extend(roles.holders_of(d, right));
        out.sort_unstable();
        out.dedup();
    }
    out
}

/// The people of `ids` who can act, by index, each once, in index order.
fn acting(
    ids: &[crate::model::PersonId],
    index: &crate::model::Map<&str, u32>,
    acts: &[bool],
) -> Vec<u32> {
    let mut people: Vec<u32> = ids
        .iter()
        .filter_map(|id| index.get(id.as_str()).copied())
        .filter(|&p| acts.get(p as usize).copied().unwrap_or(false))
        .collect();
    people.sort_unstable();
    people.dedup();
    people
}

impl Authority {
    /// The concentration of decision authority in `org`; `acts` says who can act.
    pub fn new(
        org: &Org,
        index: &crate::model::Map<&str, u32>,
        acts: &[bool],
        roles: &RoleIndex<'_>,
        people: Option<&super::Holders>,
    ) -> Self {
        let weights = decide_weights(org, index, acts, roles);
        let mut holds = vec![false; org.people.len()];
        let filled: Vec<&crate::model::Decision> =
            org.decisions.iter().filter(|d| d.has_rights()).collect();
        for d in &filled {
            for p in holders(d, Right::Decides, index, acts, roles)
                .into_iter()
                .chain(holders(d, Right::Approves, index, acts, roles))
            {
                holds[p as usize] = true;
            }
        }
        let holder_count = holds.iter().filter(|&&h| h).count();
        let can = acts.iter().filter(|&&a| a).count();
        let sets: Vec<Vec<u32>> = filled
            .iter()
            .map(|d| holders(d, Right::Decides, index, acts, roles))
            .collect();
        let work = if sets.len() <= BUS_FACTOR_SMALL {
            BUS_FACTOR_WORK
        } else {
            BUS_FACTOR_WORK / 5
        };
        // Counted in people: a job share's holders each may decide, a person in two posts is
        // one person away.
        let people_sets = people.map(|h| h.people_sets(&sets));
        let bus =
            (!sets.is_empty()).then(|| bus_factor(people_sets.as_deref().unwrap_or(&sets), work));
        // The people found, as the posts they hold (each post once).
        let ids = |found: &[u32]| -> Vec<String> {
            let mut posts: Vec<u32> = match people {
                None => found.to_vec(),
                Some(h) => found
                    .iter()
                    .filter_map(|&p| h.people.get(p as usize))
                    .flat_map(|who| who.posts.iter().map(|(post, _)| *post))
                    .collect(),
            };
            let mut seen = std::collections::HashSet::new();
            posts.retain(|p| seen.insert(*p));
            posts
                .iter()
                .filter_map(|&p| org.people.get(p as usize))
                .map(|p| p.id.0.clone())
                .collect()
        };
        let domains_with_decider = filled
            .iter()
            .filter(|d| {
                d.decides.iter().any(|id| index.contains_key(id.as_str()))
                    || d.roles.iter().any(|r| r.right == Right::Decides)
            })
            .count();
        Self {
            spread: Spread::of(org, &weights),
            holders_share: if can == 0 {
                0.0
            } else {
                holder_count as f64 / can as f64
            },
            domains_with_rights: filled.len(),
            domains_with_decider,
            undecided_domains: sets.iter().filter(|s| s.is_empty()).count(),
            bus_factor: bus.as_ref().map(|b| b.people.len()),
            bus_factor_lower: bus.as_ref().map(|b| b.lower),
            bus_factor_exact: bus.as_ref().is_none_or(|b| b.lower == b.people.len()),
            bus_factor_people: bus.map(|b| ids(&b.people)).unwrap_or_default(),
        }
    }

    /// "2", or "2–3" when only bounds are known; "n/a" without domains.
    pub fn bus_factor_text(&self) -> String {
        match (self.bus_factor_lower, self.bus_factor) {
            (Some(l), Some(u)) if l < u => format!("{l}–{u}"),
            (_, Some(u)) => u.to_string(),
            _ => "n/a".to_owned(),
        }
    }
}

/// The bus factor's answer: the smallest set found, and a proven lower bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusFactor {
    /// The people, by index, sorted.
    pub people: Vec<u32>,
    /// No set smaller than this can do it.
    pub lower: usize,
}

/// The fewest people whose absence leaves more than half of the domains (each given by the
/// set of people who may decide it) with nobody: the truck factor of Avelino et al. (2016),
/// computed exactly.
///
/// A domain is lost once all its deciders are away, so the question is which domains to lose:
/// branch and bound on each domain in turn (lose it, taking all its remaining deciders away,
/// or keep it), cheapest domains first, cutting a branch once it cannot beat the best set
/// found. The first best set comes from losing the cheapest domains greedily. A lower bound
/// prunes and proves: each person who is away can lose at most Σ 1/|deciders| over their
/// domains, so k people lose at most the sum of the k largest such weights. After `work`
/// steps the search stops, and the answer is the best set found with that lower bound.
pub fn bus_factor(domains: &[Vec<u32>], work: usize) -> BusFactor {
    let m = domains.len();
    let need = m / 2 + 1;
    let already = domains.iter().filter(|d| d.is_empty()).count();
    if already >= need {
        return BusFactor {
            people: Vec::new(),
            lower: 0,
        };
    }
    // Compact the people who decide anything to 0..k.
    let mut people: Vec<u32> = domains.iter().flatten().copied().collect();
    people.sort_unstable();
    people.dedup();
    let local = |p: u32| people.binary_search(&p).unwrap_or(0);
    let sets: Vec<Vec<usize>> = domains
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| d.iter().map(|&p| local(p)).collect())
        .collect();
    let target = need - already;
    let mut weight = vec![0.0f64; people.len()];
    let mut domains_of: Vec<Vec<usize>> = vec![Vec::new(); people.len()];
    for (k, s) in sets.iter().enumerate() {
        for &p in s {
            weight[p] += 1.0 / s.len() as f64;
            domains_of[p].push(k);
        }
    }
    let mut sorted_weights = weight.clone();
    sorted_weights.sort_by(|a, b| b.total_cmp(a));
    // The fewest people whose weights can add up to `t` lost domains.
    let bound = |t: usize| -> usize {
        let mut sum = 0.0;
        for (k, w) in sorted_weights.iter().enumerate() {
            if sum + 1e-9 >= t as f64 {
                return k;
            }
            sum += w;
        }
        if sum + 1e-9 >= t as f64 {
            sorted_weights.len()
        } else {
            usize::MAX
        }
    };
    let lower = bound(target).min(people.len());

    let mut search = Search {
        sets: &sets,
        domains_of: &domains_of,
        away: vec![false; people.len()],
        missing: sets.iter().map(Vec::len).collect(),
        lost: 0,
        chosen: Vec::new(),
        best: {
            let by_domain = greedy(&sets, &domains_of, target, people.len());
            let by_person = greedy_by_person(&sets, &domains_of, target, people.len());
            if by_person.len() < by_domain.len() {
                by_person
            } else {
                by_domain
            }
        },
        steps: 0,
        work,
        dropped: vec![false; sets.len()],
        weight: vec![0.0; people.len()],
    };
    if search.best.len() > lower {
        search.run(target, lower);
    }
    let exact = search.steps < work;
    let mut found: Vec<u32> = search.best.iter().map(|&p| people[p]).collect();
    found.sort_unstable();
    BusFactor {
        lower: if exact { found.len() } else { lower },
        people: found,
    }
}

/// Greedy: lose the domain with the fewest deciders still present, until enough are lost.
fn greedy(sets: &[Vec<usize>], domains_of: &[Vec<usize>], target: usize, n: usize) -> Vec<usize> {
    use std::cmp::Reverse;
    let mut away = vec![false; n];
    let mut missing: Vec<usize> = sets.iter().map(Vec::len).collect();
    let mut heap: std::collections::BinaryHeap<Reverse<(usize, usize)>> = missing
        .iter()
        .enumerate()
        .map(|(k, &m)| Reverse((m, k)))
        .collect();
    let mut lost = 0;
    let mut chosen = Vec::new();
    while lost < target {
        let Some(Reverse((m, k))) = heap.pop() else {
            break;
        };
        // Counts only fall, so an entry that no longer matches was pushed again lower.
        if m != missing[k] || m == 0 {
            continue;
        }
        for &p in &sets[k] {
            if away[p] {
                continue;
            }
            away[p] = true;
            chosen.push(p);
            for &j in &domains_of[p] {
                missing[j] -= 1;
                if missing[j] == 0 {
                    lost += 1;
                } else {
                    heap.push(Reverse((missing[j], j)));
                }
            }
        }
    }
    chosen
}

/// Greedy the other way round: take away the person whose absence loses the most domains
/// now (those they are the last decider of); when nobody's absence loses one alone, the
/// people of the domain with the fewest deciders left. Finds the best set at once where a
/// few people decide several domains alone, which the domain-first greedy misses.
fn greedy_by_person(
    sets: &[Vec<usize>],
    domains_of: &[Vec<usize>],
    target: usize,
    n: usize,
) -> Vec<usize> {
    use std::cmp::Reverse;
    let mut g = PersonGreedy {
        sets,
        domains_of,
        away: vec![false; n],
        missing: sets.iter().map(Vec::len).collect(),
        last: vec![0; n],
        people: std::collections::BinaryHeap::new(),
        domains: std::collections::BinaryHeap::new(),
        lost: 0,
        chosen: Vec::new(),
    };
    for (k, s) in sets.iter().enumerate() {
        if s.len() == 1 {
            for &p in s {
                g.last[p] += 1;
            }
        }
        g.domains.push(Reverse((s.len(), k)));
    }
    for p in 0..n {
        g.people.push((g.last[p], Reverse(p)));
    }
    while g.lost < target {
        // The person who loses the most domains alone, if anyone does.
        let mut picked = None;
        while let Some((count, Reverse(p))) = g.people.pop() {
            if g.away[p] || count != g.last[p] {
                continue;
            }
            if count > 0 {
                picked = Some(p);
            }
            break;
        }
        if let Some(p) = picked {
            g.take(p);
            continue;
        }
        // Otherwise the cheapest domain still open, all of its deciders.
        let Some(Reverse((m, k))) = g.domains.pop() else {
            break;
        };
        if m != g.missing[k] || m == 0 {
            continue;
        }
        for &p in &sets[k] {
            if !g.away[p] {
                g.take(p);
            }
        }
    }
    g.chosen
}

/// The state of [`greedy_by_person`].
struct PersonGreedy<'a> {
    sets: &'a [Vec<usize>],
    domains_of: &'a [Vec<usize>],
    away: Vec<bool>,
    missing: Vec<usize>,
    /// How many domains each person is the last decider of.
    last: Vec<usize>,
    people: std::collections::BinaryHeap<(usize, std::cmp::Reverse<usize>)>,
    domains: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>>,
    lost: usize,
    chosen: Vec<usize>,
}

impl PersonGreedy<'_> {
    fn take(&mut self, p: usize) {
        use std::cmp::Reverse;
        self.away[p] = true;
        self.chosen.push(p);
        for &j in &self.domains_of[p] {
            self.missing[j] -= 1;
            match self.missing[j] {
                0 => self.lost += 1,
                1 => {
                    if let Some(&q) = self.sets[j].iter().find(|&&q| !self.away[q]) {
                        self.last[q] += 1;
                        self.people.push((self.last[q], Reverse(q)));
                    }
                    self.domains.push(Reverse((1, j)));
                }
                m => self.domains.push(Reverse((m, j))),
            }
        }
    }
}

/// The branch and bound's state: who is away, how many deciders each domain still has.
struct Search<'a> {
    sets: &'a [Vec<usize>],
    domains_of: &'a [Vec<usize>],
    away: Vec<bool>,
    missing: Vec<usize>,
    lost: usize,
    chosen: Vec<usize>,
    best: Vec<usize>,
    steps: usize,
    work: usize,
    /// Domains this branch decided to keep.
    dropped: Vec<bool>,
    /// Scratch: each person's weight for the bound.
    weight: Vec<f64>,
}

impl Search<'_> {
    fn take(&mut self, p: usize) {
        self.away[p] = true;
        self.chosen.push(p);
        for &j in &self.domains_of[p] {
            self.missing[j] -= 1;
            if self.missing[j] == 0 {
                self.lost += 1;
            }
        }
    }

    fn give_back(&mut self, p: usize) {
        self.away[p] = false;
        self.chosen.pop();
        for &j in &self.domains_of[p] {
            if self.missing[j] == 0 {
                self.lost -= 1;
            }
            self.missing[j] += 1;
        }
    }

    /// Searches below the current state; `floor` is the global lower bound (stop once met).
    fn run(&mut self, target: usize, floor: usize) {
        self.steps += self.sets.len().max(1);
        if self.steps >= self.work || self.best.len() <= floor {
            return;
        }
        if self.lost >= target {
            if self.chosen.len() < self.best.len() {
                self.best = self.chosen.clone();
            }
            return;
        }
        // The cheapest domain not yet lost and not kept: every better set loses it or not.
        let mut open = None;
        let mut open_count = 0;
        for j in 0..self.sets.len() {
            if self.missing[j] > 0 && !self.dropped[j] {
                open_count += 1;
                if open.is_none_or(|k: usize| self.missing[j] < self.missing[k]) {
                    open = Some(j);
                }
            }
        }
        let Some(k) = open else {
            return;
        };
        let still = target - self.lost;
        if open_count < still {
            return;
        }
        // Each person still here can lose at most Σ 1/(deciders still here) over the open
        // domains they decide: the fewest whose weights reach `still` bound what it costs.
        for w in &mut self.weight {
            *w = 0.0;
        }
        for j in 0..self.sets.len() {
            if self.missing[j] > 0 && !self.dropped[j] {
                let share = 1.0 / self.missing[j] as f64;
                for &p in &self.sets[j] {
                    if !self.away[p] {
                        self.weight[p] += share;
                    }
                }
            }
        }
        self.steps += self.weight.len();
        self.weight.sort_unstable_by(|a, b| b.total_cmp(a));
        let mut sum = 0.0;
        let mut more = 0;
        for &w in &self.weight {
            if sum + 1e-9 >= still as f64 || w <= 0.0 {
                break;
            }
            sum += w;
            more += 1;
        }
        if sum + 1e-9 < still as f64 {
            return;
        }
        if self.chosen.len() + more.max(self.missing[k]) >= self.best.len() {
            return;
        }
        let added: Vec<usize> = self.sets[k]
            .iter()
            .copied()
            .filter(|&p| !self.away[p])
            .collect();
        for &p in &added {
            self.take(p);
        }
        self.run(target, floor);
        for &p in added.iter().rev() {
            self.give_back(p);
        }
        self.dropped[k] = true;
        self.run(target, floor);
        self.dropped[k] = false;
    }
}
