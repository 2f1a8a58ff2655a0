//! Can every rule fire? For each red flag, signal, score line, outcome, and advice item at each
//! level it lists, a search for an answer set under which it fires (its witness), judged by the engine's own
//! reading of the rules (`b12_model::Judge`) on partial answers: true, false, or not known
//! yet, pruning as soon as the target is decided. The witnesses are kept: the engine's tests
//! replay them.

use crate::error::Errors;
use crate::resolve::Resolved;
use b12_model::{Expr, Judge, Knowledge, LevelIdx, Pack, QuestionIdx, QuestionKind, Tri};

/// A rule and an answer set (question index, chosen option mask) under which it fires.
pub struct Witness {
    pub rule: String,
    pub answers: Vec<(usize, u32)>,
}

/// The rule a search looks for a witness of.
#[derive(Clone, Copy)]
enum Target {
    RedFlag(usize),
    Signal(usize),
    ScoreLine(usize),
    /// The outcome decides the result.
    Outcome(usize),
    /// The advice item is shown, at that level.
    Advice(usize, LevelIdx),
}

impl Target {
    fn judge(self, judge: &mut Judge<Partial>) -> Tri {
        match self {
            Target::RedFlag(i) => judge.red_flag(i),
            Target::Signal(i) => judge.signal(i as u16),
            Target::ScoreLine(i) => judge.score_line(i),
            Target::Outcome(k) => judge.outcome_decides(k),
            Target::Advice(a, level) => judge.level_is(level).and(|| judge.advice_shown(a)),
        }
    }

    /// The condition of the target's own, for an advice item: the level's conditions read most
    /// of the pack, and a search that leaves the item's own questions for last can try every
    /// other answer before them.
    fn own_condition(self, pack: &Pack) -> Option<&Expr> {
        match self {
            Target::Advice(a, _) => pack.advice[a].when.as_ref(),
            _ => None,
        }
    }

    /// The conditions the target's judgement can depend on.
    fn conditions(self, pack: &Pack) -> Vec<&Expr> {
        let red_flags = pack.red_flags.iter().map(|f| &f.when);
        let outcomes = |up_to: usize| {
            pack.outcomes[..=up_to]
                .iter()
                .filter_map(|o| o.when.as_ref())
        };
        match self {
            Target::RedFlag(i) => vec![&pack.red_flags[i].when],
            Target::Signal(i) => vec![&pack.signals[i].when],
            Target::ScoreLine(i) => vec![&pack.scores[i].when],
            Target::Outcome(k) => red_flags.chain(outcomes(k)).collect(),
            Target::Advice(a, _) => red_flags
                .chain(outcomes(pack.outcomes.len() - 1))
                .chain(pack.advice[a].when.as_ref())
                .collect(),
        }
    }
}

/// Per question: options known to be chosen, and options known not to be.
#[derive(Clone)]
struct Partial {
    chosen: Vec<u32>,
    excluded: Vec<u32>,
}

impl Knowledge for Partial {
    fn chosen(&self, question: QuestionIdx) -> u32 {
        self.chosen[usize::from(question)]
    }

    fn possible(&self, question: QuestionIdx) -> u32 {
        !self.excluded[usize::from(question)]
    }
}

/// Finds a witness for every rule; a rule without one is an error naming it.
pub fn witnesses(resolved: &Resolved, errors: &mut Errors) -> Vec<Witness> {
    let (pack, files) = (&resolved.pack, &resolved.files);
    let mut search = Search {
        pack,
        full_order: show_if_order(pack),
        order: Vec::new(),
        first: Vec::new(),
        steps: 0,
    };
    let never_holds = "can never hold, whatever the answers";
    let targets = (pack.red_flags.iter().enumerate()).map(|(i, f)| {
        (&files.rules, format!("red_flag \"{}\"", f.id), format!("red_flag:{}", f.id), Target::RedFlag(i), never_holds)
    })
    .chain(pack.signals.iter().enumerate().map(|(i, s)| {
        (&files.rules, format!("signal \"{}\"", s.id), format!("signal:{}", s.id), Target::Signal(i), never_holds)
    }))
    .chain(resolved.score_labels.iter().enumerate().map(|(i, label)| {
        (&files.scoring, label.clone(), format!("score:{label}"), Target::ScoreLine(i), never_holds)
    }))
    .chain(pack.outcomes.iter().enumerate().map(|(k, o)| {
        (&files.rules, format!("outcome \"{}\"", o.id), format!("outcome:{}", o.id), Target::Outcome(k),
         "can never be the result: whenever its condition holds, a red flag or an earlier outcome applies first")
    }))
    // At each level it lists: a level where it can never show misleads whoever reads the pack.
    .chain(pack.advice.iter().enumerate().flat_map(|(a, item)| item.levels.iter().map(move |&level| {
        let level_id = pack.levels[usize::from(level)].id;
        (&files.advice, format!("advice \"{}\" at level \"{level_id}\"", item.id),
         format!("advice:{}@{level_id}", item.id), Target::Advice(a, level),
         "can never be shown at that level: its condition never holds there (remove the level from its list)")
    })));
    let mut witnesses = Vec::new();
    // `entry` names the rule for an editor; `rule` keys the witness for the engine's tests.
    for (file, entry, rule, target, never) in targets {
        match search.find(target) {
            Found::Witness(p) => witnesses.push(Witness {
                rule,
                answers: p.chosen.iter().enumerate().filter(|(_, m)| **m != 0).map(|(q, m)| (q, *m)).collect(),
            }),
            Found::Impossible => errors.push(file, entry, never),
            Found::TooLong => errors.push(file, entry, "could not confirm within the search limit that it can ever apply; simplify its condition"),
        }
    }
    witnesses
}

const SEARCH_LIMIT: usize = 500_000;

struct Search<'a> {
    pack: &'a Pack,
    /// Questions in an order where every show_if refers only to earlier ones.
    full_order: Vec<usize>,
    /// The part of `full_order` the current target depends on.
    order: Vec<usize>,
    /// The questions decided first, answered before left unanswered.
    first: Vec<bool>,
    steps: usize,
}

enum Found {
    Witness(Partial),
    Impossible,
    TooLong,
}

impl Search<'_> {
    /// A witness, searched for in the pack's order of questions; if that order runs past the
    /// limit, again with the target's own questions first and answered before left unanswered
    /// (an advice item's condition at a level the rest of the pack decides can need that).
    fn find(&mut self, target: Target) -> Found {
        let own = self.pack.questions_read(target.own_condition(self.pack));
        match self.find_with(target, vec![false; own.len()]) {
            Found::TooLong if own.contains(&true) => self.find_with(target, own),
            found => found,
        }
    }

    fn find_with(&mut self, target: Target, first: Vec<bool>) -> Found {
        self.steps = 0;
        self.first = first;
        // Only the questions the target depends on are decided; the others stay unanswered.
        let relevant = self.pack.questions_read(target.conditions(self.pack));
        // `first` holds the questions its show-ifs read too (`questions_read`), so the order
        // stays one where each show-if reads earlier questions.
        let (mut order, rest): (Vec<usize>, Vec<usize>) = self
            .full_order
            .iter()
            .copied()
            .filter(|&q| relevant[q])
            .partition(|&q| self.first[q]);
        order.extend(rest);
        self.order = order;
        let n = self.pack.questions.len();
        let mut p = Partial {
            chosen: vec![0; n],
            excluded: vec![0; n],
        };
        // Unrelated questions stay unanswered.
        for (q, question) in self.pack.questions.iter().enumerate() {
            if !relevant[q] {
                p.excluded[q] = question.all_options();
            }
        }
        match self.question(target, &mut p, 0) {
            Ok(true) => Found::Witness(p),
            Ok(false) => Found::Impossible,
            Err(()) => Found::TooLong,
        }
    }

    /// Decide the questions from `order[at]` on; Ok(true) leaves the witness in `p`.
    fn question(&mut self, target: Target, p: &mut Partial, at: usize) -> Result<bool, ()> {
        self.steps += 1;
        if self.steps > SEARCH_LIMIT {
            return Err(());
        }
        match target.judge(&mut Judge::new(self.pack, p)) {
            Tri::True => return Ok(true),
            Tri::False => return Ok(false),
            Tri::Unknown => {}
        }
        let Some(&q) = self.order.get(at) else {
            return Ok(false);
        };
        let question = &self.pack.questions[q];
        let all = question.all_options();
        if self.pack.is_shown(q as QuestionIdx, p) == Tri::False {
            p.excluded[q] = all;
            let found = self.question(target, p, at + 1);
            if found != Ok(true) {
                p.excluded[q] = 0;
            }
            return found;
        }
        match question.kind {
            QuestionKind::Single => {
                // Unanswered first, then each option (for its own questions, the options first).
                let options = (0..question.options.len()).map(Some);
                let choices: Vec<Option<usize>> = if self.first[q] {
                    options.chain([None]).collect()
                } else {
                    std::iter::once(None).chain(options).collect()
                };
                for choice in choices {
                    let bit = choice.map_or(0, |i| 1u32 << i);
                    p.chosen[q] = bit;
                    p.excluded[q] = all & !bit;
                    if self.question(target, p, at + 1)? {
                        return Ok(true);
                    }
                }
                p.chosen[q] = 0;
                p.excluded[q] = 0;
                Ok(false)
            }
            QuestionKind::Multi => self.option(target, p, at, q, 0),
        }
    }

    /// Decide option `o` of multi question `q`, then the rest of it, then the next questions.
    fn option(
        &mut self,
        target: Target,
        p: &mut Partial,
        at: usize,
        q: usize,
        o: usize,
    ) -> Result<bool, ()> {
        let question = &self.pack.questions[q];
        // The exclusive "none" is decided last.
        let order: Vec<usize> = (0..question.options.len())
            .filter(|&i| Some(i as u16) != question.exclusive)
            .chain(question.exclusive.map(usize::from))
            .collect();
        let Some(&option) = order.get(o) else {
            return self.question(target, p, at + 1);
        };
        let bit = 1u32 << option;
        let none_allowed = Some(option as u16) != question.exclusive || p.chosen[q] == 0;
        let ticks = if self.first[q] {
            [true, false]
        } else {
            [false, true]
        };
        for tick in ticks {
            if tick && !none_allowed {
                continue;
            }
            if tick {
                p.chosen[q] |= bit;
            } else {
                p.excluded[q] |= bit;
            }
            if self.option(target, p, at, q, o + 1)? {
                return Ok(true);
            }
            p.chosen[q] &= !bit;
            p.excluded[q] &= !bit;
        }
        Ok(false)
    }
}

/// Questions in an order where each show-if refers only to earlier questions.
fn show_if_order(pack: &Pack) -> Vec<usize> {
    let mut order = Vec::new();
    let mut placed = vec![false; pack.questions.len()];
    while order.len() < pack.questions.len() {
        for (i, q) in pack.questions.iter().enumerate() {
            if placed[i] {
                continue;
            }
            let mut ready = true;
            if let Some(c) = &q.show_if {
                c.expr.visit_atoms(&mut |atom| {
                    if let Expr::Chose { question, .. } = *atom {
                        ready &= placed[usize::from(question)] || usize::from(question) == i;
                    }
                });
            }
            if ready {
                placed[i] = true;
                order.push(i);
            }
        }
    }
    order
}
