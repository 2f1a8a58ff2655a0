use super::use_settings;
use crate::pack::PACK;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// Points per factor, in pack order.
    pub scores: Vec<i32>,
    pub top_factor: u16,
    /// The factors to chart, in display order (`Assessment::causes_in_chart_order`).
    pub factors: Vec<u16>,
}

const WIDTH: i32 = 320;
const ROW: i32 = 38;

/// How strongly the answers point to each cause: labelled horizontal bars in inline SVG, with
/// the same figures as text for screen readers (the SVG's title and description).
#[function_component]
pub fn FactorChart(props: &ChartProps) -> Html {
    let settings = use_settings();
    let texts = settings.texts;
    let factors: Vec<usize> = props.factors.iter().map(|&f| usize::from(f)).collect();
    // A fixed minimum scale keeps one weak answer from looking like a full bar.
    let scale = factors
        .iter()
        .map(|&f| props.scores[f])
        .max()
        .unwrap_or(0)
        .max(8);
    let description: Vec<String> = factors
        .iter()
        .map(|&f| {
            format!(
                "{}: {} {}",
                texts.factors[f].name, props.scores[f], texts.ui.points
            )
        })
        .collect();
    let rows = factors.iter().enumerate().map(|(row, &f)| {
        let y = row as i32 * ROW;
        let bar = props.scores[f].max(0) * (WIDTH - 40) / scale;
        let top = f == usize::from(props.top_factor);
        html! {
            <g class={classes!("chart-row", top.then_some("chart-top"))} data-factor={PACK.factors[f].id}>
                <text x="0" y={(y + 13).to_string()} class="chart-label">{ texts.factors[f].name }</text>
                <rect x="0" y={(y + 19).to_string()} width={(WIDTH - 40).to_string()} height="12" rx="3" class="chart-track" />
                <rect x="0" y={(y + 19).to_string()} width={bar.to_string()} height="12" rx="3" class="chart-bar" />
                <text x={(WIDTH - 32).to_string()} y={(y + 30).to_string()} class="chart-value">{ props.scores[f] }</text>
            </g>
        }
    });
    html! {
        <svg class="chart" role="img" viewBox={format!("0 0 {WIDTH} {}", factors.len() as i32 * ROW)}
            aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMinYMin meet">
            <title id="chart-title">{ texts.ui.factor_chart }</title>
            <desc id="chart-desc">{ description.join(". ") }</desc>
            { for rows }
        </svg>
    }
}
