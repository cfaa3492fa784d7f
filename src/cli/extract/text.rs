//! Text preparation: a document's lines as the register prints them, cut lines joined again,
//! sentences; the folded copy (case, accents, typographic apostrophes and dashes) every pattern is
//! read on, whose offsets map back to the original; words, and names printed in capitals.

use crate::core::locale::fold;

/// A line of the document once cut lines are joined again.
#[derive(Clone)]
pub(super) struct Logical {
    pub(super) text: String,
}

/// A document ready to be read: its lines as printed (cleaned), and its logical lines.
pub(super) struct Prepared {
    pub(super) lines: Vec<String>,
    pub(super) logical: Vec<Logical>,
}

impl Prepared {
    pub(super) fn new(text: &str) -> Prepared {
        let lines: Vec<String> = text.lines().map(clean_line).collect();
        let mut logical: Vec<Logical> = Vec::new();
        for line in &lines {
            if line.is_empty() {
                continue;
            }
            if let Some(last) = logical.last_mut() {
                match continuation(&last.text, line) {
                    Some(Join::Glued) => {
                        last.text.push_str(line);
                        continue;
                    }
                    Some(Join::Spaced) => {
                        last.text.push(' ');
                        last.text.push_str(line);
                        continue;
                    }
                    None => {}
                }
            }
            logical.push(Logical { text: line.clone() });
        }
        Prepared { lines, logical }
    }
}

enum Join {
    /// A word cut at a hyphen ("D'AIX-" / "MARSEILLE-PROVENCE").
    Glued,
    /// A sentence cut by the page or the copy: the next line starts in lowercase.
    Spaced,
}

fn continuation(prev: &str, next: &str) -> Option<Join> {
    let mut rev = prev.chars().rev();
    let last = rev.next()?;
    let before_last = rev.next();
    let first = next.chars().next()?;
    if last == '-' && before_last.is_some_and(char::is_alphabetic) && first.is_alphabetic() {
        return Some(Join::Glued);
    }
    // A heading in capitals cut before a particle of a name: « … DE LA VILLE D'AIX » / « EN PROVENCE N° … ».
    let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let particle = matches!(next_word.as_str(), "EN" | "DE" | "DU" | "DES" | "SUR" | "LES" | "LA" | "LE" | "ET");
    if particle
        && is_all_caps(prev)
        && next.split_whitespace().next().is_some_and(|w| w.len() <= 3)
        && is_all_caps(next)
    {
        return Some(Join::Spaced);
    }
    // A date under a heading starts with its weekday (« jeudi, 5 novembre 2020 »): a line of its own.
    let first_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let weekday =
        matches!(first_word.as_str(), "lundi" | "mardi" | "mercredi" | "jeudi" | "vendredi" | "samedi" | "dimanche");
    if !matches!(last, '.' | ';' | ':' | '!' | '?' | '»') && first.is_lowercase() && !weekday {
        return Some(Join::Spaced);
    }
    None
}

/// A line as the register prints it, without the markdown emphasis, heading marks and the "■"
/// that some copies keep.
fn clean_line(raw: &str) -> String {
    let no_marks = raw.replace("**", "").replace('\u{feff}', "");
    let t = no_marks.trim();
    let t = t.trim_start_matches('#').trim_start();
    let t = t.trim_start_matches('■').trim_start();
    t.trim_end().to_string()
}

/// A sentence with the index of the logical line it comes from.
pub(super) struct Sentence {
    pub(super) text: String,
    /// Whether it stands in the part of a register that decides (from "Délibère" to the signature).
    pub(super) deciding: bool,
}

/// The lines whose content is read for amounts, budget, conventions, dates and organisations.
pub(super) struct Scope {
    pub(super) lines: Vec<String>,
    /// For each line, whether it belongs to the deciding part.
    pub(super) deciding: Vec<bool>,
}

impl Scope {
    pub(super) fn empty() -> Scope {
        Scope { lines: Vec::new(), deciding: Vec::new() }
    }

    /// The sentences of the scope. An item of a list (« - 150 €uros au Club de Natation ») is read
    /// with the sentence it hangs from (« Il est proposé d’octroyer une subvention aux associations
    /// suivantes : »), which says what the amount is and that it is decided; « […] » marks the
    /// items left out between them, so that the quote stays the text as written.
    pub(super) fn sentences(&self) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut lead: Option<String> = None;
        // Items after the first stand apart from their lead: the quote marks what it leaves out.
        let mut items_since_lead = 0;
        for (line, &deciding) in self.lines.iter().zip(&self.deciding) {
            let parts = split_sentences(line);
            let item = is_list_item(line);
            for (k, s) in parts.iter().enumerate() {
                let text = match (&lead, item && k == 0) {
                    (Some(l), true) if items_since_lead == 0 => format!("{l} {s}"),
                    (Some(l), true) => format!("{l} […] {s}"),
                    _ => s.clone(),
                };
                out.push(Sentence { text, deciding });
            }
            if item {
                items_since_lead += 1;
            } else {
                lead = parts.last().filter(|s| s.trim_end().ends_with(':')).cloned();
                items_since_lead = 0;
            }
        }
        out
    }

    pub(super) fn joined(&self) -> String {
        self.lines.join("\n")
    }
}

/// A line of a list: « - », « – », « • », « * » and a space.
fn is_list_item(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    matches!(chars.next(), Some('-' | '–' | '—' | '•' | '·' | '*' | '▪' | '◦'))
        && chars.next().is_some_and(char::is_whitespace)
}

/// Cuts a line into sentences at ". ", "! ", "? " followed by a capital or an opening quote,
/// except after usual abbreviations ("M.", "Mme.", "n.") and initials.
pub(super) fn split_sentences(line: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?') {
            let mut j = k + 1;
            while j < chars.len() && matches!(chars[j].1, '»' | '"' | ')' | '”') {
                j += 1;
            }
            if j < chars.len() && chars[j].1.is_whitespace() {
                let mut m = j;
                while m < chars.len() && chars[m].1.is_whitespace() {
                    m += 1;
                }
                let next_starts =
                    m < chars.len() && (chars[m].1.is_uppercase() || matches!(chars[m].1, '«' | '"' | '“'));
                if next_starts && !ends_with_abbreviation(&line[start..i]) {
                    let piece = line[start..chars[j].0].trim();
                    if !piece.is_empty() {
                        out.push(piece.to_string());
                    }
                    start = chars[m].0;
                    k = m;
                    continue;
                }
            }
        }
        k += 1;
    }
    let rest = line[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

fn ends_with_abbreviation(before: &str) -> bool {
    let word: String =
        before.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    let w = folded(&word);
    matches!(w.as_str(), "m" | "mm" | "mme" | "mmes" | "mlle" | "dr" | "st" | "ste" | "art" | "n" | "cf" | "p")
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// One character folded (case, accents, typographic apostrophes and dashes, odd spaces), always
/// to exactly one character so that offsets map back to the original.
pub(super) fn fold_char(c: char) -> char {
    match c {
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\t' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{2bc}' | '`' => '\'',
        _ => {
            let mut buf = [0u8; 4];
            fold(c.encode_utf8(&mut buf)).chars().next().unwrap_or(c)
        }
    }
}

/// A text folded character by character (see `fold_char`).
pub(super) fn folded(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A folded copy of a text with, for each of its bytes, the byte of the original it comes from.
pub(super) struct Folded {
    pub(super) text: String,
    pub(super) map: Vec<usize>,
}

impl Folded {
    pub(super) fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        for (i, c) in s.char_indices() {
            let before = text.len();
            text.push(fold_char(c));
            map.extend(std::iter::repeat_n(i, text.len() - before));
        }
        map.push(s.len());
        Folded { text, map }
    }

    /// The byte of the original text a byte of the folded copy comes from (the end for an offset past it).
    pub(super) fn orig(&self, folded_byte: usize) -> usize {
        self.map.get(folded_byte).or(self.map.last()).copied().unwrap_or(0)
    }
}

/// Finds `needle` in `hay` from `from`, where a needle that starts (ends) with a letter or digit
/// must not be glued to another letter or digit before (after) it.
pub(super) fn find_word_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let check_before = needle.chars().next().is_some_and(char::is_alphanumeric);
    let check_after = needle.chars().next_back().is_some_and(char::is_alphanumeric);
    let mut start = from;
    while start <= hay.len() {
        let rel = hay.get(start..)?.find(needle)?;
        let at = start + rel;
        let end = at + needle.len();
        let before_ok = !check_before || hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = !check_after || hay[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(at);
        }
        start = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// `find_word_from` the start of `hay`.
pub(super) fn find_word(hay: &str, needle: &str) -> Option<usize> {
    find_word_from(hay, needle, 0)
}

/// Whether a word starting with `prefix` occurs (e.g. "convention" in "conventions").
pub(super) fn contains_word_prefix(hay: &str, prefix: &str) -> bool {
    let mut from = 0;
    while let Some(rel) = hay.get(from..).and_then(|h| h.find(prefix)) {
        let at = from + rel;
        if hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()) {
            return true;
        }
        from = at + prefix.len();
    }
    false
}

/// A run of letters and digits: its byte span and its text.
pub(super) struct Run<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) word: &'a str,
}

/// Runs of letters and digits of a folded text. Four figures glued to a word (« 2012la », as
/// copies that lose line breaks write « MARS 2012La séance ») end their run.
pub(super) fn runs(f: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut figures = 0;
    for (i, c) in f.char_indices() {
        if let Some(s) =
            start.filter(|&s| figures >= 4 && c.is_alphabetic() && f[s..i].bytes().all(|b| b.is_ascii_digit()))
        {
            out.push(Run { start: s, end: i, word: &f[s..i] });
            start = None;
        }
        figures = if c.is_ascii_digit() { figures + 1 } else { 0 };
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Run { start: s, end: i, word: &f[s..i] });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Run { start: s, end: f.len(), word: &f[s..] });
    }
    out
}

/// Whether every letter is a capital (and there are at least two letters).
pub(super) fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// "ALVAREZ" → "Alvarez", "JOISSAINS-MASINI" → "Joissains-Masini", "D'ESTIENNE" → "D'Estienne".
pub(super) fn capitalize_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut upper_next = true;
    for c in w.chars() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        upper_next = !c.is_alphabetic();
    }
    out
}

/// A name printed in capitals, written as a name: "VILLE DE SALON-DE-PROVENCE" → "Ville de
/// Salon-de-Provence". Articles and prepositions stay small inside the name, between spaces or
/// hyphens.
pub(super) fn title_case(s: &str) -> String {
    const SMALL: [&str; 12] = ["de", "du", "des", "la", "le", "les", "et", "sur", "en", "aux", "au", "a"];
    // « VAL D OLIVE », « CONSEIL REGIONAL D ILE-DE-FRANCE »: an apostrophe lost by a copy is put back.
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut mended: Vec<String> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let elided = matches!(words[k], "D" | "L")
            && k > 0
            && words.get(k + 1).and_then(|w| folded(w).chars().next()).is_some_and(|c| "aeiouyh".contains(c));
        if elided {
            mended.push(format!("{}'{}", words[k], words[k + 1]));
            k += 2;
        } else {
            mended.push(words[k].to_string());
            k += 1;
        }
    }
    mended
        .iter()
        .map(String::as_str)
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&folded(w).as_str()) {
                return w.to_lowercase();
            }
            let c = capitalize_word(w);
            // An elided particle inside a name stays small: "d'Aix".
            let c = match c.split_once('\'') {
                Some((p, rest)) if i > 0 && p.chars().count() == 1 => format!("{}'{rest}", p.to_lowercase()),
                _ => c,
            };
            c.split('-')
                .enumerate()
                .map(|(j, part)| {
                    if j > 0 && SMALL.contains(&folded(part).as_str()) {
                        part.to_lowercase()
                    } else {
                        part.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logical(text: &str) -> Vec<String> {
        Prepared::new(text).logical.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn cut_lines_are_joined_again() {
        let lines = logical(
            "**MÉTROPOLE D'AIX-**\nMARSEILLE-PROVENCE\n\n■ La subvention est attribuée\nà l'association Tremplin.\nArticle 2 : …",
        );
        assert_eq!(
            lines,
            [
                "MÉTROPOLE D'AIX-MARSEILLE-PROVENCE",
                "La subvention est attribuée à l'association Tremplin.",
                "Article 2 : …"
            ]
        );
    }

    #[test]
    fn a_heading_in_capitals_cut_before_a_particle_is_joined() {
        assert_eq!(
            logical("DU CONSEIL MUNICIPAL DE LA VILLE D'AIX\nEN PROVENCE N° DL.2015-306\nSéance publique du"),
            ["DU CONSEIL MUNICIPAL DE LA VILLE D'AIX EN PROVENCE N° DL.2015-306", "Séance publique du"]
        );
        assert_eq!(logical("VILLE D'ISTRES\nEXTRAIT DU REGISTRE"), ["VILLE D'ISTRES", "EXTRAIT DU REGISTRE"]);
    }

    #[test]
    fn headings_and_byte_order_marks_are_not_text() {
        let p = Prepared::new("\u{feff}## Séance du 7 décembre 2023  \n");
        assert_eq!(p.lines, ["Séance du 7 décembre 2023"]);
    }

    #[test]
    fn sentences_are_cut_after_a_full_stop_but_not_after_m_or_initials() {
        let line = "Sur le rapport de M. Martial ALVAREZ. Le Bureau approuve la convention. J. Dupont signe « ainsi ».";
        assert_eq!(
            split_sentences(line),
            [
                "Sur le rapport de M. Martial ALVAREZ.",
                "Le Bureau approuve la convention.",
                "J. Dupont signe « ainsi »."
            ]
        );
        assert_eq!(
            split_sentences("Une subvention de 1.200 € est versée. ok"),
            ["Une subvention de 1.200 € est versée. ok"]
        );
    }

    #[test]
    fn scope_keeps_the_deciding_mark_of_each_sentence() {
        let scope = Scope {
            lines: vec![
                "Vu le rapport. Considérant l'intérêt.".into(),
                "Article 1 : La subvention est attribuée.".into(),
            ],
            deciding: vec![false, true],
        };
        let marks: Vec<(String, bool)> = scope.sentences().into_iter().map(|s| (s.text, s.deciding)).collect();
        assert_eq!(marks.len(), 3);
        assert_eq!(marks[2], ("Article 1 : La subvention est attribuée.".to_string(), true));
        assert!(!marks[0].1);
    }

    #[test]
    fn items_of_a_list_are_read_with_the_sentence_they_hang_from() {
        let scope = Scope {
            lines: vec![
                "Mme MODÈLE : Il est proposé d’octroyer une subvention aux associations suivantes :".into(),
                "- 150 €uros au Club de Natation (frais). Le club nage.".into(),
                "• 400 euros à l’A.S.G".into(),
                "Vu".into(),
                "- Le Code Général des Collectivités Territoriales ;".into(),
            ],
            deciding: vec![false; 5],
        };
        let texts: Vec<String> = scope.sentences().into_iter().map(|s| s.text).collect();
        let lead = "Mme MODÈLE : Il est proposé d’octroyer une subvention aux associations suivantes :";
        assert_eq!(
            texts,
            [
                lead.to_string(),
                format!("{lead} - 150 €uros au Club de Natation (frais)."),
                "Le club nage.".to_string(),
                format!("{lead} […] • 400 euros à l’A.S.G"),
                "Vu".to_string(),
                "- Le Code Général des Collectivités Territoriales ;".to_string(),
            ]
        );
    }

    #[test]
    fn folding_keeps_one_character_for_one_and_maps_back() {
        assert_eq!(folded("SÉANCE DU 1ER FÉVRIER"), "seance du 1er fevrier");
        assert_eq!(folded("d’Industrie – 14\u{a0}205\u{202f}€"), "d'industrie - 14 205 €");
        let text = "Délibération du Conseil d’ÉTAT";
        let f = Folded::new(text);
        let at = f.text.find("d'etat").expect("folded words found");
        assert_eq!(&text[f.orig(at)..], "d’ÉTAT");
        assert_eq!(f.orig(f.text.len() + 10), text.len());
    }

    #[test]
    fn words_are_found_whole() {
        let f = folded("Les conventions, la convention-cadre et la CONVENTION n° 12");
        // "conventions" is not the word; "convention-cadre" holds it.
        let cadre = f.find("convention-cadre");
        assert_eq!(find_word(&f, "convention"), cadre);
        assert_eq!(find_word_from(&f, "convention", cadre.unwrap_or(0) + 1), f.find("convention n°"));
        assert_eq!(find_word("reconvention", "convention"), None);
        assert!(contains_word_prefix(&f, "convention"));
        assert!(!contains_word_prefix("reconventions", "convention"));
    }

    #[test]
    fn runs_are_the_letters_and_digits() {
        let f = folded("le 15/04/2021, l'an");
        let words: Vec<&str> = runs(&f).iter().map(|r| r.word).collect();
        assert_eq!(words, ["le", "15", "04", "2021", "l", "an"]);
        assert_eq!((runs(&f)[1].start, runs(&f)[1].end), (3, 5));
        let glued = folded("MARS 2012La séance, le 1er mai, 14h30, A2024b");
        let words: Vec<&str> = runs(&glued).iter().map(|r| r.word).collect();
        assert_eq!(words, ["mars", "2012", "la", "seance", "le", "1er", "mai", "14h30", "a2024b"]);
    }

    #[test]
    fn names_in_capitals_are_written_as_names() {
        assert!(is_all_caps("JOISSAINS-MASINI"));
        assert!(!is_all_caps("Martigues"));
        assert!(!is_all_caps("A"));
        assert_eq!(capitalize_word("D'ESTIENNE"), "D'Estienne");
        assert_eq!(capitalize_word("JOISSAINS-MASINI"), "Joissains-Masini");
        assert_eq!(title_case("VILLE DE MARTIGUES"), "Ville de Martigues");
        assert_eq!(title_case("COMMUNE D'ISTRES"), "Commune d'Istres");
        assert_eq!(title_case("VILLE DE SALON-DE-PROVENCE"), "Ville de Salon-de-Provence");
        assert_eq!(
            title_case("CONSEIL DÉPARTEMENTAL DES BOUCHES-DU-RHÔNE"),
            "Conseil Départemental des Bouches-du-Rhône"
        );
        assert_eq!(title_case("COMMUNE D'AIX-EN-PROVENCE"), "Commune d'Aix-en-Provence");
        assert_eq!(title_case("ÉTANG DE BERRE"), "Étang de Berre");
        assert_eq!(title_case("VAL D OLIVE LES BAINS"), "Val d'Olive les Bains", "a lost apostrophe put back");
        assert_eq!(title_case("ILE DE FRANCE"), "Ile de France");
    }
}
