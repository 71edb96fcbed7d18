//! The native file format: round trips, unknown fields, and every validation problem.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::io::{CsvColumns, LoadError, load, parse_json, save, to_json};
use std::path::Path;

fn problems_of(file: &str) -> (String, Vec<(String, String)>) {
    let path = Path::new("tests/bad").join(file);
    match load(&path, &CsvColumns::default()) {
        Ok(_) => panic!("{file} loaded, but it is broken"),
        Err(e) => {
            let text = e.to_string();
            let LoadError::Invalid { problems, .. } = e else {
                panic!("{file}: expected a list of problems, got {text}");
            };
            let list = problems.into_iter().map(|p| (p.place, p.message)).collect();
            (text, list)
        }
    }
}

/// Asserts one problem has a place containing `place` and a message containing each fragment.
fn has(problems: &[(String, String)], place: &str, fragments: &[&str]) {
    assert!(
        problems
            .iter()
            .any(|(p, m)| p.contains(place) && fragments.iter().all(|f| m.contains(f))),
        "no problem at “{place}” saying {fragments:?} in {problems:#?}"
    );
}

#[test]
fn syntax_errors_give_line_and_column() {
    let (_, p) = problems_of("syntax-error.json");
    assert_eq!(p.len(), 1);
    has(&p, "line 4, column 3", &["JSON is broken"]);
}

#[test]
fn a_truncated_file_says_it_ends_too_early() {
    let (_, p) = problems_of("truncated.json");
    has(&p, "line", &["ends too early"]);
}

#[test]
fn a_file_without_the_version_is_not_a_team_file() {
    let (_, p) = problems_of("not-orgflow.json");
    has(&p, "top of the file", &["not an orgflow team file"]);
}

#[test]
fn a_newer_format_asks_for_an_update() {
    let (_, p) = problems_of("newer-version.json");
    has(&p, "top of the file", &["newer orgflow", "format 2"]);
}

#[test]
fn unknown_manager() {
    let (_, p) = problems_of("unknown-manager.json");
    has(
        &p,
        "person “sam” (entry 2",
        &["Sam Lee reports to “bob”", "nobody"],
    );
}

#[test]
fn a_reporting_cycle_names_everyone_in_it() {
    let (_, p) = problems_of("cycle.json");
    assert_eq!(p.len(), 1, "{p:?}");
    has(
        &p,
        "person “ann”",
        &[
            "circle",
            "Ann Archer (ann) reports to Cy Cole (cy) reports to Bo Brandt (bo) reports to Ann Archer (ann)",
        ],
    );
}

#[test]
fn duplicate_ids() {
    let (_, p) = problems_of("duplicate-ids.json");
    has(&p, "person “sam” (entry 3", &["already used by entry 2"]);
    has(
        &p,
        "decision “budget” (entry 2",
        &["already used by entry 1"],
    );
}

#[test]
fn a_person_who_manages_themself() {
    let (_, p) = problems_of("self-manager.json");
    has(
        &p,
        "person “dana”",
        &["Dana Reyes is listed as their own manager"],
    );
}

#[test]
fn unknown_people_and_teams_in_a_decision() {
    let (_, p) = problems_of("unknown-in-decision.json");
    has(&p, "decision “budget”", &["“decides” names “zed”"]);
    has(&p, "decision “budget”", &["“approves” names “yan”"]);
    has(&p, "decision “budget”", &["“consulted” names “xi”"]);
    has(
        &p,
        "decision “budget”",
        &["“raised_by” names “Year 9”", "neither a team nor a person"],
    );
}

#[test]
fn missing_ids_and_names() {
    let (_, p) = problems_of("missing-fields.json");
    has(&p, "person 1 in “people”", &["has no id"]);
    has(&p, "person “noname”", &["has no name"]);
    has(&p, "decision 1 in “decisions”", &["has no id"]);
    has(&p, "decision “noname”", &["has no name"]);
    // An open position may go without a name.
    assert!(
        !p.iter().any(|(place, _)| place.contains("“open”")),
        "{p:?}"
    );
}

#[test]
fn a_negative_rate() {
    let (_, p) = problems_of("bad-rate.json");
    has(&p, "decision “budget”", &["“per_month” is -4"]);
}

#[test]
fn a_value_of_the_wrong_type_gives_its_line() {
    let (_, p) = problems_of("wrong-type.json");
    has(&p, "line 4", &["wrong form"]);
}

#[test]
fn bad_links() {
    let (_, p) = problems_of("bad-links.json");
    has(&p, "link 1", &["“to” is “ghost”"]);
    has(&p, "link 2", &["links “dana” to themself"]);
    has(&p, "link 3", &["“weight” is -1"]);
}

#[test]
fn bad_thresholds() {
    let (_, p) = problems_of("bad-thresholds.json");
    has(&p, "thresholds", &["“funnel_share” is 30"]);
    has(
        &p,
        "thresholds",
        &["“target_span” is 1, but it must be from 2 to 1,000"],
    );
    has(&p, "thresholds", &["“high_hhi” is 0"]);
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let (text, p) = problems_of("many-problems.json");
    has(&p, "person “c” (entry 3", &["reports to “ghost”"]);
    has(&p, "person “c” (entry 4", &["already used"]);
    has(&p, "person “a”", &["circle"]);
    has(&p, "decision “d”", &["“decides” names “nobody”"]);
    assert_eq!(p.len(), 4, "{p:#?}");
    assert_eq!(text.lines().count(), 5, "{text}");
}

#[test]
fn the_examples_load_and_survive_a_round_trip() {
    for entry in std::fs::read_dir("assets/examples").expect("examples") {
        let path = entry.expect("entry").path();
        // The HR export and the RACI sheet are the "your own org" walk-through's inputs.
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let org = load(&path, &CsvColumns::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .org;
        assert!(
            !org.decisions.is_empty(),
            "{} has decisions",
            path.display()
        );
        let again = parse_json(to_json(&org).as_bytes()).expect("saved text loads");
        assert_eq!(again, org);
        assert_eq!(to_json(&again), to_json(&org));
    }
}

#[test]
fn unknown_fields_are_kept_on_save() {
    let text = r#"{"orgflow": 1, "name": "Extras", "colour": "teal",
      "people": [{"id": "a", "name": "A", "pronouns": "she/her", "start": {"year": 2020}},
                 {"id": "b", "name": "B", "manager": "a"}],
      "decisions": [{"id": "d", "name": "D", "decides": ["a"], "rapid": "D"}],
      "links": [{"from": "b", "to": "a", "since": 2019}]}"#;
    let org = parse_json(text.as_bytes()).expect("valid");
    let saved = to_json(&org);
    for kept in [
        r#""colour": "teal""#,
        r#""pronouns": "she/her""#,
        r#""year": 2020"#,
        r#""rapid": "D""#,
        r#""since": 2019"#,
    ] {
        assert!(saved.contains(kept), "{kept} missing from {saved}");
    }
    assert_eq!(parse_json(saved.as_bytes()).expect("valid"), org);
}

#[test]
fn the_issue_example_loads_with_its_defaults() {
    let text = r#"{
      "orgflow": 1,
      "name": "Riverside Primary",
      "mission": "Every child reads by seven",
      "people": [
        {"id": "dana", "name": "Dana Reyes", "title": "Principal", "team": "Leadership"},
        {"id": "sam", "name": "Sam Lee", "title": "Year 3 teacher", "team": "Year 3",
         "manager": "dana", "skills": ["literacy"]}
      ],
      "decisions": [
        {"id": "budget", "name": "Budget allocation", "per_month": 4,
         "raised_by": ["Year 3"], "decides": ["dana"], "approves": [], "consulted": ["sam"]}
      ],
      "links": [{"from": "sam", "to": "dana", "kind": "advice", "weight": 1}]
    }"#;
    let org = parse_json(text.as_bytes()).expect("valid");
    assert_eq!(
        org.people[1]
            .manager
            .as_ref()
            .map(orgflow::model::PersonId::as_str),
        Some("dana")
    );
    assert_eq!(org.decisions[0].per_month, 4.0);
    assert_eq!(org.links[0].kind, "advice");
    let minimal = parse_json(br#"{"orgflow": 1, "people": [{"id": "x", "name": "X", "manager": null}], "decisions": [{"id": "d", "name": "D"}]}"#)
        .expect("valid");
    assert_eq!(minimal.people[0].manager, None);
    assert_eq!(minimal.decisions[0].per_month, 1.0);
    assert_eq!(minimal.decisions[0].raised_by, None);
}

#[test]
fn saving_is_atomic_and_a_failed_save_leaves_the_old_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("team.json");
    let org =
        parse_json(br#"{"orgflow": 1, "name": "Saved", "people": [{"id": "a", "name": "A"}]}"#)
            .expect("valid");
    save(&org, &path).expect("saves");
    let before = std::fs::read(&path).expect("written");
    assert_eq!(parse_json(&before).expect("loads"), org);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);

    // A save that cannot be completed (here: a folder is in the way of the rename) fails with
    // the file named, and leaves what was there as it was.
    let in_the_way = dir.path().join("folder.json");
    std::fs::create_dir(&in_the_way).expect("folder");
    std::fs::write(in_the_way.join("inside.txt"), "kept").expect("inside");
    let err = save(&org, &in_the_way).expect_err("cannot write");
    assert!(
        err.to_string().contains("folder.json: could not save"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(in_the_way.join("inside.txt")).expect("still there"),
        "kept"
    );
    assert_eq!(std::fs::read(&path).expect("still there"), before);
    let temporary = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        })
        .count();
    assert_eq!(temporary, 0, "the temporary file was cleaned up");
}

#[test]
fn a_file_of_another_kind_is_refused_by_name() {
    let err = orgflow::io::load_bytes(
        Path::new("network.dot"),
        b"digraph { a -> b }",
        &CsvColumns::default(),
    )
    .expect_err("not a team file");
    assert!(err.to_string().contains("network.dot"), "{err}");
    // A Pajek network is a graph file now: `*Vertices 3` alone is three people.
    let pajek = orgflow::io::load_bytes(
        Path::new("network.paj"),
        b"*Vertices 3",
        &CsvColumns::default(),
    )
    .expect("a Pajek network");
    assert_eq!(pajek.org.people.len(), 3);
    assert!(err.to_string().contains("none of these"), "{err}");
    let missing = load(
        Path::new("tests/bad/no-such-file.json"),
        &CsvColumns::default(),
    )
    .expect_err("missing");
    assert!(
        missing
            .to_string()
            .contains("no-such-file.json: cannot read the file"),
        "{missing}"
    );
}
