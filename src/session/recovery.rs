//! Unsaved changes kept against a crash: written a few seconds after the last edit, offered
//! back at the next start, removed on save or discard.

use super::Session;
use std::path::PathBuf;

/// Unsaved changes found after orgflow stopped without saving them.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Recovery {
    /// The file they belong to.
    pub path: PathBuf,
    /// Whether that file is a team file orgflow can save to.
    pub has_file: bool,
    /// The edited org.
    pub team: crate::model::Org,
}

/// How long after the last edit the recovery file is written.
pub const RECOVERY_DELAY: std::time::Duration = std::time::Duration::from_secs(3);

impl Session {
    /// Keeps unsaved changes in `path`, and offers to restore what a crash left there.
    pub fn use_recovery_file(&mut self, path: PathBuf) {
        if let Ok(bytes) = std::fs::read(&path) {
            match serde_json::from_slice::<Recovery>(&bytes) {
                Ok(r) if crate::model::validate(&r.team).is_empty() => self.recovered = Some(r),
                _ => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        self.recovery_path = Some(path);
    }

    /// Writes the recovery file now if there are unsaved changes, or removes it if not.
    pub fn write_recovery(&mut self) {
        self.recovery_due = None;
        let Some(path) = &self.recovery_path else {
            return;
        };
        match &self.document {
            Some(doc) if doc.is_dirty() => {
                let recovery = Recovery {
                    path: doc.path.clone(),
                    has_file: doc.has_file,
                    team: doc.org.clone(),
                };
                if let Some(folder) = path.parent() {
                    let _ = std::fs::create_dir_all(folder);
                }
                if let Ok(text) = serde_json::to_vec(&recovery)
                    && let Err(e) = crate::io::write_atomically(path, &text)
                {
                    self.status = Some((false, format!("Could not keep a recovery copy: {e}")));
                }
            }
            _ => {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// Writes the recovery file when it is due; returns how long until it is, if pending.
    pub fn tick_recovery(&mut self, now: std::time::Instant) -> Option<std::time::Duration> {
        let due = self.recovery_due?;
        if now >= due {
            self.write_recovery();
            None
        } else {
            Some(due - now)
        }
    }

    /// After every edit, undo or redo: the recovery copy is due, and a scenario made from the
    /// document as it was is closed rather than shown out of date.
    pub(super) fn edited(&mut self) {
        self.recovery_due = Some(std::time::Instant::now() + RECOVERY_DELAY);
        self.scenario = None;
    }
}
