//! Work moved out of the task that asked for it, so that no task holds the host page's main
//! thread for long: to a task of its own, or to just before the browser's next frame.

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::Window;
use yew::platform::spawn_local;

/// Runs `then` in a task after the current one.
pub fn next_task(then: impl FnOnce() + 'static) {
    after(
        |window, resolve| window.set_timeout_with_callback(resolve).map(drop),
        Box::new(then),
    );
}

/// Runs `then` just before the browser's next frame, whose style and layout it then shares.
pub fn next_frame(then: impl FnOnce() + 'static) {
    after(
        |window, resolve| window.request_animation_frame(resolve).map(drop),
        Box::new(then),
    );
}

/// One future for every caller (boxed, not generic): each kind of future costs the wasm code.
fn after(schedule: fn(&Window, &Function) -> Result<(), JsValue>, then: Box<dyn FnOnce()>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let scheduled = Promise::new(&mut |resolve, _| {
        let _ = schedule(&window, &resolve);
    });
    spawn_local(async move {
        if JsFuture::from(scheduled).await.is_ok() {
            then();
        }
    });
}
