//! The exact force layout of a small network (up to `ForceSettings::exact_below`
//! organisations): Fruchterman–Reingold with repulsion summed over every pair, O(n²) a step,
//! fine for hundreds of nodes, and the picture of small files never changes. It is all the
//! page lays out itself; larger networks go to the layout worker (`force.rs`), which runs this
//! same one for a small network.

use super::{centre, splitmix64, start_point, LayoutInput, LayoutRun, Point};
use crate::core::layout::ForceSettings;
use crate::core::math;

/// An exact layout advanced a step at a time.
pub struct ExactRun {
    settings: ForceSettings,
    edges: Vec<(usize, usize, f64)>,
    current: Vec<Point>,
    disp: Vec<Point>,
    step: usize,
    start_temperature: f64,
}

impl ExactRun {
    pub fn new(input: &LayoutInput, settings: &ForceSettings) -> ExactRun {
        let n = input.hashes.len();
        let spread = settings.ideal_length * (n as f64).sqrt();
        let current = input.hashes.iter().map(|h| start_point(splitmix64(h ^ settings.seed), spread)).collect();
        ExactRun {
            edges: input.edges.clone(),
            current,
            disp: vec![Point::default(); n],
            step: 0,
            start_temperature: spread / 4.0,
            settings: settings.clone(),
        }
    }
}

impl LayoutRun for ExactRun {
    fn run(&mut self, keep_going: &mut dyn FnMut() -> bool) -> bool {
        let iterations = self.settings.iterations;
        while self.step < iterations && !self.current.is_empty() {
            exact_step(
                &mut self.current,
                &mut self.disp,
                &self.edges,
                &self.settings,
                self.step,
                iterations,
                self.start_temperature,
            );
            self.step += 1;
            if !keep_going() {
                break;
            }
        }
        self.step >= iterations || self.current.is_empty()
    }

    fn positions(&self) -> Vec<Point> {
        let mut pos = self.current.clone();
        centre(&mut pos);
        pos
    }
}

/// One Fruchterman–Reingold step with repulsion summed over every pair.
pub(super) fn exact_step(
    pos: &mut [Point],
    disp: &mut [Point],
    edges: &[(usize, usize, f64)],
    settings: &ForceSettings,
    step: usize,
    iterations: usize,
    start_temperature: f64,
) {
    let n = pos.len();
    let k = settings.ideal_length;
    disp.iter_mut().for_each(|d| *d = Point::default());
    for i in 0..n {
        for j in (i + 1)..n {
            let (dx, dy, d) = separation(pos[i], pos[j], i, j);
            let f = k * k / d;
            disp[i].x += dx / d * f;
            disp[i].y += dy / d * f;
            disp[j].x -= dx / d * f;
            disp[j].y -= dy / d * f;
        }
    }
    for &(a, b, weight) in edges {
        let (dx, dy, d) = separation(pos[a], pos[b], a, b);
        let f = d * d / k * weight;
        disp[a].x -= dx / d * f;
        disp[a].y -= dy / d * f;
        disp[b].x += dx / d * f;
        disp[b].y += dy / d * f;
    }
    let temperature = start_temperature * (1.0 - step as f64 / iterations as f64) + k * 0.01;
    for i in 0..n {
        let p = pos[i];
        let d = math::hypot(p.x, p.y);
        disp[i].x -= settings.gravity * p.x * d / k;
        disp[i].y -= settings.gravity * p.y * d / k;
        let len = math::hypot(disp[i].x, disp[i].y);
        if len > 0.0 {
            let step_len = len.min(temperature);
            pos[i].x += disp[i].x / len * step_len;
            pos[i].y += disp[i].y / len * step_len;
        }
    }
}

/// Vector from b to a and its length, never zero: coincident nodes are nudged apart
/// in a direction fixed by their indices, to stay deterministic.
fn separation(a: Point, b: Point, i: usize, j: usize) -> (f64, f64, f64) {
    let (mut dx, mut dy) = (a.x - b.x, a.y - b.y);
    let mut d = math::hypot(dx, dy);
    if d < 1e-6 {
        let (sin, cos) = math::sin_cos((i * 31 + j * 17) as f64);
        dx = cos * 1e-3;
        dy = sin * 1e-3;
        d = 1e-3;
    }
    (dx, dy, d)
}
