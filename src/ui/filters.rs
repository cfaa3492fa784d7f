//! The filter panel: link kinds (with counts), organisation kinds, years, amount; a visible
//! summary of what is shown and one reset control. Every change goes into the address.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::i18n::{fill, Lang};
use crate::core::model::OrgKind;
use crate::core::query::{self, Visible};
use crate::core::route::Route;
use crate::core::scene::{link_style, org_colour};
use crate::ui::legend::{dot_sample, line_sample};

/// A function of the sheet of tools, not a component: it has no state of its own (each
/// component type costs the wasm its own lifecycle code).
pub fn filters(data: &Rc<Dataset>, route: &Route, visible: &Visible, lang: Lang, on_route: &Callback<Route>) -> Html {
    let t = lang.texts();
    let m = &data.model;
    let all = Visible::all(m);
    let counts = query::kind_counts(m, &all);
    let emit = |next: Route| {
        let on_route = on_route.clone();
        move || on_route.emit(next.clone())
    };

    let link_boxes = counts.iter().map(|(kind, count)| {
        let change = emit(Route { link_kinds: route.link_kinds.toggled(*kind), ..route.clone() });
        let (colour, dash) = link_style(*kind);
        html! {
            <label class="check">
                <input type="checkbox" checked={route.link_kinds.contains(*kind)} onchange={Callback::from(move |_| change())} />
                { line_sample(colour, dash, 3.0) }
                { format!("{} ({count})", lang.link_kind(*kind)) }
            </label>
        }
    });
    let org_boxes = OrgKind::ALL.iter().filter(|k| m.organizations.iter().any(|o| o.kind == **k)).map(|kind| {
        let change = emit(Route { org_kinds: route.org_kinds.toggled(*kind), ..route.clone() });
        let n = m.organizations.iter().filter(|o| o.kind == *kind).count();
        html! {
            <label class="check">
                <input type="checkbox" checked={route.org_kinds.contains(*kind)} onchange={Callback::from(move |_| change())} />
                { dot_sample(org_colour(*kind)) }
                { format!("{} ({n})", lang.org_kind(*kind)) }
            </label>
        }
    });

    let (first, last) = query::year_span(m).unwrap_or((2020, 2020));
    let (from, to) = route.years.unwrap_or((first, last));
    let year_select = |id: &str, label: &str, value: i32, is_from: bool| {
        let (on_route, route) = (on_route.clone(), route.clone());
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let Ok(y) = select.value().parse::<i32>() else { return };
            let (a, b) = route.years.unwrap_or((first, last));
            let (a, b) = if is_from { (y, b.max(y)) } else { (a.min(y), y) };
            let years = ((a, b) != (first, last)).then_some((a, b));
            on_route.emit(Route { years, ..route.clone() });
        });
        html! {
            <label class="field">{ label.to_string() }
                <select id={id.to_string()} {onchange}>
                    { for (first..=last).map(|y| html! { <option value={y.to_string()} selected={y == value}>{ y }</option> }) }
                </select>
            </label>
        }
    };

    let max_amount = m.max_amount().euros();
    let (lo, hi) = route.amount.unwrap_or((0, max_amount));
    let amount_input = |label: &str, value: u64, is_min: bool| {
        let (on_route, route) = (on_route.clone(), route.clone());
        let onchange = Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let v: u64 = input.value().trim().replace([' ', '\u{202F}', '\u{A0}'], "").parse().unwrap_or(if is_min {
                0
            } else {
                max_amount
            });
            let (a, b) = route.amount.unwrap_or((0, max_amount));
            let (a, b) = if is_min { (v, b.max(v)) } else { (a.min(v), v) };
            let amount = ((a, b) != (0, max_amount)).then_some((a, b));
            on_route.emit(Route { amount, ..route.clone() });
        });
        html! {
            <label class="field">{ label.to_string() }
                <input type="number" inputmode="numeric" min="0" step="1" value={value.to_string()} {onchange} />
            </label>
        }
    };

    let shown = fill(
        t.filtered,
        &[
            ("orgs", &lang.count(visible.org_count(), t.org_one, t.org_many)),
            ("links", &lang.count(visible.link_count(), t.link_one, t.link_many)),
            ("total", &m.links.len().to_string()),
        ],
    );
    let active = route.has_filters();
    let summary = if active { shown } else { t.no_filter.to_string() };
    let focus_note = route
        .focus
        .as_ref()
        .and_then(|(id, _)| m.org_by_id(id))
        .map(|o| fill(t.network_of, &[("name", &m.organizations[o].name)]));
    let reset = emit(route.without_filters());
    html! {
        <div class="filters-bar">
        <details class="filters">
            <summary>
                <span class="filters-title">{ t.filters }</span>
                <span class="filters-summary" role="status" aria-live="polite">
                    if let Some(note) = focus_note { { format!("{note} · ") } }
                    { summary }
                </span>
            </summary>
            <div class="filters-body">
                <fieldset><legend>{ t.link_kinds }</legend>{ for link_boxes }</fieldset>
                <fieldset><legend>{ t.org_kinds }</legend>{ for org_boxes }</fieldset>
                <fieldset class="ranges"><legend>{ t.years }</legend>
                    { year_select("carte-year-from", t.year_from, from, true) }
                    { year_select("carte-year-to", t.year_to, to, false) }
                </fieldset>
                <fieldset class="ranges"><legend>{ t.amount_range }</legend>
                    { amount_input(t.amount_min, lo, true) }
                    { amount_input(t.amount_max, hi, false) }
                </fieldset>
            </div>
        </details>
        if active {
            <button type="button" class="button secondary reset" onclick={Callback::from(move |_| reset())}>{ t.reset }</button>
        }
        </div>
    }
}
