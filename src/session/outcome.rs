//! What an action asks of the window's views: the session changes the document, the views
//! change how they look at it.

use super::Purpose;
use crate::layout::Rect;
use std::path::PathBuf;

/// One of the two views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The reporting hierarchy.
    Hierarchy,
    /// The distributed network.
    Network,
}

/// A change to one view's zoom and pan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ViewRequest {
    /// Show the whole picture.
    Fit(Pane),
    /// Pan, at the zoom the view has, just enough to show this area (in scene units).
    Reveal(Pane, Rect),
    /// Zoom and pan to frame this area.
    Focus(Pane, Rect),
}

/// orgflow's own picker, opened because the system's dialog could not open.
#[derive(Clone, Debug, PartialEq)]
pub struct PickerRequest {
    /// The folder it starts in.
    pub folder: PathBuf,
    /// What the chosen file is for.
    pub purpose: Purpose,
    /// For a file to save: the name suggested.
    pub save_as: Option<String>,
}

/// What the views should do after an action.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Zoom and pan changes, in order.
    pub views: Vec<ViewRequest>,
    /// Open orgflow's own picker.
    pub picker: Option<PickerRequest>,
    /// Open the decision-rights matrix.
    pub open_matrix: bool,
    /// Put the keyboard in the inspector's first field.
    pub focus_inspector: bool,
    /// Open the Export dialog.
    pub open_export: bool,
    /// The user answered "Save changes?" for closing the window: close it.
    pub quit: bool,
    /// Fold the hierarchy to what its panel shows legibly at Fit ([`crate::session::Action::FoldToFit`] with
    /// the panel's size, from the next frame).
    pub fold_hierarchy: bool,
}

impl Outcome {
    /// Asks for one view change.
    pub fn view(&mut self, request: ViewRequest) {
        self.views.push(request);
    }

    /// Asks a view to show its whole picture.
    pub fn fit(&mut self, pane: Pane) {
        self.views.push(ViewRequest::Fit(pane));
    }

    /// Asks both views to show their whole pictures.
    pub fn fit_both(&mut self) {
        self.fit(Pane::Hierarchy);
        self.fit(Pane::Network);
    }
}
