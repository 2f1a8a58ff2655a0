//! From answers to an assessment.
//!
//! 1. Red flags first: if any holds, the result is the most urgent level among them and the top
//!    factor is `red_flag`. Nothing else can outrank them (the pack compiler also refuses a red
//!    flag that is not more urgent than every outcome).
//! 2. Otherwise the first outcome whose condition holds decides the level and the top factor.
//! 3. Every factor is scored, every signal is checked, and the advice for the level is chosen.
//! 4. The "why" trace lists the rules that decided it, each with the answers that made it hold
//!    and its sources.

use super::answers::Answers;
use super::assessment::{Assessment, Decision, Reason, ReasonSource};
use super::model::{Expr, FactorIdx, Pack, QuestionIdx, TopFactor};

/// Evaluates answers against a pack. Total: every answer set gets a result.
pub fn evaluate<'p>(pack: &'p Pack, answers: &Answers) -> Assessment<'p> {
    // The questionnaire never keeps answers to hidden questions; neither does the engine.
    let mut visible = answers.clone();
    visible.drop_hidden(pack);
    let mut eval = Evaluator {
        pack,
        answers: &visible,
        signals: vec![None; pack.signals.len()],
        scores: vec![None; pack.scores.len()],
    };

    let held_flags: Vec<usize> = (0..pack.red_flags.len())
        .filter(|&i| eval.holds(&pack.red_flags[i].when.expr))
        .collect();
    let (decision, triage, top) = match held_flags.iter().map(|&i| pack.red_flags[i].level).min() {
        Some(level) => (
            Decision::RedFlags,
            level,
            TopFactor::Fixed(pack.red_flag_factor),
        ),
        None => {
            let k = pack
                .outcomes
                .iter()
                .position(|o| o.when.as_ref().is_none_or(|c| eval.holds(&c.expr)))
                .unwrap_or(pack.outcomes.len() - 1);
            let outcome = &pack.outcomes[k];
            (Decision::Outcome(k as u16), outcome.triage, outcome.top)
        }
    };

    let factor_scores: Vec<i32> = (0..pack.factors.len() as FactorIdx)
        .map(|f| {
            if f == pack.red_flag_factor {
                held_flags.len() as i32
            } else {
                eval.points(f, None)
            }
        })
        .collect();
    let top_factor = match top {
        TopFactor::Fixed(f) => f,
        TopFactor::Strongest => strongest(pack, &factor_scores),
    };

    let mut reasons = Vec::new();
    match decision {
        Decision::RedFlags => {
            let mut by_urgency = held_flags.clone();
            by_urgency.sort_by_key(|&i| pack.red_flags[i].level);
            for i in by_urgency {
                let flag = &pack.red_flags[i];
                let mut found = Explanation::default();
                eval.explain(&flag.when.expr, &mut found);
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
                eval.explain(&c.expr, &mut found);
            }
            reasons.push(Reason {
                source: ReasonSource::Outcome(k),
                refs: outcome.refs.to_vec(),
                answers: found.answers,
            });
            eval.signal_reasons(found.signals, &mut reasons);
            if outcome.show_factors
                && top == TopFactor::Strongest
                && factor_scores[usize::from(top_factor)] > 0
            {
                reasons.push(eval.factor_reason(top_factor));
            }
        }
    }

    let signals = (0..pack.signals.len() as u16)
        .filter(|&s| eval.signal(s))
        .collect();
    let advice = (0..pack.advice.len() as u16)
        .filter(|&a| {
            let item = &pack.advice[usize::from(a)];
            item.levels.contains(&triage) && item.when.as_ref().is_none_or(|c| eval.holds(&c.expr))
        })
        .collect();

    Assessment {
        pack,
        triage,
        top_factor,
        decision,
        factor_scores,
        reasons,
        signals,
        advice,
    }
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

struct Evaluator<'a> {
    pack: &'a Pack,
    answers: &'a Answers,
    signals: Vec<Option<bool>>,
    scores: Vec<Option<bool>>,
}

impl Evaluator<'_> {
    fn holds(&mut self, expr: &Expr) -> bool {
        match expr {
            Expr::Chose { question, options } => self.answers.mask(*question) & options != 0,
            Expr::PointsAtLeast { factor, group, min } => self.points(*factor, *group) >= *min,
            Expr::Signal(s) => self.signal(*s),
            Expr::Not(inner) => !self.holds(inner),
            Expr::All(parts) => parts.iter().all(|p| self.holds(p)),
            Expr::Any(parts) => parts.iter().any(|p| self.holds(p)),
        }
    }

    fn signal(&mut self, s: u16) -> bool {
        let i = usize::from(s);
        if let Some(known) = self.signals[i] {
            return known;
        }
        let pack = self.pack;
        let value = self.holds(&pack.signals[i].when.expr);
        self.signals[i] = Some(value);
        value
    }

    fn score_holds(&mut self, i: usize) -> bool {
        if let Some(known) = self.scores[i] {
            return known;
        }
        let pack = self.pack;
        let value = self.holds(&pack.scores[i].when.expr);
        self.scores[i] = Some(value);
        value
    }

    /// The scoring lines of a factor (or of one of its groups) whose condition holds.
    fn holding_lines(&mut self, factor: FactorIdx, group: Option<u16>) -> Vec<usize> {
        let pack = self.pack;
        (0..pack.scores.len())
            .filter(|&i| {
                pack.scores[i].factor == factor
                    && (group.is_none() || pack.scores[i].group == group)
            })
            .filter(|&i| self.score_holds(i))
            .collect()
    }

    fn points(&mut self, factor: FactorIdx, group: Option<u16>) -> i32 {
        self.holding_lines(factor, group)
            .into_iter()
            .map(|i| self.pack.scores[i].points)
            .sum()
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
                let pack = self.pack;
                for i in self.holding_lines(*factor, *group) {
                    self.explain(&pack.scores[i].when.expr, found);
                }
            }
            Expr::Signal(s) if self.pack.signals[usize::from(*s)].internal => {
                let pack = self.pack;
                self.explain(&pack.signals[usize::from(*s)].when.expr, found);
            }
            Expr::Signal(s) => push_unique(&mut found.signals, *s),
            Expr::Not(_) => {}
            Expr::All(parts) => parts.iter().for_each(|p| self.explain(p, found)),
            Expr::Any(parts) => {
                for part in parts.iter() {
                    if self.holds(part) {
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
            let pack = self.pack;
            let signal = &pack.signals[usize::from(s)];
            let mut found = Explanation::default();
            self.explain(&signal.when.expr, &mut found);
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
        let pack = self.pack;
        let mut refs = pack.factor_refs[usize::from(factor)].to_vec();
        for i in self.holding_lines(factor, None) {
            self.explain(&pack.scores[i].when.expr, &mut found);
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

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}
