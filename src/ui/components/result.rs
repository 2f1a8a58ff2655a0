use super::chart::FactorChart;
use super::keep::KeepPanel;
use super::use_settings;
use crate::engine::model::{RefIdx, Section};
use crate::engine::ReasonSource;
use crate::pack::PACK;
use crate::questionnaire::{Action, Questionnaire};
use crate::report::Citations;
use crate::ui::keep;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultProps {
    pub questionnaire: Questionnaire,
    pub focus: NodeRef,
    pub on_action: Callback<Action>,
}

/// The result: what to do first (banner and next steps), then why (the engine's trace and the
/// chart), notes, self-care, background, tests a clinician may consider, numbered sources and
/// the disclaimer. The root carries `data-triage` and `data-top-factor` with the engine's ids.
#[function_component]
pub fn ResultView(props: &ResultProps) -> Html {
    let settings = use_settings();
    let texts = settings.texts;
    let ui = &texts.ui;
    let assessment = props.questionnaire.assessment();
    let answers = props.questionnaire.answers();
    let triage = assessment.triage_id();
    let level = &texts.triage[usize::from(assessment.triage)];
    let mut citations = Citations::default();
    let mut cite = |refs: &[RefIdx]| -> Html {
        citations
            .cite(refs)
            .into_iter()
            .map(|n| html! {
                <a class="cite" href={format!("#source-{n}")} onclick={follow_citation} aria-label={format!("{} {n}", ui.sources)}>{ format!("[{n}]") }</a>
            })
            .collect()
    };
    let h2 = settings.heading(0);
    let h3 = settings.heading(1);
    let section_title = |section: Section| texts.sections[section as usize];
    let advice_list = |section: Section, cite: &mut dyn FnMut(&[RefIdx]) -> Html| -> Html {
        let items: Vec<Html> = assessment
            .advice_in(section)
            .map(|a| {
                let item = &PACK.advice[usize::from(a)];
                html! { <li data-advice={item.id}>{ settings.fill(texts.advice[usize::from(a)]) }{" "}{ cite(item.refs) }</li> }
            })
            .collect();
        if items.is_empty() {
            return html! {};
        }
        html! {
            <section class={format!("advice advice-{}", section.id())}>
                <@{h3.clone()}>{ section_title(section) }</@>
                <ul>{ for items }</ul>
            </section>
        }
    };

    let level_sources = cite(assessment.level_refs());
    let next_steps = advice_list(Section::NextSteps, &mut cite);
    let reasons: Vec<Html> = assessment
        .reasons
        .iter()
        .map(|reason| {
            let text = match reason.source {
                ReasonSource::RedFlag(i) => texts.red_flags[usize::from(i)].to_string(),
                ReasonSource::Outcome(i) => texts.outcomes[usize::from(i)].to_string(),
                ReasonSource::Signal(i) => texts.signals[usize::from(i)].to_string(),
                ReasonSource::Factor(f) => ui.looks_more_like.replace("{factor}", texts.factors[usize::from(f)].looks_like),
            };
            let answers = reason.answers.iter().map(|&(q, o)| {
                let question = &texts.questions[usize::from(q)];
                html! { <li><span class="you-said">{ ui.you_said }{": "}</span>{ settings.fill(question.options[usize::from(o)]) }</li> }
            });
            html! {
                <li data-reason={format!("{}:{}", reason.source.kind(), reason.source.id(&PACK))}>
                    <p>{ settings.fill(&text) }{" "}{ cite(&reason.refs) }</p>
                    if !reason.answers.is_empty() { <ul class="answers">{ for answers }</ul> }
                </li>
            }
        })
        .collect();
    let notes = advice_list(Section::Note, &mut cite);
    let self_care = advice_list(Section::SelfCare, &mut cite);
    let background = advice_list(Section::Background, &mut cite);
    let tests = advice_list(Section::ClinicianTests, &mut cite);
    let sources = citations.sources().iter().enumerate().map(|(n, &r)| {
        let reference = &PACK.references[usize::from(r)];
        let year = reference.year.map(|y| format!(" ({y})")).unwrap_or_default();
        html! {
            <li id={format!("source-{}", n + 1)} tabindex="-1" value={(n + 1).to_string()}>
                { reference.publisher }{". "}
                <a href={reference.url} rel="noopener noreferrer" target="_blank">{ reference.title }</a>{ year }
            </li>
        }
    });
    // Every answer in words, step by step: the printed summary's record for a clinician.
    let given = PACK
        .steps
        .iter()
        .flat_map(|step| step.questions.iter())
        .filter(|&&q| answers.is_answered(q))
        .map(|&q| {
            let text = &texts.questions[usize::from(q)];
            let chosen: Vec<String> = answers
                .chosen(q)
                .map(|o| settings.fill(text.options[usize::from(o)]))
                .collect();
            html! { <><dt>{ settings.fill(text.text) }</dt><dd>{ chosen.join("; ") }</dd></> }
        });
    let printed = ui.printed_on.replace("{date}", &keep::today(texts.code));
    let change = props
        .on_action
        .reform(|_: MouseEvent| Action::ChangeAnswers);
    let restart = props.on_action.reform(|_: MouseEvent| Action::Restart);

    html! {
        <section class={format!("result result-{triage}")} data-triage={triage} data-top-factor={assessment.top_factor_id()}>
            <header class="print-only">
                <p><strong>{ ui.print_heading }</strong></p>
                <p>{ format!("{printed} {} {}.", ui.pack_version, PACK.version) }</p>
            </header>
            <div class={format!("banner banner-{triage}")} part="banner">
                { icon(triage) }
                <div>
                    <@{h2.clone()} class="title" tabindex="-1" ref={props.focus.clone()}>{ level.heading }</@>
                    <p class="banner-action">{ settings.fill(level.action) }{" "}{ level_sources }</p>
                </div>
            </div>
            { next_steps }
            <section class="result-why">
                <@{h3.clone()}>{ ui.why_this_result }</@>
                <ul class="reasons">{ for reasons }</ul>
            </section>
            if assessment.shows_factors() {
                <section class="factors">
                    <@{h3.clone()}>{ ui.factor_chart }</@>
                    <FactorChart scores={assessment.factor_scores.clone()} top_factor={assessment.top_factor}
                        factors={assessment.causes_in_chart_order()} />
                    { for assessment.factors_apart().map(|f| html! {
                        <p class="factor-apart" data-factor={PACK.factors[usize::from(f)]}>
                            { texts.factor_apart(f, f == assessment.top_factor) }
                        </p>
                    }) }
                </section>
            }
            <section class="your-answers">
                <@{h3.clone()}>{ ui.your_answers }</@>
                <dl>{ for given }</dl>
            </section>
            { notes }
            { self_care }
            { background }
            { tests }
            <section class="sources">
                <@{h3}>{ ui.sources }</@>
                <p class="small">{ ui.sources_intro }</p>
                <ol>{ for sources }</ol>
                <p class="small">{ format!("{} {} ({} {}).", ui.pack_version, PACK.version, ui.last_reviewed, PACK.last_reviewed) }</p>
            </section>
            <p class="disclaimer">{ ui.disclaimer }</p>
            if settings.shares_answers {
                <p class="privacy" data-privacy="shared"><strong>{ ui.privacy_shared }</strong></p>
            } else {
                <p class="privacy" data-privacy="private">{ ui.privacy }</p>
            }
            <KeepPanel answers={answers.clone()} />
            <div class="actions">
                <button type="button" class="button" part="button" data-action="change" onclick={change}>{ ui.change_answers }</button>
                <button type="button" class="button" part="button" data-action="restart" onclick={restart}>{ ui.start_again }</button>
            </div>
        </section>
    }
}

/// Moves focus to the cited source inside the checker. The page's own fragment navigation
/// cannot see into a shadow root, and changing the page's address would disturb the host.
fn follow_citation(event: MouseEvent) {
    let Some(link) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let source = link
        .closest(".b12c")
        .ok()
        .flatten()
        .zip(link.get_attribute("href"))
        .and_then(|(root, href)| root.query_selector(&href).ok().flatten())
        .and_then(|source| source.dyn_into::<HtmlElement>().ok());
    if let Some(source) = source {
        event.prevent_default();
        source.scroll_into_view();
        let _ = source.focus();
    }
}

/// A distinct shape per level, so that colour is never the only signal.
fn icon(triage: &str) -> Html {
    let path = match triage {
        // A warning triangle.
        "emergency_now" => "M12 2 1 21h22L12 2Zm-1 7h2v6h-2V9Zm0 8h2v2h-2v-2Z",
        // A clock: today.
        "urgent_same_day" => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 5v5.4l3.7 2.2-1 1.7L11 13.6V7h2Z",
        // A calendar: book an appointment.
        "provider_soon_b12" | "provider_other_cause" => "M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7Zm-2 7h14v11H5V9Zm2 2v2h2v-2H7Zm4 0v2h2v-2h-2Z",
        // A tick in a circle: self-care / information.
        _ => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.2 14.2-4.3-4.3 1.4-1.4 2.9 2.9 5.9-5.9 1.4 1.4-7.3 7.3Z",
    };
    html! {
        <svg class="banner-icon" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}
