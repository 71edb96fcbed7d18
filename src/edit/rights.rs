//! Edits of decision rights as whole gestures: one cell of the rights matrix, a rights sheet
//! merged in, a template of common domains.

use super::{Command, Edit, EditError, Right, fresh_decision_id};
use crate::model::{Decision, DecisionId, Org, PersonId, RoleKind, RoleRight};
use serde::Deserialize;

/// The right a set of people hold in a domain, as one cell of the matrix shows it: the right
/// all of them hold, or none when they differ or hold nothing.
pub fn common_right(decision: &Decision, people: &[PersonId]) -> Option<Right> {
    if people.is_empty() {
        return None;
    }
    [
        (Right::Decides, &decision.decides),
        (Right::Approves, &decision.approves),
        (Right::Consulted, &decision.consulted),
    ]
    .into_iter()
    .find(|(_, list)| people.iter().all(|p| list.contains(p)))
    .map(|(right, _)| right)
}

/// The next right in the matrix's cycle: none → decides → approves → consulted → none.
pub fn next_right(right: Option<Right>) -> Option<Right> {
    match right {
        None => Some(Right::Decides),
        Some(Right::Decides) => Some(Right::Approves),
        Some(Right::Approves) => Some(Right::Consulted),
        Some(Right::Consulted) => None,
    }
}

/// Gives `people` exactly `right` in a domain (or no right), as one undo step named after
/// `who` ("let Year 3 teachers decide Budget allocation").
pub fn set_rights(
    org: &Org,
    domain: &DecisionId,
    people: &[PersonId],
    right: Option<Right>,
    who: &str,
) -> Result<Command, EditError> {
    let d = org.decision(domain.as_str()).ok_or(EditError::Missing)?;
    let mut changed = d.clone();
    for list in [
        &mut changed.decides,
        &mut changed.approves,
        &mut changed.consulted,
    ] {
        list.retain(|p| !people.contains(p));
    }
    if let Some(right) = right {
        let list = match right {
            Right::Decides => &mut changed.decides,
            Right::Approves => &mut changed.approves,
            Right::Consulted => &mut changed.consulted,
        };
        list.extend(people.iter().cloned());
    }
    if changed == *d {
        return Err(EditError::Invalid("nothing to change".to_owned()));
    }
    let label = match right {
        Some(Right::Decides) => format!("let {who} decide {}", d.name),
        Some(Right::Approves) => format!("let {who} approve {}", d.name),
        Some(Right::Consulted) => format!("consult {who} on {}", d.name),
        None => format!("take {who}'s rights in {}", d.name),
    };
    Ok(super::change_domain(label, domain, changed))
}

/// Makes `org`'s domains those of `merged` (a rights sheet read onto it) as one undo step:
/// changed domains are replaced, new ones added at the end.
pub fn merge_decisions(org: &Org, merged: &[Decision], label: String) -> Option<Command> {
    let mut edits = Vec::new();
    let mut at = org.decisions.len();
    for d in merged {
        match org.decisions.iter().find(|old| old.id == d.id) {
            Some(old) if old == d => {}
            Some(_) => edits.push(Edit::ReplaceDecision {
                id: d.id.clone(),
                decision: d.clone(),
            }),
            None => {
                edits.push(Edit::InsertDecision {
                    at,
                    decision: d.clone(),
                });
                at += 1;
            }
        }
    }
    (!edits.is_empty()).then_some(Command {
        label,
        edit: Edit::Batch(edits),
    })
}

/// Makes `org`'s links `merged` (an edge list read onto it: the same links, some heavier, and
/// new ones at the end) as one undo step.
pub fn merge_links(org: &Org, merged: &[crate::model::Link], label: String) -> Option<Command> {
    let mut edits = Vec::new();
    for (at, (old, new)) in org.links.iter().zip(merged).enumerate() {
        if old != new {
            edits.push(Edit::RemoveLink {
                link: old.clone(),
                at: Some(at),
            });
            edits.push(Edit::InsertLink {
                at,
                link: new.clone(),
            });
        }
    }
    for (at, link) in merged.iter().enumerate().skip(org.links.len()) {
        edits.push(Edit::InsertLink {
            at,
            link: link.clone(),
        });
    }
    (!edits.is_empty()).then_some(Command {
        label,
        edit: Edit::Batch(edits),
    })
}

/// A set of common decision domains to start from (`assets/templates/`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Template {
    /// Its name ("School").
    pub template: String,
    /// What it is for.
    pub description: String,
    /// The domains.
    pub domains: Vec<TemplateDomain>,
}

/// One domain of a template; each right lists job titles (or words of titles) to try in order:
/// everybody whose title holds the first one that matches anybody gets the right.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct TemplateDomain {
    /// The domain's name.
    pub name: String,
    /// How often it comes up in a month.
    pub per_month: f64,
    /// Titles that decide, in order of preference.
    #[serde(default)]
    pub decides: Vec<String>,
    /// Titles that approve.
    #[serde(default)]
    pub approves: Vec<String>,
    /// Titles that are consulted.
    #[serde(default)]
    pub consulted: Vec<String>,
}

/// The templates shipped with orgflow, by file name.
pub const TEMPLATES: [(&str, &str); 3] = [
    ("school", include_str!("../../assets/templates/school.json")),
    (
        "product",
        include_str!("../../assets/templates/product.json"),
    ),
    (
        "generic",
        include_str!("../../assets/templates/generic.json"),
    ),
];

/// The shipped templates, parsed.
pub fn templates() -> Vec<Template> {
    TEMPLATES
        .iter()
        .filter_map(|(_, text)| serde_json::from_str(text).ok())
        .collect()
}

/// Words of a title, lower case, padded so that " head " matches the word and not "headteacher".
fn words(text: &str) -> String {
    format!(" {} ", crate::model::words_of(text))
}

/// Who gets a template's right: the first of `titles` that anybody who can act holds; the one
/// person who holds it, or, when several do, a role right for the title's words (each
/// decision then goes to the holder responsible for its raiser).
fn holders_of(
    org: &Org,
    titles: &[String],
    right: crate::model::Right,
) -> (Vec<PersonId>, Vec<RoleRight>) {
    for title in titles {
        let wanted = words(title);
        let found: Vec<PersonId> = org
            .people
            .iter()
            .filter(|p| p.can_act() && words(&p.title).contains(&wanted))
            .map(|p| p.id.clone())
            .collect();
        match found.len() {
            0 => continue,
            1 => return (found, Vec::new()),
            _ => {
                return (
                    Vec::new(),
                    vec![RoleRight {
                        of: RoleKind::TitleWords,
                        name: wanted.trim().to_owned(),
                        right,
                    }],
                );
            }
        }
    }
    (Vec::new(), Vec::new())
}

/// Adds a template's domains that the org does not have yet (by name), with deciders,
/// approvers and consulted people matched by title, as one undo step. Also returns the ids of
/// the added domains nobody could be found to decide.
pub fn apply_template(org: &Org, template: &Template) -> Option<(Command, Vec<DecisionId>)> {
    let mut work = org.clone();
    let mut edits = Vec::new();
    let mut undecided = Vec::new();
    for t in &template.domains {
        let known = work
            .decisions
            .iter()
            .any(|d| words(&d.name) == words(&t.name));
        if known {
            continue;
        }
        let (decides, mut roles) = holders_of(org, &t.decides, crate::model::Right::Decides);
        let (approves, more) = holders_of(org, &t.approves, crate::model::Right::Approves);
        roles.extend(more);
        let (consulted, more) = holders_of(org, &t.consulted, crate::model::Right::Consulted);
        roles.extend(more);
        let decision = Decision {
            id: fresh_decision_id(&work, &words(&t.name).trim().replace(' ', "-")),
            name: t.name.clone(),
            per_month: t.per_month,
            decides,
            approves,
            consulted,
            roles,
            ..Decision::default()
        };
        if decision.decides.is_empty()
            && !decision
                .roles
                .iter()
                .any(|r| r.right == crate::model::Right::Decides)
        {
            undecided.push(decision.id.clone());
        }
        let at = work.decisions.len();
        work.decisions.push(decision.clone());
        edits.push(Edit::InsertDecision { at, decision });
    }
    (!edits.is_empty()).then(|| {
        (
            Command {
                label: format!("start from the {} template", template.template),
                edit: Edit::Batch(edits),
            },
            undecided,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_parse() {
        let all = templates();
        assert_eq!(all.len(), TEMPLATES.len());
        assert!(all.iter().all(|t| !t.domains.is_empty()));
    }

    #[test]
    fn titles_match_whole_words() {
        assert!(words("Head of Maths").contains(&words("head")));
        assert!(!words("Headteacher").contains(&words("head")));
        assert!(words("Assistant principal (KS2)").contains(&words("assistant principal")));
    }
}
