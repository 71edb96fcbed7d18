//! Reading several snapshots of one org for `trend`: a file each (a UK organogram's senior
//! posts with its junior posts after it), or one file whose date column stacks several.

use super::csv_import::split_snapshots;
use super::{
    Added, Format, LoadError, Loaded, import_junior, import_people, junior, load_bytes,
    read_with_table,
};
use crate::io::CsvColumns;
use crate::model::{Date, Problem};
use std::path::{Path, PathBuf};

/// One snapshot of an org, as read for a trend.
#[derive(Clone, Debug)]
pub struct SnapshotLoaded {
    /// Its date: the file's date column's, or a date in the file's name
    /// (`department_for_transport-2011-09-30-senior.csv`); `None` when neither has one.
    pub date: Option<Date>,
    /// How the snapshot is named: its date, or else its file's name.
    pub label: String,
    /// The file of people it was read from.
    pub path: PathBuf,
    /// The org as read (junior posts added), with what reading it said.
    pub loaded: Loaded,
    /// The junior-posts files added to it, with what reading each said.
    pub added: Vec<Added>,
}

/// The snapshots the files hold, in time order, and what reading them as such said.
#[derive(Clone, Debug)]
pub struct Snapshots {
    /// Earliest first (in the order named when some have no date).
    pub snapshots: Vec<SnapshotLoaded>,
    /// Notes about files as a whole (a file split into its snapshots, the order changed), each
    /// with its file.
    pub notes: Vec<(PathBuf, String)>,
}

/// A `YYYY-MM-DD` date in a file's name, as UK organograms and many exports name their files.
pub fn date_in_name(path: &Path) -> Option<Date> {
    let name = path.file_stem()?.to_str()?;
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|k| {
        let part = name.get(k..k + 10)?;
        let b = part.as_bytes();
        let digits = |r: std::ops::Range<usize>| r.into_iter().all(|i| b[i].is_ascii_digit());
        if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
            return None;
        }
        // Not part of a longer number ("12011-09-301").
        let before = k.checked_sub(1).and_then(|i| bytes.get(i));
        let after = bytes.get(k + 10);
        if before.is_some_and(u8::is_ascii_digit) || after.is_some_and(u8::is_ascii_digit) {
            return None;
        }
        crate::model::parse_date(part, false)
    })
}

/// A file of people with the junior-posts files named after it.
struct Group<'a> {
    path: &'a PathBuf,
    bytes: Vec<u8>,
    table: Option<super::Table>,
    junior: Vec<(&'a PathBuf, super::Table)>,
}

/// Reads the snapshots of one org that `paths` hold: each file of people is a snapshot (with
/// the junior-posts files named after it added to it), and a CSV or sheet whose date column
/// holds several dates is a snapshot a date. Either every file reads or the error names the
/// one at fault.
pub fn load_snapshots(paths: &[PathBuf], columns: &CsvColumns) -> Result<Snapshots, LoadError> {
    let invalid = |path: &Path, text: String| LoadError::Invalid {
        path: path.to_owned(),
        problems: vec![Problem::new("", text)],
    };
    if paths.is_empty() {
        return Err(invalid(Path::new(""), "no file was named".to_owned()));
    }
    let mut groups: Vec<Group<'_>> = Vec::new();
    for (k, path) in paths.iter().enumerate() {
        if paths.get(..k).unwrap_or_default().contains(path) {
            return Err(invalid(
                path,
                "this file is named twice; its snapshot would be counted twice".to_owned(),
            ));
        }
        let (bytes, table) = read_with_table(path, columns.sheet.as_deref())?;
        match table {
            Some(table) if junior::is_junior_table(&table.headers) => {
                let Some(group) = groups.last_mut() else {
                    return Err(invalid(
                        path,
                        "this file lists junior posts; name its senior posts file before it (`trend senior-2011.csv junior-2011.csv senior-2012.csv …`)".to_owned(),
                    ));
                };
                group.junior.push((path, table));
            }
            table => groups.push(Group {
                path,
                bytes,
                table,
                junior: Vec::new(),
            }),
        }
    }
    let mut out = Snapshots {
        snapshots: Vec::new(),
        notes: Vec::new(),
    };
    for group in groups {
        read_group(group, columns, &mut out)?;
    }
    let dated = out.snapshots.iter().all(|s| s.date.is_some());
    if dated {
        let before: Vec<PathBuf> = out.snapshots.iter().map(|s| s.path.clone()).collect();
        out.snapshots.sort_by_key(|s| s.date);
        let after: Vec<PathBuf> = out.snapshots.iter().map(|s| s.path.clone()).collect();
        if before != after
            && let Some(first) = out.snapshots.first()
        {
            out.notes.push((
                first.path.clone(),
                "the snapshots were named out of date order; they are shown earliest first"
                    .to_owned(),
            ));
        }
    } else if out.snapshots.len() > 1 {
        let undated: Vec<String> = out
            .snapshots
            .iter()
            .filter(|s| s.date.is_none())
            .map(|s| s.label.clone())
            .collect();
        if let Some(first) = out.snapshots.first() {
            out.notes.push((
                first.path.clone(),
                format!(
                    "no date found for {} (neither a date column nor a YYYY-MM-DD in the file's name): the snapshots are shown in the order named, evenly spaced",
                    undated.join(", ")
                ),
            ));
        }
    }
    Ok(out)
}

/// Reads one file of people (and its junior posts) as one snapshot, or several when its date
/// column holds several dates.
fn read_group(
    group: Group<'_>,
    columns: &CsvColumns,
    out: &mut Snapshots,
) -> Result<(), LoadError> {
    let Group {
        path,
        bytes,
        table,
        junior,
    } = group;
    let invalid = |problems| LoadError::Invalid {
        path: path.clone(),
        problems,
    };
    let name = super::stem(path);
    let format = Format::from_path(path).unwrap_or(Format::Json);
    let split = match table {
        Some(table) => match split_snapshots(table) {
            Ok(split) => Some(split),
            Err(table) => {
                let import = import_people(table, &name, columns).map_err(invalid)?;
                let loaded = Loaded {
                    org: import.org,
                    format,
                    import_problems: import.problems,
                    notes: import.notes,
                };
                return push_one(path, loaded, junior, out);
            }
        },
        None => None,
    };
    let Some(split) = split else {
        let loaded = load_bytes(path, &bytes, columns)?;
        return push_one(path, loaded, junior, out);
    };
    if let Some((junior_path, _)) = junior.first() {
        return Err(LoadError::Invalid {
            path: (*junior_path).clone(),
            problems: vec![Problem::new(
                "",
                format!(
                    "{} holds several snapshots, so it is not clear which one these junior posts belong to; name a senior posts file of one snapshot before each junior posts file",
                    path.display()
                ),
            )],
        });
    }
    out.notes.push((path.clone(), split.note));
    for (date, table) in split.snapshots {
        let import =
            import_people(table, &name, columns).map_err(|problems| LoadError::Invalid {
                path: path.clone(),
                problems: problems
                    .into_iter()
                    .map(|p| Problem::new(format!("snapshot {date}, {}", p.place), p.message))
                    .collect(),
            })?;
        out.snapshots.push(SnapshotLoaded {
            date: Some(date),
            label: date.to_string(),
            path: path.clone(),
            loaded: Loaded {
                org: import.org,
                format,
                import_problems: import.problems,
                notes: import.notes,
            },
            added: Vec::new(),
        });
    }
    Ok(())
}

/// One file's snapshot, with its junior posts added.
fn push_one(
    path: &Path,
    mut loaded: Loaded,
    junior: Vec<(&PathBuf, super::Table)>,
    out: &mut Snapshots,
) -> Result<(), LoadError> {
    let mut added = Vec::new();
    for (junior_path, table) in junior {
        let mut import =
            import_junior(&loaded.org, table).map_err(|problems| LoadError::Invalid {
                path: junior_path.clone(),
                problems,
            })?;
        loaded.org = std::mem::take(&mut import.org);
        added.push(Added {
            path: junior_path.clone(),
            import,
        });
    }
    let date = date_in_name(path);
    let label = date.map_or_else(
        || {
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        },
        |d| d.to_string(),
    );
    out.snapshots.push(SnapshotLoaded {
        date,
        label,
        path: path.to_owned(),
        loaded,
        added,
    });
    Ok(())
}
