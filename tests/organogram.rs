//! UK government organograms as published: a senior-posts file (one row per post) and a
//! junior-posts file (a count in FTE of each grade under a senior post). Made-up fixtures in
//! `tests/organogram/` hold every shape the real files have (N/D names, every spelling of
//! Eliminated, "Vacant - …", a post that reports to itself); the real Cabinet Office files in
//! ../shared/datasets are checked against sums taken straight from the CSV.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::analyze;
use orgflow::edit::{History, delete_person};
use orgflow::io::{CsvColumns, load, load_all, parse_json, to_json};
use orgflow::model::{PersonId, validate};
use std::path::{Path, PathBuf};
use support::{orgflow, text};

fn fixture() -> Vec<PathBuf> {
    vec![
        PathBuf::from("tests/organogram/senior.csv"),
        PathBuf::from("tests/organogram/junior.csv"),
    ]
}

#[test]
fn senior_posts_read_with_their_markers_said() {
    let (loaded, added) = load_all(&fixture(), &CsvColumns::default()).expect("opens");
    let org = &loaded.org;
    // 12 rows, of which posts 4, 5, 6 and 7 are eliminated (four spellings): 8 posts.
    let ids: Vec<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "8", "9", "10", "11", "12"]);
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains("4 posts marked “Eliminated” left out: post 4 (row 5), post 5 (row 6), post 6 (row 7), post 7 (row 8); its 1 report now reports to the post above"),
        "{notes}"
    );
    assert!(
        notes.contains("2 names read as “name not disclosed” (N/D)"),
        "{notes}"
    );
    // Post 8 reported to the eliminated post 4, whose manager is post 2.
    let manager = |id: &str| org.person(id).and_then(|p| p.manager.clone());
    assert_eq!(manager("8"), Some(PersonId::from("2")));
    // N/D shows the post's title; the file's word is kept.
    let two = org.person("2").unwrap();
    assert_eq!(two.name, "N/D");
    assert_eq!(two.display_name(), "Director, Policy");
    assert_eq!(
        org.person("12").unwrap().display_name(),
        "Deputy Director Digital"
    );
    // "Vacant - Chief Exec" with no title is an open post named by what follows the marker.
    let nine = org.person("9").unwrap();
    assert!(nine.vacant);
    assert_eq!(nine.display_name(), "Chief Exec");
    assert!(org.person("10").unwrap().vacant);
    // The post that reports to itself is a top-level post, and a note names it.
    assert_eq!(manager("11"), None);
    assert!(
        notes.contains(
            "1 row names itself as their own manager, read as top-level: Dan Loop (11, row 12)"
        ),
        "{notes}"
    );
    // The junior file: 7 rows, one to a post not in the file, one with no number.
    let [junior] = added.as_slice() else {
        panic!("one file added: {added:?}")
    };
    let said: Vec<String> = junior
        .import
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        said,
        [
            "row 7: reports to the senior post “99”, which is not among the senior posts; left out",
            "row 8: the number of posts “N/A” is not a number from 0 to 1,000,000; left out",
        ]
    );
    assert!(validate(org).is_empty());
}

#[test]
fn junior_posts_count_in_fte_never_as_people_or_reports() {
    let (loaded, _) = load_all(&fixture(), &CsvColumns::default()).expect("opens");
    let a = analyze(&loaded.org);
    // 4.5 + 12 (post 2) + 2.5 (post 8) + 120 (post 3) + 30.25 (post 9) = 169.25 FTE, five
    // rows under four senior posts.
    let j = a.junior.as_ref().expect("junior figures");
    assert_eq!((j.rows, j.senior_posts), (5, 4));
    assert!((j.fte - 169.25).abs() < 1e-9);
    assert_eq!(
        a.headcount_sentence(),
        "8 senior posts: 6 active, 2 open positions; 169.3 FTE in junior posts below them"
    );
    let person = |id: &str| a.persons.iter().find(|p| p.id == id).unwrap();
    // Span of control counts senior posts only: post 1 has posts 2, 3 and 9 under it.
    assert_eq!(person("1").direct_reports, 3);
    assert_eq!(person("3").direct_reports, 2);
    assert_eq!(person("2").junior_fte, 16.5);
    // Below post 2: its own 16.5 and post 8's 2.5.
    assert_eq!(person("2").junior_fte_below, 19.0);
    assert!((person("1").junior_fte_below - 169.25).abs() < 1e-9);
    assert_eq!(a.roots, ["1", "11"]);
}

#[test]
fn the_files_open_in_either_order_and_the_junior_file_alone_is_refused() {
    let mut reversed = fixture();
    reversed.reverse();
    let (a, _) = load_all(&fixture(), &CsvColumns::default()).expect("opens");
    let (b, _) = load_all(&reversed, &CsvColumns::default()).expect("opens");
    assert_eq!(a.org, b.org);
    let err = load(
        Path::new("tests/organogram/junior.csv"),
        &CsvColumns::default(),
    )
    .expect_err("not people");
    assert!(
        err.to_string().contains("this file lists junior posts")
            && err
                .to_string()
                .contains("orgflow analyze senior.csv junior.csv"),
        "{err}"
    );
    let two_people_files = [
        PathBuf::from("tests/organogram/senior.csv"),
        PathBuf::from("tests/csv/flat.csv"),
    ];
    let err = load_all(&two_people_files, &CsvColumns::default()).expect_err("two orgs");
    assert!(
        err.to_string().contains("one file of people at a time"),
        "{err}"
    );
    let twice = [
        PathBuf::from("tests/organogram/senior.csv"),
        PathBuf::from("tests/organogram/junior.csv"),
        PathBuf::from("tests/organogram/junior.csv"),
    ];
    let err = load_all(&twice, &CsvColumns::default()).expect_err("named twice");
    assert!(err.to_string().contains("named twice"), "{err}");
}

#[test]
fn junior_posts_survive_a_save_and_go_up_when_their_post_is_deleted() {
    let (loaded, _) = load_all(&fixture(), &CsvColumns::default()).expect("opens");
    let mut org = loaded.org;
    let saved = to_json(&org);
    assert_eq!(parse_json(saved.as_bytes()).expect("loads"), org);
    // Deleting post 8 hands its 2.5 FTE to post 2; undo gives it back.
    let mut history = History::default();
    let (command, _) = delete_person(&org, &PersonId::from("8")).expect("deletable");
    history.apply(&mut org, command).expect("applies");
    let a = analyze(&org);
    let two = a.persons.iter().find(|p| p.id == "2").unwrap();
    assert_eq!(two.junior_fte, 19.0);
    history.undo(&mut org);
    assert_eq!(to_json(&org), saved);
    // The top post has nobody above to take its junior posts: refused, said in words.
    let mut top = org.clone();
    top.junior_posts[0].reports_to = PersonId::from("1");
    let err = delete_person(&top, &PersonId::from("1")).expect_err("refused");
    assert!(
        err.to_string()
            .contains("has junior posts reporting to them"),
        "{err}"
    );
}

#[test]
fn the_command_line_takes_both_files_and_says_what_it_did() {
    let out = orgflow(&[
        "analyze",
        "tests/organogram/senior.csv",
        "tests/organogram/junior.csv",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("tests/organogram/junior.csv: 5 junior post rows (169.3 FTE) attached under 4 senior posts"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["junior"]["rows"], 5);
    assert_eq!(v["import"][1]["file"], "tests/organogram/junior.csv");
    assert_eq!(v["import"][1]["problems"].as_array().map(Vec::len), Some(2));
    let out = orgflow(&["analyze", "tests/organogram/junior.csv"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("this file lists junior posts"));
}

/// The real Cabinet Office files of 30 September 2011, as published: every figure checked
/// against the CSV read here with the csv crate alone.
#[test]
fn the_cabinet_office_opens_with_its_junior_posts() {
    let dir = Path::new("../shared/datasets/uk_organogram_2011_09/published");
    let senior = dir.join("cabinet_office-2011-09-30-senior.csv");
    let junior = dir.join("cabinet_office-2011-09-30-junior.csv");
    if !senior.exists() {
        eprintln!("skipped: {} is not here", senior.display());
        return;
    }
    // Independently: the posts, the eliminated ones, the N/D names, the junior FTE by post.
    let read = |path: &Path| {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let headers = r.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        (headers, rows)
    };
    let (sh, srows) = read(&senior);
    let col = |h: &csv::StringRecord, name: &str| h.iter().position(|x| x == name).unwrap();
    let (id, name) = (col(&sh, "Post Unique Reference"), col(&sh, "Name"));
    let mut seen = std::collections::HashSet::new();
    let mut live = std::collections::HashSet::new();
    let (mut nd, mut eliminated) = (0, 0);
    for r in &srows {
        if !seen.insert(r[id].to_owned()) {
            continue; // a job share's second row: skipped by the import, and said
        }
        let key: String = r[name].chars().filter(|c| c.is_alphanumeric()).collect();
        if key.eq_ignore_ascii_case("eliminated") {
            eliminated += 1;
            continue;
        }
        if key.eq_ignore_ascii_case("nd") {
            nd += 1;
        }
        live.insert(r[id].to_owned());
    }
    let (jh, jrows) = read(&junior);
    let (post, fte) = (
        col(&jh, "Reporting Senior Post"),
        col(&jh, "Number of Posts in FTE"),
    );
    let attached: Vec<&csv::StringRecord> =
        jrows.iter().filter(|r| live.contains(&r[post])).collect();
    let total: f64 = attached
        .iter()
        .map(|r| r[fte].parse::<f64>().unwrap())
        .sum();

    let (loaded, added) =
        load_all(&[senior.clone(), junior.clone()], &CsvColumns::default()).expect("opens");
    assert_eq!(loaded.org.people.len(), live.len());
    assert_eq!(eliminated, 1);
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.starts_with(&format!("{nd} names read as “name not disclosed”"))),
        "{:?}",
        loaded.notes
    );
    let a = analyze(&loaded.org);
    let j = a.junior.expect("junior figures");
    assert_eq!(j.rows, attached.len());
    assert!((j.fte - total).abs() < 1e-6, "{} against {total}", j.fte);
    assert_eq!(added[0].import.problems.len(), jrows.len() - attached.len());
    // Nobody's span counts junior posts, and nobody is named N/D in a finding.
    let spans: usize = a.persons.iter().map(|p| p.direct_reports).sum();
    assert_eq!(
        spans,
        loaded
            .org
            .people
            .iter()
            .filter(|p| p.manager.is_some())
            .count()
    );
    assert!(a.findings.iter().all(|f| !f.message.contains("N/D")));
    // The top posts carry every attached FTE between them.
    let tops: f64 = a
        .persons
        .iter()
        .filter(|p| p.manager.is_none())
        .map(|p| p.junior_fte_below)
        .sum();
    assert!((tops - total).abs() < 1e-6);
}

/// The real organograms' findings as the report lists them: the notes that each say one post
/// manages only one are one line, whose count is the posts with a single report counted here
/// from the reporting lines alone; every finding is in exactly one line.
#[test]
fn the_real_organograms_findings_are_summed_up_by_kind() {
    let dir = Path::new("../shared/datasets/uk_organogram_2011_09/published");
    for file in [
        "cabinet_office-2011-09-30-senior.csv",
        "department_for_transport-2011-09-30-senior.csv",
    ] {
        let path = dir.join(file);
        if !path.exists() {
            eprintln!("skipped: {} is not here", path.display());
            return;
        }
        let org = load(&path, &CsvColumns::default()).expect("opens").org;
        let a = analyze(&org);
        // Independently: managers in post with exactly one direct report.
        let mut reports: std::collections::HashMap<&str, usize> = Default::default();
        for p in &org.people {
            if let Some(m) = &p.manager {
                *reports.entry(m.as_str()).or_default() += 1;
            }
        }
        let single = org
            .people
            .iter()
            .filter(|p| !p.external && p.status.is_active())
            .filter(|p| reports.get(p.id.as_str()) == Some(&1))
            .count();
        if file.starts_with("cabinet_office") {
            assert_eq!(single, 14, "{file}: posts with one report, counted by hand");
        }
        let groups = orgflow::analysis::group_findings(&a.findings);
        let lines: Vec<_> = groups
            .iter()
            .filter(|g| g.kind == orgflow::analysis::FindingKind::OneOverOne)
            .collect();
        let counted: usize = lines.iter().map(|g| g.members.len()).sum();
        assert_eq!(counted, single, "{file}");
        if single >= orgflow::analysis::GROUP_FROM {
            assert_eq!(lines.len(), 1, "{file}: one line for them all");
            assert_eq!(
                lines[0]
                    .summary
                    .as_deref()
                    .and_then(|s| s.split(' ').next()),
                Some(single.to_string().as_str()),
                "{file}"
            );
            // The report says the line, not each note.
            let report = orgflow::analysis::text_report(&a);
            assert!(
                report.contains(&format!("{single} managers manage only one person each")),
                "{file}"
            );
        }
        let mut every: Vec<usize> = groups.iter().flat_map(|g| g.members.clone()).collect();
        every.sort_unstable();
        assert_eq!(every, (0..a.findings.len()).collect::<Vec<_>>(), "{file}");
        for g in &groups {
            for &k in &g.members {
                assert_eq!(
                    (a.findings[k].kind, a.findings[k].severity),
                    (g.kind, g.severity)
                );
            }
        }
    }
}
