//! Where a command may write: never onto a file it reads, never over a spreadsheet unasked.

use std::fs;
use std::path::Path;
use thiserror::Error;

/// Why a command must not write where it was asked to.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum OutputError {
    /// The output is one of the files the command reads.
    #[error(
        "{out}: this is {role} this command reads{}; writing the output there would destroy it. Choose another name for the output.",
        if out == input { String::new() } else { format!(" ({input})") }
    )]
    IsInput {
        /// The output as given.
        out: String,
        /// Which input it is ("the team file", "the --rights sheet"…).
        role: String,
        /// The input as given.
        input: String,
    },
    /// The output is an existing spreadsheet that converting would replace.
    #[error(
        "{out} already exists and converting would replace it{lost}. Add --force to replace it, or choose another name."
    )]
    WouldReplaceCsv {
        /// The output as given.
        out: String,
        /// What would be lost, as a clause (", and with it …"), or nothing.
        lost: String,
    },
}

/// Whether two paths name one file: the same device and inode (a hard link, a symbolic link or
/// another spelling of the path), or, where the system cannot tell, the same canonical path.
/// A path that does not exist yet is no file, so it is nobody's twin.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

/// Whether writing to `path` goes to a stream (standard output as `-`, a FIFO, a terminal, a
/// device) rather than replacing a file.
pub fn is_stream(path: &Path) -> bool {
    if path.as_os_str() == "-" {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        fs::metadata(path).is_ok_and(|m| {
            let kind = m.file_type();
            kind.is_fifo() || kind.is_char_device() || kind.is_socket() || kind.is_block_device()
        })
    }
    #[cfg(not(unix))]
    false
}

/// Refuses an output that is one of the command's inputs, each given with its role ("the team
/// file", "the --rights sheet"…). There is no way round this: a command that overwrote what it
/// reads would lose the original.
pub fn check_output(out: &Path, inputs: &[(&str, &Path)]) -> Result<(), OutputError> {
    if is_stream(out) {
        return Ok(());
    }
    for (role, input) in inputs {
        if same_file(out, input) {
            return Err(OutputError::IsInput {
                out: out.display().to_string(),
                role: (*role).to_owned(),
                input: input.display().to_string(),
            });
        }
    }
    Ok(())
}

/// Refuses to replace an existing spreadsheet (CSV) with a conversion unless `force`: the
/// columns it has that orgflow does not write would be lost, and the message names them.
pub fn check_csv_overwrite(
    out: &Path,
    written_headers: &[String],
    force: bool,
) -> Result<(), OutputError> {
    if force || is_stream(out) || !fs::metadata(out).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let old = fs::read(out).ok().and_then(|bytes| {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(bytes.as_slice());
        let headers: Vec<String> = reader
            .headers()
            .ok()?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
            .filter(|h| !h.is_empty())
            .collect();
        let rows = reader.records().count();
        Some((headers, rows))
    });
    let lost = match old {
        Some((headers, rows)) => {
            let gone: Vec<String> = headers
                .into_iter()
                .filter(|h| !written_headers.iter().any(|w| w.eq_ignore_ascii_case(h)))
                .collect();
            let rows = if rows == 1 {
                "1 row".to_owned()
            } else {
                format!("{rows} rows")
            };
            if gone.is_empty() {
                format!(" ({rows})")
            } else {
                format!(
                    " ({rows}), and with it the columns orgflow does not write: {}",
                    gone.join(", ")
                )
            }
        }
        None => String::new(),
    };
    Err(OutputError::WouldReplaceCsv {
        out: out.display().to_string(),
        lost,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_its_own_twin_under_any_spelling_and_link() {
        let dir = tempfile::tempdir().expect("dir");
        let a = dir.path().join("team.json");
        fs::write(&a, "{}").expect("write");
        let other = dir.path().join("other.json");
        fs::write(&other, "{}").expect("write");
        let dotted = dir.path().join(".").join("team.json");
        assert!(same_file(&a, &dotted));
        assert!(!same_file(&a, &other));
        assert!(!same_file(&a, &dir.path().join("new.json")));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&a, &link).expect("link");
            assert!(same_file(&a, &link));
            let hard = dir.path().join("hard.json");
            fs::hard_link(&a, &hard).expect("hard link");
            assert!(same_file(&a, &hard));
        }
        let err = check_output(
            &dotted,
            &[("the --rights sheet", &other), ("the team file", &a)],
        )
        .expect_err("refused");
        assert!(err.to_string().contains("the team file"), "{err}");
        assert!(check_output(Path::new("-"), &[("the team file", &a)]).is_ok());
    }

    #[test]
    fn replacing_a_spreadsheet_names_the_columns_it_would_lose() {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("staff.csv");
        fs::write(
            &out,
            "Employee ID,Name,Manager Name,Location\n1,Ann,,Leeds\n2,Bo,Ann,York\n",
        )
        .expect("write");
        let written: Vec<String> = ["id", "name", "manager"].map(String::from).to_vec();
        let err = check_csv_overwrite(&out, &written, false).expect_err("refused");
        let text = err.to_string();
        assert!(text.contains("2 rows"), "{text}");
        assert!(
            text.contains("Employee ID, Manager Name, Location"),
            "{text}"
        );
        assert!(text.contains("--force"), "{text}");
        assert!(check_csv_overwrite(&out, &written, true).is_ok());
        assert!(check_csv_overwrite(&dir.path().join("new.csv"), &written, false).is_ok());
    }
}
