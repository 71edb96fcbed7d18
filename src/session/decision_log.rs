//! File ▸ Import decision log…: a log of decisions taken, read against the open org, shown
//! beside the model in its own window, and the capacities fitted to it as one undo step.

use super::{LoadFailure, Purpose, Session};
use crate::analysis::calibration::{self, Calibration};
use crate::io::Table;
use crate::model::Problem;
use std::path::{Path, PathBuf};

/// A decision log read for the open document.
pub struct DecisionLogView {
    /// The file.
    pub path: PathBuf,
    /// Its name, for titles.
    pub file: String,
    /// Its table, read again against the org after every change (people come and go).
    table: Table,
    /// The comparison for one version of the document, or why the log no longer fits it.
    cached: Option<(u64, Result<Calibration, Vec<Problem>>)>,
    /// Whether its window is open.
    pub open: bool,
}

impl DecisionLogView {
    /// The comparison for the document as it was last prepared (see [`Session::prepare`]).
    pub fn comparison(&self) -> Option<&Result<Calibration, Vec<Problem>>> {
        self.cached.as_ref().map(|(_, c)| c)
    }
}

impl Session {
    /// Asks for a decision log, then reads it against the open org.
    pub(super) fn import_decision_log_dialog(&mut self) {
        let picked = self.dialogs.pick_sheet_to_import();
        if let Some(path) = self.chosen(picked, Purpose::ImportDecisionLog, None) {
            self.import_decision_log(&path);
        }
    }

    /// Reads a decision log against the open org and opens its window. The document does not
    /// change; a log that cannot be read says why and leaves any log already read as it was.
    pub fn import_decision_log(&mut self, path: &Path) {
        let Some(doc) = &self.document else {
            return;
        };
        let failed = |problems| LoadFailure {
            path: path.to_owned(),
            problems,
        };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.failure = Some(failed(vec![Problem::new(
                    "",
                    format!("cannot be read: {e}"),
                )]));
                return;
            }
        };
        let table = match crate::io::read_table(path, &bytes, None) {
            Ok(t) => t,
            Err(problems) => {
                self.failure = Some(failed(problems));
                return;
            }
        };
        let day_hours = doc.org.queue_settings().day_hours;
        match crate::io::read_decision_log(&doc.org, table.clone(), day_hours) {
            Ok(log) => {
                let file = path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                self.status = Some((true, format!("Read {file}: {}", log.summary())));
                self.decision_log = Some(DecisionLogView {
                    path: path.to_owned(),
                    file,
                    table,
                    cached: None,
                    open: true,
                });
                self.refresh_decision_log();
            }
            Err(problems) => self.failure = Some(failed(problems)),
        }
    }

    /// Works out the log's comparison for the document as it is, if its window is open and
    /// the figures are settled.
    pub(super) fn refresh_decision_log(&mut self) {
        let Some(doc) = &self.document else {
            self.decision_log = None;
            return;
        };
        let Some(view) = &mut self.decision_log else {
            return;
        };
        let version = doc.history.version();
        let fresh = view.cached.as_ref().is_some_and(|(v, _)| *v == version);
        if !view.open || fresh || doc.is_updating() {
            return;
        }
        let day_hours = doc.org.queue_settings().day_hours;
        let result = crate::io::read_decision_log(&doc.org, view.table.clone(), day_hours)
            .map(|log| calibration::compare(&doc.analysis, &doc.org, &log, &view.file, Vec::new()));
        view.cached = Some((version, result));
    }

    /// Gives every decider in the log the hours a week for decisions that make the model
    /// reproduce it, as one undo step.
    pub(super) fn fit_to_decision_log(&mut self) {
        let (Some(doc), Some(view)) = (&self.document, &self.decision_log) else {
            return;
        };
        let day_hours = doc.org.queue_settings().day_hours;
        let Ok(log) = crate::io::read_decision_log(&doc.org, view.table.clone(), day_hours) else {
            self.status = Some((
                false,
                format!("{} no longer fits the org: nothing fitted", view.file),
            ));
            return;
        };
        let fitted = calibration::fit_capacities(&doc.org, &log);
        let edits: Vec<crate::edit::Edit> = fitted
            .iter()
            .filter_map(|f| {
                let p = doc.org.people.get(f.index as usize)?;
                let mut changed = p.clone();
                changed.capacity_hours = Some((f.capacity_hours * 10.0).round() / 10.0);
                (changed != *p).then(|| crate::edit::Edit::ReplacePerson {
                    id: p.id.clone(),
                    person: changed,
                })
            })
            .collect();
        if edits.is_empty() {
            self.status = Some((true, "The capacities already fit the log".to_owned()));
            return;
        }
        let capped = fitted.iter().filter(|f| f.capped).count();
        let label = format!(
            "fit decision hours of {} people to {}",
            edits.len(),
            view.file
        );
        self.edit(crate::edit::Command {
            label,
            edit: crate::edit::Edit::Batch(edits),
        });
        if capped > 0 && self.status.as_ref().is_some_and(|s| s.0) {
            self.status = Some((
                true,
                format!(
                    "Fitted; {capped} decided faster than their domains' hours allow even with the whole week, so capped at it"
                ),
            ));
        }
    }
}
