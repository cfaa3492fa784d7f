//! Radial layout: one organisation at the centre, the others on rings by graph distance.
//!
//! Ring k holds the organisations k edges away (links and parent ties alike). Each ring is
//! sorted by the angle of every node's BFS parent on the ring inside it, then turned so that
//! its nodes line up with those parents as well as an even spacing allows: a family reads as
//! a wedge. Organisations the centre cannot reach go on one outer ring, component by
//! component. No randomness: the same file and centre always give the same picture.

use std::collections::VecDeque;
use std::f64::consts::TAU;

use super::Point;
use crate::core::graph::Graph;
use crate::core::math;
use crate::core::model::{Model, OrgIx};
use crate::core::order;

#[derive(Debug, Clone, PartialEq)]
pub struct RadialSettings {
    /// Distance between two consecutive rings: ring k has radius k × `ring_gap`.
    pub ring_gap: f64,
}

impl Default for RadialSettings {
    fn default() -> Self {
        RadialSettings { ring_gap: 140.0 }
    }
}

/// Lays out the graph around `centre`; the result is indexed like `model.organizations`.
///
/// A `centre` outside the model reaches nobody, so every organisation goes on the outer ring.
pub fn radial_layout(model: &Model, graph: &Graph, centre: OrgIx, settings: &RadialSettings) -> Vec<Point> {
    let n = model.organizations.len().min(graph.node_count());
    let mut pos = vec![Point::default(); model.organizations.len()];
    if n == 0 {
        return pos;
    }
    let gap = settings.ring_gap;
    // Neighbours sorted by index, so the result does not depend on petgraph's edge order.
    let neighbours = |org: OrgIx| {
        let mut v: Vec<OrgIx> = graph.neighbours(org).filter(|&o| o < n).collect();
        order::sort_ascending(&mut v);
        v.dedup();
        v
    };

    let mut placed = vec![false; n];
    // Angle of each placed node, read when sorting the ring outside it.
    let mut angle = vec![0.0_f64; n];
    let mut last_ring = 0usize;
    if centre < n {
        placed[centre] = true;
        pos[centre] = Point::new(0.0, 0.0);
        let mut ring: Vec<OrgIx> = vec![centre];
        let mut k = 0usize;
        loop {
            // Walking the current ring in its angular order makes the first (closest) parent win.
            let mut next: Vec<(OrgIx, OrgIx)> = Vec::new();
            for &parent in &ring {
                for child in neighbours(parent) {
                    if !placed[child] {
                        placed[child] = true;
                        next.push((child, parent));
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            k += 1;
            order::sort_by(&mut next, |a, b| angle[a.1].total_cmp(&angle[b.1]).then(a.0.cmp(&b.0)));
            let parent_angles: Vec<f64> = next.iter().map(|&(_, p)| angle[p]).collect();
            let start = aligned_start(&parent_angles);
            let step = TAU / next.len() as f64;
            let radius = k as f64 * gap;
            for (i, &(child, _)) in next.iter().enumerate() {
                // start ∈ [−π, π], i·step < 2π: one turn at most to add or take off.
                let a = math::wrap_angle(start + i as f64 * step);
                angle[child] = a;
                let (sin, cos) = math::sin_cos(a);
                pos[child] = Point::new(radius * cos, radius * sin);
            }
            ring = next.into_iter().map(|(child, _)| child).collect();
        }
        last_ring = k;
    }

    // The unreachable: component by component (lowest index first, then BFS order), so
    // organisations linked among themselves still sit side by side.
    let mut outer: Vec<OrgIx> = Vec::new();
    for seed in 0..n {
        if placed[seed] {
            continue;
        }
        placed[seed] = true;
        let mut queue = VecDeque::from([seed]);
        while let Some(org) = queue.pop_front() {
            outer.push(org);
            for next in neighbours(org) {
                if !placed[next] {
                    placed[next] = true;
                    queue.push_back(next);
                }
            }
        }
    }
    if !outer.is_empty() {
        let step = TAU / outer.len() as f64;
        // Beyond the last ring, and wide enough that neighbours on it keep half a gap apart
        // (the chord between two neighbours is 2r·sin(step/2)).
        let crowded = if outer.len() > 1 { gap * 0.5 / (2.0 * math::sin(step / 2.0)) } else { 0.0 };
        let radius = ((last_ring + 1) as f64 * gap).max(crowded);
        for (i, &org) in outer.iter().enumerate() {
            let (sin, cos) = math::sin_cos(i as f64 * step);
            pos[org] = Point::new(radius * cos, radius * sin);
        }
    }
    pos
}

/// The angle of the first slot of a ring of evenly spaced slots that best matches the parents'
/// angles (slot i wants `parent_angles[i]`): the circular mean of `parent − i·step`. When the
/// wishes cancel out (all children of the centre), the ring simply starts at angle 0.
fn aligned_start(parent_angles: &[f64]) -> f64 {
    let step = TAU / parent_angles.len().max(1) as f64;
    let (s, c) = parent_angles.iter().enumerate().fold((0.0, 0.0), |(s, c), (i, &a)| {
        let (sin, cos) = math::sin_cos(a - i as f64 * step); // this slot's wish
        (s + sin, c + cos)
    });
    // Rounding leaves a tiny resultant where the wishes cancel; its direction would be noise.
    if math::hypot(s, c) < 1e-6 * parent_angles.len() as f64 {
        0.0
    } else {
        math::atan2(s, c)
    }
}
