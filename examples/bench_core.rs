//! Core benchmark, rerunnable: `make bench` (or `cargo run --release --example bench_core`).
//! Times validation, graph building, layout and scene building on the default dataset and on
//! synthetic exports of growing size, and prints one table. Timings are medians of several runs.

// Native only: the size rules of clippy.toml guard the browser build, not its tests.
#![allow(clippy::disallowed_methods)]

use std::time::Instant;

use carte_partenariats::core::graph::Graph;
use carte_partenariats::core::i18n::Lang;
use carte_partenariats::core::layout::{force_layout, ForceSettings};
use carte_partenariats::core::query::Visible;
use carte_partenariats::core::scene::{build_scene, Camera, Focus, SceneInput, SceneSettings};
use carte_partenariats::core::validate::validate;

/// A synthetic export: `orgs` organisations, each linked to a hub and to a neighbour, plus
/// `extra` more neighbours each (links ≈ (2 + extra) × orgs).
fn synthetic(orgs: usize, extra: usize) -> String {
    let organizations: Vec<String> = (0..orgs)
        .map(|i| format!(r#"{{"id":"o{i}","name":"Organisation n°{i} de l'Étang","kind":"association"}}"#))
        .collect();
    let mut links = Vec::new();
    for i in 1..orgs {
        links.push(format!(
            r#"{{"id":"h{i}","kind":"subsidy","from":"o0","to":"o{i}","decision":"d","amount":"{}.50","year":2024}}"#,
            1000 + i * 37
        ));
        if i > 1 {
            links.push(format!(
                r#"{{"id":"n{i}","kind":"partnership","from":"o{i}","to":"o{}","decision":"d"}}"#,
                (i * 7919) % (i - 1) + 1
            ));
        }
        for e in 0..extra {
            if i > 2 {
                let to = (i * (104_729 + e * 7_727)) % (i - 2) + 1;
                links.push(format!(
                    r#"{{"id":"x{e}-{i}","kind":"membership","from":"o{i}","to":"o{to}","decision":"d"}}"#
                ));
            }
        }
    }
    format!(
        r#"{{"schema":"carte-partenariats/1","title":"Synthétique","organizations":[{}],
        "decisions":[{{"id":"d","instance":"Conseil","date":"2024-01-01","title":"T","source":{{"document":"s"}}}}],"links":[{}]}}"#,
        organizations.join(","),
        links.join(",")
    )
}

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn main() {
    let default =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/data/partenariats.json")).unwrap();
    let cases = [
        ("défaut (14 org.)", default),
        ("100 org.", synthetic(100, 0)),
        ("500 org.", synthetic(500, 0)),
        ("1 000 org.", synthetic(1000, 0)),
        ("5 000 org.", synthetic(5000, 1)),
        ("10 000 org.", synthetic(10_000, 1)),
    ];
    println!(
        "{:<18} {:>8} {:>12} {:>10} {:>12} {:>10}",
        "export", "liens", "validation", "graphe", "disposition", "scène"
    );
    for (name, text) in &cases {
        let model = validate(text).unwrap();
        let graph = Graph::build(&model);
        let runs = if model.organizations.len() > 400 { 3 } else { 9 };
        let validate_ms = median_ms(runs, || drop(validate(text).unwrap()));
        let graph_ms = median_ms(runs, || drop(Graph::build(&model)));
        let mut positions = Vec::new();
        let layout_ms = median_ms(runs, || positions = force_layout(&model, &graph, &ForceSettings::default()));
        let camera = Camera::fit(&positions, 1280.0, 800.0, 40.0);
        let (focus, settings) = (Focus::default(), SceneSettings::default());
        let visible = Visible::all(&model);
        let input = SceneInput {
            model: &model,
            graph: &graph,
            positions: &positions,
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
        let measure = |t: &str, s: f64| t.len() as f64 * s * 0.55;
        let scene_ms = median_ms(runs, || drop(build_scene(&input, &measure)));
        println!(
            "{:<18} {:>8} {:>10.2} ms {:>7.2} ms {:>9.1} ms {:>7.2} ms",
            name,
            model.links.len(),
            validate_ms,
            graph_ms,
            layout_ms,
            scene_ms
        );
    }
}
