use crate::outline::Sources;
use yew::prelude::*;

/// The numbered sources, each a link to its address (printed after it on paper), and the
/// content version.
pub fn list(sources: &Sources) -> Html {
    html! {
        <>
            <p class="small">{ sources.intro }</p>
            <ol>
                { for sources.list.iter().map(|source| {
                    let year = source.year.map(|y| format!(" ({y})")).unwrap_or_default();
                    html! {
                        <li id={format!("source-{}", source.number)} tabindex="-1" value={source.number.to_string()}>
                            { source.publisher }{". "}
                            <a href={source.url} rel="noopener noreferrer" target="_blank">{ source.title }</a>{ year }
                        </li>
                    }
                }) }
            </ol>
            <p class="small">{ &sources.version }</p>
        </>
    }
}
