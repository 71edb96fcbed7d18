//! The window, driven through egui_kittest: widgets are found by their accessible labels.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use common::{harness as harness_dialogs, open_school, selected};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgflow::app::OrgflowApp;
use orgflow::scene::Shape;

/// The app whose open and save dialogs both answer `answer`.
fn harness(answer: Option<&str>) -> Harness<'static, OrgflowApp> {
    harness_dialogs(answer, answer.map(std::path::Path::new))
}

#[test]
fn the_start_screen_opens_a_bundled_example() {
    let mut h = harness(None);
    h.get_by_label("Open…");
    open_school(&mut h);
    let app = h.state();
    let doc = app.session.document.as_ref().expect("a document");
    assert_eq!(doc.org.name, "Riverside Primary (traditional)");
    assert_eq!(app.session.title(), "riverside-traditional.json — orgflow");
    // Both views and the findings are there.
    h.get_by_label("Reporting hierarchy view");
    h.get_by_label("Distributed network view");
    assert!(
        h.query_by_label_contains("Dana Reyes handles 99% of all decisions")
            .is_some()
    );
}

#[test]
fn clicking_a_person_selects_them_in_both_views_and_fills_the_inspector() {
    let mut h = harness(None);
    open_school(&mut h);
    h.get_by_label("Dana Reyes, Principal, in the hierarchy")
        .click();
    h.run();
    assert_eq!(h.state().session.selection, Some(selected("dana")));
    // The inspector explains why.
    h.get_by_label("Why they are flagged");
    h.get_by_label("Hierarchy load");
    assert!(
        h.query_by_label_contains("91.1 a month, 99% of all decisions")
            .is_some()
    );
    // The same person in the network view selects the same target.
    h.get_by_label("Marta Quill, School business manager, in the network")
        .click();
    h.run();
    assert_eq!(h.state().session.selection, Some(selected("marta")));
    // Her decision rights are check boxes: unticking one takes the right away.
    h.get_by_label("decides Classroom supplies orders")
        .scroll_to_me();
    h.run();
    h.get_by_label("decides Classroom supplies orders").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    let supplies = doc
        .org
        .decisions
        .iter()
        .find(|d| d.id.0 == "supplies")
        .expect("domain");
    assert!(supplies.decides.is_empty());
    assert_eq!(
        doc.history.undo_label(),
        Some("stop Marta Quill deciding Classroom supplies orders")
    );
}

#[test]
fn clicking_a_finding_selects_and_frames_its_people() {
    let mut h = harness(None);
    open_school(&mut h);
    h.get_by_label_contains("Dana Reyes has 28 direct reports")
        .click();
    h.run();
    assert_eq!(h.state().session.selection, Some(selected("dana")));
    let zoom = h.state().view.hierarchy_view.zoom();
    assert!(
        zoom >= 0.6,
        "the hierarchy zoomed in on the finding: {zoom}"
    );
}

#[test]
fn search_jumps_to_a_person() {
    let mut h = harness(None);
    open_school(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("Search").type_text("Gwen");
    h.run();
    h.get_by_label("Gwen Harper").click();
    h.run();
    assert_eq!(h.state().session.selection, Some(selected("gwen")));
}

#[test]
fn a_file_that_fails_to_open_lists_its_problems_and_keeps_the_open_document() {
    let mut h = harness(Some("tests/bad/many-problems.json"));
    open_school(&mut h);
    // Ctrl+O asks the (preset) dialog for a file.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    let app = h.state();
    let failure = app.session.failure.as_ref().expect("the failure is shown");
    assert_eq!(failure.problems.len(), 4);
    assert_eq!(
        app.session.document.as_ref().map(|d| d.org.name.as_str()),
        Some("Riverside Primary (traditional)")
    );
    h.get_by_label_contains("many-problems.json could not be opened");
    h.get_by_label_contains("reports to “ghost”");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().session.failure.is_none());
}

#[test]
fn a_csv_opens_with_its_row_problems_listed() {
    let mut h = harness(Some("tests/csv/problems.csv"));
    h.get_by_label("Open…").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("opened");
    assert_eq!(doc.import_problems.len(), 4);
    h.get_by_label("problems.csv: 4 rows, columns or cells needed attention");
}

#[test]
fn hiding_a_managers_reports_collapses_their_subtree() {
    let mut h = harness(None);
    open_school(&mut h);
    let cards = |h: &Harness<'static, OrgflowApp>| {
        h.state().session.document.as_ref().map_or(0, |d| {
            d.hierarchy
                .shapes
                .iter()
                .filter(|s| matches!(s, Shape::Box { .. }))
                .count()
        })
    };
    assert_eq!(cards(&h), 31);
    h.get_by_label("Dana Reyes, Principal, in the hierarchy")
        .click();
    h.run();
    h.get_by_label("Hide their reports").click();
    h.run();
    assert_eq!(cards(&h), 1);
    h.get_by_label("Show their reports").click();
    h.run();
    assert_eq!(cards(&h), 31);
}

/// Whether Mesa's software Vulkan driver and the Vulkan loader are installed, the renderer the
/// reference images were made with.
fn lavapipe() -> bool {
    let driver = std::fs::read_dir("/usr/share/vulkan/icd.d").is_ok_and(|dir| {
        dir.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("lvp_icd"))
    });
    let loader = [
        "/usr/lib/x86_64-linux-gnu/libvulkan.so.1",
        "/usr/lib/aarch64-linux-gnu/libvulkan.so.1",
        "/usr/lib64/libvulkan.so.1",
        "/usr/lib/libvulkan.so.1",
    ]
    .iter()
    .any(|p| std::path::Path::new(p).exists());
    driver && loader
}

/// The whole window on a bundled example, rendered in software (wgpu on Mesa's lavapipe) and
/// compared with the image in tests/snapshots/. `UPDATE_SNAPSHOTS=1 cargo test --test gui`
/// writes new ones after a deliberate change.
fn snapshot_example(example: &str, name: &str, select: Option<&str>) {
    if !lavapipe() {
        // Another renderer draws a few hundred pixels differently: no fair comparison.
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must render snapshots through lavapipe (apt libvulkan1 mesa-vulkan-drivers)"
        );
        eprintln!(
            "skipped snapshot {name}: Mesa's lavapipe is not installed (apt install libvulkan1 mesa-vulkan-drivers)"
        );
        return;
    }
    let mut h = harness(None);
    h.get_by_label(&format!("Open example {example}")).click();
    h.run();
    if let Some(label) = select {
        h.get_by_label(label).click();
        h.run();
    }
    h.snapshot(name);
}

#[test]
fn snapshot_traditional_school_with_the_principal_selected() {
    snapshot_example(
        "riverside-traditional.json",
        "school-traditional",
        Some("Dana Reyes, Principal, in the hierarchy"),
    );
}

#[test]
fn snapshot_distributed_school() {
    snapshot_example("riverside-distributed.json", "school-distributed", None);
}

#[test]
fn snapshot_product_company() {
    snapshot_example("brightpath-product.json", "product-company", None);
}

/// Where the last export was written, or why not; `None` before any export.
fn written(h: &Harness<'static, OrgflowApp>) -> Option<Result<std::path::PathBuf, String>> {
    h.state().session.export.clone().map(|r| r.written)
}

#[test]
fn the_export_dialog_writes_the_slide_it_describes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("slide.png");
    let mut h = harness(path.to_str());
    open_school(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert!(h.state().view.export.open);
    h.get_by_label("Hierarchy").click();
    h.get_by_label("2×").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    let outcome = written(&h).expect("exported");
    assert_eq!(outcome, Ok(path.clone()));
    let png = resvg::tiny_skia::Pixmap::load_png(&path).expect("a PNG");
    assert_eq!((png.width(), png.height()), (3840, 2160));
    h.get_by_label_contains("Saved ");
}

#[test]
fn an_export_over_the_open_team_file_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let team = dir.path().join("team.json");
    std::fs::copy("assets/examples/riverside-traditional.json", &team).expect("copy");
    let before = std::fs::read(&team).expect("read");
    // The save dialog answers with the team file itself, as a slip of the mouse would.
    let mut h = harness(team.to_str());
    h.state_mut().open(&team);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    let outcome = written(&h).expect("answered");
    let said = outcome.expect_err("refused");
    assert!(said.contains("would destroy it"), "{said}");
    assert_eq!(std::fs::read(&team).expect("read"), before);
    h.get_by_label_contains("would destroy it");
}

#[test]
fn the_views_keep_their_size_whatever_the_inspector_shows() {
    let mut h = harness(None);
    open_school(&mut h);
    let rects = |h: &Harness<'static, OrgflowApp>| {
        (
            h.get_by_label("Reporting hierarchy view").rect(),
            h.get_by_label("Distributed network view").rect(),
        )
    };
    let empty = rects(&h);
    // The principal's inspector holds a long grid of rights and long findings.
    h.get_by_label("Dana Reyes, Principal, in the hierarchy")
        .click();
    h.run();
    assert_eq!(rects(&h), empty);
    h.get_by_label("Marta Quill, School business manager, in the network")
        .click();
    h.run();
    assert_eq!(rects(&h), empty);
}

#[test]
fn resting_on_a_card_or_a_node_tells_who_or_what_it_is() {
    let mut h = harness(None);
    open_school(&mut h);
    h.get_by_label("Dana Reyes, Principal, in the hierarchy")
        .hover();
    // Tooltips wait for the pointer to rest.
    for _ in 0..30 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    assert!(
        h.query_by_label_contains("Through the hierarchy: 99% of all decisions (91.1 a month)")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Decides: Budget allocation")
            .is_some()
    );
}

#[test]
fn a_selected_person_without_rights_comes_out_of_their_team_node() {
    let mut h = harness(None);
    open_school(&mut h);
    let doc = h.state().session.document.as_ref().expect("open");
    let gwen = common::person(&h, "sam");
    let dana = common::person(&h, "dana");
    // A class teacher with no rights is folded into the year's node; the principal is not.
    assert!(!doc.network_layout.node_of_person.contains_key(&gwen));
    let shapes = orgflow::scene::unfolded(&doc.org, &doc.analysis, &doc.network_layout, gwen);
    let circle = shapes
        .iter()
        .find(|s| matches!(s, Shape::Circle { .. }))
        .expect("drawn");
    assert_eq!(circle.target(), Some(&orgflow::scene::Target::Person(gwen)));
    assert!(
        orgflow::scene::unfolded(&doc.org, &doc.analysis, &doc.network_layout, dana).is_empty()
    );
}

#[test]
fn zooming_to_the_selection_shows_a_minimap_that_moves_the_view() {
    let mut h = harness(None);
    h.get_by_label("Open example brightpath-product.json")
        .click();
    h.run();
    // At Fit the whole org is on screen: no minimap.
    assert!(
        h.query_by_label("Minimap of the Reporting hierarchy view")
            .is_none()
    );
    h.get_by_label_contains("Gita Rao").click();
    h.run();
    h.key_press(egui::Key::F);
    h.run();
    let before = h.state().view.hierarchy_view.visible_area().expect("drawn");
    let map = h
        .get_by_label("Minimap of the Reporting hierarchy view")
        .rect();
    // A click at the far corner of the map moves the view there.
    h.hover_at(map.right_bottom() - egui::vec2(2.0, 2.0));
    h.run();
    h.get_by_label("Minimap of the Reporting hierarchy view")
        .click();
    h.run();
    let after = h.state().view.hierarchy_view.visible_area().expect("drawn");
    assert!(after.center().y > before.center().y);
}

#[test]
fn the_export_dialog_writes_a_pdf_of_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("school.pdf");
    let mut h = harness(path.to_str());
    open_school(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    // The option waits for the PDF format.
    h.get_by_label("PDF").click();
    h.run();
    h.get_by_label("Overview, then a page for each part (large orgs, PDF)")
        .click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    let outcome = written(&h).expect("exported");
    assert_eq!(outcome, Ok(path.clone()));
    let pdf = std::fs::read(&path).expect("written");
    assert!(pdf.starts_with(b"%PDF"));
    // A school of 31 fits one legible page: the overview is the whole PDF.
    let text = String::from_utf8_lossy(&pdf);
    assert_eq!(text.matches("/Type /Pages").count(), 1);
}

#[test]
fn the_export_dialog_writes_a_powerpoint_deck() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("school.pptx");
    let mut h = harness(path.to_str());
    open_school(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("PowerPoint deck").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    assert_eq!(written(&h).expect("exported"), Ok(path.clone()));
    let deck = std::fs::read(&path).expect("written");
    // A zip holding a presentation: the overview and a slide per finding called out.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(deck)).expect("a zip");
    assert!(zip.by_name("ppt/presentation.xml").is_ok());
    assert!(zip.by_name("ppt/slides/slide2.xml").is_ok());
}

#[test]
fn at_fit_on_a_1920_by_1080_screen_every_domain_of_each_example_is_named() {
    for example in [
        "riverside-traditional.json",
        "riverside-distributed.json",
        "brightpath-product.json",
    ] {
        let mut h = harness(None);
        h.set_size(egui::vec2(1920.0, 1080.0));
        h.run();
        h.get_by_label(&format!("Open example {example}")).click();
        h.run();
        h.run();
        let app = h.state();
        let doc = app.session.document.as_ref().expect("open");
        let shown = app.view.network_view.free_labels();
        let missing: Vec<&str> = doc
            .org
            .decisions
            .iter()
            .map(|d| d.name.as_str())
            .filter(|name| {
                !shown.iter().any(|s| {
                    s == name
                        || s.trim_end_matches('…').len() > 4
                            && name.starts_with(s.trim_end_matches('…'))
                })
            })
            .collect();
        eprintln!(
            "{example}: {} of {} domains named",
            doc.org.decisions.len() - missing.len(),
            doc.org.decisions.len()
        );
        assert!(
            missing.is_empty(),
            "{example}: not named at Fit: {missing:?}"
        );
    }
}

/// One turn of the wheel towards zooming in, where the pointer is.
fn wheel_in(h: &mut Harness<'static, OrgflowApp>) {
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
    });
    // Smooth scrolling spreads the wheel over a few frames (and a card's tooltip waits its
    // delay), so the frames are stepped rather than run until idle.
    h.run_steps(20);
}

#[test]
fn the_wheel_zooms_over_a_card_as_over_empty_canvas() {
    let mut h = harness(None);
    open_school(&mut h);
    // Over a card: the pointer is on the card's own widget, above the canvas.
    let before = h.state().view.hierarchy_view.zoom();
    let card = h.get_by_label("Dana Reyes, Principal, in the hierarchy");
    let at = card.rect().center();
    card.hover();
    h.run_steps(2);
    wheel_in(&mut h);
    let over_card = h.state().view.hierarchy_view.zoom();
    assert!(
        over_card > before * 1.1,
        "the wheel over a card zoomed in: {before} → {over_card}"
    );
    // The point under the pointer stays under it: the card is still where the wheel was.
    let moved = h
        .get_by_label("Dana Reyes, Principal, in the hierarchy")
        .rect()
        .center()
        - at;
    assert!(
        moved.length() < 8.0,
        "the card stayed under the pointer ({moved:?})"
    );
}

#[test]
fn every_figure_header_explains_itself_on_hover() {
    let mut h = harness(None);
    open_school(&mut h);
    for (header, words) in [
        ("Load HHI", "10,000 means one person handles everything"),
        ("Top share", "100% means every decision waits on them"),
        ("Effective handlers", "10,000 divided by the load HHI"),
        ("Mean hops", "hand-offs a decision takes"),
        ("Layers", "Levels of management"),
        ("Widest span", "reporting directly to one manager"),
        ("Through the hierarchy", "climbs the reporting lines"),
    ] {
        h.get_by_label(header).hover();
        // The tooltip waits its delay: frames are stepped, not run until idle.
        h.run_steps(60);
        assert!(
            h.query_by_label_contains(words).is_some(),
            "{header} explains itself: {words}"
        );
    }
}

#[test]
fn findings_of_one_kind_are_summed_up_and_can_be_filtered() {
    // An organogram where four posts each manage one: two N/D posts and one name on two posts.
    let mut h = harness(Some("tests/organogram/one-over-one.csv"));
    h.get_by_label("Open…").click();
    h.run();
    let group = "4 managers manage only one person each";
    h.get_by_label_contains(group);
    // Closed, the group lists none of its findings; opened, it lists each post's.
    let digital = "Charlotte Cooper (Director, Digital) manages only Shelley Burke (Deputy Director, Digital)";
    assert!(h.query_by_label_contains(digital).is_none());
    h.get_by_label_contains(group).click();
    h.run();
    h.get_by_label_contains(
        "Charlotte Cooper (Director, Data) manages only Shelley Burke (Deputy Director, Data)",
    );
    h.get_by_label_contains(digital).click();
    h.run();
    assert_eq!(h.state().session.selection, Some(selected("4")));
    // The severity toggles hide and show the notes.
    h.get_by_label("4 notes").click();
    h.run();
    assert!(h.query_by_label_contains(group).is_none());
    h.get_by_label("No finding matches the filter.");
    h.get_by_label("4 notes").click();
    h.run();
    h.get_by_label_contains(group);
}

#[test]
fn at_fit_the_view_stays_fitted_through_collapses_and_edits() {
    let mut h = harness(None);
    open_school(&mut h);
    let zoom = |h: &Harness<'static, OrgflowApp>| h.state().view.hierarchy_view.zoom();
    let fitted = zoom(&h);
    assert!(h.state().view.hierarchy_view.is_fitted());
    h.get_by_label("Dana Reyes, Principal, in the hierarchy")
        .click();
    h.run();
    h.get_by_label("Hide their reports").click();
    h.run();
    // One card left: Fit frames it larger, rather than leave it small in an empty view.
    assert!(h.state().view.hierarchy_view.is_fitted());
    assert!(zoom(&h) > fitted * 1.5, "{} against {fitted}", zoom(&h));
    h.get_by_label("Show their reports").click();
    h.run();
    assert!(
        (zoom(&h) - fitted).abs() < 1e-3,
        "{} against {fitted}",
        zoom(&h)
    );
    // An edit that grows the chart: the new card is in view with all the others.
    h.get_by_label("Add a report").click();
    h.run();
    h.run();
    let view = &h.state().view.hierarchy_view;
    assert!(view.is_fitted());
    let shown = view.visible_area().expect("drawn");
    let bounds = h
        .state()
        .session
        .document
        .as_ref()
        .expect("open")
        .hierarchy
        .bounds;
    assert!(
        shown.min.x <= bounds.min.x
            && shown.min.y <= bounds.min.y
            && shown.max.x >= bounds.max.x
            && shown.max.y >= bounds.max.y,
        "{bounds:?} in view: {shown:?}"
    );
    // Once the user has zoomed, the view is theirs: a collapse keeps their zoom.
    h.get_by_label("Reporting hierarchy view").hover();
    h.run_steps(2);
    wheel_in(&mut h);
    let theirs = zoom(&h);
    assert!(!h.state().view.hierarchy_view.is_fitted());
    h.get_by_label("Hide their reports").click();
    h.run();
    assert!((zoom(&h) - theirs).abs() < 1e-3);
}

/// The school has rights and three advice links: the network view offers its three readings,
/// and each draws what it says: who people go to without any domain, the decisions without
/// any link between people, both with both.
#[test]
fn the_network_switches_between_decisions_and_who_people_go_to() {
    use orgflow::layout::{NetworkReading, NodeKind, Tie};
    let mut h = harness(None);
    open_school(&mut h);
    let reading = |h: &Harness<'static, OrgflowApp>| common::open_doc(h).network_reading();
    let domains = |h: &Harness<'static, OrgflowApp>| {
        common::open_doc(h)
            .network_layout
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Domain(_)))
            .count()
    };
    let peers = |h: &Harness<'static, OrgflowApp>| {
        common::open_doc(h)
            .network_layout
            .ties
            .iter()
            .filter(|(_, _, t)| *t == Tie::Peer)
            .count()
    };
    assert_eq!(reading(&h), NetworkReading::Both);
    assert!(domains(&h) > 10 && peers(&h) == 3);
    h.get_by_label("Who people go to").click();
    h.run();
    assert_eq!(reading(&h), NetworkReading::Links);
    assert_eq!((domains(&h), peers(&h)), (0, 3));
    assert!(
        h.query_by_label("Incoming links:").is_some(),
        "its own legend"
    );
    h.get_by_label("Decisions").click();
    h.run();
    assert_eq!(reading(&h), NetworkReading::Decisions);
    assert!(domains(&h) > 10 && peers(&h) == 0);
    h.get_by_label("Both").click();
    h.run();
    assert_eq!(reading(&h), NetworkReading::Both);
    assert!(domains(&h) > 10 && peers(&h) == 3);
}

/// A file with neither decision rights nor links shows its structure in the network's place:
/// spans of control against the usual ranges, and how to add rights.
#[test]
fn a_file_without_rights_or_links_shows_its_structure() {
    let mut h = harness(Some("tests/csv/hr-export.csv"));
    h.get_by_label("Open…").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("opened");
    assert!(doc.org.decisions.is_empty() && doc.org.links.is_empty());
    h.get_by_label("Structure");
    assert!(
        h.query_all_by_label_contains("with a span of").count() >= 1,
        "the spans' bars are there, each named"
    );
    assert!(
        h.query_by_label_contains("Add who decides what").is_some(),
        "it says how to add rights"
    );
}

/// The window draws names in Chinese, Japanese and Korean: egui's own fonts have none of their
/// glyphs, the fonts orgflow installs have all of them.
#[test]
fn the_window_has_glyphs_for_chinese_japanese_and_korean_names() {
    let names = "山田太郎王小明김민준佐藤美咲李娜박서연代表取締役社長";
    let font = egui::FontId::proportional(14.0);
    let plain = egui::Context::default();
    let mut output = plain.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    assert!(
        !plain.fonts_mut(|f| f.has_glyphs(&font, names)),
        "egui's own fonts would draw boxes"
    );
    let mut h = harness(Some("tests/csv/cjk-names.csv"));
    assert!(h.ctx.fonts_mut(|f| f.has_glyphs(&font, names)));
    h.get_by_label("Open…").click();
    h.run();
    h.get_by_label("山田 太郎, 代表取締役社長, in the hierarchy");
}
