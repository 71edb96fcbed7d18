//! The queue model: utilisation, waits and backlogs per person, per domain and per reading,
//! checked by hand on a three-person org, against the formula recomputed from the JSON on the
//! real Cabinet Office organogram (../shared/datasets, with the generic rights template), and
//! by Little's law (the rate-weighted mean of the domains' waits equals Σ load × wait over
//! people, over all decisions) on the examples and the organogram.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::{Analysis, analyze};
use orgflow::model::{Decision, DecisionId, Org, Person, PersonId};
use std::path::Path;
use support::{orgflow, text};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

/// Boss B with reports A1 and A2; one domain everybody raises and B decides, `rate` a month,
/// an hour a decision.
fn three(rate: f64) -> Org {
    let mut people = vec![Person::new("b", "Bea Boss")];
    for id in ["a1", "a2"] {
        let mut p = Person::new(id, &id.to_uppercase());
        p.manager = Some(PersonId(("b").to_owned()));
        people.push(p);
    }
    Org {
        name: "Three".to_owned(),
        people,
        decisions: vec![Decision {
            id: DecisionId("d".to_owned()),
            name: "Spending".to_owned(),
            per_month: rate,
            decides: vec![PersonId("b".to_owned())],
            hours: Some(1.0),
            ..Decision::default()
        }],
        ..Org::default()
    }
}

#[test]
fn a_three_person_org_worked_by_hand() {
    let a = analyze(&three(10.0));
    // B gets the two thirds raised by A1 and A2: 6.667 a month, an hour each, against
    // 16 hours a week (69.33 a month).
    let b = &a.persons[0].hierarchical;
    let q = b.queue.unwrap();
    let rho = (20.0 / 3.0) / (16.0 * 52.0 / 12.0);
    assert!(close(q.utilisation, rho), "{q:?}");
    // One decision occupies her 1 hour × 40/16 = 2.5 working hours; M/M/1 wait in 8-hour days.
    let wq = rho / (1.0 - rho) * 2.5 / 8.0;
    assert!(close(q.wait_days.unwrap(), wq), "{q:?}");
    assert_eq!(q.backlog_per_week, 0.0);
    // A third of the decisions are B's own and wait nowhere: the domain waits 2/3 × Wq, in
    // both readings (the route is the same one hop).
    let w = a.domains[0].wait_days.unwrap();
    assert!(close(w.hierarchical.unwrap(), 2.0 / 3.0 * wq));
    assert!(close(w.distributed.unwrap(), 2.0 / 3.0 * wq));
    let r = &a.readings.hierarchical.wait;
    assert!(close(r.mean_wait_days.unwrap(), 2.0 / 3.0 * wq));
    assert_eq!(r.p90_wait_days, r.mean_wait_days);
    assert_eq!(r.unbounded_share, 0.0);
    assert_eq!(r.most_waiting.as_ref().map(|m| m.0.as_str()), Some("b"));
    // A1 and A2 wait for nobody and carry nothing.
    assert_eq!(a.persons[1].hierarchical.queue.unwrap().utilisation, 0.0);
    assert!(
        !a.findings
            .iter()
            .any(|f| f.kind == orgflow::analysis::FindingKind::Queue)
    );
}

#[test]
fn a_full_queue_claims_no_wait_and_is_critical() {
    let a = analyze(&three(200.0));
    // 133.3 hours a month against 69.33: 192% utilised; 30.77 decisions a week arrive and 16
    // are handled.
    let q = a.persons[0].hierarchical.queue.unwrap();
    assert!(close(q.utilisation, (400.0 / 3.0) / (16.0 * 52.0 / 12.0)));
    assert_eq!(q.wait_days, None);
    assert!(
        close(q.backlog_per_week, (400.0 / 3.0) / (52.0 / 12.0) - 16.0),
        "{q:?}"
    );
    let r = &a.readings.hierarchical.wait;
    assert_eq!((r.mean_wait_days, r.p90_wait_days), (None, None));
    assert_eq!(r.unbounded_share, 1.0);
    assert_eq!(r.overloaded, ["b"]);
    assert_eq!(a.domains[0].wait_days.unwrap().hierarchical, None);
    let f = a
        .findings
        .iter()
        .find(|f| f.kind == orgflow::analysis::FindingKind::Queue)
        .expect("a queue finding");
    assert_eq!(f.severity, orgflow::analysis::Severity::Critical);
    assert!(
        f.message.contains("Bea Boss is 192% utilised") && f.message.contains("grows by 14.8"),
        "{}",
        f.message
    );
    let report = orgflow::analysis::text_report(&a);
    assert!(
        report.contains("Decisions wait without end through the hierarchy"),
        "{report}"
    );
    assert!(
        report.contains("Through the hierarchy Bea Boss cannot keep up (utilisation 192%: the backlog grows by 14.8 a week)."),
        "{report}"
    );
}

#[test]
fn capacity_from_the_person_then_the_title_then_the_default() {
    let mut org = three(10.0);
    org.people[0].title = "Head  Teacher".to_owned();
    org.queue.by_title.insert("head teacher".to_owned(), 8.0);
    let by_title = analyze(&org).persons[0].hierarchical.queue.unwrap();
    let rho = (20.0 / 3.0) / (8.0 * 52.0 / 12.0);
    assert!(close(by_title.utilisation, rho));
    org.people[0].capacity_hours = Some(32.0);
    let own = analyze(&org).persons[0].hierarchical.queue.unwrap();
    assert!(close(own.utilisation, rho / 4.0));
}

/// Little's law, and each person's queue recomputed from their load with the default
/// settings (every domain at the default half hour).
fn check_queues(a: &Analysis, org: &Org) {
    let s = &a.queue;
    for (p, person) in a.persons.iter().zip(&org.people) {
        let capacity = if p.direct_reports > 0 {
            s.manager_hours
        } else {
            s.other_hours
        };
        let capacity = person.capacity_hours.unwrap_or(capacity);
        for load in [&p.hierarchical, &p.distributed] {
            let q = load.queue.unwrap();
            let hours: f64 = load.load * 0.5;
            let rho = hours / (capacity * 52.0 / 12.0);
            assert!(close(q.utilisation, rho), "{}: {q:?} vs ρ {rho}", p.id);
            match q.wait_days {
                Some(w) if load.load > 0.0 => {
                    let expected = rho / (1.0 - rho) * 0.5 * 40.0 / capacity / 8.0;
                    assert!(close(w, expected), "{}: {w} vs {expected}", p.id);
                }
                Some(w) => assert_eq!(w, 0.0),
                None => assert!(rho >= 1.0, "{}", p.id),
            }
        }
    }
    for (reading, waits) in [
        ("hierarchical", &a.readings.hierarchical.wait),
        ("distributed", &a.readings.distributed.wait),
    ] {
        let pick = |p: &orgflow::analysis::PersonFigures| {
            if reading == "hierarchical" {
                p.hierarchical
            } else {
                p.distributed
            }
        };
        let by_people: f64 = a
            .persons
            .iter()
            .map(|p| pick(p).load * pick(p).queue.unwrap().wait_days.unwrap_or(0.0))
            .sum();
        let rate: f64 = a
            .domains
            .iter()
            .filter(|d| d.wait_days.is_some())
            .map(|d| d.per_month)
            .sum();
        assert!(close(rate, a.decisions_per_month), "{reading}: {rate}");
        if let Some(mean) = waits.mean_wait_days {
            assert!(
                (mean * a.decisions_per_month - by_people).abs() <= 1e-6 * (1.0 + by_people),
                "{reading}: Little's law: {} vs {by_people}",
                mean * a.decisions_per_month
            );
        }
        // The share without end is the rates of the domains without a finite wait.
        let unbounded: f64 = a
            .domains
            .iter()
            .filter_map(|d| {
                let w = d.wait_days?;
                let w = if reading == "hierarchical" {
                    w.hierarchical
                } else {
                    w.distributed
                };
                w.is_none().then_some(d.per_month)
            })
            .sum();
        assert!(close(
            unbounded / a.decisions_per_month,
            waits.unbounded_share
        ));
    }
}

#[test]
fn littles_law_holds_on_the_examples() {
    for name in [
        "riverside-traditional.json",
        "riverside-distributed.json",
        "brightpath-product.json",
    ] {
        let org = support::example(name);
        let a = analyze(&org);
        // The examples give no handling hours, so the half hour holds everywhere.
        assert!(org.decisions.iter().all(|d| d.hours.is_none()));
        check_queues(&a, &org);
        assert!(
            a.readings.hierarchical.wait.mean_wait_days.is_some(),
            "{name}"
        );
    }
}

#[test]
fn the_cabinet_office_organogram_with_the_generic_template() {
    let dir = Path::new("../shared/datasets/uk_organogram_2011_09");
    if !dir.exists() {
        eprintln!("skipped: ../shared/datasets is not here");
        return;
    }
    let loaded = orgflow::io::load(
        &dir.join("cabinet_office_senior_posts.csv"),
        &orgflow::io::CsvColumns::default(),
    )
    .expect("opens");
    let generic = orgflow::edit::templates()
        .into_iter()
        .find(|t| t.template == "Generic team")
        .expect("the generic template");
    let mut org = loaded.org;
    let (command, _) = orgflow::edit::apply_template(&org, &generic).expect("adds domains");
    orgflow::edit::History::default()
        .apply(&mut org, command)
        .expect("valid");
    let a = analyze(&org);
    assert!(a.decisions_per_month > 0.0);
    check_queues(&a, &org);
    // Ten times the rates: somebody cannot keep up; the same checks hold.
    for d in &mut org.decisions {
        d.per_month *= 10.0;
    }
    let busy = analyze(&org);
    check_queues(&busy, &org);
    let w = &busy.readings.hierarchical.wait;
    assert!(!w.overloaded.is_empty() && w.unbounded_share > 0.0, "{w:?}");
    assert!(
        busy.findings
            .iter()
            .any(|f| f.kind == orgflow::analysis::FindingKind::Queue)
    );
}

#[test]
fn the_command_line_sets_capacity_and_refuses_bad_settings() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("three.json");
    std::fs::write(&file, orgflow::io::to_json(&three(100.0))).unwrap();
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["analyze", "--json", file.to_str().unwrap()];
        all.extend(args);
        let out = orgflow(&all);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let util = |v: &serde_json::Value| {
        v["persons"][0]["hierarchical"]["utilisation"]
            .as_f64()
            .unwrap()
    };
    let base = json(&[]);
    assert!(close(util(&base), (200.0 / 3.0) / (16.0 * 52.0 / 12.0)));
    assert!(base["persons"][0]["hierarchical"]["wait_days"].is_f64());
    assert!(base["readings"]["hierarchical"]["mean_wait_days"].is_f64());
    assert!(base["readings"]["distributed"]["p90_wait_days"].is_f64());
    assert!(base["domains"][0]["wait_days"]["hierarchical"].is_f64());
    assert_eq!(base["queue"]["manager_hours"], 16.0);
    let wider = json(&["--capacity", "32,6"]);
    assert!(close(util(&wider), util(&base) / 2.0));
    assert_eq!(wider["queue"]["other_hours"], 6.0);
    // Full: null waits, a backlog.
    let full = json(&["--capacity", "10"]);
    assert!(full["persons"][0]["hierarchical"]["wait_days"].is_null());
    assert!(
        full["persons"][0]["hierarchical"]["backlog_per_week"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    assert!(full["readings"]["hierarchical"]["mean_wait_days"].is_null());

    let out = orgflow(&["analyze", file.to_str().unwrap(), "--capacity", "lots"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("“lots” is not a number of hours a week"),
        "{}",
        text(&out.stderr)
    );
    let out = orgflow(&["analyze", file.to_str().unwrap(), "--handling", "0"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--handling is 0, but it must be the hours one decision takes"),
        "{}",
        text(&out.stderr)
    );

    // In the file: the place and the problem.
    let mut bad = three(10.0);
    bad.people[1].capacity_hours = Some(0.0);
    bad.decisions[0].hours = Some(-1.0);
    bad.queue.week_hours = Some(500.0);
    let file = dir.path().join("bad.json");
    std::fs::write(&file, orgflow::io::to_json(&bad)).unwrap();
    let out = orgflow(&["analyze", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "“capacity_hours” is 0, but it must be the hours a week they have for decisions"
        ),
        "{err}"
    );
    assert!(
        err.contains("“hours” is -1, but it must be the hours one decision takes"),
        "{err}"
    );
    assert!(
        err.contains("“queue”") && err.contains("“week_hours” is 500"),
        "{err}"
    );
}

/// An HR export may carry each person's hours a week for decisions; a bad cell is said and the
/// default used; orgflow's own CSV writes the column back, and the queue uses it.
#[test]
fn hours_for_decisions_from_a_spreadsheet_column() {
    let csv = "Employee ID,Name,Job Title,Manager ID,Decision hours\n\
               E1,Dana Reyes,Principal,,9\n\
               E2,Marta Quill,Business manager,E1,\"6,5\"\n\
               E3,Sam Lee,Teacher,E1,\n\
               E4,Priya Shah,Teacher,E1,lots\n";
    let import = orgflow::io::import_csv(csv.as_bytes(), "School", &Default::default()).unwrap();
    let hours: Vec<Option<f64>> = import.org.people.iter().map(|p| p.capacity_hours).collect();
    assert_eq!(hours, vec![Some(9.0), Some(6.5), None, None]);
    assert_eq!(import.problems.len(), 1);
    assert_eq!(import.problems[0].place, "row 5");
    assert!(import.problems[0].message.contains("“lots”"));
    let written = String::from_utf8(orgflow::io::write_csv(&import.org)).unwrap();
    assert!(written.starts_with("id,name,title,team,manager,vacant,skills,capacity_hours\n"));
    assert!(
        written.contains("E2,Marta Quill,Business manager,,E1,,,6.5\n"),
        "{written}"
    );
    let again = orgflow::io::import_csv(written.as_bytes(), "School", &Default::default()).unwrap();
    assert_eq!(again.org.people[1].capacity_hours, Some(6.5));
    // The queue uses it: 9 hours a week are 39 a month; of the 39 decisions everybody raises,
    // Dana's own quarter she takes herself, outside her queue.
    let mut org = import.org;
    org.decisions.push(Decision {
        id: DecisionId("d".to_owned()),
        per_month: 39.0,
        decides: vec![PersonId("E1".to_owned())],
        ..Decision::default()
    });
    let a = analyze(&org);
    let q = a.person_figures("E1").unwrap().distributed.queue.unwrap();
    assert!(
        close(q.utilisation, 39.0 * 0.75 * 0.5 / (9.0 * 52.0 / 12.0)),
        "{q:?}"
    );
}
