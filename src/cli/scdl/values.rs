//! One cell → one value: amounts, dates and periods, SIRET and RNA numbers, as the files in the
//! wild write them, normalised before the core's own parsers (`Cents`, `IsoDate`) judge them.

use crate::cli::money::{self, MoneyError};
use crate::core::model::{is_rna, is_siret, Cents, IsoDate};

/// A euro amount as the files write it: `1234.56`, `1234,56`, `1 234,56`, `1.234,56`, `15.000`
/// (French thousands), `1 234,56 €`; digits grouped otherwise than by three are refused
/// (`cli::money`).
pub(super) fn parse_amount(raw: &str) -> Result<Cents, String> {
    let mut text = raw.trim().trim_end_matches('€').trim_end().to_string();
    if text.to_ascii_uppercase().ends_with("EUR") {
        text.truncate(text.len() - 3);
    }
    money::parse_euros(&text).map_err(|e| match e {
        MoneyError::Empty => "valeur vide".to_string(),
        why => format!("« {raw} » : {}", why.reason()),
    })
}

/// A date a row cannot do without: an empty or unreadable one is reported under `column`
/// (`empty_note` says why an empty one matters).
pub(super) fn required_date(raw: &str, column: &str, empty_note: &str, problems: &mut Vec<String>) -> Option<IsoDate> {
    if raw.is_empty() {
        problems.push(format!("{column} vide{empty_note}"));
        return None;
    }
    let date = parse_date(raw);
    if date.is_none() {
        problems.push(format!("{column} « {raw} » : date illisible ou impossible (attendu 2023-05-12 ou 12/05/2023)"));
    }
    date
}

/// A date as ISO (`2023-05-12`, possibly with a time after it) or French (`12/05/2023`).
/// Years before 1000 are refused: the format's years have four digits.
pub(super) fn parse_date(raw: &str) -> Option<IsoDate> {
    let day_part = raw.trim().split(['T', ' ']).next().unwrap_or("");
    let date = IsoDate::parse(day_part).or_else(|| {
        let parts: Vec<&str> = day_part.split('/').collect();
        let short = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [d, m, y] if short(d) && short(m) && y.len() == 4 => IsoDate::parse(&format!("{y}-{m:0>2}-{d:0>2}")),
            _ => None,
        }
    })?;
    (date.year >= 1000).then_some(date)
}

/// `datesPeriodeVersement`: ISO dates or intervals (`2023-01-01/2023-12-31`), several joined by
/// `_`. Its earliest and latest dates; `None` when any part is unreadable, as the column is optional.
pub(super) fn parse_period(raw: &str) -> Option<(IsoDate, IsoDate)> {
    let mut dates = Vec::new();
    for part in raw.split('_').flat_map(|p| p.split('/')) {
        dates.push(IsoDate::parse(part.trim()).filter(|d| d.year >= 1000)?);
    }
    let start = dates.iter().min_by_key(|d| d.first_day()).copied()?;
    let end = dates.iter().max_by_key(|d| d.last_day()).copied()?;
    Some((start, end))
}

/// A SIRET with its spaces removed, when it has 14 digits and its Luhn key is right (La Poste's
/// establishments, SIREN 356000000, use a sum of digits divisible by 5 instead).
pub(super) fn siret(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    is_siret(&digits).then_some(digits)
}

/// An RNA number (`W` and nine letters or digits, such as `W133012345` or `W2A1001234`), upper-cased.
pub(super) fn rna(raw: &str) -> Option<String> {
    let text: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    is_rna(&text).then_some(text)
}
