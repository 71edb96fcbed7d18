//! A trend as line charts, one panel a figure: plain coordinates and text that the window
//! paints and the SVG export writes alike, so the screen and the picture cannot disagree.

use crate::scenario::{Point as TrendPoint, Trend};
use crate::theme::{Color, TREND_DISTRIBUTED, TREND_HIERARCHY, TREND_SINGLE};

/// One line of a panel: a value per snapshot, where it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLine {
    /// What it shows ("through the hierarchy").
    pub name: &'static str,
    /// Its colour.
    pub color: Color,
    /// Each snapshot's point in the chart's coordinates; `None` where it has no value.
    pub points: Vec<Option<(f32, f32)>>,
    /// The x of each snapshot whose value is beyond the scale (a wait without end), drawn as
    /// "∞" at the top of the plot.
    pub beyond: Vec<f32>,
}

/// One figure's panel.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPanel {
    /// The figure, with its unit.
    pub title: String,
    /// The plot area: left, top, width, height.
    pub plot: [f32; 4],
    /// Horizontal grid lines: their y and value text, bottom first.
    pub grid: Vec<(f32, String)>,
    /// Snapshot names under the plot: their x and text.
    pub x_labels: Vec<(f32, String)>,
    /// The lines.
    pub lines: Vec<ChartLine>,
    /// Why the panel has no line, when it has none.
    pub empty: Option<String>,
}

/// A trend drawn as panels.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Its size.
    pub width: f32,
    /// Its size.
    pub height: f32,
    /// "Department for Transport, 2011-03-31 to 2012-03-31".
    pub title: String,
    /// The two readings' colours, for the legend.
    pub legend: Vec<(&'static str, Color)>,
    /// The panels, left to right, top to bottom.
    pub panels: Vec<ChartPanel>,
}

/// Text sizes the chart is laid out for.
pub const TITLE_SIZE: f32 = 22.0;
/// A panel's title.
pub const PANEL_TITLE_SIZE: f32 = 15.0;
/// Axis labels.
pub const LABEL_SIZE: f32 = 12.0;

/// Where each snapshot sits from 0 to 1: by date when every one has a date (and they span
/// some time), else evenly.
pub fn x_fractions(points: &[TrendPoint]) -> Vec<f32> {
    let days: Option<Vec<i64>> = points
        .iter()
        .map(|p| {
            let d = p.date.as_deref()?;
            crate::model::parse_date(d, false).map(|d| d.day_number())
        })
        .collect();
    let n = points.len();
    if let Some(days) = days
        && let (Some(first), Some(last)) = (days.iter().min(), days.iter().max())
        && last > first
    {
        let span = (last - first) as f32;
        return days.iter().map(|d| (d - first) as f32 / span).collect();
    }
    if n <= 1 {
        return vec![0.5; n];
    }
    (0..n).map(|k| k as f32 / (n - 1) as f32).collect()
}

/// A round top for an axis from 0 holding `max`, and its step: 1, 2 or 5 times a power of ten,
/// whole numbers when `whole`.
pub fn nice_scale(max: f64, whole: bool) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 4.0;
    let power = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    if whole {
        step = step.ceil().max(1.0);
    }
    ((max / step).ceil() * step, step)
}

/// A line of a figure: its name, colour, value per snapshot, and whether each is beyond the
/// scale.
type Series = (&'static str, Color, Vec<Option<f64>>, Vec<bool>);

/// A figure of the trend: its title, how its values read, and each reading's values.
struct Figure {
    title: &'static str,
    whole: bool,
    /// How a value reads on the axis, given the axis's step.
    text: fn(f64, f64) -> String,
    /// (line name, colour, value per snapshot, beyond the scale per snapshot).
    lines: Vec<Series>,
    /// Shown when no snapshot has a value.
    empty: &'static str,
}

/// A value with as many decimals as the axis's step needs ("0.25" on a step of 0.05).
fn decimal(value: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    format!("{value:.decimals$}")
}

const HIERARCHY: &str = "through the hierarchy";
const DISTRIBUTED: &str = "straight to the holder";

fn figures(trend: &Trend) -> Vec<Figure> {
    let decided: Vec<bool> = trend
        .points
        .iter()
        .map(|p| p.figures.domains_with_rights > p.figures.undecided_domains)
        .collect();
    let values = |f: &dyn Fn(&crate::scenario::Figures) -> Option<f64>| -> Vec<Option<f64>> {
        trend
            .points
            .iter()
            .zip(&decided)
            .map(|(p, d)| if *d { f(&p.figures) } else { None })
            .collect()
    };
    let none = vec![false; trend.points.len()];
    let no_rights = "no decision rights in these snapshots";
    let beyond = |hierarchical: bool| -> Vec<bool> {
        trend
            .points
            .iter()
            .zip(&decided)
            .map(|(p, d)| {
                let mean = if hierarchical {
                    p.figures.mean_wait_hierarchical
                } else {
                    p.figures.mean_wait_distributed
                };
                *d && mean.is_none()
            })
            .collect()
    };
    vec![
        Figure {
            title: "Top share of decisions",
            whole: false,
            text: |x, _| crate::format::percent(x),
            lines: vec![
                (
                    HIERARCHY,
                    TREND_HIERARCHY,
                    values(&|f| Some(f.top_share_hierarchical)),
                    none.clone(),
                ),
                (
                    DISTRIBUTED,
                    TREND_DISTRIBUTED,
                    values(&|f| Some(f.top_share_distributed)),
                    none.clone(),
                ),
            ],
            empty: no_rights,
        },
        Figure {
            title: "Authority HHI (0–10,000)",
            whole: true,
            text: |x, _| crate::format::thousands(x),
            lines: vec![(
                "authority",
                TREND_SINGLE,
                values(&|f| Some(f.authority_hhi)),
                none.clone(),
            )],
            empty: no_rights,
        },
        Figure {
            // A large org's bus factor may be known only within bounds: the line is the
            // smallest set found, and the title says so.
            title: if trend.points.iter().any(|p| {
                p.figures
                    .bus_factor_lower
                    .is_some_and(|l| Some(l) < p.figures.bus_factor)
            }) {
                "Bus factor (at most)"
            } else {
                "Bus factor (people)"
            },
            whole: true,
            text: |x, _| format!("{x:.0}"),
            lines: vec![(
                "bus factor",
                TREND_SINGLE,
                values(&|f| f.bus_factor.map(|b| b as f64)),
                none.clone(),
            )],
            empty: no_rights,
        },
        Figure {
            title: "Mean wait (working days)",
            whole: false,
            text: decimal,
            lines: vec![
                (
                    HIERARCHY,
                    TREND_HIERARCHY,
                    values(&|f| f.mean_wait_hierarchical),
                    beyond(true),
                ),
                (
                    DISTRIBUTED,
                    TREND_DISTRIBUTED,
                    values(&|f| f.mean_wait_distributed),
                    beyond(false),
                ),
            ],
            empty: no_rights,
        },
        Figure {
            title: "Layers",
            whole: true,
            text: |x, _| format!("{x:.0}"),
            lines: vec![(
                "layers",
                TREND_SINGLE,
                trend
                    .points
                    .iter()
                    .map(|p| Some(p.figures.layers as f64))
                    .collect(),
                none.clone(),
            )],
            empty: "no people",
        },
        Figure {
            title: "Widest span of control",
            whole: true,
            text: |x, _| format!("{x:.0}"),
            lines: vec![(
                "widest span",
                TREND_SINGLE,
                trend
                    .points
                    .iter()
                    .map(|p| Some(p.figures.widest_span as f64))
                    .collect(),
                none,
            )],
            empty: "no people",
        },
    ]
}

/// The trend as six panels (top share, authority HHI, bus factor, mean wait, layers, widest
/// span) in three columns and two rows of a `width` × `height` picture. `measure` gives a
/// text's width at a size, for thinning the snapshot names under each plot.
pub fn trend_chart(
    trend: &Trend,
    width: f32,
    height: f32,
    measure: &dyn Fn(&str, f32) -> f32,
) -> Chart {
    let margin = 24.0;
    let top = margin + TITLE_SIZE + 18.0;
    let (cols, rows) = (3usize, 2usize);
    let gap = 28.0;
    let cell_w = (width - 2.0 * margin - gap * (cols as f32 - 1.0)) / cols as f32;
    let cell_h = (height - top - margin - gap * (rows as f32 - 1.0)) / rows as f32;
    let xs = x_fractions(&trend.points);
    let span = match (trend.points.first(), trend.points.last()) {
        (Some(f), Some(l)) if trend.points.len() > 1 => format!(", {} to {}", f.label, l.label),
        (Some(f), _) => format!(", {}", f.label),
        _ => String::new(),
    };
    let panels = figures(trend)
        .into_iter()
        .enumerate()
        .map(|(k, fig)| {
            let (c, r) = (k % cols, k / cols);
            let left = margin + c as f32 * (cell_w + gap);
            let cell_top = top + r as f32 * (cell_h + gap);
            let gutter = 56.0;
            let plot = [
                left + gutter,
                cell_top + PANEL_TITLE_SIZE + 14.0,
                (cell_w - gutter - 8.0).max(10.0),
                (cell_h - PANEL_TITLE_SIZE - 14.0 - LABEL_SIZE - 16.0).max(10.0),
            ];
            panel(&fig, plot, &xs, &trend.points, measure)
        })
        .collect();
    Chart {
        width,
        height,
        title: format!("{}{span}", trend.org),
        legend: vec![
            (HIERARCHY, TREND_HIERARCHY),
            (DISTRIBUTED, TREND_DISTRIBUTED),
        ],
        panels,
    }
}

fn panel(
    fig: &Figure,
    plot: [f32; 4],
    xs: &[f32],
    points: &[TrendPoint],
    measure: &dyn Fn(&str, f32) -> f32,
) -> ChartPanel {
    let [left, top, w, h] = plot;
    let max = fig
        .lines
        .iter()
        .flat_map(|(_, _, v, _)| v.iter().flatten().copied())
        .fold(0.0f64, f64::max);
    let (scale_top, step) = nice_scale(max, fig.whole);
    let y_of = |v: f64| top + h - (v / scale_top) as f32 * h;
    // An inset so that the first and last points are not on the frame.
    let inset = 10.0f32.min(w / 4.0);
    let x_of = |f: f32| left + inset + f * (w - 2.0 * inset);
    let steps = (scale_top / step).round() as usize;
    let grid = (0..=steps)
        .map(|i| {
            let v = i as f64 * step;
            (y_of(v), (fig.text)(v, step))
        })
        .collect();
    // Names under the plot, as many as fit without touching, the last always.
    let mut x_labels: Vec<(f32, String)> = Vec::new();
    let mut right_edge = f32::NEG_INFINITY;
    let n = points.len();
    let order: Vec<usize> = (0..n).rev().collect();
    for &k in &order {
        let (Some(p), Some(f)) = (points.get(k), xs.get(k)) else {
            continue;
        };
        let x = x_of(*f);
        let half = measure(&p.label, LABEL_SIZE) / 2.0;
        // Walking from the right: a label must end left of the one placed before it.
        if x_labels.is_empty() || x + half + 8.0 <= right_edge {
            x_labels.push((x, p.label.clone()));
            right_edge = x - half;
        }
    }
    x_labels.reverse();
    let lines: Vec<ChartLine> = fig
        .lines
        .iter()
        .map(|(name, color, values, beyond)| ChartLine {
            name,
            color: *color,
            points: values
                .iter()
                .zip(xs)
                .map(|(v, f)| v.map(|v| (x_of(*f), y_of(v))))
                .collect(),
            beyond: beyond
                .iter()
                .zip(xs)
                .filter(|(b, _)| **b)
                .map(|(_, f)| x_of(*f))
                .collect(),
        })
        .collect();
    let empty = lines
        .iter()
        .all(|l| l.points.iter().all(Option::is_none) && l.beyond.is_empty())
        .then(|| fig.empty.to_owned());
    ChartPanel {
        title: fig.title.to_owned(),
        plot,
        grid,
        x_labels,
        lines,
        empty,
    }
}
