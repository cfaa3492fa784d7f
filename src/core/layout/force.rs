//! Fruchterman–Reingold force layout with a cooling schedule.
//!
//! Every node repels every other (k²/d), edges pull their ends together (d²/k) and a weak
//! gravity keeps separate components on screen. Start positions come from a hash of each
//! organisation's id and the seed, so the same file always gives the same picture, and
//! adding an organisation does not reshuffle the others' starting points.
//! Cost: O(iterations × n²); fine for hundreds of nodes.

use petgraph::visit::EdgeRef;

use super::Point;
use crate::core::graph::Graph;
use crate::core::model::Model;

#[derive(Debug, Clone, PartialEq)]
pub struct ForceSettings {
    pub seed: u64,
    pub iterations: usize,
    /// Ideal distance between two linked nodes.
    pub ideal_length: f64,
    /// Pull toward the centre, relative to the attraction of an edge.
    pub gravity: f64,
}

impl Default for ForceSettings {
    fn default() -> Self {
        ForceSettings { seed: 0x00C0_FFEE, iterations: 400, ideal_length: 100.0, gravity: 0.02 }
    }
}

/// Lays out the graph; the result is indexed like `model.organizations`.
pub fn force_layout(model: &Model, graph: &Graph, settings: &ForceSettings) -> Vec<Point> {
    let n = graph.node_count();
    let k = settings.ideal_length;
    let spread = k * (n as f64).sqrt();
    let mut pos: Vec<Point> = model
        .organizations
        .iter()
        .map(|o| {
            let h = splitmix64(fnv1a(o.id.as_bytes()) ^ settings.seed);
            let angle = (h >> 11) as f64 / (1u64 << 53) as f64 * std::f64::consts::TAU;
            let radius = spread * (0.2 + 0.8 * ((h & 0xFFFF) as f64 / 65535.0));
            Point::new(radius * angle.cos(), radius * angle.sin())
        })
        .collect();
    let edges: Vec<(usize, usize, f64)> = graph
        .inner
        .edge_references()
        .map(|e| {
            // A parent tie pulls harder, so programmes sit next to the body that runs them.
            let weight = if e.weight().parent_tie && e.weight().links.is_empty() { 1.5 } else { 1.0 };
            (e.source().index(), e.target().index(), weight)
        })
        .collect();

    let mut disp = vec![Point::default(); n];
    let start_temperature = spread / 4.0;
    for step in 0..settings.iterations {
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
        for &(a, b, weight) in &edges {
            let (dx, dy, d) = separation(pos[a], pos[b], a, b);
            let f = d * d / k * weight;
            disp[a].x -= dx / d * f;
            disp[a].y -= dy / d * f;
            disp[b].x += dx / d * f;
            disp[b].y += dy / d * f;
        }
        let temperature = start_temperature * (1.0 - step as f64 / settings.iterations as f64) + k * 0.01;
        for i in 0..n {
            let p = pos[i];
            let d = p.x.hypot(p.y);
            disp[i].x -= settings.gravity * p.x * d / k;
            disp[i].y -= settings.gravity * p.y * d / k;
            let len = disp[i].x.hypot(disp[i].y);
            if len > 0.0 {
                let step_len = len.min(temperature);
                pos[i].x += disp[i].x / len * step_len;
                pos[i].y += disp[i].y / len * step_len;
            }
        }
    }
    centre(&mut pos);
    pos
}

/// Vector from b to a and its length, never zero: coincident nodes are nudged apart
/// in a direction fixed by their indices, to stay deterministic.
fn separation(a: Point, b: Point, i: usize, j: usize) -> (f64, f64, f64) {
    let (mut dx, mut dy) = (a.x - b.x, a.y - b.y);
    let mut d = dx.hypot(dy);
    if d < 1e-6 {
        let angle = (i * 31 + j * 17) as f64;
        dx = angle.cos() * 1e-3;
        dy = angle.sin() * 1e-3;
        d = 1e-3;
    }
    (dx, dy, d)
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

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}
