//! The public JSON shapes (`crate::json`) as plain JavaScript values, built as `JSON.parse` of
//! the command line's output would build them: objects with their fields in order, arrays,
//! strings, numbers, booleans and `null`. No JSON text and no serde code is involved.

use crate::json::Json;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

impl Json for JsValue {
    fn string(text: &str) -> Self {
        JsValue::from_str(text)
    }
    fn number(value: i32) -> Self {
        JsValue::from_f64(value.into())
    }
    fn boolean(value: bool) -> Self {
        JsValue::from_bool(value)
    }
    fn null() -> Self {
        JsValue::NULL
    }
    fn array() -> Self {
        Array::new().into()
    }
    fn object() -> Self {
        Object::new().into()
    }
    fn push(&mut self, item: Self) {
        self.unchecked_ref::<Array>().push(&item);
    }
    /// `object[key] = value`. On a fresh plain object that fails only where the page itself
    /// made `key` unsettable on every object (`Object.prototype`); the field is then left out
    /// rather than a JS exception thrown through the wasm.
    fn insert(&mut self, key: &str, value: Self) {
        let _ = Reflect::set(self, &key.into(), &value);
    }
}
