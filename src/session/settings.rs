//! What persists between runs: UI settings only, never the user's data.

use crate::layout::Orientation;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent files the start screen and the File menu remember.
const RECENT_FILES: usize = 8;

/// What persists between runs: UI settings only, never the user's data.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Which way the hierarchy grows.
    pub orientation: Orientation,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            orientation: Orientation::TopDown,
        }
    }
}

impl Settings {
    /// Puts a file first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT_FILES);
    }
}
