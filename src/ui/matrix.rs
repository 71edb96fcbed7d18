//! The decision-rights matrix: domains down the side, people, titles or teams across, a letter
//! in each cell. A click (or D, A, C, Delete on a focused cell) is one undo step, and the
//! figures above update at once.

use super::{MatrixColumn, MatrixState, View};
use crate::edit::{Right, common_right, next_right, set_rights};
use crate::model::{Decision, PersonId};
use crate::session::{Action, Document, Session};
use egui::{Key, RichText, Ui};

/// At most this many columns are drawn; the filter narrows the rest.
const MAX_COLUMNS: usize = 60;
/// At most this many suggestions under "Add a column".
const MAX_SUGGESTIONS: usize = 12;

/// The matrix, docked under the views while it is open.
pub(super) fn matrix_panel(session: &Session, view: &mut View, ui: &mut Ui) {
    if !view.matrix.open {
        return;
    }
    let mut actions = Vec::new();
    let matrix = &mut view.matrix;
    let Some(doc) = session.document.as_ref() else {
        return;
    };
    let open = super::docked(ui, "matrix", "Decision rights", 360.0, false, |ui| {
        controls(doc, matrix, ui, &mut actions);
        ui.separator();
        grid(doc, matrix, ui, &mut actions);
    });
    view.matrix.open = open;
    for action in actions {
        view.act(action);
    }
}

fn letter(right: Option<Right>) -> &'static str {
    match right {
        Some(Right::Decides) => "D",
        Some(Right::Approves) => "A",
        Some(Right::Consulted) => "C",
        None => "·",
    }
}

fn word(right: Option<Right>) -> &'static str {
    right.map_or("no right", |r| r.word())
}

/// Who a column stands for, and its heading.
fn members(doc: &Document, column: &MatrixColumn) -> (Vec<PersonId>, String, String) {
    let org = &doc.org;
    match column {
        MatrixColumn::Person(id) => {
            let person = org.person(id.as_str());
            (
                vec![id.clone()],
                person.map_or(id.0.clone(), |p| p.display_name().to_owned()),
                person.map_or(String::new(), |p| p.title.clone()),
            )
        }
        MatrixColumn::Title(title) => (
            org.people
                .iter()
                .filter(|p| &p.title == title)
                .map(|p| p.id.clone())
                .collect(),
            format!("All: {title}"),
            "everybody with this title".to_owned(),
        ),
        MatrixColumn::Team(team) => (
            org.people
                .iter()
                .filter(|p| &p.team == team)
                .map(|p| p.id.clone())
                .collect(),
            format!("Team: {team}"),
            "everybody in this team".to_owned(),
        ),
    }
}

/// The columns shown: holders of any right (or everybody), then the added ones, filtered.
fn columns(doc: &Document, matrix: &MatrixState) -> (Vec<MatrixColumn>, usize) {
    let org = &doc.org;
    let holds = |id: &PersonId| {
        org.decisions
            .iter()
            .any(|d| d.decides.contains(id) || d.approves.contains(id) || d.consulted.contains(id))
    };
    let mut all: Vec<MatrixColumn> = org
        .people
        .iter()
        .filter(|p| !matrix.only_holders || holds(&p.id))
        .map(|p| MatrixColumn::Person(p.id.clone()))
        .collect();
    for added in &matrix.added {
        if !all.contains(added) {
            all.push(added.clone());
        }
    }
    let needle = matrix.filter.trim().to_lowercase();
    let shown: Vec<MatrixColumn> = all
        .into_iter()
        .filter(|c| {
            if needle.is_empty() {
                return true;
            }
            let (_, name, title) = members(doc, c);
            let team = match c {
                MatrixColumn::Person(id) => org.person(id.as_str()).map_or("", |p| p.team.as_str()),
                _ => "",
            };
            [name.as_str(), title.as_str(), team]
                .iter()
                .any(|t| t.to_lowercase().contains(&needle))
        })
        .collect();
    let total = shown.len();
    (shown.into_iter().take(MAX_COLUMNS).collect(), total)
}

fn controls(doc: &Document, matrix: &mut MatrixState, ui: &mut Ui, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Filter columns");
        ui.add(
            egui::TextEdit::singleline(&mut matrix.filter)
                .hint_text("name, title or team")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        ui.checkbox(&mut matrix.only_holders, "Only people who hold a right");
        if ui.button("Add a decision domain").clicked() {
            actions.push(Action::AddMatrixDomain);
        }
        if let Some(k) = super::menus::template_menu(ui) {
            actions.push(Action::ApplyTemplate(k));
        }
        if ui.button("Import a rights sheet…").clicked() {
            actions.push(Action::ImportRightsDialog);
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Add a column");
        ui.add(
            egui::TextEdit::singleline(&mut matrix.search)
                .hint_text("a person, a job title or a team")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        ui.label(
            RichText::new("Each click on a cell moves it on: · (no right), D decides, A approves, C consulted, then · again. Or focus a cell and press D, A, C or Delete.")
                .small()
                .weak(),
        );
    });
    let needle = matrix.search.trim().to_lowercase();
    if needle.is_empty() {
        return;
    }
    let mut suggestions: Vec<(MatrixColumn, String)> = Vec::new();
    let mut titles = std::collections::BTreeSet::new();
    let mut teams = std::collections::BTreeSet::new();
    for p in &doc.org.people {
        if suggestions.len() < MAX_SUGGESTIONS && p.display_name().to_lowercase().contains(&needle)
        {
            suggestions.push((
                MatrixColumn::Person(p.id.clone()),
                format!("{} ({})", p.display_name(), p.title),
            ));
        }
        if p.title.to_lowercase().contains(&needle) {
            titles.insert(p.title.clone());
        }
        if p.team.to_lowercase().contains(&needle) {
            teams.insert(p.team.clone());
        }
    }
    for t in titles.into_iter().take(MAX_SUGGESTIONS / 2) {
        suggestions.push((
            MatrixColumn::Title(t.clone()),
            format!("Everybody titled {t}"),
        ));
    }
    for t in teams.into_iter().take(MAX_SUGGESTIONS / 2) {
        suggestions.push((
            MatrixColumn::Team(t.clone()),
            format!("Everybody in team {t}"),
        ));
    }
    ui.horizontal_wrapped(|ui| {
        if suggestions.is_empty() {
            ui.label(RichText::new("Nobody matches").weak());
        }
        for (column, text) in suggestions {
            if ui.small_button(format!("Add {text}")).clicked() {
                if !matrix.added.contains(&column) {
                    matrix.added.push(column);
                }
                matrix.search.clear();
            }
        }
    });
}

fn grid(doc: &Document, matrix: &mut MatrixState, ui: &mut Ui, actions: &mut Vec<Action>) {
    if doc.org.decisions.is_empty() {
        ui.label(
            "No decision domains yet: add one, start from a template, or import a rights sheet.",
        );
        return;
    }
    let (shown, total) = columns(doc, matrix);
    if total > shown.len() {
        ui.label(
            RichText::new(format!(
                "Showing {} of {total} columns; filter to find the others.",
                shown.len()
            ))
            .weak(),
        );
    }
    let heads: Vec<(MatrixColumn, Vec<PersonId>, String, String)> = shown
        .into_iter()
        .map(|c| {
            let (people, name, title) = members(doc, &c);
            (c, people, name, title)
        })
        .collect();
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("rights-matrix")
            .striped(true)
            .spacing([6.0, 4.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Decision domain").strong());
                ui.label(RichText::new("a month").strong());
                ui.label(RichText::new("raised by").strong());
                for (_, people, name, title) in &heads {
                    let short: String = name.chars().take(14).collect();
                    ui.label(RichText::new(short).small().strong())
                        .on_hover_text(format!("{name}\n{title}\n{} people", people.len()));
                }
                ui.end_row();
                for d in &doc.org.decisions {
                    domain_row(doc, d, &heads, matrix, ui, actions);
                    ui.end_row();
                }
            });
    });
}

fn domain_row(
    doc: &Document,
    d: &Decision,
    heads: &[(MatrixColumn, Vec<PersonId>, String, String)],
    matrix: &mut MatrixState,
    ui: &mut Ui,
    actions: &mut Vec<Action>,
) {
    let undecided = d.decides.is_empty();
    let name = if undecided {
        RichText::new(&d.name).italics()
    } else {
        RichText::new(&d.name)
    };
    ui.label(name).on_hover_text(if undecided {
        "Nobody may decide this yet"
    } else {
        "Select it in the network to rename or delete it"
    });
    let rate = matrix
        .rate_drafts
        .entry(d.id.clone())
        .or_insert(d.per_month);
    let response = ui
        .add(egui::DragValue::new(rate).range(0.0..=100_000.0).speed(0.5))
        .on_hover_text(format!("How often {} comes up in a month", d.name));
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::WidgetType::DragValue,
            true,
            format!("{} a month", d.name),
        )
    });
    // One step a gesture: the draft goes to the document once the typed number is left
    // (Enter, Tab, a click elsewhere) or the drag ends, never per keystroke or pixel.
    let rate = *rate;
    if !response.has_focus() && !response.dragged() {
        matrix.rate_drafts.remove(&d.id);
        if rate != d.per_month {
            let mut changed = d.clone();
            changed.per_month = rate;
            actions.push(Action::apply(crate::edit::change_domain(
                format!(
                    "make {} come up {} times a month",
                    d.name,
                    crate::analysis::trim_number(rate)
                ),
                &d.id,
                changed,
            )));
        }
    }
    let draft = matrix
        .raised_drafts
        .entry(d.id.clone())
        .or_insert_with(|| d.raised_by.as_deref().unwrap_or_default().join("; "));
    let raised = ui
        .add(
            egui::TextEdit::singleline(draft)
                .hint_text("everyone")
                .desired_width(150.0),
        )
        .on_hover_text("Teams or person ids, separated by ;");
    raised.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::WidgetType::TextEdit,
            true,
            format!("{} raised by", d.name),
        )
    });
    if raised.lost_focus() {
        let list: Vec<String> = draft
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if list != d.raised_by.clone().unwrap_or_default() {
            let mut changed = d.clone();
            changed.raised_by = (!list.is_empty()).then_some(list);
            actions.push(Action::apply(crate::edit::change_domain(
                format!("change who raises {}", d.name),
                &d.id,
                changed,
            )));
        }
        matrix.raised_drafts.remove(&d.id);
    }
    for (_, people, name, _) in heads {
        let now = common_right(d, people);
        let mixed = now.is_none()
            && people.iter().any(|p| {
                d.decides.contains(p) || d.approves.contains(p) || d.consulted.contains(p)
            });
        let text = if mixed { "~" } else { letter(now) };
        let button = egui::Button::new(RichText::new(text).monospace().strong())
            .min_size(egui::vec2(26.0, 20.0));
        let response = ui.add(button).on_hover_text(format!(
            "{name}: {} {} — click for {}",
            if mixed { "mixed rights in" } else { word(now) },
            d.name,
            word(next_right(now))
        ));
        let label = format!(
            "{}, {name}: {}",
            d.name,
            if mixed { "mixed" } else { word(now) }
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &label));
        let mut wanted = None;
        if response.clicked() {
            wanted = Some(next_right(now));
        } else if response.has_focus() {
            ui.input(|i| {
                if i.key_pressed(Key::D) {
                    wanted = Some(Some(Right::Decides));
                } else if i.key_pressed(Key::A) {
                    wanted = Some(Some(Right::Approves));
                } else if i.key_pressed(Key::C) {
                    wanted = Some(Some(Right::Consulted));
                } else if i.key_pressed(Key::Delete) || i.key_pressed(Key::Backspace) {
                    wanted = Some(None);
                }
            });
        }
        if let Some(right) = wanted
            && let Ok(command) = set_rights(&doc.org, &d.id, people, right, name)
        {
            actions.push(Action::apply(command));
        }
    }
}
