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
pub use errors::{shortened, shortened_to, AnswerError};
pub use evaluate::{could_be_more_urgent, evaluate};
pub use raw::{found, RawAnswers, RawValue};

/// Sorts a few items stably by key, in place. The pack's lists are short (red flags, factors),
/// and std's stable sort would add several kilobytes to the wasm for each key type.
fn sort_few_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for sorted in 1..items.len() {
        let mut at = sorted;
        while at > 0 && key(&items[at - 1]) > key(&items[at]) {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}
