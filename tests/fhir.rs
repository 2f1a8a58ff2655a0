//! `cramp-check fhir`: the Questionnaire's structure in both languages, answers through a
//! QuestionnaireResponse and back (every answer file, and generated answer sets), and every bad
//! response refused with exit code 2 and a message naming the linkId or code.

#[path = "support/command.rs"]
mod command;
#[path = "support/generators.rs"]
mod generators;

use b12_cramp_check::engine::model::QuestionKind;
use b12_cramp_check::fhir::{self, OPTION_SYSTEM, QUESTIONNAIRE_URL};
use b12_cramp_check::pack::{texts_for, UiText, LANGUAGES, PACK};
use b12_cramp_check::settings::region_of_language;
use command::{answers_file, run};
use generators::any_answers;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashSet;

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
        for lang in ["en", "es"] {
            let response = json_of(&["fhir", "response", "--lang", lang, path], None);
            assert_eq!(response["resourceType"], "QuestionnaireResponse");
            assert_eq!(response["status"], "completed");
            assert_eq!(
                response["questionnaire"],
                format!("{QUESTIONNAIRE_URL}|{}", PACK.version)
            );
            let answered: Vec<&str> = items(&response)
                .iter()
                .filter(|(group, _)| !group.is_empty())
                .map(|(_, i)| i["linkId"].as_str().expect("linkId"))
                .collect();
            let keys: HashSet<&str> = original
                .as_object()
                .expect("object")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(answered.iter().copied().collect::<HashSet<_>>(), keys);
            let back = json_of(&["fhir", "answers", "-"], Some(&response.to_string()));
            assert_eq!(back, original, "{path} ({lang})");
            assert_eq!(
                json_of(&["eval", "-"], Some(&back.to_string())),
                json_of(&["eval", path], None)
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Any valid answer set, in either language, comes back unchanged from its response.
    #[test]
    fn generated_answers_round_trip_through_a_response(answers in any_answers(), spanish in any::<bool>()) {
        let texts = texts_for(if spanish { "es" } else { "en" }).expect("language");
        let json = serde_json::to_string(&fhir::response(&answers, texts, PACK.default_region)).expect("json");
        let response: fhir::ResponseInput = serde_json::from_str(&json).expect("read back");
        prop_assert_eq!(fhir::answers_from_response(&response), Ok(answers));
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
            { "linkId": "age", "text": "Your age", "item": [coded("q_age", &["65_74"])] },
            { "linkId": "symptoms", "item": [{
                "linkId": "q_neuro",
                "answer": [
                    { "valueCoding": { "system": OPTION_SYSTEM, "code": "balance_problems", "display": "x" },
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
