//! Answers as given, before validation (`{"q_age": "65_74", "q_neuro": ["none"]}`), their
//! JSON form and, for the command line, their reading from JSON; a value of another kind is kept
//! as what it was, for the error message.

#[cfg(feature = "cli")]
use super::errors::{shortened_to, QUOTED_CHARS};
use super::model::{Question, QuestionKind};
use crate::json::{Json, ToJson};
#[cfg(feature = "cli")]
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
#[cfg(feature = "cli")]
use std::fmt;

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
    /// as a list, which [`Answers::from_raw`](super::Answers::from_raw) refuses; bits beyond
    /// the options are left out.
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

/// `{"q_age": "65_74", "q_neuro": ["none"]}`: each question's id with its option, or its list of
/// options, in order (a value of another kind is only ever read, never made; it would be `null`).
impl ToJson for RawAnswers {
    fn to_json<J: Json>(&self) -> J {
        let mut object = J::object();
        for (question, value) in &self.0 {
            object.insert(question, value.to_json());
        }
        object
    }
}

impl ToJson for RawValue {
    fn to_json<J: Json>(&self) -> J {
        match self {
            RawValue::One(option) => J::string(option),
            RawValue::Many(options) => J::array_of(options.iter().map(|o| J::string(o))),
            RawValue::Invalid(_) => J::null(),
        }
    }
}

/// serde's view of the answers (the command line prints them with serde_json): their JSON form.
#[cfg(feature = "cli")]
impl serde::Serialize for RawAnswers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json::<crate::json::Tree>().serialize(serializer)
    }
}

// The command line reads answers with serde_json.

#[cfg(feature = "cli")]
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
                // A set, so that a huge file of keys is refused in time linear in its size.
                let mut keys = std::collections::HashSet::new();
                while let Some(key) = map.next_key::<String>()? {
                    // What the parser cannot read in a value (a number out of range, lists
                    // nested too deep) is named with its question.
                    let value = map.next_value::<RawValue>().map_err(|error| {
                        de::Error::custom(format_args!("{}: {error}", quoted_key(&key)))
                    })?;
                    if !keys.insert(key.clone()) {
                        return Err(de::Error::custom(format_args!(
                            "{} is answered twice",
                            quoted_key(&key)
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

/// A question id as a parser's message quotes it: cut short like any input, in quotes, with `"`
/// and `\` escaped as well as control characters, so that a reader of the message (the command
/// line cuts each quoted piece short) finds where the quote ends and the reason begins.
#[cfg(feature = "cli")]
fn quoted_key(key: &str) -> String {
    let escaped = |c: char| c.is_control() || c == '"' || c == '\\';
    format!("\"{}\"", shortened_to(key, QUOTED_CHARS, escaped))
}

#[cfg(feature = "cli")]
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
                // The first item that is not an option id names the problem; the rest of the
                // list is still read, so that the parser goes on at the list's end.
                let mut invalid = None;
                while let Some(item) = seq.next_element::<RawValue>()? {
                    match item {
                        RawValue::One(option) => options.push(option),
                        RawValue::Many(_) => _ = invalid.get_or_insert(found::NESTED_LIST),
                        RawValue::Invalid(found) => _ = invalid.get_or_insert(found),
                    }
                }
                Ok(invalid.map_or(RawValue::Many(options), RawValue::Invalid))
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
