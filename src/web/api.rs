//! What scripts on the host page get: `evaluate(answers)` and the "complete" event.

use super::attributes::Names;
use crate::engine::{evaluate as evaluate_answers, Answers, RawAnswers};
use crate::pack::PACK;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::Callback;

const COMPLETE_EVENT: &str = "b12-cramp-check:complete";

/// The assessment for answers in the command line's JSON shape (`cramp-check eval`), as a plain
/// object with the same fields. Bad answers throw an `Error` whose message names the question
/// or option, as the command line's does.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate_for_script(answers: JsValue) -> Result<JsValue, JsError> {
    let raw: RawAnswers = serde_wasm_bindgen::from_value(answers)
        .map_err(|e| JsError::new(&format!("invalid answers: {e}")))?;
    let answers = Answers::from_raw(&PACK, &raw).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&evaluate_answers(&PACK, &answers))
}

/// Plain objects, not `Map`s, so the result reads like the command line's JSON.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The complete event's `detail`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Completion {
    triage: &'static str,
    top_factor: &'static str,
    pack_version: &'static str,
    /// Health data: only when the host opted in with the share-answers attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    answers: Option<RawAnswers>,
}

/// Dispatches `b12-cramp-check:complete` (bubbling, composed) from `host` each time a result
/// appears. The answers go with it only while the host carries the share-answers attribute.
pub fn complete_event_sender(host: Element, names: &'static Names) -> Callback<Answers> {
    Callback::from(move |answers: Answers| {
        let assessment = evaluate_answers(&PACK, &answers);
        let completion = Completion {
            triage: assessment.triage_id(),
            top_factor: assessment.top_factor_id(),
            pack_version: PACK.version,
            answers: host
                .has_attribute(names.share_answers)
                .then(|| answers.to_raw(&PACK)),
        };
        let Ok(detail) = to_js(&completion) else {
            return;
        };
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(COMPLETE_EVENT, &init) {
            let _ = host.dispatch_event(&event);
        }
    })
}
