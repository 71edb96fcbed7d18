//! The strip of figures: both readings side by side.

use crate::analysis::{percent, thousands};
use crate::app::OrgflowApp;
use egui::{RichText, Ui};

pub(super) fn figures(app: &mut OrgflowApp, ui: &mut Ui) {
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
