//! The slide as SVG: title, headline figures, the view(s), the top findings and a legend.

use super::{CJK_FAMILY, ExportOptions, ExportView, Extent};
use crate::analysis::{Analysis, Severity, percent};
use crate::layout::{Point, Rect};
use crate::model::Org;
use crate::scene::labels::MAX_OBSTACLES;
use crate::scene::{Label, Scene, Shape};
use crate::theme::{
    self, Color, INK, MARK, MARK_RING_BOX, MARK_RING_CIRCLE, MIN_RING_SLIDE, MUTED, SCALE,
    SCALE_TOP,
};
use base64::Engine;
use std::fmt::Write;

/// The font family every text uses; the font itself is embedded.
pub const FONT_FAMILY: &str = "Ubuntu";

/// No text on a slide is smaller than this, in pixels of a 1920×1080 slide: smaller text
/// cannot be read from the back of a room. Labels that would be smaller give way to fewer,
/// larger ones (the most loaded people first), or to shorter names that fill their cards.
/// A smaller slide scales it down in proportion (it is projected just as large).
pub const MIN_TEXT_PX: f32 = 12.0;

/// The smallest text on a slide of this size.
pub(super) fn min_text(width: f32, height: f32) -> f32 {
    (MIN_TEXT_PX * (width / 1920.0).min(height / 1080.0)).max(6.0)
}

/// The font every slide's text is set in, parsed once.
fn face() -> Option<&'static ttf_parser::Face<'static>> {
    static FACE: std::sync::OnceLock<Option<ttf_parser::Face<'static>>> =
        std::sync::OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(epaint_default_fonts::UBUNTU_LIGHT, 0).ok())
        .as_ref()
}

/// The font Chinese, Japanese and Korean text falls back to, parsed once.
fn cjk_face() -> Option<&'static ttf_parser::Face<'static>> {
    static FACE: std::sync::OnceLock<Option<ttf_parser::Face<'static>>> =
        std::sync::OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(super::CJK_FONT, 0).ok())
        .as_ref()
}

/// How wide one character is, in ems: from the embedded font, else from the CJK fallback,
/// else as a wide glyph of another fallback font.
fn advance(c: char) -> f32 {
    let of = |face: &ttf_parser::Face<'_>| {
        let em = f32::from(face.units_per_em().max(1));
        face.glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .map(|a| f32::from(a) / em)
    };
    face()
        .and_then(of)
        .or_else(|| cjk_face().and_then(of))
        .unwrap_or(0.6)
}

/// How wide `body` is at `size`, from the embedded fonts' advances (a glyph neither has, drawn
/// from another fallback font, counts as a wide one); bold is given a little room.
pub(super) fn text_width(body: &str, size: f32, bold: bool) -> f32 {
    let slack = if bold { 1.05 } else { 1.02 };
    body.chars().map(advance).sum::<f32>() * size * slack
}

/// `body` broken at spaces into lines of about `width` at `size`, at most `most` of them; the
/// last is cut with "…" when the text goes on.
fn wrap(body: &str, size: f32, width: f32, most: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in body.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, size, false) <= width || current.is_empty() {
            current = candidate;
            continue;
        }
        if lines.len() + 1 == most {
            // No room for the rest: the last line ends in "…".
            lines.push(format!("{current} …"));
            return lines;
        }
        lines.push(std::mem::take(&mut current));
        current = word.to_owned();
    }
    if !current.is_empty() {
        lines.push(fit_width(&current, size, width));
    }
    lines
}

/// A label to place once every shape is drawn, where it overlaps nothing placed before it.
struct FreeLabel<'s> {
    /// The number of the shape it names.
    owner: usize,
    /// The node it stands beside, when it may move to another side of it to find room.
    around: Option<Rect>,
    /// Its anchor: the middle of its baseline.
    at: (f32, f32),
    text: &'s str,
    size: f32,
    color: Color,
    bold: bool,
    priority: f32,
    forms: crate::scene::Forms,
    /// It names a card too small for it.
    for_card: bool,
    /// The card's middle, the form drawn there and its size and colour, should the label find
    /// no room: no card is left blank.
    fallback: Option<(Point, String, f32, Color)>,
}

/// Text made safe inside SVG: markup characters become entities and characters XML forbids
/// are dropped, so nothing in a team file can inject markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `body` cut with "…" to fit `width` pixels at `size`.
fn fit_width(body: &str, size: f32, width: f32) -> String {
    if text_width(body, size, false) <= width {
        return body.to_owned();
    }
    let mut cut: String = body.to_owned();
    while !cut.is_empty() && text_width(&format!("{cut}…"), size, false) > width {
        cut.pop();
    }
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn hex(c: Color) -> String {
    c.hex()
}

fn opacity(c: Color) -> String {
    if c.0[3] == 255 {
        String::new()
    } else {
        format!(" fill-opacity=\"{:.3}\"", f32::from(c.0[3]) / 255.0)
    }
}

/// Maps canvas units of a scene into a box of the slide.
#[derive(Clone, Copy)]
struct Fit {
    scale: f32,
    /// The smallest text, in slide pixels.
    min_text: f32,
    dx: f32,
    dy: f32,
}

impl Fit {
    fn new(area: Rect, frame: Rect, min_text: f32) -> Self {
        let scale =
            (frame.width() / area.width().max(1.0)).min(frame.height() / area.height().max(1.0));
        let c = area.center();
        let f = frame.center();
        Self {
            scale,
            min_text,
            dx: f.x - c.x * scale,
            dy: f.y - c.y * scale,
        }
    }

    fn p(&self, p: Point) -> (f32, f32) {
        (p.x * self.scale + self.dx, p.y * self.scale + self.dy)
    }
}

/// A number with one decimal, written without float formatting (the hot path of large
/// exports): `D1(12.345)` shows as `12.3`.
#[derive(Clone, Copy)]
struct D1(f32);

impl std::fmt::Display for D1 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (f64::from(self.0) * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let t = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", t / 10, t % 10)
    }
}

/// How a line of text looks.
#[derive(Clone, Copy)]
struct Style<'a> {
    size: f32,
    color: Color,
    /// SVG text-anchor: "start" or "middle".
    anchor: &'a str,
    /// SVG font-weight: "normal" or "bold".
    weight: &'a str,
}

impl<'a> Style<'a> {
    fn plain(size: f32, color: Color) -> Self {
        Self {
            size,
            color,
            anchor: "start",
            weight: "normal",
        }
    }
}

fn text(out: &mut String, (x, y): (f32, f32), style: Style<'_>, body: &str) {
    let _ = writeln!(
        out,
        r#"<text x="{x_d1}" y="{y_d1}" font-size="{}" fill="{}" text-anchor="{}" font-weight="{}">{}</text>"#,
        D1(style.size),
        hex(style.color),
        style.anchor,
        style.weight,
        escape(body),
        x_d1 = D1(x),
        y_d1 = D1(y)
    );
}

/// The labels of one shape, as the label engine shows them on a slide
/// ([`crate::scene::shape_labels`]): in the card in the form that fits it, the name alone when
/// the details would be too small, and the rest to `free`, to stand beside their node.
fn labels<'s>(
    out: &mut String,
    fit: &Fit,
    card: Option<Rect>,
    node: Rect,
    owner: usize,
    labels: &'s [Label],
    free: &mut Vec<FreeLabel<'s>>,
) {
    use crate::scene::Shown;
    let surface = crate::scene::Surface {
        scale: fit.scale,
        legible: fit.min_text,
        free_size: fit.min_text,
    };
    let to_slide = |p: Point| {
        let (x, y) = fit.p(p);
        Point::new(x, y)
    };
    for item in
        crate::scene::shape_labels(&Embedded, &surface, card, node, labels, &to_slide, false)
    {
        match item {
            Shown::InCard {
                label,
                text: body,
                size,
            } => {
                let (x, y) = fit.p(label.at);
                let style = Style {
                    size,
                    color: label.color,
                    anchor: if label.left { "start" } else { "middle" },
                    weight: if label.strong { "bold" } else { "normal" },
                };
                text(out, (x, y), style, &body);
            }
            Shown::Centred {
                label,
                text: body,
                size,
            } => {
                let c = card.unwrap_or(node).center();
                text(
                    out,
                    (c.x, c.y + size * 0.35),
                    centred(size, label.color),
                    &body,
                );
            }
            Shown::Free(name) => free.push(FreeLabel {
                owner,
                around: name.around,
                at: if name.centred {
                    (name.at.x, name.at.y + name.size * 0.35)
                } else {
                    (name.at.x, name.at.y)
                },
                text: &name.label.text,
                size: name.size,
                color: if name.centred { INK } else { name.label.color },
                bold: name.centred || name.label.strong,
                priority: name.priority,
                forms: name.label.forms,
                for_card: name.centred,
                fallback: name.fallback.map(|(body, size)| {
                    let c = card.unwrap_or(node).center();
                    (c, body, size, name.label.color)
                }),
            }),
        }
    }
}

/// A bold line centred on its anchor.
fn centred(size: f32, color: Color) -> Style<'static> {
    Style {
        size,
        color,
        anchor: "middle",
        weight: "bold",
    }
}

/// Text measured from the embedded font, for the label engine: a box of `lines` lines reaches
/// 0.95 of the size above the first baseline and 0.3 below the last, lines 1.2 apart.
struct Embedded;

/// Above the first baseline, as a share of the size.
const ASCENT: f32 = 0.95;
/// Below the last baseline, as a share of the size.
const DESCENT: f32 = 0.3;
/// From one baseline to the next, as a share of the size.
const LINE: f32 = 1.2;

impl crate::scene::Measure for Embedded {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        text_width(text, size, bold)
    }

    fn height(&self, size: f32, lines: usize) -> f32 {
        size * (ASCENT + DESCENT + LINE * lines.saturating_sub(1) as f32)
    }
}

/// Places the free labels with the label engine the window uses (the most important first,
/// each where it overlaps no label placed before it and no other node, inside `frame`), on a
/// pale backing so lines do not cross them.
fn place_free_labels(
    out: &mut String,
    frame: Rect,
    hub: (f32, f32),
    free: Vec<FreeLabel<'_>>,
    obstacles: &[(usize, Rect)],
) {
    let one_line = ASCENT + DESCENT;
    let loose = free
        .into_iter()
        .map(|l| crate::scene::Loose {
            owner: l.owner,
            around: l.around,
            at: Point::new(l.at.0, l.at.1),
            // The anchor is the middle of the first baseline.
            hang: (0.5, ASCENT / one_line),
            text: l.text,
            size: l.size,
            bold: l.bold,
            priority: l.priority,
            forms: l.forms,
            for_card: l.for_card,
            tag: (l.color, l.fallback),
        })
        .collect();
    let (placed, dropped) = crate::scene::labels::place_or_drop(
        &Embedded,
        frame,
        Point::new(hub.0, hub.1),
        loose,
        obstacles,
        crate::scene::Limits::SHARED,
    );
    for label in placed {
        let rect = label.rect;
        // A label that had to move away from its node keeps a thin leader to it.
        if let Some((from, to)) = label.leader {
            let _ = writeln!(
                out,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-opacity="0.55" stroke-width="1"/>"#,
                D1(from.x),
                D1(from.y),
                D1(to.x),
                D1(to.y),
                hex(MUTED)
            );
        }
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" fill-opacity="0.85"/>"#,
            D1(rect.min.x - 1.5),
            D1(rect.min.y),
            D1(rect.width() + 3.0),
            D1(rect.height()),
            hex(theme::CANVAS)
        );
        let line = label.size * LINE;
        let last = rect.max.y - label.size * DESCENT;
        let n = label.lines.len();
        for (k, body) in label.lines.iter().enumerate() {
            let y = last - line * (n - 1 - k) as f32;
            text(
                out,
                (rect.center().x, y),
                Style {
                    size: label.size,
                    color: label.tag.0,
                    anchor: "middle",
                    weight: if label.bold { "bold" } else { "normal" },
                },
                body,
            );
        }
    }
    // A card whose name found no room beside it shows its initials: none is left blank.
    for (c, body, size, color) in dropped.into_iter().filter_map(|(_, f)| f) {
        text(out, (c.x, c.y + size * 0.35), centred(size, color), &body);
    }
}

/// Writes a scene's shapes into the slide, fitted into `frame`.
fn scene(out: &mut String, scene: &Scene, area: Rect, frame: Rect, clip_id: &str, min_text: f32) {
    let fit = Fit::new(area, frame, min_text);
    let s = fit.scale;
    let _ = writeln!(
        out,
        r#"<clipPath id="{clip_id}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath><g clip-path="url(#{clip_id})">"#,
        D1(frame.min.x),
        D1(frame.min.y),
        D1(frame.width()),
        D1(frame.height())
    );
    let visible = area.expand(20.0);
    let mut free = Vec::new();
    let mut obstacles: Vec<(usize, Rect)> = Vec::new();
    for (owner, shape) in scene.shapes.iter().enumerate() {
        if !shape.bounds().intersects(&visible) {
            continue;
        }
        match shape {
            Shape::Line {
                points,
                width,
                color,
                dash,
            } => {
                out.push_str(r#"<polyline points=""#);
                for (k, &p) in points.iter().enumerate() {
                    let (x, y) = fit.p(p);
                    let sep = if k == 0 { "" } else { " " };
                    let _ = write!(out, "{sep}{},{}", D1(x), D1(y));
                }
                let _ = write!(
                    out,
                    r#"" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round""#,
                    hex(*color),
                    D1((width * s).max(0.3))
                );
                if let Some(d) = dash {
                    let _ = write!(out, r#" stroke-dasharray="{} {}""#, D1(d * s), D1(d * s));
                }
                out.push_str("/>\n");
            }
            Shape::Box {
                rect,
                corner,
                fill,
                stroke,
                stroke_width,
                dashed,
                marked,
                labels: texts,
                ..
            } => {
                let (x, y) = fit.p(rect.min);
                let (w, h) = (rect.width() * s, rect.height() * s);
                // A card and its text are one group (one shape to move in the deck).
                out.push_str("<g>\n");
                let card = Rect {
                    min: Point::new(x, y),
                    max: Point::new(x + w, y + h),
                };
                // No free label may cover a card or a domain but its own.
                if obstacles.len() < MAX_OBSTACLES {
                    obstacles.push((owner, card));
                }
                if *marked {
                    let (m, ring) = MARK_RING_BOX.at(s, MIN_RING_SLIDE);
                    let _ = writeln!(
                        out,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="none" stroke="{}" stroke-width="{}"/>"#,
                        D1(x - m),
                        D1(y - m),
                        D1(w + 2.0 * m),
                        D1(h + 2.0 * m),
                        D1(corner * s + m),
                        hex(MARK),
                        D1(ring)
                    );
                }
                let dash = if *dashed {
                    format!(r#" stroke-dasharray="{} {}""#, D1(5.0 * s), D1(4.0 * s))
                } else {
                    String::new()
                };
                // A box that only holds text (a line of the structure panel) draws no rect.
                let invisible = fill.0[3] == 0 && *stroke_width <= 0.0;
                if !invisible {
                    let _ = writeln!(
                        out,
                        r#"<rect x="{x_d1}" y="{y_d1}" width="{w_d1}" height="{h_d1}" rx="{}" fill="{}"{} stroke="{}" stroke-width="{}"{dash}/>"#,
                        D1(corner * s),
                        hex(*fill),
                        opacity(*fill),
                        hex(*stroke),
                        D1((stroke_width * s).max(0.2)),
                        x_d1 = D1(x),
                        y_d1 = D1(y),
                        w_d1 = D1(w),
                        h_d1 = D1(h)
                    );
                }
                labels(out, &fit, Some(card), card, owner, texts, &mut free);
                out.push_str("</g>\n");
            }
            Shape::Circle {
                center,
                radius,
                fill,
                stroke,
                stroke_width,
                marked,
                labels: texts,
                ..
            } => {
                let (x, y) = fit.p(*center);
                let r = radius * s;
                out.push_str("<g>\n");
                if obstacles.len() < MAX_OBSTACLES {
                    obstacles.push((owner, Rect::centered(Point::new(x, y), 2.0 * r, 2.0 * r)));
                }
                if *marked {
                    let (gap, ring) = MARK_RING_CIRCLE.at(s, MIN_RING_SLIDE);
                    let _ = writeln!(
                        out,
                        r#"<circle cx="{x_d1}" cy="{y_d1}" r="{}" fill="none" stroke="{}" stroke-width="{}"/>"#,
                        D1(r + gap),
                        hex(MARK),
                        D1(ring),
                        x_d1 = D1(x),
                        y_d1 = D1(y)
                    );
                }
                let _ = writeln!(
                    out,
                    r#"<circle cx="{x_d1}" cy="{y_d1}" r="{}" fill="{}" stroke="{}" stroke-width="{}"/>"#,
                    D1(r.max(0.5)),
                    hex(*fill),
                    hex(*stroke),
                    D1((stroke_width * s).max(0.2)),
                    x_d1 = D1(x),
                    y_d1 = D1(y)
                );
                let node = Rect::centered(Point::new(x, y), 2.0 * r, 2.0 * r);
                labels(out, &fit, None, node, owner, texts, &mut free);
                out.push_str("</g>\n");
            }
        }
    }
    place_free_labels(out, frame, fit.p(Point::default()), free, &obstacles);
    out.push_str("</g>\n");
}

/// "Dana Reyes (Principal) handles 99% of decisions through the hierarchy vs 88% straight to
/// the holder."
pub(super) fn headline(org: &Org, a: &Analysis) -> Option<String> {
    let top = a.readings.hierarchical.top.as_ref()?;
    let i = a.persons.iter().position(|p| p.id == *top)?;
    let (person, f) = (org.people.get(i)?, a.persons.get(i)?);
    let who = if person.title.is_empty() {
        person.display_name().to_owned()
    } else {
        format!("{} ({})", person.display_name(), person.title)
    };
    let straight = match &a.readings.distributed.top {
        Some(id) if id != top => {
            let other = org.person(id).map_or(id.as_str(), |p| p.display_name());
            format!(
                "; straight to the holder, {} at most ({})",
                percent(a.readings.distributed.top_share),
                other
            )
        }
        _ => String::new(),
    };
    Some(format!(
        "{who} handles {} of decisions through the hierarchy vs {} straight to the holder{straight}",
        percent(f.hierarchical.share),
        percent(f.distributed.share)
    ))
}

/// A panel of a slide: a picture, the part of it to show, and its caption.
pub struct Panel<'a> {
    /// The picture.
    pub scene: &'a Scene,
    /// The part of it to show.
    pub area: Rect,
    /// The caption above it.
    pub caption: String,
}

/// What a slide says: a title, lines under it, the panels, lines above the legend.
pub struct Slide<'a> {
    /// The title.
    pub title: String,
    /// Lines under the title.
    pub headline: Vec<String>,
    /// The panels, in rows of `columns`.
    pub panels: Vec<Panel<'a>>,
    /// Panels per row.
    pub columns: usize,
    /// Lines above the legend, each with the colour of its bullet.
    pub footer: Vec<(Color, String)>,
}

/// The whole slide as SVG text.
pub fn slide_svg(
    org: &Org,
    analysis: &Analysis,
    hierarchy: &Scene,
    network: &Scene,
    options: &ExportOptions,
) -> String {
    compose(
        &overview(org, analysis, hierarchy, network, options),
        options,
    )
}

/// What the overview slide says: the org's name, the headline figures, the view(s) and the
/// top findings.
pub fn overview<'a>(
    org: &Org,
    analysis: &Analysis,
    hierarchy: &'a Scene,
    network: &'a Scene,
    options: &ExportOptions,
) -> Slide<'a> {
    let (hierarchy_area, network_area) = match &options.extent {
        Extent::Whole => (hierarchy.bounds, network.bounds),
        Extent::Areas { hierarchy, network } => (*hierarchy, *network),
    };
    let hierarchy_panel = Panel {
        scene: hierarchy,
        area: hierarchy_area,
        caption: match &hierarchy.note {
            None => "Reporting hierarchy: every decision climbs the chain of command".to_owned(),
            Some(note) => format!("Reporting hierarchy, {note}"),
        },
    };
    let network_panel = Panel {
        scene: network,
        area: network_area,
        caption: {
            let caption = network.caption.clone().unwrap_or_else(|| {
                "Distributed network: each decision goes straight to whoever holds the right"
                    .to_owned()
            });
            match options.min_group {
                // Said first: a long caption is cut at its end.
                Some(n) => format!("Links of teams under {n} people left out · {caption}"),
                _ => caption,
            }
        },
    };
    let panels = match options.view {
        ExportView::Hierarchy => vec![hierarchy_panel],
        ExportView::Distributed => vec![network_panel],
        ExportView::Both => vec![hierarchy_panel, network_panel],
    };
    let columns = panels.len();
    // A line a finding, with findings of one kind summed up in one.
    let footer = crate::analysis::group_findings(&analysis.findings)
        .iter()
        .filter(|g| g.severity != Severity::Info)
        .take(options.findings)
        .map(|g| {
            let color = if g.severity == Severity::Critical {
                MARK
            } else {
                INK
            };
            (color, g.line(&analysis.findings).to_owned())
        })
        .collect();
    Slide {
        title: options.title.clone().unwrap_or_else(|| org.name.clone()),
        headline: headline(org, analysis)
            .into_iter()
            .chain(crate::analysis::wait_line(analysis))
            .collect(),
        panels,
        columns,
        footer,
    }
}

/// The opening of an export's SVG: its size, its fonts, and the text font embedded so that any
/// viewer draws the text at the widths it was laid out for.
pub(super) fn svg_start(out: &mut String, w: f32, h: f32) {
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}, DejaVu Sans, {CJK_FAMILY}, sans-serif">"#
    );
    let font = base64::engine::general_purpose::STANDARD.encode(epaint_default_fonts::UBUNTU_LIGHT);
    let _ = writeln!(
        out,
        "<defs><style>@font-face {{ font-family: '{FONT_FAMILY}'; src: url(data:font/ttf;base64,{font}); }}</style></defs>"
    );
}

/// Lays a slide out as SVG text: header, panels in a grid, footer lines and the legend.
pub fn compose(slide: &Slide<'_>, options: &ExportOptions) -> String {
    let (w, h) = (options.width as f32, options.height as f32);
    let margin = (w.min(h) * 0.035).max(16.0);
    // About 300 bytes a shape, plus the embedded font.
    let shapes: usize = slide.panels.iter().map(|p| p.scene.shapes.len()).sum();
    let mut out = String::with_capacity(600 * 1024 + 300 * shapes);
    svg_start(&mut out, w, h);
    if !options.transparent {
        let _ = writeln!(
            out,
            r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
            hex(theme::SLIDE)
        );
    }

    // Header: the title and the lines under it.
    let title_size = (h * 0.04).clamp(18.0, 48.0);
    let mut y = margin + title_size;
    let title = fit_width(&slide.title, title_size, w - 2.0 * margin);
    text(
        &mut out,
        (margin, y),
        Style {
            size: title_size,
            color: INK,
            anchor: "start",
            weight: "bold",
        },
        &title,
    );
    // The smallest text of the frame (the legend, at 0.9 of this) stays at least 12 px.
    let smallest = min_text(w, h);
    let small = (title_size * 0.5).max(smallest / 0.9);
    for line in &slide.headline {
        y += small * 1.7;
        let line = fit_width(line, small, w - 2.0 * margin);
        text(&mut out, (margin, y), Style::plain(small, INK), &line);
    }
    let header_bottom = y + small;

    // Footer: its findings, each wrapped onto at most two lines, then the legend.
    let line = small * 1.45;
    let legend_top = h - margin - small * 1.2;
    let footer_size = small * 0.95;
    let wrapped: Vec<(Color, Vec<String>)> = slide
        .footer
        .iter()
        .map(|(color, message)| {
            let width = w - 2.0 * margin - small;
            (*color, wrap(message, footer_size, width, 2))
        })
        .collect();
    let footer_lines: usize = wrapped.iter().map(|(_, l)| l.len()).sum();
    let footer_top = legend_top - line * footer_lines as f32 - small * 0.5;
    let mut k = 0;
    for (color, lines) in &wrapped {
        let fy = footer_top + line * (k as f32 + 0.8);
        let _ = writeln!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}"/>"#,
            D1(margin + small * 0.35),
            D1(fy - small * 0.35),
            D1(small * 0.3),
            hex(*color)
        );
        for text_line in lines {
            let fy = footer_top + line * (k as f32 + 0.8);
            text(
                &mut out,
                (margin + small, fy),
                Style::plain(footer_size, INK),
                text_line,
            );
            k += 1;
        }
    }
    legend(
        &mut out,
        margin,
        legend_top + small,
        small * 0.9,
        w - margin,
    );

    // The panels, in rows.
    let body = Rect {
        min: Point::new(margin, header_bottom + small),
        max: Point::new(w - margin, footer_top - small * 0.5),
    };
    let caption = small * 0.9;
    let gap = margin;
    let columns = slide.columns.max(1);
    let rows = slide.panels.len().div_ceil(columns).max(1);
    let pw = (body.width() - gap * (columns as f32 - 1.0)) / columns as f32;
    let ph = (body.height() - gap * (rows as f32 - 1.0)) / rows as f32;
    for (k, panel) in slide.panels.iter().enumerate() {
        let x0 = body.min.x + (k % columns) as f32 * (pw + gap);
        let y0 = body.min.y + (k / columns) as f32 * (ph + gap);
        text(
            &mut out,
            (x0, y0 + caption),
            Style::plain(caption, MUTED),
            &fit_width(&panel.caption, caption, pw),
        );
        let frame = Rect {
            min: Point::new(x0, y0 + caption * 1.6),
            max: Point::new(x0 + pw, y0 + ph),
        };
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}"/>"#,
            D1(frame.min.x),
            D1(frame.min.y),
            D1(frame.width()),
            D1(frame.height()),
            hex(theme::CANVAS),
            hex(theme::PANEL_STROKE)
        );
        scene(
            &mut out,
            panel.scene,
            panel.area,
            frame.expand(-6.0),
            &format!("clip-{k}"),
            smallest,
        );
    }
    out.push_str("</svg>\n");
    out
}

fn legend(out: &mut String, x: f32, y: f32, size: f32, right: f32) {
    let mut at = x;
    text(
        out,
        (at, y),
        Style::plain(size, MUTED),
        "Share of all decisions:",
    );
    at += size * 11.5;
    text(out, (at, y), Style::plain(size, MUTED), "0%");
    at += size * 1.8;
    for c in SCALE {
        let _ = writeln!(
            out,
            r#"<rect x="{at_d1}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="0.5"/>"#,
            D1(y - size * 0.85),
            D1(size * 1.6),
            D1(size),
            hex(c),
            hex(theme::SWATCH_STROKE),
            at_d1 = D1(at)
        );
        at += size * 1.6;
    }
    at += size * 0.4;
    text(
        out,
        (at, y),
        Style::plain(size, MUTED),
        &format!("{}%+", (SCALE_TOP * 100.0) as u32),
    );
    at += size * 3.5;
    let _ = writeln!(
        out,
        r#"<rect x="{at_d1}" y="{}" width="{}" height="{}" rx="2" fill="none" stroke="{}" stroke-width="2"/>"#,
        D1(y - size * 0.9),
        D1(size * 1.6),
        D1(size * 1.1),
        hex(MARK),
        at_d1 = D1(at)
    );
    at += size * 2.1;
    text(
        out,
        (at, y),
        Style::plain(size, MUTED),
        "funnel, wide span or sole decider",
    );
    at += size * 17.0;
    // The last note only where it fits whole: a cut explanation explains nothing.
    let note = "Line width: decisions that climb it. Circle size: share when decisions go straight to the holder.";
    if text_width(note, size, false) <= right - at {
        text(out, (at, y), Style::plain(size, MUTED), note);
    }
}
