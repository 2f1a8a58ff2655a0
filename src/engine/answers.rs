//! A reader's answers: one option mask per question, validated against the pack.
//!
//! Raw answers arrive as `{"q_age": "65_74", "q_neuro": ["balance_problems"]}` (a string for a
//! one-answer question, a list for tick-all-that-apply). [`Answers::from_raw`] accepts them
//! only if every question and option exists, each has the right shape, "none" stands alone,
//! and no question is answered while its show-if rule hides it. An unanswered question counts
//! as nothing ticked.

use super::errors::AnswerError;
use super::model::{Knowledge, Pack, QuestionIdx, QuestionKind};
use super::raw::{RawAnswers, RawValue};

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

    /// Nothing answered at all (as [`Answers::new`]).
    pub fn is_empty(&self) -> bool {
        self.masks.iter().all(|&mask| mask == 0)
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
        pack.is_shown(question, &self.known()).is_true()
    }

    /// Complete knowledge: what is not chosen is known not to be.
    pub fn known(&self) -> Known<'_> {
        Known {
            chosen: &self.masks,
            possible: &self.masks,
        }
    }

    /// Unanswer every question whose show-if rule no longer holds, until nothing changes
    /// (a hidden question can hide others in turn).
    fn drop_hidden(&mut self, pack: &Pack) {
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
    /// refused in one pass over its names, before any value is looked at: no more answers than
    /// questions, no longer lists than the question's options. Over the count, the first unknown
    /// name is reported if there is one (a mistyped id reads better than a count).
    pub fn from_raw(pack: &Pack, raw: &RawAnswers) -> Result<Self, AnswerError> {
        if raw.0.len() > pack.questions.len() {
            let unknown = raw
                .0
                .iter()
                .find(|(name, _)| pack.question_index(name).is_none());
            return Err(match unknown {
                Some((name, _)) => AnswerError::UnknownQuestion(name.clone()),
                None => AnswerError::TooManyAnswers {
                    given: raw.0.len(),
                    questions: pack.questions.len(),
                },
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
                    return Err(match options.iter().find_map(|o| option_index(o).err()) {
                        Some(unknown) => unknown,
                        None => AnswerError::TooManyOptions {
                            question: question.id,
                            options: question.options.len(),
                        },
                    });
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

/// What the rules are judged on: per question, the options chosen and those that may still be
/// chosen. The engine's one kind of knowledge, so that the judge is compiled once.
pub struct Known<'a> {
    pub chosen: &'a [u32],
    pub possible: &'a [u32],
}

impl Knowledge for Known<'_> {
    fn chosen(&self, question: QuestionIdx) -> u32 {
        self.chosen[usize::from(question)]
    }

    fn possible(&self, question: QuestionIdx) -> u32 {
        self.possible[usize::from(question)]
    }
}
