//! Every reader-facing text of one language, indexed like the pack's tables. `U` is the
//! pack's own table of interface words (`UiText` in the checker), whose keys come from the
//! default language's `[ui]` table, so they are generated with the pack.

#[derive(Debug)]
pub struct QuestionText {
    pub text: &'static str,
    /// "Why we ask".
    pub help: &'static str,
    pub options: &'static [&'static str],
}

#[derive(Debug)]
pub struct LevelText {
    pub heading: &'static str,
    /// What to do, first.
    pub action: &'static str,
}

#[derive(Debug)]
pub struct FactorText {
    pub name: &'static str,
    /// Completes "They look more like ...".
    pub looks_like: &'static str,
}

#[derive(Debug)]
pub struct Texts<U: 'static> {
    pub code: &'static str,
    pub name: &'static str,
    pub questions: &'static [QuestionText],
    /// Step titles, in `Pack::steps` order.
    pub steps: &'static [&'static str],
    pub levels: &'static [LevelText],
    pub factors: &'static [FactorText],
    pub red_flags: &'static [&'static str],
    /// Empty for internal signals.
    pub signals: &'static [&'static str],
    pub outcomes: &'static [&'static str],
    pub advice: &'static [&'static str],
    /// Section titles, in `Section::ALL` order.
    pub sections: &'static [&'static str],
    /// The placeholders each region fills (`emergency_number`, `urgent_service`...): the same
    /// in every language.
    pub region_keys: &'static [&'static str],
    /// Per region, the words for `region_keys`, in that order.
    pub regions: &'static [&'static [&'static str]],
    pub ui: U,
}

impl<U> Texts<U> {
    /// The region's word for one placeholder (`emergency_dial`...), empty if there is none.
    pub fn region_word(&self, key: &str, region: usize) -> &'static str {
        let words = self.regions[region.min(self.regions.len() - 1)];
        self.region_keys
            .iter()
            .position(|k| *k == key)
            .map_or("", |i| words[i])
    }

    /// A text with its region placeholders filled in; other braces are left as they are.
    pub fn fill(&self, text: &str, region: usize) -> String {
        let words = self.regions[region.min(self.regions.len() - 1)];
        let mut filled = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            filled.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let word = after.find('}').and_then(|close| {
                let i = self
                    .region_keys
                    .iter()
                    .position(|k| *k == &after[..close])?;
                Some((words[i], close))
            });
            match word {
                Some((word, close)) => {
                    filled.push_str(word);
                    rest = &after[close + 1..];
                }
                None => {
                    filled.push('{');
                    rest = after;
                }
            }
        }
        filled.push_str(rest);
        filled
    }
}
