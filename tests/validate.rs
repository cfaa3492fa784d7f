//! Validation, data-driven: each fixture or snippet with the problems a user must be told,
//! each as (JSON path or "ligne L, colonne C", a fragment of the French message).

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use carte_partenariats::cli::generate::{generate, GenerateSettings, Shape};
use carte_partenariats::cli::io::export_json;
use carte_partenariats::core::i18n::Lang;
use carte_partenariats::core::validate::{validate, validate_in, Problems, Validation, MAX_EXPORT_BYTES};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Asserts the export is refused with exactly these problems, in this order.
fn check(text: &str, expected: &[(&str, &str)]) {
    let Problems { list, omitted } = validate(text).expect_err("the export should be refused");
    assert_eq!(omitted, 0);
    let got: Vec<String> = list.iter().map(|p| p.to_string()).collect();
    assert_eq!(list.len(), expected.len(), "problems found: {got:#?}");
    for ((place, fragment), problem) in expected.iter().zip(&list) {
        let shown = problem.to_string();
        assert!(shown.starts_with(place), "expected at {place}: {shown}");
        assert!(shown.contains(fragment), "expected «{fragment}» in: {shown}");
    }
}

#[test]
fn a_clean_export_gives_its_model() {
    let model = validate(&fixture("minimal.json")).unwrap();
    assert_eq!(model.organizations.len(), 2);
    assert_eq!(model.links[0].amount.unwrap().0, 123_450);
    assert_eq!(model.organizations[1].label(), "ATé");
}

#[test]
fn invalid_json_gives_line_and_column() {
    check(&fixture("invalid-syntax.json"), &[("ligne 5, colonne 54", "JSON invalide")]);
}

#[test]
fn every_field_problem_is_reported_at_once_with_its_path() {
    check(
        &fixture("invalid-fields.json"),
        &[
            ("$.organizations[0]", "champ obligatoire manquant : name"),
            ("$.organizations[3].name", "type incorrect : un nombre entier 42 trouvé, une chaîne attendu"),
            ("$.organizations[2].id", "identifiant en double « b »"),
            ("$.decisions[0].date", "date invalide « 2023-02-30 »"),
            ("$.links[0].to", "organisation inconnue « inconnue »"),
            ("$.links[0].amount", "ne peut pas être négatif"),
            ("$.links[1].decision", "décision inconnue « d-absente »"),
            ("$.links[1].amount", "jamais un nombre à virgule flottante"),
            ("$.links[2].kind", "nature de lien inconnue « gift »"),
        ],
    );
}

#[test]
fn an_unknown_schema_version_is_named() {
    check(&fixture("wrong-schema.json"), &[("$.schema", "version de format inconnue « carte-partenariats/9 »")]);
}

#[test]
fn the_root_must_be_an_object() {
    check(&fixture("not-an-object.json"), &[("$", "la racine doit être un objet JSON, pas une liste")]);
}

#[test]
fn script_addresses_are_refused() {
    check(&fixture("hostile-url.json"), &[("$.organizations[0].website", "seules les adresses http:// ou https://")]);
}

#[test]
fn markup_in_text_is_kept_as_text() {
    // The validator does not strip or interpret markup: the UI shows it as plain text.
    let model = validate(&fixture("hostile.json")).unwrap();
    assert!(model.organizations[0].name.starts_with("<script>"));
}

#[test]
fn official_identifiers_and_further_sources_reach_the_model() {
    let model = validate(&fixture("identifiers-and-sources.json")).unwrap();
    let metropole = &model.organizations[0].identifiers;
    assert_eq!(metropole.siren.as_deref(), Some("200054807"));
    assert_eq!(metropole.siret, ["20005480700017"]);
    assert_eq!(model.organizations[1].identifiers.rna.as_deref(), Some("W133012345"));
    assert!(model.organizations[2].identifiers.is_empty());
    let sources = &model.links[0].sources;
    assert_eq!(sources.len(), 2);
    assert_eq!(
        (sources[0].document.as_str(), sources[0].decision),
        ("Données SCDL « Subventions » de Métropole Aix-Marseille-Provence", None)
    );
    assert_eq!(sources[1].decision, Some(1), "the report's decision, by index");
    assert_eq!(sources[1].quote.as_deref(), Some("4 500 € aux Jardins du Lavoir"));
    assert!(model.links[1].sources.is_empty());
}

#[test]
fn identifiers_and_sources_are_checked_where_they_are_written() {
    let base = |identifiers: &str, sources: &str| {
        format!(
            r#"{{"schema":"carte-partenariats/1","title":"t",
            "organizations":[{{"id":"a","name":"A","kind":"other","identifiers":{identifiers}}},{{"id":"b","name":"B","kind":"other"}}],
            "decisions":[{{"id":"d","instance":"I","date":"2024","title":"T","source":{{"document":"s"}}}}],
            "links":[{{"id":"l","kind":"subsidy","from":"a","to":"b","decision":"d","sources":{sources}}}]}}"#
        )
    };
    check(
        &base(
            r#"{"siren":"200054808","siret":["200 054 807 00017","13000878200018"],"rna":"w133012345"}"#,
            r#"[{"document":" ","decision":"absente","url":"javascript:alert(1)"}]"#,
        ),
        &[
            ("$.organizations[0].identifiers.siren", "SIREN invalide « 200054808 »"),
            (
                "$.organizations[0].identifiers.siret[0]",
                "SIRET invalide « 200 054 807 00017 » : 14 chiffres sans espace",
            ),
            ("$.organizations[0].identifiers.siret[1]", "n'est pas un établissement du SIREN « 200054808 »"),
            ("$.organizations[0].identifiers.rna", "numéro RNA invalide « w133012345 »"),
            ("$.links[0].sources[0].document", "ce champ est vide"),
            ("$.links[0].sources[0].url", "seules les adresses http:// ou https://"),
            ("$.links[0].sources[0].decision", "décision inconnue « absente »"),
        ],
    );
    // La Poste's establishments follow their own check rule; a SIREN alone or an RNA alone will do.
    assert!(validate(&base(r#"{"siret":["35600000000010"]}"#, "[]")).is_ok());
    assert!(validate(&base(r#"{"siren":"130008782"}"#, r#"[{"document":"x.csv"}]"#)).is_ok());
    check(
        &base(r#"{"siret":"20005480700017"}"#, "[]"),
        &[("$.organizations[0].identifiers.siret", "une liste attendu")],
    );
}

#[test]
fn missing_collections_and_title_are_reported_together() {
    check(
        r#"{"schema": "carte-partenariats/1"}"#,
        &[
            ("$", "champ obligatoire manquant : title"),
            ("$", "champ obligatoire manquant : organizations"),
            ("$", "champ obligatoire manquant : decisions"),
            ("$", "champ obligatoire manquant : links"),
        ],
    );
}

#[test]
fn amounts_are_exact_to_the_cent() {
    let base = |amount: &str| {
        format!(
            r#"{{"schema":"carte-partenariats/1","title":"t",
            "organizations":[{{"id":"a","name":"A","kind":"other"}},{{"id":"b","name":"B","kind":"other"}}],
            "decisions":[{{"id":"d","instance":"I","date":"2024","title":"T","source":{{"document":"s"}}}}],
            "links":[{{"id":"l","kind":"subsidy","from":"a","to":"b","decision":"d",{amount}}}]}}"#
        )
    };
    let cents = |amount: &str| validate(&base(amount)).unwrap().links[0].amount.unwrap().0;
    assert_eq!(cents(r#""amount":"0.1""#), 10);
    assert_eq!(cents(r#""amount":"14205""#), 1_420_500);
    assert_eq!(cents(r#""amount_cents":1420550"#), 1_420_550);
    check(&base(r#""amount":"1.005""#), &[("$.links[0].amount", "au plus deux décimales")]);
    check(&base(r#""amount":"1,5""#), &[("$.links[0].amount", "montant illisible")]);
    check(&base(r#""amount_cents":-1"#), &[("$.links[0].amount_cents", "ne peut pas être négatif")]);
    check(&base(r#""amount":"1","amount_cents":100"#), &[("$.links[0].amount_cents", "pas les deux")]);
    // Found by tests/fuzz/: three amounts near u64::MAX wrapped the header's total round. At
    // most 100 billion euros a link, a 64 MB export's total always fits.
    assert_eq!(cents(r#""amount":"100000000000""#), 10_000_000_000_000);
    assert_eq!(cents(r#""amount_cents":10000000000000"#), 10_000_000_000_000);
    check(&base(r#""amount":"100000000000.01""#), &[("$.links[0].amount", "au plus 100 milliards d'euros")]);
    check(&base(r#""amount":"184467440737095516.15""#), &[("$.links[0].amount", "trop grand")]);
    check(&base(r#""amount_cents":10000000000001"#), &[("$.links[0].amount_cents", "trop grand")]);
    check(&base(r#""amount_cents":9223372036854775807"#), &[("$.links[0].amount_cents", "trop grand")]);
}

#[test]
fn json_escapes_and_byte_order_marks() {
    // Found by tests/fuzz/: serde_json's own English showed through for these.
    check(r#"{"title": "\ud800x"}"#, &[("ligne 1, colonne 18", "séquence \\u incomplète")]);
    check(r#"{"title": "\udc00"}"#, &[("ligne 1, colonne 17", "moitié de paire UTF-16 isolée")]);
    // A byte order mark, as Notepad writes it, is no syntax error.
    let with_bom = format!("\u{feff}{}", fixture("minimal.json"));
    assert_eq!(validate(&with_bom).unwrap().organizations.len(), 2);
}

#[test]
fn parent_cycles_and_self_links_are_refused() {
    // « c » hangs under the cycle without being on it: only « a » and « b » are named.
    check(
        r#"{"schema":"carte-partenariats/1","title":"t",
        "organizations":[{"id":"a","name":"A","kind":"other","parent":"b"},{"id":"b","name":"B","kind":"other","parent":"a"},
          {"id":"c","name":"C","kind":"other","parent":"a"}],
        "decisions":[{"id":"d","instance":"I","date":"2024","title":"T","source":{"document":"s"}}],
        "links":[{"id":"l","kind":"pact","from":"a","to":"a","decision":"d","start":"2025","end":"2024-06"}]}"#,
        &[
            ("$.organizations[0].parent", "boucle"),
            ("$.organizations[1].parent", "boucle"),
            ("$.links[0].to", "pas « a » à elle-même"),
            ("$.links[0].end", "la fin (2024-06) précède le début (2025)"),
        ],
    );
}

#[test]
fn a_huge_file_is_refused_before_parsing() {
    let junk = "x".repeat(MAX_EXPORT_BYTES + 1);
    check(&junk, &[("$", "fichier trop volumineux")]);
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    check(&deep, &[("ligne 1", "imbrication trop profonde")]);
}

#[test]
fn many_problems_are_capped_and_counted() {
    let links: Vec<String> =
        (0..500).map(|i| format!(r#"{{"id":"l{i}","kind":"subsidy","from":"x","to":"y","decision":"d"}}"#)).collect();
    let text = format!(
        r#"{{"schema":"carte-partenariats/1","title":"t","organizations":[],"decisions":[],"links":[{}]}}"#,
        links.join(",")
    );
    let problems = validate(&text).unwrap_err();
    assert_eq!(problems.list.len(), 200);
    assert_eq!(problems.list.len() + problems.omitted, 1500);
}

#[test]
fn messages_follow_the_interface_language() {
    let english =
        |text: &str| validate_in(text, Lang::En).unwrap_err().list.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    let said = english(&fixture("invalid-fields.json"));
    assert_eq!(said[0], "$.organizations[0] : missing required field: name");
    assert!(said.iter().any(|s| s.contains("unknown organisation “inconnue”")), "{said:#?}");
    assert!(said.iter().any(|s| s.contains("wrong type: an integer 42 found, a string expected")), "{said:#?}");
    assert!(english(&fixture("invalid-syntax.json"))[0].contains("invalid JSON: trailing comma"));
}

#[test]
fn story_steps_name_known_organisations_and_links() {
    let base = |story: &str| {
        format!(
            r#"{{"schema":"carte-partenariats/1","title":"t",
            "organizations":[{{"id":"a","name":"A","kind":"other"}},{{"id":"b","name":"B","kind":"other"}}],
            "decisions":[{{"id":"d","instance":"I","date":"2024","title":"T","source":{{"document":"s"}}}}],
            "links":[{{"id":"l","kind":"pact","from":"a","to":"b","decision":"d"}}],"story":{story}}}"#
        )
    };
    let model =
        validate(&base(r#"[{"title":"Un","text":"…","organizations":["a"],"links":["l"],"zoom":true}]"#)).unwrap();
    assert_eq!(model.story[0].highlighted(&model), [0, 1]);
    check(
        &base(r#"[{"title":"Un","text":"…","organizations":["z"],"links":["nope"]}]"#),
        &[
            ("$.story[0].organizations[0]", "organisation inconnue « z »"),
            ("$.story[0].links[0]", "lien inconnu « nope »"),
        ],
    );
}

/// Reads an export a few elements at a time, as the browser does between frames.
fn validate_in_slices(text: &str) -> (Result<carte_partenariats::core::model::Model, Problems>, usize) {
    let mut validation = Validation::new(text.to_string(), Lang::Fr);
    let mut slices = 1;
    loop {
        if let Some(result) = validation.advance(&mut || false) {
            return (result, slices);
        }
        slices += 1;
    }
}

#[test]
fn read_a_slice_at_a_time_an_export_gives_the_same_model_or_the_same_problems() {
    let rough = export_json(&generate(&GenerateSettings { orgs: 400, links: 1200, seed: 3, shape: Shape::Rough }));
    let mut texts: Vec<String> = [
        "minimal.json",
        "invalid-fields.json",
        "invalid-syntax.json",
        "not-an-object.json",
        "wrong-schema.json",
        "hostile.json",
        "hostile-url.json",
    ]
    .iter()
    .map(|name| fixture(name))
    .collect();
    texts.push(include_str!("../assets/data/partenariats.json").to_string());
    // A broken link among many, an element that is not an object, a collection that is not a list.
    texts.push(rough.replacen(r#""from": "org-"#, r#""from": "nobody-"#, 1));
    texts.push(rough.replacen(r#""links": ["#, r#""links": [7, "#, 1));
    texts.push(rough.replacen(r#""decisions": ["#, r#""decisions": {"x": ["#, 1).replacen(
        r#"],
  "links""#,
        r#"]},
  "links""#,
        1,
    ));
    for text in &texts {
        let (sliced, slices) = validate_in_slices(text);
        // (Compared, not printed: the models' id indexes print in any order.)
        assert!(sliced == validate(text), "{:?}", sliced.err());
        assert!(text.len() < 100_000 || slices > 20, "{slices} slices for {} bytes", text.len());
    }
    assert_eq!(validate(&rough).unwrap().organizations.len(), 400);
}

#[test]
fn a_syntax_error_deep_in_a_large_export_keeps_its_line_and_column() {
    let rough = export_json(&generate(&GenerateSettings { orgs: 300, links: 900, seed: 5, shape: Shape::Rough }));
    let at = rough.find(r#""lien-0000700""#).unwrap();
    for broken in [
        // A missing comma between two elements, then a bad value inside one element.
        format!("{}{}", &rough[..at - 1], &rough[at + 1..]).replacen(
            "},\n    {\n      \"id\": \"lien-0000701\"",
            "}\n    {\n      \"id\": \"lien-0000701\"",
            1,
        ),
        format!("{}{}", &rough[..at], rough[at..].replacen(r#""kind": ""#, r#""kind": tru"#, 1)),
    ] {
        let expected = serde_json::from_str::<serde_json::Value>(&broken).unwrap_err();
        let problems = validate_in_slices(&broken).0.unwrap_err();
        assert_eq!(problems.list.len(), 1);
        assert_eq!(problems.list[0].position, Some((expected.line(), expected.column())), "{}", problems.list[0]);
    }
}
