//! The `orgflow` command: the window, or batch work on team files (see [`cli`]).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
