//! Packs the compiler must refuse, each made by changing one line of the real pack in a copy.

use std::path::{Path, PathBuf};

/// A copy of the real pack with `from` replaced by `to` in `file`.
fn changed_pack(name: &str, file: &str, from: &str, to: &str) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../packs/b12-cramps");
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    copy_dir(&source, &copy);
    let path = copy.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    copy
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("read the pack") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn the_real_pack_compiles() {
    let copy = changed_pack("unchanged", "pack.toml", "version", "version");
    assert!(b12_pack_compiler::compile(&copy).is_ok());
}

#[test]
fn a_show_if_with_not_is_refused() {
    // Answering another question could then hide an answered one, which the questionnaire's
    // check that nothing unanswered could make a result more urgent does not foresee.
    let copy = changed_pack(
        "show-if-not",
        "questions.toml",
        "show_if = \"q_other_meds has statin\"",
        "show_if = \"not q_other_meds has none\"",
    );
    let Err(errors) = b12_pack_compiler::compile(&copy) else {
        panic!("a show_if with \"not\" compiled");
    };
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("q_statin_muscle") && m.contains("show_if may not use \"not\"")),
        "{messages:?}"
    );
}
