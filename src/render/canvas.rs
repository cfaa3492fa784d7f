//! Canvas 2D painting of a scene: edges (one stroke per kind, offset side by side), nodes,
//! then labels on a light backing so they stay readable over lines.

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use crate::core::layout::Point;
use crate::core::math;
use crate::core::number::decimal;
use crate::core::scene::{EdgeShape, Emphasis, Label, LabelOwner, NodeShape, RegionShape, Scene, COMMUNITY_FONT};

pub const FONT_STACK: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";

const INK: &str = "#1a1a1a";
/// Above this many highlighted lines, they are drawn in batches.
const HIGHLIGHT_BATCHED: usize = 300;
/// Below this radius (pixels) a node of a dense scene is drawn as a square dot.
const SMALL_DOT: f64 = 2.5;
const HALO: &str = "rgba(255, 191, 0, 0.55)";

/// What stands back in the projector theme, instead of a pale colour: grey at 4.5:1 on white.
const FADED: &str = "#767676";

/// How a scene is drawn: type sizes, and the projector theme's contrast, where nothing is
/// drawn see-through (faded shapes are grey instead), so that all stays at 3:1 or more.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub font_size: f64,
    pub badge_font_size: f64,
    pub contrast: bool,
}

fn alpha(emphasis: Emphasis, look: Look) -> f64 {
    match emphasis {
        _ if look.contrast => 1.0,
        Emphasis::Normal => 0.9,
        Emphasis::Highlighted => 1.0,
        Emphasis::Faded => 0.16,
    }
}

/// A shape's colour: its own, or the projector theme's grey when it is faded.
fn colour(own: &str, emphasis: Emphasis, look: Look) -> &str {
    if look.contrast && emphasis == Emphasis::Faded {
        FADED
    } else {
        own
    }
}

/// Width of a text in CSS pixels at the given font size.
pub fn measure_text(ctx: &CanvasRenderingContext2d, text: &str, size: f64) -> f64 {
    // Measured bold: the widest a label can be drawn, so its backing always covers it.
    ctx.set_font(&format!("700 {}px {FONT_STACK}", decimal(size, 2)));
    ctx.measure_text(text).map(|m| m.width()).unwrap_or(text.chars().count() as f64 * size * 0.55)
}

/// Draws a dot out of sight and measures a word: the browser sets up the canvas's backing store
/// and the labels' font then, in the task that sizes the canvas, not in the first picture's.
pub fn warm_up(ctx: &CanvasRenderingContext2d) {
    let _ = measure_text(ctx, "Aé", 12.0);
    ctx.fill_rect(-100.0, -100.0, 1.0, 1.0);
}

/// Paints the scene on a canvas whose backing store is `dpr` times its CSS size.
pub fn paint(ctx: &CanvasRenderingContext2d, scene: &Scene, width: f64, height: f64, dpr: f64, look: Look) {
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, width, height);
    paint_regions(ctx, &scene.regions);
    ctx.set_line_cap("round");
    if scene.dense {
        // Seen from afar, where communities show as regions, the lines are a faint texture.
        let faint = scene.regions.first().map_or(1.0, |r| 1.0 - 0.75 * r.strength);
        paint_dense(ctx, &scene.edges, &scene.nodes, (width, height), faint, look);
    } else {
        paint_edges(ctx, &scene.edges, look);
        paint_nodes(ctx, &scene.nodes, look);
    }
    paint_labels(ctx, &scene.labels, look);
    ctx.set_global_alpha(1.0);
}

/// Over a faded copy of the picture: only what is highlighted or selected, and its labels.
pub fn paint_highlights(ctx: &CanvasRenderingContext2d, scene: &Scene, width: f64, height: f64, dpr: f64, look: Look) {
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    // The picture under the highlight is washed out, except in the projector theme.
    ctx.set_global_alpha(if look.contrast { 0.0 } else { 0.78 });
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, width, height);
    ctx.set_line_cap("round");
    let lit = |emphasis: Emphasis, selected: bool| emphasis == Emphasis::Highlighted || selected;
    let mut edges: Vec<EdgeShape> = scene.edges.iter().filter(|e| lit(e.emphasis, e.selected)).cloned().collect();
    let mut nodes: Vec<NodeShape> = scene.nodes.iter().filter(|n| lit(n.emphasis, n.selected)).cloned().collect();
    let labels: Vec<Label> = scene.labels.iter().filter(|l| lit(l.emphasis, l.bold)).cloned().collect();
    // A hub's thousands of ties: drawn in batches, as a dense picture is.
    if edges.len() > HIGHLIGHT_BATCHED {
        edges.iter_mut().filter(|e| !e.selected).for_each(|e| e.emphasis = Emphasis::Normal);
        nodes.iter_mut().filter(|n| !n.selected && n.radius < SMALL_DOT).for_each(|n| n.emphasis = Emphasis::Normal);
        paint_dense(ctx, &edges, &nodes, (width, height), 1.0, look);
    } else {
        paint_edges(ctx, &edges, look);
        paint_nodes(ctx, &nodes, look);
    }
    paint_labels(ctx, &labels, look);
    ctx.set_global_alpha(1.0);
}

/// Communities seen from afar: each hull filled with its tint, and outlined.
fn paint_regions(ctx: &CanvasRenderingContext2d, regions: &[RegionShape]) {
    ctx.set_line_width(1.5);
    for region in regions {
        let Some((first, rest)) = region.polygon.split_first() else { continue };
        ctx.begin_path();
        ctx.move_to(first.x, first.y);
        rest.iter().for_each(|p| ctx.line_to(p.x, p.y));
        ctx.close_path();
        ctx.set_fill_style_str(region.colour);
        ctx.set_stroke_style_str(region.colour);
        ctx.set_global_alpha(0.16 * region.strength);
        ctx.fill();
        ctx.set_global_alpha(0.5 * region.strength);
        ctx.stroke();
    }
}

fn paint_edges(ctx: &CanvasRenderingContext2d, edges: &[EdgeShape], look: Look) {
    for edge in edges {
        let (dx, dy) = (edge.b.x - edge.a.x, edge.b.y - edge.a.y);
        let len = math::hypot(dx, dy).max(1e-6);
        let (nx, ny) = (-dy / len, dx / len);
        if edge.selected {
            let widest = edge.strokes.iter().map(|s| s.width + s.offset.abs() * 2.0).fold(0.0, f64::max);
            ctx.set_global_alpha(1.0);
            set_dash(ctx, &[]);
            ctx.set_stroke_style_str(HALO);
            ctx.set_line_width(widest + 10.0);
            line(ctx, edge.a, edge.b);
        }
        ctx.set_global_alpha(alpha(edge.emphasis, look));
        for stroke in edge.strokes.iter() {
            let off = Point::new(nx * stroke.offset, ny * stroke.offset);
            set_dash(ctx, &scaled_dash(stroke.dash, stroke.width));
            ctx.set_stroke_style_str(colour(stroke.colour, edge.emphasis, look));
            ctx.set_line_width(stroke.width);
            line(ctx, Point::new(edge.a.x + off.x, edge.a.y + off.y), Point::new(edge.b.x + off.x, edge.b.y + off.y));
        }
    }
    set_dash(ctx, &[]);
}

fn paint_nodes(ctx: &CanvasRenderingContext2d, nodes: &[NodeShape], look: Look) {
    for node in nodes {
        ctx.set_global_alpha(alpha(node.emphasis, look).max(0.3));
        if node.selected {
            ctx.set_fill_style_str(HALO);
            circle(ctx, node.centre, node.radius + 7.0);
            ctx.fill();
        }
        ctx.set_fill_style_str(colour(node.fill, node.emphasis, look));
        circle(ctx, node.centre, node.radius);
        ctx.fill();
        ctx.set_line_width(2.0);
        ctx.set_stroke_style_str("#ffffff");
        ctx.stroke();
        ctx.set_line_width(1.0);
        ctx.set_stroke_style_str(INK);
        circle(ctx, node.centre, node.radius + 1.5);
        ctx.stroke();
    }
}

/// A crowded screen (thousands of shapes): one path per colour and emphasis instead of one
/// per shape, thin plain lines (no dashes, one stroke per bundle) and discs without rings; a
/// dot of a few pixels is a square, one per two-pixel cell (the others would not show).
/// Highlighted and selected shapes, drawn last in the scene, keep their full look.
fn paint_dense(
    ctx: &CanvasRenderingContext2d,
    edges: &[EdgeShape],
    nodes: &[NodeShape],
    size: (f64, f64),
    faint: f64,
    look: Look,
) {
    let (plain, lit) =
        edges.split_at(edges.iter().take_while(|e| e.emphasis != Emphasis::Highlighted && !e.selected).count());
    ctx.set_line_width(1.0);
    // Round caps on thousands of hairlines cost raster time and show nothing.
    ctx.set_line_cap("butt");
    for ((colour, emphasis), batch) in batches(plain, |e| (e.strokes[0].colour, e.emphasis)) {
        ctx.set_global_alpha(if look.contrast { 1.0 } else { alpha(emphasis, look) * 0.6 * faint });
        ctx.set_stroke_style_str(self::colour(colour, emphasis, look));
        ctx.begin_path();
        for edge in batch {
            ctx.move_to(edge.a.x, edge.a.y);
            ctx.line_to(edge.b.x, edge.b.y);
        }
        ctx.stroke();
    }
    ctx.set_line_cap("round");
    paint_edges(ctx, lit, look);

    let (plain, lit) =
        nodes.split_at(nodes.iter().take_while(|n| n.emphasis != Emphasis::Highlighted && !n.selected).count());
    let batches = batches(plain, |n| (n.fill, n.emphasis));
    let columns = (size.0 / 2.0).ceil().max(1.0) as usize + 1;
    let mut drawn = vec![false; columns * ((size.1 / 2.0).ceil().max(1.0) as usize + 1)];
    // Dots first, then the larger discs (the hubs) over them, each ringed in white.
    for large in [false, true] {
        ctx.set_line_width(1.0);
        ctx.set_stroke_style_str("#ffffff");
        for ((fill, emphasis), batch) in &batches {
            ctx.set_global_alpha(alpha(*emphasis, look).max(0.3));
            ctx.set_fill_style_str(colour(fill, *emphasis, look));
            ctx.begin_path();
            for node in batch.iter().filter(|n| (n.radius >= SMALL_DOT) == large) {
                let (c, r) = (node.centre, node.radius);
                if large {
                    ctx.move_to(c.x + r, c.y);
                    let _ = ctx.arc(c.x, c.y, r, 0.0, std::f64::consts::TAU);
                    continue;
                }
                let cell = (c.y / 2.0).max(0.0) as usize * columns + (c.x / 2.0).max(0.0) as usize;
                if let Some(taken @ false) = drawn.get_mut(cell) {
                    *taken = true;
                    ctx.rect(c.x - r, c.y - r, 2.0 * r, 2.0 * r);
                }
            }
            ctx.fill();
            if large {
                ctx.stroke();
            }
        }
    }
    paint_nodes(ctx, lit, look);
}

/// Shapes sorted, in one pass, into batches by colour and emphasis (in the order first met).
/// Colours come from fixed tables, so a colour is told by its address.
#[allow(clippy::type_complexity)]
fn batches<T>(items: &[T], key: impl Fn(&T) -> (&'static str, Emphasis)) -> Vec<((&'static str, Emphasis), Vec<&T>)> {
    let mut batches: Vec<((&'static str, Emphasis), Vec<&T>)> = Vec::new();
    for item in items {
        let (colour, emphasis) = key(item);
        let same = |b: &&mut ((&str, Emphasis), Vec<&T>)| std::ptr::eq(b.0 .0, colour) && b.0 .1 == emphasis;
        match batches.iter_mut().find(same) {
            Some((_, batch)) => batch.push(item),
            None => batches.push(((colour, emphasis), vec![item])),
        }
    }
    batches
}

fn paint_labels(ctx: &CanvasRenderingContext2d, labels: &[Label], look: Look) {
    ctx.set_text_baseline("middle");
    for label in labels {
        let is_badge = matches!(label.owner, LabelOwner::Bundle(_));
        let size = match label.owner {
            LabelOwner::Bundle(_) => look.badge_font_size,
            LabelOwner::Community(_) => look.font_size * COMMUNITY_FONT,
            LabelOwner::Node(_) => look.font_size,
        };
        ctx.set_global_alpha(alpha(label.emphasis, look).max(0.35));
        ctx.set_fill_style_str(if is_badge { "#ffffff" } else { "rgba(255,255,255,0.88)" });
        ctx.begin_path();
        let _ = ctx.round_rect_with_f64(label.origin.x, label.origin.y, label.width, label.height, 4.0);
        ctx.fill();
        if is_badge {
            ctx.set_line_width(1.0);
            ctx.set_stroke_style_str("#595959");
            ctx.stroke();
        }
        ctx.set_fill_style_str(colour(INK, label.emphasis, look));
        let weight = if label.bold {
            "700"
        } else if is_badge {
            "600"
        } else {
            "500"
        };
        ctx.set_font(&format!("{weight} {}px {FONT_STACK}", decimal(size, 2)));
        ctx.set_text_align("center");
        let _ =
            ctx.fill_text(&label.text, label.origin.x + label.width / 2.0, label.origin.y + label.height / 2.0 + 0.5);
    }
}

fn line(ctx: &CanvasRenderingContext2d, a: Point, b: Point) {
    ctx.begin_path();
    ctx.move_to(a.x, a.y);
    ctx.line_to(b.x, b.y);
    ctx.stroke();
}

fn circle(ctx: &CanvasRenderingContext2d, c: Point, r: f64) {
    ctx.begin_path();
    let _ = ctx.arc(c.x, c.y, r, 0.0, std::f64::consts::TAU);
}

/// Dash lengths grow with the line, so that round caps never close the gaps of a thick line.
fn scaled_dash(dash: &[f64], width: f64) -> Vec<f64> {
    let k = (width / 3.0).max(1.0);
    dash.iter().map(|d| d * k).collect()
}

fn set_dash(ctx: &CanvasRenderingContext2d, dash: &[f64]) {
    let array = js_sys::Array::new();
    for d in dash {
        array.push(&JsValue::from_f64(*d));
    }
    let _ = ctx.set_line_dash(&array);
}
