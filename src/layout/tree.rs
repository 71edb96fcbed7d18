//! A tidy tree for the reporting hierarchy: parents centred over their children, no overlaps,
//! and wide spans wrapped into columns instead of one endless row.
//!
//! Each subtree is a block; a manager's children stand side by side under it, and the reports
//! who manage nobody (or whose subtree is collapsed) are stacked in a compact grid of columns
//! when there are more than a few. Linear in the number of visible people.

use super::{Point, Rect};
use crate::analysis::Hierarchy;
use crate::analysis::structure::NONE;

/// Which way the tree grows.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Orientation {
    /// The top person at the top.
    #[default]
    TopDown,
    /// The top person on the left.
    LeftRight,
}

/// What to lay out and how; also the cache key of a layout.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeRequest {
    /// Card width in canvas units.
    pub card_width: f32,
    /// Card height in canvas units.
    pub card_height: f32,
    /// Space between neighbouring cards.
    pub gap: f32,
    /// Space between a manager and their reports.
    pub level_gap: f32,
    /// More reports without reports of their own than this are stacked in columns.
    pub wrap_after: usize,
    /// Which way the tree grows.
    pub orientation: Orientation,
    /// People whose reports are hidden.
    pub collapsed: Vec<bool>,
}

impl Default for TreeRequest {
    fn default() -> Self {
        Self {
            card_width: 190.0,
            card_height: 68.0,
            gap: 16.0,
            level_gap: 48.0,
            wrap_after: 4,
            orientation: Orientation::TopDown,
            collapsed: Vec::new(),
        }
    }
}

/// Where every visible person's card is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TreeLayout {
    /// Card of each person; `None` when hidden under a collapsed manager.
    pub cards: Vec<Option<Rect>>,
    /// Each visible reporting line: (manager, report, the line's points from manager to report).
    pub lines: Vec<(u32, u32, Vec<Point>)>,
    /// Everything drawn.
    pub bounds: Rect,
    /// Number of people hidden below each collapsed person.
    pub hidden_below: Vec<u32>,
}

/// Size of a subtree block, in (breadth, depth) space.
#[derive(Clone, Copy, Default)]
struct Block {
    breadth: f32,
    depth: f32,
}

/// Lays out the reporting tree.
pub fn tree_layout(h: &Hierarchy<'_>, request: &TreeRequest) -> TreeLayout {
    let n = h.len();
    let (card_b, card_d) = match request.orientation {
        Orientation::TopDown => (request.card_width, request.card_height),
        Orientation::LeftRight => (request.card_height, request.card_width),
    };
    let gap = request.gap;
    let level = request.level_gap;
    let collapsed = |v: u32| request.collapsed.get(v as usize).copied().unwrap_or(false);
    let shows_children = |v: u32| !collapsed(v) && !h.children_of(v).is_empty();

    // Visible people: below no collapsed manager.
    let mut visible = vec![false; n];
    for &v in &h.order {
        let p = h.parent[v as usize];
        visible[v as usize] = p == NONE || (visible[p as usize] && !collapsed(p));
    }
    let total = h.total_reports();
    let hidden_below: Vec<u32> = (0..n)
        .map(|v| {
            if visible[v] && collapsed(v as u32) {
                total[v]
            } else {
                0
            }
        })
        .collect();

    // How a manager's reports are arranged: the grid of leaves, if any.
    let leaves_of = |v: u32| -> Vec<u32> {
        h.children_of(v)
            .iter()
            .copied()
            .filter(|&c| !shows_children(c))
            .collect()
    };
    let grid_shape = |count: usize| -> (usize, usize) {
        // Taller than wide, as views are: columns × rows, about three rows per column.
        let columns = ((count as f32 / 3.0).sqrt().ceil() as usize).max(1);
        (columns, count.div_ceil(columns))
    };

    // Bottom-up: block sizes.
    let mut block = vec![Block::default(); n];
    for &v in h.order.iter().rev() {
        if !visible[v as usize] {
            continue;
        }
        if !shows_children(v) {
            block[v as usize] = Block {
                breadth: card_b,
                depth: card_d,
            };
            continue;
        }
        let leaves = leaves_of(v);
        let wrap = leaves.len() > request.wrap_after;
        let mut row_breadth = 0.0;
        let mut row_depth: f32 = 0.0;
        let mut items = 0;
        for &c in h.children_of(v) {
            if wrap && !shows_children(c) {
                continue;
            }
            row_breadth += block[c as usize].breadth;
            row_depth = row_depth.max(block[c as usize].depth);
            items += 1;
        }
        if wrap {
            let (columns, rows) = grid_shape(leaves.len());
            row_breadth += columns as f32 * card_b + (columns - 1) as f32 * gap + gap;
            row_depth = row_depth.max(rows as f32 * card_d + (rows - 1) as f32 * gap / 2.0);
            items += 1;
        }
        row_breadth += (items.max(1) - 1) as f32 * gap;
        block[v as usize] = Block {
            breadth: row_breadth.max(card_b),
            depth: card_d + level + row_depth,
        };
    }

    // Top-down: positions. `start` is each block's leading edge in breadth.
    let mut center_b = vec![0.0f32; n];
    let mut top_d = vec![0.0f32; n];
    let mut start = vec![0.0f32; n];
    let mut cursor = 0.0;
    for &r in &h.roots {
        start[r as usize] = cursor;
        cursor += block[r as usize].breadth + gap * 2.0;
    }
    let mut lines = Vec::new();
    for &v in &h.order {
        let vi = v as usize;
        if !visible[vi] {
            continue;
        }
        let b = block[vi];
        center_b[vi] = start[vi] + b.breadth / 2.0;
        if !shows_children(v) {
            continue;
        }
        let leaves = leaves_of(v);
        let wrap = leaves.len() > request.wrap_after;
        // Width of the row of children, centred under the manager.
        let mut row = 0.0;
        let mut items = 0;
        for &c in h.children_of(v) {
            if !wrap || shows_children(c) {
                row += block[c as usize].breadth;
                items += 1;
            }
        }
        let grid = wrap.then(|| grid_shape(leaves.len()));
        if let Some((columns, _)) = grid {
            row += columns as f32 * card_b + (columns - 1) as f32 * gap + gap;
            items += 1;
        }
        row += (items.max(1) - 1) as f32 * gap;
        let mut at = center_b[vi] - row / 2.0;
        let child_top = top_d[vi] + card_d + level;
        let bus = top_d[vi] + card_d + level / 2.0;
        for &c in h.children_of(v) {
            if wrap && !shows_children(c) {
                continue;
            }
            let ci = c as usize;
            start[ci] = at;
            top_d[ci] = child_top;
            at += block[ci].breadth + gap;
            let cb = start[ci] + block[ci].breadth / 2.0;
            lines.push((
                v,
                c,
                vec![
                    (center_b[vi], top_d[vi] + card_d),
                    (center_b[vi], bus),
                    (cb, bus),
                    (cb, child_top),
                ],
            ));
        }
        if let Some((_, rows)) = grid {
            // The grid hangs in columns; each column has a trunk on its leading side and each
            // card branches off it.
            let grid_start = at + gap;
            for (k, &c) in leaves.iter().enumerate() {
                let ci = c as usize;
                let (column, row_in) = (k / rows, k % rows);
                start[ci] = grid_start + column as f32 * (card_b + gap);
                top_d[ci] = child_top + row_in as f32 * (card_d + gap / 2.0);
                center_b[ci] = start[ci] + card_b / 2.0;
                let trunk = start[ci] - gap / 2.0;
                let mid = top_d[ci] + card_d / 2.0;
                lines.push((
                    v,
                    c,
                    vec![
                        (center_b[vi], top_d[vi] + card_d),
                        (center_b[vi], bus),
                        (trunk, bus),
                        (trunk, mid),
                        (start[ci], mid),
                    ],
                ));
            }
        }
    }

    let to_point = |b: f32, d: f32| match request.orientation {
        Orientation::TopDown => Point::new(b, d),
        Orientation::LeftRight => Point::new(d, b),
    };
    let mut cards = vec![None; n];
    let mut bounds: Option<Rect> = None;
    for &v in &h.order {
        let vi = v as usize;
        if !visible[vi] {
            continue;
        }
        let center = to_point(center_b[vi], top_d[vi] + card_d / 2.0);
        let rect = Rect::centered(center, request.card_width, request.card_height);
        bounds = Some(bounds.map_or(rect, |b| b.union(&rect)));
        cards[vi] = Some(rect);
    }
    let lines = lines
        .into_iter()
        .map(|(p, c, pts)| (p, c, pts.into_iter().map(|(b, d)| to_point(b, d)).collect()))
        .collect();
    TreeLayout {
        cards,
        lines,
        bounds: bounds.unwrap_or_default(),
        hidden_below,
    }
}
