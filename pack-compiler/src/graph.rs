//! Checks of the pack's shape as a graph: show-if rules and rules (signals and score lines)
//! must not depend on themselves, and every signal must be used.

use crate::error::Errors;
use crate::resolve::Resolved;
use b12_model::Expr;

/// Whether the pack's graphs are sound; problems go to `errors`.
pub fn check(resolved: &Resolved, errors: &mut Errors) {
    show_if_cycles(resolved, errors);
    rule_cycles(resolved, errors);
    unused_signals(resolved, errors);
}

fn show_if_cycles(resolved: &Resolved, errors: &mut Errors) {
    let (pack, files) = (&resolved.pack, &resolved.files);
    let deps: Vec<Vec<usize>> = pack
        .questions
        .iter()
        .map(|q| {
            let mut deps = Vec::new();
            if let Some(c) = &q.show_if {
                c.expr.visit_atoms(&mut |atom| {
                    if let Expr::Chose { question, .. } = *atom {
                        deps.push(usize::from(question));
                    }
                });
            }
            deps
        })
        .collect();
    for cycle in find_cycles(&deps) {
        let path: Vec<&str> = cycle.iter().map(|&q| pack.questions[q].id).collect();
        errors.push(
            &files.questions,
            format!("question \"{}\" show_if", path[0]),
            format!("show_if cycle: {}", path.join(" -> ")),
        );
    }
}

/// Nodes: signals first, then score lines. A condition depends on the signals it names and on
/// the score lines behind the points it compares.
fn rule_cycles(resolved: &Resolved, errors: &mut Errors) {
    let (pack, files) = (&resolved.pack, &resolved.files);
    let signal_count = pack.signals.len();
    let deps_of = |expr: &Expr| {
        let mut deps = Vec::new();
        expr.visit_atoms(&mut |atom| match *atom {
            Expr::Signal(s) => deps.push(usize::from(s)),
            Expr::PointsAtLeast { factor, group, .. } => deps.extend(
                pack.score_lines(factor, group)
                    .map(|line| signal_count + line),
            ),
            _ => {}
        });
        deps
    };
    let deps: Vec<Vec<usize>> = pack
        .signals
        .iter()
        .map(|s| deps_of(&s.when))
        .chain(pack.scores.iter().map(|s| deps_of(&s.when)))
        .collect();
    let name = |node: usize| {
        if node < signal_count {
            format!("signal {}", pack.signals[node].id)
        } else {
            format!("score {}", resolved.score_labels[node - signal_count])
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

fn unused_signals(resolved: &Resolved, errors: &mut Errors) {
    let (pack, files) = (&resolved.pack, &resolved.files);
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
        condition.visit_atoms(&mut |atom| {
            if let Expr::Signal(s) = *atom {
                used[usize::from(s)] = true;
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
