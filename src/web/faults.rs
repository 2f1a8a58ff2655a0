//! What happens when the checker's Rust code panics. With `panic = "abort"` a panic stops the
//! whole wasm instance (a trap) and leaves it unusable, and every checker on the page shares
//! that instance. Before the trap, the panic hook tells the loader (`www/embed/loader.js`),
//! which then starts a fresh instance and brings every checker back with the reader's answers,
//! or, if the same checker keeps failing, shows its fallback content and a short message.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static REPORTER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Sends every panic's message to `reporter` (the loader's), and to the console.
#[wasm_bindgen(js_name = setPanicReporter)]
pub fn set_panic_reporter(reporter: js_sys::Function) {
    REPORTER.with_borrow_mut(|slot| *slot = Some(reporter));
    // Through Yew, which would otherwise put its own hook in place when the first app starts.
    yew::set_custom_panic_hook(Box::new(|info| {
        // The payload only: formatting the whole report would add to the wasm for little.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("a panic");
        web_sys::console::error_1(&format!("b12-cramp-check: panicked: {message}").into());
        // `try_with`: the hook must not itself panic, whatever state the panic left.
        let _ = REPORTER.try_with(|slot| {
            if let Ok(slot) = slot.try_borrow() {
                if let Some(reporter) = slot.as_ref() {
                    let _ = reporter.call1(&JsValue::NULL, &message.into());
                }
            }
        });
    }));
}

/// Panics on purpose. Only the loader's test build calls it (README: Testing), to prove that a
/// trap in one checker leaves the page working; the bundle that ships never does.
#[wasm_bindgen(js_name = trapForTests)]
pub fn trap_for_tests() {
    panic!("a trap requested by a test");
}
