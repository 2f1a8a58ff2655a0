//! `cargo xtask bench`: the embed beside SurveyJS and LHC-Forms in one Chromium
//! (xtask/js/bench.mjs), and the native engine's evaluations per second
//! (examples/engine_speed.rs). Prints figures and writes them into docs/performance.md; it
//! asserts no speed (timing is not a test).

use super::*;

/// The path every questionnaire answers: the longest, through every step to a B12 result.
const PATH: &str = "tests/answers/b12-metformin-tingling.json";

pub fn bench() -> Result {
    run(command("cargo", &["fetch", "--quiet"]))?;
    run(command("trunk", &["build", "--release", "--offline"]))?;
    run(command(
        "cargo",
        &["build", "--release", "--bin", "cramp-check", "--quiet"],
    ))?;
    let exported = command(
        &cargo_target_dir()?
            .join("release/cramp-check")
            .to_string_lossy(),
        &["fhir", "questionnaire"],
    )
    .output()
    .map_err(|e| format!("cannot run cramp-check: {e}"))?;
    if !exported.status.success() {
        return Err(format!(
            "cramp-check fhir questionnaire failed: {}",
            String::from_utf8_lossy(&exported.stderr)
        ));
    }
    let dir = root().join("target/bench");
    create_dir(&dir)?;
    let questionnaire = dir.join("questionnaire.json");
    write(&questionnaire, &exported.stdout)?;

    println!("bench: the native engine");
    let engine = output(
        "cargo",
        &["run", "--quiet", "--release", "--example", "engine_speed"],
    )
    .map_err(|e| format!("the engine benchmark (examples/engine_speed.rs): {e}"))?;
    let engine = engine.trim().trim_start_matches("engine: ").to_string();
    println!("{engine}");

    let (name, version, _) = setup::VENDORED_NPM[0];
    let mut browsers = node_script("bench.mjs");
    browsers
        .arg("--questionnaire")
        .arg(&questionnaire)
        .arg("--answers")
        .arg(root().join(PATH))
        .arg("--lforms")
        .arg(setup::vendored_dir(name, version))
        .arg("--engine")
        .arg(&engine)
        .env(
            "CHROMIUM_VERSION",
            output("/usr/bin/chromium", &["--version"])
                .unwrap_or_default()
                .trim(),
        );
    run(browsers)
}
