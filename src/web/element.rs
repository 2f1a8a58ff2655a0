//! The `<b12-cramp-check>` element's Rust half. The loader (`www/embed/loader.js`) defines the
//! element and its closed shadow root, makes one [`Widget`] per connected element and puts the
//! widget's container into the shadow root. A widget's state lives in its own Yew app, never in
//! globals, so any number of elements on one page stay apart.

use super::api;
use super::attributes::{self, console_warn};
use crate::pack::UiText;
use crate::ui::{App, AppProps};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;
use yew::AppHandle;

thread_local! {
    /// Mounts for the next element: those whose element has left the page, and the one set up
    /// ahead of the first widget ([`prepare_mount`]). Yew never releases the event listeners an
    /// app registers on its root, so a new app for every element would leak a little each time;
    /// reused mounts keep memory flat however often elements come and go. An idle mount renders
    /// nothing and holds no reader's state.
    static IDLE_MOUNTS: RefCell<Vec<Mount>> = const { RefCell::new(Vec::new()) };
}

/// Sets up a mount ahead of the first element's widget, for [`Widget::new`] to take: the
/// loader calls it in a task of its own, since each part of the set-up runs code for the first
/// time (compiled as it is first called), and Yew's renderer is the largest part.
#[wasm_bindgen(js_name = prepareMount)]
pub fn prepare_mount() -> Result<(), JsValue> {
    if IDLE_MOUNTS.with_borrow(Vec::is_empty) {
        let mount = Mount::new()?;
        IDLE_MOUNTS.with_borrow_mut(|idle| idle.push(mount));
    }
    Ok(())
}

#[wasm_bindgen]
pub struct Widget {
    host: Element,
    mount: Mount,
    /// Warnings already given, so that re-reading the attributes does not repeat them.
    warned: Vec<String>,
    /// The loader's callback for the answers' share code (kept in the page's memory, to restart
    /// with if the checker ever has to be restarted).
    on_change: Callback<String>,
    restart_with: Option<String>,
    /// After a restart: the stopped checker had focus (see `AppProps::take_focus`).
    take_focus: bool,
}

#[wasm_bindgen]
impl Widget {
    /// A fresh checker for `host`, starting from `restart_with` (a share code) after a restart;
    /// the loader puts [`Widget::container`] in its shadow root, hears of every change of the
    /// answers through `on_change`, and shows the checker with [`Widget::refresh`] (in a task
    /// of its own); `take_focus` when the checker this one restarts had focus.
    #[wasm_bindgen(constructor)]
    pub fn new(
        host: Element,
        on_change: js_sys::Function,
        restart_with: Option<String>,
        take_focus: bool,
    ) -> Result<Widget, JsValue> {
        let mount = match IDLE_MOUNTS.with_borrow_mut(Vec::pop) {
            Some(mount) => mount,
            None => Mount::new()?,
        };
        let mut widget = Widget {
            host,
            mount,
            warned: Vec::new(),
            on_change: Callback::from(move |code: String| {
                let _ = on_change.call1(&JsValue::NULL, &code.into());
            }),
            restart_with,
            take_focus,
        };
        // A new session: a new key, so nothing of the previous element's app carries over (it
        // starts as on arrival: from a link, remembered answers or `restart_with`).
        widget.mount.session += 1;
        Ok(widget)
    }

    /// The element the checker renders into.
    #[wasm_bindgen(getter)]
    pub fn container(&self) -> Element {
        self.mount.container.clone()
    }

    /// Shows the checker with the host's current attributes; the reader's answers stay.
    /// `shares_answers` is the loader's reading of `share-answers`, which depends on the
    /// element's life (asked for when the checker first started here, never withdrawn since).
    pub fn refresh(&mut self, shares_answers: bool) {
        let app = self.app_props(shares_answers);
        self.mount.show(Some(app));
    }

    /// What the page shows if this checker stops for good, in its language and region: the
    /// message and the language to mark it with.
    #[wasm_bindgen(getter)]
    pub fn stopped(&self) -> js_sys::Array {
        let settings = crate::web::attributes::settings_from(&self.host, &mut |_| {});
        let message = settings.fill(UiText(settings.texts).stopped());
        js_sys::Array::of2(&message.into(), &settings.texts.code.into())
    }

    /// Clears the checker and its state, and keeps the emptied mount for the next element.
    pub fn destroy(mut self) {
        self.mount.show(None);
        self.mount.container.remove();
        IDLE_MOUNTS.with_borrow_mut(|idle| idle.push(self.mount));
    }
}

impl Widget {
    /// The app for the host: its settings from its attributes (each warning given once however
    /// often they are read again), and its results sent as events, with the answers only if
    /// `shares_answers`.
    fn app_props(&mut self, shares_answers: bool) -> AppProps {
        let warned = &mut self.warned;
        let mut settings = attributes::settings_from(&self.host, &mut |message: String| {
            if !warned.contains(&message) {
                console_warn(message.clone());
                warned.push(message);
            }
        });
        settings.shares_answers = shares_answers;
        AppProps {
            settings,
            on_complete: api::complete_event_sender(self.host.clone(), settings.shares_answers),
            on_change: self.on_change.clone(),
            restart_with: self.restart_with.clone(),
            take_focus: self.take_focus,
        }
    }
}

/// A container element with a Yew app mounted on it.
struct Mount {
    container: Element,
    handle: AppHandle<Session>,
    session: u32,
}

impl Mount {
    fn new() -> Result<Mount, JsValue> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let container = document.create_element("div")?;
        let handle = yew::Renderer::<Session>::with_root_and_props(
            container.clone(),
            SessionProps { app: None, key: 0 },
        )
        .render();
        Ok(Mount {
            container,
            handle,
            session: 0,
        })
    }

    fn show(&mut self, app: Option<AppProps>) {
        self.handle.update(SessionProps {
            app,
            key: self.session,
        });
    }
}

#[derive(Properties, PartialEq)]
struct SessionProps {
    app: Option<AppProps>,
    key: u32,
}

/// The app for one element's session, or nothing while the mount is idle.
#[function_component]
fn Session(props: &SessionProps) -> Html {
    match &props.app {
        Some(app) => html! { <App key={props.key} ..app.clone() /> },
        None => Html::default(),
    }
}
