use super::question::QuestionField;
use super::use_settings;
use crate::questionnaire::{Action, Questionnaire};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StepProps {
    pub step: usize,
    pub questionnaire: Questionnaire,
    pub focus: NodeRef,
    pub on_action: Callback<Action>,
}

/// One screen of questions with its progress, Back and Next. When the answers already decide
/// the result (a red flag), it says so and Next becomes "See what to do now".
#[function_component]
pub fn StepView(props: &StepProps) -> Html {
    let settings = use_settings();
    let ui = &settings.texts.ui;
    let flow = &props.questionnaire;
    let total = flow.step_count();
    let progress = ui
        .step_of
        .replace("{step}", &(props.step + 1).to_string())
        .replace("{total}", &total.to_string());
    let decided = flow.result_is_decided();
    let questions = flow.shown_questions(props.step).map(|q| {
        html! {
            <QuestionField key={usize::from(q)} question={q} mask={flow.answers().mask(q)}
                missing={flow.missing().contains(&q)} on_action={props.on_action.clone()} />
        }
    });
    let back = props.on_action.reform(|_: MouseEvent| Action::Back);
    let next = props.on_action.reform(|_: MouseEvent| Action::Next);
    // With a refused Next the error summary takes focus; otherwise the step's heading does.
    let missing = !flow.missing().is_empty();
    let heading_focus = if missing {
        NodeRef::default()
    } else {
        props.focus.clone()
    };
    html! {
        <section class="step" data-step={crate::pack::PACK.steps[props.step].id}>
            <div class="progress">
                <p class="progress-label">{ progress }</p>
                // An SVG bar, not a style attribute: a strict style-src CSP would block that.
                <svg class="progress-bar" part="progress" viewBox="0 0 100 1" preserveAspectRatio="none"
                    aria-hidden="true" focusable="false">
                    <rect height="1" width={((props.step + 1) * 100 / total).to_string()} />
                </svg>
            </div>
            <@{settings.heading(0)} class="title" tabindex="-1" ref={heading_focus}>
                { settings.texts.steps[props.step] }
            </@>
            if missing {
                <div class="callout callout-error" tabindex="-1" ref={props.focus.clone()}>
                    <p>{ ui.missing_summary }</p>
                    <ul>
                        { for flow.missing().iter().map(|&q| html! {
                            <li>{ settings.fill(settings.texts.questions[usize::from(q)].text) }</li>
                        }) }
                    </ul>
                </div>
            }
            { for questions }
            <div aria-live="polite">
                if decided {
                    <div class="callout callout-emergency"><p>{ ui.red_flag_alert }</p></div>
                }
            </div>
            <div class="actions">
                <button type="button" class="button" part="button" data-action="back" onclick={back}>{ ui.back }</button>
                <button type="button" class="button primary" part="button button-primary" data-action="next" onclick={next}>
                    // Keyed: the label is replaced, not rewritten (see App's screens).
                    if decided { <span key="now">{ ui.see_result_now }</span> } else { <span key="next">{ ui.next }</span> }
                </button>
            </div>
        </section>
    }
}
