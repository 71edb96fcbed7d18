//! The menu bar: File, Edit, View, and the search box.

use super::shortcuts::{EXPORT, FIT, OPEN, REDO, SAVE, SAVE_AS, UNDO, ZOOM_TO_SELECTION};
use crate::app::{Action, EXAMPLES, OrgflowApp, Selection};
use crate::layout::Orientation;
use egui::{Key, RichText, Ui};

pub(super) fn menu_bar(app: &mut OrgflowApp, ui: &mut Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("New").clicked() {
                app.act(Action::New);
            }
            if ui
                .add(egui::Button::new("Open…").shortcut_text(ui.ctx().format_shortcut(&OPEN)))
                .clicked()
            {
                app.act(Action::OpenDialog);
            }
            ui.menu_button("Open recent", |ui| {
                if app.settings.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in app.settings.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        app.act(Action::Open(path));
                    }
                }
            });
            ui.menu_button("Open example", |ui| {
                for (name, _) in EXAMPLES {
                    if ui.button(name).clicked() {
                        app.act(Action::OpenExample(name));
                    }
                }
            });
            let open = app.document.is_some();
            if ui
                .add_enabled(
                    open,
                    egui::Button::new("Save").shortcut_text(ui.ctx().format_shortcut(&SAVE)),
                )
                .clicked()
            {
                app.act(Action::Save);
            }
            if ui
                .add_enabled(
                    open,
                    egui::Button::new("Save as…").shortcut_text(ui.ctx().format_shortcut(&SAVE_AS)),
                )
                .clicked()
            {
                app.act(Action::SaveAs);
            }
            ui.separator();
            if ui
                .add_enabled(open, egui::Button::new("Compare with…"))
                .on_hover_text("Another team file: both readings side by side, and what changed")
                .clicked()
            {
                app.act(Action::CompareDialog);
            }
            if ui
                .add_enabled(open, egui::Button::new("Import links…"))
                .on_hover_text("Who goes to whom: an advice survey or an e-mail log, columns from, to and an optional weight")
                .clicked()
            {
                app.act(Action::ImportLinksDialog);
            }
            if ui
                .add_enabled(open, egui::Button::new("Import decision rights…"))
                .on_hover_text("A RACI, RAPID or D/A/C sheet (CSV or Excel), one row per decision")
                .clicked()
            {
                app.act(Action::ImportRightsDialog);
            }
            if ui
                .add_enabled(
                    open,
                    egui::Button::new("Export image…")
                        .shortcut_text(ui.ctx().format_shortcut(&EXPORT)),
                )
                .clicked()
            {
                app.act(Action::OpenExportDialog);
            }
            if ui
                .add_enabled(app.document.is_some(), egui::Button::new("Close"))
                .clicked()
            {
                app.act(Action::Close);
            }
        });
        ui.menu_button("Edit", |ui| edit_menu(app, ui));
        ui.menu_button("View", |ui| {
            if ui
                .add(
                    egui::Button::new("Fit both views")
                        .shortcut_text(ui.ctx().format_shortcut(&FIT)),
                )
                .clicked()
            {
                app.act(Action::FitAll);
            }
            if ui
                .add_enabled(
                    app.selection.is_some(),
                    egui::Button::new("Zoom to selection")
                        .shortcut_text(ui.ctx().format_shortcut(&ZOOM_TO_SELECTION)),
                )
                .clicked()
            {
                app.act(Action::FrameSelection);
            }
            let mut orientation = app.settings.orientation;
            ui.radio_value(&mut orientation, Orientation::TopDown, "Hierarchy top-down");
            ui.radio_value(
                &mut orientation,
                Orientation::LeftRight,
                "Hierarchy left-to-right",
            );
            if orientation != app.settings.orientation {
                app.act(Action::SetOrientation(orientation));
            }
            if ui.button("Expand everybody").clicked() {
                app.act(Action::ExpandAll);
            }
            if ui
                .button("Lay out the network afresh")
                .on_hover_text("After edits, nodes stay where they were and new ones find room; this tidies the circles again.")
                .clicked()
            {
                app.act(Action::TidyNetwork);
            }
        });
        if app.document.is_some() {
            ui.separator();
            search_box(app, ui);
        }
    });
}

fn edit_menu(app: &mut OrgflowApp, ui: &mut Ui) {
    let (undo, redo) = match &app.document {
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
        app.act(Action::Undo);
    }
    let redo_text = redo.map_or("Redo".to_owned(), |l| format!("Redo {l}"));
    if ui
        .add_enabled(
            redo_text != "Redo",
            egui::Button::new(redo_text).shortcut_text(ui.ctx().format_shortcut(&REDO)),
        )
        .clicked()
    {
        app.act(Action::Redo);
    }
    ui.separator();
    let Some(doc) = &app.document else {
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
        app.act(Action::Apply(command));
    }
    ui.separator();
    if ui.button("Decision rights matrix…").clicked() {
        app.act(Action::OpenMatrix);
    }
    if let Some(k) = template_menu(ui) {
        app.act(Action::ApplyTemplate(k));
    }
    ui.separator();
    if ui
        .button("Suggest a distributed variant…")
        .on_hover_text("Concrete proposals to hand decisions over, with their effect")
        .clicked()
    {
        app.act(Action::OpenSuggestions);
    }
    if ui
        .button("Compare with the file as opened")
        .on_hover_text("Before: as opened or last saved. After: now")
        .clicked()
    {
        app.act(Action::CompareWithSaved);
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

fn search_box(app: &mut OrgflowApp, ui: &mut Ui) {
    let edit = egui::TextEdit::singleline(&mut app.search)
        .hint_text("Find a person (Ctrl+F)")
        .desired_width(220.0);
    let label = ui.label("Search");
    let response = ui.add(edit).labelled_by(label.id);
    if app.focus_search {
        response.request_focus();
        app.focus_search = false;
    }
    let matches = app.search_matches(8);
    if response.lost_focus()
        && ui.input(|i| i.key_pressed(Key::Enter))
        && let Some(first) = matches.first()
    {
        app.act(Action::Select(Some(Selection::Person(first.clone()))));
        app.act(Action::FrameSelection);
    }
    if !app.search.trim().is_empty() {
        let Some(doc) = &app.document else {
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
            app.act(Action::Select(Some(Selection::Person(id))));
            app.act(Action::FrameSelection);
        }
    }
}
