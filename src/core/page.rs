//! The static first view, written into the page at build time (`carte page`): an export's map as
//! a picture (the SVG export's own scene, one wide and one tall, the widget's width choosing),
//! its title and figures, its links as a table and its sources. A visitor sees it before the
//! wasm has loaded, the widget then takes its place in the same boxes, and a visitor without
//! JavaScript (or a search engine) keeps it.
//!
//! Its markup mirrors the widget's first view (same classes, same boxes) so that the hand-over
//! moves nothing. Every text from the data is escaped; no script and no `style` attribute, so
//! that the page lives under a strict Content-Security-Policy.

use std::fmt::Write;

use super::dataset::Dataset;
use super::i18n::{fill, Lang};
use super::layout::{orient_to, Point};
use super::query::{self, Visible};
use super::route::{Route, View};
use super::scene::{build_scene, Camera, Focus, SceneInput, SceneSettings};
use super::svg::{escape, scene_picture};
use super::table::{self, Column};

/// The two pictures: wide for a laptop's map, tall for a phone's (CSS shows the one that fits).
const WIDE: (f64, f64) = (1200.0, 560.0);
const TALL: (f64, f64) = (360.0, 480.0);
const FIT_MARGIN: f64 = 48.0;

/// Where the page's files are, as the widget's `Config` says them.
pub struct Place<'a> {
    /// The export's address, for the footer's link.
    pub data_url: &'a str,
    /// The folder of `sources/` and the schema, ending with `/` (empty: beside the page).
    pub asset_base: &'a str,
    /// An embedded widget is a section of its host page (no `h1`, no landmarks of its own).
    pub embedded: bool,
}

/// The whole static view as HTML, one `div.carte.carte-static` (a `section` when embedded).
pub fn static_view(data: &Dataset, lang: Lang, place: &Place) -> String {
    let (t, m) = (lang.texts(), &data.model);
    let all = Visible::all(m);
    let mut html = String::new();
    let (outer, header, main, footer, heading) =
        if place.embedded { ("section", "div", "div", "div", "h2") } else { ("div", "header", "main", "footer", "h1") };
    let title = escape(&m.title);
    let label = if place.embedded { format!(r#" aria-label="{title}""#) } else { String::new() };
    let embedded = if place.embedded { " embedded" } else { "" };
    let _ = write!(html, r#"<{outer} class="carte carte-static{embedded}" lang="{}"{label}>"#, lang.code());

    let _ = write!(html, r#"<{main} class="carte-content"><div class="first-screen fills">"#);
    let _ = write!(
        html,
        r#"<{header} class="carte-header"><div class="carte-heading"><p class="kicker">{}</p><{heading} class="carte-title">{title}</{heading}></div>"#,
        t.kicker
    );
    let figures = format!(
        "{} · {} · {}",
        lang.count(m.organizations.len(), t.org_one, t.org_many),
        lang.count(m.links.len(), t.link_one, t.link_many),
        lang.count(m.decisions.len(), t.decision_one, t.decision_many)
    );
    let total = fill(t.shown_total, &[("amount", &lang.euros(query::visible_total(m, &all)))]);
    let tab = |route: Route, label: &str, class: &str, current: bool| {
        let current = if current { r#" aria-current="page""# } else { "" };
        format!(r#"<a href="{}" class="{class}"{current}>{label}</a>"#, escape(&route.to_hash()))
    };
    let _ = write!(
        html,
        r#"<div class="header-side"><p class="summary">{}<br><span class="header-total">{}</span></p><nav class="tabs" aria-label="{}">{}{}{}</nav></div></{header}>"#,
        escape(&figures),
        escape(&total),
        t.views,
        tab(Route::default(), t.tab_graph, "tab", true),
        tab(Route { view: View::Table, ..Route::default() }, t.tab_table, "tab", false),
        tab(Route { present: Some(1), ..Route::default() }, t.present, "tab present", false),
    );

    // The tool bar as the widget draws it, inert until the widget takes over.
    let _ = write!(
        html,
        r#"<div class="toolbar"><div class="search"><label class="visually-hidden" for="carte-search-static">{}</label><input id="carte-search-static" type="search" disabled placeholder="{}"></div><button type="button" class="tools-button" disabled>{}</button></div>"#,
        t.search_label, t.search_placeholder, t.tools
    );
    let described = fill(
        lang.page_texts().static_picture,
        &[
            ("orgs", &lang.count(m.organizations.len(), t.org_one, t.org_many)),
            ("links", &lang.count(m.links.len(), t.link_one, t.link_many)),
        ],
    );
    let _ = write!(
        html,
        r#"<div class="carte-body"><section class="carte-main" aria-label="{}"><div class="graph-view"><div class="graph-stage">{}{}</div></div></section></div></div>"#,
        t.tab_graph,
        picture(data, WIDE, "static-map wide", &described, lang),
        picture(data, TALL, "static-map tall", &described, lang),
    );

    links_table(&mut html, data, lang, place);
    sources(&mut html, data, lang, place);
    let _ = write!(html, "</{main}>");
    let _ = write!(
        html,
        r#"<{footer} class="carte-footer"><p>{}<a href="{}">{}</a> (<a href="{}carte-partenariats.schema.json">{}</a>).</p></{footer}>"#,
        t.footer_lead,
        escape(place.data_url),
        t.export_json,
        escape(place.asset_base),
        t.schema
    );
    let _ = write!(html, "</{outer}>");
    html
}

/// The map at one size, framed as the widget frames its first picture. Text widths are
/// estimated (no canvas to measure them here): labels keep a little more room than they need.
fn picture(data: &Dataset, (width, height): (f64, f64), class: &str, label: &str, lang: Lang) -> String {
    let m = &data.model;
    let mut positions: Vec<Point> = data.positions();
    orient_to(&mut positions, width, height);
    let camera = Camera::fit(&positions, width, height, FIT_MARGIN);
    let visible = Visible::all(m);
    let measure = |text: &str, size: f64| text.chars().count() as f64 * size * 0.6;
    let scene = build_scene(
        &SceneInput {
            model: m,
            graph: &data.graph,
            positions: &positions,
            camera: &camera,
            focus: &Focus::default(),
            settings: &SceneSettings::default(),
            visible: &visible,
            year: None,
            paths: &[],
            lang,
            styles: None,
            regions: &data.regions(),
        },
        &measure,
    );
    scene_picture(&scene, width, height, class, label)
}

/// The page with the static view put first inside its `id="carte-root"` element (as Trunk's
/// minified output writes it, quoted or not). A page without that element, or that already has
/// a static view, is an error: nothing is written twice.
pub fn insert_into_root(page: &str, view: &str) -> Result<String, &'static str> {
    if page.contains("carte-static") {
        return Err("la page contient déjà une vue statique");
    }
    let root = ["id=\"carte-root\"", "id=carte-root"].iter().find_map(|id| page.find(id));
    let Some(at) = root else { return Err("la page n'a pas d'élément id=\"carte-root\"") };
    let Some(end) = page[at..].find('>').map(|e| at + e + 1) else {
        return Err("balise id=\"carte-root\" non fermée");
    };
    Ok(format!("{}{view}{}", &page[..end], &page[end..]))
}

/// Every link as a row: who, to whom, what, when, how much, and the decision with its source.
fn links_table(html: &mut String, data: &Dataset, lang: Lang, place: &Place) {
    let (t, m) = (lang.texts(), &data.model);
    let columns = [Column::From, Column::To, Column::Kind, Column::Purpose, Column::Period, Column::Amount];
    let _ = write!(
        html,
        r#"<section class="static-table" aria-labelledby="carte-static-links"><h2 id="carte-static-links">{}</h2><div class="table-scroll"><table><caption>{}</caption><thead><tr>"#,
        t.links_heading,
        escape(&fill(t.table_caption, &[("n", &m.links.len().to_string())]))
    );
    for column in columns.iter().chain([&Column::Decision]) {
        let _ = write!(html, r#"<th scope="col">{}</th>"#, column.title(lang));
    }
    html.push_str("</tr></thead><tbody>");
    for link in 0..m.links.len() {
        html.push_str("<tr>");
        for column in columns {
            let class = if column == Column::Amount { r#" class="num""# } else { "" };
            let _ = write!(html, "<td{class}>{}</td>", escape(&table::cell(m, link, column, lang)));
        }
        let decision = escape(&table::cell(m, link, Column::Decision, lang));
        let d = m.decision_of(link);
        match source_href(&d.document, d.url.as_deref(), place.asset_base) {
            Some(href) => {
                let _ =
                    write!(html, r#"<td>{decision}<br><a href="{}">{}</a></td>"#, escape(&href), escape(&d.document));
            }
            None => {
                let _ = write!(html, "<td>{decision}<br>{}</td>", escape(&d.document));
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div></section>");
}

/// The documents the links are read from, each once, in the order of the decisions.
fn sources(html: &mut String, data: &Dataset, lang: Lang, place: &Place) {
    let t = lang.page_texts();
    let _ = write!(
        html,
        r#"<section class="static-sources" aria-labelledby="carte-static-sources"><h2 id="carte-static-sources">{}</h2><p>{}</p><ul>"#,
        t.sources, t.sources_lead
    );
    let mut seen: Vec<&str> = Vec::new();
    for d in &data.model.decisions {
        if seen.contains(&d.document.as_str()) {
            continue;
        }
        seen.push(&d.document);
        let name = escape(&d.document);
        match source_href(&d.document, d.url.as_deref(), place.asset_base) {
            Some(href) => {
                let _ = write!(html, r#"<li><a href="{}">{name}</a></li>"#, escape(&href));
            }
            None => {
                let _ = write!(html, "<li>{name}</li>");
            }
        }
    }
    html.push_str("</ul></section>");
}

/// Where a decision's document can be read: its address when the export gives one (`http(s)`
/// only, as validation checks), else the copy shipped in `sources/` beside the page (a plain
/// file name). As the details panel links it.
pub fn source_href(document: &str, url: Option<&str>, asset_base: &str) -> Option<String> {
    match url {
        Some(url) => Some(url.to_string()),
        None if !document.contains(['/', '\\', ':']) && document.ends_with(".txt") => {
            Some(format!("{asset_base}sources/{document}"))
        }
        None => None,
    }
}
