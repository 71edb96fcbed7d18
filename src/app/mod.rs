//! The eframe app: the open document, per-run view state, persisted settings, and the actions
//! the panels record while drawing, applied in one place at the end of the frame.
//!
//! Each concern has its own file: [`action`] (what the user asks for), [`files`] (open, new,
//! save, the unsaved-changes question), [`dialogs`] (file dialogs, native or orgflow's own),
//! [`recovery`], [`selection`] (by identity, and framing it), [`settings`], [`export_dialog`].

mod action;
mod dialogs;
mod document;
mod export_dialog;
mod files;
mod navigate;
mod recovery;
mod scenario;
mod selection;
mod settings;

pub use action::{Action, Choice, Pending};
pub use dialogs::{FileDialogs, InAppPicker, NativeDialogs, Picked, Purpose};
pub use document::{Document, EXAMPLES};
pub use export_dialog::ExportDialog;
pub use files::LoadFailure;
pub use navigate::Step;
pub use recovery::{RECOVERY_DELAY, Recovery};
pub use scenario::{ScenarioView, Show, Suggestions};
pub use selection::{Draft, Selection};
pub use selection::{MatrixColumn, MatrixState};
pub use settings::Settings;

use crate::edit::Command;
use crate::ui::canvas::Canvas;
use std::path::PathBuf;

/// The whole app.
pub struct OrgflowApp {
    /// Persisted settings.
    pub settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    /// orgflow's own file picker, for when the system's dialogs cannot open.
    pub picker: InAppPicker,
    /// The open document, if any.
    pub document: Option<Document>,
    /// The last file that failed to open.
    pub failure: Option<LoadFailure>,
    /// What is selected in both views.
    pub selection: Option<Selection>,
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
    /// The decision-rights matrix's view state.
    pub matrix: MatrixState,
    /// A scenario the views show instead of the document, if one is open.
    pub scenario: Option<ScenarioView>,
    /// The suggestions window.
    pub suggestions: Suggestions,
    /// The person the user asked to delete, waiting for "Delete" or "Cancel".
    pub confirm_delete: Option<crate::model::PersonId>,
    /// Put the keyboard in the inspector's first field on the next frame.
    pub focus_inspector: bool,
    /// What the user typed in a card menu's "Move under…" search.
    pub menu_search: String,
    actions: Vec<Action>,
}

impl OrgflowApp {
    /// The app with these settings and dialogs, showing the start screen.
    pub fn new(settings: Settings, dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            settings,
            dialogs,
            picker: InAppPicker::default(),
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
            matrix: MatrixState::default(),
            scenario: None,
            suggestions: Suggestions::default(),
            confirm_delete: None,
            focus_inspector: false,
            menu_search: String::new(),
            actions: Vec::new(),
        }
    }

    /// The app as eframe starts it: settings from storage, native dialogs, maybe a file.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        crate::ui::install_fonts(&cc.egui_ctx);
        let mut app = Self::new(settings, Box::new(NativeDialogs::default()));
        if let Some(dir) = eframe::storage_dir("orgflow") {
            app.use_recovery_file(dir.join("unsaved-changes.json"));
        }
        if let Some(file) = file {
            app.open(&file);
        }
        app
    }

    /// Records an action to apply at the end of the frame.
    pub fn act(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Applies the recorded actions, in order; true when there were any, and the window must
    /// be drawn again to show what they changed.
    pub fn apply_actions(&mut self) -> bool {
        let actions = std::mem::take(&mut self.actions);
        let any = !actions.is_empty();
        for action in actions {
            self.apply(action);
        }
        any
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
            self.selection = None;
            return;
        };
        if let Some(selection) = &self.selection
            && doc.target(selection).is_none()
        {
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
                let Some(p) = doc.org.person(person.as_str()) else {
                    return;
                };
                if p.manager.as_ref() == Some(&manager) {
                    return;
                }
                match crate::edit::move_under(&doc.org, &person, Some(&manager)) {
                    Ok(command) => {
                        self.edit(command);
                        // The moved card may land far away: follow it.
                        if let Some(doc) = &self.document
                            && let Some(target) = doc.target(&Selection::Person(person))
                            && let Some(rect) = doc.hierarchy_bounds_of(&[target])
                        {
                            self.hierarchy_view.reveal(rect);
                        }
                    }
                    Err(e) => self.status = Some((false, format!("Not moved: {e}"))),
                }
            }
            Action::Delete(person) => {
                let Some(doc) = &self.document else {
                    return;
                };
                let Some(p) = doc.org.person(person.as_str()) else {
                    return;
                };
                let manager = doc.org.manager_name(p);
                let name = p.display_name().to_owned();
                match crate::edit::delete_person(&doc.org, &person) {
                    Ok((command, moved)) => {
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
            Action::Save => self.save(false, None),
            Action::SaveAs => self.save(true, None),
            Action::Resolve(choice) => self.resolve(choice),
            Action::PickedInApp(path) => self.picked_in_app(path),
            Action::ImportRightsDialog => self.import_rights_dialog(),
            Action::OpenMatrix => self.matrix.open = true,
            Action::ColorBy(by) => {
                if let Some(doc) = &mut self.document {
                    doc.set_color_by(by);
                }
            }
            Action::ImportLinksDialog => self.import_links_dialog(),
            Action::CompareDialog => self.compare_dialog(),
            Action::CompareWithSaved => self.compare_with_saved(),
            Action::SimulateAbsence(person) => self.simulate_absence(vec![person.0]),
            Action::CloseScenario => {
                self.scenario = None;
                self.hierarchy_view.fit();
                self.network_view.fit();
            }
            Action::OpenSuggestions => self.suggestions.open = true,
            Action::AcceptAllSuggestions => {
                // One gesture, one undo step and one analysis however many proposals there are;
                // should the batch be refused, one by one, so each that can be applied is.
                let proposals: Vec<crate::scenario::Proposal> = self.suggestions().to_vec();
                let Some(doc) = &mut self.document else {
                    return;
                };
                let all = Command {
                    label: format!("accept {} suggestions", proposals.len()),
                    edit: crate::edit::Edit::Batch(
                        proposals.iter().map(|p| p.command.edit.clone()).collect(),
                    ),
                };
                let accepted = if proposals.is_empty() {
                    0
                } else if doc.apply(all).is_ok() {
                    proposals.len()
                } else {
                    proposals
                        .into_iter()
                        .filter(|p| doc.apply(p.command.clone()).is_ok())
                        .count()
                };
                if accepted > 0 {
                    self.edited();
                    self.scenario = None;
                }
                self.status = Some((true, format!("Accepted {accepted} suggestions")));
            }
            Action::ImportRights(path) => self.import_rights(&path),
            Action::ApplyTemplate(k) => {
                let Some(doc) = &self.document else {
                    return;
                };
                let Some(template) = crate::edit::templates().into_iter().nth(k) else {
                    return;
                };
                match crate::edit::apply_template(&doc.org, &template) {
                    Some((command, undecided)) => {
                        self.edit(command);
                        if let Some(doc) = &mut self.document {
                            doc.hold_alarms(undecided);
                        }
                        self.network_view.fit();
                        self.matrix.open = true;
                    }
                    None => {
                        self.status = Some((
                            true,
                            format!(
                                "The org already has every domain of the {} template",
                                template.template
                            ),
                        ))
                    }
                }
            }
            Action::AddMatrixDomain => {
                let Some(doc) = &self.document else {
                    return;
                };
                let command = crate::edit::add_domain(&doc.org);
                let id = match &command.edit {
                    crate::edit::Edit::InsertDecision { decision, .. } => Some(decision.id.clone()),
                    _ => None,
                };
                self.edit(command);
                if let (Some(doc), Some(id)) = (&mut self.document, id) {
                    doc.hold_alarms(vec![id]);
                }
            }
            Action::Recover(restore) => {
                let Some(r) = self.recovered.take() else {
                    return;
                };
                if restore {
                    let loaded = crate::io::Loaded::team(r.team);
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
            Action::Step(step) => self.step(step),
            Action::AskDelete(person) => {
                if self.scenario.is_none() {
                    self.confirm_delete = Some(person);
                }
            }
            Action::FocusInspector => self.focus_inspector = true,
            Action::TidyNetwork => {
                if let Some(doc) = &mut self.document {
                    doc.tidy_network();
                    self.network_view.fit();
                }
            }
            Action::ToggleCollapse(person) => {
                if let Some(doc) = &mut self.document {
                    doc.toggle_collapse(&person);
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
        if self.apply_actions() {
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }

    fn on_exit(&mut self) {
        // Unsaved changes survive a normal exit too: the next start offers them back.
        self.write_recovery();
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        crate::ui::canvas::color(crate::theme::CANVAS).to_normalized_gamma_f32()
    }
}
