//! Reading and writing team files: the native JSON format and spreadsheet (CSV) exports.

mod csv_export;
mod csv_import;
mod decision_log;
mod graph;
mod json;
mod junior;
mod links;
mod output;
mod rights;
mod snapshots;
mod table;
mod workbook;
mod yaml;

pub use csv_export::{csv_headers, csv_losses, neutralise_formula, write_csv};
pub use csv_import::{
    CsvColumns, CsvImport, SnapshotTables, fte_text, import_csv, import_people, is_snapshot_note,
    split_snapshots,
};
pub(crate) use csv_import::{name_key, without_initials};
pub use decision_log::{DAY_STARTS, DecisionLog, LogEntry, read_decision_log, working_days};
pub use graph::{GraphFormat, GraphImport, graph_losses, import_graph};
pub use json::{parse_json, to_json};
pub use junior::{JuniorImport, import_junior};
pub use links::{LinksImport, Withheld, import_links, small_group_members, withhold_small_groups};
pub use output::{OutputError, check_csv_overwrite, check_output, is_stream, same_file};
pub use rights::{RightsImport, RightsScheme, import_rights, rights_sheet};
pub use snapshots::{SnapshotLoaded, Snapshots, date_in_name, load_snapshots};
pub use table::{Table, TableRow, csv_table, is_workbook, read_table};
pub use workbook::{MAX_CELLS, MAX_PART_BYTES, MAX_RATIO, MAX_TOTAL_BYTES, sheet_table};

use crate::model::{Org, Problem};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The kinds of file orgflow reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The native team file.
    Json,
    /// A spreadsheet export with one row per person.
    Csv,
    /// A workbook (Excel or OpenDocument) with one row per person; read, never written.
    Sheet,
    /// A YAML team file (a handbook's `team.yml`); read, never written.
    Yaml,
    /// A graph file (Pajek, GraphML, GEXF): people as nodes, links and reporting lines as
    /// edges.
    Graph(GraphFormat),
}

impl Format {
    /// The format a file name asks for, from its extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" | "orgflow" => Some(Self::Json),
            "csv" | "tsv" | "txt" => Some(Self::Csv),
            e if table::WORKBOOK_EXTENSIONS.contains(&e) => Some(Self::Sheet),
            "yml" | "yaml" => Some(Self::Yaml),
            e => GraphFormat::from_extension(e).map(Self::Graph),
        }
    }
}

/// Why a file could not be opened or saved. Each names the file.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{path}: cannot read the file: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is neither a team file nor a spreadsheet export.
    #[error(
        "{path}: orgflow opens team files (.json), spreadsheet exports (.csv), workbooks (.xlsx, .xls, .ods), YAML team files (.yml) and graph files (.graphml, .gexf, .net, .paj); this file is none of these"
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The file was read but has problems; nothing of it was loaded.
    #[error("{path} cannot be opened:\n{}", list(problems))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found, in file order.
        problems: Vec<Problem>,
    },
}

impl LoadError {
    /// The problems to list for the user, one per line.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Self::Invalid { problems, .. } => problems.clone(),
            other => vec![Problem::new("", other.to_string())],
        }
    }
}

/// Why a file could not be written.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The file name does not say which format to write.
    #[error(
        "{path}: orgflow writes team files (.json), CSV (.csv) and graph files for Gephi and yEd (.graphml, .gexf, .net); use a name ending in one of those"
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// Writing failed; the old file, if any, is untouched.
    #[error("{path}: could not save: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A file that opened, with the notes about rows an import had to skip or repair.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The org, complete and valid.
    pub org: Org,
    /// What the file was.
    pub format: Format,
    /// Rows skipped or repaired during a CSV import; empty for a native file.
    pub import_problems: Vec<Problem>,
    /// What an import decided, for the user (which column holds the managers…).
    pub notes: Vec<String>,
}

impl Loaded {
    /// An org made in the program (a new org, a restored recovery): a team file, no notes.
    pub fn team(org: Org) -> Self {
        Self {
            org,
            format: Format::Json,
            import_problems: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Reads a table (CSV or workbook) from `path` and turns it into something; every error names
/// the file.
fn load_table<T>(
    path: &Path,
    sheet: Option<&str>,
    read: impl FnOnce(Table) -> Result<T, Vec<Problem>>,
) -> Result<T, LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    let invalid = |problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    };
    let table = read_table(path, &bytes, sheet).map_err(invalid)?;
    read(table).map_err(invalid)
}

/// Reads a rights sheet (CSV or workbook) onto `org`; the error names the file.
pub fn load_rights(
    org: &Org,
    path: &Path,
    sheet: Option<&str>,
    scheme: Option<RightsScheme>,
) -> Result<RightsImport, LoadError> {
    load_table(path, sheet, |table| import_rights(org, table, scheme))
}

/// Reads an edge list (CSV or workbook) onto `org` as links of `kind`; the error names the file.
pub fn load_links(
    org: &Org,
    path: &Path,
    sheet: Option<&str>,
    kind: &str,
) -> Result<LinksImport, LoadError> {
    load_table(path, sheet, |table| import_links(org, table, kind))
}

/// Reads a decision log (CSV or workbook) against `org`; the error names the file.
pub fn load_decision_log(
    org: &Org,
    path: &Path,
    sheet: Option<&str>,
) -> Result<DecisionLog, LoadError> {
    let day_hours = org.queue_settings().day_hours;
    load_table(path, sheet, |table| {
        read_decision_log(org, table, day_hours)
    })
}

/// Opens a team file or a CSV export. Either all of it loads, valid, or an error lists every problem.
pub fn load(path: &Path, columns: &CsvColumns) -> Result<Loaded, LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    load_bytes(path, &bytes, columns)
}

/// Like [`load`], for bytes already read (a dropped file, a test); `path` is used for messages.
pub fn load_bytes(path: &Path, bytes: &[u8], columns: &CsvColumns) -> Result<Loaded, LoadError> {
    let invalid = |problems| LoadError::Invalid {
        path: path.to_owned(),
        problems,
    };
    let format = match Format::from_path(path) {
        Some(format) => format,
        None if first_non_space(bytes) == Some(b'{') => Format::Json,
        None => {
            return Err(LoadError::UnknownFormat {
                path: path.to_owned(),
            });
        }
    };
    match format {
        Format::Json => {
            let org = parse_json(bytes).map_err(invalid)?;
            Ok(Loaded {
                org,
                format,
                import_problems: Vec::new(),
                notes: Vec::new(),
            })
        }
        Format::Graph(kind) => {
            let import = import_graph(bytes, kind, &stem(path)).map_err(invalid)?;
            Ok(Loaded {
                org: import.org,
                format,
                import_problems: import.problems,
                notes: import.notes,
            })
        }
        Format::Csv | Format::Sheet | Format::Yaml => {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("Imported org");
            let table = read_table(path, bytes, columns.sheet.as_deref()).map_err(invalid)?;
            let import = import_people(table, name, columns).map_err(invalid)?;
            Ok(Loaded {
                org: import.org,
                format,
                import_problems: import.problems,
                notes: import.notes,
            })
        }
    }
}

/// A file added to the team file that opened with it: its junior posts, and what reading it
/// said.
#[derive(Clone, Debug)]
pub struct Added {
    /// The file.
    pub path: PathBuf,
    /// What reading it attached, and its notes.
    pub import: JuniorImport,
}

/// Opens a team file together with files that add to it: a UK organogram's senior posts and
/// its junior posts (`senior.csv junior.csv`, in either order). Exactly one file must list
/// people; every other must be a junior-posts file, attached to those people. Either all of it
/// loads or an error names the file at fault.
pub fn load_all(
    paths: &[PathBuf],
    columns: &CsvColumns,
) -> Result<(Loaded, Vec<Added>), LoadError> {
    let [first, rest @ ..] = paths else {
        return Err(LoadError::Invalid {
            path: PathBuf::new(),
            problems: vec![Problem::new("", "no file was named")],
        });
    };
    if rest.is_empty() {
        return load(first, columns).map(|loaded| (loaded, Vec::new()));
    }
    // A file named twice would count its rows twice.
    for (k, path) in paths.iter().enumerate() {
        if paths.get(..k).unwrap_or_default().contains(path) {
            return Err(LoadError::Invalid {
                path: path.clone(),
                problems: vec![Problem::new(
                    "",
                    "this file is named twice; its rows would be counted twice",
                )],
            });
        }
    }
    let mut team: Option<(&PathBuf, Vec<u8>)> = None;
    let mut junior: Vec<(&PathBuf, Table)> = Vec::new();
    for path in paths {
        let (bytes, table) = read_with_table(path, columns.sheet.as_deref())?;
        match table {
            Some(table) if junior::is_junior_table(&table.headers) => junior.push((path, table)),
            _ => {
                if let Some((other, _)) = &team {
                    return Err(LoadError::Invalid {
                        path: path.clone(),
                        problems: vec![Problem::new(
                            "",
                            format!(
                                "orgflow opens one file of people at a time, and {} is one already; a file added to it must list junior posts (a senior post and a number of posts in FTE on each row)",
                                other.display()
                            ),
                        )],
                    });
                }
                team = Some((path, bytes));
            }
        }
    }
    let Some((team_path, bytes)) = team else {
        return Err(LoadError::Invalid {
            path: first.clone(),
            problems: vec![Problem::new(
                "",
                "every file named lists junior posts; name the senior posts file (one row per post, with its id and name) as well",
            )],
        });
    };
    let mut loaded = load_bytes(team_path, &bytes, columns)?;
    let mut added = Vec::new();
    for (path, table) in junior {
        let mut import =
            import_junior(&loaded.org, table).map_err(|problems| LoadError::Invalid {
                path: path.clone(),
                problems,
            })?;
        // The org moves to the result; what reading the file said stays with the file.
        loaded.org = std::mem::take(&mut import.org);
        added.push(Added {
            path: path.clone(),
            import,
        });
    }
    Ok((loaded, added))
}

/// Reads a junior-posts file (CSV or workbook) onto `org`, whose people are its senior posts;
/// the error names the file.
pub fn load_junior(org: &Org, path: &Path, sheet: Option<&str>) -> Result<JuniorImport, LoadError> {
    load_table(path, sheet, |table| import_junior(org, table))
}

/// A file's bytes, and its table when it is a CSV, workbook or YAML file (for telling a file of
/// people from a junior-posts file before reading either).
pub(crate) fn read_with_table(
    path: &Path,
    sheet: Option<&str>,
) -> Result<(Vec<u8>, Option<Table>), LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    let table = match Format::from_path(path) {
        Some(Format::Csv | Format::Sheet | Format::Yaml) => Some(
            read_table(path, &bytes, sheet).map_err(|problems| LoadError::Invalid {
                path: path.to_owned(),
                problems,
            })?,
        ),
        _ => None,
    };
    Ok((bytes, table))
}

/// A file's name without its extension, for naming the org it holds.
fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("Imported org")
        .to_owned()
}

fn first_non_space(bytes: &[u8]) -> Option<u8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Writes `org` to `path` in the format its extension names, atomically: a temporary file in
/// the same folder is written, flushed and renamed over the old one, so a failure never leaves
/// a half-written file.
pub fn save(org: &Org, path: &Path) -> Result<(), SaveError> {
    let bytes = match Format::from_path(path) {
        Some(Format::Json) => to_json(org).into_bytes(),
        Some(Format::Csv) => write_csv(org),
        Some(Format::Graph(kind)) => graph::write_graph(org, &crate::analysis::analyze(org), kind),
        Some(Format::Sheet | Format::Yaml) | None => {
            return Err(SaveError::UnknownFormat {
                path: path.to_owned(),
            });
        }
    };
    write_atomically(path, &bytes).map_err(|source| SaveError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Writes bytes to `path` atomically: see [`write_atomically_with`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |w| w.write_all(bytes))
}

/// Where a write goes: a file replaced atomically, or a stream written straight to.
enum Destination {
    /// Standard output (`-`).
    Stdout,
    /// A FIFO, a terminal, a device (`/dev/stdout`, `/dev/null`…): opened and written, never
    /// replaced by a regular file.
    Stream,
    /// A regular file, new or old, replaced atomically. A link to a regular file is followed, so
    /// the link stays and its target gets the new contents.
    File(PathBuf),
}

fn destination(path: &Path) -> Destination {
    if path.as_os_str() == "-" {
        return Destination::Stdout;
    }
    #[cfg(unix)]
    if let Ok(meta) = fs::metadata(path) {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() || kind.is_char_device() || kind.is_socket() || kind.is_block_device() {
            return Destination::Stream;
        }
    }
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && let Ok(target) = fs::canonicalize(path) {
        return Destination::File(target);
    }
    Destination::File(path.to_owned())
}

/// Writes what `write` produces to `path`, so that a failure never leaves a half-written file
/// and nobody but those the old file allowed can read the new contents, even for a moment.
///
/// - `-` writes to standard output; a FIFO, terminal or device is opened and written straight
///   to, never replaced.
/// - Otherwise a temporary file beside `path` is created, already with the old file's
///   permissions (a new file: as any program would, the umask applies), then written, synced
///   and renamed over `path`.
/// - The temporary file gets an unpredictable name and is created exclusively (the `tempfile`
///   crate), so a link planted where it will be written is never followed.
/// - Errors carry what the system said, never the temporary file's name.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let path = match destination(path) {
        Destination::Stdout => {
            let mut out = std::io::stdout().lock();
            write(&mut out)?;
            return out.flush();
        }
        Destination::Stream => {
            let mut stream = fs::OpenOptions::new().write(true).open(path)?;
            write(&mut stream)?;
            return stream.flush();
        }
        Destination::File(path) => path,
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path.file_name().map_or_else(
        || "orgflow".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let old_permissions = fs::metadata(&path).ok().map(|m| m.permissions());
    let prefix = format!(".{file_name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // Created with the final mode (the umask may narrow it, never widen it): an old file's,
        // or, for a new file, what any program would create.
        use std::os::unix::fs::PermissionsExt;
        let mode = old_permissions
            .as_ref()
            .map_or(0o666, |p| p.mode() & 0o7777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut temp = builder.tempfile_in(&folder).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!(
                "could not create a file in {}: {}",
                folder.display(),
                e.kind()
            ),
        )
    })?;
    // Bits the umask took off an old file's mode come back before a byte is written.
    if let Some(permissions) = old_permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    // The file itself, not the temporary wrapper, whose errors name the temporary file.
    let file = temp.as_file_mut();
    write(file)?;
    file.flush()?;
    file.sync_all()?;
    temp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}
