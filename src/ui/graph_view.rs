//! The graph view: a canvas driven by `Viewer`, zoom and export buttons over it, and focusable
//! handles over the nodes so that keyboard and screen-reader users reach them: one per
//! organisation on a small graph, the most linked on screen on a large one.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::core::dataset::{Dataset, Resolved};
use crate::core::i18n::fill;
use crate::core::layout::{grouped_layout, radial_layout, GroupedSettings, Point, RadialSettings};
use crate::core::model::OrgIx;
use crate::core::query::Visible;
use crate::core::route::{LayoutKind, Route, Selection};
use crate::core::scene::{nearest_in_direction, node_label};
use crate::ui::browser;
use crate::ui::config::{use_lang, Config, Theme};
use crate::ui::frame_loop::{FrameLoop, SharedViewer as Shared};
use crate::ui::viewer::{with_handles, Hit, Viewer, MAX_HANDLES};

/// What the canvas holds while it is shown, dropped with it: its listeners, its resize observer and
/// the observer's callback.
type Attached = (Vec<EventListener>, web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);

#[derive(Properties, Clone)]
pub struct GraphViewProps {
    pub data: Rc<Dataset>,
    pub resolved: Resolved,
    pub visible: Rc<Visible>,
    pub paths: Rc<Vec<Vec<OrgIx>>>,
    pub year: Option<i32>,
    pub layout: LayoutKind,
    pub route: Route,
    pub on_select: Callback<Selection>,
    pub on_route: Callback<Route>,
    pub on_drawn: Callback<()>,
    /// Organisations to frame (a story step's); `None`: leave the camera alone.
    #[prop_or_default]
    pub frame: Option<Rc<Vec<OrgIx>>>,
    /// The zoom and export buttons over the map (a presentation has none).
    #[prop_or(true)]
    pub controls: bool,
}

impl PartialEq for GraphViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.data, &other.data)
            && self.resolved == other.resolved
            && self.visible == other.visible
            && self.paths == other.paths
            && self.year == other.year
            && self.layout == other.layout
            && self.route == other.route
            && self.frame == other.frame
            && self.controls == other.controls
    }
}

/// The organisation a radial layout turns around: the selection, else the partner whose
/// network is shown, else the most linked organisation.
fn radial_centre(props: &GraphViewProps) -> OrgIx {
    let m = &props.data.model;
    match props.resolved {
        Resolved::Org(o) => o,
        Resolved::Link(l) => m.links[l].from,
        _ => props.route.focus.as_ref().and_then(|(id, _)| m.org_by_id(id)).unwrap_or_else(|| {
            (0..m.organizations.len()).max_by_key(|o| (props.data.graph.link_degree(*o), usize::MAX - o)).unwrap_or(0)
        }),
    }
}

fn layout_positions(data: &Dataset, layout: LayoutKind, centre: OrgIx) -> Vec<Point> {
    match layout {
        LayoutKind::Force => data.positions(),
        LayoutKind::Radial => radial_layout(&data.model, &data.graph, centre, &RadialSettings::default()),
        LayoutKind::Grouped => grouped_layout(&data.model, &data.graph, &GroupedSettings::default()),
    }
}

#[component]
pub fn GraphView(props: &GraphViewProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let canvas_ref = use_node_ref();
    let handles_ref = use_node_ref();
    let viewer: Shared = use_mut_ref(|| None);
    let frames: Rc<FrameLoop> = {
        let viewer = viewer.clone();
        (*use_memo(Rc::as_ptr(&props.data) as usize, |_| FrameLoop::new(viewer, props.data.clone()))).clone()
    };
    // On a large graph, the organisations that have a handle now (the frame loop keeps it in step).
    let handle_orgs = use_state(Vec::<OrgIx>::new);
    *frames.on_handles.borrow_mut() = {
        let handle_orgs = handle_orgs.setter();
        Callback::from(move |orgs| handle_orgs.set(orgs))
    };
    // A node reached with the arrow keys that had no handle yet: focused once it has one.
    let pending_focus = use_state(|| None::<OrgIx>);
    // Event listeners live across renders; they read the latest callbacks through these cells.
    let on_select = use_mut_ref(|| props.on_select.clone());
    *on_select.borrow_mut() = props.on_select.clone();
    let on_drawn = use_mut_ref(|| props.on_drawn.clone());
    *on_drawn.borrow_mut() = props.on_drawn.clone();

    {
        let (canvas_ref, handles_ref, viewer, data, frames) =
            (canvas_ref.clone(), handles_ref.clone(), viewer.clone(), props.data.clone(), frames.clone());
        let (on_select, on_drawn) = (on_select.clone(), on_drawn.clone());
        let initial = (props.visible.clone(), props.paths.clone(), props.year, lang);
        // The projector theme: larger type, and nothing drawn below 3:1 against the background.
        // A presentation's names are 24 px on a 1080-pixel-high screen, and scale with it.
        let contrast = use_context::<Rc<Config>>().is_some_and(|c| c.theme == Theme::Contrast) || props.frame.is_some();
        let presenting = props.frame.is_some();
        let type_scale = if presenting {
            let height = browser::window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(1080.0);
            (24.0 / 13.0 * height / 1080.0).max(1.35)
        } else if contrast {
            1.35
        } else {
            1.0
        };
        let first_frame = props.frame.clone();
        use_effect_with(Rc::as_ptr(&props.data) as usize, move |_| {
            let canvas: Option<HtmlCanvasElement> = canvas_ref.cast();
            let handles: Option<HtmlElement> = handles_ref.cast();
            let mut cleanup: Option<Attached> = None;
            if let (Some(canvas), Some(handles)) = (canvas, handles) {
                let mut created = Viewer::new(data.clone(), canvas.clone(), handles);
                if let Some(v) = created.as_mut() {
                    (v.visible, v.paths, v.year, v.lang) = initial;
                    v.set_look(type_scale, contrast);
                    if let Some(frame) = &first_frame {
                        v.set_initial_frame(frame.to_vec());
                    }
                }
                *viewer.borrow_mut() = created;
                let on_drawn = on_drawn.clone();
                *frames.on_painted.borrow_mut() = Some(Callback::from(move |_| on_drawn.borrow().emit(())));
                let listeners = attach_pointer_listeners(&canvas, &viewer, &frames, &data, &on_select);
                let observer_viewer = viewer.clone();
                let resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() else { return };
                    let rect = entry.content_rect();
                    if let Some(v) = observer_viewer.borrow_mut().as_mut() {
                        v.resize(rect.width(), rect.height());
                    }
                    // Paints (the first picture too), follows the layout, and rebuilds the
                    // keyboard layer for the new size.
                    frames.request();
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

    // Selection, filters, paths and year: repaint with the new highlights.
    {
        let viewer = viewer.clone();
        let deps =
            (Rc::as_ptr(&props.data) as usize, props.resolved, props.visible.clone(), props.paths.clone(), props.year);
        use_effect_with(deps, move |(_, resolved, visible, paths, year)| {
            if let Some(v) = viewer.borrow_mut().as_mut() {
                v.focus = v.data.focus(*resolved, v.focus.hovered);
                (v.visible, v.paths, v.year, v.lang) = (visible.clone(), paths.clone(), *year, lang);
                if let Resolved::Org(org) = resolved {
                    v.reveal(*org);
                }
                v.draw();
            }
        });
    }

    // A story step frames its organisations: the camera glides there (jumps under reduced motion).
    {
        let (viewer, frames) = (viewer.clone(), frames.clone());
        use_effect_with(props.frame.clone(), move |frame| {
            if let (Some(frame), Some(v)) = (frame, viewer.borrow_mut().as_mut()) {
                if v.is_sized() {
                    v.glide_to(frame, !browser::prefers_reduced_motion(), browser::now());
                    frames.request();
                }
            }
        });
    }

    // A partner's own network: frame it when it changes.
    {
        let viewer = viewer.clone();
        use_effect_with(props.route.focus.clone(), move |_| {
            if let Some(v) = viewer.borrow_mut().as_mut() {
                if v.is_sized() {
                    v.fit();
                }
            }
        });
    }

    // Layout changes glide (or jump, for users who ask for reduced motion).
    {
        let (viewer, frames, data) = (viewer.clone(), frames.clone(), props.data.clone());
        let centre = if props.layout == LayoutKind::Radial { radial_centre(props) } else { 0 };
        use_effect_with((Rc::as_ptr(&props.data) as usize, props.layout, centre), move |(_, layout, centre)| {
            frames.follows_force.set(*layout == LayoutKind::Force);
            if let Some(v) = viewer.borrow_mut().as_mut() {
                v.show_regions = *layout == LayoutKind::Force;
            }
            let target = layout_positions(&data, *layout, *centre);
            let now = browser::now();
            let animate = !browser::prefers_reduced_motion();
            let sized = viewer.borrow().as_ref().is_some_and(|v| v.is_sized());
            if sized {
                let more = viewer.borrow_mut().as_mut().is_some_and(|v| v.move_to_layout(target, animate, now));
                if more {
                    frames.request();
                }
            } else if *layout != LayoutKind::Force {
                if let Some(v) = viewer.borrow_mut().as_mut() {
                    v.move_to_layout(target, false, now);
                }
            }
        });
    }

    // One node is the graph's Tab stop (roving tabindex): the selection, else the last node
    // focused, else the most linked. Arrow keys then move between nodes.
    let most_linked = {
        let g = &props.data.graph;
        (0..g.node_count())
            .filter(|o| props.visible.orgs[*o])
            .max_by_key(|o| (g.link_degree(*o), usize::MAX - o))
            .unwrap_or(0)
    };
    let roving = use_state(|| None::<OrgIx>);
    let stop = match props.resolved {
        Resolved::Org(o) if props.visible.orgs[o] => o,
        _ => roving.filter(|o| props.visible.orgs[*o]).unwrap_or(most_linked),
    };
    let selected_org = match props.resolved {
        Resolved::Org(o) => Some(o),
        _ => None,
    };
    *frames.always.borrow_mut() = [Some(stop), selected_org, *pending_focus].into_iter().flatten().collect();
    // Every organisation has its handle on a small graph; a large one has those the frame loop chose.
    let every_org = props.visible.org_count() <= MAX_HANDLES;
    let org_count = props.data.model.organizations.len();
    let handled: Vec<OrgIx> = if org_count <= MAX_HANDLES {
        (0..org_count).collect()
    } else if every_org {
        (0..org_count).filter(|o| props.visible.orgs[*o]).collect()
    } else {
        with_handles(handle_orgs.to_vec(), frames.always.borrow().iter().copied())
    };
    {
        let (handles_ref, pending_focus) = (handles_ref.clone(), pending_focus.clone());
        use_effect_with(*pending_focus, move |pending| {
            if let Some(org) = pending {
                if let Some(el) = handle_of(&handles_ref, *org) {
                    let _ = el.focus();
                }
                pending_focus.set(None);
            }
        });
    }
    let on_handle_key = {
        let (viewer, handles_ref, visible, pending_focus) =
            (viewer.clone(), handles_ref.clone(), props.visible.clone(), pending_focus.clone());
        Callback::from(move |(e, from): (KeyboardEvent, OrgIx)| {
            let direction = match e.key().as_str() {
                "ArrowRight" => (1.0, 0.0),
                "ArrowLeft" => (-1.0, 0.0),
                "ArrowUp" => (0.0, -1.0),
                "ArrowDown" => (0.0, 1.0),
                _ => return,
            };
            e.prevent_default();
            let points = viewer.borrow().as_ref().map(|v| v.screen_positions()).unwrap_or_default();
            if points.is_empty() {
                return;
            }
            if let Some(to) = nearest_in_direction(&points, &visible.orgs, from, direction) {
                match handle_of(&handles_ref, to) {
                    Some(el) => drop(el.focus()),
                    None => pending_focus.set(Some(to)),
                }
            }
        })
    };

    let with_viewer = |f: fn(&mut Viewer)| {
        let (viewer, frames) = (viewer.clone(), frames.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(v) = viewer.borrow_mut().as_mut() {
                f(v);
            }
            // The keyboard layer follows the new view.
            frames.request();
        })
    };
    let export = |png: bool| {
        let viewer = viewer.clone();
        Callback::from(move |_: MouseEvent| {
            let date = lang.date(browser::today());
            let Some((svg, width)) = viewer.borrow().as_ref().and_then(|v| v.picture_svg(&date)) else { return };
            let name = lang.texts().image_file;
            if png {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = browser::download_svg_as_png(format!("{name}.png"), svg, width).await;
                });
            } else {
                browser::download_text(&format!("{name}.svg"), &svg, "image/svg+xml");
            }
        })
    };
    let model = &props.data.model;
    let handles = handled.iter().map(|&ix| {
        let org = &model.organizations[ix];
        let links = props.data.graph.link_degree(ix);
        let shown_name = node_label(model, ix, props.year);
        let name = if shown_name != org.label() { format!("{shown_name} — {}", org.name) } else { org.name.clone() };
        let label = format!("{name} ({}, {})", lang.org_kind(org.kind), lang.count(links, t.link_one, t.link_many));
        let onclick = {
            let (cb, id) = (props.on_select.clone(), org.id.clone());
            Callback::from(move |_: MouseEvent| cb.emit(Selection::Org(id.clone())))
        };
        let onfocus = {
            let (hover, roving) = (hover_callback(&viewer, Some(ix)), roving.clone());
            Callback::from(move |e: FocusEvent| {
                roving.set(Some(ix));
                hover.emit(e);
            })
        };
        let onblur = hover_callback(&viewer, None);
        let onkeydown = on_handle_key.reform(move |e: KeyboardEvent| (e, ix));
        html! {
            <button key={org.id.clone()} type="button" class="node-handle" data-org={org.id.clone()} data-ix={ix.to_string()}
                hidden={!props.visible.orgs[ix]} tabindex={if ix == stop { "0" } else { "-1" }}
                aria-label={label} aria-current={(selected_org == Some(ix)).then_some("true")}
                {onclick} {onfocus} {onblur} {onkeydown}></button>
        }
    });
    let handles_label = if every_org {
        t.handles_label.to_string()
    } else {
        fill(t.handles_partial, &[("count", &handled.len().to_string())])
    };
    let summary = fill(
        t.graph_summary,
        &[
            ("orgs", &lang.count(props.visible.org_count(), t.org_one, t.org_many)),
            ("links", &lang.count(props.visible.link_count(), t.link_one, t.link_many)),
        ],
    );
    html! {
        <div class="graph-view">
            <div class="graph-stage">
                <canvas ref={canvas_ref} class="graph-canvas" role="img" aria-label={summary}></canvas>
                <div ref={handles_ref} class="node-handles" role="group" aria-label={handles_label}>
                    { for handles }
                </div>
                if props.controls {
                    <div role="group" aria-label={t.export_group} class="map-buttons export-buttons">
                        <button type="button" onclick={export(true)} aria-label={t.export_png}>{"PNG"}</button>
                        <button type="button" onclick={export(false)} aria-label={t.export_svg}>{"SVG"}</button>
                    </div>
                    <div role="group" aria-label={t.zoom_group} class="map-buttons zoom-buttons">
                        <button type="button" onclick={with_viewer(|v| v.zoom_by(1.3))} aria-label={t.zoom_in}>{"+"}</button>
                        <button type="button" onclick={with_viewer(|v| v.zoom_by(1.0 / 1.3))} aria-label={t.zoom_out}>{"−"}</button>
                        <button type="button" onclick={with_viewer(|v| v.fit())} aria-label={t.fit_title}>{ t.fit }</button>
                    </div>
                }
            </div>
        </div>
    }
}

/// The handle of an organisation, if it has one now.
fn handle_of(handles: &NodeRef, org: OrgIx) -> Option<HtmlElement> {
    let handles = handles.cast::<HtmlElement>()?;
    handles.query_selector(&format!("[data-ix=\"{org}\"]")).ok()??.dyn_into::<HtmlElement>().ok()
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
    frames: &Rc<FrameLoop>,
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

    let (c, v, f) = (canvas.clone(), viewer.clone(), frames.clone());
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
            v.invalidate_hover();
        }
        // One paint per frame, however many events arrive in it.
        f.request();
    }));

    let (c, v, d, s, f) = (canvas.clone(), viewer.clone(), data.clone(), on_select.clone(), frames.clone());
    listeners.push(EventListener::new(canvas, "pointerup", move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else { return };
        let hit = v.borrow_mut().as_mut().and_then(|v| v.pointer_up(e.pointer_id(), local_point(&c, e)));
        // The keyboard layer follows the view once a gesture ends.
        f.request();
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

    let (c, v, f) = (canvas.clone(), viewer.clone(), frames.clone());
    listeners.push(EventListener::new_with_options(canvas, "wheel", active, move |e| {
        let Some(e) = e.dyn_ref::<WheelEvent>() else { return };
        e.prevent_default();
        // Line-based wheels (Firefox) report lines, not pixels.
        let scale = if e.delta_mode() == 1 { 16.0 } else { 1.0 };
        if let Some(v) = v.borrow_mut().as_mut() {
            v.wheel(local_point(&c, e), e.delta_y() * scale);
        }
        f.request();
    }));
    listeners
}
