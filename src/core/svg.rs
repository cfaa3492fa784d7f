//! The current view as a standalone SVG picture for slides: title, the drawn scene, a legend of
//! what it shows and a source line. The PNG export rasterises this same picture, so both
//! carry the legend (slides are shown without the page around them).
//!
//! Every text from the data is escaped: an export cannot smuggle markup into the file.

use std::fmt::Write;

use super::i18n::Lang;
use super::math;
use super::model::{LinkKind, Model, OrgKind};
use super::number::decimal;
use super::scene::{link_style, org_colour, Emphasis, LabelOwner, Scene, COMMUNITY_FONT, PARENT_TIE_STYLE};

const TITLE_SIZE: f64 = 20.0;
const TITLE_LINE: f64 = 26.0;
const LEGEND_ROW: f64 = 24.0;
const LEGEND_ITEM: f64 = 230.0;
const SOURCE_SIZE: f64 = 12.0;
const SOURCE_LINE: f64 = 16.0;
/// The « Données chargées depuis … » line under the title: its height, its colour.
const NOTICE_LINE: f64 = 24.0;
const NOTICE_INK: &str = "#8a3b00";
const FONT: &str = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";

/// What to write around the scene.
pub struct Frame<'a> {
    pub model: &'a Model,
    pub width: f64,
    pub height: f64,
    pub lang: Lang,
    /// The date of the export, already formatted ("24 novembre 2026").
    pub date: &'a str,
    /// The host the export came from when it is not the site's default one
    /// (`Dataset::loaded_from`): said under the title, the picture may travel without the page.
    pub loaded_from: Option<&'a str>,
}

/// The whole picture, as SVG text. Its size is the view's plus the title, legend and source line.
pub fn picture(scene: &Scene, frame: &Frame) -> String {
    let Frame { model, width, height, lang, date, loaded_from } = *frame;
    let t = lang.texts();
    let legend = legend_entries(model, scene, lang);
    let per_row = ((width - 24.0) / LEGEND_ITEM).floor().max(1.0) as usize;
    let legend_height = 12.0 + legend.len().div_ceil(per_row) as f64 * LEGEND_ROW;
    // Long titles and source lines wrap to the picture's width (about 0.56 em per character).
    let title_lines = wrap(&model.title, ((width - 32.0) / (TITLE_SIZE * 0.58)) as usize);
    let notice = loaded_from.map(|host| crate::core::i18n::fill(t.data_from, &[("host", host)]));
    let notice_height = if notice.is_some() { NOTICE_LINE } else { 0.0 };
    let title_height = 14.0 + title_lines.len() as f64 * TITLE_LINE + notice_height;
    let source = crate::core::i18n::fill(
        t.picture_source,
        &[("title", &model.title), ("n", &model.decisions.len().to_string()), ("date", date)],
    );
    let source_lines = wrap(&source, ((width - 32.0) / (SOURCE_SIZE * 0.56)) as usize);
    let source_height = 14.0 + source_lines.len() as f64 * SOURCE_LINE;
    let total = title_height + height + legend_height + source_height;
    let mut svg = String::new();
    let (width_text, total_text) = (px(width), px(total));
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width_text}" height="{total_text}" viewBox="0 0 {width_text} {total_text}" font-family="{FONT}">"#
    );
    let _ = write!(svg, "<title>{}</title>", escape(&model.title));
    let _ = write!(svg, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    for (i, line) in title_lines.iter().enumerate() {
        let y = 8.0 + TITLE_LINE * (i as f64 + 1.0);
        let _ = write!(
            svg,
            r##"<text x="16" y="{}" font-size="{}" font-weight="700" fill="#1a1a1a">{}</text>"##,
            px(y),
            px(TITLE_SIZE),
            escape(line)
        );
    }
    if let Some(notice) = &notice {
        text(&mut svg, 16.0, title_height - 12.0, 14.0, NOTICE_INK, notice);
    }
    let _ = write!(svg, r#"<g transform="translate(0 {})">"#, px(title_height));
    let _ = write!(svg, r##"<rect width="{width_text}" height="{}" fill="none" stroke="#c8c8c8"/>"##, px(height));
    draw_scene(&mut svg, scene);
    svg.push_str("</g>");

    let top = title_height + height + 12.0;
    for (i, entry) in legend.iter().enumerate() {
        let x = 16.0 + (i % per_row) as f64 * LEGEND_ITEM;
        let y = top + (i / per_row) as f64 * LEGEND_ROW + 12.0;
        match entry {
            Entry::Line { colour, dash, label } => {
                let (x1, x2, y1) = (px(x), px(x + 30.0), px(y));
                let _ = write!(
                    svg,
                    r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y1}" stroke="{colour}" stroke-width="3" stroke-dasharray="{}"/>"#,
                    dasharray(dash)
                );
                text(&mut svg, x + 38.0, y + 4.5, 13.0, "#1a1a1a", label);
            }
            Entry::Dot { colour, label } => {
                let _ = write!(
                    svg,
                    r##"<circle cx="{}" cy="{}" r="6" fill="{colour}" stroke="#1a1a1a"/>"##,
                    px(x + 15.0),
                    px(y)
                );
                text(&mut svg, x + 38.0, y + 4.5, 13.0, "#1a1a1a", label);
            }
        }
    }
    let first = total - source_height + SOURCE_LINE + 2.0;
    for (i, line) in source_lines.iter().enumerate() {
        text(&mut svg, 16.0, first + i as f64 * SOURCE_LINE, SOURCE_SIZE, "#4d4d4d", line);
    }
    svg.push_str("</svg>");
    svg
}

/// The drawn scene alone, as an `<svg>` element to put in a page (the static first view):
/// scaled to its box, described by `label` for screen readers. Presentation attributes only,
/// no `style`: it lives under a strict Content-Security-Policy.
pub fn scene_picture(scene: &Scene, width: f64, height: f64, class: &str, label: &str) -> String {
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="{class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" preserveAspectRatio="xMidYMid meet" font-family="{FONT}" role="img" aria-label="{}">"#,
        px(width),
        px(height),
        escape(label)
    );
    draw_scene(&mut svg, scene);
    svg.push_str("</svg>");
    svg
}

enum Entry {
    Line { colour: &'static str, dash: &'static [f64], label: String },
    Dot { colour: &'static str, label: String },
}

/// The kinds of link and organisation the scene shows, in vocabulary order.
fn legend_entries(model: &Model, scene: &Scene, lang: Lang) -> Vec<Entry> {
    let mut entries = Vec::new();
    let shown_strokes: Vec<&str> = scene.edges.iter().flat_map(|e| e.strokes.iter().map(|s| s.colour)).collect();
    for kind in LinkKind::ALL {
        let (colour, dash) = link_style(*kind);
        if shown_strokes.contains(&colour) {
            entries.push(Entry::Line { colour, dash, label: lang.link_kind(*kind).to_string() });
        }
    }
    if shown_strokes.contains(&PARENT_TIE_STYLE.0) {
        entries.push(Entry::Line {
            colour: PARENT_TIE_STYLE.0,
            dash: PARENT_TIE_STYLE.1,
            label: lang.texts().parent_tie.to_string(),
        });
    }
    for kind in OrgKind::ALL {
        if scene.nodes.iter().any(|n| model.organizations[n.org].kind == *kind) {
            entries.push(Entry::Dot { colour: org_colour(*kind), label: lang.org_kind(*kind).to_string() });
        }
    }
    entries
}

fn draw_scene(svg: &mut String, scene: &Scene) {
    for region in &scene.regions {
        let points: Vec<String> = region.polygon.iter().map(|p| format!("{},{}", px(p.x), px(p.y))).collect();
        let _ = write!(
            svg,
            r#"<polygon points="{}" fill="{c}" fill-opacity="{}" stroke="{c}" stroke-width="1.5" stroke-opacity="{}"/>"#,
            points.join(" "),
            decimal(0.16 * region.strength, 3),
            decimal(0.5 * region.strength, 3),
            c = region.colour
        );
    }
    // A crowded picture is drawn as the canvas draws it: thin plain lines, faint where the
    // communities show as regions.
    let faint = scene.regions.first().map_or(1.0, |r| 1.0 - 0.75 * r.strength);
    for edge in &scene.edges {
        if scene.dense && edge.emphasis != Emphasis::Highlighted && !edge.selected {
            let _ = write!(
                svg,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1" opacity="{}"/>"#,
                px(edge.a.x),
                px(edge.a.y),
                px(edge.b.x),
                px(edge.b.y),
                edge.strokes[0].colour,
                decimal(opacity(edge.emphasis) * 0.6 * faint, 2)
            );
            continue;
        }
        let opacity = decimal(opacity(edge.emphasis), 2);
        let (dx, dy) = (edge.b.x - edge.a.x, edge.b.y - edge.a.y);
        let len = math::hypot(dx, dy).max(1e-6);
        let (nx, ny) = (-dy / len, dx / len);
        for s in edge.strokes.iter() {
            let (ox, oy) = (nx * s.offset, ny * s.offset);
            let _ = write!(
                svg,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}" stroke-dasharray="{}" stroke-linecap="round" opacity="{opacity}"/>"#,
                px(edge.a.x + ox),
                px(edge.a.y + oy),
                px(edge.b.x + ox),
                px(edge.b.y + oy),
                s.colour,
                px(s.width),
                dasharray(&s.dash.iter().map(|d| d * (s.width / 3.0).max(1.0)).collect::<Vec<_>>())
            );
        }
    }
    for node in &scene.nodes {
        let _ = write!(
            svg,
            r##"<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#1a1a1a" stroke-width="1.5" opacity="{}"/>"##,
            px(node.centre.x),
            px(node.centre.y),
            px(node.radius),
            node.fill,
            decimal(opacity(node.emphasis).max(0.3), 2)
        );
    }
    for label in &scene.labels {
        let badge = matches!(label.owner, LabelOwner::Bundle(_));
        let stroke = if badge { r##" stroke="#595959""## } else { "" };
        let _ = write!(
            svg,
            r##"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="#ffffff" fill-opacity="0.9"{stroke}/>"##,
            px(label.origin.x),
            px(label.origin.y),
            px(label.width),
            px(label.height)
        );
        let size = match label.owner {
            LabelOwner::Bundle(_) => 11.0,
            LabelOwner::Community(_) => 13.0 * COMMUNITY_FONT,
            LabelOwner::Node(_) => 13.0,
        };
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="{}" font-weight="{}" text-anchor="middle" fill="#1a1a1a" opacity="{}">{}</text>"##,
            px(label.origin.x + label.width / 2.0),
            px(label.origin.y + label.height / 2.0 + size * 0.35),
            px(size),
            if label.bold { 700 } else { 500 },
            decimal(opacity(label.emphasis).max(0.35), 2),
            escape(&label.text)
        );
    }
}

fn text(svg: &mut String, x: f64, y: f64, size: f64, colour: &str, content: &str) {
    let _ = write!(
        svg,
        r#"<text x="{}" y="{}" font-size="{}" fill="{colour}">{}</text>"#,
        px(x),
        px(y),
        px(size),
        escape(content)
    );
}

/// A coordinate or length, to a tenth of a pixel.
fn px(value: f64) -> String {
    decimal(value, 1)
}

fn opacity(emphasis: Emphasis) -> f64 {
    match emphasis {
        Emphasis::Normal => 0.9,
        Emphasis::Highlighted => 1.0,
        Emphasis::Faded => 0.16,
    }
}

fn dasharray(dash: &[f64]) -> String {
    if dash.is_empty() {
        "none".into()
    } else {
        dash.iter().map(|d| decimal(*d, 2)).collect::<Vec<_>>().join(" ")
    }
}

/// Splits a text into lines of at most `max_chars` characters, at spaces.
fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let max_chars = max_chars.max(10);
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max_chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// XML escaping for text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
