//! Every colour orgflow draws with and the geometry of its rings, in one place that needs no
//! GUI: the window, the scenes and the exported slides all take them from here, so the screen
//! and a slide cannot drift apart.

/// A colour, sRGB with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub [u8; 4]);

impl Color {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b, 255])
    }

    /// The same colour with this alpha.
    pub const fn with_alpha(self, alpha: u8) -> Self {
        let [r, g, b, _] = self.0;
        Self([r, g, b, alpha])
    }

    /// As `#rrggbb`.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

/// The ring that marks a funnel, a wide span or a sole holder, the same in both views.
pub const MARK: Color = Color::rgb(0xd7, 0x19, 0x1c);
/// The ring around the selection (the window only).
pub const SELECTED: Color = Color::rgb(0x15, 0x65, 0xc0);
/// Text on light fills.
pub const INK: Color = Color::rgb(0x1f, 0x23, 0x28);
/// Secondary text.
pub const MUTED: Color = Color::rgb(0x5a, 0x60, 0x6b);
/// Text on dark fills.
pub const WHITE: Color = Color::rgb(0xff, 0xff, 0xff);
/// A trend chart's line through the hierarchy (and of a figure with one line).
pub const TREND_HIERARCHY: Color = Color::rgb(0x25, 0x3b, 0x6e);
/// A trend chart's line straight to the holder.
pub const TREND_DISTRIBUTED: Color = Color::rgb(0xe6, 0x55, 0x0d);
/// A trend chart's line of a figure that is the same in both readings (layers, spans).
pub const TREND_SINGLE: Color = Color::rgb(0x3a, 0x3f, 0x47);
/// A trend chart's grid lines.
pub const TREND_GRID: Color = Color::rgb(0xe3, 0xe6, 0xea);
/// Lines of the reporting tree.
pub const LINE: Color = Color::rgb(0x8a, 0x93, 0xa3);
/// A dotted-line (matrix) manager's line: dashed, darker than a reporting line.
pub const DOTTED: Color = Color::rgb(0x5a, 0x60, 0x6b);
/// Outline of a person's card or circle.
pub const CARD_STROKE: Color = Color::rgb(0x6b, 0x72, 0x80);
/// Fill of an open position's card.
pub const VACANT_FILL: Color = Color::rgb(0xf4, 0xf5, 0xf7);
/// The tie of a person who decides, and the text of domain names.
pub const DECIDES: Color = Color::rgb(0x25, 0x3b, 0x6e);
/// The tie of a person who approves, and the outline of a domain.
pub const APPROVES: Color = Color::rgb(0x31, 0x82, 0xbd);
/// The tie of a person who is consulted.
pub const CONSULTED: Color = Color::rgb(0x9a, 0xa3, 0xb2);
/// A peer link: faint, so that many read as texture rather than a hairball.
pub const PEER: Color = Color([0x7b, 0x55, 0xa6, 0x70]);
/// Fill of a domain somebody decides.
pub const DOMAIN_FILL: Color = Color::rgb(0xde, 0xeb, 0xf7);
/// Fill of a domain nobody decides.
pub const DOMAIN_UNDECIDED_FILL: Color = WHITE;
/// Fill of a team's grouped people.
pub const GROUP_FILL: Color = Color::rgb(0xee, 0xf0, 0xf3);
/// Outline of a team's grouped people.
pub const GROUP_STROKE: Color = Color::rgb(0xb4, 0xba, 0xc4);
/// Behind the views in the window.
pub const CANVAS: Color = Color::rgb(0xfa, 0xfb, 0xfc);
/// Behind a slide.
pub const SLIDE: Color = WHITE;
/// Outline of a slide's panels.
pub const PANEL_STROKE: Color = Color::rgb(0xe3, 0xe6, 0xea);
/// A bar of the structure panel outside the usual spans (narrow, or very wide): amber, apart
/// from the load scale.
pub const SPAN_OFF: Color = Color::rgb(0xe8, 0xb0, 0x5c);
/// Outline of the legend's swatches.
pub const SWATCH_STROKE: Color = Color::rgb(0xc9, 0xce, 0xd6);
/// A drop the window accepts.
pub const DROP_OK: Color = Color::rgb(0x1b, 0x8a, 0x3a);
/// A drop the window refuses.
pub const DROP_REFUSED: Color = Color::rgb(0xc6, 0x28, 0x28);
/// Messages that went well.
pub const GOOD_TEXT: Color = Color::rgb(0x2e, 0x5e, 0x3a);
/// Secondary text in the panels (egui's "weak" text): dark enough for 4.5:1 (WCAG AA) on the
/// panels' light grey and on a button's fill; egui's own light grey is 2.9:1.
pub const WEAK_TEXT: Color = Color::rgb(0x60, 0x60, 0x60);
/// Errors and critical findings.
pub const ERROR_TEXT: Color = Color::rgb(0xb0, 0x1c, 0x1c);
/// Warnings.
pub const WARNING_TEXT: Color = Color::rgb(0xa8, 0x5a, 0x00);
/// Notes.
pub const NOTE_TEXT: Color = Color::rgb(0x4a, 0x55, 0x68);

/// Outline of a person only in the after org.
pub const CHANGE_ADDED: Color = Color::rgb(0x1b, 0x8a, 0x3a);
/// Outline of a person only in the before org (drawn faded and dashed).
pub const CHANGE_REMOVED: Color = Color::rgb(0xc6, 0x28, 0x28);
/// Outline of a person with another manager.
pub const CHANGE_MOVED: Color = Color::rgb(0x15, 0x65, 0xc0);
/// Outline of a person whose rights changed.
pub const CHANGE_RIGHTS: Color = Color::rgb(0x7b, 0x3f, 0xb0);
/// Width of a change outline, in canvas units.
pub const CHANGE_STROKE: f32 = 3.5;
/// Alpha of a shape faded back (removed people, or what did not change).
pub const FADED: u8 = 70;

/// The sequential scale for decision load: pale yellow (none) to dark red (half of all
/// decisions or more). ColorBrewer YlOrRd.
pub const SCALE: [Color; 5] = [
    Color::rgb(0xff, 0xff, 0xcc),
    Color::rgb(0xfe, 0xd9, 0x76),
    Color::rgb(0xfd, 0x8d, 0x3c),
    Color::rgb(0xe3, 0x1a, 0x1c),
    Color::rgb(0x80, 0x00, 0x26),
];

/// The share of all decisions at which the scale reaches its darkest colour.
pub const SCALE_TOP: f64 = 0.5;

/// The top of the scale for incoming link weight: the largest share any person receives,
/// rounded up to 1, 2, 5, 10, 20, 30 or 50% (at most [`SCALE_TOP`]), so that the colours
/// spread over the shares the data has. Informal networks are flat: the most sought person
/// often receives a few percent, which on the decisions' 0–50% scale would leave every card
/// the same pale yellow.
pub fn links_scale_top(largest_share: f64) -> f64 {
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.3]
        .into_iter()
        .find(|&top| largest_share <= top)
        .unwrap_or(SCALE_TOP)
}

/// The colour of `share` on [`SCALE`] stretched to reach its darkest at `top`.
pub fn scale_color(share: f64, top: f64) -> Color {
    load_color(if top > 0.0 {
        share / top * SCALE_TOP
    } else {
        0.0
    })
}

/// The working days of waiting at which the wait colours reach their darkest short of a
/// queue without end.
pub const WAIT_SCALE_TOP: f64 = 2.0;

/// The colour of a person's queue on [`SCALE`]: by the working days a decision waits for them,
/// darkest from [`WAIT_SCALE_TOP`] days, and darkest too when their queue grows without end.
/// Nobody's queue (they carry nothing) is the palest.
pub fn wait_color(wait_days: Option<Option<f64>>) -> Color {
    match wait_days {
        None => load_color(0.0),
        Some(None) => load_color(SCALE_TOP),
        Some(Some(days)) => scale_color(days, WAIT_SCALE_TOP),
    }
}

/// The colour of a share of all decisions on [`SCALE`].
pub fn load_color(share: f64) -> Color {
    let t = (share / SCALE_TOP).clamp(0.0, 1.0) as f32 * (SCALE.len() - 1) as f32;
    let i = (t.floor() as usize).min(SCALE.len() - 2);
    let f = t - i as f32;
    let (a, b) = (SCALE[i].0, SCALE[i + 1].0);
    let mix = |k: usize| (f32::from(a[k]) + (f32::from(b[k]) - f32::from(a[k])) * f).round() as u8;
    Color([mix(0), mix(1), mix(2), 255])
}

/// Dark fills want light text.
pub fn text_on(fill: Color) -> Color {
    let [r, g, b, _] = fill.0;
    let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luma < 140.0 { WHITE } else { INK }
}

/// A ring drawn around a shape, in canvas units: how far outside it and how thick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ring {
    /// Space between the shape and the ring.
    pub gap: f32,
    /// The ring's thickness.
    pub width: f32,
}

impl Ring {
    /// Gap and width at this scale (pixels per canvas unit), never thinner than `min`.
    pub fn at(&self, scale: f32, min: f32) -> (f32, f32) {
        ((self.gap * scale).max(min), (self.width * scale).max(min))
    }
}

/// The red ring around a marked card or domain.
pub const MARK_RING_BOX: Ring = Ring {
    gap: 4.0,
    width: 3.0,
};
/// The red ring around a marked person in the network.
pub const MARK_RING_CIRCLE: Ring = Ring {
    gap: 5.0,
    width: 3.0,
};
/// The blue ring around a selected card (outside the red one).
pub const SELECTED_RING_BOX: Ring = Ring {
    gap: 9.0,
    width: 3.0,
};
/// The blue ring around a selected person in the network.
pub const SELECTED_RING_CIRCLE: Ring = Ring {
    gap: 10.0,
    width: 3.0,
};
/// Thinnest ring on screen, in pixels.
pub const MIN_RING_SCREEN: f32 = 1.5;
/// Thinnest ring in an exported slide, in pixels.
pub const MIN_RING_SLIDE: f32 = 1.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_links_scale_fits_the_largest_share() {
        // The manufacturing company's most sought person receives 5.4% of all e-mail.
        assert!((links_scale_top(0.054) - 0.1).abs() < 1e-12);
        assert!((links_scale_top(0.04) - 0.05).abs() < 1e-12);
        assert!((links_scale_top(0.27) - 0.3).abs() < 1e-12);
        assert!((links_scale_top(0.01) - 0.01).abs() < 1e-12);
        assert!((links_scale_top(0.9) - SCALE_TOP).abs() < 1e-12);
        // The largest share is the darkest colour, nothing the palest.
        assert_eq!(scale_color(0.04, 0.04), SCALE[4]);
        assert_eq!(scale_color(0.0, 0.05), SCALE[0]);
        assert_eq!(scale_color(0.5, SCALE_TOP), load_color(0.5));
    }
}
