use super::question::{question_field, QuestionState};
use super::{button, call_numbers, sends};
use crate::engine::model::{fill, Tone};
use crate::outline::{calls, EMERGENCY_DIAL};
use crate::pack::{UiText, PACK};
use crate::questionnaire::{Action, Announcement, Questionnaire};
use crate::settings::Settings;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// One screen of questions: its heading (with "Step n of N", so that moving here announces the
/// progress), the line for anyone very unwell, the error summary after a refused Next, the
/// questions, a live region for what the answers change on the screen, Back and Next ("Finish"
/// where it leads to the result: on the last step, and on a step opened to change an answer).
/// When the answers already decide the result (a red flag), it says so and Next becomes "See
/// what to do now"; the stylesheet then keeps the message and the buttons (`step-end`) in view
/// at the bottom of the screen.
///
/// A plain function, not a component (see `result`): it has no state of its own, and as a
/// component its props would copy and compare the whole questionnaire. Keyed by the step's id,
/// as every screen is (`App`).
pub fn step_screen(
    settings: &Settings,
    step: usize,
    flow: &Questionnaire,
    focus: &NodeRef,
    on_action: &Callback<Action>,
) -> Html {
    let ui = UiText(settings.texts);
    let progress = step_caption(ui.step_of(), step, flow.step_count());
    let decided = flow.result_is_decided();
    // With a refused Next the error summary takes focus; otherwise the step's heading does.
    let missing = !flow.missing().is_empty();
    let heading_focus = if missing {
        NodeRef::default()
    } else {
        focus.clone()
    };
    // A step that asks one question has that question as its heading.
    let one_question = PACK.steps[step].questions.len() == 1;
    let questions: Html = flow
        .shown_questions(step)
        .map(|q| {
            let question = QuestionState {
                question: q,
                mask: flow.answers().mask(q),
                missing: flow.missing().contains(&q),
                heading: one_question.then_some((progress.as_str(), &heading_focus)),
            };
            question_field(settings, question, on_action)
        })
        .collect();
    // Next, or where it leads: at once to the result when it is decided; to the result from
    // the last step, or back to it from a changed answer (not from the last step when an
    // earlier one misses an answer).
    let finishes = if flow.returning() {
        flow.next_returns_to_result()
    } else {
        step + 1 == flow.step_count()
    };
    let label = if decided {
        ui.see_result_now()
    } else if finishes {
        ui.finish()
    } else {
        ui.next()
    };
    let back = sends(on_action, Action::Back);
    let next = sends(on_action, Action::Next);
    let question_text = |q: crate::engine::model::QuestionIdx| {
        settings.fill(settings.texts.question(usize::from(q)))
    };
    // Said once, at the level it announces: an emergency interrupts (alert), the rest waits
    // (status). Both regions are always there, so that browsers watch them before they speak.
    let tone = flow.assessment().tone();
    let decided_text = decided.then_some(match tone {
        Tone::Emergency => ui.decided_emergency(),
        Tone::Urgent => ui.decided_urgent(),
        _ => ui.decided_other(),
    });
    let announced = match flow.announcement() {
        Some(Announcement::Appeared(q)) => {
            fill(ui.question_appeared(), &[("question", &question_text(q))])
        }
        Some(Announcement::Removed(q)) => {
            fill(ui.question_removed(), &[("question", &question_text(q))])
        }
        None => String::new(),
    };
    // Keyed by its words: a new message is a new node (announced), an unchanged one is left
    // alone (not announced again). Literal classes (see `components`).
    let callout = |text: &'static str| match tone {
        Tone::Emergency => html! { <p key={text} class="callout callout-emergency">{ text }</p> },
        Tone::Urgent => html! { <p key={text} class="callout callout-urgent">{ text }</p> },
        _ => html! { <p key={text} class="callout">{ text }</p> },
    };
    html! {
        <section key={PACK.steps[step].id} class="step" data-step={PACK.steps[step].id}>
            // An SVG bar, not a style attribute: a strict style-src CSP would block that. It is
            // the progress for assistive technology, with the heading's caption ("Step n of N")
            // as its value in words; the caption is the heading's description (said when focus
            // moves there) and hidden as text, so that the progress is not read twice.
            <svg class="progress-bar" part="progress" viewBox="0 0 100 1" preserveAspectRatio="none"
                role="progressbar" aria-label={ui.app_title()} aria-valuemin="0"
                aria-valuemax={flow.step_count().to_string()} aria-valuenow={(step + 1).to_string()}
                aria-valuetext={progress.clone()}>
                <rect height="1" width={((step + 1) * 100 / flow.step_count()).to_string()} />
            </svg>
            if !one_question {
                <@{settings.heading(0)} class="title" tabindex="-1" ref={heading_focus} aria-describedby={HEADING_DESCRIPTION}>
                    <span class="caption" id="caption" aria-hidden="true">{ progress.clone() }</span>
                    { settings.texts.step(step) }
                </@>
            }
            <p class="very-unwell" id="very-unwell">
                { ui.very_unwell() }{" "}
                { call_numbers(&calls(settings.texts, settings.region, EMERGENCY_DIAL), ui.list_or()) }
            </p>
            if missing {
                <div class="error-summary" role="alert" tabindex="-1" ref={focus.clone()}>
                    <@{settings.heading(1)} class="error-summary-title">{ ui.there_is_a_problem() }</@>
                    <ul>
                        { for flow.missing().iter().map(|&q| {
                            let id = PACK.questions[usize::from(q)].id;
                            html! {
                                <li><a href={format!("#{id}")} onclick={Callback::from(move |e: MouseEvent| focus_question(e, id))}>
                                    { question_text(q) }
                                </a></li>
                            }
                        }) }
                    </ul>
                </div>
            }
            { questions }
            // Always there (a live region speaks only once it is watched); kept in view when it
            // holds a callout (`data-decided`: a class would cost the wasm `Classes`, and `:has()`
            // is missing in browsers the checker runs in, as Firefox ESR 115).
            <div class="step-end" data-decided={decided_text.map(|_| "")}>
                <div role="alert">
                    if let (Some(text), Tone::Emergency) = (decided_text, tone) { { callout(text) } }
                </div>
                <div role="status">
                    if let (Some(text), false) = (decided_text, tone == Tone::Emergency) { { callout(text) } }
                    <p class="visually-hidden" key={announced.clone()}>{ announced.clone() }</p>
                </div>
                <div class="actions">
                    { button("back", ui.back(), back) }
                    <button type="button" class="button primary" part="button button-primary" data-action="next" onclick={next}>
                        // Keyed: the label is replaced, not rewritten (see App's screens).
                        <span key={label}>{ label }</span>
                    </button>
                </div>
            </div>
        </section>
    }
}

/// What a step's heading is described by, said when focus moves to it: "Step n of N", and the
/// line for anyone very unwell, which on a one-question step comes before its heading (in the
/// legend) and would otherwise never be read after it.
pub const HEADING_DESCRIPTION: &str = "caption very-unwell";

/// "Step n of N" for the step at `index`.
pub fn step_caption(template: &str, index: usize, total: usize) -> String {
    let (step, total) = ((index + 1).to_string(), total.to_string());
    fill(template, &[("step", &step), ("total", &total)])
}

/// An error summary's link: puts focus on the first option of the question `id` and its
/// question in view, without the `#id` reaching the host page's address (the checker lives in
/// a shadow root, where such a link would not find its target anyway).
fn focus_question(event: MouseEvent, id: &str) {
    event.prevent_default();
    let step = event
        .target_dyn_into::<Element>()
        .and_then(|link| link.closest("section").ok().flatten());
    let Some(step) = step else { return };
    if let Ok(Some(question)) = step.query_selector(&format!("fieldset#{id}")) {
        question.scroll_into_view();
    }
    let first_option = step.query_selector(&format!("input[name=\"{id}\"]"));
    if let Some(input) = first_option
        .ok()
        .flatten()
        .and_then(|i| i.dyn_into::<HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}
