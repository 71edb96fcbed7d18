//! `orgflow analyze`: the analysis of one org, as a report or as JSON.

use super::args::{ColumnArgs, LogArgs, QueueArgs, RightsArgs, ThresholdArgs};
use super::load::{describe, load_org_said};
use super::terminal::say;
use super::terminal::{UsageError, print_json, print_report};
use clap::Args;
use orgflow::analysis::{analyze_with, calibration, text_report};
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
    #[command(flatten)]
    log: LogArgs,
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
    let log = match &args.log.log {
        Some(path) => {
            let log =
                orgflow::io::load_decision_log(&loaded.org, path, args.log.log_sheet.as_deref())
                    .map_err(describe)?;
            say!("{}: {}", path.display(), log.summary());
            Some((path, log))
        }
        None => None,
    };
    let fitted = match &log {
        Some((_, log)) if args.log.fit_capacity => {
            let fitted = calibration::fit_capacities(&loaded.org, log);
            calibration::apply_fit(&mut loaded.org, &fitted);
            fitted
        }
        _ => Vec::new(),
    };
    let overrides = loaded.org.thresholds.merged_with(&flags);
    let mut analysis = analyze_with(&loaded.org, &overrides.resolve());
    let calibration = log.map(|(path, log)| {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        calibration::calibrate(&mut analysis, &loaded.org, &log, &file, fitted)
    });
    if args.json {
        // The analysis, under `import` everything reading the files said, and under
        // `calibration` the decision log beside the model.
        #[derive(serde::Serialize)]
        struct Extra<'a, T: serde::Serialize> {
            import: &'a T,
            #[serde(skip_serializing_if = "Option::is_none")]
            calibration: Option<&'a calibration::Calibration>,
        }
        let json = analysis.json(
            &loaded.org,
            Extra {
                import: &said,
                calibration: calibration.as_ref(),
            },
        );
        match min_group {
            None => print_json(&json),
            Some(n) => print_json(&withhold_in_json(&loaded.org, json, n as usize)?),
        }
    } else {
        let mut report = text_report(&analysis);
        if let Some(c) = &calibration {
            report.push_str(&calibration::text(c));
        }
        print_report(&report)
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
