//! Compiles the content pack (TOML under packs/) into static Rust, after validating it.
//! A broken pack stops the build with messages that name the file and the entry.
//! `B12_PACK_DIR` points the build at another pack folder (used by the broken-pack test).

use std::path::Path;
use std::{env, fs, process};

fn main() {
    let pack_dir = env::var("B12_PACK_DIR").unwrap_or_else(|_| "packs/b12-cramps".to_string());
    println!("cargo:rerun-if-env-changed=B12_PACK_DIR");
    println!("cargo:rerun-if-changed={pack_dir}");
    let compiled = match b12_pack_compiler::compile(Path::new(&pack_dir)) {
        Ok(compiled) => compiled,
        Err(errors) => {
            eprintln!(
                "error: the content pack in {pack_dir} is not valid ({} problem(s)):",
                errors.len()
            );
            for error in errors {
                eprintln!("  {error}");
            }
            process::exit(1);
        }
    };
    // What a reviewer must still confirm (a reference's `verify` note): a warning each build.
    for warning in &compiled.warnings {
        println!("cargo:warning={warning}");
    }
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let write = |name: &str, source: &str| {
        if let Err(e) = fs::write(Path::new(&out_dir).join(name), source) {
            eprintln!("error: cannot write {name}: {e}");
            process::exit(1);
        }
    };
    write("pack.rs", &compiled.pack);
    write("witnesses.rs", &compiled.witnesses);
}
