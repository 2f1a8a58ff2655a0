//! The reviewer's digest in `docs/pack-digest.md` is the shipped pack as it is now.

use std::fs;
use std::path::Path;

#[test]
fn the_digest_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let digest = b12_pack_compiler::digest(&root.join("packs/b12-cramps"))
        .unwrap_or_else(|errors| panic!("the pack is not valid: {errors:?}"));
    let written = fs::read_to_string(root.join("docs/pack-digest.md")).unwrap_or_default();
    assert!(
        written == digest,
        "docs/pack-digest.md is out of date: run `cargo xtask digest` and commit it"
    );
    for part in [
        "## Result levels",
        "## Questions",
        "## Red flags",
        "## Outcomes",
        "## Sources",
    ] {
        assert!(digest.contains(part), "the digest has {part}");
    }
}
