//! Property tests over arbitrary answer sets (any options, any combination, any question
//! unanswered; repaired the way the questionnaire would: hidden questions unanswered, "none"
//! giving way to other ticks).

#[path = "support/generators.rs"]
mod generators;
mod support;

use b12_cramp_check::engine::model::{LevelIdx, QuestionKind};
use b12_cramp_check::engine::{evaluate, Answers, RawAnswers, RawValue};
use b12_cramp_check::pack::PACK;
use b12_cramp_check::questionnaire::{Questionnaire, Screen};
use b12_cramp_check::share;
use generators::any_answers;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::cell::RefCell;
use support::{check_assessment, check_red_flag_monotonic, red_flag_ticks};

const CASES: u32 = 4000;

/// Raw answers built from the pack's own ids: each question absent or given one of its option
/// ids or a list of them, now and then with an option id the question does not have.
fn any_raw_answers() -> impl Strategy<Value = RawAnswers> {
    let entry = (0..PACK.questions.len()).prop_flat_map(|q| {
        let question = &PACK.questions[q];
        let option = prop_oneof![
            9 => prop::sample::select(question.options.to_vec()).prop_map(str::to_string),
            1 => "[a-z_]{1,12}",
        ];
        let value = prop_oneof![
            option.clone().prop_map(RawValue::One),
            prop::collection::vec(option, 0..4).prop_map(RawValue::Many),
        ];
        (Just(question.id.to_string()), value)
    });
    prop::collection::vec(entry, 0..8).prop_map(|entries| {
        // One entry per question, as JSON objects have.
        let mut seen = Vec::new();
        RawAnswers(
            entries
                .into_iter()
                .filter(|(question, _)| {
                    let first = !seen.contains(question);
                    seen.push(question.clone());
                    first
                })
                .collect(),
        )
    })
}

/// Evaluation is total, every assessment is complete and serialises, and ticking any red flag
/// never lowers urgency. Run by hand (not `proptest!`) so that it can print what it covered.
#[test]
fn random_answer_sets_are_complete_and_red_flags_never_lower_urgency() {
    let ticks = red_flag_ticks();
    let walking_pain = usize::from(PACK.question_index("q_walking_pain").expect("question"));
    let levels = RefCell::new(vec![0u32; PACK.levels.len()]);
    let walking = RefCell::new(vec![0u32; PACK.questions[walking_pain].options.len() + 1]);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        ..Config::default()
    });
    let result = runner.run(
        &(any_answers(), any::<prop::sample::Index>()),
        |(answers, which)| {
            let assessment = evaluate(&PACK, &answers);
            prop_assert_eq!(check_assessment(&assessment), Ok(()));
            prop_assert!(serde_json::to_string(&assessment).is_ok());
            let tick = ticks[which.index(ticks.len())];
            prop_assert_eq!(check_red_flag_monotonic(&answers, tick), Ok(()));
            levels.borrow_mut()[usize::from(assessment.level)] += 1;
            let answered = answers.chosen(walking_pain as u16).next();
            walking.borrow_mut()[answered.map_or(0, |o| usize::from(o) + 1)] += 1;
            Ok(())
        },
    );
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let by_level: Vec<String> = PACK
        .levels
        .iter()
        .zip(levels.borrow().iter())
        .map(|(level, n)| format!("{} {n}", level.id))
        .collect();
    let walking = walking.borrow();
    println!(
        "properties: {CASES} random answer sets (pack {}), each also checked with a red flag added; \
         q_walking_pain unanswered {}, {}; results: {}",
        PACK.version,
        walking[0],
        PACK.questions[walking_pain]
            .options
            .iter()
            .zip(&walking[1..])
            .map(|(o, n)| format!("{o} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        by_level.join(", ")
    );
}

proptest! {
    // Each case evaluates every answer to every open question, and the answers each brings in.
    #![proptest_config(ProptestConfig { cases: CASES / 4, ..ProptestConfig::default() })]

    /// Answers placed on a result (from a link or the device) never left a required question
    /// unanswered on the steps they reach whose answer could make that result more urgent:
    /// each such question is given each of its options in turn, and so is any question that
    /// answer brings in, and the answers are evaluated anew (not by the flow's own check).
    #[test]
    fn a_result_never_skips_a_question_that_could_make_it_more_urgent(
        answers in any_answers(),
        calm in prop::collection::vec(any::<bool>(), 2),
    ) {
        // Random answers tick an emergency sign nearly always; "none" on the safety screens,
        // often, lets the other results come from later answers.
        let mut answers = answers;
        for (&calm, id) in calm.iter().zip(["q_emergency_signs", "q_urgent_signs"]) {
            let q = PACK.question_index(id).expect("question");
            let none = PACK.questions[usize::from(q)].exclusive.expect("a none option");
            if calm && answers.mask(q) & (1 << none) == 0 {
                answers.toggle(&PACK, q, none);
            }
        }
        let flow = Questionnaire::restored(&PACK, answers.clone());
        if flow.screen() == Screen::Result {
            prop_assert_eq!(more_urgent_by_answering(&answers, flow.assessment().level, 2), None);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// What the embed's `share-answers` event carries is what `evaluate()` and the CLI accept back.
    #[test]
    fn raw_answers_round_trip_through_json(answers in any_answers()) {
        let json = serde_json::to_string(&answers.to_raw(&PACK)).unwrap();
        let raw: RawAnswers = serde_json::from_str(&json).unwrap();
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

    /// Raw answers naming the pack's real questions and options, in any shape and mix (and
    /// now and then an unknown id): accepted answers evaluate, refusals name what is wrong.
    #[test]
    fn raw_answers_by_id_are_accepted_or_refused_by_name(raw in any_raw_answers()) {
        match Answers::from_raw(&PACK, &raw) {
            Ok(answers) => prop_assert_eq!(check_assessment(&evaluate(&PACK, &answers)), Ok(())),
            Err(error) => {
                let message = error.to_string();
                prop_assert!(raw.0.iter().any(|(question, _)| message.contains(question.as_str())), "{message}");
            }
        }
    }
}

/// An answer (question, option), then another it brings in, to a required question left
/// unanswered on the steps up to the last one answered, that makes the result more urgent than
/// `level`, if any; `depth` answers at most.
fn more_urgent_by_answering(answers: &Answers, level: LevelIdx, depth: u8) -> Option<String> {
    let last_answered = PACK
        .steps
        .iter()
        .rposition(|step| step.questions.iter().any(|&q| answers.is_answered(q)))?;
    let open = PACK.steps[..=last_answered]
        .iter()
        .flat_map(|step| step.questions.iter().copied())
        .filter(|&q| {
            PACK.questions[usize::from(q)].required
                && !answers.is_answered(q)
                && answers.is_shown(&PACK, q)
        });
    for q in open {
        let question = &PACK.questions[usize::from(q)];
        for option in 0..question.options.len() as u16 {
            let mut answered = answers.clone();
            match question.kind {
                QuestionKind::Single => answered.choose(&PACK, q, option),
                QuestionKind::Multi => answered.toggle(&PACK, q, option),
            }
            let found = format!("{}={}", question.id, question.options[usize::from(option)]);
            if evaluate(&PACK, &answered).level < level {
                return Some(found);
            }
            if depth > 1 {
                if let Some(then) = more_urgent_by_answering(&answered, level, depth - 1) {
                    return Some(format!("{found}, then {then}"));
                }
            }
        }
    }
    None
}
