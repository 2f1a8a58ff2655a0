//! B12 and muscle cramps check: a private, explained, non-diagnostic questionnaire.
//!
//! - [`engine`]: the pure rule engine (no web dependencies).
//! - [`pack`]: the content pack, compiled from `packs/b12-cramps/` by `build.rs`.
//! - [`questionnaire`]: the questionnaire's flow (screens, Back/Next, early exit, the current
//!   assessment, notices), UI-free.
//! - [`outline`]: a result as one ordered outline (sections, reasons with their answers, numbered
//!   sources), which the command line, the result screen and its printed summary all render.
//! - [`report`]: the outline as readable text (the `explain` command).
//! - `fhir` (command line only): the pack as a FHIR R4 Questionnaire, answers as a
//!   QuestionnaireResponse and back.
//! - [`share`]: answers as a short versioned code, for share links and remembered answers.
//! - [`interface`]: the element's public interface (attributes, event, CSS parts and custom
//!   properties), declared once for the loader, the npm package's declarations and the docs.
//! - [`json`]: the public JSON shapes (the assessment, raw answers, the complete event's detail),
//!   each described once and built as serde_json's input on the command line or as JavaScript
//!   values in the browser.
//! - [`settings`]: what the host chose (language, region, theme...), read from attributes.
//! - [`robustness`] (native): what must hold for any input, for the fuzz targets.
//! - `ui` (wasm only): the Yew interface; `web` (wasm only): mounting it in a page.
//!
//! See ARCHITECTURE.md for how an answer flows to a result.

pub mod engine;
// The FHIR R4 mapping, for the command line: nothing of it reaches the wasm. (A comment, not
// outer docs: with both, rustdoc resolves the module's own doc links from here.)
#[cfg(feature = "cli")]
pub mod fhir;
pub mod interface;
pub mod json;
pub mod outline;
pub mod pack;
pub mod questionnaire;
pub mod report;
// Checked by the fuzz targets and their corpus replay; needs the command line's JSON reader.
#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod robustness;
pub mod settings;
pub mod share;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
mod web;
