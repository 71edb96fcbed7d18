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

/// A UK organogram's two files dropped together open as one org; File ▸ Add junior posts…
/// attaches them to senior posts already open, as one undo step, through orgflow's picker
/// when the system's dialog cannot open.
#[test]
fn senior_and_junior_posts_open_together_or_one_after_the_other() {
    let senior = PathBuf::from("tests/organogram/senior.csv");
    let junior = PathBuf::from("tests/organogram/junior.csv");
    let mut s = Session::new(Settings::default(), Box::new(Missing));
    s.apply(Action::OpenFiles(vec![junior.clone(), senior.clone()]));
    let doc = s.document.as_ref().expect("open");
    assert_eq!(doc.path, senior);
    assert_eq!(doc.org.junior_posts.len(), 5);
    assert!(
        doc.notes
            .iter()
            .any(|n| n.starts_with("junior.csv: 5 junior post rows (169.3 FTE)")),
        "{:?}",
        doc.notes
    );

    // The junior file alone is refused and the org open stays as it is.
    s.apply(Action::Open(junior.clone()));
    assert!(s.failure.is_some());
    assert_eq!(s.document.as_ref().expect("open").org.junior_posts.len(), 5);

    s.apply(Action::Open(senior));
    assert!(
        s.document
            .as_ref()
            .expect("open")
            .org
            .junior_posts
            .is_empty()
    );
    let out = s.apply(Action::AddJuniorDialog);
    assert_eq!(out.picker.expect("picker").purpose, Purpose::AddJunior);
    s.apply(Action::PickedInApp(junior.clone(), Purpose::AddJunior));
    let doc = s.document.as_ref().expect("open");
    assert_eq!(doc.org.junior_posts.len(), 5);
    assert!(doc.is_dirty());
    let (ok, said) = s.status.clone().expect("a message");
    assert!(
        ok && said.starts_with("Added junior.csv: 5 junior post rows"),
        "{said}"
    );
    // The same file again is refused: it would count every junior post twice.
    s.apply(Action::PickedInApp(junior, Purpose::AddJunior));
    assert_eq!(s.document.as_ref().expect("open").org.junior_posts.len(), 5);
    let (ok, said) = s.status.clone().expect("a message");
    assert!(!ok && said.contains("attached already"), "{said}");
    s.apply(Action::Undo);
    let doc = s.document.as_ref().expect("open");
    assert!(doc.org.junior_posts.is_empty());
    assert!(!doc.is_dirty());
}

/// In a large org a move shows at once and its figures follow from another thread: until they
/// are in, the document says it is updating and shows the figures before the move; once in,
/// they are exactly those of the org as it is (a fresh analysis), and so are those after an
/// undo that a settle waited for. An edit that changes who is in the org works out at once.
#[test]
fn a_large_orgs_figures_follow_an_edit_from_another_thread_and_equal_a_fresh_analysis() {
    use orgflow::layout::Orientation;
    use orgflow::session::{BACKGROUND_FROM, Document};
    let org = orgflow::generate::org(BACKGROUND_FROM, 5);
    let mut doc = Document::new(
        std::path::PathBuf::from("large.json"),
        orgflow::io::Loaded::team(org),
        Orientation::TopDown,
    );
    let before = format!("{:?}", doc.analysis);
    let leaf = doc.org.people.last().expect("people").id.clone();
    let manager = doc.org.people[1].id.clone();
    let moved = orgflow::edit::move_under(&doc.org, &leaf, Some(&manager)).expect("a move");
    doc.apply(moved).expect("applies");
    assert!(doc.is_updating());
    assert_eq!(
        format!("{:?}", doc.analysis),
        before,
        "the figures before, meanwhile"
    );
    // The hierarchy already shows the move.
    let leaf_at = doc.index_of(leaf.as_str()).expect("leaf") as usize;
    assert_eq!(doc.org.people[leaf_at].manager.as_ref(), Some(&manager));
    let waited = std::time::Instant::now();
    while doc.is_updating() {
        doc.poll();
        assert!(waited.elapsed().as_secs() < 120, "the figures never came");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let fresh = orgflow::analysis::analyze(&doc.org);
    assert_eq!(format!("{:?}", doc.analysis), format!("{fresh:?}"));
    assert_ne!(format!("{:?}", doc.analysis), before);
    assert_eq!(
        doc.analysis.persons[leaf_at].manager.as_deref(),
        Some(manager.as_str())
    );
    // Undo, and the figures a settle waits for are those of the org as opened.
    doc.undo().expect("undone");
    assert!(doc.is_updating());
    doc.settle();
    assert!(!doc.is_updating());
    assert_eq!(format!("{:?}", doc.analysis), before);
    // A new person changes who is where: worked out at once.
    let add = orgflow::edit::add_person(&doc.org, Some(&manager)).expect("a report");
    doc.apply(add).expect("applies");
    assert!(!doc.is_updating());
    assert_eq!(doc.analysis.persons.len(), BACKGROUND_FROM + 1);
}

/// Dialogs that save where they are told.
struct SaveTo(PathBuf);

impl FileDialogs for SaveTo {
    fn pick_file_to_open(&mut self) -> Picked {
        Picked::Cancelled
    }

    fn pick_file_to_save(&mut self, _suggested_name: &str) -> Picked {
        Picked::File(self.0.clone())
    }
}

/// A slide of the whole org draws the network in the reading the window shows: the school's
/// decision domains are named on it in *Both*, and gone in *Who people go to*.
#[test]
fn an_exported_slide_draws_the_network_as_the_window_shows_it() {
    use orgflow::export::ExportFormat;
    use orgflow::layout::NetworkReading;
    use orgflow::session::{ExportChoices, ExportRequest};
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("slide.svg");
    let mut s = Session::new(Settings::default(), Box::new(SaveTo(out.clone())));
    s.apply(Action::OpenExample("riverside-traditional.json"));
    let export = |s: &mut Session| {
        s.apply(Action::Export(Box::new(ExportRequest {
            choices: ExportChoices {
                format: ExportFormat::Svg,
                ..ExportChoices::default()
            },
            areas: None,
        })));
        std::fs::read_to_string(&out).expect("the slide")
    };
    assert!(export(&mut s).contains("Budget allocation"));
    s.apply(Action::NetworkReading(NetworkReading::Links));
    let links = export(&mut s);
    assert!(!links.contains("Budget allocation"), "no domain drawn");
}
