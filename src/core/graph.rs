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
    /// Each organisation's number of links, counted once: every frame asks it of every node.
    degrees: Vec<usize>,
    /// Organisations from the most linked down (ties: export order), sorted once: the order in
    /// which a frame names them and gives them keyboard handles.
    by_degree: Vec<OrgIx>,
}

impl Graph {
    pub fn build(model: &Model) -> Graph {
        let mut builder = GraphBuilder::new(model);
        builder.advance(model, &mut || true);
        builder.finish()
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

    /// How hard an edge pulls its two ends together in a layout, and how much it ties them in
    /// a community: a pure parent tie more than links, so that programmes sit next to the body
    /// that runs them.
    pub fn pull(bundle: &Bundle) -> f64 {
        if bundle.parent_tie && bundle.links.is_empty() {
            1.5
        } else {
            1.0
        }
    }

    /// Number of links (not bundles) touching an organisation: what sizes its node.
    pub fn link_degree(&self, org: OrgIx) -> usize {
        self.degrees[org]
    }

    /// Organisations from the most linked down, ties in export order.
    pub fn most_linked_first(&self) -> &[OrgIx] {
        &self.by_degree
    }
}

/// A graph being built a slice at a time (a browser builds a large one between frames): the
/// links in export order, then the parent ties. However sliced, the same graph.
pub struct GraphBuilder {
    inner: UnGraph<OrgIx, Bundle>,
    pair_index: HashMap<(OrgIx, OrgIx), EdgeIndex>,
    /// Links added, then parent ties looked at.
    next: usize,
}

impl GraphBuilder {
    pub fn new(model: &Model) -> GraphBuilder {
        let mut inner = UnGraph::with_capacity(model.organizations.len(), model.links.len());
        for i in 0..model.organizations.len() {
            inner.add_node(i);
        }
        GraphBuilder { inner, pair_index: HashMap::with_capacity(model.links.len()), next: 0 }
    }

    /// Adds links, then parent ties, until all are in (`true`) or `keep_going`, asked every
    /// few hundred, says stop.
    pub fn advance(&mut self, model: &Model, keep_going: &mut dyn FnMut() -> bool) -> bool {
        let (links, orgs) = (model.links.len(), model.organizations.len());
        while self.next < links + orgs {
            let end = (self.next + 256).min(links + orgs);
            for item in self.next..end {
                if item < links {
                    let link = &model.links[item];
                    let e = self.edge_for(link.from, link.to);
                    let bundle = &mut self.inner[e];
                    bundle.links.push(item);
                    bundle.total = Cents(bundle.total.0 + link.amount.map_or(0, |c| c.0));
                    if !bundle.kinds.contains(&link.kind) {
                        let at = bundle.kinds.partition_point(|k| *k < link.kind);
                        bundle.kinds.insert(at, link.kind);
                    }
                } else if let Some(parent) = model.organizations[item - links].parent {
                    let e = self.edge_for(item - links, parent);
                    self.inner[e].parent_tie = true;
                }
            }
            self.next = end;
            if self.next < links + orgs && !keep_going() {
                return false;
            }
        }
        true
    }

    pub fn finish(self) -> Graph {
        let mut degrees = vec![0; self.inner.node_count()];
        for bundle in self.inner.edge_weights() {
            degrees[bundle.ends.0] += bundle.links.len();
            degrees[bundle.ends.1] += bundle.links.len();
        }
        let mut by_degree: Vec<OrgIx> = (0..degrees.len()).collect();
        crate::core::order::sort_indices(&mut by_degree, &|a, b| degrees[b].cmp(&degrees[a]));
        Graph { inner: self.inner, pair_index: self.pair_index, degrees, by_degree }
    }

    fn edge_for(&mut self, a: OrgIx, b: OrgIx) -> EdgeIndex {
        let ends = (a.min(b), a.max(b));
        let inner = &mut self.inner;
        *self.pair_index.entry(ends).or_insert_with(|| {
            inner.add_edge(
                NodeIndex::new(ends.0),
                NodeIndex::new(ends.1),
                Bundle { ends, links: Vec::new(), parent_tie: false, total: Cents(0), kinds: Vec::new() },
            )
        })
    }
}
