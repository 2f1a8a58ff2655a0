//! A sweep over a large part of the answer space: every combination of the one-answer questions
//! that are always asked, each with several multi-choice sets drawn from a fixed-seed generator
//! (red flags kept rare and other ticks sparse, so that the sweep reaches every result level). Every
//! assessment is checked for completeness, and a random red flag is added to each to check
//! that it never lowers urgency. Prints what it covered.

mod support;

use b12_cramp_check::engine::model::QuestionKind;
use b12_cramp_check::engine::{evaluate, Answers};
use b12_cramp_check::pack::PACK;
use support::{check_assessment, check_red_flag_monotonic, red_flag_ticks};

/// SplitMix64: a small, well-mixed generator; fixed seeds keep the sweep reproducible.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SAMPLES_PER_COMBINATION: u64 = 3;

#[test]
fn sweep_single_choice_combinations_with_sampled_multi_choice_sets() {
    let singles: Vec<usize> = (0..PACK.questions.len())
        .filter(|&q| {
            PACK.questions[q].kind == QuestionKind::Single && PACK.questions[q].show_if.is_none()
        })
        .collect();
    let combinations: u64 = singles
        .iter()
        .map(|&q| PACK.questions[q].options.len() as u64)
        .product();
    let red_flag_questions = ["q_emergency_signs", "q_urgent_signs"]
        .map(|id| usize::from(PACK.question_index(id).expect("q")));
    let ticks = red_flag_ticks();
    let mut counts = vec![0u64; PACK.levels.len()];
    let mut failures = Vec::new();

    for sample in 0..combinations * SAMPLES_PER_COMBINATION {
        let index = sample / SAMPLES_PER_COMBINATION;
        let mut rng = SplitMix(sample);
        let mut masks = vec![0u32; PACK.questions.len()];
        let mut rest = index;
        for &q in &singles {
            let n = PACK.questions[q].options.len() as u64;
            masks[q] = 1 << (rest % n);
            rest /= n;
        }
        for (q, question) in PACK.questions.iter().enumerate() {
            let all = (1u64 << question.options.len()) - 1;
            masks[q] = match (question.kind, question.show_if.is_some()) {
                (QuestionKind::Single, false) => masks[q],
                // Conditional one-answer questions: unanswered or any option.
                (QuestionKind::Single, true) => {
                    (1u32 << rng.below(question.options.len() as u64 + 1)) >> 1
                }
                // Red flags stay rare (1 in 8) so that every level is reached.
                (QuestionKind::Multi, _)
                    if red_flag_questions.contains(&q) && rng.below(8) != 0 =>
                {
                    question.exclusive.map_or(0, |none| 1 << none)
                }
                // A third each: "none" (or unanswered), unanswered, a sparse set of ticks.
                (QuestionKind::Multi, _) => match rng.below(3) {
                    0 => question.exclusive.map_or(0, |none| 1 << none),
                    1 => 0,
                    _ => (rng.next() & rng.next() & all) as u32,
                },
            };
        }
        let answers = Answers::from_masks(&PACK, masks);
        let assessment = evaluate(&PACK, &answers);
        counts[usize::from(assessment.level)] += 1;
        let tick = ticks[rng.below(ticks.len() as u64) as usize];
        if let Err(problem) =
            check_assessment(&assessment).and_then(|()| check_red_flag_monotonic(&answers, tick))
        {
            failures.push(format!("{:?}: {problem}", answers.masks()));
        }
    }

    let by_level: Vec<String> = PACK
        .levels
        .iter()
        .zip(&counts)
        .map(|(level, n)| format!("{} {n}", level.id))
        .collect();
    println!(
        "sweep: {} answer sets of pack {} ({combinations} combinations of {} one-answer questions, \
         {SAMPLES_PER_COMBINATION} multi-choice samples each), each also checked with a red flag added; results: {}",
        combinations * SAMPLES_PER_COMBINATION,
        PACK.version,
        singles.len(),
        by_level.join(", ")
    );
    assert!(
        failures.is_empty(),
        "{} failures, first: {}",
        failures.len(),
        failures[0]
    );
    assert!(
        counts.iter().all(|&n| n > 0),
        "every result level is reached: {by_level:?}"
    );
}
