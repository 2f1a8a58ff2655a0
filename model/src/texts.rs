//! Every reader-facing text of one language, as one string of texts separated by
//! [`SEPARATOR`], with the offset of every [`MARK_EVERY`]th text: two bytes per sixteen texts
//! instead of a pointer and a length each (a repeated text costs brotli next to nothing). Texts
//! are found by the pack's indices through [`TextLayout`], the same for every language.

use crate::pack::Section;

/// Where each kind of text starts in a language's table. The pack compiler lays out every
/// language alike, so one layout serves them all.
#[derive(Debug)]
pub struct TextLayout {
    /// Per question, its text; its "why we ask" follows, then one text per option.
    pub questions: &'static [u16],
    /// Step titles, in `Pack::steps` order.
    pub steps: u16,
    /// A heading, then what to do first, per level.
    pub levels: u16,
    /// A name, then what completes "They look more like ...", per factor.
    pub factors: u16,
    pub red_flags: u16,
    /// Empty for internal signals.
    pub signals: u16,
    pub outcomes: u16,
    pub advice: u16,
    /// Section titles, in `Section::ALL` order.
    pub sections: u16,
    /// The placeholders each region fills (`emergency_number`, `urgent_service`...).
    pub region_keys: &'static [&'static str],
    /// Per region, the words for `region_keys`, in that order.
    pub regions: u16,
    pub region_count: u16,
    /// The pack's interface words, in the default language's `[ui]` key order.
    pub ui: u16,
}

/// Ends each text in [`Texts::all`]; the pack compiler refuses texts that contain it.
pub const SEPARATOR: char = '\u{1f}';

/// Every how many texts [`Texts::marks`] holds an offset: a lookup skips fewer than this many.
pub const MARK_EVERY: usize = 16;

#[derive(Debug)]
pub struct Texts {
    pub code: &'static str,
    pub name: &'static str,
    pub layout: &'static TextLayout,
    /// Every text of the language in layout order, each followed by [`SEPARATOR`].
    pub all: &'static str,
    /// Where texts 0, `MARK_EVERY`, 2 × `MARK_EVERY`... start in `all`.
    pub marks: &'static [u16],
}

impl Texts {
    /// The text at an index of the layout; empty if there is none (the compiler lays out
    /// every index, so that would be a bug, but not a reason to stop the reader). Never
    /// inlined: one copy of the lookup serves every text read in the checker.
    #[inline(never)]
    pub fn at(&self, index: usize) -> &'static str {
        let all: &'static str = self.all;
        let mut rest = self
            .marks
            .get(index / MARK_EVERY)
            .and_then(|&mark| all.get(usize::from(mark)..))
            .unwrap_or("");
        for _ in 0..index % MARK_EVERY {
            rest = rest.split_once(SEPARATOR).map_or("", |(_, after)| after);
        }
        rest.split_once(SEPARATOR).map_or("", |(text, _)| text)
    }

    /// The text `index` places after `base` (a kind's start in the layout).
    #[inline]
    fn after(&self, base: u16, index: usize) -> &'static str {
        self.at(usize::from(base).saturating_add(index))
    }

    /// A question's text (`offset` 0), its "why we ask" (1) or an option's text (2 and on).
    #[inline]
    fn of_question(&self, question: usize, offset: usize) -> &'static str {
        self.layout
            .questions
            .get(question)
            .map_or("", |&base| self.after(base, offset))
    }

    #[inline]
    pub fn question(&self, question: usize) -> &'static str {
        self.of_question(question, 0)
    }

    /// "Why we ask".
    #[inline]
    pub fn help(&self, question: usize) -> &'static str {
        self.of_question(question, 1)
    }

    #[inline]
    pub fn option(&self, question: usize, option: usize) -> &'static str {
        self.of_question(question, option.saturating_add(2))
    }

    #[inline]
    pub fn step(&self, step: usize) -> &'static str {
        self.after(self.layout.steps, step)
    }

    #[inline]
    pub fn level_heading(&self, level: usize) -> &'static str {
        self.after(self.layout.levels, 2 * level)
    }

    /// What to do, first.
    #[inline]
    pub fn level_action(&self, level: usize) -> &'static str {
        self.after(self.layout.levels, 2 * level + 1)
    }

    #[inline]
    pub fn factor_name(&self, factor: usize) -> &'static str {
        self.after(self.layout.factors, 2 * factor)
    }

    /// Completes "They look more like ...".
    #[inline]
    pub fn factor_looks_like(&self, factor: usize) -> &'static str {
        self.after(self.layout.factors, 2 * factor + 1)
    }

    #[inline]
    pub fn red_flag(&self, red_flag: usize) -> &'static str {
        self.after(self.layout.red_flags, red_flag)
    }

    /// Empty for internal signals.
    #[inline]
    pub fn signal(&self, signal: usize) -> &'static str {
        self.after(self.layout.signals, signal)
    }

    #[inline]
    pub fn outcome(&self, outcome: usize) -> &'static str {
        self.after(self.layout.outcomes, outcome)
    }

    #[inline]
    pub fn advice(&self, advice: usize) -> &'static str {
        self.after(self.layout.advice, advice)
    }

    #[inline]
    pub fn section(&self, section: Section) -> &'static str {
        self.after(self.layout.sections, section as usize)
    }

    /// An interface word by its index in the `[ui]` table (the generated `UiText` names them).
    #[inline]
    pub fn ui(&self, key: usize) -> &'static str {
        self.after(self.layout.ui, key)
    }

    /// The words of a region (the last one if there is no such region), by placeholder index.
    #[inline]
    fn region_words(&self, region: usize) -> impl Fn(usize) -> &'static str + '_ {
        let region = region.min(usize::from(self.layout.region_count).saturating_sub(1));
        let keys = self.layout.region_keys.len();
        move |key| self.after(self.layout.regions, region * keys + key)
    }

    /// The region's word for one placeholder (`emergency_dial`...), empty if there is none.
    pub fn region_word(&self, key: &str, region: usize) -> &'static str {
        let word = self.region_words(region);
        self.layout
            .region_keys
            .iter()
            .position(|k| *k == key)
            .map_or("", word)
    }

    /// A text with its region placeholders filled in; other braces are left as they are.
    pub fn fill(&self, text: &str, region: usize) -> String {
        let word_at = self.region_words(region);
        fill_placeholders(text, &|name| {
            let keys = self.layout.region_keys;
            keys.iter().position(|k| *k == name).map(&word_at)
        })
    }
}

/// A text with each `{name}` in `values` replaced by its value; other braces are left as they
/// are ("Step {step} of {total}").
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    fill_placeholders(text, &|name| {
        values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    })
}

/// The one scan behind both fills: by `char` search, as `str::replace` with a `&str` pattern
/// brings in the two-way substring search (about 2.6 KB of wasm before wasm-opt). A value
/// is not scanned again.
fn fill_placeholders<'a>(text: &str, value: &dyn Fn(&str) -> Option<&'a str>) -> String {
    let mut filled = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let word = after
            .find('}')
            .and_then(|close| Some((value(&after[..close])?, close)));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Two questions (the second with 20 options, so lookups cross several marks), one of each
    /// other kind, two regions of one placeholder, laid out as the pack compiler does.
    fn texts() -> (Vec<String>, Texts) {
        let mut list: Vec<String> = vec!["Q0".into(), "H0".into(), "a".into()];
        list.extend(["Q1".into(), "H1".into()]);
        list.extend((0..20).map(|o| format!("option {o}")));
        list.extend(
            [
                "step", "heading", "action", "name", "like", "flag", "", "why", "advice",
            ]
            .map(String::from),
        );
        list.extend(Section::ALL.map(|s| format!("section {}", s.id())));
        list.extend(["112", "999", "Start"].map(String::from));
        let all: String = list.iter().map(|t| format!("{t}{SEPARATOR}")).collect();
        let mut marks = Vec::new();
        let mut offset = 0;
        for (i, text) in list.iter().enumerate() {
            if i % MARK_EVERY == 0 {
                marks.push(u16::try_from(offset).unwrap());
            }
            offset += text.len() + SEPARATOR.len_utf8();
        }
        let layout = Box::leak(Box::new(TextLayout {
            questions: &[0, 3],
            steps: 25,
            levels: 26,
            factors: 28,
            red_flags: 30,
            signals: 31,
            outcomes: 32,
            advice: 33,
            sections: 34,
            region_keys: &["emergency_number"],
            regions: 39,
            region_count: 2,
            ui: 41,
        }));
        let texts = Texts {
            code: "en",
            name: "English",
            layout,
            all: Box::leak(all.into_boxed_str()),
            marks: Box::leak(marks.into_boxed_slice()),
        };
        (list, texts)
    }

    #[test]
    fn every_text_is_found_at_its_index_and_nothing_past_the_end() {
        let (list, texts) = texts();
        for (i, text) in list.iter().enumerate() {
            assert_eq!(texts.at(i), text, "text {i}");
        }
        assert_eq!(texts.at(list.len()), "");
        assert_eq!(texts.at(usize::MAX), "");
    }

    #[test]
    fn kinds_of_text_are_found_through_the_layout() {
        let (_, texts) = texts();
        assert_eq!(texts.question(1), "Q1");
        assert_eq!(texts.help(1), "H1");
        assert_eq!(texts.option(0, 0), "a");
        assert_eq!(texts.option(1, 19), "option 19");
        assert_eq!(texts.question(2), "", "no such question");
        assert_eq!(texts.step(0), "step");
        assert_eq!(texts.level_heading(0), "heading");
        assert_eq!(texts.level_action(0), "action");
        assert_eq!(texts.factor_name(0), "name");
        assert_eq!(texts.factor_looks_like(0), "like");
        assert_eq!(texts.red_flag(0), "flag");
        assert_eq!(texts.signal(0), "");
        assert_eq!(texts.outcome(0), "why");
        assert_eq!(texts.advice(0), "advice");
        assert_eq!(
            texts.section(Section::ClinicianTests),
            "section clinician_tests"
        );
        assert_eq!(texts.ui(0), "Start");
    }

    #[test]
    fn region_words_fill_placeholders_and_a_missing_region_takes_the_last() {
        let (_, texts) = texts();
        assert_eq!(texts.region_word("emergency_number", 0), "112");
        assert_eq!(texts.region_word("emergency_number", 9), "999");
        assert_eq!(texts.region_word("unknown", 0), "");
        assert_eq!(
            texts.fill("Call {emergency_number} {now}", 1),
            "Call 999 {now}"
        );
    }

    #[test]
    fn fill_replaces_each_named_placeholder_and_leaves_other_braces() {
        let values = [("step", "2"), ("total", "{step}")];
        assert_eq!(fill("Step {step} of {total}", &values), "Step 2 of {step}");
        assert_eq!(fill("{step}{step}", &values), "22");
        assert_eq!(fill("{ {unknown} {step", &values), "{ {unknown} {step");
        assert_eq!(fill("Schritt {step} – {", &values), "Schritt 2 – {");
        assert_eq!(fill("", &values), "");
    }
}
