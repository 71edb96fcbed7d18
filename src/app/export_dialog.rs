//! The Export image… dialog's choices, and the export they describe.

use super::{OrgflowApp, Picked, Purpose, Selection};
use crate::export::{ExportFormat, ExportOptions, ExportView, Extent, export_to_file};
use std::path::{Path, PathBuf};

/// The choices of the Export image… dialog; kept between exports in one run.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    /// Open or closed.
    pub open: bool,
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
    /// What the last export did, for the user.
    pub outcome: Option<Result<PathBuf, String>>,
    /// What the last export left out, when it did ("12 pages; 9,100 people are on no page").
    pub left_out: Option<String>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        let d = ExportOptions::default();
        Self {
            open: false,
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
            outcome: None,
            left_out: None,
        }
    }
}

impl ExportDialog {
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
        }
    }
}

impl OrgflowApp {
    /// Asks where to save and writes the image the Export dialog describes.
    pub(super) fn export_image(&mut self) {
        let Some(doc) = &self.document else {
            return;
        };
        let d = &self.export;
        let stem = Path::new(&doc.file_name())
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "orgflow".to_owned());
        let suggested = format!("{stem}.{}", d.format.extension());
        match self.dialogs.pick_file_to_save(&suggested) {
            Picked::File(path) => self.export_to(path),
            Picked::Cancelled => {}
            Picked::Unavailable(why) => {
                self.dialog_missing(&why);
                let folder = self.picker_folder();
                self.picker.save(folder, &suggested, Purpose::Export);
            }
        }
    }

    /// Writes the image the Export dialog describes to `path`.
    pub(super) fn export_to(&mut self, path: PathBuf) {
        // An image over the team file itself (or the file it was imported from) would destroy it.
        if let Some(doc) = &self.document
            && doc.has_file
            && let Err(e) = crate::io::check_output(&path, &[("the open team file", &doc.path)])
        {
            self.export.left_out = None;
            self.export.outcome = Some(Err(e.to_string()));
            return;
        }
        if self.export.before_after && self.scenario.is_some() {
            self.export_scenario_to(path);
            return;
        }
        let Some(doc) = &self.document else {
            return;
        };
        let d = &self.export;
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
            && let (Some(hierarchy), Some(network)) = (
                self.hierarchy_view.visible_area(),
                self.network_view.visible_area(),
            )
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
            let (mut hierarchy, network) =
                crate::export::scenes_for(&doc.org, &doc.analysis, doc.orientation, d.view, panel);
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
        self.export.left_out = left_out;
        self.export.outcome = Some(match result {
            Ok(()) => Ok(path),
            Err(e) => Err(e.to_string()),
        });
    }
}
