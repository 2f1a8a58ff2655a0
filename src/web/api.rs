//! What scripts on the host page get: `evaluate(answers)` and the "complete" event.

use crate::engine::{found, Answers, RawAnswers, RawValue};
use crate::interface::{Completion, COMPLETE_EVENT};
use crate::json::ToJson;
use crate::pack::PACK;
use crate::questionnaire::{Evaluation, Questionnaire};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::Callback;

/// The assessment for answers in the command line's JSON shape (`cramp-check eval`; the one
/// description is `questionnaire::Evaluation`), as a plain object with the same fields in the
/// same order. Bad answers throw an `Error` whose message names the question or option, as the
/// command line's does.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate_for_script(answers: JsValue) -> Result<JsValue, JsError> {
    let raw = raw_answers(&answers).ok_or_else(|| {
        JsError::new("invalid answers: expected an object, such as {\"q_age\": \"65_74\"}")
    })?;
    let answers = Answers::from_raw(&PACK, &raw).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(Evaluation::of(&PACK, answers).to_json())
}

/// The answers object read directly (the wasm has no serde, and a deserializer's error messages
/// would bring float formatting into it). Values are checked as the command line's are.
fn raw_answers(answers: &JsValue) -> Option<RawAnswers> {
    if !answers.is_object() || Array::is_array(answers) {
        return None;
    }
    let entries = Object::entries(answers.unchecked_ref());
    let raw = entries.iter().map(|entry| {
        let entry = Array::from(&entry);
        let value = entry.get(1);
        let value = match value.as_string() {
            Some(option) => RawValue::One(option),
            None if Array::is_array(&value) => {
                let items = Array::from(&value);
                match items.iter().find(|item| item.as_string().is_none()) {
                    Some(other) => RawValue::Invalid(kind_of(&other)),
                    None => RawValue::Many(items.iter().filter_map(|i| i.as_string()).collect()),
                }
            }
            None => RawValue::Invalid(kind_of(&value)),
        };
        (entry.get(0).as_string().unwrap_or_default(), value)
    });
    Some(RawAnswers(raw.collect()))
}

fn kind_of(value: &JsValue) -> &'static str {
    if value.as_f64().is_some() {
        found::NUMBER
    } else if value.as_bool().is_some() {
        found::BOOLEAN
    } else if value.is_null() || value.is_undefined() {
        found::NULL
    } else if Array::is_array(value) {
        found::NESTED_LIST
    } else {
        found::OBJECT
    }
}

/// Dispatches `b12-cramp-check:complete` (bubbling, composed) from `host` each time the reader
/// reaches a result. The answers go with it only when the host opted in (`share-answers`) and
/// this visit showed the intro, which tells the reader so before they start.
pub fn complete_event_sender(
    host: Element,
    share_answers: bool,
) -> Callback<(Questionnaire, bool)> {
    Callback::from(move |(completed, told): (Questionnaire, bool)| {
        let assessment = completed.assessment();
        let completion = Completion {
            triage: assessment.level_id(),
            top_factor: assessment.top_factor_id(),
            pack_version: PACK.version,
            answers: (share_answers && told).then(|| completed.answers().to_raw(&PACK)),
        };
        let detail: JsValue = completion.to_json();
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(COMPLETE_EVENT, &init) {
            let _ = host.dispatch_event(&event);
        }
    })
}
