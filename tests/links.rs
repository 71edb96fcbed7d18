//! The informal network: edge lists merged onto orgs, who people go to, and the findings, on
//! the real data sets in ../shared/datasets (skipped with a message when they are absent).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::{FindingKind, analyze};
use orgflow::io::{CsvColumns, csv_table, import_links, load, load_links, parse_json};
use std::path::{Path, PathBuf};
use support::{orgflow, text};

fn dataset(path: &str) -> Option<PathBuf> {
    let full = Path::new("../shared/datasets").join(path);
    if full.exists() {
        Some(full)
    } else {
        eprintln!("skipped: {} is not here", full.display());
        None
    }
}

/// The manufacturing company's reporting lines and e-mail log, when ../shared is here.
fn manufacturing() -> Option<(PathBuf, PathBuf)> {
    Some((
        dataset("manufacturing_email_hierarchy/reportsto.csv")?,
        dataset("manufacturing_email_hierarchy/email_edges_weighted.csv")?,
    ))
}

/// The e-mail log's rows between two different people of `ids`, read with the csv crate alone:
/// (from, to, e-mails).
fn emails_between(
    emails: &Path,
    ids: &std::collections::HashSet<&str>,
) -> Vec<(String, String, f64)> {
    csv::Reader::from_path(emails)
        .expect("csv")
        .records()
        .map(|row| row.expect("row"))
        .filter(|row| row[0] != row[1] && ids.contains(&row[0]) && ids.contains(&row[1]))
        .map(|row| {
            (
                row[0].to_owned(),
                row[1].to_owned(),
                row[2].parse().expect("weight"),
            )
        })
        .collect()
}

fn org_with_links(people: &Path, edges: &Path) -> orgflow::model::Org {
    let org = load(people, &CsvColumns::default()).expect("people").org;
    load_links(&org, edges, None, "advice").expect("links").org
}

#[test]
fn krackhardt_managers_seek_advice_from_manager_2_most() {
    let (Some(people), Some(advice)) = (
        dataset("krackhardt_hightech/edges_reports_to.csv"),
        dataset("krackhardt_hightech/edges_advice.csv"),
    ) else {
        return;
    };
    let a = analyze(&org_with_links(&people, &advice));
    let net = a.network.expect("links");
    assert_eq!(net.links, 190);
    assert_eq!(net.seekers, 21);
    // Krackhardt (1987): manager 2 is the most sought for advice, by 18 of the 21.
    assert_eq!(net.top[0].id, "2");
    assert_eq!(net.top[0].sought_by, 18);
    assert_eq!(net.formal_top.as_deref(), Some("7"));
    let informal_top = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::InformalTop)
        .expect("the informal top is not the formal one");
    assert_eq!(informal_top.people, ["2", "7"]);
    let p2 = a.persons.iter().find(|p| p.id == "2").expect("2");
    assert_eq!(p2.links_in, 18.0);
    assert!((p2.links_in_share - 18.0 / 190.0).abs() < 1e-9);
}

#[test]
fn lazega_partners_have_no_formal_top_and_a_hidden_leader() {
    let (Some(people), Some(advice)) = (
        dataset("lazega_lawfirm/nodes.csv"),
        dataset("lazega_lawfirm/edges_advice.csv"),
    ) else {
        return;
    };
    let org = org_with_links(&people, &advice);
    assert_eq!(org.people.len(), 71);
    let a = analyze(&org);
    let net = a.network.expect("links");
    assert_eq!(net.links, 892);
    assert_eq!(net.top[0].id, "26");
    assert_eq!(net.top[0].sought_by, 37);
    assert_eq!(net.formal_top, None, "a partnership has no formal top");
    assert!(
        !a.findings
            .iter()
            .any(|f| f.kind == FindingKind::InformalTop)
    );
    assert!(
        a.findings
            .iter()
            .any(|f| f.kind == FindingKind::HiddenLeader && f.people == ["26"])
    );
}

#[test]
fn manufacturing_email_shows_the_informal_hub_is_not_the_ceo() {
    let Some((people, emails)) = manufacturing() else {
        return;
    };
    let org = load(&people, &CsvColumns::default()).expect("people").org;
    let import = load_links(&org, &emails, None, "communication").expect("links");
    assert_eq!(import.weight_column.as_deref(), Some("emails"));
    // 167 e-mail accounts, 154 in the hierarchy: links of the others are listed and skipped.
    assert_eq!(import.rows, 5715);
    assert_eq!(import.problems.len(), 69);
    assert!(
        import.problems[0]
            .message
            .contains("is not a person in the org")
    );
    let a = analyze(&import.org);
    // The colours by incoming links fit the data: independently, the largest share of the
    // e-mails among people in the hierarchy, from the CSV alone.
    let ids: std::collections::HashSet<&str> =
        import.org.people.iter().map(|p| p.id.as_str()).collect();
    let mut received: std::collections::HashMap<String, f64> = Default::default();
    let mut total = 0.0;
    for (_, to, w) in emails_between(&emails, &ids) {
        *received.entry(to).or_default() += w;
        total += w;
    }
    let largest = received.values().fold(0.0_f64, |m, &w| m.max(w)) / total;
    let ours = a
        .persons
        .iter()
        .map(|p| p.links_in_share)
        .fold(0.0, f64::max);
    assert!((ours - largest).abs() < 1e-12, "{ours} against {largest}");
    // 5.4%: the scale darkens at 10%, not at the decisions' 50% where every card was pale.
    assert!((0.05..0.1).contains(&largest), "{largest}");
    assert!((orgflow::scene::links_scale_top(&a) - 0.1).abs() < 1e-12);
    let net = a.network.as_ref().expect("links");
    assert_eq!(net.formal_top.as_deref(), Some("86"));
    assert_eq!(net.top[0].id, "136");
    let hub = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::InformalHub)
        .expect("a hub: sought by more than half of those who write");
    assert_eq!(hub.people, ["166"]);
    let top = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::InformalTop)
        .expect("the most sought is not the CEO");
    assert!(
        top.message.contains("136") && top.message.contains("86"),
        "{}",
        top.message
    );

    // One command shows it.
    let out = orgflow(&[
        "analyze",
        people.to_str().expect("path"),
        "--links",
        emails.to_str().expect("path"),
        "--links-kind",
        "communication",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(
        report.contains("Who people go to: 5,715 links from 143 people"),
        "{report}"
    );
    assert!(report.contains("not the formal top, 86"), "{report}");
    assert!(text(&out.stderr).contains(
        "5715 rows read as 5715 communication links (weights from “emails”); 69 skipped"
    ));
}

#[test]
fn an_edge_list_by_names_with_problems_listed_by_row() {
    let org =
        parse_json(&std::fs::read("assets/examples/riverside-traditional.json").expect("example"))
            .expect("valid");
    let edges = "Who,Goes to,Times\n\
                 Sam Lee,Ella Rossi,3\n\
                 sam,ella,2\n\
                 Lee, Sam,Nobody Known,1\n\
                 Priya Shah,Priya Shah,1\n\
                 Tom Okafor,Ella Rossi,lots\n\
                 Reyes, Dana,Marta Quill,\n";
    // "Lee, Sam" splits into two cells here: quote it as a spreadsheet would.
    let edges = edges
        .replace("Lee, Sam,", "\"Lee, Sam\",")
        .replace("Reyes, Dana,", "\"Reyes, Dana\",");
    let import =
        import_links(&org, csv_table(edges.as_bytes()).expect("table"), "advice").expect("reads");
    let problems: Vec<String> = import
        .problems
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "row 4: “Nobody Known” is not a person in the org; skipped",
            "row 5: links “Priya Shah” to themself; skipped",
            "row 6: the weight “lots” is not a number from 0 up; skipped",
        ]
    );
    assert_eq!(import.weight_column.as_deref(), Some("Times"));
    assert_eq!((import.rows, import.links), (3, 2));
    // Two rows for the same pair add up; an empty weight counts 1.
    let new: Vec<_> = import.org.links[org.links.len()..].to_vec();
    assert_eq!(new[0].from.as_str(), "sam");
    assert_eq!(new[0].to.as_str(), "ella");
    assert_eq!(new[0].weight, 5.0);
    assert_eq!((new[1].from.as_str(), new[1].weight), ("dana", 1.0));

    let err = import_links(&org, csv_table(b"a,b\nx,y\n").expect("table"), "advice")
        .expect_err("no from/to");
    assert!(err[0].message.contains("needs a column for who seeks"));
}

#[test]
fn the_json_has_the_network_figures() {
    let Some(people) = dataset("krackhardt_hightech/edges_reports_to.csv") else {
        return;
    };
    let Some(advice) = dataset("krackhardt_hightech/edges_advice.csv") else {
        return;
    };
    let out = orgflow(&[
        "analyze",
        "--json",
        people.to_str().expect("path"),
        "--links",
        advice.to_str().expect("path"),
        "--informal-hub-share",
        "0.09",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in [
        "links",
        "total_weight",
        "seekers",
        "in_hhi",
        "in_effective",
        "top",
        "formal_top",
    ] {
        assert!(v["network"].get(key).is_some(), "network.{key}");
    }
    let p = &v["persons"][0];
    for key in [
        "links_in",
        "links_out",
        "links_in_share",
        "sought_by",
        "betweenness",
    ] {
        assert!(p.get(key).is_some(), "persons[].{key}");
    }
    assert_eq!(v["thresholds"]["informal_hub_share"], 0.09);
    let out = orgflow(&[
        "analyze",
        people.to_str().expect("path"),
        "--informal-hub-share",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// Above 300 linked people without rights, links run between teams and only the heaviest are
/// drawn; a selected person's own links are still drawn one by one, with arrowheads.
#[test]
fn many_links_run_between_teams_and_a_persons_own_links_stay_visible() {
    use orgflow::layout::{Tie, network_layout};
    let mut org = orgflow::model::Org {
        name: "Linked".to_owned(),
        ..Default::default()
    };
    for i in 0..1_000 {
        let mut p = orgflow::model::Person::new(&format!("p{i}"), &format!("Person {i}"));
        p.team = format!("Team {}", i / 50);
        p.manager = (i > 0).then(|| orgflow::model::PersonId(format!("p{}", i / 10)));
        org.people.push(p);
    }
    for i in 0..1_000usize {
        for k in 1..=5 {
            let to = (i * 7 + k * 131) % 1_000;
            if to != i {
                org.links.push(orgflow::model::Link {
                    from: org.people[i].id.clone(),
                    to: org.people[to].id.clone(),
                    kind: "advice".to_owned(),
                    weight: k as f64,
                    extra: Default::default(),
                });
            }
        }
    }
    let a = analyze(&org);
    let layout = network_layout(&org, &a);
    assert!(layout.banded);
    let drawn = layout
        .ties
        .iter()
        .filter(|(_, _, t)| matches!(t, Tie::Peer | Tie::Band))
        .count();
    assert!(drawn <= 240, "{drawn} links drawn");
    assert!(layout.ties.iter().any(|(_, _, t)| *t == Tie::Band));
    assert_eq!(layout.weights.len(), layout.ties.len());
    // Person 500's own ten links (five out, five in) come back, each with its arrowhead.
    let index = |id: &str| {
        org.people
            .iter()
            .position(|p| p.id.0 == id)
            .map(|i| i as u32)
    };
    let own = orgflow::scene::links_of(&org, &layout, 500, None, &index);
    assert!(own.len() >= 4, "{}", own.len());
    assert_eq!(own.len() % 2, 0, "a line and an arrowhead each");
}

/// The e-mail network without any decision rights is drawn as who people go to: no domains,
/// every writer on their own node, the largest node the most written to, and of its 5,715
/// links only the 300 heaviest pairs drawn (the rest would be a solid disc), checked against
/// the CSV read on its own.
#[test]
fn the_email_network_is_its_own_reading_with_its_heaviest_links_drawn() {
    use orgflow::layout::{MAX_LINKS_DRAWN, NetworkReading, NodeKind, Tie, network_layout};
    let Some((people, emails)) = manufacturing() else {
        return;
    };
    let org = load(&people, &CsvColumns::default()).expect("people").org;
    let org = load_links(&org, &emails, None, "communication")
        .expect("links")
        .org;
    assert!(org.decisions.is_empty());
    let a = analyze(&org);
    let layout = network_layout(&org, &a);
    assert_eq!(layout.reading, NetworkReading::Links);
    assert!(!layout.banded);
    assert!(
        !layout
            .nodes
            .iter()
            .any(|n| matches!(n.kind, NodeKind::Domain(_)))
    );
    // Independently: e-mails per ordered pair of two different people of the hierarchy.
    let ids: std::collections::HashSet<&str> = org.people.iter().map(|p| p.id.as_str()).collect();
    let mut pairs: std::collections::HashMap<(String, String), f64> = Default::default();
    let mut writers = std::collections::HashSet::new();
    let mut received: std::collections::HashMap<String, f64> = Default::default();
    for (from, to, w) in emails_between(&emails, &ids) {
        *received.entry(to.clone()).or_default() += w;
        writers.insert(from.clone());
        writers.insert(to.clone());
        *pairs.entry((from, to)).or_default() += w;
    }
    let on_own = layout
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Person(_)))
        .count();
    assert_eq!(on_own, writers.len());
    // Each CSV row here is its own pair, so links and pairs count alike.
    assert_eq!(layout.links_total, pairs.len());
    assert_eq!(layout.links_drawn, MAX_LINKS_DRAWN);
    let drawn: Vec<f32> = layout
        .ties
        .iter()
        .zip(&layout.weights)
        .filter(|((_, _, t), _)| *t == Tie::Peer)
        .map(|(_, &w)| w)
        .collect();
    assert_eq!(drawn.len(), MAX_LINKS_DRAWN);
    let mut weights: Vec<f64> = pairs.values().copied().collect();
    weights.sort_by(|x, y| y.total_cmp(x));
    let lightest_drawn = drawn.iter().copied().fold(f32::INFINITY, f32::min);
    assert!((f64::from(lightest_drawn) - weights[MAX_LINKS_DRAWN - 1]).abs() < 1e-3);
    // The largest node is the person most written to.
    let most = received
        .iter()
        .max_by(|x, y| x.1.total_cmp(y.1))
        .map(|(id, _)| id.clone())
        .expect("someone");
    let largest = layout
        .nodes
        .iter()
        .max_by(|x, y| x.radius.total_cmp(&y.radius))
        .expect("nodes");
    let NodeKind::Person(p) = largest.kind else {
        panic!("the largest node is a person")
    };
    assert_eq!(org.people[p as usize].id.0, most);
    // The scene says what it leaves out.
    let scene = orgflow::scene::network_scene(&org, &a, &layout, &[]);
    assert_eq!(
        scene.note.as_deref(),
        Some(&*format!(
            "300 of {} links drawn (the heaviest); select a person to see all of theirs",
            orgflow::format::thousands(pairs.len() as f64)
        ))
    );
    // With rights too, the decisions alone draw no link.
    let mut both = org.clone();
    both.decisions.push(orgflow::model::Decision {
        id: orgflow::model::DecisionId("budget".to_owned()),
        name: "Budget".to_owned(),
        per_month: 4.0,
        raised_by: None,
        decides: vec![both.people[0].id.clone()],
        approves: Vec::new(),
        consulted: Vec::new(),
        roles: Vec::new(),
        hours: None,
        extra: Default::default(),
    });
    let b = analyze(&both);
    assert_eq!(NetworkReading::default_for(&both), NetworkReading::Both);
    let decisions = orgflow::layout::network_layout_as(&both, &b, NetworkReading::Decisions);
    assert!(!decisions.ties.iter().any(|(_, _, t)| *t == Tie::Peer));
    assert_eq!(decisions.links_total, 0);
}

/// Directed betweenness against networkx (`tests/reference/betweenness.py` prints these):
/// the five highest, and the sum over everybody, to 1e-9.
#[test]
fn directed_betweenness_matches_networkx_on_the_real_networks() {
    type Reference = (&'static str, &'static str, [(&'static str, f64); 5], f64);
    let cases: [Reference; 3] = [
        (
            "krackhardt_hightech/edges_reports_to.csv",
            "krackhardt_hightech/edges_advice.csv",
            [
                ("18", 0.23399122807017544),
                ("21", 0.15822890559732666),
                ("7", 0.07269632414369255),
                ("10", 0.048149540517961574),
                ("1", 0.03617585630743525),
            ],
            0.7078947368421054,
        ),
        (
            "lazega_lawfirm/nodes.csv",
            "lazega_lawfirm/edges_advice.csv",
            [
                ("16", 0.0799836790470071),
                ("17", 0.07855679481717165),
                ("30", 0.07491023142150818),
                ("39", 0.07320791418995971),
                ("26", 0.06642682993590107),
            ],
            1.175569358178054,
        ),
        (
            "manufacturing_email_hierarchy/reportsto.csv",
            "manufacturing_email_hierarchy/email_edges_weighted.csv",
            [
                ("45", 0.05998710266199434),
                ("89", 0.05626480100389687),
                ("17", 0.04724613061167925),
                ("73", 0.037675689027147394),
                ("130", 0.028147061380710676),
            ],
            0.6490937608922964,
        ),
    ];
    for (people, edges, top, sum) in cases {
        let (Some(people), Some(edges)) = (dataset(people), dataset(edges)) else {
            return;
        };
        let a = analyze(&org_with_links(&people, &edges));
        assert!(a.betweenness.is_some_and(|m| m.exact));
        let mut ranked: Vec<(&str, f64)> = a
            .persons
            .iter()
            .filter_map(|p| p.betweenness.map(|b| (p.id.as_str(), b)))
            .collect();
        ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(y.0)));
        for ((id, b), (want_id, want)) in ranked.iter().zip(top) {
            assert_eq!(*id, want_id, "{}", edges.display());
            assert!((b - want).abs() < 1e-9, "{id}: {b} vs {want}");
        }
        let total: f64 = ranked.iter().map(|(_, b)| b).sum();
        assert!(
            (total - sum).abs() < 1e-9,
            "{}: sum {total} vs {sum}",
            edges.display()
        );
    }
}

/// The hub rule runs over everybody: in the e-mail log, 45 is written to by more than half of
/// the people who write, though five others receive more e-mail.
#[test]
fn every_person_is_checked_for_the_hub_rule() {
    let Some((people, emails)) = manufacturing() else {
        return;
    };
    let org = org_with_links(&people, &emails);
    let a = analyze(&org);
    let net = a.network.as_ref().expect("links");
    let p45 = a.persons.iter().find(|p| p.id == "45").expect("45");
    assert!(
        p45.sought_by * 2 >= net.seekers,
        "{} of {}",
        p45.sought_by,
        net.seekers
    );
    assert!(
        !net.top.iter().any(|s| s.id == "45"),
        "not among the five heaviest"
    );
    assert!(
        a.findings
            .iter()
            .any(|f| f.kind == FindingKind::InformalHub && f.people == ["45"]),
        "45 is a hub"
    );
}
