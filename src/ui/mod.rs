//! The window's panels: menu and search, the figures of both readings, the findings, the two
//! views side by side, the inspector, and the start screen.

pub mod canvas;
mod inspector;

use crate::analysis::{Severity, percent, thousands};
use crate::app::{Action, Document, EXAMPLES, OrgflowApp};
use crate::layout::Orientation;
use crate::scene::{SCALE, SCALE_TOP, Target};
use egui::{Color32, Key, KeyboardShortcut, Modifiers, RichText, Ui};

/// How many findings the panel lists.
const MAX_FINDINGS_SHOWN: usize = 200;

const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
const FIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);
const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);

/// Draws the whole window for one frame; what the user asks for becomes actions on `app`.
pub fn show(app: &mut OrgflowApp, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    // The views are light whatever the system's theme, so the panels are too.
    if ctx.theme() != egui::Theme::Light {
        ctx.set_theme(egui::ThemePreference::Light);
    }
    let title = app.title();
    if title != app.shown_title {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        app.shown_title = title;
    }
    keyboard(app, &ctx);
    dropped_files(app, &ctx);

    egui::Panel::top("menu").show(ui, |ui| menu_bar(app, ui));
    close_request(app, &ctx);
    unsaved_dialog(app, &ctx);
    recovery_dialog(app, &ctx);
    if let Some(wait) = app.tick_recovery(std::time::Instant::now()) {
        ctx.request_repaint_after(wait);
    }
    if let Some((ok, message)) = app.status.clone() {
        egui::Panel::bottom("status").show(ui, |ui| {
            let color = if ok {
                Color32::from_rgb(0x2e, 0x5e, 0x3a)
            } else {
                Color32::from_rgb(0xb0, 0x1c, 0x1c)
            };
            ui.horizontal(|ui| {
                ui.colored_label(color, message);
                if ui.small_button("✕").on_hover_text("Dismiss").clicked() {
                    app.status = None;
                }
            });
        });
    }
    if app.failure.is_some() {
        egui::Panel::bottom("problems")
            .resizable(true)
            .default_size(160.0)
            .show(ui, |ui| failure_panel(app, ui));
    }
    if app.document.is_none() {
        egui::Frame::central_panel(ui.style()).show(ui, |ui| start_screen(app, ui));
        return;
    }
    egui::Panel::top("figures").show(ui, |ui| figures(app, ui));
    export_dialog(app, &ctx);
    egui::Panel::left("findings")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| findings_panel(app, ui));
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(270.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| inspector::show(app, ui));
        });
    egui::Frame::central_panel(ui.style()).show(ui, |ui| views(app, ui));
}

/// Closing the window with unsaved changes asks first; once answered, the window closes.
fn close_request(app: &mut OrgflowApp, ctx: &egui::Context) {
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

fn unsaved_dialog(app: &mut OrgflowApp, ctx: &egui::Context) {
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

fn recovery_dialog(app: &mut OrgflowApp, ctx: &egui::Context) {
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

fn keyboard(app: &mut OrgflowApp, ctx: &egui::Context) {
    if ctx.input_mut(|i| i.consume_shortcut(&OPEN)) {
        app.act(Action::OpenDialog);
    }
    if ctx.input_mut(|i| i.consume_shortcut(&FIND)) {
        app.focus_search = true;
    }
    if ctx.input_mut(|i| i.consume_shortcut(&FIT)) {
        app.act(Action::FitAll);
    }
    if app.document.is_some() && ctx.input_mut(|i| i.consume_shortcut(&EXPORT)) {
        app.act(Action::OpenExportDialog);
    }
    // Longer shortcuts first: Ctrl+Shift+S would also match Ctrl+S.
    if ctx.input_mut(|i| i.consume_shortcut(&SAVE_AS)) {
        app.act(Action::SaveAs);
    } else if ctx.input_mut(|i| i.consume_shortcut(&SAVE)) {
        app.act(Action::Save);
    }
    // While a text field has focus, Ctrl+Z belongs to it.
    if ctx.memory(|m| m.focused().is_none()) {
        if ctx.input_mut(|i| i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y)) {
            app.act(Action::Redo);
        } else if ctx.input_mut(|i| i.consume_shortcut(&UNDO)) {
            app.act(Action::Undo);
        }
    }
}

fn dropped_files(app: &mut OrgflowApp, ctx: &egui::Context) {
    let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    if let Some(path) = dropped.into_iter().next() {
        app.act(Action::Open(path));
    }
}

fn menu_bar(app: &mut OrgflowApp, ui: &mut Ui) {
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
            if ui
                .add_enabled(
                    app.document.is_some(),
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
        && let Some(&first) = matches.first()
    {
        app.act(Action::Select(Some(Target::Person(first))));
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
        for p in matches {
            if let Some(person) = doc.org.people.get(p as usize)
                && ui
                    .small_button(person.display_name())
                    .on_hover_text(&person.title)
                    .clicked()
            {
                chosen = Some(p);
            }
        }
        if let Some(p) = chosen {
            app.act(Action::Select(Some(Target::Person(p))));
            app.act(Action::FrameSelection);
        }
    }
}

fn start_screen(app: &mut OrgflowApp, ui: &mut Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading("orgflow");
        ui.label("See where decisions funnel through one person.");
        ui.add_space(16.0);
        if ui.button("Open…").clicked() {
            app.act(Action::OpenDialog);
        }
        if ui.button("New org").clicked() {
            app.act(Action::New);
        }
        ui.label(
            RichText::new("or drop a team file (.json) or an HR export (.csv) on this window")
                .weak(),
        );
        ui.add_space(24.0);
        ui.label(RichText::new("Examples").strong());
        for (name, _) in EXAMPLES {
            if ui.button(format!("Open example {name}")).clicked() {
                app.act(Action::OpenExample(name));
            }
        }
        if !app.settings.recent.is_empty() {
            ui.add_space(24.0);
            ui.label(RichText::new("Recent files").strong());
            for path in app.settings.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    app.act(Action::Open(path));
                }
            }
        }
    });
}

fn failure_panel(app: &mut OrgflowApp, ui: &mut Ui) {
    let Some(failure) = app.failure.clone() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("{} could not be opened", failure.path.display()))
                .strong()
                .color(Color32::from_rgb(0xb0, 0x1c, 0x1c)),
        );
        if app.document.is_some() {
            ui.label(RichText::new("— the open file is unchanged").weak());
        }
        if ui.button("Dismiss").clicked() {
            app.act(Action::DismissFailure);
        }
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        for p in &failure.problems {
            ui.label(format!("• {p}"));
        }
    });
}

fn figures(app: &mut OrgflowApp, ui: &mut Ui) {
    let Some(doc) = &app.document else {
        return;
    };
    let a = &doc.analysis;
    let name_of = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| doc.index_of(id))
            .and_then(|i| doc.org.people.get(i as usize))
            .map_or("nobody".to_owned(), |p| p.display_name().to_owned())
    };
    ui.horizontal(|ui| {
        ui.heading(&doc.org.name);
        if !doc.org.mission.is_empty() {
            ui.label(RichText::new(format!("— {}", doc.org.mission)).italics());
        }
    });
    egui::Grid::new("figures-grid")
        .num_columns(7)
        .spacing([18.0, 2.0])
        .show(ui, |ui| {
            ui.label("");
            for head in [
                "Top share",
                "Load HHI",
                "Effective handlers",
                "Mean hops",
                "Layers",
                "Widest span",
            ] {
                ui.label(RichText::new(head).weak());
            }
            ui.end_row();
            for (label, r) in [
                ("Through the hierarchy", &a.readings.hierarchical),
                ("Straight to the holder", &a.readings.distributed),
            ] {
                ui.label(RichText::new(label).strong());
                ui.label(format!("{} {}", percent(r.top_share), name_of(&r.top)));
                ui.label(thousands(r.load.hhi));
                ui.label(format!("{:.1}", r.load.effective));
                ui.label(format!("{:.2}", r.mean_hops));
                ui.label(a.layers.to_string());
                ui.label(a.max_span.as_ref().map_or("none".to_owned(), |m| {
                    format!("{} ({})", m.count, name_of(&Some(m.id.clone())))
                }));
                ui.end_row();
            }
        });
    if !doc.import_problems.is_empty() {
        ui.collapsing(
            format!(
                "{} rows of the CSV needed attention",
                doc.import_problems.len()
            ),
            |ui| {
                egui::ScrollArea::vertical()
                    .max_height(120.0)
                    .show(ui, |ui| {
                        for p in &doc.import_problems {
                            ui.label(p.to_string());
                        }
                    });
            },
        );
    }
}

fn findings_panel(app: &mut OrgflowApp, ui: &mut Ui) {
    let Some(doc) = &app.document else {
        return;
    };
    ui.heading("Findings");
    if doc.analysis.findings.is_empty() {
        ui.label("Nothing to flag.");
    }
    let mut chosen = None;
    let total = doc.analysis.findings.len();
    egui::ScrollArea::vertical().show(ui, |ui| {
        // The panel is laid out every frame: past the first few hundred findings (most severe
        // first) a list is not read anyway, and a large org has thousands.
        for (k, f) in doc
            .analysis
            .findings
            .iter()
            .enumerate()
            .take(MAX_FINDINGS_SHOWN)
        {
            let (tag, color) = match f.severity {
                Severity::Critical => ("Critical", Color32::from_rgb(0xb0, 0x1c, 0x1c)),
                Severity::Warning => ("Warning", Color32::from_rgb(0xa8, 0x5a, 0x00)),
                Severity::Info => ("Note", Color32::from_rgb(0x4a, 0x55, 0x68)),
            };
            ui.label(RichText::new(tag).small().strong().color(color));
            if ui
                .add(
                    egui::Button::new(RichText::new(&f.message))
                        .wrap()
                        .frame(false),
                )
                .on_hover_text("Select and show in both views")
                .clicked()
            {
                chosen = Some(k);
            }
            ui.separator();
        }
        if total > MAX_FINDINGS_SHOWN {
            ui.label(
                RichText::new(format!(
                    "… and {} more, less severe (orgflow analyze --json lists them all)",
                    total - MAX_FINDINGS_SHOWN
                ))
                .weak(),
            );
        }
    });
    if let Some(k) = chosen {
        app.act(Action::FocusFinding(k));
    }
}

fn legend(ui: &mut Ui, title: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(title).small());
        for (i, c) in SCALE.iter().enumerate() {
            let [r, g, b, _] = c.0;
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 0.0, Color32::from_rgb(r, g, b));
            if i == 0 {
                ui.label(RichText::new("0%").small());
            }
        }
        ui.label(
            RichText::new(format!("{}%+ of all decisions", (SCALE_TOP * 100.0) as u32)).small(),
        );
        ui.label(
            RichText::new("· red ring: funnel, wide span or sole decider")
                .small()
                .color(Color32::from_rgb(0xd7, 0x19, 0x1c)),
        );
    });
}

fn views(app: &mut OrgflowApp, ui: &mut Ui) {
    let selected = app.selection.clone();
    let mut clicked = None;
    let mut toggled = None;
    let mut background = false;
    let OrgflowApp {
        document,
        hierarchy_view,
        network_view,
        expand_level,
        ..
    } = app;
    let Some(doc) = document.as_ref() else {
        return;
    };
    let mut level_action = None;
    let mut dropped: Option<Result<(u32, u32), (u32, String)>> = None;
    let width = ui.available_width();
    egui::Panel::left("hierarchy-view")
        .resizable(true)
        .default_size(width / 2.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new("Reporting hierarchy").strong());
                ui.add(
                    egui::Label::new(
                        RichText::new("every decision climbs the chain of command").weak(),
                    )
                    .truncate(),
                );
            });
            ui.horizontal(|ui| {
                ui.label("Expand to level");
                ui.add(egui::DragValue::new(expand_level).range(1..=30))
                    .on_hover_text("Levels to show");
                if ui.button("Apply").clicked() {
                    level_action = Some(Action::ExpandToLevel(*expand_level));
                }
                if ui.button("Fit").clicked() {
                    hierarchy_view.fit();
                }
            });
            legend(ui, "Load:");
            let accessible = |t: &Target| accessible_name(doc, t, "hierarchy");
            let check = |dragged: &Target, onto: &Target| -> Result<(), String> {
                let (Target::Person(p), Target::Person(m)) = (dragged, onto) else {
                    return Err("drop onto a person".to_owned());
                };
                let (Some(p), Some(m)) = (
                    doc.org.people.get(*p as usize),
                    doc.org.people.get(*m as usize),
                ) else {
                    return Err("drop onto a person".to_owned());
                };
                crate::edit::move_under(&doc.org, &p.id, Some(&m.id))
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            };
            let r = hierarchy_view.show(
                ui,
                &doc.hierarchy,
                selected.as_ref(),
                "Reporting hierarchy view",
                &accessible,
                Some(&check),
            );
            match r.dropped {
                Some((Target::Person(p), Some(Target::Person(m)))) => dropped = Some(Ok((p, m))),
                Some((Target::Person(p), Some(_))) => {
                    dropped = Some(Err((p, "drop onto a person".to_owned())))
                }
                Some((Target::Person(p), None)) => dropped = Some(Err((p, String::new()))),
                _ => {}
            }
            if let Some(Target::Person(p)) = r.double_clicked {
                toggled = Some(p);
            } else if r.clicked.is_some() {
                clicked = r.clicked;
            }
            background |= r.clicked_background;
        });
    // The rest of the area, beside the hierarchy; rows wrap rather than widen it.
    let rest = ui.available_width();
    ui.vertical(|ui| {
        ui.set_max_width(rest);
        ui.horizontal(|ui| {
            ui.label(RichText::new("Distributed network").strong());
            ui.add(
                egui::Label::new(RichText::new("each decision goes straight to whoever holds the right").weak())
                    .truncate(),
            );
        });
        ui.horizontal(|ui| {
            if ui.button("Fit").clicked() {
                network_view.fit();
            }
            ui.add(
                egui::Label::new(
                    RichText::new("■ domain  ● person (size: share)  — decides  — approves  - - consulted  ··· peer link")
                        .small(),
                )
                .truncate(),
            );
        });
        legend(ui, "Load:");
        let accessible = |t: &Target| accessible_name(doc, t, "network");
        let r = network_view.show(
            ui,
            &doc.network,
            selected.as_ref(),
            "Distributed network view",
            &accessible,
            None,
        );
        if r.clicked.is_some() {
            clicked = r.clicked;
        }
        background |= r.clicked_background;
    });
    if let Some(action) = level_action {
        app.act(action);
    }
    match dropped {
        Some(Ok((person, manager))) => app.act(Action::Move { person, manager }),
        // Dropped where moving is refused: say why, change nothing.
        Some(Err((_, reason))) if !reason.is_empty() => {
            app.status = Some((false, format!("Not moved: {reason}")));
        }
        _ => {}
    }
    if let Some(p) = toggled {
        app.act(Action::ToggleCollapse(p));
    } else if let Some(target) = clicked {
        app.act(Action::Select(Some(target)));
    } else if background {
        app.act(Action::Select(None));
    }
}

fn export_dialog(app: &mut OrgflowApp, ctx: &egui::Context) {
    use crate::export::{ExportFormat, ExportView};
    let mut open = app.export.open;
    let mut export = false;
    let has_person = matches!(app.selection, Some(Target::Person(_)));
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
                    });
                    ui.end_row();
                    ui.label("Format");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut d.format, ExportFormat::Png, "PNG");
                        ui.radio_value(&mut d.format, ExportFormat::Svg, "SVG");
                        ui.radio_value(&mut d.format, ExportFormat::Pdf, "PDF");
                    });
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
                    }
                    Some(Err(e)) => {
                        ui.colored_label(Color32::from_rgb(0xb0, 0x1c, 0x1c), e);
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

/// What a screen reader says for a shape, and what tests find it by.
pub fn accessible_name(doc: &Document, target: &Target, view: &str) -> String {
    match target {
        Target::Person(p) => match doc.org.people.get(*p as usize) {
            Some(person) if person.title.is_empty() => {
                format!("{} in the {view}", person.display_name())
            }
            Some(person) => format!("{}, {}, in the {view}", person.display_name(), person.title),
            None => String::new(),
        },
        Target::Domain(k) => doc
            .org
            .decisions
            .get(*k as usize)
            .map_or(String::new(), |d| {
                format!("Decision {} in the {view}", d.name)
            }),
        Target::Group(team) => format!("Team {team} in the {view}"),
    }
}
