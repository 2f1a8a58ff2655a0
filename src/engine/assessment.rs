//! The result of an evaluation, and its JSON form (shared by the command line and the JS API).

use super::evaluate::push_unique;
use super::model::{FactorIdx, LevelIdx, Pack, QuestionIdx, RefIdx, Section, Tone};
use crate::json::{Json, ToJson};

#[derive(Debug, Clone)]
pub struct Assessment<'p> {
    pub pack: &'p Pack,
    pub level: LevelIdx,
    pub top_factor: FactorIdx,
    pub decision: Decision,
    /// Points per factor, in pack order (`red_flag` counts the red flags that hold).
    pub factor_scores: Vec<i32>,
    /// Why: the deciding rules first, each with the answers that made it hold.
    pub reasons: Vec<Reason>,
    /// Every signal that holds, in pack order.
    pub signals: Vec<u16>,
    /// Advice shown for this result, in pack order.
    pub advice: Vec<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    RedFlags,
    Outcome(u16),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub source: ReasonSource,
    pub refs: Vec<RefIdx>,
    pub answers: Vec<(QuestionIdx, u16)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonSource {
    RedFlag(u16),
    Outcome(u16),
    Signal(u16),
    /// What points to the top factor.
    Factor(FactorIdx),
}

impl Assessment<'_> {
    pub fn level_id(&self) -> &'static str {
        self.pack.levels[usize::from(self.level)].id
    }

    /// How the result's level looks and how urgently it is announced.
    pub fn tone(&self) -> Tone {
        self.pack.levels[usize::from(self.level)].tone
    }

    pub fn top_factor_id(&self) -> &'static str {
        self.pack.factors[usize::from(self.top_factor)].id
    }

    /// The id of the rule that decided the result: `red_flags` or `outcome:<id>`.
    pub fn decided_by(&self) -> String {
        match self.decision {
            Decision::RedFlags => "red_flags".to_string(),
            Decision::Outcome(k) => format!("outcome:{}", self.pack.outcomes[usize::from(k)].id),
        }
    }

    /// Whether the result is decided without the remaining questions: a red flag holds, or the
    /// deciding outcome stops the questionnaire (for example under 18). A later answer can
    /// still make it more urgent (a same-day red flag, under 18): the questionnaire shows the
    /// result only when no unanswered question could (`could_be_more_urgent`).
    pub fn stops_questionnaire(&self) -> bool {
        match self.decision {
            Decision::RedFlags => true,
            Decision::Outcome(k) => self.pack.outcomes[usize::from(k)].stop_asking,
        }
    }

    /// Whether the result shows what the answers point to (the factor chart and the top
    /// factor's description): not for red flags, whose answers need help whatever the causes,
    /// nor for outcomes that do not apply the model (under 18).
    pub fn shows_factors(&self) -> bool {
        match self.decision {
            Decision::RedFlags => false,
            Decision::Outcome(k) => self.pack.outcomes[usize::from(k)].show_factors,
        }
    }

    /// The causes the answers may point to (the pack's `strongest_of`), in the order a chart
    /// shows them: the top factor first, then by points, ties in the pack's tie order. So no
    /// bar above the named top factor is ever longer than it.
    pub fn causes_in_chart_order(&self) -> Vec<FactorIdx> {
        let mut causes = self.pack.strongest_of.to_vec();
        // A stable sort keeps the tie order among equal points.
        super::sort_few_by_key(&mut causes, |&f| {
            (
                f != self.top_factor,
                std::cmp::Reverse(self.factor_scores[usize::from(f)]),
            )
        });
        causes
    }

    /// Factors that are not causes but possibilities a test can check (B12), shown apart from
    /// the causes: every factor but the causes and the red-flag count.
    pub fn factors_apart(&self) -> impl Iterator<Item = FactorIdx> + '_ {
        let pack = self.pack;
        (0..pack.factors.len() as FactorIdx)
            .filter(move |f| *f != pack.red_flag_factor && !pack.strongest_of.contains(f))
    }

    /// The sources of the result's heading and first action: after a red flag, those of the red
    /// flags of the result's level that hold (the page on compartment syndrome for "Call 999
    /// now" after a tight, swollen muscle, not the one on stroke); else the level's own.
    pub fn heading_refs(&self) -> Vec<RefIdx> {
        let pack = self.pack;
        if let Decision::Outcome(_) = self.decision {
            return pack.levels[usize::from(self.level)].refs.to_vec();
        }
        let mut refs = Vec::new();
        for reason in &self.reasons {
            if let ReasonSource::RedFlag(i) = reason.source {
                if pack.red_flags[usize::from(i)].level == self.level {
                    reason.refs.iter().for_each(|&r| push_unique(&mut refs, r));
                }
            }
        }
        refs
    }

    /// Advice shown in one section, in pack order.
    pub fn advice_in(&self, section: Section) -> impl Iterator<Item = u16> + '_ {
        self.advice
            .iter()
            .copied()
            .filter(move |&a| self.pack.advice[usize::from(a)].section == section)
    }
}

impl ReasonSource {
    pub fn kind(self) -> &'static str {
        match self {
            ReasonSource::RedFlag(_) => "red_flag",
            ReasonSource::Outcome(_) => "outcome",
            ReasonSource::Signal(_) => "signal",
            ReasonSource::Factor(_) => "factor",
        }
    }

    pub fn id(self, pack: &Pack) -> &'static str {
        match self {
            ReasonSource::RedFlag(i) => pack.red_flags[usize::from(i)].id,
            ReasonSource::Outcome(i) => pack.outcomes[usize::from(i)].id,
            ReasonSource::Signal(i) => pack.signals[usize::from(i)].id,
            ReasonSource::Factor(i) => pack.factors[usize::from(i)].id,
        }
    }
}

/// The assessment's JSON form, for the command line (`cramp-check eval`) and the JS API
/// (`evaluate()`): `{"pack":{..},"triage":..,"top_factor":..,"decided_by":..,"factors":{..},
/// "reasons":[..],"signals":[..],"notes":[..],"advice":[..]}`: factors map each factor's id to
/// its points in pack order, and notes are the advice of the "note" section. The key `triage` is
/// a public contract (hosts and answer files read it), whatever the pack calls the result's
/// level.
impl ToJson for Assessment<'_> {
    fn to_json<J: Json>(&self) -> J {
        let pack = self.pack;
        let refs = |refs: &[RefIdx]| {
            J::array_of(
                refs.iter()
                    .map(|&r| J::string(pack.references[usize::from(r)].id)),
            )
        };
        let advice = |notes: bool| {
            J::array_of(
                self.advice
                    .iter()
                    .map(|&a| &pack.advice[usize::from(a)])
                    .filter(|item| (item.section == Section::Note) == notes)
                    .map(|item| {
                        J::object()
                            .with("id", J::string(item.id))
                            .with("section", J::string(item.section.id()))
                            .with("refs", refs(item.refs))
                    }),
            )
        };
        let mut factors = J::object();
        for (factor, &points) in pack.factors.iter().zip(&self.factor_scores) {
            factors.insert(factor.id, J::number(points));
        }
        let reasons = self.reasons.iter().map(|reason| {
            let answers = reason.answers.iter().map(|&(q, o)| {
                let question = &pack.questions[usize::from(q)];
                J::object()
                    .with("question", J::string(question.id))
                    .with("option", J::string(question.options[usize::from(o)]))
            });
            J::object()
                .with("kind", J::string(reason.source.kind()))
                .with("id", J::string(reason.source.id(pack)))
                .with("refs", refs(&reason.refs))
                .with("answers", J::array_of(answers))
        });
        let signals = self
            .signals
            .iter()
            .map(|&s| J::string(pack.signals[usize::from(s)].id));
        J::object()
            .with(
                "pack",
                J::object()
                    .with("id", J::string(pack.id))
                    .with("version", J::string(pack.version)),
            )
            .with("triage", J::string(self.level_id()))
            .with("top_factor", J::string(self.top_factor_id()))
            .with("decided_by", J::string(&self.decided_by()))
            .with("factors", factors)
            .with("reasons", J::array_of(reasons))
            .with("signals", J::array_of(signals))
            .with("notes", advice(true))
            .with("advice", advice(false))
    }
}

/// serde's view of the assessment (the command line prints it with serde_json): its JSON form.
#[cfg(feature = "cli")]
impl serde::Serialize for Assessment<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json::<crate::json::Tree>().serialize(serializer)
    }
}
