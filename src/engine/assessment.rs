//! The result of an evaluation, and its JSON form (shared by the command line and the JS API).

use super::model::{FactorIdx, LevelIdx, Pack, QuestionIdx, RefIdx, Section, Tone};
use serde::{Serialize, Serializer};

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

    /// Whether the remaining questions can no longer change the result: a red flag holds, or
    /// the deciding outcome stops the questionnaire (for example under 18).
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

    /// The sources of the result level's heading and first action.
    pub fn level_refs(&self) -> &'static [RefIdx] {
        self.pack.levels[usize::from(self.level)].refs
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

/// The assessment's JSON form, for the command line and the JS API:
/// `{"pack":{..},"triage":..,"top_factor":..,"decided_by":..,"factors":{..},"reasons":[..],
/// "signals":[..],"notes":[..],"advice":[..]}`; notes are the advice of the "note" section.
/// The key `triage` is a public contract (hosts and answer files read it), whatever the
/// pack calls the result's level.
impl Serialize for Assessment<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let pack = self.pack;
        let ref_ids = |refs: &[RefIdx]| -> Vec<&'static str> {
            refs.iter()
                .map(|&r| pack.references[usize::from(r)].id)
                .collect()
        };
        let advice = |notes: bool| -> Vec<AdviceJson> {
            self.advice
                .iter()
                .map(|&a| &pack.advice[usize::from(a)])
                .filter(|item| (item.section == Section::Note) == notes)
                .map(|item| AdviceJson {
                    id: item.id,
                    section: item.section.id(),
                    refs: ref_ids(item.refs),
                })
                .collect()
        };
        AssessmentJson {
            pack: PackJson {
                id: pack.id,
                version: pack.version,
            },
            triage: self.level_id(),
            top_factor: self.top_factor_id(),
            decided_by: self.decided_by(),
            factors: pack
                .factors
                .iter()
                .map(|f| f.id)
                .zip(self.factor_scores.iter().copied())
                .collect(),
            reasons: self
                .reasons
                .iter()
                .map(|reason| ReasonJson {
                    kind: reason.source.kind(),
                    id: reason.source.id(pack),
                    refs: ref_ids(&reason.refs),
                    answers: reason
                        .answers
                        .iter()
                        .map(|&(q, o)| {
                            let question = &pack.questions[usize::from(q)];
                            AnswerJson {
                                question: question.id,
                                option: question.options[usize::from(o)],
                            }
                        })
                        .collect(),
                })
                .collect(),
            signals: self
                .signals
                .iter()
                .map(|&s| pack.signals[usize::from(s)].id)
                .collect(),
            notes: advice(true),
            advice: advice(false),
        }
        .serialize(serializer)
    }
}

#[derive(Serialize)]
struct AssessmentJson {
    pack: PackJson,
    triage: &'static str,
    top_factor: &'static str,
    decided_by: String,
    /// Factor id to points, in pack order.
    #[serde(serialize_with = "as_map")]
    factors: Vec<(&'static str, i32)>,
    reasons: Vec<ReasonJson>,
    signals: Vec<&'static str>,
    notes: Vec<AdviceJson>,
    advice: Vec<AdviceJson>,
}

#[derive(Serialize)]
struct PackJson {
    id: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct ReasonJson {
    kind: &'static str,
    id: &'static str,
    refs: Vec<&'static str>,
    answers: Vec<AnswerJson>,
}

#[derive(Serialize)]
struct AnswerJson {
    question: &'static str,
    option: &'static str,
}

#[derive(Serialize)]
struct AdviceJson {
    id: &'static str,
    section: &'static str,
    refs: Vec<&'static str>,
}

fn as_map<S: Serializer>(pairs: &[(&'static str, i32)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(key, value)| (key, value)))
}
