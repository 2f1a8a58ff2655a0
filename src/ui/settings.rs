use crate::pack::{Texts, DEFAULT_REGION};

/// What the host (page or element) chose: language, region, colour theme and the level of the
/// top heading.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub texts: &'static Texts,
    pub region: usize,
    pub theme: Theme,
    /// The level of the checker's own top heading (2 means `<h2>`), so it fits the page outline.
    pub heading_level: u8,
    /// The host receives the reader's answers with the complete event (it opted in); the
    /// checker says so on screen.
    pub shares_answers: bool,
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
            texts: Texts::default_language(),
            region: DEFAULT_REGION,
            theme: Theme::Auto,
            heading_level: 2,
            shares_answers: false,
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
    }
}

impl Settings {
    /// A text with its region placeholders filled in.
    pub fn fill(&self, text: &str) -> String {
        self.texts.fill(text, self.region)
    }

    /// The tag of a heading `depth` levels below the checker's top heading (`h2`, `h3`, ...).
    pub fn heading(&self, depth: u8) -> String {
        format!("h{}", (self.heading_level + depth).clamp(1, 6))
    }
}
