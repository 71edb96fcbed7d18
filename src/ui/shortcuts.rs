//! The keyboard shortcuts, shown in the menus and handled in one place.

use crate::app::{Action, OrgflowApp};
use egui::{Key, KeyboardShortcut, Modifiers};

pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
pub const FIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);
/// Frames the selection in both views (no modifier: only while no text field has the keys).
pub const ZOOM_TO_SELECTION: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F);
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);

pub(super) fn keyboard(app: &mut OrgflowApp, ctx: &egui::Context) {
    if ctx.input_mut(|i| i.consume_shortcut(&OPEN)) {
        app.act(Action::OpenDialog);
    }
    if ctx.input_mut(|i| i.consume_shortcut(&FIND)) {
        app.focus_search = true;
    }
    if ctx.input_mut(|i| i.consume_shortcut(&FIT)) {
        app.act(Action::FitAll);
    }
    if app.document.is_some() && ctx.input_mut(|i| i.consume_shortcut(&EXPORT)) {
        app.act(Action::OpenExportDialog);
    }
    // Longer shortcuts first: Ctrl+Shift+S would also match Ctrl+S.
    if ctx.input_mut(|i| i.consume_shortcut(&SAVE_AS)) {
        app.act(Action::SaveAs);
    } else if ctx.input_mut(|i| i.consume_shortcut(&SAVE)) {
        app.act(Action::Save);
    }
    // While a text field has focus, Ctrl+Z and the arrows belong to it.
    if ctx.memory(|m| m.focused().is_none()) {
        navigation(app, ctx);
        if ctx.input_mut(|i| i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y)) {
            app.act(Action::Redo);
        } else if ctx.input_mut(|i| i.consume_shortcut(&UNDO)) {
            app.act(Action::Undo);
        }
    }
}

/// The keys that walk the hierarchy: arrows go to the manager, the first report and the peers;
/// Enter opens the inspector's fields; Delete asks to delete; Escape clears the selection.
fn navigation(app: &mut OrgflowApp, ctx: &egui::Context) {
    use crate::app::Step;
    if app.document.is_none() || app.confirm_delete.is_some() || app.pending.is_some() {
        return;
    }
    // A menu or popup that is open takes the keys (Escape closes it).
    if egui::Popup::is_any_open(ctx) {
        return;
    }
    let key = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
    let steps = [
        (Key::ArrowUp, Step::Manager),
        (Key::ArrowDown, Step::Report),
        (Key::ArrowLeft, Step::PreviousPeer),
        (Key::ArrowRight, Step::NextPeer),
    ];
    for (k, step) in steps {
        if key(k) {
            app.act(Action::Step(step));
        }
    }
    let person = app.selection.as_ref().and_then(|s| s.person()).cloned();
    if key(Key::Enter) && app.selection.is_some() {
        app.act(Action::FocusInspector);
    }
    if (key(Key::Delete) || key(Key::Backspace))
        && let Some(person) = person
    {
        app.act(Action::AskDelete(person));
    }
    if app.selection.is_some() && ctx.input_mut(|i| i.consume_shortcut(&ZOOM_TO_SELECTION)) {
        app.act(Action::FrameSelection);
    }
    if key(Key::Escape) {
        app.act(Action::Select(None));
    }
}
