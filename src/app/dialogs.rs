//! Choosing files: the system's dialogs (rfd) behind a trait that tests answer, and orgflow's own
//! picker for desktops where the system's cannot open.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// Faster than any person can cancel a dialog: a "no answer" this quick means it never showed.
const TOO_QUICK_FOR_A_PERSON: Duration = Duration::from_millis(250);

/// The system's file dialogs (rfd: the desktop portal, or zenity).
#[derive(Default)]
pub struct NativeDialogs {
    /// Set once the system's dialogs failed; they are not tried again in this run.
    missing: Option<String>,
}

impl NativeDialogs {
    fn ask(&mut self, ask: impl FnOnce() -> Option<PathBuf>) -> Picked {
        if let Some(why) = self.missing.clone().or_else(missing_reason) {
            self.missing = Some(why.clone());
            return Picked::Unavailable(why);
        }
        let started = Instant::now();
        match ask() {
            Some(path) => Picked::File(path),
            None if started.elapsed() < TOO_QUICK_FOR_A_PERSON => {
                let why = "the system's file dialog closed before it was shown (no desktop portal or zenity answered)".to_owned();
                self.missing = Some(why.clone());
                Picked::Unavailable(why)
            }
            None => Picked::Cancelled,
        }
    }
}

impl FileDialogs for NativeDialogs {
    fn pick_file_to_open(&mut self) -> Picked {
        self.ask(|| {
            rfd::FileDialog::new()
                .set_title("Open a team file")
                .add_filter("Team files and HR exports", OPENABLE)
                .add_filter("All files", &["*"])
                .pick_file()
        })
    }

    fn pick_sheet_to_import(&mut self) -> Picked {
        self.ask(|| {
            rfd::FileDialog::new()
                .set_title("Import decision rights (a RACI, RAPID or D/A/C sheet)")
                .add_filter("Spreadsheets", SHEETS)
                .add_filter("All files", &["*"])
                .pick_file()
        })
    }

    fn pick_file_to_save(&mut self, suggested_name: &str) -> Picked {
        let extension = extension_of(suggested_name);
        self.ask(|| {
            rfd::FileDialog::new()
                .set_title("Save as")
                .set_file_name(suggested_name)
                .add_filter(extension.to_uppercase(), &[extension.as_str()])
                .save_file()
        })
    }
}

/// The extensions the open dialogs offer.
const OPENABLE: &[&str] = &[
    "json", "csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods",
];
/// The extensions a rights sheet may have.
const SHEETS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods"];

fn extension_of(name: &str) -> String {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("json")
        .to_owned()
}

/// Why the system's dialogs cannot work here, when that can be told without trying: on Linux
/// they need a desktop portal on the session bus or the `zenity` program.
fn missing_reason() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    (!bus && !zenity).then(|| {
        "this desktop has no file-dialog service (no desktop portal on a session bus, and no zenity)"
            .to_owned()
    })
}

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
}

/// orgflow's own file picker (egui-file-dialog), used when the system's cannot open.
pub struct InAppPicker {
    /// The picker's state.
    pub dialog: egui_file_dialog::FileDialog,
    /// What the chosen file is for; `None` while closed.
    pub purpose: Option<Purpose>,
}

impl Default for InAppPicker {
    fn default() -> Self {
        Self::new(std::env::current_dir().unwrap_or_default())
    }
}

impl InAppPicker {
    /// A closed picker that starts in `folder`.
    pub fn new(folder: PathBuf) -> Self {
        Self {
            dialog: picker(folder, ""),
            purpose: None,
        }
    }

    /// Opens the picker to choose a file to open.
    pub fn open(&mut self, folder: PathBuf) {
        self.dialog = picker(folder, "")
            .title("Open a team file (orgflow's file picker)")
            .add_file_filter_extensions("Team files and HR exports", OPENABLE.to_vec())
            .default_file_filter("Team files and HR exports");
        self.dialog.pick_file();
        self.purpose = Some(Purpose::Open);
    }

    /// Opens the picker to choose a rights sheet.
    pub fn import_rights(&mut self, folder: PathBuf) {
        self.dialog = picker(folder, "")
            .title("Import decision rights (orgflow's file picker)")
            .add_file_filter_extensions("Spreadsheets", SHEETS.to_vec())
            .default_file_filter("Spreadsheets");
        self.dialog.pick_file();
        self.purpose = Some(Purpose::ImportRights);
    }

    /// Opens the picker to choose where to save, suggesting a name.
    pub fn save(&mut self, folder: PathBuf, suggested_name: &str, purpose: Purpose) {
        self.dialog = picker(folder, suggested_name).title("Save as (orgflow's file picker)");
        self.dialog.save_file();
        self.purpose = Some(purpose);
    }
}

fn picker(folder: PathBuf, name: &str) -> egui_file_dialog::FileDialog {
    let mut dialog = egui_file_dialog::FileDialog::new()
        .id("in-app-file-picker")
        .initial_directory(folder)
        .default_file_name(name)
        .default_size([720.0, 460.0]);
    // Plain words: every glyph shown must exist in the shipped fonts.
    let labels = dialog.labels_mut();
    labels.open_button = "Open".to_owned();
    labels.save_button = "Save".to_owned();
    labels.cancel_button = "Cancel".to_owned();
    dialog
}
