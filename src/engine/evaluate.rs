//! From answers to an assessment.
//!
//! 1. Red flags first: if any holds, the result is the most urgent level among them and the top
//!    factor is `red_flag`. Nothing else can outrank them (the pack compiler also refuses a red
//!    flag that is not more urgent than every outcome).
//! 2. Otherwise the first outcome whose condition holds decides the level and the top factor.
//! 3. Every factor is scored, every signal is checked, and the advice for the level is chosen.
//! 4. The "why" trace lists the rules that decided it, each with the answers that made it hold
//!    and its sources.

use super::answers::{Answers, Known};
use super::assessment::{Assessment, Decision, Reason, ReasonSource};
use super::model::{Expr, FactorIdx, Judge, LevelIdx, Pack, QuestionIdx, TopFactor, Tri};

/// Evaluates answers against a pack. Total: every answer set gets a result.
pub fn evaluate<'p>(pack: &'p Pack, answers: &Answers) -> Assessment<'p> {
    // `Answers` never holds an answer to a hidden question (every way to make or change them
    // drops it), so every answer here counts.
    let known = answers.known();
    let mut judge = Judge::new(pack, &known);

    let held_flags: Vec<usize> = (0..pack.red_flags.len())
        .filter(|&i| judge.red_flag(i).is_true())
        .collect();
    let (decision, level, top) = match held_flags.iter().map(|&i| pack.red_flags[i].level).min() {
        Some(level) => (
            Decision::RedFlags,
            level,
            TopFactor::Fixed(pack.red_flag_factor),
        ),
        None => {
            // The last outcome has no condition (the pack compiler checks this), so one decides.
            let k = (0..pack.outcomes.len())
                .find(|&k| judge.outcome_decides(k).is_true())
                .unwrap_or(pack.outcomes.len() - 1);
            let outcome = &pack.outcomes[k];
            (Decision::Outcome(k as u16), outcome.level, outcome.top)
        }
    };

    let factor_scores: Vec<i32> = (0..pack.factors.len() as FactorIdx)
        .map(|f| {
            if f == pack.red_flag_factor {
                held_flags.len() as i32
            } else {
                judge.points(f, None).least
            }
        })
        .collect();
    let top_factor = match top {
        TopFactor::Fixed(f) => f,
        TopFactor::Strongest => strongest(pack, &factor_scores),
    };

    let mut why = Why {
        judge: &mut judge,
        answers,
    };
    let mut reasons = Vec::new();
    match decision {
        Decision::RedFlags => {
            let mut by_urgency = held_flags.clone();
            super::sort_few_by_key(&mut by_urgency, |&i| pack.red_flags[i].level);
            for i in by_urgency {
                let flag = &pack.red_flags[i];
                let mut found = Explanation::default();
                why.explain(&flag.when, &mut found);
                reasons.push(Reason {
                    source: ReasonSource::RedFlag(i as u16),
                    refs: flag.refs.to_vec(),
                    answers: found.answers,
                });
            }
        }
        Decision::Outcome(k) => {
            let outcome = &pack.outcomes[usize::from(k)];
            let mut found = Explanation::default();
            if let Some(c) = &outcome.when {
                why.explain(c, &mut found);
            }
            reasons.push(Reason {
                source: ReasonSource::Outcome(k),
                refs: outcome.refs.to_vec(),
                answers: found.answers,
            });
            why.signal_reasons(found.signals, &mut reasons);
            if outcome.show_factors
                && top == TopFactor::Strongest
                && factor_scores[usize::from(top_factor)] > 0
            {
                reasons.push(why.factor_reason(top_factor));
            }
        }
    }

    let signals = (0..pack.signals.len() as u16)
        .filter(|&s| judge.signal(s).is_true())
        .collect();
    let advice = (0..pack.advice.len() as u16)
        .filter(|&a| judge.advice_shown(usize::from(a)).is_true())
        .collect();

    Assessment {
        pack,
        level,
        top_factor,
        decision,
        factor_scores,
        reasons,
        signals,
        advice,
    }
}

/// Whether a red flag more urgent than `level` could still hold once the `open` questions,
/// unanswered now, are answered: each may take any of its options, and so may a follow-up they
/// could bring in; every other answer stays as it is. The questionnaire asks this before it
/// goes straight to a result, so that no question the reader has been shown is skipped when
/// its answer could make the result more urgent.
pub fn could_be_more_urgent(
    pack: &Pack,
    answers: &Answers,
    open: &[QuestionIdx],
    level: LevelIdx,
) -> bool {
    let chosen = answers.masks();
    let mut possible = chosen.to_vec();
    // Open one question at a time, each that is or may be shown, until none is left: a
    // follow-up may be shown only once its question is open.
    while let Some(q) = open.iter().copied().find(|&q| {
        let known = Known {
            chosen,
            possible: &possible,
        };
        possible[usize::from(q)] == 0 && pack.is_shown(q, &known) != Tri::False
    }) {
        possible[usize::from(q)] = pack.questions[usize::from(q)].all_options();
    }
    let known = Known {
        chosen,
        possible: &possible,
    };
    let mut judge = Judge::new(pack, &known);
    (0..pack.red_flags.len())
        .any(|i| pack.red_flags[i].level < level && judge.red_flag(i) != Tri::False)
}

/// The highest-scoring candidate; the first listed wins a tie; nothing scored means the pack's
/// fallback.
fn strongest(pack: &Pack, scores: &[i32]) -> FactorIdx {
    let mut best: Option<FactorIdx> = None;
    for &f in pack.strongest_of {
        if best.is_none_or(|b| scores[usize::from(f)] > scores[usize::from(b)]) {
            best = Some(f);
        }
    }
    best.filter(|&b| scores[usize::from(b)] > 0)
        .unwrap_or(pack.strongest_when_all_zero)
}

/// What made a true condition true.
#[derive(Default)]
struct Explanation {
    answers: Vec<(QuestionIdx, u16)>,
    /// Signals the reader sees as reasons of their own.
    signals: Vec<u16>,
}

/// The why-trace: which answers made the deciding rules hold.
struct Why<'j, 'a> {
    judge: &'j mut Judge<'a, Known<'a>>,
    answers: &'a Answers,
}

impl Why<'_, '_> {
    /// The score lines of a factor (or of one of its groups) that hold.
    fn holding_lines(&mut self, factor: FactorIdx, group: Option<u16>) -> Vec<usize> {
        let pack = self.judge.pack();
        pack.score_lines(factor, group)
            .filter(|&i| self.judge.score_line(i).is_true())
            .collect()
    }

    /// Collects the answers and shown signals behind a condition that holds. Negations add
    /// nothing: an answer that is absent is not a reason.
    fn explain(&mut self, expr: &Expr, found: &mut Explanation) {
        match expr {
            Expr::Chose { question, options } => {
                let mask = self.answers.mask(*question) & options;
                for option in (0..32u16).filter(|o| mask & (1 << o) != 0) {
                    push_unique(&mut found.answers, (*question, option));
                }
            }
            Expr::PointsAtLeast { factor, group, .. } => {
                let pack = self.judge.pack();
                for i in self.holding_lines(*factor, *group) {
                    self.explain(&pack.scores[i].when, found);
                }
            }
            Expr::Signal(s) if self.judge.pack().signals[usize::from(*s)].internal => {
                let pack = self.judge.pack();
                self.explain(&pack.signals[usize::from(*s)].when, found);
            }
            Expr::Signal(s) => push_unique(&mut found.signals, *s),
            Expr::Not(_) => {}
            Expr::All(parts) => parts.iter().for_each(|p| self.explain(p, found)),
            Expr::Any(parts) => {
                for part in parts.iter() {
                    if self.judge.holds(part).is_true() {
                        self.explain(part, found);
                    }
                }
            }
        }
    }

    /// A reason for each shown signal, and for the shown signals behind those.
    fn signal_reasons(&mut self, mut queue: Vec<u16>, reasons: &mut Vec<Reason>) {
        let mut done = Vec::new();
        while !queue.is_empty() {
            let s = queue.remove(0);
            if done.contains(&s) {
                continue;
            }
            done.push(s);
            let pack = self.judge.pack();
            let signal = &pack.signals[usize::from(s)];
            let mut found = Explanation::default();
            self.explain(&signal.when, &mut found);
            reasons.push(Reason {
                source: ReasonSource::Signal(s),
                refs: signal.refs.to_vec(),
                answers: found.answers,
            });
            queue.extend(found.signals);
        }
    }

    /// The answers behind a factor's points, with the sources of the factor's description and
    /// of each scoring line used.
    fn factor_reason(&mut self, factor: FactorIdx) -> Reason {
        let mut found = Explanation::default();
        let pack = self.judge.pack();
        let mut refs = pack.factors[usize::from(factor)].refs.to_vec();
        for i in self.holding_lines(factor, None) {
            self.explain(&pack.scores[i].when, &mut found);
            for &r in pack.scores[i].refs {
                push_unique(&mut refs, r);
            }
        }
        Reason {
            source: ReasonSource::Factor(factor),
            refs,
            answers: found.answers,
        }
    }
}

pub(super) fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}
