//! What must hold for any input at all, whatever a reader, a link or a host page sends: checked
//! by the coverage-guided fuzz targets (`fuzz/`, `cargo xtask fuzz`) and by replaying their
//! corpus of interesting inputs in every test run (`tests/fuzz_corpus.rs`). Each check panics
//! when something does not hold, which is what a fuzzer reports.
//!
//! - [`answers_json`]: the command line's reader (JSON text to answers to an assessment).
//! - [`answers_object`]: the shape `evaluate()` reads from a JavaScript object (keys, and values
//!   that are strings, lists or something else), built from the bytes.
//! - [`share_code`]: the share link's fragment (its parts) and the share-link and remembered-answers
//!   decoder.
//! - [`attributes`]: the element's attributes (`lang` and each of [`OWN_ATTRIBUTES`]).
//! - [`fhir_response`]: a FHIR QuestionnaireResponse, as `cramp-check fhir answers` reads it.

use crate::engine::{evaluate, found, Answers, RawAnswers, RawValue};
use crate::fhir;
use crate::outline::outline;
use crate::pack::{default_texts, PACK};
use crate::questionnaire::{Action, Questionnaire, Screen};
use crate::report;
use crate::settings::{Settings, HEADING_LEVELS, OWN_ATTRIBUTES};
use crate::share;

/// One check: panics (fails) on an input the checker mishandles.
pub type Check = fn(&[u8]);

/// Each check by the name of the fuzz target that calls it (`fuzz/fuzz_targets/<name>.rs`,
/// listed in fuzz/Cargo.toml); the corpus replay runs them all.
pub const TARGETS: [(&str, Check); 5] = [
    ("answers_json", answers_json),
    ("answers_object", answers_object),
    ("share_code", share_code),
    ("attributes", attributes),
    ("fhir_response", fhir_response),
];

/// Longest message a refusal may have: it quotes at most 40 characters of the input (each
/// escaped control character taking up to 10), and the options a question expects.
const MAX_MESSAGE: usize = 1000;

/// JSON text, as `cramp-check eval` reads it.
pub fn answers_json(data: &[u8]) {
    if let Ok(raw) = serde_json::from_slice::<RawAnswers>(data) {
        answers_raw(&raw);
    }
}

/// Raw answers in the shape `evaluate()` reads a JavaScript object into, built from the bytes:
/// each entry picks a question id (one of the pack's, or some other text) and a value (an option
/// id or other text, a list of them, or a value of another kind).
pub fn answers_object(data: &[u8]) {
    answers_raw(&raw_answers_from(data));
}

/// A share code: the text as given, and the bytes as a well-formed base64url code (to reach
/// past the base64 layer into the decoder proper).
pub fn share_code(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    // As an address's fragment: the answers' part found or not, and nothing but its own parts.
    let (code, rest) = share::fragment_parts(&text);
    for part in code.into_iter().chain(rest) {
        assert!(text.contains(part), "a part of the fragment: {part:?}");
    }
    for code in [text.into_owned(), share::to_base64url(data)] {
        if let Ok(answers) = share::decode(&PACK, &code) {
            let again = share::decode(&PACK, &share::encode(&PACK, &answers));
            assert_eq!(again.as_ref(), Ok(&answers), "a decoded code round-trips");
            check_assessment(&answers);
        }
    }
}

/// The element's attributes: the bytes split at 0xff into `lang`, then each of
/// [`OWN_ATTRIBUTES`] in order (region, theme, heading-level, share-answers, history) while parts
/// remain; the settings never ask for share-answers (the loader reads it), so its part is unused.
pub fn attributes(data: &[u8]) {
    let parts: Vec<String> = data
        .split(|&b| b == 0xff)
        .map(|part| String::from_utf8_lossy(part).into_owned())
        .collect();
    let part = |i: usize| parts.get(i).cloned();
    let mut warnings = Vec::new();
    let settings = Settings::from_attributes(
        part(0).as_deref(),
        |name| {
            let at = OWN_ATTRIBUTES
                .iter()
                .position(|attribute| *attribute == name)?;
            part(at + 1)
        },
        &mut |w| warnings.push(w),
    );
    assert!(HEADING_LEVELS.contains(&settings.heading_level));
    assert!(settings.region < PACK.regions.len());
    assert!(warnings.len() <= 4, "one warning per attribute at most");
    for warning in warnings {
        one_short_line(&warning);
    }
}

/// JSON text as a FHIR R4 QuestionnaireResponse, as `cramp-check fhir answers` reads it: the
/// answers it gives are answers `eval` accepts, come back through the response `cramp-check fhir
/// response` writes as it keeps them (all but those in a step its Questionnaire disables), and
/// give a complete assessment; a refusal is one short line naming what is wrong.
pub fn fhir_response(data: &[u8]) {
    let Ok(response) = serde_json::from_slice::<fhir::ResponseInput>(data) else {
        return;
    };
    match fhir::answers_from_response(&response) {
        Ok(answers) => {
            let written = serde_json::to_vec(&fhir::response(
                &answers,
                default_texts(),
                PACK.default_region,
            ))
            .expect("a response is JSON");
            let read = serde_json::from_slice(&written).expect("a written response reads back");
            let back = fhir::answers_from_response(&read);
            let kept = fhir::kept_in_a_response(&answers);
            assert_eq!(back.as_ref(), Ok(&kept), "answers round-trip");
            check_assessment(&answers);
        }
        Err(error) => one_short_line(&error.to_string()),
    }
}

/// Accepted answers give a complete assessment and round-trip; refused ones give one short line.
fn answers_raw(raw: &RawAnswers) {
    match Answers::from_raw(&PACK, raw) {
        Ok(answers) => {
            let back = Answers::from_raw(&PACK, &answers.to_raw(&PACK));
            assert_eq!(back.as_ref(), Ok(&answers), "answers round-trip");
            check_assessment(&answers);
        }
        Err(error) => one_short_line(&error.to_string()),
    }
}

/// A refusal or a warning is one line of at most [`MAX_MESSAGE`] characters.
fn one_short_line(message: &str) {
    assert!(
        message.len() <= MAX_MESSAGE && !message.contains('\n'),
        "one short line: {message:?}"
    );
}

/// Accepted answers give a complete assessment, and (as a link's or a remembered record's do)
/// a questionnaire placed where they lead, with every answer kept.
fn check_assessment(answers: &Answers) {
    let flow = Questionnaire::restored(&PACK, answers.clone());
    assert_eq!(flow.answers(), answers, "restoring keeps the answers");
    assert!(
        flow.missing().is_empty(),
        "no error the reader did not cause"
    );
    // On the result, or on the first step whose Next the answers cannot pass.
    match flow.screen() {
        Screen::Result => {}
        Screen::Step(_) => {
            let next = flow.apply(Action::Next);
            assert_eq!(
                next.screen(),
                flow.screen(),
                "a restore stops where Next stops"
            );
            assert!(!next.missing().is_empty(), "and Next says what is missing");
        }
        Screen::Intro => panic!("a restore never lands on the intro"),
    }
    let assessment = evaluate(&PACK, answers);
    assert!(usize::from(assessment.level) < PACK.levels.len());
    assert!(usize::from(assessment.top_factor) < PACK.factors.len());
    assert!(!assessment.reasons.is_empty(), "every result says why");
    assert!(serde_json::to_string(&assessment).is_ok());
    let texts = default_texts();
    let report = report::explain(
        &outline(&assessment, answers, texts, PACK.default_region),
        texts,
    );
    assert!(
        !report.contains('{'),
        "every placeholder is filled: {report}"
    );
}

/// Raw answers steered by the bytes (see [`answers_object`]).
fn raw_answers_from(data: &[u8]) -> RawAnswers {
    let mut bytes = data.iter().copied();
    let mut next = move || bytes.next();
    let text = |next: &mut dyn FnMut() -> Option<u8>, ids: &[&str]| -> String {
        match next() {
            Some(b) if usize::from(b) < ids.len() * 2 => {
                ids[usize::from(b) % ids.len()].to_string()
            }
            Some(len) => (0..len % 64)
                .filter_map(|_| next())
                .map(char::from)
                .collect(),
            None => String::new(),
        }
    };
    let mut entries = Vec::new();
    while let Some(kind) = next() {
        let question = usize::from(kind) % PACK.questions.len();
        let key = text(&mut next, &[PACK.questions[question].id, "q_unknown", ""]);
        let options = PACK.questions[question].options;
        let value = match next().unwrap_or(0) % 4 {
            0 => RawValue::One(text(&mut next, options)),
            1 => RawValue::Many(
                (0..next().unwrap_or(0) % 16)
                    .map(|_| text(&mut next, options))
                    .collect(),
            ),
            2 => RawValue::Invalid(
                [
                    found::NUMBER,
                    found::BOOLEAN,
                    found::NULL,
                    found::OBJECT,
                    found::NESTED_LIST,
                ][usize::from(next().unwrap_or(0)) % 5],
            ),
            _ => RawValue::Many(Vec::new()),
        };
        entries.push((key, value));
    }
    RawAnswers(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builders_reach_real_answers() {
        // Question 0 by id, a single option by id: a valid answer set the checks evaluate.
        let q0 = &PACK.questions[0];
        let raw = raw_answers_from(&[0, 0, 1, 0, 0]);
        assert_eq!(raw.0[0].0, q0.id);
        assert!(matches!(raw.0[0].1, RawValue::Many(_) | RawValue::One(_)));
        answers_object(&[0, 0, 1, 0, 0]);
        answers_json(br#"{"q_age":"65_74"}"#);
        share_code(b"AQID");
        attributes(b"en-GB\xffuk\xffdark\xff3\xff");
    }
}
