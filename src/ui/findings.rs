//! The findings panel: most severe first; a click selects and frames the people.

use super::View;
use super::canvas::color;
use crate::analysis::Severity;
use crate::session::{Action, Session};
use crate::theme;
use egui::{RichText, Ui};

/// How many findings the panel lists.
const MAX_FINDINGS_SHOWN: usize = 200;

pub(super) fn findings_panel(session: &Session, view: &mut View, ui: &mut Ui) {
    let Some(doc) = &session.document else {
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
                Severity::Critical => ("Critical", color(theme::ERROR_TEXT)),
                Severity::Warning => ("Warning", color(theme::WARNING_TEXT)),
                Severity::Info => ("Note", color(theme::NOTE_TEXT)),
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
        view.act(Action::FocusFinding(k));
    }
}
