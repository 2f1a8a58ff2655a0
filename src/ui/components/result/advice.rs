use super::cite;
use crate::outline::Advice;
use crate::pack::UiText;
use yew::prelude::*;

/// One section's advice, each item with its citations.
pub fn list(items: &[Advice], ui: UiText) -> Html {
    html! {
        <ul>
            { for items.iter().map(|item| html! {
                <li data-advice={item.id}>{ &item.text }{" "}{ cite(&item.citations, ui) }</li>
            }) }
        </ul>
    }
}
