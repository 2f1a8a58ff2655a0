//! Mounting the checker in a page. The standalone page (`www/index.html`) has one element with
//! the id `b12-cramp-check`; its `data-region` and `data-heading-level` attributes and the page's
//! `lang` pick the settings, falling back to the defaults with a console warning.

use crate::pack::{region_index, Texts};
use crate::ui::{App, AppProps, Settings};
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(start)]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.get_element_by_id("b12-cramp-check") {
        let lang = document
            .document_element()
            .and_then(|html| html.get_attribute("lang"));
        let settings = settings_from(&root, lang.as_deref());
        // The page's loading message gives way to the checker.
        root.set_inner_html("");
        yew::Renderer::<App>::with_root_and_props(root, AppProps { settings }).render();
    }
}

fn settings_from(root: &Element, lang: Option<&str>) -> Settings {
    let mut settings = Settings::default();
    if let Some(code) = lang {
        // "en-GB" uses "en".
        let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
        match Texts::for_language(&primary) {
            Some(texts) => settings.texts = texts,
            None => warn(&format!(
                "b12-cramp-check: no texts for language \"{code}\"; using {}",
                settings.texts.code
            )),
        }
    }
    if let Some(region) = root.get_attribute("data-region") {
        match region_index(&region) {
            Some(index) => settings.region = index,
            None => warn(&format!(
                "b12-cramp-check: unknown region \"{region}\"; using the default"
            )),
        }
    }
    if let Some(level) = root.get_attribute("data-heading-level") {
        match level.parse::<u8>() {
            Ok(level @ 1..=6) => settings.heading_level = level,
            _ => warn(&format!(
                "b12-cramp-check: heading level \"{level}\" is not 1 to 6; using 2"
            )),
        }
    }
    settings
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}
