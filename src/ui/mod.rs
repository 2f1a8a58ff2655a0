//! The questionnaire in the browser: Yew function components over [`crate::questionnaire`].
//!
//! `App` owns the flow (a reducer, `state.rs`) and hands the reader's settings (language,
//! region, heading level) down; `components/` renders each part of a screen, as a plain
//! function where the part keeps no state of its own (a Yew component type costs the wasm its
//! generic code), else as a component (the result, drawn in three parts; the keep panel).

mod app;
mod components;
mod keep;
mod later;
mod page;
mod state;

pub use crate::settings::{Settings, Theme};
pub use app::{App, AppProps};
