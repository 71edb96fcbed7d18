//! Scenarios in the window: suggestions accepted one by one or all, the principal's absence
//! simulated without touching the file, and a comparison with another file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use common::{harness, open_doc, open_school};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use orgflow::session::Show;

const DANA: &str = "Dana Reyes, Principal, in the hierarchy";

#[test]
fn suggestions_are_accepted_one_by_one_or_all() {
    let mut h = harness(None, None);
    open_school(&mut h);
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Suggest a distributed variant…").click();
    h.run();
    h.get_by_label_contains("proposals to distribute decisions");
    // The proposal that saves the most waiting comes first.
    let first =
        "Accept: Let the 8 teams that raise Parent concerns and complaints decide it themselves";
    h.get_by_label(first).click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    let step = "let the raising teams decide Parent concerns and complaints";
    assert_eq!(doc.history.undo_label(), Some(step));
    let parents = doc
        .org
        .decisions
        .iter()
        .find(|d| d.id.as_str() == "parents")
        .expect("parents");
    assert!(parents.decides.len() >= 8, "{:?}", parents.decides);
    // The list is made again for the new document: that proposal is gone.
    assert!(h.query_by_label(first).is_none());
    h.get_by_label("Accept all").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert!(doc.analysis.concentration.authority.spread.hhi < 2500.0);
    assert!(
        doc.analysis
            .concentration
            .authority
            .bus_factor
            .is_some_and(|b| b >= 3)
    );
    // Accepting all is one gesture and one undo step: one Ctrl+Z takes all of them back, to
    // the document as it was after the first proposal alone.
    let label = doc.history.undo_label().expect("a step").to_owned();
    assert!(
        label.starts_with("accept ") && label.ends_with(" suggestions"),
        "{label}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(doc.history.undo_label(), Some(step));
}

fn scenario_away(app: &orgflow::app::OrgflowApp) -> Vec<String> {
    app.session
        .scenario
        .as_ref()
        .map(|s| {
            s.comparison
                .changes
                .away
                .iter()
                .map(|n| n.id.clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_principal_off_sick_in_one_click_without_changing_the_file() {
    let mut h = harness(None, None);
    open_school(&mut h);
    h.get_by_label(DANA).click();
    h.run();
    h.get_by_label("Simulate absence").click();
    h.run();
    let app = h.state();
    let scenario = app.session.scenario.as_ref().expect("a scenario");
    assert_eq!(scenario.title, "If Dana Reyes were away");
    assert!(!app.session.document.as_ref().expect("open").is_dirty());
    // The risk leads, in domains and in decisions, and her share falling to nothing is not
    // shown as a gain.
    h.get_by_label_contains(
        "13 of 14 domains would have nobody who can decide them (82 of 92 decisions a month): Budget allocation",
    );
    h.get_by_label_contains("Dana Reyes is away, who took 88% of decisions straight to the holder");
    // Docked under the views, not over them: the views and the strip stay in sight.
    let panel = h.get_by_label("Close the scenario panel").rect();
    for view in ["Reporting hierarchy view", "Distributed network view"] {
        let r = h.get_by_label(view).rect();
        assert!(
            r.max.y <= panel.min.y,
            "{view} {r:?} above the panel {panel:?}"
        );
    }
    assert!(h.get_by_label("Top share").rect().max.y <= panel.min.y);
    // The strip shows the org the views show: after, then before.
    // (Each also stands once in the scenario panel's before and after columns.)
    h.get_by_label("Scenario, after: If Dana Reyes were away");
    let count = |h: &egui_kittest::Harness<'static, orgflow::app::OrgflowApp>, label: &str| {
        h.query_all_by_label(label).count()
    };
    assert_eq!(count(&h, "17% Marta Quill"), 2);
    assert_eq!(count(&h, "99% Dana Reyes"), 1);
    assert!(h.query_by_label_contains("88% → 0%").is_none());
    // She stays in the chart while away, marked as away.
    h.get_by_label(DANA);
    assert_eq!(scenario_away(h.state()), ["dana"]);
    h.get_by_label("Before").click();
    h.run();
    assert_eq!(
        h.state().session.scenario.as_ref().map(|s| s.show),
        Some(Show::Before)
    );
    h.get_by_label("Scenario, before: If Dana Reyes were away");
    assert_eq!(count(&h, "99% Dana Reyes"), 2);
    h.get_by_label(DANA);
    h.get_by_label("Close scenario").click();
    h.run();
    assert!(h.state().session.scenario.is_none());
    assert_eq!(open_doc(&h).org.people.len(), 31);
}

#[test]
fn comparing_with_another_file() {
    let mut h = harness(Some("assets/examples/riverside-distributed.json"), None);
    open_school(&mut h);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Compare with…").click();
    h.run();
    let scenario = h.state().session.scenario.as_ref().expect("a scenario");
    assert_eq!(scenario.comparison.changes.moved.len(), 26);
    h.get_by_label_contains("bus factor 1 → 5");
    h.get_by_label("Changes only").click();
    h.run();
    assert_eq!(
        h.state().session.scenario.as_ref().map(|s| s.show),
        Some(Show::Changes)
    );
    // The after org is shown: the new assistant principals are there.
    h.get_by_label("Tomás Ruiz, Assistant principal, KS2, in the hierarchy");
    // With a scenario open, the Export dialog offers its before and after, ticked.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export image…").click();
    h.run();
    assert!(h.state().view.export.choices.before_after);
    assert_eq!(
        h.get_by_label("Before and after, side by side (the open scenario)")
            .accesskit_node()
            .toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    // An edit to the document closes the scenario rather than show it out of date.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Add a decision domain").click();
    h.run();
    assert!(h.state().session.scenario.is_none());
}

#[test]
fn an_advice_survey_colours_the_hierarchy_by_who_people_go_to() {
    let mut h = harness(Some("tests/csv/school-advice.csv"), None);
    open_school(&mut h);
    import_links(&mut h);
    // Asked what the links record, advice offered first.
    h.get_by_label("What do the links in school-advice.csv record?");
    assert_eq!(open_doc(&h).org.links.len(), 3);
    h.get_by_label_contains("advice: who asks whom").click();
    h.get_by_label("Import").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(
        doc.history.undo_label(),
        Some("import links from school-advice.csv")
    );
    assert!(doc.org.links.iter().skip(3).all(|l| l.kind == "advice"));
    let net = doc.analysis.network.as_ref().expect("links");
    assert_eq!(net.top[0].name, "Ella Rossi");
    let said = doc.said().next().expect("the import said what it did");
    assert_eq!(said.problems.len(), 1, "Nobody Known is listed");
    h.get_by_label("school-advice.csv: 1 row, column or cell needed attention");
    h.get_by_label("who people go to").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(doc.color_by, orgflow::scene::ColorBy::Links);
    // The scale fits the data: the most sought, Ella Rossi, receives half of all incoming
    // weight (8 of the 16 in the survey and the school's own links), so it darkens at 50%.
    h.get_by_label_contains("50%+ of all incoming link weight");
    // One undo takes the whole survey back, and what its import said with it.
    let said = "school-advice.csv: 1 row, column or cell needed attention";
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    assert_eq!(doc.org.links.len(), 3);
    assert!(doc.said().next().is_none());
    assert!(h.query_by_label(said).is_none());
    // Redo brings both back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    h.get_by_label(said);
}

/// Suggestions made for one file are never shown or accepted for the next one opened, though
/// both histories start at the same version.
#[test]
fn suggestions_follow_the_open_file() {
    let mut h = harness(None, None);
    open_school(&mut h);
    let first: Vec<String> = h
        .state_mut()
        .session
        .suggestions()
        .iter()
        .map(|p| p.title.clone())
        .collect();
    assert!(first.iter().any(|t| t.contains("Marta Quill")));
    h.state_mut().open(std::path::Path::new(
        "assets/examples/brightpath-product.json",
    ));
    h.run();
    let after: Vec<String> = h
        .state_mut()
        .session
        .suggestions()
        .iter()
        .map(|p| p.title.clone())
        .collect();
    let fresh: Vec<String> = orgflow::scenario::suggest(&open_doc(&h).org)
        .iter()
        .map(|p| p.title.clone())
        .collect();
    assert_eq!(after, fresh);
    assert!(!after.iter().any(|t| t.contains("Marta Quill")));
}

#[test]
fn imported_links_are_the_kind_the_user_says_and_it_is_remembered_per_file() {
    let mut h = harness(Some("tests/csv/school-advice.csv"), None);
    open_school(&mut h);
    import_links(&mut h);
    h.get_by_label_contains("communication: who writes to or meets whom")
        .click();
    h.run();
    h.get_by_label("Import").click();
    h.run();
    let doc = h.state().session.document.as_ref().expect("open");
    let kinds: std::collections::BTreeSet<&str> = doc
        .org
        .links
        .iter()
        .skip(3)
        .map(|l| l.kind.as_str())
        .collect();
    assert_eq!(kinds, ["communication"].into());
    let said = doc.said().next().expect("the import said what it did");
    assert!(
        said.notes.iter().any(|n| n.contains("communication links")),
        "{:?}",
        said.notes
    );
    // The same file again: communication is offered; Cancel imports nothing.
    let before = doc.org.links.len();
    import_links(&mut h);
    assert_eq!(
        h.state()
            .session
            .links_question
            .as_ref()
            .map(|q| q.kind.as_str()),
        Some("communication")
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().session.links_question.is_none());
    assert_eq!(open_doc(&h).org.links.len(), before);
}

#[test]
fn the_inspector_lists_who_seeks_a_person_and_whom_they_seek() {
    let mut h = harness(Some("tests/csv/school-advice.csv"), None);
    open_school(&mut h);
    import_links(&mut h);
    h.get_by_label("Import").click();
    h.run();
    h.get_by_label("Ella Rossi, Year 3 teacher, in the hierarchy")
        .click();
    h.run();
    // Independently, from the org: who links to Ella, and their weight.
    let doc = h.state().session.document.as_ref().expect("open");
    let seekers: Vec<(String, f64)> = doc
        .org
        .links
        .iter()
        .filter(|l| l.to.as_str() == "ella" && l.from.as_str() != "ella")
        .map(|l| (l.from.0.clone(), l.weight))
        .collect();
    let weight: f64 = seekers.iter().map(|s| s.1).sum();
    assert!(seekers.len() >= 3, "{seekers:?}");
    let first = doc
        .org
        .person(&seekers[0].0)
        .expect("a person")
        .display_name()
        .to_owned();
    let id = seekers[0].0.clone();
    h.get_by_label(&format!(
        "Who seeks them: {} (weight {})",
        seekers.len(),
        orgflow::format::trim_number(weight)
    ))
    .scroll_to_me();
    h.run();
    // A seeker's name selects them.
    h.get_by_label(&format!("Remove link from {first}"));
    h.get_by_label(first.as_str()).click();
    h.run();
    assert_eq!(
        h.state().session.selection,
        Some(orgflow::session::Selection::Person(
            orgflow::model::PersonId(id)
        ))
    );
}

/// File ▸ Import links…, up to the question of what the links record.
fn import_links(h: &mut egui_kittest::Harness<'static, orgflow::app::OrgflowApp>) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import links…").click();
    h.run();
}

/// Colour by waiting: both views colour each person by the working days a decision waits for
/// them in the view's reading (the hierarchy through the hierarchy, the network straight to
/// the holder), with its own scale under each view; back to decision load, the load colours
/// return.
#[test]
fn colour_by_waiting_colours_both_views_by_each_persons_wait() {
    use orgflow::scene::{ColorBy, Shape, Target};
    let mut h = harness(None, None);
    open_school(&mut h);
    let fills = |h: &egui_kittest::Harness<'static, orgflow::app::OrgflowApp>, i: u32| {
        let doc = open_doc(h);
        let find = |scene: &orgflow::scene::Scene| {
            scene.shapes.iter().find_map(|s| match s {
                Shape::Box { target, fill, .. } | Shape::Circle { target, fill, .. }
                    if *target == Target::Person(i) =>
                {
                    Some(*fill)
                }
                _ => None,
            })
        };
        (find(&doc.hierarchy), find(&doc.network))
    };
    let doc = open_doc(&h);
    let at = |id: &str| doc.org.people.iter().position(|p| p.id.as_str() == id);
    let (dana, marta) = (
        at("dana").expect("dana") as u32,
        at("marta").expect("marta") as u32,
    );
    let load = fills(&h, dana);
    h.get_by_label("waiting").click();
    h.run();
    let doc = open_doc(&h);
    assert_eq!(doc.color_by, ColorBy::Wait);
    assert_eq!(
        h.query_all_by_label_contains("2+ working days a decision waits for them")
            .count(),
        2,
        "the scale under both views"
    );
    for i in [dana, marta] {
        let f = &doc.analysis.persons[i as usize];
        let (hierarchy, network) = fills(&h, i);
        assert_eq!(
            hierarchy,
            Some(orgflow::theme::wait_color(
                f.hierarchical.queue.map(|q| q.wait_days)
            ))
        );
        if network.is_some() {
            assert_eq!(
                network,
                Some(orgflow::theme::wait_color(
                    f.distributed.queue.map(|q| q.wait_days)
                ))
            );
        }
    }
    assert_ne!(fills(&h, dana), load, "Dana's colours follow her waits");
    h.get_by_label("decision load").click();
    h.run();
    assert_eq!(fills(&h, dana), load);
}
