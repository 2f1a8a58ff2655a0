//! Work moved out of the task that asked for it, so that no task holds the host page's main
//! thread for long: to a task of its own, or to just before the browser's next frame.

use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Window;
use yew::{hook, use_effect_with, use_state};

/// Runs `then` in a task after the current one.
pub fn next_task(then: impl FnOnce() + 'static) {
    after(
        |window, callback| window.set_timeout_with_callback(callback).map(drop),
        Box::new(then),
    );
}

/// Runs `then` just before the browser's next frame, whose style and layout it then shares.
pub fn next_frame(then: impl FnOnce() + 'static) {
    after(
        |window, callback| window.request_animation_frame(callback).map(drop),
        Box::new(then),
    );
}

/// Runs `then` in a task after the browser's next frame: once what is drawn now is on screen.
pub fn after_next_frame(then: impl FnOnce() + 'static) {
    next_frame(move || next_task(then));
}

/// Runs `then` in a task after the browser's second frame from now.
pub fn after_two_frames(then: Box<dyn FnOnce()>) {
    after_next_frame(move || after_next_frame(then));
}

/// Whether the part of a component drawn later is due: false on its first render, true from
/// the render that `schedule` (`next_task`, `after_next_frame`) then causes.
#[hook]
pub fn use_later(schedule: fn(Box<dyn FnOnce()>)) -> bool {
    let due = use_state(|| false);
    {
        let due = due.clone();
        use_effect_with((), move |_| schedule(Box::new(move || due.set(true))));
    }
    *due
}

/// One kind of closure for every caller (boxed, not generic): each kind costs the wasm code.
fn after(schedule: fn(&Window, &Function) -> Result<(), JsValue>, then: Box<dyn FnOnce()>) {
    if let Some(window) = web_sys::window() {
        let callback = Closure::once_into_js(then);
        let _ = schedule(&window, callback.unchecked_ref());
    }
}
