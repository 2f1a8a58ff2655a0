//! `cramp-check fhir`: the Questionnaire's structure in both languages, its early stop (no
//! answer a form leaves out in a disabled group makes the result less urgent), answers through a
//! QuestionnaireResponse and back (every answer file, and generated answer sets), and every bad
//! response refused with exit code 2 and a message naming the linkId or code.

#[path = "support/command.rs"]
mod command;
#[path = "support/generators.rs"]
mod generators;

use b12_cramp_check::engine::model::QuestionKind;
use b12_cramp_check::engine::{evaluate, Answers};
use b12_cramp_check::fhir::{self, OPTION_SYSTEM, QUESTIONNAIRE_URL};
use b12_cramp_check::pack::{default_texts, texts_for, UiText, LANGUAGES, PACK};
use b12_cramp_check::questionnaire::{Questionnaire, Screen};
use b12_cramp_check::settings::region_of_language;
use command::{answers_file, run};
use generators::any_answers;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::OnceLock;

fn json_of(args: &[&str], stdin: Option<&str>) -> Value {
    let output = run(args, stdin);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("prints JSON")
}

/// Exit code 2 and nothing on standard output; the first line of standard error.
fn refusal(args: &[&str], stdin: &str) -> String {
    let output = run(args, Some(stdin));
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty());
    let message = String::from_utf8(output.stderr).expect("utf-8");
    message.lines().next().unwrap_or_default().to_string()
}

/// Every item of a Questionnaire or response, depth first, with its group's linkId.
fn items(resource: &Value) -> Vec<(String, &Value)> {
    fn walk<'a>(parent: &str, items: &'a Value, out: &mut Vec<(String, &'a Value)>) {
        for item in items.as_array().into_iter().flatten() {
            out.push((parent.to_string(), item));
            walk(item["linkId"].as_str().expect("linkId"), &item["item"], out);
        }
    }
    let mut out = Vec::new();
    walk("", &resource["item"], &mut out);
    out
}

fn codes(codings: &[Value], key: &str) -> Vec<String> {
    codings
        .iter()
        .map(|c| {
            assert_eq!(c[key]["system"], OPTION_SYSTEM, "{c}");
            c[key]["code"].as_str().expect("code").to_string()
        })
        .collect()
}

#[test]
fn the_questionnaire_holds_every_question_once_in_its_step_with_its_options_and_rules() {
    let q = json_of(&["fhir", "questionnaire"], None);
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["url"], QUESTIONNAIRE_URL);
    assert_eq!(q["version"], PACK.version);
    assert_eq!(q["language"], "en");
    let all = items(&q);
    let link_ids: Vec<&str> = all
        .iter()
        .map(|(_, i)| i["linkId"].as_str().expect("linkId"))
        .collect();
    assert_eq!(
        link_ids.iter().collect::<HashSet<_>>().len(),
        link_ids.len(),
        "linkIds are unique"
    );
    // One group per step, in order, at the top.
    let groups: Vec<&str> = q["item"]
        .as_array()
        .expect("items")
        .iter()
        .map(|g| {
            assert_eq!(g["type"], "group");
            g["linkId"].as_str().expect("linkId")
        })
        .collect();
    let steps: Vec<&str> = PACK.steps.iter().map(|s| s.id).collect();
    assert_eq!(groups, steps);
    let mut seen_before = HashSet::new();
    for (qi, question) in PACK.questions.iter().enumerate() {
        let found: Vec<&(String, &Value)> = all
            .iter()
            .filter(|(_, i)| i["linkId"] == question.id)
            .collect();
        assert_eq!(found.len(), 1, "{} appears once", question.id);
        let (group, item) = found[0];
        let step = PACK
            .steps
            .iter()
            .find(|s| s.questions.contains(&(qi as u16)))
            .expect("step");
        assert_eq!(group, step.id, "{} sits in its step", question.id);
        assert_eq!(item["type"], "choice");
        assert_eq!(
            item["required"],
            json!(question.required),
            "{}",
            question.id
        );
        let multi = question.kind == QuestionKind::Multi;
        assert_eq!(item["repeats"].as_bool().unwrap_or(false), multi);
        let options = item["answerOption"].as_array().expect("answerOption");
        assert_eq!(codes(options, "valueCoding"), question.options);
        // enableWhen from the show-if rule, on a question asked before, with one of its codes.
        match &question.show_if {
            None => assert!(item.get("enableWhen").is_none(), "{}", question.id),
            Some(_) => {
                let conditions = item["enableWhen"].as_array().expect("enableWhen");
                assert!(!conditions.is_empty());
                if conditions.len() > 1 {
                    assert_eq!(item["enableBehavior"], "any", "{}", question.id);
                }
                for condition in conditions {
                    let on = condition["question"].as_str().expect("question");
                    assert!(
                        seen_before.contains(on),
                        "{}: {on} comes first",
                        question.id
                    );
                    let on = &PACK.questions[usize::from(PACK.question_index(on).expect("id"))];
                    assert_eq!(condition["operator"], "=");
                    let code = &codes(std::slice::from_ref(condition), "answerCoding")[0];
                    assert!(on.options.contains(&code.as_str()), "{code}");
                }
            }
        }
        seen_before.insert(question.id);
    }
    let onset = &all
        .iter()
        .find(|(_, i)| i["linkId"] == "q_neuro_onset")
        .expect("onset")
        .1;
    assert_eq!(
        codes(
            onset["enableWhen"].as_array().expect("enableWhen"),
            "answerCoding"
        ),
        [
            "pins_needles_numbness_both_sides",
            "balance_problems",
            "vision_changes",
            "muscle_weakness"
        ]
    );
}

#[test]
fn every_text_comes_from_the_chosen_language_with_help_as_a_help_display_item() {
    for texts in LANGUAGES {
        let q = json_of(&["fhir", "questionnaire", "--lang", texts.code], None);
        let region = region_of_language(texts.code).unwrap_or(PACK.default_region);
        let fill = |text: &str| texts.fill(text, region);
        assert_eq!(q["language"], texts.code);
        assert_eq!(q["title"], fill(UiText(texts).app_title()));
        let all = items(&q);
        for (s, step) in PACK.steps.iter().enumerate() {
            let group = all
                .iter()
                .find(|(_, i)| i["linkId"] == step.id)
                .expect("step");
            assert_eq!(group.1["text"], fill(texts.step(s)));
        }
        for (q, question) in PACK.questions.iter().enumerate() {
            let item = all
                .iter()
                .find(|(_, i)| i["linkId"] == question.id)
                .expect("question")
                .1;
            assert_eq!(item["text"], fill(texts.question(q)), "{}", texts.code);
            let displays: Vec<String> = (0..question.options.len())
                .map(|o| fill(texts.option(q, o)))
                .collect();
            let shown: Vec<&str> = item["answerOption"]
                .as_array()
                .expect("options")
                .iter()
                .map(|o| o["valueCoding"]["display"].as_str().expect("display"))
                .collect();
            assert_eq!(shown, displays);
            let help = &item["item"][0];
            assert_eq!(help["type"], "display");
            assert_eq!(help["text"], fill(texts.help(q)));
            assert_eq!(
                help["extension"][0]["valueCodeableConcept"]["coding"][0]["code"],
                "help"
            );
        }
    }
    let spanish = json_of(&["fhir", "questionnaire", "--lang", "es"], None);
    let english = json_of(&["fhir", "questionnaire"], None);
    assert_ne!(spanish["title"], english["title"]);
    assert!(!spanish.to_string().contains("None of these"));
}

/// Every answer file goes through a response and back: the answers the Questionnaire enables
/// unchanged, those in a step it disables (after an emergency sign) left out with a warning
/// naming them, and the same result (level and next steps) either way.
#[test]
fn every_answer_file_goes_through_a_response_and_back_with_the_same_result() {
    let mut files: Vec<_> = std::fs::read_dir(answers_file(""))
        .expect("tests/answers")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    for path in files {
        let path = path.to_str().expect("path");
        let original: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
        let given = raw_answers(original.clone());
        let kept = serde_json::to_value(kept_by_a_form(&given).to_raw(&PACK)).expect("json");
        let left_out: Vec<&str> = (original.as_object().expect("object").keys())
            .filter(|&id| kept.get(id).is_none())
            .map(String::as_str)
            .collect();
        for lang in ["en", "es"] {
            let output = run(&["fhir", "response", "--lang", lang, path], None);
            assert!(output.status.success(), "{path}");
            let response: Value = serde_json::from_slice(&output.stdout).expect("JSON");
            let warning = String::from_utf8(output.stderr).expect("utf-8");
            assert_eq!(response["resourceType"], "QuestionnaireResponse");
            // Every file's result shows; a file that stops before the last step is `stopped`.
            let status = response["status"].as_str().expect("status");
            assert!(
                status == "completed" || status == "stopped",
                "{path}: {status}"
            );
            assert_eq!(
                response["questionnaire"],
                format!("{QUESTIONNAIRE_URL}|{}", PACK.version)
            );
            let answered: HashSet<&str> = items(&response)
                .iter()
                .filter(|(group, _)| !group.is_empty())
                .map(|(_, i)| i["linkId"].as_str().expect("linkId"))
                .collect();
            let keys: HashSet<&str> = kept
                .as_object()
                .expect("object")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(answered, keys, "{path}");
            if left_out.is_empty() {
                assert!(warning.is_empty(), "{path}: {warning}");
            } else {
                assert!(
                    warning.contains(&format!("left out the answers to {}", left_out.join(", "))),
                    "{path}: {warning}"
                );
            }
            let back = json_of(&["fhir", "answers", "-"], Some(&response.to_string()));
            assert_eq!(back, kept, "{path} ({lang})");
            let (from_back, from_file) = (
                json_of(&["eval", "-"], Some(&back.to_string())),
                json_of(&["eval", path], None),
            );
            for key in ["triage", "advice"] {
                assert_eq!(from_back[key], from_file[key], "{path}: {key}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Any valid answer set, in either language, comes back from its response as a form keeps
    /// it: unchanged, but for the answers in a step the Questionnaire disables.
    #[test]
    fn generated_answers_round_trip_through_a_response(answers in any_answers(), spanish in any::<bool>()) {
        let texts = texts_for(if spanish { "es" } else { "en" }).expect("language");
        let json = serde_json::to_string(&fhir::response(&answers, texts, PACK.default_region)).expect("json");
        let response: fhir::ResponseInput = serde_json::from_str(&json).expect("read back");
        prop_assert_eq!(fhir::answers_from_response(&response), Ok(kept_by_a_form(&answers)));
    }

    /// What a FHIR validator checks of a response against its Questionnaire, judging each
    /// `enableWhen` from the Questionnaire itself: no answer in a disabled item, and in a
    /// `completed` response, an answer to every enabled required item.
    #[test]
    fn a_response_answers_no_disabled_item_and_is_completed_only_with_every_enabled_required_item(
        answers in answers_with_or_without_an_emergency_sign()
    ) {
        let response = serde_json::to_value(fhir::response(&answers, default_texts(), PACK.default_region)).expect("json");
        let input: fhir::ResponseInput = serde_json::from_value(response.clone()).expect("read back");
        let given = fhir::answers_from_response(&input).expect("answers");
        let answered: HashSet<&str> = items(&response).iter().map(|(_, i)| i["linkId"].as_str().expect("linkId")).collect();
        let completed = response["status"] == "completed";
        for (group, item) in items(english_questionnaire()) {
            let id = item["linkId"].as_str().expect("linkId");
            let group_enabled = group.is_empty() || english_questionnaire()["item"].as_array().expect("groups")
                .iter().find(|g| g["linkId"] == group.as_str()).is_some_and(|g| enabled(g, &given));
            let on = group_enabled && enabled(item, &given);
            prop_assert!(on || !answered.contains(id), "{} is disabled but answered: {}", id, response);
            if completed && on && item["required"] == true {
                prop_assert!(answered.contains(id), "{} is enabled and required but not answered: {}", id, response);
            }
        }
    }
}

/// The English Questionnaire as JSON, built once.
fn english_questionnaire() -> &'static Value {
    static QUESTIONNAIRE: OnceLock<Value> = OnceLock::new();
    QUESTIONNAIRE.get_or_init(|| {
        let q = fhir::questionnaire(default_texts(), PACK.default_region).expect("questionnaire");
        serde_json::to_value(q).expect("json")
    })
}

/// Whether an item's `enableWhen` holds for the answers, each condition judged as LHC-Forms
/// and FHIR R5 judge it: `=` when an answer has the code, `!=` when none has.
fn enabled(item: &Value, answers: &Answers) -> bool {
    let Some(conditions) = item["enableWhen"].as_array() else {
        return true;
    };
    let holds = |condition: &Value| {
        let id = condition["question"].as_str().expect("question");
        let q = PACK.question_index(id).expect("a question");
        let code = condition["answerCoding"]["code"].as_str().expect("code");
        let chosen = answers
            .chosen(q)
            .any(|o| PACK.questions[usize::from(q)].options[usize::from(o)] == code);
        match condition["operator"].as_str() {
            Some("=") => chosen,
            Some("!=") => !chosen,
            other => panic!("operator {other:?}"),
        }
    };
    match item["enableBehavior"].as_str() {
        Some("any") => conditions.iter().any(holds),
        _ => conditions.iter().all(holds),
    }
}

/// Every group that the Questionnaire disables for these answers is one the questionnaire's
/// own flow would not reach with the answers to the steps before it: it shows the result
/// first (an early stop) or stops earlier for a missing answer.
fn assert_disabled_groups_are_never_reached(answers: &Answers) -> Result<(), TestCaseError> {
    let groups = english_questionnaire()["item"].as_array().expect("groups");
    for (s, group) in groups.iter().enumerate() {
        if enabled(group, answers) {
            continue;
        }
        let before: HashSet<u16> = PACK.steps[..s]
            .iter()
            .flat_map(|step| step.questions.iter().copied())
            .collect();
        let masks = (0..PACK.questions.len())
            .map(|q| u16::try_from(q).expect("index"))
            .map(|q| {
                if before.contains(&q) {
                    answers.mask(q)
                } else {
                    0
                }
            });
        let flow = Questionnaire::restored(&PACK, Answers::from_masks(&PACK, masks));
        prop_assert!(
            matches!(flow.screen(), Screen::Result)
                || matches!(flow.screen(), Screen::Step(t) if t < s),
            "group {} is disabled, but the flow reaches it: {:?} with {:?}",
            PACK.steps[s].id,
            flow.screen(),
            answers.to_raw(&PACK)
        );
    }
    Ok(())
}

/// The answers a form tool keeps: LHC-Forms leaves the answers in a group its `enableWhen`
/// disables out of its response (given the answers), so only those in enabled groups count.
fn kept_by_a_form(answers: &Answers) -> Answers {
    let groups = english_questionnaire()["item"].as_array().expect("groups");
    let dropped: HashSet<u16> = groups
        .iter()
        .zip(PACK.steps)
        .inspect(|(group, step)| assert_eq!(group["linkId"], step.id))
        .filter(|(group, _)| !enabled(group, answers))
        .flat_map(|(_, step)| step.questions.iter().copied())
        .collect();
    let masks = (0..PACK.questions.len())
        .map(|q| u16::try_from(q).expect("index"))
        .map(|q| {
            if dropped.contains(&q) {
                0
            } else {
                answers.mask(q)
            }
        });
    Answers::from_masks(&PACK, masks)
}

/// The safety rule for the early stop: the answers a form keeps give the same result as every
/// answer given (the checker counts answers on later steps too, given before the reader went
/// back to tick an earlier sign): as urgent, with the same next steps (a sudden nerve onset
/// says to call and not to drive, where a cold, pale leg alone allows going there).
fn assert_a_form_keeps_the_result(answers: &Answers) -> Result<(), TestCaseError> {
    let (given, kept) = (
        evaluate(&PACK, answers),
        evaluate(&PACK, &kept_by_a_form(answers)),
    );
    prop_assert!(
        kept.level == given.level && kept.advice == given.advice,
        "a form keeps answers that give {} {:?} where every answer gives {} {:?}: {:?}",
        kept.level_id(),
        kept.advice,
        given.level_id(),
        given.advice,
        answers.to_raw(&PACK)
    );
    Ok(())
}

/// Valid answers from their JSON form.
fn raw_answers(answers: Value) -> Answers {
    let raw = serde_json::from_value(answers).expect("raw answers");
    Answers::from_raw(&PACK, &raw).expect("valid answers")
}

/// Every answer file's answers.
fn answer_files() -> Vec<Answers> {
    let files = std::fs::read_dir(answers_file("")).expect("tests/answers");
    files
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read");
            raw_answers(serde_json::from_str(&text).expect("json"))
        })
        .collect()
}

#[test]
fn only_an_emergency_sign_disables_the_later_groups() {
    let q = english_questionnaire();
    let groups = q["item"].as_array().expect("groups");
    // Each condition as "question operator code".
    let gate = |group: &Value| -> Vec<String> {
        group["enableWhen"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                assert_eq!(c["answerCoding"]["system"], OPTION_SYSTEM);
                let text = |v: &Value| v.as_str().expect("text").to_string();
                let (on, code) = (&c["question"], &c["answerCoding"]["code"]);
                format!("{} {} {}", text(on), text(&c["operator"]), text(code))
            })
            .collect()
    };
    // No emergency sign: "!=" each of them (so an unanswered emergency screen disables
    // nothing). A same-day sign and under 18 gate nothing: a later answer (sudden eyesight
    // problems, a statin with muscle symptoms) can still make the result more urgent.
    let emergency =
        &PACK.questions[usize::from(PACK.question_index("q_emergency_signs").expect("q"))];
    let no_emergency: Vec<String> = emergency
        .options
        .iter()
        .filter(|&&o| o != "none")
        .map(|o| format!("q_emergency_signs != {o}"))
        .collect();
    // The emergency screen, and the symptoms (an emergency's next steps read the nerve onset),
    // stay open.
    let open = ["emergency", "symptoms"];
    for group in groups {
        if open.contains(&group["linkId"].as_str().expect("linkId")) {
            assert_eq!(gate(group), [""; 0], "{}", group["linkId"]);
            continue;
        }
        assert_eq!(gate(group), no_emergency, "{}", group["linkId"]);
        assert_eq!(group["enableBehavior"], "all", "{}", group["linkId"]);
    }
    let enabled_groups = |answers: &Answers| -> Vec<&str> {
        groups
            .iter()
            .filter(|g| enabled(g, answers))
            .map(|g| g["linkId"].as_str().expect("linkId"))
            .collect()
    };
    let emergency = raw_answers(json!({ "q_emergency_signs": ["cold_pale_leg"] }));
    assert_eq!(enabled_groups(&emergency), open);
    let urgent = raw_answers(
        json!({ "q_emergency_signs": ["none"], "q_urgent_signs": ["one_leg_swollen"] }),
    );
    let child = raw_answers(
        json!({ "q_emergency_signs": ["none"], "q_urgent_signs": ["none"], "q_age": "under_18" }),
    );
    let nothing = raw_answers(json!({}));
    for answers in [&urgent, &child, &nothing] {
        assert_eq!(enabled_groups(answers).len(), PACK.steps.len());
    }
    for answers in [emergency, urgent, child, nothing]
        .into_iter()
        .chain(answer_files())
    {
        assert_disabled_groups_are_never_reached(&answers).expect("sound");
        assert_a_form_keeps_the_result(&answers).expect("safe");
    }
}

#[test]
fn answers_given_on_later_steps_before_a_same_day_sign_or_under_18_still_count() {
    // The reviewer's cases: a reader answers later screens, then goes back and ticks a same-day
    // sign, or gives an age under 18. The checker counts every answer; so must the form.
    let calm =
        json!({ "q_emergency_signs": ["none"], "q_urgent_signs": ["none"], "q_age": "40_59" });
    let with = |changes: Value| {
        let mut answers = calm.clone();
        for (id, value) in changes.as_object().expect("object") {
            answers[id] = value.clone();
        }
        raw_answers(answers)
    };
    let cases = [
        (
            with(json!({
                "q_urgent_signs": ["one_leg_swollen"],
                "q_neuro": ["vision_changes"],
                "q_neuro_onset": "sudden_or_rapidly_worsening"
            })),
            "emergency_now",
        ),
        (
            with(json!({
                "q_age": "under_18",
                "q_other_meds": ["statin"],
                "q_statin_muscle": "yes"
            })),
            "urgent_same_day",
        ),
    ];
    for (answers, triage) in cases {
        let kept = kept_by_a_form(&answers);
        assert_eq!(kept, answers, "the form keeps every answer");
        let level = evaluate(&PACK, &kept).level;
        assert_eq!(PACK.levels[usize::from(level)].id, triage);
        assert_a_form_keeps_the_result(&answers).expect("safe");
    }
    // And after an emergency sign: a sudden nerve onset answered before a cold, pale leg was
    // ticked still says to call and not to drive (the symptoms stay open).
    let answers = with(json!({
        "q_emergency_signs": ["cold_pale_leg"],
        "q_neuro": ["vision_changes"],
        "q_neuro_onset": "sudden_or_rapidly_worsening"
    }));
    let age = PACK.question_index("q_age").expect("q_age");
    assert_eq!(
        kept_by_a_form(&answers).mask(age),
        0,
        "the later screens' answers go"
    );
    let advice: Vec<&str> = (evaluate(&PACK, &kept_by_a_form(&answers)).advice.iter())
        .map(|&a| PACK.advice[usize::from(a)].id)
        .collect();
    assert!(advice.contains(&"emergency_call_dont_drive"), "{advice:?}");
    assert_a_form_keeps_the_result(&answers).expect("safe");
}

/// Any answers, and half the time no emergency sign ("none"), so that the later screens are
/// open and what follows the other screens is explored as often as what follows an emergency.
fn answers_with_or_without_an_emergency_sign() -> impl Strategy<Value = Answers> {
    let emergency = PACK.question_index("q_emergency_signs").expect("q");
    let none = PACK.questions[usize::from(emergency)]
        .exclusive
        .expect("none");
    (any_answers(), any::<bool>()).prop_map(move |(answers, calm)| {
        let masks = (0..PACK.questions.len())
            .map(|q| u16::try_from(q).expect("index"))
            .map(|q| match q == emergency && calm {
                true => 1u32 << none,
                false => answers.mask(q),
            });
        Answers::from_masks(&PACK, masks)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The Questionnaire never disables a screen the questionnaire's own flow would ask.
    #[test]
    fn a_disabled_group_is_never_one_the_flow_would_ask(answers in any_answers()) {
        assert_disabled_groups_are_never_reached(&answers)?;
    }

    /// Leaving out the answers in the groups the Questionnaire disables (as a form tool does)
    /// gives the same result: the same level and the same next steps, so never a less urgent
    /// one.
    #[test]
    fn the_answers_a_form_keeps_give_the_same_result(
        answers in answers_with_or_without_an_emergency_sign()
    ) {
        assert_a_form_keeps_the_result(&answers)?;
    }
}

#[test]
fn a_response_is_completed_only_when_the_flow_would_show_its_result() {
    let response = |answers: Value| json_of(&["fhir", "response", "-"], Some(&answers.to_string()));
    let file = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(answers_file(name)).expect("read"))
            .expect("json")
    };
    // A red flag on the first screen shows the result at once; so does under 18 after the
    // safety screens.
    // FHIR requires every enabled required item in a `completed` response, so an early stop
    // that leaves one unanswered is `stopped`: after an emergency sign the nerve symptoms stay
    // enabled (their onset changes the emergency's next steps), and after under 18 every step.
    let emergency = json!({ "q_emergency_signs": ["chest_pain_or_breathless"] });
    assert_eq!(response(emergency)["status"], "stopped");
    assert_eq!(response(file("under-18.json"))["status"], "stopped");
    assert_eq!(response(file("same-day-statin.json"))["status"], "stopped");
    let answered =
        json!({ "q_emergency_signs": ["chest_pain_or_breathless"], "q_neuro": ["none"] });
    assert_eq!(response(answered)["status"], "completed");
    assert_eq!(
        response(file("self-care-exercise.json"))["status"],
        "completed"
    );
    // A shown required follow-up left unanswered (pins and needles without their onset).
    let mut no_onset = file("b12-metformin-tingling.json");
    no_onset
        .as_object_mut()
        .expect("object")
        .remove("q_neuro_onset");
    assert_eq!(response(no_onset)["status"], "in-progress");
    // A same-day red flag with the emergency screen unanswered, which could make it more
    // urgent: the flow asks the emergency screen first.
    let statin = json!({ "q_other_meds": ["statin"], "q_statin_muscle": "yes" });
    assert_eq!(response(statin)["status"], "in-progress");
    // Nothing answered: in progress, and no empty item list (FHIR forbids empty arrays).
    let empty = response(json!({}));
    assert_eq!(empty["status"], "in-progress");
    assert!(empty.get("item").is_none(), "{empty}");
}

#[test]
fn a_response_entered_in_error_is_refused() {
    let response = json!({
        "resourceType": "QuestionnaireResponse",
        "status": "entered-in-error",
        "item": [coded("q_age", &["40_59"])]
    });
    let message = refusal(&["fhir", "answers", "-"], &response.to_string());
    assert!(message.contains("entered-in-error"), "{message}");
    // Any other status is read: a response in progress gives partial answers.
    for status in ["in-progress", "completed", "amended", "stopped"] {
        let response = json!({
            "resourceType": "QuestionnaireResponse",
            "status": status,
            "item": [coded("q_age", &["40_59"])]
        });
        let answers = json_of(&["fhir", "answers", "-"], Some(&response.to_string()));
        assert_eq!(answers, json!({ "q_age": "40_59" }), "{status}");
    }
}

#[test]
fn properties_fhir_does_not_define_on_the_response_an_item_or_answer_are_refused_naming_the_link_id(
) {
    let coding = |code: &str| json!({ "system": OPTION_SYSTEM, "code": code });
    let cases = [
        // "answers" for "answer": the red flag would be dropped, and the result self-care.
        (
            json!([{ "linkId": "q_emergency_signs", "answers": [{ "valueCoding": coding("chest_pain_or_breathless") }] }]),
            ["q_emergency_signs", "\"answers\""],
        ),
        (
            json!([{ "linkId": "emergency", "items": [coded("q_emergency_signs", &["none"])] }]),
            ["emergency", "\"items\""],
        ),
        (
            json!([{ "linkId": "q_age", "answer": [{ "valueCodeing": coding("18_39") }] }]),
            ["q_age", "\"valueCodeing\""],
        ),
        (
            json!([{ "linkId": "symptoms", "item": [{ "linkId": "q_neuro", "answer": [
                { "valueCoding": coding("balance_problems"), "items": [] }
            ] }] }]),
            ["q_neuro", "\"items\""],
        ),
    ];
    for (items, expected) in cases {
        let message = refusal(&["fhir", "answers", "-"], &response_with(items));
        for part in expected {
            assert!(message.contains(part), "{message} should name {part}");
        }
    }
    // A modifierExtension changes what the answers mean; FHIR forbids ignoring one.
    let modifier = json!([{ "url": "http://example.org/negated", "valueBoolean": true }]);
    let on_item = json!([{ "linkId": "q_age", "modifierExtension": modifier, "answer": [{ "valueCoding": coding("18_39") }] }]);
    let on_answer = json!([{ "linkId": "q_age", "answer": [{ "valueCoding": coding("18_39"), "modifierExtension": modifier }] }]);
    for items in [on_item, on_answer] {
        let message = refusal(&["fhir", "answers", "-"], &response_with(items));
        assert!(
            message.contains("linkId q_age: a modifierExtension"),
            "{message}"
        );
    }
    // "items" for "item" on the response itself: every answer, a stroke sign among them, was
    // dropped. The properties FHIR defines there are read or left alone.
    let misspelt = json!({ "resourceType": "QuestionnaireResponse", "items": [
        coded("q_emergency_signs", &["face_arm_speech"])
    ] });
    let message = refusal(&["fhir", "answers", "-"], &misspelt.to_string());
    assert!(
        message.contains("\"items\" is not a property of a QuestionnaireResponse ("),
        "{message}"
    );
    let defined = json!({
        "resourceType": "QuestionnaireResponse", "id": "r1", "meta": { "versionId": "1" },
        "language": "en", "_status": { "extension": [] }, "authored": "2026-11-27",
        "subject": { "reference": "Patient/1" }, "source": { "reference": "Patient/1" },
        "item": [coded("q_age", &["40_59"])]
    });
    let answers = json_of(&["fhir", "answers", "-"], Some(&defined.to_string()));
    assert_eq!(answers, json!({ "q_age": "40_59" }));
    let on_response =
        json!({ "resourceType": "QuestionnaireResponse", "modifierExtension": modifier });
    let message = refusal(&["fhir", "answers", "-"], &on_response.to_string());
    assert!(message.contains("modifierExtension"), "{message}");
}

#[test]
fn an_answer_with_two_values_is_refused_naming_the_link_id() {
    let items = json!([{ "linkId": "q_age", "answer": [
        { "valueCoding": { "code": "18_39" }, "valueString": "75 or older" }
    ] }]);
    let message = refusal(&["fhir", "answers", "-"], &response_with(items));
    for part in ["q_age", "valueCoding", "valueString"] {
        assert!(message.contains(part), "{message} should name {part}");
    }
}

#[test]
fn a_response_the_questionnaire_would_not_show_the_result_for_is_read_with_a_warning() {
    // A same-day red flag with every screen before it unanswered: the questionnaire would ask
    // the emergency screen next, which could make it an emergency.
    let response = response_with(json!([
        coded("q_other_meds", &["statin"]),
        coded("q_statin_muscle", &["yes"])
    ]));
    let output = run(&["fhir", "answers", "-"], Some(&response));
    assert_eq!(output.status.code(), Some(0));
    let answers: Value = serde_json::from_slice(&output.stdout).expect("answers");
    assert_eq!(
        answers,
        json!({ "q_other_meds": ["statin"], "q_statin_muscle": "yes" })
    );
    let warning = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(
        warning,
        "cramp-check: warning: incomplete answers: the questionnaire would next ask \
         q_emergency_signs; an answer to q_emergency_signs, q_neuro could be a warning sign that \
         makes the result more urgent\n"
    );
    // Incomplete, but no answer could be a warning sign (calm answers without the cramps'
    // frequency): the warning names the question and no more.
    let mut calm: Value = serde_json::from_str(
        &std::fs::read_to_string(answers_file("self-care-exercise.json")).expect("read"),
    )
    .expect("json");
    calm.as_object_mut()
        .expect("object")
        .remove("q_cramp_frequency");
    let response = json_of(&["fhir", "response", "-"], Some(&calm.to_string()));
    assert_eq!(response["status"], "in-progress");
    let output = run(&["fhir", "answers", "-"], Some(&response.to_string()));
    assert_eq!(output.status.code(), Some(0));
    let warning = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(
        warning,
        "cramp-check: warning: incomplete answers: the questionnaire would next ask \
         q_cramp_frequency\n"
    );
    // A response the flow would show the result for reads without a warning: an early stop, or
    // every screen answered.
    let emergency = response_with(json!([coded("q_emergency_signs", &["cold_pale_leg"])]));
    let whole = json_of(
        &[
            "fhir",
            "response",
            answers_file("same-day-statin.json").to_str().expect("path"),
        ],
        None,
    );
    for response in [emergency, whole.to_string()] {
        let output = run(&["fhir", "answers", "-"], Some(&response));
        assert!(output.status.success());
        assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    }
}

fn response_with(items: Value) -> String {
    json!({ "resourceType": "QuestionnaireResponse", "status": "completed", "item": items })
        .to_string()
}

fn coded(link_id: &str, codes: &[&str]) -> Value {
    let answers: Vec<Value> = codes
        .iter()
        .map(|c| json!({ "valueCoding": { "code": c } }))
        .collect();
    json!({ "linkId": link_id, "answer": answers })
}

#[test]
fn another_form_fillers_response_is_read_nested_without_systems_or_displays() {
    // Shaped as LHC-Forms writes one: extra fields, groups, no system, a question under an answer.
    let response = json!({
        "resourceType": "QuestionnaireResponse",
        "meta": { "tag": [{ "code": "lformsVersion: 40.1.3" }] },
        "status": "in-progress",
        "authored": "2026-01-01T00:00:00Z",
        "questionnaire": format!("{QUESTIONNAIRE_URL}|0.9.0"),
        "item": [
            { "linkId": "age", "text": "Your age", "id": "a1", "definition": "http://example.org/age",
              "extension": [{ "url": "http://example.org/x", "valueString": "y" }],
              "_text": { "extension": [{ "url": "http://example.org/t", "valueString": "z" }] },
              "item": [coded("q_age", &["65_74"])] },
            { "linkId": "symptoms", "item": [{
                "linkId": "q_neuro",
                "answer": [
                    { "valueCoding": { "system": OPTION_SYSTEM, "code": "balance_problems", "display": "x" },
                      "id": "n1", "extension": [{ "url": "http://example.org/x", "valueString": "y" }],
                      "item": [coded("q_neuro_onset", &["gradual_weeks_to_months"])] }
                ]
            }]},
            { "linkId": "q_neuro-help", "text": "a display item" }
        ]
    });
    assert_eq!(
        json_of(&["fhir", "answers"], Some(&response.to_string())),
        json!({
            "q_age": "65_74",
            "q_neuro": ["balance_problems"],
            "q_neuro_onset": "gradual_weeks_to_months"
        })
    );
}

#[test]
fn bad_responses_exit_2_naming_the_link_id_or_code() {
    let cases: Vec<(String, &[&str])> = vec![
        ("{".into(), &["invalid QuestionnaireResponse JSON"]),
        (
            json!({ "resourceType": "Questionnaire" }).to_string(),
            &["expected a QuestionnaireResponse", "\"Questionnaire\""],
        ),
        (
            json!({ "resourceType": "QuestionnaireResponse", "questionnaire": "http://example.org/Q|1" })
                .to_string(),
            &["another questionnaire", "http://example.org/Q|1"],
        ),
        (response_with(json!([coded("q_shoe_size", &["42"])])), &["q_shoe_size"]),
        (response_with(json!([coded("q_age", &["age_100"])])), &["q_age", "age_100"]),
        (
            response_with(json!([coded("q_age", &["18_39", "40_59"])])),
            &["q_age", "one answer"],
        ),
        (
            response_with(json!([coded("q_neuro", &["none", "balance_problems"])])),
            &["q_neuro", "none"],
        ),
        (
            response_with(json!([coded("q_age", &["18_39"]), coded("q_age", &["18_39"])])),
            &["q_age", "twice"],
        ),
        (
            response_with(json!([coded("q_neuro_onset", &["gradual_weeks_to_months"])])),
            &["q_neuro_onset", "not asked"],
        ),
        (
            response_with(json!([{ "linkId": "q_age", "answer": [{ "valueString": "65" }] }])),
            &["q_age", "valueCoding"],
        ),
        (
            response_with(json!([{ "linkId": "q_age", "answer": [{ "valueCoding": { "display": "65" } }] }])),
            &["q_age", "no code"],
        ),
        (
            response_with(json!([{ "linkId": "q_age", "answer": [{ "valueCoding": { "system": "http://loinc.org", "code": "65_74" } }] }])),
            &["q_age", "http://loinc.org"],
        ),
        (
            response_with(json!([{ "answer": [] }])),
            &["linkId"],
        ),
        (
            json!({ "resourceType": "QuestionnaireResponse", "status": "entered-in-error" })
                .to_string(),
            &["entered-in-error"],
        ),
        // Nesting deeper than any form: refused by the JSON reader, not a stack overflow.
        (
            format!(
                "{}{}",
                "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"g\",\"item\":[".repeat(2000),
                "]}]}".repeat(2000)
            ),
            &["invalid QuestionnaireResponse JSON", "recursion limit"],
        ),
    ];
    for (input, expected) in cases {
        let output = run(&["fhir", "answers", "-"], Some(&input));
        let message = String::from_utf8(output.stderr).expect("utf-8");
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
        for part in expected {
            assert!(message.contains(part), "{message} should name {part}");
        }
    }
}

#[test]
fn bad_answers_for_a_response_are_refused_as_eval_refuses_them() {
    for name in [
        "answered-twice.json",
        "hidden-question.json",
        "hidden-onset-mouth-ulcers.json",
    ] {
        let path = answers_file(&format!("bad/{name}"));
        let path = path.to_str().expect("path");
        let eval = run(&["eval", path], None);
        let response = run(&["fhir", "response", path], None);
        assert_eq!(response.status.code(), Some(2), "{name}");
        assert_eq!(response.stderr, eval.stderr, "{name}");
    }
    assert!(refusal(&["fhir", "questionnaire", "answers.json"], "").contains("reads no input"));
    assert!(refusal(&["fhir", "survey"], "").contains("unknown fhir command"));
    assert!(refusal(&["fhir", "questionnaire", "--lang", "fr"], "").contains("unknown language"));
}
