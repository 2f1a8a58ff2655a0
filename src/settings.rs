//! What the host chose for a checker: language, region, colour theme, heading level, and
//! whether it receives the answers; read from the element's attributes, where an unknown value
//! falls back (to the default, or for `region` to the language's) with one warning that names
//! the attribute, (a short prefix of) the value and what is used instead. Pure, so that it is
//! tested and fuzzed natively; `web/attributes.rs` feeds it the element's attributes.
//! `share-answers` alone is the loader's to read (`www/embed/loader.js`): what it means depends
//! on the element's life, which only the loader sees whole (restarts included).

use crate::engine::shortened;
use crate::pack::{default_texts, region_index, texts_for, Texts, PACK};

/// The attributes the element reads, besides `lang` (which may come from an ancestor).
pub const REGION: &str = "region";
pub const THEME: &str = "theme";
pub const HEADING_LEVEL: &str = "heading-level";
/// The heading levels `heading-level` takes.
pub const HEADING_LEVELS: std::ops::RangeInclusive<u8> = 1..=6;
/// The host's opt-in to receive the reader's answers with the complete event (read by the
/// loader, see the module's comment).
pub const SHARE_ANSWERS: &str = "share-answers";
/// The host's opt-in to let the checker own the page's history and title: each screen becomes
/// a browser history entry (Back and Forward move between steps) and the title names the screen.
/// For a page that is the checker (the standalone page, the single file), never an article's.
pub const HISTORY: &str = "history";
/// Every attribute of the element's own: all but `lang`, which may come from an ancestor.
/// `Settings::from_attributes` reads each but `share-answers` (a test checks).
/// `interface::ATTRIBUTES` declares `lang` and these, in this order (its test checks), and the
/// loader observes the names the build takes from there.
pub const OWN_ATTRIBUTES: [&str; 5] = [REGION, THEME, HEADING_LEVEL, SHARE_ANSWERS, HISTORY];

/// What the host (page or element) chose: language, region, colour theme, the level of the top
/// heading, and whether it receives the answers and owns the page's history.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub texts: &'static Texts,
    pub region: usize,
    pub theme: Theme,
    /// The level of the checker's own top heading (2 means `<h2>`), so it fits the page outline.
    pub heading_level: u8,
    /// The host receives the reader's answers with the complete event (it opted in); the
    /// checker says so on screen. Never from the attributes: the element sets it as the loader
    /// says.
    pub shares_answers: bool,
    /// The checker owns the page's history and title (the host opted in).
    pub owns_history: bool,
}

/// Light or dark colours; `Auto` follows the reader's system setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The attribute value, also used by the stylesheet (`data-theme`).
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            texts: default_texts(),
            region: PACK.default_region,
            theme: Theme::Auto,
            heading_level: 2,
            shares_answers: false,
            owns_history: false,
        }
    }
}

impl PartialEq for Settings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.texts, other.texts)
            && self.region == other.region
            && self.theme == other.theme
            && self.heading_level == other.heading_level
            && self.shares_answers == other.shares_answers
            && self.owns_history == other.owns_history
    }
}

impl Settings {
    /// The settings the attributes ask for: `lang` is the language that applies (the element's
    /// or the nearest ancestor's), `attribute` looks up the element's own. Each refused value
    /// goes to `warn`.
    pub fn from_attributes(
        lang: Option<&str>,
        attribute: impl Fn(&str) -> Option<String>,
        warn: &mut dyn FnMut(String),
    ) -> Settings {
        let mut settings = Settings::default();
        if let Some(region) = lang.and_then(region_of_language) {
            settings.region = region;
        }
        if let Some(code) = lang.filter(|code| !code.is_empty()) {
            match texts_of_language(code) {
                Some(texts) => settings.texts = texts,
                None => warn(format!(
                    "b12-cramp-check: no texts for lang=\"{}\"; using \"{}\"",
                    shortened(code),
                    settings.texts.code
                )),
            }
        }
        if let Some(region) = attribute(REGION) {
            match region_index(&region) {
                Some(index) => settings.region = index,
                // The language's region, if it named one, else the pack's default.
                None => warn(format!(
                    "b12-cramp-check: unknown {REGION}=\"{}\" (use one of {}); using \"{}\"",
                    shortened(&region),
                    PACK.regions.join(", "),
                    PACK.regions[settings.region]
                )),
            }
        }
        if let Some(theme) = attribute(THEME) {
            match Theme::ALL.into_iter().find(|t| t.id() == theme) {
                Some(known) => settings.theme = known,
                // Literal defaults in these messages: fewer bytes of formatting in the wasm; a
                // test checks them against `Settings::default()`.
                None => warn(format!(
                    "b12-cramp-check: unknown {THEME}=\"{}\" (use one of {}); using auto",
                    shortened(&theme),
                    Theme::ALL.map(Theme::id).join(", ")
                )),
            }
        }
        if let Some(level) = attribute(HEADING_LEVEL) {
            match level.parse::<u8>() {
                Ok(level) if HEADING_LEVELS.contains(&level) => settings.heading_level = level,
                _ => warn(format!(
                    "b12-cramp-check: {HEADING_LEVEL}=\"{}\" is not 1 to 6; using 2",
                    shortened(&level)
                )),
            }
        }
        settings.owns_history = attribute(HISTORY).is_some();
        settings
    }

    /// A text with its region placeholders filled in.
    pub fn fill(&self, text: &str) -> String {
        self.texts.fill(text, self.region)
    }

    /// The tag of a heading `depth` levels below the checker's top heading (`h2`, `h3`, ...).
    pub fn heading(&self, depth: u8) -> String {
        format!("h{}", (self.heading_level + depth).clamp(1, 6))
    }
}

/// Countries of the European Union, whose emergency number is 112 (the pack's region `eu`).
const EU_COUNTRIES: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// The texts of a language tag's language: "en-GB" (or "en_GB", as locales are often written)
/// uses "en".
pub fn texts_of_language(tag: &str) -> Option<&'static Texts> {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    texts_for(&primary.to_ascii_lowercase())
}

/// The region a language tag's region subtag names (`en-GB` uk, `en-US` and `es-US` us,
/// `es-ES` and `de-AT` eu), if the pack has it; `None` for a tag without a country or another
/// country (`es-MX`, `es-419`), which keeps the pack's default (`intl`, every common number).
pub fn region_of_language(lang: &str) -> Option<usize> {
    // The region subtag is the first later subtag of two letters ("zh-Hant-TW": TW).
    let country = lang
        .split(['-', '_'])
        .skip(1)
        .find(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))?
        .to_ascii_uppercase();
    let region = match country.as_str() {
        "GB" | "UK" => "uk",
        "US" => "us",
        c if EU_COUNTRIES.contains(&c) => "eu",
        _ => return None,
    };
    region_index(region)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lang: Option<&str>, attributes: &[(&str, &str)]) -> (Settings, Vec<String>) {
        let mut warnings = Vec::new();
        let settings = Settings::from_attributes(
            lang,
            |name| {
                attributes
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            },
            &mut |w| warnings.push(w),
        );
        (settings, warnings)
    }

    #[test]
    fn known_values_apply_and_unknown_ones_fall_back_with_one_short_warning_each() {
        let (settings, warnings) = read(
            Some("en-GB"),
            &[
                (REGION, "uk"),
                (THEME, "dark"),
                (HEADING_LEVEL, "3"),
                (HISTORY, ""),
            ],
        );
        assert!(warnings.is_empty());
        assert!(settings.owns_history);
        assert_eq!(
            (
                settings.texts.code,
                settings.region,
                settings.theme,
                settings.heading_level
            ),
            ("en", region_index("uk").unwrap(), Theme::Dark, 3)
        );
        let huge = "x".repeat(100_000);
        let (settings, warnings) = read(
            Some(&huge),
            &[(REGION, &huge), (THEME, "neon"), (HEADING_LEVEL, "9")],
        );
        assert_eq!(settings, Settings::default());
        assert_eq!(warnings.len(), 4);
        // The messages' literal defaults and range are the real ones.
        let default = Settings::default();
        assert!(warnings.contains(&format!(
            r#"b12-cramp-check: {HEADING_LEVEL}="9" is not {} to {}; using {}"#,
            HEADING_LEVELS.start(),
            HEADING_LEVELS.end(),
            default.heading_level
        )));
        let theme_used = format!("; using {}", default.theme.id());
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(THEME) && w.ends_with(&theme_used)),
            "{warnings:?}"
        );
        assert!(warnings.iter().all(|w| w.len() < 200), "{warnings:?}");
    }

    #[test]
    fn the_region_follows_the_language_unless_the_host_names_one() {
        let region = |lang: &str, attributes: &[(&str, &str)]| {
            let (settings, warnings) = read(Some(lang), attributes);
            assert!(!warnings.iter().any(|w| w.contains(REGION)), "{warnings:?}");
            PACK.regions[settings.region]
        };
        assert_eq!(region("en-GB", &[]), "uk");
        assert_eq!(region("en-US", &[]), "us");
        assert_eq!(region("es-US", &[]), "us");
        assert_eq!(region("es-ES", &[]), "eu");
        assert_eq!(region("es-es", &[]), "eu");
        assert_eq!(region("es_ES", &[]), "eu");
        assert_eq!(region("de-AT", &[]), "eu");
        assert_eq!(region("zh-Hant-TW", &[]), "intl");
        for lang in ["es", "en", "es-MX", "es-419", "x", ""] {
            assert_eq!(region(lang, &[]), "intl", "{lang}");
        }
        // The attribute still wins.
        assert_eq!(region("es-ES", &[(REGION, "us")]), "us");
        assert_eq!(region("en-GB", &[(REGION, "intl")]), "intl");
        // An unknown region falls back to the language's, with a warning that names it.
        let (settings, warnings) = read(Some("en-GB"), &[(REGION, "mars")]);
        assert_eq!((PACK.regions[settings.region], warnings.len()), ("uk", 1));
        assert!(warnings[0].ends_with(r#"using "uk""#), "{warnings:?}");
    }

    #[test]
    fn spanish_tags_use_the_spanish_texts() {
        for lang in ["es", "es-ES", "es-US", "es-MX", "ES-419", "es_ES"] {
            assert_eq!(read(Some(lang), &[]).0.texts.code, "es", "{lang}");
        }
        assert_eq!(read(Some("en-US"), &[]).0.texts.code, "en");
    }

    #[test]
    fn the_settings_read_every_own_attribute_but_share_answers() {
        let asked = std::cell::RefCell::new(Vec::new());
        Settings::from_attributes(
            None,
            |name| {
                asked.borrow_mut().push(name.to_string());
                None
            },
            &mut |_| {},
        );
        let read: Vec<_> = OWN_ATTRIBUTES
            .into_iter()
            .filter(|name| *name != SHARE_ANSWERS)
            .collect();
        assert_eq!(asked.into_inner(), read);
    }
}
