//! `cargo xtask assemble`, trunk's post-build hook: the embed bundle, the npm package
//! (`npm.rs`), the single-file checker, the standalone page's service worker and the frame page
//! (`frame.rs`), all from trunk's staged wasm.

use super::*;
use b12_cramp_check::interface::ATTRIBUTES;
use base64::Engine as _;
use sha2::{Digest, Sha384};

pub const EMBED_SCRIPT: &str = "b12-cramp-check.js";
/// What a reader downloads for the embed (script and wasm, brotli). Issue 16 aims at 90 KB
/// (70 KB ideally). Lower the budget with each cut; raise it only knowingly. When it changes it
/// is set about 0.3 KB above the size, as brotli's total moves by up to 130 B when one source
/// line is added (a panic location's line number, then the script's hash of the wasm).
/// docs/performance.md (Size) records each cut and each raise, and the levers left.
pub const EMBED_BUDGET: usize = 139_000;
pub const EMBED_WASM: &str = "b12-cramp-check_bg.wasm";
/// The embed's script with the loader's test hooks, for the end-to-end tests (not shipped).
const TEST_EMBED_SCRIPT: &str = "target/test-embed/b12-cramp-check.test.js";

/// The offline file: the check as one HTML file that works opened from disk (dist/).
pub const OFFLINE_PAGE: &str = "b12-cramp-check.html";
/// The standalone page (dist/).
const STANDALONE_PAGE: &str = "index.html";
/// The standalone page's service worker (dist/), and its kill switch (served in its place to
/// retire it).
const SERVICE_WORKER: &str = "sw.js";
const SERVICE_WORKER_RETIRE: &str = "sw-retire.js";
/// The standalone page's own scripts (trunk copies them from www/).
const PAGE_SCRIPTS: [&str; 2] = ["register-sw.js", "language.js"];

/// The standalone page's Content Security Policy, the strictest it works under: its own files
/// only, WebAssembly, no inline script or style, Trusted Types with the one policy that
/// registers its service worker. A release build puts it in the page (README: Policies).
pub const STANDALONE_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
    base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; \
    trusted-types b12-cramp-check";
/// The offline file's policy, around the hashes of its one inline style and one inline script:
/// nothing may load, and nothing but these two may run.
const OFFLINE_POLICY: &str = "default-src 'none'; script-src {script} 'wasm-unsafe-eval'; \
    style-src {style}; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; \
    trusted-types 'none'";

/// Trunk's post-build hook, on every trunk build: from trunk's staged wasm and glue it writes
/// the embed (dist/embed/), the npm package (dist/npm/), the offline file
/// (dist/b12-cramp-check.html), the standalone page's service worker (dist/sw.js) and the frame
/// page (dist/frame.html), all into trunk's staging directory; and the embed with the loader's
/// test hooks to target/test-embed/, never to dist/.
pub fn assemble() -> Result {
    let staging = PathBuf::from(
        env::var_os("TRUNK_STAGING_DIR")
            .ok_or("assemble runs as trunk's post-build hook (TRUNK_STAGING_DIR is not set)")?,
    );
    let release = env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release");
    let staged = |suffix: &str| -> Result<PathBuf> {
        fs::read_dir(&staging)
            .map_err(|e| format!("cannot read {}: {e}", staging.display()))?
            .filter_map(|entry| Some(entry.ok()?.path()))
            .find(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("b12-cramp-check-") && n.ends_with(suffix))
            })
            .ok_or_else(|| format!("no b12-cramp-check-*{suffix} in {}", staging.display()))
    };
    let staged_wasm = staged("_bg.wasm")?;
    let wasm = read(&staged_wasm)?;
    let glue = staged(".js")?;

    let sources = root().join("target/embed-src");
    create_dir(&sources)?;
    let widget_css = sources.join("widget.css");
    minify(&root().join("www/widget.css"), &widget_css)?;
    // The glue as a factory, so that the loader can start a fresh instance after a trap.
    let glue_factory = sources.join("glue.js");
    let mut make_factory = node_script("glue-factory.mjs");
    make_factory.arg(&glue).arg(&glue_factory);
    run(make_factory)?;
    let element = Element {
        glue_factory,
        widget_css,
        defines: vec![
            format!("--define:WIDGET_VERSION=\"{}\"", package_version()?),
            format!(
                "--define:ELEMENT_ATTRIBUTES={}",
                serde_json::json!(ATTRIBUTES.map(|a| a.name))
            ),
        ],
    };

    // The embed: the wasm next to the script, fetched and checked against its SRI hash.
    let out = staging.join("embed");
    create_dir(&out)?;
    write(&out.join(EMBED_WASM), &wasm)?;
    let integrity = format!("--define:WASM_INTEGRITY=\"{}\"", sri(&wasm));
    element.bundle(
        &sources.join("embed"),
        "www/embed/wasm-source-fetch.js",
        &[&integrity, "--define:TEST_HOOKS=false"],
        &out.join(EMBED_SCRIPT),
    )?;
    // The same with the loader's test hooks, for the end-to-end tests only (never in dist/):
    // served next to the embed's wasm as embed/b12-cramp-check.test.js.
    element.bundle(
        &sources.join("embed-test"),
        "www/embed/wasm-source-fetch.js",
        &[&integrity, "--define:TEST_HOOKS=true"],
        &root().join(TEST_EMBED_SCRIPT),
    )?;

    // The npm package: the embed's files with their declarations (dist/npm/).
    super::npm::package(&out, &staging.join("npm"))?;

    // The offline file: the same element with the wasm inside the script (gzipped; esbuild
    // imports it as base64 text), since a page opened from disk may not fetch it.
    let offline = sources.join("offline");
    create_dir(&offline)?;
    write(&offline.join("wasm.gz"), &gzip(&wasm)?)?;
    let script = offline.join("b12-cramp-check.js");
    element.bundle(
        &offline,
        "www/offline/wasm-source-inline.js",
        &["--define:TEST_HOOKS=false"],
        &script,
    )?;
    let page_css = sources.join("page.css");
    minify(&root().join("www/page.css"), &page_css)?;
    let language = sources.join("language.js");
    minify(&root().join("www/language.js"), &language)?;
    // The page's language switch joins the bundle: one inline script, one hash in the policy.
    let standalone_source = read_text(&root().join("www/index.html"))?;
    let titles = page_titles(&standalone_source)?;
    let page = offline_page(
        &fill_titles(
            &read_text(&root().join("www/offline/b12-cramp-check.html"))?,
            &titles,
        )?,
        main_of(&standalone_source)?,
        &read_text(&page_css)?,
        &format!("{}\n;{}", read_text(&script)?, read_text(&language)?),
    )?;
    write(&staging.join(OFFLINE_PAGE), page.as_bytes())?;

    // The standalone page loads the same element as publishers do: trunk's own glue and wasm
    // are not served, and the page pins the bundle (and so the wasm) by its SRI hash.
    for built in [&staged_wasm, &glue] {
        fs::remove_file(built).map_err(|e| format!("cannot remove {}: {e}", built.display()))?;
    }
    let index = staging.join(STANDALONE_PAGE);
    let bundle_integrity = sri(&read(&out.join(EMBED_SCRIPT))?);
    let policy = if release {
        format!(r#"<meta http-equiv="Content-Security-Policy" content="{STANDALONE_POLICY}">"#)
    } else {
        // A debug build is served by `trunk serve`, whose reload script is inline.
        String::new()
    };
    let standalone = fill(&read_text(&index)?, "@embed-integrity@", &bundle_integrity)?;
    let standalone = without_element(&standalone, r#"<link data-trunk rel="rust""#)?;
    write(
        &index,
        replace_policy_placeholder(&standalone, &policy)?.as_bytes(),
    )?;

    copy(
        &root().join("www/offline").join(SERVICE_WORKER_RETIRE),
        &staging.join(SERVICE_WORKER_RETIRE),
    )?;
    // The page's own scripts ship minified, like the element's bundle (trunk copies them as
    // they are; its own minifier is not used: it fails on wasm-bindgen's glue, per
    // shared/ENGINEERING.md in the team's shared documents, outside this repository).
    for script in PAGE_SCRIPTS {
        minify(&root().join("www").join(script), &staging.join(script))?;
    }
    service_worker(&staging, &sources, release)?;
    // After the service worker: the frame is for publishers' pages, not one of the standalone
    // page's files to keep offline.
    frame::frame(&staging, &bundle_integrity, &titles)
}

/// What every bundle of the element shares: the glue made a factory, the minified stylesheet,
/// and what the build tells the loader (esbuild defines: the widget's version, the element's
/// attributes).
struct Element {
    glue_factory: PathBuf,
    widget_css: PathBuf,
    defines: Vec<String>,
}

impl Element {
    /// Bundles the element's loader with the glue, the stylesheet and `wasm_source` (as
    /// ./wasm-source.js), in `dir`, into one minified ES module at `out_file`, with `defines`
    /// besides the shared ones.
    fn bundle(&self, dir: &Path, wasm_source: &str, defines: &[&str], out_file: &Path) -> Result {
        create_dir(dir)?;
        copy(&root().join("www/embed/loader.js"), &dir.join("loader.js"))?;
        copy(&self.glue_factory, &dir.join("glue.js"))?;
        copy(&self.widget_css, &dir.join("widget.css"))?;
        copy(&root().join(wasm_source), &dir.join("wasm-source.js"))?;
        let loader = dir.join("loader.js").to_string_lossy().into_owned();
        let out_file = format!("--outfile={}", out_file.display());
        let mut args = vec![
            loader.as_str(),
            "--bundle",
            "--format=esm",
            "--minify",
            "--target=es2022",
            "--loader:.css=text",
            // The offline file's gzipped wasm, as the base64 text it carries.
            "--loader:.gz=base64",
            "--legal-comments=none",
            // V8's explicit compile hint: every function of the bundle compiled while the
            // script streams in, off the main thread, instead of lazily in the first render's
            // task (Chrome 136 and later; a comment to others).
            "--banner:js=//# allFunctionsCalledOnLoad",
            "--log-level=warning",
            &out_file,
        ];
        args.extend(self.defines.iter().map(String::as_str));
        args.extend(defines);
        run(command("esbuild", &args))
    }
}

/// A stylesheet or a script (by its extension) minified with esbuild into `out`.
pub(crate) fn minify(source: &Path, out: &Path) -> Result {
    let source = source.to_string_lossy();
    let out_file = format!("--outfile={}", out.display());
    run(command(
        "esbuild",
        &[
            &source,
            "--minify",
            "--target=es2022",
            "--legal-comments=none",
            "--log-level=warning",
            &out_file,
        ],
    ))
}

/// Gzip at the best level: the offline file carries the wasm this way, for the browser's
/// DecompressionStream. (flate2 writes no timestamp, so the output is reproducible.)
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| format!("cannot gzip the wasm: {e}"))
}

/// The offline page from its template: the standalone page's `main` (its language switch and
/// the element, written once for both pages), the page's stylesheet and the bundle inlined in
/// place of their placeholders, and a policy that allows exactly those two.
fn offline_page(template: &str, main: &str, css: &str, script: &str) -> Result<String> {
    if css.to_ascii_lowercase().contains("</style") {
        return Err("www/page.css contains `</style`, which would end the inline <style>".into());
    }
    let script = inline_script(script);
    let policy = OFFLINE_POLICY
        .replace("{script}", &format!("'{}'", sri(script.as_bytes())))
        .replace("{style}", &format!("'{}'", sri(css.as_bytes())));
    let page = fill(template, "<!--@main-->", main)?;
    let page = fill(&page, "/*@page.css*/", css)?;
    let page = fill(&page, "/*@bundle*/", &script)?;
    replace_policy_placeholder(
        &page,
        &format!(r#"<meta http-equiv="Content-Security-Policy" content="{policy}">"#),
    )
}

/// What is inside `page`'s one `<main>` element.
fn main_of(page: &str) -> Result<&str> {
    let start = page
        .find("<main>")
        .map(|at| at + "<main>".len())
        .ok_or("the standalone page has no <main>")?;
    let end = page[start..]
        .find("</main>")
        .map(|at| start + at)
        .ok_or("the standalone page's <main> is not closed")?;
    Ok(&page[start..end])
}

/// The page title in each language, from the standalone page's language switch (each
/// option's `data-title`, which `language.js` sets): the one place they are written. The
/// page's own `<title>` must be its language's.
pub(crate) fn page_titles(standalone: &str) -> Result<Vec<(&str, &str)>> {
    let titles: Vec<(&str, &str)> = standalone
        .split("<option")
        .skip(1)
        .filter_map(|option| {
            let tag = &option[..option.find('>')?];
            Some((attribute(tag, "value")?, attribute(tag, "data-title")?))
        })
        .collect();
    let html = standalone
        .split_once("<html")
        .and_then(|(_, rest)| attribute(&rest[..rest.find('>')?], "lang"))
        .ok_or("the standalone page's <html> has no lang")?;
    let own = titles
        .iter()
        .find(|(lang, _)| *lang == html)
        .ok_or_else(|| format!("the standalone page's language switch has no title for {html}"))?;
    if !standalone.contains(&format!("<title>{}</title>", own.1)) {
        return Err(format!(
            "the standalone page's <title> is not its switch's title for {html} ({})",
            own.1
        ));
    }
    Ok(titles)
}

/// The value of attribute `name` in an HTML start `tag`, written in double quotes.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].find('"').map(|end| &tag[start..start + end])
}

/// `template` with each `@title-<lang>@` replaced by that language's page title; a placeholder
/// for a language without one is an error.
pub(crate) fn fill_titles(template: &str, titles: &[(&str, &str)]) -> Result<String> {
    let mut page = template.to_string();
    for (lang, title) in titles {
        page = page.replace(&format!("@title-{lang}@"), title);
    }
    match page.split_once("@title-") {
        Some((_, rest)) => Err(format!(
            "no page title for the placeholder `@title-{}@`",
            rest.split('@').next().unwrap_or_default()
        )),
        None => Ok(page),
    }
}

/// `page` without the one element that starts with `start` (trunk leaves its rust link in
/// place when it injects no scripts).
fn without_element(page: &str, start: &str) -> Result<String> {
    let at = page
        .find(start)
        .ok_or_else(|| format!("the page has no `{start}` element"))?;
    let end = page[at..]
        .find('>')
        .map(|close| at + close + 1)
        .ok_or_else(|| format!("the `{start}` element is not closed"))?;
    Ok(format!("{}{}", &page[..at], &page[end..]))
}

/// `page` with its one `<!--@csp ... -->` comment replaced by `meta` (the policy's element).
pub(crate) fn replace_policy_placeholder(page: &str, meta: &str) -> Result<String> {
    let start = page
        .find("<!--@csp")
        .ok_or("the page has no <!--@csp ... --> placeholder")?;
    let end = page[start..]
        .find("-->")
        .map(|at| start + at + "-->".len())
        .ok_or("the <!--@csp placeholder is not closed")?;
    Ok(format!("{}{meta}{}", &page[..start], &page[end..]))
}

/// `template` with its one `placeholder` replaced by `value`.
pub(crate) fn fill(template: &str, placeholder: &str, value: &str) -> Result<String> {
    match template.matches(placeholder).count() {
        1 => Ok(template.replacen(placeholder, value, 1)),
        n => Err(format!(
            "the template has {n} `{placeholder}` placeholders instead of one"
        )),
    }
}

/// A script made safe to put inside `<script>…</script>`. The HTML parser ends the element at
/// the first `</script` in any case, and after `<!--` a `<script` would hide the real end tag,
/// so both lose their `<`. In minified code they occur only in strings, templates and regular
/// expressions, where `\x3C` means the same `<` (esbuild escapes `</script` itself; this holds
/// whatever a later esbuild does).
fn inline_script(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    let mut rest = script;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let closing = after
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("/script"));
        if closing || after.starts_with("!--") {
            out.push_str("\\x3C");
        } else {
            out.push('<');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Writes the standalone page's service worker from its template (www/offline/sw.js): the
/// page's files to precache, each with its SRI hash (every top-level staged file but the
/// workers and the offline file, which is a download, and the element's bundle and wasm in
/// embed/), and a version derived from their names and bytes and from the template, so any
/// change is a new version with a cache of its own. A debug build (trunk serve) lists no files,
/// so it caches nothing and development always sees fresh files.
fn service_worker(staging: &Path, sources: &Path, release: bool) -> Result {
    let template = read_text(&root().join("www/offline/sw.js"))?;
    let mut files = Vec::new();
    if release {
        for entry in
            fs::read_dir(staging).map_err(|e| format!("cannot read {}: {e}", staging.display()))?
        {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", staging.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_file && ![SERVICE_WORKER, SERVICE_WORKER_RETIRE, OFFLINE_PAGE].contains(&&*name) {
                files.push(name);
            }
        }
        files.extend([EMBED_SCRIPT, EMBED_WASM].map(|name| format!("embed/{name}")));
        files.sort();
    }
    let mut hash = Sha384::new();
    hash.update(template.as_bytes());
    for name in &files {
        let bytes = read(&staging.join(name))?;
        for part in [name.as_bytes(), &bytes] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
    }
    let version: String = hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    // The page's folder itself ("./") is how readers open it.
    let mut entries = Vec::new();
    for name in &files {
        let integrity = sri(&read(&staging.join(name))?);
        if name == STANDALONE_PAGE {
            entries.push(serde_json::json!({ "url": "./", "integrity": integrity }));
        }
        entries.push(serde_json::json!({ "url": name, "integrity": integrity }));
    }
    let build = serde_json::json!({ "version": version, "files": entries }).to_string();
    let generated = sources.join(SERVICE_WORKER);
    write(
        &generated,
        fill(&template, "/*@build*/ null", &build)?.as_bytes(),
    )?;
    minify(&generated, &staging.join(SERVICE_WORKER))
}

/// A Subresource Integrity value (sha384, as browsers check it).
pub fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The widget's version: its package's, as cargo reads the manifest.
fn package_version() -> Result<String> {
    package_metadata()?["version"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "cargo metadata lists no version of the widget".to_string())
}

/// The widget's Cargo package, as `cargo metadata` describes it (name, version, licence...).
pub fn package_metadata() -> Result<serde_json::Value> {
    const PACKAGE: &str = "b12-cramp-check";
    cargo_metadata()?["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|package| package["name"] == PACKAGE)
        .cloned()
        .ok_or_else(|| format!("cargo metadata lists no package {PACKAGE}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_script_breaks_every_end_tag_and_comment_opener() {
        let script = r#"a="</script>";b=`</SCRIPT `;c=/<!--/;d=1<2;e="<scripts>""#;
        let safe = inline_script(script);
        assert_eq!(
            safe,
            r#"a="\x3C/script>";b=`\x3C/SCRIPT `;c=/\x3C!--/;d=1<2;e="<scripts>""#
        );
        assert!(!safe.to_ascii_lowercase().contains("</script"));
        assert!(!safe.contains("<!--"));
        assert_eq!(inline_script("x<"), "x<");
    }

    #[test]
    fn fill_needs_exactly_one_placeholder() {
        assert_eq!(fill("a/*@x*/b", "/*@x*/", "1"), Ok("a1b".to_string()));
        assert!(fill("ab", "/*@x*/", "1").is_err());
        assert!(fill("/*@x*//*@x*/", "/*@x*/", "1").is_err());
    }

    #[test]
    fn offline_page_refuses_css_that_ends_its_style_element() {
        let template = "<!--@csp-->\n<style>/*@page.css*/</style><script>/*@bundle*/</script><main><!--@main--></main>";
        assert!(offline_page(template, "", "a{}</style>", "").is_err());
        let page = offline_page(template, "<p>x</p>", "a{}", "f('</script>')").unwrap();
        assert!(page.ends_with(
            r"<style>a{}</style><script>f('\x3C/script>')</script><main><p>x</p></main>"
        ));
    }

    #[test]
    fn the_offline_page_allows_exactly_its_inline_style_and_script() {
        let template = "<head><!--@csp: here--></head><style>/*@page.css*/</style><script>/*@bundle*/</script><!--@main-->";
        let page = offline_page(template, "", "a{}", "f('</script>')").unwrap();
        let script_hash = sri(br"f('\x3C/script>')");
        let style_hash = sri(b"a{}");
        assert!(page.starts_with(r#"<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src '"#));
        assert!(page.contains(&format!("script-src '{script_hash}' 'wasm-unsafe-eval'")));
        assert!(page.contains(&format!("style-src '{style_hash}'")));
        assert!(!page.contains("@csp"));
    }

    #[test]
    fn the_page_titles_come_from_the_language_switch_and_fill_every_placeholder() {
        let page = r#"<html lang="en"><head><title>Check</title></head><main><select>
            <option value="en" lang="en" data-title="Check">English</option>
            <option value="es" lang="es" data-title="Cuestionario">Español</option></select></main>"#;
        let titles = page_titles(page).unwrap();
        assert_eq!(titles, [("en", "Check"), ("es", "Cuestionario")]);
        assert_eq!(
            fill_titles(
                "<title>@title-en@</title><p data-title=\"@title-es@\">",
                &titles
            )
            .unwrap(),
            "<title>Check</title><p data-title=\"Cuestionario\">"
        );
        let unknown = fill_titles("<title>@title-fr@</title>", &titles).unwrap_err();
        assert!(unknown.contains("@title-fr@"), "{unknown}");
        // The page's own <title> must be its language's, from the switch.
        let stale = page.replace("<title>Check</title>", "<title>Old check</title>");
        assert!(page_titles(&stale).is_err());
        assert!(page_titles(&page.replace(r#"lang="en">"#, r#"lang="fr">"#)).is_err());
    }

    #[test]
    fn the_offline_page_has_the_standalone_pages_main() {
        let page = "<body><main>\n<select></select>\n</main><footer></footer></body>";
        assert_eq!(main_of(page), Ok("\n<select></select>\n"));
        assert!(main_of("<body></body>").is_err());
        assert!(main_of("<main>").is_err());
        let standalone = read_text(&root().join("www/index.html")).unwrap();
        let main = main_of(&standalone).unwrap();
        assert!(
            main.contains(r#"<select id="page-language">"#) && main.contains("<b12-cramp-check ")
        );
    }

    #[test]
    fn gzip_round_trips() {
        use std::io::Read as _;
        let bytes = b"\0asm wasm wasm wasm".repeat(100);
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&bytes).unwrap()[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, bytes);
    }
}
