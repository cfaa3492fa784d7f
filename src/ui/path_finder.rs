//! "How is X tied to Y?": two organisations chosen in lists, the shortest chains between them
//! highlighted in the graph and told in words.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::Dataset;
use crate::core::model::OrgIx;
use crate::core::query::{self, Visible};
use crate::core::route::Route;
use crate::ui::config::use_lang;

#[derive(Properties, Clone)]
pub struct PathFinderProps {
    pub data: Rc<Dataset>,
    pub route: Route,
    pub visible: Rc<Visible>,
    pub paths: Rc<Vec<Vec<OrgIx>>>,
    pub on_route: Callback<Route>,
}

impl PartialEq for PathFinderProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.route == other.route
            && self.visible == other.visible
            && self.paths == other.paths
    }
}

#[component]
pub fn PathFinder(props: &PathFinderProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let m = &props.data.model;
    let (from, to) = props.route.path.clone().unwrap_or_default();
    // The lists are built only once the section is opened: on a large export they hold
    // thousands of names, which the page need not carry until someone asks.
    let opened = use_state(|| false);
    let open = *opened || props.route.path.is_some();
    let orgs: Vec<OrgIx> = if open {
        let mut orgs: Vec<OrgIx> = (0..m.organizations.len()).filter(|o| props.visible.orgs[*o]).collect();
        let folded: Vec<String> = m.organizations.iter().map(|o| crate::core::locale::fold(&o.name)).collect();
        crate::core::order::sort_indices(&mut orgs, &|a, b| folded[a].cmp(&folded[b]));
        orgs
    } else {
        Vec::new()
    };
    let ontoggle = {
        let opened = opened.clone();
        Callback::from(move |e: Event| opened.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))
    };
    let select = |id: &str, label: &str, value: &str, is_from: bool| {
        let (on_route, route) = (props.on_route.clone(), props.route.clone());
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let (a, b) = route.path.clone().unwrap_or_default();
            let path = if is_from { (select.value(), b) } else { (a, select.value()) };
            let path = (!path.0.is_empty() || !path.1.is_empty()).then_some(path);
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
    let sentences = props
        .paths
        .iter()
        .map(|p| html! { <li>{ query::describe_path(m, &props.data.graph, &props.visible, p, lang) }</li> });
    let clear = {
        let (on_route, route) = (props.on_route.clone(), props.route.clone());
        Callback::from(move |_: MouseEvent| on_route.emit(Route { path: None, ..route.clone() }))
    };
    html! {
        <details class="path-finder" open={open} {ontoggle}>
            <summary>{ t.path }</summary>
            <div class="path-body">
                { select("carte-path-from", t.path_from, &from, true) }
                { select("carte-path-to", t.path_to, &to, false) }
                if props.route.path.is_some() { <button type="button" class="button secondary" onclick={clear}>{ t.clear }</button> }
            </div>
            <div class="path-result" role="status" aria-live="polite">
                if !both { <p>{ t.path_choose }</p> }
                else if props.paths.is_empty() { <p>{ t.path_none }</p> }
                else { <ol class="paths">{ for sentences }</ol> }
            </div>
        </details>
    }
}
