//! Replays the fuzzers' corpus of interesting inputs (`fuzz/corpus/<target>/`, grown by
//! `cargo xtask fuzz`) through the same checks, in every test run: a fix that breaks one of
//! them, or an input a fuzzer once found, fails here without running a fuzzer. Prints how many
//! inputs it replayed.

use b12_cramp_check::robustness;
use std::fs;
use std::path::Path;

#[test]
fn every_corpus_input_passes_its_check() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut counts = Vec::new();
    for (target, check) in robustness::TARGETS {
        let dir = corpus.join(target);
        let mut inputs: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("a corpus entry").path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "{target} has a corpus");
        for input in &inputs {
            let data = fs::read(input).expect("a corpus file");
            let replay = std::panic::catch_unwind(|| check(&data));
            assert!(
                replay.is_ok(),
                "{target}: {} fails its check",
                input.display()
            );
        }
        counts.push(format!("{target} {}", inputs.len()));
    }
    println!("fuzz corpus: replayed {}", counts.join(", "));
}

/// The fuzz targets (their files, and fuzz/Cargo.toml's binaries, which `cargo xtask fuzz`
/// runs) are the checks this replays, no more and no fewer.
#[test]
fn every_fuzz_target_is_a_check_replayed_here() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files: Vec<String> = fs::read_dir(fuzz.join("fuzz_targets"))
        .expect("fuzz/fuzz_targets")
        .map(|entry| entry.expect("an entry").path())
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_string()))
        .collect();
    let manifest = fs::read_to_string(fuzz.join("Cargo.toml")).expect("fuzz/Cargo.toml");
    let mut binaries: Vec<String> = manifest
        .lines()
        .filter_map(|line| line.strip_prefix("name = \""))
        .map(|name| name.trim_end_matches('"').to_string())
        .filter(|name| name != "b12-cramp-check-fuzz")
        .collect();
    let mut checks: Vec<String> = robustness::TARGETS
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    for list in [&mut files, &mut binaries, &mut checks] {
        list.sort();
    }
    assert_eq!(files, checks, "fuzz/fuzz_targets/");
    assert_eq!(binaries, checks, "fuzz/Cargo.toml");
}
