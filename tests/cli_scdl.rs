//! `carte import-scdl` as a library call: SCDL « Subventions » (standard and wild files) and
//! « Délibérations » → exports that validate, bad rows reported by line, amounts exact to the cent.
//! The fixtures in `tests/fixtures/scdl/` are fictional (`*-fictif.csv`).

// Native tests (the browser build runs tests/browser.rs only): the size rules of clippy.toml
// guard the browser build, not these.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use std::collections::HashSet;

use carte_partenariats::cli::scdl::{import_scdl, ScdlImport, ScdlKind};
use carte_partenariats::core::format::{Export, Link, Organization};
use carte_partenariats::core::model::{Cents, Model};
use carte_partenariats::core::validate::validate;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/tests/fixtures/scdl/{name}")).unwrap()
}

fn default_dataset() -> Model {
    let text = std::fs::read_to_string(format!("{ROOT}/tests/fixtures/frozen-export.json")).unwrap();
    validate(&text).unwrap()
}

/// Imports and checks what every import must satisfy: progress heard, up to the whole length,
/// and an export that the validator accepts.
fn import(text: &str, against: Option<&Model>) -> ScdlImport {
    let mut heard = Vec::new();
    let imported = import_scdl(text, against, &mut |bytes| heard.push(bytes)).unwrap();
    assert!(!heard.is_empty(), "progress never called");
    assert_eq!(heard.last().copied(), Some(text.len() as u64), "progress should end at the whole length");
    assert!(heard.windows(2).all(|w| w[0] <= w[1]), "progress goes backwards: {heard:?}");
    let json = serde_json::to_string_pretty(&imported.export).unwrap();
    if let Err(problems) = validate(&json) {
        panic!("the export does not validate: {:#?}\n{json}", problems.list);
    }
    imported
}

fn org<'a>(export: &'a Export, id: &str) -> &'a Organization {
    export.organizations.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no organisation {id}"))
}

fn cents(link: &Link) -> Cents {
    Cents::parse_euros(link.amount.as_ref().and_then(|a| a.as_str()).unwrap()).unwrap()
}

fn links_to<'a>(export: &'a Export, to: &str) -> Vec<&'a Link> {
    export.links.iter().filter(|l| l.to == to).collect()
}

#[test]
fn standard_2x_file_becomes_subsidies_decisions_and_organisations() {
    let imported = import(&fixture("subventions-2x-fictif.csv"), None);
    assert_eq!(imported.kind, ScdlKind::Subsidies);
    assert_eq!(imported.rows_read, 6);
    assert!(imported.rejected.is_empty(), "{:?}", imported.rejected);
    let e = &imported.export;
    assert_eq!(e.schema, "carte-partenariats/1");
    assert!(e.title.contains("Subventions") && e.title.contains("Saint-Aurel-sur-Huveaune"), "{}", e.title);

    // The attribuant and beneficiaries are keyed by SIRET; the one without identifiers by its name.
    let commune = org(e, "siret-21130999000011");
    assert_eq!(commune.kind, "local-authority");
    assert_eq!(org(e, "siret-78300112200010").kind, "association", "an RNA number makes an association");
    assert_eq!(org(e, "siret-44100223300019").kind, "other");
    assert_eq!(org(e, "alliance-villes-emploi").kind, "other");
    assert_eq!(e.organizations.len(), 6, "the beneficiary of two rows is one organisation");

    assert_eq!(e.links.len(), 6);
    assert!(e.links.iter().all(|l| l.kind == "subsidy" && l.from == commune.id));
    let jardins = links_to(e, "siret-78300112200010");
    assert_eq!(jardins.len(), 2);
    assert_eq!(cents(jardins[0]), Cents(450_000));
    assert_eq!(cents(jardins[1]), Cents(180_075));
    assert_eq!(cents(links_to(e, "siret-44100223300019")[0]), Cents(1_200_050));
    let total: u64 = e.links.iter().map(|l| cents(l).0).sum();
    assert_eq!(total, 2_475_125);

    // One decision per reference, and one for the row without a reference (keyed by its date).
    assert_eq!(e.decisions.len(), 3);
    let d041 = e.decisions.iter().find(|d| d.reference.as_deref() == Some("DEL-2023-041")).unwrap();
    assert_eq!(d041.date, "2023-05-12");
    assert_eq!(d041.instance, "Commune de Saint-Aurel-sur-Huveaune");
    assert_eq!(e.links.iter().filter(|l| l.decision == d041.id).count(), 3);
    assert!(e.decisions.iter().any(|d| d.reference.is_none() && d.date == "2023-11-07"));

    // Year, purpose, nature and scheme, and the payment period.
    let first = jardins[0];
    assert_eq!(first.year, Some(2023));
    assert_eq!(first.purpose.as_deref(), Some("Animation des jardins partagés du quartier du Lavoir"));
    let title = first.title.as_deref().unwrap();
    assert!(title.contains("Contrat de ville") && title.contains("aide en numéraire"), "{title}");
    assert_eq!((first.start.as_deref(), first.end.as_deref()), (Some("2023-06-01"), Some("2023-12-31")));

    let ids: HashSet<&str> = e.links.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids.len(), e.links.len(), "link ids are unique");
}

#[test]
fn against_an_export_reuses_its_organisations() {
    let dataset = default_dataset();
    let imported = import(&fixture("subventions-2x-fictif.csv"), Some(&dataset));
    let e = &imported.export;
    let ave = org(e, "ave");
    assert_eq!(ave.name, "Alliance Villes Emploi");
    assert_eq!(ave.kind, "association", "the existing organisation is copied as it is");
    assert_eq!(ave.short_name.as_deref(), Some("AVE"));
    assert!(e.organizations.iter().all(|o| o.id != "alliance-villes-emploi"));
    assert_eq!(cents(links_to(e, "ave")[0]), Cents(95_000));
}

#[test]
fn wild_1_1_file_keeps_good_rows_and_reports_bad_ones_by_line() {
    let imported = import(&fixture("subventions-1-1-sauvage-fictif.csv"), None);
    assert_eq!(imported.kind, ScdlKind::Subsidies);
    // Ten data rows; the trailing row of bare separators is not one.
    assert_eq!(imported.rows_read, 10);

    let lines: Vec<usize> = imported.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![4, 5, 6, 7, 11], "{:#?}", imported.rejected);
    let message = |line: usize| imported.rejected.iter().find(|r| r.line == line).unwrap().message.to_lowercase();
    assert!(message(4).contains("montant") && message(4).contains("négatif"), "{}", message(4));
    assert!(message(5).contains("montant") && message(5).contains("abc"), "{}", message(5));
    assert!(message(6).contains("nombeneficiaire"), "{}", message(6));
    assert!(message(7).contains("dateconvention") && message(7).contains("31/02/2023"), "{}", message(7));
    assert!(message(11).contains("décimales"), "{}", message(11));

    let e = &imported.export;
    assert_eq!(e.links.len(), 5);
    // Decimal commas, spaces, no-break spaces, a grouping dot and a euro sign, all exact to the cent.
    let amounts: Vec<Cents> = e.links.iter().map(cents).collect();
    assert_eq!(amounts, vec![Cents(123_450), Cents(1_500_000), Cents(1_234_567), Cents(65_050), Cents(125_050)]);

    // The SIRET with spaces is recognised; the empty idBeneficiaire falls back to the RNA number,
    // and the later row naming the association without any identifier joins the same organisation.
    assert_eq!(org(e, "siret-21130888000015").kind, "local-authority");
    let moulin = org(e, "rna-w133004567");
    assert_eq!(moulin.kind, "association");
    assert_eq!(links_to(e, "rna-w133004567").len(), 2);
    assert_eq!(org(e, "siret-32100556600013").kind, "other");

    // French dates become ISO; one decision per reference.
    assert_eq!(e.decisions.len(), 2);
    let cm12 = e.decisions.iter().find(|d| d.reference.as_deref() == Some("CM-2023-12")).unwrap();
    assert_eq!(cm12.date, "2023-05-12");
    // The quoted objet spanning two lines is kept whole.
    let remparts = links_to(e, "siret-77400667700017");
    assert!(remparts[0].purpose.as_deref().unwrap().contains("sur deux saisons"));
}

#[test]
fn deliberations_become_decisions_and_mentions_of_known_organisations() {
    let dataset = default_dataset();
    let imported = import(&fixture("deliberations-fictif.csv"), Some(&dataset));
    assert_eq!(imported.kind, ScdlKind::Deliberations);
    assert_eq!(imported.rows_read, 5);
    assert_eq!(imported.rejected.len(), 1, "{:?}", imported.rejected);
    assert_eq!(imported.rejected[0].line, 5);
    assert!(imported.rejected[0].message.contains("DELIB_DATE"), "{}", imported.rejected[0].message);

    let e = &imported.export;
    assert!(e.title.contains("Délibérations"), "{}", e.title);
    assert_eq!(e.decisions.len(), 4);
    let d015 = e.decisions.iter().find(|d| d.reference.as_deref() == Some("DEL-2024-015")).unwrap();
    assert_eq!(d015.instance, "Commune de Saint-Aurel-sur-Huveaune");
    assert_eq!(d015.date, "2024-03-14");
    assert!(d015.title.contains("Alliance Villes Emploi"));
    assert_eq!(d015.source.url.as_deref(), Some("https://www.saint-aurel-fictif.fr/deliberations/DEL-2024-015.pdf"));
    let d016 = e.decisions.iter().find(|d| d.reference.as_deref() == Some("DEL-2024-016")).unwrap();
    assert_eq!(d016.date, "2024-03-14", "French date read");
    let d017 = e.decisions.iter().find(|d| d.reference.as_deref() == Some("DEL-2024-017")).unwrap();
    assert_eq!(d017.source.url, None, "only http(s) addresses are kept");

    // The one organisation named in DEL-2024-015: a mentioned link from the commune.
    let commune = "siret-21130999000011";
    assert_eq!(org(e, commune).kind, "local-authority");
    let to_ave = links_to(e, "ave");
    assert_eq!(to_ave.len(), 1);
    assert_eq!((to_ave[0].kind.as_str(), to_ave[0].from.as_str()), ("other", commune));
    assert_eq!(to_ave[0].basis.as_deref(), Some("mentioned"));
    assert_eq!(to_ave[0].decision, d015.id);

    // Two organisations named in DEL-2024-016: both listed, no link (who is bound to whom is unsaid).
    assert_eq!(org(e, "france-travail").name, "France Travail");
    assert_eq!(org(e, "ccimp").short_name.as_deref(), Some("CCIMP"));
    assert!(e.links.iter().all(|l| l.decision != d016.id));

    // "Pôle emploi Martigues" is that agency, not France Travail under its former name; its parent comes along.
    let martigues = links_to(e, "pole-emploi-martigues");
    assert_eq!(martigues.len(), 1);
    assert_eq!(org(e, "pole-emploi-martigues").parent.as_deref(), Some("france-travail"));
    assert_eq!(e.links.len(), 2);
}

#[test]
fn deliberations_without_against_are_decisions_only() {
    let imported = import(&fixture("deliberations-fictif.csv"), None);
    assert_eq!(imported.export.decisions.len(), 4);
    assert!(imported.export.links.is_empty());
    assert_eq!(imported.export.organizations.len(), 1);
}

#[test]
fn unrecognisable_or_empty_files_are_errors_in_french() {
    let mut progress = |_: u64| {};
    let unknown = import_scdl("nom,prénom,âge\nDupont,Jeanne,42\n", None, &mut progress).err().unwrap();
    assert!(unknown.contains("en-tête non reconnu"), "{unknown}");
    assert!(unknown.contains("prénom"), "the columns read are listed: {unknown}");

    let missing = import_scdl("nomAttribuant;montant\nCommune;12\n", None, &mut progress).err().unwrap();
    assert!(missing.contains("nomBeneficiaire"), "{missing}");

    for empty in ["", "\u{FEFF}", "\n\n", "   \r\n"] {
        let message = import_scdl(empty, None, &mut progress).err().unwrap();
        assert!(message.contains("vide"), "{empty:?}: {message}");
    }
}

#[test]
fn header_only_file_is_an_empty_but_valid_export() {
    let imported = import("nomAttribuant;nomBeneficiaire;montant;dateConvention\n", None);
    assert_eq!(imported.rows_read, 0);
    assert!(imported.export.links.is_empty());
}

#[test]
fn blank_lines_before_the_header_count_in_line_numbers() {
    let text =
        "\r\nnomAttribuant;nomBeneficiaire;montant;dateConvention\r\n\r\nCommune de Valbrune;Club de voile;12;2024\r\n\
                Commune de Valbrune;Club de voile;douze;2024\r\n";
    let imported = import(text, None);
    assert_eq!(imported.rows_read, 2);
    assert_eq!(imported.rejected.iter().map(|r| r.line).collect::<Vec<_>>(), vec![5]);
}

#[test]
fn tab_separated_file_with_grouped_thousands() {
    let text = "nomAttribuant\tnomBeneficiaire\tmontant\tdateConvention\n\
                Commune de Valbrune\tAtelier vélo solidaire\t1,500,000.25\t2024-01-31\n\
                Commune de Valbrune\tAtelier vélo solidaire\t1 500 000\t2024\n";
    let imported = import(text, None);
    assert!(imported.rejected.is_empty(), "{:?}", imported.rejected);
    let amounts: Vec<Cents> = imported.export.links.iter().map(cents).collect();
    assert_eq!(amounts, vec![Cents(150_000_025), Cents(150_000_000)]);
    assert_eq!(org(&imported.export, "atelier-velo-solidaire").kind, "other");
}

#[test]
fn rows_of_the_wrong_width_are_reported_not_shifted() {
    let text = "nomAttribuant,nomBeneficiaire,montant,dateConvention\n\
                Commune de Valbrune,Club de voile,1200,2024-02-01\n\
                Commune de Valbrune,Club de voile,1,200,2024-02-01\n";
    let imported = import(text, None);
    assert_eq!(imported.rejected.len(), 1);
    assert_eq!(imported.rejected[0].line, 3);
    assert!(imported.rejected[0].message.contains("colonnes"), "{}", imported.rejected[0].message);
    assert_eq!(imported.export.links.len(), 1);
}

#[test]
fn progress_is_heard_during_long_files() {
    let mut text = String::from("nomAttribuant;nomBeneficiaire;montant;dateConvention\n");
    for i in 0..2500 {
        text.push_str(&format!("Commune de Valbrune;Association n° {i};{i},05;15/03/2024\n"));
    }
    let mut heard = Vec::new();
    let imported = import_scdl(&text, None, &mut |b| heard.push(b)).unwrap();
    assert_eq!(imported.rows_read, 2500);
    assert!(heard.len() >= 3, "at least every 1000 rows: {heard:?}");
    assert!(heard[0] > 0 && heard[0] < text.len() as u64);
    let json = serde_json::to_string(&imported.export).unwrap();
    assert_eq!(validate(&json).map(|m| m.links.len()).ok(), Some(2500));
}

#[test]
fn names_written_another_way_join_the_reference_organisation() {
    // Capitals, accents, apostrophes ’ and ', hyphens, articles and plural marks aside, a name is
    // the one the reference export knows.
    let reference = validate(
        r#"{
          "schema": "carte-partenariats/1",
          "title": "Référence",
          "organizations": [
            { "id": "istres", "name": "Ville d'Istres", "kind": "local-authority" },
            { "id": "ccimp", "name": "Chambre de Commerce et d'Industrie Aix-Marseille-Provence", "kind": "chamber" },
            { "id": "ave", "name": "Alliance Villes Emploi", "kind": "association" }
          ],
          "decisions": [],
          "links": []
        }"#,
    )
    .unwrap();
    let imported = import(&fixture("subventions-noms-ecrits-autrement-fictif.csv"), Some(&reference));
    assert!(imported.rejected.is_empty(), "{:?}", imported.rejected);
    let e = &imported.export;
    assert!(e.links.iter().all(|l| l.from == "istres"), "{:#?}", e.links);
    assert_eq!(cents(links_to(e, "ccimp")[0]), Cents(150_000));
    // "L'Alliance des Villes pour l'Emploi" has a word more ("pour"): not the same name.
    assert!(links_to(e, "ave").is_empty());
    // New organisations get lowercase ASCII kebab-case ids, accents and ligatures written out.
    let ids: HashSet<&str> = e.organizations.iter().map(|o| o.id.as_str()).collect();
    assert!(ids.contains("societe-muller-pena"), "{ids:?}");
    assert!(ids.contains("strasse-verein-oeuvres"), "{ids:?}");
    let decisions: Vec<&str> = e.decisions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(decisions, ["del-2024-011", "del-2024-012"]);
}

#[test]
fn a_row_published_twice_is_imported_once_and_said_with_both_lines() {
    // The second row is the first as another export of the register writes it: capitals,
    // « Association » before the name, a decimal comma, a French date, the object in capitals.
    let text = "nomAttribuant;idAttribuant;nomBeneficiaire;rnaBeneficiaire;montant;dateConvention;objet\n\
                Commune de Valbrune;21130999000011;Les Amis du Lavoir;W133012345;1 200;2024-02-01;Fête de quartier\n\
                COMMUNE DE VALBRUNE;21130999000011;ASSOCIATION LES AMIS DU LAVOIR;W133012345;1200,00;01/02/2024;FÊTE DE QUARTIER\n\
                Commune de Valbrune;21130999000011;Les Amis du Lavoir;W133012345;1 200;2024-02-01;Vide-grenier\n";
    let imported = import(text, None);
    assert_eq!((imported.rows_read, imported.duplicates), (3, 1));
    assert!(imported.rejected.is_empty(), "{:?}", imported.rejected);
    assert_eq!(imported.notes.len(), 1, "{:?}", imported.notes);
    assert_eq!(imported.notes[0].line, 3);
    assert!(imported.notes[0].message.starts_with("même subvention que la ligne 2"), "{}", imported.notes[0].message);
    assert!(imported.notes[0].message.contains("1 200 €"), "{}", imported.notes[0].message);
    let e = &imported.export;
    assert_eq!(e.links.len(), 2, "the same amount for another object is another subsidy");
    // The identifiers the rows give are kept on the organisations.
    let ids = |id: &str| org(e, id).identifiers.clone().unwrap_or_default();
    assert_eq!(ids("siret-21130999000011").siret, ["21130999000011"]);
    assert_eq!(ids("rna-w133012345").rna.as_deref(), Some("W133012345"));
    assert_eq!(e.organizations.len(), 2);
}

#[test]
fn alike_names_in_one_file_are_said_with_both_names_and_kept_apart() {
    let text = "nomAttribuant;nomBeneficiaire;montant;dateConvention\n\
                Commune de Valbrune;Tremplin Emploi;500;2024-03-01\n\
                Commune de Valbrune;Tremplin Emploi Valbrune;700;2024-03-01\n\
                Commune de Valbrune;Tremplin Emploi Valbrune;900;2024-03-01\n";
    let imported = import(text, None);
    let e = &imported.export;
    assert_eq!(e.organizations.len(), 3);
    assert_eq!(imported.notes.len(), 1, "said once, not at every row: {:?}", imported.notes);
    assert_eq!(imported.notes[0].line, 3);
    assert!(
        imported.notes[0].message.starts_with(
            "rapprochement incertain : « Tremplin Emploi Valbrune » ressemble à « Tremplin Emploi » (tremplin-emploi"
        ),
        "{}",
        imported.notes[0].message
    );
}
