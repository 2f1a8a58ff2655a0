//! The command-line contract, through the real `cramp-check` binary and hand-written answer
//! files in tests/answers/, and the questionnaire's property its warning about incomplete
//! answers relies on, over generated answer sets.

#[path = "support/command.rs"]
mod command;
#[path = "support/generators.rs"]
mod generators;

use b12_cramp_check::engine::{Answers, RawAnswers, RawValue};
use b12_cramp_check::pack::{LANGUAGES, PACK};
use b12_cramp_check::questionnaire::{Questionnaire, Screen};
use command::{answers_file, run};
use generators::any_answers;
use proptest::prelude::*;
use serde_json::Value;

fn eval_file(name: &str) -> Value {
    let path = answers_file(name);
    let output = run(&["eval", path.to_str().expect("path")], None);
    assert!(
        output.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("eval prints JSON")
}

/// An answer file from tests/answers/ with some questions left unanswered.
fn answers_without(name: &str, questions: &[&str]) -> Value {
    let text = std::fs::read_to_string(answers_file(name)).expect("read");
    let mut answers: Value = serde_json::from_str(&text).expect("json");
    let object = answers.as_object_mut().expect("object");
    for question in questions {
        assert!(
            object.remove(*question).is_some(),
            "{name} answers {question}"
        );
    }
    answers
}

#[test]
fn eval_prints_the_assessment_for_each_kind_of_result() {
    let cases = [
        ("emergency-early-exit.json", "emergency_now", "red_flag"),
        ("same-day-statin.json", "urgent_same_day", "red_flag"),
        ("b12-metformin-tingling.json", "provider_soon_b12", "b12"),
        (
            "other-cause-walking-pain.json",
            "provider_other_cause",
            "circulation",
        ),
        ("self-care-exercise.json", "self_care", "exertion"),
        ("under-18.json", "not_applicable", "nocturnal_idiopathic"),
    ];
    for (file, triage, top) in cases {
        let result = eval_file(file);
        assert_eq!(result["triage"], triage, "{file}");
        assert_eq!(result["top_factor"], top, "{file}");
        let factors = result["factors"].as_object().expect("factors");
        assert_eq!(factors.len(), 9, "{file}: every factor is scored");
        let reasons = result["reasons"].as_array().expect("reasons");
        assert!(!reasons.is_empty(), "{file}: at least one reason");
        assert!(
            result["notes"].is_array() && result["advice"].is_array(),
            "{file}"
        );
        assert_eq!(
            result["complete"], true,
            "{file}: the checker shows this result"
        );
    }
}

#[test]
fn eval_explains_which_answers_decided_it() {
    let result = eval_file("b12-metformin-tingling.json");
    assert_eq!(result["decided_by"], "outcome:b12_test_worth_asking");
    let reasons = result["reasons"].as_array().expect("reasons");
    let risk = reasons
        .iter()
        .find(|r| r["id"] == "b12_risk")
        .expect("risk reason");
    let risk_answers: Vec<&str> = risk["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| a["option"].as_str().expect("option"))
        .collect();
    assert_eq!(risk_answers, ["65_74", "metformin_1y_plus"]);
    assert!(risk["refs"]
        .as_array()
        .expect("refs")
        .contains(&Value::from("R1")));
    let symptoms = reasons
        .iter()
        .find(|r| r["id"] == "b12_symptoms")
        .expect("symptom reason");
    assert_eq!(
        symptoms["answers"][0]["option"],
        "pins_needles_numbness_both_sides"
    );
    assert_eq!(result["factors"]["b12"], 2 + 2 + 3 + 1);
}

#[test]
fn partial_answers_from_an_early_red_flag_exit_are_valid() {
    let result = eval_file("emergency-early-exit.json");
    assert_eq!(result["reasons"][0]["kind"], "red_flag");
    assert_eq!(result["reasons"][0]["id"], "chest_pain_or_breathless");
    assert_eq!(result["factors"]["red_flag"], 1);
}

#[test]
fn standard_input_and_dash_are_read() {
    let answers = r#"{"q_age":"65_74","q_neuro":["balance_problems"],"q_neuro_onset":"gradual_weeks_to_months"}"#;
    for args in [&["eval"][..], &["eval", "-"][..]] {
        let output = run(args, Some(answers));
        assert!(output.status.success());
        let result: Value = serde_json::from_slice(&output.stdout).expect("json");
        assert_eq!(result["triage"], "provider_soon_b12");
        // The safety screens are unanswered: the checker would ask them before this result.
        assert_eq!(result["complete"], false);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            text.ends_with("\"complete\": false\n}\n"),
            "the last field: {text}"
        );
    }
}

#[test]
fn explain_prints_readable_text_with_cited_sources() {
    let path = answers_file("b12-metformin-tingling.json");
    let output = run(
        &["explain", "--region", "uk", path.to_str().expect("path")],
        None,
    );
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text
        .starts_with("Result: Ask a doctor or nurse whether a vitamin B12 test is right for you"));
    assert!(text.contains("Why this result"));
    assert!(
        text.contains("You answered: \"Metformin (Glucophage), for 1 year or longer\""),
        "the UK region fills the brand name into the answer"
    );
    assert!(
        !text.contains('{'),
        "every placeholder is filled in:\n{text}"
    );
    assert!(
        text.contains("your GP surgery"),
        "the UK region fills the service name"
    );
    assert!(text.contains("Tests a healthcare professional may consider"));
    let sources = text.split("\nSources\n").nth(1).expect("a Sources section");
    assert!(sources.contains("[1] ") && sources.contains("https://"));
    // Every citation mark in the text has a numbered source.
    let highest = (1..100)
        .rev()
        .find(|n| text.contains(&format!("[{n}]")))
        .expect("citations");
    assert!(sources.contains(&format!("[{highest}] ")));
    assert!(text.contains("does not diagnose"));
}

#[test]
fn outline_prints_the_sections_in_the_pages_order_with_the_evals_reasons_and_advice() {
    let path = answers_file("b12-metformin-tingling.json");
    let output = run(&["outline", path.to_str().expect("path")], None);
    assert!(output.status.success());
    let outline: Value = serde_json::from_slice(&output.stdout).expect("outline prints JSON");
    let eval = eval_file("b12-metformin-tingling.json");
    assert_eq!(outline["level"], eval["triage"]);
    let sections = outline["sections"].as_array().expect("sections");
    let ids: Vec<&str> = sections.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "next_steps",
            "keep",
            "why",
            "factors",
            "background",
            "clinician_tests",
            "your_answers",
            "sources"
        ]
    );
    let items = |key: &str| -> Vec<String> {
        sections
            .iter()
            .filter_map(|s| s[key].as_array())
            .flatten()
            .map(|item| item["id"].as_str().expect("id").to_string())
            .collect()
    };
    let kind_and_id = |r: &Value| {
        format!(
            "{}:{}",
            r["kind"].as_str().unwrap_or(""),
            r["id"].as_str().unwrap_or("")
        )
    };
    let eval_reasons: Vec<String> = eval["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(kind_and_id)
        .collect();
    assert_eq!(items("reasons"), eval_reasons);
    let mut advice = items("advice");
    let mut eval_advice: Vec<String> = ["notes", "advice"]
        .iter()
        .flat_map(|key| eval[key].as_array().expect("advice"))
        .map(|a| a["id"].as_str().expect("id").to_string())
        .collect();
    advice.sort();
    eval_advice.sort();
    assert_eq!(advice, eval_advice);
    assert_eq!(outline["banner"]["citations"], serde_json::json!([1, 2]));
}

/// Hand-written answer sets for the rules of pack 1.1, through the real binary.
#[test]
fn pack_1_1_answer_files_give_their_results() {
    let cases = [
        (
            "emergency-tetanus-signs.json",
            "emergency_now",
            "red_flag:tetanus_signs_after_wound",
        ),
        (
            "emergency-palpitations.json",
            "emergency_now",
            "red_flag:palpitations_with_red_flags",
        ),
        (
            "emergency-compartment.json",
            "emergency_now",
            "red_flag:compartment_signs",
        ),
        (
            "emergency-heatstroke.json",
            "emergency_now",
            "red_flag:heatstroke_signs",
        ),
        (
            "same-day-nitrous-oxide.json",
            "urgent_same_day",
            "red_flag:nitrous_oxide_nerve_symptoms",
        ),
        (
            "self-care-short-lived-heat.json",
            "self_care",
            "outcome:self_care",
        ),
        (
            "other-cause-night-cramps-walking-pain.json",
            "provider_other_cause",
            "signal:claudication_pattern",
        ),
    ];
    for (file, triage, reason) in cases {
        let result = eval_file(file);
        assert_eq!(result["triage"], triage, "{file}");
        assert_eq!(result["pack"]["version"], "1.1.9", "{file}");
        let reasons: Vec<String> = result["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .map(|r| {
                format!(
                    "{}:{}",
                    r["kind"].as_str().unwrap_or(""),
                    r["id"].as_str().unwrap_or("")
                )
            })
            .collect();
        assert!(reasons.contains(&reason.to_string()), "{file}: {reasons:?}");
    }
}

#[test]
fn explain_names_the_emergency_number_for_the_region() {
    let answers = r#"{"q_emergency_signs":["face_arm_speech"]}"#;
    let us = String::from_utf8(run(&["explain", "--region", "us"], Some(answers)).stdout)
        .expect("utf-8");
    // The number to call first, then what to do.
    assert!(us.starts_with("Result: Get emergency help right now\nCall 911\nCall 911 now"));
    assert!(us.contains("Do not drive yourself"));
    // Signs where going straight there is also right name the place by region.
    let leg = r#"{"q_emergency_signs":["cold_pale_leg"]}"#;
    for (region, place) in [
        ("uk", "A&E"),
        ("us", "the emergency room"),
        ("eu", "the nearest emergency department"),
    ] {
        let text = String::from_utf8(run(&["explain", "--region", region], Some(leg)).stdout)
            .expect("utf-8");
        assert!(
            text.contains(&format!("take you to {place} straight away")),
            "{region}: {text}"
        );
    }
    let intl = String::from_utf8(run(&["explain"], Some(answers)).stdout).expect("utf-8");
    assert!(intl.contains("your local emergency number (for example 112, 911 or 999)"));
    assert!(intl.contains("Call 112\nCall 911\nCall 999\nCall your local emergency number"));
    let outline: Value =
        serde_json::from_slice(&run(&["outline", "--region", "uk"], Some(answers)).stdout)
            .expect("json");
    assert_eq!(
        outline["banner"]["calls"],
        serde_json::json!([{ "number": "999", "label": "Call 999" }])
    );
    let ids: Vec<&str> = outline["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert!(
        !ids.contains(&"keep"),
        "no print, share or remember in an emergency: {ids:?}"
    );
}

#[test]
fn explain_and_outline_speak_spanish_and_a_tag_picks_its_region() {
    let path = answers_file("b12-metformin-tingling.json");
    let path = path.to_str().expect("path");
    let text =
        String::from_utf8(run(&["explain", "--lang", "es", path], None).stdout).expect("utf-8");
    assert!(
        text.starts_with("Resultado: Pregunte a un médico o una enfermera si le conviene un análisis de vitamina B12"),
        "{text}"
    );
    assert!(text.contains("Por qué este resultado"));
    assert!(text.contains("Usted respondió: \"Metformina, desde hace 1 año o más\""));
    assert!(
        !text.contains('{'),
        "every placeholder is filled in:\n{text}"
    );
    for english in [
        "Why this result",
        "You answered",
        "What to do now",
        "doctor or nurse",
    ] {
        assert!(!text.contains(english), "English left: {english}\n{text}");
    }
    // es-ES is Spanish in the eu region, es-US in the us region; --region still wins.
    let stroke = r#"{"q_emergency_signs":["face_arm_speech"]}"#;
    let explain = |args: &[&str]| {
        let output = run(args, Some(stroke));
        assert!(output.status.success(), "{args:?}");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    assert!(explain(&["explain", "--lang", "es-ES"]).starts_with(
        "Resultado: Pida ayuda de emergencia ahora mismo\nLlamar al 112\nLlame al 112 ahora."
    ));
    assert!(explain(&["explain", "--lang", "es-US"]).contains("\nLlamar al 911\n"));
    assert!(
        explain(&["explain", "--lang", "es-ES", "--region", "uk"]).contains("\nLlamar al 999\n")
    );
    assert!(explain(&["explain", "--lang", "es"]).contains(
        "Llame al número de emergencias de su zona (por ejemplo, 112, 911 o 999) ahora."
    ));
    let leg = r#"{"q_emergency_signs":["cold_pale_leg"]}"#;
    let eu =
        String::from_utf8(run(&["explain", "--lang", "es-ES"], Some(leg)).stdout).expect("utf-8");
    assert!(
        eu.contains("llevarle ya a urgencias del hospital más cercano"),
        "{eu}"
    );
    let outline: Value = serde_json::from_slice(
        &run(&["outline", "--lang", "es", "--region", "eu"], Some(stroke)).stdout,
    )
    .expect("json");
    assert_eq!(
        outline["banner"]["calls"],
        serde_json::json!([{ "number": "112", "label": "Llamar al 112" }])
    );
}

/// Each bad input: exit code 2, nothing on stdout, one line naming the problem, no panic.
#[test]
fn bad_input_exits_2_with_one_line_naming_the_question_or_option() {
    let cases = [
        ("malformed.json", "invalid answers JSON: EOF while parsing a value at line 1 column 18"),
        ("unknown-question.json", "unknown question \"q_agee\""),
        ("unknown-option.json", "q_age: unknown option \"65-74\" (expected one of: under_18, 18_39, 40_59, 60_64, 65_74, 75_plus)"),
        ("string-for-multi.json", "q_neuro takes a list of options, for example [\"none\"], not a string"),
        ("list-for-single.json", "q_age takes one option as a string, not a list"),
        ("none-with-other.json", "q_neuro: \"none\" cannot be combined with other options (\"balance_problems\")"),
        ("hidden-question.json", "q_neuro_onset is not asked with these answers (it is asked only when q_neuro has any [pins_needles_numbness_both_sides, balance_problems, muscle_weakness, vision_changes]); remove it"),
        // Mouth ulcers are not a nerve symptom: the onset question is not asked after them.
        ("hidden-onset-mouth-ulcers.json", "q_neuro_onset is not asked with these answers"),
        ("hidden-statin.json", "q_statin_muscle is not asked with these answers (it is asked only when q_other_meds has statin); remove it"),
        ("number.json", "q_age: expected option ids as strings, found a number"),
        // The list's other items are read past, so the message still names the question.
        ("number-in-list.json", "q_neuro: expected option ids as strings, found a number"),
        ("repeated-option.json", "q_neuro: option \"balance_problems\" is given twice"),
        ("not-an-object.json", "invalid answers JSON: invalid type: sequence, expected an object of answers"),
        ("answered-twice.json", "invalid answers JSON: \"q_age\" is answered twice"),
        // What the parser cannot read in a value is named with its question, quoted.
        ("number-out-of-range.json", "invalid answers JSON: \"q_age\": number out of range"),
        ("nested-too-deep.json", "invalid answers JSON: \"q_neuro\": recursion limit exceeded"),
        // A quote in the question is escaped: it does not swallow the reason after it.
        ("quote-in-key.json", "invalid answers JSON: \"q\\\"x\": number out of range at line 1"),
        // More answers or options than there are: the first unknown one is named (a complete
        // answer set with one mistyped extra question, a list with mistyped extra options),
        // else the count (eleven "none", each known).
        ("too-many-answers.json", "unknown question \"q_extra_0\""),
        ("mistyped-extra-question.json", "unknown question \"q_smokr\""),
        ("mistyped-extra-option.json", "q_neuro: unknown option \"balance_problem\" (expected one of"),
        ("too-many-options.json", "q_neuro: more options given than the question has (10)"),
        // A control character in the input is escaped: still one line (found by fuzzing).
        ("newline-in-option.json", "q_neuro: unknown option \"balance\\nproblems\""),
        ("huge-option.json", &format!("q_age: unknown option \"65_74{}…\" (expected one of", "9".repeat(35))),
        // An escaped quote inside a quoted piece does not end it: still a short prefix.
        ("escaped-quote.json", &format!("invalid type: string \"\\\"{}…\", expected", "x".repeat(38))),
    ];
    for (file, expected) in cases {
        let path = answers_file(&format!("bad/{file}"));
        for command in ["eval", "explain", "outline"] {
            let output = run(&[command, path.to_str().expect("path")], None);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{file}: {stderr}");
            assert!(output.stdout.is_empty(), "{file}: nothing on stdout");
            assert_eq!(
                stderr.lines().count(),
                1,
                "{file}: one line, got {stderr:?}"
            );
            assert!(stderr.starts_with("cramp-check: "), "{file}: {stderr}");
            assert!(
                stderr.contains(expected),
                "{file}: expected {expected:?} in {stderr:?}"
            );
            assert!(!stderr.contains("panicked"), "{file}");
        }
    }
}

#[test]
fn files_saved_with_a_byte_order_mark_or_in_utf16_are_read_and_other_encodings_refused() {
    let text = std::fs::read_to_string(answers_file("b12-metformin-tingling.json")).expect("read");
    let utf16 = |mark: [u8; 2], unit: fn(u16) -> [u8; 2]| -> Vec<u8> {
        mark.into_iter()
            .chain(text.encode_utf16().flat_map(unit))
            .collect()
    };
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("encodings");
    std::fs::create_dir_all(&dir).expect("a folder");
    let read = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        let output = run(&["eval", path.to_str().expect("path")], None);
        (output, path.display().to_string())
    };
    // As Windows Notepad saves (a UTF-8 mark) and as PowerShell 5's `>` writes (UTF-16LE).
    for (name, bytes) in [
        (
            "utf8-mark.json",
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        ),
        ("utf16le.json", utf16([0xFF, 0xFE], u16::to_le_bytes)),
        ("utf16be.json", utf16([0xFE, 0xFF], u16::to_be_bytes)),
    ] {
        let (output, _) = read(name, &bytes);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{name}: {stderr}");
        let result: Value = serde_json::from_slice(&output.stdout).expect("json");
        assert_eq!(result["triage"], "provider_soon_b12", "{name}");
    }
    let utf32 = |mark: [u8; 4], unit: fn(u32) -> [u8; 4]| -> Vec<u8> {
        mark.into_iter()
            .chain(text.chars().flat_map(|c| unit(c.into())))
            .collect()
    };
    let not_utf8 = "is not UTF-8 text; save it as UTF-8";
    // UTF-32 (whose little-endian mark starts as UTF-16LE's), UTF-16 without its mark and a NUL
    // byte anywhere are refused as not UTF-8, not read on into a JSON syntax error.
    for (name, bytes, expected) in [
        (
            "latin1.json",
            b"{\"q_age\":\"65_74\xe9\"}".to_vec(),
            not_utf8,
        ),
        (
            "utf16-odd.json",
            b"\xff\xfe{\x00}".to_vec(),
            "starts as UTF-16 text but is not valid UTF-16",
        ),
        (
            "utf32le.json",
            utf32([0xFF, 0xFE, 0, 0], u32::to_le_bytes),
            not_utf8,
        ),
        (
            "utf32be.json",
            utf32([0, 0, 0xFE, 0xFF], u32::to_be_bytes),
            not_utf8,
        ),
        (
            "utf16le-no-mark.json",
            text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            not_utf8,
        ),
        (
            "utf16be-no-mark.json",
            text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            not_utf8,
        ),
        ("nul.json", b"{}\x00".to_vec(), not_utf8),
        (
            "utf8-mark-nul.json",
            b"\xef\xbb\xbf{}\x00".to_vec(),
            not_utf8,
        ),
    ] {
        let (output, path) = read(name, &bytes);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert_eq!(stderr.trim_end(), format!("cramp-check: {path} {expected}"));
    }
}

/// Input is read up to a cap far above any real answers or response (a few KB), so that
/// `eval /dev/zero` is refused by name instead of growing until memory runs out.
#[test]
fn input_larger_than_1_mib_is_refused_by_name() {
    const MIB: usize = 1 << 20;
    // Valid answers padded with spaces: the size alone decides.
    let padded = |size: usize| format!("{{}}{}", " ".repeat(size - 2));
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sizes");
    std::fs::create_dir_all(&dir).expect("a folder");
    let (at_cap, over_cap) = (dir.join("at-cap.json"), dir.join("over-cap.json"));
    std::fs::write(&at_cap, padded(MIB)).expect("write");
    std::fs::write(&over_cap, padded(MIB + 1)).expect("write");
    assert!(run(&["eval", at_cap.to_str().expect("path")], None)
        .status
        .success());
    let over_cap = over_cap.to_str().expect("path");
    for (args, stdin, source) in [
        (&["eval", over_cap][..], None, over_cap),
        (
            &["fhir", "answers", "-"][..],
            Some(padded(MIB + 1)),
            "standard input",
        ),
    ] {
        let output = run(args, stdin.as_deref());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert_eq!(
            stderr,
            format!(
                "cramp-check: {source} is larger than 1 MiB; answers take a few KB, even as a \
                 QuestionnaireResponse\n"
            )
        );
    }
}

/// Output that is lost is an error, but not a reader that stops early (`| head`).
#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_exits_1_but_a_closed_pipe_does_not() {
    let answers = answers_file("under-18.json");
    let command = || {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_cramp-check"));
        command.args(["fhir", "response", answers.to_str().expect("path")]);
        command
    };
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let output = command().stdout(full).output().expect("run cramp-check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("cramp-check: cannot write the output: No space left on device"),
        "{stderr}"
    );
    let mut child = command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run cramp-check");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success());
    assert!(output.stderr.is_empty(), "{output:?}");
}

/// `eval` and `fhir answers` print ids, which --lang and --region do not change: refused
/// rather than silently ignored.
#[test]
fn eval_and_fhir_answers_refuse_lang_and_region() {
    for (args, expected) in [
        (
            &["eval", "--lang", "es"][..],
            "eval prints ids, not texts: --lang has no effect",
        ),
        (
            &["eval", "-", "--region", "uk"][..],
            "eval prints ids, not texts: --region has no effect",
        ),
        (
            &["fhir", "answers", "--region", "uk"][..],
            "fhir answers prints ids, not texts: --region has no effect",
        ),
    ] {
        let output = run(args, Some("{}"));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!("cramp-check: {expected}\n")
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["explain", "--lang", "xx"][..],
        &["outline", "--region", "mars"][..],
        &["eval", "/no/such/file.json"][..],
        &[][..],
    ] {
        let output = run(args, Some("{}"));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
    }
    assert!(run(&["--help"], None).status.success());
}

/// A file name or an argument is quoted as any input is: escaped, so that the message stays one
/// line and cannot drive the terminal (a name from a folder of uploads may hold `\n` or an
/// escape sequence), and cut short. Before, each was printed whole and raw.
#[test]
fn arguments_and_file_names_in_messages_are_escaped_and_cut() {
    let long = format!("{}.json", "x".repeat(5_000));
    // Each escape counts as written: a name of 300 control characters is not a 2 KB message.
    let controls = "\u{1}".repeat(300);
    for (args, expected) in [
        (
            &["eval", &controls][..],
            "cramp-check: cannot read \\u{1}\\u{1}",
        ),
        (
            &["eval", "a\nb\u{1b}[2J.json"][..],
            "cramp-check: cannot read a\\nb\\u{1b}[2J.json: ",
        ),
        (&["eval", &long][..], "cramp-check: cannot read xxxx"),
        (&["eval", "-", "a\nb"][..], "unexpected argument \"a\\nb\""),
        (&["fhir", "questionnaire", "a\rb"][..], "argument \"a\\rb\""),
        (&["a\nb"][..], "unknown command \"a\\nb\""),
        (&["fhir", "a\nb"][..], "unknown fhir command \"a\\nb\""),
        (&["eval", "--a\nb"][..], "unknown option \"--a\\nb\""),
    ] {
        let output = run(args, Some("{}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(first.contains(expected), "{expected:?} in {first:?}");
        assert!(first.len() < 1000, "{args:?}: {} bytes", first.len());
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\r'),
            "{stderr:?}"
        );
    }
}

/// Bidi overrides and line separators in the input are escaped too: a terminal would reorder
/// the message's text or break its line at them (only the control characters were).
#[test]
fn format_characters_in_messages_are_escaped() {
    let output = run(&["eval"], Some("{\"q_age\": \"\u{202e}47_56\u{2028}\"}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("unknown option \"\\u{202e}47_56\\u{2028}\""),
        "{stderr:?}"
    );
    // The other invisible format characters: the Mongolian vowel separator, the deprecated
    // shaping controls, the interlinear annotation marks and the tag characters.
    let output = run(
        &["eval"],
        Some("{\"q_\u{180e}age\u{206a}\u{fff9}\u{e0041}\": \"\"}"),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown question \"q_\\u{180e}age\\u{206a}\\u{fff9}\\u{e0041}\""),
        "{stderr:?}"
    );
}

/// `fhir response` writes `stopped` too, and may leave answers out with a warning.
#[test]
fn help_names_every_status_of_a_response_and_its_left_out_warning() {
    let help = String::from_utf8(run(&["--help"], None).stdout).expect("UTF-8");
    // Its lines joined: a phrase may wrap.
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        "status completed",
        "stopped",
        "in-progress",
        "left out, with a warning",
    ] {
        assert!(help.contains(words), "{words:?} in {help}");
    }
}

#[test]
fn help_names_the_packs_regions_and_languages() {
    let help = String::from_utf8(run(&["--help"], None).stdout).expect("UTF-8");
    let regions = format!("[--region {}]", PACK.regions.join("|"));
    assert_eq!(help.matches(&regions).count(), 3, "{help}");
    let languages: Vec<&str> = LANGUAGES.iter().map(|t| t.code).collect();
    assert!(
        help.contains(&format!("--lang takes\n{};", languages.join(" or "))),
        "{help}"
    );
    assert!(
        !help.contains("{REGIONS}") && !help.contains("{LANGUAGES}"),
        "{help}"
    );
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_text_exits_2_naming_it() {
    use std::os::unix::ffi::OsStrExt;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cramp-check"))
        .arg("eval")
        .arg(std::ffi::OsStr::from_bytes(b"\xff.json"))
        .output()
        .expect("run cramp-check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "cramp-check: an argument is not valid UTF-8: \u{fffd}.json\n"
    );
}

#[test]
fn version_names_the_program_and_the_content_pack_that_eval_reports() {
    let output = run(&["--version"], None);
    assert!(output.status.success());
    let assessment: Value =
        serde_json::from_slice(&run(&["eval"], Some("{}")).stdout).expect("eval prints JSON");
    let pack = &assessment["pack"];
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim_end(),
        format!(
            "cramp-check {} (content pack {} {})",
            env!("CARGO_PKG_VERSION"),
            pack["id"].as_str().expect("id"),
            pack["version"].as_str().expect("version")
        )
    );
}

#[test]
fn empty_answers_are_a_valid_partial_answer_set() {
    let output = run(&["eval"], Some("{}"));
    assert!(output.status.success());
    let result: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(result["triage"], "self_care");
    assert_eq!(result["top_factor"], "nocturnal_idiopathic");
}

/// `eval` on answers: its result's triage and its standard error.
fn eval_with_warning(answers: &str) -> (Value, String) {
    let output = run(&["eval"], Some(answers));
    assert!(output.status.success(), "{answers}");
    let result: Value = serde_json::from_slice(&output.stdout).expect("json");
    (
        result["triage"].clone(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The question ids a warning names: those the questionnaire would ask next, and those an
/// answer to which could be a warning sign that makes the result more urgent.
fn named(warning: &str) -> (Vec<&str>, Vec<&str>) {
    assert_eq!(warning.lines().count(), 1, "{warning}");
    let rest = warning
        .trim_end()
        .strip_prefix("cramp-check: warning: incomplete answers: the questionnaire would next ask ")
        .unwrap_or_else(|| panic!("{warning}"));
    let (next, signs) = match rest.split_once("; an answer to ") {
        Some((next, signs)) => {
            let signs = signs
                .strip_suffix(" could be a warning sign that makes the result more urgent")
                .unwrap_or_else(|| panic!("{warning}"));
            (next, signs.split(", ").collect())
        }
        None => (rest, Vec::new()),
    };
    (next.split(", ").collect(), signs)
}

#[test]
fn eval_warns_when_the_questionnaire_would_not_show_the_result_yet() {
    // A same-day red flag with the emergency screen unanswered: the result still prints, exit 0,
    // and one line on standard error names the question the questionnaire would ask next, an
    // answer to which could be an emergency sign.
    let (triage, warning) = eval_with_warning(r#"{"q_urgent_signs":["one_leg_swollen"]}"#);
    assert_eq!(triage, "urgent_same_day");
    assert_eq!(
        named(&warning),
        (vec!["q_emergency_signs"], vec!["q_emergency_signs"])
    );
    // Under 18 alone: the questionnaire asks the safety screens first, and stops after them;
    // it never asks the nerve or medicine questions then.
    let (triage, warning) = eval_with_warning(r#"{"q_age":"under_18"}"#);
    assert_eq!(triage, "not_applicable");
    assert_eq!(
        named(&warning),
        (
            vec!["q_emergency_signs"],
            vec!["q_emergency_signs", "q_urgent_signs"]
        )
    );
    // Nothing answered: the emergency screen.
    let (_, warning) = eval_with_warning("{}");
    assert_eq!(
        named(&warning),
        (vec!["q_emergency_signs"], vec!["q_emergency_signs"])
    );
    // A follow-up on a later step the answers have reached, left unanswered while an earlier
    // question is too: the questionnaire would ask the earlier one next, and the onset of nerve
    // symptoms could make it an emergency.
    let nitrous = answers_without(
        "same-day-nitrous-oxide.json",
        &["q_neuro_onset", "q_cramp_site"],
    );
    let (triage, warning) = eval_with_warning(&nitrous.to_string());
    assert_eq!(triage, "urgent_same_day");
    assert_eq!(
        named(&warning),
        (vec!["q_cramp_site"], vec!["q_neuro_onset"])
    );
    // Calm answers (nothing recent to explain the cramps) without their frequency: self-care,
    // but "nightly" would make it an appointment, and the questionnaire would not show a
    // result yet. No warning sign could follow, so the warning names none.
    let mut calm = answers_without("self-care-exercise.json", &["q_cramp_frequency"]);
    calm["q_recent_context"] = serde_json::json!(["none"]);
    let (triage, warning) = eval_with_warning(&calm.to_string());
    assert_eq!(triage, "self_care");
    assert_eq!(named(&warning), (vec!["q_cramp_frequency"], vec![]));
    calm["q_cramp_frequency"] = "nightly_or_daily".into();
    let (triage, warning) = eval_with_warning(&calm.to_string());
    assert_eq!(triage, "provider_other_cause");
    assert_eq!(warning, "");
    // Every answer file is an answer set the questionnaire would show the result for (early
    // exits and under 18 included): no warning, whatever prints the result.
    let files = std::fs::read_dir(answers_file("")).expect("tests/answers");
    for path in files.map(|e| e.expect("entry").path()) {
        if path.extension().is_some_and(|e| e == "json") {
            for command in ["eval", "explain", "outline"] {
                let output = run(&[command, path.to_str().expect("path")], None);
                assert!(output.status.success(), "{command} {path:?}");
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert_eq!(stderr, "", "{command} {path:?}");
            }
        }
    }
    // Nothing could be more urgent than an emergency, whatever is unanswered: the result.
    let (_, warning) = eval_with_warning(r#"{"q_emergency_signs":["cold_pale_leg"]}"#);
    assert_eq!(warning, "");
}

/// `explain` and `outline` print the result for incomplete answers with the same warning as
/// `eval`: their readers are the likeliest to take the result as final.
#[test]
fn explain_and_outline_warn_when_the_questionnaire_would_not_show_the_result_yet() {
    let eval = run(&["eval"], Some("{}"));
    let eval_warning = String::from_utf8_lossy(&eval.stderr);
    assert_eq!(
        named(&eval_warning),
        (vec!["q_emergency_signs"], vec!["q_emergency_signs"])
    );
    for command in ["explain", "outline"] {
        let output = run(&[command, "-"], Some("{}"));
        assert!(output.status.success(), "{command}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            eval_warning,
            "{command}"
        );
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        match command {
            "explain" => assert!(text.starts_with("Result: "), "{text}"),
            _ => assert_eq!(
                serde_json::from_str::<Value>(&text).expect("JSON")["level"],
                "self_care"
            ),
        }
    }
}

/// Over the count with every name known (only answers built in code repeat a name; JSON
/// refuses a repeat first), nothing is named: the count is.
#[test]
fn more_answers_than_questions_with_known_names_are_refused_by_their_count() {
    let questions = PACK.questions.len();
    let age = ("q_age".to_string(), RawValue::One("65_74".to_string()));
    let raw = RawAnswers(vec![age; questions + 1]);
    let error = Answers::from_raw(&PACK, &raw).expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "{} answers given, but there are only {questions} questions",
            questions + 1
        )
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The warning always has a question to name: the questionnaire stops short of the result
    /// only on a step with a shown required question unanswered.
    #[test]
    fn the_questionnaire_stops_only_where_a_required_question_is_unanswered(
        answers in any_answers()
    ) {
        let flow = Questionnaire::restored(&PACK, answers);
        if let Screen::Step(step) = flow.screen() {
            prop_assert!(!flow.unanswered_required(step).is_empty(), "{:?}", flow.screen());
        }
    }
}
