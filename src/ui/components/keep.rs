use super::button;
use crate::engine::Answers;
use crate::pack::UiText;
use crate::settings::Settings;
use crate::ui::keep::{self, Remembered};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KeepProps {
    pub settings: Settings,
    pub answers: Answers,
}

#[derive(Clone, PartialEq)]
enum Status {
    None,
    Copied(String),
    /// No clipboard, or it refused: the link is shown to copy by hand.
    CopyByHand(String),
    Forgotten,
    Replaced,
    /// The browser refused the change: the box shows what is stored instead.
    Refused,
}

/// Print, share link, and remember or forget the answers on this device, in the result's
/// `keep` section (which has its heading). Left out of print.
///
/// Remembering is an opt-in the reader gives here and nowhere else; answers that came from a
/// link never replace remembered ones unless the reader says so; a file opened from disk offers
/// no remembering (every local file shares one storage) and warns that its link shows where
/// the file is; a page that cannot store (a sandboxed frame) says so instead of offering it.
#[function_component]
pub fn KeepPanel(props: &KeepProps) -> Html {
    let ui = UiText(props.settings.texts);
    // With how many times something was said: each saying is a new node in the live region, so
    // that the same words said again (a second Copy link) are announced again.
    let status = use_state(|| (Status::None, 0u32));
    let say = {
        let status = status.clone();
        move |next: Status| status.set((next, status.1 + 1))
    };
    // Read on every render: the app may have brought the record up to date since the last.
    let remembered = keep::remembered(&props.answers);
    let local_file = keep::is_local_file();
    let can_store = keep::can_store();

    let print = Callback::from(|_: MouseEvent| keep::print());
    let share = {
        let say = say.clone();
        let (answers, settings) = (props.answers.clone(), props.settings);
        Callback::from(move |_: MouseEvent| {
            let Some(link) = keep::link_to(&answers, &settings) else {
                return;
            };
            let say = say.clone();
            spawn_local(async move {
                say(if keep::copy(&link).await {
                    Status::Copied(link)
                } else {
                    Status::CopyByHand(link)
                });
            });
        })
    };
    // Each change to storage renders the panel again (a new status, even the same one), which
    // reads it again, so the box always shows what is really stored, even where the browser
    // refused the change (Yew sets `checked` on every render, so a tick the browser did not
    // store is undone). The box takes focus: Forget and "Remember these instead" go once
    // pressed, and focus must not fall to the page.
    let remember_box = use_node_ref();
    let stored_after = {
        let remember_box = remember_box.clone();
        move |change: &dyn Fn() -> bool, done: Status| {
            let changed = change();
            say(if changed { done } else { Status::Refused });
            if let Some(input) = remember_box.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        }
    };
    let toggle = {
        let stored_after = stored_after.clone();
        let answers = props.answers.clone();
        Callback::from(move |event: Event| {
            let wanted = event
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|input| input.checked());
            if wanted {
                stored_after(&|| keep::remember(&answers), Status::None);
            } else {
                stored_after(&keep::forget, Status::None);
            }
        })
    };
    let forget = {
        let stored_after = stored_after.clone();
        Callback::from(move |_: MouseEvent| stored_after(&keep::forget, Status::Forgotten))
    };
    let replace = {
        let answers = props.answers.clone();
        Callback::from(move |_: MouseEvent| {
            stored_after(&|| keep::remember(&answers), Status::Replaced)
        })
    };

    let (message, link) = match &status.0 {
        Status::None => ("", None),
        Status::Copied(link) => (ui.link_copied(), Some(link)),
        Status::CopyByHand(link) => (ui.link_manual(), Some(link)),
        Status::Forgotten => (ui.forgotten(), None),
        Status::Replaced => (ui.remembered_replaced(), None),
        Status::Refused => (ui.not_stored(), None),
    };
    let is_remembered = !matches!(remembered, Remembered::Nothing);
    html! {
        <>
            <div class="actions">
                { button("print", ui.print(), print) }
                { button("share", ui.share_link(), share) }
            </div>
            if local_file {
                <p class="hint" data-warning="file-link">{ ui.share_file_warning() }</p>
            }
            <p class="status" role="status">
                if !message.is_empty() {
                    <span key={status.1}>{ message }</span>
                }
            </p>
            if let Some(link) = link {
                <label class="link">
                    <span>{ ui.link_label() }</span>
                    <input type="text" readonly=true value={link.clone()} data-share-link="" />
                </label>
            }
            if local_file {
                <p class="hint" data-notice="no-remember-in-file">{ ui.remember_unavailable_file() }</p>
            } else if !can_store {
                <p class="hint" data-notice="no-remember-without-storage">{ ui.remember_unavailable() }</p>
            } else {
                <label class="option remember">
                    <input type="checkbox" data-action="remember" checked={is_remembered} onchange={toggle} ref={remember_box} />
                    <span>{ ui.remember() }<span class="hint">{ ui.remember_hint() }</span></span>
                </label>
                if matches!(remembered, Remembered::Others) {
                    <div class="callout callout-notice" data-notice="other-answers-remembered">
                        <p>{ ui.other_answers_remembered() }</p>
                        <div class="actions">
                            { button("replace-remembered", ui.replace_remembered(), replace) }
                        </div>
                    </div>
                }
                if is_remembered {
                    <div class="actions">
                        { button("forget", ui.forget(), forget) }
                    </div>
                }
            }
        </>
    }
}
