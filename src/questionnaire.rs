//! The questionnaire's flow, independent of any UI: which screen is showing, the answers so far,
//! their assessment, the notice about where the answers came from, and what each action does.
//! The Yew UI renders it; the tests drive it natively, through actions only.
//!
//! Screens: the intro, one screen per pack step, the result. Back and Next keep every answer.
//! Next refuses to move on while a required question on the screen is unanswered, and names
//! those questions. It goes straight to the result when the answers so far already decide it
//! (a red flag, or an outcome that stops the questionnaire such as "under 18"), unless a
//! required question left unanswered on a step the reader has been through could still make
//! it more urgent.
//!
//! From the result, "Change" on one answer opens that question's step to return: Next from it
//! goes straight back to the result when every shown required question is answered, else on
//! to the first step with one missing (as when a removed red flag no longer ends the check).

use crate::engine::model::{Pack, QuestionIdx, Step};
use crate::engine::{could_be_more_urgent, evaluate, Answers, Assessment};
use crate::json::{Json, ToJson};
use crate::pack::UiText;
use crate::share::ShareError;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Intro,
    /// Index into the pack's steps.
    Step(usize),
    Result,
}

impl Screen {
    /// A name for the screen that stays right while the pack is the same: `intro`, `result`,
    /// or `step:` and the step's id (for the browser's history entries).
    pub fn id(self, pack: &Pack) -> String {
        match self {
            Screen::Intro => "intro".to_string(),
            Screen::Step(step) => format!("step:{}", pack.steps[step].id),
            Screen::Result => "result".to_string(),
        }
    }

    pub fn from_id(pack: &Pack, id: &str) -> Option<Screen> {
        match id {
            "intro" => Some(Screen::Intro),
            "result" => Some(Screen::Result),
            _ => {
                let step = id.strip_prefix("step:")?;
                pack.steps
                    .iter()
                    .position(|s| s.id == step)
                    .map(Screen::Step)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Start,
    Next,
    Back,
    /// Answer a one-answer question.
    Choose(QuestionIdx, u16),
    /// Tick or untick an option of a tick-all-that-apply question.
    Toggle(QuestionIdx, u16),
    /// From the result, back to the first step with every answer kept.
    ChangeAnswers,
    /// From the result, to the step of this question, to return to the result after it.
    ChangeAnswer(QuestionIdx),
    /// Forget everything and show the intro.
    Restart,
    /// Show a screen the reader had reached before (the browser's Back or Forward, a reload):
    /// shown if the answers still lead there, else the furthest screen they lead to. The
    /// answers are the ones that history entry held, taken only when the reader has none now
    /// (Back after Start again undoes it); else the reader's own stand, so that Back from a
    /// later step keeps the answers given there.
    Show(Screen, Option<Answers>),
}

/// What changed on the step without the reader moving: a question the last answer brought in
/// or took away (a show-if), said once by the step's live region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Announcement {
    Appeared(QuestionIdx),
    Removed(QuestionIdx),
}

/// What the reader is told about answers that were there before they started; the reader's
/// first action dismisses it.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    FromLink,
    Resumed,
    LinkRefused(ShareError),
    /// Something under the storage key that is not a record the reader consented to, or one
    /// this version cannot read: not used.
    StoredIgnored,
    /// The checker had to restart (after a fault) and kept the reader's answers.
    Restarted,
    /// The tab's history entry held answers this version cannot read (an update since).
    HistoryLost,
}

impl Notice {
    /// The notice's stable id (the page's `data-notice`).
    pub fn id(&self) -> &'static str {
        match self {
            Notice::FromLink => "from-link",
            Notice::Resumed => "resumed",
            Notice::LinkRefused(ShareError::Malformed) => "link-damaged",
            Notice::LinkRefused(ShareError::OtherVersion) => "link-other-version",
            Notice::LinkRefused(ShareError::Invalid(_)) => "link-invalid",
            Notice::StoredIgnored => "stored-ignored",
            Notice::Restarted => "restarted",
            Notice::HistoryLost => "history-lost",
        }
    }

    pub fn text(&self, ui: UiText) -> &'static str {
        match self {
            Notice::FromLink => ui.from_link(),
            Notice::Resumed => ui.resumed(),
            Notice::LinkRefused(ShareError::Malformed) => ui.link_damaged(),
            Notice::LinkRefused(ShareError::OtherVersion) => ui.link_other_version(),
            Notice::LinkRefused(ShareError::Invalid(_)) => ui.link_invalid(),
            Notice::StoredIgnored => ui.stored_ignored(),
            Notice::Restarted => ui.restarted(),
            Notice::HistoryLost => ui.history_lost(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Questionnaire {
    pack: &'static Pack,
    screen: Screen,
    answers: Answers,
    /// The assessment of `answers`, computed again only when an action changes them (shared
    /// between states, which the reducer copies on every action).
    assessment: Rc<Assessment<'static>>,
    /// Required questions on this screen that Next found unanswered.
    missing: Vec<QuestionIdx>,
    /// The step the result was reached from (Back returns there).
    last_step: usize,
    /// The reader came from the result to change one answer: Next returns there when it can.
    returning: bool,
    notice: Option<Notice>,
    /// What the last answer changed on the step, until the next action.
    announcement: Option<Announcement>,
}

/// Equal states render alike. The assessment is left out: it follows from the pack and the
/// answers, and comparing them is cheaper.
impl PartialEq for Questionnaire {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.pack, other.pack)
            && (
                self.screen,
                &self.answers,
                &self.missing,
                self.last_step,
                self.returning,
                &self.notice,
                self.announcement,
            ) == (
                other.screen,
                &other.answers,
                &other.missing,
                other.last_step,
                other.returning,
                &other.notice,
                other.announcement,
            )
    }
}

impl Questionnaire {
    pub fn new(pack: &'static Pack) -> Self {
        Questionnaire::at(pack, Screen::Intro, Answers::new(pack))
    }

    /// Answers given whole (from a share link or the device), placed where the reader would
    /// have got to with them: the result if pressing Next through the steps reaches it, else
    /// the first step with a required answer missing. A code that leaves out questions before
    /// its result (the safety screens, say) therefore lands on the first step where one of them
    /// could make that result more urgent, never on a result they could change. Back and
    /// "Change my answers" lead into the steps with every answer kept.
    pub fn restored(pack: &'static Pack, answers: Answers) -> Self {
        let mut flow = Questionnaire::at(pack, Screen::Step(0), answers);
        while let Screen::Step(_) = flow.screen {
            let next = flow.apply(Action::Next);
            if next.screen == flow.screen {
                // Next was refused: land here, without an error the reader did not cause.
                break;
            }
            flow = next;
        }
        flow
    }

    /// The same state, showing `notice` until the reader's next action.
    pub fn with_notice(self, notice: Notice) -> Self {
        Questionnaire {
            notice: Some(notice),
            ..self
        }
    }

    fn at(pack: &'static Pack, screen: Screen, answers: Answers) -> Self {
        Questionnaire {
            pack,
            screen,
            assessment: Rc::new(evaluate(pack, &answers)),
            answers,
            missing: Vec::new(),
            last_step: 0,
            returning: false,
            notice: None,
            announcement: None,
        }
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The assessment of the answers so far (the result's, on the result screen).
    pub fn assessment(&self) -> &Assessment<'static> {
        &self.assessment
    }

    /// Required questions on this screen that Next found unanswered.
    pub fn missing(&self) -> &[QuestionIdx] {
        &self.missing
    }

    /// Whether Next returns to the result (the reader came to change one answer).
    pub fn returning(&self) -> bool {
        self.returning
    }

    /// Whether Next leads back to the result from a step opened to change an answer (its button
    /// then says so); it goes on to the first step missing an answer where one is.
    pub fn next_returns_to_result(&self) -> bool {
        self.returning && self.apply(Action::Next).screen == Screen::Result
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The question the last answer brought in or took away on this step, if any.
    pub fn announcement(&self) -> Option<Announcement> {
        self.announcement
    }

    pub fn step_count(&self) -> usize {
        self.pack.steps.len()
    }

    /// The questions of a step that are asked with the current answers.
    pub fn shown_questions(&self, step: usize) -> impl Iterator<Item = QuestionIdx> + '_ {
        self.pack.steps[step]
            .questions
            .iter()
            .copied()
            .filter(|&q| self.answers.is_shown(self.pack, q))
    }

    /// Required questions of a step, shown and unanswered.
    pub fn unanswered_required(&self, step: usize) -> Vec<QuestionIdx> {
        self.shown_questions(step)
            .filter(|&q| self.is_unanswered_required(q))
            .collect()
    }

    fn is_unanswered_required(&self, question: QuestionIdx) -> bool {
        self.pack.questions[usize::from(question)].required && !self.answers.is_answered(question)
    }

    /// Whether the answers so far already decide the result (Next goes straight to it): they
    /// stop the questionnaire, and no required question left unanswered on the steps the
    /// reader has been through could make the result more urgent.
    pub fn result_is_decided(&self) -> bool {
        self.assessment.stops_questionnaire()
            && !could_be_more_urgent(
                self.pack,
                &self.answers,
                &self.unanswered_so_far(),
                self.assessment.level,
            )
    }

    /// Required questions without an answer, shown or not, on the steps up to this one or to
    /// the last step with an answer, whichever is later (the reader went back, or came from a
    /// link).
    pub fn unanswered_so_far(&self) -> Vec<QuestionIdx> {
        let steps = self.pack.steps;
        let answered = |step: &Step| step.questions.iter().any(|&q| self.answers.is_answered(q));
        let last_answered = steps.iter().rposition(answered).unwrap_or(0);
        let current = match self.screen {
            Screen::Step(step) => step,
            _ => 0,
        };
        steps[..=current.max(last_answered)]
            .iter()
            .flat_map(|step| step.questions.iter().copied())
            .filter(|&q| self.is_unanswered_required(q))
            .collect()
    }

    /// The state after the reader's action. Every action dismisses the notice and the
    /// announcement.
    pub fn apply(&self, action: Action) -> Questionnaire {
        let mut next = Questionnaire {
            notice: None,
            announcement: None,
            ..self.clone()
        };
        match (action, self.screen) {
            (Action::Start, Screen::Intro) => next.go_to_step(0),
            (Action::Next, Screen::Step(step)) => {
                // A red flag goes straight to the result, even with other questions unanswered
                // (unless one could make it more urgent: then it is not decided).
                let decided = self.result_is_decided();
                next.missing = if decided {
                    Vec::new()
                } else {
                    self.unanswered_required(step)
                };
                if next.missing.is_empty() && self.returning {
                    // Where Next through every step leads: the result, or the first step with
                    // a required answer missing (which returns from there in turn).
                    let walked = Questionnaire::restored(self.pack, next.answers.clone());
                    next.screen = walked.screen;
                    next.last_step = walked.last_step;
                    next.returning = walked.screen != Screen::Result;
                } else if next.missing.is_empty() {
                    if decided || step + 1 == self.step_count() {
                        next.last_step = step;
                        next.screen = Screen::Result;
                    } else {
                        next.go_to_step(step + 1);
                    }
                }
            }
            // Changing one answer from the result (on any step, the first too): Back returns
            // there, as the browser's would, when the answers still lead there (`show`).
            (Action::Back, Screen::Step(_)) if self.returning => next.show(Screen::Result),
            (Action::Back, Screen::Step(0)) => {
                next.missing.clear();
                next.returning = false;
                next.screen = Screen::Intro;
            }
            (Action::Back, Screen::Step(step)) => next.go_to_step(step - 1),
            (Action::Back, Screen::Result) => next.go_to_step(self.last_step),
            (Action::Choose(q, o), Screen::Step(step)) => {
                next.answers.choose(self.pack, q, o);
                next.missing.retain(|&m| m != q);
                next.announcement = self.announce(&next, step);
            }
            (Action::Toggle(q, o), Screen::Step(step)) => {
                next.answers.toggle(self.pack, q, o);
                next.missing.retain(|&m| m != q);
                next.announcement = self.announce(&next, step);
            }
            (Action::Show(screen, kept), _) => {
                if let Some(kept) = kept.filter(|_| next.answers.is_empty()) {
                    next.answers = kept;
                }
                next.show(screen);
            }
            (Action::ChangeAnswers, Screen::Result) => next.go_to_step(0),
            (Action::ChangeAnswer(q), Screen::Result) => {
                if let Some(step) = self.pack.step_of(q) {
                    next.returning = true;
                    next.go_to_step(step);
                }
            }
            (Action::Restart, _) => return Questionnaire::new(self.pack),
            // Anything else does not apply to the screen showing (for example a stale click).
            _ => {}
        }
        if next.answers != self.answers {
            next.assessment = Rc::new(evaluate(self.pack, &next.answers));
        }
        next
    }

    /// The furthest step the reader can have reached with these answers: every step before it
    /// has each required answer it shows. Not where `restored` stops: a red flag decides the
    /// result on any step, and the reader who ticked it on a later one went through the steps
    /// before (Back from that result returns to them).
    fn furthest_step(&self) -> usize {
        (0..self.step_count())
            .find(|&step| !self.unanswered_required(step).is_empty())
            .unwrap_or(self.step_count() - 1)
    }

    fn go_to_step(&mut self, step: usize) {
        self.missing.clear();
        self.screen = Screen::Step(step);
    }

    /// The question that appeared or disappeared on `step` between this state and `next`.
    fn announce(&self, next: &Questionnaire, step: usize) -> Option<Announcement> {
        let before: Vec<QuestionIdx> = self.shown_questions(step).collect();
        let after: Vec<QuestionIdx> = next.shown_questions(step).collect();
        let new_in = |list: &[QuestionIdx], other: &[QuestionIdx]| {
            list.iter().copied().find(|q| !other.contains(q))
        };
        new_in(&after, &before)
            .map(Announcement::Appeared)
            .or_else(|| new_in(&before, &after).map(Announcement::Removed))
    }

    /// Moves to `screen` if the answers lead there (the furthest screen pressing Next reaches,
    /// or any screen before it), else to that furthest screen: a history entry can be older
    /// than the answers.
    ///
    /// The result asked for from a step where the reader was changing an answer (Back, the
    /// browser's too) that no longer leads there (the change brought in a question that could
    /// make it more urgent, or left one unanswered) goes where Next would: this step, naming
    /// what is missing, or the first step with an answer missing, still to return from.
    fn show(&mut self, screen: Screen) {
        let (from, returning) = (self.screen, self.returning);
        self.returning = false;
        let furthest = Questionnaire::restored(self.pack, self.answers.clone());
        self.missing.clear();
        self.screen = match screen {
            Screen::Intro => Screen::Intro,
            Screen::Step(step) if step <= self.furthest_step() => screen,
            _ => furthest.screen,
        };
        match self.screen {
            Screen::Result => self.last_step = furthest.last_step,
            Screen::Step(step) if screen == Screen::Result && returning => {
                self.returning = true;
                if self.screen == from {
                    self.missing = self.unanswered_required(step);
                }
            }
            _ => {}
        }
    }
}

/// What `cramp-check eval` and the JS `evaluate()` give for answers given whole: the
/// assessment, then `complete`, whether the questionnaire would show that result for them
/// (`Questionnaire::restored` reaches it). While it would still ask something, an unanswered
/// question counts as nothing ticked, so a safety screen left unanswered may hide a more urgent
/// result.
pub struct Evaluation(Questionnaire);

impl Evaluation {
    pub fn of(pack: &'static Pack, answers: Answers) -> Self {
        Evaluation(Questionnaire::restored(pack, answers))
    }

    pub fn complete(&self) -> bool {
        self.0.screen() == Screen::Result
    }

    /// The questionnaire as it would stand for these answers.
    pub fn flow(&self) -> &Questionnaire {
        &self.0
    }
}

impl ToJson for Evaluation {
    fn to_json<J: Json>(&self) -> J {
        self.0
            .assessment()
            .to_json::<J>()
            .with("complete", J::boolean(self.complete()))
    }
}

#[cfg(feature = "cli")]
impl serde::Serialize for Evaluation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json::<crate::json::Tree>().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    //! The whole flow, natively and through actions only; `tests/browser.rs` checks the wiring
    //! of the real components to it.
    use super::*;
    use crate::engine::model::QuestionKind;
    use crate::pack::PACK;

    fn q(id: &str) -> QuestionIdx {
        PACK.question_index(id).expect("question")
    }

    fn o(question: &str, option: &str) -> u16 {
        PACK.questions[usize::from(q(question))]
            .option_index(option)
            .expect("option")
    }

    fn step_index(id: &str) -> usize {
        PACK.steps.iter().position(|s| s.id == id).expect("step")
    }

    fn started() -> Questionnaire {
        Questionnaire::new(&PACK).apply(Action::Start)
    }

    /// Ticks or chooses an option, whichever the question takes.
    fn answer(flow: Questionnaire, question: &str, option: &str) -> Questionnaire {
        let action = match PACK.questions[usize::from(q(question))].kind {
            QuestionKind::Single => Action::Choose(q(question), o(question, option)),
            QuestionKind::Multi => Action::Toggle(q(question), o(question, option)),
        };
        flow.apply(action)
    }

    /// Answers each unanswered question of the step showing with an unremarkable option
    /// ("none" where there is one; "no", "never", an adult's age...; else the last option),
    /// then presses Next.
    fn calm_step(mut flow: Questionnaire) -> Questionnaire {
        let Screen::Step(step) = flow.screen() else {
            panic!("not on a step: {:?}", flow.screen())
        };
        // Show-if questions appear as earlier answers are given, so look again after each one.
        loop {
            let unanswered = flow
                .shown_questions(step)
                .find(|&q| !flow.answers().is_answered(q));
            let Some(question) = unanswered else { break };
            let asked = &PACK.questions[usize::from(question)];
            let calm = ["40_59", "no", "never", "low_or_none"];
            let option = match asked.exclusive {
                Some(none) => asked.options[usize::from(none)],
                None => asked
                    .options
                    .iter()
                    .copied()
                    .find(|o| calm.contains(o))
                    .unwrap_or(asked.options[asked.options.len() - 1]),
            };
            flow = answer(flow, asked.id, option);
        }
        flow.apply(Action::Next)
    }

    /// Calm answers from the first step up to the step `id`.
    fn calm_until(id: &str) -> Questionnaire {
        let mut flow = started();
        while flow.screen() != Screen::Step(step_index(id)) {
            flow = calm_step(flow);
        }
        flow
    }

    /// Pins and needles that came on gradually, then calm answers up to the substances step.
    fn gradual_pins_and_needles_until_substances() -> Questionnaire {
        let flow = answer(
            calm_until("symptoms"),
            "q_neuro",
            "pins_needles_numbness_both_sides",
        );
        let mut flow = answer(flow, "q_neuro_onset", "gradual_weeks_to_months").apply(Action::Next);
        while flow.screen() != Screen::Step(step_index("substances")) {
            flow = calm_step(flow);
        }
        flow
    }

    fn result_of(flow: &Questionnaire) -> (&'static str, &'static str) {
        assert_eq!(flow.screen(), Screen::Result);
        let assessment = flow.assessment();
        (assessment.level_id(), assessment.top_factor_id())
    }

    #[test]
    fn every_step_comes_in_pack_order_safety_first_then_the_result() {
        let mut flow = started();
        let mut seen = Vec::new();
        while let Screen::Step(step) = flow.screen() {
            seen.push(PACK.steps[step].id);
            assert!(seen.len() <= PACK.steps.len(), "no step repeats");
            flow = calm_step(flow);
        }
        let expected: Vec<&str> = PACK.steps.iter().map(|s| s.id).collect();
        assert_eq!(seen, expected);
        assert_eq!(seen[..2], ["emergency", "urgent"], "safety first");
        assert_ne!(result_of(&flow).1, "red_flag");
    }

    #[test]
    fn next_names_the_missing_required_questions_and_stays() {
        let flow = started().apply(Action::Next);
        assert_eq!(flow.screen(), Screen::Step(0));
        assert_eq!(flow.missing(), [q("q_emergency_signs")]);
        // Answering clears the message for that question.
        let flow = answer(flow, "q_emergency_signs", "none");
        assert!(flow.missing().is_empty());
        assert_eq!(flow.apply(Action::Next).screen(), Screen::Step(1));
    }

    #[test]
    fn a_red_flag_goes_straight_to_the_result() {
        let flow = answer(started(), "q_emergency_signs", "chest_pain_or_breathless");
        assert!(
            flow.result_is_decided(),
            "Next becomes \"see what to do now\""
        );
        let flow = flow.apply(Action::Next);
        assert_eq!(result_of(&flow), ("emergency_now", "red_flag"));
        // Back returns to the step the result came from, answers kept.
        let back = flow.apply(Action::Back);
        assert_eq!(back.screen(), Screen::Step(0));
        assert!(back.answers().is_answered(q("q_emergency_signs")));
    }

    #[test]
    fn an_urgent_sign_goes_straight_to_the_result() {
        let flow = answer(calm_step(started()), "q_urgent_signs", "one_leg_swollen");
        let flow = flow.apply(Action::Next);
        assert_eq!(result_of(&flow), ("urgent_same_day", "red_flag"));
    }

    #[test]
    fn a_later_red_flag_does_not_wait_for_the_other_questions_of_its_step() {
        // Sudden nerve symptoms on the symptoms step.
        let flow = answer(calm_until("symptoms"), "q_neuro", "muscle_weakness");
        let flow = answer(flow, "q_neuro_onset", "sudden_or_rapidly_worsening");
        assert_eq!(
            result_of(&flow.apply(Action::Next)),
            ("emergency_now", "red_flag")
        );
        // A statin with muscle symptoms on the medicines step.
        let flow = answer(calm_until("medicines"), "q_other_meds", "statin");
        let flow = answer(flow, "q_statin_muscle", "yes");
        assert_eq!(
            result_of(&flow.apply(Action::Next)),
            ("urgent_same_day", "red_flag")
        );
        // Regular nitrous oxide after pins and needles, on the substances step, the alcohol
        // question unanswered.
        let flow = gradual_pins_and_needles_until_substances();
        let flow = answer(flow, "q_nitrous_oxide", "regular_recent");
        assert!(flow
            .unanswered_required(step_index("substances"))
            .contains(&q("q_alcohol")));
        assert_eq!(
            result_of(&flow.apply(Action::Next)),
            ("urgent_same_day", "red_flag")
        );
    }

    /// The state on the result after a statin with muscle symptoms (same day), every earlier
    /// answer calm.
    fn statin_result() -> Questionnaire {
        let flow = answer(calm_until("medicines"), "q_other_meds", "statin");
        let flow = answer(flow, "q_statin_muscle", "yes").apply(Action::Next);
        assert_eq!(result_of(&flow), ("urgent_same_day", "red_flag"));
        flow
    }

    #[test]
    fn a_same_day_result_waits_for_a_shown_question_that_could_make_it_an_emergency() {
        // Changing the nerve symptoms from a same-day result brings in the onset question,
        // whose "sudden" answer is an emergency: Next asks for it instead of skipping it.
        let flow = statin_result().apply(Action::ChangeAnswer(q("q_neuro")));
        let flow = answer(flow, "q_neuro", "pins_needles_numbness_both_sides");
        assert!(!flow.result_is_decided(), "Next stays Next");
        for back in [Action::Back, Action::Show(Screen::Result, None)] {
            let stayed = flow.apply(back.clone());
            let step = Screen::Step(step_index("symptoms"));
            assert_eq!(stayed.screen(), step, "{back:?} stays");
            assert_eq!(stayed.missing(), [q("q_neuro_onset")], "{back:?}");
        }
        let refused = flow.apply(Action::Next);
        assert_eq!(refused.screen(), Screen::Step(step_index("symptoms")));
        assert_eq!(refused.missing(), [q("q_neuro_onset")]);
        let sudden = answer(
            refused.clone(),
            "q_neuro_onset",
            "sudden_or_rapidly_worsening",
        );
        assert_eq!(
            result_of(&sudden.apply(Action::Next)),
            ("emergency_now", "red_flag")
        );
        let gradual = answer(refused, "q_neuro_onset", "gradual_weeks_to_months");
        assert!(gradual.result_is_decided());
        assert_eq!(
            result_of(&gradual.apply(Action::Next)),
            ("urgent_same_day", "red_flag")
        );

        // The same by Back: ticking weakness on the symptoms step, then going further back
        // and pressing Next, still stops on the unanswered onset question.
        let mut flow = statin_result().apply(Action::Back);
        while flow.screen() != Screen::Step(step_index("symptoms")) {
            flow = flow.apply(Action::Back);
        }
        let mut flow = answer(flow, "q_neuro", "muscle_weakness");
        while flow.screen() != Screen::Step(0) {
            flow = flow.apply(Action::Back);
        }
        while flow.missing().is_empty() {
            assert_ne!(flow.screen(), Screen::Result, "onset never asked");
            flow = flow.apply(Action::Next);
        }
        assert_eq!(flow.screen(), Screen::Step(step_index("symptoms")));
        assert_eq!(flow.missing(), [q("q_neuro_onset")]);

        // And after regular nitrous oxide with pins and needles (same day), on changing the
        // symptoms to weakness.
        let flow = gradual_pins_and_needles_until_substances();
        let flow = answer(flow, "q_nitrous_oxide", "regular_recent").apply(Action::Next);
        assert_eq!(result_of(&flow), ("urgent_same_day", "red_flag"));
        let flow = flow.apply(Action::ChangeAnswer(q("q_neuro")));
        let flow = answer(
            answer(flow, "q_neuro", "none"),
            "q_neuro",
            "muscle_weakness",
        );
        assert_eq!(flow.apply(Action::Next).missing(), [q("q_neuro_onset")]);
    }

    #[test]
    fn a_same_day_result_waits_for_the_emergency_screen() {
        // Unticking the emergency screen's answer from a same-day result leaves it unanswered:
        // Next asks for it again.
        let flow = statin_result().apply(Action::ChangeAnswer(q("q_emergency_signs")));
        let flow = answer(flow, "q_emergency_signs", "none");
        assert!(!flow.answers().is_answered(q("q_emergency_signs")));
        assert!(!flow.result_is_decided());
        assert_eq!(flow.apply(Action::Next).missing(), [q("q_emergency_signs")]);
        // Back (on the first step, which otherwise leads to the intro) and the browser's Back
        // do as Next does: the step stays, naming the question, still to return from.
        for back in [Action::Back, Action::Show(Screen::Result, None)] {
            let stayed = flow.apply(back.clone());
            assert_eq!(stayed.screen(), Screen::Step(0), "{back:?}");
            assert_eq!(stayed.missing(), [q("q_emergency_signs")], "{back:?}");
            assert!(stayed.returning(), "{back:?}");
        }
        // Answered again, Back returns to the result.
        let again = answer(flow, "q_emergency_signs", "none");
        assert_eq!(again.apply(Action::Back).screen(), Screen::Result);

        // A link with only the statin answers opens on the emergency screen, not the result.
        let mut answers = Answers::new(&PACK);
        answers.toggle(&PACK, q("q_other_meds"), o("q_other_meds", "statin"));
        answers.choose(&PACK, q("q_statin_muscle"), o("q_statin_muscle", "yes"));
        let restored = Questionnaire::restored(&PACK, answers);
        assert_eq!(restored.assessment().level_id(), "urgent_same_day");
        assert_eq!(restored.screen(), Screen::Step(0));
        assert!(
            restored.missing().is_empty(),
            "no error the reader did not cause"
        );
    }

    #[test]
    fn under_18_stops_after_its_step() {
        let mut flow = answer(calm_until("age"), "q_age", "under_18");
        flow = calm_step(flow);
        assert_eq!(result_of(&flow).0, "not_applicable");
    }

    #[test]
    fn back_and_forward_keep_every_answer() {
        let flow = answer(calm_until("age"), "q_age", "65_74");
        let flow = answer(flow.apply(Action::Next), "q_cramp_site", "calf_foot");
        let flow = answer(flow, "q_cramp_site", "thigh");
        let flow = answer(flow, "q_cramp_timing", "night_or_rest");
        let walking = flow.apply(Action::Next);
        assert_eq!(walking.screen(), Screen::Step(step_index("walking")));
        let there_and_back = walking.apply(Action::Back).apply(Action::Back);
        assert_eq!(there_and_back.screen(), Screen::Step(step_index("age")));
        assert_eq!(there_and_back.answers(), flow.answers());
        let forward = there_and_back.apply(Action::Next).apply(Action::Next);
        assert_eq!(
            forward.screen(),
            walking.screen(),
            "answers kept, so Next moves on"
        );
        let first = (0..step_index("walking")).fold(walking, |flow, _| flow.apply(Action::Back));
        assert_eq!(first.screen(), Screen::Step(0));
        assert_eq!(first.apply(Action::Back).screen(), Screen::Intro);
    }

    #[test]
    fn show_if_questions_appear_and_their_answers_drop() {
        let (neuro, onset) = (q("q_neuro"), q("q_neuro_onset"));
        let symptoms = step_index("symptoms");
        let shown = |flow: &Questionnaire| flow.shown_questions(symptoms).collect::<Vec<_>>();
        let mut flow = calm_until("symptoms");
        assert_eq!(shown(&flow), [neuro]);
        // Mouth ulcers are not a nerve symptom: the onset question stays hidden.
        flow = answer(flow, "q_neuro", "sore_red_tongue_mouth_ulcers");
        assert_eq!(shown(&flow), [neuro]);
        flow = answer(flow, "q_neuro", "sore_red_tongue_mouth_ulcers");
        flow = answer(flow, "q_neuro", "balance_problems");
        assert_eq!(shown(&flow), [neuro, onset]);
        flow = answer(flow, "q_neuro_onset", "gradual_weeks_to_months");
        flow = answer(flow, "q_neuro", "none");
        assert_eq!(shown(&flow), [neuro]);
        assert!(
            !flow.answers().is_answered(onset),
            "the hidden answer drops"
        );
        flow = answer(flow, "q_neuro", "balance_problems");
        assert_eq!(shown(&flow), [neuro, onset]);
        assert!(!flow.answers().is_answered(onset), "and does not come back");
    }

    #[test]
    fn a_question_that_appears_or_disappears_is_announced_once() {
        let onset = q("q_neuro_onset");
        let flow = answer(calm_until("symptoms"), "q_neuro", "extreme_tiredness");
        assert_eq!(
            flow.announcement(),
            None,
            "tiredness does not ask the onset"
        );
        let flow = answer(flow, "q_neuro", "balance_problems");
        assert_eq!(flow.announcement(), Some(Announcement::Appeared(onset)));
        // Said once: the next answer that changes nothing on the step says nothing.
        let flow = answer(flow, "q_neuro", "vision_changes");
        assert_eq!(flow.announcement(), None);
        let flow = answer(flow, "q_neuro", "none");
        assert_eq!(flow.announcement(), Some(Announcement::Removed(onset)));
        assert_eq!(flow.apply(Action::Back).announcement(), None);
    }

    #[test]
    fn show_goes_where_the_history_entry_was_while_the_answers_still_lead_there() {
        let urgent = step_index("urgent");
        let at_urgent = calm_until("urgent");
        let later = calm_step(at_urgent.clone());
        let Screen::Step(later_step) = later.screen() else {
            panic!("a step after urgent")
        };
        // Back and Forward through entries the reader made, answers kept.
        let back = later.apply(Action::Show(Screen::Step(urgent), None));
        assert_eq!(
            (back.screen(), back.answers()),
            (Screen::Step(urgent), later.answers())
        );
        let forward = back.apply(Action::Show(Screen::Step(later_step), None));
        assert_eq!(forward, later.apply(Action::Back).apply(Action::Next));
        assert_eq!(
            back.apply(Action::Show(Screen::Intro, None)).screen(),
            Screen::Intro
        );
        // An entry further than the answers lead (an answer was taken back after it was made,
        // or a made-up state) shows the furthest screen they do lead to, never a result.
        let emptied = answer(back, "q_urgent_signs", "none");
        assert_eq!(
            emptied
                .apply(Action::Show(Screen::Step(later_step), None))
                .screen(),
            Screen::Step(urgent)
        );
        assert_eq!(
            emptied.apply(Action::Show(Screen::Result, None)).screen(),
            Screen::Step(urgent)
        );
        assert_eq!(
            emptied
                .apply(Action::Show(Screen::Step(usize::MAX), None))
                .screen(),
            Screen::Step(urgent)
        );
        // A result the answers decide shows, and Back from it returns to its last step.
        let red_flag = answer(started(), "q_emergency_signs", "cold_pale_leg");
        let result = red_flag.apply(Action::Show(Screen::Result, None));
        assert_eq!(result_of(&result).0, "emergency_now");
        assert_eq!(result.apply(Action::Back).screen(), Screen::Step(0));
    }

    #[test]
    fn back_from_a_result_a_red_flag_decided_on_a_later_step_returns_to_that_step() {
        // A statin with muscle symptoms ends the check on the medicines step.
        let medicines = step_index("medicines");
        let flow = answer(calm_until("medicines"), "q_other_meds", "statin");
        let flow = answer(flow, "q_statin_muscle", "yes");
        let result = flow.apply(Action::Next);
        assert_eq!(result_of(&result).1, "red_flag");
        // The browser's Back (a move to that step's entry) shows it, answers kept, and its
        // Next leads to the result again. Before, every entry after the first step showed the
        // result, where the answers decide it.
        let back = result.apply(Action::Show(Screen::Step(medicines), None));
        assert_eq!(back.screen(), Screen::Step(medicines));
        assert_eq!(back.answers(), result.answers());
        assert_eq!(back.apply(Action::Next), result);
        let earlier = result.apply(Action::Show(Screen::Step(medicines - 1), None));
        assert_eq!(earlier.screen(), Screen::Step(medicines - 1));
    }

    #[test]
    fn a_history_entry_brings_its_answers_back_only_to_a_reader_who_has_none() {
        // Back after Start again: the result, with the answers it had.
        let red_flag = answer(started(), "q_emergency_signs", "cold_pale_leg");
        let result = red_flag.apply(Action::Next);
        assert_eq!(result.screen(), Screen::Result);
        let kept = Some(result.answers().clone());
        let undone = (result.apply(Action::Restart)).apply(Action::Show(Screen::Result, kept));
        assert_eq!(undone, result);
        // Back from a later step to an entry made before its answers: they stay.
        let later = calm_step(calm_until("urgent"));
        let earlier = Some(calm_until("urgent").answers().clone());
        let back = later.apply(Action::Show(Screen::Step(step_index("urgent")), earlier));
        assert_eq!(back.answers(), later.answers());
    }

    #[test]
    fn every_screen_has_an_id_that_names_it_again() {
        let screens = [Screen::Intro, Screen::Result]
            .into_iter()
            .chain((0..PACK.steps.len()).map(Screen::Step));
        for screen in screens {
            assert_eq!(Screen::from_id(&PACK, &screen.id(&PACK)), Some(screen));
        }
        assert_eq!(Screen::id(Screen::Step(0), &PACK), "step:emergency");
        for unknown in ["", "step:", "step:nope", "Result", "step:emergency "] {
            assert_eq!(Screen::from_id(&PACK, unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn none_clears_the_others_and_the_others_clear_none() {
        let question = q("q_emergency_signs");
        let chosen = |flow: &Questionnaire| flow.answers().chosen(question).collect::<Vec<_>>();
        let flow = answer(started(), "q_emergency_signs", "none");
        let flow = answer(flow, "q_emergency_signs", "cold_pale_leg");
        assert_eq!(chosen(&flow), [o("q_emergency_signs", "cold_pale_leg")]);
        let flow = answer(flow, "q_emergency_signs", "none");
        assert_eq!(chosen(&flow), [o("q_emergency_signs", "none")]);
    }

    #[test]
    fn changing_the_answers_keeps_them_and_restart_forgets_everything() {
        let mut flow = started();
        while flow.screen() != Screen::Result {
            flow = calm_step(flow);
        }
        let result = result_of(&flow);
        let change = flow.apply(Action::ChangeAnswers);
        assert_eq!(change.screen(), Screen::Step(0));
        assert_eq!(change.answers(), flow.answers());
        // Every answer is kept, so Next alone walks back to the same result.
        let mut again = change;
        while again.screen() != Screen::Result {
            again = again.apply(Action::Next);
        }
        assert_eq!(result_of(&again), result);
        assert_eq!(again.apply(Action::Restart), Questionnaire::new(&PACK));
    }

    #[test]
    fn restored_answers_show_the_result_and_back_leads_to_their_last_step() {
        let flow = answer(started(), "q_emergency_signs", "chest_pain_or_breathless");
        let restored = Questionnaire::restored(&PACK, flow.answers().clone());
        assert_eq!(restored.screen(), Screen::Result);
        assert_eq!(restored.answers(), flow.answers());
        assert_eq!(restored.apply(Action::Back).screen(), Screen::Step(0));
        let change = restored.apply(Action::ChangeAnswers);
        assert_eq!(
            (change.screen(), change.answers()),
            (Screen::Step(0), flow.answers())
        );
    }

    #[test]
    fn restored_answers_that_do_not_reach_a_result_land_on_their_first_missing_step() {
        // No answers at all (a code with only its header): the first step, not a result.
        let empty = Questionnaire::restored(&PACK, Answers::new(&PACK));
        assert_eq!(empty.screen(), Screen::Step(0));
        assert!(
            empty.missing().is_empty(),
            "no error the reader did not cause"
        );
        // The safety screens answered "none", nothing else: the third step.
        let partial = calm_until("age");
        let restored = Questionnaire::restored(&PACK, partial.answers().clone());
        assert_eq!(restored.screen(), Screen::Step(2));
        // Every required answer: the result, reached from the last step.
        let mut whole = started();
        while whole.screen() != Screen::Result {
            whole = calm_step(whole);
        }
        let restored = Questionnaire::restored(&PACK, whole.answers().clone());
        assert_eq!(restored.screen(), Screen::Result);
        assert_eq!(
            restored.apply(Action::Back).screen(),
            Screen::Step(PACK.steps.len() - 1)
        );
    }

    #[test]
    fn a_notice_shows_until_the_readers_first_action() {
        let restored = Questionnaire::restored(&PACK, calm_until("urgent").answers().clone())
            .with_notice(Notice::FromLink);
        assert_eq!(restored.notice(), Some(&Notice::FromLink));
        assert_ne!(restored, restored.clone().with_notice(Notice::Resumed));
        // Any action dismisses it, even one that changes nothing else (a stale click).
        assert_eq!(restored.apply(Action::ChangeAnswers).notice(), None);
        let fresh = Questionnaire::new(&PACK).with_notice(Notice::StoredIgnored);
        assert_eq!(fresh.apply(Action::Start).notice(), None);
        assert_eq!(fresh.apply(Action::Restart), Questionnaire::new(&PACK));
    }

    #[test]
    fn the_stored_assessment_is_always_that_of_the_answers() {
        let json = |assessment: &Assessment| serde_json::to_value(assessment).expect("json");
        let mut flow = Questionnaire::restored(&PACK, calm_until("symptoms").answers().clone());
        let actions = [
            Action::Toggle(q("q_neuro"), o("q_neuro", "balance_problems")),
            Action::Choose(
                q("q_neuro_onset"),
                o("q_neuro_onset", "gradual_weeks_to_months"),
            ),
            Action::Choose(q("q_age"), o("q_age", "75_plus")),
            Action::Next,
            Action::Toggle(q("q_neuro"), o("q_neuro", "none")),
            Action::Back,
            Action::Restart,
        ];
        for action in actions {
            flow = flow.apply(action.clone());
            assert_eq!(
                json(flow.assessment()),
                json(&evaluate(&PACK, flow.answers())),
                "after {action:?}"
            );
        }
    }

    fn finished(mut flow: Questionnaire) -> Questionnaire {
        while flow.screen() != Screen::Result {
            flow = calm_step(flow);
        }
        flow
    }

    #[test]
    fn changing_one_answer_returns_to_the_result_with_its_new_result() {
        let result = finished(answer(calm_until("cramps"), "q_age", "65_74"));
        assert_ne!(result_of(&result).1, "red_flag");
        // Change: the step of that question, every answer kept.
        let change = result.apply(Action::ChangeAnswer(q("q_b12_meds")));
        let step = PACK
            .steps
            .iter()
            .position(|s| s.questions.contains(&q("q_b12_meds")));
        assert_eq!(Some(change.screen()), step.map(Screen::Step));
        assert!(change.returning());
        assert!(change.next_returns_to_result());
        assert_eq!(change.answers(), result.answers());
        // Back, before changing anything, returns to the result (where the reader came from),
        // and so does the browser's history (which forgets the return).
        assert_eq!(change.apply(Action::Back), result);
        let shown = change.apply(Action::Show(Screen::Result, None));
        assert_eq!((shown.screen(), shown.returning()), (Screen::Result, false));
        // One answer changed, Next: straight back to the result, now a new one.
        let change = answer(change, "q_b12_meds", "none");
        let change = answer(change, "q_b12_meds", "metformin_1y_plus");
        let back = change.apply(Action::Next);
        assert_eq!(back.screen(), Screen::Result);
        assert!(!back.returning());
        assert!(back
            .answers()
            .chosen(q("q_b12_meds"))
            .eq([o("q_b12_meds", "metformin_1y_plus")]));
        // A new result: an emergency sign added on the first step.
        let emergency = answer(
            result.apply(Action::ChangeAnswer(q("q_emergency_signs"))),
            "q_emergency_signs",
            "face_arm_speech",
        );
        assert_eq!(
            result_of(&emergency.apply(Action::Next)),
            ("emergency_now", "red_flag")
        );
        // Nothing changed: the same result.
        let same = result
            .apply(Action::ChangeAnswer(q("q_emergency_signs")))
            .apply(Action::Next);
        assert_eq!(same.screen(), Screen::Result);
        assert_eq!(same.answers(), result.answers());
        // A refused Next stays, as always.
        let missing = result.apply(Action::ChangeAnswer(q("q_emergency_signs")));
        let missing = answer(missing, "q_emergency_signs", "none");
        assert!(!missing.next_returns_to_result());
        assert_eq!(missing.apply(Action::Next).screen(), Screen::Step(0));
        assert!(!missing.apply(Action::Next).missing().is_empty());
    }

    #[test]
    fn removing_the_red_flag_that_ended_the_check_goes_on_to_the_first_missing_answer() {
        let emergency =
            answer(started(), "q_emergency_signs", "chest_pain_or_breathless").apply(Action::Next);
        assert_eq!(result_of(&emergency).0, "emergency_now");
        let change = emergency.apply(Action::ChangeAnswer(q("q_emergency_signs")));
        assert_eq!(change.screen(), Screen::Step(0));
        let change = answer(change, "q_emergency_signs", "none");
        assert!(!change.next_returns_to_result());
        let on = change.apply(Action::Next);
        assert_eq!(
            on.screen(),
            Screen::Step(1),
            "the next step with a missing answer"
        );
        assert!(on.missing().is_empty(), "no error the reader did not cause");
        // From there the flow goes on; the result comes once every step is answered.
        assert_ne!(result_of(&finished(on)).1, "red_flag");
    }
}
