//! The sheet of tools behind the compact bar's one button: the time player, the filters, the
//! path finder and the layouts. A function of the root (no state of its own); its content is
//! built only while it is open, so the first view costs less. The bar's button (it stays in view
//! above the sheet) and Escape (the root's keys) close it.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::i18n::Lang;
use crate::core::route::{LayoutKind, Route};
use crate::ui::app::Derived;
use crate::ui::filters::filters;
use crate::ui::path_finder::path_finder;
use crate::ui::time_player::TimePlayer;

pub const SHEET_ID: &str = "carte-tools";
pub const TITLE_ID: &str = "carte-tools-title";

pub fn tools_sheet(
    data: &Rc<Dataset>,
    route: &Route,
    derived: &Derived,
    lang: Lang,
    on_route: &Callback<Route>,
) -> Html {
    let t = lang.texts();
    html! {
        <section id={SHEET_ID} class="sheet tools-sheet" aria-labelledby={TITLE_ID}>
            <h2 id={TITLE_ID} tabindex="-1">{ t.tools }</h2>
            <TimePlayer data={data.clone()} route={route.clone()} visible={derived.visible.clone()} on_route={on_route.clone()} />
            { filters(data, route, &derived.visible, lang, on_route) }
            { path_finder(data, route, &derived.visible, &derived.paths, lang, on_route) }
            { layout_choice(route, lang, on_route) }
        </section>
    }
}

/// Force, radial or grouped by kind: one pressed button each.
fn layout_choice(route: &Route, lang: Lang, on_route: &Callback<Route>) -> Html {
    let t = lang.texts();
    let buttons = LayoutKind::ALL.iter().map(|kind| {
        let label = match kind {
            LayoutKind::Force => t.layout_force,
            LayoutKind::Radial => t.layout_radial,
            LayoutKind::Grouped => t.layout_grouped,
        };
        let onclick = {
            let (on_route, route, kind) = (on_route.clone(), route.clone(), *kind);
            Callback::from(move |_: MouseEvent| on_route.emit(Route { layout: kind, ..route.clone() }))
        };
        html! { <button type="button" aria-pressed={(route.layout == *kind).to_string()} {onclick}>{ label }</button> }
    });
    html! {
        <div class="layout-choice" role="group" aria-labelledby="carte-layout-title">
            <span id="carte-layout-title" class="tool-title">{ t.layout }</span>
            { for buttons }
        </div>
    }
}
