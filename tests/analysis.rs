//! The analysis numbers on small orgs worked out by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use orgflow::analysis::{Analysis, FindingKind, Severity, analyze};
use orgflow::io::parse_json;

fn org(json: &str) -> orgflow::model::Org {
    match parse_json(json.as_bytes()) {
        Ok(org) => org,
        Err(problems) => panic!("test org is invalid: {problems:?}"),
    }
}

fn person<'a>(a: &'a Analysis, id: &str) -> &'a orgflow::analysis::PersonFigures {
    a.persons
        .iter()
        .find(|p| p.id == id)
        .expect("person in analysis")
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// A → B, C; B → D, E; C → F.
///
/// Decision x (6 a month, raised by all six, decided by E): each person raises 1.
///   A: A→B→E (B, E), B: B→E (E), C: C→A→B→E (A, B, E), D: D→B→E (B, E), E: own,
///   F: F→C→A→B→E (C, A, B, E). Hops 2+1+3+2+0+4 = 12.
/// Decision y (2 a month, raised by F, decided by D, approved by C):
///   F→C→A→B→D (C, A, B, D: 4 hops), then D→B→A→C (B, A, C: 3 hops), each ×2. The route
///   reaches C, A, B and D: each counts the decision once, though B, A and C see it twice.
///
/// Loads from x: A 2 (C, F), B 4 (A, C, D, F), C 1 (F), E 5; from y: 2 each for A, B, C, D.
const SMALL: &str = r#"{
  "orgflow": 1, "name": "Small",
  "people": [
    {"id": "a", "name": "A"},
    {"id": "b", "name": "B", "manager": "a"},
    {"id": "c", "name": "C", "manager": "a"},
    {"id": "d", "name": "D", "manager": "b"},
    {"id": "e", "name": "E", "manager": "b"},
    {"id": "f", "name": "F", "manager": "c"}
  ],
  "decisions": [
    {"id": "x", "name": "X", "per_month": 6, "decides": ["e"]},
    {"id": "y", "name": "Y", "per_month": 2, "raised_by": ["f"], "decides": ["d"], "approves": ["c"]}
  ]
}"#;

#[test]
fn hierarchical_loads_follow_the_chain_of_command() {
    let a = analyze(&org(SMALL));
    close(a.decisions_per_month, 8.0);
    for (id, load) in [
        ("a", 4.0),
        ("b", 6.0),
        ("c", 3.0),
        ("d", 2.0),
        ("e", 5.0),
        ("f", 0.0),
    ] {
        close(person(&a, id).hierarchical.load, load);
        close(person(&a, id).hierarchical.share, load / 8.0);
    }
    // Hops count every hand-off: (12 + 2 × 7) over 8 decisions.
    close(a.readings.hierarchical.mean_hops, 26.0 / 8.0);
    assert_eq!(a.readings.hierarchical.top.as_deref(), Some("b"));
    close(a.readings.hierarchical.top_share, 0.75);
}

#[test]
fn distributed_loads_go_straight_to_the_holders() {
    let a = analyze(&org(SMALL));
    for (id, load) in [
        ("a", 0.0),
        ("b", 0.0),
        ("c", 2.0),
        ("d", 2.0),
        ("e", 5.0),
        ("f", 0.0),
    ] {
        close(person(&a, id).distributed.load, load);
    }
    // x: five people one hop each; y: F→D and D→C, two hops, twice a month.
    close(a.readings.distributed.mean_hops, 9.0 / 8.0);
    assert_eq!(a.readings.distributed.top.as_deref(), Some("e"));
    // Shares of load 5, 2, 2 out of 9: HHI = (5/9)²+(2/9)²+(2/9)² in percent points.
    let hhi = 10_000.0 * (25.0 + 4.0 + 4.0) / 81.0;
    close(a.readings.distributed.load.hhi, hhi);
}

#[test]
fn structure_figures() {
    let a = analyze(&org(SMALL));
    assert_eq!(a.people, 6);
    assert_eq!(a.roots, vec!["a"]);
    assert_eq!(a.layers, 3);
    let max = a.max_span.as_ref().expect("a manager");
    assert_eq!((max.id.as_str(), max.count), ("a", 2));
    assert_eq!(person(&a, "a").total_reports, 5);
    assert_eq!(person(&a, "b").direct_reports, 2);
    assert_eq!(person(&a, "c").total_reports, 1);
    assert_eq!(a.structure.managers, 3);
    close(a.structure.span.mean, 5.0 / 3.0);
    close(a.structure.span.median, 2.0);
}

#[test]
fn concentration_of_authority() {
    let a = analyze(&org(SMALL));
    let auth = &a.concentration.authority;
    // Decide weights: E 6 a month, D 2: shares 75% and 25%.
    close(auth.spread.hhi, 75.0 * 75.0 + 25.0 * 25.0);
    close(auth.spread.effective, 10_000.0 / 6_250.0);
    // E, D decide and C approves: 3 of 6 people.
    close(auth.holders_share, 0.5);
    // Two domains: both deciders must go before more than half are uncovered.
    assert_eq!(auth.bus_factor, Some(2));
    assert_eq!(auth.bus_factor_people, vec!["d", "e"]);
}

#[test]
fn decisions_cross_between_separate_trees_at_the_top() {
    let a = analyze(&org(r#"{"orgflow": 1, "name": "Forest",
      "people": [
        {"id": "r1", "name": "R1"}, {"id": "x", "name": "X", "manager": "r1"},
        {"id": "r2", "name": "R2"}, {"id": "y", "name": "Y", "manager": "r2"}],
      "decisions": [{"id": "d", "name": "D", "per_month": 1, "raised_by": ["x"], "decides": ["y"]}]}"#));
    for (id, load) in [("r1", 1.0), ("x", 0.0), ("r2", 1.0), ("y", 1.0)] {
        close(person(&a, id).hierarchical.load, load);
    }
    close(a.readings.hierarchical.mean_hops, 3.0);
    close(person(&a, "y").distributed.load, 1.0);
    assert_eq!(a.roots, vec!["r1", "r2"]);
}

#[test]
fn a_decision_nobody_decides_climbs_to_the_top_and_is_a_finding() {
    let a = analyze(&org(r#"{"orgflow": 1, "name": "Orphan",
      "people": [{"id": "boss", "name": "Boss"}, {"id": "p", "name": "P", "manager": "boss"},
                 {"id": "q", "name": "Q", "manager": "p"}],
      "decisions": [{"id": "d", "name": "Parking", "per_month": 3, "consulted": ["q"]}]}"#));
    // Everyone raises 1: Q's climbs through P to Boss, P's to Boss; Boss keeps their own.
    close(person(&a, "boss").hierarchical.load, 2.0);
    close(person(&a, "p").hierarchical.load, 1.0);
    close(person(&a, "boss").distributed.load, 0.0);
    let f = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::NoDecider)
        .expect("no-decider finding");
    assert_eq!(f.domains, vec!["d"]);
    assert!(f.message.contains("Parking"), "{}", f.message);
}

#[test]
fn a_domain_nobody_is_named_for_is_left_out_and_said() {
    let a = analyze(&org(r#"{"orgflow": 1, "name": "New",
      "people": [{"id": "boss", "name": "Boss"}, {"id": "p", "name": "P", "manager": "boss"}],
      "decisions": [{"id": "d", "name": "Parking", "per_month": 3}]}"#));
    close(a.decisions_per_month, 0.0);
    close(person(&a, "boss").hierarchical.load, 0.0);
    assert!(!a.findings.iter().any(|f| f.kind == FindingKind::NoDecider));
    let note = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::IncompleteRights && f.domains == ["d"])
        .expect("says it is left out");
    assert!(note.message.contains("Parking"), "{}", note.message);
}

#[test]
fn open_positions_raise_nothing_and_are_skipped_on_the_climb() {
    let a = analyze(&org(r#"{"orgflow": 1, "name": "Vacancy",
      "people": [{"id": "boss", "name": "Boss"},
                 {"id": "open", "name": "Open", "manager": "boss", "vacant": true},
                 {"id": "w", "name": "W", "manager": "open"}],
      "decisions": [{"id": "d", "name": "D", "per_month": 2, "decides": ["boss"]}]}"#));
    // Boss and W raise 1 each; W's goes past the open position straight to Boss: one hop.
    close(person(&a, "open").hierarchical.load, 0.0);
    close(person(&a, "boss").hierarchical.load, 1.0);
    close(person(&a, "boss").distributed.load, 1.0);
    close(a.readings.hierarchical.mean_hops, 0.5);
}

#[test]
fn findings_name_the_funnel_the_wide_span_and_the_sole_holder() {
    let mut people = vec![r#"{"id": "head", "name": "Pat Head"}"#.to_owned()];
    for i in 0..12 {
        people.push(format!(
            r#"{{"id": "t{i}", "name": "T{i}", "manager": "head"}}"#
        ));
    }
    people.push(r#"{"id": "solo", "name": "Solo", "manager": "t0"}"#.to_owned());
    let decisions: Vec<String> = (0..4)
        .map(|i| {
            format!(r#"{{"id": "d{i}", "name": "D{i}", "per_month": 1, "decides": ["head"]}}"#)
        })
        .collect();
    let json = format!(
        r#"{{"orgflow": 1, "name": "Funnel", "people": [{}], "decisions": [{}]}}"#,
        people.join(","),
        decisions.join(",")
    );
    let a = analyze(&org(&json));
    let kinds: Vec<(FindingKind, Severity, Vec<String>)> = a
        .findings
        .iter()
        .map(|f| (f.kind, f.severity, f.people.clone()))
        .collect();
    let head = vec!["head".to_owned()];
    assert!(kinds.contains(&(FindingKind::Funnel, Severity::Critical, head.clone())));
    assert!(kinds.contains(&(FindingKind::WideSpan, Severity::Warning, head.clone())));
    // Sole decider of 4 domains: at least 3 warns, 6 or more would be critical.
    assert!(kinds.contains(&(FindingKind::SingleHolder, Severity::Warning, head.clone())));
    assert!(kinds.contains(&(
        FindingKind::HighConcentration,
        Severity::Critical,
        head.clone()
    )));
    assert!(kinds.contains(&(FindingKind::BusFactor, Severity::Critical, head.clone())));
    assert!(kinds.contains(&(
        FindingKind::OneOverOne,
        Severity::Info,
        vec!["t0".to_owned()]
    )));
    // Most severe first.
    assert!(
        a.findings
            .windows(2)
            .all(|w| w[0].severity <= w[1].severity)
    );
    // Everyone but the head raises decisions that reach the head: 13 of 14 raisers.
    let head_share = person(&a, "head").hierarchical.share;
    close(head_share, 13.0 / 14.0);
}

#[test]
fn thresholds_in_the_file_change_the_findings() {
    let base = r#"{"orgflow": 1, "name": "T", THRESHOLDS
      "people": [{"id": "m", "name": "M"}, {"id": "a", "name": "A", "manager": "m"},
                 {"id": "b", "name": "B", "manager": "m"}, {"id": "c", "name": "C", "manager": "m"}]}"#;
    let default = analyze(&org(&base.replace("THRESHOLDS", "")));
    assert!(
        !default
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::WideSpan)
    );
    let strict = analyze(&org(
        &base.replace("THRESHOLDS", r#""thresholds": {"wide_span": 2},"#)
    ));
    assert!(
        strict
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::WideSpan)
    );
    assert_eq!(strict.thresholds.wide_span, 2);
}

#[test]
fn too_many_layers_for_the_headcount() {
    // A chain of six: one layer each, where a span of 8 needs only 2.
    let people: Vec<String> = (0..6)
        .map(|i| {
            let manager = if i == 0 {
                String::new()
            } else {
                format!(r#", "manager": "p{}""#, i - 1)
            };
            format!(r#"{{"id": "p{i}", "name": "P{i}"{manager}}}"#)
        })
        .collect();
    let json = format!(
        r#"{{"orgflow": 1, "name": "Chain", "people": [{}]}}"#,
        people.join(",")
    );
    let a = analyze(&org(&json));
    assert_eq!(a.layers, 6);
    assert_eq!(a.structure.min_layers, 2);
    assert!(
        a.findings
            .iter()
            .any(|f| f.kind == FindingKind::TooManyLayers)
    );
}

#[test]
fn minimum_layers_follow_bains_formula() {
    use orgflow::analysis::min_layers;
    assert_eq!(min_layers(1, 8), 1);
    assert_eq!(min_layers(9, 8), 2);
    assert_eq!(min_layers(10, 8), 3);
    assert_eq!(min_layers(73, 8), 3);
    assert_eq!(min_layers(74, 8), 4);
    assert_eq!(min_layers(0, 8), 0);
}

#[test]
fn articulation_points_and_betweenness_use_peer_links() {
    // Two teams joined only by a peer link between l1 and l2.
    let a = analyze(&org(r#"{"orgflow": 1, "name": "Links",
      "people": [{"id": "m1", "name": "M1"}, {"id": "l1", "name": "L1", "manager": "m1"},
                 {"id": "m2", "name": "M2"}, {"id": "l2", "name": "L2", "manager": "m2"},
                 {"id": "x", "name": "X", "manager": "m2"}],
      "links": [{"from": "l1", "to": "l2"}, {"from": "l2", "to": "x"}]}"#));
    // m2 is not one: x still links l2's side to the rest. Listed in file order.
    assert_eq!(a.articulation_points, vec!["l1", "l2"]);
    // In the directed link network l1 → l2 → x, l2 lies on the one path of the six ordered
    // pairs that have one (l1 to x): 1 / ((3 − 1)(3 − 2)) = 0.5, as networkx says.
    assert_eq!(person(&a, "l2").betweenness, Some(0.5));
    assert_eq!(person(&a, "l1").betweenness, Some(0.0));
    assert_eq!(person(&a, "m1").betweenness, None);
}

#[test]
fn the_traditional_school_names_the_principal_as_the_funnel() {
    let org = orgflow::io::load(
        std::path::Path::new("assets/examples/riverside-traditional.json"),
        &Default::default(),
    )
    .expect("example loads")
    .org;
    let a = analyze(&org);
    let first = a.findings.first().expect("findings");
    assert_eq!(first.kind, FindingKind::Funnel);
    assert_eq!(first.people, vec!["dana"]);
    assert!(person(&a, "dana").direct_reports > 24);
    assert!(person(&a, "dana").hierarchical.share > 0.9);
    assert!(person(&a, "dana").distributed.share > 0.8);
}

#[test]
fn distributing_leadership_lowers_the_principals_share() {
    let load = |path: &str| {
        analyze(
            &orgflow::io::load(std::path::Path::new(path), &Default::default())
                .expect("example loads")
                .org,
        )
    };
    let before = load("assets/examples/riverside-traditional.json");
    let after = load("assets/examples/riverside-distributed.json");
    let dana = |a: &Analysis| person(a, "dana").distributed.share;
    assert!(dana(&after) < dana(&before) / 4.0);
    assert!(
        after.concentration.authority.spread.effective
            > 5.0 * before.concentration.authority.spread.effective
    );
    assert!(after.concentration.authority.bus_factor > before.concentration.authority.bus_factor);
}

/// SMALL with dotted lines: F answers on a dotted line to D, and D to F (a loop: D is taken
/// first, in file order, so F's line, which would close it, is passed over); B to E (below B).
///
/// Matrix tree: A → B, C; B → E; C → F; F → D (D moved under F; B kept: E is below B; F
/// kept: F's dotted manager D is now below F).
/// Decision x (raised by all six, decided by E): A: A→B→E (B, E); B: B→E (E); C: C→A→B→E
/// (A, B, E); D: D→F→C→A→B→E (F, C, A, B, E); F: F→C→A→B→E (C, A, B, E); E own. Loads:
/// A 3 (C, D, F), B 4 (A, C, D, F), C 2 (D, F), E 5, F 1 (D), D 0.
/// Decision y (2 a month, raised by F, decided by D, approved by C): F→D (D), then D→F→C
/// (F is the raiser, C): D 2 and C 2.
#[test]
fn the_matrix_reading_climbs_the_dotted_lines() {
    let mut json: serde_json::Value = serde_json::from_str(SMALL).unwrap();
    let people = json["people"].as_array_mut().unwrap();
    people[3]["dotted_managers"] = serde_json::json!(["f"]);
    people[5]["dotted_managers"] = serde_json::json!(["d"]);
    people[1]["dotted_managers"] = serde_json::json!(["e"]);
    let a = analyze(&org(&json.to_string()));
    let m = a.readings.matrix.as_ref().expect("a matrix reading");
    assert_eq!((m.people_moved, m.passed_over), (1, 2));
    for (id, load) in [
        ("a", 3.0),
        ("b", 4.0),
        ("c", 4.0),
        ("d", 2.0),
        ("e", 5.0),
        ("f", 1.0),
    ] {
        close(person(&a, id).matrix.unwrap().load, load);
    }
    // The other readings do not move.
    close(person(&a, "a").hierarchical.load, 4.0);
    let report = orgflow::analysis::text_report(&a);
    assert!(
        report.contains("Up the dotted lines (matrix reading: 1 person read as reporting to their dotted-line manager; 2 people whose dotted lines all point below them keep their line manager)"),
        "{report}"
    );
    // Without dotted lines there is no matrix reading.
    let plain = analyze(&org(SMALL));
    assert!(plain.readings.matrix.is_none() && plain.persons[0].matrix.is_none());
}
