//! Reading the files a command names: the team file, then a rights sheet and link lists merged
//! onto it, each saying on standard error what its reading did.

use super::args::{ColumnArgs, NOTES_SHOWN, NotesArg, RightsArgs};
use super::terminal::{say, say_text};
use orgflow::io::{LoadError, Loaded, load_all, load_rights};
use orgflow::model::{Org, Problem, Status};
use std::path::{Path, PathBuf};

/// For `--include-left`: everybody who left counts as here again.
fn include_left(org: &mut Org) {
    for p in &mut org.people {
        if p.status == Status::Left {
            p.status = Status::Active;
        }
    }
}

pub fn print_import_problems(file: &Path, problems: &[Problem], notes: NotesArg) {
    if problems.is_empty() {
        return;
    }
    let rows = if problems.len() == 1 {
        "1 row needed".to_owned()
    } else {
        format!(
            "{} rows needed",
            orgflow::model::thousands(problems.len() as f64)
        )
    };
    let mut text = format!("{}: {rows} attention while importing:\n", file.display());
    let shown = if notes == NotesArg::All {
        usize::MAX
    } else {
        NOTES_SHOWN
    };
    let (lines, rest) = orgflow::model::summarise(problems, shown);
    for line in lines {
        text.push_str(&format!("  - {line}\n"));
    }
    if let Some(rest) = rest {
        text.push_str(&format!("  - {rest} (--notes all lists every one)\n"));
    }
    say_text(&text);
}

/// Notes about a file, one a line: the first 50 unless `notes` is `all`.
pub fn print_notes(file: &Path, notes: &[String], all: NotesArg) {
    let shown = if all == NotesArg::All {
        notes.len()
    } else {
        NOTES_SHOWN
    };
    for note in notes.iter().take(shown) {
        say!("{}: {note}", file.display());
    }
    if notes.len() > shown {
        say!(
            "{}: and {} more notes (--notes all lists every one)",
            file.display(),
            notes.len() - shown
        );
    }
}

/// Loads a team file or export (with any junior-posts files named after it), tells what the
/// import did, and merges a rights sheet if given.
pub fn load_org(
    files: &[PathBuf],
    columns: ColumnArgs,
    rights: RightsArgs,
) -> anyhow::Result<Loaded> {
    load_org_said(files, columns, rights).map(|(loaded, _)| loaded)
}

/// What reading one file said: every note and every row that needed attention (for `--json`,
/// which carries all of them whatever `--notes` says).
#[derive(Debug, serde::Serialize)]
pub struct FileSaid {
    pub file: String,
    pub notes: Vec<String>,
    pub problems: Vec<String>,
}

impl FileSaid {
    fn new(file: &Path, notes: &[String], problems: &[Problem]) -> Self {
        Self {
            file: file.display().to_string(),
            notes: notes.to_vec(),
            problems: problems.iter().map(ToString::to_string).collect(),
        }
    }
}

/// [`load_org`], with what each file's reading said.
pub fn load_org_said(
    files: &[PathBuf],
    columns: ColumnArgs,
    rights: RightsArgs,
) -> anyhow::Result<(Loaded, Vec<FileSaid>)> {
    let sheet = columns.sheet.clone();
    let keep_left = columns.include_left;
    let all = columns.notes;
    let mut said = Vec::new();
    let (mut loaded, added) = load_all(files, &columns.into()).map_err(describe)?;
    if keep_left {
        include_left(&mut loaded.org);
    }
    // The file of people is the one not added to it.
    let file = files
        .iter()
        .find(|f| !added.iter().any(|a| &a.path == *f))
        .map_or_else(|| Path::new(""), PathBuf::as_path);
    print_import_problems(file, &loaded.import_problems, all);
    print_notes(file, &loaded.notes, all);
    said.push(FileSaid::new(file, &loaded.notes, &loaded.import_problems));
    for added in &added {
        print_notes(&added.path, &added.import.notes, all);
        print_import_problems(&added.path, &added.import.problems, all);
        said.push(FileSaid::new(
            &added.path,
            &added.import.notes,
            &added.import.problems,
        ));
    }
    said.extend(add_extras(
        &mut loaded.org,
        &rights,
        sheet.as_deref(),
        Some(all),
    )?);
    if let Some(summary) = withheld_summary(&mut loaded.org, &rights, file)
        && let Some(first) = said.first_mut()
    {
        first.notes.push(summary);
    }
    Ok((loaded, said))
}

/// Merges a rights sheet and link lists onto `org`, saying what each did (printed too, as
/// `notes` asks, unless that is `None`).
pub fn add_extras(
    org: &mut Org,
    rights: &RightsArgs,
    sheet: Option<&str>,
    print: Option<NotesArg>,
) -> anyhow::Result<Vec<FileSaid>> {
    let mut said = Vec::new();
    if let Some(sheet_path) = &rights.rights {
        let scheme = rights.rights_scheme.map(Into::into);
        let sheet = rights.rights_sheet.as_deref().or(sheet);
        let import = load_rights(org, sheet_path, sheet, scheme).map_err(describe)?;
        if let Some(all) = print {
            say!("{}: {}", sheet_path.display(), import.summary());
            print_notes(sheet_path, &import.notes, all);
            print_import_problems(sheet_path, &import.problems, all);
        }
        let mut notes = vec![import.summary()];
        notes.extend(import.notes.iter().cloned());
        said.push(FileSaid::new(sheet_path, &notes, &import.problems));
        *org = import.org;
    }
    for edges in &rights.links {
        let import =
            orgflow::io::load_links(org, edges, None, &rights.links_kind).map_err(describe)?;
        let summary = import.summary(&rights.links_kind);
        if let Some(all) = print {
            say!("{}: {summary}", edges.display());
            print_notes(edges, &import.notes, all);
            print_import_problems(edges, &import.problems, all);
        }
        let mut notes = vec![summary];
        notes.extend(import.notes.iter().cloned());
        said.push(FileSaid::new(edges, &notes, &import.problems));
        *org = import.org;
    }
    Ok(said)
}

/// `--min-group`: leaves out the links of small teams and says so about `file`.
pub fn withheld_summary(org: &mut Org, rights: &RightsArgs, file: &Path) -> Option<String> {
    let n = rights.min_group?;
    let withheld = orgflow::io::withhold_small_groups(org, n as usize);
    let summary = withheld.summary();
    say!("{}: {summary}", file.display());
    Some(summary)
}

/// A file that could not be read, as the command says it.
pub fn describe(e: LoadError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}
