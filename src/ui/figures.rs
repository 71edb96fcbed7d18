//! The strip of figures: both readings side by side.

use super::View;
use crate::analysis::{percent, thousands};
use crate::session::{Action, Session};
use egui::{RichText, Ui};

pub(super) fn figures(session: &Session, view: &mut View, ui: &mut Ui) {
    let Some(doc) = &session.document else {
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
        // Who is counted: "311 people: 207 active, 104 who left; 5 managers not in this file".
        ui.label(RichText::new(a.headcount_sentence()).weak())
            .on_hover_text(
                "People who left, placeholders, open posts and managers outside the file stay in the chart, pale, but hold no right and carry no load",
            );
    });
    let mut ask = None;
    if doc.org.decisions.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} layers, widest span {}.",
                a.layers,
                a.max_span.as_ref().map_or("none".to_owned(), |m| {
                    format!("{} ({})", m.count, name_of(&Some(m.id.clone())))
                })
            ));
            ui.label(
                RichText::new(
                    "This file has no decision rights yet, so nothing can funnel. Add them:",
                )
                .strong()
                .color(super::canvas::color(crate::theme::WARNING_TEXT)),
            );
            ask = ways_in(ui);
        });
    } else {
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
                let matrix = a
                    .readings
                    .matrix
                    .as_ref()
                    .map(|m| ("Up the dotted lines", &m.figures));
                for (label, r) in [
                    ("Through the hierarchy", &a.readings.hierarchical),
                    ("Straight to the holder", &a.readings.distributed),
                ]
                .into_iter()
                .chain(matrix)
                {
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
    }
    match ask {
        Some(NoRightsAnswer::Import) => view.act(Action::ImportRightsDialog),
        Some(NoRightsAnswer::Template(k)) => view.act(Action::ApplyTemplate(k)),
        Some(NoRightsAnswer::Matrix) => view.act(Action::OpenMatrix),
        None => {}
    }
    let Some(doc) = &session.document else {
        return;
    };
    for note in &doc.notes {
        ui.label(RichText::new(note).small().weak());
    }
    if !doc.import_problems.is_empty() {
        ui.collapsing(
            if doc.import_problems.len() == 1 {
                "1 row, column or cell of the last import needed attention".to_owned()
            } else {
                format!(
                    "{} rows, columns or cells of the last import needed attention",
                    crate::format::thousands(doc.import_problems.len() as f64)
                )
            },
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

/// What the user chose where an org has no decision rights yet.
pub(super) enum NoRightsAnswer {
    /// Import a rights sheet.
    Import,
    /// Start from this template.
    Template(usize),
    /// Open the matrix.
    Matrix,
}

/// The three ways to give an org its decision rights, as buttons.
pub(super) fn ways_in(ui: &mut Ui) -> Option<NoRightsAnswer> {
    let mut answer = None;
    if ui
        .button("Import a rights sheet…")
        .on_hover_text("A RACI, RAPID or D/A/C sheet (CSV or Excel), one row per decision")
        .clicked()
    {
        answer = Some(NoRightsAnswer::Import);
    }
    if let Some(k) = super::menus::template_menu(ui) {
        answer = Some(NoRightsAnswer::Template(k));
    }
    if ui
        .button("Fill the matrix…")
        .on_hover_text("Domains down the side, people across, a letter in each cell")
        .clicked()
    {
        answer = Some(NoRightsAnswer::Matrix);
    }
    answer
}
