//! The result of an evaluation, and its JSON form (shared by the command line and the JS API).

use super::model::{FactorIdx, Pack, QuestionIdx, RefIdx, Section, TriageIdx};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone)]
pub struct Assessment<'p> {
    pub pack: &'p Pack,
    pub triage: TriageIdx,
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
    pub fn triage_id(&self) -> &'static str {
        self.pack.triage[usize::from(self.triage)]
    }

    pub fn top_factor_id(&self) -> &'static str {
        self.pack.factors[usize::from(self.top_factor)]
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
        causes.sort_by_key(|&f| {
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
        self.pack.level_refs[usize::from(self.triage)]
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
            ReasonSource::Factor(i) => pack.factors[usize::from(i)],
        }
    }
}

/// `{"pack":..,"triage":..,"top_factor":..,"decided_by":..,"factors":{..},"reasons":[..],
/// "signals":[..],"notes":[..],"advice":[..]}`; notes are the advice of the "note" section.
impl Serialize for Assessment<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let pack = self.pack;
        let mut out = serializer.serialize_struct("Assessment", 9)?;
        out.serialize_field("pack", &PackInfo(pack))?;
        out.serialize_field("triage", self.triage_id())?;
        out.serialize_field("top_factor", self.top_factor_id())?;
        out.serialize_field("decided_by", &self.decided_by())?;
        out.serialize_field("factors", &Factors(self))?;
        let reasons: Vec<ReasonJson> = self
            .reasons
            .iter()
            .map(|r| ReasonJson { pack, reason: r })
            .collect();
        out.serialize_field("reasons", &reasons)?;
        let signals: Vec<&str> = self
            .signals
            .iter()
            .map(|&s| pack.signals[usize::from(s)].id)
            .collect();
        out.serialize_field("signals", &signals)?;
        let advice = |notes: bool| -> Vec<AdviceJson> {
            self.advice
                .iter()
                .filter(|&&a| (pack.advice[usize::from(a)].section == Section::Note) == notes)
                .map(|&a| AdviceJson { pack, advice: a })
                .collect()
        };
        out.serialize_field("notes", &advice(true))?;
        out.serialize_field("advice", &advice(false))?;
        out.end()
    }
}

struct PackInfo<'p>(&'p Pack);

impl Serialize for PackInfo<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Pack", 2)?;
        out.serialize_field("id", self.0.id)?;
        out.serialize_field("version", self.0.version)?;
        out.end()
    }
}

struct Factors<'a, 'p>(&'a Assessment<'p>);

impl Serialize for Factors<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.factor_scores.len()))?;
        for (id, score) in self.0.pack.factors.iter().zip(&self.0.factor_scores) {
            map.serialize_entry(id, score)?;
        }
        map.end()
    }
}

fn ref_ids(pack: &Pack, refs: &[RefIdx]) -> Vec<&'static str> {
    refs.iter()
        .map(|&r| pack.references[usize::from(r)].id)
        .collect()
}

struct ReasonJson<'a> {
    pack: &'a Pack,
    reason: &'a Reason,
}

impl Serialize for ReasonJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (pack, reason) = (self.pack, self.reason);
        let mut out = serializer.serialize_struct("Reason", 4)?;
        out.serialize_field("kind", reason.source.kind())?;
        out.serialize_field("id", reason.source.id(pack))?;
        out.serialize_field("refs", &ref_ids(pack, &reason.refs))?;
        let answers: Vec<AnswerJson> = reason
            .answers
            .iter()
            .map(|&(q, o)| {
                let question = &pack.questions[usize::from(q)];
                AnswerJson {
                    question: question.id,
                    option: question.options[usize::from(o)],
                }
            })
            .collect();
        out.serialize_field("answers", &answers)?;
        out.end()
    }
}

struct AnswerJson {
    question: &'static str,
    option: &'static str,
}

impl Serialize for AnswerJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Answer", 2)?;
        out.serialize_field("question", self.question)?;
        out.serialize_field("option", self.option)?;
        out.end()
    }
}

struct AdviceJson<'a> {
    pack: &'a Pack,
    advice: u16,
}

impl Serialize for AdviceJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let item = &self.pack.advice[usize::from(self.advice)];
        let mut out = serializer.serialize_struct("Advice", 3)?;
        out.serialize_field("id", item.id)?;
        out.serialize_field("section", item.section.id())?;
        out.serialize_field("refs", &ref_ids(self.pack, item.refs))?;
        out.end()
    }
}
