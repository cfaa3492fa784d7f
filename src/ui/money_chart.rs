//! Money an organisation paid and received, by year: small bars, and the same figures as a
//! table (the bars are decoration for sighted readers; the table is what everyone can read).

use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::number::decimal;
use crate::core::query::Totals;
use crate::ui::legend::dot_sample;

const PAID: &str = "#a34a00";
const RECEIVED: &str = "#1d5fa8";

/// A function, not a component: it has no state, and its panel redraws it only when the
/// organisation changes (each component type costs the wasm its own lifecycle code).
pub fn money_chart(totals: &Totals, lang: Lang) -> Html {
    let t = lang.texts();
    let years = totals.by_year();
    let max = years.iter().map(|(_, (p, r))| p.0.max(r.0)).max().unwrap_or(1).max(1) as f64;
    let row_h = 22.0;
    let width = 260.0;
    let bars = years.iter().enumerate().map(|(i, (year, (paid, received)))| {
        let y = i as f64 * row_h * 2.0 + 4.0;
        let w = |c: u64| (c as f64 / max * (width - 50.0)).max(if c > 0 { 2.0 } else { 0.0 });
        html! {
            <g>
                <text x="0" y={px(y + row_h * 0.75)} font-size="12" fill="#1a1a1a">{ year }</text>
                <rect x="44" y={px(y)} width={px(w(paid.0))} height={px(row_h * 0.8)} fill={PAID} />
                <rect x="44" y={px(y + row_h)} width={px(w(received.0))} height={px(row_h * 0.8)} fill={RECEIVED} />
            </g>
        }
    });
    let height = years.len() as f64 * row_h * 2.0 + 8.0;
    let rows = years.iter().map(|(year, (paid, received))| {
        html! {
            <tr>
                <th scope="row">{ year }</th>
                <td class="num">{ if paid.0 > 0 { lang.euros(*paid) } else { "—".into() } }</td>
                <td class="num">{ if received.0 > 0 { lang.euros(*received) } else { "—".into() } }</td>
            </tr>
        }
    });
    html! {
        <div class="money">
            <svg class="money-bars" width={px(width)} height={px(height)} viewBox={format!("0 0 {} {}", px(width), px(height))}
                aria-hidden="true" focusable="false">{ for bars }</svg>
            <table class="money-table">
                <thead><tr>
                    <th scope="col">{ t.year }</th>
                    <th scope="col">{ dot_sample(PAID) }{ t.paid }</th>
                    <th scope="col">{ dot_sample(RECEIVED) }{ t.received }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
                <tfoot><tr>
                    <th scope="row">{"Total"}</th>
                    <td class="num">{ lang.euros(totals.paid_total()) }</td>
                    <td class="num">{ lang.euros(totals.received_total()) }</td>
                </tr></tfoot>
            </table>
        </div>
    }
}

/// A coordinate or length, to a tenth of a pixel.
fn px(value: f64) -> String {
    decimal(value, 1)
}
