//! The graph's animation frames: one paint per frame however many pointer events arrived,
//! layout transitions, and the force layout refined a slice at a time between paints, so
//! that no task holds the main thread for long while a large network takes shape.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use yew::Callback;

use crate::core::dataset::Dataset;
use crate::core::model::OrgIx;
use crate::ui::browser;
use crate::ui::viewer::Viewer;

pub type SharedViewer = Rc<RefCell<Option<Viewer>>>;

/// Layout work per frame, in milliseconds: with the paint, a frame's task stays well under
/// the 50 ms that make a page feel stuck.
const LAYOUT_SLICE_MS: f64 = 12.0;
/// While a large layout refines, its picture is repainted this often (the frames between
/// refine it), and less often for a very large one: a tenth of a millisecond per organisation.
const LAYOUT_PAINT_EVERY_MS: f64 = 200.0;
/// The keyboard layer follows the view at most this often while the view changes.
const HANDLES_EVERY_MS: f64 = 250.0;

pub struct FrameLoop {
    viewer: SharedViewer,
    data: Rc<Dataset>,
    frame: RefCell<Option<AnimationFrame>>,
    scheduled: Cell<bool>,
    /// The force layout is the one shown, so its refinements reach the screen.
    pub follows_force: Cell<bool>,
    settled_told: Cell<bool>,
    layout_painted_at: Cell<f64>,
    handles_at: Cell<f64>,
    /// Organisations that must keep a handle (the Tab stop, the selection, a node just reached
    /// with the arrow keys), and where to send the new handle set.
    pub always: RefCell<Vec<OrgIx>>,
    shown_handles: RefCell<Vec<OrgIx>>,
    pub on_handles: RefCell<Callback<Vec<OrgIx>>>,
    /// Told once, after the first picture is painted.
    pub on_painted: RefCell<Option<Callback<()>>>,
    /// The first picture was painted in the last frame: what follows it (telling the page,
    /// the keyboard layer) comes in this one, so that no frame does both.
    first_painted: Cell<bool>,
    settled_marked: Cell<bool>,
}

impl FrameLoop {
    pub fn new(viewer: SharedViewer, data: Rc<Dataset>) -> Rc<FrameLoop> {
        Rc::new(FrameLoop {
            viewer,
            data,
            frame: RefCell::new(None),
            scheduled: Cell::new(false),
            follows_force: Cell::new(true),
            settled_told: Cell::new(false),
            layout_painted_at: Cell::new(0.0),
            handles_at: Cell::new(f64::NEG_INFINITY),
            always: RefCell::new(Vec::new()),
            shown_handles: RefCell::new(Vec::new()),
            first_painted: Cell::new(false),
            settled_marked: Cell::new(false),
            on_handles: RefCell::new(Callback::noop()),
            on_painted: RefCell::new(None),
        })
    }

    /// Asks for a frame (once, however often it is asked before the frame comes).
    pub fn request(self: &Rc<Self>) {
        if self.scheduled.replace(true) {
            return;
        }
        let me = self.clone();
        let next = request_animation_frame(move |now| me.run(now));
        *self.frame.borrow_mut() = Some(next);
    }

    fn run(self: &Rc<Self>, now: f64) {
        self.scheduled.set(false);
        let mut more = false;
        let painted: bool;
        let first_now: bool;
        // The keyboard layer comes in a frame after the first picture, and readying strokes only
        // in a frame that paints nothing: no frame does two.
        let mut spare = false;
        let handles = {
            let mut guard = self.viewer.borrow_mut();
            let Some(v) = guard.as_mut() else { return };
            more |= v.tick(now);
            let mut settled_now = false;
            v.refining = !self.data.layout_settled();
            if v.is_sized() && v.refining {
                // A frame either refines the layout or paints it, never both: each task stays short.
                let every = LAYOUT_PAINT_EVERY_MS.max(self.data.model.organizations.len() as f64 / 100.0);
                if self.follows_force.get() && now - self.layout_painted_at.get() >= every {
                    self.layout_painted_at.set(now);
                    v.follow_layout(self.data.positions());
                } else {
                    let start = browser::now();
                    self.data.refine_layout(&mut || browser::now() - start < LAYOUT_SLICE_MS);
                    spare = true;
                }
                more = true;
            } else if v.is_sized() && !self.settled_told.get() {
                // The settled picture (a small network settles before its first paint).
                if self.follows_force.get() {
                    v.follow_layout(self.data.positions());
                }
                settled_now = true;
            }
            let paints = v.paint_count();
            // The first picture is built in one frame and painted in the next: each is one task.
            if !v.painted() && v.build_ahead() {
                more = true;
            } else {
                more |= v.draw_if_needed(now);
            }
            painted = v.painted();
            // A frame with time to spare readies the settled picture's strokes.
            let prepared = spare && v.paint_count() == paints && v.prepare();
            if settled_now {
                self.settled_told.set(true);
            }
            // The frame of the first picture (a large one's costs the most) only tells the page.
            first_now = painted && !self.first_painted.get() && self.on_painted.borrow().is_some();
            if first_now {
                self.first_painted.set(true);
                more = true;
            }
            let due = now - self.handles_at.get() >= HANDLES_EVERY_MS || !more;
            if first_now || prepared {
                more = true;
                None
            } else if v.is_sized() && v.is_idle() && due {
                self.handles_at.set(now);
                let wanted = v.handle_orgs(&self.always.borrow());
                (wanted != *self.shown_handles.borrow()).then_some(wanted)
            } else {
                more |= !due;
                None
            }
        };
        // Outside the viewer's borrow: these re-render the graph view.
        // The page is told in the frame that drew the first picture (`carte-ready`).
        let told = self.on_painted.borrow_mut().take_if(|_| first_now);
        if let Some(on_painted) = told {
            on_painted.emit(());
        }
        // Settled is told after the first picture (a small network settles before it is painted).
        if self.settled_told.get() && !self.settled_marked.get() && self.on_painted.borrow().is_none() {
            self.settled_marked.set(true);
            browser::mark("carte-settled");
        }
        if let Some(wanted) = handles {
            *self.shown_handles.borrow_mut() = wanted.clone();
            self.on_handles.borrow().emit(wanted);
        }
        if more {
            self.request();
        }
    }
}
