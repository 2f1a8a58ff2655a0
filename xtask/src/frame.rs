//! The no-script embed, part of `cargo xtask assemble`: dist/frame.html, the checker alone in a
//! page that publishers embed with an `<iframe>` and configure by its query (www/frame/), and
//! dist/frame-resize.js, the optional helper that sizes the iframe to the checker (README:
//! Without scripts: the iframe embed).

use super::assemble::{fill, fill_titles, minify, replace_policy_placeholder};
use super::*;

/// The frame's page (dist/).
pub const FRAME_PAGE: &str = "frame.html";
/// The frame's own script and stylesheet, and the host page's optional helper (dist/).
const FRAME_FILES: [&str; 3] = ["frame.js", "frame.css", "frame-resize.js"];

/// The frame's Content Security Policy, in its `<meta>`: the element's bundle, its wasm and the
/// frame's own files, no inline script or style, Trusted Types with no policy at all. A `<meta>`
/// policy cannot carry `frame-ancestors`, which keeps other sites from embedding the frame and
/// hearing its heights: the README asks publishers to send it as a header.
const FRAME_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; \
    require-trusted-types-for 'script'; trusted-types 'none'";

/// Writes the frame's page, pinning the element's bundle by `bundle_integrity` as the
/// standalone page does and with its `titles` (`page_titles`), with its script and stylesheet
/// (minified) and the helper, into `staging`.
pub fn frame(staging: &Path, bundle_integrity: &str, titles: &[(&str, &str)]) -> Result {
    let sources = root().join("www/frame");
    let page = fill(
        &fill_titles(&read_text(&sources.join(FRAME_PAGE))?, titles)?,
        "@embed-integrity@",
        bundle_integrity,
    )?;
    let policy = format!(r#"<meta http-equiv="Content-Security-Policy" content="{FRAME_POLICY}">"#);
    write(
        &staging.join(FRAME_PAGE),
        replace_policy_placeholder(&page, &policy)?.as_bytes(),
    )?;
    for name in FRAME_FILES {
        minify(&sources.join(name), &staging.join(name))?;
    }
    Ok(())
}
