//! The graph canvas controller: camera, gestures (pan, pinch, wheel, node drag), hit-testing,
//! painting, and the placement of the focusable handles over the nodes. Imperative on purpose:
//! a pan or zoom repaints the canvas without any Yew re-render.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

use crate::core::dataset::Dataset;
use crate::core::i18n::Lang;
use crate::core::layout::{orient_to, quarter_turn, Point};
use crate::core::math;
use crate::core::model::OrgIx;
use crate::core::query::Visible;
use crate::core::scene::{
    build_scene, bundle_at, node_at, Camera, EdgeStyles, Focus, Scene, SceneInput, SceneSettings,
};
use crate::render;
use petgraph::graph::EdgeIndex;

/// Screen distance under which a press and release count as a click, not a drag.
const CLICK_SLOP: f64 = 5.0;
const FIT_MARGIN: f64 = 48.0;
/// Length of a layout transition, in milliseconds.
const TRANSITION_MS: f64 = 450.0;
/// Length of the camera's glide from one story step to the next, in milliseconds.
const GLIDE_MS: f64 = 700.0;
/// Up to this many organisations shown, each has its focusable handle; above, only the most
/// linked of those on screen do (plus the graph's Tab stop), so that a large network does not
/// put thousands of buttons in the page. Search and the table reach every organisation.
pub const MAX_HANDLES: usize = 200;

/// After the last pan or zoom step, a moved snapshot gives way to a full paint this much later.
const SETTLE_MS: f64 = 120.0;
/// Text measuring a draft may spend before the remaining widths are estimated (see `build`).
const MEASURE_MS: f64 = 4.0;

/// What the next frame must paint, least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    Nothing,
    /// The scene is built (`build_ahead`): it is painted as it is.
    Paint,
    /// The pointer's organisation changed: on a crowded picture, only its highlight is redrawn.
    Hover,
    /// The view moved: on a crowded picture, the last paint is moved until the gesture rests.
    Motion,
    Everything,
}

/// The last full paint of a crowded picture (without the pointer's highlight), and the camera
/// it was painted with. Panning and zooming move it; hovering draws over it.
struct Snapshot {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    camera: Camera,
}

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
    /// The camera gliding to a story step's organisations: from, to, start time.
    glide: Option<(Camera, Camera, f64)>,
    initial_frame: Vec<OrgIx>,
    pub visible: Rc<Visible>,
    pub paths: Rc<Vec<Vec<OrgIx>>>,
    pub year: Option<i32>,
    pub lang: Lang,
    /// The projector theme: nothing drawn see-through (`render::Look`).
    contrast: bool,
    camera: Option<Camera>,
    pub focus: Focus,
    scene: Scene,
    settings: SceneSettings,
    pointers: Vec<(i32, Point)>,
    gesture: Gesture,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    handles: HtmlElement,
    /// The bundles' strokes for the current filter (keyed by the filter's address).
    styles: Option<(*const Visible, EdgeStyles)>,
    /// Whether the communities are drawn as regions from afar (the force layout only).
    pub show_regions: bool,
    /// Full paints so far (a frame that painted nothing readies strokes instead).
    paints: u32,
    /// Text widths already measured, by font size and text: measuring is the costly part of
    /// placing labels on a large graph.
    widths: Rc<RefCell<HashMap<(u64, String), f64>>>,
    /// The last scene placed some labels on estimated widths (see `build`).
    estimated: bool,
    /// The positions are a layout still refining (repainted from scratch every few frames).
    pub refining: bool,
    /// Whether the user has moved the view; until then a refining layout stays framed.
    camera_moved: bool,
    /// Whether the force layout was given a quarter turn to fit the screen (kept while it refines).
    quarter_turn: bool,
    /// What changed since the last paint (painted on the next animation frame).
    pending: Pending,
    snapshot: Option<Snapshot>,
    /// The screen shows a moved snapshot, to be replaced by a full paint once the view rests.
    moved_snapshot: bool,
    last_motion: f64,
}

impl Viewer {
    pub fn new(data: Rc<Dataset>, canvas: HtmlCanvasElement, handles: HtmlElement) -> Option<Viewer> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        let positions = data.positions();
        let refining = !data.layout_settled();
        Some(Viewer {
            pinned: vec![false; positions.len()],
            positions,
            transition: None,
            glide: None,
            initial_frame: Vec::new(),
            visible: Rc::new(Visible::all(&data.model)),
            paths: Rc::new(Vec::new()),
            year: None,
            lang: Lang::Fr,
            contrast: false,
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
            styles: None,
            show_regions: true,
            paints: 0,
            widths: Rc::new(RefCell::new(HashMap::new())),
            estimated: false,
            refining,
            camera_moved: false,
            quarter_turn: false,
            pending: Pending::Nothing,
            snapshot: None,
            moved_snapshot: false,
            last_motion: 0.0,
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
        self.canvas.set_width(math::round(width * dpr) as u32);
        self.canvas.set_height(math::round(height * dpr) as u32);
        match &mut self.camera {
            Some(camera) => {
                camera.width = width;
                camera.height = height;
            }
            None => {
                self.quarter_turn = orient_to(&mut self.positions, width, height);
                self.camera = Some(Camera::fit(&self.positions, width, height, FIT_MARGIN));
                if !self.initial_frame.is_empty() {
                    let frame = std::mem::take(&mut self.initial_frame);
                    self.frame_on(&frame);
                }
                // The first picture comes with the next frame, in a task of its own rather than
                // in the one that lays out the page around it, which readies the canvas.
                render::warm_up(&self.ctx);
                return self.invalidate();
            }
        }
        self.draw();
    }

    /// Whether a picture has been painted yet.
    pub fn painted(&self) -> bool {
        self.paints > 0
    }

    /// The current view as an SVG picture with title, legend and source line.
    pub fn picture_svg(&self, date: &str) -> Option<(String, f64)> {
        let camera = self.camera?;
        let frame = crate::core::svg::Frame {
            model: &self.data.model,
            width: camera.width,
            height: camera.height,
            lang: self.lang,
            date,
            loaded_from: self.data.loaded_from.as_deref(),
        };
        Some((crate::core::svg::picture(&self.scene, &frame), camera.width))
    }

    /// Where each organisation is on screen now (for arrow-key moves between nodes).
    pub fn screen_positions(&self) -> Vec<Point> {
        match self.camera {
            Some(camera) => self.positions.iter().map(|p| camera.to_screen(*p)).collect(),
            None => self.positions.clone(),
        }
    }

    /// Type `scale`d (projectors, presentations) and the projector theme's `contrast`.
    pub fn set_look(&mut self, scale: f64, contrast: bool) {
        self.widths.borrow_mut().clear();
        let defaults = SceneSettings::default();
        self.settings.font_size = defaults.font_size * scale;
        self.settings.badge_font_size = defaults.badge_font_size * scale;
        self.contrast = contrast;
    }

    fn look(&self) -> render::Look {
        render::Look {
            font_size: self.settings.font_size,
            badge_font_size: self.settings.badge_font_size,
            contrast: self.contrast,
        }
    }

    /// Whether no gesture is under way (the keyboard layer is rebuilt only then).
    pub fn is_idle(&self) -> bool {
        matches!(self.gesture, Gesture::Idle)
    }

    pub fn is_sized(&self) -> bool {
        self.camera.is_some()
    }

    /// Paints everything now. Gestures call `invalidate…` instead, and the next animation
    /// frame paints once.
    pub fn draw(&mut self) {
        // Unsized, it paints nothing: the first picture comes with the size.
        let Some(camera) = self.camera else { return };
        // A crowded picture is painted without the pointer's highlight, kept, and the highlight
        // drawn over it: moving the pointer then repaints only the highlight.
        let (hovered, crowded) = (self.focus.hovered, self.scene.dense);
        if crowded {
            self.focus.hovered = None;
        }
        self.build_for_paint(camera);
        self.paint_built(camera);
        self.focus.hovered = hovered;
        if crowded && hovered.is_some() && self.snapshot.is_some() {
            self.draw_hover();
        }
    }

    /// Builds a large network's first picture (its layout still forming) without painting it,
    /// unless the pointer is on it: the next frame paints it (`Pending::Paint`), and neither
    /// frame is a long task.
    pub fn build_ahead(&mut self) -> bool {
        let due = self.refining && self.pending == Pending::Everything && self.focus.hovered.is_none();
        let Some(camera) = self.camera.filter(|_| due) else { return false };
        self.build_for_paint(camera);
        self.pending = Pending::Paint;
        true
    }

    /// How many pictures were painted in full so far.
    pub fn paint_count(&self) -> u32 {
        self.paints
    }

    fn build_for_paint(&mut self, camera: Camera) {
        // A picture about to change again (a layout refining, a transition gliding) is a draft.
        let moving = self.refining || self.transition.is_some();
        self.settings.draft = moving;
        self.build(camera);
    }

    /// Paints the scene built.
    fn paint_built(&mut self, camera: Camera) {
        self.pending = Pending::Nothing;
        self.paints += 1;
        self.moved_snapshot = false;
        let dpr = self.canvas.width() as f64 / camera.width;
        render::paint(&self.ctx, &self.scene, camera.width, camera.height, dpr, self.look());
        // No snapshot of a picture about to change: copying costs a few ms.
        let moving = self.settings.draft;
        self.snapshot = if self.scene.dense && !moving { self.take_snapshot(camera) } else { None };
        // The keyboard layer follows a layout still forming only once it settles.
        if !self.refining {
            self.place_handles(&camera);
        }
    }

    /// Builds the scene for the current state (text widths measured once and kept).
    fn build(&mut self, camera: Camera) {
        let (ctx, widths) = (self.ctx.clone(), self.widths.clone());
        // A text measured the first time costs the browser its shaping (a millisecond or more on
        // a new picture's names): a draft (the layout still moving, as at the first picture)
        // measures for MEASURE_MS at most, the other widths estimated until a later frame
        // measures them; a settled picture measures all it needs.
        let budget = if self.settings.draft { MEASURE_MS } else { f64::INFINITY };
        let (spent, estimated) = (Cell::new(0.0), Cell::new(false));
        let measure = |text: &str, size: f64| {
            let key = (size.to_bits(), text.to_string());
            if let Some(width) = widths.borrow().get(&key) {
                return *width;
            }
            if spent.get() > budget {
                estimated.set(true);
                return text.chars().count() as f64 * size * 0.62;
            }
            let start = crate::ui::browser::now();
            let width = render::measure_text(&ctx, text, size);
            spent.set(spent.get() + crate::ui::browser::now() - start);
            widths.borrow_mut().insert(key, width);
            width
        };
        // A draft draws no plain lines: the strokes come when they are needed (or `prepare`d).
        if !self.settings.draft {
            let _ = self.prepare();
        }
        let visible_key = Rc::as_ptr(&self.visible);
        let styles = self.styles.as_ref().filter(|(key, _)| *key == visible_key).map(|(_, styles)| styles);
        // The communities' regions describe the whole network: shown while no filter hides any of
        // it, turned as the layout was.
        let whole = self.visible.org_count() == self.positions.len();
        let mut regions = if self.show_regions && whole { self.data.regions().to_vec() } else { Vec::new() };
        if self.quarter_turn {
            for r in &mut regions {
                quarter_turn(&mut r.hull);
                quarter_turn(std::slice::from_mut(&mut r.centre));
            }
        }
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
                styles,
                regions: &regions,
            },
            &measure,
        );
        self.estimated = estimated.get();
    }

    /// Works out the bundles' strokes for the current filter, unless they are there: a frame
    /// that has time does it before a picture needs them. Returns whether it did.
    pub fn prepare(&mut self) -> bool {
        let visible_key = Rc::as_ptr(&self.visible);
        let due = self.styles.as_ref().is_none_or(|(key, _)| *key != visible_key);
        if due {
            self.styles = Some((visible_key, EdgeStyles::new(&self.data.model, &self.data.graph, &self.visible)));
        }
        due
    }

    /// Copies the canvas into the snapshot (made, or resized, as needed).
    fn take_snapshot(&mut self, camera: Camera) -> Option<Snapshot> {
        let (width, height) = (self.canvas.width(), self.canvas.height());
        let snapshot = match self.snapshot.take() {
            Some(s) => s,
            None => {
                let canvas = crate::ui::browser::document()
                    .create_element("canvas")
                    .ok()?
                    .dyn_into::<HtmlCanvasElement>()
                    .ok()?;
                let ctx = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
                Snapshot { canvas, ctx, camera }
            }
        };
        if snapshot.canvas.width() != width || snapshot.canvas.height() != height {
            snapshot.canvas.set_width(width);
            snapshot.canvas.set_height(height);
        }
        let _ = snapshot.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        snapshot.ctx.clear_rect(0.0, 0.0, width as f64, height as f64);
        let _ = snapshot.ctx.draw_image_with_html_canvas_element(&self.canvas, 0.0, 0.0);
        Some(Snapshot { camera, ..snapshot })
    }

    /// The snapshot moved and scaled to the current camera (pan, zoom, pinch on a crowded picture).
    fn draw_moved(&mut self) {
        let (Some(camera), Some(snapshot)) = (self.camera, &self.snapshot) else { return self.draw() };
        let dpr = self.canvas.width() as f64 / camera.width;
        let then = snapshot.camera;
        let scale = camera.zoom / then.zoom;
        // Where the snapshot's top-left corner lands now, in CSS pixels.
        let corner = camera.to_screen(then.to_world(Point::new(0.0, 0.0)));
        let _ = self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        self.ctx.clear_rect(0.0, 0.0, self.canvas.width() as f64, self.canvas.height() as f64);
        let (w, h) = (snapshot.canvas.width() as f64, snapshot.canvas.height() as f64);
        let _ = self.ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            &snapshot.canvas,
            corner.x * dpr,
            corner.y * dpr,
            w * scale,
            h * scale,
        );
        self.moved_snapshot = true;
        // The handles ride along as one layer (one style change, not hundreds).
        let decimal = crate::core::number::decimal;
        let layer =
            format!("translate({}px, {}px) scale({})", decimal(corner.x, 2), decimal(corner.y, 2), decimal(scale, 6));
        let _ = self.handles.style().set_property("transform", &layer);
    }

    /// The snapshot, faded, under the pointer's organisation, its links and its partners.
    fn draw_hover(&mut self) {
        let (Some(camera), Some(snapshot)) = (self.camera, &self.snapshot) else { return self.draw() };
        let _ = self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        self.ctx.clear_rect(0.0, 0.0, self.canvas.width() as f64, self.canvas.height() as f64);
        let _ = self.ctx.draw_image_with_html_canvas_element(&snapshot.canvas, 0.0, 0.0);
        if self.focus.hovered.is_some() {
            self.build(camera);
            let dpr = self.canvas.width() as f64 / camera.width;
            render::paint_highlights(&self.ctx, &self.scene, camera.width, camera.height, dpr, self.look());
        }
    }

    /// Something changed: the next frame paints everything.
    pub fn invalidate(&mut self) {
        self.pending = Pending::Everything;
    }

    /// The organisation under the pointer changed.
    pub fn invalidate_hover(&mut self) {
        self.pending = self.pending.max(Pending::Hover);
    }

    fn invalidate_motion(&mut self) {
        self.pending = self.pending.max(Pending::Motion);
        self.last_motion = crate::ui::browser::now();
    }

    /// Paints what changed since the last paint; returns whether a later frame must still
    /// paint (a moved snapshot waiting for the view to rest).
    pub fn draw_if_needed(&mut self, now: f64) -> bool {
        let snapshot_here = self.snapshot.as_ref().is_some_and(|s| Some(s.camera) == self.camera);
        match self.pending {
            Pending::Everything => self.draw(),
            Pending::Paint => match self.camera {
                Some(camera) => self.paint_built(camera),
                None => self.draw(),
            },
            Pending::Motion if self.snapshot.is_some() => self.draw_moved(),
            Pending::Hover if snapshot_here && !self.moved_snapshot => self.draw_hover(),
            Pending::Motion | Pending::Hover => self.draw(),
            Pending::Nothing if self.moved_snapshot && now - self.last_motion > SETTLE_MS && self.is_idle() => {
                self.draw()
            }
            Pending::Nothing => {}
        }
        // Labels placed on estimated widths are placed again once measured.
        self.pending = if self.estimated { Pending::Everything } else { Pending::Nothing };
        self.moved_snapshot || self.estimated
    }

    /// Takes the refining force layout's latest positions (pinned nodes stay), keeping the
    /// whole picture in view until the user moves the view.
    pub fn follow_layout(&mut self, mut target: Vec<Point>) {
        if self.transition.is_some() || target.len() != self.positions.len() {
            return;
        }
        if self.quarter_turn {
            quarter_turn(&mut target);
        }
        for (i, p) in target.iter_mut().enumerate() {
            if self.pinned[i] {
                *p = self.positions[i];
            }
        }
        self.positions = target;
        if let (Some(camera), false) = (self.camera, self.camera_moved) {
            self.camera = Some(Camera::fit(&self.positions, camera.width, camera.height, FIT_MARGIN));
        }
        self.pending = Pending::Everything;
    }

    /// The organisations that get a focusable handle: every one shown on a small graph; on a
    /// large one the most linked on screen, up to `MAX_HANDLES`, plus those in `always`.
    pub fn handle_orgs(&self, always: &[OrgIx]) -> Vec<OrgIx> {
        let shown = |o: &OrgIx| self.visible.orgs[*o];
        let orgs: Vec<OrgIx> = if self.visible.org_count() <= MAX_HANDLES {
            (0..self.positions.len()).filter(shown).collect()
        } else {
            let Some(camera) = self.camera else { return always.to_vec() };
            // The best connected on screen (the graph keeps them in that order, ties by index).
            self.data
                .graph
                .most_linked_first()
                .iter()
                .copied()
                .filter(shown)
                .filter(|o| {
                    let p = camera.to_screen(self.positions[*o]);
                    p.x >= 0.0 && p.y >= 0.0 && p.x <= camera.width && p.y <= camera.height
                })
                .take(MAX_HANDLES)
                .collect()
        };
        with_handles(orgs, always.iter().copied().filter(shown))
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

    /// Advances a running transition or camera glide; returns whether more frames are needed.
    pub fn tick(&mut self, now: f64) -> bool {
        let gliding = self.glide_step(now);
        let Some(t) = &self.transition else { return gliding };
        let progress = ((now - t.start) / TRANSITION_MS).clamp(0.0, 1.0);
        // Ease in and out, so that nodes neither jump nor stop abruptly.
        let k = progress * progress * (3.0 - 2.0 * progress);
        self.positions =
            t.from.iter().zip(&t.to).map(|(a, b)| Point::new(a.x + (b.x - a.x) * k, a.y + (b.y - a.y) * k)).collect();
        if progress >= 1.0 {
            self.transition = None;
        }
        self.pending = Pending::Everything;
        self.transition.is_some() || gliding
    }

    /// The camera's next position on its glide; whether it has further to go.
    fn glide_step(&mut self, now: f64) -> bool {
        let Some((from, to, start)) = self.glide else { return false };
        let progress = ((now - start) / GLIDE_MS).clamp(0.0, 1.0);
        let k = progress * progress * (3.0 - 2.0 * progress);
        // Zoom in proportion (a geometric mean), so that a deep zoom does not rush at the end.
        let zoom = from.zoom * math::powf(to.zoom / from.zoom, k);
        let centre = Point::new(
            from.centre.x + (to.centre.x - from.centre.x) * k,
            from.centre.y + (to.centre.y - from.centre.y) * k,
        );
        self.camera = Some(Camera { centre, zoom, ..to });
        self.pending = Pending::Everything;
        if progress >= 1.0 {
            self.glide = None;
        }
        self.glide.is_some()
    }

    /// Frames a story step's organisations (everything when none is given), gliding there
    /// unless `animate` is off (reduced motion).
    pub fn glide_to(&mut self, orgs: &[OrgIx], animate: bool, now: f64) {
        let Some(before) = self.camera else { return };
        self.fit_to(orgs);
        if let (true, Some(after)) = (animate, self.camera) {
            self.camera = Some(before);
            self.glide = Some((before, after, now));
            self.draw();
        }
    }

    /// Puts each focusable handle over its node (each names its organisation's index).
    fn place_handles(&self, camera: &Camera) {
        let _ = self.handles.style().remove_property("transform");
        let children = self.handles.children();
        for i in 0..children.length() {
            let Some(el) = children.item(i).and_then(|e| e.dyn_into::<HtmlElement>().ok()) else { continue };
            let Some(org) = el.get_attribute("data-ix").and_then(|ix| ix.parse::<usize>().ok()) else { continue };
            if org >= self.positions.len() || !self.visible.orgs[org] {
                continue;
            }
            let centre = camera.to_screen(self.positions[org]);
            let r = crate::core::scene::node_radius_in(self.data.graph.link_degree(org), camera.zoom, self.scene.dense)
                + 4.0;
            let style = el.style();
            let decimal = crate::core::number::decimal;
            let size = format!("{}px", decimal(2.0 * r, 2));
            let _ = style.set_property("width", &size);
            let _ = style.set_property("height", &size);
            let _ = style.set_property(
                "transform",
                &format!("translate({}px, {}px)", decimal(centre.x - r, 1), decimal(centre.y - r, 1)),
            );
        }
    }

    pub fn zoom_by(&mut self, factor: f64) {
        self.camera_moved = true;
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
        self.frame_on(orgs);
        self.draw();
    }

    /// The camera that frames the given organisations.
    fn frame_on(&mut self, orgs: &[OrgIx]) {
        if let Some(camera) = self.camera {
            let points: Vec<Point> = orgs.iter().map(|o| self.positions[*o]).collect();
            let mut framed = Camera::fit(&points, camera.width, camera.height, FIT_MARGIN * 2.5);
            // Never zoom in so far that a lone organisation fills the screen.
            framed.zoom = framed.zoom.min(1.6);
            self.camera = Some(framed);
            self.camera_moved = true;
        }
    }

    /// Fits the organisations the filters keep (all of them when none is kept).
    pub fn fit(&mut self) {
        if let Some(camera) = self.camera {
            let shown: Vec<Point> =
                self.positions.iter().zip(&self.visible.orgs).filter(|(_, v)| **v).map(|(p, _)| *p).collect();
            let points = if shown.is_empty() { &self.positions } else { &shown };
            self.camera = Some(Camera::fit(points, camera.width, camera.height, FIT_MARGIN));
            // Framed again: a layout still refining keeps it framed.
            self.camera_moved = false;
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
            self.camera_moved = true;
        }
    }

    pub fn wheel(&mut self, at: Point, delta_y: f64) {
        if let Some(camera) = &mut self.camera {
            camera.zoom_at(at, math::exp(-delta_y * 0.0015));
            self.camera_moved = true;
        }
        self.invalidate_motion();
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
        let mut moved_view = false;
        match &mut self.gesture {
            Gesture::Idle => return node_at(&self.scene, at, &self.settings),
            Gesture::Pan { last, .. } => {
                camera.pan_by(at.x - last.x, at.y - last.y);
                *last = at;
                moved_view = true;
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
                    moved_view = true;
                }
            }
        }
        if moved_view {
            self.camera_moved = true;
            self.invalidate_motion();
        } else {
            self.invalidate();
        }
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

/// A set of handles with some more, in model order (a stable reading order for screen readers,
/// and for the DOM diff), each once.
pub fn with_handles(mut orgs: Vec<OrgIx>, more: impl Iterator<Item = OrgIx>) -> Vec<OrgIx> {
    orgs.extend(more);
    crate::core::order::sort_ascending(&mut orgs);
    orgs.dedup();
    orgs
}

fn midpoint(a: Point, b: Point) -> Point {
    Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}
