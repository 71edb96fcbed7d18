//! Export of the hierarchy of generated orgs to SVG and PNG (1920×1080).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use orgflow::analysis::analyze;
use orgflow::export::{ExportFormat, ExportOptions, ExportView, render, scenes};
use orgflow::layout::Orientation;
use std::hint::black_box;

fn export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export_hierarchy");
    group.sample_size(10);
    for people in [1_000, 5_000, 10_000] {
        let org = orgflow::generate::org(people, 7);
        let analysis = analyze(&org);
        let (hierarchy, network) =
            scenes(&org, &analysis, Orientation::TopDown, ExportView::Hierarchy);
        for format in [ExportFormat::Svg, ExportFormat::Png] {
            let options = ExportOptions {
                view: ExportView::Hierarchy,
                format,
                ..ExportOptions::default()
            };
            group.bench_function(BenchmarkId::new(format.extension(), people), |b| {
                b.iter(|| black_box(render(&org, &analysis, &hierarchy, &network, &options)));
            });
        }
    }
    // The whole path of `orgflow export` after loading: analysis, layout, scene and SVG.
    let org = orgflow::generate::org(5_000, 7);
    group.bench_function("analyze_layout_svg/5000", |b| {
        b.iter(|| {
            let analysis = analyze(&org);
            let (hierarchy, network) =
                scenes(&org, &analysis, Orientation::TopDown, ExportView::Hierarchy);
            let options = ExportOptions {
                view: ExportView::Hierarchy,
                format: ExportFormat::Svg,
                ..ExportOptions::default()
            };
            black_box(render(&org, &analysis, &hierarchy, &network, &options))
        });
    });
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
