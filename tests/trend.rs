//! `orgflow trend`: snapshots of one org read in time order, each one's figures, and who
//! joined, left, moved or took over a post between them. The people, layers, widest spans and
//! who joined, left and moved are checked against tests/reference/trend.py, which reads the
//! same CSVs with nothing of orgflow's; the rest is worked out by hand in the comments.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::io::{CsvColumns, load_snapshots};
use orgflow::scenario::{Snapshot, Trend, trend};
use std::path::{Path, PathBuf};
use support::{orgflow, text};

fn paths(names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .map(|n| Path::new("tests/trend").join(n))
        .collect()
}

/// The trend of files as `trend` reads them, with `rights` merged onto every snapshot.
fn trend_of(files: &[PathBuf], rights: Option<&str>) -> (Trend, orgflow::io::Snapshots) {
    let mut read = load_snapshots(files, &CsvColumns::default()).expect("snapshots load");
    if let Some(sheet) = rights {
        for s in &mut read.snapshots {
            s.loaded.org = orgflow::io::load_rights(&s.loaded.org, Path::new(sheet), None, None)
                .expect("rights load")
                .org;
        }
    }
    let t = trend(&Snapshot::all(&read));
    (t, read)
}

fn names(list: &[orgflow::scenario::Named]) -> Vec<&str> {
    list.iter().map(|n| n.name.as_str()).collect()
}

/// An HR system's quarterly headcount report: one file, a "Snapshot Date" column written
/// day first. Each quarter is a snapshot; the COO leaves in Q3 (his two managers move up to
/// the CEO), a Head of Operations arrives in Q4 (three people move under her), and the export
/// writes one id in lower case in Q4 ("e105"), which is the same person.
#[test]
fn a_stacked_headcount_report_is_a_snapshot_a_quarter_with_who_joined_left_and_moved() {
    let (t, read) = trend_of(
        &paths(&["headcount-snapshots.csv"]),
        Some("tests/trend/raci-by-title.csv"),
    );
    assert_eq!(
        read.notes[0].1,
        "4 snapshots in the column “Snapshot Date”, 2025-03-31 to 2025-12-31: each read as the org on its date"
    );
    let labels: Vec<&str> = t.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]
    );
    // tests/reference/trend.py stacked tests/trend/headcount-snapshots.csv "Snapshot Date"
    // "Employee ID" "Manager ID": people 10, 11, 11, 12; layers 4, 4, 3, 4; widest span 2, 3,
    // 4, 3 (Sofia Rossi's three drivers from Q2; the CEO's four in Q3).
    let people: Vec<usize> = t.points.iter().map(|p| p.figures.people).collect();
    let layers: Vec<usize> = t.points.iter().map(|p| p.figures.layers).collect();
    let spans: Vec<usize> = t.points.iter().map(|p| p.figures.widest_span).collect();
    assert_eq!(people, [10, 11, 11, 12]);
    assert_eq!(layers, [4, 4, 3, 4]);
    assert_eq!(spans, [2, 3, 4, 3]);
    assert_eq!(
        t.points[2].names.widest_span_of.as_deref(),
        Some("Maria Santos")
    );
    // The reference: joined e110 / e111 / e112, left e101 in Q3, moved e103 and e104 in Q3
    // and e103, e104 and e111 in Q4; "e105" is E105.
    let [q2, q3, q4] = &t.steps[..] else {
        panic!("three steps")
    };
    assert_eq!(names(&q2.changes.added), ["Kim Lee"]);
    assert!(q2.changes.removed.is_empty() && q2.changes.moved.is_empty());
    assert_eq!(names(&q3.changes.added), ["Omar Haddad"]);
    assert_eq!(names(&q3.changes.removed), ["Tom Becker"]);
    let moved = |s: &orgflow::scenario::Step| -> Vec<String> {
        s.changes
            .moved
            .iter()
            .map(|m| m.person.id.clone())
            .collect()
    };
    assert_eq!(moved(q3), ["E103", "E104"]);
    assert_eq!(names(&q4.changes.added), ["Eva Novak"]);
    assert!(q4.changes.removed.is_empty(), "{:?}", q4.changes.removed);
    assert_eq!(moved(q4), ["E103", "E104", "E111"]);
    assert_eq!((q3.matched, q4.matched), (10, 11));
    // The rights follow the titles: with the COO gone in Q3, "Safety incidents" has no
    // decider until the Head of Operations holds it in Q4.
    let decided: Vec<usize> = t
        .points
        .iter()
        .map(|p| p.figures.domains_with_rights - p.figures.undecided_domains)
        .collect();
    assert_eq!(decided, [6, 6, 5, 6]);
    let rights: Vec<String> = q3
        .changes
        .rights
        .iter()
        .map(|r| format!("{} {}", r.domain_name, r.before.unwrap_or("-")))
        .collect();
    assert_eq!(
        rights,
        [
            "Delivery routes consulted",
            "Hiring approves",
            "Safety incidents decides"
        ]
    );
    // Authority HHI, by hand: domains weighted by rate (1 + 3 + 8 + 12 + 6 + 4 = 34 a month),
    // each to its deciders. Q1: CEO 1 + 3, COO 4, Warehouse 8, Transport 12, CFO 6 →
    // shares 4, 4, 8, 12, 6 of 34 → (16 + 16 + 64 + 144 + 36) / 34² × 10,000 = 2,388.
    // Q3: Safety incidents has nobody, so 30 a month: (16 + 64 + 144 + 36) / 30² = 2,889.
    assert_eq!(t.points[0].figures.authority_hhi.round(), 2388.0);
    assert_eq!(t.points[2].figures.authority_hhi.round(), 2889.0);
}

/// A UK organogram published twice a year: a senior and a junior file a date, the date in
/// the file's name. Named out of order, they are put in date order and said so; the junior
/// posts join their own date's senior posts; a post with the same id and another name in it
/// has a new holder, while "N/D" (withheld) is no change of holder; a name that leaves one
/// post for another has changed post (as the real DfT releases of March and September 2011
/// show four people doing).
#[test]
fn organogram_releases_are_ordered_by_the_date_in_their_names_and_new_holders_found() {
    let (t, read) = trend_of(
        &paths(&[
            "example-agency-2012-09-30-senior.csv",
            "example-agency-2012-09-30-junior.csv",
            "example-agency-2012-03-31-senior.csv",
            "example-agency-2012-03-31-junior.csv",
        ]),
        None,
    );
    assert!(
        read.notes
            .iter()
            .any(|(_, n)| n.contains("named out of date order")),
        "{:?}",
        read.notes
    );
    assert_eq!(t.org, "Example Agency");
    let labels: Vec<&str> = t.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["2012-03-31", "2012-09-30"]);
    // Each date's junior posts with its own senior posts: 23.5 FTE, then 30.5.
    let fte: Vec<f64> = read
        .snapshots
        .iter()
        .map(|s| s.loaded.org.junior_posts.iter().map(|j| j.fte).sum())
        .collect();
    assert_eq!(fte, [23.5, 30.5]);
    // tests/reference/trend.py files: people 6 and 7, layers 3 and 3, widest span 2 then 5
    // (the chief executive); joined 7 and 8, left 5, moved 4 and 6.
    let step = &t.steps[0];
    let spans: Vec<usize> = t.points.iter().map(|p| p.figures.widest_span).collect();
    assert_eq!(spans, [2, 5]);
    assert_eq!(
        names(&step.changes.added),
        ["Deputy Director, Digital", "Uma Case"]
    );
    assert_eq!(names(&step.changes.removed), ["Uma Case"]);
    // Uma Case left post 5 for the new post 8: a change of post, not a leaver and a joiner.
    assert_eq!(step.changed_post.len(), 1, "{:?}", step.changed_post);
    assert_eq!(step.changed_post[0].from.0, "5");
    assert_eq!(step.changed_post[0].to.0, "8");
    assert_eq!(step.changes.moved.len(), 2);
    assert_eq!(step.new_holders.len(), 1, "{:?}", step.new_holders);
    assert_eq!(
        (
            step.new_holders[0].before.as_str(),
            step.new_holders[0].after.as_str()
        ),
        ("Sam Sample", "Wendy Novel")
    );
    // No rights in an organogram: the decision figures are not claimed.
    let report = orgflow::scenario::trend_report(
        &t,
        &read
            .snapshots
            .iter()
            .map(|s| &s.loaded.org)
            .collect::<Vec<_>>(),
    );
    assert!(
        report.contains("n/a: nobody who can act holds a decision right"),
        "{report}"
    );
    assert!(
        report.contains("New holder: Director, Operations: Sam Sample → Wendy Novel"),
        "{report}"
    );
    assert!(
        report.contains("  Joined: Deputy Director, Digital (open), Uma Case (from another post)"),
        "{report}"
    );
    // One file of one snapshot is a trend of one point, and says what would make more.
    let (one, _) = trend_of(&paths(&["example-agency-2012-03-31-senior.csv"]), None);
    assert_eq!((one.points.len(), one.steps.len()), (1, 0));
    assert!(
        one.notes
            .iter()
            .any(|n| n.starts_with("one snapshot: name more files")),
        "{:?}",
        one.notes
    );
    assert!(
        report.contains("  Left: Uma Case (to another post)")
            && report.contains(
                "Changed post: Uma Case (Director, Corporate Services → Deputy Director, Strategy)"
            ),
        "{report}"
    );
}

/// The command line: the table and the steps on standard output, what the reading did on
/// standard error, `--json` for scripts and `--out` for a chart whose six panels and lines
/// are there to read.
#[test]
fn the_command_prints_the_table_writes_json_and_draws_the_chart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg = dir.path().join("trend.svg");
    let out = orgflow(&[
        "trend",
        "tests/trend/headcount-snapshots.csv",
        "--rights",
        "tests/trend/raci-by-title.csv",
        "--out",
        svg.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(
        report.starts_with("headcount-snapshots: 4 snapshots, 2025-03-31 to 2025-12-31"),
        "{report}"
    );
    assert!(
        report.contains("2025-09-30  11      65%"),
        "the Q3 row: {report}"
    );
    assert!(report.contains("  Left: Tom Becker"), "{report}");
    assert!(
        report.contains("domains somebody here can decide 6 → 5"),
        "{report}"
    );
    assert!(
        report.contains("Rights: Hiring: Eva Novak no right → approves"),
        "{report}"
    );
    // A line the rights sheet said of some snapshots only is said once, naming them.
    let said = text(&out.stderr);
    assert!(
        said.contains("raci-by-title.csv (with 2025-09-30, 2025-12-31): column D (“COO”)"),
        "{said}"
    );
    let chart = std::fs::read_to_string(&svg).expect("chart written");
    let doc = roxmltree::Document::parse(&chart).expect("the chart is SVG");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for title in [
        "Top share of decisions",
        "Authority HHI (0–10,000)",
        "Bus factor (people)",
        "Mean wait (working days)",
        "Layers",
        "Widest span of control",
    ] {
        assert!(texts.contains(&title), "{title} in {texts:?}");
    }
    // Two lines in the share and wait panels, one in the other four; four points on each.
    let lines = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .count();
    assert_eq!(lines, 8);
    let points = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(points, 8 * 4);

    let png = dir.path().join("trend.png");
    let out = orgflow(&[
        "trend",
        "tests/trend/headcount-snapshots.csv",
        "--out",
        png.to_str().expect("path"),
        "--scale",
        "2",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&png).expect("png written");
    assert_eq!(&bytes[1..4], b"PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into().expect("4 bytes"));
    assert_eq!(width, 3200);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["points"].as_array().map(Vec::len), Some(4));
    assert_eq!(json["points"][2]["figures"]["widest_span"], 4);
    assert_eq!(
        json["steps"][1]["changes"]["removed"][0]["name"],
        "Tom Becker"
    );
    assert_eq!(json["steps"][2]["matched"], 11);
}

/// Files that cannot make a trend are refused with what to do: a junior-posts file with no
/// senior posts before it, junior posts after a file of several snapshots, `--as-of` (trend
/// reads them all), a chart in a format it cannot be, a chart over an input.
#[test]
fn what_cannot_make_a_trend_is_refused_with_what_to_do() {
    let junior_first = load_snapshots(
        &paths(&["example-agency-2012-03-31-junior.csv"]),
        &CsvColumns::default(),
    )
    .expect_err("refused");
    assert!(
        junior_first
            .to_string()
            .contains("this file lists junior posts; name its senior posts file before it"),
        "{junior_first}"
    );
    let after_stack = load_snapshots(
        &paths(&[
            "headcount-snapshots.csv",
            "example-agency-2012-03-31-junior.csv",
        ]),
        &CsvColumns::default(),
    )
    .expect_err("refused");
    assert!(
        after_stack.to_string().contains(
            "holds several snapshots, so it is not clear which one these junior posts belong to"
        ),
        "{after_stack}"
    );
    let out = orgflow(&[
        "trend",
        "tests/trend/headcount-snapshots.csv",
        "--as-of",
        "2025-06-30",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("trend reads every snapshot"));
    let out = orgflow(&[
        "trend",
        "tests/trend/headcount-snapshots.csv",
        "--out",
        "chart.pptx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("a chart is written as .svg, .png or .pdf"));
    let out = orgflow(&[
        "trend",
        "tests/trend/headcount-snapshots.csv",
        "--out",
        "tests/trend/headcount-snapshots.csv",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

/// The real organograms of 30 September 2011: the Department for Transport and the Cabinet
/// Office, each with its junior posts. Each snapshot's people, layers and widest span are the
/// reference's (the Cabinet Office's "Eliminated" post aside, which the import leaves out and
/// says so), and two different organisations are said to be two.
#[test]
fn the_real_organograms_read_as_snapshots_and_two_organisations_are_said_to_be_two() {
    let dir = Path::new("../shared/datasets/uk_organogram_2011_09/published");
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let files: Vec<PathBuf> = [
        "department_for_transport-2011-09-30-senior.csv",
        "department_for_transport-2011-09-30-junior.csv",
        "cabinet_office-2011-09-30-senior.csv",
        "cabinet_office-2011-09-30-junior.csv",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect();
    let (t, _) = trend_of(&files, None);
    // tests/reference/trend.py files "Post Unique Reference" "Reports to Senior Post" …:
    // DfT 114 posts, 4 layers, widest span 10; Cabinet Office 234 posts (one, NSG2, marked
    // Eliminated), 5 layers, widest span 43 (post 260).
    let f: Vec<(usize, usize, usize)> = t
        .points
        .iter()
        .map(|p| (p.figures.people, p.figures.layers, p.figures.widest_span))
        .collect();
    assert_eq!(f, [(114, 4, 10), (233, 5, 43)]);
    assert_eq!(t.points[1].figures.widest_span_of.as_deref(), Some("260"));
    assert!(
        t.notes
            .iter()
            .any(|n| n.contains("the snapshots name 2 organisations")),
        "{:?}",
        t.notes
    );
    assert!(
        t.notes
            .iter()
            .any(|n| n == "2 snapshots are dated 2011-09-30")
    );
}

/// The chart spaces dated snapshots by time (a quarter of 91 days is narrower than one of
/// 92), undated ones evenly, and rounds its axes to 1, 2 or 5 times a power of ten.
#[test]
fn the_chart_spaces_snapshots_by_date_and_rounds_its_axes() {
    let (t, _) = trend_of(&paths(&["headcount-snapshots.csv"]), None);
    let xs = orgflow::scene::chart::x_fractions(&t.points);
    // 2025-03-31 to -06-30 is 91 days, to -09-30 183, to -12-31 275.
    let expect = [0.0, 91.0 / 275.0, 183.0 / 275.0, 1.0];
    for (x, e) in xs.iter().zip(expect) {
        assert!((f64::from(*x) - e).abs() < 1e-6, "{xs:?}");
    }
    let mut undated = t.points.clone();
    for p in &mut undated {
        p.date = None;
    }
    let xs = orgflow::scene::chart::x_fractions(&undated);
    assert_eq!(xs, [0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0]);
    use orgflow::scene::chart::nice_scale;
    assert_eq!(nice_scale(0.69, false), (0.8, 0.2));
    assert_eq!(nice_scale(43.0, true), (60.0, 20.0));
    assert_eq!(nice_scale(3.0, true), (3.0, 1.0));
    assert_eq!(nice_scale(0.0, true), (1.0, 1.0));
}

/// An HR export keeps a leaver's row, marked as left (a termination column): between two
/// snapshots that is somebody who left, though their id is still in the file, and the report
/// counts and names them so. Somebody new whose row is already marked as left is said so.
#[test]
fn a_leaver_still_in_the_file_is_counted_as_left() {
    use orgflow::model::Status;
    let mut read = load_snapshots(&paths(&["headcount-snapshots.csv"]), &CsvColumns::default())
        .expect("snapshots load");
    let last = read.snapshots.last_mut().expect("four");
    for p in &mut last.loaded.org.people {
        if p.id.as_str() == "E107" || p.id.as_str() == "E112" {
            p.status = Status::Left;
        }
    }
    let t = trend(&Snapshot::all(&read));
    let q4 = t.steps.last().expect("three steps");
    assert_eq!(names(&q4.marked_left), ["Ben Carter"]);
    let report = orgflow::scenario::trend_report(
        &t,
        &read
            .snapshots
            .iter()
            .map(|s| &s.loaded.org)
            .collect::<Vec<_>>(),
    );
    assert!(
        report.contains("2025-09-30 → 2025-12-31: 1 joined, 1 left, 3 moved"),
        "{report}"
    );
    assert!(
        report.contains("  Left (still in the file, marked as left): Ben Carter"),
        "{report}"
    );
    assert!(
        report.contains("  Joined: Eva Novak (already marked as left)"),
        "{report}"
    );
}
