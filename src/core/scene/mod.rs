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

mod labels;
mod regions;

use labels::place_labels;
pub use regions::{community_regions, region_strength, regions_from_numbers, regions_to_numbers, Region, RegionShape};

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
    /// A community's name, written over its region (the organisation that names it).
    Community(OrgIx),
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
    /// Communities seen from afar, drawn under everything else.
    pub regions: Vec<RegionShape>,
    pub edges: Vec<EdgeShape>,
    pub nodes: Vec<NodeShape>,
    pub labels: Vec<Label>,
    /// So many shapes on screen that dashes and side-by-side strokes would be a blur: the
    /// painter draws thin plain lines instead (they come back as one zooms in).
    pub dense: bool,
}

/// A community's name is written this much larger than an organisation's.
pub const COMMUNITY_FONT: f64 = 1.2;

/// Above this many lines on screen, the scene is `dense`.
pub const DENSE_EDGES: usize = 1500;
/// Beyond this many plain lines on screen, an even share of them is drawn.
const MOST_PLAIN_LINES: usize = 20_000;

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
    /// The communities' regions for these positions (`community_regions`), or none.
    pub regions: &'a [Region],
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
            .map(|(_, bundle)| shown(bundle, visible).then(|| Rc::from(strokes_of(model, bundle, visible, max_amount))))
            .collect();
        EdgeStyles { strokes }
    }
}

/// Whether a bundle is drawn under a filter: both ends kept, and a link kept (or a parent tie).
fn shown(bundle: &Bundle, visible: &Visible) -> bool {
    visible.orgs[bundle.ends.0]
        && visible.orgs[bundle.ends.1]
        && (bundle.parent_tie || bundle.links.iter().any(|l| visible.links[*l]))
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
    // A draft draws its lines only where they stand out: no strokes worked out for the others.
    let draft = input.settings.draft;
    let computed;
    let styles = match input.styles {
        Some(styles) => Some(styles),
        None if draft => None,
        None => {
            computed = EdgeStyles::new(model, graph, visible);
            Some(&computed)
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
    let max_amount = if styles.is_none() { model.max_amount().0.max(1) as f64 } else { 1.0 };
    for (i, (edge, bundle)) in graph.bundles().enumerate() {
        let strokes = match styles {
            Some(styles) => styles.strokes[i].as_ref(),
            None => None,
        };
        if strokes.is_none() && (styles.is_some() || !shown(bundle, visible)) {
            continue;
        }
        let (a, b) = (screen[bundle.ends.0], screen[bundle.ends.1]);
        if !segment_may_be_visible(a, b, camera) {
            continue;
        }
        let stands_out = lit.edge(edge, bundle) == Emphasis::Highlighted
            || focus.selected_bundle == Some(edge)
            || focus.selected_link.is_some_and(|l| bundle.links.contains(&l));
        if draft && !stands_out {
            plain_lines += 1;
            continue;
        }
        let strokes = match strokes {
            Some(strokes) => strokes.clone(),
            None => Rc::from(strokes_of(model, bundle, visible, max_amount)),
        };
        let shape = EdgeShape {
            bundle: edge,
            a,
            b,
            strokes,
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
    let dense = scene.edges.len() + on_top.len() + plain_lines > DENSE_EDGES;
    // Tens of thousands of hairlines make one fog, which one line in `k` draws as well.
    let k = scene.edges.len().div_ceil(MOST_PLAIN_LINES);
    if k > 1 {
        let mut n = 0;
        scene.edges.retain(|_| {
            n += 1;
            (n - 1) % k == 0
        });
    }
    scene.edges.append(&mut on_top);

    let mut on_top = Vec::new();
    // A radius depends on the zoom and, up to 400 links, on the links: worked out once a frame
    // for each count, not once for each of thousands of organisations.
    let radii: Vec<f64> = (0..=400).map(|d| node_radius_in(d, camera.zoom, dense)).collect();
    for (org, centre) in screen.iter().enumerate() {
        if !visible.orgs[org] {
            continue;
        }
        let degree = graph.link_degree(org);
        let radius = if degree <= 400 || dense { radii[degree.min(400)] } else { node_radius(degree, camera.zoom) };
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
    scene.regions = regions::region_shapes(input.regions, camera, region_strength(scene.nodes.len()));
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
