//! One act is one link, however many documents record it: the cases of "Money counted twice"
//! (issue 14), run through the `carte` binary as a user runs it. Fixtures: the shipped source
//! texts (`assets/sources/`, frozen by their checksums) and fictional files in
//! `tests/fixtures/identity/` written as registers publish them (capitals, « Association » before
//! the name, typographic apostrophes, a row published twice).

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const FROZEN: &str = "tests/fixtures/frozen-export.json";
const AVE: &str = "assets/sources/2023-12-07_bureau_CHL-059-15101-23-BM_adhesion-AVE.txt";
const CCIMP: &str = "assets/sources/2021-04-15_bureau_CHL-012-9751-21-BM_subvention-CCIMP.txt";
const CCIMP_ROW: &str = "tests/fixtures/identity/subventions-ccimp-deja-connue-fictif.csv";
const REGISTER_NAMES: &str = "tests/fixtures/identity/subventions-noms-de-registre-fictif.csv";
const MARTIGUES: &str = "tests/fixtures/identity/martigues-2024-087-fictif.json";
const ISTRES: &str = "tests/fixtures/identity/2024-04-04_istres_conseil-municipal_2024-087-fictif.txt";

fn carte(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carte")).args(args).current_dir(ROOT).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("carte-identity-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_str().unwrap().to_string()
}

fn read(path: &str) -> String {
    let path = if path.starts_with('/') { PathBuf::from(path) } else { PathBuf::from(ROOT).join(path) };
    std::fs::read_to_string(path).unwrap()
}

fn json(path: &str) -> Value {
    serde_json::from_str(&read(path)).unwrap()
}

/// Runs a command that must succeed and write `out`.
fn ok(args: &[&str]) -> Output {
    let o = carte(args);
    assert_eq!(o.status.code(), Some(0), "carte {args:?}\n{}", stderr(&o));
    o
}

/// `carte stats --json`: counts and money by kind and year, what users read totals from (how many
/// links several documents record aside).
fn stats(path: &str) -> Value {
    let mut s = full_stats(path);
    s.as_object_mut().unwrap().remove("links_with_several_sources");
    s
}

fn full_stats(path: &str) -> Value {
    let o = carte(&["stats", "--json", path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn money(stats: &Value, kind: &str) -> String {
    let kinds = stats["links_by_kind"].as_array().unwrap();
    kinds.iter().find(|k| k["kind"] == kind).map(|k| k["amount"].as_str().unwrap().to_string()).unwrap_or_default()
}

fn link<'a>(export: &'a Value, id: &str) -> &'a Value {
    export["links"].as_array().unwrap().iter().find(|l| l["id"] == id).unwrap_or_else(|| panic!("no link {id}"))
}

fn ids(export: &Value, collection: &str) -> Vec<String> {
    export[collection].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_deliberation_already_in_the_export_adds_no_second_link() {
    let once = scratch("ave-once.json");
    let o = ok(&["extract", "--into", FROZEN, AVE, "-o", &once]);
    assert!(stderr(&o).contains("0 lien nouveau, 1 acte déjà connu"), "{}", stderr(&o));
    let before = stats(FROZEN);
    let after = stats(&once);
    assert_eq!(after, before, "the AVE fees stay 14 205 €, not 28 410 €");
    assert_eq!(money(&after, "membership"), "14205.00");
    assert!(!ids(&json(&once), "links").iter().any(|id| id.contains("metropole-amp-ave")));

    let twice = scratch("ave-twice.json");
    ok(&["extract", "--into", &once, AVE, "-o", &twice]);
    assert_eq!(read(&twice), read(&once), "the same input twice changes nothing");
}

#[test]
fn a_fragment_against_an_export_names_known_acts_by_their_ids() {
    let fragment = scratch("ave-fragment.json");
    ok(&["extract", "--against", FROZEN, AVE, "-o", &fragment]);
    let f = json(&fragment);
    assert_eq!(ids(&f, "links"), ["metropole-ave-cotisation-2024"]);
    assert_eq!(ids(&f, "decisions"), ["chl-059-15101-23-bm"]);
    let again = scratch("ave-fragment-again.json");
    ok(&["extract", "--against", FROZEN, AVE, "-o", &again]);
    assert_eq!(read(&again), read(&fragment));

    let merged = scratch("ave-merged.json");
    ok(&["merge", FROZEN, &fragment, "-o", &merged]);
    assert_eq!(stats(&merged), stats(FROZEN));
    let remerged = scratch("ave-remerged.json");
    ok(&["merge", &merged, &fragment, "-o", &remerged]);
    assert_eq!(read(&remerged), read(&merged), "merging twice changes nothing");
}

#[test]
fn a_scdl_row_of_a_known_subsidy_adds_its_source_not_a_second_link() {
    let once = scratch("ccimp-once.json");
    let o = ok(&["import-scdl", CCIMP_ROW, "--into", FROZEN, "-o", &once]);
    let said = stderr(&o);
    assert_eq!(stats(&once), stats(FROZEN), "no organisation, no link, no euro more on the CCIMP");
    assert_eq!(full_stats(&once)["links_with_several_sources"], 1);
    let text = carte(&["stats", &once]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.starts_with(
            "14 organisations, 10 décisions, 14 liens (dont 1 attesté par plusieurs documents, compté une fois)"
        ),
        "{text}"
    );
    let export = json(&once);
    let subsidy = link(&export, "metropole-ccimp-subvention-2021");
    assert_eq!(subsidy["sources"][0]["document"], "Données SCDL « Subventions » de MÉTROPOLE AIX-MARSEILLE-PROVENCE");
    assert_eq!(subsidy["sources"].as_array().unwrap().len(), 1, "the row published twice is one record: {subsidy}");
    let metropole = &export["organizations"][0];
    assert_eq!(metropole["id"], "metropole-amp");
    assert_eq!(metropole["identifiers"]["siret"][0], "20005480700017", "the SIRET written with spaces, kept bare");

    // The row published twice: said with both line numbers, imported once.
    assert!(said.contains("ligne 3 : même subvention que la ligne 2"), "{said}");
    assert!(said.contains("2 lignes lues, 1 importée, 1 en double (importée une fois), 0 rejetée"), "{said}");
    assert!(said.contains("50 000 €"), "{said}");

    let twice = scratch("ccimp-twice.json");
    ok(&["import-scdl", CCIMP_ROW, "--into", &once, "-o", &twice]);
    assert_eq!(read(&twice), read(&once), "the same file twice changes nothing");

    // In steps: the fragment names the known act by its id, and merging it gives the same export.
    let fragment = scratch("ccimp-fragment.json");
    ok(&["import-scdl", CCIMP_ROW, "--against", FROZEN, "-o", &fragment]);
    assert_eq!(ids(&json(&fragment), "links"), ["metropole-ccimp-subvention-2021"]);
    let merged = scratch("ccimp-merged.json");
    ok(&["merge", FROZEN, &fragment, "-o", &merged]);
    assert_eq!(read(&merged), read(&once));
}

#[test]
fn names_as_registers_write_them_join_known_organisations_and_alike_ones_are_said() {
    let out = scratch("register-names.json");
    let o = ok(&["import-scdl", REGISTER_NAMES, "--into", FROZEN, "-o", &out]);
    let said = stderr(&o);
    let export = json(&out);
    // « ASSOCIATION ALLIANCE VILLES EMPLOI » is AVE: its link goes to `ave`, its RNA number is kept.
    let to_ave: Vec<&Value> =
        export["links"].as_array().unwrap().iter().filter(|l| l["to"] == "ave" && l["kind"] == "subsidy").collect();
    assert_eq!(to_ave.len(), 1, "the row published twice (line 4, written otherwise) is one subsidy");
    let ave = export["organizations"].as_array().unwrap().iter().find(|o| o["id"] == "ave").unwrap();
    assert_eq!(ave["identifiers"]["rna"], "W751234567");
    assert!(said.contains("ligne 4 : même subvention que la ligne 2"), "{said}");
    // « CI HUB » is only alike « CI'Hub Bouches-du-Rhône »: said with both names, kept apart.
    assert!(
        said.contains(
            "ligne 3 : rapprochement incertain : « CI HUB » ressemble à « CI'Hub Bouches-du-Rhône » (ci-hub-13"
        ),
        "{said}"
    );
    assert_eq!(said.matches("rapprochement incertain").count(), 1, "said once: {said}");
    assert!(ids(&export, "organizations").contains(&"ci-hub".to_string()));
    assert_eq!(stats(&out)["organizations"], 15);
}

#[test]
fn istres_2024_087_is_not_martigues_2024_087() {
    let out = scratch("istres.json");
    let o = ok(&["extract", "--into", MARTIGUES, ISTRES, "-o", &out]);
    assert!(
        stderr(&o).contains("décision « 2024-087 » de « 2024-04-04_istres_conseil-municipal_2024-087-fictif.txt » (Conseil municipal d'Istres) : l'identifiant est déjà celui d'une autre décision (Conseil municipal de Martigues) ; renommée « 2024-087-istres »"),
        "{}",
        stderr(&o)
    );
    let export = json(&out);
    assert_eq!(ids(&export, "decisions"), ["2024-087", "2024-087-istres"]);
    // Same number, beneficiary, amount and year: still two acts, for they are two decisions.
    let subsidies: Vec<(&str, &str)> = export["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["from"].as_str().unwrap(), l["decision"].as_str().unwrap()))
        .collect();
    assert_eq!(subsidies, [("martigues", "2024-087"), ("commune-d-istres", "2024-087-istres")]);
    assert_eq!(money(&stats(&out), "subsidy"), "6000.00");

    let twice = scratch("istres-twice.json");
    ok(&["extract", "--into", &out, ISTRES, "-o", &twice]);
    assert_eq!(read(&twice), read(&out));

    let fragment = scratch("istres-fragment.json");
    ok(&["extract", "--against", MARTIGUES, ISTRES, "-o", &fragment]);
    assert_eq!(ids(&json(&fragment), "decisions"), ["2024-087-istres"], "a fragment never reuses another act's id");
}

/// The default export without the CCIMP's 2021 deliberation and its links, to feed it back.
fn frozen_without_ccimp_decision() -> String {
    let mut export = json(FROZEN);
    let gone = "chl-012-9751-21-bm";
    export["decisions"].as_array_mut().unwrap().retain(|d| d["id"] != gone);
    export["links"].as_array_mut().unwrap().retain(|l| l["decision"] != gone);
    export["story"].as_array_mut().unwrap().iter_mut().for_each(|step| {
        if let Some(links) = step.get_mut("links").and_then(Value::as_array_mut) {
            links.retain(|l| !l.as_str().unwrap().starts_with("metropole-ccimp"));
        }
    });
    let path = scratch("without-ccimp.json");
    std::fs::write(&path, serde_json::to_string_pretty(&export).unwrap()).unwrap();
    assert_eq!(carte(&["validate", &path]).status.code(), Some(0), "the base is a valid export");
    path
}

#[test]
fn the_same_act_from_a_deliberation_and_a_scdl_row_is_counted_once_in_either_order() {
    let base = frozen_without_ccimp_decision();
    let (deliberation_first, row_then) = (scratch("delib-first.json"), scratch("row-then.json"));
    ok(&["extract", "--into", &base, CCIMP, "-o", &deliberation_first]);
    let s = stats(&deliberation_first);
    assert_eq!(money(&s, "subsidy"), "50000.00");
    ok(&["import-scdl", CCIMP_ROW, "--into", &deliberation_first, "-o", &row_then]);
    assert_eq!(stats(&row_then), s, "the row adds no link and no euro");

    let (row_first, deliberation_then) = (scratch("row-first.json"), scratch("delib-then.json"));
    ok(&["import-scdl", CCIMP_ROW, "--into", &base, "-o", &row_first]);
    let s = stats(&row_first);
    assert_eq!(money(&s, "subsidy"), "50000.00");
    let o = ok(&["extract", "--into", &row_first, CCIMP, "-o", &deliberation_then]);
    assert_eq!(money(&stats(&deliberation_then), "subsidy"), "50000.00", "{}", stderr(&o));
    let export = json(&deliberation_then);
    let subsidies: Vec<&Value> =
        export["links"].as_array().unwrap().iter().filter(|l| l["kind"] == "subsidy").collect();
    assert_eq!(subsidies.len(), 1);
    let sources = subsidies[0]["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert_eq!(sources[0]["document"], "2021-04-15_bureau_CHL-012-9751-21-BM_subvention-CCIMP.txt");
}
