use crate::outline::AnswerInWords;
use yew::prelude::*;

/// Every answer in words: the printed summary's record for a clinician.
pub fn list(answers: &[AnswerInWords]) -> Html {
    html! {
        <dl>
            { for answers.iter().map(|answer| html! {
                <><dt>{ &answer.question }</dt><dd>{ answer.options.join("; ") }</dd></>
            }) }
        </dl>
    }
}
