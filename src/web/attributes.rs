//! Settings from attributes. A value the checker does not know falls back to the default with
//! one console warning that names the attribute and the value; nothing fails.

use crate::pack::{region_index, Texts, PACK};
use crate::ui::{Settings, Theme};
use web_sys::Element;

const REGION: &str = "region";
const THEME: &str = "theme";
const HEADING_LEVEL: &str = "heading-level";
/// The host's opt-in to receive the reader's answers with the complete event.
const SHARE_ANSWERS: &str = "share-answers";

/// The settings `root` asks for. Its language is the `lang` that applies to it (its own or the
/// nearest ancestor's). Each refused value goes to `warn`.
pub fn settings_from(root: &Element, warn: &mut dyn FnMut(String)) -> Settings {
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
    if let Some(region) = root.get_attribute(REGION) {
        match region_index(&region) {
            Some(index) => settings.region = index,
            None => warn(format!(
                "b12-cramp-check: unknown {}=\"{region}\" (use one of {}); using the default",
                REGION,
                PACK.regions.join(", ")
            )),
        }
    }
    if let Some(theme) = root.get_attribute(THEME) {
        match Theme::ALL.into_iter().find(|t| t.id() == theme) {
            Some(known) => settings.theme = known,
            None => warn(format!(
                "b12-cramp-check: unknown {}=\"{theme}\" (use one of {}); using auto",
                THEME,
                Theme::ALL.map(Theme::id).join(", ")
            )),
        }
    }
    if let Some(level) = root.get_attribute(HEADING_LEVEL) {
        match level.parse::<u8>() {
            Ok(level @ 1..=6) => settings.heading_level = level,
            _ => warn(format!(
                "b12-cramp-check: {}=\"{level}\" is not 1 to 6; using 2",
                HEADING_LEVEL
            )),
        }
    }
    settings.shares_answers = root.has_attribute(SHARE_ANSWERS);
    settings
}

pub fn console_warn(message: String) {
    web_sys::console::warn_1(&message.into());
}
