//! The budget imputation of a decision: "Budget principal 2024, chapitre 011, nature 6281".

use super::dates::year_of;
use super::text::{contains_word_prefix, find_word, find_word_from, folded, runs, Folded, Sentence};

/// "Budget principal 2024, chapitre 011, nature 6281" from the sentence that gives the imputation.
pub(super) fn find_budget(sentences: &[Sentence]) -> Option<String> {
    let mut candidates: Vec<&Sentence> = sentences
        .iter()
        .filter(|s| {
            let f = folded(&s.text);
            find_word(&f, "chapitre").is_some()
                && (find_word(&f, "nature").is_some() || find_word(&f, "article").is_some())
        })
        .collect();
    candidates.sort_by_key(|s| !s.deciding);
    let s = candidates.first()?;
    let f = Folded::new(&s.text);
    let label = if f.text.contains("budget annexe") {
        "Budget annexe"
    } else if f.text.contains("budget principal") {
        "Budget principal"
    } else if contains_word_prefix(&f.text, "budget") {
        "Budget"
    } else {
        ""
    };
    let year = runs(&f.text).iter().find_map(|r| year_of(r.word));
    let mut parts: Vec<String> = Vec::new();
    match (label.is_empty(), year) {
        (false, Some(y)) => parts.push(format!("{label} {y}")),
        (false, None) => parts.push(label.to_string()),
        _ => {}
    }
    // The imputation's codes follow "chapitre" ("ARTICLE 3 : … chapitre 65, article 6574"); one
    // before it counts too ("nature 6574 du chapitre 65"), except the word opening the sentence:
    // "ARTICLE 3 :" is the deliberation's own article.
    let chapitre = find_word(&f.text, "chapitre").unwrap_or(0);
    for (key, name, two) in [
        ("chapitre", "chapitre", false),
        ("article", "article", false),
        ("nature", "nature", false),
        ("fonction", "fonction", false),
        ("sous politique", "sous-politique", true),
        ("sous-politique", "sous-politique", true),
        ("operation", "opération", false),
    ] {
        if parts.iter().any(|p| p.starts_with(name)) {
            continue;
        }
        let pos = if key == "chapitre" {
            Some(chapitre)
        } else {
            find_word_from(&f.text, key, chapitre).or_else(|| find_word_from(&f.text, key, 1))
        };
        if let Some(pos) = pos.filter(|_| find_word(&f.text, key).is_some()) {
            if let Some(v) = value_after(&f, &s.text, pos + key.len(), two) {
                parts.push(format!("{name} {v}"));
            }
        }
    }
    parts.iter().any(|p| p.starts_with("chapitre")).then(|| parts.join(", "))
}

/// The code after a budget word: "chapitre 65", "Nature 65748", "Sous Politique E 120".
fn value_after(f: &Folded, original: &str, from: usize, letter_then_number: bool) -> Option<String> {
    let rest = f.text.get(from..)?;
    let skipped =
        rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '°')).len();
    let mut at = from + skipped;
    if f.text[at..].starts_with("n°") {
        at += "n°".len();
        at += f.text[at..].len() - f.text[at..].trim_start().len();
    }
    let r = runs(&f.text[at..]);
    let first = r.first().filter(|r| r.start == 0)?;
    // A code has digits, except the letter that opens a sous-politique ("E 120").
    let is_code = first.word.chars().any(|c| c.is_ascii_digit()) || (letter_then_number && first.word.len() == 1);
    if !is_code {
        return None;
    }
    let mut end = at + first.end;
    if letter_then_number && first.word.len() == 1 && first.word.chars().all(char::is_alphabetic) {
        let second = r.get(1).filter(|s| s.word.bytes().all(|b| b.is_ascii_digit()))?;
        end = at + second.end;
    }
    Some(original[f.orig(at)..f.orig(end)].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(sentences: &[(&str, bool)]) -> Option<String> {
        let s: Vec<Sentence> =
            sentences.iter().map(|(t, d)| Sentence { text: (*t).to_string(), deciding: *d }).collect();
        find_budget(&s)
    }

    #[test]
    fn the_imputation_is_read_with_its_codes_as_written() {
        assert_eq!(
            budget(&[("La dépense sera imputée au Budget principal 2024, chapitre 65, article 6574.", true)])
                .as_deref(),
            Some("Budget principal 2024, chapitre 65, article 6574")
        );
        assert_eq!(
            budget(&[("ARTICLE 3 : IMPUTATION AU BUDGET ANNEXE 2023 – CHAPITRE 011 – NATURE 6281", true)]).as_deref(),
            Some("Budget annexe 2023, chapitre 011, nature 6281")
        );
        assert_eq!(
            budget(&[("Crédits inscrits au budget : chapitre n° 65, Nature 65748, Sous Politique E 120.", true)])
                .as_deref(),
            Some("Budget, chapitre 65, nature 65748, sous-politique E 120")
        );
    }

    #[test]
    fn the_deciding_part_is_preferred() {
        let found = budget(&[
            ("Pour mémoire, budget principal 2022, chapitre 011, nature 6281.", false),
            ("Article 2 : budget principal 2024, chapitre 65, nature 6574.", true),
        ]);
        assert_eq!(found.as_deref(), Some("Budget principal 2024, chapitre 65, nature 6574"));
    }

    #[test]
    fn no_chapter_no_imputation() {
        assert_eq!(budget(&[("Le budget principal 2024 prévoit une nature d'action.", true)]), None);
        assert_eq!(budget(&[("Voir le chapitre sur la nature des travaux.", true)]), None);
    }
}
