//! Communities of the network (Louvain): groups of organisations tied more among themselves than
//! to the rest. A picture of thousands of organisations is read by them: each is drawn as a
//! region named after its most linked organisation (`scene.rs`).
//!
//! Louvain (Blondel et al., 2008): every node starts alone; nodes move, one at a time, to the
//! neighbouring community that raises modularity most, until none does; the communities then
//! become the nodes of a smaller network, and so on until nothing moves. Deterministic: nodes
//! are visited in index order, ties go to the lower community, sums run in a fixed order.

use super::graph::Graph;
use super::model::OrgIx;

/// The communities of a network and what names them.
#[derive(Debug, Clone, PartialEq)]
pub struct Communities {
    /// The community of each organisation (an index into `members`).
    pub of: Vec<usize>,
    /// Each community's organisations, in index order; the largest community first.
    pub members: Vec<Vec<OrgIx>>,
    /// Each community's most linked organisation (ties: the first), which names it.
    pub main: Vec<OrgIx>,
}

impl Communities {
    /// Names and lists the communities `of` gives (as `louvain` numbers them), each named by
    /// its organisation with the most links (`degrees`, one per organisation).
    pub fn new(of: Vec<usize>, degrees: &[usize]) -> Communities {
        let count = of.iter().map(|c| c + 1).max().unwrap_or(0);
        let mut members: Vec<Vec<OrgIx>> = vec![Vec::new(); count];
        for (org, c) in of.iter().enumerate() {
            members[*c].push(org);
        }
        let main = members
            .iter()
            .map(|m| m.iter().copied().max_by_key(|o| (degrees[*o], usize::MAX - o)).unwrap_or(0))
            .collect();
        Communities { of, members, main }
    }

    /// Louvain on the graph's edges, each weighing its pull (as the layout's do).
    pub fn of_graph(graph: &Graph) -> Communities {
        let edges: Vec<(usize, usize, f64)> =
            graph.bundles().map(|(_, b)| (b.ends.0, b.ends.1, Graph::pull(b))).collect();
        let degrees: Vec<usize> = (0..graph.node_count()).map(|o| graph.link_degree(o)).collect();
        Communities::new(louvain(graph.node_count(), &edges), &degrees)
    }
}

/// The community of each of `n` nodes joined by weighted `edges`, numbered from the largest
/// community (0) down, ties by first node. A node tied to nobody is a community of its own.
pub fn louvain(n: usize, edges: &[(usize, usize, f64)]) -> Vec<usize> {
    let mut level = Level::new(n, edges.iter().copied(), vec![0.0; n]);
    // The community of each original node, as levels merge them.
    let mut of: Vec<usize> = (0..n).collect();
    loop {
        let community = level.move_nodes();
        let count = community.iter().map(|c| c + 1).max().unwrap_or(0);
        of.iter_mut().for_each(|c| *c = community[*c]);
        if count == level.len() {
            break;
        }
        level = level.aggregate(&community, count);
    }
    number_by_size(&of)
}

/// One level: nodes, their weighted neighbours in compressed rows, and the weight each node
/// carries inside itself (the edges within a community that became the node).
struct Level {
    offsets: Vec<usize>,
    neighbours: Vec<(usize, f64)>,
    inner: Vec<f64>,
}

impl Level {
    fn new(n: usize, edges: impl Iterator<Item = (usize, usize, f64)> + Clone, inner: Vec<f64>) -> Level {
        let mut offsets = vec![0usize; n + 1];
        for (a, b, _) in edges.clone() {
            offsets[a + 1] += 1;
            offsets[b + 1] += 1;
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        let mut fill = offsets.clone();
        let mut neighbours = vec![(0, 0.0); offsets[n]];
        for (a, b, w) in edges {
            neighbours[fill[a]] = (b, w);
            fill[a] += 1;
            neighbours[fill[b]] = (a, w);
            fill[b] += 1;
        }
        Level { offsets, neighbours, inner }
    }

    fn len(&self) -> usize {
        self.inner.len()
    }

    fn of(&self, v: usize) -> &[(usize, f64)] {
        &self.neighbours[self.offsets[v]..self.offsets[v + 1]]
    }

    /// Moves nodes between communities while modularity rises; returns each node's
    /// community, numbered in order of first node.
    fn move_nodes(&self) -> Vec<usize> {
        let n = self.len();
        // A node's degree counts its inner weight twice, as an edge to itself would.
        let degree: Vec<f64> =
            (0..n).map(|v| self.of(v).iter().map(|e| e.1).sum::<f64>() + 2.0 * self.inner[v]).collect();
        let two_m: f64 = degree.iter().sum();
        let mut community: Vec<usize> = (0..n).collect();
        if two_m == 0.0 {
            return community;
        }
        let mut total = degree.clone();
        let mut towards = vec![0.0; n];
        let mut touched: Vec<usize> = Vec::new();
        // Passes until (nearly) nothing moves: the last moves of a long tail change little.
        for _pass in 0..32 {
            let mut moved = 0;
            for v in 0..n {
                let own = community[v];
                for &(u, w) in self.of(v) {
                    if towards[community[u]] == 0.0 {
                        touched.push(community[u]);
                    }
                    towards[community[u]] += w;
                }
                total[own] -= degree[v];
                let gain = |c: usize| towards[c] - total[c] * degree[v] / two_m;
                // The best other community (ties: the lower), taken only if strictly better.
                let mut best = (own, gain(own));
                let mut other: Option<(usize, f64)> = None;
                for &c in touched.iter().filter(|c| **c != own) {
                    let g = gain(c);
                    if other.is_none_or(|(o, og)| g > og + 1e-12 || (g > og - 1e-12 && c < o)) {
                        other = Some((c, g));
                    }
                }
                if let Some((c, g)) = other.filter(|(_, g)| *g > best.1 + 1e-12) {
                    best = (c, g);
                    community[v] = c;
                    moved += 1;
                }
                total[best.0] += degree[v];
                touched.drain(..).for_each(|c| towards[c] = 0.0);
                towards[own] = 0.0;
            }
            if moved * 500 <= n {
                break;
            }
        }
        // Numbered in order of first node.
        let mut number = vec![usize::MAX; n];
        let mut next = 0;
        community
            .iter()
            .map(|c| {
                if number[*c] == usize::MAX {
                    number[*c] = next;
                    next += 1;
                }
                number[*c]
            })
            .collect()
    }

    /// The next level: a node per community, edges between communities summed, edges inside
    /// one kept as its inner weight.
    fn aggregate(&self, community: &[usize], count: usize) -> Level {
        let mut inner = vec![0.0; count];
        let mut between: Vec<(usize, usize, f64)> = Vec::new();
        for v in 0..self.len() {
            inner[community[v]] += self.inner[v];
            for &(u, w) in self.of(v) {
                let (a, b) = (community[v], community[u]);
                match a.cmp(&b) {
                    std::cmp::Ordering::Less => between.push((a, b, w)),
                    // Each inner edge is met from both ends: half of it each time.
                    std::cmp::Ordering::Equal => inner[a] += w / 2.0,
                    std::cmp::Ordering::Greater => {}
                }
            }
        }
        // Stable: merged weights are summed in the same order on every run.
        super::order::sort_by_key(&mut between, |&(a, b, _)| (a, b));
        let mut merged: Vec<(usize, usize, f64)> = Vec::with_capacity(between.len());
        for (a, b, w) in between {
            match merged.last_mut() {
                Some(last) if (last.0, last.1) == (a, b) => last.2 += w,
                _ => merged.push((a, b, w)),
            }
        }
        Level::new(count, merged.iter().copied(), inner)
    }
}

/// Communities renumbered from the largest down, ties by first node.
fn number_by_size(of: &[usize]) -> Vec<usize> {
    let count = of.iter().map(|c| c + 1).max().unwrap_or(0);
    let mut size = vec![0usize; count];
    of.iter().for_each(|c| size[*c] += 1);
    // Communities are numbered in order of first node already, which breaks ties.
    let mut order: Vec<usize> = (0..count).collect();
    super::order::sort_indices(&mut order, &|a, b| size[b].cmp(&size[a]));
    let mut rank = vec![0; count];
    order.iter().enumerate().for_each(|(r, c)| rank[*c] = r);
    of.iter().map(|c| rank[*c]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clique(first: usize, size: usize) -> Vec<(usize, usize, f64)> {
        (first..first + size).flat_map(|a| (a + 1..first + size).map(move |b| (a, b, 1.0))).collect()
    }

    #[test]
    fn two_cliques_joined_by_one_edge_are_two_communities() {
        let mut edges = clique(0, 5);
        edges.extend(clique(5, 6));
        edges.push((4, 5, 1.0));
        let of = louvain(11, &edges);
        // The larger clique is community 0.
        assert_eq!(of, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn a_ring_of_cliques_gives_each_clique_its_community_and_the_lone_their_own() {
        let mut edges = Vec::new();
        for c in 0..8 {
            edges.extend(clique(c * 5, 5));
            edges.push((c * 5, ((c + 1) % 8) * 5 + 1, 1.0));
        }
        let of = louvain(42, &edges);
        assert_eq!(of, louvain(42, &edges), "the same every time");
        for c in 0..8 {
            assert!((c * 5..c * 5 + 5).all(|v| of[v] == of[c * 5]), "clique {c} split: {of:?}");
            assert!((0..40).filter(|v| of[*v] == of[c * 5]).count() == 5, "clique {c} merged: {of:?}");
        }
        assert_ne!(of[40], of[41]);
        assert!(of[40] >= 8 && of[41] >= 8, "the lone come after the larger communities");
    }

    #[test]
    fn no_edge_no_community() {
        assert_eq!(louvain(3, &[]), [0, 1, 2]);
        assert_eq!(louvain(0, &[]), Vec::<usize>::new());
    }
}
