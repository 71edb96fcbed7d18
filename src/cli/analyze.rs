//! `orgflow analyze`: the analysis of one org, as a report or as JSON.

use super::args::{ColumnArgs, QueueArgs, RightsArgs, ThresholdArgs};
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
    #[command(flatten)]
    queue: QueueArgs,
}

/// Runs `analyze`.
pub fn run(args: Analyze) -> anyhow::Result<()> {
    let flags: ThresholdOverrides = args.thresholds.into();
    let wrong = orgflow::model::check_thresholds(&flags);
    if !wrong.is_empty() {
        return Err(UsageError(format!("wrong threshold flags: {}", wrong.join("; "))).into());
    }
    let queue: orgflow::model::QueueOverrides = args.queue.into();
    let wrong = orgflow::model::check_queue(&queue);
    if !wrong.is_empty() {
        // The checks name the file's fields; a flag's user knows the flag.
        let flagged: Vec<String> = wrong
            .iter()
            .map(|m| {
                [
                    ("“manager_hours”", "--capacity"),
                    ("“other_hours”", "--capacity's second number"),
                    ("“handling_hours”", "--handling"),
                    ("“arrival_cv”", "--arrival-cv"),
                    ("“service_cv”", "--service-cv"),
                ]
                .iter()
                .fold(m.clone(), |m, (field, flag)| m.replace(field, flag))
            })
            .collect();
        return Err(UsageError(format!("wrong queue flags: {}", flagged.join("; "))).into());
    }
    let min_group = args.rights.min_group;
    let (mut loaded, said) = load_org_said(&args.files, args.columns, args.rights)?;
    loaded.org.queue = loaded.org.queue.merged_with(&queue);
    let overrides = loaded.org.thresholds.merged_with(&flags);
    let analysis = analyze_with(&loaded.org, &overrides.resolve());
    if args.json {
        // The analysis, and under `import` everything reading the files said.
        #[derive(serde::Serialize)]
        struct Import<'a, T: serde::Serialize> {
            import: &'a T,
        }
        let json = analysis.json(&loaded.org, Import { import: &said });
        match min_group {
            None => print_json(&json),
            Some(n) => print_json(&withhold_in_json(&loaded.org, json, n as usize)?),
        }
    } else {
        print_report(&text_report(&analysis))
    }
}

/// Link figures a person in a team under `min_group` people must not carry in the JSON.
const LINK_FIELDS: &[&str] = &[
    "links_in",
    "links_out",
    "links_in_share",
    "sought_by",
    "betweenness",
    "link_articulation_point",
];

/// The analysis as JSON with no link figure for anybody in a team under `min_group` people
/// (their links were left out before the analysis): each such person says
/// `"links_withheld": true` instead.
fn withhold_in_json(
    org: &orgflow::model::Org,
    json: impl serde::Serialize,
    min_group: usize,
) -> anyhow::Result<serde_json::Value> {
    let mut value = serde_json::to_value(json)?;
    let small = orgflow::io::small_group_members(org, min_group);
    if let Some(persons) = value.get_mut("persons").and_then(|p| p.as_array_mut()) {
        for (person, _) in persons.iter_mut().zip(&small).filter(|(_, s)| **s) {
            if let Some(fields) = person.as_object_mut() {
                for key in LINK_FIELDS {
                    fields.remove(*key);
                }
                fields.insert("links_withheld".to_owned(), serde_json::Value::Bool(true));
            }
        }
    }
    if let Some(top) = value.as_object_mut() {
        top.insert("min_group".to_owned(), serde_json::json!(min_group));
    }
    Ok(value)
}
