//! Amounts in euros ("50 000 euros", "14 205€", "38.500 €", "1 200,50 €", "1,2 million d'euros",
//! "2 M€"), read by `cli::money` (digits grouped by three, or refused and said), and what each one
//! is (subvention, cotisation, coût total…), from the words of its sentence.

use std::collections::HashMap;

use crate::core::model::{Cents, IsoDate};

use crate::cli::money::{self, is_space, parse_euros, MoneyError};

use super::dates::dates_in;
use super::text::{find_word, fold_char, Folded, Sentence};
use super::Amount;

/// The amounts of a deliberation: those it decides or states, those it only recalls from another act,
/// and what cannot be read.
pub(super) struct AmountsRead {
    pub(super) amounts: Vec<Amount>,
    /// Amounts decided by another act and only recalled (« lors de sa séance du 20 février 2010, a
    /// accordé … 60 000 € »): never a link of this decision.
    pub(super) recalled: Vec<Amount>,
    pub(super) notes: Vec<String>,
}

/// Every amount, once per (what, euros), in the order of the text: the sentence of the deciding
/// part is kept over the report's. An amount a sentence recalls from another act (another séance,
/// an earlier deliberation, « déjà ») is set apart. The notes say which amounts the text does not
/// name. `seance` is the decision's own date, which a recalled act does not bear.
pub(super) fn find_amounts(sentences: &[Sentence], seance: Option<IsoDate>) -> AmountsRead {
    let mut found: Vec<(usize, bool, Amount)> = Vec::new();
    let mut index: HashMap<(&'static str, String), usize> = HashMap::new();
    let mut recalled: Vec<Amount> = Vec::new();
    let mut notes = Vec::new();
    for (ix, s) in sentences.iter().enumerate() {
        let money = money_in(&s.text);
        if money.is_empty() {
            continue;
        }
        let f = Folded::new(&s.text);
        let hits = nature_hits(&f.text);
        let mut amounts = Vec::new();
        for (start, read) in money {
            match read {
                Ok(cents) => amounts.push((start, cents)),
                Err((written, why)) => {
                    let note = format!("montant illisible « {written} » ({}) : « {} »", why.reason(), s.text);
                    if !notes.contains(&note) {
                        notes.push(note);
                    }
                }
            }
        }
        let starts: Vec<usize> = amounts.iter().map(|(start, _)| *start).collect();
        for (k, &(start, cents)) in amounts.iter().enumerate() {
            let euros = euros_string(cents);
            let what = nature_of(&f, &hits, start).unwrap_or("montant");
            let previous = k.checked_sub(1).map_or(0, |p| starts[p]);
            if recalls(&f, previous, start, seance) {
                let a = Amount { what: what.to_string(), euros, context: s.text.clone() };
                if !recalled.iter().any(|r| r.what == a.what && r.euros == a.euros) {
                    recalled.push(a);
                }
                continue;
            }
            // The sentence is copied only for a new amount, or for the deciding part's over the report's.
            match index.get(&(what, euros.clone())) {
                Some(&at) if !found[at].1 && s.deciding => {
                    found[at] = (ix, true, Amount { what: what.to_string(), euros, context: s.text.clone() })
                }
                Some(_) => {}
                None => {
                    if what == "montant" {
                        notes.push(format!(
                            "nature du montant de {} non précisée : « {} »",
                            money::display(cents),
                            s.text
                        ));
                    }
                    index.insert((what, euros.clone()), found.len());
                    found.push((ix, s.deciding, Amount { what: what.to_string(), euros, context: s.text.clone() }));
                }
            }
        }
    }
    found.sort_by_key(|(ix, _, _)| *ix);
    AmountsRead { amounts: found.into_iter().map(|(_, _, a)| a).collect(), recalled, notes }
}

/// Words that point an amount to another act: another séance, an earlier deliberation, « déjà ».
const RECALL_BEFORE: [&str; 12] = [
    "lors de",
    "lors d'un",
    "lors du",
    "par deliberation",
    "par sa deliberation",
    "deja",
    "precedemment",
    "auparavant",
    "l'an dernier",
    "l'annee derniere",
    "avait",
    "avaient",
];

/// The same, after the amount (« dont 116 000 € ont déjà été votés lors d'un précédent Conseil »).
/// (« avait » after an amount tells of something else: « …qui avait été prise par erreur »).
const RECALL_AFTER: [&str; 5] = ["deja", "lors de", "lors d'un", "par deliberation", "precedemment"];

/// Whether the amount at byte `start` of a sentence is recalled from another act: a word of
/// `RECALL_BEFORE` in its clause before it (from the previous amount, 160 characters at most), a
/// word of `RECALL_AFTER` just after it, or a date of another séance before it (« Le 25 Octobre 2010,
/// le Conseil Municipal … a reçu la somme de 100 000 euros », « lors de sa séance du 20 février
/// 2010 »). The passé composé alone recalls nothing: minutes tell their own séance's decisions so.
fn recalls(f: &Folded, previous: usize, start: usize, seance: Option<IsoDate>) -> bool {
    let at = f.map.iter().position(|&o| o >= start).unwrap_or(f.text.len());
    let from = f.map.iter().position(|&o| o >= previous).unwrap_or(0).max(at.saturating_sub(160));
    let from = (0..=from).rev().find(|&i| f.text.is_char_boundary(i)).unwrap_or(0);
    let before = &f.text[from..at];
    let after: String =
        f.text[at..].chars().skip_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | ',')).take(40).collect();
    let marked = RECALL_BEFORE.iter().any(|m| find_word(before, m).is_some())
        || RECALL_AFTER.iter().any(|m| find_word(&after, m).is_some());
    let other_seance = dates_in(before).into_iter().any(|d| {
        let words: Vec<&str> = before[..d.start].split_whitespace().collect();
        let opens_sentence = words.len() <= 2;
        let of_an_act = words.iter().rev().take(3).any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            matches!(w, "seance" | "deliberation" | "conseil" | "bureau")
        });
        d.date.day.is_some() && Some(d.date) != seance && (opens_sentence || of_an_act)
    });
    marked || other_seance
}

/// A sum of money in a sentence: its value, or the amount as written and why it cannot be read.
pub(super) type Money = Result<Cents, (String, MoneyError)>;

/// Amounts in euros in a sentence, read: (byte start, value). See `money_in`.
pub(super) fn amounts_in(sentence: &str) -> Vec<(usize, Cents)> {
    money_in(sentence).into_iter().filter_map(|(at, m)| m.ok().map(|c| (at, c))).collect()
}

/// Every sum of money in a sentence, read or refused: (byte start, value, or the amount as
/// written and why it cannot be read). "50 000 euros", "38.500 €", "14 205€", "1 200,50 €",
/// "1,2 million d'euros", "2 M€", "15 k€"; "1 50 €" is refused, never read as 150 € nor 50 €.
pub(super) fn money_in(sentence: &str) -> Vec<(usize, Money)> {
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
        // The whole run of digits and the marks between them: a number is read whole or not at all.
        let start = k;
        while digit(k) || (k + 1 < len && (is_space(chars[k].1) || matches!(chars[k].1, '.' | ',')) && digit(k + 1)) {
            k += 1;
        }
        let number_end = chars.get(k).map_or(sentence.len(), |c| c.0);
        let number = &sentence[chars[start].0..number_end];
        // Only the few words after the number say whether it is money (and folding more would
        // make long lines quadratic).
        let rest: String = sentence[number_end..].chars().take(40).map(fold_char).collect();
        let Some((multiplier, unit_len)) = currency(&rest) else { continue };
        let value =
            parse_euros(number).and_then(|c| c.0.checked_mul(multiplier).map(Cents).ok_or(MoneyError::TooLarge));
        let written_end = (number_end + unit_len).min(sentence.len());
        let written = sentence.get(chars[start].0..written_end).unwrap_or(number).trim_end().to_string();
        out.push((chars[start].0, value.map_err(|why| (written, why))));
    }
    out
}

/// The currency after a number, as (multiplier, bytes of the unit in the folded rest — close
/// enough to quote it): "€", "euros", "EUR", "M€", "million(s) d'euros", "k€".
fn currency(rest: &str) -> Option<(u64, usize)> {
    let trimmed = rest.trim_start();
    let lead = rest.len() - trimmed.len();
    let word_len = |w: &str| lead + w.len();
    if trimmed.starts_with('€') {
        return Some((1, word_len("€")));
    }
    if trimmed.starts_with("euro") {
        let end = trimmed.find(|c: char| !c.is_alphabetic()).unwrap_or(trimmed.len());
        return Some((1, lead + end));
    }
    if trimmed.starts_with("eur ") || trimmed == "eur" {
        return Some((1, word_len("eur")));
    }
    if trimmed.starts_with("m€") {
        return Some((1_000_000, word_len("m€")));
    }
    if trimmed.starts_with("k€") {
        return Some((1000, word_len("k€")));
    }
    if trimmed.starts_with("million") {
        // "1,2 million d'euros": the currency must come right after the word.
        let after_word = trimmed.trim_start_matches(|c: char| c.is_alphabetic()).trim_start();
        if after_word.starts_with("d'euro") || after_word.starts_with("d'€") || after_word.starts_with('€') {
            let end = trimmed.len() - after_word.len();
            return Some((1_000_000, lead + end));
        }
    }
    None
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

    /// The amounts and notes of some sentences read on their own (no séance date).
    fn read(sentences: &[Sentence]) -> (Vec<Amount>, Vec<String>) {
        let r = find_amounts(sentences, None);
        (r.amounts, r.notes)
    }

    #[test]
    fn amounts_with_spaces_points_and_no_break_spaces() {
        assert_eq!(cents("une subvention de 50 000 euros"), [5_000_000]);
        assert_eq!(cents("une subvention de 50.000 euros"), [5_000_000]);
        assert_eq!(cents("une cotisation de 14\u{a0}205 €"), [1_420_500]);
        assert_eq!(cents("soit 1\u{202f}200,50\u{a0}€ TTC"), [120_050]);
        assert_eq!(cents("pour un montant de 14205€"), [1_420_500]);
        assert_eq!(cents("SOIT 3 000,50 EUROS"), [300_050]);
        assert_eq!(cents("une participation de 38.500 € au PLIE"), [3_850_000]);
        assert_eq!(cents("une subvention de 1.200 euros"), [120_000]);
        assert_eq!(cents("Loyer mensuel : 1.620,69 €, soit 11.850 € HT"), [162_069, 1_185_000]);
        assert_eq!(cents("un coût total de 2 700 200.00 € TTC"), [270_020_000]);
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
        // Digits not grouped by three are no amount at all: neither 123 456 € nor 3 456 €.
        assert!(cents("les 12 3456 euros").is_empty());
        assert!(cents("une subvention de 1 50 €").is_empty());
        assert!(cents("soit 12 34,56 € TTC").is_empty());
    }

    #[test]
    fn a_sum_that_cannot_be_read_is_said_with_its_sentence() {
        let (amounts, notes) = read(&[sentence("Article 1 : une subvention de 12 34,56 € est attribuée.", true)]);
        assert!(amounts.is_empty());
        assert_eq!(
            notes,
            ["montant illisible « 12 34,56 € » (les chiffres se groupent par trois (1 500, 12 345,67)) : « Article 1 : \
              une subvention de 12 34,56 € est attribuée. »"]
        );
    }

    #[test]
    fn euros_are_written_as_the_format_wants() {
        assert_eq!(euros_string(Cents(1_420_500)), "14205");
        assert_eq!(euros_string(Cents(5_000_050)), "50000.50");
    }

    #[test]
    fn each_amount_says_what_it_is() {
        let (amounts, notes) =
            read(&[sentence("Une subvention de 14 205 € est attribuée pour un coût total de 50 000 euros.", true)]);
        let what: Vec<(&str, &str)> = amounts.iter().map(|a| (a.what.as_str(), a.euros.as_str())).collect();
        assert_eq!(what, [("subvention", "14205"), ("coût total", "50000")]);
        assert!(notes.is_empty());
    }

    #[test]
    fn the_deciding_sentence_is_kept_over_the_report() {
        let (amounts, _) = read(&[
            sentence("Il est proposé d'attribuer une subvention de 12 500 € à l'association.", false),
            sentence("Article 1 : Une subvention de 12 500 € est attribuée à l'association.", true),
        ]);
        assert_eq!(amounts.len(), 1);
        assert!(amounts[0].context.starts_with("Article 1"));
    }

    #[test]
    fn an_amount_of_no_said_nature_is_reported() {
        let (amounts, notes) = read(&[sentence("La somme de 300 € sera versée.", true)]);
        assert_eq!(amounts[0].what, "montant");
        assert_eq!(notes, ["nature du montant de 300 € non précisée : « La somme de 300 € sera versée. »"]);
    }

    #[test]
    fn amounts_recalled_from_another_act_are_set_apart() {
        let seance = IsoDate::parse("2010-12-01");
        let r = find_amounts(
            &[
                sentence("Le Conseil Municipal, lors de sa séance du 20 février 2010, a accordé à l’association « Les Enfants » une subvention de 60 000 €.", false),
                sentence("Le 25 Octobre 2010, le Conseil Municipal, par délibération n°2010-10-02, a approuvé la décision modificative, où le chapitre 65 « subvention aux associations », a reçu la somme de 100 000 euros.", false),
                sentence("une somme de 200 000 €, dont 116 000 € ont déjà été votés lors d’un précédent Conseil municipal.", false),
                sentence("DÉCIDE d’attribuer une subvention supplémentaire de 40 000 € à l’association « Les Enfants ».", true),
                sentence("Le Conseil municipal a accordé une subvention de 500 € au club, qui avait été oublié l'an passé par erreur de saisie.", false),
            ],
            seance,
        );
        let euros = |v: &[Amount]| v.iter().map(|a| a.euros.clone()).collect::<Vec<_>>();
        assert_eq!(euros(&r.recalled), ["60000", "100000", "200000", "116000"]);
        assert_eq!(euros(&r.amounts), ["40000", "500"], "the minutes tell their own séance in the passé composé");
    }

    #[test]
    fn plurals_count_but_longer_words_do_not() {
        let f = Folded::new("Les cotisations de 500 € ; les subventionnements de 200 €");
        let hits = nature_hits(&f.text);
        assert!(hits.iter().any(|h| h.2 == "cotisation"));
        assert!(!hits.iter().any(|h| h.2 == "subvention"));
    }
}
