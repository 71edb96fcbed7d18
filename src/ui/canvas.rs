//! A zoomable, pannable view of a [`Scene`], with culling of what is off screen and level of
//! detail (no text when it would be too small to read). It requests no repaint of its own, so
//! an idle window uses no CPU.

use crate::layout::{Point, Rect};
use crate::scene::{Scene, Shape, Target};
use crate::theme::{
    self, MARK, MARK_RING_BOX, MARK_RING_CIRCLE, MIN_RING_SCREEN, SELECTED_RING_BOX,
    SELECTED_RING_CIRCLE,
};
use egui::{
    Align2, Color32, FontId, Pos2, Sense, Stroke, StrokeKind, Ui, Vec2, WidgetInfo, WidgetType,
};

/// Smallest text, in screen pixels, worth drawing.
const MIN_TEXT_PX: f32 = 5.0;
/// With more shapes than this on screen, text must be larger to be drawn: a crowd of tiny
/// labels is unreadable anyway, and laying it out would blow the frame budget.
const CROWD: usize = 2_000;
/// Smallest text drawn in a crowd.
const MIN_CROWD_TEXT_PX: f32 = 9.0;
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
    /// The canvas area shown in the last frame.
    visible: Option<Rect>,
    /// The shape being dragged onto another, when the view restructures by dragging.
    dragging: Option<Target>,
    /// How many shapes the last frame drew.
    drawn: usize,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            center: Point::default(),
            zoom: 1.0,
            fit_pending: true,
            focus_pending: None,
            visible: None,
            dragging: None,
            drawn: 0,
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

/// A theme colour for egui.
pub fn color(c: theme::Color) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

impl Canvas {
    /// Fits the whole scene on the next frame.
    pub fn fit(&mut self) {
        self.fit_pending = true;
    }

    /// Frames `rect` (canvas units) on the next frame.
    pub fn focus(&mut self, rect: Rect) {
        self.focus_pending = Some(rect);
    }

    /// The canvas area the last frame showed, if it has been shown.
    pub fn visible_area(&self) -> Option<Rect> {
        self.visible
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

    /// Draws `scene` and handles pan (drag), zoom (scroll), clicks and double-clicks.
    /// `name` labels the view for screen readers; `accessible` names a target.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        picture: Picture<'_>,
        name: &str,
        accessible: &dyn Fn(&Target) -> String,
        drop_check: Option<DropCheck<'_>>,
    ) -> CanvasResponse {
        let Picture {
            scene,
            selected,
            overlay,
        } = picture;
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        response.widget_info(|| WidgetInfo::labeled(WidgetType::Other, true, name));
        let screen = response.rect;
        let mut out = CanvasResponse::default();
        if self.fit_pending && screen.width() > 1.0 {
            self.frame(scene.bounds, screen.shrink(8.0), 2.0);
            self.fit_pending = false;
        }
        if let Some(focus) = self.focus_pending.take() {
            let zoom = self.zoom.max(0.6);
            self.frame(focus.expand(60.0), screen.shrink(8.0), zoom.max(1.0));
            self.zoom = self.zoom.min(zoom.max(1.0));
        }
        if response.dragged() {
            let d = response.drag_delta() / self.zoom;
            self.center = Point::new(self.center.x - d.x, self.center.y - d.y);
        }
        if response.hovered() {
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
        let min_text = if self.drawn > CROWD {
            MIN_CROWD_TEXT_PX
        } else {
            MIN_TEXT_PX
        };
        let zoom = self.zoom;
        let show_text = move |size: f32| size * zoom >= min_text;
        let mut drawn = 0;
        // Small plain cards go into one mesh, painted where the first of them would be.
        let mut batch = Batch::default();
        let mut widgets = 0;
        for shape in &scene.shapes {
            if !shape.bounds().intersects(&visible) {
                continue;
            }
            drawn += 1;
            self.paint(&painter, screen, shape, selected, &show_text, &mut batch);
            if let Some(target) = shape.target() {
                let area = self.screen_rect(screen, shape.bounds());
                if widgets < MAX_WIDGETS && area.width() >= 24.0 && area.height() >= 12.0 {
                    widgets += 1;
                    let id = response.id.with(target);
                    let item = ui.interact(area.intersect(screen), id, Sense::click_and_drag());
                    item.widget_info(|| {
                        WidgetInfo::labeled(WidgetType::Button, true, accessible(target))
                    });
                    if item.double_clicked() {
                        out.double_clicked = Some(target.clone());
                    } else if item.clicked() {
                        out.clicked = Some(target.clone());
                    }
                    if drop_check.is_some() && item.drag_started() {
                        self.dragging = Some(target.clone());
                    }
                    if item.dragged() && self.dragging.is_none() {
                        let d = item.drag_delta() / self.zoom;
                        self.center = Point::new(self.center.x - d.x, self.center.y - d.y);
                    }
                }
            }
        }
        // Drawn over the scene: the selected person's own links, when links run between teams.
        for shape in overlay {
            if shape.bounds().intersects(&visible) {
                self.paint(&painter, screen, shape, None, &show_text, &mut batch);
            }
        }
        self.drawn = drawn;
        if let Some(slot) = batch.slot {
            painter.set(slot, egui::Shape::mesh(batch.mesh));
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

    fn paint(
        &self,
        painter: &egui::Painter,
        screen: egui::Rect,
        shape: &Shape,
        selected: Option<&Target>,
        show_text: &dyn Fn(f32) -> bool,
        batch: &mut Batch,
    ) {
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
                // Small cards are plain rectangles: no rounding or outline to tessellate.
                // (Decision domains keep their outline: they are few and pale.)
                let tiny = r.width() < 14.0 && matches!(target, Target::Person(_));
                if tiny && !*marked && selected != Some(target) {
                    if batch.slot.is_none() {
                        batch.slot = Some(painter.add(egui::Shape::Noop));
                    }
                    batch.mesh.add_colored_rect(r, color(*fill));
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
                self.paint_labels(painter, screen, labels, show_text, Some(r));
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
                self.paint_labels(painter, screen, labels, show_text, None);
            }
        }
    }

    fn paint_labels(
        &self,
        painter: &egui::Painter,
        screen: egui::Rect,
        labels: &[crate::scene::Label],
        show_text: &dyn Fn(f32) -> bool,
        clip: Option<egui::Rect>,
    ) {
        for label in labels {
            if !show_text(label.size) {
                continue;
            }
            let pos = self.to_screen(screen, label.at);
            let font = FontId::proportional(label.size * self.zoom);
            let align = if label.left {
                Align2::LEFT_BOTTOM
            } else {
                Align2::CENTER_BOTTOM
            };
            let painter = match clip {
                Some(r) => painter.with_clip_rect(r.intersect(screen)),
                None => painter.clone(),
            };
            painter.text(pos, align, &label.text, font, color(label.color));
        }
    }
}
