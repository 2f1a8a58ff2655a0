//! The shape of a content pack: the pack compiler builds values of these types from
//! `packs/<id>/*.toml` and writes them out as static Rust (see [`crate::Literal`]), which the
//! checker's engine reads.
//!
//! Everything is referred to by index into the pack's tables, so the data needs no hashing and
//! no parsing at run time. Option sets are bit masks over a question's options.

/// Index of a question in [`Pack::questions`].
pub type QuestionIdx = u16;
/// Index of an option within its question.
pub type OptionIdx = u16;
/// Index of a result level in [`Pack::levels`] (0 is the most urgent).
pub type LevelIdx = u16;
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
    /// Result levels, most urgent first.
    pub levels: &'static [Level],
    pub factors: &'static [Factor],
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
    /// The region used when none is given.
    pub default_region: usize,
}

/// A result level, such as `emergency_now`.
#[derive(Debug)]
pub struct Level {
    pub id: &'static str,
    pub tone: Tone,
    /// The sources of its heading and first action.
    pub refs: &'static [RefIdx],
}

/// How a result level looks and sounds: its icon and colour role. The interface styles tones,
/// never level ids, so a pack can add or rename levels freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Get help now: a warning sign, the emergency colour.
    Emergency,
    /// Today: a clock, the urgent colour.
    Urgent,
    /// Book an appointment, or talk to a clinician: a calendar, the appointment colour.
    Appointment,
    /// Look after yourself: a tick, the calm colour.
    SelfCare,
}

impl Tone {
    pub const ALL: [Tone; 4] = [
        Tone::Emergency,
        Tone::Urgent,
        Tone::Appointment,
        Tone::SelfCare,
    ];

    pub fn from_id(id: &str) -> Option<Tone> {
        Tone::ALL.into_iter().find(|t| t.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            Tone::Emergency => "emergency",
            Tone::Urgent => "urgent",
            Tone::Appointment => "appointment",
            Tone::SelfCare => "self_care",
        }
    }
}

/// Something the answers can point to, such as `b12` or `dehydration`.
#[derive(Debug)]
pub struct Factor {
    pub id: &'static str,
    /// The sources of its description.
    pub refs: &'static [RefIdx],
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

/// A question's show-if condition with its source text, which the message for an answer to a
/// hidden question quotes. The rules' conditions are kept compiled only: nothing the checker
/// says quotes them (the reviewer's digest has their text from the compiler).
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

impl Expr {
    /// Calls `f` on each atom of the condition (`Chose`, `PointsAtLeast`, `Signal`).
    pub fn visit_atoms(&self, f: &mut impl FnMut(&Expr)) {
        match self {
            Expr::Not(inner) => inner.visit_atoms(f),
            Expr::All(parts) | Expr::Any(parts) => parts.iter().for_each(|p| p.visit_atoms(f)),
            atom => f(atom),
        }
    }
}

/// "When `when` holds, add `points` to `factor` (and to its `group`)".
#[derive(Debug)]
pub struct Score {
    pub factor: FactorIdx,
    pub group: Option<u16>,
    pub points: i32,
    pub when: Expr,
    pub refs: &'static [RefIdx],
}

#[derive(Debug)]
pub struct RedFlag {
    pub id: &'static str,
    pub level: LevelIdx,
    pub when: Expr,
    pub refs: &'static [RefIdx],
}

#[derive(Debug)]
pub struct Signal {
    pub id: &'static str,
    /// A building block that is never shown to the reader on its own.
    pub internal: bool,
    pub when: Expr,
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
    pub level: LevelIdx,
    /// `None` only for the last outcome: it applies when nothing before it did.
    pub when: Option<Expr>,
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

    pub fn from_id(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.id() == id)
    }

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
    pub levels: &'static [LevelIdx],
    pub when: Option<Expr>,
    pub refs: &'static [RefIdx],
}

#[derive(Debug)]
pub struct Reference {
    pub id: &'static str,
    pub title: &'static str,
    pub publisher: &'static str,
    pub year: Option<u16>,
    pub url: &'static str,
    /// The language the source is written in (its title is marked with it where the reader's
    /// language differs).
    pub language: &'static str,
}

impl Pack {
    pub fn question_index(&self, id: &str) -> Option<QuestionIdx> {
        index_of(self.questions.iter().map(|q| q.id), id)
    }

    pub fn factor_index(&self, id: &str) -> Option<FactorIdx> {
        index_of(self.factors.iter().map(|f| f.id), id)
    }

    /// The index of the step that asks a question.
    pub fn step_of(&self, question: QuestionIdx) -> Option<usize> {
        self.steps
            .iter()
            .position(|step| step.questions.contains(&question))
    }

    /// The score lines of a factor (or of one of its groups), by index.
    pub fn score_lines(
        &self,
        factor: FactorIdx,
        group: Option<u16>,
    ) -> impl Iterator<Item = usize> + '_ {
        (0..self.scores.len()).filter(move |&i| {
            self.scores[i].factor == factor && (group.is_none() || self.scores[i].group == group)
        })
    }

    /// Per question: whether some conditions read it, through signals and score lines, or a
    /// read question's show-if does (its answer exists only when that show-if holds).
    pub fn questions_read<'a>(&self, conditions: impl IntoIterator<Item = &'a Expr>) -> Vec<bool> {
        fn visit(pack: &Pack, expr: &Expr, questions: &mut [bool], signals: &mut [bool]) {
            expr.visit_atoms(&mut |atom| match *atom {
                Expr::Chose { question, .. } if !questions[usize::from(question)] => {
                    questions[usize::from(question)] = true;
                    if let Some(show_if) = &pack.questions[usize::from(question)].show_if {
                        visit(pack, &show_if.expr, questions, signals);
                    }
                }
                Expr::Signal(s) if !signals[usize::from(s)] => {
                    signals[usize::from(s)] = true;
                    visit(pack, &pack.signals[usize::from(s)].when, questions, signals);
                }
                Expr::PointsAtLeast { factor, group, .. } => {
                    for line in pack.score_lines(factor, group) {
                        visit(pack, &pack.scores[line].when, questions, signals);
                    }
                }
                _ => {}
            });
        }
        let mut questions = vec![false; self.questions.len()];
        let mut signals = vec![false; self.signals.len()];
        for expr in conditions {
            visit(self, expr, &mut questions, &mut signals);
        }
        questions
    }

    pub fn level_index(&self, id: &str) -> Option<LevelIdx> {
        index_of(self.levels.iter().map(|l| l.id), id)
    }
}

impl Question {
    pub fn option_index(&self, id: &str) -> Option<OptionIdx> {
        index_of(self.options.iter().copied(), id)
    }

    /// The mask of every option (a pack has at most 32 per question).
    pub fn all_options(&self) -> u32 {
        match self.options.len() {
            32.. => u32::MAX,
            n => (1 << n) - 1,
        }
    }

    /// Every option except the exclusive "none": what "has any" means.
    pub fn ticking_options(&self) -> u32 {
        self.all_options() & !self.exclusive.map_or(0, |none| 1 << none)
    }
}

fn index_of<'a>(mut ids: impl Iterator<Item = &'a str>, id: &str) -> Option<u16> {
    ids.position(|candidate| candidate == id)
        .and_then(|i| u16::try_from(i).ok())
}
