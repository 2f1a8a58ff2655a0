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
  embed            (trunk's post-build hook) assemble the embed from trunk's staged wasm";

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
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// embed

const EMBED_SCRIPT: &str = "b12-cramp-check.js";
/// What a reader downloads for the embed (script and wasm, brotli): today about 143 KB, against
/// about 321 KB for SurveyJS and 636 KB for LHC-Forms. Raise it only knowingly.
const EMBED_BUDGET: usize = 150_000;
const EMBED_WASM: &str = "b12-cramp-check_bg.wasm";

/// Trunk's post-build hook: bundles the element's loader (www/embed/loader.js), trunk's
/// wasm-bindgen glue and the minified widget stylesheet into one ES module with esbuild, next to
/// a copy of the wasm whose SRI hash the module checks before compiling it.
fn embed() -> Result {
    let staging = PathBuf::from(
        env::var_os("TRUNK_STAGING_DIR")
            .ok_or("embed runs as trunk's post-build hook (TRUNK_STAGING_DIR is not set)")?,
    );
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

    // esbuild resolves the loader's ./glue.js and ./widget.css next to it.
    let sources = root().join("target/embed-src");
    fs::create_dir_all(&sources)
        .map_err(|e| format!("cannot create {}: {e}", sources.display()))?;
    copy(&staged(".js")?, &sources.join("glue.js"))?;
    copy(
        &root().join("www/embed/loader.js"),
        &sources.join("loader.js"),
    )?;
    let css_out = format!("--outfile={}", sources.join("widget.css").display());
    run(command(
        "esbuild",
        &[
            "www/widget.css",
            "--minify",
            "--log-level=warning",
            &css_out,
        ],
    ))?;

    let out = staging.join("embed");
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    fs::write(out.join(EMBED_WASM), &wasm).map_err(|e| format!("cannot write the wasm: {e}"))?;
    let integrity = format!("--define:WASM_INTEGRITY=\"{}\"", sri(&wasm));
    let version = format!("--define:WIDGET_VERSION=\"{}\"", package_version()?);
    let out_file = format!("--outfile={}", out.join(EMBED_SCRIPT).display());
    let loader = sources.join("loader.js");
    run(command(
        "esbuild",
        &[
            &loader.to_string_lossy(),
            "--bundle",
            "--format=esm",
            "--minify",
            "--target=es2022",
            "--loader:.css=text",
            "--legal-comments=none",
            "--log-level=warning",
            &integrity,
            &version,
            &out_file,
        ],
    ))
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
