//! The session the window works on, with no window: actions in, outcomes for the views out.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::session::{
    Action, FileDialogs, NoDialogs, Pane, Picked, Purpose, Session, Settings, ViewRequest,
};
use std::path::PathBuf;

/// Dialogs that cannot open, as on a desktop with no portal and no zenity.
struct Missing;

impl FileDialogs for Missing {
    fn pick_file_to_open(&mut self) -> Picked {
        Picked::Unavailable("no desktop portal".to_owned())
    }

    fn pick_file_to_save(&mut self, _suggested_name: &str) -> Picked {
        Picked::Unavailable("no desktop portal".to_owned())
    }
}

#[test]
fn opening_a_file_asks_both_views_to_fit_and_a_refusal_changes_nothing() {
    let mut s = Session::new(Settings::default(), Box::new(NoDialogs));
    let out = s.apply(Action::Open(PathBuf::from(
        "assets/examples/riverside-traditional.json",
    )));
    assert!(out.views.contains(&ViewRequest::Fit(Pane::Hierarchy)));
    assert!(out.views.contains(&ViewRequest::Fit(Pane::Network)));
    let doc = s.document.as_ref().expect("open");
    assert_eq!(doc.org.people.len(), 31);
    // A file that cannot be read leaves the open document as it was and says why.
    let out = s.apply(Action::Open(PathBuf::from("tests/bad/empty.csv")));
    assert!(out.views.is_empty());
    assert_eq!(
        s.document.as_ref().expect("still open").org.people.len(),
        31
    );
    assert!(s.failure.is_some());
}

#[test]
fn a_dialog_that_cannot_open_asks_for_orgflows_own_picker_for_that_purpose() {
    let mut s = Session::new(Settings::default(), Box::new(Missing));
    let out = s.apply(Action::OpenDialog);
    let picker = out.picker.expect("the in-app picker");
    assert_eq!(picker.purpose, Purpose::Open);
    assert!(picker.save_as.is_none());
    let (ok, said) = s.status.clone().expect("a message");
    assert!(!ok && said.contains("orgflow's own file picker"), "{said}");
    // The picker's answer comes back as an action and does what it was opened for.
    s.apply(Action::PickedInApp(
        PathBuf::from("assets/examples/riverside-traditional.json"),
        Purpose::Open,
    ));
    assert!(s.document.is_some());
    let out = s.apply(Action::ImportLinksDialog);
    assert_eq!(out.picker.expect("picker").purpose, Purpose::ImportLinks);
}

#[test]
fn accepting_every_suggestion_is_one_undo_step() {
    let mut s = Session::new(Settings::default(), Box::new(NoDialogs));
    s.apply(Action::Open(PathBuf::from(
        "assets/examples/riverside-traditional.json",
    )));
    s.apply(Action::OpenSuggestions);
    s.prepare();
    let proposals = s.proposals().len();
    assert!(proposals > 1);
    let before = s
        .document
        .as_ref()
        .expect("open")
        .analysis
        .concentration
        .authority
        .spread
        .hhi;
    s.apply(Action::AcceptAllSuggestions);
    let doc = s.document.as_ref().expect("open");
    assert_eq!(
        doc.history.undo_label(),
        Some(format!("accept {proposals} suggestions").as_str())
    );
    assert!(doc.analysis.concentration.authority.spread.hhi < before);
    s.apply(Action::Undo);
    let doc = s.document.as_ref().expect("open");
    assert_eq!(doc.analysis.concentration.authority.spread.hhi, before);
    assert!(!doc.is_dirty());
}
