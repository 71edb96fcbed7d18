//! The one label engine, for the window and the slides alike: which labels stand free (beside a
//! node, or over a card too small for its text), where, in what form (one line, two, or cut at
//! a word), and the name that fits a card. Text is measured through [`Measure`], which the
//! window's painter and the slide's embedded font each implement; overlaps are found through a
//! grid, so placing a label checks its neighbours, never every label and node.

use super::{Label, MUST_READ, label_places};
use crate::layout::{Point, Rect};
use crate::model::names::{name_forms, title_forms};
use std::collections::HashMap;

/// How wide and tall text is, as the surface that draws it sets it.
pub trait Measure {
    /// The width of `text` on one line at `size` pixels.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32;
    /// The height of a box holding `lines` lines at `size` pixels.
    fn height(&self, size: f32, lines: usize) -> f32;
}

/// A label to place after every shape is drawn.
#[derive(Clone, Debug)]
pub struct Loose<'a, T> {
    /// The number of the shape it names: its own node is no obstacle to it.
    pub owner: usize,
    /// The node it stands beside, when it may move to another side of it to find room.
    pub around: Option<Rect>,
    /// Where it is meant to stand.
    pub at: Point,
    /// How its first line hangs from `at`, as shares of its width and of one line's height:
    /// (0.5, 0.5) centres it on `at`, (0.5, 0.0) hangs it below.
    pub hang: (f32, f32),
    /// The text.
    pub text: &'a str,
    /// Size in pixels.
    pub size: f32,
    /// Bold.
    pub bold: bool,
    /// Higher goes first; [`MUST_READ`] and above may be cut at a word rather than dropped.
    pub priority: f32,
    /// How its text may be shortened.
    pub forms: Forms,
    /// It names a card too small for it: every form is tried over the card before any beside
    /// it, and away from the card a leader always joins them.
    pub for_card: bool,
    /// What the caller needs to draw it (a colour).
    pub tag: T,
}

/// Where a label went, in the form it fitted.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed<T> {
    /// Its box.
    pub rect: Rect,
    /// Its lines, top first: the text, the text on two lines, or the text cut with "…".
    pub lines: Vec<String>,
    /// A thin line from its node to the box, when the box had to move away from the node.
    pub leader: Option<(Point, Point)>,
    /// Size in pixels.
    pub size: f32,
    /// Bold.
    pub bold: bool,
    /// The caller's data.
    pub tag: T,
}

/// How many labels are tried and placed at most.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Labels tried, the most important first.
    pub tried: usize,
    /// Labels placed.
    pub placed: usize,
}

impl Limits {
    /// The limits of the window and the slides alike: more labels than this cannot be read
    /// on one screen or slide anyway, and a frame must be drawn in a few milliseconds.
    pub const SHARED: Self = Self {
        tried: 2_000,
        placed: 500,
    };
}

/// After this many labels in a row that need not be read found no room, the rest of those are
/// dropped unsearched (labels that must be read are always searched for).
const GIVE_UP_AFTER: usize = 200;

/// Beyond this many nodes, labels no longer step around them (in the window and on slides).
pub const MAX_OBSTACLES: usize = 5_000;

/// Places the labels, the most important first, each inside `frame` where it overlaps no
/// label placed before it and no node but its own. A label beside a node tries its own place,
/// then the others beside the node (away from `hub` first); each form is tried in turn: one
/// line, two lines split at the space nearest the middle, and, for a label that must be read,
/// the text cut after whole words.
pub fn place<T>(
    measure: &dyn Measure,
    frame: Rect,
    hub: Point,
    labels: Vec<Loose<'_, T>>,
    obstacles: &[(usize, Rect)],
    limits: Limits,
) -> Vec<Placed<T>> {
    place_or_drop(measure, frame, hub, labels, obstacles, limits).0
}

/// [`place`], and the tags of the labels that found no room (or were beyond the limits).
pub fn place_or_drop<T>(
    measure: &dyn Measure,
    frame: Rect,
    hub: Point,
    mut labels: Vec<Loose<'_, T>>,
    obstacles: &[(usize, Rect)],
    limits: Limits,
) -> (Vec<Placed<T>>, Vec<T>) {
    let by_priority = |a: &Loose<'_, T>, b: &Loose<'_, T>| b.priority.total_cmp(&a.priority);
    let mut dropped = Vec::new();
    if labels.len() > limits.tried {
        labels.select_nth_unstable_by(limits.tried, by_priority);
        dropped.extend(labels.split_off(limits.tried).into_iter().map(|l| l.tag));
    }
    labels.sort_by(by_priority);
    let mut nodes = Grid::default();
    for (owner, r) in obstacles {
        nodes.insert(*owner, *r);
    }
    let mut placed = Grid::default();
    let mut out = Vec::new();
    let mut failures = 0;
    for label in labels {
        if out.len() >= limits.placed {
            dropped.push(label.tag);
            continue;
        }
        let line = measure.height(label.size, 1);
        let free_at = |rect: &Rect| {
            inside(frame, rect)
                && !placed.hits(rect, |_| true)
                && !nodes.hits(rect, |owner| owner != label.owner)
        };
        // The box of one form at its own place, and its other places beside the node.
        let boxes = |lines: &[String]| {
            let width = lines
                .iter()
                .map(|l| measure.width(l, label.size, label.bold))
                .fold(0.0, f32::max);
            let height = measure.height(label.size, lines.len());
            let min = Point::new(
                label.at.x - width * label.hang.0,
                label.at.y - line * label.hang.1,
            );
            let own = Rect {
                min,
                max: Point::new(min.x + width, min.y + height),
            };
            let others = label.around.map_or_else(Vec::new, |n| {
                label_places(n, (width, height), hub, label.priority >= MUST_READ)
            });
            (own, others)
        };
        // Where labels that need not be read keep failing (a dense grid of small cards), the
        // rest of them are not searched for: each search measures every form in every place.
        let must_read = label.priority >= MUST_READ;
        if !must_read && failures >= GIVE_UP_AFTER {
            dropped.push(label.tag);
            continue;
        }
        // Each form measured once: its lines, its own place and its other places.
        let all: Vec<(Vec<String>, Rect, Vec<Rect>)> = forms(&label)
            .into_iter()
            .map(|lines| {
                let (own, others) = boxes(&lines);
                (lines, own, others)
            })
            .collect();
        let over_card = label
            .for_card
            .then(|| all.iter().find(|(_, own, _)| free_at(own)))
            .flatten()
            .map(|(lines, own, _)| (*own, lines.clone()));
        let found = over_card.or_else(|| {
            all.into_iter().find_map(|(lines, own, others)| {
                let rect = std::iter::once(own).chain(others).find(free_at)?;
                Some((rect, lines))
            })
        });
        let Some((rect, lines)) = found else {
            if !must_read {
                failures += 1;
            }
            dropped.push(label.tag);
            continue;
        };
        if !must_read {
            failures = 0;
        }
        placed.insert(usize::MAX, rect.expand(2.0));
        let apart = if label.for_card { 0.0 } else { 6.0 };
        let leader = label
            .around
            .filter(|n| !rect.expand(apart).intersects(n))
            .map(|n| leader(n, rect));
        out.push(Placed {
            rect,
            lines,
            leader,
            size: label.size,
            bold: label.bold,
            tag: label.tag,
        });
    }
    (out, dropped)
}

/// How a label's text may be shortened when room is short.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Forms {
    /// Cut with "…" where it meets the edge (a card's details).
    #[default]
    Cut,
    /// Cut after whole words, ended with "…" (a domain, a team, a post's title).
    Words,
    /// A person's name: its shorter forms ([`name_forms`]); the initials only when `initials`
    /// (never for the top two levels, a flagged person or the selection).
    Name {
        /// The shortest form may be the initials.
        initials: bool,
    },
}

impl Forms {
    /// Every form of `text` this allows, the longest first.
    pub fn of(self, text: &str) -> Vec<String> {
        match self {
            Forms::Cut => vec![text.to_owned()],
            Forms::Words => title_forms(text),
            Forms::Name { initials } => name_forms(text, initials),
        }
    }

    /// The longest form of `text`, the first of [`Forms::of`], without working out the rest
    /// ("King, Janet" reads "Janet King").
    pub fn first(self, text: &str) -> String {
        match self {
            Forms::Name { .. } => crate::model::names::natural(text),
            Forms::Cut | Forms::Words => text.trim().to_owned(),
        }
    }

    /// True for a name that must be read whole rather than as initials.
    pub fn keeps_name(self) -> bool {
        matches!(self, Forms::Name { initials: false })
    }
}

/// The longest form of `text` that fits `width` at `size`; for [`Forms::Cut`], the text cut
/// with "…" to fit. `None` when not even the shortest form fits.
pub fn fit_text(
    measure: &dyn Measure,
    text: &str,
    forms: Forms,
    size: f32,
    bold: bool,
    width: f32,
) -> Option<String> {
    // Most texts fit as they read: their other forms are not worked out.
    let first = forms.first(text);
    if measure.width(&first, size, bold) <= width {
        return Some(first);
    }
    if let Some(form) = forms
        .of(text)
        .into_iter()
        .skip(1)
        .find(|form| measure.width(form, size, bold) <= width)
    {
        return Some(form);
    }
    if forms != Forms::Cut {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    (1..chars.len()).rev().find_map(|n| {
        let cut: String = chars[..n].iter().collect::<String>().trim_end().to_owned() + "…";
        (measure.width(&cut, size, bold) <= width).then_some(cut)
    })
}

/// The longest form of a person's name ("Janet King", "J. King", "King", "JK") that fits
/// `width` at `size`.
pub fn fit_name(
    measure: &dyn Measure,
    name: &str,
    size: f32,
    bold: bool,
    width: f32,
) -> Option<String> {
    fit_text(
        measure,
        name,
        Forms::Name { initials: true },
        size,
        bold,
        width,
    )
}

/// How a surface (the window, a slide) draws labels.
#[derive(Clone, Copy, Debug)]
pub struct Surface {
    /// Surface pixels per canvas unit.
    pub scale: f32,
    /// The smallest text it draws, in pixels: smaller labels give way.
    pub legible: f32,
    /// The size of a name that stands free because its card is too small for it.
    pub free_size: f32,
}

/// A card's name drawn alone in it is at most this share of the card's height...
const COMPACT_HEIGHT: f32 = 0.6;
/// ...and at most this many times the surface's smallest text.
const COMPACT_MAX: f32 = 1.5;
/// Room kept between a card's edge and the name drawn alone in it, in pixels.
const COMPACT_MARGIN: f32 = 3.5;

/// What becomes of one label of a shape on a surface.
#[derive(Clone, Debug)]
pub enum Shown<'a> {
    /// Drawn at its own place in its card, in this form, at `size` pixels.
    InCard {
        /// The label.
        label: &'a Label,
        /// Its text in the form that fits the card.
        text: String,
        /// Size in pixels.
        size: f32,
    },
    /// The card's name alone, centred in it: its details would be too small to read.
    Centred {
        /// The label.
        label: &'a Label,
        /// The form of the name that fills the card.
        text: String,
        /// Size in pixels.
        size: f32,
    },
    /// To stand free, placed with the others by [`place`].
    Free(FreeName<'a>),
}

/// A label that stands free of its shape.
#[derive(Clone, Debug)]
pub struct FreeName<'a> {
    /// The label.
    pub label: &'a Label,
    /// The node it stands beside.
    pub around: Option<Rect>,
    /// Where it is meant to stand, in surface pixels.
    pub at: Point,
    /// `at` is the middle of the text (a name standing for its card), not the label's own
    /// anchor.
    pub centred: bool,
    /// Size in pixels.
    pub size: f32,
    /// Its rank among the free labels.
    pub priority: f32,
    /// The form drawn in the card when the free label finds no room, and its size, so that
    /// no card is ever left blank.
    pub fallback: Option<(String, f32)>,
}

/// The labels of one shape on `surface`: a label inside `card` is drawn there in the form that
/// fits its width; when the card's details would be too small to read, its name alone fills
/// it in the longest form that fits, or stands free (beside the card, at the surface's free
/// size) when none does, its initials kept for the card should no room be found. Names that
/// must be read whole (`Forms::Name { initials: false }`, or the `selected` shape) never take
/// initials while any room is left and go before the others. Labels beside a node stand free
/// when legible. `to_surface` maps canvas points to surface pixels.
pub fn shape_labels<'a>(
    measure: &dyn Measure,
    surface: &Surface,
    card: Option<Rect>,
    node: Rect,
    labels: &'a [Label],
    to_surface: &dyn Fn(Point) -> Point,
    selected: bool,
) -> Vec<Shown<'a>> {
    let inside = |l: &Label| card.filter(|r| r.contains(to_surface(l.at)));
    let compact = labels
        .iter()
        .any(|l| inside(l).is_some() && l.size * surface.scale < surface.legible);
    let mut out = Vec::with_capacity(labels.len());
    for label in labels {
        let size = label.size * surface.scale;
        let at = to_surface(label.at);
        let forms = if selected {
            match label.forms {
                Forms::Name { .. } => Forms::Name { initials: false },
                other => other,
            }
        } else {
            label.forms
        };
        let keep = forms.keeps_name() || selected;
        let priority = |p: f32| {
            let p = if keep { p.max(0.0) + MUST_READ } else { p };
            if selected { p + 100.0 } else { p }
        };
        match (inside(label), label.priority) {
            (Some(r), _) if !compact => {
                let room = if label.left {
                    r.max.x - at.x - (at.x - r.min.x).min(12.0)
                } else {
                    2.0 * (at.x - r.min.x).min(r.max.x - at.x) - 6.0
                };
                let text = fit_text(measure, &label.text, forms, size, label.strong, room)
                    .or_else(|| forms.of(&label.text).pop())
                    .unwrap_or_default();
                out.push(Shown::InCard { label, text, size });
            }
            (Some(r), Some(p)) => {
                let size = (r.height() * COMPACT_HEIGHT).min(surface.legible * COMPACT_MAX);
                let room = r.width() - 2.0 * COMPACT_MARGIN;
                if let Some((text, size)) =
                    fill_card(measure, &label.text, forms, size, surface.legible, room)
                {
                    out.push(Shown::Centred { label, text, size });
                    continue;
                }
                // The initials, should the name find no room beside the card either.
                let initials = Forms::Name { initials: true };
                let fallback = (size >= surface.legible)
                    .then(|| fit_text(measure, &label.text, initials, size, true, room))
                    .flatten()
                    .map(|text| (text, size));
                out.push(Shown::Free(FreeName {
                    label,
                    around: Some(r),
                    at: r.center(),
                    centred: true,
                    size: surface.free_size,
                    priority: priority(p),
                    fallback,
                }));
            }
            (Some(_), None) => {}
            (None, p) if size >= surface.legible => out.push(Shown::Free(FreeName {
                label,
                around: Some(node),
                at,
                centred: false,
                size,
                priority: priority(p.unwrap_or(0.0)),
                fallback: None,
            })),
            (None, Some(p)) => out.push(Shown::Free(FreeName {
                label,
                around: Some(node),
                at,
                centred: false,
                size: surface.free_size,
                priority: priority(p),
                fallback: None,
            })),
            (None, None) => {}
        }
    }
    out
}

/// The form and size of a card's name drawn alone in it, `room` wide and at most `size` high:
/// the longest form that fits at a legible size, as large as it fits; the initials (when
/// `forms` allows them) only when no other form fits.
fn fill_card(
    measure: &dyn Measure,
    text: &str,
    forms: Forms,
    size: f32,
    legible: f32,
    room: f32,
) -> Option<(String, f32)> {
    if size < legible || room <= 0.0 {
        return None;
    }
    let whole = match forms {
        Forms::Name { .. } => Forms::Name { initials: false },
        other => other,
    };
    // The largest size, up to `size`, at which a form fits the room.
    let fits_at = |form: &str| {
        let width = measure.width(form, size, true);
        if width <= 0.0 {
            size
        } else {
            (size * room / width).min(size)
        }
    };
    // Most names fit as they read: their other forms are not worked out.
    let first = whole.first(text);
    let at = fits_at(&first) * 0.98;
    if at >= legible && measure.width(&first, at, true) <= room {
        return Some((first, at));
    }
    let candidates = whole.of(text);
    if let Some((form, at)) = candidates
        .iter()
        .map(|f| (f, fits_at(f)))
        .find(|(_, at)| *at >= legible)
    {
        // Measured widths are not quite linear in the size: check at the size chosen.
        let at = (at * 0.98).max(legible);
        if measure.width(form, at, true) <= room {
            return Some((form.clone(), at));
        }
    }
    match forms {
        Forms::Name { initials: true } => fit_text(measure, text, forms, size, true, room)
            .filter(|form| !candidates.contains(form))
            .map(|form| (form, size)),
        _ => None,
    }
}

/// The forms a label may take, in the order tried: as it is, on two lines, then (a name, or a
/// label that must be read) its shorter forms.
fn forms<T>(label: &Loose<'_, T>) -> Vec<Vec<String>> {
    // A name reads first name first ("King, Janet" as "Janet King"); a name standing free has
    // room for more than its initials.
    let names = match label.forms {
        Forms::Name { .. } => name_forms(label.text, false),
        _ => vec![label.text.to_owned()],
    };
    let text = names.first().map_or(label.text, String::as_str);
    let mut forms = vec![vec![text.to_owned()]];
    if label.around.is_none() {
        return forms;
    }
    if text.chars().count() >= 16
        && let Some((a, b)) = halves(text)
    {
        forms.push(vec![a.to_owned(), b.to_owned()]);
    }
    match label.forms {
        // Every shorter form for a name that must be read; for the others (most cards of a
        // large org, each frame) only the family name, which keeps the cost of a frame down.
        Forms::Name { .. } if label.priority >= MUST_READ => {
            forms.extend(names.iter().skip(1).map(|s| vec![s.clone()]));
        }
        Forms::Name { .. } => forms.extend(
            names
                .last()
                .filter(|_| names.len() > 1)
                .map(|s| vec![s.clone()]),
        ),
        _ if label.priority >= MUST_READ => {
            forms.extend(shortened(text).into_iter().map(|s| vec![s]));
        }
        _ => {}
    }
    forms
}

/// The text split at the space nearest its middle.
fn halves(text: &str) -> Option<(&str, &str)> {
    let half = text.len() / 2;
    let cut = text
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(half))?;
    Some((&text[..cut], &text[cut + 1..]))
}

/// Shorter forms of a label, cut after whole words and ended with "…": about two thirds, then
/// half of its length, never under two words or eight letters.
pub fn shortened(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let chars = text.chars().count();
    let mut forms: Vec<String> = Vec::new();
    for share in [0.66, 0.5] {
        let budget = (chars as f32 * share) as usize;
        let mut form = String::new();
        for w in &words {
            if !form.is_empty() && form.chars().count() + 1 + w.chars().count() > budget {
                break;
            }
            if !form.is_empty() {
                form.push(' ');
            }
            form.push_str(w);
        }
        let form = form.trim_end_matches([',', ';', ':', '-', '–']).to_owned();
        let long = form.chars().count();
        if form.split_whitespace().count() >= 2
            && long >= 8
            && long < chars
            && !forms.iter().any(|f| f.trim_end_matches('…') == form)
        {
            forms.push(format!("{form}…"));
        }
    }
    forms
}

/// From the edge of `node`, towards the nearest point of `rect`.
fn leader(node: Rect, rect: Rect) -> (Point, Point) {
    let c = node.center();
    let to = Point::new(
        c.x.clamp(rect.min.x, rect.max.x),
        c.y.clamp(rect.min.y, rect.max.y),
    );
    let (dx, dy) = (to.x - c.x, to.y - c.y);
    // Where the ray from the middle leaves the node: its edge for a card, about the same for
    // a round node drawn in its box.
    let (hw, hh) = (node.width() / 2.0, node.height() / 2.0);
    let t = match (dx.abs() > 1e-3, dy.abs() > 1e-3) {
        (true, true) => (hw / dx.abs()).min(hh / dy.abs()),
        (true, false) => hw / dx.abs(),
        (false, true) => hh / dy.abs(),
        (false, false) => 0.0,
    }
    .min(1.0);
    (Point::new(c.x + dx * t, c.y + dy * t), to)
}

fn inside(frame: Rect, rect: &Rect) -> bool {
    rect.min.x >= frame.min.x
        && rect.max.x <= frame.max.x
        && rect.min.y >= frame.min.y
        && rect.max.y <= frame.max.y
}

/// Rectangles found by the cells of a coarse grid they cover.
#[derive(Default)]
struct Grid {
    cells: HashMap<(i32, i32), Vec<(usize, Rect)>>,
}

impl Grid {
    /// The side of a cell, in pixels: about a short label's width.
    const CELL: f32 = 64.0;

    fn cells_of(rect: &Rect) -> impl Iterator<Item = (i32, i32)> {
        let cell = |v: f32| (v / Self::CELL).floor().clamp(-1e6, 1e6) as i32;
        let (x0, y0, x1, y1) = (
            cell(rect.min.x),
            cell(rect.min.y),
            cell(rect.max.x),
            cell(rect.max.y),
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Adds a rectangle owned by `owner`.
    fn insert(&mut self, owner: usize, rect: Rect) {
        for cell in Self::cells_of(&rect) {
            self.cells.entry(cell).or_default().push((owner, rect));
        }
    }

    /// True when `rect` overlaps a rectangle whose owner `counts`.
    fn hits(&self, rect: &Rect, counts: impl Fn(usize) -> bool) -> bool {
        Self::cells_of(rect).any(|cell| {
            self.cells.get(&cell).is_some_and(|list| {
                list.iter()
                    .any(|(owner, r)| counts(*owner) && r.intersects(rect))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every letter 0.6 of the size wide; lines 1.2 of it tall.
    struct Mono;

    impl Measure for Mono {
        fn width(&self, text: &str, size: f32, _bold: bool) -> f32 {
            text.chars().count() as f32 * size * 0.6
        }
        fn height(&self, size: f32, lines: usize) -> f32 {
            size * 1.2 * lines as f32
        }
    }

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect {
            min: Point::new(x0, y0),
            max: Point::new(x1, y1),
        }
    }

    fn loose(owner: usize, around: Rect, text: &str, priority: f32) -> Loose<'_, usize> {
        Loose {
            owner,
            around: Some(around),
            at: Point::new(around.center().x, around.max.y + 2.0),
            hang: (0.5, 0.0),
            text,
            size: 10.0,
            bold: false,
            priority,
            forms: Forms::Cut,
            for_card: false,
            tag: owner,
        }
    }

    const LIMITS: Limits = Limits {
        tried: 1000,
        placed: 1000,
    };

    #[test]
    fn no_label_overlaps_another_or_a_node_not_its_own() {
        // A dense grid of nodes, each with a long name: many cannot be placed, none overlaps.
        let mut nodes = Vec::new();
        let mut names = Vec::new();
        for i in 0..12 {
            for j in 0..12 {
                let x = 20.0 + i as f32 * 40.0;
                let y = 20.0 + j as f32 * 30.0;
                nodes.push((nodes.len(), rect(x, y, x + 12.0, y + 12.0)));
                names.push(format!("Person number {i} {j}"));
            }
        }
        let labels: Vec<Loose<'_, usize>> = nodes
            .iter()
            .zip(&names)
            .map(|(&(owner, r), name)| loose(owner, r, name, (owner % 5) as f32))
            .collect();
        let frame = rect(0.0, 0.0, 520.0, 400.0);
        let placed = place(
            &Mono,
            frame,
            Point::new(260.0, 200.0),
            labels,
            &nodes,
            LIMITS,
        );
        assert!(!placed.is_empty());
        for (k, a) in placed.iter().enumerate() {
            assert!(inside(frame, &a.rect));
            for b in &placed[k + 1..] {
                assert!(!a.rect.intersects(&b.rect), "{a:?} over {b:?}");
            }
            for (owner, n) in &nodes {
                assert!(
                    *owner == a.tag || !a.rect.intersects(n),
                    "{a:?} over node {owner}"
                );
            }
        }
    }

    #[test]
    fn the_grid_finds_exactly_what_checking_every_pair_finds() {
        let mut grid = Grid::default();
        let mut all = Vec::new();
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f32 / (1u64 << 31) as f32
        };
        for k in 0..300 {
            let (x, y) = (next() * 900.0 - 100.0, next() * 700.0 - 100.0);
            let r = rect(x, y, x + next() * 150.0, y + next() * 40.0);
            grid.insert(k, r);
            all.push((k, r));
        }
        for _ in 0..500 {
            let (x, y) = (next() * 900.0 - 100.0, next() * 700.0 - 100.0);
            let probe = rect(x, y, x + next() * 200.0, y + next() * 60.0);
            let brute = all.iter().any(|(k, r)| k % 3 != 0 && r.intersects(&probe));
            assert_eq!(grid.hits(&probe, |k| k % 3 != 0), brute);
        }
    }

    #[test]
    fn the_most_important_label_goes_first_and_the_others_step_aside() {
        let node = rect(100.0, 100.0, 110.0, 110.0);
        let frame = rect(0.0, 0.0, 400.0, 300.0);
        let labels = vec![loose(0, node, "Minor", 0.0), loose(0, node, "Major", 1.0)];
        let placed = place(&Mono, frame, Point::new(0.0, 0.0), labels, &[], LIMITS);
        assert_eq!(placed.len(), 2);
        assert_eq!(placed[0].lines, ["Major"]);
        // Its own place, below the node.
        assert!(placed[0].rect.min.y >= node.max.y);
        assert!(!placed[0].rect.intersects(&placed[1].rect));
    }

    #[test]
    fn a_long_label_goes_on_two_lines_or_is_cut_at_a_word_before_it_is_dropped() {
        let node = rect(95.0, 10.0, 105.0, 20.0);
        let text = "Assessment and marking policy review";
        // Room for about 20 letters either side of the node, below it only.
        let frame = rect(40.0, 0.0, 160.0, 60.0);
        let blocked = [(1, rect(0.0, 0.0, 200.0, 9.0))];
        let hub = Point::new(100.0, 0.0);
        let placed = place(
            &Mono,
            frame,
            hub,
            vec![loose(0, node, text, MUST_READ)],
            &blocked,
            LIMITS,
        );
        assert_eq!(placed.len(), 1);
        let lines = &placed[0].lines;
        assert!(lines.len() == 2 || lines[0].ends_with('…'), "{lines:?}");
        assert!(Mono.width(&lines[0], 10.0, false) <= 120.0);
        // A label that need not be read is not cut: it is dropped.
        let placed = place(
            &Mono,
            rect(40.0, 0.0, 120.0, 60.0),
            hub,
            vec![loose(0, node, text, 0.0)],
            &blocked,
            LIMITS,
        );
        assert!(placed.iter().all(|p| !p.lines[0].ends_with('…')));
    }

    #[test]
    fn shortened_forms_end_after_whole_words() {
        assert_eq!(
            shortened("Metric definitions and dashboards"),
            ["Metric definitions…"]
        );
        assert!(shortened("Budget").is_empty());
        for form in shortened("Parent concerns and complaints, Early years") {
            let body = form.trim_end_matches('…');
            assert!("Parent concerns and complaints, Early years".starts_with(body));
            assert!(!body.ends_with(','));
        }
    }

    #[test]
    fn a_name_takes_the_longest_form_that_fits() {
        assert_eq!(
            fit_name(&Mono, "Janet King", 10.0, false, 61.0).as_deref(),
            Some("Janet King")
        );
        let short = fit_name(&Mono, "Janet King", 10.0, false, 45.0).expect("a form");
        assert!(short.chars().count() < "Janet King".chars().count());
        assert!(Mono.width(&short, 10.0, false) <= 45.0);
    }
}
