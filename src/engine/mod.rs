//! The rule engine: pure Rust, no web dependencies. It reads a compiled content pack
//! (`model`, the `b12-model` crate, which also judges the rules), validates answers given in
//! their raw form (`raw`, `answers`, `errors`) and turns them into an explained assessment
//! (`evaluate`, `assessment`).

mod answers;
mod assessment;
mod errors;
mod evaluate;
mod raw;
pub use b12_model as model;

pub use answers::Answers;
pub use assessment::{Assessment, Decision, Reason, ReasonSource};
pub use errors::{shortened, AnswerError};
pub use evaluate::evaluate;
pub use raw::{found, RawAnswers, RawValue};
