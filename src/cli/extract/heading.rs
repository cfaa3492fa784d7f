//! The number and the title of a question of a council when no « Objet : » gives them, as minutes
//! and towns' sites print them: « N°54 - Autoriser Monsieur le Maire à signer… », « N° 08 -
//! Subventions aux associations Rapporteur Mme … », « 2013-19 : Compte administratif… »,
//! « Travaux d'enfouissement… : 2019-93 », « DCM N°17-07-06-21 », a title in capitals cut into short
//! lines (« 2011/3814 - ATTRIBUTION » / « DE » / « SUBVENTIONS » …), the first item of the minutes
//! (« 1. MISE EN VALEUR… : », « 1)Approbation des Comptes… »), else a heading that names a decision
//! (« Demandes de subventions », « ATTRIBUTIONS DE SUBVENTIONS … » in a header in capitals).

use super::dates::dates_in;
use super::reference::{reference_len, strip_internal_code};
use super::text::{folded, is_all_caps, Folded, Logical};

/// The heading of one deliberation among several that minutes or a register print one after the
/// other: its number, its title when the line gives it, and the form the document numbers them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Heading {
    pub(super) number: String,
    pub(super) title: Option<String>,
    pub(super) form: HeadingForm,
}

/// How a document numbers its deliberations: one document keeps to one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeadingForm {
    /// « N°2010/12/01 : TITLE », « N° 08 - Title ».
    Numero,
    /// « Délibération n° 2018-03-02 Title », « DELIBERATION N° 12 » (its title on the next line).
    Deliberation,
    /// « 2013-19 : Title ».
    YearRank,
    /// A register reference of the Métropole: « HN 001-071/16/BM ■ Title ».
    Register,
}

/// A line that opens a deliberation: « N°2010/12/01 : SUBVENTION… », « 2013-19 : Compte
/// administratif… », « Délibération n° 2018-03-02 Nomination… », « CHL 012-9751/21/BM ■ … ». Not a
/// deliberation cited with its date (« Délibération n° 1906201901 du 19 juin 2019 : retrait »), nor a
/// number without a title but in the « Délibération n° » form, whose title may stand below it.
pub(super) fn deliberation_heading(line: &str) -> Option<Heading> {
    let t = line.trim();
    if let Some(len) = reference_len(t) {
        let rest =
            t[len..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '■' | '-' | '–' | ':')).trim();
        let title = (!rest.is_empty()).then(|| strip_internal_code(rest));
        return Some(Heading { number: t[..len].to_string(), title, form: HeadingForm::Register });
    }
    let f = Folded::new(t);
    for prefix in ["deliberation n°", "deliberation no ", "deliberation numero ", "deliberation n "] {
        let Some(rest) = f.text.strip_prefix(prefix) else { continue };
        let rest = t[f.orig(f.text.len() - rest.len())..].trim_start();
        let number: String = rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.')).collect();
        let number = number.trim_end_matches(['.', '-']).to_string();
        if !number.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let after =
            rest[number.len()..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '■'));
        let cited =
            folded(after).strip_prefix("du ").is_some_and(|d| dates_in(d).first().is_some_and(|d| d.start == 0));
        if cited {
            return None;
        }
        let title = title_after_separator(&format!("- {after}"));
        return Some(Heading { number, title, form: HeadingForm::Deliberation });
    }
    // « N°54 - Title », « 2013-19 : Title »: with their title only (« N° : 2016/9 » numbers a recueil).
    let (number, title) = numero_line(t).or_else(|| year_rank_line(t))?;
    let title = title.filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 8)?;
    let form = if number_first_is_numero(t) { HeadingForm::Numero } else { HeadingForm::YearRank };
    Some(Heading { number, title: Some(title), form })
}

fn number_first_is_numero(t: &str) -> bool {
    let f = folded(t);
    ["n°", "no ", "numero "].iter().any(|p| f.starts_with(p))
}

/// The number of a question and its title, from the first line of the head that numbers one; else
/// the number a register's title line ends with (« EXTRAIT DU REGISTRE DES DELIBERATIONS … D'AIX EN
/// PROVENCE N° DL.2015-306 »).
pub(super) fn numbered_question(lines: &[Logical]) -> Option<(String, Option<String>)> {
    question(lines).or_else(|| lines.iter().find_map(|l| register_number(&l.text)).map(|n| (n, None)))
}

/// « … REGISTRE DES DELIBERATIONS … N° DL.2015-306 »: the number at the end of a register's title.
fn register_number(line: &str) -> Option<String> {
    let f = Folded::new(line);
    if !f.text.contains("deliberation") {
        return None;
    }
    let at = f.text.rfind("n° ").or_else(|| f.text.rfind("n°"))?;
    let rest = line[f.orig(at)..].trim_start_matches(|c: char| !c.is_ascii_alphanumeric() || c == 'N' || c == 'n');
    let number: String = rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.')).collect();
    let number = number.trim_end_matches(['.', '-']);
    let whole = rest[number.len()..].trim().is_empty();
    (whole && number.chars().any(|c| c.is_ascii_digit())).then(|| number.to_string())
}

fn question(lines: &[Logical]) -> Option<(String, Option<String>)> {
    for (i, l) in lines.iter().enumerate() {
        let Some((number, title)) = question_line(&l.text) else { continue };
        let title = title.map(|t| continued_in_capitals(t, &lines[i + 1..]));
        return Some((number, title));
    }
    None
}

/// The title of the first item of minutes (« 1. », « 1) », « 1 - », « 01 - », « 1°) »), up to its
/// « : » or where the report starts (« Monsieur le Président… soumet »).
pub(super) fn first_item_title(lines: &[Logical]) -> Option<String> {
    for l in lines {
        let t = l.text.as_str();
        let mut starts: Vec<usize> = vec![0];
        starts.extend(t.match_indices(". ").map(|(i, _)| i + 2));
        for at in starts {
            let Some(body) = item_body(&t[at..]) else { continue };
            let title = cut_title(body);
            if title.chars().filter(|c| c.is_alphabetic()).count() >= 8 {
                return Some(title);
            }
        }
    }
    None
}

/// A heading that names a decision: a line that opens with a decision's word (« Demandes de
/// subventions », « Attribution des subventions aux associations… »), else a run of capitals that
/// does (« … CP DU 10 AVRIL 2014 ATTRIBUTIONS DE SUBVENTIONS … LA COMMISSION PERMANENTE … »).
pub(super) fn heading_title(lines: &[Logical]) -> Option<String> {
    let opens_with_decision = |t: &str| {
        let f = folded(t);
        let words: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(3).collect();
        words.first().is_some_and(|w| DECISION_WORDS.contains(w))
    };
    let line = lines.iter().map(|l| l.text.trim()).find(|t| {
        t.chars().count() <= 200
            && !t.ends_with(':')
            && t.chars().next().is_some_and(char::is_uppercase)
            && opens_with_decision(t)
    });
    if let Some(t) = line {
        return Some(t.trim_end_matches('.').to_string());
    }
    lines.iter().find_map(|l| capitals_run(&l.text))
}

/// Words a decision's title opens with.
const DECISION_WORDS: [&str; 22] = [
    "attribution",
    "attributions",
    "subvention",
    "subventions",
    "demande",
    "demandes",
    "soutien",
    "convention",
    "conventions",
    "adhesion",
    "approbation",
    "autorisation",
    "autoriser",
    "cotisation",
    "cotisations",
    "participation",
    "avenant",
    "vote",
    "renouvellement",
    "versement",
    "octroi",
    "signature",
];

/// « N°54 - Title », « DCM N°17-07-06-21 (…) », « N°2010/12/01 : TITLE », « 2013-19 : Title »,
/// « Title : 2019-93 » → (number, title).
fn question_line(line: &str) -> Option<(String, Option<String>)> {
    let t = line.trim();
    // An acronym of the register may come first: « DCM N°17-07-06-21 ».
    let acronym = t.split_whitespace().next().filter(|w| (2..=6).contains(&w.len()) && is_all_caps(w));
    let lead = acronym.map_or(0, |a| a.len() + 1);
    let after_lead = t.get(lead..).unwrap_or("");
    if number_first_is_numero(after_lead) {
        return numero_line(after_lead);
    }
    if acronym.is_some() {
        return None;
    }
    if let Some(found) = year_rank_line(t) {
        return Some(found);
    }
    // « Travaux d'enfouissement… - versement fonds de concours : 2019-93 ».
    let (title, number) = t.rsplit_once(" : ")?;
    let number = number.trim();
    (bare_number(number) && number.len() >= 6 && title.chars().filter(|c| c.is_alphabetic()).count() >= 8)
        .then(|| (number.to_string(), Some(title.trim().to_string())))
}

/// « N°54 - Title », « N° 08 - Title », « N°2010/12/01 : TITLE » at the start of `t`.
fn numero_line(t: &str) -> Option<(String, Option<String>)> {
    let f = Folded::new(t);
    for prefix in ["n°", "no ", "numero "] {
        let Some(rest) = f.text.strip_prefix(prefix) else { continue };
        let start = f.orig(f.text.len() - rest.len());
        let rest = t[start..].trim_start();
        let number: String = rest.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.')).collect();
        let number = number.trim_end_matches(['.', '-']).to_string();
        if !number.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // « Numéro 19 - 1er Octobre 2017 RECUEIL… »: a number followed by a date numbers a publication.
        let title = title_after_separator(&rest[number.len()..])
            .filter(|t| dates_in(&folded(t)).first().is_none_or(|d| d.start != 0));
        return Some((number, title));
    }
    None
}

/// « 2013-19 : Compte administratif… », « 2011/3814 - ATTRIBUTION »: a number with one separator.
fn year_rank_line(t: &str) -> Option<(String, Option<String>)> {
    let number: String = t.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '-')).collect();
    if !bare_number(&number) {
        return None;
    }
    let title = title_after_separator(&t[number.len()..])?;
    Some((number, Some(title)))
}

/// « 2013-19 », « 2011/3814 », « 2019-93 »: digits, one « - » or « / », digits.
fn bare_number(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    parts.len() == 2
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0].len() >= 2
}

/// The title after « - », « – » or « : », without the rapporteur a site prints after it.
fn title_after_separator(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(['-', '–', ':'])?.trim();
    let f = Folded::new(rest);
    let end =
        ["- rapporteur", "rapporteur "].iter().filter_map(|m| f.text.find(m)).min().map_or(rest.len(), |at| f.orig(at));
    let title = rest[..end].trim().trim_end_matches(['-', '–']).trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// A title in capitals that the page cut into short lines goes on while the lines are capitals.
pub(super) fn continued_in_capitals(title: String, next: &[Logical]) -> String {
    if !is_all_caps(&title) {
        return title;
    }
    let mut out = title;
    for l in next.iter().take(12) {
        let t = l.text.trim();
        if !is_all_caps(t) && !t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
            break;
        }
        if t.chars().all(|c| !c.is_alphabetic()) {
            break;
        }
        // A section of the report in capitals is no part of the title: « NOTE DE SYNTHESE », « VU … ».
        let f = folded(t);
        if SECTIONS.iter().any(|s| f.starts_with(s)) {
            break;
        }
        out.push(' ');
        out.push_str(t);
    }
    out
}

/// Words that open a section of a report, after its title.
const SECTIONS: [&str; 7] = ["note de synthese", "expose", "rapport", "vu ", "considerant", "le conseil", "decide"];

/// The text of an item that starts `s`: « 1. X », « 1) X », « 1)X », « 1 - X », « 01 - X », « 1°) X ».
fn item_body(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("01").or_else(|| s.strip_prefix('1'))?;
    let rest = rest.strip_prefix('°').unwrap_or(rest);
    let rest = [". ", ") ", ")", " - ", " – ", ".- "].iter().find_map(|m| rest.strip_prefix(m))?;
    let rest = rest.trim_start();
    rest.chars().next().filter(|c| c.is_uppercase()).map(|_| rest)
}

/// An item's title: up to its « : », the end of its sentence or the report that follows it.
fn cut_title(body: &str) -> String {
    let f = Folded::new(body);
    let ends = [" : ", ". ", " monsieur le ", " madame la ", " / "];
    let end = ends.iter().filter_map(|m| f.text.find(m)).min().map_or(body.len(), |at| f.orig(at));
    body[..end].trim().trim_end_matches(['.', ':']).trim().to_string()
}

/// A run of capitals opening with a decision's word, to an assembly that follows it or its visas.
fn capitals_run(line: &str) -> Option<String> {
    let words = words_at(line);
    let start = words.iter().position(|(_, w)| {
        is_all_caps(w) && DECISION_WORDS.contains(&folded(w).trim_matches(|c: char| !c.is_alphanumeric()))
    })?;
    let mut end = start;
    for (k, (_, w)) in words.iter().enumerate().skip(start) {
        let f = folded(w);
        let next = words.get(k + 1).map(|(_, n)| folded(n)).unwrap_or_default();
        let opens_assembly =
            matches!(f.as_str(), "la" | "le") && matches!(next.as_str(), "commission" | "conseil" | "bureau");
        let letters_caps = w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        if f == "vu" || opens_assembly || !letters_caps {
            break;
        }
        end = k;
    }
    let (from, _) = words[start];
    let (last_at, last) = words[end];
    let run = line[from..last_at + last.len()].trim_end_matches([',', ';', '.']).to_string();
    (run.split_whitespace().count() >= 3).then_some(run)
}

/// The words of a line with where each starts.
fn words_at(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::extract::text::Prepared;

    fn lines(text: &str) -> Vec<Logical> {
        Prepared::new(text).logical
    }

    #[test]
    fn numbered_questions_as_sites_and_minutes_print_them() {
        let q = |t: &str| question_line(t).map(|(n, title)| (n, title.unwrap_or_default()));
        assert_eq!(
            q("N°54 - Autoriser Monsieur le Maire à signer une convention"),
            Some(("54".into(), "Autoriser Monsieur le Maire à signer une convention".into()))
        );
        assert_eq!(
            q("N° 08 - Subventions aux associations Rapporteur Mme Marcolini"),
            Some(("08".into(), "Subventions aux associations".into()))
        );
        assert_eq!(
            q("N°06 - Subventions aux Associations - Rapporteur Mme Marcolini"),
            Some(("06".into(), "Subventions aux Associations".into()))
        );
        assert_eq!(
            q("N°2010/12/01 : SUBVENTION SUPPLEMENTAIRE A L’ASSOCIATION « LES ENFANTS »"),
            Some(("2010/12/01".into(), "SUBVENTION SUPPLEMENTAIRE A L’ASSOCIATION « LES ENFANTS »".into()))
        );
        assert_eq!(
            q("2013-19 : Compte administratif du budget général 2012"),
            Some(("2013-19".into(), "Compte administratif du budget général 2012".into()))
        );
        assert_eq!(
            q("Travaux d'enfouissement réseaux électriques - versement fonds de concours : 2019-93"),
            Some((
                "2019-93".into(),
                "Travaux d'enfouissement réseaux électriques - versement fonds de concours".into()
            ))
        );
        assert_eq!(
            q("DCM N°17-07-06-21 (116,40 ko, publié le 07/08/2017)"),
            Some(("17-07-06-21".into(), String::new()))
        );
        assert_eq!(q("N° : 2016/9"), None, "a recueil's number is no question");
        assert_eq!(
            q("Numéro 19 - 1er Octobre 2017 RECUEIL DES ACTES"),
            Some(("19".into(), String::new())),
            "no title: a date"
        );
        assert_eq!(q("15/04/2021 : signature"), None, "a date is no number");
        assert_eq!(q("1 / 47"), None);
    }

    #[test]
    fn headings_of_deliberations_printed_one_after_the_other() {
        let h = |t: &str| deliberation_heading(t).map(|h| (h.number, h.title, h.form));
        assert_eq!(
            h("N°2004/04/02 : FERMETURE DE LA CRECHE DU BOURG"),
            Some(("2004/04/02".into(), Some("FERMETURE DE LA CRECHE DU BOURG".into()), HeadingForm::Numero))
        );
        assert_eq!(
            h("2013-20 : Subvention au Comité des fêtes"),
            Some(("2013-20".into(), Some("Subvention au Comité des fêtes".into()), HeadingForm::YearRank))
        );
        assert_eq!(
            h("Délibération N° 2018-03-02 Nomination secrétaire de séance"),
            Some(("2018-03-02".into(), Some("Nomination secrétaire de séance".into()), HeadingForm::Deliberation))
        );
        assert_eq!(h("DELIBERATION N° 12"), Some(("12".into(), None, HeadingForm::Deliberation)), "title below");
        assert_eq!(
            h("HN 001-071/16/BM ■ Attribution d'une subvention"),
            Some(("HN 001-071/16/BM".into(), Some("Attribution d'une subvention".into()), HeadingForm::Register))
        );
        assert_eq!(h("Délibération n° 1906201901 du 19 juin 2019 : reformulation et retrait"), None, "cited");
        assert_eq!(h("2012-2013 : 45 000 €"), None, "a table's line");
        assert_eq!(h("N° : 2016/9"), None);
        assert_eq!(h("1°) Lui donne acte de la présentation"), None);
    }

    #[test]
    fn the_number_a_registers_title_ends_with() {
        assert_eq!(
            register_number("EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL DE LA VILLE D'AIX EN PROVENCE N° DL.2015-306").as_deref(),
            Some("DL.2015-306")
        );
        assert_eq!(register_number("- Arrêté n° 17/54 du 8 septembre 2017 donnant délégation de signature"), None);
        assert_eq!(register_number("VU La délibération n CR du 16 avril 2010"), None);
    }

    #[test]
    fn a_title_in_capitals_cut_into_lines_is_whole_again() {
        let l = lines("2011/3814 - ATTRIBUTION\nDE\nSUBVENTIONS\nDE\nFONCTIONNEMENT A DES STRUCTURES\n(DIRECTION DES AFFAIRES CULTURELLES)\nLe Conseil Municipal,");
        assert_eq!(
            numbered_question(&l),
            Some((
                "2011/3814".into(),
                Some("ATTRIBUTION DE SUBVENTIONS DE FONCTIONNEMENT A DES STRUCTURES (DIRECTION DES AFFAIRES CULTURELLES)".into())
            ))
        );
    }

    #[test]
    fn the_first_item_of_minutes() {
        assert_eq!(
            first_item_title(&lines("ORDRE DU JOUR\n1. MISE EN VALEUR DES QUAIS DU CANAL : A")).as_deref(),
            Some("MISE EN VALEUR DES QUAIS DU CANAL")
        );
        assert_eq!(
            first_item_title(&lines(
                "Adopté à l unanimité. 1)Approbation des Comptes de Gestion 2014 : Commune, services"
            ))
            .as_deref(),
            Some("Approbation des Comptes de Gestion 2014")
        );
        assert_eq!(
            first_item_title(&lines(
                "1 - Approbation du budget supplémentaire 2018 Monsieur le Président soumet au Conseil"
            ))
            .as_deref(),
            Some("Approbation du budget supplémentaire 2018")
        );
        assert_eq!(first_item_title(&lines("Article 1 : la convention est approuvée.\n10 membres")), None);
    }

    #[test]
    fn headings_that_name_a_decision() {
        assert_eq!(
            heading_title(&lines("• Conseil du 15 avril 2019\nDemandes de subventions\nConseil du 15 avril 2019"))
                .as_deref(),
            Some("Demandes de subventions")
        );
        assert_eq!(
            heading_title(&lines("1 CP DELIBERATION N CP DU 10 AVRIL 2014 ATTRIBUTIONS DE SUBVENTIONS POUR L ANNEE 2014 LA COMMISSION PERMANENTE DU CONSEIL VU Le Code"))
                .as_deref(),
            Some("ATTRIBUTIONS DE SUBVENTIONS POUR L ANNEE 2014")
        );
        assert_eq!(heading_title(&lines("Le Conseil municipal approuve la convention.")), None);
    }
}
