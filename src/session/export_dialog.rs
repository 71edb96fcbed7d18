//! The Export image… dialog's choices, and the export they describe.

use super::{Purpose, Selection, Session};
use crate::export::{ExportFormat, ExportOptions, ExportView, Extent, export_to_file};
use crate::layout::Rect;
use std::path::{Path, PathBuf};

/// The choices of the Export image… dialog; kept between exports in one run.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportChoices {
    /// Which picture.
    pub view: ExportView,
    /// Everything, or what the views show now.
    pub in_view_only: bool,
    /// Only the selected person and everybody below them (the hierarchy).
    pub selected_subtree: bool,
    /// The open scenario's before and after, side by side.
    pub before_after: bool,
    /// Which format.
    pub format: ExportFormat,
    /// Slide width in pixels.
    pub width: u32,
    /// Slide height in pixels.
    pub height: u32,
    /// PNG pixel density.
    pub scale: f32,
    /// The slide's title.
    pub title: String,
    /// No background.
    pub transparent: bool,
    /// How many findings to call out.
    pub findings: usize,
    /// A PDF of a large org over several pages: an overview and a page per part.
    pub pages: bool,
}

/// An export to make: the dialog's choices, and what the views show now (for "in view only").
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// The choices.
    pub choices: ExportChoices,
    /// The areas the hierarchy and the network show, in scene units, when known.
    pub areas: Option<(Rect, Rect)>,
}

/// What the last export did, for the user.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportResult {
    /// Where it was written, or why not.
    pub written: Result<PathBuf, String>,
    /// What it left out, when it did ("12 pages; 9,100 people are on no page").
    pub left_out: Option<String>,
}

impl Default for ExportChoices {
    fn default() -> Self {
        let d = ExportOptions::default();
        Self {
            view: d.view,
            in_view_only: false,
            selected_subtree: false,
            before_after: false,
            format: d.format,
            width: d.width,
            height: d.height,
            scale: d.scale,
            title: String::new(),
            transparent: d.transparent,
            findings: d.findings,
            pages: false,
        }
    }
}

impl ExportChoices {
    /// The export options these choices make, for this extent.
    pub fn options(&self, extent: Extent) -> ExportOptions {
        ExportOptions {
            view: self.view,
            format: self.format,
            width: self.width,
            height: self.height,
            scale: self.scale,
            title: (!self.title.trim().is_empty()).then(|| self.title.clone()),
            transparent: self.transparent,
            findings: self.findings,
            extent,
            // The window's exports draw the document as it is; `--min-group` is the CLI's.
            min_group: None,
        }
    }
}

impl Session {
    /// Asks where to save and writes the image the Export dialog describes.
    pub(super) fn export_image(&mut self, request: ExportRequest) {
        let Some(doc) = &self.document else {
            return;
        };
        let d = &request.choices;
        let stem = Path::new(&doc.file_name()).file_stem().map_or_else(
            || "orgflow".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let suggested = format!("{stem}.{}", d.format.extension());
        let picked = self.dialogs.pick_file_to_save(&suggested);
        match self.chosen(picked, Purpose::Export, Some(suggested)) {
            Some(path) => self.export_to(path, &request),
            // orgflow's own picker opened instead: it answers later.
            None if self.out.picker.is_some() => self.export_waiting = Some(request),
            None => {}
        }
    }

    /// Where orgflow's own picker said the waiting export goes.
    pub(super) fn export_picked(&mut self, path: PathBuf) {
        if let Some(request) = self.export_waiting.take() {
            self.export_to(path, &request);
        }
    }

    /// Writes the image the Export dialog describes to `path`.
    fn export_to(&mut self, path: PathBuf, request: &ExportRequest) {
        // An image over the team file itself (or the file it was imported from) would destroy it.
        if let Some(doc) = &self.document
            && doc.has_file
            && let Err(e) = crate::io::check_output(&path, &[("the open team file", &doc.path)])
        {
            self.export = Some(ExportResult {
                written: Err(e.to_string()),
                left_out: None,
            });
            return;
        }
        let d = &request.choices;
        if d.before_after && self.scenario.is_some() {
            self.export_scenario_to(path, d);
            return;
        }
        let Some(doc) = &self.document else {
            return;
        };
        let options = d.options(Extent::Whole);
        let mut left_out = None;
        let result = if d.pages && d.format == ExportFormat::Pdf && !d.in_view_only {
            // An overview and a page per part, each legible.
            crate::export::paged_pdf(
                &doc.org,
                &doc.analysis,
                doc.orientation,
                &options,
                crate::export::DEFAULT_PAGES,
            )
            .and_then(|paged| {
                if paged.missing() > 0 {
                    left_out = Some(format!(
                        "{} pages; {} of {} people are on no page: export a selected person's part for them",
                        paged.pages,
                        crate::model::thousands(paged.missing() as f64),
                        crate::model::thousands(paged.people as f64)
                    ));
                }
                crate::io::write_atomically(&path, &paged.bytes).map_err(|source| {
                    crate::export::ExportError::Write {
                        path: path.clone(),
                        source,
                    }
                })
            })
        } else if d.in_view_only
            && let Some((hierarchy, network)) = request.areas
        {
            // What the views show now, as they show it.
            let options = d.options(Extent::Areas { hierarchy, network });
            export_to_file(
                &doc.org,
                &doc.analysis,
                &doc.hierarchy,
                &doc.network,
                &options,
                &path,
            )
        } else {
            // The whole org (or the selected person's part), laid out for the slide.
            let columns = if d.view == ExportView::Both { 2 } else { 1 };
            let panel = crate::export::panel_size(&options, columns, 1);
            let (mut hierarchy, mut network) =
                crate::export::scenes_for(&doc.org, &doc.analysis, doc.orientation, d.view, panel);
            // The network in the reading the window shows (decisions, who people go to, both).
            let reading = doc.network_reading();
            if d.view != ExportView::Hierarchy
                && reading != crate::layout::NetworkReading::default_for(&doc.org)
            {
                network = crate::scene::network_scene(
                    &doc.org,
                    &doc.analysis,
                    &crate::layout::network_layout_as(&doc.org, &doc.analysis, reading),
                    &doc.marked,
                );
            }
            let mut options = options;
            if let (Some(Selection::Person(id)), true) = (&self.selection, d.selected_subtree)
                && let Some((part, figures)) =
                    crate::export::part_of(&doc.org, &doc.analysis, id.as_str())
            {
                hierarchy = crate::export::scenes_for(
                    &part,
                    &figures,
                    doc.orientation,
                    ExportView::Hierarchy,
                    panel,
                )
                .0;
                if options.title.is_none() {
                    let name = doc
                        .org
                        .person(id.as_str())
                        .map_or(id.as_str(), |p| p.display_name());
                    options.title = Some(format!("{}: {name}'s part", doc.org.name));
                }
            }
            export_to_file(
                &doc.org,
                &doc.analysis,
                &hierarchy,
                &network,
                &options,
                &path,
            )
        };
        self.export = Some(ExportResult {
            written: result.map(|()| path).map_err(|e| e.to_string()),
            left_out,
        });
    }
}
