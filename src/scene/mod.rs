//! What to draw, from the model, the analysis and the layout: one description of each picture
//! for both the screen and exported images, in canvas units.

pub mod chart;
pub mod labels;
pub mod structure;

pub use labels::{
    Forms, FreeName, Limits, Loose, Measure, Placed, Shown, Surface, fit_name, fit_text,
    shape_labels,
};

use crate::analysis::{Analysis, FindingKind};
use crate::layout::{NetworkLayout, NodeKind, Point, Rect, Tie, TreeLayout};
use crate::model::Org;

use crate::theme;
pub use crate::theme::{Color, INK, LINE, MARK, MUTED, SCALE, SCALE_TOP, load_color, text_on};

/// Where the hierarchy's colours by incoming links reach their darkest: fitted to the largest
/// share anybody receives ([`crate::theme::links_scale_top`]).
pub fn links_scale_top(analysis: &Analysis) -> f64 {
    let largest = analysis
        .persons
        .iter()
        .map(|p| p.links_in_share)
        .fold(0.0, f64::max);
    crate::theme::links_scale_top(largest)
}

/// What a shape stands for, for clicks and selection.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A person (index into `org.people`).
    Person(u32),
    /// A decision domain (index into `org.decisions`).
    Domain(u32),
    /// A team's people grouped into one node.
    Group(String),
    /// A figure of the structure panel (a bar, a line of text): what it says, in words.
    Figure(String),
}

/// A line of text on a shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The text.
    pub text: String,
    /// Font size in canvas units.
    pub size: f32,
    /// Where its baseline's centre (or start, when `left` is set) is.
    pub at: Point,
    /// Drawn from `at` to the right instead of centred on it.
    pub left: bool,
    /// Its colour.
    pub color: Color,
    /// Bold.
    pub strong: bool,
    /// For the one label that names its shape: how much it matters that it stays readable
    /// (the person's share, higher for a marked person or a domain). When text is too small
    /// to read, the view shows fewer, larger labels, these first; `None` for details that
    /// simply disappear.
    pub priority: Option<f32>,
    /// How its text may be shortened to fit.
    pub forms: Forms,
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A polyline.
    Line {
        /// Its points.
        points: Vec<Point>,
        /// Width in canvas units.
        width: f32,
        /// Colour.
        color: Color,
        /// Dash length, or `None` for solid.
        dash: Option<f32>,
    },
    /// A rounded rectangle (a person's card, or a decision domain).
    Box {
        /// Where.
        rect: Rect,
        /// Corner radius.
        corner: f32,
        /// Fill.
        fill: Color,
        /// Outline colour.
        stroke: Color,
        /// Outline width.
        stroke_width: f32,
        /// Dashed outline (an open position).
        dashed: bool,
        /// Marked as a funnel, wide span or sole holder.
        marked: bool,
        /// What it stands for.
        target: Target,
        /// Its text.
        labels: Vec<Label>,
    },
    /// A circle (a person or a group in the network).
    Circle {
        /// Centre.
        center: Point,
        /// Radius.
        radius: f32,
        /// Fill.
        fill: Color,
        /// Outline colour.
        stroke: Color,
        /// Outline width.
        stroke_width: f32,
        /// Marked as a funnel, wide span or sole holder.
        marked: bool,
        /// What it stands for.
        target: Target,
        /// Its text.
        labels: Vec<Label>,
    },
}

impl Shape {
    /// The area it covers, for culling and clicks.
    pub fn bounds(&self) -> Rect {
        match self {
            Shape::Line { points, width, .. } => {
                let mut r = Rect {
                    min: points.first().copied().unwrap_or_default(),
                    max: points.first().copied().unwrap_or_default(),
                };
                for &p in points {
                    r = r.union(&Rect { min: p, max: p });
                }
                r.expand(*width)
            }
            Shape::Box { rect, .. } => *rect,
            Shape::Circle { center, radius, .. } => {
                Rect::centered(*center, radius * 2.0, radius * 2.0)
            }
        }
    }

    /// What it stands for, if it can be clicked.
    pub fn target(&self) -> Option<&Target> {
        match self {
            Shape::Line { .. } => None,
            Shape::Box { target, .. } | Shape::Circle { target, .. } => Some(target),
        }
    }
}

/// A picture: shapes in drawing order (lines first), in canvas units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// What to draw, back to front.
    pub shapes: Vec<Shape>,
    /// Everything drawn.
    pub bounds: Rect,
    /// What the picture leaves out, said where it is shown ("the top 2 levels and the
    /// flagged people"); `None` when it shows everything.
    pub note: Option<String>,
    /// What the picture is, when it is not the reading its view is named after ("Who people
    /// go to", "Structure"): the slide's caption and the window's heading say it.
    pub caption: Option<String>,
}

impl Scene {
    /// The first shape standing for `target`.
    pub fn find(&self, target: &Target) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.target() == Some(target))
    }

    /// The topmost clickable shape at `p`.
    pub fn hit(&self, p: Point) -> Option<&Target> {
        self.shapes.iter().rev().find_map(|s| match s {
            Shape::Circle {
                center,
                radius,
                target,
                ..
            } => {
                let (dx, dy) = (p.x - center.x, p.y - center.y);
                (dx * dx + dy * dy <= radius * radius).then_some(target)
            }
            Shape::Box { rect, target, .. } => rect.contains(p).then_some(target),
            Shape::Line { .. } => None,
        })
    }
}

/// People marked in both views: funnels, wide spans and sole holders of many domains.
pub fn marked_people(org: &Org, analysis: &Analysis) -> Vec<bool> {
    let index = org.person_positions();
    let mut marked = vec![false; org.people.len()];
    for f in &analysis.findings {
        if matches!(
            f.kind,
            FindingKind::Funnel
                | FindingKind::MatrixFunnel
                | FindingKind::WideSpan
                | FindingKind::SingleHolder
        ) {
            for id in &f.people {
                if let Some(&i) = index.get(id.as_str()) {
                    marked[i] = true;
                }
            }
        }
    }
    marked
}

/// Labels of at least this priority (domains, flagged people, the selection) try every place
/// beside their node before giving up; the others only its four sides.
pub const MUST_READ: f32 = 2.0;

/// The other places, in the order to try, where a label `width` × `height` may stand beside
/// `node` when its own place (below it) is taken; y grows downwards (screen and slide alike).
/// Above, right and left of the node; for a label that must be read, then its corners, and
/// out or in along the ray from `hub` (the middle of the picture) through the node.
pub fn label_places(
    node: Rect,
    (width, height): (f32, f32),
    hub: Point,
    must_read: bool,
) -> Vec<Rect> {
    let at = |x: f32, y: f32| Rect {
        min: Point::new(x, y),
        max: Point::new(x + width, y + height),
    };
    let c = node.center();
    let mut places = vec![
        at(c.x - width / 2.0, node.min.y - 3.0 - height),
        at(node.max.x + 4.0, c.y - height / 2.0),
        at(node.min.x - 4.0 - width, c.y - height / 2.0),
    ];
    if !must_read {
        return places;
    }
    places.extend([
        at(node.max.x + 3.0, node.max.y + 3.0),
        at(node.min.x - 3.0 - width, node.max.y + 3.0),
        at(node.max.x + 3.0, node.min.y - 3.0 - height),
        at(node.min.x - 3.0 - width, node.min.y - 3.0 - height),
    ]);
    let (dx, dy) = (c.x - hub.x, c.y - hub.y);
    let len = dx.hypot(dy);
    if len > 1.0 {
        let (ux, uy) = (dx / len, dy / len);
        for k in 1..=6 {
            let reach = node.width() / 2.0 + height * 0.8 + k as f32 * 16.0;
            for sign in [1.0, -1.0] {
                let (x, y) = (c.x + sign * ux * reach, c.y + sign * uy * reach);
                places.push(at(x - width / 2.0, y - height / 2.0));
            }
        }
    }
    places
}

pub use crate::model::names::name_forms;

/// How a person's name on a node may be shortened: as a name (never to initials when
/// `whole`), or, for an open post or a withheld name, whose title shows instead, at words.
fn person_forms(person: &crate::model::Person, whole: bool) -> Forms {
    // An open post is named by the post ("Director General Major Projects & London").
    if person.shows_name() && !person.vacant {
        Forms::Name { initials: !whole }
    } else {
        Forms::Words
    }
}

/// A card's second line: the title, or what keeps the person from acting ("Open position",
/// "Left: Production Manager", "Away: Principal", "Not in this file").
pub fn status_line(person: &crate::model::Person) -> String {
    use crate::model::Status;
    let with = |word: &str| {
        if person.title.is_empty() {
            word.to_owned()
        } else {
            format!("{word}: {}", person.title)
        }
    };
    if person.vacant {
        "Open position".to_owned()
    } else if person.external {
        person.title.clone()
    } else {
        match person.status {
            // A name withheld shows the title in its place: the line below says "name not
            // disclosed" and the team rather than the title twice.
            Status::Active if crate::model::is_withheld_name(&person.name) => {
                if person.team.is_empty() {
                    "Name not disclosed".to_owned()
                } else {
                    format!("Name not disclosed · {}", person.team)
                }
            }
            Status::Active => person.title.clone(),
            Status::Left => with("Left"),
            Status::Placeholder => with("Placeholder"),
            Status::Away => with("Away"),
        }
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut t: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The reporting hierarchy: cards coloured by hierarchical load, lines as thick as the
/// decisions that climb them.
pub fn hierarchy_scene(
    org: &Org,
    analysis: &Analysis,
    layout: &TreeLayout,
    marked: &[bool],
) -> Scene {
    hierarchy_scene_by(org, analysis, layout, marked, ColorBy::Load)
}

/// What colours the hierarchy's cards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ColorBy {
    /// Each person's share of all decisions through the hierarchy.
    #[default]
    Load,
    /// Each person's share of all incoming link weight: who people go to.
    Links,
    /// The working days a decision waits for each person, in the view's reading (through the
    /// hierarchy in the hierarchy, straight to the holder in the network); darkest for a
    /// queue that grows without end.
    Wait,
}

/// [`hierarchy_scene`], with the cards coloured by `color_by`.
pub fn hierarchy_scene_by(
    org: &Org,
    analysis: &Analysis,
    layout: &TreeLayout,
    marked: &[bool],
    color_by: ColorBy,
) -> Scene {
    let mut shapes = Vec::with_capacity(org.people.len() * 2);
    let busiest = analysis
        .persons
        .iter()
        .map(|p| p.line_to_manager)
        .fold(0.0f64, f64::max);
    let flow_of = |report: u32| {
        analysis
            .persons
            .get(report as usize)
            .map_or(0.0, |p| p.line_to_manager)
    };
    let width_of = |flow: f64| {
        if busiest > 0.0 {
            1.0 + 7.0 * (flow / busiest).min(1.0).sqrt() as f32
        } else {
            1.0
        }
    };
    for (_, reports, points) in &layout.trunks {
        let flow: f64 = reports.iter().map(|&r| flow_of(r)).sum();
        shapes.push(Shape::Line {
            points: points.clone(),
            width: width_of(flow),
            color: LINE,
            dash: None,
        });
    }
    for (_, report, points) in &layout.lines {
        shapes.push(Shape::Line {
            points: points.clone(),
            width: width_of(flow_of(*report)),
            color: LINE,
            dash: None,
        });
    }
    // Dotted-line managers: a dashed line from the manager's card to the person's, over the
    // tree (the layout follows the reporting lines only).
    if org.people.iter().any(|p| !p.dotted_managers.is_empty()) {
        let index = crate::model::person_index(org);
        for (i, p) in org.people.iter().enumerate() {
            let Some(Some(to)) = layout.cards.get(i) else {
                continue;
            };
            for m in &p.dotted_managers {
                let Some(Some(from)) = index.get(m.as_str()).and_then(|&j| layout.cards.get(j))
                else {
                    continue;
                };
                shapes.push(Shape::Line {
                    points: vec![
                        Point::new(from.center().x, from.max.y),
                        Point::new(to.center().x, to.min.y),
                    ],
                    width: 1.5,
                    color: theme::DOTTED,
                    dash: Some(6.0),
                });
            }
        }
    }
    let links_top = links_scale_top(analysis);
    for (i, card) in layout.cards.iter().enumerate() {
        let (Some(rect), Some(person), Some(figures)) =
            (card, org.people.get(i), analysis.persons.get(i))
        else {
            continue;
        };
        // Open posts, people who left, placeholders and those away are drawn pale and dashed:
        // in the chart with their reports, carrying nothing.
        let idle = !person.can_act();
        let fill = if idle {
            theme::VACANT_FILL
        } else {
            match color_by {
                ColorBy::Load => load_color(figures.hierarchical.share),
                ColorBy::Links => crate::theme::scale_color(figures.links_in_share, links_top),
                ColorBy::Wait => {
                    crate::theme::wait_color(figures.hierarchical.queue.map(|q| q.wait_days))
                }
            }
        };
        let ink = text_on(fill);
        let x = rect.min.x + 10.0;
        let hidden = layout.hidden_below.get(i).copied().unwrap_or(0);
        // A card whose reports are hidden says how many, even when only its name is drawn.
        let name = match hidden {
            0 => person.display_name().to_owned(),
            h => format!("{} +{h}", person.display_name()),
        };
        let is_marked = marked.get(i).copied().unwrap_or(false);
        // Never initials for the top two levels or a flagged person.
        let name_forms = person_forms(person, figures.level < 2 || is_marked);
        let mut labels = vec![
            Label {
                text: name,
                size: 17.0,
                at: Point::new(x, rect.min.y + 23.0),
                left: true,
                color: ink,
                strong: true,
                priority: Some(
                    figures.hierarchical.share.max(figures.distributed.share) as f32
                        + if is_marked { 1.0 } else { 0.0 },
                ),
                forms: name_forms,
            },
            Label {
                text: status_line(person),
                size: 13.0,
                at: Point::new(x, rect.min.y + 42.0),
                left: true,
                color: if ink == INK { MUTED } else { ink },
                strong: false,
                priority: None,
                forms: Forms::Cut,
            },
        ];
        let mut badge = match (figures.direct_reports, hidden) {
            (0, _) => String::new(),
            (d, 0) => format!("{d} direct · {} total", figures.total_reports),
            (d, h) => format!(
                "{d} direct · {} total · {h} hidden ▸",
                figures.total_reports
            ),
        };
        // Junior posts below (a UK organogram's), counted in FTE, never as reports.
        if figures.junior_fte_below > 0.0 {
            let fte = format!("{} FTE", crate::format::fte(figures.junior_fte_below));
            badge = if badge.is_empty() {
                format!("{fte} in junior posts")
            } else {
                format!("{badge} · {fte}")
            };
        }
        // A job share: the post's holders, counted.
        if !person.co_holders.is_empty() {
            let shared = format!("job share of {}", person.co_holders.len() + 1);
            badge = if badge.is_empty() {
                shared
            } else {
                format!("{badge} · {shared}")
            };
        }
        if !badge.is_empty() {
            labels.push(Label {
                text: badge,
                size: 12.0,
                at: Point::new(x, rect.min.y + 60.0),
                left: true,
                color: if ink == INK { MUTED } else { ink },
                strong: false,
                priority: None,
                forms: Forms::Cut,
            });
        }
        shapes.push(Shape::Box {
            rect: *rect,
            corner: 6.0,
            fill,
            stroke: if idle { MUTED } else { theme::CARD_STROKE },
            stroke_width: 1.0,
            dashed: idle,
            marked: marked.get(i).copied().unwrap_or(false),
            target: Target::Person(i as u32),
            labels,
        });
    }
    Scene {
        shapes,
        bounds: layout.bounds.expand(40.0),
        note: None,
        caption: None,
    }
}

/// The distributed network: domains, rights holders sized by their distributed share, and
/// teams grouped.
pub fn network_scene(
    org: &Org,
    analysis: &Analysis,
    layout: &NetworkLayout,
    marked: &[bool],
) -> Scene {
    network_scene_by(org, analysis, layout, marked, ColorBy::Load)
}

/// [`network_scene`], with the people coloured by their waits when `color_by` says so (else
/// by the layout's reading: decisions, or who people go to).
pub fn network_scene_by(
    org: &Org,
    analysis: &Analysis,
    layout: &NetworkLayout,
    marked: &[bool],
    color_by: ColorBy,
) -> Scene {
    // A file with neither rights nor links: its structure, rather than grey team circles.
    if structure::shows_structure(org) {
        return structure::structure_scene(org);
    }
    let mut shapes = Vec::with_capacity(layout.nodes.len() + layout.ties.len());
    let middle = layout.bounds.center();
    let links_reading = layout.reading == crate::layout::NetworkReading::Links;
    let links_top = links_scale_top(analysis);
    let heaviest = layout
        .ties
        .iter()
        .zip(&layout.weights)
        .filter(|((_, _, t), _)| matches!(t, Tie::Peer | Tie::Band))
        .map(|(_, &w)| w)
        .fold(0.0f32, f32::max);
    let lightest = layout
        .ties
        .iter()
        .zip(&layout.weights)
        .filter(|((_, _, t), _)| matches!(t, Tie::Peer | Tie::Band))
        .map(|(_, &w)| w)
        .fold(f32::INFINITY, f32::min);
    for (k, &(a, b, tie)) in layout.ties.iter().enumerate() {
        // Links are as wide as their weight between the lightest and the heaviest; all alike,
        // they are all thin.
        let weighted = |thinnest: f32, widest: f32| {
            let w = layout.weights.get(k).copied().unwrap_or(1.0);
            if heaviest > lightest {
                thinnest + (widest - thinnest) * ((w - lightest) / (heaviest - lightest)).sqrt()
            } else {
                thinnest
            }
        };
        let (Some(na), Some(nb)) = (layout.nodes.get(a as usize), layout.nodes.get(b as usize))
        else {
            continue;
        };
        let (width, color, dash) = match tie {
            Tie::Decides => (2.5, theme::DECIDES, None),
            Tie::Approves => (1.5, theme::APPROVES, None),
            Tie::Consulted => (1.0, theme::CONSULTED, Some(6.0)),
            Tie::Peer => (weighted(1.0, 4.0), theme::PEER, Some(2.5)),
            Tie::Band => (weighted(1.0, 10.0), theme::PEER.with_alpha(0x50), None),
        };
        // Links bend towards the middle, so that those between the same parts of the ring run
        // together instead of hatching the picture; rights are straight.
        let (points, towards) = if matches!(tie, Tie::Peer | Tie::Band) {
            bent(na.center, nb.center, middle)
        } else {
            (vec![na.center, nb.center], na.center)
        };
        shapes.push(Shape::Line {
            points,
            width,
            color,
            dash,
        });
        // A link is directed: an arrowhead where it arrives, at the edge of the node sought.
        if tie == Tie::Peer
            && let Some(head) = arrowhead(towards, nb.center, nb.radius, 5.0 + width)
        {
            shapes.push(Shape::Line {
                points: head,
                width: width.max(1.2),
                color: theme::PEER.with_alpha(0xc0),
                dash: None,
            });
        }
    }
    for node in &layout.nodes {
        match &node.kind {
            NodeKind::Domain(k) => {
                let Some(d) = org.decisions.get(*k as usize) else {
                    continue;
                };
                let rect = Rect::centered(node.center, node.radius * 2.0, node.radius * 2.0);
                // Nobody who can act may decide it (none named, or all of them gone).
                let undecided = analysis
                    .domains
                    .get(*k as usize)
                    .is_none_or(|f| f.deciders == 0);
                shapes.push(Shape::Box {
                    rect,
                    corner: 3.0,
                    fill: if undecided {
                        theme::DOMAIN_UNDECIDED_FILL
                    } else {
                        theme::DOMAIN_FILL
                    },
                    stroke: theme::APPROVES,
                    stroke_width: 1.5,
                    dashed: undecided,
                    marked: false,
                    target: Target::Domain(*k),
                    labels: vec![Label {
                        text: d.name.clone(),
                        size: 15.0,
                        at: Point::new(node.center.x, rect.max.y + 17.0),
                        left: false,
                        color: theme::DECIDES,
                        strong: false,
                        // Every domain is named before any person.
                        priority: Some(2.0 + (d.per_month / (1.0 + d.per_month)).max(0.0) as f32),
                        forms: Forms::Words,
                    }],
                });
            }
            NodeKind::Person(p) => {
                let (Some(person), Some(figures)) = (
                    org.people.get(*p as usize),
                    analysis.persons.get(*p as usize),
                ) else {
                    continue;
                };
                // In the links' reading, by who people go to; else by decisions.
                let (fill, share) = if color_by == ColorBy::Wait {
                    (
                        crate::theme::wait_color(figures.distributed.queue.map(|q| q.wait_days)),
                        figures.distributed.share,
                    )
                } else if links_reading {
                    (
                        crate::theme::scale_color(figures.links_in_share, links_top),
                        figures.links_in_share,
                    )
                } else {
                    (
                        load_color(figures.distributed.share),
                        figures.distributed.share,
                    )
                };
                shapes.push(Shape::Circle {
                    center: node.center,
                    radius: node.radius,
                    fill,
                    stroke: theme::CARD_STROKE,
                    stroke_width: 1.0,
                    marked: marked.get(*p as usize).copied().unwrap_or(false),
                    target: Target::Person(*p),
                    labels: vec![Label {
                        text: person.display_name().to_owned(),
                        size: 17.0,
                        at: Point::new(node.center.x, node.center.y + node.radius + 19.0),
                        left: false,
                        color: INK,
                        strong: true,
                        // A flagged person is named before the domains, the rest after.
                        priority: Some(
                            share as f32
                                + if marked.get(*p as usize).copied().unwrap_or(false) {
                                    3.0
                                } else {
                                    0.0
                                },
                        ),
                        forms: person_forms(
                            person,
                            marked.get(*p as usize).copied().unwrap_or(false),
                        ),
                    }],
                });
            }
            NodeKind::Group { team, count } => {
                let name = if team.is_empty() { "No team" } else { team };
                shapes.push(Shape::Circle {
                    center: node.center,
                    radius: node.radius,
                    fill: theme::GROUP_FILL,
                    stroke: theme::GROUP_STROKE,
                    stroke_width: 1.0,
                    marked: false,
                    target: Target::Group(team.clone()),
                    labels: vec![Label {
                        text: format!("{} ({count})", shorten(name, 20)),
                        size: 15.0,
                        at: Point::new(node.center.x, node.center.y + node.radius + 17.0),
                        left: false,
                        color: MUTED,
                        strong: false,
                        priority: Some(0.0),
                        forms: Forms::Words,
                    }],
                });
            }
        }
    }
    // Say what the picture leaves out.
    let note = (layout.links_drawn < layout.links_total).then(|| {
        format!(
            "{} of {} links drawn (the heaviest); select a person to see all of theirs",
            crate::format::thousands(layout.links_drawn as f64),
            crate::format::thousands(layout.links_total as f64)
        )
    });
    Scene {
        shapes,
        bounds: layout.bounds,
        note,
        caption: links_reading.then(|| "Who people go to: the most sought are largest".to_owned()),
    }
}

/// A link from `a` to `b` as a curve bent towards `middle` (a quadratic Bézier whose control
/// point lies from the chord's midpoint towards the middle: two thirds of the way for a link
/// across the picture, less for a shorter one, so that neighbours stay close), and the
/// control point, which gives the direction the curve arrives in.
fn bent(a: Point, b: Point, middle: Point) -> (Vec<Point>, Point) {
    const STEPS: usize = 12;
    let mid = Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    let chord = (b.x - a.x).hypot(b.y - a.y);
    let reach = (a.x - middle.x).hypot(a.y - middle.y).max(1.0);
    let pull = 0.66 * (chord / reach).min(1.0);
    let control = Point::new(
        mid.x + (middle.x - mid.x) * pull,
        mid.y + (middle.y - mid.y) * pull,
    );
    let points = (0..=STEPS)
        .map(|i| {
            let t = i as f32 / STEPS as f32;
            let (u, v, w) = ((1.0 - t) * (1.0 - t), 2.0 * t * (1.0 - t), t * t);
            Point::new(
                u * a.x + v * control.x + w * b.x,
                u * a.y + v * control.y + w * b.y,
            )
        })
        .collect();
    (points, control)
}

/// A selected person who is folded into their team's node, drawn out of it: their own circle
/// beside the team's, tied to it by a dashed line, so that selecting anyone shows them in the
/// network. Empty when they have a node of their own (or no team node to come out of).
pub fn unfolded(org: &Org, analysis: &Analysis, layout: &NetworkLayout, person: u32) -> Vec<Shape> {
    if layout.node_of_person.contains_key(&person) {
        return Vec::new();
    }
    let (Some(p), Some(figures)) = (
        org.people.get(person as usize),
        analysis.persons.get(person as usize),
    ) else {
        return Vec::new();
    };
    let Some(team) = layout
        .node_of_team
        .get(&p.team)
        .and_then(|&n| layout.nodes.get(n as usize))
    else {
        return Vec::new();
    };
    // Outwards from the middle of the picture, a little beyond the team's circle.
    let middle = layout.bounds.center();
    let (dx, dy) = (team.center.x - middle.x, team.center.y - middle.y);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let radius = 12.0;
    let reach = team.radius + radius + 26.0;
    let center = Point::new(
        team.center.x + dx / len * reach,
        team.center.y + dy / len * reach,
    );
    vec![
        Shape::Line {
            points: vec![team.center, center],
            width: 1.5,
            color: theme::GROUP_STROKE,
            dash: Some(4.0),
        },
        Shape::Circle {
            center,
            radius,
            fill: load_color(figures.distributed.share),
            stroke: theme::CARD_STROKE,
            stroke_width: 1.0,
            marked: false,
            target: Target::Person(person),
            labels: vec![Label {
                text: p.display_name().to_owned(),
                size: 17.0,
                at: Point::new(center.x, center.y + radius + 19.0),
                left: false,
                color: INK,
                strong: true,
                priority: Some(10.0),
                forms: person_forms(p, true),
            }],
        },
    ]
}

/// One person's own links, each drawn on its own from where they are drawn to where the other
/// is (a person or their team), for the network view when not every link is drawn. `mine` are
/// the positions in `org.links` of the links they are an end of (all links when `None`);
/// `index` finds a person by id.
pub fn links_of(
    org: &Org,
    layout: &NetworkLayout,
    person: u32,
    mine: Option<&[usize]>,
    index: &dyn Fn(&str) -> Option<u32>,
) -> Vec<Shape> {
    let Some(id) = org.people.get(person as usize).map(|p| &p.id) else {
        return Vec::new();
    };
    let Some(own) = layout.node_of(org, person) else {
        return Vec::new();
    };
    let links: Vec<&crate::model::Link> = match mine {
        Some(positions) => positions.iter().filter_map(|&k| org.links.get(k)).collect(),
        None => org.links.iter().collect(),
    };
    // Summed per node at the other end, in and out apart.
    let mut ends: std::collections::BTreeMap<(u32, bool), f32> = Default::default();
    for l in links {
        let (other, outgoing) = if &l.from == id {
            (&l.to, true)
        } else if &l.to == id {
            (&l.from, false)
        } else {
            continue;
        };
        if let Some(node) = index(other.as_str())
            .and_then(|o| layout.node_of(org, o))
            .filter(|&n| n != own)
        {
            *ends.entry((node, outgoing)).or_default() += l.weight as f32;
        }
    }
    let heaviest = ends.values().copied().fold(0.0f32, f32::max);
    let mut shapes = Vec::new();
    let Some(from) = layout.nodes.get(own as usize) else {
        return shapes;
    };
    let middle = layout.bounds.center();
    for ((node, outgoing), w) in ends {
        let Some(to) = layout.nodes.get(node as usize) else {
            continue;
        };
        let width = 1.5 + 4.0 * (w / heaviest.max(1e-9)).sqrt();
        let (a, b) = if outgoing { (from, to) } else { (to, from) };
        let (points, towards) = bent(a.center, b.center, middle);
        shapes.push(Shape::Line {
            points,
            width,
            color: theme::SELECTED.with_alpha(0xb0),
            dash: None,
        });
        if let Some(head) = arrowhead(towards, b.center, b.radius, 6.0 + width) {
            shapes.push(Shape::Line {
                points: head,
                width,
                color: theme::SELECTED,
                dash: None,
            });
        }
    }
    shapes
}

/// The two strokes of an arrowhead arriving at a circle of `radius` around `to`, `size` long.
fn arrowhead(from: Point, to: Point, radius: f32, size: f32) -> Option<Vec<Point>> {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = (dx * dx + dy * dy).sqrt();
    if length <= radius + size {
        return None;
    }
    let (ux, uy) = (dx / length, dy / length);
    let tip = Point::new(to.x - ux * radius, to.y - uy * radius);
    let back = Point::new(tip.x - ux * size, tip.y - uy * size);
    let (px, py) = (-uy * size * 0.5, ux * size * 0.5);
    Some(vec![
        Point::new(back.x + px, back.y + py),
        tip,
        Point::new(back.x - px, back.y - py),
    ])
}

/// How a person changed between two orgs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the after org.
    Added,
    /// Only in the before org.
    Removed,
    /// Another manager.
    Moved,
    /// Rights given, taken or changed.
    Rights,
}

/// Marks exactly `people` (per person, file order) and no one else: a slide about one
/// finding outlines the people it names.
pub fn mark_only(scene: &mut Scene, people: &[bool]) {
    for shape in &mut scene.shapes {
        let is = match shape.target() {
            Some(Target::Person(p)) => people.get(*p as usize).copied().unwrap_or(false),
            _ => false,
        };
        if let Shape::Box { marked, .. } | Shape::Circle { marked, .. } = shape {
            *marked = is;
        }
    }
}

/// Outlines the people who changed between two orgs in their change's colour (see
/// [`crate::theme`]); `fade_unchanged` draws everybody else faded, and removed people are
/// always faded and dashed. `kind_of` gives each person's change by their index in `org`.
pub fn mark_changes(
    scene: &mut Scene,
    kind_of: &dyn Fn(u32) -> Option<ChangeKind>,
    fade_unchanged: bool,
) {
    for shape in &mut scene.shapes {
        let Some(Target::Person(p)) = shape.target().cloned() else {
            if fade_unchanged && let Shape::Line { color, .. } = shape {
                *color = color.with_alpha(theme::FADED);
            }
            continue;
        };
        let kind = kind_of(p);
        let (fill, stroke, width, dash) = match shape {
            Shape::Box {
                fill,
                stroke,
                stroke_width,
                dashed,
                ..
            } => (fill, stroke, stroke_width, Some(dashed)),
            Shape::Circle {
                fill,
                stroke,
                stroke_width,
                ..
            } => (fill, stroke, stroke_width, None),
            Shape::Line { .. } => continue,
        };
        let outline = match kind {
            Some(ChangeKind::Added) => theme::CHANGE_ADDED,
            Some(ChangeKind::Removed) => theme::CHANGE_REMOVED,
            Some(ChangeKind::Moved) => theme::CHANGE_MOVED,
            Some(ChangeKind::Rights) => theme::CHANGE_RIGHTS,
            None => {
                if fade_unchanged {
                    *fill = fill.with_alpha(theme::FADED);
                    *stroke = stroke.with_alpha(theme::FADED);
                }
                continue;
            }
        };
        *stroke = outline;
        *width = theme::CHANGE_STROKE;
        if kind == Some(ChangeKind::Removed) {
            *fill = fill.with_alpha(theme::FADED);
            if let Some(dashed) = dash {
                *dashed = true;
            }
        }
    }
}
