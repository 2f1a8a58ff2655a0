//! One component per part of a screen.

pub mod intro;
pub mod keep;
pub mod question;
pub mod result;
pub mod step;

use crate::outline::Call;
use crate::settings::Settings;
use yew::prelude::*;

/// The reader's settings, provided by `App`.
#[hook]
pub fn use_settings() -> Settings {
    use_context::<Settings>().unwrap_or_default()
}

/// A `tel:` link per number, reading `text(call)`: the call's label ("Call 999") on its own,
/// or just the number after a sentence that says "call".
pub fn call_links(calls: &[Call], class: &'static str, text: fn(&Call) -> &str) -> Html {
    calls
        .iter()
        .map(|call| html! { <a {class} href={format!("tel:{}", call.number)}>{ text(call) }</a> })
        .collect()
}
