//! A decision log: one row per decision taken — purchase approvals, leave requests, pull-request
//! reviews, a board's decision register — with when it was raised, when it was decided and who
//! decided it, read against an org so that the queue model can be checked against what happened.
//!
//! Time between raised and decided is counted in working days: weekdays only, and within a day
//! only the working hours from 09:00 (as many as the org's working day has, 8 by default). A
//! decision raised on Friday and decided on Monday took 1 working day; one raised at 10:00 and
//! decided at 14:00 the same day took half of one. Dates without a time count from the start of
//! the day, so a decision raised and decided on the same date took 0 days.

use super::csv_import::normalise;
use super::links::PersonFinder;
use super::table::Table;
use crate::model::{Org, Problem};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use std::collections::HashMap;

/// The hour a working day starts, for counting working hours between two times.
pub const DAY_STARTS: f64 = 9.0;

/// One decision the log shows taken.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// Its row number in the file.
    pub row: usize,
    /// Who decided it (index into the org's people).
    pub person: u32,
    /// Its domain (index into the org's decisions), when the log names one the org has.
    pub domain: Option<u32>,
    /// When it was raised.
    pub raised: NaiveDateTime,
    /// When it was decided.
    pub decided: NaiveDateTime,
    /// Working days between the two.
    pub days: f64,
}

/// A decision log read against an org.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecisionLog {
    /// The decisions taken, in file order.
    pub entries: Vec<LogEntry>,
    /// Which column was read as what: ("decider", "Approved By").
    pub columns: Vec<(&'static str, String)>,
    /// Rows in the file (below the header).
    pub rows: usize,
    /// Decisions raised and not yet decided (an empty decided cell): not in the waits.
    pub open: usize,
    /// Working days the oldest open decision has waited, up to the log's last date.
    pub oldest_open_days: Option<f64>,
    /// Rows cancelled or withdrawn (by a status column): not decisions.
    pub cancelled: usize,
    /// The earliest time the log shows and the latest.
    pub span: Option<(NaiveDateTime, NaiveDateTime)>,
    /// Rows that could not be placed, with their row numbers and why.
    pub problems: Vec<Problem>,
    /// How the file was read, when a user might not expect it.
    pub notes: Vec<String>,
}

impl DecisionLog {
    /// Months the log covers (30.44 days each), at least one day's worth.
    pub fn months(&self) -> f64 {
        let seconds = self.span.map_or(0, |(a, b)| (b - a).num_seconds().max(0)) as f64;
        (seconds / 86_400.0).max(1.0) / (365.25 / 12.0)
    }

    /// One line for the user.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "{} read from {}",
            crate::format::count(self.entries.len(), "decision", "decisions"),
            crate::format::count(self.rows, "row", "rows")
        );
        if let Some((a, b)) = self.span {
            out.push_str(&format!(
                ", raised {} to {}",
                a.format("%Y-%m-%d"),
                b.format("%Y-%m-%d")
            ));
        }
        if self.open > 0 {
            out.push_str(&format!("; {} still open", self.open));
        }
        if self.cancelled > 0 {
            out.push_str(&format!("; {} cancelled", self.cancelled));
        }
        if !self.problems.is_empty() {
            out.push_str(&format!("; {} skipped", self.problems.len()));
        }
        out
    }
}

const DOMAIN_NAMES: &[&str] = &[
    "domain",
    "decision",
    "decisiontype",
    "category",
    "type",
    "requesttype",
    "kind",
    "area",
    "subject",
];
const RAISED_NAMES: &[&str] = &[
    "raised",
    "raisedat",
    "raisedon",
    "dateraised",
    "requested",
    "requestedat",
    "requestedon",
    "daterequested",
    "requestdate",
    "submitted",
    "submittedat",
    "submittedon",
    "datesubmitted",
    "created",
    "createdat",
    "createdon",
    "datecreated",
    "opened",
    "openedat",
    "start",
];
const DECIDED_NAMES: &[&str] = &[
    "decided",
    "decidedat",
    "decidedon",
    "datedecided",
    "decisiondate",
    "approved",
    "approvedat",
    "approvedon",
    "dateapproved",
    "approvaldate",
    "closed",
    "closedat",
    "resolved",
    "resolvedat",
    "completed",
    "completedat",
    "merged",
    "mergedat",
    "end",
];
const DECIDER_NAMES: &[&str] = &[
    "decidedby",
    "decider",
    "approvedby",
    "approver",
    "reviewedby",
    "reviewer",
    "resolvedby",
    "closedby",
    "owner",
    "who",
    "by",
];
const STATUS_NAMES: &[&str] = &[
    "status",
    "state",
    "outcome",
    "approvalstatus",
    "requeststatus",
];
/// Statuses of rows that are not decisions taken.
const NOT_DECISIONS: &[&str] = &["cancel", "withdrawn", "draft", "deleted", "void"];

/// Reads a decision log onto `org`. Deciders are found by id or by name (as managers are),
/// domains by id or name. Rows whose decider or domain the org lacks, whose dates cannot be
/// read or whose decision comes before it was raised are listed by row and left out.
pub fn read_decision_log(
    org: &Org,
    table: Table,
    day_hours: f64,
) -> Result<DecisionLog, Vec<Problem>> {
    let headers: Vec<String> = table.headers.iter().map(|h| normalise(h)).collect();
    let find = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h == n))
    };
    // A time's name, or it with "date" or "time" after or before ("Submitted Date").
    let find_time = |names: &[&str]| {
        find(names).or_else(|| {
            names.iter().find_map(|n| {
                headers.iter().position(|h| {
                    ["date", "time"]
                        .iter()
                        .any(|w| h.strip_suffix(w) == Some(n) || h.strip_prefix(w) == Some(n))
                })
            })
        })
    };
    let (raised_col, decided_col, decider_col) = (
        find_time(RAISED_NAMES),
        find_time(DECIDED_NAMES),
        find(DECIDER_NAMES),
    );
    let (Some(raised_col), Some(decided_col), Some(decider_col)) =
        (raised_col, decided_col, decider_col)
    else {
        let mut missing = Vec::new();
        if raised_col.is_none() {
            missing.push("when each decision was raised (“raised”, “requested”, “submitted”)");
        }
        if decided_col.is_none() {
            missing.push("when it was decided (“decided”, “approved”, “closed”)");
        }
        if decider_col.is_none() {
            missing.push("who decided it (“decided by”, “approver”, “reviewer”)");
        }
        return Err(vec![Problem::new(
            "header row",
            format!(
                "a decision log needs a column for {}. The columns are: {}",
                missing.join(", for "),
                table.headers.join(", ")
            ),
        )]);
    };
    let domain_col = find(DOMAIN_NAMES);
    let status_col = find(STATUS_NAMES);
    let header = |c: usize| table.headers.get(c).cloned().unwrap_or_default();
    let mut log = DecisionLog {
        rows: table.rows.len(),
        notes: table.notes.clone(),
        problems: table.problems.iter().map(|(_, p)| p.clone()).collect(),
        ..DecisionLog::default()
    };
    log.columns.push(("raised", header(raised_col)));
    log.columns.push(("decided", header(decided_col)));
    log.columns.push(("decider", header(decider_col)));
    if let Some(c) = domain_col {
        log.columns.push(("domain", header(c)));
    } else {
        log.notes.push(format!(
            "no column names each decision's domain (“domain”, “category”, “type”; the columns are {}): waits are measured per person only, and each decision counts {} hours of handling",
            table.headers.join(", "),
            crate::format::trim_number(org.queue_settings().handling_hours)
        ));
    }
    if let Some(c) = status_col {
        log.columns.push(("status", header(c)));
    }

    let people = PersonFinder::new(org);
    let mut domains: HashMap<String, Option<u32>> = HashMap::new();
    for (k, d) in org.decisions.iter().enumerate() {
        for key in [d.id.0.clone(), normalise(&d.id.0), normalise(&d.name)] {
            if key.is_empty() {
                continue;
            }
            domains
                .entry(key)
                .and_modify(|e| {
                    if *e != Some(k as u32) {
                        *e = None;
                    }
                })
                .or_insert(Some(k as u32));
        }
    }
    let domain_of = |cell: &str| -> Option<u32> {
        domains
            .get(cell)
            .or_else(|| domains.get(&normalise(cell)))
            .copied()
            .flatten()
    };

    let order = DateOrder::of(
        table
            .rows
            .iter()
            .flat_map(|r| [r.cells.get(raised_col), r.cells.get(decided_col)])
            .flatten()
            .map(String::as_str),
    );
    let mut serials = 0usize;
    let mut open: Vec<NaiveDateTime> = Vec::new();
    let mut latest: Option<NaiveDateTime> = None;
    let mut earliest: Option<NaiveDateTime> = None;
    for row in &table.rows {
        let cell = |c: usize| row.cells.get(c).map_or("", |s| s.trim());
        let place = format!("row {}", row.number);
        let skip = |why: String| Problem::new(place.clone(), format!("{why}; skipped"));
        if let Some(c) = status_col {
            let status = cell(c).to_lowercase();
            if NOT_DECISIONS.iter().any(|w| status.contains(w)) {
                log.cancelled += 1;
                continue;
            }
        }
        let who = cell(decider_col);
        let raised_text = cell(raised_col);
        let decided_text = cell(decided_col);
        let raised = match read_time(raised_text, order) {
            Ok((t, serial)) => {
                serials += usize::from(serial);
                t
            }
            Err(why) => {
                log.problems
                    .push(skip(format!("the raised date {}", why.words(raised_text))));
                continue;
            }
        };
        earliest = Some(earliest.map_or(raised, |e| e.min(raised)));
        latest = Some(latest.map_or(raised, |e| e.max(raised)));
        if decided_text.is_empty() {
            open.push(raised);
            log.open += 1;
            continue;
        }
        let decided = match read_time(decided_text, order) {
            Ok((t, serial)) => {
                serials += usize::from(serial);
                t
            }
            Err(why) => {
                log.problems.push(skip(format!(
                    "the decided date {}",
                    why.words(decided_text)
                )));
                continue;
            }
        };
        latest = Some(latest.map_or(decided, |e| e.max(decided)));
        if decided < raised {
            log.problems.push(skip(format!(
                "it says the decision was taken ({decided_text}) before it was raised ({raised_text})"
            )));
            continue;
        }
        if who.is_empty() {
            log.problems
                .push(skip("it does not say who decided".to_owned()));
            continue;
        }
        let Some(person) = people.find(who) else {
            log.problems.push(skip(format!(
                "“{who}” is not a person in the team file (people are matched by id or by name)"
            )));
            continue;
        };
        let domain = match domain_col.map(cell) {
            None => None,
            Some("") => {
                log.problems
                    .push(skip("it does not say which decision it was".to_owned()));
                continue;
            }
            Some(text) => {
                let Some(k) = domain_of(text) else {
                    log.problems.push(skip(format!(
                        "“{text}” is not a decision domain in the team file (domains are matched by id or by name)"
                    )));
                    continue;
                };
                Some(k)
            }
        };
        log.entries.push(LogEntry {
            row: row.number,
            person,
            domain,
            raised,
            decided,
            days: working_days(raised, decided, day_hours),
        });
    }
    log.span = earliest.zip(latest);
    if let Some(end) = latest {
        log.oldest_open_days = open
            .iter()
            .map(|&t| working_days(t, end, day_hours))
            .max_by(f64::total_cmp);
    }
    if order == DateOrder::DayFirstAssumed {
        log.notes.push(
            "dates such as 04/03/2026 were read day first (4 March 2026): no date in the log has a day above 12 to tell; if the system writes the month first, the waits are wrong — export the dates as 2026-03-04".to_owned(),
        );
    }
    if serials > 0 {
        log.notes.push(format!(
            "{} written as numbers were read as spreadsheet serial dates (46000 is 2025-12-09)",
            crate::format::count(serials, "date", "dates")
        ));
    }
    if log.entries.is_empty() {
        log.problems.insert(
            0,
            Problem::new("", "no decision in this log could be placed in the org"),
        );
        return Err(log.problems);
    }
    Ok(log)
}

/// Working days from `a` to `b`: weekdays only, and within a day only the `day_hours` working
/// hours from [`DAY_STARTS`].
pub fn working_days(a: NaiveDateTime, b: NaiveDateTime, day_hours: f64) -> f64 {
    let day_hours = if day_hours > 0.0 { day_hours } else { 8.0 };
    (working_hours_since_epoch(b, day_hours) - working_hours_since_epoch(a, day_hours)) / day_hours
}

/// Working hours from Monday 5 January 1970 to `t`.
fn working_hours_since_epoch(t: NaiveDateTime, day_hours: f64) -> f64 {
    let monday = NaiveDate::from_ymd_opt(1970, 1, 5).unwrap_or_default();
    let days = (t.date() - monday).num_days();
    let (weeks, weekday) = (days.div_euclid(7), days.rem_euclid(7));
    let weekdays_before = weeks * 5 + weekday.min(5);
    let within = if weekday < 5 {
        let hour = f64::from(t.num_seconds_from_midnight()) / 3600.0;
        (hour - DAY_STARTS).clamp(0.0, day_hours)
    } else {
        0.0
    };
    weekdays_before as f64 * day_hours + within
}

/// How a log writes dates with slashes or dots: day first, month first, or day first because
/// nothing told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateOrder {
    DayFirst,
    MonthFirst,
    DayFirstAssumed,
}

impl DateOrder {
    /// The order the cells' dates show: a first number above 12 is a day, a second above 12
    /// too.
    fn of<'a>(cells: impl Iterator<Item = &'a str>) -> Self {
        let (mut day_first, mut month_first, mut any) = (false, false, false);
        for cell in cells {
            let date = cell.split([' ', 'T']).next().unwrap_or("");
            let parts: Vec<&str> = date.split(['/', '.']).collect();
            if let [a, b, y] = parts.as_slice()
                && y.len() == 4
                && let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>())
            {
                any = true;
                day_first |= a > 12;
                month_first |= b > 12;
            }
        }
        match (day_first, month_first) {
            (_, true) if !day_first => Self::MonthFirst,
            (true, _) => Self::DayFirst,
            _ if any => Self::DayFirstAssumed,
            _ => Self::DayFirst,
        }
    }
}

/// Why a date could not be read.
enum BadDate {
    Empty,
    Unreadable,
}

impl BadDate {
    fn words(&self, text: &str) -> String {
        match self {
            Self::Empty => "is empty".to_owned(),
            Self::Unreadable => format!(
                "“{text}” is not a date orgflow can read (write it as 2026-09-14, 2026-09-14 10:30 or 14/09/2026)"
            ),
        }
    }
}

/// A time from a cell, and whether it was a spreadsheet serial number. Offsets (`+01:00`, `Z`)
/// are dropped: the working day is the one the time was written in.
fn read_time(text: &str, order: DateOrder) -> Result<(NaiveDateTime, bool), BadDate> {
    let text = text.trim();
    if text.is_empty() {
        return Err(BadDate::Empty);
    }
    if let Ok(serial) = text.parse::<f64>() {
        // Spreadsheets count days from 30 December 1899 (the 1900 date system, from March 1900).
        if (61.0..2_958_466.0).contains(&serial) {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .ok_or(BadDate::Unreadable)?;
            let seconds = (serial * 86_400.0).round() as i64;
            return Ok((base + chrono::Duration::seconds(seconds), true));
        }
        return Err(BadDate::Unreadable);
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok((t.naive_local(), false));
    }
    let dates: &[&str] = match order {
        DateOrder::MonthFirst => &["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%m.%d.%Y"],
        _ => &["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y"],
    };
    let named = ["%d %b %Y", "%d-%b-%Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y"];
    let times = [
        "",
        " %H:%M",
        " %H:%M:%S",
        "T%H:%M",
        "T%H:%M:%S",
        " %H:%M:%S%.f",
        "T%H:%M:%S%.f",
    ];
    // Excel's "Z" or an offset after an ISO time without seconds' fraction is read above.
    let text = text.strip_suffix('Z').unwrap_or(text);
    for date in dates.iter().chain(&named) {
        for time in times {
            let format = format!("{date}{time}");
            if time.is_empty() {
                if let Ok(d) = NaiveDate::parse_from_str(text, &format)
                    && let Some(t) = d.and_hms_opt(0, 0, 0)
                {
                    return Ok((t, false));
                }
            } else if let Ok(t) = NaiveDateTime::parse_from_str(text, &format) {
                return Ok((t, false));
            }
        }
    }
    Err(BadDate::Unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        read_time(text, DateOrder::DayFirst)
            .map(|t| t.0)
            .unwrap_or_default()
    }

    #[test]
    fn working_days_count_weekdays_and_working_hours() {
        // Friday to Monday: one working day.
        assert_eq!(working_days(at("2026-09-04"), at("2026-09-07"), 8.0), 1.0);
        // The same date: none.
        assert_eq!(working_days(at("2026-09-07"), at("2026-09-07"), 8.0), 0.0);
        // 10:00 to 14:00: half a working day.
        assert_eq!(
            working_days(at("2026-09-07 10:00"), at("2026-09-07 14:00"), 8.0),
            0.5
        );
        // 18:00 Monday to 10:00 Tuesday: one working hour.
        assert_eq!(
            working_days(at("2026-09-07 18:00"), at("2026-09-08 10:00"), 8.0),
            0.125
        );
        // Saturday to Monday morning: none; a whole week: five.
        assert_eq!(working_days(at("2026-09-05"), at("2026-09-07"), 8.0), 0.0);
        assert_eq!(working_days(at("2026-09-07"), at("2026-09-14"), 8.0), 5.0);
    }

    #[test]
    fn dates_in_the_forms_exports_write() {
        let iso = at("2026-09-14");
        assert_eq!(at("14/09/2026"), iso);
        assert_eq!(at("14.09.2026"), iso);
        assert_eq!(at("14 Sep 2026"), iso);
        assert_eq!(at("Sep 14, 2026"), iso);
        assert_eq!(at("2026-09-14T00:00:00Z"), iso);
        assert_eq!(at("2026-09-14T10:30:00+02:00"), at("2026-09-14 10:30"));
        assert_eq!(
            read_time("09/14/2026", DateOrder::MonthFirst)
                .map(|t| t.0)
                .ok(),
            Some(iso)
        );
        // A spreadsheet serial: 46279 is 2026-09-14.
        assert_eq!(
            read_time("46279", DateOrder::DayFirst).map(|t| t.0).ok(),
            Some(iso)
        );
        assert!(read_time("next week", DateOrder::DayFirst).is_err());
        assert!(read_time("31/02/2026", DateOrder::DayFirst).is_err());
    }

    #[test]
    fn the_order_of_slashed_dates_comes_from_the_log() {
        let order = |cells: &[&str]| DateOrder::of(cells.iter().copied());
        assert_eq!(order(&["14/09/2026", "01/10/2026"]), DateOrder::DayFirst);
        assert_eq!(
            order(&["09/14/2026 10:00", "10/01/2026"]),
            DateOrder::MonthFirst
        );
        assert_eq!(order(&["04/03/2026"]), DateOrder::DayFirstAssumed);
        assert_eq!(order(&["2026-03-04"]), DateOrder::DayFirst);
    }
}
