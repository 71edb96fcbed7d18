//! Decision logs: what they measure (working days from raised to decided, per person and per
//! domain), checked by hand on a procurement export's shape and against an independent
//! computation (tests/reference/decision_log.py) on the school's example log; the fitted
//! capacities, checked against the closed form and against a simulated queue whose capacity is
//! known; and the errors and notes a user sees.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod support;

use orgflow::analysis::{analyze, calibration};
use orgflow::io::{csv_table, load_decision_log, read_decision_log};
use orgflow::model::{Decision, DecisionId, Org, Person, PersonId};
use std::path::Path;
use support::{example, orgflow, text};

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

fn school_log() -> (Org, orgflow::io::DecisionLog) {
    let org = example("riverside-traditional.json");
    let log = load_decision_log(
        &org,
        Path::new("assets/examples/riverside-decisions.csv"),
        None,
    )
    .unwrap();
    (org, log)
}

#[test]
fn the_school_log_matches_an_independent_count() {
    let (org, log) = school_log();
    // tests/reference/decision_log.py
    assert!(close(log.months(), 2.953320, 1e-6), "{}", log.months());
    assert_eq!((log.open, log.cancelled, log.problems.len()), (1, 1, 2));
    assert_eq!(log.problems[0].place, "row 42");
    assert!(
        log.problems[0]
            .message
            .contains("“Mr Fletcher (supply)” is not a person")
    );
    assert_eq!(log.problems[1].place, "row 77");
    assert!(log.problems[1].message.contains("before it was raised"));
    let mut a = analyze(&org);
    let c = calibration::calibrate(&mut a, &org, &log, "riverside-decisions.csv", Vec::new());
    let person = |id: &str| c.people.iter().find(|p| p.id == id).unwrap();
    for (id, n, median, p90, mean) in [
        ("dana", 230, 0.394792, 1.206250, 0.625697),
        ("marta", 26, 0.407292, 0.841667, 0.451282),
    ] {
        let o = &person(id).observed;
        assert_eq!(o.observed_decisions, n, "{id}");
        let w = o.observed_wait_days;
        assert!(close(w.median, median, 1e-6), "{id} median {}", w.median);
        assert!(close(w.p90, p90, 1e-6), "{id} p90 {}", w.p90);
        assert!(close(w.mean, mean, 1e-6), "{id} mean {}", w.mean);
    }
    let domain = |name: &str| c.domains.iter().find(|d| d.name == name).unwrap();
    for (name, n, median, p90, mean) in [
        ("Budget allocation", 7, 2.550000, 5.112500, 2.788393),
        (
            "Behaviour incidents and sanctions",
            52,
            0.379167,
            0.954167,
            0.439503,
        ),
        ("Hiring and cover", 18, 1.964583, 3.483333, 2.053125),
    ] {
        let o = &domain(name).observed;
        assert_eq!(o.observed_decisions, n, "{name}");
        let w = o.observed_wait_days;
        assert!(close(w.median, median, 1e-6), "{name} median {}", w.median);
        assert!(close(w.p90, p90, 1e-6), "{name} p90 {}", w.p90);
        assert!(close(w.mean, mean, 1e-6), "{name} mean {}", w.mean);
    }
    // The person's figures carry the log's (for the JSON).
    let dana = a.person_figures("dana").unwrap();
    assert_eq!(dana.observed.as_ref().unwrap().observed_decisions, 230);
    // The model beside it: a domain's time to decision is its wait plus its handling along the
    // route. Behaviour goes straight from the teachers to Dana in both readings.
    let behaviour = a.domains.iter().find(|d| d.id == "behaviour").unwrap();
    let q = dana.hierarchical.queue.unwrap();
    let handling = 0.5 * 40.0 / 16.0 / 8.0;
    let t = behaviour.time_to_decision_days.unwrap();
    let w = behaviour.wait_days.unwrap();
    assert!(close(w.hierarchical.unwrap(), q.wait_days.unwrap(), 1e-9));
    assert!(close(
        t.hierarchical.unwrap(),
        q.wait_days.unwrap() + handling,
        1e-9
    ));
}

#[test]
fn fitted_capacities_reproduce_the_log() {
    let (mut org, log) = school_log();
    let fitted = calibration::fit_capacities(&org, &log);
    // tests/reference/decision_log.py: C = λh + h·40/T.
    let of = |id: &str| fitted.iter().find(|f| f.id == id).unwrap();
    assert!(
        close(of("dana").capacity_hours, 12.981518, 1e-5),
        "{:?}",
        of("dana")
    );
    assert!(close(of("marta").capacity_hours, 6.555579, 1e-5));
    assert_eq!((of("dana").was_hours, of("dana").capped), (16.0, false));
    // With them, Dana's own queue, fed the log's decisions, takes the log's mean time.
    let s = org.queue_settings();
    let dana = of("dana");
    let per_month = 230.0 / log.months();
    let q = orgflow::analysis::Queue::of(per_month, per_month * 0.5, dana.capacity_hours, &s);
    let time = q.wait_days.unwrap() + 0.5 * 40.0 / dana.capacity_hours / 8.0;
    assert!(close(time, 0.625697, 1e-6), "{time}");
    // Applied, the analysis uses them, and the fit says how well it explains the domains.
    calibration::apply_fit(&mut org, &fitted);
    let mut a = analyze(&org);
    let c = calibration::calibrate(&mut a, &org, &log, "log", fitted);
    let fit = c.fit.clone().unwrap();
    assert_eq!(fit.domains, 14);
    // Budget waits on the finance meeting besides Dana's queue: the worst explained.
    assert_eq!(fit.worst.as_ref().unwrap().0, "Budget allocation");
    assert!(
        fit.mean_gap_days > 0.0 && fit.mean_gap_days < 1.0,
        "{fit:?}"
    );
    let report = calibration::text(&c);
    assert!(report.contains("Dana Reyes 16 → 13"), "{report}");
}

/// A queue whose capacity is known: decisions arrive at random (exponential gaps) in working
/// hours, one person handles them in order, each taking an exponential time whose mean is the
/// handling hours stretched by the share of the week for decisions. The fit, which knows none of
/// this, must find the capacity.
#[test]
fn the_fit_finds_a_simulated_queues_capacity() {
    let mut org = Org {
        people: vec![Person::new("b", "Bea Boss")],
        decisions: vec![Decision {
            id: DecisionId("d".to_owned()),
            name: "Spending".to_owned(),
            per_month: 40.0,
            decides: vec![PersonId("b".to_owned())],
            ..Decision::default()
        }],
        ..Org::default()
    };
    org.people[0].capacity_hours = Some(16.0);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut uniform = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        ((seed >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let mut exp = |mean: f64| -mean * uniform().ln();
    let capacity = 8.0; // hours a week
    let service_mean = 0.5 * 40.0 / capacity; // working hours
    let per_hour = 0.6 / service_mean; // ρ = 0.6
    let stamp = |t: f64| {
        // Working hours from Monday 2026-01-05 09:00 to a timestamp.
        let day = (t / 8.0).floor() as i64;
        let date = chrono_like(day);
        let minutes = ((t - day as f64 * 8.0) * 60.0).floor() as i64;
        format!("{date} {:02}:{:02}", 9 + minutes / 60, minutes % 60)
    };
    let mut csv = String::from("decision,raised,decided,decided by\n");
    let (mut t, mut free) = (0.0, 0.0f64);
    let mut n = 0;
    while n < 30_000 {
        t += exp(1.0 / per_hour);
        let begin = free.max(t);
        free = begin + exp(service_mean);
        // The first thousand warm the queue up.
        if n >= 1000 {
            csv.push_str(&format!("d,{},{},Bea Boss\n", stamp(t), stamp(free)));
        }
        n += 1;
    }
    let log = read_decision_log(&org, csv_table(csv.as_bytes()).unwrap(), 8.0).unwrap();
    let fitted = calibration::fit_capacities(&org, &log);
    let c = fitted[0].capacity_hours;
    assert!(
        (c - capacity).abs() / capacity < 0.05,
        "fitted {c}, simulated {capacity}"
    );
}

/// The date `day` weekdays after Monday 2026-01-05, as YYYY-MM-DD.
fn chrono_like(weekdays: i64) -> String {
    let calendar = weekdays / 5 * 7 + weekdays % 5;
    // Days from 2026-01-05, by months of 2026 onwards.
    let mut date = (2026, 1, 5 + calendar);
    let days_in = |y: i64, m: i64| match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    while date.2 > days_in(date.0, date.1) {
        date.2 -= days_in(date.0, date.1);
        date.1 += 1;
        if date.1 > 12 {
            date = (date.0 + 1, 1, date.2);
        }
    }
    format!("{:04}-{:02}-{:02}", date.0, date.1, date.2)
}

#[test]
fn a_procurement_export_is_read_as_it_is_written() {
    let org = example("riverside-traditional.json");
    let log =
        load_decision_log(&org, Path::new("tests/logs/purchase-approvals.csv"), None).unwrap();
    // Columns found by their export names.
    let column = |what: &str| {
        log.columns
            .iter()
            .find(|(w, _)| *w == what)
            .map(|(_, h)| h.as_str())
    };
    assert_eq!(column("raised"), Some("Submitted Date"));
    assert_eq!(column("decided"), Some("Approval Date"));
    assert_eq!(column("decider"), Some("Approver"));
    assert_eq!(column("domain"), Some("Category"));
    assert_eq!(column("status"), Some("Approval Status"));
    // “Quill, Marta” is Marta; 14/09 10:00 → 14:00 is half a working day; Friday 16:30 →
    // Monday 11:00 is 2.5 working hours; a rejection is a decision taken, 7 weekdays of waiting
    // are 5 working days.
    let days: Vec<(usize, f64)> = log.entries.iter().map(|e| (e.row, e.days)).collect();
    assert_eq!(days, vec![(2, 0.5), (3, 2.5 / 8.0), (4, 5.0)]);
    assert_eq!((log.open, log.cancelled), (1, 1));
    let problems: Vec<String> = log.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        problems[0].starts_with("row 7")
            && problems[0].contains("“Fletcher, Mark” is not a person")
    );
    assert!(
        problems[1].starts_with("row 8")
            && problems[1].contains("“stationery” is not a decision domain")
    );
    assert!(
        problems[2].starts_with("row 9")
            && problems[2].contains("“31/09/2026 10:00” is not a date")
    );
    assert!(problems[3].starts_with("row 10") && problems[3].contains("before it was raised"));
    // 14/09/2026 tells day first: no note about the order.
    assert!(
        !log.notes.iter().any(|n| n.contains("day first")),
        "{:?}",
        log.notes
    );
}

#[test]
fn a_log_that_cannot_be_read_says_why() {
    let org = example("riverside-traditional.json");
    let read = |csv: &str| read_decision_log(&org, csv_table(csv.as_bytes()).unwrap(), 8.0);
    let e = read("decision,raised,who\nbudget,2026-09-01,dana\n").unwrap_err();
    assert_eq!(e[0].place, "header row");
    assert!(e[0].message.contains("when it was decided"), "{e:?}");
    assert!(
        e[0].message
            .contains("The columns are: decision, raised, who")
    );
    let e = read("raised,decided,who\n2026-09-01,2026-09-02,Nobody Here\n").unwrap_err();
    assert_eq!(
        e[0].message,
        "no decision in this log could be placed in the org"
    );
    assert_eq!(e[1].place, "row 2");
    // Ambiguous slashed dates are read day first, and said.
    let log = read("raised,decided,who\n04/03/2026,05/03/2026,dana\n").unwrap();
    assert!(
        log.notes.iter().any(|n| n.contains("read day first")),
        "{:?}",
        log.notes
    );
    assert!(
        log.notes
            .iter()
            .any(|n| n.contains("no column names each decision's domain"))
    );
    assert_eq!(log.entries[0].days, 1.0);
}

#[test]
fn analyze_with_a_log_reports_and_writes_the_observed_waits() {
    let out = orgflow(&[
        "analyze",
        "assets/examples/riverside-traditional.json",
        "--log",
        "assets/examples/riverside-decisions.csv",
        "--fit-capacity",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("256 decisions read from 260 rows"),
        "{}",
        text(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dana = json["persons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "dana")
        .unwrap();
    assert_eq!(dana["observed_decisions"], 230);
    assert!(close(
        dana["observed_wait_days"]["mean"].as_f64().unwrap(),
        0.625697,
        1e-6
    ));
    let budget = json["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "budget")
        .unwrap();
    assert_eq!(budget["observed_decisions"], 7);
    assert!(budget["time_to_decision_days"]["hierarchical"].is_number());
    let fitted = &json["calibration"]["fitted"];
    assert_eq!(fitted[0]["id"], "dana");
    assert!(close(
        fitted[0]["capacity_hours"].as_f64().unwrap(),
        12.981518,
        1e-5
    ));
    assert_eq!(json["calibration"]["skipped"].as_array().unwrap().len(), 2);

    // The report: the log beside the model, the fit, the rows left out.
    let out = orgflow(&[
        "analyze",
        "assets/examples/riverside-traditional.json",
        "--log",
        "assets/examples/riverside-decisions.csv",
    ]);
    let report = text(&out.stdout);
    assert!(
        report.contains("Against the decision log riverside-decisions.csv"),
        "{report}"
    );
    assert!(
        report.contains("row 42: “Mr Fletcher (supply)”"),
        "{report}"
    );
    // --fit-capacity needs a log.
    let out = orgflow(&[
        "analyze",
        "assets/examples/riverside-traditional.json",
        "--fit-capacity",
    ]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--log"), "{}", text(&out.stderr));
}
