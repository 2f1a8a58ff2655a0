//! The build check on real data: the shipped pack compiles, and each kind of mistake an editor
//! can make stops it with a message that names the file and the entry.

use b12_pack_compiler::compile;
use std::fs;
use std::path::{Path, PathBuf};

fn real_pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../packs/b12-cramps")
}

/// A copy of the real pack in a fresh folder, with `edit` applied to one of its files.
fn broken_pack(name: &str, file: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("broken-packs")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&real_pack(), &dir);
    let path = dir.join(file);
    let original = fs::read_to_string(&path).expect("pack file");
    let edited = edit(original.clone());
    assert_ne!(original, edited, "the edit must change {file}");
    fs::write(&path, edited).expect("write");
    dir
}

/// A second edit of the same kind in another file of a broken pack (the same change in every
/// language, say).
fn also_edit(dir: &Path, file: &str, edit: impl Fn(String) -> String) {
    let path = dir.join(file);
    let original = fs::read_to_string(&path).expect("pack file");
    let edited = edit(original.clone());
    assert_ne!(original, edited, "the edit must change {file}");
    fs::write(&path, edited).expect("write");
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read pack") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Compiles `dir`, expecting failure, and returns the messages.
fn errors(dir: &Path) -> Vec<String> {
    match compile(dir) {
        Ok(_) => panic!("the broken pack in {} compiled", dir.display()),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn assert_reported(messages: &[String], file: &str, parts: &[&str]) {
    assert!(
        messages
            .iter()
            .any(|m| m.contains(file) && parts.iter().all(|p| m.contains(p))),
        "expected an error in {file} containing {parts:?}, got:\n{}",
        messages.join("\n")
    );
}

#[test]
fn the_shipped_pack_compiles() {
    let compiled = compile(&real_pack()).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert!(compiled.pack.contains("pub static PACK: Pack"));
    assert!(compiled.witnesses.contains("outcome:self_care"));
    // What a reviewer must still confirm: printed with the test run's figures.
    let cited = compiled.pack.matches("Reference { id:").count();
    println!(
        "references: {cited}, of which {} still carry a verify note (a detail a reviewer must confirm against the live source; the build warns of each):",
        compiled.warnings.len()
    );
    for warning in &compiled.warnings {
        println!("  {warning}");
    }
}

#[test]
fn search_and_home_page_addresses_are_refused() {
    let dir = broken_pack("search-address", "references.toml", |s| {
        s.replace(
            "https://doi.org/10.1093/ajcn/nqab193",
            "https://pubmed.ncbi.nlm.nih.gov/?term=Porter+atrophic+gastritis",
        )
        .replace(
            "https://doi.org/10.1182/blood-2008-03-040253",
            "https://ash-sap.org/",
        )
    });
    let messages = errors(&dir);
    assert_reported(&messages, "references.toml", &["[R15]", "is a search"]);
    assert_reported(&messages, "references.toml", &["[R9]", "is a home page"]);
}

#[test]
fn a_result_level_without_sources_for_its_heading_is_named() {
    let dir = broken_pack("level-refs", "pack.toml", |s| {
        s.replace(
            "id = \"urgent_same_day\"\ntone = \"urgent\"\nrefs = [\"R24\", \"R26\"]\n",
            "id = \"urgent_same_day\"\ntone = \"urgent\"\n",
        )
    });
    assert_reported(&errors(&dir), "pack.toml", &["missing field `refs`"]);
}

#[test]
fn a_region_missing_a_placeholder_is_named() {
    let dir = broken_pack("region-key", "texts/en.toml", |s| {
        s.replacen("emergency_place = \"A&E\"\n", "", 1)
    });
    assert_reported(
        &errors(&dir),
        "en.toml",
        &["regions.uk.emergency_place", "missing text"],
    );
}

#[test]
fn a_number_to_dial_that_is_not_digits_is_named() {
    let dir = broken_pack("region-dial", "texts/en.toml", |s| {
        s.replacen("same_day_dial = \"111\"", "same_day_dial = \"NHS 111\"", 1)
    });
    assert_reported(
        &errors(&dir),
        "en.toml",
        &["regions.uk.same_day_dial", "digits only"],
    );
}

#[test]
fn unknown_option_is_named() {
    let dir = broken_pack("unknown-option", "scoring.toml", |s| {
        s.replace("q_gut_history has coeliac", "q_gut_history has celiac")
    });
    assert_reported(
        &errors(&dir),
        "scoring.toml",
        &["b12 entry", "unknown option \"celiac\" for q_gut_history"],
    );
}

#[test]
fn unknown_question_is_named() {
    let dir = broken_pack("unknown-question", "rules.toml", |s| {
        s.replace("q_alcohol is heavy_regular", "q_alcohl is heavy_regular")
    });
    assert_reported(
        &errors(&dir),
        "rules.toml",
        &["signal \"heavy_alcohol\"", "unknown question \"q_alcohl\""],
    );
}

#[test]
fn unknown_factor_and_reference_are_named() {
    let dir = broken_pack("unknown-factor", "rules.toml", |s| {
        s.replace("top = \"b12\"", "top = \"vitamin_b12\"")
            .replace("refs = [\"R34\"]", "refs = [\"R999\"]")
    });
    let messages = errors(&dir);
    assert_reported(
        &messages,
        "rules.toml",
        &[
            "outcome \"b12_test_worth_asking\"",
            "unknown factor \"vitamin_b12\"",
        ],
    );
    assert_reported(
        &messages,
        "rules.toml",
        &["red_flag \"stroke_signs\"", "unknown reference \"R999\""],
    );
}

#[test]
fn missing_text_is_named() {
    let dir = broken_pack("missing-text", "texts/en.toml", |s| {
        s.replace(
            "heavy_alcohol = \"Heavy drinking over years can damage the nerves and cause cramps.\"\n",
            "",
        )
    });
    assert_reported(
        &errors(&dir),
        "en.toml",
        &["signals.heavy_alcohol", "missing text"],
    );
}

#[test]
fn a_key_missing_in_another_language_is_named_with_its_file() {
    // The default language defines the keys; every other language must have each of them,
    // the interface's words and a region's placeholders included.
    let dir = broken_pack("missing-text-es", "texts/es.toml", |s| {
        s.replace("see_result_now = \"Ver qué hacer ahora\"\n", "")
            .replace(
                "emergency_place = \"urgencias del hospital más cercano\"\n",
                "",
            )
    });
    let messages = errors(&dir);
    assert_reported(&messages, "es.toml", &["ui.see_result_now", "missing"]);
    assert_reported(
        &messages,
        "es.toml",
        &["regions.eu.emergency_place", "missing text"],
    );
}

#[test]
fn a_text_with_the_separator_of_compiled_texts_is_named() {
    // U+001F ends each text in the compiled table, so a text may not contain it.
    let dir = broken_pack("separator-in-text", "texts/en.toml", |s| {
        s.replace(
            "heavy_alcohol = \"Heavy drinking",
            "heavy_alcohol = \"Heavy\\u001Fdrinking",
        )
    });
    assert_reported(
        &errors(&dir),
        "en.toml",
        &["signals.heavy_alcohol", "U+001F"],
    );
}

#[test]
fn month_names_other_than_twelve_are_named() {
    // The printed date takes its month name by position from this list.
    let dir = broken_pack("eleven-months", "texts/es.toml", |s| {
        s.replace("octubre noviembre", "octubre")
    });
    assert_reported(
        &errors(&dir),
        "es.toml",
        &["ui.months", "twelve month names"],
    );
}

#[test]
fn extra_text_key_is_named() {
    let dir = broken_pack("extra-text", "texts/en.toml", |s| {
        s.replace("[signals]\n", "[signals]\nheavy_alcohool = \"typo\"\n")
    });
    assert_reported(
        &errors(&dir),
        "en.toml",
        &["signals.heavy_alcohool", "unknown key"],
    );
}

#[test]
fn rule_that_can_never_fire_is_named() {
    let dir = broken_pack("never-fires", "rules.toml", |s| {
        s.replace(
            "when = \"q_med_change is cramps_started_after_new_or_increased_med\"",
            "when = \"q_med_change is cramps_started_after_new_or_increased_med and q_med_change is no_or_unsure\"",
        )
    });
    assert_reported(
        &errors(&dir),
        "rules.toml",
        &["signal \"started_after_medicine\"", "can never hold"],
    );
}

/// An advice item that lists a level where it can never show: the note for readers with a B12
/// risk and none of its symptoms, on the B12 result (which needs a symptom). Pack 1.1.3 listed
/// such levels; nothing stopped it while the item could show at another one.
#[test]
fn advice_at_a_level_where_it_can_never_show_is_named() {
    let dir = broken_pack("advice-level", "advice.toml", |s| {
        s.replacen(
            "levels = [\"provider_other_cause\", \"self_care\"]\nwhen = \"b12_risk and points(b12.symptom) = 0\"",
            "levels = [\"provider_soon_b12\", \"provider_other_cause\", \"self_care\"]\nwhen = \"b12_risk and points(b12.symptom) = 0\"",
            1,
        )
    });
    let messages = errors(&dir);
    assert_reported(
        &messages,
        "advice.toml",
        &[
            "advice \"b12_risk_routine_check\" at level \"provider_soon_b12\"",
            "can never be shown at that level",
        ],
    );
    assert_eq!(messages.len(), 1, "only that level: {messages:?}");
}

#[test]
fn outcome_shadowed_by_earlier_outcome_is_named() {
    // An earlier outcome that applies to every answered age leaves the later ones only the
    // readers who gave no age; one that applies whatever the age leaves them nothing.
    let dir = broken_pack("shadowed", "rules.toml", |s| {
        s.replace(
            "when = \"q_age is under_18\"",
            "when = \"q_age is under_18 or not q_age is under_18\"",
        )
    });
    let messages = errors(&dir);
    for outcome in [
        "b12_test_worth_asking",
        "other_cause_worth_checking",
        "self_care",
    ] {
        assert_reported(
            &messages,
            "rules.toml",
            &[&format!("outcome \"{outcome}\""), "can never be the result"],
        );
    }
}

#[test]
fn show_if_cycle_is_named() {
    let dir = broken_pack("show-if-cycle", "questions.toml", |s| {
        s.replacen(
            "id = \"q_neuro\"\nstep = \"symptoms\"\n",
            "id = \"q_neuro\"\nstep = \"symptoms\"\nshow_if = \"q_neuro_onset is gradual_weeks_to_months\"\n",
            1,
        )
    });
    assert_reported(
        &errors(&dir),
        "questions.toml",
        &["show_if cycle: q_neuro -> q_neuro_onset -> q_neuro"],
    );
}

#[test]
fn rule_cycle_is_named() {
    let dir = broken_pack("rule-cycle", "rules.toml", |s| {
        s.replace(
            "when = \"b12_risk and b12_symptoms\"",
            "when = \"b12_risk and b12_symptoms and not nerve_symptoms_without_b12_gate\"",
        )
    });
    assert_reported(
        &errors(&dir),
        "rules.toml",
        &[
            "cycle",
            "signal b12_gate",
            "signal nerve_symptoms_without_b12_gate",
        ],
    );
}

#[test]
fn wrong_question_kind_and_none_are_explained() {
    let dir = broken_pack("wrong-kind", "scoring.toml", |s| {
        s.replace("q_neuro has vision_changes", "q_neuro is vision_changes")
            .replace("q_smoker is yes", "q_smoker has yes")
    });
    let messages = errors(&dir);
    assert_reported(
        &messages,
        "scoring.toml",
        &["q_neuro: it is a tick-all-that-apply question: use \"has\""],
    );
    assert_reported(
        &messages,
        "scoring.toml",
        &["q_smoker: it is a one-answer question"],
    );
}

#[test]
fn toml_syntax_error_gives_the_line() {
    let dir = broken_pack("syntax", "advice.toml", |s| {
        s.replacen("section = \"note\"", "section = \"note", 1)
    });
    assert_reported(&errors(&dir), "advice.toml", &["line "]);
}

/// The same check through a real build of the checker: `build.rs` refuses the pack and cargo
/// shows the message. Uses its own target folder so it never waits on the outer build's lock.
#[test]
fn the_checker_build_fails_on_an_unknown_option_and_names_it() {
    let dir = broken_pack("build-unknown-option", "scoring.toml", |s| {
        s.replace("q_gut_history has coeliac", "q_gut_history has celiac")
    });
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = std::process::Command::new(env!("CARGO"))
        .current_dir(&workspace)
        .args([
            "check",
            "--offline",
            "--quiet",
            "--package",
            "b12-cramp-check",
            "--lib",
        ])
        .env("B12_PACK_DIR", &dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("pack-build-check"),
        )
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the build must fail:\n{stderr}");
    assert!(stderr.contains("error: the content pack in"), "{stderr}");
    assert!(
        stderr.contains("scoring.toml: b12 entry 13 (\"q_gut_history has celiac\"): unknown option \"celiac\" for q_gut_history"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_tone_is_named() {
    let dir = broken_pack("tone", "pack.toml", |s| {
        s.replacen("tone = \"urgent\"", "tone = \"red\"", 1)
    });
    assert_reported(
        &errors(&dir),
        "pack.toml",
        &["level \"urgent_same_day\"", "unknown tone \"red\""],
    );
}

#[test]
fn a_question_out_of_its_step_is_named() {
    // q_smoker (step "conditions") moved before q_age (step "age").
    let dir = broken_pack("step-order", "questions.toml", |s| {
        let smoker = "[[question]]\nid = \"q_smoker\"\nstep = \"conditions\"\nkind = \"single\"\nrequired = true\noptions = [\"yes\", \"no\"]\nrefs = [\"R39\"]\n\n";
        s.replacen(smoker, "", 1).replacen(
            "[[question]]\nid = \"q_age\"",
            &format!("{smoker}[[question]]\nid = \"q_age\""),
            1,
        )
    });
    assert_reported(
        &errors(&dir),
        "questions.toml",
        &[
            "question \"q_age\"",
            "comes after a question of the later step \"conditions\"",
        ],
    );
    let dir = broken_pack("unknown-step", "questions.toml", |s| {
        s.replacen("step = \"conditions\"", "step = \"past\"", 1)
    });
    assert_reported(&errors(&dir), "questions.toml", &["unknown step \"past\""]);
}

#[test]
fn every_verify_note_is_a_warning_naming_its_reference() {
    let compiled = compile(&real_pack()).expect("the shipped pack compiles");
    let notes = fs::read_to_string(real_pack().join("references.toml"))
        .expect("references")
        .matches("\nverify = ")
        .count();
    assert_eq!(compiled.warnings.len(), notes);
    for warning in &compiled.warnings {
        assert!(warning.file.ends_with("references.toml"), "{warning}");
        assert!(
            warning.entry.starts_with("[R") && warning.message.starts_with("to verify: "),
            "{warning}"
        );
    }
}

#[test]
fn a_show_if_with_not_is_refused() {
    // Answering another question could then hide an answered one, which the questionnaire's
    // check that nothing unanswered could make a result more urgent does not foresee.
    let dir = broken_pack("show-if-not", "questions.toml", |s| {
        s.replacen(
            "show_if = \"q_other_meds has statin\"",
            "show_if = \"not q_other_meds has none\"",
            1,
        )
    });
    assert_reported(
        &errors(&dir),
        "questions.toml",
        &["q_statin_muscle", "show_if may not use \"not\""],
    );
}

#[test]
fn a_reference_language_that_is_not_a_tag_is_refused() {
    let dir = broken_pack("reference-language", "references.toml", |s| {
        s.replacen("year = 2024\n", "year = 2024\nlanguage = \"english\"\n", 1)
    });
    assert_reported(
        &errors(&dir),
        "references.toml",
        &["[R1]", "language \"english\" is not a language tag"],
    );
}

#[test]
fn a_region_without_the_numbers_the_checker_dials_is_named() {
    // The checker reads emergency_dial and same_day_dial by name: renamed or dropped in every
    // region of every language, the emergency banners would lose their numbers.
    let rename = |s: String| {
        s.replace("emergency_dial = ", "emergency_call = ")
            .replace("same_day_dial = \"111\"\n", "")
            .replace("same_day_dial = \"\"\n", "")
    };
    let dir = broken_pack("region-dial-renamed", "texts/en.toml", rename);
    also_edit(&dir, "texts/es.toml", rename);
    let messages = errors(&dir);
    for file in ["en.toml", "es.toml"] {
        for region in ["intl", "uk", "us", "eu"] {
            for key in ["emergency_dial", "same_day_dial"] {
                assert_reported(
                    &messages,
                    file,
                    &[
                        &format!("regions.{region}.{key}"),
                        &format!("missing: numbers to dial in quotes (\"\" for none): the checker reads {key} in every region"),
                    ],
                );
            }
        }
    }
}

#[test]
fn a_number_to_dial_that_differs_between_languages_is_named() {
    // The uk's emergency number, dialled as 112 in Spanish but 999 in English.
    let dir = broken_pack("region-dial-differs", "texts/es.toml", |s| {
        s.replacen("emergency_dial = \"999\"", "emergency_dial = \"112\"", 1)
    });
    assert_reported(
        &errors(&dir),
        "es.toml",
        &[
            "regions.uk.emergency_dial",
            "numbers to dial \"112\" differ from \"999\" in en.toml",
        ],
    );
}

#[test]
fn a_region_without_an_emergency_number_is_named() {
    // An emergency result's first control calls the region's number: none is not an option.
    let dir = broken_pack("region-no-emergency-number", "texts/en.toml", |s| {
        s.replacen("emergency_dial = \"999\"", "emergency_dial = \"\"", 1)
    });
    assert_reported(
        &errors(&dir),
        "en.toml",
        &[
            "regions.uk.emergency_dial",
            "no number to dial: every region has an emergency number",
        ],
    );
}

#[test]
fn an_interface_placeholder_outside_the_interface_texts_is_named() {
    // Only the interface fills {step}, {date}, {number}...; a signal's text would show braces.
    let dir = broken_pack("ui-placeholder-outside-ui", "texts/en.toml", |s| {
        s.replace(
            "heavy_alcohol = \"Heavy drinking over years",
            "heavy_alcohol = \"Heavy drinking (step {step}) over years",
        )
    });
    assert_reported(
        &errors(&dir),
        "en.toml",
        &[
            "signals.heavy_alcohol",
            "placeholder {step} is filled in only in the interface's words ([ui])",
        ],
    );
}

#[test]
fn a_ui_key_that_cannot_name_a_method_is_named() {
    // Each [ui] key becomes a method of the checker's UiText: a keyword or a key with capitals
    // or a dash would stop rustc inside the generated code instead.
    let rename = |s: String| {
        s.replacen("\nsee_result_now = ", "\ntype = ", 1).replacen(
            "\nstart_again = ",
            "\nStart-Again = ",
            1,
        )
    };
    let dir = broken_pack("ui-key-keyword", "texts/en.toml", rename);
    also_edit(&dir, "texts/es.toml", rename);
    let messages = errors(&dir);
    for key in ["ui.type", "ui.Start-Again"] {
        assert_reported(&messages, "en.toml", &[key, "not a Rust keyword"]);
    }
}

#[test]
fn a_reference_nothing_cites_is_named() {
    let dir = broken_pack("uncited-reference", "references.toml", |s| {
        s + "\n[R99]\ntitle = \"A source nothing cites\"\npublisher = \"Nobody\"\nurl = \"https://doi.org/10.1000/uncited\"\n"
    });
    assert_reported(
        &errors(&dir),
        "references.toml",
        &["[R99]", "cited by nothing"],
    );
}

#[test]
fn points_compared_to_too_large_a_number_is_named() {
    // "> n" is compiled as "at least n + 1", which the largest whole number has no room for.
    let dir = broken_pack("points-overflow", "rules.toml", |s| {
        s.replace(
            "points(b12.risk_major) > 0",
            "points(b12.risk_major) > 2147483647",
        )
    });
    assert_reported(
        &errors(&dir),
        "rules.toml",
        &[
            "signal \"b12_risk\"",
            "points(b12.risk_major) compared to 2147483647: the number is too large",
        ],
    );
}

#[test]
fn a_factor_whose_points_add_up_to_too_large_a_number_is_named() {
    let dir = broken_pack("points-sum-overflow", "scoring.toml", |s| {
        s.replace("points = 2,", "points = 2147483647,")
    });
    assert_reported(
        &errors(&dir),
        "scoring.toml",
        &["b12: the points of its score lines add up to more than 2147483647"],
    );
}

#[test]
fn an_option_that_reads_as_a_number_is_named_as_written() {
    let dir = broken_pack("option-number", "scoring.toml", |s| {
        s.replace("q_gut_history has coeliac", "q_gut_history has 007")
    });
    assert_reported(
        &errors(&dir),
        "scoring.toml",
        &["unknown option \"007\" for q_gut_history"],
    );
}
