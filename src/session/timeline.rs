//! The timeline of a file that holds several snapshots of its org (a date column with several
//! dates): every snapshot's figures and what changed between them, as `orgflow trend` gives
//! them, in a window of its own; any snapshot can be opened as the document.

use super::{Pending, Session};
use crate::io::CsvColumns;
use crate::scenario::{Trend, step_lines, trend};
use std::path::{Path, PathBuf};

/// The snapshots of the file the document was opened from.
pub struct TimelineView {
    /// The file.
    pub path: PathBuf,
    /// Its name, for titles.
    pub file: String,
    /// Every snapshot's figures and each step's changes.
    pub trend: Trend,
    /// Each step in words, as the report says it.
    pub steps: Vec<Vec<String>>,
    /// The snapshot the document holds.
    pub showing: String,
    /// Whether its window is open.
    pub open: bool,
}

impl TimelineView {
    /// The timeline of a file of several snapshots; `None` for a file of one (or one that no
    /// longer reads: the document opened from it already says what it holds).
    /// `showing` is the snapshot the document holds; the latest when `None`.
    pub fn of(path: &Path, showing: Option<&str>) -> Option<Self> {
        let read = crate::io::load_snapshots(&[path.to_owned()], &CsvColumns::default()).ok()?;
        if read.snapshots.len() < 2 {
            return None;
        }
        let snapshots = crate::scenario::Snapshot::all(&read);
        let trend = trend(&snapshots);
        let showing = showing
            .map(str::to_owned)
            .or_else(|| snapshots.last().map(|s| s.label.to_owned()))
            .unwrap_or_default();
        let steps = trend
            .steps
            .iter()
            .zip(trend.points.windows(2))
            .zip(snapshots.iter().skip(1))
            .filter_map(|((step, pair), later)| match pair {
                [before, after] => Some(step_lines(step, before, after, later.org)),
                _ => None,
            })
            .collect();
        Some(Self {
            path: path.to_owned(),
            file: path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
            trend,
            steps,
            showing,
            open: true,
        })
    }
}

/// A timeline being worked out on another thread (every snapshot is analysed: seconds for a
/// large file), so that the window stays responsive.
pub struct TimelineJob {
    /// The file.
    pub path: PathBuf,
    /// Its name, for the window's title while it works.
    pub file: String,
    receive: std::sync::mpsc::Receiver<Option<TimelineView>>,
}

impl Session {
    /// After a file opened: its timeline when it holds several snapshots, showing the one
    /// the document holds (`as_of`, else the latest), worked out on another thread.
    pub(super) fn read_timeline(&mut self, path: &Path, as_of: Option<&str>) {
        // The same file again (another of its snapshots opened): the timeline stays.
        if let Some(view) = &mut self.timeline
            && view.path == path
            && let Some(showing) = as_of
        {
            view.showing = showing.to_owned();
            return;
        }
        self.timeline = None;
        let (send, receive) = std::sync::mpsc::channel();
        let (owned, showing) = (path.to_owned(), as_of.map(str::to_owned));
        std::thread::spawn(move || {
            // Nobody waits for a timeline the session no longer wants.
            let _ = send.send(TimelineView::of(&owned, showing.as_deref()));
        });
        self.timeline_job = Some(TimelineJob {
            path: path.to_owned(),
            file: path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
            receive,
        });
    }

    /// Takes in a timeline worked out since the last frame; true when one came in.
    pub(super) fn poll_timeline(&mut self) -> bool {
        let Some(job) = &self.timeline_job else {
            return false;
        };
        match job.receive.try_recv() {
            Ok(view) => {
                self.timeline = view;
                self.timeline_job = None;
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.timeline_job = None;
                true
            }
        }
    }

    /// Opens one snapshot of the timeline's file as the document (asking first about unsaved
    /// changes).
    pub(super) fn open_snapshot(&mut self, label: String) {
        let Some(view) = &self.timeline else {
            return;
        };
        if view.showing == label {
            return;
        }
        let path = view.path.clone();
        self.guarded(Pending::OpenSnapshot(path, label));
    }

    /// Opens `path` as the org on the snapshot dated `as_of`.
    pub(super) fn open_as_of(&mut self, path: &Path, as_of: &str) {
        let columns = CsvColumns {
            as_of: Some(as_of.to_owned()),
            ..CsvColumns::default()
        };
        let timeline = self.timeline.take();
        match crate::io::load(path, &columns) {
            Ok(loaded) => {
                self.show(super::Document::new(
                    path.to_owned(),
                    loaded,
                    self.settings.orientation,
                ));
                self.timeline = timeline;
                self.read_timeline(path, Some(as_of));
                self.status = Some((true, format!("Showing the snapshot of {as_of}")));
            }
            Err(e) => {
                self.timeline = timeline;
                self.failure = Some(super::LoadFailure {
                    path: path.to_owned(),
                    problems: e.problems(),
                });
            }
        }
    }
}
