//! "How is X tied to Y?": two organisations chosen in lists, the shortest chains between them
//! highlighted in the graph and told in words.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::i18n::Lang;
use crate::core::model::OrgIx;
use crate::core::query::{self, Visible};
use crate::core::route::Route;

/// A function of the sheet of tools, not a component (each component type costs the wasm its own
/// lifecycle code). The section is open while the route asks for a path, so its lists — on a
/// large export thousands of names — are built only once someone opens it (`#path=,`).
pub fn path_finder(
    data: &Rc<Dataset>,
    route: &Route,
    visible: &Visible,
    paths: &[Vec<OrgIx>],
    lang: Lang,
    on_route: &Callback<Route>,
) -> Html {
    let t = lang.texts();
    let m = &data.model;
    let (from, to) = route.path.clone().unwrap_or_default();
    let open = route.path.is_some();
    let orgs: Vec<OrgIx> = if open {
        let mut orgs: Vec<OrgIx> = (0..m.organizations.len()).filter(|o| visible.orgs[*o]).collect();
        let folded: Vec<String> = m.organizations.iter().map(|o| crate::core::locale::fold(&o.name)).collect();
        crate::core::order::sort_indices(&mut orgs, &|a, b| folded[a].cmp(&folded[b]));
        orgs
    } else {
        Vec::new()
    };
    let ontoggle = {
        let (on_route, route) = (on_route.clone(), route.clone());
        Callback::from(move |e: Event| {
            let opened = e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open();
            if opened != route.path.is_some() {
                let path = opened.then(|| (String::new(), String::new()));
                on_route.emit(Route { path, ..route.clone() });
            }
        })
    };
    let select = |id: &str, label: &str, value: &str, is_from: bool| {
        let (on_route, route) = (on_route.clone(), route.clone());
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let (a, b) = route.path.clone().unwrap_or_default();
            let path = Some(if is_from { (select.value(), b) } else { (a, select.value()) });
            on_route.emit(Route { path, ..route.clone() });
        });
        html! {
            <label class="field">{ label.to_string() }
                <select id={id.to_string()} {onchange}>
                    <option value="" selected={value.is_empty()}>{"—"}</option>
                    { for orgs.iter().map(|o| {
                        let org = &m.organizations[*o];
                        html! { <option value={org.id.clone()} selected={org.id == value}>{ org.name.clone() }</option> }
                    }) }
                </select>
            </label>
        }
    };
    let both = !from.is_empty() && !to.is_empty() && from != to;
    let sentences = paths.iter().map(|p| html! { <li>{ query::describe_path(m, &data.graph, visible, p, lang) }</li> });
    let clear = {
        let (on_route, route) = (on_route.clone(), route.clone());
        Callback::from(move |_: MouseEvent| on_route.emit(Route { path: None, ..route.clone() }))
    };
    html! {
        <details class="path-finder" open={open} {ontoggle}>
            <summary>{ t.path }</summary>
            <div class="path-body">
                { select("carte-path-from", t.path_from, &from, true) }
                { select("carte-path-to", t.path_to, &to, false) }
                if !from.is_empty() || !to.is_empty() { <button type="button" class="button secondary" onclick={clear}>{ t.clear }</button> }
            </div>
            <div class="path-result" role="status" aria-live="polite">
                if !both { <p>{ t.path_choose }</p> }
                else if paths.is_empty() { <p>{ t.path_none }</p> }
                else { <ol class="paths">{ for sentences }</ol> }
            </div>
        </details>
    }
}
