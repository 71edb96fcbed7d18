//! Slides name people as a reader would, and nothing is drawn over anything else: measured on
//! orgs shaped like the real files that went wrong (a ministry's senior posts: 11 top posts,
//! 700 posts, long military ranks, "Last, First" names, posts whose names are withheld; an HR
//! export of 1,500 people sharing 26 names), every text's ink box as resvg lays it out, against
//! every card and every other text.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::analysis::analyze;
use orgflow::export::{ExportFormat, ExportOptions, ExportView, panel_size, render, scenes_for};
use orgflow::layout::Orientation;
use orgflow::model::Org;

mod fixtures;

use fixtures::{RANKS, crowd, ministry};

fn slide(org: &Org, view: ExportView) -> Vec<u8> {
    let analysis = analyze(org);
    let options = ExportOptions {
        view,
        format: ExportFormat::Svg,
        ..ExportOptions::default()
    };
    // Laid out as `orgflow export` lays a slide out: folded to what stays legible.
    let columns = if view == ExportView::Both { 2 } else { 1 };
    let panel = panel_size(&options, columns, 1);
    let (h, n) = scenes_for(org, &analysis, Orientation::TopDown, view, panel);
    let svg = render(org, &analysis, &h, &n, &options).expect("renders");
    // ORGFLOW_DUMP=dir keeps the slides, to look at.
    if let Ok(dir) = std::env::var("ORGFLOW_DUMP") {
        let path = std::path::Path::new(&dir).join(format!("{}-{view:?}.svg", org.name));
        std::fs::write(&path, &svg).expect("dump");
        let png = ExportOptions {
            format: ExportFormat::Png,
            ..options.clone()
        };
        let image = render(org, &analysis, &h, &n, &png).expect("renders");
        std::fs::write(path.with_extension("png"), image).expect("dump");
    }
    svg
}

/// A box: (x0, y0, x1, y1).
type Box4 = (f32, f32, f32, f32);

fn overlap(a: Box4, b: Box4, slack: f32) -> bool {
    a.0 + slack < b.2 && b.0 + slack < a.2 && a.1 + slack < b.3 && b.1 + slack < a.3
}

fn within(a: Box4, b: Box4, slack: f32) -> bool {
    a.0 >= b.0 - slack && a.1 >= b.1 - slack && a.2 <= b.2 + slack && a.3 <= b.3 + slack
}

fn attr(tag: &str, name: &str) -> Option<f32> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()?.parse().ok()
}

/// The people's cards of a slide (rounded rectangles with an outline and a fill), and the
/// pale backings of the labels that stand free.
fn cards_and_backings(svg: &str) -> (Vec<Box4>, Vec<Box4>) {
    let mut cards = Vec::new();
    let mut backings = Vec::new();
    for l in svg.lines().filter(|l| l.starts_with("<rect ")) {
        let Some(b) = (|| {
            let (x, y) = (attr(l, "x")?, attr(l, "y")?);
            Some((x, y, x + attr(l, "width")?, y + attr(l, "height")?))
        })() else {
            continue;
        };
        if l.contains(r#"rx="3""#) && l.contains(r#"fill-opacity="0.85""#) {
            backings.push(b);
        } else if l.contains(" stroke=") && !l.contains(r#"fill="none""#) && l.contains(" rx=") {
            cards.push(b);
        }
    }
    // A rectangle holding others is a background (a panel, a shaded range), not a card.
    let holds = |outer: &Box4| {
        cards
            .iter()
            .any(|inner| inner != outer && within(*inner, *outer, 0.0))
    };
    let cards = cards.iter().filter(|c| !holds(c)).copied().collect();
    (cards, backings)
}

/// Every text of a slide, as resvg lays it out: its words and its ink box.
fn texts(svg: &[u8]) -> Vec<(String, Box4)> {
    let opts = resvg::usvg::Options {
        fontdb: orgflow::export::fonts(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_data(svg, &opts).expect("valid SVG");
    let mut out = Vec::new();
    fn walk(group: &resvg::usvg::Group, out: &mut Vec<(String, Box4)>) {
        for node in group.children() {
            match node {
                resvg::usvg::Node::Group(g) => walk(g, out),
                resvg::usvg::Node::Text(t) => {
                    let words: String = t.chunks().iter().map(|c| c.text()).collect();
                    let b = t.abs_bounding_box();
                    out.push((words, (b.left(), b.top(), b.right(), b.bottom())));
                }
                _ => {}
            }
        }
    }
    walk(tree.root(), &mut out);
    out
}

/// No text is drawn over a card but its own, over another text, or out of its card.
fn assert_nothing_overlaps(org: &Org, svg: &[u8]) {
    let source = String::from_utf8(svg.to_vec()).expect("UTF-8");
    let (cards, backings) = cards_and_backings(&source);
    assert!(cards.len() >= 40, "{}: {} cards", org.name, cards.len());
    let texts = texts(svg);
    for (words, t) in &texts {
        let hit: Vec<&Box4> = cards.iter().filter(|c| overlap(*t, **c, 0.5)).collect();
        let free = backings.iter().any(|b| within(*t, *b, 1.0));
        assert!(
            hit.len() <= 1,
            "{}: “{words}” {t:?} lies over {} cards: {hit:?}",
            org.name,
            hit.len()
        );
        if let (Some(card), false) = (hit.first(), free) {
            assert!(
                within(*t, **card, 0.5),
                "{}: “{words}” {t:?} runs out of its card {card:?}",
                org.name
            );
        }
    }
    // Texts against texts: sorted by left edge, each against those that start before it ends.
    let mut boxes: Vec<&(String, Box4)> = texts.iter().collect();
    boxes.sort_by(|a, b| a.1.0.total_cmp(&b.1.0));
    for (k, (a, ab)) in boxes.iter().map(|x| (&x.0, x.1)).enumerate() {
        for (b, bb) in boxes[k + 1..].iter().map(|x| (&x.0, x.1)) {
            if bb.0 > ab.2 {
                break;
            }
            assert!(
                !overlap(ab, bb, 0.5),
                "{}: “{a}” {ab:?} overlaps “{b}” {bb:?}",
                org.name
            );
        }
    }
}

#[test]
fn no_text_on_a_slide_lies_over_another_or_over_a_card_not_its_own() {
    for org in [ministry(), crowd()] {
        for view in [ExportView::Hierarchy, ExportView::Both] {
            let svg = slide(&org, view);
            assert_nothing_overlaps(&org, &svg);
        }
    }
}

/// The names a slide draws, as resvg reads them.
fn drawn(svg: &[u8]) -> Vec<String> {
    texts(svg).into_iter().map(|(w, _)| w).collect()
}

#[test]
fn slides_name_people_in_their_real_order_with_ranks_dropped_before_names_are_cut() {
    let org = ministry();
    let words = drawn(&slide(&org, ExportView::Hierarchy));
    let analysis = analyze(&org);
    // Every top-level and second-level post shown is named by a name, never by initials, and
    // "Last, First" is never read backwards.
    for (i, p) in org.people.iter().enumerate().take(90) {
        let figures = &analysis.persons[i];
        assert!(figures.level < 2);
        let forms = orgflow::scene::name_forms(p.display_name(), false);
        let initials = orgflow::scene::name_forms(p.display_name(), true)
            .pop()
            .unwrap();
        assert!(
            !words.iter().any(|w| w == &initials) || forms.contains(&initials),
            "{} is drawn as “{initials}”",
            p.name
        );
    }
    for p in &org.people {
        if let Some((family, given)) = p.name.split_once(", ") {
            let backwards = format!("{}. {given}", &family[..1]);
            assert!(
                !words
                    .iter()
                    .any(|w| w.starts_with(&format!("{family},")) || w == &backwards),
                "“{}” is read backwards: {words:?}",
                p.name
            );
        }
    }
    assert!(!words.iter().any(|w| w == "N/D"), "a card says N/D");
    // A rank goes before the name is cut: no "Lt Gen J…".
    assert!(
        !words
            .iter()
            .any(|w| RANKS.iter().any(|r| w.starts_with(r)) && w.ends_with('…')),
        "a rank kept while the name was cut: {words:?}"
    );
}

#[test]
fn no_card_is_left_blank() {
    for org in [ministry(), crowd()] {
        let svg = slide(&org, ExportView::Hierarchy);
        let source = String::from_utf8(svg.clone()).expect("UTF-8");
        let (cards, backings) = cards_and_backings(&source);
        let texts = texts(&svg);
        for card in &cards {
            let named = texts.iter().any(|(_, t)| within(*t, *card, 0.5))
                || backings.iter().any(|b| overlap(*b, *card, 0.0));
            let leader = source.lines().any(|l| {
                l.starts_with("<line ")
                    && [("x1", "y1"), ("x2", "y2")].iter().any(|(x, y)| {
                        let (Some(x), Some(y)) = (attr(l, x), attr(l, y)) else {
                            return false;
                        };
                        within((x, y, x, y), *card, 1.0)
                    })
            });
            assert!(named || leader, "{}: a blank card at {card:?}", org.name);
        }
    }
}

/// Names in Chinese, Japanese and Korean are drawn from a shipped font: on the slide each
/// text in those scripts lays out at about one em a character (a glyph no font has would be
/// left out, or drawn as an empty box of Ubuntu's), and the name forms never cut them into
/// initials.
#[test]
fn chinese_japanese_and_korean_names_render_on_slides() {
    let org = orgflow::io::load(
        std::path::Path::new("tests/csv/cjk-names.csv"),
        &orgflow::io::CsvColumns::default(),
    )
    .expect("loads")
    .org;
    let svg = slide(&org, ExportView::Hierarchy);
    let opts = resvg::usvg::Options {
        fontdb: orgflow::export::fonts(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_data(&svg, &opts).expect("valid SVG");
    let mut checked = Vec::new();
    fn walk(group: &resvg::usvg::Group, out: &mut Vec<(String, f32, f32, usize)>) {
        for node in group.children() {
            match node {
                resvg::usvg::Node::Group(g) => walk(g, out),
                resvg::usvg::Node::Text(t) => {
                    let words: String = t.chunks().iter().map(|c| c.text()).collect();
                    let size = t
                        .chunks()
                        .first()
                        .and_then(|c| c.spans().first())
                        .map_or(0.0, |s| s.font_size().get());
                    // Glyphs drawn: the text as paths, one outline or more per glyph.
                    let drawn = t.flattened().children().len();
                    out.push((words, size, t.abs_bounding_box().width(), drawn));
                }
                _ => {}
            }
        }
    }
    walk(tree.root(), &mut checked);
    for name in [
        "山田 太郎",
        "王小明",
        "김민준",
        "佐藤 美咲",
        "李娜",
        "박서연",
    ] {
        let (words, size, width, drawn) = checked
            .iter()
            .find(|(w, ..)| w.starts_with(name) || name.starts_with(w.as_str()) && w.len() > 3)
            .unwrap_or_else(|| panic!("{name} is not on the slide: {checked:?}"));
        let cjk = words.chars().filter(|c| !c.is_ascii()).count() as f32;
        assert!(*drawn > 0, "{words}: nothing drawn");
        assert!(
            *width >= 0.8 * cjk * size,
            "{words}: {width} px wide at {size} px, as if glyphs were missing"
        );
    }
}
