use super::sends;
use super::step::HEADING_DESCRIPTION;
use crate::engine::model::{QuestionIdx, QuestionKind};
use crate::pack::{UiText, PACK};
use crate::questionnaire::Action;
use crate::settings::Settings;
use yew::prelude::*;

/// A question's state on its step.
pub struct QuestionState<'a> {
    pub question: QuestionIdx,
    /// The chosen options.
    pub mask: u32,
    /// Next was refused because this question is unanswered.
    pub missing: bool,
    /// The step's only question is its heading (the GOV.UK way: one question, one heading),
    /// with this caption ("Step n of N") and this focus target.
    pub heading: Option<(&'a str, &'a NodeRef)>,
}

/// One question as a fieldset: radios for one answer, checkboxes for tick-all-that-apply, each
/// input named by the question id and marked with the option id; "why we ask" under it.
/// A plain function, not a component (see `result`): it has no state of its own. Keyed by the
/// question, so that a question appearing or going leaves the others' nodes in place.
pub fn question_field(
    settings: &Settings,
    state: QuestionState,
    on_action: &Callback<Action>,
) -> Html {
    let ui = UiText(settings.texts);
    let q = usize::from(state.question);
    let question = &PACK.questions[q];
    let texts = settings.texts;
    // Radios need no hint (one answer is what they mean); checkboxes say that more may apply.
    let (input_type, hint) = match question.kind {
        QuestionKind::Single => ("radio", None),
        QuestionKind::Multi => ("checkbox", Some(ui.tick_all())),
    };
    let error_id = format!("{}-error", question.id);
    let options = question.options.iter().enumerate().map(|(o, option)| {
        let o = o as u16;
        let q = state.question;
        let action = match question.kind {
            QuestionKind::Single => Action::Choose(q, o),
            QuestionKind::Multi => Action::Toggle(q, o),
        };
        let onchange = sends(on_action, action);
        let content = html! { <>
            // The option id is in `data-option`, not `value`: replay tools hook the inputs'
            // `checked` setter and record the value, even inside a closed shadow root.
            <input type={input_type} name={question.id} data-option={*option}
                checked={state.mask & (1 << o) != 0} {onchange} />
            <span>{ settings.fill(texts.option(usize::from(q), usize::from(o))) }</span>
        </> };
        // Literal classes (see `components`).
        if question.exclusive == Some(o) {
            html! { <label class="option option-none">{ content }</label> }
        } else {
            html! { <label class="option">{ content }</label> }
        }
    });
    let content = html! { <>
        <legend>
            if let Some((caption, focus)) = &state.heading {
                // Described as the step's heading is (see the progress bar in `step_screen`).
                <@{settings.heading(0)} class="title" tabindex="-1" ref={(*focus).clone()} aria-describedby={HEADING_DESCRIPTION}>
                    <span class="caption" id="caption" aria-hidden="true">{ caption }</span>
                    <span class="question-text">{ settings.fill(texts.question(q)) }</span>
                </@>
            } else {
                <span class="question-text">{ settings.fill(texts.question(q)) }</span>
            }
            if let Some(hint) = hint {
                <span class="hint">{ hint }</span>
            }
        </legend>
        if state.missing {
            <p class="error" id={error_id.clone()}>{ ui.missing_answer() }</p>
        }
        <details class="why">
            <summary>{ ui.why_we_ask() }</summary>
            <p>{ settings.fill(texts.help(q)) }</p>
        </details>
        <div class="options">{ for options }</div>
    </> };
    // Literal classes (see `components`).
    if state.missing {
        html! {
            <fieldset key={q} id={question.id} class="question question-missing"
                aria-describedby={error_id} aria-invalid="true">{ content }</fieldset>
        }
    } else {
        html! { <fieldset key={q} id={question.id} class="question">{ content }</fieldset> }
    }
}
