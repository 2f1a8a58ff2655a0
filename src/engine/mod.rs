//! The rule engine: pure Rust, no web dependencies. It interprets a compiled content pack
//! (`model`), validates answers (`answers`) and turns them into an explained assessment
//! (`evaluate`, `assessment`).

mod answers;
mod assessment;
mod evaluate;
pub mod model;

pub use answers::{found, shortened, AnswerError, Answers, RawAnswers, RawValue};
pub use assessment::{Assessment, Decision, Reason, ReasonSource};
pub use evaluate::evaluate;
