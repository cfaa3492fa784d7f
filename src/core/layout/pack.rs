//! Small components and organisations tied to nobody, packed tidily around the main network,
//! as graphviz's `pack` does: each component is a *polyomino* (the grid cells its nodes cover),
//! placed, largest first, at the first free place on a square spiral around the main network.
//! The main network's own polyomino is solid (its holes filled), so nothing lands inside it;
//! cells are a little wider than tall, so that the packed picture suits a wide screen (a tall
//! one turns it a quarter, `orient_to`). Deterministic: sizes, then first members, break ties.

use std::collections::HashSet;

use super::{bounds, Point};

/// The connected components of a network, largest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Components {
    pub list: Vec<Vec<usize>>,
}

impl Components {
    /// Components of `n` nodes joined by `edges` (union–find), each in node order; larger ones
    /// first, ties by first node.
    pub fn new(n: usize, edges: &[(usize, usize, f64)]) -> Components {
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut v: usize) -> usize {
            while parent[v] != v {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }
            v
        }
        for &(a, b, _) in edges {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
        let mut slot = vec![usize::MAX; n];
        let mut list: Vec<Vec<usize>> = Vec::new();
        for v in 0..n {
            let r = root(&mut parent, v);
            if slot[r] == usize::MAX {
                slot[r] = list.len();
                list.push(Vec::new());
            }
            list[slot[r]].push(v);
        }
        // Larger first; `list` is in order of first nodes, which breaks ties.
        let mut order: Vec<usize> = (0..list.len()).collect();
        crate::core::order::sort_indices(&mut order, &|a, b| list[b].len().cmp(&list[a].len()));
        Components { list: order.into_iter().map(|c| std::mem::take(&mut list[c])).collect() }
    }

    /// Moves every component but the first (the main network) next to it. `spacing` is the
    /// distance between two packed organisations tied to nobody.
    pub fn pack(&self, pos: &mut [Point], spacing: f64) {
        let Some((main, rest)) = self.list.split_first() else { return };
        if rest.is_empty() {
            return;
        }
        let cell = Point::new(spacing * 1.15, spacing * 0.87);
        let cell_of = |p: Point| ((p.x / cell.x).floor() as i32, (p.y / cell.y).floor() as i32);
        let main_points: Vec<Point> = main.iter().map(|v| pos[*v]).collect();
        let mut taken = solid(&main_points.iter().map(|p| cell_of(*p)).collect::<Vec<_>>());
        let (lo, hi) = bounds(&main_points).unwrap_or_default();
        let centre = cell_of(Point::new((lo.x + hi.x) / 2.0, (lo.y + hi.y) / 2.0));
        let mut spiral = Spiral::default();
        // Spiral places before this one are all taken.
        let mut first_free = 0;
        for component in rest {
            let points: Vec<Point> = component.iter().map(|v| pos[*v]).collect();
            let (lo, _) = bounds(&points).unwrap_or_default();
            let shape: Vec<(i32, i32)> = points.iter().map(|p| cell_of(Point::new(p.x - lo.x, p.y - lo.y))).collect();
            while taken.contains(&add(centre, spiral.at(first_free))) {
                first_free += 1;
            }
            let mut place = first_free;
            let corner = loop {
                let corner = add(centre, spiral.at(place));
                if shape.iter().all(|c| !taken.contains(&add(corner, *c))) {
                    break corner;
                }
                place += 1;
            };
            // A lone organisation takes its cell; a group keeps a cell's margin around it.
            let margin = if component.len() > 1 { 1 } else { 0 };
            for c in &shape {
                for dx in -margin..=margin {
                    for dy in -margin..=margin {
                        taken.insert(add(add(corner, *c), (dx, dy)));
                    }
                }
            }
            let origin = Point::new(corner.0 as f64 * cell.x, corner.1 as f64 * cell.y);
            let middle = if component.len() == 1 { Point::new(cell.x / 2.0, cell.y / 2.0) } else { Point::default() };
            for (v, p) in component.iter().zip(&points) {
                pos[*v] = Point::new(origin.x + p.x - lo.x + middle.x, origin.y + p.y - lo.y + middle.y);
            }
        }
    }
}

fn add(a: (i32, i32), b: (i32, i32)) -> (i32, i32) {
    (a.0 + b.0, a.1 + b.1)
}

/// The cells of the main network with a cell's margin, and every hole inside filled: the
/// cells that no flood from outside its box reaches.
fn solid(cells: &[(i32, i32)]) -> HashSet<(i32, i32)> {
    let mut taken: HashSet<(i32, i32)> = HashSet::new();
    for c in cells {
        for dx in -1..=1 {
            for dy in -1..=1 {
                taken.insert(add(*c, (dx, dy)));
            }
        }
    }
    let Some(x0) = taken.iter().map(|c| c.0).min() else { return taken };
    let x1 = taken.iter().map(|c| c.0).max().unwrap_or(x0);
    let y0 = taken.iter().map(|c| c.1).min().unwrap_or(0);
    let y1 = taken.iter().map(|c| c.1).max().unwrap_or(y0);
    // A grid one cell larger than the box on each side, flooded from its corner.
    let (w, h) = ((x1 - x0 + 3) as usize, (y1 - y0 + 3) as usize);
    let index = |x: i32, y: i32| (y - y0 + 1) as usize * w + (x - x0 + 1) as usize;
    let mut outside = vec![false; w * h];
    let mut stack = vec![(x0 - 1, y0 - 1)];
    while let Some((x, y)) = stack.pop() {
        if x < x0 - 1 || y < y0 - 1 || x > x1 + 1 || y > y1 + 1 || outside[index(x, y)] || taken.contains(&(x, y)) {
            continue;
        }
        outside[index(x, y)] = true;
        stack.extend([(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)]);
    }
    for y in y0..=y1 {
        for x in x0..=x1 {
            if !outside[index(x, y)] {
                taken.insert((x, y));
            }
        }
    }
    taken
}

/// Cell offsets on a square spiral around (0, 0): ring after ring, each ring from its
/// top-left corner clockwise.
#[derive(Default)]
struct Spiral {
    offsets: Vec<(i32, i32)>,
    rings: i32,
}

impl Spiral {
    fn at(&mut self, i: usize) -> (i32, i32) {
        while self.offsets.len() <= i {
            let r = self.rings;
            if r == 0 {
                self.offsets.push((0, 0));
            } else {
                self.offsets.extend((-r..r).map(|x| (x, -r)));
                self.offsets.extend((-r..r).map(|y| (r, y)));
                self.offsets.extend((-r..r).map(|x| (-x, r)));
                self.offsets.extend((-r..r).map(|y| (-r, -y)));
            }
            self.rings += 1;
        }
        self.offsets[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_come_largest_first_ties_by_first_node() {
        let edges = [(0, 1, 1.0), (3, 4, 1.0), (4, 5, 1.0), (6, 7, 1.0)];
        let c = Components::new(9, &edges);
        assert_eq!(c.list, vec![vec![3, 4, 5], vec![0, 1], vec![6, 7], vec![2], vec![8]]);
    }

    #[test]
    fn the_spiral_visits_each_cell_once_ring_by_ring() {
        let mut spiral = Spiral::default();
        let cells: Vec<(i32, i32)> = (0..49).map(|i| spiral.at(i)).collect();
        let unique: HashSet<_> = cells.iter().copied().collect();
        assert_eq!(unique.len(), 49);
        assert!(cells.iter().all(|(x, y)| x.abs() <= 3 && y.abs() <= 3));
        assert_eq!(cells[0], (0, 0));
    }

    #[test]
    fn holes_inside_the_main_network_are_filled() {
        // A ring of cells with an empty middle.
        let ring: Vec<(i32, i32)> =
            (0..9).flat_map(|x| [(x, 0), (x, 8)]).chain((0..9).flat_map(|y| [(0, y), (8, y)])).collect();
        let taken = solid(&ring);
        assert!(taken.contains(&(4, 4)));
        assert!(!taken.contains(&(-3, 4)) && !taken.contains(&(12, 4)));
    }
}
