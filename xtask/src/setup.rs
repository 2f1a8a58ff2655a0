//! `cargo xtask setup`: installs what is missing, idempotently, and says nothing more than
//! "all tools present" when everything is there.

use super::*;

const TRUNK_VERSION: &str = "0.21.14";
const CARGO_FUZZ_VERSION: &str = "0.13.2";
const CARGO_DENY_VERSION: &str = "0.20.2";
const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// The wasm size profiler that issue 16 asks for (docs/performance.md), run by hand.
const TWIGGY_VERSION: &str = "0.8.0";
/// The toolchain's components that `test` runs: `cargo fmt` and `cargo clippy`.
const RUST_COMPONENTS: [&str; 2] = ["rustfmt", "clippy"];
/// Chromium and its driver for the browser tests, fonts for stable screenshots, and poppler's
/// pdftotext to read the printed summary's PDF.
const APT_PACKAGES: [&str; 4] = [
    "chromium",
    "chromium-driver",
    "fonts-dejavu-core",
    "poppler-utils",
];

/// npm packages the tests use only as prebuilt files, kept out of node_modules because their
/// declared dependency trees are large and pull in nothing the prebuilt files need (LHC-Forms:
/// Angular and more, already inside its web component): name, version and the registry's
/// integrity of the tarball, unpacked into target/vendor/<name>-<version>/.
pub const VENDORED_NPM: [(&str, &str, &str); 1] = [(
    "lforms",
    "40.1.3",
    "sha512-WLruTm+BcVnafC0rSAQ3/cNqhxvclBUxyBG68aub/uha2NaK9H8ZZcEXTTuORuGzzCt0wa7fvhuieZtcDIdPzQ==",
)];

pub fn setup() -> Result {
    node_version()?;
    let mut installed = Vec::new();
    if !output("rustup", &["target", "list", "--installed"])
        .is_ok_and(|t| t.lines().any(|l| l.trim() == WASM_TARGET))
    {
        println!("setup: adding the {WASM_TARGET} target");
        run(command("rustup", &["target", "add", WASM_TARGET]))?;
        installed.push(WASM_TARGET);
    }
    // Listed with the host's triple: `clippy-x86_64-unknown-linux-gnu`.
    let components = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    let missing: Vec<&str> = RUST_COMPONENTS
        .into_iter()
        .filter(|name| {
            !components
                .lines()
                .any(|l| l.trim() == *name || l.starts_with(&format!("{name}-")))
        })
        .collect();
    if !missing.is_empty() {
        println!("setup: adding the {} component(s)", missing.join(", "));
        let mut add = vec!["component", "add"];
        add.extend(&missing);
        run(command("rustup", &add))?;
        installed.extend(missing);
    }
    for tool in &CARGO_TOOLS {
        if cargo_tool(tool)? {
            installed.push(tool.name);
        }
    }
    if npm_tools()? {
        installed.push("npm dev tools");
    }
    for (name, version, integrity) in VENDORED_NPM {
        if vendored_npm(name, version, integrity)? {
            installed.push(name);
        }
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

/// A tool cargo installs: its crate, the programs it puts on the PATH (each one's `--version`
/// ends with the version; twiggy's says `twiggy-opt 0.8.0`), its version, and whether it
/// installs with `--locked`.
struct CargoTool {
    name: &'static str,
    programs: &'static [&'static str],
    version: &'static str,
    locked: bool,
}

const CARGO_TOOLS: [CargoTool; 4] = [
    CargoTool {
        name: "trunk",
        programs: &["trunk"],
        version: TRUNK_VERSION,
        locked: true,
    },
    // Not --locked: a locked dependency is missing upstream.
    CargoTool {
        name: "wasm-bindgen-cli",
        programs: &["wasm-bindgen", "wasm-bindgen-test-runner"],
        version: WASM_BINDGEN_VERSION,
        locked: false,
    },
    CargoTool {
        name: "cargo-deny",
        programs: &["cargo-deny"],
        version: CARGO_DENY_VERSION,
        locked: true,
    },
    CargoTool {
        name: "twiggy",
        programs: &["twiggy"],
        version: TWIGGY_VERSION,
        locked: true,
    },
];

/// cargo-fuzz, for `cargo xtask fuzz` only (not needed by the tests).
pub fn fuzz_tools() -> Result {
    cargo_tool(&CargoTool {
        name: "cargo-fuzz",
        programs: &["cargo-fuzz"],
        version: CARGO_FUZZ_VERSION,
        locked: true,
    })
    .map(|_| ())
}

/// Installs a cargo tool unless each of its programs' `--version` already ends with its
/// version. True if it installed.
fn cargo_tool(tool: &CargoTool) -> Result<bool> {
    let version = tool.version;
    let mismatch = || {
        tool.programs
            .iter()
            .find_map(|program| match output(program, &["--version"]) {
                Ok(found) if found.split_whitespace().last() == Some(version) => None,
                Ok(found) => Some(format!(
                    "`{program} --version` says {:?}, not version {version}",
                    found.trim()
                )),
                Err(e) => Some(e),
            })
    };
    if mismatch().is_none() {
        return Ok(false);
    }
    let mut install = vec!["install"];
    if tool.locked {
        install.push("--locked");
    }
    install.extend([tool.name, "--version", version]);
    let install_line = format!("cargo {}", install.join(" "));
    println!("setup: {install_line} (this takes several minutes)");
    run(command("cargo", &install))?;
    match mismatch() {
        None => Ok(true),
        Some(problem) => Err(format!("ran {install_line}, but {problem}")),
    }
}

/// Node.js in vite 8's range (`^20.19.0 || >=22.12.0`, also package.json's `engines`), which
/// the tests need; it also has `import.meta.dirname` and `node --test-timeout`. Checked first,
/// so an old Node fails here, by name, rather than deep in the tests.
fn node_version() -> Result {
    const NEEDED: &str = "20.19 or later in 20.x, or 22.12 or later";
    const HOW: &str =
        "install a current LTS from NodeSource (https://github.com/nodesource/distributions) \
         or with nvm (`nvm install --lts`)";
    let found = output("node", &["--version"])
        .map_err(|e| format!("Node.js {NEEDED} is needed; {HOW}.\n{e}"))?;
    let found = found.trim();
    let mut parts = found
        .trim_start_matches('v')
        .split('.')
        .map(str::parse::<u32>);
    let supported = match (parts.next(), parts.next()) {
        (Some(Ok(major)), Some(Ok(minor))) => {
            matches!((major, minor), (20, 19..) | (22, 12..) | (23.., _))
        }
        _ => false,
    };
    if supported {
        Ok(())
    } else {
        Err(format!(
            "Node.js {found} is not supported: the tests need {NEEDED}; {HOW}"
        ))
    }
}

/// `npm ci` when node_modules does not match package-lock.json (and package.json). Install
/// scripts run only for the packages that package.json's `allowScripts` approves by name
/// (`true`); every other package's are skipped, whatever npm's own default.
/// True if it installed.
fn npm_tools() -> Result<bool> {
    let read =
        |name: &str| fs::read(root().join(name)).map_err(|e| format!("cannot read {name}: {e}"));
    let (lock, manifest) = (read("package-lock.json")?, read("package.json")?);
    let stamp_file = root().join("node_modules/.xtask-lock-hash");
    let stamp = format!("{:016x}", fnv1a(&[lock, manifest.clone()].concat()));
    if fs::read_to_string(&stamp_file).is_ok_and(|s| s == stamp) {
        return Ok(false);
    }
    println!("setup: installing the npm dev tools (npm ci, install scripts off)");
    run(command(
        "npm",
        &["ci", "--ignore-scripts", "--no-audit", "--no-fund"],
    ))?;
    let manifest: serde_json::Value = serde_json::from_slice(&manifest)
        .map_err(|e| format!("package.json is not valid JSON: {e}"))?;
    let approved: Vec<&str> = manifest["allowScripts"]
        .as_object()
        .map(|scripts| {
            scripts
                .iter()
                .filter(|(_, allowed)| allowed.as_bool() == Some(true))
                .map(|(name, _)| name.as_str())
                .collect()
        })
        .unwrap_or_default();
    if !approved.is_empty() {
        println!(
            "setup: running the install scripts of {}",
            approved.join(", ")
        );
        let mut args = vec!["rebuild"];
        args.extend(&approved);
        run(command("npm", &args))?;
    }
    fs::write(&stamp_file, stamp)
        .map_err(|e| format!("cannot write {}: {e}", stamp_file.display()))?;
    Ok(true)
}

/// Where `vendored_npm` unpacks a package.
pub fn vendored_dir(name: &str, version: &str) -> PathBuf {
    root()
        .join("target/vendor")
        .join(format!("{name}-{version}"))
}

/// `npm pack`s one package of VENDORED_NPM unless it is unpacked already, checks the tarball's
/// integrity against the pinned one, and unpacks it. True if it installed.
fn vendored_npm(name: &str, version: &str, integrity: &str) -> Result<bool> {
    let dir = vendored_dir(name, version);
    if dir.join("package.json").exists() {
        return Ok(false);
    }
    println!("setup: fetching {name} {version} (npm pack)");
    let downloads = root().join("target/vendor/downloads");
    create_dir(&downloads)?;
    let spec = format!("{name}@{version}");
    let destination = downloads.to_string_lossy().into_owned();
    let packed = output(
        "npm",
        &["pack", &spec, "--json", "--pack-destination", &destination],
    )?;
    let packed: serde_json::Value = serde_json::from_str(&packed)
        .map_err(|e| format!("npm pack {spec} printed no JSON: {e}"))?;
    let (found, file) = (&packed[0]["integrity"], &packed[0]["filename"]);
    if found.as_str() != Some(integrity) {
        return Err(format!(
            "{spec}: the tarball's integrity is {found}, not the pinned {integrity}"
        ));
    }
    let tarball = downloads.join(file.as_str().unwrap_or_default());
    let unpacking = root()
        .join("target/vendor")
        .join(format!("{name}-{version}.partial"));
    let _ = fs::remove_dir_all(&unpacking);
    create_dir(&unpacking)?;
    let mut tar = command("tar", &["-xzf"]);
    tar.arg(&tarball)
        .arg("--strip-components=1")
        .arg("-C")
        .arg(&unpacking);
    run(tar)?;
    fs::rename(&unpacking, &dir)
        .map_err(|e| format!("cannot move {} into place: {e}", unpacking.display()))?;
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
            .is_ok_and(|s| s.contains("install ok installed"));
    if present {
        return Ok(false);
    }
    println!("setup: installing {} with apt-get", APT_PACKAGES.join(", "));
    let sudo = !output("id", &["-u"]).is_ok_and(|id| id.trim() == "0");
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
