//! What the GUI tests share: a harness around the real app, with dialogs that never open.

#![allow(dead_code)]

use egui_kittest::Harness;
use orgflow::app::OrgflowApp;
use orgflow::session::{FileDialogs, Picked, Settings};
use std::path::PathBuf;

/// Answers the open and save dialogs with fixed files.
pub struct PresetDialog {
    /// What the open dialog answers.
    pub open: Option<PathBuf>,
    /// What the save dialog answers.
    pub save: Option<PathBuf>,
}

impl FileDialogs for PresetDialog {
    fn pick_file_to_open(&mut self) -> Picked {
        self.open.clone().map_or(Picked::Cancelled, Picked::File)
    }

    fn pick_file_to_save(&mut self, _suggested_name: &str) -> Picked {
        self.save.clone().map_or(Picked::Cancelled, Picked::File)
    }
}

/// Dialogs that cannot open, as on a desktop with no portal and no zenity.
pub struct MissingDialogs;

impl FileDialogs for MissingDialogs {
    fn pick_file_to_open(&mut self) -> Picked {
        Picked::Unavailable("no desktop portal and no zenity".to_owned())
    }

    fn pick_file_to_save(&mut self, _suggested_name: &str) -> Picked {
        Picked::Unavailable("no desktop portal and no zenity".to_owned())
    }
}

/// The real app (its eframe `logic` and `ui`, as the window runs them) in a 1600×1000
/// harness, on its start screen.
pub fn harness_with(app: OrgflowApp) -> Harness<'static, OrgflowApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(|cc| {
            orgflow::ui::install_fonts(&cc.egui_ctx);
            app
        });
    harness.run();
    harness
}

/// A fresh app whose dialogs answer with these files.
pub fn harness(open: Option<&str>, save: Option<&std::path::Path>) -> Harness<'static, OrgflowApp> {
    let app = OrgflowApp::new(
        Settings::default(),
        Box::new(PresetDialog {
            open: open.map(PathBuf::from),
            save: save.map(std::borrow::ToOwned::to_owned),
        }),
    );
    harness_with(app)
}

/// Opens the traditional school from the start screen.
pub fn open_school(h: &mut Harness<'static, OrgflowApp>) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label("Open example riverside-traditional.json")
        .click();
    h.run();
}

/// The index of the person with this id in the open document.
pub fn person(h: &Harness<'static, OrgflowApp>, id: &str) -> u32 {
    h.state()
        .session
        .document
        .as_ref()
        .and_then(|d| d.index_of(id))
        .expect("person in the document")
}

/// The selection of the person with this id.
pub fn selected(id: &str) -> orgflow::session::Selection {
    orgflow::session::Selection::Person(orgflow::model::PersonId(id.to_owned()))
}

/// The open document; a test without one fails here.
pub fn open_doc<'h>(h: &'h Harness<'static, OrgflowApp>) -> &'h orgflow::session::Document {
    h.state()
        .session
        .document
        .as_ref()
        .expect("a document is open")
}
