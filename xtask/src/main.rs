//! Project tasks: `cargo xtask setup | test | serve | dist | embed`.
//!
//! `setup` installs what is missing, idempotently and quietly when everything is present; the
//! other tasks run it first, so a fresh machine needs only `cargo xtask serve` or `cargo xtask
//! test`. Every failure stops the task with a non-zero exit; nothing is hidden.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use base64::Engine as _;
use sha2::{Digest, Sha384};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const TRUNK_VERSION: &str = "0.21.14";
const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// Chromium and its driver for the browser tests, fonts for stable screenshots, and poppler's
/// pdftotext to read the printed summary's PDF.
const APT_PACKAGES: [&str; 4] = [
    "chromium",
    "chromium-driver",
    "fonts-dejavu-core",
    "poppler-utils",
];
const DEFAULT_PORT: &str = "8080";

const USAGE: &str = "usage: cargo xtask <command>
  setup            install the tools the project needs (only what is missing)
  test             setup, then every check and test
  serve [--port N] setup, then build and serve the standalone page on http://127.0.0.1:8080
  dist             setup, then write the release build to dist/ and print its sizes and SRI hashes
  embed            (trunk's post-build hook) assemble the embed, the offline file and the
                   service worker from trunk's staged files";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let task = match args.first().map(String::as_str) {
        Some("setup") => setup(),
        Some("test") => setup().and_then(|()| test()),
        Some("serve") => port(&args[1..]).and_then(|port| setup().and_then(|()| serve(&port))),
        Some("dist") => setup().and_then(|()| dist()),
        Some("embed") => embed(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match task {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn port(args: &[String]) -> Result<String> {
    match args {
        [] => Ok(DEFAULT_PORT.to_string()),
        [flag, port] if flag == "--port" && port.parse::<u16>().is_ok() => Ok(port.clone()),
        _ => Err(format!("serve takes only --port N\n{USAGE}")),
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// PATH with the project's npm tools and cargo-installed tools first, so exact versions win.
fn tool_path() -> OsString {
    let mut paths = vec![root().join("node_modules/.bin")];
    if let Some(home) = env::var_os("HOME") {
        paths.push(Path::new(&home).join(".cargo/bin"));
    }
    paths.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(paths).unwrap_or_default()
}

fn command(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(root())
        .env("PATH", tool_path());
    command
}

/// Runs a command with its output shown; fails with the command line when it fails.
fn run(mut command: Command) -> Result {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// The command's standard output, or None when it cannot run or fails.
fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = command(program, args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

// ---------------------------------------------------------------------------------------------
// setup

fn setup() -> Result {
    let mut installed = Vec::new();
    if !output("rustup", &["target", "list", "--installed"])
        .is_some_and(|t| t.lines().any(|l| l.trim() == WASM_TARGET))
    {
        println!("setup: adding the {WASM_TARGET} target");
        run(command("rustup", &["target", "add", WASM_TARGET]))?;
        installed.push(WASM_TARGET);
    }
    if cargo_tool(
        "trunk",
        &format!("trunk {TRUNK_VERSION}"),
        &["install", "--locked", "trunk", "--version", TRUNK_VERSION],
    )? {
        installed.push("trunk");
    }
    // wasm-bindgen-cli does not install with --locked (a locked dependency is missing upstream).
    let bindgen = format!("wasm-bindgen {WASM_BINDGEN_VERSION}");
    if cargo_tool(
        "wasm-bindgen",
        &bindgen,
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            WASM_BINDGEN_VERSION,
        ],
    )? {
        installed.push("wasm-bindgen-cli");
    }
    if npm_tools()? {
        installed.push("npm dev tools");
    }
    if apt_packages()? {
        installed.push("Debian packages (chromium, poppler-utils, fonts)");
    }
    if installed.is_empty() {
        println!("setup: all tools present");
    } else {
        println!("setup: installed {}", installed.join(", "));
    }
    Ok(())
}

/// Installs a cargo tool unless `--version` already prints `expected`. True if it installed.
fn cargo_tool(program: &str, expected: &str, install: &[&str]) -> Result<bool> {
    if output(program, &["--version"]).is_some_and(|v| v.trim() == expected) {
        return Ok(false);
    }
    println!("setup: installing {expected} (this takes several minutes)");
    run(command("cargo", install))?;
    match output(program, &["--version"]) {
        Some(v) if v.trim() == expected => Ok(true),
        other => Err(format!(
            "installed {program}, but `{program} --version` says {other:?}, not {expected}"
        )),
    }
}

/// `npm ci` when node_modules does not match package-lock.json. True if it installed.
fn npm_tools() -> Result<bool> {
    let lock = fs::read(root().join("package-lock.json"))
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let stamp_file = root().join("node_modules/.xtask-lock-hash");
    let stamp = format!("{:016x}", fnv1a(&lock));
    if fs::read_to_string(&stamp_file).is_ok_and(|s| s == stamp) {
        return Ok(false);
    }
    println!("setup: installing the npm dev tools (npm ci)");
    run(command("npm", &["ci", "--no-audit", "--no-fund"]))?;
    fs::write(&stamp_file, stamp)
        .map_err(|e| format!("cannot write {}: {e}", stamp_file.display()))?;
    Ok(true)
}

/// A stable hash (unlike std's), to notice a changed lock file.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The Debian packages in APT_PACKAGES. True if it installed.
fn apt_packages() -> Result<bool> {
    let present = ["chromium", "chromedriver", "pdftotext"]
        .iter()
        .all(|program| Path::new("/usr/bin").join(program).exists())
        && output("dpkg-query", &["-W", "-f=${Status}", "fonts-dejavu-core"])
            .is_some_and(|s| s.contains("install ok installed"));
    if present {
        return Ok(false);
    }
    println!("setup: installing {} with apt-get", APT_PACKAGES.join(", "));
    let sudo = output("id", &["-u"]).is_none_or(|id| id.trim() != "0");
    let apt = |args: &[&str]| {
        let mut full: Vec<&str> = if sudo {
            vec!["sudo", "apt-get"]
        } else {
            vec!["apt-get"]
        };
        full.extend_from_slice(args);
        let mut c = command(full[0], &full[1..]);
        c.env("DEBIAN_FRONTEND", "noninteractive");
        run(c)
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend_from_slice(&APT_PACKAGES);
    apt(&install)?;
    Ok(true)
}

// ---------------------------------------------------------------------------------------------
// test, serve, dist

/// Every check, in order, stopping at the first failure.
fn test() -> Result {
    let started = Instant::now();
    let steps: Vec<(&str, Command)> = vec![
        ("fetch crates", command("cargo", &["fetch", "--quiet"])),
        ("format", command("cargo", &["fmt", "--all", "--check"])),
        (
            "lint",
            command(
                "cargo",
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--quiet",
                    "--",
                    "-D",
                    "warnings",
                ],
            ),
        ),
        (
            "lint the browser code",
            command(
                "cargo",
                &[
                    "clippy",
                    "--lib",
                    "--target",
                    WASM_TARGET,
                    "--quiet",
                    "--",
                    "-D",
                    "warnings",
                ],
            ),
        ),
        (
            "build the library for wasm32",
            command(
                "cargo",
                &[
                    "build",
                    "--lib",
                    "--release",
                    "--target",
                    WASM_TARGET,
                    "--quiet",
                ],
            ),
        ),
        // Native tests: engine, pack compiler, command line, property tests, the sweep (which
        // prints what it covered).
        (
            "native tests",
            command("cargo", &["test", "--workspace", "--", "--show-output"]),
        ),
        ("browser component tests (Chromium)", browser_tests()),
        (
            "build the page",
            command("trunk", &["build", "--release", "--offline"]),
        ),
        ("end-to-end tests (Chromium)", end_to_end_tests()?),
        (
            "size budget of the embed",
            sizes(&root().join("dist/embed"), Some(EMBED_BUDGET)),
        ),
    ];
    for (name, step) in steps {
        let step_started = Instant::now();
        println!("\n== {name}");
        run(step)?;
        println!(
            "== {name}: ok in {:.1}s",
            step_started.elapsed().as_secs_f64()
        );
    }
    println!(
        "\nAll checks passed in {:.0}s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// wasm-bindgen-test in headless Chromium, never a downloaded browser or driver.
fn browser_tests() -> Command {
    let mut c = command(
        "cargo",
        &["test", "--target", WASM_TARGET, "--test", "browser"],
    );
    c.env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
    c
}

/// Node's test runner over tests/e2e/*.test.mjs (playwright-core driving Debian's Chromium).
fn end_to_end_tests() -> Result<Command> {
    let dir = root().join("tests/e2e");
    let mut files: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("tests/e2e/{name}"))
        .collect();
    files.sort();
    let mut args = vec!["--test", "--test-reporter=spec"];
    args.extend(files.iter().map(String::as_str));
    let mut c = command("node", &args);
    c.env("CRAMP_CHECK", root().join("target/debug/cramp-check"));
    Ok(c)
}

fn serve(port: &str) -> Result {
    run(command("cargo", &["fetch", "--quiet"]))?;
    println!("Serving the standalone page on http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    run(command(
        "trunk",
        &[
            "serve",
            "--offline",
            "--address",
            "127.0.0.1",
            "--port",
            port,
        ],
    ))
}

fn dist() -> Result {
    run(command("cargo", &["fetch", "--quiet"]))?;
    run(command("trunk", &["build", "--release", "--offline"]))?;
    let dist = root().join("dist");
    run(sizes(&dist, None))?;
    println!("\nThe embed (dist/embed/):");
    let embed = dist.join("embed");
    run(sizes(&embed, Some(EMBED_BUDGET)))?;
    for name in [EMBED_SCRIPT, EMBED_WASM] {
        let bytes = read(&embed.join(name))?;
        println!("{name:<44} integrity=\"{}\"", sri(&bytes));
    }
    println!("\nThe offline file, dist/{OFFLINE_PAGE}, works opened straight from disk.");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// embed

const EMBED_SCRIPT: &str = "b12-cramp-check.js";
/// What a reader downloads for the embed (script and wasm, brotli): today about 132 KB, against
/// about 321 KB for SurveyJS and 636 KB for LHC-Forms. Raise it only knowingly.
const EMBED_BUDGET: usize = 140_000;
const EMBED_WASM: &str = "b12-cramp-check_bg.wasm";

/// The offline file: the check as one HTML file that works opened from disk (dist/).
const OFFLINE_PAGE: &str = "b12-cramp-check.html";
/// The standalone page's service worker (dist/).
const SERVICE_WORKER: &str = "sw.js";

/// Trunk's post-build hook, on every trunk build: from trunk's staged wasm and glue it writes
/// the embed (dist/embed/), the offline file (dist/b12-cramp-check.html) and the standalone
/// page's service worker (dist/sw.js), all into trunk's staging directory.
fn embed() -> Result {
    let staging = PathBuf::from(
        env::var_os("TRUNK_STAGING_DIR")
            .ok_or("embed runs as trunk's post-build hook (TRUNK_STAGING_DIR is not set)")?,
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
    let wasm = read(&staged("_bg.wasm")?)?;
    let glue = staged(".js")?;

    let sources = root().join("target/embed-src");
    create_dir(&sources)?;
    let widget_css = sources.join("widget.css");
    minify_css("www/widget.css", &widget_css)?;

    // The embed: the wasm next to the script, fetched and checked against its SRI hash.
    let out = staging.join("embed");
    create_dir(&out)?;
    write(&out.join(EMBED_WASM), &wasm)?;
    bundle(
        &sources.join("embed"),
        &glue,
        &widget_css,
        "www/embed/wasm-source-fetch.js",
        &[format!("--define:WASM_INTEGRITY=\"{}\"", sri(&wasm))],
        &out.join(EMBED_SCRIPT),
    )?;

    // The offline file: the same element with the wasm inside the script (gzipped, base64),
    // since a page opened from disk may not fetch it.
    let offline = sources.join("offline");
    create_dir(&offline)?;
    let wasm_gzip = base64::engine::general_purpose::STANDARD.encode(gzip(&wasm)?);
    write(
        &offline.join("wasm-gzip.js"),
        format!("export default \"{wasm_gzip}\";\n").as_bytes(),
    )?;
    let script = offline.join("b12-cramp-check.js");
    bundle(
        &offline,
        &glue,
        &widget_css,
        "www/offline/wasm-source-inline.js",
        &[],
        &script,
    )?;
    let page_css = sources.join("page.css");
    minify_css("www/page.css", &page_css)?;
    let page = offline_page(
        &read_text(&root().join("www/offline/b12-cramp-check.html"))?,
        &read_text(&page_css)?,
        &read_text(&script)?,
    )?;
    write(&staging.join(OFFLINE_PAGE), page.as_bytes())?;

    service_worker(&staging, &sources, release)
}

/// Bundles the element's loader with the glue, the stylesheet and `wasm_source` (as
/// ./wasm-source.js), in `dir`, into one minified ES module at `out_file`.
fn bundle(
    dir: &Path,
    glue: &Path,
    widget_css: &Path,
    wasm_source: &str,
    defines: &[String],
    out_file: &Path,
) -> Result {
    create_dir(dir)?;
    copy(&root().join("www/embed/loader.js"), &dir.join("loader.js"))?;
    copy(glue, &dir.join("glue.js"))?;
    copy(widget_css, &dir.join("widget.css"))?;
    copy(&root().join(wasm_source), &dir.join("wasm-source.js"))?;
    let loader = dir.join("loader.js").to_string_lossy().into_owned();
    let version = format!("--define:WIDGET_VERSION=\"{}\"", package_version()?);
    let out_file = format!("--outfile={}", out_file.display());
    let mut args = vec![
        loader.as_str(),
        "--bundle",
        "--format=esm",
        "--minify",
        "--target=es2022",
        "--loader:.css=text",
        "--legal-comments=none",
        "--log-level=warning",
        &version,
        &out_file,
    ];
    args.extend(defines.iter().map(String::as_str));
    run(command("esbuild", &args))
}

fn minify_css(source: &str, out: &Path) -> Result {
    let out_file = format!("--outfile={}", out.display());
    run(command(
        "esbuild",
        &[source, "--minify", "--log-level=warning", &out_file],
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

/// The offline page from its template: the page's stylesheet and the bundle inlined in place
/// of their placeholders.
fn offline_page(template: &str, css: &str, script: &str) -> Result<String> {
    if css.to_ascii_lowercase().contains("</style") {
        return Err("www/page.css contains `</style`, which would end the inline <style>".into());
    }
    let page = fill(template, "/*@page.css*/", css)?;
    fill(&page, "/*@bundle*/", &inline_script(script))
}

/// `template` with its one `placeholder` replaced by `value`.
fn fill(template: &str, placeholder: &str, value: &str) -> Result<String> {
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
/// page's files to precache (every top-level staged file but the worker itself and the offline
/// file, which is a download) and a version derived from their names and bytes and from the
/// template, so any change is a new version with a cache of its own. A debug build (trunk
/// serve) lists no files, so it caches nothing and development always sees fresh files.
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
            if is_file && name != SERVICE_WORKER && name != OFFLINE_PAGE {
                files.push(name);
            }
        }
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
    let urls: Vec<String> = if release {
        std::iter::once("./")
            .chain(files.iter().map(String::as_str))
            .map(json_string)
            .collect()
    } else {
        Vec::new()
    };
    let build = format!(
        "{{\"version\":{},\"files\":[{}]}}",
        json_string(&version),
        urls.join(",")
    );
    let generated = sources.join(SERVICE_WORKER);
    write(
        &generated,
        fill(&template, "/*@build*/null", &build)?.as_bytes(),
    )?;
    let out_file = format!("--outfile={}", staging.join(SERVICE_WORKER).display());
    run(command(
        "esbuild",
        &[
            &generated.to_string_lossy(),
            "--minify",
            "--target=es2022",
            "--legal-comments=none",
            "--log-level=warning",
            &out_file,
        ],
    ))
}

/// A JSON (and JavaScript) string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_graphic() || c == ' ' => out.push(c),
            c => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

/// A Subresource Integrity value (sha384, as browsers check it).
fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The widget's version: the `version` of the root Cargo.toml's [package].
fn package_version() -> Result<String> {
    let manifest = fs::read_to_string(root().join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    manifest
        .lines()
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_string)
        .ok_or_else(|| "no version in Cargo.toml's [package]".to_string())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn create_dir(path: &Path) -> Result {
    fs::create_dir_all(path).map_err(|e| format!("cannot create {}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Prints the raw and brotli sizes of the release files in `dir` (brotli through Node's zlib,
/// already required) and their brotli total; fails when a budget is given and the total
/// exceeds it.
fn sizes(dir: &Path, budget: Option<usize>) -> Command {
    let script = "const fs=require('fs'),z=require('zlib'),p=require('path');\
        const [dir,budget]=process.argv.slice(1); let total=0;\
        for (const f of fs.readdirSync(dir).sort()) { if (!fs.statSync(p.join(dir,f)).isFile()) continue;\
        const b=fs.readFileSync(p.join(dir,f));\
        const br=z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length; total+=br;\
        console.log(`${f.padEnd(44)} ${String(b.length).padStart(9)} B  ${String(br).padStart(8)} B brotli`); }\
        const limit=budget?` (budget ${budget} B)`:'';\
        console.log(`${'total'.padEnd(44)} ${''.padStart(9)}    ${String(total).padStart(8)} B brotli${limit}`);\
        if (budget && total>Number(budget)) { console.error(`over the size budget by ${total-budget} B`); process.exit(1); }";
    let dir = dir.to_string_lossy();
    let budget = budget.map(|b| b.to_string()).unwrap_or_default();
    command("node", &["-e", script, &dir, &budget])
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
        let template = "<style>/*@page.css*/</style><script>/*@bundle*/</script>";
        assert!(offline_page(template, "a{}</style>", "").is_err());
        assert_eq!(
            offline_page(template, "a{}", "f('</script>')"),
            Ok(r"<style>a{}</style><script>f('\x3C/script>')</script>".to_string())
        );
    }

    #[test]
    fn json_strings_escape_quotes_backslashes_and_non_ascii() {
        assert_eq!(json_string("index.html"), r#""index.html""#);
        assert_eq!(json_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(json_string("é\n😀"), r#""\u00e9\u000a\ud83d\ude00""#);
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
