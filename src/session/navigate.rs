//! Walking the hierarchy from the keyboard, and keeping what the user works on in sight.

use super::{Document, Selection, Session};
use crate::model::PersonId;
use crate::model::{Hierarchy, NONE};

/// One step from the selected person along the reporting lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Up to their manager.
    Manager,
    /// Down to their first report.
    Report,
    /// To the peer before them under the same manager.
    PreviousPeer,
    /// To the peer after them under the same manager.
    NextPeer,
}

impl Document {
    /// Who one step from `from` is, in the order the hierarchy draws them; `None` at an edge.
    /// From nobody, any step goes to the first top-level person.
    pub fn step(&self, from: Option<&PersonId>, step: Step) -> Option<PersonId> {
        let h = Hierarchy::new(&self.org);
        let id = |v: u32| self.org.people.get(v as usize).map(|p| p.id.clone());
        let Some(at) = from.and_then(|p| self.index_of(p.as_str())) else {
            return h.roots.first().and_then(|&r| id(r));
        };
        let parent = h.parent.get(at as usize).copied().unwrap_or(NONE);
        let peers: &[u32] = if parent == NONE {
            &h.roots
        } else {
            h.children_of(parent)
        };
        let place = peers.iter().position(|&p| p == at);
        match step {
            Step::Manager => (parent != NONE).then(|| id(parent)).flatten(),
            Step::Report if self.is_collapsed(&self.org.people[at as usize].id) => None,
            Step::Report => h.children_of(at).first().and_then(|&c| id(c)),
            Step::PreviousPeer => place
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| peers.get(i))
                .and_then(|&p| id(p)),
            Step::NextPeer => place.and_then(|i| peers.get(i + 1)).and_then(|&p| id(p)),
        }
    }
}

impl Session {
    /// Selects the person one step from the selection and keeps them in sight in both views.
    pub(super) fn step(&mut self, step: Step) {
        let Some(doc) = &self.document else {
            return;
        };
        let from = self.selection.as_ref().and_then(Selection::person);
        if let Some(next) = doc.step(from, step) {
            self.selection = Some(Selection::Person(next));
            self.keep_in_sight();
        }
    }

    /// Pans each view, at its zoom, just enough to show the selection, when it is out of sight.
    pub(super) fn keep_in_sight(&mut self) {
        let (Some(doc), Some(selection)) = (&mut self.document, self.selection.clone()) else {
            return;
        };
        if let Some(id) = selection.person() {
            doc.reveal(id);
        }
        let Some(target) = doc.target(&selection) else {
            return;
        };
        if let Some(rect) = doc.hierarchy_bounds_of(std::slice::from_ref(&target)) {
            self.out
                .view(super::ViewRequest::Reveal(super::Pane::Hierarchy, rect));
        }
        if let Some(rect) = doc.network_bounds_of(&[target]) {
            self.out
                .view(super::ViewRequest::Reveal(super::Pane::Network, rect));
        }
    }
}
