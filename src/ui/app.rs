use super::components::step::step_caption;
use super::components::{
    intro::intro,
    result::{ResultProps, ResultView},
    step::step_screen,
};
use super::keep::{self, Remembered};
use super::later::{next_frame, next_task, use_later};
use super::page;
use crate::engine::model::QuestionIdx;
use crate::outline::outline;
use crate::pack::{UiText, PACK};
use crate::questionnaire::{Action, Questionnaire, Screen};
use crate::settings::Settings;
use crate::share;
use wasm_bindgen::JsCast;
use web_sys::{
    FocusOptions, HtmlElement, PopStateEvent, ScrollIntoViewOptions, ScrollLogicalPosition,
};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub settings: Settings,
    /// Called with the questionnaire (its answers and their assessment) each time the reader
    /// reaches a result by their own action in this visit (the host's "complete" event); never
    /// for a result shown on arrival, from a link or remembered answers. With it, whether this
    /// visit showed the intro, where a reader is told that the host receives their answers
    /// (`share-answers`): one that began from a link, remembered answers or a reload did not.
    #[prop_or_default]
    pub on_complete: Callback<(Questionnaire, bool)>,
    /// Called with the answers' share code whenever they change, so that the page can bring
    /// the checker back with them if it ever has to restart it (kept in the page's memory only).
    #[prop_or_default]
    pub on_change: Callback<String>,
    /// The share code to start from after such a restart, instead of the page's link or the
    /// device's remembered answers.
    #[prop_or_default]
    pub restart_with: Option<String>,
    /// The checker this one restarts had focus, which its removal left on the page's body: the
    /// first screen drawn takes it, so that the reader using it is not sent to the page's top.
    #[prop_or_default]
    pub take_focus: bool,
}

/// The whole checker. Moving to another screen (or a refused Next) puts keyboard and
/// screen-reader focus on the new screen's heading (or the error summary) and the screen's top
/// at the top of the window; answering never moves focus. With the `history` attribute each
/// screen is also a browser history entry and the page's title names it (`page.rs`).
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let settings = props.settings;
    // Answers from before a restart, this tab's history entry (a reload), a share link or
    // remembered on this device, else a fresh start: read once, on the first render.
    let flow = use_reducer(|| match &props.restart_with {
        Some(code) => keep::restarting_point(code),
        None => settings
            .owns_history
            .then(page::saved_in_history)
            .flatten()
            .unwrap_or_else(keep::starting_point),
    });
    let focus_target = use_node_ref();
    let panel = use_node_ref();
    // Whether the reader has done anything in this visit, and whether it showed the intro.
    let acted = use_mut_ref(|| false);
    let intro_shown = use_mut_ref(|| false);
    // Set by an action that moves between screens, or asks again (Next refused); taken by the
    // render it causes, which then moves focus. Never set on the first render, so that the
    // checker does not steal focus from the host page.
    let move_focus = use_mut_ref(|| false);
    let focus_when_drawn = use_mut_ref(|| props.take_focus);
    // The next screen change came from the browser's history (Back, Forward): it makes no entry.
    let from_history = use_mut_ref(|| false);
    // The option the reader just used: it keeps focus even when a question appearing or going
    // before or after it makes the browser drop focus (Yew moves its siblings' nodes).
    let option_used = use_mut_ref(|| None::<(QuestionIdx, u16)>);
    // An action waits for its task to draw its screen.
    let pending = use_mut_ref(|| false);
    let on_action = {
        let (panel, flow, acted, move_focus, from_history, option_used, pending) = (
            panel.clone(),
            flow.clone(),
            acted.clone(),
            move_focus.clone(),
            from_history.clone(),
            option_used.clone(),
            pending.clone(),
        );
        Callback::from(move |action: Action| {
            *acted.borrow_mut() = true;
            // The checker's Back is the browser's Back where that goes to the same screen, so
            // that the two never disagree about what Back means; while another screen is still
            // to be drawn, Back is dropped below, as any other click.
            if action == Action::Back
                && settings.owns_history
                && !*pending.borrow()
                && page::back_goes_to(flow.apply(Action::Back).screen())
            {
                page::go_back();
                return;
            }
            let answer = match action {
                Action::Choose(q, o) | Action::Toggle(q, o) => Some((q, o)),
                _ => None,
            };
            // Every action but an answer draws another screen (or the error summary) in a task
            // after the click's: the click's task stays short, and the new nodes are laid out
            // in the frame, not forced in that task for the pointer's hover under the click.
            // The screen before stays until then. An answer changes its question in place, at
            // once.
            let history_move = matches!(action, Action::Show(..));
            let (panel, flow, move_focus, from_history, option_used, pending) = (
                panel.clone(),
                flow.clone(),
                move_focus.clone(),
                from_history.clone(),
                option_used.clone(),
                pending.clone(),
            );
            let act = move || {
                if answer.is_none() {
                    release_focus(&panel);
                }
                *option_used.borrow_mut() = answer;
                *move_focus.borrow_mut() = answer.is_none();
                *from_history.borrow_mut() = history_move;
                flow.dispatch(action)
            };
            if answer.is_some() {
                act();
            } else if !pending.replace(true) || history_move {
                // Another click before the screen asked for is drawn (quicker than a slow
                // device draws) would act on a screen the reader has not seen: it is dropped.
                // A move in the browser's history is not: the screen must follow it.
                next_task(move || {
                    pending.replace(false);
                    act()
                });
            }
        })
    };

    {
        let on_action = on_action.clone();
        use_effect_with(settings.owns_history, move |&owns_history| {
            let listener = owns_history.then(|| {
                let window = web_sys::window().expect("a window");
                gloo_events::EventListener::new(&window, "popstate", move |event| {
                    // After a panic this instance is dead and the loader has started another
                    // (`web/faults.rs`), but the browser still calls this listener: it must
                    // neither act nor write the history and title the new one keeps.
                    if std::thread::panicking() {
                        return;
                    }
                    let state = event.unchecked_ref::<PopStateEvent>().state();
                    if let Some(action) = page::move_to(&state) {
                        on_action.emit(action);
                    }
                })
            });
            move || drop(listener)
        });
    }

    {
        let on_change = props.on_change.clone();
        use_effect_with(flow.answers().clone(), move |answers| {
            on_change.emit(share::encode(&PACK, answers));
        });
    }

    {
        let (on_complete, intro_shown) = (props.on_complete.clone(), intro_shown.clone());
        let completed = flow.clone();
        // The answers this visit started with, then those of its last result; none after Start
        // again, whose next reader (on a shared device) has not asked to be remembered.
        let kept = use_mut_ref(|| flow.answers().clone());
        use_effect_with(flow.screen(), move |&screen| {
            if screen == Screen::Intro {
                *intro_shown.borrow_mut() = true;
                // Start again (Back to the intro keeps the answers, and continues the visit).
                if completed.answers().is_empty() {
                    *kept.borrow_mut() = completed.answers().clone();
                }
            }
            if screen != Screen::Result {
                return;
            }
            // Only a result the reader reached: opening a link (a patient's, opened by their
            // doctor) or resuming tells the host nothing, and changes nothing stored.
            if *acted.borrow() {
                // Once asked to remember, the device keeps the latest answers, but only in a
                // visit that continues from the remembered ones: answers from a link (even after
                // a reload or a restart), or a fresh start after a broken link, replace them only
                // when the reader says so (keep panel). Where storage refuses, the older record
                // stays, and the keep panel says the device remembers other answers.
                if matches!(keep::remembered(&kept.borrow()), Remembered::These) {
                    let _ = keep::remember(completed.answers());
                }
                on_complete.emit(((*completed).clone(), *intro_shown.borrow()));
            }
            *kept.borrow_mut() = completed.answers().clone();
        });
    }

    // The first screen is drawn in a task after the first render's, which sets up the state
    // and draws nothing (so no frame in between has anything to lay out): each of the two runs
    // code for the first time (compiled as it is first called), and neither holds the host
    // page's main thread for long.
    let drawn = use_later(next_task);

    let ui = UiText(settings.texts);
    // Each screen is keyed, so a new screen is new DOM, never old nodes with their text
    // changed: a page that rewrites text nodes (browser translation wraps them in <font>) would
    // otherwise keep showing the old words, or leave nodes where the checker no longer finds them.
    let (screen, screen_title) = match flow.screen() {
        _ if !drawn => (Html::default(), None),
        Screen::Intro => (intro(&settings, &focus_target, &on_action), None),
        Screen::Step(step) => {
            let caption = step_caption(ui.step_of(), step, flow.step_count());
            let error = if flow.missing().is_empty() {
                String::new()
            } else {
                format!("{} ", ui.error_prefix())
            };
            (
                step_screen(&settings, step, &flow, &focus_target, &on_action),
                Some(format!("{error}{caption}: {}", settings.texts.step(step))),
            )
        }
        Screen::Result => {
            let outline = outline(
                flow.assessment(),
                flow.answers(),
                settings.texts,
                settings.region,
            );
            let title = format!("{}: {}", ui.result(), outline.banner.heading);
            let props = ResultProps {
                settings,
                outline,
                answers: flow.answers().clone(),
                focus: focus_target.clone(),
                on_action: on_action.clone(),
            };
            (html! { <ResultView key="result" ..props /> }, Some(title))
        }
    };
    // After every render: focus, and (when the page is the checker's) its history and title,
    // each only when it changed. The title ends with the page's own: the one the checker found,
    // or the one the page has set since (the standalone page's, in the language switched to).
    // After a restart the title shown is the stopped checker's, and the history entry it
    // recorded holds the page's own.
    let page_state = use_mut_ref(|| {
        let restarted = props.restart_with.is_some();
        match restarted.then(page::page_title_in_history).flatten() {
            Some(page_title) => (page_title, None::<(Screen, String)>, page::title()),
            None => (String::new(), None, String::new()),
        }
    });
    {
        let (focus_target, panel, flow) = (focus_target.clone(), panel.clone(), flow.clone());
        use_effect(move || {
            let new_screen = std::mem::take(&mut *move_focus.borrow_mut());
            let option = option_used.borrow_mut().take();
            let restarted_with_focus = drawn && std::mem::take(&mut *focus_when_drawn.borrow_mut());
            if new_screen || option.is_some() || restarted_with_focus {
                // Focus makes the browser compute the new nodes' style and layout at once, in
                // the click's task; in the next frame they are the ones the frame computes
                // anyway, and the click's task stays short.
                let panel = panel.clone();
                next_frame(move || {
                    // A new screen also starts at the checker's top; a restarted one stays where
                    // the reader was.
                    if new_screen || restarted_with_focus {
                        show_screen(&focus_target, new_screen.then_some(&panel));
                    }
                    if let Some((q, o)) = option {
                        keep_focus_on_option(&panel, q, o);
                    }
                });
            }
            if settings.owns_history {
                let moved_by_history = std::mem::take(&mut *from_history.borrow_mut());
                let (original, recorded, title) = &mut *page_state.borrow_mut();
                let shown = page::title();
                let page_retitled = shown != *title;
                if page_retitled {
                    *original = shown;
                }
                let now = (flow.screen(), share::encode(&PACK, flow.answers()));
                if recorded.as_ref() != Some(&now) || page_retitled || moved_by_history {
                    // A new entry for a new screen the reader moved to; the same entry for new
                    // answers, a new page title, the first render, and a move the browser's
                    // history made, even one the answers refuse (Forward past a question a new
                    // answer brought in): the entry the browser moved to then holds what shows,
                    // or a reload would bring back its screen and older answers.
                    let new_after = recorded
                        .as_ref()
                        .map(|(before, _)| *before)
                        .filter(|&before| before != now.0)
                        .filter(|_| !moved_by_history);
                    page::record(&flow, new_after, original);
                    *recorded = Some(now);
                }
                let screen_title = match &screen_title {
                    Some(screen) => format!("{screen} – {original}"),
                    None => original.clone(),
                };
                if *title != screen_title {
                    page::set_title(&screen_title);
                    // As the browser reads it back (whitespace collapsed), so that only a
                    // title the page sets differs from it.
                    *title = page::title();
                }
            }
        });
    }
    if !drawn {
        return Html::default();
    }
    let notice = flow
        .notice()
        .map(|notice| (notice.id(), notice.text(UiText(settings.texts))));
    html! {
        // Left to right, as every language of the pack is, also on a right-to-left page
        // (whose direction would otherwise reach the checker through its shadow root).
        <div class="b12c" part="panel" lang={settings.texts.code} dir="ltr" data-theme={settings.theme.id()} ref={panel}>
            if let Some((kind, text)) = notice {
                <p class="callout callout-notice" role="status" data-notice={kind}>{ text }</p>
            }
            { screen }
        </div>
    }
}

/// Focus back on the option `o` of question `q` if the update lost it (to the page). Where
/// focus is still in the checker, it is on that option, or the reader has moved it on since the
/// answer (a quick Tab and Space within the frame must reach the next option): it stays.
fn keep_focus_on_option(panel: &NodeRef, q: QuestionIdx, o: u16) {
    if panel_element(panel, ":focus").is_some() {
        return;
    }
    let question = &PACK.questions[usize::from(q)];
    let selector = format!(
        "input[name=\"{}\"][data-option=\"{}\"]",
        question.id,
        question.options[usize::from(o)]
    );
    if let Some(input) = panel_element(panel, &selector) {
        focus_without_scrolling(&input);
    }
}

/// Takes focus from the checker's control that has it (the button clicked) before the screen
/// it is on goes: removing a focused node makes the browser bring style up to date at once,
/// new screen included, in the task that draws it; with the old screen's style still current
/// that is nothing. Focus then moves to the new screen's heading (`show_screen`).
fn release_focus(panel: &NodeRef) {
    if let Some(focused) = panel_element(panel, ":focus") {
        let _ = focused.blur();
    }
}

/// The first element in the checker's panel that `selector` matches.
fn panel_element(panel: &NodeRef, selector: &str) -> Option<HtmlElement> {
    panel
        .cast::<HtmlElement>()?
        .query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Focus on `target` (a heading, or the error summary), and with `top_of` the checker's top at
/// the top of the window: in an article a new screen starts where the reader reads, not mid-page.
fn show_screen(target: &NodeRef, top_of: Option<&NodeRef>) {
    if let Some(element) = target.cast::<HtmlElement>() {
        focus_without_scrolling(&element);
    }
    if let Some(panel) = top_of.and_then(NodeRef::cast::<HtmlElement>) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Start);
        panel.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

fn focus_without_scrolling(element: &HtmlElement) {
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}
