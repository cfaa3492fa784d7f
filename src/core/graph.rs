//! Model → petgraph graph: one node per organisation, one edge per pair of organisations.
//!
//! All the links between the same two organisations (a convention and its data annex, yearly
//! fees) become one *bundle* edge, which is what the picture draws and what a click opens.
//! Parent ties (an agency under its operator) are edges too, so the layout keeps families
//! together, but they carry no link. The graph is immutable once built.

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use super::model::{Cents, LinkIx, LinkKind, Model, OrgIx};

/// What an edge of the graph stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    /// The two organisations, lower index first.
    pub ends: (OrgIx, OrgIx),
    /// The links between them, in export order; empty for a pure parent tie.
    pub links: Vec<LinkIx>,
    /// One of the two is the other's parent.
    pub parent_tie: bool,
    /// Sum of the links' amounts.
    pub total: Cents,
    /// The distinct kinds among the links, in `LinkKind` order.
    pub kinds: Vec<LinkKind>,
}

#[derive(Debug, Clone)]
pub struct Graph {
    /// Node weights are organisation indices; node `i` is organisation `i`.
    pub inner: UnGraph<OrgIx, Bundle>,
    pair_index: HashMap<(OrgIx, OrgIx), EdgeIndex>,
}

impl Graph {
    pub fn build(model: &Model) -> Graph {
        let mut inner = UnGraph::with_capacity(model.organizations.len(), model.links.len());
        for i in 0..model.organizations.len() {
            inner.add_node(i);
        }
        let mut pair_index: HashMap<(OrgIx, OrgIx), EdgeIndex> = HashMap::new();
        let mut edge_for = |inner: &mut UnGraph<OrgIx, Bundle>, a: OrgIx, b: OrgIx| {
            let ends = (a.min(b), a.max(b));
            *pair_index.entry(ends).or_insert_with(|| {
                inner.add_edge(
                    NodeIndex::new(ends.0),
                    NodeIndex::new(ends.1),
                    Bundle { ends, links: Vec::new(), parent_tie: false, total: Cents(0), kinds: Vec::new() },
                )
            })
        };
        for (ix, link) in model.links.iter().enumerate() {
            let e = edge_for(&mut inner, link.from, link.to);
            let bundle = &mut inner[e];
            bundle.links.push(ix);
            bundle.total = Cents(bundle.total.0 + link.amount.map_or(0, |c| c.0));
            if !bundle.kinds.contains(&link.kind) {
                let at = bundle.kinds.partition_point(|k| *k < link.kind);
                bundle.kinds.insert(at, link.kind);
            }
        }
        for (ix, org) in model.organizations.iter().enumerate() {
            if let Some(parent) = org.parent {
                let e = edge_for(&mut inner, ix, parent);
                inner[e].parent_tie = true;
            }
        }
        Graph { inner, pair_index }
    }

    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    pub fn bundles(&self) -> impl Iterator<Item = (EdgeIndex, &Bundle)> {
        self.inner.edge_references().map(|e| (e.id(), e.weight()))
    }

    pub fn bundle(&self, edge: EdgeIndex) -> &Bundle {
        &self.inner[edge]
    }

    /// The bundle between two organisations, in either order.
    pub fn bundle_between(&self, a: OrgIx, b: OrgIx) -> Option<EdgeIndex> {
        self.pair_index.get(&(a.min(b), a.max(b))).copied()
    }

    /// Organisations one edge away (links and parent ties alike).
    pub fn neighbours(&self, org: OrgIx) -> impl Iterator<Item = OrgIx> + '_ {
        self.inner.neighbors(NodeIndex::new(org)).map(|n| n.index())
    }

    /// Number of links (not bundles) touching an organisation: what sizes its node.
    pub fn link_degree(&self, org: OrgIx) -> usize {
        self.inner.edges(NodeIndex::new(org)).map(|e| e.weight().links.len()).sum()
    }
}
