//! Every change to a document is a command; applying one returns its inverse, so undo and
//! redo are exact. Edits that would break the document are refused and leave it untouched.

mod rights;

pub use rights::{
    TEMPLATES, Template, TemplateDomain, apply_template, common_right, merge_decisions,
    merge_links, next_right, set_rights, templates,
};

use crate::model::{Decision, DecisionId, JuniorPosts, Link, Org, Person, PersonId, validate};
use std::collections::HashMap;
use thiserror::Error;

/// One change to the org. Applying it returns the change that undoes it.
///
/// People and domains are named by their ids, looked up when the edit is applied, so an edit
/// recorded in one frame lands on the same person whatever happened to the order of `people`
/// since. Positions appear only where an inverse must put something back exactly where it was.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Replace the person with this id (their fields, manager…; the id may change too).
    ReplacePerson {
        /// Who is replaced.
        id: PersonId,
        /// The new value.
        person: Person,
    },
    /// Insert a person at this position of `people` (the end for a new person).
    InsertPerson {
        /// Position in `people`, at most its length.
        at: usize,
        /// The person.
        person: Person,
    },
    /// Remove the person with this id.
    RemovePerson {
        /// Who is removed.
        id: PersonId,
    },
    /// Replace the decision domain with this id.
    ReplaceDecision {
        /// Which domain.
        id: DecisionId,
        /// The new value.
        decision: Decision,
    },
    /// Insert a decision domain at this position of `decisions`.
    InsertDecision {
        /// Position in `decisions`, at most its length.
        at: usize,
        /// The domain.
        decision: Decision,
    },
    /// Remove the decision domain with this id.
    RemoveDecision {
        /// Which domain.
        id: DecisionId,
    },
    /// Insert a peer link at this position of `links`.
    InsertLink {
        /// Position in `links`, at most its length.
        at: usize,
        /// The link.
        link: Link,
    },
    /// Remove a peer link equal to this one: the one at `at` when it is there, else the first.
    /// Equal links count the same, but undo must give back their order too, so the inverse
    /// of an insertion names its position.
    RemoveLink {
        /// The link.
        link: Link,
        /// Where it is, when that is known.
        at: Option<usize>,
    },
    /// Insert a row of junior posts at this position of `junior_posts`.
    InsertJuniorPosts {
        /// Position in `junior_posts`, at most its length.
        at: usize,
        /// The row.
        group: JuniorPosts,
    },
    /// Remove the row of junior posts at this position of `junior_posts`.
    RemoveJuniorPosts {
        /// Position in `junior_posts`.
        at: usize,
    },
    /// Replace the row of junior posts at this position of `junior_posts`.
    ReplaceJuniorPosts {
        /// Position in `junior_posts`.
        at: usize,
        /// The row as it becomes.
        group: JuniorPosts,
    },
    /// Several edits as one step, applied in order.
    Batch(Vec<Edit>),
}

/// An edit with the words that name it in the Edit menu ("move Sam Lee under Dana Reyes").
#[derive(Clone, Debug, PartialEq)]
pub struct Command {
    /// What it does, in lower case, for "Undo …" and "Redo …".
    pub label: String,
    /// The change.
    pub edit: Edit,
}

/// Why an edit was refused; the document is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    /// The edit names a person, domain or link that is not there.
    #[error("that is no longer in the document")]
    Missing,
    /// The edit would make the document invalid.
    #[error("{0}")]
    Invalid(String),
}

fn missing<T>(_: T) -> EditError {
    EditError::Missing
}

fn person_position(org: &Org, id: &PersonId) -> Result<usize, EditError> {
    org.people
        .iter()
        .position(|p| &p.id == id)
        .ok_or(EditError::Missing)
}

fn decision_position(org: &Org, id: &DecisionId) -> Result<usize, EditError> {
    org.decisions
        .iter()
        .position(|d| &d.id == id)
        .ok_or(EditError::Missing)
}

fn check_position(at: usize, len: usize) -> Result<(), EditError> {
    if at <= len {
        Ok(())
    } else {
        Err(EditError::Missing)
    }
}

/// Applies one edit without validation; returns its inverse.
fn apply_raw(org: &mut Org, edit: Edit) -> Result<Edit, EditError> {
    Ok(match edit {
        Edit::ReplacePerson { id, person } => {
            let index = person_position(org, &id)?;
            let slot = org.people.get_mut(index).ok_or(EditError::Missing)?;
            let new_id = person.id.clone();
            let old = std::mem::replace(slot, person);
            Edit::ReplacePerson {
                id: new_id,
                person: old,
            }
        }
        Edit::InsertPerson { at, person } => {
            check_position(at, org.people.len())?;
            let id = person.id.clone();
            org.people.insert(at, person);
            Edit::RemovePerson { id }
        }
        Edit::RemovePerson { id } => {
            let at = person_position(org, &id)?;
            let person = org.people.remove(at);
            Edit::InsertPerson { at, person }
        }
        Edit::ReplaceDecision { id, decision } => {
            let index = decision_position(org, &id)?;
            let slot = org.decisions.get_mut(index).ok_or(EditError::Missing)?;
            let new_id = decision.id.clone();
            let old = std::mem::replace(slot, decision);
            Edit::ReplaceDecision {
                id: new_id,
                decision: old,
            }
        }
        Edit::InsertDecision { at, decision } => {
            check_position(at, org.decisions.len())?;
            // Two domains with one id could not be told apart, and undo would remove the wrong
            // one.
            if org.decisions.iter().any(|d| d.id == decision.id) {
                return Err(EditError::Invalid(format!(
                    "a decision domain with the id “{}” is already there",
                    decision.id
                )));
            }
            let id = decision.id.clone();
            org.decisions.insert(at, decision);
            Edit::RemoveDecision { id }
        }
        Edit::RemoveDecision { id } => {
            let at = decision_position(org, &id)?;
            let decision = org.decisions.remove(at);
            Edit::InsertDecision { at, decision }
        }
        Edit::InsertLink { at, link } => {
            check_position(at, org.links.len())?;
            org.links.insert(at, link.clone());
            Edit::RemoveLink { link, at: Some(at) }
        }
        Edit::RemoveLink { link, at } => {
            let at = at
                .filter(|&k| org.links.get(k) == Some(&link))
                .or_else(|| org.links.iter().position(|l| *l == link))
                .ok_or(EditError::Missing)?;
            let link = org.links.remove(at);
            Edit::InsertLink { at, link }
        }
        Edit::InsertJuniorPosts { at, group } => {
            check_position(at, org.junior_posts.len())?;
            org.junior_posts.insert(at, group);
            Edit::RemoveJuniorPosts { at }
        }
        Edit::RemoveJuniorPosts { at } => {
            if at >= org.junior_posts.len() {
                return Err(EditError::Missing);
            }
            let group = org.junior_posts.remove(at);
            Edit::InsertJuniorPosts { at, group }
        }
        Edit::ReplaceJuniorPosts { at, group } => {
            let slot = org.junior_posts.get_mut(at).ok_or(EditError::Missing)?;
            let old = std::mem::replace(slot, group);
            Edit::ReplaceJuniorPosts { at, group: old }
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            // Replacing people keeps everybody's place, so a batch of replacements (a split
            // span moves thousands) finds each person in one index instead of a scan each.
            let mut places: Option<HashMap<String, usize>> = None;
            for e in edits {
                let result = match e {
                    Edit::ReplacePerson { id, person } => {
                        let map = places.get_or_insert_with(|| {
                            org.people
                                .iter()
                                .enumerate()
                                .map(|(i, p)| (p.id.0.clone(), i))
                                .collect()
                        });
                        replace_person_at(org, map, id, person)
                    }
                    e
                    @ (Edit::InsertPerson { .. } | Edit::RemovePerson { .. } | Edit::Batch(_)) => {
                        places = None;
                        apply_raw(org, e)
                    }
                    e => apply_raw(org, e),
                };
                match result {
                    Ok(inverse) => inverses.push(inverse),
                    Err(err) => {
                        // Roll back what this batch already did.
                        for inverse in inverses.into_iter().rev() {
                            let _ = apply_raw(org, inverse).map_err(missing);
                        }
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            Edit::Batch(inverses)
        }
    })
}

/// Replaces the person `id` found through `places` (kept up to date when the id changes).
fn replace_person_at(
    org: &mut Org,
    places: &mut HashMap<String, usize>,
    id: PersonId,
    person: crate::model::Person,
) -> Result<Edit, EditError> {
    let index = match places.get(id.as_str()) {
        Some(&i) if org.people.get(i).is_some_and(|p| p.id == id) => i,
        _ => person_position(org, &id)?,
    };
    let slot = org.people.get_mut(index).ok_or(EditError::Missing)?;
    let new_id = person.id.clone();
    let old = std::mem::replace(slot, person);
    if new_id != id {
        places.remove(id.as_str());
        places.insert(new_id.0.clone(), index);
    }
    Ok(Edit::ReplacePerson {
        id: new_id,
        person: old,
    })
}

/// Applies a command and returns its inverse; refuses (and leaves `org` as it was) when the
/// result would not be a valid document.
pub fn apply(org: &mut Org, command: Command) -> Result<Command, EditError> {
    let label = command.label;
    let moved = move_only(org, &command.edit);
    let inverse = apply_raw(org, command.edit)?;
    // After a move alone, only what it changed is checked: the rest was valid and is as it was.
    let problems = moved
        .and_then(|p| crate::model::validate_move(org, p))
        .unwrap_or_else(|| validate(org));
    if let Some(first) = problems.first() {
        let message = first.message.clone();
        let _ = apply_raw(org, inverse);
        return Err(EditError::Invalid(message));
    }
    Ok(Command {
        label,
        edit: inverse,
    })
}

/// The position of the person whose manager alone this edit changes (a move), if that is
/// all it does.
fn move_only(org: &Org, edit: &Edit) -> Option<usize> {
    let Edit::ReplacePerson { id, person } = edit else {
        return None;
    };
    if &person.id != id {
        return None;
    }
    let at = org.people.iter().position(|p| &p.id == id)?;
    let old = &org.people[at];
    let same_but_manager = Person {
        manager: old.manager.clone(),
        ..person.clone()
    };
    (same_but_manager == *old && person.manager != old.manager).then_some(at)
}

/// Undo and redo stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Command>,
    redo: Vec<Command>,
    /// Counts applied commands; equal to `saved_at` when the document matches its file.
    version: u64,
    saved_at: u64,
    next_version: u64,
    versions: Vec<u64>,
    redo_versions: Vec<u64>,
}

/// Undo steps kept; the oldest go first (an edit of a large org can hold a copy of much of it).
pub const MAX_UNDO: usize = 1_000;

impl History {
    /// Applies a command as one undo step, clearing the redo stack. Past [`MAX_UNDO`] steps
    /// the oldest is forgotten.
    pub fn apply(&mut self, org: &mut Org, command: Command) -> Result<(), EditError> {
        let inverse = apply(org, command)?;
        if self.undo.len() >= MAX_UNDO {
            self.undo.remove(0);
            self.versions.remove(0);
        }
        self.undo.push(inverse);
        self.versions.push(self.version);
        self.redo.clear();
        self.redo_versions.clear();
        self.next_version += 1;
        self.version = self.next_version;
        Ok(())
    }

    /// Undoes the last step; returns its label. A step that can no longer be undone stays on
    /// the stack and the document, and the saved mark, stay as they were.
    pub fn undo(&mut self, org: &mut Org) -> Option<String> {
        let command = self.undo.last()?.clone();
        let label = command.label.clone();
        let inverse = apply(org, command).ok()?;
        self.undo.pop();
        self.redo.push(inverse);
        self.redo_versions.push(self.version);
        self.version = self.versions.pop().unwrap_or(0);
        Some(label)
    }

    /// Redoes the last undone step; returns its label. Like [`History::undo`], a failure
    /// changes nothing.
    pub fn redo(&mut self, org: &mut Org) -> Option<String> {
        let command = self.redo.last()?.clone();
        let label = command.label.clone();
        let inverse = apply(org, command).ok()?;
        self.redo.pop();
        self.undo.push(inverse);
        self.versions.push(self.version);
        self.version = self.redo_versions.pop().unwrap_or(0);
        Some(label)
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|c| c.label.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|c| c.label.as_str())
    }

    /// A number that changes with every edit, undo and redo (for caches of derived results).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// True while the state of `version` is the current one or one the undo stack goes back
    /// through: an edit made then is still in the document (not undone).
    pub fn includes(&self, version: u64) -> bool {
        self.version == version || self.versions.contains(&version)
    }

    /// True when the document differs from what was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.version != self.saved_at
    }

    /// Marks the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved_at = self.version;
    }

    /// Marks the document as differing from any file (a restored recovery, a CSV import).
    pub fn mark_unsaved(&mut self) {
        self.saved_at = u64::MAX;
    }
}

/// "move Sam Lee under Dana Reyes", or an error saying why not.
pub fn move_under(
    org: &Org,
    person: &PersonId,
    manager: Option<&PersonId>,
) -> Result<Command, EditError> {
    let current = org.person(person.as_str()).ok_or(EditError::Missing)?;
    if let Some(m) = manager {
        if m == person {
            return Err(EditError::Invalid(format!(
                "{} cannot report to themself",
                current.display_name()
            )));
        }
        // Refuse a manager inside the person's own subtree: that would be a cycle.
        let mut at = Some(m.clone());
        let mut steps = 0;
        while let Some(id) = at {
            if &id == person {
                let target = org
                    .person(m.as_str())
                    .map_or(m.as_str(), |p| p.display_name());
                return Err(EditError::Invalid(format!(
                    "{target} reports to {}, so {} cannot report to them: the reporting lines would go round in a circle",
                    current.display_name(),
                    current.display_name()
                )));
            }
            steps += 1;
            if steps > org.people.len() {
                break;
            }
            at = org.person(id.as_str()).and_then(|p| p.manager.clone());
        }
    }
    let mut moved = current.clone();
    moved.manager = manager.cloned();
    let label = match manager.and_then(|m| org.person(m.as_str())) {
        Some(m) => format!("move {} under {}", current.display_name(), m.display_name()),
        None => format!("make {} top-level", current.display_name()),
    };
    Ok(Command {
        label,
        edit: Edit::ReplacePerson {
            id: person.clone(),
            person: moved,
        },
    })
}

/// Deleting a person: their reports move up to their manager, and their rights and links go.
pub fn delete_person(org: &Org, person: &PersonId) -> Result<(Command, usize), EditError> {
    let gone = org.person(person.as_str()).ok_or(EditError::Missing)?;
    let mut edits = Vec::new();
    let mut moved = 0;
    for p in &org.people {
        let reports = p.manager.as_ref() == Some(person);
        let dotted = p.dotted_managers.contains(person);
        if reports || dotted {
            // Their reports go up; a dotted line to them goes with them.
            let mut up = p.clone();
            if reports {
                up.manager = gone.manager.clone();
                moved += 1;
            }
            up.dotted_managers.retain(|m| m != person);
            edits.push(Edit::ReplacePerson {
                id: p.id.clone(),
                person: up,
            });
        }
    }
    // Junior posts counted under them go up with their reports; a top-level post has nobody
    // above to take them.
    for (at, g) in org.junior_posts.iter().enumerate() {
        if &g.reports_to != person {
            continue;
        }
        let Some(up) = &gone.manager else {
            return Err(EditError::Invalid(format!(
                "{} is at the top and has junior posts reporting to them, which would have nobody to report to; move the junior posts or another post above them first",
                gone.display_name()
            )));
        };
        edits.push(Edit::ReplaceJuniorPosts {
            at,
            group: JuniorPosts {
                reports_to: up.clone(),
                ..g.clone()
            },
        });
    }
    // A team that loses its last member can no longer raise anything.
    let emptied_team = (!gone.team.is_empty()
        && !org
            .people
            .iter()
            .any(|p| p.team == gone.team && &p.id != person))
    .then(|| gone.team.clone());
    let leaves = |x: &String| x == &person.0 || Some(x) == emptied_team.as_ref();
    for d in &org.decisions {
        let mentions = |list: &Vec<PersonId>| list.contains(person);
        let raised = d.raised_by.as_ref().is_some_and(|r| r.iter().any(leaves));
        if mentions(&d.decides) || mentions(&d.approves) || mentions(&d.consulted) || raised {
            let mut changed = d.clone();
            changed.decides.retain(|p| p != person);
            changed.approves.retain(|p| p != person);
            changed.consulted.retain(|p| p != person);
            if let Some(r) = &mut changed.raised_by {
                r.retain(|x| !leaves(x));
            }
            edits.push(Edit::ReplaceDecision {
                id: d.id.clone(),
                decision: changed,
            });
        }
    }
    for link in &org.links {
        if &link.from == person || &link.to == person {
            edits.push(Edit::RemoveLink {
                link: link.clone(),
                at: None,
            });
        }
    }
    edits.push(Edit::RemovePerson { id: person.clone() });
    Ok((
        Command {
            label: format!("delete {}", gone.display_name()),
            edit: Edit::Batch(edits),
        },
        moved,
    ))
}

/// The first of `base`, `base-2`, `base-3`… that is not `taken`.
pub fn first_free(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// A new id not used by anybody: `base`, `base-2`, `base-3`…
pub fn fresh_person_id(org: &Org, base: &str) -> PersonId {
    let base = if base.is_empty() { "person" } else { base };
    PersonId(first_free(base, |id| {
        org.people.iter().any(|p| p.id.as_str() == id)
    }))
}

/// A new decision id not used yet.
pub fn fresh_decision_id(org: &Org, base: &str) -> crate::model::DecisionId {
    crate::model::DecisionId(first_free(base, |id| {
        org.decisions.iter().any(|d| d.id.as_str() == id)
    }))
}

/// Adds a new person, under `manager` or at the top level.
pub fn add_person(org: &Org, manager: Option<&PersonId>) -> Result<Command, EditError> {
    let id = fresh_person_id(org, "new-person");
    let mut person = Person::new(id.as_str(), "New person");
    person.manager = manager.cloned();
    if let Some(m) = manager.and_then(|m| org.person(m.as_str())) {
        person.team = m.team.clone();
    }
    let label = match manager.and_then(|m| org.person(m.as_str())) {
        Some(m) => format!("add a report under {}", m.display_name()),
        None => "add a top-level person".to_owned(),
    };
    Ok(Command {
        label,
        edit: Edit::InsertPerson {
            at: org.people.len(),
            person,
        },
    })
}

/// Adds a new decision domain that nobody decides yet.
pub fn add_domain(org: &Org) -> Command {
    Command {
        label: "add a decision domain".to_owned(),
        edit: Edit::InsertDecision {
            at: org.decisions.len(),
            decision: Decision {
                id: fresh_decision_id(org, "new-domain"),
                name: "New decision domain".to_owned(),
                ..Decision::default()
            },
        },
    }
}

pub use crate::model::Right;

/// Gives or takes a right in a domain ("let Sam Lee decide Budget allocation").
pub fn set_right(
    org: &Org,
    domain: &DecisionId,
    person: &PersonId,
    right: Right,
    holds: bool,
) -> Result<Command, EditError> {
    let d = org.decision(domain.as_str()).ok_or(EditError::Missing)?;
    let name = org
        .person(person.as_str())
        .map_or(person.as_str(), |p| p.display_name());
    let mut changed = d.clone();
    let list = match right {
        Right::Decides => &mut changed.decides,
        Right::Approves => &mut changed.approves,
        Right::Consulted => &mut changed.consulted,
    };
    if holds == list.contains(person) {
        return Err(EditError::Invalid("nothing to change".to_owned()));
    }
    if holds {
        list.push(person.clone());
    } else {
        list.retain(|p| p != person);
    }
    let label = match (right, holds) {
        (Right::Decides, true) => format!("let {name} decide {}", d.name),
        (Right::Decides, false) => format!("stop {name} deciding {}", d.name),
        (Right::Approves, true) => format!("let {name} approve {}", d.name),
        (Right::Approves, false) => format!("stop {name} approving {}", d.name),
        (Right::Consulted, true) => format!("consult {name} on {}", d.name),
        (Right::Consulted, false) => format!("stop consulting {name} on {}", d.name),
    };
    Ok(Command {
        label,
        edit: Edit::ReplaceDecision {
            id: domain.clone(),
            decision: changed,
        },
    })
}

/// Replaces a person's fields with `changed` under this label ("rename Sam Lee to Sam Leigh").
pub fn change_person(label: String, id: &PersonId, changed: Person) -> Command {
    Command {
        label,
        edit: Edit::ReplacePerson {
            id: id.clone(),
            person: changed,
        },
    }
}

/// Replaces a decision domain with `changed` under this label.
pub fn change_domain(label: String, id: &DecisionId, changed: Decision) -> Command {
    Command {
        label,
        edit: Edit::ReplaceDecision {
            id: id.clone(),
            decision: changed,
        },
    }
}

/// Deletes a decision domain.
pub fn delete_domain(org: &Org, id: &DecisionId) -> Result<Command, EditError> {
    let d = org.decision(id.as_str()).ok_or(EditError::Missing)?;
    Ok(Command {
        label: format!("delete the decision domain {}", d.name),
        edit: Edit::RemoveDecision { id: id.clone() },
    })
}

/// Adds a dotted-line manager to a person: drawn dashed, never a step on the chain of command.
pub fn add_dotted_manager(
    org: &Org,
    person: &PersonId,
    manager: &PersonId,
) -> Result<Command, EditError> {
    let p = org.person(person.as_str()).ok_or(EditError::Missing)?;
    let m = org.person(manager.as_str()).ok_or(EditError::Missing)?;
    if person == manager {
        return Err(EditError::Invalid(format!(
            "{} cannot be their own dotted-line manager",
            p.display_name()
        )));
    }
    if p.dotted_managers.contains(manager) {
        return Err(EditError::Invalid(format!(
            "{} already has a dotted line to {}",
            p.display_name(),
            m.display_name()
        )));
    }
    let mut changed = p.clone();
    changed.dotted_managers.push(manager.clone());
    Ok(Command {
        label: format!(
            "add a dotted line from {} to {}",
            p.display_name(),
            m.display_name()
        ),
        edit: Edit::ReplacePerson {
            id: person.clone(),
            person: changed,
        },
    })
}

/// Removes a dotted-line manager from a person.
pub fn remove_dotted_manager(
    org: &Org,
    person: &PersonId,
    manager: &PersonId,
) -> Result<Command, EditError> {
    let p = org.person(person.as_str()).ok_or(EditError::Missing)?;
    if !p.dotted_managers.contains(manager) {
        return Err(EditError::Missing);
    }
    let name = org
        .person(manager.as_str())
        .map_or(manager.as_str(), |m| m.display_name());
    let mut changed = p.clone();
    changed.dotted_managers.retain(|m| m != manager);
    Ok(Command {
        label: format!("remove the dotted line from {} to {name}", p.display_name()),
        edit: Edit::ReplacePerson {
            id: person.clone(),
            person: changed,
        },
    })
}

/// Adds rows of junior posts (a UK organogram's junior file read onto the org) after those it
/// has, as one undo step; `None` when there are none to add.
pub fn add_junior_posts(org: &Org, rows: &[JuniorPosts], label: String) -> Option<Command> {
    let start = org.junior_posts.len();
    let edits: Vec<Edit> = rows
        .iter()
        .enumerate()
        .map(|(k, group)| Edit::InsertJuniorPosts {
            at: start + k,
            group: group.clone(),
        })
        .collect();
    (!edits.is_empty()).then_some(Command {
        label,
        edit: Edit::Batch(edits),
    })
}

/// Adds a peer link of kind "advice" from one person to another.
pub fn add_link(org: &Org, from: &PersonId, to: &PersonId) -> Result<Command, EditError> {
    let name = |id: &PersonId| {
        org.person(id.as_str())
            .map(|p| p.display_name().to_owned())
            .ok_or(EditError::Missing)
    };
    let (a, b) = (name(from)?, name(to)?);
    Ok(Command {
        label: format!("link {a} and {b}"),
        edit: Edit::InsertLink {
            at: org.links.len(),
            link: Link {
                from: from.clone(),
                to: to.clone(),
                kind: "advice".to_owned(),
                weight: 1.0,
                extra: Default::default(),
            },
        },
    })
}

/// Removes a peer link.
pub fn remove_link(org: &Org, link: &Link) -> Command {
    let name = |id: &PersonId| {
        org.person(id.as_str())
            .map_or(id.as_str().to_owned(), |p| p.display_name().to_owned())
    };
    Command {
        label: format!(
            "remove the link between {} and {}",
            name(&link.from),
            name(&link.to)
        ),
        edit: Edit::RemoveLink {
            link: link.clone(),
            at: None,
        },
    }
}
