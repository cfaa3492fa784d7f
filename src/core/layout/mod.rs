//! Seeded, deterministic layouts: positions are returned beside the graph, never stored in it.

mod exact;
mod force;
mod grouped;
mod input;
mod pack;
mod quadtree;
mod radial;

use crate::core::math;

pub use exact::ExactRun;
pub use force::{force_layout, ForceRun, ForceSettings};
pub use grouped::{group_centres, grouped_layout, GroupedSettings};
pub use input::{fnv1a, words_digest, LayoutInput, Ties, ASK_FOR_TIES};
pub use pack::Components;
pub use radial::{radial_layout, RadialSettings};

/// A position in layout space (arbitrary units; the camera maps them to pixels).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn distance(self, other: Point) -> f64 {
        math::hypot(self.x - other.x, self.y - other.y)
    }
}

/// The smallest box holding every point: `(min, max)`, or `None` for no point.
pub fn bounds(points: &[Point]) -> Option<(Point, Point)> {
    let first = *points.first()?;
    Some(points.iter().fold((first, first), |(lo, hi), p| {
        (Point::new(lo.x.min(p.x), lo.y.min(p.y)), Point::new(hi.x.max(p.x), hi.y.max(p.y)))
    }))
}

/// Turns a layout a quarter turn when its long side does not match the screen's, so that a
/// wide network fills a tall phone screen (and the reverse). Deterministic: it depends only on
/// the positions and the screen's orientation. Returns whether it turned them.
pub fn orient_to(points: &mut [Point], width: f64, height: f64) -> bool {
    let Some((lo, hi)) = bounds(points) else { return false };
    let layout_is_wide = hi.x - lo.x >= hi.y - lo.y;
    if layout_is_wide == (width >= height) {
        return false;
    }
    quarter_turn(points);
    true
}

/// Turns positions a quarter turn about the origin (what `orient_to` does when it turns them).
pub fn quarter_turn(points: &mut [Point]) {
    for p in points.iter_mut() {
        *p = Point::new(-p.y, p.x);
    }
}

/// A layout advanced a little at a time, so that a browser can draw the picture as it forms and
/// stay responsive; however the work is sliced, the final positions are the same bits.
pub trait LayoutRun {
    /// Runs steps until settled or until `keep_going` says stop (asked after each step, so at
    /// least one step is run). Returns whether the layout has settled.
    fn run(&mut self, keep_going: &mut dyn FnMut() -> bool) -> bool;
    /// The picture so far, one point per organisation, centred.
    fn positions(&self) -> Vec<Point>;
}

/// A node's start: a point within a disc of radius `spread`, drawn from its seeded hash.
fn start_point(h: u64, spread: f64) -> Point {
    let (sin, cos) = math::sin_cos((h >> 11) as f64 / (1u64 << 53) as f64 * std::f64::consts::TAU);
    let radius = spread * (0.2 + 0.8 * ((h & 0xFFFF) as f64 / 65535.0));
    Point::new(radius * cos, radius * sin)
}

fn centre(pos: &mut [Point]) {
    if pos.is_empty() {
        return;
    }
    let n = pos.len() as f64;
    let (cx, cy) = pos.iter().fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
    for p in pos.iter_mut() {
        p.x -= cx / n;
        p.y -= cy / n;
    }
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}
