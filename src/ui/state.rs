//! The flow as a Yew reducer: every action goes through `Questionnaire::apply`.

use crate::questionnaire::{Action, Questionnaire};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for Questionnaire {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}
