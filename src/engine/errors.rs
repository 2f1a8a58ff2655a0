//! Why raw answers were refused, in one line that names the question or option and quotes at
//! most a short, escaped prefix of what the reader gave.

use std::fmt;

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
pub(super) const QUOTED_CHARS: usize = 40;

/// A reader's input as a message quotes it: at most a short prefix, so that a huge value never
/// makes a huge message, with control characters escaped, so that the message stays one line
/// (`\n`, not a line break; found by fuzzing).
pub fn shortened(input: &str) -> std::borrow::Cow<'_, str> {
    shortened_to(input, QUOTED_CHARS, char::is_control)
}

/// `input` as a message quotes it: the characters `escaped` picks written as escapes (`\u{1b}`),
/// and cut with `…` where the quote would pass `limit` characters, escapes counted as written,
/// so that input made only of escaped characters makes no longer a message.
pub fn shortened_to(
    input: &str,
    limit: usize,
    escaped: fn(char) -> bool,
) -> std::borrow::Cow<'_, str> {
    if input.chars().nth(limit).is_none() && !input.chars().any(escaped) {
        return input.into();
    }
    let mut out = String::new();
    let mut length = 0;
    for c in input.chars() {
        let escape = escaped(c).then(|| c.escape_default());
        length += escape.as_ref().map_or(1, ExactSizeIterator::len);
        if length > limit {
            out.push('…');
            break;
        }
        match escape {
            Some(escape) => out.extend(escape),
            None => out.push(c),
        }
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
