//! The timeline window: a file of several snapshots as the line charts and the table
//! `orgflow trend` gives, what changed at each step, and a button to open each snapshot.

use super::View;
use super::canvas::color;
use crate::scene::chart::{Chart, LABEL_SIZE, PANEL_TITLE_SIZE, trend_chart};
use crate::session::{Action, Session};
use crate::theme;
use egui::{Align2, FontId, Pos2, Stroke, pos2, vec2};

/// The window, while the document's file holds several snapshots and the window is open.
pub(super) fn timeline_window(session: &Session, view: &mut View, ctx: &egui::Context) {
    if let Some(job) = &session.timeline_job {
        // Its own window: the timeline's, when it comes, opens at its own size.
        egui::Window::new(format!("Timeline: {}", job.file))
            .id(egui::Id::new("timeline-working"))
            .default_width(980.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Working out the figures of every snapshot…");
                });
            });
        return;
    }
    let Some(timeline) = &session.timeline else {
        return;
    };
    if !timeline.open {
        return;
    }
    let mut open = true;
    let t = &timeline.trend;
    egui::Window::new(format!("Timeline: {}", timeline.file))
        .id(egui::Id::new("timeline"))
        .open(&mut open)
        .default_width(980.0)
        .default_height(640.0)
        .show(ctx, |ui| {
            ui.label(format!(
                "{} snapshots of {}, {} to {}; the document shows {}.",
                t.points.len(),
                t.org,
                t.points.first().map_or("", |p| p.label.as_str()),
                t.points.last().map_or("", |p| p.label.as_str()),
                timeline.showing
            ));
            for note in &t.notes {
                ui.colored_label(color(theme::WARNING_TEXT), note);
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                let width = ui.available_width().clamp(560.0, 1400.0);
                let height = (width * 0.5).max(300.0);
                let (rect, _) = ui.allocate_exact_size(vec2(width, height), egui::Sense::hover());
                let painter = ui.painter_at(rect);
                let measure = |text: &str, size: f32| {
                    painter
                        .layout_no_wrap(
                            text.to_owned(),
                            FontId::proportional(size),
                            egui::Color32::PLACEHOLDER,
                        )
                        .size()
                        .x
                };
                let chart = trend_chart(t, width, height, &measure);
                paint_chart(&painter, rect.min, &chart);
                ui.add_space(8.0);
                table(session, view, ui);
                for (k, lines) in timeline.steps.iter().enumerate() {
                    let Some((head, rest)) = lines.split_first() else {
                        continue;
                    };
                    egui::CollapsingHeader::new(head)
                        .id_salt(("timeline-step", k))
                        .default_open(k + 1 == timeline.steps.len())
                        .show(ui, |ui| {
                            for line in rest {
                                ui.label(line.trim_start());
                            }
                        });
                }
            });
        });
    if !open {
        view.act(Action::ShowTimeline(false));
    }
}

/// The figures a row per snapshot, with the button that opens each one.
fn table(session: &Session, view: &mut View, ui: &mut egui::Ui) {
    let Some(timeline) = &session.timeline else {
        return;
    };
    let (header, rows) = crate::scenario::table(&timeline.trend);
    egui::Grid::new("timeline-table")
        .striped(true)
        .num_columns(header.len() + 1)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for h in &header {
                ui.strong(h);
            }
            ui.label("");
            ui.end_row();
            for row in &rows {
                for cell in row {
                    ui.label(cell);
                }
                let label = row.first().cloned().unwrap_or_default();
                if label == timeline.showing {
                    ui.weak("shown");
                } else if ui
                    .button(format!("Open {label}"))
                    .on_hover_text("Open this snapshot as the document")
                    .clicked()
                {
                    view.act(Action::OpenSnapshot(label));
                }
                ui.end_row();
            }
        });
    ui.weak("H: through the hierarchy; D: straight to the holder. n/a: no decision rights in that snapshot.");
}

/// Paints a chart laid out at the origin with its top-left corner at `at`.
pub fn paint_chart(painter: &egui::Painter, at: Pos2, chart: &Chart) {
    let p = |x: f32, y: f32| pos2(at.x + x, at.y + y);
    let ink = color(theme::INK);
    let muted = color(theme::MUTED);
    painter.rect_filled(
        egui::Rect::from_min_size(at, vec2(chart.width, chart.height)),
        0.0,
        color(theme::SLIDE),
    );
    let mut x = chart.width - 16.0;
    for (name, c) in chart.legend.iter().rev() {
        let r = painter.text(
            p(x, 20.0),
            Align2::RIGHT_CENTER,
            *name,
            FontId::proportional(LABEL_SIZE),
            ink,
        );
        x = r.min.x - at.x - 8.0;
        painter.line_segment([p(x - 22.0, 20.0), p(x, 20.0)], Stroke::new(3.0, color(*c)));
        x -= 34.0;
    }
    for panel in &chart.panels {
        let [left, top, w, h] = panel.plot;
        painter.text(
            p(left - 56.0, top - 8.0),
            Align2::LEFT_BOTTOM,
            &panel.title,
            FontId::proportional(PANEL_TITLE_SIZE),
            ink,
        );
        for (y, label) in &panel.grid {
            painter.line_segment(
                [p(left, *y), p(left + w, *y)],
                Stroke::new(1.0, color(theme::TREND_GRID)),
            );
            painter.text(
                p(left - 6.0, *y),
                Align2::RIGHT_CENTER,
                label,
                FontId::proportional(LABEL_SIZE),
                muted,
            );
        }
        painter.rect_stroke(
            egui::Rect::from_min_size(p(left, top), vec2(w, h)),
            0.0,
            Stroke::new(1.0, color(theme::PANEL_STROKE)),
            egui::StrokeKind::Inside,
        );
        for (x, label) in &panel.x_labels {
            painter.text(
                p(*x, top + h + 4.0),
                Align2::CENTER_TOP,
                label,
                FontId::proportional(LABEL_SIZE),
                muted,
            );
        }
        if let Some(why) = &panel.empty {
            painter.text(
                p(left + w / 2.0, top + h / 2.0),
                Align2::CENTER_CENTER,
                why,
                FontId::proportional(LABEL_SIZE),
                muted,
            );
            continue;
        }
        for line in &panel.lines {
            let c = color(line.color);
            for run in line.points.split(Option::is_none) {
                let pts: Vec<Pos2> = run.iter().flatten().map(|(x, y)| p(*x, *y)).collect();
                if pts.len() > 1 {
                    painter.line(pts, Stroke::new(2.5, c));
                }
            }
            for (x, y) in line.points.iter().flatten() {
                painter.circle_filled(p(*x, *y), 3.5, c);
            }
            for x in &line.beyond {
                painter.text(
                    p(*x, top + 2.0),
                    Align2::CENTER_TOP,
                    "∞",
                    FontId::proportional(LABEL_SIZE + 4.0),
                    c,
                );
            }
        }
    }
}
