//! Property tests over arbitrary answer sets (any options, any combination, any question
//! unanswered; repaired the way the questionnaire would: hidden questions unanswered, "none"
//! giving way to other ticks).

mod support;

use b12_cramp_check::engine::{evaluate, Answers};
use b12_cramp_check::pack::PACK;
use b12_cramp_check::share;
use proptest::prelude::*;
use support::{check_assessment, check_red_flag_monotonic, red_flag_ticks};

fn any_answers() -> impl Strategy<Value = Answers> {
    let sizes: Vec<usize> = PACK.questions.iter().map(|q| q.options.len()).collect();
    sizes
        .into_iter()
        .map(|n| prop_oneof![Just(0u32), 0..(1u32 << n)])
        .collect::<Vec<_>>()
        .prop_map(|masks| Answers::from_masks(&PACK, masks))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn evaluation_is_total_and_every_assessment_is_complete(answers in any_answers()) {
        let assessment = evaluate(&PACK, &answers);
        prop_assert_eq!(check_assessment(&assessment), Ok(()));
        // And it always serialises.
        prop_assert!(serde_json::to_string(&assessment).is_ok());
    }

    #[test]
    fn ticking_any_red_flag_never_lowers_urgency(answers in any_answers(), which in any::<prop::sample::Index>()) {
        let ticks = red_flag_ticks();
        let tick = &ticks[which.index(ticks.len())];
        prop_assert_eq!(check_red_flag_monotonic(&answers, tick), Ok(()));
    }

    /// What the embed's `share-answers` event carries is what `evaluate()` and the CLI accept back.
    #[test]
    fn raw_answers_round_trip_through_json(answers in any_answers()) {
        let json = serde_json::to_string(&answers.to_raw(&PACK)).unwrap();
        let raw: b12_cramp_check::engine::RawAnswers = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(Answers::from_raw(&PACK, &raw), Ok(answers));
    }

    #[test]
    fn share_codes_round_trip(answers in any_answers()) {
        let code = share::encode(&PACK, &answers);
        prop_assert_eq!(share::decode(&PACK, &code), Ok(answers));
    }

    #[test]
    fn arbitrary_strings_never_panic_the_share_decoder(code in "\\PC{0,80}") {
        let _ = share::decode(&PACK, &code);
    }

    /// Codes one edit away from a real one: decoded or refused, never a panic.
    #[test]
    fn damaged_share_codes_never_panic(answers in any_answers(), at in any::<prop::sample::Index>(), with in "[A-Za-z0-9_-]") {
        let mut code = share::encode(&PACK, &answers);
        let at = at.index(code.len());
        code.replace_range(at..=at, &with);
        let _ = share::decode(&PACK, &code);
    }

    #[test]
    fn arbitrary_json_never_panics_the_validator(json in "\\{(\"q_[a-z_0-9]{1,20}\": ?(\"[a-z_0-9]{1,12}\"|\\[(\"[a-z_0-9]{1,12}\",?){0,3}\\]|[0-9]+|null),? ?){0,4}\\}") {
        if let Ok(raw) = serde_json::from_str::<b12_cramp_check::engine::RawAnswers>(&json) {
            let _ = Answers::from_raw(&PACK, &raw).map(|a| evaluate(&PACK, &a));
        }
    }
}
