//! Choosing files: the dialogs behind a trait (the system's in the window, answers in tests),
//! and what a file chosen in orgflow's own picker is for.

use std::path::PathBuf;

/// What a file dialog answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// The user chose this file.
    File(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// The dialog could not open at all; the reason, for the user.
    Unavailable(String),
}

/// File dialogs, behind a trait so tests never open a real one.
pub trait FileDialogs {
    /// Asks for a team file to open.
    fn pick_file_to_open(&mut self) -> Picked;

    /// Asks where to save a file, suggesting a name.
    fn pick_file_to_save(&mut self, suggested_name: &str) -> Picked;

    /// Asks for a rights sheet (CSV or workbook) to import.
    fn pick_sheet_to_import(&mut self) -> Picked {
        self.pick_file_to_open()
    }
}

/// Dialogs that never open and always answer "cancelled": for a session with no window
/// (benchmarks, tests, batch work).
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick_file_to_open(&mut self) -> Picked {
        Picked::Cancelled
    }

    fn pick_file_to_save(&mut self, _suggested_name: &str) -> Picked {
        Picked::Cancelled
    }
}

/// The extensions the open dialogs offer.
pub const OPENABLE: &[&str] = &[
    "json", "csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods", "yml", "yaml", "graphml",
    "gexf", "net", "paj",
];
/// The extensions a rights sheet may have.
pub const SHEETS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods"];

/// What a file chosen in orgflow's own picker is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// Open it.
    Open,
    /// Save the team file there, then carry on with what was waiting, if anything.
    Save(Option<super::Pending>),
    /// Export the image there.
    Export,
    /// Import decision rights from it.
    ImportRights,
    /// Compare the open org with it.
    Compare,
    /// Import links from it.
    ImportLinks,
    /// Read it as a decision log.
    ImportDecisionLog,
    /// Add the junior posts it lists to the open org's senior posts.
    AddJunior,
}
