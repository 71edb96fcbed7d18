//! The `orgflow` command line: reports, JSON, conversion, exit codes and messages.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use std::path::Path;
use std::process::Command;
use support::{orgflow, text};

fn finding_kinds(v: &serde_json::Value) -> Vec<&str> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .collect()
}

#[test]
fn the_report_names_the_principal_as_the_top_funnel() {
    let out = orgflow(&["analyze", "assets/examples/riverside-traditional.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    let findings = report
        .split("Findings:")
        .nth(1)
        .expect("a findings section");
    let first = findings.lines().nth(1).expect("a first finding");
    assert!(first.contains("CRITICAL Dana Reyes handles"), "{report}");
    assert!(report.contains("Top person's share"), "{report}");
    assert!(
        report.contains("Dana Reyes has 28 direct reports"),
        "{report}"
    );
}

#[test]
fn json_output_has_the_documented_keys() {
    let out = orgflow(&[
        "analyze",
        "--json",
        "assets/examples/riverside-traditional.json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["people"], 31);
    assert_eq!(v["roots"], serde_json::json!(["dana"]));
    assert_eq!(v["layers"], 3);
    assert_eq!(
        v["max_span"],
        serde_json::json!({"id": "dana", "count": 28})
    );
    let persons = v["persons"].as_array().expect("persons");
    assert_eq!(persons.len(), 31);
    let dana = &persons[0];
    for key in [
        "id",
        "name",
        "direct_reports",
        "total_reports",
        "status",
        "vacant",
        "external",
    ] {
        assert!(dana.get(key).is_some(), "persons lack {key}");
    }
    assert_eq!(dana["title"], "Principal");
    assert_eq!(dana["team"], "Leadership");
    assert_eq!(dana["status"], "active");
    let open = persons
        .iter()
        .find(|p| p["id"] == "vacant-y4")
        .expect("the open post");
    assert_eq!(
        (open["vacant"].as_bool(), open["status"].as_str()),
        (Some(true), Some("open"))
    );
    assert!(dana["hierarchical"]["share"].as_f64().expect("share") > 0.9);
    assert!(dana["distributed"]["load"].as_f64().expect("load") > 0.0);
    assert!(
        v["concentration"]["authority"]["hhi"]
            .as_f64()
            .expect("hhi")
            > 2500.0
    );
    let first = &v["findings"][0];
    assert_eq!(first["kind"], "funnel");
    assert_eq!(first["severity"], "critical");
    assert_eq!(first["people"], serde_json::json!(["dana"]));
    assert!(
        first["message"]
            .as_str()
            .expect("message")
            .contains("Dana Reyes")
    );
    let kinds = finding_kinds(&v);
    assert!(kinds.contains(&"wide_span"), "{kinds:?}");
}

#[test]
fn thresholds_on_the_command_line_win() {
    let out = orgflow(&[
        "analyze",
        "--json",
        "--wide-span",
        "30",
        "--funnel-share",
        "0.95",
        "assets/examples/riverside-traditional.json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let kinds = finding_kinds(&v);
    assert!(!kinds.contains(&"wide_span"), "{kinds:?}");
    assert_eq!(v["thresholds"]["funnel_share"], 0.95);
}

#[test]
fn a_broken_file_exits_1_with_a_message_and_no_backtrace() {
    let out = orgflow(&["analyze", "tests/bad/many-problems.json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("tests/bad/many-problems.json cannot be opened"),
        "{err}"
    );
    assert!(err.contains("reports to “ghost”"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(orgflow(&["analyze"]).status.code(), Some(2));
    assert_eq!(
        orgflow(&["analyze", "--frobnicate", "x.json"])
            .status
            .code(),
        Some(2)
    );
    // A word that is no command is taken as a file to open in the window.
    let missing = orgflow(&["frobnicate"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("frobnicate: there is no such file"));
    let bad_share = orgflow(&["analyze", "--funnel-share", "30", "x.json"]);
    assert_eq!(bad_share.status.code(), Some(2));
    assert!(text(&bad_share.stderr).contains("not a share between 0 and 1"));
    let help = orgflow(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("analyze"));
}

#[test]
fn csv_import_problems_are_listed_on_stderr() {
    let out = orgflow(&["analyze", "tests/csv/problems.csv"]);
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(err.contains("4 rows needed attention"), "{err}");
    assert!(err.contains("row 5: Bo Brandt reports to “ghost”"), "{err}");
    assert!(err.contains("shown under a placeholder"), "{err}");
    // The four people of the file, and “ghost”, whom Bo reports to, outside it.
    let report = text(&out.stdout);
    assert!(
        report.contains("4 people; 1 manager not in this file"),
        "{report}"
    );
}

#[test]
fn column_flags_name_the_columns() {
    let out = orgflow(&[
        "analyze",
        "--id-column",
        "Badge",
        "--name-column",
        "Who",
        "--manager-column",
        "Boss",
        "tests/csv/custom-headers.csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("1 top-level person (Dana Reyes)"));
}

#[test]
fn convert_goes_from_csv_to_json_and_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = dir.path().join("school.json");
    let csv = dir.path().join("school.csv");
    let json_s = json.to_str().expect("utf-8 path");
    let out = orgflow(&["convert", "tests/csv/hr-export.csv", json_s]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Wrote 3 people"));
    let org = orgflow::io::load(&json, &Default::default())
        .expect("json loads")
        .org;
    assert_eq!(org.person("E2").expect("E2").name, "Sam Lee");

    let out = orgflow(&["convert", json_s, csv.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let again = orgflow::io::load(&csv, &Default::default())
        .expect("csv loads")
        .org;
    assert_eq!(again.people.len(), 3);
    // orgflow's own CSV is read as written: the name and the name as the HR file had it.
    assert_eq!(again.person("E2").expect("E2").name, "Sam Lee");
    assert_eq!(
        again.person("E2").expect("E2").extra["name_as_written"],
        "Lee, Sam"
    );
    assert_eq!(
        again
            .person("E2")
            .and_then(|p| p.manager.clone())
            .map(|m| m.0),
        Some("E1".to_owned())
    );
}

#[test]
fn convert_refuses_an_unknown_output_format() {
    let out = orgflow(&["convert", "tests/csv/hr-export.csv", "out.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("out.xlsx: orgflow writes team files (.json), CSV (.csv) and graph files"),
        "{}",
        text(&out.stderr)
    );
    assert!(!Path::new("out.xlsx").exists());
}

/// Every file in the shared datasets opens, or is refused with a message; none crashes.
#[test]
fn the_shared_datasets_open_or_are_refused_cleanly() {
    let root = Path::new("../shared/datasets");
    if !root.exists() {
        eprintln!("../shared/datasets is not beside this checkout; nothing to check");
        return;
    }
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut opened = 0;
    for file in &files {
        let out = orgflow(&["analyze", file.to_str().expect("utf-8 path")]);
        let err = text(&out.stderr);
        match out.status.code() {
            Some(0) => opened += 1,
            Some(1) => assert!(
                err.contains(&*file.file_name().expect("name").to_string_lossy()),
                "{}: {err}",
                file.display()
            ),
            other => panic!("{}: exit {other:?}: {err}", file.display()),
        }
        assert!(!err.contains("panicked"), "{}: {err}", file.display());
    }
    assert!(
        opened >= 10,
        "only {opened} of {} files opened",
        files.len()
    );
}

/// `orgflow analyze big.json --json | head`: the reader stops reading, orgflow stops quietly.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big.json");
    orgflow::io::save(&orgflow::generate::org(5_000, 7), &file).expect("saved");
    let mut child = Command::new(env!("CARGO_BIN_EXE_orgflow"))
        .args(["analyze", "--json", file.to_str().expect("path")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a line");
    assert_eq!(first.trim(), "{");
    // The reader is gone now, like `head` after its lines.
    let out = child.wait_with_output().expect("ends");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// `--min-group 4` leaves out every link with a person in a team under four people (the
/// school's year groups of three; Inclusion and Year 4 keep theirs): those
/// people carry no link figure in the JSON (they say `links_withheld`), everybody else's
/// incoming link weight is recounted from the file without those links, and the slide's
/// network caption says what was left out.
#[test]
fn min_group_withholds_the_links_of_small_teams() {
    let path = "assets/examples/riverside-distributed.json";
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let people = file["people"].as_array().unwrap();
    let mut sizes = std::collections::HashMap::new();
    for p in people {
        *sizes
            .entry(p["team"].as_str().unwrap_or(""))
            .or_insert(0usize) += 1;
    }
    let team_of = |id: &str| {
        people
            .iter()
            .find(|p| p["id"] == id)
            .and_then(|p| p["team"].as_str())
            .unwrap_or("")
    };
    let small = |id: &str| sizes[team_of(id)] < 4;
    // An independent count: incoming weight of the links both of whose ends are in big teams.
    let mut expected = std::collections::HashMap::new();
    let mut left_out = 0;
    for l in file["links"].as_array().unwrap() {
        let (from, to) = (l["from"].as_str().unwrap(), l["to"].as_str().unwrap());
        if small(from) || small(to) {
            left_out += 1;
        } else {
            *expected.entry(to.to_owned()).or_insert(0.0) += l["weight"].as_f64().unwrap_or(1.0);
        }
    }
    assert!(
        left_out > 0 && !expected.is_empty(),
        "the example tests both sides"
    );

    let out = orgflow(&["analyze", path, "--json", "--min-group", "4"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(&format!("--min-group 4: {left_out} links left out")),
        "{}",
        text(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["min_group"], 4);
    for p in v["persons"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        if small(id) {
            assert_eq!(p["links_withheld"], true, "{id}");
            assert!(
                p.get("links_in").is_none() && p.get("betweenness").is_none(),
                "{id}"
            );
        } else {
            assert!(p.get("links_withheld").is_none(), "{id}");
            let got = p["links_in"].as_f64().unwrap();
            assert!(
                (got - expected.get(id).copied().unwrap_or(0.0)).abs() < 1e-9,
                "{id}"
            );
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("slide.svg");
    let out = orgflow(&[
        "export",
        path,
        "--out",
        svg.to_str().unwrap(),
        "--min-group",
        "4",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let slide = std::fs::read_to_string(&svg).unwrap();
    assert!(slide.contains("Links of teams under 4 people left out · "));
    // Without the flag nothing is withheld.
    let out = orgflow(&["analyze", path, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("min_group").is_none());
}
