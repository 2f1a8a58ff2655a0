//! Answer sets for property tests, shared by `properties.rs` and `fhir.rs`.

use b12_cramp_check::engine::Answers;
use b12_cramp_check::pack::PACK;
use proptest::prelude::*;

/// Any options, any combination, any question unanswered; repaired the way the questionnaire
/// would (hidden questions unanswered, "none" giving way to other ticks).
pub fn any_answers() -> impl Strategy<Value = Answers> {
    let sizes: Vec<usize> = PACK.questions.iter().map(|q| q.options.len()).collect();
    sizes
        .into_iter()
        .map(|n| prop_oneof![Just(0u32), 0..(1u32 << n)])
        .collect::<Vec<_>>()
        .prop_map(|masks| Answers::from_masks(&PACK, masks))
}
