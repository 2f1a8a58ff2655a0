//! What the rules say about a set of answers: the one reading of the rule language, used by the
//! engine on a reader's answers and by the pack compiler's search on partial answers.
//!
//! Answers may be partly known (the compiler decides them one by one; the engine asks whether
//! questions still open could make a result more urgent), so every judgement is three-valued:
//! true, false, or not known yet. On complete answers nothing is unknown.

use crate::pack::{Expr, FactorIdx, LevelIdx, Pack, QuestionIdx};

/// A judgement: true, false, or not known yet (Kleene's three-valued logic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    False,
    Unknown,
    True,
}

impl Tri {
    pub fn is_true(self) -> bool {
        self == Tri::True
    }

    /// `self` and `then()`, asking `then` only when `self` is not already false.
    pub fn and(self, then: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::False => Tri::False,
            Tri::True => then(),
            Tri::Unknown => match then() {
                Tri::False => Tri::False,
                _ => Tri::Unknown,
            },
        }
    }

    /// `self` or `then()`, asking `then` only when `self` is not already true.
    pub fn or(self, then: impl FnOnce() -> Tri) -> Tri {
        !(!self).and(|| !then())
    }

    /// True when every part is; false as soon as one is false.
    pub fn all(parts: impl IntoIterator<Item = Tri>) -> Tri {
        let mut result = Tri::True;
        for part in parts {
            match part {
                Tri::False => return Tri::False,
                Tri::Unknown => result = Tri::Unknown,
                Tri::True => {}
            }
        }
        result
    }

    /// True as soon as one part is; false when every part is false.
    pub fn any(parts: impl IntoIterator<Item = Tri>) -> Tri {
        !Tri::all(parts.into_iter().map(|part| !part))
    }
}

impl std::ops::Not for Tri {
    type Output = Tri;

    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

/// What is known of the answers, per question, as option masks.
pub trait Knowledge {
    /// Options known to be chosen.
    fn chosen(&self, question: QuestionIdx) -> u32;
    /// Options that are or may still be chosen (on complete answers: the chosen ones).
    fn possible(&self, question: QuestionIdx) -> u32;
}

/// Whether the answer to `question` includes one of `options`.
fn chose(known: &impl Knowledge, question: QuestionIdx, options: u32) -> Tri {
    if known.chosen(question) & options != 0 {
        Tri::True
    } else if known.possible(question) & options == 0 {
        Tri::False
    } else {
        Tri::Unknown
    }
}

/// A condition's leaves, which the rest of a condition combines.
#[derive(Clone, Copy)]
enum Atom {
    Chose {
        question: QuestionIdx,
        options: u32,
    },
    PointsAtLeast {
        factor: FactorIdx,
        group: Option<u16>,
        min: i32,
    },
    Signal(u16),
}

impl Expr {
    /// The condition's value, given the value of each atom.
    fn judge(&self, atom: &mut dyn FnMut(Atom) -> Tri) -> Tri {
        match *self {
            Expr::Not(inner) => !inner.judge(atom),
            Expr::All(parts) => Tri::all(parts.iter().map(|p| p.judge(atom))),
            Expr::Any(parts) => Tri::any(parts.iter().map(|p| p.judge(atom))),
            Expr::Chose { question, options } => atom(Atom::Chose { question, options }),
            Expr::PointsAtLeast { factor, group, min } => {
                atom(Atom::PointsAtLeast { factor, group, min })
            }
            Expr::Signal(signal) => atom(Atom::Signal(signal)),
        }
    }
}

impl Pack {
    /// Whether a question is asked. Show-if conditions refer only to questions (the pack
    /// compiler checks this), so this needs no scores or signals.
    pub fn is_shown(&self, question: QuestionIdx, known: &impl Knowledge) -> Tri {
        let Some(show_if) = &self.questions[usize::from(question)].show_if else {
            return Tri::True;
        };
        show_if.expr.judge(&mut |atom| match atom {
            Atom::Chose { question, options } => chose(known, question, options),
            Atom::PointsAtLeast { .. } | Atom::Signal(_) => Tri::False,
        })
    }
}

/// The least and most points a factor (or one of its groups) can have; equal on complete
/// answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Points {
    pub least: i32,
    pub most: i32,
}

/// Judges a pack's rules on what is known of the answers, each rule at most once (signals,
/// score lines, red flags, outcome conditions and levels are remembered).
pub struct Judge<'a, K> {
    pack: &'a Pack,
    known: &'a K,
    /// What is known of each rule so far, in [`Rule`] order: signals, score lines, red flags,
    /// outcome conditions, levels (one allocation: the engine makes a judge per evaluation).
    remembered: Vec<Option<Tri>>,
    /// Where each kind of rule starts in `remembered`, after the signals.
    starts: [usize; 4],
}

impl<'a, K: Knowledge> Judge<'a, K> {
    pub fn new(pack: &'a Pack, known: &'a K) -> Self {
        let score_lines = pack.signals.len();
        let red_flags = score_lines + pack.scores.len();
        let outcome_conditions = red_flags + pack.red_flags.len();
        let levels = outcome_conditions + pack.outcomes.len();
        Judge {
            pack,
            known,
            remembered: vec![None; levels + pack.levels.len()],
            starts: [score_lines, red_flags, outcome_conditions, levels],
        }
    }

    pub fn pack(&self) -> &'a Pack {
        self.pack
    }

    pub fn holds(&mut self, expr: &Expr) -> Tri {
        expr.judge(&mut |atom| match atom {
            Atom::Chose { question, options } => chose(self.known, question, options),
            Atom::PointsAtLeast { factor, group, min } => {
                let points = self.points(factor, group);
                if points.least >= min {
                    Tri::True
                } else if points.most < min {
                    Tri::False
                } else {
                    Tri::Unknown
                }
            }
            Atom::Signal(s) => self.signal(s),
        })
    }

    pub fn signal(&mut self, signal: u16) -> Tri {
        let condition = &self.pack.signals[usize::from(signal)].when;
        self.remember(Rule::Signal(usize::from(signal)), |judge| {
            judge.holds(condition)
        })
    }

    pub fn score_line(&mut self, line: usize) -> Tri {
        let condition = &self.pack.scores[line].when;
        self.remember(Rule::ScoreLine(line), |judge| judge.holds(condition))
    }

    pub fn points(&mut self, factor: FactorIdx, group: Option<u16>) -> Points {
        let mut points = Points { least: 0, most: 0 };
        for line in self.pack.score_lines(factor, group) {
            let value = self.pack.scores[line].points;
            match self.score_line(line) {
                Tri::True => {
                    points.least += value;
                    points.most += value;
                }
                // Points are positive (the pack compiler checks this).
                Tri::Unknown => points.most += value,
                Tri::False => {}
            }
        }
        points
    }

    pub fn red_flag(&mut self, flag: usize) -> Tri {
        let condition = &self.pack.red_flags[flag].when;
        self.remember(Rule::RedFlag(flag), |judge| judge.holds(condition))
    }

    /// Whether a red flag of a level that `keep` accepts holds.
    fn any_red_flag(&mut self, keep: impl Fn(LevelIdx) -> bool) -> Tri {
        let flags = self.pack.red_flags;
        Tri::any(
            (0..flags.len())
                .filter(|&i| keep(flags[i].level))
                .map(|i| self.red_flag(i)),
        )
    }

    fn outcome_condition(&mut self, outcome: usize) -> Tri {
        let condition = self.pack.outcomes[outcome].when.as_ref();
        self.remember(Rule::OutcomeCondition(outcome), |judge| {
            condition.map_or(Tri::True, |c| judge.holds(c))
        })
    }

    /// Whether outcome `outcome` decides the result: no red flag holds, no earlier outcome's
    /// condition holds, and its own does. Red flags come first and override everything.
    pub fn outcome_decides(&mut self, outcome: usize) -> Tri {
        (!self.any_red_flag(|_| true))
            .and(|| Tri::all((0..outcome).map(|k| !self.outcome_condition(k))))
            .and(|| self.outcome_condition(outcome))
    }

    /// Whether the result's level is `level`: the most urgent red flag's level if any holds,
    /// else the level of the outcome that decides.
    pub fn level_is(&mut self, level: LevelIdx) -> Tri {
        self.remember(Rule::Level(usize::from(level)), |judge| {
            let outcomes = judge.pack.outcomes;
            let by_red_flag = judge
                .any_red_flag(|l| l == level)
                .and(|| !judge.any_red_flag(|l| l < level));
            by_red_flag.or(|| {
                Tri::any(
                    (0..outcomes.len())
                        .filter(|&k| outcomes[k].level == level)
                        .map(|k| judge.outcome_decides(k)),
                )
            })
        })
    }

    /// Whether an advice item is shown: the result is at one of its levels and its condition
    /// holds.
    pub fn advice_shown(&mut self, advice: usize) -> Tri {
        let pack = self.pack;
        let item = &pack.advice[advice];
        Tri::any(item.levels.iter().map(|&l| self.level_is(l)))
            .and(|| item.when.as_ref().map_or(Tri::True, |c| self.holds(c)))
    }

    /// A rule's judgement, computed by `judge` the first time it is asked for.
    fn remember(&mut self, rule: Rule, judge: impl FnOnce(&mut Self) -> Tri) -> Tri {
        if let Some(known) = *self.slot(rule) {
            return known;
        }
        let value = judge(self);
        *self.slot(rule) = Some(value);
        value
    }

    fn slot(&mut self, rule: Rule) -> &mut Option<Tri> {
        let [score_lines, red_flags, outcome_conditions, levels] = self.starts;
        let at = match rule {
            Rule::Signal(i) => i,
            Rule::ScoreLine(i) => score_lines + i,
            Rule::RedFlag(i) => red_flags + i,
            Rule::OutcomeCondition(i) => outcome_conditions + i,
            Rule::Level(i) => levels + i,
        };
        &mut self.remembered[at]
    }
}

/// The rules a [`Judge`] remembers, by index.
#[derive(Clone, Copy)]
enum Rule {
    Signal(usize),
    ScoreLine(usize),
    RedFlag(usize),
    OutcomeCondition(usize),
    Level(usize),
}

#[cfg(test)]
mod tests {
    use super::Tri::{self, False, True, Unknown};

    #[test]
    fn three_valued_logic_is_kleenes() {
        assert_eq!(Tri::all([True, Unknown]), Unknown);
        assert_eq!(Tri::all([Unknown, False]), False);
        assert_eq!(Tri::any([False, Unknown]), Unknown);
        assert_eq!(Tri::any([Unknown, True]), True);
        assert_eq!(Tri::all([]), True);
        assert_eq!(Tri::any([]), False);
        assert_eq!(!Unknown, Unknown);
        // `and` and `or` ask for their second part only when it can matter.
        assert_eq!(False.and(|| unreachable!()), False);
        assert_eq!(True.or(|| unreachable!()), True);
        assert_eq!(Unknown.and(|| False), False);
        assert_eq!(Unknown.or(|| True), True);
        assert_eq!(Unknown.and(|| True), Unknown);
    }
}
