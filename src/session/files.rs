//! Opening, starting and saving documents, asking first when unsaved changes would be lost.

use super::{Choice, Document, EXAMPLES, Pending, Picked, PickerRequest, Purpose, Session};
use crate::io::CsvColumns;
use crate::model::Problem;
use std::path::{Path, PathBuf};

/// A file that failed to open, with its problems; the open document stays as it was.
#[derive(Clone, Debug)]
pub struct LoadFailure {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// Every problem, or the one reason it could not be read.
    pub problems: Vec<Problem>,
}

impl Session {
    /// Opens a file; on failure lists its problems and leaves the open document untouched.
    pub fn open(&mut self, path: &Path) {
        match crate::io::load(path, &CsvColumns::default()) {
            Ok(loaded) => {
                self.settings.remember(path);
                let snapshots = loaded.notes.iter().any(|n| crate::io::is_snapshot_note(n));
                self.show(Document::new(
                    path.to_owned(),
                    loaded,
                    self.settings.orientation,
                ));
                if snapshots {
                    self.read_timeline(path, None);
                }
            }
            Err(e) => {
                self.failure = Some(LoadFailure {
                    path: path.to_owned(),
                    problems: e.problems(),
                });
            }
        }
    }

    /// Opens a file of people with the junior-posts files that add to it (a UK organogram's
    /// senior and junior posts, in either order), as one document named after the file of
    /// people. Nothing changes unless all of them read.
    pub fn open_all(&mut self, paths: &[PathBuf]) {
        match crate::io::load_all(paths, &CsvColumns::default()) {
            Ok((loaded, added)) => {
                let team = paths
                    .iter()
                    .find(|p| !added.iter().any(|a| &a.path == *p))
                    .cloned()
                    .unwrap_or_default();
                self.settings.remember(&team);
                let mut doc = Document::new(team, loaded, self.settings.orientation);
                for a in added {
                    let file = file_name(&a.path);
                    doc.notes
                        .extend(a.import.notes.iter().map(|n| format!("{file}: {n}")));
                    doc.import_problems.extend(a.import.problems);
                }
                self.show(doc);
            }
            Err(e) => {
                self.failure = Some(LoadFailure {
                    path: paths.first().cloned().unwrap_or_default(),
                    problems: e.problems(),
                });
            }
        }
    }

    /// Opens a bundled example by file name.
    pub fn open_example(&mut self, name: &str) {
        let Some((_, text)) = EXAMPLES.iter().find(|(n, _)| *n == name) else {
            return;
        };
        let path = PathBuf::from(name);
        match crate::io::load_bytes(&path, text.as_bytes(), &CsvColumns::default()) {
            Ok(loaded) => {
                // A bundled example has no file of its own: Save asks where.
                let mut doc = Document::new(path, loaded, self.settings.orientation);
                doc.has_file = false;
                self.show(doc);
            }
            Err(e) => {
                self.failure = Some(LoadFailure {
                    path,
                    problems: e.problems(),
                });
            }
        }
    }

    /// Shows a document that is already loaded (a generated org, a test).
    pub fn show(&mut self, document: Document) {
        self.document = Some(document);
        self.failure = None;
        self.selection = None;
        // A decision log belongs to the org it was read against, a timeline to its file.
        self.decision_log = None;
        self.timeline = None;
        self.timeline_job = None;
        // Proposals are keyed by the history's version, which starts again with each file:
        // another file's proposals must never be shown or accepted here.
        self.suggestions.proposals = None;
        self.status = None;
        self.out.fit_both();
        self.out.fold_hierarchy = true;
        // The recovery copy follows the document shown: kept for restored changes, removed
        // when the changes it held were discarded for another file.
        self.write_recovery();
    }

    /// Runs an action that would drop the document, asking first when it has unsaved changes.
    pub(super) fn guarded(&mut self, pending: Pending) {
        if self.document.as_ref().is_some_and(Document::is_dirty) {
            self.pending = Some(pending);
        } else {
            self.proceed(pending);
        }
    }

    fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::OpenDialog => {
                let picked = self.dialogs.pick_file_to_open();
                if let Some(path) = self.chosen(picked, Purpose::Open, None) {
                    self.open(&path);
                }
            }
            Pending::Open(path) => self.open(&path),
            Pending::OpenSnapshot(path, as_of) => self.open_as_of(&path, &as_of),
            Pending::OpenFiles(paths) => self.open_all(&paths),
            Pending::OpenExample(name) => self.open_example(name),
            Pending::Close => {
                self.document = None;
                self.decision_log = None;
                self.timeline = None;
                self.timeline_job = None;
                self.selection = None;
                self.write_recovery();
            }
            Pending::New => {
                let org = crate::model::Org {
                    name: "Untitled org".to_owned(),
                    ..crate::model::Org::default()
                };
                let loaded = crate::io::Loaded::team(org);
                let mut doc = Document::new(
                    PathBuf::from("untitled.json"),
                    loaded,
                    self.settings.orientation,
                );
                doc.has_file = false;
                self.show(doc);
                self.status = Some((
                    true,
                    "New org: Edit ▸ Add a top-level person to begin".to_owned(),
                ));
            }
            Pending::Quit => {
                self.out.quit = true;
                self.document = None;
                self.decision_log = None;
                self.write_recovery();
            }
        }
    }

    /// Saves to `path` (atomically); on failure says so and keeps the changes unsaved.
    fn save_to(&mut self, path: PathBuf) -> bool {
        let Some(doc) = &mut self.document else {
            return false;
        };
        match crate::io::save(&doc.org, &path) {
            Ok(()) => {
                doc.path = path.clone();
                doc.format = crate::io::Format::Json;
                doc.has_file = true;
                doc.history.mark_saved();
                doc.baseline = doc.org.clone();
                self.settings.remember(&path);
                self.status = Some((true, format!("Saved {}", path.display())));
                self.write_recovery();
                true
            }
            Err(e) => {
                self.status = Some((false, e.to_string()));
                false
            }
        }
    }

    /// Saves to the document's team file, or asks where (always, when `ask`); once saved,
    /// carries on with `then`.
    pub(super) fn save(&mut self, ask: bool, then: Option<Pending>) {
        let Some(doc) = &self.document else {
            return;
        };
        // A CSV is never overwritten unasked: its changes go to a team file.
        if !ask && doc.has_file && doc.format == crate::io::Format::Json {
            let path = doc.path.clone();
            if self.save_to(path)
                && let Some(pending) = then
            {
                self.proceed(pending);
            }
            return;
        }
        let stem = Path::new(&doc.file_name())
            .file_stem()
            .map_or_else(|| "team".to_owned(), |s| s.to_string_lossy().into_owned());
        let suggested = format!("{stem}.json");
        let picked = self.dialogs.pick_file_to_save(&suggested);
        if let Some(path) = self.chosen(picked, Purpose::Save(then.clone()), Some(suggested)) {
            self.save_picked(path, then);
        }
    }

    /// Saves where the user chose (as a team file), then carries on with `then`.
    fn save_picked(&mut self, mut path: PathBuf, then: Option<Pending>) {
        if crate::io::Format::from_path(&path) != Some(crate::io::Format::Json) {
            path.set_extension("json");
        }
        if self.save_to(path)
            && let Some(pending) = then
        {
            self.proceed(pending);
        }
    }

    /// Answers "Save changes?".
    pub(super) fn resolve(&mut self, choice: Choice) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        match choice {
            Choice::Save => self.save(false, Some(pending)),
            Choice::Discard => {
                if let Some(doc) = &mut self.document {
                    doc.history.mark_saved();
                }
                // Thrown away, so no longer kept against a crash, whatever happens next.
                self.write_recovery();
                self.proceed(pending);
            }
            Choice::Cancel => {}
        }
    }

    /// A file chosen in orgflow's own picker: does what the picker was opened for.
    pub(super) fn picked_in_app(&mut self, path: PathBuf, purpose: Purpose) {
        match purpose {
            Purpose::Open => self.open(&path),
            Purpose::Save(then) => self.save_picked(path, then),
            Purpose::Export => self.export_picked(path),
            Purpose::ImportRights => self.import_rights(&path),
            Purpose::Compare => self.compare_with(&path),
            Purpose::ImportLinks => self.ask_links_kind(path),
            Purpose::ImportDecisionLog => self.import_decision_log(&path),
            Purpose::AddJunior => self.add_junior(&path),
        }
    }

    /// Asks for a rights sheet and merges it.
    pub(super) fn import_rights_dialog(&mut self) {
        let picked = self.dialogs.pick_sheet_to_import();
        if let Some(path) = self.chosen(picked, Purpose::ImportRights, None) {
            self.import_rights(&path);
        }
    }

    /// Merges a rights sheet onto the open org as one undo step; its problems are listed under
    /// the figures. A sheet that cannot be read changes nothing and says why.
    pub fn import_rights(&mut self, path: &Path) {
        let Some(doc) = &self.document else {
            return;
        };
        match crate::io::load_rights(&doc.org, path, None, None) {
            Ok(import) => {
                let file = path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                let summary = import.summary();
                let command = crate::edit::merge_decisions(
                    &doc.org,
                    &import.org.decisions,
                    format!("import decision rights from {file}"),
                );
                match command {
                    Some(command) => {
                        self.edit(command);
                        // The network is a new picture now: show all of it.
                        self.out.fit(super::Pane::Network);
                    }
                    None => self.status = Some((true, format!("{file}: the rights already match"))),
                }
                if let Some(doc) = &mut self.document {
                    let mut notes = vec![summary.clone()];
                    notes.extend(import.notes.iter().cloned());
                    doc.record_import(file.clone(), notes, import.problems);
                }
                if self.status.as_ref().is_some_and(|s| s.0) {
                    self.status = Some((true, format!("Imported {file}: {summary}")));
                }
            }
            Err(e) => {
                self.failure = Some(LoadFailure {
                    path: path.to_owned(),
                    problems: e.problems(),
                });
            }
        }
    }

    /// Asks for a junior-posts file and attaches it.
    pub(super) fn add_junior_dialog(&mut self) {
        let picked = self.dialogs.pick_sheet_to_import();
        if let Some(path) = self.chosen(picked, Purpose::AddJunior, None) {
            self.add_junior(&path);
        }
    }

    /// Attaches a UK organogram's junior posts to the open org's senior posts, as one undo
    /// step; rows left out are listed under the figures. A file that cannot be read changes
    /// nothing and says why.
    pub fn add_junior(&mut self, path: &Path) {
        let Some(doc) = &self.document else {
            return;
        };
        match crate::io::load_junior(&doc.org, path, None) {
            Ok(import) => {
                let file = file_name(path);
                let summary = import.summary();
                let start = doc.org.junior_posts.len();
                let rows = import.org.junior_posts.get(start..).unwrap_or_default();
                // The same rows again would count every junior post twice.
                if start > 0 && rows == doc.org.junior_posts.as_slice() {
                    self.status = Some((
                        false,
                        format!(
                            "Not added: the junior posts of {file} are attached already; adding them again would count each twice"
                        ),
                    ));
                    return;
                }
                if let Some(command) = crate::edit::add_junior_posts(
                    &doc.org,
                    rows,
                    format!("add the junior posts of {file}"),
                ) {
                    self.edit(command);
                }
                if let Some(doc) = &mut self.document {
                    doc.record_import(file.clone(), import.notes.clone(), import.problems);
                }
                self.status = Some((true, format!("Added {file}: {summary}")));
            }
            Err(e) => {
                self.failure = Some(LoadFailure {
                    path: path.to_owned(),
                    problems: e.problems(),
                });
            }
        }
    }

    /// Asks for an edge list, then what its links record ([`Session::links_question`]).
    pub(super) fn import_links_dialog(&mut self) {
        let picked = self.dialogs.pick_sheet_to_import();
        if let Some(path) = self.chosen(picked, Purpose::ImportLinks, None) {
            self.ask_links_kind(path);
        }
    }

    /// Asks what the links in `path` record, offering the kind chosen for it last time.
    fn ask_links_kind(&mut self, path: PathBuf) {
        if self.document.is_none() {
            return;
        }
        let kind = self
            .settings
            .link_kind(&path)
            .unwrap_or(LINK_KINDS[0].0)
            .to_owned();
        self.links_question = Some(LinksQuestion { path, kind });
    }

    /// Merges an edge list onto the open org as links of `kind`, as one undo step; skipped
    /// rows are listed under the figures. A file that cannot be read changes nothing and says
    /// why.
    pub fn import_links(&mut self, path: &Path, kind: &str) {
        let Some(doc) = &self.document else {
            return;
        };
        match crate::io::load_links(&doc.org, path, None, kind) {
            Ok(import) => {
                let file = path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                let summary = import.summary(kind);
                let command = crate::edit::merge_links(
                    &doc.org,
                    &import.org.links,
                    format!("import links from {file}"),
                );
                if let Some(command) = command {
                    self.edit(command);
                    self.out.fit(super::Pane::Network);
                }
                if let Some(doc) = &mut self.document {
                    let mut notes = vec![summary.clone()];
                    notes.extend(import.notes.iter().cloned());
                    doc.record_import(file.clone(), notes, import.problems);
                }
                self.status = Some((true, format!("Imported {file}: {summary}")));
            }
            Err(e) => {
                self.failure = Some(LoadFailure {
                    path: path.to_owned(),
                    problems: e.problems(),
                });
            }
        }
    }

    /// What a file dialog answered: the file chosen, or nothing. When the system's dialog
    /// could not open, says so and asks the window for orgflow's own picker, for `purpose`
    /// (suggesting `save_as` for a file to save); its answer comes back as
    /// [`Action::PickedInApp`](super::Action::PickedInApp).
    pub(super) fn chosen(
        &mut self,
        picked: Picked,
        purpose: Purpose,
        save_as: Option<String>,
    ) -> Option<PathBuf> {
        match picked {
            Picked::File(path) => Some(path),
            Picked::Cancelled => None,
            Picked::Unavailable(why) => {
                self.dialog_missing(&why);
                self.out.picker = Some(PickerRequest {
                    folder: self.picker_folder(),
                    purpose,
                    save_as,
                });
                None
            }
        }
    }

    /// Tells the user the system's file dialog cannot open, and that orgflow's own is used.
    fn dialog_missing(&mut self, why: &str) {
        self.status = Some((
            false,
            format!(
                "The system's file dialog could not open: {why}. orgflow's own file picker is used instead."
            ),
        ));
    }

    /// Where orgflow's own picker starts: the open file's folder, the last file's, or here.
    pub(super) fn picker_folder(&self) -> PathBuf {
        let from_file = |path: &Path| {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty() && p.is_dir())
                .map(Path::to_path_buf)
        };
        self.document
            .as_ref()
            .filter(|d| d.has_file)
            .and_then(|d| from_file(&d.path))
            .or_else(|| self.settings.recent.first().and_then(|p| from_file(p)))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }
}

/// A file's name for a message ("junior.csv").
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned())
}

/// The kinds of link an edge list may record, each with what it means, in the order offered.
pub const LINK_KINDS: [(&str, &str); 4] = [
    (
        "advice",
        "who asks whom for advice or help (a survey's \u{201c}whom do you go to\u{201d})",
    ),
    (
        "communication",
        "who writes to or meets whom (e-mail, chat, meetings)",
    ),
    ("trust", "who confides in whom"),
    ("collaboration", "who works with whom"),
];

/// An edge list chosen for import, waiting for the user to say what its links record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinksQuestion {
    /// The file.
    pub path: PathBuf,
    /// The kind offered: the one chosen for this file last time, or advice.
    pub kind: String,
}
