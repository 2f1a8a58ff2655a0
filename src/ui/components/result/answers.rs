use crate::outline::AnswerInWords;
use crate::pack::UiText;
use crate::questionnaire::Action;
use crate::ui::components::sends;
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
                    let change = sends(on_action, Action::ChangeAnswer(question));
                    // Joined as `&str`s: the wasm has that `join` already (a `String` one is 1 KB).
                    let options: Vec<&str> = answer.options.iter().map(String::as_str).collect();
                    // A group each, which paper keeps together on one line where it fits.
                    html! {
                        <div>
                            <dt>{ &answer.question }</dt>
                            <dd>{ options.join("; ") }{" "}
                                <button type="button" class="link-button" data-action="change-answer" data-question={answer.id} onclick={change}
                                    aria-label={format!("{}: {}", ui.change(), answer.question)}>{ ui.change() }</button></dd>
                        </div>
                    }
                }) }
            </dl>
        </details>
    }
}
