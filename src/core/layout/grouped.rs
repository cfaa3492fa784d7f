//! Grouped layout: one cluster per organisation kind, clusters around a large circle.
//!
//! Inside a cluster, members follow a sunflower (Vogel) spiral, r = spacing·√i and
//! θ = i × golden angle, which packs them evenly with no two closer than `spacing`; the most
//! linked come first, so they sit in the middle. Each cluster is then shifted so that the
//! mean of its members is its anchor (that is where `group_centres` finds it, and where the UI
//! writes the kind's name), and the anchors are spread on a circle wide enough that any two
//! clusters keep `spacing` between them and every member stays nearer its own anchor than
//! any other. No randomness: the same file always gives the same picture.

use std::f64::consts::{PI, TAU};

use super::Point;
use crate::core::graph::Graph;
use crate::core::math;
use crate::core::model::{Model, OrgIx, OrgKind};
use crate::core::order;

#[derive(Debug, Clone, PartialEq)]
pub struct GroupedSettings {
    /// Smallest distance between two organisations of a cluster, and between two clusters.
    pub spacing: f64,
}

impl Default for GroupedSettings {
    fn default() -> Self {
        GroupedSettings { spacing: 70.0 }
    }
}

/// One kind's members and their offsets from the cluster's anchor (the members' mean).
struct Cluster {
    members: Vec<OrgIx>,
    offsets: Vec<Point>,
    /// Distance from the anchor to the farthest member.
    radius: f64,
}

/// Lays out the organisations by kind; the result is indexed like `model.organizations`.
pub fn grouped_layout(model: &Model, graph: &Graph, settings: &GroupedSettings) -> Vec<Point> {
    let spacing = settings.spacing;
    let degree = |org: OrgIx| if org < graph.node_count() { graph.link_degree(org) } else { 0 };
    let clusters: Vec<Cluster> = OrgKind::ALL
        .iter()
        .filter_map(|&kind| {
            let mut members: Vec<OrgIx> =
                model.organizations.iter().enumerate().filter(|(_, o)| o.kind == kind).map(|(i, _)| i).collect();
            if members.is_empty() {
                return None;
            }
            // Highest degree first, ties by index (as `sort_indices` breaks them).
            order::sort_indices(&mut members, &|a, b| degree(b).cmp(&degree(a)));
            Some(sunflower(members, spacing))
        })
        .collect();

    let anchors = anchors(&clusters, spacing);
    let mut pos = vec![Point::default(); model.organizations.len()];
    for (cluster, anchor) in clusters.iter().zip(anchors) {
        for (&org, offset) in cluster.members.iter().zip(&cluster.offsets) {
            pos[org] = Point::new(anchor.x + offset.x, anchor.y + offset.y);
        }
    }
    pos
}

/// Each present kind's cluster centre: the mean of its members' positions, in `OrgKind::ALL`
/// order. Members missing from `positions` are left out; a kind left with none is skipped.
pub fn group_centres(model: &Model, positions: &[Point]) -> Vec<(OrgKind, Point)> {
    OrgKind::ALL
        .iter()
        .filter_map(|&kind| {
            let (sum, count) = model
                .organizations
                .iter()
                .zip(positions)
                .filter(|(o, _)| o.kind == kind)
                .fold((Point::default(), 0usize), |(s, c), (_, p)| (Point::new(s.x + p.x, s.y + p.y), c + 1));
            (count > 0).then(|| (kind, Point::new(sum.x / count as f64, sum.y / count as f64)))
        })
        .collect()
}

/// Places `members` (already in order, most linked first) on a sunflower spiral, then recentres
/// the spiral on its mean so that the anchor is exactly what `group_centres` will compute.
fn sunflower(members: Vec<OrgIx>, spacing: f64) -> Cluster {
    let golden_angle = PI * (3.0 - 5.0_f64.sqrt());
    let raw: Vec<Point> = (0..members.len())
        .map(|i| {
            let r = spacing * (i as f64).sqrt();
            let (sin, cos) = math::sin_cos(i as f64 * golden_angle);
            Point::new(r * cos, r * sin)
        })
        .collect();
    let n = raw.len().max(1) as f64;
    let (sx, sy) = raw.iter().fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
    let offsets: Vec<Point> = raw.iter().map(|p| Point::new(p.x - sx / n, p.y - sy / n)).collect();
    let radius = offsets.iter().map(|p| math::hypot(p.x, p.y)).fold(0.0, f64::max);
    Cluster { members, offsets, radius }
}

/// Anchors on a circle, each cluster taking an arc in proportion to its width, the circle then
/// grown until every pair of anchors is at least `2·max(rᵢ, rⱼ) + spacing` apart. That bound
/// gives both promises: the clusters' nodes stay `spacing` apart (the anchors are more than
/// rᵢ + rⱼ + spacing apart), and a member, within rᵢ of its anchor, is at least rᵢ + spacing
/// from any other anchor. Chords are checked for every pair, not only neighbours on the circle,
/// because a large cluster can make an arc wide enough that its chord falls well short of it.
fn anchors(clusters: &[Cluster], spacing: f64) -> Vec<Point> {
    if clusters.len() < 2 {
        return vec![Point::default(); clusters.len()];
    }
    let widths: Vec<f64> = clusters.iter().map(|c| 2.0 * c.radius + spacing).collect();
    let total: f64 = widths.iter().sum();
    let mut before = 0.0;
    // Start at the top of the screen (y grows downwards) and go clockwise.
    let angles: Vec<f64> = widths
        .iter()
        .map(|w| {
            let a = -PI / 2.0 + (before + w / 2.0) / total * TAU;
            before += w;
            a
        })
        .collect();
    let mut big_radius: f64 = 0.0;
    for i in 0..clusters.len() {
        for j in (i + 1)..clusters.len() {
            let needed = 2.0 * clusters[i].radius.max(clusters[j].radius) + spacing;
            // Distance between two points of the unit circle at these angles.
            let unit_chord = 2.0 * math::sin((angles[j] - angles[i]) / 2.0).abs();
            if unit_chord > 1e-9 {
                big_radius = big_radius.max(needed / unit_chord);
            }
        }
    }
    angles
        .iter()
        .map(|&a| {
            let (sin, cos) = math::sin_cos(a);
            Point::new(big_radius * cos, big_radius * sin)
        })
        .collect()
}
