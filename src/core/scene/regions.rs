//! Communities drawn as regions when a large network is seen from afar: the hull of each large
//! community's core (its members nearest to its middle), tinted, and named after its most
//! linked organisation. As one zooms in and fewer organisations fill the screen, the regions
//! fade and the organisations' own names take over.
//!
//! The layout worker works the regions out with each picture it sends (`regions_to_numbers`);
//! the page only draws them.

use super::{Camera, Point};
use crate::core::community::Communities;
use crate::core::model::OrgIx;

/// A community's region in layout space: worked out when the positions change, drawn on every
/// frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The convex hull of its core, counter-clockwise.
    pub hull: Vec<Point>,
    /// Where its name goes: the middle of its core.
    pub centre: Point,
    /// Its most linked organisation, which names it.
    pub main: OrgIx,
    pub colour: &'static str,
}

/// A region on screen, in pixels, and how strongly it shows (0 to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct RegionShape {
    pub polygon: Vec<Point>,
    /// Where its name goes, and the organisation that names it.
    pub centre: Point,
    pub main: OrgIx,
    pub colour: &'static str,
    pub strength: f64,
}

/// Tints for the regions, largest community first; each contrasts with the ink of the names
/// written over it (the names sit on a light backing).
const TINTS: [&str; 12] = [
    "#1f6fb4", "#c2410c", "#2e8540", "#7b3fa0", "#b8860b", "#0e7c86", "#a3324f", "#5b6b2f", "#4b4b8f", "#8c564b",
    "#d35400", "#2c7a7b",
];

/// The share of a community's members that make its core (the others, farthest from its middle,
/// would stretch its hull across other communities).
const CORE: f64 = 0.8;

/// The regions of the communities that hold at least one organisation in a hundred (and at
/// least twenty), largest first.
pub fn community_regions(communities: &Communities, positions: &[Point]) -> Vec<Region> {
    let least = (positions.len() / 100).max(20);
    let mut regions = Vec::new();
    for (c, members) in communities.members.iter().enumerate() {
        let points: Vec<Point> = members.iter().map(|o| positions[*o]).collect();
        if points.len() < least {
            continue;
        }
        let n = points.len() as f64;
        let middle = points.iter().fold(Point::default(), |m, p| Point::new(m.x + p.x / n, m.y + p.y / n));
        let mut nearest: Vec<usize> = (0..points.len()).collect();
        let distance: Vec<f64> = points.iter().map(|p| p.distance(middle)).collect();
        crate::core::order::sort_indices(&mut nearest, &|a, b| distance[a].total_cmp(&distance[b]));
        let core: Vec<Point> = nearest[..(n * CORE).ceil() as usize].iter().map(|i| points[*i]).collect();
        let k = core.len() as f64;
        let centre = core.iter().fold(Point::default(), |m, p| Point::new(m.x + p.x / k, m.y + p.y / k));
        regions.push(Region {
            hull: convex_hull(core),
            centre,
            main: communities.main[c],
            colour: TINTS[regions.len() % TINTS.len()],
        });
    }
    regions
}

/// Regions as numbers, for a message: for each, the organisation naming it, its centre, its
/// hull's length and points.
pub fn regions_to_numbers(regions: &[Region]) -> Vec<f32> {
    let mut numbers = Vec::new();
    for r in regions {
        numbers.extend([r.main as f32, r.centre.x as f32, r.centre.y as f32, r.hull.len() as f32]);
        numbers.extend(r.hull.iter().flat_map(|p| [p.x as f32, p.y as f32]));
    }
    numbers
}

/// `regions_to_numbers`' output read back, each region with its tint; `None` for anything else.
pub fn regions_from_numbers(mut numbers: &[f32]) -> Option<Vec<Region>> {
    let mut regions = Vec::new();
    while let [main, x, y, len, rest @ ..] = numbers {
        let points = rest.get(..2 * *len as usize)?;
        regions.push(Region {
            hull: points.chunks_exact(2).map(|p| Point::new(p[0].into(), p[1].into())).collect(),
            centre: Point::new((*x).into(), (*y).into()),
            main: *main as usize,
            colour: TINTS[regions.len() % TINTS.len()],
        });
        numbers = &rest[points.len()..];
    }
    numbers.is_empty().then_some(regions)
}

/// How strongly regions show when `on_screen` organisations are drawn: not at all up to 400
/// (each can be told apart and named), fully from 1 600.
pub fn region_strength(on_screen: usize) -> f64 {
    ((on_screen as f64 - 400.0) / 1200.0).clamp(0.0, 1.0)
}

/// The regions on screen, in pixels (those wholly off screen left out).
pub fn region_shapes(regions: &[Region], camera: &Camera, strength: f64) -> Vec<RegionShape> {
    if strength == 0.0 {
        return Vec::new();
    }
    regions
        .iter()
        .map(|r| RegionShape {
            polygon: r.hull.iter().map(|p| camera.to_screen(*p)).collect(),
            centre: camera.to_screen(r.centre),
            main: r.main,
            colour: r.colour,
            strength,
        })
        .filter(|s| {
            let off = |f: &dyn Fn(&Point) -> bool| s.polygon.iter().all(f);
            !(off(&|p| p.x < 0.0)
                || off(&|p| p.y < 0.0)
                || off(&|p| p.x > camera.width)
                || off(&|p| p.y > camera.height))
        })
        .collect()
}

/// Andrew's monotone chain: the hull from the leftmost point, lower side then upper side;
/// fewer than three points are their own hull.
fn convex_hull(mut points: Vec<Point>) -> Vec<Point> {
    crate::core::order::sort_by(&mut points, |a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    if points.len() < 3 {
        return points;
    }
    let cross = |o: Point, a: Point, b: Point| (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
    let side = |ordered: &mut dyn Iterator<Item = &Point>| {
        let mut chain: Vec<Point> = Vec::new();
        for p in ordered {
            while chain.len() >= 2 && cross(chain[chain.len() - 2], chain[chain.len() - 1], *p) <= 0.0 {
                chain.pop();
            }
            chain.push(*p);
        }
        chain.pop();
        chain
    };
    let mut hull = side(&mut points.iter());
    hull.extend(side(&mut points.iter().rev()));
    hull
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hull_keeps_the_corners_and_drops_what_is_inside() {
        let square = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (2.0, 2.0), (1.0, 3.0), (4.0, 2.0)];
        let hull = convex_hull(square.iter().map(|&(x, y)| Point::new(x, y)).collect());
        assert_eq!(hull.len(), 4, "{hull:?}");
        for corner in [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)] {
            assert!(hull.contains(&Point::new(corner.0, corner.1)));
        }
        assert_eq!(convex_hull(vec![Point::new(1.0, 1.0)]).len(), 1);
    }

    #[test]
    fn regions_read_back_from_numbers_as_they_were_sent() {
        let region = |main, x: f64| Region {
            hull: vec![Point::new(x, 0.0), Point::new(x + 1.0, 0.0), Point::new(x, 2.0)],
            centre: Point::new(x + 0.5, 0.5),
            main,
            colour: TINTS[main],
        };
        let regions = vec![region(0, 3.0), region(1, -7.5)];
        let numbers = regions_to_numbers(&regions);
        assert_eq!(regions_from_numbers(&numbers), Some(regions));
        assert_eq!(regions_from_numbers(&numbers[..numbers.len() - 1]), None);
        assert_eq!(regions_from_numbers(&[]), Some(vec![]));
    }

    #[test]
    fn regions_show_from_afar_and_fade_as_one_zooms_in() {
        assert_eq!(region_strength(100), 0.0);
        assert_eq!(region_strength(2000), 1.0);
        assert!(region_strength(1000) > 0.0 && region_strength(1000) < 1.0);
    }
}
