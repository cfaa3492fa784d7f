//! Loading a large export a slice at a time, as the browser does between frames, and a layout
//! that runs elsewhere (a Web Worker) and whose positions the dataset follows.

// Native tests (the browser build runs tests/browser.rs only): the size rules of clippy.toml
// guard the browser build, not these.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use carte_partenariats::cli::generate::{generate, GenerateSettings, Shape};
use carte_partenariats::cli::io::export_json;
use carte_partenariats::core::community::{louvain, Communities};
use carte_partenariats::core::dataset::{Dataset, Loading};
use carte_partenariats::core::i18n::Lang;
use carte_partenariats::core::layout::{
    force_layout, grouped_layout, ForceRun, ForceSettings, GroupedSettings, LayoutInput, Point, Ties,
};
use carte_partenariats::core::scene::{community_regions, regions_from_numbers, regions_to_numbers};

fn rough(orgs: usize) -> String {
    export_json(&generate(&GenerateSettings { orgs, links: 3 * orgs, seed: 4, shape: Shape::Rough }))
}

type Loaded = Result<Dataset, carte_partenariats::core::validate::Problems>;

/// Loads in slices of a few elements; returns the result, the number of slices, and the ties
/// the loading gave for the layout worker with the number of slices it took to give them.
fn load_with_ties(text: &str) -> (Loaded, usize, Option<(Ties, usize)>) {
    let mut loading = Loading::new(text.to_string(), Lang::Fr);
    let (mut slices, mut ties) = (1, None);
    loop {
        let mut asked = 0;
        let result = loading.advance(&mut || {
            asked += 1;
            asked < 3
        });
        if let Some(taken) = loading.take_ties() {
            assert!(ties.is_none(), "ties given twice");
            ties = Some((taken, slices));
        }
        if let Some(result) = result {
            return (result, slices, ties);
        }
        slices += 1;
    }
}

fn load_in_slices(text: &str) -> (Loaded, usize) {
    let (result, slices, _) = load_with_ties(text);
    (result, slices)
}

#[test]
fn a_large_export_loaded_in_slices_gives_the_dataset_of_one_pass() {
    let text = rough(1500);
    let (sliced, slices) = load_in_slices(&text);
    let sliced = sliced.unwrap();
    let whole = Dataset::from_text(&text).unwrap();
    assert!(slices > 50, "only {slices} slices");
    assert!(sliced.model == whole.model);
    let edges = |d: &Dataset| d.graph.bundles().map(|(e, b)| (e, b.clone())).collect::<Vec<_>>();
    assert_eq!(edges(&sliced), edges(&whole));
    // Its layout waits for positions; laid out here, it ends where a one-pass dataset's does.
    assert!(!sliced.has_positions() && !sliced.layout_settled());
    let communities = whole.communities().unwrap();
    let run = ForceRun::grouped(&sliced.layout_input(), &communities.of, &ForceSettings::default());
    sliced.lay_out_with(Box::new(run));
    sliced.refine_layout(&mut || true);
    assert_eq!(sliced.positions(), whole.positions());
    // A broken file gives the problems of one pass.
    let broken = text.replacen(r#""kind": "subsidy""#, r#""kind": "gift""#, 1);
    assert_eq!(load_in_slices(&broken).0.unwrap_err(), Dataset::from_text(&broken).unwrap_err());
}

#[test]
fn a_broken_export_gives_back_its_text_whole_to_be_read_again() {
    // Broken late (a link's kind) and early (the syntax of its first organisation), with a BOM.
    let text = rough(400);
    let late = text.replacen(r#""kind": "subsidy""#, r#""kind": "gift""#, 1);
    let early = format!("\u{feff}{}", text.replacen(r#""id": "org-"#, r#""id" "org-"#, 1));
    for broken in [late, early] {
        let mut loading = Loading::new(broken.clone(), Lang::Fr);
        let problems = loop {
            if let Some(result) = loading.advance(&mut || true) {
                break result.unwrap_err();
            }
        };
        let kept = loading.into_text().expect("the text of a broken export");
        assert_eq!(kept, broken.trim_start_matches('\u{feff}'));
        assert_eq!(Dataset::from_text(&kept).unwrap_err(), problems);
    }
    // A valid one keeps nothing once built.
    let mut loading = Loading::new(text, Lang::Fr);
    while loading.advance(&mut || true).is_none() {}
    assert_eq!(loading.into_text(), None);
}

#[test]
fn the_ties_for_the_layout_come_before_the_checks_end_and_only_from_a_clean_file() {
    let text = rough(1200);
    let (loaded, slices, ties) = load_with_ties(&text);
    let data = loaded.unwrap();
    let (ties, at) = ties.expect("no ties given");
    assert!(at * 10 < slices * 9, "ties given at slice {at} of {slices}");
    assert_eq!(ties, Ties::of(&data.model));
    // The worker's network is the page's graph, edge for edge.
    assert_eq!(LayoutInput::from_ties(&Ties::from_words(&ties.to_words()).unwrap()), data.layout_input());
    assert_eq!(Ties::from_words(&ties.to_words()[1..]), None);
    let broken = text.replacen(r#""to": "org-"#, r#""to": "nobody-"#, 1);
    assert!(load_with_ties(&broken).2.is_none(), "ties from a file with an unknown organisation");
}

#[test]
fn the_worker_reads_from_the_bytes_the_very_ties_the_page_reads() {
    // Exports of several shapes: generated rough (hubs, islands, parents, several parties), the
    // frozen real export, and one a Windows editor saved (a byte order mark, CRLF line ends).
    let frozen = std::fs::read_to_string("tests/fixtures/frozen-export.json").expect("frozen export");
    let windows = format!("\u{feff}{}", frozen.replace('\n', "\r\n"));
    for text in [rough(900), frozen, windows] {
        let (loaded, _, ties) = load_with_ties(&text);
        let data = loaded.unwrap();
        let (ties, _) = ties.expect("no ties given");
        let read = Ties::from_export(text.as_bytes()).expect("the worker could not read the export");
        assert_eq!(read, ties);
        assert_eq!(read, Ties::of(&data.model));
        assert_eq!(read.digest(), Ties::of(&data.model).digest());
        assert!(read.digest() < 1 << 24, "the digest travels as a 32-bit float");
    }
    // Ties the page would read otherwise have another digest: the worker's pictures are refused.
    let text = rough(300);
    let (mut other, _) = load_with_ties(&text).2.unwrap();
    let digest = other.digest();
    other.links.swap(0, 1);
    assert_ne!(other.digest(), digest);
    // Bytes it cannot read so (an id not in UTF-8, a link to nobody, a repeated id): it asks
    // the page.
    let mut latin1 = text.clone().into_bytes();
    let at = latin1.windows(6).position(|w| w == b"\"id\": ".as_slice()).unwrap() + 7;
    latin1[at] = 0xe9;
    assert_eq!(Ties::from_export(&latin1), None);
    assert_eq!(Ties::from_export(text.replacen(r#""to": "org-"#, r#""to": "nobody-"#, 1).as_bytes()), None);
    let first_id = text.split(r#""id": ""#).nth(1).unwrap().split('"').next().unwrap();
    let second_id = text.split(r#""id": ""#).nth(2).unwrap().split('"').next().unwrap();
    let repeated = text.replacen(&format!(r#""id": "{second_id}""#), &format!(r#""id": "{first_id}""#), 1);
    assert_eq!(Ties::from_export(repeated.as_bytes()), None);
}

#[test]
fn pictures_from_elsewhere_are_followed_with_their_regions() {
    let (loaded, _, ties) = load_with_ties(&rough(800));
    let data = loaded.unwrap();
    // What the worker does with what it receives.
    let ties = Ties::from_words(&ties.unwrap().0.to_words()).unwrap();
    let input = LayoutInput::from_ties(&ties);
    let mut degrees = vec![0; ties.hashes.len()];
    ties.links.iter().for_each(|&(a, b)| [a, b].iter().for_each(|o| degrees[*o as usize] += 1));
    let communities = Communities::new(louvain(input.hashes.len(), &input.edges), &degrees);
    let mut run = ForceRun::grouped(&input, &communities.of, &ForceSettings::default());
    let first = run.positions();
    let regions = |positions: &[Point]| {
        regions_from_numbers(&regions_to_numbers(&community_regions(&communities, positions))).unwrap()
    };
    data.follow(first.clone(), false, regions(&first));
    assert_eq!(data.positions(), first);
    assert_eq!(&*data.regions(), &regions(&first)[..]);
    assert!(!data.layout_settled() && !data.refine_layout(&mut || true), "nothing to refine here");
    run.run(&mut || true);
    let last = run.positions();
    data.follow(last.clone(), true, regions(&last));
    assert!(data.layout_settled());
    // The worker's picture and communities are the ones found here.
    let here = Dataset::from_text(&rough(800)).unwrap();
    assert_eq!(data.positions(), here.positions());
    assert_eq!(communities, *here.communities().unwrap());
    assert!(data.regions().len() >= 3 && data.regions()[0].hull.len() >= 3);
    // Settled, it takes nothing more; a wrong count is ignored.
    data.follow(first, false, Vec::new());
    data.follow(vec![Point::default(); 3], true, Vec::new());
    assert!(data.layout_settled() && data.positions() == last && !data.regions().is_empty());
}

#[test]
fn without_the_worker_the_page_lays_out_a_small_network_exactly_and_groups_a_large_one() {
    let small = load_in_slices(include_str!("../assets/data/partenariats.json")).0.unwrap();
    small.lay_out_here();
    assert!(!small.layout_settled());
    small.refine_layout(&mut || true);
    assert_eq!(small.positions(), force_layout(&small.model, &small.graph, &ForceSettings::default()));
    let large = load_in_slices(&rough(400)).0.unwrap();
    large.lay_out_here();
    assert!(large.layout_settled(), "a large network waits for nothing");
    assert_eq!(large.positions(), grouped_layout(&large.model, &large.graph, &GroupedSettings::default()));
}
