//! The string tables the browser build reads instead of carrying them (`core::i18n::table`):
//! `assets/texts/*.json` are the statics of `core::i18n`, written out. A string changed in the
//! code and not in its file fails here; `UPDATE_TEXTS=1 cargo test --test texts` rewrites them.

// Native tests (the browser build runs tests/browser.rs only).
#![cfg(not(target_arch = "wasm32"))]

use carte_partenariats::core::i18n::table::{as_list, to_json, StringTable};
use carte_partenariats::core::i18n::{validation, Texts, ValidationTexts, EN, FR};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/texts");

/// Every file the browser may ask for (`Lang::interface_file`, `Lang::validation_file`), with the
/// table it holds.
fn files() -> [(&'static str, String); 3] {
    [
        ("interface-en.json", to_json(&EN)),
        ("validation-fr.json", to_json(&validation::FR)),
        ("validation-en.json", to_json(&validation::EN)),
    ]
}

#[test]
fn the_files_the_browser_reads_hold_the_strings_of_the_code() {
    let update = std::env::var_os("UPDATE_TEXTS").is_some();
    for (name, expected) in files() {
        let path = format!("{DIR}/{name}");
        if update {
            std::fs::write(&path, &expected).unwrap();
        }
        let written = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(written == expected, "{path} differs from the code's strings: UPDATE_TEXTS=1 cargo test --test texts");
    }
}

#[test]
fn a_table_is_its_strings_in_field_order() {
    let list = as_list(&FR);
    assert_eq!(list.len(), <Texts as StringTable>::LEN);
    assert_eq!(list[0], FR.kicker, "the first field first");
    assert_eq!(*list.last().unwrap(), FR.no_story, "the last field last");
    let v = as_list(&validation::EN);
    assert_eq!(v.len(), <ValidationTexts as StringTable>::LEN);
    assert_eq!(v[0], validation::EN.too_large);
}

#[test]
fn a_file_of_another_table_or_version_is_refused() {
    use carte_partenariats::core::i18n::table::from_json;
    let interface = to_json(&EN);
    let read = from_json::<Texts>(&interface).expect("its own file");
    assert_eq!(as_list(read), as_list(&EN), "read back string for string");
    // The validator's file is not the interface's: other fingerprint, other length.
    assert!(from_json::<Texts>(&to_json(&validation::EN)).is_none());
    // One string fewer, or one that is not a string, or an old fingerprint: refused.
    let mut items: Vec<serde_json::Value> = serde_json::from_str(&interface).unwrap();
    items.pop();
    assert!(from_json::<Texts>(&serde_json::to_string(&items).unwrap()).is_none());
    items.push(serde_json::Value::from(3));
    assert!(from_json::<Texts>(&serde_json::to_string(&items).unwrap()).is_none());
    items.pop();
    items.push(serde_json::Value::from(""));
    items[0] = serde_json::Value::from(<Texts as StringTable>::FINGERPRINT ^ 1);
    assert!(from_json::<Texts>(&serde_json::to_string(&items).unwrap()).is_none());
    assert!(from_json::<Texts>("[").is_none() && from_json::<Texts>("{}").is_none());
}
