//! `orgflow compare`: two orgs side by side, with what changed between them; or several, a
//! column each, each compared with the first.

use super::args::{ColumnArgs, RightsArgs};
use super::load::load_org;
use super::terminal::{print_json, print_report};
use clap::Args;
use std::path::PathBuf;

/// Compare orgs: both readings side by side with the changes, people added, removed, moved and
/// rights changed (matched by id). With more than two files, a column each, and each after the
/// first compared with the first.
#[derive(Args, Debug)]
pub struct Compare {
    /// The org before, then the org after (or several: `compare now.json plan-a.json
    /// plan-b.json`).
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the comparison as JSON: for two orgs `before`, `after`, `figures`, `delta`,
    /// `changes`; for more, `files`, `figures` (one per org) and `against_first` (`delta` and
    /// `changes` of each org after the first).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    columns: ColumnArgs,
}

/// Runs `compare`.
pub fn run(args: Compare) -> anyhow::Result<()> {
    // Each file says what its reading did, as every command's files do.
    let mut orgs = Vec::new();
    for file in &args.files {
        orgs.push(
            load_org(
                std::slice::from_ref(file),
                args.columns.clone(),
                RightsArgs::none(),
            )?
            .org,
        );
    }
    if let [before, after] = orgs.as_slice() {
        let c = orgflow::scenario::compare(before, after);
        return if args.json {
            print_json(&c)
        } else {
            print_report(&orgflow::scenario::text_report(before, after, &c))
        };
    }
    let refs: Vec<&orgflow::model::Org> = orgs.iter().collect();
    let lineup = orgflow::scenario::lineup(&refs);
    let files: Vec<String> = args
        .files
        .iter()
        .map(|f| {
            f.file_name().map_or_else(
                || f.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    if args.json {
        #[derive(serde::Serialize)]
        struct Step<'a> {
            file: &'a str,
            delta: &'a orgflow::scenario::Delta,
            changes: &'a orgflow::scenario::Changes,
        }
        #[derive(serde::Serialize)]
        struct Json<'a> {
            files: &'a [String],
            figures: Vec<&'a orgflow::scenario::Figures>,
            against_first: Vec<Step<'a>>,
        }
        let mut figures: Vec<&orgflow::scenario::Figures> = Vec::new();
        if let Some(c) = lineup.comparisons.first() {
            figures.push(&c.figures[0]);
        }
        figures.extend(lineup.comparisons.iter().map(|c| &c.figures[1]));
        let against_first = lineup
            .comparisons
            .iter()
            .zip(files.iter().skip(1))
            .map(|(c, file)| Step {
                file,
                delta: &c.delta,
                changes: &c.changes,
            })
            .collect();
        print_json(&Json {
            files: &files,
            figures,
            against_first,
        })
    } else {
        print_report(&orgflow::scenario::lineup_report(&refs, &files, &lineup))
    }
}
