//! `orgflow analyze`: the analysis of one org, as a report or as JSON.

use super::args::{ColumnArgs, RightsArgs, ThresholdArgs};
use super::load::load_org_said;
use super::terminal::{UsageError, print_json, print_report};
use anyhow::Context;
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
        let mut value =
            serde_json::to_value(&analysis).context("could not write the analysis as JSON")?;
        if let Some(object) = value.as_object_mut() {
            object.insert(
                "import".to_owned(),
                serde_json::to_value(&said).context("could not write the notes")?,
            );
            // Who each person is, beside their figures (kept out of the analysis itself, which
            // the window holds for every person).
            if let Some(persons) = object.get_mut("persons").and_then(|p| p.as_array_mut()) {
                for (figures, person) in persons.iter_mut().zip(&loaded.org.people) {
                    if let Some(f) = figures.as_object_mut() {
                        f.insert("title".to_owned(), person.title.clone().into());
                        f.insert("team".to_owned(), person.team.clone().into());
                        f.insert("vacant".to_owned(), person.vacant.into());
                        f.insert("external".to_owned(), person.external.into());
                    }
                }
            }
        }
        print_json(&value)
    } else {
        print_report(&text_report(&analysis))
    }
}
