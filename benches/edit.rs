//! One edit in the window, from the gesture to updated figures and pictures, on generated orgs
//! of 1k, 10k and 100k people: a move (a drag onto a new manager), a rights change (a matrix
//! click) and a rename (the inspector), each followed by its undo so every sample starts from
//! the same org. What is timed is the session's `apply`, which updates the document, its
//! analysis, both layouts and both scenes: what the next frame draws.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgflow::edit::{Right, change_person, move_under, set_right};
use orgflow::io::Loaded;
use orgflow::layout::Orientation;
use orgflow::model::PersonId;
use orgflow::session::{Action, Document, NoDialogs, Session, Settings};
use std::hint::black_box;
use std::path::PathBuf;

fn session(people: usize) -> Session {
    let org = orgflow::generate::org(people, 7);
    let doc = Document::new(
        PathBuf::from("generated.json"),
        Loaded::team(org),
        Orientation::TopDown,
    );
    let mut session = Session::new(Settings::default(), Box::new(NoDialogs));
    session.show(doc);
    session
}

fn edits(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit_and_undo");
    group.sample_size(10);
    for people in [1_000, 10_000, 100_000] {
        let mut s = session(people);
        let doc = s.document.as_ref().expect("open");
        let org = &doc.org;
        // The last person (a leaf) moves under the first manager below the top.
        let leaf = org.people.last().expect("people").id.clone();
        let manager = org
            .people
            .iter()
            .find(|p| p.manager.is_some() && p.id != leaf)
            .expect("a manager")
            .id
            .clone();
        let moved = move_under(org, &leaf, Some(&manager)).expect("a move");
        let domain = org.decisions.first().expect("domains").id.clone();
        let holder: PersonId = org.people[1].id.clone();
        let holds = org.decisions[0].decides.contains(&holder);
        let right = set_right(org, &domain, &holder, Right::Decides, !holds).expect("a right");
        let mut person = org.person(leaf.as_str()).expect("the leaf").clone();
        person.name = "Someone Else".to_owned();
        let renamed = change_person("rename".to_owned(), &leaf, person);
        for (name, command) in [("move", moved), ("right", right), ("rename", renamed)] {
            // Until everything is worked out: the figures, findings and network too.
            group.bench_function(BenchmarkId::new(name, people), |b| {
                b.iter(|| {
                    black_box(s.apply(Action::apply(command.clone())));
                    settle(&mut s);
                    black_box(s.apply(Action::Undo));
                    settle(&mut s);
                });
            });
            // From 20,000 people: until the window can draw the edit (the hierarchy laid out
            // anew), the figures following from another thread.
            if people >= orgflow::session::BACKGROUND_FROM {
                group.bench_function(BenchmarkId::new(format!("{name}, shown"), people), |b| {
                    b.iter(|| {
                        black_box(s.apply(Action::apply(command.clone())));
                        black_box(s.apply(Action::Undo));
                    });
                    settle(&mut s);
                });
            }
        }
    }
    group.finish();
}

/// Waits for the figures of the last edit.
fn settle(s: &mut Session) {
    if let Some(doc) = s.document.as_mut() {
        doc.settle();
    }
}

criterion_group!(benches, edits);
criterion_main!(benches);
