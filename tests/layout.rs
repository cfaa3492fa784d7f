//! The force layout: deterministic, spreads nodes apart, keeps linked nodes close.

// Native tests (the browser build runs tests/browser.rs only): the size rules of clippy.toml
// guard the browser build, not these.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use carte_partenariats::cli::generate::{generate, GenerateSettings, Shape};
use carte_partenariats::cli::io::export_json;
use carte_partenariats::core::community::Communities;
use carte_partenariats::core::graph::Graph;
use carte_partenariats::core::layout::{
    bounds, force_layout, orient_to, Components, ForceRun, ForceSettings, LayoutInput, Point, Ties,
};
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
fn organisations_linked_to_nobody_are_packed_around_the_network_not_on_it() {
    // Not a column beside it, nor a wide ring: the free places nearest to the network, none
    // inside it, none on another, and the network still fills most of the picture.
    let (g, _, _, pos) = large();
    assert!(!g.alone.is_empty());
    let spacing = ForceSettings::default().ideal_length * 0.6;
    let linked: Vec<Point> = g.communities.iter().flatten().map(|i| pos[*i]).collect();
    let (lo, hi) = bounds(&linked).unwrap();
    let (all_lo, all_hi) = bounds(pos).unwrap();
    let area = |lo: Point, hi: Point| (hi.x - lo.x) * (hi.y - lo.y);
    assert!(area(all_lo, all_hi) < 1.3 * area(lo, hi), "the packed organisations take too much room");
    let alone: Vec<Point> = g.alone.iter().map(|i| pos[*i]).collect();
    for (a, p) in alone.iter().enumerate() {
        let nearest = linked.iter().map(|q| p.distance(*q)).fold(f64::INFINITY, f64::min);
        assert!(nearest > spacing * 0.5, "{p:?} sits on the network ({nearest:.0} from it)");
        assert!(nearest < spacing * 6.0, "{p:?} is far from the network ({nearest:.0})");
        assert!(alone[a + 1..].iter().all(|q| p.distance(*q) > spacing * 0.5), "two organisations on one spot");
    }
}

#[test]
fn small_components_are_packed_whole_around_the_main_one() {
    // A rough register: islands of two to five organisations tied only to each other.
    let text = export_json(&generate(&GenerateSettings { orgs: 2000, links: 6000, seed: 11, shape: Shape::Rough }));
    let m = validate(&text).unwrap();
    let graph = Graph::build(&m);
    let input = LayoutInput::new(&m, &graph);
    let components = Components::new(m.organizations.len(), &input.edges);
    let pos = force_layout(&m, &graph, &ForceSettings::default());
    let (main, rest) = components.list.split_first().unwrap();
    let islands: Vec<&Vec<usize>> = rest.iter().filter(|c| c.len() > 1).collect();
    assert!(islands.len() > 5 && rest.len() > 100, "{} islands, {} small components", islands.len(), rest.len());
    let main_points: Vec<Point> = main.iter().map(|v| pos[*v]).collect();
    let (lo, hi) = bounds(&main_points).unwrap();
    let (all_lo, all_hi) = bounds(&pos).unwrap();
    let area = |lo: Point, hi: Point| (hi.x - lo.x) * (hi.y - lo.y);
    // Packed into the free corners of its box: not a ring, not a column beside it.
    assert!(area(all_lo, all_hi) < 1.3 * area(lo, hi), "the small components take too much room");
    let k = ForceSettings::default().ideal_length;
    for island in islands {
        // Whole: its members stay near each other, and apart from everyone else.
        for &a in island {
            let own =
                island.iter().filter(|b| **b != a).map(|b| pos[a].distance(pos[*b])).fold(f64::INFINITY, f64::min);
            let other = (0..pos.len())
                .filter(|b| !island.contains(b))
                .map(|b| pos[a].distance(pos[b]))
                .fold(f64::INFINITY, f64::min);
            assert!(own < 3.0 * k, "an island broken apart: {own:.0}");
            assert!(other > 0.3 * k, "an island touching another organisation: {other:.0}");
        }
    }
}

#[test]
fn the_ties_a_worker_receives_give_the_pages_graph_and_the_same_picture() {
    let (_, m, graph, pos) = large();
    let ties = Ties::from_words(&Ties::of(m).to_words()).unwrap();
    let input = LayoutInput::from_ties(&ties);
    assert_eq!(input, LayoutInput::new(m, graph));
    let mut run = ForceRun::from_input(&input, &ForceSettings::default());
    run.run(&mut || true);
    assert_eq!(&run.positions(), pos);
    let mut wrong = Ties::of(m).to_words();
    let last = wrong.len() - 1;
    wrong[last] = u32::MAX;
    assert_eq!(Ties::from_words(&wrong), None, "a tie to nobody");
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

#[test]
fn the_communities_of_a_large_network_are_found_and_named_by_their_most_linked() {
    let (g, _, graph, _) = large();
    let found = Communities::of_graph(graph);
    assert_eq!(found, Communities::of_graph(graph), "the same every time");
    for members in &g.communities {
        // Most of a community's members share one community found.
        let mut count = std::collections::BTreeMap::new();
        members.iter().for_each(|o| *count.entry(found.of[*o]).or_insert(0) += 1);
        let most = count.values().max().unwrap();
        assert!(most * 10 >= members.len() * 7, "{most} of {} members together", members.len());
    }
    for (c, members) in found.members.iter().enumerate() {
        let main = found.main[c];
        assert!(members.iter().all(|o| graph.link_degree(*o) <= graph.link_degree(main)));
        assert!(c == 0 || members.len() <= found.members[c - 1].len(), "largest first");
    }
    // Organisations tied to nobody are alone.
    assert!(g.alone.iter().all(|o| found.members[found.of[*o]] == [*o]));
}
