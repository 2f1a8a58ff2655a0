//! `cargo xtask fuzz [--seconds N]`: coverage-guided fuzzing of every reader of outside input
//! (cargo-fuzz and libFuzzer, on the stable toolchain), separate from the default test run.
//! Each target runs for N seconds (60 by default) from the repository's corpus; inputs that
//! reach new code are merged back into `fuzz/corpus/<target>/` (commit them: `cargo xtask test`
//! replays the corpus), and a crash stops the run with the file that causes it.

use super::*;

const DEFAULT_SECONDS: u32 = 60;

pub fn fuzz(args: &[String]) -> Result {
    let seconds = match args {
        [] => DEFAULT_SECONDS,
        [flag, n] if flag == "--seconds" => n
            .parse()
            .map_err(|_| format!("--seconds takes a whole number, not {n:?}"))?,
        _ => return Err("fuzz takes only --seconds N".into()),
    };
    setup::fuzz_tools()?;
    let dir = root().join("fuzz");
    // Built first, with the compiler's output shown, so that a build error is reported as one;
    // `cargo fuzz run -O` then reuses the build.
    run(cargo_fuzz(&dir, &["build", "-O"]))?;
    // The targets as fuzz/Cargo.toml lists them (tests/fuzz_corpus.rs checks that each is a
    // check in `b12_cramp_check::robustness::TARGETS`).
    let listed = cargo_fuzz(&dir, &["list"])
        .output()
        .map_err(|e| format!("cannot run cargo fuzz list: {e}"))?;
    let text = String::from_utf8_lossy(&listed.stdout).into_owned();
    let targets: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    if !listed.status.success() || targets.is_empty() {
        return Err(format!(
            "cargo fuzz list failed or named no target:\n{}",
            String::from_utf8_lossy(&listed.stderr)
        ));
    }
    let mut rows = Vec::new();
    for target in targets {
        let corpus = dir.join("corpus").join(target);
        let scratch = dir.join("target/scratch-corpus").join(target);
        create_dir(&corpus)?;
        create_dir(&scratch)?;
        println!("\n== fuzz {target} for {seconds}s");
        let max_time = format!("-max_total_time={seconds}");
        let (scratch_arg, corpus_arg) = (scratch.to_string_lossy(), corpus.to_string_lossy());
        let report = fuzz_command(
            &dir,
            &[
                target,
                &scratch_arg,
                &corpus_arg,
                "--",
                &max_time,
                "-print_final_stats=1",
            ],
        )?;
        let stat = |name: &str| {
            report
                .lines()
                .find_map(|line| line.strip_prefix(&format!("stat::{name}:")))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        // Keep what reaches new code, and only that.
        let before = files_in(&corpus)?;
        fuzz_command(&dir, &[target, &corpus_arg, &scratch_arg, "--", "-merge=1"])?;
        rows.push(format!(
            "{target:<16} {seconds:>5}s {:>12} runs {:>8} runs/s  corpus {before} -> {} inputs, 0 crashes",
            stat("number_of_executed_units"),
            stat("average_exec_per_sec"),
            files_in(&corpus)?,
        ));
    }
    println!("\nFuzzing done, no crash:");
    for row in rows {
        println!("  {row}");
    }
    Ok(())
}

/// `cargo fuzz` with `args`, on the stable toolchain (cargo-fuzz asks for a few unstable
/// compiler flags; RUSTC_BOOTSTRAP allows them).
fn cargo_fuzz(dir: &Path, args: &[&str]) -> Command {
    let mut c = command("cargo", &["fuzz"]);
    c.args(args).current_dir(dir).env("RUSTC_BOOTSTRAP", "1");
    c
}

/// `cargo fuzz run -O` with `args`, its output (standard output and error) kept quiet and
/// returned; a failure is an error naming the input that causes it, when libFuzzer wrote one.
fn fuzz_command(dir: &Path, args: &[&str]) -> Result<String> {
    let mut run_args = vec!["run", "-O"];
    run_args.extend(args);
    let out = cargo_fuzz(dir, &run_args)
        .output()
        .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if !out.status.success() {
        let failure = match text
            .lines()
            .find(|line| line.contains("Test unit written to"))
        {
            Some(artifact) => format!("fuzzing {} found a failure: {artifact}", args[0]),
            None => format!(
                "cargo fuzz run {} failed, writing no failing input",
                args[0]
            ),
        };
        return Err(format!("{failure}\n{}", last_lines(&text, 40)));
    }
    Ok(text)
}

fn files_in(dir: &Path) -> Result<usize> {
    Ok(fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .count())
}
