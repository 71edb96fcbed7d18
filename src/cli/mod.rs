//! The `orgflow` command line: one file a subcommand, the flags they share in [`args`], the
//! reading of files in [`load`], and what is said and printed in [`terminal`]. The reports
//! themselves are built in the library.

mod analyze;
mod args;
mod compare;
mod convert;
mod export;
mod generate;
mod load;
mod suggest;
mod terminal;
mod trend;
mod what_if;
mod window;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use terminal::{UsageError, error_text, for_terminal, is_broken_pipe, print_out, say, say_text};

/// See where decisions funnel through one person: the reporting hierarchy against the
/// distributed decision network of the same org.
#[derive(Parser, Debug)]
#[command(name = "orgflow", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A team file (.json), HR export (.csv) or graph file to open in the window, with a UK organogram's
    /// junior-posts file after its senior posts. With no file and no command, the window opens
    /// on its start screen.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    Analyze(analyze::Analyze),
    Export(export::Export),
    Compare(compare::Compare),
    WhatIf(what_if::WhatIf),
    Suggest(suggest::Suggest),
    Trend(trend::Trend),
    #[command(hide = true)]
    Generate(generate::Generate),
    Convert(convert::Convert),
}

/// Parses the command line, runs it, and says what went wrong: exit 0, 1 for a failure, 2 for
/// a command line that is wrong.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Clap echoes what was typed, so it too is made safe for a terminal.
            let text = e.render().to_string();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    let _ = print_out(&for_terminal(&text));
                    ExitCode::SUCCESS
                }
                _ => {
                    say_text(&text);
                    ExitCode::from(2)
                }
            };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped reading (`orgflow analyze big.json | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let code = if e.downcast_ref::<UsageError>().is_some() {
                2
            } else {
                1
            };
            say!("orgflow: {}", error_text(&e));
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let Some(command) = cli.command else {
        if let Some(file) = cli.files.iter().find(|f| !f.is_file()) {
            anyhow::bail!(
                "{}: there is no such file (the commands are analyze, export, compare, what-if, suggest, trend and convert; see orgflow --help)",
                file.display()
            );
        }
        return window::run(cli.files);
    };
    match command {
        Command::Analyze(args) => analyze::run(args),
        Command::Export(args) => export::run(args),
        Command::Compare(args) => compare::run(args),
        Command::WhatIf(args) => what_if::run(args),
        Command::Suggest(args) => suggest::run(args),
        Command::Trend(args) => trend::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Convert(args) => convert::run(args),
    }
}
