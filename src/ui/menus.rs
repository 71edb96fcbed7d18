//! The menu bar: File, Edit, View, and the search box.

use super::View;
use super::shortcuts::{EXPORT, FIT, OPEN, REDO, SAVE, SAVE_AS, UNDO, ZOOM_TO_SELECTION};
use crate::layout::Orientation;
use crate::session::{Action, EXAMPLES, Selection, Session};
use egui::{Key, RichText, Ui};

pub(super) fn menu_bar(session: &Session, view: &mut View, ui: &mut Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("New").clicked() {
                view.act(Action::New);
            }
            if ui
                .add(egui::Button::new("Open…").shortcut_text(ui.ctx().format_shortcut(&OPEN)))
                .clicked()
            {
                view.act(Action::OpenDialog);
            }
            ui.menu_button("Open recent", |ui| {
                if session.settings.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in session.settings.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        view.act(Action::Open(path));
                    }
                }
            });
            ui.menu_button("Open example", |ui| {
                for (name, _) in EXAMPLES {
                    if ui.button(name).clicked() {
                        view.act(Action::OpenExample(name));
                    }
                }
            });
            let open = session.document.is_some();
            if ui
                .add_enabled(
                    open,
                    egui::Button::new("Save").shortcut_text(ui.ctx().format_shortcut(&SAVE)),
                )
                .clicked()
            {
                view.act(Action::Save);
            }
            if ui
                .add_enabled(
                    open,
                    egui::Button::new("Save as…").shortcut_text(ui.ctx().format_shortcut(&SAVE_AS)),
                )
                .clicked()
            {
                view.act(Action::SaveAs);
            }
            ui.separator();
            if ui
                .add_enabled(open, egui::Button::new("Compare with…"))
                .on_hover_text("Another team file: both readings side by side, and what changed")
                .clicked()
            {
                view.act(Action::CompareDialog);
            }
            if ui
                .add_enabled(open, egui::Button::new("Import links…"))
                .on_hover_text("Who goes to whom: an advice survey or an e-mail log, columns from, to and an optional weight")
                .clicked()
            {
                view.act(Action::ImportLinksDialog);
            }
            if ui
                .add_enabled(open, egui::Button::new("Import decision log…"))
                .on_hover_text("Decisions taken, one a row: when raised, when decided, who decided (and the domain): shown beside the queue model, which it can fit")
                .clicked()
            {
                view.act(Action::ImportDecisionLogDialog);
            }
            if ui
                .add_enabled(open, egui::Button::new("Add junior posts…"))
                .on_hover_text("A UK organogram's junior-posts file: counted in FTE under the senior posts open, never as people")
                .clicked()
            {
                view.act(Action::AddJuniorDialog);
            }
            if ui
                .add_enabled(open, egui::Button::new("Import decision rights…"))
                .on_hover_text("A RACI, RAPID or D/A/C sheet (CSV or Excel), one row per decision")
                .clicked()
            {
                view.act(Action::ImportRightsDialog);
            }
            if ui
                .add_enabled(
                    open,
                    egui::Button::new("Export image…")
                        .shortcut_text(ui.ctx().format_shortcut(&EXPORT)),
                )
                .clicked()
            {
                view.act(Action::OpenExportDialog);
            }
            if ui
                .add_enabled(session.document.is_some(), egui::Button::new("Close"))
                .clicked()
            {
                view.act(Action::Close);
            }
        });
        ui.menu_button("Edit", |ui| edit_menu(session, view, ui));
        ui.menu_button("View", |ui| {
            if ui
                .add(
                    egui::Button::new("Fit both views")
                        .shortcut_text(ui.ctx().format_shortcut(&FIT)),
                )
                .clicked()
            {
                view.act(Action::FitAll);
            }
            if ui
                .add_enabled(
                    session.selection.is_some(),
                    egui::Button::new("Zoom to selection")
                        .shortcut_text(ui.ctx().format_shortcut(&ZOOM_TO_SELECTION)),
                )
                .clicked()
            {
                view.act(Action::FrameSelection);
            }
            let mut orientation = session.settings.orientation;
            ui.radio_value(&mut orientation, Orientation::TopDown, "Hierarchy top-down");
            ui.radio_value(
                &mut orientation,
                Orientation::LeftRight,
                "Hierarchy left-to-right",
            );
            if orientation != session.settings.orientation {
                view.act(Action::SetOrientation(orientation));
            }
            if ui.button("Expand everybody").clicked() {
                view.act(Action::ExpandAll);
            }
            if ui
                .button("Lay out the network afresh")
                .on_hover_text("After edits, nodes stay where they were and new ones find room; this tidies the circles again.")
                .clicked()
            {
                view.act(Action::TidyNetwork);
            }
            let reason = match &session.document {
                Some(doc) => super::explorer::Explorer::offered(doc).err(),
                None => Some("Open an org first".to_owned()),
            };
            let button = ui
                .add_enabled(reason.is_none(), egui::Button::new("Explore the network…"))
                .on_hover_text("Lay the network out by force, drag nodes aside, then keep the layout")
                .on_disabled_hover_text(reason.unwrap_or_default());
            if button.clicked()
                && let Some(doc) = &session.document
            {
                match super::explorer::Explorer::open(doc) {
                    Ok(explorer) => view.explorer = Some(explorer),
                    Err(why) => view.act(Action::Refused(why)),
                }
            }
            let log = session.decision_log.as_ref();
            if ui
                .add_enabled(log.is_some(), egui::Button::new("Decision log"))
                .on_hover_text("The decision log read, beside the model")
                .on_disabled_hover_text("File ▸ Import decision log… first")
                .clicked()
            {
                view.act(Action::ShowDecisionLog(true));
            }
            if ui
                .add_enabled(session.timeline.is_some(), egui::Button::new("Timeline"))
                .on_hover_text("Every snapshot the file holds: the figures over time, what changed, and each snapshot to open")
                .on_disabled_hover_text("Open a file that holds several snapshots (a date column with several dates)")
                .clicked()
            {
                view.act(Action::ShowTimeline(true));
            }
        });
        if session.document.is_some() {
            ui.separator();
            search_box(session, view, ui);
        }
    });
}

fn edit_menu(session: &Session, view: &mut View, ui: &mut Ui) {
    let (undo, redo) = match &session.document {
        Some(doc) => (
            doc.history.undo_label().map(str::to_owned),
            doc.history.redo_label().map(str::to_owned),
        ),
        None => (None, None),
    };
    let undo_text = undo.map_or("Undo".to_owned(), |l| format!("Undo {l}"));
    if ui
        .add_enabled(
            undo_text != "Undo",
            egui::Button::new(undo_text).shortcut_text(ui.ctx().format_shortcut(&UNDO)),
        )
        .clicked()
    {
        view.act(Action::Undo);
    }
    let redo_text = redo.map_or("Redo".to_owned(), |l| format!("Redo {l}"));
    if ui
        .add_enabled(
            redo_text != "Redo",
            egui::Button::new(redo_text).shortcut_text(ui.ctx().format_shortcut(&REDO)),
        )
        .clicked()
    {
        view.act(Action::Redo);
    }
    ui.separator();
    let Some(doc) = &session.document else {
        return;
    };
    let mut command = None;
    if ui.button("Add a top-level person").clicked() {
        command = crate::edit::add_person(&doc.org, None).ok();
    }
    if ui.button("Add a decision domain").clicked() {
        command = Some(crate::edit::add_domain(&doc.org));
    }
    if let Some(command) = command {
        view.act(Action::apply(command));
    }
    ui.separator();
    if ui.button("Decision rights matrix…").clicked() {
        view.act(Action::OpenMatrix);
    }
    if let Some(k) = template_menu(ui) {
        view.act(Action::ApplyTemplate(k));
    }
    ui.separator();
    if ui
        .button("Suggest a distributed variant…")
        .on_hover_text("Concrete proposals to hand decisions over, with their effect")
        .clicked()
    {
        view.act(Action::OpenSuggestions);
    }
    if ui
        .button("Compare with the file as opened")
        .on_hover_text("Before: as opened or last saved. After: now")
        .clicked()
    {
        view.act(Action::CompareWithSaved);
    }
}

/// "Start from a template", a submenu with one button per shipped template of decision
/// domains; the one chosen, if any.
pub(super) fn template_menu(ui: &mut Ui) -> Option<usize> {
    let mut chosen = None;
    ui.menu_button("Start from a template", |ui| {
        for (k, t) in crate::edit::templates().iter().enumerate() {
            if ui
                .button(format!("{} ({} domains)", t.template, t.domains.len()))
                .on_hover_text(&t.description)
                .clicked()
            {
                chosen = Some(k);
                ui.close();
            }
        }
    });
    chosen
}

fn search_box(session: &Session, view: &mut View, ui: &mut Ui) {
    let edit = egui::TextEdit::singleline(&mut view.search)
        .hint_text("Find a person (Ctrl+F)")
        .desired_width(220.0);
    let label = ui.label("Search");
    let response = ui.add(edit).labelled_by(label.id);
    if view.focus_search {
        response.request_focus();
        view.focus_search = false;
    }
    let matches = session.search_matches(&view.search, 8);
    if response.lost_focus()
        && ui.input(|i| i.key_pressed(Key::Enter))
        && let Some(first) = matches.first()
    {
        view.act(Action::Select(Some(Selection::Person(first.clone()))));
        view.act(Action::FrameSelection);
    }
    if !view.search.trim().is_empty() {
        let Some(doc) = &session.document else {
            return;
        };
        if matches.is_empty() {
            ui.label(RichText::new("No match").weak());
        }
        let mut chosen = None;
        for id in matches {
            if let Some(person) = doc.org.person(id.as_str())
                && ui
                    .small_button(person.display_name())
                    .on_hover_text(&person.title)
                    .clicked()
            {
                chosen = Some(id);
            }
        }
        if let Some(id) = chosen {
            view.act(Action::Select(Some(Selection::Person(id))));
            view.act(Action::FrameSelection);
        }
    }
}
