use crate::outline::AnswerInWords;
use crate::pack::UiText;
use crate::questionnaire::Action;
use yew::prelude::*;

/// Every answer in words, collapsed (opened on paper: the printed summary's record for a
/// clinician), each with a Change button that opens its question's step and returns here.
pub fn list(answers: &[AnswerInWords], ui: UiText, on_action: &Callback<Action>) -> Html {
    html! {
        <details>
            <summary>{ ui.show_answers() }</summary>
            <dl>
                { for answers.iter().map(|answer| {
                    let question = answer.index;
                    let change = on_action.reform(move |_: MouseEvent| Action::ChangeAnswer(question));
                    html! {
                        <>
                            <dt>{ &answer.question }</dt>
                            <dd>{ answer.options.join("; ") }{" "}
                                <button type="button" class="link-button" data-action="change-answer" data-question={answer.id} onclick={change}
                                    aria-label={format!("{}: {}", ui.change(), answer.question)}>{ ui.change() }</button></dd>
                        </>
                    }
                }) }
            </dl>
        </details>
    }
}
