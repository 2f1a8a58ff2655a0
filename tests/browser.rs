//! The real components in headless Chromium (wasm-bindgen-test), for their wiring only: clicks
//! dispatch the right actions, focus moves, the state and the host's settings reach the DOM,
//! the result renders its outline in order, and the host hears of results and changes. The
//! flow itself (steps, Back, early exits, show-if, "none") is tested once, natively, in
//! `src/questionnaire.rs`. Run by `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use b12_cramp_check::engine::model::Tone;
use b12_cramp_check::engine::{evaluate, Answers, RawAnswers};
use b12_cramp_check::outline::{outline, Content, Outline};
use b12_cramp_check::pack::{region_index, PACK};
use b12_cramp_check::questionnaire::Questionnaire;
use b12_cramp_check::share;
use b12_cramp_check::ui::{App, AppProps, Settings, Theme};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The answers of `tests/answers/b12-metformin-tingling.json`: a result with every kind of
/// section.
fn b12_answers() -> Answers {
    let json = include_str!("answers/b12-metformin-tingling.json");
    let raw: RawAnswers = serde_json::from_str(json).unwrap();
    Answers::from_raw(&PACK, &raw).unwrap()
}

/// The outline of `answers` that a checker with the default settings shows.
fn outline_shown(answers: &Answers) -> Outline {
    let settings = Settings::default();
    outline(
        &evaluate(&PACK, answers),
        answers,
        settings.texts,
        settings.region,
    )
}

/// A mounted checker, driven through its stable hooks: inputs by name and `data-option`,
/// buttons by `data-action`.
struct Checker {
    root: Element,
    /// What the app reported to its host, once per result the reader reached.
    completed: Rc<RefCell<Vec<Questionnaire>>>,
    /// Every share code the app reported as the answers changed.
    changes: Rc<RefCell<Vec<String>>>,
}

impl Checker {
    async fn mount() -> Checker {
        Checker::mount_with(Settings::default(), None).await
    }

    /// The app with these settings, starting from the answers of `restart_with` (a share code)
    /// as an element does after a restart.
    async fn mount_with(settings: Settings, restart_with: Option<String>) -> Checker {
        let checker = Checker::render(settings, restart_with).await;
        // The first screen is drawn in a task after the first render (src/ui/app.rs).
        settled().await;
        checker
    }

    /// The app's first render, which draws nothing yet.
    async fn render(settings: Settings, restart_with: Option<String>) -> Checker {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let completed = Rc::new(RefCell::new(Vec::new()));
        let on_complete = {
            let completed = completed.clone();
            yew::Callback::from(move |(flow, _)| completed.borrow_mut().push(flow))
        };
        let changes = Rc::new(RefCell::new(Vec::new()));
        let on_change = {
            let changes = changes.clone();
            yew::Callback::from(move |code| changes.borrow_mut().push(code))
        };
        yew::Renderer::<App>::with_root_and_props(
            root.clone(),
            AppProps {
                settings,
                on_complete,
                on_change,
                restart_with,
                take_focus: false,
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

    /// The app restarted with `answers`, placed where they lead.
    async fn restarted_with(answers: &Answers) -> Checker {
        Checker::mount_with(Settings::default(), Some(share::encode(&PACK, answers))).await
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn all(&self, selector: &str, attribute: &str) -> Vec<String> {
        let found = self.root.query_selector_all(selector).unwrap();
        (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute(attribute))
            .collect()
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector)
            .and_then(|e| e.text_content())
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    async fn click(&self, selector: &str) {
        let element = self
            .find(selector)
            .unwrap_or_else(|| panic!("nothing matches {selector}"));
        element.dyn_into::<HtmlElement>().unwrap().click();
        yew::scheduler::flush().await;
        // Another kind of screen is drawn in a task after the click's, and focus moves just
        // before the next frame (src/ui/app.rs).
        settled().await;
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

    fn step(&self) -> Option<String> {
        self.find("[data-step]")
            .and_then(|e| e.get_attribute("data-step"))
    }

    fn triage(&self) -> Option<String> {
        self.find("[data-triage]")?.get_attribute("data-triage")
    }

    /// The sections shown once the next part of the result is drawn (within a few frames).
    async fn next_part(&self) -> Vec<String> {
        let before = self.all("[data-section]", "data-section");
        for _ in 0..5 {
            next_frame().await;
            next_task().await;
            let now = self.all("[data-section]", "data-section");
            if now != before {
                return now;
            }
        }
        panic!("no part drawn after {before:?}");
    }

    fn notice(&self) -> Option<String> {
        self.find("[data-notice]")?.get_attribute("data-notice")
    }
}

/// Resolves once the tasks the checker queued, its next two frames' callbacks and the tasks
/// those queued have run (the result's middle is drawn in a task after its first frame, its last
/// part in a task after the second).
async fn settled() {
    next_task().await;
    for _ in 0..2 {
        next_frame().await;
        next_task().await;
    }
}

/// Resolves after a task queued now, and the renders it caused.
async fn next_task() {
    let task = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(task).await;
    yew::scheduler::flush().await;
}

/// Resolves in the next frame, after the callbacks queued for it before.
async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
}

/// The element that has keyboard focus.
fn focused() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

#[wasm_bindgen_test]
async fn clicks_dispatch_their_actions_and_focus_moves_to_each_new_screen() {
    let checker = Checker::mount().await;
    assert!(checker
        .text("[data-privacy=\"private\"]")
        .contains("Nothing you enter leaves this device."));
    assert!(
        !checker
            .root
            .contains(focused().as_ref().map(|e| e.unchecked_ref())),
        "the first render does not take focus from the host page"
    );
    checker.action("start").await;
    assert_eq!(checker.step().as_deref(), Some("emergency"));
    assert_eq!(
        checker.text(".title .caption"),
        format!("Step 1 of {}", PACK.steps.len())
    );
    assert_eq!(
        focused().and_then(|e| e.text_content()),
        Some(format!(
            "Step 1 of {}{}",
            PACK.steps.len(),
            checker.text(".title .question-text")
        )),
        "the heading (the step's only question), with the progress in its caption"
    );
    // A refused Next: the error by the question, and focus on the list of what is missing.
    checker.action("next").await;
    assert_eq!(
        checker.text("#q_emergency_signs .error"),
        "Answer this question to continue."
    );
    assert!(focused().is_some_and(|e| e.class_name().contains("error-summary")));
    checker.answer("q_emergency_signs", "none").await;
    assert!(
        checker.find(".error").is_none(),
        "answering clears the error"
    );
    // A red flag: the state's decision reaches the button and the alert; "none" unticks.
    checker.answer("q_emergency_signs", "cold_pale_leg").await;
    assert!(!checker.is_checked("q_emergency_signs", "none"));
    assert_eq!(checker.text("[data-action=\"next\"]"), "See what to do now");
    assert!(checker.text("[role=\"alert\"]").contains("help now"));
    checker.action("next").await;
    assert_eq!(checker.triage().as_deref(), Some("emergency_now"));
    assert_eq!(
        focused().and_then(|e| e.text_content()).as_deref(),
        Some("Get emergency help right now")
    );
    checker.action("change").await;
    assert_eq!(checker.step().as_deref(), Some("emergency"));
    assert!(checker.is_checked("q_emergency_signs", "cold_pale_leg"));
    checker.action("back").await;
    assert!(checker.find("[data-action=\"start\"]").is_some());
}

#[wasm_bindgen_test]
async fn shown_questions_and_chosen_options_follow_the_state() {
    // From the B12 result, "Change my answers" and Next to the symptoms step, answers kept.
    let checker = Checker::restarted_with(&b12_answers()).await;
    checker.action("change").await;
    while checker.step().as_deref() != Some("symptoms") {
        checker.action("next").await;
    }
    assert!(checker.is_checked("q_neuro", "pins_needles_numbness_both_sides"));
    assert!(checker.is_checked("q_neuro_onset", "gradual_weeks_to_months"));
    // "None" hides the onset question; a nerve symptom shows it again, unanswered.
    checker.answer("q_neuro", "none").await;
    assert!(checker.find("input[name=\"q_neuro_onset\"]").is_none());
    checker.answer("q_neuro", "balance_problems").await;
    assert!(checker.find("input[name=\"q_neuro_onset\"]").is_some());
    assert!(!checker.is_checked("q_neuro_onset", "gradual_weeks_to_months"));
}

#[wasm_bindgen_test]
async fn focus_comes_back_to_the_option_used_only_where_the_update_lost_it() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    let option = |o: &str| -> HtmlElement {
        checker
            .find(&format!(
                "input[name=\"q_emergency_signs\"][data-option=\"{o}\"]"
            ))
            .unwrap()
            .dyn_into()
            .unwrap()
    };
    // Focus is on the step's heading, in the checker: an answer by a click that does not focus
    // leaves it there.
    checker.answer("q_emergency_signs", "cold_pale_leg").await;
    assert!(focused().is_some_and(|e| e.class_name().contains("title")));
    // Focus on the page, outside the checker (as when an update removes the focused node):
    // it comes back to the option used.
    let heading: HtmlElement = focused().unwrap().dyn_into().unwrap();
    heading.blur().unwrap();
    checker.answer("q_emergency_signs", "cold_pale_leg").await;
    assert_eq!(focused(), Some(option("cold_pale_leg").into()));
    // The reader answers and moves on before the next frame (a quick Tab, then Space): focus
    // stays where they put it.
    option("face_arm_speech").click();
    option("none").focus().unwrap();
    settled().await;
    assert!(checker.is_checked("q_emergency_signs", "face_arm_speech"));
    assert_eq!(focused(), Some(option("none").into()));
}

#[wasm_bindgen_test]
async fn a_screen_is_drawn_after_the_click_and_two_quick_clicks_move_one_screen() {
    let checker = Checker::mount().await;
    checker.action("start").await;
    checker.answer("q_emergency_signs", "none").await;
    let next: HtmlElement = checker
        .find("[data-action=\"next\"]")
        .unwrap()
        .dyn_into()
        .unwrap();
    // Two clicks before the first one's screen is drawn, as on a slow device.
    next.click();
    next.click();
    yew::scheduler::flush().await;
    assert_eq!(
        checker.step().as_deref(),
        Some("emergency"),
        "the click's task leaves the screen as it was"
    );
    settled().await;
    assert_eq!(checker.step().as_deref(), Some("urgent"));
    assert!(
        checker.find(".error-summary").is_none(),
        "the second click was not taken as a Next on the new step"
    );
}

#[wasm_bindgen_test]
async fn the_result_renders_its_outline_in_order() {
    let answers = b12_answers();
    let expected = outline_shown(&answers);
    let checker = Checker::restarted_with(&answers).await;
    let result = checker.find("[data-triage]").expect("the result");
    assert_eq!(
        result.get_attribute("data-triage").as_deref(),
        Some(expected.level)
    );
    assert_eq!(
        result.get_attribute("data-top-factor").as_deref(),
        Some(expected.top_factor)
    );
    assert_eq!(checker.text(".banner .title"), expected.banner.heading);
    let sections: Vec<&str> = expected.sections.iter().map(|s| s.id).collect();
    assert_eq!(checker.all("[data-section]", "data-section"), sections);
    let (mut reasons, mut advice, mut citations) = (Vec::new(), Vec::new(), Vec::new());
    // One link per statement, to the first of its sources.
    citations.extend(
        expected
            .banner
            .citations
            .first()
            .map(|n| format!("#source-{n}")),
    );
    for section in &expected.sections {
        match &section.content {
            Content::Advice(items) => {
                advice.extend(items.iter().map(|i| i.id.to_string()));
                citations.extend(
                    items
                        .iter()
                        .filter_map(|i| i.citations.first())
                        .map(|n| format!("#source-{n}")),
                );
            }
            Content::Reasons(items) => {
                reasons.extend(items.iter().map(|r| r.id.clone()));
                citations.extend(
                    items
                        .iter()
                        .filter_map(|r| r.citations.first())
                        .map(|n| format!("#source-{n}")),
                );
            }
            _ => {}
        }
    }
    assert_eq!(checker.all("[data-reason]", "data-reason"), reasons);
    assert_eq!(checker.all("[data-advice]", "data-advice"), advice);
    assert_eq!(checker.all("a.cite", "href"), citations);
    let Some(Content::Sources(sources)) = expected.sections.last().map(|s| &s.content) else {
        panic!("the sources come last");
    };
    let source_ids: Vec<String> = sources
        .list
        .iter()
        .map(|s| format!("source-{}", s.number))
        .collect();
    assert_eq!(checker.all("[data-section=sources] li", "id"), source_ids);
    assert!(checker.find(".chart[role=\"img\"][aria-label]").is_some());
    assert!(checker
        .text(".factor-apart[data-factor=\"b12\"]")
        .contains("worth asking about"));
    assert!(checker.text(".print-only").contains(expected.pack_version));
    // A citation moves focus to its source inside the checker, without touching the address.
    let href = web_sys::window().unwrap().location().href().unwrap();
    checker.click("a.cite").await;
    assert_eq!(focused().map(|e| e.id()).as_deref(), Some("source-1"));
    assert_eq!(web_sys::window().unwrap().location().href().unwrap(), href);
    // The source offers the way back to the citation followed.
    checker
        .click("#source-1 [data-action=\"back-to-text\"]")
        .await;
    assert_eq!(focused().map(|e| e.id()).as_deref(), Some("cited"));
    assert_eq!(
        focused().and_then(|e| e.get_attribute("href")).as_deref(),
        Some("#source-1")
    );
}

/// The banner's class names its tone as the stylesheet does (`tone-` and `Tone::id`): the
/// banner writes each class as a literal, which nothing else would check against the ids.
#[wasm_bindgen_test]
async fn each_tone_styles_its_banner() {
    let mut tones = Vec::new();
    for json in [
        include_str!("answers/emergency-compartment.json"),
        include_str!("answers/same-day-statin.json"),
        include_str!("answers/b12-metformin-tingling.json"),
        include_str!("answers/self-care-exercise.json"),
    ] {
        let raw: RawAnswers = serde_json::from_str(json).unwrap();
        let answers = Answers::from_raw(&PACK, &raw).unwrap();
        let tone = outline_shown(&answers).banner.tone;
        let checker = Checker::restarted_with(&answers).await;
        assert_eq!(
            checker
                .find(".banner")
                .and_then(|b| b.get_attribute("class")),
            Some(format!("banner tone-{}", tone.id()))
        );
        tones.push(tone);
    }
    assert_eq!(tones, Tone::ALL, "one result of each tone");
}

/// The result's banner and first sections are drawn first, the middle sections in a task after
/// the frame that shows them, the last two in a task after the next frame
/// (src/ui/components/result/mod.rs), each part leaving what is there untouched: the focused
/// heading keeps focus, and the sections drawn keep their nodes.
#[wasm_bindgen_test]
async fn the_result_is_drawn_in_three_tasks_and_marked_once_whole() {
    let answers = b12_answers();
    let expected = outline_shown(&answers);
    let all: Vec<&str> = expected.sections.iter().map(|s| s.id).collect();
    // Up to two sections, and never the keep panel, which reads what the device remembers only
    // once the app has brought it up to date (the B12 result's second section).
    let drawn_first = all.iter().take(2).take_while(|&&id| id != "keep").count();
    assert_eq!((drawn_first, all[drawn_first]), (1, "keep"));
    let middle = all.len() - 2;
    assert_eq!(&all[middle..], ["your_answers", "sources"], "the last two");
    let checker = Checker::render(Settings::default(), Some(share::encode(&PACK, &answers))).await;
    next_task().await;
    assert!(checker.find(".banner").is_some(), "the banner comes first");
    let sections = || checker.all("[data-section]", "data-section");
    assert_eq!(sections(), all[..drawn_first], "with the first sections");
    assert!(checker.find(".disclaimer").is_none());
    assert_eq!(checker.triage(), None, "not marked while partly drawn");
    let (heading, first) = (
        checker.find(".banner .title").unwrap(),
        checker.find("[data-section]").unwrap(),
    );
    heading.dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    // Each part is drawn in a render of its own, a frame after the one before.
    assert_eq!(
        checker.next_part().await,
        all[..middle],
        "then the middle sections"
    );
    assert_eq!(checker.triage(), None, "not marked while partly drawn");
    let keep = checker.find("[data-section=\"keep\"]").unwrap();
    assert_eq!(checker.next_part().await, all, "then the last two");
    let kept = |before: &Element, selector: &str| {
        before.is_same_node(checker.find(selector).as_ref().map(|e| e.unchecked_ref()))
    };
    assert!(
        kept(&first, "[data-section]"),
        "the first section's nodes kept"
    );
    assert!(kept(&keep, "[data-section=\"keep\"]"), "the middle's kept");
    assert!(
        heading.is_same_node(focused().as_ref().map(|e| e.unchecked_ref())),
        "the heading keeps focus"
    );
    assert!(checker.find(".disclaimer").is_some());
    assert!(checker.find("[data-action=\"restart\"]").is_some());
    assert_eq!(checker.triage().as_deref(), Some(expected.level));
}

#[wasm_bindgen_test]
async fn the_host_hears_of_each_change_and_of_each_result_the_reader_reaches() {
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
    let emergency_signs = PACK.question_index("q_emergency_signs").unwrap();
    assert_eq!(
        share::decode(&PACK, &code).map(|a| a.is_answered(emergency_signs)),
        Ok(true)
    );
    // A restart with that code: where the answers lead, with a notice, and no complete event,
    // since the reader did nothing.
    let restarted = Checker::mount_with(Settings::default(), Some(code)).await;
    assert_eq!(restarted.step().as_deref(), Some("urgent"));
    assert_eq!(restarted.notice().as_deref(), Some("restarted"));

    // A result shown on arrival is not reported; one the reader reaches is, once each time.
    let checker = Checker::restarted_with(&b12_answers()).await;
    assert!(checker.completed.borrow().is_empty());
    checker.action("change").await;
    assert_eq!(
        checker.notice(),
        None,
        "the reader's first action dismisses the notice"
    );
    assert!(
        checker.is_checked("q_emergency_signs", "none"),
        "changing keeps the answers"
    );
    while checker.triage().is_none() {
        checker.action("next").await;
    }
    assert_eq!(checker.completed.borrow().len(), 1);
    assert_eq!(
        checker.completed.borrow()[0].assessment().level_id(),
        "provider_soon_b12"
    );
    checker.action("restart").await;
    assert_eq!(checker.completed.borrow().len(), 1);
    checker.action("start").await;
    assert!(
        !checker.is_checked("q_emergency_signs", "none"),
        "starting again forgets the answers"
    );
}

#[wasm_bindgen_test]
async fn the_hosts_settings_reach_the_page() {
    let settings = Settings {
        region: region_index("uk").unwrap(),
        theme: Theme::Dark,
        heading_level: 4,
        shares_answers: true,
        ..Settings::default()
    };
    let checker = Checker::mount_with(settings, None).await;
    assert_eq!(
        checker.find(".title").map(|h| h.tag_name()).as_deref(),
        Some("H4")
    );
    assert!(checker.find(".b12c[data-theme=\"dark\"]").is_some());
    assert!(checker.find("[data-privacy=\"shared\"]").is_some());
    assert!(checker.text(".callout-emergency").contains("call 999 now"));
}
