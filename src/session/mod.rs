//! The session: everything the window works on, with no window. The open document and its
//! history, the selection, the scenario and suggestions, the unsaved-changes question, the
//! recovery copy; the user's requests arrive as [`Action`]s and [`Session::apply`] says what the
//! views should do about each ([`Outcome`]: fit, reveal, open a panel or orgflow's own picker).
//!
//! Nothing here draws or depends on egui: the window (`app` and `ui`) reads a
//! `&Session` to draw and hands actions back, and every behaviour is tested headless.
//!
//! Each concern has its own file: [`action`] (what the user asks for), [`files`] (open, new,
//! save, the unsaved-changes question), [`dialogs`] (the file-dialog trait), [`recovery`],
//! [`selection`] (by identity, and framing it), [`settings`], [`export_dialog`], [`scenario`].

mod action;
mod decision_log;
mod dialogs;
mod document;
mod export_dialog;
mod files;
mod navigate;
mod outcome;
mod recovery;
mod scenario;
mod selection;
mod settings;
mod timeline;

pub use action::{Action, Choice, Pending};
pub use decision_log::DecisionLogView;
pub use dialogs::{FileDialogs, NoDialogs, OPENABLE, Picked, Purpose, SHEETS};
pub use document::{BACKGROUND_FROM, Document, EXAMPLES};
pub use export_dialog::{ExportChoices, ExportRequest, ExportResult};
pub use files::{LINK_KINDS, LinksQuestion, LoadFailure};
pub use navigate::Step;
pub use outcome::{Outcome, Pane, PickerRequest, ViewRequest};
pub use recovery::{RECOVERY_DELAY, Recovery};
pub use scenario::{ScenarioView, Show, Suggestions};
pub use selection::Selection;
pub use settings::Settings;
pub use timeline::{TimelineJob, TimelineView};

use crate::edit::Command;
use std::path::PathBuf;

/// Everything the window works on.
pub struct Session {
    /// Persisted settings.
    pub settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    /// The open document, if any.
    pub document: Option<Document>,
    /// The last file that failed to open.
    pub failure: Option<LoadFailure>,
    /// What is selected in both views.
    pub selection: Option<Selection>,
    /// The last thing to tell the user (an edit refused, reports moved, a save).
    pub status: Option<(bool, String)>,
    /// An action waiting for "Save changes?".
    pub pending: Option<Pending>,
    /// Where unsaved changes are kept against a crash; `None` keeps none.
    pub recovery_path: Option<PathBuf>,
    /// When the recovery file is due.
    pub recovery_due: Option<std::time::Instant>,
    /// Unsaved changes found at start, offered for restoring.
    pub recovered: Option<Recovery>,
    /// A scenario the views show instead of the document, if one is open.
    pub scenario: Option<ScenarioView>,
    /// The suggestions window: open or not, and its proposals for one document version.
    pub suggestions: Suggestions,
    /// The person the user asked to delete, waiting for "Delete" or "Cancel".
    pub confirm_delete: Option<crate::model::PersonId>,
    /// An edge list chosen for import, waiting for what its links record.
    pub links_question: Option<LinksQuestion>,
    /// A decision log read against the open document (File ▸ Import decision log…).
    pub decision_log: Option<DecisionLogView>,
    /// The snapshots of the file the document came from, when it holds several.
    pub timeline: Option<TimelineView>,
    /// That timeline while it is worked out.
    pub timeline_job: Option<TimelineJob>,
    /// What the last export did, for the Export dialog.
    pub export: Option<ExportResult>,
    /// An export waiting for orgflow's own picker to say where.
    export_waiting: Option<ExportRequest>,
    /// What the action being applied asks of the views.
    out: Outcome,
}

impl Session {
    /// A session with these settings and dialogs, with nothing open.
    pub fn new(settings: Settings, dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            settings,
            dialogs,
            document: None,
            failure: None,
            selection: None,
            status: None,
            pending: None,
            recovery_path: None,
            recovery_due: None,
            recovered: None,
            scenario: None,
            suggestions: Suggestions::default(),
            confirm_delete: None,
            links_question: None,
            decision_log: None,
            timeline: None,
            timeline_job: None,
            export: None,
            export_waiting: None,
            out: Outcome::default(),
        }
    }

    /// Applies one action; returns what the views should do about it.
    pub fn apply(&mut self, action: Action) -> Outcome {
        // Edits, undo, redo and what only looks show at once; anything that reads the figures
        // (an export, a scenario, the suggestions, a save) waits for those of the org as it is.
        let shows_at_once = matches!(
            action,
            Action::Apply(_)
                | Action::Move { .. }
                | Action::Undo
                | Action::Redo
                | Action::Select(_)
                | Action::ToggleCollapse(_)
                | Action::DismissStatus
                | Action::FillPanel(_)
                | Action::Refused(_)
        );
        if !shows_at_once && let Some(doc) = &mut self.document {
            doc.settle();
        }
        self.apply_action(action);
        self.check_selection();
        std::mem::take(&mut self.out)
    }

    /// Takes in the figures of the last edit when they are ready (see
    /// [`Document::is_updating`]); true when it did, and the window must be drawn again.
    pub fn poll(&mut self) -> bool {
        let timeline = self.poll_timeline();
        self.document.as_mut().is_some_and(Document::poll) || timeline
    }

    /// True while the figures shown are being worked out for the last edit, or the timeline
    /// of the file opened.
    pub fn is_updating(&self) -> bool {
        self.document.as_ref().is_some_and(Document::is_updating) || self.timeline_job.is_some()
    }

    /// What the last [`Session::open`], [`Session::show`] and the like (called outside
    /// [`Session::apply`]) asked of the views.
    pub fn take_outcome(&mut self) -> Outcome {
        std::mem::take(&mut self.out)
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

    fn apply_action(&mut self, action: Action) {
        match action {
            Action::OpenDialog => self.guarded(Pending::OpenDialog),
            Action::Open(path) => self.guarded(Pending::Open(path)),
            Action::OpenExample(name) => self.guarded(Pending::OpenExample(name)),
            Action::Close => self.guarded(Pending::Close),
            Action::New => self.guarded(Pending::New),
            Action::Apply(command) => self.edit(*command),
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
                            self.out.view(ViewRequest::Reveal(Pane::Hierarchy, rect));
                        }
                    }
                    Err(e) => self.status = Some((false, format!("Not moved: {e}"))),
                }
            }
            Action::Delete(person) => {
                self.confirm_delete = None;
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
            Action::ImportRightsDialog => self.import_rights_dialog(),
            Action::OpenMatrix => self.out.open_matrix = true,
            Action::ColorBy(by) => {
                if let Some(doc) = &mut self.document {
                    doc.set_color_by(by);
                }
            }
            Action::NetworkReading(reading) => {
                if let Some(doc) = &mut self.document {
                    doc.set_network_reading(reading);
                }
            }
            Action::ImportLinksDialog => self.import_links_dialog(),
            Action::ImportLinksAs(kind) => {
                if let Some(q) = self.links_question.take() {
                    self.settings
                        .link_kinds
                        .insert(q.path.clone(), kind.clone());
                    self.import_links(&q.path, &kind);
                }
            }
            Action::CancelLinksImport => self.links_question = None,
            Action::ImportDecisionLogDialog => self.import_decision_log_dialog(),
            Action::ShowDecisionLog(open) => {
                if let Some(view) = &mut self.decision_log {
                    view.open = open;
                }
            }
            Action::FitToDecisionLog => self.fit_to_decision_log(),
            Action::ShowTimeline(open) => {
                if let Some(view) = &mut self.timeline {
                    view.open = open;
                }
            }
            Action::OpenSnapshot(label) => self.open_snapshot(label),
            Action::AddJuniorDialog => self.add_junior_dialog(),
            Action::OpenFiles(paths) => self.guarded(Pending::OpenFiles(paths)),
            Action::CompareDialog => self.compare_dialog(),
            Action::CompareWithSaved => self.compare_with_saved(),
            Action::SimulateAbsence(person) => self.simulate_absence(vec![person.0]),
            Action::CloseScenario => {
                self.scenario = None;
                self.out.fit_both();
            }
            Action::OpenSuggestions => self.suggestions.open = true,
            Action::CloseSuggestions => self.suggestions.open = false,
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
                        self.out.fit(Pane::Network);
                        self.out.open_matrix = true;
                    }
                    None => {
                        self.status = Some((
                            true,
                            format!(
                                "The org already has every domain of the {} template",
                                template.template
                            ),
                        ));
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
            Action::FocusInspector => self.out.focus_inspector = true,
            Action::TidyNetwork => {
                if let Some(doc) = &mut self.document {
                    doc.tidy_network();
                    self.out.fit(Pane::Network);
                }
            }
            Action::KeepNetworkLayout { places, settled } => {
                if let Some(doc) = &mut self.document {
                    doc.keep_network_places(&places);
                    self.out.fit(Pane::Network);
                    self.status = Some((
                        true,
                        format!(
                            "The network keeps the explored layout of {} nodes{}; edits keep it too, and View ▸ Lay out the network afresh puts the circles back",
                            crate::format::thousands(places.len() as f64),
                            if settled { " (it had settled)" } else { "" }
                        ),
                    ));
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
                    self.out.fit(Pane::Hierarchy);
                }
            }
            Action::ExpandAll => {
                if let Some(doc) = &mut self.document {
                    doc.expand_all();
                    self.out.fit(Pane::Hierarchy);
                }
            }
            Action::SetOrientation(o) => {
                self.settings.orientation = o;
                if let Some(doc) = &mut self.document {
                    doc.set_orientation(o);
                    self.out.fit(Pane::Hierarchy);
                }
            }
            Action::FitAll => {
                self.out.fit_both();
                self.out.fold_hierarchy = true;
            }
            Action::FoldToFit(width, height) => {
                if self.scenario.is_none()
                    && let Some(doc) = &mut self.document
                    && let Some(note) = doc.fold_to_fit(width, height)
                {
                    let said = format!(
                        "Fit shows {note}. Double-click a card to open it; View ▸ Expand all shows everybody."
                    );
                    // What was said before (a file opened with notes) stays said.
                    self.status = Some(match self.status.take() {
                        Some((ok, before)) => (ok, format!("{before} · {said}")),
                        None => (true, said),
                    });
                    self.out.fit(Pane::Hierarchy);
                }
            }
            Action::DismissFailure => self.failure = None,
            Action::OpenExportDialog => {
                if self.document.is_some() {
                    self.export = None;
                    self.out.open_export = true;
                }
            }
            Action::Export(request) => self.export_image(*request),
            Action::PickedInApp(path, purpose) => self.picked_in_app(path, purpose),
            Action::FillPanel(aspect) => {
                if let Some(doc) = &mut self.document
                    && doc.fill_panel(aspect)
                {
                    self.out.fit(Pane::Hierarchy);
                }
            }
            Action::DismissStatus => self.status = None,
            Action::Refused(reason) => self.status = Some((false, reason)),
            Action::RequestQuit => {
                if self.document.as_ref().is_some_and(Document::is_dirty) {
                    self.pending = Some(Pending::Quit);
                } else {
                    self.out.quit = true;
                }
            }
            Action::CancelDelete => self.confirm_delete = None,
            Action::ShowScenario(show) => {
                if let Some(s) = &mut self.scenario {
                    s.show = show;
                }
            }
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
