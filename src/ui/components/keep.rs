use super::use_settings;
use crate::engine::Answers;
use crate::ui::keep;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KeepProps {
    pub answers: Answers,
}

#[derive(Clone, PartialEq)]
enum Status {
    None,
    Copied(String),
    /// The clipboard refused: the link is shown to copy by hand.
    CopyByHand(String),
    Forgotten,
}

/// Print, share link, and remember or forget the answers on this device. Left out of print.
#[function_component]
pub fn KeepPanel(props: &KeepProps) -> Html {
    let settings = use_settings();
    let ui = &settings.texts.ui;
    let status = use_state(|| Status::None);
    let remembered = use_state(keep::is_remembered);

    let print = Callback::from(|_: MouseEvent| keep::print());
    let share = {
        let status = status.clone();
        let answers = props.answers.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(link) = keep::link_to(&answers) else {
                return;
            };
            let status = status.clone();
            spawn_local(async move {
                status.set(if keep::copy(&link).await {
                    Status::Copied(link)
                } else {
                    Status::CopyByHand(link)
                });
            });
        })
    };
    let toggle = {
        let (status, remembered) = (status.clone(), remembered.clone());
        let answers = props.answers.clone();
        Callback::from(move |event: Event| {
            let wanted = event
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|input| input.checked());
            if wanted {
                keep::remember(&answers);
            } else {
                keep::forget();
            }
            remembered.set(keep::is_remembered());
            status.set(Status::None);
        })
    };
    let forget = {
        let (status, remembered) = (status.clone(), remembered.clone());
        Callback::from(move |_: MouseEvent| {
            keep::forget();
            remembered.set(keep::is_remembered());
            status.set(Status::Forgotten);
        })
    };

    let (message, link) = match &*status {
        Status::None => ("", None),
        Status::Copied(link) => (ui.link_copied, Some(link)),
        Status::CopyByHand(link) => (ui.link_manual, Some(link)),
        Status::Forgotten => (ui.forgotten, None),
    };
    html! {
        <section class="keep">
            <@{settings.heading(1)}>{ ui.keep_heading }</@>
            <div class="actions">
                <button type="button" class="button" part="button" data-action="print" onclick={print}>{ ui.print }</button>
                <button type="button" class="button" part="button" data-action="share" onclick={share}>{ ui.share_link }</button>
            </div>
            <p class="status" role="status">{ message }</p>
            if let Some(link) = link {
                <label class="link">
                    <span>{ ui.link_label }</span>
                    <input type="text" readonly=true value={link.clone()} data-share-link="" />
                </label>
            }
            <label class="option remember">
                <input type="checkbox" data-action="remember" checked={*remembered} onchange={toggle} />
                <span>{ ui.remember }<span class="hint">{ ui.remember_hint }</span></span>
            </label>
            if *remembered {
                <div class="actions">
                    <button type="button" class="button" part="button" data-action="forget" onclick={forget}>{ ui.forget }</button>
                </div>
            }
        </section>
    }
}
