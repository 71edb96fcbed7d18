//! The eframe app: the open document, per-run view state, persisted settings, and the actions
//! the panels record while drawing, applied in one place at the end of the frame.

mod document;

pub use document::{Document, EXAMPLES};

use crate::edit::Command;
use crate::export::{ExportFormat, ExportOptions, ExportView, Extent, export_to_file};
use crate::io::CsvColumns;
use crate::layout::Orientation;
use crate::model::Problem;
use crate::scene::Target;
use crate::ui::canvas::Canvas;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent files the start screen and the File menu remember.
const RECENT_FILES: usize = 8;

/// Native dialogs, behind a trait so tests never open a real one.
pub trait FileDialogs {
    /// Asks for a team file to open; `None` when the user cancels.
    fn pick_file_to_open(&mut self) -> Option<PathBuf>;

    /// Asks where to save a file, suggesting a name; `None` when the user cancels.
    fn pick_file_to_save(&mut self, suggested_name: &str) -> Option<PathBuf>;
}

/// The system's file dialogs (rfd).
#[derive(Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_file_to_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a team file")
            .add_filter("Team files and HR exports", &["json", "csv", "tsv", "txt"])
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_file_to_save(&mut self, suggested_name: &str) -> Option<PathBuf> {
        let extension = Path::new(suggested_name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("png")
            .to_owned();
        rfd::FileDialog::new()
            .set_title("Save as")
            .set_file_name(suggested_name)
            .add_filter(extension.to_uppercase(), &[extension.as_str()])
            .save_file()
    }
}

/// The choices of the Export image… dialog; kept between exports in one run.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    /// Open or closed.
    pub open: bool,
    /// Which picture.
    pub view: ExportView,
    /// Everything, or what the views show now.
    pub in_view_only: bool,
    /// Only the selected person and everybody below them (the hierarchy).
    pub selected_subtree: bool,
    /// Which format.
    pub format: ExportFormat,
    /// Slide width in pixels.
    pub width: u32,
    /// Slide height in pixels.
    pub height: u32,
    /// PNG pixel density.
    pub scale: f32,
    /// The slide's title.
    pub title: String,
    /// No background.
    pub transparent: bool,
    /// How many findings to call out.
    pub findings: usize,
    /// What the last export did, for the user.
    pub outcome: Option<Result<PathBuf, String>>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        let d = ExportOptions::default();
        Self {
            open: false,
            view: d.view,
            in_view_only: false,
            selected_subtree: false,
            format: d.format,
            width: d.width,
            height: d.height,
            scale: d.scale,
            title: String::new(),
            transparent: d.transparent,
            findings: d.findings,
            outcome: None,
        }
    }
}

/// What persists between runs: UI settings only, never the user's data.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Which way the hierarchy grows.
    pub orientation: Orientation,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            orientation: Orientation::TopDown,
        }
    }
}

impl Settings {
    fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT_FILES);
    }
}

/// A file that failed to open, with its problems; the open document stays as it was.
#[derive(Clone, Debug)]
pub struct LoadFailure {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// Every problem, or the one reason it could not be read.
    pub problems: Vec<Problem>,
}

/// Something the user asked for, recorded while drawing and applied after.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Show the native open dialog.
    OpenDialog,
    /// Open this file.
    Open(PathBuf),
    /// Open a bundled example by its file name.
    OpenExample(&'static str),
    /// Close the document and go back to the start screen.
    Close,
    /// Start a new, empty org.
    New,
    /// Select something (or nothing) in both views.
    Select(Option<Target>),
    /// Select and frame the people or domains of a finding.
    FocusFinding(usize),
    /// Frame the selection in both views.
    FrameSelection,
    /// Hide or show a person's reports.
    ToggleCollapse(u32),
    /// Show every level down to this one, hide the rest.
    ExpandToLevel(usize),
    /// Show everybody.
    ExpandAll,
    /// Grow the hierarchy the other way.
    SetOrientation(Orientation),
    /// Fit both views.
    FitAll,
    /// Hide the panel of a failed open.
    DismissFailure,
    /// Show the Export image… dialog.
    OpenExportDialog,
    /// Ask where to save, then export with the dialog's choices.
    Export,
    /// Apply an edit as one undo step.
    Apply(Command),
    /// Move a person (and their subtree) under a new manager.
    Move {
        /// Who moves.
        person: u32,
        /// Their new manager.
        manager: u32,
    },
    /// Delete a person; their reports move up.
    Delete(u32),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Save to the document's file, or ask where.
    Save,
    /// Ask where, then save.
    SaveAs,
    /// Answer the unsaved-changes question.
    Resolve(Choice),
    /// Restore the unsaved changes found after a crash, or throw them away.
    Recover(bool),
}

/// What the inspector's text fields hold while the user types, for the selected target.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// Whose fields these are; any other selection refills them.
    pub target: Option<Target>,
    /// Name (of a person or a domain).
    pub name: String,
    /// Title.
    pub title: String,
    /// Team.
    pub team: String,
    /// Skills, `;`-separated.
    pub skills: String,
    /// Decisions a month (a domain).
    pub per_month: f64,
    /// Raised by, `;`-separated (a domain); empty means everyone.
    pub raised_by: String,
    /// What the manager picker filters by.
    pub manager_filter: String,
    /// What the link picker filters by.
    pub link_filter: String,
}

/// The answers to "Save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Stay.
    Cancel,
}

/// Something that would lose unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Open this file.
    Open(PathBuf),
    /// Open the open dialog.
    OpenDialog,
    /// Open a bundled example.
    OpenExample(&'static str),
    /// Close the document.
    Close,
    /// Start a new, empty org.
    New,
    /// Close the window.
    Quit,
}

/// Unsaved changes found after orgflow stopped without saving them.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Recovery {
    /// The file they belong to.
    pub path: PathBuf,
    /// Whether that file is a team file orgflow can save to.
    pub has_file: bool,
    /// The edited org.
    pub team: crate::model::Org,
}

/// How long after the last edit the recovery file is written.
pub const RECOVERY_DELAY: std::time::Duration = std::time::Duration::from_secs(3);

/// The whole app.
pub struct OrgflowApp {
    /// Persisted settings.
    pub settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    /// The open document, if any.
    pub document: Option<Document>,
    /// The last file that failed to open.
    pub failure: Option<LoadFailure>,
    /// What is selected in both views.
    pub selection: Option<Target>,
    /// The search box's text.
    pub search: String,
    /// Ask the search box for focus on the next frame.
    pub focus_search: bool,
    /// The hierarchy view's zoom and pan.
    pub hierarchy_view: Canvas,
    /// The distributed view's zoom and pan.
    pub network_view: Canvas,
    /// The level the "Expand to level" control shows.
    pub expand_level: usize,
    /// The title last sent to the window: sending it again would cost a repaint.
    pub shown_title: String,
    /// The Export image… dialog.
    pub export: ExportDialog,
    /// The last thing to tell the user (an edit refused, reports moved, a save).
    pub status: Option<(bool, String)>,
    /// An action waiting for "Save changes?".
    pub pending: Option<Pending>,
    /// The window may close now.
    pub allow_close: bool,
    /// The user answered "Save changes?" for closing the window: close it on the next frame.
    pub quit_confirmed: bool,
    /// Where unsaved changes are kept against a crash; `None` keeps none.
    pub recovery_path: Option<PathBuf>,
    /// When the recovery file is due.
    pub recovery_due: Option<std::time::Instant>,
    /// Unsaved changes found at start, offered for restoring.
    pub recovered: Option<Recovery>,
    /// The inspector's fields being typed in.
    pub draft: Draft,
    actions: Vec<Action>,
}

impl OrgflowApp {
    /// The app with these settings and dialogs, showing the start screen.
    pub fn new(settings: Settings, dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            settings,
            dialogs,
            document: None,
            failure: None,
            selection: None,
            search: String::new(),
            focus_search: false,
            hierarchy_view: Canvas::default(),
            network_view: Canvas::default(),
            expand_level: 2,
            shown_title: String::new(),
            export: ExportDialog::default(),
            status: None,
            pending: None,
            allow_close: false,
            quit_confirmed: false,
            recovery_path: None,
            recovery_due: None,
            recovered: None,
            draft: Draft::default(),
            actions: Vec::new(),
        }
    }

    /// The app as eframe starts it: settings from storage, native dialogs, maybe a file.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::new(settings, Box::new(NativeDialogs));
        if let Some(dir) = eframe::storage_dir("orgflow") {
            app.use_recovery_file(dir.join("unsaved-changes.json"));
        }
        if let Some(file) = file {
            app.open(&file);
        }
        app
    }

    /// Keeps unsaved changes in `path`, and offers to restore what a crash left there.
    pub fn use_recovery_file(&mut self, path: PathBuf) {
        if let Ok(bytes) = std::fs::read(&path) {
            match serde_json::from_slice::<Recovery>(&bytes) {
                Ok(r) if crate::model::validate(&r.team).is_empty() => self.recovered = Some(r),
                _ => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        self.recovery_path = Some(path);
    }

    /// Writes the recovery file now if there are unsaved changes, or removes it if not.
    pub fn write_recovery(&mut self) {
        self.recovery_due = None;
        let Some(path) = &self.recovery_path else {
            return;
        };
        match &self.document {
            Some(doc) if doc.is_dirty() => {
                let recovery = Recovery {
                    path: doc.path.clone(),
                    has_file: doc.has_file,
                    team: doc.org.clone(),
                };
                if let Some(folder) = path.parent() {
                    let _ = std::fs::create_dir_all(folder);
                }
                if let Ok(text) = serde_json::to_vec(&recovery)
                    && let Err(e) = crate::io::write_atomically(path, &text)
                {
                    self.status = Some((false, format!("Could not keep a recovery copy: {e}")));
                }
            }
            _ => {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// Writes the recovery file when it is due; returns how long until it is, if pending.
    pub fn tick_recovery(&mut self, now: std::time::Instant) -> Option<std::time::Duration> {
        let due = self.recovery_due?;
        if now >= due {
            self.write_recovery();
            None
        } else {
            Some(due - now)
        }
    }

    fn edited(&mut self) {
        self.recovery_due = Some(std::time::Instant::now() + RECOVERY_DELAY);
    }

    /// Records an action to apply at the end of the frame.
    pub fn act(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Opens a file; on failure lists its problems and leaves the open document untouched.
    pub fn open(&mut self, path: &Path) {
        match crate::io::load(path, &CsvColumns::default()) {
            Ok(loaded) => {
                self.settings.remember(path);
                self.show(Document::new(
                    path.to_owned(),
                    loaded,
                    self.settings.orientation,
                ));
            }
            Err(e) => {
                self.failure = Some(LoadFailure {
                    path: path.to_owned(),
                    problems: e.problems(),
                });
            }
        }
    }

    /// Opens a bundled example by file name.
    pub fn open_example(&mut self, name: &str) {
        let Some((_, text)) = EXAMPLES.iter().find(|(n, _)| *n == name) else {
            return;
        };
        let path = PathBuf::from(name);
        match crate::io::load_bytes(&path, text.as_bytes(), &CsvColumns::default()) {
            Ok(loaded) => {
                // A bundled example has no file of its own: Save asks where.
                let mut doc = Document::new(path, loaded, self.settings.orientation);
                doc.has_file = false;
                self.show(doc);
            }
            Err(e) => {
                self.failure = Some(LoadFailure {
                    path,
                    problems: e.problems(),
                })
            }
        }
    }

    /// Shows a document that is already loaded (a generated org, a test).
    pub fn show(&mut self, document: Document) {
        self.document = Some(document);
        self.failure = None;
        self.selection = None;
        self.status = None;
        self.hierarchy_view.fit();
        self.network_view.fit();
    }

    /// Applies the recorded actions, in order.
    pub fn apply_actions(&mut self) {
        for action in std::mem::take(&mut self.actions) {
            self.apply(action);
        }
    }

    /// Runs an action that would drop the document, asking first when it has unsaved changes.
    fn guarded(&mut self, pending: Pending) {
        if self.document.as_ref().is_some_and(Document::is_dirty) {
            self.pending = Some(pending);
        } else {
            self.proceed(pending);
        }
    }

    fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::OpenDialog => {
                if let Some(path) = self.dialogs.pick_file_to_open() {
                    self.open(&path);
                }
            }
            Pending::Open(path) => self.open(&path),
            Pending::OpenExample(name) => self.open_example(name),
            Pending::Close => {
                self.document = None;
                self.selection = None;
                self.write_recovery();
            }
            Pending::New => {
                let org = crate::model::Org {
                    name: "Untitled org".to_owned(),
                    ..crate::model::Org::default()
                };
                let loaded = crate::io::Loaded {
                    org,
                    format: crate::io::Format::Json,
                    import_problems: Vec::new(),
                };
                let mut doc = Document::new(
                    PathBuf::from("untitled.json"),
                    loaded,
                    self.settings.orientation,
                );
                doc.has_file = false;
                self.show(doc);
                self.status = Some((
                    true,
                    "New org: Edit ▸ Add a top-level person to begin".to_owned(),
                ));
            }
            Pending::Quit => {
                self.quit_confirmed = true;
                self.document = None;
                self.write_recovery();
            }
        }
    }

    /// Saves to `path` (atomically); on failure says so and keeps the changes unsaved.
    fn save_to(&mut self, path: PathBuf) -> bool {
        let Some(doc) = &mut self.document else {
            return false;
        };
        match crate::io::save(&doc.org, &path) {
            Ok(()) => {
                doc.path = path.clone();
                doc.format = crate::io::Format::Json;
                doc.has_file = true;
                doc.history.mark_saved();
                self.settings.remember(&path);
                self.status = Some((true, format!("Saved {}", path.display())));
                self.write_recovery();
                true
            }
            Err(e) => {
                self.status = Some((false, e.to_string()));
                false
            }
        }
    }

    fn save(&mut self, ask: bool) -> bool {
        let Some(doc) = &self.document else {
            return false;
        };
        // A CSV is never overwritten unasked: its changes go to a team file.
        if !ask && doc.has_file && doc.format == crate::io::Format::Json {
            let path = doc.path.clone();
            return self.save_to(path);
        }
        let stem = Path::new(&doc.file_name())
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "team".to_owned());
        let Some(mut path) = self.dialogs.pick_file_to_save(&format!("{stem}.json")) else {
            return false;
        };
        if crate::io::Format::from_path(&path) != Some(crate::io::Format::Json) {
            path.set_extension("json");
        }
        self.save_to(path)
    }

    fn edit(&mut self, command: Command) {
        let Some(doc) = &mut self.document else {
            return;
        };
        let label = command.label.clone();
        match doc.apply(command) {
            Ok(()) => {
                self.status = Some((true, format!("Done: {label}")));
                self.edited();
            }
            Err(e) => self.status = Some((false, format!("Cannot {label}: {e}"))),
        }
    }

    /// Drops a selection that an edit, undo or redo removed.
    fn check_selection(&mut self) {
        let Some(doc) = &self.document else {
            return;
        };
        let gone = match &self.selection {
            Some(Target::Person(p)) => *p as usize >= doc.org.people.len(),
            Some(Target::Domain(k)) => *k as usize >= doc.org.decisions.len(),
            _ => false,
        };
        if gone {
            self.selection = None;
        }
    }

    fn apply(&mut self, action: Action) {
        // The document may change: the inspector refills its fields from it.
        self.draft.target = None;
        self.apply_action(action);
        self.check_selection();
    }

    fn apply_action(&mut self, action: Action) {
        match action {
            Action::OpenDialog => self.guarded(Pending::OpenDialog),
            Action::Open(path) => self.guarded(Pending::Open(path)),
            Action::OpenExample(name) => self.guarded(Pending::OpenExample(name)),
            Action::Close => self.guarded(Pending::Close),
            Action::New => self.guarded(Pending::New),
            Action::Apply(command) => self.edit(command),
            Action::Move { person, manager } => {
                let Some(doc) = &self.document else {
                    return;
                };
                let (Some(p), Some(m)) = (
                    doc.org.people.get(person as usize),
                    doc.org.people.get(manager as usize),
                ) else {
                    return;
                };
                if p.manager.as_ref() == Some(&m.id) {
                    return;
                }
                match crate::edit::move_under(&doc.org, &p.id, Some(&m.id)) {
                    Ok(command) => self.edit(command),
                    Err(e) => self.status = Some((false, format!("Not moved: {e}"))),
                }
            }
            Action::Delete(person) => {
                let Some(doc) = &self.document else {
                    return;
                };
                let Some(p) = doc.org.people.get(person as usize) else {
                    return;
                };
                let manager = p
                    .manager
                    .as_ref()
                    .and_then(|m| doc.org.person(m.as_str()))
                    .map_or("the top level".to_owned(), |m| m.display_name().to_owned());
                match crate::edit::delete_person(&doc.org, &p.id) {
                    Ok((command, moved)) => {
                        let name = p.display_name().to_owned();
                        self.selection = None;
                        self.edit(command);
                        if moved > 0 && self.status.as_ref().is_some_and(|s| s.0) {
                            self.status = Some((
                                true,
                                format!(
                                    "Deleted {name}; their {moved} reports now report to {manager}"
                                ),
                            ));
                        }
                    }
                    Err(e) => self.status = Some((false, format!("Not deleted: {e}"))),
                }
            }
            Action::Undo => {
                if let Some(doc) = &mut self.document
                    && let Some(label) = doc.undo()
                {
                    self.status = Some((true, format!("Undone: {label}")));
                    self.edited();
                }
            }
            Action::Redo => {
                if let Some(doc) = &mut self.document
                    && let Some(label) = doc.redo()
                {
                    self.status = Some((true, format!("Redone: {label}")));
                    self.edited();
                }
            }
            Action::Save => {
                self.save(false);
            }
            Action::SaveAs => {
                self.save(true);
            }
            Action::Resolve(choice) => {
                let Some(pending) = self.pending.take() else {
                    return;
                };
                match choice {
                    Choice::Save => {
                        if self.save(false) {
                            self.proceed(pending);
                        }
                    }
                    Choice::Discard => {
                        if let Some(doc) = &mut self.document {
                            doc.history.mark_saved();
                        }
                        self.proceed(pending);
                    }
                    Choice::Cancel => {}
                }
            }
            Action::Recover(restore) => {
                let Some(r) = self.recovered.take() else {
                    return;
                };
                if restore {
                    let loaded = crate::io::Loaded {
                        org: r.team,
                        format: crate::io::Format::Json,
                        import_problems: Vec::new(),
                    };
                    let mut doc = Document::new(r.path, loaded, self.settings.orientation);
                    doc.has_file = r.has_file;
                    doc.history.mark_unsaved();
                    self.show(doc);
                    self.status = Some((true, "Restored the unsaved changes".to_owned()));
                } else if let Some(path) = &self.recovery_path {
                    let _ = std::fs::remove_file(path);
                }
            }
            Action::Select(target) => self.selection = target,
            Action::FocusFinding(k) => self.focus_finding(k),
            Action::FrameSelection => self.frame_selection(),
            Action::ToggleCollapse(p) => {
                if let Some(doc) = &mut self.document {
                    doc.toggle_collapse(p);
                }
            }
            Action::ExpandToLevel(level) => {
                if let Some(doc) = &mut self.document {
                    doc.expand_to_level(level);
                    self.hierarchy_view.fit();
                }
            }
            Action::ExpandAll => {
                if let Some(doc) = &mut self.document {
                    doc.expand_all();
                    self.hierarchy_view.fit();
                }
            }
            Action::SetOrientation(o) => {
                self.settings.orientation = o;
                if let Some(doc) = &mut self.document {
                    doc.set_orientation(o);
                    self.hierarchy_view.fit();
                }
            }
            Action::FitAll => {
                self.hierarchy_view.fit();
                self.network_view.fit();
            }
            Action::DismissFailure => self.failure = None,
            Action::OpenExportDialog => {
                if let Some(doc) = &self.document {
                    if self.export.title.is_empty() {
                        self.export.title = doc.org.name.clone();
                    }
                    self.export.open = true;
                    self.export.outcome = None;
                }
            }
            Action::Export => self.export_image(),
        }
    }

    /// Asks where to save and writes the image the Export dialog describes.
    fn export_image(&mut self) {
        let Some(doc) = &self.document else {
            return;
        };
        let d = &self.export;
        let stem = Path::new(&doc.file_name())
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "orgflow".to_owned());
        let suggested = format!("{stem}.{}", d.format.extension());
        let Some(path) = self.dialogs.pick_file_to_save(&suggested) else {
            return;
        };
        let subtree = match (&self.selection, d.selected_subtree) {
            (Some(Target::Person(p)), true) => doc.org.people.get(*p as usize).and_then(|person| {
                crate::export::subtree_area(&doc.org, &doc.hierarchy, person.id.as_str())
            }),
            _ => None,
        };
        let extent = match (
            subtree,
            d.in_view_only,
            self.hierarchy_view.visible_area(),
            self.network_view.visible_area(),
        ) {
            (Some(hierarchy), _, _, _) => Extent::Areas {
                hierarchy,
                network: doc.network.bounds,
            },
            (None, true, Some(hierarchy), Some(network)) => Extent::Areas { hierarchy, network },
            _ => Extent::Whole,
        };
        let options = ExportOptions {
            view: d.view,
            format: d.format,
            width: d.width,
            height: d.height,
            scale: d.scale,
            title: (!d.title.trim().is_empty()).then(|| d.title.clone()),
            transparent: d.transparent,
            findings: d.findings,
            extent,
        };
        let result = export_to_file(
            &doc.org,
            &doc.analysis,
            &doc.hierarchy,
            &doc.network,
            &options,
            &path,
        );
        self.export.outcome = Some(match result {
            Ok(()) => Ok(path),
            Err(e) => Err(e.to_string()),
        });
    }

    fn focus_finding(&mut self, k: usize) {
        let Some(doc) = &mut self.document else {
            return;
        };
        let Some(finding) = doc.analysis.findings.get(k) else {
            return;
        };
        let people: Vec<u32> = finding
            .people
            .iter()
            .filter_map(|id| doc.index_of(id))
            .collect();
        let domain = finding
            .domains
            .first()
            .and_then(|id| doc.org.decisions.iter().position(|d| d.id.0 == *id));
        self.selection = match (people.first(), domain) {
            (Some(&p), _) => Some(Target::Person(p)),
            (None, Some(d)) => Some(Target::Domain(d as u32)),
            (None, None) => self.selection.clone(),
        };
        for &p in &people {
            doc.reveal(p);
        }
        let targets: Vec<Target> = match (people.is_empty(), domain) {
            (false, _) => people.into_iter().map(Target::Person).collect(),
            (true, Some(d)) => vec![Target::Domain(d as u32)],
            (true, None) => Vec::new(),
        };
        if let Some(rect) = doc.hierarchy_bounds_of(&targets) {
            self.hierarchy_view.focus(rect);
        }
        if let Some(rect) = doc.network_bounds_of(&targets) {
            self.network_view.focus(rect);
        }
    }

    fn frame_selection(&mut self) {
        let (Some(doc), Some(target)) = (&mut self.document, self.selection.clone()) else {
            return;
        };
        if let Target::Person(p) = target {
            doc.reveal(p);
        }
        let targets = [target];
        if let Some(rect) = doc.hierarchy_bounds_of(&targets) {
            self.hierarchy_view.focus(rect);
        }
        if let Some(rect) = doc.network_bounds_of(&targets) {
            self.network_view.focus(rect);
        }
    }

    /// People whose name, title or id contains the search text (case ignored), at most `most`.
    pub fn search_matches(&self, most: usize) -> Vec<u32> {
        let (Some(doc), false) = (&self.document, self.search.trim().is_empty()) else {
            return Vec::new();
        };
        let needle = self.search.trim().to_lowercase();
        doc.org
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.display_name().to_lowercase().contains(&needle)
                    || p.title.to_lowercase().contains(&needle)
                    || p.id.as_str().to_lowercase() == needle
            })
            .take(most)
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// The window title: the file's name with a mark for unsaved changes, or the app's.
    pub fn title(&self) -> String {
        match &self.document {
            Some(doc) if doc.is_dirty() => format!("● {} — orgflow", doc.file_name()),
            Some(doc) => format!("{} — orgflow", doc.file_name()),
            None => "orgflow".to_owned(),
        }
    }
}

impl eframe::App for OrgflowApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        crate::ui::show(self, ui);
        self.apply_actions();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }

    fn on_exit(&mut self) {
        // Unsaved changes survive a normal exit too: the next start offers them back.
        self.write_recovery();
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        egui::Color32::from_rgb(0xfa, 0xfb, 0xfc).to_normalized_gamma_f32()
    }
}
