//! The keyboard shortcuts, shown in the menus and handled in one place.

use super::View;
use crate::session::{Action, Session};
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

pub(super) fn keyboard(session: &Session, view: &mut View, ctx: &egui::Context) {
    if ctx.input_mut(|i| i.consume_shortcut(&OPEN)) {
        view.act(Action::OpenDialog);
    }
    if ctx.input_mut(|i| i.consume_shortcut(&FIND)) {
        view.focus_search = true;
    }
    if ctx.input_mut(|i| i.consume_shortcut(&FIT)) {
        view.act(Action::FitAll);
    }
    if session.document.is_some() && ctx.input_mut(|i| i.consume_shortcut(&EXPORT)) {
        view.act(Action::OpenExportDialog);
    }
    // Longer shortcuts first: Ctrl+Shift+S would also match Ctrl+S.
    if ctx.input_mut(|i| i.consume_shortcut(&SAVE_AS)) {
        view.act(Action::SaveAs);
    } else if ctx.input_mut(|i| i.consume_shortcut(&SAVE)) {
        view.act(Action::Save);
    }
    // While a text field has focus, Ctrl+Z and the arrows belong to it.
    if ctx.memory(|m| m.focused().is_none()) {
        navigation(session, view, ctx);
        if ctx.input_mut(|i| i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y)) {
            view.act(Action::Redo);
        } else if ctx.input_mut(|i| i.consume_shortcut(&UNDO)) {
            view.act(Action::Undo);
        }
    }
}

/// The keys that walk the hierarchy: arrows go to the manager, the first report and the peers;
/// Enter opens the inspector's fields; Delete asks to delete; Escape clears the selection.
fn navigation(session: &Session, view: &mut View, ctx: &egui::Context) {
    use crate::session::Step;
    if session.document.is_none() || session.confirm_delete.is_some() || session.pending.is_some() {
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
            view.act(Action::Step(step));
        }
    }
    let person = session.selection.as_ref().and_then(|s| s.person()).cloned();
    if key(Key::Enter) && session.selection.is_some() {
        view.act(Action::FocusInspector);
    }
    if (key(Key::Delete) || key(Key::Backspace))
        && let Some(person) = person
    {
        view.act(Action::AskDelete(person));
    }
    if session.selection.is_some() && ctx.input_mut(|i| i.consume_shortcut(&ZOOM_TO_SELECTION)) {
        view.act(Action::FrameSelection);
    }
    if key(Key::Escape) {
        view.act(Action::Select(None));
    }
}
