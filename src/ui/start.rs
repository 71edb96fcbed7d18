//! The start screen, and the panel that lists why a file could not be opened.

use super::View;
use super::canvas::color;
use crate::session::{Action, EXAMPLES, Session};
use crate::theme;
use egui::{RichText, Ui};

pub(super) fn start_screen(session: &Session, view: &mut View, ui: &mut Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading("orgflow");
        ui.label("See where decisions funnel through one person.");
        ui.add_space(16.0);
        if ui.button("Open…").clicked() {
            view.act(Action::OpenDialog);
        }
        if ui.button("New org").clicked() {
            view.act(Action::New);
        }
        ui.label(
            RichText::new("or drop a team file (.json) or an HR export (.csv) on this window")
                .weak(),
        );
        ui.add_space(24.0);
        ui.label(RichText::new("Examples").strong());
        for (name, _) in EXAMPLES {
            if ui.button(format!("Open example {name}")).clicked() {
                view.act(Action::OpenExample(name));
            }
        }
        if !session.settings.recent.is_empty() {
            ui.add_space(24.0);
            ui.label(RichText::new("Recent files").strong());
            for path in session.settings.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    view.act(Action::Open(path));
                }
            }
        }
    });
}

pub(super) fn failure_panel(session: &Session, view: &mut View, ui: &mut Ui) {
    let Some(failure) = session.failure.clone() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("{} could not be opened", failure.path.display()))
                .strong()
                .color(color(theme::ERROR_TEXT)),
        );
        if session.document.is_some() {
            ui.label(RichText::new("— the open file is unchanged").weak());
        }
        if ui.button("Dismiss").clicked() {
            view.act(Action::DismissFailure);
        }
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        for p in &failure.problems {
            ui.label(format!("• {p}"));
        }
    });
}
