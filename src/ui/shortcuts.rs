//! The keyboard shortcuts, shown in the menus and handled in one place.

use crate::app::{Action, OrgflowApp};
use egui::{Key, KeyboardShortcut, Modifiers};

pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
pub const FIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);
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
    // While a text field has focus, Ctrl+Z belongs to it.
    if ctx.memory(|m| m.focused().is_none()) {
        if ctx.input_mut(|i| i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y)) {
            app.act(Action::Redo);
        } else if ctx.input_mut(|i| i.consume_shortcut(&UNDO)) {
            app.act(Action::Undo);
        }
    }
}
