//! `orgflow convert`: an HR export to a team file, or a team file to a CSV.

use super::args::{ColumnArgs, RightsArgs, check_output};
use super::load::load_org;
use super::terminal::{UsageError, say};
use clap::Args;
use orgflow::io::{Format, check_csv_overwrite, csv_headers, csv_losses, save};
use std::path::PathBuf;

/// Convert between an HR export (.csv), a graph file (.graphml, .gexf, .net) and the native
/// team file (.json), either way.
#[derive(Args, Debug)]
pub struct Convert {
    /// The file to read (a UK organogram's junior-posts file may follow its senior posts), then
    /// the file to write, whose extension (.json or .csv) picks the format.
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Replace an existing CSV (its columns orgflow does not write are lost). The file
    /// being converted is never replaced.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    columns: ColumnArgs,
    #[command(flatten)]
    rights: RightsArgs,
}

/// Runs `convert`.
pub fn run(args: Convert) -> anyhow::Result<()> {
    let Convert {
        mut files,
        force,
        columns,
        rights,
    } = args;
    let Some(output) = files.pop() else {
        return Err(UsageError("name the file to read and the file to write".to_owned()).into());
    };
    let input = files;
    let mut inputs: Vec<(&str, &std::path::Path)> = input
        .iter()
        .map(|f| ("the file to convert", f.as_path()))
        .collect();
    inputs.extend(rights.inputs());
    check_output(&output, &inputs)?;
    let loaded = load_org(&input, columns, rights)?;
    if Format::from_path(&output) == Some(Format::Csv) {
        check_csv_overwrite(&output, &csv_headers(&loaded.org), force)
            .map_err(|e| UsageError(e.to_string()))?;
        let lost = csv_losses(&loaded.org);
        if !lost.is_empty() {
            say!(
                "{}: a CSV holds only the people; it will not keep {}. Keep the team file (.json) for those.",
                output.display(),
                lost.join(", ")
            );
        }
    }
    if let Some(Format::Graph(kind)) = Format::from_path(&output) {
        let lost = orgflow::io::graph_losses(&loaded.org, kind);
        if !lost.is_empty() {
            say!(
                "{}: a {} file holds {}; it will not keep {}. Keep the team file (.json) for those.",
                output.display(),
                kind.name(),
                if kind == orgflow::io::GraphFormat::Pajek {
                    "the ids, the reporting lines and the links"
                } else {
                    "the people, the reporting lines, the links and the figures"
                },
                lost.join(", ")
            );
        }
    }
    save(&loaded.org, &output)?;
    say!(
        "Wrote {} people to {}",
        loaded.org.people.len(),
        output.display()
    );
    Ok(())
}
