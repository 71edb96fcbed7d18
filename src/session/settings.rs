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
    /// What each imported edge list records ("advice", "communication"…), by file: asked
    /// once, offered again the next time that file is imported.
    pub link_kinds: std::collections::BTreeMap<PathBuf, String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            orientation: Orientation::TopDown,
            link_kinds: std::collections::BTreeMap::new(),
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

    /// The kind last chosen for the links in `path`, if it was imported before.
    pub fn link_kind(&self, path: &Path) -> Option<&str> {
        self.link_kinds.get(path).map(String::as_str)
    }
}
