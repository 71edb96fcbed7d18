//! Broken streams and floods of notes. Every command, with standard error closed (`2>&-`) or full (`2>/dev/full`),
//! ends with the exit code it would have had, never a panic (101) or an abort (134).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure
#![cfg(unix)]

use std::process::Command;

const SCHOOL: &str = "assets/examples/riverside-traditional.json";

/// Runs orgflow through the shell with stderr redirected as `redirect` says.
fn run_with(redirect: &str, args: &[&str]) -> Option<i32> {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!(
        "'{}' {} >/dev/null {redirect}",
        env!("CARGO_BIN_EXE_orgflow"),
        quoted.join(" ")
    );
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .status()
        .expect("sh runs")
        .code()
}

#[test]
fn every_command_survives_a_closed_or_full_standard_error() {
    let dir = tempfile::tempdir().expect("dir");
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (json, csv, svg) = (out("team.json"), out("team.csv"), out("slide.svg"));
    let runs: Vec<(Vec<&str>, i32)> = vec![
        (vec!["analyze", "no-such-file.json"], 1),
        (vec!["no-such-file.json"], 1),
        (vec!["analyze", "tests/csv/problems.csv"], 0),
        (
            vec![
                "analyze",
                SCHOOL,
                "--rights",
                "assets/examples/riverside-raci.csv",
            ],
            0,
        ),
        (vec!["convert", "tests/csv/hr-export.csv", &json], 0),
        (vec!["convert", SCHOOL, &csv], 0),
        (vec!["export", SCHOOL, "--out", &svg], 0),
        (vec!["what-if", SCHOOL, "--without", "dana"], 0),
        (vec!["suggest", SCHOOL], 0),
        (vec!["compare", SCHOOL, SCHOOL], 0),
        (vec!["analyze", "--no-such-flag"], 2),
        (
            vec!["export", SCHOOL, "--out", SCHOOL, "--format", "svg"],
            2,
        ),
    ];
    for redirect in ["2>&-", "2>/dev/full"] {
        for (args, code) in &runs {
            // convert refuses to replace its own earlier CSV: start afresh each time.
            let _ = std::fs::remove_file(&csv);
            assert_eq!(
                run_with(redirect, args),
                Some(*code),
                "orgflow {} {redirect}",
                args.join(" ")
            );
        }
    }
}

/// Runs orgflow and gives back (exit code, stdout, stderr).
fn orgflow(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_orgflow"))
        .args(args)
        .output()
        .expect("orgflow runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_flood_of_notes_is_summarised_by_kind_and_json_carries_them_all() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = dir.path().join("rights.csv");
    let mut text = String::from("decision,dana,raised_by\n");
    for k in 0..10_000 {
        text.push_str(&format!("Decision {k},D,Team {k}\n"));
    }
    std::fs::write(&sheet, text).expect("write");
    let sheet = sheet.to_str().expect("utf-8");
    let (code, _, said) = orgflow(&["analyze", SCHOOL, "--rights", sheet]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.lines().count() < 70, "{} lines", said.lines().count());
    assert!(
        said.contains(
            "and 9,950 more like this: 9,950 × “…” is neither a team nor a person in the org; left out (--notes all lists every one)"
        ),
        "{said}"
    );
    let (_, _, all) = orgflow(&["analyze", SCHOOL, "--rights", sheet, "--notes", "all"]);
    assert!(
        all.lines().count() > 10_000,
        "{} lines",
        all.lines().count()
    );
    let (_, json, _) = orgflow(&["analyze", SCHOOL, "--rights", sheet, "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let files = value["import"].as_array().expect("import");
    assert_eq!(files.len(), 2);
    assert_eq!(files[1]["problems"].as_array().map(Vec::len), Some(10_000));
}

#[test]
fn escape_sequences_in_paths_and_flags_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("dir");
    let evil = dir.path().join("\u{1b}]0;owned\u{7}\u{1b}[2J.csv");
    std::fs::write(&evil, "not,a\nteam\n").expect("write");
    let evil = evil.to_str().expect("utf-8");
    for args in [
        vec!["analyze", evil],
        vec!["analyze", "missing\u{1b}[2J.json"],
        vec![
            "analyze",
            "tests/bad/workbooks/good.xlsx",
            "--sheet",
            "\u{1b}]0;x\u{7}",
        ],
        vec!["analyze", SCHOOL, "--bogus\u{1b}[2J"],
        vec!["export", SCHOOL, "--out", evil, "--format", "svg"],
    ] {
        let (code, out, err) = orgflow(&args);
        assert!(
            code.is_some_and(|c| c != 0 || args[0] == "export"),
            "{args:?}"
        );
        for text in [&out, &err] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{args:?} printed a control sequence: {text:?}"
            );
        }
    }
}
