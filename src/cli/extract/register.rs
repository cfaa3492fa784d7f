//! Register extracts (Bureau, Conseil de la Métropole, municipal council): the header, the séance,
//! the members present, the deciding part ("Délibère", the articles) and its first sentence.

use super::dates::{date_alone, dates_in, words_date};
use super::people::{is_signature_mark, rapporteur_of, signatory};
use super::reference::{find_reference_line, numbered_reference, strip_internal_code};
use super::shape::{instance_in, labelled, of_town, Fields};
use super::text::{find_word, folded, is_all_caps, split_sentences, title_case, Folded, Logical, Prepared, Scope};

/// Reads a register extract: instance and séance from the header, members present, reference and
/// title, rapporteur, signatory, and the first sentence of the deciding part as the quote. The
/// scope is everything before the signature block, each line marked deciding or not.
pub(super) fn read_register(p: &Prepared) -> (Fields, Scope) {
    let mut fields = Fields::default();
    let n = p.logical.len();
    let folded_lines: Vec<String> = p.logical.iter().map(|l| folded(&l.text)).collect();

    // The deciding part: from "Délibère" (or "Décide", or the first article) to the signature.
    let decide_start = folded_lines
        .iter()
        .position(|f| {
            let f = f.trim_start_matches(['-', ' ']);
            f.starts_with("delibere")
                || f.starts_with("decide")
                || f.starts_with("article 1")
                || f.starts_with("article premier")
                || f.starts_with("article unique")
                || f.contains("apres en avoir delibere")
        })
        .unwrap_or(n);
    let signature_start = folded_lines
        .iter()
        .enumerate()
        .skip(decide_start)
        .find(|(_, f)| is_signature_mark(f) || f.starts_with("cette proposition mise aux voix"))
        .map_or(n, |(i, _)| i);

    // Header: up to the séance line (or the first lines).
    let seance_ix = folded_lines.iter().take(30).position(|f| f.starts_with("seance") || f.contains("seance du"));
    let header_end = seance_ix.map_or(n.min(8), |i| i + 1);
    let header: Vec<&str> = p.logical[..header_end].iter().map(|l| l.text.as_str()).collect();

    let (instance, commune_missing) = register_instance(&header, &p.logical[..decide_start.min(n)]);
    fields.instance = instance;
    if commune_missing {
        fields.notes.push("commune du conseil municipal introuvable dans l'en-tête".to_string());
    }

    // Date of the séance: "Séance du jeudi 7 décembre 2023", "L'an deux mille vingt-quatre, le quinze mars".
    fields.date = seance_ix
        .and_then(|i| {
            let f = &folded_lines[i];
            let from = f.find("seance").unwrap_or(0);
            dates_in(&f[from..]).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date)
        })
        .or_else(|| folded_lines.iter().take(decide_start).find_map(|f| words_date(f)))
        // "Bureau de la Métropole" then "28 AVRIL 2016" alone on its line.
        .or_else(|| folded_lines.iter().take(decide_start.min(30)).find_map(|f| date_alone(f)))
        .or_else(|| {
            folded_lines
                .iter()
                .take(decide_start.min(20))
                .filter(|f| f.contains("reuni") || f.contains("assemble"))
                .find_map(|f| dates_in(f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date))
        });

    fields.members = p.logical.iter().take(decide_start).find_map(|l| members_present(&folded(&l.text)));

    // Reference, and the title that follows it (or an "Objet :" line).
    let reference_line = find_reference_line(p, decide_start);
    if let Some((ix, reference, rest)) = &reference_line {
        fields.reference = Some(reference.clone());
        if !rest.is_empty() {
            fields.title = Some(strip_internal_code(rest));
        } else {
            fields.title = p.logical[ix + 1..decide_start.max(ix + 1).min(n)]
                .iter()
                .map(|l| l.text.trim())
                .find(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()))
                .map(strip_internal_code);
        }
    }
    if let Some(objet) = p.logical.iter().take(decide_start).find_map(|l| labelled(&l.text, &["objet"])) {
        fields.title = Some(objet.to_string());
    }
    // A municipal reference: "Délibération n° 2024-052".
    if fields.reference.is_none() {
        fields.reference = p.logical.iter().take(decide_start.min(40)).find_map(|l| numbered_reference(&l.text));
    }

    // Signed: "Signé le 15 Avril 2021".
    fields.signed = folded_lines
        .iter()
        .find(|f| f.starts_with("signe le"))
        .and_then(|f| dates_in(f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date));

    fields.rapporteur = p.logical.iter().take(signature_start).find_map(|l| rapporteur_of(&l.text));
    fields.signatory = signatory(p);

    // The article that decides, as the decision's quote.
    fields.quote = deciding_quote(p, &folded_lines, decide_start, signature_start);
    if fields.quote.is_none() {
        if decide_start >= n {
            fields.notes.push("dispositif (« Délibère », « Article 1 ») introuvable".to_string());
        }
        fields.quote = fields.title.clone();
    }

    // Content: everything before the signature block (the header names the body and the town).
    let mut scope = Scope { lines: Vec::new(), deciding: Vec::new() };
    for (i, l) in p.logical.iter().enumerate().take(signature_start) {
        scope.lines.push(l.text.clone());
        scope.deciding.push(i >= decide_start);
    }
    (fields, scope)
}

/// The instance from the header, else from the first mention before the deciding part.
/// The flag says a municipal council was found without its commune.
fn register_instance(header: &[&str], before_decision: &[Logical]) -> (Option<String>, bool) {
    let head = folded(&header.join("\n"));
    if head.contains("conseil municipal") {
        return match commune_in(header) {
            Some(c) => (Some(format!("Conseil municipal {}", of_town(&c))), false),
            None => (Some("Conseil municipal".to_string()), true),
        };
    }
    if let Some(i) = instance_in(&head) {
        return (Some(i), false);
    }
    if let Some(pos) = head.find("conseil de territoire") {
        let f = Folded::new(&header.join("\n"));
        let start = f.orig(pos + "conseil de territoire".len());
        let joined = header.join("\n");
        let rest = joined[start..].lines().next().unwrap_or("").trim();
        let rest = if is_all_caps(rest) { title_case(rest) } else { rest.to_string() };
        return (Some(format!("Conseil de territoire {rest}").trim().to_string()), false);
    }
    for l in before_decision {
        let f = folded(&l.text);
        if f.contains("conseil municipal") {
            if let Some(c) = commune_in(&[l.text.as_str()]) {
                return (Some(format!("Conseil municipal {}", of_town(&c))), false);
            }
        }
        if let Some(i) = instance_in(&f) {
            return (Some(i), false);
        }
    }
    (None, false)
}

/// The commune a municipal council's header names: "Conseil municipal de la Commune d'Istres",
/// "Conseil Municipal d’Aubagne", "VILLE DE LA CIOTAT", "Conseil municipal du Rove" (→ "Le Rove"),
/// "Commune de l’Isle-sur-la-Sorgue" (→ "L'Isle-sur-la-Sorgue").
fn commune_in(lines: &[&str]) -> Option<String> {
    // (folded words, article the town's name takes back), longest first.
    const AFTER: [(&str, &str); 22] = [
        ("conseil municipal de la ville de ", ""),
        ("conseil municipal de la ville d'", ""),
        ("conseil municipal de la commune de ", ""),
        ("conseil municipal de la commune d'", ""),
        ("conseil municipal de l'", "L'"),
        ("conseil municipal de ", ""),
        ("conseil municipal d'", ""),
        ("conseil municipal du ", "Le "),
        ("conseil municipal des ", "Les "),
        ("conseil municipal - ", ""),
        ("ville de ", ""),
        ("commune de ", ""),
        ("mairie de ", ""),
        ("ville d'", ""),
        ("commune d'", ""),
        ("mairie d'", ""),
        ("ville du ", "Le "),
        ("commune du ", "Le "),
        ("ville des ", "Les "),
        ("commune des ", "Les "),
        ("ville de l'", "L'"),
        ("commune de l'", "L'"),
    ];
    for (pattern, article) in AFTER {
        for line in lines {
            let f = Folded::new(line);
            let Some(pos) = f.text.find(pattern) else { continue };
            // "ville de", "commune de" only at the start of a line: elsewhere they are prose.
            if !pattern.starts_with("conseil") && pos != 0 {
                continue;
            }
            let start = f.orig(pos + pattern.len());
            if let Some(name) = proper_name_at(&line[start..]) {
                let name = if is_all_caps(&name) { title_case(&name) } else { name };
                return Some(format!("{article}{name}"));
            }
        }
    }
    None
}

/// The proper name at the start of `s`: capitalised words, with the particles between them.
fn proper_name_at(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut taken: Vec<&str> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for w in words {
        let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
        let ends = bare.len() != w.len();
        let f = folded(bare);
        let first_letter = bare.chars().find(|c| c.is_alphabetic());
        if matches!(f.as_str(), "de" | "du" | "des" | "la" | "le" | "les" | "sur" | "en") && !ends {
            pending.push(bare);
            continue;
        }
        if first_letter.is_some_and(char::is_uppercase) && !bare.is_empty() {
            taken.append(&mut pending);
            taken.push(bare);
            if ends {
                break;
            }
        } else {
            break;
        }
    }
    // Stop words of the header are not part of the name ("MARTIGUES SÉANCE DU …" cannot occur: one line each).
    (!taken.is_empty()).then(|| taken.join(" "))
}

/// "ont été présents 29 membres", "Présents : 35", "29 membres présents".
fn members_present(f: &str) -> Option<u32> {
    let number_at = |s: &str| -> Option<u32> {
        let digits: String = s.trim_start().chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    if let Some(pos) = f.find("ont ete presents ") {
        let rest = &f[pos + "ont ete presents ".len()..];
        if let Some(n) = number_at(rest) {
            return Some(n);
        }
    }
    for label in ["membres presents", "nombre de presents", "conseillers presents", "presents"] {
        if let Some(pos) = find_word(f, label) {
            // "Présents : 35", or with dot leaders as a table of contents: "Présents ....... 36".
            let rest = f[pos + label.len()..].trim_start();
            let value = rest.strip_prefix(':').or_else(|| {
                let leaders = rest.trim_start_matches(['.', ' ', '…']);
                (leaders.len() + 3 <= rest.len()).then_some(leaders)
            });
            if let Some(n) = value.and_then(number_at) {
                return Some(n);
            }
        }
    }
    if let Some(pos) = f.find(" membres presents") {
        let digits: String =
            f[..pos].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        return digits.parse().ok();
    }
    None
}

/// The first sentence of the first article (or of what follows "Décide").
fn deciding_quote(p: &Prepared, folded_lines: &[String], start: usize, end: usize) -> Option<String> {
    let range = start..end.min(p.logical.len());
    let is_article =
        |f: &str| f.starts_with("article 1") || f.starts_with("article premier") || f.starts_with("article unique");
    let trimmed = |i: usize| folded_lines[i].trim_start_matches(['-', ' ']).to_string();
    // The first article; else what follows "Décide".
    let at = range
        .clone()
        .find(|&i| is_article(&trimmed(i)))
        .or_else(|| range.clone().find(|&i| trimmed(i).starts_with("decide")));
    if let Some(i) = at {
        // Inline text after "Article 1 :" / "Décide :".
        let text = &p.logical[i].text;
        let inline = text.split_once(':').map(|(_, r)| r.trim()).filter(|r| !r.is_empty());
        let body = match inline {
            Some(r) => r.to_string(),
            None => p.logical.get(i + 1).filter(|_| i + 1 < range.end).map(|l| l.text.clone())?,
        };
        let body = body.trim_start_matches(['-', '•', ' ']).to_string();
        return split_sentences(&body).into_iter().next();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISTRES: &str = "VILLE D'ISTRES
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
SÉANCE DU JEUDI 1ER FÉVRIER 2024
Nombre de conseillers en exercice : 39 – Présents : 27
Délibération n° 2024-011
Objet : Subvention à l’association Œuvres Sociales de l’Étang
Rapporteur : Madame Anne-Sophie D'ESTIENNE, Adjointe
Le rapport expose que l'association accueille 300 familles.
DÉLIBÈRE
Article 1 : Une subvention de 12 500 € est attribuée à l’association Œuvres Sociales de l’Étang. Elle sera versée en une fois.
Article 2 : La dépense est imputée au chapitre 65, article 6574.
Certifié conforme,
Le Maire
François BERNARDINI
Publié le 5 février 2024";

    #[test]
    fn a_municipal_register_gives_every_field() {
        let (fields, scope) = read_register(&Prepared::new(ISTRES));
        assert_eq!(fields.instance.as_deref(), Some("Conseil municipal d'Istres"));
        assert_eq!(fields.date.map(|d| d.to_string()).as_deref(), Some("2024-02-01"));
        assert_eq!(fields.members, Some(27));
        assert_eq!(fields.reference.as_deref(), Some("2024-011"));
        assert_eq!(fields.title.as_deref(), Some("Subvention à l’association Œuvres Sociales de l’Étang"));
        assert_eq!(fields.rapporteur.as_deref(), Some("Anne-Sophie D'Estienne, Adjointe"));
        assert_eq!(fields.signatory.as_deref(), Some("François Bernardini, Maire"));
        assert_eq!(
            fields.quote.as_deref(),
            Some("Une subvention de 12 500 € est attribuée à l’association Œuvres Sociales de l’Étang.")
        );
        assert!(fields.notes.is_empty(), "{:?}", fields.notes);
        // The scope stops at the signature; the articles are the deciding part.
        assert!(!scope.lines.iter().any(|l| l.contains("BERNARDINI")));
        let deciding: Vec<&String> =
            scope.lines.iter().zip(&scope.deciding).filter(|(_, d)| **d).map(|(l, _)| l).collect();
        assert_eq!(deciding.len(), 3);
        assert!(deciding[0].starts_with("DÉLIBÈRE"));
    }

    #[test]
    fn a_date_written_in_words_when_the_seance_line_has_none() {
        let text = "CONSEIL MUNICIPAL DE MARTIGUES\nL'an deux mille vingt-quatre, le quinze mars, le Conseil s'est réuni.\nDécide :\nArticle 1 : la convention est approuvée.";
        let (fields, _) = read_register(&Prepared::new(text));
        assert_eq!(fields.date.map(|d| d.to_string()).as_deref(), Some("2024-03-15"));
        assert_eq!(fields.instance.as_deref(), Some("Conseil municipal de Martigues"));
        assert_eq!(fields.quote.as_deref(), Some("la convention est approuvée."));
    }

    #[test]
    fn a_register_without_its_deciding_part_says_so() {
        let text = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU BUREAU DE LA MÉTROPOLE\nSéance du 7 décembre 2023\nCHL-059-15101/23/BM – Adhésion à l'association Alliance Villes Emploi";
        let (fields, _) = read_register(&Prepared::new(text));
        assert_eq!(fields.instance.as_deref(), Some("Bureau de la Métropole"));
        assert_eq!(fields.reference.as_deref(), Some("CHL-059-15101/23/BM"));
        assert_eq!(fields.quote, fields.title, "the title stands for the missing article");
        assert_eq!(fields.notes, ["dispositif (« Délibère », « Article 1 ») introuvable"]);
    }

    #[test]
    fn a_municipal_council_without_its_commune_is_reported() {
        let (fields, _) =
            read_register(&Prepared::new("Extrait du registre du conseil municipal\nSéance du 3 mai 2024"));
        assert_eq!(fields.instance.as_deref(), Some("Conseil municipal"));
        assert!(fields.notes.contains(&"commune du conseil municipal introuvable dans l'en-tête".to_string()));
    }

    #[test]
    fn members_present_as_registers_write_them() {
        assert_eq!(members_present(&folded("Ont été présents 29 membres")), Some(29));
        assert_eq!(members_present(&folded("PRÉSENTS : 35")), Some(35));
        assert_eq!(members_present(&folded("Présents ............................ 36")), Some(36));
        assert_eq!(members_present(&folded("Présents 36")), None, "a number without its colon or leaders");
        assert_eq!(members_present(&folded("29 membres présents, 4 représentés")), Some(29));
        assert_eq!(members_present(&folded("Étaient présents : Mmes et MM. les conseillers")), None);
    }

    #[test]
    fn communes_are_read_from_the_header() {
        assert_eq!(commune_in(&["VILLE DE SALON-DE-PROVENCE"]).as_deref(), Some("Salon-de-Provence"));
        assert_eq!(commune_in(&["Conseil municipal de la Ville de La Ciotat"]).as_deref(), Some("La Ciotat"));
        assert_eq!(commune_in(&["Le Conseil municipal d’Aubagne, réuni"]).as_deref(), Some("Aubagne"));
        assert_eq!(commune_in(&["du Conseil Municipal de la Commune d'Istres"]).as_deref(), Some("Istres"));
        assert_eq!(commune_in(&["CONSEIL MUNICIPAL DE LA COMMUNE D’AUBAGNE"]).as_deref(), Some("Aubagne"));
        assert_eq!(
            commune_in(&["Conseil municipal de la Ville d’Aix-en-Provence"]).as_deref(),
            Some("Aix-en-Provence")
        );
        assert_eq!(commune_in(&["Le Conseil municipal du Rove"]).as_deref(), Some("Le Rove"));
        assert_eq!(commune_in(&["COMMUNE DES PENNES-MIRABEAU"]).as_deref(), Some("Les Pennes-Mirabeau"));
        assert_eq!(commune_in(&["Conseil municipal de l’Isle-sur-la-Sorgue"]).as_deref(), Some("L'Isle-sur-la-Sorgue"));
        assert_eq!(commune_in(&["La ville de Marseille est partenaire"]), None);
        assert_eq!(proper_name_at("Port-de-Bouc, le 3 mai").as_deref(), Some("Port-de-Bouc"));
        assert_eq!(proper_name_at("Saint-Mitre-les-Remparts").as_deref(), Some("Saint-Mitre-les-Remparts"));
        assert_eq!(proper_name_at("la commune"), None);
    }
}
