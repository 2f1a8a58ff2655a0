//! What a checker does to a page that opted in to be owned by it (the `history` attribute: the
//! standalone page and the single file, never an article unless its host asks): each screen is
//! a browser history entry, so that Back and Forward move between steps, and the title names the
//! screen. The entry's state holds the screen and the answers' share code: never the address,
//! and nothing stored on the device; the browser keeps it with the tab's history, so a reload
//! returns to the same step with the same answers, and closing the tab forgets it.

use crate::pack::PACK;
use crate::questionnaire::{Action, Questionnaire, Screen};
use crate::share;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::window;

/// The key of the checker's part of a history entry's state (a page may keep its own beside it).
const STATE_KEY: &str = "b12-cramp-check";

/// The checker's part of a history entry's state: the screen's id and the answers' code.
struct Entry {
    screen: String,
    answers: String,
}

fn entry_in(state: &JsValue) -> Option<Entry> {
    let ours = Reflect::get(state, &STATE_KEY.into()).ok()?;
    let field = |name: &str| Reflect::get(&ours, &name.into()).ok()?.as_string();
    Some(Entry {
        screen: field("screen")?,
        answers: field("answers")?,
    })
}

/// The questionnaire this tab's current history entry holds (after a reload), at the screen it
/// showed if its answers still lead there.
pub fn saved_in_history() -> Option<Questionnaire> {
    let state = window()?.history().ok()?.state().ok()?;
    let entry = entry_in(&state)?;
    let answers = share::decode(&PACK, &entry.answers).ok()?;
    let screen = Screen::from_id(&PACK, &entry.screen)?;
    Some(Questionnaire::restored(&PACK, answers).apply(Action::Show(screen)))
}

/// The screen a history entry (a `popstate` event's state) showed, if it is the checker's.
pub fn screen_in(state: &JsValue) -> Option<Screen> {
    Screen::from_id(&PACK, &entry_in(state)?.screen)
}

/// Records the questionnaire in the history: a new entry when `new_entry`, else in the current
/// one. Whatever else the page keeps in the entry's state is left as it is.
pub fn record(flow: &Questionnaire, new_entry: bool) {
    let Some(history) = window().and_then(|w| w.history().ok()) else {
        return;
    };
    let ours = Object::new();
    let _ = Reflect::set(&ours, &"screen".into(), &flow.screen().id(&PACK).into());
    let answers = share::encode(&PACK, flow.answers());
    let _ = Reflect::set(&ours, &"answers".into(), &answers.into());
    let state = match history.state() {
        Ok(state) if state.is_object() && !new_entry => state,
        _ => Object::new().into(),
    };
    let _ = Reflect::set(&state, &STATE_KEY.into(), &ours);
    let _ = if new_entry {
        history.push_state(&state, "")
    } else {
        history.replace_state(&state, "")
    };
}

/// The page's title when the checker started, which every title it sets ends with.
pub fn original_title() -> String {
    window()
        .and_then(|w| w.document())
        .map(|d| d.title())
        .unwrap_or_default()
}

pub fn set_title(title: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}
