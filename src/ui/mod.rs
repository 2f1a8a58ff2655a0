//! The questionnaire in the browser: Yew function components over [`crate::questionnaire`].
//!
//! `App` owns the flow (a reducer, `state.rs`) and provides the reader's settings (language,
//! region, heading level) as context; `components/` holds one small component per screen part.

mod app;
mod components;
mod keep;
mod later;
mod page;
mod state;

pub use crate::settings::{Settings, Theme};
pub use app::{App, AppProps};
