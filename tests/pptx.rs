//! The PowerPoint deck: a valid OOXML package (every part well-formed, typed and linked), the
//! same drawing as the SVG slide (every text kept, every card a shape), a slide per finding
//! with its people outlined, notes with the definitions, pictures for large orgs, and, where
//! LibreOffice is installed, a headless conversion that keeps the text.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::{Analysis, Severity, analyze, group_findings};
use orgflow::export::{ExportFormat, ExportOptions, ExportView, deck_slides, render, scenes};
use orgflow::io::{CsvColumns, load};
use orgflow::layout::Orientation;
use orgflow::model::Org;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;
use support::{example, orgflow, text};

fn pptx_options() -> ExportOptions {
    ExportOptions {
        format: ExportFormat::Pptx,
        ..ExportOptions::default()
    }
}

fn deck_of(org: &Org, options: &ExportOptions) -> (Analysis, Vec<u8>) {
    let analysis = analyze(org);
    let (h, n) = scenes(org, &analysis, Orientation::TopDown, options.view);
    let bytes = render(org, &analysis, &h, &n, options).expect("renders");
    (analysis, bytes)
}

/// Every file of a zip, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for k in 0..zip.len() {
        let mut f = zip.by_index(k).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().unwrap().into_owned(), data);
    }
    out
}

fn xml(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("{name} is missing"))
            .clone(),
    )
    .unwrap()
}

/// A part's extension, in lower case ("rels", "xml", "png").
fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_xml(name: &str) -> bool {
    matches!(extension(name).as_str(), "xml" | "rels")
}

/// The package's structure, checked as a reader would: every XML part parses, every part has
/// a content type (and every override names a part), every relationship's target exists,
/// shape ids are unique on each slide, and the presentation lists every slide. Returns the
/// slides' XML in order.
fn check_package(bytes: &[u8]) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let parts = unzip(bytes);
    for (name, data) in &parts {
        if is_xml(name) {
            let text = std::str::from_utf8(data).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
            roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    let types = xml(&parts, "[Content_Types].xml");
    let types = roxmltree::Document::parse(&types).unwrap();
    let defaults: BTreeSet<&str> = types
        .descendants()
        .filter(|n| n.has_tag_name("Default"))
        .filter_map(|n| n.attribute("Extension"))
        .collect();
    let overrides: BTreeSet<String> = types
        .descendants()
        .filter(|n| n.has_tag_name("Override"))
        .filter_map(|n| n.attribute("PartName"))
        .map(|p| p.trim_start_matches('/').to_owned())
        .collect();
    for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
        let ext = name.rsplit('.').next().unwrap();
        assert!(
            overrides.contains(name) || defaults.contains(ext),
            "{name} has no content type"
        );
    }
    for o in &overrides {
        assert!(parts.contains_key(o), "the override {o} names no part");
    }
    for name in parts.keys().filter(|n| extension(n) == "rels") {
        // "ppt/slides/_rels/slide1.xml.rels" describes "ppt/slides/slide1.xml".
        let folder = name.rsplit_once("_rels/").map_or("", |(f, _)| f);
        let rels = xml(&parts, name);
        let doc = roxmltree::Document::parse(&rels).unwrap();
        let mut ids = BTreeSet::new();
        for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
            assert!(
                ids.insert(r.attribute("Id").unwrap()),
                "{name}: a repeated Id"
            );
            let mut path: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
            for piece in r.attribute("Target").unwrap().split('/') {
                match piece {
                    ".." => {
                        path.pop();
                    }
                    p => path.push(p),
                }
            }
            let target = path.join("/");
            assert!(
                parts.contains_key(&target),
                "{name}: {target} does not exist"
            );
        }
    }
    let presentation = xml(&parts, "ppt/presentation.xml");
    let listed = roxmltree::Document::parse(&presentation)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("sldId"))
        .count();
    let slides: Vec<String> = (1..=listed)
        .map(|k| xml(&parts, &format!("ppt/slides/slide{k}.xml")))
        .collect();
    assert!(!parts.contains_key(&format!("ppt/slides/slide{}.xml", listed + 1)));
    for (k, slide) in slides.iter().enumerate() {
        let doc = roxmltree::Document::parse(slide).unwrap();
        let mut ids = BTreeSet::new();
        for n in doc.descendants().filter(|n| n.has_tag_name("cNvPr")) {
            assert!(
                ids.insert(n.attribute("id").unwrap().to_owned()),
                "slide {}: shape id {} twice",
                k + 1,
                n.attribute("id").unwrap()
            );
        }
    }
    (parts, slides)
}

/// The texts of a slide's text boxes, in order.
fn slide_texts(slide: &str) -> Vec<String> {
    roxmltree::Document::parse(slide)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("t"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

/// The texts of an SVG slide, in order, read independently of orgflow.
fn svg_texts(svg: &str) -> Vec<String> {
    roxmltree::Document::parse(svg)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// How many shapes of a slide are outlined in a colour with no fill: the marks' rings.
fn rings(slide: &str, color: &str) -> usize {
    let doc = roxmltree::Document::parse(slide).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("spPr"))
        .filter(|sp| {
            let mut children = sp.children().filter(|c| c.is_element());
            let no_fill = children.clone().any(|c| c.has_tag_name("noFill"));
            let outline = children.any(|c| {
                c.has_tag_name("ln")
                    && c.descendants()
                        .any(|s| s.has_tag_name("srgbClr") && s.attribute("val") == Some(color))
            });
            no_fill && outline
        })
        .count()
}

#[test]
fn the_school_deck_is_a_valid_package_with_the_slides_drawing_and_text() {
    let org = example("riverside-traditional.json");
    let options = pptx_options();
    let (analysis, bytes) = deck_of(&org, &options);
    let (parts, slides) = check_package(&bytes);
    let groups = group_findings(&analysis.findings)
        .into_iter()
        .filter(|g| g.severity != Severity::Info)
        .count();
    assert_eq!(
        slides.len(),
        1 + groups.min(3),
        "the overview and a slide per finding"
    );
    // Small enough to draw shape by shape: no pictures.
    assert!(!parts.keys().any(|k| k.starts_with("ppt/media/")));

    // The deck is the SVG slide: the same texts in the same order, as text boxes.
    let (h, n) = scenes(&org, &analysis, Orientation::TopDown, options.view);
    let svg_slides = deck_slides(&org, &analysis, &h, &n, &options);
    assert_eq!(svg_slides.len(), slides.len());
    for (k, (svg, slide)) in svg_slides.iter().zip(&slides).enumerate() {
        assert_eq!(svg_texts(&svg.svg), slide_texts(slide), "slide {}", k + 1);
    }
    let overview = slide_texts(&slides[0]);
    assert!(overview.iter().any(|t| t == "Dana Reyes"), "{overview:?}");
    assert!(overview.iter().any(|t| t == &org.name));
    // Every card of the hierarchy is a rounded rectangle grouped with its text.
    let doc = roxmltree::Document::parse(&slides[0]).unwrap();
    let cards = doc
        .descendants()
        .filter(|n| n.has_tag_name("grpSp"))
        .filter(|g| {
            g.descendants()
                .any(|c| c.has_tag_name("prstGeom") && c.attribute("prst") == Some("roundRect"))
        })
        .count();
    assert!(
        cards >= org.people.len(),
        "{cards} cards for {} people",
        org.people.len()
    );
    // The slide is 16:9 in EMU, and text is in points: 12 px at 1920 wide is 6 pt.
    let presentation = xml(&parts, "ppt/presentation.xml");
    assert!(presentation.contains(r#"<p:sldSz cx="12192000" cy="6858000"/>"#));
    let sizes: BTreeSet<u32> = roxmltree::Document::parse(&slides[0])
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("rPr"))
        .filter_map(|n| n.attribute("sz"))
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(*sizes.first().unwrap() >= 600, "{sizes:?}");
}

#[test]
fn a_finding_slide_outlines_exactly_its_people_and_its_notes_define_the_figures() {
    let org = example("riverside-traditional.json");
    let (analysis, bytes) = deck_of(&org, &pptx_options());
    let (parts, slides) = check_package(&bytes);
    let groups: Vec<_> = group_findings(&analysis.findings)
        .into_iter()
        .filter(|g| g.severity != Severity::Info)
        .take(3)
        .collect();
    let mark = orgflow::theme::MARK
        .hex()
        .trim_start_matches('#')
        .to_ascii_uppercase();
    for (k, group) in groups.iter().enumerate() {
        let slide = &slides[k + 1];
        let people: BTreeSet<&str> = group
            .members
            .iter()
            .flat_map(|&m| analysis.findings[m].people.iter().map(String::as_str))
            .collect();
        // A ring around each of them in both views, and the legend's sample of the mark.
        assert_eq!(
            rings(slide, &mark),
            2 * people.len() + 1,
            "slide {} ({:?}) marks {people:?}",
            k + 2,
            group.kind
        );
        let texts = slide_texts(slide);
        assert!(texts[0].ends_with(group.kind.title()), "{texts:?}");
        let notes = xml(&parts, &format!("ppt/notesSlides/notesSlide{}.xml", k + 2));
        let message = &analysis.findings[group.members[0]].message;
        assert!(
            notes.contains(&orgflow::export::escape(message).replace("&apos;", "'")),
            "{notes}"
        );
        assert!(notes.contains("Share of decisions:"), "{notes}");
    }
    let notes = xml(&parts, "ppt/notesSlides/notesSlide1.xml");
    for definition in ["Bus factor:", "Authority HHI:", "Through the hierarchy:"] {
        assert!(
            notes.contains(definition),
            "{definition} is not in the notes"
        );
    }
}

#[test]
fn a_large_org_is_a_picture_with_its_names_as_text_above_it() {
    let org = orgflow::generate::org(6_000, 7);
    let (_, bytes) = deck_of(
        &org,
        &ExportOptions {
            findings: 1,
            ..pptx_options()
        },
    );
    let (parts, slides) = check_package(&bytes);
    let media: Vec<_> = parts
        .keys()
        .filter(|k| k.starts_with("ppt/media/"))
        .collect();
    assert!(!media.is_empty(), "no picture");
    for m in &media {
        assert!(parts[*m].starts_with(b"\x89PNG"), "{m} is not a PNG");
    }
    let doc = roxmltree::Document::parse(&slides[0]).unwrap();
    let shapes = doc.descendants().filter(|n| n.has_tag_name("sp")).count();
    assert!(doc.descendants().any(|n| n.has_tag_name("pic")));
    assert!(
        shapes < 3 * orgflow::export::MAX_NATIVE_SHAPES,
        "{shapes} shapes"
    );
    assert!(slide_texts(&slides[0]).len() > 10, "the names stay text");
}

#[test]
fn a_before_after_deck_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.pptx");
    let before = "assets/examples/riverside-traditional.json";
    let after = "assets/examples/riverside-distributed.json";
    let run = orgflow(&[
        "export",
        before,
        "--compare",
        after,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let (parts, slides) = check_package(&std::fs::read(&out).unwrap());
    assert_eq!(slides.len(), 1);
    assert!(
        slide_texts(&slides[0])
            .iter()
            .any(|t| t.starts_with("Before"))
    );
    assert!(xml(&parts, "ppt/notesSlides/notesSlide1.xml").contains("Bus factor"));

    let one = dir.path().join("school.pptx");
    let run = orgflow(&["export", before, "--out", one.to_str().unwrap()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    check_package(&std::fs::read(&one).unwrap());

    let refused = orgflow(&[
        "export",
        before,
        "--pages",
        "auto",
        "--out",
        one.to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains(".pdf"),
        "{}",
        text(&refused.stderr)
    );
}

#[test]
fn a_real_ministry_deck_keeps_every_text_of_its_slide() {
    let senior =
        Path::new("../shared/datasets/uk_organogram_2011_09/cabinet_office_senior_posts.csv");
    if !senior.exists() {
        eprintln!("../shared/datasets is not beside this checkout; nothing to check");
        return;
    }
    let org = load(senior, &CsvColumns::default()).expect("loads").org;
    let options = pptx_options();
    let (analysis, bytes) = deck_of(&org, &options);
    let (_, slides) = check_package(&bytes);
    let (h, n) = scenes(&org, &analysis, Orientation::TopDown, ExportView::Both);
    let svg = deck_slides(&org, &analysis, &h, &n, &options);
    assert_eq!(svg_texts(&svg[0].svg), slide_texts(&slides[0]));
    assert!(slide_texts(&slides[0]).len() > 50);
}

/// LibreOffice Impress, where installed (CI installs it), opens the deck and converts it to
/// a PDF that keeps the title and the names.
#[test]
fn libreoffice_opens_the_deck() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok()
    });
    let Some(soffice) = soffice else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs LibreOffice Impress (.ci/run), but soffice is missing"
        );
        eprintln!("LibreOffice is not installed; the deck's conversion is not checked");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let org = example("riverside-traditional.json");
    let (_, bytes) = deck_of(&org, &pptx_options());
    let deck = dir.path().join("school.pptx");
    std::fs::write(&deck, bytes).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let run = std::process::Command::new(soffice)
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&deck)
        .output()
        .unwrap();
    let pdf = dir.path().join("school.pdf");
    assert!(pdf.exists(), "no PDF: {}", text(&run.stderr));
    let Ok(words) = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs poppler-utils"
        );
        eprintln!("pdftotext is missing; only the conversion was checked");
        return;
    };
    let words = text(&words.stdout);
    assert!(words.contains("Dana Reyes"), "{words}");
    assert!(words.contains(&org.name), "{words}");
}
