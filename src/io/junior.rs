//! A UK organogram's junior posts: one row per grade and job title under a senior post, with
//! a count in full-time equivalents (FTE). They attach to the senior posts of the team file as
//! counted groups, never as people.

use super::csv_import::{cell, normalise};
use super::table::Table;
use crate::model::{JuniorPosts, MAX_FTE, Org, PersonId, Problem};
use std::collections::HashMap;

/// The senior post a row reports to.
const SENIOR_NAMES: &[&str] = &[
    "reportingseniorpost",
    "reportstoseniorpost",
    "seniorpost",
    "reportsto",
    "reportingto",
    "manager",
    "managerid",
];
/// How many posts the row counts.
const FTE_NAMES: &[&str] = &[
    "numberofpostsinfte",
    "numberofposts",
    "fte",
    "ftes",
    "postsinfte",
];
const TITLE_NAMES: &[&str] = &["genericjobtitle", "jobtitle", "title", "generictitle"];
const GRADE_NAMES: &[&str] = &["grade", "gradeorequivalent", "paygrade"];
const PROFESSION_NAMES: &[&str] = &[
    "professionaloccupationalgroup",
    "profession",
    "occupationalgroup",
];
const TEAM_NAMES: &[&str] = &["unit", "team", "department"];
/// A column any of these names holds people one by one, so the file is not a junior file.
const PERSON_NAMES: &[&str] = &[
    "id",
    "postuniquereference",
    "postid",
    "employeeid",
    "name",
    "fullname",
    "employeename",
    "firstname",
    "lastname",
];

fn column(headers: &[String], wanted: &[&str]) -> Option<usize> {
    wanted
        .iter()
        .find_map(|w| headers.iter().position(|h| h == w))
}

/// True for the header row of a junior-posts file: a senior post and an FTE count for each row,
/// and no column naming a person or a post of their own.
pub(crate) fn is_junior_table(raw_headers: &[String]) -> bool {
    let headers: Vec<String> = raw_headers.iter().map(|h| normalise(h)).collect();
    column(&headers, SENIOR_NAMES).is_some()
        && column(&headers, FTE_NAMES).is_some()
        && column(&headers, PERSON_NAMES).is_none()
}

/// The result of reading junior posts onto an org.
#[derive(Clone, Debug)]
pub struct JuniorImport {
    /// The org with the junior posts added after any it had.
    pub org: Org,
    /// Rows read.
    pub groups: usize,
    /// Their full-time equivalents.
    pub fte: f64,
    /// Senior posts they attach to.
    pub senior_posts: usize,
    /// Rows left out, with their row numbers.
    pub problems: Vec<Problem>,
    /// How the file was read: what it attached, and its encoding when unexpected.
    pub notes: Vec<String>,
}

impl JuniorImport {
    /// One line for the user.
    pub fn summary(&self) -> String {
        format!(
            "{} junior post {} ({} FTE) attached under {} senior {}; counted in FTE, never as people or as direct reports",
            crate::format::thousands(self.groups as f64),
            if self.groups == 1 { "row" } else { "rows" },
            crate::format::fte(self.fte),
            crate::format::thousands(self.senior_posts as f64),
            if self.senior_posts == 1 {
                "post"
            } else {
                "posts"
            },
        )
    }
}

/// Reads a junior-posts table onto `org`, whose people are the senior posts. A row whose senior
/// post is not in `org`, or whose FTE is not a number, is left out and listed; the rest attach.
pub fn import_junior(org: &Org, table: Table) -> Result<JuniorImport, Vec<Problem>> {
    let headers: Vec<String> = table.headers.iter().map(|h| normalise(h)).collect();
    let (Some(senior), Some(fte_col)) =
        (column(&headers, SENIOR_NAMES), column(&headers, FTE_NAMES))
    else {
        return Err(vec![Problem::new(
            "header row",
            "this is not a junior-posts file: it needs a column with the senior post each row reports to (“Reporting Senior Post”) and one with the number of posts (“Number of Posts in FTE”)",
        )]);
    };
    let title = column(&headers, TITLE_NAMES);
    let grade = column(&headers, GRADE_NAMES);
    let profession = column(&headers, PROFESSION_NAMES);
    let team = column(&headers, TEAM_NAMES);
    // Senior posts by id as written, then by id without case when that names one post.
    let exact: HashMap<&str, &PersonId> =
        org.people.iter().map(|p| (p.id.as_str(), &p.id)).collect();
    let mut folded: HashMap<String, Option<&PersonId>> = HashMap::new();
    for p in &org.people {
        folded
            .entry(p.id.as_str().to_lowercase())
            .and_modify(|e| *e = None)
            .or_insert(Some(&p.id));
    }
    let mut problems: Vec<(usize, Problem)> = table.problems;
    let mut groups = Vec::new();
    for row in &table.rows {
        let place = || format!("row {}", row.number);
        let post = cell(&row.cells, Some(senior));
        let Some(reports_to) = exact
            .get(post.as_ref())
            .copied()
            .or_else(|| folded.get(&post.to_lowercase()).copied().flatten())
        else {
            let message = if post.is_empty() {
                "names no senior post; left out".to_owned()
            } else {
                format!(
                    "reports to the senior post “{post}”, which is not among the senior posts; left out"
                )
            };
            problems.push((row.number, Problem::new(place(), message)));
            continue;
        };
        let text = cell(&row.cells, Some(fte_col));
        let fte = match text.replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && (0.0..=MAX_FTE).contains(&v) => v,
            _ => {
                problems.push((
                    row.number,
                    Problem::new(
                        place(),
                        format!(
                            "the number of posts “{text}” is not a number from 0 to {}; left out",
                            crate::format::thousands(MAX_FTE)
                        ),
                    ),
                ));
                continue;
            }
        };
        groups.push(JuniorPosts {
            reports_to: reports_to.clone(),
            title: cell(&row.cells, title).into_owned(),
            grade: cell(&row.cells, grade).into_owned(),
            profession: cell(&row.cells, profession).into_owned(),
            team: cell(&row.cells, team).into_owned(),
            fte,
            extra: Default::default(),
        });
    }
    if groups.is_empty() {
        problems.sort_by_key(|(row, _)| *row);
        let mut list: Vec<Problem> = problems.into_iter().map(|(_, p)| p).collect();
        list.insert(
            0,
            Problem::new(
                "",
                "no junior posts could be attached: no row names a senior post of the team file",
            ),
        );
        return Err(list);
    }
    let fte: f64 = groups.iter().map(|g| g.fte).sum();
    let senior_posts = groups
        .iter()
        .map(|g| &g.reports_to)
        .collect::<std::collections::HashSet<_>>()
        .len();
    let mut out = org.clone();
    let count = groups.len();
    out.junior_posts.extend(groups);
    problems.sort_by_key(|(row, _)| *row);
    let mut import = JuniorImport {
        org: out,
        groups: count,
        fte,
        senior_posts,
        problems: problems.into_iter().map(|(_, p)| p).collect(),
        notes: table.notes,
    };
    import.notes.insert(0, import.summary());
    Ok(import)
}
