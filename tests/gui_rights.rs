//! Decision rights in the window: an HR export with none says so and offers the ways in; a
//! rights sheet, a template or the matrix fill them, each gesture one undo step.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use common::{PresetDialog, harness_with};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgflow::app::OrgflowApp;
use orgflow::session::Settings;
use std::path::{Path, PathBuf};

/// The HR export open, with the open dialog answering `sheet`.
fn hr_export(sheet: Option<&str>) -> Harness<'static, OrgflowApp> {
    let mut app = OrgflowApp::new(
        Settings::default(),
        Box::new(PresetDialog {
            open: sheet.map(PathBuf::from),
            save: None,
        }),
    );
    app.open(Path::new("assets/examples/riverside-hr-export.csv"));
    harness_with(app)
}

/// Fills the open export's rights from the School template, as the figures' offer does.
fn school_template(h: &mut Harness<'static, OrgflowApp>) {
    h.query_all_by_label("Start from a template")
        .next()
        .expect("a menu")
        .click();
    h.run();
    h.get_by_label("School (12 domains)").click();
    h.run();
}

fn top_share(h: &Harness<'static, OrgflowApp>) -> f64 {
    h.state()
        .session
        .document
        .as_ref()
        .expect("open")
        .analysis
        .readings
        .hierarchical
        .top_share
}

#[test]
fn an_export_without_rights_says_so_and_a_rights_sheet_fills_them_in_one_step() {
    let mut h = hr_export(Some("assets/examples/riverside-raci.csv"));
    let said = "This file has no decision rights yet, so nothing can funnel. Add them:";
    h.get_by_label(said);
    h.get_by_label("No decision rights yet:");
    // The network's place shows the structure panel under the ways in.
    h.get_by_label("Structure");
    assert!(h.query_all_by_label_contains("with a span of").count() >= 1);
    // The strip and the network view both offer the three ways in.
    assert_eq!(h.query_all_by_label("Import a rights sheet…").count(), 2);
    assert_eq!(h.query_all_by_label("Fill the matrix…").count(), 2);
    assert_eq!(top_share(&h), 0.0);

    h.query_all_by_label("Import a rights sheet…")
        .next()
        .expect("a button")
        .click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(doc.org.decisions.len(), 14);
    assert!((top_share(&h) - 0.99).abs() < 0.005);
    assert_eq!(
        doc.history.undo_label(),
        Some("import decision rights from riverside-raci.csv")
    );
    let (ok, message) = h.state().session.status.clone().expect("told");
    assert!(ok);
    assert!(
        message.contains("14 decision domains read as RACI"),
        "{message}"
    );
    assert!(h.query_by_label("No decision rights yet").is_none());
    h.get_by_label_contains("Dana Reyes handles 99% of all decisions");

    // One undo takes the whole sheet back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state()
            .session
            .document
            .as_ref()
            .expect("open")
            .org
            .decisions
            .is_empty()
    );
    h.get_by_label("No decision rights yet:");
}

#[test]
fn a_sheet_that_cannot_be_read_changes_nothing_and_says_why() {
    let mut h = hr_export(Some("tests/bad/empty.csv"));
    h.query_all_by_label("Import a rights sheet…")
        .next()
        .expect("a button")
        .click();
    h.run();
    let app = h.state();
    assert!(
        app.session
            .document
            .as_ref()
            .expect("open")
            .org
            .decisions
            .is_empty()
    );
    assert!(!app.session.document.as_ref().expect("open").is_dirty());
    let failure = app.session.failure.as_ref().expect("shown");
    assert_eq!(failure.path, Path::new("tests/bad/empty.csv"));
    h.get_by_label_contains("tests/bad/empty.csv could not be opened");
}

#[test]
fn a_template_then_the_matrix_each_click_one_step() {
    let mut h = hr_export(None);
    school_template(&mut h);
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(doc.org.decisions.len(), 12);
    assert_eq!(
        doc.history.undo_label(),
        Some("start from the School template")
    );
    // The matrix opened on the new domains: the principal decides the budget.
    assert!(h.state().view.matrix.open);
    let cell = "Budget allocation, Dana Reyes: decides";
    h.get_by_label(cell).click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(
        doc.history.undo_label(),
        Some("let Dana Reyes approve Budget allocation")
    );
    h.get_by_label("Budget allocation, Dana Reyes: approves");
    // Nobody decides the budget now: that is flagged at once, as it was decided before.
    assert!(
        doc.analysis
            .findings
            .iter()
            .any(|f| f.message.contains("Budget allocation"))
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label(cell);
}

#[test]
fn a_new_row_raises_no_alarm_until_it_has_a_decider() {
    let mut h = hr_export(None);
    h.query_all_by_label("Fill the matrix…")
        .next()
        .expect("a button")
        .click();
    h.run();
    h.get_by_label("Add a column").focus();
    h.run();
    h.get_by_label("Add a column").type_text("Dana");
    h.run();
    h.get_by_label("Add Dana Reyes (Principal)").click();
    h.run();
    h.get_by_label("Add a decision domain").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(doc.org.decisions.len(), 1);
    assert!(
        doc.analysis.findings.is_empty()
            || doc
                .analysis
                .findings
                .iter()
                .all(|f| f.kind != orgflow::analysis::FindingKind::NoDecider),
        "no alarm while the row is being filled: {:?}",
        doc.analysis.findings
    );
    let cell = "New decision domain, Dana Reyes: no right";
    h.get_by_label(cell).click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(doc.org.decisions[0].decides.len(), 1);
    // Everybody else raises it (the open position raises nothing) and all of it reaches her.
    assert!(
        (top_share(&h) - 29.0 / 30.0).abs() < 1e-9,
        "the funnel shows at once: {}",
        top_share(&h)
    );
    // Taking the decider away again now flags the domain: it is no longer a row being filled.
    h.get_by_label("New decision domain, Dana Reyes: decides")
        .click();
    h.run();
    h.get_by_label("New decision domain, Dana Reyes: approves")
        .click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert!(
        doc.analysis
            .findings
            .iter()
            .any(|f| f.kind == orgflow::analysis::FindingKind::NoDecider)
    );
}

#[test]
fn typing_a_monthly_rate_is_one_step_when_the_field_is_left() {
    let mut h = hr_export(None);
    school_template(&mut h);
    let version = h
        .state()
        .session
        .document
        .as_ref()
        .expect("open")
        .history
        .version();
    let field = "Budget allocation a month";
    h.get_by_label(field).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    for digit in ["2", "5", "0"] {
        h.get_by_label(field).type_text(digit);
        h.run();
    }
    // While typing, the document is as it was: no step, no re-analysis per key.
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(
        doc.history.version(),
        version,
        "{:?}",
        doc.history.undo_label()
    );
    h.key_press(Key::Enter);
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(
        doc.history.undo_label(),
        Some("make Budget allocation come up 250 times a month")
    );
    let budget = doc
        .org
        .decisions
        .iter()
        .find(|d| d.name == "Budget allocation")
        .expect("the budget");
    assert_eq!(budget.per_month, 250.0);
    // One undo takes the whole number back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(
        doc.history.undo_label(),
        Some("start from the School template")
    );
}

#[test]
fn with_many_domains_the_inspector_lists_a_persons_own_and_finds_others() {
    // 5,000 people and 100 domains: the inspector lists only the domains where the person
    // holds a right, and a search finds the others.
    let org = orgflow::generate::org(5_000, 7);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.json");
    std::fs::write(&path, orgflow::io::to_json(&org)).expect("written");
    let mut h = common::harness(Some(path.to_str().expect("path")), None);
    h.get_by_label("Open…").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("opened");
    // Independently: somebody who decides one domain, and a domain they hold nothing in.
    let (d, who) = doc
        .org
        .decisions
        .iter()
        .find_map(|d| d.decides.first().map(|p| (d, p.clone())))
        .expect("a decider");
    let holds: Vec<String> = doc
        .org
        .decisions
        .iter()
        .filter(|x| {
            x.decides.contains(&who) || x.approves.contains(&who) || x.consulted.contains(&who)
        })
        .map(|x| x.name.clone())
        .collect();
    let other = doc
        .org
        .decisions
        .iter()
        .find(|x| !holds.contains(&x.name))
        .expect("another domain")
        .name
        .clone();
    let mine = d.name.clone();
    let all = doc.org.decisions.len();
    assert!(all > 40);
    h.state_mut()
        .view
        .act(orgflow::session::Action::Select(Some(
            orgflow::session::Selection::Person(who.clone()),
        )));
    h.run();
    h.get_by_label(&format!(
        "Decision rights ({} of {all} domains)",
        holds.len()
    ));
    h.get_by_label(&format!("decides {mine}"));
    assert!(h.query_by_label(&format!("decides {other}")).is_none());
    // The search finds the other domain; ticking it gives them the right.
    h.get_by_label("Give them a right in…").scroll_to_me();
    h.run();
    h.get_by_label("Give them a right in…").click();
    h.run();
    h.get_by_label("Give them a right in…").type_text(&other);
    h.run();
    h.get_by_label(&format!("approves {other}")).scroll_to_me();
    h.run();
    h.get_by_label(&format!("approves {other}")).click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    let domain = doc
        .org
        .decisions
        .iter()
        .find(|x| x.name == other)
        .expect("domain");
    assert!(domain.approves.contains(&who));
}
