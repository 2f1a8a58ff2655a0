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

mod witnesses {
    // One answer set per rule under which it fires, found by the pack compiler (`build.rs`).
    include!(concat!(env!("OUT_DIR"), "/witnesses.rs"));
}

/// A way to raise each of the pack's red flags, by id: the answers (question, option mask)
/// under which the pack compiler found it fires. A new red flag is covered without a change
/// here.
pub fn red_flag_ticks() -> Vec<(&'static str, &'static [(u16, u32)])> {
    let ticks: Vec<_> = witnesses::WITNESSES
        .iter()
        .filter_map(|&(rule, answers)| Some((rule.strip_prefix("red_flag:")?, answers)))
        .collect();
    assert_eq!(ticks.len(), PACK.red_flags.len(), "a witness per red flag");
    ticks
}

/// `answers` with a red flag's answers added the way the questionnaire would allow it.
pub fn with_red_flag(answers: &Answers, tick: &[(u16, u32)]) -> Answers {
    let mut changed = answers.clone();
    for &(q, mask) in tick {
        let question = &PACK.questions[usize::from(q)];
        for o in (0..question.options.len() as u16).filter(|o| mask & (1 << o) != 0) {
            match question.kind {
                QuestionKind::Single => changed.choose(&PACK, q, o),
                QuestionKind::Multi if changed.mask(q) & (1 << o) == 0 => {
                    changed.toggle(&PACK, q, o)
                }
                QuestionKind::Multi => {}
            }
        }
    }
    changed
}

/// Ticking any red flag never lowers urgency.
pub fn check_red_flag_monotonic(
    answers: &Answers,
    (flag, tick): (&str, &[(u16, u32)]),
) -> Result<(), String> {
    let before = evaluate(&PACK, answers);
    let after = evaluate(&PACK, &with_red_flag(answers, tick));
    if urgency(&after) > urgency(&before) {
        return Err(format!(
            "raising {flag} lowered {} to {}",
            before.level_id(),
            after.level_id()
        ));
    }
    if after.decided_by() != "red_flags" {
        return Err(format!("raising {flag} did not decide the result"));
    }
    Ok(())
}
