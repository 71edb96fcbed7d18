//! The inspector: details of the selection, and every edit of a person or a domain.

use super::{Draft, View};
use crate::analysis::{percent, trim_number};
use crate::edit::{
    Right, add_link, add_person, change_domain, change_person, delete_domain, remove_link,
    set_right,
};
use crate::model::{DecisionId, Person, PersonId};
use crate::session::{Action, Document, Selection, Session};
use egui::{RichText, Ui};

/// Above this many decision domains the rights grid opens collapsed.
const MANY_DOMAINS: usize = 40;

/// Draws the inspector for the current selection.
pub fn show(session: &Session, view: &mut View, ui: &mut Ui) {
    ui.heading("Inspector");
    // Grids and fields keep to the panel's width: one wide row would widen every row after it.
    let width = ui.available_width();
    ui.spacing_mut().text_edit_width = (width - 100.0).max(80.0);
    let selection = session.selection.clone();
    let focus = std::mem::take(&mut view.focus_inspector);
    let Some(doc) = &session.document else {
        return;
    };
    if view.draft.target != selection {
        view.draft = fill(doc, selection.as_ref());
    }
    let action = match &selection {
        None => {
            ui.label("Click a person or a decision in either view. Drag a card onto another person in the hierarchy to make them report there.");
            ui.label("Keys: arrows walk from a selected person to their manager, first report and peers; Enter edits; Delete deletes (after asking); Esc clears. Right-click a card for more.");
            None
        }
        Some(Selection::Person(id)) => {
            let away = session
                .scenario
                .as_ref()
                .and_then(|s| s.absence.as_ref())
                .is_some_and(|a| a.without == [id.0.clone()]);
            let log = session
                .decision_log
                .as_ref()
                .and_then(|l| l.comparison())
                .and_then(|r| r.as_ref().ok());
            person(doc, id, away, log, &mut view.draft, focus, ui)
        }
        Some(Selection::Domain(id)) => domain(doc, id, &mut view.draft, focus, ui),
        Some(Selection::Group(team)) => {
            let count = doc.org.people.iter().filter(|p| p.team == *team).count();
            ui.label(RichText::new(if team.is_empty() { "No team" } else { team }).strong());
            ui.label(format!(
                "{count} people in this team; those without a decision right or a peer link are shown as this one node."
            ));
            None
        }
    };
    if let Some(action) = action {
        view.act(action);
    }
}

fn fill(doc: &Document, target: Option<&Selection>) -> Draft {
    let mut d = Draft {
        target: target.cloned(),
        ..Draft::default()
    };
    match target {
        Some(Selection::Person(id)) => {
            if let Some(person) = doc.org.person(id.as_str()) {
                d.name = person.name.clone();
                d.title = person.title.clone();
                d.team = person.team.clone();
                d.skills = person.skills.join("; ");
                d.fte = person.fte.map(crate::format::exact).unwrap_or_default();
            }
        }
        Some(Selection::Domain(id)) => {
            if let Some(domain) = doc.org.decision(id.as_str()) {
                d.name = domain.name.clone();
                d.per_month = domain.per_month;
                d.raised_by = domain.raised_by.as_deref().unwrap_or_default().join("; ");
            }
        }
        _ => {}
    }
    d
}

fn split(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A labelled one-line field; true when the user finished editing it (Enter or leaving it).
fn field(ui: &mut Ui, label: &str, text: &mut String) -> bool {
    field_focused(ui, label, text, false)
}

/// [`field`], taking the keyboard when `focus` is set (Enter on a selected card).
fn field_focused(ui: &mut Ui, label: &str, text: &mut String, focus: bool) -> bool {
    let label = ui.label(label);
    let response = ui.text_edit_singleline(text).labelled_by(label.id);
    if focus {
        response.request_focus();
    }
    ui.end_row();
    response.lost_focus()
}

fn person(
    doc: &Document,
    id: &PersonId,
    away: bool,
    log: Option<&crate::analysis::calibration::Calibration>,
    draft: &mut Draft,
    focus: bool,
    ui: &mut Ui,
) -> Option<Action> {
    let p = doc.index_of(id.as_str())? as usize;
    let (person, f) = (doc.org.people.get(p)?, doc.analysis.persons.get(p)?);
    let mut action = None;
    ui.label(RichText::new(person.display_name()).size(18.0).strong());
    ui.horizontal_wrapped(|ui| {
        if f.direct_reports > 0 {
            let text = if doc.is_collapsed(id) {
                "Show their reports"
            } else {
                "Hide their reports"
            };
            if ui.button(text).clicked() {
                action = Some(Action::ToggleCollapse(id.clone()));
            }
        }
        if ui.button("Add a report").clicked()
            && let Ok(command) = add_person(&doc.org, Some(&person.id))
        {
            action = Some(Action::apply(command));
        }
        if ui.button("Delete person").clicked() {
            action = Some(Action::AskDelete(id.clone()));
        }
    });
    let mut simulate = away;
    if ui
        .checkbox(&mut simulate, "Simulate absence")
        .on_hover_text("What happens while they are away: their reports go to their manager, their rights lapse. The file does not change.")
        .changed()
    {
        action = Some(if simulate {
            Action::SimulateAbsence(id.clone())
        } else {
            Action::CloseScenario
        });
    }
    let mut edited = None;
    egui::Grid::new("person-fields")
        .max_col_width((ui.available_width() - 90.0).max(80.0))
        .num_columns(2)
        .show(ui, |ui| {
            let mut changed = person.clone();
            if field_focused(ui, "Name", &mut draft.name, focus) && draft.name.trim() != person.name
            {
                changed.name = draft.name.trim().to_owned();
                edited = Some((
                    format!("rename {} to {}", person.display_name(), changed.name),
                    changed.clone(),
                ));
            }
            if field(ui, "Title", &mut draft.title) && draft.title.trim() != person.title {
                changed.title = draft.title.trim().to_owned();
                edited = Some((
                    format!("change the title of {}", person.display_name()),
                    changed.clone(),
                ));
            }
            if field(ui, "Team", &mut draft.team) && draft.team.trim() != person.team {
                changed.team = draft.team.trim().to_owned();
                edited = Some((
                    format!("move {} to team {}", person.display_name(), changed.team),
                    changed.clone(),
                ));
            }
            if field(ui, "Skills", &mut draft.skills) && split(&draft.skills) != person.skills {
                changed.skills = split(&draft.skills);
                edited = Some((
                    format!("change the skills of {}", person.display_name()),
                    changed.clone(),
                ));
            }
            ui.label("");
            let mut vacant = person.vacant;
            if ui.checkbox(&mut vacant, "Open position").changed() {
                changed.vacant = vacant;
                let what = if vacant {
                    "mark {} as an open position"
                } else {
                    "fill the position of {}"
                };
                edited = Some((what.replace("{}", person.display_name()), changed.clone()));
            }
            ui.end_row();
            ui.label("Manager");
            if let Some(a) = manager_picker(doc, person, draft, ui) {
                action = Some(a);
            }
            ui.end_row();
        });
    if let Some((label, changed)) = edited {
        action = Some(Action::apply(change_person(label, id, changed)));
    }

    egui::Grid::new("person-figures")
        .max_col_width((ui.available_width() - 90.0).max(80.0))
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Reports");
            ui.label(format!(
                "{} direct, {} in total",
                f.direct_reports, f.total_reports
            ));
            ui.end_row();
            if f.junior_fte_below > 0.0 {
                ui.label("Junior posts")
                    .on_hover_text("Counted in full-time equivalents, not as people or reports");
                ui.label(format!(
                    "{} FTE reporting here, {} FTE below in total",
                    crate::format::fte(f.junior_fte),
                    crate::format::fte(f.junior_fte_below)
                ));
                ui.end_row();
            }
            ui.label("Hierarchy load");
            ui.label(format!(
                "{:.1} a month, {} of all decisions",
                f.hierarchical.load,
                percent(f.hierarchical.share)
            ));
            ui.end_row();
            ui.label("Distributed load");
            ui.label(format!(
                "{:.1} a month, {} of all decisions",
                f.distributed.load,
                percent(f.distributed.share)
            ));
            ui.end_row();
            for (label, load) in [
                ("Hierarchy queue", &f.hierarchical),
                ("Distributed queue", &f.distributed),
            ] {
                if let Some(q) = load.queue
                    && load.load > 0.0
                {
                    ui.label(label).on_hover_text(
                        "Their decisions' hours against their hours a week for deciding, and how long a decision waits for them (M/M/1 queue; capacity_hours in the file sets their hours)",
                    );
                    ui.label(crate::analysis::queue::queue_words(&q));
                    ui.end_row();
                }
            }
            if let Some(c) = log
                && let Some(r) = c.people.iter().find(|r| r.id == f.id)
            {
                use crate::analysis::queue::days;
                let w = r.observed.observed_wait_days;
                let model = |d: Option<f64>| d.map_or_else(|| "without end".to_owned(), days);
                ui.label("Decision log").on_hover_text(format!(
                    "What {} shows of the decisions they took: working days from raised to decided",
                    c.log
                ));
                ui.label(format!(
                    "{} decided; median {}, 90th percentile {}, mean {} working days (model: {} through the hierarchy, {} straight)",
                    r.observed.observed_decisions,
                    days(w.median),
                    days(w.p90),
                    days(w.mean),
                    model(r.model_days.hierarchical),
                    model(r.model_days.distributed)
                ));
                ui.end_row();
            }
            if let Some(m) = f.matrix {
                ui.label("Matrix load").on_hover_text(
                    "When decisions climb the dotted lines: everybody with a dotted-line manager read as reporting to them",
                );
                ui.label(format!(
                    "{:.1} a month, {} of all decisions",
                    m.load,
                    percent(m.share)
                ));
                ui.end_row();
            }
        });

    let why: Vec<&crate::analysis::Finding> = doc
        .analysis
        .findings
        .iter()
        .filter(|x| x.people.contains(&person.id.0))
        .collect();
    if !why.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Why they are flagged").strong());
        for x in why {
            ui.label(&x.message);
        }
    }

    ui.add_space(6.0);
    if let Some(a) = rights_grid(doc, person, draft, ui) {
        action = Some(a);
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Dotted-line managers").strong())
        .on_hover_text("Matrix or functional managers beside the line manager: drawn dashed, never a step on the chain of command");
    for m in &person.dotted_managers {
        let name = doc
            .org
            .person(m.as_str())
            .map_or(m.as_str(), |o| o.display_name());
        ui.horizontal(|ui| {
            ui.label(name);
            if ui
                .small_button(format!("Remove dotted line to {name}"))
                .clicked()
            {
                action = crate::edit::remove_dotted_manager(&doc.org, &person.id, m)
                    .ok()
                    .map(Action::apply);
            }
        });
    }
    if let Some(a) = dotted_picker(doc, person, draft, ui) {
        action = Some(a);
    }
    if let Some(a) = holders(doc, person, draft, ui) {
        action = Some(a);
    }
    ui.add_space(6.0);
    if let Some(a) = peer_links(doc, person, ui) {
        action = Some(a);
    }
    if let Some(a) = link_picker(doc, person, draft, ui) {
        action = Some(a);
    }

    action
}

/// How many domains a search in the inspector lists.
const DOMAIN_MATCHES: usize = 20;

/// The person's rights as check boxes: every domain in a small org; in one with more than
/// [`MANY_DOMAINS`], those where they hold a right, and a search for a domain to give them one.
fn rights_grid(doc: &Document, person: &Person, draft: &mut Draft, ui: &mut Ui) -> Option<Action> {
    let mut action = None;
    let all = doc.org.decisions.len();
    let holds_any = |d: &crate::model::Decision| {
        d.decides.contains(&person.id)
            || d.approves.contains(&person.id)
            || d.consulted.contains(&person.id)
    };
    let many = all > MANY_DOMAINS;
    let shown: Vec<&crate::model::Decision> = if many {
        doc.org.decisions.iter().filter(|d| holds_any(d)).collect()
    } else {
        doc.org.decisions.iter().collect()
    };
    let heading = if many {
        format!(
            "Decision rights ({} of {} domains)",
            shown.len(),
            crate::format::thousands(all as f64)
        )
    } else {
        format!("Decision rights ({all} domains)")
    };
    ui.label(RichText::new(heading).strong());
    let grid =
        |ui: &mut Ui, id: &str, list: &[&crate::model::Decision], action: &mut Option<Action>| {
            egui::Grid::new(id)
                .max_col_width((ui.available_width() - 90.0).max(80.0))
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    // The boxes first: a long domain name never pushes them out of the panel.
                    for right in [Right::Decides, Right::Approves, Right::Consulted] {
                        ui.label(RichText::new(right.word()).small());
                    }
                    ui.label("");
                    ui.end_row();
                    for d in list {
                        for (right, holders) in [
                            (Right::Decides, &d.decides),
                            (Right::Approves, &d.approves),
                            (Right::Consulted, &d.consulted),
                        ] {
                            let mut holds = holders.contains(&person.id);
                            let label = format!("{} {}", right.word(), d.name);
                            let response = ui.checkbox(&mut holds, "").on_hover_text(&label);
                            response.widget_info(|| {
                                egui::WidgetInfo::selected(
                                    egui::WidgetType::Checkbox,
                                    true,
                                    holds,
                                    &label,
                                )
                            });
                            if response.changed()
                                && let Ok(command) =
                                    set_right(&doc.org, &d.id, &person.id, right, holds)
                            {
                                *action = Some(Action::apply(command));
                            }
                        }
                        ui.label(&d.name);
                        ui.end_row();
                    }
                });
        };
    if shown.is_empty() {
        ui.label(RichText::new("They hold no right in any domain yet.").weak());
    } else {
        grid(ui, "rights", &shown, &mut action);
    }
    if many {
        let label = ui.label("Give them a right in…");
        ui.add(
            egui::TextEdit::singleline(&mut draft.domain_filter)
                .hint_text("type part of a domain's name"),
        )
        .labelled_by(label.id);
        let needle = draft.domain_filter.trim().to_lowercase();
        if !needle.is_empty() {
            let matches: Vec<&crate::model::Decision> = doc
                .org
                .decisions
                .iter()
                .filter(|d| !holds_any(d) && d.name.to_lowercase().contains(&needle))
                .take(DOMAIN_MATCHES + 1)
                .collect();
            if matches.is_empty() {
                ui.label(RichText::new("No other domain has that in its name.").weak());
            } else {
                let listed = &matches[..matches.len().min(DOMAIN_MATCHES)];
                grid(ui, "rights-search", listed, &mut action);
                if matches.len() > DOMAIN_MATCHES {
                    ui.label(
                        RichText::new(format!(
                            "The first {DOMAIN_MATCHES}: type more to narrow the search"
                        ))
                        .weak(),
                    );
                }
            }
        }
    }
    action
}

/// How many of a person's links each list shows; the rest are counted.
const LINKS_LISTED: usize = 50;

/// Who seeks this person and whom they seek, heaviest first: each name selects that person,
/// each link can be removed.
fn peer_links(doc: &Document, person: &crate::model::Person, ui: &mut Ui) -> Option<Action> {
    let mut action = None;
    let mut seekers: Vec<&crate::model::Link> = Vec::new();
    let mut sought: Vec<&crate::model::Link> = Vec::new();
    let theirs = doc
        .index_of(person.id.as_str())
        .and_then(|i| doc.links_of.get(i as usize))
        .map_or(&[][..], Vec::as_slice);
    for l in theirs.iter().filter_map(|&k| doc.org.links.get(k)) {
        if l.to == person.id && l.from != person.id {
            seekers.push(l);
        } else if l.from == person.id && l.to != person.id {
            sought.push(l);
        }
    }
    if seekers.is_empty() && sought.is_empty() {
        ui.label(RichText::new("Peer links").strong());
        ui.label(RichText::new("Nobody is linked to them yet.").weak());
        return None;
    }
    let total = |list: &[&crate::model::Link]| list.iter().map(|l| l.weight).sum::<f64>();
    for (list, incoming) in [(&mut seekers, true), (&mut sought, false)] {
        if list.is_empty() {
            continue;
        }
        list.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.from.cmp(&b.from))
        });
        let heading = if incoming {
            format!(
                "Who seeks them: {} (weight {})",
                list.len(),
                crate::format::trim_number(total(list))
            )
        } else {
            format!(
                "Whom they seek: {} (weight {})",
                list.len(),
                crate::format::trim_number(total(list))
            )
        };
        ui.label(RichText::new(heading).strong());
        for l in list.iter().take(LINKS_LISTED) {
            let other = if incoming { &l.from } else { &l.to };
            let name = doc
                .org
                .person(other.as_str())
                .map_or(other.as_str(), |o| o.display_name());
            ui.horizontal(|ui| {
                if ui
                    .link(name)
                    .on_hover_text(format!("Select {name}"))
                    .clicked()
                {
                    action = Some(Action::Select(Some(Selection::Person(other.clone()))));
                }
                ui.label(format!(
                    "{} · {}",
                    crate::format::trim_number(l.weight),
                    l.kind
                ));
                let remove = if incoming {
                    format!("Remove link from {name}")
                } else {
                    format!("Remove link to {name}")
                };
                let button = ui.small_button("Remove").on_hover_text(&remove);
                // Screen readers (and tests) hear which link: every row has a Remove.
                button.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &remove)
                });
                if button.clicked() {
                    action = Some(Action::apply(remove_link(&doc.org, l)));
                }
            });
        }
        if list.len() > LINKS_LISTED {
            ui.label(
                RichText::new(format!(
                    "… and {} more, lighter",
                    crate::format::thousands((list.len() - LINKS_LISTED) as f64)
                ))
                .weak(),
            );
        }
    }
    action
}

/// Who may become this person's manager: anybody outside their own subtree.
fn manager_picker(
    doc: &Document,
    person: &crate::model::Person,
    draft: &mut Draft,
    ui: &mut Ui,
) -> Option<Action> {
    let current = person
        .manager
        .as_ref()
        .and_then(|m| doc.org.person(m.as_str()))
        .map_or("— (top level)".to_owned(), |m| {
            m.display_name().to_owned()
        });
    let mut action = None;
    let value = current.clone();
    egui::ComboBox::from_id_salt("manager-picker")
        .selected_text(current)
        .width(180.0)
        .show_ui(ui, |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut draft.manager_filter).hint_text("Find a manager"),
            );
            if ui
                .selectable_label(person.manager.is_none(), "— (top level)")
                .clicked()
            {
                action = crate::edit::move_under(&doc.org, &person.id, None)
                    .ok()
                    .map(Action::apply);
            }
            let needle = draft.manager_filter.trim().to_lowercase();
            for other in doc
                .org
                .people
                .iter()
                .filter(|o| o.id != person.id && o.display_name().to_lowercase().contains(&needle))
                .take(40)
            {
                let chosen = person.manager.as_ref() == Some(&other.id);
                if ui.selectable_label(chosen, other.display_name()).clicked() && !chosen {
                    action = Some(Action::Move {
                        person: person.id.clone(),
                        manager: other.id.clone(),
                    });
                }
            }
        })
        .response
        // Named "Manager", its value the manager chosen.
        .widget_info(|| {
            let mut info = egui::WidgetInfo::labeled(egui::WidgetType::ComboBox, true, "Manager");
            info.current_text_value = Some(value.clone());
            info
        });
    action
}

/// A searchable list of people to pick one from (a dotted-line manager, a peer to link to):
/// `text` on the box, `label` its accessible name, `offered` who is listed, `pick` the action
/// for the one chosen.
fn person_picker(
    doc: &Document,
    filter: &mut String,
    (salt, text, label): (&str, &str, &str),
    offered: impl Fn(&crate::model::Person) -> bool,
    pick: impl Fn(&crate::model::Person) -> Option<Action>,
    ui: &mut Ui,
) -> Option<Action> {
    let mut action = None;
    egui::ComboBox::from_id_salt(salt)
        .selected_text(text)
        .width(180.0)
        .show_ui(ui, |ui| {
            ui.add(egui::TextEdit::singleline(filter).hint_text("Find a person"));
            let needle = filter.trim().to_lowercase();
            for other in doc
                .org
                .people
                .iter()
                .filter(|o| offered(o) && o.display_name().to_lowercase().contains(&needle))
                .take(40)
            {
                if ui.selectable_label(false, other.display_name()).clicked() {
                    action = pick(other);
                }
            }
        })
        .response
        // The box's text is its value; its accessible label says what it is for.
        .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::ComboBox, true, label));
    action
}

/// Who may become a dotted-line manager: anybody but the person, their line manager and the
/// dotted-line managers they have.
fn dotted_picker(
    doc: &Document,
    person: &crate::model::Person,
    draft: &mut Draft,
    ui: &mut Ui,
) -> Option<Action> {
    person_picker(
        doc,
        &mut draft.dotted_filter,
        (
            "dotted-picker",
            "Add a dotted-line manager…",
            "Add a dotted-line manager",
        ),
        |o| {
            o.id != person.id
                && person.manager.as_ref() != Some(&o.id)
                && !person.dotted_managers.contains(&o.id)
        },
        |o| {
            crate::edit::add_dotted_manager(&doc.org, &person.id, &o.id)
                .ok()
                .map(Action::apply)
        },
        ui,
    )
}

fn link_picker(
    doc: &Document,
    person: &crate::model::Person,
    draft: &mut Draft,
    ui: &mut Ui,
) -> Option<Action> {
    person_picker(
        doc,
        &mut draft.link_filter,
        ("link-picker", "Add a peer link to…", "Add a peer link"),
        |o| o.id != person.id,
        |o| {
            add_link(&doc.org, &person.id, &o.id)
                .ok()
                .map(Action::apply)
        },
        ui,
    )
}

fn domain(
    doc: &Document,
    id: &DecisionId,
    draft: &mut Draft,
    focus: bool,
    ui: &mut Ui,
) -> Option<Action> {
    let d = doc.org.decision(id.as_str())?;
    let mut action = None;
    ui.label(RichText::new(&d.name).size(18.0).strong());
    egui::Grid::new("domain-fields")
        .max_col_width((ui.available_width() - 90.0).max(80.0))
        .num_columns(2)
        .show(ui, |ui| {
            let mut changed = d.clone();
            if field_focused(ui, "Name", &mut draft.name, focus)
                && draft.name.trim() != d.name
                && !draft.name.trim().is_empty()
            {
                changed.name = draft.name.trim().to_owned();
                action = Some((
                    format!("rename {} to {}", d.name, changed.name),
                    changed.clone(),
                ));
            }
            let rate_label = ui.label("Per month");
            let rate = ui
                .add(
                    egui::DragValue::new(&mut draft.per_month)
                        .range(0.0..=100_000.0)
                        .speed(0.5),
                )
                .labelled_by(rate_label.id);
            ui.end_row();
            if (rate.lost_focus() || rate.drag_stopped()) && draft.per_month != d.per_month {
                changed.per_month = draft.per_month;
                action = Some((
                    format!(
                        "make {} come up {} times a month",
                        d.name,
                        trim_number(draft.per_month)
                    ),
                    changed.clone(),
                ));
            }
            if field(ui, "Raised by", &mut draft.raised_by) {
                let list = split(&draft.raised_by);
                let now = d.raised_by.clone().unwrap_or_default();
                if list != now {
                    changed.raised_by = (!list.is_empty()).then_some(list);
                    action = Some((format!("change who raises {}", d.name), changed.clone()));
                }
            }
        });
    ui.label(
        RichText::new("Team names or person ids, separated by ;. Empty: everyone.")
            .small()
            .weak(),
    );
    let names = |ids: &[PersonId]| {
        let list: Vec<&str> = ids
            .iter()
            .map(|id| {
                doc.org
                    .person(id.as_str())
                    .map_or(id.as_str(), |p| p.display_name())
            })
            .collect();
        if list.is_empty() {
            "nobody".to_owned()
        } else {
            list.join(", ")
        }
    };
    ui.label(format!("Decides: {}", names(&d.decides)));
    ui.label(format!("Approves: {}", names(&d.approves)));
    ui.label(format!("Consulted: {}", names(&d.consulted)));
    for role in &d.roles {
        ui.label(format!(
            "{}: {}, the one responsible for whoever raises it",
            match role.right {
                Right::Decides => "Decides",
                Right::Approves => "Approves",
                Right::Consulted => "Consulted",
            },
            role.describe()
        ))
        .on_hover_text(
            "The nearest holder in the raiser's chain of command (the raiser included), else the holders in the raiser's team, else every holder",
        );
    }
    ui.label(
        RichText::new("Select a person to give or take their rights.")
            .small()
            .weak(),
    );
    let mut out = action.map(|(label, decision)| Action::apply(change_domain(label, id, decision)));
    if ui.button("Delete decision domain").clicked() {
        out = delete_domain(&doc.org, id).ok().map(Action::apply);
    }
    out
}

/// Who holds the post: its FTE, a job share's other holders (add, remove), and the other posts
/// of somebody who holds several (each a button that selects it).
fn holders(doc: &Document, person: &Person, draft: &mut Draft, ui: &mut Ui) -> Option<Action> {
    let mut action = None;
    let name = person.display_name();
    ui.add_space(6.0);
    ui.label(RichText::new("Holders").strong()).on_hover_text(
        "A job share splits the post's load and rights by FTE; a person in several posts carries them all, each decision once",
    );
    let a = &doc.analysis;
    let total = a.decisions_per_month;
    let of_post = |x: &&crate::analysis::HolderFigures| x.posts.iter().any(|p| p.id == person.id.0);
    let mine: Vec<&crate::analysis::HolderFigures> = a.holders.iter().filter(of_post).collect();
    let load_text = |x: &crate::analysis::HolderFigures| {
        if total > 0.0 {
            format!(", {} of all decisions", percent(x.hierarchical.share))
        } else {
            String::new()
        }
    };
    for x in &mine {
        let share = x
            .posts
            .iter()
            .find(|p| p.id == person.id.0)
            .map_or(1.0, |p| p.share);
        ui.label(format!(
            "{}: {} of the post{}",
            x.name,
            percent(share),
            load_text(x)
        ));
        for other in x.posts.iter().filter(|p| p.id != person.id.0) {
            let label = format!("Go to {} (also held by {})", other.title, x.name);
            if ui.small_button(&label).clicked() {
                action = Some(Action::Select(Some(Selection::Person(PersonId(
                    other.id.clone(),
                )))));
            }
        }
    }
    let mut changed = person.clone();
    let mut edit = None;
    egui::Grid::new("holder-fields")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("FTE");
            let response = ui
                .add(egui::TextEdit::singleline(&mut draft.fte).hint_text("1, 0.6 or 60%"))
                .labelled_by(label.id);
            ui.end_row();
            if response.lost_focus() {
                match crate::io::fte_text(&draft.fte) {
                    Ok(fte) if fte != person.fte => {
                        changed.fte = fte;
                        edit = Some(format!("set the FTE of {name}"));
                    }
                    Ok(_) => {}
                    Err(_) => draft.fte = person.fte.map(crate::format::exact).unwrap_or_default(),
                }
            }
        });
    for (k, c) in person.co_holders.iter().enumerate() {
        let fte = c
            .fte
            .map(|f| format!(" ({} FTE)", crate::format::exact(f)))
            .unwrap_or_default();
        ui.label(format!("Shares the post: {}{fte}", c.name));
        if ui
            .small_button(format!("Remove {} from the post", c.name))
            .clicked()
        {
            changed.co_holders.remove(k);
            edit = Some(format!("remove {} from the post of {name}", c.name));
        }
    }
    ui.horizontal(|ui| {
        let response = ui
            .add(egui::TextEdit::singleline(&mut draft.co_holder).hint_text("Name"))
            .on_hover_text("Somebody who holds this post with them (a job share)");
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Job-share holder to add")
        });
        let typed = draft.co_holder.trim().to_owned();
        let add = ui.add_enabled(!typed.is_empty(), egui::Button::new("Add to the post"));
        if add.clicked()
            || (response.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && !typed.is_empty())
        {
            changed.co_holders.push(crate::model::CoHolder {
                name: typed.clone(),
                ..Default::default()
            });
            edit = Some(format!("add {typed} to the post of {name}"));
            draft.co_holder.clear();
        }
    });
    if let Some(label) = edit {
        action = Some(Action::apply(change_person(label, &person.id, changed)));
    }
    action
}
