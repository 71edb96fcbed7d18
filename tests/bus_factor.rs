//! The bus factor is exact: the branch and bound agrees with trying every set of people, on
//! random orgs and on the bundled examples; with too little work allowed it gives true bounds.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::analysis::{BUS_FACTOR_WORK, bus_factor};
use proptest::prelude::*;

/// The smallest number of people whose absence leaves more than half of the domains with
/// nobody, by trying every set of people in order of size.
fn brute_force(domains: &[Vec<u32>], people: u32) -> usize {
    let need = domains.len() / 2 + 1;
    for size in 0..=people as usize {
        let mut found = false;
        for mask in 0u32..(1 << people) {
            if mask.count_ones() as usize != size {
                continue;
            }
            let lost = domains
                .iter()
                .filter(|d| d.iter().all(|&p| mask & (1 << p) != 0))
                .count();
            if lost >= need {
                found = true;
                break;
            }
        }
        if found {
            return size;
        }
    }
    people as usize
}

fn lost_by(domains: &[Vec<u32>], away: &[u32]) -> usize {
    domains
        .iter()
        .filter(|d| d.iter().all(|p| away.contains(p)))
        .count()
}

fn domains() -> impl Strategy<Value = (u32, Vec<Vec<u32>>)> {
    (1u32..12).prop_flat_map(|n| {
        let domain = prop::collection::btree_set(0..n, 0..4)
            .prop_map(|s| s.into_iter().collect::<Vec<u32>>());
        (Just(n), prop::collection::vec(domain, 1..12))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn branch_and_bound_matches_brute_force((n, domains) in domains()) {
        let got = bus_factor(&domains, BUS_FACTOR_WORK);
        prop_assert_eq!(got.lower, got.people.len(), "exact on small orgs");
        prop_assert_eq!(got.people.len(), brute_force(&domains, n));
        // The people it names really do it.
        prop_assert!(lost_by(&domains, &got.people) > domains.len() / 2);
    }

    #[test]
    fn with_little_work_the_bounds_hold((n, domains) in domains()) {
        let got = bus_factor(&domains, 1);
        let exact = brute_force(&domains, n);
        prop_assert!(got.lower <= exact && exact <= got.people.len());
        prop_assert!(lost_by(&domains, &got.people) > domains.len() / 2);
    }
}

/// Two people share the first four domains, and each of
/// three others decides two of the rest alone.
#[test]
fn a_shared_domain_is_lost_only_with_all_its_deciders() {
    let domains: Vec<Vec<u32>> = vec![
        vec![0, 1],
        vec![0, 1],
        vec![0, 1],
        vec![0, 1],
        vec![2],
        vec![2],
        vec![3],
        vec![3],
        vec![4],
    ];
    // Lose 5 of 9: {0, 1} loses four, and one more sole decider adds two: 3 people.
    // {2, 3, 4} lose five too. Nothing with two people loses five.
    let got = bus_factor(&domains, BUS_FACTOR_WORK);
    assert_eq!(got.people.len(), 3);
    assert_eq!(brute_force(&domains, 5), 3);
}

#[test]
fn domains_already_without_a_decider_count_as_lost() {
    // Two of three domains have nobody: the bus factor is 0.
    let got = bus_factor(&[vec![], vec![], vec![0]], BUS_FACTOR_WORK);
    assert_eq!((got.people.len(), got.lower), (0, 0));
    // One of three: one more must go, and person 0 alone does it.
    let got = bus_factor(&[vec![], vec![0, 1], vec![0]], BUS_FACTOR_WORK);
    assert_eq!(got.people, vec![0]);
}

/// On the bundled examples, the bus factor the analysis reports is the brute-force one over
/// the people who decide anything.
#[test]
fn the_examples_have_their_exact_bus_factor() {
    for name in [
        "riverside-traditional.json",
        "riverside-distributed.json",
        "brightpath-product.json",
    ] {
        let path = std::path::Path::new("assets/examples").join(name);
        let org = orgflow::io::load(&path, &Default::default())
            .expect("example loads")
            .org;
        let mut deciders: Vec<&str> = Vec::new();
        let domains: Vec<Vec<u32>> = org
            .decisions
            .iter()
            .filter(|d| d.has_rights())
            .map(|d| {
                let mut set: Vec<u32> = Vec::new();
                for id in &d.decides {
                    if org
                        .person(id.as_str())
                        .is_some_and(orgflow::model::Person::can_act)
                    {
                        let k = if let Some(k) = deciders.iter().position(|x| *x == id.as_str()) {
                            k
                        } else {
                            deciders.push(id.as_str());
                            deciders.len() - 1
                        };
                        set.push(k as u32);
                    }
                }
                set.sort_unstable();
                set.dedup();
                set
            })
            .collect();
        let auth = orgflow::analysis::analyze(&org).concentration.authority;
        assert!(auth.bus_factor_exact, "{name}");
        // The people named really leave more than half of the domains without a decider.
        let away: Vec<u32> = auth
            .bus_factor_people
            .iter()
            .filter_map(|id| deciders.iter().position(|d| d == id))
            .map(|k| k as u32)
            .collect();
        assert!(lost_by(&domains, &away) > domains.len() / 2, "{name}");
        // Every subset of up to 20 deciders can be tried (the product company's 32 cannot).
        if deciders.len() <= 20 {
            let exact = brute_force(&domains, deciders.len() as u32);
            assert_eq!(auth.bus_factor, Some(exact), "{name}");
        }
    }
}
