//! What a checker does to a page that opted in to be owned by it (the `history` attribute: the
//! standalone page and the single file, never an article unless its host asks): each screen is
//! a browser history entry, so that Back and Forward move between steps, and the title names the
//! screen. The entry's state holds the screen, the answers' share code and the page's own title:
//! never the address, and nothing stored on the device; the browser keeps it with the tab's
//! history, so a reload returns to the same step with the same answers, and closing the tab
//! forgets it.

use super::keep;
use crate::pack::PACK;
use crate::questionnaire::{Action, Notice, Questionnaire, Screen};
use crate::share;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::window;

/// The key of the checker's part of a history entry's state (a page may keep its own beside it).
const STATE_KEY: &str = "b12-cramp-check";

/// The checker's part of a history entry's state: the screen's id, the answers' code, the
/// screen of the entry before it when the checker made both (so that the checker's own Back
/// button can be the browser's Back), and the page's own title, which the title the checker
/// set ends with (so that a checker restarted after a fault finds it again).
struct Entry {
    screen: String,
    answers: String,
    previous: Option<String>,
    page_title: Option<String>,
}

fn entry_in(state: &JsValue) -> Option<Entry> {
    let ours = Reflect::get(state, &STATE_KEY.into()).ok()?;
    let field = |name: &str| Reflect::get(&ours, &name.into()).ok()?.as_string();
    Some(Entry {
        screen: field("screen")?,
        answers: field("answers")?,
        previous: field("previous"),
        page_title: field("title"),
    })
}

fn current_entry() -> Option<Entry> {
    entry_in(&window()?.history().ok()?.state().ok()?)
}

/// The questionnaire this tab's current history entry holds (after a reload), at the screen it
/// showed if its answers still lead there. An entry on the intro holds nothing to keep: the
/// checker starts as on arrival (a link, remembered answers), with its notices. One this
/// version cannot read (made before an update changed the questions) starts so too, and the
/// reader is told, unless arrival has a notice of its own: answers never vanish unsaid.
pub fn saved_in_history() -> Option<Questionnaire> {
    let entry = current_entry()?;
    let screen = Screen::from_id(&PACK, &entry.screen);
    if screen == Some(Screen::Intro) {
        return None;
    }
    Some(match (screen, share::restore(&PACK, &entry.answers)) {
        (Some(screen), Ok(flow)) => flow.apply(Action::Show(screen, None)),
        _ => {
            let arrival = keep::starting_point();
            match arrival.notice() {
                Some(_) => arrival,
                None => arrival.with_notice(Notice::HistoryLost),
            }
        }
    })
}

/// The move to a history entry (a `popstate` event's state), if it is the checker's: its screen
/// and the answers it held.
pub fn move_to(state: &JsValue) -> Option<Action> {
    let entry = entry_in(state)?;
    let screen = Screen::from_id(&PACK, &entry.screen)?;
    Some(Action::Show(
        screen,
        share::decode(&PACK, &entry.answers).ok(),
    ))
}

/// Whether the browser's Back goes to `screen` (the entry before this one is the checker's, on
/// that screen).
pub fn back_goes_to(screen: Screen) -> bool {
    current_entry().and_then(|entry| entry.previous) == Some(screen.id(&PACK))
}

/// Goes back one entry (the browser's Back); the `popstate` that follows shows its screen.
pub fn go_back() {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.back();
    }
}

/// The page's own title as the current history entry holds it (see [`Entry`]).
pub fn page_title_in_history() -> Option<String> {
    current_entry()?.page_title
}

/// Records the questionnaire and the page's own title in the history: a new entry after one on
/// the screen `new_after`, or else in the current entry. Whatever else the page keeps in the
/// state is left as it is.
pub fn record(flow: &Questionnaire, new_after: Option<Screen>, page_title: &str) {
    let Some(history) = window().and_then(|w| w.history().ok()) else {
        return;
    };
    let previous = match new_after {
        Some(screen) => Some(screen.id(&PACK)),
        None => current_entry().and_then(|entry| entry.previous),
    };
    let ours = Object::new();
    let _ = Reflect::set(&ours, &"screen".into(), &flow.screen().id(&PACK).into());
    let answers = share::encode(&PACK, flow.answers());
    let _ = Reflect::set(&ours, &"answers".into(), &answers.into());
    let _ = Reflect::set(&ours, &"title".into(), &page_title.into());
    if let Some(previous) = previous {
        let _ = Reflect::set(&ours, &"previous".into(), &previous.into());
    }
    let new_entry = new_after.is_some();
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

pub fn title() -> String {
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
