//! What the window keeps for itself, beside the session: how each view is zoomed and panned,
//! what is being typed, which windows are open, orgflow's own picker, and the actions the
//! panels record while a frame is drawn.

use super::canvas::Canvas;
use super::picker::InAppPicker;
use crate::model::{DecisionId, PersonId};
use crate::session::{Action, ExportChoices, Outcome, Pane, Selection, Session, ViewRequest};

/// The window's own state.
pub struct View {
    /// The hierarchy view's zoom and pan.
    pub hierarchy_view: Canvas,
    /// Fold the hierarchy to its panel on the next frame (the session asked, at an open or
    /// a Fit).
    pub fold_hierarchy: bool,
    /// The distributed view's zoom and pan.
    pub network_view: Canvas,
    /// The search box's text.
    pub search: String,
    /// Ask the search box for focus on the next frame.
    pub focus_search: bool,
    /// The level the "Expand to level" control shows.
    pub expand_level: usize,
    /// The Export image… dialog.
    pub export: ExportDialog,
    /// The inspector's fields being typed in.
    pub draft: Draft,
    /// The decision-rights matrix's view state.
    pub matrix: MatrixState,
    /// Put the keyboard in the inspector's first field on the next frame.
    pub focus_inspector: bool,
    /// What the user typed in a card menu's "Move under…" search.
    pub menu_search: String,
    /// orgflow's own file picker, for when the system's dialogs cannot open.
    pub picker: InAppPicker,
    /// Which findings the findings panel lists.
    pub findings: FindingsFilter,
    /// The findings panel's groups opened to their list, by kind and severity.
    pub findings_open:
        std::collections::BTreeSet<(crate::analysis::FindingKind, crate::analysis::Severity)>,
    /// The kind chosen so far in "What do these links record?", while it is asked.
    pub links_kind: Option<String>,
    /// View ▸ Explore the network, while it is open.
    pub explorer: Option<super::explorer::Explorer>,
    actions: Vec<Action>,
}

/// Which findings the findings panel lists: by severity, and one kind or all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingsFilter {
    /// Show critical findings, warnings, notes.
    pub severities: [bool; 3],
    /// Only this kind, or every kind.
    pub kind: Option<crate::analysis::FindingKind>,
}

impl Default for FindingsFilter {
    fn default() -> Self {
        Self {
            severities: [true; 3],
            kind: None,
        }
    }
}

impl FindingsFilter {
    /// Whether findings of this kind and severity are listed.
    pub fn shows(
        &self,
        kind: crate::analysis::FindingKind,
        severity: crate::analysis::Severity,
    ) -> bool {
        let at = match severity {
            crate::analysis::Severity::Critical => 0,
            crate::analysis::Severity::Warning => 1,
            crate::analysis::Severity::Info => 2,
        };
        self.severities.get(at).copied().unwrap_or(true) && self.kind.is_none_or(|k| k == kind)
    }
}

impl Default for View {
    fn default() -> Self {
        Self {
            hierarchy_view: Canvas::default(),
            fold_hierarchy: false,
            network_view: Canvas::default(),
            search: String::new(),
            focus_search: false,
            expand_level: 2,
            export: ExportDialog::default(),
            draft: Draft::default(),
            matrix: MatrixState::default(),
            focus_inspector: false,
            menu_search: String::new(),
            picker: InAppPicker::default(),
            findings: FindingsFilter::default(),
            findings_open: std::collections::BTreeSet::new(),
            links_kind: None,
            explorer: None,
            actions: Vec::new(),
        }
    }
}

impl View {
    /// Records an action to apply once the frame is drawn.
    pub fn act(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// The actions recorded since the last call, in order.
    pub fn take_actions(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.actions)
    }

    /// Does what the session asked of the views after an action.
    pub fn apply(&mut self, outcome: &Outcome, session: &Session) {
        // The document may have changed: the inspector refills its fields from it.
        self.draft.target = None;
        for request in &outcome.views {
            match *request {
                ViewRequest::Fit(pane) => self.canvas(pane).fit(),
                ViewRequest::Reveal(pane, rect) => self.canvas(pane).reveal(rect),
                ViewRequest::Focus(pane, rect) => self.canvas(pane).focus(rect),
            }
        }
        if let Some(request) = &outcome.picker {
            self.picker.show(request);
        }
        self.matrix.open |= outcome.open_matrix;
        self.fold_hierarchy |= outcome.fold_hierarchy;
        self.focus_inspector |= outcome.focus_inspector;
        if outcome.open_export
            && let Some(doc) = &session.document
        {
            if self.export.choices.title.is_empty() {
                self.export.choices.title = doc.org.name.clone();
            }
            // With a scenario open, its before and after is what is usually wanted.
            self.export.choices.before_after = session.scenario.is_some();
            self.export.open = true;
        }
    }

    fn canvas(&mut self, pane: Pane) -> &mut Canvas {
        match pane {
            Pane::Hierarchy => &mut self.hierarchy_view,
            Pane::Network => &mut self.network_view,
        }
    }
}

/// The Export image… dialog: open or not, and its choices (kept between exports in one run).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportDialog {
    /// Open or closed.
    pub open: bool,
    /// What to export.
    pub choices: ExportChoices,
}

/// What the inspector's text fields hold while the user types, for the selected target.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// Whose fields these are; any other selection refills them.
    pub target: Option<Selection>,
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
    /// What the dotted-line manager picker filters by.
    pub dotted_filter: String,
    /// The named holder's FTE in the post, as typed ("0.6", "60%"; empty for unknown).
    pub fte: String,
    /// The name of a job-share holder to add.
    pub co_holder: String,
    /// What the inspector's domain search filters by (an org with many domains lists only
    /// those where the person holds a right, and the matches of this search).
    pub domain_filter: String,
}

/// A column of the rights matrix: one person, everybody with a title, or a whole team.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatrixColumn {
    /// One person.
    Person(PersonId),
    /// Everybody with this job title.
    Title(String),
    /// Everybody in this team.
    Team(String),
}

/// The rights matrix's view state: open or not, which columns show.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixState {
    /// Shown.
    pub open: bool,
    /// Columns whose name, title or team contains this text show.
    pub filter: String,
    /// Only people who hold a right somewhere (plus added columns); otherwise everybody.
    pub only_holders: bool,
    /// Columns the user added by search.
    pub added: Vec<MatrixColumn>,
    /// What the "Add a column" search holds.
    pub search: String,
    /// "Raised by" text being typed, per domain.
    pub raised_drafts: std::collections::BTreeMap<DecisionId, String>,
    /// A monthly rate being typed or dragged, per domain: the document changes once, when
    /// the field is left or the drag ends.
    pub rate_drafts: std::collections::BTreeMap<DecisionId, f64>,
}

impl Default for MatrixState {
    fn default() -> Self {
        Self {
            open: false,
            filter: String::new(),
            only_holders: true,
            added: Vec::new(),
            search: String::new(),
            raised_drafts: Default::default(),
            rate_drafts: Default::default(),
        }
    }
}
