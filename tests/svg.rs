//! The exported picture: it carries the title, the legend of what it shows and a source line,
//! and no markup from the data survives as markup.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use carte_partenariats::core::dataset::Dataset;
use carte_partenariats::core::i18n::Lang;
use carte_partenariats::core::query::Visible;
use carte_partenariats::core::scene::{build_scene, Camera, Focus, SceneInput, SceneSettings};
use carte_partenariats::core::svg::{picture, Frame};

fn svg_of(text: &str, lang: Lang) -> String {
    svg_from(text, lang, None)
}

fn svg_from(text: &str, lang: Lang, loaded_from: Option<&str>) -> String {
    let d = Dataset::from_text(text).unwrap();
    let camera = Camera::fit(&d.positions(), 1000.0, 700.0, 40.0);
    let (focus, settings, visible) = (Focus::default(), SceneSettings::default(), Visible::all(&d.model));
    let input = SceneInput {
        model: &d.model,
        graph: &d.graph,
        positions: &d.positions(),
        camera: &camera,
        focus: &focus,
        settings: &settings,
        visible: &visible,
        year: None,
        paths: &[],
        lang,
        styles: None,
        regions: &[],
    };
    let scene = build_scene(&input, &|t: &str, s: f64| t.chars().count() as f64 * s * 0.56);
    picture(
        &scene,
        &Frame { model: &d.model, width: 1000.0, height: 700.0, lang, date: "24 novembre 2026", loaded_from },
    )
}

#[test]
fn the_picture_has_title_legend_labels_and_source() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/frozen-export.json")).unwrap();
    let svg = svg_of(&text, Lang::Fr);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(
        ">Partenariats de la Métropole Aix-Marseille-Provence pour l&apos;emploi et l&apos;insertion</text>"
    ));
    // At phone width the title wraps instead of running off the picture.
    let d = Dataset::from_text(&text).unwrap();
    let camera = Camera::fit(&d.positions(), 320.0, 400.0, 20.0);
    let (focus, settings, visible) = (Focus::default(), SceneSettings::default(), Visible::all(&d.model));
    let input = SceneInput {
        model: &d.model,
        graph: &d.graph,
        positions: &d.positions(),
        camera: &camera,
        focus: &focus,
        settings: &settings,
        visible: &visible,
        year: None,
        paths: &[],
        lang: Lang::Fr,
        styles: None,
        regions: &[],
    };
    let scene = build_scene(&input, &|t: &str, s: f64| t.chars().count() as f64 * s * 0.56);
    let narrow = picture(
        &scene,
        &Frame {
            model: &d.model,
            width: 320.0,
            height: 400.0,
            lang: Lang::Fr,
            date: "24 novembre 2026",
            loaded_from: None,
        },
    );
    let title_lines = narrow.matches("font-size=\"20\" font-weight=\"700\"").count();
    assert!(title_lines >= 3, "{title_lines} title lines at 320 px");
    for label in ["convention de partenariat", "subvention", "adhésion / cotisation", "collectivité", "rattachement"]
    {
        assert!(svg.contains(&format!(">{label}</text>")), "legend lacks {label}");
    }
    assert!(svg.contains(">Métropole AMP</text>"));
    assert!(svg.contains("2\u{A0}actes · 14\u{202F}205\u{A0}€"));
    assert!(svg.contains("Carte des partenariats, 24 novembre 2026.</text>"));
    assert!(svg_of(&text, Lang::En).contains(">partnership agreement</text>"));
}

#[test]
fn markup_from_the_data_is_escaped() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile.json")).unwrap();
    let svg = svg_of(&text, Lang::Fr);
    assert!(!svg.contains("<script"), "{svg}");
    assert!(!svg.contains("<img"), "{svg}");
    assert!(svg.contains("&lt;img src=x onerror=&quot;window.__pwned = 1&quot;&gt; Export piégé"));
}

#[test]
fn data_from_elsewhere_is_said_under_the_title() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.json")).unwrap();
    let height = |svg: &str| {
        let start = svg.find(" height=\"").unwrap() + 9;
        svg[start..start + svg[start..].find('"').unwrap()].parse::<f64>().unwrap()
    };
    let own = svg_of(&text, Lang::Fr);
    assert!(!own.contains("chargées depuis"), "{own}");
    let other = svg_from(&text, Lang::Fr, Some("opendata.example.org"));
    assert!(other.contains(">Données chargées depuis opendata.example.org</text>"), "{other}");
    // Its own line: the picture is that much taller, the title still first.
    assert_eq!(height(&other), height(&own) + 24.0);
    assert!(other.find(">Petit export de test</text>") < other.find(">Données chargées"));
    let english = svg_from(&text, Lang::En, Some("<b>x</b>.example"));
    assert!(english.contains(">Data loaded from &lt;b&gt;x&lt;/b&gt;.example</text>"), "{english}");
}
