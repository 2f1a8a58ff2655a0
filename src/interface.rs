//! The `<b12-cramp-check>` element's public interface, declared once: its attributes (with their
//! values, defaults and descriptions), the complete event and its detail, its CSS parts and
//! custom properties. `cargo xtask assemble` generates from it the loader's observed attributes,
//! the npm package's Custom Elements Manifest, TypeScript declarations and reference tables; the
//! tests below check it against `settings`, the stylesheet (`www/widget.css`) and the interface's
//! `part=` names (`src/ui/`).
//!
//! The wasm uses only `COMPLETE_EVENT` and `Completion`; the declaration tables are referenced
//! by xtask alone, so the linker leaves their descriptions out of the wasm.

use crate::engine::RawAnswers;
use crate::json::{Json, ToJson};
use crate::pack::{LANGUAGES, PACK};
use crate::settings::{
    Theme, HEADING_LEVEL, HEADING_LEVELS, HISTORY, REGION, SHARE_ANSWERS, THEME,
};

/// The element's tag name.
pub const TAG: &str = "b12-cramp-check";
/// HTML's `lang`, which the element also reads (from itself or the nearest ancestor).
pub const LANG: &str = "lang";
/// Sent each time the reader reaches a result by their own action.
pub const COMPLETE_EVENT: &str = "b12-cramp-check:complete";

/// The complete event's `detail`, as the element sends it (`web::api`).
pub struct Completion {
    pub triage: &'static str,
    pub top_factor: &'static str,
    pub pack_version: &'static str,
    /// Health data: only when the host opted in with the share-answers attribute, in a visit
    /// that showed the intro, where the reader is told.
    pub answers: Option<RawAnswers>,
}

/// `{"triage":..,"topFactor":..,"packVersion":..,"answers":{..}}` (`COMPLETE_DETAIL`), the
/// answers absent unless shared.
impl ToJson for Completion {
    fn to_json<J: Json>(&self) -> J {
        let detail = J::object()
            .with("triage", J::string(self.triage))
            .with("topFactor", J::string(self.top_factor))
            .with("packVersion", J::string(self.pack_version));
        match &self.answers {
            Some(answers) => detail.with("answers", answers.to_json()),
            None => detail,
        }
    }
}

/// One attribute the element reads.
pub struct Attribute {
    pub name: &'static str,
    pub values: Values,
    /// The value that applies without the attribute, if it is a fixed one (the description
    /// says what applies otherwise).
    pub default: Option<&'static str>,
    pub description: &'static str,
}

/// What an attribute's value may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// A language tag whose language has texts in the pack, alone or with a country.
    LanguageTag,
    /// One of the pack's regions.
    Region,
    /// One of the colour themes.
    Theme,
    /// A heading level (`settings::HEADING_LEVELS`).
    HeadingLevel,
    /// The attribute's presence is the value.
    Presence,
}

impl Values {
    /// The values it takes, as ids (a language tag's primary languages; none for `Presence`).
    pub fn ids(self) -> Vec<String> {
        match self {
            Values::LanguageTag => LANGUAGES.iter().map(|t| t.code.to_string()).collect(),
            Values::Region => PACK.regions.iter().map(|r| r.to_string()).collect(),
            Values::Theme => Theme::ALL.map(|t| t.id().to_string()).to_vec(),
            Values::HeadingLevel => HEADING_LEVELS.map(|l| l.to_string()).collect(),
            Values::Presence => Vec::new(),
        }
    }
}

/// A field of the complete event's `detail`, with its type's name in the generated
/// declarations (`Triage`, `Factor` and `Answers` come from the pack).
pub struct DetailField {
    pub name: &'static str,
    pub type_name: &'static str,
    /// Present only sometimes (when the host opted in).
    pub optional: bool,
    pub description: &'static str,
}

/// A CSS part (`::part(name)`) or custom property (`--b12c-*`), with its default if it has one.
pub struct Styling {
    pub name: &'static str,
    pub default: &'static str,
    pub description: &'static str,
}

pub const ELEMENT_DESCRIPTION: &str = "A private, explained, non-diagnostic check: could vitamin \
    B12 deficiency be part of the picture for muscle cramps? It renders into a closed shadow \
    root; its children are the fallback, shown until it is ready and kept if it cannot run.";

pub const ATTRIBUTES: [Attribute; 6] = [
    Attribute {
        name: LANG,
        values: Values::LanguageTag,
        default: None,
        description: "The checker's language: en or es, or a tag with a country (en-GB, es-MX), \
            whose country also picks the region when region is absent (en-GB uk; en-US and \
            es-US us; es-ES and other EU countries eu; any other intl). Without it, the nearest \
            ancestor's lang applies, else en.",
    },
    Attribute {
        name: REGION,
        values: Values::Region,
        default: None,
        description: "The emergency number and the names of care services; wins over the \
            language's country. Without it, the lang tag's country picks it, else intl.",
    },
    Attribute {
        name: THEME,
        values: Values::Theme,
        default: Some("auto"),
        description: "Colours: auto follows the reader's system setting.",
    },
    Attribute {
        name: HEADING_LEVEL,
        values: Values::HeadingLevel,
        default: Some("2"),
        description: "The level of the checker's top heading, to fit the page's outline.",
    },
    Attribute {
        name: SHARE_ANSWERS,
        values: Values::Presence,
        default: None,
        description: "Shares health data: with it, the complete event carries the reader's \
            answers, and the checker tells the reader that this website receives them. The \
            answers go only in a visit that showed the intro, where the reader is told first. It \
            counts only if present when the checker starts on the element; \"false\" counts as \
            absent, and removed or set to \"false\", sharing stops for good.",
    },
    Attribute {
        name: HISTORY,
        values: Values::Presence,
        default: None,
        description: "For a page that is the checker: each screen becomes a browser history \
            entry (Back and Forward move one step, answers kept) and the page's title names the \
            step. Any script on the page can then read the answers' code (history.state) and \
            the result's heading (the title): use it only on a page with no other script, on \
            one checker per page, never in an article.",
    },
];

pub const COMPLETE_EVENT_DESCRIPTION: &str = "Sent (bubbling, composed) each time the reader \
    reaches a result by their own action in this visit; never for a result shown on arrival \
    (a share link, remembered answers). The result's level and top factor are health \
    information about the reader: keep them from analytics and third parties unless your \
    privacy notice covers health data.";

pub const COMPLETE_DETAIL: [DetailField; 4] = [
    DetailField {
        name: "triage",
        type_name: "Triage",
        optional: false,
        description: "How urgently to act: the engine's result level.",
    },
    DetailField {
        name: "topFactor",
        type_name: "Factor",
        optional: false,
        description: "What the answers point to most.",
    },
    DetailField {
        name: "packVersion",
        type_name: "string",
        optional: false,
        description: "The content pack's version.",
    },
    DetailField {
        name: "answers",
        type_name: "Answers",
        optional: true,
        description: "The reader's answers, only when the element has share-answers and this \
            visit showed the intro, where the reader is told.",
    },
];

pub const CSS_PARTS: [Styling; 5] = [
    Styling {
        name: "panel",
        default: "",
        description: "The checker's box, around everything it shows.",
    },
    Styling {
        name: "button",
        default: "",
        description: "Every button.",
    },
    Styling {
        name: "button-primary",
        default: "",
        description: "The button that moves on (Start, Next), also a button part.",
    },
    Styling {
        name: "banner",
        default: "",
        description: "The result's banner: what to do, in the result's colour.",
    },
    Styling {
        name: "progress",
        default: "",
        description: "The progress bar above each step.",
    },
];

/// Custom states (`:state(name)`), set by the loader (www/embed/loader.js).
pub const CSS_STATES: [Styling; 1] = [Styling {
    name: "started",
    default: "",
    description: "From the reader's first click in the checker on (a tap, or Enter or Space on a button). A host page may reserve \
        the first screen's height until then (`b12-cramp-check:not(:state(started))`), so that \
        nothing shifts while the checker loads; the reservation then ends with the reader's input.",
}];

/// A colour may be a `light-dark()` pair; the defaults are (for theme="auto").
pub const CSS_PROPERTIES: [Styling; 17] = [
    Styling {
        name: "--b12c-accent",
        default: "light-dark(#005eb8, #7cb8ff)",
        description: "Links, the primary button, the progress bar, the chosen option and the top \
            factor's bar.",
    },
    Styling {
        name: "--b12c-accent-text",
        default: "light-dark(#ffffff, #0b1b2b)",
        description: "Text on the accent colour (the primary button).",
    },
    Styling {
        name: "--b12c-text",
        default: "light-dark(#1d2329, #e8ecef)",
        description: "Text.",
    },
    Styling {
        name: "--b12c-muted",
        default: "light-dark(#4c5661, #b5bec7)",
        description: "Secondary text: hints, captions, the disclaimer.",
    },
    Styling {
        name: "--b12c-background",
        default: "light-dark(#ffffff, #15191d)",
        description: "The checker's background.",
    },
    Styling {
        name: "--b12c-surface",
        default: "light-dark(#f3f5f7, #20262c)",
        description: "Boxes within the checker: callouts, the chosen option, the chart's tracks.",
    },
    Styling {
        name: "--b12c-border",
        default: "light-dark(#b7c0c9, #56616c)",
        description: "Borders and rules.",
    },
    Styling {
        name: "--b12c-focus",
        default: "#ffbf47",
        description: "The focus ring.",
    },
    Styling {
        name: "--b12c-error",
        default: "light-dark(#b3261e, #ff8a80)",
        description: "Error messages and the error summary.",
    },
    Styling {
        name: "--b12c-emergency",
        default: "light-dark(#b3261e, #ff8a80)",
        description: "An emergency result and emergency callouts.",
    },
    Styling {
        name: "--b12c-emergency-text",
        default: "light-dark(#ffffff, #1d0b0a)",
        description: "Text on the emergency colour.",
    },
    Styling {
        name: "--b12c-urgent",
        default: "light-dark(#a35200, #ffb561)",
        description: "A same-day result and urgent callouts.",
    },
    Styling {
        name: "--b12c-appointment",
        default: "light-dark(#005eb8, #7cb8ff)",
        description: "A result that suggests an appointment.",
    },
    Styling {
        name: "--b12c-selfcare",
        default: "light-dark(#1e6b3a, #7ed69b)",
        description: "A self-care result.",
    },
    Styling {
        name: "--b12c-font",
        default:
            "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif",
        description: "The font family.",
    },
    Styling {
        name: "--b12c-font-size",
        default: "max(1rem, 16px)",
        description: "The base font size; every size in the checker follows it.",
    },
    Styling {
        name: "--b12c-radius",
        default: "8px",
        description: "The corner radius of buttons, options and boxes.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::RawValue;
    use crate::json::Tree;
    use std::collections::BTreeMap;
    use std::path::Path;

    #[test]
    fn the_attributes_are_lang_and_the_ones_the_settings_read() {
        let names: Vec<&str> = ATTRIBUTES.iter().map(|a| a.name).collect();
        assert_eq!(names[0], LANG);
        assert_eq!(names[1..], crate::settings::OWN_ATTRIBUTES);
        for attribute in &ATTRIBUTES {
            let ids = attribute.values.ids();
            assert_eq!(
                ids.is_empty(),
                attribute.values == Values::Presence,
                "{}",
                attribute.name
            );
        }
    }

    #[test]
    fn the_complete_event_detail_has_the_declared_fields_in_order() {
        let completion = |answers| Completion {
            triage: PACK.levels[0].id,
            top_factor: PACK.factors[0].id,
            pack_version: PACK.version,
            answers,
        };
        let field_names = |completion: Completion| -> Vec<String> {
            match completion.to_json::<Tree>() {
                Tree::Object(fields) => fields.into_iter().map(|(name, _)| name).collect(),
                other => panic!("not an object: {other:?}"),
            }
        };
        let declared: Vec<&str> = COMPLETE_DETAIL.iter().map(|f| f.name).collect();
        assert_eq!(
            field_names(completion(Some(RawAnswers::default()))),
            declared
        );
        let always: Vec<&str> = COMPLETE_DETAIL
            .iter()
            .filter(|f| !f.optional)
            .map(|f| f.name)
            .collect();
        assert_eq!(field_names(completion(None)), always);

        // The answers in the command line's shape (`cramp-check fhir answers`, an answers file).
        let answers = RawAnswers(vec![
            ("q_age".into(), RawValue::One("65_74".into())),
            ("q_neuro".into(), RawValue::Many(vec!["none".into()])),
        ]);
        assert_eq!(
            serde_json::to_string(&completion(Some(answers)).to_json::<Tree>()).unwrap(),
            format!(
                r#"{{"triage":"{}","topFactor":"{}","packVersion":"{}","answers":{{"q_age":"65_74","q_neuro":["none"]}}}}"#,
                PACK.levels[0].id, PACK.factors[0].id, PACK.version
            )
        );
    }

    fn source(path: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Every `var(--b12c-name, default)` in the stylesheet: name to default.
    fn custom_properties_used(css: &str) -> BTreeMap<String, String> {
        let mut used = BTreeMap::new();
        for (at, _) in css.match_indices("var(--b12c-") {
            let inner = &css[at + "var(".len()..];
            // The var()'s closing parenthesis: its default may hold parentheses of its own.
            let end = balancing(inner, '(', ')').expect("every var( is closed");
            let (name, default) = inner[..end]
                .split_once(',')
                .expect("every --b12c-* has a default");
            let known = used.insert(name.trim().to_string(), default.trim().to_string());
            assert!(
                known.is_none_or(|d| d == default.trim()),
                "{name} has two defaults"
            );
        }
        used
    }

    /// The index in `text` of the `close` that balances an `open` just before `text`.
    fn balancing(text: &str, open: char, close: char) -> Option<usize> {
        let mut depth = 0;
        let (end, _) = text.char_indices().find(|&(_, c)| {
            if c == open {
                depth += 1;
            } else if c == close {
                if depth == 0 {
                    return true;
                }
                depth -= 1;
            }
            false
        })?;
        Some(end)
    }

    /// The stylesheet without its block for browsers that lack `light-dark()`, and the block.
    fn without_light_dark_fallback(css: &str) -> (String, &str) {
        let start = css
            .find("@supports not (color: light-dark(")
            .expect("a fallback for browsers without light-dark()");
        let body = start + css[start..].find('{').expect("a block") + 1;
        let end = body + balancing(&css[body..], '{', '}').expect("the block is closed") + 1;
        (css[..start].to_string() + &css[end..], &css[start..end])
    }

    #[test]
    fn the_custom_properties_are_those_the_stylesheet_uses_with_its_defaults() {
        let css = without_comments(&source("www/widget.css"));
        let (css, fallback) = without_light_dark_fallback(&css);
        let declared: BTreeMap<String, String> = CSS_PROPERTIES
            .iter()
            .map(|p| (p.name.to_string(), p.default.to_string()))
            .collect();
        assert_eq!(custom_properties_used(&css), declared);
        // Nothing names a public property outside a var() with its default.
        assert_eq!(
            css.matches("--b12c-").count(),
            css.matches("var(--b12c-").count()
        );
        // A browser without light-dark() gets each such default's light colour.
        let light: BTreeMap<String, String> = (declared.iter())
            .filter_map(|(name, default)| {
                let pair = default.strip_prefix("light-dark(")?.strip_suffix(')')?;
                Some((name.clone(), pair.split_once(',')?.0.trim().to_string()))
            })
            .collect();
        assert_eq!(light.len(), 13);
        assert_eq!(custom_properties_used(fallback), light);
    }

    fn without_comments(css: &str) -> String {
        let mut rest = css;
        let mut out = String::new();
        while let Some(start) = rest.find("/*") {
            out.push_str(&rest[..start]);
            rest = rest[start..]
                .split_once("*/")
                .map_or("", |(_, after)| after);
        }
        out + rest
    }

    #[test]
    fn the_custom_properties_reader_finds_nested_defaults() {
        let used = custom_properties_used("a{b:var(--b12c-x, f(1, g(2)));c:var(--b12c-y,3px)}");
        assert_eq!(used["--b12c-x"], "f(1, g(2))");
        assert_eq!(used["--b12c-y"], "3px");
    }

    #[test]
    fn the_readme_documents_the_whole_interface() {
        let readme = source("README.md");
        for attribute in &ATTRIBUTES {
            let row = format!("\n| `{}` |", attribute.name);
            assert!(
                readme.contains(&row),
                "README: no row for {}",
                attribute.name
            );
        }
        for name in CSS_PARTS
            .iter()
            .chain(&CSS_PROPERTIES)
            .chain(&CSS_STATES)
            .map(|s| s.name)
        {
            assert!(
                readme.contains(&format!("`{name}`")),
                "README: {name} is missing"
            );
        }
        assert!(readme.contains(&format!("`{COMPLETE_EVENT}`")));
        for (at, _) in readme.match_indices("--b12c-") {
            let name: String = readme[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            assert!(
                CSS_PROPERTIES.iter().any(|p| p.name == name),
                "README names {name}, which is not declared"
            );
        }
    }

    #[test]
    fn the_css_states_are_those_the_loader_sets() {
        let loader = source("www/embed/loader.js");
        let set: Vec<&str> = loader
            .match_indices("states.add('")
            .map(|(at, _)| {
                let name = &loader[at + "states.add('".len()..];
                &name[..name.find('\'').unwrap()]
            })
            .collect();
        assert_eq!(set, CSS_STATES.map(|s| s.name));
    }

    /// Every part name in the `part="..."` attributes of the Rust files under `dir`.
    fn parts_used(dir: &Path, parts: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                parts_used(&path, parts);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(&path).unwrap();
                assert!(
                    !code.contains("part={"),
                    "{}: a part name must be literal",
                    path.display()
                );
                for (at, _) in code.match_indices(" part=\"") {
                    let names = &code[at + " part=\"".len()..];
                    let names = &names[..names.find('"').unwrap()];
                    parts.extend(names.split_whitespace().map(str::to_string));
                }
            }
        }
    }

    #[test]
    fn the_css_parts_are_those_the_interface_renders() {
        let mut used = Vec::new();
        parts_used(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
            &mut used,
        );
        used.sort();
        used.dedup();
        let mut declared: Vec<&str> = CSS_PARTS.iter().map(|p| p.name).collect();
        declared.sort_unstable();
        assert_eq!(used, declared);
    }
}
