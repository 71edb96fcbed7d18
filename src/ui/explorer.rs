//! View ▸ Explore the network: the network view's nodes and ties in egui_graphs' `GraphView`,
//! laid out by force (Fruchterman–Reingold with a pull to the centre) while the window is open.
//! Nodes can be dragged, and stay where they are dropped (pinned); a click selects in both
//! views; the network is fitted to the window as it moves, or, with *Fit to the window*
//! unticked, the wheel zooms and a drag on the background pans. When the layout comes to rest, or
//! on *Keep this layout*, its places become the network view's layout and the explorer closes:
//! `GraphView` asks for a new frame on every frame it draws, so it only runs while it is
//! needed, and the window goes back to painting its own still picture (no CPU when idle).

use crate::layout::{NodeKey, NodeKind, Point};
use crate::scene::{Shape, Target};
use crate::session::{Action, Selection, Session};
use egui_graphs::{
    DefaultEdgeShape, DisplayNode, DrawContext, FruchtermanReingoldWithCenterGravity,
    FruchtermanReingoldWithCenterGravityState, Graph, GraphChange, GraphView, LayoutForceDirected,
    NodeProps, SettingsInteraction, SettingsNavigation, SettingsStyle,
};
use petgraph::stable_graph::NodeIndex;
use std::collections::HashMap;

/// The explorer is offered for networks of at most this many nodes: the force layout compares
/// every pair of nodes on every frame. A frame of the whole window with it open took 10.2 ms
/// at 1,000 nodes and 22 ms at 2,000 on the machine the README's benchmarks ran on
/// (`cargo bench --bench frame -- explorer`): 16 ms falls between them.
pub const MAX_NODES: usize = 1_000;

/// Names are drawn on every node up to this many nodes; past it, on the node under the
/// pointer.
const LABELS_ALWAYS: usize = 150;

/// The layout rests once the nodes move less than this share of the network's size (its
/// diagonal) on average in a step, for [`STILL_STEPS`] steps running.
const STILL: f32 = 0.000_5;
/// The force layout's time step: twice egui_graphs' default, so that it settles in seconds.
const STEP_DT: f32 = 0.1;
const STILL_STEPS: u32 = 30;
/// A layout still moving after this many steps is kept as it is.
const MAX_STEPS: u64 = 3_000;

/// egui_graphs keeps its layout state and zoom under this id.
const ID: &str = "orgflow-network-explorer";

type State = FruchtermanReingoldWithCenterGravityState;
type Force = LayoutForceDirected<FruchtermanReingoldWithCenterGravity>;
type ExplorerGraph = Graph<u32, (), petgraph::Directed, u32, Node, DefaultEdgeShape>;

/// How a node is drawn: a circle in the network view's colour, its name below it in ink at
/// one size whatever the zoom (egui_graphs' default sizes names with the zoom, which lays out
/// every name again in every frame while the layout moves: 60 ms a frame at 100 nodes).
#[derive(Clone, Debug)]
struct Node {
    pos: egui::Pos2,
    radius: f32,
    color: Option<egui::Color32>,
    label: String,
    selected: bool,
    dragged: bool,
    hovered: bool,
    /// Named always, not only under the pointer or selected (small networks).
    named: bool,
}

impl From<NodeProps<u32>> for Node {
    fn from(props: NodeProps<u32>) -> Self {
        Self {
            pos: props.location(),
            radius: 8.0,
            color: props.color(),
            label: props.label.clone(),
            selected: props.selected,
            dragged: props.dragged,
            hovered: props.hovered,
            named: false,
        }
    }
}

impl DisplayNode<u32, (), petgraph::Directed, u32> for Node {
    fn closest_boundary_point(&self, dir: egui::Vec2) -> egui::Pos2 {
        self.pos + dir.normalized() * self.radius
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<egui::Shape> {
        use super::canvas::color;
        use crate::theme;
        let center = ctx.meta.canvas_to_screen_pos(self.pos);
        let radius = ctx.meta.canvas_to_screen_size(self.radius).max(3.0);
        let stroke = if self.selected {
            egui::Stroke::new(3.0, color(theme::SELECTED))
        } else if self.hovered || self.dragged {
            egui::Stroke::new(2.0, color(theme::INK))
        } else {
            egui::Stroke::new(1.0, color(theme::CARD_STROKE))
        };
        let fill = self.color.unwrap_or_else(|| color(theme::GROUP_FILL));
        let mut shapes = vec![egui::Shape::circle_filled(center, radius, fill)];
        shapes.push(egui::Shape::circle_stroke(center, radius, stroke));
        if self.named || self.selected || self.dragged || self.hovered {
            let ink = color(theme::INK);
            let galley = ctx.ctx.fonts_mut(|f| {
                f.layout_no_wrap(self.label.clone(), egui::FontId::proportional(12.0), ink)
            });
            let at = center + egui::vec2(-galley.size().x / 2.0, radius + 2.0);
            shapes.push(egui::epaint::TextShape::new(at, galley, ink).into());
        }
        shapes
    }

    fn update(&mut self, state: &NodeProps<u32>) {
        self.pos = state.location();
        self.color = state.color();
        self.label.clone_from(&state.label);
        self.selected = state.selected;
        self.dragged = state.dragged;
        self.hovered = state.hovered;
    }

    fn is_inside(&self, pos: egui::Pos2) -> bool {
        (pos - self.pos).length() <= self.radius
    }
}

/// Which network the explorer shows: a new one (another file, an edit, another reading)
/// closes it.
#[derive(Clone, Debug, PartialEq)]
struct Shows {
    path: std::path::PathBuf,
    version: u64,
    nodes: usize,
    ties: usize,
}

impl Shows {
    /// Whether it is still the network `doc` shows (checked every frame: nothing is copied).
    fn still(&self, doc: &crate::session::Document) -> bool {
        self.path == doc.path
            && self.version == doc.history.version()
            && self.nodes == doc.network_layout.nodes.len()
            && self.ties == doc.network_layout.ties.len()
    }

    fn of(doc: &crate::session::Document) -> Self {
        Self {
            path: doc.path.clone(),
            version: doc.history.version(),
            nodes: doc.network_layout.nodes.len(),
            ties: doc.network_layout.ties.len(),
        }
    }
}

/// The explorer's own state, kept while it is open.
pub struct Explorer {
    graph: ExplorerGraph,
    /// Per graph node (index order): its identity, to keep its place.
    keys: Vec<Option<NodeKey>>,
    /// Per graph node: what a click on it selects.
    selects: Vec<Option<Selection>>,
    shows: Shows,
    /// Nodes dropped by the user, and where.
    pinned: HashMap<NodeIndex<u32>, egui::Pos2>,
    /// Steps in a row the layout has hardly moved.
    still: u32,
    /// Steps so far.
    steps: u64,
    /// The first frame resets egui_graphs' layout state (a new run).
    fresh: bool,
    /// Where the graph was drawn in the last frame, and its zoom and pan.
    drawn: Option<(egui::Rect, f32, egui::Vec2)>,
    /// Fit the whole network to the window on every frame (else the user zooms and pans).
    pub fit: bool,
    /// Where the pointer went down to drag a node.
    drag_from: Option<egui::Pos2>,
}

impl Explorer {
    /// Whether the explorer is offered for the network the document shows, or why not.
    pub fn offered(doc: &crate::session::Document) -> Result<(), String> {
        let n = doc.network_layout.nodes.len();
        if n == 0 {
            return Err("The network view draws nothing to explore".to_owned());
        }
        if n > MAX_NODES {
            return Err(format!(
                "The network has {} nodes; the explorer stays smooth up to {}",
                crate::format::thousands(n as f64),
                crate::format::thousands(MAX_NODES as f64)
            ));
        }
        Ok(())
    }

    /// The explorer of the network the document shows, whatever its size (the menu offers it
    /// only up to [`MAX_NODES`]), or why there is nothing to explore.
    pub fn open(doc: &crate::session::Document) -> Result<Self, String> {
        let layout = &doc.network_layout;
        let n = layout.nodes.len();
        if n == 0 {
            return Err("The network view draws nothing to explore".to_owned());
        }
        let org = &doc.org;
        // The network view's picture, fitted to about the explorer's first size.
        let from = layout.bounds;
        let (w, h) = (860.0_f32, 520.0_f32);
        let scale = (w / from.width().max(1.0)).min(h / from.height().max(1.0));
        let c = from.center();
        let mut graph = ExplorerGraph::new();
        let mut keys = Vec::with_capacity(n);
        let mut selects = Vec::with_capacity(n);
        let mut index = Vec::with_capacity(n);
        for (k, node) in layout.nodes.iter().enumerate() {
            let (label, target, select) = match &node.kind {
                NodeKind::Domain(d) => {
                    let domain = org.decisions.get(*d as usize);
                    (
                        domain.map_or_else(String::new, |d| d.name.clone()),
                        Target::Domain(*d),
                        domain.map(|d| Selection::Domain(d.id.clone())),
                    )
                }
                NodeKind::Person(p) => {
                    let person = org.people.get(*p as usize);
                    (
                        person.map_or_else(String::new, |p| p.display_name().to_owned()),
                        Target::Person(*p),
                        person.map(|p| Selection::Person(p.id.clone())),
                    )
                }
                NodeKind::Group { team, count } => (
                    format!(
                        "{} ({count})",
                        if team.is_empty() { "No team" } else { team }
                    ),
                    Target::Group(team.clone()),
                    Some(Selection::Group(team.clone())),
                ),
            };
            let at = egui::pos2(
                w / 2.0 + (node.center.x - c.x) * scale,
                h / 2.0 + (node.center.y - c.y) * scale,
            );
            let i = graph.add_node_with_label_and_location(k as u32, label, at);
            let fill = doc.network.find(&target).and_then(|s| match s {
                Shape::Circle { fill, .. } | Shape::Box { fill, .. } => Some(*fill),
                Shape::Line { .. } => None,
            });
            if let Some(shown) = graph.node_mut(i) {
                if let Some(fill) = fill {
                    shown.set_color(super::canvas::color(fill.with_alpha(255)));
                }
                // As large as in the network view, but never too small to click.
                let display = shown.display_mut();
                display.radius = (node.radius * scale).clamp(6.0, 28.0);
                display.named = n <= LABELS_ALWAYS;
            }
            index.push(i);
            keys.push(crate::layout::node_key(org, &node.kind));
            selects.push(select);
        }
        for (a, b, _) in &layout.ties {
            if let (Some(&a), Some(&b)) = (index.get(*a as usize), index.get(*b as usize)) {
                graph.add_edge(a, b, ());
            }
        }
        Ok(Self {
            graph,
            keys,
            selects,
            shows: Shows::of(doc),
            pinned: HashMap::new(),
            still: 0,
            steps: 0,
            fresh: true,
            drawn: None,
            fit: true,
            drag_from: None,
        })
    }

    /// Every node's place, by identity, in the explorer's units.
    fn places(&self) -> Vec<(NodeKey, Point)> {
        self.graph
            .nodes_iter()
            .filter_map(|(i, node)| {
                let key = self.keys.get(i.index())?.clone()?;
                let at = node.location();
                Some((key, Point::new(at.x, at.y)))
            })
            .collect()
    }

    /// Where the node of `selection` was drawn on screen in the last frame.
    pub fn screen_position(&self, selection: &Selection) -> Option<egui::Pos2> {
        let (rect, zoom, pan) = self.drawn?;
        let k = self
            .selects
            .iter()
            .position(|s| s.as_ref() == Some(selection))?;
        let at = self.graph.node(NodeIndex::new(k))?.location();
        Some(rect.left_top() + (at.to_vec2() * zoom + pan))
    }

    /// How many nodes the user has pinned.
    pub fn pinned(&self) -> usize {
        self.pinned.len()
    }

    /// Steps of the force layout so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }
}

/// The explorer's window, while it is open.
pub(super) fn explorer_window(session: &Session, view: &mut super::View, ctx: &egui::Context) {
    let Some(doc) = &session.document else {
        view.explorer = None;
        return;
    };
    let Some(ex) = &mut view.explorer else {
        return;
    };
    if !ex.shows.still(doc) {
        // Another org, an edit or another reading: this picture is of a network that is gone.
        view.explorer = None;
        return;
    }
    let mut open = true;
    let mut keep = false;
    let mut cancel = false;
    let mut settled = false;
    let mut clicked = None;
    egui::Window::new("Explore the network")
        .default_size([900.0, 640.0])
        .open(&mut open)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let status = if ex.pinned.is_empty() {
                    format!("Settling… step {}", ex.steps)
                } else {
                    format!(
                        "Settling… step {}; {} pinned",
                        ex.steps,
                        crate::format::count(ex.pinned.len(), "node", "nodes")
                    )
                };
                ui.label(status);
                let button = ui
                    .button("Keep this layout")
                    .on_hover_text("The network view takes these places now, and keeps them through edits");
                keep |= button.clicked();
                if ui
                    .add_enabled(!ex.pinned.is_empty(), egui::Button::new("Unpin all"))
                    .clicked()
                {
                    ex.pinned.clear();
                    ex.still = 0;
                }
                ui.checkbox(&mut ex.fit, "Fit to the window").on_hover_text(
                    "The whole network stays in view as it moves; untick to zoom with the wheel and pan by dragging the background",
                );
                cancel |= ui
                    .button("Cancel")
                    .on_hover_text("Close the explorer; the network view keeps its layout")
                    .clicked();
            });
            ui.weak("Drag a node to pin it; click one to select it in both views. The network view keeps the layout when it comes to rest.");

            // The session's selection is the explorer's.
            let selected: Vec<NodeIndex<u32>> = ex
                .selects
                .iter()
                .position(|s| s.is_some() && s.as_ref() == session.selection.as_ref())
                .map(NodeIndex::new)
                .into_iter()
                .collect();
            if ex.graph.selected_nodes() != selected.as_slice() {
                let all: Vec<NodeIndex<u32>> = ex.graph.g().node_indices().collect();
                for i in all {
                    if let Some(n) = ex.graph.node_mut(i) {
                        n.set_selected(selected.contains(&i));
                    }
                }
                ex.graph.set_selected_nodes(selected);
            }
            let id = Some(ID.to_owned());
            if ex.fresh {
                egui_graphs::reset::<State>(ui, id.clone());
                let mut state = State::default();
                state.base.dt = STEP_DT;
                egui_graphs::set_layout_state::<State>(ui, state, id.clone());
                ex.fresh = false;
            }
            let response = GraphView::<State, Force>::new()
                .with_id(id.clone())
                .with_interactions(
                    &SettingsInteraction::new()
                        .with_dragging_enabled(true)
                        .with_hover_enabled(true)
                        .with_node_clicking_enabled(true)
                        .with_node_selection_enabled(true),
                )
                .with_navigations(
                    &SettingsNavigation::new()
                        .with_zoom_and_pan_enabled(!ex.fit)
                        .with_fit_to_screen_enabled(ex.fit),
                )
                // Names are the nodes' own (Node::named); edges carry none.
                .with_styles(&SettingsStyle::new().with_labels_always(false))
                .show(ui, &mut ex.graph);
            response.response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::WidgetType::Other,
                    true,
                    "The network, laid out by force",
                )
            });
            let meta = egui_graphs::MetadataFrame::new(id.clone()).load(ui);
            let rect = response.response.rect;
            // The pointer in the graph's own units.
            let to_graph = |p: egui::Pos2| ((p - rect.left_top() - meta.pan) / meta.zoom).to_pos2();
            let pointer = ui.input(|i| i.pointer.latest_pos());
            for change in &response.changes {
                match change {
                    // While the user works on the layout, it is not kept from under them.
                    GraphChange::NodeClicked { node } => {
                        clicked = Some(*node);
                        ex.still = 0;
                    }
                    GraphChange::NodeDragStarted { .. } => {
                        ex.drag_from = ui.input(|i| i.pointer.press_origin());
                        ex.still = 0;
                    }
                    // A node dragged (not only clicked) stays where it is dropped: under the
                    // pointer (egui_graphs keeps it there while it is dragged).
                    GraphChange::NodeDragEnded { node } => {
                        if let (Some(from), Some(to)) = (ex.drag_from.take(), pointer)
                            && from.distance(to) > 3.0
                        {
                            ex.pinned.insert(*node, to_graph(to));
                        }
                        ex.still = 0;
                    }
                    _ => {}
                }
            }
            // Pinned nodes stay where they were dropped, whatever the forces say.
            let dragged = ex.graph.dragged_node();
            for (&i, &at) in &ex.pinned {
                if Some(i) != dragged
                    && let Some(n) = ex.graph.node_mut(i)
                {
                    n.set_location(at);
                }
            }
            let state = egui_graphs::get_layout_state::<State>(ui, id.clone());
            ex.steps = state.base.step_count;
            // At rest when the nodes move a tiny share of the network's size in a step.
            let extent = ex
                .graph
                .nodes_iter()
                .map(|(_, n)| egui::Rect::from_center_size(n.location(), egui::Vec2::ZERO))
                .reduce(|a, b| a.union(b))
                .map_or(0.0, |r| r.size().length());
            let resting = state
                .base
                .last_avg_displacement
                .is_some_and(|d| d < STILL * extent.max(1.0));
            ex.still = if resting && dragged.is_none() {
                ex.still + 1
            } else {
                0
            };
            settled = ex.still >= STILL_STEPS || ex.steps >= MAX_STEPS;
            ex.drawn = Some((rect, meta.zoom, meta.pan));
        });
    let select = clicked.and_then(|node| ex.selects.get(node.index()).cloned().flatten());
    let kept = (keep || settled).then(|| ex.places());
    if let Some(selection) = select {
        view.act(Action::Select(Some(selection)));
    }
    if let Some(places) = kept {
        view.explorer = None;
        view.act(Action::KeepNetworkLayout { places, settled });
    } else if cancel || !open {
        view.explorer = None;
    }
}
