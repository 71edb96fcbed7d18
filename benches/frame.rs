//! CPU cost of one frame of the window (egui run + tessellate, headless), fully zoomed out,
//! on generated orgs; egui_graphs' own GraphView on the same number of nodes, for
//! comparison; and the window with View ▸ Explore the network open (egui_graphs' force
//! layout stepping every frame), to choose the largest network it is offered for.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgflow::app::OrgflowApp;
use orgflow::io::Loaded;
use orgflow::layout::Orientation;
use orgflow::session::{Document, NoDialogs, Settings};
use std::hint::black_box;
use std::path::PathBuf;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    }
}

fn app_with(people: usize, expand_all: bool) -> OrgflowApp {
    app_with_links(people, expand_all, 0)
}

/// A generated org with `extra_links` more advice links, a fifth of them to a few sought people.
fn app_with_links(people: usize, expand_all: bool, extra_links: usize) -> OrgflowApp {
    let mut org = orgflow::generate::org(people, 7);
    let mut state = 99u64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    while org.links.len() < extra_links {
        let a = next(people);
        let b = if next(5) == 0 { next(30) } else { next(people) };
        if a != b {
            org.links.push(orgflow::model::Link {
                from: org.people[a].id.clone(),
                to: org.people[b].id.clone(),
                kind: "advice".to_owned(),
                weight: 1.0,
                extra: Default::default(),
            });
        }
    }
    let loaded = Loaded::team(org);
    let mut document = Document::new(
        PathBuf::from("generated.json"),
        loaded,
        Orientation::TopDown,
    );
    if expand_all {
        document.expand_all();
    }
    let mut app = OrgflowApp::new(Settings::default(), Box::new(NoDialogs));
    app.session.show(document);
    let mut outcome = app.session.take_outcome();
    // Everybody stays shown: Fit would fold a large org to what it shows legibly.
    outcome.fold_hierarchy &= !expand_all;
    app.view.apply(&outcome, &app.session);
    app
}

fn frame(ctx: &egui::Context, app: &mut OrgflowApp) -> usize {
    frame_with(ctx, app, input())
}

fn frame_with(ctx: &egui::Context, app: &mut OrgflowApp, input: egui::RawInput) -> usize {
    let output = ctx.run_ui(input, |ui| {
        orgflow::ui::show(&app.session, &mut app.view, ui);
        app.apply_actions();
    });
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn orgflow_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    for (people, expand_all, name) in [
        (1_000, true, "everybody shown"),
        (10_000, true, "everybody shown"),
        (10_000, false, "opened (levels 1-2)"),
    ] {
        let ctx = egui::Context::default();
        let mut app = app_with(people, expand_all);
        // The first frames fit the views and lay out the fonts.
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        group.bench_function(BenchmarkId::new(name, people), |b| {
            b.iter(|| black_box(frame(&ctx, &mut app)));
        });
    }
    // The pointer moving over the hierarchy and then the network, a step each frame: what
    // hovering costs (tooltips, hit tests), with nothing laid out again.
    {
        let ctx = egui::Context::default();
        let mut app = app_with(10_000, true);
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        let mut step = 0u32;
        group.bench_function(
            BenchmarkId::new("everybody shown, pointer moving", 10_000),
            |b| {
                b.iter(|| {
                    step = (step + 1) % 400;
                    let mut moved = input();
                    let at =
                        egui::pos2(260.0 + 3.0 * step as f32, 300.0 + (step % 50) as f32 * 8.0);
                    moved.events.push(egui::Event::PointerMoved(at));
                    black_box(frame_with(&ctx, &mut app, moved))
                });
            },
        );
    }
    // The informal network: dense among few people (the manufacturing company's e-mail log is
    // 5,715 pairs among 154), and at scale, links between teams, the most sought on their own.
    for (people, links, name) in [
        (154, 5_715, "everybody shown, 5,715 links"),
        (10_000, 50_000, "everybody shown, 50,000 links"),
    ] {
        let ctx = egui::Context::default();
        let mut app = app_with_links(people, true, links);
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        group.bench_function(BenchmarkId::new(name, people), |b| {
            b.iter(|| black_box(frame(&ctx, &mut app)));
        });
    }
    group.finish();
}

fn egui_graphs_frames(c: &mut Criterion) {
    use egui_graphs::{DefaultEdgeShape, DefaultGraphView, DefaultNodeShape, Graph, SettingsStyle};
    use petgraph::stable_graph::StableGraph;
    let mut group = c.benchmark_group("egui_graphs_graphview");
    group.sample_size(20);
    for people in [1_000usize, 10_000] {
        let mut tree: StableGraph<(), ()> = StableGraph::new();
        let nodes: Vec<_> = (0..people).map(|_| tree.add_node(())).collect();
        for i in 1..people {
            tree.add_edge(nodes[(i - 1) / 8], nodes[i], ());
        }
        let mut graph: Graph<(), (), petgraph::Directed, u32, DefaultNodeShape, DefaultEdgeShape> =
            egui_graphs::to_graph(&tree);
        let ctx = egui::Context::default();
        let mut run = || {
            let output = ctx.run_ui(input(), |ui| {
                DefaultGraphView::new()
                    .with_styles(&SettingsStyle::new().with_labels_always(false))
                    .show(ui, &mut graph);
            });
            ctx.tessellate(output.shapes, output.pixels_per_point).len()
        };
        for _ in 0..3 {
            run();
        }
        group.bench_function(BenchmarkId::new("default nodes, no labels", people), |b| {
            b.iter(|| black_box(run()));
        });
    }
    group.finish();
}

/// An org of `people` in a tree of spans of 8 where every person decides one of
/// `people / 3` domains with two others: a network of everybody and every domain
/// (`people × 4 / 3` nodes, `people` ties).
fn app_with_holders(people: usize) -> OrgflowApp {
    let mut json = String::from(r#"{"orgflow": 1, "name": "Holders", "people": ["#);
    for i in 0..people {
        let manager = if i == 0 {
            String::new()
        } else {
            format!(r#", "manager": "p{}""#, (i - 1) / 8)
        };
        let sep = if i == 0 { "" } else { "," };
        json.push_str(&format!(
            r#"{sep}{{"id": "p{i}", "name": "Person {i}"{manager}}}"#
        ));
    }
    json.push_str(r#"], "decisions": ["#);
    for k in 0..people / 3 {
        let sep = if k == 0 { "" } else { "," };
        json.push_str(&format!(
            r#"{sep}{{"id": "d{k}", "name": "Domain {k}", "decides": ["p{}", "p{}", "p{}"]}}"#,
            3 * k,
            3 * k + 1,
            3 * k + 2
        ));
    }
    json.push_str("]}");
    let org = orgflow::io::parse_json(json.as_bytes()).expect("valid");
    let document = Document::new(
        PathBuf::from("holders.json"),
        Loaded::team(org),
        Orientation::TopDown,
    );
    let mut app = OrgflowApp::new(Settings::default(), Box::new(NoDialogs));
    app.session.show(document);
    let outcome = app.session.take_outcome();
    app.view.apply(&outcome, &app.session);
    app
}

/// The whole window with the network explorer open: a force-layout step, the graph drawn and
/// the rest of the window, every frame. The explorer closes when its layout comes to rest; it
/// is opened again (untimed) so that every timed frame is one of a layout still moving.
fn explorer_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("explorer");
    group.sample_size(20);
    for (people, links) in [(154, 5_715), (0, 300), (0, 750), (0, 1_500), (0, 3_000)] {
        let ctx = egui::Context::default();
        // The e-mail log's shape, then everybody holding a right.
        let mut app = if people > 0 {
            app_with_links(people, false, links)
        } else {
            app_with_holders(links)
        };
        let people = if people > 0 { people } else { links };
        let nodes = app
            .session
            .document
            .as_ref()
            .map_or(0, |d| d.network_layout.nodes.len());
        let open = |app: &mut OrgflowApp| {
            let doc = app.session.document.as_ref().expect("open");
            app.view.explorer = orgflow::ui::explorer::Explorer::open(doc).ok();
        };
        open(&mut app);
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        let name = format!("window with the explorer, {people} people");
        let mut reopened = 0usize;
        let mut frames = 0usize;
        group.bench_function(BenchmarkId::new(name, format!("{nodes} nodes")), |b| {
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iters {
                    frames += 1;
                    if app.view.explorer.is_none() {
                        reopened += 1;
                        open(&mut app);
                    }
                    let start = std::time::Instant::now();
                    black_box(frame(&ctx, &mut app));
                    total += start.elapsed();
                }
                total
            });
        });
        // Most timed frames must be of a layout still moving, not of one just kept.
        eprintln!(
            "{people} people: the explorer was opened again {reopened} times in {frames} frames"
        );
    }
    group.finish();
}

criterion_group!(benches, orgflow_frames, egui_graphs_frames, explorer_frames);
criterion_main!(benches);
