//! Restructuring in the window: drag a card onto a new manager, refused drops, undo and redo,
//! saving, the unsaved-changes question, and recovery after a crash.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use common::{PresetDialog, harness, harness_with, open_doc, open_school, person};
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgflow::app::OrgflowApp;
use orgflow::io::to_json;
use orgflow::session::Settings;

/// Whether the open document still has this person.
fn is_there(h: &Harness<'static, OrgflowApp>, id: &str) -> bool {
    h.state()
        .session
        .document
        .as_ref()
        .is_some_and(|d| d.org.person(id).is_some())
}

fn center(h: &Harness<'static, OrgflowApp>, label: &str) -> Pos2 {
    h.get_by_label(label).rect().center()
}

/// Presses on `from`, moves in steps to `to`, and lets go there.
fn drag(h: &mut Harness<'static, OrgflowApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for step in 1..=6 {
        h.hover_at(from + (to - from) * (step as f32 / 6.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

/// Drags the card labelled `from` onto the card labelled `to`.
fn drag_onto(h: &mut Harness<'static, OrgflowApp>, from: &str, to: &str) {
    let (a, b) = (center(h, from), center(h, to));
    drag(h, a, b);
}

/// Types at the end of the selected person's name in the inspector and presses Enter.
fn add_to_name(h: &mut Harness<'static, OrgflowApp>, text: &str) {
    h.get_by_label("Name").focus();
    h.run();
    h.get_by_label("Name").type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

const SAM: &str = "Sam Lee, Reception teacher, in the hierarchy";
const MARTA: &str = "Marta Quill, School business manager, in the hierarchy";
const RAVI: &str = "Ravi Menon, Administrator, in the hierarchy";

fn manager_of(h: &Harness<'static, OrgflowApp>, id: &str) -> Option<String> {
    h.state()
        .session
        .document
        .as_ref()
        .and_then(|d| d.org.person(id))
        .and_then(|p| p.manager.clone())
        .map(|m| m.0)
}

#[test]
fn dragging_a_card_onto_a_person_makes_them_the_manager_in_one_undo_step() {
    let mut h = harness(None, None);
    open_school(&mut h);
    let original = to_json(&h.state().session.document.as_ref().expect("open").org);
    let (sam, marta) = (center(&h, SAM), center(&h, MARTA));
    drag(&mut h, sam, marta);

    assert_eq!(manager_of(&h, "sam").as_deref(), Some("marta"));
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(
        doc.history.undo_label(),
        Some("move Sam Lee under Marta Quill")
    );
    // Everything re-scored at once: Dana has one direct report fewer, Marta one more.
    let dana = &doc.analysis.persons[person(&h, "dana") as usize];
    assert_eq!(dana.direct_reports, 27);
    assert_eq!(
        doc.analysis.persons[person(&h, "marta") as usize].direct_reports,
        3
    );
    assert!(
        doc.analysis
            .findings
            .iter()
            .any(|f| f.message.contains("27 direct reports"))
    );
    // …and the tree was laid out again: Sam's card now hangs below Marta's.
    let (sam_after, marta_after) = (center(&h, SAM), center(&h, MARTA));
    assert!(sam_after.y > marta_after.y);
    assert!(h.state().session.title().starts_with("● "));

    // Ctrl+Z restores the exact document; Ctrl+Shift+Z and Ctrl+Y redo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        to_json(&h.state().session.document.as_ref().expect("open").org),
        original
    );
    assert!(!h.state().session.title().starts_with("● "));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(manager_of(&h, "sam").as_deref(), Some("marta"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(manager_of(&h, "sam").as_deref(), Some("marta"));
    // The Edit menu names the step.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Undo move Sam Lee under Marta Quill");
}

#[test]
fn a_drop_into_ones_own_subtree_is_refused_and_says_why() {
    let mut h = harness(None, None);
    open_school(&mut h);
    let original = to_json(&h.state().session.document.as_ref().expect("open").org);
    let (marta, ravi) = (center(&h, MARTA), center(&h, RAVI));
    drag(&mut h, marta, ravi);
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(to_json(&doc.org), original);
    assert!(!doc.is_dirty());
    let (ok, message) = h.state().session.status.clone().expect("a message");
    assert!(!ok);
    assert!(message.contains("go round in a circle"), "{message}");
    h.get_by_label_contains("Not moved: Ravi Menon reports to Marta Quill");

    // Dropping on empty canvas changes nothing either.
    let empty = h
        .get_by_label("Reporting hierarchy view")
        .rect()
        .left_bottom()
        + egui::vec2(20.0, -20.0);
    let sam = center(&h, SAM);
    drag(&mut h, sam, empty);
    assert_eq!(
        to_json(&h.state().session.document.as_ref().expect("open").org),
        original
    );
    // And says why, in place of the last refusal's words.
    let (ok, message) = h.state().session.status.clone().expect("a message");
    assert!(!ok);
    assert!(
        message.contains("drop the card onto the person they should report to"),
        "{message}"
    );
}

#[test]
fn save_writes_the_team_file_and_clears_the_mark() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("school.json");
    let mut h = harness(None, Some(&path));
    open_school(&mut h);
    drag_onto(&mut h, SAM, MARTA);
    assert!(h.state().session.title().starts_with("● "));
    // A bundled example has no file: Ctrl+S asks where.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(h.state().session.title(), "school.json — orgflow");
    let saved = orgflow::io::load(&path, &Default::default())
        .expect("saved file loads")
        .org;
    assert_eq!(
        saved,
        h.state().session.document.as_ref().expect("open").org
    );
    assert_eq!(h.state().session.settings.recent.first(), Some(&path));
}

#[test]
fn a_failed_save_says_so_and_keeps_the_changes_unsaved() {
    let mut h = harness(
        None,
        Some(std::path::Path::new("/nonexistent/folder/school.json")),
    );
    open_school(&mut h);
    drag_onto(&mut h, SAM, MARTA);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let (ok, message) = h.state().session.status.clone().expect("a message");
    assert!(!ok);
    assert!(message.contains("could not save"), "{message}");
    assert!(
        h.state()
            .session
            .document
            .as_ref()
            .expect("open")
            .is_dirty()
    );
}

#[test]
fn opening_another_file_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("school.json");
    let mut h = harness(path.to_str(), Some(&path));
    open_school(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    drag_onto(&mut h, SAM, MARTA);

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label_contains("Save the changes to school.json");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(manager_of(&h, "sam").as_deref(), Some("marta"));
    assert!(h.state().session.pending.is_none());

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    // The file as saved before the drag opened again.
    assert_eq!(manager_of(&h, "sam").as_deref(), Some("dana"));
    assert!(
        !h.state()
            .session
            .document
            .as_ref()
            .expect("open")
            .is_dirty()
    );
}

#[test]
fn a_csv_is_never_overwritten_its_changes_go_to_a_team_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = dir.path().join("from-csv.json");
    let csv = dir.path().join("people.csv");
    std::fs::copy("tests/csv/hr-export.csv", &csv).expect("copy");
    let before = std::fs::read(&csv).expect("csv");
    let mut h = harness(csv.to_str(), Some(&json));
    h.get_by_label("Open…").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(std::fs::read(&csv).expect("csv"), before);
    assert!(orgflow::io::load(&json, &Default::default()).is_ok());
    assert_eq!(h.state().session.title(), "from-csv.json — orgflow");
}

/// An app that keeps its recovery copy in `path`, as the real one does in its data folder.
fn app_keeping_recovery_in(path: &std::path::Path) -> OrgflowApp {
    app_saving_to(path, None)
}

/// Like [`app_keeping_recovery_in`], with a save dialog that answers `save`.
fn app_saving_to(path: &std::path::Path, save: Option<std::path::PathBuf>) -> OrgflowApp {
    let mut app = OrgflowApp::new(
        Settings::default(),
        Box::new(PresetDialog { open: None, save }),
    );
    app.session.use_recovery_file(path.to_owned());
    app
}

#[test]
fn unsaved_edits_survive_a_crash_and_are_offered_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("unsaved-changes.json");
    {
        let mut h = harness_with(app_keeping_recovery_in(&recovery));
        open_school(&mut h);
        drag_onto(&mut h, SAM, MARTA);
        // The copy waits until a few seconds after the last edit.
        let now = std::time::Instant::now();
        assert!(h.state_mut().session.tick_recovery(now).is_some());
        assert!(!recovery.exists());
        h.state_mut().session.tick_recovery(
            now + orgflow::session::RECOVERY_DELAY + std::time::Duration::from_millis(10),
        );
        assert!(recovery.exists());
        // The harness is dropped here without saving: a crash.
    }
    // The next start.
    let mut h = harness_with(app_keeping_recovery_in(&recovery));
    h.get_by_label_contains("had unsaved changes");
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(manager_of(&h, "sam").as_deref(), Some("marta"));
    assert!(
        h.state()
            .session
            .document
            .as_ref()
            .expect("restored")
            .is_dirty()
    );
}

/// Leaves a recovery copy of an unsaved move in `recovery`, as a crash would.
fn crash_with_unsaved_move(recovery: &std::path::Path) {
    let mut h = harness_with(app_keeping_recovery_in(recovery));
    open_school(&mut h);
    drag_onto(&mut h, SAM, MARTA);
    h.state_mut().session.write_recovery();
    assert!(recovery.exists());
}

#[test]
fn a_restored_copy_is_removed_once_discarded_or_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("unsaved-changes.json");
    // Restore, then File ▸ New and Discard: the changes are thrown away, so is their copy.
    crash_with_unsaved_move(&recovery);
    {
        let mut h = harness_with(app_keeping_recovery_in(&recovery));
        h.get_by_label("Restore").click();
        h.run();
        assert!(
            recovery.exists(),
            "the restored changes are still kept against a crash"
        );
        h.get_by_label("File").click();
        h.run();
        h.get_by_label("New").click();
        h.run();
        h.get_by_label("Discard").click();
        h.run();
        assert_eq!(
            h.state()
                .session
                .document
                .as_ref()
                .map(|d| d.org.name.as_str()),
            Some("Untitled org")
        );
        assert!(!recovery.exists(), "the discarded changes' copy is gone");
        // Killed here.
    }
    let h = harness_with(app_keeping_recovery_in(&recovery));
    assert!(h.query_by_label_contains("had unsaved changes").is_none());
    assert!(h.state().session.recovered.is_none());

    // Restore, then save: the copy is gone too.
    crash_with_unsaved_move(&recovery);
    let saved = dir.path().join("saved.json");
    let mut h = harness_with(app_saving_to(&recovery, Some(saved.clone())));
    h.get_by_label("Restore").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    // A restored example has no file of its own: Save asks where, and writes there.
    assert!(saved.exists());
    assert!(!open_doc(&h).is_dirty());
    assert!(!recovery.exists(), "the saved changes' copy is gone");
    drop(h);
    let h = harness_with(app_keeping_recovery_in(&recovery));
    assert!(h.state().session.recovered.is_none());
}

#[test]
fn the_inspector_renames_and_adds_and_deletes_people() {
    let mut h = harness(None, None);
    open_school(&mut h);
    h.get_by_label(MARTA).click();
    h.run();
    add_to_name(&mut h, " Jr");
    let marta = person(&h, "marta") as usize;
    assert_eq!(
        h.state()
            .session
            .document
            .as_ref()
            .expect("open")
            .org
            .people[marta]
            .name,
        "Marta Quill Jr"
    );

    h.get_by_label("Add a report").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    let added = doc.org.people.last().expect("someone");
    assert_eq!(
        added.manager.as_ref().map(orgflow::model::PersonId::as_str),
        Some("marta")
    );
    assert_eq!(doc.analysis.persons[marta].direct_reports, 3);

    h.get_by_label("Delete person").click();
    h.run();
    // It asks first, saying what happens to the reports; Cancel changes nothing.
    h.get_by_label_contains("Delete Marta Quill Jr?");
    assert!(
        h.query_by_label_contains("Their 3 direct reports will report to Dana Reyes.")
            .is_some()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(is_there(&h, "marta"));
    h.get_by_label("Delete person").click();
    h.run();
    h.get_by_label("Delete").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert!(doc.org.person("marta").is_none());
    assert_eq!(
        doc.org
            .person("ravi")
            .and_then(|p| p.manager.clone())
            .map(|m| m.0)
            .as_deref(),
        Some("dana")
    );
    let (_, message) = h.state().session.status.clone().expect("told");
    assert!(
        message.contains("their 3 reports now report to Dana Reyes"),
        "{message}"
    );
}

#[test]
fn a_new_org_starts_empty_and_grows_from_the_edit_menu() {
    let mut h = harness(None, None);
    h.get_by_label("New org").click();
    h.run();
    assert!(
        h.state()
            .session
            .document
            .as_ref()
            .expect("new")
            .org
            .people
            .is_empty()
    );
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Add a top-level person").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("new");
    assert_eq!(doc.org.people.len(), 1);
    assert_eq!(doc.analysis.roots, ["new-person"]);
    assert!(h.state().session.title().starts_with("● untitled.json"));
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut h = harness(None, None);
    open_school(&mut h);
    drag_onto(&mut h, SAM, MARTA);
    // The window manager asks to close.
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    h.get_by_label_contains("before closing?");
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().session.document.is_none());
    assert!(h.state().allow_close);
}

/// Issue 8's recipe: a selection made after a delete must survive the undo of that delete, and
/// the inspector must keep editing the person it shows.
#[test]
fn after_delete_select_and_undo_the_inspector_still_edits_the_selected_person() {
    let mut h = harness(None, None);
    open_school(&mut h);
    h.get_by_label(MARTA).click();
    h.run();
    h.get_by_label("Delete person").click();
    h.run();
    h.get_by_label("Delete").click();
    h.run();
    assert!(h.state().session.selection.is_none());
    h.get_by_label(SAM).click();
    h.run();
    assert_eq!(h.state().session.selection, Some(common::selected("sam")));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    // Marta is back, before Sam in the file; the selection is still Sam.
    let doc = h.state().session.document.as_ref().expect("open");
    assert!(doc.org.person("marta").is_some());
    assert_eq!(h.state().session.selection, Some(common::selected("sam")));
    assert!(h.query_by_label("Gwen Harper").is_none());
    add_to_name(&mut h, " Jr");
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(
        doc.org.person("sam").map(|p| p.name.as_str()),
        Some("Sam Lee Jr")
    );
    assert_eq!(
        doc.org.person("gwen").map(|p| p.name.as_str()),
        Some("Gwen Harper")
    );
    assert_eq!(
        doc.history.undo_label(),
        Some("rename Sam Lee to Sam Lee Jr")
    );
}

#[test]
fn the_keyboard_walks_the_hierarchy_and_deletes_after_asking() {
    let mut h = harness(None, None);
    open_school(&mut h);
    let selected = |h: &Harness<'static, OrgflowApp>| h.state().session.selection.clone();
    // From nothing, a step goes to the top.
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(selected(&h), Some(common::selected("dana")));
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(selected(&h), Some(common::selected("marta")));
    h.key_press(Key::ArrowRight);
    h.run();
    let peer = selected(&h).expect("a peer");
    assert_ne!(peer, common::selected("marta"));
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(selected(&h), Some(common::selected("marta")));
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(selected(&h), Some(common::selected("dana")));
    // At the top there is no manager: the selection stays.
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(selected(&h), Some(common::selected("dana")));
    // Enter puts the keyboard in the inspector's name field.
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.get_by_label("Name").is_focused()
            || h.query_by_value("Dana Reyes")
                .is_some_and(|n| n.is_focused())
    );
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.ctx.memory(egui::Memory::focused), None);
    // Delete asks, then deletes when confirmed.
    h.get_by_label(MARTA).click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    h.get_by_label_contains("Delete Marta Quill?");
    h.get_by_label("Delete").click();
    h.run();
    assert!(!is_there(&h, "marta"));
    // Escape clears the selection.
    h.get_by_label(SAM).click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(selected(&h), None);
}

#[test]
fn a_cards_menu_moves_it_under_a_manager_found_by_name() {
    let mut h = harness(None, None);
    open_school(&mut h);
    h.get_by_label(SAM).click_secondary();
    h.run();
    h.get_by_label_contains("Move under…").click();
    h.run();
    h.get_by_label("Find a manager").type_text("Quill");
    h.run();
    h.get_by_label("Marta Quill, School business manager")
        .click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(
        doc.org
            .person("sam")
            .and_then(|p| p.manager.clone())
            .map(|m| m.0)
            .as_deref(),
        Some("marta")
    );
    assert_eq!(
        doc.history.undo_label(),
        Some("move Sam Lee under Marta Quill")
    );
    // The menu also hides reports, simulates absence and asks before deleting.
    h.get_by_label("Dana Reyes, Principal, in the hierarchy")
        .click_secondary();
    h.run();
    h.get_by_label("Delete…").click();
    h.run();
    h.get_by_label_contains("Delete Dana Reyes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(is_there(&h, "dana"));
}

/// A dotted-line manager added from the inspector's picker and removed by its button, each one
/// undo step; the hierarchy draws it as a dashed line.
#[test]
fn the_inspector_adds_and_removes_a_dotted_line_manager() {
    let mut h = harness(None, None);
    open_school(&mut h);
    h.get_by_label(MARTA).click();
    h.run();
    // The picker is below the fold of the inspector: scrolled to, as a user would.
    h.get_by_label("Add a dotted-line manager").scroll_to_me();
    h.run();
    h.get_by_label("Add a dotted-line manager").click();
    h.run();
    h.get_by_label("Gwen Harper").click();
    h.run();
    let dotted = |h: &Harness<'static, OrgflowApp>| {
        h.state()
            .session
            .document
            .as_ref()
            .expect("open")
            .org
            .person("marta")
            .expect("marta")
            .dotted_managers
            .iter()
            .map(|m| m.0.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(dotted(&h), ["gwen"]);
    let doc = h.state().session.document.as_ref().expect("open");
    let dashed = doc
        .hierarchy
        .shapes
        .iter()
        .filter(|s| matches!(s, orgflow::scene::Shape::Line { dash: Some(_), .. }))
        .count();
    assert_eq!(dashed, 1);
    h.get_by_label("Remove dotted line to Gwen Harper")
        .scroll_to_me();
    h.run();
    h.get_by_label("Remove dotted line to Gwen Harper").click();
    h.run();
    assert!(dotted(&h).is_empty());
    h.state_mut().act(orgflow::session::Action::Undo);
    h.run();
    assert_eq!(dotted(&h), ["gwen"]);
}

/// A job-share holder typed into the inspector and added by its button, then removed by
/// theirs: each one undo step, the card's badge says the post is shared, and the inspector
/// gives each holder their share of the post.
#[test]
fn the_inspector_adds_and_removes_a_job_share_holder() {
    let mut h = harness(None, None);
    open_school(&mut h);
    h.get_by_label(MARTA).click();
    h.run();
    h.get_by_label("Job-share holder to add").scroll_to_me();
    h.run();
    h.get_by_label("Job-share holder to add").click();
    h.run();
    h.get_by_label("Job-share holder to add")
        .type_text("Ines Okafor");
    h.run();
    h.get_by_label("Add to the post").click();
    h.run();
    let co = |h: &Harness<'static, OrgflowApp>| {
        h.state()
            .session
            .document
            .as_ref()
            .expect("open")
            .org
            .person("marta")
            .expect("marta")
            .co_holders
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(co(&h), ["Ines Okafor"]);
    let doc = h.state().session.document.as_ref().expect("open");
    assert!(
        doc.hierarchy.shapes.iter().any(|s| matches!(
            s,
            orgflow::scene::Shape::Box { labels, .. }
                if labels.iter().any(|l| l.text.contains("job share of 2"))
        )),
        "the card says the post is shared"
    );
    assert_eq!(doc.analysis.holders.len(), 2, "Marta and Ines, half each");
    h.get_by_label("Remove Ines Okafor from the post")
        .scroll_to_me();
    h.run();
    h.get_by_label("Remove Ines Okafor from the post").click();
    h.run();
    assert!(co(&h).is_empty(), "{:?}", h.state().session.status);
    h.state_mut().act(orgflow::session::Action::Undo);
    h.run();
    assert_eq!(co(&h), ["Ines Okafor"]);
}
