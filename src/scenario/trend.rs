//! Change over time: the headline figures of each snapshot of one org, and who joined, left,
//! moved or took over a post between one snapshot and the next.

use super::{Changes, Delta, Figures, changes};
use crate::analysis::analyze;
use crate::model::{Date, Org, is_withheld_name};
use serde::Serialize;

/// One snapshot to put on the trend: its name, its date if known, and the org as it was.
#[derive(Clone, Copy, Debug)]
pub struct Snapshot<'a> {
    /// How it is named: its date, or its file's name.
    pub label: &'a str,
    /// Its date; snapshots without one are spaced evenly.
    pub date: Option<Date>,
    /// The org on that date.
    pub org: &'a Org,
}

impl<'a> Snapshot<'a> {
    /// Every snapshot that reading files gave ([`crate::io::load_snapshots`]), in its order.
    pub fn all(read: &'a crate::io::Snapshots) -> Vec<Self> {
        read.snapshots
            .iter()
            .map(|s| Snapshot {
                label: &s.label,
                date: s.date,
                org: &s.loaded.org,
            })
            .collect()
    }
}

/// The people the figures name, by name rather than id.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Names {
    /// The busiest person through the hierarchy.
    pub top_hierarchical: Option<String>,
    /// The busiest person straight to the holder.
    pub top_distributed: Option<String>,
    /// Who has the widest span.
    pub widest_span_of: Option<String>,
}

/// One snapshot's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// The snapshot's name.
    pub label: String,
    /// Its date (`YYYY-MM-DD`), when known.
    pub date: Option<String>,
    /// Its headline figures, as `compare` gives them.
    pub figures: Figures,
    /// The people those figures name.
    pub names: Names,
}

/// A post that kept its id but has somebody else in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewHolder {
    /// The post's (or person's) id.
    pub id: String,
    /// Its job title in the later snapshot.
    pub title: String,
    /// Who held it before.
    pub before: String,
    /// Who holds it now.
    pub after: String,
}

/// A person found in another post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PostChange {
    /// Their name.
    pub name: String,
    /// The post they held (id) and its title.
    pub from: (String, String),
    /// The post they hold now and its title.
    pub to: (String, String),
}

/// What changed from one snapshot to the next.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// The earlier snapshot's name.
    pub from: String,
    /// The later one's.
    pub to: String,
    /// Later figures minus earlier ones.
    pub delta: Delta,
    /// People (or posts) joined, left, moved to another manager, rights changed: matched by id.
    pub changes: Changes,
    /// Posts with the same id and another person's name in them.
    pub new_holders: Vec<NewHolder>,
    /// People named in another post than before (their name in one post before, in another
    /// after, and in no other): a move inside the org, not a leaver and a joiner.
    pub changed_post: Vec<PostChange>,
    /// People in both snapshots who have left by the later one (HR exports keep leavers'
    /// rows, marked as left): they left the org though their ids are still in the file.
    pub marked_left: Vec<super::Named>,
    /// How many ids are in both snapshots.
    pub matched: usize,
}

/// Several snapshots of one org in time order: each one's figures and each step's changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trend {
    /// The org's name (the latest snapshot's).
    pub org: String,
    /// Each snapshot's figures, earliest first.
    pub points: Vec<Point>,
    /// Each snapshot against the one before it.
    pub steps: Vec<Step>,
    /// What a reader should know about the comparison (ids that barely match, orgs that
    /// differ by name).
    pub notes: Vec<String>,
}

/// What changed since the snapshot before: people, new holders, changes of post, leavers
/// still in the file.
type Since = (Changes, Vec<NewHolder>, Vec<PostChange>, Vec<super::Named>);

/// What one snapshot needs worked out: its figures, and what changed since the one before.
struct Worked {
    figures: Figures,
    since: Option<Since>,
}

/// Every snapshot's [`Worked`], the snapshots spread over the machine's cores.
fn work_out(snapshots: &[Snapshot<'_>]) -> Vec<Worked> {
    let pairs: Vec<(Option<&Snapshot<'_>>, &Snapshot<'_>)> = snapshots
        .iter()
        .enumerate()
        .map(|(k, s)| (k.checked_sub(1).and_then(|j| snapshots.get(j)), s))
        .collect();
    crate::work::on_every_core(&pairs, |&(before, s)| Worked {
        figures: Figures::of(&analyze(s.org)),
        since: before.map(|b| {
            (
                changes(b.org, s.org),
                new_holders(b.org, s.org),
                changed_posts(b.org, s.org),
                marked_left(b.org, s.org),
            )
        }),
    })
}

/// A person's name in `org` by id, or the id when nobody has it.
fn name_in(org: &Org, id: Option<&String>) -> Option<String> {
    id.map(|id| {
        org.person(id)
            .map_or_else(|| id.clone(), |p| p.display_name().to_owned())
    })
}

/// A real name: not an open post, not withheld, not the title or id standing in for a blank.
fn real_name(p: &crate::model::Person) -> bool {
    !p.vacant
        && !p.name.trim().is_empty()
        && p.name != p.id.0
        && !p.name.trim().eq_ignore_ascii_case(p.title.trim())
        && !is_withheld_name(&p.name)
}

/// An id as people are matched between snapshots: without case (borrowed when it has none).
fn id_key(id: &str) -> std::borrow::Cow<'_, str> {
    if id.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(id.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(id)
    }
}

/// A name's letters without case, its words one space apart: compared and hashed without
/// allocating (a trend compares every person of every snapshot).
fn name_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split_whitespace().enumerate().flat_map(|(k, w)| {
        (k > 0)
            .then_some(' ')
            .into_iter()
            .chain(w.chars().flat_map(char::to_lowercase))
    })
}

/// Two names the same but for case and spaces.
fn same_name(a: &str, b: &str) -> bool {
    name_chars(a).eq(name_chars(b))
}

/// A hash of [`name_chars`].
fn name_hash(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for c in name_chars(name) {
        c.hash(&mut h);
    }
    h.finish()
}

/// Ids the same but for case.
fn same_id(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// Each real name of an org (by [`name_hash`]): how many posts carry it, and the first.
fn posts_by_name(org: &Org) -> std::collections::HashMap<u64, (u32, &crate::model::Person)> {
    let mut by_name = std::collections::HashMap::with_capacity(org.people.len());
    for p in org.people.iter().filter(|p| real_name(p)) {
        by_name
            .entry(name_hash(&p.name))
            .and_modify(|(n, _)| *n += 1)
            .or_insert((1, p));
    }
    by_name
}

/// People whose name is on exactly one post in each org, and on different posts.
fn changed_posts(before: &Org, after: &Org) -> Vec<PostChange> {
    let (was, now) = (posts_by_name(before), posts_by_name(after));
    let mut out: Vec<PostChange> = now
        .iter()
        .filter_map(|(key, &(count, new))| {
            let &(before_count, old) = was.get(key)?;
            (count == 1
                && before_count == 1
                && !same_id(old.id.as_str(), new.id.as_str())
                && same_name(&old.name, &new.name))
            .then(|| PostChange {
                name: new.name.clone(),
                from: (old.id.0.clone(), old.title.clone()),
                to: (new.id.0.clone(), new.title.clone()),
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// People in both orgs who had not left before and are marked as left after.
fn marked_left(before: &Org, after: &Org) -> Vec<super::Named> {
    use crate::model::Status;
    let earlier: std::collections::HashMap<std::borrow::Cow<'_, str>, &crate::model::Person> =
        before
            .people
            .iter()
            .map(|p| (id_key(p.id.as_str()), p))
            .collect();
    after
        .people
        .iter()
        .filter(|p| p.status == Status::Left)
        .filter_map(|p| {
            let old = earlier.get(&id_key(p.id.as_str()))?;
            (old.status != Status::Left).then(|| super::Named {
                id: p.id.0.clone(),
                name: p.display_name().to_owned(),
            })
        })
        .collect()
}

/// The posts in both orgs whose holder's name changed (neither open nor withheld).
fn new_holders(before: &Org, after: &Org) -> Vec<NewHolder> {
    let earlier: std::collections::HashMap<std::borrow::Cow<'_, str>, &crate::model::Person> =
        before
            .people
            .iter()
            .map(|p| (id_key(p.id.as_str()), p))
            .collect();
    after
        .people
        .iter()
        .filter_map(|p| {
            let old = earlier.get(&id_key(p.id.as_str()))?;
            (!same_name(&old.name, &p.name) && real_name(p) && real_name(old)).then(|| NewHolder {
                id: p.id.0.clone(),
                title: p.title.clone(),
                before: old.name.clone(),
                after: p.name.clone(),
            })
        })
        .collect()
}

/// The figures of every snapshot and the changes from each to the next.
pub fn trend(snapshots: &[Snapshot<'_>]) -> Trend {
    let worked = work_out(snapshots);
    let mut since = Vec::with_capacity(worked.len());
    let points: Vec<Point> = snapshots
        .iter()
        .zip(worked)
        .map(|(s, w)| {
            since.push(w.since);
            let figures = w.figures;
            Point {
                label: s.label.to_owned(),
                date: s.date.map(|d| d.to_string()),
                names: Names {
                    top_hierarchical: name_in(s.org, figures.top_hierarchical.as_ref()),
                    top_distributed: name_in(s.org, figures.top_distributed.as_ref()),
                    widest_span_of: name_in(s.org, figures.widest_span_of.as_ref()),
                },
                figures,
            }
        })
        .collect();
    let mut notes = Vec::new();
    let steps: Vec<Step> = snapshots
        .windows(2)
        .zip(points.windows(2))
        .zip(since.into_iter().skip(1))
        .filter_map(|((pair, fig), worked)| {
            let ([b, a], [fb, fa], Some((changes, new_holders, changed_post, marked_left))) =
                (pair, fig, worked)
            else {
                return None;
            };
            let matched = a.org.people.len().saturating_sub(changes.added.len());
            let fewer = b.org.people.len().min(a.org.people.len());
            if fewer >= 10 && (matched as f64) < 0.5 * fewer as f64 {
                notes.push(format!(
                    "{} and {} share only {} of their ids: people are matched by id, so a file that numbers its posts afresh shows everybody as joined and left",
                    b.label,
                    a.label,
                    crate::format::thousands(matched as f64)
                ));
            }
            Some(Step {
                from: b.label.to_owned(),
                to: a.label.to_owned(),
                delta: Delta::between(&fb.figures, &fa.figures),
                new_holders,
                changed_post,
                marked_left,
                changes,
                matched,
            })
        })
        .collect();
    let mut names: Vec<&str> = snapshots.iter().map(|s| s.org.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() > 1 {
        notes.insert(
            0,
            format!(
                "the snapshots name {} organisations ({}): a trend follows one org over time",
                names.len(),
                names.join(", ")
            ),
        );
    }
    if snapshots.len() == 1 {
        notes.push(
            "one snapshot: name more files, or a file whose date column holds several dates, to see the org change"
                .to_owned(),
        );
    }
    let mut dates: Vec<Date> = snapshots.iter().filter_map(|s| s.date).collect();
    dates.sort_unstable();
    for same in dates.chunk_by(|a, b| a == b).filter(|c| c.len() > 1) {
        if let Some(d) = same.first() {
            notes.push(format!("{} snapshots are dated {d}", same.len()));
        }
    }
    Trend {
        org: snapshots
            .last()
            .map_or_else(String::new, |s| s.org.name.clone()),
        points,
        steps,
        notes,
    }
}

/// A mean wait for a narrow column: "1.4", or "∞ (88%)" when that share of decisions reaches
/// a queue that grows without end.
pub fn wait_cell(figures: &Figures, hierarchical: bool) -> String {
    let (mean, unbounded) = if hierarchical {
        (
            figures.mean_wait_hierarchical,
            figures.unbounded_hierarchical,
        )
    } else {
        (figures.mean_wait_distributed, figures.unbounded_distributed)
    };
    match mean {
        Some(m) => crate::analysis::queue::days(m),
        None => format!("∞ ({})", crate::format::percent(unbounded)),
    }
}

/// The columns of the trend table: a header and one cell per snapshot.
pub fn table(trend: &Trend) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "Snapshot",
        "People",
        "Top share H",
        "Top share D",
        "Authority HHI",
        "Bus factor",
        "Wait H (days)",
        "Wait D (days)",
        "Layers",
        "Widest span",
    ]
    .map(str::to_owned)
    .to_vec();
    let rows = trend
        .points
        .iter()
        .map(|p| {
            let f = &p.figures;
            let decided = f.domains_with_rights > f.undecided_domains;
            let or_na = |text: String| if decided { text } else { "n/a".to_owned() };
            vec![
                p.label.clone(),
                crate::format::thousands(f.people as f64),
                or_na(crate::format::percent(f.top_share_hierarchical)),
                or_na(crate::format::percent(f.top_share_distributed)),
                or_na(crate::format::thousands(f.authority_hhi)),
                or_na(f.bus_factor_text()),
                or_na(wait_cell(f, true)),
                or_na(wait_cell(f, false)),
                f.layers.to_string(),
                f.widest_span.to_string(),
            ]
        })
        .collect();
    (header, rows)
}

/// Up to `shown` names joined, and how many more.
fn listed<T>(items: &[T], shown: usize, say: impl Fn(&T) -> String) -> String {
    let mut text = items
        .iter()
        .take(shown)
        .map(say)
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > shown {
        text.push_str(&format!(
            " and {} more",
            crate::format::thousands((items.len() - shown) as f64)
        ));
    }
    text
}

/// People listed per kind of change in the text report; `--json` lists every one.
pub const LISTED: usize = 8;

/// One step in words: what the figures did and who joined, left, moved or took a post over.
pub fn step_lines(step: &Step, before: &Point, after: &Point, later: &Org) -> Vec<String> {
    let c = &step.changes;
    let mut lines = vec![format!(
        "{} → {}: {} joined, {} left, {} moved to another manager{}{}",
        step.from,
        step.to,
        crate::format::thousands(c.added.len() as f64),
        crate::format::thousands((c.removed.len() + step.marked_left.len()) as f64),
        crate::format::thousands(c.moved.len() as f64),
        if step.new_holders.is_empty() {
            String::new()
        } else {
            format!(
                ", {} with a new holder",
                crate::format::count(step.new_holders.len(), "post", "posts")
            )
        },
        if c.rights.is_empty() {
            String::new()
        } else {
            format!(
                ", {}",
                crate::format::count(c.rights.len(), "right changed", "rights changed")
            )
        },
    )];
    let (fb, fa) = (&before.figures, &after.figures);
    let mut moves = Vec::new();
    if before.names.top_hierarchical != after.names.top_hierarchical
        && fa.domains_with_rights > fa.undecided_domains
    {
        moves.push(format!(
            "busiest through the hierarchy {} → {}",
            before.names.top_hierarchical.as_deref().unwrap_or("nobody"),
            after.names.top_hierarchical.as_deref().unwrap_or("nobody")
        ));
    }
    if fb.wait_text(true) != fa.wait_text(true) && fa.domains_with_rights > fa.undecided_domains {
        moves.push(format!(
            "mean wait through the hierarchy {} → {}",
            fb.wait_text(true),
            fa.wait_text(true)
        ));
    }
    let decided = |f: &Figures| f.domains_with_rights.saturating_sub(f.undecided_domains);
    if decided(fb) != decided(fa) {
        moves.push(format!(
            "domains somebody here can decide {} → {}",
            decided(fb),
            decided(fa)
        ));
    }
    if fb.bus_factor_text() != fa.bus_factor_text() {
        moves.push(format!(
            "bus factor {} → {}",
            fb.bus_factor_text(),
            fa.bus_factor_text()
        ));
    }
    if fb.widest_span != fa.widest_span {
        moves.push(format!(
            "widest span {} → {} ({})",
            fb.widest_span,
            fa.widest_span,
            after.names.widest_span_of.as_deref().unwrap_or("nobody")
        ));
    }
    if fb.layers != fa.layers {
        moves.push(format!("layers {} → {}", fb.layers, fa.layers));
    }
    if !moves.is_empty() {
        lines.push(format!("  {}", capitalise(&moves.join("; "))));
    }
    // A post's holder who is now in another post left that post, not the org: said so. Only
    // what is listed is looked up, so a step of a hundred thousand changes costs no more.
    let posts_left: std::collections::HashSet<&str> = step
        .changed_post
        .iter()
        .map(|m| m.from.0.as_str())
        .collect();
    let posts_taken: std::collections::HashSet<&str> =
        step.changed_post.iter().map(|m| m.to.0.as_str()).collect();
    let later_index = crate::model::person_index(later);
    let in_later = |id: &str| later_index.get(id).and_then(|&i| later.people.get(i));
    if !c.added.is_empty() {
        let joined = listed(&c.added, LISTED, |n| {
            if posts_taken.contains(n.id.as_str()) {
                format!("{} (from another post)", n.name)
            } else if in_later(&n.id).is_some_and(|p| p.vacant) {
                format!("{} (open)", n.name)
            } else if in_later(&n.id).is_some_and(|p| p.status == crate::model::Status::Left) {
                format!("{} (already marked as left)", n.name)
            } else {
                n.name.clone()
            }
        });
        lines.push(format!("  Joined: {joined}"));
    }
    if !c.removed.is_empty() {
        let left = listed(&c.removed, LISTED, |n| {
            if posts_left.contains(n.id.as_str()) {
                format!("{} (to another post)", n.name)
            } else {
                n.name.clone()
            }
        });
        lines.push(format!("  Left: {left}"));
    }
    if !step.marked_left.is_empty() {
        let left = listed(&step.marked_left, LISTED, |n| n.name.clone());
        lines.push(format!(
            "  Left (still in the file, marked as left): {left}"
        ));
    }
    if !c.moved.is_empty() {
        let moved = listed(&c.moved, LISTED, |m| {
            let to = m.to.as_ref().map_or_else(
                || "nobody".to_owned(),
                |id| in_later(id).map_or_else(|| id.clone(), |p| p.display_name().to_owned()),
            );
            format!("{} (now under {to})", m.person.name)
        });
        lines.push(format!("  Moved: {moved}"));
    }
    if !step.changed_post.is_empty() {
        let changed = listed(&step.changed_post, LISTED, |m| {
            format!("{} ({} → {})", m.name, post_name(&m.from), post_name(&m.to))
        });
        lines.push(format!("  Changed post: {changed}"));
    }
    if !step.new_holders.is_empty() {
        let held = listed(&step.new_holders, LISTED, |h| {
            let post = if h.title.is_empty() { &h.id } else { &h.title };
            format!("{post}: {} → {}", h.before, h.after)
        });
        lines.push(format!("  New holder: {held}"));
    }
    if !c.rights.is_empty() {
        let rights = listed(&c.rights, LISTED, |r| {
            format!(
                "{}: {} {} → {}",
                r.domain_name,
                r.person.name,
                r.before.unwrap_or("no right"),
                r.after.unwrap_or("no right"),
            )
        });
        lines.push(format!("  Rights: {rights}"));
    }
    lines
}

/// A post by its title, or its id when it has none.
fn post_name((id, title): &(String, String)) -> &str {
    if title.is_empty() { id } else { title }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// What `trend` prints: a row per snapshot, then each step in words. `orgs` are the snapshots'
/// orgs, in the trend's order.
pub fn trend_report(trend: &Trend, orgs: &[&Org]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let span = match (trend.points.first(), trend.points.last()) {
        (Some(f), Some(l)) if trend.points.len() > 1 => format!(", {} to {}", f.label, l.label),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "{}: {}{span}",
        trend.org,
        crate::format::count(trend.points.len(), "snapshot", "snapshots")
    );
    for note in &trend.notes {
        let _ = writeln!(out, "Note: {note}");
    }
    let (header, rows) = table(trend);
    out.push('\n');
    out.push_str(&super::report::columns(&header, &rows));
    if trend
        .points
        .iter()
        .any(|p| p.figures.domains_with_rights <= p.figures.undecided_domains)
    {
        out.push_str("n/a: nobody who can act holds a decision right in that snapshot (an organogram lists posts, not rights), so there is no decision load to measure.\n");
    }
    if rows.iter().flatten().any(|c| c.starts_with('∞')) {
        out.push_str("∞ (n%): that share of decisions reaches somebody whose queue grows without end, so no finite mean wait exists.\n");
    }
    out.push_str("H: through the hierarchy; D: straight to the holder.\n");
    for ((step, pair), later) in trend
        .steps
        .iter()
        .zip(trend.points.windows(2))
        .zip(orgs.iter().skip(1))
    {
        let [before, after] = pair else { continue };
        out.push('\n');
        for line in step_lines(step, before, after, later) {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}
