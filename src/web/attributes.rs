//! Settings from the element's attributes (the parsing itself is `crate::settings`, pure and
//! tested natively): the language that applies to the element, its own attributes, and console
//! warnings for values it does not know.

use crate::settings::Settings;
use web_sys::Element;

/// The settings `root` asks for. Its language is the `lang` that applies to it (its own or the
/// nearest ancestor's). Each refused value goes to `warn`.
pub fn settings_from(root: &Element, warn: &mut dyn FnMut(String)) -> Settings {
    let lang = root
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"));
    Settings::from_attributes(lang.as_deref(), |name| root.get_attribute(name), warn)
}

pub fn console_warn(message: String) {
    web_sys::console::warn_1(&message.into());
}
