//! A reader's answers: one option mask per question, validated against the pack.
//!
//! Raw answers arrive as `{"q_age": "65_74", "q_neuro": ["balance_problems"]}` (a string for a
//! one-answer question, a list for tick-all-that-apply). [`Answers::from_raw`] accepts them
//! only if every question and option exists, each has the right shape, "none" stands alone,
//! and no question is answered while its show-if rule hides it. An unanswered question counts
//! as nothing ticked.

use super::model::{Knowledge, Pack, Question, QuestionIdx, QuestionKind};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Validated answers: bit `o` of `masks[q]` is set when option `o` of question `q` is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    masks: Vec<u32>,
}

impl Answers {
    /// Nothing answered yet.
    pub fn new(pack: &Pack) -> Self {
        Answers {
            masks: vec![0; pack.questions.len()],
        }
    }

    /// Answers from option masks, with hidden questions and broken "none" combinations
    /// repaired the way the questionnaire would: a hidden question is unanswered, and "none"
    /// loses to any other ticked option.
    pub fn from_masks(pack: &Pack, masks: impl IntoIterator<Item = u32>) -> Self {
        let mut answers = Answers::new(pack);
        for ((slot, mask), question) in answers.masks.iter_mut().zip(masks).zip(pack.questions) {
            let valid = mask & question.all_options();
            *slot = match (question.kind, question.exclusive) {
                (QuestionKind::Single, _) => valid & valid.wrapping_neg(), // keep the lowest option
                (QuestionKind::Multi, Some(none)) if valid & !(1 << none) != 0 => {
                    valid & !(1 << none)
                }
                (QuestionKind::Multi, _) => valid,
            };
        }
        answers.drop_hidden(pack);
        answers
    }

    pub fn mask(&self, question: QuestionIdx) -> u32 {
        self.masks.get(usize::from(question)).copied().unwrap_or(0)
    }

    pub fn masks(&self) -> &[u32] {
        &self.masks
    }

    pub fn is_answered(&self, question: QuestionIdx) -> bool {
        self.mask(question) != 0
    }

    /// The chosen options of a question, in pack order.
    pub fn chosen(&self, question: QuestionIdx) -> impl Iterator<Item = u16> + '_ {
        let mask = self.mask(question);
        (0..32u16).filter(move |o| mask & (1 << o) != 0)
    }

    /// Answer a one-answer question (replacing the previous answer), then drop the answers of
    /// questions this hides.
    pub fn choose(&mut self, pack: &Pack, question: QuestionIdx, option: u16) {
        self.set(pack, question, 1 << option);
    }

    /// Tick or untick an option of a tick-all-that-apply question. Ticking "none" clears the
    /// others and ticking another option clears "none".
    pub fn toggle(&mut self, pack: &Pack, question: QuestionIdx, option: u16) {
        let q = &pack.questions[usize::from(question)];
        let bit = 1u32 << option;
        let current = self.mask(question);
        let next = if current & bit != 0 {
            current & !bit
        } else {
            match q.exclusive {
                Some(none) if none == option => bit,
                Some(none) => (current | bit) & !(1 << none),
                None => current | bit,
            }
        };
        self.set(pack, question, next);
    }

    fn set(&mut self, pack: &Pack, question: QuestionIdx, mask: u32) {
        if let Some(slot) = self.masks.get_mut(usize::from(question)) {
            *slot = mask;
        }
        self.drop_hidden(pack);
    }

    /// Whether the question is asked, given these answers.
    pub fn is_shown(&self, pack: &Pack, question: QuestionIdx) -> bool {
        pack.is_shown(question, self).is_true()
    }

    /// Unanswer every question whose show-if rule no longer holds, until nothing changes
    /// (a hidden question can hide others in turn).
    pub fn drop_hidden(&mut self, pack: &Pack) {
        loop {
            let hidden = (0..pack.questions.len() as QuestionIdx)
                .find(|&q| self.is_answered(q) && !self.is_shown(pack, q));
            match hidden {
                Some(q) => self.masks[usize::from(q)] = 0,
                None => return,
            }
        }
    }

    /// The answers in their raw form, in question order: what [`Answers::from_raw`] accepts back.
    pub fn to_raw(&self, pack: &Pack) -> RawAnswers {
        let answered = (0..pack.questions.len() as QuestionIdx)
            .filter(|&q| self.is_answered(q))
            .map(|q| {
                let question = &pack.questions[usize::from(q)];
                (
                    question.id.to_string(),
                    RawValue::from_mask(question, self.mask(q)),
                )
            });
        RawAnswers(answered.collect())
    }

    /// Validates raw answers against the pack. Input far larger than any real answer set is
    /// refused before it is looked at: no more answers than questions, no longer lists than the
    /// question's options.
    pub fn from_raw(pack: &Pack, raw: &RawAnswers) -> Result<Self, AnswerError> {
        if raw.0.len() > pack.questions.len() {
            return Err(AnswerError::TooManyAnswers {
                given: raw.0.len(),
                questions: pack.questions.len(),
            });
        }
        let mut answers = Answers::new(pack);
        for (name, value) in &raw.0 {
            let q = pack
                .question_index(name)
                .ok_or_else(|| AnswerError::UnknownQuestion(name.clone()))?;
            let question = &pack.questions[usize::from(q)];
            let option_index = |option: &str| {
                question
                    .option_index(option)
                    .ok_or_else(|| AnswerError::UnknownOption {
                        question: question.id,
                        option: option.to_string(),
                        expected: question.options,
                    })
            };
            let mask = match (question.kind, value) {
                (_, RawValue::Invalid(found)) => {
                    return Err(AnswerError::NotText {
                        question: question.id,
                        found,
                    })
                }
                (QuestionKind::Single, RawValue::One(option)) => 1 << option_index(option)?,
                (QuestionKind::Single, RawValue::Many(_)) => {
                    return Err(AnswerError::ListForSingle(question.id))
                }
                (QuestionKind::Multi, RawValue::One(_)) => {
                    return Err(AnswerError::TextForMulti(question.id))
                }
                (QuestionKind::Multi, RawValue::Many(options))
                    if options.len() > question.options.len() =>
                {
                    return Err(AnswerError::TooManyOptions {
                        question: question.id,
                        options: question.options.len(),
                    })
                }
                (QuestionKind::Multi, RawValue::Many(options)) => {
                    let mut mask = 0u32;
                    for option in options {
                        let bit = 1u32 << option_index(option)?;
                        if mask & bit != 0 {
                            return Err(AnswerError::Repeated {
                                question: question.id,
                                option: option.clone(),
                            });
                        }
                        mask |= bit;
                    }
                    if let Some(none) = question
                        .exclusive
                        .filter(|&n| mask & (1 << n) != 0 && mask != 1 << n)
                    {
                        let other = options
                            .iter()
                            .find(|o| question.option_index(o) != Some(none))
                            .cloned()
                            .unwrap_or_default();
                        return Err(AnswerError::NoneWithOthers {
                            question: question.id,
                            none: question.options[usize::from(none)],
                            other,
                        });
                    }
                    mask
                }
            };
            answers.masks[usize::from(q)] = mask;
        }
        // Report a hidden question only after every answer is in: its rule may look further on.
        for q in 0..pack.questions.len() as QuestionIdx {
            if answers.is_answered(q) && !answers.is_shown(pack, q) {
                let question = &pack.questions[usize::from(q)];
                let rule = question.show_if.as_ref().map_or("", |c| c.source);
                return Err(AnswerError::Hidden {
                    question: question.id,
                    rule,
                });
            }
        }
        Ok(answers)
    }
}

/// Complete knowledge: what is not chosen is known not to be.
impl Knowledge for Answers {
    fn chosen(&self, question: QuestionIdx) -> u32 {
        self.mask(question)
    }

    fn possible(&self, question: QuestionIdx) -> u32 {
        self.mask(question)
    }
}

/// Why raw answers were refused; each message is one line that names the question or option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    UnknownQuestion(String),
    UnknownOption {
        question: &'static str,
        option: String,
        expected: &'static [&'static str],
    },
    ListForSingle(&'static str),
    TextForMulti(&'static str),
    NotText {
        question: &'static str,
        found: &'static str,
    },
    Repeated {
        question: &'static str,
        option: String,
    },
    NoneWithOthers {
        question: &'static str,
        none: &'static str,
        other: String,
    },
    Hidden {
        question: &'static str,
        rule: &'static str,
    },
    TooManyAnswers {
        given: usize,
        questions: usize,
    },
    TooManyOptions {
        question: &'static str,
        options: usize,
    },
}

/// At most this many characters of a reader's input are quoted back in a message.
const QUOTED_CHARS: usize = 40;

/// A reader's input as a message quotes it: at most a short prefix, so that a huge value never
/// makes a huge message, with control characters escaped, so that the message stays one line
/// (`\n`, not a line break; found by fuzzing).
pub fn shortened(input: &str) -> std::borrow::Cow<'_, str> {
    let end = input
        .char_indices()
        .nth(QUOTED_CHARS)
        .map_or(input.len(), |(end, _)| end);
    let prefix = &input[..end];
    if end == input.len() && !prefix.chars().any(char::is_control) {
        return prefix.into();
    }
    let mut out = String::with_capacity(prefix.len() + 8);
    for c in prefix.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if end < input.len() {
        out.push('…');
    }
    out.into()
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::UnknownQuestion(q) => write!(f, "unknown question \"{}\"", shortened(q)),
            AnswerError::UnknownOption {
                question,
                option,
                expected,
            } => {
                write!(
                    f,
                    "{question}: unknown option \"{}\" (expected one of: {})",
                    shortened(option),
                    expected.join(", ")
                )
            }
            AnswerError::ListForSingle(q) => {
                write!(f, "{q} takes one option as a string, not a list")
            }
            AnswerError::TextForMulti(q) => write!(
                f,
                "{q} takes a list of options, for example [\"none\"], not a string"
            ),
            AnswerError::NotText { question, found } => write!(
                f,
                "{question}: expected option ids as strings, found {found}"
            ),
            AnswerError::Repeated { question, option } => {
                write!(
                    f,
                    "{question}: option \"{}\" is given twice",
                    shortened(option)
                )
            }
            AnswerError::NoneWithOthers {
                question,
                none,
                other,
            } => {
                write!(
                    f,
                    "{question}: \"{none}\" cannot be combined with other options (\"{}\")",
                    shortened(other)
                )
            }
            AnswerError::Hidden { question, rule } => {
                write!(f, "{question} is not asked with these answers (it is asked only when {rule}); remove it")
            }
            AnswerError::TooManyAnswers { given, questions } => write!(
                f,
                "{given} answers given, but there are only {questions} questions"
            ),
            AnswerError::TooManyOptions { question, options } => write!(
                f,
                "{question}: more options given than the question has ({options})"
            ),
        }
    }
}

impl std::error::Error for AnswerError {}

/// What a value was when it was neither an option id nor a list of them, for error messages;
/// shared by every reader of raw answers (JSON here, JavaScript objects in the browser).
pub mod found {
    pub const NUMBER: &str = "a number";
    pub const BOOLEAN: &str = "true or false";
    pub const NULL: &str = "null";
    pub const OBJECT: &str = "an object";
    pub const NESTED_LIST: &str = "a list inside a list";
}

/// Answers as given, before validation: question id and value, in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawAnswers(pub Vec<(String, RawValue)>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawValue {
    One(String),
    Many(Vec<String>),
    /// Neither a string nor a list of strings; says what it was instead.
    Invalid(&'static str),
}

impl RawValue {
    /// The options set in `mask`, shaped as `question` takes them: one option id for a
    /// one-answer question, a list otherwise. Several options of a one-answer question come out
    /// as a list, which [`Answers::from_raw`] refuses; bits beyond the options are left out.
    pub fn from_mask(question: &Question, mask: u32) -> RawValue {
        let mut options: Vec<String> = question
            .options
            .iter()
            .enumerate()
            .filter(|&(o, _)| mask & (1 << o) != 0)
            .map(|(_, id)| id.to_string())
            .collect();
        match question.kind {
            QuestionKind::Single if options.len() == 1 => RawValue::One(options.remove(0)),
            _ => RawValue::Many(options),
        }
    }
}

impl Serialize for RawAnswers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (question, value) in &self.0 {
            map.serialize_entry(question, value)?;
        }
        map.end()
    }
}

impl Serialize for RawValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RawValue::One(option) => serializer.serialize_str(option),
            RawValue::Many(options) => options.serialize(serializer),
            RawValue::Invalid(_) => serializer.serialize_unit(),
        }
    }
}

impl<'de> Deserialize<'de> for RawAnswers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswersVisitor;
        impl<'de> Visitor<'de> for AnswersVisitor {
            type Value = RawAnswers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of answers, such as {\"q_age\": \"65_74\"}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawAnswers, A::Error> {
                let mut entries: Vec<(String, RawValue)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<RawValue>()?;
                    if entries.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format_args!(
                            "{} is answered twice",
                            shortened(&key)
                        )));
                    }
                    entries.push((key, value));
                }
                Ok(RawAnswers(entries))
            }
        }
        deserializer.deserialize_map(AnswersVisitor)
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an option id or a list of option ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::One(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut options = Vec::new();
                while let Some(item) = seq.next_element::<RawValue>()? {
                    match item {
                        RawValue::One(option) => options.push(option),
                        RawValue::Many(_) => return Ok(RawValue::Invalid(found::NESTED_LIST)),
                        RawValue::Invalid(found) => return Ok(RawValue::Invalid(found)),
                    }
                }
                Ok(RawValue::Many(options))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawValue, E> {
                Ok(RawValue::Invalid(found::BOOLEAN))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawValue, E> {
                Ok(RawValue::Invalid(found::NUMBER))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawValue, E> {
                Ok(RawValue::Invalid(found::NUMBER))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawValue, E> {
                Ok(RawValue::Invalid(found::NUMBER))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Invalid(found::NULL))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Invalid(found::NULL))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(RawValue::Invalid(found::OBJECT))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}
