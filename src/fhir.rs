//! The pack as a FHIR R4 `Questionnaire`, answers as a `QuestionnaireResponse`, and a response
//! (ours, or another form tool's) back to answers. Command line only (`cli` feature), so
//! nothing of it reaches the wasm.
//!
//! Mapping (README: FHIR): one `group` item per step (linkId = step id) holding its questions
//! (linkId = question id); a one-answer question is a `choice` item, a tick-all-that-apply one
//! a `choice` item that `repeats`; each option is an `answerOption` coded in [`OPTION_SYSTEM`]
//! with the option id as code. A show-if rule becomes `enableWhen` when FHIR's `enableWhen`
//! can say it exactly, otherwise the SDC `enableWhenExpression` (FHIRPath): a show-if has no
//! `not` (the pack compiler refuses it), so that is only for "all" of conditions one of which
//! is a choice among several options, or for "all" and "any" mixed. The groups after an early
//! stop that nothing later could outrank (see [`early_stops`]: today the emergency screen) are
//! enabled only while none applies, as the questionnaire asks nothing after one, but for a group
//! with a question the stop's result still reads (the nerve onset, which changes an
//! emergency's next steps): a form tool leaves a disabled group's answers out, which then can
//! never change the result. A response leaves such answers out, and is `completed` only when
//! every required item its Questionnaire enables is answered, as FHIR requires.
//! Every text comes from one language, its region placeholders filled.

use crate::engine::model::{Expr, LevelIdx, Pack, Question, QuestionIdx, QuestionKind};
use crate::engine::{shortened, AnswerError, Answers, RawAnswers, RawValue};
use crate::pack::{Texts, UiText, PACK};
use crate::questionnaire::{Questionnaire as Flow, Screen};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The Questionnaire's canonical URL. The project publishes at no address of its own, so the
/// identifier is a fixed UUID: globally unique, and never changed (stored responses name it).
pub const QUESTIONNAIRE_URL: &str = "urn:uuid:a0d15580-21cb-4661-86eb-bda35d48f68b";
/// The code system of the pack's option ids. A code means something only together with its
/// question's linkId (`none` is an option of several questions).
pub const OPTION_SYSTEM: &str = "urn:uuid:6376f12d-6b6d-45aa-ba7c-1e730da29531";

const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const ITEM_CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";
const OPTION_EXCLUSIVE: &str =
    "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";
const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    resource_type: &'static str,
    id: &'static str,
    language: &'static str,
    url: &'static str,
    version: &'static str,
    name: String,
    title: String,
    /// `draft`: the rules await clinical sign-off (the pack's `review_status`).
    status: &'static str,
    date: &'static str,
    description: String,
    item: Vec<Item>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    extension: Vec<Extension>,
    link_id: String,
    text: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    enable_when: Vec<EnableWhen>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_behavior: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    repeats: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    answer_option: Vec<AnswerOption>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    item: Vec<Item>,
}

#[derive(Debug, Serialize)]
struct Extension {
    url: &'static str,
    #[serde(flatten)]
    value: ExtensionValue,
}

#[derive(Debug, Serialize)]
enum ExtensionValue {
    #[serde(rename = "valueCodeableConcept")]
    CodeableConcept { coding: [Coding; 1] },
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    #[serde(rename = "valueExpression")]
    Expression {
        language: &'static str,
        expression: String,
    },
}

#[derive(Debug, Clone, Serialize)]
struct Coding {
    system: &'static str,
    code: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    display: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AnswerOption {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    extension: Vec<Extension>,
    value_coding: Coding,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct EnableWhen {
    question: &'static str,
    operator: &'static str,
    answer_coding: Coding,
}

/// How a show-if rule is written in FHIR.
#[derive(Debug, PartialEq)]
enum Enabling {
    /// Exactly as `enableWhen` entries with `=`, combined by `enableBehavior` (`any` or `all`).
    When(Vec<(QuestionIdx, u16)>, &'static str),
    /// Anything else, as a FHIRPath expression over the response.
    Expression(String),
}

/// Why the pack cannot be written as a Questionnaire: a show-if rule on scores or signals (the
/// pack compiler refuses those today; this keeps a future pack from a wrong Questionnaire).
#[derive(Debug, PartialEq)]
pub struct InexpressibleRule {
    question: &'static str,
}

impl fmt::Display for InexpressibleRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: its show-if rule refers to scores or signals, which a FHIR Questionnaire cannot express",
            self.question
        )
    }
}

/// The pack as a Questionnaire in one language, its region words filled in.
pub fn questionnaire(texts: &Texts, region: usize) -> Result<Questionnaire, InexpressibleRule> {
    let fill = |text: &str| texts.fill(text, region);
    let closing = Closing::of(&PACK);
    let steps = PACK.steps.iter().enumerate().map(|(s, step)| {
        let questions = step.questions.iter().map(|&q| {
            let question = &PACK.questions[usize::from(q)];
            question_item(question, q, texts, &fill)
        });
        // Enabled only while none of the stops that close it applies: every condition must hold.
        let enable_when: Vec<EnableWhen> = closing
            .stops(s)
            .flat_map(EarlyStop::conditions)
            .map(|(on, operator, o)| enable_when(on, operator, o, texts, &fill))
            .collect();
        Ok(Item {
            link_id: step.id.to_string(),
            text: fill(texts.step(s)),
            kind: "group",
            enable_behavior: (enable_when.len() > 1).then_some("all"),
            enable_when,
            item: questions.collect::<Result<_, _>>()?,
            ..Item::default()
        })
    });
    Ok(Questionnaire {
        resource_type: "Questionnaire",
        id: PACK.id,
        language: texts.code,
        url: QUESTIONNAIRE_URL,
        version: PACK.version,
        name: identifier_name(PACK.id),
        title: fill(UiText(texts).app_title()),
        status: "draft",
        date: PACK.last_reviewed,
        description: fill(UiText(texts).intro_what()),
        item: steps.collect::<Result<_, _>>()?,
    })
}

fn question_item(
    question: &'static Question,
    q: QuestionIdx,
    texts: &Texts,
    fill: &impl Fn(&str) -> String,
) -> Result<Item, InexpressibleRule> {
    let repeats = question.kind == QuestionKind::Multi;
    let control = if repeats { "check-box" } else { "radio-button" };
    let mut item = Item {
        extension: vec![item_control(control)],
        link_id: question.id.to_string(),
        text: fill(texts.question(usize::from(q))),
        kind: "choice",
        required: question.required,
        repeats,
        answer_option: (0..question.options.len())
            .map(|o| AnswerOption {
                extension: if question.exclusive == u16::try_from(o).ok() {
                    vec![Extension {
                        url: OPTION_EXCLUSIVE,
                        value: ExtensionValue::Boolean(true),
                    }]
                } else {
                    Vec::new()
                },
                value_coding: option_coding(q, o, texts, fill),
            })
            .collect(),
        ..Item::default()
    };
    let help = texts.help(usize::from(q));
    if !help.is_empty() {
        item.item.push(Item {
            extension: vec![item_control("help")],
            link_id: format!("{}-help", question.id),
            text: fill(help),
            kind: "display",
            ..Item::default()
        });
    }
    if let Some(show_if) = &question.show_if {
        match enabling(&PACK, &show_if.expr).ok_or(InexpressibleRule {
            question: question.id,
        })? {
            Enabling::When(conditions, behavior) => {
                item.enable_behavior = (conditions.len() > 1).then_some(behavior);
                item.enable_when = conditions
                    .into_iter()
                    .map(|(on, o)| enable_when(on, "=", o, texts, fill))
                    .collect();
            }
            Enabling::Expression(expression) => item.extension.push(Extension {
                url: ENABLE_WHEN_EXPRESSION,
                value: ExtensionValue::Expression {
                    language: "text/fhirpath",
                    expression,
                },
            }),
        }
    }
    Ok(item)
}

/// An `enableWhen` condition: question `on` has (`=`) or has not (`!=`) option `option`.
fn enable_when(
    on: QuestionIdx,
    operator: &'static str,
    option: u16,
    texts: &Texts,
    fill: &impl Fn(&str) -> String,
) -> EnableWhen {
    EnableWhen {
        question: PACK.questions[usize::from(on)].id,
        operator,
        answer_coding: option_coding(on, usize::from(option), texts, fill),
    }
}

/// The options of one question that each stop the questionnaire at once.
#[derive(Debug, PartialEq)]
struct EarlyStop {
    question: QuestionIdx,
    options: u32,
}

impl EarlyStop {
    /// Whether one of the options is chosen.
    fn applies(&self, answers: &Answers) -> bool {
        answers.mask(self.question) & self.options != 0
    }

    /// `enableWhen` conditions that all hold exactly when none of the options is chosen: `!=`
    /// each option (true, as FHIR R5 and LHC-Forms read it, when no answer has that code), so
    /// that an unanswered question disables nothing either.
    fn conditions(&self) -> impl Iterator<Item = (QuestionIdx, &'static str, u16)> {
        chosen_pairs(self.question, self.options).map(|(q, o)| (q, "!=", o))
    }
}

/// The early stops a FHIR form can model, one per question, in pack order: the options of a
/// question always asked (no show-if) that alone decide the result at a level no rule can
/// outrank, so that no answer the form then leaves out could make the result more urgent. The
/// questionnaire itself counts answers given on later steps before the reader went back to an
/// earlier one, so a stop at a lower level (a same-day sign, under 18) must not drop them.
/// They come from the pack: every red flag (a red flag always shows the result at once) and
/// every outcome that stops the questionnaire (`stop_asking`) that can apply only when it
/// decides, that is when every outcome before it stops too, whose level is at least as urgent
/// as every red flag's and outcome's level, and whose condition is a choice of options in one
/// such question. Any other condition (on a follow-up, on two questions, or on a signal)
/// cannot be negated in `enableWhen` entries that must all hold, so the form goes on after it.
fn early_stops(pack: &Pack) -> Vec<EarlyStop> {
    let Some(top) = most_urgent_level(pack) else {
        return Vec::new();
    };
    let flags = pack
        .red_flags
        .iter()
        .map(|flag| (flag.level, Some(&flag.when)));
    let outcomes = pack
        .outcomes
        .iter()
        .take_while(|outcome| outcome.stop_asking)
        .map(|outcome| (outcome.level, outcome.when.as_ref()));
    let mut stops: Vec<EarlyStop> = Vec::new();
    for (_, condition) in flags.chain(outcomes).filter(|&(level, _)| level <= top) {
        let Some(&Expr::Chose { question, options }) = condition else {
            continue;
        };
        if pack.questions[usize::from(question)].show_if.is_some() {
            continue;
        }
        match stops.iter_mut().find(|stop| stop.question == question) {
            Some(stop) => stop.options |= options,
            None => stops.push(EarlyStop { question, options }),
        }
    }
    stops.sort_by_key(|stop| stop.question);
    stops
}

/// Which early stops close each step in the Questionnaire.
struct Closing {
    pack: &'static Pack,
    stops: Vec<EarlyStop>,
    read_after_a_stop: Vec<bool>,
}

impl Closing {
    fn of(pack: &'static Pack) -> Self {
        Closing {
            pack,
            stops: early_stops(pack),
            read_after_a_stop: read_at_the_most_urgent_level(pack),
        }
    }

    /// The stops that close step `s`: those on an earlier step, but none for a step with a
    /// question that the stop's result still reads, or a form tool would drop an answer that
    /// changes that result's next steps.
    fn stops(&self, s: usize) -> impl Iterator<Item = &EarlyStop> {
        let closable = !self.pack.steps[s]
            .questions
            .iter()
            .any(|&q| self.read_after_a_stop[usize::from(q)]);
        let pack = self.pack;
        (self.stops.iter())
            .filter(move |stop| closable && pack.step_of(stop.question).is_some_and(|t| t < s))
    }

    /// Whether the Questionnaire disables step `s` for these answers.
    fn closes(&self, s: usize, answers: &Answers) -> bool {
        self.stops(s).any(|stop| stop.applies(answers))
    }

    /// The answers but those in a step the Questionnaire disables for them (the stop that
    /// disables it is on an earlier step, so these answers keep it).
    fn kept(&self, answers: &Answers) -> Answers {
        let masks = (0..self.pack.questions.len()).map(|q| {
            let closed = QuestionIdx::try_from(q)
                .ok()
                .and_then(|q| self.pack.step_of(q))
                .is_some_and(|s| self.closes(s, answers));
            if closed {
                0
            } else {
                answers.masks()[q]
            }
        });
        Answers::from_masks(self.pack, masks)
    }
}

/// Per question: whether a red flag or an advice item of the most urgent level reads it (an
/// early stop's result, whose wording such an answer still changes: a sudden nerve onset says
/// to call and not to drive, where a cold, pale leg alone allows going there).
fn read_at_the_most_urgent_level(pack: &Pack) -> Vec<bool> {
    let top = most_urgent_level(pack);
    let flags = (pack.red_flags.iter())
        .filter(|flag| Some(flag.level) == top)
        .map(|flag| &flag.when);
    let advice = (pack.advice.iter())
        .filter(|advice| top.is_some_and(|top| advice.levels.contains(&top)))
        .filter_map(|advice| advice.when.as_ref());
    pack.questions_read(flags.chain(advice))
}

/// The most urgent level a red flag or an outcome can give.
fn most_urgent_level(pack: &Pack) -> Option<LevelIdx> {
    let flags = pack.red_flags.iter().map(|flag| flag.level);
    flags.chain(pack.outcomes.iter().map(|o| o.level)).min()
}

fn item_control(code: &'static str) -> Extension {
    Extension {
        url: ITEM_CONTROL,
        value: ExtensionValue::CodeableConcept {
            coding: [Coding {
                system: ITEM_CONTROL_SYSTEM,
                code,
                display: String::new(),
            }],
        },
    }
}

/// An option of question `q` as a coding, its display in the language.
fn option_coding(
    q: QuestionIdx,
    option: usize,
    texts: &Texts,
    fill: &impl Fn(&str) -> String,
) -> Coding {
    let q = usize::from(q);
    Coding {
        system: OPTION_SYSTEM,
        code: PACK.questions[q].options[option],
        display: fill(texts.option(q, option)),
    }
}

/// A name usable as an identifier, as FHIR asks (`b12-cramps` gives `B12Cramps`).
fn identifier_name(id: &str) -> String {
    id.split(['-', '_'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// The options of a `Chose` as (question, option) pairs.
fn chosen_pairs(question: QuestionIdx, options: u32) -> impl Iterator<Item = (QuestionIdx, u16)> {
    (0..32u16)
        .filter(move |o| options & (1 << o) != 0)
        .map(move |o| (question, o))
}

/// A show-if rule in FHIR: `enableWhen` where it says exactly the same (one option; any of some
/// options; any of several such; all of single options), else FHIRPath (all of conditions one
/// of which is a choice among several options; all and any mixed). `None` for a rule on scores
/// or signals, which the pack compiler refuses in a show-if.
fn enabling(pack: &Pack, expr: &Expr) -> Option<Enabling> {
    let exact = match expr {
        Expr::Chose { question, options } => {
            Some((chosen_pairs(*question, *options).collect(), "any"))
        }
        Expr::Any(parts) => parts
            .iter()
            .map(|part| match part {
                Expr::Chose { question, options } => Some(chosen_pairs(*question, *options)),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(|pairs| (pairs.into_iter().flatten().collect(), "any")),
        Expr::All(parts) => parts
            .iter()
            .map(|part| match part {
                Expr::Chose { question, options } if options.count_ones() == 1 => {
                    Some((*question, options.trailing_zeros() as u16))
                }
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(|pairs| (pairs, "all")),
        _ => None,
    };
    match exact {
        Some((pairs, behavior)) => Some(Enabling::When(pairs, behavior)),
        None => fhirpath(pack, expr).map(Enabling::Expression),
    }
}

/// A condition as FHIRPath over the QuestionnaireResponse being filled in. An unanswered
/// question has nothing chosen, as in the engine.
fn fhirpath(pack: &Pack, expr: &Expr) -> Option<String> {
    let joined = |parts: &[Expr], operator: &str| {
        let parts: Option<Vec<String>> = parts
            .iter()
            .map(|part| fhirpath(pack, part).map(|p| format!("({p})")))
            .collect();
        parts.map(|parts| parts.join(operator))
    };
    match expr {
        Expr::Chose { question, options } => {
            let question = pack.questions.get(usize::from(*question))?;
            let codes: Vec<String> = chosen_pairs(0, *options)
                .filter_map(|(_, o)| question.options.get(usize::from(o)))
                .map(|code| format!("'{code}'"))
                .collect();
            Some(format!(
                "%resource.repeat(item).where(linkId = '{}').answer.value.where(system = '{OPTION_SYSTEM}' and code in ({})).exists()",
                question.id,
                codes.join(" | ")
            ))
        }
        Expr::Not(inner) => fhirpath(pack, inner).map(|p| format!("({p}).not()")),
        Expr::All(parts) => joined(parts, " and "),
        Expr::Any(parts) => joined(parts, " or "),
        Expr::PointsAtLeast { .. } | Expr::Signal(_) => None,
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    resource_type: &'static str,
    language: &'static str,
    questionnaire: String,
    /// `completed`, `stopped` or `in-progress` (see [`response`]).
    status: &'static str,
    /// Left out when empty: FHIR allows no empty array.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    item: Vec<ResponseItem>,
    #[serde(skip)]
    left_out: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ResponseItem {
    link_id: &'static str,
    text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    answer: Vec<ResponseAnswer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    item: Vec<ResponseItem>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ResponseAnswer {
    value_coding: Coding,
}

/// Validated answers as a QuestionnaireResponse, nested like the Questionnaire: one group per
/// step with an answer, holding the answered questions (only shown questions can be answered).
/// A step the Questionnaire disables for these answers (after an emergency sign) holds none:
/// FHIR counts a disabled item's answers as not given and validators refuse them; the
/// questionnaire asks nothing there either, and its result is the same without them (tested).
/// They are listed in [`QuestionnaireResponse::left_out`].
///
/// Its status is `completed` when the questionnaire would show the result for the answers kept
/// (pressing Next through the steps reaches it) and every required question the Questionnaire
/// enables for them is answered; `stopped` when the questionnaire would show its result before
/// that (an early stop, such as a same-day sign or an age under 18, after which a form tool
/// goes on asking); else `in-progress`. FHIR requires every enabled required item in a
/// `completed` response.
pub fn response(answers: &Answers, texts: &Texts, region: usize) -> QuestionnaireResponse {
    let fill = |text: &str| texts.fill(text, region);
    let closing = Closing::of(&PACK);
    let kept = closing.kept(answers);
    let left_out = (0..PACK.questions.len())
        .filter_map(|q| QuestionIdx::try_from(q).ok())
        .filter(|&q| answers.is_answered(q) && !kept.is_answered(q))
        .map(|q| PACK.questions[usize::from(q)].id)
        .collect();
    let steps = PACK.steps.iter().enumerate().filter_map(|(s, step)| {
        let questions: Vec<ResponseItem> = step
            .questions
            .iter()
            .filter(|&&q| kept.is_answered(q))
            .map(|&q| {
                let question = &PACK.questions[usize::from(q)];
                ResponseItem {
                    link_id: question.id,
                    text: fill(texts.question(usize::from(q))),
                    answer: kept
                        .chosen(q)
                        .map(|o| ResponseAnswer {
                            value_coding: option_coding(q, usize::from(o), texts, &fill),
                        })
                        .collect(),
                    item: Vec::new(),
                }
            })
            .collect();
        (!questions.is_empty()).then(|| ResponseItem {
            link_id: step.id,
            text: fill(texts.step(s)),
            answer: Vec::new(),
            item: questions,
        })
    });
    let every_required_answered = PACK.steps.iter().enumerate().all(|(s, step)| {
        closing.closes(s, &kept)
            || step.questions.iter().all(|&q| {
                !PACK.questions[usize::from(q)].required
                    || !kept.is_shown(&PACK, q)
                    || kept.is_answered(q)
            })
    });
    let status = match Flow::restored(&PACK, kept.clone()).screen() {
        Screen::Result if every_required_answered => "completed",
        Screen::Result => "stopped",
        Screen::Intro | Screen::Step(_) => "in-progress",
    };
    QuestionnaireResponse {
        resource_type: "QuestionnaireResponse",
        language: texts.code,
        questionnaire: format!("{QUESTIONNAIRE_URL}|{}", PACK.version),
        status,
        item: steps.collect(),
        left_out,
    }
}

/// The answers a response holds: all but those in a step the Questionnaire disables for them
/// (the stop that disables it is on an earlier step, so these answers keep it).
pub fn kept_in_a_response(answers: &Answers) -> Answers {
    Closing::of(&PACK).kept(answers)
}

impl QuestionnaireResponse {
    /// The ids of the questions whose answers the response leaves out, as the Questionnaire
    /// disables their steps for these answers.
    pub fn left_out(&self) -> &[&'static str] {
        &self.left_out
    }
}

/// A QuestionnaireResponse as read back: what answers need, and on the resource, its items and
/// answers every property, to refuse one FHIR does not define there (a misspelt `item` or
/// `answer` would drop answers silently). The resource's other fields (`authored`, `meta`...)
/// are not read.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseInput {
    resource_type: String,
    #[serde(default)]
    questionnaire: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    modifier_extension: Vec<IgnoredAny>,
    #[serde(default)]
    item: Vec<ItemInput>,
    /// Every other property, checked by [`response_property`].
    #[serde(flatten)]
    other: BTreeMap<String, IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ItemInput {
    link_id: String,
    #[serde(default)]
    answer: Vec<AnswerInput>,
    #[serde(default)]
    item: Vec<ItemInput>,
    #[serde(default)]
    modifier_extension: Vec<IgnoredAny>,
    /// Every other property, checked against [`ITEM_PROPERTIES`].
    #[serde(flatten)]
    other: BTreeMap<String, IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AnswerInput {
    #[serde(default)]
    value_coding: Option<CodingInput>,
    /// Items nested under an answer (children of a question item).
    #[serde(default)]
    item: Vec<ItemInput>,
    #[serde(default)]
    modifier_extension: Vec<IgnoredAny>,
    /// Every other property, checked by [`answer_property`].
    #[serde(flatten)]
    other: BTreeMap<String, IgnoredAny>,
}

/// The properties FHIR R4 defines on a QuestionnaireResponse besides those read
/// (`resourceType`, `questionnaire`, `status`, `modifierExtension`, `item`), and (with `_`) the
/// extensions of the primitive ones, [`RESPONSE_PRIMITIVES`].
const RESPONSE_PROPERTIES: [&str; 14] = [
    "id",
    "meta",
    "implicitRules",
    "language",
    "text",
    "contained",
    "extension",
    "identifier",
    "basedOn",
    "partOf",
    "subject",
    "encounter",
    "author",
    "source",
];
const RESPONSE_PRIMITIVES: [&str; 6] = [
    "id",
    "implicitRules",
    "language",
    "questionnaire",
    "status",
    "authored",
];

/// Whether `property` is one FHIR defines on a QuestionnaireResponse besides those read.
fn response_property(property: &str) -> bool {
    let primitive = |name: &str| RESPONSE_PRIMITIVES.contains(&name);
    RESPONSE_PROPERTIES.contains(&property)
        || primitive(property)
        || property.strip_prefix('_').is_some_and(primitive)
}

/// The properties FHIR R4 defines on a QuestionnaireResponse item besides those read
/// (`linkId`, `answer`, `item`, `modifierExtension`), and its primitives' extensions (`_text`).
const ITEM_PROPERTIES: [&str; 7] = [
    "id",
    "extension",
    "definition",
    "text",
    "_linkId",
    "_definition",
    "_text",
];
/// Likewise on an answer besides `valueCoding`, `item` and `modifierExtension`, with
/// [`PRIMITIVE_VALUES`] and [`COMPLEX_VALUES`].
const ANSWER_PROPERTIES: [&str; 2] = ["id", "extension"];
/// An answer's value[x] choices of a primitive type (which may also have `_valueString` and
/// the like, their extensions), and the other choices but `valueCoding`: each is refused as
/// not a coding.
const PRIMITIVE_VALUES: [&str; 8] = [
    "valueBoolean",
    "valueDecimal",
    "valueInteger",
    "valueDate",
    "valueDateTime",
    "valueTime",
    "valueString",
    "valueUri",
];
const COMPLEX_VALUES: [&str; 3] = ["valueAttachment", "valueQuantity", "valueReference"];

/// Whether `property` is a value[x] other than `valueCoding`.
fn other_value(property: &str) -> bool {
    PRIMITIVE_VALUES.contains(&property) || COMPLEX_VALUES.contains(&property)
}

/// Whether `property` is one FHIR defines on an answer besides those read: a value[x], `id`,
/// `extension`, or the extension of a primitive value (`_valueString`).
fn answer_property(property: &str) -> bool {
    let primitive = |name: &str| PRIMITIVE_VALUES.contains(&name);
    ANSWER_PROPERTIES.contains(&property)
        || other_value(property)
        || property.strip_prefix('_').is_some_and(primitive)
}

#[derive(Debug, Deserialize)]
struct CodingInput {
    #[serde(default)]
    system: Option<String>,
    #[serde(default)]
    code: Option<String>,
}

/// Why a QuestionnaireResponse gives no answers; each names the linkId or code at fault.
#[derive(Debug, PartialEq)]
pub enum ResponseError {
    NotAResponse(String),
    OtherQuestionnaire(String),
    NotAQuestion(String),
    NotCoded(&'static str),
    NoCode(&'static str),
    OtherSystem {
        question: &'static str,
        system: String,
    },
    AnsweredTwice(&'static str),
    SeveralAnswers(&'static str),
    /// The response says it was entered in error: its answers are not the reader's.
    EnteredInError,
    /// A property FHIR does not define on the response (`on` "response", no linkId), an item
    /// (`on` "item") or an answer (`on` "answer"), named with the item's linkId.
    UnknownProperty {
        link_id: Option<String>,
        on: &'static str,
        property: String,
    },
    /// The response (`None`), or an item or answer (its linkId), with a `modifierExtension`,
    /// which changes its meaning in a way this reader cannot know, and FHIR forbids ignoring.
    ModifierExtension(Option<String>),
    /// An answer with more than one value[x].
    SeveralValues {
        link_id: String,
        values: Vec<String>,
    },
    /// The codes as answers break the questionnaire's rules (unknown code, two answers to a
    /// one-answer question, a hidden question answered...).
    Answers(AnswerError),
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::NotAResponse(found) => write!(
                f,
                "expected a QuestionnaireResponse, found resourceType \"{}\"",
                shortened(found)
            ),
            ResponseError::OtherQuestionnaire(url) => write!(
                f,
                "the response answers another questionnaire (\"{}\"), not {QUESTIONNAIRE_URL}",
                shortened(url)
            ),
            ResponseError::NotAQuestion(link_id) => write!(
                f,
                "linkId \"{}\" has answers but is not a question of this questionnaire",
                shortened(link_id)
            ),
            ResponseError::NotCoded(q) => {
                write!(f, "linkId {q}: every answer must be a valueCoding")
            }
            ResponseError::NoCode(q) => write!(f, "linkId {q}: a valueCoding has no code"),
            ResponseError::OtherSystem { question, system } => write!(
                f,
                "linkId {question}: code system \"{}\" is not {OPTION_SYSTEM}",
                shortened(system)
            ),
            ResponseError::AnsweredTwice(q) => write!(f, "linkId {q} is answered twice"),
            ResponseError::SeveralAnswers(q) => {
                write!(f, "linkId {q} takes one answer, not several")
            }
            ResponseError::EnteredInError => write!(
                f,
                "the response's status is entered-in-error: its answers were recorded by mistake"
            ),
            ResponseError::UnknownProperty {
                link_id,
                on,
                property,
            } => {
                let (of, known) = match *on {
                    "response" => (
                        "a QuestionnaireResponse",
                        "resourceType, questionnaire, status, item, and the others FHIR R4 defines",
                    ),
                    "item" => (
                        "a QuestionnaireResponse item",
                        "linkId, definition, text, answer, item, id, extension, modifierExtension",
                    ),
                    _ => (
                        "a QuestionnaireResponse answer",
                        "a value[x] such as valueCoding, item, id, extension",
                    ),
                };
                if let Some(link_id) = link_id {
                    write!(f, "linkId {}: ", shortened(link_id))?;
                }
                write!(
                    f,
                    "\"{}\" is not a property of {of} ({known})",
                    shortened(property)
                )
            }
            ResponseError::ModifierExtension(link_id) => {
                match link_id {
                    Some(link_id) => write!(f, "linkId {}: ", shortened(link_id))?,
                    None => write!(f, "the response: ")?,
                }
                write!(
                    f,
                    "a modifierExtension changes what the answers mean, and this reader does not know it"
                )
            }
            ResponseError::SeveralValues { link_id, values } => write!(
                f,
                "linkId {}: an answer has more than one value ({})",
                shortened(link_id),
                values.join(", ")
            ),
            ResponseError::Answers(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ResponseError {}

/// The answers a QuestionnaireResponse gives, validated as `eval` validates answers. Accepts
/// nesting at any depth, codings with or without system and display, any status but
/// `entered-in-error` (a response in progress gives partial answers), and skips groups and
/// display items (items without answers). Refuses a property FHIR does not define on an item
/// or an answer, a `modifierExtension` (on the response, an item or an answer), and an answer
/// with two values.
pub fn answers_from_response(response: &ResponseInput) -> Result<Answers, ResponseError> {
    if response.resource_type != "QuestionnaireResponse" {
        return Err(ResponseError::NotAResponse(response.resource_type.clone()));
    }
    if response.status.as_deref() == Some("entered-in-error") {
        return Err(ResponseError::EnteredInError);
    }
    if !response.modifier_extension.is_empty() {
        return Err(ResponseError::ModifierExtension(None));
    }
    if let Some(property) = response.other.keys().find(|p| !response_property(p)) {
        return Err(ResponseError::UnknownProperty {
            link_id: None,
            on: "response",
            property: property.clone(),
        });
    }
    if let Some(canonical) = &response.questionnaire {
        let url = canonical.split('|').next().unwrap_or_default();
        if url != QUESTIONNAIRE_URL {
            return Err(ResponseError::OtherQuestionnaire(canonical.clone()));
        }
    }
    let mut raw = RawAnswers::default();
    collect_answers(&response.item, &mut raw)?;
    Answers::from_raw(&PACK, &raw).map_err(ResponseError::Answers)
}

fn collect_answers(items: &[ItemInput], raw: &mut RawAnswers) -> Result<(), ResponseError> {
    for item in items {
        check_properties(item)?;
        if !item.answer.is_empty() {
            let question = PACK
                .question_index(&item.link_id)
                .map(|q| &PACK.questions[usize::from(q)])
                .ok_or_else(|| ResponseError::NotAQuestion(item.link_id.clone()))?;
            if raw.0.iter().any(|(id, _)| id == question.id) {
                return Err(ResponseError::AnsweredTwice(question.id));
            }
            let mut codes = item
                .answer
                .iter()
                .map(|answer| option_code(question, answer))
                .collect::<Result<Vec<_>, _>>()?;
            let value = match question.kind {
                QuestionKind::Multi => RawValue::Many(codes),
                QuestionKind::Single if codes.len() == 1 => RawValue::One(codes.remove(0)),
                QuestionKind::Single => return Err(ResponseError::SeveralAnswers(question.id)),
            };
            raw.0.push((question.id.to_string(), value));
        }
        collect_answers(&item.item, raw)?;
        for answer in &item.answer {
            collect_answers(&answer.item, raw)?;
        }
    }
    Ok(())
}

/// Refuses, naming the linkId, a property FHIR does not define on the item or one of its
/// answers, a `modifierExtension` on either, and an answer with more than one value[x].
fn check_properties(item: &ItemInput) -> Result<(), ResponseError> {
    let unknown = |on, property: &str| ResponseError::UnknownProperty {
        link_id: Some(item.link_id.clone()),
        on,
        property: property.to_string(),
    };
    let modified = || ResponseError::ModifierExtension(Some(item.link_id.clone()));
    if let Some(property) = item
        .other
        .keys()
        .find(|p| !ITEM_PROPERTIES.contains(&p.as_str()))
    {
        return Err(unknown("item", property));
    }
    if !item.modifier_extension.is_empty() {
        return Err(modified());
    }
    for answer in &item.answer {
        if let Some(property) = answer.other.keys().find(|p| !answer_property(p)) {
            return Err(unknown("answer", property));
        }
        if !answer.modifier_extension.is_empty() {
            return Err(modified());
        }
        let others = answer.other.keys().filter(|p| other_value(p)).cloned();
        let values: Vec<String> = answer
            .value_coding
            .as_ref()
            .map(|_| "valueCoding".to_string())
            .into_iter()
            .chain(others)
            .collect();
        if values.len() > 1 {
            return Err(ResponseError::SeveralValues {
                link_id: item.link_id.clone(),
                values,
            });
        }
    }
    Ok(())
}

fn option_code(question: &'static Question, answer: &AnswerInput) -> Result<String, ResponseError> {
    let coding = answer
        .value_coding
        .as_ref()
        .ok_or(ResponseError::NotCoded(question.id))?;
    match &coding.system {
        Some(system) if system != OPTION_SYSTEM => Err(ResponseError::OtherSystem {
            question: question.id,
            system: system.clone(),
        }),
        _ => coding
            .code
            .clone()
            .ok_or(ResponseError::NoCode(question.id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::RedFlag;

    fn chose(question: &str, options: u32) -> Expr {
        let question = PACK.question_index(question).expect("question");
        Expr::Chose { question, options }
    }

    fn leak<T, const N: usize>(parts: [T; N]) -> &'static [T] {
        Box::leak(Box::new(parts))
    }

    #[test]
    fn any_of_options_and_all_of_single_options_are_enable_when() {
        let age = PACK.question_index("q_age").expect("question");
        let neuro = PACK.question_index("q_neuro").expect("question");
        let any = Expr::Any(leak([chose("q_age", 0b11), chose("q_neuro", 0b100)]));
        assert_eq!(
            enabling(&PACK, &any),
            Some(Enabling::When(vec![(age, 0), (age, 1), (neuro, 2)], "any"))
        );
        let all = Expr::All(leak([chose("q_age", 0b10), chose("q_neuro", 0b1)]));
        assert_eq!(
            enabling(&PACK, &all),
            Some(Enabling::When(vec![(age, 1), (neuro, 0)], "all"))
        );
    }

    #[test]
    fn rules_enable_when_cannot_say_become_fhirpath() {
        let not_under_18 = Expr::Not(Box::leak(Box::new(chose("q_age", 1))));
        let under_18 =
            PACK.questions[usize::from(PACK.question_index("q_age").expect("q"))].options[0];
        assert_eq!(
            enabling(&PACK, &not_under_18),
            Some(Enabling::Expression(format!(
                "(%resource.repeat(item).where(linkId = 'q_age').answer.value.where(system = '{OPTION_SYSTEM}' and code in ('{under_18}')).exists()).not()"
            )))
        );
        // "All" of a choice among options: enableWhen's "all" would need every one of them.
        let all = Expr::All(leak([chose("q_neuro", 0b11), chose("q_age", 0b1)]));
        let Some(Enabling::Expression(path)) = enabling(&PACK, &all) else {
            panic!("not enableWhen");
        };
        assert!(
            path.contains("code in ('pins_needles_numbness_both_sides' | 'balance_problems')"),
            "{path}"
        );
        assert!(path.contains(") and ("), "{path}");
        assert_eq!(enabling(&PACK, &Expr::Signal(0)), None);
    }

    #[test]
    fn the_only_early_stop_is_the_emergency_screen() {
        let q = |id| PACK.question_index(id).expect("question");
        let question = |id| &PACK.questions[usize::from(q(id))];
        let emergency = question("q_emergency_signs");
        let none = emergency.exclusive.expect("none");
        let but_none = emergency.all_options() & !(1 << none);
        let stops = early_stops(&PACK);
        // A same-day sign and under 18 stop the questionnaire too, but a later answer (sudden
        // eyesight problems, a statin with muscle symptoms) could outrank them.
        assert_eq!(
            stops,
            [EarlyStop {
                question: q("q_emergency_signs"),
                options: but_none
            }]
        );
        // "!=" each option that stops: an unanswered question disables nothing.
        let conditions: Vec<_> = stops[0].conditions().collect();
        let expected: Vec<_> = (0..none)
            .map(|o| (q("q_emergency_signs"), "!=", o))
            .collect();
        assert_eq!(conditions, expected);
    }

    #[test]
    fn which_stops_gate_follows_the_levels_not_the_ids() {
        let q = |id| PACK.question_index(id).expect("question");
        let level = |id| PACK.level_index(id).expect("level");
        let option = |question, id| {
            let asked = &PACK.questions[usize::from(q(question))];
            1 << asked.option_index(id).expect("option")
        };
        // The same-day screen's sign at the top level, the emergency screen's one below it.
        let red_flags = leak([
            RedFlag {
                id: "raised",
                level: level("emergency_now"),
                when: chose(
                    "q_urgent_signs",
                    option("q_urgent_signs", "one_leg_swollen"),
                ),
                refs: &[],
            },
            RedFlag {
                id: "lowered",
                level: level("urgent_same_day"),
                when: chose(
                    "q_emergency_signs",
                    option("q_emergency_signs", "cold_pale_leg"),
                ),
                refs: &[],
            },
        ]);
        let pack = Pack { red_flags, ..PACK };
        assert_eq!(
            early_stops(&pack),
            [EarlyStop {
                question: q("q_urgent_signs"),
                options: option("q_urgent_signs", "one_leg_swollen")
            }]
        );
    }

    #[test]
    fn identifier_names_are_pascal_case() {
        assert_eq!(identifier_name("b12-cramps"), "B12Cramps");
        assert_eq!(identifier_name("a_b-c"), "ABC");
    }
}
