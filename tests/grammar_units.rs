//! Sentences with articles, contractions and agreement, and a parent with its units: read from a
//! frozen fixture (tests/fixtures/units-grammar.json) whose names exercise each rule.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use carte_partenariats::core::dataset::Dataset;
use carte_partenariats::core::i18n::Lang;
use carte_partenariats::core::model::{Cents, LinkKind, Model};
use carte_partenariats::core::query::{self, Visible};
use carte_partenariats::core::validate;

fn data() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/units-grammar.json");
    Dataset::from_text(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn org(m: &Model, id: &str) -> usize {
    m.org_by_id(id).unwrap()
}

fn link(m: &Model, id: &str) -> usize {
    m.link_by_id(id).unwrap()
}

fn path(d: &Dataset, ids: &[&str], lang: Lang) -> String {
    let m = &d.model;
    let orgs: Vec<usize> = ids.iter().map(|id| org(m, id)).collect();
    query::describe_path(m, &d.graph, &Visible::all(m), &orgs, lang)
}

#[test]
fn links_are_told_with_articles_contractions_and_agreement() {
    let d = data();
    let m = &d.model;
    let said = |id: &str| query::link_sentence(m, link(m, id), Lang::Fr);
    assert_eq!(said("metro-dt-2022"), "La Métropole subventionne la DT 13.");
    assert_eq!(said("restos-metro-2023"), "Les Restos du Cœur adhèrent à la Métropole.");
    assert_eq!(said("eveil-dept-2023"), "Éveil Emploi adhère au Département.");
    assert_eq!(said("eveil-agence-2023"), "Éveil Emploi transmet des données à l'Agence d'Aubagne.");
    assert_eq!(said("agence-dept-2023"), "L'Agence d'Aubagne a une convention de partenariat avec le Département.");
    assert_eq!(said("metro-reseau-pacte"), "La Métropole a signé un pacte avec France Réseau.");
    let en = |id: &str| query::link_sentence(m, link(m, id), Lang::En);
    assert_eq!(en("metro-dt-2022"), "The Métropole subsidises the DT 13.");
    assert_eq!(en("restos-metro-2023"), "The Restos du Cœur are members of the Métropole.");
    assert_eq!(en("eveil-dept-2023"), "Éveil Emploi is a member of the Département.");
}

#[test]
fn paths_agree_with_each_subject_even_after_qui() {
    let d = data();
    // Against the link: the passive agrees with its feminine subject.
    assert_eq!(path(&d, &["dt-13", "metro"], Lang::Fr), "La DT 13 est subventionnée par la Métropole.");
    // « de » elided before a bare name with a vowel; « qui » agrees with the agency (feminine).
    assert_eq!(
        path(&d, &["dept", "agence-aubagne", "eveil"], Lang::Fr),
        "Le Département a une convention de partenariat avec l'Agence d'Aubagne, qui reçoit des données d'Éveil Emploi."
    );
    assert_eq!(path(&d, &["metro", "restos"], Lang::Fr), "La Métropole compte parmi ses membres les Restos du Cœur.");
    assert_eq!(path(&d, &["metro", "restos"], Lang::En), "The Métropole counts among its members the Restos du Cœur.");
    assert_eq!(
        path(&d, &["agence-aubagne", "dt-13", "reseau"], Lang::Fr),
        "L'Agence d'Aubagne est rattachée à la DT 13, qui est subventionnée par France Réseau."
    );
    assert_eq!(
        path(&d, &["reseau", "dt-13", "agence-aubagne"], Lang::En),
        "France Réseau subsidises the DT 13, which runs the Agence d'Aubagne."
    );
}

#[test]
fn a_parent_has_its_units_and_their_links_grouped() {
    let d = data();
    let m = &d.model;
    let all = Visible::all(m);
    let ids = |orgs: Vec<usize>| orgs.into_iter().map(|o| m.organizations[o].id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(query::units_of(m, org(m, "reseau"))), ["dt-13", "agence-aubagne"]);
    assert!(query::units_of(m, org(m, "agence-aubagne")).is_empty());
    let groups: Vec<(String, Vec<String>)> = query::unit_links(m, &all, org(m, "reseau"))
        .into_iter()
        .map(|(unit, links)| (m.organizations[unit].id.clone(), links.iter().map(|l| m.links[*l].id.clone()).collect()))
        .collect();
    // The subsidy from the parent to its unit is the parent's own link, not listed again.
    assert_eq!(
        groups,
        [
            ("dt-13".to_string(), vec!["metro-dt-2022".to_string()]),
            ("agence-aubagne".to_string(), vec!["agence-dept-2023".to_string(), "eveil-agence-2023".to_string()]),
        ]
    );
    // Filters apply to the units' links too.
    let only_2023 = query::apply(m, &d.graph, &query::Filter { years: Some((2023, 2023)), ..Default::default() });
    let groups = query::unit_links(m, &only_2023, org(m, "reseau"));
    assert_eq!(groups.len(), 1);
}

#[test]
fn totals_say_whether_units_are_included_and_leave_out_money_inside_the_family() {
    let d = data();
    let m = &d.model;
    let all = Visible::all(m);
    let own = query::totals(m, &all, org(m, "reseau"));
    assert_eq!((own.paid_total(), own.received_total()), (Cents(500_000), Cents(0)));
    let (family, included) = query::totals_with_units(m, &all, org(m, "reseau"));
    assert!(included);
    // The 5 000 € from France Réseau to its own DT neither comes in nor goes out of the family.
    assert_eq!((family.paid_total(), family.received_total()), (Cents(0), Cents(1_000_000)));
    assert_eq!(family.received_in(2022, LinkKind::Subsidy), Cents(1_000_000));
    let (alone, included) = query::totals_with_units(m, &all, org(m, "metro"));
    assert!(!included);
    assert_eq!(alone, query::totals(m, &all, org(m, "metro")));
}

#[test]
fn search_brings_a_parents_units_after_the_names_that_match() {
    let d = data();
    let m = &d.model;
    let found: Vec<&str> =
        query::search(m, "france reseau", 10).into_iter().map(|o| m.organizations[o].id.as_str()).collect();
    assert_eq!(found, ["reseau", "dt-13", "agence-aubagne"]);
    let found: Vec<&str> =
        query::search(m, "aubagne", 10).into_iter().map(|o| m.organizations[o].id.as_str()).collect();
    assert_eq!(found, ["agence-aubagne"]);
}

#[test]
fn the_acts_of_a_year_are_those_decided_that_year() {
    let d = data();
    let m = &d.model;
    let acts = query::acts_of_year(m, &Visible::all(m), 2023);
    let ids: Vec<&str> = acts.iter().map(|l| m.links[*l].id.as_str()).collect();
    assert_eq!(ids, ["agence-dept-2023", "eveil-agence-2023", "eveil-dept-2023", "restos-metro-2023"]);
}

#[test]
fn article_and_gender_are_checked_and_must_agree() {
    let text = |org: &str| {
        format!(
            r#"{{"schema": "carte-partenariats/1", "title": "T", "organizations": [{org}], "decisions": [], "links": []}}"#
        )
    };
    let problems = |org: &str| match validate::validate(&text(org)) {
        Ok(_) => Vec::new(),
        Err(p) => p.list.iter().map(|p| format!("{} {}", p.path, p.message)).collect(),
    };
    assert_eq!(
        problems(r#"{"id": "a", "name": "A", "kind": "other", "article": "la", "gender": "masculine"}"#),
        ["$.organizations[0].gender l'article « la » ne s'accorde pas avec le genre « masculine »"]
    );
    assert_eq!(
        problems(r#"{"id": "a", "name": "A", "kind": "other", "article": "lo", "gender": "neutre"}"#),
        [
            "$.organizations[0].article valeur inconnue « lo » : valeurs admises le, la, l', les, none",
            "$.organizations[0].gender valeur inconnue « neutre » : valeurs admises masculine, feminine"
        ]
    );
    assert!(problems(r#"{"id": "a", "name": "A", "kind": "other", "article": "l’", "gender": "feminine"}"#).is_empty());
}
