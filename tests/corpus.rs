//! The hostile corpus: every file in `tests/bad`, and every bad flag, with the exit code and the
//! words the user must see. One table, so a new hostile file cannot be forgotten: a file in
//! `tests/bad` that the table does not name fails the test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use std::collections::BTreeSet;

/// One run of the command line: its arguments, the exit code, and a fragment of what it says
/// (on standard error when it fails, on standard output when it succeeds).
struct Case {
    args: &'static [&'static str],
    code: i32,
    says: &'static str,
}

const fn case(args: &'static [&'static str], code: i32, says: &'static str) -> Case {
    Case { args, code, says }
}

const SCHOOL: &str = "assets/examples/riverside-traditional.json";

const CASES: &[Case] = &[
    // Team files that break the rules: each problem located and said in plain words.
    case(
        &["analyze", "tests/bad/bad-links.json"],
        1,
        "nobody in “people” has that id",
    ),
    case(
        &["analyze", "tests/bad/bad-rate.json"],
        1,
        "“per_month” is -4",
    ),
    case(
        &["analyze", "tests/bad/bad-thresholds.json"],
        1,
        "“funnel_share” is 30",
    ),
    case(
        &["analyze", "tests/bad/cycle.json"],
        1,
        "go round in a circle",
    ),
    case(
        &["analyze", "tests/bad/duplicate-ids.json"],
        1,
        "already used by entry 2",
    ),
    case(
        &["analyze", "tests/bad/many-problems.json"],
        1,
        "reports to “ghost”",
    ),
    case(
        &["analyze", "tests/bad/missing-fields.json"],
        1,
        "person 1 in “people”: has no id",
    ),
    case(
        &["analyze", "tests/bad/newer-version.json"],
        1,
        "newer orgflow",
    ),
    case(
        &["analyze", "tests/bad/not-orgflow.json"],
        1,
        "not an orgflow team file",
    ),
    case(
        &["analyze", "tests/bad/self-manager.json"],
        1,
        "their own manager",
    ),
    case(
        &["analyze", "tests/bad/syntax-error.json"],
        1,
        "line 4, column 3",
    ),
    case(
        &["analyze", "tests/bad/truncated.json"],
        1,
        "ends too early",
    ),
    case(
        &["analyze", "tests/bad/unknown-in-decision.json"],
        1,
        "neither a team nor a person id",
    ),
    case(
        &["analyze", "tests/bad/unknown-manager.json"],
        1,
        "Sam Lee reports to “bob”",
    ),
    case(
        &["analyze", "tests/bad/wrong-type.json"],
        1,
        "line 4, column",
    ),
    // Numbers: NaN, infinite and absurd values never reach the analysis.
    case(
        &["analyze", "tests/bad/rate-too-large.json"],
        1,
        "“per_month” is 1e12",
    ),
    case(
        &["analyze", "tests/bad/rate-overflow.json"],
        1,
        "number out of range",
    ),
    case(
        &["analyze", "tests/bad/weight-too-large.json"],
        1,
        "“weight” is 1e300",
    ),
    case(
        &["analyze", "tests/bad/weight-negative.json"],
        1,
        "“weight” is -0.5",
    ),
    case(
        &["analyze", "tests/bad/wide-span-zero.json"],
        1,
        "“wide_span” is 0, but it must be from 1",
    ),
    case(
        &["analyze", "tests/bad/single-holder-zero.json"],
        1,
        "“single_holder_domains” is 0",
    ),
    case(
        &["analyze", "tests/bad/target-span-absurd.json"],
        1,
        "“target_span” is 5000000",
    ),
    case(
        &["analyze", "tests/bad/extra-layers-absurd.json"],
        1,
        "“extra_layers” is 1000",
    ),
    case(
        &["analyze", "tests/bad/wide-span-negative.json"],
        1,
        "wrong form",
    ),
    case(
        &["analyze", "tests/bad/funnel-share-zero.json"],
        1,
        "“funnel_share” is 0, but it must be above 0",
    ),
    case(
        &["analyze", "tests/bad/high-hhi-too-large.json"],
        1,
        "“high_hhi” is 20000",
    ),
    case(
        &["analyze", "tests/bad/unknown-threshold.json"],
        1,
        "unknown field `funnel`",
    ),
    // The shape of the file.
    case(
        &["analyze", "tests/bad/duplicate-key.json"],
        1,
        "duplicate field `name`",
    ),
    case(&["analyze", "tests/bad/empty.json"], 1, "the file is empty"),
    case(
        &["analyze", "tests/bad/only-bom.json"],
        1,
        "the file is empty",
    ),
    case(
        &["analyze", "tests/bad/array-at-top.json"],
        1,
        "not an orgflow team file",
    ),
    case(
        &["analyze", "tests/bad/string-at-top.json"],
        1,
        "not an orgflow team file",
    ),
    case(
        &["analyze", "tests/bad/deep-nesting.json"],
        1,
        "nested too deeply",
    ),
    case(&["analyze", "tests/bad/people-null.json"], 1, "wrong form"),
    case(&["analyze", "tests/bad/id-is-number.json"], 1, "wrong form"),
    case(
        &["analyze", "tests/bad/version-zero.json"],
        1,
        "not an orgflow team file",
    ),
    case(&["analyze", "tests/bad/version-text.json"], 1, "wrong form"),
    case(
        &["analyze", "tests/bad/binary-garbage.json"],
        1,
        "not an orgflow team file",
    ),
    case(
        &["analyze", "tests/bad/link-to-self.json"],
        1,
        "links “sam” to themself",
    ),
    case(
        &["analyze", "tests/bad/decision-duplicate-id.json"],
        1,
        "already used by entry 1 in “decisions”",
    ),
    case(
        &["analyze", "tests/bad/decision-without-name.json"],
        1,
        "has no name",
    ),
    case(
        &["analyze", "tests/bad/raised-by-stranger.json"],
        1,
        "“raised_by” names “Year 9”",
    ),
    case(
        &["analyze", "tests/bad/manager-is-number.json"],
        1,
        "wrong form",
    ),
    case(
        &["analyze", "tests/bad/long-cycle.json"],
        1,
        "P 49 (p49) reports to P 0 (p0)",
    ),
    // Files that load despite hostile content.
    case(&["analyze", "tests/bad/utf16-json.json"], 0, "2 people"),
    case(
        &["analyze", "tests/bad/escape-sequences.json"],
        0,
        "Dana [31mRed[0m ]0;pwnedReyes esrever",
    ),
    case(
        &["analyze", "tests/bad/raised-by-repeated.json"],
        0,
        "1 decisions a month",
    ),
    // Spreadsheet exports.
    case(
        &["analyze", "tests/bad/unclosed-quote.csv"],
        1,
        "row 3 (line 3): a quote (\") opens a cell here and is never closed",
    ),
    case(
        &["analyze", "tests/bad/semicolon-unclosed.csv"],
        1,
        "row 2 (line 2): a quote",
    ),
    case(
        &["analyze", "tests/bad/header-only.csv"],
        1,
        "no people could be read",
    ),
    case(
        &["analyze", "tests/bad/rows-without-ids.csv"],
        1,
        "row 3: has no id",
    ),
    case(
        &["analyze", "tests/bad/ragged-rows.csv"],
        1,
        "has 2 cells but the header row has 3",
    ),
    case(
        &["analyze", "tests/bad/no-id-or-manager.csv"],
        1,
        "cannot tell which column",
    ),
    case(&["analyze", "tests/bad/empty.csv"], 1, "the file is empty"),
    case(
        &["analyze", "tests/bad/only-bom.csv"],
        1,
        "the file is empty",
    ),
    case(
        &["analyze", "tests/bad/blank-lines.csv"],
        1,
        "the file is empty",
    ),
    case(
        &["analyze", "tests/bad/binary-garbage.csv"],
        1,
        "cannot tell which column",
    ),
    case(
        &["analyze", "tests/bad/nul-bytes.csv"],
        1,
        "no people could be read",
    ),
    case(
        &["analyze", "tests/bad/cycle-by-name.csv"],
        1,
        "go round in a circle",
    ),
    case(
        &["analyze", "tests/bad/manager-unknown-everywhere.csv"],
        0,
        "2 people; 2 managers not in this file",
    ),
    case(
        &["analyze", "tests/bad/excel-unicode-text-le.txt"],
        0,
        "Seán O’Brien",
    ),
    case(
        &["analyze", "tests/bad/excel-unicode-text-be.txt"],
        0,
        "Seán O’Brien",
    ),
    case(
        &["analyze", "tests/bad/utf16-without-bom.csv"],
        0,
        "Seán O’Brien",
    ),
    case(
        &["analyze", "tests/bad/windows-1252.csv"],
        0,
        "Seán O’Brien",
    ),
    case(
        &["analyze", "tests/bad/duplicate-headers.csv"],
        0,
        "2 people",
    ),
    case(&["analyze", "tests/bad/formula-cells.csv"], 0, "2 people"),
    case(
        &["analyze", "tests/bad/control-chars.csv"],
        0,
        "Dana [2J]0;xReyes",
    ),
    // Not team files at all.
    // A Pajek network opens as a graph file: three vertices declared, two labelled.
    case(
        &["analyze", "tests/bad/not-a-team-file.paj"],
        0,
        "3 people; 3 top-level people",
    ),
    case(
        &["analyze", "tests/bad/notes.md"],
        1,
        "this file is none of these",
    ),
    case(
        &["analyze", "tests/bad/no-such-file.json"],
        1,
        "cannot read the file",
    ),
    case(&["analyze", "tests/bad"], 1, "cannot read the file"),
    // Flags: wrong numbers are usage errors, exit 2, before any file is read.
    case(
        &["analyze", SCHOOL, "--high-hhi", "NaN"],
        2,
        "“high_hhi” is not a number",
    ),
    case(
        &["analyze", SCHOOL, "--high-hhi", "inf"],
        2,
        "“high_hhi” is infinite",
    ),
    case(
        &["analyze", SCHOOL, "--wide-span", "0"],
        2,
        "“wide_span” is 0",
    ),
    case(
        &["analyze", SCHOOL, "--single-holder-domains", "0"],
        2,
        "“single_holder_domains” is 0",
    ),
    case(
        &["analyze", SCHOOL, "--extra-layers", "5000"],
        2,
        "“extra_layers” is 5000",
    ),
    case(
        &["analyze", SCHOOL, "--funnel-share", "0"],
        2,
        "not a share between 0 and 1",
    ),
    case(
        &["analyze", SCHOOL, "--funnel-share", "NaN"],
        2,
        "not a share between 0 and 1",
    ),
    case(
        &[
            "export",
            "tests/bad/no-such-file.json",
            "--out",
            "x.png",
            "--scale",
            "NaN",
        ],
        2,
        "pixel density NaN",
    ),
    case(
        &[
            "export",
            "tests/bad/no-such-file.json",
            "--out",
            "x.png",
            "--width",
            "20000",
            "--height",
            "20000",
            "--scale",
            "3",
        ],
        2,
        "3600 million pixels",
    ),
    case(
        &[
            "export",
            "tests/bad/no-such-file.json",
            "--out",
            "x.png",
            "--width",
            "10",
        ],
        2,
        "width must be 320 to 20,000",
    ),
    // Hostile workbooks (made by tests/bad/workbooks/make.py): bounded before they are unpacked,
    // each refusal says why, and what can be read is read.
    case(&["analyze", "tests/bad/workbooks/good.xlsx"], 0, "3 people"),
    case(
        &["analyze", "tests/bad/workbooks/dimension-whole-grid.xlsx"],
        0,
        "3 people",
    ),
    case(
        &["analyze", "tests/bad/workbooks/far-corner.xlsx"],
        0,
        "3 people",
    ),
    case(
        &["analyze", "tests/bad/workbooks/shared-strings-max.xlsx"],
        0,
        "3 people",
    ),
    case(
        &["analyze", "tests/bad/workbooks/shared-strings-1e12.xlsx"],
        0,
        "3 people",
    ),
    case(
        &["analyze", "tests/bad/workbooks/shared-strings-1e9.xlsx"],
        0,
        "3 people",
    ),
    case(
        &["analyze", "tests/bad/workbooks/bad-cell.xlsx"],
        0,
        "3 people",
    ),
    case(
        &["analyze", "tests/bad/workbooks/error-cell.xlsx"],
        0,
        "3 people",
    ),
    case(
        &["analyze", "tests/bad/workbooks/bomb.xlsx"],
        1,
        "342 times",
    ),
    case(
        &["analyze", "tests/bad/workbooks/truncated.xlsx"],
        1,
        "cut short or damaged",
    ),
    case(
        &["analyze", "tests/bad/workbooks/password.xlsx"],
        1,
        "protected by a password",
    ),
    case(
        &["analyze", "tests/bad/workbooks/password-encrypted.xlsx"],
        1,
        "protected by a password",
    ),
    case(
        &["analyze", "tests/bad/workbooks/ods-empty-tail.ods"],
        0,
        "3 people",
    ),
    case(
        &["analyze", "tests/bad/workbooks/ods-repeated-cells.ods"],
        1,
        "Cell limit exceeded",
    ),
    case(
        &["analyze", "tests/bad/workbooks/xls-two-billion-rows.xls"],
        0,
        "31 people",
    ),
    case(
        &["analyze", "tests/bad/workbooks/not-a-workbook.xlsx"],
        1,
        "give it a name ending in .csv",
    ),
];

#[test]
fn every_hostile_input_gets_its_exit_code_and_a_clear_message() {
    let mut failures = Vec::new();
    for c in CASES {
        let out = support::orgflow(c.args);
        let (stdout, stderr) = (support::text(&out.stdout), support::text(&out.stderr));
        let said = if c.code == 0 { &stdout } else { &stderr };
        let file = c.args.get(1).copied().unwrap_or_default();
        let name = file.rsplit('/').next().unwrap_or(file);
        let mut wrong = Vec::new();
        if out.status.code() != Some(c.code) {
            wrong.push(format!(
                "exit code {:?}, expected {}",
                out.status.code(),
                c.code
            ));
        }
        if !said.contains(c.says) {
            wrong.push(format!("does not say “{}”", c.says));
        }
        if c.code == 1 && !stderr.contains(name) {
            wrong.push(format!("the message does not name the file {name}"));
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            wrong.push("panicked".to_owned());
        }
        // Nothing from a file reaches the terminal as a control sequence.
        if (stdout.chars().chain(stderr.chars()))
            .any(|ch| ch == '\u{1b}' || ch == '\u{7}' || ch == '\u{202e}' || ch == '\0')
        {
            wrong.push("prints control characters".to_owned());
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "orgflow {}: {}\n  stdout: {}\n  stderr: {}",
                c.args.join(" "),
                wrong.join("; "),
                stdout.lines().take(3).collect::<Vec<_>>().join(" / "),
                stderr.lines().take(6).collect::<Vec<_>>().join(" / ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_table_names_every_file_of_the_corpus() {
    let named: BTreeSet<&str> = CASES
        .iter()
        .flat_map(|c| c.args.iter().copied())
        .filter_map(|a| a.strip_prefix("tests/bad/"))
        .collect();
    let mut files = BTreeSet::new();
    for entry in std::fs::read_dir("tests/bad").expect("the corpus") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() {
            // A folder of generated files: each file but its generator is a case.
            for inner in std::fs::read_dir(entry.path()).expect("a folder of the corpus") {
                let inner = inner
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned();
                if std::path::Path::new(&inner)
                    .extension()
                    .is_none_or(|e| e != "py")
                {
                    files.insert(format!("{name}/{inner}"));
                }
            }
        } else {
            files.insert(name);
        }
    }
    let missing: Vec<&String> = files
        .iter()
        .filter(|f| !named.contains(f.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "files without an expected outcome: {missing:?}"
    );
    assert!(files.len() >= 60, "the corpus has {} files", files.len());
}
