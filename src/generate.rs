//! Made-up orgs of any size, for benchmarks and tests: deterministic for a given seed.

use crate::model::{Decision, DecisionId, FORMAT_VERSION, Link, Org, Person, PersonId};

/// A small deterministic random number generator (xorshift64*), so the same seed always
/// gives the same org.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// An org of `people` people: spans of 2–12, teams under the second layer, one decision
/// domain per 50 people (at least 5) with deciders, approvers and raisers, and one peer link
/// per 10 people.
pub fn org(people: usize, seed: u64) -> Org {
    let mut rng = Rng::new(seed);
    let mut persons: Vec<Person> = Vec::with_capacity(people);
    let mut depth = Vec::with_capacity(people);
    let mut team_of: Vec<String> = Vec::with_capacity(people);
    let mut manager_queue = std::collections::VecDeque::new();
    let mut open: Option<(usize, usize)> = None;
    for i in 0..people {
        let manager = if i == 0 {
            None
        } else {
            let (m, left) = match open {
                Some((m, left)) if left > 0 => (m, left),
                _ => {
                    let m = manager_queue.pop_front().unwrap_or(0);
                    (m, rng.range(2, 12))
                }
            };
            open = Some((m, left - 1));
            Some(m)
        };
        let d = manager.map_or(0, |m: usize| depth[m] + 1);
        let team = match (d, manager) {
            (0 | 1, _) => "Leadership".to_owned(),
            (2, _) => format!("Team {i}"),
            (_, Some(m)) => team_of[m].clone(),
            (_, None) => "Leadership".to_owned(),
        };
        depth.push(d);
        team_of.push(team.clone());
        manager_queue.push_back(i);
        persons.push(Person {
            id: PersonId(format!("p{i}")),
            name: format!("Person {i}"),
            title: if d == 0 {
                "Chief executive".to_owned()
            } else {
                format!("Role {}", i % 17)
            },
            team,
            manager: manager.map(|m| PersonId(format!("p{m}"))),
            vacant: i > 0 && rng.chance(0.02),
            ..Person::default()
        });
    }

    // Deciders are picked among the first tenth of the people: the managers, mostly.
    let managers = (people / 10).max(1);
    let teams: Vec<String> = {
        let mut t: Vec<String> = team_of.clone();
        t.sort();
        t.dedup();
        t
    };
    let domains = (people / 50).max(5);
    let decisions = (0..domains)
        .map(|k| {
            let mut decides = vec![PersonId(format!("p{}", rng.range(0, managers - 1)))];
            if rng.chance(0.3) {
                decides.push(PersonId(format!("p{}", rng.range(0, managers - 1))));
            }
            decides.sort();
            decides.dedup();
            let approves = if rng.chance(0.3) {
                vec![PersonId(format!("p{}", rng.range(0, managers - 1)))]
            } else {
                Vec::new()
            };
            let raised_by = if rng.chance(0.3) || teams.is_empty() {
                None
            } else {
                Some(vec![teams[rng.range(0, teams.len() - 1)].clone()])
            };
            Decision {
                id: DecisionId(format!("d{k}")),
                name: format!("Decision {k}"),
                per_month: rng.range(1, 20) as f64,
                raised_by,
                decides,
                approves,
                ..Decision::default()
            }
        })
        .collect();
    let links = if people < 2 {
        Vec::new()
    } else {
        (0..people / 10)
            .filter_map(|_| {
                let a = rng.range(0, people - 1);
                let b = rng.range(0, people - 1);
                (a != b).then(|| Link {
                    from: PersonId(format!("p{a}")),
                    to: PersonId(format!("p{b}")),
                    kind: "advice".to_owned(),
                    weight: 1.0,
                    extra: Default::default(),
                })
            })
            .collect()
    };
    Org {
        version: FORMAT_VERSION,
        name: format!("Generated org of {people}"),
        people: persons,
        decisions,
        links,
        ..Org::default()
    }
}
