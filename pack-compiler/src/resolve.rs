//! Reads a pack folder and resolves it into the IR, reporting every problem with its file and
//! entry. Structural checks that need the whole pack (cycles, unused or unreachable rules) live
//! in `checks.rs`.

use crate::cond::{self, Cmp, Cond};
use crate::error::Errors;
use crate::ir::*;
use crate::source::*;
use crate::texts;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

pub fn resolve(dir: &Path) -> Result<Pack, Errors> {
    let mut errors = Errors::default();
    let shown = |name: &str| dir.join(name).display().to_string();
    let pack_file: Option<PackFile> = load(dir, PACK_FILE, &mut errors);
    let questions: Option<QuestionsFile> = load(dir, QUESTIONS_FILE, &mut errors);
    let scoring: Option<ScoringFile> = load(dir, SCORING_FILE, &mut errors);
    let rules: Option<RulesFile> = load(dir, RULES_FILE, &mut errors);
    let advice: Option<AdviceFile> = load(dir, ADVICE_FILE, &mut errors);
    let references: Option<ReferencesFile> = load(dir, REFERENCES_FILE, &mut errors);
    let (
        Some(pack_file),
        Some(questions),
        Some(scoring),
        Some(rules),
        Some(advice),
        Some(references),
    ) = (pack_file, questions, scoring, rules, advice, references)
    else {
        return Err(errors);
    };

    let mut r = Resolver {
        errors,
        files: Files {
            pack: shown(PACK_FILE),
            questions: shown(QUESTIONS_FILE),
            scoring: shown(SCORING_FILE),
            rules: shown(RULES_FILE),
            advice: shown(ADVICE_FILE),
            references: shown(REFERENCES_FILE),
        },
        questions: Vec::new(),
        question_ids: HashMap::new(),
        triage: HashMap::new(),
        factors: HashMap::new(),
        refs: HashMap::new(),
        signals: HashMap::new(),
        groups: Vec::new(),
        factor_groups: Vec::new(),
    };

    let triage = r.id_list(&pack_file.triage, "triage");
    r.triage = index_map(&triage);
    let factors = r.id_list(&pack_file.factors, "factors");
    r.factors = index_map(&factors);
    let regions = r.id_list(&pack_file.regions, "regions");
    let red_flag_factor = r.factor(&r.files.pack.clone(), "factors", "red_flag");
    let strongest_of: Vec<usize> = pack_file
        .strongest_of
        .iter()
        .filter_map(|f| r.factor(&r.files.pack.clone(), "strongest_of", f))
        .collect();
    let strongest_when_all_zero = r.factor(
        &r.files.pack.clone(),
        "strongest_when_all_zero",
        &pack_file.strongest_when_all_zero,
    );
    let default_region = regions.iter().position(|x| *x == pack_file.default_region);
    if default_region.is_none() {
        let file = r.files.pack.clone();
        r.errors.push(
            &file,
            "default_region",
            format!("\"{}\" is not one of the regions", pack_file.default_region),
        );
    }

    let references = r.references(references);
    let level_refs = r.sources_of_each(&pack_file.level_refs, &triage, "level_refs");
    let factor_refs = r.sources_of_each(&pack_file.factor_refs, &factors, "factor_refs");
    r.question_names(&questions.question);
    r.signal_names(&rules.signal);
    r.score_groups(&scoring, factors.len());
    r.questions = r.questions(&questions.question);
    let steps = r.steps(&questions.step);
    let scores = r.scores(&scoring);
    let red_flags = r.red_flags(&rules.red_flag);
    let signals = r.signals(&rules.signal);
    let outcomes = r.outcomes(&rules.outcome);
    let advice = r.advice(&advice.advice);
    r.check_red_flags_outrank_outcomes(&red_flags, &outcomes);

    let mut pack = Pack {
        id: pack_file.id,
        version: pack_file.version,
        last_reviewed: pack_file.last_reviewed,
        review_status: pack_file.review_status,
        questions: std::mem::take(&mut r.questions),
        steps,
        triage,
        level_refs,
        factors,
        factor_refs,
        red_flag_factor: red_flag_factor.unwrap_or(0),
        strongest_of,
        strongest_when_all_zero: strongest_when_all_zero.unwrap_or(0),
        groups: std::mem::take(&mut r.groups),
        scores,
        red_flags,
        signals,
        outcomes,
        advice,
        references,
        regions,
        default_region: default_region.unwrap_or(0),
        region_keys: Vec::new(),
        languages: Vec::new(),
    };
    let mut errors = r.errors;
    texts::load_languages(dir, &pack_file.default_language, &mut pack, &mut errors);
    if errors.is_empty() {
        Ok(pack)
    } else {
        Err(errors)
    }
}

fn load<T: DeserializeOwned>(dir: &Path, name: &str, errors: &mut Errors) -> Option<T> {
    let path = dir.join(name);
    let shown = path.display().to_string();
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            errors.push(&shown, "", format!("cannot read the file: {e}"));
            return None;
        }
    };
    parse_toml(&text, &shown, errors)
}

pub(crate) fn parse_toml<T: DeserializeOwned>(
    text: &str,
    file: &str,
    errors: &mut Errors,
) -> Option<T> {
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

/// A source's address must lead to the source itself: an https:// address with a path (not a
/// home page) that is not a search.
fn stable_address(url: &str) -> Result<(), String> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(format!("url must be an https:// address, found \"{url}\""));
    };
    let path = rest.split_once('/').map_or("", |(_, path)| path);
    if path.trim_matches('/').is_empty() {
        return Err(format!(
            "url \"{url}\" is a home page: give the address of the source itself"
        ));
    }
    let lower = url.to_ascii_lowercase();
    if ["?term=", "/search", "?q=", "&q=", "?query="]
        .iter()
        .any(|search| lower.contains(search))
    {
        return Err(format!(
            "url \"{url}\" is a search: give the source's DOI, PubMed or own address"
        ));
    }
    Ok(())
}

fn index_map(ids: &[String]) -> HashMap<String, usize> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), i))
        .collect()
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

struct Files {
    pack: String,
    questions: String,
    scoring: String,
    rules: String,
    advice: String,
    references: String,
}

/// Which atoms a condition may use.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    QuestionsOnly,
    Everything,
}

struct Resolver {
    errors: Errors,
    files: Files,
    questions: Vec<Question>,
    question_ids: HashMap<String, usize>,
    triage: HashMap<String, usize>,
    factors: HashMap<String, usize>,
    refs: HashMap<String, usize>,
    signals: HashMap<String, usize>,
    groups: Vec<String>,
    /// Per factor: the groups its score lines use.
    factor_groups: Vec<Vec<usize>>,
}

impl Resolver {
    fn id_list(&mut self, ids: &[String], key: &str) -> Vec<String> {
        let file = self.files.pack.clone();
        let mut seen = HashMap::new();
        for id in ids {
            if !is_valid_id(id) {
                self.errors.push(
                    &file,
                    key,
                    format!("\"{id}\" is not a valid id (lower-case letters, digits and _)"),
                );
            }
            if seen.insert(id.clone(), ()).is_some() {
                self.errors
                    .push(&file, key, format!("\"{id}\" is listed twice"));
            }
        }
        if ids.is_empty() {
            self.errors.push(&file, key, "the list is empty");
        }
        ids.to_vec()
    }

    fn factor(&mut self, file: &str, entry: &str, id: &str) -> Option<usize> {
        let found = self.factors.get(id).copied();
        if found.is_none() {
            self.errors
                .push(file, entry, format!("unknown factor \"{id}\""));
        }
        found
    }

    fn references(&mut self, source: ReferencesFile) -> Vec<Reference> {
        let file = self.files.references.clone();
        let mut list: Vec<(String, ReferenceSrc)> = source.into_iter().collect();
        // R2 before R10: number the ids naturally.
        list.sort_by_key(|(id, _)| {
            (
                id.trim_start_matches(|c: char| c.is_alphabetic())
                    .parse::<u32>()
                    .unwrap_or(u32::MAX),
                id.clone(),
            )
        });
        let mut references = Vec::new();
        for (id, r) in list {
            let entry = format!("[{id}]");
            if r.title.trim().is_empty() || r.publisher.trim().is_empty() {
                self.errors
                    .push(&file, &entry, "title and publisher must not be empty");
            }
            if let Err(problem) = stable_address(&r.url) {
                self.errors.push(&file, &entry, problem);
            }
            self.refs.insert(id.clone(), references.len());
            references.push(Reference {
                id,
                title: r.title,
                publisher: r.publisher,
                year: r.year,
                url: r.url,
                verify: r.verify,
            });
        }
        references
    }

    /// The sources of each id in `ids` (every result level, or every factor), from a table in
    /// pack.toml that must list each of them once and nothing else.
    fn sources_of_each(
        &mut self,
        table: &std::collections::BTreeMap<String, Vec<String>>,
        ids: &[String],
        key: &str,
    ) -> Vec<Vec<usize>> {
        let file = self.files.pack.clone();
        for unknown in table.keys().filter(|k| !ids.contains(k)) {
            self.errors.push(
                &file,
                key,
                format!("\"{unknown}\" is not listed in pack.toml"),
            );
        }
        ids.iter()
            .map(|id| match table.get(id) {
                Some(refs) => self.refs(&file, &format!("{key}.{id}"), refs, false),
                None => {
                    self.errors.push(&file, key, format!("no sources for \"{id}\" (write {id} = [...], or [] if it states nothing medical)"));
                    Vec::new()
                }
            })
            .collect()
    }

    fn refs(&mut self, file: &str, entry: &str, ids: &[String], required: bool) -> Vec<usize> {
        if required && ids.is_empty() {
            self.errors.push(
                file,
                entry,
                "needs at least one source in refs (every medical statement cites one)",
            );
        }
        ids.iter()
            .filter_map(|id| {
                let found = self.refs.get(id).copied();
                if found.is_none() {
                    self.errors.push(
                        file,
                        entry,
                        format!("unknown reference \"{id}\" (not in references.toml)"),
                    );
                }
                found
            })
            .collect()
    }

    fn question_names(&mut self, questions: &[QuestionSrc]) {
        let file = self.files.questions.clone();
        for (i, q) in questions.iter().enumerate() {
            if !is_valid_id(&q.id) || !q.id.starts_with("q_") {
                self.errors.push(
                    &file,
                    format!("question \"{}\"", q.id),
                    "a question id must start with q_ and use lower-case letters, digits and _",
                );
            }
            if self.question_ids.insert(q.id.clone(), i).is_some() {
                self.errors.push(
                    &file,
                    format!("question \"{}\"", q.id),
                    "the id is used twice",
                );
            }
        }
    }

    fn signal_names(&mut self, signals: &[SignalSrc]) {
        let file = self.files.rules.clone();
        for (i, s) in signals.iter().enumerate() {
            let entry = format!("signal \"{}\"", s.id);
            if !is_valid_id(&s.id) || s.id.starts_with("q_") || cond::is_keyword(&s.id) {
                self.errors.push(&file, &entry, "a signal id uses lower-case letters, digits and _, must not start with q_ and must not be a keyword");
            }
            if self.signals.insert(s.id.clone(), i).is_some() {
                self.errors.push(&file, &entry, "the id is used twice");
            }
        }
    }

    fn score_groups(&mut self, scoring: &ScoringFile, factor_count: usize) {
        self.factor_groups = vec![Vec::new(); factor_count];
        for (factor, lines) in scoring {
            let Some(&f) = self.factors.get(factor) else {
                continue;
            };
            for group in lines.iter().filter_map(|line| line.group.as_ref()) {
                let g = match self.groups.iter().position(|x| x == group) {
                    Some(g) => g,
                    None => {
                        self.groups.push(group.clone());
                        self.groups.len() - 1
                    }
                };
                if !self.factor_groups[f].contains(&g) {
                    self.factor_groups[f].push(g);
                }
            }
        }
    }

    fn questions(&mut self, questions: &[QuestionSrc]) -> Vec<Question> {
        let file = self.files.questions.clone();
        // Options first: show_if conditions may refer to any question's options.
        self.questions = questions
            .iter()
            .map(|q| {
                let entry = format!("question \"{}\"", q.id);
                let kind = match q.kind.as_str() {
                    "single" => Kind::Single,
                    "multi" => Kind::Multi,
                    other => {
                        self.errors.push(&file, &entry, format!("kind must be \"single\" or \"multi\", found \"{other}\""));
                        Kind::Single
                    }
                };
                if q.options.is_empty() || q.options.len() > 32 {
                    self.errors.push(&file, &entry, "needs between 1 and 32 options");
                }
                let mut seen = HashMap::new();
                for option in &q.options {
                    if !is_valid_id(option) {
                        self.errors.push(&file, &entry, format!("option \"{option}\" is not a valid id"));
                    }
                    if seen.insert(option.as_str(), ()).is_some() {
                        self.errors.push(&file, &entry, format!("option \"{option}\" is listed twice"));
                    }
                }
                let exclusive = q.options.iter().position(|o| o == "none");
                if exclusive.is_some() && kind == Kind::Single {
                    self.errors.push(&file, &entry, "\"none\" is only for tick-all-that-apply questions; give a one-answer question a named option instead");
                }
                let refs = self.refs(&file, &entry, &q.refs, true);
                Question { id: q.id.clone(), kind, required: q.required, options: q.options.clone(), exclusive, show_if: None, refs }
            })
            .collect();
        for (i, q) in questions.iter().enumerate() {
            if let Some(source) = &q.show_if {
                let entry = format!("question \"{}\" show_if", q.id);
                self.questions[i].show_if =
                    self.condition(&file, &entry, source, Scope::QuestionsOnly);
            }
        }
        std::mem::take(&mut self.questions)
    }

    /// Every question in exactly one step, steps in question order, and a show_if only looking
    /// at its own or an earlier step (so the questionnaire can show it in place).
    fn steps(&mut self, steps: &[StepSrc]) -> Vec<Step> {
        let file = self.files.questions.clone();
        let mut step_of = vec![None; self.questions.len()];
        let mut seen = HashMap::new();
        let mut resolved = Vec::new();
        for (n, step) in steps.iter().enumerate() {
            let entry = format!("step \"{}\"", step.id);
            if !is_valid_id(&step.id) || seen.insert(step.id.clone(), ()).is_some() {
                self.errors.push(
                    &file,
                    &entry,
                    "the id must be unique and use lower-case letters, digits and _",
                );
            }
            if step.questions.is_empty() {
                self.errors
                    .push(&file, &entry, "a step needs at least one question");
            }
            let mut questions = Vec::new();
            for id in &step.questions {
                match self.question_ids.get(id) {
                    None => self
                        .errors
                        .push(&file, &entry, format!("unknown question \"{id}\"")),
                    Some(&q) if step_of[q].is_some() => {
                        self.errors
                            .push(&file, &entry, format!("{id} is already in another step"))
                    }
                    Some(&q) => {
                        step_of[q] = Some(n);
                        questions.push(q);
                    }
                }
            }
            resolved.push(Step {
                id: step.id.clone(),
                questions,
            });
        }
        let order: Vec<usize> = resolved
            .iter()
            .flat_map(|s| s.questions.iter().copied())
            .collect();
        for (q, step) in step_of.iter().enumerate() {
            if step.is_none() {
                self.errors.push(
                    &file,
                    format!("question \"{}\"", self.questions[q].id),
                    "is in no step, so it would never be asked",
                );
            }
        }
        if order.len() == self.questions.len() && order.windows(2).any(|w| w[0] > w[1]) {
            self.errors.push(
                &file,
                "",
                "the steps must list the questions in the order they are written in this file",
            );
        }
        for (q, question) in self.questions.iter().enumerate() {
            let Some(show_if) = &question.show_if else {
                continue;
            };
            let mut later = Vec::new();
            crate::checks::visit_atoms(&show_if.expr, &mut |atom| {
                if let Expr::Chose {
                    question: other, ..
                } = atom
                {
                    if step_of[*other] > step_of[q] {
                        later.push(self.questions[*other].id.clone());
                    }
                }
            });
            for other in later {
                self.errors.push(
                    &file,
                    format!("question \"{}\" show_if", question.id),
                    format!("refers to {other}, which is asked in a later step"),
                );
            }
        }
        resolved
    }

    fn scores(&mut self, scoring: &ScoringFile) -> Vec<Score> {
        let file = self.files.scoring.clone();
        let mut scores = Vec::new();
        for (factor_id, lines) in scoring {
            let Some(factor) = self.factor(&file, factor_id, factor_id) else {
                continue;
            };
            if factor_id == "red_flag" {
                self.errors.push(
                    &file,
                    factor_id,
                    "red_flag counts the red flags in rules.toml and takes no score lines",
                );
            }
            for (n, line) in lines.iter().enumerate() {
                let label = format!("{factor_id} entry {} (\"{}\")", n + 1, line.when);
                if line.points <= 0 {
                    self.errors
                        .push(&file, &label, "points must be a positive whole number");
                }
                let group = line
                    .group
                    .as_ref()
                    .and_then(|g| self.groups.iter().position(|x| x == g));
                let when = self.condition(&file, &label, &line.when, Scope::Everything);
                let refs = self.refs(&file, &label, &line.refs, true);
                if let Some(when) = when {
                    scores.push(Score {
                        factor,
                        group,
                        points: line.points,
                        when,
                        refs,
                        label,
                    });
                }
            }
        }
        scores
    }

    fn level(&mut self, file: &str, entry: &str, id: &str) -> usize {
        self.triage.get(id).copied().unwrap_or_else(|| {
            self.errors.push(
                file,
                entry,
                format!("unknown result level \"{id}\" (not in pack.toml triage)"),
            );
            0
        })
    }

    fn red_flags(&mut self, red_flags: &[RedFlagSrc]) -> Vec<RedFlag> {
        let file = self.files.rules.clone();
        let mut seen = HashMap::new();
        red_flags
            .iter()
            .filter_map(|f| {
                let entry = format!("red_flag \"{}\"", f.id);
                if !is_valid_id(&f.id) || seen.insert(f.id.clone(), ()).is_some() {
                    self.errors.push(
                        &file,
                        &entry,
                        "the id must be unique and use lower-case letters, digits and _",
                    );
                }
                let level = self.level(&file, &entry, &f.level);
                let refs = self.refs(&file, &entry, &f.refs, true);
                let when = self.condition(&file, &entry, &f.when, Scope::Everything)?;
                Some(RedFlag {
                    id: f.id.clone(),
                    level,
                    when,
                    refs,
                })
            })
            .collect()
    }

    fn signals(&mut self, signals: &[SignalSrc]) -> Vec<Signal> {
        let file = self.files.rules.clone();
        signals
            .iter()
            .map(|s| {
                let entry = format!("signal \"{}\"", s.id);
                let refs = self.refs(&file, &entry, &s.refs, true);
                let when = self.condition(&file, &entry, &s.when, Scope::Everything);
                // Keep indices aligned with the names even when a condition is broken.
                let when = when.unwrap_or(Condition {
                    expr: Expr::All(vec![]),
                    source: s.when.clone(),
                });
                Signal {
                    id: s.id.clone(),
                    internal: s.internal,
                    when,
                    refs,
                }
            })
            .collect()
    }

    fn outcomes(&mut self, outcomes: &[OutcomeSrc]) -> Vec<Outcome> {
        let file = self.files.rules.clone();
        let mut seen = HashMap::new();
        let last = outcomes.len().saturating_sub(1);
        if outcomes.is_empty() {
            self.errors
                .push(&file, "", "needs at least one [[outcome]]");
        }
        outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let entry = format!("outcome \"{}\"", o.id);
                if !is_valid_id(&o.id) || seen.insert(o.id.clone(), ()).is_some() {
                    self.errors.push(&file, &entry, "the id must be unique and use lower-case letters, digits and _");
                }
                match (&o.when, i == last) {
                    (Some(_), true) => self.errors.push(&file, &entry, "the last outcome must have no condition, so that every answer set gets a result"),
                    (None, false) => self.errors.push(&file, &entry, "only the last outcome may have no condition: the outcomes after it could never apply"),
                    _ => {}
                }
                let triage = self.level(&file, &entry, &o.triage);
                let top = if o.top == "strongest" {
                    Top::Strongest
                } else {
                    Top::Fixed(self.factor(&file, &entry, &o.top).unwrap_or(0))
                };
                let refs = self.refs(&file, &entry, &o.refs, false);
                let when = o.when.as_ref().and_then(|w| self.condition(&file, &entry, w, Scope::Everything));
                Outcome { id: o.id.clone(), triage, when, top, stop_asking: o.stop_asking, show_factors: o.show_factors, refs }
            })
            .collect()
    }

    fn advice(&mut self, advice: &[AdviceSrc]) -> Vec<Advice> {
        let file = self.files.advice.clone();
        let mut seen = HashMap::new();
        advice
            .iter()
            .map(|a| {
                let entry = format!("advice \"{}\"", a.id);
                if !is_valid_id(&a.id) || seen.insert(a.id.clone(), ()).is_some() {
                    self.errors.push(
                        &file,
                        &entry,
                        "the id must be unique and use lower-case letters, digits and _",
                    );
                }
                let section = SECTIONS
                    .iter()
                    .position(|s| *s == a.section)
                    .unwrap_or_else(|| {
                        self.errors.push(
                            &file,
                            &entry,
                            format!(
                                "unknown section \"{}\" (one of: {})",
                                a.section,
                                SECTIONS.join(", ")
                            ),
                        );
                        0
                    });
                if a.levels.is_empty() {
                    self.errors
                        .push(&file, &entry, "levels must name at least one result level");
                }
                let levels = a
                    .levels
                    .iter()
                    .map(|l| self.level(&file, &entry, l))
                    .collect();
                let refs = self.refs(&file, &entry, &a.refs, false);
                let when = a
                    .when
                    .as_ref()
                    .and_then(|w| self.condition(&file, &entry, w, Scope::Everything));
                Advice {
                    id: a.id.clone(),
                    section,
                    levels,
                    when,
                    refs,
                }
            })
            .collect()
    }

    /// Red flags override everything: no outcome may be as urgent as a red flag.
    fn check_red_flags_outrank_outcomes(&mut self, red_flags: &[RedFlag], outcomes: &[Outcome]) {
        let file = self.files.rules.clone();
        let Some(most_urgent_outcome) = outcomes.iter().map(|o| o.triage).min() else {
            return;
        };
        for flag in red_flags.iter().filter(|f| f.level >= most_urgent_outcome) {
            self.errors.push(
                &file,
                format!("red_flag \"{}\"", flag.id),
                "a red flag must be more urgent than every outcome's level",
            );
        }
    }

    fn condition(
        &mut self,
        file: &str,
        entry: &str,
        source: &str,
        scope: Scope,
    ) -> Option<Condition> {
        let parsed = match cond::parse(source) {
            Ok(parsed) => parsed,
            Err(message) => {
                self.errors.push(
                    file,
                    entry,
                    format!("condition \"{}\": {message}", source.trim()),
                );
                return None;
            }
        };
        let before = self.errors.0.len();
        let expr = self.expr(file, entry, &parsed, scope);
        (self.errors.0.len() == before).then(|| Condition {
            expr,
            source: source.split_whitespace().collect::<Vec<_>>().join(" "),
        })
    }

    fn expr(&mut self, file: &str, entry: &str, c: &Cond, scope: Scope) -> Expr {
        match c {
            Cond::Is { question, options } => {
                self.chose(file, entry, question, Some(options), Kind::Single)
            }
            Cond::Has { question, options } => {
                self.chose(file, entry, question, Some(options), Kind::Multi)
            }
            Cond::HasAny { question } => self.chose(file, entry, question, None, Kind::Multi),
            Cond::Not(inner) => Expr::Not(Box::new(self.expr(file, entry, inner, scope))),
            Cond::All(parts) => Expr::All(
                parts
                    .iter()
                    .map(|p| self.expr(file, entry, p, scope))
                    .collect(),
            ),
            Cond::Any(parts) => Expr::Any(
                parts
                    .iter()
                    .map(|p| self.expr(file, entry, p, scope))
                    .collect(),
            ),
            Cond::Signal(name) | Cond::Points { factor: name, .. }
                if scope == Scope::QuestionsOnly =>
            {
                self.errors.push(
                    file,
                    entry,
                    format!("show_if may only refer to questions, not \"{name}\""),
                );
                Expr::All(vec![])
            }
            Cond::Signal(name) => {
                match self.signals.get(name) {
                    Some(&s) => Expr::Signal(s),
                    None if self.question_ids.contains_key(name) => {
                        self.errors.push(file, entry, format!("question \"{name}\" needs \"is\", \"in\" or \"has\" in a condition"));
                        Expr::All(vec![])
                    }
                    None => {
                        self.errors.push(
                            file,
                            entry,
                            format!("unknown signal \"{name}\" (not in rules.toml)"),
                        );
                        Expr::All(vec![])
                    }
                }
            }
            Cond::Points {
                factor,
                group,
                op,
                value,
            } => self.points(file, entry, factor, group.as_deref(), *op, *value),
        }
    }

    fn points(
        &mut self,
        file: &str,
        entry: &str,
        factor: &str,
        group: Option<&str>,
        op: Cmp,
        value: i32,
    ) -> Expr {
        let Some(f) = self.factor(file, entry, factor) else {
            return Expr::All(vec![]);
        };
        let group = match group {
            None => None,
            Some(g) => match self
                .groups
                .iter()
                .position(|x| x == g)
                .filter(|i| self.factor_groups[f].contains(i))
            {
                Some(i) => Some(i),
                None => {
                    self.errors.push(
                        file,
                        entry,
                        format!("factor \"{factor}\" has no score group \"{g}\" in scoring.toml"),
                    );
                    return Expr::All(vec![]);
                }
            },
        };
        let at_least = |min: i32| Expr::PointsAtLeast {
            factor: f,
            group,
            min,
        };
        match op {
            Cmp::Ge => at_least(value),
            Cmp::Gt => at_least(value + 1),
            Cmp::Lt => Expr::Not(Box::new(at_least(value))),
            Cmp::Le => Expr::Not(Box::new(at_least(value + 1))),
            Cmp::Eq => Expr::All(vec![
                at_least(value),
                Expr::Not(Box::new(at_least(value + 1))),
            ]),
        }
    }

    fn chose(
        &mut self,
        file: &str,
        entry: &str,
        question: &str,
        options: Option<&Vec<String>>,
        used_as: Kind,
    ) -> Expr {
        let Some(&qi) = self.question_ids.get(question) else {
            self.errors.push(
                file,
                entry,
                format!("unknown question \"{question}\" (not in questions.toml)"),
            );
            return Expr::All(vec![]);
        };
        let q = &self.questions[qi];
        if q.kind != used_as {
            let hint = match q.kind {
                Kind::Single => "it is a one-answer question: use \"is\" or \"in\"",
                Kind::Multi => "it is a tick-all-that-apply question: use \"has\"",
            };
            self.errors.push(file, entry, format!("{question}: {hint}"));
            return Expr::All(vec![]);
        }
        let Some(options) = options else {
            return Expr::Chose {
                question: qi,
                options: q.ticking_options(),
            };
        };
        let mut mask = 0u32;
        let mut problems = Vec::new();
        for option in options {
            match q.options.iter().position(|o| o == option) {
                Some(_) if option == "none" => problems.push(format!(
                    "\"none\" cannot be tested directly: write \"not {question} has any\""
                )),
                Some(i) => mask |= 1 << i,
                None => problems.push(format!(
                    "unknown option \"{option}\" for {question} (its options: {})",
                    q.options.join(", ")
                )),
            }
        }
        for problem in problems {
            self.errors.push(file, entry, problem);
        }
        Expr::Chose {
            question: qi,
            options: mask,
        }
    }
}
