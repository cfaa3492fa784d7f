//! Presentation mode: the export's story told step by step over the graph, full screen, large
//! type, high contrast. Arrow keys and Page Up / Page Down (what presentation clickers send)
//! move between steps while the presentation has focus; Escape leaves it.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::i18n::fill;
use crate::core::model::OrgIx;
use crate::core::query::Visible;
use crate::core::route::Route;
use crate::ui::app::loaded_from;
use crate::ui::config::use_lang;
use crate::ui::graph_view::GraphView;

#[derive(Properties, Clone)]
pub struct PresentationProps {
    pub data: Rc<Dataset>,
    pub route: Route,
    pub on_route: Callback<Route>,
    pub on_drawn: Callback<()>,
}

impl PartialEq for PresentationProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data) && self.route == other.route
    }
}

#[component]
pub fn Presentation(props: &PresentationProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let dialog = use_node_ref();
    let m = &props.data.model;
    let total = m.story.len().max(1);
    let step = props.route.present.unwrap_or(1).clamp(1, total);
    let current = m.story.get(step - 1);

    // Full screen when the browser allows it (it asks for a user gesture: the button gives one;
    // a bookmark on `#present` opens the same view inside the window). Focus goes to the dialog.
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(el) = dialog.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
                // A refusal is not an error: the presentation still fills the window.
                let _ = el.request_fullscreen();
            }
            || {
                let document = crate::ui::browser::document();
                if document.fullscreen_element().is_some() {
                    document.exit_fullscreen();
                }
            }
        });
    }

    let go = {
        let (on_route, route) = (props.on_route.clone(), props.route.clone());
        move |to: Option<usize>| {
            let (on_route, route) = (on_route.clone(), route.clone());
            move || on_route.emit(Route { present: to, ..route.clone() })
        }
    };
    let previous = (step > 1).then(|| go(Some(step - 1)));
    let next = (step < total).then(|| go(Some(step + 1)));
    let exit = go(None);
    let onkeydown = {
        let (previous, next, exit, first, last) =
            (previous.clone(), next.clone(), exit.clone(), go(Some(1)), go(Some(total)));
        Callback::from(move |e: KeyboardEvent| {
            let action: Option<&dyn Fn()> = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" | "PageDown" | " " => next.as_ref().map(|f| f as &dyn Fn()),
                "ArrowLeft" | "ArrowUp" | "PageUp" => previous.as_ref().map(|f| f as &dyn Fn()),
                "Home" => Some(&first),
                "End" => Some(&last),
                "Escape" => Some(&exit),
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            if let Some(action) = action {
                action();
            }
        })
    };

    let highlight: Vec<Vec<OrgIx>> = current
        .map(|s| {
            let mut paths: Vec<Vec<OrgIx>> = s.links.iter().map(|l| vec![m.links[*l].from, m.links[*l].to]).collect();
            paths.extend(s.organizations.iter().map(|o| vec![*o]));
            paths
        })
        .unwrap_or_default();
    let frame = current.map(|s| if s.zoom { s.highlighted(m) } else { Vec::new() }).unwrap_or_default();
    let button = |label: &str, action: Option<Box<dyn Fn()>>, class: &'static str| {
        let disabled = action.is_none();
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(a) = &action {
                a();
            }
        });
        html! { <button type="button" class={classes!("button", class)} {disabled} {onclick}>{ label.to_string() }</button> }
    };
    let boxed = |f: Option<Box<dyn Fn()>>| f;
    html! {
        <div class="presentation theme-contrast" role="dialog" aria-modal="true" aria-labelledby="story-title"
            tabindex="-1" ref={dialog} {onkeydown}>
            <div class="presentation-graph">
                <GraphView data={props.data.clone()} resolved={Resolved::None} visible={Rc::new(Visible::all(m))}
                    paths={Rc::new(highlight)} year={None} layout={props.route.layout} route={props.route.clone()}
                    on_select={Callback::noop()} on_route={props.on_route.clone()} on_drawn={props.on_drawn.clone()}
                    frame={Some(Rc::new(frame))} />
            </div>
            <section class="presentation-text" aria-live="polite">
                { loaded_from(&props.data, lang) }
                <p class="step-counter">{ fill(t.step_counter, &[("n", &step.to_string()), ("total", &total.to_string())]) }</p>
                <h2 id="story-title">{ current.map_or(m.title.clone(), |s| s.title.clone()) }</h2>
                <p class="story-body">{ current.map_or(t.no_story.to_string(), |s| s.text.clone()) }</p>
                <div class="story-buttons">
                    { button(&format!("‹ {}", t.step_previous), boxed(previous.map(|f| Box::new(f) as Box<dyn Fn()>)), "secondary") }
                    { button(&format!("{} ›", t.step_next), boxed(next.map(|f| Box::new(f) as Box<dyn Fn()>)), "") }
                </div>
                <p class="hint">{ t.presentation_help }</p>
                { button(t.exit_presentation, Some(Box::new(exit)), "secondary exit") }
            </section>
        </div>
    }
}
