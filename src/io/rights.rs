//! Decision rights from a spreadsheet: a RACI or RAPID chart, a delegation-of-authority table,
//! or orgflow's own D/A/C letters, merged onto an org.
//!
//! One row per decision domain: a `decision` column (its name), optional `per_month` and
//! `raised_by` columns, and one column per person (id or name), job title or team. A title or
//! team held by several people becomes a role right ([`crate::model::RoleRight`]): each
//! decision goes to the holder responsible for whoever raises it. Cells hold letters; the
//! scheme says what each letter means.

use super::csv_import::{name_key, normalise};
use super::table::Table;
use crate::model::{Decision, DecisionId, Org, PersonId, Problem, Right, RoleKind, RoleRight};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How the letters of a rights sheet read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RightsScheme {
    /// orgflow's own: D decides, A approves, C is consulted.
    Orgflow,
    /// Bain's RAPID: D decides, A agrees (approves), I gives input (consulted); R recommends
    /// and P performs, recorded in the sheet but carrying no right.
    Rapid,
    /// RACI: A is accountable (decides), R responsible (approves), C consulted, I informed.
    Raci,
}

impl RightsScheme {
    /// Its name as the user writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Orgflow => "orgflow (D/A/C)",
            Self::Rapid => "RAPID",
            Self::Raci => "RACI",
        }
    }

    /// What a letter means in this scheme: a right, no right, or not a letter of the scheme.
    fn read(self, letter: char) -> Letter {
        use crate::edit::Right::{Approves, Consulted, Decides};
        use Letter::{Right, Unknown, Without};
        match (self, letter) {
            (Self::Orgflow, 'D') => Right(Decides),
            (Self::Orgflow, 'A') => Right(Approves),
            (Self::Orgflow, 'C') => Right(Consulted),
            (Self::Rapid, 'D') => Right(Decides),
            (Self::Rapid, 'A') => Right(Approves),
            (Self::Rapid, 'I') => Right(Consulted),
            (Self::Rapid, 'R' | 'P') => Without,
            (Self::Raci, 'A') => Right(Decides),
            (Self::Raci, 'R') => Right(Approves),
            (Self::Raci, 'C') => Right(Consulted),
            (Self::Raci, 'I') => Without,
            _ => Unknown,
        }
    }

    /// The letters of the scheme, for messages.
    fn letters(self) -> &'static str {
        match self {
            Self::Orgflow => "D, A, C",
            Self::Rapid => "R, A, P, I, D",
            Self::Raci => "R, A, C, I",
        }
    }

    /// How the scheme's letters become orgflow's rights, for the user.
    pub fn legend(self) -> &'static str {
        match self {
            Self::Orgflow => "D decides, A approves, C consulted",
            Self::Rapid => {
                "D decides, A (agree) approves, I (input) consulted; R and P carry no right"
            }
            Self::Raci => {
                "A (accountable) decides, R (responsible) approves, C consulted; I carries no right"
            }
        }
    }

    /// The scheme the letters of a sheet point to: D with R, P or I is RAPID; D with only A and
    /// C is orgflow's own; no D is RACI (which has no D).
    pub fn detect(letters: &BTreeSet<char>) -> Self {
        let has = |c| letters.contains(&c);
        if has('D') {
            if has('R') || has('P') || has('I') {
                Self::Rapid
            } else {
                Self::Orgflow
            }
        } else {
            Self::Raci
        }
    }
}

enum Letter {
    Right(crate::edit::Right),
    Without,
    Unknown,
}

/// The result of reading a rights sheet onto an org.
#[derive(Clone, Debug)]
pub struct RightsImport {
    /// The org with the sheet's rights merged in: each domain of the sheet (matched by id or
    /// name, or added) takes the sheet's holders; domains not in the sheet are kept.
    pub org: Org,
    /// The scheme used.
    pub scheme: RightsScheme,
    /// True when the scheme was worked out from the letters rather than given.
    pub detected: bool,
    /// Domains read from the sheet.
    pub domains: usize,
    /// Of which new to the org.
    pub added: usize,
    /// Columns, rows and cells that were ignored, with their places.
    pub problems: Vec<Problem>,
    /// How columns were read that a user might not expect (a title held by several people).
    pub notes: Vec<String>,
}

impl RightsImport {
    /// One line for the user: what was read and how.
    pub fn summary(&self) -> String {
        let how = if self.detected {
            "detected from its letters"
        } else {
            "as asked"
        };
        format!(
            "{} decision domains read as {} ({how}: {}); {} new, {} updated",
            self.domains,
            self.scheme.name(),
            self.scheme.legend(),
            self.added,
            self.domains - self.added
        )
    }
}

const DECISION_NAMES: &[&str] = &[
    "decision",
    "decisions",
    "decisiondomain",
    "domain",
    "activity",
    "task",
    "deliverable",
    "process",
    "decisionarea",
    "area",
];
const DECISION_ID_NAMES: &[&str] = &["decisionid", "domainid", "id"];
const RATE_NAMES: &[&str] = &[
    "permonth",
    "timesamonth",
    "frequency",
    "monthly",
    "rate",
    "howoften",
];
const RAISED_BY_NAMES: &[&str] = &["raisedby", "raisers", "requestedby", "raisedbyteams"];

fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Reads a rights sheet onto `org`. `scheme` `None` works it out from the letters.
///
/// Fails when the sheet has no decision column or no column that names anybody in the org;
/// unknown columns, odd cells and unknown raisers are listed in
/// [`RightsImport::problems`] and the rest loads.
pub fn import_rights(
    org: &Org,
    table: Table,
    scheme: Option<RightsScheme>,
) -> Result<RightsImport, Vec<Problem>> {
    let headers: Vec<String> = table.headers.iter().map(|h| normalise(h)).collect();
    let find = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h == n))
    };
    let Some(decision_col) = find(DECISION_NAMES) else {
        return Err(vec![Problem::new(
            "header row",
            format!(
                "has no column naming the decisions (a header such as “Decision”, “Domain”, “Activity” or “Task”). The columns are: {}",
                table.headers.join(", ")
            ),
        )]);
    };
    let id_col = find(DECISION_ID_NAMES).filter(|&c| c != decision_col);
    let rate_col = find(RATE_NAMES);
    let raised_col = find(RAISED_BY_NAMES);
    let special = [Some(decision_col), id_col, rate_col, raised_col];

    // Who each remaining column names: a person (id, then name), a title, or a team.
    let mut by_name: HashMap<String, Vec<PersonId>> = HashMap::new();
    let mut by_title: HashMap<String, Vec<PersonId>> = HashMap::new();
    let mut by_team: HashMap<String, Vec<PersonId>> = HashMap::new();
    // Ids in one Unicode form: the sheet's cells are composed (NFC), a team file's may not be.
    let ids: HashMap<String, PersonId> = org
        .people
        .iter()
        .map(|p| (crate::model::nfc(p.id.as_str()).into_owned(), p.id.clone()))
        .collect();
    // Names in either order ("Sullivan, Kissy" is Kissy Sullivan), case and punctuation aside.
    let name_of = |text: &str| normalise(&name_key(text));
    for p in &org.people {
        by_name
            .entry(name_of(&p.name))
            .or_default()
            .push(p.id.clone());
        if !p.title.is_empty() {
            by_title
                .entry(normalise(&p.title))
                .or_default()
                .push(p.id.clone());
        }
        if !p.team.is_empty() {
            by_team
                .entry(normalise(&p.team))
                .or_default()
                .push(p.id.clone());
        }
    }
    // Teams by their key, as the org spells them (the first spelling met).
    let mut teams: HashMap<String, &str> = HashMap::new();
    for p in org.people.iter().filter(|p| !p.team.is_empty()) {
        teams.entry(normalise(&p.team)).or_insert(p.team.as_str());
    }
    let mut problems: Vec<Problem> = table.problems.into_iter().map(|(_, p)| p).collect();
    let mut notes: Vec<String> = table.notes.clone();
    let acting: std::collections::HashSet<&str> = org
        .people
        .iter()
        .filter(|p| p.can_act())
        .map(|p| p.id.as_str())
        .collect();
    // Each column that names somebody: a person, or a role (a title or a team held by several
    // people, resolved for each raiser).
    let mut columns: Vec<(usize, Holder)> = Vec::new();
    for (i, raw) in table.headers.iter().enumerate() {
        if special.contains(&Some(i)) || raw.trim().is_empty() {
            continue;
        }
        let key = normalise(raw);
        let role = |of: RoleKind, people: &Vec<PersonId>, written: &str| {
            if people.len() == 1 {
                Holder::People(people.clone())
            } else {
                Holder::Role(of, written.to_owned(), people.len())
            }
        };
        let spelt = |people: &Vec<PersonId>, field: fn(&crate::model::Person) -> &str| {
            people
                .first()
                .and_then(|id| org.person(id.as_str()))
                .map_or(raw.trim().to_owned(), |p| field(p).to_owned())
        };
        let holders = if let Some(id) = ids.get(raw.trim()) {
            Some(Holder::People(vec![id.clone()]))
        } else if let Some(people) = by_name.get(&name_of(raw)).filter(|v| v.len() == 1) {
            Some(Holder::People(people.clone()))
        } else if let Some(people) = by_title.get(&key) {
            Some(role(RoleKind::Title, people, &spelt(people, |p| &p.title)))
        } else {
            by_team
                .get(&key)
                .map(|people| role(RoleKind::Team, people, &spelt(people, |p| &p.team)))
        };
        if let Some(Holder::Role(of, name, count)) = &holders {
            let acting_count = by_title
                .get(&key)
                .filter(|_| *of == RoleKind::Title)
                .or_else(|| by_team.get(&key))
                .map_or(0, |people| {
                    people
                        .iter()
                        .filter(|id| acting.contains(id.as_str()))
                        .count()
                });
            let held = if acting_count == *count {
                format!("{count} people")
            } else {
                format!("{count} people, {acting_count} of whom can act")
            };
            notes.push(format!(
                "column {} (“{raw}”) is {} held by {held}: each decision goes to the one responsible for whoever raises it (the nearest in their chain of command, else the one in their team, else all {acting_count})",
                column_letter(i),
                match of {
                    RoleKind::Team => format!("the team {name}"),
                    _ => format!("the job title {name}"),
                }
            ));
        }
        match holders {
            Some(holder) => columns.push((i, holder)),
            None => problems.push(Problem::new(
                format!("column {} (“{raw}”)", column_letter(i)),
                "is not a person's id or name, a job title or a team in the org; its cells were ignored",
            )),
        }
    }
    if columns.is_empty() {
        return Err(vec![Problem::new(
            "header row",
            format!(
                "no column names anybody in the org. Each column after the decision should be headed by a person's id or name, a job title or a team. The columns are: {}",
                table.headers.join(", ")
            ),
        )]);
    }

    // The letters present decide the scheme when none is given.
    let letters_of = |cell: &str| -> Vec<char> {
        cell.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let mut present = BTreeSet::new();
    for row in &table.rows {
        for (c, _) in &columns {
            present.extend(letters_of(row.cells.get(*c).map_or("", String::as_str)));
        }
    }
    let detected = scheme.is_none();
    let scheme = scheme.unwrap_or_else(|| RightsScheme::detect(&present));

    let mut out = org.clone();
    // The org's domains by id and by name, so a long sheet finds each in one look-up.
    let mut domain_by_id: HashMap<String, usize> = org
        .decisions
        .iter()
        .enumerate()
        .map(|(k, d)| (d.id.0.clone(), k))
        .collect();
    let mut domain_by_name: HashMap<String, usize> = HashMap::new();
    for (k, d) in org.decisions.iter().enumerate() {
        domain_by_name.entry(normalise(&d.name)).or_insert(k);
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut contradictions: Vec<String> = Vec::new();
    let (mut domains, mut added) = (0, 0);
    for row in &table.rows {
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.cells.get(c))
                .map_or("", |s| s.trim())
                .to_owned()
        };
        let place = |col: usize| {
            format!(
                "row {}, column {} (“{}”)",
                row.number,
                column_letter(col),
                table.headers.get(col).map_or("", String::as_str)
            )
        };
        let name = cell(Some(decision_col));
        if name.is_empty() {
            problems.push(Problem::new(
                format!("row {}", row.number),
                "has no decision name; skipped",
            ));
            continue;
        }
        if let Some(first) = seen.get(&normalise(&name)) {
            problems.push(Problem::new(
                format!("row {}", row.number),
                format!("“{name}” was already on row {first}; this row was skipped"),
            ));
            continue;
        }
        seen.insert(normalise(&name), row.number);

        // Every right a person is given on this row, with the column that gave it.
        let mut given: Vec<(&PersonId, Right, usize)> = Vec::new();
        let mut roles: Vec<RoleRight> = Vec::new();
        for (c, holder) in &columns {
            let text = cell(Some(*c));
            for letter in letters_of(&text) {
                let right = match scheme.read(letter) {
                    Letter::Right(right) => right,
                    Letter::Without => continue,
                    Letter::Unknown => {
                        problems.push(Problem::new(
                            place(*c),
                            format!(
                                "“{text}” holds “{letter}”, which is not a letter of {} ({}); ignored",
                                scheme.name(),
                                scheme.letters()
                            ),
                        ));
                        continue;
                    }
                };
                let people = match holder {
                    Holder::People(people) => people,
                    Holder::Role(of, name, _) => {
                        let r = RoleRight {
                            of: *of,
                            name: name.clone(),
                            right,
                        };
                        if !roles.contains(&r) {
                            roles.push(r);
                        }
                        continue;
                    }
                };
                given.extend(people.iter().map(|p| (p, right, *c)));
            }
        }
        // One right each: the strongest they were given (a person under their name, their
        // title and their team may be given three). Given through several columns, that is a
        // contradiction in the sheet, and the note names it.
        let (mut decides, mut approves, mut consulted) = (Vec::new(), Vec::new(), Vec::new());
        let mut strongest: HashMap<&PersonId, (Right, GivenBy)> = HashMap::new();
        let mut order: Vec<&PersonId> = Vec::new();
        for &(p, right, c) in &given {
            let entry = strongest.entry(p).or_insert_with(|| {
                order.push(p);
                (right, BTreeSet::new())
            });
            if rank(right) < rank(entry.0) {
                entry.0 = right;
            }
            entry.1.insert((rank(right), c));
        }
        for p in order {
            let Some((right, from)) = strongest.get(p) else {
                continue;
            };
            match right {
                Right::Decides => decides.push(p.clone()),
                Right::Approves => approves.push(p.clone()),
                Right::Consulted => consulted.push(p.clone()),
            }
            let rights: BTreeSet<u8> = from.iter().map(|(r, _)| *r).collect();
            let columns: BTreeSet<usize> = from.iter().map(|(_, c)| *c).collect();
            if rights.len() > 1 && columns.len() > 1 {
                let who = org
                    .person(p.as_str())
                    .map_or(p.as_str(), |q| q.display_name());
                let said: Vec<String> = from
                    .iter()
                    .map(|&(r, c)| {
                        format!(
                            "{} (column {}, “{}”)",
                            RIGHT_WORDS[r as usize],
                            column_letter(c),
                            table.headers.get(c).map_or("", String::as_str)
                        )
                    })
                    .collect();
                contradictions.push(format!(
                    "row {} (“{name}”): {who} {}; kept: {}",
                    row.number,
                    said.join(" and "),
                    RIGHT_WORDS[rank(*right) as usize]
                ));
            }
        }

        let per_month = match rate_col.map(|c| (c, cell(Some(c)))) {
            Some((c, text)) if !text.is_empty() => match text.replace(',', ".").parse::<f64>() {
                Ok(v) if (0.0..=crate::model::MAX_PER_MONTH).contains(&v) => Some(v),
                _ => {
                    problems.push(Problem::new(
                        place(c),
                        format!("“{text}” is not a number of times a month; left as it was"),
                    ));
                    None
                }
            },
            _ => None,
        };
        let raised_by = match raised_col.map(|c| (c, cell(Some(c)))) {
            Some((c, text)) if !text.is_empty() => {
                let mut list = Vec::new();
                for entry in text
                    .split([';', ','])
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                {
                    let key = normalise(entry);
                    if let Some(id) = ids.get(entry) {
                        list.push(id.0.clone());
                    } else if let Some(team) = teams.get(&key) {
                        list.push((*team).to_owned());
                    } else if let Some([id]) = by_name.get(&key).map(Vec::as_slice) {
                        list.push(id.0.clone());
                    } else {
                        problems.push(Problem::new(
                            place(c),
                            format!(
                                "“{entry}” is neither a team nor a person in the org; left out"
                            ),
                        ));
                    }
                }
                list.dedup();
                (!list.is_empty()).then_some(list)
            }
            _ => None,
        };

        let wanted_id = cell(id_col);
        let existing = (!wanted_id.is_empty())
            .then(|| domain_by_id.get(wanted_id.as_str()).copied())
            .flatten()
            .or_else(|| domain_by_name.get(&normalise(&name)).copied());
        let decision = if let Some(k) = existing {
            &mut out.decisions[k]
        } else {
            let id = fresh_id(
                &domain_by_id,
                if wanted_id.is_empty() {
                    &name
                } else {
                    &wanted_id
                },
            );
            out.decisions.push(Decision {
                id,
                name: name.clone(),
                ..Decision::default()
            });
            added += 1;
            let last = out.decisions.len() - 1;
            domain_by_name.insert(normalise(&name), last);
            domain_by_id.insert(out.decisions[last].id.0.clone(), last);
            &mut out.decisions[last]
        };
        decision.decides = decides;
        decision.approves = approves;
        decision.consulted = consulted;
        decision.roles = roles;
        if let Some(rate) = per_month {
            decision.per_month = rate;
        }
        if raised_by.is_some() {
            decision.raised_by = raised_by;
        }
        domains += 1;
    }
    if !contradictions.is_empty() {
        let count = contradictions.len();
        let mut note = format!(
            "{} given more than one right in a domain through different columns (their name, title or team); each keeps the strongest (decides, then approves, then consulted): ",
            if count == 1 {
                "1 time a person was".to_owned()
            } else {
                format!("{count} times a person was")
            }
        );
        const SHOWN: usize = 5;
        note.push_str(&contradictions[..count.min(SHOWN)].join("; "));
        if count > SHOWN {
            note.push_str(&format!("; and {} more like this", count - SHOWN));
        }
        notes.push(note);
    }
    if domains == 0 {
        problems.insert(
            0,
            Problem::new(
                "",
                "no decision could be read: the sheet has no rows with a decision name",
            ),
        );
        return Err(problems);
    }
    let invalid = crate::model::validate(&out);
    if !invalid.is_empty() {
        return Err(invalid);
    }
    Ok(RightsImport {
        org: out,
        scheme,
        detected,
        domains,
        added,
        problems,
        notes,
    })
}

/// The rights a person was given on one row, each as ([`rank`], column).
type GivenBy = BTreeSet<(u8, usize)>;

/// How strong a right is: 0 decides, 1 approves, 2 consulted.
fn rank(right: Right) -> u8 {
    match right {
        Right::Decides => 0,
        Right::Approves => 1,
        Right::Consulted => 2,
    }
}

/// A right in words, by [`rank`].
const RIGHT_WORDS: [&str; 3] = ["decides", "approves", "is consulted"];

/// What a column of a rights sheet stands for.
enum Holder {
    /// These people (one person, or a title or team held by one).
    People(Vec<PersonId>),
    /// A title or team held by several people, as spelt in the org, and how many.
    Role(RoleKind, String, usize),
}

/// An id for a new domain, from its name: "Budget allocation" → "budget-allocation", not one of
/// the ids `taken`.
fn fresh_id(taken: &HashMap<String, usize>, name: &str) -> DecisionId {
    let mut base: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while base.contains("--") {
        base = base.replace("--", "-");
    }
    let base = match base.trim_matches('-') {
        "" => "domain",
        base => base,
    };
    DecisionId(crate::edit::first_free(base, |id| taken.contains_key(id)))
}

/// A rights sheet for `org` in `scheme`: one row per domain, one column per person holding a
/// right anywhere, then `per_month` and `raised_by`. Reading it back gives the same rights.
pub fn rights_sheet(org: &Org, scheme: RightsScheme) -> Vec<u8> {
    let holders: Vec<&crate::model::Person> = org
        .people
        .iter()
        .filter(|p| {
            org.decisions.iter().any(|d| {
                d.decides.contains(&p.id)
                    || d.approves.contains(&p.id)
                    || d.consulted.contains(&p.id)
            })
        })
        .collect();
    let (d, a, c) = match scheme {
        RightsScheme::Orgflow => ("D", "A", "C"),
        RightsScheme::Rapid => ("D", "A", "I"),
        RightsScheme::Raci => ("A", "R", "C"),
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["decision".to_owned()];
    header.extend(holders.iter().map(|p| p.id.0.clone()));
    header.extend(["per_month".to_owned(), "raised_by".to_owned()]);
    let _ = writer.write_record(&header);
    for dec in &org.decisions {
        let mut row = vec![super::neutralise_formula(&dec.name)];
        for p in &holders {
            let mut letters = String::new();
            for (list, letter) in [(&dec.decides, d), (&dec.approves, a), (&dec.consulted, c)] {
                if list.contains(&p.id) {
                    letters.push_str(letter);
                }
            }
            row.push(letters);
        }
        row.push(crate::analysis::trim_number(dec.per_month));
        row.push(dec.raised_by.as_deref().unwrap_or_default().join("; "));
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(s: &str) -> BTreeSet<char> {
        s.chars().collect()
    }

    #[test]
    fn the_letters_tell_the_scheme() {
        assert_eq!(RightsScheme::detect(&letters("RACI")), RightsScheme::Raci);
        assert_eq!(RightsScheme::detect(&letters("RAC")), RightsScheme::Raci);
        assert_eq!(RightsScheme::detect(&letters("RAPID")), RightsScheme::Rapid);
        assert_eq!(RightsScheme::detect(&letters("DI")), RightsScheme::Rapid);
        assert_eq!(RightsScheme::detect(&letters("DAC")), RightsScheme::Orgflow);
        assert_eq!(RightsScheme::detect(&letters("D")), RightsScheme::Orgflow);
    }

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
