//! The shape of a compiled content pack. `build.rs` turns `packs/<id>/*.toml` into static values
//! of these types (see `crate::pack`); the engine only ever reads them.
//!
//! Everything is referred to by index into the pack's tables, so the data needs no hashing and
//! no parsing at run time. Option sets are bit masks over a question's options.

/// Index of a question in [`Pack::questions`].
pub type QuestionIdx = u16;
/// Index of an option within its question.
pub type OptionIdx = u16;
/// Index of a result level in [`Pack::triage`] (0 is the most urgent).
pub type TriageIdx = u16;
/// Index of a factor in [`Pack::factors`].
pub type FactorIdx = u16;
/// Index of a reference in [`Pack::references`].
pub type RefIdx = u16;

/// A compiled content pack.
#[derive(Debug)]
pub struct Pack {
    pub id: &'static str,
    pub version: &'static str,
    pub last_reviewed: &'static str,
    pub review_status: &'static str,
    pub questions: &'static [Question],
    /// The screens of the questionnaire, in order; every question is in exactly one.
    pub steps: &'static [Step],
    /// Result level ids, most urgent first.
    pub triage: &'static [&'static str],
    /// Per result level: the sources of its heading and first action.
    pub level_refs: &'static [&'static [RefIdx]],
    pub factors: &'static [&'static str],
    /// Per factor: the sources of its description.
    pub factor_refs: &'static [&'static [RefIdx]],
    /// The factor that counts red flags; it is the top factor of every red-flag result.
    pub red_flag_factor: FactorIdx,
    /// Candidates for a "strongest" top factor, in tie-break order.
    pub strongest_of: &'static [FactorIdx],
    pub strongest_when_all_zero: FactorIdx,
    /// Score group names (for example "risk_major"), referred to by [`Score::group`].
    pub groups: &'static [&'static str],
    pub scores: &'static [Score],
    pub red_flags: &'static [RedFlag],
    pub signals: &'static [Signal],
    /// Applied in order after the red flags; the last one has no condition.
    pub outcomes: &'static [Outcome],
    pub advice: &'static [Advice],
    pub references: &'static [Reference],
    pub regions: &'static [&'static str],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// One option (or none, when unanswered).
    Single,
    /// Tick all that apply.
    Multi,
}

#[derive(Debug)]
pub struct Question {
    pub id: &'static str,
    pub kind: QuestionKind,
    pub required: bool,
    pub options: &'static [&'static str],
    /// The option that cannot be combined with others ("none"), in multi questions.
    pub exclusive: Option<OptionIdx>,
    /// The question is asked only while this holds; it only refers to other questions.
    pub show_if: Option<Condition>,
    pub refs: &'static [RefIdx],
}

#[derive(Debug)]
pub struct Step {
    pub id: &'static str,
    pub questions: &'static [QuestionIdx],
}

/// A condition with its source text, for messages that quote the pack.
#[derive(Debug)]
pub struct Condition {
    pub expr: Expr,
    pub source: &'static str,
}

/// A compiled condition.
#[derive(Debug)]
pub enum Expr {
    /// The question's answer includes at least one of these options (a bit mask).
    Chose {
        question: QuestionIdx,
        options: u32,
    },
    /// The factor's points (or its group's, when given) are at least `min`.
    PointsAtLeast {
        factor: FactorIdx,
        group: Option<u16>,
        min: i32,
    },
    /// A named signal holds.
    Signal(u16),
    Not(&'static Expr),
    All(&'static [Expr]),
    Any(&'static [Expr]),
}

/// "When `when` holds, add `points` to `factor` (and to its `group`)".
#[derive(Debug)]
pub struct Score {
    pub factor: FactorIdx,
    pub group: Option<u16>,
    pub points: i32,
    pub when: Condition,
    pub refs: &'static [RefIdx],
}

#[derive(Debug)]
pub struct RedFlag {
    pub id: &'static str,
    pub level: TriageIdx,
    pub when: Condition,
    pub refs: &'static [RefIdx],
}

#[derive(Debug)]
pub struct Signal {
    pub id: &'static str,
    /// A building block that is never shown to the reader on its own.
    pub internal: bool,
    pub when: Condition,
    pub refs: &'static [RefIdx],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopFactor {
    Fixed(FactorIdx),
    /// The highest-scoring of [`Pack::strongest_of`].
    Strongest,
}

#[derive(Debug)]
pub struct Outcome {
    pub id: &'static str,
    pub triage: TriageIdx,
    /// `None` only for the last outcome: it applies when nothing before it did.
    pub when: Option<Condition>,
    pub top: TopFactor,
    /// Show the result as soon as this outcome applies, without the remaining questions.
    pub stop_asking: bool,
    /// The result shows the factor chart and names its top factor.
    pub show_factors: bool,
    pub refs: &'static [RefIdx],
}

/// Where an advice item is shown in a result, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Note,
    NextSteps,
    SelfCare,
    Background,
    ClinicianTests,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Note,
        Section::NextSteps,
        Section::SelfCare,
        Section::Background,
        Section::ClinicianTests,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Section::Note => "note",
            Section::NextSteps => "next_steps",
            Section::SelfCare => "self_care",
            Section::Background => "background",
            Section::ClinicianTests => "clinician_tests",
        }
    }
}

#[derive(Debug)]
pub struct Advice {
    pub id: &'static str,
    pub section: Section,
    pub levels: &'static [TriageIdx],
    pub when: Option<Condition>,
    pub refs: &'static [RefIdx],
}

#[derive(Debug)]
pub struct Reference {
    pub id: &'static str,
    pub title: &'static str,
    pub publisher: &'static str,
    pub year: Option<u16>,
    pub url: &'static str,
}

impl Pack {
    pub fn question_index(&self, id: &str) -> Option<QuestionIdx> {
        index_of(self.questions.iter().map(|q| q.id), id)
    }

    pub fn factor_index(&self, id: &str) -> Option<FactorIdx> {
        index_of(self.factors.iter().copied(), id)
    }

    pub fn triage_index(&self, id: &str) -> Option<TriageIdx> {
        index_of(self.triage.iter().copied(), id)
    }
}

impl Question {
    pub fn option_index(&self, id: &str) -> Option<OptionIdx> {
        index_of(self.options.iter().copied(), id)
    }
}

fn index_of<'a>(mut ids: impl Iterator<Item = &'a str>, id: &str) -> Option<u16> {
    ids.position(|candidate| candidate == id)
        .and_then(|i| u16::try_from(i).ok())
}
