//! `carte extract` (src/cli/extract/): the five source texts give back the decisions of the default
//! dataset; other forms (Conseil de la Métropole, municipal council, portal listing, broken text)
//! are read or reported; the fragment is always a valid export.

// Native tests (the browser build runs tests/browser.rs only): the size rules of clippy.toml
// guard the browser build, not these.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use std::collections::HashSet;
use std::path::Path;

use carte_partenariats::cli::extract::{extract_text, fragment, DocumentExtraction};
use carte_partenariats::core::format::Export;
use carte_partenariats::core::model::Model;
use carte_partenariats::core::validate::validate;

const SOURCES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sources");
const DATASET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/frozen-export.json");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/extract");

fn default_model() -> Model {
    validate(&std::fs::read_to_string(DATASET).expect("dataset readable")).expect("default dataset valid")
}

/// (file name, text) of every `.txt` of a folder, in name order.
fn texts(dir: &str) -> Vec<(String, String)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("folder readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).expect("utf-8 name").to_string();
            (name, std::fs::read_to_string(&p).expect("text readable"))
        })
        .collect()
}

fn fixture(name: &str) -> (String, String) {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join(name)).expect("fixture readable");
    (name.to_string(), text)
}

fn extract_sources(model: Option<&Model>) -> Vec<DocumentExtraction> {
    texts(SOURCES).iter().map(|(name, text)| extract_text(&format!("{SOURCES}/{name}"), text, model)).collect()
}

fn doc<'a>(docs: &'a [DocumentExtraction], part: &str) -> &'a DocumentExtraction {
    docs.iter().find(|d| d.file.contains(part)).unwrap_or_else(|| panic!("no document {part}"))
}

/// Serialises a fragment and reads it back with the widget's own validator.
fn validated(export: &Export) -> Model {
    let text = serde_json::to_string_pretty(export).expect("serialisable");
    match validate(&text) {
        Ok(model) => model,
        Err(problems) => panic!("fragment refused: {:#?}\n{text}", problems.list),
    }
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

fn has_amount(d: &DocumentExtraction, what: &str, euros: &str) -> bool {
    d.amounts.iter().any(|a| a.what == what && a.euros == euros)
}

fn matched(d: &DocumentExtraction) -> HashSet<String> {
    d.organizations.iter().filter_map(|o| o.matched.clone()).collect()
}

fn proposed(d: &DocumentExtraction) -> Vec<(String, String)> {
    d.organizations.iter().filter_map(|o| o.proposed_id.clone().map(|id| (o.name.clone(), id))).collect()
}

// ───────────── The five sources ─────────────

#[test]
fn the_five_sources_reproduce_the_decisions_of_the_default_dataset() {
    let model = default_model();
    let sources = texts(SOURCES);
    assert_eq!(sources.len(), 5);
    for (name, text) in &sources {
        let got = extract_text(&format!("{SOURCES}/{name}"), text, Some(&model));
        assert_eq!(got.file, *name, "the file name, not the path");
        // The main decision of a register is the one whose reference its header prints (the
        // dataset also holds acts only mentioned in the report); a news item has one decision.
        let header: String = text.lines().take_while(|l| !l.contains("rapport suivant")).collect::<Vec<_>>().join("\n");
        let of_file: Vec<_> = model.decisions.iter().filter(|d| d.document == *name).collect();
        let headed: Vec<_> =
            of_file.iter().filter(|d| d.reference.as_ref().is_some_and(|r| header.contains(r.as_str()))).collect();
        let expected = match headed.as_slice() {
            [one] => **one,
            [] => {
                assert_eq!(of_file.len(), 1, "{name}: one decision without a reference in the header");
                of_file[0]
            }
            _ => panic!("{name}: several references in the header"),
        };
        let d = &got.decision;
        assert_eq!(d.reference, expected.reference, "{name}: reference");
        assert_eq!(d.instance, expected.instance, "{name}: instance");
        assert_eq!(d.date, expected.date.to_string(), "{name}: date");
        if let Some(signed) = expected.signed {
            assert_eq!(d.signed.as_deref(), Some(signed.to_string().as_str()), "{name}: signed");
        }
        assert_eq!(d.members_present, expected.members_present, "{name}: members present");
        assert_eq!(d.source.document, *name);
        // The quote is copied word for word.
        let quote = d.source.quote.as_deref().expect("a quote");
        assert!(text.replace("**", "").contains(quote), "{name}: quote not in the text: {quote}");
        if expected.reference.is_some() {
            assert_eq!(d.id, expected.id, "{name}: id derived from the reference");
        }
    }
}

#[test]
fn amounts_budget_conventions_and_end_dates_of_the_sources() {
    let docs = extract_sources(None);
    let ccimp = doc(&docs, "CCIMP");
    assert!(has_amount(ccimp, "subvention", "50000"), "{:#?}", ccimp.amounts);
    assert!(ccimp.conventions.contains(&"MET 21/18706/BM".to_string()), "{:?}", ccimp.conventions);
    let budget = ccimp.budget.as_deref().expect("budget 2021");
    assert!(budget.contains("chapitre 65") && budget.contains("nature 65748"), "{budget}");

    let ave = doc(&docs, "AVE");
    assert!(has_amount(ave, "cotisation", "14205"), "{:#?}", ave.amounts);
    let budget = ave.budget.as_deref().expect("budget AVE");
    assert!(budget.contains("chapitre 011, nature 6281"), "{budget}");
    assert!(budget.contains("2024"), "{budget}");

    let plie = doc(&docs, "PLIE");
    assert_eq!(plie.end_dates, vec!["2027-12-31".to_string()]);

    // Each amount comes with the sentence it was read from, as written.
    for d in &docs {
        for a in &d.amounts {
            assert!(!a.context.is_empty());
            assert!(a.context.contains("euro") || a.context.contains('€'), "{}", a.context);
        }
    }
}

#[test]
fn the_sources_name_organisations_of_the_default_dataset() {
    let model = default_model();
    let docs = extract_sources(Some(&model));
    let all: HashSet<String> = docs.iter().flat_map(matched).collect();
    for id in [
        "ave",
        "ccimp",
        "euromediterranee",
        "plie-martigues",
        "metropole-amp",
        "pole-emploi-martigues",
        "france-travail-bdr",
    ] {
        assert!(all.contains(id), "{id} not matched: {all:?}");
    }
    assert!(matched(doc(&docs, "AVE")).contains("ave"));
    assert!(matched(doc(&docs, "CCIMP")).contains("ccimp"));
    assert!(matched(doc(&docs, "Euromediterranee")).contains("euromediterranee"));
    assert!(matched(doc(&docs, "PLIE")).contains("plie-martigues"));
    // Against the dataset, every organisation of the five texts is known: nothing is proposed.
    for d in &docs {
        assert!(proposed(d).is_empty(), "{}: {:?}", d.file, proposed(d));
        // Every matched id exists in the reference export.
        for o in &d.organizations {
            if let Some(id) = &o.matched {
                assert!(model.org_by_id(id).is_some(), "{id}");
            }
        }
    }
}

#[test]
fn signatory_and_missing_fields_of_the_sources() {
    let docs = extract_sources(None);
    let ave = doc(&docs, "AVE");
    let signatory = ave.decision.signatory.as_deref().expect("signatory");
    assert!(signatory.starts_with("Martial Alvarez, Vice-Président délégué"), "{signatory}");
    assert!(signatory.contains("GPMM"), "{signatory}");
    assert_eq!(ave.decision.title, "Adhésion de la Métropole Aix-Marseille-Provence à l'association Alliance Villes Emploi et paiement de la cotisation 2024");
    // Nothing about the decision is missing from a complete register extract.
    assert!(
        !ave.missing.iter().any(|m| m.contains("référence") || m.contains("date") || m.contains("signataire")),
        "{:?}",
        ave.missing
    );
    // The register's internal code after the title is not part of it.
    assert!(!doc(&docs, "Euromediterranee").decision.title.ends_with("51800"));

    let news = doc(&docs, "actualite");
    assert_eq!(news.decision.reference, None);
    assert!(news.missing.iter().any(|m| m.contains("référence")), "{:?}", news.missing);
    assert!(news.missing.iter().any(|m| m.contains("membres présents")), "{:?}", news.missing);
    assert!(news.missing.iter().any(|m| m.contains("rapporteur ou signataire")), "{:?}", news.missing);
}

#[test]
fn the_fragment_of_the_five_sources_is_a_valid_export() {
    let model = default_model();
    let docs = extract_sources(Some(&model));
    let export = fragment(&docs, Some(&model));
    assert_eq!(export.title, "Extrait de 5 délibérations");
    let fragment_model = validated(&export);
    assert_eq!(fragment_model.decisions.len(), 5);

    let link = |from: &str, to: &str, kind: &str| {
        export
            .links
            .iter()
            .find(|l| l.from == from && l.to == to && l.kind == kind)
            .unwrap_or_else(|| panic!("no {kind} {from} → {to}"))
    };
    let subsidy = link("metropole-amp", "ccimp", "subsidy");
    assert_eq!(subsidy.amount, Some(serde_json::Value::String("50000".into())));
    assert_eq!(subsidy.year, Some(2021));
    assert_eq!(subsidy.convention.as_deref(), Some("MET 21/18706/BM"));
    assert_eq!(subsidy.decision, "chl-012-9751-21-bm");
    let fee = link("metropole-amp", "ave", "membership");
    assert_eq!(fee.amount, Some(serde_json::Value::String("14205".into())));
    assert_eq!(fee.year, Some(2024));
    assert!(fee.budget.as_deref().is_some_and(|b| b.contains("nature 6281")));
    let plie = link("plie-martigues", "pole-emploi-martigues", "partnership");
    assert_eq!(plie.end.as_deref(), Some("2027-12-31"));
    link("metropole-amp", "euromediterranee", "partnership");
    // Links are decided by their decision.
    assert!(export.links.iter().all(|l| l.basis.is_none()));
    // Matched organisations are copied from the reference export, parents included.
    let ids: HashSet<&str> = export.organizations.iter().map(|o| o.id.as_str()).collect();
    assert!(ids.contains("france-travail"), "parent of pole-emploi-martigues");
    let ccimp = export.organizations.iter().find(|o| o.id == "ccimp").expect("ccimp");
    assert_eq!(ccimp.short_name.as_deref(), Some("CCIMP"));
}

#[test]
fn a_fragment_made_without_the_export_matched_against_stays_valid() {
    let model = default_model();
    let docs = extract_sources(Some(&model));
    // Known organisations cannot be copied without their export: their links are left out, not left dangling.
    let export = fragment(&docs, None);
    validated(&export);
    assert_eq!(export.decisions.len(), 5);
}

#[test]
fn without_a_reference_export_every_organisation_is_proposed_once() {
    let docs = extract_sources(None);
    for d in &docs {
        for o in &d.organizations {
            assert!(o.matched.is_none());
            let id = o.proposed_id.as_deref().expect("proposed");
            assert!(is_kebab(id), "{id}");
        }
    }
    let ave = doc(&docs, "AVE");
    let ids: Vec<String> = proposed(ave).into_iter().map(|(_, id)| id).collect();
    // "Alliance Villes Emploi", "Alliance Ville Emploi" and "(AVE)" are one organisation.
    assert!(ids.contains(&"alliance-villes-emploi".to_string()), "{ids:?}");
    assert!(!ids.iter().any(|id| id == "alliance-ville-emploi" || id == "ave"), "{ids:?}");
    let export = fragment(&docs, None);
    validated(&export);
    let fee = export.links.iter().find(|l| l.kind == "membership").expect("fee");
    assert_eq!((fee.from.as_str(), fee.to.as_str()), ("metropole-aix-marseille-provence", "alliance-villes-emploi"));
    let ave_org = export.organizations.iter().find(|o| o.id == "alliance-villes-emploi").expect("proposed AVE");
    assert_eq!(ave_org.kind, "association", "the kind of 'l'association …'");
    let metropole = export.organizations.iter().find(|o| o.id == "metropole-aix-marseille-provence").expect("the body");
    assert_eq!(metropole.name, "Métropole Aix-Marseille-Provence");
}

// ───────────── Other forms ─────────────

#[test]
fn a_conseil_de_la_metropole_deliberation_of_another_year() {
    let model = default_model();
    let (name, text) = fixture("2019-06-20_conseil_ECT-014-6123-19-CM_subvention-tremplin.txt");
    assert!(text.starts_with("FIXTURE DE TEST"));
    let d = extract_text(&name, &text, Some(&model));
    assert_eq!(d.decision.reference.as_deref(), Some("ECT 014-6123/19/CM"));
    assert_eq!(d.decision.id, "ect-014-6123-19-cm");
    assert_eq!(d.decision.instance, "Conseil de la Métropole");
    assert_eq!(d.decision.date, "2019-06-20");
    assert_eq!(d.decision.members_present, Some(187));
    assert!(
        d.decision.title.starts_with("Attribution d'une subvention de fonctionnement à l'association Tremplin"),
        "{}",
        d.decision.title
    );
    assert_eq!(d.decision.signatory.as_deref(), Some("Jean-Marc Testard, Vice-Président délégué Emploi et Insertion"));
    assert!(has_amount(&d, "subvention", "35000"), "{:#?}", d.amounts);
    assert!(has_amount(&d, "coût total", "120000"), "{:#?}", d.amounts);
    // The amount decided is read from the article, not from the report.
    let decided = d.amounts.iter().find(|a| a.what == "subvention").expect("subsidy");
    assert!(decided.context.starts_with("Est attribuée"), "{}", decided.context);
    assert_eq!(d.budget.as_deref(), Some("Budget principal 2019, chapitre 65, nature 6574, fonction 90"));
    assert_eq!(d.conventions, vec!["MET 19/5521/CM".to_string()]);
    assert_eq!(d.end_dates, vec!["2019-12-31".to_string()]);
    assert!(matched(&d).contains("metropole-amp"), "the header cut at 'D'AIX-' is read whole");
    assert!(matched(&d).contains("departement-13"));
    assert_eq!(
        proposed(&d),
        vec![("Tremplin Emploi Étang de Berre".to_string(), "tremplin-emploi-etang-de-berre".to_string())]
    );
    assert!(d.missing.is_empty(), "{:?}", d.missing);

    let export = fragment(std::slice::from_ref(&d), Some(&model));
    validated(&export);
    let subsidy = export.links.iter().find(|l| l.kind == "subsidy").expect("subsidy");
    assert_eq!((subsidy.from.as_str(), subsidy.to.as_str()), ("metropole-amp", "tremplin-emploi-etang-de-berre"));
    assert_eq!(subsidy.year, Some(2019));
    let convention = export.links.iter().find(|l| l.kind == "partnership").expect("convention");
    assert_eq!(convention.convention.as_deref(), Some("MET 19/5521/CM"));
    assert_eq!(convention.end.as_deref(), Some("2019-12-31"));
    let new = export.organizations.iter().find(|o| o.id == "tremplin-emploi-etang-de-berre").expect("proposed");
    assert_eq!(new.kind, "association");
    assert!(new.description.as_deref().is_some_and(|d| d.contains("carte extract")));
}

#[test]
fn a_municipal_council_deliberation() {
    let model = default_model();
    let (name, text) = fixture("2024-03-15_martigues_conseil-municipal_subvention-plie.txt");
    let d = extract_text(&name, &text, Some(&model));
    assert_eq!(d.decision.instance, "Conseil municipal de Martigues");
    assert_eq!(d.decision.date, "2024-03-15", "« L'an deux mille vingt-quatre, le quinze mars »");
    assert_eq!(d.decision.reference.as_deref(), Some("2024-052"));
    assert_eq!(d.decision.members_present, Some(35));
    assert_eq!(
        d.decision.rapporteur.as_deref(),
        Some("Claire Modèle, Adjointe au Maire déléguée à l'Emploi et à l'Insertion")
    );
    assert_eq!(d.decision.signatory.as_deref(), Some("Jean Exemple, Maire"));
    assert!(d.decision.title.starts_with("Attribution d'une subvention au PLIE du Pays de Martigues"));
    assert_eq!(
        d.decision.source.quote.as_deref(),
        Some("D'attribuer au PLIE du Pays de Martigues une subvention de 25 000 € au titre de l'année 2024.")
    );
    assert!(has_amount(&d, "subvention", "25000"));
    assert!(has_amount(&d, "subvention", "8500.50"), "{:#?}", d.amounts);
    assert_eq!(d.budget.as_deref(), Some("Budget principal 2024, chapitre 65, article 6574"));
    // The commune is the body; not in the reference export, it is proposed.
    assert!(matched(&d).contains("plie-martigues"));
    let new = proposed(&d);
    assert!(new.contains(&("Les Jardins du Ranquet".to_string(), "les-jardins-du-ranquet".to_string())), "{new:?}");
    assert!(new.iter().any(|(_, id)| id == "commune-de-martigues"), "{new:?}");
    assert_eq!(new.len(), 2, "« VILLE DE MARTIGUES » is the commune, not a third organisation: {new:?}");

    let export = fragment(std::slice::from_ref(&d), Some(&model));
    validated(&export);
    let to_plie = export.links.iter().find(|l| l.to == "plie-martigues").expect("subsidy to the PLIE");
    assert_eq!((to_plie.from.as_str(), to_plie.kind.as_str()), ("commune-de-martigues", "subsidy"));
    assert_eq!(to_plie.amount, Some(serde_json::Value::String("25000".into())));
    let to_garden = export.links.iter().find(|l| l.to == "les-jardins-du-ranquet").expect("subsidy to the garden");
    assert_eq!(to_garden.amount, Some(serde_json::Value::String("8500.50".into())));
    let commune = export.organizations.iter().find(|o| o.id == "commune-de-martigues").expect("commune");
    assert_eq!((commune.name.as_str(), commune.kind.as_str()), ("Commune de Martigues", "local-authority"));
}

#[test]
fn a_portal_listing() {
    let model = default_model();
    let (name, text) = fixture("portail_2023-12-07_CHL-061-15103-23-BM.txt");
    let d = extract_text(&name, &text, Some(&model));
    assert_eq!(d.decision.date, "2023-12-07");
    assert_eq!(d.decision.instance, "Bureau de la Métropole");
    assert_eq!(d.decision.reference.as_deref(), Some("CHL-061-15103/23/BM"));
    assert_eq!(d.decision.rapporteur.as_deref(), Some("Martial Alvarez"));
    assert_eq!(
        d.decision.title,
        "Attribution d'une subvention à l'association Tremplin Emploi Étang de Berre pour l'année 2024"
    );
    assert!(has_amount(&d, "subvention", "20000"));
    assert!(d.missing.iter().any(|m| m.contains("membres présents")), "the listing does not say: {:?}", d.missing);
    let export = fragment(std::slice::from_ref(&d), Some(&model));
    validated(&export);
    let subsidy = export.links.iter().find(|l| l.kind == "subsidy").expect("subsidy");
    assert_eq!(
        (subsidy.from.as_str(), subsidy.to.as_str(), subsidy.year),
        ("metropole-amp", "tremplin-emploi-etang-de-berre", Some(2024))
    );
}

#[test]
fn a_portal_line_with_cells_separated_by_tabs() {
    let text = "Délibération du 16/03/2023\tBureau de la Métropole\tEmploi\tMartial ALVAREZ\t\
                ECOR-003-13530/23/BM - Approbation d'une convention de partenariat avec Euroméditerranée\t\
                Convention pour une commande publique inclusive.\tNon";
    let d = extract_text("portail.txt", text, Some(&default_model()));
    assert_eq!(d.decision.date, "2023-03-16");
    assert_eq!(d.decision.instance, "Bureau de la Métropole");
    assert_eq!(d.decision.reference.as_deref(), Some("ECOR-003-13530/23/BM"));
    assert_eq!(d.decision.rapporteur.as_deref(), Some("Martial Alvarez"));
    assert!(matched(&d).contains("euromediterranee"));
}

#[test]
fn a_broken_text_reports_what_it_lacks() {
    let model = default_model();
    let (name, text) = fixture("casse_sans-date-ni-reference.txt");
    let d = extract_text(&name, &text, Some(&model));
    assert!(d.missing.iter().any(|m| m.contains("date")), "{:?}", d.missing);
    assert!(d.missing.iter().any(|m| m.contains("référence")), "{:?}", d.missing);
    assert!(d.missing.iter().any(|m| m.contains("rapporteur ou signataire")), "{:?}", d.missing);
    assert_eq!(d.decision.reference, None);
    assert_eq!(d.decision.date, "", "no date is made up");
    assert_eq!(d.decision.id, "casse-sans-date-ni-reference", "id from the file name");
    assert!(has_amount(&d, "subvention", "12000"));
    assert!(proposed(&d).iter().any(|(_, id)| id == "passerelle-numerique"), "{:?}", proposed(&d));
    // Without a date it cannot be a decision of the fragment, which stays valid.
    let export = fragment(std::slice::from_ref(&d), Some(&model));
    assert!(export.decisions.is_empty());
    assert!(export.description.as_deref().is_some_and(|t| t.contains(&name)));
    validated(&export);
}

#[test]
fn odd_inputs_never_panic_and_say_what_is_missing() {
    let model = default_model();
    let odd = [
        String::new(),
        "   \n\n\t".to_string(),
        "Délibération du 31/02/2023".to_string(),
        "Séance du 45 brumaire 2023\nArticle 1 :".to_string(),
        "999999999999999999999999 euros 1,5 million d'euros €€ 12 345,678 €".to_string(),
        "CHL-\n-/23/BM ■■ ** ## Certifié Conforme,".to_string(),
        "Certifié Conforme,".to_string(),
        "l'association\nLa\n« » ( ) - – — ’".to_string(),
        "ÉÀÇ\u{0}\u{feff}\u{202f}\u{a0}ﬁ İ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂".repeat(50),
        "Votée par le bureau de la Métropole en juin dernier.".to_string(),
    ];
    let mut docs = Vec::new();
    for (i, text) in odd.iter().enumerate() {
        let d = extract_text(&format!("odd-{i}.txt"), text, Some(&model));
        assert!(!d.missing.is_empty(), "{i}: something is always missing from these");
        assert!(!d.decision.id.is_empty());
        docs.push(d);
    }
    // "1,5 million d'euros" is read exactly; too large a number is dropped rather than wrapped.
    assert!(docs[4].amounts.iter().any(|a| a.euros == "1500000"), "{:#?}", docs[4].amounts);
    validated(&fragment(&docs, Some(&model)));
    validated(&fragment(&docs, None));
    validated(&fragment(&[], None));
}

#[test]
fn the_fragment_of_every_text_is_valid_with_unique_ids() {
    let model = default_model();
    let mut all: Vec<(String, String)> = texts(SOURCES);
    all.extend(texts(FIXTURES));
    // The same file twice: ids stay unique.
    all.push(all[0].clone());
    for against in [Some(&model), None] {
        let docs: Vec<DocumentExtraction> = all.iter().map(|(n, t)| extract_text(n, t, against)).collect();
        let export = fragment(&docs, against);
        let m = validated(&export);
        assert_eq!(m.decisions.len(), all.len() - 1, "all but the broken one");
        assert_eq!(export.title, format!("Extrait de {} délibérations", all.len() - 1));
        for o in &export.organizations {
            assert!(is_kebab(&o.id), "{}", o.id);
        }
        for l in &export.links {
            assert!(is_kebab(&l.id), "{}", l.id);
            // Copied as written; a line cut by the page reads as one line (whitespace aside); « […] »
            // marks what a quote leaves out (the items of a list between it and its lead).
            let spaced = |s: &str| s.replace("**", "").split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                l.quote.as_deref().is_some_and(|q| all
                    .iter()
                    .any(|(_, t)| q.split(" […] ").all(|part| spaced(t).contains(&spaced(part))))),
                "quote of {}",
                l.id
            );
        }
    }
}
