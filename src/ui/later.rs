//! Work moved out of the task that asked for it, so that no task holds the host page's main
//! thread for long: to a task of its own, or to just before the browser's next frame.

use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Window;

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

/// One kind of closure for every caller (boxed, not generic): each kind costs the wasm code.
fn after(schedule: fn(&Window, &Function) -> Result<(), JsValue>, then: Box<dyn FnOnce()>) {
    if let Some(window) = web_sys::window() {
        let callback = Closure::once_into_js(then);
        let _ = schedule(&window, callback.unchecked_ref());
    }
}
