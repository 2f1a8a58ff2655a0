//! The reviewer's digest: the whole pack as one Markdown page in the default language, in the
//! order a reader meets it (result levels, the questions step by step, then the rules and
//! what each result says), each statement with its sources. Written by `cargo xtask digest`
//! to `docs/pack-digest.md`.

use crate::resolve::Resolved;
use crate::texts::Texts;
use b12_model::{Pack, RefIdx, Section, TopFactor};
use std::fmt::Write;

pub fn digest(resolved: &Resolved) -> String {
    let pack = &resolved.pack;
    let sources = &resolved.rule_sources;
    let texts = &resolved.languages[0];
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "# Pack digest: {} {}\n\n{}. Last reviewed {}. Generated from `packs/{}/` by `cargo xtask digest`: do not edit, change the pack.\n\nConditions are written in the pack's rule language (`packs/README.md`, Conditions); `[R1]` are the sources at the end. Texts in braces (`{{emergency_number}}`) are filled in by region (see Regions).",
        pack.id, pack.version, pack.review_status, pack.last_reviewed, pack.id
    );

    section(
        w,
        "Result levels",
        "Most urgent first. A red flag decides the result before any outcome.",
    );
    table(w, &["level", "tone", "heading", "first action", "sources"]);
    for (level, text) in pack.levels.iter().zip(texts.levels) {
        row(
            w,
            &[
                code(level.id),
                level.tone.id().into(),
                text.heading.into(),
                text.action.into(),
                refs(pack, level.refs),
            ],
        );
    }

    section(w, "Questions", "Step by step, in the order they are asked.");
    for (step, title) in pack.steps.iter().zip(texts.steps) {
        let _ = writeln!(w, "\n### {title} (`{}`)", step.id);
        for &q in step.questions {
            let question = &pack.questions[usize::from(q)];
            let text = &texts.questions[usize::from(q)];
            let kind = match question.kind {
                b12_model::QuestionKind::Single => "one answer",
                b12_model::QuestionKind::Multi => "tick all that apply",
            };
            let required = if question.required { ", required" } else { "" };
            let _ = writeln!(
                w,
                "\n**{}** `{}` ({kind}{required})",
                text.text, question.id
            );
            if let Some(show_if) = &question.show_if {
                let _ = writeln!(w, "\nAsked only when {}.", code(show_if.source));
            }
            let _ = writeln!(w);
            for (option, words) in question.options.iter().zip(text.options) {
                let _ = writeln!(w, "- `{option}`: {words}");
            }
            let _ = writeln!(
                w,
                "\nWhy we ask: {} {}",
                text.help,
                refs(pack, question.refs)
            );
        }
    }

    section(
        w,
        "Red flags",
        "Any one that holds decides the result at its level.",
    );
    table(
        w,
        &["red flag", "level", "when", "the reader is told", "sources"],
    );
    for ((flag, text), source) in pack
        .red_flags
        .iter()
        .zip(texts.red_flags)
        .zip(&sources.red_flags)
    {
        row(
            w,
            &[
                code(flag.id),
                code(pack.levels[usize::from(flag.level)].id),
                code(source),
                (*text).into(),
                refs(pack, flag.refs),
            ],
        );
    }

    section(w, "Factors and scores", "What the answers can point to. Each score line adds its points to the factor (and to its group) when its condition holds.");
    for (f, (factor, text)) in pack.factors.iter().zip(texts.factors).enumerate() {
        let _ = writeln!(
            w,
            "\n### {} (`{}`)\n\nThey look more like {}. {}",
            text.name,
            factor.id,
            text.looks_like,
            refs(pack, factor.refs)
        );
        let lines: Vec<usize> = pack.score_lines(f as u16, None).collect();
        if lines.is_empty() {
            continue;
        }
        table(w, &["points", "group", "when", "sources"]);
        for line in lines {
            let score = &pack.scores[line];
            let group = score
                .group
                .map_or(String::new(), |g| code(pack.groups[usize::from(g)]));
            row(
                w,
                &[
                    score.points.to_string(),
                    group,
                    code(sources.scores[line]),
                    refs(pack, score.refs),
                ],
            );
        }
    }

    section(
        w,
        "Signals",
        "Named conditions the other rules use. An internal one is never a reason on its own.",
    );
    table(w, &["signal", "when", "the reader is told", "sources"]);
    for ((signal, text), source) in pack.signals.iter().zip(texts.signals).zip(&sources.signals) {
        let told = if signal.internal {
            "(internal)".to_string()
        } else {
            (*text).into()
        };
        row(
            w,
            &[code(signal.id), code(source), told, refs(pack, signal.refs)],
        );
    }

    section(w, "Outcomes", "Without a red flag, the first outcome whose condition holds decides the level and the factor the result names.");
    table(
        w,
        &[
            "outcome",
            "level",
            "when",
            "names",
            "the reader is told",
            "sources",
        ],
    );
    for ((outcome, text), source) in pack
        .outcomes
        .iter()
        .zip(texts.outcomes)
        .zip(&sources.outcomes)
    {
        let when = source.map_or("(otherwise)".to_string(), code);
        let names = match outcome.top {
            TopFactor::Fixed(f) => code(pack.factors[usize::from(f)].id),
            TopFactor::Strongest => "the strongest factor".into(),
        };
        let mut told = (*text).to_string();
        if outcome.stop_asking {
            told.push_str(" (shown at once, without the remaining questions)");
        }
        if !outcome.show_factors {
            told.push_str(" (no factor chart)");
        }
        row(
            w,
            &[
                code(outcome.id),
                code(pack.levels[usize::from(outcome.level)].id),
                when,
                names,
                told,
                refs(pack, outcome.refs),
            ],
        );
    }

    section(
        w,
        "Advice",
        "What a result says beyond its heading, by section, in the order shown.",
    );
    for section_id in Section::ALL {
        let _ = writeln!(w, "\n### {}\n", texts.sections[section_id as usize]);
        table(w, &["advice", "at levels", "when", "text", "sources"]);
        for ((item, text), source) in pack
            .advice
            .iter()
            .zip(texts.advice)
            .zip(&sources.advice)
            .filter(|((a, _), _)| a.section == section_id)
        {
            let levels: Vec<String> = item
                .levels
                .iter()
                .map(|&l| code(pack.levels[usize::from(l)].id))
                .collect();
            let when = source.map_or(String::new(), code);
            row(
                w,
                &[
                    code(item.id),
                    levels.join(", "),
                    when,
                    (*text).into(),
                    refs(pack, item.refs),
                ],
            );
        }
    }

    regions(w, pack, texts);
    interface(w, texts);

    section(
        w,
        "Sources",
        "A note to verify is for reviewers only; readers never see it.",
    );
    for reference in pack.references {
        let year = reference.year.map_or(String::new(), |y| format!(" ({y})"));
        let _ = writeln!(
            w,
            "- **[{}]** {}. {}{year}. <{}>",
            reference.id, reference.title, reference.publisher, reference.url
        );
        if let Some(warning) = resolved
            .warnings
            .iter()
            .find(|w| w.entry == format!("[{}]", reference.id))
        {
            let _ = writeln!(w, "  - *{}*", warning.message);
        }
    }
    out
}

fn regions(w: &mut String, pack: &Pack, texts: &Texts) {
    section(
        w,
        "Regions",
        "The words each region puts in place of a placeholder.",
    );
    let mut header = vec!["placeholder"];
    header.extend(pack.regions.iter().copied());
    table(w, &header);
    for (k, key) in texts.region_keys.iter().enumerate() {
        let mut cells = vec![code(&format!("{{{key}}}"))];
        cells.extend(texts.regions.iter().map(|words| words[k].to_string()));
        row(w, &cells);
    }
}

fn interface(w: &mut String, texts: &Texts) {
    section(
        w,
        "Interface words",
        "Everything else the reader sees: buttons, headings, notices.",
    );
    table(w, &["key", "text"]);
    for (key, text) in &texts.ui.0 {
        row(w, &[code(key), (*text).into()]);
    }
}

fn section(w: &mut String, title: &str, about: &str) {
    let _ = writeln!(w, "\n## {title}\n\n{about}");
}

fn table(w: &mut String, header: &[&str]) {
    let _ = writeln!(
        w,
        "\n| {} |\n|{}",
        header.join(" | "),
        "---|".repeat(header.len())
    );
}

fn row(w: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
    let _ = writeln!(w, "| {} |", cells.join(" | "));
}

fn code(id: &str) -> String {
    format!("`{id}`")
}

fn refs(pack: &Pack, refs: &[RefIdx]) -> String {
    refs.iter()
        .map(|&r| format!("[{}]", pack.references[usize::from(r)].id))
        .collect::<Vec<_>>()
        .join(" ")
}
