//! HR and government CSV exports: column detection, roots, forests, and every row problem.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::io::{CsvColumns, import_csv, load, load_bytes, write_csv};
use orgflow::model::Org;
use std::path::Path;

fn import(file: &str) -> (Org, Vec<(String, String)>) {
    let loaded = load(&Path::new("tests/csv").join(file), &CsvColumns::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let problems = loaded
        .import_problems
        .into_iter()
        .map(|p| (p.place, p.message))
        .collect();
    (loaded.org, problems)
}

fn manager_of<'a>(org: &'a Org, id: &str) -> Option<&'a str> {
    org.person(id)
        .unwrap_or_else(|| panic!("{id} imported"))
        .manager
        .as_ref()
        .map(orgflow::model::PersonId::as_str)
}

#[test]
fn an_hr_export_with_bom_crlf_and_quoted_commas() {
    let (org, problems) = import("hr-export.csv");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(org.name, "hr-export");
    assert_eq!(org.people.len(), 3);
    let sam = org.person("E2").expect("E2");
    // Written "Lee, Sam": shown first name first, the name as written kept.
    assert_eq!(sam.name, "Sam Lee");
    assert_eq!(sam.extra["name_as_written"], "Lee, Sam");
    assert_eq!(sam.title, "Teacher, Year 3");
    assert_eq!(sam.team, "Year 3");
    assert_eq!(manager_of(&org, "E2"), Some("E1"));
    assert_eq!(manager_of(&org, "E1"), None);
    assert_eq!(
        org.people[0].id.as_str(),
        "E1",
        "the BOM is not part of the first id"
    );
}

#[test]
fn a_uk_organogram_with_xx_roots_nd_names_vacancies_and_job_shares() {
    let (org, problems) = import("organogram.csv");
    assert_eq!(org.people.len(), 5);
    assert_eq!(manager_of(&org, "1"), None);
    assert_eq!(manager_of(&org, "CO57"), None, "a second root: a forest");
    assert_eq!(manager_of(&org, "3"), Some("2"));
    assert_eq!(org.person("2").expect("2").name, "N/D");
    let vacant = org.person("3").expect("3");
    assert!(vacant.vacant);
    assert_eq!(vacant.name, "Deputy Director Audit");
    assert_eq!(org.person("1").expect("1").title, "Permanent Secretary");
    assert_eq!(org.person("1").expect("1").team, "Corporate");
    // Columns orgflow does not use are kept.
    assert_eq!(
        org.person("1")
            .expect("1")
            .extra
            .get("Grade (or equivalent)"),
        Some(&serde_json::Value::from("SCS4"))
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "row 6");
    assert!(
        problems[0].1.contains("“4” was already used on row 5"),
        "{problems:?}"
    );
}

#[test]
fn row_problems_are_listed_and_the_rest_loads() {
    let (org, problems) = import("problems.csv");
    let ids: Vec<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    // Bo's manager “ghost” is not in the file: a placeholder keeps the id as written.
    assert_eq!(ids, ["m", "a", "b", "d", "ghost"]);
    let ghost = org.person("ghost").expect("a placeholder");
    assert!(ghost.external);
    assert_eq!(ghost.title, "Not in this file");
    assert_eq!(
        org.person("a").expect("a").name,
        "Ann Archer",
        "the first row wins"
    );
    assert_eq!(
        manager_of(&org, "b"),
        Some("ghost"),
        "unknown manager: under their placeholder"
    );
    let expect = [
        ("row 4", "“a” was already used on row 3"),
        (
            "row 5",
            "Bo Brandt reports to “ghost”, who is not in this file",
        ),
        ("row 6", "has 6 cells but the header row has 5"),
        ("row 7", "has no id"),
    ];
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
    for ((place, message), (want_place, want)) in problems.iter().zip(expect) {
        assert_eq!(place, want_place);
        assert!(message.contains(want), "{message}");
    }
}

#[test]
fn a_reporting_cycle_stops_the_import_and_names_the_people() {
    let err = load(Path::new("tests/csv/cycle.csv"), &CsvColumns::default()).expect_err("cycle");
    let text = err.to_string();
    assert!(text.contains("cycle.csv"), "{text}");
    assert!(text.contains("row 3"), "{text}");
    assert!(
        text.contains("Ann Archer (a) reports to Cy Cole (c) reports to Bo Brandt (b)"),
        "{text}"
    );
}

#[test]
fn semicolons_and_people_who_are_their_own_manager() {
    let (org, problems) = import("semicolon-forest.csv");
    assert!(problems.is_empty(), "{problems:?}");
    let notes = orgflow::io::load(
        Path::new("tests/csv/semicolon-forest.csv"),
        &CsvColumns::default(),
    )
    .expect("loads")
    .notes;
    assert!(
        notes.contains(
            &"2 rows name themselves as their own manager, read as top-level: 86 (row 2), 200 (row 5)"
                .to_owned()
        ),
        "{notes:?}"
    );
    assert_eq!(manager_of(&org, "86"), None);
    assert_eq!(manager_of(&org, "200"), None);
    assert_eq!(manager_of(&org, "144"), Some("19"));
    assert_eq!(org.person("19").expect("19").team, "Sales");
    assert_eq!(orgflow::analysis::analyze(&org).roots, ["86", "200"]);
}

#[test]
fn managers_named_by_name_and_split_name_columns() {
    let (org, problems) = import("manager-names.csv");
    assert!(problems.is_empty(), "{problems:?}");
    // Without an id column, ids come from the row numbers.
    assert_eq!(org.people[0].id.as_str(), "row-2");
    assert_eq!(org.people[0].name, "Dana Reyes");
    assert_eq!(org.people[1].title, "Teacher");
    assert_eq!(manager_of(&org, "row-3"), Some("row-2"));
    assert_eq!(
        manager_of(&org, "row-4"),
        Some("row-2"),
        "names match whatever the case"
    );
}

#[test]
fn unrecognised_headers_ask_for_the_column_flags() {
    let path = Path::new("tests/csv/custom-headers.csv");
    let err = load(path, &CsvColumns::default()).expect_err("no id column");
    let text = err.to_string();
    assert!(text.contains("custom-headers.csv"), "{text}");
    assert!(text.contains("Badge, Who, Boss, Crew"), "{text}");
    assert!(text.contains("--id-column"), "{text}");

    let columns = CsvColumns {
        id: Some("badge".to_owned()),
        name: Some("Who".to_owned()),
        manager: Some("BOSS".to_owned()),
        team: Some("Crew".to_owned()),
        ..CsvColumns::default()
    };
    let org = load(path, &columns).expect("loads with flags").org;
    assert_eq!(manager_of(&org, "2"), Some("1"));
    assert_eq!(org.person("2").expect("2").team, "Year 3");

    let wrong = CsvColumns {
        id: Some("Number".to_owned()),
        ..CsvColumns::default()
    };
    let text = load(path, &wrong).expect_err("no such column").to_string();
    assert!(
        text.contains("there is no column “Number” for the ids"),
        "{text}"
    );
}

#[test]
fn windows_1252_text_is_read() {
    let bytes = b"id,name,manager\n1,Ren\xe9e Fa\xefd,\n2,J\xfcrgen,1\n";
    let org = import_csv(bytes, "latin", &CsvColumns::default())
        .expect("imports")
        .org;
    assert_eq!(org.people[0].name, "Renée Faïd");
    assert_eq!(org.people[1].name, "Jürgen");
}

#[test]
fn empty_and_header_only_files() {
    let err = load_bytes(Path::new("empty.csv"), b"", &CsvColumns::default()).expect_err("empty");
    assert!(err.to_string().contains("empty.csv"), "{err}");
    assert!(err.to_string().contains("the file is empty"), "{err}");
    // A header alone yields nobody: that is never reported as a success.
    let err = load_bytes(
        Path::new("header.csv"),
        b"id,name,manager\n",
        &CsvColumns::default(),
    )
    .expect_err("no people");
    assert!(err.to_string().contains("header.csv"), "{err}");
    assert!(err.to_string().contains("no people could be read"), "{err}");
}

#[test]
fn export_neutralises_formulas_and_imports_back_the_same() {
    let org = orgflow::io::parse_json(
        r#"{"orgflow": 1, "name": "Formulas", "people": [
          {"id": "=1+1", "name": "@SUM(A1)", "title": "+44 20", "team": "-Ops"},
          {"id": "b", "name": "Lee, \"Sam\"", "manager": "=1+1", "vacant": true, "skills": ["a", "b"]}]}"#
            .as_bytes(),
    )
    .expect("valid");
    let csv = String::from_utf8(write_csv(&org)).expect("utf-8");
    assert!(csv.contains("'=1+1,'@SUM(A1),'+44 20,'-Ops"), "{csv}");
    assert!(csv.contains("\"Lee, \"\"Sam\"\"\""), "{csv}");
    let back = import_csv(csv.as_bytes(), "Formulas", &CsvColumns::default()).expect("imports");
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    let (a, b) = (&org.people, &back.org.people);
    for (x, y) in a.iter().zip(b) {
        assert_eq!(
            (&x.id, &x.name, &x.title, &x.team),
            (&y.id, &y.name, &y.title, &y.team)
        );
        assert_eq!(x.manager, y.manager);
        assert_eq!((x.vacant, &x.skills), (y.vacant, &y.skills));
    }
}

/// `name` beside `lastName` holds first names; `positionName` is the title and
/// `department_name` the team.
#[test]
fn first_and_last_names_titles_and_teams_in_their_usual_spellings() {
    let (org, problems) = import("name-columns.csv");
    assert!(problems.is_empty(), "{problems:?}");
    let ben = org.person("2").expect("2");
    assert_eq!(ben.name, "Ben Osei");
    assert_eq!(ben.title, "Head of Sales");
    assert_eq!(ben.team, "Sales");
    assert_eq!(manager_of(&org, "3"), Some("2"));
}

/// "King, Janet" is shown as "Janet King", the name as written kept; a family name of two
/// words turns too, and a suffix after the comma is left as it is.
#[test]
fn last_first_names_are_shown_first_name_first_and_kept_as_written() {
    let loaded = orgflow::io::load(
        Path::new("tests/csv/last-first.csv"),
        &CsvColumns::default(),
    )
    .expect("loads");
    let org = &loaded.org;
    let name = |id: &str| org.person(id).expect("person").name.clone();
    assert_eq!(name("10"), "Janet King");
    assert_eq!(name("11"), "Ben K Osei");
    assert_eq!(name("12"), "Martin Luther King");
    assert_eq!(name("13"), "Smith, Jr.");
    assert_eq!(
        org.person("10").expect("10").extra["name_as_written"],
        "King, Janet"
    );
    assert_eq!(org.person("11").expect("11").team, "CC-200 Sales");
    assert_eq!(org.person("11").expect("11").title, "Head of Sales");
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.starts_with("3 names written “Last, First” shown first name first")),
        "{:?}",
        loaded.notes
    );
}

/// A date column holding several snapshots: the latest is read, and the note says how many,
/// their range and how to read another; `--as-of` picks one, and a date the file lacks is an
/// error listing those it has. Ids that differ only by case between snapshots ("PS1", "ps1")
/// are one id when only one has that spelling.
#[test]
fn a_file_of_several_snapshots_opens_the_latest_and_says_so() {
    let path = Path::new("tests/csv/snapshots.csv");
    let loaded = load(path, &CsvColumns::default()).expect("loads");
    let ids: Vec<&str> = loaded.org.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["ps1", "D1", "D3", "DD1"]);
    assert_eq!(
        loaded.notes[0],
        "2 snapshots in the column “Date”, 2015-03-31 to 2016-09-30; showing 2016-09-30, the latest; --as-of DATE for another (4 of 7 rows)"
    );
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n
                .starts_with("2 manager cells matched an id only without case (“PS1” as “ps1”)")),
        "{:?}",
        loaded.notes
    );
    // One top post, as the organogram has: "PS1" and "d1" name ps1 and D1.
    assert_eq!(orgflow::analysis::analyze(&loaded.org).roots, ["ps1"]);
    assert_eq!(manager_of(&loaded.org, "DD1"), Some("D1"));

    let earlier = CsvColumns {
        as_of: Some("31/03/2015".to_owned()),
        ..CsvColumns::default()
    };
    let loaded = load(path, &earlier).expect("loads");
    assert_eq!(loaded.org.people.len(), 3);
    let missing = CsvColumns {
        as_of: Some("2015-03-30".to_owned()),
        ..CsvColumns::default()
    };
    let err = load(path, &missing).expect_err("no such snapshot");
    assert!(
        err.to_string().contains(
            "--as-of: there is no snapshot dated “2015-03-30” in the column “Date”; it has 2: 2015-03-31, 2016-09-30"
        ),
        "{err}"
    );
    // A date on every row (hired on) is about each person, not a snapshot: all rows load.
    let (org, _) = import("dated-rows.csv");
    assert_eq!(org.people.len(), 4);
}

/// A hierarchy held as paths or level columns, with no manager column: a `hierarchyid`
/// (`/1/1/` under `/1/`, the root `/`), a dotted path of ids, a chain of names ending with the
/// person, and level columns holding the chain above the person. Each says how it was read.
#[test]
fn hierarchy_paths_and_level_columns_give_the_reporting_lines() {
    let loaded = load(
        Path::new("tests/csv/hierarchyid.csv"),
        &CsvColumns::default(),
    )
    .expect("loads");
    let org = &loaded.org;
    let id_of = |name: &str| {
        org.people
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.id.0.clone())
            .expect("person")
    };
    let manager_name = |name: &str| {
        let id = id_of(name);
        let m = manager_of(org, &id)?;
        org.person(m).map(|p| p.name.clone())
    };
    assert_eq!(manager_name("Ken Sánchez"), None);
    assert_eq!(manager_name("Terri Duffy").as_deref(), Some("Ken Sánchez"));
    assert_eq!(
        manager_name("Gail Erickson").as_deref(),
        Some("Roberto Tamburello")
    );
    assert_eq!(
        manager_name("Kevin Brown").as_deref(),
        Some("David Bradley")
    );
    assert!(
        loaded.notes.iter().any(|n| n.starts_with(
            "no manager column: the reporting lines are read from the hierarchy path in the column “OrgNode”, each path a place of its own"
        )),
        "{:?}",
        loaded.notes
    );

    let (org, _) = import("dotted-path.csv");
    assert_eq!(manager_of(&org, "3"), Some("2"));
    assert_eq!(manager_of(&org, "4"), Some("1"));
    assert_eq!(manager_of(&org, "1"), None);

    let (org, _) = import("path-names.csv");
    let cy = org
        .people
        .iter()
        .find(|p| p.name == "Cy Three")
        .expect("Cy");
    let ben = org
        .people
        .iter()
        .find(|p| p.name == "Ben Two")
        .expect("Ben");
    assert_eq!(cy.manager.as_ref(), Some(&ben.id));

    let loaded = load(Path::new("tests/csv/levels.csv"), &CsvColumns::default()).expect("loads");
    assert_eq!(manager_of(&loaded.org, "5"), Some("3"));
    assert_eq!(manager_of(&loaded.org, "3"), Some("2"));
    assert_eq!(manager_of(&loaded.org, "4"), Some("1"));
    assert!(
        loaded.notes.iter().any(|n| n.contains(
            "the level columns “Level 1” to “Level 3”, each path the chain above the person, their manager last: 4 of 5"
        )),
        "{:?}",
        loaded.notes
    );
}

/// A manager column that names nobody in the file is read as managers outside it, and a note
/// says what to do if it holds something else; a file with no such column at all loads flat,
/// and says so. Never a flat org in silence.
#[test]
fn no_usable_manager_column_is_said_never_silent() {
    let loaded = load(
        Path::new("tests/csv/unusable-manager.csv"),
        &CsvColumns::default(),
    )
    .expect("loads");
    assert!(
        loaded.notes.iter().any(|n| n.starts_with(
            "no manager in the column “Manager” is anybody in this file: each is shown as a placeholder"
        )),
        "{:?}",
        loaded.notes
    );
    assert_eq!(loaded.import_problems.len(), 3);
    let loaded = load(Path::new("tests/csv/flat.csv"), &CsvColumns::default()).expect("loads");
    assert!(loaded.org.people.iter().all(|p| p.manager.is_none()));
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.starts_with("no column says who reports to whom")),
        "{:?}",
        loaded.notes
    );
}

/// A handbook's `team.yml`: people keyed by slug under `team`, `reports_to` naming a role
/// slug (read as the one person in that role), a field holding a map left out and said; a
/// list under `people` with first and last names; broken YAML placed on its line.
#[test]
fn yaml_team_files_read_like_an_export() {
    let loaded = load(Path::new("tests/yaml/team.yml"), &CsvColumns::default()).expect("loads");
    let org = &loaded.org;
    let ids: Vec<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["ana-costa", "ben-osei", "cy-lima", "di-four", "ed-five"]
    );
    assert_eq!(manager_of(org, "ben-osei"), Some("ana-costa"));
    assert_eq!(manager_of(org, "di-four"), Some("cy-lima"));
    assert_eq!(manager_of(org, "ed-five"), Some("cy-lima"));
    assert_eq!(
        org.person("cy-lima").unwrap().title,
        "Engineering Manager, Plan"
    );
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains("3 “reports_to” values named a role (“role_slug”) rather than a person"),
        "{notes}"
    );
    assert!(
        notes.contains("1 field holding a map of its own left out"),
        "{notes}"
    );

    let loaded = load(
        Path::new("tests/yaml/people-list.yaml"),
        &CsvColumns::default(),
    )
    .expect("loads");
    let ben = loaded.org.person("2").expect("2");
    assert_eq!(ben.name, "Ben Osei");
    assert_eq!(ben.title, "Director of Sales");
    assert_eq!(ben.manager.as_ref().map(|m| m.as_str()), Some("1"));

    let err =
        load(Path::new("tests/yaml/broken.yml"), &CsvColumns::default()).expect_err("broken YAML");
    assert!(
        err.to_string().contains("broken.yml")
            && err
                .to_string()
                .contains("line 4, column 1: this is not valid YAML"),
        "{err}"
    );
}

/// Dotted-line managers from a "Dotted Line Manager" column, by id or name, several separated
/// by ";"; one that is nobody in the file is listed; they survive a CSV round trip, and
/// deleting a dotted-line manager takes their dotted lines with them (undo brings them back).
#[test]
fn dotted_line_managers_are_read_kept_and_follow_a_deletion() {
    let loaded = load(Path::new("tests/csv/dotted.csv"), &CsvColumns::default()).expect("loads");
    let org = loaded.org;
    let dotted = |o: &Org, id: &str| -> Vec<String> {
        o.person(id)
            .expect("person")
            .dotted_managers
            .iter()
            .map(|m| m.0.clone())
            .collect()
    };
    assert_eq!(dotted(&org, "4"), ["3"]);
    assert_eq!(dotted(&org, "5"), ["3", "1"]);
    assert_eq!(manager_of(&org, "5"), Some("2"));
    let problems: Vec<String> = loaded
        .import_problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        ["row 7: Flo Six's dotted-line manager “Nobody Here” is not in this file; left out"]
    );
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.starts_with("2 people with dotted-line managers (3 dotted lines)")),
        "{:?}",
        loaded.notes
    );
    let csv = orgflow::io::write_csv(&org);
    let again = orgflow::io::import_csv(&csv, "again", &CsvColumns::default())
        .expect("reads back")
        .org;
    assert_eq!(dotted(&again, "5"), ["3", "1"]);
    let a = orgflow::analysis::analyze(&org);
    assert_eq!(a.persons[2].dotted_reports, 2);

    let mut edited = org.clone();
    let mut history = orgflow::edit::History::default();
    let (command, _) = orgflow::edit::delete_person(&edited, &orgflow::model::PersonId::from("3"))
        .expect("deletable");
    history.apply(&mut edited, command).expect("applies");
    assert!(dotted(&edited, "4").is_empty());
    assert_eq!(dotted(&edited, "5"), ["1"]);
    history.undo(&mut edited);
    assert_eq!(edited, org);
}

/// More people on one person's dotted line than a span may hold is a finding.
#[test]
fn a_wide_dotted_span_is_a_finding() {
    let mut people = vec![orgflow::model::Person::new("boss", "Bo Boss")];
    people.push(orgflow::model::Person::new("matrix", "Mia Matrix"));
    for k in 0..11 {
        let mut p = orgflow::model::Person::new(&format!("p{k}"), &format!("Person {k}"));
        p.manager = Some("boss".into());
        p.dotted_managers = vec!["matrix".into()];
        people.push(p);
    }
    let org = Org {
        people,
        ..Org::default()
    };
    assert!(orgflow::model::validate(&org).is_empty());
    let a = orgflow::analysis::analyze(&org);
    let f = a
        .findings
        .iter()
        .find(|f| f.kind == orgflow::analysis::FindingKind::WideDottedSpan)
        .expect("a finding");
    assert!(
        f.message
            .starts_with("Mia Matrix is the dotted-line manager of 11 people (more than 10)"),
        "{}",
        f.message
    );
}

/// The org is named after the organisation a column names, when every row that fills it says
/// the same ("Company", "Organisation", "Parent Department"), and the import says so; with two
/// companies in the column, or none, the file's name stays. The real DfT organogram is named
/// "Department for Transport" from its "Organisation" column.
#[test]
fn an_org_is_named_after_the_organisation_its_rows_name() {
    let one = b"Employee ID,Name,Manager ID,Company\nE1,Ada Brooks,,Acme Ltd\nE2,Ben Cole,E1,Acme Ltd\nE3,Cleo Day,E1,\n";
    let import = import_csv(one, "people", &CsvColumns::default()).expect("reads");
    assert_eq!(import.org.name, "Acme Ltd");
    assert!(
        import.notes.iter().any(|n| n
            == "named “Acme Ltd” after the column “Company”, which every row that fills it says"),
        "{:?}",
        import.notes
    );
    let two =
        b"Employee ID,Name,Manager ID,Company\nE1,Ada Brooks,,Acme Ltd\nE2,Ben Cole,E1,Acme GmbH\n";
    let import = import_csv(two, "people", &CsvColumns::default()).expect("reads");
    assert_eq!(import.org.name, "people");
    assert!(!import.notes.iter().any(|n| n.starts_with("named ")));
    let dft = Path::new(
        "../shared/datasets/uk_organogram_2011_09/published/department_for_transport-2011-09-30-senior.csv",
    );
    if dft.exists() {
        let loaded = load(dft, &CsvColumns::default()).expect("the organogram");
        assert_eq!(loaded.org.name, "Department for Transport");
    } else {
        eprintln!("skipped: {} is not here", dft.display());
    }
}
