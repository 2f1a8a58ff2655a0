//! Settings from attributes. A value the checker does not know falls back to the default with
//! one console warning that names the attribute and the value; nothing fails.

use crate::pack::{region_index, Texts, PACK};
use crate::ui::{Settings, Theme};
use web_sys::Element;

/// The attribute names: plain on the custom element, `data-` on the standalone page's `<div>`.
pub struct Names {
    pub region: &'static str,
    pub theme: &'static str,
    pub heading_level: &'static str,
    pub share_answers: &'static str,
}

impl Names {
    pub const ELEMENT: Names = Names {
        region: "region",
        theme: "theme",
        heading_level: "heading-level",
        share_answers: "share-answers",
    };
    pub const DATA: Names = Names {
        region: "data-region",
        theme: "data-theme",
        heading_level: "data-heading-level",
        share_answers: "data-share-answers",
    };
}

/// The settings `root` asks for. Its language is the `lang` that applies to it (its own or the
/// nearest ancestor's). Each refused value goes to `warn`.
pub fn settings_from(root: &Element, names: &Names, warn: &mut dyn FnMut(String)) -> Settings {
    let mut settings = Settings::default();
    let lang = root
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"));
    if let Some(code) = lang.as_deref().filter(|code| !code.is_empty()) {
        // "en-GB" uses "en".
        let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
        match Texts::for_language(&primary) {
            Some(texts) => settings.texts = texts,
            None => warn(format!(
                "b12-cramp-check: no texts for lang=\"{code}\"; using \"{}\"",
                settings.texts.code
            )),
        }
    }
    if let Some(region) = root.get_attribute(names.region) {
        match region_index(&region) {
            Some(index) => settings.region = index,
            None => warn(format!(
                "b12-cramp-check: unknown {}=\"{region}\" (use one of {}); using the default",
                names.region,
                PACK.regions.join(", ")
            )),
        }
    }
    if let Some(theme) = root.get_attribute(names.theme) {
        match Theme::ALL.into_iter().find(|t| t.id() == theme) {
            Some(known) => settings.theme = known,
            None => warn(format!(
                "b12-cramp-check: unknown {}=\"{theme}\" (use one of {}); using auto",
                names.theme,
                Theme::ALL.map(Theme::id).join(", ")
            )),
        }
    }
    if let Some(level) = root.get_attribute(names.heading_level) {
        match level.parse::<u8>() {
            Ok(level @ 1..=6) => settings.heading_level = level,
            _ => warn(format!(
                "b12-cramp-check: {}=\"{level}\" is not 1 to 6; using 2",
                names.heading_level
            )),
        }
    }
    settings
}

pub fn console_warn(message: String) {
    web_sys::console::warn_1(&message.into());
}
