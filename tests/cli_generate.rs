//! `carte generate`: large exports shaped like the real thing, valid, and the same for the same seed.

// Native tests (the browser build runs tests/browser.rs only): the size rules of clippy.toml
// guard the browser build, not these.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use std::collections::HashMap;

use carte_partenariats::cli::generate::{generate, GenerateSettings, Shape};
use carte_partenariats::cli::io::export_json;
use carte_partenariats::core::validate::validate;

fn text(orgs: usize, links: usize, seed: u64) -> String {
    export_json(&generate(&GenerateSettings { orgs, links, seed, ..Default::default() }))
}

#[test]
fn same_seed_same_file_and_the_validator_accepts_it() {
    let a = text(2000, 6000, 7);
    assert_eq!(a, text(2000, 6000, 7));
    assert_ne!(a, text(2000, 6000, 8));
    let model = validate(&a).unwrap_or_else(|p| panic!("{:#?}", &p.list[..p.list.len().min(5)]));
    assert_eq!(model.organizations.len(), 2000);
    assert_eq!(model.links.len(), 6000);
}

#[test]
fn shaped_like_the_real_thing() {
    let model = validate(&text(3000, 9000, 1)).unwrap();
    // Heavy-tailed degrees: hubs far above the typical organisation.
    let mut degree = vec![0usize; model.organizations.len()];
    for l in &model.links {
        degree[l.from] += 1;
        degree[l.to] += 1;
    }
    let mut sorted = degree.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2].max(1);
    assert!(sorted[sorted.len() - 1] > 50 * median, "max {} vs median {median}", sorted[sorted.len() - 1]);
    // Parallel links between the same pair (renewed yearly subsidies).
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
    for l in &model.links {
        *pairs.entry((l.from.min(l.to), l.from.max(l.to))).or_default() += 1;
    }
    assert!(pairs.values().filter(|n| **n > 1).count() > 100);
    // Years 2015 to 2025, amounts over five orders of magnitude, long names with accents.
    let years: Vec<i32> = model.links.iter().filter_map(|l| l.year).collect();
    assert_eq!((years.iter().min(), years.iter().max()), (Some(&2015), Some(&2025)));
    let amounts: Vec<u64> = model.links.iter().filter_map(|l| l.amount.map(|a| a.0)).collect();
    let (lo, hi) = (*amounts.iter().min().unwrap(), *amounts.iter().max().unwrap());
    assert!(hi / lo.max(1) >= 30_000, "amounts from {lo} to {hi} cents: less than four and a half orders of magnitude");
    assert!(model.organizations.iter().any(|o| o.name.contains('É') || o.name.contains('é')));
    assert!(model.organizations.iter().map(|o| o.name.chars().count()).max().unwrap() > 40);
    assert!(model.organizations.iter().any(|o| o.name == "Commune d'Aix-en-Provence"));
}

#[test]
fn tiny_requests_do_not_panic() {
    for (orgs, links) in [(0, 0), (1, 5), (2, 1), (3, 0)] {
        let model = validate(&text(orgs, links, 3)).unwrap();
        assert!(model.organizations.len() <= orgs.max(3));
    }
}

#[test]
fn the_rough_shape_has_what_registers_have() {
    let settings = GenerateSettings { orgs: 3000, links: 9000, seed: 2, shape: Shape::Rough };
    let text = serde_json::to_string(&generate(&settings)).unwrap();
    assert_eq!(text, serde_json::to_string(&generate(&settings)).unwrap(), "same seed, same file");
    let model = validate(&text).unwrap_or_else(|p| panic!("{:#?}", &p.list[..p.list.len().min(5)]));
    assert_eq!((model.organizations.len(), model.links.len()), (3000, 9000));
    let mut degree = vec![0usize; model.organizations.len()];
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
    for l in &model.links {
        degree[l.from] += 1;
        degree[l.to] += 1;
        *pairs.entry((l.from.min(l.to), l.from.max(l.to))).or_default() += 1;
    }
    // Organisations listed without any link (parent ties aside), and a hub with a link in twenty.
    let unlinked = (0..degree.len()).filter(|o| degree[*o] == 0 && model.organizations[*o].parent.is_none()).count();
    assert!(unlinked * 100 > 3000 * 8, "{unlinked} organisations without links");
    assert!(degree.iter().max().unwrap() * 20 > 9000, "the largest hub has {} links", degree.iter().max().unwrap());
    // One link in ten renews an earlier pair; one in twenty has more than two parties.
    let renewals: usize = pairs.values().map(|n| n - 1).sum();
    assert!(renewals * 10 > 9000, "{renewals} renewals");
    assert!(model.links.iter().filter(|l| l.parties.len() > 2).count() * 30 > 9000);
    // Each link its own decision, some with a long title; names in capitals, and acronyms.
    assert_eq!(model.decisions.len(), 9000);
    assert!(model.links.iter().enumerate().all(|(i, l)| l.decision == i));
    assert!(model.decisions.iter().any(|d| d.title.chars().count() > 250));
    assert!(model.organizations.iter().any(|o| o.name.len() > 20 && o.name == o.name.to_uppercase()));
    assert!(model.organizations.iter().filter(|o| o.short_name.is_some()).count() > 100);
    let amounts: Vec<u64> = model.links.iter().filter_map(|l| l.amount.map(|a| a.0)).collect();
    assert!(*amounts.iter().min().unwrap() >= 50_000 && *amounts.iter().max().unwrap() > 1_000_000_000);
}
