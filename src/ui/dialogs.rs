//! The window's dialogs: unsaved changes, recovery, Export image…, orgflow's own file picker,
//! and closing the window.

use super::canvas::color;
use crate::app::{Action, OrgflowApp, Selection};
use crate::theme;

/// Closing the window with unsaved changes asks first; once answered, the window closes.
pub(super) fn close_request(app: &mut OrgflowApp, ctx: &egui::Context) {
    if std::mem::take(&mut app.quit_confirmed) {
        app.allow_close = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        return;
    }
    let asked = ctx.input(|i| i.viewport().close_requested());
    if asked && !app.allow_close && app.document.as_ref().is_some_and(|d| d.is_dirty()) {
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        app.pending = Some(crate::app::Pending::Quit);
    }
}

pub(super) fn unsaved_dialog(app: &mut OrgflowApp, ctx: &egui::Context) {
    use crate::app::{Choice, Pending};
    let Some(pending) = &app.pending else {
        return;
    };
    let name = app
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
        app.act(Action::Resolve(choice));
    }
}

/// "Delete this person?", with what happens to their reports; Delete is one undo step.
pub(super) fn delete_dialog(app: &mut OrgflowApp, ctx: &egui::Context) {
    let Some(id) = app.confirm_delete.clone() else {
        return;
    };
    let Some(doc) = &app.document else {
        app.confirm_delete = None;
        return;
    };
    let Some(person) = doc.org.person(id.as_str()) else {
        app.confirm_delete = None;
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
        ui.horizontal(|ui| {
            if ui.button("Delete").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                answer = Some(true);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(false);
            }
        });
    });
    if modal.should_close() {
        answer = answer.or(Some(false));
    }
    if let Some(delete) = answer {
        app.confirm_delete = None;
        if delete {
            app.act(Action::Delete(id));
        }
    }
}

pub(super) fn recovery_dialog(app: &mut OrgflowApp, ctx: &egui::Context) {
    let Some(r) = &app.recovered else {
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
        app.act(Action::Recover(restore));
    }
}

pub(super) fn export_dialog(app: &mut OrgflowApp, ctx: &egui::Context) {
    use crate::export::{ExportFormat, ExportView};
    let mut open = app.export.open;
    let mut export = false;
    let has_person = matches!(app.selection, Some(Selection::Person(_)));
    let has_scenario = app.scenario.is_some();
    let d = &mut app.export;
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
                    ui.checkbox(&mut d.transparent, "Transparent background");
                    ui.end_row();
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() {
                    export = true;
                }
                match &d.outcome {
                    Some(Ok(path)) => {
                        ui.label(format!("Saved {}", path.display()));
                        if let Some(left_out) = &d.left_out {
                            ui.colored_label(color(theme::WARNING_TEXT), left_out);
                        }
                    }
                    Some(Err(e)) => {
                        ui.colored_label(color(theme::ERROR_TEXT), e);
                    }
                    None => {}
                }
            });
        });
    app.export.open = open;
    if export {
        app.act(Action::Export);
    }
}

/// orgflow's own file picker, while it is open; a chosen file becomes an action.
pub(super) fn in_app_picker(app: &mut OrgflowApp, ctx: &egui::Context) {
    if app.picker.purpose.is_none() {
        return;
    }
    app.picker.dialog.update(ctx);
    if let Some(path) = app.picker.dialog.take_picked() {
        app.act(Action::PickedInApp(path));
    } else if !matches!(
        app.picker.dialog.state(),
        egui_file_dialog::DialogState::Open
    ) {
        app.picker.purpose = None;
    }
}
