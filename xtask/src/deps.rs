//! `cargo xtask deps`: what each crate adds to the wasm, for docs/dependencies.md. Builds the
//! library as the page and the embed ship it (release, no default features), then adds up the
//! size of each function's code by the crate its (legacy-mangled) name starts with, from the
//! wasm's code and name sections. Data (texts, tables) and wasm-opt's later shrinking are not
//! attributed, so the figures are shares of the code, before optimisation.

use super::*;
use std::collections::BTreeMap;

pub fn deps() -> Result {
    run(command(
        "cargo",
        &[
            "build",
            "--lib",
            "--release",
            "--no-default-features",
            "--target",
            WASM_TARGET,
            "--quiet",
        ],
    ))?;
    let wasm =
        read(&cargo_target_dir()?.join(format!("{WASM_TARGET}/release/b12_cramp_check.wasm")))?;
    let module = Module::parse(&wasm).ok_or("cannot read the wasm's sections")?;
    let mut by_crate: BTreeMap<String, usize> = BTreeMap::new();
    for (index, size) in module.body_sizes.iter().enumerate() {
        let name = module
            .names
            .get(&(module.imported_functions + index))
            .map_or("(unnamed)", String::as_str);
        if let Some(crate_name) = crate_of(name) {
            *by_crate.entry(crate_name).or_default() += size;
        }
    }
    let total: usize = by_crate.values().sum();
    let mut rows: Vec<_> = by_crate.into_iter().collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    println!("{:<34} {:>9}  {:>6}", "crate", "code (B)", "share");
    for (name, size) in rows {
        println!(
            "{name:<34} {size:>9}  {:>5.1}%",
            size as f64 * 100.0 / total as f64
        );
    }
    println!("{:<34} {total:>9}", "total code, before wasm-opt");
    Ok(())
}

/// The crate of a function, from its mangled name: v0 (`_RNv...Cs<hash>_4core...` is core) or
/// legacy (`_ZN3yew10dom_bundle...` is yew). A trait method `<X as Trait>::f` counts for X's
/// crate when X is a path (`<yew::X as core::fmt::Debug>` is yew), otherwise for the trait's
/// (`<&T as core::fmt::Debug>`, `<u8 as ...>` are core). wasm-bindgen's own exports and shims
/// are grouped as such; its description functions are left out (the wasm-bindgen CLI removes
/// them).
fn crate_of(name: &str) -> Option<String> {
    if name.starts_with("__wbindgen_describe") {
        return None;
    }
    let crate_name = if let Some(rest) = name.strip_prefix("_R") {
        v0_crate(rest)?
    } else if let Some(rest) = name.strip_prefix("_ZN") {
        legacy_crate(rest)
    } else {
        "(wasm-bindgen exports and shims)".to_string()
    };
    // The runtime's shims (`__rustc`) belong with the standard library.
    Some(if crate_name == "__rustc" {
        "std".into()
    } else {
        crate_name
    })
}

/// The first crate root (`Cs<disambiguator>_<length><name>`) of a v0 symbol: the outermost
/// path's crate. An identifier starting with `_` or a digit has an extra `_` before it.
fn v0_crate(symbol: &str) -> Option<String> {
    let after = &symbol[symbol.find("Cs")? + 2..];
    let after = &after[after.find('_')? + 1..];
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let len: usize = digits.parse().ok()?;
    let rest = &after[digits.len()..];
    let rest = rest.strip_prefix('_').unwrap_or(rest);
    rest.get(..len).map(str::to_string)
}

/// The crate of a legacy symbol's first path segment, which is either a crate or a
/// `<Self as Trait>` / `<impl ...>` segment escaped with `$LT$`, `$u20$`, `..` and friends.
fn legacy_crate(symbol: &str) -> String {
    let digits: String = symbol.chars().take_while(char::is_ascii_digit).collect();
    let segment = digits
        .parse::<usize>()
        .ok()
        .and_then(|len| symbol.get(digits.len()..digits.len() + len))
        .unwrap_or(symbol);
    let segment = segment.trim_start_matches('_');
    let Some(inner) = segment.strip_prefix("$LT$") else {
        return segment.to_string();
    };
    let (self_type, trait_path) = match inner.split_once("$u20$as$u20$") {
        Some((self_type, trait_path)) => (self_type, Some(trait_path)),
        None => (inner, None),
    };
    path_crate(self_type)
        .or_else(|| trait_path.and_then(path_crate))
        .unwrap_or_else(|| "core".to_string())
}

/// The crate a (legacy-escaped) type or trait names, looking through references, pointers,
/// slices, `dyn`, `impl` and nested `<...>`; None for a primitive or a generic parameter.
fn path_crate(escaped: &str) -> Option<String> {
    const WRAPPERS: [&str; 8] = [
        "$LT$",
        "$RF$",
        "$BP$",
        "$u5b$",
        "mut$u20$",
        "const$u20$",
        "dyn$u20$",
        "impl$u20$",
    ];
    let mut text = escaped;
    // Wrappers nest in any order: `&mut [T]`, `<&dyn ...`.
    while let Some(stripped) = WRAPPERS.iter().find_map(|w| text.strip_prefix(w)) {
        text = stripped;
    }
    let (first, more) = text.split_once("..")?;
    let is_path = first.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (is_path && !more.is_empty()).then(|| first.to_string())
}

/// The parts of a wasm module this needs: how many functions are imported, the size of each
/// defined function's body, and the function names.
struct Module {
    imported_functions: usize,
    body_sizes: Vec<usize>,
    names: BTreeMap<usize, String>,
}

impl Module {
    fn parse(wasm: &[u8]) -> Option<Module> {
        let mut module = Module {
            imported_functions: 0,
            body_sizes: Vec::new(),
            names: BTreeMap::new(),
        };
        let mut at = 8;
        while at < wasm.len() {
            let id = wasm[at];
            let (size, n) = leb(wasm, at + 1)?;
            let start = at + 1 + n;
            let section = wasm.get(start..start + size)?;
            match id {
                2 => module.imported_functions = imported_functions(section)?,
                10 => module.body_sizes = body_sizes(section)?,
                0 => {
                    if let Some(names) = function_names(section) {
                        module.names = names;
                    }
                }
                _ => {}
            }
            at = start + size;
        }
        Some(module)
    }
}

fn imported_functions(section: &[u8]) -> Option<usize> {
    let (count, mut at) = leb(section, 0)?;
    let mut functions = 0;
    for _ in 0..count {
        for _ in 0..2 {
            let (len, n) = leb(section, at)?;
            at += n + len;
        }
        let kind = *section.get(at)?;
        at += 1;
        match kind {
            0 => {
                functions += 1;
                at += leb(section, at)?.1;
            }
            1 => {
                // A table: its element type, then limits.
                at += 1;
                at = skip_limits(section, at)?;
            }
            2 => at = skip_limits(section, at)?,
            3 => at += 2,
            _ => at += leb(section, at)?.1,
        }
    }
    Some(functions)
}

fn skip_limits(section: &[u8], at: usize) -> Option<usize> {
    let flags = *section.get(at)?;
    let mut at = at + 1 + leb(section, at + 1)?.1;
    if flags & 1 != 0 {
        at += leb(section, at)?.1;
    }
    Some(at)
}

fn body_sizes(section: &[u8]) -> Option<Vec<usize>> {
    let (count, mut at) = leb(section, 0)?;
    let mut sizes = Vec::with_capacity(count);
    for _ in 0..count {
        let (size, n) = leb(section, at)?;
        sizes.push(size);
        at += n + size;
    }
    Some(sizes)
}

/// The function names of a custom "name" section (subsection 1); None for other sections.
fn function_names(section: &[u8]) -> Option<BTreeMap<usize, String>> {
    let (len, n) = leb(section, 0)?;
    if section.get(n..n + len)? != b"name" {
        return None;
    }
    let mut at = n + len;
    while at < section.len() {
        let kind = section[at];
        let (size, n) = leb(section, at + 1)?;
        let body = section.get(at + 1 + n..at + 1 + n + size)?;
        if kind == 1 {
            let (count, mut p) = leb(body, 0)?;
            let mut names = BTreeMap::new();
            for _ in 0..count {
                let (index, a) = leb(body, p)?;
                let (len, b) = leb(body, p + a)?;
                let start = p + a + b;
                names.insert(
                    index,
                    String::from_utf8_lossy(body.get(start..start + len)?).into_owned(),
                );
                p = start + len;
            }
            return Some(names);
        }
        at += 1 + n + size;
    }
    None
}

/// An unsigned LEB128 number at `at`, and how many bytes it took.
fn leb(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for (i, &b) in bytes.get(at..)?.iter().enumerate().take(10) {
        value |= usize::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_come_from_mangled_names() {
        let of = |name| crate_of(name).unwrap_or_default();
        assert_eq!(of("_ZN3yew10dom_bundle4btag17h0123456789abcdefE"), "yew");
        assert_eq!(
            of("_ZN60_$LT$yew..X$u20$as$u20$core..fmt..Debug$GT$3fmt17h0123456789abcdefE"),
            "yew"
        );
        assert_eq!(
            of("_RNvNtNtCsgXGp5Oqx2Ny_4core9panicking11panic_const"),
            "core"
        );
        assert_eq!(of("_RNvCsfLfy6EI15iL_7___rustc14___rust_realloc"), "std");
        assert_eq!(
            of("_ZN44_$LT$$RF$T$u20$as$u20$core..fmt..Display$GT$3fmt17h0123E"),
            "core"
        );
        assert_eq!(
            of("_ZN57_$LT$$RF$mut$u20$$u5b$alloc..X$u5d$$u20$as$u20$yew..Y$GT$1fE"),
            "alloc"
        );
        assert_eq!(of("_ZN31_$LT$u8$u20$as$u20$serde..Z$GT$1fE"), "serde");
        assert_eq!(
            of("widget_refresh_e3ffc125"),
            "(wasm-bindgen exports and shims)"
        );
        assert_eq!(crate_of("__wbindgen_describe_x"), None);
        assert_eq!(leb(&[0xe5, 0x8e, 0x26], 0), Some((624_485, 3)));
    }
}
