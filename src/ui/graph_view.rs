//! The graph view: a canvas driven by `Viewer`, zoom buttons, and one focusable handle per
//! organisation so that keyboard and screen-reader users reach every node.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::layout::Point;
use crate::core::locale;
use crate::core::route::Selection;
use crate::ui::viewer::{Hit, Viewer};

#[derive(Properties, Clone)]
pub struct GraphViewProps {
    pub data: Rc<Dataset>,
    pub resolved: Resolved,
    pub on_select: Callback<Selection>,
    pub on_drawn: Callback<()>,
}

impl PartialEq for GraphViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data) && self.resolved == other.resolved
    }
}

type Shared = Rc<RefCell<Option<Viewer>>>;

#[component]
pub fn GraphView(props: &GraphViewProps) -> Html {
    let canvas_ref = use_node_ref();
    let handles_ref = use_node_ref();
    let viewer: Shared = use_mut_ref(|| None);
    // Event listeners live across renders; they read the latest callbacks through these cells.
    let on_select = use_mut_ref(|| props.on_select.clone());
    *on_select.borrow_mut() = props.on_select.clone();
    let on_drawn = use_mut_ref(|| props.on_drawn.clone());
    *on_drawn.borrow_mut() = props.on_drawn.clone();

    {
        let (canvas_ref, handles_ref, viewer, data) =
            (canvas_ref.clone(), handles_ref.clone(), viewer.clone(), props.data.clone());
        let (on_select, on_drawn) = (on_select.clone(), on_drawn.clone());
        use_effect_with(Rc::as_ptr(&props.data) as usize, move |_| {
            let canvas: Option<HtmlCanvasElement> = canvas_ref.cast();
            let handles: Option<HtmlElement> = handles_ref.cast();
            let mut cleanup: Option<(Vec<EventListener>, web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)> = None;
            if let (Some(canvas), Some(handles)) = (canvas, handles) {
                *viewer.borrow_mut() = Viewer::new(data.clone(), canvas.clone(), handles);
                let listeners = attach_pointer_listeners(&canvas, &viewer, &data, &on_select);
                let observer_viewer = viewer.clone();
                let resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() else { return };
                    let rect = entry.content_rect();
                    let first = {
                        let mut guard = observer_viewer.borrow_mut();
                        let Some(v) = guard.as_mut() else { return };
                        let first = !v.is_sized();
                        v.resize(rect.width(), rect.height());
                        first && v.is_sized()
                    };
                    if first {
                        on_drawn.borrow().emit(());
                    }
                });
                if let Ok(observer) = web_sys::ResizeObserver::new(resize.as_ref().unchecked_ref()) {
                    observer.observe(&canvas);
                    cleanup = Some((listeners, observer, resize));
                }
            }
            move || {
                if let Some((_, observer, _)) = cleanup {
                    observer.disconnect();
                }
            }
        });
    }

    {
        let viewer = viewer.clone();
        use_effect_with((Rc::as_ptr(&props.data) as usize, props.resolved), move |(_, resolved)| {
            if let Some(v) = viewer.borrow_mut().as_mut() {
                v.focus = v.data.focus(*resolved, v.focus.hovered);
                if let Resolved::Org(org) = resolved {
                    v.reveal(*org);
                }
                v.draw();
            }
        });
    }

    let with_viewer = |f: fn(&mut Viewer)| {
        let viewer = viewer.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(v) = viewer.borrow_mut().as_mut() {
                f(v);
            }
        })
    };
    let model = &props.data.model;
    let selected_org = match props.resolved {
        Resolved::Org(o) => Some(o),
        _ => None,
    };
    let handles = model.organizations.iter().enumerate().map(|(ix, org)| {
        let links = props.data.graph.link_degree(ix);
        let label = format!("{} ({}, {})", org.name, org.kind.label_fr(), locale::count(links, "lien", "liens"));
        let onclick = {
            let (cb, id) = (props.on_select.clone(), org.id.clone());
            Callback::from(move |_: MouseEvent| cb.emit(Selection::Org(id.clone())))
        };
        let onfocus = hover_callback(&viewer, Some(ix));
        let onblur = hover_callback(&viewer, None);
        html! {
            <button key={org.id.clone()} type="button" class="node-handle" data-org={org.id.clone()}
                aria-label={label} aria-current={(selected_org == Some(ix)).then_some("true")}
                {onclick} {onfocus} {onblur}></button>
        }
    });
    let summary = format!(
        "Graphe des partenariats : {} et {}. Chaque organisation est un bouton ci-dessous ; le tableau en donne une version textuelle.",
        locale::count(model.organizations.len(), "organisation", "organisations"),
        locale::count(model.links.len(), "lien", "liens"),
    );

    html! {
        <div class="graph-view">
            <canvas ref={canvas_ref} class="graph-canvas" role="img" aria-label={summary}></canvas>
            <div ref={handles_ref} class="node-handles" role="group" aria-label="Organisations du graphe">
                { for handles }
            </div>
            <div class="graph-controls" role="group" aria-label="Zoom">
                <button type="button" onclick={with_viewer(|v| v.zoom_by(1.3))} aria-label="Zoomer" title="Zoomer">{"+"}</button>
                <button type="button" onclick={with_viewer(|v| v.zoom_by(1.0 / 1.3))} aria-label="Dézoomer" title="Dézoomer">{"−"}</button>
                <button type="button" onclick={with_viewer(|v| v.fit())} title="Ajuster à l'écran">{"Ajuster"}</button>
            </div>
        </div>
    }
}

fn hover_callback(viewer: &Shared, org: Option<usize>) -> Callback<FocusEvent> {
    let viewer = viewer.clone();
    Callback::from(move |_: FocusEvent| {
        if let Some(v) = viewer.borrow_mut().as_mut() {
            v.focus.hovered = org;
            if let Some(o) = org {
                v.reveal(o);
            }
            v.draw();
        }
    })
}

fn local_point(canvas: &HtmlCanvasElement, e: &web_sys::MouseEvent) -> Point {
    let rect = canvas.get_bounding_client_rect();
    Point::new(e.client_x() as f64 - rect.left(), e.client_y() as f64 - rect.top())
}

/// Pointer Events cover mouse, pen and touch alike; the wheel listener must not be passive so
/// that it can keep the page from scrolling while the graph zooms.
fn attach_pointer_listeners(
    canvas: &HtmlCanvasElement,
    viewer: &Shared,
    data: &Rc<Dataset>,
    on_select: &Rc<RefCell<Callback<Selection>>>,
) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let active = EventListenerOptions::enable_prevent_default();

    let (c, v) = (canvas.clone(), viewer.clone());
    listeners.push(EventListener::new_with_options(canvas, "pointerdown", active, move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
        if e.button() != 0 {
            return;
        }
        let _ = c.set_pointer_capture(e.pointer_id());
        if let Some(v) = v.borrow_mut().as_mut() {
            v.pointer_down(e.pointer_id(), local_point(&c, e), e.pointer_type() == "touch");
        }
    }));

    let (c, v) = (canvas.clone(), viewer.clone());
    listeners.push(EventListener::new(canvas, "pointermove", move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
        let at = local_point(&c, e);
        let mut guard = v.borrow_mut();
        let Some(v) = guard.as_mut() else { return };
        let hover = v.pointer_move(e.pointer_id(), at);
        let cursor = if v.clickable_at(at) { "pointer" } else { "grab" };
        let _ = c.style().set_property("cursor", cursor);
        if e.buttons() == 0 && hover != v.focus.hovered {
            v.focus.hovered = hover;
            v.draw();
        }
    }));

    let (c, v, d, s) = (canvas.clone(), viewer.clone(), data.clone(), on_select.clone());
    listeners.push(EventListener::new(canvas, "pointerup", move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
        let hit = v.borrow_mut().as_mut().and_then(|v| v.pointer_up(e.pointer_id(), local_point(&c, e)));
        let selection = match hit {
            Some(Hit::Org(org)) => Some(Selection::Org(d.model.organizations[org].id.clone())),
            Some(Hit::Bundle(edge)) => Some(d.selection_for_bundle(edge)),
            Some(Hit::Nothing) | None => None,
        };
        if let Some(selection) = selection {
            let callback = s.borrow().clone();
            callback.emit(selection);
        }
    }));

    for name in ["pointercancel", "pointerleave"] {
        let v = viewer.clone();
        listeners.push(EventListener::new(canvas, name, move |e| {
            let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
            if let Some(v) = v.borrow_mut().as_mut() {
                if name == "pointercancel" {
                    v.pointer_cancel(e.pointer_id());
                }
                if e.pointer_type() == "mouse" && v.focus.hovered.is_some() && name == "pointerleave" {
                    v.focus.hovered = None;
                    v.draw();
                }
            }
        }));
    }

    let (c, v) = (canvas.clone(), viewer.clone());
    listeners.push(EventListener::new_with_options(canvas, "wheel", active, move |e| {
        let Some(e) = e.dyn_ref::<WheelEvent>() else { return };
        e.prevent_default();
        // Line-based wheels (Firefox) report lines, not pixels.
        let scale = if e.delta_mode() == 1 { 16.0 } else { 1.0 };
        if let Some(v) = v.borrow_mut().as_mut() {
            v.wheel(local_point(&c, e), e.delta_y() * scale);
        }
    }));
    listeners
}
