//! The questionnaire's components in a real browser (headless Chromium through
//! wasm-bindgen-test): step order, early exits, Back, show-if, "none", the result's attributes.
//! Run by `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use b12_cramp_check::pack::PACK;
use b12_cramp_check::questionnaire::Questionnaire;
use b12_cramp_check::share;
use b12_cramp_check::ui::{App, AppProps, Settings};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A mounted checker, driven through its stable hooks: inputs by name and value, buttons by
/// `data-action`.
struct Checker {
    root: Element,
    /// What the app reported to its host, once per result shown.
    completed: Rc<RefCell<Vec<Questionnaire>>>,
    /// Every share code the app reported as the answers changed.
    changes: Rc<RefCell<Vec<String>>>,
}

impl Checker {
    async fn mount() -> Checker {
        Checker::mount_with(None).await
    }

    /// The app as an element mounts it after a restart, with the answers of `restart_with`.
    async fn mount_with(restart_with: Option<String>) -> Checker {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let completed = Rc::new(RefCell::new(Vec::new()));
        let on_complete = {
            let completed = completed.clone();
            yew::Callback::from(move |answers| completed.borrow_mut().push(answers))
        };
        let changes = Rc::new(RefCell::new(Vec::new()));
        let on_change = {
            let changes = changes.clone();
            yew::Callback::from(move |code| changes.borrow_mut().push(code))
        };
        yew::Renderer::<App>::with_root_and_props(
            root.clone(),
            AppProps {
                settings: Settings::default(),
                on_complete,
                on_change,
                restart_with,
            },
        )
        .render();
        yew::scheduler::flush().await;
        Checker {
            root,
            completed,
            changes,
        }
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    async fn click(&self, selector: &str) {
        let element = self
            .find(selector)
            .unwrap_or_else(|| panic!("nothing matches {selector}"));
        element.dyn_into::<HtmlElement>().unwrap().click();
        yew::scheduler::flush().await;
    }

    async fn action(&self, action: &str) {
        self.click(&format!("[data-action=\"{action}\"]")).await;
    }

    async fn answer(&self, question: &str, option: &str) {
        self.click(&format!(
            "input[name=\"{question}\"][data-option=\"{option}\"]"
        ))
        .await;
    }

    fn is_checked(&self, question: &str, option: &str) -> bool {
        self.find(&format!(
            "input[name=\"{question}\"][data-option=\"{option}\"]"
        ))
        .map(|e| e.dyn_into::<HtmlInputElement>().unwrap().checked())
        .unwrap_or(false)
    }

    fn shows_question(&self, question: &str) -> bool {
        self.find(&format!("input[name=\"{question}\"]")).is_some()
    }

    fn step(&self) -> Option<String> {
        self.find("[data-step]")
            .and_then(|e| e.get_attribute("data-step"))
    }

    fn result(&self) -> Option<(String, String)> {
        let result = self.find("[data-triage]")?;
        Some((
            result.get_attribute("data-triage")?,
            result.get_attribute("data-top-factor")?,
        ))
    }

    /// Answers every question of the current step with an unremarkable option ("none" for
    /// tick-all-that-apply questions that have it), then presses Next.
    async fn calm_step(&self) {
        let step = self.step().expect("on a step");
        let index = PACK.steps.iter().position(|s| s.id == step).unwrap();
        for &q in PACK.steps[index].questions {
            let question = &PACK.questions[usize::from(q)];
            if !self.shows_question(question.id)
                || self
                    .find(&format!("input[name=\"{}\"]:checked", question.id))
                    .is_some()
            {
                continue;
            }
            // "No" to yes/no questions and to nitrous oxide and alcohol, which could be red flags
            // or reasons of their own; otherwise the last option.
            let calm = ["40_59", "no", "never", "low_or_none"];
            let option = match question.exclusive {
                Some(none) => question.options[usize::from(none)],
                None => question
                    .options
                    .iter()
                    .copied()
                    .find(|o| calm.contains(o))
                    .unwrap_or(question.options[question.options.len() - 1]),
            };
            self.answer(question.id, option).await;
        }
        self.action("next").await;
    }
}

#[wasm_bindgen_test]
async fn intro_then_every_step_in_pack_order_then_the_result() {
    let checker = Checker::mount().await;
    assert!(checker.find("[data-action=\"start\"]").is_some());
    assert!(checker
        .root
        .text_content()
        .unwrap()
        .contains("Nothing you enter leaves this device."));
    checker.action("start").await;
    let mut seen = Vec::new();
    while let Some(step) = checker.step() {
        seen.push(step.clone());
        let progress = checker
            .find(".progress-label")
            .unwrap()
            .text_content()
            .unwrap();
        assert_eq!(
            progress,
            format!("Step {} of {}", seen.len(), PACK.steps.len())
        );
        checker.calm_step().await;
        assert!(seen.len() <= PACK.steps.len(), "no step repeats");
    }
    let expected: Vec<&str> = PACK.steps.iter().map(|s| s.id).collect();
    assert_eq!(seen, expected);
    assert_eq!(seen[..2], ["emergency", "urgent"], "safety first");
    assert!(checker.result().is_some());
}

#[wasm_bindgen_test]
async fn next_explains_what_is_missing_and_stays() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    checker.action("next").await;
    assert_eq!(checker.step().as_deref(), Some("emergency"));
    let error = checker
        .find("#q_emergency_signs .error")
        .expect("an error next to the question");
    assert_eq!(
        error.text_content().unwrap(),
        "Answer this question to continue."
    );
    assert!(checker.find(".callout-error").is_some());
    checker.answer("q_emergency_signs", "none").await;
    assert!(
        checker.find(".error").is_none(),
        "answering clears the error"
    );
}

#[wasm_bindgen_test]
async fn an_emergency_sign_goes_straight_to_the_result() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    checker.answer("q_emergency_signs", "face_arm_speech").await;
    let next = checker
        .find("[data-action=\"next\"]")
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(next, "See what to do now");
    checker.action("next").await;
    assert_eq!(
        checker.result(),
        Some(("emergency_now".into(), "red_flag".into()))
    );
    assert!(checker
        .root
        .text_content()
        .unwrap()
        .contains("Get emergency help right now"));
}

#[wasm_bindgen_test]
async fn an_urgent_sign_goes_straight_to_the_result() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    checker.calm_step().await;
    checker.answer("q_urgent_signs", "one_leg_swollen").await;
    checker.action("next").await;
    assert_eq!(
        checker.result(),
        Some(("urgent_same_day".into(), "red_flag".into()))
    );
}

#[wasm_bindgen_test]
async fn later_red_flags_and_under_18_also_end_the_questions() {
    // Sudden nerve symptoms on the symptoms step.
    let checker = Checker::mount().await;
    checker.action("start").await;
    while checker.step().as_deref() != Some("symptoms") {
        checker.calm_step().await;
    }
    checker.answer("q_neuro", "muscle_weakness").await;
    checker
        .answer("q_neuro_onset", "sudden_or_rapidly_worsening")
        .await;
    checker.action("next").await;
    assert_eq!(
        checker.result(),
        Some(("emergency_now".into(), "red_flag".into()))
    );

    // A statin with muscle symptoms on the medicines step.
    let checker = Checker::mount().await;
    checker.action("start").await;
    while checker.step().as_deref() != Some("medicines") {
        checker.calm_step().await;
    }
    checker.answer("q_other_meds", "statin").await;
    checker.answer("q_statin_muscle", "yes").await;
    checker.calm_step().await;
    assert_eq!(
        checker.result(),
        Some(("urgent_same_day".into(), "red_flag".into()))
    );

    // Under 18 on the cramps step.
    let checker = Checker::mount().await;
    checker.action("start").await;
    checker.calm_step().await;
    checker.calm_step().await;
    checker.answer("q_age", "under_18").await;
    checker.calm_step().await;
    assert_eq!(checker.result().map(|r| r.0), Some("not_applicable".into()));
}

#[wasm_bindgen_test]
async fn back_keeps_every_answer_and_forward_again_too() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    checker.calm_step().await;
    checker.calm_step().await;
    checker.answer("q_age", "65_74").await;
    checker.answer("q_cramp_site", "calf_foot").await;
    checker.answer("q_cramp_site", "thigh").await;
    checker.answer("q_cramp_timing", "night_or_rest").await;
    checker.answer("q_walking_pain", "no").await;
    checker.action("next").await;
    checker.action("back").await;
    assert_eq!(checker.step().as_deref(), Some("cramps"));
    assert!(checker.is_checked("q_age", "65_74"));
    assert!(
        checker.is_checked("q_cramp_site", "calf_foot")
            && checker.is_checked("q_cramp_site", "thigh")
    );
    checker.action("back").await;
    assert!(checker.is_checked("q_urgent_signs", "none"));
    checker.action("next").await;
    checker.action("next").await;
    assert_eq!(
        checker.step().as_deref(),
        Some("pattern"),
        "answers kept, so Next moves on"
    );
    checker.action("back").await;
    assert!(checker.is_checked("q_cramp_timing", "night_or_rest"));
}

#[wasm_bindgen_test]
async fn show_if_questions_appear_in_place_and_their_answers_drop() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    while checker.step().as_deref() != Some("symptoms") {
        checker.calm_step().await;
    }
    assert!(!checker.shows_question("q_neuro_onset"));
    // Mouth ulcers are not a nerve symptom: the onset question stays hidden.
    checker
        .answer("q_neuro", "sore_red_tongue_mouth_ulcers")
        .await;
    assert!(!checker.shows_question("q_neuro_onset"));
    checker
        .answer("q_neuro", "sore_red_tongue_mouth_ulcers")
        .await;
    checker.answer("q_neuro", "balance_problems").await;
    assert!(checker.shows_question("q_neuro_onset"));
    checker
        .answer("q_neuro_onset", "gradual_weeks_to_months")
        .await;
    checker.answer("q_neuro", "none").await;
    assert!(!checker.shows_question("q_neuro_onset"));
    checker.answer("q_neuro", "balance_problems").await;
    assert!(checker.shows_question("q_neuro_onset"));
    assert!(
        !checker.is_checked("q_neuro_onset", "gradual_weeks_to_months"),
        "the hidden answer was dropped"
    );
}

#[wasm_bindgen_test]
async fn none_clears_the_others_and_the_others_clear_none() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    checker.answer("q_emergency_signs", "none").await;
    checker.answer("q_emergency_signs", "cold_pale_leg").await;
    assert!(!checker.is_checked("q_emergency_signs", "none"));
    assert!(checker.is_checked("q_emergency_signs", "cold_pale_leg"));
    checker.answer("q_emergency_signs", "none").await;
    assert!(checker.is_checked("q_emergency_signs", "none"));
    assert!(!checker.is_checked("q_emergency_signs", "cold_pale_leg"));
}

#[wasm_bindgen_test]
async fn the_result_carries_the_engines_ids_and_explains_itself() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    checker.calm_step().await;
    checker.calm_step().await;
    checker.answer("q_age", "75_plus").await;
    checker.calm_step().await;
    checker.calm_step().await;
    checker
        .answer("q_neuro", "pins_needles_numbness_both_sides")
        .await;
    checker
        .answer("q_neuro_onset", "gradual_weeks_to_months")
        .await;
    while checker.result().is_none() {
        checker.calm_step().await;
    }
    assert_eq!(
        checker.result(),
        Some(("provider_soon_b12".into(), "b12".into()))
    );
    assert!(checker.find("[data-reason=\"signal:b12_risk\"]").is_some());
    assert!(checker
        .find("[data-advice=\"b12_book_appointment\"]")
        .is_some());
    assert!(checker.find("svg.chart[role=\"img\"] title").is_some());
    // B12 is a test worth asking about, shown apart from the causes the chart compares.
    assert!(checker.find("svg.chart [data-factor=\"b12\"]").is_none());
    assert!(checker
        .find(".factor-apart[data-factor=\"b12\"]")
        .and_then(|p| p.text_content())
        .is_some_and(|text| text.contains("worth asking about")));
    let first_source = checker.find(".sources a[href^=\"https://\"]");
    assert!(
        first_source.is_some(),
        "numbered sources link to their addresses"
    );
    // A citation moves focus to its source inside the checker, without touching the address.
    let href = web_sys::window().unwrap().location().href().unwrap();
    checker.click("a.cite").await;
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .and_then(|e| e.get_attribute("id"));
    assert_eq!(focused.as_deref(), Some("source-1"));
    assert_eq!(web_sys::window().unwrap().location().href().unwrap(), href);
    // The host hears of the result once, with the answers that gave it.
    assert_eq!(checker.completed.borrow().len(), 1);
    assert_eq!(
        checker.completed.borrow()[0].assessment().triage_id(),
        "provider_soon_b12"
    );
    checker.action("change").await;
    assert_eq!(checker.step().as_deref(), Some("emergency"));
    assert!(
        checker.is_checked("q_emergency_signs", "none"),
        "changing keeps the answers"
    );
    // Every answer is kept, so Next alone walks back to the same result.
    while checker.result().is_none() {
        checker.action("next").await;
    }
    assert_eq!(
        checker.result(),
        Some(("provider_soon_b12".into(), "b12".into()))
    );
    assert_eq!(
        checker.completed.borrow().len(),
        2,
        "each result is reported"
    );
    checker.action("restart").await;
    checker.action("start").await;
    assert!(
        !checker.is_checked("q_emergency_signs", "none"),
        "starting again forgets the answers"
    );
}

#[wasm_bindgen_test]
async fn the_answers_are_reported_as_they_change_and_a_restart_resumes_them_with_a_notice() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    checker.answer("q_emergency_signs", "none").await;
    checker.action("next").await;
    let code = checker
        .changes
        .borrow()
        .last()
        .cloned()
        .expect("a share code");
    assert_eq!(
        share::decode(&PACK, &code)
            .map(|a| a.is_answered(PACK.question_index("q_emergency_signs").unwrap())),
        Ok(true)
    );
    // A restart with that code: where the answers lead (step 2), with a notice, and no
    // complete event, since the reader did nothing.
    let restarted = Checker::mount_with(Some(code)).await;
    assert_eq!(restarted.step().as_deref(), Some("urgent"));
    assert!(restarted.find("[data-notice=\"restarted\"]").is_some());
    assert!(restarted.completed.borrow().is_empty());
}
