//! The findings panel: most severe first, findings of one kind summed up in one line that
//! opens to the list, a filter by severity and kind; a click selects and frames the people.

use super::View;
use super::canvas::color;
use crate::analysis::{FindingKind, Severity};
use crate::session::{Action, Session};
use crate::theme;
use egui::{RichText, Ui};

/// How many lines the panel lists (a group's own list counts its lines too).
const MAX_LINES_SHOWN: usize = 200;

pub(super) fn findings_panel(session: &Session, view: &mut View, ui: &mut Ui) {
    let Some(doc) = &session.document else {
        return;
    };
    ui.heading("Findings");
    let findings = &doc.analysis.findings;
    if findings.is_empty() {
        ui.label("Nothing to flag.");
        return;
    }
    let groups = &doc.finding_groups;
    filters(ui, view, groups);
    let filter = view.findings;
    let shown: Vec<_> = groups
        .iter()
        .filter(|g| filter.shows(g.kind, g.severity))
        .collect();
    let listed: usize = shown.iter().map(|g| g.members.len()).sum();
    if shown.is_empty() {
        ui.label(RichText::new("No finding matches the filter.").weak());
    }
    let mut chosen = None;
    let mut lines = 0;
    egui::ScrollArea::vertical().show(ui, |ui| {
        // The panel is laid out every frame: past a few hundred lines (most severe first) a
        // list is not read anyway, and a large org has thousands of findings.
        for g in &shown {
            if lines >= MAX_LINES_SHOWN {
                break;
            }
            lines += 1;
            let (tag, tint) = severity_tag(g.severity);
            ui.label(RichText::new(tag).small().strong().color(tint));
            match &g.summary {
                None => {
                    if let Some(&k) = g.members.first()
                        && finding_button(ui, g.line(findings))
                    {
                        chosen = Some(k);
                    }
                }
                Some(summary) => {
                    // A toggle of its own rather than a collapsing header, whose title does not
                    // wrap and would widen the panel over the views.
                    let key = (g.kind, g.severity);
                    let open = view.findings_open.contains(&key);
                    let arrow = if open { "▾" } else { "▸" };
                    let toggle = ui
                        .add(
                            egui::Button::new(RichText::new(format!("{arrow} {summary}")).strong())
                                .wrap()
                                .frame(false),
                        )
                        .on_hover_text(if open {
                            "Close the list"
                        } else {
                            "Open the list of these findings"
                        });
                    toggle.widget_info(|| {
                        egui::WidgetInfo::selected(egui::WidgetType::CollapsingHeader, true, open, summary)
                    });
                    if toggle.clicked() {
                        if open {
                            view.findings_open.remove(&key);
                        } else {
                            view.findings_open.insert(key);
                        }
                    }
                    if open {
                        ui.indent(("finding-group", g.kind, g.severity), |ui| {
                            for (message, times, k) in g.messages(findings) {
                                if lines >= MAX_LINES_SHOWN {
                                    break;
                                }
                                lines += 1;
                                let text = if times > 1 {
                                    format!("{message} ({times} findings say this)")
                                } else {
                                    message.to_owned()
                                };
                                if finding_button(ui, &text) {
                                    chosen = Some(k);
                                }
                            }
                        });
                    }
                }
            }
            ui.separator();
        }
        if lines >= MAX_LINES_SHOWN {
            ui.label(
                RichText::new(format!(
                    "The list stops here, {} findings in all (orgflow analyze --json lists them all)",
                    crate::format::thousands(listed as f64)
                ))
                .weak(),
            );
        }
    });
    if let Some(k) = chosen {
        view.act(Action::FocusFinding(k));
    }
}

/// A finding's words as a button that selects and shows its people; true when clicked.
fn finding_button(ui: &mut Ui, text: &str) -> bool {
    ui.add(egui::Button::new(RichText::new(text)).wrap().frame(false))
        .on_hover_text("Select and show in both views")
        .clicked()
}

fn severity_tag(severity: Severity) -> (&'static str, egui::Color32) {
    match severity {
        Severity::Critical => ("Critical", color(theme::ERROR_TEXT)),
        Severity::Warning => ("Warning", color(theme::WARNING_TEXT)),
        Severity::Info => ("Note", color(theme::NOTE_TEXT)),
    }
}

/// The filter: a toggle per severity with its count, and a choice of kind.
fn filters(ui: &mut Ui, view: &mut View, groups: &[crate::analysis::FindingGroup]) {
    let filter = &mut view.findings;
    ui.horizontal_wrapped(|ui| {
        for (at, (severity, one, many)) in [
            (Severity::Critical, "critical", "critical"),
            (Severity::Warning, "warning", "warnings"),
            (Severity::Info, "note", "notes"),
        ]
        .into_iter()
        .enumerate()
        {
            let n: usize = groups
                .iter()
                .filter(|g| g.severity == severity)
                .map(|g| g.members.len())
                .sum();
            if let Some(on) = filter.severities.get_mut(at) {
                ui.toggle_value(on, crate::format::count(n, one, many))
                    .on_hover_text("Show or hide findings of this severity");
            }
        }
    });
    let mut kinds: Vec<(FindingKind, usize)> = Vec::new();
    for g in groups {
        match kinds.iter_mut().find(|(k, _)| *k == g.kind) {
            Some((_, n)) => *n += g.members.len(),
            None => kinds.push((g.kind, g.members.len())),
        }
    }
    ui.horizontal(|ui| {
        let label = ui.label("Kind");
        egui::ComboBox::from_id_salt("findings-kind")
            .selected_text(filter.kind.map_or("All kinds", FindingKind::title))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.kind, None, "All kinds");
                for (kind, n) in kinds {
                    let text = format!("{} ({})", kind.title(), crate::format::thousands(n as f64));
                    ui.selectable_value(&mut filter.kind, Some(kind), text);
                }
            })
            .response
            .labelled_by(label.id);
    });
}
