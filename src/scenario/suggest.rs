//! Concrete, explained proposals to distribute decisions. The rules, in order (each domain is
//! touched by one proposal at most, so all of them can be accepted together):
//!
//! 1. **Hand a domain over.** A domain decided only by an overloaded person (a funnel in either
//!    reading, or the sole decider of at least `single_holder_domains` domains) goes to the
//!    person closest to it: consulted on it (+3), approving it (+2), with a skill or title word
//!    in its name (+2), leading the team that raises most of it (+1). The former decider stays
//!    consulted. Nobody scoring above zero, no proposal.
//! 2. **Let the raising teams decide.** A domain still decided only by the overloaded person and
//!    raised by several teams gets one decider per raising team: its most senior member (fewest
//!    levels from the top, then first in the file), who is not an open position.
//! 3. **Add a second decider.** The overloaded person's remaining sole domains get their most
//!    senior direct report who manages people as a second decider, so they do not wait when the
//!    person is away.
//! 4. **Split a wide span.** A manager with more direct reports in post than `wide_span` hands
//!    those who manage nobody to as many leads as keep each lead within `wide_span` (at least
//!    two), the reports taken team by team in file order; each lead is the member of their
//!    group who holds the most rights (then first in the file). A split never makes a new wide
//!    span.
//!
//! Rights only ever go to people who can act (never to somebody who left, a placeholder, an
//! open post or a manager outside the file), never back up the holder's chain of command and
//! never to somebody already overloaded, so suggesting again on the result proposes nothing
//! that undoes an accepted proposal; no domain is left without a decider.

use super::Figures;
use crate::analysis::analyze;
use crate::edit::{Command, Edit};
use crate::model::{Decision, Org, Person, PersonId};
use crate::model::{Hierarchy, NONE};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

impl Proposal {
    /// The waiting it saves, as (share of decisions no longer meeting a queue without end,
    /// working days a decision waits less), both summed over the two readings: proposals are
    /// ranked by it, the first number first.
    pub fn waiting_saved(&self) -> (f64, f64) {
        let (b, a) = (&self.before, &self.after);
        (
            (b.unbounded_hierarchical - a.unbounded_hierarchical)
                + (b.unbounded_distributed - a.unbounded_distributed),
            (b.bounded_wait_hierarchical - a.bounded_wait_hierarchical)
                + (b.bounded_wait_distributed - a.bounded_wait_distributed),
        )
    }

    /// Its effect in one line: "mean wait through the hierarchy 0.3 days → 0.1 days, …; top
    /// share straight to the holder 88% to 84%; …", with `to`
    /// between before and after.
    pub fn effect(&self, to: &str) -> String {
        let pct = crate::format::percent;
        let (b, a) = (&self.before, &self.after);
        // Two decimals: one proposal alone often moves a wait by hundredths of a day.
        let fine = |f: &Figures, hierarchical: bool| {
            let mean = if hierarchical {
                f.mean_wait_hierarchical
            } else {
                f.mean_wait_distributed
            };
            mean.map_or_else(|| f.wait_text(hierarchical), |m| format!("{m:.2} days"))
        };
        format!(
            "mean wait through the hierarchy {} {to} {}, straight to the holder {} {to} {}; top share straight to the holder {} {to} {}; authority HHI {} {to} {}; bus factor {} {to} {}; widest span {} {to} {}",
            fine(b, true),
            fine(a, true),
            fine(b, false),
            fine(a, false),
            pct(b.top_share_distributed),
            pct(a.top_share_distributed),
            crate::model::thousands(b.authority_hhi),
            crate::model::thousands(a.authority_hhi),
            b.bus_factor_text(),
            a.bus_factor_text(),
            b.widest_span,
            a.widest_span
        )
    }
}

/// Which rule made a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// Rule 1.
    HandOver,
    /// Rule 2.
    TeamsDecide,
    /// Rule 3.
    SecondDecider,
    /// Rule 4.
    SplitSpan,
}

/// One proposal: what to do, why, the edit that does it, and its effect on the figures.
#[derive(Clone, Debug, Serialize)]
pub struct Proposal {
    /// Which rule.
    pub kind: ProposalKind,
    /// What to do, in one sentence.
    pub title: String,
    /// Why this person or these people.
    pub why: String,
    /// The edit, one undo step.
    #[serde(skip)]
    pub command: Command,
    /// The figures before.
    pub before: Figures,
    /// The figures after this proposal alone.
    pub after: Figures,
}

fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2)
        .map(str::to_lowercase)
        .collect()
}

/// The words of a person's title and skills.
fn own_words(p: &Person) -> BTreeSet<String> {
    p.skills
        .iter()
        .flat_map(|s| words(s))
        .chain(words(&p.title))
        .collect()
}

fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The proposals for `org`, the most waiting saved first (see [`Proposal::waiting_saved`]).
pub fn suggest(org: &Org) -> Vec<Proposal> {
    let analysis = analyze(org);
    let thresholds = analysis.thresholds;
    let h = Hierarchy::new(org);
    // Rights only go to people who can act: not leavers, placeholders, open posts or managers
    // outside the file.
    let usable = |p: &Person| p.can_act();
    let can_act = |id: &PersonId| {
        h.index
            .get(id.as_str())
            .and_then(|&i| org.people.get(i as usize))
            .is_some_and(Person::can_act)
    };
    let overloaded: BTreeSet<&str> = analysis
        .persons
        .iter()
        .filter(|p| p.can_act)
        .filter(|p| {
            p.hierarchical.share >= thresholds.funnel_share
                || p.distributed.share >= thresholds.funnel_share
                || p.sole_decider_of.len() >= thresholds.single_holder_domains
        })
        .map(|p| p.id.as_str())
        .collect();
    // A domain whose one decider who can act is overloaded (people named who cannot act do
    // not count); a domain with no rights filled in is nobody's yet.
    let sole_overloaded = |d: &Decision| {
        if !d.has_rights() {
            return None;
        }
        let mut able = d.decides.iter().filter(|id| can_act(id));
        match (able.next(), able.next()) {
            (Some(only), None) if overloaded.contains(only.as_str()) => Some(only.clone()),
            _ => None,
        }
    };
    // Distributing moves a decision out or down, never back up the holder's chain: a domain
    // handed to a report must not be handed back to the manager it came from.
    let above = |holder: &PersonId, candidate: &PersonId| {
        let (Some(&h0), Some(&c)) = (
            h.index.get(holder.as_str()),
            h.index.get(candidate.as_str()),
        ) else {
            return false;
        };
        let mut v = h.parent.get(h0 as usize).copied().unwrap_or(NONE);
        while v != NONE {
            if v == c {
                return true;
            }
            v = h.parent.get(v as usize).copied().unwrap_or(NONE);
        }
        false
    };
    let depth = |id: &PersonId| {
        h.index
            .get(id.as_str())
            .and_then(|&i| h.depth.get(i as usize))
            .copied()
            .unwrap_or(u32::MAX)
    };
    // Each team's most senior member who can act (fewest levels from the top, then first in
    // the file), worked out once for all teams.
    let mut seniors: HashMap<&str, (u32, usize)> = HashMap::new();
    for (i, p) in org.people.iter().enumerate() {
        if !usable(p) {
            seniors
                .entry(p.team.as_str())
                .or_insert((u32::MAX, usize::MAX));
            continue;
        }
        let key = (depth(&p.id), i);
        let best = seniors.entry(p.team.as_str()).or_insert(key);
        if key < *best {
            *best = key;
        }
    }
    let teams_of = |d: &Decision| -> Vec<String> {
        d.raised_by
            .iter()
            .flatten()
            .filter(|r| seniors.contains_key(r.as_str()))
            .cloned()
            .collect()
    };
    let senior_of = |team: &str| -> Option<PersonId> {
        seniors
            .get(team)
            .and_then(|&(_, i)| org.people.get(i))
            .map(|p| p.id.clone())
    };
    // Who has each word of a title or a skill, for matching a domain's name.
    let mut has_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in org.people.iter().enumerate() {
        for w in own_words(p) {
            has_word.entry(w).or_default().push(i);
        }
    }
    let index_of = |id: &PersonId| h.index.get(id.as_str()).map(|&i| i as usize);
    let name_of = |id: &PersonId| {
        index_of(id)
            .and_then(|i| org.people.get(i))
            .map_or(id.0.clone(), |p| p.display_name().to_owned())
    };
    let with_title = |id: &PersonId| match index_of(id).and_then(|i| org.people.get(i)) {
        Some(p) if !p.title.is_empty() => format!("{} ({})", p.display_name(), p.title),
        Some(p) => p.display_name().to_owned(),
        None => id.0.clone(),
    };

    let mut touched: BTreeSet<String> = BTreeSet::new();
    let mut proposals = Vec::new();
    // Proposals as the rules make them; their effects are worked out at the end.
    let mut add = |kind, title: String, why: String, command: Command| {
        proposals.push(Pending {
            kind,
            title,
            why,
            command,
        });
    };

    // A word of a domain's name says something about it only if no other domain shares it
    // ("school" in "School trips" and "School events" matches every school job title).
    let mut word_count: BTreeMap<String, usize> = BTreeMap::new();
    for d in &org.decisions {
        for w in words(&d.name) {
            *word_count.entry(w).or_default() += 1;
        }
    }

    // Rule 1: hand a domain over to the person closest to it.
    for d in &org.decisions {
        let Some(holder) = sole_overloaded(d) else {
            continue;
        };
        let domain_words: BTreeSet<String> = words(&d.name)
            .into_iter()
            .filter(|w| word_count.get(w) == Some(&1))
            .collect();
        let teams = teams_of(d);
        let main_team = (teams.len() == 1).then(|| teams[0].clone());
        let mut best: Option<(i32, u32, usize, PersonId, Vec<&'static str>)> = None;
        // Only people who score: consulted, approving, with a matching word, leading the
        // raising team (everybody else scores nothing and is never chosen).
        let mut candidates: BTreeSet<usize> = d
            .consulted
            .iter()
            .chain(&d.approves)
            .filter_map(index_of)
            .collect();
        for w in &domain_words {
            candidates.extend(has_word.get(w).into_iter().flatten().copied());
        }
        if let Some(lead) = main_team.as_deref().and_then(senior_of) {
            candidates.extend(index_of(&lead));
        }
        for (i, p) in candidates
            .into_iter()
            .filter_map(|i| org.people.get(i).map(|p| (i, p)))
        {
            if p.id == holder
                || !usable(p)
                || above(&holder, &p.id)
                || overloaded.contains(p.id.as_str())
            {
                continue;
            }
            let mut score = 0;
            let mut reasons = Vec::new();
            if d.consulted.contains(&p.id) {
                score += 3;
                reasons.push("is consulted on it");
            }
            if d.approves.contains(&p.id) {
                score += 2;
                reasons.push("approves it already");
            }
            if !own_words(p).is_disjoint(&domain_words) {
                score += 2;
                reasons.push("has the matching skill or title");
            }
            if main_team.as_deref() == Some(p.team.as_str())
                && senior_of(&p.team).as_ref() == Some(&p.id)
            {
                score += 1;
                reasons.push("leads the team that raises it");
            }
            if score == 0 {
                continue;
            }
            let key = (score, u32::MAX - depth(&p.id), usize::MAX - i);
            if best
                .as_ref()
                .is_none_or(|(s, dd, ii, _, _)| key > (*s, *dd, *ii))
            {
                best = Some((key.0, key.1, key.2, p.id.clone(), reasons));
            }
        }
        let Some((_, _, _, to, reasons)) = best else {
            continue;
        };
        let mut changed = d.clone();
        changed.decides = vec![to.clone()];
        changed.approves.retain(|p| *p != to);
        changed.consulted.retain(|p| *p != to);
        if !changed.consulted.contains(&holder) {
            changed.consulted.push(holder.clone());
        }
        touched.insert(d.id.0.clone());
        add(
            ProposalKind::HandOver,
            format!("Hand {} to {}", d.name, with_title(&to)),
            format!(
                "{} {}; {} stays consulted.",
                name_of(&to),
                list(&reasons.iter().map(|r| r.to_string()).collect::<Vec<_>>()),
                name_of(&holder)
            ),
            Command {
                label: format!("hand {} to {}", d.name, name_of(&to)),
                edit: Edit::ReplaceDecision {
                    id: d.id.clone(),
                    decision: changed,
                },
            },
        );
    }

    // Rule 2: let each raising team decide.
    for d in &org.decisions {
        if touched.contains(&d.id.0) {
            continue;
        }
        let Some(holder) = sole_overloaded(d) else {
            continue;
        };
        let teams = teams_of(d);
        if teams.len() < 2 {
            continue;
        }
        let deciders: Vec<PersonId> = teams
            .iter()
            .filter_map(|t| senior_of(t))
            .filter(|p| *p != holder && !above(&holder, p))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if deciders.len() < 2 {
            continue;
        }
        let mut changed = d.clone();
        changed.decides = deciders.clone();
        changed.approves.retain(|p| !deciders.contains(p));
        changed.consulted.retain(|p| !deciders.contains(p));
        if !changed.consulted.contains(&holder) {
            changed.consulted.push(holder.clone());
        }
        touched.insert(d.id.0.clone());
        let names: Vec<String> = deciders.iter().map(&name_of).collect();
        add(
            ProposalKind::TeamsDecide,
            format!(
                "Let the {} teams that raise {} decide it themselves",
                teams.len(),
                d.name
            ),
            format!(
                "One decider per raising team, its most senior member: {}; {} stays consulted.",
                list(&names),
                name_of(&holder)
            ),
            Command {
                label: format!("let the raising teams decide {}", d.name),
                edit: Edit::ReplaceDecision {
                    id: d.id.clone(),
                    decision: changed,
                },
            },
        );
    }

    // Rule 3: a second decider for what is left.
    let mut left: BTreeMap<PersonId, Vec<&Decision>> = BTreeMap::new();
    for d in &org.decisions {
        if touched.contains(&d.id.0) {
            continue;
        }
        if let Some(holder) = sole_overloaded(d) {
            left.entry(holder).or_default().push(d);
        }
    }
    for (holder, domains) in left {
        let deputy = index_of(&holder)
            .map_or(&[][..], |i| h.children_of(i as u32))
            .iter()
            .filter_map(|&c| org.people.get(c as usize))
            .filter(|p| p.manager.as_ref() == Some(&holder) && usable(p))
            .filter(|p| h.index.get(p.id.as_str()).is_some_and(|&i| h.span(i) > 0))
            .max_by_key(|p| h.index.get(p.id.as_str()).map_or(0, |&i| h.span(i)))
            .map(|p| p.id.clone());
        let Some(deputy) = deputy else {
            continue;
        };
        let edits: Vec<Edit> = domains
            .iter()
            .map(|d| {
                let mut changed = (*d).clone();
                changed.decides.push(deputy.clone());
                changed.approves.retain(|p| *p != deputy);
                changed.consulted.retain(|p| *p != deputy);
                Edit::ReplaceDecision {
                    id: d.id.clone(),
                    decision: changed,
                }
            })
            .collect();
        let names: Vec<String> = domains.iter().map(|d| d.name.clone()).collect();
        add(
            ProposalKind::SecondDecider,
            format!(
                "Let {} also decide {} that only {} decides",
                with_title(&deputy),
                if domains.len() == 1 {
                    "the one domain".to_owned()
                } else {
                    format!("the {} domains", domains.len())
                },
                name_of(&holder)
            ),
            format!(
                "{} manages people and reports to {}; {} will not wait when {} is away.",
                name_of(&deputy),
                name_of(&holder),
                list(&names),
                name_of(&holder)
            ),
            Command {
                label: format!("add {} as a second decider", name_of(&deputy)),
                edit: Edit::Batch(edits),
            },
        );
    }

    // Rule 4: split a wide span under as many leads as keep every new span within the
    // threshold.
    let mut held: HashMap<&str, usize> = HashMap::new();
    for d in &org.decisions {
        let holders: BTreeSet<&str> = d
            .decides
            .iter()
            .chain(&d.approves)
            .chain(&d.consulted)
            .map(PersonId::as_str)
            .collect();
        for id in holders {
            *held.entry(id).or_default() += 1;
        }
    }
    let rights_held = |id: &PersonId| held.get(id.as_str()).copied().unwrap_or(0);
    let wide = thresholds.wide_span.max(1);
    for (m, manager) in org.people.iter().enumerate() {
        if !usable(manager) {
            continue;
        }
        let reports: Vec<&Person> = h
            .children_of(m as u32)
            .iter()
            .filter_map(|&c| org.people.get(c as usize))
            .filter(|p| p.vacant || p.can_act())
            .collect();
        if reports.len() <= wide {
            continue;
        }
        // Their reports who manage nobody and can act, grouped by team in the order teams
        // first appear.
        let mut first_seen: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &reports {
            let next = first_seen.len();
            first_seen.entry(p.team.as_str()).or_insert(next);
        }
        let mut members: Vec<&Person> = reports
            .iter()
            .copied()
            .filter(|p| {
                let manages = h.index.get(p.id.as_str()).is_some_and(|&i| h.span(i) > 0);
                !manages && usable(p)
            })
            .collect();
        // Stable: within a team, file order.
        members.sort_by_key(|p| first_seen.get(p.team.as_str()).copied().unwrap_or(0));
        let total = members.len();
        // Each lead takes at most `wide` reports of their own: groups of at most wide + 1.
        let groups = total.div_ceil(wide + 1).max(2);
        let kept = reports.len() - total;
        if total < 4 || kept + groups >= reports.len() {
            continue;
        }
        let mut edits = Vec::new();
        let mut leads = Vec::new();
        let mut start = 0;
        for g in 0..groups {
            let end = total * (g + 1) / groups;
            let Some(chunk) = members.get(start..end) else {
                continue;
            };
            start = end;
            let Some(lead) = chunk
                .iter()
                .enumerate()
                .max_by_key(|(i, p)| (rights_held(&p.id), usize::MAX - i))
                .map(|(_, p)| *p)
            else {
                continue;
            };
            let mut team_names: Vec<String> = Vec::new();
            for p in chunk {
                if !p.team.is_empty() && !team_names.contains(&p.team) {
                    team_names.push(p.team.clone());
                }
            }
            leads.push(if team_names.is_empty() {
                format!("{} for {} people", name_of(&lead.id), chunk.len() - 1)
            } else {
                format!("{} for {}", name_of(&lead.id), list(&team_names))
            });
            for p in chunk.iter().filter(|p| p.id != lead.id) {
                let mut moved = (*p).clone();
                moved.manager = Some(lead.id.clone());
                edits.push(Edit::ReplacePerson {
                    id: p.id.clone(),
                    person: moved,
                });
            }
        }
        if leads.len() < 2 {
            continue;
        }
        add(
            ProposalKind::SplitSpan,
            format!(
                "Split {}'s {} direct reports under {} leads",
                manager.display_name(),
                reports.len(),
                leads.len()
            ),
            format!(
                "{}: each lead already holds the most rights in their group and takes at most {wide} reports; {} keeps the leads and the managers.",
                list(&leads),
                manager.display_name()
            ),
            Command {
                label: format!(
                    "split {}'s span under {} leads",
                    manager.display_name(),
                    leads.len()
                ),
                edit: Edit::Batch(edits),
            },
        );
    }
    evaluate(org, &analysis, merge_the_rest(proposals))
}

/// A proposal before its effect is known.
struct Pending {
    kind: ProposalKind,
    title: String,
    why: String,
    command: Command,
}

/// Proposals of one kind shown one by one; the rest of that kind become one proposal.
pub const SHOWN_EACH: usize = 8;

/// Keeps the first [`SHOWN_EACH`] proposals of each kind as they are and merges the rest of
/// that kind into one ("Split the 1,990 other wide spans…"), one undo step, so that a large org
/// gets a list a person can read and every effect can be worked out. Accepting everything
/// still does everything.
fn merge_the_rest(mut pending: Vec<Pending>) -> Vec<Pending> {
    // The widest spans first among the splits (a stable sort: the rules' order otherwise).
    let moved = |p: &Pending| match (&p.kind, &p.command.edit) {
        (ProposalKind::SplitSpan, Edit::Batch(edits)) => edits.len(),
        _ => 0,
    };
    pending.sort_by_key(|p| (p.kind as u8, std::cmp::Reverse(moved(p))));
    let mut out: Vec<Pending> = Vec::new();
    let mut rest: Vec<(ProposalKind, Vec<Pending>)> = Vec::new();
    let mut seen: BTreeMap<u8, usize> = BTreeMap::new();
    for p in pending {
        let count = seen.entry(p.kind as u8).or_default();
        *count += 1;
        if *count <= SHOWN_EACH {
            out.push(p);
        } else {
            match rest.iter_mut().find(|(k, _)| *k == p.kind) {
                Some((_, list)) => list.push(p),
                None => rest.push((p.kind, vec![p])),
            }
        }
    }
    for (kind, list) in rest {
        let n = list.len();
        let count = crate::model::thousands(n as f64);
        let title = match kind {
            ProposalKind::HandOver => {
                format!(
                    "Hand the {count} other domains that only an overloaded person decides to the people closest to them"
                )
            }
            ProposalKind::TeamsDecide => {
                format!("Let the raising teams decide the {count} other domains they raise")
            }
            ProposalKind::SecondDecider => {
                format!("Add a second decider for {count} other overloaded people")
            }
            ProposalKind::SplitSpan => format!("Split the {count} other wide spans"),
        };
        let shown: Vec<String> = list.iter().take(3).map(|p| p.title.clone()).collect();
        let why = format!(
            "The same rule as above, {count} times: {}{}.",
            shown.join("; "),
            if n > 3 { "; …" } else { "" }
        );
        let label = format!("{} ({count} changes)", title.to_lowercase());
        out.push(Pending {
            kind,
            title,
            why,
            command: Command {
                label,
                // One flat batch: its edits each find their person in one index.
                edit: Edit::Batch(
                    list.into_iter()
                        .flat_map(|p| match p.command.edit {
                            Edit::Batch(edits) => edits,
                            edit => vec![edit],
                        })
                        .collect(),
                ),
            },
        });
    }
    out
}

/// Each proposal's effect on the figures, on its own: the org with that one edit, analysed.
/// The analyses run on every core; the order stays the rules' order.
fn evaluate(
    org: &Org,
    analysis: &crate::analysis::Analysis,
    pending: Vec<Pending>,
) -> Vec<Proposal> {
    let before = Figures::of(analysis);
    let after_of = |p: &Pending| -> Option<Figures> {
        let mut after = org.clone();
        crate::edit::apply(&mut after, p.command.clone()).ok()?;
        Some(Figures::of(&analyze(&after)))
    };
    let effects = crate::work::on_every_core(&pending, after_of);
    let mut proposals: Vec<Proposal> = pending
        .into_iter()
        .zip(effects)
        .filter_map(|(p, after)| {
            Some(Proposal {
                kind: p.kind,
                title: p.title,
                why: p.why,
                command: p.command,
                before: before.clone(),
                after: after?,
            })
        })
        .collect();
    // The most waiting saved first (a stable sort: the rules' order among equals).
    proposals.sort_by(|x, y| {
        let (a, b) = (x.waiting_saved(), y.waiting_saved());
        b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1))
    });
    proposals
}
