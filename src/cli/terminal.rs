//! What the command says and prints: standard error made safe for a terminal, standard output
//! that lets a closed pipe end the command quietly, and errors said once.

use anyhow::Context;

/// Says a line on standard error, made safe for a terminal. A closed or full standard error
/// (`2>&-`, `2>/dev/full`) loses the line, never the command: the exit code still tells.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::terminal::say_text(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use say;

/// Wrong usage of the command line: exit code 2, like clap's own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// An error and its causes, each said once: a cause whose words the message already holds
/// (an error that quotes what the system said) is not repeated.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let words = cause.to_string();
        if text.contains(&words) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&words);
    }
    text
}

/// The reader stopped reading (`orgflow analyze big.json | head`): not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Text for a terminal: names and titles come from files, and a file must not be able to move
/// the cursor, change colours or retitle the terminal. Control characters (escape among them)
/// are dropped, except line breaks and tabs.
pub fn for_terminal(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// Writes text to standard error, made safe for a terminal; a write that fails is let go.
pub fn say_text(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(for_terminal(text).as_bytes());
    let _ = err.flush();
}

/// Writes to standard output; a closed pipe comes back as an error that exits quietly.
pub fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("could not write to standard output")?;
    Ok(())
}

/// A report for the terminal, made safe for it.
pub fn print_report(text: &str) -> anyhow::Result<()> {
    print_out(&for_terminal(text))
}

/// A value as pretty JSON on standard output, written as it is made (a million people's
/// figures are never one string in memory).
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match serde_json::to_writer_pretty(&mut out, value) {
        Ok(()) => {}
        // A failed write keeps its kind, so a closed pipe still ends the command quietly.
        Err(e) if e.is_io() => {
            return Err(std::io::Error::from(e)).context("could not write to standard output");
        }
        Err(e) => return Err(e).context("could not write the result as JSON"),
    }
    out.write_all(b"\n")
        .and_then(|()| out.flush())
        .context("could not write to standard output")?;
    Ok(())
}
