//! View ▸ Explore the network: egui_graphs' force layout while it is open, a click that
//! selects, a drag that pins, and a kept layout the network view paints on its own again,
//! with no frame asked for once it is closed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use common::{harness, open_school};
use egui_kittest::kittest::Queryable;
use orgflow::layout::NodeKey;
use orgflow::model::PersonId;
use orgflow::session::Selection;

type H = egui_kittest::Harness<'static, orgflow::app::OrgflowApp>;

fn open_explorer(h: &mut H) {
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Explore the network…").click();
    h.run_steps(3);
    assert!(h.state().view.explorer.is_some(), "the explorer opened");
}

/// Where the network view has this person.
fn place(h: &H, id: &str) -> orgflow::layout::Point {
    let doc = h.state().session.document.as_ref().unwrap();
    doc.network_layout.places(&doc.org)[&NodeKey::Person(id.to_owned())]
}

fn on_screen(h: &H, who: &Selection) -> egui::Pos2 {
    h.state()
        .view
        .explorer
        .as_ref()
        .unwrap()
        .screen_position(who)
        .expect("drawn")
}

/// Steps until `who` moves less than a point a frame for three frames running (the force
/// layout calms down long before it rests), so that a click lands on the node.
fn calm(h: &mut H, who: &Selection) {
    let mut last = on_screen(h, who);
    let mut quiet = 0;
    for _ in 0..3_000 {
        h.step();
        if h.state().view.explorer.is_none() {
            return;
        }
        let now = on_screen(h, who);
        quiet = if (now - last).length() < 1.0 {
            quiet + 1
        } else {
            0
        };
        if quiet == 3 {
            return;
        }
        last = now;
    }
}

#[test]
fn a_click_selects_a_drag_pins_and_the_view_keeps_the_layout() {
    let mut h = harness(None, None);
    open_school(&mut h);
    let before = place(&h, "marta");
    open_explorer(&mut h);
    h.get_by_label("The network, laid out by force");
    // While it is open, every frame asks for the next: the layout is moving.
    assert!(h.try_run().is_err(), "the force layout animates");
    assert!(h.state().view.explorer.as_ref().unwrap().steps() > 0);

    // A click on Marta Quill's node selects her, in both views.
    let marta = Selection::Person(PersonId("marta".to_owned()));
    calm(&mut h, &marta);
    let at = on_screen(&h, &marta);
    h.hover_at(at);
    h.step();
    h.drag_at(at);
    h.step();
    h.drop_at(at);
    h.run_steps(2);
    assert_eq!(h.state().session.selection, Some(marta.clone()));
    assert_eq!(
        h.state().view.explorer.as_ref().unwrap().pinned(),
        0,
        "a click pins nothing"
    );

    // Without the fit, the view holds still while a node is dragged about.
    h.get_by_label("Fit to the window").click();
    h.run_steps(2);
    assert!(!h.state().view.explorer.as_ref().unwrap().fit);

    // A drag moves her node, and she stays where she is dropped.
    let at = on_screen(&h, &marta);
    h.hover_at(at);
    h.step();
    h.drag_at(at);
    h.step();
    for k in 1..=10 {
        h.hover_at(at + egui::vec2(12.0 * k as f32, 6.0 * k as f32));
        h.step();
    }
    let dropped = at + egui::vec2(120.0, 60.0);
    h.drop_at(dropped);
    h.run_steps(5);
    assert_eq!(h.state().view.explorer.as_ref().unwrap().pinned(), 1);
    let now = on_screen(&h, &marta);
    assert!((now - dropped).length() < 2.0, "{now:?} vs {dropped:?}");

    h.get_by_label("Keep this layout").click();
    h.run_steps(2);
    assert!(h.state().view.explorer.is_none(), "kept and closed");
    let status = h.state().session.status.clone().unwrap().1;
    assert!(status.contains("explored layout"), "{status}");
    assert_ne!(
        place(&h, "marta"),
        before,
        "the network view took the new place"
    );
    // Closed, the window asks for no more frames: an idle window costs nothing.
    assert!(
        h.try_run().is_ok(),
        "no frame is asked for once it is closed"
    );
}

#[test]
fn a_small_network_comes_to_rest_and_is_kept_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trio.json");
    std::fs::write(
        &path,
        r#"{"orgflow": 1, "name": "Trio",
            "people": [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bo", "manager": "a"},
                       {"id": "c", "name": "Cy", "manager": "a"}],
            "decisions": [{"id": "d", "name": "Budget", "decides": ["a"]},
                          {"id": "e", "name": "Rota", "decides": ["b"]}]}"#,
    )
    .unwrap();
    let mut h = harness(path.to_str(), None);
    h.get_by_label("Open…").click();
    h.run();
    assert!(h.state().session.document.is_some());
    open_explorer(&mut h);
    let mut frames = 0;
    while h.state().view.explorer.is_some() && frames < 3_200 {
        h.step();
        frames += 1;
    }
    assert!(
        h.state().view.explorer.is_none(),
        "still moving after {frames} frames"
    );
    eprintln!("the trio's layout came to rest after {frames} frames");
    let status = h.state().session.status.clone().unwrap().1;
    assert!(status.contains("it had settled"), "{status}");
    assert!(h.try_run().is_ok());
}

#[test]
fn an_edit_closes_the_explorer_of_the_network_it_changed() {
    let mut h = harness(None, None);
    open_school(&mut h);
    open_explorer(&mut h);
    let app = h.state_mut();
    let doc = app.session.document.as_mut().unwrap();
    let add = orgflow::edit::add_person(&doc.org, Some(&PersonId("marta".to_owned()))).unwrap();
    doc.apply(add).unwrap();
    h.run_steps(2);
    assert!(h.state().view.explorer.is_none());
}
