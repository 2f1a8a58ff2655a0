//! Conditions as written (`q_age is 65_74 and not b12_gate`) resolved into the model's
//! [`Expr`]: names become indices, and every misuse is reported with its file and entry.

use crate::cond::{self, Cmp, Cond};
use crate::error::Errors;
use crate::ids::Ids;
use crate::leak;
use b12_model::{Condition, Expr, Question, QuestionKind};

/// What a condition may name.
pub struct Names<'a> {
    pub question_ids: &'a Ids,
    /// The questions, for their kinds and options (their show-if rules are not set yet).
    pub questions: &'a [Question],
    pub signals: &'a Ids,
    pub factors: &'a Ids,
    /// Score group names, and per factor the groups its score lines use.
    pub groups: &'a [String],
    pub factor_groups: &'a [Vec<usize>],
}

/// Which atoms a condition may use.
#[derive(Clone, Copy, PartialEq)]
pub enum Scope {
    /// A show-if rule: questions only, so the questionnaire can decide it as the reader answers.
    QuestionsOnly,
    Everything,
}

impl Names<'_> {
    /// The condition `source`, or None with its problems in `errors`.
    pub fn condition(
        &self,
        file: &str,
        entry: &str,
        source: &str,
        scope: Scope,
        errors: &mut Errors,
    ) -> Option<Condition> {
        let parsed = match cond::parse(source) {
            Ok(parsed) => parsed,
            Err(message) => {
                errors.push(
                    file,
                    entry,
                    format!("condition \"{}\": {message}", source.trim()),
                );
                return None;
            }
        };
        let before = errors.0.len();
        let mut at = Place {
            file,
            entry,
            errors,
        };
        let expr = self.expr(&parsed, scope, &mut at);
        (errors.0.len() == before).then(|| Condition {
            expr,
            source: leak::text(source.split_whitespace().collect::<Vec<_>>().join(" ")),
        })
    }

    fn expr(&self, c: &Cond, scope: Scope, at: &mut Place) -> Expr {
        let list = |parts: &[Cond], at: &mut Place| {
            leak::list(parts.iter().map(|p| self.expr(p, scope, at)).collect())
        };
        match c {
            Cond::Is { question, options } => {
                self.chose(question, Some(options), QuestionKind::Single, at)
            }
            Cond::Has { question, options } => {
                self.chose(question, Some(options), QuestionKind::Multi, at)
            }
            Cond::HasAny { question } => self.chose(question, None, QuestionKind::Multi, at),
            // The questionnaire takes a question that is answered as staying shown while others
            // are still open (`engine::could_be_more_urgent`): true of every show_if without
            // "not", as answering more can then only show questions.
            Cond::Not(_) if scope == Scope::QuestionsOnly => {
                at.error("show_if may not use \"not\": answering another question must never hide an answered one".to_string())
            }
            Cond::Not(inner) => Expr::Not(Box::leak(Box::new(self.expr(inner, scope, at)))),
            Cond::All(parts) => Expr::All(list(parts, at)),
            Cond::Any(parts) => Expr::Any(list(parts, at)),
            Cond::Signal(name) | Cond::Points { factor: name, .. }
                if scope == Scope::QuestionsOnly =>
            {
                at.error(format!(
                    "show_if may only refer to questions, not \"{name}\""
                ))
            }
            Cond::Signal(name) => match self.signals.get(name) {
                Some(s) => Expr::Signal(s as u16),
                None if self.question_ids.contains(name) => at.error(format!(
                    "question \"{name}\" needs \"is\", \"in\" or \"has\" in a condition"
                )),
                None => at.error(format!("unknown signal \"{name}\" (not in rules.toml)")),
            },
            Cond::Points {
                factor,
                group,
                op,
                value,
            } => self.points(factor, group.as_deref(), *op, *value, at),
        }
    }

    fn points(
        &self,
        factor: &str,
        group: Option<&str>,
        op: Cmp,
        value: i32,
        at: &mut Place,
    ) -> Expr {
        let Some(f) = self.factors.find(factor, at.file, at.entry, at.errors) else {
            return Expr::All(&[]);
        };
        let group_index = match group {
            None => None,
            Some(g) => match self
                .groups
                .iter()
                .position(|x| x == g)
                .filter(|i| self.factor_groups[f].contains(i))
            {
                Some(i) => Some(i as u16),
                None => {
                    return at.error(format!(
                        "factor \"{factor}\" has no score group \"{g}\" in scoring.toml"
                    ))
                }
            },
        };
        let at_least = |min: i32| Expr::PointsAtLeast {
            factor: f as u16,
            group: group_index,
            min,
        };
        let not = |expr: Expr| Expr::Not(Box::leak(Box::new(expr)));
        // "> n", "<= n" and "= n" compare with n + 1 points.
        match (op, value.checked_add(1)) {
            (Cmp::Ge, _) => at_least(value),
            (Cmp::Lt, _) => not(at_least(value)),
            (Cmp::Gt, Some(above)) => at_least(above),
            (Cmp::Le, Some(above)) => not(at_least(above)),
            (Cmp::Eq, Some(above)) => {
                Expr::All(leak::list(vec![at_least(value), not(at_least(above))]))
            }
            (_, None) => {
                let name = group.map_or_else(|| factor.to_string(), |g| format!("{factor}.{g}"));
                at.error(format!(
                    "points({name}) compared to {value}: the number is too large (at most {} here)",
                    i32::MAX - 1
                ))
            }
        }
    }

    fn chose(
        &self,
        question: &str,
        options: Option<&Vec<String>>,
        used_as: QuestionKind,
        at: &mut Place,
    ) -> Expr {
        let Some(qi) = self
            .question_ids
            .find(question, at.file, at.entry, at.errors)
        else {
            return Expr::All(&[]);
        };
        let q = &self.questions[qi];
        if q.kind != used_as {
            let hint = match q.kind {
                QuestionKind::Single => "it is a one-answer question: use \"is\" or \"in\"",
                QuestionKind::Multi => "it is a tick-all-that-apply question: use \"has\"",
            };
            return at.error(format!("{question}: {hint}"));
        }
        let Some(options) = options else {
            return Expr::Chose {
                question: qi as u16,
                options: q.ticking_options(),
            };
        };
        let mut mask = 0u32;
        for option in options {
            match q.option_index(option) {
                Some(_) if option == "none" => {
                    at.error(format!(
                        "\"none\" cannot be tested directly: write \"not {question} has any\""
                    ));
                }
                Some(i) => mask |= 1 << i,
                None => {
                    at.error(format!(
                        "unknown option \"{option}\" for {question} (its options: {})",
                        q.options.join(", ")
                    ));
                }
            }
        }
        Expr::Chose {
            question: qi as u16,
            options: mask,
        }
    }
}

/// Where a condition is written, for its messages.
struct Place<'a> {
    file: &'a str,
    entry: &'a str,
    errors: &'a mut Errors,
}

impl Place<'_> {
    /// Reports a problem; the part of the condition becomes a placeholder (the build fails).
    fn error(&mut self, message: String) -> Expr {
        self.errors.push(self.file, self.entry, message);
        Expr::All(&[])
    }
}
