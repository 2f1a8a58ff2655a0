//! One component per part of a screen.

pub mod intro;
pub mod keep;
pub mod question;
pub mod result;
pub mod step;

use crate::settings::Settings;
use yew::prelude::*;

/// The reader's settings, provided by `App`.
#[hook]
pub fn use_settings() -> Settings {
    use_context::<Settings>().unwrap_or_default()
}
