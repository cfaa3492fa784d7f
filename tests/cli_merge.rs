//! `cli::merge` as a library call: the union act by act — organisations by number then name,
//! decisions by reference, links by what they are — with every id written elsewhere rewritten,
//! conflicts kept to the first version, and the places problems are reported at.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use carte_partenariats::cli::merge::{align, merge, Merged, Tally, TooLarge};
use carte_partenariats::core::format::Export;
use carte_partenariats::core::validate::validate;

/// An export from the JSON of its collections.
fn export(organizations: &str, decisions: &str, links: &str) -> Export {
    let text = format!(
        r#"{{"schema": "carte-partenariats/1", "title": "t", "organizations": [{organizations}],
            "decisions": [{decisions}], "links": [{links}]}}"#
    );
    serde_json::from_str(&text).unwrap()
}

const BASE_ORGS: &str = r#"
    {"id": "metropole-amp", "name": "Métropole Aix-Marseille-Provence", "kind": "local-authority"},
    {"id": "ave", "name": "Alliance Villes Emploi", "short_name": "AVE", "kind": "association"}"#;
const BASE_DECISION: &str = r#"
    {"id": "chl-059-15101-23-bm", "reference": "CHL-059-15101/23/BM", "instance": "Bureau de la Métropole",
     "date": "2023-12-07", "title": "Adhésion à AVE", "source": {"document": "ave.txt"}}"#;
const BASE_LINK: &str = r#"
    {"id": "metropole-ave-cotisation-2024", "kind": "membership", "from": "metropole-amp", "to": "ave",
     "decision": "chl-059-15101-23-bm", "amount": "14205", "year": 2024}"#;

fn base() -> Export {
    export(BASE_ORGS, BASE_DECISION, BASE_LINK)
}

fn union(inputs: Vec<(&str, Export)>) -> Merged {
    let inputs: Vec<(String, Export)> = inputs.into_iter().map(|(f, e)| (f.to_string(), e)).collect();
    let merged = merge(&inputs).unwrap();
    let text = serde_json::to_string(&merged.export).unwrap();
    if let Err(p) = validate(&text) {
        panic!("the union does not validate: {:#?}", p.list);
    }
    merged
}

#[test]
fn an_organisation_written_as_a_register_writes_it_is_the_known_one_and_gets_its_numbers() {
    let scdl = export(
        r#"{"id": "siret-20005480700017", "name": "MÉTROPOLE D’AIX-MARSEILLE-PROVENCE", "kind": "local-authority",
            "identifiers": {"siret": ["20005480700017"]}},
           {"id": "rna-w751234567", "name": "ASSOCIATION ALLIANCE VILLES EMPLOI", "kind": "association",
            "identifiers": {"rna": "W751234567"}}"#,
        r#"{"id": "chl-059-15101-23-bm", "reference": "CHL 059-15101/23/BM", "instance": "MÉTROPOLE",
            "date": "2023-12-20", "title": "Subventions", "source": {"document": "Données SCDL"}}"#,
        r#"{"id": "subvention-x", "kind": "membership", "from": "siret-20005480700017", "to": "rna-w751234567",
            "decision": "chl-059-15101-23-bm", "amount": "14205.00", "year": 2024, "quote": "ligne 2"}"#,
    );
    let m = union(vec![("base.json", base()), ("scdl.json", scdl)]);
    let e = &m.export;
    assert_eq!(e.organizations.len(), 2);
    assert_eq!(e.organizations[1].identifiers.as_ref().and_then(|i| i.rna.as_deref()), Some("W751234567"));
    assert_eq!(e.organizations[0].identifiers.as_ref().map(|i| i.siret.clone()), Some(vec!["20005480700017".into()]));
    assert_eq!(e.links.len(), 1, "one act");
    let sources = &e.links[0].sources;
    assert_eq!(sources.len(), 1);
    assert_eq!((sources[0].document.as_str(), sources[0].decision.as_deref()), ("Données SCDL", None));
    assert_eq!(sources[0].quote.as_deref(), Some("ligne 2"));
    assert_eq!(
        m.tallies[1],
        Tally { links_known: 1, sources_added: 1, organizations_known: 2, decisions_known: 1, ..Tally::default() }
    );
    assert_eq!(
        m.tallies[1].sentence(),
        "0 lien nouveau, 1 acte déjà connu (1 source ajoutée), 0 organisation nouvelle, 0 décision nouvelle"
    );
    assert!(m.conflicts.is_empty() && m.notes.is_empty() && m.uncertain.is_empty());
}

#[test]
fn one_id_for_two_bodies_or_two_acts_is_renamed_and_said() {
    let base = export(
        r#"{"id": "asso", "name": "Les Amis", "kind": "association", "identifiers": {"rna": "W131111111"}}"#,
        "",
        "",
    );
    let other = export(
        r#"{"id": "asso", "name": "Les Amis", "kind": "association", "identifiers": {"rna": "W132222222"}}"#,
        "",
        "",
    );
    let m = union(vec![("a.json", base), ("b.json", other)]);
    let ids: Vec<&str> = m.export.organizations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["asso", "asso-2"]);
    assert!(m.notes[0].contains("aux numéros officiels différents ; renommée « asso-2 »"), "{:?}", m.notes);
    assert!(m.uncertain[0].contains("même nom mais numéros officiels différents"), "{:?}", m.uncertain);
}

#[test]
fn an_act_told_otherwise_under_its_id_and_decision_is_a_conflict_not_a_second_link() {
    let corrected = export(
        BASE_ORGS,
        BASE_DECISION,
        r#"{"id": "metropole-ave-cotisation-2024", "kind": "membership", "from": "metropole-amp", "to": "ave",
            "decision": "chl-059-15101-23-bm", "amount": "14250", "year": 2024}"#,
    );
    let m = union(vec![("a.json", base()), ("b.json", corrected)]);
    assert_eq!(m.export.links.len(), 1);
    assert_eq!(m.export.links[0].amount, Some(serde_json::Value::String("14205".into())), "the first version kept");
    assert_eq!(
        m.conflicts,
        ["links « metropole-ave-cotisation-2024 » : « b.json » diffère de « a.json » ; la version de « a.json » est gardée"]
    );
}

#[test]
fn problems_of_the_union_are_said_where_they_were_written() {
    let fragment = export("", "", r#"{"id": "l", "kind": "pact", "from": "ave", "to": "nobody", "decision": "d"}"#);
    let inputs = vec![("base.json".to_string(), base()), ("fragment.json".to_string(), fragment)];
    let m = merge(&inputs).unwrap();
    let files = ["base.json", "fragment.json"];
    assert_eq!(m.origins.locate("$.links[1].to", &files), "« fragment.json », $.links[0].to");
    assert_eq!(m.origins.locate("$.organizations[1].name", &files), "« base.json », $.organizations[1].name");
    assert_eq!(m.origins.locate("$", &files), "$");
}

#[test]
fn a_union_past_64_mb_stops_while_it_is_built() {
    let heavy = |id: &str| {
        export(
            &format!(r#"{{"id": "{id}", "name": "{id}", "kind": "other", "description": "{}"}}"#, "x".repeat(33 << 20)),
            "",
            "",
        )
    };
    let inputs = vec![("a.json".to_string(), heavy("a")), ("b.json".to_string(), heavy("b"))];
    let Err(TooLarge { file, bytes }) = merge(&inputs) else { panic!("a union of 66 MB was built") };
    assert_eq!(file, "b.json");
    assert!(bytes > 64 << 20);
}

#[test]
fn a_fragment_aligned_with_its_reference_takes_the_reference_ids() {
    let fragment = export(
        r#"{"id": "metropole-aix-marseille-provence", "name": "Métropole Aix-Marseille-Provence", "kind": "local-authority"},
           {"id": "alliance-villes-emploi", "name": "ALLIANCE VILLE EMPLOI", "kind": "other"}"#,
        r#"{"id": "chl-059-15101-23-bm", "reference": "CHL-059-15101/23/BM", "instance": "Bureau de la Métropole",
            "date": "2023-12-07", "title": "Adhésion", "source": {"document": "ave.txt"}}"#,
        r#"{"id": "metropole-aix-marseille-provence-alliance-villes-emploi-cotisation-2024", "kind": "membership",
            "from": "metropole-aix-marseille-provence", "to": "alliance-villes-emploi",
            "decision": "chl-059-15101-23-bm", "amount": "14205", "year": 2024}"#,
    );
    let (aligned, notes, alike) = align(&base(), fragment);
    assert!(notes.is_empty() && alike.is_empty());
    let orgs: Vec<(&str, &str)> = aligned.organizations.iter().map(|o| (o.id.as_str(), o.kind.as_str())).collect();
    assert_eq!(orgs, [("metropole-amp", "local-authority"), ("ave", "association")], "as the reference has them");
    let link = &aligned.links[0];
    assert_eq!(
        (link.id.as_str(), link.from.as_str(), link.to.as_str()),
        ("metropole-ave-cotisation-2024", "metropole-amp", "ave")
    );
}

#[test]
fn an_act_told_with_a_body_for_its_agency_is_said_and_kept_apart() {
    let orgs = r#"{"id": "metropole-amp", "name": "Métropole Aix-Marseille-Provence", "kind": "local-authority"},
        {"id": "france-travail", "name": "France Travail", "kind": "public-operator"},
        {"id": "france-travail-bdr", "name": "France Travail Bouches-du-Rhône", "kind": "public-operator",
         "parent": "france-travail"}"#;
    let decision = r#"{"id": "convention-2024", "instance": "Bureau de la Métropole", "date": "2024-06",
        "title": "Convention avec France Travail", "source": {"document": "actualite.txt"}}"#;
    let link = |id: &str, to: &str| {
        format!(
            r#"{{"id": "{id}", "kind": "partnership", "from": "metropole-amp", "to": "{to}", "decision": "convention-2024"}}"#
        )
    };
    let base = export(orgs, decision, &link("metropole-ft-bdr", "france-travail-bdr"));
    let read_again = export(orgs, decision, &link("metropole-ft", "france-travail"));
    let m = union(vec![("base.json", base), ("extrait.json", read_again)]);
    assert_eq!(m.export.links.len(), 2, "kept apart: a person decides");
    assert_eq!(m.uncertain.len(), 1, "{:?}", m.uncertain);
    assert!(
        m.uncertain[0].contains("« metropole-ft » de « extrait.json » (metropole-amp → france-travail)"),
        "{}",
        m.uncertain[0]
    );
    assert!(m.uncertain[0].contains("« metropole-ft-bdr » (metropole-amp → france-travail-bdr)"), "{}", m.uncertain[0]);
    // Reversed, the parties are not one body and its agency: another act, nothing to say.
    let base = export(orgs, decision, &link("metropole-ft-bdr", "france-travail-bdr"));
    let reversed = export(
        orgs,
        decision,
        &link("ft-metropole", "metropole-amp").replace(r#""from": "metropole-amp""#, r#""from": "france-travail""#),
    );
    assert!(union(vec![("base.json", base), ("x.json", reversed)]).uncertain.is_empty());
}
