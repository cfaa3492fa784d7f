//! Barnes–Hut quadtree: the force layout's repulsion in O(n log n) instead of O(n²).
//!
//! Every node pushes every other with a force mᵢ·mⱼ·k²/d (masses are 1 for organisations,
//! more for the merged nodes of a multilevel layout). Seen from far enough, a group of nodes
//! pushes almost like one node carrying their total mass at their centre of mass. The plane
//! is cut into squares, each cut in four while it holds more than a few nodes; a square
//! counts as far when its side is less than `theta` times the distance from its centre of
//! mass. `theta = 0` opens every square: the exact sum. Larger `theta`: faster and rougher
//! (0.9 by default, a few per cent of error on average).
//!
//! - **Arena**: the squares live in one `Vec<Cell>`; a split square's four children are four
//!   consecutive cells, always after their parent. Building and walking use explicit stacks:
//!   no recursion at all.
//! - **Coincident points** cannot split forever: depth is capped at `MAX_DEPTH`, a deeper
//!   square simply stays a leaf holding all its points. Inside a leaf every pair is summed
//!   exactly, and two nodes at the very same place are pushed apart in a direction fixed by
//!   their two indices (deterministic jitter), never by chance.
//! - **Deterministic**: the tree and every sum depend only on the positions and indices.

use super::Point;
use crate::core::math;

/// Default opening angle (side / distance under which a square counts as one body).
pub const DEFAULT_THETA: f64 = 0.9;
/// A square holding this many points or fewer is not split.
const LEAF_SIZE: usize = 8;
/// Deepest split: below it, (nearly) coincident points share one leaf.
const MAX_DEPTH: usize = 32;
/// Distance under which two nodes count as coincident.
const COINCIDENT: f64 = 1e-6;

/// One square of the tree.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Centre of the square and half its side.
    cx: f64,
    cy: f64,
    half: f64,
    /// Total mass of the points inside, and their centre of mass.
    mass: f64,
    mx: f64,
    my: f64,
    /// Index of the first of the four children; 0 for a leaf (the root is nobody's child).
    children: u32,
    /// The points inside are `order[start..end]` (for a split square too: children are
    /// contiguous sub-ranges of their parent's range).
    start: u32,
    end: u32,
}

/// A point and its mass, stored in tree order so that a leaf's points sit side by side.
#[derive(Debug, Clone, Copy, Default)]
struct Body {
    x: f64,
    y: f64,
    m: f64,
}

/// A Barnes–Hut quadtree over a set of weighted points. Rebuild it at each layout step,
/// then ask the repulsion on every point.
#[derive(Debug, Clone, Default)]
pub struct QuadTree {
    cells: Vec<Cell>,
    /// Point indices, grouped square by square.
    order: Vec<u32>,
    /// The points in that order.
    bodies: Vec<Body>,
    /// Leaves holding at least one point.
    leaves: Vec<u32>,
    /// Scratch buffers, kept between steps.
    scratch: Vec<u32>,
    stack: Vec<(u32, u32)>,
}

impl QuadTree {
    /// The tree over `points`, each weighing `masses[i]` (positive).
    #[cfg(test)]
    pub fn new(points: &[Point], masses: &[f64]) -> QuadTree {
        let mut tree = QuadTree::default();
        tree.rebuild(points, masses);
        tree
    }

    /// Rebuilds the tree over new positions, reusing its memory.
    pub fn rebuild(&mut self, points: &[Point], masses: &[f64]) {
        let n = points.len();
        assert!(n < u32::MAX as usize && masses.len() == n);
        self.cells.clear();
        self.leaves.clear();
        self.order.clear();
        self.order.extend(0..n as u32);
        let Some((lo, hi)) = super::bounds(points) else {
            self.bodies.clear();
            return;
        };

        // The root: the smallest square around every point, a little enlarged so that
        // rounding never leaves a point on its outer edge.
        let half = (hi.x - lo.x).max(hi.y - lo.y).max(1e-9) * (0.5 + 1e-9);
        let (cx, cy) = ((lo.x + hi.x) / 2.0, (lo.y + hi.y) / 2.0);
        self.cells.push(Cell { cx, cy, half, mass: 0.0, mx: 0.0, my: 0.0, children: 0, start: 0, end: n as u32 });
        self.stack.clear();
        self.stack.push((0, 0));
        while let Some((c, depth)) = self.stack.pop() {
            let cell = self.cells[c as usize];
            let (start, end) = (cell.start as usize, cell.end as usize);
            if end - start <= LEAF_SIZE || depth as usize >= MAX_DEPTH {
                if end > start {
                    self.leaves.push(c);
                }
                continue;
            }
            // Counting sort of the square's points by quadrant: bit 0 east, bit 1 north.
            let quadrant = |i: u32| {
                let p = points[i as usize];
                usize::from(p.x >= cell.cx) | usize::from(p.y >= cell.cy) << 1
            };
            let mut counts = [0usize; 4];
            for &i in &self.order[start..end] {
                counts[quadrant(i)] += 1;
            }
            let mut firsts = [start; 4];
            for q in 1..4 {
                firsts[q] = firsts[q - 1] + counts[q - 1];
            }
            let mut next = firsts;
            self.scratch.clear();
            self.scratch.extend_from_slice(&self.order[start..end]);
            for &i in &self.scratch {
                let q = quadrant(i);
                self.order[next[q]] = i;
                next[q] += 1;
            }
            let first = self.cells.len() as u32;
            self.cells[c as usize].children = first;
            let half = cell.half / 2.0;
            for q in 0..4 {
                let cx = if q & 1 == 1 { cell.cx + half } else { cell.cx - half };
                let cy = if q & 2 == 2 { cell.cy + half } else { cell.cy - half };
                let (start, end) = (firsts[q] as u32, (firsts[q] + counts[q]) as u32);
                self.cells.push(Cell { cx, cy, half, mass: 0.0, mx: 0.0, my: 0.0, children: 0, start, end });
                self.stack.push((first + q as u32, depth + 1));
            }
        }
        self.bodies.clear();
        self.bodies.extend(self.order.iter().map(|&i| {
            let p = points[i as usize];
            Body { x: p.x, y: p.y, m: masses[i as usize] }
        }));
        // Masses and centres of mass, children before parents (they come later in the arena).
        for c in (0..self.cells.len()).rev() {
            let cell = self.cells[c];
            let (mut m, mut sx, mut sy) = (0.0, 0.0, 0.0);
            if cell.children == 0 {
                for b in &self.bodies[cell.start as usize..cell.end as usize] {
                    m += b.m;
                    sx += b.x * b.m;
                    sy += b.y * b.m;
                }
            } else {
                for child in &self.cells[cell.children as usize..cell.children as usize + 4] {
                    m += child.mass;
                    sx += child.mx * child.mass;
                    sy += child.my * child.mass;
                }
            }
            let cell = &mut self.cells[c];
            cell.mass = m;
            if m > 0.0 {
                cell.mx = sx / m;
                cell.my = sy / m;
            }
        }
    }

    /// The repulsion on every point, written into `out` (indexed like the points): on point
    /// i, the sum over the others of mᵢ·mⱼ·k²/d along their separation, approximated with
    /// opening angle `theta`.
    ///
    /// The walk is done once per leaf, not once per point: a square counts as far when its
    /// side is under `theta` times the distance from its centre of mass to the *whole leaf*,
    /// so the test holds for every point of the leaf (a little more exact than the usual
    /// per-point test, and several times fewer steps through the tree). The leaf's points
    /// then sum the same list of far squares and near points.
    pub fn repulsion_all(&self, k2: f64, theta: f64, out: &mut [Point]) {
        let theta2 = theta * theta;
        let mut far: Vec<Body> = Vec::new();
        let mut near: Vec<(usize, usize)> = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        for &leaf in &self.leaves {
            let l = self.cells[leaf as usize];
            far.clear();
            near.clear();
            stack.clear();
            stack.push(0);
            while let Some(c) = stack.pop() {
                let cell = &self.cells[c as usize];
                if cell.mass == 0.0 {
                    continue;
                }
                let holds_leaf = cell.start <= l.start && l.end <= cell.end;
                if !holds_leaf {
                    // Distance from the centre of mass to the leaf's square (0 inside it).
                    let gx = ((cell.mx - l.cx).abs() - l.half).max(0.0);
                    let gy = ((cell.my - l.cy).abs() - l.half).max(0.0);
                    let g2 = gx * gx + gy * gy;
                    let side = 2.0 * cell.half;
                    if side * side < theta2 * g2 && g2 > COINCIDENT * COINCIDENT {
                        // Far enough: the whole square pushes as one body of its mass.
                        far.push(Body { x: cell.mx, y: cell.my, m: cell.mass });
                        continue;
                    }
                }
                if cell.children == 0 {
                    near.push((cell.start as usize, cell.end as usize));
                } else {
                    stack.extend(cell.children..cell.children + 4);
                }
            }
            for r in l.start as usize..l.end as usize {
                let b = self.bodies[r];
                let (mut fx, mut fy) = (0.0, 0.0);
                for f in &far {
                    let (dx, dy) = (b.x - f.x, b.y - f.y);
                    let s = f.m / (dx * dx + dy * dy);
                    fx += dx * s;
                    fy += dy * s;
                }
                for &(start, end) in &near {
                    for q in start..end {
                        if q != r {
                            let o = self.bodies[q];
                            let (dx, dy, d2) = separation(b, o, self.order[r], self.order[q]);
                            let s = o.m / d2;
                            fx += dx * s;
                            fy += dy * s;
                        }
                    }
                }
                out[self.order[r] as usize] = Point::new(fx * k2 * b.m, fy * k2 * b.m);
            }
        }
    }
}

/// Vector from b to a and its squared length, never zero: two coincident nodes are pushed
/// apart along a direction fixed by their indices (opposite for the other one of the pair).
fn separation(a: Body, b: Body, i: u32, j: u32) -> (f64, f64, f64) {
    let (dx, dy) = (a.x - b.x, a.y - b.y);
    let d2 = dx * dx + dy * dy;
    if d2 >= COINCIDENT * COINCIDENT {
        return (dx, dy, d2);
    }
    let (sin, cos) = math::sin_cos((i.min(j) * 31 + i.max(j) * 17) as f64);
    let sign = if i < j { 1.0 } else { -1.0 };
    (sign * cos * 1e-3, sign * sin * 1e-3, 1e-6)
}

#[cfg(test)]
// Natively, std's functions are the reference the tests measure against.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random numbers in [0, 1).
    fn randoms(seed: u64) -> impl FnMut() -> f64 {
        let mut s = seed;
        move || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    fn points(n: usize, seed: u64) -> Vec<Point> {
        let mut next = randoms(seed);
        (0..n).map(|_| Point::new(next() * 1000.0 - 500.0, next() * 600.0 - 300.0)).collect()
    }

    /// The plain O(n²) sum, for reference.
    fn exact(points: &[Point], masses: &[f64], k2: f64) -> Vec<Point> {
        (0..points.len())
            .map(|i| {
                let (mut fx, mut fy) = (0.0, 0.0);
                for j in (0..points.len()).filter(|&j| j != i) {
                    let (dx, dy) = (points[i].x - points[j].x, points[i].y - points[j].y);
                    let d = dx.hypot(dy);
                    let f = masses[i] * masses[j] * k2 / d;
                    fx += dx / d * f;
                    fy += dy / d * f;
                }
                Point::new(fx, fy)
            })
            .collect()
    }

    fn approx(points: &[Point], masses: &[f64], k2: f64, theta: f64) -> Vec<Point> {
        let mut out = vec![Point::default(); points.len()];
        QuadTree::new(points, masses).repulsion_all(k2, theta, &mut out);
        out
    }

    fn errors(points: &[Point], masses: &[f64], theta: f64) -> Vec<f64> {
        let (a, e) = (approx(points, masses, 1e4, theta), exact(points, masses, 1e4));
        a.iter().zip(&e).map(|(a, e)| (a.x - e.x).hypot(a.y - e.y) / e.x.hypot(e.y)).collect()
    }

    fn worst(errors: &[f64]) -> f64 {
        errors.iter().copied().fold(0.0, f64::max)
    }

    #[test]
    fn theta_zero_is_the_exact_sum() {
        let pts = points(200, 1);
        assert!(worst(&errors(&pts, &[1.0; 200], 0.0)) < 1e-9);
    }

    #[test]
    fn theta_half_stays_within_five_per_cent() {
        for seed in 1..6 {
            let pts = points(200, seed);
            let w = worst(&errors(&pts, &[1.0; 200], 0.5));
            assert!(w < 0.05, "seed {seed}: worst relative error {w}");
        }
    }

    #[test]
    fn masses_weigh_on_both_ends() {
        let pts = points(300, 7);
        let mut next = randoms(3);
        let masses: Vec<f64> = (0..300).map(|_| 0.2 + 5.0 * next()).collect();
        assert!(worst(&errors(&pts, &masses, 0.0)) < 1e-9);
        let w = worst(&errors(&pts, &masses, 0.5));
        assert!(w < 0.05, "worst relative error {w}");
    }

    #[test]
    fn the_default_theta_stays_close() {
        // Clustered points, as a layout has them: 40 clumps of 50.
        let mut next = randoms(11);
        let pts: Vec<Point> = (0..2000)
            .map(|i| {
                let c = (i / 50) as f64;
                Point::new(c.cos() * 40.0 * c + next() * 60.0, c.sin() * 40.0 * c + next() * 60.0)
            })
            .collect();
        let errs = errors(&pts, &[1.0; 2000], DEFAULT_THETA);
        let mean = errs.iter().sum::<f64>() / errs.len() as f64;
        assert!(mean < 0.05, "mean relative error {mean}");
    }

    #[test]
    fn coincident_points_do_not_blow_up() {
        // Many nodes at one place, plus a few apart: depth stays capped, every force is
        // finite, and the result is the same every time.
        let mut pts = vec![Point::new(3.0, 4.0); 500];
        pts.extend(points(20, 5));
        let ones = vec![1.0; pts.len()];
        let a = approx(&pts, &ones, 1e4, DEFAULT_THETA);
        assert!(a.iter().all(|f| f.x.is_finite() && f.y.is_finite()));
        assert_eq!(a, approx(&pts, &ones, 1e4, DEFAULT_THETA));
        let tree = QuadTree::new(&pts, &ones);
        assert!(tree.cells.len() <= 4 * MAX_DEPTH + 4 * 20 + 1, "{} cells", tree.cells.len());
        // Two nodes at the same place are pushed apart, in opposite directions.
        let f = approx(&[Point::new(1.0, 1.0); 2], &[1.0; 2], 1.0, 0.0);
        assert!(f[0].x.hypot(f[0].y) > 0.0);
        assert_eq!((f[0].x, f[0].y), (-f[1].x, -f[1].y));
    }

    #[test]
    fn tiny_sets() {
        assert!(approx(&[], &[], 1.0, DEFAULT_THETA).is_empty());
        assert_eq!(approx(&[Point::new(5.0, 5.0)], &[1.0], 1.0, DEFAULT_THETA), vec![Point::default()]);
    }
}
