//! Graph files: Pajek, GraphML (yEd's too) and GEXF read as people and links, a "reports to"
//! relation as the hierarchy; orgflow's own GraphML and GEXF read back exactly and, parsed
//! independently (roxmltree), carry every person, edge and figure.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::analyze;
use orgflow::io::{CsvColumns, load, parse_json};
use orgflow::model::Org;
use std::path::Path;
use support::{orgflow, text};

fn school() -> Org {
    parse_json(&std::fs::read("assets/examples/riverside-traditional.json").unwrap()).unwrap()
}

/// The Lazega law firm as Pajek published it: 71 lawyers, three relations declared as
/// `*arcs :k "name"`, partitions as attributes. The edge counts are those of the CSV copies.
#[test]
fn the_lazega_pajek_project_opens_with_its_three_relations() {
    let dir = Path::new("../shared/datasets/lazega_lawfirm");
    let paj = dir.join("Lazega-Law-Firm.paj");
    if !paj.exists() {
        eprintln!("skipped: {} is not here", paj.display());
        return;
    }
    let loaded = load(&paj, &CsvColumns::default()).expect("opens");
    let org = &loaded.org;
    assert_eq!(org.people.len(), 71);
    assert_eq!(org.name, "Lazega");
    let rows = |f: &str| {
        std::fs::read_to_string(dir.join(f))
            .unwrap()
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count()
    };
    let count = |kind: &str| org.links.iter().filter(|l| l.kind == kind).count();
    assert_eq!(count("advice"), rows("edges_advice.csv"));
    assert_eq!(count("friendship"), rows("edges_friendship.csv"));
    assert_eq!(count("co-work"), rows("edges_cowork.csv"));
    // Vertex 1 is "L1", a partner (status 1) aged 64.
    let first = org.person("L1").expect("L1");
    assert_eq!(first.extra["status"], "1");
    assert_eq!(first.extra["age"], "64");
    assert!(org.people.iter().all(|p| p.manager.is_none()));
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.contains("no edge or attribute says who reports to whom")),
        "{:?}",
        loaded.notes
    );
}

/// yEd's GraphML: names in node labels, a relation attribute saying "reports to" in any case,
/// an edge to a node that is not there left out and named.
#[test]
fn a_yed_graphml_reads_names_from_labels_and_reports_to_edges_as_the_hierarchy() {
    let loaded = load(
        Path::new("tests/graphs/yed.graphml"),
        &CsvColumns::default(),
    )
    .expect("opens");
    let org = &loaded.org;
    let names: Vec<&str> = org.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana Costa & Co", "Ben Osei", "Cy Lima", "n3"]);
    assert_eq!(org.person("n0").unwrap().team, "Leadership");
    let manager = |id: &str| org.person(id).and_then(|p| p.manager.clone()).map(|m| m.0);
    assert_eq!(manager("n1").as_deref(), Some("n0"));
    assert_eq!(manager("n2").as_deref(), Some("n1"));
    assert_eq!(org.links.len(), 1);
    assert_eq!(
        (org.links[0].kind.as_str(), org.links[0].weight),
        ("advice", 3.0)
    );
    let problems: Vec<String> = loaded
        .import_problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        ["edge 4: names “n9”, which is no node of the file; left out"]
    );
}

/// The school to GraphML, GEXF and Pajek and back: the same people, reporting lines and links
/// (Pajek keeps ids and edges only, and says so).
#[test]
fn a_team_file_goes_to_each_graph_format_and_back() {
    let org = school();
    let dir = tempfile::tempdir().unwrap();
    for ext in ["graphml", "gexf", "net"] {
        let out = dir.path().join(format!("school.{ext}"));
        let cli = orgflow(&[
            "convert",
            "assets/examples/riverside-traditional.json",
            out.to_str().unwrap(),
        ]);
        assert_eq!(cli.status.code(), Some(0), "{}", text(&cli.stderr));
        assert!(
            text(&cli.stderr).contains("it will not keep 14 decision domains and their rights"),
            "{}",
            text(&cli.stderr)
        );
        let back = load(&out, &CsvColumns::default()).expect("reads back").org;
        assert_eq!(back.name, org.name, "{ext}");
        assert_eq!(back.people.len(), org.people.len(), "{ext}");
        for (a, b) in org.people.iter().zip(&back.people) {
            assert_eq!(a.id, b.id, "{ext}");
            assert_eq!(a.manager, b.manager, "{ext}: {}", a.id);
            if ext != "net" {
                assert_eq!(
                    (&a.name, &a.title, &a.team),
                    (&b.name, &b.title, &b.team),
                    "{ext}"
                );
                assert_eq!(
                    a.vacant || a.external,
                    !b.status.is_active() || b.vacant || b.external
                );
            }
        }
        let pairs = |o: &Org| {
            o.links
                .iter()
                .map(|l| (l.from.0.clone(), l.to.0.clone(), l.kind.clone(), l.weight))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(&back), pairs(&org), "{ext}");
    }
}

/// orgflow's GraphML and GEXF, parsed by roxmltree: a node per person with its figures as
/// the analysis has them, an edge per reporting line and link.
#[test]
fn the_written_graph_files_carry_the_figures() {
    let org = school();
    let a = analyze(&org);
    let dana = a.persons.iter().find(|p| p.id == "dana").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let graphml = dir.path().join("school.graphml");
    orgflow::io::save(&org, &graphml).unwrap();
    let text = std::fs::read_to_string(&graphml).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed GraphML");
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .collect();
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .collect();
    assert_eq!(nodes.len(), 31);
    assert_eq!(edges.len(), 30 + org.links.len());
    let data = |node: &roxmltree::Node, key: &str| {
        node.children()
            .find(|c| c.has_tag_name("data") && c.attribute("key") == Some(key))
            .and_then(|c| c.text())
            .map(str::to_owned)
    };
    let dana_node = nodes
        .iter()
        .find(|n| n.attribute("id") == Some("dana"))
        .unwrap();
    let share: f64 = data(dana_node, "hierarchical_share")
        .unwrap()
        .parse()
        .unwrap();
    assert!((share - dana.hierarchical.share).abs() < 1e-12);
    assert_eq!(
        data(dana_node, "direct_reports").unwrap(),
        dana.direct_reports.to_string()
    );
    let reports = edges
        .iter()
        .filter(|e| data(e, "kind").as_deref() == Some("reports_to"))
        .count();
    assert_eq!(reports, 30);

    let gexf = dir.path().join("school.gexf");
    orgflow::io::save(&org, &gexf).unwrap();
    let text = std::fs::read_to_string(&gexf).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed GEXF");
    let node = doc
        .descendants()
        .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("dana"))
        .unwrap();
    assert_eq!(node.attribute("label"), Some("Dana Reyes"));
    let value = node
        .descendants()
        .find(|v| v.has_tag_name("attvalue") && v.attribute("for") == Some("distributed_share"))
        .and_then(|v| v.attribute("value"))
        .unwrap();
    assert!((value.parse::<f64>().unwrap() - dana.distributed.share).abs() < 1e-12);
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("edge")).count(),
        30 + org.links.len()
    );
}

/// A graph file that is not well-formed says where, and nothing loads.
#[test]
fn a_broken_graph_file_is_refused_saying_where() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.graphml");
    std::fs::write(&bad, "<graphml><graph><node id=\"a\"></graph>").unwrap();
    let err = load(&bad, &CsvColumns::default()).expect_err("broken");
    assert!(err.to_string().contains("is not well-formed XML"), "{err}");
    assert!(err.to_string().contains("bad.graphml"), "{err}");
}

/// Dotted lines go to a graph file as edges of kind `dotted_line` and come back as dotted-line
/// managers, never as links or reporting lines.
#[test]
fn dotted_lines_survive_a_graph_file() {
    let org = load(Path::new("tests/csv/dotted.csv"), &CsvColumns::default())
        .expect("loads")
        .org;
    let dir = tempfile::tempdir().unwrap();
    for ext in ["graphml", "gexf", "net"] {
        let out = dir.path().join(format!("dotted.{ext}"));
        orgflow::io::save(&org, &out).unwrap();
        let back = load(&out, &CsvColumns::default()).expect("reads back").org;
        for (a, b) in org.people.iter().zip(&back.people) {
            assert_eq!(a.dotted_managers, b.dotted_managers, "{ext}: {}", a.id);
            assert_eq!(a.manager, b.manager, "{ext}: {}", a.id);
        }
        assert!(back.links.is_empty(), "{ext}");
    }
}
