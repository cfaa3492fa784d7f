//! Register extracts (Bureau, Conseil de la Métropole, municipal council): the header, the séance,
//! the members present, the deciding part ("Délibère", the articles) and its first sentence.

use super::assembly::register_instance;
use super::dates::dates_in;
use super::heading::{first_item_title, heading_title, numbered_question};
use super::people::{is_signature_mark, rapporteur_of, signatory};
use super::reference::{find_reference_line, numbered_reference, strip_internal_code};
use super::seance::{seance_dates, seance_of};
use super::shape::{labelled, Fields};
use super::text::{folded, split_sentences, Prepared, Scope};

/// How far into a register its head may go: the séance, the members and the object are named
/// before this many lines (a list of those present takes one line each).
const HEAD_LINES: usize = 80;

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
    let head_lines = &folded_lines[..decide_start.min(HEAD_LINES)];
    let seance_ix = seance_dates(head_lines).first().map(|s| s.line).filter(|&i| i < 30);
    let header_end = seance_ix.map_or(n.min(8), |i| i + 1);
    let header: Vec<&str> = p.logical[..header_end].iter().map(|l| l.text.as_str()).collect();

    let (instance, commune_missing) = register_instance(&header, &p.logical[..decide_start.min(n)]);
    fields.instance = instance;
    if commune_missing {
        fields.notes.push("commune du conseil municipal introuvable dans l'en-tête".to_string());
    }

    // Date of the séance: the first date of the head that names one ("Séance du jeudi 7 décembre
    // 2023", "L'an deux mille vingt-quatre, le quinze mars", "28 AVRIL 2016" alone), never the
    // convocation's, an earlier séance's or a cited deliberation's.
    let (date, conflict) = seance_of(head_lines);
    fields.date = date;
    fields.notes.extend(conflict);

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
    let head = &p.logical[..decide_start.min(HEAD_LINES).min(n)];
    if fields.reference.is_none() {
        fields.reference = head.iter().find_map(|l| numbered_reference(&l.text));
    }
    // A question numbered as minutes and sites print it, its title with it; else the first item
    // of the minutes, else a heading that names a decision.
    if fields.reference.is_none() || fields.title.is_none() {
        if let Some((number, title)) = numbered_question(head) {
            fields.reference.get_or_insert(number);
            if let Some(t) = title.filter(|_| fields.title.is_none()) {
                fields.title = Some(t);
            }
        }
    }
    if fields.title.is_none() {
        fields.title = first_item_title(head).or_else(|| heading_title(head));
    }

    // Signed: "Signé le 15 Avril 2021".
    fields.signed = folded_lines
        .iter()
        .find(|f| f.starts_with("signe le"))
        .and_then(|f| dates_in(f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date));

    // « Rapporteur : » alone on its line, as sites print it, names the person on the next one.
    fields.rapporteur = p.logical.iter().take(signature_start).enumerate().find_map(|(i, l)| {
        rapporteur_of(&l.text).or_else(|| {
            let label = folded(l.text.trim()).trim_end_matches([' ', ':']) == "rapporteur";
            let next = p.logical.get(i + 1).filter(|_| label)?;
            rapporteur_of(&format!("Rapporteur : {}", next.text))
        })
    });
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
    for label in ["membres presents", "nombre de presents", "conseillers presents", "presents a la seance", "presents"]
    {
        // A copy that loses line breaks glues the label to the number before it (« 43Présents … 35 »).
        let at = |from: usize| {
            f.get(from..)?.match_indices(label).map(|(i, _)| from + i).find(|&i| {
                let before_ok = f[..i].chars().next_back().is_none_or(|c| !c.is_alphabetic());
                let after_ok = f[i + label.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                before_ok && after_ok
            })
        };
        if let Some(pos) = at(0) {
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
        assert_eq!(
            members_present(&folded("en exercice ...... 43Présents ........ 35Excusés")),
            Some(35),
            "glued by the copy"
        );
        assert_eq!(members_present(&folded("Présents à la séance : 9 Votants : 9")), Some(9));
        assert_eq!(members_present(&folded("Étaient présents : Mmes et MM. les conseillers")), None);
    }
}
