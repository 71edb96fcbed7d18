//! Checks a team file for every problem at once, so the user can fix them in one go.

use super::{FORMAT_VERSION, Org};
use super::{Map, Set, map_with_capacity};
use serde::Serialize;
use std::fmt;

/// One thing wrong with a file: where it is and what is wrong, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where in the file: "line 3, column 7", "row 12", "person “sam” (entry 4 in people)".
    pub place: String,
    /// What is wrong, in words an HR person follows.
    pub message: String,
}

impl Problem {
    /// A problem at a place.
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            place: place.into(),
            message: message.into(),
        }
    }
}

impl Problem {
    /// The kind of problem, for counting many alike: the message with what it quotes and its
    /// numbers left out ("“…” is neither a team nor a person in the org; left out").
    pub fn kind(&self) -> String {
        let mut out = String::new();
        let mut quoted = false;
        let mut last_digit = false;
        for c in self.message.chars() {
            match c {
                '“' => {
                    quoted = true;
                    out.push_str("“…");
                }
                '”' => {
                    quoted = false;
                    out.push('”');
                }
                _ if quoted => {}
                c if c.is_ascii_digit() || (last_digit && c == ',') => {
                    if !last_digit {
                        out.push('N');
                    }
                    last_digit = true;
                    continue;
                }
                c => out.push(c),
            }
            last_digit = false;
        }
        out
    }
}

/// Many problems summarised: the first `shown` as they are, then the rest counted by kind,
/// the most common first ("and 9,950 more like this: 9,950 × “…” is neither a team…").
pub fn summarise(problems: &[Problem], shown: usize) -> (Vec<String>, Option<String>) {
    let lines = problems
        .iter()
        .take(shown)
        .map(ToString::to_string)
        .collect();
    let rest = problems.get(shown..).unwrap_or_default();
    if rest.is_empty() {
        return (lines, None);
    }
    let mut kinds: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in rest {
        *kinds.entry(p.kind()).or_default() += 1;
    }
    let mut kinds: Vec<(String, usize)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let listed: Vec<String> = kinds
        .iter()
        .take(5)
        .map(|(kind, n)| format!("{} × {kind}", thousands(*n as f64)))
        .collect();
    let mut text = format!(
        "and {} more like this: {}",
        thousands(rest.len() as f64),
        listed.join("; ")
    );
    if kinds.len() > 5 {
        text.push_str(&format!("; and {} other kinds", kinds.len() - 5));
    }
    (lines, Some(text))
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

fn person_place(index: usize, id: &str) -> String {
    if id.is_empty() {
        format!("person {} in “people”", index + 1)
    } else {
        format!("person “{id}” (entry {} in “people”)", index + 1)
    }
}

fn decision_place(index: usize, id: &str) -> String {
    if id.is_empty() {
        format!("decision {} in “decisions”", index + 1)
    } else {
        format!("decision “{id}” (entry {} in “decisions”)", index + 1)
    }
}

/// Every problem in `org`, in file order; empty when the org is sound.
///
/// A decision domain nobody decides is allowed: it is a finding of the analysis, not an error.
pub fn validate(org: &Org) -> Vec<Problem> {
    let mut problems = Vec::new();
    if org.version == 0 {
        problems.push(Problem::new(
            "top of the file",
            "this is not an orgflow team file: it lacks the line \"orgflow\": 1 that marks one",
        ));
    } else if org.version > FORMAT_VERSION {
        problems.push(Problem::new(
            "top of the file",
            format!(
                "this file was saved by a newer orgflow (format {}); this version reads format {FORMAT_VERSION}. Please update orgflow",
                org.version
            ),
        ));
    }

    let mut index: Map<&str, usize> = map_with_capacity(org.people.len());
    let mut teams: Set<&str> = Set::default();
    for (i, person) in org.people.iter().enumerate() {
        let id = person.id.as_str();
        if id.trim().is_empty() {
            problems.push(Problem::new(person_place(i, ""), "has no id"));
            continue;
        }
        if person.name.trim().is_empty() && !person.vacant {
            problems.push(Problem::new(
                person_place(i, id),
                "has no name (an open position can have none if it is marked \"vacant\": true)",
            ));
        }
        if let Some(&first) = index.get(id) {
            problems.push(Problem::new(
                person_place(i, id),
                format!(
                    "the id “{id}” is already used by entry {} in “people”; every person needs their own id",
                    first + 1
                ),
            ));
        } else {
            index.insert(id, i);
        }
        if !person.team.is_empty() {
            teams.insert(person.team.as_str());
        }
    }

    for (i, person) in org.people.iter().enumerate() {
        let Some(manager) = &person.manager else {
            continue;
        };
        // The place is written only for a problem: a million people, a million strings.
        let place = || person_place(i, person.id.as_str());
        if manager == &person.id {
            problems.push(Problem::new(
                place(),
                format!(
                    "{} is listed as their own manager; leave “manager” out for a top-level person",
                    person.display_name()
                ),
            ));
        } else if !index.contains_key(manager.as_str()) {
            problems.push(Problem::new(
                place(),
                format!(
                    "{} reports to “{manager}”, but nobody in “people” has that id",
                    person.display_name()
                ),
            ));
        }
    }

    problems.extend(reporting_cycles(org, &index));

    let mut decision_ids: Map<&str, usize> = map_with_capacity(org.decisions.len());
    for (i, decision) in org.decisions.iter().enumerate() {
        let id = decision.id.as_str();
        let place = decision_place(i, id);
        if id.trim().is_empty() {
            problems.push(Problem::new(place.clone(), "has no id"));
        } else if let Some(&first) = decision_ids.get(id) {
            problems.push(Problem::new(
                place.clone(),
                format!(
                    "the id “{id}” is already used by entry {} in “decisions”",
                    first + 1
                ),
            ));
        } else {
            decision_ids.insert(id, i);
        }
        if decision.name.trim().is_empty() {
            problems.push(Problem::new(place.clone(), "has no name"));
        }
        if !(0.0..=MAX_PER_MONTH).contains(&decision.per_month) {
            problems.push(Problem::new(
                place.clone(),
                format!(
                    "“per_month” is {}, but it must be a number of times a month from 0 to {}",
                    number(decision.per_month),
                    thousands(MAX_PER_MONTH)
                ),
            ));
        }
        if let Some(hours) = decision.hours
            && !(hours > 0.0 && hours <= MAX_HANDLING_HOURS)
        {
            problems.push(Problem::new(
                place.clone(),
                format!(
                    "“hours” is {}, but it must be the hours one decision takes, above 0 and at most {}",
                    number(hours),
                    trim(MAX_HANDLING_HOURS)
                ),
            ));
        }
        for (role, ids) in [
            ("decides", &decision.decides),
            ("approves", &decision.approves),
            ("consulted", &decision.consulted),
        ] {
            for person in ids {
                if !index.contains_key(person.as_str()) {
                    problems.push(Problem::new(
                        place.clone(),
                        format!("“{role}” names “{person}”, but nobody in “people” has that id"),
                    ));
                }
            }
        }
        let raisers: std::collections::BTreeSet<&String> =
            decision.raised_by.iter().flatten().collect();
        for raiser in raisers {
            if !index.contains_key(raiser.as_str()) && !teams.contains(raiser.as_str()) {
                problems.push(Problem::new(
                    place.clone(),
                    format!(
                        "“raised_by” names “{raiser}”, which is neither a team nor a person id in this file"
                    ),
                ));
            }
        }
    }

    for (i, person) in org.people.iter().enumerate() {
        for dotted in &person.dotted_managers {
            let place = || person_place(i, person.id.as_str());
            if dotted == &person.id {
                problems.push(Problem::new(
                    place(),
                    format!(
                        "{} is listed as their own dotted-line manager",
                        person.display_name()
                    ),
                ));
            } else if !index.contains_key(dotted.as_str()) {
                problems.push(Problem::new(
                    place(),
                    format!("the dotted-line manager “{dotted}” is nobody in “people”"),
                ));
            }
        }
    }

    for (i, link) in org.links.iter().enumerate() {
        let place = || format!("link {} in “links”", i + 1);
        for (end, id) in [("from", &link.from), ("to", &link.to)] {
            if !index.contains_key(id.as_str()) {
                problems.push(Problem::new(
                    place(),
                    format!("“{end}” is “{id}”, but nobody in “people” has that id"),
                ));
            }
        }
        if link.from == link.to {
            problems.push(Problem::new(
                place(),
                format!("links “{}” to themself", link.from),
            ));
        }
        if !(0.0..=MAX_WEIGHT).contains(&link.weight) {
            problems.push(Problem::new(
                place(),
                format!(
                    "“weight” is {}, but it must be a number from 0 to {}",
                    number(link.weight),
                    thousands(MAX_WEIGHT)
                ),
            ));
        }
    }

    // Holders: a share of a full-time post each, and a name for everybody sharing one.
    for (i, person) in org.people.iter().enumerate() {
        let place = || person_place(i, person.id.as_str());
        if let Some(c) = person.capacity_hours
            && !(c > 0.0 && c <= MAX_WEEK_HOURS)
        {
            problems.push(Problem::new(
                place(),
                format!(
                    "“capacity_hours” is {}, but it must be the hours a week they have for decisions, above 0 and at most {}",
                    number(c),
                    trim(MAX_WEEK_HOURS)
                ),
            ));
        }
        let bad_fte = |f: Option<f64>| f.is_some_and(|f| !(f > 0.0 && f <= 1.0));
        if bad_fte(person.fte) {
            problems.push(Problem::new(
                place(),
                format!(
                    "“fte” is {}, but it must be a share of a full-time post above 0 and at most 1",
                    number(person.fte.unwrap_or_default())
                ),
            ));
        }
        if person.holder.as_deref() == Some("") {
            problems.push(Problem::new(
                place(),
                "“holder” is empty: leave it out, or name who holds the post",
            ));
        }
        for (k, c) in person.co_holders.iter().enumerate() {
            if c.name.trim().is_empty() {
                problems.push(Problem::new(
                    place(),
                    format!("co-holder {} has no name", k + 1),
                ));
            }
            if bad_fte(c.fte) {
                problems.push(Problem::new(
                    place(),
                    format!(
                        "co-holder {} (“{}”) has “fte” {}, but it must be a share of a full-time post above 0 and at most 1",
                        k + 1,
                        c.name,
                        number(c.fte.unwrap_or_default())
                    ),
                ));
            }
        }
    }

    for (i, group) in org.junior_posts.iter().enumerate() {
        let place = || format!("entry {} in “junior_posts”", i + 1);
        if !index.contains_key(group.reports_to.as_str()) {
            problems.push(Problem::new(
                place(),
                format!(
                    "“reports_to” is “{}”, but nobody in “people” has that id",
                    group.reports_to
                ),
            ));
        }
        if !(0.0..=MAX_FTE).contains(&group.fte) {
            problems.push(Problem::new(
                place(),
                format!(
                    "“fte” is {}, but it must be a number from 0 to {}",
                    number(group.fte),
                    thousands(MAX_FTE)
                ),
            ));
        }
    }

    problems.extend(threshold_problems(org));
    problems
}

/// The most full-time equivalents one row of junior posts can hold; more is a typing mistake.
pub const MAX_FTE: f64 = 1_000_000.0;

fn threshold_problems(org: &Org) -> Vec<Problem> {
    let mut out: Vec<Problem> = check_thresholds(&org.thresholds)
        .into_iter()
        .map(|message| Problem::new("“thresholds”", message))
        .collect();
    out.extend(
        check_queue(&org.queue)
            .into_iter()
            .map(|message| Problem::new("“queue”", message)),
    );
    out
}

/// The longest one decision can take one person, in hours: a working month.
pub const MAX_HANDLING_HOURS: f64 = 200.0;
/// The most hours in a week.
pub const MAX_WEEK_HOURS: f64 = 168.0;

/// What is wrong with these queue settings, one sentence each; used for files and flags alike.
pub fn check_queue(q: &super::QueueOverrides) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check =
        |name: &str, value: Option<f64>, low: f64, high: f64, open: bool, what: &str| {
            let Some(v) = value else {
                return;
            };
            let fits = if open {
                v > low && v <= high
            } else {
                v >= low && v <= high
            };
            if !fits {
                let range = if open {
                    format!("above {} and at most {}", trim(low), trim(high))
                } else {
                    format!("from {} to {}", trim(low), trim(high))
                };
                problems.push(format!(
                    "“{name}” is {}, but it must be {what}, {range}",
                    number(v)
                ));
            }
        };
    let week = "hours a week for decisions";
    check(
        "manager_hours",
        q.manager_hours,
        0.0,
        MAX_WEEK_HOURS,
        true,
        week,
    );
    check(
        "other_hours",
        q.other_hours,
        0.0,
        MAX_WEEK_HOURS,
        true,
        week,
    );
    for (title, &hours) in &q.by_title {
        check(
            &format!("by_title “{title}”"),
            Some(hours),
            0.0,
            MAX_WEEK_HOURS,
            true,
            week,
        );
    }
    check(
        "handling_hours",
        q.handling_hours,
        0.0,
        MAX_HANDLING_HOURS,
        true,
        "the hours one decision takes",
    );
    check(
        "week_hours",
        q.week_hours,
        0.0,
        MAX_WEEK_HOURS,
        true,
        "the working hours in a week",
    );
    check(
        "day_hours",
        q.day_hours,
        0.0,
        24.0,
        true,
        "the working hours in a day",
    );
    check(
        "arrival_cv",
        q.arrival_cv,
        0.0,
        10.0,
        false,
        "a coefficient of variation",
    );
    check(
        "service_cv",
        q.service_cv,
        0.0,
        10.0,
        false,
        "a coefficient of variation",
    );
    problems
}

/// The most often a decision can come up in a month; more is a typing mistake.
pub const MAX_PER_MONTH: f64 = 1_000_000.0;
/// The heaviest a peer link can be.
pub const MAX_WEIGHT: f64 = 1_000_000_000.0;

/// The ranges each threshold must be in, as (name, lowest, highest).
pub const THRESHOLD_RANGES: [(&str, f64, f64); 7] = [
    ("funnel_share", 0.0, 1.0),
    ("wide_span", 1.0, 100_000.0),
    ("target_span", 2.0, 1_000.0),
    ("extra_layers", 0.0, 100.0),
    ("single_holder_domains", 1.0, 100_000.0),
    ("high_hhi", 0.0, 10_000.0),
    ("informal_hub_share", 0.0, 1.0),
];

/// What is wrong with these thresholds, one sentence each; used for files and flags alike.
pub fn check_thresholds(t: &super::ThresholdOverrides) -> Vec<String> {
    let values = [
        t.funnel_share,
        t.wide_span.map(|v| v as f64),
        t.target_span.map(|v| v as f64),
        t.extra_layers.map(|v| v as f64),
        t.single_holder_domains.map(|v| v as f64),
        t.high_hhi,
        t.informal_hub_share,
    ];
    let mut problems = Vec::new();
    for ((name, low, high), value) in THRESHOLD_RANGES.iter().zip(values) {
        let Some(value) = value else {
            continue;
        };
        // A share or an HHI of exactly 0 would flag everybody: they must be above it.
        let open_below = matches!(*name, "funnel_share" | "high_hhi" | "informal_hub_share");
        let fits = if open_below {
            value > *low && value <= *high
        } else {
            value >= *low && value <= *high
        };
        if !fits {
            let range = if open_below {
                format!("above {} and at most {}", trim(*low), thousands(*high))
            } else {
                format!("from {} to {}", trim(*low), thousands(*high))
            };
            problems.push(format!(
                "“{name}” is {}, but it must be {range}",
                number(value)
            ));
        }
    }
    problems
}

fn trim(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        x.to_string()
    }
}

use crate::format::exact as number;
pub use crate::format::thousands;

/// Finds every reporting cycle and names the people in it, in reporting order.
fn reporting_cycles(org: &Org, index: &Map<&str, usize>) -> Vec<Problem> {
    cycles(org, index)
        .into_iter()
        .filter_map(|cycle| {
            let &first = cycle.first()?;
            Some(Problem::new(
                person_place(first, org.people[first].id.as_str()),
                cycle_message(org, &cycle),
            ))
        })
        .collect()
}

/// The problems a valid org can have after only person `moved`'s manager changed: none, or
/// the one [`validate`] would find first (their own manager, a manager nobody has as id, or the
/// reporting cycle the move closed). A search of the org per level above them, with no
/// index: a drag in a 100,000-person org need not check everybody else, who did not change.
/// `None` when the chain above is too long to walk so ([`validate`] then).
pub fn validate_move(org: &Org, moved: usize) -> Option<Vec<Problem>> {
    /// Levels walked up before the whole org is checked instead.
    const LEVELS: usize = 64;
    let Some(person) = org.people.get(moved) else {
        return Some(Vec::new());
    };
    let Some(manager) = &person.manager else {
        return Some(Vec::new());
    };
    let place = || person_place(moved, person.id.as_str());
    if manager == &person.id {
        return Some(vec![Problem::new(
            place(),
            format!(
                "{} is listed as their own manager; leave “manager” out for a top-level person",
                person.display_name()
            ),
        )]);
    }
    let find = |id: &super::PersonId| org.people.iter().position(|p| &p.id == id);
    if find(manager).is_none() {
        return Some(vec![Problem::new(
            place(),
            format!(
                "{} reports to “{manager}”, but nobody in “people” has that id",
                person.display_name()
            ),
        )]);
    }
    // Up from the new manager: back at the person is the circle the move closed.
    let mut path = vec![moved];
    let mut at = find(manager);
    while let Some(v) = at {
        if v == moved {
            return Some(vec![Problem::new(place(), cycle_message(org, &path))]);
        }
        if path.len() > LEVELS {
            return None;
        }
        path.push(v);
        at = org.people[v]
            .manager
            .as_ref()
            .filter(|m| *m != &org.people[v].id)
            .and_then(find);
    }
    Some(Vec::new())
}

/// The sentence that names the people of a reporting cycle (indices into `org.people`).
pub fn cycle_message(org: &Org, cycle: &[usize]) -> String {
    let mut names: Vec<String> = cycle
        .iter()
        .filter_map(|&p| org.people.get(p))
        .map(|person| format!("{} ({})", person.display_name(), person.id))
        .collect();
    if let Some(first) = names.first().cloned() {
        names.push(first);
    }
    format!(
        "reporting lines go round in a circle: {}. Someone in the circle must report outside it or be top-level",
        names.join(" reports to ")
    )
}

/// Every reporting cycle, each as person indices in reporting order, starting where it was
/// entered.
pub fn cycles(org: &Org, index: &Map<&str, usize>) -> Vec<Vec<usize>> {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let parent: Vec<Option<usize>> = org
        .people
        .iter()
        .map(|p| {
            p.manager
                .as_ref()
                .filter(|m| *m != &p.id)
                .and_then(|m| index.get(m.as_str()).copied())
        })
        .collect();
    let mut state = vec![UNSEEN; org.people.len()];
    let mut found = Vec::new();
    let mut path = Vec::new();
    for start in 0..org.people.len() {
        if state[start] != UNSEEN {
            continue;
        }
        path.clear();
        let mut at = Some(start);
        while let Some(v) = at {
            match state[v] {
                UNSEEN => {
                    state[v] = ON_PATH;
                    path.push(v);
                    at = parent[v];
                }
                ON_PATH => {
                    let from = path.iter().position(|&p| p == v).unwrap_or(0);
                    found.push(path[from..].to_vec());
                    break;
                }
                _ => break,
            }
        }
        for &v in &path {
            state[v] = DONE;
        }
    }
    found
}

/// Person index by id (the first person with each id).
pub fn person_index(org: &Org) -> Map<&str, usize> {
    let mut index = map_with_capacity(org.people.len());
    for (i, p) in org.people.iter().enumerate() {
        index.entry(p.id.as_str()).or_insert(i);
    }
    index
}
