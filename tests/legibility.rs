//! Every text the window draws is legible: at least 10 pixels high, and with a contrast of at
//! least 4.5:1 (WCAG 2.1 AA) against what is painted behind it, on the screens a user sees
//! first (the start screen, an org open with a person selected, a scenario, the Export dialog,
//! orgflow's own file picker). Measured on the shapes egui paints: each text's font size and
//! colour, against the last rectangle painted under it (the panel's fill otherwise); every
//! text, the views' cards and labels included.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure
#![allow(clippy::disallowed_methods)] // it measures colours, it paints none

mod common;
mod fixtures;

use common::{harness, open_school};
use egui::epaint::{Shape, TextShape};
use egui::{Color32, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgflow::app::OrgflowApp;

/// The relative luminance of an sRGB colour (WCAG 2.1).
fn luminance(c: Color32) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
}

/// The contrast ratio of two colours, 1 to 21.
fn contrast(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A colour seen over `under`, its alpha blended in.
fn over(c: Color32, under: Color32) -> Color32 {
    let a = f32::from(c.a()) / 255.0;
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    let mix = |x: u8, y: u8| (f32::from(x) * a + f32::from(y) * (1.0 - a)).round() as u8;
    Color32::from_rgb(mix(r, under.r()), mix(g, under.g()), mix(b, under.b()))
}

/// One text drawn: its words, its size in pixels, its contrast against what is under it.
#[derive(Debug)]
#[allow(dead_code)] // the words are read through Debug, in the failure's message
struct Drawn {
    text: String,
    px: f32,
    contrast: f64,
    at: egui::Pos2,
    rect: Rect,
}

fn flatten<'a>(shape: &'a Shape, out: &mut Vec<&'a Shape>) {
    match shape {
        Shape::Vec(list) => list.iter().for_each(|s| flatten(s, out)),
        s => out.push(s),
    }
}

/// Every text of the last frame, with what is under it.
fn texts(h: &Harness<'static, OrgflowApp>) -> Vec<Drawn> {
    let panel = egui::Visuals::light().panel_fill;
    let mut fills: Vec<(Rect, Color32)> = Vec::new();
    let mut out = Vec::new();
    let ppp = h.output().pixels_per_point;
    let mut flat = Vec::new();
    for clipped in &h.output().shapes {
        flatten(&clipped.shape, &mut flat);
    }
    for shape in flat {
        match shape {
            Shape::Rect(r) if r.fill.a() > 0 => {
                let under = fills
                    .iter()
                    .rev()
                    .find(|(rect, _)| rect.contains_rect(r.rect))
                    .map_or(panel, |(_, c)| *c);
                fills.push((r.rect, over(r.fill, under)));
            }
            Shape::Text(TextShape {
                pos,
                galley,
                override_text_color,
                fallback_color,
                opacity_factor,
                ..
            }) => {
                if galley.text().trim().is_empty() || *opacity_factor <= 0.0 {
                    continue;
                }
                // Where the glyphs are (a wrapped label's galley may start further left).
                let rect = galley.mesh_bounds.translate(pos.to_vec2());
                let under = fills
                    .iter()
                    .rev()
                    .find(|(r, _)| r.contains(rect.center()))
                    .map_or(panel, |(_, c)| *c);

                for section in &galley.job.sections {
                    let color = override_text_color.unwrap_or(
                        if section.format.color == Color32::PLACEHOLDER {
                            *fallback_color
                        } else {
                            section.format.color
                        },
                    );
                    let text = galley
                        .job
                        .text
                        .get(section.byte_range.start.0..section.byte_range.end.0)
                        .unwrap_or_default()
                        .to_owned();
                    if text.trim().is_empty() {
                        continue;
                    }
                    out.push(Drawn {
                        text,
                        px: section.format.font_id.size * ppp,
                        contrast: contrast(over(color, under), under),
                        at: rect.center(),
                        rect,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The texts of this frame under 10 pixels or 4.5:1. Text on a control that is switched off
/// (a greyed button) has no contrast requirement in WCAG 2.1 (1.4.3), so it is left out.
fn illegible(h: &Harness<'static, OrgflowApp>) -> Vec<Drawn> {
    let disabled: Vec<Rect> = h
        .query_all(egui_kittest::kittest::By::new().predicate(|n| n.is_disabled()))
        .map(|n| n.rect())
        .collect();
    texts(h)
        .into_iter()
        .filter(|d| !disabled.iter().any(|r| r.contains(d.at)))
        .filter(|d| d.px < 10.0 || d.contrast < 4.5)
        .collect()
}

fn assert_legible(h: &Harness<'static, OrgflowApp>, screen: &str) {
    let bad = illegible(h);
    assert!(
        bad.is_empty(),
        "{screen}: {} texts too small or too faint: {bad:#?}",
        bad.len()
    );
}

#[test]
fn every_screen_a_user_sees_first_is_legible() {
    let mut h = harness(None, None);
    h.set_size(egui::vec2(1600.0, 1000.0));
    h.run();
    assert_legible(&h, "the start screen");
    open_school(&mut h);
    h.get_by_label("Dana Reyes, Principal, in the hierarchy")
        .click();
    h.run();
    assert_legible(&h, "the school with Dana Reyes selected");
    h.get_by_label("Simulate absence").click();
    h.run();
    assert_legible(&h, "the absence scenario");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert_legible(&h, "the Export dialog over the scenario");
}

#[test]
fn orgflows_own_file_picker_is_legible() {
    let mut h = common::harness_with(orgflow::app::OrgflowApp::new(
        orgflow::session::Settings::default(),
        Box::new(common::MissingDialogs),
    ));
    h.set_size(egui::vec2(1600.0, 1000.0));
    h.get_by_label("Open…").click();
    // The picker lists the folder as it reads it: frames are stepped, not run until idle.
    h.run_steps(10);
    h.get_by_label_contains("Open a team file");
    assert_legible(&h, "orgflow's own picker");
}

/// A generated org of 1,500 people sharing 26 names, six reports each, one domain decided at
/// the top: opened in a 1600 × 1000 window, its hierarchy at Fit is folded to what stays
/// legible, and every text drawn in the hierarchy's view is at least 10 pixels and inside the
/// card whose name it gives (or is one of that card's own lines): no floating label.
#[test]
fn a_1500_person_org_at_fit_names_every_card_it_draws_legibly() {
    use orgflow::model::{Decision, DecisionId, Org, Person, PersonId};
    const NAMES: [&str; 26] = [
        "Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lea",
        "Max", "Nia", "Oto", "Pia", "Quin", "Rae", "Sol", "Tia", "Uma", "Vic", "Wes", "Xia", "Yan",
        "Zoe",
    ];
    let people: Vec<Person> = (0..1_500)
        .map(|i| {
            let mut p = Person::new(&format!("p{i}"), &format!("{} Quill", NAMES[i % 26]));
            p.title = format!("Post {i}");
            if i > 0 {
                p.manager = Some(PersonId(format!("p{}", (i - 1) / 6)));
            }
            p
        })
        .collect();
    let mut org = Org {
        name: "Twenty-six names".to_owned(),
        people,
        ..Org::default()
    };
    org.decisions.push(Decision {
        id: DecisionId("budget".to_owned()),
        name: "Budget".to_owned(),
        per_month: 12.0,
        raised_by: None,
        decides: vec![PersonId("p0".to_owned())],
        approves: Vec::new(),
        consulted: Vec::new(),
        roles: Vec::new(),
        hours: None,
        extra: Default::default(),
    });
    let h = opened(org, "names.json");
    let doc = common::open_doc(&h);
    let shown = doc.tree.cards.iter().flatten().count();
    assert!(shown < 1_500 && shown > 6, "{shown} cards shown");
    let status = h
        .state()
        .session
        .status
        .clone()
        .expect("Fit says what it did")
        .1;
    assert!(status.starts_with("Fit shows the top "), "{status}");
    // The cards, by their accessible names ("Ada Quill, Post 0, in the hierarchy").
    let view = h.get_by_label("Reporting hierarchy view").rect();
    let cards: Vec<(Rect, String, String)> = h
        .query_all_by_label_contains(", in the hierarchy")
        .map(|n| {
            let label = n.accesskit_node().label().unwrap_or_default();
            let mut parts = label.trim_end_matches(", in the hierarchy").splitn(2, ", ");
            let name = parts.next().unwrap_or_default().to_owned();
            let title = parts.next().unwrap_or_default().to_owned();
            (n.rect(), name, title)
        })
        .collect();
    assert_eq!(
        cards.len(),
        shown,
        "every card shown is a control of its own"
    );
    let drawn: Vec<Drawn> = texts(&h)
        .into_iter()
        .filter(|t| view.contains(t.at))
        .collect();
    assert!(
        drawn.len() >= shown,
        "{} texts for {shown} cards",
        drawn.len()
    );
    let mut named = std::collections::HashSet::new();
    for t in &drawn {
        assert!(t.px >= 10.0, "{t:?} is too small");
        let (rect, name, title) = cards
            .iter()
            .find(|(r, _, _)| r.contains(t.at))
            .unwrap_or_else(|| panic!("{t:?} is drawn on no card"));
        let text = t.text.trim();
        let forms = orgflow::scene::name_forms(name, true);
        let is_name = forms.iter().any(|f| {
            text == f
                || text
                    .strip_prefix(f.as_str())
                    .is_some_and(|r| r.starts_with(" +"))
        });
        if is_name {
            named.insert(format!("{rect:?}"));
        } else {
            // The card's own other lines: its title, its load, its reports.
            assert!(
                text == title
                    || text.contains('%')
                    || text.contains("report")
                    || text.starts_with('+')
                    || text.contains("a month"),
                "{text:?} is on the card of {name} ({title})"
            );
        }
    }
    assert_eq!(named.len(), shown, "every card drawn is named");
}

/// The ministry of `tests/names.rs` (11 top posts, 700 posts, long military ranks, "Last,
/// First" names, withheld names) opened in a 1600 × 1000 window: at Fit, no text in the
/// hierarchy's view lies over two cards, none lies over another text, and no top-level card's
/// name is cut to initials.
#[test]
fn the_window_draws_no_text_over_another_or_over_a_card_not_its_own() {
    let org = fixtures::ministry();
    let h = opened(org, "ministry.json");
    let view = h.get_by_label("Reporting hierarchy view").rect();
    let cards: Vec<Rect> = h
        .query_all_by_label_contains(", in the hierarchy")
        .map(|n| n.rect())
        .filter(|r| view.intersects(*r))
        .collect();
    assert!(cards.len() >= 40, "{} cards", cards.len());
    let drawn: Vec<Drawn> = texts(&h)
        .into_iter()
        .filter(|t| view.contains(t.at))
        .collect();
    assert!(drawn.len() >= cards.len(), "{} texts", drawn.len());
    // Glyph boxes include a little of the line's leading: half a pixel of slack.
    let meets = |a: &Rect, b: &Rect| a.shrink(0.5).intersects(b.shrink(0.5));
    for t in &drawn {
        let over: Vec<&Rect> = cards.iter().filter(|c| meets(&t.rect, c)).collect();
        assert!(
            over.len() <= 1,
            "{t:?} lies over {} cards: {over:?}",
            over.len()
        );
    }
    for (k, a) in drawn.iter().enumerate() {
        for b in &drawn[k + 1..] {
            assert!(!meets(&a.rect, &b.rect), "{a:?} overlaps {b:?}");
        }
    }
}

/// The real app with `org` open as `file`, run until its first Fit has settled.
fn opened(org: orgflow::model::Org, file: &str) -> Harness<'static, OrgflowApp> {
    let mut app = OrgflowApp::new(
        orgflow::session::Settings::default(),
        Box::new(orgflow::session::NoDialogs),
    );
    app.session.show(orgflow::session::Document::new(
        std::path::PathBuf::from(file),
        orgflow::io::Loaded::team(org),
        orgflow::layout::Orientation::TopDown,
    ));
    let mut h = common::harness_with(app);
    for _ in 0..4 {
        h.run();
    }
    h
}
