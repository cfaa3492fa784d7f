//! Exploring the network: search, filters and the year rule, names in a year, a partner's own
//! network, shortest paths told in words, money totals.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use carte_partenariats::core::dataset::Dataset;
use carte_partenariats::core::i18n::Lang;
use carte_partenariats::core::model::{Cents, KindSet, LinkKind, Model, OrgKind};
use carte_partenariats::core::query::{self, Filter, Visible};

fn data() -> Dataset {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/frozen-export.json")).unwrap();
    Dataset::from_text(&text).unwrap()
}

fn org(m: &Model, id: &str) -> usize {
    m.org_by_id(id).unwrap()
}

fn ids_of_links(m: &Model, v: &Visible) -> Vec<String> {
    m.links.iter().zip(&v.links).filter(|(_, s)| **s).map(|(l, _)| l.id.clone()).collect()
}

#[test]
fn search_ignores_accents_and_case_and_reads_former_names() {
    let d = data();
    let m = &d.model;
    let first = |q: &str| query::search(m, q, 5).first().map(|o| m.organizations[*o].id.clone());
    assert_eq!(
        first("pole emploi").as_deref().map(|id| id.starts_with("pole-emploi") || id == "france-travail"),
        Some(true)
    );
    assert!(query::search(m, "pole emploi", 10).contains(&org(m, "france-travail")));
    assert_eq!(first("euromed").as_deref(), Some("euromediterranee"));
    assert_eq!(first("cci").as_deref(), Some("ccimp"));
    assert_eq!(first("MÉTROPOLE").as_deref(), Some("metropole-amp"));
    assert_eq!(first("alliance villes").as_deref(), Some("ave"));
    assert!(query::search(m, "", 5).is_empty());
    assert!(query::search(m, "zzz", 5).is_empty());
}

#[test]
fn kind_filters_keep_only_those_links_and_their_organisations() {
    let d = data();
    let m = &d.model;
    let filter = Filter { link_kinds: KindSet::from([LinkKind::Subsidy, LinkKind::Membership]), ..Filter::default() };
    let v = query::apply(m, &d.graph, &filter);
    assert_eq!(
        ids_of_links(m, &v),
        ["metropole-ccimp-subvention-2021", "metropole-ave-adhesion", "metropole-ave-cotisation-2024"]
    );
    assert_eq!(v.org_count(), 3);
    assert_eq!(query::visible_total(m, &v), Cents(6_420_500));
    let counts = query::kind_counts(m, &Visible::all(m));
    assert!(counts.contains(&(LinkKind::Partnership, 6)));
    assert!(counts.contains(&(LinkKind::Membership, 2)));

    let associations =
        Filter { org_kinds: KindSet::from([OrgKind::Association, OrgKind::LocalAuthority]), ..Filter::default() };
    let v = query::apply(m, &d.graph, &associations);
    assert!(v.orgs[org(m, "ave")] && v.orgs[org(m, "metropole-amp")] && !v.orgs[org(m, "ccimp")]);
    assert!(ids_of_links(m, &v).iter().all(|id| id.starts_with("metropole-ave") || id.contains("departement")));
}

#[test]
fn a_link_belongs_to_the_years_it_was_decided_or_in_force() {
    let d = data();
    let m = &d.model;
    let last = query::year_span(m).unwrap().1;
    assert_eq!(query::year_span(m), Some((2018, 2027)));
    let years = |id: &str| query::link_years(m, m.link_by_id(id).unwrap(), last);
    assert_eq!(years("metropole-ave-cotisation-2024"), (2023, 2024), "decided in 2023 for 2024");
    assert_eq!(years("metropole-ccimp-subvention-2021"), (2021, 2021));
    assert_eq!(years("plie-martigues-pole-emploi-convention-2023"), (2023, 2027));
    assert_eq!(years("pacte-plie-2023-2027"), (2022, 2027), "decided in December 2022, in force 2023–2027");
    assert_eq!(
        years("metropole-france-travail-bdr-convention-2024"),
        (2024, 2027),
        "open-ended: to the data's last year"
    );
    assert_eq!(years("metropole-euromediterranee-convention-2023"), (2023, 2023));

    let in_2021 = query::apply(m, &d.graph, &Filter { years: Some((2021, 2021)), ..Filter::default() });
    // The 2021 subsidy and its convention, and the open-ended ties begun in 2018 and 2019.
    assert_eq!(
        ids_of_links(m, &in_2021),
        [
            "metropole-ccimp-subvention-2021",
            "metropole-ccimp-convention-2021",
            "departement-hub-mentorat-cofinancement",
            "metropole-hub-mentorat-cofinancement",
            "prefecture-ccimp-mandat-ci-hub"
        ]
    );
    let in_2024 = query::apply(m, &d.graph, &Filter { years: Some((2024, 2024)), ..Filter::default() });
    let ids = ids_of_links(m, &in_2024);
    assert!(ids.contains(&"metropole-ave-cotisation-2024".to_string()));
    assert!(ids.contains(&"metropole-france-travail-bdr-convention-2024".to_string()));
    assert!(!ids.contains(&"metropole-ccimp-subvention-2021".to_string()));
}

#[test]
fn amount_ranges_keep_links_with_money_in_range() {
    let d = data();
    let m = &d.model;
    let v =
        query::apply(m, &d.graph, &Filter { amount: Some((Cents(1_000_000), Cents(2_000_000))), ..Filter::default() });
    assert_eq!(ids_of_links(m, &v), ["metropole-ave-cotisation-2024"]);
}

#[test]
fn organisations_carry_the_name_they_had_that_year() {
    let d = data();
    let m = &d.model;
    let ft = &m.organizations[org(m, "france-travail")];
    assert_eq!(query::name_in_year(ft, 2023), "Pôle emploi");
    assert_eq!(query::name_in_year(ft, 2024), "France Travail");
}

#[test]
fn a_partner_sees_its_own_network_to_depth_one_or_two() {
    let d = data();
    let m = &d.model;
    let ego = |depth| query::apply(m, &d.graph, &Filter { ego: Some((org(m, "ccimp"), depth)), ..Filter::default() });
    let one = ego(1);
    let names: Vec<&str> =
        (0..m.organizations.len()).filter(|o| one.orgs[*o]).map(|o| m.organizations[o].id.as_str()).collect();
    assert_eq!(names, ["metropole-amp", "ccimp", "hub-du-mentorat", "ci-hub-13", "prefecture-13"]);
    assert!(!ids_of_links(m, &one).contains(&"metropole-ave-cotisation-2024".to_string()));
    let two = ego(2);
    assert!(two.orgs[org(m, "ave")] && two.orgs[org(m, "departement-13")]);
    assert!(!two.orgs[org(m, "plie-martigues")]);
}

#[test]
fn paths_are_the_shortest_chains_told_in_words() {
    let d = data();
    let (m, g) = (&d.model, &d.graph);
    let all = Visible::all(m);
    let paths = query::shortest_paths(m, g, &all, org(m, "prefecture-13"), org(m, "ave"), 5);
    assert_eq!(paths.len(), 1);
    let ids: Vec<&str> = paths[0].iter().map(|o| m.organizations[*o].id.as_str()).collect();
    assert_eq!(ids, ["prefecture-13", "ccimp", "metropole-amp", "ave"]);
    assert_eq!(
        query::describe_path(m, g, &all, &paths[0], Lang::Fr),
        "La Préfecture des Bouches-du-Rhône mandate la CCIMP, qui est subventionnée par la Métropole AMP, qui adhère à l'AVE."
    );
    let ccimp_hub = query::shortest_paths(m, g, &all, org(m, "metropole-amp"), org(m, "ci-hub-13"), 5);
    assert_eq!(
        query::describe_path(m, g, &all, &ccimp_hub[0], Lang::Fr),
        "La Métropole AMP subventionne la CCIMP, qui porte le CI'Hub Bouches-du-Rhône."
    );
    assert_eq!(
        query::describe_path(m, g, &all, &ccimp_hub[0], Lang::En),
        "The Métropole AMP subsidises the CCIMP, which runs the CI'Hub Bouches-du-Rhône."
    );
    // Two equally short chains between the PLIE and the Métropole? Only through France Travail's family.
    let plie = query::shortest_paths(m, g, &all, org(m, "plie-martigues"), org(m, "metropole-amp"), 5);
    assert!(plie.iter().all(|p| p.len() == plie[0].len()));
    assert!(plie.iter().all(|p| p.contains(&org(m, "france-travail"))));
    // Filters cut paths.
    let subsidies = query::apply(m, g, &Filter { link_kinds: KindSet::from([LinkKind::Subsidy]), ..Filter::default() });
    assert!(query::shortest_paths(m, g, &subsidies, org(m, "prefecture-13"), org(m, "ave"), 5).is_empty());
}

#[test]
fn money_totals_by_year_and_kind() {
    let d = data();
    let m = &d.model;
    let all = Visible::all(m);
    let metropole = query::totals(m, &all, org(m, "metropole-amp"));
    assert_eq!(metropole.paid_total(), Cents(6_420_500));
    assert_eq!(metropole.paid_in(2021, LinkKind::Subsidy), Cents(5_000_000));
    assert_eq!(metropole.paid_in(2024, LinkKind::Membership), Cents(1_420_500));
    assert_eq!(metropole.received_total(), Cents(0));
    let by_year: Vec<(i32, Cents, Cents)> = metropole.by_year().into_iter().map(|(y, (p, r))| (y, p, r)).collect();
    assert_eq!(by_year, [(2021, Cents(5_000_000), Cents(0)), (2024, Cents(1_420_500), Cents(0))]);
    let ave = query::totals(m, &all, org(m, "ave"));
    assert_eq!(ave.received_in(2024, LinkKind::Membership), Cents(1_420_500));
    let only_2021 = query::apply(m, &d.graph, &Filter { years: Some((2021, 2021)), ..Filter::default() });
    assert_eq!(query::totals(m, &only_2021, org(m, "metropole-amp")).paid_total(), Cents(5_000_000));
}
