//! The Métropole's portal listing: "Délibération du JJ/MM/AAAA" then labelled lines (Instance,
//! Rapporteur, Objet, Résumé, Incidence financière) or cells separated by tabs or bars.

use std::collections::HashMap;

use crate::core::model::IsoDate;

use super::amounts::amounts_in;
use super::dates::dates_in;
use super::people::person_name;
use super::reference::reference_len;
use super::shape::{instance_in, labelled, Fields};
use super::text::{folded, Folded, Prepared, Scope};

/// A column of the portal's listing.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum PortalField {
    Instance,
    Commission,
    Rapporteur,
    Objet,
    Resume,
    Incidence,
    Reference,
}

/// The columns in the order the listing gives them, for cells without labels.
const PORTAL_ORDER: [PortalField; 6] = [
    PortalField::Instance,
    PortalField::Commission,
    PortalField::Rapporteur,
    PortalField::Objet,
    PortalField::Resume,
    PortalField::Incidence,
];

/// The labels of the columns, folded (the longer before the shorter one it starts with).
const PORTAL_LABELS: [(&str, PortalField); 10] = [
    ("instance", PortalField::Instance),
    ("commission", PortalField::Commission),
    ("rapporteur", PortalField::Rapporteur),
    ("objet", PortalField::Objet),
    ("resume", PortalField::Resume),
    ("incidence financiere", PortalField::Incidence),
    ("incidence", PortalField::Incidence),
    ("reference", PortalField::Reference),
    ("numero", PortalField::Reference),
    ("n°", PortalField::Reference),
];

/// Reads the first deliberation of a portal listing (a file holds one; more are reported): the
/// date of its header, its columns, the reference at the head of its object. The scope is the
/// object, the summary and the financial incidence: the listing has no articles.
pub(super) fn read_portal(p: &Prepared) -> (Fields, Scope) {
    let mut fields = Fields::default();
    let headers: Vec<usize> =
        p.logical.iter().enumerate().filter(|(_, l)| portal_header(&l.text).is_some()).map(|(i, _)| i).collect();
    let first = headers.first().copied().unwrap_or(0);
    let end = headers.get(1).copied().unwrap_or(p.logical.len());
    match headers.len().saturating_sub(1) {
        0 => {}
        1 => fields.notes.push("1 autre délibération dans ce fichier non lue : une délibération par fichier".into()),
        n => fields
            .notes
            .push(format!("{n} autres délibérations dans ce fichier non lues : une délibération par fichier")),
    }
    let header = &p.logical[first].text;
    let (date, after_date) = portal_header(header).map_or((None, header.len()), |(d, e)| (Some(d), e));
    fields.date = date;

    // Labelled lines ("Objet : …"), else cells separated by tabs or bars on the header line, else one cell a line.
    let mut values: HashMap<PortalField, String> = HashMap::new();
    let mut current: Option<PortalField> = None;
    let mut unlabelled: Vec<String> = Vec::new();
    for l in &p.logical[first + 1..end] {
        let f = folded(&l.text);
        let label =
            PORTAL_LABELS.iter().find(|(lab, _)| f.strip_prefix(lab).is_some_and(|r| r.trim_start().starts_with(':')));
        match label {
            Some((lab, field)) => {
                let value = labelled(&l.text, &[lab]).unwrap_or("").to_string();
                values.insert(*field, value);
                current = Some(*field);
            }
            None => match current {
                Some(field) => {
                    let v = values.entry(field).or_default();
                    if !v.is_empty() {
                        v.push(' ');
                    }
                    v.push_str(&l.text);
                }
                None => unlabelled.push(l.text.clone()),
            },
        }
    }
    if values.is_empty() {
        let rest = header[after_date..].trim_start_matches([',', ';', ' ', '\t', '|']);
        let cells: Vec<String> = if rest.contains('\t') || rest.contains('|') {
            rest.split(['\t', '|']).map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
        } else {
            unlabelled.clone()
        };
        for (field, cell) in PORTAL_ORDER.iter().zip(cells) {
            values.insert(*field, cell);
        }
    }

    fields.instance = values.get(&PortalField::Instance).filter(|v| !v.is_empty()).map(|v| {
        let f = folded(v);
        instance_in(&f).unwrap_or_else(|| {
            if f.trim() == "bureau" {
                "Bureau de la Métropole".to_string()
            } else if f.trim() == "conseil" {
                "Conseil de la Métropole".to_string()
            } else {
                v.trim().to_string()
            }
        })
    });
    fields.rapporteur = values.get(&PortalField::Rapporteur).map(|v| person_name(v)).filter(|v| !v.is_empty());
    if let Some(objet) = values.get(&PortalField::Objet).filter(|v| !v.is_empty()) {
        match reference_len(objet.trim()) {
            Some(len) => {
                let o = objet.trim();
                fields.reference = Some(o[..len].to_string());
                let rest = o[len..]
                    .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ':' | '■'))
                    .trim();
                fields.title = (!rest.is_empty()).then(|| rest.to_string());
            }
            None => fields.title = Some(objet.trim().to_string()),
        }
    }
    if let Some(r) = values.get(&PortalField::Reference).map(|r| r.trim()).filter(|r| !r.is_empty()) {
        fields.reference = Some(r.to_string());
    }
    if fields.reference.is_none() {
        fields.reference = p.logical[first..end].iter().find_map(|l| {
            let t = l.text.trim();
            reference_len(t).filter(|&len| len == t.len()).map(|_| t.to_string())
        });
    }
    fields.quote = values.get(&PortalField::Objet).map(|o| o.trim().to_string()).filter(|o| !o.is_empty());
    let incidence = values.get(&PortalField::Incidence).map(|v| folded(v)).unwrap_or_default();

    let mut scope = Scope { lines: Vec::new(), deciding: Vec::new() };
    for field in [PortalField::Objet, PortalField::Resume, PortalField::Incidence] {
        if let Some(v) = values.get(&field).filter(|v| !v.is_empty()) {
            scope.lines.push(v.clone());
            scope.deciding.push(true);
        }
    }
    if incidence.trim().starts_with("oui") && !scope.lines.iter().any(|l| !amounts_in(l).is_empty()) {
        fields.notes.push("incidence financière annoncée mais aucun montant donné".to_string());
    }
    fields.notes.push(
        "la liste du portail ne donne pas le texte des articles : montants et liens d'après l'objet et le résumé"
            .to_string(),
    );
    (fields, scope)
}

/// "Délibération du 07/12/2023" at the start of a line → the date.
pub(super) fn portal_header(line: &str) -> Option<(IsoDate, usize)> {
    let f = Folded::new(line);
    let rest = f.text.strip_prefix("deliberation du ")?;
    let offset = f.text.len() - rest.len();
    let d = dates_in(rest).into_iter().next().filter(|d| d.start == 0 && d.date.day.is_some())?;
    Some((d.date, f.orig(offset + d.end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_lines_in_capitals() {
        let text = "Délibération du 14/05/2024
INSTANCE : Conseil
RAPPORTEUR : M. Jean-Pierre SERRUS
OBJET : HN 001-8073/24/CM – Approbation d'une convention avec la Fondation Æsthétique
qui soutient l'emploi des jeunes
RÉSUMÉ : La Métropole attribue une subvention de 1,2 million d'euros à la Fondation.
INCIDENCE FINANCIÈRE : oui";
        let (fields, scope) = read_portal(&Prepared::new(text));
        assert_eq!(fields.date.map(|d| d.to_string()).as_deref(), Some("2024-05-14"));
        assert_eq!(fields.instance.as_deref(), Some("Conseil de la Métropole"));
        assert_eq!(fields.rapporteur.as_deref(), Some("Jean-Pierre Serrus"));
        assert_eq!(fields.reference.as_deref(), Some("HN 001-8073/24/CM"));
        assert_eq!(
            fields.title.as_deref(),
            Some("Approbation d'une convention avec la Fondation Æsthétique qui soutient l'emploi des jeunes")
        );
        assert_eq!(scope.lines.len(), 3);
        assert!(scope.deciding.iter().all(|d| *d));
        assert!(!fields.notes.iter().any(|n| n.starts_with("incidence financière annoncée")));
    }

    #[test]
    fn cells_separated_by_tabs_on_the_header_line() {
        let text = "Délibération du 07/12/2023\tBureau\tEmploi\tMartial ALVAREZ\tCHL-061-15103/23/BM Subvention à Tremplin\t\tOui";
        let (fields, _) = read_portal(&Prepared::new(text));
        assert_eq!(fields.instance.as_deref(), Some("Bureau de la Métropole"));
        assert_eq!(fields.rapporteur.as_deref(), Some("Martial Alvarez"));
        assert_eq!(fields.reference.as_deref(), Some("CHL-061-15103/23/BM"));
        assert_eq!(fields.title.as_deref(), Some("Subvention à Tremplin"));
    }

    #[test]
    fn what_the_listing_lacks_is_said() {
        let text = "Délibération du 07/12/2023\nObjet : Subvention à Tremplin\nIncidence financière : Oui\nDélibération du 08/12/2023\nObjet : autre";
        let (fields, _) = read_portal(&Prepared::new(text));
        assert_eq!(fields.title.as_deref(), Some("Subvention à Tremplin"));
        assert!(fields.reference.is_none());
        assert!(fields
            .notes
            .contains(&"1 autre délibération dans ce fichier non lue : une délibération par fichier".to_string()));
        assert!(fields.notes.contains(&"incidence financière annoncée mais aucun montant donné".to_string()));
    }

    #[test]
    fn the_header_gives_the_date_and_where_it_ends() {
        let line = "Délibération du 07/12/2023 | Bureau";
        let (date, end) = portal_header(line).expect("a header");
        assert_eq!(date.to_string(), "2023-12-07");
        assert_eq!(&line[end..], " | Bureau");
        assert!(portal_header("DÉLIBÉRATION DU 7 DÉCEMBRE 2023").is_some());
        assert!(portal_header("Délibération du Bureau").is_none());
        assert!(portal_header("Délibération du décembre 2023").is_none(), "a listing's date has its day");
    }
}
