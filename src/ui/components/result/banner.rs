use super::cite;
use crate::engine::model::Tone;
use crate::outline::Banner;
use crate::pack::UiText;
use crate::settings::Settings;
use crate::ui::components::call_links;
use yew::prelude::*;

/// What to do first: the level's icon, heading (focused when the result appears), the numbers
/// to call (the first controls, so that an emergency is one tap from a call) and the action.
pub fn banner(banner: &Banner, focus: &NodeRef, settings: &Settings) -> Html {
    let content = html! { <>
        { icon(banner.tone) }
        <div class="banner-text">
            <@{settings.heading(0)} class="title" tabindex="-1" ref={focus.clone()}>{ banner.heading }</@>
            <p class="calls">{ call_links(&banner.calls) }</p>
            <p class="banner-action">{ &banner.action }{" "}{ cite(&banner.citations, UiText(settings.texts)) }</p>
        </div>
    </> };
    // `tone-` and the tone's id (`Tone::id`, as the stylesheet has it), a literal each (see
    // `components`).
    match banner.tone {
        Tone::Emergency => {
            html! { <div class="banner tone-emergency" part="banner">{ content }</div> }
        }
        Tone::Urgent => html! { <div class="banner tone-urgent" part="banner">{ content }</div> },
        Tone::Appointment => {
            html! { <div class="banner tone-appointment" part="banner">{ content }</div> }
        }
        Tone::SelfCare => {
            html! { <div class="banner tone-self_care" part="banner">{ content }</div> }
        }
    }
}

/// A distinct shape per tone, so that colour is never the only signal.
fn icon(tone: Tone) -> Html {
    let path = match tone {
        // A warning triangle.
        Tone::Emergency => "M12 2 1 21h22L12 2Zm-1 7h2v6h-2V9Zm0 8h2v2h-2v-2Z",
        // A clock: today.
        Tone::Urgent => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 5v5.4l3.7 2.2-1 1.7L11 13.6V7h2Z",
        // A calendar: book an appointment.
        Tone::Appointment => "M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7Zm-2 7h14v11H5V9Zm2 2v2h2v-2H7Zm4 0v2h2v-2h-2Z",
        // A tick in a circle: self-care, or no result applies.
        Tone::SelfCare => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.2 14.2-4.3-4.3 1.4-1.4 2.9 2.9 5.9-5.9 1.4 1.4-7.3 7.3Z",
    };
    html! {
        <svg class="banner-icon" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}
