//! One render function, or component, per part of a screen.
//!
//! Every `class` is a literal, one element per variant where it varies: Yew parses any other
//! value into its class list (`Classes`), code that costs the wasm about 2.3 KB brotli.

pub mod intro;
pub mod keep;
pub mod question;
pub mod result;
pub mod step;

use crate::outline::Call;
use crate::questionnaire::Action;
use yew::prelude::*;

/// A button of the checker's own look (not a screen's main action), marked `data-action`.
pub fn button(action: &'static str, label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="button" part="button" data-action={action} {onclick}>{ label }</button>
    }
}

/// An event that sends `action`: one kind of closure for every control of a kind of event, where
/// a closure each would cost the wasm its own code.
pub fn sends<E: 'static>(on_action: &Callback<Action>, action: Action) -> Callback<E> {
    on_action.reform(move |_: E| action.clone())
}

/// The banner's `tel:` links, each reading the call's label ("Call 999") on its own.
pub fn call_links(calls: &[Call]) -> Html {
    calls
        .iter()
        .map(|call| html! { <a class="button primary call" href={tel(call)}>{ &call.label }</a> })
        .collect()
}

/// The numbers after a sentence that says "call", as a list of alternatives: "112, 911 or 999",
/// the commas and the `or` text outside the links, so that the numbers stand apart to the eye
/// and when copied, and each link is named by its number alone.
pub fn call_numbers(calls: &[Call], or: &'static str) -> Html {
    let last = calls.len().saturating_sub(1);
    calls
        .iter()
        .enumerate()
        .map(|(i, call)| {
            html! { <>
                if i == last && i > 0 { {" "}{ or }{" "} } else if i > 0 { {", "} }
                <a class="call-inline" href={tel(call)}>{ call.number }</a>
            </> }
        })
        .collect()
}

fn tel(call: &Call) -> String {
    format!("tel:{}", call.number)
}
