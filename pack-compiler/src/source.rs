//! The TOML files of a pack, as written by editors (names, not indices), and reading them.

use crate::error::Errors;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

pub const PACK_FILE: &str = "pack.toml";
pub const QUESTIONS_FILE: &str = "questions.toml";
pub const SCORING_FILE: &str = "scoring.toml";
pub const RULES_FILE: &str = "rules.toml";
pub const ADVICE_FILE: &str = "advice.toml";
pub const REFERENCES_FILE: &str = "references.toml";
pub const TEXTS_DIR: &str = "texts";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub id: String,
    pub version: String,
    pub last_reviewed: String,
    pub review_status: String,
    pub default_language: String,
    pub default_region: String,
    pub regions: Vec<String>,
    pub strongest_of: Vec<String>,
    pub strongest_when_all_zero: String,
    /// Most urgent first.
    pub level: Vec<LevelSrc>,
    pub factor: Vec<FactorSrc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelSrc {
    pub id: String,
    pub tone: String,
    /// The sources of its heading and first action.
    pub refs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorSrc {
    pub id: String,
    /// The sources of its description ("what it looks like").
    pub refs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionsFile {
    pub step: Vec<StepSrc>,
    pub question: Vec<QuestionSrc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepSrc {
    pub id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSrc {
    pub id: String,
    pub step: String,
    pub kind: String,
    pub required: bool,
    pub options: Vec<String>,
    pub show_if: Option<String>,
    #[serde(default)]
    pub refs: Vec<String>,
}

/// scoring.toml: factor id to its score lines.
pub type ScoringFile = BTreeMap<String, Vec<ScoreSrc>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreSrc {
    pub group: Option<String>,
    pub points: i32,
    pub when: String,
    pub refs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    pub red_flag: Vec<RedFlagSrc>,
    pub signal: Vec<SignalSrc>,
    pub outcome: Vec<OutcomeSrc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagSrc {
    pub id: String,
    pub level: String,
    pub when: String,
    pub refs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalSrc {
    pub id: String,
    #[serde(default)]
    pub internal: bool,
    pub when: String,
    pub refs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSrc {
    pub id: String,
    pub level: String,
    pub when: Option<String>,
    pub top: String,
    #[serde(default)]
    pub stop_asking: bool,
    /// Whether the result shows the factor chart and names its top factor (default yes).
    #[serde(default = "yes")]
    pub show_factors: bool,
    pub refs: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceFile {
    pub advice: Vec<AdviceSrc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceSrc {
    pub id: String,
    pub section: String,
    pub levels: Vec<String>,
    pub when: Option<String>,
    pub refs: Vec<String>,
}

/// references.toml: reference id to its entry.
pub type ReferencesFile = BTreeMap<String, ReferenceSrc>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceSrc {
    pub title: String,
    pub publisher: String,
    pub year: Option<u16>,
    pub url: String,
    /// The language the source is written in, when it is not the pack's default language.
    pub language: Option<String>,
    /// What a reviewer still has to confirm about this source (not shown to readers).
    pub verify: Option<String>,
}

/// A pack file, or None with the problem in `errors`.
pub fn load<T: DeserializeOwned>(dir: &Path, name: &str, errors: &mut Errors) -> Option<T> {
    let path = dir.join(name);
    let shown = path.display().to_string();
    match fs::read_to_string(&path) {
        Ok(text) => parse_toml(&text, &shown, errors),
        Err(e) => {
            errors.push(&shown, "", format!("cannot read the file: {e}"));
            None
        }
    }
}

/// TOML text, or None with the problem and its line in `errors`.
pub fn parse_toml<T: DeserializeOwned>(text: &str, file: &str, errors: &mut Errors) -> Option<T> {
    match toml::from_str(text) {
        Ok(value) => Some(value),
        Err(e) => {
            let line = e
                .span()
                .map(|span| text[..span.start].lines().count().max(1));
            let place = line.map(|l| format!("line {l}")).unwrap_or_default();
            errors.push(file, place, e.message().trim().to_string());
            None
        }
    }
}
