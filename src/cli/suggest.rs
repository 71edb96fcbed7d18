//! `orgflow suggest`: proposals to distribute decisions, and the org with all of them applied.

use super::args::{ColumnArgs, RightsArgs, check_output};
use super::load::load_org;
use super::terminal::{print_json, print_report, say};
use clap::Args;
use orgflow::edit::{Command, Edit, apply};
use std::path::PathBuf;

/// Suggest a distributed variant: concrete, explained proposals with their effect.
#[derive(Args, Debug)]
pub struct Suggest {
    /// The team file or CSV export; a UK organogram's junior-posts file may follow its senior
    /// posts (`senior.csv junior.csv`).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write the org with every proposal applied to this team file.
    #[arg(long, value_name = "NEW.json")]
    out: Option<PathBuf>,
    /// Print the proposals as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    columns: ColumnArgs,
    #[command(flatten)]
    rights: RightsArgs,
}

/// Runs `suggest`.
pub fn run(args: Suggest) -> anyhow::Result<()> {
    if let Some(out) = &args.out {
        let mut inputs: Vec<(&str, &std::path::Path)> = args
            .files
            .iter()
            .map(|f| ("the team file", f.as_path()))
            .collect();
        inputs.extend(args.rights.inputs());
        check_output(out, &inputs)?;
    }
    let loaded = load_org(&args.files, args.columns, args.rights)?;
    let proposals = orgflow::scenario::suggest(&loaded.org);
    if args.json {
        print_json(&proposals)?;
    } else {
        print_report(&orgflow::scenario::suggest_report(&proposals))?;
    }
    let Some(out) = args.out else {
        return Ok(());
    };
    let mut org = loaded.org.clone();
    // All at once (one check of the result); should that fail, one by one, so each proposal
    // that can be applied still is.
    let all = Command {
        label: "accept every proposal".to_owned(),
        edit: Edit::Batch(proposals.iter().map(|p| p.command.edit.clone()).collect()),
    };
    let mut applied = proposals.len();
    if apply(&mut org, all).is_err() {
        applied = 0;
        for p in &proposals {
            if apply(&mut org, p.command.clone()).is_ok() {
                applied += 1;
            }
        }
    }
    orgflow::io::save(&org, &out)?;
    say!(
        "Wrote {} with {applied} of {} proposals applied",
        out.display(),
        proposals.len()
    );
    Ok(())
}
