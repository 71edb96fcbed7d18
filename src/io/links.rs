//! Who people actually go to: an edge list (advice survey, collaboration log, e-mail counts)
//! merged onto an org as directed, weighted links.

use super::csv_import::{name_key, normalise, without_initials};
use super::table::Table;
use crate::model::{Link, Org, PersonId, Problem};
use std::collections::HashMap;

/// The result of reading an edge list onto an org.
#[derive(Clone, Debug)]
pub struct LinksImport {
    /// The org with the links added (a pair already linked with the same kind gains weight).
    pub org: Org,
    /// Rows read into links.
    pub rows: usize,
    /// Distinct links (from, to, kind) they made.
    pub links: usize,
    /// The column the weights came from, if any (otherwise every row weighs 1).
    pub weight_column: Option<String>,
    /// Rows skipped, with their row numbers.
    pub problems: Vec<Problem>,
    /// How the file was read, when a user might not expect it (its encoding).
    pub notes: Vec<String>,
}

impl LinksImport {
    /// One line for the user.
    pub fn summary(&self, kind: &str) -> String {
        let weights = match &self.weight_column {
            Some(c) => format!("weights from “{c}”"),
            None => "each row weighing 1".to_owned(),
        };
        format!(
            "{} rows read as {} {kind} links ({weights}); {} skipped",
            self.rows,
            self.links,
            self.problems.len()
        )
    }
}

const FROM_NAMES: &[&str] = &[
    "from", "source", "sender", "ego", "fromid", "seeker", "asker", "who", "person",
];
const TO_NAMES: &[&str] = &[
    "to",
    "target",
    "recipient",
    "alter",
    "toid",
    "adviser",
    "advisor",
    "whom",
    "goesto",
];
const WEIGHT_NAMES: &[&str] = &[
    "weight",
    "count",
    "emails",
    "messages",
    "n",
    "frequency",
    "value",
    "ties",
    "times",
];

/// Reads an edge list onto `org`: `from` seeks (or writes to) `to`. People are found by id,
/// then by name as managers are. Unknown people, self-links and bad weights are listed by row.
pub fn import_links(org: &Org, table: Table, kind: &str) -> Result<LinksImport, Vec<Problem>> {
    let headers: Vec<String> = table.headers.iter().map(|h| normalise(h)).collect();
    let find = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h == n))
    };
    let (Some(from_col), Some(to_col)) = (find(FROM_NAMES), find(TO_NAMES)) else {
        return Err(vec![Problem::new(
            "header row",
            format!(
                "needs a column for who seeks (“from”, “source”, “sender”) and one for whom they go to (“to”, “target”, “recipient”). The columns are: {}",
                table.headers.join(", ")
            ),
        )]);
    };
    let weight_col = find(WEIGHT_NAMES);
    let finder = PersonFinder::new(org);
    let ids = &finder.ids;
    let person = |cell: &str| finder.find(cell);
    let id_of = |i: u32| -> PersonId {
        org.people
            .get(i as usize)
            .map(|p| p.id.clone())
            .unwrap_or_default()
    };
    // The weight a pair already has in the org, so a sum never passes the limit.
    let mut already: HashMap<(u32, u32), f64> = HashMap::new();
    for l in org.links.iter().filter(|l| l.kind == kind) {
        let (from, to) = (
            crate::model::nfc(l.from.as_str()),
            crate::model::nfc(l.to.as_str()),
        );
        if let (Some(&a), Some(&b)) = (ids.get(&from), ids.get(&to)) {
            *already.entry((a, b)).or_default() += l.weight;
        }
    }
    let existing_weight = |key: (u32, u32)| already.get(&key).copied().unwrap_or(0.0);
    let mut problems: Vec<Problem> = table.problems.into_iter().map(|(_, p)| p).collect();
    let mut weights: HashMap<(u32, u32), f64> = HashMap::new();
    let mut order: Vec<(u32, u32)> = Vec::new();
    let mut rows = 0;
    for row in &table.rows {
        let cell = |c: usize| row.cells.get(c).map_or("", |s| s.trim());
        let place = format!("row {}", row.number);
        let (a, b) = (cell(from_col), cell(to_col));
        let (Some(from), Some(to)) = (person(a), person(b)) else {
            let who = if person(a).is_none() { a } else { b };
            problems.push(Problem::new(
                place,
                format!("“{who}” is not a person in the org; skipped"),
            ));
            continue;
        };
        if from == to {
            problems.push(Problem::new(
                place,
                format!("links “{a}” to themself; skipped"),
            ));
            continue;
        }
        let weight = match weight_col.map(cell) {
            None | Some("") => 1.0,
            Some(text) => match text.replace(',', ".").parse::<f64>() {
                Ok(w) if (0.0..=crate::model::MAX_WEIGHT).contains(&w) => w,
                _ => {
                    problems.push(Problem::new(
                        place,
                        format!("the weight “{text}” is not a number from 0 up; skipped"),
                    ));
                    continue;
                }
            },
        };
        let key = (from, to);
        let so_far = weights.get(&key).copied().unwrap_or(0.0) + existing_weight(key);
        if so_far + weight > crate::model::MAX_WEIGHT {
            problems.push(Problem::new(
                place,
                format!(
                    "the weights of “{a}” → “{b}” add up past {}, the most a link can weigh; this row was skipped",
                    crate::model::thousands(crate::model::MAX_WEIGHT)
                ),
            ));
            continue;
        }
        rows += 1;
        if let Some(w) = weights.get_mut(&key) {
            *w += weight;
        } else {
            weights.insert(key, weight);
            order.push(key);
        }
    }
    if rows == 0 {
        problems.insert(0, Problem::new("", "no link could be read from this file"));
        return Err(problems);
    }
    let mut out = org.clone();
    let links = order.len();
    let existing: HashMap<(PersonId, PersonId), usize> = out
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == kind)
        .map(|(i, l)| ((l.from.clone(), l.to.clone()), i))
        .collect();
    for key in order {
        let weight = weights.get(&key).copied().unwrap_or(1.0);
        let (from, to) = (id_of(key.0), id_of(key.1));
        match existing
            .get(&(from.clone(), to.clone()))
            .and_then(|&i| out.links.get_mut(i))
        {
            Some(link) => link.weight += weight,
            None => {
                // Each new pair comes once: `order` holds it once.
                out.links.push(Link {
                    from,
                    to,
                    kind: kind.to_owned(),
                    weight,
                    extra: Default::default(),
                });
            }
        }
    }
    let invalid = crate::model::validate(&out);
    if !invalid.is_empty() {
        return Err(invalid);
    }
    Ok(LinksImport {
        org: out,
        rows,
        links,
        weight_column: weight_col.and_then(|c| table.headers.get(c).cloned()),
        problems,
        notes: table.notes,
    })
}

/// Finds people by a cell of a table: by id, then by name as managers are (“Reyes, Dana”,
/// “Dana M. Reyes”), when only one person has that name.
pub(crate) struct PersonFinder<'a> {
    /// People by id (in one Unicode form: a table's cells are composed, a team file's may not
    /// be), as indexes: 500,000 rows must not hash and clone ids pair by pair.
    pub(crate) ids: HashMap<std::borrow::Cow<'a, str>, u32>,
    /// People by name key; `None` when several people share it.
    names: HashMap<String, Option<u32>>,
}

impl<'a> PersonFinder<'a> {
    /// The index of `org`'s people.
    pub(crate) fn new(org: &'a Org) -> Self {
        let ids = org
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (crate::model::nfc(p.id.as_str()), i as u32))
            .collect();
        let mut names: HashMap<String, Option<u32>> = HashMap::new();
        for (i, p) in org.people.iter().enumerate() {
            let i = i as u32;
            let key = name_key(&p.name);
            for k in [without_initials(&key), key] {
                names
                    .entry(k)
                    .and_modify(|e| {
                        if *e != Some(i) {
                            *e = None;
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        Self { ids, names }
    }

    /// The person a cell names, if exactly one.
    pub(crate) fn find(&self, cell: &str) -> Option<u32> {
        if let Some(&i) = self.ids.get(cell) {
            return Some(i);
        }
        let key = name_key(cell);
        [key.clone(), without_initials(&key)]
            .iter()
            .find_map(|k| self.names.get(k).copied().flatten())
    }
}

/// What [`withhold_small_groups`] left out, for privacy.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Withheld {
    /// The smallest team whose people's links are shown.
    pub min_group: usize,
    /// Teams smaller than that, by name ("" for people with no team).
    pub teams: Vec<String>,
    /// People in those teams.
    pub people: usize,
    /// Links left out: every one with an end in such a team.
    pub links: usize,
}

impl Withheld {
    /// "links of 3 teams under 5 people (12 people) left out: 41 links", or that none were.
    pub fn summary(&self) -> String {
        if self.teams.is_empty() {
            format!(
                "--min-group {}: every team has at least {} people; no link left out",
                self.min_group, self.min_group
            )
        } else {
            format!(
                "--min-group {}: {} left out, every one with a person in one of {} under {} people ({}), so that no figure describes a group that small",
                self.min_group,
                crate::format::count(self.links, "link", "links"),
                crate::format::count(self.teams.len(), "team", "teams"),
                self.min_group,
                crate::format::count(self.people, "person", "people"),
            )
        }
    }
}

/// Per person (file order), whether their team (people with no team count as one) has fewer
/// than `min_group` people.
pub fn small_group_members(org: &Org, min_group: usize) -> Vec<bool> {
    let mut sizes: crate::model::Map<&str, usize> = crate::model::map_with_capacity(64);
    for p in &org.people {
        *sizes.entry(p.team.as_str()).or_default() += 1;
    }
    org.people
        .iter()
        .map(|p| sizes.get(p.team.as_str()).copied().unwrap_or(0) < min_group)
        .collect()
}

/// Leaves out every link with an end in a team of fewer than `min_group` people, so that no
/// figure or picture of who goes to whom describes a group that small (the convention of
/// Microsoft's Viva Insights, whose minimum group size is 5). The other people's figures are
/// then computed without those links, and what was left out is returned to be said.
pub fn withhold_small_groups(org: &mut Org, min_group: usize) -> Withheld {
    let small = small_group_members(org, min_group);
    let keep: Vec<bool> = {
        let index = crate::model::person_index(org);
        let hidden = |id: &crate::model::PersonId| {
            index
                .get(id.as_str())
                .is_some_and(|&i| small.get(i).copied().unwrap_or(false))
        };
        org.links
            .iter()
            .map(|l| !hidden(&l.from) && !hidden(&l.to))
            .collect()
    };
    let before = org.links.len();
    let mut k = 0;
    org.links.retain(|_| {
        k += 1;
        keep.get(k - 1).copied().unwrap_or(true)
    });
    let mut teams: Vec<String> = org
        .people
        .iter()
        .zip(&small)
        .filter(|(_, s)| **s)
        .map(|(p, _)| p.team.clone())
        .collect();
    teams.sort();
    teams.dedup();
    Withheld {
        min_group,
        teams,
        people: small.iter().filter(|s| **s).count(),
        links: before - org.links.len(),
    }
}
