//! The checker's content pack as data, and the one reading of its rules.
//!
//! - [`pack`]: the shape of a compiled pack (questions, options, conditions, scores, red flags,
//!   signals, outcomes, advice, references), all by index.
//! - [`texts`]: every reader-facing text of one language, indexed like the pack.
//! - [`judge`]: what the rules say about answers, known in full (a reader's) or in part (the
//!   pack compiler's search for an answer set under which each rule fires).
//! - `literal` (feature `literal`, for the pack compiler): pack values written as Rust source.
//!
//! Shared by the engine (`b12-cramp-check`) and the pack compiler (`b12-pack-compiler`), so the
//! two can never read a pack differently. No dependencies: it ships in the wasm.

pub mod judge;
#[cfg(feature = "literal")]
mod literal;
pub mod pack;
pub mod texts;

pub use judge::{Judge, Knowledge, Points, Tri};
#[cfg(feature = "literal")]
pub use literal::Literal;
pub use pack::*;
pub use texts::*;
