//! The pack's rules resolved into the model: score lines (scoring.toml), red flags, signals
//! and outcomes (rules.toml), and advice (advice.toml).

use crate::conditions::{Names, Scope};
use crate::ids::{Ids, Shape};
use crate::leak;
use crate::resolve::Resolver;
use crate::source::*;
use b12_model::*;

impl Resolver {
    /// The score lines, factor by factor, and where each is written (for messages).
    pub fn scores(
        &mut self,
        scoring: &ScoringFile,
        factor_ids: &Ids,
        groups: &[String],
        names: &Names,
    ) -> (Vec<Score>, Vec<String>) {
        let file = self.files.scoring.clone();
        let mut scores = Vec::new();
        let mut labels = Vec::new();
        for (factor_id, lines) in scoring {
            let Some(factor) = factor_ids.find(factor_id, &file, factor_id, &mut self.errors)
            else {
                continue;
            };
            if factor_id == "red_flag" {
                self.errors.push(
                    &file,
                    factor_id,
                    "red_flag counts the red flags in rules.toml and takes no score lines",
                );
            }
            // The checker adds a factor's points up as whole numbers (i32).
            let total = lines
                .iter()
                .try_fold(0i32, |sum, line| sum.checked_add(line.points.max(0)));
            if total.is_none() {
                self.errors.push(
                    &file,
                    factor_id,
                    format!(
                        "the points of its score lines add up to more than {}",
                        i32::MAX
                    ),
                );
            }
            for (n, line) in lines.iter().enumerate() {
                let label = format!("{factor_id} entry {} (\"{}\")", n + 1, line.when);
                if line.points <= 0 {
                    self.errors
                        .push(&file, &label, "points must be a positive whole number");
                }
                let group = line
                    .group
                    .as_ref()
                    .and_then(|g| groups.iter().position(|x| x == g))
                    .map(|g| g as u16);
                let when = names.condition(
                    &file,
                    &label,
                    &line.when,
                    Scope::Everything,
                    &mut self.errors,
                );
                let refs = self.refs(&file, &label, &line.refs, true);
                if let Some(when) = when {
                    self.rule_sources.scores.push(when.source);
                    scores.push(Score {
                        factor: factor as FactorIdx,
                        group,
                        points: line.points,
                        when: when.expr,
                        refs,
                    });
                    labels.push(label);
                }
            }
        }
        (scores, labels)
    }

    pub fn red_flags(
        &mut self,
        red_flags: &[RedFlagSrc],
        levels: &Ids,
        names: &Names,
    ) -> Vec<RedFlag> {
        let file = self.files.rules.clone();
        let entry = |id: &str| format!("red_flag \"{id}\"");
        Ids::define(
            "red flag",
            "rules.toml",
            Shape::Plain,
            red_flags.iter().map(|f| f.id.as_str()),
            &file,
            entry,
            &mut self.errors,
        );
        red_flags
            .iter()
            .filter_map(|f| {
                let entry = entry(&f.id);
                let level = levels
                    .find(&f.level, &file, &entry, &mut self.errors)
                    .unwrap_or(0);
                let refs = self.refs(&file, &entry, &f.refs, true);
                let when =
                    names.condition(&file, &entry, &f.when, Scope::Everything, &mut self.errors)?;
                self.rule_sources.red_flags.push(when.source);
                Some(RedFlag {
                    id: leak::text(&f.id),
                    level: level as LevelIdx,
                    when: when.expr,
                    refs,
                })
            })
            .collect()
    }

    pub fn signals(&mut self, signals: &[SignalSrc], names: &Names) -> Vec<Signal> {
        let file = self.files.rules.clone();
        signals
            .iter()
            .map(|s| {
                let entry = format!("signal \"{}\"", s.id);
                let refs = self.refs(&file, &entry, &s.refs, true);
                // Keep indices aligned with the names even when a condition is broken.
                let when = names
                    .condition(&file, &entry, &s.when, Scope::Everything, &mut self.errors)
                    .unwrap_or(Condition {
                        expr: Expr::All(&[]),
                        source: "",
                    });
                self.rule_sources.signals.push(when.source);
                Signal {
                    id: leak::text(&s.id),
                    internal: s.internal,
                    when: when.expr,
                    refs,
                }
            })
            .collect()
    }

    pub fn outcomes(
        &mut self,
        outcomes: &[OutcomeSrc],
        levels: &Ids,
        factors: &Ids,
        names: &Names,
    ) -> Vec<Outcome> {
        let file = self.files.rules.clone();
        let entry = |id: &str| format!("outcome \"{id}\"");
        Ids::define(
            "outcome",
            "rules.toml",
            Shape::Plain,
            outcomes.iter().map(|o| o.id.as_str()),
            &file,
            entry,
            &mut self.errors,
        );
        if outcomes.is_empty() {
            self.errors
                .push(&file, "", "needs at least one [[outcome]]");
        }
        let last = outcomes.len().saturating_sub(1);
        outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let entry = entry(&o.id);
                match (&o.when, i == last) {
                    (Some(_), true) => self.errors.push(&file, &entry, "the last outcome must have no condition, so that every answer set gets a result"),
                    (None, false) => self.errors.push(&file, &entry, "only the last outcome may have no condition: the outcomes after it could never apply"),
                    _ => {}
                }
                let level = levels.find(&o.level, &file, &entry, &mut self.errors).unwrap_or(0);
                let top = if o.top == "strongest" {
                    TopFactor::Strongest
                } else {
                    TopFactor::Fixed(factors.find(&o.top, &file, &entry, &mut self.errors).unwrap_or(0) as FactorIdx)
                };
                let refs = self.refs(&file, &entry, &o.refs, false);
                let when = o.when.as_ref().and_then(|w| names.condition(&file, &entry, w, Scope::Everything, &mut self.errors));
                self.rule_sources.outcomes.push(when.as_ref().map(|c| c.source));
                Outcome {
                    id: leak::text(&o.id),
                    level: level as LevelIdx,
                    when: when.map(|c| c.expr),
                    top,
                    stop_asking: o.stop_asking,
                    show_factors: o.show_factors,
                    refs,
                }
            })
            .collect()
    }

    pub fn advice(&mut self, advice: &[AdviceSrc], levels: &Ids, names: &Names) -> Vec<Advice> {
        let file = self.files.advice.clone();
        let entry = |id: &str| format!("advice \"{id}\"");
        Ids::define(
            "advice",
            "advice.toml",
            Shape::Plain,
            advice.iter().map(|a| a.id.as_str()),
            &file,
            entry,
            &mut self.errors,
        );
        advice
            .iter()
            .map(|a| {
                let entry = entry(&a.id);
                let section = Section::from_id(&a.section).unwrap_or_else(|| {
                    let known: Vec<&str> = Section::ALL.iter().map(|s| s.id()).collect();
                    self.errors.push(
                        &file,
                        &entry,
                        format!(
                            "unknown section \"{}\" (one of: {})",
                            a.section,
                            known.join(", ")
                        ),
                    );
                    Section::Note
                });
                if a.levels.is_empty() {
                    self.errors
                        .push(&file, &entry, "levels must name at least one result level");
                }
                let at_levels = a
                    .levels
                    .iter()
                    .map(|l| {
                        levels.find(l, &file, &entry, &mut self.errors).unwrap_or(0) as LevelIdx
                    })
                    .collect();
                let refs = self.refs(&file, &entry, &a.refs, false);
                let when = a.when.as_ref().and_then(|w| {
                    names.condition(&file, &entry, w, Scope::Everything, &mut self.errors)
                });
                self.rule_sources
                    .advice
                    .push(when.as_ref().map(|c| c.source));
                Advice {
                    id: leak::text(&a.id),
                    section,
                    levels: leak::list(at_levels),
                    when: when.map(|c| c.expr),
                    refs,
                }
            })
            .collect()
    }

    /// Red flags override everything: no outcome may be as urgent as a red flag.
    pub fn check_red_flags_outrank_outcomes(
        &mut self,
        red_flags: &[RedFlag],
        outcomes: &[Outcome],
    ) {
        let file = self.files.rules.clone();
        let Some(most_urgent_outcome) = outcomes.iter().map(|o| o.level).min() else {
            return;
        };
        for flag in red_flags.iter().filter(|f| f.level >= most_urgent_outcome) {
            self.errors.push(
                &file,
                format!("red_flag \"{}\"", flag.id),
                "a red flag must be more urgent than every outcome's level",
            );
        }
    }
}
