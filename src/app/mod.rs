//! The eframe glue: a [`Session`] (everything the window works on, headless) and a [`View`]
//! (how the window looks at it). Each frame, [`App::logic`](eframe::App::logic) keeps the
//! window's title, the recovery timer, dropped files and the close button in step with the
//! session; [`App::ui`](eframe::App::ui) draws from a `&Session` and then applies the actions
//! the panels recorded, handing each [`Outcome`](crate::session::Outcome) to the view.

mod native;

pub use native::NativeDialogs;

use crate::session::{Action, FileDialogs, Session, Settings};
use crate::ui::View;
use std::path::{Path, PathBuf};

/// The whole app.
pub struct OrgflowApp {
    /// The document, its history and everything else the window works on.
    pub session: Session,
    /// How the window looks at it.
    pub view: View,
    /// The title last sent to the window: sending it again would cost a repaint.
    shown_title: String,
    /// The window may close now.
    pub allow_close: bool,
    /// "Save changes?" was answered for closing: close the window on the next frame.
    close_now: bool,
}

impl OrgflowApp {
    /// The app with these settings and dialogs, showing the start screen.
    pub fn new(settings: Settings, dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            session: Session::new(settings, dialogs),
            view: View::default(),
            shown_title: String::new(),
            allow_close: false,
            close_now: false,
        }
    }

    /// The app as eframe starts it: settings from storage, native dialogs, maybe a file.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> Self {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        crate::ui::install_fonts(&cc.egui_ctx);
        let mut app = Self::new(settings, Box::new(NativeDialogs::default()));
        if let Some(dir) = eframe::storage_dir("orgflow") {
            app.session
                .use_recovery_file(dir.join("unsaved-changes.json"));
        }
        match files.as_slice() {
            [] => {}
            [file] => app.open(file),
            several => {
                app.session.open_all(several);
                let outcome = app.session.take_outcome();
                app.view.apply(&outcome, &app.session);
            }
        }
        app
    }

    /// Opens a file, as File ▸ Open does (without asking about unsaved changes).
    pub fn open(&mut self, path: &Path) {
        self.session.open(path);
        let outcome = self.session.take_outcome();
        self.view.apply(&outcome, &self.session);
    }

    /// Records an action, as a panel does.
    pub fn act(&mut self, action: Action) {
        self.view.act(action);
    }

    /// Applies the recorded actions, in order; true when there were any, and the window must
    /// be drawn again to show what they changed.
    pub fn apply_actions(&mut self) -> bool {
        let actions = self.view.take_actions();
        let any = !actions.is_empty();
        for action in actions {
            let outcome = self.session.apply(action);
            self.view.apply(&outcome, &self.session);
            if outcome.quit {
                self.close_now = true;
            }
        }
        any
    }
}

impl eframe::App for OrgflowApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let title = self.session.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        if let Some(wait) = self.session.tick_recovery(std::time::Instant::now()) {
            ctx.request_repaint_after(wait);
        }
        // A large org's figures follow an edit from another thread: look for them until they
        // are in.
        if self.session.poll() {
            ctx.request_repaint();
        } else if self.session.is_updating() {
            ctx.request_repaint_after(std::time::Duration::from_millis(25));
        }
        // A file dropped on the window opens (asking first about unsaved changes).
        // Several dropped together open as one org (a UK organogram's senior and junior posts).
        let mut dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        match dropped.len() {
            0 => {}
            1 => self.view.act(Action::Open(dropped.remove(0))),
            _ => self.view.act(Action::OpenFiles(dropped)),
        }
        // Closing with unsaved changes asks first; once answered, the window closes.
        if std::mem::take(&mut self.close_now) {
            self.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if !self.allow_close
            && ctx.input(|i| i.viewport().close_requested())
            && self.session.document.as_ref().is_some_and(|d| d.is_dirty())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.view.act(Action::RequestQuit);
        }
        self.session.prepare();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        crate::ui::show(&self.session, &mut self.view, ui);
        if self.apply_actions() {
            ui.ctx().request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.session.settings);
    }

    fn on_exit(&mut self) {
        // Unsaved changes survive a normal exit too: the next start offers them back.
        self.session.write_recovery();
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        crate::ui::canvas::color(crate::theme::CANVAS).to_normalized_gamma_f32()
    }
}
