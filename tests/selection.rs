//! The selection is an identity: whatever edits, undos and redos do to the order of the people,
//! the selected person stays the same person, or the selection is cleared when they are gone.
//! Headless: the session the window works on, with no window.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::edit::{Right, add_person, set_right};
use orgflow::model::PersonId;
use orgflow::session::{Action, NoDialogs, Selection, Session, Settings};
use proptest::prelude::*;
use std::path::PathBuf;

fn session() -> Session {
    let mut session = Session::new(Settings::default(), Box::new(NoDialogs));
    session.open(&PathBuf::from("assets/examples/riverside-traditional.json"));
    assert!(session.document.is_some());
    session
}

/// One random thing a user might do, built from the document as it is now.
fn random_action(session: &Session, pick: &[usize]) -> Option<Action> {
    let doc = session.document.as_ref()?;
    let n = doc.org.people.len();
    if n == 0 {
        return None;
    }
    let person = |k: usize| doc.org.people[pick[k] % n].id.clone();
    Some(match pick[0] % 7 {
        0 => Action::Move {
            person: person(1),
            manager: person(2),
        },
        1 => Action::Delete(person(1)),
        2 => Action::apply(add_person(&doc.org, Some(&person(1))).ok()?),
        3 if !doc.org.decisions.is_empty() => {
            let d = &doc.org.decisions[pick[1] % doc.org.decisions.len()];
            let who = person(2);
            let holds = !d.decides.contains(&who);
            Action::apply(set_right(&doc.org, &d.id, &who, Right::Decides, holds).ok()?)
        }
        4 => Action::Undo,
        5 => Action::Redo,
        _ => Action::Select(Some(Selection::Person(person(1)))),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_selected_person_stays_the_same_person_or_is_cleared(
        first in 0usize..31,
        picks in prop::collection::vec(prop::collection::vec(0usize..1000, 3), 1..30)
    ) {
        let mut session = session();
        let mut chosen: PersonId = session.document.as_ref().expect("open").org.people[first].id.clone();
        session.apply(Action::Select(Some(Selection::Person(chosen.clone()))));
        let mut gone_once = false;
        for pick in &picks {
            let Some(action) = random_action(&session, pick) else {
                continue;
            };
            if let Action::Select(Some(Selection::Person(id))) = &action {
                chosen = id.clone();
                gone_once = false;
            }
            if matches!(&action, Action::Delete(id) if *id == chosen) {
                gone_once = true;
            }
            session.apply(action);
            let doc = session.document.as_ref().expect("open");
            gone_once |= doc.org.person(chosen.as_str()).is_none();
            match &session.selection {
                Some(Selection::Person(id)) => {
                    prop_assert_eq!(id, &chosen);
                    prop_assert!(doc.org.person(id.as_str()).is_some());
                }
                None => prop_assert!(gone_once, "the selection was cleared though {} was never deleted", chosen),
                Some(other) => prop_assert!(false, "the selection became {:?}", other),
            }
        }
    }
}
