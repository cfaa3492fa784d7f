//! Inputs as authorities publish them, through the `carte` binary: a SCDL file saved in
//! Windows-1252, an export saved with a byte-order mark, deliberations as PDF (with a text layer,
//! scanned, or named as something else), what is not text at all; and the French of the tool
//! itself (clap's usage, errors and help, system errors, plurals, `--lang`).
//! The fixtures in tests/fixtures/inputs/ are fictional; `make.sh` there makes them again.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;
use std::process::{Command, Output};

use carte_partenariats::core::validate::validate;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const INPUTS: &str = "tests/fixtures/inputs";

fn carte(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carte")).args(args).current_dir(ROOT).output().expect("carte runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn input(name: &str) -> String {
    let path = format!("{INPUTS}/{name}");
    assert!(PathBuf::from(ROOT).join(&path).is_file(), "fixture {path} missing");
    path
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("carte-inputs-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir.join(name)
}

/// Runs `carte` and reads back the export it wrote, checked by the widget's validator.
fn exported(args: &[&str], out: &PathBuf) -> (Output, serde_json::Value) {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", out.to_str().expect("utf-8 path")]);
    let run = carte(&all);
    let text = std::fs::read_to_string(out).unwrap_or_else(|_| panic!("nothing written: {}", stderr(&run)));
    if let Err(problems) = validate(&text) {
        panic!("invalid export: {:#?}", problems.list);
    }
    (run, serde_json::from_str(&text).expect("JSON"))
}

// ───────────── Encodings and byte-order marks ─────────────

#[test]
fn a_windows_1252_scdl_file_is_converted_and_the_conversion_said() {
    let out = scratch("from-1252.json");
    let (run, export) = exported(&["import-scdl", &input("subventions-windows-1252-fictif.csv")], &out);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("subventions-windows-1252-fictif.csv : encodage Windows-1252 détecté, converti en UTF-8"),
        "{}",
        stderr(&run)
    );
    assert!(stderr(&run).contains("2 lignes lues, 2 importées, 0 rejetée"), "{}", stderr(&run));
    let names: Vec<&str> =
        export["organizations"].as_array().expect("orgs").iter().filter_map(|o| o["name"].as_str()).collect();
    assert!(names.contains(&"Association Œuvres Sociales de l’Étang"), "{names:?}");
    assert!(names.contains(&"Commune d’Éguilles-sur-Touloubre"), "{names:?}");
    let amounts: Vec<&str> =
        export["links"].as_array().expect("links").iter().filter_map(|l| l["amount"].as_str()).collect();
    assert_eq!(amounts, ["3500.00", "1200.50"]);
}

#[test]
fn an_export_with_a_byte_order_mark_is_read_by_every_command() {
    let bom = input("export-bom-fictif.json");
    let valid = carte(&["validate", &bom]);
    assert_eq!(valid.status.code(), Some(0), "{}{}", stdout(&valid), stderr(&valid));
    assert!(stdout(&valid).contains("export-bom-fictif.json : valide"), "{}", stdout(&valid));
    let stats = carte(&["stats", &bom]);
    assert_eq!(stats.status.code(), Some(0), "{}", stderr(&stats));
    assert!(stdout(&stats).starts_with("2 organisations, 1 décision, 2 liens"), "{}", stdout(&stats));
    let merged = carte(&["merge", &bom, "tests/fixtures/minimal.json"]);
    assert_eq!(merged.status.code(), Some(0), "{}", stderr(&merged));
    let into = scratch("into-bom.json");
    let (run, _) = exported(&["import-scdl", &input("subventions-windows-1252-fictif.csv"), "--into", &bom], &into);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let against = carte(&[
        "extract",
        "--against",
        &bom,
        "tests/fixtures/extract/2024-03-15_martigues_conseil-municipal_subvention-plie.txt",
    ]);
    assert_eq!(against.status.code(), Some(0), "{}", stderr(&against));
}

#[test]
fn a_text_in_utf16_is_read_too() {
    let text = std::fs::read_to_string(format!("{ROOT}/tests/fixtures/minimal.json")).expect("minimal");
    let bytes: Vec<u8> =
        "\u{feff}".chars().chain(text.chars()).collect::<String>().encode_utf16().flat_map(u16::to_le_bytes).collect();
    let path = scratch("utf16.json");
    std::fs::write(&path, bytes).expect("written");
    let run = carte(&["validate", path.to_str().expect("path")]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(stderr(&run).contains("utf16.json : encodage UTF-16LE détecté, converti en UTF-8"), "{}", stderr(&run));
}

// ───────────── PDF deliberations ─────────────

#[test]
fn a_pdf_deliberation_is_read_through_its_text_layer() {
    let out = scratch("from-pdf.json");
    let (run, export) = exported(&["extract", &input("deliberation-istres-fictif.pdf")], &out);
    println!("{}", stderr(&run));
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let decision = &export["decisions"][0];
    assert_eq!(decision["reference"], "2024-087");
    assert_eq!(decision["date"], "2024-02-16", "« Séance du vendredi seize février deux mille vingt-quatre »");
    assert_eq!(decision["instance"], "Conseil municipal d'Istres");
    assert_eq!(decision["members_present"], 31);
    let orgs: Vec<&str> =
        export["organizations"].as_array().expect("orgs").iter().filter_map(|o| o["name"].as_str()).collect();
    assert!(orgs.contains(&"Commune d'Istres"), "{orgs:?}");
    assert!(orgs.contains(&"Passerelles Emploi Istres"), "the name cut by the line end is whole: {orgs:?}");
    let subsidy =
        export["links"].as_array().expect("links").iter().find(|l| l["kind"] == "subsidy").expect("a subsidy");
    assert_eq!(subsidy["amount"], "1200", "« 1.200 euros »");
    assert_eq!(subsidy["from"], "commune-d-istres");
    // Lines cut by the page width are joined again: the title and the quote are whole.
    assert_eq!(
        decision["title"],
        "Participation de la Commune au PLIE Ouest Provence et subvention à l'association Passerelles Emploi Istres \
         pour l'année 2024"
    );
    assert_eq!(
        subsidy["quote"],
        "ARTICLE 2 : D'attribuer une subvention de 1.200 euros à l'association Passerelles Emploi Istres pour l'année \
         2024."
    );
}

#[test]
fn the_text_layer_is_mended_as_poppler_reads_it() {
    let bytes = std::fs::read(format!("{ROOT}/{}", input("deliberation-istres-fictif.pdf"))).expect("pdf");
    let text = carte_partenariats::cli::pdf::pdf_text(&bytes).expect("a text layer");
    // poppler's reading of the same file, kept beside it: every word of it is in ours.
    let poppler = std::fs::read_to_string(format!("{ROOT}/{}", input("deliberation-istres-fictif.pdftotext.txt")))
        .expect("pdftotext output");
    for word in poppler.split_whitespace().filter(|w| !w.ends_with('-') && *w != "pagnement") {
        assert!(text.contains(word), "« {word} » lost");
    }
    // "l'accom-" / "pagnement" at a line's end is one word again; "vingt-quatre" keeps its hyphen.
    assert!(text.contains("pour l'accompagnement de quarante jeunes"), "{text}");
    assert!(text.contains("deux mille vingt-quatre"), "{text}");
    // One paragraph is one line; the header's lines stay apart.
    assert!(text.contains("\nSéance du vendredi seize février deux mille vingt-quatre\n"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("Le Plan Local") && l.ends_with("partenaires de l'emploi.")), "{text}");
}

#[test]
fn a_pdf_without_text_says_it_needs_ocr() {
    let run = carte(&["extract", &input("scan-sans-texte-fictif.pdf")]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("ce PDF n'a pas de couche texte"), "{}", stderr(&run));
    assert!(stderr(&run).contains("(OCR)"), "{}", stderr(&run));
    assert!(stdout(&run).is_empty(), "nothing written");
}

#[test]
fn a_pdf_is_told_by_its_content_not_its_name() {
    // All ASCII inside: a reader that guesses by bytes would take it for a text and find nothing.
    let ascii = carte(&["extract", &input("deliberation-ascii-fictif.pdf")]);
    assert_eq!(ascii.status.code(), Some(0), "{}", stderr(&ascii));
    let export: serde_json::Value = serde_json::from_str(&stdout(&ascii)).expect("JSON");
    assert_eq!(export["decisions"][0]["date"], "2024-02-16");
    assert_eq!(export["links"][0]["amount"], "2500");
    // A PDF saved under a text's name is still a PDF.
    let renamed = scratch("deliberation.txt");
    std::fs::copy(format!("{ROOT}/{}", input("deliberation-istres-fictif.pdf")), &renamed).expect("copied");
    let run = carte(&["extract", renamed.to_str().expect("path")]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(stdout(&run).contains("\"2024-087\""), "{}", stdout(&run));
    // And a PDF is no export.
    let validate = carte(&["validate", &input("deliberation-istres-fictif.pdf")]);
    assert_eq!(validate.status.code(), Some(1));
    assert!(stderr(&validate).contains("c'est un PDF : seule « carte extract » lit des délibérations en PDF"));
}

#[test]
fn a_portal_page_saved_from_a_browser_gives_each_deliberation() {
    let run = carte(&["extract", &input("portail-page-fictif.html")]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let export: serde_json::Value = serde_json::from_str(&stdout(&run)).expect("JSON");
    let references: Vec<&str> =
        export["decisions"].as_array().expect("decisions").iter().filter_map(|d| d["reference"].as_str()).collect();
    assert_eq!(references, ["EMP 012-6871/19/BM", "ENV 004-6902/19/BM"]);
    let amounts: Vec<(&str, &str)> = export["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|l| Some((l["kind"].as_str()?, l["amount"].as_str()?)))
        .collect();
    assert_eq!(amounts, [("subsidy", "25000"), ("membership", "7850")]);
    // A web page is no export.
    let validate = carte(&["validate", &input("portail-page-fictif.html")]);
    assert_eq!(validate.status.code(), Some(1));
    assert!(stderr(&validate).contains("c'est une page web (HTML)"), "{}", stderr(&validate));
}

#[test]
fn a_damaged_pdf_or_a_workbook_is_refused_in_french() {
    let damaged = scratch("tronque.pdf");
    let bytes = std::fs::read(format!("{ROOT}/{}", input("deliberation-istres-fictif.pdf"))).expect("pdf");
    std::fs::write(&damaged, &bytes[..bytes.len() / 3]).expect("written");
    let run = carte(&["extract", damaged.to_str().expect("path")]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).starts_with("carte : « "), "{}", stderr(&run));
    assert!(stderr(&run).contains("PDF illisible") || stderr(&run).contains("couche texte"), "{}", stderr(&run));

    // A file on which the PDF parser itself panics: caught, said, status 1.
    let run = carte(&["extract", &input("pdf-endommage-fictif.pdf")]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(
        stderr(&run),
        "carte : « tests/fixtures/inputs/pdf-endommage-fictif.pdf » : PDF illisible, peut-être tronqué ou endommagé : \
         téléchargez-le à nouveau ou demandez-en une copie\n"
    );

    let workbook = scratch("subventions.xlsx");
    std::fs::write(&workbook, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00").expect("written");
    let run = carte(&["import-scdl", workbook.to_str().expect("path")]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("enregistrez la feuille en CSV"), "{}", stderr(&run));
}

// ───────────── French throughout ─────────────

#[test]
fn clap_speaks_french_and_english_on_request() {
    let help = carte(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    for expected in
        ["Utilisation : carte [OPTIONS] <COMMANDE>", "Commandes :", "Options :", "Affiche cette aide", "Exemples :"]
    {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    assert!(!text.contains("Usage:") && !text.contains("Print help") && !text.contains("[default"), "{text}");
    let sub = stdout(&carte(&["extract", "--help"]));
    assert!(sub.contains("Arguments :") && sub.contains("<FICHIER>..."), "{sub}");

    let missing = carte(&["validate"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        stderr(&missing),
        "carte : argument obligatoire manquant : <FICHIER>...\n\nUtilisation : carte validate <FICHIER>...\n\nPour en savoir plus : « carte validate --help »\n"
    );
    let typo = carte(&["valider", "x.json"]);
    assert!(stderr(&typo).contains("commande inconnue « valider »"), "{}", stderr(&typo));

    let english = carte(&["--lang", "en", "--help"]);
    assert!(
        stdout(&english).contains("Usage: carte") && stdout(&english).contains("Print help"),
        "{}",
        stdout(&english)
    );
    let english_error = carte(&["validate", "--lang", "en"]);
    assert!(stderr(&english_error).contains("error: the following required arguments"), "{}", stderr(&english_error));
}

#[test]
fn an_unknown_language_is_refused() {
    let run = carte(&["validate", "--lang", "de", "tests/fixtures/minimal.json"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("valeur « de » refusée pour --lang <LANGUE> ; valeurs possibles : fr, en"),
        "{}",
        stderr(&run)
    );
    assert!(stdout(&run).is_empty(), "nothing validated in a silent French");
}

#[test]
fn system_errors_are_said_in_french() {
    let missing = carte(&["validate", "tests/fixtures/absent.json"]);
    assert_eq!(missing.status.code(), Some(3));
    assert_eq!(
        stderr(&missing),
        "carte : impossible de lire « tests/fixtures/absent.json » : fichier ou dossier introuvable\n"
    );
    let folder = carte(&["stats", "tests/fixtures"]);
    assert_eq!(folder.status.code(), Some(3));
    assert!(stderr(&folder).contains("c'est un dossier, pas un fichier"), "{}", stderr(&folder));
    let nowhere = carte(&[
        "merge",
        "tests/fixtures/minimal.json",
        "tests/fixtures/minimal.json",
        "-o",
        "/nonexistent-dir/out.json",
    ]);
    assert_eq!(nowhere.status.code(), Some(4));
    assert!(stderr(&nowhere).contains("fichier ou dossier introuvable"), "{}", stderr(&nowhere));
    for run in [&missing, &folder, &nowhere] {
        assert!(!stderr(run).contains("os error") && !stderr(run).contains("No such file"), "{}", stderr(run));
    }
}

#[test]
fn counts_agree_with_their_nouns() {
    let one = carte(&["stats", "tests/fixtures/minimal.json"]);
    assert!(stdout(&one).starts_with("2 organisations, 1 décision, 2 liens"), "{}", stdout(&one));
    let invalid = scratch("one-problem.json");
    let text = std::fs::read_to_string(format!("{ROOT}/tests/fixtures/minimal.json")).expect("minimal");
    std::fs::write(
        &invalid,
        text.replace(
            "\"to\": \"asso\", \"decision\": \"d1\", \"amount\"",
            "\"to\": \"nobody\", \"decision\": \"d1\", \"amount\"",
        ),
    )
    .expect("written");
    let run = carte(&["validate", invalid.to_str().expect("path")]);
    assert!(stdout(&run).contains("one-problem.json : 1 problème\n"), "{}", stdout(&run));
    let stats = carte(&["stats", invalid.to_str().expect("path")]);
    assert!(stderr(&stats).contains("n'est pas un export valide (1 problème)"), "{}", stderr(&stats));
}

// ───────────── Amounts in SCDL files ─────────────

#[test]
fn scdl_amounts_group_by_three_and_french_thousands_are_read() {
    let csv = scratch("montants.csv");
    std::fs::write(
        &csv,
        "nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;objet;montant;nature
Commune de Test;21130999000011;2024-02-16;DEL-2024-001;Association Alpha;78300112200010;Objet A;15.000;aide en numéraire
Commune de Test;21130999000011;2024-02-16;DEL-2024-001;Association Beta;78300112200028;Objet B;1 50;aide en numéraire
Commune de Test;21130999000011;2024-02-16;DEL-2024-001;Association Gamma;78300112200036;Objet C;12 34,56;aide en numéraire
Commune de Test;21130999000011;2024-02-16;DEL-2024-001;Association Delta;78300112200044;Objet D;1.620,69 €;aide en numéraire
",
    )
    .expect("written");
    let out = scratch("montants.json");
    let run = carte(&["import-scdl", csv.to_str().expect("path"), "-o", out.to_str().expect("path")]);
    assert_eq!(run.status.code(), Some(1), "rejected rows: status 1\n{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("montants.csv, ligne 3 : montant : « 1 50 » : les chiffres se groupent par trois"), "{err}");
    assert!(
        err.contains("montants.csv, ligne 4 : montant : « 12 34,56 » : les chiffres se groupent par trois"),
        "{err}"
    );
    let export: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    let amounts: Vec<&str> =
        export["links"].as_array().expect("links").iter().filter_map(|l| l["amount"].as_str()).collect();
    assert_eq!(amounts, ["15000.00", "1620.69"], "« 15.000 » is fifteen thousand euros, « 1 50 » nothing");
}

#[test]
fn shipped_sources_printed_to_pdf_read_as_their_texts() {
    use carte_partenariats::cli::extract::{extract_text, fragment};
    let model =
        validate(&std::fs::read_to_string(format!("{ROOT}/tests/fixtures/frozen-export.json")).expect("export"))
            .expect("valid");
    for name in
        ["2023-12-07_bureau_CHL-059-15101-23-BM_adhesion-AVE", "2021-04-15_bureau_CHL-012-9751-21-BM_subvention-CCIMP"]
    {
        let text = std::fs::read_to_string(format!("{ROOT}/assets/sources/{name}.txt")).expect("source");
        let pdf = std::fs::read(format!("{ROOT}/{}", input(&format!("source-{name}.pdf")))).expect("pdf");
        let layer = carte_partenariats::cli::pdf::pdf_text(&pdf).expect("a text layer");
        let from_text = extract_text(&format!("{name}.txt"), &text, Some(&model));
        let from_pdf = extract_text(&format!("{name}.pdf"), &layer, Some(&model));
        let (a, b) = (&from_text.decision, &from_pdf.decision);
        assert_eq!(
            (&a.reference, &a.instance, &a.date, &a.signed, &a.members_present, &a.title, &a.signatory, &a.rapporteur),
            (&b.reference, &b.instance, &b.date, &b.signed, &b.members_present, &b.title, &b.signatory, &b.rapporteur),
            "{name}"
        );
        assert_eq!(from_text.budget, from_pdf.budget, "{name}");
        assert_eq!(from_text.conventions, from_pdf.conventions, "{name}");
        let links = |d: &carte_partenariats::cli::extract::DocumentExtraction| {
            let export = fragment(std::slice::from_ref(d), Some(&model));
            let mut l: Vec<_> = export
                .links
                .iter()
                .map(|l| (l.kind.clone(), l.from.clone(), l.to.clone(), l.amount.clone(), l.year))
                .collect();
            l.sort_by(|x, y| format!("{x:?}").cmp(&format!("{y:?}")));
            l
        };
        let expected = links(&from_text);
        assert!(!expected.is_empty(), "{name}: the text gives links");
        assert_eq!(expected, links(&from_pdf), "{name}");
    }
}
