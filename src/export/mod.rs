//! Presentation images from the same scenes the window draws: SVG (vectors, text as text),
//! PNG (resvg) and PDF (svg2pdf), with the fonts shipped inside the program, and decks of
//! editable slides (PPTX).

mod chart;
mod deck;
mod pptx;
mod svg;

pub use chart::{CHART_SIZE, chart_svg, trend_svg, write_trend_chart};
pub use deck::{deck, deck_slides};
pub use pptx::{DeckSlide, MAX_NATIVE_SHAPES, TYPEFACE, package};
pub use svg::{MIN_TEXT_PX, Panel, Slide, compose, escape, overview, slide_svg};

use crate::analysis::Analysis;
use crate::layout::{Orientation, Rect, TreeRequest, network_layout, tree_layout_for};
use crate::model::Hierarchy;
use crate::model::Org;
use crate::scene::{Scene, hierarchy_scene, marked_people, network_scene};
use resvg::usvg;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use thiserror::Error;

/// Which picture to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ExportView {
    /// The reporting hierarchy.
    Hierarchy,
    /// The distributed decision network.
    Distributed,
    /// Both side by side, as one slide.
    #[default]
    Both,
}

/// The file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// Vectors, text as text.
    Svg,
    /// Pixels.
    #[default]
    Png,
    /// Vectors, for print.
    Pdf,
    /// An editable PowerPoint deck: the overview, a slide per top finding, speaker notes.
    Pptx,
}

impl ExportFormat {
    /// The format a file name asks for.
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "pdf" => Some(Self::Pdf),
            "pptx" => Some(Self::Pptx),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(&self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Pdf => "pdf",
            Self::Pptx => "pptx",
        }
    }
}

/// How much of the org to show.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Extent {
    /// Everything.
    #[default]
    Whole,
    /// These areas of each view, in canvas units (what a window currently shows).
    Areas {
        /// Of the hierarchy.
        hierarchy: Rect,
        /// Of the network.
        network: Rect,
    },
}

/// What to export and how.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// Which picture.
    pub view: ExportView,
    /// Which format.
    pub format: ExportFormat,
    /// Width of the slide in pixels (at scale 1).
    pub width: u32,
    /// Height of the slide in pixels (at scale 1).
    pub height: u32,
    /// Pixel density of a PNG: 2 or 3 for sharp slides.
    pub scale: f32,
    /// The slide's title; the org's name when `None`.
    pub title: Option<String>,
    /// No background (PNG and SVG); white otherwise.
    pub transparent: bool,
    /// How many of the top findings to call out.
    pub findings: usize,
    /// How much of the org.
    pub extent: Extent,
    /// Links with a person in a team under this many people were left out (`--min-group`):
    /// the network's caption says so.
    pub min_group: Option<usize>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            view: ExportView::Both,
            format: ExportFormat::Png,
            width: 1920,
            height: 1080,
            scale: 1.0,
            title: None,
            transparent: false,
            findings: 3,
            extent: Extent::Whole,
            min_group: None,
        }
    }
}

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The size asked for cannot be drawn.
    #[error("cannot make an image of {width}×{height} pixels: {reason}")]
    Size {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// Why.
        reason: String,
    },
    /// The picture could not be turned into the format (a bug; please report it).
    #[error("could not render the picture: {0}")]
    Render(String),
    /// The file could not be written; an older file of that name is untouched.
    #[error("{path}: could not write the image: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The two scenes of an org, as the window first shows them with everybody expanded; a view
/// the export does not show is left empty. The hierarchy is laid out for a 3:2 panel.
pub fn scenes(
    org: &Org,
    analysis: &Analysis,
    orientation: Orientation,
    view: ExportView,
) -> (Scene, Scene) {
    scenes_for(
        org,
        analysis,
        orientation,
        view,
        PanelSize {
            width: 1500.0,
            height: 1000.0,
            min_text: 0.0,
        },
    )
}

/// On a slide that cannot show everybody, at most this many flagged people are kept in view.
const FLAGGED_SHOWN: usize = 12;

/// The size of a slide's panel, in slide pixels, and the smallest text the slide allows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelSize {
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// The smallest text, in slide pixels.
    pub min_text: f32,
}

/// [`scenes`], with the hierarchy laid out to fill a panel of this size. When even names
/// shortened to fit their cards would be smaller than the slide's smallest text, the slide
/// shows the part that matters: the top levels, and every flagged person with the managers
/// above them; a card with hidden reports carries their number ("+35"), and the scene's note
/// says what is left out.
pub fn scenes_for(
    org: &Org,
    analysis: &Analysis,
    orientation: Orientation,
    view: ExportView,
    panel: PanelSize,
) -> (Scene, Scene) {
    let marked = marked_people(org, analysis);
    let hierarchy = if view == ExportView::Distributed {
        Scene::default()
    } else {
        let h = Hierarchy::new(org);
        let request = TreeRequest {
            orientation,
            ..TreeRequest::default()
        };
        let (tree, fold) = fit_legibly(&h, analysis, &marked, &request, panel);
        let mut scene = hierarchy_scene(org, analysis, &tree, &marked);
        scene.note = fold.map(|f| f.note);
        scene
    };
    let network = if view == ExportView::Hierarchy {
        Scene::default()
    } else {
        network_scene(org, analysis, &network_layout(org, analysis), &marked)
    };
    (hierarchy, network)
}

/// What a panel shows of a hierarchy too large to show legibly: the top levels and the most
/// loaded flagged people with the managers above them; the rest is folded into "+N" cards.
#[derive(Clone, Debug, PartialEq)]
pub struct Fold {
    /// Per person (file order), whether their reports are hidden.
    pub collapsed: Vec<bool>,
    /// How many levels from the top stay open.
    pub levels: usize,
    /// How many flagged people are kept in view with their chains.
    pub flagged: usize,
    /// How many cards are shown.
    pub shown: usize,
    /// What the fold leaves out, in words ("the top 3 levels and the 12 most loaded flagged
    /// people: 240 of 1,516 people; +N counts the people below a card").
    pub note: String,
}

/// The hierarchy laid out to fill a panel of this size, everybody shown when names stay at
/// least `panel.min_text` high, else folded ([`Fold`]) to the most that do. The same for the
/// slides and for the window's Fit.
pub fn fit_legibly(
    h: &Hierarchy,
    analysis: &Analysis,
    marked: &[bool],
    request: &TreeRequest,
    panel: PanelSize,
) -> (crate::layout::TreeLayout, Option<Fold>) {
    let aspect = panel.width / panel.height.max(1.0);
    // A name fills about half its card's height when only the name is drawn.
    let legible = |tree: &crate::layout::TreeLayout| {
        let scale = (panel.width / tree.bounds.width().max(1.0))
            .min(panel.height / tree.bounds.height().max(1.0));
        request.card_height * scale * 0.55 >= panel.min_text
    };
    // More cards than the panel holds at a legible size need no layout to be ruled out.
    let smallest = panel.min_text / (0.55 * request.card_height);
    let holds = if smallest > 0.0 {
        let cell = (request.card_width + request.gap) * (request.card_height + request.gap);
        (panel.width * panel.height / (cell * smallest * smallest)) as usize
    } else {
        usize::MAX
    };
    let shown_with = |collapsed: &[bool]| {
        let mut visible = vec![false; h.len()];
        for &v in &h.order {
            let p = h.parent[v as usize];
            visible[v as usize] =
                p == crate::model::NONE || (visible[p as usize] && !collapsed[p as usize]);
        }
        visible.iter().filter(|&&v| v).count()
    };
    let everybody = h.len() <= holds;
    let mut tree = if everybody {
        tree_layout_for(h, request, aspect)
    } else {
        crate::layout::TreeLayout::default()
    };
    let mut fold = None;
    if !everybody || !legible(&tree) {
        // The managers above the most loaded flagged people stay open, so that those flags
        // show wherever they sit.
        let mut flagged: Vec<usize> = (0..h.len())
            .filter(|&v| marked.get(v).copied().unwrap_or(false))
            .collect();
        let share = |v: usize| {
            analysis
                .persons
                .get(v)
                .map_or(0.0, |p| p.hierarchical.share)
        };
        flagged.sort_by(|&a, &b| share(b).total_cmp(&share(a)));
        flagged.truncate(FLAGGED_SHOWN);
        let deepest = h.depth.iter().copied().max().unwrap_or(0) as usize + 1;
        // The most levels that stay legible with the `n` most loaded flagged people's chains
        // open: (levels, collapsed, layout, legible).
        let attempt = |n: usize| {
            let mut keep_open = vec![false; h.len()];
            for &v in flagged.iter().take(n) {
                let mut at = h.parent[v];
                while at != crate::model::NONE && !keep_open[at as usize] {
                    keep_open[at as usize] = true;
                    at = h.parent[at as usize];
                }
            }
            let mut best = None;
            for levels in 1..deepest {
                let collapsed: Vec<bool> = (0..h.len())
                    .map(|v| h.depth[v] as usize + 1 >= levels && !keep_open[v])
                    .collect();
                if best.is_some() && shown_with(&collapsed) > holds {
                    break;
                }
                let candidate = tree_layout_for(
                    h,
                    &TreeRequest {
                        collapsed: collapsed.clone(),
                        ..request.clone()
                    },
                    aspect,
                );
                let fits = legible(&candidate);
                if fits || best.is_none() {
                    best = Some((levels, collapsed, candidate, fits));
                }
                if !fits {
                    break;
                }
            }
            best
        };
        // Fewer flagged chains when all of them cannot be shown legibly (many top posts, each
        // open chain showing every colleague along it); none at all as the last resort.
        let mut counts = vec![flagged.len()];
        let mut n = flagged.len();
        while n > 0 {
            n /= 2;
            counts.push(n);
        }
        let mut best = None;
        let mut kept = 0;
        for n in counts {
            let found = attempt(n);
            let fits = found.as_ref().is_some_and(|f| f.3);
            if fits || best.is_none() || n == 0 {
                best = found.map(|(l, c, t, _)| (l, c, t));
                kept = n;
            }
            if fits {
                break;
            }
        }
        let flagged = &flagged[..kept];
        if let Some((levels, collapsed, candidate)) = best {
            let shown = candidate.cards.iter().flatten().count();
            let flags = match flagged.len() {
                0 => String::new(),
                1 => " and the flagged person".to_owned(),
                n => format!(" and the {n} most loaded flagged people"),
            };
            let note = format!(
                "the top {levels} level{}{flags}: {} of {} people; +N counts the people below a card",
                if levels == 1 { "" } else { "s" },
                crate::format::thousands(shown as f64),
                crate::format::thousands(h.len() as f64)
            );
            fold = Some(Fold {
                collapsed,
                levels,
                flagged: flagged.len(),
                shown,
                note,
            });
            tree = candidate;
        } else if !everybody {
            // Nothing to fold (everybody at the top): all of them, as legible as may be.
            tree = tree_layout_for(h, request, aspect);
        }
    }
    (tree, fold)
}

/// The size of one panel of a slide with `columns` panels a row and `rows` rows, as
/// [`compose`] lays it out (about: the header and the findings take a share of the height).
pub fn panel_size(options: &ExportOptions, columns: usize, rows: usize) -> PanelSize {
    let (w, h) = (options.width as f32, options.height as f32);
    let margin = (w.min(h) * 0.035).max(16.0);
    let min_text = svg::min_text(w, h);
    let small = ((h * 0.04).clamp(18.0, 48.0) * 0.5).max(min_text / 0.9);
    let columns = columns.max(1) as f32;
    let rows = rows.max(1) as f32;
    let body_w = w - 2.0 * margin - margin * (columns - 1.0);
    let lines = 2.0 + options.findings as f32 * 2.0;
    let body_h = h - 2.0 * margin - small * (5.0 + lines * 1.45) - margin * (rows - 1.0);
    PanelSize {
        width: body_w / columns - 12.0,
        height: (body_h / rows).max(1.0) - small * 1.5 - 12.0,
        min_text,
    }
}

/// The scenes of an org with the people who changed against `other` outlined, for one side of
/// a comparison (`after` true for the after org).
pub fn comparison_scenes(
    org: &Org,
    analysis: &Analysis,
    changes: &crate::scenario::Changes,
    orientation: Orientation,
    view: ExportView,
    panel: PanelSize,
) -> (Scene, Scene) {
    let (mut hierarchy, mut network) = scenes_for(org, analysis, orientation, view, panel);
    let by_id = changes.by_id();
    let kind_of = |p: u32| {
        org.people
            .get(p as usize)
            .and_then(|person| by_id.get(person.id.as_str()).copied())
    };
    crate::scene::mark_changes(&mut hierarchy, &kind_of, false);
    crate::scene::mark_changes(&mut network, &kind_of, false);
    (hierarchy, network)
}

/// A before/after slide as SVG: both orgs side by side (hierarchies, networks, or both in two
/// rows), the change as the headline, the key deltas as lines, one colour scale for both.
pub fn comparison_svg(
    before: &Org,
    after: &Org,
    orientation: Orientation,
    options: &ExportOptions,
) -> String {
    let c = crate::scenario::compare(before, after);
    let rows = if options.view == ExportView::Both {
        2
    } else {
        1
    };
    let panel = panel_size(options, 2, rows);
    let (bh, bn) = comparison_scenes(
        before,
        &c.before,
        &c.changes,
        orientation,
        options.view,
        panel,
    );
    let (ah, an) = comparison_scenes(
        after,
        &c.after,
        &c.changes,
        orientation,
        options.view,
        panel,
    );
    let caption = |side: &str, org: &Org, what: &str| format!("{side}: {} ({what})", org.name);
    let mut panels = Vec::new();
    if options.view != ExportView::Distributed {
        panels.push(Panel {
            scene: &bh,
            area: bh.bounds,
            caption: caption("Before", before, "reporting hierarchy"),
        });
        panels.push(Panel {
            scene: &ah,
            area: ah.bounds,
            caption: caption("After", after, "reporting hierarchy"),
        });
    }
    if options.view != ExportView::Hierarchy {
        panels.push(Panel {
            scene: &bn,
            area: bn.bounds,
            caption: caption("Before", before, "distributed network"),
        });
        panels.push(Panel {
            scene: &an,
            area: an.bounds,
            caption: caption("After", after, "distributed network"),
        });
    }
    let rows = crate::scenario::figure_rows(before, after, &c);
    let wanted = [
        "Top share, straight to the holder",
        "Authority HHI",
        "Bus factor",
        "Widest span",
    ];
    let footer = rows
        .iter()
        .filter(|r| wanted.contains(&r[0].as_str()))
        .take(options.findings.max(1) + 1)
        .map(|[label, b, a, d]| (crate::theme::INK, format!("{label}: {b} → {a} ({d})")))
        .collect();
    let ch = &c.changes;
    let changed = format!(
        "Outlined: green added ({}), blue moved ({}), purple rights changed ({}), red dashed removed ({})",
        ch.added.len(),
        ch.moved.len(),
        ch.rights
            .iter()
            .map(|r| r.person.id.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        ch.removed.len()
    );
    let slide = Slide {
        title: options
            .title
            .clone()
            .unwrap_or_else(|| format!("{}: before and after", before.name)),
        headline: {
            let mut lines: Vec<String> = crate::scenario::headline_lines(before, &c)
                .into_iter()
                .map(|line| {
                    let mut chars = line.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first.to_uppercase().chain(chars).collect()
                    })
                })
                .collect();
            lines.push(changed);
            lines
        },
        panels,
        columns: 2,
        footer,
    };
    compose(&slide, options)
}

/// Renders a before/after slide and writes it atomically to `path`.
pub fn export_comparison_to_file(
    before: &Org,
    after: &Org,
    orientation: Orientation,
    options: &ExportOptions,
    path: &Path,
) -> Result<(), ExportError> {
    check_size(options.width, options.height, options.scale)?;
    let bytes = if options.format == ExportFormat::Pptx {
        deck::comparison_deck(before, after, orientation, options)?
    } else {
        render_svg(comparison_svg(before, after, orientation, options), options)?
    };
    crate::io::write_atomically(path, &bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })
}

/// DejaVu Sans, shipped for the scripts Ubuntu lacks (Hebrew, Arabic and many more).
pub const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Droid Sans Fallback, shipped for names in Chinese, Japanese and Korean (Han, kana, Hangul).
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallback.ttf");

/// The font family name of [`CJK_FONT`].
pub const CJK_FAMILY: &str = "Droid Sans Fallback";

/// The fonts every export uses: egui's Ubuntu Light for text, DejaVu Sans for other
/// scripts, Droid Sans Fallback for Chinese, Japanese and Korean, Noto Emoji for emoji. None
/// come from the system.
pub fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
            db.load_font_data(FALLBACK_FONT.to_vec());
            db.load_font_data(CJK_FONT.to_vec());
            db.load_font_data(epaint_default_fonts::NOTO_EMOJI_REGULAR.to_vec());
            db.set_sans_serif_family(svg::FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

fn parse(svg_text: &str) -> Result<usvg::Tree, ExportError> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: svg::FONT_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg_text, &options).map_err(|e| ExportError::Render(e.to_string()))
}

/// The most pixels an exported image may have: more is a typing mistake, and would take
/// gigabytes to draw.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Refuses a slide size that cannot or should not be drawn; cheap, so callers check before
/// loading anything.
pub fn check_size(width: u32, height: u32, scale: f32) -> Result<(), ExportError> {
    let refuse = |reason: String| {
        Err(ExportError::Size {
            width,
            height,
            reason,
        })
    };
    if !(320..=20_000).contains(&width) || !(200..=20_000).contains(&height) {
        return refuse("the width must be 320 to 20,000 and the height 200 to 20,000".to_owned());
    }
    if !(0.25..=8.0).contains(&scale) {
        return refuse(format!(
            "the pixel density {scale} is not between 0.25 and 8 (2 or 3 make sharp slides)"
        ));
    }
    let pixels = (f64::from(width) * f64::from(scale)).round()
        * (f64::from(height) * f64::from(scale)).round();
    if pixels > MAX_PIXELS as f64 {
        return refuse(format!(
            "at scale {scale} that is {:.0} million pixels, more than the {} million orgflow writes; lower the size or the scale",
            pixels / 1e6,
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// The image's bytes in the requested format.
pub fn render(
    org: &Org,
    analysis: &Analysis,
    hierarchy: &Scene,
    network: &Scene,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    check_size(options.width, options.height, options.scale)?;
    if options.format == ExportFormat::Pptx {
        return deck(org, analysis, hierarchy, network, options);
    }
    render_svg(
        slide_svg(org, analysis, hierarchy, network, options),
        options,
    )
}

/// An SVG's pixels as PNG, `width` × `height` at `scale`.
pub(crate) fn png(text: &str, width: u32, height: u32, scale: f32) -> Result<Vec<u8>, ExportError> {
    let (pw, ph) = (
        (width as f32 * scale).round() as u32,
        (height as f32 * scale).round() as u32,
    );
    let tree = parse(text)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(pw, ph).ok_or(ExportError::Size {
        width: pw,
        height: ph,
        reason: "not enough memory".to_owned(),
    })?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}

/// A slide's SVG text in the requested format.
pub fn render_svg(text: String, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    check_size(options.width, options.height, options.scale)?;
    let (w, h) = (options.width, options.height);
    match options.format {
        ExportFormat::Svg => Ok(text.into_bytes()),
        ExportFormat::Png => png(&text, w, h, options.scale),
        // One slide as a deck of one (a before/after slide, a slide of SVG text).
        ExportFormat::Pptx => package(
            &[DeckSlide {
                svg: text,
                notes: Vec::new(),
            }],
            options.title.as_deref().unwrap_or("orgflow"),
        ),
        ExportFormat::Pdf => {
            let tree = parse(&text)?;
            svg2pdf::to_pdf(
                &tree,
                svg2pdf::ConversionOptions::default(),
                svg2pdf::PageOptions::default(),
            )
            .map_err(|e| ExportError::Render(e.to_string()))
        }
    }
}

/// Renders and writes the image atomically to `path`.
pub fn export_to_file(
    org: &Org,
    analysis: &Analysis,
    hierarchy: &Scene,
    network: &Scene,
    options: &ExportOptions,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = render(org, analysis, hierarchy, network, options)?;
    crate::io::write_atomically(path, &bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })
}

/// One person's part of an org: them and everybody below them, as an org of its own (their
/// manager, the domains and the links outside it left out), with every person's figures from
/// the whole org, so that colours, line widths and flags mean what they mean on the overview.
pub fn part_of(org: &Org, analysis: &Analysis, person: &str) -> Option<(Org, Analysis)> {
    Parts::new(org, analysis).part(person)
}

/// Many parts of one org ([`part_of`] each), the hierarchy worked out once: each part costs
/// its own size, not the org's.
pub struct Parts<'a> {
    org: &'a Org,
    analysis: &'a Analysis,
    h: Hierarchy<'a>,
    /// The analysis without its people, copied for each part.
    template: Analysis,
}

impl<'a> Parts<'a> {
    /// Ready to cut parts of `org`.
    pub fn new(org: &'a Org, analysis: &'a Analysis) -> Self {
        let template = analysis.clone_without_persons();
        Self {
            org,
            analysis,
            h: Hierarchy::new(org),
            template,
        }
    }

    /// The part under the person with this id.
    pub fn part(&self, person: &str) -> Option<(Org, Analysis)> {
        let (org, h) = (self.org, &self.h);
        let root = *h.index.get(person)?;
        // Everybody below, by walking down from them; kept in file order.
        let mut keep = vec![root];
        let mut k = 0;
        while let Some(&v) = keep.get(k) {
            keep.extend_from_slice(h.children_of(v));
            k += 1;
        }
        keep.sort_unstable();
        let mut people: Vec<crate::model::Person> = keep
            .iter()
            .filter_map(|&v| org.people.get(v as usize).cloned())
            .collect();
        if let Some(top) = people.iter_mut().find(|p| p.id.as_str() == person) {
            top.manager = None;
        }
        let ids: std::collections::HashSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
        let links = org
            .links
            .iter()
            .filter(|l| ids.contains(l.from.as_str()) && ids.contains(l.to.as_str()))
            .cloned()
            .collect();
        let junior_posts = org
            .junior_posts
            .iter()
            .filter(|g| ids.contains(g.reports_to.as_str()))
            .cloned()
            .collect();
        drop(ids);
        let part = Org {
            version: org.version,
            name: org.name.clone(),
            mission: org.mission.clone(),
            people,
            decisions: Vec::new(),
            links,
            junior_posts,
            thresholds: org.thresholds.clone(),
            queue: org.queue.clone(),
            extra: org.extra.clone(),
        };
        let mut figures = self.template.clone();
        figures.persons = keep
            .iter()
            .filter_map(|&v| self.analysis.persons.get(v as usize).cloned())
            .collect();
        figures.people = part.people.len();
        Some((part, figures))
    }
}

/// Pages in a paged PDF unless asked otherwise, the overview included.
pub const DEFAULT_PAGES: usize = 200;
/// The most pages a paged PDF may have.
pub const MAX_PAGES: usize = 5_000;

/// A paged PDF, and how much of the org it shows.
#[derive(Clone, Debug)]
pub struct PagedPdf {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Its pages, the overview included.
    pub pages: usize,
    /// People in the org.
    pub people: usize,
    /// People drawn as themselves (not only counted in a "+N") on at least one page.
    pub shown: usize,
}

impl PagedPdf {
    /// People on no page: only counted behind a "+N" card.
    pub fn missing(&self) -> usize {
        self.people - self.shown
    }
}

/// The people a scene draws, each with where its card starts: indices into the org (`to_org`
/// maps a part's own indices back).
fn drawn_people(
    scene: &Scene,
    to_org: impl Fn(u32) -> Option<u32>,
) -> Vec<(u32, crate::layout::Point)> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s.target() {
            Some(crate::scene::Target::Person(v)) => Some((to_org(*v)?, s.bounds().min)),
            _ => None,
        })
        .collect()
}

/// A large org as a PDF of at most `max_pages` slides, each legible: the overview (the slide as
/// [`scenes_for`] summarises it), then a page for each part hidden behind a "+N" card, nearest
/// the top first (the overview's parts in reading order, then the parts folded on those pages,
/// and so on). When the pages run out before everybody is drawn, the overview's caption says
/// how many people are on no page, and [`PagedPdf::missing`] counts them.
pub fn paged_pdf(
    org: &Org,
    analysis: &Analysis,
    orientation: Orientation,
    options: &ExportOptions,
    max_pages: usize,
) -> Result<PagedPdf, ExportError> {
    check_size(options.width, options.height, options.scale)?;
    let max_pages = max_pages.clamp(1, MAX_PAGES);
    let columns = if options.view == ExportView::Both {
        2
    } else {
        1
    };
    let (mut hierarchy, network) = scenes_for(
        org,
        analysis,
        orientation,
        options.view,
        panel_size(options, columns, 1),
    );
    let h = Hierarchy::new(org);
    let mut drawn = vec![false; h.len()];
    let mut paged = vec![false; h.len()];
    // The parts a page folds away: people it draws whose reports it does not draw, in reading
    // order (by their card's place).
    let folded = |on_page: &[(u32, crate::layout::Point)], drawn_here: &[bool]| -> Vec<u32> {
        let mut parts: Vec<(crate::layout::Point, u32)> = on_page
            .iter()
            .filter(|&&(v, _)| {
                let children = h.children_of(v);
                !children.is_empty() && !children.iter().any(|&c| drawn_here[c as usize])
            })
            .map(|&(v, at)| (at, v))
            .collect();
        parts.sort_by(|(a, _), (b, _)| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        parts.dedup_by_key(|(_, v)| *v);
        parts.into_iter().map(|(_, v)| v).collect()
    };
    let overview_people = drawn_people(&hierarchy, Some);
    let mut here = vec![false; h.len()];
    for &(v, _) in &overview_people {
        here[v as usize] = true;
        drawn[v as usize] = true;
    }
    let mut queue: std::collections::VecDeque<u32> = folded(&overview_people, &here).into();
    for &(v, _) in &overview_people {
        here[v as usize] = false;
    }
    let title = options.title.clone().unwrap_or_else(|| org.name.clone());
    let part_options = ExportOptions {
        view: ExportView::Hierarchy,
        findings: 0,
        ..options.clone()
    };
    let panel = panel_size(&part_options, 1, 1);
    let cutter = Parts::new(org, analysis);
    // Each part page: its person, its size, and its slide (titled once the count is known).
    let mut parts: Vec<(u32, usize, Org, Analysis, Scene, Scene)> = Vec::new();
    while parts.len() + 1 < max_pages {
        let Some(v) = queue.pop_front() else { break };
        if std::mem::replace(&mut paged[v as usize], true) {
            continue;
        }
        let person = &org.people[v as usize];
        let Some((part, figures)) = cutter.part(person.id.as_str()) else {
            continue;
        };
        let (ph, pn) = scenes_for(&part, &figures, orientation, ExportView::Hierarchy, panel);
        // The part's own indices, back to the org's.
        let local: Vec<u32> = part
            .people
            .iter()
            .filter_map(|p| h.index.get(p.id.as_str()).copied())
            .collect();
        let on_page = drawn_people(&ph, |i| local.get(i as usize).copied());
        for &(u, _) in &on_page {
            here[u as usize] = true;
            drawn[u as usize] = true;
        }
        // The parts this page folds away, for pages further on.
        let mut deeper = folded(&on_page, &here);
        deeper.retain(|&u| u != v && !paged[u as usize]);
        queue.extend(deeper);
        for &(u, _) in &on_page {
            here[u as usize] = false;
        }
        let size = part.people.len() - 1;
        parts.push((v, size, part, figures, ph, pn));
    }
    let pages = parts.len() + 1;
    let shown = drawn.iter().filter(|&&d| d).count();
    let missing = h.len() - shown;
    if missing > 0 {
        // First in the caption, so a long caption never cuts it off.
        let note = format!(
            "{} of {} people on no page of this PDF (at most {max_pages} pages; export a part on its own for them)",
            crate::model::thousands(missing as f64),
            crate::model::thousands(h.len() as f64)
        );
        hierarchy.note = Some(match hierarchy.note.take() {
            Some(old) => format!("{note}; this page: {old}"),
            None => note,
        });
    }
    let overview = ExportOptions {
        title: Some(if pages > 1 {
            format!("{title}: overview (page 1 of {pages})")
        } else {
            title.clone()
        }),
        ..options.clone()
    };
    let mut slides = Vec::with_capacity(pages);
    slides.push(slide_svg(org, analysis, &hierarchy, &network, &overview));
    for (k, (v, size, part, figures, ph, pn)) in parts.iter().enumerate() {
        let person = &org.people[*v as usize];
        let page = ExportOptions {
            title: Some(format!(
                "{title}: {} and the {size} below them (page {} of {pages})",
                person.display_name(),
                k + 2
            )),
            ..part_options.clone()
        };
        slides.push(slide_svg(part, figures, ph, pn, &page));
    }
    Ok(PagedPdf {
        bytes: pdf_pages(&slides)?,
        pages,
        people: h.len(),
        shown,
    })
}

/// Slides as the pages of one PDF.
fn pdf_pages(slides: &[String]) -> Result<Vec<u8>, ExportError> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect as PdfRect, Ref};
    let failed = |e: &dyn std::fmt::Display| ExportError::Render(e.to_string());
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree = alloc.bump();
    let mut pdf = Pdf::new();
    let mut chunks = Vec::new();
    let mut kids = Vec::new();
    let mut pages = Vec::new();
    // Each slide converted on its own (on every core), then numbered into the one PDF in order.
    let convert = |text: &String| -> Result<(pdf_writer::Chunk, Ref, f32, f32), ExportError> {
        let svg = parse(text)?;
        let (w, h) = (svg.size().width() * 0.75, svg.size().height() * 0.75);
        let (chunk, id) = svg2pdf::to_chunk(&svg, svg2pdf::ConversionOptions::default())
            .map_err(|e| failed(&e))?;
        Ok((chunk, id, w, h))
    };
    for slide in crate::work::on_every_core(slides, convert) {
        let (chunk, id, w, h) = slide?;
        let mut map = std::collections::HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let id = *map
            .get(&id)
            .ok_or_else(|| failed(&"the picture went missing"))?;
        let (page, content) = (alloc.bump(), alloc.bump());
        kids.push(page);
        pages.push((page, content, id, w, h));
        chunks.push(chunk);
    }
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(kids.iter().copied())
        .count(kids.len() as i32);
    for &(page, content, id, w, h) in &pages {
        let name = Name(b"S1");
        let mut p = pdf.page(page);
        p.media_box(PdfRect::new(0.0, 0.0, w, h));
        p.parent(tree);
        p.contents(content);
        p.resources().x_objects().pair(name, id);
        p.finish();
        let mut c = Content::new();
        c.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
        pdf.stream(content, &c.finish());
    }
    for chunk in &chunks {
        pdf.extend(chunk);
    }
    Ok(pdf.finish())
}
