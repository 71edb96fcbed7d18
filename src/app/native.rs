//! The system's file dialogs (rfd: the desktop portal, or zenity), told apart from a dialog
//! that never showed, so orgflow's own picker can open instead.

use crate::session::{FileDialogs, OPENABLE, Picked, SHEETS};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
                .add_filter("Team files, HR exports and graphs", OPENABLE)
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
