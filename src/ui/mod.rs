//! The window's panels, each in its own file: the menus and search, the figures of both
//! readings, the findings, the two views side by side, the inspector, the dialogs, and the
//! start screen. Panels record what the user asks for as actions on the app.

pub mod canvas;
mod dialogs;
mod figures;
mod findings;
mod inspector;
mod matrix;
mod menus;
mod scenario;
mod shortcuts;
mod start;
mod views;

pub use views::accessible_name;

/// Adds DejaVu Sans (shipped for the exports) behind egui's own fonts, so that every glyph the
/// window shows exists: arrows, check marks, crosses, Hebrew, Arabic… Call once, at start.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu-sans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::export::FALLBACK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("dejavu-sans".to_owned());
    }
    ctx.set_fonts(fonts);
}

use crate::app::{Action, OrgflowApp};
use crate::theme;
use canvas::color;
use egui::Ui;

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
    shortcuts::keyboard(app, &ctx);
    dropped_files(app, &ctx);

    egui::Panel::top("menu").show(ui, |ui| menus::menu_bar(app, ui));
    dialogs::close_request(app, &ctx);
    dialogs::unsaved_dialog(app, &ctx);
    dialogs::recovery_dialog(app, &ctx);
    dialogs::delete_dialog(app, &ctx);
    dialogs::in_app_picker(app, &ctx);
    if let Some(wait) = app.tick_recovery(std::time::Instant::now()) {
        ctx.request_repaint_after(wait);
    }
    if let Some((ok, message)) = app.status.clone() {
        egui::Panel::bottom("status").show(ui, |ui| {
            let color = if ok {
                color(theme::GOOD_TEXT)
            } else {
                color(theme::ERROR_TEXT)
            };
            ui.horizontal(|ui| {
                ui.colored_label(color, message);
                if ui.small_button("Dismiss").clicked() {
                    app.status = None;
                }
            });
        });
    }
    if app.failure.is_some() {
        egui::Panel::bottom("problems")
            .resizable(true)
            .default_size(160.0)
            .show(ui, |ui| start::failure_panel(app, ui));
    }
    if app.document.is_none() {
        egui::Frame::central_panel(ui.style()).show(ui, |ui| start::start_screen(app, ui));
        return;
    }
    egui::Panel::top("figures").show(ui, |ui| figures::figures(app, ui));
    dialogs::export_dialog(app, &ctx);
    matrix::matrix_window(app, &ctx);
    scenario::scenario_window(app, &ctx);
    scenario::suggestions_window(app, &ctx);
    egui::Panel::left("findings")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| findings::findings_panel(app, ui));
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(270.0)
        .show(ui, |ui| {
            // The content lives in a child that is not allocated in the panel, so however wide
            // it is, the panel keeps the width the user gave it and the views beside it stay put.
            // (A resizable panel's own rectangle may reach its largest size; its clip is what
            // shows.)
            let rect = ui.available_rect_before_wrap().intersect(ui.clip_rect());
            let mut inner = ui.new_child(egui::UiBuilder::new().max_rect(rect));
            inner.set_clip_rect(rect);
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(&mut inner, |ui| {
                    // Text wraps at the panel's width, not at the widest row's.
                    ui.set_max_width(rect.width() - ui.spacing().scroll.bar_width);
                    inspector::show(app, ui);
                });
            ui.allocate_rect(rect, egui::Sense::hover());
        });
    egui::Frame::central_panel(ui.style()).show(ui, |ui| views::views(app, ui));
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
