//! B12 and muscle cramps check: a private, explained, non-diagnostic questionnaire.
//!
//! - [`engine`]: the pure rule engine (no web dependencies).
//! - [`pack`]: the content pack, compiled from `packs/b12-cramps/` by `build.rs`.
//! - [`report`]: the assessment as readable text with cited sources (the `explain` command).
//!
//! See ARCHITECTURE.md for how an answer flows to a result.

pub mod engine;
pub mod pack;
pub mod report;
