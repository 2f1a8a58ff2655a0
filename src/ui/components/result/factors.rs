use crate::outline::Factors;
use yew::prelude::*;

/// How well the answers fit each cause: a labelled bar per cause, without figures. The labels
/// are text (at the reader's text size, wrapping on a narrow screen), each bar an SVG stretched
/// to the row (its width an attribute, as a strict policy allows no inline style). The chart is
/// one image named by its title; the sentence under it says the same in words, read once. Then
/// the factors shown apart from the causes (B12), each in a sentence.
pub fn chart(title: &'static str, factors: &Factors) -> Html {
    let causes = &factors.causes;
    // A fixed minimum scale keeps one weak answer from looking like a full bar.
    let scale = causes.iter().map(|c| c.points).max().unwrap_or(0).max(8);
    let rows = causes.iter().map(|cause| {
        let bar = cause.points.max(0) * 100 / scale;
        let row = html! { <>
            { cause.name }
            <svg viewBox="0 0 100 1" preserveAspectRatio="none">
                <rect height="1" width={bar.to_string()} />
            </svg>
        </> };
        // Literal classes (see `components`).
        if cause.top {
            html! { <div class="chart-top" data-factor={cause.factor}>{ row }</div> }
        } else {
            html! { <div data-factor={cause.factor}>{ row }</div> }
        }
    });
    html! {
        <>
            <div class="chart" role="img" aria-label={title}>{ for rows }</div>
            <p class="chart-summary">{ &factors.summary }</p>
            { for factors.apart.iter().map(|apart| html! {
                <p class="factor-apart" data-factor={apart.factor}>{ &apart.text }</p>
            }) }
        </>
    }
}
