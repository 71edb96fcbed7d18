//! The readable report `orgflow analyze` prints: the top funnels first.

use super::{Analysis, Severity, trim_number};
use std::fmt::Write;

/// How many people the load table lists.
const TOP_PEOPLE: usize = 10;

use crate::format::count;
pub use crate::format::{percent, thousands};

/// The report as plain text, for a terminal.
pub fn text_report(a: &Analysis) -> String {
    let mut out = String::new();
    let name_of = |id: &str| {
        a.persons
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    };
    let _ = writeln!(
        out,
        "{}",
        if a.name.is_empty() {
            "Unnamed org"
        } else {
            &a.name
        }
    );
    let s = &a.structure;
    let roots = match a.roots.as_slice() {
        [one] => format!("1 top-level person ({})", name_of(one)),
        many => format!("{} top-level people", many.len()),
    };
    let _ = writeln!(
        out,
        "{}; {roots}, {} (this headcount needs {} at a span of {})",
        a.headcount_sentence(),
        count(s.layers, "layer", "layers"),
        s.min_layers,
        a.thresholds.target_span,
    );
    if let Some(m) = &a.max_span {
        let _ = writeln!(
            out,
            "{} managers; span of control: median {}, mean {:.1}, widest {} ({})",
            s.managers,
            trim_number(s.span.median),
            s.span.mean,
            m.count,
            name_of(&m.id)
        );
    }
    if a.domains.is_empty() {
        let _ = writeln!(
            out,
            "No decision domains in this file: add \"decisions\" to compare the two readings"
        );
    } else {
        let auth = &a.concentration.authority;
        let filled = if auth.domains_with_rights < a.domains.len() {
            format!(
                " ({} of them with rights filled in; the rest are left out)",
                auth.domains_with_rights
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{} decisions a month in {}{filled}",
            trim_number(a.decisions_per_month),
            count(a.domains.len(), "domain", "domains")
        );
    }

    if a.decisions_per_month > 0.0 {
        let h = &a.readings.hierarchical;
        let d = &a.readings.distributed;
        let top = |id: &Option<String>, share: f64| match id {
            Some(id) => format!("{} {}", percent(share), name_of(id)),
            None => "nobody".to_owned(),
        };
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{:<28} {:<28} Straight to the holder",
            "", "Through the hierarchy"
        );
        let end = super::queue::days_or_end;
        let over = |w: &super::WaitFigures| format!("{} / {}", w.overloaded.len(), w.busy);
        for [label, through, straight] in [
            [
                "Top person's share".to_owned(),
                top(&h.top, h.top_share),
                top(&d.top, d.top_share),
            ],
            [
                "Load concentration (HHI)".to_owned(),
                thousands(h.load.hhi),
                thousands(d.load.hhi),
            ],
            [
                "Effective handlers".to_owned(),
                format!("{:.1}", h.load.effective),
                format!("{:.1}", d.load.effective),
            ],
            [
                "Mean hops per decision".to_owned(),
                format!("{:.2}", h.mean_hops),
                format!("{:.2}", d.mean_hops),
            ],
            [
                "Mean wait (working days)".to_owned(),
                end(h.wait.mean_wait_days),
                end(d.wait.mean_wait_days),
            ],
            [
                "90th percentile wait".to_owned(),
                end(h.wait.p90_wait_days),
                end(d.wait.p90_wait_days),
            ],
            [
                "Queues full / busy".to_owned(),
                over(&h.wait),
                over(&d.wait),
            ],
        ] {
            let _ = writeln!(out, "{label:<28} {through:<28} {straight}");
        }
        if let Some(sentence) = super::wait_sentence(a) {
            let _ = writeln!(out, "{sentence}");
        }
        if let Some(m) = &a.readings.matrix {
            let passed = if m.passed_over > 0 {
                format!(
                    "; {} whose dotted lines all point below them keep their line manager",
                    count(m.passed_over, "person", "people")
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "Up the dotted lines (matrix reading: {} read as reporting to their dotted-line manager{passed}): top person's share {}, HHI {}, {:.1} effective handlers, {:.2} mean hops",
                count(m.people_moved, "person", "people"),
                top(&m.figures.top, m.figures.top_share),
                thousands(m.figures.load.hhi),
                m.figures.load.effective,
                m.figures.mean_hops
            );
        }
    }
    if !a.holders.is_empty() {
        let _ = writeln!(
            out,
            "\nPeople in several posts or sharing one ({}; a decision that needs two of one person's posts counts once):",
            a.holders.len()
        );
        let mut shown: Vec<&super::HolderFigures> = a.holders.iter().collect();
        shown.sort_by(|x, y| y.hierarchical.load.total_cmp(&x.hierarchical.load));
        for x in shown.iter().take(10) {
            let posts: Vec<String> = x
                .posts
                .iter()
                .map(|p| {
                    if p.share < 1.0 {
                        format!("{} of {}", percent(p.share), p.title)
                    } else {
                        p.title.clone()
                    }
                })
                .collect();
            let loads = if let (false, Some(lh), Some(ld)) =
                (x.exact, x.lower_hierarchical, x.lower_distributed)
            {
                format!(
                    "; {}–{} through the hierarchy, {}–{} straight to the holder (bounds: counting each decision once would take too long)",
                    percent(lh.share),
                    percent(x.hierarchical.share),
                    percent(ld.share),
                    percent(x.distributed.share)
                )
            } else if a.decisions_per_month > 0.0 {
                format!(
                    "; {} through the hierarchy, {} straight to the holder",
                    percent(x.hierarchical.share),
                    percent(x.distributed.share)
                )
            } else {
                String::new()
            };
            let _ = writeln!(out, "  {}: {}{loads}", x.name, posts.join(", "));
        }
        if a.holders.len() > 10 {
            let _ = writeln!(
                out,
                "  and {} more (analyze --json lists them all)",
                a.holders.len() - 10
            );
        }
    }
    let auth = &a.concentration.authority;
    if auth.domains_with_rights > 0 {
        let undecided = if auth.undecided_domains > 0 {
            format!(
                " ({} of the {} domains with rights {} nobody who can decide {} and {} left out)",
                auth.undecided_domains,
                auth.domains_with_rights,
                if auth.undecided_domains == 1 {
                    "has"
                } else {
                    "have"
                },
                if auth.undecided_domains == 1 {
                    "it"
                } else {
                    "them"
                },
                if auth.undecided_domains == 1 {
                    "is"
                } else {
                    "are"
                },
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "\nDecision authority: HHI {}, as if {:.1} people decided everything{undecided}; {} of the people who can act hold a right to decide or approve; bus factor {}{}.",
            thousands(auth.spread.hhi),
            auth.spread.effective,
            percent(auth.holders_share),
            auth.bus_factor_text(),
            if auth.bus_factor_exact {
                ""
            } else {
                " (bounds: the exact search would take too long)"
            },
        );
    }

    if let Some(net) = &a.network {
        let _ = writeln!(
            out,
            "\nWho people go to: {} links from {} people, incoming HHI {}, as if {:.1} people were sought{}",
            thousands(net.links as f64),
            thousands(net.seekers as f64),
            thousands(net.in_hhi),
            net.in_effective,
            match &net.formal_top {
                Some(top) => format!(" (formal top: {})", name_of(top)),
                None => String::new(),
            }
        );
        for s in &net.top {
            let _ = writeln!(
                out,
                "  {:<36} {:>5}  sought by {}",
                s.name,
                percent(s.share),
                s.sought_by
            );
        }
    }

    if let Some(m) = a.betweenness.filter(|m| !m.exact) {
        let _ = writeln!(
            out,
            "\nBetweenness in the peer-link network is estimated from {} of its {} people ({} links are too many to search from everyone).",
            thousands(m.sources as f64),
            thousands(m.people as f64),
            thousands(m.links as f64),
        );
    }

    let of = |sev| a.findings.iter().filter(|f| f.severity == sev).count();
    let _ = writeln!(
        out,
        "\nFindings: {} critical, {}, {}",
        of(Severity::Critical),
        count(of(Severity::Warning), "warning", "warnings"),
        count(of(Severity::Info), "note", "notes")
    );
    // Findings of one kind summed up in a line, with their first few below it.
    const EXAMPLES: usize = 3;
    for g in super::group_findings(&a.findings) {
        let tag = match g.severity {
            Severity::Critical => "CRITICAL",
            Severity::Warning => "warning ",
            Severity::Info => "note    ",
        };
        let _ = writeln!(out, "  {tag} {}", g.line(&a.findings));
        if g.summary.is_none() {
            continue;
        }
        let messages = g.messages(&a.findings);
        for (message, times, _) in messages.iter().take(EXAMPLES) {
            if *times > 1 {
                let _ = writeln!(out, "             - {message} ({times} findings say this)");
            } else {
                let _ = writeln!(out, "             - {message}");
            }
        }
        let shown: usize = messages.iter().take(EXAMPLES).map(|m| m.1).sum();
        if g.members.len() > shown {
            let _ = writeln!(
                out,
                "             … and {} more (analyze --json lists every finding)",
                thousands((g.members.len() - shown) as f64)
            );
        }
    }

    // People, not posts: a post's one holder, or each person counted apart (in several posts,
    // or sharing one) once, with their own load.
    let apart: std::collections::HashSet<&str> = a
        .holders
        .iter()
        .flat_map(|x| x.posts.iter().map(|p| p.id.as_str()))
        .collect();
    let mut ranked: Vec<Ranked<'_>> = a
        .persons
        .iter()
        .filter(|p| !apart.contains(p.id.as_str()))
        .map(|p| Ranked {
            name: &p.name,
            key: &p.id,
            hierarchical: p.hierarchical,
            distributed: p.distributed,
        })
        .chain(a.holders.iter().map(|x| Ranked {
            name: &x.name,
            key: x.posts.first().map_or("", |p| p.id.as_str()),
            hierarchical: x.hierarchical,
            distributed: x.distributed,
        }))
        .filter(|p| p.hierarchical.load > 0.0 || p.distributed.load > 0.0)
        .collect();
    ranked.sort_by(|x, y| {
        let key = |p: &Ranked<'_>| p.hierarchical.share.max(p.distributed.share);
        key(y).total_cmp(&key(x)).then(x.key.cmp(y.key))
    });
    if !ranked.is_empty() {
        let _ = writeln!(
            out,
            "\nWho decisions wait on (decisions a month, share of all)\n  {:<32} {:>20} {:>20}",
            "", "through hierarchy", "straight to holder"
        );
        for p in ranked.iter().take(TOP_PEOPLE) {
            let _ = writeln!(
                out,
                "  {:<32} {:>12} {:>7} {:>12} {:>7}",
                truncate(p.name, 32),
                format!("{:.1}", p.hierarchical.load),
                percent(p.hierarchical.share),
                format!("{:.1}", p.distributed.load),
                percent(p.distributed.share)
            );
        }
        if ranked.len() > TOP_PEOPLE {
            let _ = writeln!(
                out,
                "  … and {} more (orgflow analyze --json lists everyone)",
                ranked.len() - TOP_PEOPLE
            );
        }
    }
    out
}

/// One row of "Who decisions wait on": a person and their loads.
struct Ranked<'a> {
    name: &'a str,
    /// For a stable order among equal loads: their (first) post's id.
    key: &'a str,
    hierarchical: super::Load,
    distributed: super::Load,
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut t: String = text.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}
