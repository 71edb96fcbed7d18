//! The strip of figures: both readings side by side.

use super::View;
use crate::analysis::{percent, thousands};
use crate::session::{Action, Session};
use egui::{RichText, Ui};

/// The strip's column headers, each with what it means in plain words.
const HEADERS: [(&str, &str); 7] = [
    (
        "Top share",
        "How many of all decisions need the busiest person at least once: passing through on the way up, deciding or approving. 100% means every decision waits on them.",
    ),
    (
        "Load HHI",
        "How concentrated the handling of decisions is, from 0 to 10,000: each person's share of all the handling, squared and added up. 10,000 means one person handles everything; the lower, the more evenly it is spread.",
    ),
    (
        "Effective handlers",
        "As if this many people each handled an equal share of the decisions (10,000 divided by the load HHI).",
    ),
    (
        "Mean hops",
        "How many hand-offs a decision takes on average, from whoever raises it to whoever decides and approves it. Straight to the holder it is about 1.",
    ),
    (
        "Mean wait",
        "Working days a decision waits in the queues on its route, on average: each person a queue (M/M/1, Kingman), their decisions against their hours for deciding. \"Without end\" when somebody on the route of some decisions cannot keep up (100% or more utilised).",
    ),
    (
        "Layers",
        "Levels of management, from the top person down to the front line.",
    ),
    (
        "Widest span",
        "The most people reporting directly to one manager, and who that manager is.",
    ),
];

/// The readings, each with how decisions travel in it.
const READINGS: [(&str, &str); 3] = [
    (
        "Through the hierarchy",
        "Each decision climbs the reporting lines until it reaches someone who may decide it.",
    ),
    (
        "Straight to the holder",
        "Each decision goes straight to whoever holds the right to decide it, then to each approver.",
    ),
    (
        "Up the dotted lines",
        "As through the hierarchy, but people with a dotted-line manager report to that manager instead.",
    ),
];

pub(super) fn figures(session: &Session, view: &mut View, ui: &mut Ui) {
    let Some(open) = &session.document else {
        return;
    };
    // With a scenario open, the strip shows the org the views show: before or after.
    let (doc, scenario) = match &session.scenario {
        Some(s) if s.show == crate::session::Show::Before => (&s.before, Some((s, "before"))),
        Some(s) => (&s.after, Some((s, "after"))),
        None => (open, None),
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
        if doc.is_updating() {
            ui.spinner();
            ui.label(
                RichText::new("Working out the figures of the last edit…")
                    .strong()
                    .color(super::canvas::color(crate::theme::WARNING_TEXT)),
            )
            .on_hover_text("The chart shows the edit already; the figures, findings and network below are those before it until this is done");
        }
        if let Some((s, which)) = scenario {
            ui.label(
                RichText::new(format!("Scenario, {which}: {}", s.title))
                    .strong()
                    .color(super::canvas::color(crate::theme::WARNING_TEXT)),
            );
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
            .num_columns(8)
            .spacing([18.0, 2.0])
            .show(ui, |ui| {
                ui.label("");
                for (head, help) in HEADERS {
                    ui.label(RichText::new(head).weak()).on_hover_text(help);
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
                    let help = READINGS
                        .iter()
                        .find(|(name, _)| *name == label)
                        .map_or("", |(_, help)| help);
                    ui.label(RichText::new(label).strong()).on_hover_text(help);
                    ui.label(format!("{} {}", percent(r.top_share), name_of(&r.top)));
                    ui.label(thousands(r.load.hhi));
                    ui.label(format!("{:.1}", r.load.effective));
                    ui.label(format!("{:.2}", r.mean_hops));
                    ui.label(crate::analysis::queue::mean_wait_words(&r.wait))
                        // Worked out only while hovered: it looks names up.
                        .on_hover_ui(|ui| {
                            ui.label(crate::analysis::queue::wait_detail(&r.wait, a));
                        });
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
    said(doc, ui);
}

/// What reading the files said, the latest import first: each file's notes at the text's
/// normal size, and the rows it skipped behind a count. An import undone is not shown.
fn said(doc: &crate::session::Document, ui: &mut Ui) {
    let opened = doc
        .path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let mut entries: Vec<(&str, &[String], &[crate::model::Problem])> = doc
        .said()
        .map(|s| (s.file.as_str(), s.notes.as_slice(), s.problems.as_slice()))
        .collect();
    entries.push((opened.as_str(), &doc.notes, &doc.import_problems));
    for (k, (file, notes, problems)) in entries.into_iter().enumerate() {
        if notes.is_empty() && problems.is_empty() {
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{file}:")).strong());
            for note in notes {
                ui.label(note);
            }
        });
        if !problems.is_empty() {
            let title = if problems.len() == 1 {
                format!("{file}: 1 row, column or cell needed attention")
            } else {
                format!(
                    "{file}: {} rows, columns or cells needed attention",
                    crate::format::thousands(problems.len() as f64)
                )
            };
            egui::CollapsingHeader::new(title)
                .id_salt(("said", k))
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(120.0)
                        .show(ui, |ui| {
                            for p in problems {
                                ui.label(p.to_string());
                            }
                        });
                });
        }
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
