//! Seeded, deterministic layouts: positions are returned beside the graph, never stored in it.

mod force;
mod grouped;
mod input;
mod pack;
mod quadtree;
mod radial;

use crate::core::math;

pub use force::{force_layout, ForceRun, ForceSettings};
pub use grouped::{group_centres, grouped_layout, GroupedSettings};
pub use input::LayoutInput;
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
