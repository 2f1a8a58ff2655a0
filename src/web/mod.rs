//! The embedding layer: how the checker gets into a page and talks to it. There is one way in,
//! the `<b12-cramp-check>` custom element, on publishers' pages, the standalone page and the
//! single file alike; nothing mounts by id.
//!
//! - [`element`]: the custom element's Rust half (the JS half, which defines the element and its
//!   closed shadow root, is `www/embed/loader.js`).
//! - [`api`]: `evaluate(answers)` for scripts, and the "complete" event sent to the host.
//! - [`js_value`]: the public JSON shapes (`crate::json`) as plain JavaScript values, for `api`.
//! - [`attributes`]: reading settings from attributes, falling back with a console warning.
//! - [`faults`]: a panic in any checker reported to the loader, which restarts the checkers.

mod api;
mod attributes;
mod element;
mod faults;
mod js_value;

/// Talc, not the standard library's dlmalloc: 2 KB smaller in the wasm, and as quick and as
/// frugal under the heavy-use test. It is made for single-threaded wasm, which the checker is
/// (built without atomics).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
