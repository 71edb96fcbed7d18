//! Files in the window when the system's file dialogs cannot open (no desktop portal, no
//! zenity): the user is told, and orgflow's own picker opens, saves and exports instead.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use common::{MissingDialogs, harness_with, open_school};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgflow::app::OrgflowApp;
use orgflow::session::Settings;
use std::path::Path;

/// The app with dialogs that cannot open, remembering a file in `folder` so that orgflow's own
/// picker starts there.
fn app_in(folder: &Path) -> Harness<'static, OrgflowApp> {
    let settings = Settings {
        recent: vec![folder.join("earlier.json")],
        ..Settings::default()
    };
    harness_with(OrgflowApp::new(settings, Box::new(MissingDialogs)))
}

fn run_until(
    h: &mut Harness<'static, OrgflowApp>,
    done: impl Fn(&Harness<'static, OrgflowApp>) -> bool,
) {
    // The picker lists folders on a thread of its own: on a busy machine that takes a while.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::time::Instant::now() < until {
        if done(h) {
            return;
        }
        // While it lists a folder the picker asks for frames itself: run a few, not to rest.
        h.run_steps(4);
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the window never got there in 20 s");
}

#[test]
fn the_file_menu_shows_save_and_save_as_with_their_shortcuts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_in(dir.path());
    open_school(&mut h);
    h.get_by_label("File").click();
    h.run();
    let labels: Vec<String> = h
        .query_all_by_label_contains("Save")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.starts_with("Save") && l.ends_with("Ctrl+S")),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|l| l.starts_with("Save as…") && l.ends_with("Ctrl+Shift+S")),
        "{labels:?}"
    );
}

#[test]
fn without_system_dialogs_saving_says_so_and_uses_orgflows_own_picker() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_in(dir.path());
    open_school(&mut h);
    // A bundled example has no file: Save asks where.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(4);
    let (ok, message) = h.state().session.status.clone().expect("the user is told");
    assert!(!ok);
    assert!(
        message.contains("system's file dialog could not open"),
        "{message}"
    );
    assert!(message.contains("orgflow's own file picker"), "{message}");
    assert!(h.state().view.picker.purpose.is_some());
    run_until(&mut h, |h| h.query_by_label("Save").is_some());
    h.get_by_label("Save").click();
    run_until(&mut h, |h| h.state().view.picker.purpose.is_none());
    let saved = dir.path().join("riverside-traditional.json");
    assert!(saved.is_file(), "saved where the picker pointed");
    let doc = h.state().session.document.as_ref().expect("open");
    assert!(!doc.is_dirty());
    assert_eq!(doc.path, saved);
    assert!(
        h.state()
            .session
            .title()
            .starts_with("riverside-traditional.json")
    );
}

#[test]
fn without_system_dialogs_opening_uses_orgflows_own_picker() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        "assets/examples/brightpath-product.json",
        dir.path().join("brightpath.json"),
    )
    .expect("copied");
    let mut h = app_in(dir.path());
    h.get_by_label("Open…").click();
    h.run_steps(4);
    assert!(h.state().view.picker.purpose.is_some());
    run_until(&mut h, |h| {
        h.query_by_label_contains("brightpath.json").is_some()
    });
    h.get_by_label_contains("brightpath.json").click();
    h.run_steps(4);
    h.get_by_label("Open").click();
    run_until(&mut h, |h| h.state().session.document.is_some());
    let doc = h.state().session.document.as_ref().expect("opened");
    assert_eq!(doc.path, dir.path().join("brightpath.json"));
    assert_eq!(doc.org.people.len(), 78);
}

/// File ▸ Import decision log… shows the log beside the model; "Fit decision hours to the log"
/// gives the deciders their fitted hours in one undo step; a log that does not fit the org
/// changes nothing and says why.
#[test]
fn a_decision_log_is_shown_beside_the_model_and_fitted_in_one_step() {
    let mut h = common::harness(Some("assets/examples/riverside-decisions.csv"), None);
    open_school(&mut h);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import decision log…").click();
    h.run_steps(3);
    let (ok, status) = h.state().session.status.clone().expect("told");
    assert!(
        ok && status.contains("256 decisions read from 260 rows"),
        "{status}"
    );
    assert!(
        h.query_by_label_contains("Decision log: riverside-decisions.csv")
            .is_some()
    );
    // Dana's row: 230 decisions, a median 0.4 and mean 0.6 working days.
    assert!(h.query_by_label("230").is_some());
    let doc = h.state().session.document.as_ref().expect("open");
    assert!(!doc.is_dirty(), "reading a log changes nothing");
    h.get_by_label("Fit decision hours to the log").click();
    h.run_steps(3);
    let doc = h.state().session.document.as_ref().expect("open");
    let dana = doc.org.person("dana").expect("dana");
    assert_eq!(dana.capacity_hours, Some(13.0));
    assert_eq!(
        doc.org.person("marta").expect("marta").capacity_hours,
        Some(6.6)
    );
    assert!(doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(doc.org.person("dana").expect("dana").capacity_hours, None);
    assert!(!doc.is_dirty());
    // Closed, View ▸ Decision log opens it again.
    h.state_mut()
        .session
        .apply(orgflow::session::Action::ShowDecisionLog(false));
    h.run_steps(2);
    assert!(h.query_by_label("Fit decision hours to the log").is_none());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Decision log").click();
    h.run_steps(3);
    assert!(h.query_by_label("Fit decision hours to the log").is_some());
    // A log whose people the org lacks changes nothing and says why.
    let dir = tempfile::tempdir().expect("temp dir");
    let other = dir.path().join("other.csv");
    std::fs::write(
        &other,
        "raised,decided,who\n2026-09-01,2026-09-02,Nobody Here\n",
    )
    .unwrap();
    h.state_mut().session.import_decision_log(&other);
    h.run_steps(2);
    let session = &h.state().session;
    let failure = session.failure.as_ref().expect("said");
    assert_eq!(failure.path, other);
    assert!(
        failure.problems[0]
            .message
            .contains("no decision in this log could be placed")
    );
    assert_eq!(
        session.decision_log.as_ref().map(|l| l.file.as_str()),
        Some("riverside-decisions.csv"),
        "the log already read stays"
    );
}

/// A file of several snapshots (a headcount report by quarter) opens on its latest quarter
/// with the timeline window open: a row and an "Open" button per snapshot. Opening another
/// quarter makes it the document and keeps the timeline; closed, View ▸ Timeline reopens it.
#[test]
fn a_file_of_snapshots_opens_with_its_timeline_and_any_snapshot_can_be_opened() {
    let mut h = common::harness(None, None);
    h.state_mut()
        .session
        .open(Path::new("tests/trend/headcount-snapshots.csv"));
    // The timeline is worked out on another thread; the window says so meanwhile.
    h.run_steps(1);
    run_until(&mut h, |h| h.state().session.timeline.is_some());
    // A window takes a frame to size itself before it takes clicks.
    h.run_steps(3);
    let people = |h: &Harness<'static, OrgflowApp>| {
        h.state()
            .session
            .document
            .as_ref()
            .map(|d| d.org.people.len())
    };
    assert_eq!(people(&h), Some(12), "the latest quarter");
    assert!(
        h.query_by_label_contains("Timeline: headcount-snapshots.csv")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("4 snapshots of headcount-snapshots, 2025-03-31 to 2025-12-31; the document shows 2025-12-31")
            .is_some()
    );
    assert!(
        h.query_by_label("Open 2025-12-31").is_none(),
        "shown already"
    );
    h.get_by_label("Open 2025-03-31").click();
    h.run_steps(3);
    assert_eq!(people(&h), Some(10));
    let session = &h.state().session;
    assert_eq!(
        session.timeline.as_ref().map(|t| t.showing.as_str()),
        Some("2025-03-31")
    );
    assert!(h.query_by_label("Open 2025-12-31").is_some());
    // Closed, View ▸ Timeline opens it again.
    h.state_mut()
        .session
        .apply(orgflow::session::Action::ShowTimeline(false));
    h.run_steps(2);
    assert!(h.query_by_label("Open 2025-12-31").is_none());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Timeline").click();
    h.run_steps(3);
    assert!(h.query_by_label("Open 2025-12-31").is_some());
    // Another file takes the timeline with its document.
    h.state_mut()
        .session
        .open(Path::new("assets/examples/riverside-traditional.json"));
    h.run_steps(2);
    assert!(h.state().session.timeline.is_none());
}
