//! Scenarios in the window: the open org compared with another file or with itself as opened,
//! an absence simulated, and the suggestions. None of them changes the document until the user
//! accepts a suggestion, which is an ordinary edit.

use super::{Document, Session};
use crate::io::{CsvColumns, Loaded};
use crate::scenario::{Absence, Comparison, Proposal};
use crate::scene::{Scene, mark_changes};
use std::path::{Path, PathBuf};

/// Which org the views show while a scenario is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// The org before.
    Before,
    /// The org after.
    After,
    /// The org after, with everybody who did not change faded back.
    Changes,
}

/// A scenario open in the window: two orgs, their comparison, and what the views show.
pub struct ScenarioView {
    /// What it is ("Compared with riverside-distributed.json", "If Dana Reyes were away").
    pub title: String,
    /// The org before, laid out, with its changed people outlined.
    pub before: Document,
    /// The org after, likewise.
    pub after: Document,
    /// The after org's pictures with the unchanged faded.
    pub changes_only: (Scene, Scene),
    /// The figures and the changes.
    pub comparison: Comparison,
    /// For an absence: who is away, the orphaned domains and who carries the load.
    pub absence: Option<Absence>,
    /// What the views show.
    pub show: Show,
}

impl ScenarioView {
    /// A scenario of two orgs.
    pub fn new(
        title: String,
        before: Document,
        mut after: Document,
        absence: Option<Absence>,
    ) -> Self {
        let comparison = crate::scenario::compare(&before.org, &after.org);
        let mut before = before;
        outline(&mut before, &comparison);
        let mut changes_only = (after.hierarchy.clone(), after.network.clone());
        let kinds = kinds(&after, &comparison);
        let kind_of = |p: u32| kinds.get(p as usize).copied().flatten();
        mark_changes(&mut changes_only.0, &kind_of, true);
        mark_changes(&mut changes_only.1, &kind_of, true);
        outline(&mut after, &comparison);
        Self {
            title,
            before,
            after,
            changes_only,
            comparison,
            absence,
            show: Show::After,
        }
    }

    /// The document the views show.
    pub fn shown(&self) -> &Document {
        match self.show {
            Show::Before => &self.before,
            Show::After | Show::Changes => &self.after,
        }
    }

    /// The pictures the views show: (hierarchy, network).
    pub fn scenes(&self) -> (&Scene, &Scene) {
        match self.show {
            Show::Before => (&self.before.hierarchy, &self.before.network),
            Show::After => (&self.after.hierarchy, &self.after.network),
            Show::Changes => (&self.changes_only.0, &self.changes_only.1),
        }
    }
}

/// How each person of `doc` changed, by index.
fn kinds(doc: &Document, c: &Comparison) -> Vec<Option<crate::scenario::ChangeKind>> {
    let by_id = c.changes.by_id();
    doc.org
        .people
        .iter()
        .map(|p| by_id.get(p.id.as_str()).copied())
        .collect()
}

/// Outlines the changed people in a document's pictures.
fn outline(doc: &mut Document, c: &Comparison) {
    let people = kinds(doc, c);
    let kind = |p: u32| people.get(p as usize).copied().flatten();
    mark_changes(&mut doc.hierarchy, &kind, false);
    mark_changes(&mut doc.network, &kind, false);
}

/// The suggestions window's state: the proposals for one version of the document.
#[derive(Default)]
pub struct Suggestions {
    /// Shown.
    pub open: bool,
    /// The proposals, and the document version they were made for.
    pub proposals: Option<(u64, Vec<Proposal>)>,
}

impl Session {
    fn document_copy(&self, doc: &Document, org: crate::model::Org, name: &str) -> Document {
        let mut copy = Document::new(
            PathBuf::from(name),
            Loaded::team(org),
            self.settings.orientation,
        );
        copy.has_file = false;
        copy.collapsed = doc.collapsed.clone();
        copy.set_network_reading(doc.network_reading());
        copy
    }

    /// Compares the open org (before) with the file at `path` (after).
    pub fn compare_with(&mut self, path: &Path) {
        let Some(doc) = &self.document else {
            return;
        };
        match crate::io::load(path, &CsvColumns::default()) {
            Ok(loaded) => {
                let name = path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                let before = self.document_copy(doc, doc.org.clone(), &doc.file_name());
                let after = self.document_copy(doc, loaded.org, &name);
                self.scenario = Some(ScenarioView::new(
                    format!("{} compared with {name}", doc.file_name()),
                    before,
                    after,
                    None,
                ));
                self.out.fit_both();
            }
            Err(e) => {
                self.failure = Some(super::LoadFailure {
                    path: path.to_owned(),
                    problems: e.problems(),
                });
            }
        }
    }

    /// Asks for a file to compare the open org with.
    pub(super) fn compare_dialog(&mut self) {
        let picked = self.dialogs.pick_file_to_open();
        if let Some(path) = self.chosen(picked, super::Purpose::Compare, None) {
            self.compare_with(&path);
        }
    }

    /// Compares the org as it was opened or last saved (before) with the open org (after).
    pub fn compare_with_saved(&mut self) {
        let Some(doc) = &self.document else {
            return;
        };
        let before = self.document_copy(doc, doc.baseline.clone(), "as opened");
        let after = self.document_copy(doc, doc.org.clone(), &doc.file_name());
        self.scenario = Some(ScenarioView::new(
            format!("{}: as opened, and now", doc.file_name()),
            before,
            after,
            None,
        ));
    }

    /// Shows what happens while these people are away; the document does not change.
    pub fn simulate_absence(&mut self, ids: Vec<String>) {
        let Some(doc) = &self.document else {
            return;
        };
        match crate::scenario::without(&doc.org, &ids) {
            Ok(absence) => {
                let names: Vec<String> = ids
                    .iter()
                    .map(|id| {
                        doc.org
                            .person(id)
                            .map_or(id.clone(), |p| p.display_name().to_owned())
                    })
                    .collect();
                let before = self.document_copy(doc, doc.org.clone(), &doc.file_name());
                let after = self.document_copy(doc, absence.org.clone(), "away");
                self.scenario = Some(ScenarioView::new(
                    format!("If {} were away", names.join(" and ")),
                    before,
                    after,
                    Some(absence),
                ));
            }
            Err(e) => self.status = Some((false, format!("Cannot simulate: {e}"))),
        }
    }

    /// The proposals for the document as it is now, made when first asked for.
    pub fn suggestions(&mut self) -> &[Proposal] {
        let version = self.document.as_ref().map_or(0, |d| d.history.version());
        let stale = self
            .suggestions
            .proposals
            .as_ref()
            .is_none_or(|(v, _)| *v != version);
        if stale {
            let proposals = self
                .document
                .as_ref()
                .map_or(Vec::new(), |d| crate::scenario::suggest(&d.org));
            self.suggestions.proposals = Some((version, proposals));
        }
        self.suggestions
            .proposals
            .as_ref()
            .map_or(&[], |(_, p)| p.as_slice())
    }

    /// The proposals made for the document as it is now, if [`Session::prepare`] (or
    /// [`Session::suggestions`]) made them since the last change; otherwise none.
    pub fn proposals(&self) -> &[Proposal] {
        let version = self.document.as_ref().map_or(0, |d| d.history.version());
        match &self.suggestions.proposals {
            Some((v, proposals)) if *v == version => proposals,
            _ => &[],
        }
    }

    /// Before a frame is drawn: makes what the open windows show that is made on demand (the
    /// suggestions, while their window is open).
    pub fn prepare(&mut self) {
        if self.suggestions.open && self.document.is_some() {
            self.suggestions();
        }
        self.refresh_decision_log();
    }

    /// Writes the before/after slide of the open scenario to `path`.
    pub(super) fn export_scenario_to(&mut self, path: PathBuf, choices: &super::ExportChoices) {
        let Some(s) = &self.scenario else {
            return;
        };
        let options = choices.options(crate::export::Extent::Whole);
        let result = crate::export::export_comparison_to_file(
            &s.before.org,
            &s.after.org,
            self.settings.orientation,
            &options,
            &path,
        );
        self.export = Some(super::ExportResult {
            written: result.map(|()| path).map_err(|e| e.to_string()),
            left_out: None,
        });
    }
}
