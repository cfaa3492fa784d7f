//! Euro amounts as French deliberations and spreadsheets write them, read exactly or refused
//! with the reason: "14 205", "1 234,56", "38.500" and "1.620,69" (French thousands with dots),
//! "2 700 200.00", "15.000". Digits group by three: "1 50" is not 150 € and "12 34,56" is not
//! 1 234,56 €; a wrong total is worse than a question.

use crate::core::locale;
use crate::core::model::{AmountError, Cents};

/// Why an amount cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Nothing but spaces and marks.
    Empty,
    /// Not digits with marks.
    NotANumber,
    /// Digits grouped otherwise than by three ("1 50", "12 34,56", "1.5.000").
    Grouping,
    /// More than two decimals ("12,345 €": a decimal comma with three digits).
    TooPrecise,
    /// Negative.
    Negative,
    /// Beyond what an amount can be.
    TooLarge,
}

impl MoneyError {
    /// The reason in French, to follow the amount as written.
    pub fn reason(self) -> &'static str {
        match self {
            MoneyError::Empty => "valeur vide",
            MoneyError::NotANumber => "ce n'est pas un nombre",
            MoneyError::Grouping => "les chiffres se groupent par trois (1 500, 12 345,67)",
            MoneyError::TooPrecise => "plus de deux décimales",
            MoneyError::Negative => "montant négatif",
            MoneyError::TooLarge => "montant trop grand",
        }
    }
}

/// An amount as a French reader writes it, with plain spaces for a terminal: "38 500 €", "1 200,50 €".
pub fn display(amount: Cents) -> String {
    locale::euros(amount).replace(['\u{202f}', '\u{a0}'], " ")
}

/// Euros from their number as written: spaces (any kind) or dots group the thousands, a comma
/// (or a dot followed by one or two digits) marks the decimals. A single dot followed by three
/// digits groups thousands ("15.000" is fifteen thousand), as in French.
pub fn parse_euros(written: &str) -> Result<Cents, MoneyError> {
    let text = written.trim();
    if text.is_empty() {
        return Err(MoneyError::Empty);
    }
    let (negative, text) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || is_space(c) || matches!(c, '.' | ',')) {
        return Err(MoneyError::NotANumber);
    }
    let spaced = ungroup_spaces(text)?;
    let plain = decimal_point(&spaced)?;
    if negative && plain.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        return Err(MoneyError::Negative);
    }
    Cents::parse_euros(&plain).map_err(|e| match e {
        AmountError::Negative => MoneyError::Negative,
        AmountError::NotDecimal => MoneyError::NotANumber,
        AmountError::TooPrecise => MoneyError::TooPrecise,
        AmountError::TooLarge => MoneyError::TooLarge,
    })
}

/// The spaces that group digits: ordinary, no-break, narrow no-break, thin, figure.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// Groups separated by spaces joined: the first of one to three digits, each other of three (the
/// last one may carry the decimals).
fn ungroup_spaces(text: &str) -> Result<String, MoneyError> {
    let parts: Vec<&str> = text.split(is_space).filter(|p| !p.is_empty()).collect();
    if parts.len() == 1 {
        return Ok(parts[0].to_string());
    }
    let integer_digits = |p: &str| p.split([',', '.']).next().unwrap_or("").len();
    let first_ok = (1..=3).contains(&integer_digits(parts[0])) && !parts[0].contains([',', '.']);
    let middle_ok = parts[1..parts.len() - 1].iter().all(|p| p.len() == 3 && !p.contains([',', '.']));
    let last = parts[parts.len() - 1];
    let last_ok = integer_digits(last) == 3 && last.bytes().filter(|b| matches!(b, b',' | b'.')).count() <= 1;
    if first_ok && middle_ok && last_ok {
        Ok(parts.concat())
    } else {
        Err(MoneyError::Grouping)
    }
}

/// Grouping dots or commas and the decimal mark rewritten to the `1234.56` that `Cents` reads.
/// With both marks, the last one is the decimal mark; a mark seen several times groups.
fn decimal_point(text: &str) -> Result<String, MoneyError> {
    let (commas, dots) = (text.matches(',').count(), text.matches('.').count());
    match (commas, dots) {
        (0, 0) => Ok(text.to_string()),
        (1, 0) => Ok(text.replace(',', ".")),
        (0, 1) => {
            let (units, decimals) = text.split_once('.').unwrap_or((text, ""));
            Ok(if thousands(units, decimals) { format!("{units}{decimals}") } else { text.to_string() })
        }
        (_, 0) => ungroup(text, ','),
        (0, _) => ungroup(text, '.'),
        _ => {
            let (decimal, grouping) = if text.rfind(',') > text.rfind('.') { (',', '.') } else { ('.', ',') };
            let (units, decimals) = text.rsplit_once(decimal).ok_or(MoneyError::NotANumber)?;
            if decimals.contains(grouping) {
                return Err(MoneyError::Grouping);
            }
            Ok(format!("{}.{decimals}", ungroup(units, grouping)?))
        }
    }
}

/// Whether "units.rest" is a number of thousands: one to three digits, not a lone leading zero,
/// then exactly three ("15.000", "38.500"; not "0.500", "1234.567", "1.5").
fn thousands(units: &str, rest: &str) -> bool {
    (1..=3).contains(&units.len()) && !units.starts_with('0') && rest.len() == 3
}

fn ungroup(text: &str, mark: char) -> Result<String, MoneyError> {
    let groups: Vec<&str> = text.split(mark).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if first_ok && rest_ok {
        Ok(groups.concat())
    } else {
        Err(MoneyError::Grouping)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn euros(text: &str) -> Result<u64, MoneyError> {
        parse_euros(text).map(|c| c.0)
    }

    #[test]
    fn amounts_as_french_texts_write_them() {
        assert_eq!(euros("14 205"), Ok(1_420_500));
        assert_eq!(euros("14\u{202f}205,50"), Ok(1_420_550));
        assert_eq!(euros("1 234 567"), Ok(123_456_700));
        assert_eq!(euros("38.500"), Ok(3_850_000));
        assert_eq!(euros("15.000"), Ok(1_500_000));
        assert_eq!(euros("1.200"), Ok(120_000));
        assert_eq!(euros("1.620,69"), Ok(162_069));
        assert_eq!(euros("1.620.000"), Ok(162_000_000));
        assert_eq!(euros("2 700 200.00"), Ok(270_020_000));
        assert_eq!(euros("1,5"), Ok(150));
        assert_eq!(euros("1234.56"), Ok(123_456));
        assert_eq!(euros("0.500"), Err(MoneyError::TooPrecise), "a leading zero groups nothing");
        assert_eq!(euros("300"), Ok(30_000));
    }

    #[test]
    fn digits_not_grouped_by_three_are_refused() {
        assert_eq!(euros("1 50"), Err(MoneyError::Grouping));
        assert_eq!(euros("12 34,56"), Err(MoneyError::Grouping));
        assert_eq!(euros("1234 567"), Err(MoneyError::Grouping));
        assert_eq!(euros("12 3456"), Err(MoneyError::Grouping));
        assert_eq!(euros("1.5.000"), Err(MoneyError::Grouping));
        assert_eq!(euros("1 500,5,0"), Err(MoneyError::Grouping));
    }

    #[test]
    fn what_is_no_amount_says_why() {
        assert_eq!(euros(""), Err(MoneyError::Empty));
        assert_eq!(euros("douze"), Err(MoneyError::NotANumber));
        assert_eq!(euros("-12"), Err(MoneyError::Negative));
        assert_eq!(euros("12,345"), Err(MoneyError::TooPrecise));
        assert_eq!(euros("999999999999999999999999"), Err(MoneyError::TooLarge));
        assert!(MoneyError::Grouping.reason().contains("par trois"));
    }
}
