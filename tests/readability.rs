//! Readability of every English text a reader can see, by the Flesch reading ease:
//!
//!   206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words)
//!
//! Higher is easier: 60 to 70 is plain English, 70 to 80 is easy to read. Texts are measured
//! with their region placeholders filled in for the default region. Words are runs of letters
//! (with inner apostrophes or hyphens) or of digits; a number counts as one syllable; syllables
//! are groups of vowels, less a silent final "e" or "-ed"; a sentence ends with ".", "!" or "?",
//! and a text without one (a label, a heading) is one sentence. Prints the whole pack's score and
//! every text under 60; the whole pack must score at least 70, and no result heading or first
//! action below 60.

use b12_cramp_check::pack::{texts_for, Texts, PACK};

#[derive(Default, Clone, Copy)]
struct Counts {
    words: usize,
    sentences: usize,
    syllables: usize,
}

impl Counts {
    fn of(text: &str) -> Counts {
        let mut counts = Counts::default();
        for word in words(text) {
            counts.words += 1;
            counts.syllables += syllables(word);
        }
        counts.sentences = sentences(text).max(1);
        counts
    }

    fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.syllables += other.syllables;
    }

    fn reading_ease(self) -> f64 {
        let words = self.words.max(1) as f64;
        206.835 - 1.015 * (words / self.sentences as f64) - 84.6 * (self.syllables as f64 / words)
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
}

fn syllables(word: &str) -> usize {
    if word.chars().all(|c| c.is_ascii_digit()) {
        return 1;
    }
    let lower = word.to_lowercase();
    let letters: Vec<char> = lower.chars().filter(|c| c.is_alphabetic()).collect();
    let is_vowel = |c: char| "aeiouyéá".contains(c);
    let mut groups = 0;
    let mut in_group = false;
    for &c in &letters {
        if is_vowel(c) && !in_group {
            groups += 1;
        }
        in_group = is_vowel(c);
    }
    let n = letters.len();
    let ends = |suffix: &str| lower.ends_with(suffix);
    // A silent final "e" ("take"), but not "-le" after a consonant ("little"), nor "-ee".
    let silent_e = ends("e")
        && !ends("ee")
        && !(ends("le") && n > 2 && !is_vowel(letters[n - 3]))
        && groups > 1;
    // A silent "-ed" ("stopped"), but not after t or d ("started").
    let silent_ed = ends("ed") && n > 3 && !matches!(letters[n - 3], 't' | 'd') && groups > 1;
    (groups - usize::from(silent_e || silent_ed)).max(1)
}

fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| {
            matches!(chars[i], '.' | '!' | '?')
                && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
        })
        .count()
}

/// Every English reader-facing text, labelled by its key in `texts/en.toml`.
fn english_texts() -> Vec<(String, String)> {
    let texts = texts_for("en").expect("English texts");
    let fill = |t: &str| texts.fill(t, PACK.default_region);
    let mut all = Vec::new();
    for (q, question) in PACK.questions.iter().enumerate() {
        let t = &texts.questions[q];
        all.push((format!("questions.{}.text", question.id), fill(t.text)));
        all.push((format!("questions.{}.help", question.id), fill(t.help)));
        for (o, option) in question.options.iter().enumerate() {
            all.push((
                format!("questions.{}.options.{option}", question.id),
                fill(t.options[o]),
            ));
        }
    }
    for (s, step) in PACK.steps.iter().enumerate() {
        all.push((format!("steps.{}", step.id), fill(texts.steps[s])));
    }
    all.extend(result_headings_and_actions(texts));
    for (f, factor) in PACK.factors.iter().enumerate() {
        let t = &texts.factors[f];
        all.push((format!("factors.{}.name", factor.id), fill(t.name)));
        all.push((
            format!("factors.{}.looks_like", factor.id),
            fill(t.looks_like),
        ));
    }
    for (i, flag) in PACK.red_flags.iter().enumerate() {
        all.push((format!("red_flags.{}", flag.id), fill(texts.red_flags[i])));
    }
    for (i, signal) in PACK.signals.iter().enumerate() {
        if !signal.internal {
            all.push((format!("signals.{}", signal.id), fill(texts.signals[i])));
        }
    }
    for (i, outcome) in PACK.outcomes.iter().enumerate() {
        all.push((
            format!("outcomes.{}.why", outcome.id),
            fill(texts.outcomes[i]),
        ));
    }
    for (i, advice) in PACK.advice.iter().enumerate() {
        all.push((format!("advice.{}", advice.id), fill(texts.advice[i])));
    }
    for (i, section) in texts.sections.iter().enumerate() {
        all.push((format!("sections.{i}"), fill(section)));
    }
    all
}

/// What a result leads with: its heading and its first action, for every level.
fn result_headings_and_actions(texts: &Texts) -> Vec<(String, String)> {
    PACK.levels
        .iter()
        .zip(texts.levels)
        .flat_map(|(level, text)| {
            let level = level.id;
            [
                (
                    format!("levels.{level}.heading"),
                    texts.fill(text.heading, PACK.default_region),
                ),
                (
                    format!("levels.{level}.action"),
                    texts.fill(text.action, PACK.default_region),
                ),
            ]
        })
        .collect()
}

#[test]
fn every_english_text_reads_easily() {
    let texts = english_texts();
    let mut whole = Counts::default();
    let mut hard = Vec::new();
    for (key, text) in &texts {
        assert!(!text.contains('{'), "{key}: a placeholder is left: {text}");
        let counts = Counts::of(text);
        whole.add(counts);
        if counts.reading_ease() < 60.0 {
            hard.push((counts.reading_ease(), counts.words, key));
        }
    }
    hard.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "readability: Flesch reading ease (206.835 - 1.015 x words/sentences - 84.6 x \
         syllables/words) of the whole English pack {:.1} ({} texts, {} words, {} sentences, {} \
         syllables); {} texts under 60 (score, words, key; in a label of a few words one long \
         word sinks the score):",
        whole.reading_ease(),
        texts.len(),
        whole.words,
        whole.sentences,
        whole.syllables,
        hard.len()
    );
    for (score, words, key) in &hard {
        println!("  {score:6.1}  {words:3}  {key}");
    }
    assert!(
        whole.reading_ease() >= 70.0,
        "the whole pack reads at {:.1}, under 70",
        whole.reading_ease()
    );
    let english = texts_for("en").expect("English texts");
    for (key, text) in result_headings_and_actions(english) {
        let score = Counts::of(&text).reading_ease();
        assert!(score >= 60.0, "{key} reads at {score:.1}, under 60: {text}");
    }
}

#[test]
fn the_measure_counts_as_stated() {
    assert_eq!(syllables("cramps"), 1);
    assert_eq!(syllables("muscle"), 2);
    assert_eq!(syllables("take"), 1);
    assert_eq!(syllables("little"), 2);
    assert_eq!(syllables("stopped"), 1);
    assert_eq!(syllables("started"), 2);
    assert_eq!(syllables("emergency"), 4);
    assert_eq!(syllables("999"), 1);
    let c = Counts::of("Call 999 now. Do not drive yourself!");
    assert_eq!((c.words, c.sentences), (7, 2));
    // A label without a full stop is one sentence.
    assert_eq!(Counts::of("None of these").sentences, 1);
    // The classic example scores in the easy band.
    assert!(Counts::of("The cat sat on the mat.").reading_ease() > 100.0);
}
