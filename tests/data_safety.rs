//! Never lose, garble or leak a user's data (issue 23): private files stay private while they
//! are saved, outputs never replace inputs, ids that look like "no manager" stay people, one
//! stray byte does not re-read a whole file, and a paged PDF says who it leaves out.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::io::{CsvColumns, import_csv, parse_json, to_json, write_atomically_with};
use std::path::Path;
use support::{orgflow, text};

fn example() -> &'static str {
    "assets/examples/riverside-traditional.json"
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[cfg(unix)]
#[test]
fn a_private_file_is_private_while_it_is_saved_not_only_after() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("team.json");
    std::fs::write(&path, "{}").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let mut seen = Vec::new();
    write_atomically_with(&path, |w| {
        // Mid-write: the temporary file exists, and is no more readable than the old file.
        for entry in std::fs::read_dir(dir.path()).expect("dir").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if Path::new(&name).extension().is_some_and(|e| e == "tmp") {
                let mode = entry.metadata().expect("meta").permissions().mode() & 0o777;
                seen.push((name, mode));
            }
        }
        w.write_all(b"{\"orgflow\": 1}")
    })
    .expect("saved");
    assert_eq!(seen.len(), 1, "one temporary file: {seen:?}");
    assert_eq!(seen[0].1, 0o600, "{seen:?}");
    let mode = std::fs::metadata(&path)
        .expect("saved")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);

    // A wider old mode is the temporary file's from the start too (the umask aside).
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let mut during = 0;
    write_atomically_with(&path, |w| {
        for entry in std::fs::read_dir(dir.path()).expect("dir").flatten() {
            if entry.file_name().to_string_lossy().ends_with(".tmp") {
                during = entry.metadata().expect("meta").permissions().mode() & 0o777;
            }
        }
        w.write_all(b"x")
    })
    .expect("saved");
    assert_eq!(during, 0o640);
}

#[test]
fn no_command_writes_its_output_over_one_of_its_inputs() {
    let dir = tempfile::tempdir().expect("dir");
    let team = dir.path().join("team.json");
    std::fs::copy(example(), &team).expect("copy");
    let original = std::fs::read(&team).expect("read");
    let rights = dir.path().join("rights.csv");
    std::fs::write(&rights, "Decision,Dana Reyes\nBudget,D\n").expect("rights");
    let rights_before = std::fs::read(&rights).expect("read");
    let after = dir.path().join("after.json");
    std::fs::copy(example(), &after).expect("copy");
    let dotted = dir.path().join(".").join("team.json");
    fn svg_onto<'a>(team: &'a Path, out: &'a Path) -> Vec<&'a str> {
        vec![
            "export",
            path_str(team),
            "--out",
            path_str(out),
            "--format",
            "svg",
        ]
    }
    let runs: Vec<(Vec<&str>, &str)> = vec![
        // The input itself, and the input spelt another way.
        (svg_onto(&team, &team), "the team file"),
        (svg_onto(&team, &dotted), "the team file"),
        (
            vec![
                "export",
                path_str(&team),
                "--compare",
                path_str(&after),
                "--out",
                path_str(&after),
                "--format",
                "png",
            ],
            "the --compare file",
        ),
        (
            vec![
                "convert",
                path_str(&team),
                path_str(&rights),
                "--rights",
                path_str(&rights),
            ],
            "the --rights sheet",
        ),
        (
            vec!["suggest", path_str(&team), "--out", path_str(&team)],
            "the team file",
        ),
    ];
    for (args, role) in runs {
        let run = orgflow(&args);
        let said = text(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains(role), "{args:?}: {said}");
        assert!(said.contains("would destroy it"), "{said}");
    }
    assert_eq!(std::fs::read(&team).expect("read"), original);
    assert_eq!(std::fs::read(&after).expect("read"), original);
    assert_eq!(std::fs::read(&rights).expect("read"), rights_before);

    #[cfg(unix)]
    {
        // A link to the input is the input.
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&team, &link).expect("link");
        let run = orgflow(&[
            "export",
            path_str(&team),
            "--out",
            path_str(&link),
            "--format",
            "svg",
        ]);
        assert_eq!(run.status.code(), Some(2), "{}", text(&run.stderr));
        assert_eq!(std::fs::read(&team).expect("read"), original);
    }
}

#[test]
fn converting_never_replaces_a_spreadsheet_unasked_and_says_what_it_would_lose() {
    let dir = tempfile::tempdir().expect("dir");
    let staff = dir.path().join("staff.csv");
    let export =
        "Employee ID,Full Name,Manager Name,Location\n1,Ann Lee,,Leeds\n2,Bo Chan,Ann Lee,York\n";
    std::fs::write(&staff, export).expect("write");
    // Onto itself: refused, --force or not.
    for force in [false, true] {
        let mut args = vec!["convert", path_str(&staff), path_str(&staff)];
        if force {
            args.push("--force");
        }
        let run = orgflow(&args);
        assert_eq!(run.status.code(), Some(2), "{}", text(&run.stderr));
        assert!(text(&run.stderr).contains("the file to convert"));
    }
    assert_eq!(std::fs::read_to_string(&staff).expect("read"), export);
    // Over another, existing spreadsheet: refused, naming the columns that would go.
    let other = dir.path().join("other.csv");
    std::fs::write(&other, export).expect("write");
    let run = orgflow(&["convert", path_str(&staff), path_str(&other)]);
    let said = text(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{said}");
    assert!(said.contains("2 rows"), "{said}");
    assert!(
        said.contains("Employee ID, Full Name, Manager Name"),
        "{said}"
    );
    assert!(said.contains("--force"), "{said}");
    assert_eq!(std::fs::read_to_string(&other).expect("read"), export);
    let run = orgflow(&["convert", path_str(&staff), path_str(&other), "--force"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_ne!(std::fs::read_to_string(&other).expect("read"), export);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_written_to_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("slide.svg");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).expect("read the fifo"))
    };
    let run = orgflow(&[
        "export",
        example(),
        "--out",
        path_str(&fifo),
        "--format",
        "svg",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let bytes = reader.join().expect("reader");
    assert!(
        bytes.starts_with(b"<svg"),
        "the slide came through the fifo"
    );
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(kind.is_fifo(), "still a fifo");
    // `-` is standard output.
    let run = orgflow(&["export", example(), "--out", "-", "--format", "svg"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(run.stdout.starts_with(b"<svg"));
    assert!(!Path::new("-").exists());
    // A link to a device (as /dev/stdout is) is written through: the link and the device stay.
    let link = dir.path().join("to-null.svg");
    std::os::unix::fs::symlink("/dev/null", &link).expect("link");
    let run = orgflow(&[
        "export",
        example(),
        "--out",
        path_str(&link),
        "--format",
        "svg",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let kind = std::fs::symlink_metadata(&link)
        .expect("still there")
        .file_type();
    assert!(kind.is_symlink(), "the link was replaced by a file");
    assert!(
        std::fs::metadata(&link)
            .expect("null")
            .file_type()
            .is_char_device()
    );
}

#[cfg(unix)]
use std::process::Command;

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_or_stdout_is_named_once_without_the_temporary_file() {
    let run = Command::new(env!("CARGO_BIN_EXE_orgflow"))
        .args(["analyze", example()])
        .stdout(std::fs::File::create("/dev/full").expect("/dev/full"))
        .output()
        .expect("runs");
    let said = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{said}");
    assert!(
        said.contains("could not write to standard output"),
        "{said}"
    );
    assert_eq!(said.matches("os error 28").count(), 1, "{said}");
    // A folder that is not one: the message names the file once and no temporary file.
    let run = orgflow(&["convert", example(), "/dev/full/team.json"]);
    let said = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{said}");
    assert!(!said.contains(".tmp"), "{said}");
    assert_eq!(said.matches("/dev/full/team.json").count(), 1, "{said}");
}

fn import(csv: &str) -> orgflow::io::CsvImport {
    import_csv(csv.as_bytes(), "t", &CsvColumns::default()).expect("imports")
}

fn manager_of(org: &orgflow::model::Org, id: &str) -> Option<String> {
    org.person(id)
        .and_then(|p| p.manager.as_ref())
        .map(|m| m.0.clone())
}

#[test]
fn an_id_that_looks_like_no_manager_is_a_person_when_somebody_has_it() {
    let org = import("id,name,manager\n0,Boss,\n1,Worker,0\n2,Other,0\n").org;
    assert_eq!(org.people.len(), 3);
    assert_eq!(manager_of(&org, "1").as_deref(), Some("0"));
    assert_eq!(manager_of(&org, "2").as_deref(), Some("0"));
    for marker in ["none", "root", "top", "x", "null", "N/A"] {
        let csv = format!("id,name,manager\n{marker},Boss,\na,Worker,{marker}\n");
        let org = import(&csv).org;
        assert_eq!(manager_of(&org, "a").as_deref(), Some(marker), "{marker}");
    }
    // Without such a person, they still mean "top of the org".
    let org = import("id,name,manager\na,Boss,none\nb,Worker,a\nc,Other,-\n").org;
    assert_eq!(manager_of(&org, "a"), None);
    assert_eq!(manager_of(&org, "c"), None);
    // Punctuation does not make a marker of an id: "root<&>" is somebody not in the file.
    let import = import("id,name,manager\na,Boss,\nb,Worker,root<&>\n");
    let placeholder = manager_of(&import.org, "b").expect("a manager");
    let placeholder = import.org.person(&placeholder).expect("in the org");
    assert!(placeholder.external);
    assert_eq!(placeholder.name, "root<&>");
    // A circle through such an id is a circle.
    let cycle = import_csv(
        b"id,name,manager\n0,Ann,1\n1,Bo,0\n",
        "t",
        &CsvColumns::default(),
    )
    .expect_err("a cycle");
    assert!(
        cycle
            .iter()
            .any(|p| p.to_string().contains("round in a circle")),
        "{cycle:?}"
    );
}

#[test]
fn one_stray_byte_in_a_utf8_file_stays_one_replaced_byte_and_is_named() {
    let mut bytes = b"id,name,manager\n".to_vec();
    for i in 0..2000 {
        bytes.extend_from_slice(format!("{i},Zo\u{eb} Dana {i},{}\n", i / 10).as_bytes());
    }
    // A Latin-1 "é" on the last row.
    bytes.extend_from_slice(b"2000,Ren\xe9 Roy,0\n");
    let import = import_csv(&bytes, "t", &CsvColumns::default()).expect("imports");
    assert_eq!(
        import.org.person("5").map(|p| p.name.as_str()),
        Some("Zoë Dana 5")
    );
    assert_eq!(
        import.org.person("2000").map(|p| p.name.as_str()),
        Some("Ren\u{fffd} Roy")
    );
    let row = import
        .problems
        .iter()
        .find(|p| p.to_string().contains("not valid UTF-8"))
        .expect("the row is named");
    assert!(row.to_string().contains("row 2002"), "{row}");
    assert!(
        import.notes.iter().any(|n| n.contains("read as UTF-8")),
        "{:?}",
        import.notes
    );
    // A file that is Windows-1252 throughout is read so, and says so.
    let latin = b"id,name,manager\n1,Ren\xe9 Roy,\n2,Zo\xeb Dana,1\n";
    let import = import_csv(latin, "t", &CsvColumns::default()).expect("imports");
    assert_eq!(
        import.org.person("1").map(|p| p.name.as_str()),
        Some("René Roy")
    );
    assert!(
        import.notes.iter().any(|n| n.contains("Windows-1252")),
        "{:?}",
        import.notes
    );
    assert!(import.problems.is_empty(), "{:?}", import.problems);
    // A clean UTF-8 file has nothing to say about its encoding.
    let clean =
        import_csv("id,name\n1,Zoë\n".as_bytes(), "t", &CsvColumns::default()).expect("imports");
    assert!(
        clean.notes.iter().all(|n| !n.contains("read as")),
        "{:?}",
        clean.notes
    );
}

#[test]
fn an_unclosed_quote_in_a_carriage_return_file_is_placed_on_its_row() {
    let bytes = b"id,name,manager\r1,Ann,\r2,Bo,1\r3,\"Cy,1\r4,Di,1\r";
    let problems = import_csv(bytes, "t", &CsvColumns::default()).expect_err("refused");
    let said = problems[0].to_string();
    assert!(said.contains("row 4 (line 4)"), "{said}");
}

#[test]
fn link_weights_that_add_up_past_the_limit_are_placed_on_their_row() {
    let org = parse_json(&std::fs::read(example()).expect("example")).expect("valid");
    let sheet = orgflow::io::csv_table(
        b"from,to,weight\ndana,marta,600000000\ndana,marta,600000000\nmarta,dana,2\n",
    )
    .expect("table");
    let import = orgflow::io::import_links(&org, sheet, "advice").expect("loads");
    assert_eq!(import.rows, 2);
    let said: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("row 3"), "{said:?}");
    assert!(said[0].contains("add up past 1,000,000,000"), "{said:?}");
}

#[test]
fn a_paged_pdf_says_how_many_people_are_on_no_page() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("deep.json");
    std::fs::write(&file, to_json(&orgflow::generate::org(4_000, 3))).expect("write");
    let out = dir.path().join("deep.pdf");
    let run = orgflow(&[
        "export",
        path_str(&file),
        "--view",
        "hierarchy",
        "--pages",
        "3",
        "--out",
        path_str(&out),
    ]);
    let said = text(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{said}");
    assert!(said.contains("(3 pages)"), "{said}");
    let marker = " of 4,000 people are on no page";
    assert!(said.contains(marker), "{said}");
    let missing: usize = said
        .split(marker)
        .next()
        .and_then(|before| before.rsplit(' ').next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .expect("says how many are on no page");
    assert!(missing > 0 && missing < 4_000, "{said}");
    // The library's count agrees, and more pages leave fewer out.
    let org = orgflow::generate::org(4_000, 3);
    let analysis = orgflow::analysis::analyze(&org);
    let options = orgflow::export::ExportOptions {
        view: orgflow::export::ExportView::Hierarchy,
        format: orgflow::export::ExportFormat::Pdf,
        ..Default::default()
    };
    let few = orgflow::export::paged_pdf(
        &org,
        &analysis,
        orgflow::layout::Orientation::TopDown,
        &options,
        3,
    )
    .expect("pdf");
    assert_eq!(few.missing(), missing);
    let more = orgflow::export::paged_pdf(
        &org,
        &analysis,
        orgflow::layout::Orientation::TopDown,
        &options,
        60,
    )
    .expect("pdf");
    assert!(
        more.missing() < few.missing(),
        "{} vs {}",
        more.missing(),
        few.missing()
    );
    assert_eq!(few.people, 4_000);
    let bad = orgflow(&[
        "export",
        path_str(&file),
        "--pages",
        "0",
        "--out",
        path_str(&out),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("one, auto or a number"));
}

#[test]
fn a_person_given_two_rights_in_one_domain_keeps_the_strongest_and_it_is_said() {
    let org = parse_json(&std::fs::read(example()).expect("example")).expect("valid");
    // Dana by her id, her name and her title (she is the only Principal).
    let sheet = orgflow::io::csv_table(
        "decision,dana,Dana Reyes,Principal,marta\nBudget,C,,D,A\nTimetable,,A,C,D\nTrips,D,D,,\n"
            .as_bytes(),
    )
    .expect("table");
    let import = orgflow::io::import_rights(&org, sheet, None).expect("loads");
    let domain = |name: &str| {
        import
            .org
            .decisions
            .iter()
            .find(|d| d.name == name)
            .expect("domain")
    };
    let ids = |list: &[orgflow::model::PersonId]| -> Vec<String> {
        list.iter().map(|p| p.0.clone()).collect()
    };
    let budget = domain("Budget");
    assert_eq!(ids(&budget.decides), ["dana"]);
    assert_eq!(ids(&budget.approves), ["marta"]);
    assert!(budget.consulted.is_empty(), "{:?}", budget.consulted);
    let timetable = domain("Timetable");
    assert_eq!(ids(&timetable.decides), ["marta"]);
    assert_eq!(ids(&timetable.approves), ["dana"]);
    assert!(timetable.consulted.is_empty());
    // The same right twice is no contradiction.
    assert_eq!(ids(&domain("Trips").decides), ["dana"]);
    let note = import
        .notes
        .iter()
        .find(|n| n.contains("more than one right"))
        .expect("a note");
    assert!(note.starts_with("2 times a person was"), "{note}");
    assert!(
        note.contains("row 2 (“Budget”): Dana Reyes is consulted (column B, “dana”) and decides (column D, “Principal”); kept: decides")
            || note.contains("row 2 (“Budget”): Dana Reyes decides (column D, “Principal”) and is consulted (column B, “dana”); kept: decides"),
        "{note}"
    );
    assert!(!note.contains("Trips"), "{note}");
}

#[test]
fn names_and_ids_match_in_either_unicode_form() {
    // A manager typed as e + combining accent finds the person written with é, and back.
    let composed = "id,name,manager\nj1,José Núñez,\nj2,Ana Ruiz,Jose\u{301} Nu\u{301}n\u{303}ez\n";
    let import = import_csv(composed.as_bytes(), "t", &CsvColumns::default()).expect("imports");
    assert_eq!(manager_of(&import.org, "j2").as_deref(), Some("j1"));
    assert_eq!(
        import.org.people.len(),
        2,
        "no placeholder for the same name"
    );
    // Ids too: a link file in one form, the team file in the other.
    let team = "id,name,manager\nre\u{301}a,Réa,\nbo,Bo,re\u{301}a\n";
    let org = import_csv(team.as_bytes(), "t", &CsvColumns::default())
        .expect("imports")
        .org;
    assert_eq!(manager_of(&org, "réa").as_deref(), None);
    assert!(org.person("réa").is_some(), "ids are composed on import");
    let links = orgflow::io::csv_table("from,to\nbo,réa\n".as_bytes()).expect("table");
    let import = orgflow::io::import_links(&org, links, "advice").expect("loads");
    assert_eq!(import.rows, 1, "{:?}", import.problems);
    // And a name given on the command line.
    assert!(org.find_person("Re\u{301}a").is_ok());
}

#[test]
fn ids_that_differ_only_by_an_invisible_character_are_refused_naming_both_rows() {
    let csv = "id,name,manager\nsam,Sam Hill,\nsa\u{200b}m,Sam Hull,sam\nann,Ann,sam\n";
    let problems = import_csv(csv.as_bytes(), "t", &CsvColumns::default()).expect_err("refused");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let said = problems[0].to_string();
    assert!(said.starts_with("row 3"), "{said}");
    assert!(said.contains("on row 2"), "{said}");
    assert!(said.contains("sa⟨U+200B⟩m"), "{said}");
    assert!(said.contains("zero-width space"), "{said}");
    // One id with such a character and no twin is just an id.
    let alone = "id,name,manager\nsa\u{200b}m,Sam Hill,\nann,Ann,sa\u{200b}m\n";
    assert!(import_csv(alone.as_bytes(), "t", &CsvColumns::default()).is_ok());
}

#[test]
fn workbook_cells_are_named_and_one_bad_cell_does_not_refuse_the_sheet() {
    let run = orgflow(&["analyze", "tests/bad/workbooks/bad-cell.xlsx"]);
    let said = text(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{said}");
    assert!(
        said.contains("the cell after Staff!A4: says it holds a number but holds something else"),
        "{said}"
    );
    assert!(text(&run.stdout).contains("3 people"));
    // A formula error is no manager: Cy stays under a placeholder-free reading, named by cell.
    let run = orgflow(&["analyze", "tests/bad/workbooks/error-cell.xlsx"]);
    let said = text(&run.stderr);
    assert!(said.contains("Staff!C4: holds the error #N/A"), "{said}");
    // A rights sheet goes through the same guards: a hostile one is refused, never a crash.
    let run = orgflow(&[
        "analyze",
        example(),
        "--rights",
        "tests/bad/workbooks/shared-strings-max.xlsx",
    ]);
    let said = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{said}");
    assert!(
        said.contains("has no column naming the decisions"),
        "{said}"
    );
    let run = orgflow(&[
        "analyze",
        example(),
        "--rights",
        "tests/bad/workbooks/bomb.xlsx",
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(text(&run.stderr).contains("342 times"));
}

mod round_trip {
    use orgflow::io::{CsvColumns, import_csv, parse_json, to_json, write_csv};
    use orgflow::model::{Org, Person, PersonId, Status};
    use proptest::prelude::*;

    /// Ids as real files have them, the "no manager" markers and punctuation among them.
    const IDS: &[&str] = &[
        "0",
        "x",
        "xx",
        "none",
        "None",
        "null",
        "na",
        "N/A",
        "#N/A",
        "nil",
        "top",
        "root",
        "-",
        "--",
        "—",
        "?",
        "(none)",
        "root<&>",
        "@x",
        "=1",
        "+44",
        "e1001",
        "E1001",
        "ann",
        "bo",
        "cy",
        "42",
        "007",
        "a b",
        "Reyes, Dana",
    ];
    const NAMES: &[&str] = &[
        "Ann Lee",
        "Bo Chan",
        "Vacant",
        "Open",
        "None",
        "Dana Reyes",
        "Reyes, Dana",
        "Zoë Nø",
        "李雷",
        "O'Brien",
        "TBC",
    ];
    const WORDS: &[&str] = &["", "Head", "Teacher", "Finance", "Ops", "Lead, Maths"];

    fn org() -> impl Strategy<Value = Org> {
        let person = (
            0..NAMES.len(),
            0..WORDS.len(),
            0..WORDS.len(),
            any::<bool>(),
            prop::bool::weighted(0.15),
            0..6usize,
            any::<u32>(),
            prop::collection::vec(0..WORDS.len(), 0..3),
        );
        (
            prop::sample::subsequence((0..IDS.len()).collect::<Vec<_>>(), 1..IDS.len()),
            prop::collection::vec(person, IDS.len()),
        )
            .prop_shuffle_ids()
    }

    trait ShuffleIds {
        fn prop_shuffle_ids(self) -> BoxedStrategy<Org>;
    }

    type PersonParts = (usize, usize, usize, bool, bool, usize, u32, Vec<usize>);

    impl<S: Strategy<Value = (Vec<usize>, Vec<PersonParts>)> + 'static> ShuffleIds for S {
        fn prop_shuffle_ids(self) -> BoxedStrategy<Org> {
            self.prop_map(|(ids, parts)| {
                let mut people: Vec<Person> = Vec::new();
                for (k, (&id, part)) in ids.iter().zip(parts).enumerate() {
                    let (name, title, team, vacant, external, status, manager, skills) = part;
                    let status = match status {
                        1 => Status::Left,
                        2 => Status::Placeholder,
                        3 => Status::Away,
                        _ => Status::Active,
                    };
                    // A manager among the earlier people, or none.
                    let manager = (k > 0 && manager % 4 != 0)
                        .then(|| people[(manager as usize) % k].id.clone());
                    people.push(Person {
                        id: PersonId(IDS[id].to_owned()),
                        name: NAMES[name].to_owned(),
                        title: WORDS[title].to_owned(),
                        team: WORDS[team].to_owned(),
                        manager,
                        vacant,
                        external,
                        status,
                        skills: skills
                            .into_iter()
                            .map(|w| WORDS[w])
                            .filter(|w| !w.is_empty() && !w.contains(','))
                            .map(str::to_owned)
                            .collect(),
                        ..Person::new("", "")
                    });
                }
                Org {
                    name: "t".to_owned(),
                    people,
                    ..Org::default()
                }
            })
            .boxed()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// JSON → CSV → JSON keeps the people exactly: ids that look like markers stay people,
        /// and every flag comes back.
        #[test]
        fn json_to_csv_to_json_keeps_every_person(org in org()) {
            let json = to_json(&org);
            let org = parse_json(json.as_bytes()).expect("valid");
            let csv = write_csv(&org);
            let back = import_csv(&csv, "t", &CsvColumns::default()).expect("imports");
            let back = parse_json(to_json(&back.org).as_bytes()).expect("valid");
            prop_assert_eq!(&back.people, &org.people, "CSV:\n{}", String::from_utf8_lossy(&csv));
        }
    }
}
