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

/// The generated org with a matrix and holders: every 50th person a dotted-line manager among
/// the 300 most senior people (a functional head), every 1,000th post held by the holder of the post 500
/// places before it (an interim role), every 100th (offset 50) a job share.
fn with_matrix_and_holders(people: usize) -> orgflow::model::Org {
    let mut org = orgflow::generate::org(people, 7);
    for i in (50..people).step_by(50) {
        let other = org.people[1 + (i / 50) % 300].id.clone();
        if other != org.people[i].id && org.people[i].manager.as_ref() != Some(&other) {
            org.people[i].dotted_managers.push(other);
        }
    }
    for i in (500..people).step_by(1_000) {
        let key = format!("holder-{}", i - 500);
        org.people[i - 500].holder = Some(key.clone());
        org.people[i].holder = Some(key);
    }
    for i in (550..people).step_by(100) {
        org.people[i].fte = Some(0.6);
        org.people[i].co_holders.push(orgflow::model::CoHolder {
            name: format!("Co-holder {i}"),
            fte: Some(0.4),
            ..Default::default()
        });
    }
    org
}

fn matrix_and_holders(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze_matrix_and_holders");
    group.sample_size(10);
    for people in [10_000, 100_000] {
        let org = with_matrix_and_holders(people);
        group.bench_with_input(BenchmarkId::from_parameter(people), &org, |b, org| {
            b.iter(|| black_box(analyze(black_box(org))));
        });
    }
    group.finish();
}

/// What the queue model adds to `analyze` (issue 18: under 10% at 100k people): every person's
/// queue in both readings and every domain's wait and handling along its routes, from a
/// routing already done, beside the whole analysis of the same org.
fn queue_figures(c: &mut Criterion) {
    let mut group = c.benchmark_group("queue_figures");
    group.sample_size(10);
    for people in [10_000, 100_000] {
        let org = orgflow::generate::org(people, 7);
        let h = orgflow::analysis::Hierarchy::new(&org);
        let acts: Vec<bool> = org.people.iter().map(|p| p.can_act()).collect();
        let routing = orgflow::analysis::route(&org, &h, &acts);
        group.bench_with_input(BenchmarkId::new("queues", people), &org, |b, org| {
            b.iter(|| {
                black_box(orgflow::analysis::queue::Queues::of(
                    black_box(org),
                    &h,
                    &routing,
                    None,
                ))
            });
        });
        group.bench_with_input(
            BenchmarkId::new("whole_analysis", people),
            &org,
            |b, org| {
                b.iter(|| black_box(analyze(black_box(org))));
            },
        );
    }
    group.finish();
}

/// `trend` over four snapshots of one generated org, each with a tenth of its people moved
/// under another manager of the snapshot before: the four analyses (on both cores) and the
/// three steps' changes, against four analyses alone.
fn trend_of_snapshots(c: &mut Criterion) {
    use orgflow::scenario::{Snapshot, trend};
    let mut group = c.benchmark_group("trend_four_snapshots");
    group.sample_size(10);
    for people in [10_000, 100_000] {
        let mut orgs = vec![orgflow::generate::org(people, 7)];
        for step in 1..4u64 {
            let mut next = orgs.last().expect("one").clone();
            // Every tenth person who manages nobody moves under another manager: moving
            // somebody without reports never makes a cycle.
            let managers: Vec<orgflow::model::PersonId> = {
                let mut m: Vec<_> = next
                    .people
                    .iter()
                    .filter_map(|p| p.manager.clone())
                    .collect();
                m.sort();
                m.dedup();
                m
            };
            let is_manager: std::collections::HashSet<&str> =
                managers.iter().map(|m| m.as_str()).collect();
            let leaves: Vec<usize> = (0..next.people.len())
                .filter(|&k| !is_manager.contains(next.people[k].id.as_str()))
                .collect();
            for (j, &k) in leaves.iter().enumerate().step_by(10) {
                let to = managers[(j * 7 + step as usize) % managers.len()].clone();
                next.people[k].manager = Some(to);
            }
            assert!(orgflow::model::validate(&next).is_empty(), "still a tree");
            orgs.push(next);
        }
        let labels = ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"];
        let snapshots: Vec<Snapshot<'_>> = orgs
            .iter()
            .zip(labels)
            .map(|(org, label)| Snapshot {
                label,
                date: None,
                org,
            })
            .collect();
        group.bench_with_input(BenchmarkId::new("trend", people), &snapshots, |b, s| {
            b.iter(|| black_box(trend(black_box(s))));
        });
        group.bench_with_input(BenchmarkId::new("four_analyses", people), &orgs, |b, o| {
            b.iter(|| {
                for org in o {
                    black_box(analyze(black_box(org)));
                }
            });
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    load_and_analyze,
    matrix_and_holders,
    queue_figures,
    trend_of_snapshots
);
criterion_main!(benches);
