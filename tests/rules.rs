//! The rule model of the evidence review (section 4), checked rule by rule against the real
//! pack through the engine's public API.

use b12_cramp_check::engine::model::{QuestionKind, Section};
use b12_cramp_check::engine::{evaluate, AnswerError, Answers, Assessment, RawAnswers};
use b12_cramp_check::pack::{texts_for, PACK};

fn answers(json: &str) -> Answers {
    let raw: RawAnswers = serde_json::from_str(json).expect("test answers are valid JSON");
    Answers::from_raw(&PACK, &raw).unwrap_or_else(|e| panic!("test answers are valid: {e}"))
}

fn assess(json: &str) -> Assessment<'static> {
    evaluate(&PACK, &answers(json))
}

fn reason_ids(a: &Assessment) -> Vec<String> {
    a.reasons
        .iter()
        .map(|r| format!("{}:{}", r.source.kind(), r.source.id(&PACK)))
        .collect()
}

fn notes_and_advice(a: &Assessment) -> Vec<&'static str> {
    a.advice
        .iter()
        .map(|&i| PACK.advice[usize::from(i)].id)
        .collect()
}

fn score(a: &Assessment, factor: &str) -> i32 {
    a.factor_scores[usize::from(PACK.factor_index(factor).expect("factor"))]
}

/// A complete, unremarkable answer set with no red flag, no B12 gate and no other-cause
/// trigger; each test changes what it is about.
fn calm(changes: &str) -> String {
    let base = serde_json::json!({
        "q_age": "40_59",
        "q_emergency_signs": ["none"],
        "q_urgent_signs": ["none"],
        "q_cramp_site": ["thigh"],
        "q_cramp_timing": "any_time",
        "q_cramp_frequency": "less_than_weekly",
        "q_cramp_history": "under_2_weeks",
        "q_recent_context": ["none"],
        "q_neuro": ["none"],
        "q_diet": "includes_meat_or_fish",
        "q_pregnancy": "neither_or_not_applicable",
        "q_b12_meds": ["none"],
        "q_gut_history": ["none"],
        "q_autoimmune_family": ["none"],
        "q_nitrous_oxide": "never",
        "q_alcohol": "low_or_none",
        "q_other_meds": ["none"],
        "q_med_change": "no_or_unsure",
        "q_conditions": ["none"],
        "q_smoker": "no",
        "q_b12_status": "never_or_unsure"
    });
    let mut merged = base.as_object().expect("object").clone();
    let extra: serde_json::Value = serde_json::from_str(changes).expect("changes are JSON");
    for (k, v) in extra.as_object().expect("object") {
        merged.insert(k.clone(), v.clone());
    }
    serde_json::Value::Object(merged).to_string()
}

#[test]
fn calm_answers_are_self_care() {
    let a = assess(&calm("{}"));
    assert_eq!(a.level_id(), "self_care");
    assert_eq!(a.decided_by(), "outcome:self_care");
    // Nothing scores: no single cause stands out.
    assert_eq!(a.top_factor_id(), "nocturnal_idiopathic");
    assert_eq!(reason_ids(&a), ["outcome:self_care"]);
}

#[test]
fn every_emergency_sign_is_an_emergency_whatever_else_is_answered() {
    let q = &PACK.questions[usize::from(PACK.question_index("q_emergency_signs").expect("q"))];
    for option in q.options.iter().filter(|o| **o != "none") {
        // Even with a B12 gate and an other-cause trigger present.
        let a = assess(&calm(&format!(
            r#"{{"q_emergency_signs":["{option}"],"q_age":"75_plus","q_neuro":["balance_problems"],"q_neuro_onset":"gradual_weeks_to_months","q_cramp_frequency":"nightly_or_daily"}}"#
        )));
        assert_eq!(a.level_id(), "emergency_now", "{option}");
        assert_eq!(a.top_factor_id(), "red_flag", "{option}");
        assert_eq!(a.decided_by(), "red_flags");
        assert_eq!(a.reasons[0].source.kind(), "red_flag");
        assert!(!a.reasons[0].refs.is_empty(), "{option} cites a source");
        assert_eq!(a.reasons[0].answers.len(), 1, "{option} names the answer");
    }
}

#[test]
fn every_urgent_sign_is_same_day() {
    let q = &PACK.questions[usize::from(PACK.question_index("q_urgent_signs").expect("q"))];
    for option in q.options.iter().filter(|o| **o != "none") {
        let a = assess(&calm(&format!(
            r#"{{"q_urgent_signs":["{option}"],"q_gut_history":["pernicious_anaemia_or_autoimmune_gastritis"],"q_neuro":["pins_needles_numbness_both_sides"]}}"#
        )));
        assert_eq!(a.level_id(), "urgent_same_day", "{option}");
        assert_eq!(a.top_factor_id(), "red_flag");
    }
}

#[test]
fn red_flags_override_the_under_18_rule() {
    let a = assess(r#"{"q_age":"under_18","q_emergency_signs":["breathing_swallowing"]}"#);
    assert_eq!(a.level_id(), "emergency_now");
    let a = assess(
        r#"{"q_age":"under_18","q_emergency_signs":["none"],"q_urgent_signs":["cramp_over_10_min"]}"#,
    );
    assert_eq!(a.level_id(), "urgent_same_day");
    let a =
        assess(r#"{"q_age":"under_18","q_emergency_signs":["none"],"q_urgent_signs":["none"]}"#);
    assert_eq!(a.level_id(), "not_applicable");
    assert_eq!(reason_ids(&a), ["outcome:under_18"]);
}

#[test]
fn emergency_outranks_urgent_and_both_are_listed_most_urgent_first() {
    let a =
        assess(r#"{"q_emergency_signs":["cold_pale_leg"],"q_urgent_signs":["one_leg_swollen"]}"#);
    assert_eq!(a.level_id(), "emergency_now");
    assert_eq!(
        reason_ids(&a),
        ["red_flag:cold_pale_leg", "red_flag:one_leg_swollen"]
    );
    assert_eq!(score(&a, "red_flag"), 2);
}

#[test]
fn nerve_symptoms_that_come_on_suddenly_are_an_emergency_even_with_the_b12_gate() {
    let a = assess(&calm(
        r#"{"q_age":"75_plus","q_neuro":["pins_needles_numbness_both_sides"],"q_neuro_onset":"sudden_or_rapidly_worsening"}"#,
    ));
    assert_eq!(a.level_id(), "emergency_now");
    assert_eq!(reason_ids(&a), ["red_flag:nerve_symptoms_sudden"]);
    let gradual = assess(&calm(
        r#"{"q_age":"75_plus","q_neuro":["pins_needles_numbness_both_sides"],"q_neuro_onset":"gradual_weeks_to_months"}"#,
    ));
    assert_eq!(gradual.level_id(), "provider_soon_b12");
}

#[test]
fn statin_muscle_symptoms_are_same_day() {
    let a = assess(&calm(
        r#"{"q_other_meds":["statin"],"q_statin_muscle":"yes"}"#,
    ));
    assert_eq!(a.level_id(), "urgent_same_day");
    assert_eq!(reason_ids(&a), ["red_flag:statin_muscle_symptoms"]);
    assert!(notes_and_advice(&a).contains(&"statin_advice_today"));
    let no = assess(&calm(
        r#"{"q_other_meds":["statin"],"q_statin_muscle":"no"}"#,
    ));
    assert_eq!(no.level_id(), "self_care");
    assert_eq!(no.top_factor_id(), "medication");
}

#[test]
fn one_major_risk_factor_and_one_symptom_open_the_b12_gate() {
    let a = assess(&calm(
        r#"{"q_b12_meds":["ppi_2y_plus"],"q_neuro":["extreme_tiredness"]}"#,
    ));
    assert_eq!(a.level_id(), "provider_soon_b12");
    assert_eq!(a.top_factor_id(), "b12");
    assert_eq!(
        reason_ids(&a),
        [
            "outcome:b12_test_worth_asking",
            "signal:b12_risk",
            "signal:b12_symptoms"
        ]
    );
    assert_eq!(score(&a, "b12"), 3);
    let advice = notes_and_advice(&a);
    for expected in [
        "b12_book_appointment",
        "keep_other_medicines",
        "test_b12_level",
        "cramps_not_established_b12_sign",
    ] {
        assert!(advice.contains(&expected), "{expected} in {advice:?}");
    }
}

#[test]
fn minor_risk_factors_count_only_from_two_points() {
    // Age 60-64 alone is one minor point: not enough.
    let one = assess(&calm(
        r#"{"q_age":"60_64","q_neuro":["memory_concentration"]}"#,
    ));
    assert_ne!(one.level_id(), "provider_soon_b12");
    // Age 60-64 and a family history of pernicious anaemia: two minor points.
    let two = assess(&calm(
        r#"{"q_age":"60_64","q_autoimmune_family":["family_pernicious_anaemia"],"q_neuro":["memory_concentration"]}"#,
    ));
    assert_eq!(two.level_id(), "provider_soon_b12");
    // Pregnancy on an unsupplemented plant-based diet is a minor point of its own...
    let pregnant = assess(&calm(
        r#"{"q_pregnancy":"pregnant","q_diet":"vegetarian_no_b12","q_neuro":["extreme_tiredness"]}"#,
    ));
    assert_eq!(pregnant.level_id(), "provider_soon_b12");
    assert_eq!(score(&pregnant, "b12"), 2 + 1 + 1);
    assert!(notes_and_advice(&pregnant).contains(&"b12_sooner_pregnant"));
}

#[test]
fn a_risk_factor_without_symptoms_gives_the_routine_check_note() {
    let a = assess(&calm(r#"{"q_b12_meds":["metformin_1y_plus"]}"#));
    assert_eq!(a.level_id(), "self_care");
    assert!(notes_and_advice(&a).contains(&"b12_risk_routine_check"));
    // Not without the risk factor, and not once symptoms open the gate.
    assert!(!notes_and_advice(&assess(&calm("{}"))).contains(&"b12_risk_routine_check"));
    let gated = assess(&calm(
        r#"{"q_b12_meds":["metformin_1y_plus"],"q_neuro":["vision_changes"]}"#,
    ));
    assert!(!notes_and_advice(&gated).contains(&"b12_risk_routine_check"));
}

#[test]
fn a_recent_normal_test_discounts_only_non_specific_symptoms() {
    let tired = r#""q_b12_meds":["metformin_1y_plus"],"q_b12_status":"tested_normal_recently""#;
    let a = assess(&calm(&format!(
        r#"{{{tired},"q_neuro":["extreme_tiredness","low_mood_irritability"]}}"#
    )));
    assert_eq!(a.level_id(), "self_care");
    let advice = notes_and_advice(&a);
    assert!(advice.contains(&"recent_normal_test"), "{advice:?}");
    // The routine-check note tells the truth: symptoms were ticked, and the test discounted them.
    assert!(advice.contains(&"b12_risk_routine_check_after_normal_test"));
    assert!(
        !advice.contains(&"b12_risk_routine_check"),
        "not \"no symptoms\""
    );
    // Strong signs keep the gate open: the clinical picture comes first.
    for strong in [
        "pins_needles_numbness_both_sides",
        "balance_problems",
        "sore_red_tongue_mouth_ulcers",
    ] {
        let a = assess(&calm(&format!(
            r#"{{{tired},"q_neuro":["extreme_tiredness","{strong}"]}}"#
        )));
        assert_eq!(a.level_id(), "provider_soon_b12", "{strong}");
    }
    // Regular nitrous oxide: serum B12 can look normal, so the test does not reassure.
    let nitrous = assess(&calm(
        r#"{"q_nitrous_oxide":"regular_recent","q_b12_status":"tested_normal_recently","q_neuro":["extreme_tiredness"]}"#,
    ));
    assert_eq!(nitrous.level_id(), "provider_soon_b12");
    assert!(notes_and_advice(&nitrous).contains(&"stop_nitrous_oxide"));
    assert!(notes_and_advice(&nitrous).contains(&"test_nitrous_oxide_markers"));
}

#[test]
fn each_other_cause_trigger_leads_to_a_routine_appointment() {
    let cases = [
        (
            r#"{"q_cramp_timing":"walking_relieved_by_rest"}"#,
            "claudication_pattern",
            "circulation",
        ),
        (
            r#"{"q_med_change":"cramps_started_after_new_or_increased_med","q_other_meds":["diuretic"]}"#,
            "started_after_medicine",
            "medication",
        ),
        (
            r#"{"q_alcohol":"heavy_regular"}"#,
            "heavy_alcohol",
            "other_condition",
        ),
        (
            r#"{"q_neuro":["balance_problems"],"q_neuro_onset":"gradual_weeks_to_months"}"#,
            "nerve_symptoms_without_b12_gate",
            "other_condition",
        ),
        // Weakness alone scores like numbness (pack 1.1): another health condition.
        (
            r#"{"q_neuro":["muscle_weakness"],"q_neuro_onset":"gradual_weeks_to_months"}"#,
            "nerve_symptoms_without_b12_gate",
            "other_condition",
        ),
        // Walking pain reported on its own question, whatever the cramps' usual timing.
        (
            r#"{"q_cramp_timing":"night_or_rest","q_walking_pain":"yes"}"#,
            "claudication_pattern",
            "circulation",
        ),
        (
            r#"{"q_cramp_frequency":"nightly_or_daily","q_cramp_timing":"night_or_rest"}"#,
            "frequent_cramps",
            "nocturnal_idiopathic",
        ),
        (
            r#"{"q_cramp_history":"over_3_months","q_cramp_frequency":"weekly"}"#,
            "persistent_without_obvious_cause",
            "nocturnal_idiopathic",
        ),
        (
            r#"{"q_conditions":["liver_disease"]}"#,
            "related_condition",
            "other_condition",
        ),
    ];
    for (changes, trigger, top) in cases {
        let a = assess(&calm(changes));
        assert_eq!(a.level_id(), "provider_other_cause", "{trigger}");
        assert_eq!(a.top_factor_id(), top, "{trigger}");
        let ids = reason_ids(&a);
        assert_eq!(ids[0], "outcome:other_cause_worth_checking");
        assert!(
            ids.contains(&format!("signal:{trigger}")),
            "{trigger}: {ids:?}"
        );
    }
}

#[test]
fn persistent_cramps_with_an_obvious_cause_are_not_a_trigger() {
    let a = assess(&calm(
        r#"{"q_cramp_history":"over_3_months","q_cramp_frequency":"weekly","q_recent_context":["hard_or_unaccustomed_exercise"]}"#,
    ));
    assert_eq!(a.level_id(), "self_care");
    assert_eq!(a.top_factor_id(), "exertion");
}

#[test]
fn nerve_symptoms_with_the_b12_gate_go_to_b12_not_another_cause() {
    let a = assess(&calm(
        r#"{"q_age":"65_74","q_neuro":["pins_needles_numbness_both_sides"],"q_neuro_onset":"gradual_weeks_to_months"}"#,
    ));
    assert_eq!(a.level_id(), "provider_soon_b12");
    assert_eq!(
        score(&a, "other_condition"),
        0,
        "the +4 applies only without the gate"
    );
    let young = assess(&calm(
        r#"{"q_neuro":["pins_needles_numbness_both_sides"],"q_neuro_onset":"gradual_weeks_to_months"}"#,
    ));
    assert_eq!(young.level_id(), "provider_other_cause");
    assert_eq!(score(&young, "other_condition"), 4);
}

#[test]
fn ties_go_to_the_more_specific_factor() {
    // medication 2 (naproxen) = circulation 2 (known PAD): medication is listed first.
    let a = assess(&calm(
        r#"{"q_other_meds":["naproxen"],"q_conditions":["peripheral_arterial_disease"]}"#,
    ));
    assert_eq!((score(&a, "medication"), score(&a, "circulation")), (2, 2));
    assert_eq!(a.top_factor_id(), "medication");
    // exertion 2 = nocturnal 2 (calf, age 60+): exertion is listed before nocturnal.
    let b = assess(&calm(
        r#"{"q_recent_context":["hard_or_unaccustomed_exercise"],"q_cramp_site":["calf_foot"],"q_age":"60_64"}"#,
    ));
    assert_eq!(
        (score(&b, "exertion"), score(&b, "nocturnal_idiopathic")),
        (2, 2)
    );
    assert_eq!(b.top_factor_id(), "exertion");
    // A strictly higher score wins whatever the order.
    let c = assess(&calm(
        r#"{"q_cramp_timing":"night_or_rest","q_cramp_site":["calf_foot"],"q_smoker":"yes"}"#,
    ));
    assert_eq!(c.top_factor_id(), "nocturnal_idiopathic");
    assert_eq!(
        reason_ids(&c),
        ["outcome:self_care", "factor:nocturnal_idiopathic"]
    );
}

#[test]
fn self_care_tips_fit_the_answers() {
    let heat = assess(&calm(
        r#"{"q_recent_context":["heavy_sweating_or_heat","not_drinking_enough"]}"#,
    ));
    let advice = notes_and_advice(&heat);
    assert!(
        advice.contains(&"heat_cramps") && advice.contains(&"drink_enough"),
        "{advice:?}"
    );
    assert!(!advice.contains(&"exercise_cramps"));
    assert_eq!(heat.top_factor_id(), "dehydration");
    let exercise = notes_and_advice(&assess(&calm(
        r#"{"q_cramp_timing":"during_after_exercise"}"#,
    )));
    assert!(exercise.contains(&"exercise_cramps") && !exercise.contains(&"heat_cramps"));
}

#[test]
fn hidden_answers_never_count() {
    // `Answers` never holds an answer to a hidden question, however it is made, so the engine
    // never judges one. From masks: a sudden onset without nerve symptoms is dropped.
    let onset = PACK.question_index("q_neuro_onset").expect("q");
    let sudden = PACK.questions[usize::from(onset)]
        .option_index("sudden_or_rapidly_worsening")
        .expect("option");
    let mut masks = vec![0u32; PACK.questions.len()];
    masks[usize::from(onset)] = 1 << sudden;
    let a = Answers::from_masks(&PACK, masks);
    assert!(!a.is_answered(onset));
    assert_eq!(evaluate(&PACK, &a).level_id(), "self_care");
    // By the reader's actions: unticking the nerve symptom hides the onset and drops it.
    let neuro = PACK.question_index("q_neuro").expect("q");
    let weakness = PACK.questions[usize::from(neuro)]
        .option_index("muscle_weakness")
        .expect("option");
    let mut a = Answers::new(&PACK);
    a.toggle(&PACK, neuro, weakness);
    a.choose(&PACK, onset, sudden);
    assert_eq!(evaluate(&PACK, &a).level_id(), "emergency_now");
    a.toggle(&PACK, neuro, weakness);
    assert!(!a.is_answered(onset));
    assert_eq!(evaluate(&PACK, &a).level_id(), "self_care");
}

#[test]
fn answering_a_hidden_question_is_refused_with_its_rule() {
    let raw: RawAnswers =
        serde_json::from_str(r#"{"q_other_meds":["none"],"q_statin_muscle":"yes"}"#).expect("json");
    let error = Answers::from_raw(&PACK, &raw).expect_err("hidden");
    assert_eq!(
        error,
        AnswerError::Hidden {
            question: "q_statin_muscle",
            rule: "q_other_meds has statin"
        }
    );
}

#[test]
fn none_and_other_options_exclude_each_other_when_toggled() {
    let q = PACK.question_index("q_neuro").expect("q");
    let question = &PACK.questions[usize::from(q)];
    assert_eq!(question.kind, QuestionKind::Multi);
    let none = question.option_index("none").expect("none");
    let balance = question.option_index("balance_problems").expect("opt");
    let mut a = Answers::new(&PACK);
    a.toggle(&PACK, q, balance);
    a.toggle(&PACK, q, none);
    assert_eq!(a.chosen(q).collect::<Vec<_>>(), [none]);
    a.toggle(&PACK, q, balance);
    assert_eq!(a.chosen(q).collect::<Vec<_>>(), [balance]);
    // Dropping the last nerve symptom hides the onset question and drops its answer.
    let onset = PACK.question_index("q_neuro_onset").expect("q");
    a.choose(&PACK, onset, 0);
    assert!(a.is_answered(onset));
    a.toggle(&PACK, q, balance);
    assert!(!a.is_answered(onset) && !a.is_shown(&PACK, onset));
}

// --- Pack 1.1 (evidence section 10) ------------------------------------------------------------

fn advice_of(changes: &str) -> Vec<&'static str> {
    notes_and_advice(&assess(&calm(changes)))
}

#[test]
fn the_emergency_result_says_call_and_do_not_drive_where_the_sign_calls_for_it() {
    let call = [
        "face_arm_speech",
        "chest_pain_or_breathless",
        "breathing_swallowing",
        "palpitations_with_red_flags",
        "tetanus_signs_after_wound",
        "hot_rigid_confused",
    ];
    let q = &PACK.questions[usize::from(PACK.question_index("q_emergency_signs").expect("q"))];
    for option in q.options.iter().filter(|o| **o != "none") {
        let advice = advice_of(&format!(r#"{{"q_emergency_signs":["{option}"]}}"#));
        let (shown, hidden) = if call.contains(option) {
            ("emergency_call_dont_drive", "emergency_call_or_go")
        } else {
            ("emergency_call_or_go", "emergency_call_dont_drive")
        };
        assert!(advice.contains(&shown), "{option}: {advice:?}");
        assert!(!advice.contains(&hidden), "{option}: {advice:?}");
        assert!(advice.contains(&"emergency_dont_wait"), "{option}");
    }
    // A "call" sign wins when both kinds are ticked.
    let both = advice_of(r#"{"q_emergency_signs":["cold_pale_leg","face_arm_speech"]}"#);
    assert!(both.contains(&"emergency_call_dont_drive") && !both.contains(&"emergency_call_or_go"));
}

#[test]
fn the_narrowed_same_day_signs_carry_their_own_next_steps() {
    let tetanus = advice_of(r#"{"q_urgent_signs":["tetanus_risk_wound"]}"#);
    assert!(tetanus.contains(&"tetanus_deep_wound"), "{tetanus:?}");
    let chest = advice_of(r#"{"q_urgent_signs":["cramps_chest_belly_arms"]}"#);
    assert!(chest.contains(&"chest_cramp_call_emergency"), "{chest:?}");
    let calf = advice_of(r#"{"q_urgent_signs":["cramp_over_10_min"]}"#);
    assert!(!calf.contains(&"chest_cramp_call_emergency") && !calf.contains(&"tetanus_deep_wound"));
}

/// The nerve symptoms that, with regular nitrous oxide, are a same-day red flag, and without the
/// B12 gate point to another condition (evidence 10.1, 10.3).
const NERVE_PROBLEMS: [&str; 3] = [
    "pins_needles_numbness_both_sides",
    "balance_problems",
    "muscle_weakness",
];

#[test]
fn regular_nitrous_oxide_with_nerve_symptoms_is_same_day() {
    for symptom in NERVE_PROBLEMS {
        let a = assess(&calm(&format!(
            r#"{{"q_nitrous_oxide":"regular_recent","q_neuro":["{symptom}"],"q_neuro_onset":"gradual_weeks_to_months"}}"#
        )));
        assert_eq!(a.level_id(), "urgent_same_day", "{symptom}");
        assert_eq!(reason_ids(&a), ["red_flag:nitrous_oxide_nerve_symptoms"]);
        assert_eq!(
            a.reasons[0].answers.len(),
            2,
            "names the use and the symptom"
        );
        let advice = notes_and_advice(&a);
        for expected in [
            "nitrous_oxide_seen_today",
            "stop_nitrous_oxide",
            "get_advice_today",
        ] {
            assert!(
                advice.contains(&expected),
                "{symptom}: {expected} in {advice:?}"
            );
        }
    }
    // Coming on suddenly is still an emergency.
    let sudden = assess(&calm(
        r#"{"q_nitrous_oxide":"regular_recent","q_neuro":["balance_problems"],"q_neuro_onset":"sudden_or_rapidly_worsening"}"#,
    ));
    assert_eq!(sudden.level_id(), "emergency_now");
    // Past or occasional use with nerve symptoms is not this red flag.
    let past = assess(&calm(
        r#"{"q_nitrous_oxide":"past_occasional","q_neuro":["pins_needles_numbness_both_sides"],"q_neuro_onset":"gradual_weeks_to_months"}"#,
    ));
    assert_ne!(past.level_id(), "urgent_same_day");
    assert!(notes_and_advice(&past).contains(&"stop_nitrous_oxide"));
    // With other B12 symptoms only: the B12 result, told to stop and to be seen within days.
    let tongue = assess(&calm(
        r#"{"q_nitrous_oxide":"regular_recent","q_neuro":["sore_red_tongue_mouth_ulcers"]}"#,
    ));
    assert_eq!(tongue.level_id(), "provider_soon_b12");
    let advice = notes_and_advice(&tongue);
    assert!(advice.contains(&"b12_sooner_nitrous_oxide") && advice.contains(&"stop_nitrous_oxide"));
}

/// Revision 1.1 lowers urgency here: frequent cramps that began under 2 weeks ago after heat,
/// sweating, too little fluid or exercise are self-care, not a routine appointment, because the
/// context explains them (NHS leg cramps; NHS heat exhaustion). The tests show the limits of the
/// change: a safety net is always shown, it needs both the short history and a context, from 2
/// weeks on the appointment is back, every other reason for an appointment still applies, and
/// red flags are untouched.
#[test]
fn short_lived_cramps_with_an_obvious_cause_are_self_care_with_a_safety_net() {
    let short = r#""q_cramp_frequency":"nightly_or_daily","q_cramp_history":"under_2_weeks""#;
    let heat = assess(&calm(&format!(
        r#"{{{short},"q_recent_context":["heavy_sweating_or_heat"]}}"#
    )));
    assert_eq!(heat.level_id(), "self_care");
    assert!(notes_and_advice(&heat).contains(&"short_lived_safety_net"));
    // Pack 1.1.7: with when to get help, where a reader looks for when to call.
    let (net, _) = advice_item("short_lived_safety_net");
    assert!(heat
        .advice_in(Section::NextSteps)
        .any(|a| usize::from(a) == net));
    assert!(!heat
        .signals
        .iter()
        .any(|&s| PACK.signals[usize::from(s)].id == "frequent_cramps"));
    for context in [
        "hard_or_unaccustomed_exercise",
        "not_drinking_enough",
        "only_plain_water_long_sweaty_activity",
    ] {
        let a = assess(&calm(&format!(
            r#"{{{short},"q_recent_context":["{context}"]}}"#
        )));
        assert_eq!(a.level_id(), "self_care", "{context}");
    }
    // No context: frequent cramps still lead to an appointment.
    let no_context = assess(&calm(&format!(
        r#"{{{short},"q_recent_context":["none"]}}"#
    )));
    assert_eq!(no_context.level_id(), "provider_other_cause");
    // Ongoing (2 weeks or more): the appointment is back.
    for history in ["2_weeks_to_3_months", "over_3_months"] {
        let a = assess(&calm(&format!(
            r#"{{"q_cramp_frequency":"nightly_or_daily","q_cramp_history":"{history}","q_recent_context":["heavy_sweating_or_heat"]}}"#
        )));
        assert_eq!(a.level_id(), "provider_other_cause", "{history}");
        assert!(reason_ids(&a).contains(&"signal:frequent_cramps".to_string()));
    }
    // Any other reason for an appointment still applies.
    for other in [
        r#""q_walking_pain":"yes""#,
        r#""q_alcohol":"heavy_regular""#,
        r#""q_conditions":["kidney_disease_or_dialysis"]"#,
    ] {
        let a = assess(&calm(&format!(
            r#"{{{short},"q_recent_context":["heavy_sweating_or_heat"],{other}}}"#
        )));
        assert_eq!(a.level_id(), "provider_other_cause", "{other}");
    }
    // Red flags still override.
    let flag = assess(&calm(&format!(
        r#"{{{short},"q_recent_context":["heavy_sweating_or_heat"],"q_emergency_signs":["severe_dehydration"]}}"#
    )));
    assert_eq!(flag.level_id(), "emergency_now");
}

#[test]
fn walking_pain_counts_once_whichever_question_reports_it() {
    let circulation = |changes: &str| score(&assess(&calm(changes)), "circulation");
    assert_eq!(circulation(r#"{"q_walking_pain":"yes"}"#), 4);
    assert_eq!(
        circulation(r#"{"q_cramp_timing":"walking_relieved_by_rest"}"#),
        4
    );
    assert_eq!(
        circulation(r#"{"q_cramp_timing":"walking_relieved_by_rest","q_walking_pain":"yes"}"#),
        4,
        "not 8: both questions report one pattern"
    );
    for answer in ["no", "not_sure"] {
        let a = assess(&calm(&format!(r#"{{"q_walking_pain":"{answer}"}}"#)));
        assert_eq!(score(&a, "circulation"), 0, "{answer}");
        assert_eq!(a.level_id(), "self_care", "{answer}");
    }
}

#[test]
fn the_onset_question_is_asked_only_after_nerve_or_eyesight_problems() {
    let onset = PACK.question_index("q_neuro_onset").expect("q");
    let neuro = PACK.question_index("q_neuro").expect("q");
    let question = &PACK.questions[usize::from(neuro)];
    for option in question.options.iter().filter(|o| **o != "none") {
        let mut a = Answers::new(&PACK);
        a.toggle(&PACK, neuro, question.option_index(option).expect("option"));
        let expected = matches!(
            *option,
            "pins_needles_numbness_both_sides"
                | "balance_problems"
                | "muscle_weakness"
                | "vision_changes"
        );
        assert_eq!(a.is_shown(&PACK, onset), expected, "{option}");
        // Answering it while hidden is invalid input.
        let raw: RawAnswers = serde_json::from_str(&format!(
            r#"{{"q_neuro":["{option}"],"q_neuro_onset":"sudden_or_rapidly_worsening"}}"#
        ))
        .expect("json");
        let result = Answers::from_raw(&PACK, &raw);
        if expected {
            let a = evaluate(&PACK, &result.expect("valid while shown"));
            assert_eq!(a.level_id(), "emergency_now", "{option}");
        } else {
            assert!(
                matches!(
                    result,
                    Err(AnswerError::Hidden {
                        question: "q_neuro_onset",
                        ..
                    })
                ),
                "{option}: {result:?}"
            );
        }
    }
}

#[test]
fn weakness_without_the_b12_gate_scores_once_like_numbness() {
    let other = |neuro: &str| {
        score(
            &assess(&calm(&format!(
                r#"{{"q_neuro":{neuro},"q_neuro_onset":"gradual_weeks_to_months"}}"#
            ))),
            "other_condition",
        )
    };
    assert_eq!(other(r#"["muscle_weakness"]"#), 4);
    assert_eq!(other(r#"["pins_needles_numbness_both_sides"]"#), 4);
    assert_eq!(
        other(r#"["muscle_weakness","pins_needles_numbness_both_sides","balance_problems"]"#),
        4,
        "+4 once, whichever of them hold"
    );
    // The tests a clinician may consider include B12 and folate.
    let advice =
        advice_of(r#"{"q_neuro":["muscle_weakness"],"q_neuro_onset":"gradual_weeks_to_months"}"#);
    assert!(
        advice.contains(&"test_b12_folate_nerve_symptoms"),
        "{advice:?}"
    );
}

#[test]
fn unsure_whether_b12_was_tested_counts_as_never_tested() {
    for neuro in [
        r#"["extreme_tiredness"]"#,
        r#"["low_mood_irritability","memory_concentration"]"#,
    ] {
        let with = |status: &str| {
            let a = assess(&calm(&format!(
                r#"{{"q_b12_meds":["metformin_1y_plus"],"q_neuro":{neuro},"q_b12_status":"{status}"}}"#
            )));
            (a.level_id(), a.top_factor_id(), notes_and_advice(&a))
        };
        assert_eq!(
            with("tested_unsure_if_b12"),
            with("never_or_unsure"),
            "{neuro}"
        );
        assert_eq!(with("tested_unsure_if_b12").0, "provider_soon_b12");
        // Only a test known to include B12 discounts non-specific symptoms.
        assert_eq!(with("tested_normal_recently").0, "self_care", "{neuro}");
    }
}

/// Pack 1.1 drops heavy alcohol as a B12 risk factor: no primary source says alcohol lowers B12
/// (evidence 10.4), and the result would tell the reader it does. This can move a reader from
/// the B12 result to the other-cause result; both are routine appointments, heavy drinking is
/// itself a reason for one, and the tests a clinician may consider then include B12 and folate.
#[test]
fn heavy_drinking_is_a_reason_for_an_appointment_not_a_b12_risk_factor() {
    let a = assess(&calm(
        r#"{"q_age":"60_64","q_alcohol":"heavy_regular","q_neuro":["extreme_tiredness"]}"#,
    ));
    assert!(!a
        .signals
        .iter()
        .any(|&s| PACK.signals[usize::from(s)].id == "b12_risk"));
    assert_eq!(a.level_id(), "provider_other_cause");
    assert!(reason_ids(&a).contains(&"signal:heavy_alcohol".to_string()));
    assert!(notes_and_advice(&a).contains(&"test_b12_folate_nerve_symptoms"));
    // With a real B12 risk factor the B12 result still comes first.
    let metformin = assess(&calm(
        r#"{"q_b12_meds":["metformin_1y_plus"],"q_alcohol":"heavy_regular","q_neuro":["extreme_tiredness"]}"#,
    ));
    assert_eq!(metformin.level_id(), "provider_soon_b12");
}

#[test]
fn under_18_shows_no_chart_and_names_no_top_factor() {
    let a = assess(&calm(
        r#"{"q_age":"under_18","q_cramp_timing":"night_or_rest"}"#,
    ));
    assert_eq!(a.level_id(), "not_applicable");
    assert!(!a.shows_factors());
    assert_eq!(reason_ids(&a), ["outcome:under_18"], "no factor reason");
    assert!(assess(&calm("{}")).shows_factors());
    assert!(!assess(r#"{"q_emergency_signs":["face_arm_speech"]}"#).shows_factors());
}

#[test]
fn the_chart_puts_the_named_top_factor_first_and_b12_apart() {
    // Circulation 4+1 beats night cramps 2+1+1; medication 2.
    let a = assess(&calm(
        r#"{"q_cramp_timing":"night_or_rest","q_walking_pain":"yes","q_smoker":"yes","q_cramp_site":["calf_foot"],"q_age":"60_64","q_other_meds":["naproxen"]}"#,
    ));
    let order: Vec<&str> = a
        .causes_in_chart_order()
        .iter()
        .map(|&f| PACK.factors[usize::from(f)].id)
        .collect();
    assert_eq!(
        &order[..3],
        ["circulation", "nocturnal_idiopathic", "medication"]
    );
    assert!(!order.contains(&"b12") && !order.contains(&"red_flag"));
    let apart: Vec<&str> = a
        .factors_apart()
        .map(|f| PACK.factors[usize::from(f)].id)
        .collect();
    assert_eq!(apart, ["b12"]);
    // No bar before the top factor is longer than it, whatever the answers.
    let scores = |f: u16| a.factor_scores[usize::from(f)];
    let order = a.causes_in_chart_order();
    assert_eq!(order[0], a.top_factor);
    assert!(order.iter().all(|&f| scores(f) <= scores(a.top_factor)));
    // The B12 result names b12, shown apart; the chart then leads with the strongest cause.
    let b12 = assess(&calm(
        r#"{"q_age":"75_plus","q_neuro":["extreme_tiredness"],"q_cramp_timing":"night_or_rest"}"#,
    ));
    assert_eq!(b12.top_factor_id(), "b12");
    assert_eq!(
        PACK.factors[usize::from(b12.causes_in_chart_order()[0])].id,
        "nocturnal_idiopathic"
    );
}

// --- Pack 1.1.1: the wording of section 10 --------------------------------------------------

/// The words of an emergency or same-day option in a language, its placeholders filled.
fn option_words(code: &str, question: &str, option: &str) -> String {
    let texts = texts_for(code).expect("the language's texts");
    let q = usize::from(PACK.question_index(question).expect("question"));
    let o = PACK.questions[q].option_index(option).expect("option");
    texts.fill(texts.option(q, usize::from(o)), PACK.default_region)
}

/// Pack 1.1.1 can lower urgency here: very stiff muscles on their own, which is what a cramp
/// is, no longer read as an emergency sign. Section 10.1 defines `hot_rigid_confused` as very
/// stiff muscles *with* a high temperature, confusion or hot skin that has stopped sweating
/// (heatstroke, NHS [R51]); 1.1.0's words ("A high temperature with confusion, hot skin that has
/// stopped sweating, or very stiff muscles") let a cramp alone tick it and call the emergency
/// number. Every combination section 10.1 names still has emergency words that say it: stiffness
/// with a high temperature, and hot dry skin, in this option; confusion, whatever comes with it,
/// in `severe_dehydration`'s. Both options stay emergencies.
#[test]
fn very_stiff_muscles_are_an_emergency_sign_with_a_high_temperature_not_alone() {
    for (code, or, fever_with, stiff, dry_skin, confusion) in [
        (
            "en",
            ", or ",
            "A high temperature with ",
            "very stiff muscles",
            "hot skin that has stopped sweating",
            "Confusion, ",
        ),
        (
            "es",
            ", o ",
            "Temperatura corporal alta con ",
            "músculos muy rígidos",
            "piel caliente que ya no suda",
            "Confusión, ",
        ),
    ] {
        let sign = option_words(code, "q_emergency_signs", "hot_rigid_confused");
        let (with_fever, alone) = sign.split_once(or).expect("two alternatives");
        assert!(
            with_fever.starts_with(fever_with) && with_fever.contains(stiff),
            "{code}: stiffness only with a high temperature: {sign}"
        );
        assert!(
            alone.contains(dry_skin) && !alone.contains(stiff),
            "{code}: {sign}"
        );
        let dehydration = option_words(code, "q_emergency_signs", "severe_dehydration");
        assert!(dehydration.starts_with(confusion), "{code}: {dehydration}");
    }
    for option in ["hot_rigid_confused", "severe_dehydration"] {
        let a = assess(&calm(&format!(r#"{{"q_emergency_signs":["{option}"]}}"#)));
        assert_eq!(a.level_id(), "emergency_now", "{option}");
    }
}

/// Section 10.1: `tetanus_risk_wound` is a recent deep *or* dirty wound. 1.1.0 named only a
/// dirty one, so a reader with a deep, clean wound and unsure tetanus vaccinations ticked nothing and
/// never saw the next step that sends a large or deep wound to the emergency department.
#[test]
fn a_deep_wound_is_a_tetanus_risk_like_a_dirty_one() {
    for (code, deep, dirty) in [("en", "deep", "dirty"), ("es", "profunda", "sucia")] {
        let wound = option_words(code, "q_urgent_signs", "tetanus_risk_wound");
        assert!(
            wound.contains(deep) && wound.contains(dirty),
            "{code}: {wound}"
        );
    }
    let a = assess(&calm(r#"{"q_urgent_signs":["tetanus_risk_wound"]}"#));
    assert_eq!(a.level_id(), "urgent_same_day");
    assert!(notes_and_advice(&a).contains(&"tetanus_deep_wound"));
}

// --- Pack 1.1.3 ------------------------------------------------------------------------------

fn ref_ids(refs: &[u16]) -> Vec<&'static str> {
    refs.iter()
        .map(|&r| PACK.references[usize::from(r)].id)
        .collect()
}

#[test]
fn a_red_flags_headline_cites_the_sources_of_the_red_flags_that_hold() {
    // "Call 999 now" after a tight, swollen muscle cites the page on compartment syndrome, not
    // the level's own sources (stroke, chest pain), which do not say it.
    let compartment = assess(&calm(r#"{"q_emergency_signs":["compartment_signs"]}"#));
    assert_eq!(ref_ids(&compartment.heading_refs()), ["R50"]);
    let swollen = assess(&calm(r#"{"q_urgent_signs":["one_leg_swollen"]}"#));
    assert_eq!(ref_ids(&swollen.heading_refs()), ["R33"]);
    // Only the red flags of the result's level: the same-day sign has its own reason below.
    let both = assess(&calm(
        r#"{"q_emergency_signs":["cold_pale_leg","face_arm_speech"],"q_urgent_signs":["one_leg_swollen"]}"#,
    ));
    assert_eq!(ref_ids(&both.heading_refs()), ["R34", "R39"]);
    // An outcome's headline keeps its level's sources.
    let b12 = assess(&calm(
        r#"{"q_age":"75_plus","q_neuro":["extreme_tiredness"]}"#,
    ));
    assert_eq!(b12.level_id(), "provider_soon_b12");
    assert_eq!(ref_ids(&b12.heading_refs()), ["R1", "R2"]);
}

/// Pack 1.1.9: the self-care heading, "Low B12 is unlikely to explain these cramps", cites the
/// NHS page on low B12, whose signs do not include cramps, besides its sources on night cramps,
/// which say nothing of B12.
#[test]
fn the_self_care_headline_cites_a_source_on_low_b12() {
    let a = assess(&calm("{}"));
    assert_eq!(a.level_id(), "self_care");
    assert_eq!(ref_ids(&a.heading_refs()), ["R21", "R24", "R56", "R6"]);
}

#[test]
fn nerve_or_eyesight_problems_that_came_on_suddenly_say_call_and_do_not_drive() {
    // Sudden loss of vision or of balance can be a stroke (R34): call, do not make your own way.
    for problem in ["balance_problems", "vision_changes", "muscle_weakness"] {
        let advice = advice_of(&format!(
            r#"{{"q_neuro":["{problem}"],"q_neuro_onset":"sudden_or_rapidly_worsening"}}"#
        ));
        assert!(
            advice.contains(&"emergency_call_dont_drive"),
            "{problem}: {advice:?}"
        );
        assert!(
            !advice.contains(&"emergency_call_or_go"),
            "{problem}: {advice:?}"
        );
    }
    // With a sign that allows going straight there, the sudden onset still wins.
    let both = advice_of(
        r#"{"q_emergency_signs":["cold_pale_leg"],"q_neuro":["balance_problems"],"q_neuro_onset":"sudden_or_rapidly_worsening"}"#,
    );
    assert!(both.contains(&"emergency_call_dont_drive") && !both.contains(&"emergency_call_or_go"));
}

/// Pack 1.1.5: the B12 result, reached with nerve problems that came on slowly, says what to
/// do if they get worse quickly, which the onset question treats as an emergency
/// (`nerve_symptoms_sudden`): call, citing the source of the spreading-weakness red flag (R36,
/// evidence 3c). It said only "be seen within days".
#[test]
fn the_b12_result_says_to_call_if_nerve_problems_get_worse_quickly() {
    let a = assess(&calm(
        r#"{"q_age":"75_plus","q_neuro":["balance_problems"],"q_neuro_onset":"gradual_weeks_to_months"}"#,
    ));
    assert_eq!(a.level_id(), "provider_soon_b12");
    assert!(notes_and_advice(&a).contains(&"b12_sooner_if_worse"));
    let (item, cites) = advice_item("b12_sooner_if_worse");
    assert!(
        cites("R36"),
        "cites the spreading-weakness red flag's source"
    );
    // Pack 1.1.7: eyesight too, as the onset question asks about it.
    for (code, words) in [
        (
            "en",
            [
                "eyesight",
                // Pack 1.1.9: the number, as the other result's safety net gives it.
                "call {emergency_number} if it gets worse quickly",
            ],
        ),
        (
            "es",
            ["la vista", "si empeoran rápido, llame a emergencias"],
        ),
    ] {
        let text = texts_for(code).expect("the language's texts").advice(item);
        assert!(words.iter().all(|w| text.contains(w)), "{code}: {text}");
    }
}

/// Pack 1.1.7: the other-cause result, reached with nerve problems that came on slowly and no
/// B12 gate, says what the B12 result says of them: be seen within days if they get worse,
/// call if quickly. It said only to see someone "if cramps come with numbness".
#[test]
fn the_other_cause_result_says_to_call_if_nerve_problems_get_worse_quickly() {
    for problem in NERVE_PROBLEMS {
        let a = assess(&calm(&format!(
            r#"{{"q_neuro":["{problem}"],"q_neuro_onset":"gradual_weeks_to_months"}}"#
        )));
        assert_eq!(a.level_id(), "provider_other_cause", "{problem}");
        assert!(
            notes_and_advice(&a).contains(&"nerve_sooner_if_worse"),
            "{problem}"
        );
    }
    let without = assess(&calm(r#"{"q_walking_pain":"yes"}"#));
    assert_eq!(without.level_id(), "provider_other_cause");
    assert!(!notes_and_advice(&without).contains(&"nerve_sooner_if_worse"));
    let (item, cites) = advice_item("nerve_sooner_if_worse");
    assert!(cites("R36") && cites("R34"));
    for (code, words) in [
        ("en", "call {emergency_number} if it gets worse quickly"),
        ("es", "si empeoran rápido, llame al {emergency_number}"),
    ] {
        let text = texts_for(code).expect("the language's texts").advice(item);
        assert!(text.contains(words), "{code}: {text}");
    }
}

/// Pack 1.1.7: with kidney disease or dialysis, whose care team often limits fluids and
/// potassium, no tip to drink more or to sip juice; without, both as before.
#[test]
fn fluid_tips_leave_out_readers_with_kidney_disease() {
    let heat = r#""q_recent_context":["heavy_sweating_or_heat","not_drinking_enough"]"#;
    let tips = ["heat_cramps", "drink_enough"];
    let a = assess(&calm(&format!("{{{heat}}}")));
    assert!(tips.iter().all(|t| notes_and_advice(&a).contains(t)));
    let kidney = assess(&calm(&format!(
        r#"{{{heat},"q_conditions":["kidney_disease_or_dialysis"]}}"#
    )));
    assert_eq!(kidney.level_id(), "provider_other_cause");
    assert!(tips.iter().all(|t| !notes_and_advice(&kidney).contains(t)));
}

/// The advice item `id`'s index, and whether it cites the reference `reference`.
fn advice_item(id: &str) -> (usize, impl Fn(&str) -> bool) {
    let item = (PACK.advice.iter().position(|advice| advice.id == id)).expect("the advice");
    let cites = move |reference: &str| {
        (PACK.advice[item].refs.iter()).any(|&r| PACK.references[usize::from(r)].id == reference)
    };
    (item, cites)
}

/// Pack 1.1.5 and 1.1.7: the under-18 result stops the questionnaire after the age step,
/// before the onset, nitrous oxide and statin questions, whose red flags section 10.3 says
/// override it; the result says what they would have said, with their sources.
#[test]
fn the_under_18_result_names_the_red_flags_it_stops_before_asking() {
    let a =
        assess(r#"{"q_emergency_signs":["none"],"q_urgent_signs":["none"],"q_age":"under_18"}"#);
    assert_eq!(a.level_id(), "not_applicable");
    assert!(notes_and_advice(&a).contains(&"under_18_talk_to_doctor"));
    let (item, cites) = advice_item("under_18_talk_to_doctor");
    assert!(cites("R36") && cites("R34") && cites("R57") && cites("R32"));
    for (code, words) in [
        (
            "en",
            [
                "eyesight problems come on suddenly or get quickly worse",
                "nitrous oxide",
                "statin and have muscle pain, tenderness, weakness or new cramps",
            ],
        ),
        (
            "es",
            [
                "de la vista aparecen de repente o empeoran rápido",
                "óxido nitroso",
                "o calambres nuevos",
            ],
        ),
    ] {
        let text = texts_for(code).expect("the language's texts").advice(item);
        assert!(words.iter().all(|w| text.contains(w)), "{code}: {text}");
    }
}

/// Pack 1.1.7: a same-day sign on the second screen shows the result at once (evidence 4.3),
/// before the onset of nerve or eyesight problems is asked, whose sudden answer is an
/// emergency (4.5). Every same-day result says to call if such problems come on suddenly, with
/// the sources for it.
#[test]
fn a_same_day_result_says_to_call_if_nerve_or_eyesight_problems_come_on_suddenly() {
    let a = assess(r#"{"q_emergency_signs":["none"],"q_urgent_signs":["cramp_over_10_min"]}"#);
    assert_eq!(a.level_id(), "urgent_same_day");
    assert!(notes_and_advice(&a).contains(&"urgent_escalate"));
    let (item, cites) = advice_item("urgent_escalate");
    assert!(cites("R36") && cites("R34"));
    for (code, words) in [
        (
            "en",
            "eyesight problems come on suddenly or get quickly worse, call",
        ),
        (
            "es",
            "de la vista aparecen de repente o empeoran rápido, llame",
        ),
    ] {
        let text = texts_for(code).expect("the language's texts").advice(item);
        assert!(text.contains(words), "{code}: {text}");
    }
}

/// Pack 1.1.5: after nitrous oxide the B12 blood test can look normal (R57, section 4.7), so
/// the MMA and homocysteine note goes wherever a B12 test is in question, the other-cause
/// result's B12 and folate tests for nerve symptoms among them, and nowhere else.
#[test]
fn the_nitrous_oxide_test_note_shows_where_a_b12_test_is_in_question() {
    let numb = r#""q_neuro":["pins_needles_numbness_both_sides"],"q_neuro_onset":"gradual_weeks_to_months""#;
    for (answers, level, shown) in [
        (format!(r#"{{"q_nitrous_oxide":"past_occasional",{numb}}}"#), "provider_other_cause", true),
        (format!(r#"{{"q_nitrous_oxide":"past_occasional","q_age":"75_plus",{numb}}}"#), "provider_soon_b12", true),
        (format!(r#"{{"q_nitrous_oxide":"regular_recent",{numb}}}"#), "urgent_same_day", true),
        (format!(r#"{{"q_nitrous_oxide":"never",{numb}}}"#), "provider_other_cause", false),
        (r#"{"q_nitrous_oxide":"past_occasional","q_walking_pain":"yes"}"#.to_string(), "provider_other_cause", false),
        (r#"{"q_nitrous_oxide":"regular_recent","q_other_meds":["statin"],"q_statin_muscle":"yes"}"#.to_string(), "urgent_same_day", false),
    ] {
        let a = assess(&calm(&answers));
        assert_eq!(a.level_id(), level, "{answers}");
        let advice = notes_and_advice(&a);
        assert_eq!(advice.contains(&"test_nitrous_oxide_markers"), shown, "{answers}: {advice:?}");
        if level == "provider_other_cause" && shown {
            assert!(advice.contains(&"test_b12_folate_nerve_symptoms"), "{advice:?}");
        }
    }
}

#[test]
fn the_b12_result_asks_to_mention_another_cause_that_would_have_led_to_an_appointment() {
    let gate = r#""q_age":"75_plus","q_neuro":["extreme_tiredness"]"#;
    for other in [
        r#""q_walking_pain":"yes""#,
        r#""q_med_change":"cramps_started_after_new_or_increased_med""#,
        r#""q_alcohol":"heavy_regular""#,
        r#""q_cramp_frequency":"nightly_or_daily""#,
        r#""q_conditions":["kidney_disease_or_dialysis"]"#,
    ] {
        let a = assess(&calm(&format!("{{{gate},{other}}}")));
        assert_eq!(a.level_id(), "provider_soon_b12", "{other}");
        assert!(
            notes_and_advice(&a).contains(&"b12_mention_other_causes"),
            "{other}"
        );
    }
    let alone = assess(&calm(&format!("{{{gate}}}")));
    assert_eq!(alone.level_id(), "provider_soon_b12");
    assert!(!notes_and_advice(&alone).contains(&"b12_mention_other_causes"));
}
