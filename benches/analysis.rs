//! Load + validate + analyse generated orgs of 1k, 10k and 100k people.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgflow::analysis::analyze;
use orgflow::io::{parse_json, to_json};
use std::hint::black_box;

fn load_and_analyze(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_validate_analyze");
    group.sample_size(10);
    for people in [1_000, 10_000, 100_000] {
        let text = to_json(&orgflow::generate::org(people, 7));
        group.throughput(Throughput::Elements(people as u64));
        group.bench_with_input(BenchmarkId::from_parameter(people), &text, |b, text| {
            b.iter(|| {
                let org = parse_json(black_box(text.as_bytes())).expect("generated org is valid");
                black_box(analyze(&org))
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("analyze_only");
    group.sample_size(10);
    for people in [10_000, 100_000] {
        let org = orgflow::generate::org(people, 7);
        group.bench_with_input(BenchmarkId::from_parameter(people), &org, |b, org| {
            b.iter(|| black_box(analyze(black_box(org))));
        });
    }
    group.finish();
}

criterion_group!(benches, load_and_analyze);
criterion_main!(benches);
