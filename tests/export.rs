//! Exported images: valid SVG, PNGs of the requested size that match reference images, PDFs,
//! safe text, and the command line's errors.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::analyze;
use orgflow::export::{ExportFormat, ExportOptions, ExportView, render, scenes};
use orgflow::io::parse_json;
use orgflow::layout::Orientation;
use orgflow::model::Org;
use resvg::tiny_skia::Pixmap;
use std::path::Path;
use support::{example, orgflow};

fn export(org: &Org, options: &ExportOptions) -> Vec<u8> {
    let analysis = analyze(org);
    let (h, n) = scenes(org, &analysis, Orientation::TopDown, options.view);
    render(org, &analysis, &h, &n, options).expect("renders")
}

fn options(view: ExportView, format: ExportFormat) -> ExportOptions {
    ExportOptions {
        view,
        format,
        ..ExportOptions::default()
    }
}

fn parse_svg(bytes: &[u8]) -> resvg::usvg::Tree {
    let opts = resvg::usvg::Options {
        fontdb: orgflow::export::fonts(),
        ..Default::default()
    };
    resvg::usvg::Tree::from_data(bytes, &opts).expect("valid SVG")
}

#[test]
fn svgs_are_valid_with_text_as_text_and_identical_each_time() {
    let org = example("riverside-traditional.json");
    for view in [
        ExportView::Hierarchy,
        ExportView::Distributed,
        ExportView::Both,
    ] {
        let svg = export(&org, &options(view, ExportFormat::Svg));
        let tree = parse_svg(&svg);
        assert_eq!(tree.size().width(), 1920.0);
        let text = String::from_utf8(svg.clone()).expect("utf-8");
        assert!(text.contains(">Dana Reyes</text>"), "{view:?}");
        assert!(
            text.contains("@font-face"),
            "the font travels inside the file"
        );
        assert_eq!(svg, export(&org, &options(view, ExportFormat::Svg)));
    }
}

fn ink(p: &Pixmap) -> (usize, usize) {
    let pixels = p.pixels();
    let not_white = pixels
        .iter()
        .filter(|c| c.red() < 245 || c.green() < 245 || c.blue() < 245)
        .count();
    (not_white, pixels.len())
}

#[test]
fn pngs_have_the_requested_size_and_are_not_blank() {
    let org = example("brightpath-product.json");
    let mut o = options(ExportView::Both, ExportFormat::Png);
    o.width = 1280;
    o.height = 720;
    o.scale = 2.0;
    let png = Pixmap::decode_png(&export(&org, &o)).expect("a PNG");
    assert_eq!((png.width(), png.height()), (2560, 1440));
    let (drawn, all) = ink(&png);
    assert!(drawn * 20 > all, "only {drawn} of {all} pixels drawn");

    o.transparent = true;
    o.scale = 1.0;
    let png = Pixmap::decode_png(&export(&org, &o)).expect("a PNG");
    assert_eq!(png.pixels()[0].alpha(), 0, "transparent background");
}

#[test]
fn pdfs_are_pdfs() {
    let pdf = export(
        &example("riverside-distributed.json"),
        &options(ExportView::Both, ExportFormat::Pdf),
    );
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() > 10_000);
}

/// The bundled examples' slides match the reference images in tests/export-reference within
/// a small tolerance. `UPDATE_REFERENCE=1 cargo test --test export` writes new references
/// after a deliberate change.
#[test]
fn the_examples_match_their_reference_images() {
    for (file, reference) in [
        ("riverside-traditional.json", "school-traditional.png"),
        ("riverside-distributed.json", "school-distributed.png"),
        ("brightpath-product.json", "product-company.png"),
    ] {
        let mut o = options(ExportView::Both, ExportFormat::Png);
        o.width = 960;
        o.height = 540;
        let bytes = export(&example(file), &o);
        let path = Path::new("tests/export-reference").join(reference);
        if std::env::var_os("UPDATE_REFERENCE").is_some() || !path.exists() {
            std::fs::write(&path, &bytes).expect("reference written");
        }
        let want = Pixmap::load_png(&path).expect("reference image");
        let got = Pixmap::decode_png(&bytes).expect("a PNG");
        assert_eq!((got.width(), got.height()), (want.width(), want.height()));
        let differing = got
            .pixels()
            .iter()
            .zip(want.pixels())
            .filter(|(a, b)| {
                let d = |x: u8, y: u8| x.abs_diff(y) > 24;
                d(a.red(), b.red()) || d(a.green(), b.green()) || d(a.blue(), b.blue())
            })
            .count();
        assert!(
            differing * 200 < got.pixels().len(),
            "{reference}: {differing} pixels differ"
        );
    }
}

#[test]
fn hostile_text_is_escaped_and_still_renders() {
    let org = parse_json(
        r#"{"orgflow": 1, "name": "<script>alert('x')</script> & \"Co\"",
          "people": [
            {"id": "a", "name": "Dana <b>Reyes</b> & co 🚀", "title": "</text><svg onload=alert(1)>"},
            {"id": "b", "name": "דנה רייס", "title": "מנהלת", "manager": "a"},
            {"id": "c", "name": "دانا ريس", "title": "مديرة", "manager": "a"},
            {"id": "d", "name": "Bell\u0007 Char", "manager": "a"}],
          "decisions": [{"id": "x", "name": "<Budget>", "decides": ["a"]}]}"#
            .as_bytes(),
    )
    .expect("valid");
    let svg = export(&org, &options(ExportView::Both, ExportFormat::Svg));
    let text = String::from_utf8(svg.clone()).expect("utf-8");
    assert!(!text.contains("<script"), "markup got through");
    assert!(!text.contains("<svg onload"), "markup got through");
    assert!(!text.contains("<b>"), "markup got through");
    assert!(
        text.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;Co&quot;")
    );
    assert!(text.contains("דנה רייס") && text.contains("دانا ريس") && text.contains("🚀"));
    assert!(!text.contains('\u{7}'));
    parse_svg(&svg);
    let png = Pixmap::decode_png(&export(
        &org,
        &options(ExportView::Hierarchy, ExportFormat::Png),
    ))
    .expect("a PNG");
    assert!(ink(&png).0 > 0);
}

#[test]
fn the_command_line_exports_and_explains_its_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("slide.png");
    let out_s = out.to_str().expect("utf-8");
    let ok = orgflow(&[
        "export",
        "assets/examples/riverside-traditional.json",
        "--view",
        "hierarchy",
        "--out",
        out_s,
        "--width",
        "1280",
        "--height",
        "720",
        "--scale",
        "2",
        "--title",
        "Before",
    ]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let png = Pixmap::load_png(&out).expect("a PNG");
    assert_eq!((png.width(), png.height()), (2560, 1440));

    let bad_view = orgflow(&[
        "export",
        "assets/examples/riverside-traditional.json",
        "--view",
        "sideways",
        "--out",
        out_s,
    ]);
    assert_eq!(bad_view.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_view.stderr).contains("sideways"));

    let unwritable = orgflow(&[
        "export",
        "assets/examples/riverside-traditional.json",
        "--out",
        "/nonexistent/folder/slide.svg",
    ]);
    assert_eq!(unwritable.status.code(), Some(1));
    let err = String::from_utf8_lossy(&unwritable.stderr).into_owned();
    assert!(
        err.contains("/nonexistent/folder/slide.svg: could not write the image"),
        "{err}"
    );

    let unknown = orgflow(&[
        "export",
        "assets/examples/riverside-traditional.json",
        "--out",
        "slide.bmp",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("end it in .png, .svg, .pdf or .pptx")
    );

    let tiny = orgflow(&[
        "export",
        "assets/examples/riverside-traditional.json",
        "--out",
        out_s,
        "--width",
        "10",
    ]);
    assert_eq!(tiny.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&tiny.stderr).contains("width must be 320 to 20,000"));
}

#[test]
fn a_subtree_exports_only_that_part_of_the_hierarchy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("marta.svg");
    let run = orgflow(&[
        "export",
        "assets/examples/riverside-traditional.json",
        "--view",
        "hierarchy",
        "--subtree",
        "marta",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let svg = std::fs::read_to_string(&out).expect("written");
    // Marta's team is there; teachers elsewhere in the school are not.
    assert!(svg.contains(">Ravi Menon</text>"));
    assert!(!svg.contains(">Mia Silva</text>"));
    let whole = export(
        &example("riverside-traditional.json"),
        &options(ExportView::Hierarchy, ExportFormat::Svg),
    );
    assert!(String::from_utf8_lossy(&whole).contains(">Mia Silva</text>"));
    parse_svg(svg.as_bytes());
    let unknown = orgflow(&[
        "export",
        "assets/examples/riverside-traditional.json",
        "--subtree",
        "nobody",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("nobody has the id or name “nobody”")
    );
}

/// Every font size in an SVG, with the text it sets.
fn font_sizes(svg: &str) -> Vec<(f32, String)> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let size = t.split("font-size=\"").nth(1)?.split('"').next()?;
            let body = t.split('>').nth(1)?.split("</text").next()?;
            let body = body
                .replace("&apos;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            Some((size.parse().ok()?, body))
        })
        .collect()
}

#[test]
fn no_text_on_a_slide_is_smaller_than_12_px_and_every_card_and_domain_is_named() {
    let orgs = [
        (
            "riverside-traditional.json",
            example("riverside-traditional.json"),
        ),
        (
            "riverside-distributed.json",
            example("riverside-distributed.json"),
        ),
        (
            "brightpath-product.json",
            example("brightpath-product.json"),
        ),
        (
            "a generated 1,000-person org",
            orgflow::generate::org(1_000, 7),
        ),
    ];
    for (name, org) in &orgs {
        let analysis = analyze(org);
        for view in [
            ExportView::Hierarchy,
            ExportView::Distributed,
            ExportView::Both,
        ] {
            let options = options(view, ExportFormat::Svg);
            let columns = if view == ExportView::Both { 2 } else { 1 };
            let panel = orgflow::export::panel_size(&options, columns, 1);
            let (h, n) =
                orgflow::export::scenes_for(org, &analysis, Orientation::TopDown, view, panel);
            let svg = String::from_utf8(render(org, &analysis, &h, &n, &options).expect("renders"))
                .expect("utf-8");
            let sizes = font_sizes(&svg);
            assert!(!sizes.is_empty());
            for (size, body) in &sizes {
                assert!(*size >= 12.0, "{name}, {view:?}: “{body}” at {size} px");
            }
            // On the bundled examples, every decision domain of the network is named (whole, cut
            // with "…", or over two lines).
            if view != ExportView::Hierarchy && !name.starts_with("a generated") {
                let texts: Vec<&str> = sizes.iter().map(|(_, b)| b.as_str()).collect();
                for d in &org.decisions {
                    let named = texts.iter().any(|t| {
                        let t = t.trim_end_matches('…').trim_end();
                        *t == d.name || (t.len() > 5 && d.name.starts_with(t))
                    });
                    assert!(
                        named,
                        "{name}, {view:?}: the domain “{}” is not named",
                        d.name
                    );
                }
            }
            // On the bundled examples, every card of the hierarchy carries its person's name
            // (whole, or shortened to fit, but at least their last name or initials).
            if view == ExportView::Hierarchy && !name.starts_with("a generated") {
                let texts: Vec<&str> = sizes.iter().map(|(_, b)| b.as_str()).collect();
                for person in &org.people {
                    let name = person.display_name();
                    let base = name.split(" (").next().unwrap_or(name);
                    let last = base.split_whitespace().last().unwrap_or("");
                    let initials: String = base
                        .split_whitespace()
                        .filter_map(|w| w.chars().next())
                        .collect();
                    assert!(
                        texts.iter().any(|t| t.contains(last) || *t == initials),
                        "{name}: {} has no name on the slide",
                        person.display_name()
                    );
                }
            }
        }
    }
}

#[test]
fn a_large_orgs_slide_shows_the_top_levels_and_the_flagged_people_and_says_so() {
    let org = orgflow::generate::org(5_000, 3);
    let analysis = analyze(&org);
    let svg_options = options(ExportView::Hierarchy, ExportFormat::Svg);
    let panel = orgflow::export::panel_size(&svg_options, 1, 1);
    let (h, n) = orgflow::export::scenes_for(
        &org,
        &analysis,
        Orientation::TopDown,
        svg_options.view,
        panel,
    );
    let note = h.note.clone().expect("a note on what is left out");
    assert!(note.starts_with("the top "), "{note}");
    assert!(note.contains("of 5,000 people"), "{note}");
    // The most loaded flagged people are on the slide, wherever they sit.
    let marked = orgflow::scene::marked_people(&org, &analysis);
    let mut flagged: Vec<usize> = (0..org.people.len()).filter(|&v| marked[v]).collect();
    flagged.sort_by(|&a, &b| {
        analysis.persons[b]
            .hierarchical
            .share
            .total_cmp(&analysis.persons[a].hierarchical.share)
    });
    for &v in flagged.iter().take(12) {
        assert!(
            h.find(&orgflow::scene::Target::Person(v as u32)).is_some(),
            "flagged {} is missing",
            org.people[v].display_name()
        );
    }
    let svg = String::from_utf8(render(&org, &analysis, &h, &n, &svg_options).expect("renders"))
        .expect("utf-8");
    assert!(svg.contains("Reporting hierarchy, the top "));
    // Cards with hidden reports say how many, and no text is under 12 px.
    assert!(svg.contains(" +"));
    for (size, body) in font_sizes(&svg) {
        assert!(size >= 12.0, "“{body}” at {size} px");
    }
    if let Ok(dir) = std::env::var("ORGFLOW_LOOK") {
        let png = options(ExportView::Hierarchy, ExportFormat::Png);
        let bytes = render(&org, &analysis, &h, &n, &png).expect("renders");
        std::fs::write(Path::new(&dir).join("large-org-slide.png"), bytes).expect("written");
    }
}

#[test]
fn a_large_org_pdf_splits_over_pages_with_an_overview() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big.json");
    let org = orgflow::generate::org(3_000, 9);
    std::fs::write(&file, orgflow::io::to_json(&org)).expect("written");
    let out = dir.path().join("big.pdf");
    let run = orgflow(&[
        "export",
        file.to_str().expect("utf-8"),
        "--view",
        "hierarchy",
        "--pages",
        "auto",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let said = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(0), "{said}");
    let pages: usize = said
        .split(" (")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("says how many pages");
    assert!(pages > 1, "{said}");
    let pdf = std::fs::read(&out).expect("written");
    assert!(pdf.starts_with(b"%PDF"));
    // One page object per slide (and one page tree).
    let text = String::from_utf8_lossy(&pdf);
    assert_eq!(
        text.matches("/Type /Page\n").count()
            + text.matches("/Type /Page/").count()
            + text.matches("/Type /Page ").count(),
        pages,
        "page objects"
    );
    // Pages are for PDFs only, and not with a subtree.
    let png = orgflow(&[
        "export",
        file.to_str().expect("utf-8"),
        "--pages",
        "auto",
        "--out",
        dir.path().join("big.png").to_str().expect("utf-8"),
    ]);
    assert_eq!(png.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&png.stderr).contains("--pages auto makes a PDF"));
    // Each part page is itself legible.
    let analysis = analyze(&org);
    let options = options(ExportView::Hierarchy, ExportFormat::Svg);
    let panel = orgflow::export::panel_size(&options, 1, 1);
    // The largest part below the top.
    let biggest = analysis
        .persons
        .iter()
        .filter(|p| p.manager.is_some())
        .max_by_key(|p| p.total_reports)
        .expect("managers")
        .id
        .clone();
    let (part, figures) = orgflow::export::part_of(&org, &analysis, &biggest).expect("a part");
    assert!(part.people.len() > 100);
    let (h, n) = orgflow::export::scenes_for(
        &part,
        &figures,
        Orientation::TopDown,
        ExportView::Hierarchy,
        panel,
    );
    let svg = String::from_utf8(render(&part, &figures, &h, &n, &options).expect("renders"))
        .expect("utf-8");
    for (size, body) in font_sizes(&svg) {
        assert!(size >= 12.0, "“{body}” at {size} px");
    }
}

/// The pale backings of the labels that stand free on a slide, as (x0, y0, x1, y1).
fn free_label_boxes(svg: &str) -> Vec<(f32, f32, f32, f32)> {
    let attr = |tag: &str, name: &str| -> Option<f32> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.parse().ok()
    };
    svg.lines()
        .filter(|l| {
            l.starts_with("<rect ")
                && l.contains(r#"rx="3""#)
                && l.contains("fill-opacity=\"0.85\"")
        })
        .filter_map(|l| {
            let (x, y) = (attr(l, "x")?, attr(l, "y")?);
            Some((x, y, x + attr(l, "width")?, y + attr(l, "height")?))
        })
        .collect()
}

/// One label engine places the window's labels and the slide's: on the slide of a generated
/// org of 1,500 people and of every example, no free label's box overlaps another's.
#[test]
fn no_free_label_on_a_slide_overlaps_another() {
    let mut orgs: Vec<Org> = [
        "riverside-traditional.json",
        "riverside-distributed.json",
        "brightpath-product.json",
    ]
    .iter()
    .map(|name| example(name))
    .collect();
    orgs.push(orgflow::generate::org(1_500, 3));
    for org in &orgs {
        let svg = export(org, &options(ExportView::Both, ExportFormat::Svg));
        let svg = String::from_utf8(svg).expect("UTF-8");
        let boxes = free_label_boxes(&svg);
        assert!(
            boxes.len() >= 10,
            "{}: only {} free labels",
            org.name,
            boxes.len()
        );
        for (k, a) in boxes.iter().enumerate() {
            for b in &boxes[k + 1..] {
                // Backings are drawn 1.5 px wider than the box the engine kept 2 px clear.
                let overlap =
                    a.0 + 1.5 < b.2 - 1.5 && b.0 + 1.5 < a.2 - 1.5 && a.1 < b.3 && b.1 < a.3;
                assert!(!overlap, "{}: {a:?} overlaps {b:?}", org.name);
            }
        }
    }
}
