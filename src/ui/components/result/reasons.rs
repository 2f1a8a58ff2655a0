use super::cite;
use crate::outline::Reason;
use crate::pack::UiText;
use yew::prelude::*;

/// Why: each deciding rule with its citations and the answers that made it hold.
pub fn list(reasons: &[Reason], ui: UiText) -> Html {
    html! {
        <ul class="reasons">
            { for reasons.iter().map(|reason| html! {
                <li data-reason={reason.id.clone()}>
                    <p>{ &reason.text }{" "}{ cite(&reason.citations, ui) }</p>
                    if !reason.answers.is_empty() {
                        <ul class="answers">
                            { for reason.answers.iter().map(|answer| html! {
                                <li><span class="you-said">{ ui.you_said() }{": "}</span>{ answer }</li>
                            }) }
                        </ul>
                    }
                </li>
            }) }
        </ul>
    }
}
