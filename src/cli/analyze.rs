//! `orgflow analyze`: the analysis of one org, as a report or as JSON.

use super::args::{ColumnArgs, RightsArgs, ThresholdArgs};
use super::load::load_org_said;
use super::terminal::{UsageError, print_json, print_report};
use clap::Args;
use orgflow::analysis::{analyze_with, text_report};
use orgflow::model::ThresholdOverrides;
use std::path::PathBuf;

/// Print the analysis of a team file (.json) or an HR export (.csv): the funnels first.
#[derive(Args, Debug)]
pub struct Analyze {
    /// The team file or CSV export; a UK organogram's junior-posts file may follow its senior
    /// posts (`senior.csv junior.csv`).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the analysis as JSON instead of a report.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    columns: ColumnArgs,
    #[command(flatten)]
    rights: RightsArgs,
    #[command(flatten)]
    thresholds: ThresholdArgs,
}

/// Runs `analyze`.
pub fn run(args: Analyze) -> anyhow::Result<()> {
    let flags: ThresholdOverrides = args.thresholds.into();
    let wrong = orgflow::model::check_thresholds(&flags);
    if !wrong.is_empty() {
        return Err(UsageError(format!("wrong threshold flags: {}", wrong.join("; "))).into());
    }
    let (loaded, said) = load_org_said(&args.files, args.columns, args.rights)?;
    let overrides = loaded.org.thresholds.merged_with(&flags);
    let analysis = analyze_with(&loaded.org, &overrides.resolve());
    if args.json {
        // The analysis, and under `import` everything reading the files said.
        #[derive(serde::Serialize)]
        struct Import<'a, T: serde::Serialize> {
            import: &'a T,
        }
        print_json(&analysis.json(&loaded.org, Import { import: &said }))
    } else {
        print_report(&text_report(&analysis))
    }
}
