//! The questionnaire's flow, independent of any UI: which screen is showing, the answers so far,
//! and what each action does. The Yew UI renders it; the tests drive it natively.
//!
//! Screens: the intro, one screen per pack step, the result. Back and Next keep every answer.
//! Next refuses to move on while a required question on the screen is unanswered, and names
//! those questions. It goes straight to the result when the answers so far already decide it
//! (a red flag, or an outcome that stops the questionnaire such as "under 18").

use crate::engine::model::{Pack, QuestionIdx};
use crate::engine::{evaluate, Answers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Intro,
    /// Index into the pack's steps.
    Step(usize),
    Result,
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
    /// Forget everything and show the intro.
    Restart,
}

#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub pack: &'static Pack,
    pub screen: Screen,
    pub answers: Answers,
    /// Required questions on this screen that Next found unanswered.
    pub missing: Vec<QuestionIdx>,
    /// The step the result was reached from (Back returns there).
    pub last_step: usize,
}

impl PartialEq for Questionnaire {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.pack, other.pack)
            && (self.screen, &self.answers, &self.missing, self.last_step)
                == (
                    other.screen,
                    &other.answers,
                    &other.missing,
                    other.last_step,
                )
    }
}

impl Questionnaire {
    pub fn new(pack: &'static Pack) -> Self {
        Questionnaire {
            pack,
            screen: Screen::Intro,
            answers: Answers::new(pack),
            missing: Vec::new(),
            last_step: 0,
        }
    }

    /// Answers given whole (from a share link or the device), placed where the reader would
    /// have got to with them: the result if pressing Next through the steps reaches it, else
    /// the first step with a required answer missing. A code without the safety screens'
    /// answers therefore lands on the first step, never on a result. Back and "Change my
    /// answers" lead into the steps with every answer kept.
    pub fn restored(pack: &'static Pack, mut answers: Answers) -> Self {
        answers.drop_hidden(pack);
        let mut flow = Questionnaire {
            pack,
            screen: Screen::Step(0),
            answers,
            missing: Vec::new(),
            last_step: 0,
        };
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
            .filter(|&q| {
                self.pack.questions[usize::from(q)].required && !self.answers.is_answered(q)
            })
            .collect()
    }

    /// Whether the answers so far already decide the result (Next goes straight to it).
    pub fn result_is_decided(&self) -> bool {
        evaluate(self.pack, &self.answers).stops_questionnaire()
    }

    pub fn apply(&self, action: Action) -> Questionnaire {
        let mut next = self.clone();
        match (action, self.screen) {
            (Action::Start, Screen::Intro) => next.go_to_step(0),
            (Action::Next, Screen::Step(step)) => {
                // A red flag goes straight to the result, even with other questions unanswered.
                next.missing = if self.result_is_decided() {
                    Vec::new()
                } else {
                    self.unanswered_required(step)
                };
                if next.missing.is_empty() {
                    if self.result_is_decided() || step + 1 == self.step_count() {
                        next.last_step = step;
                        next.screen = Screen::Result;
                    } else {
                        next.go_to_step(step + 1);
                    }
                }
            }
            (Action::Back, Screen::Step(0)) => {
                next.missing.clear();
                next.screen = Screen::Intro;
            }
            (Action::Back, Screen::Step(step)) => next.go_to_step(step - 1),
            (Action::Back, Screen::Result) => next.go_to_step(self.last_step),
            (Action::Choose(q, o), Screen::Step(_)) => {
                next.answers.choose(self.pack, q, o);
                next.missing.retain(|&m| m != q);
            }
            (Action::Toggle(q, o), Screen::Step(_)) => {
                next.answers.toggle(self.pack, q, o);
                next.missing.retain(|&m| m != q);
            }
            (Action::ChangeAnswers, Screen::Result) => next.go_to_step(0),
            (Action::Restart, _) => next = Questionnaire::new(self.pack),
            // Anything else does not apply to the screen showing (for example a stale click).
            _ => {}
        }
        next
    }

    fn go_to_step(&mut self, step: usize) {
        self.missing.clear();
        self.screen = Screen::Step(step);
    }
}

#[cfg(test)]
mod tests {
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

    fn started() -> Questionnaire {
        Questionnaire::new(&PACK).apply(Action::Start)
    }

    #[test]
    fn next_names_the_missing_required_questions_and_stays() {
        let flow = started().apply(Action::Next);
        assert_eq!(flow.screen, Screen::Step(0));
        assert_eq!(flow.missing, [q("q_emergency_signs")]);
        // Answering clears the message for that question.
        let flow = flow.apply(Action::Toggle(
            q("q_emergency_signs"),
            o("q_emergency_signs", "none"),
        ));
        assert!(flow.missing.is_empty());
        assert_eq!(flow.apply(Action::Next).screen, Screen::Step(1));
    }

    #[test]
    fn restored_answers_show_the_result_and_back_leads_to_their_last_step() {
        let flow = started()
            .apply(Action::Toggle(
                q("q_emergency_signs"),
                o("q_emergency_signs", "chest_pain_or_breathless"),
            ))
            .apply(Action::Next);
        let restored = Questionnaire::restored(&PACK, flow.answers.clone());
        assert_eq!(restored.screen, Screen::Result);
        assert_eq!(restored.last_step, 0);
        assert_eq!(restored.answers, flow.answers);
        assert_eq!(restored.apply(Action::Back).screen, Screen::Step(0));
        let change = restored.apply(Action::ChangeAnswers);
        assert_eq!(
            (change.screen, change.answers),
            (Screen::Step(0), flow.answers)
        );
    }

    #[test]
    fn restored_answers_that_do_not_reach_a_result_land_on_their_first_missing_step() {
        // No answers at all (a code with only its header): the first step, not a result.
        let empty = Questionnaire::restored(&PACK, Answers::new(&PACK));
        assert_eq!(empty.screen, Screen::Step(0));
        assert!(
            empty.missing.is_empty(),
            "no error the reader did not cause"
        );
        // The safety screens answered "none", nothing else: the third step.
        let mut answers = Answers::new(&PACK);
        for id in ["q_emergency_signs", "q_urgent_signs"] {
            answers.toggle(&PACK, q(id), o(id, "none"));
        }
        let partial = Questionnaire::restored(&PACK, answers);
        assert_eq!(partial.screen, Screen::Step(2));
        // Every required answer: the result, reached from the last step.
        let mut whole = started();
        while let Screen::Step(step) = whole.screen {
            for question in whole.unanswered_required(step) {
                // "None" where there is one, else the last option (no red flag among them),
                // and an adult's age.
                let asked = &PACK.questions[usize::from(question)];
                let option = match (asked.exclusive, asked.id) {
                    (Some(none), _) => none,
                    (None, "q_age") => o("q_age", "40_59"),
                    (None, _) => asked.options.len() as u16 - 1,
                };
                whole = whole.apply(match asked.kind {
                    QuestionKind::Single => Action::Choose(question, option),
                    QuestionKind::Multi => Action::Toggle(question, option),
                });
            }
            whole = whole.apply(Action::Next);
        }
        let restored = Questionnaire::restored(&PACK, whole.answers.clone());
        assert_eq!(restored.screen, Screen::Result);
        assert_eq!(restored.last_step, PACK.steps.len() - 1);
    }

    #[test]
    fn a_red_flag_goes_straight_to_the_result() {
        let flow = started()
            .apply(Action::Toggle(
                q("q_emergency_signs"),
                o("q_emergency_signs", "chest_pain_or_breathless"),
            ))
            .apply(Action::Next);
        assert_eq!(flow.screen, Screen::Result);
        // Back returns to the step the result came from, answers kept.
        let back = flow.apply(Action::Back);
        assert_eq!(back.screen, Screen::Step(0));
        assert!(back.answers.is_answered(q("q_emergency_signs")));
    }

    #[test]
    fn a_red_flag_does_not_wait_for_the_other_questions_of_its_step() {
        let medicines = PACK
            .steps
            .iter()
            .position(|s| s.id == "medicines")
            .expect("step");
        let mut flow = started();
        flow.screen = Screen::Step(medicines);
        flow = flow
            .apply(Action::Toggle(
                q("q_other_meds"),
                o("q_other_meds", "statin"),
            ))
            .apply(Action::Choose(
                q("q_statin_muscle"),
                o("q_statin_muscle", "yes"),
            ));
        assert!(flow
            .unanswered_required(medicines)
            .contains(&q("q_med_change")));
        assert_eq!(flow.apply(Action::Next).screen, Screen::Result);
    }

    #[test]
    fn under_18_stops_after_its_step() {
        let mut flow = started()
            .apply(Action::Toggle(
                q("q_emergency_signs"),
                o("q_emergency_signs", "none"),
            ))
            .apply(Action::Next);
        flow = flow
            .apply(Action::Toggle(
                q("q_urgent_signs"),
                o("q_urgent_signs", "none"),
            ))
            .apply(Action::Next);
        assert_eq!(flow.screen, Screen::Step(2));
        flow = flow
            .apply(Action::Choose(q("q_age"), o("q_age", "under_18")))
            .apply(Action::Toggle(
                q("q_cramp_site"),
                o("q_cramp_site", "calf_foot"),
            ))
            .apply(Action::Choose(
                q("q_cramp_timing"),
                o("q_cramp_timing", "night_or_rest"),
            ))
            .apply(Action::Next);
        assert_eq!(flow.screen, Screen::Result);
    }

    #[test]
    fn back_and_forward_keep_every_answer() {
        let flow = started()
            .apply(Action::Toggle(
                q("q_emergency_signs"),
                o("q_emergency_signs", "none"),
            ))
            .apply(Action::Next);
        let flow = flow.apply(Action::Toggle(
            q("q_urgent_signs"),
            o("q_urgent_signs", "none"),
        ));
        let there_and_back = flow.apply(Action::Back).apply(Action::Next);
        assert_eq!(there_and_back.screen, Screen::Step(1));
        assert_eq!(there_and_back.answers, flow.answers);
        assert_eq!(
            flow.apply(Action::Back).apply(Action::Back).screen,
            Screen::Intro
        );
    }

    #[test]
    fn show_if_questions_appear_and_their_answers_drop() {
        let neuro = q("q_neuro");
        let onset = q("q_neuro_onset");
        let symptoms = PACK
            .steps
            .iter()
            .position(|s| s.id == "symptoms")
            .expect("step");
        let mut flow = started();
        flow.screen = Screen::Step(symptoms);
        assert_eq!(flow.shown_questions(symptoms).collect::<Vec<_>>(), [neuro]);
        flow = flow.apply(Action::Toggle(neuro, o("q_neuro", "balance_problems")));
        assert_eq!(
            flow.shown_questions(symptoms).collect::<Vec<_>>(),
            [neuro, onset]
        );
        flow = flow.apply(Action::Choose(
            onset,
            o("q_neuro_onset", "gradual_weeks_to_months"),
        ));
        flow = flow.apply(Action::Toggle(neuro, o("q_neuro", "none")));
        assert!(!flow.answers.is_answered(onset));
        assert_eq!(flow.shown_questions(symptoms).collect::<Vec<_>>(), [neuro]);
    }

    #[test]
    fn restart_forgets_everything() {
        let flow = started()
            .apply(Action::Toggle(
                q("q_emergency_signs"),
                o("q_emergency_signs", "none"),
            ))
            .apply(Action::Restart);
        assert_eq!(flow, Questionnaire::new(&PACK));
    }
}
