//! `orgflow what-if`: some people away, and what that does to the org.

use super::args::{ColumnArgs, RightsArgs};
use super::load::load_org;
use super::terminal::{print_json, print_report};
use clap::Args;
use orgflow::model::Org;
use std::path::PathBuf;

/// What if some people were away: the decisions nobody could decide, who carries their
/// load, the new funnels. The file is not changed.
#[derive(Args, Debug)]
pub struct WhatIf {
    /// The team file or CSV export; a UK organogram's junior-posts file may follow its senior
    /// posts (`senior.csv junior.csv`).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Who is away: ids or names, separated by semicolons (or commas, when no name has a
    /// comma: "King, Janet" is one name).
    #[arg(long, value_name = "ID[;ID…]", required = true)]
    without: Vec<String>,
    /// Print as JSON (`without`, `orphaned_domains`, `carriers`, `comparison`).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    columns: ColumnArgs,
    #[command(flatten)]
    rights: RightsArgs,
}

/// Runs `what-if`.
pub fn run(args: WhatIf) -> anyhow::Result<()> {
    let loaded = load_org(&args.files, args.columns, args.rights)?;
    let without = away_list(&loaded.org, &args.without);
    let absence = orgflow::scenario::without(&loaded.org, &without)
        .map_err(|e| anyhow::anyhow!("{}: {e}", super::args::first(&args.files).display()))?;
    if args.json {
        print_json(&absence)
    } else {
        print_report(&orgflow::scenario::what_if_report(&loaded.org, &absence))
    }
}

/// The people a `--without` list names: split at semicolons; without any, at commas, unless
/// the whole text (or a "Last, First" pair) is one person's name.
fn away_list(org: &Org, given: &[String]) -> Vec<String> {
    let finder = org.finder();
    let mut out = Vec::new();
    for text in given {
        if text.contains(';') {
            out.extend(
                text.split(';')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty()),
            );
        } else if finder.find(text).is_ok() {
            out.push(text.trim().to_owned());
        } else {
            out.extend(
                text.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty()),
            );
        }
    }
    out
}
