//! The radial and grouped layouts: rings by graph distance, clusters by kind, both deterministic.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::VecDeque;

use carte_partenariats::core::dataset::Dataset;
use carte_partenariats::core::graph::Graph;
use carte_partenariats::core::layout::{
    group_centres, grouped_layout, radial_layout, GroupedSettings, Point, RadialSettings,
};
use carte_partenariats::core::model::Model;
use carte_partenariats::core::validate::validate;

fn default_data() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/frozen-export.json");
    Dataset::from_text(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn small(organizations: &str, links: &str) -> (Model, Graph) {
    let text = format!(
        r#"{{"schema":"carte-partenariats/1","title":"t","organizations":[{organizations}],
            "decisions":[{{"id":"d","instance":"Conseil","date":"2024-01-01","title":"D","source":{{"document":"d.txt"}}}}],
            "links":[{links}]}}"#
    );
    let model = validate(&text).unwrap();
    let graph = Graph::build(&model);
    (model, graph)
}

/// Graph distance from `centre` to every organisation, `None` when unreachable.
fn hops(graph: &Graph, n: usize, centre: usize) -> Vec<Option<usize>> {
    let mut dist = vec![None; n];
    dist[centre] = Some(0);
    let mut queue = VecDeque::from([centre]);
    while let Some(o) = queue.pop_front() {
        for next in graph.neighbours(o) {
            if dist[next].is_none() {
                dist[next] = dist[o].map(|d| d + 1);
                queue.push_back(next);
            }
        }
    }
    dist
}

fn min_distance(pos: &[Point]) -> f64 {
    let mut min = f64::INFINITY;
    for i in 0..pos.len() {
        for j in (i + 1)..pos.len() {
            min = min.min(pos[i].distance(pos[j]));
        }
    }
    min
}

#[test]
fn radial_puts_the_centre_at_the_origin_and_neighbours_on_rings() {
    let d = default_data();
    let settings = RadialSettings::default();
    assert_eq!(settings.ring_gap, 140.0);
    let centre = d.model.org_by_id("metropole-amp").unwrap();
    let pos = radial_layout(&d.model, &d.graph, centre, &settings);
    assert_eq!(pos.len(), d.model.organizations.len());
    assert!(pos[centre].distance(Point::new(0.0, 0.0)) < 1e-9);
    let dist = hops(&d.graph, pos.len(), centre);
    let (mut one, mut two) = (0, 0);
    for (o, hop) in dist.iter().enumerate() {
        let r = pos[o].distance(Point::new(0.0, 0.0));
        let id = &d.model.organizations[o].id;
        match hop {
            Some(1) => {
                one += 1;
                assert!((r - settings.ring_gap).abs() < 1e-6, "{id} at {r}");
            }
            Some(2) => {
                two += 1;
                assert!((r - 2.0 * settings.ring_gap).abs() < 1e-6, "{id} at {r}");
            }
            _ => {}
        }
    }
    assert!(one > 0 && two > 0, "the default data should have both rings ({one}, {two})");
    assert!(pos.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
}

#[test]
fn radial_is_deterministic_and_spreads_nodes() {
    let d = default_data();
    let centre = d.model.org_by_id("metropole-amp").unwrap();
    let a = radial_layout(&d.model, &d.graph, centre, &RadialSettings::default());
    let b = radial_layout(&d.model, &d.graph, centre, &RadialSettings::default());
    assert_eq!(a, b);
    assert!(min_distance(&a) > 20.0, "min distance {}", min_distance(&a));
    // Every organisation works as a centre.
    for c in 0..d.model.organizations.len() {
        let pos = radial_layout(&d.model, &d.graph, c, &RadialSettings::default());
        assert!(
            min_distance(&pos) > 20.0,
            "centre {}: min distance {}",
            d.model.organizations[c].id,
            min_distance(&pos)
        );
    }
}

#[test]
fn radial_puts_the_unreachable_beyond_the_last_ring() {
    let orgs = r#"{"id":"a","name":"A","kind":"other"},{"id":"b","name":"B","kind":"other"},
        {"id":"c","name":"C","kind":"other"},{"id":"x","name":"X","kind":"other"},{"id":"y","name":"Y","kind":"other"}"#;
    let links = r#"{"id":"l1","kind":"partnership","from":"a","to":"b","decision":"d"},
        {"id":"l2","kind":"partnership","from":"b","to":"c","decision":"d"}"#;
    let (m, g) = small(orgs, links);
    let settings = RadialSettings { ring_gap: 100.0 };
    let pos = radial_layout(&m, &g, 0, &settings);
    let r = |i: usize| pos[i].distance(Point::new(0.0, 0.0));
    assert!((r(1) - 100.0).abs() < 1e-6 && (r(2) - 200.0).abs() < 1e-6);
    assert!(r(3) > 200.0 + 1e-6 && r(4) > 200.0 + 1e-6, "{} {}", r(3), r(4));
    assert!(min_distance(&pos) > 20.0);
    // A centre outside the model reaches nobody: everyone goes on the outer ring, no panic.
    let lost = radial_layout(&m, &g, 99, &settings);
    assert_eq!(lost.len(), 5);
    assert!(min_distance(&lost) > 20.0);
}

#[test]
fn grouped_keeps_each_kind_nearest_its_own_centre() {
    let d = default_data();
    let pos = grouped_layout(&d.model, &d.graph, &GroupedSettings::default());
    assert_eq!(pos.len(), d.model.organizations.len());
    let centres = group_centres(&d.model, &pos);
    let kinds: std::collections::BTreeSet<_> = d.model.organizations.iter().map(|o| o.kind).collect();
    assert_eq!(centres.len(), kinds.len());
    for (o, org) in d.model.organizations.iter().enumerate() {
        let own = centres.iter().find(|(k, _)| *k == org.kind).unwrap().1;
        let d_own = pos[o].distance(own);
        for (kind, c) in &centres {
            if *kind != org.kind {
                assert!(d_own < pos[o].distance(*c), "{} is nearer the {:?} group", org.id, kind);
            }
        }
    }
}

#[test]
fn grouped_is_deterministic_and_spreads_nodes() {
    let d = default_data();
    let a = grouped_layout(&d.model, &d.graph, &GroupedSettings::default());
    let b = grouped_layout(&d.model, &d.graph, &GroupedSettings::default());
    assert_eq!(a, b);
    assert!(min_distance(&a) > 20.0, "min distance {}", min_distance(&a));
    assert!(a.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
}

#[test]
fn grouped_puts_the_most_linked_in_the_middle() {
    let orgs = r#"{"id":"a","name":"A","kind":"association"},{"id":"b","name":"B","kind":"association"},
        {"id":"c","name":"C","kind":"association"},{"id":"h","name":"H","kind":"association"}"#;
    let links = r#"{"id":"l1","kind":"partnership","from":"h","to":"a","decision":"d"},
        {"id":"l2","kind":"partnership","from":"h","to":"b","decision":"d"},
        {"id":"l3","kind":"partnership","from":"h","to":"c","decision":"d"}"#;
    let (m, g) = small(orgs, links);
    let pos = grouped_layout(&m, &g, &GroupedSettings::default());
    let (_, centre) = group_centres(&m, &pos)[0];
    let hub = pos[3].distance(centre);
    assert!((0..3).all(|i| hub < pos[i].distance(centre)), "hub at {hub}");
}

#[test]
fn grouped_survives_tiny_exports() {
    let (m, g) = small("", "");
    assert!(grouped_layout(&m, &g, &GroupedSettings::default()).is_empty());
    assert!(group_centres(&m, &[]).is_empty());
    assert!(radial_layout(&m, &g, 0, &RadialSettings::default()).is_empty());

    let (m, g) = small(r#"{"id":"a","name":"A","kind":"company"}"#, "");
    let pos = grouped_layout(&m, &g, &GroupedSettings::default());
    assert_eq!(pos.len(), 1);
    assert!(pos[0].x.is_finite() && pos[0].y.is_finite());
    let centres = group_centres(&m, &pos);
    assert_eq!(centres.len(), 1);
    assert_eq!(radial_layout(&m, &g, 0, &RadialSettings::default()), vec![Point::new(0.0, 0.0)]);
}
