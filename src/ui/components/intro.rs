use super::sends;
use crate::pack::UiText;
use crate::questionnaire::Action;
use crate::settings::Settings;
use yew::prelude::*;

/// What the check does and is not, privacy, and what to do in an emergency, before step 1.
/// A plain function, not a component (see `result`): it has no state of its own. Keyed, as
/// every screen is (`App`).
pub fn intro(settings: &Settings, focus: &NodeRef, on_action: &Callback<Action>) -> Html {
    let ui = UiText(settings.texts);
    let start = sends(on_action, Action::Start);
    html! {
        <section key="intro" class="intro">
            <@{settings.heading(0)} class="title" tabindex="-1" ref={focus.clone()}>{ ui.app_title() }</@>
            <div class="callout callout-emergency" role="note">
                <p>{ settings.fill(ui.emergency_first()) }</p>
            </div>
            // What it is and is not (general information, not a diagnosis), who it is for and
            // how long it takes: short, so that Start is on a phone's first screen.
            <p>{ ui.intro_what() }</p>
            <p>{ ui.intro_adults() }</p>
            // The promise on screen is the one the host keeps: with `share-answers` it receives
            // the answers, and the reader is told before starting.
            if settings.shares_answers {
                <p class="privacy" data-privacy="shared"><strong>{ ui.privacy_shared() }</strong>{" "}{ ui.intro_privacy_shared_detail() }</p>
            } else {
                <p class="privacy" data-privacy="private"><strong>{ ui.privacy() }</strong>{" "}{ ui.intro_privacy_detail() }</p>
            }
            <div class="actions">
                <button type="button" class="button primary" part="button button-primary" data-action="start" onclick={start}>{ ui.start() }</button>
            </div>
        </section>
    }
}
