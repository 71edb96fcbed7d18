//! The selection, by identity, and moving the views to it: findings, search, framing.

use super::OrgflowApp;
use crate::model::{DecisionId, PersonId};
use crate::scene::Target;

/// What is selected in both views, by identity: edits, undo and redo that reorder the
/// document never move a selection to somebody else. The views look the index up when they draw.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// A person.
    Person(PersonId),
    /// A decision domain.
    Domain(DecisionId),
    /// A team's people grouped into one node of the network.
    Group(String),
}

impl Selection {
    /// The person selected, if a person is.
    pub fn person(&self) -> Option<&PersonId> {
        match self {
            Self::Person(id) => Some(id),
            _ => None,
        }
    }
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

impl OrgflowApp {
    pub(super) fn focus_finding(&mut self, k: usize) {
        let Some(doc) = &mut self.document else {
            return;
        };
        let Some(finding) = doc.analysis.findings.get(k) else {
            return;
        };
        let people: Vec<PersonId> = finding
            .people
            .iter()
            .filter(|id| doc.index_of(id).is_some())
            .map(|id| PersonId(id.clone()))
            .collect();
        let domain = finding
            .domains
            .first()
            .map(|id| DecisionId(id.clone()))
            .filter(|id| doc.target(&Selection::Domain(id.clone())).is_some());
        let targets: Vec<Selection> = match (people.is_empty(), domain) {
            (false, _) => people.into_iter().map(Selection::Person).collect(),
            (true, Some(d)) => vec![Selection::Domain(d)],
            (true, None) => Vec::new(),
        };
        if let Some(first) = targets.first() {
            self.selection = Some(first.clone());
        }
        for id in targets.iter().filter_map(Selection::person) {
            doc.reveal(id);
        }
        self.frame(&targets);
    }

    pub(super) fn frame_selection(&mut self) {
        let Some(selection) = self.selection.clone() else {
            return;
        };
        if let (Some(doc), Some(id)) = (&mut self.document, selection.person()) {
            doc.reveal(id);
        }
        self.frame(&[selection]);
    }

    /// Frames these people or domains in both views.
    fn frame(&mut self, selections: &[Selection]) {
        let Some(doc) = &self.document else {
            return;
        };
        let targets: Vec<Target> = selections.iter().filter_map(|s| doc.target(s)).collect();
        if let Some(rect) = doc.hierarchy_bounds_of(&targets) {
            self.hierarchy_view.focus(rect);
        }
        if let Some(rect) = doc.network_bounds_of(&targets) {
            self.network_view.focus(rect);
        }
    }

    /// People whose name, title or id contains the search text (case ignored), at most `most`.
    pub fn search_matches(&self, most: usize) -> Vec<PersonId> {
        let (Some(doc), false) = (&self.document, self.search.trim().is_empty()) else {
            return Vec::new();
        };
        let needle = self.search.trim().to_lowercase();
        doc.org
            .people
            .iter()
            .filter(|p| {
                p.display_name().to_lowercase().contains(&needle)
                    || p.title.to_lowercase().contains(&needle)
                    || p.id.as_str().to_lowercase() == needle
            })
            .take(most)
            .map(|p| p.id.clone())
            .collect()
    }
}
