//! The traffic tab (seed 002 "Verkehr"): incoming and outgoing traffic over a day, a week, a
//! month or a year, as a bar chart that reads at a glance on a phone, with the figures also
//! as a table for screen readers and for those who want the numbers.

use crate::api::services::get_traffic;
use crate::components::errors::ErrorNotice;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::model::service_detail::TrafficChart;
use crate::model::{Lang, TrafficPeriod};
use leptos::prelude::*;

#[component]
pub fn Traffic(id: i64, period: Memo<TrafficPeriod>, base: String) -> impl IntoView {
    let t = use_texts();
    let chart =
        Resource::new(move || period.get(), move |p| get_traffic(id, p.as_str().to_owned()));
    let links = TrafficPeriod::ALL
        .iter()
        .map(|p| {
            let p = *p;
            let href = format!("{base}?tab=traffic&period={}", p.as_str());
            let current = move || (period.get() == p).then_some("page");
            view! {
                <li>
                    <a href=href class="tab" aria-current=current>{t.services.period(p)}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="box" aria-labelledby="traffic-title" data-testid="traffic">
            <h2 class="box-title" id="traffic-title">{t.services.tab_traffic}</h2>
            <nav class="tabs tabs--small" aria-label=t.services.periods_label>
                <ul>{links}</ul>
            </nav>
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match chart.await {
                        Ok(chart) => view! { <Chart chart/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

// Small units, so that the labels stay readable when a phone scales the chart down.
const WIDTH: i64 = 320;
const HEIGHT: i64 = 190;
const LEFT: i64 = 50;
const TOP: i64 = 10;
const BOTTOM: i64 = 24;

/// The smallest 1, 2 or 5 times a power of ten that is at least `max`: round axis labels.
fn nice_ceiling(max: i64) -> i64 {
    let mut step: i64 = 1;
    while step.saturating_mul(10) <= max {
        step = step.saturating_mul(10);
    }
    [1, 2, 5, 10].iter().map(|k| step.saturating_mul(*k)).find(|v| *v >= max).unwrap_or(max).max(1)
}

fn label(chart: &TrafficChart, index: usize, lang: Lang) -> String {
    let Some(bucket) = chart.buckets.get(index) else { return String::new() };
    match chart.period {
        TrafficPeriod::Day => bucket.start.format("%H:00").to_string(),
        TrafficPeriod::Week | TrafficPeriod::Month => {
            format::short_date(bucket.start.date_naive(), lang)
        }
        TrafficPeriod::Year => format::short_month(bucket.start.date_naive(), lang),
    }
}

#[component]
fn Chart(chart: TrafficChart) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let n = i64::try_from(chart.buckets.len()).unwrap_or(1).max(1);
    let max = chart.buckets.iter().map(|b| b.bytes_in.max(b.bytes_out)).max().unwrap_or(0);
    let top = nice_ceiling(max);
    let plot_w = WIDTH - LEFT - 4;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = move |v: i64| TOP + plot_h - v.saturating_mul(plot_h) / top;
    let bar_w = (plot_w / n * 4 / 10).max(1);
    let bars = chart
        .buckets
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let x = LEFT + i64::try_from(i).unwrap_or(0) * plot_w / n + (plot_w / n) / 10;
            view! {
                <rect class="bar-in" x=x y=y(b.bytes_in) width=bar_w height=TOP + plot_h - y(b.bytes_in)/>
                <rect class="bar-out" x=x + bar_w y=y(b.bytes_out) width=bar_w height=TOP + plot_h - y(b.bytes_out)/>
            }
        })
        .collect_view();
    let grid = [0, top / 2, top]
        .into_iter()
        .map(|v| {
            view! {
                <line class="grid" x1=LEFT x2=WIDTH - 4 y1=y(v) y2=y(v)/>
                <text class="axis" x=LEFT - 6 y=y(v) + 4 text-anchor="end">{format::gigabytes(v, lang)}</text>
            }
        })
        .collect_view();
    let count = chart.buckets.len();
    let ticks = [0, count / 3, count * 2 / 3, count.saturating_sub(1)]
        .into_iter()
        .map(|i| {
            let x = LEFT + i64::try_from(i).unwrap_or(0) * plot_w / n + (plot_w / n) / 2;
            // The outer labels align inwards so they are never cut off at the edges.
            let anchor = if i == 0 { "start" } else if i + 1 == count { "end" } else { "middle" };
            let x = match anchor {
                "start" => x - (plot_w / n) / 2,
                "end" => (x + (plot_w / n) / 2).min(WIDTH - 2),
                _ => x,
            };
            view! { <text class="axis" x=x y=HEIGHT - 6 text-anchor=anchor>{label(&chart, i, lang)}</text> }
        })
        .collect_view();
    let title = format!(
        "{}: {} {}, {} {}",
        t.services.period(chart.period),
        t.services.traffic_in,
        format::gigabytes(chart.total_in, lang),
        t.services.traffic_out,
        format::gigabytes(chart.total_out, lang)
    );
    let rows = chart
        .buckets
        .iter()
        .enumerate()
        .map(|(i, b)| {
            view! {
                <tr>
                    <td data-label=t.services.col_period>{label(&chart, i, lang)}</td>
                    <td data-label=t.services.traffic_in class="amount">{format::gigabytes(b.bytes_in, lang)}</td>
                    <td data-label=t.services.traffic_out class="amount">{format::gigabytes(b.bytes_out, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="chart" data-testid="traffic-chart" data-period=chart.period.as_str() data-bars=count>
            <p class="chart-totals">
                <span class="legend legend--in">{t.services.traffic_in} ": " <strong data-testid="total-in">{format::gigabytes(chart.total_in, lang)}</strong></span>
                <span class="legend legend--out">{t.services.traffic_out} ": " <strong data-testid="total-out">{format::gigabytes(chart.total_out, lang)}</strong></span>
                <span class="muted small">{t.services.traffic_total}</span>
            </p>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=title class="chart-svg">
                {grid}
                {bars}
                {ticks}
            </svg>
            <details class="chart-table">
                <summary>{t.services.traffic_as_table}</summary>
                <table class="table">
                    <caption class="visually-hidden">{t.services.tab_traffic}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.services.col_period}</th>
                            <th scope="col" class="amount">{t.services.traffic_in}</th>
                            <th scope="col" class="amount">{t.services.traffic_out}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::nice_ceiling;

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_ceiling(0), 1);
        assert_eq!(nice_ceiling(7), 10);
        assert_eq!(nice_ceiling(120), 200);
        assert_eq!(nice_ceiling(4_200_000_000), 5_000_000_000);
        assert_eq!(nice_ceiling(5_000_000_000), 5_000_000_000);
    }
}
