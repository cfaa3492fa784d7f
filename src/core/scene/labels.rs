//! Where labels go: in priority order, each beside its node where it hides nothing else, and
//! never one on another, on a grid of screen cells so that each test looks only nearby.

use super::{
    bundle_badge, node_label, Camera, Emphasis, Highlight, Label, LabelOwner, NodeShape, Scene, SceneInput,
    COMMUNITY_FONT,
};
use crate::core::layout::Point;
use crate::core::model::OrgIx;

/// At most this many organisations are tried for a label per frame, most linked first: on a
/// large graph the hubs are named first and the rest as one zooms in.
const LABEL_TRIES: usize = 2500;
/// Seen from afar, the organisations tried for a label besides the communities' names.
const NAMED_HUBS: usize = 24;

/// Labels in priority order (selection, pointer, its neighbours, then the most linked); each
/// tries below, above, right and left of its node and is dropped if all four collide, unless
/// it is the selected or hovered one. Bundle badges come after the node labels they serve.
pub(super) fn place_labels(
    input: &SceneInput,
    scene: &Scene,
    lit: &Highlight,
    measure: &dyn Fn(&str, f64) -> f64,
) -> Vec<Label> {
    let SceneInput { model, graph, focus, settings, camera, visible, year, lang, .. } = input;
    let font = settings.font_size;
    let height = font * 1.35;
    // Candidates in order: the selected and pointed at, then (while something is highlighted)
    // the highlighted, then the rest, each group from the most linked down.
    let mut shape_of = vec![usize::MAX; model.organizations.len()];
    scene.nodes.iter().enumerate().for_each(|(i, n)| shape_of[n.org] = i);
    let forced = |org: OrgIx| focus.selected_org == Some(org) || focus.hovered == Some(org);
    let lit_first = |org: OrgIx| lit.active && lit.nodes[org];
    let shown = |org: &OrgIx| shape_of[*org] != usize::MAX;
    let order = graph.most_linked_first();
    let mut first: Vec<OrgIx> = [focus.selected_org, focus.hovered].into_iter().flatten().filter(shown).collect();
    first.dedup();
    let lit_count = order.iter().filter(|o| shown(o) && !forced(**o) && lit_first(**o)).count();
    // Seen from afar, where communities are named, only the most linked organisations are too.
    let naming = scene.regions.first().is_some_and(|r| r.strength >= 0.5);
    let most = if naming { NAMED_HUBS } else { LABEL_TRIES };
    let rest = most.saturating_sub(first.len() + lit_count);
    let candidates = first
        .iter()
        .copied()
        .chain(order.iter().copied().filter(|o| shown(o) && !forced(*o) && lit_first(*o)))
        .chain(order.iter().copied().filter(|o| shown(o) && !forced(*o) && !lit_first(*o)).take(rest))
        .map(|o| (forced(o), &scene.nodes[shape_of[o]]));

    // On a crowded picture labels may cover dots (see `free_at`): no grid of the dots then.
    let nodes = if scene.dense { BoxGrid::new(camera) } else { BoxGrid::of_nodes(&scene.nodes, camera) };
    let mut placed: Vec<Label> = Vec::new();
    let mut taken = BoxGrid::new(camera);
    // On a crowded picture every label would hide some dot: there labels only avoid each other.
    let free_at = |label: &Label, own: Option<OrgIx>, placed: &[Label], taken: &BoxGrid| {
        !taken.near(label).any(|i| placed[i].overlaps(label))
            && (scene.dense || !covers_node(label, &scene.nodes, &nodes, own))
    };
    // Seen from afar, the communities' names come first, each over the middle of its region
    // (or a line above or below), largest community first.
    let mut named: Vec<OrgIx> = Vec::new();
    if naming {
        let (size, tall) = (font * COMMUNITY_FONT, font * COMMUNITY_FONT * 1.35);
        let emphasis = if lit.active { Emphasis::Faded } else { Emphasis::Normal };
        for region in &scene.regions {
            let text = node_label(model, region.main, *year);
            let width = measure(text, size) + 12.0;
            let c = region.centre;
            let found = [0.0, -1.0, 1.0, -2.0, 2.0]
                .iter()
                .map(|k| Label {
                    owner: LabelOwner::Community(region.main),
                    text: String::new(),
                    origin: Point::new(c.x - width / 2.0, c.y + (k - 0.5) * tall),
                    width,
                    height: tall,
                    emphasis,
                    bold: true,
                })
                .find(|l| inside_view(l, camera) && !taken.near(l).any(|i| placed[i].overlaps(l)));
            if let Some(mut label) = found {
                label.text = text.to_string();
                taken.insert(&label, placed.len());
                placed.push(label);
                named.push(region.main);
            }
        }
    }
    for (forced, node) in candidates {
        let text = node_label(model, node.org, *year);
        let (c, r) = (node.centre, node.radius);
        // A label is never narrower than its first letters: if even that is blocked on every
        // side, skip the measuring (the costly part on a crowded screen).
        let least = font * 2.0;
        let spots = |width: f64| {
            [
                Point::new(c.x - width / 2.0, c.y + r + 2.0),
                Point::new(c.x - width / 2.0, c.y - r - 2.0 - height),
                Point::new(c.x + r + 3.0, c.y - height / 2.0),
                Point::new(c.x - r - 3.0 - width, c.y - height / 2.0),
            ]
        };
        // Tried without its text, which only the placed label gets (one copy, not four).
        let probe = |origin: Point, width: f64| Label {
            owner: LabelOwner::Node(node.org),
            text: String::new(),
            origin,
            width,
            height,
            emphasis: node.emphasis,
            bold: node.selected || focus.hovered == Some(node.org),
        };
        // An organisation that names its community's region is named there already.
        if !forced && named.contains(&node.org) {
            continue;
        }
        let hopeless =
            !forced && spots(least).iter().all(|s| !free_at(&probe(*s, least), Some(node.org), &placed, &taken));
        if hopeless {
            continue;
        }
        let width = measure(text, font) + 8.0;
        let free = spots(width)
            .iter()
            .map(|s| probe(*s, width))
            .find(|l| free_at(l, Some(node.org), &placed, &taken) && inside_view(l, camera));
        let mut label = match free {
            Some(label) => label,
            None if forced => probe(spots(width)[0], width),
            None => continue,
        };
        label.text = text.to_string();
        taken.insert(&label, placed.len());
        placed.push(label);
    }

    let badge_font = settings.badge_font_size;
    let show_all_badges = graph.inner.edge_count() <= 300;
    for edge in &scene.edges {
        let wanted_kind = show_all_badges || edge.emphasis == Emphasis::Highlighted;
        if !wanted_kind || edge.emphasis == Emphasis::Faded {
            continue;
        }
        let bundle = graph.bundle(edge.bundle);
        let shown = bundle.links.iter().filter(|l| visible.links[**l]).count();
        if shown < 2 {
            continue;
        }
        let text = bundle_badge(model, bundle, visible, *lang);
        let width = measure(&text, badge_font) + 10.0;
        let h = badge_font * 1.6;
        // The middle of the line first, then points further along it either way.
        let free = [0.5, 0.38, 0.62, 0.28, 0.72]
            .iter()
            .map(|t| {
                let at = Point::new(edge.a.x + (edge.b.x - edge.a.x) * t, edge.a.y + (edge.b.y - edge.a.y) * t);
                Label {
                    owner: LabelOwner::Bundle(edge.bundle),
                    text: text.clone(),
                    origin: Point::new(at.x - width / 2.0, at.y - h / 2.0),
                    width,
                    height: h,
                    emphasis: edge.emphasis,
                    bold: false,
                }
            })
            .find(|l| free_at(l, None, &placed, &taken));
        if let Some(label) = free {
            taken.insert(&label, placed.len());
            placed.push(label);
        }
    }
    placed
}

/// Screen boxes (node discs, labels) sorted into square cells, so that a collision test looks
/// only at its neighbourhood instead of at every shape on screen.
struct BoxGrid {
    cell: f64,
    columns: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
}

impl BoxGrid {
    const CELL: f64 = 64.0;

    fn new(camera: &Camera) -> BoxGrid {
        let columns = (camera.width / Self::CELL).ceil().max(1.0) as usize + 2;
        let rows = (camera.height / Self::CELL).ceil().max(1.0) as usize + 2;
        BoxGrid { cell: Self::CELL, columns, rows, cells: vec![Vec::new(); columns * rows] }
    }

    fn of_nodes(nodes: &[NodeShape], camera: &Camera) -> BoxGrid {
        let mut grid = BoxGrid::new(camera);
        for (i, n) in nodes.iter().enumerate() {
            let r = n.radius + 1.5;
            grid.insert_box(Point::new(n.centre.x - r, n.centre.y - r), Point::new(n.centre.x + r, n.centre.y + r), i);
        }
        grid
    }

    fn insert(&mut self, label: &Label, item: usize) {
        self.insert_box(label.origin, Point::new(label.origin.x + label.width, label.origin.y + label.height), item);
    }

    /// Cell range covering a box; shapes beyond the screen's edge go to the border cells.
    fn span(&self, lo: Point, hi: Point) -> (usize, usize, usize, usize) {
        // `max` then `min` rather than `f64::clamp` wherever the bounds are not constants: its
        // panic message prints them, which would keep the float printer in the browser build.
        let column = |x: f64| ((x / self.cell).floor() + 1.0).max(0.0).min((self.columns - 1) as f64) as usize;
        let row = |y: f64| ((y / self.cell).floor() + 1.0).max(0.0).min((self.rows - 1) as f64) as usize;
        (column(lo.x), column(hi.x), row(lo.y), row(hi.y))
    }

    fn insert_box(&mut self, lo: Point, hi: Point, item: usize) {
        let (c0, c1, r0, r1) = self.span(lo, hi);
        for r in r0..=r1 {
            for c in c0..=c1 {
                self.cells[r * self.columns + c].push(item);
            }
        }
    }

    /// Items whose box may meet the label's (some more than once).
    fn near<'g>(&'g self, label: &Label) -> impl Iterator<Item = usize> + 'g {
        let (c0, c1, r0, r1) =
            self.span(label.origin, Point::new(label.origin.x + label.width, label.origin.y + label.height));
        (r0..=r1).flat_map(move |r| (c0..=c1).flat_map(move |c| self.cells[r * self.columns + c].iter().copied()))
    }
}

/// Whether a label box would hide a node other than its own.
fn covers_node(label: &Label, nodes: &[NodeShape], grid: &BoxGrid, own: Option<OrgIx>) -> bool {
    grid.near(label).map(|i| &nodes[i]).filter(|n| Some(n.org) != own).any(|n| {
        // (`max` then `min`, not `clamp`: see `BoxGrid::span`.)
        let nearest_x = n.centre.x.max(label.origin.x).min(label.origin.x + label.width);
        let nearest_y = n.centre.y.max(label.origin.y).min(label.origin.y + label.height);
        n.centre.distance(Point::new(nearest_x, nearest_y)) < n.radius + 1.5
    })
}

fn inside_view(label: &Label, camera: &Camera) -> bool {
    label.origin.x >= 0.0
        && label.origin.y >= 0.0
        && label.origin.x + label.width <= camera.width
        && label.origin.y + label.height <= camera.height
}
