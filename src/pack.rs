//! The content pack, compiled from `packs/b12-cramps/` at build time (see `build.rs`):
//! `PACK` (questions, rules, scores, advice, references), `LANGUAGES` (every reader-facing
//! text, one table per language file, found through `TEXT_LAYOUT`) and `UiText` (the
//! interface words by name).

use crate::engine::model::*;
pub use b12_model::Texts;

include!(concat!(env!("OUT_DIR"), "/pack.rs"));

/// The texts for a language code, if the pack has that language.
pub fn texts_for(code: &str) -> Option<&'static Texts> {
    LANGUAGES.iter().find(|t| t.code == code)
}

/// The pack's default language.
pub fn default_texts() -> &'static Texts {
    &LANGUAGES[0]
}

/// A region's index by id (`intl`, `uk`, `us`, `eu`).
pub fn region_index(id: &str) -> Option<usize> {
    PACK.regions.iter().position(|r| *r == id)
}

#[cfg(test)]
mod witness_tests {
    //! The pack compiler proved each rule can fire by finding an answer set for it; the engine
    //! must agree on every one of them. This keeps the compiler's and the engine's readings of
    //! the rule language from drifting apart.
    use super::PACK;
    use crate::engine::{evaluate, Answers};

    include!(concat!(env!("OUT_DIR"), "/witnesses.rs"));

    #[test]
    fn engine_fires_every_rule_on_the_compilers_witness() {
        assert!(!WITNESSES.is_empty());
        for (rule, masks) in WITNESSES {
            let mut full = vec![0u32; PACK.questions.len()];
            for &(q, mask) in masks.iter() {
                full[usize::from(q)] = mask;
            }
            let answers = Answers::from_masks(&PACK, full.clone());
            assert_eq!(
                answers.masks(),
                &full[..],
                "{rule}: the witness must be a valid answer set"
            );
            let result = evaluate(&PACK, &answers);
            let (kind, id) = rule.split_once(':').expect("kind:id");
            let fired = match kind {
                "red_flag" => result
                    .reasons
                    .iter()
                    .any(|r| r.source.kind() == "red_flag" && r.source.id(&PACK) == id),
                "outcome" => result.decided_by() == *rule,
                "signal" => result
                    .signals
                    .iter()
                    .any(|&s| PACK.signals[usize::from(s)].id == id),
                // At the level the witness was found for.
                "advice" => {
                    let (id, level) = id.split_once('@').expect("advice:id@level");
                    PACK.levels[usize::from(result.level)].id == level
                        && result
                            .advice
                            .iter()
                            .any(|&a| PACK.advice[usize::from(a)].id == id)
                }
                // Score lines are labelled "<factor> entry <n> (...)": the factor must score.
                "score" => {
                    let factor = id.split(' ').next().expect("factor");
                    result.factor_scores[usize::from(PACK.factor_index(factor).expect("factor"))]
                        > 0
                }
                other => panic!("unknown witness kind {other}"),
            };
            assert!(
                fired,
                "the engine does not fire {rule} on the compiler's witness {masks:?}"
            );
        }
    }
}
