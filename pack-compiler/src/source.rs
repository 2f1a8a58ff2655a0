//! The TOML files of a pack, as written by editors (names, not indices).

use serde::Deserialize;
use std::collections::BTreeMap;

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
    pub triage: Vec<String>,
    pub factors: Vec<String>,
    pub strongest_of: Vec<String>,
    pub strongest_when_all_zero: String,
    pub regions: Vec<String>,
    /// Result level id to the sources of its heading and first action.
    pub level_refs: BTreeMap<String, Vec<String>>,
    /// Factor id to the sources of its description ("what it looks like").
    pub factor_refs: BTreeMap<String, Vec<String>>,
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
    pub questions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSrc {
    pub id: String,
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
    pub triage: String,
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
    /// What a reviewer still has to confirm about this source (not shown to readers).
    pub verify: Option<String>,
}
