//! Compiles a checker content pack (a folder of TOML files, see `packs/README.md`) into static
//! Rust at build time, after validating it. No parser for the pack ships in the checker.

mod checks;
mod codegen;
mod cond;
mod error;
mod ir;
mod resolve;
mod source;
mod texts;

pub use error::PackError;

use std::path::Path;

/// The generated Rust sources of a valid pack.
#[derive(Debug)]
pub struct Compiled {
    /// `PACK`, `LANGUAGES`, `UiText` and `DEFAULT_REGION`.
    pub pack: String,
    /// `WITNESSES`: an answer set per rule under which it fires.
    pub witnesses: String,
    /// Every reference that still carries a `verify` note for the reviewer.
    pub unverified_references: Vec<String>,
}

/// Reads, validates and compiles the pack in `dir`. Errors name the file and the entry.
pub fn compile(dir: &Path) -> Result<Compiled, Vec<PackError>> {
    let pack = resolve::resolve(dir).map_err(|e| e.0)?;
    let shown = |name: &str| dir.join(name).display().to_string();
    let files = checks::PackFiles {
        questions: shown(source::QUESTIONS_FILE),
        scoring: shown(source::SCORING_FILE),
        rules: shown(source::RULES_FILE),
        advice: shown(source::ADVICE_FILE),
    };
    let mut errors = error::Errors::default();
    let witnesses = checks::check(&pack, &files, &mut errors);
    if !errors.is_empty() {
        return Err(errors.0);
    }
    Ok(Compiled {
        pack: codegen::pack_source(&pack, &dir.display().to_string()),
        witnesses: codegen::witnesses_source(&witnesses),
        unverified_references: pack
            .references
            .iter()
            .filter_map(|r| r.verify.as_ref().map(|v| format!("{}: {v}", r.id)))
            .collect(),
    })
}
