//! The two views side by side: the reporting hierarchy and the distributed network.

use super::View;
use super::canvas::color;
use super::canvas::{Hooks, Picture};
use crate::layout::NetworkReading;
use crate::scene::{ColorBy, SCALE, SCALE_TOP, Target};
use crate::session::{Action, Document, Session};
use crate::theme;
use egui::{RichText, Ui};

fn legend(ui: &mut Ui, title: &str) {
    legend_of(ui, title, "of all decisions", SCALE_TOP);
}

/// The colour scale with its title, what the percentages are of, and the share at which it
/// is darkest.
fn legend_of(ui: &mut Ui, title: &str, of: &str, top: f64) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(title).small());
        for (i, c) in SCALE.iter().enumerate() {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 0.0, color(*c));
            if i == 0 {
                ui.label(RichText::new("0%").small());
            }
        }
        ui.label(RichText::new(format!("{}%+ {of}", (top * 100.0).round() as u32)).small());
        ui.label(
            RichText::new("· red ring: funnel, wide span or sole decider")
                .small()
                .color(color(theme::ERROR_TEXT)),
        );
    });
}

/// The colour scale for waits: working days a decision waits for each person.
fn wait_legend(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Wait:").small());
        for (i, c) in SCALE.iter().enumerate() {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 0.0, color(*c));
            if i == 0 {
                ui.label(RichText::new("0").small());
            }
        }
        ui.label(
            RichText::new(format!(
                "{}+ working days a decision waits for them, or a queue that grows without end",
                crate::theme::WAIT_SCALE_TOP
            ))
            .small(),
        );
    });
}

pub(super) fn views(session: &Session, view: &mut View, ui: &mut Ui) {
    let mut clicked = None;
    let mut toggled = None;
    let mut background = false;
    let Session {
        document, scenario, ..
    } = session;
    let View {
        hierarchy_view,
        fold_hierarchy,
        network_view,
        expand_level,
        menu_search,
        ..
    } = view;
    let mut menu_actions: Vec<Action> = Vec::new();
    // A scenario shows its own orgs, read-only; otherwise the document, editable.
    let (doc, hierarchy_scene, network_scene, editable) = if let Some(s) = scenario.as_ref() {
        let (h, n) = s.scenes();
        (s.shown(), h, n, false)
    } else {
        let Some(doc) = document.as_ref() else {
            return;
        };
        (doc, &doc.hierarchy, &doc.network, true)
    };
    // The scenes speak in indices; the selection is looked up in this frame's document.
    let selected = session.selection.as_ref().and_then(|s| doc.target(s));
    let mut level_action = None;
    let mut color_action = None;
    let mut reading_action = None;
    let mut fold_action = None;
    let mut no_rights = None;
    let mut dropped: Option<Result<(u32, u32), String>> = None;
    let mut hierarchy_aspect = 0.0;
    let width = ui.available_width();
    egui::Panel::left("hierarchy-view")
        .resizable(true)
        .default_size(width / 2.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new("Reporting hierarchy").strong());
                ui.add(
                    egui::Label::new(
                        RichText::new("every decision climbs the chain of command").weak(),
                    )
                    .truncate(),
                );
            });
            // Wrapped, so that the colour choices never widen the panel past its half.
            ui.horizontal_wrapped(|ui| {
                ui.label("Expand to level");
                ui.add(egui::DragValue::new(expand_level).range(1..=30))
                    .on_hover_text("Levels to show");
                if ui.button("Apply").clicked() {
                    level_action = Some(Action::ExpandToLevel(*expand_level));
                }
                if ui
                    .button("Fit")
                    .on_hover_text("Show the whole hierarchy; when names would be too small to read, the top levels and the flagged people's chains, the rest counted on their managers' cards")
                    .clicked()
                {
                    hierarchy_view.fit();
                    *fold_hierarchy = true;
                }
                let links = doc.analysis.network.is_some();
                if links || doc.analysis.decisions_per_month > 0.0 {
                    ui.separator();
                    ui.label("Colour by");
                    let mut by = doc.color_by;
                    ui.radio_value(&mut by, ColorBy::Load, "decision load")
                        .on_hover_text("Each person's share of all decisions in the view's reading");
                    if doc.analysis.decisions_per_month > 0.0 {
                        ui.radio_value(&mut by, ColorBy::Wait, "waiting").on_hover_text(
                            "The working days a decision waits for each person, in both views (the queue model: see the README)",
                        );
                    }
                    if links {
                        ui.radio_value(&mut by, ColorBy::Links, "who people go to");
                    }
                    if by != doc.color_by {
                        color_action = Some(Action::ColorBy(by));
                    }
                }
            });
            match doc.color_by {
                ColorBy::Load => legend(ui, "Load:"),
                ColorBy::Wait => wait_legend(ui),
                ColorBy::Links => legend_of(
                    ui,
                    "Incoming links:",
                    "of all incoming link weight",
                    doc.links_top,
                ),
            }
            let size = ui.available_size();
            hierarchy_aspect = size.x / size.y.max(1.0);
            if std::mem::take(fold_hierarchy) && editable {
                fold_action = Some(Action::FoldToFit(size.x, size.y));
            }
            let accessible = |t: &Target| accessible_name(doc, t, "hierarchy");
            let check = |dragged: &Target, onto: &Target| -> Result<(), String> {
                let (Target::Person(p), Target::Person(m)) = (dragged, onto) else {
                    return Err("drop onto a person".to_owned());
                };
                let (Some(p), Some(m)) = (
                    doc.org.people.get(*p as usize),
                    doc.org.people.get(*m as usize),
                ) else {
                    return Err("drop onto a person".to_owned());
                };
                crate::edit::move_under(&doc.org, &p.id, Some(&m.id))
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            };
            let r = hierarchy_view.show(
                ui,
                Picture {
                    scene: hierarchy_scene,
                    selected: selected.as_ref(),
                    overlay: &[],
                },
                "Reporting hierarchy view",
                Hooks {
                    accessible: &accessible,
                    tooltip: &|t| tooltip(doc, t),
                    drop_check: if editable { Some(&check) } else { None },
                    menu: &mut |ui, t| {
                        card_menu(ui, doc, t, editable, menu_search, &mut menu_actions);
                    },
                },
            );
            match r.dropped {
                Some((Target::Person(p), Some(Target::Person(m)))) => dropped = Some(Ok((p, m))),
                Some((Target::Person(_), Some(_))) => {
                    dropped = Some(Err("drop onto a person".to_owned()));
                }
                // On empty canvas, or back where it started: nothing moves, and the status
                // says how a move is made.
                Some((Target::Person(_), None)) => {
                    dropped = Some(Err(
                        "drop the card onto the person they should report to".to_owned()
                    ));
                }
                _ => {}
            }
            if let Some(Target::Person(p)) = r.double_clicked {
                toggled = editable.then_some(p).or(toggled);
            } else if r.clicked.is_some() {
                clicked = r.clicked;
            }
            background |= r.clicked_background;
        });
    // The rest of the area, beside the hierarchy; rows wrap rather than widen it.
    let rest = ui.available_width();
    ui.vertical(|ui| {
        ui.set_max_width(rest);
        ui.horizontal(|ui| {
            let structure = crate::scene::structure::shows_structure(&doc.org);
            let heading = if structure {
                "Structure"
            } else {
                "Distributed network"
            };
            ui.label(RichText::new(heading).strong());
            let what = if structure {
                "spans of control and layers: the file names no decision rights or links"
            } else if doc.network_reading() == NetworkReading::Links {
                "who seeks whom: the most sought are largest"
            } else {
                "each decision goes straight to whoever holds the right"
            };
            ui.add(egui::Label::new(RichText::new(what).weak()).truncate());
        });
        let reading = doc.network_reading();
        let links_reading = reading == NetworkReading::Links;
        let has_both = !doc.org.decisions.is_empty() && !doc.org.links.is_empty();
        ui.horizontal_wrapped(|ui| {
            if ui.button("Fit").clicked() {
                network_view.fit();
            }
            if has_both {
                ui.separator();
                ui.label("Show");
                ui.add_enabled_ui(editable, |ui| {
                    for r in [NetworkReading::Decisions, NetworkReading::Links, NetworkReading::Both] {
                        let mut chosen = reading;
                        let hint = match r {
                            NetworkReading::Decisions => "The decision rights: domains and who holds them",
                            NetworkReading::Links => "The informal network: who seeks whom, sized and coloured by how much people go to them",
                            NetworkReading::Both => "The decision rights and the links between people together",
                        };
                        if ui.radio_value(&mut chosen, r, r.label()).on_hover_text(hint).changed() {
                            reading_action = Some(Action::NetworkReading(chosen));
                        }
                    }
                })
                .response
                .on_disabled_hover_text("Close the scenario to switch");
            }
        });
        let key = match reading {
            NetworkReading::Links => "● person (size and colour: how much people go to them)  ··· link, arrow towards whom they seek",
            NetworkReading::Decisions => "■ domain  ● person (size: share)  — decides  — approves  - - consulted",
            NetworkReading::Both => "■ domain  ● person (size: share)  — decides  — approves  - - consulted  ··· peer link",
        };
        let structure = crate::scene::structure::shows_structure(&doc.org);
        if !structure {
            ui.add(egui::Label::new(RichText::new(key).small()).truncate());
        }
        if structure {
            // The structure panel's bars carry their own words; no load scale applies.
        } else if doc.color_by == ColorBy::Wait {
            wait_legend(ui);
        } else if links_reading {
            legend_of(ui, "Incoming links:", "of all incoming link weight", doc.links_top);
        } else {
            legend(ui, "Load:");
        }
        if let Some(note) = &network_scene.note {
            ui.label(RichText::new(note).small().weak());
        }
        if structure {
            // Without rights or links there is no network to draw: the structure panel stands
            // in its place, under the ways to add rights.
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("No decision rights yet:").strong());
                no_rights = super::figures::ways_in(ui);
            });
        }
        let accessible = |t: &Target| accessible_name(doc, t, "network");
        // With links between teams, the selected person's own links are drawn one by one.
        // A selected person folded into their team's node comes out of it.
        let layout = &doc.network_layout;
        let mut overlay = match &selected {
            Some(Target::Person(p)) if layout.banded || layout.links_drawn < layout.links_total => {
                crate::scene::links_of(
                    &doc.org,
                    layout,
                    *p,
                    doc.links_of.get(*p as usize).map(Vec::as_slice),
                    &|id| doc.index_of(id),
                )
            }
            _ => Vec::new(),
        };
        if let Some(Target::Person(p)) = &selected {
            overlay.extend(crate::scene::unfolded(
                &doc.org,
                &doc.analysis,
                &doc.network_layout,
                *p,
            ));
        }
        let r = network_view.show(
            ui,
            Picture {
                scene: network_scene,
                selected: selected.as_ref(),
                overlay: &overlay,
            },
            "Distributed network view",
            Hooks {
                accessible: &accessible,
                tooltip: &|t| tooltip(doc, t),
                drop_check: None,
                menu: &mut |ui, t| card_menu(ui, doc, t, editable, menu_search, &mut menu_actions),
            },
        );
        if r.clicked.is_some() {
            clicked = r.clicked;
        }
        background |= r.clicked_background;
    });
    // At Fit, the hierarchy is laid out to fill its panel's shape, and framed again.
    if scenario.is_none()
        && hierarchy_view.is_fitted()
        && document
            .as_ref()
            .is_some_and(|doc| doc.would_fill(hierarchy_aspect))
    {
        menu_actions.push(Action::FillPanel(hierarchy_aspect));
    }
    let doc = match scenario.as_ref() {
        Some(s) => s.shown(),
        None => match document.as_ref() {
            Some(doc) => doc,
            None => return,
        },
    };
    // Turn what was hit into identities while the document is the one that was drawn.
    let person_id = |p: u32| doc.org.people.get(p as usize).map(|x| x.id.clone());
    let mut actions = menu_actions;
    actions.extend(level_action);
    actions.extend(color_action);
    actions.extend(reading_action);
    actions.extend(fold_action);
    match no_rights {
        Some(super::figures::NoRightsAnswer::Import) => actions.push(Action::ImportRightsDialog),
        Some(super::figures::NoRightsAnswer::Template(k)) => actions.push(Action::ApplyTemplate(k)),
        Some(super::figures::NoRightsAnswer::Matrix) => actions.push(Action::OpenMatrix),
        None => {}
    }
    let mut refused = None;
    match dropped {
        Some(Ok((person, manager))) => {
            if let (Some(person), Some(manager)) = (person_id(person), person_id(manager)) {
                actions.push(Action::Move { person, manager });
            }
        }
        // Dropped where moving is refused: say why, change nothing.
        Some(Err(reason)) if !reason.is_empty() => refused = Some(reason),
        _ => {}
    }
    if let Some(id) = toggled.and_then(person_id) {
        actions.push(Action::ToggleCollapse(id));
    } else if let Some(target) = clicked {
        actions.push(Action::Select(doc.selection_of(&target)));
    } else if background {
        actions.push(Action::Select(None));
    }
    if let Some(reason) = refused {
        actions.push(Action::Refused(format!("Not moved: {reason}")));
    }
    for action in actions {
        view.act(action);
    }
}

/// What a screen reader says for a shape, and what tests find it by.
pub fn accessible_name(doc: &Document, target: &Target, view: &str) -> String {
    match target {
        Target::Person(p) => match doc.org.people.get(*p as usize) {
            Some(person) if person.title.is_empty() => {
                format!("{} in the {view}", person.display_name())
            }
            Some(person) => format!("{}, {}, in the {view}", person.display_name(), person.title),
            None => String::new(),
        },
        Target::Domain(k) => doc
            .org
            .decisions
            .get(*k as usize)
            .map_or(String::new(), |d| {
                format!("Decision {} in the {view}", d.name)
            }),
        Target::Group(team) => format!("Team {team} in the {view}"),
        Target::Figure(words) => words.clone(),
    }
}

/// What the pointer resting on a shape tells: who or what it is, its load in both readings and
/// its rights, in full where the picture shortens.
pub fn tooltip(doc: &Document, target: &Target) -> String {
    let domain_names = |ids: &[String]| -> String {
        const SHOWN: usize = 6;
        let mut names: Vec<&str> = ids
            .iter()
            .take(SHOWN)
            .map(|id| {
                doc.org
                    .decision(id)
                    .map_or(id.as_str(), |d| d.name.as_str())
            })
            .collect();
        let more = ids.len().saturating_sub(SHOWN);
        let more = (more > 0).then(|| format!("{more} more"));
        names.extend(more.as_deref());
        names.join(", ")
    };
    let people = |ids: &[crate::model::PersonId]| -> String {
        ids.iter()
            .map(|id| {
                doc.org
                    .person(id.as_str())
                    .map_or(id.as_str(), |p| p.display_name())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match target {
        Target::Person(p) => {
            let (Some(person), Some(f)) = (
                doc.org.people.get(*p as usize),
                doc.analysis.persons.get(*p as usize),
            ) else {
                return String::new();
            };
            let mut lines = vec![person.display_name().to_owned()];
            let role = [person.title.as_str(), person.team.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            if !role.is_empty() {
                lines.push(role);
            }
            lines.push(format!(
                "Through the hierarchy: {:.0}% of all decisions ({:.1} a month)",
                f.hierarchical.share * 100.0,
                f.hierarchical.load
            ));
            lines.push(format!(
                "Straight to the holder: {:.0}% ({:.1} a month)",
                f.distributed.share * 100.0,
                f.distributed.load
            ));
            if f.direct_reports > 0 {
                lines.push(format!(
                    "{} direct reports, {} in all",
                    f.direct_reports, f.total_reports
                ));
            }
            for (word, ids) in [
                ("Decides", &f.decides),
                ("Approves", &f.approves),
                ("Consulted on", &f.consulted),
            ] {
                if !ids.is_empty() {
                    lines.push(format!("{word}: {}", domain_names(ids)));
                }
            }
            if f.decides.is_empty() && f.approves.is_empty() {
                lines.push("No decision rights".to_owned());
            }
            lines.join("\n")
        }
        Target::Domain(k) => {
            let Some(d) = doc.org.decisions.get(*k as usize) else {
                return String::new();
            };
            let mut lines = vec![
                format!("Decision: {}", d.name),
                format!("Comes up {:.1} times a month", d.per_month),
            ];
            if d.decides.is_empty() {
                lines.push("Nobody may decide it".to_owned());
            }
            for (word, ids) in [
                ("Decides", &d.decides),
                ("Approves", &d.approves),
                ("Consulted", &d.consulted),
            ] {
                if !ids.is_empty() {
                    lines.push(format!("{word}: {}", people(ids)));
                }
            }
            lines.join("\n")
        }
        Target::Group(team) => {
            let count = doc.org.people.iter().filter(|p| &p.team == team).count();
            format!(
                "Team {}: {count} people in all\nThose with no decision right and no peer link are this one circle; select one of them (search, or the hierarchy) to see them drawn out of it.",
                if team.is_empty() { "(none)" } else { team }
            )
        }
        Target::Figure(words) => words.clone(),
    }
}

/// At most this many people are offered under "Move under…".
const MOVE_CHOICES: usize = 10;

/// The right-click menu of a card or a node: what can be done to it from where it is drawn.
fn card_menu(
    ui: &mut Ui,
    doc: &Document,
    target: &Target,
    editable: bool,
    search: &mut String,
    actions: &mut Vec<Action>,
) {
    let Some(selection) = doc.selection_of(target) else {
        return;
    };
    let mut close = false;
    if ui.button("Select and zoom to").clicked() {
        actions.push(Action::Select(Some(selection.clone())));
        actions.push(Action::FrameSelection);
        close = true;
    }
    let person = match target {
        Target::Person(p) => doc.org.people.get(*p as usize),
        _ => None,
    };
    if let Some(person) = person {
        let id = person.id.clone();
        if !editable {
            if ui.button("Simulate absence").clicked() {
                actions.push(Action::SimulateAbsence(id));
                close = true;
            }
        } else {
            ui.menu_button("Move under…", |ui| {
                let label = ui.label("Find a manager");
                ui.text_edit_singleline(search)
                    .labelled_by(label.id)
                    .request_focus();
                let needle = search.trim().to_lowercase();
                let choices = doc
                    .org
                    .people
                    .iter()
                    .filter(|m| m.id != id && person.manager.as_ref() != Some(&m.id))
                    .filter(|m| {
                        needle.is_empty()
                            || m.display_name().to_lowercase().contains(&needle)
                            || m.title.to_lowercase().contains(&needle)
                    })
                    .filter(|m| crate::edit::move_under(&doc.org, &id, Some(&m.id)).is_ok())
                    .take(MOVE_CHOICES);
                let mut any = false;
                for m in choices {
                    any = true;
                    let text = if m.title.is_empty() {
                        m.display_name().to_owned()
                    } else {
                        format!("{}, {}", m.display_name(), m.title)
                    };
                    if ui.button(text).clicked() {
                        actions.push(Action::Move {
                            person: id.clone(),
                            manager: m.id.clone(),
                        });
                        search.clear();
                        ui.close();
                    }
                }
                if !any {
                    ui.label(RichText::new("Nobody matches").weak());
                }
            });
            if ui.button("Add a report").clicked()
                && let Ok(command) = crate::edit::add_person(&doc.org, Some(&id))
            {
                actions.push(Action::apply(command));
                close = true;
            }
            let has_reports = doc
                .analysis
                .persons
                .iter()
                .any(|f| f.manager.as_deref() == Some(id.as_str()));
            if has_reports {
                let text = if doc.is_collapsed(&id) {
                    "Show their reports"
                } else {
                    "Hide their reports"
                };
                if ui.button(text).clicked() {
                    actions.push(Action::ToggleCollapse(id.clone()));
                    close = true;
                }
            }
            if ui.button("Simulate absence").clicked() {
                actions.push(Action::SimulateAbsence(id.clone()));
                close = true;
            }
            ui.separator();
            if ui.button("Delete…").clicked() {
                actions.push(Action::AskDelete(id));
                close = true;
            }
        }
    }
    if matches!(target, Target::Domain(_))
        && editable
        && ui.button("Edit in the rights matrix").clicked()
    {
        actions.push(Action::Select(Some(selection)));
        actions.push(Action::OpenMatrix);
        close = true;
    }
    if close {
        ui.close();
    }
}
