//! `cargo xtask test | serve | dist`.

use super::assemble::{sri, EMBED_BUDGET, EMBED_SCRIPT, EMBED_WASM, OFFLINE_PAGE};
use super::*;
use std::time::Instant;

/// The shipped content pack, and its digest for reviewers.
const PACK_DIR: &str = "packs/b12-cramps";
const DIGEST: &str = "docs/pack-digest.md";

/// Every check, in order, stopping at the first failure.
pub fn test() -> Result {
    let started = Instant::now();
    let steps: Vec<(&str, Command)> = vec![
        // --locked: a Cargo.lock that no longer matches the manifests fails instead of being
        // rewritten, so the tests run on the crates the lock file pins.
        (
            "fetch crates",
            command("cargo", &["fetch", "--locked", "--quiet"]),
        ),
        ("format", command("cargo", &["fmt", "--all", "--check"])),
        // Our JavaScript (biome.jsonc says which), its formatting and lints; a warning fails too.
        (
            "lint and format the JavaScript (Biome)",
            command("biome", &["ci", "--error-on-warnings"]),
        ),
        cargo_deny(),
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
        // With the features trunk builds (www/index.html: data-cargo-no-default-features).
        (
            "lint the browser code",
            command(
                "cargo",
                &[
                    "clippy",
                    "--lib",
                    "--target",
                    WASM_TARGET,
                    "--no-default-features",
                    "--quiet",
                    "--",
                    "-D",
                    "warnings",
                ],
            ),
        ),
        // Native tests: engine, pack compiler, command line, property tests, the sweep (which
        // prints what it covered).
        (
            "native tests",
            command("cargo", &["test", "--workspace", "--", "--show-output"]),
        ),
        (
            "tests of xtask's scripts (xtask/js/)",
            node_tests("xtask/js")?,
        ),
        ("browser component tests (Chromium)", browser_tests()),
        (
            "build the page",
            command("trunk", &["build", "--release", "--offline"]),
        ),
        // The end-to-end tests compare the page with `cramp-check eval`: built here, so they
        // never run a missing or stale binary.
        (
            "build the command line for the end-to-end tests",
            command("cargo", &["build", "--bin", "cramp-check", "--quiet"]),
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

/// Licences, bans and sources of every crate (deny.toml); advisories too when an advisory
/// database is already on the machine (it cannot be fetched here). The step's name says which.
fn cargo_deny() -> (&'static str, Command) {
    let databases = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("advisory-dbs"));
    // A database is a directory there; a failed fetch leaves only its lock file.
    let offline_advisories = databases.is_some_and(|dir| {
        fs::read_dir(dir).is_ok_and(|mut entries| {
            entries.any(|entry| entry.and_then(|e| e.file_type()).is_ok_and(|t| t.is_dir()))
        })
    });
    let mut args = vec!["deny", "--log-level", "error", "check"];
    let name = if offline_advisories {
        args.extend(["--disable-fetch", "advisories"]);
        "supply chain (cargo deny)"
    } else {
        "supply chain (cargo deny; no advisory database on this machine, advisories not checked)"
    };
    args.extend(["licenses", "bans", "sources"]);
    (name, command("cargo", &args))
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

/// The end-to-end tests (playwright-core driving Debian's Chromium), with the command line that
/// the step before them builds.
fn end_to_end_tests() -> Result<Command> {
    let mut c = node_tests("tests/e2e")?;
    c.env("CRAMP_CHECK", cargo_target_dir()?.join("debug/cramp-check"));
    // LHC-Forms' prebuilt files, for the FHIR interoperability test (xtask setup fetches them).
    let (name, version, _) = super::setup::VENDORED_NPM[0];
    c.env("LFORMS_DIR", super::setup::vendored_dir(name, version));
    Ok(c)
}

/// Node's test runner over the `*.test.mjs` files in `dir` (relative to the root).
fn node_tests(dir: &str) -> Result<Command> {
    let path = root().join(dir);
    let mut files: Vec<String> = fs::read_dir(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("{dir}/{name}"))
        .collect();
    files.sort();
    // A hung test fails the run instead of holding CI until its own time limit. With several
    // files the runner times each file as one test: the longest (accessibility, in two
    // languages) takes about 6 minutes on 2 busy cores.
    let mut args = vec!["--test", "--test-reporter=spec", "--test-timeout=900000"];
    args.extend(files.iter().map(String::as_str));
    Ok(command("node", &args))
}

pub fn serve(port: &str) -> Result {
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

pub fn dist() -> Result {
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
    println!("\nThe npm package, dist/npm/, ready for `npm publish ./dist/npm`:");
    // "./": a bare "dist/npm" would name a GitHub repository.
    run(command("npm", &["pack", "--dry-run", "./dist/npm"]))?;
    Ok(())
}

/// Prints the raw and brotli sizes of the release files in `dir` and their brotli total
/// (xtask/js/sizes.mjs); fails when a budget is given and the total exceeds it.
fn sizes(dir: &Path, budget: Option<usize>) -> Command {
    let mut sizes = node_script("sizes.mjs");
    sizes.arg(dir).args(budget.map(|b| b.to_string()));
    sizes
}

/// `docs/pack-digest.md`, from the shipped pack (the pack compiler's test fails when it is
/// out of date).
pub fn digest() -> Result {
    let digest = b12_pack_compiler::digest(&root().join(PACK_DIR)).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("the content pack is not valid:\n  {}", lines.join("\n  "))
    })?;
    let path = root().join(DIGEST);
    fs::write(&path, digest).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {DIGEST}");
    Ok(())
}
