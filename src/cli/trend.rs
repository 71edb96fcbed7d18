//! `orgflow trend`: one org over time, a row of figures per snapshot and who joined, left or
//! moved between them; `--out` draws the figures as line charts.

use super::args::{ColumnArgs, RightsArgs, check_output};
use super::load::{add_extras, describe, print_import_problems, print_notes, withheld_summary};
use super::terminal::{UsageError, print_json, print_report, say};
use clap::Args;
use orgflow::io::CsvColumns;
use orgflow::model::{Org, Status};
use std::path::{Path, PathBuf};

/// Follow one org over time: per snapshot the people, top share of decisions in both
/// readings, authority HHI, bus factor, mean wait, layers and widest span, and between
/// snapshots who joined, left, moved or took over a post (matched by id).
#[derive(Args, Debug)]
pub struct Trend {
    /// Snapshots of one org: a file each (a UK organogram's junior-posts file after its senior
    /// posts), or a file whose date column holds several. Dated snapshots (a date column, or
    /// YYYY-MM-DD in the file's name) are put in date order.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Draw the figures as line charts over time: a picture ending in .svg, .png or .pdf.
    #[arg(long, value_name = "CHART")]
    out: Option<PathBuf>,
    /// The chart's width in pixels.
    #[arg(long, default_value_t = orgflow::export::CHART_SIZE.0, requires = "out")]
    width: u32,
    /// The chart's height in pixels.
    #[arg(long, default_value_t = orgflow::export::CHART_SIZE.1, requires = "out")]
    height: u32,
    /// Pixel density of a PNG chart (2 for sharp slides).
    #[arg(long, default_value_t = 1.0, requires = "out")]
    scale: f32,
    /// Print as JSON: `org`, `points` (each snapshot's `label`, `date`, `figures`, `names`),
    /// `steps` (`from`, `to`, `delta`, `changes`, `new_holders`, `changed_post`, `marked_left`,
    /// `matched`) and `notes`.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    columns: ColumnArgs,
    /// A rights sheet (by person, title or team) and link lists, merged onto every snapshot.
    #[command(flatten)]
    rights: RightsArgs,
}

/// Runs `trend`.
pub fn run(args: Trend) -> anyhow::Result<()> {
    if args.columns.as_of.is_some() {
        return Err(UsageError(
            "--as-of picks one snapshot; trend reads every snapshot the files hold. Drop --as-of"
                .to_owned(),
        )
        .into());
    }
    if let Some(out) = &args.out {
        orgflow::export::check_size(args.width, args.height, args.scale)
            .map_err(|e| UsageError(e.to_string()))?;
        if !matches!(
            orgflow::export::ExportFormat::from_path(out),
            Some(
                orgflow::export::ExportFormat::Svg
                    | orgflow::export::ExportFormat::Png
                    | orgflow::export::ExportFormat::Pdf
            )
        ) {
            return Err(UsageError(format!(
                "{}: a chart is written as .svg, .png or .pdf; end --out in one of those",
                out.display()
            ))
            .into());
        }
        let mut inputs: Vec<(&str, &Path)> = args
            .files
            .iter()
            .map(|f| ("a snapshot", f.as_path()))
            .collect();
        inputs.extend(args.rights.inputs());
        check_output(out, &inputs)?;
    }
    let all = args.columns.notes;
    let keep_left = args.columns.include_left;
    let sheet = args.columns.sheet.clone();
    let columns: CsvColumns = args.columns.into();
    let mut read = orgflow::io::load_snapshots(&args.files, &columns).map_err(describe)?;
    for (path, note) in &read.notes {
        say!("{}: {note}", path.display());
    }
    let count = read.snapshots.len();
    let mut said: Vec<((String, String), Vec<String>)> = Vec::new();
    let mut seen: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for s in &mut read.snapshots {
        let place = PathBuf::from(format!("{} ({})", s.path.display(), s.label));
        print_import_problems(&place, &s.loaded.import_problems, all);
        print_notes(&place, &s.loaded.notes, all);
        for added in &s.added {
            print_notes(&added.path, &added.import.notes, all);
            print_import_problems(&added.path, &added.import.problems, all);
        }
        if keep_left {
            for p in &mut s.loaded.org.people {
                if p.status == Status::Left {
                    p.status = Status::Active;
                }
            }
        }
        for file in add_extras(&mut s.loaded.org, &args.rights, sheet.as_deref(), None)? {
            for line in file.notes.iter().chain(&file.problems) {
                // Found by a hash, not a scan: a sheet of 10,000 unknown names read for 13
                // snapshots stays linear.
                let key = (file.file.clone(), line.clone());
                if let Some(&at) = seen.get(&key) {
                    if let Some((_, labels)) = said.get_mut(at) {
                        labels.push(s.label.clone());
                    }
                } else {
                    seen.insert(key.clone(), said.len());
                    said.push((key, vec![s.label.clone()]));
                }
            }
        }
        withheld_summary(&mut s.loaded.org, &args.rights, &place);
    }
    // What the rights sheet and links said, once a line, with the snapshots it was said of
    // when not all.
    for ((file, line), labels) in &said {
        if labels.len() == count {
            say!("{file}: {line}");
        } else {
            say!("{file} (with {}): {line}", labels.join(", "));
        }
    }
    let snapshots = orgflow::scenario::Snapshot::all(&read);
    let trend = orgflow::scenario::trend(&snapshots);
    if let Some(out) = &args.out {
        orgflow::export::write_trend_chart(&trend, out, args.width, args.height, args.scale)?;
        say!(
            "{}: the chart of {}",
            out.display(),
            orgflow::format::count(trend.points.len(), "snapshot", "snapshots")
        );
    }
    if args.json {
        return print_json(&trend);
    }
    let orgs: Vec<&Org> = snapshots.iter().map(|s| s.org).collect();
    print_report(&orgflow::scenario::trend_report(&trend, &orgs))
}
