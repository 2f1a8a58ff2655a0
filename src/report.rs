//! A result's outline as plain text (`cramp-check explain`): the banner with the numbers to
//! call, each section under its title, citations as `[n]` marks, and the disclaimer. It adds
//! only layout and labels; the order and the words are the outline's, as on the result screen.
//! The place for keeping the result (print, share: controls on the page) is skipped.

use crate::outline::{Content, Factors, Outline};
use crate::pack::{Texts, UiText};
use std::fmt::Write;

/// The outline in `texts`' language (the one it was made in).
pub fn explain(outline: &Outline, texts: &Texts) -> String {
    let ui = UiText(texts);
    let mut out = String::new();
    let w = &mut out;
    let banner = &outline.banner;
    let _ = writeln!(w, "{}: {}", ui.result(), banner.heading);
    for call in &banner.calls {
        let _ = writeln!(w, "{}", call.label);
    }
    let _ = writeln!(w, "{}{}", banner.action, marks(&banner.citations));
    for section in &outline.sections {
        if let Content::Keep {} = section.content {
            continue;
        }
        let _ = writeln!(w, "\n{}", section.title);
        match &section.content {
            Content::Keep {} => {}
            Content::Advice(items) => {
                for item in items {
                    let _ = writeln!(w, "  - {}{}", item.text, marks(&item.citations));
                }
            }
            Content::Reasons(reasons) => {
                for reason in reasons {
                    let _ = writeln!(w, "  - {}{}", reason.text, marks(&reason.citations));
                    for answer in &reason.answers {
                        let _ = writeln!(w, "      {}: \"{answer}\"", ui.you_said());
                    }
                }
            }
            Content::Factors(factors) => chart(w, factors),
            Content::Answers(given) => {
                for answer in given {
                    let _ = writeln!(w, "  - {}", answer.question);
                    let _ = writeln!(w, "      {}", answer.options.join("; "));
                }
            }
            Content::Sources(sources) => {
                let _ = writeln!(w, "  {}", sources.intro);
                for source in &sources.list {
                    let year = source.year.map(|y| format!(" ({y})")).unwrap_or_default();
                    let _ = writeln!(
                        w,
                        "  [{}] {}. {}{year}. {}",
                        source.number, source.publisher, source.title, source.url
                    );
                }
                let _ = writeln!(w, "  {}", sources.version);
            }
        }
    }
    // The command line's own promise, as the page states its own under the result.
    let _ = writeln!(w, "\n{}\n{}", outline.disclaimer, ui.privacy());
    out
}

/// " [1][2]" for the sources of one statement.
fn marks(citations: &[usize]) -> String {
    let marks: String = citations.iter().map(|n| format!("[{n}]")).collect();
    if marks.is_empty() {
        marks
    } else {
        format!(" {marks}")
    }
}

/// The causes as bars of `#`, one per point (the figures are not shown), the top factor marked
/// `<`; the chart in a sentence; then the factors shown apart.
fn chart(w: &mut String, factors: &Factors) {
    let width = factors
        .causes
        .iter()
        .map(|cause| cause.name.chars().count())
        .max()
        .unwrap_or(0);
    for cause in &factors.causes {
        let bar = "#".repeat(cause.points.clamp(0, 40) as usize);
        let marker = if cause.top { " <" } else { "" };
        let _ = writeln!(w, "  {:<width$}  {bar}{marker}", cause.name);
    }
    let _ = writeln!(w, "  {}", factors.summary);
    for apart in &factors.apart {
        let _ = writeln!(w, "  {}", apart.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::tests::{examples, outline_of};
    use crate::pack::default_texts;

    /// The numbers of every `[n]` mark in `text`, in order.
    fn marks_in(text: &str) -> Vec<usize> {
        text.split('[')
            .skip(1)
            .filter_map(|part| part.split_once(']')?.0.parse().ok())
            .collect()
    }

    #[test]
    fn the_text_has_the_outlines_sections_and_citations_in_its_order() {
        let texts = default_texts();
        for (name, answers) in examples() {
            let outline = outline_of(&answers);
            let text = explain(&outline, texts);
            // Each section's title, after the one before it.
            let mut rest = text.as_str();
            for section in outline.sections.iter().filter(|s| s.id != "keep") {
                let at = rest
                    .find(&format!("\n\n{}\n", section.title))
                    .unwrap_or_else(|| panic!("{name}: {} out of order", section.id));
                rest = &rest[at + 1..];
            }
            // The same citation numbers as the outline (and so as the page), in the same order.
            let mut cited = outline.banner.citations.clone();
            for section in &outline.sections {
                match &section.content {
                    Content::Advice(items) => {
                        cited.extend(items.iter().flat_map(|i| i.citations.clone()))
                    }
                    Content::Reasons(reasons) => {
                        cited.extend(reasons.iter().flat_map(|r| r.citations.clone()))
                    }
                    _ => {}
                }
            }
            let (body, sources) = text.split_once("\nSources\n").expect("sources");
            assert_eq!(marks_in(body), cited, "{name}");
            let highest = cited.iter().max().copied().unwrap_or(0);
            assert_eq!(
                marks_in(sources),
                (1..=highest).collect::<Vec<_>>(),
                "{name}"
            );
        }
    }

    #[test]
    fn each_reason_is_followed_by_the_answers_behind_it() {
        let texts = default_texts();
        let (_, answers) = examples()
            .into_iter()
            .find(|(name, _)| name.ends_with("b12-metformin-tingling.json"))
            .expect("example");
        let text = explain(&outline_of(&answers), texts);
        assert!(text.contains(
            "  - Something in your answers makes low vitamin B12 more likely. [1][2]\n      \
             You answered: \"65 to 74\"\n      \
             You answered: \"Metformin, for 1 year or longer\"\n"
        ));
    }
}
