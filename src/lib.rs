//! orgflow: see where decisions funnel through one person.
//!
//! The library holds the model of an org ([`model`]), its file formats ([`io`]) and the
//! analysis of how decisions flow in two readings of the same org ([`analysis`]): up the
//! reporting hierarchy, or straight to whoever holds the right to decide. None of it depends
//! on a GUI, so everything is tested headless.

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod edit;
pub mod export;
pub mod format;
pub mod generate;
pub mod io;
pub mod layout;
pub mod model;
pub mod scenario;
pub mod scene;
pub mod session;
pub mod theme;
#[cfg(feature = "gui")]
pub mod ui;
pub mod work;
