//! The embedding layer: how the checker gets into a page and talks to it.
//!
//! - `start`: the standalone page (`www/index.html`) has one `<div id="b12-cramp-check">`; its
//!   `data-region`, `data-theme` and `data-heading-level` and the page's `lang` pick the settings.
//! - [`element`]: the `<b12-cramp-check>` custom element's Rust half (the JS half, which defines
//!   the element and its shadow root, is `www/embed/loader.js`).
//! - [`api`]: `evaluate(answers)` for scripts, and the "complete" event sent to the host.
//! - [`attributes`]: reading settings from attributes, falling back with a console warning.

mod api;
mod attributes;
mod element;

use crate::ui::{App, AppProps};
use attributes::{console_warn, settings_from, Names};
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(start)]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.get_element_by_id("b12-cramp-check") {
        let props = app_props(&root, &Names::DATA, &mut console_warn);
        // The page's loading message gives way to the checker.
        root.set_inner_html("");
        yew::Renderer::<App>::with_root_and_props(root, props).render();
    }
}

/// The app for `root`: its settings from its attributes, and its results sent as events.
fn app_props(root: &Element, names: &'static Names, warn: &mut dyn FnMut(String)) -> AppProps {
    AppProps {
        settings: settings_from(root, names, warn),
        on_complete: api::complete_event_sender(root.clone(), names),
    }
}
