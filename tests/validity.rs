//! Figures a careful analyst would defend, pinned on a made-up HR export shaped like a real
//! one (`tests/hris/`: managers linked by name, people who left, managers outside the file, a
//! RACI sheet whose columns are job titles) and on the real data sets in ../shared/datasets
//! (skipped with a message when they are absent). The arithmetic is in the comments.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::{FindingKind, analyze};
use orgflow::io::{CsvColumns, load, load_rights};
use orgflow::model::Org;
use std::path::Path;
use support::{orgflow, text};

fn hris() -> Org {
    let people = load(Path::new("tests/hris/people.csv"), &CsvColumns::default())
        .expect("the export loads")
        .org;
    load_rights(&people, Path::new("tests/hris/raci.csv"), None, None)
        .expect("the sheet loads")
        .org
}

fn only(org: &Org, domain: &str) -> Org {
    let mut one = org.clone();
    one.decisions.retain(|d| d.name == domain);
    assert_eq!(one.decisions.len(), 1, "{domain}");
    one
}

fn load_of(a: &orgflow::analysis::Analysis, name: &str) -> (f64, f64) {
    let p = a
        .persons
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} is in the org"));
    (p.hierarchical.load, p.distributed.load)
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} is not {b}");
}

#[test]
fn the_headline_counts_who_is_here() {
    let a = analyze(&hris());
    // 18 rows: 3 with Termd = 1 ("Voluntarily Terminated", "Terminated for Cause"); two
    // managers named but not listed (Board of Directors, Webster Butler).
    assert_eq!(
        a.headcount.sentence(),
        "18 people: 15 active, 3 who left; 2 managers not in this file"
    );
    assert_eq!(a.people, 20);
}

#[test]
fn nobody_who_left_or_is_outside_the_file_carries_load_or_is_a_funnel() {
    let org = hris();
    let a = analyze(&org);
    for p in &a.persons {
        assert!(
            p.hierarchical.share <= 1.0 && p.distributed.share <= 1.0,
            "{}",
            p.name
        );
        if !p.can_act {
            assert_eq!(
                (p.hierarchical.load, p.distributed.load),
                (0.0, 0.0),
                "{}",
                p.name
            );
        }
    }
    let inactive: Vec<&str> = a
        .persons
        .iter()
        .filter(|p| !p.can_act)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(inactive.len(), 5);
    for f in &a.findings {
        if matches!(
            f.kind,
            FindingKind::Funnel | FindingKind::SingleHolder | FindingKind::BusFactor
        ) {
            assert!(
                f.people.iter().all(|p| !inactive.contains(&p.as_str())),
                "{}",
                f.message
            );
        }
    }
    // Terminations was decided only by Kissy Sullivan, who left.
    let undecided = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::NoDecider)
        .expect("Terminations has nobody");
    assert!(
        undecided.message.contains("Kissy Sullivan has left"),
        "{}",
        undecided.message
    );
}

/// Production schedule: 12 a month, raised by the 9 people of Production who can act
/// (Dougall, Hogland, Miller, Ait Sidi, Alagbe, Anderson, Andreola, Athwal, Bachiochi), 4/3
/// each; decided by the Production Manager responsible for the raiser (Sullivan, the third,
/// left).
/// - Hogland and Ait Sidi (his report) go to Hogland; Miller, Alagbe and Anderson to Miller.
/// - Dougall (above both), Andreola (whose manager Sullivan left, so he climbs to Dougall)
///   and Athwal and Bachiochi (whose manager is not in the file) have no Production Manager
///   above them: the rule falls back to their team, Production, which has two; the nearer
///   the top and first in the file is Hogland.
///
/// Hogland: Ait Sidi + 4 = 5 × 4/3 = 20/3 (his own raising does not count). Miller: 2 × 4/3.
/// Dougall: Andreola climbs through him, Athwal and Bachiochi come down through him from
/// the top: 3 × 4/3 = 4. King: Athwal and Bachiochi cross at the top: 8/3.
#[test]
fn a_title_column_means_the_holder_responsible_for_the_raiser() {
    let a = analyze(&only(&hris(), "Production schedule"));
    close(a.decisions_per_month, 12.0);
    let (h, d) = load_of(&a, "David Hogland");
    close(h, 20.0 / 3.0);
    close(d, 20.0 / 3.0);
    let (h, d) = load_of(&a, "Brannon Miller");
    close(h, 8.0 / 3.0);
    close(d, 8.0 / 3.0);
    close(load_of(&a, "Eric Dougall").0, 4.0);
    close(load_of(&a, "Janet King").0, 8.0 / 3.0);
    // Sullivan holds the title but has left.
    assert_eq!(load_of(&a, "Kissy Sullivan"), (0.0, 0.0));
}

/// Hiring: 3 a month from the same 9 raisers (1/3 each); the CEO decides, the responsible
/// Production Manager approves. Every hire climbs to King (3 a month reach her). A hire from
/// Ait Sidi climbs through Hogland and comes back down to him to approve: Hogland counts it
/// once. Hogland: Ait Sidi and the 4 who fall back to him = 5/3; Miller: Alagbe, Anderson
/// and the 4 (who need both team managers) = 2; Dougall: everybody but himself passes him on
/// the way up or on the way down to approve = 8/3. Nobody is above 100% (3 of 3 is King).
#[test]
fn a_decision_that_reaches_someone_twice_counts_once() {
    let a = analyze(&only(&hris(), "Hiring"));
    close(load_of(&a, "Janet King").0, 3.0);
    close(load_of(&a, "Janet King").1, 3.0);
    close(load_of(&a, "David Hogland").0, 5.0 / 3.0);
    close(load_of(&a, "David Hogland").1, 5.0 / 3.0);
    close(load_of(&a, "Brannon Miller").0, 2.0);
    close(load_of(&a, "Eric Dougall").0, 8.0 / 3.0);
    close(a.readings.hierarchical.top_share, 1.0);
}

/// Domains with rights: 6. Deciders who can act: Hiring {King}, Production schedule
/// {Hogland, Miller}, Pricing {Houlihan}, IT purchases {Zamora}, Annual budget {King},
/// Terminations {} (Sullivan left). More than half is 4: Terminations is lost already,
/// King away loses two more, and any sole decider of one more domain makes 4: bus factor 2.
/// (Taking people by domains held, as before, took King, Hogland and Miller: 3.)
#[test]
fn the_bus_factor_is_exact() {
    let auth = analyze(&hris()).concentration.authority;
    assert_eq!(auth.bus_factor, Some(2));
    assert!(auth.bus_factor_exact);
    assert!(auth.bus_factor_people.contains(&"10001".to_owned()));
    assert_eq!((auth.domains_with_rights, auth.undecided_domains), (6, 1));
}

#[test]
fn suggest_claims_what_applying_it_gives_and_proposes_only_people_who_can_act() {
    let org = hris();
    let proposals = orgflow::scenario::suggest(&org);
    assert!(!proposals.is_empty());
    for p in &proposals {
        let mut after = org.clone();
        orgflow::edit::apply(&mut after, p.command.clone()).expect("applies");
        let measured = orgflow::scenario::Figures::of(&analyze(&after));
        assert_eq!(p.after, measured, "{}", p.title);
        for d in &after.decisions {
            for id in d.decides.iter().chain(&d.approves) {
                let before = org
                    .decisions
                    .iter()
                    .find(|x| x.id == d.id)
                    .is_some_and(|x| x.decides.contains(id) || x.approves.contains(id));
                if !before {
                    let person = after.person(id.as_str()).expect("a person");
                    assert!(
                        person.can_act(),
                        "{} gave a right to {}",
                        p.title,
                        person.name
                    );
                }
            }
        }
    }
}

/// Without King: her reports go to the Board of Directors (not in the file, so nobody);
/// Hiring and Annual budget lose their only decider, Terminations had none: 3 of 6.
#[test]
fn what_if_leads_with_the_domains_nobody_can_decide() {
    let org = hris();
    let absence = orgflow::scenario::without(&org, &["King, Janet".to_owned()]).expect("by name");
    let names: Vec<&str> = absence
        .orphaned_domains
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(names, ["Hiring", "Annual budget"]);
    let [b, a] = &absence.comparison.figures;
    assert_eq!((b.undecided_domains, a.undecided_domains), (1, 3));
    let headline = orgflow::scenario::headline(&org, &absence.comparison);
    assert!(
        headline.starts_with("3 of 6 domains would have nobody who can decide them"),
        "{headline}"
    );
    assert!(
        headline.contains("over the domains that still have a decider"),
        "{headline}"
    );
    for c in &absence.carriers {
        let p = org.person(&c.person.id).expect("a person");
        assert!(p.can_act(), "{} carries load", p.name);
    }
}

#[test]
fn names_are_taken_wherever_an_id_is() {
    let org = hris();
    for query in ["King, Janet", "Janet King", "janet king", "10001"] {
        assert_eq!(org.find_person(query).expect(query).id.0, "10001");
    }
    let err = org.find_person("Nobody Here").expect_err("unknown");
    assert!(err.to_string().contains("nobody has the id or name"));
    let mut twins = org.clone();
    let mut copy = twins.people[0].clone();
    copy.id = "20001".into();
    twins.people.push(copy);
    let err = twins.find_person("Janet King").expect_err("two of them");
    let message = err.to_string();
    assert!(
        message.contains("10001") && message.contains("20001"),
        "{message}"
    );

    let out = orgflow(&[
        "what-if",
        "tests/hris/people.csv",
        "--rights",
        "tests/hris/raci.csv",
        "--without",
        "King, Janet",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.starts_with("If Janet King were away"), "{report}");
    assert!(report.contains("2 of 6 domains would have nobody who can decide them"));
    // The same person twice is away once.
    let out = orgflow(&[
        "what-if",
        "tests/hris/people.csv",
        "--without",
        "10001,10001",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn include_left_counts_leavers_as_here() {
    let out = orgflow(&[
        "analyze",
        "tests/hris/people.csv",
        "--rights",
        "tests/hris/raci.csv",
        "--include-left",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["headcount"]["active"], 18);
    // Notes are written as the report names them.
    let severities: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["severity"].as_str())
        .collect();
    assert!(severities.contains(&"note"), "{severities:?}");
    assert!(!severities.contains(&"info"));
    // Sullivan decides Terminations again.
    let undecided = v["concentration"]["authority"]["undecided_domains"].clone();
    assert_eq!(undecided, 0);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("3 people read as having left"), "{stderr}");
    assert!(
        stderr.contains("Production Manager held by 3 people:"),
        "{stderr}"
    );
    let out = orgflow(&[
        "analyze",
        "tests/hris/people.csv",
        "--rights",
        "tests/hris/raci.csv",
    ]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("held by 3 people, 2 of whom can act"),
        "{stderr}"
    );
}

/// While few domains have rights, judgement waits: one decider in one of 14 domains gives no
/// critical, and a domain just added without rights is left out of every figure.
#[test]
fn incomplete_rights_are_said_not_alarmed() {
    let mut org = orgflow::io::load(
        Path::new("assets/examples/riverside-traditional.json"),
        &CsvColumns::default(),
    )
    .expect("example")
    .org;
    let before = analyze(&org);
    for d in &mut org.decisions {
        d.decides.clear();
        d.approves.clear();
        d.consulted.clear();
    }
    let principal = org.people[0].id.clone();
    org.decisions[0].decides = vec![principal];
    let a = analyze(&org);
    let domains = org.decisions.len();
    // No judgement of the rights from one domain (the wide span is structure, not rights).
    assert!(
        a.findings.iter().all(|f| !matches!(
            f.kind,
            FindingKind::Funnel
                | FindingKind::HighConcentration
                | FindingKind::BusFactor
                | FindingKind::SingleHolder
        )),
        "{:?}",
        a.findings
    );
    let note = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::IncompleteRights)
        .expect("says why");
    assert!(
        note.message
            .starts_with(&format!("Rights name a decider for 1 of {domains} domains")),
        "{}",
        note.message
    );
    // Only the filled domain is routed.
    close(a.decisions_per_month, org.decisions[0].per_month);

    // A new, empty domain on the whole example changes no figure.
    let mut grown = orgflow::io::load(
        Path::new("assets/examples/riverside-traditional.json"),
        &CsvColumns::default(),
    )
    .expect("example")
    .org;
    grown.decisions.push(orgflow::model::Decision {
        id: "new".into(),
        name: "New domain".to_owned(),
        per_month: 50.0,
        ..Default::default()
    });
    let g = analyze(&grown);
    close(g.decisions_per_month, before.decisions_per_month);
    close(
        g.readings.hierarchical.top_share,
        before.readings.hierarchical.top_share,
    );
    assert_eq!(
        g.concentration.authority.bus_factor,
        before.concentration.authority.bus_factor
    );
}

/// Suggesting again on the result of accepting everything proposes nothing that undoes an
/// accepted proposal, and no split leaves a span wider than the threshold.
#[test]
fn suggest_is_stable_on_its_own_output() {
    for name in [
        "riverside-traditional.json",
        "brightpath-product.json",
        "riverside-distributed.json",
    ] {
        let org = orgflow::io::load(
            &Path::new("assets/examples").join(name),
            &CsvColumns::default(),
        )
        .expect("example")
        .org;
        let first = orgflow::scenario::suggest(&org);
        let mut accepted = org.clone();
        for p in &first {
            orgflow::edit::apply(&mut accepted, p.command.clone()).expect("applies");
        }
        let wide = org.thresholds().wide_span;
        let a = analyze(&accepted);
        for p in &first {
            if p.kind == orgflow::scenario::ProposalKind::SplitSpan {
                // Every lead the split made manages at most `wide` people.
                for q in &a.persons {
                    let was = analyze(&org)
                        .persons
                        .iter()
                        .find(|x| x.id == q.id)
                        .map_or(0, |x| x.direct_reports);
                    if q.direct_reports > was {
                        assert!(
                            q.direct_reports <= wide,
                            "{name}: {} has {}",
                            q.name,
                            q.direct_reports
                        );
                    }
                }
            }
        }
        // Whoever a domain was handed to keeps it.
        for p in orgflow::scenario::suggest(&accepted) {
            if p.kind == orgflow::scenario::ProposalKind::HandOver {
                let orgflow::edit::Edit::ReplaceDecision { id, decision } = &p.command.edit else {
                    continue;
                };
                let original = org
                    .decisions
                    .iter()
                    .find(|d| &d.id == id)
                    .expect("same domain");
                assert!(
                    decision.decides != original.decides,
                    "{name}: {} hands {} back",
                    p.title,
                    decision.name
                );
            }
        }
    }
}

/// Every proposal's figures are what applying it and analysing again gives, on the examples
/// and on a generated org of 1,000.
#[test]
fn suggest_claims_the_measured_effect_on_the_examples_and_a_generated_org() {
    let mut orgs: Vec<(String, Org)> = [
        "riverside-traditional.json",
        "riverside-distributed.json",
        "brightpath-product.json",
    ]
    .iter()
    .map(|name| {
        let org = load(
            &Path::new("assets/examples").join(name),
            &CsvColumns::default(),
        )
        .expect("example")
        .org;
        (name.to_string(), org)
    })
    .collect();
    orgs.push((
        "generated 1,000".to_owned(),
        orgflow::generate::org(1_000, 7),
    ));
    for (name, org) in orgs {
        let proposals = orgflow::scenario::suggest(&org);
        for p in &proposals {
            let mut after = org.clone();
            orgflow::edit::apply(&mut after, p.command.clone()).expect("applies");
            let measured = orgflow::scenario::Figures::of(&analyze(&after));
            assert_eq!(p.after, measured, "{name}: {}", p.title);
            assert_eq!(
                p.before,
                orgflow::scenario::Figures::of(&analyze(&org)),
                "{name}"
            );
        }
    }
}

/// The DfT senior organogram (September 2011) as published: 114 posts, 6 of them "Vacant";
/// Lin Homer (post 1) at the top; 4 layers; 22 posts with reports, the widest two with 10
/// each (counted with a short script over `reports_to`). Without decision rights nothing is
/// routed, so nobody may be named a funnel, and no concentration or bus factor is judged.
#[test]
fn a_uk_organogram_reads_as_published_and_judges_nothing_it_cannot() {
    let path = Path::new("../shared/datasets/uk_organogram_2011_09/dft_senior_posts.csv");
    if !path.exists() {
        eprintln!("skipped: {} is not here", path.display());
        return;
    }
    let org = load(path, &CsvColumns::default()).expect("loads").org;
    let a = analyze(&org);
    assert_eq!(
        a.headcount.sentence(),
        "114 people: 108 active, 6 open positions"
    );
    assert_eq!(a.roots, ["1"]);
    assert_eq!(a.layers, 4);
    assert_eq!(a.structure.managers, 22);
    assert_eq!(a.max_span.as_ref().map(|m| m.count), Some(10));
    assert_eq!(a.decisions_per_month, 0.0);
    assert!(a.persons.iter().all(|p| p.hierarchical.load == 0.0));
    assert!(!a.findings.iter().any(|f| matches!(
        f.kind,
        FindingKind::Funnel | FindingKind::BusFactor | FindingKind::HighConcentration
    )));
    assert_eq!(a.concentration.authority.bus_factor, None);
}
