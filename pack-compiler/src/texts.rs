//! Reads `texts/<language>.toml`. The keys every language must have follow from the pack's
//! structure (questions, options, rules, advice...), plus the `[ui]` keys of the default
//! language. A missing, empty or unknown key is an error, so a new language is complete data
//! or it does not build.

use crate::error::Errors;
use crate::leak;
use crate::source::{parse_toml, TEXTS_DIR};
use b12_model::{Pack, Section, SEPARATOR};
use std::collections::HashSet;
use std::fs;
use std::path::Path;
use toml::{Table, Value};

/// Placeholders the interface fills in itself: "Step {step} of {total}", a factor's name, a
/// question that appeared, a number to call.
const UI_PLACEHOLDERS: [&str; 9] = [
    "step", "total", "factor", "date", "day", "month", "year", "question", "number",
];

/// The `[ui]` key holding the twelve month names, separated by spaces, for the printed date
/// (the checker writes dates itself: the browser's locale data takes long to load).
const MONTHS_KEY: &str = "months";

/// Region keys ending so hold the numbers to dial (`tel:` links): digits, several separated by
/// spaces, or nothing where the region has no such line.
const DIAL_SUFFIX: &str = "_dial";

/// The region keys the checker reads by name (`src/outline.rs`: the numbers of an emergency
/// result's and a same-day result's `tel:` links): every region of every language defines them,
/// whatever the first region lists.
const REQUIRED_REGION_KEYS: [&str; 2] = [EMERGENCY_DIAL, "same_day_dial"];
const EMERGENCY_DIAL: &str = "emergency_dial";

/// The words a `[ui]` key may not be: it becomes the name of a method of the generated
/// `UiText`. Rust's strict and reserved keywords (2024 edition included).
const RUST_KEYWORDS: [&str; 51] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
    "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro", "override",
    "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// A language's `[ui]` table, key and text in the default language's key order; the checker
/// names each key in its generated `UiText`.
pub struct UiTable(pub Vec<(String, &'static str)>);

pub struct QuestionText {
    pub text: &'static str,
    pub help: &'static str,
    pub options: &'static [&'static str],
}

pub struct LevelText {
    pub heading: &'static str,
    pub action: &'static str,
}

pub struct FactorText {
    pub name: &'static str,
    pub looks_like: &'static str,
}

/// Every reader-facing text of one language, indexed like the pack's tables, as the digest
/// reads them; `codegen` lays them out as the checker's compact `Texts`.
pub struct Texts {
    pub code: &'static str,
    pub name: &'static str,
    pub questions: &'static [QuestionText],
    pub steps: &'static [&'static str],
    pub levels: &'static [LevelText],
    pub factors: &'static [FactorText],
    pub red_flags: &'static [&'static str],
    pub signals: &'static [&'static str],
    pub outcomes: &'static [&'static str],
    pub advice: &'static [&'static str],
    pub sections: &'static [&'static str],
    pub region_keys: &'static [&'static str],
    pub regions: &'static [&'static [&'static str]],
    pub ui: UiTable,
}

/// Every language of the pack, the default one first.
pub fn read_languages(
    dir: &Path,
    default_language: &str,
    pack: &Pack,
    errors: &mut Errors,
) -> Vec<Texts> {
    let mut languages = Vec::new();
    let texts_dir = dir.join(TEXTS_DIR);
    let mut files: Vec<_> = match fs::read_dir(&texts_dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            errors.push(
                &texts_dir.display().to_string(),
                "",
                format!("cannot read the folder: {e}"),
            );
            return languages;
        }
    };
    files.sort();
    // The default language comes first: it defines the [ui] keys.
    files.sort_by_key(|p| p.file_stem().is_none_or(|s| s != default_language));
    let starts_with_default = files
        .first()
        .and_then(|p| p.file_stem())
        .is_some_and(|s| s == default_language);
    if !starts_with_default {
        errors.push(
            &texts_dir.display().to_string(),
            "",
            format!("no texts file for the default language \"{default_language}\""),
        );
        return languages;
    }

    let mut ui_keys: Vec<String> = Vec::new();
    let mut region_keys: &'static [&'static str] = &[];
    // The default language's table: every language dials the same numbers.
    let mut default_table: Option<Table> = None;
    for path in files {
        let file = path.display().to_string();
        let code = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(source) = fs::read_to_string(&path) else {
            errors.push(&file, "", "cannot read the file");
            continue;
        };
        let Some(table) = parse_toml::<Table>(&source, &file, errors) else {
            continue;
        };
        if default_table.is_none() {
            ui_keys = table
                .get("ui")
                .and_then(Value::as_table)
                .map(|t| t.keys().cloned().collect())
                .unwrap_or_default();
            for key in ui_keys.iter().filter(|k| !is_method_name(k)) {
                errors.push(
                    &file,
                    format!("ui.{key}"),
                    "each [ui] key becomes a method name in the checker (UiText): lower-case letters, digits and _, starting with a letter, and not a Rust keyword (type, fn, move...)",
                );
            }
            // The default language's first region defines the placeholders every region fills.
            let mut keys: Vec<&'static str> = pack
                .regions
                .first()
                .and_then(|first| table.get("regions")?.get(*first)?.as_table())
                .map(|t| t.keys().map(leak::text).collect())
                .unwrap_or_default();
            if keys.is_empty() {
                let first = pack.regions.first().copied().unwrap_or("");
                errors.push(&file, format!("regions.{first}"), "missing: the first region's table defines the region placeholders ({emergency_number}...)");
            }
            for required in REQUIRED_REGION_KEYS {
                if !keys.contains(&required) {
                    keys.push(required);
                }
            }
            region_keys = leak::list(keys);
            default_table = Some(table.clone());
        }
        let mut reader = Reader {
            file: &file,
            root: &table,
            used: HashSet::new(),
            region_keys,
            errors,
        };
        let language = read_language(&mut reader, &code, pack, &ui_keys);
        reader.report_unknown_keys();
        if let Some(default) = default_table.as_ref().filter(|_| !languages.is_empty()) {
            same_numbers_to_dial(
                &file,
                &table,
                default,
                default_language,
                pack,
                region_keys,
                errors,
            );
        }
        languages.push(language);
    }
    languages
}

/// A `_dial` value in another language must dial what the default language's does: the
/// numbers to call belong to the region, not to the language.
fn same_numbers_to_dial(
    file: &str,
    table: &Table,
    default: &Table,
    default_language: &str,
    pack: &Pack,
    region_keys: &[&str],
    errors: &mut Errors,
) {
    let dial = |root: &Table, region: &str, key: &str| {
        numbers_to_dial(root.get("regions")?.get(region)?.get(key)?).ok()
    };
    for region in pack.regions {
        for key in region_keys.iter().filter(|k| k.ends_with(DIAL_SUFFIX)) {
            // A missing or malformed value is reported where it is read.
            let (Some(here), Some(there)) = (dial(table, region, key), dial(default, region, key))
            else {
                continue;
            };
            if here != there {
                errors.push(
                    file,
                    format!("regions.{region}.{key}"),
                    format!(
                        "numbers to dial \"{here}\" differ from \"{there}\" in {default_language}.toml: every language dials the same numbers for a region"
                    ),
                );
            }
        }
    }
}

const MISSING_DIAL: &str = "missing: numbers to dial in quotes (\"\" for none)";

/// A `_dial` value: digits, several separated by spaces (one space apart once read), or none.
fn numbers_to_dial(value: &Value) -> Result<String, &'static str> {
    match value {
        Value::String(s)
            if s.split_whitespace()
                .all(|n| n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            Ok(s.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        Value::String(_) => {
            Err("numbers to dial: digits only, separated by spaces (or \"\" for none)")
        }
        _ => Err(MISSING_DIAL),
    }
}

/// Whether a `[ui]` key can name a generated method: `[a-z][a-z0-9_]*`, not a Rust keyword.
fn is_method_name(key: &str) -> bool {
    key.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !RUST_KEYWORDS.contains(&key)
}

fn read_language(r: &mut Reader, code: &str, pack: &Pack, ui_keys: &[String]) -> Texts {
    let texts = |r: &mut Reader, ids: &mut dyn Iterator<Item = &str>, table: &str| {
        leak::list(ids.map(|id| r.text(&[table, id])).collect())
    };
    Texts {
        code: leak::text(code),
        name: r.text(&["meta", "name"]),
        questions: leak::list(
            pack.questions
                .iter()
                .map(|q| QuestionText {
                    text: r.text(&["questions", q.id, "text"]),
                    help: r.text(&["questions", q.id, "help"]),
                    options: leak::list(
                        q.options
                            .iter()
                            .map(|o| r.text(&["questions", q.id, "options", o]))
                            .collect(),
                    ),
                })
                .collect(),
        ),
        steps: texts(r, &mut pack.steps.iter().map(|s| s.id), "steps"),
        levels: leak::list(
            pack.levels
                .iter()
                .map(|l| LevelText {
                    heading: r.text(&["levels", l.id, "heading"]),
                    action: r.text(&["levels", l.id, "action"]),
                })
                .collect(),
        ),
        factors: leak::list(
            pack.factors
                .iter()
                .map(|f| FactorText {
                    name: r.text(&["factors", f.id, "name"]),
                    looks_like: r.text(&["factors", f.id, "looks_like"]),
                })
                .collect(),
        ),
        red_flags: texts(r, &mut pack.red_flags.iter().map(|f| f.id), "red_flags"),
        signals: leak::list(
            pack.signals
                .iter()
                .map(|s| {
                    if s.internal {
                        ""
                    } else {
                        r.text(&["signals", s.id])
                    }
                })
                .collect(),
        ),
        outcomes: leak::list(
            pack.outcomes
                .iter()
                .map(|o| r.text(&["outcomes", o.id, "why"]))
                .collect(),
        ),
        advice: texts(r, &mut pack.advice.iter().map(|a| a.id), "advice"),
        sections: texts(r, &mut Section::ALL.iter().map(|s| s.id()), "sections"),
        region_keys: r.region_keys,
        regions: leak::list(
            pack.regions
                .iter()
                .map(|region| {
                    leak::list(
                        r.region_keys
                            .iter()
                            .map(|k| r.region_word(region, k))
                            .collect(),
                    )
                })
                .collect(),
        ),
        ui: UiTable(
            ui_keys
                .iter()
                .map(|k| {
                    let text = r.text(&["ui", k]);
                    if k == MONTHS_KEY && text.split(' ').count() != 12 {
                        r.errors.push(
                            r.file,
                            format!("ui.{k}"),
                            "expected twelve month names, separated by single spaces",
                        );
                    }
                    (k.clone(), text)
                })
                .collect(),
        ),
    }
}

struct Reader<'a> {
    file: &'a str,
    root: &'a Table,
    used: HashSet<String>,
    region_keys: &'static [&'static str],
    errors: &'a mut Errors,
}

impl Reader<'_> {
    /// A reader-facing text; it may use the region placeholders, and an interface text (`[ui]`)
    /// also those the interface fills in itself.
    fn text(&mut self, path: &[&str]) -> &'static str {
        let text = self.plain_text(path);
        let in_ui = path.first() == Some(&"ui");
        let known = |ui: bool| {
            self.region_keys
                .iter()
                .copied()
                .chain(UI_PLACEHOLDERS.into_iter().filter(|_| ui))
                .map(|k| format!("{{{k}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for name in placeholders(text) {
            if self.region_keys.contains(&name) || in_ui && UI_PLACEHOLDERS.contains(&name) {
                continue;
            }
            let message = if UI_PLACEHOLDERS.contains(&name) {
                format!(
                    "placeholder {{{name}}} is filled in only in the interface's words ([ui]); here only the region's are (known: {})",
                    known(false)
                )
            } else {
                format!("unknown placeholder {{{name}}} (known: {})", known(in_ui))
            };
            self.errors.push(self.file, path.join("."), message);
        }
        text
    }

    /// A region's word for a placeholder; a `_dial` key's numbers are checked and may be none.
    fn region_word(&mut self, region: &str, key: &str) -> &'static str {
        let path = ["regions", region, key];
        if !key.ends_with(DIAL_SUFFIX) {
            return self.plain_text(&path);
        }
        let key_path = path.join(".");
        self.used.insert(key_path.clone());
        let value = self
            .root
            .get("regions")
            .and_then(|r| r.get(region))
            .and_then(|r| r.get(key));
        // Every region has an emergency number: an emergency result's first control calls it.
        let none_to_dial = |numbers: String| {
            if numbers.is_empty() && key == EMERGENCY_DIAL {
                Err("no number to dial: every region has an emergency number")
            } else {
                Ok(numbers)
            }
        };
        match value
            .map_or(Err(MISSING_DIAL), numbers_to_dial)
            .and_then(none_to_dial)
        {
            Ok(numbers) => leak::text(numbers),
            Err(problem) => {
                let problem = if REQUIRED_REGION_KEYS.contains(&key) && value.is_none() {
                    format!("{problem}: the checker reads {key} in every region")
                } else {
                    problem.to_string()
                };
                self.errors.push(self.file, key_path, problem);
                ""
            }
        }
    }

    fn plain_text(&mut self, path: &[&str]) -> &'static str {
        let key = path.join(".");
        self.used.insert(key.clone());
        let mut value = None;
        let mut table = Some(self.root);
        for (i, part) in path.iter().enumerate() {
            let Some(t) = table else { break };
            match t.get(*part) {
                Some(Value::Table(inner)) if i + 1 < path.len() => table = Some(inner),
                found if i + 1 == path.len() => value = found,
                _ => table = None,
            }
        }
        match value {
            Some(Value::String(s)) if s.contains(SEPARATOR) => {
                self.errors.push(
                    self.file,
                    key,
                    "contains the control character U+001F, which separates the compiled texts",
                );
                ""
            }
            Some(Value::String(s)) if !s.trim().is_empty() => leak::text(s.trim()),
            Some(Value::String(_)) => {
                self.errors.push(self.file, key, "the text is empty");
                ""
            }
            Some(_) => {
                self.errors.push(self.file, key, "must be a text in quotes");
                ""
            }
            None => {
                self.errors.push(self.file, key, "missing text");
                ""
            }
        }
    }

    fn report_unknown_keys(&mut self) {
        let mut leaves = Vec::new();
        collect_leaves(self.root, String::new(), &mut leaves);
        for key in leaves.into_iter().filter(|k| !self.used.contains(k)) {
            self.errors.push(
                self.file,
                key,
                "unknown key: nothing in the pack uses it (a typo, or a removed entry?)",
            );
        }
    }
}

fn collect_leaves(table: &Table, prefix: String, out: &mut Vec<String>) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Table(inner) => collect_leaves(inner, path, out),
            _ => out.push(path),
        }
    }
}

fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}
