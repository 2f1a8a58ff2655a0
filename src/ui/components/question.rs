use super::use_settings;
use crate::engine::model::{QuestionIdx, QuestionKind};
use crate::pack::{UiText, PACK};
use crate::questionnaire::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub question: QuestionIdx,
    /// The chosen options.
    pub mask: u32,
    /// Next was refused because this question is unanswered.
    pub missing: bool,
    pub on_action: Callback<Action>,
    /// The step's only question is its heading (the GOV.UK way: one question, one heading),
    /// with this caption ("Step n of N") and this focus target.
    #[prop_or_default]
    pub heading: Option<(String, NodeRef)>,
}

/// One question as a fieldset: radios for one answer, checkboxes for tick-all-that-apply, each
/// input named by the question id and marked with the option id; "why we ask" under it.
#[function_component]
pub fn QuestionField(props: &QuestionProps) -> Html {
    let settings = use_settings();
    let ui = UiText(settings.texts);
    let q = usize::from(props.question);
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
        let q = props.question;
        let action = match question.kind {
            QuestionKind::Single => Action::Choose(q, o),
            QuestionKind::Multi => Action::Toggle(q, o),
        };
        let onchange = props.on_action.reform(move |_: Event| action.clone());
        let is_none = question.exclusive == Some(o);
        html! {
            <label class={if is_none { "option option-none" } else { "option" }}>
                // The option id is in `data-option`, not `value`: replay tools hook the inputs'
                // `checked` setter and record the value, even inside a closed shadow root.
                <input type={input_type} name={question.id} data-option={*option}
                    checked={props.mask & (1 << o) != 0} {onchange} />
                <span>{ settings.fill(texts.option(usize::from(q), usize::from(o))) }</span>
            </label>
        }
    });
    html! {
        <fieldset id={question.id} class={if props.missing { "question question-missing" } else { "question" }}
            aria-describedby={props.missing.then(|| error_id.clone())}
            aria-invalid={props.missing.then_some("true")}>
            <legend>
                if let Some((caption, focus)) = &props.heading {
                    // Its caption is its description (see StepView's progress bar).
                    <@{settings.heading(0)} class="title" tabindex="-1" ref={focus.clone()} aria-describedby="caption">
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
            if props.missing {
                <p class="error" id={error_id}>{ ui.missing_answer() }</p>
            }
            <details class="why">
                <summary>{ ui.why_we_ask() }</summary>
                <p>{ settings.fill(texts.help(q)) }</p>
            </details>
            <div class="options">{ for options }</div>
        </fieldset>
    }
}
