//! Evaluations per second of the native engine over the example answers (tests/answers/),
//! from answers already read to an assessment: `cargo xtask bench` prints the figure.
//! A benchmark that prints a figure, not a timed test (it asserts nothing about speed). An
//! example, not a `cargo bench` target: a bench builds the library a second time with unwinding
//! panics, and its LTO'd cdylib collides with the first (cargo issue 6313).

use b12_cramp_check::engine::{evaluate, Answers, RawAnswers};
use b12_cramp_check::pack::PACK;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Rounds of about a quarter second each; the median is printed.
const ROUNDS: usize = 7;
const ROUND: Duration = Duration::from_millis(250);

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/answers");
    let mut examples: Vec<Answers> = std::fs::read_dir(dir)
        .expect("tests/answers is readable")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let raw: RawAnswers =
                serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
            Answers::from_raw(&PACK, &raw).ok()
        })
        .collect();
    examples.sort_by_key(|answers| format!("{answers:?}"));
    assert!(!examples.is_empty(), "no valid answers in {dir}");

    let mut rates: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let started = Instant::now();
            let mut evaluations = 0u64;
            while started.elapsed() < ROUND {
                for answers in &examples {
                    black_box(evaluate(&PACK, black_box(answers)));
                }
                evaluations += examples.len() as u64;
            }
            evaluations as f64 / started.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    println!(
        "engine: {:.0} evaluations per second (median of {ROUNDS} rounds over {} example answer sets)",
        rates[ROUNDS / 2],
        examples.len()
    );
}
