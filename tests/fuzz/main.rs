//! Inputs fuzzed by tests that keep trying (proptest): the validator, the SCDL reader and the
//! deliberation reader are fed arbitrary and mutated inputs — the real fixtures truncated,
//! flipped, spliced and repeated, deep nesting, huge numbers, invalid UTF-8, control characters,
//! long lines. None may panic, every input is bounded in size (so is the memory a case takes),
//! and every rejection is a message in French.
//!
//! `make test` runs the case counts written below, the same every time (a few seconds each);
//! `make fuzz` multiplies them by `FUZZ_ROUNDS` and draws new ones at every run, for minutes
//! (`PROPTEST_CASES` sets one count for all). A
//! failure prints the smallest input proptest found: it then becomes a plain test beside the fix
//! (tests/validate.rs has those found so far).
#![cfg(not(target_arch = "wasm32"))]
// Native tests: the browser build's size rules (clippy.toml) do not concern them.
#![allow(clippy::disallowed_methods)]

mod french;

use std::sync::LazyLock;

use french::{assert_french_problems, assert_french_sentence};

use carte_partenariats::cli::decode::{sniff, Kind};
use carte_partenariats::cli::extract::{extract_all, extract_text, fragment};
use carte_partenariats::cli::scdl::import_scdl;
use carte_partenariats::core::dataset::Dataset;
use carte_partenariats::core::i18n::Lang;
use carte_partenariats::core::model::{LinkKind, OrgKind};
use carte_partenariats::core::query::{visible_total, Visible};
use carte_partenariats::core::validate::{validate, validate_in};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed};
use serde_json::{json, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `cases` for `make test`, always the same ones (a failure there is one anybody can rerun);
/// for `make fuzz`, `FUZZ_ROUNDS` times as many, new ones at every run. `PROPTEST_CASES`
/// overrides the count.
fn config(cases: u32) -> Config {
    let number = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u32>().ok());
    let rounds = number("FUZZ_ROUNDS");
    let cases = number("PROPTEST_CASES").unwrap_or(cases * rounds.unwrap_or(1));
    let rng_seed = if rounds.is_some() { RngSeed::Random } else { RngSeed::Fixed(13) };
    Config { cases, rng_seed, failure_persistence: None, ..Config::default() }
}

/// Every file of a folder with this extension; a folder that gives none fails the test.
fn seeds(dir: &str, extension: &str) -> Vec<Vec<u8>> {
    let mut files: Vec<_> = std::fs::read_dir(format!("{ROOT}/{dir}"))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    let read: Vec<Vec<u8>> = files.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(!read.is_empty(), "no *.{extension} in {dir}");
    read
}

// The fixtures, among them the frozen copy of the real export: the richest shape to mutate.
static EXPORTS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| seeds("tests/fixtures", "json"));
static SCDL_FILES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| seeds("tests/fixtures/scdl", "csv"));
static DELIBERATIONS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let mut all = seeds("tests/fixtures/extract", "txt");
    all.extend(seeds("assets/sources", "txt"));
    all
});

// ---------------------------------------------------------------------------------------------
// Mutations of real files

/// Pieces spliced into files: what breaks readers.
const NASTY: &[&str] = &[
    "1e999999",
    "-1e-999999",
    "123456789012345678901234567890123456789",
    "18446744073709551616",
    "9223372036854775807",
    "-9223372036854775808",
    "-0",
    "0.1e",
    "NaN",
    "Infinity",
    "\"\\ud800\"",
    "\"\\udc00\\ud800\"",
    "\"\\u0000\"",
    "\"\\u12\"",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{feff}",
    "\u{fffd}",
    "\u{10ffff}",
    "e\u{301}",
    "\r",
    "\r\n",
    "\n\n\n",
    "\t",
    "[[[[[[[[[[[[[[[[",
    "]]]]",
    "{\"a\":",
    "}}}}",
    "\"",
    "\\",
    ",",
    ";",
    ":",
    "null",
    "true",
    "{}",
    "[]",
    "\"amount\": \"184467440737095516.15\", ",
    "\"amount_cents\": 9223372036854775807, ",
    "\"amount_cents\": -9223372036854775808, ",
    "\"year\": 99999999999, ",
    "\"date\": \"2024-02-30\", ",
    "\"website\": \"javascript:alert(1)\", ",
    "\"parent\": \"a\", ",
    "1 234 567,89 €",
    "1.234.567,89",
    "31/02/2023",
    "29/02/2024",
    "0000-00-00",
    "99999-12-31",
    "W123456789",
    "12345678901234",
    "Vu le code général des collectivités territoriales",
    "DÉLIBÈRE",
    "Article 1 :",
    "une subvention de 14 205 € ",
    "Bureau de la Métropole du 7 décembre 2023",
    "CHL-059-15101/23/BM",
    "l'association ",
];

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(Index),
    Flip(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Splice(Index, &'static str),
    Repeat(Index, usize, usize),
    LongLine(Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<Index>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<Index>(), prop::sample::select(NASTY)).prop_map(|(at, s)| Mutation::Splice(at, s)),
        (any::<Index>(), 1usize..200, 2usize..50).prop_map(|(at, n, times)| Mutation::Repeat(at, n, times)),
        (any::<Index>(), 1usize..200_000).prop_map(|(at, n)| Mutation::LongLine(at, n)),
    ]
}

/// Inputs stay under this size: every case is bounded in time and memory.
const MAX_INPUT: usize = 1 << 20;

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |i: &Index, len: usize| i.index(len + 1);
        match m {
            Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len())),
            Mutation::Flip(i, b) if !bytes.is_empty() => {
                let i = i.index(bytes.len());
                bytes[i] = *b;
            }
            Mutation::Flip(..) => {}
            Mutation::Insert(i, b) => {
                let i = at(i, bytes.len());
                bytes.splice(i..i, b.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let i = at(i, bytes.len());
                bytes.drain(i..(i + n).min(bytes.len()));
            }
            Mutation::Splice(i, s) => {
                let i = at(i, bytes.len());
                bytes.splice(i..i, s.bytes());
            }
            Mutation::Repeat(i, n, times) => {
                let i = at(i, bytes.len());
                let piece = bytes[i..(i + n).min(bytes.len())].to_vec();
                for _ in 1..*times {
                    bytes.splice(i..i, piece.iter().copied());
                }
            }
            Mutation::LongLine(i, n) => {
                let i = at(i, bytes.len());
                bytes.splice(i..i, std::iter::repeat_n(b'x', *n));
            }
        }
        bytes.truncate(MAX_INPUT);
    }
    bytes
}

/// One of `files`, mutated a few times.
fn mutated(files: &'static LazyLock<Vec<Vec<u8>>>) -> impl Strategy<Value = Vec<u8>> {
    (any::<Index>(), prop::collection::vec(mutation(), 1..6))
        .prop_map(move |(file, mutations)| apply(files[file.index(files.len())].clone(), &mutations))
}

/// Text as the widget reads it (invalid UTF-8 replaced by U+FFFD).
fn as_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Text as the CLI reads a file (`cli::decode`: any encoding converted); `None` for what it
/// refuses as no text at all (a PDF, a workbook, binary bytes).
fn decode_text(bytes: &[u8]) -> Option<String> {
    match sniff(bytes) {
        Kind::Text(decoded) => Some(decoded.text),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Export-shaped JSON, to get past the syntax and reach every check

fn one_of(values: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop::sample::select(values).prop_map(|s| Value::String(s.to_string())).boxed()
}

/// Any JSON value, nested a little, with strings that break things.
fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        ".{0,40}".prop_map(Value::String),
        prop::sample::select(NASTY).prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Mostly plausible, sometimes anything: ids that refer to each other, dates near the calendar's
/// edges, amounts near the limits.
fn field(plausible: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![8 => plausible, 1 => any_json()].boxed()
}

const IDS: &[&str] = &["a", "b", "c", "d", "d1", "l1", "", " ", "a b", "é"];
const DATES: &[&str] = &[
    "2024",
    "2024-02",
    "2024-02-29",
    "2023-02-29",
    "2024-02-30",
    "2024-13-01",
    "0000-01-01",
    "0999-12-31",
    "9999-12-31",
    "99999-01-01",
    "2024-1-1",
    "2024-06-11T10:00",
    "",
    "7 décembre 2023",
];
const AMOUNTS: &[&str] = &[
    "0",
    "0.5",
    "14205.50",
    "1.234",
    "-1",
    "1e3",
    " 12",
    "12.",
    ".5",
    "99999999999999999999",
    "184467440737095516.15",
    "184467440737095516.16",
    "92233720368547758.07",
    "100000000000",
    "100000000000.01",
    "",
];
const URLS: &[&str] =
    &["https://example.org/", "http://x", "javascript:alert(1)", "HTTPS://X", "data:,x", " https://x", ""];

fn org_kinds() -> &'static [&'static str] {
    static KEYS: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| OrgKind::ALL.iter().map(|k| k.key()).chain(["", "Association"]).collect());
    &KEYS
}

fn link_kinds() -> &'static [&'static str] {
    static KEYS: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| LinkKind::ALL.iter().map(|k| k.key()).chain(["", "subvention"]).collect());
    &KEYS
}

fn big_integer() -> BoxedStrategy<Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        Just(json!(i64::MAX)),
        Just(json!(i64::MIN)),
        Just(json!(u64::MAX)),
        (0u64..5_000).prop_map(|n| json!(n)),
    ]
    .boxed()
}

fn organization() -> impl Strategy<Value = Value> {
    (
        field(one_of(IDS)),
        field(".{0,20}".prop_map(Value::String).boxed()),
        field(prop::sample::select(org_kinds()).prop_map(|s| json!(s)).boxed()),
        prop::option::of(field(one_of(IDS))),
        prop::option::of(field(one_of(URLS))),
        prop::option::of(field(
            prop::collection::vec((one_of(DATES), one_of(DATES)), 0..3)
                .prop_map(|v| {
                    json!(v.into_iter().map(|(f, u)| json!({"name": "N", "from": f, "until": u})).collect::<Vec<_>>())
                })
                .boxed(),
        )),
    )
        .prop_map(|(id, name, kind, parent, website, former)| {
            let mut o = json!({"id": id, "name": name, "kind": kind});
            if let Some(p) = parent {
                o["parent"] = p;
            }
            if let Some(w) = website {
                o["website"] = w;
            }
            if let Some(f) = former {
                o["former_names"] = f;
            }
            o
        })
}

fn decision() -> impl Strategy<Value = Value> {
    (
        field(one_of(IDS)),
        field(one_of(DATES)),
        prop::option::of(field(one_of(URLS))),
        prop::option::of(field(big_integer())),
    )
        .prop_map(|(id, date, url, members)| {
            let mut d =
                json!({"id": id, "instance": "Bureau", "date": date, "title": "T", "source": {"document": "x.txt"}});
            if let Some(u) = url {
                d["source"]["url"] = u;
            }
            if let Some(m) = members {
                d["members_present"] = m;
            }
            d
        })
}

fn link() -> impl Strategy<Value = Value> {
    (
        field(one_of(IDS)),
        field(prop::sample::select(link_kinds()).prop_map(|s| json!(s)).boxed()),
        (field(one_of(IDS)), field(one_of(IDS)), field(one_of(IDS))),
        prop::option::of(field(one_of(AMOUNTS))),
        prop::option::of(field(big_integer())),
        prop::option::of(field(big_integer())),
        (prop::option::of(field(one_of(DATES))), prop::option::of(field(one_of(DATES)))),
    )
        .prop_map(|(id, kind, (from, to, decision), amount, cents, year, (start, end))| {
            let mut l = json!({"id": id, "kind": kind, "from": from, "to": to, "decision": decision});
            for (key, value) in
                [("amount", amount), ("amount_cents", cents), ("year", year), ("start", start), ("end", end)]
            {
                if let Some(v) = value {
                    l[key] = v;
                }
            }
            l
        })
}

fn export() -> impl Strategy<Value = String> {
    (
        prop_oneof![9 => Just(json!("carte-partenariats/1")), 1 => any_json()],
        prop::collection::vec(organization(), 0..6),
        prop::collection::vec(decision(), 0..4),
        prop::collection::vec(link(), 0..12),
    )
        .prop_map(|(schema, orgs, decisions, links)| {
            json!({"schema": schema, "title": "Fuzz", "organizations": orgs, "decisions": decisions, "links": links})
                .to_string()
        })
}

/// Checks a validator verdict: a refusal says every problem in French; an accepted export
/// builds its graph and adds up its money exactly.
fn check_validation(text: &str) {
    match validate(text) {
        Err(problems) => assert_french_problems(&problems),
        Ok(model) => {
            let exact: u128 = model.links.iter().filter_map(|l| l.amount).map(|a| u128::from(a.0)).sum();
            let total = visible_total(&model, &Visible::all(&model));
            assert_eq!(u128::from(total.0), exact, "the total of the amounts is wrong");
            assert!(Dataset::from_text(text).is_ok());
        }
    }
    // The English catalogue refuses the same inputs (each language says the same problems).
    assert_eq!(validate(text).is_ok(), validate_in(text, Lang::En).is_ok());
}

// ---------------------------------------------------------------------------------------------
// The validator

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn validator_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check_validation(&as_text(&bytes));
    }

    #[test]
    fn validator_mutated_exports(bytes in mutated(&EXPORTS)) {
        check_validation(&as_text(&bytes));
    }

    #[test]
    fn validator_export_shaped(text in export()) {
        check_validation(&text);
    }

    /// Huge numbers wherever a number goes: refused in French, never wrapped round.
    #[test]
    fn validator_huge_numbers(digits in "[1-9][0-9]{0,400}", exponent in prop::option::of(-400i32..400),
                              place in prop::sample::select(&["amount_cents", "year", "members_present", "value"][..])) {
        let number = match exponent { Some(e) => format!("{digits}e{e}"), None => digits };
        let text = format!(
            r#"{{"schema":"carte-partenariats/1","title":"T","organizations":[{{"id":"a","name":"A","kind":"other"}},
            {{"id":"b","name":"B","kind":"other"}}],"decisions":[{{"id":"d","instance":"I","date":"2024","title":"T",
            "source":{{"document":"x"}},"members_present":{m}}}],"links":[{{"id":"l","kind":"subsidy","from":"a","to":"b",
            "decision":"d","amount_cents":{c},"year":{y}}}],"indicators":[{{"id":"i","label":"L","unit":"u","year":2024,
            "decision":"d","value":{v}}}]}}"#,
            m = if place == "members_present" { &number } else { "3" },
            c = if place == "amount_cents" { &number } else { "5" },
            y = if place == "year" { &number } else { "2024" },
            v = if place == "value" { &number } else { "1" },
        );
        check_validation(&text);
    }
}

/// Many links with amounts up to the largest a file may hold: the total is exact or the
/// export refused, never wrapped round.
fn money_export() -> impl Strategy<Value = String> {
    let amount = prop_oneof![
        (0u64..u64::MAX).prop_map(|c| json!({"amount_cents": c})),
        Just(json!({"amount_cents": i64::MAX})),
        Just(json!({"amount": "184467440737095516.15"})),
        Just(json!({"amount": "100000000000.00"})),
        (0u64..1_000_000_000).prop_map(|e| json!({"amount": format!("{e}.99")})),
    ];
    prop::collection::vec(amount, 1..64).prop_map(|amounts| {
        let links: Vec<Value> = amounts
            .into_iter()
            .enumerate()
            .map(|(i, mut a)| {
                for (k, v) in [
                    ("id", json!(format!("l{i}"))),
                    ("kind", json!("subsidy")),
                    ("from", json!("a")),
                    ("to", json!("b")),
                    ("decision", json!("d")),
                ] {
                    a[k] = v;
                }
                a
            })
            .collect();
        json!({"schema": "carte-partenariats/1", "title": "T",
            "organizations": [{"id": "a", "name": "A", "kind": "other"}, {"id": "b", "name": "B", "kind": "other"}],
            "decisions": [{"id": "d", "instance": "I", "date": "2024", "title": "T", "source": {"document": "x"}}],
            "links": links})
        .to_string()
    })
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn validator_money_adds_up(text in money_export()) {
        check_validation(&text);
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// Deep nesting, closed or not, in arrays and objects: a French refusal, never a stack overflow.
    #[test]
    fn validator_deep_nesting(depth in 1usize..200_000, object in any::<bool>(), closed in any::<bool>()) {
        let (open, close) = if object { (r#"{"a":"#, "}") } else { ("[", "]") };
        let mut text = format!(r#"{{"schema":"carte-partenariats/1","title":"T","organizations":{}"#, open.repeat(depth));
        if closed {
            text.push_str(&format!("1{}", close.repeat(depth)));
            text.push_str(r#","decisions":[],"links":[]}"#);
        }
        let problems = validate(&text).expect_err("never a valid export");
        assert_french_problems(&problems);
        if depth > 200 {
            assert!(problems.list[0].message.contains("imbrication trop profonde"), "{:?}", problems.list);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The SCDL reader

/// Reads a SCDL file: a refusal of the whole file, or each rejected row, said in French; the
/// export written is one the validator accepts.
fn check_scdl(text: &str) {
    let mut heard = 0u64;
    match import_scdl(text, None, &mut |bytes| heard = heard.max(bytes)) {
        Err(message) => assert_french_sentence(&message),
        Ok(imported) => {
            for row in imported.rejected.iter().chain(&imported.notes) {
                assert!(row.line >= 1, "line 0: {row:?}");
                assert_french_sentence(&row.message);
            }
            let json = serde_json::to_string(&imported.export).unwrap();
            if let Err(problems) = validate(&json) {
                panic!("the import is not a valid export: {:#?}", problems.list);
            }
            assert_eq!(heard, text.len() as u64);
        }
    }
}

/// Cells of SCDL files, good and bad, with separators, quotes and line breaks.
fn scdl_text() -> impl Strategy<Value = String> {
    const CELLS: &[&str] = &[
        "nomAttribuant",
        "idAttribuant",
        "dateConvention",
        "referenceDecision",
        "nomBeneficiaire",
        "idBeneficiaire",
        "rnaBeneficiaire",
        "objet",
        "montant",
        "nature",
        "dispositifAide",
        "datesPeriodeVersement",
        "COLL_NOM",
        "COLL_SIRET",
        "DELIB_ID",
        "DELIB_DATE",
        "DELIB_OBJET",
        "DELIB_URL",
        "BUDGET_ANNEE",
        "Métropole Aix-Marseille-Provence",
        "Association X",
        "21130055300016",
        "35600000000048",
        "W133012345",
        "14205,50",
        "1 234 567,89 €",
        "1.234,5",
        "-12",
        "12,345",
        "1e5",
        "184467440737095516,15",
        "99999999999999999999",
        "2023-05-12",
        "12/05/2023",
        "31/02/2023",
        "2023-05-12T10:00:00",
        "2023-01-01/2023-12-31_2024-01-01",
        "0999-01-01",
        "https://example.org/d.pdf",
        "javascript:alert(1)",
        "",
        " ",
        ",",
        ";",
        "\t",
        "\"",
        "\"\"",
        "\n",
        "\r\n",
        "\r",
        "\u{feff}",
        "\u{0}",
    ];
    prop::collection::vec(
        prop_oneof![3 => prop::sample::select(CELLS).prop_map(str::to_string), 1 => ".{0,12}"],
        0..300,
    )
    .prop_map(|cells| cells.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn scdl_arbitrary_text(text in scdl_text()) {
        check_scdl(&text);
    }

    #[test]
    fn scdl_mutated_files(bytes in mutated(&SCDL_FILES)) {
        if let Some(text) = decode_text(&bytes) {
            check_scdl(&text);
        }
    }

    /// Bytes as a file on disk gives them: UTF-8 or not, decoded, then read.
    #[test]
    fn scdl_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        if let Some(text) = decode_text(&bytes) {
            check_scdl(&text);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The deliberation reader (`extract_text`, `fragment`: the public API of src/cli/extract)

fn check_extract(text: &str) {
    let doc = extract_text("fuzz.txt", text, None);
    let all = extract_all("fuzz.txt", text, None);
    for missing in all.iter().chain([&doc]).flat_map(|d| &d.missing) {
        assert_french_sentence(missing);
    }
    serde_json::to_string(&fragment(&all, None)).unwrap();
}

proptest! {
    // The deliberations are the longest files, and the reader the slowest (half a second a case).
    #![proptest_config(config(16))]

    #[test]
    fn extract_mutated_deliberations(bytes in mutated(&DELIBERATIONS)) {
        if let Some(text) = decode_text(&bytes) {
            check_extract(&text);
        }
    }

}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn extract_arbitrary_text(text in prop::collection::vec(
        prop_oneof![2 => prop::sample::select(NASTY).prop_map(str::to_string), 1 => ".{0,30}"], 0..200)) {
        check_extract(&text.concat());
    }
}
