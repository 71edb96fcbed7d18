//! Export of the people to CSV, safe to open in a spreadsheet.

use crate::model::{Org, Status};
use std::collections::BTreeSet;

/// What a CSV of people cannot hold of a team file, in words for the user; empty when nothing
/// is lost.
pub fn csv_losses(org: &Org) -> Vec<String> {
    let mut lost = Vec::new();
    let count = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    if !org.decisions.is_empty() {
        lost.push(count(
            org.decisions.len(),
            "decision domain and its rights",
            "decision domains and their rights",
        ));
    }
    if !org.links.is_empty() {
        lost.push(count(org.links.len(), "peer link", "peer links"));
    }
    if !org.junior_posts.is_empty() {
        lost.push(count(
            org.junior_posts.len(),
            "row of junior posts",
            "rows of junior posts",
        ));
    }
    if !org.mission.is_empty() {
        lost.push("the mission".to_owned());
    }
    if !org.thresholds.is_empty() {
        lost.push("the warning thresholds".to_owned());
    }
    if !org.queue.is_empty() {
        lost.push("the queue settings (decision hours by title, handling hours)".to_owned());
    }
    if !org.extra.is_empty() {
        let names: Vec<&str> = org.extra.keys().map(String::as_str).collect();
        lost.push(format!("the file's own fields ({})", names.join(", ")));
    }
    lost
}

/// Prefixes text a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab or
/// carriage return) with an apostrophe, so it shows as text. The importer strips it again.
pub fn neutralise_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The columns [`write_csv`] writes for `org`, in order.
pub fn csv_headers(org: &Org) -> Vec<String> {
    let mut header: Vec<String> = BASE_HEADER.iter().map(|h| (*h).to_owned()).collect();
    let (external, status) = flag_columns(org);
    if external {
        header.push("external".to_owned());
    }
    if status {
        header.push("status".to_owned());
    }
    if dotted_column(org) {
        header.push("dotted_managers".to_owned());
    }
    if capacity_column(org) {
        header.push("capacity_hours".to_owned());
    }
    let (holder, fte, co) = holding_columns(org);
    for (wanted, name) in [(holder, "holder"), (fte, "fte"), (co, "co_holder")] {
        if wanted {
            header.push(name.to_owned());
        }
    }
    header.extend(extra_columns(org).into_iter().map(str::to_owned));
    header
}

/// Whether the org needs the `holder`, `fte` and `co_holder` columns (a person in several
/// posts, a share of a post, a job share's other holders: one row each, with the post's id).
fn holding_columns(org: &Org) -> (bool, bool, bool) {
    let co = org.people.iter().any(|p| !p.co_holders.is_empty());
    (
        org.people
            .iter()
            .any(|p| p.holder.is_some() || p.co_holders.iter().any(|c| c.holder.is_some())),
        org.people
            .iter()
            .any(|p| p.fte.is_some() || p.co_holders.iter().any(|c| c.fte.is_some())),
        co,
    )
}

/// The columns orgflow's own CSV starts with, in this order.
pub(crate) const BASE_HEADER: [&str; 7] =
    ["id", "name", "title", "team", "manager", "vacant", "skills"];

/// Whether the org needs the `external` and `status` columns (only then are they written).
fn flag_columns(org: &Org) -> (bool, bool) {
    (
        org.people.iter().any(|p| p.external),
        org.people.iter().any(|p| p.status != Status::Active),
    )
}

/// Whether anybody has their own hours a week for decisions (only then is the column written).
fn capacity_column(org: &Org) -> bool {
    org.people.iter().any(|p| p.capacity_hours.is_some())
}

/// Whether anybody has a dotted-line manager (only then is the column written).
fn dotted_column(org: &Org) -> bool {
    org.people.iter().any(|p| !p.dotted_managers.is_empty())
}

fn extra_columns(org: &Org) -> BTreeSet<&str> {
    org.people
        .iter()
        .flat_map(|p| p.extra.keys().map(String::as_str))
        .collect()
}

/// The people of `org` as CSV: id, name, title, team, manager, vacant, skills (`;`-separated),
/// `external` and `status` when anybody is outside the org or not active, `dotted_managers`
/// (`;`-separated ids) when anybody has one, `capacity_hours` when anybody has their own hours
/// for decisions, `holder`, `fte` and `co_holder` when anybody holds
/// several posts, a share of one, or shares one (each other holder a row of its own with the
/// post's id and `co_holder` = yes), then every extra field the people carry (columns an import kept), in name order.
pub fn write_csv(org: &Org) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let extras = extra_columns(org);
    let (external, status) = flag_columns(org);
    let dotted = dotted_column(org);
    let capacity = capacity_column(org);
    let (holder, fte, co) = holding_columns(org);
    let fte_text = |f: Option<f64>| f.map_or(String::new(), crate::format::exact);
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(csv_headers(org));
    for p in &org.people {
        let manager = p.manager.as_ref().map_or("", |m| m.as_str());
        let flags = [
            external.then(|| if p.external { "yes" } else { "" }.to_owned()),
            status.then(|| {
                match p.status {
                    Status::Active => "",
                    Status::Left => "left",
                    Status::Placeholder => "placeholder",
                    Status::Away => "away",
                }
                .to_owned()
            }),
            dotted.then(|| {
                let ids: Vec<&str> = p.dotted_managers.iter().map(|m| m.as_str()).collect();
                neutralise_formula(&ids.join("; "))
            }),
            capacity.then(|| fte_text(p.capacity_hours)),
            holder.then(|| neutralise_formula(p.holder.as_deref().unwrap_or(""))),
            fte.then(|| fte_text(p.fte)),
            co.then(String::new),
        ];
        let row = [
            neutralise_formula(p.id.as_str()),
            neutralise_formula(&p.name),
            neutralise_formula(&p.title),
            neutralise_formula(&p.team),
            neutralise_formula(manager),
            if p.vacant { "yes" } else { "" }.to_owned(),
            neutralise_formula(&p.skills.join("; ")),
        ];
        let extra = extras.iter().map(|k| {
            neutralise_formula(&match p.extra.get(*k) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            })
        });
        let blank_extras = extras.len();
        let _ = writer.write_record(
            row.clone()
                .into_iter()
                .chain(flags.clone().into_iter().flatten())
                .chain(extra),
        );
        // A job share's other holders: the post's row again with their name, marked.
        for c in &p.co_holders {
            let mut row = row.clone();
            row[1] = neutralise_formula(&c.name);
            let mut flags = flags.clone();
            let n = flags.len();
            flags[n - 3] = holder.then(|| neutralise_formula(c.holder.as_deref().unwrap_or("")));
            flags[n - 2] = fte.then(|| fte_text(c.fte));
            flags[n - 1] = Some("yes".to_owned());
            let _ = writer.write_record(
                row.into_iter()
                    .chain(flags.into_iter().flatten())
                    .chain(std::iter::repeat_n(String::new(), blank_extras)),
            );
        }
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::neutralise_formula;

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for text in ["=1+1", "+44", "-3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(text), format!("'{text}"));
        }
        assert_eq!(neutralise_formula("Dana"), "Dana");
        assert_eq!(neutralise_formula(""), "");
        assert_eq!(neutralise_formula("a=b"), "a=b");
    }
}
