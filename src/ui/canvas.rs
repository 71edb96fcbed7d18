//! A zoomable, pannable view of a [`Scene`], with culling of what is off screen and level of
//! detail (no text when it would be too small to read). It requests no repaint of its own, so
//! an idle window uses no CPU.

use crate::layout::{Point, Rect};
use crate::scene::labels::MAX_OBSTACLES;
use crate::scene::{Scene, Shape, Target};
use crate::theme::{
    self, MARK, MARK_RING_BOX, MARK_RING_CIRCLE, MIN_RING_SCREEN, SELECTED_RING_BOX,
    SELECTED_RING_CIRCLE,
};
use egui::{
    Align2, Color32, FontId, Pos2, Sense, Stroke, StrokeKind, Ui, Vec2, WidgetInfo, WidgetType,
};

/// Text smaller than this on screen, in pixels, is not legible: such labels give way to fewer,
/// larger ones (the most loaded people first) instead of being drawn tiny.
pub const LEGIBLE_PX: f32 = 10.0;
/// The size of the labels the level of detail shows instead.
const DETAIL_PX: f32 = 12.0;
/// The minimap's longer side, in screen pixels.
const MINIMAP_PX: f32 = 150.0;
/// At most about this many shapes are dotted on a minimap.
const MINIMAP_SHAPES: usize = 20_000;
/// At most this many shapes get their own accessible, clickable widget each frame; the rest
/// are still clickable through the scene's hit test.
const MAX_WIDGETS: usize = 400;

/// The view state of one canvas: where it looks and how close.
#[derive(Clone, Debug)]
pub struct Canvas {
    /// Canvas point at the centre of the widget.
    center: Point,
    /// Screen pixels per canvas unit.
    zoom: f32,
    /// Fit the whole scene on the next frame.
    fit_pending: bool,
    /// Frame these canvas rectangles on the next frame.
    focus_pending: Option<Rect>,
    /// Pan, at the same zoom, to show this rectangle on the next frame if it is out of sight.
    reveal_pending: Option<Rect>,
    /// The canvas area shown in the last frame.
    visible: Option<Rect>,
    /// The shape being dragged onto another, when the view restructures by dragging.
    dragging: Option<Target>,
    /// The texts of the labels that stood free in the last frame (beside nodes, or over cards
    /// too small for text), for tests and the status of what is readable.
    free_shown: Vec<String>,
    /// The shape whose right-click menu is open, when it was too small for a widget.
    menu_target: Option<Target>,
    /// True while the view shows the whole scene as Fit framed it (no pan or zoom since).
    fitted: bool,
    /// The scene's bounds and the screen area the last Fit framed: while fitted, a scene that
    /// grows or shrinks (an edit, a collapse) or a view resized is fitted again.
    fitted_to: Option<(Rect, egui::Rect)>,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            center: Point::default(),
            zoom: 1.0,
            fit_pending: true,
            focus_pending: None,
            reveal_pending: None,
            visible: None,
            dragging: None,
            free_shown: Vec::new(),
            menu_target: None,
            fitted: false,
            fitted_to: None,
        }
    }
}

/// What the user did on a canvas this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CanvasResponse {
    /// A shape was clicked.
    pub clicked: Option<Target>,
    /// A shape was double-clicked.
    pub double_clicked: Option<Target>,
    /// The empty background was clicked.
    pub clicked_background: bool,
    /// A shape was dragged and let go: (what, onto what, if anything).
    pub dropped: Option<(Target, Option<Target>)>,
}

/// Small plain cards collected into one mesh instead of thousands of shapes.
#[derive(Default)]
struct Batch {
    mesh: egui::Mesh,
    slot: Option<egui::layers::ShapeIdx>,
}

/// What a canvas shows: the scene, what is selected in it, and shapes drawn over it.
pub struct Picture<'a> {
    /// The scene.
    pub scene: &'a Scene,
    /// The selected shape's target, ringed.
    pub selected: Option<&'a Target>,
    /// Drawn over the scene, not clickable (a selected person's own links).
    pub overlay: &'a [Shape],
}

/// Says whether dropping one shape onto another is allowed, and if not, why.
pub type DropCheck<'a> = &'a dyn Fn(&Target, &Target) -> Result<(), String>;

/// What a view says about its shapes and lets the user do with them.
pub struct Hooks<'a> {
    /// What a screen reader says for a shape, and what tests find it by.
    pub accessible: &'a dyn Fn(&Target) -> String,
    /// What the pointer resting on a shape shows.
    pub tooltip: &'a dyn Fn(&Target) -> String,
    /// Whether a dragged shape may be dropped on another; `None` when the view is read-only.
    pub drop_check: Option<DropCheck<'a>>,
    /// Fills a shape's right-click menu.
    pub menu: &'a mut dyn FnMut(&mut Ui, &Target),
}

/// A theme colour for egui: the one place a colour is made from numbers.
#[allow(clippy::disallowed_methods)]
pub fn color(c: theme::Color) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

impl Canvas {
    /// Fits the whole scene on the next frame.
    pub fn fit(&mut self) {
        self.fit_pending = true;
    }

    /// True while the view shows the whole scene as Fit framed it: no pan, zoom or focus since.
    pub fn is_fitted(&self) -> bool {
        self.fitted || self.fit_pending
    }

    /// Frames `rect` (canvas units) on the next frame.
    pub fn focus(&mut self, rect: Rect) {
        self.focus_pending = Some(rect);
    }

    /// The canvas area the last frame showed, if it has been shown.
    pub fn visible_area(&self) -> Option<Rect> {
        self.visible
    }

    /// Pans on the next frame, keeping the zoom, just enough to show `rect` (canvas units).
    pub fn reveal(&mut self, rect: Rect) {
        self.reveal_pending = Some(rect);
    }

    /// The labels that stood free in the last frame: names beside network nodes, or over cards
    /// too small for text of their own.
    pub fn free_labels(&self) -> &[String] {
        &self.free_shown
    }

    /// Screen pixels per canvas unit.
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    fn frame(&mut self, rect: Rect, screen: egui::Rect, max_zoom: f32) {
        let (w, h) = (rect.width().max(1.0), rect.height().max(1.0));
        self.zoom = (screen.width() / w)
            .min(screen.height() / h)
            .clamp(0.002, max_zoom);
        self.center = rect.center();
    }

    /// Where canvas point `p` lands on screen.
    pub fn to_screen(&self, screen: egui::Rect, p: Point) -> Pos2 {
        screen.center() + Vec2::new(p.x - self.center.x, p.y - self.center.y) * self.zoom
    }

    fn to_canvas(&self, screen: egui::Rect, p: Pos2) -> Point {
        let d = (p - screen.center()) / self.zoom;
        Point::new(self.center.x + d.x, self.center.y + d.y)
    }

    fn screen_rect(&self, screen: egui::Rect, r: Rect) -> egui::Rect {
        egui::Rect::from_min_max(self.to_screen(screen, r.min), self.to_screen(screen, r.max))
    }

    /// Draws `scene` and handles pan (drag), zoom (scroll), clicks, double-clicks and
    /// right-click menus. `name` labels the view for screen readers.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        picture: Picture<'_>,
        name: &str,
        hooks: Hooks<'_>,
    ) -> CanvasResponse {
        let Picture {
            scene,
            selected,
            overlay,
        } = picture;
        let Hooks {
            accessible,
            tooltip,
            drop_check,
            menu,
        } = hooks;
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        response.widget_info(|| WidgetInfo::labeled(WidgetType::Other, true, name));
        let screen = response.rect;
        let mut out = CanvasResponse::default();
        // Fit, asked for or kept: at Fit, the whole scene stays in view through edits.
        let refit = self.fitted && self.fitted_to != Some((scene.bounds, screen));
        if (self.fit_pending || refit) && screen.width() > 1.0 {
            self.frame(scene.bounds, screen.shrink(8.0), 2.0);
            self.fit_pending = false;
            self.fitted = true;
            self.fitted_to = Some((scene.bounds, screen));
        }
        if let Some(focus) = self.focus_pending.take() {
            self.fitted = false;
            let zoom = self.zoom.max(0.6);
            self.frame(focus.expand(60.0), screen.shrink(8.0), zoom.max(1.0));
            self.zoom = self.zoom.min(zoom.max(1.0));
        }
        if let Some(rect) = self.reveal_pending.take() {
            let margin = 24.0 / self.zoom;
            let half_w = screen.width() / 2.0 / self.zoom - margin;
            let half_h = screen.height() / 2.0 / self.zoom - margin;
            // The least move of the centre that brings each side of `rect` into view.
            let shift = |center: f32, lo: f32, hi: f32, half: f32| {
                if hi - lo > 2.0 * half {
                    (lo + hi) / 2.0
                } else if lo < center - half {
                    lo + half
                } else if hi > center + half {
                    hi - half
                } else {
                    center
                }
            };
            let center = Point::new(
                shift(self.center.x, rect.min.x, rect.max.x, half_w),
                shift(self.center.y, rect.min.y, rect.max.y, half_h),
            );
            if center != self.center {
                self.center = center;
                self.fitted = false;
            }
        }
        if response.dragged() {
            self.fitted = false;
            let d = response.drag_delta() / self.zoom;
            self.center = Point::new(self.center.x - d.x, self.center.y - d.y);
        }
        // Over the canvas, whether or not a card's own widget is under the pointer: on a dense
        // chart the pointer is almost always over one.
        if ui.rect_contains_pointer(screen) {
            let (scroll, pinch, pointer) = ui.input(|i| {
                (
                    i.smooth_scroll_delta.y,
                    i.zoom_delta(),
                    i.pointer.hover_pos(),
                )
            });
            let factor = pinch * (scroll / 300.0).exp();
            if (factor - 1.0).abs() > 1e-4
                && let Some(pointer) = pointer
            {
                self.fitted = false;
                let before = self.to_canvas(screen, pointer);
                self.zoom = (self.zoom * factor).clamp(0.002, 8.0);
                let after = self.to_canvas(screen, pointer);
                self.center = Point::new(
                    self.center.x + before.x - after.x,
                    self.center.y + before.y - after.y,
                );
            }
        }

        painter.rect_filled(screen, 0.0, color(theme::CANVAS));
        let visible = Rect {
            min: self.to_canvas(screen, screen.min),
            max: self.to_canvas(screen, screen.max),
        };
        self.visible = Some(visible);
        let mut free = FreeLabels::default();
        // Small plain cards go into one mesh, painted where the first of them would be.
        let mut batch = Batch::default();
        let mut widgets = 0;
        for shape in &scene.shapes {
            if !shape.bounds().intersects(&visible) {
                continue;
            }
            self.paint(&painter, screen, shape, selected, &mut free, &mut batch);
            if let Some(target) = shape.target() {
                let area = self.screen_rect(screen, shape.bounds());
                if widgets < MAX_WIDGETS && area.width() >= 24.0 && area.height() >= 12.0 {
                    widgets += 1;
                    let id = response.id.with(target);
                    let item = ui.interact(area.intersect(screen), id, Sense::click_and_drag());
                    item.widget_info(|| {
                        WidgetInfo::labeled(WidgetType::Button, true, accessible(target))
                    });
                    if item.hovered() && self.dragging.is_none() {
                        item.clone().on_hover_text_at_pointer(tooltip(target));
                    }
                    item.context_menu(|ui| menu(ui, target));
                    if item.double_clicked() {
                        out.double_clicked = Some(target.clone());
                    } else if item.clicked() {
                        out.clicked = Some(target.clone());
                    }
                    if drop_check.is_some() && item.drag_started() {
                        self.dragging = Some(target.clone());
                    }
                    if item.dragged() && self.dragging.is_none() {
                        self.fitted = false;
                        let d = item.drag_delta() / self.zoom;
                        self.center = Point::new(self.center.x - d.x, self.center.y - d.y);
                    }
                }
            }
        }
        // Drawn over the scene: the selected person's own links, when links run between teams.
        for shape in overlay {
            if shape.bounds().intersects(&visible) {
                self.paint(&painter, screen, shape, selected, &mut free, &mut batch);
            }
        }
        // Labels of a ring of nodes may also move out along the ray from the picture's middle.
        let hub = self.to_screen(screen, Point::default());
        self.free_shown = place_free_labels(&painter, screen, hub, free);
        if let Some(slot) = batch.slot {
            painter.set(slot, egui::Shape::mesh(batch.mesh));
        }

        // Shapes too small for a widget of their own still explain themselves on hover.
        if response.hovered()
            && self.dragging.is_none()
            && let Some(pos) = response.hover_pos()
            && let Some(target) = scene.hit(self.to_canvas(screen, pos))
        {
            response.clone().on_hover_text_at_pointer(tooltip(target));
        }
        if !self.fitted {
            self.minimap(ui, &painter, screen, scene, name);
        }
        // The right-click menu of a shape too small for its own widget.
        if response.secondary_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            self.menu_target = scene.hit(self.to_canvas(screen, pos)).cloned();
        }
        if let Some(target) = self.menu_target.clone()
            && response.context_menu(|ui| menu(ui, &target)).is_none()
        {
            self.menu_target = None;
        }
        if let (Some(dragged), Some(check)) = (self.dragging.clone(), drop_check) {
            out.dropped = self.drag_feedback(ui, &painter, screen, scene, &dragged, check);
        }
        if response.clicked()
            && out.clicked.is_none()
            && let Some(pos) = response.interact_pointer_pos()
        {
            match scene.hit(self.to_canvas(screen, pos)) {
                Some(target) => out.clicked = Some(target.clone()),
                None => out.clicked_background = true,
            }
        }
        if response.double_clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            out.double_clicked = scene.hit(self.to_canvas(screen, pos)).cloned();
        }
        out
    }

    /// A small map of the whole scene in the corner, with the part on screen outlined; a click
    /// or a drag on it moves the view there. Shown only while zoomed in.
    fn minimap(
        &mut self,
        ui: &mut Ui,
        painter: &egui::Painter,
        screen: egui::Rect,
        scene: &Scene,
        name: &str,
    ) {
        let bounds = scene.bounds;
        let (w, h) = (bounds.width().max(1.0), bounds.height().max(1.0));
        let scale = (MINIMAP_PX / w).min(MINIMAP_PX / h);
        let size = Vec2::new(w * scale, h * scale);
        if size.x > screen.width() / 3.0 || size.y > screen.height() / 3.0 {
            return;
        }
        let map = egui::Rect::from_min_size(screen.right_bottom() - size - Vec2::splat(10.0), size);
        let to_map = |p: Point| {
            map.min + Vec2::new((p.x - bounds.min.x) * scale, (p.y - bounds.min.y) * scale)
        };
        painter.rect(
            map.expand(4.0),
            4.0,
            color(theme::CANVAS),
            Stroke::new(1.0, color(theme::CARD_STROKE)),
            StrokeKind::Outside,
        );
        // Every shape with a target as a dot of its colour; a very big scene is sampled.
        let mut mesh = egui::Mesh::default();
        let stride = (scene.shapes.len() / MINIMAP_SHAPES).max(1);
        for shape in scene.shapes.iter().step_by(stride) {
            let fill = match shape {
                Shape::Box { fill, .. } | Shape::Circle { fill, .. } => *fill,
                Shape::Line { .. } => continue,
            };
            let r = shape.bounds();
            let rect = egui::Rect::from_min_max(to_map(r.min), to_map(r.max));
            let rect =
                egui::Rect::from_center_size(rect.center(), rect.size().max(Vec2::splat(1.5)));
            mesh.add_colored_rect(rect, color(fill));
        }
        painter.add(egui::Shape::mesh(mesh));
        if let Some(visible) = self.visible {
            let shown = egui::Rect::from_min_max(to_map(visible.min), to_map(visible.max))
                .intersect(map.expand(2.0));
            painter.rect_stroke(
                shown,
                0.0,
                Stroke::new(1.5, color(theme::SELECTED)),
                StrokeKind::Middle,
            );
        }
        let response = ui.interact(
            map,
            ui.id().with(("minimap", name)),
            Sense::click_and_drag(),
        );
        response.widget_info(|| {
            WidgetInfo::labeled(WidgetType::Other, true, format!("Minimap of the {name}"))
        });
        if (response.clicked() || response.dragged())
            && let Some(pos) = response.interact_pointer_pos()
        {
            let d = (pos - map.min) / scale;
            self.center = Point::new(bounds.min.x + d.x, bounds.min.y + d.y);
        }
    }

    /// Paints the dragged card under the pointer and marks the target as accepted (green) or
    /// refused (red, with the reason); on release returns what was dropped where.
    fn drag_feedback(
        &mut self,
        ui: &Ui,
        painter: &egui::Painter,
        screen: egui::Rect,
        scene: &Scene,
        dragged: &Target,
        check: DropCheck<'_>,
    ) -> Option<(Target, Option<Target>)> {
        let (pointer, released, down) = ui.input(|i| {
            (
                i.pointer.interact_pos().or(i.pointer.hover_pos()),
                i.pointer.primary_released(),
                i.pointer.primary_down(),
            )
        });
        let pointer = pointer?;
        let over = scene.hit(self.to_canvas(screen, pointer)).cloned();
        if let Some(target) = &over
            && let Some(shape) = scene.find(target)
        {
            let r = self.screen_rect(screen, shape.bounds()).expand(5.0);
            let verdict = if target == dragged {
                Err("drop onto another person".to_owned())
            } else {
                check(dragged, target)
            };
            let (color, text) = match &verdict {
                Ok(()) => (color(theme::DROP_OK), "Drop to report here".to_owned()),
                Err(reason) => (color(theme::DROP_REFUSED), format!("Not here: {reason}")),
            };
            painter.rect_stroke(r, 6.0, Stroke::new(3.0, color), StrokeKind::Outside);
            painter.text(
                pointer + Vec2::new(14.0, 18.0),
                Align2::LEFT_TOP,
                text,
                FontId::proportional(13.0),
                color,
            );
        }
        if let Some(shape) = scene.find(dragged) {
            let size = self.screen_rect(screen, shape.bounds()).size();
            let ghost = egui::Rect::from_center_size(pointer, size);
            painter.rect(
                ghost,
                6.0,
                color(theme::SELECTED.with_alpha(40)),
                Stroke::new(1.5, color(theme::SELECTED)),
                StrokeKind::Inside,
            );
        }
        if released || !down {
            self.dragging = None;
            return Some((dragged.clone(), over.filter(|t| t != dragged)));
        }
        None
    }

    fn paint<'s>(
        &self,
        painter: &egui::Painter,
        screen: egui::Rect,
        shape: &'s Shape,
        selected: Option<&Target>,
        free: &mut FreeLabels<'s>,
        batch: &mut Batch,
    ) {
        free.owner += 1;
        if selected.is_some() && selected == shape.target() {
            free.boost = free.owner;
        }
        let z = self.zoom;
        match shape {
            Shape::Line {
                points,
                width,
                color: c,
                dash,
            } => {
                // A line shorter than a couple of pixels is invisible: skip its tessellation.
                let extent = self.screen_rect(screen, shape.bounds());
                if extent.width() < 2.5 && extent.height() < 2.5 {
                    return;
                }
                let pts: Vec<Pos2> = points.iter().map(|&p| self.to_screen(screen, p)).collect();
                let stroke = Stroke::new((width * z).max(0.6), color(*c));
                match dash {
                    Some(d) if d * z >= 2.0 => {
                        painter.extend(egui::Shape::dashed_line(&pts, stroke, d * z, d * z));
                    }
                    _ => {
                        painter.add(egui::Shape::line(pts, stroke));
                    }
                }
            }
            Shape::Box {
                rect,
                corner,
                fill,
                stroke,
                stroke_width,
                dashed,
                marked,
                target,
                labels,
            } => {
                let r = self.screen_rect(screen, *rect);
                // No free label may cover a card or a domain but its own.
                if free.obstacles.len() < MAX_OBSTACLES {
                    free.obstacles.push((free.owner, r));
                }
                // Small cards are plain rectangles: no rounding or outline to tessellate.
                // (Decision domains keep their outline: they are few and pale.)
                let tiny = r.width() < 14.0 && matches!(target, Target::Person(_));
                if tiny && !*marked && selected != Some(target) {
                    if batch.slot.is_none() {
                        batch.slot = Some(painter.add(egui::Shape::Noop));
                    }
                    batch.mesh.add_colored_rect(r, color(*fill));
                    // Too small for any text of its own: its name may still stand free.
                    self.paint_labels(painter, screen, labels, Some(r), r, free);
                    return;
                }
                let corner = if tiny { 0.0 } else { corner * z };
                if *marked {
                    let (gap, width) = MARK_RING_BOX.at(z, MIN_RING_SCREEN);
                    painter.rect_stroke(
                        r.expand(gap),
                        corner,
                        Stroke::new(width, color(MARK)),
                        StrokeKind::Outside,
                    );
                }
                if selected == Some(target) {
                    let (gap, width) = SELECTED_RING_BOX.at(z, 2.0 * MIN_RING_SCREEN);
                    painter.rect_stroke(
                        r.expand(gap),
                        corner,
                        Stroke::new(width, color(theme::SELECTED)),
                        StrokeKind::Outside,
                    );
                }
                let outline = if tiny {
                    Stroke::NONE
                } else {
                    Stroke::new((stroke_width * z).max(0.5), color(*stroke))
                };
                if *dashed && !tiny {
                    painter.rect_filled(r, corner, color(*fill));
                    let path = [
                        r.left_top(),
                        r.right_top(),
                        r.right_bottom(),
                        r.left_bottom(),
                        r.left_top(),
                    ];
                    painter.extend(egui::Shape::dashed_line(&path, outline, 5.0, 4.0));
                } else {
                    painter.rect(r, corner, color(*fill), outline, StrokeKind::Inside);
                }
                self.paint_labels(painter, screen, labels, Some(r), r, free);
            }
            Shape::Circle {
                center,
                radius,
                fill,
                stroke,
                stroke_width,
                marked,
                target,
                labels,
            } => {
                let c = self.to_screen(screen, *center);
                let r = radius * z;
                // Labels beside other nodes must not cover this one.
                if free.obstacles.len() < MAX_OBSTACLES {
                    free.obstacles.push((
                        free.owner,
                        egui::Rect::from_center_size(c, Vec2::splat(2.0 * r)),
                    ));
                }
                if *marked {
                    let (gap, width) = MARK_RING_CIRCLE.at(z, MIN_RING_SCREEN);
                    painter.circle_stroke(c, r + gap, Stroke::new(width, color(MARK)));
                }
                if selected == Some(target) {
                    let (gap, width) = SELECTED_RING_CIRCLE.at(z, 2.0 * MIN_RING_SCREEN);
                    painter.circle_stroke(c, r + gap, Stroke::new(width, color(theme::SELECTED)));
                }
                painter.circle(
                    c,
                    r.max(0.8),
                    color(*fill),
                    Stroke::new((stroke_width * z).max(0.5), color(*stroke)),
                );
                let node = egui::Rect::from_center_size(c, Vec2::splat(2.0 * r));
                self.paint_labels(painter, screen, labels, None, node, free);
            }
        }
    }

    /// Draws the labels of one shape as the label engine shows them on this surface
    /// ([`crate::scene::shape_labels`]): in its card, clipped to it, in the form that fits;
    /// the name alone when the details would be too small; labels beside a shape, and names of
    /// cards too small for them, go to `free` to be placed without overlaps.
    fn paint_labels<'s>(
        &self,
        painter: &egui::Painter,
        screen: egui::Rect,
        labels: &'s [crate::scene::Label],
        card: Option<egui::Rect>,
        node: egui::Rect,
        free: &mut FreeLabels<'s>,
    ) {
        use crate::scene::Shown;
        let owner = free.owner;
        let surface = crate::scene::Surface {
            scale: self.zoom,
            legible: LEGIBLE_PX,
            free_size: DETAIL_PX,
        };
        let to_surface = |p: Point| {
            let s = self.to_screen(screen, p);
            Point::new(s.x, s.y)
        };
        let shown = crate::scene::shape_labels(
            &Painted(painter),
            &surface,
            card.map(to_layout),
            to_layout(node),
            labels,
            &to_surface,
            free.boost == owner,
        );
        for item in shown {
            match item {
                Shown::InCard { label, text, size } => {
                    let r = card.unwrap_or(node);
                    let align = if label.left {
                        Align2::LEFT_BOTTOM
                    } else {
                        Align2::CENTER_BOTTOM
                    };
                    painter.with_clip_rect(r.intersect(screen)).text(
                        self.to_screen(screen, label.at),
                        align,
                        text,
                        FontId::proportional(size),
                        color(label.color),
                    );
                }
                Shown::Centred { label, text, size } => {
                    let r = card.unwrap_or(node);
                    painter.with_clip_rect(r.intersect(screen)).text(
                        r.center(),
                        Align2::CENTER_CENTER,
                        text,
                        FontId::proportional(size),
                        color(label.color),
                    );
                }
                Shown::Free(name) => free.labels.push(FreeLabel {
                    owner,
                    around: name.around.map(|r| {
                        egui::Rect::from_min_max(
                            Pos2::new(r.min.x, r.min.y),
                            Pos2::new(r.max.x, r.max.y),
                        )
                    }),
                    pos: Pos2::new(name.at.x, name.at.y),
                    align: if name.centred {
                        Align2::CENTER_CENTER
                    } else if name.label.left {
                        Align2::LEFT_BOTTOM
                    } else {
                        Align2::CENTER_BOTTOM
                    },
                    text: &name.label.text,
                    px: name.size,
                    color: if name.centred {
                        color(crate::theme::INK)
                    } else {
                        color(name.label.color)
                    },
                    priority: name.priority,
                    forms: name.label.forms,
                    for_card: name.centred,
                    fallback: name.fallback.map(|(text, size)| Fallback {
                        card: card.unwrap_or(node),
                        text,
                        size,
                        color: color(name.label.color),
                    }),
                }),
            }
        }
    }
}

/// The labels that stand free this frame, and the nodes they must not cover.
#[derive(Default)]
pub struct FreeLabels<'s> {
    labels: Vec<FreeLabel<'s>>,
    /// Screen areas of nodes, by the number of the shape they belong to.
    obstacles: Vec<(usize, egui::Rect)>,
    /// The number of the shape being painted.
    owner: usize,
    /// The number of the selected shape, whose name goes first.
    boost: usize,
}

/// A label placed after every shape is drawn, where it overlaps no label placed before it.
pub struct FreeLabel<'s> {
    /// The number of the shape it names.
    owner: usize,
    /// The node it stands beside, when it may move to another side of it to find room.
    around: Option<egui::Rect>,
    pos: Pos2,
    align: Align2,
    text: &'s str,
    px: f32,
    color: Color32,
    priority: f32,
    forms: crate::scene::Forms,
    /// It names a card too small for it.
    for_card: bool,
    /// What the card shows should the label find no room.
    fallback: Option<Fallback>,
}

/// A card's name drawn in it when its free label found no room: no card is left blank.
struct Fallback {
    card: egui::Rect,
    text: String,
    size: f32,
    color: Color32,
}

/// Text measured as egui sets it, for the label engine.
struct Painted<'a>(&'a egui::Painter);

impl crate::scene::Measure for Painted<'_> {
    fn width(&self, text: &str, size: f32, _bold: bool) -> f32 {
        self.0
            .layout_no_wrap(text.to_owned(), FontId::proportional(size), Color32::BLACK)
            .size()
            .x
    }

    fn height(&self, size: f32, lines: usize) -> f32 {
        let row = self
            .0
            .layout_no_wrap("Hg".to_owned(), FontId::proportional(size), Color32::BLACK)
            .size()
            .y;
        row * lines as f32
    }
}

/// Places the free labels with the label engine the slides use (the most important first,
/// each where it overlaps no label placed before it and no other node), and draws them on a
/// pale backing so that lines do not run through the text; returns their texts as shown.
fn place_free_labels(
    painter: &egui::Painter,
    screen: egui::Rect,
    hub: Pos2,
    labels: FreeLabels<'_>,
) -> Vec<String> {
    let FreeLabels {
        labels: free,
        obstacles,
        ..
    } = labels;
    let reach = screen.expand(200.0);
    let loose: Vec<crate::scene::Loose<'_, (Color32, Option<Fallback>)>> = free
        .into_iter()
        .filter(|l| reach.contains(l.pos))
        .map(|l| crate::scene::Loose {
            owner: l.owner,
            around: l.around.map(to_layout),
            at: Point::new(l.pos.x, l.pos.y),
            hang: (share(l.align.x()), share(l.align.y())),
            text: l.text,
            size: l.px,
            bold: false,
            priority: l.priority,
            forms: l.forms,
            for_card: l.for_card,
            tag: (l.color, l.fallback),
        })
        .collect();
    let obstacles: Vec<(usize, Rect)> = obstacles
        .into_iter()
        .map(|(owner, r)| (owner, to_layout(r)))
        .collect();
    let (placed, dropped) = crate::scene::labels::place_or_drop(
        &Painted(painter),
        to_layout(screen),
        Point::new(hub.x, hub.y),
        loose,
        &obstacles,
        crate::scene::Limits::SHARED,
    );
    let backing = color(crate::theme::CANVAS.with_alpha(0xd8));
    let mut shown = Vec::with_capacity(placed.len());
    for label in placed {
        let rect = egui::Rect::from_min_max(
            Pos2::new(label.rect.min.x, label.rect.min.y),
            Pos2::new(label.rect.max.x, label.rect.max.y),
        );
        // A label that had to move away from its node keeps a thin leader to it.
        if let Some((from, to)) = label.leader {
            painter.line_segment(
                [Pos2::new(from.x, from.y), Pos2::new(to.x, to.y)],
                Stroke::new(1.0, color(crate::theme::MUTED.with_alpha(0x90))),
            );
        }
        painter.rect_filled(rect.expand(1.0), 3.0, backing);
        let row = rect.height() / label.lines.len().max(1) as f32;
        for (k, line) in label.lines.iter().enumerate() {
            painter.text(
                Pos2::new(rect.center().x, rect.min.y + row * k as f32),
                Align2::CENTER_TOP,
                line,
                FontId::proportional(label.size),
                label.tag.0,
            );
        }
        shown.push(label.lines.join(" "));
    }
    // A card whose name found no room beside it shows its initials: none is left blank.
    for fallback in dropped.into_iter().filter_map(|(_, f)| f) {
        painter
            .with_clip_rect(fallback.card.intersect(screen))
            .text(
                fallback.card.center(),
                Align2::CENTER_CENTER,
                fallback.text,
                FontId::proportional(fallback.size),
                fallback.color,
            );
    }
    shown
}

/// Where an alignment hangs a box from its anchor, as a share of the box.
fn share(align: egui::Align) -> f32 {
    match align {
        egui::Align::Min => 0.0,
        egui::Align::Center => 0.5,
        egui::Align::Max => 1.0,
    }
}

/// A screen rectangle in the layout's own type, for the geometry shared with the slides.
fn to_layout(r: egui::Rect) -> Rect {
    Rect {
        min: Point::new(r.min.x, r.min.y),
        max: Point::new(r.max.x, r.max.y),
    }
}
