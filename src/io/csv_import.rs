//! Import of the people from a spreadsheet export (HR systems, UK government organograms…).
//!
//! Columns are found by their header names, ignoring case and punctuation; the user can name
//! them instead. Rows with problems are skipped or repaired and each is listed with its row
//! number; only a reporting cycle stops the import.

use crate::model::{Extra, FORMAT_VERSION, Org, Person, PersonId, Problem};
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
}

/// The result of an import: the org, and what had to be skipped or repaired.
#[derive(Clone, Debug)]
pub struct CsvImport {
    /// The people that loaded.
    pub org: Org,
    /// One entry per skipped or repaired row, with its row number.
    pub problems: Vec<Problem>,
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
    "from",
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
const VACANT_NAMES: &[&str] = &["vacant", "isvacant", "vacancy"];
const SKILL_NAMES: &[&str] = &["skills", "skill"];
/// Names that mark an open position rather than a person.
const VACANT_MARKERS: &[&str] = &["vacant", "vacancy", "vacantpost", "open", "tbc", "tbd"];
/// Manager cells that mean "top of the org" (unless a person really has that id).
const ROOT_MARKERS: &[&str] = &[
    "", "xx", "x", "none", "null", "na", "nil", "top", "root", "0",
];

/// Lower case, letters and digits only: "Reports to Senior Post" → "reportstoseniorpost".
fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text of the file: a byte-order mark names its encoding (UTF-8, or UTF-16 as Excel's
/// "Unicode text" writes); without one, UTF-8 when it is valid, UTF-16 when every other byte is
/// zero, and otherwise Windows-1252 (old Excel exports: `O’Brien`, `€`, smart quotes).
pub(crate) fn decode(bytes: &[u8]) -> String {
    use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return encoding.decode_without_bom_handling(rest).0.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .take(4096)
            .filter(|&&b| b == 0)
            .count()
    };
    let sample = bytes.len().min(8192) / 2;
    let encoding = if sample > 0 && zeros_at(1) * 10 > sample * 3 {
        UTF_16LE
    } else if sample > 0 && zeros_at(0) * 10 > sample * 3 {
        UTF_16BE
    } else if bytes.is_empty() {
        UTF_8
    } else {
        WINDOWS_1252
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Where a quote opens that never closes, as (spreadsheet row, line of the file): such a quote
/// would swallow the rest of the file into one cell. Quotes count only at the start of a cell,
/// as the CSV reader counts them.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<(usize, usize)> {
    let delimiter = char::from(delimiter);
    let (mut row, mut line) = (0usize, 1usize);
    let mut cell_start = true;
    let mut record_start = true;
    let mut open: Option<(usize, usize)> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if open.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    open = None;
                    cell_start = false;
                }
            }
            continue;
        }
        match c {
            '\n' => {
                cell_start = true;
                record_start = true;
            }
            '\r' => {}
            _ => {
                if record_start {
                    record_start = false;
                    row += 1;
                }
                if c == delimiter {
                    cell_start = true;
                } else {
                    if c == '"' && cell_start {
                        open = Some((row, line));
                    }
                    cell_start = false;
                }
            }
        }
    }
    open
}

/// The separator the header line uses most, outside quotes: comma, semicolon, tab or bar.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], 4 - i)).unwrap_or(0);
    candidates[best]
}

struct Columns {
    id: Option<usize>,
    name: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
    title: Option<usize>,
    team: Option<usize>,
    manager: Option<usize>,
    vacant: Option<usize>,
    skills: Option<usize>,
}

fn find(headers: &[String], wanted: &[&str], taken: &[Option<usize>]) -> Option<usize> {
    wanted.iter().find_map(|w| {
        headers
            .iter()
            .enumerate()
            .position(|(i, h)| h == w && !taken.contains(&Some(i)))
    })
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
    let (first, last) = if name.is_none() {
        (
            find(&headers, FIRST_NAMES, &taken),
            find(&headers, LAST_NAMES, &taken),
        )
    } else {
        (None, None)
    };
    let vacant = find(&headers, VACANT_NAMES, &taken);
    let skills = find(&headers, SKILL_NAMES, &taken);
    if id.is_none() && manager.is_none() && problems.is_empty() {
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
            manager,
            vacant,
            skills,
        })
    } else {
        Err(problems)
    }
}

/// A cell, trimmed, with control characters (terminal escapes, NUL…) dropped and the leading
/// apostrophe that protects formula-like text removed.
fn cell(record: &csv::StringRecord, column: Option<usize>) -> std::borrow::Cow<'_, str> {
    let text = column.and_then(|c| record.get(c)).unwrap_or("").trim();
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
    manager: String,
}

/// Imports people from CSV bytes. `org_name` names the org (usually the file's name).
///
/// Fails only when no usable column is found, the file is not CSV, or reporting lines form a
/// cycle; everything else is listed in [`CsvImport::problems`] and the rest loads.
pub fn import_csv(
    bytes: &[u8],
    org_name: &str,
    user: &CsvColumns,
) -> Result<CsvImport, Vec<Problem>> {
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err(vec![Problem::new("", "the file is empty")]);
    }
    let delimiter = sniff_delimiter(&text);
    if let Some((row, line)) = unclosed_quote(&text, delimiter) {
        return Err(vec![Problem::new(
            format!("row {row} (line {line})"),
            "a quote (\") opens a cell here and is never closed, so the rest of the file would be read as one cell; nothing was imported. Close the quote, or remove it",
        )]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let raw_headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => {
            return Err(vec![Problem::new(
                "header row",
                format!("cannot be read: {e}"),
            )]);
        }
    };
    let cols = detect(&raw_headers, user)?;
    let used = [
        cols.id,
        cols.name,
        cols.first,
        cols.last,
        cols.title,
        cols.team,
        cols.manager,
        cols.vacant,
        cols.skills,
    ];
    let extra_columns = extra_column_names(&raw_headers, &used);

    // Row problems with their row numbers, so the list can be shown in file order.
    let mut problems: Vec<(usize, Problem)> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut first_row_of: HashMap<String, usize> = HashMap::new();
    for (index, result) in reader.records().enumerate() {
        // The header is row 1, as in a spreadsheet.
        let number = index + 2;
        let place = format!("row {number}");
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let problem = Problem::new(place, format!("cannot be read ({e}); skipped"));
                problems.push((number, problem));
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != raw_headers.len() {
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
        if let Some(first) = first_row_of.get(&id) {
            problems.push((
                number,
                Problem::new(
                    place,
                    format!("the id “{id}” was already used on row {first}; this row was skipped"),
                ),
            ));
            continue;
        }
        first_row_of.insert(id.clone(), number);
        let mut name = cell(&record, cols.name).into_owned();
        if cols.name.is_none() {
            name = [cell(&record, cols.first), cell(&record, cols.last)]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_ref())
                .collect::<Vec<&str>>()
                .join(" ");
        }
        let title = cell(&record, cols.title).into_owned();
        let vacant = VACANT_MARKERS.contains(&normalise(&name).as_str())
            || cols
                .vacant
                .is_some_and(|_| truthy(&cell(&record, cols.vacant)));
        if name.is_empty() || VACANT_MARKERS.contains(&normalise(&name).as_str()) {
            name = if title.is_empty() {
                id.clone()
            } else {
                title.clone()
            };
        }
        let skills = cell(&record, cols.skills)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let extra: Extra = extra_columns
            .iter()
            .filter_map(|(i, h)| {
                let value = record.get(*i)?.trim();
                (!value.is_empty()).then(|| (h.clone(), serde_json::Value::from(value)))
            })
            .collect();
        rows.push(Row {
            number,
            manager: cell(&record, cols.manager).into_owned(),
            person: Person {
                id: PersonId(id),
                name,
                title,
                team: cell(&record, cols.team).into_owned(),
                manager: None,
                vacant,
                skills,
                extra,
            },
        });
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
    resolve_managers(&mut rows, &mut problems);
    let row_numbers: Vec<usize> = rows.iter().map(|r| r.number).collect();
    let org = Org {
        version: FORMAT_VERSION,
        name: org_name.to_owned(),
        people: rows.into_iter().map(|r| r.person).collect(),
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
    })
}

/// The field names a person already has in a team file; a spare column must not take one.
const PERSON_FIELDS: &[&str] = &["id", "name", "title", "team", "manager", "vacant", "skills"];

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

/// Turns manager cells into ids: an id, else a unique name; roots for markers and self-references.
fn resolve_managers(rows: &mut [Row], problems: &mut Vec<(usize, Problem)>) {
    let ids: std::collections::HashSet<String> =
        rows.iter().map(|r| r.person.id.0.clone()).collect();
    // A name that two people share cannot identify a manager.
    let mut by_name: HashMap<String, Option<String>> = HashMap::new();
    for row in rows.iter() {
        by_name
            .entry(row.person.name.to_lowercase())
            .and_modify(|e| *e = None)
            .or_insert_with(|| Some(row.person.id.0.clone()));
    }
    for row in rows.iter_mut() {
        let cell = row.manager.trim();
        if cell == row.person.id.as_str() {
            continue;
        }
        if ids.contains(cell) {
            row.person.manager = Some(PersonId(cell.to_owned()));
            continue;
        }
        if ROOT_MARKERS.contains(&normalise(cell).as_str()) {
            continue;
        }
        match by_name.get(&cell.to_lowercase()) {
            Some(Some(id)) if id != row.person.id.as_str() => {
                row.person.manager = Some(PersonId(id.clone()));
            }
            Some(Some(_)) => {}
            _ => problems.push((
                row.number,
                Problem::new(
                    format!("row {}", row.number),
                    format!(
                        "{} reports to “{cell}”, who is not in this file; placed at the top level",
                        row.person.display_name()
                    ),
                ),
            )),
        }
    }
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
    fn the_separator_is_the_one_the_header_uses_most() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter("Sender;Recipient;EventDate\n"), b';');
        assert_eq!(sniff_delimiter("\"a;b\",c\tx\ty"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
    }

    #[test]
    fn the_protecting_apostrophe_is_removed_only_before_formula_text() {
        let record = csv::StringRecord::from(vec!["'=SUM(A1)", "'quoted", " plain "]);
        assert_eq!(cell(&record, Some(0)), "=SUM(A1)");
        assert_eq!(cell(&record, Some(1)), "'quoted");
        assert_eq!(cell(&record, Some(2)), "plain");
        assert_eq!(cell(&record, Some(9)), "");
        assert_eq!(cell(&record, None), "");
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
        assert_eq!(cols.manager, None);
    }
}
