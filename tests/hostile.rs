//! Hostile input beyond the corpus: CSV bytes of any kind, files whose cost could explode, and
//! the promises of conversion and safe writing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::analyze;
use orgflow::io::{CsvColumns, import_csv, load, parse_json, save, write_atomically};
use orgflow::model::{Decision, DecisionId, Link, Org, Person, PersonId};
use proptest::prelude::*;
use support::orgflow;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever the bytes, the import answers: an org or a list of problems, never a panic, and
    /// never an org without people.
    #[test]
    fn csv_import_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(import) = import_csv(&bytes, "fuzz", &CsvColumns::default()) {
            prop_assert!(!import.org.people.is_empty());
            prop_assert!(orgflow::model::validate(&import.org).is_empty());
        }
    }

    /// Text shaped like a spreadsheet, with quotes, separators and line breaks in odd places.
    #[test]
    fn csv_like_text_never_panics(text in "[a-c,;\"\\t\\r\\n ]{0,200}") {
        let with_header = format!("id,name,manager\n{text}");
        if let Ok(import) = import_csv(with_header.as_bytes(), "fuzz", &CsvColumns::default()) {
            prop_assert!(orgflow::model::validate(&import.org).is_empty());
        }
    }
}

fn person(id: String, manager: Option<String>, team: &str) -> Person {
    Person {
        manager: manager.map(PersonId),
        team: team.to_owned(),
        ..Person::new(&id, &format!("Person {id}"))
    }
}

/// One decision raised by a team of 100,000 named 20,000 times (80 KB of JSON) used to take
/// gigabytes: each name was expanded on its own.
#[test]
fn a_team_named_twenty_thousand_times_raises_once() {
    let mut people = vec![person("top".to_owned(), None, "All")];
    for m in 0..100 {
        people.push(person(format!("m{m}"), Some("top".to_owned()), "All"));
    }
    for i in 0..99_899 {
        people.push(person(
            format!("p{i}"),
            Some(format!("m{}", i % 100)),
            "All",
        ));
    }
    let org = Org {
        name: "Huge team".to_owned(),
        people,
        decisions: vec![Decision {
            id: DecisionId::from("budget"),
            name: "Budget".to_owned(),
            per_month: 10.0,
            raised_by: Some(vec!["All".to_owned(); 20_000]),
            decides: vec![PersonId::from("top")],
            ..Decision::default()
        }],
        ..Org::default()
    };
    assert!(orgflow::model::validate(&org).is_empty());
    let a = analyze(&org);
    assert_eq!(a.people, 100_000);
    // Everybody but the top raises it; all of it reaches the top.
    assert!((a.decisions_per_month - 10.0).abs() < 1e-9);
    assert_eq!(a.readings.hierarchical.top.as_deref(), Some("top"));
}

/// 5,000 people with 400,000 links took minutes of exact betweenness; above the work limit it is
/// estimated from a sample of sources, and the output says so.
#[test]
fn dense_links_are_sampled_and_the_report_says_so() {
    let n = 5_000usize;
    let people: Vec<Person> = (0..n)
        .map(|i| person(format!("p{i}"), (i > 0).then(|| "p0".to_owned()), "T"))
        .collect();
    let mut links = Vec::with_capacity(400_000);
    let mut state = 12_345u64;
    while links.len() < 400_000 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        let a = (state >> 33) as usize % n;
        let b = (state >> 13) as usize % n;
        if a != b {
            links.push(Link {
                from: PersonId(format!("p{a}")),
                to: PersonId(format!("p{b}")),
                kind: "advice".to_owned(),
                weight: 1.0,
                extra: Default::default(),
            });
        }
    }
    let org = Org {
        name: "Dense".to_owned(),
        people,
        links,
        ..Org::default()
    };
    let a = analyze(&org);
    let method = a.betweenness.expect("links were analysed");
    assert!(!method.exact);
    assert_eq!(method.people, n);
    assert!(method.sources >= 16 && method.sources < n, "{method:?}");
    assert!(
        method.sources * (method.people + method.links)
            <= orgflow::analysis::EXACT_BETWEENNESS_WORK
    );
    // Everybody linked has an estimate, and the estimates are shares (0–1).
    assert!(
        a.persons
            .iter()
            .all(|p| p.betweenness.is_some_and(|b| (0.0..=1.0).contains(&b)))
    );
    let report = orgflow::analysis::text_report(&a);
    assert!(
        report.contains("estimated from") && report.contains("of its 5,000 people"),
        "{report}"
    );
}

/// On a small network the sampled estimate and the exact figure agree when every person is a
/// source: the sampling code computes the same betweenness as rustworkx-core.
#[test]
fn exact_betweenness_of_a_path_is_the_textbook_value() {
    // a - b - c - d: b and c each lie on 2 of the 3 pairs that do not include them.
    let people: Vec<Person> = ["a", "b", "c", "d"]
        .iter()
        .map(|id| person((*id).to_owned(), None, ""))
        .collect();
    let link = |from: &str, to: &str| Link {
        from: PersonId::from(from),
        to: PersonId::from(to),
        kind: "advice".to_owned(),
        weight: 1.0,
        extra: Default::default(),
    };
    let org = Org {
        people,
        links: vec![link("a", "b"), link("b", "c"), link("c", "d")],
        ..Org::default()
    };
    let a = analyze(&org);
    let b: Vec<f64> = a
        .persons
        .iter()
        .map(|p| p.betweenness.unwrap_or(-1.0))
        .collect();
    assert!(a.betweenness.is_some_and(|m| m.exact));
    // Directed a → b → c → d: b lies on a→c and a→d, c on a→d and b→d, of the 4 × 3
    // ordered pairs; normalised by (4 − 1)(4 − 2) = 6: 2/6 each.
    for (got, want) in b.iter().zip([0.0, 1.0 / 3.0, 1.0 / 3.0, 0.0]) {
        assert!((got - want).abs() < 1e-9, "{b:?}");
    }
}

/// Columns named like a field a person already has, and repeated headers, keep every value under
/// a name of their own: the team file never has the same key twice.
#[test]
fn convert_never_writes_duplicate_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("team.json");
    let run = orgflow(&[
        "convert",
        "tests/bad/duplicate-headers.csv",
        out.to_str().expect("path"),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("written");
    // Each person object: no key twice.
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let dana = &value["people"][0];
    assert_eq!(dana["title"], "Principal");
    assert_eq!(dana["title (column 3)"], "ignored");
    assert_eq!(dana["Notes"], "first");
    assert_eq!(dana["Notes (column 7)"], "second");
    assert_eq!(dana["column (column 8)"], "third");
    for line_keys in text.split('{').skip(1) {
        let keys: Vec<&str> = line_keys
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.split('"').next())
            .collect();
        let unique: std::collections::BTreeSet<&&str> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
    }
    let org = parse_json(text.as_bytes()).expect("loads again");
    assert_eq!(org.people.len(), 2);
}

#[test]
fn converting_to_csv_says_what_a_csv_cannot_keep_and_keeps_extra_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("people.csv");
    let run = orgflow(&[
        "convert",
        "assets/examples/riverside-traditional.json",
        out.to_str().expect("path"),
    ]);
    assert_eq!(run.status.code(), Some(0));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("will not keep 14 decision domains and their rights"),
        "{said}"
    );
    assert!(said.contains("the mission"), "{said}");

    // CSV → CSV keeps the columns orgflow does not use.
    let again = dir.path().join("again.csv");
    let run = orgflow(&[
        "convert",
        "tests/bad/duplicate-headers.csv",
        again.to_str().expect("path"),
    ]);
    assert_eq!(run.status.code(), Some(0));
    let text = std::fs::read_to_string(&again).expect("written");
    let header = text.lines().next().expect("a header");
    assert!(header.contains("Notes (column 7)"), "{header}");
    assert!(text.contains("second"), "{text}");
    let back = load(&again, &CsvColumns::default()).expect("loads");
    assert_eq!(back.org.people[0].extra["Notes (column 7)"], "second");
}

#[cfg(unix)]
#[test]
fn saving_keeps_permissions_and_never_writes_through_a_planted_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("team.json");
    let org =
        parse_json(&std::fs::read("assets/examples/riverside-traditional.json").expect("example"))
            .expect("valid");
    save(&org, &path).expect("saves");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");

    // Links planted where a predictable temporary file would go, pointing at a victim.
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "untouched").expect("victim");
    for name in [
        format!(".team.json.{}.tmp", std::process::id()),
        ".team.json.tmp".to_owned(),
        "team.json.tmp".to_owned(),
    ] {
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).expect("link");
    }
    save(&org, &path).expect("saves again");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "untouched"
    );
    let mode = std::fs::metadata(&path)
        .expect("saved")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(
        parse_json(&std::fs::read(&path).expect("saved")).expect("valid"),
        org
    );
    // No temporary file is left behind.
    let leftovers = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .filter(|e| !e.path().is_symlink())
        .count();
    assert_eq!(leftovers, 0);
    // A failed write leaves the old file as it was.
    let blocked = dir.path().join("missing-folder").join("team.json");
    assert!(write_atomically(&blocked, b"x").is_err());
}
