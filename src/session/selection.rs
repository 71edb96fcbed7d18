//! The selection, by identity, and moving the views to it: findings, search, framing.

use super::Session;
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

impl Session {
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
            self.out
                .view(super::ViewRequest::Focus(super::Pane::Hierarchy, rect));
        }
        if let Some(rect) = doc.network_bounds_of(&targets) {
            self.out
                .view(super::ViewRequest::Focus(super::Pane::Network, rect));
        }
    }

    /// People whose name, title or id contains the search text (case ignored), at most `most`.
    pub fn search_matches(&self, search: &str, most: usize) -> Vec<PersonId> {
        let (Some(doc), false) = (&self.document, search.trim().is_empty()) else {
            return Vec::new();
        };
        let needle = search.trim().to_lowercase();
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
