//! An open team file with everything derived from it: the analysis, the layouts and the scenes.

use super::Selection;
use crate::analysis::{Analysis, analyze};
use crate::edit::{Command, EditError, History};
use crate::io::{Format, Loaded};
use crate::layout::{
    NetworkLayout, NetworkReading, Orientation, Point, Rect, TreeLayout, TreeRequest, best_shape,
    network_layout_as, tree_layout,
};
use crate::model::{Hierarchy, NONE};
use crate::model::{Org, PersonId, Problem};
use crate::scene::{Scene, Target, marked_people, network_scene_by};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// The bundled examples, by file name, shipped inside the program.
pub const EXAMPLES: [(&str, &str); 3] = [
    (
        "riverside-traditional.json",
        include_str!("../../assets/examples/riverside-traditional.json"),
    ),
    (
        "riverside-distributed.json",
        include_str!("../../assets/examples/riverside-distributed.json"),
    ),
    (
        "brightpath-product.json",
        include_str!("../../assets/examples/brightpath-product.json"),
    ),
];

/// At Fit, a card's name is at least this high (points); when everybody cannot be shown so,
/// Fit folds the hierarchy ([`Document::fold_to_fit`]).
pub const FIT_TEXT_PX: f32 = 11.0;

/// From this many people, the figures of an edit that keeps the same people and domains (a
/// move, a right, a rename) and of its undo are worked out on another thread: the edit shows
/// at once, the hierarchy laid out anew in the colours of the figures before it, and the
/// figures, findings and network follow when they are ready ([`Document::is_updating`]).
pub const BACKGROUND_FROM: usize = 20_000;

/// Beyond this many people the tree opens collapsed to the first levels.
const OPEN_FULLY_UP_TO: usize = 2_000;

/// An open team file and what is derived from it.
pub struct Document {
    /// Where it came from, or where it was last saved.
    pub path: PathBuf,
    /// What that file is.
    pub format: Format,
    /// False for a bundled example or a restored recovery never saved: Save asks where.
    pub has_file: bool,
    /// The org.
    pub org: Org,
    /// The org as it was opened or last saved, for "compare with the file as opened".
    pub baseline: Org,
    /// Its analysis.
    pub analysis: Analysis,
    /// Its findings as the panel lists them (of one kind summed up), made with the analysis
    /// rather than on every frame.
    pub finding_groups: Vec<crate::analysis::FindingGroup>,
    /// Where the colours by incoming links are darkest ([`crate::scene::links_scale_top`]).
    pub links_top: f64,
    /// Per person (file order), the positions in `org.links` of the links they are an end of.
    pub links_of: Vec<Vec<usize>>,
    /// Rows the opened file's import skipped or repaired.
    pub import_problems: Vec<Problem>,
    /// What reading the opened file decided, for the user.
    pub notes: Vec<String>,
    /// What each file imported onto the document since said (rights, links, junior posts),
    /// oldest first; shown while its import is not undone ([`Document::said`]).
    pub imports: Vec<Said>,
    /// Domains just added in the window that nobody decides yet: the "nobody may decide"
    /// finding waits until they get a decider, so filling the matrix raises no alarm storm.
    pub held_alarms: BTreeSet<crate::model::DecisionId>,
    /// The edits made, for undo and redo.
    pub history: History,
    /// People marked in both views.
    pub marked: Vec<bool>,
    /// Ids of the people whose reports are hidden.
    pub collapsed: BTreeSet<String>,
    /// Which way the tree grows.
    pub orientation: Orientation,
    /// What colours the hierarchy's cards.
    pub color_by: crate::scene::ColorBy,
    /// What the network view draws, as the user chose it (the org's default until then;
    /// [`NetworkReading::for_org`] falls back when the org has nothing to draw in it).
    network_reading: Option<NetworkReading>,
    /// The hierarchy's layout.
    pub tree: TreeLayout,
    /// Width over height of the panel the hierarchy is laid out to fill.
    pub panel_aspect: f32,
    /// The stacking chosen for that panel, kept through edits so that they do not reshuffle
    /// the picture; `None` asks for a new choice.
    shape: Option<(f32, f32)>,
    /// Where each shown person's card was, by id: a new layout is shifted to keep most of
    /// them in place, so that an edit does not slide the whole picture.
    placed: HashMap<String, Point>,
    /// The hierarchy's picture.
    pub hierarchy: Scene,
    /// The network's layout.
    pub network_layout: NetworkLayout,
    /// The network's picture.
    pub network: Scene,
    /// Where each node of the network was, by identity, kept through edits.
    network_places: HashMap<crate::layout::NodeKey, Point>,
    /// Keep the network's places through the next re-analysis (false: lay it out afresh).
    keep_network: bool,
    index: crate::model::Map<String, u32>,
    decision_index: crate::model::Map<String, u32>,
    parent: Vec<u32>,
    depth: Vec<u32>,
    /// The figures being worked out for the org as it is now, while those shown are of the
    /// version before.
    updating: Option<Updating>,
}

/// Figures being worked out for one version of the org.
struct Updating {
    /// The history's version they are for.
    version: u64,
    /// The worker's answer, once it is started (on the frame after the edit showed).
    work: Option<std::sync::mpsc::Receiver<Derived>>,
}

/// What is derived from one version of the org besides the hierarchy's layout: its analysis,
/// what the panels list, and the network's layout and picture.
struct Derived {
    analysis: Analysis,
    finding_groups: Vec<crate::analysis::FindingGroup>,
    links_top: f64,
    marked: Vec<bool>,
    links_of: Vec<Vec<usize>>,
    network_layout: NetworkLayout,
    network_places: HashMap<crate::layout::NodeKey, Point>,
    network: Scene,
}

/// Works out [`Derived`] for `org`: `held` are the domains whose "nobody may decide" alarm
/// waits; `keep` the network's places to keep (none: laid out afresh).
fn derive(
    org: &Org,
    held: &BTreeSet<crate::model::DecisionId>,
    reading: NetworkReading,
    keep: Option<&HashMap<crate::layout::NodeKey, Point>>,
    color_by: crate::scene::ColorBy,
) -> Derived {
    let mut analysis = analyze(org);
    if !held.is_empty() {
        analysis.findings.retain(|f| {
            f.kind != crate::analysis::FindingKind::NoDecider
                || !f
                    .domains
                    .iter()
                    .all(|d| held.contains(&crate::model::DecisionId(d.clone())))
        });
    }
    let finding_groups = crate::analysis::group_findings(&analysis.findings);
    let links_top = crate::scene::links_scale_top(&analysis);
    let marked = marked_people(org, &analysis);
    // Each person's links (positions in `org.links`), for the inspector's lists.
    let index = crate::model::person_index(org);
    let mut links_of = vec![Vec::new(); org.people.len()];
    for (k, l) in org.links.iter().enumerate() {
        for end in [&l.from, &l.to] {
            if let Some(list) = index.get(end.as_str()).and_then(|&i| links_of.get_mut(i))
                && list.last() != Some(&k)
            {
                list.push(k);
            }
        }
    }
    // What was drawn stays where it was; only what the edit changed moves.
    let mut network_layout = network_layout_as(org, &analysis, reading);
    if let Some(places) = keep {
        network_layout.keep_places(org, places);
    }
    let network_places = network_layout.places(org);
    let network = network_scene_by(org, &analysis, &network_layout, &marked, color_by);
    Derived {
        analysis,
        finding_groups,
        links_top,
        marked,
        links_of,
        network_layout,
        network_places,
        network,
    }
}

/// What reading one imported file said: its notes and the rows or cells it skipped, and the
/// state of the document its import made.
#[derive(Clone, Debug, PartialEq)]
pub struct Said {
    /// The file's name.
    pub file: String,
    /// What the import decided ("12 rows read as 40 advice links…").
    pub notes: Vec<String>,
    /// Rows, columns or cells that needed attention.
    pub problems: Vec<Problem>,
    /// The history's version once the import was applied.
    pub at: u64,
}

impl Document {
    /// Records what an import just applied said, for as long as it is not undone.
    pub fn record_import(&mut self, file: String, notes: Vec<String>, problems: Vec<Problem>) {
        // Imports undone and then left behind by another edit can never come back.
        let history = &self.history;
        self.imports.retain(|s| history.includes(s.at));
        self.imports.push(Said {
            file,
            notes,
            problems,
            at: self.history.version(),
        });
    }

    /// What the imports still in the document said, the latest first.
    pub fn said(&self) -> impl Iterator<Item = &Said> {
        self.imports
            .iter()
            .rev()
            .filter(|s| self.history.includes(s.at))
    }

    /// Analyses and lays out a loaded file.
    pub fn new(path: PathBuf, loaded: Loaded, orientation: Orientation) -> Self {
        let big = loaded.org.people.len() > OPEN_FULLY_UP_TO;
        let mut doc = Self {
            path,
            format: loaded.format,
            has_file: true,
            baseline: loaded.org.clone(),
            org: loaded.org,
            analysis: analyze(&Org::default()),
            finding_groups: Vec::new(),
            links_top: crate::scene::SCALE_TOP,
            links_of: Vec::new(),
            import_problems: loaded.import_problems,
            notes: loaded.notes,
            imports: Vec::new(),
            held_alarms: BTreeSet::new(),
            history: History::default(),
            marked: Vec::new(),
            collapsed: BTreeSet::new(),
            orientation,
            color_by: crate::scene::ColorBy::Load,
            network_reading: None,
            tree: TreeLayout::default(),
            panel_aspect: 1.0,
            shape: None,
            placed: HashMap::new(),
            hierarchy: Scene::default(),
            network_layout: NetworkLayout::default(),
            network: Scene::default(),
            network_places: HashMap::new(),
            keep_network: true,
            index: crate::model::Map::default(),
            decision_index: crate::model::Map::default(),
            parent: Vec::new(),
            depth: Vec::new(),
            updating: None,
        };
        doc.reanalyze();
        if big {
            doc.collapse_below(2);
        }
        doc.relayout();
        doc
    }

    /// Holds the "nobody may decide" alarm of these new domains until they have a decider.
    pub fn hold_alarms(&mut self, domains: Vec<crate::model::DecisionId>) {
        self.held_alarms.extend(domains);
        self.reanalyze();
    }

    /// Recomputes everything derived from the org, after an edit.
    fn reanalyze(&mut self) {
        self.updating = None;
        self.refresh_indexes();
        let keep = self.keep_network.then_some(&self.network_places);
        let derived = derive(
            &self.org,
            &self.held_alarms,
            self.network_reading(),
            keep,
            self.color_by,
        );
        drop(self.install(derived));
    }

    /// Takes in what [`derive`] worked out; gives back what it replaced.
    fn install(&mut self, d: Derived) -> Derived {
        use std::mem::replace;
        Derived {
            analysis: replace(&mut self.analysis, d.analysis),
            finding_groups: replace(&mut self.finding_groups, d.finding_groups),
            links_top: replace(&mut self.links_top, d.links_top),
            marked: replace(&mut self.marked, d.marked),
            links_of: replace(&mut self.links_of, d.links_of),
            network_layout: replace(&mut self.network_layout, d.network_layout),
            network_places: replace(&mut self.network_places, d.network_places),
            network: replace(&mut self.network, d.network),
        }
    }

    /// The indexes of people and domains and the reporting lines, after an edit.
    fn refresh_indexes(&mut self) {
        let org = &self.org;
        self.held_alarms.retain(|id| {
            org.decisions
                .iter()
                .any(|d| &d.id == id && d.decides.is_empty())
        });
        let h = Hierarchy::new(&self.org);
        self.parent = h.parent.clone();
        self.depth = h.depth.clone();
        drop(h);
        self.index = self
            .org
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.0.clone(), i as u32))
            .collect();
        self.decision_index = self
            .org
            .decisions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.0.clone(), i as u32))
            .collect();
        self.collapsed.retain(|id| self.index.contains_key(id));
    }

    /// Lays the network out again from the analysis.
    fn relayout_network(&mut self) {
        // What was drawn stays where it was; only what the edit changed moves.
        let mut layout = network_layout_as(&self.org, &self.analysis, self.network_reading());
        if self.keep_network {
            layout.keep_places(&self.org, &self.network_places);
        }
        self.network_places = layout.places(&self.org);
        self.network_layout = layout;
        self.rescene_network();
    }

    /// Draws the network's picture again from its layout and the figures.
    fn rescene_network(&mut self) {
        self.network = network_scene_by(
            &self.org,
            &self.analysis,
            &self.network_layout,
            &self.marked,
            self.color_by,
        );
    }

    /// After the history changed the org (it had `people` and `domains` before): everything
    /// derived follows, at once, or for a
    /// large org whose people and domains stayed the same, the hierarchy at once and the
    /// figures from another thread ([`BACKGROUND_FROM`]).
    fn changed(&mut self, people: usize, domains: usize) {
        let same = people == self.org.people.len()
            && domains == self.org.decisions.len()
            && self
                .org
                .people
                .iter()
                .enumerate()
                .all(|(i, p)| self.index.get(p.id.as_str()) == Some(&(i as u32)))
            && self
                .org
                .decisions
                .iter()
                .enumerate()
                .all(|(k, d)| self.decision_index.get(d.id.as_str()) == Some(&(k as u32)));
        if same && people >= BACKGROUND_FROM {
            // Same people at the same places: the indexes hold; the reporting lines, new, come
            // with the layout.
            self.updating = Some(Updating {
                version: self.history.version(),
                work: None,
            });
        } else {
            self.reanalyze();
        }
        self.relayout();
    }

    /// True while the figures shown are of the version before the last edit (they are being
    /// worked out on another thread).
    pub fn is_updating(&self) -> bool {
        self.updating.is_some()
    }

    /// Moves the figures worked out elsewhere along: starts the work for an edit just shown,
    /// and takes in finished work. True when it took something in (the window must be drawn
    /// again).
    pub fn poll(&mut self) -> bool {
        let reading = self.network_reading();
        let Some(updating) = &mut self.updating else {
            return false;
        };
        let Some(work) = &updating.work else {
            let (org, held) = (self.org.clone(), self.held_alarms.clone());
            let keep = self.keep_network.then(|| self.network_places.clone());
            let color_by = self.color_by;
            let (send, receive) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                // Nobody waits for an answer the document no longer wants.
                let _ = send.send(derive(&org, &held, reading, keep.as_ref(), color_by));
            });
            updating.work = Some(receive);
            return false;
        };
        match work.try_recv() {
            Ok(derived) => {
                debug_assert_eq!(updating.version, self.history.version());
                self.updating = None;
                let old = self.install(derived);
                // A large org's old figures are many small pieces: freed elsewhere too.
                std::thread::spawn(move || drop(old));
                self.rescene_hierarchy();
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            // The worker failed: work it out here.
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.reanalyze();
                self.rescene_hierarchy();
                true
            }
        }
    }

    /// Waits for the figures of the org as it is now (before anything reads them to export,
    /// compare or suggest).
    pub fn settle(&mut self) {
        let Some(updating) = self.updating.take() else {
            return;
        };
        match updating.work.map(|w| w.recv()) {
            Some(Ok(derived)) => drop(self.install(derived)),
            _ => self.reanalyze(),
        }
        self.rescene_hierarchy();
    }

    /// Applies an edit as one undo step; everything derived follows ([`Document::changed`]:
    /// at once, or in a large org the figures from another thread).
    pub fn apply(&mut self, command: Command) -> Result<(), EditError> {
        let (people, domains) = (self.org.people.len(), self.org.decisions.len());
        self.history.apply(&mut self.org, command)?;
        self.changed(people, domains);
        Ok(())
    }

    /// Undoes the last edit; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let (people, domains) = (self.org.people.len(), self.org.decisions.len());
        let label = self.history.undo(&mut self.org)?;
        self.changed(people, domains);
        Some(label)
    }

    /// Redoes the last undone edit; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let (people, domains) = (self.org.people.len(), self.org.decisions.len());
        let label = self.history.redo(&mut self.org)?;
        self.changed(people, domains);
        Some(label)
    }

    /// True when there are changes a save would keep.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The file's name, for titles.
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.org.name.clone(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The index of the person with this id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    /// Where a selection is drawn now: the index the scenes use, if it is still there.
    pub fn target(&self, selection: &Selection) -> Option<Target> {
        match selection {
            Selection::Person(id) => self.index_of(id.as_str()).map(Target::Person),
            Selection::Domain(id) => self
                .decision_index
                .get(id.as_str())
                .map(|&k| Target::Domain(k)),
            Selection::Group(team) => Some(Target::Group(team.clone())),
        }
    }

    /// What a shape the user clicked stands for, by identity.
    pub fn selection_of(&self, target: &Target) -> Option<Selection> {
        match target {
            Target::Person(p) => self
                .org
                .people
                .get(*p as usize)
                .map(|person| Selection::Person(person.id.clone())),
            Target::Domain(k) => self
                .org
                .decisions
                .get(*k as usize)
                .map(|d| Selection::Domain(d.id.clone())),
            Target::Group(team) => Some(Selection::Group(team.clone())),
            Target::Figure(_) => None,
        }
    }

    /// Whether this person's reports are hidden.
    pub fn is_collapsed(&self, person: &PersonId) -> bool {
        self.collapsed.contains(person.as_str())
    }

    fn relayout(&mut self) {
        let h = Hierarchy::new(&self.org);
        // Who is collapsed, by index, found through the id index: the set is small, the org
        // may be large.
        let mut collapsed = vec![false; self.org.people.len()];
        for id in &self.collapsed {
            if let Some(c) = self
                .index
                .get(id.as_str())
                .and_then(|&i| collapsed.get_mut(i as usize))
            {
                *c = true;
            }
        }
        let request = TreeRequest {
            orientation: self.orientation,
            collapsed,
            ..TreeRequest::default()
        };
        let mut tree = if let Some((aspect, column_depth)) = self.shape {
            tree_layout(
                &h,
                &TreeRequest {
                    aspect,
                    column_depth,
                    ..request
                },
            )
        } else {
            let (tree, chosen) = best_shape(&h, &request, self.panel_aspect);
            self.shape = Some((chosen.aspect, chosen.column_depth));
            tree
        };
        // Shift the new layout by the median move of the people shown in both, so that what
        // the edit did not touch stays where the user saw it.
        let (mut dx, mut dy) = (Vec::new(), Vec::new());
        for (person, card) in self.org.people.iter().zip(&tree.cards) {
            if let (Some(card), Some(was)) = (card, self.placed.get(person.id.as_str())) {
                let c = card.center();
                dx.push(was.x - c.x);
                dy.push(was.y - c.y);
            }
        }
        if !dx.is_empty() {
            tree.translate(median(&mut dx), median(&mut dy));
        }
        self.placed = self
            .org
            .people
            .iter()
            .zip(&tree.cards)
            .filter_map(|(p, card)| card.map(|c| (p.id.0.clone(), c.center())))
            .collect();
        self.tree = tree;
        self.parent.clone_from(&h.parent);
        self.depth.clone_from(&h.depth);
        self.rescene_hierarchy();
    }

    /// Draws the hierarchy's picture again from its layout and the figures.
    fn rescene_hierarchy(&mut self) {
        self.hierarchy = crate::scene::hierarchy_scene_by(
            &self.org,
            &self.analysis,
            &self.tree,
            &self.marked,
            self.color_by,
        );
    }

    fn collapse_below(&mut self, level: usize) {
        self.collapsed = self
            .org
            .people
            .iter()
            .enumerate()
            .filter(|(v, _)| self.depth.get(*v).is_some_and(|&d| d as usize + 1 >= level))
            .map(|(_, p)| p.id.0.clone())
            .collect();
    }

    /// Folds the hierarchy to what a panel of `width` × `height` points shows with names at
    /// least [`FIT_TEXT_PX`] high, as the slides do ([`crate::export::fit_legibly`]); says what
    /// it left out, or `None` when everybody fits (then nothing changes).
    pub fn fold_to_fit(&mut self, width: f32, height: f32) -> Option<String> {
        if !(width > 1.0 && height > 1.0) {
            return None;
        }
        let h = Hierarchy::new(&self.org);
        let request = TreeRequest {
            orientation: self.orientation,
            ..TreeRequest::default()
        };
        let panel = crate::export::PanelSize {
            // The view keeps a margin round the picture at Fit.
            width: width * 0.94,
            height: height * 0.94,
            min_text: FIT_TEXT_PX,
        };
        let (_, fold) =
            crate::export::fit_legibly(&h, &self.analysis, &self.marked, &request, panel);
        let fold = fold?;
        let mut has_reports = vec![false; h.len()];
        for &p in &h.parent {
            if let Some(x) = has_reports.get_mut(p as usize) {
                *x = true;
            }
        }
        self.collapsed = self
            .org
            .people
            .iter()
            .enumerate()
            .filter(|&(v, _)| fold.collapsed.get(v) == Some(&true) && has_reports[v])
            .map(|(_, p)| p.id.0.clone())
            .collect();
        self.shape = None;
        drop(h);
        self.relayout();
        Some(fold.note)
    }

    /// Hides or shows a person's reports.
    pub fn toggle_collapse(&mut self, person: &PersonId) {
        if self.index.contains_key(person.as_str()) {
            if !self.collapsed.remove(person.as_str()) {
                self.collapsed.insert(person.0.clone());
            }
            self.relayout();
        }
    }

    /// Shows levels 1 to `level`, with everyone below collapsed.
    pub fn expand_to_level(&mut self, level: usize) {
        self.collapse_below(level.max(1));
        self.shape = None;
        self.relayout();
    }

    /// Shows everybody.
    pub fn expand_all(&mut self) {
        self.collapsed.clear();
        self.shape = None;
        self.relayout();
    }

    /// Colours the hierarchy's cards by decision load, by incoming links or by waits (the
    /// network's people too, by waits).
    pub fn set_color_by(&mut self, color_by: crate::scene::ColorBy) {
        if self.color_by != color_by {
            self.color_by = color_by;
            self.relayout();
            self.rescene_network();
        }
    }

    /// Lays the hierarchy out again for a panel of this width over height, when it differs
    /// enough from the one it was laid out for; true when it did.
    pub fn fill_panel(&mut self, aspect: f32) -> bool {
        if !self.would_fill(aspect) {
            return false;
        }
        self.panel_aspect = aspect;
        self.shape = None;
        self.relayout();
        true
    }

    /// Whether a panel of this shape (width over height) differs enough from the one the tree
    /// was laid out for to lay it out again.
    pub fn would_fill(&self, aspect: f32) -> bool {
        aspect.is_finite() && aspect > 0.0 && (aspect / self.panel_aspect).ln().abs() >= 0.15
    }

    /// What the network view draws now.
    pub fn network_reading(&self) -> NetworkReading {
        self.network_reading
            .unwrap_or_else(|| NetworkReading::default_for(&self.org))
            .for_org(&self.org)
    }

    /// Draws the network in another reading, laid out afresh.
    pub fn set_network_reading(&mut self, reading: NetworkReading) {
        if self.network_reading() != reading {
            self.network_reading = Some(reading);
            self.tidy_network();
        }
    }

    /// Puts the network's nodes where the explorer left them (in its own units, scaled to
    /// the network's bounds); nodes it did not place keep theirs. Kept through edits, like
    /// any place, until the network is laid out afresh.
    pub fn keep_network_places(&mut self, raw: &[(crate::layout::NodeKey, Point)]) {
        let radii: HashMap<crate::layout::NodeKey, f32> = self
            .network_layout
            .nodes
            .iter()
            .filter_map(|n| Some((crate::layout::node_key(&self.org, &n.kind)?, n.radius)))
            .collect();
        let fitted = crate::layout::fit_places(raw, self.network_layout.bounds, &radii);
        self.network_places.extend(fitted);
        self.keep_network = true;
        self.relayout_network();
    }

    /// Lays the network out afresh, tidy, forgetting where the edits left its nodes.
    pub fn tidy_network(&mut self) {
        self.keep_network = false;
        self.relayout_network();
        self.keep_network = true;
    }

    /// Grows the tree the other way.
    pub fn set_orientation(&mut self, orientation: Orientation) {
        self.orientation = orientation;
        self.shape = None;
        self.relayout();
    }

    /// Expands the managers above this person so that their card shows.
    pub fn reveal(&mut self, person: &PersonId) {
        let Some(p) = self.index_of(person.as_str()) else {
            return;
        };
        let mut changed = false;
        let mut at = self.parent.get(p as usize).copied().unwrap_or(NONE);
        while at != NONE {
            if let Some(person) = self.org.people.get(at as usize) {
                changed |= self.collapsed.remove(person.id.as_str());
            }
            at = self.parent.get(at as usize).copied().unwrap_or(NONE);
        }
        if changed {
            self.relayout();
        }
    }

    /// The area of the hierarchy holding these targets.
    pub fn hierarchy_bounds_of(&self, targets: &[Target]) -> Option<Rect> {
        bounds_of(&self.hierarchy, targets)
    }

    /// The area of the network holding these targets.
    pub fn network_bounds_of(&self, targets: &[Target]) -> Option<Rect> {
        bounds_of(&self.network, targets)
    }
}

fn median(values: &mut [f32]) -> f32 {
    let mid = values.len() / 2;
    *values.select_nth_unstable_by(mid, f32::total_cmp).1
}

fn bounds_of(scene: &Scene, targets: &[Target]) -> Option<Rect> {
    targets
        .iter()
        .filter_map(|t| scene.find(t).map(|s| s.bounds()))
        .reduce(|a, b| a.union(&b))
}
