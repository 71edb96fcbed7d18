//! A trend's line charts as an SVG picture (and from it PNG or PDF), drawn from the same
//! [`Chart`] the window paints.

use super::svg::{escape, svg_start, text_width};
use super::{ExportError, ExportFormat, ExportOptions, render_svg};
use crate::scenario::Trend;
use crate::scene::chart::{Chart, LABEL_SIZE, PANEL_TITLE_SIZE, TITLE_SIZE, trend_chart};
use crate::theme::{INK, MUTED, PANEL_STROKE, SLIDE, TREND_GRID};
use std::fmt::Write;
use std::path::Path;

/// The chart's size in pixels when none is asked for.
pub const CHART_SIZE: (u32, u32) = (1600, 900);

/// The chart as SVG text.
pub fn chart_svg(chart: &Chart) -> String {
    let mut out = String::new();
    let (w, h) = (chart.width, chart.height);
    svg_start(&mut out, w, h);
    let _ = write!(
        out,
        r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
        SLIDE.hex()
    );
    let _ = write!(
        out,
        r#"<text x="24" y="{:.1}" font-size="{TITLE_SIZE}" fill="{}">{}</text>"#,
        24.0 + TITLE_SIZE,
        INK.hex(),
        escape(&chart.title)
    );
    // The legend, right-aligned on the title's line.
    let mut x = w - 24.0;
    for (name, color) in chart.legend.iter().rev() {
        let tw = text_width(name, LABEL_SIZE + 1.0, false);
        x -= tw;
        let y = 24.0 + TITLE_SIZE - 4.0;
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{}" fill="{}">{}</text>"#,
            LABEL_SIZE + 1.0,
            INK.hex(),
            escape(name)
        );
        let _ = write!(
            out,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="3"/>"#,
            x - 30.0,
            y - 4.0,
            x - 8.0,
            y - 4.0,
            color.hex()
        );
        x -= 54.0;
    }
    for p in &chart.panels {
        let [left, top, pw, ph] = p.plot;
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="{PANEL_TITLE_SIZE}" fill="{}">{}</text>"#,
            left - 56.0,
            top - 12.0,
            INK.hex(),
            escape(&p.title)
        );
        for (y, label) in &p.grid {
            let _ = write!(
                out,
                r#"<line x1="{left:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="1"/>"#,
                left + pw,
                TREND_GRID.hex()
            );
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{:.1}" font-size="{LABEL_SIZE}" fill="{}" text-anchor="end">{}</text>"#,
                left - 6.0,
                y + LABEL_SIZE * 0.35,
                MUTED.hex(),
                escape(label)
            );
        }
        let _ = write!(
            out,
            r#"<rect x="{left:.1}" y="{top:.1}" width="{pw:.1}" height="{ph:.1}" fill="none" stroke="{}" stroke-width="1"/>"#,
            PANEL_STROKE.hex()
        );
        for (x, label) in &p.x_labels {
            let _ = write!(
                out,
                r#"<text x="{x:.1}" y="{:.1}" font-size="{LABEL_SIZE}" fill="{}" text-anchor="middle">{}</text>"#,
                top + ph + LABEL_SIZE + 6.0,
                MUTED.hex(),
                escape(label)
            );
        }
        if let Some(why) = &p.empty {
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{:.1}" font-size="{LABEL_SIZE}" fill="{}" text-anchor="middle">{}</text>"#,
                left + pw / 2.0,
                top + ph / 2.0,
                MUTED.hex(),
                escape(why)
            );
            continue;
        }
        for line in &p.lines {
            let color = line.color.hex();
            // A line through consecutive points that have values; a gap where one has none.
            for run in line.points.split(Option::is_none) {
                let pts: Vec<String> = run
                    .iter()
                    .flatten()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect();
                if pts.len() > 1 {
                    let _ = write!(
                        out,
                        r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2.5" stroke-linejoin="round"/>"#,
                        pts.join(" ")
                    );
                }
            }
            for (x, y) in line.points.iter().flatten() {
                let _ = write!(
                    out,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{color}"/>"#
                );
            }
            for x in &line.beyond {
                let _ = write!(
                    out,
                    r#"<text x="{x:.1}" y="{:.1}" font-size="{}" fill="{color}" text-anchor="middle">∞</text>"#,
                    top + LABEL_SIZE + 4.0,
                    LABEL_SIZE + 4.0
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// The trend's chart at `width` × `height`, as SVG text.
pub fn trend_svg(trend: &Trend, width: u32, height: u32) -> String {
    let chart = trend_chart(trend, width as f32, height as f32, &|text, size| {
        text_width(text, size, false)
    });
    chart_svg(&chart)
}

/// Writes the trend's chart to `path` as the picture its extension names (`.svg`, `.png`,
/// `.pdf`), atomically.
pub fn write_trend_chart(
    trend: &Trend,
    path: &Path,
    width: u32,
    height: u32,
    scale: f32,
) -> Result<(), ExportError> {
    let Some(format @ (ExportFormat::Svg | ExportFormat::Png | ExportFormat::Pdf)) =
        ExportFormat::from_path(path)
    else {
        return Err(ExportError::Render(format!(
            "{}: a chart is written as .svg, .png or .pdf",
            path.display()
        )));
    };
    let options = ExportOptions {
        format,
        width,
        height,
        scale,
        ..ExportOptions::default()
    };
    let bytes = render_svg(trend_svg(trend, width, height), &options)?;
    crate::io::write_atomically(path, &bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })
}
