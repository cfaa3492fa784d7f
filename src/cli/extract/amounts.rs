//! Amounts in euros ("50 000 euros", "14 205€", "1 200,50 €", "1,2 million d'euros", "2 M€") and
//! what each one is (subvention, cotisation, coût total…), from the words of its sentence.

use std::collections::HashMap;

use crate::core::model::Cents;

use super::text::{fold_char, Folded, Sentence};
use super::Amount;

/// Every amount, once per (what, euros), in the order of the text: the sentence of the deciding
/// part is kept over the report's. The notes say which amounts the text does not name.
pub(super) fn find_amounts(sentences: &[Sentence]) -> (Vec<Amount>, Vec<String>) {
    let mut found: Vec<(usize, bool, Amount)> = Vec::new();
    let mut index: HashMap<(&'static str, String), usize> = HashMap::new();
    let mut notes = Vec::new();
    for (ix, s) in sentences.iter().enumerate() {
        let amounts = amounts_in(&s.text);
        if amounts.is_empty() {
            continue;
        }
        let f = Folded::new(&s.text);
        let hits = nature_hits(&f.text);
        for (start, cents) in amounts {
            let euros = euros_string(cents);
            let what = nature_of(&f, &hits, start).unwrap_or("montant");
            // The sentence is copied only for a new amount, or for the deciding part's over the report's.
            match index.get(&(what, euros.clone())) {
                Some(&at) if !found[at].1 && s.deciding => {
                    found[at] = (ix, true, Amount { what: what.to_string(), euros, context: s.text.clone() })
                }
                Some(_) => {}
                None => {
                    if what == "montant" {
                        notes.push(format!("nature du montant de {euros} € non précisée : « {} »", s.text));
                    }
                    index.insert((what, euros.clone()), found.len());
                    found.push((ix, s.deciding, Amount { what: what.to_string(), euros, context: s.text.clone() }));
                }
            }
        }
    }
    found.sort_by_key(|(ix, _, _)| *ix);
    (found.into_iter().map(|(_, _, a)| a).collect(), notes)
}

/// Amounts in euros in a sentence: (byte start, value). "50 000 euros", "50.000 euros",
/// "14 205€", "1 200,50 €", "1,2 million d'euros", "2 M€".
pub(super) fn amounts_in(sentence: &str) -> Vec<(usize, Cents)> {
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let len = chars.len();
    let digit = |k: usize| k < len && chars[k].1.is_ascii_digit();
    let mut out = Vec::new();
    let mut k = 0;
    while k < len {
        let glued = k > 0 && (chars[k - 1].1.is_alphanumeric() || matches!(chars[k - 1].1, ',' | '.' | '/' | '-'));
        if !digit(k) || glued {
            k += 1;
            continue;
        }
        let start = k;
        let mut digits = String::new();
        while digit(k) {
            digits.push(chars[k].1);
            k += 1;
        }
        // Thousands groups: a first group of at most three digits, then exactly three at a time.
        if digits.len() <= 3 {
            while k + 3 < len + 1
                && k < len
                && matches!(chars[k].1, ' ' | '.' | '\u{a0}' | '\u{202f}' | '\u{2009}')
                && digit(k + 1)
                && digit(k + 2)
                && digit(k + 3)
                && !digit(k + 4)
            {
                for d in 1..=3 {
                    digits.push(chars[k + d].1);
                }
                k += 4;
            }
        }
        let mut fraction = String::new();
        if k + 1 < len && matches!(chars[k].1, ',' | '.') && digit(k + 1) {
            let mut m = k + 1;
            let mut f = String::new();
            while digit(m) {
                f.push(chars[m].1);
                m += 1;
            }
            fraction = f;
            k = m;
        }
        let after = chars.get(k).map_or(sentence.len(), |c| c.0);
        // Only the few words after the number say whether it is money (and folding more would
        // make long lines quadratic).
        let rest: String = sentence[after..].chars().take(40).map(fold_char).collect();
        let rest = rest.trim_start();
        let multiplier: Option<u128> =
            if rest.starts_with('€') || rest.starts_with("euro") || rest.starts_with("eur ") || rest == "eur" {
                Some(1)
            } else if rest.starts_with("m€")
                || rest.starts_with("million")
                    && (rest.contains("d'euro") || rest.contains("d'€") || rest.contains("€"))
            {
                // "1,2 million d'euros": the currency must come right after the word.
                let after_word = rest.trim_start_matches(|c: char| c.is_alphabetic()).trim_start();
                (rest.starts_with("m€") || after_word.starts_with("d'euro") || after_word.starts_with('€'))
                    .then_some(1_000_000)
            } else if rest.starts_with("k€") {
                Some(1000)
            } else {
                None
            };
        if let Some(mult) = multiplier {
            let mantissa: Option<u128> = format!("{digits}{fraction}").parse().ok();
            let scale = 10u128.checked_pow(fraction.len() as u32);
            if let (Some(mantissa), Some(scale)) = (mantissa, scale) {
                let hundredfold = mantissa.checked_mul(mult).and_then(|v| v.checked_mul(100));
                if let Some(h) = hundredfold {
                    if h % scale == 0 {
                        if let Ok(cents) = u64::try_from(h / scale) {
                            out.push((chars[start].0, Cents(cents)));
                        }
                    }
                }
            }
        }
    }
    out
}

fn euros_string(c: Cents) -> String {
    if c.cents_part() == 0 {
        c.euros().to_string()
    } else {
        format!("{}.{:02}", c.euros(), c.cents_part())
    }
}

/// What an amount is, from the words of its sentence: (folded needle, name).
const NATURES: [(&str, &str); 27] = [
    ("cout total", "coût total"),
    ("cout global", "coût total"),
    ("montant total", "montant total"),
    ("cotisation", "cotisation"),
    ("adhesion", "cotisation"),
    ("subvention", "subvention"),
    ("fonds de concours", "fonds de concours"),
    ("participation", "participation"),
    ("dotation", "dotation"),
    ("avance", "avance"),
    ("pret", "prêt"),
    ("garantie", "garantie d'emprunt"),
    ("loyer", "loyer"),
    ("redevance", "redevance"),
    ("indemnite", "indemnité"),
    ("remboursement", "remboursement"),
    ("contribution", "contribution"),
    ("cofinancement", "financement"),
    ("co-financement", "financement"),
    ("financement", "financement"),
    ("enveloppe", "enveloppe"),
    ("marche", "marché"),
    ("cout", "coût"),
    ("prix", "prix"),
    ("aide", "aide"),
    ("prime", "prime"),
    ("budget", "budget"),
];

/// Positions of a nature word: at a word start, ending the word or followed by a plural mark.
fn nature_hits(f: &str) -> Vec<(usize, usize, &'static str)> {
    let mut hits = Vec::new();
    for (needle, name) in NATURES {
        let mut from = 0;
        while let Some(rel) = f.get(from..).and_then(|h| h.find(needle)) {
            let at = from + rel;
            let end = at + needle.len();
            let before_ok = f[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after_ok = f[end..].chars().next().is_none_or(|c| !c.is_alphabetic() || c == 's' || c == 'x');
            let plural_ok =
                f[end..].chars().nth(1).is_none_or(|c| !c.is_alphabetic()) || !f[end..].starts_with(['s', 'x']);
            if before_ok && after_ok && plural_ok {
                hits.push((at, needle.len(), name));
            }
            from = end;
        }
    }
    hits
}

fn nature_of(f: &Folded, hits: &[(usize, usize, &'static str)], amount_start: usize) -> Option<&'static str> {
    // The nearest word before the amount (the longer one on a tie), else the first after it.
    let before =
        hits.iter().filter(|(at, _, _)| f.orig(*at) < amount_start).max_by_key(|(at, len, _)| (*at, *len)).map(|h| h.2);
    before.or_else(|| {
        hits.iter()
            .filter(|(at, _, _)| f.orig(*at) > amount_start)
            .min_by_key(|(at, len, _)| (*at, usize::MAX - *len))
            .map(|h| h.2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The amounts of a sentence in cents.
    fn cents(sentence: &str) -> Vec<u64> {
        amounts_in(sentence).into_iter().map(|(_, c)| c.0).collect()
    }

    fn sentence(text: &str, deciding: bool) -> Sentence {
        Sentence { text: text.to_string(), deciding }
    }

    #[test]
    fn amounts_with_spaces_points_and_no_break_spaces() {
        assert_eq!(cents("une subvention de 50 000 euros"), [5_000_000]);
        assert_eq!(cents("une subvention de 50.000 euros"), [5_000_000]);
        assert_eq!(cents("une cotisation de 14\u{a0}205 €"), [1_420_500]);
        assert_eq!(cents("soit 1\u{202f}200,50\u{a0}€ TTC"), [120_050]);
        assert_eq!(cents("pour un montant de 14205€"), [1_420_500]);
        assert_eq!(cents("SOIT 3 000,50 EUROS"), [300_050]);
    }

    #[test]
    fn amounts_in_millions_and_thousands() {
        assert_eq!(cents("un coût total de 1,2 million d'euros"), [120_000_000]);
        assert_eq!(cents("un coût total de 1,2 million d’euros"), [120_000_000]);
        assert_eq!(cents("une enveloppe de 2 M€"), [200_000_000]);
        assert_eq!(cents("une aide de 15 k€"), [1_500_000]);
        // "millions de personnes" is not money.
        assert!(cents("pour 2 millions de visiteurs, 300 euros").contains(&30_000));
        assert_eq!(cents("pour 2 millions de visiteurs"), Vec::<u64>::new());
    }

    #[test]
    fn numbers_that_are_not_money_are_not_amounts() {
        assert!(cents("chapitre 65, article 6574, exercice 2024").is_empty());
        assert!(cents("convention n°2024-031 du 15/04/2021").is_empty());
        assert!(cents("MET 21/18706/BM").is_empty());
        // A fourth digit after a group of three is another number, not a thousands group.
        assert_eq!(cents("les 12 3456 euros"), [345_600]);
    }

    #[test]
    fn euros_are_written_as_the_format_wants() {
        assert_eq!(euros_string(Cents(1_420_500)), "14205");
        assert_eq!(euros_string(Cents(5_000_050)), "50000.50");
    }

    #[test]
    fn each_amount_says_what_it_is() {
        let (amounts, notes) = find_amounts(&[sentence(
            "Une subvention de 14 205 € est attribuée pour un coût total de 50 000 euros.",
            true,
        )]);
        let what: Vec<(&str, &str)> = amounts.iter().map(|a| (a.what.as_str(), a.euros.as_str())).collect();
        assert_eq!(what, [("subvention", "14205"), ("coût total", "50000")]);
        assert!(notes.is_empty());
    }

    #[test]
    fn the_deciding_sentence_is_kept_over_the_report() {
        let (amounts, _) = find_amounts(&[
            sentence("Il est proposé d'attribuer une subvention de 12 500 € à l'association.", false),
            sentence("Article 1 : Une subvention de 12 500 € est attribuée à l'association.", true),
        ]);
        assert_eq!(amounts.len(), 1);
        assert!(amounts[0].context.starts_with("Article 1"));
    }

    #[test]
    fn an_amount_of_no_said_nature_is_reported() {
        let (amounts, notes) = find_amounts(&[sentence("La somme de 300 € sera versée.", true)]);
        assert_eq!(amounts[0].what, "montant");
        assert_eq!(notes, ["nature du montant de 300 € non précisée : « La somme de 300 € sera versée. »"]);
    }

    #[test]
    fn plurals_count_but_longer_words_do_not() {
        let f = Folded::new("Les cotisations de 500 € ; les subventionnements de 200 €");
        let hits = nature_hits(&f.text);
        assert!(hits.iter().any(|h| h.2 == "cotisation"));
        assert!(!hits.iter().any(|h| h.2 == "subvention"));
    }
}
