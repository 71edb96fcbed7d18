//! What the command-line tests share: running the real `orgflow` binary.

#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs `orgflow` with these arguments and waits for it.
pub fn orgflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgflow"))
        .args(args)
        .output()
        .expect("orgflow runs")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A bundled example, loaded as the window and the command line load it.
pub fn example(name: &str) -> orgflow::model::Org {
    orgflow::io::load(
        &std::path::Path::new("assets/examples").join(name),
        &orgflow::io::CsvColumns::default(),
    )
    .expect("example loads")
    .org
}
