use crate::pack::{Texts, DEFAULT_REGION};

/// What the host (page or element) chose: language, region and the level of the top heading.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub texts: &'static Texts,
    pub region: usize,
    /// The level of the checker's own top heading (2 means `<h2>`), so it fits the page outline.
    pub heading_level: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            texts: Texts::default_language(),
            region: DEFAULT_REGION,
            heading_level: 2,
        }
    }
}

impl PartialEq for Settings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.texts, other.texts)
            && self.region == other.region
            && self.heading_level == other.heading_level
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
