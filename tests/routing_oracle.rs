//! The fast routing agrees with a plain, raiser-by-raiser walk of the rules on random orgs:
//! each decision's route is walked leg by leg, the people it reaches are collected as a set,
//! and everybody in the set but the raiser gets the decision once. People who cannot act
//! (open posts, leavers, placeholders) are skipped over on the climb and hold no right.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::analysis::{Hierarchy, route};
use orgflow::model::{
    Decision, DecisionId, Org, Person, PersonId, Right, RoleKind, RoleRight, Status,
};
use proptest::prelude::*;

const TEAMS: [&str; 3] = ["Red", "Green", "Blue"];

/// The routing rules written out directly: one raiser at a time, one path at a time.
struct Oracle {
    parent: Vec<Option<usize>>,
    depth: Vec<usize>,
}

impl Oracle {
    fn new(org: &Org) -> Self {
        let ids: Vec<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
        let manager = |i: usize| {
            org.people[i]
                .manager
                .as_ref()
                .and_then(|m| ids.iter().position(|x| *x == m.as_str()))
        };
        // The nearest manager above who can act; nobody for those who cannot.
        let parent: Vec<Option<usize>> = (0..org.people.len())
            .map(|i| {
                if !org.people[i].can_act() {
                    return None;
                }
                let mut m = manager(i);
                while let Some(x) = m {
                    if org.people[x].can_act() {
                        return Some(x);
                    }
                    m = manager(x);
                }
                None
            })
            .collect();
        let depth = (0..parent.len())
            .map(|mut v| {
                let mut d = 0;
                while let Some(p) = parent[v] {
                    v = p;
                    d += 1;
                }
                d
            })
            .collect();
        Self { parent, depth }
    }

    fn chain(&self, mut v: usize) -> Vec<usize> {
        let mut out = vec![v];
        while let Some(p) = self.parent[v] {
            out.push(p);
            v = p;
        }
        out
    }

    fn is_below(&self, v: usize, a: usize) -> bool {
        self.chain(v).contains(&a)
    }

    fn best(&self, candidates: impl Iterator<Item = usize>) -> Option<usize> {
        candidates.min_by_key(|&t| (self.depth[t], t))
    }

    /// The people a decision from `p` visits on its way to `targets` (not `p`), and where it ends.
    fn path(&self, p: usize, targets: &[usize]) -> (Vec<usize>, Option<usize>) {
        let up = self.chain(p);
        if targets.is_empty() {
            return (up[1..].to_vec(), None);
        }
        if let Some(k) = up.iter().position(|v| targets.contains(v)) {
            return (up[1..=k].to_vec(), Some(up[k]));
        }
        for (k, &a) in up.iter().enumerate() {
            if let Some(t) = self.best(targets.iter().copied().filter(|&t| self.is_below(t, a))) {
                let mut down = self.chain(t);
                let cut = down.iter().position(|&v| v == a).unwrap_or(0);
                down.truncate(cut);
                down.reverse();
                let mut visited = up[1..=k].to_vec();
                visited.extend(down);
                return (visited, Some(t));
            }
        }
        // Another tree: climb to the top, cross to the best target's tree, go down.
        let t = self.best(targets.iter().copied()).unwrap_or(p);
        let mut down = self.chain(t);
        down.reverse();
        let mut visited = up[1..].to_vec();
        visited.extend(down);
        (visited, Some(t))
    }
}

fn dedup(list: &[PersonId], org: &Org) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for id in list {
        if let Some(i) = org.people.iter().position(|p| &p.id == id)
            && org.people[i].can_act()
            && !out.contains(&i)
        {
            out.push(i);
        }
    }
    out
}

/// Adds `w` to the reporting line of each step of a path that follows one.
fn add_lines(o: &Oracle, from: usize, visited: &[usize], w: f64, lines: &mut [f64]) {
    let mut at = from;
    for &v in visited {
        if o.parent[at] == Some(v) {
            lines[at] += w;
        } else if o.parent[v] == Some(at) {
            lines[v] += w;
        }
        at = v;
    }
}

type OracleResult = (Vec<f64>, Vec<f64>, f64, f64, f64, Vec<f64>);

/// Told of each raiser's route: the domain (file position), raiser, rate per raiser, reached
/// (hierarchical, distributed).
type Visit<'a> = dyn FnMut(usize, usize, f64, &[usize], &[usize]) + 'a;

fn oracle_route(org: &Org) -> OracleResult {
    oracle_route_with(org, &mut |_, _, _, _, _| {})
}

/// [`oracle_route`], telling `visit` each raiser's route: the raiser, the rate per raiser, and
/// everybody the decision reaches in the hierarchical and in the distributed reading (once
/// each, the raiser left out).
fn oracle_route_with(org: &Org, visit: &mut Visit<'_>) -> OracleResult {
    let o = Oracle::new(org);
    let n = org.people.len();
    let mut lines = vec![0.0; n];
    let (mut hier, mut dist) = (vec![0.0; n], vec![0.0; n]);
    let (mut hops, mut dhops, mut total) = (0.0, 0.0, 0.0);
    let acts = |i: usize| org.people[i].can_act();
    for (domain, d) in org.decisions.iter().enumerate() {
        if !d.has_rights() {
            continue;
        }
        let raisers: Vec<usize> = match d.raised_by.as_deref() {
            None | Some([]) => (0..n).filter(|&i| acts(i)).collect(),
            Some(list) => (0..n)
                .filter(|&i| acts(i))
                .filter(|&i| {
                    let p = &org.people[i];
                    list.iter().any(|e| *e == p.id.0 || *e == p.team)
                })
                .collect(),
        };
        if raisers.is_empty() || d.per_month <= 0.0 {
            continue;
        }
        total += d.per_month;
        let w = d.per_month / raisers.len() as f64;
        let base_deciders = dedup(&d.decides, org);
        let base_chain = dedup(&d.approves, org);
        for &p in &raisers {
            // Role rights: the holder in the raiser's chain, else in their team, else all.
            let mut deciders = base_deciders.clone();
            let mut chain = base_chain.clone();
            for role in &d.roles {
                let holders: Vec<usize> = (0..n)
                    .filter(|&i| acts(i) && role.held_by(&org.people[i]))
                    .collect();
                let resolved: Vec<usize> =
                    if let Some(v) = o.chain(p).into_iter().find(|v| holders.contains(v)) {
                        vec![v]
                    } else {
                        let team: Vec<usize> = holders
                            .iter()
                            .copied()
                            .filter(|&v| {
                                !org.people[p].team.is_empty()
                                    && org.people[v].team == org.people[p].team
                            })
                            .collect();
                        if team.is_empty() {
                            holders.clone()
                        } else {
                            team
                        }
                    };
                let list = if role.right == Right::Decides {
                    &mut deciders
                } else {
                    &mut chain
                };
                for v in resolved {
                    if !list.contains(&v) {
                        list.push(v);
                    }
                }
            }
            deciders.sort_unstable();
            // Everybody the decision reaches, once each.
            let mut reached_h: Vec<usize> = Vec::new();
            let mut reached_d: Vec<usize> = Vec::new();
            let (visited, end) = o.path(p, &deciders);
            add_lines(&o, p, &visited, w, &mut lines);
            reached_h.extend(&visited);
            hops += w * visited.len() as f64;
            if let Some(t) = end
                && t != p
            {
                reached_d.push(t);
                dhops += w;
            }
            // Undecided, it waits at the top, and approvals start there; straight to the
            // holder, they start with the raiser.
            let mut at = end.unwrap_or_else(|| *o.chain(p).last().unwrap());
            let mut straight_at = end.unwrap_or(p);
            for &a in &chain {
                let (visited, _) = o.path(at, &[a]);
                add_lines(&o, at, &visited, w, &mut lines);
                reached_h.extend(&visited);
                hops += w * visited.len() as f64;
                if a != straight_at {
                    reached_d.push(a);
                    dhops += w;
                }
                at = a;
                straight_at = a;
            }
            for (reached, loads) in [(&mut reached_h, &mut hier), (&mut reached_d, &mut dist)] {
                reached.sort_unstable();
                reached.dedup();
                reached.retain(|&v| v != p);
                for &v in reached.iter() {
                    loads[v] += w;
                }
            }
            visit(domain, p, w, &reached_h, &reached_d);
        }
    }
    (hier, dist, hops, dhops, total, lines)
}

/// Rate, deciders, approvers, raising people, raising team (as a person whose team it is),
/// a role right (0 none, 1 the "Lead" title decides, 2 it approves).
type DecisionSpec = (
    f64,
    Vec<usize>,
    Vec<usize>,
    Option<Vec<usize>>,
    Option<usize>,
    u8,
);

#[derive(Debug, Clone)]
struct Spec {
    parents: Vec<Option<usize>>,
    vacant: Vec<bool>,
    left: Vec<bool>,
    leads: Vec<bool>,
    teams: Vec<usize>,
    decisions: Vec<DecisionSpec>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..30).prop_flat_map(|n| {
        let parents = (0..n)
            .map(|i| {
                if i == 0 {
                    Just(None).boxed()
                } else {
                    prop_oneof![1 => Just(None), 6 => (0..i).prop_map(Some)].boxed()
                }
            })
            .collect::<Vec<_>>();
        let decision = (
            0.5f64..10.0,
            prop::collection::vec(0..n, 0..3),
            prop::collection::vec(0..n, 0..3),
            prop::option::of(prop::collection::vec(0..n, 1..4)),
            prop::option::of(0..n),
            0u8..3,
        );
        (
            parents,
            prop::collection::vec(prop::bool::weighted(0.15), n),
            prop::collection::vec(prop::bool::weighted(0.1), n),
            prop::collection::vec(prop::bool::weighted(0.3), n),
            prop::collection::vec(0..TEAMS.len(), n),
            prop::collection::vec(decision, 0..6),
        )
            .prop_map(|(parents, vacant, left, leads, teams, decisions)| Spec {
                parents,
                vacant,
                left,
                leads,
                teams,
                decisions,
            })
    })
}

fn build(spec: &Spec) -> Org {
    let id = |i: usize| PersonId(format!("p{i}"));
    let people = spec
        .parents
        .iter()
        .enumerate()
        .map(|(i, parent)| Person {
            id: id(i),
            name: format!("P{i}"),
            team: TEAMS[spec.teams[i]].to_owned(),
            title: if spec.leads[i] { "Lead" } else { "Member" }.to_owned(),
            manager: parent.map(id),
            vacant: spec.vacant[i],
            status: if spec.left[i] {
                Status::Left
            } else {
                Status::Active
            },
            ..Person::default()
        })
        .collect();
    let decisions = spec
        .decisions
        .iter()
        .enumerate()
        .map(
            |(k, (rate, decides, approves, raisers, team, role))| Decision {
                id: DecisionId(format!("d{k}")),
                name: format!("D{k}"),
                per_month: *rate,
                raised_by: raisers.as_ref().map(|r| {
                    let mut list: Vec<String> = r.iter().map(|&i| id(i).0).collect();
                    // The team of some person, so the team exists.
                    list.extend(team.map(|t| TEAMS[spec.teams[t]].to_owned()));
                    list
                }),
                decides: decides.iter().map(|&i| id(i)).collect(),
                approves: approves.iter().map(|&i| id(i)).collect(),
                roles: match role {
                    0 => Vec::new(),
                    r => vec![RoleRight {
                        of: RoleKind::Title,
                        name: "Lead".to_owned(),
                        right: if *r == 1 {
                            Right::Decides
                        } else {
                            Right::Approves
                        },
                    }],
                },
                ..Decision::default()
            },
        )
        .collect();
    Org {
        name: "Random".to_owned(),
        people,
        decisions,
        ..Org::default()
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn fast_routing_matches_the_rules(spec in spec()) {
        let org = build(&spec);
        prop_assert!(orgflow::model::validate(&org).is_empty());
        let h = Hierarchy::new(&org);
        let acts: Vec<bool> = org.people.iter().map(Person::can_act).collect();
        let fast = route(&org, h.acting(&org).as_ref().unwrap_or(&h), &acts);
        let (hier, dist, hops, dhops, total, lines) = oracle_route(&org);
        for i in 0..org.people.len() {
            // A share is never above 100%.
            prop_assert!(fast.hierarchical[i] <= fast.total_per_month * (1.0 + 1e-9));
            prop_assert!(fast.distributed[i] <= fast.total_per_month * (1.0 + 1e-9));
            prop_assert!(same(fast.hierarchical[i], hier[i]), "hierarchical p{i}: {} vs {}", fast.hierarchical[i], hier[i]);
            prop_assert!(same(fast.distributed[i], dist[i]), "distributed p{i}: {} vs {}", fast.distributed[i], dist[i]);
            prop_assert!(same(fast.line_to_manager[i], lines[i]), "line above p{i}: {} vs {}", fast.line_to_manager[i], lines[i]);
        }
        prop_assert!(same(fast.hierarchical_hops, hops), "hops {} vs {}", fast.hierarchical_hops, hops);
        prop_assert!(same(fast.distributed_hops, dhops), "distributed hops {} vs {}", fast.distributed_hops, dhops);
        prop_assert!(same(fast.total_per_month, total));
    }
}

/// The matrix reading's tree written out directly: in file order, each person with dotted
/// lines is moved under the first dotted-line manager whose chain (as moved so far) does not
/// run through them. Returns the moved org, how many moved and how many were passed over.
fn matrix_org(org: &Org) -> (Org, usize, usize) {
    let mut out = org.clone();
    let (mut moved, mut passed) = (0, 0);
    let position = |o: &Org, id: &PersonId| o.people.iter().position(|p| &p.id == id);
    for v in 0..out.people.len() {
        let dotted = out.people[v].dotted_managers.clone();
        if dotted.is_empty() {
            continue;
        }
        let takes = dotted.iter().find(|d| {
            // Up from d: does the chain reach v?
            let mut at = position(&out, d);
            let mut steps = 0;
            while let Some(x) = at {
                if x == v || steps > out.people.len() {
                    return false;
                }
                steps += 1;
                at = out.people[x]
                    .manager
                    .as_ref()
                    .and_then(|m| position(&out, m));
            }
            true
        });
        match takes {
            Some(d) => {
                out.people[v].manager = Some(d.clone());
                moved += 1;
            }
            None => passed += 1,
        }
    }
    (out, moved, passed)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The matrix reading is the hierarchical reading of the org with the dotted lines taken:
    /// each load agrees with the rules walked on that org, and no share is above 100%.
    #[test]
    fn matrix_reading_is_the_routing_up_the_dotted_lines(
        spec in spec(),
        dotted in prop::collection::vec(prop::collection::vec(0usize..30, 0..3), 30),
    ) {
        let mut org = build(&spec);
        let n = org.people.len();
        for (i, list) in dotted.iter().enumerate().take(n) {
            for &d in list {
                let d = PersonId(format!("p{}", d % n));
                if d != org.people[i].id && !org.people[i].dotted_managers.contains(&d) {
                    org.people[i].dotted_managers.push(d);
                }
            }
        }
        prop_assert!(orgflow::model::validate(&org).is_empty());
        let a = orgflow::analysis::analyze(&org);
        let (moved_org, moved, passed) = matrix_org(&org);
        let (hier, ..) = oracle_route(&moved_org);
        match &a.readings.matrix {
            None => prop_assert_eq!(moved, 0),
            Some(m) => {
                prop_assert_eq!(m.people_moved, moved);
                prop_assert_eq!(m.passed_over, passed);
                for (i, p) in a.persons.iter().enumerate() {
                    let load = p.matrix.expect("a matrix load for everybody").load;
                    prop_assert!(same(load, hier[i]), "matrix p{i}: {} vs {}", load, hier[i]);
                    prop_assert!(p.matrix.unwrap().share <= 1.0 + 1e-9);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// People in several posts and job shares: each person's load is the decisions, raised in
    /// none of their posts, that reach at least one of them, counted once at the largest of
    /// their shares there; never above 100%. Walked here over the oracle's routes.
    #[test]
    fn people_in_several_posts_count_each_decision_once(
        spec in spec(),
        keys in prop::collection::vec(prop::option::of(0usize..4), 30),
        shares in prop::collection::vec(prop::option::of((0.1f64..1.0, 0.1f64..1.0)), 30),
    ) {
        let mut org = build(&spec);
        let n = org.people.len();
        for i in 0..n {
            org.people[i].holder = keys[i].map(|k| format!("h{k}"));
            if let Some((mine, theirs)) = shares[i] {
                org.people[i].fte = Some(mine);
                org.people[i].co_holders.push(orgflow::model::CoHolder {
                    name: format!("Co {i}"),
                    fte: Some(theirs),
                    ..Default::default()
                });
            }
        }
        prop_assert!(orgflow::model::validate(&org).is_empty());
        let a = orgflow::analysis::analyze(&org);
        // Everybody's posts and shares, as the model defines them.
        let mut people: Vec<(String, Vec<(usize, f64)>)> = Vec::new();
        for (i, p) in org.people.iter().enumerate() {
            if p.vacant {
                continue;
            }
            let total = p.fte.unwrap_or(1.0) + p.co_holders.iter().map(|c| c.fte.unwrap_or(1.0)).sum::<f64>();
            let main = p.fte.map_or(1.0, |f| f / total);
            match &p.holder {
                Some(key) => match people.iter_mut().find(|(k, _)| k == key) {
                    Some((_, posts)) => posts.push((i, main)),
                    None => people.push((key.clone(), vec![(i, main)])),
                },
                None => people.push((format!("post {i}"), vec![(i, main)])),
            }
            for c in &p.co_holders {
                people.push((c.name.clone(), vec![(i, c.fte.unwrap_or(1.0) / total)]));
            }
        }
        let apart: Vec<&(String, Vec<(usize, f64)>)> = people
            .iter()
            .filter(|(_, posts)| posts.len() > 1 || posts.iter().any(|(_, s)| *s < 1.0))
            .collect();
        let mut expected = vec![(0.0, 0.0); apart.len()];
        let total = oracle_route_with(&org, &mut |_, p, w, reached_h, reached_d| {
            for (k, (_, posts)) in apart.iter().enumerate() {
                if posts.iter().any(|(q, _)| *q == p) {
                    continue;
                }
                let best = |reached: &[usize]| {
                    posts
                        .iter()
                        .filter(|(q, _)| reached.contains(q))
                        .map(|(_, s)| *s)
                        .fold(0.0, f64::max)
                };
                expected[k].0 += w * best(reached_h);
                expected[k].1 += w * best(reached_d);
            }
        })
        .4;
        prop_assert_eq!(a.holders.len(), apart.len());
        for (k, (got, (name, posts))) in a.holders.iter().zip(apart.iter()).enumerate() {
            prop_assert_eq!(got.posts.len(), posts.len(), "{}", name);
            prop_assert!(same(got.hierarchical.load, expected[k].0), "{} hierarchical: {} vs {}", name, got.hierarchical.load, expected[k].0);
            prop_assert!(same(got.distributed.load, expected[k].1), "{} distributed: {} vs {}", name, got.distributed.load, expected[k].1);
            prop_assert!(got.hierarchical.load <= total * (1.0 + 1e-9));
        }
    }
}

/// A made-up queue wait for person `i` in reading `r`: `None` (a queue that cannot keep up)
/// for some, a different finite wait for the others.
fn made_up_wait(i: usize, r: usize) -> Option<f64> {
    if (i + r) % 7 == 3 {
        None
    } else {
        Some(((i * (r + 2)) % 5) as f64 * 0.3 + 0.1)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The hours of decision work per person, and each domain's wait along its routes,
    /// against the raiser-by-raiser walk: a domain waits, per decision, the sum of the waits of
    /// everybody its decision reaches, averaged over its raisers, and without end when any of
    /// them cannot keep up.
    #[test]
    fn hours_and_waits_along_the_routes_match_the_rules(spec in spec()) {
        let mut org = build(&spec);
        // Every other domain takes 1.5 hours a decision, the rest the default (0.5).
        for (k, d) in org.decisions.iter_mut().enumerate() {
            if k % 2 == 1 {
                d.hours = Some(1.5);
            }
        }
        let settings = org.queue_settings();
        let h = Hierarchy::new(&org);
        let acts: Vec<bool> = org.people.iter().map(Person::can_act).collect();
        let fast = route(&org, h.acting(&org).as_ref().unwrap_or(&h), &acts);
        let n = org.people.len();
        let wait_h: Vec<Option<f64>> = (0..n).map(|i| made_up_wait(i, 0)).collect();
        let wait_d: Vec<Option<f64>> = (0..n).map(|i| made_up_wait(i, 1)).collect();
        let waits = fast.routes.waits(&wait_h, &wait_d);
        // Oracle: per domain, rate and Σ rate × wait (None once unbounded), per reading.
        let mut hours_h = vec![0.0; n];
        let mut hours_d = vec![0.0; n];
        let mut expected: Vec<(f64, Option<f64>, Option<f64>)> = vec![(0.0, Some(0.0), Some(0.0)); org.decisions.len()];
        oracle_route_with(&org, &mut |domain, _, w, reached_h, reached_d| {
            let hours = settings.handling_of(&org.decisions[domain]);
            for &v in reached_h {
                hours_h[v] += w * hours;
            }
            for &v in reached_d {
                hours_d[v] += w * hours;
            }
            let sum = |reached: &[usize], waits: &[Option<f64>]| -> Option<f64> {
                reached.iter().map(|&v| waits[v]).sum()
            };
            let e = &mut expected[domain];
            e.0 += w;
            e.1 = e.1.and_then(|x| Some(x + w * sum(reached_h, &wait_h)?));
            e.2 = e.2.and_then(|x| Some(x + w * sum(reached_d, &wait_d)?));
        });
        for i in 0..n {
            prop_assert!(same(fast.hierarchical_hours[i], hours_h[i]), "hours p{i}: {} vs {}", fast.hierarchical_hours[i], hours_h[i]);
            prop_assert!(same(fast.distributed_hours[i], hours_d[i]), "distributed hours p{i}: {} vs {}", fast.distributed_hours[i], hours_d[i]);
        }
        prop_assert_eq!(waits.len(), org.decisions.len());
        for (k, (got, want)) in waits.iter().zip(&expected).enumerate() {
            if want.0 <= 0.0 {
                prop_assert!(got.is_none(), "d{k} is not routed but got {got:?}");
                continue;
            }
            let Some((rate, (gh, gd))) = got else {
                return Err(TestCaseError::fail(format!("d{k} routed by the rules but not by the fast routing")));
            };
            prop_assert!(same(*rate, want.0), "d{k} rate {rate} vs {}", want.0);
            for (reading, g, w) in [("hierarchical", gh, want.1), ("distributed", gd, want.2)] {
                match (g, w) {
                    (Some(g), Some(w)) => prop_assert!(same(*g, w / want.0), "d{k} {reading}: {g} vs {}", w / want.0),
                    (None, None) => {}
                    _ => return Err(TestCaseError::fail(format!("d{k} {reading}: {g:?} vs {w:?} (per rate {})", want.0))),
                }
            }
        }
    }
}
