use crate::outline::Factors;
use crate::pack::UiText;
use yew::prelude::*;

const WIDTH: i32 = 320;
const ROW: i32 = 38;

/// How strongly the answers point to each cause: labelled horizontal bars in inline SVG named
/// by `title`, with the same figures as text for screen readers (the SVG's title and
/// description); then the factors shown apart from the causes (B12), each in a sentence.
pub fn chart(title: &'static str, factors: &Factors, ui: &UiText) -> Html {
    let causes = &factors.causes;
    // A fixed minimum scale keeps one weak answer from looking like a full bar.
    let scale = causes.iter().map(|c| c.points).max().unwrap_or(0).max(8);
    let description: Vec<String> = causes
        .iter()
        .map(|c| format!("{}: {} {}", c.name, c.points, ui.points))
        .collect();
    let rows = causes.iter().enumerate().map(|(row, cause)| {
        let y = row as i32 * ROW;
        let bar = cause.points.max(0) * (WIDTH - 40) / scale;
        html! {
            <g class={classes!("chart-row", cause.top.then_some("chart-top"))} data-factor={cause.factor}>
                <text x="0" y={(y + 13).to_string()} class="chart-label">{ cause.name }</text>
                <rect x="0" y={(y + 19).to_string()} width={(WIDTH - 40).to_string()} height="12" rx="3" class="chart-track" />
                <rect x="0" y={(y + 19).to_string()} width={bar.to_string()} height="12" rx="3" class="chart-bar" />
                <text x={(WIDTH - 32).to_string()} y={(y + 30).to_string()} class="chart-value">{ cause.points }</text>
            </g>
        }
    });
    html! {
        <>
            <svg class="chart" role="img" viewBox={format!("0 0 {WIDTH} {}", causes.len() as i32 * ROW)}
                aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMinYMin meet">
                <title id="chart-title">{ title }</title>
                <desc id="chart-desc">{ description.join(". ") }</desc>
                { for rows }
            </svg>
            { for factors.apart.iter().map(|apart| html! {
                <p class="factor-apart" data-factor={apart.factor}>{ &apart.text }</p>
            }) }
        </>
    }
}
