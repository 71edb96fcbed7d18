//! The scenarios as plain text, for a terminal: what the CLI prints.

use super::{Absence, Comparison, Named, Proposal, figure_rows, headline};
use crate::model::Org;
use std::collections::HashMap;

/// The comparison as plain text, for a terminal.
pub fn text_report(before: &Org, after: &Org, c: &Comparison) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{} → {}", before.name, after.name);
    let _ = writeln!(out, "{}\n", headline(before, c));
    let rows = figure_rows(before, after, c);
    let _ = writeln!(out, "{:<40} {:<28} {:<28} change", "", "before", "after");
    for [label, b, a, d] in rows {
        let _ = writeln!(out, "{label:<40} {b:<28} {a:<28} {d}");
    }
    let ch = &c.changes;
    let list = |names: &[Named]| {
        names
            .iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(out, "\n{}", ch.summary());
    if !ch.added.is_empty() {
        let _ = writeln!(out, "  Added: {}", list(&ch.added));
    }
    if !ch.removed.is_empty() {
        let _ = writeln!(out, "  Removed: {}", list(&ch.removed));
    }
    if !ch.away.is_empty() {
        let _ = writeln!(out, "  Away: {}", list(&ch.away));
    }
    // Names by id, after first (one look-up a move, however large the org).
    let mut names: HashMap<&str, &str> = HashMap::new();
    for p in before.people.iter().chain(&after.people) {
        names.insert(p.id.as_str(), p.display_name());
    }
    let manager = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| names.get(id))
            .map_or("the top".to_owned(), |name| (*name).to_owned())
    };
    for m in &ch.moved {
        let _ = writeln!(
            out,
            "  Moved: {} from {} to {}",
            m.person.name,
            manager(&m.from),
            manager(&m.to)
        );
    }
    for r in &ch.rights {
        let _ = writeln!(
            out,
            "  {}: {} {} → {}",
            r.domain_name,
            r.person.name,
            r.before.unwrap_or("no right"),
            r.after.unwrap_or("no right")
        );
    }
    out
}

/// A table as plain text: the header, then each row, every column as wide as its widest
/// cell and two spaces apart.
pub(crate) fn columns(header: &[String], rows: &[Vec<String>]) -> String {
    use std::fmt::Write;
    let count = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|k| {
            rows.iter()
                .chain([&header.to_vec()])
                .filter_map(|r| r.get(k))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let mut text = String::new();
        for (k, cell) in cells.iter().enumerate() {
            let pad = widths
                .get(k)
                .copied()
                .unwrap_or(0)
                .saturating_sub(cell.chars().count());
            text.push_str(cell);
            text.push_str(&" ".repeat(pad + 2));
        }
        text.trim_end().to_owned()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(header));
    for row in rows {
        let _ = writeln!(out, "{}", line(row));
    }
    out
}

/// Several orgs as plain text (`compare A B C…`): a column each, and each after the first
/// compared with the first in a sentence. `files` names the columns.
pub fn lineup_report(orgs: &[&Org], files: &[String], l: &super::Lineup) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let Some(first) = orgs.first() else {
        return out;
    };
    let first_file = files.first().map_or("", String::as_str);
    let _ = writeln!(
        out,
        "{} orgs, each after the first compared with it ({first_file}):",
        orgs.len()
    );
    for (c, file) in l.comparisons.iter().zip(files.iter().skip(1)) {
        let _ = writeln!(out, "  {file}: {}", headline(first, c));
    }
    let rows = l.rows(orgs);
    let mut header = vec![String::new()];
    header.extend(files.iter().cloned());
    out.push('\n');
    out.push_str(&columns(&header, &rows));
    for (c, file) in l.comparisons.iter().zip(files.iter().skip(1)) {
        let summary = c.changes.summary();
        let summary = summary.strip_prefix("Changes: ").unwrap_or(&summary);
        let _ = writeln!(out, "\n{file} against {first_file}: {summary}");
    }
    out
}

/// What `what-if` prints: who is away, what nobody can decide, who carries their load, and the
/// comparison with the org as it is.
pub fn what_if_report(org: &Org, a: &Absence) -> String {
    use std::fmt::Write;
    let finder = org.finder();
    let names: Vec<String> = a
        .without
        .iter()
        .map(|id| {
            finder
                .find(id)
                .map_or(id.clone(), |p| p.display_name().to_owned())
        })
        .collect();
    // A long list is named by its first few and counted.
    let names = if names.len() > 6 {
        format!(
            "{} and {} others",
            names[..5].join(", "),
            crate::model::thousands((names.len() - 5) as f64)
        )
    } else {
        names.join(" and ")
    };
    let mut out = format!("If {names} were away\n");
    let _ = writeln!(out, "{}", a.orphaned_sentence());
    if !a.carriers.is_empty() {
        out.push_str("\nWho carries their load (decisions a month more, hierarchy / straight to the holder):\n");
        for c in &a.carriers {
            let _ = writeln!(
                out,
                "  {:<30} {:>8.1} {:>8.1}",
                c.person.name, c.hierarchical, c.distributed
            );
        }
    }
    let mut after = a.org.clone();
    after.name = format!("{} without {names}", org.name);
    out.push('\n');
    out.push_str(&text_report(org, &after, &a.comparison));
    out
}

/// What `suggest` prints: each proposal, why, and its effect.
pub fn suggest_report(proposals: &[Proposal]) -> String {
    use std::fmt::Write;
    if proposals.is_empty() {
        return "No proposals: nobody is a funnel, a sole decider of many domains or a wide span.\n"
            .to_owned();
    }
    let mut out = format!("{} proposals\n", proposals.len());
    for (k, p) in proposals.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {}", k + 1, p.title);
        let _ = writeln!(out, "   {}", p.why);
        let _ = writeln!(out, "   Effect: {}", p.effect("→"));
    }
    out
}
