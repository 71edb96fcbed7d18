//! The window's dialogs: unsaved changes, recovery, Export image…, orgflow's own file picker,
//! and closing the window.

use super::View;
use super::canvas::color;
use crate::session::{Action, ExportRequest, Selection, Session};
use crate::theme;
use egui::Ui;

pub(super) fn unsaved_dialog(session: &Session, view: &mut View, ctx: &egui::Context) {
    use crate::session::{Choice, Pending};
    let Some(pending) = &session.pending else {
        return;
    };
    let name = session
        .document
        .as_ref()
        .map_or(String::new(), |d| d.file_name());
    let what = match pending {
        Pending::Quit => "before closing",
        Pending::Close => "before closing it",
        Pending::New => "before starting a new org",
        _ => "before opening another file",
    };
    let mut choice = None;
    egui::Modal::new(egui::Id::new("unsaved-changes")).show(ctx, |ui| {
        ui.heading("Unsaved changes");
        ui.label(format!("Save the changes to {name} {what}?"));
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                choice = Some(Choice::Save);
            }
            if ui.button("Discard").clicked() {
                choice = Some(Choice::Discard);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(Choice::Cancel);
            }
        });
    });
    if let Some(choice) = choice {
        view.act(Action::Resolve(choice));
    }
}

/// "Delete this person?", with what happens to their reports; Delete is one undo step.
pub(super) fn delete_dialog(session: &Session, view: &mut View, ctx: &egui::Context) {
    let Some(id) = session.confirm_delete.clone() else {
        return;
    };
    let Some(person) = session
        .document
        .as_ref()
        .and_then(|doc| doc.org.person(id.as_str()))
    else {
        view.act(Action::CancelDelete);
        return;
    };
    let Some(doc) = &session.document else {
        return;
    };
    let reports = doc
        .org
        .people
        .iter()
        .filter(|p| p.manager.as_ref() == Some(&id))
        .count();
    let manager = doc.org.manager_name(person);
    let name = person.display_name().to_owned();
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::new("confirm-delete")).show(ctx, |ui| {
        ui.heading(format!("Delete {name}?"));
        if reports > 0 {
            ui.label(format!(
                "Their {reports} direct reports will report to {manager}. Their decision rights go with them."
            ));
        } else {
            ui.label("Their decision rights go with them.");
        }
        ui.label(egui::RichText::new("You can undo this with Ctrl+Z.").weak());
        answer = yes_or_cancel(ui, "Delete");
    });
    if modal.should_close() {
        answer = answer.or(Some(false));
    }
    match answer {
        Some(true) => view.act(Action::Delete(id)),
        Some(false) => view.act(Action::CancelDelete),
        None => {}
    }
}

/// A question's two buttons: `yes` (or Enter) answers true, Cancel false; `None` until one is
/// pressed.
fn yes_or_cancel(ui: &mut Ui, yes: &str) -> Option<bool> {
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button(yes).clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            answer = Some(true);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(false);
        }
    });
    answer
}

/// "What do these links record?", asked after an edge list is chosen for import.
pub(super) fn links_kind_dialog(session: &Session, view: &mut View, ctx: &egui::Context) {
    let Some(q) = &session.links_question else {
        view.links_kind = None;
        return;
    };
    let file = q
        .path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let chosen = view.links_kind.get_or_insert_with(|| q.kind.clone());
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::new("links-kind")).show(ctx, |ui| {
        ui.heading(format!("What do the links in {file} record?"));
        ui.label("orgflow keeps each kind apart: advice, e-mail and trust tell different stories.");
        for (kind, meaning) in crate::session::LINK_KINDS {
            ui.radio_value(chosen, kind.to_owned(), format!("{kind}: {meaning}"));
        }
        answer = yes_or_cancel(ui, "Import");
    });
    if modal.should_close() {
        answer = answer.or(Some(false));
    }
    match answer {
        Some(true) => {
            let kind = chosen.clone();
            view.links_kind = None;
            view.act(Action::ImportLinksAs(kind));
        }
        Some(false) => {
            view.links_kind = None;
            view.act(Action::CancelLinksImport);
        }
        None => {}
    }
}

pub(super) fn recovery_dialog(session: &Session, view: &mut View, ctx: &egui::Context) {
    let Some(r) = &session.recovered else {
        return;
    };
    let name = r
        .path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let mut answer = None;
    egui::Modal::new(egui::Id::new("recovery")).show(ctx, |ui| {
        ui.heading("Restore unsaved changes?");
        ui.label(format!(
            "orgflow stopped while {name} had unsaved changes ({} people). Restore them?",
            r.team.people.len()
        ));
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                answer = Some(true);
            }
            if ui.button("Discard them").clicked() {
                answer = Some(false);
            }
        });
    });
    if let Some(restore) = answer {
        view.act(Action::Recover(restore));
    }
}

pub(super) fn export_dialog(session: &Session, view: &mut View, ctx: &egui::Context) {
    use crate::export::{ExportFormat, ExportView};
    let mut open = view.export.open;
    let mut export = false;
    let has_person = matches!(session.selection, Some(Selection::Person(_)));
    let has_scenario = session.scenario.is_some();
    let d = &mut view.export.choices;
    egui::Window::new("Export image")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("export-grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label("View");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut d.view, ExportView::Hierarchy, "Hierarchy");
                        ui.radio_value(&mut d.view, ExportView::Distributed, "Distributed network");
                        ui.radio_value(&mut d.view, ExportView::Both, "Both side by side");
                    });
                    ui.end_row();
                    ui.label("Extent");
                    ui.vertical(|ui| {
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut d.in_view_only, false, "Whole org");
                            ui.radio_value(&mut d.in_view_only, true, "What the views show now");
                        });
                        ui.add_enabled(
                            has_person,
                            egui::Checkbox::new(
                                &mut d.selected_subtree,
                                "Only the selected person's part of the hierarchy",
                            ),
                        );
                        ui.add_enabled(
                            has_scenario,
                            egui::Checkbox::new(
                                &mut d.before_after,
                                "Before and after, side by side (the open scenario)",
                            ),
                        );
                    });
                    ui.end_row();
                    ui.label("Format");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut d.format, ExportFormat::Png, "PNG");
                        ui.radio_value(&mut d.format, ExportFormat::Svg, "SVG");
                        ui.radio_value(&mut d.format, ExportFormat::Pdf, "PDF");
                        ui.radio_value(&mut d.format, ExportFormat::Pptx, "PowerPoint deck")
                            .on_hover_text(
                                "Editable slides: the overview, a slide per finding called out, speaker notes",
                            );
                    });
                    ui.end_row();
                    ui.label("Pages");
                    ui.add_enabled(
                        d.format == ExportFormat::Pdf && !d.in_view_only,
                        egui::Checkbox::new(
                            &mut d.pages,
                            "Overview, then a page for each part (large orgs, PDF)",
                        ),
                    );
                    ui.end_row();
                    let width_label = ui.label("Width");
                    ui.add(
                        egui::DragValue::new(&mut d.width)
                            .range(320..=20_000)
                            .suffix(" px"),
                    )
                    .labelled_by(width_label.id);
                    ui.end_row();
                    let height_label = ui.label("Height");
                    ui.add(
                        egui::DragValue::new(&mut d.height)
                            .range(200..=20_000)
                            .suffix(" px"),
                    )
                    .labelled_by(height_label.id);
                    ui.end_row();
                    ui.label("Sharpness");
                    ui.add_enabled_ui(d.format == ExportFormat::Png, |ui| {
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut d.scale, 1.0, "1×");
                            ui.radio_value(&mut d.scale, 2.0, "2×");
                            ui.radio_value(&mut d.scale, 3.0, "3×");
                        });
                    });
                    ui.end_row();
                    let title_label = ui.label("Title");
                    ui.text_edit_singleline(&mut d.title)
                        .labelled_by(title_label.id);
                    ui.end_row();
                    let findings_label = ui.label("Findings to call out");
                    ui.add(egui::DragValue::new(&mut d.findings).range(0..=6))
                        .labelled_by(findings_label.id);
                    ui.end_row();
                    ui.label("");
                    ui.add_enabled(
                        matches!(d.format, ExportFormat::Png | ExportFormat::Svg),
                        egui::Checkbox::new(&mut d.transparent, "Transparent background"),
                    );
                    ui.end_row();
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() {
                    export = true;
                }
                if let Some(result) = &session.export {
                    match &result.written {
                        Ok(path) => {
                            ui.label(format!("Saved {}", path.display()));
                            if let Some(left_out) = &result.left_out {
                                ui.colored_label(color(theme::WARNING_TEXT), left_out);
                            }
                        }
                        Err(e) => {
                            ui.colored_label(color(theme::ERROR_TEXT), e);
                        }
                    }
                }
            });
        });
    view.export.open = open;
    if export {
        // What the views show now, for "What the views show now".
        let areas = view
            .hierarchy_view
            .visible_area()
            .zip(view.network_view.visible_area());
        view.act(Action::Export(Box::new(ExportRequest {
            choices: view.export.choices.clone(),
            areas,
        })));
    }
}

/// orgflow's own file picker, while it is open; a chosen file becomes an action.
pub(super) fn in_app_picker(view: &mut View, ctx: &egui::Context) {
    let Some(purpose) = view.picker.purpose.clone() else {
        return;
    };
    view.picker.dialog.update(ctx);
    if let Some(path) = view.picker.dialog.take_picked() {
        view.picker.purpose = None;
        view.act(Action::PickedInApp(path, purpose));
    } else if !matches!(
        view.picker.dialog.state(),
        egui_file_dialog::DialogState::Open
    ) {
        view.picker.purpose = None;
    }
}
