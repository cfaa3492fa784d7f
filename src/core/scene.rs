//! Graph + positions + focus + camera → what is drawn: shapes in screen pixels, styled and
//! highlighted, with labels placed so that they never pile on each other. Also hit-tests.
//!
//! Highlights are derived here on every frame and never written into the model.
//! Text widths come from the caller (the canvas measures them; tests approximate).

use std::rc::Rc;

use petgraph::graph::EdgeIndex;

use super::graph::{Bundle, Graph};
use super::i18n::Lang;
use super::layout::{bounds, Point};
use super::math;
use super::model::{Cents, LinkIx, LinkKind, Model, OrgIx, OrgKind};
use super::query::{name_in_year, Visible};

/// Maps layout space to screen pixels: `screen = (world - centre) × zoom + size / 2`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    pub centre: Point,
    pub zoom: f64,
    pub width: f64,
    pub height: f64,
}

/// Far enough out to see a 50 000-organisation network whole.
pub const MIN_ZOOM: f64 = 0.002;
pub const MAX_ZOOM: f64 = 8.0;

impl Camera {
    pub fn to_screen(&self, p: Point) -> Point {
        Point::new(
            (p.x - self.centre.x) * self.zoom + self.width / 2.0,
            (p.y - self.centre.y) * self.zoom + self.height / 2.0,
        )
    }

    pub fn to_world(&self, s: Point) -> Point {
        Point::new(
            (s.x - self.width / 2.0) / self.zoom + self.centre.x,
            (s.y - self.height / 2.0) / self.zoom + self.centre.y,
        )
    }

    /// A camera showing every point with `margin` pixels to spare on each side.
    pub fn fit(points: &[Point], width: f64, height: f64, margin: f64) -> Camera {
        let Some((lo, hi)) = bounds(points) else {
            return Camera { centre: Point::default(), zoom: 1.0, width, height };
        };
        let span_x = (hi.x - lo.x).max(1.0);
        let span_y = (hi.y - lo.y).max(1.0);
        let zoom = ((width - 2.0 * margin).max(10.0) / span_x)
            .min((height - 2.0 * margin).max(10.0) / span_y)
            .clamp(MIN_ZOOM, 2.0);
        Camera { centre: Point::new((lo.x + hi.x) / 2.0, (lo.y + hi.y) / 2.0), zoom, width, height }
    }

    /// Zooms by `factor` keeping the world point under `anchor` (screen pixels) still.
    pub fn zoom_at(&mut self, anchor: Point, factor: f64) {
        let before = self.to_world(anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.to_world(anchor);
        self.centre.x += before.x - after.x;
        self.centre.y += before.y - after.y;
    }

    /// Moves the view by a screen-pixel drag.
    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        self.centre.x -= dx / self.zoom;
        self.centre.y -= dy / self.zoom;
    }
}

/// What the user has picked or is pointing at; highlights follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Focus {
    pub selected_org: Option<OrgIx>,
    pub selected_link: Option<LinkIx>,
    pub selected_bundle: Option<EdgeIndex>,
    /// Under the pointer, or holding keyboard focus: wins over the selection for highlighting.
    pub hovered: Option<OrgIx>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    Normal,
    Highlighted,
    Faded,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub colour: &'static str,
    pub dash: &'static [f64],
    pub width: f64,
    /// Sideways offset in pixels, so that the kinds of a bundle run side by side.
    pub offset: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgeShape {
    pub bundle: EdgeIndex,
    pub a: Point,
    pub b: Point,
    pub strokes: Rc<[Stroke]>,
    pub emphasis: Emphasis,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeShape {
    pub org: OrgIx,
    pub centre: Point,
    pub radius: f64,
    pub fill: &'static str,
    pub emphasis: Emphasis,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LabelOwner {
    Node(OrgIx),
    Bundle(EdgeIndex),
}

/// A text box in screen pixels; `origin` is its top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub owner: LabelOwner,
    pub text: String,
    pub origin: Point,
    pub width: f64,
    pub height: f64,
    pub emphasis: Emphasis,
    pub bold: bool,
}

impl Label {
    fn overlaps(&self, other: &Label) -> bool {
        self.origin.x < other.origin.x + other.width
            && other.origin.x < self.origin.x + self.width
            && self.origin.y < other.origin.y + other.height
            && other.origin.y < self.origin.y + self.height
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    pub edges: Vec<EdgeShape>,
    pub nodes: Vec<NodeShape>,
    pub labels: Vec<Label>,
    /// So many shapes on screen that dashes and side-by-side strokes would be a blur: the
    /// painter draws thin plain lines instead (they come back as one zooms in).
    pub dense: bool,
}

/// Above this many lines on screen, the scene is `dense`.
pub const DENSE_EDGES: usize = 1500;
/// At most this many organisations are tried for a label per frame, most linked first: on a
/// large graph the hubs are named first and the rest as one zooms in.
const LABEL_TRIES: usize = 2500;

/// Sizes of the drawing, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneSettings {
    pub font_size: f64,
    pub badge_font_size: f64,
    /// Extra pixels around a node or line that still count as a hit (bigger for touch).
    pub hit_slop: f64,
    /// The positions are a layout still taking shape: a dense picture leaves out its plain
    /// lines (the costly part to draw), which come with the settled layout.
    pub draft: bool,
}

impl Default for SceneSettings {
    fn default() -> Self {
        SceneSettings { font_size: 13.0, badge_font_size: 11.0, hit_slop: 4.0, draft: false }
    }
}

/// Colour and dash pattern of a link kind: colour is never the only cue, dashes differ too.
/// Every colour contrasts at least 4.5:1 with white.
pub fn link_style(kind: LinkKind) -> (&'static str, &'static [f64]) {
    match kind {
        LinkKind::Partnership => ("#1d5fa8", &[]),
        LinkKind::Subsidy => ("#a34a00", &[18.0, 4.0, 6.0, 4.0]),
        LinkKind::Membership => ("#7a3fa0", &[9.0, 4.0]),
        LinkKind::CoFunding => ("#00705a", &[12.0, 3.0, 2.0, 3.0]),
        LinkKind::Mandate => ("#b0173a", &[2.0, 4.0]),
        LinkKind::DataSharing => ("#4a5866", &[5.0, 3.0]),
        LinkKind::Pact => ("#7a6300", &[14.0, 5.0]),
        LinkKind::Other => ("#555555", &[10.0, 3.0, 2.0, 3.0, 2.0, 3.0]),
    }
}

/// How a parent tie (an agency under its operator) is drawn: thin, grey, dotted.
pub const PARENT_TIE_STYLE: (&str, &[f64]) = ("#767676", &[1.0, 4.0]);

/// Fill colour of an organisation kind.
pub fn org_colour(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::LocalAuthority => "#1d4e89",
        OrgKind::PublicOperator => "#2a7f62",
        OrgKind::Association => "#8e44ad",
        OrgKind::Chamber => "#b35c00",
        OrgKind::PublicBody => "#0f6f8f",
        OrgKind::State => "#4b4b8f",
        OrgKind::Programme => "#9a6b00",
        OrgKind::Network => "#a33a5c",
        OrgKind::Company => "#5b6b2f",
        OrgKind::Other => "#5f6368",
    }
}

/// Everything `build_scene` reads, borrowed.
pub struct SceneInput<'a> {
    pub model: &'a Model,
    pub graph: &'a Graph,
    pub positions: &'a [Point],
    pub camera: &'a Camera,
    pub focus: &'a Focus,
    pub settings: &'a SceneSettings,
    /// What the filters keep; the rest is not drawn.
    pub visible: &'a Visible,
    /// Write each organisation under the name it bore that year.
    pub year: Option<i32>,
    /// Chains of organisations to highlight (the answer to "how is X tied to Y?").
    pub paths: &'a [Vec<OrgIx>],
    pub lang: Lang,
    /// The bundles' strokes under `visible`, when the caller keeps them between frames.
    pub styles: Option<&'a EdgeStyles>,
}

/// Each bundle's strokes under a filter (`None`: the bundle is hidden). They change with the
/// filter only, so a viewer computes them once per filter rather than on every frame.
#[derive(Debug, Clone)]
pub struct EdgeStyles {
    strokes: Vec<Option<Rc<[Stroke]>>>,
}

impl EdgeStyles {
    pub fn new(model: &Model, graph: &Graph, visible: &Visible) -> EdgeStyles {
        let max_amount = model.max_amount().0.max(1) as f64;
        let strokes = graph
            .bundles()
            .map(|(_, bundle)| {
                let shown = visible.orgs[bundle.ends.0]
                    && visible.orgs[bundle.ends.1]
                    && (bundle.parent_tie || bundle.links.iter().any(|l| visible.links[*l]));
                shown.then(|| Rc::from(strokes_of(model, bundle, visible, max_amount)))
            })
            .collect();
        EdgeStyles { strokes }
    }
}

/// The text written beside an organisation's node: its short name, or the name it bore in `year`.
pub fn node_label(model: &Model, org: OrgIx, year: Option<i32>) -> &str {
    let o = &model.organizations[org];
    match year.map(|y| name_in_year(o, y)) {
        Some(name) if name != o.name => name,
        _ => o.label(),
    }
}

/// Builds what is drawn. `measure(text, font_size)` gives a text's width in pixels.
/// Only what is on screen is kept: the rest costs one position test per organisation.
pub fn build_scene(input: &SceneInput, measure: &dyn Fn(&str, f64) -> f64) -> Scene {
    let SceneInput { model, graph, positions, camera, focus, visible, paths, .. } = input;
    let computed;
    let styles = match input.styles {
        Some(styles) => styles,
        None => {
            computed = EdgeStyles::new(model, graph, visible);
            &computed
        }
    };
    let lit = Highlight::derive(model, graph, focus, paths);
    let on_screen =
        |p: Point, pad: f64| p.x > -pad && p.y > -pad && p.x < camera.width + pad && p.y < camera.height + pad;
    let screen: Vec<Point> = positions.iter().map(|p| camera.to_screen(*p)).collect();

    let mut scene = Scene::default();
    // Highlighted and selected edges go last, so that they are drawn over the others.
    let mut on_top = Vec::new();
    let mut plain_lines = 0;
    for ((edge, bundle), strokes) in graph.bundles().zip(&styles.strokes) {
        let Some(strokes) = strokes else { continue };
        let (a, b) = (screen[bundle.ends.0], screen[bundle.ends.1]);
        if !segment_may_be_visible(a, b, camera) {
            continue;
        }
        let stands_out = lit.edge(edge, bundle) == Emphasis::Highlighted
            || focus.selected_bundle == Some(edge)
            || focus.selected_link.is_some_and(|l| bundle.links.contains(&l));
        if input.settings.draft && !stands_out {
            plain_lines += 1;
            continue;
        }
        let shape = EdgeShape {
            bundle: edge,
            a,
            b,
            strokes: strokes.clone(),
            emphasis: lit.edge(edge, bundle),
            selected: focus.selected_bundle == Some(edge)
                || focus.selected_link.is_some_and(|l| bundle.links.contains(&l)),
        };
        if shape.emphasis == Emphasis::Highlighted || shape.selected {
            on_top.push(shape);
        } else {
            scene.edges.push(shape);
        }
    }
    scene.edges.append(&mut on_top);
    let dense = scene.edges.len() + plain_lines > DENSE_EDGES;

    let mut on_top = Vec::new();
    for (org, centre) in screen.iter().enumerate() {
        if !visible.orgs[org] {
            continue;
        }
        let radius = node_radius_in(graph.link_degree(org), camera.zoom, dense);
        if !on_screen(*centre, radius + 40.0) {
            continue;
        }
        let shape = NodeShape {
            org,
            centre: *centre,
            radius,
            fill: org_colour(model.organizations[org].kind),
            emphasis: lit.node(org),
            selected: focus.selected_org == Some(org),
        };
        if shape.emphasis == Emphasis::Highlighted || shape.selected {
            on_top.push(shape);
        } else {
            scene.nodes.push(shape);
        }
    }
    scene.nodes.append(&mut on_top);
    scene.dense = dense;
    if !scene.dense && plain_lines > 0 {
        // A draft of a picture light enough to draw whole: draw it whole.
        let settings = SceneSettings { draft: false, ..input.settings.clone() };
        return build_scene(&SceneInput { settings: &settings, ..*input }, measure);
    }
    scene.labels = place_labels(input, &scene, &lit, measure);
    scene
}

/// Radius in pixels: grows with the number of links, and a little with zoom; far out (a large
/// network seen whole) nodes shrink faster, so that they do not cover each other.
pub fn node_radius(link_degree: usize, zoom: f64) -> f64 {
    let far_out = (zoom / 0.25).clamp(0.0, 1.0).sqrt();
    (6.0 + 2.6 * (link_degree as f64).sqrt()) * zoom.clamp(0.5, 2.0).sqrt() * far_out
}

/// The radius on a picture that may be `dense`: there, nodes seen from afar shrink further, the
/// lesser ones most (and the hubs' growth stops at 400 links), so that the network's shape and
/// its hubs show instead of a blot.
pub fn node_radius_in(link_degree: usize, zoom: f64, dense: bool) -> f64 {
    if !dense {
        return node_radius(link_degree, zoom);
    }
    let weight = (math::log10(link_degree.max(1) as f64) / 2.0).clamp(0.0, 1.0);
    (node_radius(link_degree.min(400), zoom) * math::powf(zoom.min(1.0), 0.5 - 0.25 * weight)).max(1.0)
}

/// The organisation under a screen point, the nearest if several.
pub fn node_at(scene: &Scene, p: Point, settings: &SceneSettings) -> Option<OrgIx> {
    scene
        .nodes
        .iter()
        .map(|n| (n, n.centre.distance(p)))
        .filter(|(n, d)| *d <= n.radius + settings.hit_slop)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| n.org)
}

/// The bundle under a screen point: its badge, or the nearest of its lines.
pub fn bundle_at(scene: &Scene, p: Point, settings: &SceneSettings) -> Option<EdgeIndex> {
    let on_badge = scene.labels.iter().find_map(|l| match l.owner {
        LabelOwner::Bundle(e)
            if p.x >= l.origin.x
                && p.x <= l.origin.x + l.width
                && p.y >= l.origin.y
                && p.y <= l.origin.y + l.height =>
        {
            Some(e)
        }
        _ => None,
    });
    on_badge.or_else(|| {
        scene
            .edges
            .iter()
            .map(|e| {
                let half_width = e.strokes.iter().map(|s| s.offset.abs() + s.width / 2.0).fold(1.0, f64::max);
                (e, distance_to_segment(p, e.a, e.b), half_width)
            })
            .filter(|(_, d, half)| *d <= half + settings.hit_slop.max(4.0))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(e, _, _)| e.bundle)
    })
}

/// The text of a bundle's badge: how many acts are shown and their total, e.g. "2 actes · 14 205 €".
pub fn bundle_badge(model: &Model, bundle: &Bundle, visible: &Visible, lang: Lang) -> String {
    let shown: Vec<LinkIx> = bundle.links.iter().copied().filter(|l| visible.links[*l]).collect();
    let total = Cents(shown.iter().filter_map(|l| model.links[*l].amount).map(|a| a.0).sum());
    let t = lang.texts();
    let acts = lang.count(shown.len(), t.act_one, t.act_many);
    if total.0 > 0 {
        format!("{acts} · {}", lang.euros(total))
    } else {
        acts
    }
}

/// Which nodes and edges stand out: the hovered organisation (or else the selected one) with
/// its neighbours; or the selected link's two ends.
struct Highlight {
    active: bool,
    nodes: Vec<bool>,
    edges: Vec<bool>,
}

impl Highlight {
    fn derive(model: &Model, graph: &Graph, focus: &Focus, paths: &[Vec<OrgIx>]) -> Highlight {
        let mut nodes = vec![false; graph.node_count()];
        let mut edges = vec![false; graph.inner.edge_count()];
        let centre = focus.hovered.or(focus.selected_org);
        if focus.hovered.is_none() && !paths.is_empty() {
            for path in paths {
                // A one-organisation "path" highlights that organisation alone (a story step).
                for org in path {
                    nodes[*org] = true;
                }
                for pair in path.windows(2) {
                    nodes[pair[0]] = true;
                    nodes[pair[1]] = true;
                    if let Some(e) = graph.bundle_between(pair[0], pair[1]) {
                        edges[e.index()] = true;
                    }
                }
            }
            return Highlight { active: true, nodes, edges };
        }
        if let Some(org) = centre {
            nodes[org] = true;
            for n in graph.neighbours(org) {
                nodes[n] = true;
                if let Some(e) = graph.bundle_between(org, n) {
                    edges[e.index()] = true;
                }
            }
        } else if let Some(edge) = focus
            .selected_bundle
            .or_else(|| focus.selected_link.and_then(|l| graph.bundle_between(model.links[l].from, model.links[l].to)))
        {
            let (a, b) = graph.bundle(edge).ends;
            nodes[a] = true;
            nodes[b] = true;
            edges[edge.index()] = true;
        }
        Highlight {
            active: centre.is_some() || focus.selected_bundle.is_some() || focus.selected_link.is_some(),
            nodes,
            edges,
        }
    }

    fn node(&self, org: OrgIx) -> Emphasis {
        match (self.active, self.nodes[org]) {
            (false, _) => Emphasis::Normal,
            (true, true) => Emphasis::Highlighted,
            (true, false) => Emphasis::Faded,
        }
    }

    fn edge(&self, edge: EdgeIndex, _bundle: &Bundle) -> Emphasis {
        match (self.active, self.edges[edge.index()]) {
            (false, _) => Emphasis::Normal,
            (true, true) => Emphasis::Highlighted,
            (true, false) => Emphasis::Faded,
        }
    }
}

/// One stroke per kind shown in the bundle, side by side; width grows with the kind's total amount.
fn strokes_of(model: &Model, bundle: &Bundle, visible: &Visible, max_amount: f64) -> Vec<Stroke> {
    let kinds: Vec<LinkKind> = bundle
        .kinds
        .iter()
        .copied()
        .filter(|k| bundle.links.iter().any(|l| visible.links[*l] && model.links[*l].kind == *k))
        .collect();
    if kinds.is_empty() {
        let (colour, dash) = PARENT_TIE_STYLE;
        return vec![Stroke { colour, dash, width: 1.5, offset: 0.0 }];
    }
    let count = kinds.len() as f64;
    kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let total: u64 = bundle
                .links
                .iter()
                .filter(|l| visible.links[**l])
                .map(|l| &model.links[*l])
                .filter(|l| l.kind == *kind)
                .filter_map(|l| l.amount.map(|a| a.0))
                .sum();
            let (colour, dash) = link_style(*kind);
            let width = 2.0 + 6.0 * (total as f64 / max_amount).sqrt();
            Stroke { colour, dash, width, offset: (i as f64 - (count - 1.0) / 2.0) * 4.5 }
        })
        .collect()
}

/// Labels in priority order (selection, pointer, its neighbours, then the most linked); each
/// tries below, above, right and left of its node and is dropped if all four collide, unless
/// it is the selected or hovered one. Bundle badges come after the node labels they serve.
fn place_labels(input: &SceneInput, scene: &Scene, lit: &Highlight, measure: &dyn Fn(&str, f64) -> f64) -> Vec<Label> {
    let SceneInput { model, graph, focus, settings, camera, visible, year, lang, .. } = input;
    let font = settings.font_size;
    let height = font * 1.35;
    let mut candidates: Vec<(i64, &NodeShape)> = scene
        .nodes
        .iter()
        .map(|n| {
            let forced = focus.selected_org == Some(n.org) || focus.hovered == Some(n.org);
            let rank = if forced {
                1_000_000
            } else if lit.active && lit.nodes[n.org] {
                100_000 + graph.link_degree(n.org) as i64
            } else if lit.active {
                graph.link_degree(n.org) as i64 - 100_000
            } else {
                graph.link_degree(n.org) as i64
            };
            (rank, n)
        })
        .collect();
    super::order::sort_by(&mut candidates, |a, b| b.0.cmp(&a.0).then(a.1.org.cmp(&b.1.org)));
    let tries = candidates.len().min(LABEL_TRIES).max(candidates.iter().take_while(|c| c.0 >= 100_000).count());

    let nodes = BoxGrid::of_nodes(&scene.nodes, camera);
    let mut placed: Vec<Label> = Vec::new();
    let mut taken = BoxGrid::new(camera);
    // On a crowded picture every label would hide some dot: there labels only avoid each other.
    let free_at = |label: &Label, own: Option<OrgIx>, placed: &[Label], taken: &BoxGrid| {
        !taken.near(label).any(|i| placed[i].overlaps(label))
            && (scene.dense || !covers_node(label, &scene.nodes, &nodes, own))
    };
    for (rank, node) in candidates.into_iter().take(tries) {
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
        let make = |origin: Point, width: f64| Label {
            owner: LabelOwner::Node(node.org),
            text: text.to_string(),
            origin,
            width,
            height,
            emphasis: node.emphasis,
            bold: node.selected || focus.hovered == Some(node.org),
        };
        let forced = rank >= 1_000_000;
        let hopeless = !forced
            && spots(least).iter().all(|s| {
                let probe = Label {
                    owner: LabelOwner::Node(node.org),
                    text: String::new(),
                    origin: *s,
                    width: least,
                    height,
                    emphasis: node.emphasis,
                    bold: false,
                };
                !free_at(&probe, Some(node.org), &placed, &taken)
            });
        if hopeless {
            continue;
        }
        let width = measure(text, font) + 8.0;
        let free = spots(width)
            .iter()
            .map(|s| make(*s, width))
            .find(|l| free_at(l, Some(node.org), &placed, &taken) && inside_view(l, camera));
        let label = match free {
            Some(label) => label,
            None if forced => make(spots(width)[0], width),
            None => continue,
        };
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

fn segment_may_be_visible(a: Point, b: Point, camera: &Camera) -> bool {
    let pad = 20.0;
    !(a.x.max(b.x) < -pad
        || a.y.max(b.y) < -pad
        || a.x.min(b.x) > camera.width + pad
        || a.y.min(b.y) > camera.height + pad)
}

fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0);
    p.distance(Point::new(a.x + t * dx, a.y + t * dy))
}

/// The organisation to move to when an arrow key is pressed on `from`: the nearest one
/// roughly in that direction (within 60° of it), nearer to the axis preferred. `direction` is
/// a screen vector such as (1, 0) for →. Hidden organisations are skipped.
pub fn nearest_in_direction(points: &[Point], shown: &[bool], from: usize, direction: (f64, f64)) -> Option<usize> {
    let origin = points[from];
    let (dx, dy) = direction;
    let norm = math::hypot(dx, dy).max(1e-9);
    points
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != from && shown[*i])
        .filter_map(|(i, p)| {
            let (vx, vy) = (p.x - origin.x, p.y - origin.y);
            let distance = math::hypot(vx, vy);
            if distance < 1e-9 {
                return None;
            }
            let cos = (vx * dx + vy * dy) / (distance * norm);
            // cos 60° = 0.5: beyond that the node is not "that way".
            (cos >= 0.5).then_some((i, distance * (2.0 - cos)))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}
