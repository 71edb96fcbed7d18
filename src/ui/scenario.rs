//! The scenario window (a comparison or an absence: the figures side by side, what changed,
//! which org the views show) and the suggestions window (proposals to accept one by one or
//! all at once).

use super::View;
use super::canvas::color;
use crate::session::{Action, Session, Show};
use crate::theme;
use egui::{RichText, Ui};

/// The scenario, docked under the views while one is open.
pub(super) fn scenario_panel(session: &Session, view: &mut View, ui: &mut Ui) {
    let mut actions = Vec::new();
    let mut export = false;
    let Some(s) = session.scenario.as_ref() else {
        return;
    };
    let mut show = s.show;
    let open = super::docked(ui, "scenario", "Scenario", 300.0, true, |ui| {
        {
            // The buttons first: the panel is short, and they must never scroll out of reach.
            ui.horizontal(|ui| {
                ui.heading(&s.title);
                if ui.button("Export before/after slide…").clicked() {
                    export = true;
                }
                if ui.button("Close scenario").clicked() {
                    actions.push(Action::CloseScenario);
                }
            });
            // An absence is a risk first: what would have nobody to decide it leads.
            if let Some(absence) = &s.absence
                && !absence.orphaned_domains.is_empty()
            {
                ui.label(
                    RichText::new(absence.orphaned_sentence())
                        .strong()
                        .color(color(theme::ERROR_TEXT)),
                );
            }
            ui.label(
                RichText::new(crate::scenario::headline(&s.before.org, &s.comparison)).strong(),
            );
            ui.horizontal(|ui| {
                ui.label("The views show");
                ui.radio_value(&mut show, Show::Before, "Before");
                ui.radio_value(&mut show, Show::After, "After");
                ui.radio_value(&mut show, Show::Changes, "Changes only");
            });
            legend(ui);
            if let Some(absence) = &s.absence {
                ui.separator();
                if absence.orphaned_domains.is_empty() {
                    ui.label(absence.orphaned_sentence());
                }
                if !absence.carriers.is_empty() {
                    ui.label(
                        RichText::new("Who carries the load (decisions a month more)").strong(),
                    );
                    egui::Grid::new("carriers").striped(true).show(ui, |ui| {
                        ui.label("");
                        ui.label(RichText::new("through the hierarchy").weak());
                        ui.label(RichText::new("straight to the holder").weak());
                        ui.end_row();
                        for c in &absence.carriers {
                            ui.label(&c.person.name);
                            ui.label(format!("{:+.1}", c.hierarchical));
                            ui.label(format!("{:+.1}", c.distributed));
                            ui.end_row();
                        }
                    });
                }
            }
            ui.separator();
            egui::Grid::new("scenario-figures")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for head in ["", "before", "after", "change"] {
                        ui.label(RichText::new(head).weak());
                    }
                    ui.end_row();
                    for row in
                        crate::scenario::figure_rows(&s.before.org, &s.after.org, &s.comparison)
                    {
                        for cell in row {
                            ui.label(cell);
                        }
                        ui.end_row();
                    }
                });
            changes(ui, s);
        }
    });
    if show != s.show {
        actions.push(Action::ShowScenario(show));
    }
    if !open {
        actions.push(Action::CloseScenario);
    }
    if export {
        view.export.choices.before_after = true;
        view.act(Action::OpenExportDialog);
    }
    for action in actions {
        view.act(action);
    }
}

fn legend(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Outlined:").small());
        for (c, what) in [
            (theme::CHANGE_ADDED, "added"),
            (theme::CHANGE_MOVED, "moved"),
            (theme::CHANGE_RIGHTS, "rights changed"),
            (theme::CHANGE_REMOVED, "removed (in Before, faded)"),
        ] {
            // A swatch in the outline's colour, the words in ink: the outline colours are for
            // lines, too light for text.
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().rect_stroke(
                rect,
                0.0,
                egui::Stroke::new(2.0, color(c)),
                egui::StrokeKind::Inside,
            );
            ui.label(RichText::new(what).small());
        }
    });
}

fn changes(ui: &mut Ui, s: &crate::session::ScenarioView) {
    let ch = &s.comparison.changes;
    let name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| s.after.org.person(id).or_else(|| s.before.org.person(id)))
            .map_or("the top".to_owned(), |p| p.display_name().to_owned())
    };
    egui::CollapsingHeader::new(ch.summary())
        .id_salt("scenario-changes")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(180.0)
                .show(ui, |ui| {
                    for n in &ch.added {
                        ui.label(format!("Added: {}", n.name));
                    }
                    for n in &ch.removed {
                        ui.label(format!("Removed: {}", n.name));
                    }
                    for n in &ch.away {
                        ui.label(format!("Away: {}", n.name));
                    }
                    for m in &ch.moved {
                        ui.label(format!(
                            "Moved: {} from {} to {}",
                            m.person.name,
                            name(&m.from),
                            name(&m.to)
                        ));
                    }
                    for r in &ch.rights {
                        ui.label(format!(
                            "{}: {} {}, was {}",
                            r.domain_name,
                            r.person.name,
                            r.after.unwrap_or("no right"),
                            r.before.unwrap_or("no right")
                        ));
                    }
                });
        });
}

/// The suggestions, docked under the views while they are open.
pub(super) fn suggestions_panel(session: &Session, view: &mut View, ui: &mut Ui) {
    if !session.suggestions.open || session.document.is_none() {
        return;
    }
    let proposals = session.proposals();
    let mut actions = Vec::new();
    let open = super::docked(ui, "suggestions", "Suggestions", 280.0, false, |ui| {
        if proposals.is_empty() {
            ui.label("Nothing to suggest: nobody is a funnel, the sole decider of many domains or a manager with a wide span.");
            return;
        }
        ui.label(format!(
                "{} proposals to distribute decisions. Each is one undo step; effects are for that proposal alone.",
                proposals.len()
            ));
        if ui.button("Accept all").clicked() {
            actions.push(Action::AcceptAllSuggestions);
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for p in proposals {
                    ui.label(RichText::new(&p.title).strong());
                    ui.label(&p.why);
                    ui.label(RichText::new(format!("Effect: {}", p.effect("→"))).weak());
                    if ui.button(format!("Accept: {}", p.title)).clicked() {
                        actions.push(Action::apply(p.command.clone()));
                    }
                    ui.separator();
                }
            });
    });
    if !open {
        actions.push(Action::CloseSuggestions);
    }
    for action in actions {
        view.act(action);
    }
}
