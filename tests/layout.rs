//! The layouts: tidy, overlap-free, compact for wide spans, deterministic.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::analysis::{Hierarchy, analyze};
use orgflow::layout::{NodeKind, Orientation, Rect, TreeRequest, network_layout, tree_layout};
use orgflow::model::{Org, Person};

fn org(parents: &[Option<usize>]) -> Org {
    Org {
        people: parents
            .iter()
            .enumerate()
            .map(|(i, p)| Person {
                manager: p.map(|m| format!("p{m}").as_str().into()),
                ..Person::new(&format!("p{i}"), &format!("P{i}"))
            })
            .collect(),
        ..Org::default()
    }
}

fn overlaps(cards: &[Option<Rect>]) -> Option<(usize, usize)> {
    let mut shown: Vec<(usize, Rect)> = cards
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|r| (i, r)))
        .collect();
    shown.sort_by(|a, b| a.1.min.x.total_cmp(&b.1.min.x));
    // Sweep by x: only cards whose x ranges meet can overlap.
    for (k, (i, a)) in shown.iter().enumerate() {
        for (j, b) in &shown[k + 1..] {
            if b.min.x >= a.max.x {
                break;
            }
            if a.intersects(b) {
                return Some((*i, *j));
            }
        }
    }
    None
}

#[test]
fn generated_orgs_have_no_overlapping_cards_either_way_round() {
    for (people, seed) in [(50, 1), (400, 2), (3_000, 3)] {
        let org = orgflow::generate::org(people, seed);
        let h = Hierarchy::new(&org);
        for orientation in [Orientation::TopDown, Orientation::LeftRight] {
            let request = TreeRequest {
                orientation,
                ..TreeRequest::default()
            };
            let layout = tree_layout(&h, &request);
            assert!(layout.cards.iter().all(Option::is_some));
            assert_eq!(
                overlaps(&layout.cards),
                None,
                "{people} people, {orientation:?}"
            );
            assert_eq!(layout.lines.len(), people - 1);
        }
    }
}

#[test]
fn a_parent_is_centred_over_a_single_row_of_children() {
    // p0 over p1 and p2, each with two reports.
    let org = org(&[None, Some(0), Some(0), Some(1), Some(1), Some(2), Some(2)]);
    let h = Hierarchy::new(&org);
    let layout = tree_layout(&h, &TreeRequest::default());
    let c = |i: usize| layout.cards[i].expect("shown").center();
    assert!((c(0).x - (c(1).x + c(2).x) / 2.0).abs() < 0.01);
    assert!((c(1).x - (c(3).x + c(4).x) / 2.0).abs() < 0.01);
    assert!(c(0).y < c(1).y && c(1).y < c(3).y);
    assert_eq!(c(1).y, c(2).y);
}

#[test]
fn a_wide_span_is_wrapped_into_columns() {
    let mut parents = vec![None];
    parents.extend(std::iter::repeat_n(Some(0), 60));
    let org = org(&parents);
    let h = Hierarchy::new(&org);
    let request = TreeRequest::default();
    let layout = tree_layout(&h, &request);
    let width = layout.bounds.width();
    // 60 cards in one row would be 60 card widths; in columns it is a handful.
    assert!(width < 6.0 * request.card_width, "{width}");
    assert!(layout.bounds.height() < 25.0 * request.card_height);
    assert_eq!(overlaps(&layout.cards), None);
}

#[test]
fn left_to_right_puts_managers_left_of_their_reports() {
    let org = org(&[None, Some(0), Some(0)]);
    let h = Hierarchy::new(&org);
    let request = TreeRequest {
        orientation: Orientation::LeftRight,
        ..TreeRequest::default()
    };
    let layout = tree_layout(&h, &request);
    let c = |i: usize| layout.cards[i].expect("shown").center();
    assert!(c(0).x < c(1).x);
    assert_eq!(c(1).x, c(2).x);
    assert!((c(0).y - (c(1).y + c(2).y) / 2.0).abs() < 0.01);
}

#[test]
fn collapsing_hides_a_subtree_and_counts_it() {
    let org = org(&[None, Some(0), Some(1), Some(2), Some(0)]);
    let h = Hierarchy::new(&org);
    let request = TreeRequest {
        collapsed: vec![false, true, false, false, false],
        ..TreeRequest::default()
    };
    let layout = tree_layout(&h, &request);
    assert!(layout.cards[1].is_some());
    assert!(layout.cards[2].is_none() && layout.cards[3].is_none());
    assert_eq!(layout.hidden_below[1], 2);
    assert_eq!(layout.lines.len(), 2);
}

#[test]
fn layouts_are_deterministic() {
    let org = orgflow::generate::org(2_000, 9);
    let h = Hierarchy::new(&org);
    assert_eq!(
        tree_layout(&h, &TreeRequest::default()),
        tree_layout(&h, &TreeRequest::default())
    );
    let a = analyze(&org);
    assert_eq!(network_layout(&org, &a), network_layout(&org, &a));
}

#[test]
fn the_network_groups_people_without_rights_by_team() {
    let org = orgflow::generate::org(10_000, 5);
    let a = analyze(&org);
    let net = network_layout(&org, &a);
    let people = net
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Person(_)))
        .count();
    let grouped: u32 = net
        .nodes
        .iter()
        .filter_map(|n| match n.kind {
            NodeKind::Group { count, .. } => Some(count),
            _ => None,
        })
        .sum();
    assert_eq!(people + grouped as usize, 10_000);
    assert!(net.nodes.len() < 3_000, "{} nodes", net.nodes.len());
    let domains = net
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Domain(_)))
        .count();
    assert_eq!(domains, org.decisions.len());
}
