//! What a reader can keep of a result, through the browser: a share link (the answers in the
//! address's fragment, which browsers never send to a server), answers remembered on this device
//! (one localStorage key, written only after the reader asks), and printing.

use crate::engine::Answers;
use crate::pack::PACK;
use crate::questionnaire::Questionnaire;
use crate::share::{self, ShareError, FRAGMENT_KEY};
use wasm_bindgen_futures::JsFuture;
use web_sys::{window, Storage};

/// The one storage key, shared by every checker on the site.
const STORAGE_KEY: &str = "b12-cramp-check";

/// What the reader is told about answers that were there before they started.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    FromLink,
    Resumed,
    LinkRefused(ShareError),
}

/// The questionnaire to start with: answers from the page's link first, then answers the
/// reader asked this device to remember, else a fresh start.
pub fn starting_point() -> (Questionnaire, Option<Notice>) {
    if let Some(code) = code_in_fragment() {
        return match share::decode(&PACK, &code) {
            Ok(answers) => (
                Questionnaire::restored(&PACK, answers),
                Some(Notice::FromLink),
            ),
            Err(error) => (Questionnaire::new(&PACK), Some(Notice::LinkRefused(error))),
        };
    }
    // Remembered answers from another version are not used; the reader can still forget them.
    match remembered().map(|code| share::decode(&PACK, &code)) {
        Some(Ok(answers)) => (
            Questionnaire::restored(&PACK, answers),
            Some(Notice::Resumed),
        ),
        _ => (Questionnaire::new(&PACK), None),
    }
}

/// `b12c=<code>` among the fragment's `&`-separated parts, so hosts can keep their own.
fn code_in_fragment() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let prefix = format!("{FRAGMENT_KEY}=");
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix(&prefix).map(str::to_string))
}

/// This page's address with the answers in its fragment.
pub fn link_to(answers: &Answers) -> Option<String> {
    let href = window()?.location().href().ok()?;
    let page = href.split('#').next().unwrap_or(&href);
    Some(format!(
        "{page}#{FRAGMENT_KEY}={}",
        share::encode(&PACK, answers)
    ))
}

/// Copies `text` to the clipboard; false where the browser refuses (for example on file://).
pub async fn copy(text: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    JsFuture::from(window.navigator().clipboard().write_text(text))
        .await
        .is_ok()
}

// Storage can be missing or refuse (private modes, blocked cookies): every call copes.
fn storage() -> Option<Storage> {
    window()?.local_storage().ok().flatten()
}

fn remembered() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

pub fn is_remembered() -> bool {
    remembered().is_some()
}

/// Stores the answers. Where storage refuses, nothing is stored and `is_remembered` says so.
pub fn remember(answers: &Answers) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, &share::encode(&PACK, answers));
    }
}

pub fn forget() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}

/// Today's date in the reader's language, for the printed summary.
pub fn today(language: &str) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    js_sys::Date::new_0()
        .to_locale_date_string(language, &options)
        .into()
}
