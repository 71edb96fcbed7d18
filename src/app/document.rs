//! An open team file with everything derived from it: the analysis, the layouts and the scenes.

use crate::analysis::structure::NONE;
use crate::analysis::{Analysis, Hierarchy, analyze};
use crate::io::{Format, Loaded};
use crate::layout::{
    NetworkLayout, Orientation, Rect, TreeLayout, TreeRequest, network_layout, tree_layout,
};
use crate::model::{Org, Problem};
use crate::scene::{Scene, Target, hierarchy_scene, marked_people, network_scene};
use std::collections::HashMap;
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

/// Beyond this many people the tree opens collapsed to the first levels.
const OPEN_FULLY_UP_TO: usize = 2_000;

/// An open team file and what is derived from it.
pub struct Document {
    /// Where it came from.
    pub path: PathBuf,
    /// What it was.
    pub format: Format,
    /// The org.
    pub org: Org,
    /// Its analysis.
    pub analysis: Analysis,
    /// Rows a CSV import skipped or repaired.
    pub import_problems: Vec<Problem>,
    /// People marked in both views.
    pub marked: Vec<bool>,
    /// People whose reports are hidden.
    pub collapsed: Vec<bool>,
    /// Which way the tree grows.
    pub orientation: Orientation,
    /// The hierarchy's layout.
    pub tree: TreeLayout,
    /// The hierarchy's picture.
    pub hierarchy: Scene,
    /// The network's layout.
    pub network_layout: NetworkLayout,
    /// The network's picture.
    pub network: Scene,
    index: HashMap<String, u32>,
    parent: Vec<u32>,
    depth: Vec<u32>,
}

impl Document {
    /// Analyses and lays out a loaded file.
    pub fn new(path: PathBuf, loaded: Loaded, orientation: Orientation) -> Self {
        let org = loaded.org;
        let analysis = analyze(&org);
        let marked = marked_people(&org, &analysis);
        let h = Hierarchy::new(&org);
        let parent = h.parent.clone();
        let depth = h.depth.clone();
        drop(h);
        let network_layout = network_layout(&org, &analysis);
        let network = network_scene(&org, &analysis, &network_layout, &marked);
        let n = org.people.len();
        let mut doc = Self {
            path,
            format: loaded.format,
            index: org
                .people
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.0.clone(), i as u32))
                .collect(),
            org,
            analysis,
            import_problems: loaded.import_problems,
            marked,
            collapsed: vec![false; n],
            orientation,
            tree: TreeLayout::default(),
            hierarchy: Scene::default(),
            network_layout,
            network,
            parent,
            depth,
        };
        if n > OPEN_FULLY_UP_TO {
            doc.collapse_below(2);
        }
        doc.relayout();
        doc
    }

    /// The file's name, for titles.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.org.name.clone())
    }

    /// The index of the person with this id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    fn relayout(&mut self) {
        let h = Hierarchy::new(&self.org);
        let request = TreeRequest {
            orientation: self.orientation,
            collapsed: self.collapsed.clone(),
            ..TreeRequest::default()
        };
        self.tree = tree_layout(&h, &request);
        self.hierarchy = hierarchy_scene(&self.org, &self.analysis, &self.tree, &self.marked);
    }

    fn collapse_below(&mut self, level: usize) {
        for (v, c) in self.collapsed.iter_mut().enumerate() {
            *c = self.depth[v] as usize + 1 >= level;
        }
    }

    /// Hides or shows a person's reports.
    pub fn toggle_collapse(&mut self, p: u32) {
        if let Some(c) = self.collapsed.get_mut(p as usize) {
            *c = !*c;
            self.relayout();
        }
    }

    /// Shows levels 1 to `level`, with everyone below collapsed.
    pub fn expand_to_level(&mut self, level: usize) {
        self.collapse_below(level.max(1));
        self.relayout();
    }

    /// Shows everybody.
    pub fn expand_all(&mut self) {
        self.collapsed.iter_mut().for_each(|c| *c = false);
        self.relayout();
    }

    /// Grows the tree the other way.
    pub fn set_orientation(&mut self, orientation: Orientation) {
        self.orientation = orientation;
        self.relayout();
    }

    /// Expands the managers above `p` so that their card shows.
    pub fn reveal(&mut self, p: u32) {
        let mut changed = false;
        let mut at = self.parent.get(p as usize).copied().unwrap_or(NONE);
        while at != NONE {
            if let Some(c) = self.collapsed.get_mut(at as usize)
                && *c
            {
                *c = false;
                changed = true;
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

fn bounds_of(scene: &Scene, targets: &[Target]) -> Option<Rect> {
    targets
        .iter()
        .filter_map(|t| scene.find(t).map(|s| s.bounds()))
        .reduce(|a, b| a.union(&b))
}
