//! What a reader can keep of a result, through the browser: a share link (the answers in the
//! address's fragment, which browsers never send to a server), answers remembered on this device
//! (one localStorage key, written only after the reader asks; never in a file opened from disk),
//! and printing.

use crate::engine::model::fill;
use crate::engine::Answers;
use crate::interface::LANG;
use crate::pack::{UiText, PACK};
use crate::questionnaire::{Notice, Questionnaire};
use crate::settings::{Settings, REGION, THEME};
use crate::share::{self, fragment_parts, FRAGMENT_KEY};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{window, Storage};

/// The one storage key, shared by every checker on the site.
const STORAGE_KEY: &str = "b12-cramp-check";
/// What a remembered record starts with: its format, and that the reader asked for it. Anything
/// else under the key is not ours to use (another script's, or planted) and is left alone.
const CONSENTED_RECORD: &str = "v1;consented;";

/// The questionnaire to start with: answers from the page's link first, then answers the
/// reader asked this device to remember, else a fresh start. A link's code is removed from the
/// address once read, so that analytics, screenshots and bookmarks do not keep it.
pub fn starting_point() -> Questionnaire {
    let fresh = || Questionnaire::new(&PACK);
    if let Some(code) = take_code_from_address() {
        return match share::restore(&PACK, &code) {
            Ok(flow) => flow.with_notice(Notice::FromLink),
            Err(error) => fresh().with_notice(Notice::LinkRefused(error)),
        };
    }
    match stored() {
        Stored::Nothing => fresh(),
        Stored::Consented(code) => match share::restore(&PACK, &code) {
            Ok(flow) => flow.with_notice(Notice::Resumed),
            Err(_) => fresh().with_notice(Notice::StoredIgnored),
        },
        Stored::Other => fresh().with_notice(Notice::StoredIgnored),
    }
}

/// Where the checker starts again after the page had to restart it: the reader's answers,
/// placed where they lead, with a notice that says what happened. Without answers (a checker
/// still on its intro), the intro, as for anyone new: its first step and a notice that answers
/// were kept would skip what the check is and who it is for.
pub fn restarting_point(code: &str) -> Questionnaire {
    match share::restore(&PACK, code) {
        Ok(flow) if flow.answers().is_empty() => Questionnaire::new(&PACK),
        restored => restored
            .unwrap_or_else(|_| Questionnaire::new(&PACK))
            .with_notice(Notice::Restarted),
    }
}

/// The code in the fragment's `b12c=<code>` part (hosts may keep `&`-separated parts of their
/// own), removed from the address bar without a new history entry.
fn take_code_from_address() -> Option<String> {
    let window = window()?;
    let hash = window.location().hash().ok()?;
    let (code, rest) = fragment_parts(&hash);
    let code = code?;
    let location = window.location();
    let address = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default(),
        if rest.is_empty() {
            String::new()
        } else {
            format!("#{}", rest.join("&"))
        }
    );
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&address));
    }
    Some(code.to_string())
}

/// The link to these answers: the page's address with the answers in the fragment. Its query
/// can carry a subscriber id or campaign tags: of it, only the keys that set up a checker (`lang`,
/// `region`, `theme`: the frame page's, the standalone page's language) stay, so that the link
/// opens with the same words and numbers to call, each once and with the value the checker took
/// (`settings`), never the address's own text, which could carry anything. A hash-routed page's
/// route (a part starting `/` or `!`, as in `#/article/b12`) stays, without its own query, so
/// that the link opens the article; the fragment's other parts (an anchor, a token) do not.
pub fn link_to(answers: &Answers, settings: &Settings) -> Option<String> {
    let location = window()?.location();
    let href = location.href().ok()?;
    let page = href.split(['#', '?']).next().unwrap_or(&href);
    let search = location.search().unwrap_or_default();
    let mut query = String::new();
    for (key, value) in [
        (LANG, settings.texts.code),
        (REGION, PACK.regions[settings.region]),
        (THEME, settings.theme.id()),
    ] {
        if search
            .split(['?', '&'])
            .any(|part| part.split('=').next() == Some(key))
        {
            query.push_str(if query.is_empty() { "?" } else { "&" });
            query.push_str(key);
            query.push('=');
            query.push_str(value);
        }
    }
    let hash = location.hash().unwrap_or_default();
    let route = fragment_parts(&hash)
        .1
        .into_iter()
        .find(|part| part.starts_with(['/', '!']))
        .map(|route| format!("{}&", route.split('?').next().unwrap_or_default()))
        .unwrap_or_default();
    Some(format!(
        "{page}{query}#{route}{FRAGMENT_KEY}={}",
        share::encode(&PACK, answers)
    ))
}

/// Opened as a file from disk: a link would show the file's place on this computer, and every
/// local file shares one storage, so nothing is read from or written to it there (`storage`).
pub fn is_local_file() -> bool {
    window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|protocol| protocol == "file:")
}

/// Copies `text` to the clipboard; false where the browser has no clipboard for this page (an
/// http page) or refuses (for example on file://).
pub async fn copy(text: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|clipboard| clipboard.is_object());
    has_clipboard
        && JsFuture::from(navigator.clipboard().write_text(text))
            .await
            .is_ok()
}

/// What this device holds under the storage key.
enum Stored {
    Nothing,
    /// A record the reader asked for, with its code.
    Consented(String),
    Other,
}

// Storage can be missing or refuse (private modes, blocked cookies): every call copes. A file
// opened from disk has none: the browser gives every local file the same storage, so a record
// there may be any downloaded page's, and answers written there any such page could read.
fn storage() -> Option<Storage> {
    if is_local_file() {
        return None;
    }
    window()?.local_storage().ok().flatten()
}

fn stored() -> Stored {
    match storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
        None => Stored::Nothing,
        Some(value) => match value.strip_prefix(CONSENTED_RECORD) {
            Some(code) => Stored::Consented(code.to_string()),
            None => Stored::Other,
        },
    }
}

/// Whether this page may store anything: not in a file opened from disk (`is_local_file`, which
/// the keep panel names first), not in a sandboxed frame without `allow-same-origin` (an opaque
/// origin has no storage), nor where the browser blocks storage.
pub fn can_store() -> bool {
    storage().is_some()
}

/// What the device remembers, measured against a set of answers.
pub enum Remembered {
    Nothing,
    These,
    /// Other answers: a link opened on an opted-in device, or answers changed since.
    Others,
}

pub fn remembered(answers: &Answers) -> Remembered {
    match stored() {
        Stored::Consented(code) if code == share::encode(&PACK, answers) => Remembered::These,
        Stored::Consented(_) => Remembered::Others,
        Stored::Nothing | Stored::Other => Remembered::Nothing,
    }
}

/// Stores the answers as a consented record; false where storage refuses (full, or blocked
/// after the page loaded), and then nothing is stored.
pub fn remember(answers: &Answers) -> bool {
    storage().is_some_and(|storage| {
        let record = format!("{CONSENTED_RECORD}{}", share::encode(&PACK, answers));
        storage.set_item(STORAGE_KEY, &record).is_ok()
    })
}

/// Removes the record; false where storage refuses.
pub fn forget() -> bool {
    storage().is_some_and(|storage| storage.remove_item(STORAGE_KEY).is_ok())
}

/// The browser's print dialog. On a publisher's page the summary prints alone: the loader
/// marks this checker as printing when its Print button is pressed (`www/embed/loader.js`).
pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}

/// Today's date in the reader's language, for the printed summary, written with the language's
/// own pattern and month names: the browser's `toLocaleDateString` first loads its locale data,
/// about 70 ms of the result's task at 4x CPU throttling.
pub fn today(ui: UiText) -> String {
    let now = js_sys::Date::new_0();
    let month = ui.months().split(' ').nth(now.get_month() as usize);
    let (day, year) = (now.get_date().to_string(), now.get_full_year().to_string());
    fill(
        ui.date(),
        &[
            ("day", &day),
            ("month", month.unwrap_or_default()),
            ("year", &year),
        ],
    )
}
