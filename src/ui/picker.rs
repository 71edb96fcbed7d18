//! orgflow's own file picker (egui-file-dialog), for desktops where the system's dialogs cannot
//! open; a chosen file becomes an action for what the picker was opened for.

use crate::session::{OPENABLE, PickerRequest, Purpose, SHEETS};
use std::path::PathBuf;

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

    /// Opens the picker as the session asked: to choose a file to open, a sheet to import, or
    /// where to save.
    pub fn show(&mut self, request: &PickerRequest) {
        let folder = request.folder.clone();
        let (title, filter, extensions) = match request.purpose {
            Purpose::ImportLinks => ("Import links", "Spreadsheets", SHEETS),
            Purpose::ImportDecisionLog => ("Import a decision log", "Spreadsheets", SHEETS),
            Purpose::AddJunior => ("Add junior posts", "Spreadsheets", SHEETS),
            Purpose::ImportRights => ("Import decision rights", "Spreadsheets", SHEETS),
            Purpose::Compare => (
                "Compare with a team file",
                "Team files, HR exports and graphs",
                OPENABLE,
            ),
            _ => (
                "Open a team file",
                "Team files, HR exports and graphs",
                OPENABLE,
            ),
        };
        self.dialog = match &request.save_as {
            Some(name) => picker(folder, name).title("Save as (orgflow's file picker)"),
            None => picker(folder, "")
                .title(&format!("{title} (orgflow's file picker)"))
                .add_file_filter_extensions(filter, extensions.to_vec())
                .default_file_filter(filter),
        };
        if request.save_as.is_some() {
            self.dialog.save_file();
        } else {
            self.dialog.pick_file();
        }
        self.purpose = Some(request.purpose.clone());
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
