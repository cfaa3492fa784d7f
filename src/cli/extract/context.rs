//! Names known by what surrounds them, when no word such as « association » introduces them: the
//! beneficiary of « subvention à Marseille Innovation », « 150 €uros au Club de Natation », « 1 000
//! euros à l’A.S.G », a partner « convention avec Monsieur le Président du GISEC », « convention de
//! partenariat entre la commune de X et Unis Cité », a funder « soutien financier du Grand Casino ».

use std::collections::HashSet;

use super::organizations::TRIGGERS;
use super::words::{name_after, Tok};

/// (word that leads, prepositions that introduce the name after it).
const LEADS: [(&str, &[&str]); 11] = [
    ("subvention", &["a", "au", "aux"]),
    ("cotisation", &["a", "au", "aux"]),
    ("adhesion", &["a", "au", "aux"]),
    ("contribution", &["a", "au", "aux"]),
    ("convention", &["avec", "entre"]),
    ("partenariat", &["avec", "entre"]),
    ("avenant", &["avec"]),
    ("participation", &["du", "de", "des", "d"]),
    ("soutien", &["du", "de", "des", "d"]),
    ("cofinancement", &["du", "de", "des", "d"]),
    ("financement", &["du", "de", "des", "d"]),
];

/// Words that are never an organisation's name on their own: the deliberating bodies spoken of in
/// general, people's titles.
const GENERIC: [&str; 16] = [
    "metropole",
    "commune",
    "ville",
    "departement",
    "region",
    "etat",
    "president",
    "presidente",
    "maire",
    "conseil",
    "bureau",
    "monsieur",
    "madame",
    "m",
    "mme",
    "collectivite",
];

/// Names (first and last token) that the words around them introduce; names that a word of
/// `TRIGGERS` opens are left to it.
pub(super) fn names_in_context(text: &str, toks: &[Tok], name_starts: &HashSet<usize>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // « • Frênes éthiques : 150 € »: an item of a list, the name before its amount.
    for (s, e) in items_with_amounts(text, toks) {
        let content: Vec<&str> = (s..=e).filter(|&k| !toks[k].stop).map(|k| toks[k].norm.as_str()).collect();
        let opens_trigger = TRIGGERS
            .iter()
            .any(|(words, ..)| words.len() <= content.len() && words.iter().zip(&content).all(|(w, c)| w == c));
        if !opens_trigger && !GENERIC.contains(&toks[s].norm.as_str()) {
            out.push((s, e));
        }
    }
    for i in 0..toks.len() {
        let preps: &[&str] = if let Some((_, p)) = LEADS.iter().find(|(w, _)| toks[i].norm == *w) {
            p
        } else if amount_ends_at(text, toks, i) {
            &["a", "au", "aux"]
        } else {
            continue;
        };
        let Some(prep) = preposition_after(toks, i, preps) else { continue };
        let from = if toks[prep].norm == "entre" {
            // « entre la commune de X et Unis Cité »: the partner after « et ».
            match (prep + 1..toks.len().min(prep + 14)).find(|&k| toks[k].norm == "et") {
                Some(et) => et + 1,
                None => continue,
            }
        } else {
            past_a_title(toks, prep + 1)
        };
        // « à des structures », « avec ses partenaires »: a common noun follows, not a name.
        if matches!(
            toks.get(from).map(|t| t.norm.as_str()),
            Some("des" | "un" | "une" | "ce" | "ces" | "ses" | "leur" | "nos")
        ) {
            continue;
        }
        let Some((s, e)) = name_after(toks, from, name_starts, false) else { continue };
        // In capitals every word looks like a name: a long run is a title, not a name.
        if toks[s].upper && (s..=e).filter(|&k| !toks[k].stop).count() > 5 {
            continue;
        }
        let Some(first) = (s..=e).find(|&k| !toks[k].stop) else { continue };
        // « Centre Social des Tilleuls » is not opened by « Centre Communal d'Action Sociale »: a trigger of
        // several words opens a name only with all of them.
        let content: Vec<&str> = (first..=e).filter(|&k| !toks[k].stop).map(|k| toks[k].norm.as_str()).collect();
        let opens_trigger = TRIGGERS
            .iter()
            .any(|(words, ..)| words.len() <= content.len() && words.iter().zip(&content).all(|(w, c)| w == c));
        if GENERIC.contains(&toks[first].norm.as_str()) || opens_trigger || toks[first].paren {
            continue;
        }
        if !out.contains(&(s, e)) {
            out.push((s, e));
        }
    }
    out
}

/// The items of a list that name a beneficiary and its amount: « • Frênes éthiques : 150 € »,
/// « - AMAP du Pichou : 318 € » — a bullet, a name that starts with a capital (lowercase words
/// after it kept), a colon, an amount in euros. (first and last token of the name)
fn items_with_amounts(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let before = &text[if i == 0 { 0 } else { toks[i - 1].end }..toks[i].start];
        let bullet =
            before.trim_end().ends_with(['•', '-', '–', '—', '*', '▪']) && before.ends_with(char::is_whitespace);
        if !bullet || !toks[i].caps {
            continue;
        }
        // The name runs to the colon, six words at most.
        let Some(e) = (i..toks.len().min(i + 6))
            .find(|&k| toks.get(k + 1).is_some_and(|n| text[toks[k].end..n.start].trim() == ":"))
        else {
            continue;
        };
        let amount = toks.get(e + 1).is_some_and(|t| t.norm.bytes().all(|b| b.is_ascii_digit()));
        let euros = (e + 1..toks.len().min(e + 5)).any(|k| {
            matches!(toks[k].norm.as_str(), "euro" | "uro" | "eur") || text[toks[k].end..].trim_start().starts_with('€')
        });
        if amount && euros && (i..=e).all(|k| !toks[k].brk || k == i) {
            out.push((i, e));
        }
    }
    out
}

/// Whether token `i` ends an amount: « 150 €uros », « 1 000 € », « 15 000 euros » (the « € » sign is
/// no word, « €uros » leaves « uros »).
fn amount_ends_at(text: &str, toks: &[Tok], i: usize) -> bool {
    let digits = |k: usize| toks[k].norm.bytes().all(|b| b.is_ascii_digit()) && !toks[k].norm.is_empty();
    if matches!(toks[i].norm.as_str(), "euro" | "uro" | "eur") {
        return i > 0 && digits(i - 1);
    }
    // « 1 000 € à l’A.S.G »: digits, the sign, then the preposition.
    digits(i)
        && toks.get(i + 1).is_some_and(|n| {
            matches!(n.norm.as_str(), "a" | "au" | "aux")
                && text.get(toks[i].end..n.start).is_some_and(|g| g.contains('€'))
        })
}

/// The preposition that follows a leading word, past a few words that qualify it (« subvention
/// exceptionnelle de fonctionnement au », « soutien financier du », « PARTICIPATION FINANCIERE DU »).
fn preposition_after(toks: &[Tok], lead: usize, preps: &[&str]) -> Option<usize> {
    let in_capitals = toks[lead].upper;
    for (j, t) in toks.iter().enumerate().take(lead + 6).skip(lead + 1) {
        if preps.contains(&t.norm.as_str()) {
            return (!t.brk).then_some(j);
        }
        let qualifies = !t.caps || (in_capitals && t.upper) || t.norm.bytes().all(|b| b.is_ascii_digit());
        if t.brk || !qualifies {
            return None;
        }
    }
    None
}

/// Past « Monsieur le Président du », « Madame la Présidente de l' »: the name after a title.
fn past_a_title(toks: &[Tok], from: usize) -> usize {
    let norm = |k: usize| toks.get(k).map_or("", |t| t.norm.as_str());
    if matches!(norm(from), "monsieur" | "madame")
        && matches!(norm(from + 1), "le" | "la")
        && matches!(norm(from + 2), "president" | "presidente" | "directeur" | "directrice")
        && matches!(norm(from + 3), "du" | "de" | "des" | "d")
    {
        let mut k = from + 4;
        if matches!(norm(k), "la" | "l") {
            k += 1;
        }
        return k;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::words::tokenize;

    /// The names the context introduces, as written.
    fn names(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        names_in_context(text, &toks, &HashSet::new())
            .into_iter()
            .map(|(s, e)| text[toks[s].start..toks[e].end].to_string())
            .collect()
    }

    #[test]
    fn beneficiaries_of_money() {
        assert_eq!(
            names("Attribution d'une subvention à Marseille Innovation et approbation"),
            ["Marseille Innovation"]
        );
        assert_eq!(names("- 150 €uros au Club de Natation (contribution aux frais)"), ["Club de Natation"]);
        assert_eq!(names("- 1 000 euros à l’A.S.G pour soutenir l'équipe"), ["A.S.G"]);
        assert_eq!(
            names("- 15 000 €uros à la Société d’Entraide des Employés Communaux (nombre)"),
            Vec::<String>::new(),
            "« Société » opens its own name"
        );
        assert!(names("une subvention aux associations suivantes").is_empty());
        assert!(names("une subvention au titre de l'année 2019").is_empty());
        assert!(names("la participation de la Commune au PLIE").is_empty(), "the commune is the body's word");
        assert_eq!(names("soit 2 000 € à Tremplin Emploi pour"), ["Tremplin Emploi"]);
        assert!(names("organisée en 2019 à Marseille").is_empty(), "a year is no amount");
    }

    #[test]
    fn items_of_a_list_name_the_beneficiary_before_its_amount() {
        assert_eq!(
            names("voter les subventions suivantes :  • Frênes éthiques : 150 €  • AMAP du Pichou : 318 €"),
            ["Frênes éthiques", "AMAP du Pichou"]
        );
        assert!(names("- Réunion : 12 participants").is_empty(), "no amount in euros");
        assert!(names("- Association Les Voix du Port : 34 000 €").is_empty(), "« Association » opens its own name");
    }

    #[test]
    fn partners_and_funders() {
        assert_eq!(names("signer une convention avec Monsieur le Président du GISEC"), ["GISEC"]);
        assert_eq!(
            names("Convention de partenariat entre la commune de Saint Sulpice la Forêt et Unis Cité / Projet"),
            ["Unis Cité"]
        );
        assert_eq!(names("grâce au soutien financier du Grand Casino de Lyon - Le Pharaon."), ["Grand Casino de Lyon"]);
        assert_eq!(names("PARTICIPATION FINANCIERE DU GRAND CASINO DE LYON -GROUPE"), ["GRAND CASINO DE LYON"]);
        assert!(names("une convention avec la Métropole").is_empty());
        assert!(
            names("ATTRIBUTION DE SUBVENTIONS DE FONCTIONNEMENT A DES STRUCTURES DE CREATION ET DE DIFFUSION")
                .is_empty(),
            "« à des structures » names no one"
        );
        assert!(names("Cofinancement du Département : 900 000 euros").is_empty());
    }
}
