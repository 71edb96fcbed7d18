//! Import of the people from a spreadsheet export (HR systems, UK government organograms…).
//!
//! Columns are found by their header names, ignoring case and punctuation; the user can name
//! them instead. Rows with problems are skipped or repaired and each is listed with its row
//! number; only a reporting cycle stops the import.

use super::table::{Table, csv_table};
use crate::model::{Extra, FORMAT_VERSION, Org, Person, PersonId, Problem, Status};
use std::collections::HashMap;

/// Header names the user gives to override detection; `None` means detect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvColumns {
    /// The column with each person's unique id.
    pub id: Option<String>,
    /// The column with each person's name.
    pub name: Option<String>,
    /// The column with each person's job title.
    pub title: Option<String>,
    /// The column with each person's team, unit or department.
    pub team: Option<String>,
    /// The column with each person's manager (their id, or else their name).
    pub manager: Option<String>,
    /// The sheet of a workbook to read; the first one when `None`.
    pub sheet: Option<String>,
    /// The snapshot to read from a file that holds several (a date column with several
    /// dates); the latest when `None`.
    pub as_of: Option<String>,
}

/// The result of an import: the org, and what had to be skipped or repaired.
#[derive(Clone, Debug)]
pub struct CsvImport {
    /// The people that loaded.
    pub org: Org,
    /// One entry per skipped or repaired row, with its row number.
    pub problems: Vec<Problem>,
    /// What the import decided, for the user ("managers from the column …: 198 of 200 found").
    pub notes: Vec<String>,
}

const ID_NAMES: &[&str] = &[
    "id",
    "employeeid",
    "employeenumber",
    "employeeno",
    "empid",
    "empno",
    "staffid",
    "staffnumber",
    "personid",
    "personnelnumber",
    "workerid",
    "userid",
    "uniqueid",
    "postuniquereference",
    "postid",
    "positionid",
    "slug",
    "handle",
    "username",
    "from",
];
/// Id columns that name a post rather than a person: a second row with the same post and
/// another name is a second holder (a job share).
const POST_ID_NAMES: &[&str] = &[
    "postuniquereference",
    "postid",
    "positionid",
    "positionnumber",
    "postref",
];
/// Columns that say who holds a post, beside a post id: rows with the same holder are one
/// person in several posts.
const HOLDER_NAMES: &[&str] = &["holder", "heldby", "holderid"];
/// Person id columns, read as the holder when the id column names posts.
const PERSON_ID_NAMES: &[&str] = &[
    "employeeid",
    "employeenumber",
    "personid",
    "staffid",
    "workerid",
];
/// A row that is another holder of the post named on an earlier row (orgflow's own CSV).
const CO_HOLDER_NAMES: &[&str] = &["coholder", "jobshare"];
/// The holder's full-time equivalent in the post.
const FTE_NAMES: &[&str] = &["fte", "fulltimeequivalent", "ftepercent"];
/// Hours a week a person has for decisions (the queue model's capacity).
const CAPACITY_NAMES: &[&str] = &[
    "capacityhours",
    "decisionhours",
    "hoursfordecisions",
    "decidinghours",
    "decisioncapacity",
];
const NAME_NAMES: &[&str] = &[
    "name",
    "fullname",
    "employeename",
    "displayname",
    "personname",
    "staffname",
    "employee",
];
const FIRST_NAMES: &[&str] = &["firstname", "givenname", "forename", "first"];
const LAST_NAMES: &[&str] = &["lastname", "surname", "familyname", "last"];
const TITLE_NAMES: &[&str] = &[
    "jobtitle",
    "title",
    "position",
    "positiontitle",
    "role",
    "jobrole",
    "generictitle",
    "genericjobtitle",
    "job",
    "jobname",
    "designation",
    "positionname",
    "businesstitle",
    "jobtitlename",
];
const TEAM_NAMES: &[&str] = &[
    "team",
    "unit",
    "department",
    "dept",
    "division",
    "group",
    "orgunit",
    "organisationalunit",
    "organizationalunit",
    "businessunit",
    "function",
    "departmentname",
    "teamname",
    "unitname",
    "divisionname",
    "businessunitname",
    "costcentre",
    "costcenter",
    "costcentrename",
    "costcentername",
];
const MANAGER_NAMES: &[&str] = &[
    "managerid",
    "manager",
    "reportsto",
    "reportstoid",
    "reportstoseniorpost",
    "reportingseniorpost",
    "reportingto",
    "linemanager",
    "linemanagerid",
    "supervisorid",
    "supervisor",
    "parentid",
    "parent",
    "bossid",
    "managerempid",
    "manageremployeeid",
    "to",
];
/// Columns that hold a manager's name rather than their id (an HRIS export often has both).
const MANAGER_NAME_NAMES: &[&str] = &[
    "managername",
    "managerfullname",
    "reportstoname",
    "supervisorname",
    "linemanagername",
    "bossname",
    "reportingmanager",
    "reportingmanagername",
];
const VACANT_NAMES: &[&str] = &["vacant", "isvacant", "vacancy"];
/// Columns with dotted-line (matrix, functional, secondary) managers: ids or names, several
/// separated by ";".
const DOTTED_NAMES: &[&str] = &[
    "dottedmanagers",
    "dottedlinemanager",
    "dottedlinemanagers",
    "dottedlinemanagerid",
    "dottedmanager",
    "dottedline",
    "secondarymanager",
    "secondarymanagerid",
    "functionalmanager",
    "functionalmanagerid",
    "matrixmanager",
    "matrixmanagerid",
];
/// Columns that mark people outside the org (a manager from another file, a contractor).
const EXTERNAL_NAMES: &[&str] = &["external", "isexternal"];
/// Columns that say in words whether someone still works here ("Active", "Voluntarily
/// Terminated"…).
const STATUS_NAMES: &[&str] = &[
    "employmentstatus",
    "employeestatus",
    "empstatus",
    "workerstatus",
    "employmentstate",
    "status",
];
/// Columns that flag a leaver (1, yes, true).
const LEFT_FLAG_NAMES: &[&str] = &["termd", "terminated", "isterminated", "hasleft", "leaver"];
/// Columns with the day someone left or will leave.
const END_DATE_NAMES: &[&str] = &[
    "dateoftermination",
    "terminationdate",
    "termdate",
    "dateterminated",
    "leavingdate",
    "leavedate",
    "dateleft",
    "separationdate",
    "exitdate",
    "enddate",
    "lastday",
    "lastworkingday",
];
const SKILL_NAMES: &[&str] = &["skills", "skill"];
/// Names that mark an open position rather than a person.
const VACANT_MARKERS: &[&str] = &["vacant", "vacancy", "vacantpost", "open", "tbc", "tbd"];
/// Manager cells that mean "top of the org", compared without case: only when no person in
/// the file has that id (a person whose id is `0` is somebody's manager, not a marker). A cell
/// with no letter or digit at all (empty, `-`, `—`) is a marker too.
const ROOT_MARKERS: &[&str] = &[
    "xx", "x", "none", "null", "na", "n/a", "#n/a", "nil", "top", "root", "0", "(none)", "(blank)",
];

/// Columns that hold each person's place in the hierarchy as a path.
const PATH_NAMES: &[&str] = &[
    "hierarchypath",
    "orgpath",
    "path",
    "materializedpath",
    "materialisedpath",
    "hierarchyid",
    "orgnode",
    "hierarchy",
    "orghierarchy",
    "lineage",
    "reportingline",
    "reportingchain",
    "managementchain",
    "chainofcommand",
    "positionpath",
];

/// The level columns, top first: `Level 1`, `Level 2 Name`, `Org Level 3`, `Management level 4`.
fn level_columns(headers: &[String]) -> Vec<usize> {
    let mut found: Vec<(u32, usize)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let rest = ["managementlevel", "orglevel", "level"]
                .iter()
                .find_map(|p| h.strip_prefix(p))?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let tail = rest.get(digits.len()..).unwrap_or("");
            let n: u32 = digits.parse().ok()?;
            matches!(tail, "" | "name" | "manager" | "managername").then_some((n, i))
        })
        .collect();
    found.sort_unstable();
    found.dedup_by_key(|(n, _)| *n);
    if found.len() < 2 {
        return Vec::new();
    }
    found.into_iter().map(|(_, i)| i).collect()
}

/// How a hierarchy written as paths or levels was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PathReading {
    /// Each path is a place of its own (`/1/3/` under `/1/`, a `hierarchyid`).
    Places,
    /// Each path ends with the person, after the chain above them (`Ann > Ben > Cy`).
    ChainToSelf,
    /// Each path is the chain above the person, their manager last.
    ChainAbove,
}

/// The manager cell each row's path or levels give, read the way that links the most people,
/// with the note that says how. `None` when no reading links anybody.
fn managers_from_paths(
    rows: &[Row],
    chains: &[Vec<String>],
    directory: &Directory,
    readings: &[PathReading],
) -> Option<(Vec<String>, PathReading)> {
    let key = |segments: &[String]| segments.join("\u{1f}");
    let mut place: HashMap<String, Option<&str>> = HashMap::new();
    for (row, chain) in rows.iter().zip(chains) {
        place
            .entry(key(chain))
            .and_modify(|e| *e = None)
            .or_insert(Some(row.person.id.as_str()));
    }
    let is = |segment: &str, row: &Row| {
        directory
            .find(segment)
            .is_some_and(|(id, _)| id == row.person.id.0)
    };
    let cells = |reading: PathReading| -> Vec<String> {
        rows.iter()
            .zip(chains)
            .map(|(row, chain)| {
                let n = chain.len();
                match reading {
                    PathReading::Places if n >= 1 => chain
                        .get(..n - 1)
                        .and_then(|up| place.get(&key(up)).copied().flatten())
                        .unwrap_or("")
                        .to_owned(),
                    PathReading::ChainToSelf
                        if n >= 2 && chain.last().is_some_and(|s| is(s, row)) =>
                    {
                        chain.get(n - 2).cloned().unwrap_or_default()
                    }
                    PathReading::ChainAbove => chain
                        .last()
                        .filter(|s| !is(s, row))
                        .cloned()
                        .unwrap_or_default(),
                    _ => String::new(),
                }
            })
            .collect()
    };
    readings
        .iter()
        .map(|&r| {
            let cells = cells(r);
            let linked = rows
                .iter()
                .zip(&cells)
                .filter(|(row, c)| {
                    !c.is_empty()
                        && directory
                            .find(c)
                            .is_some_and(|(id, _)| id != row.person.id.0)
                })
                .count();
            (linked, r, cells)
        })
        .filter(|(linked, _, _)| *linked > 0)
        // The most linked wins; on a tie, the reading listed first.
        .max_by_key(|(linked, r, _)| {
            (
                *linked,
                std::cmp::Reverse(readings.iter().position(|x| x == r)),
            )
        })
        .map(|(_, r, cells)| (cells, r))
}

/// Each row's dotted-line managers from its cell (ids or names, ";"-separated); one that is
/// nobody in the file is left out and listed. Returns the note, when any were read.
fn resolve_dotted(
    rows: &mut [Row],
    directory: &Directory,
    problems: &mut Vec<(usize, Problem)>,
) -> Option<String> {
    let mut found = 0usize;
    let mut people = 0usize;
    for row in rows.iter_mut() {
        let cell = std::mem::take(&mut row.dotted);
        let before = found;
        for part in cell.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            if is_root_marker(part) && !directory.ids.contains(part) {
                continue;
            }
            match directory.find(part) {
                Some((id, _)) if id == row.person.id.0 => {}
                Some((id, _)) => {
                    let id = PersonId(id);
                    if !row.person.dotted_managers.contains(&id) {
                        row.person.dotted_managers.push(id);
                        found += 1;
                    }
                }
                None => problems.push((
                    row.number,
                    Problem::new(
                        format!("row {}", row.number),
                        format!(
                            "{}'s dotted-line manager “{part}” is not in this file; left out",
                            row.person.display_name()
                        ),
                    ),
                )),
            }
        }
        if found > before {
            people += 1;
        }
    }
    (found > 0).then(|| {
        format!(
            "{} with dotted-line managers ({} dotted lines): drawn dashed, never a step on the chain of command",
            crate::format::count(people, "person", "people"),
            crate::format::thousands(found as f64)
        )
    })
}

/// The candidate "column" index that stands for managers read from paths or levels.
const FROM_PATHS: usize = usize::MAX;

/// Without a manager column: the manager cell of each row from its hierarchy path or its level
/// columns, pushed onto the row's candidates, and (what was read, how) for the note.
fn paths_as_managers(
    rows: &mut [Row],
    cols: &Columns,
    raw_headers: &[String],
    directory: &Directory,
) -> Option<(String, String)> {
    use PathReading::{ChainAbove, ChainToSelf, Places};
    let header = |c: usize| raw_headers.get(c).map_or("", String::as_str);
    let (chains, what, readings): (Vec<Vec<String>>, String, &[PathReading]) =
        if let Some(c) = cols.path {
            let cells: Vec<std::borrow::Cow<'_, str>> = rows
                .iter()
                .map(|r| std::borrow::Cow::Borrowed(r.path.as_str()))
                .collect();
            let sep = path_separator(&cells);
            let chains = rows
                .iter()
                .map(|r| match sep {
                    Some(sep) => r
                        .path
                        .split(sep)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    None => vec![r.path.trim().to_owned()],
                })
                .collect();
            (
                chains,
                format!("the hierarchy path in the column “{}”", header(c)),
                &[ChainToSelf, Places, ChainAbove],
            )
        } else if let (Some(&a), Some(&b)) = (cols.levels.first(), cols.levels.last()) {
            let chains = rows
                .iter()
                .map(|r| r.levels.iter().filter(|l| !l.is_empty()).cloned().collect())
                .collect();
            (
                chains,
                format!("the level columns “{}” to “{}”", header(a), header(b)),
                &[ChainToSelf, ChainAbove],
            )
        } else {
            return None;
        };
    let (cells, reading) = managers_from_paths(rows, &chains, directory, readings)?;
    for (row, cell) in rows.iter_mut().zip(cells) {
        row.managers.push(cell);
    }
    let how = match reading {
        Places => "each path a place of its own, under the path one step shorter (/1/3/ under /1/)",
        ChainToSelf => "each path ending with the person, their manager just before them",
        ChainAbove => "each path the chain above the person, their manager last",
    };
    Some((what, how.to_owned()))
}

/// A path cell's parts: split at the separator the column uses most (`>`, `/`, `\`, `|`, `.`).
fn path_separator(cells: &[std::borrow::Cow<'_, str>]) -> Option<char> {
    ['>', '/', '\\', '|', '.']
        .into_iter()
        .map(|sep| (cells.iter().filter(|c| c.contains(sep)).count(), sep))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, sep)| sep)
}

/// Columns that name the organisation a people table is of, in order of preference.
const ORGANISATION_COLUMNS: [&str; 6] = [
    "organisation",
    "organization",
    "organisation name",
    "company",
    "company name",
    "parent department",
];

/// The organisation a people table names in a column of its own (a UK organogram's
/// "Organisation" or "Parent Department", an HR export's "Company"), when every row that fills
/// that column says the same: (the name, the column's header).
fn named_organisation(headers: &[String], rows: &[super::TableRow]) -> Option<(String, String)> {
    ORGANISATION_COLUMNS.iter().find_map(|wanted| {
        let column = headers
            .iter()
            .position(|h| normalise(h) == normalise(wanted))?;
        let mut values = rows
            .iter()
            .filter_map(|r| r.cells.get(column))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty());
        let first = values.next()?;
        values
            .all(|v| v == first)
            .then(|| (first.to_owned(), headers[column].clone()))
    })
}

/// Lower case, letters and digits only: "Reports to Senior Post" → "reportstoseniorpost".
pub(crate) fn normalise(header: &str) -> String {
    crate::model::nfc(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

struct Columns {
    id: Option<usize>,
    name: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
    title: Option<usize>,
    team: Option<usize>,
    /// Every column that may hold managers, the best guess first.
    managers: Vec<usize>,
    vacant: Option<usize>,
    external: Option<usize>,
    skills: Option<usize>,
    /// Columns that say who has left: a status in words, a flag, an end date.
    status: Option<usize>,
    left_flag: Option<usize>,
    end_date: Option<usize>,
    /// Dotted-line managers.
    dotted: Option<usize>,
    /// A column holding each person's place as a path (`/1/3/`, `1.3`, `A > B > C`).
    path: Option<usize>,
    /// Level columns (`Level 1`…`Level N`), top first.
    levels: Vec<usize>,
    /// Whether the id column names posts (`Post Unique Reference`, `Position ID`).
    post_ids: bool,
    /// Who holds each post, beside a post id column.
    holder: Option<usize>,
    /// The holder's full-time equivalent in the post.
    fte: Option<usize>,
    /// Marks a row as another holder of an earlier row's post.
    co_holder: Option<usize>,
    /// Hours a week for decisions.
    capacity: Option<usize>,
}

fn find(headers: &[String], wanted: &[&str], taken: &[Option<usize>]) -> Option<usize> {
    wanted.iter().find_map(|w| {
        headers
            .iter()
            .enumerate()
            .position(|(i, h)| h == w && !taken.contains(&Some(i)))
    })
}

/// The first `most` of `items`, joined, with how many more.
fn list_some(items: &[String], most: usize) -> String {
    let mut out = items
        .iter()
        .take(most)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > most {
        out.push_str(&format!(" and {} more", items.len() - most));
    }
    out
}

/// A full-time equivalent cell: "0.6", "60%", "1"; empty is unknown. Anything else, or a value
/// outside 0–1 (after a percent sign), is a problem in words.
pub fn fte_text(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let (number, percent) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (t, false),
    };
    let value = number
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .map(|v| if percent { v / 100.0 } else { v });
    match value {
        Some(v) if v > 0.0 && v <= 1.0 => Ok(Some(v)),
        _ => Err(format!(
            "the FTE “{t}” is not a share of a full-time post between 0 and 1 (such as 0.6 or 60%); left out"
        )),
    }
}

/// The header row for a message: at most 12 columns, each cut to 30 characters.
fn column_list(raw: &[String]) -> String {
    let mut shown: Vec<String> = raw
        .iter()
        .take(12)
        .map(|h| {
            if h.chars().count() > 30 {
                format!("{}…", h.chars().take(29).collect::<String>())
            } else {
                h.clone()
            }
        })
        .collect();
    if raw.len() > 12 {
        shown.push(format!("and {} more", raw.len() - 12));
    }
    shown.join(", ")
}

fn named(
    headers: &[String],
    raw: &[String],
    user: &Option<String>,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Option<Option<usize>> {
    let wanted = user.as_ref()?;
    let key = normalise(wanted);
    let found = headers.iter().position(|h| *h == key);
    if found.is_none() {
        problems.push(Problem::new(
            "header row",
            format!(
                "there is no column “{wanted}” for the {what}; the columns are: {}",
                column_list(raw)
            ),
        ));
    }
    Some(found)
}

fn detect(raw: &[String], user: &CsvColumns) -> Result<Columns, Vec<Problem>> {
    let headers: Vec<String> = raw.iter().map(|h| normalise(h)).collect();
    let mut problems = Vec::new();
    let mut taken: Vec<Option<usize>> = Vec::new();
    let mut pick = |user_col: &Option<String>, what: &str, names: &[&str], taken: &mut Vec<_>| {
        let col = named(&headers, raw, user_col, what, &mut problems)
            .unwrap_or_else(|| find(&headers, names, taken));
        taken.push(col);
        col
    };
    let id = pick(&user.id, "ids", ID_NAMES, &mut taken);
    let manager = pick(&user.manager, "managers", MANAGER_NAMES, &mut taken);
    let name = pick(&user.name, "names", NAME_NAMES, &mut taken);
    let title = pick(&user.title, "job titles", TITLE_NAMES, &mut taken);
    let team = pick(&user.team, "teams", TEAM_NAMES, &mut taken);
    // First and last names in columns of their own; a column headed just "Name" beside a
    // last-name column holds first names (`name` + `lastName`).
    let last_found = find(&headers, LAST_NAMES, &taken);
    let (name, first, last) = match name {
        None => (None, find(&headers, FIRST_NAMES, &taken), last_found),
        Some(n)
            if user.name.is_none()
                && last_found.is_some()
                && headers.get(n).is_some_and(|h| h == "name") =>
        {
            (None, Some(n), last_found)
        }
        Some(n) => (Some(n), None, None),
    };
    let vacant = find(&headers, VACANT_NAMES, &taken);
    let external = find(&headers, EXTERNAL_NAMES, &taken);
    let skills = find(&headers, SKILL_NAMES, &taken);
    let status = find(&headers, STATUS_NAMES, &taken);
    let left_flag = find(&headers, LEFT_FLAG_NAMES, &taken);
    let end_date = find(&headers, END_DATE_NAMES, &taken);
    let dotted = find(&headers, DOTTED_NAMES, &taken);
    let path = find(&headers, PATH_NAMES, &taken);
    let levels = level_columns(&headers);
    let post_ids = id.is_some_and(|c| POST_ID_NAMES.contains(&headers[c].as_str()));
    let holder = find(&headers, HOLDER_NAMES, &taken)
        .or_else(|| {
            post_ids
                .then(|| find(&headers, PERSON_ID_NAMES, &taken))
                .flatten()
        })
        .filter(|h| Some(*h) != manager);
    let co_holder = find(&headers, CO_HOLDER_NAMES, &taken);
    let fte = find(&headers, FTE_NAMES, &taken);
    let capacity = find(&headers, CAPACITY_NAMES, &taken);
    // A column the user named is the one; otherwise every header that may hold managers is a
    // candidate, and the one that links the most people wins.
    let mut managers: Vec<usize> = manager.into_iter().collect();
    if user.manager.is_none() {
        for (i, h) in headers.iter().enumerate() {
            let candidate =
                MANAGER_NAMES.contains(&h.as_str()) || MANAGER_NAME_NAMES.contains(&h.as_str());
            if candidate && !taken.contains(&Some(i)) && !managers.contains(&i) {
                managers.push(i);
            }
        }
    }
    if id.is_none()
        && manager.is_none()
        && path.is_none()
        && levels.is_empty()
        && problems.is_empty()
    {
        problems.push(Problem::new(
            "header row",
            format!(
                "cannot tell which column holds each person's id or manager. The columns are: {}. \
                 Name them with --id-column and --manager-column",
                column_list(raw)
            ),
        ));
    }
    if problems.is_empty() {
        Ok(Columns {
            id,
            name,
            first,
            last,
            title,
            team,
            managers,
            vacant,
            external,
            skills,
            status,
            left_flag,
            end_date,
            dotted,
            path,
            levels,
            post_ids,
            holder,
            fte,
            co_holder,
            capacity,
        })
    } else {
        Err(problems)
    }
}

/// A cell, trimmed, with control characters (terminal escapes, NUL…) dropped and the leading
/// apostrophe that protects formula-like text removed.
pub(crate) fn cell(record: &[String], column: Option<usize>) -> std::borrow::Cow<'_, str> {
    let text = column
        .and_then(|c| record.get(c))
        .map_or("", String::as_str)
        .trim();
    let text = match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    };
    if text.chars().any(char::is_control) {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        std::borrow::Cow::Owned(clean.trim().to_owned())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn truthy(text: &str) -> bool {
    matches!(
        normalise(text).as_str(),
        "true" | "yes" | "y" | "1" | "x" | "vacant"
    )
}

struct Row {
    number: usize,
    person: Person,
    /// The cell of each candidate manager column, in the order of `Columns::managers`.
    managers: Vec<String>,
    /// The dotted-line managers cell.
    dotted: String,
    /// The hierarchy path cell, when the file has a path column and no manager column.
    path: String,
    /// The level cells, top first, when the file has level columns and no manager column.
    levels: Vec<String>,
}

/// Imports people from CSV bytes. `org_name` names the org (usually the file's name).
///
/// Fails only when no usable column is found, the file is not CSV, no person can be read, or
/// reporting lines form a cycle; everything else is listed in [`CsvImport::problems`] and the
/// rest loads.
pub fn import_csv(
    bytes: &[u8],
    org_name: &str,
    user: &CsvColumns,
) -> Result<CsvImport, Vec<Problem>> {
    import_people(csv_table(bytes)?, org_name, user)
}

/// Imports people from a table (a CSV file or a workbook's sheet).
pub fn import_people(
    table: Table,
    org_name: &str,
    user: &CsvColumns,
) -> Result<CsvImport, Vec<Problem>> {
    let raw_headers = table.headers;
    let table_notes = table.notes;
    if user.id.is_none() && user.manager.is_none() && super::junior::is_junior_table(&raw_headers) {
        return Err(vec![Problem::new(
            "header row",
            "this file lists junior posts (a count in FTE of each grade under a senior post), not people. Open it together with its senior posts file: `orgflow analyze senior.csv junior.csv`, or in the window File ▸ Add junior posts… once the senior posts are open",
        )]);
    }
    let cols = detect(&raw_headers, user)?;
    let mut table_rows = table.rows;
    let snapshot_note = pick_snapshot(&mut table_rows, &raw_headers, user.as_of.as_deref())?;
    let named = named_organisation(&raw_headers, &table_rows);
    let used = [
        cols.id,
        cols.name,
        cols.first,
        cols.last,
        cols.title,
        cols.team,
        cols.vacant,
        cols.external,
        cols.skills,
        cols.dotted,
        cols.holder,
        cols.fte,
        cols.co_holder,
        cols.capacity,
        // orgflow's own status column (its words only) is read, not kept as a field as well.
        cols.status
            .filter(|&c| own_status_column(&table_rows, &raw_headers, c)),
    ];
    // Candidate manager columns stay extra fields until one is chosen.
    let extra_columns = extra_column_names(&raw_headers, &used);

    // Row problems with their row numbers, so the list can be shown in file order.
    let mut problems: Vec<(usize, Problem)> = table.problems;
    let mut rows: Vec<Row> = Vec::new();
    let mut first_row_of: HashMap<String, usize> = HashMap::new();
    // Ids without their invisible characters, with the first row and id that had each.
    let mut look_of: HashMap<String, (usize, String)> = HashMap::new();
    let mut look_alikes: Vec<Problem> = Vec::new();
    let today = crate::model::today();
    // How many people each column marked as gone, for the note.
    let mut left_because: std::collections::BTreeMap<String, usize> = Default::default();
    // Names withheld ("N/D"), and posts the file marks as eliminated (left out below).
    let mut withheld = 0usize;
    // Rows with an empty name (not open posts): shown by their title or id, and said.
    let mut unnamed: Vec<String> = Vec::new();
    // Names written "Last, First", shown first name first.
    let mut turned = 0usize;
    let own_csv = raw_headers
        .iter()
        .take(super::csv_export::BASE_HEADER.len())
        .map(String::as_str)
        .eq(super::csv_export::BASE_HEADER);
    let mut eliminated: Vec<(usize, String)> = Vec::new();
    // Where each id's row is in `rows`; posts given a second holder; second posts (row,
    // the person's id, the new post's id).
    let mut index_of: HashMap<String, usize> = HashMap::new();
    let mut shared: Vec<String> = Vec::new();
    let mut second_posts: Vec<(usize, String, String)> = Vec::new();
    for table_row in table_rows {
        let number = table_row.number;
        let record = table_row.cells;
        let place = format!("row {number}");
        if table.ragged && record.len() != raw_headers.len() {
            problems.push((
                number,
                Problem::new(
                    place,
                    format!(
                        "has {} cells but the header row has {}; skipped (a comma inside a cell needs quotes around the cell)",
                        record.len(),
                        raw_headers.len()
                    ),
                ),
            ));
            continue;
        }
        let id = match cols.id {
            Some(_) => cell(&record, cols.id).into_owned(),
            None => format!("row-{number}"),
        };
        if id.is_empty() {
            problems.push((number, Problem::new(place, "has no id; skipped")));
            continue;
        }
        // Ids that differ only by characters nobody can see are two people who look like one.
        let look: String = id
            .chars()
            .filter(|&c| !crate::model::is_invisible(c))
            .collect();
        if let Some((row, other)) = look_of.get(&look)
            && *other != id
        {
            look_alikes.push(Problem::new(
                place.clone(),
                format!(
                    "the id “{}” looks the same as “{}” on row {row} but differs by a character that does not show ({}); make them one id, or two that look different",
                    visible(&id),
                    visible(other),
                    invisible_names(&id, other)
                ),
            ));
        }
        let repeat = first_row_of.get(&id).copied();
        let mut name = cell(&record, cols.name).into_owned();
        if cols.name.is_none() {
            name = [cell(&record, cols.first), cell(&record, cols.last)]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_ref())
                .collect::<Vec<&str>>()
                .join(" ");
        }
        // "King, Janet M" is shown as "Janet M King"; the name as written is kept. orgflow's own
        // CSV holds names as the team file had them, so a round trip keeps them exactly.
        let as_written = (!own_csv)
            .then(|| crate::model::names::first_name_first(&name))
            .flatten()
            .map(|turned| std::mem::replace(&mut name, turned));
        if as_written.is_some() {
            turned += 1;
        }
        let title = cell(&record, cols.title).into_owned();
        let fte = match cols.fte {
            Some(_) => match fte_text(&cell(&record, cols.fte)) {
                Ok(f) => f,
                Err(why) => {
                    problems.push((number, Problem::new(place.clone(), why)));
                    None
                }
            },
            None => None,
        };
        let capacity_hours = match cols.capacity.map(|_| cell(&record, cols.capacity)) {
            None => None,
            Some(text) if text.trim().is_empty() => None,
            Some(text) => match text.trim().replace(',', ".").parse::<f64>() {
                Ok(h) if h > 0.0 && h <= crate::model::MAX_WEEK_HOURS => Some(h),
                _ => {
                    problems.push((
                        number,
                        Problem::new(
                            place.clone(),
                            format!(
                                "the hours a week for decisions “{}” are not a number above 0 and at most {}; the default is used",
                                text.trim(),
                                crate::format::trim_number(crate::model::MAX_WEEK_HOURS)
                            ),
                        ),
                    ));
                    None
                }
            },
        };
        let holder = Some(cell(&record, cols.holder).into_owned()).filter(|h| !h.is_empty());
        let mut id = id;
        if let Some(first) = repeat {
            let earlier = index_of.get(&id).map(|&k| &mut rows[k]);
            match earlier {
                // A post named twice with another holder: a job share.
                Some(post)
                    if cols
                        .co_holder
                        .is_some_and(|_| truthy(&cell(&record, cols.co_holder)))
                        && !name.is_empty() =>
                {
                    post.person.co_holders.push(crate::model::CoHolder {
                        name,
                        fte,
                        holder,
                        extra: Extra::new(),
                    });
                    continue;
                }
                Some(post)
                    if cols.post_ids
                        && !name.is_empty()
                        // Two withheld names ("N/D") are two people nobody named.
                        && (crate::model::is_withheld_name(&name)
                            || (normalise(&name) != normalise(&post.person.name)
                                && !post
                                    .person
                                    .co_holders
                                    .iter()
                                    .any(|c| normalise(&c.name) == normalise(&name)))) =>
                {
                    post.person.co_holders.push(crate::model::CoHolder {
                        name,
                        fte,
                        holder,
                        extra: Extra::new(),
                    });
                    shared.push(id.clone());
                    continue;
                }
                // The same person again in another post (an interim role): a post of its own,
                // held by them.
                Some(post)
                    if !cols.post_ids
                        && !name.is_empty()
                        && normalise(&name) == normalise(&post.person.name)
                        && (title != post.person.title
                            || post.managers
                                != cols
                                    .managers
                                    .iter()
                                    .map(|&c| cell(&record, Some(c)).into_owned())
                                    .collect::<Vec<_>>()) =>
                {
                    post.person.holder = Some(id.clone());
                    let mut k = 2;
                    while first_row_of.contains_key(&format!("{id}#{k}")) {
                        k += 1;
                    }
                    let own = format!("{id}#{k}");
                    second_posts.push((number, id.clone(), own.clone()));
                    id = own;
                }
                _ => {
                    problems.push((
                        number,
                        Problem::new(
                            place,
                            format!(
                                "the id “{id}” was already used on row {first}; this row was skipped"
                            ),
                        ),
                    ));
                    continue;
                }
            }
        }
        let holder = match second_posts.last() {
            Some((n, of, _)) if *n == number => Some(of.clone()),
            _ => holder,
        };
        first_row_of.insert(id.clone(), number);
        look_of.entry(look).or_insert_with(|| (number, id.clone()));
        // A post whose name says it was eliminated ('Eliminated', "ELIMINATED"…) is no post.
        if ELIMINATED_MARKERS.contains(&normalise(&name).as_str()) {
            eliminated.push((number, id.clone()));
        }
        // A column that says which posts are open is the only word on it; without one, a
        // name like "Vacant" or "Vacant - Chief Exec" marks the post.
        let vacant_as = vacant_name(&name);
        let vacant = match cols.vacant {
            Some(_) => truthy(&cell(&record, cols.vacant)),
            None => vacant_as.is_some(),
        };
        if crate::model::is_withheld_name(&name) {
            withheld += 1;
        }
        if name.is_empty() && !vacant && cols.name.is_some() {
            unnamed.push(id.clone());
        }
        if name.is_empty() || (cols.vacant.is_none() && vacant) {
            name = match vacant_as.filter(|_| title.is_empty()) {
                Some(post) if !post.is_empty() => post,
                _ if title.is_empty() => id.clone(),
                _ => title.clone(),
            };
        }
        let (status, why) = status_of(&record, &cols, today);
        if let Some(why) = why {
            *left_because.entry(why).or_default() += 1;
        }
        let skills = cell(&record, cols.skills)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let mut extra: Extra = extra_columns
            .iter()
            .filter_map(|(i, h)| {
                let value = cell(&record, Some(*i));
                (!value.is_empty()).then(|| (h.clone(), serde_json::Value::from(value.as_ref())))
            })
            .collect();
        if let Some(written) = as_written {
            extra
                .entry(NAME_AS_WRITTEN.to_owned())
                .or_insert_with(|| serde_json::Value::from(written));
        }
        let no_managers = cols.managers.is_empty();
        index_of.insert(id.clone(), rows.len());
        rows.push(Row {
            number,
            managers: cols
                .managers
                .iter()
                .map(|&c| cell(&record, Some(c)).into_owned())
                .collect(),
            dotted: cell(&record, cols.dotted).into_owned(),
            path: if no_managers {
                cell(&record, cols.path).into_owned()
            } else {
                String::new()
            },
            levels: if no_managers {
                cols.levels
                    .iter()
                    .map(|&c| cell(&record, Some(c)).into_owned())
                    .collect()
            } else {
                Vec::new()
            },
            person: Person {
                id: PersonId(id),
                name,
                title,
                team: cell(&record, cols.team).into_owned(),
                manager: None,
                dotted_managers: Vec::new(),
                vacant,
                external: cols
                    .external
                    .is_some_and(|_| truthy(&cell(&record, cols.external))),
                status,
                skills,
                holder,
                fte,
                co_holders: Vec::new(),
                capacity_hours,
                extra,
            },
        });
    }

    if !look_alikes.is_empty() {
        return Err(look_alikes);
    }
    if rows.is_empty() {
        problems.sort_by_key(|(row, _)| *row);
        let mut list: Vec<Problem> = problems.into_iter().map(|(_, p)| p).collect();
        list.insert(
            0,
            Problem::new(
                "",
                "no people could be read from this file: it has a header row but no usable rows",
            ),
        );
        return Err(list);
    }
    let mut notes = table_notes;
    notes.extend(snapshot_note);
    if turned > 0 {
        notes.push(format!(
            "{} written “Last, First” shown first name first (“King, Janet” as “Janet King”); the name as written is kept as “{NAME_AS_WRITTEN}”",
            crate::format::count(turned, "name", "names")
        ));
    }
    if withheld > 0 {
        notes.push(format!(
            "{} read as “name not disclosed” (N/D): their cards show the post's title",
            crate::format::count(withheld, "name", "names")
        ));
    }
    if !unnamed.is_empty() {
        let listed: Vec<&str> = unnamed.iter().take(5).map(String::as_str).collect();
        notes.push(format!(
            "{} no name in the column “{}”: shown by the job title, or the id without one ({}{})",
            if unnamed.len() == 1 {
                "1 row has".to_owned()
            } else {
                format!(
                    "{} rows have",
                    crate::format::thousands(unnamed.len() as f64)
                )
            },
            cols.name
                .and_then(|c| raw_headers.get(c))
                .map_or("", String::as_str),
            listed.join(", "),
            if unnamed.len() > 5 { ", …" } else { "" }
        ));
    }
    if !shared.is_empty() {
        shared.sort();
        shared.dedup();
        let holders: usize = rows.iter().map(|r| r.person.co_holders.len()).sum();
        notes.push(format!(
            "{} named on more than one row with another holder read as shared (a job share): {} more {} ({}); the post counts once in the hierarchy, and its load and rights are split over its holders by FTE",
            crate::format::count(shared.len(), "post", "posts"),
            holders,
            if holders == 1 { "holder" } else { "holders" },
            list_some(&shared, 5)
        ));
    }
    if !second_posts.is_empty() {
        let shown: Vec<String> = second_posts
            .iter()
            .map(|(n, of, own)| format!("row {n}: “{of}” as “{own}”"))
            .collect();
        notes.push(format!(
            "{} read as a second post of somebody already listed (the same id and name, another title or manager: an interim role) — {}; their loads and rights add up over their posts",
            crate::format::count(second_posts.len(), "row", "rows"),
            list_some(&shown, 5)
        ));
    }
    for (why, count) in &left_because {
        notes.push(format!(
            "{count} {} as {why}: they stay in the chart with their reports but hold no right and carry no load (--include-left counts people who left as here)",
            if *count == 1 { "person read" } else { "people read" }
        ));
    }
    // Who is who, by id and by name: built once for choosing the column and reading it.
    let directory = Directory::new(&rows);
    if cols.dotted.is_some() {
        notes.extend(resolve_dotted(&mut rows, &directory, &mut problems));
    }
    // Without a manager column, the hierarchy may be held as paths or level columns.
    let mut manager_columns = cols.managers.clone();
    let mut from_paths = None;
    if manager_columns.is_empty() {
        from_paths = paths_as_managers(&mut rows, &cols, &raw_headers, &directory);
        if from_paths.is_some() {
            manager_columns.push(FROM_PATHS);
        }
    }
    let choice = choose_manager_column(&rows, &manager_columns, &directory);
    let mut people = if let Some(choice) = choice {
        // A column that links nobody may hold something else (a department code): the
        // placeholders stand in, and the note says what to do if that is wrong.
        let nobody_found = choice.found == 0
            && rows
                .iter()
                .filter_map(|r| r.managers.get(choice.index))
                .any(|c| !c.is_empty() && !is_root_marker(c));
        let header = match &from_paths {
            Some((what, _)) if choice.column == FROM_PATHS => what.clone(),
            _ => raw_headers
                .get(choice.column)
                .map_or("", String::as_str)
                .to_owned(),
        };
        // The chosen column is the reporting line, not an extra field.
        if let Some((_, key)) = extra_columns.iter().find(|(i, _)| *i == choice.column) {
            for row in &mut rows {
                row.person.extra.remove(key);
            }
        }
        match &from_paths {
                Some((_, how)) if choice.column == FROM_PATHS => notes.push(format!(
                    "no manager column: the reporting lines are read from {header}, {how}: {} of {} people's managers found in the file",
                    choice.found,
                    rows.len()
                )),
                _ => notes.push(choice.describe(&header, rows.len(), cols.managers.len())),
            }
        if nobody_found {
            notes.push(format!(
                    "no manager in the column “{header}” is anybody in this file: each is shown as a placeholder above their reports. If the column holds something else (a department code), name the managers' column with --manager-column"
                ));
        }
        // A column of ids keeps an absent manager's id as written; a column of names
        // gets a made-up id for them.
        let ids = choice.by_name * 2 < choice.found;
        let mut own = Vec::new();
        directory.case_matches.set(0);
        let people = resolve_managers(
            &mut rows,
            &directory,
            choice.index,
            ids,
            &mut problems,
            &mut own,
        );
        let case = directory.case_matches.get();
        if case > 0
            && let Some((cell, id)) = directory.case_example.borrow().as_ref()
        {
            notes.push(format!(
                    "{} matched an id only without case (“{cell}” as “{id}”): ids that differ only by case are read as one where only one id has that spelling",
                    crate::format::count(case, "manager cell", "manager cells")
                ));
        }
        if !own.is_empty() {
            let more = own.len().saturating_sub(5);
            notes.push(format!(
                "{} as their own manager, read as top-level: {}{}",
                crate::format::count(own.len(), "row names itself", "rows name themselves"),
                own.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
        people
    } else {
        if rows.len() > 1 && user.manager.is_none() {
            notes.push(
                    "no column says who reports to whom (looked for Manager ID, Reports to, Supervisor, Parent, a hierarchy path and Level 1…Level N columns): everybody is read as top-level. Name the column with --manager-column if the file has one".to_owned(),
                );
        }
        rows.into_iter().map(|r| (r.number, r.person)).collect()
    };
    if !eliminated.is_empty() {
        notes.push(drop_eliminated(&mut people, &eliminated));
    }
    let row_numbers: Vec<usize> = people.iter().map(|(n, _)| *n).collect();
    // The organisation's own name, when a column gives it, rather than the file's.
    let org_name = match named {
        Some((name, column)) => {
            notes.push(format!(
                "named “{name}” after the column “{column}”, which every row that fills it says"
            ));
            name
        }
        None => org_name.to_owned(),
    };
    let org = Org {
        version: FORMAT_VERSION,
        name: org_name,
        people: people.drain(..).map(|(_, p)| p).collect(),
        ..Org::default()
    };
    let cycles: Vec<Problem> = crate::model::cycles(&org, &crate::model::person_index(&org))
        .into_iter()
        .map(|cycle| {
            let row = cycle
                .first()
                .and_then(|&i| row_numbers.get(i))
                .copied()
                .unwrap_or(0);
            Problem::new(
                format!("row {row}"),
                crate::model::cycle_message(&org, &cycle),
            )
        })
        .collect();
    if !cycles.is_empty() {
        return Err(cycles);
    }
    problems.sort_by_key(|(row, _)| *row);
    Ok(CsvImport {
        org,
        problems: problems.into_iter().map(|(_, p)| p).collect(),
        notes,
    })
}

/// Columns that date a whole row as a snapshot of the org (a file compiling several years).
const SNAPSHOT_NAMES: &[&str] = &[
    "snapshot",
    "snapshotdate",
    "asof",
    "asofdate",
    "effectivedate",
    "reportdate",
    "reportingdate",
    "extractdate",
    "datasetdate",
    "publicationdate",
    "date",
];

/// The date column that stacks several snapshots of the org in one file: its header, each
/// row's date, the distinct dates in order, and whether day-first was a guess.
struct SnapshotColumn {
    header: String,
    dates: Vec<Option<crate::model::Date>>,
    distinct: Vec<crate::model::Date>,
    day_first: bool,
    guessed: bool,
}

/// The snapshot column of a table, when it has one holding several dates. Snapshots date many
/// rows each; a column of dates nearly one per row (hired on, born on) is a fact about each
/// person, not a snapshot.
fn snapshot_column(rows: &[super::TableRow], raw_headers: &[String]) -> Option<SnapshotColumn> {
    let col = SNAPSHOT_NAMES
        .iter()
        .find_map(|w| raw_headers.iter().position(|h| normalise(h) == *w))?;
    let header = raw_headers.get(col).cloned().unwrap_or_default();
    let texts: Vec<std::borrow::Cow<'_, str>> =
        rows.iter().map(|r| cell(&r.cells, Some(col))).collect();
    let (day_first, guessed) = crate::model::day_first(texts.iter().map(AsRef::as_ref));
    let dates: Vec<Option<crate::model::Date>> = texts
        .iter()
        .map(|t| crate::model::parse_date(t, day_first))
        .collect();
    let mut distinct: Vec<crate::model::Date> = dates.iter().flatten().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 2 || distinct.len() * 3 > rows.len() {
        return None;
    }
    Some(SnapshotColumn {
        header,
        dates,
        distinct,
        day_first,
        guessed,
    })
}

/// " (every date could be read day or month first: read day first)" when that was a guess.
fn order_note(guessed: bool) -> &'static str {
    if guessed {
        " (every date could be read day or month first: read day first)"
    } else {
        ""
    }
}

/// "; 3 rows without a date left out", or nothing.
fn undated_note(dates: &[Option<crate::model::Date>]) -> String {
    let undated = dates.iter().filter(|d| d.is_none()).count();
    if undated == 0 {
        String::new()
    } else {
        format!(
            "; {} without a date left out",
            crate::format::count(undated, "row", "rows")
        )
    }
}

/// A table that stacks several snapshots of an org, split into one table a snapshot.
pub struct SnapshotTables {
    /// Each snapshot's date and rows, earliest first (the header and the file's notes on
    /// the first only).
    pub snapshots: Vec<(crate::model::Date, Table)>,
    /// What the split did: "13 snapshots in the column “Date”, 2010-03-31 to 2016-09-30 …".
    pub note: String,
}

/// Splits a table whose date column holds several snapshots into one table a snapshot;
/// gives the table back when it holds one snapshot or none.
pub fn split_snapshots(table: Table) -> Result<SnapshotTables, Table> {
    let Some(column) = snapshot_column(&table.rows, &table.headers) else {
        return Err(table);
    };
    let Table {
        headers,
        rows,
        problems,
        ragged,
        notes,
    } = table;
    let index: HashMap<crate::model::Date, usize> = column
        .distinct
        .iter()
        .enumerate()
        .map(|(k, d)| (*d, k))
        .collect();
    let mut snapshots: Vec<(crate::model::Date, Table)> = column
        .distinct
        .iter()
        .map(|d| {
            (
                *d,
                Table {
                    headers: headers.clone(),
                    rows: Vec::new(),
                    problems: Vec::new(),
                    ragged,
                    notes: Vec::new(),
                },
            )
        })
        .collect();
    if let Some((_, first)) = snapshots.first_mut() {
        first.problems = problems;
        first.notes = notes;
    }
    for (row, date) in rows.into_iter().zip(&column.dates) {
        if let Some((_, t)) = date
            .and_then(|d| index.get(&d))
            .and_then(|k| snapshots.get_mut(*k))
        {
            t.rows.push(row);
        }
    }
    let (first, last) = (
        column.distinct.first().copied(),
        column.distinct.last().copied(),
    );
    let note = format!(
        "{} snapshots in the column “{}”{}{}: each read as the org on its date{}",
        column.distinct.len(),
        column.header,
        first
            .zip(last)
            .map(|(f, l)| format!(", {f} to {l}"))
            .unwrap_or_default(),
        order_note(column.guessed),
        undated_note(&column.dates),
    );
    Ok(SnapshotTables { snapshots, note })
}

/// True for the note that says a file holds several snapshots and which one was read.
pub fn is_snapshot_note(note: &str) -> bool {
    note.contains(" snapshots in the column “") && note.contains("; showing ")
}

/// A file whose date column holds several dates stacks several snapshots of the org: keeps
/// the rows of the latest (or of `as_of`) and returns the note that says so. Nothing changes
/// for a file with one date or none; an `as_of` the file does not have is an error listing the
/// dates it has.
fn pick_snapshot(
    rows: &mut Vec<super::TableRow>,
    raw_headers: &[String],
    as_of: Option<&str>,
) -> Result<Option<String>, Vec<Problem>> {
    let Some(SnapshotColumn {
        header,
        dates,
        distinct,
        day_first,
        guessed,
    }) = snapshot_column(rows, raw_headers)
    else {
        return Ok(None);
    };
    let (Some(&first), Some(&last)) = (distinct.first(), distinct.last()) else {
        return Ok(None);
    };
    let wanted = match as_of {
        None => last,
        Some(text) => {
            let parsed = crate::model::parse_date(text, day_first);
            let Some(d) = parsed.filter(|d| distinct.contains(d)) else {
                let listed: Vec<String> =
                    distinct.iter().take(20).map(ToString::to_string).collect();
                return Err(vec![Problem::new(
                    "--as-of",
                    format!(
                        "there is no snapshot dated “{text}” in the column “{header}”; it has {}: {}{}",
                        distinct.len(),
                        listed.join(", "),
                        if distinct.len() > 20 { ", …" } else { "" }
                    ),
                )]);
            };
            d
        }
    };
    let total = rows.len();
    let mut k = 0;
    rows.retain(|_| {
        let keep = dates.get(k).copied().flatten() == Some(wanted);
        k += 1;
        keep
    });
    let undated = undated_note(&dates);
    let order = order_note(guessed);
    let other = if as_of.is_some() {
        "as asked"
    } else {
        "the latest; --as-of DATE for another"
    };
    Ok(Some(format!(
        "{} snapshots in the column “{header}”, {first} to {last}{order}; showing {wanted}, {other} ({} of {} rows{undated})",
        distinct.len(),
        crate::format::thousands(rows.len() as f64),
        crate::format::thousands(total as f64),
    )))
}

/// The extra field that keeps a name as the file wrote it when it is shown another way.
const NAME_AS_WRITTEN: &str = "name_as_written";

/// Names that mark a post as eliminated, compared as letters only (so `'Eliminated'`,
/// `Eliminated'` and `"ELIMINATED"` are all one).
const ELIMINATED_MARKERS: &[&str] = &["eliminated", "posteliminated", "abolished"];

/// For a name that marks an open post ("Vacant", "VACANT", "Vacant - Chief Exec", "Vacancy:
/// Head of HR"), the post it names after the marker ("Chief Exec"; empty for none).
fn vacant_name(name: &str) -> Option<String> {
    if VACANT_MARKERS.contains(&normalise(name).as_str()) {
        return Some(String::new());
    }
    let lower = name.trim().to_lowercase();
    let rest = ["vacancy", "vacant"]
        .iter()
        .find_map(|w| lower.strip_prefix(w))?;
    // "Vacant" must be a word of its own: "Vacantly" is nobody's post.
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let skip = name.trim().len() - rest.len();
    let post = name.trim().get(skip..).unwrap_or("");
    Some(
        post.trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches([')', ']'])
            .trim()
            .to_owned(),
    )
}

/// Leaves out the posts marked eliminated; their reports go to the nearest post above that
/// was not. Returns the note that says so.
fn drop_eliminated(people: &mut Vec<(usize, Person)>, eliminated: &[(usize, String)]) -> String {
    let gone: std::collections::HashSet<&str> =
        eliminated.iter().map(|(_, id)| id.as_str()).collect();
    let manager_of: HashMap<String, Option<PersonId>> = people
        .iter()
        .filter(|(_, p)| gone.contains(p.id.as_str()))
        .map(|(_, p)| (p.id.0.clone(), p.manager.clone()))
        .collect();
    let mut moved = 0usize;
    for (_, p) in people.iter_mut() {
        let mut steps = 0;
        while let Some(m) = p.manager.as_ref().filter(|m| gone.contains(m.as_str())) {
            // A chain of eliminated posts is at most all of them long (a cycle is refused later).
            if steps > gone.len() {
                break;
            }
            p.manager = manager_of.get(m.as_str()).cloned().flatten();
            steps += 1;
        }
        if steps > 0 && !gone.contains(p.id.as_str()) {
            moved += 1;
        }
    }
    people.retain(|(_, p)| !gone.contains(p.id.as_str()));
    let listed: Vec<String> = eliminated
        .iter()
        .take(5)
        .map(|(row, id)| format!("post {id} (row {row})"))
        .collect();
    let more = if eliminated.len() > 5 {
        format!(" and {} more", eliminated.len() - 5)
    } else {
        String::new()
    };
    let reports = if moved == 0 {
        String::new()
    } else {
        format!(
            "; {} to the post above",
            if moved == 1 {
                "its 1 report now reports".to_owned()
            } else {
                format!("their {moved} reports now report")
            }
        )
    };
    format!(
        "{} marked “Eliminated” left out: {}{more}{reports}",
        crate::format::count(eliminated.len(), "post", "posts"),
        listed.join(", ")
    )
}

/// Whether a row's person is still here, and if not, which column said so ("having left
/// (column “Termd”)"), read from the status words, the leaver flag and the end date, in
/// that order.
fn status_of(
    record: &[String],
    cols: &Columns,
    today: (i32, u32, u32),
) -> (Status, Option<String>) {
    if cols.status.is_some() {
        let word = normalise(&cell(record, cols.status));
        if let Some(status) = status_word(&word) {
            let what = match status {
                Status::Left => "having left",
                Status::Away => "away",
                _ => "placeholders or eliminated posts",
            };
            return (status, Some(format!("{what} (the status column)")));
        }
    }
    if cols.left_flag.is_some() && truthy(&cell(record, cols.left_flag)) {
        return (
            Status::Left,
            Some("having left (the leaver flag column)".to_owned()),
        );
    }
    if cols.end_date.is_some()
        && let Some(date) = crate::model::parse_past_date(&cell(record, cols.end_date), today)
        && date
    {
        return (
            Status::Left,
            Some("having left (an end date in the past)".to_owned()),
        );
    }
    (Status::Active, None)
}

/// Whether column `c` is the status column orgflow writes: headed `status`, holding only the
/// words `active`, `left`, `placeholder` and `away`.
fn own_status_column(rows: &[super::TableRow], headers: &[String], c: usize) -> bool {
    headers.get(c).is_some_and(|h| normalise(h) == "status")
        && rows.iter().all(|r| {
            matches!(
                normalise(&cell(&r.cells, Some(c))).as_str(),
                "" | "active" | "left" | "placeholder" | "away"
            )
        })
}

/// What a status cell (normalised) says: left, a placeholder, or nothing to act on.
fn status_word(word: &str) -> Option<Status> {
    const LEFT: &[&str] = &[
        "terminat",
        "left",
        "leaver",
        "inactive",
        "resigned",
        "retired",
        "deceased",
        "former",
        "separated",
        "withdrawn",
        "dismissed",
        "exited",
    ];
    const PLACEHOLDER: &[&str] = &["eliminated", "placeholder", "abolished"];
    if word.is_empty() || word.starts_with("active") {
        return None;
    }
    // The word orgflow writes for somebody away in a scenario.
    if word == "away" {
        return Some(Status::Away);
    }
    if PLACEHOLDER.iter().any(|w| word.contains(w)) {
        Some(Status::Placeholder)
    } else if LEFT.iter().any(|w| word.contains(w)) {
        Some(Status::Left)
    } else {
        None
    }
}

/// The field names a person already has in a team file; a spare column must not take one.
const PERSON_FIELDS: &[&str] = &[
    "id",
    "name",
    "title",
    "team",
    "manager",
    "dotted_managers",
    "vacant",
    "external",
    "status",
    "skills",
];

/// The unused columns, each with a name of its own for the person's extra fields: a header that
/// is empty, repeats an earlier one, or is a field name a person already has (`title` beside a
/// `Job Title` column…) becomes "header (column N)", so no value is lost or written twice.
fn extra_column_names(headers: &[String], used: &[Option<usize>]) -> Vec<(usize, String)> {
    let mut taken: std::collections::HashSet<String> =
        PERSON_FIELDS.iter().map(|f| f.to_string()).collect();
    let mut out = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if used.contains(&Some(i)) {
            continue;
        }
        let base = if h.is_empty() { "column" } else { h.as_str() };
        let name = if taken.contains(&base.to_lowercase()) || h.is_empty() {
            format!("{base} (column {})", i + 1)
        } else {
            base.to_owned()
        };
        taken.insert(name.to_lowercase());
        out.push((i, name));
    }
    out
}

/// Names as people write them, compared without case, punctuation or the order of a
/// "Last, First" form: "Reyes, Dana M." and "dana m reyes" are the same key.
pub(crate) fn name_key(text: &str) -> String {
    let text = match text.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() && !last.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => text.to_owned(),
    };
    crate::model::nfc(&text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The same key without middle initials: "dana m reyes" → "dana reyes".
pub(crate) fn without_initials(key: &str) -> String {
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() <= 2 {
        return key.to_owned();
    }
    let (first, rest) = words.split_at(1);
    let (middle, last) = rest.split_at(rest.len() - 1);
    first
        .iter()
        .chain(middle.iter().filter(|w| w.chars().count() > 1))
        .chain(last)
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a manager cell says.
enum Manager {
    /// Nobody: the person is at the top.
    Top,
    /// This person (their id), and whether they were found by name.
    Person(String, bool),
    /// Somebody not in the file.
    Unknown,
}

/// Who a manager cell names: people by id, and by name keys (a key two people share is no one).
struct Directory {
    ids: std::collections::HashSet<String>,
    names: HashMap<String, Option<String>>,
    /// Ids without case, each to the one id it stands for (`None` when two ids share it).
    folded: HashMap<String, Option<String>>,
    /// Manager cells read as an id only without case, since the count was last reset.
    case_matches: std::cell::Cell<usize>,
    /// The first of them, as (cell, id), for the note.
    case_example: std::cell::RefCell<Option<(String, String)>>,
}

impl Directory {
    fn new(rows: &[Row]) -> Self {
        let mut names: HashMap<String, Option<String>> = HashMap::new();
        for row in rows {
            let key = name_key(&row.person.name);
            let short = without_initials(&key);
            for k in [key, short]
                .into_iter()
                .collect::<std::collections::BTreeSet<_>>()
            {
                names
                    .entry(k)
                    .and_modify(|e| {
                        if e.as_deref() != Some(row.person.id.as_str()) {
                            *e = None;
                        }
                    })
                    .or_insert_with(|| Some(row.person.id.0.clone()));
            }
        }
        let mut folded: HashMap<String, Option<String>> = HashMap::new();
        for row in rows {
            let id = &row.person.id.0;
            folded
                .entry(id.to_lowercase())
                .and_modify(|e| {
                    if e.as_ref() != Some(id) {
                        *e = None;
                    }
                })
                .or_insert_with(|| Some(id.clone()));
        }
        Self {
            ids: rows.iter().map(|r| r.person.id.0.clone()).collect(),
            names,
            folded,
            case_matches: std::cell::Cell::new(0),
            case_example: std::cell::RefCell::new(None),
        }
    }

    /// What a manager cell says: a person's id first (even `0` or `none`), then "top of the
    /// org" for a marker, then a person's name.
    fn read(&self, cell: &str) -> Manager {
        if self.ids.contains(cell) {
            return Manager::Person(cell.to_owned(), false);
        }
        if is_root_marker(cell) {
            return Manager::Top;
        }
        // The same id in another case ("ps1" for "PS1"), when it stands for one id only.
        if let Some(Some(id)) = self.folded.get(&cell.to_lowercase()) {
            self.case_matches.set(self.case_matches.get() + 1);
            self.case_example
                .borrow_mut()
                .get_or_insert_with(|| (cell.to_owned(), id.clone()));
            return Manager::Person(id.clone(), false);
        }
        match self.find(cell) {
            Some((id, named)) => Manager::Person(id, named),
            None => Manager::Unknown,
        }
    }

    /// The person a cell names, and whether it was by name.
    fn find(&self, cell: &str) -> Option<(String, bool)> {
        if self.ids.contains(cell) {
            return Some((cell.to_owned(), false));
        }
        let key = name_key(cell);
        if key.is_empty() {
            return None;
        }
        for k in [key.clone(), without_initials(&key)] {
            if let Some(Some(id)) = self.names.get(&k) {
                return Some((id.clone(), true));
            }
        }
        None
    }
}

/// Whether a manager cell means "top of the org". Call it only for a cell that is nobody's id.
fn is_root_marker(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.chars().any(char::is_alphanumeric) || ROOT_MARKERS.contains(&cell.to_lowercase().as_str())
}

/// An id with its invisible characters written out: "sa⟨U+200B⟩m".
fn visible(id: &str) -> String {
    id.chars()
        .map(|c| {
            if crate::model::is_invisible(c) {
                format!("⟨U+{:04X}⟩", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The invisible characters in either id, named.
fn invisible_names(a: &str, b: &str) -> String {
    let mut found: Vec<char> = a
        .chars()
        .chain(b.chars())
        .filter(|&c| crate::model::is_invisible(c))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
        .iter()
        .map(|&c| {
            let name = match c {
                '\u{200b}' => "a zero-width space",
                '\u{200c}' => "a zero-width non-joiner",
                '\u{200d}' => "a zero-width joiner",
                '\u{2060}' => "a word joiner",
                '\u{feff}' => "a byte-order mark",
                '\u{00ad}' => "a soft hyphen",
                _ => "an invisible mark",
            };
            format!("{name}, U+{:04X}", u32::from(c))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The manager column that links the most people, and how it did.
struct ManagerChoice {
    /// Index into the candidate columns.
    index: usize,
    /// Column index in the table.
    column: usize,
    /// People whose manager cell named somebody in the file.
    found: usize,
    /// …of whom by name.
    by_name: usize,
}

impl ManagerChoice {
    fn describe(&self, header: &str, people: usize, candidates: usize) -> String {
        let how = if self.by_name == 0 {
            String::new()
        } else if self.by_name == self.found {
            " (by name)".to_owned()
        } else {
            format!(" ({} by name)", self.by_name)
        };
        let among = if candidates > 1 {
            format!(", the best of {candidates} possible manager columns")
        } else {
            String::new()
        };
        format!(
            "managers from the column “{header}”{among}: {} of {people} people's managers found in the file{how}",
            self.found
        )
    }
}

fn choose_manager_column(
    rows: &[Row],
    columns: &[usize],
    directory: &Directory,
) -> Option<ManagerChoice> {
    columns
        .iter()
        .enumerate()
        .map(|(index, &column)| {
            let (mut found, mut by_name) = (0, 0);
            for row in rows {
                let cell = row.managers.get(index).map_or("", String::as_str);
                if cell == row.person.id.as_str() {
                    continue;
                }
                if let Manager::Person(id, named) = directory.read(cell)
                    && id != row.person.id.as_str()
                {
                    found += 1;
                    by_name += usize::from(named);
                }
            }
            ManagerChoice {
                index,
                column,
                found,
                by_name,
            }
        })
        // The most found wins; on a tie, the column found first (the most specific header).
        .max_by_key(|c| (c.found, std::cmp::Reverse(c.index)))
}

/// Sets each person's manager from the chosen column: an id, else a name; roots for markers
/// and self-references. A manager named but not in the file becomes one placeholder person,
/// marked external, so their reports stay together instead of scattering to the top.
fn resolve_managers(
    rows: &mut Vec<Row>,
    directory: &Directory,
    column: usize,
    ids: bool,
    problems: &mut Vec<(usize, Problem)>,
    own: &mut Vec<String>,
) -> Vec<(usize, Person)> {
    let mut placeholders: Vec<(usize, Person)> = Vec::new();
    let mut placeholder_of: HashMap<String, String> = HashMap::new();
    let mut taken: std::collections::HashSet<String> =
        rows.iter().map(|r| r.person.id.0.clone()).collect();
    for row in rows.iter_mut() {
        let cell = row.managers.get(column).map_or("", String::as_str).trim();
        if cell == row.person.id.as_str() {
            let who = row.person.display_name();
            own.push(if who == cell {
                format!("{cell} (row {})", row.number)
            } else {
                format!("{who} ({cell}, row {})", row.number)
            });
            continue;
        }
        match directory.read(cell) {
            Manager::Person(id, _) if id != row.person.id.as_str() => {
                row.person.manager = Some(PersonId(id));
            }
            Manager::Person(..) | Manager::Top => {}
            Manager::Unknown => {
                let key = name_key(cell);
                let id = placeholder_of.entry(key.clone()).or_insert_with(|| {
                    let base = if ids {
                        cell.to_owned()
                    } else {
                        format!("external-{}", key.replace(' ', "-"))
                    };
                    let mut id = base.clone();
                    let mut n = 2;
                    while taken.contains(&id) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    taken.insert(id.clone());
                    let name = match cell.split_once(',') {
                        Some((last, first)) if !first.trim().is_empty() => {
                            format!("{} {}", first.trim(), last.trim())
                        }
                        _ => cell.to_owned(),
                    };
                    placeholders.push((
                        row.number,
                        Person {
                            title: "Not in this file".to_owned(),
                            external: true,
                            ..Person::new(&id, &name)
                        },
                    ));
                    id
                });
                problems.push((
                    row.number,
                    Problem::new(
                        format!("row {}", row.number),
                        format!(
                            "{} reports to “{cell}”, who is not in this file; shown under a placeholder for them",
                            row.person.display_name()
                        ),
                    ),
                ));
                row.person.manager = Some(PersonId(id.clone()));
            }
        }
    }
    let mut people: Vec<(usize, Person)> = std::mem::take(rows)
        .into_iter()
        .map(|r| (r.number, r.person))
        .collect();
    people.extend(placeholders);
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_compared_without_case_or_punctuation() {
        assert_eq!(normalise("Reports to Senior Post"), "reportstoseniorpost");
        assert_eq!(normalise(" Employee-ID "), "employeeid");
        assert_eq!(normalise("Job/Team Function"), "jobteamfunction");
    }

    #[test]
    fn the_protecting_apostrophe_is_removed_only_before_formula_text() {
        let record: Vec<String> = ["'=SUM(A1)", "'quoted", " plain "]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(cell(&record, Some(0)), "=SUM(A1)");
        assert_eq!(cell(&record, Some(1)), "'quoted");
        assert_eq!(cell(&record, Some(2)), "plain");
        assert_eq!(cell(&record, Some(9)), "");
        assert_eq!(cell(&record, None), "");
    }

    #[test]
    fn names_match_in_any_order_case_and_with_or_without_initials() {
        assert_eq!(name_key("Reyes, Dana M."), "dana m reyes");
        assert_eq!(name_key("  DANA   M  REYES "), "dana m reyes");
        assert_eq!(without_initials("dana m reyes"), "dana reyes");
        assert_eq!(without_initials("dana reyes"), "dana reyes");
        assert_eq!(name_key("O'Brien, Seán"), "seán o brien");
    }

    #[test]
    fn detection_prefers_the_specific_header() {
        let raw: Vec<String> = [
            "Job/Team Function",
            "Job Title",
            "Unit",
            "Post Unique Reference",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let cols = detect(&raw, &CsvColumns::default()).expect("columns");
        assert_eq!(cols.title, Some(1));
        assert_eq!(cols.team, Some(2));
        assert_eq!(cols.id, Some(3));
        assert!(cols.managers.is_empty());
    }
}
