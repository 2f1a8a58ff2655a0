use crate::outline::Factors;
use yew::prelude::*;

const WIDTH: i32 = 320;
const ROW: i32 = 38;

/// How well the answers fit each cause: labelled horizontal bars in inline SVG, without
/// figures. The SVG is one image named by its title; the sentence under it says the same in
/// words, read once. Then the factors shown apart from the causes (B12), each in a sentence.
pub fn chart(title: &'static str, factors: &Factors) -> Html {
    let causes = &factors.causes;
    // A fixed minimum scale keeps one weak answer from looking like a full bar.
    let scale = causes.iter().map(|c| c.points).max().unwrap_or(0).max(8);
    let rows = causes.iter().enumerate().map(|(row, cause)| {
        let y = row as i32 * ROW;
        let bar = cause.points.max(0) * WIDTH / scale;
        html! {
            <g class={cause.top.then_some("chart-top")} data-factor={cause.factor}>
                <text x="0" y={(y + 13).to_string()} class="chart-label">{ cause.name }</text>
                <rect x="0" y={(y + 19).to_string()} width={WIDTH.to_string()} height="12" rx="3" class="chart-track" />
                <rect x="0" y={(y + 19).to_string()} width={bar.to_string()} height="12" rx="3" class="chart-bar" />
            </g>
        }
    });
    html! {
        <>
            <svg class="chart" role="img" viewBox={format!("0 0 {WIDTH} {}", causes.len() as i32 * ROW)}
                aria-labelledby="chart-title" preserveAspectRatio="xMinYMin meet">
                <title id="chart-title">{ title }</title>
                { for rows }
            </svg>
            <p class="chart-summary">{ &factors.summary }</p>
            { for factors.apart.iter().map(|apart| html! {
                <p class="factor-apart" data-factor={apart.factor}>{ &apart.text }</p>
            }) }
        </>
    }
}
