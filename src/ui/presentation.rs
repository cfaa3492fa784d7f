//! Presentation mode, made for a hall: the export's story told step by step over the map, which
//! fills the screen above a caption (so the caption never hides the step's organisations), the
//! camera gliding to each step's organisations; large type, the projector theme, no editing
//! control. Arrow keys and Page Up / Page Down (what clickers send) move between steps while
//! the presentation has focus; F or the button toggles full screen (browsers allow it only from
//! a user's gesture); Escape leaves it. The speaker sees the counter and the next step's title.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::i18n::{fill, Lang};
use crate::core::model::OrgIx;
use crate::core::query::{self, Visible};
use crate::core::route::Route;
use crate::ui::app::loaded_from;
use crate::ui::graph_view::GraphView;

/// What the presentation shows, and where its moves go.
pub struct PresentationProps {
    pub data: Rc<Dataset>,
    pub route: Route,
    pub on_route: Callback<Route>,
    pub on_drawn: Callback<()>,
}

/// A function of the root, not a component (each component type costs the wasm its own
/// lifecycle code): the root gives the dialog focus when it opens and leaves full screen with it.
pub fn presentation(props: &PresentationProps, lang: Lang) -> Html {
    let t = lang.texts();
    let dialog = NodeRef::default();
    let m = &props.data.model;
    let total = m.story.len().max(1);
    let step = props.route.present.unwrap_or(1).clamp(1, total);
    let current = m.story.get(step - 1);

    let full_screen = {
        let dialog = dialog.clone();
        move || {
            if let Some(el) = dialog.cast::<web_sys::Element>() {
                crate::ui::browser::toggle_fullscreen(&el);
            }
        }
    };

    let go = {
        let (on_route, route) = (props.on_route.clone(), props.route.clone());
        move |to: Option<usize>| {
            let (on_route, route) = (on_route.clone(), route.clone());
            move || on_route.emit(Route { present: to, ..route.clone() })
        }
    };
    let previous = (step > 1).then(|| go(Some(step - 1)));
    let next = (step < total).then(|| go(Some(step + 1)));
    // Leaving the presentation leaves full screen too.
    let exit = {
        let leave = go(None);
        move || {
            let document = crate::ui::browser::document();
            if document.fullscreen_element().is_some() {
                document.exit_fullscreen();
            }
            leave();
        }
    };
    let onkeydown = {
        let (previous, next, exit, first, last, full_screen) =
            (previous.clone(), next.clone(), exit.clone(), go(Some(1)), go(Some(total)), full_screen.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let action: Option<&dyn Fn()> = match e.key().as_str() {
                "f" | "F" => Some(&full_screen),
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
    let acts = current.map(|s| s.links.clone()).unwrap_or_default();
    let coming = match m.story.get(step) {
        Some(next) => fill(t.next_step, &[("title", &next.title)]),
        None => t.last_step.to_string(),
    };
    html! {
        <div class="presentation theme-contrast" role="dialog" aria-modal="true" aria-labelledby="story-title"
            tabindex="-1" ref={dialog} {onkeydown}>
            <div class="presentation-graph">
                <GraphView data={props.data.clone()} resolved={Resolved::None} visible={Rc::new(Visible::all(m))}
                    paths={Rc::new(highlight)} year={None} layout={props.route.layout} route={props.route.clone()}
                    on_select={Callback::noop()} on_route={props.on_route.clone()} on_drawn={props.on_drawn.clone()}
                    frame={Some(Rc::new(frame))} controls={false} />
            </div>
            <section class="caption">
                <div class="caption-text" aria-live="polite">
                    { loaded_from(&props.data, lang) }
                    <div class="step-line">
                        <p class="step-counter">{ fill(t.step_counter, &[("n", &step.to_string()), ("total", &total.to_string())]) }</p>
                        <p class="next-step">{ coming }</p>
                    </div>
                    <h2 id="story-title">{ current.map_or(m.title.clone(), |s| s.title.clone()) }</h2>
                    <p class="story-body">{ current.map_or(t.no_story.to_string(), |s| s.text.clone()) }</p>
                    if !acts.is_empty() {
                        <p class="step-acts">{ acts.iter().map(|l| query::link_sentence(m, *l, lang)).collect::<Vec<_>>().join(" ") }</p>
                    }
                </div>
                <div class="story-buttons">
                    { button(&format!("‹ {}", t.step_previous), boxed(previous.map(|f| Box::new(f) as Box<dyn Fn()>)), "secondary") }
                    { button(&format!("{} ›", t.step_next), boxed(next.map(|f| Box::new(f) as Box<dyn Fn()>)), "") }
                    { button(t.full_screen, Some(Box::new(full_screen)), "secondary") }
                    { button(t.exit_presentation, Some(Box::new(exit)), "secondary exit") }
                    <p class="hint">{ t.presentation_help }</p>
                </div>
            </section>
        </div>
    }
}
