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
//!
//! The Spanish texts are measured by the Fernández-Huerta reading ease, Flesch's formula
//! adapted to Spanish:
//!
//!   L = 206.84 - 0.60 x P - 1.02 x F
//!
//! where P is syllables per 100 words and F sentences per 100 words. 60 to 70 is plain, 70 to
//! 80 fairly easy. Words and sentences are counted as for English. Syllables are approximated
//! by vowel groups: a, e, o (and accented á, é, ó, í, ú) are strong vowels, i, u, ü weak; two
//! strong vowels side by side are two syllables (hiatus: "a-é-re-o"), a weak vowel beside any
//! other vowel joins it (diphthong: "ciu-dad", "bue-no"), an accented í or ú breaks the
//! diphthong ("dí-a"), "y" counts as a consonant (so "hoy" and "muy" are one syllable, and "y"
//! alone is one), a number is one syllable. Brand names are counted the same way. The whole
//! Spanish pack must score at least 65.

use b12_cramp_check::engine::model::Section;
use b12_cramp_check::pack::{texts_for, Texts, PACK};

#[derive(Default, Clone, Copy)]
struct Counts {
    words: usize,
    sentences: usize,
    syllables: usize,
}

impl Counts {
    fn of(text: &str) -> Counts {
        Counts::measure(text, syllables)
    }

    fn of_spanish(text: &str) -> Counts {
        Counts::measure(text, spanish_syllables)
    }

    fn measure(text: &str, syllables: fn(&str) -> usize) -> Counts {
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

    /// Fernández-Huerta: 206.84 - 0.60 x syllables per 100 words - 1.02 x sentences per 100
    /// words.
    fn fernandez_huerta(self) -> f64 {
        let words = self.words.max(1) as f64;
        let per_100 = |n: usize| 100.0 * n as f64 / words;
        206.84 - 0.60 * per_100(self.syllables) - 1.02 * per_100(self.sentences)
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

/// Spanish syllables, by vowel groups with the usual diphthong and hiatus rules (see the top).
fn spanish_syllables(word: &str) -> usize {
    if word.chars().all(|c| c.is_ascii_digit()) {
        return 1;
    }
    let strong = |c: char| "aeoáéóíú".contains(c);
    let vowel = |c: char| strong(c) || "iuü".contains(c);
    let mut count = 0;
    let mut previous: Option<char> = None;
    for c in word.to_lowercase().chars() {
        if vowel(c) {
            match previous {
                // A diphthong (or triphthong) stays one syllable; two strong vowels are two.
                Some(p) if vowel(p) => count += usize::from(strong(p) && strong(c)),
                _ => count += 1,
            }
        }
        previous = Some(c);
    }
    count.max(1)
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

/// Every reader-facing text of a language, labelled by its key in `texts/<code>.toml`.
fn pack_texts(code: &str) -> Vec<(String, String)> {
    let texts = texts_for(code).expect("the language's texts");
    let fill = |t: &str| texts.fill(t, PACK.default_region);
    let mut all = Vec::new();
    for (q, question) in PACK.questions.iter().enumerate() {
        all.push((
            format!("questions.{}.text", question.id),
            fill(texts.question(q)),
        ));
        all.push((
            format!("questions.{}.help", question.id),
            fill(texts.help(q)),
        ));
        for (o, option) in question.options.iter().enumerate() {
            all.push((
                format!("questions.{}.options.{option}", question.id),
                fill(texts.option(q, o)),
            ));
        }
    }
    for (s, step) in PACK.steps.iter().enumerate() {
        all.push((format!("steps.{}", step.id), fill(texts.step(s))));
    }
    all.extend(result_headings_and_actions(texts));
    for (f, factor) in PACK.factors.iter().enumerate() {
        all.push((
            format!("factors.{}.name", factor.id),
            fill(texts.factor_name(f)),
        ));
        all.push((
            format!("factors.{}.looks_like", factor.id),
            fill(texts.factor_looks_like(f)),
        ));
    }
    for (i, flag) in PACK.red_flags.iter().enumerate() {
        all.push((format!("red_flags.{}", flag.id), fill(texts.red_flag(i))));
    }
    for (i, signal) in PACK.signals.iter().enumerate() {
        if !signal.internal {
            all.push((format!("signals.{}", signal.id), fill(texts.signal(i))));
        }
    }
    for (i, outcome) in PACK.outcomes.iter().enumerate() {
        all.push((
            format!("outcomes.{}.why", outcome.id),
            fill(texts.outcome(i)),
        ));
    }
    for (i, advice) in PACK.advice.iter().enumerate() {
        all.push((format!("advice.{}", advice.id), fill(texts.advice(i))));
    }
    for (i, &section) in Section::ALL.iter().enumerate() {
        all.push((format!("sections.{i}"), fill(texts.section(section))));
    }
    all
}

/// What a result leads with: its heading and its first action, for every level.
fn result_headings_and_actions(texts: &Texts) -> Vec<(String, String)> {
    PACK.levels
        .iter()
        .enumerate()
        .flat_map(|(l, level)| {
            let level = level.id;
            [
                (
                    format!("levels.{level}.heading"),
                    texts.fill(texts.level_heading(l), PACK.default_region),
                ),
                (
                    format!("levels.{level}.action"),
                    texts.fill(texts.level_action(l), PACK.default_region),
                ),
            ]
        })
        .collect()
}

/// A whole pack's counts, and its texts of at least `min_words` words whose `score` is under
/// `under` as (score, words, key), hardest first. Fails on a text with a placeholder left.
fn whole_and_hard(
    texts: &[(String, String)],
    count: fn(&str) -> Counts,
    score: fn(Counts) -> f64,
    min_words: usize,
    under: f64,
) -> (Counts, Vec<(f64, usize, &str)>) {
    let mut whole = Counts::default();
    let mut hard = Vec::new();
    for (key, text) in texts {
        assert!(!text.contains('{'), "{key}: a placeholder is left: {text}");
        let counts = count(text);
        whole.add(counts);
        if counts.words >= min_words && score(counts) < under {
            hard.push((score(counts), counts.words, key.as_str()));
        }
    }
    hard.sort_by(|a, b| a.0.total_cmp(&b.0));
    (whole, hard)
}

fn print_hard(hard: &[(f64, usize, &str)]) {
    for (score, words, key) in hard {
        println!("  {score:6.1}  {words:3}  {key}");
    }
}

#[test]
fn every_english_text_reads_easily() {
    let texts = pack_texts("en");
    let (whole, hard) = whole_and_hard(&texts, Counts::of, Counts::reading_ease, 0, 60.0);
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
    print_hard(&hard);
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
fn every_spanish_text_reads_easily() {
    let texts = pack_texts("es");
    // A label of a few words is one long word's score: list sentences, not labels.
    let (whole, hard) = whole_and_hard(
        &texts,
        Counts::of_spanish,
        Counts::fernandez_huerta,
        10,
        55.0,
    );
    println!(
        "readability: Fernández-Huerta reading ease (206.84 - 0.60 x syllables per 100 words - \
         1.02 x sentences per 100 words; syllables by vowel groups with diphthongs) of the whole \
         Spanish pack {:.1} ({} texts, {} words, {} sentences, {} syllables); {} texts of 10 words \
         or more under 55 (score, words, key):",
        whole.fernandez_huerta(),
        texts.len(),
        whole.words,
        whole.sentences,
        whole.syllables,
        hard.len()
    );
    print_hard(&hard);
    assert!(
        whole.fernandez_huerta() >= 65.0,
        "the whole Spanish pack reads at {:.1}, under 65",
        whole.fernandez_huerta()
    );
}

#[test]
fn the_spanish_measure_counts_as_stated() {
    for (word, expected) in [
        ("calambre", 3),
        ("médico", 3),
        ("vitamina", 4),
        ("análisis", 4),
        ("día", 2),
        ("ciudad", 2),
        ("bueno", 2),
        ("aéreo", 4),
        ("hoy", 1),
        ("y", 1),
        ("112", 1),
    ] {
        assert_eq!(spanish_syllables(word), expected, "{word}");
    }
    let c = Counts::of_spanish("Llame al 112 ahora. No conduzca usted.");
    assert_eq!((c.words, c.sentences, c.syllables), (7, 2, 13));
    // Short words in short sentences score high.
    assert!(Counts::of_spanish("El gato come pan.").fernandez_huerta() > 90.0);
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
