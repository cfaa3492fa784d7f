//! People named by a deliberation: the rapporteur and the signatory (the "Certifié conforme"
//! block), civilities dropped and surnames in capitals written as names.

use super::text::{capitalize_word, folded, is_all_caps, Folded, Prepared};

/// "Rapporteur : Madame Claire EXEMPLE, Adjointe …" → "Claire Exemple, Adjointe …".
pub(super) fn rapporteur_of(line: &str) -> Option<String> {
    let f = folded(line);
    let value = if f.starts_with("rapporteur") {
        let f2 = Folded::new(line);
        let after = f2.text["rapporteur".len()..].trim_start();
        // « Rapporteur : … », « RAPPORTEUR - … », or a site's « Rapporteur Mme Boukerche ».
        let civility = ["m. ", "mme ", "monsieur ", "madame "].iter().any(|c| after.starts_with(c));
        let after = after.strip_prefix(':').or_else(|| after.strip_prefix('-')).or(civility.then_some(after))?;
        let start = f2.orig(f2.text.len() - after.len());
        line[start..].trim().to_string()
    } else if let Some(pos) = f.find("sur le rapport de ") {
        let f2 = Folded::new(line);
        line[f2.orig(pos + "sur le rapport de ".len())..].trim().trim_end_matches('.').to_string()
    } else {
        return None;
    };
    if value.is_empty() {
        return None;
    }
    let (name, role) = match value.split_once(',') {
        Some((n, r)) => (n.trim(), Some(r.trim())),
        None => (value.as_str(), None),
    };
    let name = person_name(name);
    if name.is_empty() || folded(&name).contains("commissaire") {
        return None;
    }
    Some(match role {
        Some(r) if !r.is_empty() => format!("{name}, {}", r.trim_end_matches(['.', ','])),
        _ => name,
    })
}

/// The "Certifié Conforme" block: role on the first lines, name on the last one.
pub(super) fn signatory(p: &Prepared) -> Option<String> {
    let n = p.lines.len();
    let mark = (0..n).rev().find(|&i| is_signature_mark(&folded(&p.lines[i])))?;
    let mut block: Vec<String> = Vec::new();
    // What follows the mark on its own line ("Certifié conforme, Le Maire").
    let first = &p.lines[mark];
    if let Some((_, rest)) = first.split_once(',') {
        let rest = rest.trim();
        if !rest.is_empty() {
            block.push(rest.to_string());
        }
    }
    for line in p.lines.iter().skip(mark + 1) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let f = folded(t);
        if [
            "signe le",
            "recu au controle",
            "accuse de reception",
            "publie le",
            "affiche le",
            "transmis",
            "certifie executoire",
            "acte rendu executoire",
        ]
        .iter()
        .any(|s| f.starts_with(s))
        {
            break;
        }
        block.push(t.to_string());
        if block.len() >= 8 {
            break;
        }
    }
    let name_line = block.pop()?;
    if !looks_like_name(&name_line) {
        return None;
    }
    let name = person_name(&name_line);
    match role_of(&block) {
        Some(role) => Some(format!("{name}, {role}")),
        None => Some(name),
    }
}

/// The line that opens the signature block ("Certifié conforme", "Pour extrait conforme"…).
pub(super) fn is_signature_mark(f: &str) -> bool {
    let f = f.trim_start_matches(['-', ' ']);
    f.starts_with("certifie conforme")
        || f.starts_with("pour extrait conforme")
        || f.starts_with("pour copie conforme")
        || f.starts_with("pour expedition conforme")
        || f.starts_with("ainsi fait et delibere")
        || f.starts_with("fait et delibere")
}

fn role_of(lines: &[String]) -> Option<String> {
    let parts: Vec<String> =
        lines.iter().map(|l| l.trim().trim_end_matches(',').trim().to_string()).filter(|l| !l.is_empty()).collect();
    let first = parts.first()?;
    let mut head = first.as_str();
    for article in ["Pour le ", "Pour la ", "Le ", "La ", "L'"] {
        if let Some(rest) = head.strip_prefix(article) {
            head = rest;
            break;
        }
    }
    let head =
        head.replace("Président Délégué", "Président délégué").replace("Présidente Déléguée", "Présidente déléguée");
    Some(if parts.len() > 1 { format!("{head} {}", parts[1..].join(", ")) } else { head })
}

/// A person's name line: a few words, each capitalised (or a particle), no digits.
fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || line.chars().any(|c| c.is_ascii_digit()) || line.ends_with([':', ',']) {
        return false;
    }
    let particles = ["de", "du", "d'", "le", "la", "van", "von", "di", "da", "des"];
    let mut capitalised = 0;
    for w in &words {
        let f = folded(w);
        if particles.contains(&f.as_str()) || f.starts_with("d'") {
            continue;
        }
        if ["monsieur", "madame", "m.", "mme", "mme."].contains(&f.as_str()) {
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        } else {
            return false;
        }
    }
    capitalised >= 1
}

/// Civilities dropped, surnames in capitals written as names: "Martial ALVAREZ" → "Martial Alvarez".
pub(super) fn person_name(raw: &str) -> String {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    while words
        .first()
        .is_some_and(|w| ["monsieur", "madame", "m.", "mme", "mme.", "mlle", "mr", "mr."].contains(&folded(w).as_str()))
    {
        words.remove(0);
    }
    words
        .iter()
        .map(|w| if is_all_caps(w) { capitalize_word(w) } else { (*w).to_string() })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rapporteurs_with_civility_capitals_and_role() {
        assert_eq!(
            rapporteur_of("Rapporteur : Madame Anne-Sophie D'ESTIENNE, Adjointe au Maire.").as_deref(),
            Some("Anne-Sophie D'Estienne, Adjointe au Maire")
        );
        assert_eq!(rapporteur_of("RAPPORTEUR - M. Martial ALVAREZ").as_deref(), Some("Martial Alvarez"));
        assert_eq!(rapporteur_of("Rapporteur Mme Boukerche").as_deref(), Some("Boukerche"));
        assert_eq!(
            rapporteur_of("Sur le rapport de Monsieur Gérard GAZAY, Vice-Président.").as_deref(),
            Some("Gérard Gazay, Vice-Président")
        );
    }

    #[test]
    fn no_rapporteur_is_invented() {
        assert_eq!(rapporteur_of("Rapporteur :"), None);
        assert_eq!(rapporteur_of("Rapporteur : le Commissaire Rapporteur"), None);
        assert_eq!(rapporteur_of("Le rapporteur propose d'approuver."), None);
    }

    #[test]
    fn the_signatory_is_the_last_name_of_the_certified_block() {
        let p = Prepared::new(
            "Article 1 : …\nCertifié Conforme,\nLe Président Délégué\nCommission Emploi\nMartial ALVAREZ\nSigné le 15 Avril 2021",
        );
        assert_eq!(signatory(&p).as_deref(), Some("Martial Alvarez, Président délégué Commission Emploi"));
        let p = Prepared::new("Article 1 : …\nPour extrait conforme, Le Maire\nGaby CHARROUX\nPublié le 20 mars 2024");
        assert_eq!(signatory(&p).as_deref(), Some("Gaby Charroux, Maire"));
    }

    #[test]
    fn a_block_without_a_name_has_no_signatory() {
        assert_eq!(signatory(&Prepared::new("Certifié conforme,\nLe Maire\nsigné électroniquement le 3/4/2024")), None);
        assert_eq!(signatory(&Prepared::new("Délibère\nArticle 1 : la subvention est attribuée.")), None);
    }

    #[test]
    fn names_look_like_names() {
        assert!(looks_like_name("Martial ALVAREZ"));
        assert!(looks_like_name("Madame Marie-Claude de LA FONTAINE"));
        assert!(!looks_like_name("Le Président,"));
        assert!(!looks_like_name("le 15 avril 2021"));
        assert!(!looks_like_name("accusé de réception en préfecture"));
        assert_eq!(person_name("Mme Martine VASSAL"), "Martine Vassal");
        assert_eq!(person_name("Monsieur Jean-Pierre SERRUS"), "Jean-Pierre Serrus");
    }

    #[test]
    fn signature_marks_in_capitals_and_with_dashes() {
        assert!(is_signature_mark(&folded("- CERTIFIÉ CONFORME")));
        assert!(is_signature_mark(&folded("Ainsi fait et délibéré les jour, mois et an susdits")));
        assert!(!is_signature_mark(&folded("Le Conseil certifie que")));
    }
}
