use std::fmt;

/// One problem in a pack, located by file and entry so an editor can find it without Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    pub file: String,
    pub entry: String,
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entry.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.entry, self.message)
        }
    }
}

/// Collects every problem found, so one build shows them all.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<PackError>);

impl Errors {
    pub fn push(&mut self, file: &str, entry: impl Into<String>, message: impl Into<String>) {
        self.0.push(PackError {
            file: file.to_string(),
            entry: entry.into(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
