//! Checks that need the whole pack: show-if and rule cycles, unused signals, and that every
//! rule can fire. The last one searches for a witness answer set per rule with three-valued
//! logic over partial answers (true, false, not known yet), pruning as soon as a target is
//! decided. The witnesses are kept: the engine's tests replay them.

use crate::error::Errors;
use crate::ir::*;

/// A rule and an answer set (question index, chosen option mask) under which it fires.
pub struct Witness {
    pub rule: String,
    pub answers: Vec<(usize, u32)>,
}

pub fn check(pack: &Pack, files: &PackFiles, errors: &mut Errors) -> Vec<Witness> {
    let before = errors.0.len();
    show_if_cycles(pack, files, errors);
    rule_cycles(pack, files, errors);
    unused_signals(pack, files, errors);
    if errors.0.len() > before {
        // The search assumes an acyclic pack.
        return Vec::new();
    }
    reachability(pack, files, errors)
}

pub struct PackFiles {
    pub questions: String,
    pub scoring: String,
    pub rules: String,
    pub advice: String,
}

pub(crate) fn visit_atoms(expr: &Expr, f: &mut impl FnMut(&Expr)) {
    match expr {
        Expr::Not(inner) => visit_atoms(inner, f),
        Expr::All(parts) | Expr::Any(parts) => parts.iter().for_each(|p| visit_atoms(p, f)),
        atom => f(atom),
    }
}

fn show_if_cycles(pack: &Pack, files: &PackFiles, errors: &mut Errors) {
    let deps: Vec<Vec<usize>> = pack
        .questions
        .iter()
        .map(|q| {
            let mut deps = Vec::new();
            if let Some(c) = &q.show_if {
                visit_atoms(&c.expr, &mut |atom| {
                    if let Expr::Chose { question, .. } = atom {
                        deps.push(*question);
                    }
                });
            }
            deps
        })
        .collect();
    for cycle in find_cycles(&deps) {
        let path: Vec<&str> = cycle
            .iter()
            .map(|&q| pack.questions[q].id.as_str())
            .collect();
        errors.push(
            &files.questions,
            format!("question \"{}\" show_if", path[0]),
            format!("show_if cycle: {}", path.join(" -> ")),
        );
    }
}

/// Nodes: signals first, then score lines. A condition depends on the signals it names and on
/// the score lines behind the points it compares.
fn rule_cycles(pack: &Pack, files: &PackFiles, errors: &mut Errors) {
    let signal_count = pack.signals.len();
    let deps_of = |expr: &Expr| {
        let mut deps = Vec::new();
        visit_atoms(expr, &mut |atom| match atom {
            Expr::Signal(s) => deps.push(*s),
            Expr::PointsAtLeast { factor, group, .. } => deps.extend(
                pack.scores
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.factor == *factor && (group.is_none() || s.group == *group))
                    .map(|(i, _)| signal_count + i),
            ),
            _ => {}
        });
        deps
    };
    let deps: Vec<Vec<usize>> = pack
        .signals
        .iter()
        .map(|s| deps_of(&s.when.expr))
        .chain(pack.scores.iter().map(|s| deps_of(&s.when.expr)))
        .collect();
    let name = |node: usize| {
        if node < signal_count {
            format!("signal {}", pack.signals[node].id)
        } else {
            format!("score {}", pack.scores[node - signal_count].label)
        }
    };
    for cycle in find_cycles(&deps) {
        let path: Vec<String> = cycle.iter().map(|&n| name(n)).collect();
        let file = if cycle[0] < signal_count {
            &files.rules
        } else {
            &files.scoring
        };
        errors.push(
            file,
            &path[0],
            format!(
                "rules depend on each other in a cycle: {}",
                path.join(" -> ")
            ),
        );
    }
}

/// Each cycle once, as a path that returns to its first node.
fn find_cycles(deps: &[Vec<usize>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    fn visit(
        n: usize,
        deps: &[Vec<usize>],
        state: &mut [State],
        path: &mut Vec<usize>,
        cycles: &mut Vec<Vec<usize>>,
    ) {
        state[n] = State::OnPath;
        path.push(n);
        for &d in &deps[n] {
            match state[d] {
                State::New => visit(d, deps, state, path, cycles),
                State::OnPath => {
                    let start = path.iter().position(|&p| p == d).unwrap_or(0);
                    let mut cycle = path[start..].to_vec();
                    cycle.push(d);
                    cycles.push(cycle);
                }
                State::Done => {}
            }
        }
        path.pop();
        state[n] = State::Done;
    }
    let mut state = vec![State::New; deps.len()];
    let mut cycles = Vec::new();
    for n in 0..deps.len() {
        if state[n] == State::New {
            visit(n, deps, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    cycles
}

fn unused_signals(pack: &Pack, files: &PackFiles, errors: &mut Errors) {
    let mut used = vec![false; pack.signals.len()];
    let conditions = pack
        .scores
        .iter()
        .map(|s| &s.when)
        .chain(pack.red_flags.iter().map(|f| &f.when))
        .chain(pack.signals.iter().map(|s| &s.when))
        .chain(pack.outcomes.iter().filter_map(|o| o.when.as_ref()))
        .chain(pack.advice.iter().filter_map(|a| a.when.as_ref()));
    for condition in conditions {
        visit_atoms(&condition.expr, &mut |atom| {
            if let Expr::Signal(s) = atom {
                used[*s] = true;
            }
        });
    }
    for (signal, _) in pack.signals.iter().zip(&used).filter(|(_, used)| !**used) {
        errors.push(
            &files.rules,
            format!("signal \"{}\"", signal.id),
            "is never used by an outcome, a red flag, a score or advice",
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Can every rule fire?

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tri {
    False,
    Unknown,
    True,
}

/// Per question: options known to be chosen, and options known not to be.
#[derive(Clone)]
struct Partial {
    chosen: Vec<u32>,
    excluded: Vec<u32>,
}

fn eval(pack: &Pack, p: &Partial, expr: &Expr) -> Tri {
    match expr {
        Expr::Chose { question, options } => {
            if p.chosen[*question] & options != 0 {
                Tri::True
            } else if options & !p.excluded[*question] == 0 {
                Tri::False
            } else {
                Tri::Unknown
            }
        }
        Expr::PointsAtLeast { factor, group, min } => {
            let (mut low, mut high) = (0, 0);
            for score in pack
                .scores
                .iter()
                .filter(|s| s.factor == *factor && (group.is_none() || s.group == *group))
            {
                match eval(pack, p, &score.when.expr) {
                    Tri::True => {
                        low += score.points;
                        high += score.points;
                    }
                    Tri::Unknown => high += score.points,
                    Tri::False => {}
                }
            }
            if low >= *min {
                Tri::True
            } else if high < *min {
                Tri::False
            } else {
                Tri::Unknown
            }
        }
        Expr::Signal(s) => eval(pack, p, &pack.signals[*s].when.expr),
        Expr::Not(inner) => match eval(pack, p, inner) {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        },
        Expr::All(parts) => {
            parts
                .iter()
                .fold(Tri::True, |acc, part| match (acc, eval(pack, p, part)) {
                    (Tri::False, _) | (_, Tri::False) => Tri::False,
                    (Tri::Unknown, _) | (_, Tri::Unknown) => Tri::Unknown,
                    _ => Tri::True,
                })
        }
        Expr::Any(parts) => {
            parts
                .iter()
                .fold(Tri::False, |acc, part| match (acc, eval(pack, p, part)) {
                    (Tri::True, _) | (_, Tri::True) => Tri::True,
                    (Tri::Unknown, _) | (_, Tri::Unknown) => Tri::Unknown,
                    _ => Tri::False,
                })
        }
    }
}

const SEARCH_LIMIT: usize = 500_000;

struct Search<'a> {
    pack: &'a Pack,
    /// Questions in an order where every show_if refers only to earlier ones.
    full_order: Vec<usize>,
    /// The part of `full_order` the current target depends on.
    order: Vec<usize>,
    steps: usize,
}

/// The questions an expression depends on, through signals and score lines, and the questions
/// their show-if rules depend on.
fn relevant_questions(pack: &Pack, target: &Expr) -> Vec<bool> {
    fn visit(pack: &Pack, expr: &Expr, questions: &mut [bool], signals: &mut [bool]) {
        visit_atoms(expr, &mut |atom| match atom {
            Expr::Chose { question, .. } if !questions[*question] => {
                questions[*question] = true;
                if let Some(show_if) = &pack.questions[*question].show_if {
                    visit(pack, &show_if.expr, questions, signals);
                }
            }
            Expr::Signal(s) if !signals[*s] => {
                signals[*s] = true;
                visit(pack, &pack.signals[*s].when.expr, questions, signals);
            }
            Expr::PointsAtLeast { factor, group, .. } => {
                for score in pack
                    .scores
                    .iter()
                    .filter(|s| s.factor == *factor && (group.is_none() || s.group == *group))
                {
                    visit(pack, &score.when.expr, questions, signals);
                }
            }
            _ => {}
        });
    }
    let mut questions = vec![false; pack.questions.len()];
    let mut signals = vec![false; pack.signals.len()];
    visit(pack, target, &mut questions, &mut signals);
    questions
}

enum Found {
    Witness(Partial),
    Impossible,
    TooLong,
}

impl Search<'_> {
    fn find(&mut self, target: &Expr) -> Found {
        self.steps = 0;
        // Only the questions the target depends on are decided; the others stay unanswered.
        let relevant = relevant_questions(self.pack, target);
        self.order = self
            .full_order
            .iter()
            .copied()
            .filter(|&q| relevant[q])
            .collect();
        let n = self.pack.questions.len();
        let mut p = Partial {
            chosen: vec![0; n],
            excluded: vec![0; n],
        };
        match self.question(target, &mut p, 0) {
            Ok(true) => Found::Witness(p),
            Ok(false) => Found::Impossible,
            Err(()) => Found::TooLong,
        }
    }

    /// Decide the questions from `order[at]` on; Ok(true) leaves the witness in `p`.
    fn question(&mut self, target: &Expr, p: &mut Partial, at: usize) -> Result<bool, ()> {
        self.steps += 1;
        if self.steps > SEARCH_LIMIT {
            return Err(());
        }
        match eval(self.pack, p, target) {
            Tri::True => return Ok(true),
            Tri::False => return Ok(false),
            Tri::Unknown => {}
        }
        let Some(&q) = self.order.get(at) else {
            return Ok(false);
        };
        let question = &self.pack.questions[q];
        let all = question.all_options();
        let shown = question
            .show_if
            .as_ref()
            .map_or(Tri::True, |c| eval(self.pack, p, &c.expr));
        if shown == Tri::False {
            p.excluded[q] = all;
            let found = self.question(target, p, at + 1);
            if found != Ok(true) {
                p.excluded[q] = 0;
            }
            return found;
        }
        match question.kind {
            Kind::Single => {
                // Unanswered first, then each option.
                for choice in std::iter::once(None).chain((0..question.options.len()).map(Some)) {
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
            Kind::Multi => self.option(target, p, at, q, 0),
        }
    }

    /// Decide option `o` of multi question `q`, then the rest of it, then the next questions.
    fn option(
        &mut self,
        target: &Expr,
        p: &mut Partial,
        at: usize,
        q: usize,
        o: usize,
    ) -> Result<bool, ()> {
        let question = &self.pack.questions[q];
        // The exclusive "none" is decided last.
        let order: Vec<usize> = (0..question.options.len())
            .filter(|&i| Some(i) != question.exclusive)
            .chain(question.exclusive)
            .collect();
        let Some(&option) = order.get(o) else {
            return self.question(target, p, at + 1);
        };
        let bit = 1u32 << option;
        let none_allowed = Some(option) != question.exclusive || p.chosen[q] == 0;
        for tick in [false, true] {
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
                visit_atoms(&c.expr, &mut |atom| {
                    if let Expr::Chose { question, .. } = atom {
                        ready &= placed[*question] || *question == i;
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

fn none_of(conditions: impl Iterator<Item = Expr>) -> Expr {
    Expr::Not(Box::new(Expr::Any(conditions.collect())))
}

/// The result is level `level`, as the engine decides it.
fn result_is(pack: &Pack, level: usize) -> Expr {
    let flags_at = |keep: &dyn Fn(usize) -> bool| {
        pack.red_flags
            .iter()
            .filter(|f| keep(f.level))
            .map(|f| f.when.expr.clone())
            .collect::<Vec<_>>()
    };
    if pack.red_flags.iter().any(|f| f.level == level) {
        return Expr::All(vec![
            Expr::Any(flags_at(&|l| l == level)),
            Expr::Not(Box::new(Expr::Any(flags_at(&|l| l < level)))),
        ]);
    }
    Expr::Any(
        pack.outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| o.triage == level)
            .map(|(k, _)| outcome_fires(pack, k))
            .collect(),
    )
}

/// Outcome `k` decides the result: no red flag, no earlier outcome, and its own condition.
fn outcome_fires(pack: &Pack, k: usize) -> Expr {
    let mut parts = vec![none_of(pack.red_flags.iter().map(|f| f.when.expr.clone()))];
    parts.extend(
        pack.outcomes[..k]
            .iter()
            .filter_map(|o| o.when.as_ref())
            .map(|c| Expr::Not(Box::new(c.expr.clone()))),
    );
    parts.extend(pack.outcomes[k].when.as_ref().map(|c| c.expr.clone()));
    Expr::All(parts)
}

fn reachability(pack: &Pack, files: &PackFiles, errors: &mut Errors) -> Vec<Witness> {
    let mut search = Search {
        pack,
        full_order: show_if_order(pack),
        order: Vec::new(),
        steps: 0,
    };
    let mut witnesses = Vec::new();
    // `entry` names the rule for an editor; `rule` keys the witness for the engine's tests.
    let mut target = |file: &str, entry: String, rule: String, expr: Expr, never: &str| {
        match search.find(&expr) {
        Found::Witness(p) => witnesses.push(Witness {
            rule,
            answers: p.chosen.iter().enumerate().filter(|(_, m)| **m != 0).map(|(q, m)| (q, *m)).collect(),
        }),
        Found::Impossible => errors.push(file, entry, never),
        Found::TooLong => errors.push(file, entry, "could not confirm within the search limit that it can ever apply; simplify its condition"),
    }
    };
    for flag in &pack.red_flags {
        target(
            &files.rules,
            format!("red_flag \"{}\"", flag.id),
            format!("red_flag:{}", flag.id),
            flag.when.expr.clone(),
            "can never hold, whatever the answers",
        );
    }
    for (i, signal) in pack.signals.iter().enumerate() {
        target(
            &files.rules,
            format!("signal \"{}\"", signal.id),
            format!("signal:{}", signal.id),
            Expr::Signal(i),
            "can never hold, whatever the answers",
        );
    }
    for score in &pack.scores {
        target(
            &files.scoring,
            score.label.clone(),
            format!("score:{}", score.label),
            score.when.expr.clone(),
            "can never hold, whatever the answers",
        );
    }
    for (k, outcome) in pack.outcomes.iter().enumerate() {
        target(
            &files.rules,
            format!("outcome \"{}\"", outcome.id),
            format!("outcome:{}", outcome.id),
            outcome_fires(pack, k),
            "can never be the result: whenever its condition holds, a red flag or an earlier outcome applies first",
        );
    }
    for advice in &pack.advice {
        let mut shown = Expr::Any(advice.levels.iter().map(|&l| result_is(pack, l)).collect());
        if let Some(when) = &advice.when {
            shown = Expr::All(vec![shown, when.expr.clone()]);
        }
        target(
            &files.advice,
            format!("advice \"{}\"", advice.id),
            format!("advice:{}", advice.id),
            shown,
            "can never be shown: its condition never holds at the levels it lists",
        );
    }
    witnesses
}
