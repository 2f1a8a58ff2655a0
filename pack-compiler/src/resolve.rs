//! Reads a pack folder into the model's types (`b12_model::Pack`), reporting every problem
//! with its file and entry. Ids are checked in `ids.rs`, conditions resolved in
//! `conditions.rs`, texts read in `texts.rs`; checks that need the whole pack (cycles, rules
//! that can never fire) are in `graph.rs` and `reachability.rs`.

use crate::conditions::{Names, Scope};
use crate::error::{Errors, PackError};
use crate::ids::{Ids, Shape};
use crate::leak;
use crate::source::*;
use crate::texts::{self, Texts};
use b12_model::*;
use std::path::Path;

/// A pack read and resolved, with what only the compiler needs.
pub struct Resolved {
    pub pack: Pack,
    pub languages: Vec<Texts>,
    /// Where each score line is written ("b12 entry 3 (...)"), for messages.
    pub score_labels: Vec<String>,
    pub rule_sources: RuleSources,
    /// The files, for messages.
    pub files: Files,
    /// What a reviewer still has to confirm (`verify` notes of references).
    pub warnings: Vec<PackError>,
}

/// Each rule's condition as the pack writes it, for the digest: the compiled pack keeps only
/// the conditions' compiled form (`Expr`), as nothing the checker says quotes a rule. By the
/// rule's index in the pack.
#[derive(Default)]
pub struct RuleSources {
    pub scores: Vec<&'static str>,
    pub red_flags: Vec<&'static str>,
    pub signals: Vec<&'static str>,
    pub outcomes: Vec<Option<&'static str>>,
    pub advice: Vec<Option<&'static str>>,
}

pub struct Files {
    pub pack: String,
    pub questions: String,
    pub scoring: String,
    pub rules: String,
    pub advice: String,
    pub references: String,
}

pub fn resolve(dir: &Path) -> Result<Resolved, Errors> {
    let mut errors = Errors::default();
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
    let shown = |name: &str| dir.join(name).display().to_string();
    let files = Files {
        pack: shown(PACK_FILE),
        questions: shown(QUESTIONS_FILE),
        scoring: shown(SCORING_FILE),
        rules: shown(RULES_FILE),
        advice: shown(ADVICE_FILE),
        references: shown(REFERENCES_FILE),
    };
    let mut r = Resolver {
        errors,
        files,
        refs: None,
        cited: Vec::new(),
        rule_sources: RuleSources::default(),
    };
    let default_language = pack_file.default_language.clone();
    let (references, warnings) = r.references(references, &default_language);
    let (pack, score_labels) = r.pack(pack_file, questions, scoring, rules, advice, references);
    r.uncited_references(pack.references);
    let Resolver {
        mut errors,
        files,
        rule_sources,
        ..
    } = r;
    let languages = texts::read_languages(dir, &default_language, &pack, &mut errors);
    if errors.is_empty() {
        Ok(Resolved {
            pack,
            languages,
            score_labels,
            rule_sources,
            files,
            warnings,
        })
    } else {
        Err(errors)
    }
}

/// Reads the pack's entries in order, collecting every problem (the rules: `rules.rs`).
pub(crate) struct Resolver {
    pub errors: Errors,
    pub files: Files,
    /// Reference ids, once read.
    refs: Option<Ids>,
    /// Per reference (by index), whether a `refs` list names it.
    cited: Vec<bool>,
    pub rule_sources: RuleSources,
}

impl Resolver {
    fn pack(
        &mut self,
        pack_file: PackFile,
        questions: QuestionsFile,
        scoring: ScoringFile,
        rules: RulesFile,
        advice: AdviceFile,
        references: Vec<Reference>,
    ) -> (Pack, Vec<String>) {
        let file = self.files.pack.clone();
        let list_ids = |kind, home, ids: Vec<&str>, key: &'static str, errors: &mut Errors| {
            if ids.is_empty() {
                errors.push(&file, key, "the list is empty");
            }
            Ids::define(
                kind,
                home,
                Shape::Plain,
                ids,
                &file,
                |_| key.to_string(),
                errors,
            )
        };
        let level_ids = list_ids(
            "result level",
            "pack.toml [[level]]",
            pack_file.level.iter().map(|l| l.id.as_str()).collect(),
            "level",
            &mut self.errors,
        );
        let factor_ids = list_ids(
            "factor",
            "pack.toml [[factor]]",
            pack_file.factor.iter().map(|f| f.id.as_str()).collect(),
            "factor",
            &mut self.errors,
        );
        let region_ids = list_ids(
            "region",
            "pack.toml regions",
            pack_file.regions.iter().map(String::as_str).collect(),
            "regions",
            &mut self.errors,
        );
        let levels = pack_file
            .level
            .iter()
            .map(|l| {
                let entry = format!("level \"{}\"", l.id);
                let tone = Tone::from_id(&l.tone).unwrap_or_else(|| {
                    let known: Vec<&str> = Tone::ALL.iter().map(|t| t.id()).collect();
                    self.errors.push(
                        &file,
                        &entry,
                        format!("unknown tone \"{}\" (one of: {})", l.tone, known.join(", ")),
                    );
                    Tone::SelfCare
                });
                Level {
                    id: leak::text(&l.id),
                    tone,
                    refs: self.refs(&file, &entry, &l.refs, false),
                }
            })
            .collect();
        let factors = pack_file
            .factor
            .iter()
            .map(|f| Factor {
                id: leak::text(&f.id),
                refs: self.refs(&file, &format!("factor \"{}\"", f.id), &f.refs, false),
            })
            .collect();
        let factor = |r: &mut Self, entry: &str, id: &str| {
            factor_ids
                .find(id, &file, entry, &mut r.errors)
                .unwrap_or(0) as FactorIdx
        };
        let red_flag_factor = factor(self, "factor", "red_flag");
        let strongest_of = pack_file
            .strongest_of
            .iter()
            .map(|f| factor(self, "strongest_of", f))
            .collect();
        let strongest_when_all_zero = factor(
            self,
            "strongest_when_all_zero",
            &pack_file.strongest_when_all_zero,
        );
        let default_region = region_ids
            .find(
                &pack_file.default_region,
                &file,
                "default_region",
                &mut self.errors,
            )
            .unwrap_or(0);

        let (question_ids, step_ids, question_list) = self.questions(&questions);
        let signal_ids = Ids::define(
            "signal",
            "rules.toml",
            Shape::NotPrefixedNorKeyword("q_"),
            rules.signal.iter().map(|s| s.id.as_str()),
            &self.files.rules.clone(),
            |id| format!("signal \"{id}\""),
            &mut self.errors,
        );
        let (groups, factor_groups) = score_groups(&scoring, &factor_ids, pack_file.factor.len());
        // Conditions need every question's kind and options, show-if rules included.
        let names = Names {
            question_ids: &question_ids,
            questions: &question_list,
            signals: &signal_ids,
            factors: &factor_ids,
            groups: &groups,
            factor_groups: &factor_groups,
        };
        let show_ifs = self.show_ifs(&questions, &names);
        let (scores, score_labels) = self.scores(&scoring, &factor_ids, &groups, &names);
        let red_flags = self.red_flags(&rules.red_flag, &level_ids, &names);
        let signals = self.signals(&rules.signal, &names);
        let outcomes = self.outcomes(&rules.outcome, &level_ids, &factor_ids, &names);
        let advice = self.advice(&advice.advice, &level_ids, &names);
        self.check_red_flags_outrank_outcomes(&red_flags, &outcomes);
        let mut question_list = question_list;
        for (question, show_if) in question_list.iter_mut().zip(show_ifs) {
            question.show_if = show_if;
        }
        let steps = self.steps(&questions, &step_ids, &question_list);

        let pack = Pack {
            id: leak::text(pack_file.id),
            version: leak::text(pack_file.version),
            last_reviewed: leak::text(pack_file.last_reviewed),
            review_status: leak::text(pack_file.review_status),
            questions: leak::list(question_list),
            steps: leak::list(steps),
            levels: leak::list(levels),
            factors: leak::list(factors),
            red_flag_factor,
            strongest_of: leak::list(strongest_of),
            strongest_when_all_zero,
            groups: leak::list(groups.into_iter().map(leak::text).collect()),
            scores: leak::list(scores),
            red_flags: leak::list(red_flags),
            signals: leak::list(signals),
            outcomes: leak::list(outcomes),
            advice: leak::list(advice),
            references: leak::list(references),
            regions: leak::list(pack_file.regions.into_iter().map(leak::text).collect()),
            default_region,
        };
        (pack, score_labels)
    }

    /// The references, numbered naturally (R2 before R10), and their `verify` notes.
    fn references(
        &mut self,
        source: ReferencesFile,
        default_language: &str,
    ) -> (Vec<Reference>, Vec<PackError>) {
        let file = self.files.references.clone();
        let mut list: Vec<(String, ReferenceSrc)> = source.into_iter().collect();
        list.sort_by_key(|(id, _)| {
            (
                id.trim_start_matches(|c: char| c.is_alphabetic())
                    .parse::<u32>()
                    .unwrap_or(u32::MAX),
                id.clone(),
            )
        });
        let mut warnings = Vec::new();
        let mut references = Vec::new();
        for (id, r) in &list {
            let entry = format!("[{id}]");
            if r.title.trim().is_empty() || r.publisher.trim().is_empty() {
                self.errors
                    .push(&file, &entry, "title and publisher must not be empty");
            }
            if let Err(problem) = stable_address(&r.url) {
                self.errors.push(&file, &entry, problem);
            }
            // It becomes the title's `lang` attribute: a language subtag, then optional ones.
            if let Some(language) = &r.language {
                let mut subtags = language.split('-');
                let primary = subtags.next().unwrap_or_default();
                if !(2..=3).contains(&primary.len())
                    || !primary.bytes().all(|b| b.is_ascii_lowercase())
                    || !subtags.all(|s| {
                        (2..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
                    })
                {
                    self.errors.push(
                        &file,
                        &entry,
                        format!(
                        "language \"{language}\" is not a language tag such as \"es\" or \"pt-BR\""
                    ),
                    );
                }
            }
            if let Some(note) = &r.verify {
                warnings.push(PackError {
                    file: file.clone(),
                    entry: entry.clone(),
                    message: format!("to verify: {note}"),
                });
            }
            references.push(Reference {
                id: leak::text(id),
                title: leak::text(&r.title),
                publisher: leak::text(&r.publisher),
                year: r.year,
                url: leak::text(&r.url),
                language: leak::text(r.language.as_deref().unwrap_or(default_language)),
            });
        }
        self.cited = vec![false; list.len()];
        self.refs = Some(Ids::define(
            "reference",
            "references.toml",
            Shape::TableKey,
            list.iter().map(|(id, _)| id.as_str()),
            &file,
            |id| format!("[{id}]"),
            &mut self.errors,
        ));
        (references, warnings)
    }

    /// The sources of an entry; `required` when it states something medical.
    pub fn refs(
        &mut self,
        file: &str,
        entry: &str,
        ids: &[String],
        required: bool,
    ) -> &'static [RefIdx] {
        if required && ids.is_empty() {
            self.errors.push(
                file,
                entry,
                "needs at least one source in refs (every medical statement cites one)",
            );
        }
        let known = self.refs.as_ref().expect("references are read first");
        let found: Vec<usize> = ids
            .iter()
            .filter_map(|id| known.find(id, file, entry, &mut self.errors))
            .collect();
        for &r in &found {
            if let Some(cited) = self.cited.get_mut(r) {
                *cited = true;
            }
        }
        leak::list(found.into_iter().map(|r| r as RefIdx).collect())
    }

    /// Every reference must be cited by some `refs` list (once every entry is read): a source
    /// nothing cites supports nothing the reader sees. Ids are names, so removing one leaves
    /// the others as they are (R31 stays R31).
    fn uncited_references(&mut self, references: &[Reference]) {
        let file = self.files.references.clone();
        for (reference, _) in references
            .iter()
            .zip(&self.cited)
            .filter(|(_, &cited)| !cited)
        {
            self.errors.push(
                &file,
                format!("[{}]", reference.id),
                "cited by nothing: no refs list in the pack names it (cite it where the pack relies on it, or remove it)",
            );
        }
    }

    /// Questions with their kinds and options (show-if rules come after, once every
    /// question's options are known), and the ids of questions and steps.
    fn questions(&mut self, source: &QuestionsFile) -> (Ids, Ids, Vec<Question>) {
        let file = self.files.questions.clone();
        let question_ids = Ids::define(
            "question",
            "questions.toml",
            Shape::Prefixed("q_"),
            source.question.iter().map(|q| q.id.as_str()),
            &file,
            |id| format!("question \"{id}\""),
            &mut self.errors,
        );
        let step_ids = Ids::define(
            "step",
            "questions.toml [[step]]",
            Shape::Plain,
            source.step.iter().map(|s| s.id.as_str()),
            &file,
            |id| format!("step \"{id}\""),
            &mut self.errors,
        );
        let questions = source
            .question
            .iter()
            .map(|q| {
                let entry = format!("question \"{}\"", q.id);
                let kind = match q.kind.as_str() {
                    "single" => QuestionKind::Single,
                    "multi" => QuestionKind::Multi,
                    other => {
                        self.errors.push(&file, &entry, format!("kind must be \"single\" or \"multi\", found \"{other}\""));
                        QuestionKind::Single
                    }
                };
                if q.options.is_empty() || q.options.len() > 32 {
                    self.errors.push(&file, &entry, "needs between 1 and 32 options");
                }
                Ids::define("option", "its options", Shape::Plain, q.options.iter().map(String::as_str), &file, |_| entry.clone(), &mut self.errors);
                let exclusive = q.options.iter().position(|o| o == "none").map(|i| i as OptionIdx);
                if exclusive.is_some() && kind == QuestionKind::Single {
                    self.errors.push(&file, &entry, "\"none\" is only for tick-all-that-apply questions; give a one-answer question a named option instead");
                }
                Question {
                    id: leak::text(&q.id),
                    kind,
                    required: q.required,
                    options: leak::list(q.options.iter().map(leak::text).collect()),
                    exclusive,
                    show_if: None,
                    refs: self.refs(&file, &entry, &q.refs, true),
                }
            })
            .collect();
        (question_ids, step_ids, questions)
    }

    fn show_ifs(&mut self, source: &QuestionsFile, names: &Names) -> Vec<Option<Condition>> {
        let file = self.files.questions.clone();
        source
            .question
            .iter()
            .map(|q| {
                let entry = format!("question \"{}\" show_if", q.id);
                q.show_if.as_ref().and_then(|when| {
                    names.condition(&file, &entry, when, Scope::QuestionsOnly, &mut self.errors)
                })
            })
            .collect()
    }

    /// Each question names its step. Steps are shown in the order they are listed, each with
    /// its questions in file order, so a step's questions must come together, in step order; a
    /// show-if may only look at its own or an earlier step (the questionnaire shows it in place).
    fn steps(
        &mut self,
        source: &QuestionsFile,
        step_ids: &Ids,
        questions: &[Question],
    ) -> Vec<Step> {
        let file = self.files.questions.clone();
        let mut members: Vec<Vec<QuestionIdx>> = vec![Vec::new(); source.step.len()];
        let mut step_of = vec![0; source.question.len()];
        let mut latest = 0;
        for (q, question) in source.question.iter().enumerate() {
            let entry = format!("question \"{}\"", question.id);
            let Some(step) = step_ids.find(&question.step, &file, &entry, &mut self.errors) else {
                continue;
            };
            if step < latest {
                self.errors.push(&file, &entry, format!(
                    "is in step \"{}\" but comes after a question of the later step \"{}\": keep each step's questions together, in step order",
                    question.step, source.step[latest].id
                ));
            }
            latest = latest.max(step);
            step_of[q] = step;
            members[step].push(q as QuestionIdx);
        }
        for (step, questions) in source.step.iter().zip(&members) {
            if questions.is_empty() {
                self.errors.push(
                    &file,
                    format!("step \"{}\"", step.id),
                    "no question names this step, so it would be empty",
                );
            }
        }
        for (q, question) in questions.iter().enumerate() {
            let Some(show_if) = &question.show_if else {
                continue;
            };
            show_if.expr.visit_atoms(&mut |atom| {
                if let Expr::Chose {
                    question: other, ..
                } = *atom
                {
                    if step_of[usize::from(other)] > step_of[q] {
                        self.errors.push(
                            &file,
                            format!("question \"{}\" show_if", question.id),
                            format!(
                                "refers to {}, which is asked in a later step",
                                questions[usize::from(other)].id
                            ),
                        );
                    }
                }
            });
        }
        source
            .step
            .iter()
            .zip(members)
            .map(|(step, questions)| Step {
                id: leak::text(&step.id),
                questions: leak::list(questions),
            })
            .collect()
    }
}

/// Score group names in order of first use, and per factor the groups its lines use.
fn score_groups(
    scoring: &ScoringFile,
    factor_ids: &Ids,
    factor_count: usize,
) -> (Vec<String>, Vec<Vec<usize>>) {
    let mut groups: Vec<String> = Vec::new();
    let mut factor_groups = vec![Vec::new(); factor_count];
    for (factor, lines) in scoring {
        let Some(f) = factor_ids.get(factor) else {
            continue;
        };
        for group in lines.iter().filter_map(|line| line.group.as_ref()) {
            let g = groups.iter().position(|x| x == group).unwrap_or_else(|| {
                groups.push(group.clone());
                groups.len() - 1
            });
            if !factor_groups[f].contains(&g) {
                factor_groups[f].push(g);
            }
        }
    }
    (groups, factor_groups)
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
