//! The result screen: a result's outline (`crate::outline`), the same one `cramp-check explain`
//! prints, rendered in its order. This view frames each section (its heading and
//! `data-section`); one small render function per kind of section, each in its own file,
//! renders its body. They are plain functions, not Yew components: a component type costs the
//! wasm about 2 KB of Yew's generic code, and these have no state of their own. The printed
//! summary is this screen under the print stylesheet, with its print-only header.

mod advice;
mod answers;
mod banner;
mod factors;
mod reasons;
mod sources;

use super::keep::KeepPanel;
use super::use_settings;
use crate::engine::Answers;
use crate::outline::{Content, Outline};
use crate::pack::UiText;
use crate::questionnaire::Action;
use crate::ui::keep;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultProps {
    pub outline: Outline,
    /// The answers the outline is of, for keeping them.
    pub answers: Answers,
    pub focus: NodeRef,
    pub on_action: Callback<Action>,
}

/// The result: the banner, the outline's sections, the disclaimer, the privacy line, ways to
/// keep the result, and changing the answers or starting again. The root carries
/// `data-triage` and `data-top-factor` with the engine's ids.
#[function_component]
pub fn ResultView(props: &ResultProps) -> Html {
    let settings = use_settings();
    let ui = &settings.texts.ui;
    let outline = &props.outline;
    let sections = outline.sections.iter().map(|section| {
        let (class, body) = match &section.content {
            Content::Advice(items) => (
                format!("advice advice-{}", section.id),
                advice::list(items, ui),
            ),
            Content::Reasons(reasons) => ("result-why".to_string(), reasons::list(reasons, ui)),
            Content::Factors(factors) => (
                "factors".to_string(),
                factors::chart(section.title, factors, ui),
            ),
            Content::Answers(given) => ("your-answers".to_string(), answers::list(given)),
            Content::Sources(sources) => ("sources".to_string(), sources::list(sources)),
        };
        html! {
            <section {class} data-section={section.id}>
                <@{settings.heading(1)}>{ section.title }</@>
                { body }
            </section>
        }
    });
    let printed = ui
        .printed_on
        .replace("{date}", &keep::today(settings.texts.code));
    let change = props
        .on_action
        .reform(|_: MouseEvent| Action::ChangeAnswers);
    let restart = props.on_action.reform(|_: MouseEvent| Action::Restart);

    html! {
        <section class="result" data-triage={outline.level} data-top-factor={outline.top_factor}>
            <header class="print-only">
                <p><strong>{ ui.print_heading }</strong></p>
                <p>{ format!("{printed} {} {}.", ui.pack_version, outline.pack_version) }</p>
            </header>
            { banner::banner(&outline.banner, &props.focus, &settings) }
            { for sections }
            <p class="disclaimer">{ outline.disclaimer }</p>
            // The promise of this surface: with `share-answers` the host receives the answers.
            if settings.shares_answers {
                <p class="privacy" data-privacy="shared"><strong>{ ui.privacy_shared }</strong></p>
            } else {
                <p class="privacy" data-privacy="private">{ ui.privacy }</p>
            }
            <KeepPanel answers={props.answers.clone()} />
            <div class="actions">
                <button type="button" class="button" part="button" data-action="change" onclick={change}>{ ui.change_answers }</button>
                <button type="button" class="button" part="button" data-action="restart" onclick={restart}>{ ui.start_again }</button>
            </div>
        </section>
    }
}

/// A statement's citations: `[n]` links to the numbered sources.
fn cite(numbers: &[usize], ui: &UiText) -> Html {
    numbers
        .iter()
        .map(|n| html! {
            <a class="cite" href={format!("#source-{n}")} onclick={follow_citation} aria-label={format!("{} {n}", ui.sources)}>{ format!("[{n}]") }</a>
        })
        .collect()
}

/// Moves focus to the cited source inside the checker. The page's own fragment navigation
/// cannot see into a shadow root, and changing the page's address would disturb the host.
fn follow_citation(event: MouseEvent) {
    let Some(link) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let source = link
        .closest(".b12c")
        .ok()
        .flatten()
        .zip(link.get_attribute("href"))
        .and_then(|(root, href)| root.query_selector(&href).ok().flatten())
        .and_then(|source| source.dyn_into::<HtmlElement>().ok());
    if let Some(source) = source {
        event.prevent_default();
        source.scroll_into_view();
        let _ = source.focus();
    }
}
