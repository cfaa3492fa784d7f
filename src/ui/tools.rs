//! The sheet of tools behind the compact bar's one button: the time player, the filters, the
//! path finder and the layouts. A function of the root (no state of its own); its content is
//! built only while it is open, so the first view costs less. Escape or its close button shut it.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::i18n::Lang;
use crate::core::route::{LayoutKind, Route};
use crate::ui::app::Derived;
use crate::ui::filters::Filters;
use crate::ui::path_finder::PathFinder;
use crate::ui::time_player::TimePlayer;

pub const SHEET_ID: &str = "carte-tools";
pub const TITLE_ID: &str = "carte-tools-title";

pub fn tools_sheet(
    data: &Rc<Dataset>,
    route: &Route,
    derived: &Derived,
    lang: Lang,
    on_route: &Callback<Route>,
    on_close: &Callback<()>,
) -> Html {
    let t = lang.texts();
    let onkeydown = {
        let on_close = on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !e.default_prevented() {
                e.prevent_default();
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    let close = on_close.reform(|_: MouseEvent| ());
    html! {
        <section id={SHEET_ID} class="sheet tools-sheet" aria-labelledby={TITLE_ID} {onkeydown}>
            <div class="sheet-head">
                <h2 id={TITLE_ID} tabindex="-1">{ t.tools }</h2>
                <button type="button" class="close" onclick={close} aria-label={t.close_tools}>
                    <span aria-hidden="true">{"×"}</span>
                </button>
            </div>
            <TimePlayer data={data.clone()} route={route.clone()} visible={derived.visible.clone()} on_route={on_route.clone()} />
            <Filters data={data.clone()} route={route.clone()} visible={derived.visible.clone()} on_route={on_route.clone()} />
            <PathFinder data={data.clone()} route={route.clone()} visible={derived.visible.clone()} paths={derived.paths.clone()} on_route={on_route.clone()} />
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
