//! The Métropole's portal listing: a page lists the deliberations of a séance, each under
//! "Délibération du JJ/MM/AAAA", then labelled lines (Instance, Rapporteur, Objet, Résumé,
//! Incidence financière — a label with its value, or alone above it) or cells separated by tabs
//! or bars.

use std::collections::HashMap;

use crate::core::model::IsoDate;

use super::amounts::amounts_in;
use super::dates::dates_in;
use super::people::person_name;
use super::reference::reference_len;
use super::shape::{instance_in, labelled, Fields};
use super::text::{folded, Folded, Logical, Prepared, Scope};

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

/// Reads every deliberation of a portal listing, in order: a page of the portal lists all those of
/// a séance, each under its header "Délibération du JJ/MM/AAAA". What comes before the first
/// header ("238 résultat(s)", the site's menus) is not read.
pub(super) fn read_portal(p: &Prepared) -> Vec<(Fields, Scope)> {
    let headers: Vec<usize> =
        p.logical.iter().enumerate().filter(|(_, l)| portal_header(&l.text).is_some()).map(|(i, _)| i).collect();
    if headers.is_empty() {
        return vec![read_entry(&p.logical)];
    }
    headers
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = headers.get(k + 1).copied().unwrap_or(p.logical.len());
            read_entry(&p.logical[start..end])
        })
        .collect()
}

/// One deliberation of the listing: the date of its header, its columns, the reference at the
/// head of its object. The scope is the object, the summary and the financial incidence: the
/// listing has no articles.
fn read_entry(lines: &[Logical]) -> (Fields, Scope) {
    let mut fields = Fields::default();
    let Some(header_line) = lines.first() else { return (fields, Scope { lines: Vec::new(), deciding: Vec::new() }) };
    let header = &header_line.text;
    let (date, after_date) = portal_header(header).map_or((None, header.len()), |(d, e)| (Some(d), e));
    fields.date = date;

    // Labelled lines ("Objet : …", or "Objet" alone with its value on the lines below), else
    // cells separated by tabs or bars on the header line, else one cell a line.
    let mut values: HashMap<PortalField, String> = HashMap::new();
    let mut current: Option<PortalField> = None;
    let mut unlabelled: Vec<String> = Vec::new();
    for l in &lines[1..] {
        match label_of(&l.text) {
            Some((field, value)) => {
                let v = values.entry(field).or_default();
                if !v.is_empty() && !value.is_empty() {
                    v.push(' ');
                }
                v.push_str(value);
                current = Some(field);
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
    // The portal writes the financial incidence at the end of the summary.
    if let Some(summary) = values.get(&PortalField::Resume).cloned() {
        let f = Folded::new(&summary);
        if let Some(at) = f.text.find("incidence financiere") {
            let cut = f.orig(at);
            let (before, after) = summary.split_at(cut);
            let after = after.split_once(':').map_or("", |(_, v)| v).trim().to_string();
            values.insert(PortalField::Resume, before.trim().to_string());
            values.entry(PortalField::Incidence).or_insert(after);
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
        fields.reference = lines.iter().find_map(|l| {
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

/// A labelled line of the listing: "Objet : …", "RAPPORTEUR : …", or the label alone ("Objet",
/// "Résumé") whose value follows on the next lines. The field and the value on the line.
fn label_of(line: &str) -> Option<(PortalField, &str)> {
    let f = folded(line);
    let f = f.trim();
    for (label, field) in PORTAL_LABELS {
        let Some(rest) = f.strip_prefix(label) else { continue };
        let rest = rest.trim_start();
        if rest.is_empty() || rest == ":" {
            return Some((field, ""));
        }
        if rest.starts_with(':') {
            return Some((field, labelled(line, &[label]).unwrap_or("")));
        }
    }
    None
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

    fn first(text: &str) -> (Fields, Scope) {
        read_portal(&Prepared::new(text)).into_iter().next().expect("one deliberation")
    }

    #[test]
    fn labelled_lines_in_capitals() {
        let text = "Délibération du 14/05/2024
INSTANCE : Conseil
RAPPORTEUR : M. Jean-Pierre SERRUS
OBJET : HN 001-8073/24/CM – Approbation d'une convention avec la Fondation Æsthétique
qui soutient l'emploi des jeunes
RÉSUMÉ : La Métropole attribue une subvention de 1,2 million d'euros à la Fondation.
INCIDENCE FINANCIÈRE : oui";
        let (fields, scope) = first(text);
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
        let (fields, _) = first(text);
        assert_eq!(fields.instance.as_deref(), Some("Bureau de la Métropole"));
        assert_eq!(fields.rapporteur.as_deref(), Some("Martial Alvarez"));
        assert_eq!(fields.reference.as_deref(), Some("CHL-061-15103/23/BM"));
        assert_eq!(fields.title.as_deref(), Some("Subvention à Tremplin"));
    }

    #[test]
    fn what_the_listing_lacks_is_said() {
        let text = "Délibération du 07/12/2023\nObjet : Subvention à Tremplin\nIncidence financière : Oui";
        let (fields, _) = first(text);
        assert_eq!(fields.title.as_deref(), Some("Subvention à Tremplin"));
        assert!(fields.reference.is_none());
        assert!(fields.notes.contains(&"incidence financière annoncée mais aucun montant donné".to_string()));
    }

    #[test]
    fn every_deliberation_of_a_page_is_read_labels_alone_on_their_line() {
        // The portal's page as a browser copies it: a count, then each deliberation of the séance.
        let text = "238 résultat(s)
Délibération du 24/10/2019
Instance : Bureau de la Métropole
Commission : Environnement
Rapporteur : Monsieur BURLE Christian
Objet
Demande de subvention d'investissement pour un espace test agricole
Résumé
Le projet prévoit un bâtiment d'exploitation. Incidence financière : Coût total 1 500 000 euros TTC.
Délibération du 24/10/2019
Instance : Bureau de la Métropole
Rapporteur : Madame ALIPHAT Béatrice
Objet
Renouvellement de l'adhésion à l'association Amorce et paiement de la cotisation 2019
Résumé
La cotisation s'élève à 2.500 €. Incidence financière : Oui";
        let entries = read_portal(&Prepared::new(text));
        assert_eq!(entries.len(), 2);
        let (a, scope_a) = &entries[0];
        assert_eq!(a.title.as_deref(), Some("Demande de subvention d'investissement pour un espace test agricole"));
        assert_eq!(a.rapporteur.as_deref(), Some("Burle Christian"));
        assert_eq!(
            scope_a.lines,
            [
                "Demande de subvention d'investissement pour un espace test agricole",
                "Le projet prévoit un bâtiment d'exploitation.",
                "Coût total 1 500 000 euros TTC."
            ]
        );
        let (b, scope_b) = &entries[1];
        assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2019-10-24"));
        assert!(b.title.as_deref().is_some_and(|t| t.starts_with("Renouvellement de l'adhésion")));
        assert!(scope_b.lines.iter().any(|l| !amounts_in(l).is_empty()));
        assert!(!b.notes.iter().any(|n| n.starts_with("incidence financière annoncée")), "{:?}", b.notes);
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
