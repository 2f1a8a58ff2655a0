//! The result screen: a result's outline (`crate::outline`), the same one `cramp-check explain`
//! prints, rendered in its order. This view frames each section (its heading and
//! `data-section`); one small render function per kind of section, each in its own file,
//! renders its body. They are plain functions, not Yew components: a component type costs the
//! wasm about 2 KB of Yew's generic code, and these have no state of their own. The printed
//! summary is this screen under the print stylesheet, with its print-only header.
//!
//! The result is the largest screen: it is drawn in three tasks, so that neither its drawing nor
//! a frame's layout holds the host page's main thread for long. The banner and the first
//! sections, a phone's screenful, come first; the middle sections in a task after the frame
//! that shows them, and the last two (the longest) in a task after the next frame.
//! `data-triage` marks the root once the whole result is there.
//!
//! Citations: a statement's `[1][2]` is one link, named "Sources 1, 2", to the first of them:
//! one tab stop and one announcement per statement, with no keys to learn, and the numbered
//! list right below for the others. Following it moves focus to the source (the page's fragment
//! links cannot cross the closed shadow root); the sources then offer "Back to the text", which
//! returns focus to the citation.

mod advice;
mod answers;
mod banner;
mod factors;
mod reasons;
mod sources;

use super::keep::KeepPanel;
use super::{button, sends};
use crate::engine::model::fill;
use crate::engine::Answers;
use crate::outline::{Content, Outline, Section};
use crate::pack::UiText;
use crate::questionnaire::Action;
use crate::settings::Settings;
use crate::ui::keep;
use crate::ui::later::{after_next_frame, after_two_frames, use_later};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The sections drawn with the banner; with it they fill a phone's screen.
const DRAWN_FIRST: usize = 2;

#[derive(Properties)]
pub struct ResultProps {
    pub settings: Settings,
    pub outline: Outline,
    /// The answers the outline is of, for keeping them.
    pub answers: Answers,
    pub focus: NodeRef,
    pub on_action: Callback<Action>,
}

/// The outline is that of the answers in the settings' language and region: comparing those
/// compares it, without the code that compares outlines field by field.
impl PartialEq for ResultProps {
    fn eq(&self, other: &Self) -> bool {
        self.settings == other.settings
            && self.answers == other.answers
            && self.focus == other.focus
            && self.on_action == other.on_action
    }
}

/// The result: the banner, the outline's sections, the disclaimer, the privacy line, ways to
/// keep the result, and changing the answers or starting again. Once all of it is drawn, the
/// root carries `data-triage` and `data-top-factor` with the engine's ids.
#[function_component]
pub fn ResultView(props: &ResultProps) -> Html {
    let settings = props.settings;
    let ui = UiText(settings.texts);
    let outline = &props.outline;
    let (middle_due, complete) = (use_later(after_next_frame), use_later(after_two_frames));
    let section = |section: &Section| {
        let body = match &section.content {
            Content::Advice(items) => advice::list(items, ui),
            Content::Reasons(reasons) => reasons::list(reasons, ui),
            Content::Factors(factors) => factors::chart(section.title, factors),
            Content::Answers(given) => answers::list(given, ui, &props.on_action),
            Content::Keep {} => html! { <KeepPanel {settings} answers={props.answers.clone()} /> },
            Content::Sources(sources) => sources::list(sources, ui),
        };
        html! {
            <section key={section.id} data-section={section.id}>
                <@{settings.heading(1)}>{ section.title }</@>
                { body }
            </section>
        }
    };
    // One list that grows at its end, so that drawing more leaves the nodes before as they
    // are. The keep panel reads what the device remembers, which the app brings up to date once
    // the result is shown (`app.rs`): it is drawn with the middle sections, after that. The
    // last part is the last two sections, the longest: the reader's answers and the sources.
    let drawn_first = (outline.sections.iter().take(DRAWN_FIRST))
        .take_while(|section| !matches!(section.content, Content::Keep {}))
        .count();
    let all = outline.sections.len();
    let drawn = if complete {
        all
    } else if middle_due {
        all.saturating_sub(2).max(drawn_first)
    } else {
        drawn_first
    };
    let printed = fill(ui.printed_on(), &[("date", &keep::today(ui))]);
    let change = sends(&props.on_action, Action::ChangeAnswers);
    let restart = sends(&props.on_action, Action::Restart);

    html! {
        <section class="result" data-triage={complete.then_some(outline.level)} data-top-factor={complete.then_some(outline.top_factor)}>
            <header class="print-only">
                <p><strong>{ ui.print_heading() }</strong></p>
                <p>{ format!("{printed} {} {}.", ui.pack_version(), outline.pack_version) }</p>
            </header>
            { banner::banner(&outline.banner, &props.focus, &settings) }
            // A list of its own, keyed: a bare `for` adds each section to the result's children.
            <>{ for outline.sections[..drawn].iter().map(section) }</>
            if complete {
                <p class="disclaimer">{ outline.disclaimer }</p>
                // The promise of this surface: with `share-answers` the host receives the answers.
                if settings.shares_answers {
                    <p class="privacy" data-privacy="shared"><strong>{ ui.privacy_shared() }</strong></p>
                } else {
                    <p class="privacy" data-privacy="private">{ ui.privacy() }</p>
                }
                <div class="actions">
                    { button("change", ui.change_answers(), change) }
                    { button("restart", ui.start_again(), restart) }
                </div>
            }
        </section>
    }
}

/// A statement's citations: one link for them all (one tab stop, one name: "Sources 1, 2"),
/// to the first of the numbered sources.
fn cite(numbers: &[usize], ui: UiText) -> Html {
    let Some(first) = numbers.first() else {
        return Html::default();
    };
    let (mut marks, mut label) = (String::new(), ui.sources().to_string());
    for (i, n) in numbers.iter().enumerate() {
        marks += &format!("[{n}]");
        label += &format!("{} {n}", if i == 0 { "" } else { "," });
    }
    html! {
        <a class="cite" href={format!("#{SOURCE}{first}")} onclick={follow} aria-label={label}>{ marks }</a>
    }
}

/// Moves focus to a link's target inside the checker: the page's own fragment navigation
/// cannot see into a shadow root, and changing the page's address would disturb the host. The
/// citation followed becomes `#cited`, where "Back to the text" leads from the source it
/// reached (marked `data-reached`, the one source that offers the way back). The click
/// can come from inside the link (a translator wraps its text in `<font>`), so the link is
/// the target's closest `a`.
fn follow(event: MouseEvent) {
    let Some(link) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("a").ok().flatten())
    else {
        return;
    };
    let (Some(root), Some(href)) = (
        link.closest(".b12c").ok().flatten(),
        link.get_attribute("href"),
    ) else {
        return;
    };
    let Some(target) = root
        .query_selector(&href)
        .ok()
        .flatten()
        .and_then(|target| target.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    event.prevent_default();
    if href != CITED {
        if let Ok(Some(before)) = root.query_selector(CITED) {
            before.set_id("");
        }
        if let Ok(Some(before)) = root.query_selector("[data-reached]") {
            let _ = before.remove_attribute("data-reached");
        }
        link.set_id(&CITED[1..]);
        let _ = target.set_attribute("data-reached", "");
    }
    target.scroll_into_view();
    let _ = target.focus();
}

pub(super) const CITED: &str = "#cited";
/// The start of a numbered source's id: `source-1`, the target of its citations.
pub(super) const SOURCE: &str = "source-";
