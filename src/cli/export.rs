//! `orgflow export`: a slide (PNG, SVG or PDF) of one org, of one person's part, of an org over
//! several pages, or a before/after pair.

use super::args::{ColumnArgs, RightsArgs, check_output};
use super::load::{describe, load_org};
use super::terminal::{UsageError, say};
use anyhow::Context;
use clap::Args;
use orgflow::analysis::Analysis;
use orgflow::export::{
    ExportFormat, ExportOptions, ExportView, Extent, export_comparison_to_file, export_to_file,
};
use orgflow::io::CsvColumns;
use orgflow::layout::Orientation;
use orgflow::model::{Org, thousands};
use std::path::{Path, PathBuf};

/// Export a presentation image (PNG, SVG or PDF) or an editable deck (PPTX) of a team file;
/// needs no display or GPU.
#[derive(Args, Debug)]
pub struct Export {
    /// The team file or CSV export; a UK organogram's junior-posts file may follow its senior
    /// posts (`senior.csv junior.csv`).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Which picture: the hierarchy, the distributed network, or both side by side
    /// [default: both; with --compare, hierarchy].
    #[arg(long, value_enum)]
    view: Option<ViewArg>,
    /// The format; by default the one --out's extension names.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// The image file to write.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Slide width in pixels.
    #[arg(long, default_value_t = 1920)]
    width: u32,
    /// Slide height in pixels.
    #[arg(long, default_value_t = 1080)]
    height: u32,
    /// Pixel density of a PNG (2 or 3 for sharp slides).
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// The slide's title (default: the org's name).
    #[arg(long)]
    title: Option<String>,
    /// No white background (PNG and SVG).
    #[arg(long)]
    transparent: bool,
    /// How many of the top findings to call out on the slide.
    #[arg(long, default_value_t = 3, value_name = "COUNT")]
    findings: usize,
    /// Draw the hierarchy left to right instead of top down.
    #[arg(long)]
    left_to_right: bool,
    /// Show only this person's part of the hierarchy (their id or name) and everybody
    /// below them.
    #[arg(long, value_name = "ID or NAME")]
    subtree: Option<String>,
    /// A before/after slide: FILE is before, this org is after, side by side.
    #[arg(long, value_name = "AFTER", conflicts_with = "subtree")]
    compare: Option<PathBuf>,
    /// A PDF of a large org over several pages: `auto` gives an overview, then a page for
    /// each part the overview folds away behind a "+N" card (at most 200 pages); a number
    /// allows that many pages (up to 5,000); `one` (the default) one page.
    #[arg(long, value_name = "one|auto|N", default_value = "one", value_parser = pages_arg, conflicts_with = "subtree")]
    pages: PagesArg,
    #[command(flatten)]
    columns: ColumnArgs,
    #[command(flatten)]
    rights: RightsArgs,
}

/// Which picture to export.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ViewArg {
    /// The reporting hierarchy.
    Hierarchy,
    /// The distributed decision network.
    Distributed,
    /// Both side by side.
    Both,
}

/// How many pages an exported PDF may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PagesArg {
    /// One slide.
    One,
    /// An overview and a page for each part it folds away, at most this many pages.
    Auto(usize),
}

fn pages_arg(text: &str) -> Result<PagesArg, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "one" | "1" => Ok(PagesArg::One),
        "auto" => Ok(PagesArg::Auto(orgflow::export::DEFAULT_PAGES)),
        n => match n.parse::<usize>() {
            Ok(n) if (2..=orgflow::export::MAX_PAGES).contains(&n) => Ok(PagesArg::Auto(n)),
            _ => Err(format!(
                "expected one, auto or a number of pages from 2 to {}",
                orgflow::export::MAX_PAGES
            )),
        },
    }
}

/// Which image format to write.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum FormatArg {
    /// Pixels.
    Png,
    /// Vectors, text as text.
    Svg,
    /// Vectors, for print.
    Pdf,
    /// An editable PowerPoint deck: the overview, a slide per top finding, speaker notes.
    Pptx,
}

/// Runs `export`.
pub fn run(args: Export) -> anyhow::Result<()> {
    orgflow::export::check_size(args.width, args.height, args.scale)
        .map_err(|e| UsageError(e.to_string()))?;
    let format = match args.format {
        Some(FormatArg::Png) => ExportFormat::Png,
        Some(FormatArg::Svg) => ExportFormat::Svg,
        Some(FormatArg::Pdf) => ExportFormat::Pdf,
        Some(FormatArg::Pptx) => ExportFormat::Pptx,
        None => ExportFormat::from_path(&args.out).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: cannot tell the image format from the name; end it in .png, .svg, .pdf or .pptx, or use --format",
                args.out.display()
            )
        })?,
    };
    if args.compare.is_some() && args.pages != PagesArg::One {
        return Err(UsageError(
            "--pages splits one org over several pages; a before/after slide (--compare) is one page of two orgs. Drop --pages, or export each org with --pages on its own".to_owned(),
        )
        .into());
    }
    if let PagesArg::Auto(_) = args.pages
        && !matches!(format, ExportFormat::Pdf)
    {
        return Err(UsageError(
            "--pages auto makes a PDF of several pages: end --out in .pdf or use --format pdf"
                .to_owned(),
        )
        .into());
    }
    let mut inputs: Vec<(&str, &Path)> = args
        .files
        .iter()
        .map(|f| ("the team file", f.as_path()))
        .collect();
    if let Some(after) = &args.compare {
        inputs.push(("the --compare file", after.as_path()));
    }
    inputs.extend(args.rights.inputs());
    check_output(&args.out, &inputs)?;
    let plain: CsvColumns = args.columns.clone().into();
    let min_group = args.rights.min_group.map(|n| n as usize);
    let loaded = load_org(&args.files, args.columns, args.rights)?;
    let orientation = if args.left_to_right {
        Orientation::LeftRight
    } else {
        Orientation::TopDown
    };
    // A before/after slide shows the hierarchies unless asked otherwise.
    let default_view = if args.compare.is_some() {
        ViewArg::Hierarchy
    } else {
        ViewArg::Both
    };
    let view = match args.view.unwrap_or(default_view) {
        ViewArg::Hierarchy => ExportView::Hierarchy,
        ViewArg::Distributed => ExportView::Distributed,
        ViewArg::Both => ExportView::Both,
    };
    let options = ExportOptions {
        view,
        format,
        width: args.width,
        height: args.height,
        scale: args.scale,
        title: args.title,
        transparent: args.transparent,
        findings: args.findings,
        extent: Extent::Whole,
        min_group,
    };
    let out = &args.out;
    if let Some(after_path) = args.compare {
        let after = orgflow::io::load(&after_path, &plain).map_err(describe)?;
        export_comparison_to_file(&loaded.org, &after.org, orientation, &options, out)?;
        say!("Wrote {}", out.display());
        return Ok(());
    }
    let analysis = orgflow::analysis::analyze(&loaded.org);
    if let PagesArg::Auto(max_pages) = args.pages {
        return pages(
            &loaded.org,
            &analysis,
            orientation,
            &options,
            max_pages,
            out,
        );
    }
    one_slide(
        &loaded.org,
        &analysis,
        orientation,
        options,
        args.subtree.as_deref(),
        super::args::first(&args.files),
        out,
    )
}

/// A PDF of an overview and a page for each part it folds away.
fn pages(
    org: &Org,
    analysis: &Analysis,
    orientation: Orientation,
    options: &ExportOptions,
    max_pages: usize,
    out: &Path,
) -> anyhow::Result<()> {
    let paged = orgflow::export::paged_pdf(org, analysis, orientation, options, max_pages)?;
    orgflow::io::write_atomically(out, &paged.bytes)
        .with_context(|| format!("{}: could not write the PDF", out.display()))?;
    say!("Wrote {} ({} pages)", out.display(), paged.pages);
    if paged.missing() > 0 {
        say!(
            "{}: {} of {} people are on no page, only counted behind “+N” cards; allow more pages (--pages N, up to 5,000) or export a part on its own (--subtree NAME)",
            out.display(),
            thousands(paged.missing() as f64),
            thousands(paged.people as f64),
        );
    }
    Ok(())
}

/// One slide of the whole org, or of one person's part (`subtree`: their id or name).
fn one_slide(
    org: &Org,
    analysis: &Analysis,
    orientation: Orientation,
    mut options: ExportOptions,
    subtree: Option<&str>,
    file: &Path,
    out: &Path,
) -> anyhow::Result<()> {
    let columns = if options.view == ExportView::Both {
        2
    } else {
        1
    };
    let panel = orgflow::export::panel_size(&options, columns, 1);
    let (mut hierarchy, network) =
        orgflow::export::scenes_for(org, analysis, orientation, options.view, panel);
    // One person's part: them and everybody below them, in the hierarchy's place.
    if let Some(query) = subtree {
        let id = &org
            .find_person(query)
            .map_err(|e| anyhow::anyhow!("{}: {e}, so there is no part to export", file.display()))?
            .id
            .0
            .clone();
        let (part, figures) = orgflow::export::part_of(org, analysis, id).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: nobody has the id “{id}”, so there is no subtree to export",
                file.display()
            )
        })?;
        if options.title.is_none() {
            let name = org.person(id).map_or(id.as_str(), |p| p.display_name());
            options.title = Some(format!("{}: {name}'s part", org.name));
        }
        hierarchy =
            orgflow::export::scenes_for(&part, &figures, orientation, ExportView::Hierarchy, panel)
                .0;
    }
    export_to_file(org, analysis, &hierarchy, &network, &options, out)?;
    say!("Wrote {}", out.display());
    Ok(())
}
