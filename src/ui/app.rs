use super::components::{intro::Intro, result::ResultView, step::StepView};
use super::settings::Settings;
use crate::engine::Answers;
use crate::pack::PACK;
use crate::questionnaire::{Action, Questionnaire, Screen};
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub settings: Settings,
    /// Called with the answers each time the result screen appears (the host's "complete" event).
    #[prop_or_default]
    pub on_complete: Callback<Answers>,
}

/// The whole checker. Moving between screens puts keyboard and screen-reader focus on the new
/// screen's heading; a refused Next puts it on the list of what is missing.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let flow = use_reducer(|| Questionnaire::new(&PACK));
    let focus_target = use_node_ref();
    let on_action = {
        let flow = flow.clone();
        Callback::from(move |action: Action| flow.dispatch(action))
    };

    let first_render = use_mut_ref(|| true);
    {
        let focus_target = focus_target.clone();
        let screen = flow.screen;
        let missing = flow.missing.len();
        use_effect_with((screen, missing), move |_| {
            // Not on the first render: the checker must not steal focus from the host page.
            if !std::mem::replace(&mut *first_render.borrow_mut(), false) {
                if let Some(element) = focus_target.cast::<HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }

    {
        let on_complete = props.on_complete.clone();
        let answers = flow.answers.clone();
        use_effect_with(flow.screen, move |&screen| {
            if screen == Screen::Result {
                on_complete.emit(answers);
            }
        });
    }

    let screen = match flow.screen {
        Screen::Intro => html! { <Intro focus={focus_target} {on_action} /> },
        Screen::Step(step) => {
            html! { <StepView {step} questionnaire={(*flow).clone()} focus={focus_target} {on_action} /> }
        }
        Screen::Result => {
            html! { <ResultView answers={flow.answers.clone()} focus={focus_target} {on_action} /> }
        }
    };
    html! {
        <ContextProvider<Settings> context={props.settings}>
            <div class="b12c" part="panel" lang={props.settings.texts.code} data-theme={props.settings.theme.id()}>{ screen }</div>
        </ContextProvider<Settings>>
    }
}
