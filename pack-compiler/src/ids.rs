//! The ids of one kind of entry (questions, signals, result levels, factors, references...):
//! each checked once, where it is defined (well formed, not used twice), and looked up by
//! index wherever it is referred to, with one kind of message for an unknown one.

use crate::error::Errors;
use std::collections::HashMap;

/// The ids of one kind of entry, in the order they are defined.
pub struct Ids {
    /// What one of them is called in messages ("question", "result level").
    kind: &'static str,
    /// Where they are defined, for messages ("questions.toml").
    home: &'static str,
    index: HashMap<String, usize>,
}

/// What an id may look like besides lower-case letters, digits and `_`.
pub enum Shape {
    Plain,
    /// Starts with this prefix (questions: `q_`).
    Prefixed(&'static str),
    /// Must not start with this prefix nor be a word of the condition language (signals).
    NotPrefixedNorKeyword(&'static str),
    /// A TOML table's key (references: `R12`): any text, unique by construction.
    TableKey,
}

impl Ids {
    /// Checks and indexes `ids`; `entry` names the place of each in messages.
    pub fn define<'a>(
        kind: &'static str,
        home: &'static str,
        shape: Shape,
        ids: impl IntoIterator<Item = &'a str>,
        file: &str,
        entry: impl Fn(&str) -> String,
        errors: &mut Errors,
    ) -> Ids {
        let mut index = HashMap::new();
        for (i, id) in ids.into_iter().enumerate() {
            let well_formed = matches!(shape, Shape::TableKey)
                || !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                    && match shape {
                        Shape::Plain | Shape::TableKey => true,
                        Shape::Prefixed(prefix) => id.starts_with(prefix),
                        Shape::NotPrefixedNorKeyword(prefix) => {
                            !id.starts_with(prefix) && !crate::cond::is_keyword(id)
                        }
                    };
            if !well_formed {
                let rule = match shape {
                    Shape::Plain | Shape::TableKey => String::new(),
                    Shape::Prefixed(prefix) => format!(", starting with {prefix}"),
                    Shape::NotPrefixedNorKeyword(prefix) => {
                        format!(", not starting with {prefix} and not a keyword")
                    }
                };
                errors.push(
                    file,
                    entry(id),
                    format!("\"{id}\" is not a valid {kind} id (lower-case letters, digits and _{rule})"),
                );
            }
            if index.contains_key(id) {
                errors.push(
                    file,
                    entry(id),
                    format!("the {kind} id \"{id}\" is used twice"),
                );
            } else {
                index.insert(id.to_string(), i);
            }
        }
        Ids { kind, home, index }
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The index of `id`, or None with an error at `file`, `entry`.
    pub fn find(&self, id: &str, file: &str, entry: &str, errors: &mut Errors) -> Option<usize> {
        let found = self.get(id);
        if found.is_none() {
            errors.push(
                file,
                entry,
                format!("unknown {} \"{id}\" (not in {})", self.kind, self.home),
            );
        }
        found
    }
}
