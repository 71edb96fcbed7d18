//! What the user asks for while a frame is drawn, applied in one place after it.

use super::Selection;
use crate::edit::Command;
use crate::layout::Orientation;
use crate::model::PersonId;
use std::path::PathBuf;

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
    Select(Option<Selection>),
    /// Select and frame the people or domains of a finding.
    FocusFinding(usize),
    /// Frame the selection in both views.
    FrameSelection,
    /// Hide or show a person's reports.
    ToggleCollapse(PersonId),
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
    /// Ask where to save, then export with these choices.
    Export(Box<super::ExportRequest>),
    /// Apply an edit as one undo step.
    Apply(Box<Command>),
    /// Move a person (and their subtree) under a new manager.
    Move {
        /// Who moves.
        person: PersonId,
        /// Their new manager.
        manager: PersonId,
    },
    /// Delete a person; their reports move up.
    Delete(PersonId),
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
    /// A file chosen in orgflow's own picker, and what the picker was opened for.
    PickedInApp(PathBuf, super::Purpose),
    /// Ask for a rights sheet, then merge it onto the org.
    ImportRightsDialog,
    /// Merge this rights sheet onto the org, as one undo step.
    ImportRights(PathBuf),
    /// Add the domains of a shipped template (index into `edit::templates()`), one undo step.
    ApplyTemplate(usize),
    /// Show the decision-rights matrix.
    OpenMatrix,
    /// Colour the hierarchy's cards by decision load or by incoming links.
    ColorBy(crate::scene::ColorBy),
    /// Fold the hierarchy to what a panel of this size (width, height, in points) shows
    /// legibly: everybody if they fit, else the top levels and the flagged people's chains.
    FoldToFit(f32, f32),
    /// Draw the network's decisions, its links (who people go to) or both.
    NetworkReading(crate::layout::NetworkReading),
    /// Ask for an edge list, then what its links record, then merge it onto the org.
    ImportLinksDialog,
    /// Merge the edge list the user was asked about onto the org, as links of this kind
    /// ("advice", "communication", "trust", "collaboration"); remembered for that file.
    ImportLinksAs(String),
    /// Import no links after all (the kind question cancelled).
    CancelLinksImport,
    /// Ask for a decision log, then show it beside the model.
    ImportDecisionLogDialog,
    /// Open or close the decision log's window.
    ShowDecisionLog(bool),
    /// Give each decider in the log the decision hours that reproduce it, as one undo step.
    FitToDecisionLog,
    /// Show or hide the timeline of the document's file (when it holds several snapshots).
    ShowTimeline(bool),
    /// Open this snapshot of the timeline's file as the document.
    OpenSnapshot(String),
    /// Ask for a UK organogram's junior-posts file, then attach it to the senior posts open.
    AddJuniorDialog,
    /// Open several files as one org: a UK organogram's senior and junior posts (dropped
    /// together on the window).
    OpenFiles(Vec<PathBuf>),
    /// Ask for a file, then compare the open org with it.
    CompareDialog,
    /// Compare the org as opened or last saved with the org now.
    CompareWithSaved,
    /// Show what happens while this person is away (the document does not change).
    SimulateAbsence(PersonId),
    /// Close the scenario; the views show the document again.
    CloseScenario,
    /// Show the suggestions window.
    OpenSuggestions,
    /// Close the suggestions window.
    CloseSuggestions,
    /// Lay the hierarchy out again to fill a panel of this shape (width over height), and
    /// frame it.
    FillPanel(f32),
    /// Forget the status line's message.
    DismissStatus,
    /// Say why a gesture changed nothing ("Not moved: …").
    Refused(String),
    /// The window is asked to close: ask first when there are unsaved changes.
    RequestQuit,
    /// "Delete this person?" answered Cancel.
    CancelDelete,
    /// Which org an open scenario's views show.
    ShowScenario(super::Show),
    /// Accept every suggestion, each as its own undo step.
    AcceptAllSuggestions,
    /// Add an empty decision domain from the rights matrix (no alarms until it has a decider).
    AddMatrixDomain,
    /// Restore the unsaved changes found after a crash, or throw them away.
    Recover(bool),
    /// Select the person one step from the selection (arrow keys).
    Step(super::Step),
    /// Ask whether to delete this person.
    AskDelete(PersonId),
    /// Put the keyboard in the inspector's first field.
    FocusInspector,
    /// Lay the network out afresh, forgetting where edits left its nodes.
    TidyNetwork,
    /// Put the network's nodes where the explorer left them (its own units), and say so:
    /// `settled` when its layout came to rest, false when the user kept it early.
    KeepNetworkLayout {
        /// Each node's place in the explorer.
        places: Vec<(crate::layout::NodeKey, crate::layout::Point)>,
        /// Whether the layout had settled.
        settled: bool,
    },
}

impl Action {
    /// [`Action::Apply`] of `command`.
    pub fn apply(command: Command) -> Self {
        Self::Apply(Box::new(command))
    }
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
    /// Open these files as one org (senior and junior posts).
    OpenFiles(Vec<PathBuf>),
    /// Open one snapshot (by date) of a file that holds several.
    OpenSnapshot(PathBuf, String),
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
