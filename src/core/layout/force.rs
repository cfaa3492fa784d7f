//! Fruchterman–Reingold force layout with a cooling schedule.
//!
//! Every node repels every other (k²/d), edges pull their ends together (d²/k) and a weak
//! gravity keeps separate components on screen. Start positions come from a hash of each
//! organisation's id and the seed, so the same file always gives the same picture, and
//! adding an organisation does not reshuffle the others' starting points.
//!
//! Two regimes, both deterministic (no threads, no hash-map order, same input → same bits):
//! - up to `exact_below` organisations, repulsion is summed over every pair: O(iterations × n²),
//!   fine for hundreds of nodes, and the picture of small files never changes;
//! - above, the layout is *multilevel* with Barnes–Hut repulsion (`quadtree.rs`, O(n log n)
//!   per step). Linked nodes are merged pairwise, level after level, into heavier nodes
//!   (a hub's lone partners fold into it); the coarsest graph is laid out first from the hashed
//!   start positions, with `large_iterations` steps; then each level starts from its
//!   clusters' places and is only refined, in `refine_iterations` cooler steps. Far fewer
//!   steps on the big graph, and the coarse levels settle the big picture (communities
//!   together, hubs apart) that a single-level layout of thousands of nodes gets stuck on.
//!   A merged node weighs its number of organisations: it repels, and is pulled toward the
//!   centre, as much as they would together; its edge weighs the links it stands for.
//!   Organisations tied to nobody take no part: with the small components, they are packed
//!   around the main network once it is placed (`pack.rs`).

use super::exact::exact_step;
use super::input::LayoutInput;
use super::pack::Components;
use super::quadtree::{QuadTree, DEFAULT_THETA};
use super::{centre, splitmix64, start_point, LayoutRun, Point};
use crate::core::graph::Graph;
use crate::core::math;
use crate::core::model::Model;

#[derive(Debug, Clone, PartialEq)]
pub struct ForceSettings {
    pub seed: u64,
    pub iterations: usize,
    /// Ideal distance between two linked nodes.
    pub ideal_length: f64,
    /// Pull toward the centre, relative to the attraction of an edge.
    pub gravity: f64,
    /// Up to this many organisations, repulsion is summed exactly over every pair; above,
    /// the Barnes–Hut approximation takes over.
    pub exact_below: usize,
    /// Barnes–Hut opening angle: a group of nodes whose square's side is under `theta` times
    /// its distance pushes as one body. 0 is exact; larger is faster and rougher.
    pub theta: f64,
    /// Steps for the coarsest level of a large layout (above `exact_below`), at most
    /// `iterations`.
    pub large_iterations: usize,
    /// Steps for each finer level of a large layout, each starting from its clusters' places.
    pub refine_iterations: usize,
    /// Merging stops once a level has no more than this many nodes.
    pub coarsest: usize,
}

impl Default for ForceSettings {
    fn default() -> Self {
        ForceSettings {
            seed: 0x00C0_FFEE,
            iterations: 400,
            ideal_length: 100.0,
            gravity: 0.02,
            exact_below: 150,
            theta: DEFAULT_THETA,
            large_iterations: 300,
            refine_iterations: 80,
            coarsest: 50,
        }
    }
}

/// Lays out the graph; the result is indexed like `model.organizations`.
pub fn force_layout(model: &Model, graph: &Graph, settings: &ForceSettings) -> Vec<Point> {
    let mut run = ForceRun::new(model, graph, settings);
    run.run(&mut || true);
    run.positions()
}

/// How much a tie between two communities pulls, next to one within a community.
const ACROSS_COMMUNITIES: f64 = 0.05;

/// One level of a multilevel layout: node masses, weighted edges, and each node's community
/// (nodes merge only within theirs).
struct Level {
    masses: Vec<f64>,
    edges: Vec<(usize, usize, f64)>,
    groups: Vec<usize>,
}

/// A force layout that can be advanced a little at a time, so that a browser can draw the
/// picture as it forms and stay responsive; `force_layout` runs one to the end. However the
/// work is sliced, the final positions are the same bits.
pub struct ForceRun {
    settings: ForceSettings,
    /// The organisations laid out by forces (all of them on a small graph; those tied to
    /// somebody on a large one), each with its seeded hash.
    members: Vec<usize>,
    hashes: Vec<u64>,
    /// Every organisation's count, and a large graph's components, packed around its main one.
    count: usize,
    components: Option<Components>,
    /// On a large graph, the organisations tied to one other only (a hub's lone partners), set
    /// out around it: each host (an index into `members`) and its satellites.
    satellites: Vec<(usize, Vec<usize>)>,
    /// Exact Fruchterman–Reingold (small graphs) rather than multilevel Barnes–Hut.
    exact: bool,
    /// Levels, finest first; a small graph has only one.
    levels: Vec<Level>,
    /// `parents[l][v]`: the node of level l + 1 that node v of level l joins.
    parents: Vec<Vec<usize>>,
    /// `firsts[l][v]`: the organisation that stands for node v of level l (its first one).
    firsts: Vec<Vec<usize>>,
    /// The level being relaxed, its positions, and how far its cooling has gone.
    level: usize,
    current: Vec<Point>,
    disp: Vec<Point>,
    step: usize,
    iterations: usize,
    start_temperature: f64,
    tree: QuadTree,
    settled: bool,
    /// Work done and to do, in node-steps (a step of a level costs its node count).
    done_work: f64,
    total_work: f64,
}

impl LayoutRun for ForceRun {
    fn run(&mut self, keep_going: &mut dyn FnMut() -> bool) -> bool {
        ForceRun::run(self, keep_going)
    }

    fn positions(&self) -> Vec<Point> {
        ForceRun::positions(self)
    }
}

impl ForceRun {
    /// Prepares the run (start positions, and the coarser levels of a large graph); cheap next
    /// to the steps themselves.
    pub fn new(model: &Model, graph: &Graph, settings: &ForceSettings) -> ForceRun {
        ForceRun::from_input(&LayoutInput::new(model, graph), settings)
    }

    /// The same from the network's layout input (what a worker receives).
    pub fn from_input(input: &LayoutInput, settings: &ForceSettings) -> ForceRun {
        ForceRun::grouped(input, &vec![0; input.hashes.len()], settings)
    }

    /// The same with the network's communities (`community::louvain`), one per organisation:
    /// nodes merge only within their community, so that the coarsest level is the network of
    /// communities, laid out first, and each community then unfolds in its own place.
    pub fn grouped(input: &LayoutInput, communities: &[usize], settings: &ForceSettings) -> ForceRun {
        let everyone = input.hashes.len();
        let exact = everyone <= settings.exact_below;
        // How many organisations each is tied to, and (for those tied to one) to which.
        let mut ties = vec![0usize; everyone];
        let mut other = vec![0usize; everyone];
        for &(a, b, _) in &input.edges {
            ties[a] += 1;
            ties[b] += 1;
            other[a] = b;
            other[b] = a;
        }
        let host_of = |v: usize| (!exact && ties[v] == 1 && ties[other[v]] >= 2).then_some(other[v]);
        let members: Vec<usize> = (0..everyone).filter(|v| (exact || ties[*v] > 0) && host_of(*v).is_none()).collect();
        let mut slot = vec![usize::MAX; everyone];
        members.iter().enumerate().for_each(|(i, v)| slot[*v] = i);
        let mut satellites: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut host_slot = vec![usize::MAX; everyone];
        for v in 0..everyone {
            if let Some(host) = host_of(v) {
                if host_slot[host] == usize::MAX {
                    host_slot[host] = satellites.len();
                    satellites.push((slot[host], Vec::new()));
                }
                satellites[host_slot[host]].1.push(v);
            }
        }
        let n = members.len();
        let k = settings.ideal_length;
        let spread = k * (n as f64).sqrt();
        let hashes: Vec<u64> = members.iter().map(|v| splitmix64(input.hashes[*v] ^ settings.seed)).collect();
        let start: Vec<Point> = hashes.iter().map(|&h| start_point(h, spread)).collect();
        let edges: Vec<(usize, usize, f64)> = input
            .edges
            .iter()
            .filter(|(a, b, _)| slot[*a] != usize::MAX && slot[*b] != usize::MAX)
            .map(|&(a, b, w)| (slot[a], slot[b], w))
            .collect();
        // A host weighs its satellites: it repels, and is pulled to the centre, as they would.
        let mut masses = vec![1.0; n];
        satellites.iter().for_each(|(host, around)| masses[*host] += around.len() as f64);
        let groups: Vec<usize> = members.iter().map(|v| communities[*v]).collect();
        // On a large graph, ties across communities pull less, so that each community gathers in
        // its own place.
        let edges = edges
            .into_iter()
            .map(|(a, b, w)| (a, b, if exact || groups[a] == groups[b] { w } else { w * ACROSS_COMMUNITIES }))
            .collect();
        let mut levels = vec![Level { masses, edges, groups }];
        let mut parents: Vec<Vec<usize>> = Vec::new();
        let mut firsts: Vec<Vec<usize>> = vec![(0..n).collect()];
        // A small graph is laid out exactly, on its one level.
        let coarsest = if exact { usize::MAX } else { settings.coarsest.max(1) };
        loop {
            let finer = levels.last().unwrap();
            let count = finer.masses.len();
            if count <= coarsest {
                break;
            }
            let (parent, first, coarser) = coarsen(finer);
            // A level that barely shrinks (many isolated nodes, say) is not worth its steps.
            if coarser.masses.len() * 4 > count * 3 {
                break;
            }
            let standing = firsts.last().unwrap();
            firsts.push(first.iter().map(|&v| standing[v]).collect());
            parents.push(parent);
            levels.push(coarser);
        }
        // The coarsest level starts from the hashed places of the organisations standing for its nodes.
        let level = levels.len() - 1;
        let current: Vec<Point> = firsts[level].iter().map(|&i| start[i]).collect();
        let iterations =
            if exact { settings.iterations } else { settings.iterations.min(settings.large_iterations).max(1) };
        let refine = settings.iterations.min(settings.refine_iterations).max(1);
        let total_work = levels
            .iter()
            .enumerate()
            .map(|(l, lv)| lv.masses.len() as f64 * if l == level { iterations } else { refine } as f64)
            .sum();
        ForceRun {
            exact,
            members,
            hashes,
            count: everyone,
            components: (!exact).then(|| Components::new(everyone, &input.edges)),
            satellites,
            disp: vec![Point::default(); current.len()],
            current,
            levels,
            parents,
            firsts,
            level,
            step: 0,
            iterations,
            start_temperature: spread / 4.0,
            tree: QuadTree::default(),
            settled: n == 0 || iterations == 0,
            done_work: 0.0,
            total_work,
            settings: settings.clone(),
        }
    }

    pub fn is_settled(&self) -> bool {
        self.settled
    }

    /// Share of the work done, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.settled || self.total_work == 0.0 {
            1.0
        } else {
            (self.done_work / self.total_work).min(1.0)
        }
    }

    /// Runs steps until settled or until `keep_going` says stop (asked after each step, so at
    /// least one step is run). Returns whether the layout has settled.
    pub fn run(&mut self, keep_going: &mut dyn FnMut() -> bool) -> bool {
        while !self.settled {
            self.advance();
            if !keep_going() {
                break;
            }
        }
        self.settled
    }

    /// The picture so far, one point per organisation, centred: organisations of levels not
    /// reached yet sit around their cluster's place, where their own level will start them;
    /// on a large graph, small components and organisations tied to nobody are packed around.
    pub fn positions(&self) -> Vec<Point> {
        let mut pos = self.current.clone();
        for l in (0..self.level).rev() {
            pos = self.placed(l, &pos);
        }
        let mut all = vec![Point::default(); self.count];
        self.members.iter().zip(&pos).for_each(|(v, p)| all[*v] = *p);
        self.set_out_satellites(&pos, &mut all);
        if let Some(components) = &self.components {
            components.pack(&mut all, self.settings.ideal_length * 0.6);
        }
        centre(&mut all);
        all
    }

    /// Each host's satellites on a sunflower around it (Vogel's spiral: even, round, compact),
    /// turned by the host's hash so that neighbouring sunflowers do not line up.
    fn set_out_satellites(&self, pos: &[Point], all: &mut [Point]) {
        const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;
        let gap = self.settings.ideal_length * 0.3;
        for (host, around) in &self.satellites {
            let c = pos[*host];
            let turn = (self.hashes[*host] >> 11) as f64 / (1u64 << 53) as f64 * std::f64::consts::TAU;
            for (i, v) in around.iter().enumerate() {
                let (sin, cos) = math::sin_cos(turn + i as f64 * GOLDEN_ANGLE);
                let r = gap * (1.5 + (i as f64 + 0.5).sqrt());
                all[*v] = Point::new(c.x + r * cos, c.y + r * sin);
            }
        }
    }

    /// One step of the current level; moves to the next finer level when it has cooled.
    fn advance(&mut self) {
        let level = &self.levels[self.level];
        if self.exact {
            exact_step(
                &mut self.current,
                &mut self.disp,
                &level.edges,
                &self.settings,
                self.step,
                self.iterations,
                self.start_temperature,
            );
        } else {
            self.tree.rebuild(&self.current, &level.masses);
            barnes_hut_step(
                &mut self.current,
                &mut self.disp,
                level,
                &self.settings,
                &self.tree,
                self.step,
                self.iterations,
                self.start_temperature,
            );
        }
        self.done_work += level.masses.len() as f64;
        self.step += 1;
        if self.step < self.iterations {
            return;
        }
        if self.level == 0 {
            self.settled = true;
            return;
        }
        // Each finer level: every node starts near its cluster's place, then is only refined.
        self.level -= 1;
        self.current = self.placed(self.level, &self.current);
        self.disp = vec![Point::default(); self.current.len()];
        self.step = 0;
        self.iterations = self.settings.iterations.min(self.settings.refine_iterations).max(1);
        self.start_temperature = self.settings.ideal_length * 2.0;
    }

    /// Where the nodes of level `l` start, from the positions of level `l + 1`.
    fn placed(&self, l: usize, coarse_pos: &[Point]) -> Vec<Point> {
        let k = self.settings.ideal_length;
        let coarse = &self.levels[l + 1];
        self.parents[l]
            .iter()
            .enumerate()
            .map(|(v, &c)| {
                // An offset drawn from the organisation's hash (so, from its id), within a disc
                // the size the cluster will need.
                let h = splitmix64(self.hashes[self.firsts[l][v]] ^ (l as u64 + 1));
                let (sin, cos) = math::sin_cos((h >> 11) as f64 / (1u64 << 53) as f64 * std::f64::consts::TAU);
                let radius = k * 0.5 * coarse.masses[c].sqrt() * (0.25 + 0.75 * ((h & 0xFFFF) as f64 / 65535.0));
                Point::new(coarse_pos[c].x + radius * cos, coarse_pos[c].y + radius * sin)
            })
            .collect()
    }
}

/// Merges the nodes of a level into clusters of two or more, along edges: returns each node's
/// cluster, each cluster's first node, and the coarser level.
///
/// Nodes are visited fewest neighbours first (then by index): each takes as partner its
/// neighbour still alone with the heaviest edge for its mass, so that clusters stay even; a
/// node whose neighbours are all taken joins the lightest of their clusters (which is how a
/// hub's lone partners fold into it); isolated nodes pair with each other.
fn coarsen(level: &Level) -> (Vec<usize>, Vec<usize>, Level) {
    const NONE: usize = usize::MAX;
    let n = level.masses.len();
    // Neighbour lists, in compressed rows.
    let mut offsets = vec![0usize; n + 1];
    for &(a, b, _) in &level.edges {
        offsets[a + 1] += 1;
        offsets[b + 1] += 1;
    }
    for v in 0..n {
        offsets[v + 1] += offsets[v];
    }
    let mut fill = offsets.clone();
    let mut adjacent = vec![(0usize, 0.0f64); offsets[n]];
    for &(a, b, w) in &level.edges {
        adjacent[fill[a]] = (b, w);
        fill[a] += 1;
        adjacent[fill[b]] = (a, w);
        fill[b] += 1;
    }
    let mut order: Vec<usize> = (0..n).collect();
    // By degree, ties by index (as `sort_indices` breaks them).
    crate::core::order::sort_indices(&mut order, &|a, b| {
        (offsets[a + 1] - offsets[a]).cmp(&(offsets[b + 1] - offsets[b]))
    });

    let mut cluster = vec![NONE; n];
    let mut masses: Vec<f64> = Vec::new();
    let mut first: Vec<usize> = Vec::new();
    let mut waiting_alone = NONE;
    for &v in &order {
        if cluster[v] != NONE {
            continue;
        }
        let neighbours = &adjacent[offsets[v]..offsets[v + 1]];
        let mut partner: Option<(usize, f64)> = None;
        let same = |u: usize| level.groups[u] == level.groups[v];
        for &(u, w) in neighbours {
            let score = w / level.masses[u];
            if u != v
                && same(u)
                && cluster[u] == NONE
                && partner.is_none_or(|(p, s)| score > s || (score == s && u < p))
            {
                partner = Some((u, score));
            }
        }
        if let Some((u, _)) = partner {
            cluster[v] = masses.len();
            cluster[u] = masses.len();
            masses.push(level.masses[v] + level.masses[u]);
            first.push(v);
            continue;
        }
        let mut lightest: Option<usize> = None;
        for &(u, _) in neighbours {
            let c = cluster[u];
            if c != NONE
                && same(u)
                && lightest.is_none_or(|l| masses[c] < masses[l] || (masses[c] == masses[l] && c < l))
            {
                lightest = Some(c);
            }
        }
        let c = match lightest {
            Some(c) => c,
            None if neighbours.is_empty() && waiting_alone != NONE => std::mem::replace(&mut waiting_alone, NONE),
            None => {
                masses.push(0.0);
                first.push(v);
                if neighbours.is_empty() {
                    waiting_alone = masses.len() - 1;
                }
                masses.len() - 1
            }
        };
        cluster[v] = c;
        masses[c] += level.masses[v];
    }

    // Edges between clusters, merged; edges inside a cluster vanish.
    let mut edges: Vec<(usize, usize, f64)> = level
        .edges
        .iter()
        .filter(|(a, b, _)| cluster[*a] != cluster[*b])
        .map(|&(a, b, w)| (cluster[a].min(cluster[b]), cluster[a].max(cluster[b]), w))
        .collect();
    // Stable: merged weights are summed in the same order on every run.
    crate::core::order::sort_by_key(&mut edges, |&(a, b, _)| (a, b));
    let mut merged: Vec<(usize, usize, f64)> = Vec::with_capacity(edges.len());
    for (a, b, w) in edges {
        match merged.last_mut() {
            Some(last) if (last.0, last.1) == (a, b) => last.2 += w,
            _ => merged.push((a, b, w)),
        }
    }
    let groups = first.iter().map(|v| level.groups[*v]).collect();
    (cluster, first, Level { masses, edges: merged, groups })
}

/// One Fruchterman–Reingold step on a level, with Barnes–Hut repulsion (the tree already
/// built on `pos`) and linear cooling from `start_temperature` over `iterations` steps.
#[allow(clippy::too_many_arguments)]
fn barnes_hut_step(
    pos: &mut [Point],
    disp: &mut [Point],
    level: &Level,
    settings: &ForceSettings,
    tree: &QuadTree,
    step: usize,
    iterations: usize,
    start_temperature: f64,
) {
    let k = settings.ideal_length;
    tree.repulsion_all(k * k, settings.theta, disp);
    for &(a, b, weight) in &level.edges {
        let (dx, dy) = (pos[a].x - pos[b].x, pos[a].y - pos[b].y);
        // d²/k along the unit vector: (dx, dy) × d / k.
        let f = (dx * dx + dy * dy).sqrt() / k * weight;
        disp[a].x -= dx * f;
        disp[a].y -= dy * f;
        disp[b].x += dx * f;
        disp[b].y += dy * f;
    }
    let temperature = start_temperature * (1.0 - step as f64 / iterations as f64) + k * 0.01;
    for ((p, d), m) in pos.iter_mut().zip(disp.iter_mut()).zip(&level.masses) {
        let r = (p.x * p.x + p.y * p.y).sqrt();
        d.x -= m * settings.gravity * p.x * r / k;
        d.y -= m * settings.gravity * p.y * r / k;
        let len = (d.x * d.x + d.y * d.y).sqrt();
        if len > 0.0 {
            let step_len = len.min(temperature);
            p.x += d.x / len * step_len;
            p.y += d.y / len * step_len;
        }
    }
}
