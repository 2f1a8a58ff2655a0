//! An assessment as readable text: the result, why, what the answers point to, the advice by
//! section, and numbered sources. Citations are numbered in order of first appearance.

use crate::engine::model::{RefIdx, Section};
use crate::engine::{Assessment, ReasonSource};
use crate::pack::{factor_apart, Texts};
use std::fmt::Write;

/// Numbers sources in order of first citation, as a result lists them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Citations {
    order: Vec<RefIdx>,
}

impl Citations {
    /// The numbers (from 1) of these sources, numbering new ones as they come.
    pub fn cite(&mut self, refs: &[RefIdx]) -> Vec<usize> {
        refs.iter()
            .map(|&r| match self.order.iter().position(|&c| c == r) {
                Some(i) => i + 1,
                None => {
                    self.order.push(r);
                    self.order.len()
                }
            })
            .collect()
    }

    /// Every cited source, in number order.
    pub fn sources(&self) -> &[RefIdx] {
        &self.order
    }
}

pub fn explain(assessment: &Assessment, texts: &Texts, region: usize) -> String {
    let pack = assessment.pack;
    let fill = |text: &str| texts.fill(text, region);
    let mut citations = Citations::default();
    // " [1][2]" for the sources of one statement.
    let mut cite = |refs: &[RefIdx]| -> String {
        let marks: String = citations
            .cite(refs)
            .iter()
            .map(|n| format!("[{n}]"))
            .collect();
        if marks.is_empty() {
            marks
        } else {
            format!(" {marks}")
        }
    };
    let ui = &texts.ui;
    let mut out = String::new();
    let w = &mut out;
    let level = &texts.levels[usize::from(assessment.level)];
    let _ = writeln!(w, "{}: {}", ui.result, level.heading);
    let _ = writeln!(
        w,
        "{}{}\n",
        fill(level.action),
        cite(assessment.level_refs())
    );

    let _ = writeln!(w, "{}", ui.why_this_result);
    for reason in &assessment.reasons {
        let text = match reason.source {
            ReasonSource::RedFlag(i) => texts.red_flags[usize::from(i)].to_string(),
            ReasonSource::Outcome(i) => texts.outcomes[usize::from(i)].to_string(),
            ReasonSource::Signal(i) => texts.signals[usize::from(i)].to_string(),
            ReasonSource::Factor(f) => {
                format!("{}: {}.", ui.top_factor, texts.factors[usize::from(f)].name)
            }
        };
        let _ = writeln!(w, "  - {}{}", fill(&text), cite(&reason.refs));
        for &(q, o) in &reason.answers {
            let question = &texts.questions[usize::from(q)];
            let _ = writeln!(
                w,
                "      {}: \"{}\" ({})",
                ui.you_said,
                fill(question.options[usize::from(o)]),
                fill(question.text)
            );
        }
    }

    if assessment.shows_factors() {
        let _ = writeln!(w, "\n{}", ui.factor_chart);
        let causes = assessment.causes_in_chart_order();
        let width = causes
            .iter()
            .map(|&f| texts.factors[usize::from(f)].name.chars().count())
            .max()
            .unwrap_or(0);
        for f in causes {
            let score = assessment.factor_scores[usize::from(f)];
            let marker = if f == assessment.top_factor { " <" } else { "" };
            let bar = "#".repeat(score.clamp(0, 40) as usize);
            let _ = writeln!(
                w,
                "  {:<width$}  {score:>2}  {bar}{marker}",
                texts.factors[usize::from(f)].name
            );
        }
        for f in assessment.factors_apart() {
            let _ = writeln!(
                w,
                "  {}",
                factor_apart(texts, f, f == assessment.top_factor)
            );
        }
    }

    for section in Section::ALL {
        let items: Vec<u16> = assessment.advice_in(section).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(w, "\n{}", texts.sections[section as usize]);
        for a in items {
            let refs = pack.advice[usize::from(a)].refs;
            let _ = writeln!(
                w,
                "  - {}{}",
                fill(texts.advice[usize::from(a)]),
                cite(refs)
            );
        }
    }

    let _ = writeln!(w, "\n{}", ui.sources);
    for (n, &r) in citations.sources().iter().enumerate() {
        let reference = &pack.references[usize::from(r)];
        let year = reference
            .year
            .map(|y| format!(" ({y})"))
            .unwrap_or_default();
        let _ = writeln!(
            w,
            "  [{}] {}. {}{}. {}",
            n + 1,
            reference.publisher,
            reference.title,
            year,
            reference.url
        );
    }
    let _ = writeln!(w, "\n{}\n{}", ui.disclaimer, ui.privacy);
    let _ = writeln!(
        w,
        "{} {} ({} {}). {}: {}.",
        ui.pack_version,
        pack.version,
        ui.last_reviewed,
        pack.last_reviewed,
        ui.review_status,
        pack.review_status
    );
    out
}
