//! Shareable addresses, the table view's rows and CSV, and French formatting.

// Native tests: the browser build runs tests/browser.rs only.
#![cfg(not(target_arch = "wasm32"))]

use carte_partenariats::core::dataset::Dataset;
use carte_partenariats::core::i18n::{fill, Lang};
use carte_partenariats::core::locale;
use carte_partenariats::core::model::{Cents, IsoDate};
use carte_partenariats::core::model::{LinkKind, OrgKind};
use carte_partenariats::core::query::Visible;
use carte_partenariats::core::route::{LayoutKind, Route, Selection, View};
use carte_partenariats::core::table::{self, Column, Sort};

fn minimal() -> Dataset {
    Dataset::from_text(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.json")).unwrap(),
    )
    .unwrap()
}

#[test]
fn routes_read_and_write_the_hash() {
    let route = Route::parse("#view=table&org=ave");
    assert_eq!(route, Route { view: View::Table, selection: Selection::Org("ave".into()), ..Route::default() });
    assert_eq!(route.to_hash(), "#view=table&org=ave");
    assert_eq!(
        Route::parse("#link=metropole-ave-cotisation-2024").selection,
        Selection::Link("metropole-ave-cotisation-2024".into())
    );
    assert_eq!(Route::parse("").to_hash(), "#view=graph");
    assert_eq!(
        Route::parse("#pair=metropole-amp,ave").selection,
        Selection::Pair("metropole-amp".into(), "ave".into())
    );
    assert_eq!(Route::parse("#org=a%20b").selection, Selection::Org("a b".into()));
    let odd = Route { view: View::Graph, selection: Selection::Org("é&=x".into()), ..Route::default() };
    assert_eq!(Route::parse(&odd.to_hash()), odd);
    assert_eq!(Route::parse("#nonsense&view=weird"), Route::default());
}

#[test]
fn filters_paths_and_layouts_live_in_the_hash() {
    let hash = "#view=table&kinds=subsidy,membership&orgkinds=association&years=2021-2023&amount=1000-60000&focus=ccimp&depth=2&path=metropole-amp,ave&layout=radial";
    let route = Route::parse(hash);
    assert_eq!(route.link_kinds.iter().copied().collect::<Vec<_>>(), [LinkKind::Subsidy, LinkKind::Membership]);
    assert_eq!(route.org_kinds.iter().copied().collect::<Vec<_>>(), [OrgKind::Association]);
    assert_eq!(route.years, Some((2021, 2023)));
    assert_eq!(route.amount, Some((1000, 60000)));
    assert_eq!(route.focus, Some(("ccimp".to_string(), 2)));
    assert_eq!(route.path, Some(("metropole-amp".to_string(), "ave".to_string())));
    assert_eq!(route.layout, LayoutKind::Radial);
    assert_eq!(route.to_hash(), hash);
    assert_eq!(Route::parse("#years=2021").years, Some((2021, 2021)));
    assert_eq!(Route::parse("#years=2021").to_hash(), "#years=2021");
    assert_eq!(Route::parse("#years=2023-2021").years, Some((2021, 2023)));
    assert_eq!(Route::parse("#depth=2&focus=ave").focus, Some(("ave".to_string(), 2)));
    assert_eq!(Route::parse("#kinds=gift,subsidy").link_kinds.len(), 1);
    assert_eq!(Route::parse("#present").present, Some(1));
    assert_eq!(Route::parse("#present=3").present, Some(3));
    assert_eq!(Route::parse("#present=3").to_hash(), "#present=3");
    assert_eq!(Route::parse("#present").to_hash(), "#present");
    assert!(!route.without_filters().has_filters());
    assert_eq!(route.without_filters().path, None);
    assert_eq!(route.without_filters().layout, LayoutKind::Radial);
}

#[test]
fn amounts_and_dates_read_the_french_way() {
    assert_eq!(locale::euros(Cents(1_420_500)), "14\u{202F}205\u{A0}€");
    assert_eq!(locale::euros(Cents(123_450)), "1\u{202F}234,50\u{A0}€");
    assert_eq!(locale::euros(Cents(5)), "0,05\u{A0}€");
    assert_eq!(locale::integer(1_200_000), "1\u{202F}200\u{202F}000");
    assert_eq!(locale::date(IsoDate::parse("2023-12-07").unwrap()), "7 décembre 2023");
    assert_eq!(locale::date(IsoDate::parse("2024-01-01").unwrap()), "1er janvier 2024");
    assert_eq!(locale::date(IsoDate::parse("2024-06").unwrap()), "juin 2024");
    assert_eq!(Lang::En.date(IsoDate::parse("2023-12-07").unwrap()), "7 December 2023");
    assert_eq!(Lang::En.euros(Cents(1_420_500)), "€14,205");
    assert_eq!(Lang::En.integer(1_200_000), "1,200,000");
    assert_eq!(locale::fold("Pôle Emploi Méditerranée"), "pole emploi mediterranee");
    assert!(IsoDate::parse("2024-02-29").is_some());
    assert!(IsoDate::parse("2023-02-29").is_none());
    assert!(IsoDate::parse("2023-13").is_none());
    assert!(IsoDate::parse("23-01-01").is_none());
}

#[test]
fn latin_case_mapping_agrees_with_unicode() {
    // The hand-written mapping covers U+0000–U+017F; it must agree with the standard library
    // wherever Unicode maps a letter of that range to a single letter of that range.
    let latin = |c: char| (c as u32) < 0x180;
    for c in (0..0x180u32).filter_map(char::from_u32) {
        let single = |mapped: Vec<char>| match mapped[..] {
            [one] if latin(one) => Some(one),
            _ => None,
        };
        let (lower, upper) = (single(c.to_lowercase().collect()), single(c.to_uppercase().collect()));
        assert_eq!(locale::lowercase(c), lower.unwrap_or(if c == 'İ' { 'i' } else { c }), "lowercase of {c}");
        assert_eq!(locale::uppercase(c), upper.unwrap_or(c), "uppercase of {c}");
    }
    assert_eq!(locale::fold("ŒUVRE D'ÉTÉ À L’ÎLE"), "œuvre d'ete a l'ile");
    assert_eq!(carte_partenariats::core::i18n::capitalise("échange de données"), "Échange de données");
}

#[test]
fn the_table_sorts_by_any_column_both_ways() {
    let d = minimal();
    let m = &d.model;
    let all = Visible::all(m);
    let by_amount = table::sorted_rows(m, &all, Some(Sort { column: Column::Amount, ascending: false }));
    assert_eq!(m.links[by_amount[0]].id, "sub-2024");
    let by_amount_up = table::sorted_rows(m, &all, Some(Sort { column: Column::Amount, ascending: true }));
    assert_eq!(m.links[by_amount_up[0]].id, "conv-2024");
    let by_kind = table::sorted_rows(m, &all, Some(Sort { column: Column::Kind, ascending: true }));
    assert_eq!(table::cell(m, by_kind[0], Column::Kind, Lang::Fr), "convention de partenariat");
    assert_eq!(table::cell(m, by_kind[1], Column::Amount, Lang::Fr), "1\u{202F}234,50\u{A0}€");
    assert_eq!(table::period(m, by_kind[0], Lang::Fr), "du 14 mars 2024 au 31 décembre 2026");
    assert_eq!(table::period(m, by_kind[0], Lang::En), "from 14 March 2024 to 31 December 2026");
    assert_eq!(table::cell(m, by_kind[1], Column::Amount, Lang::En), "€1,234.50");
    assert_eq!(table::cell(m, by_kind[1], Column::Decision, Lang::Fr), "TST-001/24/CM (14 mars 2024)");
}

#[test]
fn the_csv_holds_the_rows_shown_and_cannot_run_formulas() {
    let d = minimal();
    let rows = table::sorted_rows(&d.model, &Visible::all(&d.model), None);
    let csv = table::to_csv(&d.model, &rows, Lang::Fr);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert!(lines[0].starts_with("\u{FEFF}id;de;à;nature"));
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("sub-2024;Ville de Test;Association Témoin;subvention;"));
    assert!(lines[1].contains(";1234,50;TST-001/24/CM;"));

    let mut hostile = d.model.clone();
    hostile.organizations[0].name = "=HYPERLINK(\"http://x\";\"clic\")".into();
    let csv = table::to_csv(&hostile, &rows, Lang::Fr);
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\""), "{csv}");
    let english = table::to_csv(&d.model, &rows, Lang::En);
    assert!(english.starts_with("\u{FEFF}id,from,to,kind"), "{english}");
    assert!(english.contains(",1234.50,TST-001/24/CM,"), "{english}");
}

#[test]
fn messages_are_filled_in_one_pass_and_leave_unknown_braces_alone() {
    assert_eq!(
        fill("du {from} au {to} sur {total}", &[("from", "1"), ("to", "200"), ("total", "10 000")]),
        "du 1 au 200 sur 10 000"
    );
    // A value that looks like a placeholder is written as it is, whatever the order of the keys.
    assert_eq!(fill("{name} : {n} liens", &[("name", "Fonds {n}"), ("n", "3")]), "Fonds {n} : 3 liens");
    assert_eq!(fill("{n} : {name}", &[("n", "3"), ("name", "Fonds {n}")]), "3 : Fonds {n}");
    // Braces that are not a known key, or not closed, stay in the text.
    assert_eq!(fill("{a} {inconnu} {", &[("a", "é")]), "é {inconnu} {");
    assert_eq!(fill("{a}{a}", &[("a", "x")]), "xx");
}
