//! The npm package `b12-cramp-check` (dist/npm/), written by `cargo xtask assemble` on every
//! trunk build from the embed's files: the module and its wasm, `package.json`, TypeScript
//! declarations and a Custom Elements Manifest generated from the element's one declared
//! interface (`b12_cramp_check::interface`) and the content pack, the package's README (its
//! reference tables generated too) and the licences.

use super::assemble::{fill, package_metadata, EMBED_SCRIPT, EMBED_WASM};
use super::*;
use b12_cramp_check::engine::model::{QuestionKind, Section};
use b12_cramp_check::engine::ReasonSource;
use b12_cramp_check::interface::{
    Attribute, Styling, Values, ATTRIBUTES, COMPLETE_DETAIL, COMPLETE_EVENT,
    COMPLETE_EVENT_DESCRIPTION, CSS_PARTS, CSS_PROPERTIES, CSS_STATES, ELEMENT_DESCRIPTION, TAG,
};
use b12_cramp_check::pack::{default_texts, PACK};
use serde_json::{json, Value};

const DECLARATIONS: &str = "index.d.ts";
const MANIFEST: &str = "custom-elements.json";
const LICENCES: [&str; 2] = ["LICENSE-MIT", "LICENSE-APACHE"];
/// The element's class, as the module exports it.
const CLASS: &str = "B12CrampCheckElement";

/// Writes the package into `out` from the embed's script and wasm in `embed`.
pub fn package(embed: &Path, out: &Path) -> Result {
    create_dir(out)?;
    for name in [EMBED_SCRIPT, EMBED_WASM] {
        copy(&embed.join(name), &out.join(name))?;
    }
    for name in LICENCES {
        copy(&root().join(name), &out.join(name))?;
    }
    let metadata = package_metadata()?;
    let manifest = package_json(&metadata)?;
    write(&out.join("package.json"), pretty(&manifest)?.as_bytes())?;
    write(&out.join(DECLARATIONS), declarations(&metadata).as_bytes())?;
    write(
        &out.join(MANIFEST),
        pretty(&custom_elements_manifest())?.as_bytes(),
    )?;
    let readme = fill(
        &read_text(&root().join("www/npm/README.md"))?,
        "<!--@reference-->",
        &reference_tables(),
    )?;
    write(&out.join("README.md"), readme.as_bytes())
}

fn pretty(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|e| format!("cannot write JSON: {e}"))
}

/// JSON whose objects keep their fields in the order written, where serde_json's `Value` sorts
/// them: `package.json` is read in order (an export's conditions: `types` first, `default` last).
enum Ordered {
    Value(Value),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    fn object<K: Into<String>>(fields: impl IntoIterator<Item = (K, Ordered)>) -> Self {
        Ordered::Object(fields.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

impl From<Value> for Ordered {
    fn from(value: Value) -> Self {
        Ordered::Value(value)
    }
}

impl serde::Serialize for Ordered {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Ordered::Value(value) => value.serialize(serializer),
            Ordered::Object(fields) => serializer.collect_map(fields.iter().map(|(k, v)| (k, v))),
        }
    }
}

/// `package.json`: name, version, description and licence from the Cargo package; no
/// dependencies.
fn package_json(metadata: &Value) -> Result<Ordered> {
    let field = |name: &str| {
        metadata[name]
            .as_str()
            .map(|text| json!(text).into())
            .ok_or_else(|| format!("the Cargo package has no {name}"))
    };
    let path = |name: &str| Ordered::from(json!(format!("./{name}")));
    let mut manifest: Vec<(&str, Ordered)> = vec![
        ("name", json!(TAG).into()),
        ("version", field("version")?),
        ("description", field("description")?),
        ("license", field("license")?),
        (
            "keywords",
            json!([
                "web-component",
                "custom-element",
                "health",
                "vitamin-b12",
                "questionnaire",
                "wasm"
            ])
            .into(),
        ),
        ("type", json!("module").into()),
        ("main", path(EMBED_SCRIPT)),
        ("types", path(DECLARATIONS)),
        (
            "exports",
            Ordered::object([
                (
                    ".".to_string(),
                    Ordered::object([
                        ("types", path(DECLARATIONS)),
                        ("default", path(EMBED_SCRIPT)),
                    ]),
                ),
                (format!("./{EMBED_WASM}"), path(EMBED_WASM)),
                (format!("./{MANIFEST}"), path(MANIFEST)),
                ("./package.json".to_string(), path("package.json")),
            ]),
        ),
        ("customElements", json!(MANIFEST).into()),
        // Importing the module defines the element: bundlers must keep it.
        ("sideEffects", json!([format!("./{EMBED_SCRIPT}")]).into()),
        (
            "files",
            json!([
                EMBED_SCRIPT,
                EMBED_WASM,
                DECLARATIONS,
                MANIFEST,
                LICENCES[0],
                LICENCES[1]
            ])
            .into(),
        ),
    ];
    if let Some(repository) = metadata["repository"].as_str() {
        manifest.push((
            "repository",
            json!({ "type": "git", "url": repository }).into(),
        ));
    }
    Ok(Ordered::object(manifest))
}

/// A TypeScript union of string literals.
fn union<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    ids.into_iter()
        .map(|id| json!(id).to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The TypeScript type of an attribute's values (a union of literals).
fn values_type(values: Values) -> String {
    let ids = values.ids();
    match values {
        // A tag with a country, as the element reads it: `es-ES`, or `es_ES` as locales are
        // often written.
        Values::LanguageTag => {
            let tags = ["-", "_"].iter().flat_map(|joint| {
                ids.iter()
                    .map(move |code| format!("`{code}{joint}${{string}}`"))
            });
            let mut all: Vec<String> = ids.iter().map(|id| json!(id).to_string()).collect();
            all.extend(tags);
            all.join(" | ")
        }
        // A heading level may be written as a number in JSX.
        Values::HeadingLevel => format!(
            "{} | {}",
            ids.join(" | "),
            union(ids.iter().map(String::as_str))
        ),
        Values::Presence => "boolean".to_string(),
        Values::Region | Values::Theme => union(ids.iter().map(String::as_str)),
    }
}

/// The name the declarations give an attribute's type.
fn values_type_name(values: Values) -> &'static str {
    match values {
        Values::LanguageTag => "LanguageTag",
        Values::Region => "Region",
        Values::Theme => "Theme",
        Values::HeadingLevel => "HeadingLevel",
        Values::Presence => "boolean",
    }
}

/// A JSDoc comment at `indent`, safe whatever the text.
fn doc(text: &str, indent: &str) -> String {
    format!("{indent}/** {} */\n", text.replace("*/", "* /"))
}

/// An attribute's description with its default, for docs.
fn described(attribute: &Attribute) -> String {
    match attribute.default {
        Some(default) => format!("{} Default: {default}.", attribute.description),
        None => attribute.description.to_string(),
    }
}

/// index.d.ts: the module's exports (`evaluate` and its `Assessment`, `version`, the element's
/// class), the tag and the complete event in the DOM's maps, and React 19's JSX typings, every
/// id union from the pack.
fn declarations(metadata: &Value) -> String {
    let mut d = format!(
        "// {TAG} {}: TypeScript declarations, generated by `cargo xtask assemble` from the \
         element's declared interface and the content pack.\n\n",
        metadata["version"].as_str().unwrap_or_default()
    );
    let texts = default_texts();

    // The answers, as `cramp-check eval` reads them.
    d += &doc(
        "Answers keyed by question id: an option id for a one-answer question, a list for a \
         tick-all-that-apply question. Partial answers are valid.",
        "",
    );
    d += "export interface Answers {\n";
    for (q, question) in PACK.questions.iter().enumerate() {
        let options = union(question.options.iter().copied());
        let value = match question.kind {
            QuestionKind::Single => options,
            QuestionKind::Multi => format!("readonly ({options})[]"),
        };
        d += &doc(&texts.fill(texts.question(q), PACK.default_region), "  ");
        d += &format!("  readonly {}?: {value};\n", question.id);
    }
    d += "}\n\n";

    let named = [
        (
            "Triage",
            "A result's level: how urgently to act.",
            union(PACK.levels.iter().map(|l| l.id)),
        ),
        (
            "Factor",
            "What the answers may point to.",
            union(PACK.factors.iter().map(|f| f.id)),
        ),
        (
            "Section",
            "Where an advice item shows.",
            union(Section::ALL.iter().map(|s| s.id())),
        ),
        (
            "Signal",
            "A named rule that holds.",
            union(PACK.signals.iter().map(|s| s.id)),
        ),
        (
            "AdviceId",
            "An advice item.",
            union(PACK.advice.iter().map(|a| a.id)),
        ),
        (
            "Outcome",
            "An outcome rule.",
            union(PACK.outcomes.iter().map(|o| o.id)),
        ),
        (
            "RedFlag",
            "A red-flag rule.",
            union(PACK.red_flags.iter().map(|r| r.id)),
        ),
    ];
    for (name, description, members) in &named {
        d += &doc(description, "");
        d += &format!("export type {name} = {members};\n");
    }
    d += "\n";

    d += &doc(
        "The question and option of an answer that made a rule hold.",
        "",
    );
    d += "export interface ReasonAnswer {\n  readonly question: keyof Answers;\n  readonly option: string;\n}\n";
    d += &doc(
        "Why: a deciding rule, its sources and the answers that made it hold.",
        "",
    );
    let reason_kinds = [
        (ReasonSource::RedFlag(0).kind(), "RedFlag"),
        (ReasonSource::Outcome(0).kind(), "Outcome"),
        (ReasonSource::Signal(0).kind(), "Signal"),
        (ReasonSource::Factor(0).kind(), "Factor"),
    ];
    let variants: Vec<String> = reason_kinds
        .iter()
        .map(|(kind, id)| format!("{{ readonly kind: {}; readonly id: {id} }}", json!(kind)))
        .collect();
    d += &format!(
        "export type Reason = ({}) & {{\n  readonly refs: readonly string[];\n  readonly answers: readonly ReasonAnswer[];\n}};\n",
        variants.join(" | ")
    );
    d += &doc("An advice item of the result, with its sources' ids.", "");
    d += "export interface Advice {\n  readonly id: AdviceId;\n  readonly section: Section;\n  readonly refs: readonly string[];\n}\n";
    d += &doc(
        "The assessment: the same object `cramp-check eval` prints.",
        "",
    );
    d += "export interface Assessment {\n";
    d += "  readonly pack: { readonly id: string; readonly version: string };\n";
    d += "  readonly triage: Triage;\n  readonly top_factor: Factor;\n";
    d += &doc("`red_flags` or the deciding outcome rule.", "  ");
    d += "  readonly decided_by: \"red_flags\" | `outcome:${Outcome}`;\n";
    d += &doc("Every factor's points.", "  ");
    d += "  readonly factors: Readonly<Record<Factor, number>>;\n";
    d += "  readonly reasons: readonly Reason[];\n  readonly signals: readonly Signal[];\n";
    d += "  readonly notes: readonly Advice[];\n  readonly advice: readonly Advice[];\n";
    d += &doc(
        "Whether the checker would show this result for these answers: false while it would \
         still ask something (unanswered safety screens may hide a more urgent result).",
        "  ",
    );
    d += "  readonly complete: boolean;\n}\n\n";

    d += &doc(
        "The assessment for these answers, once the wasm is loaded. Rejects with an Error that \
         names the question or option when the answers are invalid.",
        "",
    );
    d += "export declare function evaluate(answers: Answers): Promise<Assessment>;\n";
    d += &doc("The widget's version.", "");
    d += "export declare const version: string;\n\n";

    // The element's attributes, each with its type.
    for attribute in ATTRIBUTES.iter().filter(|a| a.values != Values::Presence) {
        let name = values_type_name(attribute.values);
        d += &doc(&format!("The values of `{}`.", attribute.name), "");
        d += &format!("export type {name} = {};\n", values_type(attribute.values));
    }
    d += &doc(
        "The element's attributes (for JSX and typed templates).",
        "",
    );
    d += &format!("export interface {CLASS}Attributes {{\n");
    for attribute in &ATTRIBUTES {
        d += &doc(&described(attribute), "  ");
        d += &format!(
            "  {}?: {};\n",
            json!(attribute.name),
            values_type_name(attribute.values)
        );
    }
    d += "}\n\n";

    d += &doc(
        &format!("The complete event's detail. {COMPLETE_EVENT_DESCRIPTION}"),
        "",
    );
    d += "export interface CompleteDetail {\n";
    for field in &COMPLETE_DETAIL {
        d += &doc(field.description, "  ");
        let optional = if field.optional { "?" } else { "" };
        d += &format!(
            "  readonly {}{optional}: {};\n",
            field.name, field.type_name
        );
    }
    d += "}\n";
    d += "export type CompleteEvent = CustomEvent<CompleteDetail>;\n\n";

    d += &doc(&format!("<{TAG}>: {ELEMENT_DESCRIPTION}"), "");
    d += &format!("export declare class {CLASS} extends HTMLElement {{\n");
    d += "  static readonly observedAttributes: readonly string[];\n}\n\n";

    let event = json!(COMPLETE_EVENT);
    d += "declare global {\n";
    d += &format!(
        "  interface HTMLElementTagNameMap {{\n    {}: {CLASS};\n  }}\n",
        json!(TAG)
    );
    for map in ["HTMLElementEventMap", "DocumentEventMap", "WindowEventMap"] {
        d += &format!("  interface {map} {{\n    {event}: CompleteEvent;\n  }}\n");
    }
    d += "}\n\n";

    // React 19 passes `on<event name>` props of a custom element as event listeners. The base
    // props are a span's (a span adds nothing to HTMLElement) when React's types are there, so
    // these declarations also check without them.
    d += &doc(
        &format!(
            "React 19's props of <{TAG}>: a span's, the element's attributes, and \
             `on{COMPLETE_EVENT}` for the complete event."
        ),
        "",
    );
    d += &format!(
        "export type {CLASS}Props<Elements> = (Elements extends {{ span: infer Span }} ? \
         Omit<Span, \"lang\"> : {{}}) &\n  {CLASS}Attributes & {{\n    {}?: (event: CompleteEvent) => void;\n  }};\n\n",
        json!(format!("on{COMPLETE_EVENT}"))
    );
    d += "declare module \"react\" {\n  namespace JSX {\n    interface IntrinsicElements {\n";
    d += &format!("      {}: {CLASS}Props<IntrinsicElements>;\n", json!(TAG));
    d += "    }\n  }\n}\n";
    d
}

/// The Custom Elements Manifest (schema 2.1.0) of the module.
fn custom_elements_manifest() -> Value {
    let styling = |items: &[Styling]| -> Vec<Value> {
        items
            .iter()
            .map(|item| {
                let mut entry = json!({ "name": item.name, "description": item.description });
                if !item.default.is_empty() {
                    entry["default"] = json!(item.default);
                }
                entry
            })
            .collect()
    };
    let attributes: Vec<Value> = ATTRIBUTES
        .iter()
        .map(|a| {
            let mut entry = json!({
                "name": a.name,
                "type": { "text": values_type(a.values) },
                "description": a.description,
            });
            if let Some(default) = a.default {
                entry["default"] = json!(default);
            }
            entry
        })
        .collect();
    let detail: Vec<String> = COMPLETE_DETAIL
        .iter()
        .map(|f| {
            format!(
                "{}{}: {}",
                f.name,
                if f.optional { "?" } else { "" },
                f.type_name
            )
        })
        .collect();
    let js_export = |name: &str| json!({ "kind": "js", "name": name, "declaration": { "name": name, "module": EMBED_SCRIPT } });
    json!({
        "schemaVersion": "2.1.0",
        "modules": [{
            "kind": "javascript-module",
            "path": EMBED_SCRIPT,
            "declarations": [
                {
                    "kind": "class",
                    "name": CLASS,
                    "description": ELEMENT_DESCRIPTION,
                    "customElement": true,
                    "tagName": TAG,
                    "superclass": { "name": "HTMLElement", "package": "global:" },
                    "attributes": attributes,
                    "events": [{
                        "name": COMPLETE_EVENT,
                        "type": { "text": format!("CustomEvent<{{ {} }}>", detail.join("; ")) },
                        "description": COMPLETE_EVENT_DESCRIPTION,
                    }],
                    "cssParts": styling(&CSS_PARTS),
                    "cssProperties": styling(&CSS_PROPERTIES),
                    "cssStates": styling(&CSS_STATES),
                },
                {
                    "kind": "function",
                    "name": "evaluate",
                    "description": "The assessment for answers in the command line's JSON shape; rejects with an Error naming the question or option when they are invalid.",
                    "parameters": [{ "name": "answers", "type": { "text": "Answers" } }],
                    "return": { "type": { "text": "Promise<Assessment>" } },
                },
                {
                    "kind": "variable",
                    "name": "version",
                    "type": { "text": "string" },
                    "description": "The widget's version.",
                },
            ],
            "exports": [
                js_export(CLASS),
                js_export("evaluate"),
                js_export("version"),
                {
                    "kind": "custom-element-definition",
                    "name": TAG,
                    "declaration": { "name": CLASS, "module": EMBED_SCRIPT },
                },
            ],
        }],
    })
}

/// The package README's reference: attributes, the event's detail, parts, custom properties.
fn reference_tables() -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let mut md =
        String::from("### Attributes\n\n| attribute | values | meaning |\n|---|---|---|\n");
    for a in &ATTRIBUTES {
        // Double backticks: a language tag's type holds single ones.
        let values = match a.values {
            Values::Presence => "present or absent".to_string(),
            values => format!("`` {} ``", cell(&values_type(values))),
        };
        md += &format!("| `{}` | {values} | {} |\n", a.name, described(a));
    }
    md += &format!("\n### The `{COMPLETE_EVENT}` event\n\n{COMPLETE_EVENT_DESCRIPTION}\n\n| `detail` field | type | meaning |\n|---|---|---|\n");
    for f in &COMPLETE_DETAIL {
        md += &format!("| `{}` | `{}` | {} |\n", f.name, f.type_name, f.description);
    }
    md += "\n### CSS parts (`::part()`)\n\n| part | what |\n|---|---|\n";
    for p in &CSS_PARTS {
        md += &format!("| `{}` | {} |\n", p.name, p.description);
    }
    md += "\n### Custom states (`:state()`)\n\n| state | what |\n|---|---|\n";
    for s in &CSS_STATES {
        md += &format!("| `{}` | {} |\n", s.name, s.description);
    }
    md += "\n### Custom properties\n\nSet them on the element; a colour may be a `light-dark()` pair.\n\n| property | default | what |\n|---|---|---|\n";
    for p in &CSS_PROPERTIES {
        md += &format!(
            "| `{}` | `{}` | {} |\n",
            p.name,
            cell(p.default),
            p.description
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_declares_every_attribute_part_property_and_the_event() {
        let manifest = custom_elements_manifest();
        let element = &manifest["modules"][0]["declarations"][0];
        let names = |key: &str| -> Vec<String> {
            element[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item["name"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(names("attributes"), ATTRIBUTES.map(|a| a.name));
        assert_eq!(names("cssParts"), CSS_PARTS.map(|p| p.name));
        assert_eq!(names("cssProperties"), CSS_PROPERTIES.map(|p| p.name));
        assert_eq!(names("cssStates"), CSS_STATES.map(|s| s.name));
        assert_eq!(names("events"), [COMPLETE_EVENT]);
        assert_eq!(element["tagName"], TAG);
        // A default is a value, never words: none where it depends on something else.
        assert_eq!(element["attributes"][1].get("default"), None);
        assert_eq!(element["attributes"][2]["default"], "auto");
        assert_eq!(
            element["attributes"][1]["type"]["text"],
            r#""intl" | "uk" | "us" | "eu""#
        );
    }

    #[test]
    fn attribute_types_are_literal_unions() {
        assert_eq!(values_type(Values::Theme), r#""auto" | "light" | "dark""#);
        assert_eq!(
            values_type(Values::LanguageTag),
            r#""en" | "es" | `en-${string}` | `es-${string}` | `en_${string}` | `es_${string}`"#
        );
        assert!(values_type(Values::HeadingLevel).starts_with(r#"1 | 2 | 3 | 4 | 5 | 6 | "1""#));
        assert_eq!(values_type(Values::Presence), "boolean");
    }

    #[test]
    fn the_declarations_define_every_type_the_event_detail_names() {
        let declared = declarations(&json!({ "version": "0.0.0" }));
        for field in &COMPLETE_DETAIL {
            let name = field.type_name;
            let defined = [
                format!("export type {name} ="),
                format!("export interface {name} {{"),
            ];
            assert!(
                name == "string" || defined.iter().any(|d| declared.contains(d.as_str())),
                "{name}"
            );
        }
        // A question's words with their region's words filled in ("{alcohol_limit}").
        let placeholder = declared.match_indices('{').find_map(|(at, _)| {
            let name = declared[at + 1..].split('}').next()?;
            let is_word =
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            // `${string}` is a template literal type, not a placeholder.
            (is_word && !declared[..at].ends_with('$')).then_some(name)
        });
        assert_eq!(placeholder, None, "a placeholder left in the declarations");
    }

    #[test]
    fn the_manifest_names_no_readme_file() {
        // The schema's `readme` is the Markdown itself; a path would show as the text
        // "README.md" in a catalog. npm shows the package's README.
        assert_eq!(custom_elements_manifest().get("readme"), None);
    }

    #[test]
    fn package_json_keeps_its_fields_and_conditions_in_order() {
        let metadata = json!({ "version": "1.2.3", "description": "d", "license": "MIT" });
        let text = pretty(&package_json(&metadata).unwrap()).unwrap();
        assert!(text.starts_with("{\n  \"name\": \"b12-cramp-check\",\n  \"version\""));
        let conditions = format!(
            "\".\": {{\n      \"types\": \"./{DECLARATIONS}\",\n      \"default\": \"./{EMBED_SCRIPT}\"\n    }}"
        );
        assert!(text.contains(&conditions), "{text}");
    }

    #[test]
    fn doc_comments_cannot_be_closed_by_their_text() {
        assert_eq!(doc("a */ b", "  "), "  /** a * / b */\n");
    }
}
