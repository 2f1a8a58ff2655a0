//! Replays the fuzzers' corpus of interesting inputs (`fuzz/corpus/<target>/`, grown by
//! `cargo xtask fuzz`) through the same checks, in every test run: a fix that breaks one of
//! them, or an input a fuzzer once found, fails here without running a fuzzer. Prints how many
//! inputs it replayed.

use b12_cramp_check::robustness;
use std::fs;
use std::path::Path;

/// One fuzz target's check: panics (fails) on an input the checker mishandles.
type Check = fn(&[u8]);

#[test]
fn every_corpus_input_passes_its_check() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let targets: [(&str, Check); 5] = [
        ("answers_json", robustness::answers_json),
        ("answers_object", robustness::answers_object),
        ("share_code", robustness::share_code),
        ("attributes", robustness::attributes),
        ("fhir_response", robustness::fhir_response),
    ];
    let mut counts = Vec::new();
    for (target, check) in targets {
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
