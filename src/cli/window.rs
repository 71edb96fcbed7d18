//! `orgflow [FILE…]` with no command: the window.

use std::path::PathBuf;

/// Opens the window, on `files` if given (one org: a file of people and its junior posts).
#[cfg(feature = "gui")]
pub fn run(files: Vec<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("orgflow")
            .with_inner_size([1600.0, 1000.0])
            .with_maximized(true)
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "orgflow",
        options,
        Box::new(move |cc| {
            Ok(Box::new(orgflow::app::OrgflowApp::from_creation_context(
                cc, files,
            )))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// Built without the window: the help instead.
#[cfg(not(feature = "gui"))]
pub fn run(_files: Vec<PathBuf>) -> anyhow::Result<()> {
    use clap::CommandFactory;
    super::Cli::command().print_help()?;
    Ok(())
}
