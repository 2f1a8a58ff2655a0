//! Compiles a checker content pack (a folder of TOML files, see `packs/README.md`) into static
//! Rust at build time, after validating it. No parser for the pack ships in the checker.
//!
//! `source` reads the files; `resolve` (with `ids`, `conditions`, `rules` and `texts`) turns
//! them into the model's types (`b12_model`); `graph` and `reachability` check the whole pack;
//! `codegen` writes it out; `digest` writes it as one page for reviewers.

mod codegen;
mod cond;
mod conditions;
mod digest;
mod error;
mod graph;
mod ids;
mod leak;
mod reachability;
mod resolve;
mod rules;
mod source;
mod texts;

pub use error::PackError;

use std::path::Path;

/// The generated Rust sources of a valid pack.
#[derive(Debug)]
pub struct Compiled {
    /// `PACK`, `TEXT_LAYOUT`, `LANGUAGES` and `UiText`.
    pub pack: String,
    /// `WITNESSES`: an answer set per rule under which it fires.
    pub witnesses: String,
    /// What a reviewer must still confirm: every reference with a `verify` note.
    pub warnings: Vec<PackError>,
}

/// Reads, validates and compiles the pack in `dir`. Errors name the file and the entry.
pub fn compile(dir: &Path) -> Result<Compiled, Vec<PackError>> {
    let resolved = resolve::resolve(dir).map_err(|e| e.0)?;
    let witnesses = check(&resolved)?;
    Ok(Compiled {
        pack: codegen::pack_source(&resolved, &dir.display().to_string())?,
        witnesses: codegen::witnesses_source(&witnesses),
        warnings: resolved.warnings,
    })
}

/// The reviewer's digest of the valid pack in `dir`: one Markdown page, in the default language.
pub fn digest(dir: &Path) -> Result<String, Vec<PackError>> {
    let resolved = resolve::resolve(dir).map_err(|e| e.0)?;
    check(&resolved)?;
    Ok(digest::digest(&resolved))
}

/// The checks that need the whole pack; on success, a witness answer set per rule.
fn check(resolved: &resolve::Resolved) -> Result<Vec<reachability::Witness>, Vec<PackError>> {
    let mut errors = error::Errors::default();
    graph::check(resolved, &mut errors);
    if !errors.is_empty() {
        // The search for witnesses assumes an acyclic pack.
        return Err(errors.0);
    }
    let witnesses = reachability::witnesses(resolved, &mut errors);
    if errors.is_empty() {
        Ok(witnesses)
    } else {
        Err(errors.0)
    }
}
