//! The `carte` binary as a user runs it: messages, exit statuses, outputs.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn carte(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carte")).args(args).current_dir(ROOT).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("carte-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn validate_says_valid_or_lists_every_problem_with_status_1() {
    let ok = carte(&["validate", "tests/fixtures/frozen-export.json"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("frozen-export.json : valide"));

    let bad = carte(&["validate", "tests/fixtures/minimal.json", "tests/fixtures/invalid-fields.json"]);
    assert_eq!(bad.status.code(), Some(1));
    let out = stdout(&bad);
    assert!(out.contains("minimal.json : valide"), "{out}");
    assert!(out.contains("invalid-fields.json : 9 problèmes"), "{out}");
    assert!(out.contains("$.links[0].to : organisation inconnue « inconnue »"), "{out}");

    let english = carte(&["validate", "--lang", "en", "tests/fixtures/invalid-syntax.json"]);
    assert!(
        stdout(&english).contains("line 5, column 54") || stdout(&english).contains("ligne 5, colonne 54"),
        "{}",
        stdout(&english)
    );
    assert!(stdout(&english).contains("invalid JSON: trailing comma"), "{}", stdout(&english));
}

#[test]
fn validate_json_is_for_machines() {
    let out = carte(&["validate", "--json", "tests/fixtures/invalid-syntax.json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report[0]["valid"], false);
    assert_eq!(report[0]["problems"][0]["line"], 5);
    assert_eq!(report[0]["problems"][0]["column"], 54);
}

#[test]
fn failures_have_distinct_statuses() {
    let missing = carte(&["validate", "tests/fixtures/absent.json"]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(stderr(&missing).contains("impossible de lire « tests/fixtures/absent.json »"));
    let usage = carte(&["validate"]);
    assert_eq!(usage.status.code(), Some(2));
    let unwritable = carte(&[
        "merge",
        "tests/fixtures/minimal.json",
        "tests/fixtures/minimal.json",
        "-o",
        "/nonexistent-dir/out.json",
    ]);
    assert_eq!(unwritable.status.code(), Some(4), "{}", stderr(&unwritable));
    let help = carte(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("Exemples :"));
}

#[test]
fn merge_unites_by_id_and_reports_conflicts_without_overwriting() {
    let base = std::fs::read_to_string(format!("{ROOT}/tests/fixtures/minimal.json")).unwrap();
    let other = base
        .replace("\"Association Témoin\"", "\"Association Témoin (renommée)\"")
        .replace("\"conv-2024\"", "\"conv-2025\"");
    let other_path = scratch("other.json");
    std::fs::write(&other_path, other).unwrap();
    let out_path = scratch("merged.json");
    let merged = carte(&[
        "merge",
        "tests/fixtures/minimal.json",
        other_path.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(merged.status.code(), Some(1), "a conflict is reported with status 1");
    assert!(
        stderr(&merged).contains("organizations « asso » : « other.json » diffère de « minimal.json »"),
        "{}",
        stderr(&merged)
    );
    let text = std::fs::read_to_string(&out_path).unwrap();
    let export: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(export["organizations"].as_array().unwrap().len(), 2);
    assert_eq!(export["organizations"][1]["name"], "Association Témoin", "the first version is kept");
    // conv-2025 is conv-2024 under another id: one act, one link.
    let links: Vec<&str> = export["links"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(links, ["sub-2024", "conv-2024"]);
    assert!(stderr(&merged).contains("« other.json » : 0 lien nouveau, 2 actes déjà connus"), "{}", stderr(&merged));
    assert_eq!(carte(&["validate", out_path.to_str().unwrap()]).status.code(), Some(0));
}

#[test]
fn a_failed_command_leaves_an_existing_output_untouched() {
    let out_path = scratch("kept.json");
    std::fs::write(&out_path, "previous content").unwrap();
    let failed = carte(&[
        "merge",
        "tests/fixtures/minimal.json",
        "tests/fixtures/absent.json",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(failed.status.code(), Some(3));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "previous content");
}

#[test]
fn stats_counts_totals_and_most_connected() {
    let out = carte(&["stats", "tests/fixtures/frozen-export.json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("14 organisations, 10 décisions, 14 liens"), "{text}");
    assert!(text.contains("subvention"), "{text}");
    assert!(text.contains("2024  14 205 €"), "{text}");
    assert!(text.contains("Métropole Aix-Marseille-Provence"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&carte(&["stats", "--json", "tests/fixtures/frozen-export.json"]))).unwrap();
    assert_eq!(json["links"], 14);
    assert_eq!(json["most_connected"][0]["name"], "Métropole Aix-Marseille-Provence");
}

#[test]
fn one_command_turns_a_deliberation_or_a_scdl_file_into_an_updated_export() {
    let updated = scratch("updated-from-portal.json");
    let out = carte(&[
        "extract",
        "--into",
        "tests/fixtures/frozen-export.json",
        "tests/fixtures/extract/portail_2023-12-07_CHL-061-15103-23-BM.txt",
        "-o",
        updated.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&updated).unwrap();
    let model = carte_partenariats::core::validate::validate(&text).unwrap();
    assert_eq!(model.organizations.len(), 15, "the 14 of the default dataset and the new beneficiary");
    assert!(model.decisions.iter().any(|d| d.reference.as_deref() == Some("CHL-061-15103/23/BM")));
    assert!(model.links.iter().any(|l| l.amount.map(|a| a.0) == Some(2_000_000)), "the 20 000 € subsidy");

    let from_scdl = scratch("updated-from-scdl.json");
    let out = carte(&[
        "import-scdl",
        "tests/fixtures/scdl/subventions-2x-fictif.csv",
        "--into",
        "tests/fixtures/frozen-export.json",
        "-o",
        from_scdl.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("6 lignes lues, 6 importées, 0 rejetée"), "{}", stderr(&out));
    let model = carte_partenariats::core::validate::validate(&std::fs::read_to_string(&from_scdl).unwrap()).unwrap();
    assert!(model.organizations.iter().any(|o| o.name == "Association Les Jardins du Lavoir"));
    assert!(model.org_by_id("ave").is_some(), "the existing export is kept whole");
}

#[test]
fn page_writes_the_static_view_into_the_page_once_and_a_fragment() {
    let page = scratch("page.html");
    std::fs::write(&page, "<!doctype html><body><div id=carte-root class=carte-stack></div></body>").unwrap();
    let fragment = scratch("carte-static.html");
    let out = carte(&[
        "page",
        "tests/fixtures/frozen-export.json",
        "--into",
        page.to_str().unwrap(),
        "--fragment",
        fragment.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(&page).unwrap();
    assert!(written.contains(r#"<div id=carte-root class=carte-stack><div class="carte carte-static" lang="fr">"#));
    assert!(written.contains("<svg class=\"static-map wide\"") && written.contains("<table>"));
    assert!(std::fs::read_to_string(&fragment).unwrap().starts_with(r#"<section class="carte carte-static embedded""#));
    // Once only: a page that already has its view is refused, and left as it was.
    let again = carte(&["page", "tests/fixtures/frozen-export.json", "--into", page.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("contient déjà une vue statique"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), written);
    assert_eq!(carte(&["page", "tests/fixtures/frozen-export.json"]).status.code(), Some(2));
}

#[test]
fn merge_writes_nothing_when_the_union_is_invalid_and_says_where() {
    let fragment = scratch("dangling-fragment.json");
    std::fs::write(
        &fragment,
        r#"{"schema": "carte-partenariats/1", "title": "Fragment", "organizations": [], "decisions": [],
            "links": [{"id": "l", "kind": "subsidy", "from": "ville", "to": "inconnue", "decision": "d1", "amount": "5"}]}"#,
    )
    .unwrap();
    let out_path = scratch("never-written.json");
    std::fs::write(&out_path, "previous content").unwrap();
    let merged =
        carte(&["merge", "tests/fixtures/minimal.json", fragment.to_str().unwrap(), "-o", out_path.to_str().unwrap()]);
    assert_eq!(merged.status.code(), Some(1), "{}", stderr(&merged));
    let said = stderr(&merged);
    assert!(said.contains("le résultat ne serait pas un export valide (1 problème) ; rien n'a été écrit"), "{said}");
    assert!(said.contains("« dangling-fragment.json », $.links[0].to : organisation inconnue « inconnue »"), "{said}");
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "previous content");
}

#[test]
fn extract_that_finds_no_decision_exits_1_and_writes_nothing() {
    let out_path = scratch("no-decision.json");
    let _ = std::fs::remove_file(&out_path);
    let broken = "tests/fixtures/extract/casse_sans-date-ni-reference.txt";
    for target in ["--against", "--into"] {
        let out = carte(&["extract", target, "tests/fixtures/minimal.json", broken, "-o", out_path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{target}: {}", stderr(&out));
        assert!(stderr(&out).contains("aucune décision trouvée"), "{}", stderr(&out));
        assert!(!out_path.exists(), "{target}: nothing written");
    }
    // One document read, one without its séance: the first is written, the status says the second.
    let good = "tests/fixtures/extract/2024-03-15_martigues_conseil-municipal_subvention-plie.txt";
    let partial = carte(&["extract", good, broken, "-o", out_path.to_str().unwrap()]);
    assert_eq!(partial.status.code(), Some(1), "{}", stderr(&partial));
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(written["decisions"].as_array().unwrap().len(), 1);
}

#[test]
fn validate_reports_every_file_even_after_an_unreadable_one() {
    let out = carte(&[
        "validate",
        "tests/fixtures/absent.json",
        "tests/fixtures/minimal.json",
        "tests/fixtures/invalid-syntax.json",
    ]);
    assert_eq!(out.status.code(), Some(3), "the worst status: a file could not be read");
    let report = stdout(&out);
    assert!(report.contains("tests/fixtures/absent.json : illisible"), "{report}");
    assert!(report.contains("tests/fixtures/minimal.json : valide"), "{report}");
    assert!(report.contains("tests/fixtures/invalid-syntax.json : 1 problème\n"), "{report}");
    assert!(stderr(&out).contains("impossible de lire « tests/fixtures/absent.json »"), "{}", stderr(&out));
    let json = carte(&["validate", "--json", "tests/fixtures/absent.json", "tests/fixtures/minimal.json"]);
    let reports: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(reports.as_array().unwrap().len(), 2);
    assert_eq!((reports[0]["readable"].clone(), reports[1]["valid"].clone()), (false.into(), true.into()));
}

/// An export whose one organisation carries `mb` megabytes of description.
fn heavy_export(name: &str, id: &str, mb: usize) -> PathBuf {
    let path = scratch(name);
    let export = serde_json::json!({
        "schema": "carte-partenariats/1", "title": "Lourd",
        "organizations": [{"id": id, "name": id, "kind": "other", "description": "x".repeat(mb * 1024 * 1024)}],
        "decisions": [], "links": []
    });
    std::fs::write(&path, export.to_string()).unwrap();
    path
}

#[test]
fn an_output_over_64_mb_is_refused_before_it_is_written() {
    let (a, b) = (heavy_export("heavy-a.json", "a", 33), heavy_export("heavy-b.json", "b", 33));
    let out_path = scratch("too-large.json");
    let _ = std::fs::remove_file(&out_path);
    let merged = carte(&["merge", a.to_str().unwrap(), b.to_str().unwrap(), "-o", out_path.to_str().unwrap()]);
    assert_eq!(merged.status.code(), Some(1), "{}", stderr(&merged));
    let said = stderr(&merged);
    assert!(
        said.contains("en ajoutant « heavy-b.json » : le résultat dépasserait les 64 Mo que le format admet"),
        "{said}"
    );
    assert!(!out_path.exists());

    // A SCDL file whose export would pass 64 MB stops at the row where it does.
    let csv = scratch("huge.csv");
    let mut text = String::from("nomAttribuant;nomBeneficiaire;montant;dateConvention;objet\n");
    let objet = "o".repeat(1024 * 1024);
    for i in 0..70 {
        text.push_str(&format!("Commune de Valbrune;Association n° {i};100;2024-01-01;{objet}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let imported = carte(&["import-scdl", csv.to_str().unwrap(), "-o", out_path.to_str().unwrap()]);
    assert_eq!(imported.status.code(), Some(1), "{}", stderr(&imported));
    assert!(stderr(&imported).contains("à la ligne 65, l'export dépasse déjà les 64 Mo"), "{}", stderr(&imported));
    assert!(!out_path.exists());
    let into = carte(&[
        "import-scdl",
        csv.to_str().unwrap(),
        "--into",
        "tests/fixtures/minimal.json",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(into.status.code(), Some(1), "{}", stderr(&into));
    assert!(!out_path.exists());
}

#[test]
fn into_an_invalid_export_writes_nothing() {
    let out_path = scratch("into-invalid.json");
    let _ = std::fs::remove_file(&out_path);
    let out = carte(&[
        "extract",
        "--into",
        "tests/fixtures/invalid-fields.json",
        "tests/fixtures/extract/2024-03-15_martigues_conseil-municipal_subvention-plie.txt",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("« tests/fixtures/invalid-fields.json » n'est pas un export valide (9 problèmes)"),
        "{}",
        stderr(&out)
    );
    assert!(!out_path.exists());
}
