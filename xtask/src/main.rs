//! Project tasks: `cargo xtask setup | test | serve | dist | assemble | bench | deps | digest | fuzz`.
//!
//! `setup` installs what is missing, idempotently and quietly when everything is present;
//! `test`, `serve`, `dist`, `bench` and `deps` run it first, so a fresh machine needs only
//! `cargo xtask serve` or `cargo xtask test`. The others do not: `assemble` is trunk's hook, run
//! by a build one of those started; `digest` needs only cargo; `fuzz` installs its own tools.
//! Every failure stops the task with a non-zero exit; nothing is hidden.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const DEFAULT_PORT: &str = "8080";

const USAGE: &str = "usage: cargo xtask <command>
  setup            install the tools the project needs (only what is missing)
  test             setup, then every check and test
  serve [--port N] setup, then build and serve the standalone page on http://127.0.0.1:N
                   (8080 by default)
  dist             setup, then write the release build to dist/ and print its sizes, SRI hashes
                   and the npm package's files (dist/npm/)
  assemble         (trunk's post-build hook) write the embed, the npm package, the offline file,
                   the service worker and the frame page from trunk's staged files
  bench            setup, then the embed beside SurveyJS and LHC-Forms in Chromium and the
                   engine's evaluations per second; writes docs/performance.md's table
  deps             what each crate adds to the wasm's code (for docs/dependencies.md)
  digest           write docs/pack-digest.md, the content pack as one page for reviewers
  fuzz [--seconds N]
                   coverage-guided fuzzing of the readers of outside input, N seconds a target
                   (60 by default); not part of test";

mod assemble;
mod bench;
mod deps;
mod frame;
mod fuzz;
mod npm;
mod setup;
mod tasks;

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let task = match args.first().map(String::as_str) {
        Some("setup") => setup::setup(),
        Some("test") => setup::setup().and_then(|()| tasks::test()),
        Some("serve") => {
            port(&args[1..]).and_then(|port| setup::setup().and_then(|()| tasks::serve(&port)))
        }
        Some("dist") => setup::setup().and_then(|()| tasks::dist()),
        Some("assemble") => assemble::assemble(),
        Some("fuzz") => fuzz::fuzz(&args[1..]),
        Some("bench") => setup::setup().and_then(|()| bench::bench()),
        Some("deps") => setup::setup().and_then(|()| deps::deps()),
        Some("digest") => tasks::digest(),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
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

/// The workspace as `cargo metadata` describes it (without dependencies).
fn cargo_metadata() -> Result<serde_json::Value> {
    let json = output("cargo", &["metadata", "--format-version", "1", "--no-deps"])?;
    serde_json::from_str(&json).map_err(|e| format!("cargo metadata's output is not JSON: {e}"))
}

/// Where cargo writes what it builds, however it is set (`CARGO_TARGET_DIR`, a config's
/// `build.target-dir`), as cargo reports it.
fn cargo_target_dir() -> Result<PathBuf> {
    cargo_metadata()?["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "cargo metadata names no target directory".to_string())
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

/// Node running one of xtask's own scripts (xtask/js/): JavaScript lives in .mjs files, where
/// Biome checks it, never in Rust strings.
fn node_script(script: &str) -> Command {
    let mut command = command("node", &[]);
    command.arg(root().join("xtask/js").join(script));
    command
}

/// A command as one would type it: the program and its arguments, quoted where they hold spaces
/// (its `Debug` form also prints the working folder and the whole PATH).
fn command_line(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| {
            let part = part.to_string_lossy();
            if part.contains(char::is_whitespace) {
                format!("{part:?}")
            } else {
                part.into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a command with its output shown; fails with the command line when it fails.
fn run(mut command: Command) -> Result {
    let shown = command_line(&command);
    let status = command
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// The command's standard output; when it cannot run or fails, an error with the command line
/// and the end of its standard error, which says why.
fn output(program: &str, args: &[&str]) -> Result<String> {
    let mut command = command(program, args);
    let shown = command_line(&command);
    let out = command
        .output()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        Err(format!(
            "{shown} failed ({}):\n{}",
            out.status,
            last_lines(stderr.trim(), 20)
        ))
    }
}

fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A failed command is named as typed, with the end of its standard error, without the
    /// environment `Command`'s `Debug` prints (the whole PATH).
    #[test]
    fn a_failed_command_names_its_line_and_its_error() {
        let error = output("sh", &["-c", "echo why >&2; exit 3"]).unwrap_err();
        assert!(
            error.starts_with(r#"sh -c "echo why >&2; exit 3" failed"#),
            "{error}"
        );
        assert!(error.ends_with("\nwhy"), "{error}");
        assert!(!error.contains("PATH"), "{error}");
    }

    /// The folder cargo reports is where it built this very test.
    #[test]
    fn the_target_directory_is_where_cargo_builds() {
        let dir = cargo_target_dir().unwrap();
        let this_test = env::current_exe().unwrap();
        assert!(
            this_test.starts_with(&dir),
            "{} in {}",
            this_test.display(),
            dir.display()
        );
    }
}
