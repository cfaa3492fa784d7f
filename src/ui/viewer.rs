//! The graph canvas controller: camera, gestures (pan, pinch, wheel, node drag), hit-testing,
//! painting, and the placement of the focusable handles over the nodes. Imperative on purpose:
//! a pan or zoom repaints the canvas without any Yew re-render.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

use crate::core::dataset::Dataset;
use crate::core::i18n::Lang;
use crate::core::layout::{orient_to, Point};
use crate::core::model::OrgIx;
use crate::core::query::Visible;
use crate::core::scene::{build_scene, bundle_at, node_at, Camera, Focus, Scene, SceneInput, SceneSettings};
use crate::render;
use petgraph::graph::EdgeIndex;

/// Screen distance under which a press and release count as a click, not a drag.
const CLICK_SLOP: f64 = 5.0;
const FIT_MARGIN: f64 = 48.0;
/// Length of a layout transition, in milliseconds.
const TRANSITION_MS: f64 = 450.0;

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

/// Nodes gliding from one layout to another.
struct Transition {
    from: Vec<Point>,
    to: Vec<Point>,
    start: f64,
}

pub struct Viewer {
    pub data: Rc<Dataset>,
    /// Start from the layout; a dragged node is pinned where it was dropped.
    positions: Vec<Point>,
    pinned: Vec<bool>,
    transition: Option<Transition>,
    initial_frame: Vec<OrgIx>,
    pub visible: Rc<Visible>,
    pub paths: Rc<Vec<Vec<OrgIx>>>,
    pub year: Option<i32>,
    pub lang: Lang,
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
            pinned: vec![false; data.positions.len()],
            transition: None,
            initial_frame: Vec::new(),
            visible: Rc::new(Visible::all(&data.model)),
            paths: Rc::new(Vec::new()),
            year: None,
            lang: Lang::Fr,
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
    /// What `resize` frames first (a story step's organisations), instead of everything.
    pub fn set_initial_frame(&mut self, orgs: Vec<OrgIx>) {
        self.initial_frame = orgs;
    }

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
                if !self.initial_frame.is_empty() {
                    let frame = std::mem::take(&mut self.initial_frame);
                    return self.fit_to(&frame);
                }
            }
        }
        self.draw();
    }

    /// The current view as an SVG picture with title, legend and source line.
    pub fn picture_svg(&self, date: &str) -> Option<(String, f64)> {
        let camera = self.camera?;
        let frame = crate::core::svg::Frame { model: &self.data.model, width: camera.width, height: camera.height, lang: self.lang, date };
        Some((crate::core::svg::picture(&self.scene, &frame), camera.width))
    }

    /// Where each organisation is on screen now (for arrow-key moves between nodes).
    pub fn screen_positions(&self) -> Vec<Point> {
        match self.camera {
            Some(camera) => self.positions.iter().map(|p| camera.to_screen(*p)).collect(),
            None => self.positions.clone(),
        }
    }

    /// Larger labels for the high-contrast theme (projectors).
    pub fn set_large_type(&mut self, large: bool) {
        let defaults = SceneSettings::default();
        let scale = if large { 1.35 } else { 1.0 };
        self.settings.font_size = defaults.font_size * scale;
        self.settings.badge_font_size = defaults.badge_font_size * scale;
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
                visible: &self.visible,
                year: self.year,
                paths: &self.paths,
                lang: self.lang,
            },
            &measure,
        );
        let dpr = self.canvas.width() as f64 / camera.width;
        render::paint(&self.ctx, &self.scene, camera.width, camera.height, dpr, self.settings.font_size, self.settings.badge_font_size);
        self.place_handles(&camera);
    }

    /// Moves the nodes to a new layout (pinned nodes stay), gliding there unless `animate` is off,
    /// then fits the view. Returns whether frames must follow (`tick`).
    pub fn move_to_layout(&mut self, mut target: Vec<Point>, animate: bool, now: f64) -> bool {
        let Some(camera) = self.camera else {
            self.positions = target;
            return false;
        };
        orient_to(&mut target, camera.width, camera.height);
        for (i, p) in target.iter_mut().enumerate() {
            if self.pinned[i] {
                *p = self.positions[i];
            }
        }
        self.camera = Some(Camera::fit(&target, camera.width, camera.height, FIT_MARGIN));
        if animate {
            self.transition = Some(Transition { from: self.positions.clone(), to: target, start: now });
        } else {
            self.positions = target;
            self.transition = None;
        }
        self.draw();
        animate
    }

    /// Advances a running transition; returns whether more frames are needed.
    pub fn tick(&mut self, now: f64) -> bool {
        let Some(t) = &self.transition else { return false };
        let progress = ((now - t.start) / TRANSITION_MS).clamp(0.0, 1.0);
        // Ease in and out, so that nodes neither jump nor stop abruptly.
        let k = progress * progress * (3.0 - 2.0 * progress);
        self.positions = t.from.iter().zip(&t.to).map(|(a, b)| Point::new(a.x + (b.x - a.x) * k, a.y + (b.y - a.y) * k)).collect();
        if progress >= 1.0 {
            self.transition = None;
        }
        self.draw();
        self.transition.is_some()
    }

    /// Puts each focusable handle over its node (children of the handle layer follow model order).
    fn place_handles(&self, camera: &Camera) {
        let children = self.handles.children();
        for org in 0..self.positions.len() {
            let Some(el) = children.item(org as u32).and_then(|e| e.dyn_into::<HtmlElement>().ok()) else { continue };
            if !self.visible.orgs[org] {
                continue;
            }
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

    /// Frames the given organisations (a story step's), or everything when none is given.
    pub fn fit_to(&mut self, orgs: &[OrgIx]) {
        if orgs.is_empty() {
            return self.fit();
        }
        if let Some(camera) = self.camera {
            let points: Vec<Point> = orgs.iter().map(|o| self.positions[*o]).collect();
            let mut framed = Camera::fit(&points, camera.width, camera.height, FIT_MARGIN * 2.5);
            // Never zoom in so far that a lone organisation fills the screen.
            framed.zoom = framed.zoom.min(1.6);
            self.camera = Some(framed);
        }
        self.draw();
    }

    /// Fits the organisations the filters keep (all of them when none is kept).
    pub fn fit(&mut self) {
        if let Some(camera) = self.camera {
            let shown: Vec<Point> =
                self.positions.iter().zip(&self.visible.orgs).filter(|(_, v)| **v).map(|(p, _)| *p).collect();
            let points = if shown.is_empty() { &self.positions } else { &shown };
            self.camera = Some(Camera::fit(points, camera.width, camera.height, FIT_MARGIN));
        }
        self.draw();
    }

    /// Centres the view on an organisation unless it already sits in the middle half of the
    /// view, so that a chosen search result lands in the centre but a click does not jolt.
    pub fn reveal(&mut self, org: OrgIx) {
        let Some(camera) = &mut self.camera else { return };
        let p = camera.to_screen(self.positions[org]);
        let (mx, my) = (camera.width / 4.0, camera.height / 4.0);
        if p.x < mx || p.y < my || p.x > camera.width - mx || p.y > camera.height - my {
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
                    self.pinned[*org] = true;
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
