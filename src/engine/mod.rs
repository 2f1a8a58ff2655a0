//! The rule engine: pure Rust, no web dependencies. It reads a compiled content pack
//! (`model`, the `b12-model` crate, which also judges the rules), validates answers (`answers`)
//! and turns them into an explained assessment (`evaluate`, `assessment`).

mod answers;
mod assessment;
mod evaluate;
pub use b12_model as model;

pub use answers::{found, shortened, AnswerError, Answers, RawAnswers, RawValue};
pub use assessment::{Assessment, Decision, Reason, ReasonSource};
pub use evaluate::evaluate;
