//! The flags several commands share: which columns hold what, a rights sheet and links to merge,
//! warning thresholds, how many notes to print.

use super::terminal::UsageError;
use clap::Args;
use orgflow::io::{CsvColumns, RightsScheme};
use orgflow::model::ThresholdOverrides;
use std::path::{Path, PathBuf};

/// Which CSV columns hold what, when the headers are not recognised.
#[derive(Args, Debug, Clone)]
pub struct ColumnArgs {
    /// Header of the column with each person's unique id.
    #[arg(long, value_name = "HEADER")]
    pub id_column: Option<String>,
    /// Header of the column with each person's name.
    #[arg(long, value_name = "HEADER")]
    pub name_column: Option<String>,
    /// Header of the column with each person's job title.
    #[arg(long, value_name = "HEADER")]
    pub title_column: Option<String>,
    /// Header of the column with each person's team or unit.
    #[arg(long, value_name = "HEADER")]
    pub team_column: Option<String>,
    /// Header of the column with each person's manager (id or name).
    #[arg(long, value_name = "HEADER")]
    pub manager_column: Option<String>,
    /// The sheet to read from a workbook (.xlsx, .xls, .ods); the first one by default.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// For a file holding several snapshots (a date column with several dates): the one to
    /// read, as YYYY-MM-DD or as the file writes it. The latest by default.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Count people who have left as still here (a historical view): by default they stay in
    /// the chart but hold no right and carry no load.
    #[arg(long)]
    pub include_left: bool,
    /// How many notes about a file to print: `summary` (the default) shows the first 50 and
    /// counts the rest by kind; `all` prints every one.
    #[arg(long, value_enum, default_value_t = NotesArg::Summary)]
    pub notes: NotesArg,
}

/// How many notes about a file to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NotesArg {
    /// The first 50, then the rest counted by kind.
    Summary,
    /// Every one.
    All,
}

/// Notes printed about one file before the rest are counted.
pub const NOTES_SHOWN: usize = 50;

/// Decision rights from a spreadsheet, merged onto the org.
#[derive(Args, Debug)]
pub struct RightsArgs {
    /// A rights sheet (CSV or workbook): one row per decision, one column per person, title or
    /// team, cells of letters (RACI, RAPID or orgflow's D/A/C).
    #[arg(long, value_name = "SHEET")]
    pub rights: Option<PathBuf>,
    /// How the sheet's letters read; detected from the letters when not given.
    #[arg(long, value_enum, requires = "rights")]
    pub rights_scheme: Option<SchemeArg>,
    /// The sheet of a rights workbook to read (default: --sheet, else the first one).
    #[arg(long, value_name = "NAME", requires = "rights")]
    pub rights_sheet: Option<String>,
    /// An edge list of who goes to whom (advice survey, e-mail counts…): columns `from`, `to`
    /// (ids or names) and an optional weight (`weight`, `count`, `emails`…). Repeatable.
    #[arg(long, value_name = "EDGES")]
    pub links: Vec<PathBuf>,
    /// What the links are: advice, communication, collaboration… [default: advice].
    #[arg(long, value_name = "KIND", default_value = "advice")]
    pub links_kind: String,
    /// For sharing advice or e-mail evidence: leave out every link with a person in a team
    /// of fewer than N people, so that no link figure describes so small a group (Microsoft's
    /// Viva Insights uses 5). Off by default.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=100_000))]
    pub min_group: Option<u32>,
}

impl RightsArgs {
    /// No rights sheet and no links.
    pub fn none() -> Self {
        Self {
            rights: None,
            rights_scheme: None,
            rights_sheet: None,
            links: Vec::new(),
            links_kind: "advice".to_owned(),
            min_group: None,
        }
    }

    /// The files these flags read, each with its role for a message.
    pub fn inputs(&self) -> Vec<(&'static str, &Path)> {
        let mut inputs: Vec<(&'static str, &Path)> = Vec::new();
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
pub fn check_output(out: &Path, inputs: &[(&str, &Path)]) -> anyhow::Result<()> {
    orgflow::io::check_output(out, inputs).map_err(|e| UsageError(e.to_string()).into())
}

/// The letters of a rights sheet.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum SchemeArg {
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
            as_of: a.as_of,
        }
    }
}

/// Warning thresholds; these win over the ones set in the file.
#[derive(Args, Debug)]
pub struct ThresholdArgs {
    /// Share of all decisions (0–1) at which a person counts as a funnel [default: 0.3].
    #[arg(long, value_name = "SHARE", value_parser = share_in_range)]
    pub funnel_share: Option<f64>,
    /// Direct reports above which a span counts as wide [default: 10].
    #[arg(long, value_name = "COUNT")]
    pub wide_span: Option<usize>,
    /// Span used to work out how many layers the headcount needs [default: 8].
    #[arg(long, value_name = "COUNT", value_parser = clap::value_parser!(u16).range(2..))]
    pub target_span: Option<u16>,
    /// Layers beyond that minimum that count as too many [default: 2].
    #[arg(long, value_name = "COUNT")]
    pub extra_layers: Option<usize>,
    /// Domains a sole decider must hold to be flagged [default: 3].
    #[arg(long, value_name = "COUNT")]
    pub single_holder_domains: Option<usize>,
    /// HHI (0–10,000) of decision authority above which it is highly concentrated [default: 2500].
    #[arg(long, value_name = "HHI")]
    pub high_hhi: Option<f64>,
    /// Share (0–1) of all incoming link weight that makes someone an informal hub [default: 0.2].
    #[arg(long, value_name = "SHARE")]
    pub informal_hub_share: Option<f64>,
}

/// The queue model's settings; these win over the ones set in the file (`"queue"`).
#[derive(Args, Debug)]
pub struct QueueArgs {
    /// Hours a week a manager has for decisions [default: 16]; a second number after a comma
    /// is everybody else's [default: 4] (`--capacity 20,6`).
    #[arg(long, value_name = "HOURS[,HOURS]", value_parser = capacities)]
    pub capacity: Option<(f64, Option<f64>)>,
    /// Hours one decision takes each person it needs, unless its domain says [default: 0.5].
    #[arg(long, value_name = "HOURS")]
    pub handling: Option<f64>,
    /// Coefficient of variation of the time between decisions, Kingman's ca [default: 1].
    #[arg(long, value_name = "CV")]
    pub arrival_cv: Option<f64>,
    /// Coefficient of variation of the handling time, Kingman's cs [default: 1].
    #[arg(long, value_name = "CV")]
    pub service_cv: Option<f64>,
}

/// A decision log to check the queue model against.
#[derive(Args, Debug)]
pub struct LogArgs {
    /// A decision log (CSV or workbook), one row per decision taken: when it was raised, when
    /// it was decided, who decided it and (optionally) its domain. The report shows what it
    /// measured beside the model.
    #[arg(long, value_name = "LOG")]
    pub log: Option<PathBuf>,
    /// The sheet of a log workbook to read (default: the first one).
    #[arg(long, value_name = "NAME", requires = "log")]
    pub log_sheet: Option<String>,
    /// Fit each decider's hours a week for decisions so that the model reproduces the log's
    /// mean time to decision; the analysis then uses them.
    #[arg(long, requires = "log")]
    pub fit_capacity: bool,
}

fn capacities(text: &str) -> Result<(f64, Option<f64>), String> {
    let number = |part: &str| -> Result<f64, String> {
        part.trim()
            .parse::<f64>()
            .map_err(|_| format!("“{}” is not a number of hours a week", part.trim()))
    };
    match text.split_once(',') {
        None => Ok((number(text)?, None)),
        Some((managers, others)) => Ok((number(managers)?, Some(number(others)?))),
    }
}

impl From<QueueArgs> for orgflow::model::QueueOverrides {
    fn from(a: QueueArgs) -> Self {
        Self {
            manager_hours: a.capacity.map(|c| c.0),
            other_hours: a.capacity.and_then(|c| c.1),
            handling_hours: a.handling,
            arrival_cv: a.arrival_cv,
            service_cv: a.service_cv,
            ..Self::default()
        }
    }
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

impl From<SchemeArg> for RightsScheme {
    fn from(s: SchemeArg) -> Self {
        match s {
            SchemeArg::Orgflow => Self::Orgflow,
            SchemeArg::Rapid => Self::Rapid,
            SchemeArg::Raci => Self::Raci,
        }
    }
}

/// The first of the files a command names (clap requires at least one); the file of people
/// when only one is named.
pub fn first(files: &[PathBuf]) -> &Path {
    files
        .first()
        .map_or_else(|| Path::new(""), PathBuf::as_path)
}
