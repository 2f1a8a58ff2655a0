//! A pack after resolution: names replaced by indices, conditions compiled, texts gathered.
//! Mirrors `b12_cramp_check::engine::model`, which the generated code instantiates.

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Chose {
        question: usize,
        options: u32,
    },
    PointsAtLeast {
        factor: usize,
        group: Option<usize>,
        min: i32,
    },
    Signal(usize),
    Not(Box<Expr>),
    All(Vec<Expr>),
    Any(Vec<Expr>),
}

#[derive(Debug, Clone)]
pub struct Condition {
    pub expr: Expr,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Single,
    Multi,
}

#[derive(Debug)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub required: bool,
    pub options: Vec<String>,
    pub exclusive: Option<usize>,
    pub show_if: Option<Condition>,
    pub refs: Vec<usize>,
}

impl Question {
    pub fn all_options(&self) -> u32 {
        // At most 32 options (checked when resolving).
        (0..self.options.len()).fold(0, |mask, i| mask | (1 << i))
    }

    /// Every option except the exclusive "none".
    pub fn ticking_options(&self) -> u32 {
        self.all_options() & !self.exclusive.map_or(0, |i| 1 << i)
    }
}

#[derive(Debug)]
pub struct Score {
    pub factor: usize,
    pub group: Option<usize>,
    pub points: i32,
    pub when: Condition,
    pub refs: Vec<usize>,
    /// Where it was written, for messages ("b12 entry 3").
    pub label: String,
}

#[derive(Debug)]
pub struct RedFlag {
    pub id: String,
    pub level: usize,
    pub when: Condition,
    pub refs: Vec<usize>,
}

#[derive(Debug)]
pub struct Signal {
    pub id: String,
    pub internal: bool,
    pub when: Condition,
    pub refs: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Top {
    Fixed(usize),
    Strongest,
}

#[derive(Debug)]
pub struct Step {
    pub id: String,
    pub questions: Vec<usize>,
}

#[derive(Debug)]
pub struct Outcome {
    pub id: String,
    pub triage: usize,
    pub when: Option<Condition>,
    pub top: Top,
    pub stop_asking: bool,
    pub show_factors: bool,
    pub refs: Vec<usize>,
}

pub const SECTIONS: [&str; 5] = [
    "note",
    "next_steps",
    "self_care",
    "background",
    "clinician_tests",
];
pub const SECTION_VARIANTS: [&str; 5] = [
    "Note",
    "NextSteps",
    "SelfCare",
    "Background",
    "ClinicianTests",
];

#[derive(Debug)]
pub struct Advice {
    pub id: String,
    pub section: usize,
    pub levels: Vec<usize>,
    pub when: Option<Condition>,
    pub refs: Vec<usize>,
}

#[derive(Debug)]
pub struct Reference {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub year: Option<u16>,
    pub url: String,
    pub verify: Option<String>,
}

#[derive(Debug)]
pub struct QuestionText {
    pub text: String,
    pub help: String,
    pub options: Vec<String>,
}

#[derive(Debug)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub questions: Vec<QuestionText>,
    pub steps: Vec<String>,
    /// heading, action per triage level
    pub triage: Vec<(String, String)>,
    /// name, looks_like per factor
    pub factors: Vec<(String, String)>,
    pub red_flags: Vec<String>,
    /// Empty for internal signals.
    pub signals: Vec<String>,
    pub outcomes: Vec<String>,
    pub advice: Vec<String>,
    pub sections: Vec<String>,
    /// Per region, one text per `Pack::region_keys` entry.
    pub regions: Vec<Vec<String>>,
    /// Key and text, in the default language's key order.
    pub ui: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct Pack {
    pub id: String,
    pub version: String,
    pub last_reviewed: String,
    pub review_status: String,
    pub questions: Vec<Question>,
    pub steps: Vec<Step>,
    pub triage: Vec<String>,
    /// Per result level: the sources of its heading and first action.
    pub level_refs: Vec<Vec<usize>>,
    pub factors: Vec<String>,
    /// Per factor: the sources of its description.
    pub factor_refs: Vec<Vec<usize>>,
    pub red_flag_factor: usize,
    pub strongest_of: Vec<usize>,
    pub strongest_when_all_zero: usize,
    pub groups: Vec<String>,
    pub scores: Vec<Score>,
    pub red_flags: Vec<RedFlag>,
    pub signals: Vec<Signal>,
    pub outcomes: Vec<Outcome>,
    pub advice: Vec<Advice>,
    pub references: Vec<Reference>,
    pub regions: Vec<String>,
    pub default_region: usize,
    /// The placeholders every region defines (`{emergency_number}`...), from the default
    /// language's first region.
    pub region_keys: Vec<String>,
    pub languages: Vec<Language>,
}
