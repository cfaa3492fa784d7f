//! The force layout: deterministic, spreads nodes apart, keeps linked nodes close.

// Native tests (the browser build runs tests/browser.rs only): the size rules of clippy.toml
// guard the browser build, not these.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use carte_partenariats::core::graph::Graph;
use carte_partenariats::core::layout::{bounds, force_layout, orient_to, ForceRun, ForceSettings, Point};
use carte_partenariats::core::validate::validate;

fn default_data() -> (carte_partenariats::core::model::Model, Graph) {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/frozen-export.json")).unwrap();
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
            assert!(
                pos[i].distance(pos[j]) > settings.ideal_length * 0.3,
                "{} and {} overlap",
                m.organizations[i].id,
                m.organizations[j].id
            );
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
            if g.bundle_between(i, j).is_some() {
                linked.push(d)
            } else {
                unlinked.push(d)
            }
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
    let m = validate(r#"{"schema":"carte-partenariats/1","title":"t","organizations":[],"decisions":[],"links":[]}"#)
        .unwrap();
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

/// A generated network of `total` organisations: a few hubs, communities of 30 to 100
/// organisations densely linked inside and sparsely across (each hub funds members of its own
/// share of the communities), and a few organisations linked to nobody.
struct Generated {
    text: String,
    hubs: Vec<usize>,
    /// Organisation indices, community by community.
    communities: Vec<Vec<usize>>,
    alone: Vec<usize>,
}

fn generated(total: usize, hub_count: usize, alone_count: usize, seed: u64) -> Generated {
    let mut state = seed;
    let mut rand = |below: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % below
    };
    let mut ids: Vec<String> = (0..hub_count).map(|h| format!("hub{h}")).collect();
    let hubs: Vec<usize> = (0..hub_count).collect();
    let mut communities: Vec<Vec<usize>> = Vec::new();
    while ids.len() < total - alone_count {
        let left = total - alone_count - ids.len();
        let size = if left <= 100 { left } else { (30 + rand(71)).min(left - 30) };
        let c = communities.len();
        communities.push((ids.len()..ids.len() + size).collect());
        ids.extend((0..size).map(|m| format!("c{c}-{m}")));
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (c, members) in communities.iter().enumerate() {
        for (m, &a) in members.iter().enumerate() {
            // Inside: each member to three others of its community.
            for _ in 0..3 {
                let b = members[(m + 1 + rand(members.len() - 1)) % members.len()];
                pairs.push((a, b));
            }
        }
        // Across: two links to members of other communities.
        for _ in 0..2 {
            let other = &communities[(c + 1 + rand(communities.len() - 1)) % communities.len()];
            pairs.push((members[rand(members.len())], other[rand(other.len())]));
        }
        // The hub of this share of communities funds three of its members.
        for _ in 0..3 {
            pairs.push((hubs[c % hub_count], members[rand(members.len())]));
        }
    }
    let alone: Vec<usize> = (ids.len()..total).collect();
    ids.extend((0..alone_count).map(|a| format!("seul{a}")));
    let organizations: Vec<String> =
        ids.iter().map(|id| format!(r#"{{"id":"{id}","name":"Organisation {id}","kind":"association"}}"#)).collect();
    let links: Vec<String> = pairs
        .iter()
        .enumerate()
        .map(|(n, (a, b))| {
            format!(r#"{{"id":"l{n}","kind":"partnership","from":"{}","to":"{}","decision":"d"}}"#, ids[*a], ids[*b])
        })
        .collect();
    let text = format!(
        r#"{{"schema":"carte-partenariats/1","title":"Généré","organizations":[{}],
        "decisions":[{{"id":"d","instance":"Conseil","date":"2024-01-01","title":"T","source":{{"document":"s"}}}}],"links":[{}]}}"#,
        organizations.join(","),
        links.join(",")
    );
    Generated { text, hubs, communities, alone }
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The large network, validated, built and laid out once for the tests below.
fn large() -> &'static (Generated, carte_partenariats::core::model::Model, Graph, Vec<Point>) {
    static LARGE: std::sync::OnceLock<(Generated, carte_partenariats::core::model::Model, Graph, Vec<Point>)> =
        std::sync::OnceLock::new();
    LARGE.get_or_init(|| {
        let g = generated(3000, 5, 40, 42);
        let m = validate(&g.text).unwrap();
        let graph = Graph::build(&m);
        let pos = force_layout(&m, &graph, &ForceSettings::default());
        (g, m, graph, pos)
    })
}

#[test]
fn a_large_network_is_laid_out_the_same_every_time() {
    let (_, m, graph, pos) = large();
    assert_eq!(pos.len(), 3000);
    assert!(pos.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    assert_eq!(pos, &force_layout(m, graph, &ForceSettings::default()), "two runs, two pictures");
    let other = force_layout(m, graph, &ForceSettings { seed: 7, ..ForceSettings::default() });
    assert_ne!(pos, &other, "the seed should matter");
    assert!(other.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
}

#[test]
fn organisations_linked_to_nobody_are_set_out_beside_the_network() {
    // Not a ring around the network (which would take most of the picture): tidy columns
    // beside it, no taller than it, none on another.
    let (g, _, _, pos) = large();
    assert!(!g.alone.is_empty());
    let linked: Vec<Point> = g.communities.iter().flatten().map(|i| pos[*i]).collect();
    let (lo, hi) = bounds(&linked).unwrap();
    for i in &g.alone {
        let p = pos[*i];
        assert!(p.x > hi.x, "{p:?} is not beside the network (which ends at x = {:.0})", hi.x);
        assert!(p.y >= lo.y - 1e-6 && p.y <= hi.y + 1e-6, "{p:?} is taller than the network");
    }
    let alone: Vec<Point> = g.alone.iter().map(|i| pos[*i]).collect();
    let spread = bounds(&alone).unwrap();
    assert!(spread.1.x - spread.0.x < hi.x - lo.x, "the columns are wider than the network");
    for (a, p) in alone.iter().enumerate() {
        assert!(alone[a + 1..].iter().all(|q| p.distance(*q) > 1.0), "two organisations on the same spot");
    }
}

#[test]
fn the_large_layout_also_works_on_a_small_file() {
    // Forced onto the multilevel path, the default dataset still spreads out sensibly.
    let (m, g) = default_data();
    let settings = ForceSettings { exact_below: 0, ..ForceSettings::default() };
    let pos = force_layout(&m, &g, &settings);
    assert_eq!(pos, force_layout(&m, &g, &settings));
    assert!(pos.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    for i in 0..pos.len() {
        for j in (i + 1)..pos.len() {
            assert!(
                pos[i].distance(pos[j]) > settings.ideal_length * 0.3,
                "{} and {} overlap",
                m.organizations[i].id,
                m.organizations[j].id
            );
        }
    }
}

#[test]
fn a_large_network_shows_its_communities() {
    let (g, _, _, pos) = large();
    let community_of: std::collections::BTreeMap<usize, usize> =
        g.communities.iter().enumerate().flat_map(|(c, members)| members.iter().map(move |&i| (i, c))).collect();
    // Mean distance within a community, and between members of different communities
    // (every pair within, a fixed sample of pairs across).
    let within: Vec<f64> = g
        .communities
        .iter()
        .flat_map(|members| {
            members
                .iter()
                .enumerate()
                .flat_map(move |(x, &i)| members[x + 1..].iter().map(move |&j| pos[i].distance(pos[j])))
        })
        .collect();
    let members: Vec<usize> = community_of.keys().copied().collect();
    let mut across = Vec::new();
    for x in (0..members.len()).step_by(7) {
        for y in (x % 11..members.len()).step_by(13) {
            let (i, j) = (members[x], members[y]);
            if community_of[&i] != community_of[&j] {
                across.push(pos[i].distance(pos[j]));
            }
        }
    }
    let (within, across) = (mean(&within), mean(&across));
    assert!(within * 3.0 < across, "within a community {within:.1}, across {across:.1}");
}

#[test]
fn the_hubs_of_a_large_network_stand_apart() {
    let (g, _, graph, pos) = large();
    let edge_length = median(graph.bundles().map(|(_, b)| pos[b.ends.0].distance(pos[b.ends.1])).collect());
    for (x, &a) in g.hubs.iter().enumerate() {
        for &b in &g.hubs[x + 1..] {
            let d = pos[a].distance(pos[b]);
            assert!(d > edge_length, "hubs {a} and {b}: {d:.1} apart, median edge {edge_length:.1}");
        }
    }
}

#[test]
fn a_layout_advanced_in_slices_ends_where_one_run_ends() {
    // The browser advances the layout a few steps per frame and draws in between: the
    // picture it settles on must be the very one `force_layout` gives.
    let (_, m, graph, pos) = large();
    let mut run = ForceRun::new(m, graph, &ForceSettings::default());
    let first = run.positions();
    assert_eq!(first.len(), pos.len(), "a first picture has every organisation");
    assert!(first.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    let (mut slices, mut progress) = (0, run.progress());
    while !run.is_settled() {
        let mut steps = 0;
        run.run(&mut || {
            steps += 1;
            steps < 7
        });
        assert!(run.progress() >= progress, "progress never goes back");
        progress = run.progress();
        slices += 1;
    }
    assert!(slices > 10, "the work was really sliced ({slices} slices)");
    assert_eq!(progress, 1.0);
    assert_eq!(&run.positions(), pos);
}

#[test]
fn the_first_picture_of_a_large_layout_already_groups_communities() {
    // Before any fine step, organisations sit around their clusters' places: the first
    // picture shows the communities, not a random cloud.
    let (g, m, graph, _) = large();
    let mut run = ForceRun::new(m, graph, &ForceSettings::default());
    // The coarsest level only (a few dozen nodes): cheap, and enough for the big picture.
    let coarsest_steps = ForceSettings::default().large_iterations;
    let mut steps = 0;
    run.run(&mut || {
        steps += 1;
        steps < coarsest_steps
    });
    let pos = run.positions();
    let spread = |members: &[usize]| {
        let c = members.iter().fold(Point::default(), |c, i| Point::new(c.x + pos[*i].x, c.y + pos[*i].y));
        let c = Point::new(c.x / members.len() as f64, c.y / members.len() as f64);
        mean(&members.iter().map(|i| pos[*i].distance(c)).collect::<Vec<_>>())
    };
    let all: Vec<usize> = (0..pos.len()).collect();
    let within = mean(&g.communities.iter().filter(|c| c.len() > 5).map(|c| spread(c)).collect::<Vec<_>>());
    assert!(within * 2.0 < spread(&all), "communities {within:.0} across, the whole {:.0}", spread(&all));
}
