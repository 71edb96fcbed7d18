//! The structure panel: what the distributed half shows of a file with neither decision rights
//! nor links. Spans of control as a histogram against the published ranges, managers of
//! managers and frontline managers each against theirs, layers against the fewest that hold the
//! headcount, and one line on how to add rights. Drawn as a scene, so the window and the slides
//! show the same panel.

use super::{Forms, Label, Scene, Shape, Target};
use crate::layout::{Point, Rect};
use crate::model::{Hierarchy, Org};
use crate::theme::{self, Color};

/// Spans that are usual for a manager: McKinsey's coach and supervisor archetypes (6–10), as
/// most benchmarks round them.
pub const USUAL_SPAN: (usize, usize) = (5, 9);
/// Usual spans for managers of managers (executives).
pub const EXECUTIVE_SPAN: (usize, usize) = (5, 7);
/// Usual spans for frontline managers, whose reports manage nobody.
pub const FRONTLINE_SPAN: (usize, usize) = (7, 15);

/// The histogram's bins of span: (lowest, highest, label).
const BINS: [(usize, usize, &str); 7] = [
    (1, 1, "1"),
    (2, 2, "2"),
    (3, 4, "3–4"),
    (5, 9, "5–9"),
    (10, 15, "10–15"),
    (16, 25, "16–25"),
    (26, usize::MAX, "26+"),
];

/// The figures the panel draws, for the panel and for tests.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanFigures {
    /// Managers per bin of [`BINS`].
    pub bins: [usize; 7],
    /// Median span of managers who manage managers; `None` when there are none.
    pub executive_median: Option<f64>,
    /// How many managers manage managers.
    pub executives: usize,
    /// Median span of managers whose reports manage nobody.
    pub frontline_median: Option<f64>,
    /// How many frontline managers there are.
    pub frontline: usize,
    /// Layers from the top to the deepest person.
    pub layers: usize,
    /// The fewest layers that hold everybody at the org's target span (its thresholds'
    /// `target_span`, 8 unless the file says otherwise), as the layers finding counts them.
    pub min_layers: usize,
    /// That target span.
    pub target_span: usize,
    /// People.
    pub people: usize,
}

/// True when the network's place shows the structure panel: the file names people but neither
/// decision rights nor links, so there is no network to draw.
pub fn shows_structure(org: &Org) -> bool {
    org.decisions.is_empty() && org.links.is_empty() && !org.people.is_empty()
}

fn median(mut v: Vec<usize>) -> Option<f64> {
    v.sort_unstable();
    crate::analysis::structure::median(&v)
}

/// Spans of control and layers of an org.
pub fn span_figures(org: &Org) -> SpanFigures {
    let h = Hierarchy::new(org);
    let target_span = org.thresholds().target_span;
    let mut bins = [0usize; 7];
    let (mut executive, mut frontline) = (Vec::new(), Vec::new());
    for v in 0..h.len() as u32 {
        let span = h.span(v);
        if span == 0 {
            continue;
        }
        if let Some(bin) = BINS
            .iter()
            .position(|(lo, hi, _)| (*lo..=*hi).contains(&span))
        {
            bins[bin] += 1;
        }
        if h.children_of(v).iter().any(|&c| h.span(c) > 0) {
            executive.push(span);
        } else {
            frontline.push(span);
        }
    }
    SpanFigures {
        bins,
        executives: executive.len(),
        executive_median: median(executive),
        frontline: frontline.len(),
        frontline_median: median(frontline),
        layers: h.depth.iter().max().map_or(0, |&d| d as usize + 1),
        min_layers: crate::analysis::min_layers(h.len(), target_span),
        target_span,
        people: h.len(),
    }
}

/// "median 4 (usual 5–7)", said against a range.
fn against(median: Option<f64>, (lo, hi): (usize, usize)) -> String {
    match median {
        None => format!("none (usual span {lo}–{hi})"),
        Some(m) => {
            let m_text = crate::format::trim_number(m);
            let verdict = if m < lo as f64 {
                "narrower than"
            } else if m > hi as f64 {
                "wider than"
            } else {
                "within"
            };
            format!("median span {m_text}, {verdict} the usual {lo}–{hi}")
        }
    }
}

fn text(text: String, at: Point, size: f32, color: Color, strong: bool) -> Label {
    Label {
        text,
        size,
        at,
        left: true,
        color,
        strong,
        priority: Some(1.0),
        forms: Forms::Words,
    }
}

/// A box with no fill or outline that holds one text; `words` name it for the accessible tree.
fn holder(rect: Rect, words: String, label: Label) -> Shape {
    Shape::Box {
        rect,
        corner: 0.0,
        fill: theme::CANVAS.with_alpha(0),
        stroke: theme::CANVAS.with_alpha(0),
        stroke_width: 0.0,
        dashed: false,
        marked: false,
        target: Target::Figure(words),
        labels: vec![label],
    }
}

/// A line of the panel's text.
fn line(y: f32, width: f32, words: String, size: f32, color: Color, strong: bool) -> Shape {
    let rect = Rect {
        min: Point::new(0.0, y),
        max: Point::new(width, y + size * 1.6),
    };
    holder(
        rect,
        words.clone(),
        text(words, Point::new(8.0, y + size * 1.2), size, color, strong),
    )
}

/// The structure panel of an org with neither decision rights nor links.
pub fn structure_scene(org: &Org) -> Scene {
    let f = span_figures(org);
    const WIDTH: f32 = 660.0;
    let mut shapes = vec![
        line(
            0.0,
            WIDTH,
            "This file names no decision rights and no links".to_owned(),
            21.0,
            theme::INK,
            true,
        ),
        line(
            40.0,
            WIDTH,
            "Managers by span of control (how many report to each)".to_owned(),
            17.0,
            theme::MUTED,
            false,
        ),
    ];
    // The histogram, the usual range shaded behind its bin.
    let (top, base) = (110.0, 330.0);
    let most = f.bins.iter().copied().max().unwrap_or(0).max(1) as f32;
    let (bar, gap) = (72.0, 18.0);
    let x0 = (WIDTH - (BINS.len() as f32 * (bar + gap) - gap)) / 2.0;
    for (k, ((lo, hi, name), &count)) in BINS.iter().zip(&f.bins).enumerate() {
        let x = x0 + k as f32 * (bar + gap);
        let usual = *lo >= USUAL_SPAN.0 && *hi <= USUAL_SPAN.1;
        if usual {
            shapes.push(Shape::Box {
                rect: Rect {
                    min: Point::new(x - gap / 2.0, top - 30.0),
                    max: Point::new(x + bar + gap / 2.0, base + 52.0),
                },
                corner: 4.0,
                fill: theme::DOMAIN_FILL,
                stroke: theme::DOMAIN_FILL,
                stroke_width: 0.0,
                dashed: false,
                marked: false,
                target: Target::Figure(format!(
                    "The usual span of control: {}–{} reports",
                    USUAL_SPAN.0, USUAL_SPAN.1
                )),
                labels: vec![Label {
                    text: "usual".to_owned(),
                    size: 15.0,
                    at: Point::new(x + bar / 2.0, top - 10.0),
                    left: false,
                    color: theme::DECIDES,
                    strong: false,
                    priority: None,
                    forms: Forms::Cut,
                }],
            });
        }
        let height = (base - top - 30.0) * count as f32 / most;
        let narrow_or_wide = *hi <= 2 || *lo > 15;
        let words = format!(
            "{count} manager{} with a span of {name}",
            if count == 1 { "" } else { "s" }
        );
        shapes.push(Shape::Box {
            rect: Rect {
                min: Point::new(x, base - height.max(1.0)),
                max: Point::new(x + bar, base),
            },
            corner: 2.0,
            fill: if narrow_or_wide {
                theme::SPAN_OFF
            } else {
                theme::LINE
            },
            stroke: theme::CARD_STROKE,
            stroke_width: 1.0,
            dashed: false,
            marked: false,
            target: Target::Figure(words),
            labels: vec![],
        });
        // The count above the bar and the bin below it, each in a box of its own.
        let figure = |text: String, at: Point, strong: bool| Label {
            text,
            size: 17.0,
            at,
            left: false,
            color: theme::INK,
            strong,
            priority: Some(1.0),
            forms: Forms::Cut,
        };
        shapes.push(holder(
            Rect {
                min: Point::new(x, base - height - 28.0),
                max: Point::new(x + bar, base - height - 2.0),
            },
            format!("{count} managers: span {name}"),
            figure(
                crate::format::thousands(count as f64),
                Point::new(x + bar / 2.0, base - height - 8.0),
                true,
            ),
        ));
        shapes.push(holder(
            Rect {
                min: Point::new(x, base + 4.0),
                max: Point::new(x + bar, base + 30.0),
            },
            format!("Span {name}"),
            figure(
                (*name).to_owned(),
                Point::new(x + bar / 2.0, base + 24.0),
                false,
            ),
        ));
    }
    let people = crate::format::thousands(f.people as f64);
    let layers_note = if f.layers >= f.min_layers + 2 {
        "; each layer more is one more hand-off"
    } else {
        ""
    };
    let rows = [
        format!(
            "Managers of managers ({}): {}",
            crate::format::thousands(f.executives as f64),
            against(f.executive_median, EXECUTIVE_SPAN)
        ),
        format!(
            "Frontline managers ({}): {}",
            crate::format::thousands(f.frontline as f64),
            against(f.frontline_median, FRONTLINE_SPAN)
        ),
        format!(
            "{} layers; the fewest that hold all {people} in the chart at a span of {}: {}{layers_note}",
            f.layers, f.target_span, f.min_layers
        ),
    ];
    let mut y = base + 70.0;
    for row in rows {
        shapes.push(line(y, WIDTH, row, 16.0, theme::INK, false));
        y += 30.0;
    }
    shapes.push(line(
        y + 14.0,
        WIDTH,
        "Add who decides what (a decisions list, or a RACI sheet) to see where decisions funnel."
            .to_owned(),
        15.0,
        theme::MUTED,
        false,
    ));
    let bounds = shapes
        .iter()
        .map(Shape::bounds)
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default();
    Scene {
        shapes,
        bounds,
        note: None,
        caption: Some(
            "Structure: spans of control and layers (no decision rights or links)".to_owned(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, PersonId};

    fn org(managers: &[Option<usize>]) -> Org {
        Org {
            people: managers
                .iter()
                .enumerate()
                .map(|(i, m)| Person {
                    id: PersonId(format!("p{i}")),
                    name: format!("Person {i}"),
                    manager: m.map(|m| PersonId(format!("p{m}"))),
                    ..Person::default()
                })
                .collect(),
            ..Org::default()
        }
    }

    #[test]
    fn spans_are_counted_by_hand() {
        // p0 manages p1, p2; p1 manages p3..p8 (6); p2 manages p9.
        let mut m = vec![None, Some(0), Some(0)];
        m.extend([Some(1); 6]);
        m.push(Some(2));
        let f = span_figures(&org(&m));
        assert_eq!(f.bins, [1, 1, 0, 1, 0, 0, 0]);
        assert_eq!((f.executives, f.executive_median), (1, Some(2.0)));
        assert_eq!((f.frontline, f.frontline_median), (2, Some(3.5)));
        assert_eq!(f.layers, 3);
        // 10 people at span 8: 1 + 8 = 9 < 10, so 3 layers.
        assert_eq!(f.min_layers, 3);
        assert_eq!(f.people, 10);
    }

    #[test]
    fn the_panel_says_what_it_measured() {
        let scene = structure_scene(&org(&[None, Some(0), Some(0)]));
        let words: Vec<&str> = scene
            .shapes
            .iter()
            .filter_map(|s| match s.target() {
                Some(Target::Figure(w)) => Some(w.as_str()),
                _ => None,
            })
            .collect();
        assert!(words.contains(&"1 manager with a span of 2"), "{words:?}");
        assert!(
            words
                .iter()
                .any(|w| w.starts_with("Frontline managers (1): median span 2, narrower"))
        );
        assert!(words.iter().any(|w| w.starts_with("Add who decides what")));
    }
}
