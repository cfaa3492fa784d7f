//! A text's words as organisation names are read: each word with its case, whether an article and
//! punctuation stand before it, quotes around it; and the words of a name after the word that
//! introduces it (capitals joined by particles, a name in quotes whole, the lowercase words a name
//! keeps).

use std::collections::HashSet;

use crate::cli::names::{is_stopword, name_word};

use super::text::is_all_caps;

/// The words of a name after its introducing word(s): capitalised words, joined by "de", "du",
/// "la"…; "et" only before "de"/"d'" ("Chambre de Commerce et d'Industrie"), so that two names
/// joined by "et" stay two. Lowercase words a name keeps: the sport of a club after its town
/// (« le Vénissieux handball ») and, when `head` says the words before `from` open the name and ask
/// for a complement, that complement (« Comité des fêtes de … », « Office de tourisme d'… »).
/// Returns the first and last token indexes.
pub(super) fn name_after(
    toks: &[Tok],
    from: usize,
    name_starts: &HashSet<usize>,
    head: bool,
) -> Option<(usize, usize)> {
    // « Les Enfants d’abord », "Odyssée Pêche Compétition": a name in quotes is whole, whatever its case.
    let mut q = from;
    while q < toks.len() && q < from + 2 && toks[q].stop && !toks[q].open_quote {
        q += 1;
    }
    if toks.get(q).is_some_and(|t| t.open_quote) {
        let end = (q..toks.len().min(q + 16)).find(|&j| toks[j].close_quote)?;
        return Some((q, end));
    }
    let mut first = None;
    let mut last = None;
    // A capitalised article opening the name belongs to it: "Les Jardins du Ranquet".
    let mut lead = None;
    let mut pending: Vec<usize> = Vec::new();
    let mut j = from;
    while j < toks.len() {
        let t = &toks[j];
        // A person or a label is where a name ends: « … aux associations Rapporteur Mme X ».
        if t.brk || matches!(t.norm.as_str(), "rapporteur" | "monsieur" | "madame" | "mme" | "mlle") {
            break;
        }
        if t.stop {
            // « en » inside a name goes on to a capital: « Association Régionale en Economie Sociale ».
            let en_in_name = t.norm == "en" && toks.get(j + 1).is_some_and(|n| n.caps && !n.stop && !n.brk);
            if matches!(t.norm.as_str(), "a" | "au" | "aux") || (t.norm == "en" && !en_in_name) {
                break;
            }
            // Not in a run of capitals, where every article has one: « AVEC LE CENTRE SOCIAL ».
            if first.is_none()
                && pending.is_empty()
                && t.caps
                && !t.upper
                && matches!(t.norm.as_str(), "la" | "le" | "les" | "l")
            {
                lead = Some(j);
            }
            pending.push(j);
            j += 1;
            continue;
        }
        let particles =
            !pending.is_empty() && pending.iter().all(|&p| matches!(toks[p].norm.as_str(), "de" | "d" | "du" | "des"));
        let complement = head
            && first.is_none()
            && particles
            && t.norm.chars().all(char::is_alphabetic)
            && !FUNCTIONS.contains(&t.norm.as_str());
        let sport = last.is_some() && pending.is_empty() && SPORTS.contains(&t.norm.as_str());
        let accepted =
            t.caps || t.upper || (last.is_some() && t.norm.bytes().all(|b| b.is_ascii_digit())) || complement || sport;
        if !accepted {
            break;
        }
        // "X et le PLIE …", "X et France Travail", "du PLIE et de Pôle Emploi": a second name.
        if let Some(et) = pending.iter().position(|&p| toks[p].norm == "et") {
            let next_is_de =
                pending.get(et + 1).is_some_and(|&p| matches!(toks[p].norm.as_str(), "de" | "d" | "du" | "des"));
            if !next_is_de || name_starts.contains(&j) {
                break;
            }
        }
        pending.clear();
        if first.is_none() {
            first = Some(lead.unwrap_or(j));
        }
        last = Some(j);
        j += 1;
    }
    Some((first?, last?))
}

/// Sports and the words of a club that follow its town in lowercase: « le Vénissieux handball ».
const SPORTS: [&str; 24] = [
    "handball",
    "football",
    "foot",
    "basket",
    "basketball",
    "volley",
    "volleyball",
    "rugby",
    "tennis",
    "judo",
    "natation",
    "athletisme",
    "cyclisme",
    "escrime",
    "gymnastique",
    "petanque",
    "boxe",
    "karate",
    "hockey",
    "badminton",
    "triathlon",
    "aviron",
    "club",
    "sports",
];

/// Words that open a name and take a common noun for complement: « Comité des fêtes », « Office de
/// tourisme », « Chambre de commerce » (never « Métropole de prendre »).
pub(super) const COMPLEMENTED: [&str; 9] =
    ["comite", "office", "union", "federation", "syndicat", "chambre", "agence", "institut", "fondation"];

/// What a committee or a board does, never the complement of an organisation's name: « Comité de
/// pilotage », « Comité de suivi ».
const FUNCTIONS: [&str; 8] =
    ["pilotage", "suivi", "direction", "selection", "programmation", "gestion", "evaluation", "concertation"];

/// "(AVE)" right after a name → "AVE".
pub(super) fn acronym_after(rest: &str) -> Option<String> {
    let inner = rest.trim_start().strip_prefix('(')?;
    let (acronym, _) = inner.split_once(')')?;
    let ok = (2..=8).contains(&acronym.chars().count())
        && acronym.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '\'')
        && acronym.chars().any(char::is_alphabetic);
    ok.then(|| acronym.to_string())
}

/// A word of a text as names are read.
#[derive(Debug)]
pub(super) struct Tok {
    /// Its byte span in the text.
    pub(super) start: usize,
    pub(super) end: usize,
    /// As compared (`names::name_word`).
    pub(super) norm: String,
    /// It starts with a capital.
    pub(super) caps: bool,
    /// It is all capitals (an acronym, or a name printed in capitals).
    pub(super) upper: bool,
    /// An article or a preposition (`names::is_stopword`).
    pub(super) stop: bool,
    /// Punctuation or a line break separates it from the previous word.
    pub(super) brk: bool,
    /// An opening parenthesis stands just before it.
    pub(super) paren: bool,
    /// An opening quote (« “ ") stands just before it.
    pub(super) open_quote: bool,
    /// A closing quote (» ” ") stands just after it.
    pub(super) close_quote: bool,
}

/// The words of a text, in order.
pub(super) fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut brk = true;
    let mut paren = false;
    let mut open_quote = false;
    let mut start: Option<usize> = None;
    let push = |st: usize, end: usize, brk: bool, paren: bool, open_quote: bool, toks: &mut Vec<Tok>| {
        let word = &s[st..end];
        let norm = name_word(word);
        toks.push(Tok {
            start: st,
            end,
            caps: word.chars().next().is_some_and(char::is_uppercase),
            upper: is_all_caps(word),
            stop: is_stopword(&norm),
            norm,
            brk,
            paren,
            open_quote,
            close_quote: false,
        });
    };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        // « A.S.G », « S.E.M.I.V.I.M » are one word: single capitals joined by dots.
        if c == '.' {
            if let Some(st) = start {
                let dotted =
                    s[st..i].split('.').all(|seg| seg.chars().count() == 1 && seg.chars().all(char::is_uppercase));
                let next_capital = chars.get(k + 1).is_some_and(|&(_, n)| n.is_uppercase())
                    && chars.get(k + 2).is_none_or(|&(_, n)| !n.is_lowercase());
                if dotted && next_capital {
                    continue;
                }
            }
        }
        if let Some(st) = start.take() {
            push(st, i, brk, paren, open_quote, &mut toks);
            brk = false;
            paren = false;
            open_quote = false;
        }
        // Quotes around a name: « … », “ … ”, and " … " told open or closed by what stands before.
        let opens_after_space = k == 0 || chars[k - 1].1.is_whitespace() || chars[k - 1].1 == '(';
        match c {
            '«' | '“' => open_quote = true,
            '»' | '”' => {
                if let Some(last) = toks.last_mut() {
                    last.close_quote = true;
                }
            }
            '"' if opens_after_space => open_quote = true,
            '"' => {
                if let Some(last) = toks.last_mut() {
                    last.close_quote = true;
                }
            }
            _ => {}
        }
        if matches!(
            c,
            ',' | '.'
                | ';'
                | ':'
                | '('
                | ')'
                | '«'
                | '»'
                | '"'
                | '“'
                | '”'
                | '!'
                | '?'
                | '['
                | ']'
                | '\n'
                | '/'
                | '■'
                | '•'
                | '|'
                | '\t'
        ) {
            brk = true;
        }
        // A dash between spaces separates ("… Provence - Approbation …"); a hyphen joins ("Aix-Marseille").
        if matches!(c, '-' | '–' | '—') {
            let spaced = |j: Option<&(usize, char)>| j.is_none_or(|&(_, x)| x.is_whitespace());
            if spaced(k.checked_sub(1).and_then(|j| chars.get(j))) || spaced(chars.get(k + 1)) {
                brk = true;
            }
        }
        if c == '(' {
            paren = true;
        }
    }
    if let Some(st) = start {
        push(st, s.len(), brk, paren, open_quote, &mut toks);
    }
    toks
}
