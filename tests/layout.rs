//! The force layout: deterministic, spreads nodes apart, keeps linked nodes close.

use carte_partenariats::core::graph::Graph;
use carte_partenariats::core::layout::{bounds, force_layout, orient_to, ForceSettings, Point};
use carte_partenariats::core::validate::validate;

fn default_data() -> (carte_partenariats::core::model::Model, Graph) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/data/partenariats.json")).unwrap();
    let model = validate(&text).unwrap();
    let graph = Graph::build(&model);
    (model, graph)
}

#[test]
fn same_file_same_picture() {
    let (m, g) = default_data();
    let a = force_layout(&m, &g, &ForceSettings::default());
    let b = force_layout(&m, &g, &ForceSettings::default());
    assert_eq!(a, b);
    let other = force_layout(&m, &g, &ForceSettings { seed: 7, ..ForceSettings::default() });
    assert_ne!(a, other, "the seed should matter");
}

#[test]
fn no_two_organisations_sit_on_each_other() {
    let (m, g) = default_data();
    let settings = ForceSettings::default();
    let pos = force_layout(&m, &g, &settings);
    for i in 0..pos.len() {
        for j in (i + 1)..pos.len() {
            assert!(pos[i].distance(pos[j]) > settings.ideal_length * 0.3, "{} and {} overlap", m.organizations[i].id, m.organizations[j].id);
        }
    }
}

#[test]
fn linked_organisations_are_closer_than_unlinked_ones() {
    let (m, g) = default_data();
    let pos = force_layout(&m, &g, &ForceSettings::default());
    let n = pos.len();
    let (mut linked, mut unlinked) = (Vec::new(), Vec::new());
    for i in 0..n {
        for j in (i + 1)..n {
            let d = pos[i].distance(pos[j]);
            if g.bundle_between(i, j).is_some() { linked.push(d) } else { unlinked.push(d) }
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    assert!(mean(&linked) * 1.5 < mean(&unlinked), "linked {} vs unlinked {}", mean(&linked), mean(&unlinked));
}

#[test]
fn repulsion_pushes_two_lone_nodes_apart() {
    let text = r#"{"schema":"carte-partenariats/1","title":"t","decisions":[],"links":[],
        "organizations":[{"id":"a","name":"A","kind":"other"},{"id":"b","name":"B","kind":"other"}]}"#;
    let m = validate(text).unwrap();
    let pos = force_layout(&m, &Graph::build(&m), &ForceSettings::default());
    assert!(pos[0].distance(pos[1]) > 50.0);
    assert!(pos.iter().all(|p: &Point| p.x.is_finite() && p.y.is_finite()));
}

#[test]
fn an_empty_export_lays_out_to_nothing() {
    let m = validate(r#"{"schema":"carte-partenariats/1","title":"t","organizations":[],"decisions":[],"links":[]}"#).unwrap();
    assert!(force_layout(&m, &Graph::build(&m), &ForceSettings::default()).is_empty());
}

#[test]
fn a_wide_layout_turns_to_fill_a_tall_screen() {
    let (m, g) = default_data();
    let mut pos = force_layout(&m, &g, &ForceSettings::default());
    let span = |p: &[Point]| {
        let (lo, hi) = bounds(p).unwrap();
        (hi.x - lo.x, hi.y - lo.y)
    };
    orient_to(&mut pos, 320.0, 600.0);
    let (w, h) = span(&pos);
    assert!(h >= w, "portrait screen, layout {w}×{h}");
    let before = pos.clone();
    orient_to(&mut pos, 320.0, 600.0);
    assert_eq!(pos, before, "already oriented: unchanged");
    orient_to(&mut pos, 1600.0, 900.0);
    let (w, h) = span(&pos);
    assert!(w >= h, "landscape screen, layout {w}×{h}");
}
