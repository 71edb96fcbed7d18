//! The `orgflow` command: batch work on team files.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use orgflow::analysis::{analyze_with, text_report};
use orgflow::io::{CsvColumns, LoadError, Loaded, RightsScheme, load, load_rights, save};
use orgflow::model::ThresholdOverrides;
use std::path::PathBuf;
use std::process::ExitCode;

/// Says a line on standard error, made safe for a terminal. A closed or full standard error
/// (`2>&-`, `2>/dev/full`) loses the line, never the command: the exit code still tells.
macro_rules! say {
    ($($arg:tt)*) => {
        say_text(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// See where decisions funnel through one person: the reporting hierarchy against the
/// distributed decision network of the same org.
#[derive(Parser, Debug)]
#[command(name = "orgflow", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    /// A team file (.json) or HR export (.csv) to open in the window. With no file and no
    /// command, the window opens on its start screen.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the analysis of a team file (.json) or an HR export (.csv): the funnels first.
    Analyze {
        /// The team file or CSV export.
        file: PathBuf,
        /// Print the analysis as JSON instead of a report.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        columns: ColumnArgs,
        #[command(flatten)]
        rights: RightsArgs,
        #[command(flatten)]
        thresholds: ThresholdArgs,
    },
    /// Export a presentation image (PNG, SVG or PDF) of a team file; needs no display or GPU.
    Export {
        /// The team file or CSV export.
        file: PathBuf,
        /// Which picture: the hierarchy, the distributed network, or both side by side
        /// [default: both; with --compare, hierarchy].
        #[arg(long, value_enum)]
        view: Option<ViewArg>,
        /// The format; by default the one --out's extension names.
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// The image file to write.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Slide width in pixels.
        #[arg(long, default_value_t = 1920)]
        width: u32,
        /// Slide height in pixels.
        #[arg(long, default_value_t = 1080)]
        height: u32,
        /// Pixel density of a PNG (2 or 3 for sharp slides).
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// The slide's title (default: the org's name).
        #[arg(long)]
        title: Option<String>,
        /// No white background (PNG and SVG).
        #[arg(long)]
        transparent: bool,
        /// How many of the top findings to call out on the slide.
        #[arg(long, default_value_t = 3, value_name = "COUNT")]
        findings: usize,
        /// Draw the hierarchy left to right instead of top down.
        #[arg(long)]
        left_to_right: bool,
        /// Show only this person's part of the hierarchy (their id or name) and everybody
        /// below them.
        #[arg(long, value_name = "ID or NAME")]
        subtree: Option<String>,
        /// A before/after slide: FILE is before, this org is after, side by side.
        #[arg(long, value_name = "AFTER", conflicts_with = "subtree")]
        compare: Option<PathBuf>,
        /// A PDF of a large org over several pages: `auto` gives an overview, then a page for
        /// each part the overview folds away behind a "+N" card (at most 200 pages); a number
        /// allows that many pages (up to 5,000); `one` (the default) one page.
        #[arg(long, value_name = "one|auto|N", default_value = "one", value_parser = pages_arg, conflicts_with = "subtree")]
        pages: PagesArg,
        #[command(flatten)]
        columns: ColumnArgs,
        #[command(flatten)]
        rights: RightsArgs,
    },
    /// Compare two orgs: both readings side by side with the changes, people added, removed,
    /// moved and rights changed (matched by id).
    Compare {
        /// The org before.
        before: PathBuf,
        /// The org after.
        after: PathBuf,
        /// Print the comparison as JSON (`before`, `after`, `figures`, `delta`, `changes`).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        columns: ColumnArgs,
    },
    /// What if some people were away: the decisions nobody could decide, who carries their
    /// load, the new funnels. The file is not changed.
    WhatIf {
        /// The team file or export.
        file: PathBuf,
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
    },
    /// Suggest a distributed variant: concrete, explained proposals with their effect.
    Suggest {
        /// The team file or export.
        file: PathBuf,
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
    },
    /// Write a made-up org of any size (the benchmarks' generator), for trying orgflow at
    /// scale: `orgflow generate --people 100000 --out big.json`.
    #[command(hide = true)]
    Generate {
        /// How many people.
        #[arg(long, default_value_t = 1000)]
        people: usize,
        /// The seed: the same seed gives the same org.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The team file (.json) or CSV to write.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Convert between an HR export (.csv) and the native team file (.json), either way.
    Convert {
        /// The file to read.
        input: PathBuf,
        /// The file to write; its extension (.json or .csv) picks the format.
        output: PathBuf,
        /// Replace an existing CSV (its columns orgflow does not write are lost). The file
        /// being converted is never replaced.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        columns: ColumnArgs,
        #[command(flatten)]
        rights: RightsArgs,
    },
}

/// Which picture to export.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ViewArg {
    /// The reporting hierarchy.
    Hierarchy,
    /// The distributed decision network.
    Distributed,
    /// Both side by side.
    Both,
}

/// How many pages an exported PDF may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PagesArg {
    /// One slide.
    One,
    /// An overview and a page for each part it folds away, at most this many pages.
    Auto(usize),
}

fn pages_arg(text: &str) -> Result<PagesArg, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "one" | "1" => Ok(PagesArg::One),
        "auto" => Ok(PagesArg::Auto(orgflow::export::DEFAULT_PAGES)),
        n => match n.parse::<usize>() {
            Ok(n) if (2..=orgflow::export::MAX_PAGES).contains(&n) => Ok(PagesArg::Auto(n)),
            _ => Err(format!(
                "expected one, auto or a number of pages from 2 to {}",
                orgflow::export::MAX_PAGES
            )),
        },
    }
}

/// Which image format to write.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum FormatArg {
    /// Pixels.
    Png,
    /// Vectors, text as text.
    Svg,
    /// Vectors, for print.
    Pdf,
}

/// Which CSV columns hold what, when the headers are not recognised.
#[derive(Args, Debug, Clone)]
struct ColumnArgs {
    /// Header of the column with each person's unique id.
    #[arg(long, value_name = "HEADER")]
    id_column: Option<String>,
    /// Header of the column with each person's name.
    #[arg(long, value_name = "HEADER")]
    name_column: Option<String>,
    /// Header of the column with each person's job title.
    #[arg(long, value_name = "HEADER")]
    title_column: Option<String>,
    /// Header of the column with each person's team or unit.
    #[arg(long, value_name = "HEADER")]
    team_column: Option<String>,
    /// Header of the column with each person's manager (id or name).
    #[arg(long, value_name = "HEADER")]
    manager_column: Option<String>,
    /// The sheet to read from a workbook (.xlsx, .xls, .ods); the first one by default.
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Count people who have left as still here (a historical view): by default they stay in
    /// the chart but hold no right and carry no load.
    #[arg(long)]
    include_left: bool,
    /// How many notes about a file to print: `summary` (the default) shows the first 50 and
    /// counts the rest by kind; `all` prints every one.
    #[arg(long, value_enum, default_value_t = NotesArg::Summary)]
    notes: NotesArg,
}

/// How many notes about a file to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum NotesArg {
    /// The first 50, then the rest counted by kind.
    Summary,
    /// Every one.
    All,
}

/// Notes printed about one file before the rest are counted.
const NOTES_SHOWN: usize = 50;

/// For `--include-left`: everybody who left counts as here again.
fn include_left(org: &mut orgflow::model::Org) {
    for p in &mut org.people {
        if p.status == orgflow::model::Status::Left {
            p.status = orgflow::model::Status::Active;
        }
    }
}

/// Decision rights from a spreadsheet, merged onto the org.
#[derive(Args, Debug)]
struct RightsArgs {
    /// A rights sheet (CSV or workbook): one row per decision, one column per person, title or
    /// team, cells of letters (RACI, RAPID or orgflow's D/A/C).
    #[arg(long, value_name = "SHEET")]
    rights: Option<PathBuf>,
    /// How the sheet's letters read; detected from the letters when not given.
    #[arg(long, value_enum, requires = "rights")]
    rights_scheme: Option<SchemeArg>,
    /// The sheet of a rights workbook to read (default: --sheet, else the first one).
    #[arg(long, value_name = "NAME", requires = "rights")]
    rights_sheet: Option<String>,
    /// An edge list of who goes to whom (advice survey, e-mail counts…): columns `from`, `to`
    /// (ids or names) and an optional weight (`weight`, `count`, `emails`…). Repeatable.
    #[arg(long, value_name = "EDGES")]
    links: Vec<PathBuf>,
    /// What the links are: advice, communication, collaboration… [default: advice].
    #[arg(long, value_name = "KIND", default_value = "advice")]
    links_kind: String,
}

impl RightsArgs {
    /// No rights sheet and no links.
    fn none() -> Self {
        Self {
            rights: None,
            rights_scheme: None,
            rights_sheet: None,
            links: Vec::new(),
            links_kind: "advice".to_owned(),
        }
    }

    /// The files these flags read, each with its role for a message.
    fn inputs(&self) -> Vec<(&'static str, &std::path::Path)> {
        let mut inputs: Vec<(&'static str, &std::path::Path)> = Vec::new();
        if let Some(sheet) = &self.rights {
            inputs.push(("the --rights sheet", sheet.as_path()));
        }
        for links in &self.links {
            inputs.push(("a --links file", links.as_path()));
        }
        inputs
    }
}

/// Refuses an output that is one of the command's inputs (exit 2: the command line is wrong).
fn check_output(out: &std::path::Path, inputs: &[(&str, &std::path::Path)]) -> anyhow::Result<()> {
    orgflow::io::check_output(out, inputs).map_err(|e| UsageError(e.to_string()).into())
}

/// The letters of a rights sheet.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum SchemeArg {
    /// D decides, A approves, C consulted.
    Orgflow,
    /// D decides, A agree (approves), I input (consulted); R and P no right.
    Rapid,
    /// A accountable (decides), R responsible (approves), C consulted; I no right.
    Raci,
}

impl From<ColumnArgs> for CsvColumns {
    fn from(a: ColumnArgs) -> Self {
        Self {
            id: a.id_column,
            name: a.name_column,
            title: a.title_column,
            team: a.team_column,
            manager: a.manager_column,
            sheet: a.sheet,
        }
    }
}

/// Warning thresholds; these win over the ones set in the file.
#[derive(Args, Debug)]
struct ThresholdArgs {
    /// Share of all decisions (0–1) at which a person counts as a funnel [default: 0.3].
    #[arg(long, value_name = "SHARE", value_parser = share_in_range)]
    funnel_share: Option<f64>,
    /// Direct reports above which a span counts as wide [default: 10].
    #[arg(long, value_name = "COUNT")]
    wide_span: Option<usize>,
    /// Span used to work out how many layers the headcount needs [default: 8].
    #[arg(long, value_name = "COUNT", value_parser = clap::value_parser!(u16).range(2..))]
    target_span: Option<u16>,
    /// Layers beyond that minimum that count as too many [default: 2].
    #[arg(long, value_name = "COUNT")]
    extra_layers: Option<usize>,
    /// Domains a sole decider must hold to be flagged [default: 3].
    #[arg(long, value_name = "COUNT")]
    single_holder_domains: Option<usize>,
    /// HHI (0–10,000) of decision authority above which it is highly concentrated [default: 2500].
    #[arg(long, value_name = "HHI")]
    high_hhi: Option<f64>,
    /// Share (0–1) of all incoming link weight that makes someone an informal hub [default: 0.2].
    #[arg(long, value_name = "SHARE")]
    informal_hub_share: Option<f64>,
}

fn share_in_range(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("“{text}” is not a number"))?;
    if value > 0.0 && value <= 1.0 {
        Ok(value)
    } else {
        Err(format!(
            "{value} is not a share between 0 and 1 (such as 0.3)"
        ))
    }
}

impl From<ThresholdArgs> for ThresholdOverrides {
    fn from(a: ThresholdArgs) -> Self {
        Self {
            funnel_share: a.funnel_share,
            wide_span: a.wide_span,
            target_span: a.target_span.map(usize::from),
            extra_layers: a.extra_layers,
            single_holder_domains: a.single_holder_domains,
            high_hhi: a.high_hhi,
            informal_hub_share: a.informal_hub_share,
        }
    }
}

fn main() -> ExitCode {
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

/// Wrong usage of the command line: exit code 2, like clap's own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

/// An error and its causes, each said once: a cause whose words the message already holds
/// (an error that quotes what the system said) is not repeated.
fn error_text(e: &anyhow::Error) -> String {
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

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Text for a terminal: names and titles come from files, and a file must not be able to move
/// the cursor, change colours or retitle the terminal. Control characters (escape among them)
/// are dropped, except line breaks and tabs.
fn for_terminal(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// Writes text to standard error, made safe for a terminal; a write that fails is let go.
fn say_text(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(for_terminal(text).as_bytes());
    let _ = err.flush();
}

/// Writes to standard output; a closed pipe comes back as an error that exits quietly.
fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("could not write to standard output")?;
    Ok(())
}

fn print_import_problems(
    file: &std::path::Path,
    problems: &[orgflow::model::Problem],
    notes: NotesArg,
) {
    if problems.is_empty() {
        return;
    }
    let rows = if problems.len() == 1 {
        "1 row needed".to_owned()
    } else {
        format!(
            "{} rows needed",
            orgflow::model::thousands(problems.len() as f64)
        )
    };
    let mut text = format!("{}: {rows} attention while importing:\n", file.display());
    let shown = if notes == NotesArg::All {
        usize::MAX
    } else {
        NOTES_SHOWN
    };
    let (lines, rest) = orgflow::model::summarise(problems, shown);
    for line in lines {
        text.push_str(&format!("  - {line}\n"));
    }
    if let Some(rest) = rest {
        text.push_str(&format!("  - {rest} (--notes all lists every one)\n"));
    }
    say_text(&text);
}

/// Notes about a file, one a line: the first 50 unless `notes` is `all`.
fn print_notes(file: &std::path::Path, notes: &[String], all: NotesArg) {
    let shown = if all == NotesArg::All {
        notes.len()
    } else {
        NOTES_SHOWN
    };
    for note in notes.iter().take(shown) {
        say!("{}: {note}", file.display());
    }
    if notes.len() > shown {
        say!(
            "{}: and {} more notes (--notes all lists every one)",
            file.display(),
            notes.len() - shown
        );
    }
}

/// Loads a team file or export, tells what the import did, and merges a rights sheet if given.
fn load_org(
    file: &std::path::Path,
    columns: ColumnArgs,
    rights: RightsArgs,
) -> anyhow::Result<Loaded> {
    load_org_said(file, columns, rights).map(|(loaded, _)| loaded)
}

/// What reading one file said: every note and every row that needed attention (for `--json`,
/// which carries all of them whatever `--notes` says).
#[derive(Debug, serde::Serialize)]
struct FileSaid {
    file: String,
    notes: Vec<String>,
    problems: Vec<String>,
}

impl FileSaid {
    fn new(file: &std::path::Path, notes: &[String], problems: &[orgflow::model::Problem]) -> Self {
        Self {
            file: file.display().to_string(),
            notes: notes.to_vec(),
            problems: problems.iter().map(ToString::to_string).collect(),
        }
    }
}

/// [`load_org`], with what each file's reading said.
fn load_org_said(
    file: &std::path::Path,
    columns: ColumnArgs,
    rights: RightsArgs,
) -> anyhow::Result<(Loaded, Vec<FileSaid>)> {
    let sheet = columns.sheet.clone();
    let keep_left = columns.include_left;
    let all = columns.notes;
    let mut said = Vec::new();
    let mut loaded = load(file, &columns.into()).map_err(describe)?;
    if keep_left {
        include_left(&mut loaded.org);
    }
    print_import_problems(file, &loaded.import_problems, all);
    print_notes(file, &loaded.notes, all);
    said.push(FileSaid::new(file, &loaded.notes, &loaded.import_problems));
    if let Some(sheet_path) = rights.rights {
        let scheme = rights.rights_scheme.map(|s| match s {
            SchemeArg::Orgflow => RightsScheme::Orgflow,
            SchemeArg::Rapid => RightsScheme::Rapid,
            SchemeArg::Raci => RightsScheme::Raci,
        });
        let sheet = rights.rights_sheet.or(sheet);
        let import =
            load_rights(&loaded.org, &sheet_path, sheet.as_deref(), scheme).map_err(describe)?;
        say!("{}: {}", sheet_path.display(), import.summary());
        print_notes(&sheet_path, &import.notes, all);
        print_import_problems(&sheet_path, &import.problems, all);
        let mut notes = vec![import.summary()];
        notes.extend(import.notes.iter().cloned());
        said.push(FileSaid::new(&sheet_path, &notes, &import.problems));
        loaded.org = import.org;
    }
    for edges in &rights.links {
        let import = orgflow::io::load_links(&loaded.org, edges, None, &rights.links_kind)
            .map_err(describe)?;
        let summary = import.summary(&rights.links_kind);
        say!("{}: {summary}", edges.display());
        print_notes(edges, &import.notes, all);
        print_import_problems(edges, &import.problems, all);
        let mut notes = vec![summary];
        notes.extend(import.notes.iter().cloned());
        said.push(FileSaid::new(edges, &notes, &import.problems));
        loaded.org = import.org;
    }
    Ok((loaded, said))
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let Some(command) = cli.command else {
        if let Some(file) = &cli.file
            && !file.is_file()
        {
            anyhow::bail!(
                "{}: there is no such file (the commands are analyze, export, compare, what-if, suggest and convert; see orgflow --help)",
                file.display()
            );
        }
        return run_window(cli.file);
    };
    match command {
        Command::Analyze {
            file,
            json,
            columns,
            rights,
            thresholds,
        } => {
            let flags: ThresholdOverrides = thresholds.into();
            let wrong = orgflow::model::check_thresholds(&flags);
            if !wrong.is_empty() {
                return Err(
                    UsageError(format!("wrong threshold flags: {}", wrong.join("; "))).into(),
                );
            }
            let (loaded, said) = load_org_said(&file, columns, rights)?;
            let overrides = loaded.org.thresholds.merged_with(&flags);
            let analysis = analyze_with(&loaded.org, &overrides.resolve());
            if json {
                // The analysis, and under `import` everything reading the files said.
                let mut value = serde_json::to_value(&analysis)
                    .context("could not write the analysis as JSON")?;
                if let Some(object) = value.as_object_mut() {
                    object.insert(
                        "import".to_owned(),
                        serde_json::to_value(&said).context("could not write the notes")?,
                    );
                }
                print_json(&value)?;
            } else {
                print_out(&for_terminal(&text_report(&analysis)))?;
            }
        }
        Command::Export {
            file,
            view,
            format,
            out,
            width,
            height,
            scale,
            title,
            transparent,
            findings,
            left_to_right,
            subtree,
            compare,
            pages,
            columns,
            rights,
        } => {
            use orgflow::export::{ExportFormat, ExportOptions, ExportView, export_to_file};
            check_image_size(width, height, scale)?;
            let format = match format {
                Some(FormatArg::Png) => ExportFormat::Png,
                Some(FormatArg::Svg) => ExportFormat::Svg,
                Some(FormatArg::Pdf) => ExportFormat::Pdf,
                None => ExportFormat::from_path(&out).ok_or_else(|| {
                    anyhow::anyhow!(
                        "{}: cannot tell the image format from the name; end it in .png, .svg or .pdf, or use --format",
                        out.display()
                    )
                })?,
            };
            if compare.is_some() && pages != PagesArg::One {
                return Err(UsageError(
                    "--pages splits one org over several pages; a before/after slide (--compare) is one page of two orgs. Drop --pages, or export each org with --pages on its own".to_owned(),
                )
                .into());
            }
            let mut inputs = vec![("the team file", file.as_path())];
            if let Some(after) = &compare {
                inputs.push(("the --compare file", after.as_path()));
            }
            inputs.extend(rights.inputs());
            check_output(&out, &inputs)?;
            let plain: CsvColumns = columns.clone().into();
            let loaded = load_org(&file, columns, rights)?;
            let orientation = if left_to_right {
                orgflow::layout::Orientation::LeftRight
            } else {
                orgflow::layout::Orientation::TopDown
            };
            // A before/after slide shows the hierarchies unless asked otherwise.
            let default_view = if compare.is_some() {
                ViewArg::Hierarchy
            } else {
                ViewArg::Both
            };
            let view = match view.unwrap_or(default_view) {
                ViewArg::Hierarchy => ExportView::Hierarchy,
                ViewArg::Distributed => ExportView::Distributed,
                ViewArg::Both => ExportView::Both,
            };
            let mut options = ExportOptions {
                view,
                format,
                width,
                height,
                scale,
                title,
                transparent,
                findings,
                extent: orgflow::export::Extent::Whole,
            };
            if let Some(after_path) = compare {
                let after = load(&after_path, &plain).map_err(describe)?;
                orgflow::export::export_comparison_to_file(
                    &loaded.org,
                    &after.org,
                    orientation,
                    &options,
                    &out,
                )?;
                say!("Wrote {}", out.display());
                return Ok(());
            }
            let analysis = orgflow::analysis::analyze(&loaded.org);
            if let PagesArg::Auto(max_pages) = pages {
                if !matches!(format, ExportFormat::Pdf) {
                    return Err(UsageError(
                        "--pages auto makes a PDF of several pages: end --out in .pdf or use --format pdf"
                            .to_owned(),
                    )
                    .into());
                }
                let paged = orgflow::export::paged_pdf(
                    &loaded.org,
                    &analysis,
                    orientation,
                    &options,
                    max_pages,
                )?;
                orgflow::io::write_atomically(&out, &paged.bytes)
                    .with_context(|| format!("{}: could not write the PDF", out.display()))?;
                say!("Wrote {} ({} pages)", out.display(), paged.pages);
                if paged.missing() > 0 {
                    say!(
                        "{}: {} of {} people are on no page, only counted behind “+N” cards; allow more pages (--pages N, up to 5,000) or export a part on its own (--subtree NAME)",
                        out.display(),
                        orgflow::model::thousands(paged.missing() as f64),
                        orgflow::model::thousands(paged.people as f64),
                    );
                }
                return Ok(());
            }
            let columns = if view == orgflow::export::ExportView::Both {
                2
            } else {
                1
            };
            let panel = orgflow::export::panel_size(&options, columns, 1);
            let (mut hierarchy, network) =
                orgflow::export::scenes_for(&loaded.org, &analysis, orientation, view, panel);
            // One person's part: them and everybody below them, in the hierarchy's place.
            if let Some(query) = &subtree {
                let id = &loaded
                    .org
                    .find_person(query)
                    .map_err(|e| {
                        anyhow::anyhow!("{}: {e}, so there is no part to export", file.display())
                    })?
                    .id
                    .0
                    .clone();
                let (part, figures) = orgflow::export::part_of(&loaded.org, &analysis, id)
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "{}: nobody has the id “{id}”, so there is no subtree to export",
                            file.display()
                        )
                    })?;
                if options.title.is_none() {
                    let name = loaded
                        .org
                        .person(id)
                        .map_or(id.as_str(), |p| p.display_name());
                    options.title = Some(format!("{}: {name}'s part", loaded.org.name));
                }
                hierarchy = orgflow::export::scenes_for(
                    &part,
                    &figures,
                    orientation,
                    orgflow::export::ExportView::Hierarchy,
                    panel,
                )
                .0;
            }
            export_to_file(&loaded.org, &analysis, &hierarchy, &network, &options, &out)?;
            say!("Wrote {}", out.display());
        }
        Command::Compare {
            before,
            after,
            json,
            columns,
        } => {
            // Each file says what its reading did, as every command's files do.
            let b = load_org(&before, columns.clone(), RightsArgs::none())?;
            let a = load_org(&after, columns, RightsArgs::none())?;
            let c = orgflow::scenario::compare(&b.org, &a.org);
            if json {
                print_json(&c)?;
            } else {
                print_out(&for_terminal(&orgflow::scenario::text_report(
                    &b.org, &a.org, &c,
                )))?;
            }
        }
        Command::WhatIf {
            file,
            without,
            json,
            columns,
            rights,
        } => {
            let loaded = load_org(&file, columns, rights)?;
            let without = away_list(&loaded.org, &without);
            let absence = orgflow::scenario::without(&loaded.org, &without)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            if json {
                print_json(&absence)?;
            } else {
                print_out(&for_terminal(&what_if_report(&loaded.org, &absence)))?;
            }
        }
        Command::Suggest {
            file,
            out,
            json,
            columns,
            rights,
        } => {
            if let Some(out) = &out {
                let mut inputs = vec![("the team file", file.as_path())];
                inputs.extend(rights.inputs());
                check_output(out, &inputs)?;
            }
            let loaded = load_org(&file, columns, rights)?;
            let proposals = orgflow::scenario::suggest(&loaded.org);
            if json {
                print_json(&proposals)?;
            } else {
                print_out(&for_terminal(&suggest_report(&proposals)))?;
            }
            if let Some(out) = out {
                let mut org = loaded.org.clone();
                // All at once (one check of the result); should that fail, one by one, so
                // each proposal that can be applied still is.
                let all = orgflow::edit::Command {
                    label: "accept every proposal".to_owned(),
                    edit: orgflow::edit::Edit::Batch(
                        proposals.iter().map(|p| p.command.edit.clone()).collect(),
                    ),
                };
                let mut applied = proposals.len();
                if orgflow::edit::apply(&mut org, all).is_err() {
                    applied = 0;
                    for p in &proposals {
                        if orgflow::edit::apply(&mut org, p.command.clone()).is_ok() {
                            applied += 1;
                        }
                    }
                }
                save(&org, &out)?;
                say!(
                    "Wrote {} with {applied} of {} proposals applied",
                    out.display(),
                    proposals.len()
                );
            }
        }
        Command::Generate { people, seed, out } => {
            if !(1..=10_000_000).contains(&people) {
                return Err(UsageError("--people must be 1 to 10,000,000".to_owned()).into());
            }
            let org = orgflow::generate::org(people, seed);
            save(&org, &out)?;
            say!("Wrote {} people to {}", org.people.len(), out.display());
        }
        Command::Convert {
            input,
            output,
            force,
            columns,
            rights,
        } => {
            let mut inputs = vec![("the file to convert", input.as_path())];
            inputs.extend(rights.inputs());
            check_output(&output, &inputs)?;
            let loaded = load_org(&input, columns, rights)?;
            if orgflow::io::Format::from_path(&output) == Some(orgflow::io::Format::Csv) {
                orgflow::io::check_csv_overwrite(
                    &output,
                    &orgflow::io::csv_headers(&loaded.org),
                    force,
                )
                .map_err(|e| UsageError(e.to_string()))?;
                let lost = orgflow::io::csv_losses(&loaded.org);
                if !lost.is_empty() {
                    say!(
                        "{}: a CSV holds only the people; it will not keep {}. Keep the team file (.json) for those.",
                        output.display(),
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
        }
    }
    Ok(())
}

#[cfg(feature = "gui")]
fn run_window(file: Option<PathBuf>) -> anyhow::Result<()> {
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
                cc, file,
            )))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

#[cfg(not(feature = "gui"))]
fn run_window(_file: Option<PathBuf>) -> anyhow::Result<()> {
    use clap::CommandFactory;
    Cli::command().print_help()?;
    Ok(())
}

fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut text =
        serde_json::to_string_pretty(value).context("could not write the result as JSON")?;
    text.push('\n');
    print_out(&text)
}

/// The people a `--without` list names: split at semicolons; without any, at commas, unless
/// the whole text (or a "Last, First" pair) is one person's name.
fn away_list(org: &orgflow::model::Org, given: &[String]) -> Vec<String> {
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

fn what_if_report(org: &orgflow::model::Org, a: &orgflow::scenario::Absence) -> String {
    use std::fmt::Write;
    let finder = org.finder();
    let names: Vec<String> = a
        .without
        .iter()
        .map(|id| {
            finder
                .find(id)
                .map_or(id.clone(), |p| p.display_name().to_owned())
        })
        .collect();
    // A long list is named by its first few and counted.
    let names = if names.len() > 6 {
        format!(
            "{} and {} others",
            names[..5].join(", "),
            orgflow::model::thousands((names.len() - 5) as f64)
        )
    } else {
        names.join(" and ")
    };
    let mut out = format!("If {names} were away\n");
    let _ = writeln!(out, "{}", a.orphaned_sentence());
    if !a.carriers.is_empty() {
        out.push_str("\nWho carries their load (decisions a month more, hierarchy / straight to the holder):\n");
        for c in &a.carriers {
            let _ = writeln!(
                out,
                "  {:<30} {:>8.1} {:>8.1}",
                c.person.name, c.hierarchical, c.distributed
            );
        }
    }
    let mut after = a.org.clone();
    after.name = format!("{} without {names}", org.name);
    out.push('\n');
    out.push_str(&orgflow::scenario::text_report(org, &after, &a.comparison));
    out
}

fn suggest_report(proposals: &[orgflow::scenario::Proposal]) -> String {
    use std::fmt::Write;
    if proposals.is_empty() {
        return "No proposals: nobody is a funnel, a sole decider of many domains or a wide span.\n"
            .to_owned();
    }
    let mut out = format!("{} proposals\n", proposals.len());
    for (k, p) in proposals.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {}", k + 1, p.title);
        let _ = writeln!(out, "   {}", p.why);
        let _ = writeln!(out, "   Effect: {}", p.effect("→"));
    }
    out
}

/// Refuses an absurd slide size before anything is loaded.
fn check_image_size(width: u32, height: u32, scale: f32) -> anyhow::Result<()> {
    orgflow::export::check_size(width, height, scale).map_err(|e| UsageError(e.to_string()).into())
}

fn describe(e: LoadError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}
