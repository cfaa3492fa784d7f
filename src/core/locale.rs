//! French formatting of amounts, numbers and dates, as the Métropole's own documents write them.
//!
//! Grouping uses the narrow no-break space (U+202F) and the euro sign follows a no-break space
//! (U+00A0), like `Intl.NumberFormat("fr-FR")`, so that "14 205 €" never breaks across lines.

use super::model::{Cents, IsoDate};

pub const NARROW_NBSP: char = '\u{202F}';
pub const NBSP: char = '\u{00A0}';

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// `1200000` → "1 200 000".
pub fn integer(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NARROW_NBSP);
        }
        out.push(c);
    }
    out
}

/// `Cents(1420500)` → "14 205 €"; cents are shown only when there are some: "14 205,50 €".
pub fn euros(amount: Cents) -> String {
    let whole = integer(amount.euros());
    match amount.cents_part() {
        0 => format!("{whole}{NBSP}€"),
        c => format!("{whole},{c:02}{NBSP}€"),
    }
}

/// `2023-12-07` → "7 décembre 2023"; `2024-06` → "juin 2024"; `2027` → "2027".
/// The first day of a month is written "1er", as French typography wants.
pub fn date(d: IsoDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(1)) => format!("1er {} {}", MONTHS[usize::from(m) - 1], d.year),
        (Some(m), Some(day)) => format!("{day} {} {}", MONTHS[usize::from(m) - 1], d.year),
        (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], d.year),
        _ => d.year.to_string(),
    }
}

/// "1 acte", "3 actes": French plural for counts shown to users.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{}{NBSP}{}", integer(n as u64), if n > 1 { plural } else { singular })
}

/// Folds case and the accents of Latin-1 (French, and the names of partners from elsewhere: "Peña"),
/// for search and sorting: "Pôle Emploi" → "pole emploi".
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match lowercase(c) {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'ø' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ÿ' | 'ý' => 'y',
            '’' => '\'',
            other => other,
        })
        .collect()
}

// Case is mapped by hand for Latin-1 and Latin Extended-A (U+0000–U+017F: French and the other
// languages written in the data); letters of other scripts are left as they are. The standard
// library's full Unicode case mapping would bring some 24 KB of tables into the browser build.

/// The small letter of a Latin capital (`É` → `é`, `Œ` → `œ`); any other character unchanged.
pub fn lowercase(c: char) -> char {
    let code = c as u32;
    let small = match code {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => code + 0x20,
        // Latin Extended-A puts each capital just before its small letter.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if code.is_multiple_of(2) => code + 1,
        0x139..=0x148 | 0x179..=0x17E if code % 2 == 1 => code + 1,
        0x130 => 0x69,
        0x178 => 0xFF,
        _ => code,
    };
    char::from_u32(small).unwrap_or(c)
}

/// The capital of a small Latin letter (`é` → `É`); any other character unchanged.
pub fn uppercase(c: char) -> char {
    let code = c as u32;
    let capital = match code {
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE => code - 0x20,
        0x101..=0x130 | 0x133..=0x138 | 0x14B..=0x178 if code % 2 == 1 => code - 1,
        0x13A..=0x149 | 0x17A..=0x17F if code.is_multiple_of(2) => code - 1,
        0x131 => 0x49,
        0x17F => 0x53,
        0xFF => 0x178,
        _ => code,
    };
    char::from_u32(capital).unwrap_or(c)
}

/// Whether a character is part of a word for search: a digit or a Latin letter. (Other scripts
/// count as separators; `char::is_alphanumeric` would bring Unicode tables along.)
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '\u{C0}'..='\u{24F}') && c != '×' && c != '÷'
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `1200000` → "1,200,000".
pub fn integer_en(value: u64) -> String {
    integer(value).replace(NARROW_NBSP, ",")
}

/// `Cents(1420500)` → "€14,205"; "€14,205.50" with cents.
pub fn euros_en(amount: Cents) -> String {
    let whole = integer_en(amount.euros());
    match amount.cents_part() {
        0 => format!("€{whole}"),
        c => format!("€{whole}.{c:02}"),
    }
}

/// `2023-12-07` → "7 December 2023"; `2024-06` → "June 2024".
pub fn date_en(d: IsoDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day} {} {}", MONTHS_EN[usize::from(m) - 1], d.year),
        (Some(m), None) => format!("{} {}", MONTHS_EN[usize::from(m) - 1], d.year),
        _ => d.year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn fold_reads_the_accents_of_latin_1_names() {
        assert_eq!(fold("Société Müller & Peña"), "societe muller & pena");
        assert_eq!(fold("SÃO TOMÉ, Ångström, Øresund, Ýdalir, Ìsola"), "sao tome, angstrom, oresund, ydalir, isola");
        // Ligatures stay one letter here: folding keeps one character for one.
        assert_eq!(fold("ŒUVRE D’ÉTÉ"), "œuvre d'ete");
    }
}
