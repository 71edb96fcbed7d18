//! The decision log's window: what the log shows beside the model, per person and per domain,
//! the rows it could not place, and the capacities fitted to it.

use super::View;
use crate::analysis::calibration::Compared;
use crate::analysis::queue::days;
use crate::format::fte;
use crate::session::{Action, Session};

/// How many rows of each table the window lists.
const ROWS: usize = 40;

/// The window, while a log is read and its window open.
pub(super) fn decision_log_window(session: &Session, view: &mut View, ctx: &egui::Context) {
    let Some(log) = &session.decision_log else {
        return;
    };
    if !log.open {
        return;
    }
    let mut open = true;
    egui::Window::new(format!("Decision log: {}", log.file))
        .id(egui::Id::new("decision-log"))
        .open(&mut open)
        .default_width(720.0)
        .default_height(460.0)
        .show(ctx, |ui| match log.comparison() {
            None => {
                ui.label("Working out the figures…");
            }
            Some(Err(problems)) => {
                ui.label(format!(
                    "{} no longer fits the org as it is now:",
                    log.file
                ));
                for p in problems.iter().take(10) {
                    ui.label(p.to_string());
                }
            }
            Some(Ok(c)) => {
                ui.label(c.summary());
                ui.weak(
                    "Working days from raised to decided: the log's median, 90th percentile and mean, beside the model's (its waits plus the handling) through the hierarchy and straight to the holder.",
                );
                let fit = ui
                    .button("Fit decision hours to the log")
                    .on_hover_text(
                        "Give each decider the hours a week for decisions at which their queue takes the log's mean time (one undo step)",
                    );
                if fit.clicked() {
                    view.act(Action::FitToDecisionLog);
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    // One grid, so the people's and the domains' columns line up.
                    egui::Grid::new("decision-log-table")
                        .striped(true)
                        .num_columns(8)
                        .spacing([14.0, 4.0])
                        .show(ui, |ui| {
                            rows(ui, "Person", &c.people);
                            rows(ui, "Domain", &c.domains);
                        });
                    for note in &c.notes {
                        ui.weak(format!("Note: {note}."));
                    }
                    if !c.skipped.is_empty() {
                        egui::CollapsingHeader::new(format!(
                            "Rows left out ({})",
                            c.skipped.len()
                        ))
                        .id_salt("decision-log-skipped")
                        .show(ui, |ui| {
                            for p in c.skipped.iter().take(200) {
                                ui.label(p.to_string());
                            }
                        });
                    }
                });
            }
        });
    if !open {
        view.act(Action::ShowDecisionLog(false));
    }
}

/// A header and a row per person or domain, most decisions first.
fn rows(ui: &mut egui::Ui, what: &str, rows: &[Compared]) {
    if rows.is_empty() {
        return;
    }
    let end = |d: Option<f64>| d.map_or_else(|| "without end".to_owned(), days);
    for h in [
        what,
        "Decisions",
        "A month",
        "Median",
        "90th",
        "Mean",
        "Hierarchy",
        "To holder",
    ] {
        ui.strong(h);
    }
    ui.end_row();
    for r in rows.iter().take(ROWS) {
        let o = &r.observed;
        ui.label(&r.name);
        ui.label(o.observed_decisions.to_string());
        ui.label(fte(o.observed_per_month)).on_hover_text(format!(
            "In the team file: {} through the hierarchy, {} straight to the holder",
            fte(r.model_per_month.0),
            fte(r.model_per_month.1)
        ));
        ui.label(days(o.observed_wait_days.median));
        ui.label(days(o.observed_wait_days.p90));
        ui.label(days(o.observed_wait_days.mean));
        ui.label(end(r.model_days.hierarchical));
        ui.label(end(r.model_days.distributed));
        ui.end_row();
    }
    if rows.len() > ROWS {
        ui.weak(format!("and {} more", rows.len() - ROWS));
        ui.end_row();
    }
}
