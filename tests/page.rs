//! The static first view written into the page at build time: the picture, the title and
//! figures, every link in a table, the sources; escaped, without script or inline style.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use carte_partenariats::core::dataset::Dataset;
use carte_partenariats::core::i18n::Lang;
use carte_partenariats::core::page::{insert_into_root, static_view, Place};

fn fixture(name: &str) -> Dataset {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    Dataset::from_text(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const PAGE: Place = Place { data_url: "data/partenariats.json", asset_base: "", embedded: false };

#[test]
fn the_static_view_shows_the_picture_title_figures_links_and_sources() {
    let data = fixture("units-grammar.json");
    let html = static_view(&data, Lang::Fr, &PAGE);
    assert!(html.starts_with(r#"<div class="carte carte-static" lang="fr">"#), "{html}");
    assert!(html.contains(r#"<h1 class="carte-title">Un réseau, ses unités et des noms à accorder</h1>"#));
    assert!(html.contains("8\u{a0}organisations · 7\u{a0}liens · 3\u{a0}décisions"), "{html}");
    assert!(html.contains("Montant des liens affichés : 15\u{202f}000\u{a0}€"), "{html}");
    // Two pictures of the map (wide and tall), each with every organisation drawn.
    assert_eq!(html.matches("<svg class=\"static-map").count(), 2);
    assert_eq!(html.matches("<circle ").count(), 2 * 8);
    // Every link is a row, with its decision and its source document.
    assert_eq!(html.matches("<tr>").count(), 1 + 7);
    assert!(html.contains("<td>Direction territoriale des Bouches-du-Rhône</td>"));
    assert!(html.contains(r#"<a href="sources/bureau-2022.txt">bureau-2022.txt</a>"#));
    assert_eq!(html.matches("<li><a href=\"sources/").count(), 3);
    assert!(html.contains(r#"<a href="data/partenariats.json">export JSON</a>"#));
    // The views, as the widget's header links them.
    assert!(html.contains(r##"<a href="#view=table" class="tab">Tableau</a>"##), "{html}");
    assert!(!html.contains("<script") && !html.contains("style="));
}

#[test]
fn an_embedded_view_is_a_labelled_section_with_links_to_the_widgets_files() {
    let data = fixture("minimal.json");
    let place = Place {
        data_url: "https://example.org/carte/data/x.json",
        asset_base: "https://example.org/carte/",
        embedded: true,
    };
    let html = static_view(&data, Lang::En, &place);
    assert!(html
        .starts_with(r#"<section class="carte carte-static embedded" lang="en" aria-label="Petit export de test">"#));
    assert!(html.contains(r#"<h2 class="carte-title">"#) && !html.contains("<h1") && !html.contains("<main"));
    assert!(html.contains("€1,234.50"));
    assert!(html.contains(r#"<a href="https://example.org/carte/carte-partenariats.schema.json">schema</a>"#));
}

#[test]
fn markup_in_an_export_stays_text() {
    let html = static_view(&fixture("hostile.json"), Lang::Fr, &PAGE);
    assert!(!html.contains("<img") && !html.contains("<script") && !html.contains("<iframe") && !html.contains("<b>"));
    assert!(html.contains("&lt;img src=x onerror=&quot;window.__pwned = 1&quot;&gt; Export piégé"));
}

#[test]
fn the_view_goes_first_into_the_root_once() {
    let page = "<body><div class=carte-stack id=carte-root></div><noscript>x</noscript></body>";
    let written = insert_into_root(page, "<p class=carte-static>V</p>").unwrap();
    assert_eq!(
        written,
        "<body><div class=carte-stack id=carte-root><p class=carte-static>V</p></div><noscript>x</noscript></body>"
    );
    assert!(insert_into_root(&written, "<p class=carte-static>V</p>").is_err());
    assert!(insert_into_root("<body></body>", "<p>V</p>").is_err());
    let quoted = insert_into_root(r#"<div id="carte-root"></div>"#, "V").unwrap();
    assert_eq!(quoted, r#"<div id="carte-root">V</div>"#);
}
