//! Shared by the property tests and the sweep: what every assessment must satisfy, and how to
//! add a red flag to an answer set.

use b12_cramp_check::engine::model::{Pack, QuestionKind};
use b12_cramp_check::engine::{evaluate, Answers, Assessment};
use b12_cramp_check::pack::PACK;

/// Urgency rank of a result: 0 is the most urgent (pack.toml lists levels most urgent first).
pub fn urgency(a: &Assessment) -> u16 {
    a.level
}

/// Checks that hold for every assessment; returns what is wrong, if anything.
pub fn check_assessment(a: &Assessment) -> Result<(), String> {
    let pack: &Pack = a.pack;
    if usize::from(a.level) >= pack.levels.len() || usize::from(a.top_factor) >= pack.factors.len()
    {
        return Err("level or top factor out of range".into());
    }
    if a.reasons.is_empty() {
        return Err(format!("{}: no reason", a.level_id()));
    }
    let is_red = a.decided_by() == "red_flags";
    if is_red != (a.top_factor == pack.red_flag_factor) {
        return Err(format!(
            "{}: red-flag results and only they name red_flag",
            a.level_id()
        ));
    }
    if (a.level_id() == "provider_soon_b12") != (a.top_factor_id() == "b12") {
        return Err("the B12 result and only it names b12".into());
    }
    if a.factor_scores.iter().any(|&s| s < 0) {
        return Err("negative score".into());
    }
    Ok(())
}

/// The ways a red flag can be ticked: (question, option), plus what it needs to be shown.
pub fn red_flag_ticks() -> Vec<Vec<(&'static str, &'static str)>> {
    let mut ticks = Vec::new();
    for id in ["q_emergency_signs", "q_urgent_signs"] {
        let q = &PACK.questions[usize::from(PACK.question_index(id).expect("question"))];
        ticks.extend(
            q.options
                .iter()
                .filter(|o| **o != "none")
                .map(|o| vec![(id, *o)]),
        );
    }
    ticks.push(vec![
        ("q_neuro", "muscle_weakness"),
        ("q_neuro_onset", "sudden_or_rapidly_worsening"),
    ]);
    ticks.push(vec![("q_other_meds", "statin"), ("q_statin_muscle", "yes")]);
    ticks.push(vec![
        ("q_nitrous_oxide", "regular_recent"),
        ("q_neuro", "pins_needles_numbness_both_sides"),
    ]);
    ticks
}

/// `answers` with a red flag ticked the way the questionnaire would allow it.
pub fn with_red_flag(answers: &Answers, tick: &[(&str, &str)]) -> Answers {
    let mut changed = answers.clone();
    for (question, option) in tick {
        let q = PACK.question_index(question).expect("question");
        let question = &PACK.questions[usize::from(q)];
        let o = question.option_index(option).expect("option");
        match question.kind {
            QuestionKind::Single => changed.choose(&PACK, q, o),
            QuestionKind::Multi if changed.mask(q) & (1 << o) == 0 => changed.toggle(&PACK, q, o),
            QuestionKind::Multi => {}
        }
    }
    changed
}

/// Ticking any red flag never lowers urgency.
pub fn check_red_flag_monotonic(answers: &Answers, tick: &[(&str, &str)]) -> Result<(), String> {
    let before = evaluate(&PACK, answers);
    let after = evaluate(&PACK, &with_red_flag(answers, tick));
    if urgency(&after) > urgency(&before) {
        return Err(format!(
            "ticking {tick:?} lowered {} to {}",
            before.level_id(),
            after.level_id()
        ));
    }
    if after.decided_by() != "red_flags" {
        return Err(format!("ticking {tick:?} did not decide the result"));
    }
    Ok(())
}
