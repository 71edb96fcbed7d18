//! `orgflow compare`: two orgs side by side, with what changed between them.

use super::args::{ColumnArgs, RightsArgs};
use super::load::load_org;
use super::terminal::{print_json, print_report};
use clap::Args;
use std::path::PathBuf;

/// Compare two orgs: both readings side by side with the changes, people added, removed,
/// moved and rights changed (matched by id).
#[derive(Args, Debug)]
pub struct Compare {
    /// The org before.
    before: PathBuf,
    /// The org after.
    after: PathBuf,
    /// Print the comparison as JSON (`before`, `after`, `figures`, `delta`, `changes`).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    columns: ColumnArgs,
}

/// Runs `compare`.
pub fn run(args: Compare) -> anyhow::Result<()> {
    // Each file says what its reading did, as every command's files do.
    let b = load_org(
        std::slice::from_ref(&args.before),
        args.columns.clone(),
        RightsArgs::none(),
    )?;
    let a = load_org(
        std::slice::from_ref(&args.after),
        args.columns,
        RightsArgs::none(),
    )?;
    let c = orgflow::scenario::compare(&b.org, &a.org);
    if args.json {
        print_json(&c)
    } else {
        print_report(&orgflow::scenario::text_report(&b.org, &a.org, &c))
    }
}
