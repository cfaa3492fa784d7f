//! The default dataset: it validates, holds what the issue promises, and every quoted passage
//! stands word for word in its source document.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use carte_partenariats::core::dataset::Dataset;
use carte_partenariats::core::locale;
use carte_partenariats::core::model::{IsoDate, LinkKind, Model};
use sha2::{Digest, Sha256};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn model() -> Model {
    let text = std::fs::read_to_string(format!("{ROOT}/assets/data/partenariats.json")).unwrap();
    Dataset::from_text(&text).unwrap_or_else(|p| panic!("default dataset refused: {:#?}", p.list)).model
}

fn link<'a>(m: &'a Model, id: &str) -> &'a carte_partenariats::core::model::Link {
    &m.links[m.link_by_id(id).unwrap_or_else(|| panic!("no link {id}"))]
}

#[test]
fn the_six_core_organisations_are_there() {
    let m = model();
    for id in ["metropole-amp", "france-travail", "plie-martigues", "ccimp", "ave", "euromediterranee"] {
        assert!(m.org_by_id(id).is_some(), "missing {id}");
    }
}

#[test]
fn the_ave_membership_and_its_2024_fee() {
    let m = model();
    let fee = link(&m, "metropole-ave-cotisation-2024");
    assert_eq!(fee.kind, LinkKind::Membership);
    assert_eq!(m.organizations[fee.from].id, "metropole-amp");
    assert_eq!(m.organizations[fee.to].id, "ave");
    assert_eq!(locale::euros(fee.amount.unwrap()), "14\u{202F}205\u{A0}€");
    assert_eq!(fee.year, Some(2024));
    let decision = m.decision_of(m.link_by_id("metropole-ave-cotisation-2024").unwrap());
    assert_eq!(decision.reference.as_deref(), Some("CHL-059-15101/23/BM"));
    assert_eq!(decision.date, IsoDate::parse("2023-12-07").unwrap());
    assert!(fee.budget.as_deref().unwrap().contains("nature 6281"));
    assert!(m.link_by_id("metropole-ave-adhesion").is_some());
}

#[test]
fn the_2021_subsidy_to_the_ccimp_and_its_programmes() {
    let m = model();
    let subsidy = link(&m, "metropole-ccimp-subvention-2021");
    assert_eq!(subsidy.amount.unwrap().0, 5_000_000);
    assert_eq!(subsidy.convention.as_deref(), Some("MET 21/18706/BM"));
    assert!(subsidy.budget.as_deref().unwrap().contains("nature 65748"));
    let ccimp = m.org_by_id("ccimp").unwrap();
    let programmes: Vec<&str> = m.children(ccimp).map(|c| m.organizations[c].id.as_str()).collect();
    assert_eq!(programmes, ["hub-du-mentorat", "ci-hub-13"]);
}

#[test]
fn the_plie_conventions_run_to_the_end_of_2027() {
    let m = model();
    for id in ["plie-martigues-pole-emploi-convention-2023", "pole-emploi-plie-martigues-donnees-2023"] {
        assert_eq!(link(&m, id).end, IsoDate::parse("2027-12-31"));
    }
    assert_eq!(link(&m, "pole-emploi-plie-martigues-donnees-2023").kind, LinkKind::DataSharing);
}

#[test]
fn france_travail_was_pole_emploi_until_2024() {
    let m = model();
    let ft = &m.organizations[m.org_by_id("france-travail").unwrap()];
    assert_eq!(ft.former_names[0].name, "Pôle emploi");
    assert_eq!(ft.former_names[0].until, IsoDate::parse("2023-12-31"));
    let convention = m.link_by_id("metropole-france-travail-bdr-convention-2024").unwrap();
    assert_eq!(m.decision_of(convention).signed, IsoDate::parse("2024-07-11"));
}

#[test]
fn every_link_leads_back_to_a_decision_with_a_source() {
    let m = model();
    for (ix, l) in m.links.iter().enumerate() {
        let d = m.decision_of(ix);
        assert!(Path::new(&format!("{ROOT}/assets/sources/{}", d.document)).exists(), "{}: {}", l.id, d.document);
    }
}

#[test]
fn every_quoted_passage_appears_in_its_source() {
    let m = model();
    let source = |doc: &str| std::fs::read_to_string(format!("{ROOT}/assets/sources/{doc}")).unwrap();
    let mut checked = 0;
    for d in &m.decisions {
        if let Some(q) = &d.quote {
            assert!(source(&d.document).contains(q.as_str()), "decision {}: «{q}»", d.id);
            checked += 1;
        }
    }
    for (ix, l) in m.links.iter().enumerate() {
        if let Some(q) = &l.quote {
            assert!(source(&m.decision_of(ix).document).contains(q.as_str()), "link {}: «{q}»", l.id);
            checked += 1;
        }
    }
    for i in &m.indicators {
        if let Some(q) = &i.quote {
            assert!(source(&m.decisions[i.decision].document).contains(q.as_str()), "indicator {}: «{q}»", i.id);
            checked += 1;
        }
    }
    assert!(checked >= m.links.len(), "only {checked} quotes checked");
}

/// The shipped copies of the sources are the documents given to the project, unaltered: their
/// SHA-256 sums were taken from the project's `shared/sources/` into `tests/fixtures/sources.sha256`,
/// and every file of `assets/sources/` is listed there.
#[test]
fn shipped_sources_are_the_documents_given_to_the_project() {
    let sums = std::fs::read_to_string(format!("{ROOT}/tests/fixtures/sources.sha256")).expect("sources.sha256");
    let listed: Vec<(&str, &str)> = sums.lines().filter_map(|l| l.split_once("  ")).collect();
    assert_eq!(listed.len(), 5, "five source documents: {sums}");
    for (sum, name) in &listed {
        let bytes = std::fs::read(format!("{ROOT}/assets/sources/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"));
        let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(&digest, sum, "assets/sources/{name} differs from the document given to the project");
    }
    for entry in std::fs::read_dir(format!("{ROOT}/assets/sources")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(listed.iter().any(|(_, n)| *n == name), "assets/sources/{name} is not one of the given documents");
    }
}

#[test]
fn the_story_tells_2021_to_2024_and_the_2023_clause_figures() {
    let m = model();
    assert!(m.story.len() >= 8, "{} steps", m.story.len());
    let all_text: String = m.story.iter().map(|s| format!("{} {}", s.title, s.text)).collect();
    for fact in ["50 000 €", "14 205 €", "11 juillet 2024", "1,2 million", "356 000", "CHL-059-15101/23/BM"] {
        assert!(all_text.contains(fact), "the story never says {fact}");
    }
    // Every step highlights something, and the years run forward.
    assert!(m.story.iter().all(|s| !s.highlighted(&m).is_empty()));
}
