//! A tidy tree for the reporting hierarchy: parents centred over their children, no overlaps,
//! and wide spans wrapped into columns instead of one endless row.
//!
//! Each subtree is a block; a manager's children stand side by side under it, and the reports
//! who manage nobody (or whose subtree is collapsed) are stacked in a compact grid of columns
//! when there are more than a few. Linear in the number of visible people.

use super::{Point, Rect};
use crate::model::{Hierarchy, NONE};

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
    /// Width over height that each manager's area of stacked rows aims at: below 1 the tree
    /// grows tall and narrow, above 1 wide and flat. [`tree_layout_for`] picks it for a panel.
    pub aspect: f32,
    /// Scales how many rows each column of stacked reports has, from what `aspect` implies.
    pub column_depth: f32,
}

impl Default for TreeRequest {
    fn default() -> Self {
        Self {
            card_width: 190.0,
            card_height: 68.0,
            gap: 16.0,
            level_gap: 48.0,
            wrap_after: 2,
            orientation: Orientation::TopDown,
            collapsed: Vec::new(),
            aspect: 1.5,
            column_depth: 1.0,
        }
    }
}

/// Where every visible person's card is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TreeLayout {
    /// Card of each person; `None` when hidden under a collapsed manager.
    pub cards: Vec<Option<Rect>>,
    /// Each visible reporting line: (manager, report, the line's points from manager to report).
    /// For reports stacked in a column, only the short branch from the column's trunk.
    pub lines: Vec<(u32, u32, Vec<Point>)>,
    /// The trunk each column of stacked reports hangs from: (manager, the reports, points).
    pub trunks: Vec<(u32, Vec<u32>, Vec<Point>)>,
    /// Everything drawn.
    pub bounds: Rect,
    /// Number of people hidden below each collapsed person.
    pub hidden_below: Vec<u32>,
}

impl TreeLayout {
    /// Moves everything by (dx, dy).
    pub fn translate(&mut self, dx: f32, dy: f32) {
        let shift = |p: &mut Point| {
            p.x += dx;
            p.y += dy;
        };
        for card in self.cards.iter_mut().flatten() {
            shift(&mut card.min);
            shift(&mut card.max);
        }
        for (_, _, points) in &mut self.lines {
            points.iter_mut().for_each(shift);
        }
        for (_, _, points) in &mut self.trunks {
            points.iter_mut().for_each(shift);
        }
        shift(&mut self.bounds.min);
        shift(&mut self.bounds.max);
    }
}

/// A point in (breadth, depth) space, before the orientation maps it to the canvas.
type BreadthDepth = (f32, f32);

/// Size of a subtree block, in (breadth, depth) space.
#[derive(Clone, Copy, Default)]
struct Block {
    breadth: f32,
    depth: f32,
}

/// One thing hanging under a manager: a report's subtree, or the grid of reports who show no
/// reports of their own.
#[derive(Clone, Copy, PartialEq)]
enum Item {
    Child(u32),
    Grid,
}

/// Where a manager's items go, relative to the top-left of the area under the manager.
struct Arrangement {
    /// (item, offset in breadth, row).
    placed: Vec<(Item, f32, usize)>,
    /// Offset in depth of each row's top.
    row_top: Vec<f32>,
    /// Size of the whole area.
    size: Block,
    /// Columns and rows of the leaf grid, if any.
    grid: Option<(usize, usize)>,
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

    // The aspect is of the drawing; in (breadth, depth) space a left-to-right tree inverts it.
    let aspect = match request.orientation {
        Orientation::TopDown => request.aspect,
        Orientation::LeftRight => 1.0 / request.aspect,
    }
    .clamp(0.05, 20.0);
    let grid_shape = |count: usize| -> (usize, usize) {
        // Taller than wide: about three rows per column for a 3:2 view, more for a tall one.
        let rows_per_column = (4.5 / aspect * request.column_depth).clamp(1.0, 40.0);
        let columns = ((count as f32 / rows_per_column).sqrt().ceil() as usize).max(1);
        (columns, count.div_ceil(columns))
    };
    let grid_block = |(columns, rows): (usize, usize)| Block {
        // A leading gap holds the trunk the cards hang from.
        breadth: gap + columns as f32 * card_b + (columns - 1) as f32 * gap,
        depth: rows as f32 * card_d + (rows - 1) as f32 * gap / 2.0,
    };

    // Items go left to right in rows; a row much wider than the subtrees are deep is broken
    // into several, stacked, so that wide orgs stay readable in a view of ordinary shape.
    let arrange = |v: u32, block: &[Block]| -> Arrangement {
        let leaves = h
            .children_of(v)
            .iter()
            .filter(|&&c| !shows_children(c))
            .count();
        let grid = (leaves > request.wrap_after).then(|| grid_shape(leaves));
        let mut items: Vec<(Item, Block)> = h
            .children_of(v)
            .iter()
            .filter(|&&c| grid.is_none() || shows_children(c))
            .map(|&c| (Item::Child(c), block[c as usize]))
            .collect();
        if let Some(shape) = grid {
            items.push((Item::Grid, grid_block(shape)));
        }
        let total_breadth: f32 = items.iter().map(|(_, b)| b.breadth + gap).sum::<f32>() - gap;
        let widest = items.iter().map(|(_, b)| b.breadth).fold(0.0, f32::max);
        // In r rows the area is about total/r wide and r × (deepest + level) deep; pick the r
        // that gives it the aspect asked for; a row of a few cards stays a row.
        let deepest = items.iter().map(|(_, b)| b.depth).fold(card_d, f32::max);
        let short_row = (4.0 * aspect).clamp(2.0, 6.0) * card_b;
        let rows_wanted = if total_breadth <= short_row {
            1
        } else {
            ((total_breadth / (aspect * (deepest + level)))
                .sqrt()
                .round() as usize)
                .clamp(1, items.len().max(1))
        };
        let limit = widest.max(total_breadth / rows_wanted as f32);
        let stacked = rows_wanted > 1;
        // Stacked rows leave a leading gap for the trunk that reaches the lower rows.
        let lead = if stacked { gap } else { 0.0 };
        let mut placed = Vec::with_capacity(items.len());
        let mut row_top = vec![0.0];
        let (mut at, mut row, mut row_depth, mut widest_row) = (lead, 0, 0.0f32, 0.0f32);
        for (item, b) in items {
            if at > lead && at + b.breadth > limit + lead + 0.5 {
                row_top.push(row_top[row] + row_depth + level);
                row += 1;
                at = lead;
                row_depth = 0.0;
            }
            placed.push((item, at, row));
            at += b.breadth + gap;
            widest_row = widest_row.max(at - gap);
            row_depth = row_depth.max(b.depth);
        }
        let depth = row_top.last().copied().unwrap_or(0.0) + row_depth;
        Arrangement {
            placed,
            row_top,
            size: Block {
                breadth: widest_row,
                depth,
            },
            grid,
        }
    };

    // Bottom-up: block sizes.
    let mut block = vec![Block::default(); n];
    for &v in h.order.iter().rev() {
        if !visible[v as usize] {
            continue;
        }
        block[v as usize] = if shows_children(v) {
            let area = arrange(v, &block).size;
            Block {
                breadth: area.breadth.max(card_b),
                depth: card_d + level + area.depth,
            }
        } else {
            Block {
                breadth: card_b,
                depth: card_d,
            }
        };
    }

    // Top-down: positions. `start` is each block's leading edge in breadth.
    let mut center_b = vec![0.0f32; n];
    let mut top_d = vec![0.0f32; n];
    let mut start = vec![0.0f32; n];
    // Many top-level people (an export whose managers are elsewhere) wrap into rows too, so
    // that a forest keeps the aspect asked for instead of one endless strip.
    let root_space = gap * 2.0;
    let total: f32 = h
        .roots
        .iter()
        .map(|&r| block[r as usize].breadth + root_space)
        .sum::<f32>()
        - root_space;
    let widest = h
        .roots
        .iter()
        .map(|&r| block[r as usize].breadth)
        .fold(0.0, f32::max);
    let deepest = h
        .roots
        .iter()
        .map(|&r| block[r as usize].depth)
        .fold(card_d, f32::max);
    let rows = if h.roots.len() <= 1 || total <= (4.0 * aspect).clamp(2.0, 6.0) * card_b {
        1
    } else {
        ((total / (aspect * (deepest + level))).sqrt().round() as usize).clamp(1, h.roots.len())
    };
    let limit = widest.max(total / rows as f32);
    let (mut at, mut row_top, mut row_depth) = (0.0f32, 0.0f32, 0.0f32);
    for &r in &h.roots {
        let b = block[r as usize];
        if at > 0.0 && at + b.breadth > limit + 0.5 {
            row_top += row_depth + level;
            at = 0.0;
            row_depth = 0.0;
        }
        start[r as usize] = at;
        top_d[r as usize] = row_top;
        at += b.breadth + root_space;
        row_depth = row_depth.max(b.depth);
    }
    let mut lines: Vec<(u32, u32, Vec<BreadthDepth>)> = Vec::new();
    let mut trunks: Vec<(u32, Vec<u32>, Vec<BreadthDepth>)> = Vec::new();
    for &v in &h.order {
        let vi = v as usize;
        if !visible[vi] {
            continue;
        }
        center_b[vi] = start[vi] + block[vi].breadth / 2.0;
        if !shows_children(v) {
            continue;
        }
        let area = arrange(v, &block);
        let left = center_b[vi] - area.size.breadth / 2.0;
        let area_top = top_d[vi] + card_d + level;
        let manager_b = center_b[vi];
        let bottom = (manager_b, top_d[vi] + card_d);
        let bus0 = area_top - level / 2.0;
        let trunk = left + gap / 2.0;
        // The way from the manager to the bus above row `row`.
        let to_row = |row: usize| -> Vec<(f32, f32)> {
            let mut path = vec![bottom, (manager_b, bus0)];
            if row > 0 {
                let bus = area_top + area.row_top[row] - level / 2.0;
                path.push((trunk, bus0));
                path.push((trunk, bus));
            }
            path
        };
        let leaves: Vec<u32> = h
            .children_of(v)
            .iter()
            .copied()
            .filter(|&c| !shows_children(c))
            .collect();
        for &(item, offset, row) in &area.placed {
            let item_top = area_top + area.row_top[row];
            let bus = item_top - level / 2.0;
            match item {
                Item::Child(c) => {
                    let ci = c as usize;
                    start[ci] = left + offset;
                    top_d[ci] = item_top;
                    let cb = start[ci] + block[ci].breadth / 2.0;
                    let mut path = to_row(row);
                    path.push((cb, bus));
                    path.push((cb, item_top));
                    lines.push((v, c, path));
                }
                Item::Grid => {
                    let Some((_, rows)) = area.grid else {
                        continue;
                    };
                    let grid_start = left + offset + gap;
                    for (column, members) in leaves.chunks(rows).enumerate() {
                        let column_start = grid_start + column as f32 * (card_b + gap);
                        let column_trunk = column_start - gap / 2.0;
                        let mut last_mid = bus;
                        for (row_in, &c) in members.iter().enumerate() {
                            let ci = c as usize;
                            start[ci] = column_start;
                            top_d[ci] = item_top + row_in as f32 * (card_d + gap / 2.0);
                            center_b[ci] = start[ci] + card_b / 2.0;
                            let mid = top_d[ci] + card_d / 2.0;
                            last_mid = mid;
                            lines.push((v, c, vec![(column_trunk, mid), (start[ci], mid)]));
                        }
                        let mut path = to_row(row);
                        path.push((column_trunk, bus));
                        path.push((column_trunk, last_mid));
                        trunks.push((v, members.to_vec(), path));
                    }
                }
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
    let trunks = trunks
        .into_iter()
        .map(|(p, cs, pts)| {
            (
                p,
                cs,
                pts.into_iter().map(|(b, d)| to_point(b, d)).collect(),
            )
        })
        .collect();
    TreeLayout {
        cards,
        lines,
        trunks,
        bounds: bounds.unwrap_or_default(),
        hidden_below,
    }
}

/// Above this many visible people [`tree_layout_for`] lays out once instead of trying shapes.
const SEARCH_UP_TO: usize = 20_000;

/// Lays out the tree to fill a panel `panel_aspect` times wider than high: tries a range of
/// row-stacking shapes and keeps the one that lets the whole tree be drawn largest there.
pub fn tree_layout_for(h: &Hierarchy<'_>, request: &TreeRequest, panel_aspect: f32) -> TreeLayout {
    best_shape(h, request, panel_aspect).0
}

/// [`tree_layout_for`], with the request that made it: laying out an edited org with the same
/// request keeps its shape, so that an edit does not reshuffle the picture.
pub fn best_shape(
    h: &Hierarchy<'_>,
    request: &TreeRequest,
    panel_aspect: f32,
) -> (TreeLayout, TreeRequest) {
    let panel_aspect = if panel_aspect.is_finite() {
        panel_aspect.clamp(0.1, 10.0)
    } else {
        1.5
    };
    let request_with = |aspect: f32, column_depth: f32| TreeRequest {
        aspect,
        column_depth,
        ..request.clone()
    };
    let with = |aspect: f32, column_depth: f32| tree_layout(h, &request_with(aspect, column_depth));
    // The zoom at which the layout fits a panel of this aspect and height 1.
    let fit = |layout: &TreeLayout| {
        let (w, hgt) = (
            layout.bounds.width().max(1.0),
            layout.bounds.height().max(1.0),
        );
        (panel_aspect / w).min(1.0 / hgt)
    };
    let mut best = with(panel_aspect, 1.0);
    let mut chosen = request_with(panel_aspect, 1.0);
    let shown = best.cards.iter().flatten().count();
    if shown > SEARCH_UP_TO {
        return (best, chosen);
    }
    let mut best_fit = fit(&best);
    // Local stacking compounds over levels, so the best local aspect is not the panel's own;
    // for smaller trees the columns of stacked reports are tried deeper and shallower too.
    // (A large tree tries 7 shapes, coarser, instead of 65: each layout costs a millisecond.)
    let (depths, steps, factor): (&[f32], i32, f32) = if shown > SEARCH_UP_TO / 10 {
        (&[1.0], 3, 1.35 * 1.35)
    } else {
        (&[0.5, 0.7, 1.0, 1.4, 2.0], 6, 1.35)
    };
    for step in -steps..=steps {
        for &depth in depths {
            if step == 0 && depth == 1.0 {
                continue;
            }
            let aspect = panel_aspect * factor.powi(step);
            let layout = with(aspect, depth);
            let f = fit(&layout);
            if f > best_fit * 1.01 {
                best = layout;
                best_fit = f;
                chosen = request_with(aspect, depth);
            }
        }
    }
    (best, chosen)
}
