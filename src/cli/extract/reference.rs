//! What identifies an act: the register reference ("CHL 012-9751/21/BM"), a municipal number
//! ("Délibération n° 2024-052"), the title that follows it, and convention numbers.

use super::text::{find_word_from, folded, Folded, Prepared};

/// The first line (before `limit`) that is a register reference, with what follows it on the line.
pub(super) fn find_reference_line(p: &Prepared, limit: usize) -> Option<(usize, String, String)> {
    for (i, l) in p.logical.iter().enumerate().take(limit.min(p.logical.len())) {
        let mut t = l.text.trim();
        let f = folded(t);
        for prefix in ["deliberation n°", "deliberation no ", "n°", "no "] {
            if f.starts_with(prefix) {
                let cut = Folded::new(t).orig(prefix.len());
                t = t[cut..].trim_start();
                break;
            }
        }
        if let Some(len) = reference_len(t) {
            let rest =
                t[len..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '■' | '-' | '–' | ':')).trim();
            return Some((i, t[..len].to_string(), rest.to_string()));
        }
    }
    None
}

/// Whether a reference is wholly a Métropole register reference, which names its assembly
/// (`/BM`, `/CM`): unique on its own, unlike a municipal number such as `2024-087`.
pub(crate) fn is_register_reference(reference: &str) -> bool {
    reference_len(reference.trim()) == Some(reference.trim().len())
}

/// Length of a Métropole register reference at the start of `s`: "CHL 012-9751/21/BM",
/// "ECOR-003-13530/23/BM", "HN 001-8073/20/CM".
pub(super) fn reference_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let count = |i: &mut usize, pred: fn(u8) -> bool| {
        let start = *i;
        while *i < b.len() && pred(b[*i]) {
            *i += 1;
        }
        *i - start
    };
    let letters = count(&mut i, |c| c.is_ascii_uppercase());
    if !(2..=6).contains(&letters) {
        return None;
    }
    if i < b.len() && (b[i] == b' ' || b[i] == b'-') {
        i += 1;
    }
    if !(1..=4).contains(&count(&mut i, |c| c.is_ascii_digit())) || b.get(i) != Some(&b'-') {
        return None;
    }
    i += 1;
    if !(3..=7).contains(&count(&mut i, |c| c.is_ascii_digit())) || b.get(i) != Some(&b'/') {
        return None;
    }
    i += 1;
    if count(&mut i, |c| c.is_ascii_digit()) != 2 || b.get(i) != Some(&b'/') {
        return None;
    }
    i += 1;
    if !(2..=4).contains(&count(&mut i, |c| c.is_ascii_uppercase())) {
        return None;
    }
    // Not glued to a following letter or digit.
    if b.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(i)
}

/// "Délibération n° 2024-052", "N° DCM-2024-052" → the number as printed.
pub(super) fn numbered_reference(line: &str) -> Option<String> {
    let f = Folded::new(line.trim());
    let t = line.trim();
    let mut at = None;
    for prefix in ["deliberation n°", "deliberation no ", "deliberation numero ", "n°", "numero "] {
        if f.text.starts_with(prefix) {
            at = Some(f.orig(prefix.len()));
            break;
        }
    }
    let rest = t[at?..].trim_start();
    let token: String =
        rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | '_')).collect();
    let token = token.trim_end_matches(['.', '-']).to_string();
    token.chars().any(|c| c.is_ascii_digit()).then_some(token)
}

/// Internal codes printed after a register's title ("… commande publique 51800") are not part of it.
pub(super) fn strip_internal_code(title: &str) -> String {
    let t = title.trim();
    if let Some((head, last)) = t.rsplit_once(' ') {
        if last.len() >= 5 && last.chars().all(|c| c.is_ascii_digit()) {
            return head.trim_end().to_string();
        }
    }
    t.to_string()
}

/// Convention numbers: "MET 21/18706/BM", "convention n° 2024-031".
pub(super) fn find_conventions(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    let mut from = 0;
    while let Some(rel) = text.get(from..).and_then(|t| t.find("MET ")) {
        let at = from + rel;
        from = at + 4;
        if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let token: String = text[at + 4..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
        if token.contains('/') && token.chars().any(|c| c.is_ascii_digit()) {
            push(format!("MET {}", token.trim_end_matches('/')));
        }
    }
    let f = Folded::new(text);
    let mut from = 0;
    while let Some(at) = find_word_from(&f.text, "convention n°", from) {
        from = at + 1;
        let start = f.orig(at + "convention n°".len());
        let token: String = text[start..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.'))
            .collect();
        let token = token.trim_end_matches(['.', '-']).to_string();
        if token.chars().any(|c| c.is_ascii_digit()) {
            push(token);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_references_of_the_metropole() {
        for reference in ["CHL 012-9751/21/BM", "ECOR-003-13530/23/BM", "HN 001-8073/20/CM", "CHL-059-15101/23/BM"] {
            assert_eq!(reference_len(reference), Some(reference.len()), "{reference}");
        }
        let line = "CHL 012-9751/21/BM ■ Attribution d'une subvention";
        assert_eq!(reference_len(line), Some("CHL 012-9751/21/BM".len()));
    }

    #[test]
    fn what_only_looks_like_a_reference_is_not_one() {
        assert_eq!(reference_len("CHL 012-9751/21/BM2"), None);
        assert_eq!(reference_len("chl 012-9751/21/bm"), None);
        assert_eq!(reference_len("C 012-9751/21/BM"), None);
        assert_eq!(reference_len("CHL 012-97/21/BM"), None);
        assert_eq!(reference_len("MET 21/18706/BM"), None);
        assert_eq!(reference_len(""), None);
    }

    #[test]
    fn the_reference_line_gives_the_title_that_follows() {
        let p = Prepared::new(
            "Séance du 7 décembre 2023\nDélibération n° CHL-059-15101/23/BM – Adhésion à l'association Alliance Villes Emploi 51800",
        );
        let (line, reference, rest) = find_reference_line(&p, 10).expect("reference found");
        assert_eq!(line, 1);
        assert_eq!(reference, "CHL-059-15101/23/BM");
        assert_eq!(strip_internal_code(&rest), "Adhésion à l'association Alliance Villes Emploi");
        assert!(find_reference_line(&p, 1).is_none(), "the limit is a limit");
    }

    #[test]
    fn municipal_numbers_as_printed() {
        assert_eq!(numbered_reference("Délibération n° 2024-052").as_deref(), Some("2024-052"));
        assert_eq!(numbered_reference("DÉLIBÉRATION N° DCM-2024-052.").as_deref(), Some("DCM-2024-052"));
        assert_eq!(numbered_reference("N°2024/11 du registre").as_deref(), Some("2024/11"));
        assert_eq!(numbered_reference("Délibération n° ABC"), None);
        assert_eq!(numbered_reference("Le numéro vert"), None);
    }

    #[test]
    fn internal_codes_are_cut_from_titles_but_years_are_not() {
        assert_eq!(strip_internal_code("Approbation d'une convention 51800"), "Approbation d'une convention");
        assert_eq!(strip_internal_code("Subvention au titre de 2024"), "Subvention au titre de 2024");
    }

    #[test]
    fn convention_numbers_each_once() {
        let text =
            "Vu la convention MET 21/18706/BM ; la convention n° 2024-031. Convention N° 2024-031 et MET 21/18706/BM.";
        assert_eq!(find_conventions(text), ["MET 21/18706/BM", "2024-031"]);
        assert!(find_conventions("COMET 21/18706/BM, convention n° ABC").is_empty());
    }
}
