use super::{follow, CITED, SOURCE};
use crate::outline::Sources;
use crate::pack::UiText;
use yew::prelude::*;

/// The numbered sources, each a link to its address (printed after it on paper), and the
/// content version. Once a citation has been followed, the source in focus offers the way back
/// to it (shown by the stylesheet).
pub fn list(sources: &Sources, ui: UiText) -> Html {
    html! {
        <>
            <p class="small">{ sources.intro }</p>
            <ol>
                { for sources.list.iter().map(|source| {
                    let year = source.year.map(|y| format!(" ({y})")).unwrap_or_default();
                    html! {
                        <li id={format!("{SOURCE}{}", source.number)} tabindex="-1" value={source.number.to_string()}>
                            { source.publisher }{". "}
                            <a href={source.url} rel="noopener noreferrer" target="_blank" lang={source.language}>{ source.title }</a>{ year }
                            <a class="back-to-text" href={CITED} data-action="back-to-text" onclick={follow}>{ ui.back_to_text() }</a>
                        </li>
                    }
                }) }
            </ol>
            <p class="small">{ &sources.version }</p>
        </>
    }
}
