//! Small components and organisations tied to nobody, packed tidily around the main network,
//! as graphviz's `pack` does: each component is a *polyomino* (the grid cells its nodes cover),
//! placed, largest first, at the first free place on a square spiral around the main network.
//! The main network's own polyomino is solid (its holes filled), so nothing lands inside it;
//! cells are a little wider than tall, so that the packed picture suits a wide screen (a tall
//! one turns it a quarter, `orient_to`). Deterministic: sizes, then first members, break ties.

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
        let main_cells: Vec<(i32, i32)> = main_points.iter().map(|p| cell_of(*p)).collect();
        // Each other component's shape, in cells from its box's corner.
        let shapes: Vec<(Point, Vec<(i32, i32)>)> = rest
            .iter()
            .map(|component| {
                let points: Vec<Point> = component.iter().map(|v| pos[*v]).collect();
                let (lo, _) = bounds(&points).unwrap_or_default();
                (lo, points.iter().map(|p| cell_of(Point::new(p.x - lo.x, p.y - lo.y))).collect())
            })
            .collect();
        // Room for all of them around the main network, with their margins, and then some.
        let needed: usize = shapes.iter().map(|(_, s)| if s.len() > 1 { 9 * s.len() } else { 1 }).sum();
        let reach = shapes.iter().flat_map(|(_, s)| s.iter().map(|c| c.0.max(c.1))).max().unwrap_or(0);
        let mut taken = Grid::around(&main_cells, 2 * (needed as f64).sqrt() as i32 + reach + 4);
        taken.fill_solid(&main_cells);
        let (lo, hi) = bounds(&main_points).unwrap_or_default();
        let centre = cell_of(Point::new((lo.x + hi.x) / 2.0, (lo.y + hi.y) / 2.0));
        let mut spiral = Spiral::default();
        // Spiral places before this one are all taken.
        let mut first_free = 0;
        for (component, (lo, shape)) in rest.iter().zip(&shapes) {
            while taken.get(add(centre, spiral.at(first_free))) {
                first_free += 1;
            }
            let mut place = first_free;
            let corner = loop {
                let corner = add(centre, spiral.at(place));
                if shape.iter().all(|c| !taken.get(add(corner, *c))) {
                    break corner;
                }
                place += 1;
            };
            // A lone organisation takes its cell; a group keeps a cell's margin around it.
            let margin = if component.len() > 1 { 1 } else { 0 };
            for c in shape {
                for dx in -margin..=margin {
                    for dy in -margin..=margin {
                        taken.set(add(add(corner, *c), (dx, dy)));
                    }
                }
            }
            let origin = Point::new(corner.0 as f64 * cell.x, corner.1 as f64 * cell.y);
            let middle = if component.len() == 1 { Point::new(cell.x / 2.0, cell.y / 2.0) } else { Point::default() };
            for v in component {
                let p = pos[*v];
                pos[*v] = Point::new(origin.x + p.x - lo.x + middle.x, origin.y + p.y - lo.y + middle.y);
            }
        }
    }
}

fn add(a: (i32, i32), b: (i32, i32)) -> (i32, i32) {
    (a.0 + b.0, a.1 + b.1)
}

/// Taken cells, in a box around the main network wide enough for everything packed around it;
/// cells beyond the box count as taken.
struct Grid {
    x0: i32,
    y0: i32,
    width: i32,
    height: i32,
    cells: Vec<bool>,
}

impl Grid {
    fn around(cells: &[(i32, i32)], room: i32) -> Grid {
        let x0 = cells.iter().map(|c| c.0).min().unwrap_or(0) - room;
        let y0 = cells.iter().map(|c| c.1).min().unwrap_or(0) - room;
        let width = cells.iter().map(|c| c.0).max().unwrap_or(0) + room + 1 - x0;
        let height = cells.iter().map(|c| c.1).max().unwrap_or(0) + room + 1 - y0;
        Grid { x0, y0, width, height, cells: vec![false; (width * height) as usize] }
    }

    fn index(&self, (x, y): (i32, i32)) -> Option<usize> {
        let (x, y) = (x - self.x0, y - self.y0);
        (x >= 0 && y >= 0 && x < self.width && y < self.height).then(|| (y * self.width + x) as usize)
    }

    fn get(&self, c: (i32, i32)) -> bool {
        self.index(c).is_none_or(|i| self.cells[i])
    }

    fn set(&mut self, c: (i32, i32)) {
        if let Some(i) = self.index(c) {
            self.cells[i] = true;
        }
    }

    /// Takes the main network's cells with a cell's margin, and every hole inside: the cells
    /// that no flood from outside its box reaches.
    fn fill_solid(&mut self, cells: &[(i32, i32)]) {
        for c in cells {
            for dx in -1..=1 {
                for dy in -1..=1 {
                    self.set(add(*c, (dx, dy)));
                }
            }
        }
        let mut outside = vec![false; self.cells.len()];
        let mut stack = vec![(self.x0, self.y0)];
        while let Some(c) = stack.pop() {
            let Some(i) = self.index(c) else { continue };
            if outside[i] || self.cells[i] {
                continue;
            }
            outside[i] = true;
            stack.extend([add(c, (1, 0)), add(c, (-1, 0)), add(c, (0, 1)), add(c, (0, -1))]);
        }
        self.cells.iter_mut().zip(outside).for_each(|(taken, out)| *taken |= !out);
    }
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
        use std::collections::HashSet;
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
        let mut taken = Grid::around(&ring, 5);
        taken.fill_solid(&ring);
        assert!(taken.get((4, 4)) && taken.get((-1, 4)));
        assert!(!taken.get((-3, 4)) && !taken.get((12, 4)));
        assert!(taken.get((40, 4)), "beyond the box counts as taken");
    }
}
