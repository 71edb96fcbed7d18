//! Stable layouts: one move or one delete in the window shifts the people it must and keeps the
//! rest where the user saw them. The mean displacement of the cards the edit did not touch is
//! measured on the bundled examples and a generated 1,000-person org (numbers in the README).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::edit::{delete_person, move_under};
use orgflow::generate::Rng;
use orgflow::io::{CsvColumns, Loaded, load};
use orgflow::layout::{Orientation, Point};
use orgflow::model::{Org, PersonId};
use orgflow::session::Document;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn centers(doc: &Document) -> HashMap<String, Point> {
    doc.org
        .people
        .iter()
        .zip(&doc.tree.cards)
        .filter_map(|(p, c)| c.map(|c| (p.id.0.clone(), c.center())))
        .collect()
}

/// Mean distance, in card widths, that the cards of people other than `touched` moved.
fn displacement(
    before: &HashMap<String, Point>,
    after: &HashMap<String, Point>,
    touched: &[String],
) -> f32 {
    let moved: Vec<f32> = before
        .iter()
        .filter(|(id, _)| !touched.contains(id))
        .filter_map(|(id, b)| {
            let a = after.get(id)?;
            Some(((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt() / 190.0)
        })
        .collect();
    moved.iter().sum::<f32>() / moved.len().max(1) as f32
}

fn document(org: Org) -> Document {
    let mut doc = Document::new(
        PathBuf::from("org.json"),
        Loaded::team(org),
        Orientation::TopDown,
    );
    // As the window does for a hierarchy panel of about 800 × 900 pixels.
    doc.fill_panel(0.9);
    doc
}

/// Everybody in `id`'s subtree, who must move with them.
fn subtree(org: &Org, id: &str) -> Vec<String> {
    let mut out = vec![id.to_owned()];
    let mut k = 0;
    while k < out.len() {
        let boss = out[k].clone();
        out.extend(
            org.people
                .iter()
                .filter(|p| p.manager.as_ref().is_some_and(|m| m.as_str() == boss))
                .map(|p| p.id.0.clone()),
        );
        k += 1;
    }
    out
}

/// Mean displacement over `moves` random moves of people without reports, and over as many
/// deletes of people without reports.
fn measure(org: Org, moves: usize, seed: u64) -> (f32, f32) {
    let mut rng = Rng::new(seed);
    let leaves: Vec<String> = org
        .people
        .iter()
        .filter(|p| !org.people.iter().any(|q| q.manager.as_ref() == Some(&p.id)))
        .map(|p| p.id.0.clone())
        .collect();
    let managers: Vec<String> = org
        .people
        .iter()
        .filter(|p| org.people.iter().any(|q| q.manager.as_ref() == Some(&p.id)))
        .map(|p| p.id.0.clone())
        .collect();
    let (mut moved, mut deleted) = (0.0, 0.0);
    for _ in 0..moves {
        let who = &leaves[rng.range(0, leaves.len() - 1)];
        let to = loop {
            let m = &managers[rng.range(0, managers.len() - 1)];
            if org
                .person(who)
                .and_then(|p| p.manager.as_ref())
                .is_none_or(|x| x.as_str() != m)
            {
                break m.clone();
            }
        };
        let mut doc = document(org.clone());
        let before = centers(&doc);
        let command =
            move_under(&doc.org, &PersonId(who.clone()), Some(&PersonId(to))).expect("moves");
        doc.apply(command).expect("applies");
        moved += displacement(&before, &centers(&doc), &subtree(&org, who));

        let mut doc = document(org.clone());
        let before = centers(&doc);
        let (command, _) = delete_person(&doc.org, &PersonId(who.clone())).expect("deletes");
        doc.apply(command).expect("applies");
        deleted += displacement(&before, &centers(&doc), std::slice::from_ref(who));
    }
    (moved / moves as f32, deleted / moves as f32)
}

fn example(name: &str) -> Org {
    load(
        &Path::new("assets/examples").join(name),
        &CsvColumns::default(),
    )
    .expect("loads")
    .org
}

#[test]
fn one_move_or_delete_leaves_most_cards_where_they_were() {
    // (name, org, most mean displacement after a move, after a delete), in card widths: the
    // measured values (README) with a little room. A layout that reshuffled everything would
    // move the unaffected cards by several card widths on average.
    let cases = [
        (
            "riverside-traditional",
            example("riverside-traditional.json"),
            0.5,
            0.3,
        ),
        (
            "riverside-distributed",
            example("riverside-distributed.json"),
            0.6,
            0.2,
        ),
        (
            "brightpath-product",
            example("brightpath-product.json"),
            3.0,
            0.8,
        ),
        (
            "generated 1,000",
            orgflow::generate::org(1_000, 11),
            0.6,
            0.5,
        ),
    ];
    for (name, org, most_moved, most_deleted) in cases {
        let (moved, deleted) = measure(org, 12, 5);
        println!("{name}: after a move {moved:.2} card widths, after a delete {deleted:.2}");
        assert!(
            moved <= most_moved,
            "{name}: a move shifts the rest by {moved:.2} card widths"
        );
        assert!(
            deleted <= most_deleted,
            "{name}: a delete shifts the rest by {deleted:.2} card widths"
        );
    }
}

#[test]
fn the_network_keeps_its_places_through_an_edit_and_new_nodes_find_room() {
    use orgflow::edit::{Right, add_person, set_right};
    use orgflow::layout::NodeKey;
    let mut doc = document(example("riverside-distributed.json"));
    let before = doc.network_layout.places(&doc.org);
    // Delete somebody who holds rights: everybody else's node stays exactly where it was.
    let holder = doc
        .org
        .decisions
        .iter()
        .flat_map(|d| d.decides.iter())
        .find(|p| p.as_str() != "dana")
        .expect("a decider")
        .clone();
    let (command, _) = delete_person(&doc.org, &holder).expect("deletes");
    doc.apply(command).expect("applies");
    let after = doc.network_layout.places(&doc.org);
    let mut kept = 0;
    for (key, at) in &after {
        if let (NodeKey::Domain(_) | NodeKey::Person(_), Some(was)) = (key, before.get(key)) {
            assert_eq!(at, was, "{key:?} moved");
            kept += 1;
        }
    }
    assert!(kept > 20, "{kept}");
    // A new person who gets a right gets a node that overlaps none.
    let command = add_person(&doc.org, Some(&PersonId("dana".into()))).expect("adds");
    doc.apply(command).expect("applies");
    let newcomer = doc.org.people.last().expect("added").id.clone();
    let domain = doc.org.decisions[0].id.clone();
    let command = set_right(&doc.org, &domain, &newcomer, Right::Decides, true).expect("right");
    doc.apply(command).expect("applies");
    let nodes = &doc.network_layout.nodes;
    let mine = nodes
        .iter()
        .find(|n| matches!(n.kind, orgflow::layout::NodeKind::Person(p) if doc.org.people[p as usize].id == newcomer))
        .expect("a node of their own");
    for other in nodes {
        if other != mine {
            let d = (other.center.x - mine.center.x).hypot(other.center.y - mine.center.y);
            assert!(d >= other.radius + mine.radius, "overlaps {:?}", other.kind);
        }
    }
    // Laid out afresh, the picture is the fresh layout again.
    doc.tidy_network();
    assert_eq!(
        doc.network_layout,
        orgflow::layout::network_layout(&doc.org, &doc.analysis)
    );
}
