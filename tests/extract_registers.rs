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

// Registers as towns, départements, régions and sites publish them (issue 14, real documents): the
// fixtures below are fictional texts in the shapes of real ones read while building this.

#[test]
fn the_seance_is_not_the_convocation_an_earlier_seance_nor_the_letter() {
    let pv = read("proces-verbal_2019-10-11_dates-citees.txt");
    assert_eq!(pv.decision.date, "2019-10-11", "not the approved minutes of 22 août nor the convocation of 4 octobre");
    assert_eq!(pv.decision.instance, "Conseil municipal de Castelfiguier");
    assert!(
        pv.decision.title.starts_with("MISE EN VALEUR DES QUAIS DU CANAL"),
        "the first item: {}",
        pv.decision.title
    );
    let line = read("compte-rendu-une-ligne_2015-06-25.txt");
    assert_eq!(line.decision.date, "2015-06-25", "« Peyrenoire, le 03 juillet 2015 » dates the letter");
    assert_eq!(line.decision.instance, "Conseil municipal de Peyrenoire", "« MAIRIE DE PEYRENOIRE » inside one line");
    assert_eq!(line.decision.title, "Approbation des Comptes de Gestion 2014", "« 1)Approbation … : »");
}

#[test]
fn dates_of_the_seance_that_disagree_keep_the_first_and_are_said() {
    let d = read("conseil-du_2019-04-15_dates-en-desaccord.txt");
    assert_eq!(d.decision.date, "2019-04-15");
    assert_eq!(
        d.decision.instance, "Conseil municipal de Val d'Olive les Bains",
        "« Maire de la Commune de VAL D OLIVE LES BAINS »"
    );
    assert!(
        d.missing.iter().any(|m| m.contains("plusieurs dates de séance (2019-04-15 puis 2019-02-20)")),
        "{:#?}",
        d.missing
    );
}

#[test]
fn assemblies_of_a_departement_a_region_and_a_territory() {
    let dep = read("departement_commission-permanente_2019-11-07.txt");
    assert_eq!(dep.decision.date, "2019-11-07", "not the deliberation of 12 décembre 2017 it recalls");
    assert_eq!(dep.decision.instance, "Commission permanente du Conseil départemental");
    let region = read("region_commission-permanente_2014-04-10_une-ligne.txt");
    assert_eq!(region.decision.date, "2014-04-10", "the deliberations of the visas are not the séance");
    assert_eq!(region.decision.instance, "Commission permanente du Conseil régional d'Ile-de-France");
    let territory = read("conseil-de-territoire_2018-06-26_une-ligne.txt");
    assert_eq!(territory.decision.date, "2018-06-26");
    assert_eq!(territory.decision.instance, "Conseil de territoire Étang-Ouest Fictif");
    assert_eq!(
        territory.decision.title,
        "Approbation du budget supplémentaire 2018 de l'Etat spécial de territoire Étang-Ouest Fictif"
    );
    assert!(region.decision.title.starts_with("ATTRIBUTIONS DE SUBVENTIONS"), "{}", region.decision.title);
}

#[test]
fn a_question_of_a_council_as_a_towns_site_prints_it() {
    let d = read("ville_question-54_2020-11-05_convention.txt");
    assert_eq!(
        d.decision.date, "2020-11-05",
        "« jeudi, 5 novembre 2020 » under the rapporteur, not the event of 1er novembre"
    );
    assert_eq!(d.decision.instance, "Conseil municipal de Saint-Aubin-des-Oliviers");
    assert_eq!(d.decision.reference.as_deref(), Some("54"), "« N°54 - Autoriser… »");
    assert!(
        d.decision.title.starts_with("Autoriser Monsieur le Maire à signer une convention"),
        "{}",
        d.decision.title
    );
}

#[test]
fn numbers_and_titles_as_minutes_and_sites_print_them() {
    let cut = read("ville_2011-09-19_2011-3814_titre-coupe.txt");
    assert_eq!(cut.decision.date, "2011-09-19", "not the report of 6 septembre");
    assert_eq!(cut.decision.reference.as_deref(), Some("2011/3814"));
    assert!(
        cut.decision.title.starts_with("ATTRIBUTION DE SUBVENTIONS DE FONCTIONNEMENT A DES STRUCTURES"),
        "a title in capitals cut into short lines: {}",
        cut.decision.title
    );
    assert_eq!(cut.decision.instance, "Conseil municipal de Valfleuri", "« La Ville de Valfleuri est sollicitée »");
    let site = read("site-communal_2019-11-25_reunion-2019-93.txt");
    assert_eq!(site.decision.date, "2019-11-25");
    assert_eq!(site.decision.instance, "Conseil municipal de Lachamp-Fictive");
    assert_eq!(site.decision.members_present, Some(16));
    assert_eq!(site.decision.reference.as_deref(), Some("2019-93"), "« … fonds de concours : 2019-93 »");
    assert!(site.decision.title.starts_with("Travaux d'enfouissement réseaux électriques"), "{}", site.decision.title);
}

#[test]
fn only_the_amount_the_seance_decides_becomes_a_link_and_recalled_ones_are_said() {
    let name = "compte-rendu_2010-12-01_subvention-supplementaire.txt";
    let d = read(name);
    assert_eq!(
        d.decision.date, "2010-12-01",
        "« L’an deux mil dix, le premier décembre », not the séance of 20 février it recalls"
    );
    assert_eq!(d.decision.reference.as_deref(), Some("2010/12/01"));
    assert_eq!(d.decision.instance, "Conseil municipal de Valbelle-les-Pins");
    let export = valid_fragment(std::slice::from_ref(&d));
    let subsidies: Vec<(&str, Option<serde_json::Value>)> =
        export.links.iter().map(|l| (l.to.as_str(), l.amount.clone())).collect();
    assert_eq!(subsidies, [("les-enfants-du-lavoir", Some("40000".into()))], "« DÉCIDE d’attribuer … 40 000 € »");
    let said = report(std::slice::from_ref(&d), &export);
    for recalled in ["60 000 € (subvention)", "100 000 € (subvention)"] {
        assert!(
            said.iter().any(|l| l.contains("montant rappelé, décidé par un autre acte") && l.contains(recalled)),
            "{recalled} in {said:#?}"
        );
    }
}

#[test]
fn a_list_of_subsidies_by_association_gives_a_link_to_each() {
    let d = read("ville_question-08_2005-05-12_subventions-liste.txt");
    assert_eq!(d.decision.date, "2005-05-12");
    assert_eq!(d.decision.title, "Subventions aux associations", "without the rapporteur printed after it");
    let export = valid_fragment(std::slice::from_ref(&d));
    let mut links: Vec<(String, String)> = export
        .links
        .iter()
        .map(|l| {
            let to = export.organizations.iter().find(|o| o.id == l.to).map(|o| o.name.clone()).unwrap_or_default();
            (to, l.amount.as_ref().and_then(|a| a.as_str()).unwrap_or_default().to_string())
        })
        .collect();
    links.sort();
    assert_eq!(
        links,
        [
            ("A.S.S.A".to_string(), "1000".to_string()),
            ("Club de Natation".to_string(), "150".to_string()),
            ("Saint-Aubin Action Cinéma".to_string(), "40000".to_string()),
            ("Société d’Entraide des Employés Communaux".to_string(), "15000".to_string()),
            ("TAE KWONDO Club Saint-Aubinois".to_string(), "400".to_string()),
        ]
    );
    assert!(export.links.iter().all(|l| l.from == "commune-de-saint-aubin-des-oliviers" && l.kind == "subsidy"));
    // The works and digs of the debate are no subsidy; « Odyssée Pêche Loisir », named in quotes, is found.
    assert!(d.organizations.iter().any(|o| o.name == "Odyssée Pêche Loisir"), "{:#?}", d.organizations);
}

#[test]
fn partners_named_by_what_surrounds_them() {
    let q = read("ville_question-54_2020-11-05_convention.txt");
    let export = valid_fragment(std::slice::from_ref(&q));
    let convention = link_to(&export, "les-petits-pas");
    assert_eq!(
        (convention.kind.as_str(), convention.from.as_str()),
        ("partnership", "commune-de-saint-aubin-des-oliviers")
    );
    assert!(export.links.iter().all(|l| l.amount.is_none()), "2 000 euros « sollicité » is no decision");
    let cut = read("ville_2011-09-19_2011-3814_titre-coupe.txt");
    assert!(
        cut.organizations.iter().any(|o| o.name == "Grand Casino de Valfleuri"),
        "« soutien financier du Grand Casino … »"
    );
    assert!(
        cut.recalled.iter().any(|a| a.euros == "116000"),
        "« dont 116 000 € ont déjà été votés »: {:#?}",
        cut.recalled
    );
    let export = valid_fragment(std::slice::from_ref(&cut));
    for (to, euros) in [("theatre-des-oliviers", "50000"), ("les-voix-du-port", "34000")] {
        let l = link_to(&export, to);
        assert_eq!(
            (l.kind.as_str(), l.amount.clone()),
            ("subsidy", Some(euros.into())),
            "the table after « Sont allouées les subventions suivantes : »"
        );
    }
    assert!(!export.links.iter().any(|l| l.amount == Some("116000".into()) || l.amount == Some("200000".into())));
}

#[test]
fn registers_as_copies_damage_them() {
    let two = read("deliberation_2019-12-17_annees-a-deux-chiffres.txt");
    assert_eq!(two.decision.date, "2019-12-17", "« Séance publique 17/12/19 », not the convocation of 10/12/19");
    assert_eq!(two.decision.reference.as_deref(), Some("2019/18"));
    assert_eq!(two.decision.title, "Convention d'objectifs avec le Valfleuri Handball Club");
    assert_eq!(two.decision.members_present, Some(38));
    let glued = read("extraits-pv_2012-03-07_texte-colle.txt");
    assert_eq!(glued.decision.date, "2012-03-07", "« MUNICIPALdu 7 MARS 2012La séance », not the letter of 8 Mars");
    assert_eq!(glued.decision.instance, "Conseil municipal de Peyrenoire", "« …PVExtraitsPEYRENOIRE, le 8 Mars 2012 »");
    assert_eq!(glued.decision.members_present, Some(35), "« 43Présents …… 35Excusés »");
    let cut = read("registre_2015-06-29_en-tete-coupe.txt");
    assert_eq!(cut.decision.date, "2015-06-29", "not the signature, the reception nor the convocation");
    assert_eq!(cut.decision.instance, "Conseil municipal de Saint-Aubin en Provence", "a town cut across two lines");
    assert_eq!(cut.decision.reference.as_deref(), Some("DL.2015-306"));
    assert!(cut.decision.title.starts_with("VIE CULTURELLE - ATTRIBUTION DE SUBVENTIONS"), "{}", cut.decision.title);
}

#[test]
fn a_departements_recueil_in_odd_small_capitals() {
    let d = read("recueil-departement_2017-10-01_petites-capitales.txt");
    assert_eq!(d.decision.date, "2017-09-15", "the commission's meeting, not the recueil's date nor the arrêté's");
    assert_eq!(d.decision.instance, "Commission permanente du Conseil départemental des Bouches-du-Rhône");
    assert!(
        !d.decision.title.starts_with("1er Octobre"),
        "a recueil's number and date are no title: {}",
        d.decision.title
    );
    assert!(
        d.organizations.iter().any(|o| o.name == "Association Fictive en Economie Solidaire"),
        "« Association » is its name's when the acronym spells it: {:#?}",
        d.organizations
    );
}

#[test]
fn a_point_of_a_council_on_a_towns_site() {
    let d = read("site-point_2022-02-23_convention-region.txt");
    assert_eq!(d.decision.date, "2022-02-23");
    assert_eq!(d.decision.instance, "Conseil municipal de Valfleuri");
    assert_eq!(d.decision.rapporteur.as_deref(), Some("Exemple"), "« Rapporteur : » alone, the name below it");
    let export = valid_fragment(std::slice::from_ref(&d));
    let convention = export.links.iter().find(|l| l.kind == "partnership").expect("the convention");
    let region = export.organizations.iter().find(|o| o.id == convention.to).map(|o| o.name.as_str());
    assert_eq!((convention.from.as_str(), region), ("commune-de-valfleuri", Some("Région Grand Est")));
}

#[test]
fn assemblies_of_communautes_and_syndicats() {
    let cc = read("communaute-de-communes_2013-09-24_conseil.txt");
    assert_eq!(cc.decision.date, "2013-09-24", "not the convocation of 12 septembre");
    assert_eq!(cc.decision.instance, "Conseil de communauté de la Communauté de communes Le Val Fictif");
    let syndicate = read("comite-syndical_2012-12-18_titre-coupe.txt");
    assert_eq!(
        syndicate.decision.date, "2012-12-18",
        "« COMPTE-RENDU DU COMITE SYNDICAL » / « DU 18 DECEMBRE 2012___ »"
    );
    assert_eq!(syndicate.decision.instance, "Comité syndical");
}

// Minutes and registers holding several numbered deliberations, the bodies of départements, régions and
// intercommunal bodies, conventions and who signs them, names known only by their context (issue 14,
// real documents; fictional fixtures in the shapes of the real ones).

fn link_of<'a>(export: &'a Export, kind: &str, to: &str) -> &'a carte_partenariats::core::format::Link {
    export
        .links
        .iter()
        .find(|l| l.kind == kind && l.to == to)
        .unwrap_or_else(|| panic!("no {kind} link to {to}: {:#?}", export.links))
}

#[test]
fn minutes_give_each_numbered_deliberation_its_own_decision() {
    let name = "compte-rendu_2004-04-05_plusieurs-deliberations.txt";
    let docs = extract_all(name, &fixture(name), None);
    let references: Vec<Option<&str>> = docs.iter().map(|d| d.decision.reference.as_deref()).collect();
    assert_eq!(references, [Some("2004/04/01"), Some("2004/04/02"), Some("2004/04/03"), Some("2004/04/04")]);
    for d in &docs {
        assert_eq!(
            (d.decision.date.as_str(), d.decision.instance.as_str()),
            ("2004-04-05", "Conseil municipal de Fontclaire")
        );
    }
    let titles: Vec<&str> = docs.iter().map(|d| d.decision.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "SUBVENTION EXCEPTIONNELLE A L’ASSOCIATION « LES AMIS DU MOULIN »",
            "CONVENTION AVEC LE CENTRE SOCIAL DES TILLEULS",
            "ADHESION AU RESEAU DES VILLES FLEURIES FICTIVES",
            "FERMETURE DE LA CRECHE DU BOURG DU 02/08/2004 AU 20/08/2004"
        ]
    );
    let export = valid_fragment(&docs);
    assert_eq!(export.decisions.len(), 4);
    let subsidy = link_of(&export, "subsidy", "les-amis-du-moulin");
    assert_eq!((subsidy.amount.clone(), subsidy.decision.as_str()), (Some("1500".into()), "2004-04-01"));
    assert_eq!(link_of(&export, "partnership", "centre-social-des-tilleuls").decision, "2004-04-02");
    let fee = link_of(&export, "membership", "reseau-des-villes-fleuries-fictives");
    assert_eq!((fee.amount.clone(), fee.decision.as_str()), (Some("250".into()), "2004-04-03"));
    assert!(export.links.iter().all(|l| l.from == "commune-de-fontclaire"), "{:#?}", export.links);
    assert!(!export.links.iter().any(|l| l.decision == "2004-04-04"));
    let said = report(&docs, &export);
    assert!(
        said.iter().any(|l| l.starts_with(&format!("{name} (2004/04/01) : montant rappelé")) && l.contains("3 000 €")),
        "the 3 000 € of an earlier séance, said under its deliberation: {said:#?}"
    );
}

#[test]
fn a_seance_page_numbered_year_and_rank_gives_each_deliberation() {
    let name = "seance_2013-04-04_numeros-annee-rang.txt";
    let docs = extract_all(name, &fixture(name), None);
    let references: Vec<Option<&str>> = docs.iter().map(|d| d.decision.reference.as_deref()).collect();
    assert_eq!(references, [Some("2013-19"), Some("2013-20"), Some("2013-21")]);
    assert!(docs.iter().all(|d| d.decision.instance == "Conseil municipal de Saint Exemple les Pins"));
    assert_eq!(docs[1].decision.title, "Subvention au Comité des fêtes");
    let export = valid_fragment(&docs);
    let subsidy = link_of(&export, "subsidy", "comite-des-fetes-de-saint-exemple-les-pins");
    assert_eq!((subsidy.amount.clone(), subsidy.decision.as_str()), (Some("800".into()), "2013-20"));
    assert_eq!(export.links.len(), 1, "the figures of the account are no amounts: {:#?}", export.links);
    let said = report(&docs, &export);
    assert!(
        said.iter()
            .any(|l| l.starts_with(&format!("{name} (2013-21) : montant sans lien")) && l.contains("4 312,50 €")),
        "{said:#?}"
    );
}

#[test]
fn departements_regions_and_intercommunal_bodies_pay_what_they_decide() {
    let dep = read("departement_commission-permanente_2021-03-15_territoire.txt");
    assert_eq!(dep.decision.instance, "Commission permanente du Conseil départemental");
    let export = valid_fragment(std::slice::from_ref(&dep));
    let payer = export
        .organizations
        .iter()
        .find(|o| o.name == "Département du Val-de-Marne")
        .unwrap_or_else(|| panic!("« sur le territoire du Val-de-Marne »: {:#?}", export.organizations));
    assert_eq!(payer.kind, "local-authority");
    let subsidy = link_of(&export, "subsidy", "envol-sport-fictif");
    assert_eq!((subsidy.from.as_str(), subsidy.amount.clone()), (payer.id.as_str(), Some("12000".into())));
    assert_eq!(link_of(&export, "partnership", "envol-sport-fictif").from, payer.id);

    let syndicate = read("syndicat-mixte_comite-syndical_2016-11-28.txt");
    assert_eq!(syndicate.decision.instance, "Comité syndical du Syndicat mixte du Bassin de la Fictive");
    let export = valid_fragment(std::slice::from_ref(&syndicate));
    let fee = link_of(&export, "membership", "rivieres-exemple");
    let payer = export.organizations.iter().find(|o| o.id == fee.from).expect("the payer");
    assert_eq!((payer.name.as_str(), payer.kind.as_str()), ("Syndicat mixte du Bassin de la Fictive", "public-body"));

    // The fragment's first organisation is the deliberating body, under the name it is proposed with.
    let body = |name: &str| valid_fragment(&[read(name)]).organizations.first().map(|o| o.name.clone());
    assert_eq!(body("region_commission-permanente_2014-04-10_une-ligne.txt").as_deref(), Some("Région Île-de-France"));
    assert_eq!(
        body("communaute-de-communes_2013-09-24_conseil.txt").as_deref(),
        Some("Communauté de communes Le Val Fictif")
    );
    assert_eq!(
        body("conseil-de-territoire_2018-06-26_une-ligne.txt").as_deref(),
        Some("Métropole Aix-Marseille-Provence"),
        "the conseil de territoire of the Métropole its header names"
    );
    let unnamed = read("comite-syndical_2012-12-18_titre-coupe.txt");
    assert!(
        unnamed.missing.iter().any(|m| m == "organisme qui délibère introuvable (payeur des montants)"),
        "a comité syndical whose syndicate is not named pays nothing: {:#?}",
        unnamed.missing
    );
}

#[test]
fn a_convention_links_those_it_is_signed_with_never_a_funder_named_in_the_title() {
    let d = read("ville_2012-06-25_2012-4127_convention-et-mecene.txt");
    let export = valid_fragment(std::slice::from_ref(&d));
    let partnerships: Vec<(&str, &str, usize)> = export
        .links
        .iter()
        .filter(|l| l.kind == "partnership")
        .map(|l| (l.from.as_str(), l.to.as_str(), l.parties.len()))
        .collect();
    assert_eq!(partnerships, [("commune-de-valfleuri", "musiques-en-rade", 0)], "{:#?}", export.links);
    assert!(!export
        .links
        .iter()
        .any(|l| l.to.contains("fondation") || l.parties.iter().any(|p| p.contains("fondation"))));
    assert_eq!(link_of(&export, "subsidy", "musiques-en-rade").amount, Some("15000".into()));
    let casino = read("ville_2011-09-19_2011-3814_titre-coupe.txt");
    let export = valid_fragment(std::slice::from_ref(&casino));
    assert!(
        !export.links.iter().any(|l| l.kind == "partnership"),
        "« PARTICIPATION FINANCIERE DU GRAND CASINO … APPROBATION DE CONVENTIONS » names no signatory: {:#?}",
        export.links
    );
}

#[test]
fn names_known_by_their_context_the_departement_alone_a_club_and_a_town_in_the_text() {
    let bureau = read("bureau_2019-10-24_ENV-004-6999-19-BM_departement-seul.txt");
    assert!(
        bureau.organizations.iter().any(|o| o.name == "Département des Bouches-du-Rhône"),
        "« Cofinancement du Département » in a deliberation of the Métropole: {:#?}",
        bureau.organizations
    );
    let pv = read("proces-verbal_2018-06-05_ville-dans-le-texte.txt");
    assert_eq!(pv.decision.instance, "Conseil municipal de Peyrenoire", "« dont Peyrenoire fait partie »");
    assert_eq!(pv.decision.members_present, Some(37));
    assert!(!pv.organizations.iter().any(|o| o.name.starts_with("Département")), "{:#?}", pv.organizations);
    assert!(
        pv.missing.iter().any(|m| m.starts_with("« Département » nommé seul")),
        "no département named by the text: said, never guessed: {:#?}",
        pv.missing
    );
    let club = read("deliberation_2020-01-28_2020-04_club-en-minuscules.txt");
    let names: Vec<&str> = club.organizations.iter().map(|o| o.name.as_str()).collect();
    assert!(names.contains(&"Valfleuri handball") && !names.contains(&"Valfleuri"), "{names:?}");
}
