use super::components::{intro::Intro, result::ResultView, step::StepView};
use super::keep;
use crate::outline::outline;
use crate::pack::PACK;
use crate::questionnaire::{Action, Questionnaire, Screen};
use crate::settings::Settings;
use crate::share;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub settings: Settings,
    /// Called with the questionnaire (its answers and their assessment) each time the reader
    /// reaches a result by their own action in this visit (the host's "complete" event); never
    /// for a result shown on arrival, from a link or remembered answers.
    #[prop_or_default]
    pub on_complete: Callback<Questionnaire>,
    /// Called with the answers' share code whenever they change, so that the page can bring
    /// the checker back with them if it ever has to restart it (kept in the page's memory only).
    #[prop_or_default]
    pub on_change: Callback<String>,
    /// The share code to start from after such a restart, instead of the page's link or the
    /// device's remembered answers.
    #[prop_or_default]
    pub restart_with: Option<String>,
}

/// The whole checker. Moving between screens puts keyboard and screen-reader focus on the new
/// screen's heading; a refused Next puts it on the list of what is missing.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    // Answers from a share link or remembered on this device, else a fresh start.
    let start = use_memo(
        props.restart_with.clone(),
        |restart_with| match restart_with {
            Some(code) => keep::restarting_point(code),
            None => keep::starting_point(),
        },
    );
    let flow = use_reducer(|| start.flow.clone());
    let focus_target = use_node_ref();
    // Whether the reader has done anything in this visit.
    let acted = use_mut_ref(|| false);
    let on_action = {
        let (flow, acted) = (flow.clone(), acted.clone());
        Callback::from(move |action: Action| {
            *acted.borrow_mut() = true;
            flow.dispatch(action)
        })
    };

    let first_render = use_mut_ref(|| true);
    {
        let focus_target = focus_target.clone();
        let screen = flow.screen();
        let missing = flow.missing().len();
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
        let on_change = props.on_change.clone();
        use_effect_with(flow.answers().clone(), move |answers| {
            on_change.emit(share::encode(&PACK, answers));
        });
    }

    {
        let on_complete = props.on_complete.clone();
        let completed = flow.clone();
        let from_link = start.from_link;
        use_effect_with(flow.screen(), move |&screen| {
            // Only a result the reader reached: opening a link (a patient's, opened by their
            // doctor) or resuming tells the host nothing, and changes nothing stored.
            if screen == Screen::Result && *acted.borrow() {
                // Once asked to remember, the device keeps the latest answers; answers that
                // came from a link replace them only when the reader says so (keep panel).
                if keep::is_remembered() && !from_link {
                    keep::remember(completed.answers());
                }
                on_complete.emit((*completed).clone());
            }
        });
    }

    // Each screen is keyed, so a new screen is new DOM, never old nodes with their text
    // changed: a page that rewrites text nodes (browser translation wraps them in <font>) would
    // otherwise keep showing the old words, or leave nodes where the checker no longer finds them.
    let screen = match flow.screen() {
        Screen::Intro => html! { <Intro key="intro" focus={focus_target} {on_action} /> },
        Screen::Step(step) => html! {
            <StepView key={PACK.steps[step].id} {step} questionnaire={(*flow).clone()} focus={focus_target} {on_action} />
        },
        Screen::Result => {
            let settings = props.settings;
            let outline = outline(
                flow.assessment(),
                flow.answers(),
                settings.texts,
                settings.region,
            );
            html! {
                <ResultView key="result" {outline} answers={flow.answers().clone()} focus={focus_target} {on_action} />
            }
        }
    };
    let notice = flow
        .notice()
        .map(|notice| (notice.id(), notice.text(&props.settings.texts.ui)));
    html! {
        <ContextProvider<Settings> context={props.settings}>
            <div class="b12c" part="panel" lang={props.settings.texts.code} data-theme={props.settings.theme.id()}>
                if let Some((kind, text)) = notice {
                    <p class="callout callout-notice" role="status" data-notice={kind}>{ text }</p>
                }
                { screen }
            </div>
        </ContextProvider<Settings>>
    }
}
