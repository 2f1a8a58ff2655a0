//! One outline of a result, in the order a reader acts on it (`READING_ORDER`): the banner (what
//! to do first, with the numbers to call for an emergency or same-day result), what to do now,
//! when to get help instead, keeping the result for an appointment, why, notes on the answers,
//! what the answers point to, the details, the reader's answers and the sources; then the
//! disclaimer. Every text is in
//! the reader's language and region and every source is numbered once, in order of first
//! citation. `cramp-check explain` (`report.rs`), `cramp-check outline` (its JSON form)
//! and the result screen with its printed summary (`ui/components/result/`) all render it.

use crate::engine::model::{self, fill, FactorIdx, QuestionIdx, RefIdx, Tone};
use crate::engine::{Answers, Assessment, ReasonSource};
use crate::pack::{Texts, UiText};
#[cfg(feature = "cli")]
use serde::Serialize;

#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Outline {
    /// The result level's id (what `cramp-check eval` prints as `triage`).
    pub level: &'static str,
    pub top_factor: &'static str,
    pub banner: Banner,
    /// In reading order; a section with nothing to say is left out.
    pub sections: Vec<Section>,
    pub disclaimer: &'static str,
    /// The content pack's version, for the printed summary's header.
    pub pack_version: &'static str,
}

/// What to do first.
#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Banner {
    /// How the level looks (its icon and colour), by the tone's id.
    #[cfg_attr(feature = "cli", serde(serialize_with = "tone_id"))]
    pub tone: Tone,
    pub heading: &'static str,
    pub action: String,
    pub citations: Vec<usize>,
    /// Numbers to call, first of all: the region's emergency numbers for an emergency (where a
    /// region has several, as `intl` does, the action says to call the local one), its
    /// same-day line (if it has one) for a same-day result; none otherwise.
    pub calls: Vec<Call>,
}

/// A number to call (a `tel:` link on the page).
#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Call {
    pub number: &'static str,
    /// "Call 999".
    pub label: String,
}

/// The region key of the emergency numbers (also on every step: "Very unwell? Call 999").
pub const EMERGENCY_DIAL: &str = "emergency_dial";

/// The numbers to call under the region key `key` (a `_dial` key), each with its link's words.
pub fn calls(texts: &Texts, region: usize, key: &str) -> Vec<Call> {
    texts
        .region_word(key, region)
        // The compiler keeps them digits, one space apart.
        .split(' ')
        .filter(|number| !number.is_empty())
        .map(|number| Call {
            number,
            label: fill(UiText(texts).call(), &[("number", number)]),
        })
        .collect()
}

/// Where each part of a result goes, in the order a reader acts on it; a part with nothing to
/// show is left out, and so is `keep` (print, share, remember) for an emergency, where nothing
/// should compete with the call. For a self-care result `reading_order` swaps the first two:
/// the tips (`self_care`) are what to do now, and `next_steps` follows, titled "When to get
/// help instead".
pub const READING_ORDER: [Part; 10] = [
    Part::Advice(model::Section::NextSteps),
    Part::Advice(model::Section::SelfCare),
    Part::Keep,
    Part::Why,
    Part::Advice(model::Section::Note),
    Part::Factors,
    Part::Advice(model::Section::Background),
    Part::Advice(model::Section::ClinicianTests),
    Part::YourAnswers,
    Part::Sources,
];

/// A part of a result: a section of the pack's advice, or one the outline makes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Part {
    Advice(model::Section),
    Keep,
    Why,
    Factors,
    YourAnswers,
    Sources,
}

impl Part {
    /// The section's id (`Section::id`).
    pub fn id(self) -> &'static str {
        match self {
            Part::Advice(section) => section.id(),
            Part::Keep => "keep",
            Part::Why => "why",
            Part::Factors => "factors",
            Part::YourAnswers => "your_answers",
            Part::Sources => "sources",
        }
    }
}

/// The reading order for a result of this tone.
pub fn reading_order(tone: Tone) -> [Part; 10] {
    let mut order = READING_ORDER;
    if tone == Tone::SelfCare {
        order.swap(0, 1);
    }
    order
}

#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Section {
    /// The id of one of `READING_ORDER` (the page's `data-section`).
    pub id: &'static str,
    pub title: &'static str,
    #[cfg_attr(feature = "cli", serde(flatten))]
    pub content: Content,
}

#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
#[cfg_attr(feature = "cli", serde(rename_all = "snake_case"))]
pub enum Content {
    Advice(Vec<Advice>),
    Reasons(Vec<Reason>),
    Factors(Factors),
    Answers(Vec<AnswerInWords>),
    /// Where the ways to keep the result go (print, share, remember): controls on the page,
    /// nothing in plain text.
    Keep {},
    Sources(Sources),
}

#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Advice {
    pub id: &'static str,
    pub text: String,
    pub citations: Vec<usize>,
}

/// A rule that decided the result, with the answers that made it hold.
#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Reason {
    /// `<kind>:<id>`, as in `cramp-check eval`'s reasons (the page's `data-reason`).
    pub id: String,
    pub text: String,
    pub citations: Vec<usize>,
    /// The options chosen, in words.
    pub answers: Vec<String>,
}

/// What the answers point to: the causes in chart order (the top factor first), then the
/// factors shown apart from them (B12), each with its sentence.
#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Factors {
    pub causes: Vec<Cause>,
    /// The chart in one sentence, in words (the page shows no points).
    pub summary: String,
    pub apart: Vec<FactorApart>,
}

#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Cause {
    pub factor: &'static str,
    pub name: &'static str,
    pub points: i32,
    /// The factor the result names.
    pub top: bool,
}

#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct FactorApart {
    pub factor: &'static str,
    pub text: String,
}

/// One answered question and the options chosen, in words.
#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct AnswerInWords {
    /// The question's id (the page's `data-question`).
    pub id: &'static str,
    /// The question (the page's Change button opens its step).
    #[cfg_attr(feature = "cli", serde(skip))]
    pub index: QuestionIdx,
    /// The question as the record shows it: after its step's title when it asks about a list
    /// with a "None of these", which says which list only beside the step's heading.
    pub question: String,
    pub options: Vec<String>,
}

#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Sources {
    pub intro: &'static str,
    /// In number order, from 1.
    pub list: Vec<Source>,
    /// The content version and the date it was last reviewed.
    pub version: String,
}

#[derive(Debug, PartialEq)]
#[cfg_attr(feature = "cli", derive(Serialize))]
pub struct Source {
    pub number: usize,
    pub publisher: &'static str,
    pub title: &'static str,
    pub year: Option<u16>,
    pub url: &'static str,
    /// The source's language, when it is not the outline's (the title is marked with it, so
    /// that a screen reader reads it in that language).
    pub language: Option<&'static str>,
}

/// The outline of `assessment`, the assessment of `answers`, in `texts`' language with the
/// region's words filled in.
pub fn outline(
    assessment: &Assessment,
    answers: &Answers,
    texts: &Texts,
    region: usize,
) -> Outline {
    let mut build = Builder {
        assessment,
        texts,
        region,
        citations: Citations::default(),
    };
    // Sources are numbered as they are first cited, so the parts are built in reading order.
    let banner = build.banner();
    let tone = banner.tone;
    let sections = reading_order(tone)
        .into_iter()
        .filter_map(|part| {
            let (title, content) = match part {
                Part::Keep => (tone != Tone::Emergency)
                    .then_some((UiText(texts).keep_heading(), Content::Keep {}))?,
                Part::Why => build.why(),
                Part::Factors => build.factors()?,
                Part::YourAnswers => build.your_answers(answers),
                Part::Sources => build.sources(),
                Part::Advice(section)
                    if tone == Tone::SelfCare && section == model::Section::NextSteps =>
                {
                    (UiText(texts).when_to_get_help(), build.advice(section)?.1)
                }
                Part::Advice(section) => build.advice(section)?,
            };
            Some(Section {
                id: part.id(),
                title,
                content,
            })
        })
        .collect();
    Outline {
        level: assessment.level_id(),
        top_factor: assessment.top_factor_id(),
        banner,
        sections,
        disclaimer: UiText(texts).disclaimer(),
        pack_version: assessment.pack.version,
    }
}

struct Builder<'a, 'p> {
    assessment: &'a Assessment<'p>,
    texts: &'a Texts,
    region: usize,
    citations: Citations,
}

impl Builder<'_, '_> {
    fn fill(&self, text: &str) -> String {
        self.texts.fill(text, self.region)
    }

    fn banner(&mut self) -> Banner {
        let (texts, region) = (self.texts, self.region);
        let level = usize::from(self.assessment.level);
        let tone = self.assessment.tone();
        let calls = match tone {
            Tone::Emergency => calls(texts, region, EMERGENCY_DIAL),
            Tone::Urgent => calls(texts, region, "same_day_dial"),
            _ => Vec::new(),
        };
        Banner {
            tone,
            heading: texts.level_heading(level),
            action: self.fill(texts.level_action(level)),
            citations: self.citations.cite(&self.assessment.heading_refs()),
            calls,
        }
    }

    /// The advice of one section, if there is any.
    fn advice(&mut self, section: model::Section) -> Option<Titled> {
        let pack = self.assessment.pack;
        let items: Vec<Advice> = self
            .assessment
            .advice_in(section)
            .map(|a| {
                let item = &pack.advice[usize::from(a)];
                Advice {
                    id: item.id,
                    text: self.fill(self.texts.advice(usize::from(a))),
                    citations: self.citations.cite(item.refs),
                }
            })
            .collect();
        (!items.is_empty()).then(|| (self.texts.section(section), Content::Advice(items)))
    }

    fn why(&mut self) -> Titled {
        let (pack, texts) = (self.assessment.pack, self.texts);
        let reasons = self
            .assessment
            .reasons
            .iter()
            .map(|reason| {
                let text = match reason.source {
                    ReasonSource::RedFlag(i) => texts.red_flag(usize::from(i)).to_string(),
                    ReasonSource::Outcome(i) => texts.outcome(usize::from(i)).to_string(),
                    ReasonSource::Signal(i) => texts.signal(usize::from(i)).to_string(),
                    ReasonSource::Factor(f) => fill(
                        UiText(texts).looks_more_like(),
                        &[("factor", texts.factor_looks_like(usize::from(f)))],
                    ),
                };
                Reason {
                    id: format!("{}:{}", reason.source.kind(), reason.source.id(pack)),
                    text: self.fill(&text),
                    citations: self.citations.cite(&reason.refs),
                    answers: reason
                        .answers
                        .iter()
                        .map(|&(q, o)| self.answer_in_words(q, o))
                        .collect(),
                }
            })
            .collect();
        (UiText(texts).why_this_result(), Content::Reasons(reasons))
    }

    /// A reason's answer in words: the option, after its question where the option is one word
    /// of a one-answer question ("Yes", "Never"), which says nothing without it.
    fn answer_in_words(&self, q: QuestionIdx, o: u16) -> String {
        let (q, o) = (usize::from(q), usize::from(o));
        let option = self.fill(self.texts.option(q, o));
        let single = self.assessment.pack.questions[q].kind == model::QuestionKind::Single;
        if single && !option.contains(' ') {
            format!("{} {option}", self.fill(self.texts.question(q)))
        } else {
            option
        }
    }

    /// What the answers point to, where the result shows it (not for red flags).
    fn factors(&self) -> Option<Titled> {
        let (assessment, texts) = (self.assessment, self.texts);
        if !assessment.shows_factors() {
            return None;
        }
        let pack = assessment.pack;
        let mut ranked = String::new();
        for f in assessment.causes_in_chart_order() {
            if assessment.factor_scores[usize::from(f)] > 0 {
                if !ranked.is_empty() {
                    ranked += "; ";
                }
                ranked += texts.factor_name(usize::from(f));
            }
        }
        let summary = if ranked.is_empty() {
            UiText(texts).chart_none().to_string()
        } else {
            fill(UiText(texts).chart_order(), &[("factor", &ranked)])
        };
        let factors = Factors {
            summary,
            causes: assessment
                .causes_in_chart_order()
                .into_iter()
                .map(|f| Cause {
                    factor: pack.factors[usize::from(f)].id,
                    name: texts.factor_name(usize::from(f)),
                    points: assessment.factor_scores[usize::from(f)],
                    top: f == assessment.top_factor,
                })
                .collect(),
            apart: assessment
                .factors_apart()
                .map(|f| FactorApart {
                    factor: pack.factors[usize::from(f)].id,
                    text: factor_apart(texts, f, f == assessment.top_factor),
                })
                .collect(),
        };
        Some((UiText(texts).factor_chart(), Content::Factors(factors)))
    }

    /// Every answer in words, step by step: the printed summary's record for a clinician.
    fn your_answers(&self, answers: &Answers) -> Titled {
        let (texts, pack) = (self.texts, self.assessment.pack);
        // Plain loops: with iterator adapters instead, the wasm is 0.6 KB larger.
        let mut given = Vec::new();
        for (s, step) in pack.steps.iter().enumerate() {
            for &q in step.questions.iter().filter(|&&q| answers.is_answered(q)) {
                let asked = &pack.questions[usize::from(q)];
                let question = self.fill(texts.question(usize::from(q)));
                given.push(AnswerInWords {
                    id: asked.id,
                    index: q,
                    question: match asked.exclusive {
                        Some(_) => format!("{}: {question}", texts.step(s)),
                        None => question,
                    },
                    options: answers
                        .chosen(q)
                        .map(|o| self.fill(texts.option(usize::from(q), usize::from(o))))
                        .collect(),
                });
            }
        }
        (UiText(texts).your_answers(), Content::Answers(given))
    }

    /// Every source cited so far, numbered.
    fn sources(&self) -> Titled {
        let (pack, ui) = (self.assessment.pack, UiText(self.texts));
        let list = self
            .citations
            .order
            .iter()
            .enumerate()
            .map(|(i, &r)| {
                let reference = &pack.references[usize::from(r)];
                Source {
                    number: i + 1,
                    publisher: reference.publisher,
                    title: reference.title,
                    year: reference.year,
                    url: reference.url,
                    language: (reference.language != self.texts.code).then_some(reference.language),
                }
            })
            .collect();
        (
            ui.sources(),
            Content::Sources(Sources {
                intro: ui.sources_intro(),
                list,
                version: format!(
                    "{} {} ({} {}).",
                    ui.pack_version(),
                    pack.version,
                    ui.last_reviewed(),
                    pack.last_reviewed
                ),
            }),
        )
    }
}

/// A section's title and content, which the outline gives its part's id.
type Titled = (&'static str, Content);

/// The sentence about a factor shown apart from the causes (B12): a test worth asking about
/// when the result names it, otherwise one the answers alone do not point to (a clinician may
/// still include it with other tests, as the other-cause result with nerve symptoms does).
fn factor_apart(texts: &Texts, factor: FactorIdx, named_by_result: bool) -> String {
    let sentence = if named_by_result {
        UiText(texts).apart_worth_asking()
    } else {
        UiText(texts).apart_not_suggested()
    };
    fill(
        sentence,
        &[("factor", texts.factor_name(usize::from(factor)))],
    )
}

/// Numbers sources in order of first citation.
#[derive(Default)]
struct Citations {
    /// Every cited source, in number order.
    order: Vec<RefIdx>,
}

impl Citations {
    /// The numbers (from 1) of these sources, numbering new ones as they come.
    fn cite(&mut self, refs: &[RefIdx]) -> Vec<usize> {
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
}

#[cfg(feature = "cli")]
fn tone_id<S: serde::Serializer>(tone: &Tone, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(tone.id())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::engine::{evaluate, RawAnswers};
    use crate::pack::{default_texts, region_index, PACK};

    /// Every answer file in `tests/answers/` (name, answers), one for each kind of result.
    pub(crate) fn examples() -> Vec<(String, Answers)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/answers");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("tests/answers")
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|path| {
                let text = std::fs::read_to_string(&path).expect("read");
                let raw: RawAnswers = serde_json::from_str(&text).expect("json");
                let answers = Answers::from_raw(&PACK, &raw).expect("valid answers");
                (path.display().to_string(), answers)
            })
            .collect()
    }

    pub(crate) fn outline_of(answers: &Answers) -> Outline {
        let texts = default_texts();
        outline(
            &evaluate(&PACK, answers),
            answers,
            texts,
            PACK.default_region,
        )
    }

    fn example(name: &str) -> Answers {
        examples()
            .into_iter()
            .find(|(file, _)| file.ends_with(name))
            .expect("example")
            .1
    }

    fn ids(outline: &Outline) -> Vec<&'static str> {
        outline.sections.iter().map(|s| s.id).collect()
    }

    /// The content of the section `id`, if the outline has it.
    fn content<'o>(outline: &'o Outline, id: &str) -> Option<&'o Content> {
        outline
            .sections
            .iter()
            .find(|s| s.id == id)
            .map(|s| &s.content)
    }

    /// Every statement's citations, in reading order, with the sources the pack gives it.
    fn cited(outline: &Outline, assessment: &Assessment) -> Vec<(Vec<usize>, Vec<RefIdx>)> {
        let mut cited = vec![(outline.banner.citations.clone(), assessment.heading_refs())];
        for section in &outline.sections {
            match &section.content {
                Content::Advice(items) => cited.extend(items.iter().map(|item| {
                    let advice = PACK
                        .advice
                        .iter()
                        .find(|a| a.id == item.id)
                        .expect("advice");
                    (item.citations.clone(), advice.refs.to_vec())
                })),
                Content::Reasons(reasons) => cited.extend(
                    reasons
                        .iter()
                        .zip(&assessment.reasons)
                        .map(|(reason, decided)| (reason.citations.clone(), decided.refs.clone())),
                ),
                _ => {}
            }
        }
        cited
    }

    #[test]
    fn sections_come_in_reading_order() {
        for (name, answers) in examples() {
            let outline = outline_of(&answers);
            let ids = ids(&outline);
            let mut order = reading_order(outline.banner.tone).map(Part::id).into_iter();
            assert!(
                ids.iter().all(|id| order.any(|o| o == *id)),
                "{name}: {ids:?}"
            );
            for always in ["why", "your_answers", "sources"] {
                assert!(ids.contains(&always), "{name}: {ids:?}");
            }
            // Nothing competes with an emergency call: no print, share or remember.
            assert_eq!(
                ids.contains(&"keep"),
                outline.banner.tone != Tone::Emergency,
                "{name}: {ids:?}"
            );
        }
        // What to do, then keeping the result, then why, then the details and the record.
        let b12 = outline_of(&example("b12-metformin-tingling.json"));
        assert_eq!(
            ids(&b12),
            [
                "next_steps",
                "keep",
                "why",
                "factors",
                "background",
                "clinician_tests",
                "your_answers",
                "sources"
            ]
        );
        assert_eq!(b12.level, "provider_soon_b12");
        // For self-care the tips are what to do now; the next steps say when to get help.
        let texts = default_texts();
        let self_care = outline_of(&example("self-care-exercise.json"));
        assert_eq!(ids(&self_care)[..3], ["self_care", "next_steps", "keep"]);
        assert_eq!(
            self_care.sections[1].title,
            UiText(texts).when_to_get_help()
        );
        let emergency = outline_of(&example("emergency-early-exit.json"));
        assert_eq!(
            ids(&emergency),
            ["next_steps", "why", "your_answers", "sources"]
        );
    }

    #[test]
    fn a_source_in_another_language_than_the_readers_is_marked_with_it() {
        let answers = example("b12-metformin-tingling.json");
        let assessment = evaluate(&PACK, &answers);
        for (code, marked) in [("en", None), ("es", Some("en"))] {
            let texts = crate::pack::texts_for(code).expect("language");
            let outline = outline(&assessment, &answers, texts, PACK.default_region);
            let Some(Content::Sources(sources)) = content(&outline, "sources") else {
                panic!("{code}: sources");
            };
            assert!(!sources.list.is_empty());
            // The pack's sources are all in English (references.toml names no other language).
            for source in &sources.list {
                assert_eq!(source.language, marked, "{code}: {}", source.title);
            }
        }
    }

    #[test]
    fn sources_are_numbered_in_order_of_first_citation_and_each_number_names_its_source() {
        for (name, answers) in examples() {
            let assessment = evaluate(&PACK, &answers);
            let outline = outline_of(&answers);
            let Some(Content::Sources(sources)) = outline.sections.last().map(|s| &s.content)
            else {
                panic!("{name}: the sources come last");
            };
            let mut highest = 0;
            for (numbers, refs) in cited(&outline, &assessment) {
                assert_eq!(numbers.len(), refs.len(), "{name}");
                for (n, r) in numbers.into_iter().zip(refs) {
                    assert!(
                        n <= highest + 1,
                        "{name}: [{n}] comes before [{}]",
                        highest + 1
                    );
                    highest = highest.max(n);
                    let source = &sources.list[n - 1];
                    assert_eq!(source.url, PACK.references[usize::from(r)].url, "{name}");
                }
            }
            let numbers: Vec<usize> = sources.list.iter().map(|s| s.number).collect();
            assert_eq!(numbers, (1..=highest).collect::<Vec<_>>(), "{name}");
        }
    }

    #[test]
    fn every_reason_carries_the_answers_behind_it_in_words() {
        let texts = default_texts();
        for (name, answers) in examples() {
            let assessment = evaluate(&PACK, &answers);
            let outline = outline_of(&answers);
            let reasons: Vec<&Reason> = outline
                .sections
                .iter()
                .filter_map(|s| match &s.content {
                    Content::Reasons(reasons) => Some(reasons),
                    _ => None,
                })
                .flatten()
                .collect();
            assert_eq!(reasons.len(), assessment.reasons.len(), "{name}");
            for (reason, decided) in reasons.into_iter().zip(&assessment.reasons) {
                let id = format!("{}:{}", decided.source.kind(), decided.source.id(&PACK));
                assert_eq!(reason.id, id, "{name}");
                assert_eq!(reason.answers.len(), decided.answers.len(), "{name}: {id}");
                for (words, &(q, o)) in reason.answers.iter().zip(&decided.answers) {
                    let option = texts.option(usize::from(q), usize::from(o));
                    let option = texts.fill(option, PACK.default_region);
                    assert!(words.ends_with(&option), "{name}: {id}: {words}");
                }
            }
        }
        // A one-word answer ("Yes") comes after its question.
        let walking = outline_of(&example("other-cause-walking-pain.json"));
        let Some(Content::Reasons(reasons)) = content(&walking, "why") else {
            panic!("why");
        };
        let factor = reasons.iter().find(|r| r.id.starts_with("factor:"));
        assert_eq!(
            factor.map(|r| &r.answers[..]),
            Some(&["Do you smoke? Yes".to_string()][..])
        );
        let b12 = outline_of(&example("b12-metformin-tingling.json"));
        let Some(Content::Reasons(reasons)) = content(&b12, "why") else {
            panic!("why");
        };
        let risk = reasons.iter().find(|r| r.id == "signal:b12_risk");
        assert_eq!(
            risk.map(|r| &r.answers[..]),
            Some(
                &[
                    "65 to 74".to_string(),
                    "Metformin, for 1 year or longer".to_string()
                ][..]
            )
        );
    }

    #[test]
    fn a_red_flag_result_has_no_factors_and_a_b12_result_shows_b12_apart() {
        let emergency = outline_of(&example("emergency-early-exit.json"));
        assert_eq!(emergency.top_factor, "red_flag");
        assert!(!ids(&emergency).contains(&"factors"));
        let b12 = outline_of(&example("b12-metformin-tingling.json"));
        let Some(Content::Factors(factors)) = content(&b12, "factors") else {
            panic!("the B12 result shows factors");
        };
        assert!(factors.causes.iter().all(|c| c.factor != "b12"));
        assert!(factors
            .causes
            .windows(2)
            .all(|pair| pair[0].points >= pair[1].points));
        assert_eq!(factors.apart.len(), 1);
        assert_eq!(factors.apart[0].factor, "b12");
        assert!(factors.apart[0].text.contains("worth asking about"));
        let exercise = outline_of(&example("self-care-exercise.json"));
        let Some(Content::Factors(factors)) = content(&exercise, "factors") else {
            panic!("a self-care result shows factors");
        };
        assert!(factors.causes[0].top && factors.causes[0].factor == exercise.top_factor);
    }

    #[test]
    fn every_advice_item_appears_once_under_its_own_section() {
        for (name, answers) in examples() {
            let assessment = evaluate(&PACK, &answers);
            let mut shown: Vec<&str> = Vec::new();
            for section in outline_of(&answers).sections {
                if let Content::Advice(items) = section.content {
                    for item in items {
                        let advice = PACK.advice.iter().find(|a| a.id == item.id);
                        assert_eq!(advice.map(|a| a.section.id()), Some(section.id), "{name}");
                        shown.push(item.id);
                    }
                }
            }
            let mut expected: Vec<&str> = assessment
                .advice
                .iter()
                .map(|&a| PACK.advice[usize::from(a)].id)
                .collect();
            shown.sort_unstable();
            expected.sort_unstable();
            assert_eq!(shown, expected, "{name}");
        }
    }

    #[test]
    fn your_answers_list_every_answered_question_in_step_order() {
        let answers = example("b12-metformin-tingling.json");
        let outline = outline_of(&answers);
        let Some(Content::Answers(given)) = content(&outline, "your_answers") else {
            panic!("your answers");
        };
        let answered = (0..PACK.questions.len() as u16)
            .filter(|&q| answers.is_answered(q))
            .count();
        assert_eq!(given.len(), answered);
        // A list's "None of these" names the list: its step's title comes first.
        assert_eq!(given[0].id, "q_emergency_signs");
        assert_eq!(
            given[0].question,
            "Emergency signs: Have you had any of these today, even if they went away?"
        );
        assert_eq!(given[0].options, ["None of these"]);
        let age = given
            .iter()
            .find(|answer| answer.id == "q_age")
            .expect("age");
        assert_eq!(
            age.question, "How old are you?",
            "a question that names its own answers"
        );
    }

    #[test]
    fn every_text_has_the_regions_words() {
        /// Every string in a JSON value.
        fn strings(value: &serde_json::Value) -> Vec<&str> {
            match value {
                serde_json::Value::String(text) => vec![text],
                serde_json::Value::Array(items) => items.iter().flat_map(strings).collect(),
                serde_json::Value::Object(fields) => fields.values().flat_map(strings).collect(),
                _ => Vec::new(),
            }
        }
        let texts = default_texts();
        for (name, answers) in examples() {
            let assessment = evaluate(&PACK, &answers);
            for language in crate::pack::LANGUAGES {
                for region in 0..PACK.regions.len() {
                    let outline = outline(&assessment, &answers, language, region);
                    let json = serde_json::to_value(&outline).expect("json");
                    for text in strings(&json) {
                        assert!(
                            !text.contains('{'),
                            "{name} ({}): a placeholder is left in {text}",
                            language.code
                        );
                    }
                }
            }
        }
        let uk = region_index("uk").expect("uk");
        let answers = example("b12-metformin-tingling.json");
        let outline = outline(&evaluate(&PACK, &answers), &answers, texts, uk);
        assert!(outline.banner.action.contains("GP surgery"));
    }

    #[test]
    fn emergency_and_same_day_results_come_with_the_regions_numbers_to_call() {
        let texts = default_texts();
        let numbers = |file: &str, region: &str| {
            let answers = example(file);
            let region = region_index(region).expect("region");
            let banner = outline(&evaluate(&PACK, &answers), &answers, texts, region).banner;
            let labels: Vec<String> = banner.calls.iter().map(|c| c.label.clone()).collect();
            let numbers: Vec<&str> = banner.calls.iter().map(|c| c.number).collect();
            for (number, label) in numbers.iter().zip(&labels) {
                assert_eq!(label, &format!("Call {number}"));
            }
            let local = banner.action.contains("local emergency number");
            (numbers, local)
        };
        let emergency = "emergency-early-exit.json";
        assert_eq!(numbers(emergency, "uk"), (vec!["999"], false));
        assert_eq!(numbers(emergency, "us"), (vec!["911"], false));
        assert_eq!(numbers(emergency, "eu"), (vec!["112"], false));
        // No one number for everywhere: the common ones, and a line to use the local one.
        assert_eq!(
            numbers(emergency, "intl"),
            (vec!["112", "911", "999"], true)
        );
        let same_day = "same-day-statin.json";
        assert_eq!(numbers(same_day, "uk"), (vec!["111"], false));
        for region in ["us", "eu", "intl"] {
            assert_eq!(numbers(same_day, region), (vec![], false), "{region}");
        }
        for region in ["uk", "us", "eu", "intl"] {
            assert_eq!(
                numbers("b12-metformin-tingling.json", region),
                (vec![], false)
            );
        }
    }

    #[test]
    fn the_chart_is_said_in_one_sentence_without_points() {
        let b12 = outline_of(&example("self-care-exercise.json"));
        let Some(Content::Factors(factors)) = content(&b12, "factors") else {
            panic!("factors");
        };
        assert!(
            factors.summary.starts_with("Best fit first: "),
            "{}",
            factors.summary
        );
        assert!(factors.summary.contains(factors.causes[0].name));
        assert!(!factors.summary.contains("point"));
    }
}
