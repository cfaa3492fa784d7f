//! The legend: a line sample per link kind present, a dot per organisation kind present.

use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::i18n::Lang;
use crate::core::model::{LinkKind, OrgKind};
use crate::core::number::decimal;
use crate::core::scene::{link_style, org_colour, PARENT_TIE_STYLE};

/// A line drawn as the graph draws a kind of link. (Samples are SVG, never `style` attributes:
/// the site's Content-Security-Policy allows no inline style.)
pub fn line_sample(colour: &str, dash: &[f64], width: f64) -> Html {
    let dasharray = dash.iter().map(|d| decimal(*d, 2)).collect::<Vec<_>>().join(" ");
    html! {
        <svg class="sample" width="36" height="12" viewBox="0 0 36 12" aria-hidden="true" focusable="false">
            <line x1="2" y1="6" x2="34" y2="6" stroke={colour.to_string()} stroke-width={decimal(width, 2)}
                stroke-dasharray={dasharray} stroke-linecap="round" />
        </svg>
    }
}

/// A dot in a colour: a kind of organisation, or a series of the money chart.
pub fn dot_sample(colour: &'static str) -> Html {
    html! {
        <svg class="sample" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
            <circle cx="7" cy="7" r="5.5" fill={colour} stroke="#1a1a1a" stroke-width="1" />
        </svg>
    }
}

/// A function, not a component: it has no state of its own (each component type costs the wasm
/// its own lifecycle code); Yew leaves the DOM alone while what it returns does not change.
pub fn legend(data: &Dataset, lang: Lang) -> Html {
    let t = lang.texts();
    let m = &data.model;
    let link_kinds = LinkKind::ALL.iter().filter(|k| m.links.iter().any(|l| l.kind == **k)).map(|k| {
        let (colour, dash) = link_style(*k);
        html! { <li>{ line_sample(colour, dash, 3.0) }{ lang.link_kind(*k) }</li> }
    });
    let org_kinds = OrgKind::ALL
        .iter()
        .filter(|k| m.organizations.iter().any(|o| o.kind == **k))
        .map(|k| html! { <li>{ dot_sample(org_colour(*k)) }{ lang.org_kind(*k) }</li> });
    let has_parents = m.organizations.iter().any(|o| o.parent.is_some());
    html! {
        <details class="legend" open=true>
            <summary>{ t.legend }</summary>
            <div class="legend-columns">
                <div>
                    <h2 class="legend-heading">{ t.legend_links }</h2>
                    <ul>
                        { for link_kinds }
                        if has_parents { <li>{ line_sample(PARENT_TIE_STYLE.0, PARENT_TIE_STYLE.1, 2.0) }{ t.parent_tie }</li> }
                    </ul>
                    <p class="hint">{ t.hint_links }</p>
                </div>
                <div>
                    <h2 class="legend-heading">{ t.legend_orgs }</h2>
                    <ul>{ for org_kinds }</ul>
                    <p class="hint">{ t.hint_orgs }</p>
                </div>
            </div>
        </details>
    }
}
