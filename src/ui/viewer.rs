//! The graph canvas controller: camera, gestures (pan, pinch, wheel, node drag), hit-testing,
//! painting, and the placement of the focusable handles over the nodes. Imperative on purpose:
//! a pan or zoom repaints the canvas without any Yew re-render.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

use crate::core::dataset::Dataset;
use crate::core::layout::{orient_to, Point};
use crate::core::model::OrgIx;
use crate::core::scene::{build_scene, bundle_at, node_at, Camera, Focus, Scene, SceneInput, SceneSettings};
use crate::render;
use petgraph::graph::EdgeIndex;

/// Screen distance under which a press and release count as a click, not a drag.
const CLICK_SLOP: f64 = 5.0;
const FIT_MARGIN: f64 = 48.0;

/// What a click landed on.
pub enum Hit {
    Org(OrgIx),
    Bundle(EdgeIndex),
    Nothing,
}

enum Gesture {
    Idle,
    Pan { start: Point, last: Point },
    DragNode { org: OrgIx, start: Point, moved: bool },
    Pinch { distance: f64, middle: Point },
}

pub struct Viewer {
    pub data: Rc<Dataset>,
    /// Start from the layout; a dragged node keeps where it was dropped.
    positions: Vec<Point>,
    camera: Option<Camera>,
    pub focus: Focus,
    scene: Scene,
    settings: SceneSettings,
    pointers: Vec<(i32, Point)>,
    gesture: Gesture,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    handles: HtmlElement,
}

impl Viewer {
    pub fn new(data: Rc<Dataset>, canvas: HtmlCanvasElement, handles: HtmlElement) -> Option<Viewer> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        Some(Viewer {
            positions: data.positions.clone(),
            data,
            camera: None,
            focus: Focus::default(),
            scene: Scene::default(),
            settings: SceneSettings::default(),
            pointers: Vec::new(),
            gesture: Gesture::Idle,
            canvas,
            ctx,
            handles,
        })
    }

    /// Follows the element's CSS size; the first size fits the whole graph in view.
    pub fn resize(&mut self, width: f64, height: f64) {
        if width < 1.0 || height < 1.0 {
            return;
        }
        let dpr = crate::ui::browser::window().device_pixel_ratio().max(1.0);
        self.canvas.set_width((width * dpr).round() as u32);
        self.canvas.set_height((height * dpr).round() as u32);
        match &mut self.camera {
            Some(camera) => {
                camera.width = width;
                camera.height = height;
            }
            None => {
                orient_to(&mut self.positions, width, height);
                self.camera = Some(Camera::fit(&self.positions, width, height, FIT_MARGIN));
            }
        }
        self.draw();
    }

    pub fn is_sized(&self) -> bool {
        self.camera.is_some()
    }

    pub fn draw(&mut self) {
        let Some(camera) = self.camera else { return };
        let ctx = self.ctx.clone();
        let measure = move |text: &str, size: f64| render::measure_text(&ctx, text, size);
        self.scene = build_scene(
            &SceneInput {
                model: &self.data.model,
                graph: &self.data.graph,
                positions: &self.positions,
                camera: &camera,
                focus: &self.focus,
                settings: &self.settings,
            },
            &measure,
        );
        let dpr = self.canvas.width() as f64 / camera.width;
        render::paint(&self.ctx, &self.scene, camera.width, camera.height, dpr, self.settings.font_size, self.settings.badge_font_size);
        self.place_handles(&camera);
    }

    /// Puts each focusable handle over its node (children of the handle layer follow model order).
    fn place_handles(&self, camera: &Camera) {
        let children = self.handles.children();
        for org in 0..self.positions.len() {
            let Some(el) = children.item(org as u32).and_then(|e| e.dyn_into::<HtmlElement>().ok()) else { continue };
            let centre = camera.to_screen(self.positions[org]);
            let r = crate::core::scene::node_radius(self.data.graph.link_degree(org), camera.zoom) + 4.0;
            let style = el.style();
            let _ = style.set_property("width", &format!("{}px", 2.0 * r));
            let _ = style.set_property("height", &format!("{}px", 2.0 * r));
            let _ = style.set_property("transform", &format!("translate({:.1}px, {:.1}px)", centre.x - r, centre.y - r));
        }
    }

    pub fn zoom_by(&mut self, factor: f64) {
        if let Some(camera) = &mut self.camera {
            let middle = Point::new(camera.width / 2.0, camera.height / 2.0);
            camera.zoom_at(middle, factor);
        }
        self.draw();
    }

    pub fn fit(&mut self) {
        if let Some(camera) = self.camera {
            self.camera = Some(Camera::fit(&self.positions, camera.width, camera.height, FIT_MARGIN));
        }
        self.draw();
    }

    /// Brings an organisation into view if it is outside it (or too near the edge).
    pub fn reveal(&mut self, org: OrgIx) {
        let Some(camera) = &mut self.camera else { return };
        let p = camera.to_screen(self.positions[org]);
        let margin = 60.0;
        if p.x < margin || p.y < margin || p.x > camera.width - margin || p.y > camera.height - margin {
            camera.centre = self.positions[org];
        }
    }

    pub fn wheel(&mut self, at: Point, delta_y: f64) {
        if let Some(camera) = &mut self.camera {
            camera.zoom_at(at, (-delta_y * 0.0015).exp());
        }
        self.draw();
    }

    pub fn pointer_down(&mut self, id: i32, at: Point, touch: bool) {
        self.settings.hit_slop = if touch { 12.0 } else { 4.0 };
        self.pointers.retain(|(p, _)| *p != id);
        self.pointers.push((id, at));
        self.gesture = match self.pointers.as_slice() {
            [(_, a), (_, b)] => Gesture::Pinch { distance: a.distance(*b).max(1.0), middle: midpoint(*a, *b) },
            [_] => match node_at(&self.scene, at, &self.settings) {
                Some(org) => Gesture::DragNode { org, start: at, moved: false },
                None => Gesture::Pan { start: at, last: at },
            },
            _ => Gesture::Idle,
        };
    }

    /// Returns the organisation under the pointer when nothing is pressed (for hover).
    pub fn pointer_move(&mut self, id: i32, at: Point) -> Option<OrgIx> {
        if let Some(slot) = self.pointers.iter_mut().find(|(p, _)| *p == id) {
            slot.1 = at;
        }
        let Some(camera) = &mut self.camera else { return None };
        match &mut self.gesture {
            Gesture::Idle => return node_at(&self.scene, at, &self.settings),
            Gesture::Pan { last, .. } => {
                camera.pan_by(at.x - last.x, at.y - last.y);
                *last = at;
            }
            Gesture::DragNode { org, start, moved } => {
                if *moved || start.distance(at) > CLICK_SLOP {
                    *moved = true;
                    self.positions[*org] = camera.to_world(at);
                }
            }
            Gesture::Pinch { distance, middle } => {
                if let [(_, a), (_, b)] = self.pointers.as_slice() {
                    let (d, m) = (a.distance(*b).max(1.0), midpoint(*a, *b));
                    camera.pan_by(m.x - middle.x, m.y - middle.y);
                    camera.zoom_at(m, d / *distance);
                    *distance = d;
                    *middle = m;
                }
            }
        }
        self.draw();
        None
    }

    /// Ends a gesture; a press released where it started is a click on whatever is there.
    pub fn pointer_up(&mut self, id: i32, at: Point) -> Option<Hit> {
        self.pointers.retain(|(p, _)| *p != id);
        let gesture = std::mem::replace(&mut self.gesture, Gesture::Idle);
        // Lifting one finger of a pinch leaves the other one panning.
        if let [(_, rest)] = self.pointers.as_slice() {
            self.gesture = Gesture::Pan { start: *rest, last: *rest };
            return None;
        }
        match gesture {
            Gesture::DragNode { org, moved: false, .. } => Some(Hit::Org(org)),
            Gesture::DragNode { moved: true, .. } => None,
            Gesture::Pan { start, .. } if start.distance(at) <= CLICK_SLOP => {
                Some(bundle_at(&self.scene, at, &self.settings).map_or(Hit::Nothing, Hit::Bundle))
            }
            _ => None,
        }
    }

    pub fn pointer_cancel(&mut self, id: i32) {
        self.pointers.retain(|(p, _)| *p != id);
        self.gesture = Gesture::Idle;
    }

    /// Whether something clickable is under the pointer (for the cursor shape).
    pub fn clickable_at(&self, at: Point) -> bool {
        node_at(&self.scene, at, &self.settings).is_some() || bundle_at(&self.scene, at, &self.settings).is_some()
    }
}

fn midpoint(a: Point, b: Point) -> Point {
    Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}
