//! The scene: bundles, highlights, labels that never pile up, hit-testing, the camera.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use carte_partenariats::core::dataset::{Dataset, Resolved};
use carte_partenariats::core::i18n::Lang;
use carte_partenariats::core::layout::Point;
use carte_partenariats::core::query::Visible;
use carte_partenariats::core::route::Selection;
use carte_partenariats::core::scene::{
    build_scene, bundle_at, bundle_badge, community_regions, node_at, Camera, Emphasis, Focus, LabelOwner, Scene,
    SceneInput, SceneSettings,
};

fn data() -> Dataset {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/frozen-export.json")).unwrap();
    Dataset::from_text(&text).unwrap()
}

/// Text width as a canvas would roughly give it.
fn measure(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.56
}

fn scene(d: &Dataset, width: f64, height: f64, focus: Focus) -> (Scene, Camera) {
    let camera = Camera::fit(&d.positions(), width, height, 40.0);
    let settings = SceneSettings::default();
    let visible = Visible::all(&d.model);
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
    (build_scene(&input, &measure), camera)
}

#[test]
fn links_between_the_same_pair_are_one_bundle() {
    let d = data();
    let (m, g) = (&d.model, &d.graph);
    let edge = g.bundle_between(m.org_by_id("metropole-amp").unwrap(), m.org_by_id("ave").unwrap()).unwrap();
    let bundle = g.bundle(edge);
    assert_eq!(bundle.links.len(), 2);
    assert_eq!(bundle_badge(m, bundle, &Visible::all(m), Lang::Fr), "2\u{A0}actes · 14\u{202F}205\u{A0}€");
    assert_eq!(bundle_badge(m, bundle, &Visible::all(m), Lang::En), "2\u{A0}acts · €14,205");
    assert_eq!(d.selection_for_bundle(edge), Selection::Pair("metropole-amp".into(), "ave".into()));
}

#[test]
fn labels_never_overlap_at_any_size() {
    let d = data();
    for (w, h) in [(320.0, 400.0), (800.0, 600.0), (1920.0, 1080.0)] {
        let (s, _) = scene(&d, w, h, Focus::default());
        assert!(!s.labels.is_empty());
        for (i, a) in s.labels.iter().enumerate() {
            for b in &s.labels[i + 1..] {
                let apart = a.origin.x + a.width <= b.origin.x
                    || b.origin.x + b.width <= a.origin.x
                    || a.origin.y + a.height <= b.origin.y
                    || b.origin.y + b.height <= a.origin.y;
                assert!(apart, "«{}» and «{}» overlap at {w}×{h}", a.text, b.text);
            }
        }
    }
}

#[test]
fn on_a_large_screen_every_organisation_is_labelled() {
    let d = data();
    let (s, _) = scene(&d, 1600.0, 1000.0, Focus::default());
    let labelled = s.labels.iter().filter(|l| matches!(l.owner, LabelOwner::Node(_))).count();
    assert_eq!(labelled, d.model.organizations.len());
}

#[test]
fn hovering_highlights_the_neighbours_and_fades_the_rest() {
    let d = data();
    let ave = d.model.org_by_id("ave").unwrap();
    let metropole = d.model.org_by_id("metropole-amp").unwrap();
    let (s, _) = scene(&d, 1000.0, 800.0, Focus { hovered: Some(ave), ..Focus::default() });
    let emphasis = |org| s.nodes.iter().find(|n| n.org == org).unwrap().emphasis;
    assert_eq!(emphasis(ave), Emphasis::Highlighted);
    assert_eq!(emphasis(metropole), Emphasis::Highlighted);
    assert_eq!(emphasis(d.model.org_by_id("plie-martigues").unwrap()), Emphasis::Faded);
    let hovered_label = s.labels.iter().find(|l| l.owner == LabelOwner::Node(ave)).unwrap();
    assert!(hovered_label.bold);
}

#[test]
fn a_click_on_a_node_or_a_line_finds_it() {
    let d = data();
    let (s, camera) = scene(&d, 1000.0, 800.0, Focus::default());
    let settings = SceneSettings::default();
    let ave = d.model.org_by_id("ave").unwrap();
    let at = camera.to_screen(d.positions()[ave]);
    assert_eq!(node_at(&s, at, &settings), Some(ave));
    let metropole = d.model.org_by_id("metropole-amp").unwrap();
    let m_at = camera.to_screen(d.positions()[metropole]);
    // A point on the line, a third of the way from the Métropole to the AVE.
    let on_line = Point::new(m_at.x + (at.x - m_at.x) / 3.0, m_at.y + (at.y - m_at.y) / 3.0);
    let edge = d.graph.bundle_between(metropole, ave).unwrap();
    assert_eq!(bundle_at(&s, on_line, &settings), Some(edge));
    assert_eq!(node_at(&s, Point::new(-500.0, -500.0), &settings), None);
}

#[test]
fn the_camera_keeps_the_point_under_the_cursor_when_zooming() {
    let mut camera = Camera { centre: Point::new(10.0, 20.0), zoom: 1.0, width: 800.0, height: 600.0 };
    let anchor = Point::new(100.0, 150.0);
    let before = camera.to_world(anchor);
    camera.zoom_at(anchor, 2.5);
    let after = camera.to_world(anchor);
    assert!(before.distance(after) < 1e-9);
    assert!(camera.to_world(camera.to_screen(Point::new(3.0, 4.0))).distance(Point::new(3.0, 4.0)) < 1e-9);
}

#[test]
fn fitting_shows_every_organisation() {
    let d = data();
    let camera = Camera::fit(&d.positions(), 320.0, 480.0, 20.0);
    for p in &d.positions() {
        let s = camera.to_screen(*p);
        assert!(s.x >= 19.0 && s.x <= 301.0 && s.y >= 19.0 && s.y <= 461.0, "{s:?} off screen");
    }
}

#[test]
fn unknown_ids_in_the_address_are_explained() {
    let d = data();
    assert_eq!(
        d.resolve(&Selection::Org("ave".into()), Lang::Fr),
        Ok(Resolved::Org(d.model.org_by_id("ave").unwrap()))
    );
    let err = d.resolve(&Selection::Org("nulle-part".into()), Lang::Fr).unwrap_err();
    assert!(err.contains("« nulle-part »"), "{err}");
    assert!(d.resolve(&Selection::Pair("ave".into(), "plie-martigues".into()), Lang::Fr).is_err());
}

#[test]
fn arrow_keys_move_to_the_nearest_node_that_way() {
    use carte_partenariats::core::scene::nearest_in_direction;
    //   0 is in the middle; 1 right, 2 far right, 3 up, 4 down-left; 5 right but hidden.
    let p = [
        Point::new(0.0, 0.0),
        Point::new(10.0, 1.0),
        Point::new(30.0, 0.0),
        Point::new(0.0, -12.0),
        Point::new(-8.0, 9.0),
        Point::new(5.0, 0.0),
    ];
    let shown = [true, true, true, true, true, false];
    assert_eq!(nearest_in_direction(&p, &shown, 0, (1.0, 0.0)), Some(1));
    assert_eq!(nearest_in_direction(&p, &shown, 1, (1.0, 0.0)), Some(2));
    assert_eq!(nearest_in_direction(&p, &shown, 0, (0.0, -1.0)), Some(3));
    assert_eq!(nearest_in_direction(&p, &shown, 0, (0.0, 1.0)), Some(4));
    assert_eq!(nearest_in_direction(&p, &shown, 2, (1.0, 0.0)), None, "nothing further right");
}

/// A rough register of 3 000 organisations, laid out, with its communities.
struct Large {
    model: carte_partenariats::core::model::Model,
    graph: carte_partenariats::core::graph::Graph,
    positions: Vec<Point>,
    communities: carte_partenariats::core::community::Communities,
}

fn large() -> &'static Large {
    static LARGE: std::sync::OnceLock<Large> = std::sync::OnceLock::new();
    LARGE.get_or_init(|| {
        use carte_partenariats::cli::generate::{generate, GenerateSettings, Shape};
        let settings = GenerateSettings { orgs: 3000, links: 9000, seed: 21, shape: Shape::Rough };
        let d = Dataset::from_text(&carte_partenariats::cli::io::export_json(&generate(&settings))).unwrap();
        let (positions, communities) = (d.positions(), (*d.communities().unwrap()).clone());
        Large { model: d.model, graph: d.graph, positions, communities }
    })
}

fn large_scene(width: f64, height: f64, zoom: f64) -> Scene {
    let d = large();
    let positions = &d.positions;
    let mut camera = Camera::fit(positions, width, height, 48.0);
    camera.zoom_at(Point::new(width / 2.0, height / 2.0), zoom);
    let visible = Visible::all(&d.model);
    let regions = community_regions(&d.communities, positions);
    let (focus, settings) = (Focus::default(), SceneSettings::default());
    let input = SceneInput {
        model: &d.model,
        graph: &d.graph,
        positions,
        camera: &camera,
        focus: &focus,
        settings: &settings,
        visible: &visible,
        year: None,
        paths: &[],
        lang: Lang::Fr,
        styles: None,
        regions: &regions,
    };
    build_scene(&input, &measure)
}

#[test]
fn a_large_network_seen_whole_shows_named_communities_and_no_label_on_another() {
    let d = large();
    for (w, h) in [(360.0, 640.0), (1280.0, 800.0), (1920.0, 1080.0)] {
        let s = large_scene(w, h, 1.0);
        assert!(s.regions.len() >= 5, "{} regions at {w}×{h}", s.regions.len());
        let names: Vec<&str> = s
            .labels
            .iter()
            .filter_map(|l| match l.owner {
                LabelOwner::Community(main) => Some(d.model.organizations[main].label()).filter(|n| *n == l.text),
                _ => None,
            })
            .collect();
        assert!(names.len() >= 3, "communities named at {w}×{h}: {names:?}");
        for (i, a) in s.labels.iter().enumerate() {
            assert!(a.origin.x >= 0.0 && a.origin.y >= 0.0 && a.origin.x + a.width <= w && a.origin.y + a.height <= h);
            for b in &s.labels[i + 1..] {
                let apart = a.origin.x + a.width <= b.origin.x
                    || b.origin.x + b.width <= a.origin.x
                    || a.origin.y + a.height <= b.origin.y
                    || b.origin.y + b.height <= a.origin.y;
                assert!(apart, "«{}» and «{}» overlap at {w}×{h}", a.text, b.text);
            }
        }
    }
    // The largest community is the Métropole's, named after it, and it is not named twice.
    let s = large_scene(1280.0, 800.0, 1.0);
    let metropole = d.model.org_by_id("metropole-amp").unwrap();
    assert!(s.labels.iter().any(|l| l.owner == LabelOwner::Community(metropole) && l.text == "AMP"));
    assert!(!s.labels.iter().any(|l| l.owner == LabelOwner::Node(metropole)));
}

#[test]
fn zooming_in_the_regions_give_way_to_the_organisations_names() {
    let whole = large_scene(1280.0, 800.0, 1.0);
    let close = large_scene(1280.0, 800.0, 12.0);
    assert!(close.regions.iter().all(|r| r.strength < whole.regions[0].strength));
    assert!(!close.labels.iter().any(|l| matches!(l.owner, LabelOwner::Community(_))));
    let organisations = |s: &Scene| s.labels.iter().filter(|l| matches!(l.owner, LabelOwner::Node(_))).count();
    assert!(organisations(&close) > 10, "{} organisations named close up", organisations(&close));
}
