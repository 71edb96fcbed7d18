//! Every change to a document is a command; applying one returns its inverse, so undo and
//! redo are exact. Edits that would break the document are refused and leave it untouched.

use crate::model::{Decision, Link, Org, Person, PersonId, validate};
use thiserror::Error;

/// One change to the org. Applying it returns the change that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Put this person at this place in `people` (after editing their fields, manager…).
    ReplacePerson {
        /// Index in `people`.
        index: usize,
        /// The new value.
        person: Person,
    },
    /// Insert a person at this index of `people`.
    InsertPerson {
        /// Index in `people`.
        index: usize,
        /// The person.
        person: Person,
    },
    /// Remove the person at this index of `people`.
    RemovePerson {
        /// Index in `people`.
        index: usize,
    },
    /// Put this decision domain at this place in `decisions`.
    ReplaceDecision {
        /// Index in `decisions`.
        index: usize,
        /// The new value.
        decision: Decision,
    },
    /// Insert a decision domain.
    InsertDecision {
        /// Index in `decisions`.
        index: usize,
        /// The domain.
        decision: Decision,
    },
    /// Remove a decision domain.
    RemoveDecision {
        /// Index in `decisions`.
        index: usize,
    },
    /// Insert a peer link.
    InsertLink {
        /// Index in `links`.
        index: usize,
        /// The link.
        link: Link,
    },
    /// Remove a peer link.
    RemoveLink {
        /// Index in `links`.
        index: usize,
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
    /// The edit names something that is not there (a stale index).
    #[error("that is no longer in the document")]
    Missing,
    /// The edit would make the document invalid.
    #[error("{0}")]
    Invalid(String),
}

fn missing<T>(_: T) -> EditError {
    EditError::Missing
}

/// Applies one edit without validation; returns its inverse.
fn apply_raw(org: &mut Org, edit: Edit) -> Result<Edit, EditError> {
    Ok(match edit {
        Edit::ReplacePerson { index, person } => {
            let slot = org.people.get_mut(index).ok_or(EditError::Missing)?;
            let old = std::mem::replace(slot, person);
            Edit::ReplacePerson { index, person: old }
        }
        Edit::InsertPerson { index, person } => {
            (index <= org.people.len())
                .then_some(())
                .ok_or(EditError::Missing)?;
            org.people.insert(index, person);
            Edit::RemovePerson { index }
        }
        Edit::RemovePerson { index } => {
            (index < org.people.len())
                .then_some(())
                .ok_or(EditError::Missing)?;
            let person = org.people.remove(index);
            Edit::InsertPerson { index, person }
        }
        Edit::ReplaceDecision { index, decision } => {
            let slot = org.decisions.get_mut(index).ok_or(EditError::Missing)?;
            let old = std::mem::replace(slot, decision);
            Edit::ReplaceDecision {
                index,
                decision: old,
            }
        }
        Edit::InsertDecision { index, decision } => {
            (index <= org.decisions.len())
                .then_some(())
                .ok_or(EditError::Missing)?;
            org.decisions.insert(index, decision);
            Edit::RemoveDecision { index }
        }
        Edit::RemoveDecision { index } => {
            (index < org.decisions.len())
                .then_some(())
                .ok_or(EditError::Missing)?;
            let decision = org.decisions.remove(index);
            Edit::InsertDecision { index, decision }
        }
        Edit::InsertLink { index, link } => {
            (index <= org.links.len())
                .then_some(())
                .ok_or(EditError::Missing)?;
            org.links.insert(index, link);
            Edit::RemoveLink { index }
        }
        Edit::RemoveLink { index } => {
            (index < org.links.len())
                .then_some(())
                .ok_or(EditError::Missing)?;
            let link = org.links.remove(index);
            Edit::InsertLink { index, link }
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for e in edits {
                match apply_raw(org, e) {
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

/// Applies a command and returns its inverse; refuses (and leaves `org` as it was) when the
/// result would not be a valid document.
pub fn apply(org: &mut Org, command: Command) -> Result<Command, EditError> {
    let label = command.label;
    let inverse = apply_raw(org, command.edit)?;
    let problems = validate(org);
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

impl History {
    /// Applies a command as one undo step, clearing the redo stack.
    pub fn apply(&mut self, org: &mut Org, command: Command) -> Result<(), EditError> {
        let inverse = apply(org, command)?;
        self.undo.push(inverse);
        self.versions.push(self.version);
        self.redo.clear();
        self.redo_versions.clear();
        self.next_version += 1;
        self.version = self.next_version;
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, org: &mut Org) -> Option<String> {
        let command = self.undo.pop()?;
        let label = command.label.clone();
        match apply(org, command) {
            Ok(inverse) => {
                self.redo.push(inverse);
                self.redo_versions.push(self.version);
                self.version = self.versions.pop().unwrap_or(0);
                Some(label)
            }
            Err(_) => None,
        }
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, org: &mut Org) -> Option<String> {
        let command = self.redo.pop()?;
        let label = command.label.clone();
        match apply(org, command) {
            Ok(inverse) => {
                self.undo.push(inverse);
                self.versions.push(self.version);
                self.version = self.redo_versions.pop().unwrap_or(0);
                Some(label)
            }
            Err(_) => None,
        }
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|c| c.label.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|c| c.label.as_str())
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

/// Index of the person with this id.
fn index_of(org: &Org, id: &PersonId) -> Option<usize> {
    org.people.iter().position(|p| &p.id == id)
}

/// "move Sam Lee under Dana Reyes", or an error saying why not.
pub fn move_under(
    org: &Org,
    person: &PersonId,
    manager: Option<&PersonId>,
) -> Result<Command, EditError> {
    let index = index_of(org, person).ok_or(EditError::Missing)?;
    let current = &org.people[index];
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
            index,
            person: moved,
        },
    })
}

/// Deleting a person: their reports move up to their manager, and their rights and links go.
pub fn delete_person(org: &Org, person: &PersonId) -> Result<(Command, usize), EditError> {
    let index = index_of(org, person).ok_or(EditError::Missing)?;
    let gone = &org.people[index];
    let mut edits = Vec::new();
    let mut moved = 0;
    for (i, p) in org.people.iter().enumerate() {
        if p.manager.as_ref() == Some(person) {
            let mut up = p.clone();
            up.manager = gone.manager.clone();
            edits.push(Edit::ReplacePerson {
                index: i,
                person: up,
            });
            moved += 1;
        }
    }
    for (k, d) in org.decisions.iter().enumerate() {
        let mentions = |list: &Vec<PersonId>| list.contains(person);
        let raised = d.raised_by.as_ref().is_some_and(|r| r.contains(&person.0));
        if mentions(&d.decides) || mentions(&d.approves) || mentions(&d.consulted) || raised {
            let mut changed = d.clone();
            changed.decides.retain(|p| p != person);
            changed.approves.retain(|p| p != person);
            changed.consulted.retain(|p| p != person);
            if let Some(r) = &mut changed.raised_by {
                r.retain(|x| x != &person.0);
            }
            edits.push(Edit::ReplaceDecision {
                index: k,
                decision: changed,
            });
        }
    }
    let links: Vec<usize> = org
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| &l.from == person || &l.to == person)
        .map(|(i, _)| i)
        .collect();
    for &i in links.iter().rev() {
        edits.push(Edit::RemoveLink { index: i });
    }
    edits.push(Edit::RemovePerson { index });
    Ok((
        Command {
            label: format!("delete {}", gone.display_name()),
            edit: Edit::Batch(edits),
        },
        moved,
    ))
}

/// A new id not used by anybody: `base`, `base-2`, `base-3`…
pub fn fresh_person_id(org: &Org, base: &str) -> PersonId {
    let base = if base.is_empty() { "person" } else { base };
    let taken = |id: &str| org.people.iter().any(|p| p.id.as_str() == id);
    if !taken(base) {
        return PersonId(base.to_owned());
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .map(PersonId)
        .unwrap_or_default()
}

/// A new decision id not used yet.
pub fn fresh_decision_id(org: &Org, base: &str) -> crate::model::DecisionId {
    let taken = |id: &str| org.decisions.iter().any(|d| d.id.as_str() == id);
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_owned()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .map(crate::model::DecisionId)
        .unwrap_or_default()
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
            index: org.people.len(),
            person,
        },
    })
}

/// Adds a new decision domain that nobody decides yet.
pub fn add_domain(org: &Org) -> Command {
    Command {
        label: "add a decision domain".to_owned(),
        edit: Edit::InsertDecision {
            index: org.decisions.len(),
            decision: Decision {
                id: fresh_decision_id(org, "new-domain"),
                name: "New decision domain".to_owned(),
                ..Decision::default()
            },
        },
    }
}

/// The rights a person can hold in a decision domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Right {
    /// May decide.
    Decides,
    /// Must approve.
    Approves,
    /// Is consulted.
    Consulted,
}

impl Right {
    /// The word for it.
    pub fn word(&self) -> &'static str {
        match self {
            Right::Decides => "decides",
            Right::Approves => "approves",
            Right::Consulted => "consulted",
        }
    }
}

/// Gives or takes a right in a domain ("let Sam Lee decide Budget allocation").
pub fn set_right(
    org: &Org,
    domain: usize,
    person: &PersonId,
    right: Right,
    holds: bool,
) -> Result<Command, EditError> {
    let d = org.decisions.get(domain).ok_or(EditError::Missing)?;
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
            index: domain,
            decision: changed,
        },
    })
}
