//! `carte extract` on registers as authorities publish them (issue 14, « Inputs as published »):
//! a séance date alone in capitals, in words, with its weekday, mixed, « L'an deux mille… »;
//! towns written with d' and ’; a portal page listing a whole séance; amounts with French
//! thousands dots, and digits that do not group by three. The fixtures are fictional texts in
//! the shapes of real registers (tests/fixtures/extract/).

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use std::path::Path;

use carte_partenariats::cli::extract::{extract_all, extract_text, fragment, report, DocumentExtraction};
use carte_partenariats::core::format::Export;
use carte_partenariats::core::validate::validate;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extract");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read(name: &str) -> DocumentExtraction {
    extract_text(name, &fixture(name), None)
}

/// The fragment of some documents, read back by the widget's validator.
fn valid_fragment(docs: &[DocumentExtraction]) -> Export {
    let export = fragment(docs, None);
    let text = serde_json::to_string_pretty(&export).expect("serialisable");
    if let Err(problems) = validate(&text) {
        panic!("fragment refused: {:#?}", problems.list);
    }
    export
}

fn link_to<'a>(export: &'a Export, to: &str) -> &'a carte_partenariats::core::format::Link {
    export.links.iter().find(|l| l.to == to).unwrap_or_else(|| panic!("no link to {to}: {:#?}", export.links))
}

#[test]
fn a_register_whose_seance_stands_alone_in_capitals() {
    let d = read("recueil_2016-04-28_bureau_HN-001-071-16-BM.txt");
    assert_eq!(d.decision.date, "2016-04-28", "« 28 AVRIL 2016 » alone on its line");
    assert_eq!(d.decision.instance, "Bureau de la Métropole");
    assert_eq!(d.decision.reference.as_deref(), Some("HN 001-071/16/BM"));
    assert_eq!(d.conventions, ["MET 16/194/BM"]);
    let export = valid_fragment(std::slice::from_ref(&d));
    let subsidy = link_to(&export, "initiative-etang-de-berre");
    assert_eq!(subsidy.amount, Some(serde_json::Value::String("40000".into())));
    assert_eq!(subsidy.year, Some(2016));
}

#[test]
fn a_municipal_register_of_aubagne_with_typographic_apostrophes_and_a_mixed_date() {
    let d = read("aubagne_2024-02-16_conseil-municipal_24-017.txt");
    assert_eq!(d.decision.date, "2024-02-16", "« Séance du 16 février deux mille vingt-quatre »");
    assert_eq!(d.decision.instance, "Conseil municipal d'Aubagne");
    assert_eq!(d.decision.members_present, Some(36), "« Présents ....... 36 »");
    let export = valid_fragment(std::slice::from_ref(&d));
    let payer = export.organizations.iter().find(|o| o.id == "commune-d-aubagne").expect("the commune pays");
    assert_eq!(payer.name, "Commune d'Aubagne");
    let big = link_to(&export, "boutique-de-gestion-du-pays-d-aubagne");
    assert_eq!((big.from.as_str(), big.amount.clone()), ("commune-d-aubagne", Some("15000".into())), "« 15.000 € »");
    let small = link_to(&export, "les-ateliers-de-l-huveaune");
    assert_eq!(small.amount, Some(serde_json::Value::String("1200".into())), "« 1.200 euros » and its beneficiary");
}

#[test]
fn l_an_deux_mille_and_amounts_that_are_no_link_are_said() {
    let name = "istres_l-an-deux-mille_2024-02-16_2024-091.txt";
    let d = read(name);
    assert_eq!(d.decision.date, "2024-02-16", "« L'an deux mille vingt-quatre, le seize février »");
    assert_eq!(d.decision.instance, "Conseil municipal d'Istres", "not « de la Commune »");
    assert_eq!(d.decision.members_present, Some(30));
    let export = valid_fragment(std::slice::from_ref(&d));
    assert!(export.organizations.iter().any(|o| o.name == "Commune d'Istres"), "{:#?}", export.organizations);
    assert!(!export.organizations.iter().any(|o| o.name.contains("de la Commune")));
    let said = report(std::slice::from_ref(&d), &export);
    // The participation is not a subsidy: named with its sentence, never silently dropped.
    assert!(
        said.iter().any(|l| l.contains("38 500 € (participation)") && l.contains("« ARTICLE 1 : D'approuver")),
        "{said:#?}"
    );
    // « 12 34,56 € » is neither 1 234,56 € nor 34,56 €: it is said, not read.
    assert!(d.amounts.iter().all(|a| a.euros != "1234.56" && a.euros != "34.56"), "{:#?}", d.amounts);
    assert!(said.iter().any(|l| l.contains("montant illisible « 12 34,56 € »")), "{said:#?}");
}

#[test]
fn a_portal_page_gives_every_deliberation_of_the_seance() {
    let name = "portail_page_2019-10-24_trois-deliberations.txt";
    let docs = extract_all(name, &fixture(name), None);
    let references: Vec<Option<&str>> = docs.iter().map(|d| d.decision.reference.as_deref()).collect();
    assert_eq!(references, [Some("EMP 012-6871/19/BM"), Some("ENV 004-6902/19/BM"), Some("FAG 031-6915/19/BM")]);
    assert!(docs.iter().all(|d| d.decision.date == "2019-10-24" && d.decision.instance == "Bureau de la Métropole"));
    assert_eq!(docs[1].decision.rapporteur.as_deref(), Some("Modèle Claire"));
    let export = valid_fragment(&docs);
    assert_eq!(export.decisions.len(), 3);
    let fee = export.links.iter().find(|l| l.kind == "membership").expect("the fee to Amorce");
    assert_eq!((fee.to.as_str(), fee.amount.clone()), ("amorce", Some("7850".into())));
    let subsidy = export.links.iter().find(|l| l.kind == "subsidy").expect("the subsidy");
    assert_eq!(subsidy.amount, Some(serde_json::Value::String("25000".into())));
}

#[test]
fn every_text_reads_without_panic_and_every_amount_is_accounted_for() {
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    for name in names {
        let docs = extract_all(&name, &fixture(&name), None);
        let export = valid_fragment(&docs);
        let said = report(&docs, &export);
        for d in &docs {
            for a in &d.amounts {
                let linked = export.links.iter().any(|l| l.quote.as_deref() == Some(a.context.as_str()));
                let named = said.iter().any(|l| l.contains(&a.context));
                assert!(linked || named, "{name}: {} € neither linked nor said", a.euros);
            }
        }
    }
}
