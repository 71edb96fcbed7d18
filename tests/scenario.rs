//! Scenarios: the traditional school against the distributed one, the principal off sick, the
//! suggested distributed variant, and the before/after slide.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::analyze;
use orgflow::io::parse_json;
use orgflow::model::Org;
use orgflow::scenario::{ChangeKind, compare, suggest, without};
use support::{orgflow, text};

fn example(name: &str) -> Org {
    parse_json(&std::fs::read(format!("assets/examples/{name}")).expect("example")).expect("valid")
}

#[test]
fn traditional_to_distributed_school_figures_and_changes() {
    let (before, after) = (
        example("riverside-traditional.json"),
        example("riverside-distributed.json"),
    );
    let c = compare(&before, &after);
    let [b, a] = &c.figures;
    assert_eq!(b.top_distributed.as_deref(), Some("dana"));
    assert!((b.top_share_distributed - 0.88).abs() < 0.005);
    assert!((b.authority_hhi - 8062.0).abs() < 1.0);
    assert!((a.authority_hhi - 995.0).abs() < 1.0);
    // Exact: 5 people (greedy by domains held said 7).
    assert_eq!((b.bus_factor, a.bus_factor), (Some(1), Some(5)));
    assert_eq!((b.widest_span, a.widest_span), (28, 13));
    assert_eq!((b.critical, a.critical), (5, 1));
    assert_eq!(c.delta.bus_factor, 4);
    assert_eq!(c.delta.widest_span, -15);
    assert!((c.delta.authority_hhi + 7067.0).abs() < 2.0);
    // Two assistant principals were added; 26 people report to someone else now.
    let added: Vec<&str> = c.changes.added.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(added, ["maya-ap", "tom-ap"]);
    assert!(c.changes.removed.is_empty());
    assert_eq!(c.changes.moved.len(), 26);
    assert_eq!(c.changes.kind_of("sam"), Some(ChangeKind::Moved));
    assert_eq!(c.changes.kind_of("maya-ap"), Some(ChangeKind::Added));
    // Dana no longer decides literacy; Ella does.
    assert!(c.changes.rights.iter().any(|r| r.domain == "curriculum-lit"
        && r.person.id == "ella"
        && r.before == Some("consulted")
        && r.after == Some("decides")));
    assert!(c.changes.rights.iter().any(|r| r.domain == "curriculum-lit"
        && r.person.id == "dana"
        && r.before == Some("decides")
        && r.after.is_none()));
    assert_eq!(
        orgflow::scenario::headline(&before, &c),
        "mean wait through the hierarchy 0.3 days → 0.1 days; Dana Reyes 66% → 30% utilised; Dana Reyes: 88% → 11% of decisions straight to the holder; bus factor 1 → 5; authority HHI 8,062 → 995"
    );
}

#[test]
fn compare_on_the_command_line_in_words_and_json() {
    let out = orgflow(&[
        "compare",
        "assets/examples/riverside-traditional.json",
        "assets/examples/riverside-distributed.json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.contains("bus factor 1 → 5"), "{report}");
    assert!(report.contains("2 added, 0 removed, 26 moved"), "{report}");
    let out = orgflow(&[
        "compare",
        "--json",
        "assets/examples/riverside-traditional.json",
        "assets/examples/riverside-distributed.json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in ["before", "after", "figures", "delta", "changes"] {
        assert!(v.get(key).is_some(), "no {key}");
    }
    // before and after carry the keys of analyze --json.
    assert_eq!(v["before"]["people"], 31);
    assert_eq!(v["after"]["max_span"]["count"], 13);
    for key in ["added", "removed", "moved", "rights"] {
        assert!(v["changes"][key].is_array(), "no changes.{key}");
    }
    assert_eq!(v["delta"]["bus_factor"], 4);
}

#[test]
fn the_principal_off_sick() {
    let org = example("riverside-traditional.json");
    let original = org.clone();
    let a = without(&org, &["dana".to_owned()]).expect("Dana exists");
    assert_eq!(org, original, "the org itself does not change");
    let orphaned: Vec<&str> = a.orphaned_domains.iter().map(|d| d.id.as_str()).collect();
    // Everything but the supplies orders, which Marta decides.
    assert_eq!(
        orphaned,
        [
            "budget",
            "hiring",
            "curriculum-lit",
            "curriculum-maths",
            "curriculum-sci",
            "timetable",
            "behaviour",
            "parents",
            "trips",
            "sen",
            "assessment",
            "cpd",
            "events"
        ]
    );
    // She stays in the chart, away: her decisions go on to nobody above her.
    assert_eq!(a.comparison.changes.away.len(), 1);
    assert_eq!(a.comparison.changes.removed.len(), 0);
    assert_eq!(a.comparison.after.headcount.away, 1);
    let [b, after] = &a.comparison.figures;
    assert_eq!((b.undecided_domains, after.undecided_domains), (0, 13));
    // Marta carries what still has a decider: the supplies orders, and the climb of her team.
    assert!(a.carriers.iter().any(|c| c.person.id == "marta"));
    let headline = orgflow::scenario::headline(&org, &a.comparison);
    assert!(
        headline.starts_with("13 of 14 domains would have nobody who can decide them"),
        "{headline}"
    );

    // In the distributed school only the budget, which she alone still decides, waits for her.
    let distributed = example("riverside-distributed.json");
    let a = without(&distributed, &["dana".to_owned()]).expect("Dana exists");
    let orphaned: Vec<&str> = a.orphaned_domains.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(orphaned, ["budget"]);

    assert!(without(&org, &["nobody".to_owned()]).is_err());
}

#[test]
fn what_if_on_the_command_line() {
    let out = orgflow(&[
        "what-if",
        "assets/examples/riverside-traditional.json",
        "--without",
        "dana",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.starts_with("If Dana Reyes were away"), "{report}");
    assert!(
        report.contains("13 of 14 domains would have nobody who can decide them"),
        "{report}"
    );
    let out = orgflow(&[
        "what-if",
        "--json",
        "assets/examples/riverside-traditional.json",
        "--without",
        "dana,marta",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["without"], serde_json::json!(["dana", "marta"]));
    assert_eq!(v["orphaned_domains"].as_array().map(Vec::len), Some(14));
    let out = orgflow(&[
        "what-if",
        "assets/examples/riverside-traditional.json",
        "--without",
        "zed",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nobody has the id or name “zed”"));
}

#[test]
fn all_suggestions_distribute_the_traditional_school() {
    let org = example("riverside-traditional.json");
    let proposals = suggest(&org);
    assert!(proposals.len() >= 4, "{}", proposals.len());
    // Ranked by the waiting each saves on its own (the share of decisions freed from a queue
    // without end, then the days a decision waits less), recomputed here from the figures.
    let saved = |p: &orgflow::scenario::Proposal| {
        let (b, a) = (&p.before, &p.after);
        (b.bounded_wait_hierarchical - a.bounded_wait_hierarchical)
            + (b.bounded_wait_distributed - a.bounded_wait_distributed)
    };
    assert!(
        proposals
            .windows(2)
            .all(|w| saved(&w[0]) >= saved(&w[1]) - 1e-12),
        "{:?}",
        proposals.iter().map(saved).collect::<Vec<_>>()
    );
    assert!(
        proposals[0]
            .title
            .starts_with("Let the 8 teams that raise Parent concerns and complaints")
    );
    assert!(saved(&proposals[0]) > 0.1, "{}", saved(&proposals[0]));
    let mut after = org.clone();
    let mut history = orgflow::edit::History::default();
    for p in &proposals {
        history
            .apply(&mut after, p.command.clone())
            .unwrap_or_else(|e| panic!("{}: {e}", p.title));
        // Each alone improves something.
        assert!(
            p.after.authority_hhi < p.before.authority_hhi
                || p.after.widest_span < p.before.widest_span,
            "{}",
            p.title
        );
    }
    assert!(orgflow::model::validate(&after).is_empty());
    let a = analyze(&after);
    assert!(
        a.concentration.authority.spread.hhi < 2500.0,
        "{}",
        a.concentration.authority.spread.hhi
    );
    assert!(a.concentration.authority.bus_factor.is_some_and(|b| b >= 3));
    // Every domain is still decided, and only by people of the org.
    for d in &after.decisions {
        assert!(!d.decides.is_empty(), "{} lost its decider", d.name);
        assert!(d.decides.iter().all(|p| after.person(p.as_str()).is_some()));
    }
    assert_eq!(after.people.len(), org.people.len());
    // Each proposal is one undo step.
    for _ in &proposals {
        history.undo(&mut after);
    }
    assert_eq!(after, org);
}

#[test]
fn suggest_on_the_command_line_writes_the_variant() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("distributed.json");
    let out = orgflow(&[
        "suggest",
        "assets/examples/riverside-traditional.json",
        "--out",
        out_file.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(
        "1. Let the 8 teams that raise Parent concerns and complaints decide it themselves"
    ));
    assert!(text(&out.stderr).contains("proposals applied"));
    let variant = parse_json(&std::fs::read(&out_file).expect("written")).expect("valid");
    assert!(analyze(&variant).concentration.authority.spread.hhi < 2500.0);
    // Nothing to suggest for an org with no funnel.
    let out = orgflow(&["suggest", "tests/csv/hr-export.csv"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_before_after_slide() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg = dir.path().join("slide.svg");
    let out = orgflow(&[
        "export",
        "assets/examples/riverside-traditional.json",
        "--compare",
        "assets/examples/riverside-distributed.json",
        "--out",
        svg.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let body = std::fs::read_to_string(&svg).expect("written");
    assert!(body.contains("Dana Reyes: 88% → 11% of decisions straight to the holder"));
    assert!(body.contains("Before: Riverside Primary (traditional)"));
    assert!(body.contains("After: Riverside Primary (distributed)"));
    assert!(body.contains("Bus factor: 1 → 5"));
    // The same colour for the same share on both halves: Dana's card is the darkest red.
    assert!(body.matches("#800026").count() >= 2);
    let png = dir.path().join("slide.png");
    let out = orgflow(&[
        "export",
        "assets/examples/riverside-traditional.json",
        "--compare",
        "assets/examples/riverside-distributed.json",
        "--out",
        png.to_str().expect("path"),
        "--view",
        "both",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let image = resvg::tiny_skia::Pixmap::load_png(&png).expect("a PNG");
    assert_eq!((image.width(), image.height()), (1920, 1080));
}

#[test]
fn a_large_org_gets_a_readable_list_and_accepting_all_still_does_everything() {
    let org = orgflow::generate::org(10_000, 1);
    let wide = analyze(&org).thresholds.wide_span;
    let spans = |org: &Org| {
        let mut reports: std::collections::HashMap<&str, usize> = Default::default();
        for p in &org.people {
            if let Some(m) = &p.manager {
                *reports.entry(m.as_str()).or_default() += 1;
            }
        }
        reports.values().filter(|&&n| n > wide).count()
    };
    let proposals = suggest(&org);
    let splits: Vec<&orgflow::scenario::Proposal> = proposals
        .iter()
        .filter(|p| p.kind == orgflow::scenario::ProposalKind::SplitSpan)
        .collect();
    // The widest eight on their own, the rest as one.
    assert_eq!(splits.len(), orgflow::scenario::SHOWN_EACH + 1);
    let merged = splits.last().expect("the rest");
    let rest: usize = merged
        .title
        .strip_prefix("Split the ")
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .expect("counts the rest");
    assert!(rest > 100, "{}", merged.title);
    assert!(merged.after.widest_span <= merged.before.widest_span);
    // Every wide span split was split: the count of wide spans drops by all of them.
    let mut after = org.clone();
    for p in &proposals {
        orgflow::edit::apply(&mut after, p.command.clone()).expect("applies");
    }
    let split = orgflow::scenario::SHOWN_EACH + rest;
    assert!(
        spans(&after) + split <= spans(&org),
        "{} + {split} vs {}",
        spans(&after),
        spans(&org)
    );
}

/// `compare A B C`: a column each, each after the first compared with it; the figures are each
/// org's own (the same as `analyze` gives), and two files still give the before/after report.
#[test]
fn compare_takes_any_number_of_orgs() {
    let files = [
        "assets/examples/riverside-traditional.json",
        "assets/examples/riverside-distributed.json",
        "assets/examples/brightpath-product.json",
    ];
    let out = orgflow(&["compare", files[0], files[1], files[2]]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(
        report.starts_with("3 orgs, each after the first compared with it"),
        "{report}"
    );
    let header = report
        .lines()
        .find(|l| l.contains("riverside-distributed.json  "))
        .expect("header row");
    assert!(
        header
            .trim_start()
            .starts_with("riverside-traditional.json"),
        "{header}"
    );
    assert!(header.trim_end().ends_with("brightpath-product.json"));
    let bus = report
        .lines()
        .find(|l| l.starts_with("Bus factor"))
        .expect("row");
    let cells: Vec<&str> = bus.split_whitespace().collect();
    assert_eq!(cells, ["Bus", "factor", "1", "5", "12"]);
    assert!(
        report.contains("riverside-distributed.json against riverside-traditional.json: 2 added")
    );

    let out = orgflow(&["compare", files[0], files[1], files[2], "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let figures = json["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 3);
    for (k, file) in files.iter().enumerate() {
        let own = analyze(&parse_json(&std::fs::read(file).unwrap()).unwrap());
        let (shown, own) = (
            figures[k]["authority_hhi"].as_f64().unwrap(),
            own.concentration.authority.spread.hhi,
        );
        assert!(
            (shown - own).abs() < 1e-9 * own,
            "{file}: {shown} against {own}"
        );
    }
    assert_eq!(json["against_first"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["against_first"][0]["file"],
        "riverside-distributed.json"
    );

    // Two files: the before/after report as before; one file is refused.
    let out = orgflow(&["compare", files[0], files[1]]);
    assert!(text(&out.stdout).contains("before"));
    let out = orgflow(&["compare", files[0]]);
    assert!(!out.status.success());
}
