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

/// A `tel:` link per number, reading `text(call)`: the call's label ("Call 999") on its own.
pub fn call_links(calls: &[Call], class: &'static str, text: fn(&Call) -> &str) -> Html {
    links(calls, class, text, None)
}

/// The numbers after a sentence that says "call", as a list: "112, 911, 999", the commas text
/// outside the links, so that the numbers stand apart to the eye and when copied, and each
/// link is named by its number alone.
pub fn call_numbers(calls: &[Call]) -> Html {
    links(calls, "call-inline", |call| call.number, Some(", "))
}

fn links(
    calls: &[Call],
    class: &'static str,
    text: fn(&Call) -> &str,
    between: Option<&'static str>,
) -> Html {
    calls
        .iter()
        .enumerate()
        .map(|(i, call)| {
            html! { <>
                { between.filter(|_| i > 0) }
                <a {class} href={format!("tel:{}", call.number)}>{ text(call) }</a>
            </> }
        })
        .collect()
}
