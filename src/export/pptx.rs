//! The deck: slides as an editable PowerPoint presentation (Office Open XML, ECMA-376).
//!
//! Each slide is the very SVG slide orgflow exports, read back element by element and written
//! as DrawingML: a card becomes a rounded rectangle grouped with its text, a line a freeform
//! (or a straight connector), a label a text box with its own words, font size and colour. So
//! the deck cannot disagree with the PNG, SVG or PDF slide: it is the same drawing. A panel
//! holding more than [`MAX_NATIVE_SHAPES`] shapes (a large org) would be slow to open and
//! impossible to edit by hand; its shapes become one picture (PNG, twice the slide's pixels)
//! and its text stays native above it, so names can still be found, read and corrected.

use super::ExportError;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::fmt::Write;
use std::io::Write as _;

/// A panel with more shapes than this is drawn as a picture with its text above it.
pub const MAX_NATIVE_SHAPES: usize = 2_000;

/// A 16:9 slide is 13.333 inches wide: 12,192,000 English Metric Units (914,400 an inch).
const SLIDE_WIDTH_EMU: f64 = 12_192_000.0;

/// The typeface of every text box: installed with PowerPoint, and metric-compatible with
/// Carlito, which LibreOffice substitutes for it. Narrower than the Ubuntu Light the slide
/// is measured with, so a label that fits its card on the SVG slide fits it here too.
pub const TYPEFACE: &str = "Calibri";

/// One slide of a deck: the SVG slide and its speaker notes, a paragraph each.
#[derive(Clone, Debug, Default)]
pub struct DeckSlide {
    /// The slide, as [`super::compose`] writes it.
    pub svg: String,
    /// The speaker notes.
    pub notes: Vec<String>,
}

/// A fill or stroke colour: `RRGGBB` and opacity 0–1.
#[derive(Clone, Debug, PartialEq)]
struct Paint {
    rgb: String,
    alpha: f32,
}

/// A stroke.
#[derive(Clone, Debug, PartialEq)]
struct Pen {
    paint: Paint,
    width: f32,
    dashed: bool,
}

/// A box in slide pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Bounds {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Bounds {
    const EMPTY: Self = Self {
        x0: f32::INFINITY,
        y0: f32::INFINITY,
        x1: f32::NEG_INFINITY,
        y1: f32::NEG_INFINITY,
    };

    fn of(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self {
            x0: x,
            y0: y,
            x1: x + w,
            y1: y + h,
        }
    }

    fn union(self, o: Self) -> Self {
        Self {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }

    fn intersects(&self, o: &Self) -> bool {
        self.x0 <= o.x1 && o.x0 <= self.x1 && self.y0 <= o.y1 && o.y0 <= self.y1
    }

    fn is_empty(&self) -> bool {
        self.x0 > self.x1 || self.y0 > self.y1
    }
}

/// What the SVG slide draws, in the vocabulary [`super::compose`] writes.
#[derive(Clone, Debug)]
enum Node {
    Rect {
        at: Bounds,
        corner: f32,
        fill: Option<Paint>,
        pen: Option<Pen>,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Option<Paint>,
        pen: Option<Pen>,
    },
    Line {
        points: Vec<(f32, f32)>,
        pen: Pen,
    },
    Text {
        x: f32,
        /// The baseline.
        y: f32,
        size: f32,
        color: Paint,
        middle: bool,
        bold: bool,
        body: String,
    },
    /// A card with its text, or another group.
    Group(Vec<Node>),
    /// A view's panel: what it draws is clipped to `clip`; `picture` is the SVG of its shapes
    /// without their text, for when there are too many to draw one by one.
    Panel {
        clip: Bounds,
        nodes: Vec<Node>,
        picture: String,
    },
}

impl Node {
    fn bounds(&self) -> Bounds {
        match self {
            Node::Rect { at, pen, .. } => {
                let w = pen.as_ref().map_or(0.0, |p| p.width / 2.0);
                Bounds {
                    x0: at.x0 - w,
                    y0: at.y0 - w,
                    x1: at.x1 + w,
                    y1: at.y1 + w,
                }
            }
            Node::Circle { cx, cy, r, .. } => Bounds::of(cx - r, cy - r, 2.0 * r, 2.0 * r),
            Node::Line { points, .. } => points.iter().fold(Bounds::EMPTY, |b, &(x, y)| {
                b.union(Bounds::of(x, y, 0.0, 0.0))
            }),
            Node::Text { .. } => {
                let (x, y, w, h) = text_box(self);
                Bounds::of(x, y, w, h)
            }
            Node::Group(nodes) => nodes.iter().fold(Bounds::EMPTY, |b, n| b.union(n.bounds())),
            Node::Panel { clip, .. } => *clip,
        }
    }

    /// How many shapes it draws, text left out.
    fn shapes(&self) -> usize {
        match self {
            Node::Text { .. } => 0,
            Node::Group(nodes) | Node::Panel { nodes, .. } => nodes.iter().map(Node::shapes).sum(),
            _ => 1,
        }
    }

    /// The first text in it, to name a group by.
    fn first_text(&self) -> Option<&str> {
        match self {
            Node::Text { body, .. } => Some(body),
            Node::Group(nodes) | Node::Panel { nodes, .. } => {
                nodes.iter().find_map(Node::first_text)
            }
            _ => None,
        }
    }
}

/// The box a text stands in, in slide pixels: measured with the slide's font, from a little
/// above the cap height to below the descenders, anchored as the SVG anchors it.
fn text_box(node: &Node) -> (f32, f32, f32, f32) {
    let Node::Text {
        x,
        y,
        size,
        middle,
        bold,
        body,
        ..
    } = node
    else {
        return (0.0, 0.0, 0.0, 0.0);
    };
    let w = super::svg::text_width(body, *size, *bold) + size * 0.2;
    let left = if *middle { x - w / 2.0 } else { *x };
    (left, y - size * TEXT_ASCENT, w, size * TEXT_LINE)
}

/// Where a text box's top stands above its baseline, and how tall it is, in font sizes: a
/// line of Calibri at single spacing, zero insets (checked by eye in LibreOffice Impress).
const TEXT_ASCENT: f32 = 0.95;
const TEXT_LINE: f32 = 1.25;

/// A slide read from SVG: its size, background and what it draws.
struct Parsed {
    width: f32,
    height: f32,
    background: Option<Paint>,
    nodes: Vec<Node>,
}

fn bad(what: impl std::fmt::Display) -> ExportError {
    ExportError::Render(format!("the slide could not be read for the deck: {what}"))
}

fn attributes(e: &BytesStart<'_>) -> Result<HashMap<String, String>, ExportError> {
    let mut out = HashMap::new();
    for a in e.attributes() {
        let a = a.map_err(bad)?;
        let key = a.key.local_name().as_ref().to_owned();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(bad)?
            .into_owned();
        out.insert(key, value);
    }
    Ok(out)
}

fn number(a: &HashMap<String, String>, key: &str) -> f32 {
    a.get(key)
        .and_then(|v| v.trim().parse::<f32>().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// `#rrggbb` (and an opacity attribute) as a paint; `none` or nothing as none.
fn paint(a: &HashMap<String, String>, key: &str, opacity: &str) -> Option<Paint> {
    let v = a.get(key)?.trim();
    let hex = v.strip_prefix('#')?;
    let rgb = match hex.len() {
        6 => hex.to_ascii_uppercase(),
        3 => hex
            .chars()
            .flat_map(|c| [c, c])
            .collect::<String>()
            .to_ascii_uppercase(),
        _ => return None,
    };
    let alpha = a
        .get(opacity)
        .and_then(|o| o.trim().parse::<f32>().ok())
        .unwrap_or(1.0)
        .clamp(0.0, 1.0);
    Some(Paint { rgb, alpha })
}

fn pen(a: &HashMap<String, String>) -> Option<Pen> {
    let paint = paint(a, "stroke", "stroke-opacity")?;
    let width = a
        .get("stroke-width")
        .and_then(|w| w.trim().parse::<f32>().ok())
        .unwrap_or(1.0);
    (width > 0.0).then(|| Pen {
        paint,
        width,
        dashed: a.contains_key("stroke-dasharray"),
    })
}

/// One open element while reading: its nodes so far.
enum Frame {
    Root,
    Group,
    Panel {
        clip: Bounds,
        /// Where its `<g>` starts in the SVG.
        start: usize,
        /// The text elements inside it, to leave out of its picture.
        texts: Vec<(usize, usize)>,
        /// Its clip path's SVG.
        clip_svg: String,
    },
    /// An element whose content is not drawn (`defs`, `clipPath`, `style`).
    Skip,
}

fn parse(svg: &str) -> Result<Parsed, ExportError> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut stack: Vec<(Frame, Vec<Node>)> = Vec::new();
    let mut clips: HashMap<String, (Bounds, String)> = HashMap::new();
    let mut clip_open: Option<(String, usize)> = None;
    let mut text: Option<(HashMap<String, String>, String, usize)> = None;
    let (mut width, mut height) = (0.0, 0.0);
    let mut background = None;
    let mut root = Vec::new();
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(bad)?;
        let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let skipping = stack.iter().any(|(f, _)| matches!(f, Frame::Skip));
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_owned();
                let a = attributes(e)?;
                if name == "svg" {
                    width = number(&a, "width");
                    height = number(&a, "height");
                    if !empty {
                        stack.push((Frame::Root, Vec::new()));
                    }
                    continue;
                }
                if name == "clipPath" {
                    clip_open = a.get("id").map(|id| (id.clone(), before));
                }
                if let Some((id, _)) = &clip_open
                    && name == "rect"
                {
                    let at = Bounds::of(
                        number(&a, "x"),
                        number(&a, "y"),
                        number(&a, "width"),
                        number(&a, "height"),
                    );
                    clips.insert(id.clone(), (at, String::new()));
                }
                if skipping || matches!(name.as_str(), "defs" | "clipPath" | "style") {
                    if !empty {
                        stack.push((Frame::Skip, Vec::new()));
                    }
                    continue;
                }
                let node = match name.as_str() {
                    "g" => {
                        let clip = a
                            .get("clip-path")
                            .and_then(|c| c.strip_prefix("url(#"))
                            .and_then(|c| c.strip_suffix(')'))
                            .and_then(|id| clips.get(id));
                        let frame = match clip {
                            Some((clip, clip_svg)) => Frame::Panel {
                                clip: *clip,
                                start: before,
                                texts: Vec::new(),
                                clip_svg: clip_svg.clone(),
                            },
                            None => Frame::Group,
                        };
                        if !empty {
                            stack.push((frame, Vec::new()));
                        }
                        None
                    }
                    "rect" => {
                        let at = Bounds::of(
                            number(&a, "x"),
                            number(&a, "y"),
                            number(&a, "width"),
                            number(&a, "height"),
                        );
                        let fill = paint(&a, "fill", "fill-opacity");
                        // The first full-slide rectangle is the slide's background.
                        let whole =
                            at.x0 <= 0.0 && at.y0 <= 0.0 && at.x1 >= width && at.y1 >= height;
                        let first = matches!(stack.as_slice(), [(Frame::Root, n)] if n.is_empty());
                        if whole && first && background.is_none() {
                            background = fill;
                            None
                        } else {
                            Some(Node::Rect {
                                at,
                                corner: number(&a, "rx"),
                                fill,
                                pen: pen(&a),
                            })
                        }
                    }
                    "circle" => Some(Node::Circle {
                        cx: number(&a, "cx"),
                        cy: number(&a, "cy"),
                        r: number(&a, "r"),
                        fill: paint(&a, "fill", "fill-opacity"),
                        pen: pen(&a),
                    }),
                    "polyline" | "line" => {
                        let points: Vec<(f32, f32)> = if name == "line" {
                            vec![
                                (number(&a, "x1"), number(&a, "y1")),
                                (number(&a, "x2"), number(&a, "y2")),
                            ]
                        } else {
                            let values: Vec<f32> = a
                                .get("points")
                                .map(String::as_str)
                                .unwrap_or_default()
                                .split([' ', ','])
                                .filter_map(|v| v.parse().ok())
                                .collect();
                            values.chunks_exact(2).map(|p| (p[0], p[1])).collect()
                        };
                        match pen(&a) {
                            Some(pen) if points.len() >= 2 => Some(Node::Line { points, pen }),
                            _ => None,
                        }
                    }
                    "text" => {
                        if !empty {
                            text = Some((a, String::new(), before));
                        }
                        None
                    }
                    other => return Err(bad(format!("an unexpected <{other}> element"))),
                };
                if let Some(node) = node {
                    match stack.last_mut() {
                        Some((_, nodes)) => nodes.push(node),
                        None => root.push(node),
                    }
                }
            }
            Event::Text(ref t) => {
                if let Some((_, body, _)) = &mut text {
                    body.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(ref r) => {
                if let Some((_, body, _)) = &mut text {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        body.push(c);
                    } else {
                        let name = r.xml10_content();
                        let piece = quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| bad(format!("an unknown entity &{name};")))?;
                        body.push_str(piece);
                    }
                }
            }
            Event::End(ref e) => {
                let name = e.local_name().as_ref().to_owned();
                if name == "clipPath"
                    && let Some((id, start)) = clip_open.take()
                    && let Some(entry) = clips.get_mut(&id)
                {
                    entry.1 = svg.get(start..after).unwrap_or_default().to_owned();
                }
                if name == "text" {
                    if let Some((a, body, start)) = text.take()
                        && !skipping
                        && !body.trim().is_empty()
                    {
                        let node = Node::Text {
                            x: number(&a, "x"),
                            y: number(&a, "y"),
                            size: number(&a, "font-size").max(1.0),
                            color: paint(&a, "fill", "fill-opacity").unwrap_or(Paint {
                                rgb: "000000".to_owned(),
                                alpha: 1.0,
                            }),
                            middle: a.get("text-anchor").is_some_and(|v| v == "middle"),
                            bold: a.get("font-weight").is_some_and(|v| v == "bold"),
                            body,
                        };
                        for (frame, _) in stack.iter_mut().rev() {
                            if let Frame::Panel { texts, .. } = frame {
                                texts.push((start, after));
                                break;
                            }
                        }
                        match stack.last_mut() {
                            Some((_, nodes)) => nodes.push(node),
                            None => root.push(node),
                        }
                    }
                    continue;
                }
                // Only `svg`, `g` and what is skipped open a frame; `<rect></rect>` does not.
                let opens = matches!(stack.last(), Some((Frame::Skip, _)))
                    || matches!(name.as_str(), "svg" | "g");
                if !opens {
                    continue;
                }
                let Some((frame, nodes)) = stack.pop() else {
                    return Err(bad(format!("a stray </{name}>")));
                };
                let node = match frame {
                    Frame::Root => {
                        root.extend(nodes);
                        None
                    }
                    Frame::Skip => None,
                    Frame::Group => (!nodes.is_empty()).then_some(Node::Group(nodes)),
                    Frame::Panel {
                        clip,
                        start,
                        texts,
                        clip_svg,
                    } => {
                        // The panel's SVG with its text cut out, to draw as a picture.
                        let mut shapes = String::new();
                        let mut from = start;
                        for (s, e) in texts {
                            shapes.push_str(svg.get(from..s).unwrap_or_default());
                            from = e;
                        }
                        shapes.push_str(svg.get(from..after).unwrap_or_default());
                        let picture = format!(
                            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}">{clip_svg}{shapes}</svg>"#,
                            x = clip.x0,
                            y = clip.y0,
                            w = clip.x1 - clip.x0,
                            h = clip.y1 - clip.y0,
                        );
                        Some(Node::Panel {
                            clip,
                            nodes,
                            picture,
                        })
                    }
                };
                if let Some(node) = node {
                    match stack.last_mut() {
                        Some((_, parent)) => parent.push(node),
                        None => root.push(node),
                    }
                }
            }
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(bad("it ends inside an element"));
    }
    if width <= 0.0 || height <= 0.0 {
        return Err(bad("it has no size"));
    }
    Ok(Parsed {
        width,
        height,
        background,
        nodes: root,
    })
}

/// Text safe inside XML: escaped, and without the control characters XML 1.0 forbids.
fn xml(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|&c| c == '\t' || c == '\n' || c >= ' ')
        .collect();
    quick_xml::escape::escape(&clean).into_owned()
}

/// Writes one slide's shapes as DrawingML.
struct Writer {
    /// EMU per slide pixel.
    emu: f64,
    /// Hundredths of a point per slide pixel (font sizes).
    centipoints: f64,
    out: String,
    next_id: u32,
    /// Pictures on this slide, in order: `rId{2 + k}`.
    pictures: Vec<Vec<u8>>,
}

impl Writer {
    fn e(&self, px: f32) -> i64 {
        (f64::from(px) * self.emu).round() as i64
    }

    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// A box in EMU: its corner and a size of at least 1 each way.
    fn emu_box(&self, b: Bounds) -> (i64, i64, i64, i64) {
        let (x, y) = (self.e(b.x0), self.e(b.y0));
        (x, y, (self.e(b.x1) - x).max(1), (self.e(b.y1) - y).max(1))
    }

    fn xfrm(&mut self, b: Bounds) {
        let (x, y, w, h) = self.emu_box(b);
        let _ = write!(
            self.out,
            r#"<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>"#
        );
    }

    fn fill(&mut self, fill: Option<&Paint>) {
        match fill {
            Some(p) if p.alpha > 0.0 => {
                self.out.push_str("<a:solidFill>");
                self.color(p);
                self.out.push_str("</a:solidFill>");
            }
            _ => self.out.push_str("<a:noFill/>"),
        }
    }

    fn color(&mut self, p: &Paint) {
        if p.alpha < 1.0 {
            let _ = write!(
                self.out,
                r#"<a:srgbClr val="{}"><a:alpha val="{}"/></a:srgbClr>"#,
                p.rgb,
                (p.alpha * 100_000.0).round() as u32
            );
        } else {
            let _ = write!(self.out, r#"<a:srgbClr val="{}"/>"#, p.rgb);
        }
    }

    fn line(&mut self, pen: Option<&Pen>) {
        match pen {
            Some(pen) => {
                let _ = write!(self.out, r#"<a:ln w="{}">"#, self.e(pen.width).max(1));
                self.fill(Some(&pen.paint));
                if pen.dashed {
                    self.out.push_str(r#"<a:prstDash val="dash"/>"#);
                }
                self.out.push_str("<a:round/></a:ln>");
            }
            None => self.out.push_str("<a:ln><a:noFill/></a:ln>"),
        }
    }

    fn sp_open(&mut self, name: &str) {
        let id = self.id();
        let _ = write!(
            self.out,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>"#,
            xml(name)
        );
    }

    fn node(&mut self, node: &Node, clip: Option<&Bounds>) -> Result<(), ExportError> {
        // A shape wholly outside its panel is not drawn there either.
        if let Some(clip) = clip
            && !node.bounds().intersects(clip)
        {
            return Ok(());
        }
        match node {
            Node::Rect {
                at,
                corner,
                fill,
                pen,
            } => {
                let n = self.next_id + 1;
                self.sp_open(&format!("Rectangle {n}"));
                self.xfrm(*at);
                let short = (at.x1 - at.x0).min(at.y1 - at.y0).max(0.01);
                if *corner > 0.0 {
                    let adj = ((corner / short) * 100_000.0).round().clamp(0.0, 50_000.0);
                    let _ = write!(
                        self.out,
                        r#"<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/></a:avLst></a:prstGeom>"#
                    );
                } else {
                    self.out
                        .push_str(r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>"#);
                }
                self.fill(fill.as_ref());
                self.line(pen.as_ref());
                self.out.push_str("</p:spPr></p:sp>");
            }
            Node::Circle {
                cx,
                cy,
                r,
                fill,
                pen,
            } => {
                let n = self.next_id + 1;
                self.sp_open(&format!("Circle {n}"));
                self.xfrm(Bounds::of(cx - r, cy - r, 2.0 * r, 2.0 * r));
                self.out
                    .push_str(r#"<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>"#);
                self.fill(fill.as_ref());
                self.line(pen.as_ref());
                self.out.push_str("</p:spPr></p:sp>");
            }
            Node::Line { points, pen } => self.polyline(points, pen),
            Node::Text { .. } => self.text(node),
            Node::Group(nodes) => {
                let bounds = node.bounds();
                if bounds.is_empty() {
                    return Ok(());
                }
                let id = self.id();
                let name = node
                    .first_text()
                    .map_or_else(|| format!("Group {id}"), |t| format!("Card: {t}"));
                let _ = write!(
                    self.out,
                    r#"<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>"#,
                    xml(&name)
                );
                let (x, y, w, h) = self.emu_box(bounds);
                let _ = write!(
                    self.out,
                    r#"<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/><a:chOff x="{x}" y="{y}"/><a:chExt cx="{w}" cy="{h}"/></a:xfrm></p:grpSpPr>"#
                );
                for n in nodes {
                    self.node(n, clip)?;
                }
                self.out.push_str("</p:grpSp>");
            }
            Node::Panel {
                clip: panel,
                nodes,
                picture,
            } => {
                let visible: usize = nodes
                    .iter()
                    .filter(|n| n.bounds().intersects(panel))
                    .map(Node::shapes)
                    .sum();
                if visible > MAX_NATIVE_SHAPES {
                    self.picture(*panel, picture, visible)?;
                    for n in nodes {
                        self.texts_only(n, panel);
                    }
                } else {
                    for n in nodes {
                        self.node(n, Some(panel))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The text of a node drawn as a picture.
    fn texts_only(&mut self, node: &Node, clip: &Bounds) {
        match node {
            Node::Text { .. } if node.bounds().intersects(clip) => self.text(node),
            Node::Group(nodes) | Node::Panel { nodes, .. } => {
                for n in nodes {
                    self.texts_only(n, clip);
                }
            }
            _ => {}
        }
    }

    fn polyline(&mut self, points: &[(f32, f32)], pen: &Pen) {
        let bounds = points.iter().fold(Bounds::EMPTY, |b, &(x, y)| {
            b.union(Bounds::of(x, y, 0.0, 0.0))
        });
        let id = self.id();
        if let [(x1, y1), (x2, y2)] = points {
            // A straight line is a connector, as PowerPoint draws one.
            let flip = match (x2 < x1, y2 < y1) {
                (true, true) => r#" flipH="1" flipV="1""#,
                (true, false) => r#" flipH="1""#,
                (false, true) => r#" flipV="1""#,
                (false, false) => "",
            };
            let _ = write!(
                self.out,
                r#"<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{id}" name="Connector {id}"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr>"#
            );
            let (x, y) = (self.e(bounds.x0), self.e(bounds.y0));
            let (w, h) = (self.e(bounds.x1) - x, self.e(bounds.y1) - y);
            let _ = write!(
                self.out,
                r#"<a:xfrm{flip}><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>"#
            );
            self.line(Some(pen));
            self.out.push_str("</p:spPr></p:cxnSp>");
            return;
        }
        let _ = write!(
            self.out,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="Line {id}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>"#
        );
        self.xfrm(bounds);
        let (x0, y0, w, h) = self.emu_box(bounds);
        let _ = write!(
            self.out,
            r#"<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="{w}" h="{h}" fill="none">"#
        );
        for (k, &(x, y)) in points.iter().enumerate() {
            let tag = if k == 0 { "moveTo" } else { "lnTo" };
            let _ = write!(
                self.out,
                r#"<a:{tag}><a:pt x="{}" y="{}"/></a:{tag}>"#,
                self.e(x) - x0,
                self.e(y) - y0
            );
        }
        self.out
            .push_str("</a:path></a:pathLst></a:custGeom><a:noFill/>");
        self.line(Some(pen));
        self.out.push_str("</p:spPr></p:sp>");
    }

    fn text(&mut self, node: &Node) {
        let Node::Text {
            size,
            color,
            middle,
            bold,
            body,
            ..
        } = node
        else {
            return;
        };
        let (x, y, w, h) = text_box(node);
        let id = self.id();
        let short: String = body.chars().take(60).collect();
        let _ = write!(
            self.out,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="Text: {}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>"#,
            xml(&short)
        );
        self.xfrm(Bounds::of(x, y, w, h));
        self.out.push_str(
            r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p>"#,
        );
        let align = if *middle { "ctr" } else { "l" };
        let sz = (f64::from(*size) * self.centipoints)
            .round()
            .clamp(100.0, 400_000.0) as u32;
        let _ = write!(
            self.out,
            r#"<a:pPr algn="{align}"/><a:r><a:rPr lang="en-GB" sz="{sz}" b="{}" dirty="0"><a:solidFill>"#,
            u8::from(*bold)
        );
        self.color(color);
        let _ = write!(
            self.out,
            r#"</a:solidFill><a:latin typeface="{TYPEFACE}"/><a:cs typeface="{TYPEFACE}"/></a:rPr><a:t>{}</a:t></a:r></a:p></p:txBody></p:sp>"#,
            xml(body)
        );
    }

    fn picture(&mut self, at: Bounds, svg: &str, shapes: usize) -> Result<(), ExportError> {
        let (w, h) = (at.x1 - at.x0, at.y1 - at.y0);
        let png = super::png(
            svg,
            w.round().max(1.0) as u32,
            h.round().max(1.0) as u32,
            2.0,
        )?;
        self.pictures.push(png);
        let rid = format!("rId{}", 1 + self.pictures.len());
        let id = self.id();
        let descr = format!(
            "{} shapes drawn as one picture (more than {} would be slow to open); the names above it are text",
            crate::format::thousands(shapes as f64),
            crate::format::thousands(MAX_NATIVE_SHAPES as f64)
        );
        let _ = write!(
            self.out,
            r#"<p:pic><p:nvPicPr><p:cNvPr id="{id}" name="Picture {id}" descr="{}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>"#,
            xml(&descr)
        );
        self.xfrm(at);
        self.out
            .push_str(r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#);
        Ok(())
    }
}

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const GROUP_ROOT: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

/// A slide's XML and its pictures.
struct SlidePart {
    xml: String,
    pictures: Vec<Vec<u8>>,
    width: f32,
    height: f32,
}

fn slide_part(svg: &str) -> Result<SlidePart, ExportError> {
    let parsed = parse(svg)?;
    let emu = SLIDE_WIDTH_EMU / f64::from(parsed.width);
    let mut w = Writer {
        emu,
        // 13.333 inches are 960 points, whatever the slide's width in pixels.
        centipoints: 96_000.0 / f64::from(parsed.width),
        out: String::with_capacity(svg.len() * 2),
        next_id: 1,
        pictures: Vec::new(),
    };
    let _ = write!(w.out, "{XML_HEAD}<p:sld {NS}><p:cSld>");
    if let Some(bg) = &parsed.background {
        w.out.push_str("<p:bg><p:bgPr>");
        w.fill(Some(bg));
        w.out.push_str("<a:effectLst/></p:bgPr></p:bg>");
    }
    let _ = write!(w.out, "<p:spTree>{GROUP_ROOT}");
    for node in &parsed.nodes {
        w.node(node, None)?;
    }
    w.out
        .push_str("</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>");
    Ok(SlidePart {
        xml: w.out,
        pictures: w.pictures,
        width: parsed.width,
        height: parsed.height,
    })
}

fn notes_part(notes: &[String]) -> String {
    let mut body = String::new();
    for paragraph in notes {
        let _ = write!(
            body,
            r#"<a:p><a:r><a:rPr lang="en-GB" dirty="0"/><a:t>{}</a:t></a:r></a:p>"#,
            xml(paragraph)
        );
    }
    if body.is_empty() {
        body.push_str("<a:p><a:endParaRPr lang=\"en-GB\"/></a:p>");
    }
    format!(
        r#"{XML_HEAD}<p:notes {NS}><p:cSld><p:spTree>{GROUP_ROOT}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"#
    )
}

fn relationships(rels: &[(String, &str, String)]) -> String {
    let mut out = format!(
        r#"{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for (id, kind, target) in rels {
        let _ = write!(
            out,
            r#"<Relationship Id="{id}" Type="{kind}" Target="{}"/>"#,
            xml(target)
        );
    }
    out.push_str("</Relationships>");
    out
}

/// The parts every deck shares, from python-pptx's default template (MIT licence, in
/// `assets/pptx/LICENSE-python-pptx`), cut to one blank layout.
const MASTER: &str = include_str!("../../assets/pptx/slideMaster1.xml");
const MASTER_RELS: &str = include_str!("../../assets/pptx/slideMaster1.xml.rels");
const LAYOUT: &str = include_str!("../../assets/pptx/slideLayout1.xml");
const LAYOUT_RELS: &str = include_str!("../../assets/pptx/slideLayout1.xml.rels");
const THEME: &str = include_str!("../../assets/pptx/theme1.xml");
const NOTES_MASTER: &str = include_str!("../../assets/pptx/notesMaster1.xml");
const NOTES_THEME: &str = include_str!("../../assets/pptx/theme2.xml");
const PRES_PROPS: &str = include_str!("../../assets/pptx/presProps.xml");
const VIEW_PROPS: &str = include_str!("../../assets/pptx/viewProps.xml");
const TABLE_STYLES: &str = include_str!("../../assets/pptx/tableStyles.xml");

/// The deck's bytes: a `.pptx` package of these slides, titled `title`. Every slide must
/// have the size of the first.
pub fn package(slides: &[DeckSlide], title: &str) -> Result<Vec<u8>, ExportError> {
    if slides.is_empty() {
        return Err(ExportError::Render(
            "a deck needs at least one slide".to_owned(),
        ));
    }
    let parts: Vec<SlidePart> = slides
        .iter()
        .map(|s| slide_part(&s.svg))
        .collect::<Result<_, _>>()?;
    let (width, height) = (parts[0].width, parts[0].height);
    let emu = SLIDE_WIDTH_EMU / f64::from(width);
    let slide_height = (f64::from(height) * emu).round() as i64;

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| files.push((name.to_owned(), bytes));
    let mut types = format!(
        r#"{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>"#
    );
    let mut over = |part: &str, kind: &str| {
        let _ = write!(
            types,
            r#"<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-{kind}"/>"#
        );
    };
    over(
        "ppt/presentation.xml",
        "officedocument.presentationml.presentation.main+xml",
    );
    over(
        "ppt/slideMasters/slideMaster1.xml",
        "officedocument.presentationml.slideMaster+xml",
    );
    over(
        "ppt/slideLayouts/slideLayout1.xml",
        "officedocument.presentationml.slideLayout+xml",
    );
    over(
        "ppt/notesMasters/notesMaster1.xml",
        "officedocument.presentationml.notesMaster+xml",
    );
    over("ppt/theme/theme1.xml", "officedocument.theme+xml");
    over("ppt/theme/theme2.xml", "officedocument.theme+xml");
    over(
        "ppt/presProps.xml",
        "officedocument.presentationml.presProps+xml",
    );
    over(
        "ppt/viewProps.xml",
        "officedocument.presentationml.viewProps+xml",
    );
    over(
        "ppt/tableStyles.xml",
        "officedocument.presentationml.tableStyles+xml",
    );
    over("docProps/core.xml", "package.core-properties+xml");
    over("docProps/app.xml", "officedocument.extended-properties+xml");

    let mut slide_ids = String::new();
    let mut pres_rels: Vec<(String, &str, String)> = vec![
        (
            "rId1".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster",
            "slideMasters/slideMaster1.xml".to_owned(),
        ),
        (
            "rId2".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster",
            "notesMasters/notesMaster1.xml".to_owned(),
        ),
        (
            "rId3".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps",
            "presProps.xml".to_owned(),
        ),
        (
            "rId4".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps",
            "viewProps.xml".to_owned(),
        ),
        (
            "rId5".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
            "theme/theme1.xml".to_owned(),
        ),
        (
            "rId6".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles",
            "tableStyles.xml".to_owned(),
        ),
    ];
    let mut media = 0;
    for (k, (part, slide)) in parts.into_iter().zip(slides).enumerate() {
        let n = k + 1;
        let rid = format!("rId{}", 10 + k);
        let _ = write!(slide_ids, r#"<p:sldId id="{}" r:id="{rid}"/>"#, 256 + k);
        pres_rels.push((
            rid,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide",
            format!("slides/slide{n}.xml"),
        ));
        over(
            &format!("ppt/slides/slide{n}.xml"),
            "officedocument.presentationml.slide+xml",
        );
        over(
            &format!("ppt/notesSlides/notesSlide{n}.xml"),
            "officedocument.presentationml.notesSlide+xml",
        );
        let mut rels: Vec<(String, &str, String)> = vec![(
            "rId1".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout",
            "../slideLayouts/slideLayout1.xml".to_owned(),
        )];
        for (p, png) in part.pictures.into_iter().enumerate() {
            media += 1;
            let name = format!("image{media}.png");
            rels.push((
                format!("rId{}", 2 + p),
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                format!("../media/{name}"),
            ));
            add(&format!("ppt/media/{name}"), png);
        }
        rels.push((
            "rIdNotes".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide",
            format!("../notesSlides/notesSlide{n}.xml"),
        ));
        add(&format!("ppt/slides/slide{n}.xml"), part.xml.into_bytes());
        add(
            &format!("ppt/slides/_rels/slide{n}.xml.rels"),
            relationships(&rels).into_bytes(),
        );
        add(
            &format!("ppt/notesSlides/notesSlide{n}.xml"),
            notes_part(&slide.notes).into_bytes(),
        );
        let notes_rels = vec![
            (
                "rId1".to_owned(),
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster",
                "../notesMasters/notesMaster1.xml".to_owned(),
            ),
            (
                "rId2".to_owned(),
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide",
                format!("../slides/slide{n}.xml"),
            ),
        ];
        add(
            &format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
            relationships(&notes_rels).into_bytes(),
        );
    }
    types.push_str("</Types>");

    let presentation = format!(
        r#"{XML_HEAD}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst><p:sldIdLst>{slide_ids}</p:sldIdLst><p:sldSz cx="{}" cy="{slide_height}"/><p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle><a:defPPr><a:defRPr lang="en-GB"/></a:defPPr></p:defaultTextStyle></p:presentation>"#,
        SLIDE_WIDTH_EMU as i64
    );
    add("ppt/presentation.xml", presentation.into_bytes());
    add(
        "ppt/_rels/presentation.xml.rels",
        relationships(&pres_rels).into_bytes(),
    );
    let package_rels = vec![
        (
            "rId1".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
            "ppt/presentation.xml".to_owned(),
        ),
        (
            "rId2".to_owned(),
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml".to_owned(),
        ),
        (
            "rId3".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
            "docProps/app.xml".to_owned(),
        ),
    ];
    add("_rels/.rels", relationships(&package_rels).into_bytes());
    add(
        "docProps/core.xml",
        format!(
            r#"{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>orgflow</dc:creator></cp:coreProperties>"#,
            xml(title)
        )
        .into_bytes(),
    );
    add(
        "docProps/app.xml",
        format!(
            r#"{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>orgflow</Application><Slides>{}</Slides><Notes>{}</Notes><PresentationFormat>On-screen Show</PresentationFormat></Properties>"#,
            slides.len(),
            slides.len()
        )
        .into_bytes(),
    );
    add("ppt/slideMasters/slideMaster1.xml", MASTER.into());
    add(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        MASTER_RELS.into(),
    );
    add("ppt/slideLayouts/slideLayout1.xml", LAYOUT.into());
    add(
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
        LAYOUT_RELS.into(),
    );
    add("ppt/theme/theme1.xml", THEME.into());
    add("ppt/notesMasters/notesMaster1.xml", NOTES_MASTER.into());
    add(
        "ppt/notesMasters/_rels/notesMaster1.xml.rels",
        relationships(&[(
            "rId1".to_owned(),
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
            "../theme/theme2.xml".to_owned(),
        )])
        .into_bytes(),
    );
    add("ppt/theme/theme2.xml", NOTES_THEME.into());
    add("ppt/presProps.xml", PRES_PROPS.into());
    add("ppt/viewProps.xml", VIEW_PROPS.into());
    add("ppt/tableStyles.xml", TABLE_STYLES.into());
    files.insert(0, ("[Content_Types].xml".to_owned(), types.into_bytes()));

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in &files {
        zip.start_file(name.as_str(), stored)
            .map_err(|e| ExportError::Render(format!("could not pack the deck: {e}")))?;
        zip.write_all(bytes)
            .map_err(|e| ExportError::Render(format!("could not pack the deck: {e}")))?;
    }
    let cursor = zip
        .finish()
        .map_err(|e| ExportError::Render(format!("could not pack the deck: {e}")))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080">
<defs><style>@font-face { font-family: 'Ubuntu'; }</style></defs>
<rect width="1920" height="1080" fill="#ffffff"/>
<text x="40.0" y="80.0" font-size="40.0" fill="#1f2933" text-anchor="start" font-weight="bold">R&amp;D &lt;Lab&gt;</text>
<clipPath id="clip-0"><rect x="100.0" y="200.0" width="800.0" height="600.0"/></clipPath><g clip-path="url(#clip-0)">
<polyline points="150.0,250.0 150.0,300.0 400.0,300.0" fill="none" stroke="#777777" stroke-width="2.0" stroke-linejoin="round"/>
<g><rect x="120.0" y="220.0" width="100.0" height="40.0" rx="4.0" fill="#ffcc00" fill-opacity="0.500" stroke="#333333" stroke-width="1.0"/>
<text x="170.0" y="245.0" font-size="14.0" fill="#000000" text-anchor="middle" font-weight="normal">Dana Reyes</text></g>
<circle cx="5000.0" cy="5000.0" r="10.0" fill="#ff0000" stroke="#000000" stroke-width="1.0"/>
<line x1="500.0" y1="500.0" x2="450.0" y2="400.0" stroke="#999999" stroke-opacity="0.55" stroke-width="1"/>
</g>
</svg>
"##;

    #[test]
    fn reads_the_slide_vocabulary() {
        let p = parse(SVG).unwrap();
        assert_eq!((p.width, p.height), (1920.0, 1080.0));
        assert_eq!(p.background.unwrap().rgb, "FFFFFF");
        assert_eq!(p.nodes.len(), 2, "the title and the panel: {:?}", p.nodes);
        let Node::Text { body, bold, .. } = &p.nodes[0] else {
            panic!("{:?}", p.nodes[0])
        };
        assert_eq!(body, "R&D <Lab>");
        assert!(bold);
        let Node::Panel {
            clip,
            nodes,
            picture,
        } = &p.nodes[1]
        else {
            panic!("{:?}", p.nodes[1])
        };
        assert_eq!(*clip, Bounds::of(100.0, 200.0, 800.0, 600.0));
        assert_eq!(nodes.len(), 4);
        assert!(matches!(&nodes[1], Node::Group(g) if g.len() == 2));
        // The picture keeps the shapes and leaves the text to the text boxes.
        assert!(picture.contains("<polyline") && picture.contains("clip-0"));
        assert!(!picture.contains("Dana Reyes"), "{picture}");
    }

    #[test]
    fn writes_shapes_in_emu_and_drops_what_the_panel_cuts_off() {
        let part = slide_part(SVG).unwrap();
        let x = &part.xml;
        // 1920 px are 12,192,000 EMU: 6,350 a pixel. The card is at (120, 220).
        assert!(
            x.contains(r#"<a:off x="762000" y="1397000"/><a:ext cx="635000" cy="254000"/>"#),
            "{x}"
        );
        // rx 4 on a 40 px high card: 10% of the short side.
        assert!(x.contains(r#"fmla="val 10000""#));
        assert!(x.contains(r#"<a:srgbClr val="FFCC00"><a:alpha val="50000"/></a:srgbClr>"#));
        // 14 px on a 1920 px slide is 7 pt.
        assert!(x.contains(r#"sz="700""#));
        assert!(x.contains("<a:t>R&amp;D &lt;Lab&gt;</a:t>"));
        assert!(x.contains(r#"name="Card: Dana Reyes""#));
        // The circle far outside the panel is not drawn; the leader is a flipped connector.
        assert!(!x.contains("prst=\"ellipse\""));
        assert!(x.contains(r#"<a:xfrm flipH="1" flipV="1">"#));
        assert!(x.contains("<p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/>"));
        assert!(part.pictures.is_empty());
    }

    #[test]
    fn refuses_what_it_cannot_draw() {
        let err = parse(r#"<svg width="10" height="10"><image href="x.png"/></svg>"#)
            .err()
            .unwrap();
        assert!(err.to_string().contains("<image>"), "{err}");
        assert!(parse("<svg><rect/>").is_err());
    }
}
