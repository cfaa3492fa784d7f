//! Register extracts (Bureau, Conseil de la Métropole, municipal council): the header, the séance,
//! the members present, the deciding part ("Délibère", the articles) and its first sentence.

use std::ops::Range;

use super::assembly::register_instance;
use super::dates::dates_in;
use super::heading::{
    continued_in_capitals, deliberation_heading, first_item_title, heading_title, numbered_question, Heading,
    HeadingForm,
};
use super::people::{is_signature_mark, rapporteur_of, signatory};
use super::reference::{find_reference_line, numbered_reference, strip_internal_code};
use super::seance::{seance_dates, seance_of};
use super::shape::{labelled, Fields};
use super::text::{find_word, folded, split_sentences, Logical, Prepared, Scope};

/// How far into a register its head may go: the séance, the members and the object are named
/// before this many lines (a list of those present takes one line each).
const HEAD_LINES: usize = 80;

/// Reads a register extract: instance and séance from the header, members present, reference and
/// title, rapporteur, signatory, and the first sentence of the deciding part as the quote. The
/// scope is everything before the signature block, each line marked deciding or not. Minutes or a
/// register that print several numbered deliberations one after the other (« N°2004/04/01 : … »,
/// « 2013-19 : … », « Délibération n° … ») give one each, as a portal page does: the head they share
/// (séance, assembly, members, signatory), then each one's number, title, deciding part and scope.
pub(super) fn read_register(p: &Prepared) -> Vec<(Fields, Scope)> {
    let folded_lines: Vec<String> = p.logical.iter().map(|l| folded(&l.text)).collect();
    let items = deliberation_items(&p.logical);
    if items.len() < 2 {
        return vec![read_single(p, &folded_lines)];
    }
    let head = head_fields(p, &folded_lines, items[0].0);
    items
        .iter()
        .enumerate()
        .map(|(k, (start, heading))| {
            let end = items.get(k + 1).map_or(p.logical.len(), |(next, _)| *next);
            read_item(p, &folded_lines, &head, *start..end, heading)
        })
        .collect()
}

/// A register that holds one deliberation.
fn read_single(p: &Prepared, folded_lines: &[String]) -> (Fields, Scope) {
    let n = p.logical.len();
    // The deciding part: from "Délibère" (or "Décide", or the first article) to the signature.
    let decide_start = folded_lines.iter().position(|f| opens_deciding_part(f)).unwrap_or(n);
    let signature_start = signature_after(folded_lines, decide_start, n);
    let mut fields = head_fields(p, folded_lines, decide_start);

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

    fields.rapporteur = rapporteur_in(p, 0..signature_start);
    // The article that decides, as the decision's quote.
    fields.quote = deciding_quote(p, folded_lines, decide_start, signature_start);
    if fields.quote.is_none() {
        if decide_start >= n {
            fields.notes.push("dispositif (« Délibère », « Article 1 ») introuvable".to_string());
        }
        fields.quote = fields.title.clone();
    }

    // Content: everything before the signature block (the header names the body and the town).
    (fields, scope_of(p, 0..signature_start, decide_start))
}

/// What the deliberations of one register share, read from its head (the lines before `limit`):
/// the assembly, the séance, the members present, the signature.
fn head_fields(p: &Prepared, folded_lines: &[String], limit: usize) -> Fields {
    let mut fields = Fields::default();
    let n = p.logical.len();
    // Header: up to the séance line (or the first lines).
    let head_lines = &folded_lines[..limit.min(HEAD_LINES).min(n)];
    let seance_ix = seance_dates(head_lines).first().map(|s| s.line).filter(|&i| i < 30);
    let header_end = seance_ix.map_or(n.min(8), |i| i + 1);
    let header: Vec<&str> = p.logical[..header_end].iter().map(|l| l.text.as_str()).collect();

    let (instance, commune_missing) = register_instance(&header, &p.logical[..limit.min(n)]);
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

    fields.members = p.logical.iter().take(limit).find_map(|l| members_present(&folded(&l.text)));

    // Signed: "Signé le 15 Avril 2021".
    fields.signed = folded_lines
        .iter()
        .find(|f| f.starts_with("signe le"))
        .and_then(|f| dates_in(f).into_iter().find(|d| d.date.day.is_some()).map(|d| d.date));
    fields.signatory = signatory(p);
    fields
}

/// One deliberation of minutes that hold several: the head's fields, then its number and title,
/// its rapporteur, its deciding part (« DECIDE », an article, or the assembly that approves:
/// « Le Conseil Municipal APPROUVE la convention… ») and its own lines as its scope.
fn read_item(
    p: &Prepared,
    folded_lines: &[String],
    head: &Fields,
    range: Range<usize>,
    heading: &Heading,
) -> (Fields, Scope) {
    let mut fields = head.clone();
    fields.reference = Some(heading.number.clone());
    let body = range.start + 1..range.end;
    fields.title = match &heading.title {
        Some(t) => Some(continued_in_capitals(t.clone(), &p.logical[body.clone()])),
        // « Délibération n° 12 », its title on the next line.
        None => p.logical[body.clone()].iter().map(|l| l.text.trim()).find(|t| !t.is_empty()).map(strip_internal_code),
    };
    let decide_start = body
        .clone()
        .find(|&i| opens_deciding_part(&folded_lines[i]) || assembly_decides(&folded_lines[i]))
        .unwrap_or(range.end);
    let signature_start = signature_after(folded_lines, decide_start, range.end);
    fields.rapporteur = rapporteur_in(p, range.start..signature_start);
    fields.quote = deciding_quote(p, folded_lines, decide_start, signature_start).or_else(|| {
        // « Le Conseil Municipal APPROUVE la convention … » decides in its own sentence.
        p.logical
            .get(decide_start)
            .filter(|_| decide_start < signature_start)
            .and_then(|l| split_sentences(&l.text).into_iter().next())
    });
    if fields.quote.is_none() {
        fields.notes.push("dispositif (« Décide », « Article 1 ») introuvable".to_string());
        fields.quote = fields.title.clone();
    }
    (fields, scope_of(p, range.start..signature_start, decide_start))
}

/// The deliberations of minutes or a register that prints several, each with its heading: the
/// headings of one form (a document numbers its deliberations one way) with two numbers at least,
/// each number once, at its first heading that is not an agenda's line (an agenda prints its
/// headings on consecutive lines). Fewer than two: the document holds one deliberation.
fn deliberation_items(lines: &[Logical]) -> Vec<(usize, Heading)> {
    let headings: Vec<(usize, Heading)> =
        lines.iter().enumerate().filter_map(|(i, l)| deliberation_heading(&l.text).map(|h| (i, h))).collect();
    let mut best: Vec<(usize, Heading)> = Vec::new();
    for form in [HeadingForm::Numero, HeadingForm::Deliberation, HeadingForm::YearRank, HeadingForm::Register] {
        let of_form: Vec<&(usize, Heading)> = headings.iter().filter(|(_, h)| h.form == form).collect();
        let mut items: Vec<(usize, Heading)> = Vec::new();
        for (i, h) in &of_form {
            let agenda = of_form.iter().any(|(j, _)| *j == i + 1);
            if !agenda && !items.iter().any(|(_, seen)| seen.number == h.number) {
                items.push((*i, h.clone()));
            }
        }
        let earlier = match (items.first(), best.first()) {
            (Some((a, _)), Some((b, _))) => a < b,
            _ => true,
        };
        if items.len() >= 2 && earlier {
            best = items;
        }
    }
    best
}

/// Where a register's deciding part starts: « Délibère », « Décide », the first article.
fn opens_deciding_part(f: &str) -> bool {
    let f = f.trim_start_matches(['-', ' ']);
    f.starts_with("delibere")
        || f.starts_with("decide")
        || f.starts_with("article 1")
        || f.starts_with("article premier")
        || f.starts_with("article unique")
        || f.contains("apres en avoir delibere")
}

/// « Le Conseil Municipal APPROUVE la convention… », « Le comité syndical décide… »: in minutes, the
/// assembly that decides in the sentence that opens a line.
fn assembly_decides(f: &str) -> bool {
    let assembly = ["le conseil", "le comite", "le bureau", "la commission permanente", "l'assemblee"]
        .iter()
        .any(|a| f.starts_with(a));
    assembly
        && ["approuve", "decide", "adopte", "autorise", "accepte", "attribue"].iter().any(|v| find_word(f, v).is_some())
}

/// The signature block after the deciding part, else the end of the range.
fn signature_after(folded_lines: &[String], decide_start: usize, end: usize) -> usize {
    (decide_start..end)
        .find(|&i| {
            is_signature_mark(&folded_lines[i]) || folded_lines[i].starts_with("cette proposition mise aux voix")
        })
        .unwrap_or(end)
}

/// The rapporteur named in a range: « Rapporteur : X », or « Rapporteur : » alone, as sites print it,
/// with the person on the next line.
fn rapporteur_in(p: &Prepared, range: Range<usize>) -> Option<String> {
    range.clone().find_map(|i| {
        let l = &p.logical[i];
        rapporteur_of(&l.text).or_else(|| {
            let label = folded(l.text.trim()).trim_end_matches([' ', ':']) == "rapporteur";
            let next = p.logical.get(i + 1).filter(|_| label)?;
            rapporteur_of(&format!("Rapporteur : {}", next.text))
        })
    })
}

/// The lines of a range, those from `decide_start` on marked deciding.
fn scope_of(p: &Prepared, range: Range<usize>, decide_start: usize) -> Scope {
    let mut scope = Scope { lines: Vec::new(), deciding: Vec::new() };
    for i in range {
        scope.lines.push(p.logical[i].text.clone());
        scope.deciding.push(i >= decide_start);
    }
    scope
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
        // Each mention in turn: « Présents : M. X, … » names them, « - Présents : 29 - » counts them.
        let mut from = 0;
        while let Some(pos) = at(from) {
            from = pos + label.len();
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
        let inline = match text.split_once(':') {
            Some((_, r)) => Some(r.trim()).filter(|r| !r.is_empty()),
            // « DECIDE d’attribuer une subvention … »: the word and its sentence on one line.
            None => Some(text.trim()).filter(|t| t.split_whitespace().count() > 2 && !is_article(&trimmed(i))),
        };
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

    fn one(text: &str) -> (Fields, Scope) {
        let mut read = read_register(&Prepared::new(text));
        assert_eq!(read.len(), 1, "one deliberation");
        read.remove(0)
    }

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
        let (fields, scope) = one(ISTRES);
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
        let (fields, _) = one(text);
        assert_eq!(fields.date.map(|d| d.to_string()).as_deref(), Some("2024-03-15"));
        assert_eq!(fields.instance.as_deref(), Some("Conseil municipal de Martigues"));
        assert_eq!(fields.quote.as_deref(), Some("la convention est approuvée."));
    }

    #[test]
    fn a_register_without_its_deciding_part_says_so() {
        let text = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU BUREAU DE LA MÉTROPOLE\nSéance du 7 décembre 2023\nCHL-059-15101/23/BM – Adhésion à l'association Alliance Villes Emploi";
        let (fields, _) = one(text);
        assert_eq!(fields.instance.as_deref(), Some("Bureau de la Métropole"));
        assert_eq!(fields.reference.as_deref(), Some("CHL-059-15101/23/BM"));
        assert_eq!(fields.quote, fields.title, "the title stands for the missing article");
        assert_eq!(fields.notes, ["dispositif (« Délibère », « Article 1 ») introuvable"]);
    }

    #[test]
    fn a_municipal_council_without_its_commune_is_reported() {
        let (fields, _) = one("Extrait du registre du conseil municipal\nSéance du 3 mai 2024");
        assert_eq!(fields.instance.as_deref(), Some("Conseil municipal"));
        assert!(fields.notes.contains(&"commune du conseil municipal introuvable dans l'en-tête".to_string()));
    }

    #[test]
    fn minutes_of_several_deliberations_give_one_each_an_agenda_does_not() {
        let text = "Compte rendu du conseil municipal du 5 avril 2004
L'an deux mil quatre, le cinq avril, le Conseil Municipal de la Commune de Fontclaire s'est réuni.
ORDRE DU JOUR
N°2004/04/01 : SUBVENTION A L'ASSOCIATION TREMPLIN
N°2004/04/02 : CONVENTION AVEC LE CENTRE SOCIAL
N°2004/04/01 : SUBVENTION A L'ASSOCIATION TREMPLIN
DECIDE d'attribuer une subvention de 500 € à l'association Tremplin.
N°2004/04/02 : CONVENTION AVEC LE CENTRE SOCIAL
Le Conseil Municipal APPROUVE la convention et AUTORISE le Maire à la signer.";
        let read = read_register(&Prepared::new(text));
        let got: Vec<(Option<&str>, Option<&str>, usize)> =
            read.iter().map(|(f, scope)| (f.reference.as_deref(), f.quote.as_deref(), scope.lines.len())).collect();
        assert_eq!(
            got,
            [
                (Some("2004/04/01"), Some("DECIDE d'attribuer une subvention de 500 € à l'association Tremplin."), 2),
                (
                    Some("2004/04/02"),
                    Some("Le Conseil Municipal APPROUVE la convention et AUTORISE le Maire à la signer."),
                    2
                )
            ],
            "the agenda's lines are the head's"
        );
        assert!(read.iter().all(|(f, _)| f.instance.as_deref() == Some("Conseil municipal de Fontclaire")));
        assert!(read.iter().all(|(f, _)| f.date.map(|d| d.to_string()).as_deref() == Some("2004-04-05")));
        let one =
            read_register(&Prepared::new("Séance du 3 mai 2024\nN°54 - Autoriser le Maire\nN°54 - Autoriser le Maire"));
        assert_eq!(one.len(), 1, "one number printed twice is one deliberation");
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
        assert_eq!(
            members_present(&folded(
                "Présents : M. Jean BRARD, Maire. Conseillers en exercice : 33 - Présents : 29 - Votants : 33"
            )),
            Some(29),
            "the count after the names"
        );
    }
}
