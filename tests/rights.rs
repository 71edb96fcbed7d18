//! From an HR export and a rights spreadsheet to the funnel: rights sheets in every scheme,
//! workbooks, managers linked by name, templates.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::analyze;
use orgflow::edit::{apply_template, templates};
use orgflow::io::{
    CsvColumns, RightsScheme, csv_table, import_rights, load, load_rights, parse_json, rights_sheet,
};
use orgflow::model::Org;
use std::path::Path;
use support::{orgflow, text};

fn school() -> Org {
    parse_json(&std::fs::read("assets/examples/riverside-traditional.json").expect("example"))
        .expect("valid")
}

fn hr_export() -> Org {
    load(
        Path::new("assets/examples/riverside-hr-export.csv"),
        &CsvColumns::default(),
    )
    .expect("the HR export opens")
    .org
}

/// Every person's load in both readings, rounded and sorted (names differ between the team file
/// and the HR export only for the open position).
fn loads(org: &Org) -> Vec<(i64, i64)> {
    let a = analyze(org);
    let mut v: Vec<(i64, i64)> = a
        .persons
        .iter()
        .map(|p| {
            (
                (p.hierarchical.load * 1000.0).round() as i64,
                (p.distributed.load * 1000.0).round() as i64,
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn an_hr_export_linked_by_manager_name_opens_as_one_tree() {
    let loaded = load(
        Path::new("assets/examples/riverside-hr-export.csv"),
        &CsvColumns::default(),
    )
    .expect("opens");
    let org = &loaded.org;
    assert_eq!(org.people.len(), 31);
    // Manager ID holds payroll codes that match nobody; Manager Name ("Reyes, Dana") links.
    let roots: Vec<&str> = org
        .people
        .iter()
        .filter(|p| p.manager.is_none())
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(roots, ["Dana Reyes"]);
    assert!(
        loaded.import_problems.is_empty(),
        "{:?}",
        loaded.import_problems
    );
    assert_eq!(
        loaded.notes,
        [
            "managers from the column “Manager Name”, the best of 2 possible manager columns: 30 of 31 people's managers found in the file (by name)"
        ]
    );
    // The unused code column is kept as a field, the chosen one is not.
    let marta = org
        .people
        .iter()
        .find(|p| p.name == "Marta Quill")
        .expect("Marta");
    assert!(marta.extra.contains_key("Manager ID"));
    assert!(!marta.extra.contains_key("Manager Name"));
    assert_eq!(analyze(org).max_span.map(|m| m.count), Some(28));
}

#[test]
fn the_raci_sheet_reproduces_the_team_files_funnel() {
    let import = load_rights(
        &hr_export(),
        Path::new("assets/examples/riverside-raci.csv"),
        None,
        None,
    )
    .expect("the sheet reads");
    assert_eq!(import.scheme, RightsScheme::Raci);
    assert!(import.detected);
    assert_eq!((import.domains, import.added), (14, 14));
    assert!(import.problems.is_empty(), "{:?}", import.problems);
    assert_eq!(loads(&import.org), loads(&school()));
    let a = analyze(&import.org);
    assert!((a.readings.hierarchical.top_share - 0.99).abs() < 0.005);
    assert!((a.concentration.authority.spread.hhi - 8062.0).abs() < 1.0);
}

#[test]
fn a_sheet_written_in_each_scheme_reads_back_the_same_rights() {
    let org = school();
    let mut empty = org.clone();
    for d in &mut empty.decisions {
        d.decides.clear();
        d.approves.clear();
        d.consulted.clear();
    }
    for scheme in [
        RightsScheme::Orgflow,
        RightsScheme::Rapid,
        RightsScheme::Raci,
    ] {
        let bytes = rights_sheet(&org, scheme);
        let table = csv_table(&bytes).expect("a table");
        let import = import_rights(&empty, table, Some(scheme)).expect("reads");
        assert_eq!(import.added, 0, "{scheme:?}: every domain matched by name");
        assert_eq!(import.org.decisions, org.decisions, "{scheme:?}");
    }
}

#[test]
fn titles_and_teams_head_columns_and_odd_cells_are_listed_with_their_place() {
    let sheet = "Decision,Principal,Year 3,Nobody Here,per month,raised by\n\
                 Budget allocation,D,C,D,4,Year 3; Atlantis\n\
                 Trips,A,DX,,2,\n\
                 ,D,,,,\n";
    let import =
        import_rights(&school(), csv_table(sheet.as_bytes()).expect("table"), None).expect("reads");
    assert_eq!(import.scheme, RightsScheme::Orgflow);
    let problems: Vec<String> = import
        .problems
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    let says = |fragment: &str| {
        assert!(
            problems.iter().any(|p| p.contains(fragment)),
            "no “{fragment}” in {problems:#?}"
        );
    };
    says("column D (“Nobody Here”): is not a person's id or name, a job title or a team");
    says("row 2, column F (“raised by”): “Atlantis” is neither a team nor a person");
    says("row 3, column C (“Year 3”): “DX” holds “X”, which is not a letter of orgflow (D/A/C)");
    says("row 4: has no decision name");
    let budget = import
        .org
        .decisions
        .iter()
        .find(|d| d.id.as_str() == "budget")
        .expect("matched by name");
    // The title "Principal" is Dana; the team "Year 3" is its teachers.
    assert_eq!(
        budget
            .decides
            .iter()
            .map(orgflow::model::PersonId::as_str)
            .collect::<Vec<_>>(),
        ["dana"]
    );
    // A team of several people is a role: the member responsible for the raiser.
    assert!(
        budget
            .roles
            .iter()
            .any(|r| r.of == orgflow::model::RoleKind::Team
                && r.name == "Year 3"
                && r.right == orgflow::model::Right::Consulted),
        "{:?}",
        budget.roles
    );
    assert_eq!(
        budget.raised_by.as_deref(),
        Some(&["Year 3".to_owned()][..])
    );
    assert_eq!(budget.per_month, 4.0);
    // A new domain, by its name; "DX" still reads as D for the team.
    let trips = import
        .org
        .decisions
        .iter()
        .find(|d| d.name == "Trips")
        .expect("added");
    assert!(
        trips
            .roles
            .iter()
            .any(|r| r.name == "Year 3" && r.right == orgflow::model::Right::Decides),
        "{:?}",
        trips.roles
    );
}

#[test]
fn rapid_letters_read_as_rapid() {
    let sheet = "Decision,Dana Reyes,Marta Quill,Gwen Harper\n\
                 Budget allocation,D,R,I\n\
                 Hiring and cover,D,A,P\n";
    let import =
        import_rights(&school(), csv_table(sheet.as_bytes()).expect("table"), None).expect("reads");
    assert_eq!(import.scheme, RightsScheme::Rapid);
    let hiring = import
        .org
        .decisions
        .iter()
        .find(|d| d.id.as_str() == "hiring")
        .expect("hiring");
    assert_eq!(
        hiring
            .approves
            .iter()
            .map(orgflow::model::PersonId::as_str)
            .collect::<Vec<_>>(),
        ["marta"]
    );
    // R and P carry no right; I is input.
    let budget = import
        .org
        .decisions
        .iter()
        .find(|d| d.id.as_str() == "budget")
        .expect("budget");
    assert!(budget.approves.is_empty());
    assert_eq!(
        budget
            .consulted
            .iter()
            .map(orgflow::model::PersonId::as_str)
            .collect::<Vec<_>>(),
        ["gwen"]
    );
}

#[test]
fn a_sheet_naming_nobody_is_refused_with_its_columns() {
    let sheet = "Decision,Zed,Yan\nBudget,D,A\n";
    let err = import_rights(&school(), csv_table(sheet.as_bytes()).expect("table"), None)
        .expect_err("nobody");
    assert!(
        err[0]
            .message
            .contains("no column names anybody in the org"),
        "{err:?}"
    );
    let err = import_rights(
        &school(),
        csv_table(b"Who,What\nx,y\n").expect("table"),
        None,
    )
    .expect_err("no decisions");
    assert!(
        err[0].message.contains("no column naming the decisions"),
        "{err:?}"
    );
}

#[test]
fn workbooks_open_as_team_files_and_rights_sheets() {
    // The xlsx: a cover sheet first, the staff on "Staff" starting at B3, the RACI on "RACI".
    let staff = load(
        Path::new("tests/sheets/riverside.xlsx"),
        &CsvColumns {
            sheet: Some("staff".to_owned()),
            ..CsvColumns::default()
        },
    )
    .expect("the Staff sheet opens");
    assert_eq!(staff.org.people.len(), 31);
    let rights = load_rights(
        &staff.org,
        Path::new("tests/sheets/riverside.xlsx"),
        Some("RACI"),
        None,
    )
    .expect("the RACI sheet reads");
    assert_eq!(loads(&rights.org), loads(&school()));
    // The first sheet is only a cover note: it says what it lacks.
    let cover = load(
        Path::new("tests/sheets/riverside.xlsx"),
        &CsvColumns::default(),
    )
    .expect_err("no staff on the cover");
    assert!(
        cover.to_string().contains("cannot tell which column"),
        "{cover}"
    );
    let missing = load(
        Path::new("tests/sheets/riverside.xlsx"),
        &CsvColumns {
            sheet: Some("Payroll".to_owned()),
            ..CsvColumns::default()
        },
    )
    .expect_err("no such sheet");
    assert!(
        missing
            .to_string()
            .contains("there is no sheet “Payroll”; the sheets are: Read me, Staff, RACI"),
        "{missing}"
    );
    // Old Excel and OpenDocument.
    let xls = load(
        Path::new("tests/sheets/riverside-people.xls"),
        &CsvColumns::default(),
    )
    .expect("xls opens");
    assert_eq!(xls.org.people.len(), 31);
    let ods = load_rights(
        &xls.org,
        Path::new("tests/sheets/riverside-raci.ods"),
        None,
        None,
    )
    .expect("ods reads");
    assert_eq!(loads(&ods.org), loads(&school()));
}

#[test]
fn one_command_from_an_hr_export_and_a_raci_sheet_to_the_funnel() {
    let out = orgflow(&[
        "analyze",
        "assets/examples/riverside-hr-export.csv",
        "--rights",
        "assets/examples/riverside-raci.csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(
        report.contains("Top person's share           99% Dana Reyes"),
        "{report}"
    );
    let said = text(&out.stderr);
    assert!(
        said.contains("14 decision domains read as RACI (detected from its letters"),
        "{said}"
    );
    assert!(
        said.contains("managers from the column “Manager Name”"),
        "{said}"
    );

    // An explicit scheme wins over detection, and convert keeps the rights in the team file.
    let dir = tempfile::tempdir().expect("temp dir");
    let team = dir.path().join("team.json");
    let out = orgflow(&[
        "convert",
        "assets/examples/riverside-hr-export.csv",
        team.to_str().expect("path"),
        "--rights",
        "assets/examples/riverside-raci.csv",
        "--rights-scheme",
        "raci",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("read as RACI (as asked"));
    let org = parse_json(&std::fs::read(&team).expect("written")).expect("valid");
    assert_eq!(org.decisions.len(), 14);
    assert_eq!(loads(&org), loads(&school()));

    // People and rights from two sheets of one workbook.
    let out = orgflow(&[
        "analyze",
        "tests/sheets/riverside.xlsx",
        "--sheet",
        "Staff",
        "--rights",
        "tests/sheets/riverside.xlsx",
        "--rights-sheet",
        "RACI",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Top person's share           99% Dana Reyes"));

    // A rights sheet that cannot be read stops with its name.
    let out = orgflow(&[
        "analyze",
        "assets/examples/riverside-hr-export.csv",
        "--rights",
        "tests/bad/empty.csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("tests/bad/empty.csv"));
}

#[test]
fn a_template_assigns_deciders_by_title_in_one_step() {
    let org = hr_export();
    let school_template = templates()
        .into_iter()
        .find(|t| t.template == "School")
        .expect("shipped");
    let (command, undecided) = apply_template(&org, &school_template).expect("adds domains");
    let mut after = org.clone();
    let mut history = orgflow::edit::History::default();
    history.apply(&mut after, command).expect("valid");
    assert_eq!(after.decisions.len(), school_template.domains.len());
    let by_name = |name: &str| {
        after
            .decisions
            .iter()
            .find(|d| d.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let dana = org
        .people
        .iter()
        .find(|p| p.name == "Dana Reyes")
        .expect("Dana")
        .id
        .clone();
    let marta = org
        .people
        .iter()
        .find(|p| p.name == "Marta Quill")
        .expect("Marta")
        .id
        .clone();
    // No curriculum lead or deputy here: the principal decides; the business manager approves
    // the budget and orders the supplies; the SENCO decides support plans.
    assert_eq!(
        by_name("Curriculum and schemes of work").decides,
        std::slice::from_ref(&dana)
    );
    assert_eq!(
        by_name("Budget allocation").approves,
        std::slice::from_ref(&marta)
    );
    assert_eq!(by_name("Classroom supplies orders").decides, [marta]);
    assert!(
        by_name("Special needs support plans")
            .decides
            .iter()
            .all(|p| *p != dana)
    );
    assert!(undecided.is_empty(), "{undecided:?}");
    // One step: one undo gives back the org.
    history.undo(&mut after);
    assert_eq!(after, org);
    // Applying it again adds nothing.
    history.redo(&mut after);
    assert!(apply_template(&after, &school_template).is_none());
}
