//! The window's panels, each in its own file: the menus and search, the figures of both
//! readings, the findings, the two views side by side, the inspector, the dialogs, and the
//! start screen. Each panel reads the [`Session`] it draws, keeps its own state in [`View`],
//! and records what the user asks for as actions, applied once the frame is drawn.

pub mod canvas;
mod decision_log;
mod dialogs;
pub mod explorer;
mod figures;
mod findings;
mod inspector;
mod matrix;
mod menus;
mod picker;
mod scenario;
mod shortcuts;
mod start;
mod state;
mod timeline;
mod views;

pub use picker::InAppPicker;
pub use state::{Draft, ExportDialog, MatrixColumn, MatrixState, View};
pub use views::accessible_name;

/// Adds DejaVu Sans (shipped for the exports) behind egui's own fonts, so that every glyph the
/// window shows exists: arrows, check marks, crosses, Hebrew, Arabic… Call once, at start.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu-sans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::export::FALLBACK_FONT)),
    );
    // Names in Chinese, Japanese and Korean: the glyphs neither egui's fonts nor DejaVu have.
    fonts.font_data.insert(
        "droid-sans-fallback".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::export::CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.push("dejavu-sans".to_owned());
        list.push("droid-sans-fallback".to_owned());
    }
    ctx.set_fonts(fonts);
}

use crate::session::{Action, Session};
use crate::theme;
use canvas::color;
use egui::Ui;

/// A panel docked along the bottom of the window, with its title and a Close button, its
/// contents scrolled when `scroll`; false once the user closed it.
pub(super) fn docked(
    ui: &mut Ui,
    id: &str,
    title: &str,
    height: f32,
    scroll: bool,
    add: impl FnOnce(&mut Ui),
) -> bool {
    let mut open = true;
    egui::Panel::bottom(id.to_owned())
        .resizable(true)
        .default_size(height)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(title);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let close = ui.button("Close");
                    let name = format!("Close the {} panel", title.to_lowercase());
                    close.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &name)
                    });
                    if close.on_hover_text(&name).clicked() {
                        open = false;
                    }
                });
            });
            if scroll {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, add);
            } else {
                add(ui);
            }
        });
    open
}

/// Draws the whole window for one frame from `session`; what the user asks for becomes actions
/// in `view`.
pub fn show(session: &Session, view: &mut View, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    // The views are light whatever the system's theme, so the panels are too.
    if ctx.theme() != egui::Theme::Light {
        ctx.set_theme(egui::ThemePreference::Light);
    }
    // Secondary text legible (4.5:1) against the panels, set once.
    let weak = color(theme::WEAK_TEXT);
    // and small text no smaller than 10 points (egui's is 9).
    if ctx.style_of(egui::Theme::Light).visuals.weak_text_color != Some(weak) {
        ctx.style_mut_of(egui::Theme::Light, |s| {
            s.visuals.weak_text_color = Some(weak);
            s.text_styles
                .insert(egui::TextStyle::Small, egui::FontId::proportional(10.0));
        });
    }
    shortcuts::keyboard(session, view, &ctx);

    egui::Panel::top("menu").show(ui, |ui| menus::menu_bar(session, view, ui));
    dialogs::unsaved_dialog(session, view, &ctx);
    dialogs::recovery_dialog(session, view, &ctx);
    dialogs::delete_dialog(session, view, &ctx);
    dialogs::links_kind_dialog(session, view, &ctx);
    dialogs::in_app_picker(view, &ctx);
    if let Some((ok, message)) = session.status.clone() {
        egui::Panel::bottom("status").show(ui, |ui| {
            let color = if ok {
                color(theme::GOOD_TEXT)
            } else {
                color(theme::ERROR_TEXT)
            };
            ui.horizontal(|ui| {
                ui.colored_label(color, message);
                if ui.small_button("Dismiss").clicked() {
                    view.act(Action::DismissStatus);
                }
            });
        });
    }
    if session.failure.is_some() {
        egui::Panel::bottom("problems")
            .resizable(true)
            .default_size(160.0)
            .show(ui, |ui| start::failure_panel(session, view, ui));
    }
    if session.document.is_none() {
        egui::Frame::central_panel(ui.style())
            .show(ui, |ui| start::start_screen(session, view, ui));
        return;
    }
    egui::Panel::top("figures").show(ui, |ui| figures::figures(session, view, ui));
    dialogs::export_dialog(session, view, &ctx);
    explorer::explorer_window(session, view, &ctx);
    decision_log::decision_log_window(session, view, &ctx);
    timeline::timeline_window(session, view, &ctx);
    // Docked along the bottom, under the views and the strip they update: never over them.
    matrix::matrix_panel(session, view, ui);
    scenario::scenario_panel(session, view, ui);
    scenario::suggestions_panel(session, view, ui);
    egui::Panel::left("findings")
        .resizable(true)
        .default_size(260.0)
        .show(ui, |ui| findings::findings_panel(session, view, ui));
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
                    inspector::show(session, view, ui);
                });
            ui.allocate_rect(rect, egui::Sense::hover());
        });
    egui::Frame::central_panel(ui.style()).show(ui, |ui| views::views(session, view, ui));
}
