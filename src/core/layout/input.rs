//! What a force layout needs of a network, and nothing more: a hash of each organisation's id
//! (its start position) and the graph's edges with their pull. The page sends it to the layout
//! worker as `Ties`, one array of numbers, read as soon as the validator has read the links.

use std::collections::HashMap;

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
            .map(|e| (e.source().index(), e.target().index(), Graph::pull(e.weight())))
            .collect();
        LayoutInput { hashes, edges }
    }

    /// The input from the ties the validator read, with the graph's edges in the graph's own
    /// order: a pair's first link makes its edge, a parent tie where no link is pulls harder
    /// (as `Graph::pull` says).
    pub fn from_ties(ties: &Ties) -> LayoutInput {
        let mut edges: Vec<(usize, usize, f64)> = Vec::with_capacity(ties.links.len());
        let mut seen: HashMap<(u32, u32), ()> = HashMap::with_capacity(ties.links.len());
        let pairs = ties.links.iter().map(|p| (p, 1.0)).chain(ties.parents.iter().map(|p| (p, 1.5)));
        for (&(a, b), weight) in pairs {
            let ends = (a.min(b), a.max(b));
            if seen.insert(ends, ()).is_none() {
                edges.push((ends.0 as usize, ends.1 as usize, weight));
            }
        }
        LayoutInput { hashes: ties.hashes.clone(), edges }
    }
}

/// What a layout needs of an export, as the validator reads it: each organisation's id hash,
/// each link's two ends, each parent tie (child, parent), in export order. Read before the
/// checks end, they let the layout worker start while the page still checks the export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ties {
    pub hashes: Vec<u64>,
    pub links: Vec<(u32, u32)>,
    pub parents: Vec<(u32, u32)>,
}

impl Ties {
    pub fn of(model: &Model) -> Ties {
        let orgs = &model.organizations;
        Ties {
            hashes: orgs.iter().map(|o| fnv1a(o.id.as_bytes())).collect(),
            links: model.links.iter().map(|l| (l.from as u32, l.to as u32)).collect(),
            parents: orgs.iter().enumerate().filter_map(|(i, o)| Some((i as u32, o.parent? as u32))).collect(),
        }
    }

    /// The ties of an export read straight from its bytes, as the validator would read them
    /// from a valid one: what the layout worker reads for itself, while the page still checks
    /// the export. `None` when these bytes are no export it can read so (the page's ties come).
    pub fn from_export(bytes: &[u8]) -> Option<Ties> {
        #[derive(serde::Deserialize)]
        struct Export {
            organizations: Vec<Org>,
            links: Vec<Pair>,
        }
        #[derive(serde::Deserialize)]
        struct Org {
            id: String,
            parent: Option<String>,
        }
        #[derive(serde::Deserialize)]
        struct Pair {
            from: String,
            to: String,
        }
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let export: Export = serde_json::from_slice(bytes).ok()?;
        let mut index: HashMap<&str, u32> = HashMap::with_capacity(export.organizations.len());
        for (i, org) in export.organizations.iter().enumerate() {
            // A repeated id: the export is refused, and no ties are given.
            index.insert(&org.id, i as u32).is_none().then_some(())?;
        }
        let find = |id: &str| index.get(id).copied();
        let mut parents = Vec::new();
        for (i, org) in export.organizations.iter().enumerate() {
            if let Some(parent) = &org.parent {
                parents.push((i as u32, find(parent)?));
            }
        }
        let links = export.links.iter().map(|l| Some((find(&l.from)?, find(&l.to)?))).collect::<Option<_>>()?;
        let hashes = export.organizations.iter().map(|o| fnv1a(o.id.as_bytes())).collect();
        Some(Ties { hashes, links, parents })
    }

    /// A fingerprint of the ties, by which the page knows that the worker read the same ones.
    /// 24 bits: it travels as one of the worker's 32-bit floats, which hold such an integer exactly.
    pub fn digest(&self) -> u32 {
        words_digest(&self.to_words())
    }

    /// The ties as 32-bit words: three counts, each hash in two halves, then the pairs.
    pub fn to_words(&self) -> Vec<u32> {
        let mut words = vec![self.hashes.len() as u32, self.links.len() as u32, self.parents.len() as u32];
        words.extend(self.hashes.iter().flat_map(|h| [*h as u32, (*h >> 32) as u32]));
        words.extend(self.links.iter().chain(&self.parents).flat_map(|&(a, b)| [a, b]));
        words
    }

    /// Reads `to_words`' output back; `None` for anything else.
    pub fn from_words(words: &[u32]) -> Option<Ties> {
        let [n, l, p] = [words.first()?, words.get(1)?, words.get(2)?].map(|w| *w as usize);
        let rest = words.get(3..)?;
        if rest.len() != 2 * (n + l + p) {
            return None;
        }
        let (hashes, pairs) = rest.split_at(2 * n);
        let pairs: Vec<(u32, u32)> = pairs.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        if pairs.iter().any(|&(a, b)| a as usize >= n || b as usize >= n || a == b) {
            return None;
        }
        Some(Ties {
            hashes: hashes.chunks_exact(2).map(|h| u64::from(h[0]) | u64::from(h[1]) << 32).collect(),
            links: pairs[..l].to_vec(),
            parents: pairs[l..].to_vec(),
        })
    }
}

/// The only number of the layout worker's message asking for the page's ties (it could not read
/// them from the export's bytes).
pub const ASK_FOR_TIES: f32 = -1.0;

/// `Ties::digest` of the ties these words hold (`Ties::to_words`), for who has the words already.
pub fn words_digest(words: &[u32]) -> u32 {
    let hash = words.iter().fold(fnv1a(&[]), |h, w| (h ^ u64::from(*w)).wrapping_mul(0x0100_0000_01b3));
    ((hash >> 40) ^ hash) as u32 & 0x00ff_ffff
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
