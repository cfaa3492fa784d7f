//! What a force layout needs of a network, and nothing more: a hash of each organisation's id
//! (its start position) and the graph's edges with their pull. Small enough to be sent to a
//! Web Worker as one array of numbers, which lays out the network while the page stays free.

use petgraph::visit::EdgeRef;

use crate::core::graph::Graph;
use crate::core::model::Model;

#[derive(Debug, Clone, PartialEq)]
pub struct LayoutInput {
    /// A hash of each organisation's id, indexed like `model.organizations`: the same id
    /// always starts in the same place, whatever else the file holds.
    pub hashes: Vec<u64>,
    /// The graph's edges in its own order: two organisations and how hard they pull.
    pub edges: Vec<(usize, usize, f64)>,
}

impl LayoutInput {
    pub fn new(model: &Model, graph: &Graph) -> LayoutInput {
        let hashes = model.organizations.iter().map(|o| fnv1a(o.id.as_bytes())).collect();
        let edges = graph
            .inner
            .edge_references()
            .map(|e| {
                // A parent tie pulls harder, so programmes sit next to the body that runs them.
                let weight = if e.weight().parent_tie && e.weight().links.is_empty() { 1.5 } else { 1.0 };
                (e.source().index(), e.target().index(), weight)
            })
            .collect();
        LayoutInput { hashes, edges }
    }

    /// The input as 32-bit words: counts, then each hash in two halves, then each edge's ends
    /// and weight (an `f32`'s bits).
    pub fn to_words(&self) -> Vec<u32> {
        let mut words = Vec::with_capacity(2 + 2 * self.hashes.len() + 3 * self.edges.len());
        words.extend([self.hashes.len() as u32, self.edges.len() as u32]);
        for h in &self.hashes {
            words.extend([*h as u32, (*h >> 32) as u32]);
        }
        for &(a, b, w) in &self.edges {
            words.extend([a as u32, b as u32, (w as f32).to_bits()]);
        }
        words
    }

    /// Reads `to_words`' output back; `None` for anything else.
    pub fn from_words(words: &[u32]) -> Option<LayoutInput> {
        let (&n, &m) = (words.first()?, words.get(1)?);
        let (n, m) = (n as usize, m as usize);
        let hashes = words.get(2..2 + 2 * n)?;
        let edges = words.get(2 + 2 * n..)?;
        if edges.len() != 3 * m {
            return None;
        }
        let hashes = hashes.chunks_exact(2).map(|h| u64::from(h[0]) | u64::from(h[1]) << 32).collect();
        let edges = edges
            .chunks_exact(3)
            .map(|e| (e[0] as usize, e[1] as usize, f64::from(f32::from_bits(e[2]))))
            .collect::<Vec<_>>();
        edges.iter().all(|&(a, b, _)| a < n && b < n).then_some(LayoutInput { hashes, edges })
    }
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
